-- The cross-service workshop series: a second kind of programme beside the two-day course.
-- Programmes and cohorts say which kind they are; each organisation has one copy of each
-- built-in programme.
ALTER TABLE programme_templates ADD COLUMN kind TEXT NOT NULL DEFAULT 'two-day';
ALTER TABLE cohorts ADD COLUMN kind TEXT NOT NULL DEFAULT 'two-day';
DROP INDEX programme_templates_one_builtin;
CREATE UNIQUE INDEX programme_templates_one_builtin ON programme_templates(org_id, kind) WHERE builtin = 1;

-- The date of each day (workshop) of a cohort; a series has three, weeks apart.
CREATE TABLE cohort_dates (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    day INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    PRIMARY KEY (cohort_id, day)
);

-- "How we record our own lives": a participant's short record of something from their own life
-- and how it felt to be written about. Private to its author unless they share it.
CREATE TABLE own_life_records (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    prompt TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    felt TEXT NOT NULL DEFAULT '',
    reader_should_know TEXT NOT NULL DEFAULT '',
    shared INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

-- Boards the group builds together: the core elements of recording (workshop one), assets and
-- barriers (workshops two and three) and recommendations. An item's author is kept for the
-- audit of who may change it, but never shown when the board is anonymous.
CREATE TABLE board_items (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    board TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    cluster TEXT NOT NULL DEFAULT '',
    author_id INTEGER REFERENCES users(id),
    show_author INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX board_items_cohort ON board_items(cohort_id, board);

-- One vote per person per item, kept by the key itself.
CREATE TABLE board_votes (
    item_id INTEGER NOT NULL REFERENCES board_items(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, user_id)
);

-- What an item rests on: a recommendation on assets and barriers, an asset on the tests of
-- change that show it.
CREATE TABLE board_links (
    item_id INTEGER NOT NULL REFERENCES board_items(id),
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (item_id, target_kind, target_id)
);

-- A practitioner's test of change between workshops: what they will do differently, how they
-- will know, which records it touches; round 1 (after workshop one) or 2 (after workshop two).
CREATE TABLE practice_tests (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    round INTEGER NOT NULL,
    element_id INTEGER REFERENCES board_items(id),
    change_text TEXT NOT NULL,
    how_know TEXT NOT NULL DEFAULT '',
    records_touched TEXT NOT NULL DEFAULT '',
    shared INTEGER NOT NULL DEFAULT 0,
    before_example TEXT,
    after_example TEXT,
    record_type TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (cohort_id, user_id, round)
);

-- The dated log a practitioner keeps of their test.
CREATE TABLE test_log_entries (
    id INTEGER PRIMARY KEY,
    test_id INTEGER NOT NULL REFERENCES practice_tests(id),
    on_date TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX test_log_entries_test ON test_log_entries(test_id, on_date);

-- Named leaders' answers to recommendations ("you said, we did"), and to a two-day cohort's
-- post-box summary.
CREATE TABLE leader_answers (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    item_id INTEGER REFERENCES board_items(id),
    leader_id INTEGER NOT NULL REFERENCES users(id),
    answer TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    answered_at INTEGER NOT NULL
);
CREATE INDEX leader_answers_cohort ON leader_answers(cohort_id);
