-- The planner reads a searched word newest first when it takes the word for common. With ten times the
-- usual sample it knows ten times as many words, and takes the rest for rare enough to find through the
-- full-text index.
ALTER TABLE activities ALTER COLUMN search_vector SET STATISTICS 1000;
ANALYZE activities;
