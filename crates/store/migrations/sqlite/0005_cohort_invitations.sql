-- A facilitator can invite someone who has no account yet straight into a cohort: the
-- invitation remembers the cohort and their part in it, and accepting it adds them.
ALTER TABLE invitations ADD COLUMN cohort_id INTEGER REFERENCES cohorts(id);
ALTER TABLE invitations ADD COLUMN cohort_role TEXT;
