//! A cohort's invitation letter template (the merged letters are made on demand, never stored).

use crate::{Result, Store};

/// Replaces a cohort's letter template.
pub async fn set(store: &Store, cohort_id: i64, letter: &str) -> Result<()> {
    sqlx::query("UPDATE cohorts SET letter = $1 WHERE id = $2")
        .bind(letter)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(())
}
