-- Only cruds deleted while they still live are announced (deleted by their author, or by cascade): the purge's
-- deletions of expired cruds are not. Every client drops a crud at its expires_at by itself, so those events
-- told nobody anything, and each went to every open stream: deliveries grew with the square of the people
-- (README, "Past one machine").
CREATE OR REPLACE FUNCTION stream_cruds_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch text[];
BEGIN
  FOR batch IN
    SELECT array_agg(uuid::text) FROM (
      SELECT uuid, (row_number() OVER () - 1) / 100 AS chunk FROM gone WHERE expires_at > now()
    ) numbered
    GROUP BY chunk
  LOOP
    PERFORM pg_notify('cruddur_events', json_build_object('t', 'delete', 'uuids', batch)::text);
  END LOOP;
  RETURN NULL;
END
$$;
