//! UK postcodes in every valid shape (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA and
//! GIR 0AA), with or without the space (or with a non-breaking space), in any case.
//!
//! The area letters follow Royal Mail's rules (first letter not Q, V or X; second not I, J or Z);
//! the inward letters are not checked, so a typo in them is still hidden.
//!
//! An outward code alone ("KA1", "G12") is hidden only where it reads as part of an address: after
//! a town name and a comma ("Kilmarnock, KA1"), or after the word "postcode". A road or room
//! number such as "the M1" or "Room B12" is not a postcode. The key is the postcode in capitals
//! without the space.

use crate::entity::{Candidate, EntityKind};

pub(crate) fn find(text: &str, out: &mut Vec<Candidate>) {
    find_in(text, |from| crate::chars::next_digit(text.as_bytes(), from), out);
}

/// [`find`], with the text's digits already found.
pub(crate) fn find_with(text: &str, digits: &crate::chars::DigitRuns, out: &mut Vec<Candidate>) {
    find_in(text, |from| digits.next(from), out);
}

/// [`find`], with `next_digit` answering as [`crate::chars::next_digit`] does for this text.
fn find_in(text: &str, next_digit: impl Fn(usize) -> usize, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The next digit at or after `i + 1` and the next "g" at or after `i`, found again only once
    // `i` has passed them.
    let (mut digit, mut g) = (next_digit(1), crate::chars::next_of(bytes, 0, b'g', b'G'));
    while i < bytes.len() {
        // A postcode starts at a word with a digit second or third, or at a "g" (GIR 0AA). Jump
        // to the first such place: every word start skipped fails the digit test below, and one
        // jumped into is still seen as inside a word, so the words read are the same.
        if digit < i + 1 {
            digit = next_digit(i + 1);
        }
        if g < i {
            g = crate::chars::next_of(bytes, i, b'g', b'G');
        }
        let by_digit = if digit < bytes.len() { digit.saturating_sub(2).max(i) } else { bytes.len() };
        i = by_digit.min(g);
        if i >= bytes.len() {
            break;
        }
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        if word_before(text, i) {
            // Inside a word: so is every word byte up to its end.
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            continue;
        }
        // Every postcode has a digit second or third ("M1", "KA1"), except GIR 0AA.
        let digit = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_digit);
        if !(digit(1) || digit(2) || bytes[i].eq_ignore_ascii_case(&b'g')) {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            continue;
        }
        if let Some(end) = postcode_at(bytes, i).filter(|&e| !word_at(text, e)) {
            out.push(Candidate { kind: EntityKind::Postcode, start: i, end, key: key(&text[i..end]), role: None });
            i = end;
        } else if let Some(end) = outward_only_at(text, i) {
            out.push(Candidate { kind: EntityKind::Postcode, start: i, end, key: key(&text[i..end]), role: None });
            i = end;
        } else {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a letter or digit (any script) ends just before byte `i`.
#[inline]
pub(super) fn word_before(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(&b) if b < 0x80 => is_word_byte(b),
        Some(_) => text[..i].chars().next_back().is_some_and(char::is_alphanumeric),
    }
}

/// Whether a letter or digit (any script) starts at byte `i`.
#[inline]
pub(super) fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => is_word_byte(b),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

fn key(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// Small list of lengths (at most two).
#[derive(Default)]
struct Lens {
    n: usize,
    v: [usize; 2],
}

impl Lens {
    fn push(&mut self, x: usize) {
        if self.n < 2 {
            self.v[self.n] = x;
            self.n += 1;
        }
    }
    fn as_slice(&self) -> &[usize] {
        &self.v[..self.n]
    }
}

/// The lengths of valid outward codes at the start of `b` (2 to 4 bytes), shortest first.
fn outward_len(b: &[u8]) -> Lens {
    let up = |i: usize| b.get(i).map(u8::to_ascii_uppercase);
    let letter = |i: usize| up(i).is_some_and(|c| c.is_ascii_uppercase());
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut lens = Lens::default();
    let Some(first) = up(0) else { return lens };
    if !first.is_ascii_uppercase() || matches!(first, b'Q' | b'V' | b'X') {
        return lens;
    }
    if digit(1) {
        // A9, A99, A9A
        lens.push(2);
        if digit(2) || letter(2) {
            lens.push(3);
        }
    } else if letter(1) && !matches!(up(1), Some(b'I' | b'J' | b'Z')) && digit(2) {
        // AA9, AA99, AA9A
        lens.push(3);
        if digit(3) || letter(3) {
            lens.push(4);
        }
    }
    lens
}

fn inward_at(b: &[u8], i: usize) -> bool {
    b.len() >= i + 3 && b[i].is_ascii_digit() && b[i + 1].is_ascii_alphabetic() && b[i + 2].is_ascii_alphabetic()
}

/// The end of a full postcode starting at `i`.
fn postcode_at(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    if rest.len() >= 6 && rest[..3].eq_ignore_ascii_case(b"GIR") {
        for gap in [1, 0] {
            if rest.len() >= 6 + gap && rest[3 + gap..6 + gap].eq_ignore_ascii_case(b"0AA") {
                let end = i + 6 + gap;
                if !bytes.get(end).copied().is_some_and(is_word_byte) && (gap == 0 || rest[3] == b' ') {
                    return Some(end);
                }
            }
        }
    }
    for &o in outward_len(rest).as_slice().iter().rev() {
        let gap = match rest.get(o) {
            Some(b' ') => 1,
            Some(0xC2) if rest.get(o + 1) == Some(&0xA0) => 2,
            _ => 0,
        };
        if gap > 0 && inward_at(rest, o + gap) {
            return Some(i + o + gap + 3);
        }
        if inward_at(rest, o) {
            return Some(i + o + 3);
        }
    }
    None
}

/// The end of an outward code alone that follows "Town," or "postcode".
pub(super) fn outward_only_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let len = *outward_len(&bytes[i..]).as_slice().last()?;
    let end = i + len;
    if word_at(text, end) {
        return None;
    }
    // The code ends its clause: "Kilmarnock, KA1." but not "Then, M1 again".
    let after = text[end..].trim_start_matches(' ');
    if !(after.is_empty() || after.starts_with(['.', ',', ';', ')', '\n', '\r'])) {
        return None;
    }
    let code = &bytes[i..end];
    if code.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    let before = text[..i].trim_end_matches(' ');
    let lower_tail: String =
        before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect::<String>().to_lowercase();
    if lower_tail.trim_end_matches([':', ' ']).ends_with("postcode") || lower_tail.ends_with("post code") {
        return Some(end);
    }
    // "Kilmarnock, KA1": a capitalised word, then a comma.
    let before = before.strip_suffix(',')?;
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let first = word.chars().last()?;
    (word.chars().count() >= 3 && first.is_uppercase()).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postcodes(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn every_shape_with_and_without_the_space() {
        for p in [
            "M1 1AE",
            "B33 8TH",
            "CR2 6XH",
            "DN55 1PT",
            "W1A 0AX",
            "EC1A 1BB",
            "KA1 2AB",
            "GIR 0AA",
            "M11AE",
            "KA12AB",
            "EC1A1BB",
            "ka1 2ab",
            "Ec1a 1bb",
            "G12\u{a0}8QQ",
        ] {
            let text = format!("They moved to {p}, near town.");
            assert_eq!(postcodes(&text), [p], "{p}");
        }
    }

    #[test]
    fn keys_are_capitals_without_the_space() {
        let mut out = Vec::new();
        find("ka1 2ab and KA12AB", &mut out);
        assert_eq!(out.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["KA12AB", "KA12AB"]);
    }

    #[test]
    fn outward_codes_only_in_an_address() {
        assert_eq!(postcodes("14 Mossgiel Road, Kilmarnock, KA1."), ["KA1"]);
        assert_eq!(postcodes("Postcode: G12"), ["G12"]);
        assert!(postcodes("drove up the M1 to Room B12").is_empty());
        assert!(postcodes("Then, M1 again").is_empty());
    }

    #[test]
    fn not_postcodes() {
        assert!(postcodes("QA1 2AB VX1 2AB AI1 2AB").is_empty());
        assert!(postcodes("KA1 2ABC XKA1 2AB and M1 1AEs").is_empty());
        assert!(postcodes("A4 paper, 3D glasses, Year 6 class, COVID19 test, B12 vitamins").is_empty());
        assert!(postcodes("ÉKA1 2AB").is_empty());
        assert!(postcodes("").is_empty());
    }

    #[test]
    fn unicode_around() {
        assert_eq!(postcodes("“KA1 2AB”—Zoë’s"), ["KA1 2AB"]);
    }
}
