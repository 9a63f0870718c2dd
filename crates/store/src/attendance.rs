//! The register: who was present on each day of a cohort, as the facilitator marked it. The
//! cohort report counts it (see [`crate::reflections::attendance`]).

use crate::{Result, Store};

/// Records one day's register in one transaction: `present` for every participant in
/// `present_ids`, absent for the others in `participant_ids`. Marking the register again
/// replaces the earlier marks for those people, so a correction is just a second submit.
pub async fn mark_day(
    store: &Store,
    cohort_id: i64,
    day: i64,
    participant_ids: &[i64],
    present_ids: &[i64],
) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    for &user_id in participant_ids {
        sqlx::query(
            "INSERT INTO attendance (cohort_id, user_id, day, present) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (cohort_id, user_id, day) DO UPDATE SET present = excluded.present",
        )
        .bind(cohort_id)
        .bind(user_id)
        .bind(day)
        .bind(i64::from(present_ids.contains(&user_id)))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One day's register as marked so far: (user id, present).
pub async fn for_day(store: &Store, cohort_id: i64, day: i64) -> Result<Vec<(i64, bool)>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT user_id, present FROM attendance WHERE cohort_id = $1 AND day = $2 ORDER BY user_id")
            .bind(cohort_id)
            .bind(day)
            .fetch_all(store.pool())
            .await?;
    Ok(rows.into_iter().map(|(id, present)| (id, present != 0)).collect())
}
