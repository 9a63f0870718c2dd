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
    /// The service they work in, if the inviter said.
    pub service_id: Option<i64>,
    /// When its link was last emailed (a cohort's invitation carries the letter).
    pub sent_at: Option<i64>,
}

/// A new invitation.
#[derive(Debug, Clone, Copy)]
pub struct NewInvitation<'a> {
    /// Hash of the token its link carries.
    pub token_hash: &'a str,
    /// The organisation joined.
    pub org_id: i64,
    /// Who is invited.
    pub email: &'a str,
    /// The role they will hold.
    pub role: Role,
    /// Who invited them (none from the command line).
    pub by: Option<i64>,
    /// How long the link works, in seconds.
    pub ttl_secs: i64,
    /// The cohort they join on accepting, and their part in it.
    pub cohort: Option<(i64, CohortRole)>,
    /// The service they work in.
    pub service_id: Option<i64>,
    /// Whether its link is being emailed now (cohort invitations wait for the letter).
    pub sent: bool,
}

/// Stores an invitation.
pub async fn create(store: &Store, new: NewInvitation<'_>) -> Result<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO invitations (token_hash, org_id, email, role, invited_by, created_at, expires_at, cohort_id, \
         cohort_role, service_id, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(new.token_hash)
    .bind(new.org_id)
    .bind(crate::users::normalise_email(new.email))
    .bind(new.role.as_str())
    .bind(new.by)
    .bind(at)
    .bind(at + new.ttl_secs)
    .bind(new.cohort.map(|c| c.0))
    .bind(new.cohort.map(|c| c.1.as_str()))
    .bind(new.service_id)
    .bind(new.sent.then_some(at))
    .execute(store.pool())
    .await?;
    Ok(())
}

/// The open (unexpired, unaccepted) invitation with this hash.
pub async fn find_open(store: &Store, token_hash: &str) -> Result<Option<Invitation>> {
    let row: Option<InvitationRow> = sqlx::query_as(
        "SELECT token_hash, org_id, email, role, cohort_id, cohort_role, service_id, sent_at FROM invitations \
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(store.pool())
    .await?;
    Ok(row.and_then(|(token_hash, org_id, email, role, cohort_id, cohort_role, service_id, sent_at)| {
        let cohort = cohort_id.zip(cohort_role.as_deref().and_then(CohortRole::parse));
        Some(Invitation { token_hash, org_id, email, role: Role::parse(&role)?, cohort, service_id, sent_at })
    }))
}

type InvitationRow = (String, i64, String, String, Option<i64>, Option<String>, Option<i64>, Option<i64>);

/// Someone invited into a cohort who has not made their account yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortInvitation {
    /// Their email address.
    pub email: String,
    /// Their part in the cohort (`participant`, `facilitator`, `manager`).
    pub part: String,
    /// When the link stops working.
    pub expires_at: i64,
    /// When the invitation was last emailed; none while it waits for the letter.
    pub sent_at: Option<i64>,
}

/// Gives a cohort's open invitation for `email` a new link (`token_hash`), working for
/// `ttl_secs` from now, as it is emailed. The old link stops working. False when there is no
/// such open invitation.
pub async fn reissue(store: &Store, cohort_id: i64, email: &str, token_hash: &str, ttl_secs: i64) -> Result<bool> {
    let at = now();
    let done = sqlx::query(
        "UPDATE invitations SET token_hash = $1, sent_at = $2, expires_at = $3 \
         WHERE cohort_id = $4 AND email = $5 AND accepted_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(at)
    .bind(at + ttl_secs)
    .bind(cohort_id)
    .bind(crate::users::normalise_email(email))
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A cohort's open invitations (people invited who have not made their account yet).
pub async fn open_for_cohort(store: &Store, cohort_id: i64) -> Result<Vec<CohortInvitation>> {
    let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT email, cohort_role, expires_at, sent_at FROM invitations \
         WHERE cohort_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at, email",
    )
    .bind(cohort_id)
    .bind(now())
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(email, part, expires_at, sent_at)| CohortInvitation { email, part, expires_at, sent_at })
        .collect())
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
