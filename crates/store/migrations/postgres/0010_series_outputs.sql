-- What a workshop series publishes: its recommendations (once the facilitator has edited them),
-- and a short emerging-learning update safe to publish outside the partnership.
CREATE TABLE series_outputs (
    cohort_id BIGINT PRIMARY KEY REFERENCES cohorts(id),
    recommendations_published_at BIGINT,
    update_text TEXT NOT NULL DEFAULT '',
    update_published_at BIGINT
);

-- What each practitioner found when they shared their test with their small group: what worked,
-- what made it possible (an asset), what got in the way (a barrier).
ALTER TABLE practice_tests ADD COLUMN worked TEXT NOT NULL DEFAULT '';
ALTER TABLE practice_tests ADD COLUMN made_possible TEXT NOT NULL DEFAULT '';
ALTER TABLE practice_tests ADD COLUMN got_in_the_way TEXT NOT NULL DEFAULT '';
