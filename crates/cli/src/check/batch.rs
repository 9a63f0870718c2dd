//! Batch mode: `recordwell check --jsonl FILE|-`.
//!
//! Each input line is one JSON object `{"id": …, "type": …, "text": …}`; each output line is one
//! JSON result, in input order. The chunked, parallel, ordered machinery is [`crate::jsonl`]; this
//! module checks one line.

use recordwell_check::{Config, RecordType, Severity};
use serde_json::Value;
use std::io::{self, Write};

use super::output_json::ReportView;
use crate::Outcome;
use crate::input::Source;
use crate::jsonl::{self, IdKey, LineResult, Status};

/// Settings for a batch run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The record type for lines without a `type`.
    pub record_type: RecordType,
    /// Findings at or above this severity make the run fail.
    pub fail_level: Severity,
    /// Replace invalid UTF-8 instead of rejecting the line.
    pub lossy: bool,
}

/// Runs a batch over `source`, writing JSON Lines to `out`.
pub fn run(out: &mut impl Write, source: &Source, config: &Config, opts: &Options) -> io::Result<Outcome> {
    jsonl::run(out, source, "checked", |n, bytes| check_line(n, bytes, config, opts))
}

/// Parses and checks one input line.
fn check_line(n: usize, bytes: &[u8], config: &Config, opts: &Options) -> LineResult {
    const SHAPE: &str = r#"each line must be one JSON object like {"id": 1, "type": "contact", "text": "..."}"#;
    let parsed = match jsonl::parse_line(n, bytes, opts.lossy, SHAPE) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let known_id = parsed.known_id();
    let record_type = match parsed.fields.get("type") {
        None | Some(Value::Null) => opts.record_type,
        Some(Value::String(s)) => match s.parse::<RecordType>() {
            Ok(t) => t,
            Err(e) => return jsonl::error(n, known_id, format!("line {n}: {e}")),
        },
        Some(_) => {
            return jsonl::error(
                n,
                known_id,
                format!("line {n}: \"type\" must be a string, one of: {}", RecordType::all_ids().join(", ")),
            );
        }
    };
    let text = match parsed.text(SHAPE) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let report = recordwell_check::check(text, record_type, config);
    let status =
        if report.findings.iter().any(|f| f.severity >= opts.fail_level) { Status::Failed } else { Status::Passed };
    jsonl::result_line(n, known_id, &ReportView::new(IdKey { id: &parsed.id, line: n }, &report), status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options { record_type: RecordType::Detailed, fail_level: Severity::Warning, lossy: false }
    }

    fn line(s: &[u8]) -> (Value, bool) {
        let r = check_line(7, s, Config::shared_default(), &opts());
        (serde_json::from_str(&r.json).unwrap(), r.status == Status::Error)
    }

    #[test]
    fn good_line_is_checked_with_its_id() {
        let (v, err) = line(br#"{"id": "a1", "type": "contact", "text": "Mum was non-compliant."}"#);
        assert!(!err);
        assert_eq!(v["id"], "a1");
        assert_eq!(v["line"], 7);
        assert_eq!(v["record_type"], "contact");
        assert!(v.get("path").is_none());
    }

    #[test]
    fn bad_lines_explain_themselves() {
        let (v, err) = line(b"{not json");
        assert!(err && v["error"].as_str().unwrap().contains("not valid JSON") && v.get("id").is_none());
        let (v, err) = line(br#"{"id": 3}"#);
        assert!(err && v["id"] == 3 && v["error"].as_str().unwrap().contains("\"text\""));
        let (v, err) = line(br#"{"id": 3, "type": "letter", "text": "x"}"#);
        assert!(err && v["error"].as_str().unwrap().contains("case-summary"));
        let (v, err) = line(b"{\"text\": \"a\xFFb\"}");
        assert!(err && v["error"].as_str().unwrap().contains("UTF-8"));
        let (_, err) = line(b"[1, 2]");
        assert!(err);
    }

    #[test]
    fn lossy_carries_on() {
        let o = Options { lossy: true, ..opts() };
        let r = check_line(1, b"{\"text\": \"a\xFFb\"}", Config::shared_default(), &o);
        assert!(r.status != Status::Error);
    }
}
