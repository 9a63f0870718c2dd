-- Adding someone to a cohort no longer emails them at once: the facilitator prepares the letter,
-- then sends it. Invitations remember when they were last emailed (those made before this change
-- were emailed as they were made), and which service the person works in, so that groups can mix
-- services from the start; each participant remembers when the letter last went to them.
ALTER TABLE invitations ADD COLUMN service_id BIGINT REFERENCES services(id);
ALTER TABLE invitations ADD COLUMN sent_at BIGINT;
UPDATE invitations SET sent_at = created_at;
ALTER TABLE cohort_people ADD COLUMN letter_sent_at BIGINT;
