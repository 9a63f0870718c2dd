//! NHS numbers and Scottish CHI numbers: ten digits, written together or as 3-3-4 (NHS style) or
//! 6-4 (CHI style), with spaces, hyphens or non-breaking spaces.
//!
//! Both use the same mod-11 check digit (weights 10 down to 2 over the first nine digits). So:
//! - a number labelled "CHI" within a few words before is a CHI number, one labelled "NHS" an NHS
//!   number;
//! - otherwise a number whose first six digits are a valid DDMMYY date is a CHI number (English
//!   and Welsh NHS numbers start 4, 6 or 7, which never makes a valid day), else an NHS number;
//! - an unlabelled number starting with 0 must have a valid date part (no NHS number starts with
//!   0, and a ten-digit run starting with 0 is more likely a phone number);
//! - a labelled number ("NHS number: …", "CHI no …") is hidden even if its check digit fails or
//!   a digit is missing or extra (9 to 11 digits): a typo is still an identifier.
//!
//! The key is the digits alone.

use crate::entity::{Candidate, EntityKind};

pub(crate) fn find(text: &str, digits: &crate::chars::DigitRuns, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Only a digit can start a number: pass over everything else at once.
        i = digits.next(i);
        if i >= bytes.len() {
            break;
        }
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.') {
            i += 1;
            continue;
        }
        // Every accepted shape starts with at least three digits: skip short numbers cheaply.
        if !bytes[i..].iter().take(3).all(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let number = read_number(bytes, i);
        let end = number.end;
        let next_ok = !bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric());
        // The digits are ASCII, so always a str.
        let digits = std::str::from_utf8(&number.digits[..number.len]).unwrap_or_default();
        if next_ok && let Some(kind) = classify(text, i, digits, &number.groups[..number.group_count]) {
            out.push(Candidate { kind, start: i, end, key: digits.to_string(), role: None });
            i = end;
            continue;
        }
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
}

/// Up to 12 digits read in up to four groups, without allocating.
struct Number {
    digits: [u8; 12],
    len: usize,
    groups: [usize; 4],
    group_count: usize,
    end: usize,
}

/// Reads up to 11 digits in groups joined by one space, hyphen or non-breaking space.
fn read_number(bytes: &[u8], start: usize) -> Number {
    let mut n = Number { digits: [0; 12], len: 0, groups: [0; 4], group_count: 0, end: start };
    let mut i = start;
    loop {
        let g = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && n.len < 12 {
            n.digits[n.len] = bytes[i];
            n.len += 1;
            i += 1;
        }
        n.groups[n.group_count] = i - g;
        n.group_count += 1;
        n.end = n.end.max(i);
        if n.len >= 11 || n.group_count >= 4 {
            break;
        }
        let sep = match bytes.get(i) {
            Some(b' ' | b'-') => 1,
            Some(0xC2) if bytes.get(i + 1) == Some(&0xA0) => 2,
            _ => 0,
        };
        if sep == 0 || !bytes.get(i + sep).is_some_and(u8::is_ascii_digit) {
            break;
        }
        i += sep;
    }
    n
}

fn classify(text: &str, start: usize, digits: &str, groups: &[usize]) -> Option<EntityKind> {
    if !(9..=11).contains(&digits.len()) {
        return None;
    }
    let label = label_before(text, start);
    let shape_ok = matches!(groups, [10] | [3, 3, 4] | [6, 4]);
    if let Some(kind) = label {
        // Labelled: any grouping, a digit more or less, check digit or not.
        return (9..=11).contains(&digits.len()).then_some(kind);
    }
    if !shape_ok || !check_digit_ok(digits) {
        return None;
    }
    if valid_ddmmyy(digits) {
        Some(EntityKind::ChiNumber)
    } else if !digits.starts_with('0') {
        Some(EntityKind::NhsNumber)
    } else {
        None
    }
}

/// The mod-11 check used by both NHS and CHI numbers.
pub(super) fn check_digit_ok(digits: &str) -> bool {
    let d = digits.as_bytes();
    if d.len() != 10 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(&c, w)| u32::from(c - b'0') * w).sum();
    let check = 11 - sum % 11;
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == u32::from(d[9] - b'0')
}

fn valid_ddmmyy(digits: &str) -> bool {
    let d = digits.as_bytes();
    let n = |i: usize| u32::from(d[i] - b'0') * 10 + u32::from(d[i + 1] - b'0');
    let (day, month) = (n(0), n(2));
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => 0,
    };
    day >= 1 && day <= max
}

/// "NHS" or "CHI" within the few words before `start` ("NHS number:", "CHI no.", "NHS No is").
fn label_before(text: &str, start: usize) -> Option<EntityKind> {
    let mut from = start.saturating_sub(28);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..start];
    let upper = window.to_ascii_uppercase();
    let nhs = last_word(&upper, "NHS");
    let chi = last_word(&upper, "CHI");
    let (kind, at) = match (nhs, chi) {
        (Some(n), Some(c)) if c > n => (EntityKind::ChiNumber, c + 3),
        (Some(n), _) => (EntityKind::NhsNumber, n + 3),
        (None, Some(c)) => (EntityKind::ChiNumber, c + 3),
        (None, None) => return None,
    };
    // Only label words and punctuation between the label and the number.
    let between: String = upper[at..].chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let ok = between
        .split_whitespace()
        .all(|w| matches!(w, "NUMBER" | "NO" | "NUM" | "NUMBERS" | "IS" | "ID" | "REF" | "NOS"));
    ok.then_some(kind)
}

/// The byte position of the last whole-word `word` in `hay`.
fn last_word(hay: &str, word: &str) -> Option<usize> {
    hay.rmatch_indices(word).map(|(p, _)| p).find(|&p| {
        let b = hay.as_bytes();
        (p == 0 || !b[p - 1].is_ascii_alphanumeric()) && !b.get(p + word.len()).is_some_and(u8::is_ascii_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(EntityKind, &str)> {
        let mut out = Vec::new();
        find(text, &crate::chars::DigitRuns::new(text.as_bytes()), &mut out);
        out.iter().map(|c| (c.kind, &text[c.start..c.end])).collect()
    }

    const NHS: EntityKind = EntityKind::NhsNumber;
    const CHI: EntityKind = EntityKind::ChiNumber;

    #[test]
    fn check_digit() {
        assert!(check_digit_ok("9434765919"));
        assert!(!check_digit_ok("9434765918"));
        assert!(check_digit_ok("4010232137"));
        assert!(!check_digit_ok("123"));
    }

    #[test]
    fn nhs_numbers_in_every_spacing() {
        for n in ["943 476 5919", "9434765919", "943-476-5919", "943\u{a0}476\u{a0}5919", "401 023 2137"] {
            let text = format!("Her number is {n}.");
            assert_eq!(found(&text), [(NHS, n)], "{n}");
        }
    }

    #[test]
    fn keys_are_digits() {
        let mut out = Vec::new();
        find(
            "943 476 5919 / 943-476-5919",
            &crate::chars::DigitRuns::new("943 476 5919 / 943-476-5919".as_bytes()),
            &mut out,
        );
        assert!(out.iter().all(|c| c.key == "9434765919"));
    }

    #[test]
    fn chi_numbers_by_date_part_or_label() {
        // 120315 = 12 March 2015; check digit computed for the fixture.
        let chi = "1203151233";
        assert!(check_digit_ok(chi) && valid_ddmmyy(chi));
        assert_eq!(found("ref 1203151233 here"), [(CHI, "1203151233")]);
        assert_eq!(found("ref 120315 1233 here"), [(CHI, "120315 1233")]);
        // Labelled NHS wins over the date shape.
        assert_eq!(found("NHS number: 1203151233"), [(NHS, "1203151233")]);
        assert_eq!(found("CHI: 943 476 5919"), [(CHI, "943 476 5919")]);
    }

    #[test]
    fn labelled_numbers_are_hidden_even_with_a_typo() {
        assert_eq!(found("NHS number: 943 476 5918"), [(NHS, "943 476 5918")]);
        assert_eq!(found("NHS No. 94347659"), []);
        assert_eq!(found("NHS No. 943476591"), [(NHS, "943476591")]);
        assert_eq!(found("CHI no 0103151234"), [(CHI, "0103151234")]);
        assert_eq!(found("(nhs #: 9434 765 918)"), [(NHS, "9434 765 918")]);
    }

    #[test]
    fn not_numbers_that_fail_or_are_something_else() {
        assert!(found("9434765918 and 943 476 59190 and 07700 900123").is_empty());
        assert!(found("NHS trust said 3 people came on 12 03 2015").is_empty());
        assert!(found("1234567890 x9434765919 9434765919x 1.9434765919").is_empty());
        // Starts with 0 and is not a date: a phone, not an NHS number.
        assert!(found("0000000000").is_empty());
        assert!(found("").is_empty());
    }

    #[test]
    fn unicode_around() {
        assert_eq!(found("Zoë’s NHS № “943 476 5918”"), [(NHS, "943 476 5918")]);
        assert_eq!(found("Zoë’s number “943 476 5919”"), [(NHS, "943 476 5919")]);
    }
}
