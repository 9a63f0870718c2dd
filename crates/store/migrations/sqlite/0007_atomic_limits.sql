-- Limited actions (sign-in attempts per account and per client address, password-reset emails,
-- API tokens made) are counted in one row per key and window. An attempt is reserved with one
-- conditional upsert before the work it allows is done, so parallel requests, on one server or
-- several sharing PostgreSQL, can never do more than the limit between them.
CREATE TABLE action_limits (
    limit_key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    used INTEGER NOT NULL
);

-- Sign-in failures were kept one row each; the counters above replace them.
DROP TABLE sign_in_failures;

-- A job that sends an email marks the attempt that started sending, and when the message went,
-- so an attempt that takes over after a lease ran out mid-send never sends the message again.
ALTER TABLE jobs ADD COLUMN send_attempt INTEGER;
ALTER TABLE jobs ADD COLUMN sent_at INTEGER;
