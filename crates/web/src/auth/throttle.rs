//! Sign-in throttling: at most [`PER_ACCOUNT`] attempts that fail for one email address, and
//! [`PER_CLIENT`] from one client address, in a window of [`WINDOW_SECS`]; then sign-in is
//! refused for the rest of the window.
//!
//! Each attempt is *reserved* before the password is verified (see `recordwell_store::limits`),
//! so however many attempts arrive at once, on however many servers, no more than the limit
//! are ever verified. An attempt that succeeds gives its reservations back: a successful
//! sign-in clears its account's count, and does not count against the office it came from.

use recordwell_store::limits::{self, Limit, Reservation};
use recordwell_store::{Store, StoreError};
use std::net::IpAddr;

/// The window, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Attempts allowed per email address in the window.
pub const PER_ACCOUNT: Limit = Limit { uses: 5, window_secs: WINDOW_SECS };
/// Attempts allowed per client address in the window.
pub const PER_CLIENT: Limit = Limit { uses: 30, window_secs: WINDOW_SECS };

/// The limit key of an email address: hashed, so the table never becomes a list of addresses.
pub fn account_key(email: &str) -> String {
    format!("sign-in:email:{}", crate::auth::token::hash_token(&recordwell_store::users::normalise_email(email)))
}

/// The limit key of a client address (hashed too).
pub fn client_key(kind: &str, client: IpAddr) -> String {
    format!("{kind}:client:{}", crate::auth::token::hash_token(&client.to_string()))
}

/// A sign-in attempt that may go ahead: its uses of both limits are reserved.
#[derive(Debug)]
pub struct Attempt {
    account: Reservation,
    client: Reservation,
}

/// Reserves an attempt for this email from this client, or `None` when either limit is
/// reached (nothing is then counted).
pub async fn begin(store: &Store, email: &str, client: IpAddr) -> Result<Option<Attempt>, StoreError> {
    let Some(client) = limits::reserve(store, &client_key("sign-in", client), PER_CLIENT).await? else {
        return Ok(None);
    };
    match limits::reserve(store, &account_key(email), PER_ACCOUNT).await? {
        Some(account) => Ok(Some(Attempt { account, client })),
        None => {
            // Refused for the account: the client's reserved use is given back, so that one
            // locked account does not use up its office's allowance.
            limits::release(store, &client).await?;
            Ok(None)
        }
    }
}

impl Attempt {
    /// The password was right: the account's failures are forgotten and the client's use given
    /// back. (A failed attempt needs nothing more: its reservations stand as the failures.)
    pub async fn succeeded(self, store: &Store) -> Result<(), StoreError> {
        limits::clear(store, &self.account.key).await?;
        limits::release(store, &self.client).await
    }
}

/// Lifts an account's sign-in lock (after its password was reset).
pub async fn clear_account(store: &Store, email: &str) -> Result<(), StoreError> {
    limits::clear(store, &account_key(email)).await
}
