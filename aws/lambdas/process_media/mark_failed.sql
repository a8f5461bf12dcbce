-- A photo refused, with why, as the composer tells the person.
UPDATE media SET status = 'failed', reason = %(reason)s WHERE uuid = %(media_uuid)s AND status = 'processing';
