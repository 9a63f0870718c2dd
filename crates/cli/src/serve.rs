//! `recordwell serve` and `recordwell backup`: settings from flags, `RECORDWELL_*` environment
//! variables and a TOML file, in that order of precedence.

use crate::Outcome;
use clap::Args;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use recordwell_web::Settings;
use serde::Serialize;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
With no options, `recordwell serve` keeps its data in recordwell.db in the working directory and
listens on http://127.0.0.1:8080. The first visit offers to create the organisation and its
first administrator. Try it with made-up people and records first: `recordwell serve --demo`.

Settings come from these flags, then RECORDWELL_* environment variables (RECORDWELL_LISTEN,
RECORDWELL_DATA_DIR, RECORDWELL_DATABASE_URL, RECORDWELL_PUBLIC_URL, RECORDWELL_SESSION_HOURS,
RECORDWELL_MAX_BODY_BYTES, RECORDWELL_SMTP__HOST, RECORDWELL_SMTP__PORT, RECORDWELL_SMTP__FROM,
…), then the TOML file given by --config or RECORDWELL_CONFIG. See docs/deployment.md.

Logs go to standard error, one line per request, with no personal data; RECORDWELL_LOG sets
the level (default info) and --log-format json suits log collectors.";

/// Where the server keeps its data: shared by `serve`, `backup` and `admin`.
#[derive(Debug, Args, Serialize, Default)]
pub struct DatabaseArgs {
    /// Folder for the SQLite database (recordwell.db) [default: the working directory].
    #[arg(long, value_name = "DIR", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,

    /// A PostgreSQL database instead: postgres://user:password@host/db (for several servers).
    #[arg(long, value_name = "URL", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,

    /// A TOML settings file.
    #[arg(long, short = 'c', value_name = "FILE", global = true)]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}

/// Options of `recordwell serve`.
#[derive(Debug, Args, Serialize)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080]; port 0 picks a free one.
    #[arg(long, value_name = "ADDR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,

    #[command(flatten)]
    #[serde(flatten)]
    pub db: DatabaseArgs,

    /// The address people use to reach this server, for links in emails.
    #[arg(long, value_name = "URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,

    /// Seed a fictional partnership with a user for each role, and print how to sign in.
    #[arg(long)]
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,

    /// Log format: text for people, json for log collectors.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    #[serde(skip)]
    pub log_format: LogFormat,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per event.
    Json,
}

/// Options of `recordwell backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (must not exist yet).
    #[arg(value_name = "FILE")]
    pub dest: PathBuf,

    #[command(flatten)]
    pub db: DatabaseArgs,
}

/// The settings' keys that environment variables may set (other RECORDWELL_* variables, such as
/// the test suite's, are not settings).
const ENV_KEYS: [&str; 11] = [
    "listen",
    "data_dir",
    "database_url",
    "public_url",
    "session_hours",
    "max_body_bytes",
    "smtp",
    "demo",
    "check_config",
    "trust_forwarded_for",
    "test_clock",
];

/// Whether an environment variable (prefix removed, any case, `__` or `.` for nesting) names a
/// setting.
fn is_setting(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let first = key.split("__").next().unwrap_or_default().split('.').next().unwrap_or_default();
    ENV_KEYS.contains(&first)
}

/// Settings from the file, then the environment, then `flags` (each overriding the one before).
pub fn settings(flags: &impl Serialize, config: Option<&PathBuf>) -> Result<Settings, String> {
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    let file = config.cloned().or_else(|| std::env::var_os("RECORDWELL_CONFIG").map(PathBuf::from));
    if let Some(path) = file {
        if !path.is_file() {
            return Err(format!("the settings file {} does not exist", path.display()));
        }
        figment = figment.merge(Toml::file(path));
    }
    let env = Env::prefixed("RECORDWELL_").split("__").filter(|k| is_setting(k.as_str()));
    figment = figment.merge(env).merge(Serialized::defaults(flags));
    figment.extract().map_err(|e| format!("the settings are not valid: {e}"))
}

fn init_logs(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("RECORDWELL_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// A multi-threaded runtime for the server and admin commands.
pub fn runtime() -> Result<tokio::runtime::Runtime, Outcome> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| {
        say!("recordwell: error: could not start the async runtime: {e}");
        Outcome::Trouble
    })
}

/// `recordwell serve`.
pub fn run(args: ServeArgs) -> Outcome {
    let settings = match settings(&args, args.db.config.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            say!("recordwell: error: {e}");
            return Outcome::Trouble;
        }
    };
    init_logs(args.log_format);
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(o) => return o,
    };
    match rt.block_on(recordwell_web::serve(settings)) {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            say!("recordwell: error: {e}");
            Outcome::Trouble
        }
    }
}

/// `recordwell backup`.
pub fn backup(args: BackupArgs) -> Outcome {
    let settings = match settings(&args.db, args.db.config.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            say!("recordwell: error: {e}");
            return Outcome::Trouble;
        }
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(o) => return o,
    };
    let done = rt.block_on(async {
        let store = recordwell_web::server::open_store(&settings).await.map_err(|e| e.to_string())?;
        let result = store.backup_sqlite(&args.dest).await.map_err(|e| e.to_string());
        store.close().await;
        result
    });
    match done {
        Ok(()) => {
            say!("Backed up to {}", args.dest.display());
            Outcome::Clean
        }
        Err(e) => {
            say!("recordwell: error: {e}");
            Outcome::Trouble
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_setting, settings};

    #[test]
    fn trusted_proxies_come_as_a_list_and_true_is_refused_with_what_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("recordwell.toml");
        std::fs::write(&file, "trust_forwarded_for = [\"10.0.0.5\", \"10.1.0.0/16\"]\n").unwrap();
        let flags = std::collections::BTreeMap::<String, String>::new();
        let s = settings(&flags, Some(&file)).unwrap();
        assert!(!s.trust_forwarded_for.is_empty());
        std::fs::write(&file, "trust_forwarded_for = true\n").unwrap();
        let err = settings(&flags, Some(&file)).unwrap_err();
        assert!(err.contains("addresses of your reverse proxies"), "{err}");
        std::fs::write(&file, "trust_forwarded_for = [\"proxy.local\"]\n").unwrap();
        let err = settings(&flags, Some(&file)).unwrap_err();
        assert!(err.contains("not an address or network"), "{err}");
    }

    #[test]
    fn environment_variables_name_settings_in_any_case() {
        assert!(is_setting("LISTEN"));
        assert!(is_setting("SMTP__HOST"));
        assert!(is_setting("database_url"));
        assert!(!is_setting("TEST_POSTGRES"), "the test suite's variables are not settings");
        assert!(!is_setting("BIN"));
    }
}
