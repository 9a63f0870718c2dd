//! The shared machinery of rules that are just words: every hit from one list becomes a finding,
//! with the entry's suggestion and note. Also small text helpers the word-list rules share.

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::{Hit, List};

/// Reports every hit of `list` as `category/<entry>`. `message` turns the matched text into the
/// finding's message; an entry's own note, where it has one, is appended. Words inside quoted
/// speech are the speaker's, not the writer's, and are not reported.
pub(crate) fn check_list(
    cx: &Ctx<'_>,
    out: &mut Findings<'_>,
    list: List,
    category: Category,
    message: fn(&str) -> String,
) {
    check_list_where(cx, out, list, category, message, |_, _| true);
}

/// Like [`check_list`], reporting only the hits `keep` accepts.
pub(crate) fn check_list_where(
    cx: &Ctx<'_>,
    out: &mut Findings<'_>,
    list: List,
    category: Category,
    message: fn(&str) -> String,
    keep: impl Fn(&Ctx<'_>, &Hit) -> bool,
) {
    for hit in cx.doc.hits_of(list) {
        if in_quoted_speech(cx.doc.text, hit.span.start) || !keep(cx, hit) {
            continue;
        }
        emit_hit(cx, out, hit, category, message);
    }
}

/// Reports one hit with its entry's id, note and suggestion.
pub(crate) fn emit_hit(
    cx: &Ctx<'_>,
    out: &mut Findings<'_>,
    hit: &Hit,
    category: Category,
    message: fn(&str) -> String,
) {
    let entry = cx.doc.entry(hit);
    let matched = cx.doc.slice(hit.span);
    let mut text = message(matched);
    if let Some(note) = &entry.note {
        text.push_str(": ");
        text.push_str(note);
    }
    out.emit(category, &entry.slug(), hit.span, text, entry.suggestion.clone());
}

/// How far back [`in_quoted_speech`] looks for an opening quotation mark.
const QUOTE_LOOKBACK: usize = 600;

/// Whether byte `at` lies inside double-quoted speech ("...", “...”) on its line. Only double
/// quotation marks count: single ones are too often apostrophes.
pub(crate) fn in_quoted_speech(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut from = at.saturating_sub(QUOTE_LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line_start = bytes[from..at].iter().rposition(|&b| b == b'\n').map_or(from, |p| from + p + 1);
    let mut straight = 0usize;
    let mut open_curly = 0usize;
    let mut close_curly = 0usize;
    for c in text[line_start..at].chars() {
        match c {
            '"' => straight += 1,
            '\u{201C}' => open_curly += 1,
            '\u{201D}' => close_curly += 1,
            _ => {}
        }
    }
    straight % 2 == 1 || open_curly > close_curly
}

/// The word just after byte `at` (skipping spaces and simple punctuation), if any, within 40 bytes.
pub(crate) fn next_word(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    let start = rest.char_indices().take_while(|&(i, _)| i < 40).find(|&(_, c)| c.is_alphanumeric())?.0;
    let gap = &rest[..start];
    if gap.chars().any(|c| matches!(c, '.' | '!' | '?' | '\n' | ';' | ':')) {
        return None;
    }
    let word = &rest[start..];
    let end = word.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).unwrap_or(word.len());
    Some(&word[..end])
}

/// The word just before byte `at` (skipping spaces), if any, within the same clause.
pub(crate) fn prev_word(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let end = before.trim_end_matches([' ', '\t']).len();
    let head = &before[..end];
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |p| p + head[p..].chars().next().map_or(1, char::len_utf8));
    (start < end).then(|| &head[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_speech() {
        let t = "Sam said, \"I want to go home soon.\" I will visit soon.";
        assert!(in_quoted_speech(t, t.find("soon").unwrap()));
        assert!(!in_quoted_speech(t, t.rfind("soon").unwrap()));
        let c = "She said \u{201C}he hit me\u{201D} and then left.";
        assert!(in_quoted_speech(c, c.find("hit").unwrap()));
        assert!(!in_quoted_speech(c, c.find("left").unwrap()));
    }

    #[test]
    fn neighbouring_words() {
        let t = "a DNA test, the work placement";
        assert_eq!(next_word(t, 5), Some("test"));
        assert_eq!(prev_word(t, t.find("placement").unwrap()), Some("work"));
        assert_eq!(prev_word(t, 0), None);
        assert_eq!(next_word("end.", 3), None);
        assert_eq!(next_word("DNA. Test", 3), None);
    }
}
