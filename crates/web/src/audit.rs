//! Writing the audit log from handlers: who saw and changed what. Entries hold actions and ids,
//! never record text or names of the people recorded.

use recordwell_store::audit::{self, Event};
use recordwell_store::sessions::Session;
use recordwell_store::{Store, StoreError};

/// Records that the session's user did `action` to `kind` `id`.
pub async fn log(
    store: &Store,
    who: &Session,
    action: &str,
    kind: &str,
    id: Option<i64>,
    detail: impl Into<String>,
) -> Result<(), StoreError> {
    audit::record(
        store,
        Event {
            org_id: Some(who.org_id),
            user_id: Some(who.user_id),
            action,
            target_kind: kind,
            target_id: id,
            detail: detail.into(),
        },
    )
    .await
}

/// Records an action by an actor identified only by id (API tokens, failed sign-ins).
pub async fn log_as(
    store: &Store,
    org_id: Option<i64>,
    user_id: Option<i64>,
    action: &str,
    kind: &str,
    id: Option<i64>,
    detail: impl Into<String>,
) -> Result<(), StoreError> {
    audit::record(store, Event { org_id, user_id, action, target_kind: kind, target_id: id, detail: detail.into() })
        .await
}
