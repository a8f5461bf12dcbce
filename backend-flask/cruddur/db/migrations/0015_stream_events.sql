-- Real-time events (cruddur/stream): each change a stream shows is announced on the 'cruddur_events' channel
-- with pg_notify by a trigger, so it is sent only when its transaction commits, and every writer (the API,
-- the purge, a worker or a Lambda) publishes without code. Payloads are small JSON (a kind `t` and uuids);
-- the stream process looks the objects up once per event. Messages live in DynamoDB: the API's send path
-- publishes those itself (sql/stream/publish.sql).

-- A top-level crud was posted.
CREATE FUNCTION stream_crud_posted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cruddur_events', json_build_object('t', 'crud', 'uuid', NEW.uuid, 'author', NEW.user_uuid)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER activities_stream_posted AFTER INSERT ON activities
  FOR EACH ROW WHEN (NEW.reply_to_activity_uuid IS NULL) EXECUTE FUNCTION stream_crud_posted();

-- Cruds deleted by their author, by cascade (replies, an account) or by the expiry purge: one event per
-- statement, in batches of 100 uuids (a payload must stay under 8000 bytes).
CREATE FUNCTION stream_cruds_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch text[];
BEGIN
  FOR batch IN
    SELECT array_agg(uuid::text) FROM (SELECT uuid, (row_number() OVER () - 1) / 100 AS chunk FROM gone) numbered
    GROUP BY chunk
  LOOP
    PERFORM pg_notify('cruddur_events', json_build_object('t', 'delete', 'uuids', batch)::text);
  END LOOP;
  RETURN NULL;
END
$$;
CREATE TRIGGER activities_stream_deleted AFTER DELETE ON activities
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION stream_cruds_deleted();

-- Someone reposted a crud.
CREATE FUNCTION stream_reposted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cruddur_events',
    json_build_object('t', 'repost', 'uuid', NEW.activity_uuid, 'by', NEW.user_uuid)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER reposts_stream_reposted AFTER INSERT ON reposts FOR EACH ROW EXECUTE FUNCTION stream_reposted();

-- Someone followed or stopped following someone: streams keep the set of people their viewer follows.
CREATE FUNCTION stream_follows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('cruddur_events',
      json_build_object('t', 'follow', 'follower', NEW.follower_uuid, 'followed', NEW.followed_uuid)::text);
  ELSE
    PERFORM pg_notify('cruddur_events',
      json_build_object('t', 'unfollow', 'follower', OLD.follower_uuid, 'followed', OLD.followed_uuid)::text);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER follows_stream_changed AFTER INSERT OR DELETE ON follows
  FOR EACH ROW EXECUTE FUNCTION stream_follows_changed();

-- Someone was notified.
CREATE FUNCTION stream_notified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cruddur_events', json_build_object('t', 'notification', 'uuid', NEW.uuid, 'user', NEW.user_uuid)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER notifications_stream_notified AFTER INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION stream_notified();
