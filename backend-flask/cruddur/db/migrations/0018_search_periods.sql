-- Search reads a term's newest matches day by day and hour by hour, newest first, through one GIN index: a
-- word common long ago and absent from the last half million cruds costs about what a word common today does
-- (issue 20). The planner used to choose between reading every crud newest first (fast while matches are near
-- the top) and reading every match through the index (fast while they are few); a word common only in older
-- cruds made the first walk half the table and the second fetch tens of thousands of rows.
--
-- Each crud is in two periods, the hour and the day of its creation, each a key of the index beside its words
-- and hashtags, so the index alone answers "the matches of this term in this period": GIN intersects the
-- term's entries with the period's. Cruds are stored roughly in the order they are posted, so a period's
-- entries span a narrow stretch of the table and the intersection skips the rest of the term's.
CREATE FUNCTION search_periods(created_at timestamptz)
RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- Seconds since the epoch do not depend on the session's time zone, so this is truly immutable. Hours count
-- from 0 and days from 1,000,000,000, so the two kinds of key never meet before the year 2084.
AS $$
  SELECT ARRAY[floor(extract(epoch FROM created_at) / 3600),
               1000000000 + floor(extract(epoch FROM created_at) / 86400)]::integer[]
$$;

-- Every column a search reads by, in one index, which serves a condition on any one of them as a single-column
-- index would. The period comes first: GIN tests a scan's conditions in column order, each from the match the
-- one before it found, so a period starts the term's entries at its own first crud. (A term of several words
-- or hashtags that must all be there would otherwise be stepped through from its first match in the table.)
-- Entries go straight into the index: a pending list would be read whole by each of a search's probes.
CREATE INDEX activities_search_periods_idx ON activities
  USING gin (search_periods(created_at), search_vector, hashtags) WITH (fastupdate = off);
DROP INDEX activities_search_idx;
DROP INDEX activities_hashtags_idx;

-- The newest `wanted` live cruds before (before_created_at, before_uuid) matching the words (a tsquery) and
-- carrying every one of `tags`, newest first; with words null, matching the tags alone. The newest day is read
-- hour by hour (a term common now is found in its newest hours); then one probe finds the newest older day with
-- a match, which is read whole when it has few matches (50 at most, and no more than are still wanted) and hour
-- by hour otherwise, and so on. Each read walks its hours or days newest first in one statement and stops once
-- it has enough. A term of several words or hashtags that must all be there is first counted in the whole
-- table: GIN steps through such a term match by match and cannot stop at a period's end, so one count tells
-- at once when it has few matches or none (two common words never written together).
CREATE FUNCTION newest_search_matches(words tsquery, tags text[], before_created_at timestamptz,
                                      before_uuid uuid, wanted integer)
RETURNS TABLE (uuid uuid, created_at timestamptz, search_vector tsvector)
LANGUAGE plpgsql STABLE
-- Each statement has one best plan whatever its values (the index is the only way to a period), so it is
-- planned once per session rather than on each run.
SET plan_cache_mode = force_generic_plan
ROWS 300
AS $$
DECLARE
  -- Hours and days since the epoch.
  newest_hour integer;
  oldest_hour integer;
  oldest_day integer;
  day integer;
  remaining integer := wanted;
  counted integer;
BEGIN
  -- Live cruds are no older than the oldest live one, nor newer than the newest before the cursor.
  SELECT floor(extract(epoch FROM a.created_at) / 3600) INTO newest_hour
  FROM activities a WHERE a.created_at <= before_created_at ORDER BY a.created_at DESC LIMIT 1;
  SELECT floor(extract(epoch FROM a.created_at) / 3600) INTO oldest_hour
  FROM activities a WHERE a.expires_at > now() ORDER BY a.created_at LIMIT 1;
  -- Words that are all stop words ("the") match nothing.
  IF newest_hour IS NULL OR oldest_hour IS NULL OR remaining < 1 OR numnode(words) = 0 THEN
    RETURN;
  END IF;

  -- querytree is the part of the words the index can find. Words only excluded ("-coffee") have none: GIN
  -- would read every crud's entries for them, while most cruds match, so they are read newest first (the
  -- comparison IS TRUE keeps the index from being used for them).
  IF querytree(words) = 'T' THEN
    RETURN QUERY
      SELECT a.uuid, a.created_at, a.search_vector FROM activities a
      WHERE (a.search_vector @@ words) IS TRUE AND (cardinality(tags) = 0 OR a.hashtags @> tags)
        AND a.expires_at > now() AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
      ORDER BY a.created_at DESC, a.uuid DESC
      LIMIT remaining;
    RETURN;
  END IF;

  IF (words IS NOT NULL AND numnode(querytree(words)::tsquery) > 1) OR cardinality(tags) > 1 THEN
    IF words IS NULL THEN
      SELECT count(*) INTO counted FROM (
        SELECT FROM activities a
        WHERE a.hashtags @> tags AND a.expires_at > now() AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
        LIMIT remaining + 1
      ) AS all_matches;
    ELSE
      SELECT count(*) INTO counted FROM (
        SELECT FROM activities a
        WHERE a.search_vector @@ words AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
          AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
        LIMIT remaining + 1
      ) AS all_matches;
    END IF;
    IF counted = 0 THEN
      RETURN;
    ELSIF counted <= remaining THEN
      IF words IS NULL THEN
        RETURN QUERY
          SELECT a.uuid, a.created_at, a.search_vector FROM activities a
          WHERE a.hashtags @> tags AND a.expires_at > now()
            AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
          ORDER BY a.created_at DESC, a.uuid DESC;
      ELSE
        RETURN QUERY
          SELECT a.uuid, a.created_at, a.search_vector FROM activities a
          WHERE a.search_vector @@ words AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
            AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
          ORDER BY a.created_at DESC, a.uuid DESC;
      END IF;
      RETURN;
    END IF;
  END IF;

  day := floor(newest_hour / 24.0);
  oldest_day := floor(oldest_hour / 24.0);
  counted := remaining + 1;
  LOOP
    IF counted > least(remaining, 50) THEN
      -- Hour by hour, newest first (nested loops run the periods in the series' order), until enough; a
      -- block of six hours without a match is passed over in one probe.
      IF words IS NULL THEN
        RETURN QUERY
          SELECT m.* FROM generate_series(least(day * 24 + 23, newest_hour) / 6, greatest(day * 24, oldest_hour) / 6, -1)
            AS block
          CROSS JOIN LATERAL (
            SELECT FROM activities a
            WHERE search_periods(a.created_at) && ARRAY[block * 6, block * 6 + 1, block * 6 + 2, block * 6 + 3,
                                                        block * 6 + 4, block * 6 + 5]
              AND a.hashtags @> tags AND a.expires_at > now()
              AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
            LIMIT 1
          ) AS block_has_a_match
          CROSS JOIN LATERAL generate_series(least(block * 6 + 5, newest_hour), greatest(block * 6, oldest_hour), -1) AS h
          CROSS JOIN LATERAL (
            SELECT a.uuid, a.created_at, a.search_vector FROM activities a
            WHERE search_periods(a.created_at) @> ARRAY[h] AND a.hashtags @> tags AND a.expires_at > now()
              AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
            ORDER BY a.created_at DESC, a.uuid DESC
            LIMIT remaining
          ) AS m
          LIMIT remaining;
      ELSE
        RETURN QUERY
          SELECT m.* FROM generate_series(least(day * 24 + 23, newest_hour) / 6, greatest(day * 24, oldest_hour) / 6, -1)
            AS block
          CROSS JOIN LATERAL (
            SELECT FROM activities a
            WHERE search_periods(a.created_at) && ARRAY[block * 6, block * 6 + 1, block * 6 + 2, block * 6 + 3,
                                                        block * 6 + 4, block * 6 + 5]
              AND a.search_vector @@ words
              AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
              AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
            LIMIT 1
          ) AS block_has_a_match
          CROSS JOIN LATERAL generate_series(least(block * 6 + 5, newest_hour), greatest(block * 6, oldest_hour), -1) AS h
          CROSS JOIN LATERAL (
            SELECT a.uuid, a.created_at, a.search_vector FROM activities a
            WHERE search_periods(a.created_at) @> ARRAY[h] AND a.search_vector @@ words
              AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
              AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
            ORDER BY a.created_at DESC, a.uuid DESC
            LIMIT remaining
          ) AS m
          LIMIT remaining;
      END IF;
    ELSIF words IS NULL THEN
      -- The whole day: it has no more matches than are still wanted, and few.
      RETURN QUERY
        SELECT a.uuid, a.created_at, a.search_vector FROM activities a
        WHERE search_periods(a.created_at) @> ARRAY[1000000000 + day] AND a.hashtags @> tags
          AND a.expires_at > now() AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
        ORDER BY a.created_at DESC, a.uuid DESC;
    ELSE
      RETURN QUERY
        SELECT a.uuid, a.created_at, a.search_vector FROM activities a
        WHERE search_periods(a.created_at) @> ARRAY[1000000000 + day] AND a.search_vector @@ words
          AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
          AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
        ORDER BY a.created_at DESC, a.uuid DESC;
    END IF;
    GET DIAGNOSTICS counted = ROW_COUNT;
    remaining := remaining - counted;
    EXIT WHEN remaining <= 0 OR day <= oldest_day;

    -- The newest older day with a match, and its matches, counted to 51 at most (or one more than are still
    -- wanted): a day with more is read hour by hour, so no more than 51 rows are fetched only to be counted.
    IF words IS NULL THEN
      SELECT d, day_matches.n INTO day, counted FROM generate_series(day - 1, oldest_day, -1) AS d,
      LATERAL (
        SELECT count(*) AS n FROM (
          SELECT FROM activities a
          WHERE search_periods(a.created_at) @> ARRAY[1000000000 + d] AND a.hashtags @> tags
            AND a.expires_at > now() AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
          LIMIT least(remaining, 50) + 1
        ) AS matches
      ) AS day_matches
      WHERE day_matches.n > 0
      LIMIT 1;
    ELSE
      SELECT d, day_matches.n INTO day, counted FROM generate_series(day - 1, oldest_day, -1) AS d,
      LATERAL (
        SELECT count(*) AS n FROM (
          SELECT FROM activities a
          WHERE search_periods(a.created_at) @> ARRAY[1000000000 + d] AND a.search_vector @@ words
            AND (cardinality(tags) = 0 OR a.hashtags @> tags) AND a.expires_at > now()
            AND (a.created_at, a.uuid) < (before_created_at, before_uuid)
          LIMIT least(remaining, 50) + 1
        ) AS matches
      ) AS day_matches
      WHERE day_matches.n > 0
      LIMIT 1;
    END IF;
    EXIT WHEN NOT FOUND;
  END LOOP;
END
$$;
