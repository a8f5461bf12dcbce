-- One live crud with its author.
SELECT * FROM live_cruds WHERE uuid = :uuid;
