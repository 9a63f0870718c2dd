//! `scare-quotes`: a harm or allegation word put in quotation marks as a short fragment
//! ('she said she was "hit"'), which a family member reads as the writer's disbelief.
//!
//! Only fragments of one to three words made of harm words (and a few modifiers such as
//! "sexual" or "was") are reported. Whole quoted speech ("He hit me," Sam said) is the right way
//! to record what was said and is not flagged. Straight and curly, double and single quotation
//! marks are recognised; a single mark inside a word is an apostrophe.

use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::lexicon::List;
use crate::text::Span;

/// How far from the harm word the quotation marks may be.
const REACH: usize = 40;

/// Words allowed in a fragment besides the harm words themselves.
const MODIFIERS: &[&str] = &[
    "a",
    "an",
    "the",
    "sexual",
    "sexually",
    "physical",
    "physically",
    "emotional",
    "emotionally",
    "domestic",
    "minor",
    "little",
    "small",
    "bad",
    "serious",
    "alleged",
    "so-called",
    "inappropriate",
    "inappropriately",
    "verbal",
    "verbally",
    "was",
    "were",
    "been",
    "being",
    "got",
    "get",
    "getting",
    "some",
    "of",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let doc = cx.doc;
    let text = doc.text;
    let mut last_reported = None;
    for hit in doc.hits_of(List::HarmWords) {
        let Some(fragment) = quoted_fragment(text, hit.span) else { continue };
        if last_reported == Some(fragment.start) {
            continue;
        }
        let inner = Span::new(
            fragment.start + quote_len(text, fragment.start),
            fragment.end - quote_len_back(text, fragment.end),
        );
        if !only_harm_words(cx, inner) {
            continue;
        }
        last_reported = Some(fragment.start);
        let words = doc.slice(inner);
        out.emit(
            Category::ScareQuotes,
            "",
            fragment,
            format!(
                "Quotation marks around \"{words}\" can read as disbelief; record what was said in full, or report it \
                 without quotation marks"
            ),
            Some(format!("{words} (without quotation marks), or quote the whole sentence the person said")),
        );
    }
}

fn quote_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

fn quote_len_back(text: &str, at: usize) -> usize {
    text[..at].chars().next_back().map_or(0, char::len_utf8)
}

fn fragment_char(c: char) -> bool {
    c.is_alphanumeric() || c == ' ' || c == '-'
}

/// The span, quotation marks included, of a short quoted fragment around `hit`, if there is one.
fn quoted_fragment(text: &str, hit: Span) -> Option<Span> {
    // Walk back to the opening mark.
    let mut open = None;
    for (i, c) in text[..hit.start].char_indices().rev() {
        if hit.start - i > REACH {
            return None;
        }
        let before = text[..i].chars().next_back();
        let kind = match c {
            '"' | '\u{201C}' => Some(Kind::Double),
            '\u{2018}' => Some(Kind::Single),
            '\'' | '\u{2019}' if !before.is_some_and(char::is_alphanumeric) => Some(Kind::Single),
            '\'' | '\u{2019}' => None,
            c if fragment_char(c) => None,
            _ => return None,
        };
        if let Some(kind) = kind {
            // An opening mark follows a space, a bracket or the start of the text.
            if before.is_some_and(|b| !(b.is_whitespace() || matches!(b, '(' | '[' | '-' | '\u{2014}'))) {
                return None;
            }
            open = Some((i, kind));
            break;
        }
    }
    let (start, kind) = open?;
    // Walk forward to the closing mark of the same kind.
    for (j, c) in text[hit.end..].char_indices() {
        if j > REACH {
            return None;
        }
        let at = hit.end + j;
        let after = text[at + c.len_utf8()..].chars().next();
        let closes = match (c, kind) {
            ('"' | '\u{201D}', Kind::Double) => true,
            ('\'' | '\u{2019}', Kind::Single) => !after.is_some_and(char::is_alphanumeric),
            ('\'' | '\u{2019}', Kind::Double) => false,
            (c, _) if fragment_char(c) => false,
            _ => return None,
        };
        if closes {
            if after.is_some_and(char::is_alphanumeric) {
                return None;
            }
            return Some(Span::new(start, at + c.len_utf8()));
        }
    }
    None
}

/// Whether the fragment is one to three words, each a harm word or a modifier.
fn only_harm_words(cx: &Ctx<'_>, inner: Span) -> bool {
    let doc = cx.doc;
    let Some(si) = doc.sentence_at(inner.start) else { return false };
    let harm: Vec<Span> = doc.sentence_hits(&doc.sentences[si], List::HarmWords).map(|h| h.span).collect();
    let mut count = 0;
    for w in crate::text::words(doc.text, inner) {
        count += 1;
        if count > 3 {
            return false;
        }
        let word = doc.slice(w);
        let covered = harm.iter().any(|h| h.start <= w.start && w.end <= h.end);
        if !covered && !MODIFIERS.iter().any(|m| word.eq_ignore_ascii_case(m)) {
            return false;
        }
    }
    count > 0 && harm.iter().any(|h| inner.contains(*h))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::ScareQuotes;

    #[test]
    fn flags_quoted_harm_fragments() {
        assert_eq!(matched("Sam said she was \"hit\" by Dad.", RecordType::Contact, C), ["\"hit\""]);
        assert_eq!(
            matched("Jade made an \u{201C}allegation\u{201D} on Monday.", RecordType::Contact, C),
            ["\u{201C}allegation\u{201D}"]
        );
        assert_eq!(
            matched("He described the 'sexual abuse' to his teacher.", RecordType::Contact, C),
            ["'sexual abuse'"]
        );
        assert_eq!(
            matched("She had a \u{2018}bruise\u{2019} on her arm.", RecordType::Contact, C),
            ["\u{2018}bruise\u{2019}"]
        );
        assert!(flags("Mum said Dad \"kicked\" her.", RecordType::Contact, C));
    }

    #[test]
    fn whole_quoted_speech_is_fine() {
        assert!(!flags("\"He hit me,\" Sam said.", RecordType::Contact, C));
        assert!(!flags("Leo told his key worker, \"Daddy pushed me.\"", RecordType::Contact, C));
        assert!(!flags("Sam said \"Dad hit me\" and then cried.", RecordType::Contact, C));
    }

    #[test]
    fn unquoted_or_apostrophes_are_fine() {
        assert!(!flags("Sam said Dad hit her on the arm.", RecordType::Contact, C));
        assert!(!flags("Dad's belt hit Sam's leg, and Sam's arm was bruised.", RecordType::Contact, C));
        assert!(!flags("The children's 'safe place' is their nan's house.", RecordType::Contact, C));
    }
}
