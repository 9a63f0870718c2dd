//! Sign-in throttling: after [`MAX_FAILURES`] failed attempts for one email address, or
//! [`MAX_FAILURES_PER_CLIENT`] from one client address, in [`WINDOW_SECS`], sign-in is refused for
//! the rest of the window. Counts live in the database so every server sees them.

use recordwell_store::{Store, StoreError, throttle};

/// Failures allowed per email address in the window.
pub const MAX_FAILURES: i64 = 5;
/// Failures allowed per client address in the window.
pub const MAX_FAILURES_PER_CLIENT: i64 = 30;
/// The window, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;

fn email_key(email: &str) -> String {
    // Hashed: the table should not become a list of email addresses.
    format!("email:{}", crate::auth::token::hash_token(&recordwell_store::users::normalise_email(email)))
}

fn client_key(client: &str) -> String {
    format!("client:{}", crate::auth::token::hash_token(client))
}

/// Whether sign-in for this email from this client is currently refused.
pub async fn is_locked(store: &Store, email: &str, client: &str) -> Result<bool, StoreError> {
    Ok(throttle::recent_failures(store, &email_key(email), WINDOW_SECS).await? >= MAX_FAILURES
        || throttle::recent_failures(store, &client_key(client), WINDOW_SECS).await? >= MAX_FAILURES_PER_CLIENT)
}

/// Counts a failure.
pub async fn failed(store: &Store, email: &str, client: &str) -> Result<(), StoreError> {
    throttle::record_failure(store, &email_key(email)).await?;
    throttle::record_failure(store, &client_key(client)).await
}

/// Clears the email's count after a successful sign-in.
pub async fn succeeded(store: &Store, email: &str) -> Result<(), StoreError> {
    throttle::clear(store, &email_key(email)).await
}
