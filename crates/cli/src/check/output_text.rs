//! Text output for people: compiler-style findings with excerpts, and summaries.
//!
//! ```text
//! visit.txt:3:9: warning [judgemental-language] "non-compliant" passes judgement ...
//!   |
//! 3 | Mum was non-compliant with the plan.
//!   |         ^^^^^^^^^^^^^
//!   = suggestion: describe what was asked and what happened
//! visit.txt: 1 warning · colleague 100/100 · family 94/100 · 7 words · reading ease 71.8 (plain English)
//! ```

use recordwell_check::{Finding, Report, Severity};
use std::io::{self, Write};

use super::Totals;
use super::excerpt::excerpt;
use crate::style::{Palette, one_line};

/// Columns given to the excerpt of a line, not counting the gutter.
pub const EXCERPT_WIDTH: usize = 100;

/// Writes every finding of one report.
pub fn write_findings(out: &mut impl Write, p: Palette, name: &str, text: &str, report: &Report) -> io::Result<()> {
    for f in &report.findings {
        write_finding(out, p, name, text, f)?;
    }
    Ok(())
}

/// Writes one finding: the heading line, the excerpt with carets, and the suggestion.
pub fn write_finding(out: &mut impl Write, p: Palette, name: &str, text: &str, f: &Finding) -> io::Result<()> {
    let level = f.severity.as_str();
    let id = format!("[{}]", f.id);
    writeln!(
        out,
        "{}: {} {} {}",
        p.strong(&format_args!("{name}:{}:{}", f.line, f.column)),
        p.severity(f.severity, &level),
        p.strong(&id),
        one_line(&f.message)
    )?;
    let ex = excerpt(text, f.start, f.end, EXCERPT_WIDTH);
    let number = f.line.to_string();
    let gutter = " ".repeat(number.len());
    let bar = "|";
    writeln!(out, "{gutter} {}", p.dim(&bar))?;
    writeln!(out, "{} {} {}", p.dim(&number), p.dim(&bar), ex.line)?;
    writeln!(out, "{gutter} {} {}", p.dim(&bar), p.severity(f.severity, &ex.caret_line()))?;
    if let Some(s) = &f.suggestion {
        writeln!(out, "{gutter} {} {}", p.dim(&"="), p.good(&format_args!("suggestion: {}", one_line(s))))?;
    }
    Ok(())
}

/// Writes the summary line for one record.
pub fn write_summary(out: &mut impl Write, p: Palette, name: &str, report: &Report) -> io::Result<()> {
    let counts = Severity::ALL.map(|s| report.count(s));
    let m = &report.metrics;
    writeln!(
        out,
        "{}: {} · colleague {}/100 · family {}/100 · {} · reading ease {:.1} ({})",
        p.strong(&name),
        describe_counts(p, counts),
        report.scores.colleague,
        report.scores.family,
        plural(m.words, "word", "words"),
        m.flesch_reading_ease,
        m.describe()
    )
}

/// Writes the overall summary after several records.
pub fn write_total(out: &mut impl Write, p: Palette, t: &Totals) -> io::Result<()> {
    let mut line = format!("{}: {}", p.strong(&"total"), describe_counts(p, t.counts));
    line.push_str(&format!(" in {}", plural(t.files, "record", "records")));
    if t.unreadable > 0 {
        line.push_str(&format!(" · {}", p.bad(&format_args!("{} could not be read", t.unreadable))));
    }
    if t.files > 0 {
        let n = t.files as u64;
        line.push_str(&format!(
            " · average colleague {}/100 · family {}/100",
            (t.colleague + n / 2) / n,
            (t.family + n / 2) / n
        ));
        line.push_str(&format!(" · {}", plural(t.words, "word", "words")));
        if t.words > 0 {
            line.push_str(&format!(" · reading ease {:.1}", t.ease_words / t.words as f64));
        }
    }
    writeln!(out, "{line}")
}

/// "1 error, 2 warnings, 3 info", or "no findings".
fn describe_counts(p: Palette, counts: [usize; 3]) -> String {
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter(|s| counts[*s as usize] > 0)
        .map(|s| {
            let n = counts[s as usize];
            let label = match s {
                Severity::Error => plural(n, "error", "errors"),
                Severity::Warning => plural(n, "warning", "warnings"),
                Severity::Info => format!("{n} info"),
            };
            p.severity(s, &label).to_string()
        })
        .collect();
    if parts.is_empty() { p.good(&"no findings").to_string() } else { parts.join(", ") }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        let p = Palette::plain();
        assert_eq!(describe_counts(p, [0, 0, 0]), "no findings");
        assert_eq!(describe_counts(p, [2, 1, 1]), "1 error, 1 warning, 2 info");
        assert_eq!(describe_counts(p, [0, 3, 0]), "3 warnings");
    }

    #[test]
    fn finding_is_rendered_with_excerpt_and_suggestion() {
        let text = "Visit.\nMum was non-compliant with the plan.";
        let report = recordwell_check::check(
            text,
            recordwell_check::RecordType::Detailed,
            recordwell_check::Config::shared_default(),
        );
        let f = report.findings.iter().find(|f| f.id.starts_with("judgemental-language")).unwrap();
        let mut buf = Vec::new();
        write_finding(&mut buf, Palette::plain(), "a.txt", text, f).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with("a.txt:2:9: warning [judgemental-language"), "{s}");
        assert!(s.contains("2 | Mum was non-compliant with the plan.\n  |         ^^^^^^^^^^^^^\n"), "{s}");
    }
}
