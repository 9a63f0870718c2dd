//! Invariants every report must satisfy, whatever the input. Shared by the integration tests and
//! the fuzz target (which includes this file by path), so it depends on nothing but the engine.

use recordwell_check::{Config, RecordType, Report, Scores, check};

/// Asserts that `report`, produced by checking `text`, is well formed:
/// offsets on char boundaries and inside the text, `text` equal to the slice, 1-based line and
/// character column consistent with the offsets, findings sorted with no duplicates, ids under their
/// category, lens from the catalogue, only categories that apply to the record type, finite metrics
/// and scores derived from the findings.
pub fn assert_report(text: &str, report: &Report) {
    let mut prev: Option<(usize, usize, &str, &str)> = None;
    // Walk lines forward as findings are sorted by start.
    let mut line = 1usize;
    let mut line_start = 0usize;
    let mut scanned = 0usize;
    for f in &report.findings {
        let ctx = || format!("finding {} at {}..{} in {:?}", f.id, f.start, f.end, short(text));
        assert!(f.start <= f.end, "start after end: {}", ctx());
        assert!(f.end <= text.len(), "end beyond the text ({} bytes): {}", text.len(), ctx());
        assert!(text.is_char_boundary(f.start), "start not on a char boundary: {}", ctx());
        assert!(text.is_char_boundary(f.end), "end not on a char boundary: {}", ctx());
        assert_eq!(f.text, text[f.start..f.end], "text is not the slice: {}", ctx());

        for (i, b) in text.as_bytes()[scanned..f.start].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = f.start;
        assert_eq!(f.line, line, "wrong line: {}", ctx());
        let column = text[line_start..f.start].chars().count() + 1;
        assert_eq!(f.column, column, "wrong column (chars, 1-based): {}", ctx());

        let cat = f.category.id();
        assert!(
            f.id == cat || f.id.strip_prefix(cat).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1),
            "id not under its category {cat}: {}",
            ctx()
        );
        assert_eq!(f.lens, f.category.info().lens, "lens differs from the catalogue: {}", ctx());
        assert!(report.record_type.applies(f.category), "category does not apply to {}: {}", report.record_type, ctx());
        assert!(!f.message.trim().is_empty(), "empty message: {}", ctx());

        let key = (f.start, f.end, f.id.as_str(), f.message.as_str());
        if let Some(p) = prev {
            assert!(p <= key, "findings not sorted: {:?} before {:?}", p, key);
            assert!(!(p.0 == key.0 && p.1 == key.1 && p.2 == key.2), "duplicate finding: {}", ctx());
        }
        prev = Some(key);
    }
    let m = &report.metrics;
    assert!(m.flesch_reading_ease.is_finite() && m.flesch_kincaid_grade.is_finite(), "metrics not finite: {m:?}");
    assert!(report.scores.colleague <= 100 && report.scores.family <= 100);
    assert_eq!(report.scores, Scores::from_findings(&report.findings), "scores not derived from findings");
}

/// Checks `text` as `record_type` twice, asserting the invariants and that both runs agree.
pub fn check_stable(text: &str, record_type: RecordType, config: &Config) -> Report {
    let first = check(text, record_type, config);
    assert_eq!(first.record_type, record_type);
    assert_report(text, &first);
    let second = check(text, record_type, config);
    assert!(first == second, "checking twice gave different reports for {:?}", short(text));
    first
}

/// Checks `text` as every record type with the shipped configuration, asserting the invariants.
pub fn check_every_type(text: &str) {
    for t in RecordType::ALL {
        check_stable(text, t, Config::shared_default());
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(80).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
