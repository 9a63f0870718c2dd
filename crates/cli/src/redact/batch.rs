//! Batch mode: `recordwell redact --jsonl FILE|-`.
//!
//! Each input line is one JSON object `{"id": …, "text": …}`; each output line is
//! `{"id", "line", "text", "entities"}` (and `"report"` with `--report`), in input order. The
//! chunked, parallel, ordered machinery is [`crate::jsonl`]; this module redacts one line.

use recordwell_redact::Options;
use std::io::{self, Write};

use super::{RedactedView, report};
use crate::Outcome;
use crate::input::Source;
use crate::jsonl::{self, IdKey, LineResult, Status};

const SHAPE: &str = r#"each line must be one JSON object like {"id": 1, "text": "..."}"#;

/// Runs a batch over `source`, writing JSON Lines to `out`.
pub fn run(out: &mut impl Write, source: &Source, options: &Options, lossy: bool, report: bool) -> io::Result<Outcome> {
    jsonl::run(out, source, "redacted", |n, bytes| redact_line(n, bytes, options, lossy, report))
}

/// Parses and redacts one input line.
fn redact_line(n: usize, bytes: &[u8], options: &Options, lossy: bool, with_report: bool) -> LineResult {
    let parsed = match jsonl::parse_line(n, bytes, lossy, SHAPE) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let text = match parsed.text(SHAPE) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let redacted = recordwell_redact::redact(text, options);
    let summary = with_report.then(|| report::summarise(&redacted.entities, options.mask));
    let view = RedactedView::new(IdKey { id: &parsed.id, line: n }, &redacted, 0, summary.as_deref());
    jsonl::result_line(n, parsed.known_id(), &view, Status::Passed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn line(s: &[u8], report: bool) -> (Value, bool) {
        let r = redact_line(3, s, &Options::default(), false, report);
        (serde_json::from_str(&r.json).unwrap(), r.status == Status::Error)
    }

    #[test]
    fn good_line_is_redacted_with_its_id() {
        let (v, err) = line(br#"{"id": "a1", "text": "Mum wrote from k.f@example.org."}"#, false);
        assert!(!err);
        assert_eq!((v["id"].as_str(), v["line"].as_u64()), (Some("a1"), Some(3)));
        assert!(v["text"].as_str().unwrap().contains("[email]"));
        let e = &v["entities"][0];
        assert_eq!(
            (e["kind"].as_str(), e["start"].as_u64(), e["text"].as_str()),
            (Some("email"), Some(15), Some("k.f@example.org"))
        );
        assert!(v.get("report").is_none());
        let (v, _) = line(br#"{"text": "k.f@example.org"}"#, true);
        assert_eq!(v["report"][0]["kind"], "email");
        assert!(v["id"].is_null());
    }

    #[test]
    fn bad_lines_explain_themselves_without_quoting() {
        let (v, err) = line(br#"{"id": 9, "text": ["Amy Smith"]}"#, false);
        assert!(err && v["id"] == 9);
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains("\"text\"") && !msg.contains("Amy"), "{msg}");
        let (v, err) = line(br#"{"text": "Amy Smith"#, false);
        assert!(err && !v["error"].as_str().unwrap().contains("Amy"));
    }
}
