-- Who wrote a live crud (for the rule that only authors delete).
SELECT user_uuid FROM activities WHERE uuid = :uuid AND expires_at > now();
