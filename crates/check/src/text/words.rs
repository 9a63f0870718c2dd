//! Word tokens.

use super::Span;

/// Iterates over the words of `text` within `span`.
///
/// A word is a run of letters and digits, with apostrophes and hyphens allowed inside
/// ("don't", "non-threatening"). Punctuation and symbols such as `&` are not words.
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

impl Iterator for WordIter<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let slice = &self.text[self.pos..self.end];
        let mut start = None;
        let mut last_end = 0;
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                last_end = i + c.len_utf8();
            } else if start.is_some() {
                let joiner = matches!(c, '\'' | '\u{2019}' | '-');
                let next_is_alnum = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
                if !(joiner && next_is_alnum) {
                    break;
                }
            }
        }
        let s = start?;
        let span = Span::new(self.pos + s, self.pos + last_end);
        self.pos += last_end;
        Some(span)
    }
}
