//! What practitioners keep in a workshop series: their "own life" record from workshop one, their
//! tests of change between workshops and the dated log of each. All are private to their author
//! unless they choose to share them; facilitators see who has finished, not what they wrote.

use crate::{Result, Store, now};
use serde::Serialize;

/// A participant's record of something from their own life, and how it felt to be written about.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct OwnLife {
    /// Its author.
    pub user_id: i64,
    /// The prompt they chose.
    pub prompt: String,
    /// The record itself.
    pub record: String,
    /// How it felt to be written about.
    pub felt: String,
    /// What they would want a reader to know.
    pub reader_should_know: String,
    /// 1 when shared with the group.
    pub shared: i64,
}

/// Saves (or replaces) a participant's own-life record.
pub async fn save_own_life(store: &Store, cohort_id: i64, r: &OwnLife) -> Result<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO own_life_records (cohort_id, user_id, prompt, record, felt, reader_should_know, shared, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (cohort_id, user_id) DO UPDATE SET prompt = $3, record = $4, felt = $5, \
         reader_should_know = $6, shared = $7, updated_at = $8",
    )
    .bind(cohort_id)
    .bind(r.user_id)
    .bind(&r.prompt)
    .bind(&r.record)
    .bind(&r.felt)
    .bind(&r.reader_should_know)
    .bind(r.shared)
    .bind(at)
    .execute(store.pool())
    .await?;
    Ok(())
}

const OWN_LIFE_COLUMNS: &str = "user_id, prompt, record, felt, reader_should_know, shared";

/// One participant's own-life record.
pub async fn own_life(store: &Store, cohort_id: i64, user_id: i64) -> Result<Option<OwnLife>> {
    let sql = format!("SELECT {OWN_LIFE_COLUMNS} FROM own_life_records WHERE cohort_id = $1 AND user_id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).bind(user_id).fetch_optional(store.pool()).await?)
}

/// The own-life records their authors shared with the group.
pub async fn shared_own_lives(store: &Store, cohort_id: i64) -> Result<Vec<OwnLife>> {
    let sql = format!(
        "SELECT {OWN_LIFE_COLUMNS} FROM own_life_records WHERE cohort_id = $1 AND shared = 1 ORDER BY updated_at"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).fetch_all(store.pool()).await?)
}

/// Who has written an own-life record (ids only: facilitators see who has finished, not what).
pub async fn own_life_authors(store: &Store, cohort_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT user_id FROM own_life_records WHERE cohort_id = $1")
        .bind(cohort_id)
        .fetch_all(store.pool())
        .await?)
}

/// A practitioner's test of change.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct PracticeTest {
    /// Id.
    pub id: i64,
    /// Its author.
    pub user_id: i64,
    /// 1 after workshop one, 2 after workshop two.
    pub round: i64,
    /// The core element it is about, if they chose one.
    pub element_id: Option<i64>,
    /// What they will do differently.
    pub change_text: String,
    /// How they will know it made a difference.
    pub how_know: String,
    /// Which records it touches.
    pub records_touched: String,
    /// 1 when shared with the group.
    pub shared: i64,
    /// A de-identified example from before the change.
    pub before_example: Option<String>,
    /// A de-identified example written with the change.
    pub after_example: Option<String>,
    /// The examples' record type.
    pub record_type: Option<String>,
    /// Shared in the small group: what worked.
    pub worked: String,
    /// What made it possible (an asset).
    pub made_possible: String,
    /// What got in the way (a barrier).
    pub got_in_the_way: String,
}

/// What a practitioner says about their test (the examples are saved separately).
#[derive(Debug, Clone, Copy)]
pub struct TestPlan<'a> {
    /// The round.
    pub round: i64,
    /// The element.
    pub element_id: Option<i64>,
    /// What they will change.
    pub change_text: &'a str,
    /// How they will know.
    pub how_know: &'a str,
    /// Which records.
    pub records_touched: &'a str,
    /// Shared with the group.
    pub shared: bool,
}

/// Saves a practitioner's test for a round (replacing what they wrote before); returns its id.
pub async fn save_test(store: &Store, cohort_id: i64, user_id: i64, t: TestPlan<'_>) -> Result<i64> {
    let at = now();
    Ok(sqlx::query_scalar(
        "INSERT INTO practice_tests (cohort_id, user_id, round, element_id, change_text, how_know, records_touched, \
         shared, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (cohort_id, user_id, round) DO UPDATE SET element_id = $4, change_text = $5, how_know = $6, \
         records_touched = $7, shared = $8, updated_at = $9 RETURNING id",
    )
    .bind(cohort_id)
    .bind(user_id)
    .bind(t.round)
    .bind(t.element_id)
    .bind(t.change_text)
    .bind(t.how_know)
    .bind(t.records_touched)
    .bind(i64::from(t.shared))
    .bind(at)
    .fetch_one(store.pool())
    .await?)
}

/// Keeps a de-identified example from before (`after` false) or after the change.
pub async fn save_test_example(store: &Store, test_id: i64, after: bool, record_type: &str, text: &str) -> Result<()> {
    let column = if after { "after_example" } else { "before_example" };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE practice_tests SET {column} = $1, record_type = $2, updated_at = $3 WHERE id = $4"
    )))
    .bind(text)
    .bind(record_type)
    .bind(now())
    .bind(test_id)
    .execute(store.pool())
    .await?;
    Ok(())
}

const TEST_COLUMNS: &str = "id, user_id, round, element_id, change_text, how_know, records_touched, shared, \
     before_example, after_example, record_type, worked, made_possible, got_in_the_way";

/// What a practitioner found when they shared their test appreciatively.
pub async fn save_reflection(
    store: &Store,
    test_id: i64,
    worked: &str,
    made_possible: &str,
    got_in_the_way: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE practice_tests SET worked = $1, made_possible = $2, got_in_the_way = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(worked)
    .bind(made_possible)
    .bind(got_in_the_way)
    .bind(now())
    .bind(test_id)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// A practitioner's tests in a cohort, by round.
pub async fn tests_of(store: &Store, cohort_id: i64, user_id: i64) -> Result<Vec<PracticeTest>> {
    let sql = format!("SELECT {TEST_COLUMNS} FROM practice_tests WHERE cohort_id = $1 AND user_id = $2 ORDER BY round");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).bind(user_id).fetch_all(store.pool()).await?)
}

/// Every test in a cohort (for what is shared, counts and the impact view; callers keep the
/// privacy rules).
pub async fn tests_in(store: &Store, cohort_id: i64) -> Result<Vec<PracticeTest>> {
    let sql = format!("SELECT {TEST_COLUMNS} FROM practice_tests WHERE cohort_id = $1 ORDER BY round, id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).fetch_all(store.pool()).await?)
}

/// One entry of a test's log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct LogEntry {
    /// Id.
    pub id: i64,
    /// The day it is about, `YYYY-MM-DD`.
    pub on_date: String,
    /// What happened.
    pub note: String,
}

/// Adds an entry to a test's log.
pub async fn add_log_entry(store: &Store, test_id: i64, on_date: &str, note: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO test_log_entries (test_id, on_date, note, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(test_id)
    .bind(on_date)
    .bind(note)
    .bind(now())
    .fetch_one(store.pool())
    .await?)
}

/// How many log entries each test of a cohort has, by test id (tests with none are absent), in
/// one query rather than one per test.
pub async fn log_counts(store: &Store, cohort_id: i64) -> Result<std::collections::HashMap<i64, usize>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT e.test_id, COUNT(*) FROM test_log_entries e JOIN practice_tests t ON t.id = e.test_id \
         WHERE t.cohort_id = $1 GROUP BY e.test_id",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows.into_iter().map(|(test, n)| (test, usize::try_from(n).unwrap_or(0))).collect())
}

/// A test's log, by date.
pub async fn log_of(store: &Store, test_id: i64) -> Result<Vec<LogEntry>> {
    Ok(sqlx::query_as("SELECT id, on_date, note FROM test_log_entries WHERE test_id = $1 ORDER BY on_date, id")
        .bind(test_id)
        .fetch_all(store.pool())
        .await?)
}
