-- Live cruds by uuid (the cruds a page of notifications points at).
SELECT * FROM live_cruds WHERE uuid = ANY(:uuids::uuid[]);
