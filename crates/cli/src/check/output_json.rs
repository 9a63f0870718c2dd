//! JSON output for programs.
//!
//! `recordwell check --format json` writes one document:
//!
//! ```json
//! {"results": [
//!   {"path": "visit.txt", "record_type": "contact",
//!    "findings": [{"id", "category", "lens", "severity", "message", "suggestion",
//!                  "start", "end", "line", "column", "text"}],
//!    "metrics": {"words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade"},
//!    "scores": {"colleague", "family"}},
//!   {"path": "missing.txt", "error": "no such file; check the path"}
//! ]}
//! ```
//!
//! `start` and `end` are byte offsets; `line` and `column` are 1-based, the column counted in
//! characters. The finding, metrics and score objects are the engine's own serialisations, so
//! the command line, the batch mode and the web app all agree on field names.

use recordwell_check::{Finding, Metrics, RecordType, Report, Scores};

use crate::input::{FileErrorView, PathKey};
use serde::Serialize;
use std::io::{self, Write};

/// What the JSON output says about one input.
#[derive(Debug)]
pub enum FileResult {
    /// The input was checked.
    Checked {
        /// Display name (`<stdin>` for standard input).
        path: String,
        /// What the checker said.
        report: Report,
    },
    /// The input could not be read.
    Error {
        /// Display name.
        path: String,
        /// What went wrong and what to do.
        error: String,
    },
}

/// The serialised shape of a checked record; `K` is the key naming it (`path` or `id`).
#[derive(Serialize)]
pub struct ReportView<'a, K: Serialize> {
    /// `path` or `id` (and `line`), flattened in.
    #[serde(flatten)]
    pub key: K,
    /// The record type checked against.
    pub record_type: RecordType,
    /// Findings in text order.
    pub findings: &'a [Finding],
    /// Readability metrics.
    pub metrics: &'a Metrics,
    /// The two lens scores.
    pub scores: &'a Scores,
}

impl<'a, K: Serialize> ReportView<'a, K> {
    /// A view of `report` keyed by `key`.
    pub fn new(key: K, report: &'a Report) -> Self {
        ReportView {
            key,
            record_type: report.record_type,
            findings: &report.findings,
            metrics: &report.metrics,
            scores: &report.scores,
        }
    }
}

impl Serialize for FileResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FileResult::Checked { path, report } => ReportView::new(PathKey { path }, report).serialize(s),
            FileResult::Error { path, error } => FileErrorView { path, error }.serialize(s),
        }
    }
}

/// Writes `{"results": [...]}`, pretty-printed, with a final newline.
pub fn write_results(out: &mut impl Write, results: &[FileResult]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        results: &'a [FileResult],
    }
    serde_json::to_writer_pretty(&mut *out, &Doc { results }).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_matches_the_documented_fields() {
        let report = recordwell_check::check(
            "Mum was non-compliant.",
            RecordType::Contact,
            recordwell_check::Config::shared_default(),
        );
        let results = [
            FileResult::Checked { path: "a.txt".into(), report },
            FileResult::Error { path: "b.txt".into(), error: "no such file".into() },
        ];
        let mut buf = Vec::new();
        write_results(&mut buf, &results).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        let r = &v["results"][0];
        assert_eq!(r["path"], "a.txt");
        assert_eq!(r["record_type"], "contact");
        let f = &r["findings"][0];
        for key in ["id", "category", "lens", "severity", "message", "suggestion", "start", "end", "line", "column"] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        assert!(f.get("text").is_some());
        for key in ["words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade"] {
            assert!(r["metrics"].get(key).is_some(), "missing {key}");
        }
        assert!(r["scores"]["colleague"].is_u64() && r["scores"]["family"].is_u64());
        assert_eq!(v["results"][1]["error"], "no such file");
    }
}
