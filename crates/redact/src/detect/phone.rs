//! Phone numbers: UK mobiles and landlines in any common spacing (`07700 900123`,
//! `07700-900-123`, `(0131) 496 0000`, `+44 (0)7700 900123`), freephone numbers, and international
//! numbers written with `+` or `00`.
//!
//! A number is read as groups of digits joined by short separators (spaces, hyphens, dots,
//! brackets, non-breaking spaces). Rules, recall first:
//! - a run of groups starting with `0` and holding 10 or 11 digits is a UK number (08xx freephone
//!   and information numbers from 8 digits);
//! - `+44`/`0044` followed by 9 or 10 digits (an optional `(0)` dropped) is a UK number;
//! - any other `+CC` or `00CC` with 8 to 15 digits in all is an international number;
//! - after a word such as "tel", "phone", "mobile" or "call", any 6 to 11 digits are a number
//!   (people drop the leading 0 or the area code).
//!
//! Slashes, colons and commas never join groups, so dates (`12/03/2015`), times (`10:30`), money
//! (`£1,200`) and case numbers (`2024/1187`) stay as they are; a run preceded by a currency sign
//! is money. Ten digits in the NHS 3-3-4 shape do not start with 0, so are not phones. The key is
//! the digits alone, with +44 written as 0, so every spelling of one number gets one label.

use crate::entity::{Candidate, EntityKind};

/// At most this many digit groups make one number.
const MAX_GROUPS: usize = 7;

pub(crate) fn find(text: &str, digits: &crate::chars::DigitRuns, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The next `+` or `(` at or after `i`, found again only once `i` has passed it.
    let mut sign = crate::chars::next_of(bytes, 0, b'+', b'(');
    loop {
        // Only a digit, `+` or `(` can start a number: pass over everything else at once.
        if sign < i {
            sign = crate::chars::next_of(bytes, i, b'+', b'(');
        }
        i = digits.next(i).min(sign);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let starts = (b.is_ascii_digit() || b == b'+' || b == b'(') && at_boundary(bytes, i);
        if !starts {
            i += 1;
            continue;
        }
        match number_at(text, i) {
            Some(c) => {
                i = c.end;
                out.push(c);
            }
            None => {
                // Skip this run of digits (and any opening sign) so the scan stays linear.
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
    }
}

/// A number may not start in the middle of a word or of another number, nor after a currency sign.
fn at_boundary(bytes: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = bytes[i - 1];
    if p.is_ascii_alphanumeric() || matches!(p, b'$' | b'_') {
        return false;
    }
    // "1.07700…", "2014-0770…": part of another number; but "Tel.07700…", "mob-07700…" are fine.
    if matches!(p, b'.' | b'/' | b'-' | b'+') && i >= 2 && bytes[i - 2].is_ascii_digit() {
        return false;
    }
    // £ (C2 A3) and € (E2 82 AC)
    !(p == 0xA3 && i >= 2 && bytes[i - 2] == 0xC2 || p == 0xAC && i >= 3 && bytes[i - 2] == 0x82)
}

/// One group of digits and where it ends.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

/// Length of a separator between groups at `i` (0 if none): up to three of space, tab, hyphen,
/// dot, bracket, non-breaking/thin space, non-breaking hyphen or dashes.
fn separator_len(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    let mut n = 0;
    let mut dots = 0;
    while j < bytes.len() && n < 3 {
        let w = match bytes[j] {
            b' ' | b'\t' | b'-' | b'(' | b')' => 1,
            b'.' => {
                dots += 1;
                1
            }
            0xC2 if bytes.get(j + 1) == Some(&0xA0) => 2,
            0xE2 if bytes.get(j + 1) == Some(&0x80) && matches!(bytes.get(j + 2), Some(0x89 | 0x91 | 0x93 | 0xAF)) => 3,
            _ => break,
        };
        j += w;
        n += 1;
    }
    if dots > 1 { 0 } else { j - i }
}

fn number_at(text: &str, start: usize) -> Option<Candidate> {
    let bytes = text.as_bytes();
    let mut i = start;
    let plus = bytes[i] == b'+';
    if plus {
        i += 1;
    }
    if !plus && bytes[i] == b'(' {
        i += 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
    }
    // Read the groups.
    let mut groups = [Group { start: 0, end: 0 }; MAX_GROUPS];
    let mut n = 0;
    let mut digits = 0;
    while n < MAX_GROUPS && i < bytes.len() && bytes[i].is_ascii_digit() {
        let g = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - g;
        groups[n] = Group { start: g, end: i };
        n += 1;
        if digits > 15 {
            break;
        }
        let sep = separator_len(bytes, i);
        if sep == 0 || !bytes.get(i + sep).is_some_and(u8::is_ascii_digit) {
            break;
        }
        i += sep;
    }
    if n == 0 || looks_like_date(bytes, &groups[..n]) {
        return None;
    }
    // Only a run long enough to be a number needs its context read.
    let context = digits >= 6 && has_phone_context(text, start);
    // Try the longest run of groups first that makes a valid number.
    let mut all = String::with_capacity(24);
    let mut upto = [0usize; MAX_GROUPS];
    for (g, u) in groups[..n].iter().zip(upto.iter_mut()) {
        all.push_str(&text[g.start..g.end]);
        *u = all.len();
    }
    for k in (1..=n).rev() {
        let gs = &groups[..k];
        let d = &all[..upto[k - 1]];
        if d.len() < 6 && !d.starts_with("08") {
            continue;
        }
        // A group that continues straight into a letter or another digit run is not a number end.
        let end = gs[k - 1].end;
        if bytes.get(end).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
            continue;
        }
        if let Some(key) = classify(d, plus, gs, context) {
            // "(0131) 496 0000" keeps its bracket; "(07700 900123)" leaves both to the sentence.
            let bracketed = bytes[start] == b'(' && bytes.get(gs[0].end) == Some(&b')');
            let start = if plus || bracketed { start } else { gs[0].start };
            return Some(Candidate { kind: EntityKind::Phone, start, end, key, role: None });
        }
    }
    None
}

/// The key (digits, UK numbers from 0) if `d` is a phone number.
fn classify(d: &str, plus: bool, groups: &[Group], context: bool) -> Option<String> {
    let len = d.len();
    let intl = |rest: &str| -> Option<String> {
        if let Some(uk) = rest.strip_prefix("44") {
            // +44 (0)7700 900123: drop the bracketed 0.
            let uk = if uk.len() == 11 && uk.starts_with('0') { &uk[1..] } else { uk };
            return ((9..=10).contains(&uk.len()) && !uk.starts_with('0')).then(|| format!("0{uk}"));
        }
        (rest.len() >= 7 && rest.len() <= 15 && !rest.starts_with('0')).then(|| format!("+{rest}"))
    };
    if plus {
        return intl(d);
    }
    if let Some(rest) = d.strip_prefix("00")
        && rest.len() >= 8
    {
        return intl(rest);
    }
    if d.starts_with('0') {
        // A first group of one digit ("0 1 2 3 …") is a list, not a number.
        let first_len = groups[0].end - groups[0].start;
        let first_ok = first_len >= 2 || groups.len() == 1;
        let freephone = d.starts_with("08") && len >= 8;
        if first_ok && ((10..=11).contains(&len) || freephone && len <= 11) {
            return Some(d.to_string());
        }
        if context && (6..=11).contains(&len) {
            return Some(d.to_string());
        }
        return None;
    }
    if context && (6..=11).contains(&len) {
        // A mobile written without its leading 0.
        if len == 10 && d.starts_with('7') {
            return Some(format!("0{d}"));
        }
        return Some(d.to_string());
    }
    None
}

/// "16.08.2024", "12-07-1984", "5.1.25": day, month and year joined by one repeated dot or hyphen
/// (either order of day and month) is a date, never a phone number.
fn looks_like_date(bytes: &[u8], groups: &[Group]) -> bool {
    if groups.len() < 3 {
        return false;
    }
    let value = |g: &Group| bytes[g.start..g.end].iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
    let len = |g: &Group| g.end - g.start;
    let [a, b, c] = [&groups[0], &groups[1], &groups[2]];
    let sep = |x: &Group, y: &Group| (y.start == x.end + 1).then(|| bytes[x.end]);
    let same_sep = matches!((sep(a, b), sep(b, c)), (Some(s), Some(t)) if s == t && matches!(s, b'.' | b'-'));
    let day_month = |d: &Group, m: &Group| {
        (1..=2).contains(&len(d))
            && (1..=2).contains(&len(m))
            && (1..=31).contains(&value(d))
            && (1..=12).contains(&value(m))
    };
    // 2024-08-16: year, month, day.
    let iso = len(a) == 4 && (1..=2).contains(&len(c)) && (1..=31).contains(&value(c)) && day_month(c, b);
    same_sep && (((len(c) == 2 || len(c) == 4) && (day_month(a, b) || day_month(b, a))) || iso)
}

/// Whether a word that introduces a phone number comes just before `start` (within 24 bytes).
fn has_phone_context(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // Compared in place, in any case, at each word start: no lower-cased copy, no searcher per word.
    let b = &text.as_bytes()[from..start];
    (0..b.len()).filter(|&p| p == 0 || !b[p - 1].is_ascii_alphabetic()).any(|p| {
        ["tel", "phone", "mob", "call", "ring", "text", "landline", "contact no"].iter().any(|w| {
            let end = p + w.len();
            // "contact no" but not "contact note"; "tel", "phone", "mob" may run on ("telephone").
            let ends_word = *w != "contact no" || !b.get(end).is_some_and(u8::is_ascii_alphabetic);
            b.get(p..end).is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes())) && ends_word
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &crate::chars::DigitRuns::new(text.as_bytes()), &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    fn keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &crate::chars::DigitRuns::new(text.as_bytes()), &mut out);
        out.into_iter().map(|c| c.key).collect()
    }

    #[test]
    fn uk_mobiles_in_every_common_spacing() {
        for m in [
            "07700 900123",
            "07700900123",
            "077 0090 0123",
            "07700 900 123",
            "0770 090 0123",
            "07700-900-123",
            "07700.900.123",
            "+44 7700 900123",
            "+447700900123",
            "+44 (0)7700 900123",
            "+44(0)7700-900123",
            "0044 7700 900123",
            "07700\u{a0}900123",
        ] {
            let text = format!("Mum's mobile is {m}, she said.");
            assert_eq!(phones(&text), [m], "{m}");
            assert_eq!(keys(&text), ["07700900123"], "{m}");
        }
    }

    #[test]
    fn uk_landlines_and_freephone() {
        assert_eq!(phones("Call (0131) 496 0000 today"), ["(0131) 496 0000"]);
        assert_eq!(phones("office: 0113 496 0123."), ["0113 496 0123"]);
        assert_eq!(phones("020 7946 0999 or 020-7946-0000"), ["020 7946 0999", "020-7946-0000"]);
        assert_eq!(phones("0300 123 4567"), ["0300 123 4567"]);
        assert_eq!(phones("Freephone 0800 123 456 and Childline 0800 1111"), ["0800 123 456", "0800 1111"]);
        assert_eq!(phones("01632 960123"), ["01632 960123"]);
    }

    #[test]
    fn international_numbers() {
        assert_eq!(phones("Dad in Dublin: +353 1 555 0123."), ["+353 1 555 0123"]);
        assert_eq!(keys("+353 1 555 0123"), ["+35315550123"]);
        assert_eq!(phones("US +1 (555) 010-0199"), ["+1 (555) 010-0199"]);
        assert_eq!(phones("Pakistan 0092 300 1234567"), ["0092 300 1234567"]);
    }

    #[test]
    fn numbers_after_a_phone_word_without_a_leading_zero() {
        assert_eq!(phones("Tel: 496 0000"), ["496 0000"]);
        assert_eq!(keys("mob 7700 900123"), ["07700900123"]);
        assert_eq!(
            phones("Tel.07700900123, mob-07700 900123, #07700900123"),
            ["07700900123", "07700 900123", "07700900123"]
        );
        assert!(phones("1.07700900123 and 2014-07700900123 and 3/07700900123").is_empty());
    }

    #[test]
    fn not_dates_times_money_nhs_or_case_numbers() {
        assert!(phones("Born 12/03/2015 at 10:30, seen 12.03.2015").is_empty());
        assert!(phones("Case 2024/1187 and ref 2024-1187").is_empty());
        assert!(phones("NHS 943 476 5919").is_empty());
        assert!(phones("owes £1,200 or £0700 900 1234").is_empty());
        assert!(phones("Scores 0 1 2 3 4 5 6 7 8 9 10").is_empty());
        assert!(phones("aged 6, 3 children, 12 visits, 2014-2015").is_empty());
        assert!(phones("ID07700900123 x07700900123").is_empty());
        assert!(phones("+ 44 and (see 3)").is_empty());
    }

    #[test]
    fn dotted_and_dashed_dates_are_not_phone_numbers() {
        for d in ["16.08.2024", "05.01.2025", "12-07-1984", "1.3.24", "2024", "2025-11-25", "2025.03.09"] {
            assert!(phones(&format!("telephone 0113 4960946.\n{d} – visit")).len() == 1, "{d}");
            assert!(phones(&format!("Contact note, {d}. Home visit")).is_empty(), "{d}");
            assert!(phones(&format!("Phone: {d}")).is_empty(), "{d}");
        }
        // A number that merely starts like a date is still a number.
        assert_eq!(phones("Tel: 01.13.496.0123"), ["01.13.496.0123"]);
        assert_eq!(phones("Call 0113-496-0123"), ["0113-496-0123"]);
    }

    #[test]
    fn a_date_then_a_phone_number() {
        assert_eq!(phones("On 07.03.2015 07700 900123 rang"), ["07700 900123"]);
    }

    #[test]
    fn unicode_around_and_odd_input_does_not_panic() {
        assert_eq!(phones("Zoë’s phone—07700 900123—off"), ["07700 900123"]);
        assert_eq!(phones("“07700 900123”"), ["07700 900123"]);
        assert_eq!(phones("Mum (07700 900123)"), ["07700 900123"]);
        for s in ["+", "(", "0", "(0", "+44", "0\u{a0}", "07700 \u{2013}", "€07700900123"] {
            let _ = phones(s);
        }
        assert!(phones("€07700900123").is_empty());
    }
}
