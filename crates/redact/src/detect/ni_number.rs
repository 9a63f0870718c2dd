//! National Insurance numbers: two prefix letters, six digits and a suffix letter A to D, written
//! together or spaced ("QQ 12 34 56 C", "QQ123456C"), in either case.
//!
//! The prefix follows HMRC's rules: the first letter is not D, F, I, Q, U or V, the second not D,
//! F, I, O, Q, U or V, and BG, GB, KN, NK, NT, TN and ZZ are not allocated. QQ, the prefix HMRC
//! uses in examples, is detected too: an example copied into a record is still hidden. After the
//! words "NI", "NINO" or "National Insurance", any two letters and six digits are taken, with or
//! without the suffix, since a typo is still an identifier. The key is the number in capitals
//! without spaces.

use crate::entity::{Candidate, EntityKind};

pub(crate) fn find(text: &str, digits: &crate::chars::DigitRuns, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 8 <= bytes.len() {
        // Cheapest tests first: a digit (or a space and a digit) after two letters is rare. Jump
        // to the first place where that is so: with `d` the first digit at or after `i + 2`,
        // the third byte is a space before it (`d - 3`, when that is not before `i`) or it.
        let d = digits.next(i + 2);
        if d >= bytes.len() {
            break;
        }
        i = if d >= i + 3 && bytes[d - 1] == b' ' { d - 3 } else { d - 2 };
        if i + 8 > bytes.len() {
            break;
        }
        let third = bytes[i + 2];
        let starts = (third.is_ascii_digit() || (third == b' ' && bytes[i + 3].is_ascii_digit()))
            && bytes[i + 1].is_ascii_alphabetic()
            && bytes[i].is_ascii_alphabetic()
            && !super::postcode::word_before(text, i);
        if starts && let Some((end, key)) = number_at(text, i) {
            out.push(Candidate { kind: EntityKind::NiNumber, start: i, end, key, role: None });
            i = end;
        } else {
            i += 1;
        }
    }
}

fn valid_prefix(a: u8, b: u8) -> bool {
    let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
    if (a, b) == (b'Q', b'Q') {
        return true;
    }
    let bad_pair = matches!(&[a, b], b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ");
    !b"DFIQUV".contains(&a) && !b"DFIOQUV".contains(&b) && !bad_pair
}

fn number_at(text: &str, i: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut key = String::with_capacity(9);
    key.push(bytes[i].to_ascii_uppercase() as char);
    key.push(bytes[i + 1].to_ascii_uppercase() as char);
    let mut j = i + 2;
    // Six digits, optionally split by single spaces (or a space after the prefix).
    let mut n = 0;
    while n < 6 {
        if bytes.get(j) == Some(&b' ') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        match bytes.get(j) {
            Some(d) if d.is_ascii_digit() => {
                key.push(*d as char);
                j += 1;
                n += 1;
            }
            _ => return None,
        }
    }
    if bytes.get(j).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // The suffix letter, perhaps after a space.
    let suffix_at = if bytes.get(j) == Some(&b' ') { j + 1 } else { j };
    let suffix = bytes.get(suffix_at).map(u8::to_ascii_uppercase);
    if let Some(s @ b'A'..=b'D') = suffix
        && !super::postcode::word_at(text, suffix_at + 1)
    {
        if valid_prefix(bytes[i], bytes[i + 1]) || labelled(text, i) {
            key.push(s as char);
            return Some((suffix_at + 1, key));
        }
        return None;
    }
    (!super::postcode::word_at(text, j) && labelled(text, i)).then_some((j, key))
}

/// "NI", "NINO", "NI number", "National Insurance (number)" just before `i`.
fn labelled(text: &str, i: usize) -> bool {
    let mut from = i.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window: String =
        text[from..i].chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let words: Vec<&str> = window.split_whitespace().collect();
    let mut k = words.len();
    while k > 0 && matches!(words[k - 1], "number" | "no" | "num" | "is" | "nos") {
        k -= 1;
    }
    k > 0 && (matches!(words[k - 1], "ni" | "nino" | "nin") || k >= 2 && words[k - 2..k] == ["national", "insurance"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &crate::chars::DigitRuns::new(text.as_bytes()), &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn spaced_and_unspaced_any_case() {
        for n in ["QQ 12 34 56 C", "QQ123456C", "AB 123456 A", "ab123456d", "JT 12 34 56 B", "QQ 123 456 C"] {
            let text = format!("Her NI is {n}.");
            assert_eq!(found(&text), [n], "{n}");
            let text = format!("Number ({n}) noted");
            assert_eq!(found(&text), [n], "{n}");
        }
    }

    #[test]
    fn keys_are_capitals_without_spaces() {
        let mut out = Vec::new();
        find("qq 12 34 56 c", &crate::chars::DigitRuns::new("qq 12 34 56 c".as_bytes()), &mut out);
        assert_eq!(out[0].key, "QQ123456C");
    }

    #[test]
    fn invalid_prefixes_and_suffixes() {
        for n in ["DA123456A", "FA123456A", "AO123456A", "GB123456A", "ZZ123456A", "NT123456A", "AB123456E"] {
            assert!(found(n).is_empty(), "{n}");
        }
        assert!(found("AB1234567A AB12345A XAB123456A AB123456AB").is_empty());
    }

    #[test]
    fn labelled_numbers_with_a_typo_or_no_suffix() {
        assert_eq!(found("National Insurance number: GB 12 34 56 A"), ["GB 12 34 56 A"]);
        assert_eq!(found("NI no. AB123456"), ["AB123456"]);
        assert!(found("ref AB123456").is_empty());
    }

    #[test]
    fn unicode_around() {
        assert_eq!(found("Zoë’s “QQ123456C”"), ["QQ123456C"]);
        assert!(found("ÉQQ123456C").is_empty());
        assert!(found("Q").is_empty());
    }
}
