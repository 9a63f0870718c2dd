//! `vague-time`: imprecise time ("recently", "last week") where a date matters.
//!
//! Not flagged when the same sentence gives an exact date ("last week, on 3 March 2025"), when
//! the words are someone's quoted speech, or for "as soon as" and "soon after" (which tie the
//! time to another event).

use super::word_list::{emit_hit, in_quoted_speech, next_word, prev_word};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let text = cx.doc.text;
    // Whether each sentence has a date is computed at most once.
    let mut dated: Option<(usize, bool)> = None;
    for hit in cx.doc.hits_of(List::VagueTime) {
        if in_quoted_speech(text, hit.span.start) || tied_to_event(text, hit.span.start, hit.span.end) {
            continue;
        }
        let Some(si) = cx.doc.sentence_at(hit.span.start) else { continue };
        let has_date = match dated {
            Some((s, d)) if s == si => d,
            _ => {
                let d = has_exact_date(cx.doc.slice(cx.doc.sentences[si].span));
                dated = Some((si, d));
                d
            }
        };
        if !has_date {
            emit_hit(cx, out, hit, Category::VagueTime, |w| {
                format!("\"{w}\" will mean nothing to a later reader; give the date")
            });
        }
    }
}

/// "as soon as she arrived", "soon after the visit", "shortly before": relative to a named event.
fn tied_to_event(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if !(word.eq_ignore_ascii_case("soon") || word.eq_ignore_ascii_case("shortly")) {
        return false;
    }
    let before = prev_word(text, start).is_some_and(|w| w.eq_ignore_ascii_case("as") || w.eq_ignore_ascii_case("how"));
    let after = next_word(text, end)
        .is_some_and(|w| ["after", "afterwards", "before", "as", "enough"].iter().any(|x| w.eq_ignore_ascii_case(x)));
    before || after
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// A simple, local test for an exact date: a numeric date (04/03/2025, 4.3.25, 2025-03-04), or a
/// capitalised month name next to a number ("4 March", "March 2025", "4th March").
pub(crate) fn has_exact_date(sentence: &str) -> bool {
    numeric_date(sentence) || month_date(sentence)
}

fn numeric_date(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // Read up to three digit groups joined by one kind of separator.
        let mut groups = [0usize; 3];
        let mut n = 0;
        let mut j = i;
        let mut sep = 0u8;
        loop {
            let start = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            groups[n] = j - start;
            n += 1;
            if n == 3 || j + 1 >= b.len() || !matches!(b[j], b'/' | b'.' | b'-') || !b[j + 1].is_ascii_digit() {
                break;
            }
            if sep != 0 && b[j] != sep {
                break;
            }
            sep = b[j];
            j += 1;
        }
        let followed_by_letter = j < b.len() && b[j].is_ascii_alphabetic();
        if n == 3 && !followed_by_letter {
            let dmy = (1..=2).contains(&groups[0]) && (1..=2).contains(&groups[1]) && matches!(groups[2], 2 | 4);
            let ymd = groups[0] == 4 && (1..=2).contains(&groups[1]) && (1..=2).contains(&groups[2]);
            if dmy || ymd {
                return true;
            }
        }
        i = j.max(i + 1);
    }
    false
}

fn month_date(s: &str) -> bool {
    let mut prev: Option<&str> = None;
    let mut prev_was_month = false;
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let is_month = MONTHS.contains(&word);
        let is_number = word.as_bytes()[0].is_ascii_digit() && word.len() <= 6 && {
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &word[digits..];
            digits <= 4 && ["", "st", "nd", "rd", "th"].contains(&suffix)
        };
        if (is_month && prev.is_some_and(|p| p.as_bytes()[0].is_ascii_digit()) && ordinal_ok(prev))
            || (is_number && prev_was_month)
        {
            return true;
        }
        prev = Some(word);
        prev_was_month = is_month;
    }
    false
}

fn ordinal_ok(word: Option<&str>) -> bool {
    word.is_some_and(|w| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits <= 2 && ["", "st", "nd", "rd", "th"].contains(&&w[digits..])
    })
}

#[cfg(test)]
mod tests {
    use super::has_exact_date;
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::VagueTime;

    #[test]
    fn flags_vague_times() {
        let text = "Mum recently moved house. Sam was seen last week. Dad left a few days ago. I will visit soon.";
        assert_eq!(matched(text, RecordType::Contact, C), ["recently", "last week", "a few days ago", "soon"]);
        assert!(findings(text, RecordType::Contact, C).iter().all(|f| f.suggestion.is_some()));
    }

    #[test]
    fn a_date_in_the_sentence_is_enough() {
        assert!(!flags("Last week, on 3 March 2025, Mum moved house.", RecordType::Contact, C));
        assert!(!flags("Sam was seen recently (04/03/2025).", RecordType::Contact, C));
        assert!(!flags("Dad left a few days ago, on 2025-03-01.", RecordType::Contact, C));
        assert!(!flags("Mum moved recently, in March 2025.", RecordType::Contact, C));
    }

    #[test]
    fn not_tied_to_another_event_or_quoted() {
        assert!(!flags("As soon as I arrived, Sam ran to the door.", RecordType::Contact, C));
        assert!(!flags("Shortly after the visit, Mum phoned.", RecordType::Contact, C));
        assert!(!flags("Sam said, \"I want to go home soon.\"", RecordType::Contact, C));
    }

    #[test]
    fn date_detection() {
        assert!(has_exact_date("on 4 March 2025"));
        assert!(has_exact_date("on Tuesday 4th March"));
        assert!(has_exact_date("10.01.2025 - visit"));
        assert!(has_exact_date("in May 2024"));
        assert!(!has_exact_date("at 10.00am"));
        assert!(!has_exact_date("she may 2 go"));
        assert!(!has_exact_date("it took 3.5 hours"));
        assert!(!has_exact_date("last week"));
        assert!(!has_exact_date("café 12/3"));
    }
}
