-- Home timelines (cruddur/timelines): people with more followers than this are not fanned out (a crud of
-- theirs would write as many timeline entries as they have followers); their cruds are merged in when a
-- follower reads. Both sides (sql/timelines/fanout_targets.sql and page.sql) ask this function, and being
-- IMMUTABLE it is folded into a constant when a statement is planned, so the planner estimates from the
-- statistics (a parameter would make a prepared plan assume a third of everyone is very followed).
CREATE FUNCTION very_followed_threshold() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT 10000';
