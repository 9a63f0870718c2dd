//! Word tokens.
//!
//! A word is a run of letters and digits. Some punctuation joins two runs into one word when it
//! sits between them with nothing else around it:
//!
//! - apostrophes, straight or curly: "don't", "Pip's", "o’clock";
//! - hyphens (ASCII and U+2010/U+2011): "non-threatening", "well-balanced";
//! - a full stop: "T.V", "e.g", "3.5", "12.03.2024", "s.47", "www.example.org";
//! - a comma between digits: "1,000".
//!
//! So "3.5" and "12.03.2024" are one word each, the way a reader sees them, and word-based rules
//! never see the pieces of a number or a date. A trailing full stop is never part of a word.
//!
//! The scan works on bytes. ASCII is handled without decoding; any other character is decoded
//! and tested with [`char::is_alphanumeric`], and combining marks (U+0300–U+036F) count as part of
//! the word so decomposed accents ("e\u{301}") do not split a name. Emoji and symbols are not words.

use super::Span;

/// Iterates over the words of `text` within `span`.
///
/// A word is a run of letters and digits, with apostrophes and hyphens allowed inside
/// ("don't", "non-threatening"), full stops between letters or digits ("e.g", "3.5") and commas
/// between digits ("1,000"). Punctuation and symbols such as `&` are not words.
pub fn words(text: &str, span: Span) -> WordIter<'_> {
    WordIter { text, pos: span.start, end: span.end }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct WordIter<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

/// What one character is, for word scanning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit (or a combining mark).
    Alnum { digit: bool },
    /// An apostrophe or hyphen: joins any two word characters.
    Joiner,
    /// A full stop: joins two word characters.
    Dot,
    /// A comma: joins two digits.
    Comma,
    /// Anything else.
    Other,
}

/// Classifies the character starting at byte `i` of `s` (which must be a char boundary) and
/// returns its class and byte length.
#[inline(always)]
fn class_at(s: &str, i: usize) -> (Class, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        let class = match b {
            b'0'..=b'9' => Class::Alnum { digit: true },
            b'a'..=b'z' | b'A'..=b'Z' => Class::Alnum { digit: false },
            b'\'' | b'-' => Class::Joiner,
            b'.' => Class::Dot,
            b',' => Class::Comma,
            _ => Class::Other,
        };
        return (class, 1);
    }
    let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
    let class = match c {
        '\u{2019}' | '\u{2010}' | '\u{2011}' => Class::Joiner,
        '\u{300}'..='\u{36F}' => Class::Alnum { digit: false },
        c if c.is_alphanumeric() => Class::Alnum { digit: c.is_numeric() },
        _ => Class::Other,
    };
    (class, c.len_utf8())
}

impl Iterator for WordIter<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        let end = self.end;
        let mut i = self.pos;
        // Find the first letter or digit. Plain ASCII punctuation and spaces are skipped fast.
        let start = loop {
            if i >= end {
                self.pos = end;
                return None;
            }
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                break i;
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let (class, len) = class_at(self.text, i);
            if matches!(class, Class::Alnum { .. }) {
                break i;
            }
            i += len;
        };
        // Extend over letters, digits and joiners that have a word character on both sides.
        let mut last_digit;
        let mut j = start;
        loop {
            // At `j` there is a word character.
            let (class, len) = class_at(self.text, j);
            last_digit = matches!(class, Class::Alnum { digit: true });
            j += len;
            // Fast run of ASCII letters and digits.
            while j < end && bytes[j].is_ascii_alphanumeric() {
                last_digit = bytes[j].is_ascii_digit();
                j += 1;
            }
            if j >= end {
                break;
            }
            let (class, len) = class_at(self.text, j);
            match class {
                Class::Alnum { .. } => continue,
                Class::Joiner | Class::Dot | Class::Comma => {
                    let k = j + len;
                    if k >= end {
                        break;
                    }
                    let (next, _) = class_at(self.text, k);
                    let joins = match (class, next) {
                        (Class::Comma, Class::Alnum { digit: true }) => last_digit,
                        (Class::Comma, _) => false,
                        (_, Class::Alnum { .. }) => true,
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    j = k;
                }
                Class::Other => break,
            }
        }
        self.pos = j;
        Some(Span::new(start, j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<&str> {
        words(text, Span::new(0, text.len())).map(|s| s.of(text)).collect()
    }

    #[test]
    fn splits_plain_words() {
        assert_eq!(list("Pip walked to school."), ["Pip", "walked", "to", "school"]);
        assert_eq!(list("  one,two;three  "), ["one", "two", "three"]);
    }

    #[test]
    fn joins_apostrophes_and_hyphens() {
        assert_eq!(list("don't Pip's o\u{2019}clock"), ["don't", "Pip's", "o\u{2019}clock"]);
        assert_eq!(list("non-threatening, well\u{2010}balanced"), ["non-threatening", "well\u{2010}balanced"]);
        assert_eq!(list("'quoted' - dash -- x-"), ["quoted", "dash", "x"]);
        assert_eq!(list("Joneses' house"), ["Joneses", "house"]);
    }

    #[test]
    fn joins_numbers_dates_and_initialisms() {
        assert_eq!(list("On 12.03.2024 at 3.5 km"), ["On", "12.03.2024", "at", "3.5", "km"]);
        assert_eq!(list("the T.V. and e.g. this"), ["the", "T.V", "and", "e.g", "this"]);
        assert_eq!(list("under s.47, £1,000 paid"), ["under", "s.47", "1,000", "paid"]);
        assert_eq!(list("one, two"), ["one", "two"]);
        assert_eq!(list("a,b 1,b"), ["a", "b", "1", "b"]);
        assert_eq!(list("www.example.org."), ["www.example.org"]);
    }

    #[test]
    fn ampersand_and_symbols_are_not_words() {
        assert_eq!(list("Chutes & Ladders ... 😀 !"), ["Chutes", "Ladders"]);
    }

    #[test]
    fn unicode_words() {
        assert_eq!(list("Zoë and José Núñez"), ["Zoë", "and", "José", "Núñez"]);
        assert_eq!(list("Jose\u{301} left"), ["Jose\u{301}", "left"]);
        assert_eq!(list("“Hello”, she said — 你好"), ["Hello", "she", "said", "你好"]);
    }

    #[test]
    fn respects_span() {
        let t = "alpha beta gamma";
        let w: Vec<_> = words(t, Span::new(6, 10)).map(|s| s.of(t)).collect();
        assert_eq!(w, ["beta"]);
        let w: Vec<_> = words(t, Span::new(0, 3)).map(|s| s.of(t)).collect();
        assert_eq!(w, ["alp"]);
        assert_eq!(list(""), Vec::<&str>::new());
    }
}
