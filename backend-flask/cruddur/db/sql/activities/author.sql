-- Who wrote a live crud (for the rule that only authors delete, and for notifying them).
SELECT user_uuid FROM activities WHERE uuid = :uuid AND expires_at > now();
