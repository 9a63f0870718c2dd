-- The two-day "Recording in Social Work" programme (SQLite). Keep in step with
-- ../postgres/0002_programme.sql. Dates are 'YYYY-MM-DD' text; times Unix seconds.

-- A programme template: sessions in order, with durations and purposes. The built-in template
-- is copied into an organisation the first time it is used, so facilitators can edit it.
CREATE TABLE programme_templates (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE template_sessions (
    id INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES programme_templates(id),
    day INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    record_type TEXT
);
CREATE INDEX template_sessions_template ON template_sessions(template_id, day, position);

-- A cohort: one run of a programme, with its own copy of the sessions and times.
CREATE TABLE cohorts (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    title TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    first_day TEXT NOT NULL,
    second_day TEXT NOT NULL,
    letter TEXT NOT NULL DEFAULT '',
    followup_days INTEGER NOT NULL DEFAULT 90,
    current_session_id INTEGER,
    session_started_at INTEGER,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE cohort_sessions (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    day INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    record_type TEXT,
    starts_at TEXT
);
CREATE INDEX cohort_sessions_cohort ON cohort_sessions(cohort_id, day, position);

-- Who is in a cohort: facilitators, participants, and the managers who receive the post-box.
CREATE TABLE cohort_people (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

-- A participant's example of one kind of record: only the confirmed de-identified text is kept.
CREATE TABLE examples (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    record_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (cohort_id, user_id, record_type)
);

-- Pair review: groups per session (pairs, one three when the number is odd).
CREATE TABLE review_groups (
    id INTEGER PRIMARY KEY,
    cohort_session_id INTEGER NOT NULL REFERENCES cohort_sessions(id),
    number INTEGER NOT NULL
);

CREATE TABLE review_group_members (
    group_id INTEGER NOT NULL REFERENCES review_groups(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (group_id, user_id)
);

-- One member's reading of another's example: how it read to a colleague and to a family member.
CREATE TABLE reviews (
    group_id INTEGER NOT NULL REFERENCES review_groups(id),
    reviewer_id INTEGER NOT NULL REFERENCES users(id),
    example_id INTEGER NOT NULL REFERENCES examples(id),
    as_colleague TEXT NOT NULL DEFAULT '',
    as_family TEXT NOT NULL DEFAULT '',
    finished_at INTEGER,
    PRIMARY KEY (group_id, reviewer_id, example_id)
);

-- The facilitator's general summary points for a session (no names).
CREATE TABLE session_points (
    cohort_session_id INTEGER PRIMARY KEY REFERENCES cohort_sessions(id),
    points TEXT NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users(id),
    updated_at INTEGER NOT NULL
);

-- The post-box: anonymous notes to the organisation. No author column, by design.
CREATE TABLE postbox_notes (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    body TEXT NOT NULL,
    posted_at INTEGER NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    theme TEXT,
    topic TEXT
);

CREATE TABLE postbox_summaries (
    cohort_id INTEGER PRIMARY KEY REFERENCES cohorts(id),
    summary TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER
);

-- Private learning points, tagged by session.
CREATE TABLE learning_points (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    cohort_session_id INTEGER REFERENCES cohort_sessions(id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Personal action plans and their statements; the plan comes back to its author on followup_on.
CREATE TABLE action_plans (
    id INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    followup_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (cohort_id, user_id)
);

CREATE TABLE action_statements (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES action_plans(id),
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    status TEXT,
    note TEXT,
    updated_at INTEGER
);

-- The closing form.
CREATE TABLE reflections (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    positive_action TEXT NOT NULL,
    significant_learning TEXT NOT NULL,
    rating_overall INTEGER NOT NULL,
    rating_relevance INTEGER NOT NULL,
    rating_facilitation INTEGER NOT NULL,
    comments TEXT NOT NULL DEFAULT '',
    submitted_at INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

CREATE TABLE attendance (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    day INTEGER NOT NULL,
    present INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, user_id, day)
);

-- Durable jobs (follow-up emails, post-box summaries to managers). unique_key makes scheduling
-- the same job twice a no-op; a job is claimed by a conditional update, so of several servers
-- exactly one runs it.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    unique_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL DEFAULT '',
    run_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    locked_until INTEGER,
    finished_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs(state, run_at);
