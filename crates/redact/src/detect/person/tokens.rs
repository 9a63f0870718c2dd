//! Words, for the people detector: letter runs joined by inner apostrophes and hyphens
//! ("O'Neill", "Smith-Jones", "Amy's"), with what a name detector needs to know about each.

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
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
    c.is_alphabetic().then(|| c.len_utf8())
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
fn possessive_len(word: &str) -> usize {
    let b = word.as_bytes();
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

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    let mut prev_end = 0;
    while i < bytes.len() {
        let Some(len) = letter_at(text, i) else {
            i += utf8_len(bytes[i]);
            continue;
        };
        let start = i;
        i += len;
        loop {
            if let Some(l) = letter_at(text, i) {
                i += l;
            } else if let Some(j) = joiner_at(text, i) {
                i += j;
            } else {
                break;
            }
        }
        let word = &text[start..i];
        let base_end = i - possessive_len(word);
        let first = word.chars().next().unwrap_or(' ');
        let cap = first.is_uppercase();
        let all_caps = cap && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let gap = &text[prev_end..start];
        let line = out.is_empty() || gap.contains('\n');
        let sent = line || opens_sentence(gap, out.last().map(|t| &text[t.start..t.end]));
        out.push(Tok { start, end: i, base_end, cap, all_caps, sent, line });
        prev_end = i;
    }
    out
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Does the gap between two words end a sentence? A full stop after a title or an initial
/// ("Dr. Patel", "J. Smith") does not.
fn opens_sentence(gap: &str, prev: Option<&str>) -> bool {
    let mut stop = false;
    for c in gap.chars() {
        match c {
            '!' | '?' | ':' | '"' | '“' | '”' | '•' | '…' => return true,
            '.' => stop = true,
            _ => {}
        }
    }
    if !stop {
        return false;
    }
    match prev {
        Some(p) => !(p.len() == 1 || super::lists::is_title(p) || ABBREVIATIONS.contains(&p)),
        None => true,
    }
}

const ABBREVIATIONS: &[&str] =
    &["St", "e", "g", "i", "etc", "approx", "No", "no", "vs", "cf", "Ref", "ref", "Tel", "tel"];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        tokenize(text).iter().map(|t| (t.base(text), t.sent)).collect()
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
    fn non_ascii_letters_are_words() {
        assert_eq!(words("Zoë and Łukasz")[2], ("Łukasz", false));
    }
}
