-- Announces an event to the stream processes (a message, which lives in DynamoDB); the triggers of
-- migration 0015 announce the rest. :payload is JSON text under 8000 bytes.
SELECT pg_notify('cruddur_events', :payload);
