//! Limited actions: at most `limit` uses of one key (an account's sign-in attempts, a client
//! address's, an organisation's new API tokens) in a window of time.
//!
//! A use is *reserved* before the work it allows is done, with one conditional upsert: the row
//! for the key is created, or its count raised, only while the count is under the limit (or the
//! window has passed, which starts a new one). The database does the check and the count in one
//! statement: SQLite runs it under its single write lock, and PostgreSQL's `ON CONFLICT DO
//! UPDATE` locks the row and evaluates the condition on its latest version. So no number of
//! parallel requests, on one server or on several sharing PostgreSQL, can reserve more than the
//! limit between them. Work that turns out not to count (a sign-in that succeeded) gives its
//! reservation back with [`release`].

use crate::{Result, Store, now};

/// How many uses a key allows, and over how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Uses allowed in one window (at least 1).
    pub uses: i64,
    /// The window's length, in seconds, from its first use.
    pub window_secs: i64,
}

/// A use reserved under a key, which [`release`] can give back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The key.
    pub key: String,
    /// Which window the use was counted in (a release never reaches into a later one).
    window_start: i64,
}

/// Reserves one use of `key`, or returns `None` (changing nothing) when the window's uses are
/// all taken.
pub async fn reserve(store: &Store, key: &str, limit: Limit) -> Result<Option<Reservation>> {
    let at = now();
    let row: Option<(i64, i64)> = sqlx::query_as(
        "INSERT INTO action_limits (limit_key, window_start, used) VALUES ($1, $2, 1) \
         ON CONFLICT (limit_key) DO UPDATE SET \
           used = CASE WHEN action_limits.window_start <= $3 THEN 1 ELSE action_limits.used + 1 END, \
           window_start = CASE WHEN action_limits.window_start <= $3 THEN $2 ELSE action_limits.window_start END \
         WHERE action_limits.window_start <= $3 OR action_limits.used < $4 \
         RETURNING used, window_start",
    )
    .bind(key)
    .bind(at)
    .bind(at - limit.window_secs)
    .bind(limit.uses)
    .fetch_optional(store.pool())
    .await?;
    Ok(row.map(|(_, window_start)| Reservation { key: key.to_owned(), window_start }))
}

/// Gives a reserved use back (the work it was for did not count, such as a sign-in that
/// succeeded). A reservation from a window that has since ended changes nothing.
pub async fn release(store: &Store, reservation: &Reservation) -> Result<()> {
    sqlx::query("UPDATE action_limits SET used = used - 1 WHERE limit_key = $1 AND window_start = $2 AND used > 0")
        .bind(&reservation.key)
        .bind(reservation.window_start)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Uses counted under `key` in its current window (0 when the window has passed).
pub async fn used(store: &Store, key: &str, limit: Limit) -> Result<i64> {
    let used: Option<i64> =
        sqlx::query_scalar("SELECT used FROM action_limits WHERE limit_key = $1 AND window_start > $2")
            .bind(key)
            .bind(now() - limit.window_secs)
            .fetch_optional(store.pool())
            .await?;
    Ok(used.unwrap_or(0))
}

/// Forgets every use of `key` (an account's failed sign-ins, once it signs in or resets its
/// password).
pub async fn clear(store: &Store, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM action_limits WHERE limit_key = $1").bind(key).execute(store.pool()).await?;
    Ok(())
}

/// Forgets windows that began more than `age_secs` ago (longer than any limit's window);
/// returns how many.
pub async fn purge_older_than(store: &Store, age_secs: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM action_limits WHERE window_start <= $1")
        .bind(now() - age_secs)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected())
}
