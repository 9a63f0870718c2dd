-- The action plan's "envelope": the hash of the link's token and when it was sent.
ALTER TABLE action_plans ADD COLUMN token_hash TEXT;
ALTER TABLE action_plans ADD COLUMN sent_at INTEGER;
CREATE INDEX action_plans_token ON action_plans(token_hash);
