-- Unfollows are no longer announced on 'cruddur_events': the stream processes stopped keeping whom their viewers
-- follow (the fan-out, cruddur/fanout, now says whose home each crud and repost is on), and the fan-out acts on
-- follows alone (the follower's timeline is made cold; an unfollow is checked when a page is read).
CREATE OR REPLACE FUNCTION stream_follows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cruddur_events',
    json_build_object('t', 'follow', 'follower', NEW.follower_uuid, 'followed', NEW.followed_uuid)::text);
  RETURN NULL;
END
$$;
DROP TRIGGER follows_stream_changed ON follows;
CREATE TRIGGER follows_stream_changed AFTER INSERT ON follows FOR EACH ROW EXECUTE FUNCTION stream_follows_changed();
