//! Who is asking: passwords, sessions, CSRF protection, sign-in throttling.

pub mod client;
pub mod cookies;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
pub mod token;

pub use session::{CurrentSession, Visitor};
