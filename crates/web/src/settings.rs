//! What the server is told. The command line fills this from flags, `RECORDWELL_*` environment
//! variables and a TOML file, in that order of precedence.

use crate::auth::client::TrustedProxies;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Server settings. Every field has a default, so `recordwell serve` needs none.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on.
    pub listen: String,
    /// Where the SQLite file lives when no database URL is given.
    pub data_dir: PathBuf,
    /// `postgres://…` for several servers on one database; none for SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// The address people use to reach the server, for links in emails
    /// (`https://recordwell.example.org`). Defaults to `http://` + `listen`.
    pub public_url: Option<String>,
    /// How long a sign-in lasts, in hours.
    pub session_hours: i64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Outgoing mail; without it, emailed links are written to the server log instead (for a
    /// trial on one machine) and the admin pages show them.
    pub smtp: Option<SmtpSettings>,
    /// Seed a fictional partnership with a user for each role.
    pub demo: bool,
    /// The checker's settings and word lists (the same TOML file `recordwell check --config`
    /// takes); none for the built-in lists.
    pub check_config: Option<PathBuf>,
    /// The reverse proxies or load balancers in front of the server (addresses or networks):
    /// for requests from them, the client's address (for the per-address limits) is read from
    /// `X-Forwarded-For`. Empty when clients connect directly; see [`TrustedProxies`].
    pub trust_forwarded_for: TrustedProxies,
    /// For browser tests only: lets administrators move the jobs' clock forward
    /// (`POST /admin/clock`). Never on a real server.
    pub test_clock: bool,
}

/// Outgoing mail server.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 or a local sink's port for plain).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// `starttls`, `tls` or `none` (only for a relay on the same machine or network).
    #[serde(default = "default_security")]
    pub security: String,
    /// User name, if the server needs one.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// The From address.
    pub from: String,
}

fn default_smtp_port() -> u16 {
    587
}

fn default_security() -> String {
    "starttls".to_owned()
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("."),
            database_url: None,
            public_url: None,
            session_hours: 12,
            max_body_bytes: 2 * 1024 * 1024,
            smtp: None,
            demo: false,
            check_config: None,
            trust_forwarded_for: TrustedProxies::default(),
            test_clock: false,
        }
    }
}
