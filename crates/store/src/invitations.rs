//! Invitations: an administrator invites a person by email to a role; the emailed link lets
//! them choose their name and password.

use crate::cohorts::CohortRole;
use crate::orgs::Role;
use crate::{Result, Store, now};

/// A pending invitation.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// Hash of the emailed token.
    pub token_hash: String,
    /// The organisation joined.
    pub org_id: i64,
    /// Who was invited.
    pub email: String,
    /// The role they will hold.
    pub role: Role,
    /// The cohort they join on accepting, and their part in it (a facilitator's invitation).
    pub cohort: Option<(i64, CohortRole)>,
}

/// Stores an invitation valid for `ttl_secs`; with `cohort` = (cohort id, part), accepting it also
/// adds the person to that cohort.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    store: &Store,
    token_hash: &str,
    org_id: i64,
    email: &str,
    role: Role,
    by: Option<i64>,
    ttl_secs: i64,
    cohort: Option<(i64, CohortRole)>,
) -> Result<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO invitations (token_hash, org_id, email, role, invited_by, created_at, expires_at, cohort_id, cohort_role) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(token_hash)
    .bind(org_id)
    .bind(crate::users::normalise_email(email))
    .bind(role.as_str())
    .bind(by)
    .bind(at)
    .bind(at + ttl_secs)
    .bind(cohort.map(|c| c.0))
    .bind(cohort.map(|c| c.1.as_str()))
    .execute(store.pool())
    .await?;
    Ok(())
}

/// The open (unexpired, unaccepted) invitation with this hash.
pub async fn find_open(store: &Store, token_hash: &str) -> Result<Option<Invitation>> {
    let row: Option<InvitationRow> = sqlx::query_as(
        "SELECT token_hash, org_id, email, role, cohort_id, cohort_role FROM invitations \
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(store.pool())
    .await?;
    Ok(row.and_then(|(token_hash, org_id, email, role, cohort_id, cohort_role)| {
        let cohort = cohort_id.zip(cohort_role.as_deref().and_then(CohortRole::parse));
        Some(Invitation { token_hash, org_id, email, role: Role::parse(&role)?, cohort })
    }))
}

type InvitationRow = (String, i64, String, String, Option<i64>, Option<String>);

/// A cohort's open invitations (people invited who have not made their account yet):
/// (email, part in the cohort, expires at).
pub async fn open_for_cohort(store: &Store, cohort_id: i64) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT email, cohort_role, expires_at FROM invitations \
         WHERE cohort_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at, email",
    )
    .bind(cohort_id)
    .bind(now())
    .fetch_all(store.pool())
    .await?)
}

/// Marks an invitation used. Returns false when it was already used (a double submit) or has
/// expired meanwhile, so the caller does not create the account twice: the check and the use are
/// one statement, so of two parallel uses exactly one wins.
pub async fn mark_accepted(store: &Store, token_hash: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1",
    )
    .bind(now())
    .bind(token_hash)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}
