//! # recordwell-check
//!
//! Reads a social-work record the way a senior practitioner would, through a colleague's eyes
//! and a family member's, and explains every finding with its reason.
//!
//! ```
//! use recordwell_check::{check, Config, RecordType};
//!
//! let report = check("Mum was non-compliant with the plan.", RecordType::Detailed, Config::shared_default());
//! assert!(report.findings.iter().any(|f| f.id.starts_with("judgemental-language")));
//! ```
//!
//! This crate is pure: text in, findings and metrics out. It does no I/O and starts no threads,
//! so the same call gives the same answer anywhere (the command line, the web app, a batch job).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod action_plan;
mod catalogue;
mod config;
mod document;
mod finding;
mod lexicon;
mod metrics;
mod record_type;
mod report;
mod rules;
pub mod text;

pub use catalogue::{CATALOGUE, Category, CategoryInfo};
pub use config::{Config, ConfigError, Level, ListPatch, Settings};
pub use document::{Document, Sentence};
pub use finding::{Finding, Lens, Severity};
pub use lexicon::{Entry, Hit, List, embedded_entries};
pub use metrics::Metrics;
pub use record_type::{RecordType, UnknownRecordType};
pub use report::{Report, Scores};

/// Checks one record.
///
/// `config` carries the organisation's word lists and rule levels; pass
/// [`Config::shared_default()`] for the shipped rules. The word lists are compiled the first time
/// a configuration is used and reused after that.
pub fn check(text: &str, record_type: RecordType, config: &Config) -> Report {
    let doc = Document::new(text, config.lexicon());
    let metrics = Metrics::of(&doc);
    let cx = rules::Ctx::new(&doc, record_type, config, &metrics);
    let mut out = rules::Findings::new(config, text);
    rules::run_all(&cx, &mut out);
    let findings = finish(text, out.into_vec());
    let scores = Scores::from_findings(&findings);
    Report { record_type, findings, metrics, scores }
}

/// Sorts findings into a stable order, drops exact duplicates and fills in line and column.
fn finish(text: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| (a.start, a.end, &a.id, &a.message).cmp(&(b.start, b.end, &b.id, &b.message)));
    findings.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.id == b.id);
    let mut line = 1;
    let mut scanned = 0;
    // Column of `scanned`, 1-based in characters. Carried forward from finding to finding, so a
    // single long line with many findings is counted once, not once per finding.
    let mut column = 1;
    for f in &mut findings {
        // Findings are sorted by start, so one forward pass over the text is enough.
        let gap = &text[scanned..f.start];
        match memchr::memrchr(b'\n', gap.as_bytes()) {
            Some(last_nl) => {
                line += memchr::memchr_iter(b'\n', gap.as_bytes()).count();
                column = gap[last_nl + 1..].chars().count() + 1;
            }
            None => column += gap.chars().count(),
        }
        scanned = f.start;
        f.line = line;
        f.column = column;
    }
    findings
}

/// Returns the catalogue entry for a rule id, accepting specific ids such as `jargon/placement`.
pub fn explain(id: &str) -> Option<&'static CategoryInfo> {
    Category::from_id(id.split('/').next().unwrap_or(id)).map(Category::info)
}
