-- The people named by a list of handles (for @mentions).
SELECT uuid FROM users WHERE lower(handle) = ANY(:handles::text[]);
