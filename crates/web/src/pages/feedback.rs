//! The checker's feedback as the workspace shows it: scores, a readability line, each finding
//! with its suggestion and "why", and the text with findings marked.

use crate::error::AppError;
use crate::pages::PageJson;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use recordwell_check::{Config, Finding, RecordType, Report};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One finding, ready to show.
#[derive(Debug, Clone)]
pub struct FindingView {
    /// Check id.
    pub id: String,
    /// Message.
    pub message: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Suggestion, if the check has one.
    pub suggestion: Option<String>,
    /// Why it matters (from the catalogue).
    pub why: &'static str,
    /// The words found.
    pub text: String,
    /// Line, from 1.
    pub line: usize,
}

/// A run of the text, marked when a finding covers it.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// The finding's number (from 1), if marked.
    pub finding: Option<usize>,
    /// The finding's message, for the tooltip.
    pub title: String,
}

/// The whole panel.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// Colleague lens score.
    pub colleague: u8,
    /// Family lens score.
    pub family: u8,
    /// Plain-language readability.
    pub readability: String,
    /// Findings in text order, at most [`SHOWN_PER_CHECK`] of each check.
    pub findings: Vec<FindingView>,
    /// The checks that found more than could be shown: (the first such finding's message, how
    /// many more), in check id order.
    pub not_shown: Vec<(String, usize)>,
    /// The text with findings marked.
    pub segments: Vec<Segment>,
}

/// Checks `text` as `record_type` and prepares the panel.
pub fn check(text: &str, record_type: RecordType, config: &Config) -> CheckView {
    let report = recordwell_check::check(text, record_type, config);
    view(text, &report)
}

/// Findings shown of any one check. A long text with a habit in it (the same jargon on every
/// page) would otherwise repeat one finding thousands of times: a page no one can read, tens of
/// megabytes to send. The rest are counted instead.
pub const SHOWN_PER_CHECK: usize = 25;

fn view(text: &str, report: &Report) -> CheckView {
    let mut per_check: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    let shown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| {
            let (_, n) = per_check.entry(f.id.as_str()).or_insert((f.message.as_str(), 0));
            *n += 1;
            *n <= SHOWN_PER_CHECK
        })
        .collect();
    let not_shown = per_check
        .into_values()
        .filter(|(_, n)| *n > SHOWN_PER_CHECK)
        .map(|(message, n)| (message.to_owned(), n - SHOWN_PER_CHECK))
        .collect();
    let findings = shown
        .iter()
        .map(|f| FindingView {
            id: f.id.clone(),
            message: f.message.clone(),
            severity: format!("{:?}", f.severity).to_lowercase(),
            suggestion: f.suggestion.clone(),
            why: f.category.info().why,
            text: quote(&f.text),
            line: f.line,
        })
        .collect();
    CheckView {
        colleague: report.scores.colleague,
        family: report.scores.family,
        readability: readability_line(report),
        findings,
        not_shown,
        segments: segments(text, &shown),
    }
}

/// Characters of the text a finding quotes. A finding about a whole paragraph (too long, no
/// date) would otherwise repeat the paragraph, and a long record, in full; the marks in the text
/// below show where it is.
pub const QUOTE_CHARS: usize = 160;

fn quote(found: &str) -> String {
    match found.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", found[..cut].trim_end()),
        None => found.to_owned(),
    }
}

fn readability_line(report: &Report) -> String {
    let m = &report.metrics;
    if m.words == 0 {
        return "No text to measure yet.".to_owned();
    }
    format!(
        "Reads as {} (reading ease {:.0} of 100; school grade {:.1}). {} in {}.",
        m.describe(),
        m.flesch_reading_ease.clamp(0.0, 100.0),
        m.flesch_kincaid_grade.max(0.0),
        count(m.words, "word"),
        count(m.sentences, "sentence")
    )
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Splits the text at the shown findings' boundaries. Overlapping findings: the first one wins
/// the overlap.
fn segments(text: &str, findings: &[&Finding]) -> Vec<Segment> {
    let mut out = vec![];
    let mut at = 0;
    for (i, f) in findings.iter().enumerate() {
        let (start, end) = (f.start.max(at), f.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Segment { text: text[at..start].to_owned(), finding: None, title: String::new() });
        }
        out.push(Segment { text: text[start..end].to_owned(), finding: Some(i + 1), title: f.message.clone() });
        at = end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_owned(), finding: None, title: String::new() });
    }
    out
}

#[derive(Template)]
#[template(path = "feedback_fragment.html")]
struct Fragment {
    check: Option<CheckView>,
    live: bool,
}

/// The live-feedback request from the workspace script.
#[derive(Deserialize)]
pub struct LiveRequest {
    text: String,
    #[serde(rename = "type")]
    record_type: String,
}

/// `POST /records/feedback` (JavaScript): the feedback panel's inner HTML for the text typed so
/// far. Rendered here, from the same template as the page, so that the panel looks the same
/// with or without JavaScript and record text is always escaped by the server.
pub async fn live(State(state): State<AppState>, PageJson(req): PageJson<LiveRequest>) -> Result<Response, AppError> {
    let record_type = req.record_type.parse().unwrap_or(RecordType::Detailed);
    let config = state.check_config.clone();
    let check = tokio::task::spawn_blocking(move || check(&req.text, record_type, &config))
        .await
        .map_err(|_| AppError::Internal("the check failed".into()))?;
    Ok(Html(Fragment { check: Some(check), live: true }.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_findings_in_the_text_and_keeps_every_byte() {
        let text = "Mum was non-compliant and the placement was discussed.";
        let v = check(text, RecordType::Contact, Config::shared_default());
        assert!(!v.findings.is_empty());
        let joined: String = v.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert!(v.segments.iter().any(|s| s.finding.is_some()));
        assert!(v.findings.iter().all(|f| !f.why.is_empty()));
    }

    #[test]
    fn a_check_that_finds_the_same_thing_thousands_of_times_shows_a_few_and_counts_the_rest() {
        let text = "Mum was non-compliant. ".repeat(2_000);
        let v = check(&text, RecordType::Contact, Config::shared_default());
        let report = recordwell_check::check(&text, RecordType::Contact, Config::shared_default());
        for (message, more) in &v.not_shown {
            let id = &report.findings.iter().find(|f| &f.message == message).unwrap().id;
            let all = report.findings.iter().filter(|f| &f.id == id).count();
            let shown = v.findings.iter().filter(|f| &f.id == id).count();
            assert_eq!((shown, shown + more), (SHOWN_PER_CHECK, all), "{id}");
        }
        assert!(!v.not_shown.is_empty());
        assert_eq!(v.findings.len() + v.not_shown.iter().map(|(_, n)| n).sum::<usize>(), report.findings.len());
        let joined: String = v.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text, "every byte of the text is still shown");
        assert!(v.findings.iter().all(|f| f.text.chars().count() <= QUOTE_CHARS + 1), "quotes are short");
        let marked = v.segments.iter().filter_map(|s| s.finding).max().unwrap();
        assert!(marked <= v.findings.len(), "marks point only at findings shown");
    }
}
