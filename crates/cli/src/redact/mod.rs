//! `recordwell redact`: de-identify records with [`recordwell_redact`] before they are shared.

mod batch;
mod report;

use recordwell_redact::{Entity, EntityKind, Options, OptionsError, Redacted};
use serde::Serialize;
use std::io::{self, BufWriter, Write};

use crate::input::{self, FileErrorView, PathKey, Source, io_message};
use crate::style::Palette;
use crate::{Format, Outcome, RedactArgs, usage_error};
use report::KindSummary;

/// Extra text for `recordwell redact --help`.
pub const AFTER_HELP: &str = "\
What is hidden: people's names (with the same label for the same person throughout: \"Child A\",
\"Mother\", \"Adult B\"), dates of birth (all dates with --all-dates), addresses, postcodes, phone
numbers, email addresses, NHS, CHI and National Insurance numbers, web addresses, schools, nurseries,
GP practices and services (unless --no-organisations), and your own local terms (--term, or
custom_terms in --config). No tool finds everything: always read the result before sharing it.

Text output is the redacted record; for several files each starts with a `==> path <==` header.
JSON output (--format json) is {\"results\": [{\"path\", \"text\", \"entities\": [{\"kind\", \"start\",
\"end\", \"text\", \"replacement\"}]}]}: `text` is the redacted record and start/end are byte offsets
into the original input (counting a UTF-8 byte-order mark if the file had one; with --lossy, into
the text as decoded). An input that cannot be read gives {\"path\", \"error\"}.

--report lists what was removed, by kind, each original beside its replacement (\"Amy Smith → Child
A (5 mentions)\"), on standard error for text output and as a \"report\" field in JSON. The report
CONTAINS THE PERSONAL DATA, by design: it is for the practitioner who owns the record to confirm
the redaction. Keep it to yourself; share only the redacted text.

Batch mode (--jsonl FILE or -): each input line is a JSON object {\"id\": ..., \"text\": ...}; each
output line is {\"id\", \"line\", \"text\", \"entities\"} (and \"report\" with --report), in input
order, made on all cores with flat memory. A line that cannot be redacted gives {\"line\": n, \"id\":
... if known, \"error\": \"...\"} and the run carries on. Error messages never quote the record.

Settings (--config FILE) are TOML; flags override them:
  all_dates = false
  organisations = true
  custom_terms = [\"Hillview Estate\", \"Mossgiel Road\"]
  [labels]    child = \"Young person {}\", address = \"[home address]\"

Exit codes:
  0  every record was redacted
  1  (--jsonl) some lines could not be redacted; the others were
  2  usage error, unreadable input or settings, or (--jsonl) no line could be read at all";

/// Runs `recordwell redact`.
pub fn run(args: &RedactArgs) -> io::Result<Outcome> {
    let options = match options(args) {
        Ok(o) => o,
        Err(outcome) => return Ok(outcome),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    if let Some(path) = &args.jsonl {
        if let Some(outcome) = crate::jsonl::reject_text_format("redact", args.format) {
            return Ok(outcome);
        }
        return batch::run(&mut out, &Source::from_arg(path), &options, args.lossy, args.report);
    }
    let sources = match input::sources(&args.paths, "redact", "redact") {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let format = args.format.unwrap_or(Format::Text);
    let report_palette = Palette::for_stderr(args.color);
    let headers = sources.len() > 1;
    let mut outcome = Outcome::Clean;
    let mut json_results = Vec::new();
    let mut first = true;
    for source in &sources {
        let name = source.display_name();
        let record = match input::read(source, args.lossy) {
            Ok(r) => r,
            Err(e) => {
                e.report(args.color);
                outcome.absorb(Outcome::Trouble);
                if format == Format::Json {
                    json_results.push(FileResult::Error { path: name, error: e.message });
                }
                continue;
            }
        };
        let redacted = recordwell_redact::redact(&record.text, &options);
        let summary = args.report.then(|| report::summarise(&redacted.entities, options.mask));
        match format {
            Format::Text => {
                if headers {
                    writeln!(out, "{}==> {name} <==", if first { "" } else { "\n" })?;
                }
                out.write_all(redacted.text.as_bytes())?;
                if headers && !redacted.text.is_empty() && !redacted.text.ends_with('\n') {
                    writeln!(out)?;
                }
                out.flush()?;
                if let Some(kinds) = &summary {
                    report::write_text(&mut io::stderr().lock(), report_palette, &name, kinds)?;
                }
            }
            Format::Json => {
                json_results.push(FileResult::Redacted { path: name, shift: record.bom, redacted, report: summary })
            }
        }
        first = false;
    }
    if format == Format::Json {
        #[derive(Serialize)]
        struct Doc<'a> {
            results: &'a [FileResult],
        }
        serde_json::to_writer_pretty(&mut out, &Doc { results: &json_results }).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(outcome)
}

/// The redaction settings: the --config file if given, then the flags.
fn options(args: &RedactArgs) -> Result<Options, Outcome> {
    let mut options = match &args.config {
        None => Options::default(),
        Some(path) => Options::from_path(path).map_err(|e| {
            let why = match &e {
                OptionsError::Io { source, .. } => io_message(source),
                other => other.to_string(),
            };
            crate::say!("recordwell: error: {}: {why}", path.display());
            Outcome::Trouble
        })?,
    };
    if let Some(blank) = args.terms.iter().find(|t| t.trim().is_empty()) {
        return Err(usage_error(
            "redact",
            clap::error::ErrorKind::InvalidValue,
            format!("--term needs a word or phrase to hide, not {blank:?}"),
        ));
    }
    options.custom_terms.extend(args.terms.iter().map(|t| t.trim().to_string()));
    options.mask |= args.mask;
    options.all_dates |= args.all_dates;
    if args.no_organisations {
        options.organisations = false;
    }
    Ok(options)
}

/// One entity as JSON: exactly the documented fields, offsets shifted back onto the input.
#[derive(Serialize)]
struct EntityView<'a> {
    kind: EntityKind,
    start: usize,
    end: usize,
    text: &'a str,
    replacement: &'a str,
}

/// A redacted record as JSON; `K` is the key naming it (`path`, or `id` and `line`).
#[derive(Serialize)]
pub(crate) struct RedactedView<'a, K: Serialize> {
    #[serde(flatten)]
    key: K,
    text: &'a str,
    entities: Vec<EntityView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a [KindSummary]>,
}

impl<'a, K: Serialize> RedactedView<'a, K> {
    /// A view of `redacted` keyed by `key`, its offsets moved on by `shift` bytes.
    fn new(key: K, redacted: &'a Redacted, shift: usize, report: Option<&'a [KindSummary]>) -> Self {
        let entities = redacted.entities.iter().map(|e: &'a Entity| EntityView {
            kind: e.kind,
            start: e.start + shift,
            end: e.end + shift,
            text: &e.text,
            replacement: &e.replacement,
        });
        RedactedView { key, text: &redacted.text, entities: entities.collect(), report }
    }
}

/// What the JSON output says about one input.
enum FileResult {
    Redacted { path: String, shift: usize, redacted: Redacted, report: Option<Vec<KindSummary>> },
    Error { path: String, error: String },
}

impl Serialize for FileResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FileResult::Redacted { path, shift, redacted, report } => {
                RedactedView::new(PathKey { path }, redacted, *shift, report.as_deref()).serialize(s)
            }
            FileResult::Error { path, error } => FileErrorView { path, error }.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cli, Command};
    use clap::Parser;

    fn args(extra: &[&str]) -> RedactArgs {
        let cli = Cli::try_parse_from(["recordwell", "redact"].iter().chain(extra)).unwrap();
        let Command::Redact(args) = cli.command else { panic!("not redact") };
        args
    }

    #[test]
    fn flags_override_and_extend_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "custom_terms = [\"Hillview Estate\"]\n[labels]\nchild = \"Young person {}\"").unwrap();
        let o = options(&args(&[
            "--config",
            path.to_str().unwrap(),
            "--term",
            " Mossgiel Road ",
            "--term",
            "Bellfield",
            "--all-dates",
            "--no-organisations",
            "--mask",
        ]))
        .unwrap();
        assert_eq!(o.custom_terms, ["Hillview Estate", "Mossgiel Road", "Bellfield"]);
        assert!(o.all_dates && !o.organisations && o.mask);
        assert_eq!(o.labels.child, "Young person {}");
        assert_eq!(options(&args(&[])).unwrap(), Options::default());
    }
}
