//! `missing-date`: a contact record without the date (and time) of the contact; a chronology entry
//! without its date, or out of date order.
//!
//! Contact records: the date of the contact belongs at the top, where a reader looks for it, so
//! the rule looks in the *head* of the record: its first four non-empty lines, and no more than
//! the first 400 bytes (a title, a date line, who was present and the purpose fit easily; a record
//! written as one paragraph gives the date in its first sentence or two). A date of birth ("DOB",
//! "born") does not count. No date there → `missing-date/contact` (warning). A date but no time
//! of day there → `missing-date/time` (info).
//!
//! Chronologies: every non-empty line is an entry that must start with its date (after an
//! optional bullet), except a title before the first entry ("Chronology for …", or a short first
//! line with no digits and no full stop), column headings ("Date | Event | Source | Outcome"),
//! separator rows ("|---|") and indented continuation lines after an entry.
//! An entry without a leading date → `missing-date/entry` (warning). An entry dated before the
//! entry above it → `missing-date/order` (warning); entries whose date has no year take no part.

use super::{Ctx, Findings, whole_record_span};
use crate::catalogue::Category;
use crate::finding::Severity;
use crate::record_type::RecordType;
use crate::text::{DateValue, Span, find_dates, has_date, has_time, leading_date_value};

/// How many non-empty lines of a contact record are searched for the date of the contact.
const HEAD_LINES: usize = 4;
/// How many bytes of a contact record at most are searched for the date of the contact.
const HEAD_BYTES: usize = 400;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    match cx.record_type {
        RecordType::Contact => contact(cx, out),
        RecordType::Chronology => chronology(cx, out),
        _ => {}
    }
}

fn contact(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let text = cx.doc.text;
    if text.trim().is_empty() {
        return;
    }
    let head = &text[..head_end(text)];
    let date = find_dates(head).into_iter().find(|d| !is_birth_date(head, *d));
    match date {
        None => {
            let message = if has_date(&text[head.len()..]) {
                "the date of the contact is not at the top of the record; the dates further down do not say when \
                 this contact happened"
            } else {
                "the record does not say when the contact happened"
            };
            out.emit(
                Category::MissingDate,
                "contact",
                whole_record_span(cx.doc),
                message,
                Some(
                    "start with the date and time, e.g. \"Date and time: Tuesday 4 March 2025, 3.45pm to 5pm\"".into(),
                ),
            );
        }
        Some(span) if !has_time(head) => {
            out.emit_with_severity(
                Category::MissingDate,
                "time",
                Severity::Info,
                span,
                "the record gives the date of the contact but not the time",
                Some(format!("add when it started and ended, e.g. \"{}, 3.45pm to 5pm\"", span.of(text))),
            );
        }
        Some(_) => {}
    }
}

/// The end of the head of a contact record (see the module notes), on a character boundary.
fn head_end(text: &str) -> usize {
    let mut end = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        end += line.len();
        if !line.trim().is_empty() {
            lines += 1;
            if lines == HEAD_LINES {
                break;
            }
        }
        if end >= HEAD_BYTES {
            break;
        }
    }
    let mut end = end.min(HEAD_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Whether the date at `span` is a date of birth ("DOB 01/02/2018", "born 3 May 2019").
fn is_birth_date(text: &str, span: Span) -> bool {
    let mut from = span.start.saturating_sub(20);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..span.start].to_ascii_lowercase();
    before.contains("dob") || before.contains("d.o.b") || before.contains("born") || before.contains("birth")
}

fn chronology(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let text = cx.doc.text;
    let mut offset = 0;
    let mut seen_entry = false;
    let mut first_line = true;
    let mut previous: Option<(DateValue, Span)> = None;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.trim().is_empty() || !line.chars().any(char::is_alphanumeric) {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let is_first = std::mem::replace(&mut first_line, false);
        match leading_date_value(line) {
            Some((span, value)) => {
                seen_entry = true;
                let span = Span::new(start + span.start, start + span.end);
                if let Some((before, before_span)) = previous
                    && value.compare(&before) == Some(std::cmp::Ordering::Less)
                {
                    let message = format!(
                        "this entry ({}) is dated before the entry above it ({}); a chronology runs in date order",
                        span.of(text),
                        before_span.of(text)
                    );
                    out.emit_with_severity(
                        Category::MissingDate,
                        "order",
                        Severity::Warning,
                        span,
                        message,
                        Some("move the entry to its place in date order, or correct the date".into()),
                    );
                }
                if value.year.is_some() {
                    previous = Some((value, span));
                }
            }
            None => {
                if (indented && seen_entry) || (!seen_entry && is_heading(line, is_first)) {
                    continue;
                }
                seen_entry = true;
                let lead = line.len() - line.trim_start().len();
                let span = Span::new(start + lead, start + line.len());
                let message = if has_date(line) {
                    "this chronology entry has a date, but not at the start: begin each entry with its date"
                } else {
                    "this chronology entry has no date"
                };
                out.emit(
                    Category::MissingDate,
                    "entry",
                    span,
                    message,
                    Some("start the line with the date of the event, e.g. \"04/03/2025 - …\"".into()),
                );
            }
        }
    }
}

/// A title or column headings before the first entry. Any short line with no digits and no full
/// stop counts as a title when it is the record's first line.
fn is_heading(line: &str, first_line: bool) -> bool {
    let t = line.trim().trim_start_matches(['|', '#', '*']).trim_start();
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if first.eq_ignore_ascii_case("chronology") || first.eq_ignore_ascii_case("date") {
        return true;
    }
    let words = t.split_whitespace().count();
    first_line && words <= 10 && !t.chars().any(|c| c.is_ascii_digit()) && !t.ends_with('.')
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{Category, RecordType, Severity};

    fn ids(text: &str, t: RecordType) -> Vec<String> {
        findings(text, t, Category::MissingDate).into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn contact_without_a_date() {
        let text = "Home visit to Ms Quill.\nI saw Pip alone in her room.\nShe told me she likes school.\n";
        let f = findings(text, RecordType::Contact, Category::MissingDate);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "missing-date/contact");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn contact_date_only_far_down_does_not_count() {
        let text = "Home visit.\nI saw Pip.\nShe was happy.\nMum made tea.\nNext visit on 18 March 2025 at 2pm.";
        let f = findings(text, RecordType::Contact, Category::MissingDate);
        assert_eq!(f[0].id, "missing-date/contact");
        assert!(f[0].message.contains("not at the top"));
    }

    #[test]
    fn date_of_birth_is_not_the_contact_date() {
        let text = "Visit to Pip Quill (DOB 01/02/2018).\nI saw Pip alone.";
        assert_eq!(ids(text, RecordType::Contact), ["missing-date/contact"]);
    }

    #[test]
    fn contact_with_date_but_no_time() {
        let text = "Home visit on Tuesday 4 March 2025.\nI saw Pip alone.";
        let f = findings(text, RecordType::Contact, Category::MissingDate);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "missing-date/time");
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].text, "Tuesday 4 March 2025");
    }

    #[test]
    fn contact_with_date_and_time() {
        for text in [
            "Date and time: Tuesday 4 March 2025, 3.45pm to 5.00pm\nI saw Pip alone.",
            "I visited Pip at home on 4/3/25 at 10:30. She was in her room.",
        ] {
            assert!(ids(text, RecordType::Contact).is_empty(), "{text}");
        }
    }

    #[test]
    fn other_types_are_not_checked() {
        assert!(ids("I saw Pip.", RecordType::Detailed).is_empty());
    }

    #[test]
    fn chronology_entries_need_leading_dates() {
        let text = "Chronology for Leo Marsh\nDate | Event | Outcome\n|---|---|---|\n10.01.2025 - Nursery phoned.\n  \
                    Outcome: visit the same day.\nSocial worker visited on 11.01.2025.\nParenting course started\n\
                    - 03/02/2025 Course began.\n";
        let f = findings(text, RecordType::Chronology, Category::MissingDate);
        let got: Vec<(&str, &str)> = f.iter().map(|f| (f.id.as_str(), f.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("missing-date/entry", "Social worker visited on 11.01.2025."),
                ("missing-date/entry", "Parenting course started"),
            ]
        );
        assert!(f[0].message.contains("not at the start"));
        assert!(f[1].message.contains("no date"));
    }

    #[test]
    fn chronology_out_of_order() {
        let text = "10.01.2025 - phoned.\n20.01.2025 - seen.\n4 January 2025 - letter.\n5 March - no year.\n\
                    2025-02-01 - review.\n";
        let f = findings(text, RecordType::Chronology, Category::MissingDate);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "missing-date/order");
        assert_eq!(f[0].text, "4 January 2025");
        assert!(f[0].message.contains("20.01.2025"));
    }

    #[test]
    fn chronology_in_order_passes() {
        let text = "March 2024 - separated.\n2 March 2024 - moved.\n04/03/24 - school.\n1 April 2024 - review.\n";
        assert!(ids(text, RecordType::Chronology).is_empty());
    }
}

/// The records of good practice draw no warnings from the rules written alongside this one
/// (missing-date, opinion-as-fact, hidden-agency, long-sentence).
#[cfg(test)]
mod good_records {
    use crate::{Config, RecordType, check};

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(\\PC|\n| {2}|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|was|made|by|unsafe|\\.){0,60}") {
            for t in [RecordType::Contact, RecordType::Chronology, RecordType::Detailed] {
                let report = check(&text, t, Config::shared_default());
                for f in report.findings {
                    proptest::prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                }
            }
        }
    }
}
