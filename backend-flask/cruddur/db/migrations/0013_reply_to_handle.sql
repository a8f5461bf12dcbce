-- Every list of cruds says whom a reply answers: the handle of its parent's author (null for a top-level crud),
-- so a reply shown away from its thread (a profile, search, notifications) can say "Replying to @x" and link
-- to the parent. A reply expires with its parent, so a live reply's parent is live. Two primary-key probes a
-- reply, none for a top-level crud; the new column goes last, as CREATE OR REPLACE VIEW requires.
CREATE OR REPLACE VIEW live_cruds AS
SELECT a.uuid, a.user_uuid, a.message, a.reply_to_activity_uuid,
       a.replies_count, a.likes_count, a.reposts_count, a.created_at, a.expires_at,
       u.handle, u.display_name, u.avatar_key,
       parent_author.handle AS reply_to_handle
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
LEFT JOIN activities parent ON parent.uuid = a.reply_to_activity_uuid
LEFT JOIN users parent_author ON parent_author.uuid = parent.user_uuid
WHERE a.expires_at > now();
