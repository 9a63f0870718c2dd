-- Each save of a programme's sessions adds one to its revision, so that a facilitator who edited
-- an older copy of the page (while a colleague saved theirs) is told, instead of overwriting it.
ALTER TABLE programme_templates ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
