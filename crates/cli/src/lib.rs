//! # recordwell (command line)
//!
//! The `recordwell` binary checks social-work records with [`recordwell_check`] and reports what
//! it finds, as compiler-style text for people or JSON for programs, and de-identifies them with
//! [`recordwell_redact`] before they are shared.
//!
//! ```text
//! recordwell check visit.txt --type contact
//! recordwell check --format json notes/*.txt
//! recordwell check --jsonl records.jsonl > results.jsonl
//! recordwell check --explain jargon/placement
//! recordwell redact visit.txt --report > visit-shareable.txt
//! ```
//!
//! `main.rs` only calls [`run`]; everything else lives here so it can be tested. Subcommands are
//! an enum ([`Command`]): `check` and `redact` share input reading, batch mode and output code.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Writes a line to standard error, ignoring failure: a closed stderr must not make us panic
/// (unlike `eprintln!`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use say;

mod admin;
mod check;
mod input;
mod jsonl;
mod outcome;
mod redact;
mod serve;
mod style;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub use outcome::Outcome;

/// Check and improve social-work records.
#[derive(Debug, Parser)]
#[command(name = "recordwell", version, about, propagate_version = true, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check records and report findings (text for people, JSON for programs).
    #[command(after_long_help = check::AFTER_HELP)]
    Check(CheckArgs),
    /// De-identify records before sharing them in training or pair review.
    ///
    /// Names, dates of birth, addresses, postcodes, phone numbers, email addresses, NHS, CHI and NI
    /// numbers are replaced with labels ("Child A", "Mother", "[address]"), the same label for the
    /// same person throughout.
    #[command(after_long_help = redact::AFTER_HELP)]
    Redact(RedactArgs),
    /// Run the web platform (SQLite in the working directory unless told otherwise).
    #[command(after_long_help = serve::AFTER_HELP)]
    Serve(serve::ServeArgs),
    /// Make a consistent copy of the SQLite database while the server runs.
    Backup(serve::BackupArgs),
    /// Manage organisations, people and API tokens from the command line.
    Admin(admin::AdminArgs),
}

/// Options of `recordwell redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Records to de-identify; `-` reads standard input (the default when no file is given and
    /// input is piped).
    #[arg(value_name = "PATH", conflicts_with = "jsonl")]
    pub paths: Vec<PathBuf>,

    /// Output format: `text` prints the redacted record; `json` adds what was found and where.
    /// With --jsonl the output is always JSON Lines.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Replace each identifier with █ characters, one per character, instead of a label (keeps
    /// the layout of forms and tables).
    #[arg(long)]
    pub mask: bool,

    /// Redaction settings (TOML): labels, `custom_terms`, `all_dates`, `organisations`. The
    /// flags below override the file.
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Hide every date, not only dates of birth.
    #[arg(long)]
    pub all_dates: bool,

    /// Leave the names of schools, nurseries, GP practices and services in.
    #[arg(long)]
    pub no_organisations: bool,

    /// A local term to hide wherever it appears (a street, an estate, a school); repeat the flag
    /// for more: `--term "Hillview Estate" --term "Mossgiel Road"`.
    #[arg(long = "term", value_name = "TERM")]
    pub terms: Vec<String>,

    /// Also show what was removed, by kind, each original beside its replacement, for you to
    /// confirm before sharing. The report CONTAINS THE PERSONAL DATA by design: it is for the
    /// practitioner who owns the record; never share it. Text: on standard error (standard
    /// output stays the redacted record). JSON: a "report" field in each result.
    #[arg(long)]
    pub report: bool,

    /// Redact text that is not valid UTF-8 anyway, replacing bad bytes with U+FFFD.
    #[arg(long)]
    pub lossy: bool,

    /// When to colour the report.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Batch mode: read JSON Lines (`{"id": …, "text": …}`) from FILE or `-` and write one JSON
    /// result per line, in input order.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
}

/// Options of `recordwell check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; `-` reads standard input (the default when no file is given and input
    /// is piped).
    #[arg(value_name = "PATH", conflicts_with_all = ["jsonl", "rules", "explain"])]
    pub paths: Vec<PathBuf>,

    /// The kind of record, which decides which checks apply.
    #[arg(long = "type", short = 't', value_enum, default_value_t = TypeArg::Detailed, value_name = "TYPE")]
    pub record_type: TypeArg,

    /// Output format. With --jsonl the output is always JSON Lines.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// An organisation's TOML configuration: rule levels, settings, word-list changes.
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// List every rule: id, lens, default severity, title and why it matters.
    #[arg(long, conflicts_with_all = ["explain", "jsonl"])]
    pub rules: bool,

    /// Explain one rule id, e.g. `judgemental-language` or `jargon/placement`.
    #[arg(long, value_name = "ID", conflicts_with = "jsonl")]
    pub explain: Option<String>,

    /// Exit with 1 when there is a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailLevel::Warning)]
    pub fail_level: FailLevel,

    /// Check text that is not valid UTF-8 anyway, replacing bad bytes with U+FFFD.
    #[arg(long)]
    pub lossy: bool,

    /// The record is to be shared in training: also report personal data left in it (names,
    /// dates of birth, addresses, phone numbers, email addresses, NHS, CHI and NI numbers …) as
    /// `personal-data/<kind>`, at warning unless --config sets a level for `personal-data`. The
    /// `personal-data` check is off without this flag or a --config level.
    #[arg(long)]
    pub training: bool,

    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Batch mode: read JSON Lines (`{"id": …, "type": …, "text": …}`) from FILE or `-` and
    /// write one JSON result per line, in input order.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
}

/// A record type as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum TypeArg {
    Contact,
    CaseSummary,
    Assessment,
    Chronology,
    Detailed,
    Supervision,
}

impl From<TypeArg> for recordwell_check::RecordType {
    fn from(t: TypeArg) -> Self {
        use recordwell_check::RecordType as R;
        match t {
            TypeArg::Contact => R::Contact,
            TypeArg::CaseSummary => R::CaseSummary,
            TypeArg::Assessment => R::Assessment,
            TypeArg::Chronology => R::Chronology,
            TypeArg::Detailed => R::Detailed,
            TypeArg::Supervision => R::Supervision,
        }
    }
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: `check` writes `file:line:col: level [rule-id] message` with excerpts and a
    /// summary; `redact` writes the redacted record.
    Text,
    /// One JSON document `{"results": [...]}`.
    Json,
}

/// The lowest severity that makes the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum FailLevel {
    Info,
    Warning,
    Error,
}

impl From<FailLevel> for recordwell_check::Severity {
    fn from(l: FailLevel) -> Self {
        match l {
            FailLevel::Info => recordwell_check::Severity::Info,
            FailLevel::Warning => recordwell_check::Severity::Warning,
            FailLevel::Error => recordwell_check::Severity::Error,
        }
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Runs the command line with the process's arguments and returns the exit code.
pub fn run() -> ExitCode {
    run_from(std::env::args_os()).into()
}

/// Runs the command line with the given arguments (the first is the program name).
///
/// Usage errors exit with 2, as do input errors; a closed output pipe (`recordwell check big |
/// head`) ends the run quietly with 0, the way `grep` users expect.
pub fn run_from<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout and succeed; everything else is a usage error.
            let _ = e.print();
            return if e.exit_code() == 0 { Outcome::Clean } else { Outcome::Trouble };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Redact(args) => redact::run(&args),
        Command::Serve(args) => return serve::run(args),
        Command::Backup(args) => return serve::backup(args),
        Command::Admin(args) => return admin::run(args),
    };
    match result {
        Ok(outcome) => outcome,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(e) => {
            let _ = writeln!(io::stderr(), "recordwell: error: cannot write output: {e}");
            Outcome::Trouble
        }
    }
}

/// Builds a clap usage error (printed like clap's own, exit code 2).
pub(crate) fn usage_error(subcommand: &str, kind: clap::error::ErrorKind, message: impl std::fmt::Display) -> Outcome {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let sub = cmd.find_subcommand_mut(subcommand).map(|c| c.clone()).unwrap_or(cmd);
    let _ = sub.bin_name(format!("recordwell {subcommand}")).error(kind, message).print();
    Outcome::Trouble
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn type_args_cover_every_record_type() {
        for t in TypeArg::value_variants() {
            let name = t.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(recordwell_check::RecordType::from(*t).id(), name);
        }
        assert_eq!(TypeArg::value_variants().len(), recordwell_check::RecordType::ALL.len());
    }
}
