//! Words, for the people detector: letter runs joined by inner apostrophes and hyphens
//! ("O'Neill", "Smith-Jones", "Amy's"), with what a name detector needs to know about each.

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    /// One past the last byte of the word.
    pub end: usize,
    /// `end`, less a possessive "'s" / "’s": the part that is the name.
    pub base_end: usize,
    /// The first letter is upper case.
    pub cap: bool,
    /// Every letter is upper case (an acronym or a heading).
    pub all_caps: bool,
    /// The word opens a sentence, a line, a quotation or follows a colon.
    pub sent: bool,
    /// The word opens a line.
    pub line: bool,
    /// Every byte of the word is ASCII.
    pub ascii: bool,
}

impl Tok {
    pub fn base<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.base_end]
    }

    pub fn possessive(&self) -> bool {
        self.base_end < self.end
    }
}

fn letter_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii_alphabetic() {
        return Some(1);
    }
    if b < 0x80 {
        return None;
    }
    let c = text.get(i..)?.chars().next()?;
    crate::chars::alphabetic(c).then(|| c.len_utf8())
}

/// A combining mark (U+0300..U+036F) at `i`, which continues a word ("Özm̂en").
fn mark_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    // U+0300..U+036F are encoded CC 80..CD AF.
    matches!((b.get(i)?, b.get(i + 1)?), (0xCC, 0x80..=0xBF) | (0xCD, 0x80..=0xAF)).then_some(2)
}

/// The joiner (apostrophe, curly apostrophe, hyphen) at `i`, if followed by a letter.
fn joiner_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let len = match bytes.get(i)? {
        b'\'' | b'-' => 1,
        0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x99) => 3,
        _ => return None,
    };
    letter_at(text, i + len).map(|_| len)
}

/// Length of the possessive ending of `word` ("'s", "’s"), or 0.
fn possessive_len(b: &[u8]) -> usize {
    let n = b.len();
    if n >= 3 && (b[n - 1] == b's' || b[n - 1] == b'S') {
        if b[n - 2] == b'\'' {
            return 2;
        }
        if n >= 5 && b[n - 4..n - 1] == [0xE2, 0x80, 0x99] {
            return 4;
        }
    }
    0
}

/// The words of `text`, replacing what `out` held.
pub(super) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    out.clear();
    out.reserve(text.len() / 5);
    let mut i = 0;
    // What the gap since the last word held: a line break, sentence punctuation, a full stop.
    let (mut newline, mut opener, mut stop) = (true, false, false);
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: ASCII bytes between words.
        if !b.is_ascii_alphabetic() {
            if b < 0x80 {
                match b {
                    b'\n' => newline = true,
                    b'!' | b'?' | b':' | b'"' => opener = true,
                    b'.' => stop = true,
                    _ => {}
                }
                i += 1;
                continue;
            }
            // Mask mode's █ (U+2588), often many in a row: neither a letter nor an opener.
            if bytes[i..].starts_with("█".as_bytes()) {
                i += "█".len();
                continue;
            }
            if letter_at(text, i).is_none() {
                let c = text[i..].chars().next().unwrap_or(' ');
                match c {
                    '“' | '”' | '•' | '…' | '–' | '—' => opener = true,
                    _ => {}
                }
                i += c.len_utf8().max(1);
                continue;
            }
        }
        let start = i;
        let mut ascii = true;
        loop {
            // ASCII letters run on without any check beyond the byte.
            i = crate::chars::letters_end(bytes, i);
            if i >= bytes.len() {
                break;
            }
            if bytes[i] >= 0x80
                && let Some(l) = letter_at(text, i).or_else(|| mark_at(text, i))
            {
                ascii = false;
                i += l;
            } else if let Some(j) = joiner_at(text, i) {
                ascii &= j == 1;
                i += j;
            } else {
                break;
            }
        }
        let w = &bytes[start..i];
        let base_end = i - possessive_len(w);
        let (cap, all_caps) = if ascii {
            let cap = w[0].is_ascii_uppercase();
            (cap, cap && !w.iter().any(u8::is_ascii_lowercase))
        } else {
            let word = &text[start..i];
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            (cap, cap && !word.chars().any(char::is_lowercase))
        };
        // "al-Rashid", "el-Sayed": a lower-case particle joined to a capitalised name.
        let cap = cap || (bytes.get(start + 2) == Some(&b'-') && particle_joined(w));
        let line = newline;
        let sent = line
            || opener
            || (stop
                && out.last().is_none_or(|t| {
                    let p = &text[t.start..t.end];
                    !(p.len() == 1 || super::lists::is_title(p) || ABBREVIATIONS.contains(&p))
                }));
        out.push(Tok { start, end: i, base_end, cap, all_caps, sent, line, ascii });
        (newline, opener, stop) = (false, false, false);
    }
}

fn particle_joined(b: &[u8]) -> bool {
    b.len() > 4
        && matches!(&b[..3], b"al-" | b"el-" | b"ul-" | b"ad-" | b"ar-" | b"as-" | b"an-")
        && b[3].is_ascii_uppercase()
}

const ABBREVIATIONS: &[&str] =
    &["St", "e", "g", "i", "etc", "approx", "No", "no", "vs", "cf", "Ref", "ref", "Tel", "tel"];

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out
    }

    fn words(text: &str) -> Vec<(&str, bool)> {
        toks(text).iter().map(|t| (t.base(text), t.sent)).collect()
    }

    #[test]
    fn joins_apostrophes_and_hyphens_and_strips_possessives() {
        assert_eq!(
            words("O'Neill met Smith-Jones. Amy’s mum"),
            [("O'Neill", true), ("met", false), ("Smith-Jones", false), ("Amy", true), ("mum", false)]
        );
        assert_eq!(words("James' coat - ok")[0], ("James", true));
    }

    #[test]
    fn a_stop_after_a_title_or_initial_does_not_open_a_sentence() {
        let w = words("Dr. Patel saw J. Smith. Then");
        assert_eq!(w[1], ("Patel", false));
        assert_eq!(w[4], ("Smith", false));
        assert_eq!(w[5], ("Then", true));
    }

    #[test]
    fn non_ascii_letters_and_combining_marks_are_words() {
        assert_eq!(words("Zoë and Łukasz")[2], ("Łukasz", false));
        assert_eq!(words("DC Özm\u{302}en came")[1], ("Özm\u{302}en", false));
    }

    #[test]
    fn a_dash_opens_a_sentence_and_al_joins_a_name() {
        assert_eq!(words("On 12/03/2024 – Postcode")[1], ("Postcode", true));
        let t = toks("met al-Rashid");
        assert!(t[1].cap && !t[0].cap);
    }
}
