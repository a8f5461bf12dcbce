-- Whether a viewer liked and reposted a crud, in one place for every statement that shows the marks: one
-- primary-key probe each, so the cost does not grow with how many cruds the viewer has ever liked (scalar
-- subqueries, which unlike EXISTS are never planned as a hash of all the viewer's likes). Plain SQL, STABLE
-- and not STRICT, so PostgreSQL inlines it where it is called: the plan is that of the probes written out.
CREATE FUNCTION viewer_marks(viewer uuid, crud uuid)
RETURNS TABLE (liked boolean, reposted boolean)
LANGUAGE sql STABLE
AS $$
  SELECT (SELECT true FROM likes l WHERE l.user_uuid = viewer AND l.activity_uuid = crud LIMIT 1) IS NOT NULL,
         (SELECT true FROM reposts r WHERE r.user_uuid = viewer AND r.activity_uuid = crud LIMIT 1) IS NOT NULL
$$;
