-- The people a stream's viewer follows (its home events come from them), read once when the stream opens;
-- at most :limit of them, through the follows primary key.
SELECT followed_uuid FROM follows WHERE follower_uuid = :user_uuid LIMIT :limit;
