//! `undefined-acronym`: an acronym not spelt out the first time it is used.
//!
//! An acronym is a token of two to six capital letters (with `&` between letters, as in "A&E",
//! and an optional plural "s"), standing alone as a word. Tokens with digits ("S47", postcodes)
//! are codes, not acronyms. An acronym counts as defined at its first use when it is written
//! "Words (ABC)" or "ABC (words)" with the initials of the words matching the letters, or next to
//! the expansion given in the `acronyms` list. Only the first use of each acronym is judged and
//! reported. Entries marked `exempt` (GP, NHS, TV...) never are; nor are all-capital heading
//! lines, shouted runs of more than three capital words, Roman numerals and common words written
//! in capitals ("NO", "STOP").

use std::collections::HashSet;

use super::did_not_attend_child::GENETIC;
use super::word_list::{in_quoted_speech, next_word};
use super::{Ctx, Findings};
use crate::catalogue::Category;
use crate::text::Span;

/// Longest acronym, in letters.
const MAX_LETTERS: usize = 6;

/// Ordinary words sometimes written in capitals for emphasis.
const SHOUTED_WORDS: &[&str] = &[
    "NO", "YES", "NOT", "STOP", "HELP", "AND", "THE", "OR", "BUT", "IS", "IN", "ON", "AT", "TO", "OF", "IF", "SO",
    "ME", "MY", "WE", "HE", "SHE", "BE", "DO", "GO", "UP", "NOTE", "NOW", "ALL", "NEVER", "ALWAYS", "DON'T", "WHY",
    "HATE", "LOVE", "MUM", "DAD", "NAN", "OUT", "AWAY", "GET", "URGENT", "OFF", "BAD", "SAD", "MAD", "OW", "OH", "HI",
    "BYE",
];

/// Words skipped when matching initials ("Child and Adolescent Mental Health Services").
const SMALL_WORDS: &[&str] = &["and", "of", "the", "for", "in", "to", "on", "with", "a", "an", "&", "or", "at", "by"];

pub(crate) fn check(cx: &Ctx<'_>, out: &mut Findings<'_>) {
    let text = cx.doc.text;
    // Distinct acronyms are few in a real record, but a hostile text may hold thousands: a set.
    let mut seen: HashSet<&str> = HashSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_uppercase() || is_word_char_before(text, i) {
            i += 1;
            continue;
        }
        let end = token_end(bytes, i);
        let span = Span::new(i, end);
        i = end.max(i + 1);
        if is_word_char_after(text, end) {
            continue;
        }
        let token = &text[span.range()];
        // Most capitalised words ("Mia", "The") have no second capital: skip them before hashing.
        if !token.as_bytes()[1..].iter().any(u8::is_ascii_uppercase) {
            continue;
        }
        let Some(key) = acronym_key(token, cx) else { continue };
        if seen.contains(key) {
            continue;
        }
        let entry = cx.doc.acronym(key);
        if entry.is_some_and(|e| e.exempt) || (entry.is_none() && (is_roman(key) || SHOUTED_WORDS.contains(&key))) {
            continue;
        }
        // "DNA test": the genetic sense, which every reader knows.
        if key == "DNA" && next_word(text, span.end).is_some_and(|w| GENETIC.iter().any(|g| w.eq_ignore_ascii_case(g)))
        {
            continue;
        }
        if in_capitals_context(text, span) || in_quoted_speech(text, span.start) {
            continue;
        }
        seen.insert(key);
        let expansion = entry.and_then(|e| e.suggestion.as_deref());
        if is_defined(text, span, key, expansion) {
            continue;
        }
        let mut message = format!("\"{key}\" is not spelt out the first time it is used");
        if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
            message.push_str("; ");
            message.push_str(note);
        }
        let suggestion = match expansion {
            Some(x) => format!("{x} ({key})"),
            None => format!("write the words in full, then \"({key})\""),
        };
        out.emit(
            Category::UndefinedAcronym,
            "",
            Span::new(span.start, span.start + key.len()),
            message,
            Some(suggestion),
        );
    }
}

/// The end of a run of ASCII letters and digits, with `&` allowed between letters.
fn token_end(bytes: &[u8], start: usize) -> usize {
    let mut j = start;
    while j < bytes.len() {
        let b = bytes[j];
        let amp = b == b'&'
            && j > start
            && bytes[j - 1].is_ascii_uppercase()
            && bytes.get(j + 1).is_some_and(u8::is_ascii_uppercase);
        if b.is_ascii_alphanumeric() || amp {
            j += 1;
        } else {
            break;
        }
    }
    j
}

fn is_word_char_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '&')
}

fn is_word_char_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '&')
}

/// The acronym a token stands for (without a plural "s"), if it is one.
fn acronym_key<'t>(token: &'t str, cx: &Ctx<'_>) -> Option<&'t str> {
    if cx.doc.acronym(token).is_some() {
        return Some(token);
    }
    let base = token.strip_suffix('s').unwrap_or(token);
    let b = base.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let all_caps = b.iter().all(|c| c.is_ascii_uppercase() || *c == b'&');
    (all_caps && (2..=MAX_LETTERS).contains(&letters)).then_some(base)
}

fn is_roman(token: &str) -> bool {
    token.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// Whether the token is in a heading line written in capitals, or in a run of more than three
/// capitalised words (shouting).
fn in_capitals_context(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |p| span.end + p);
    let line = &text[line_start..line_end];
    if line.len() > 300 {
        // A paragraph, not a heading: look only at the neighbouring words.
        return caps_run(text, span) > 3;
    }
    let words = line.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic));
    let (mut n, mut lower) = (0, false);
    for w in words {
        n += 1;
        lower |= w.chars().any(char::is_lowercase);
    }
    (n >= 2 && !lower) || caps_run(text, span) > 3
}

/// The number of consecutive all-capital words (of two or more letters) around the token.
fn caps_run(text: &str, span: Span) -> usize {
    let is_caps = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '\'' || c == '&');
    let mut run = 1;
    let before = &text[floor_boundary(text, span.start.saturating_sub(200))..span.start];
    for w in before.split_whitespace().rev() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !is_caps(w) {
            break;
        }
        run += 1;
    }
    let end = (span.end + 200).min(text.len());
    let mut end = end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for w in text[span.end..end].split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !is_caps(w) {
            break;
        }
        run += 1;
    }
    run
}

/// Whether the acronym at `span` is spelt out right there: "words (ABC)" or "ABC (words)".
fn is_defined(text: &str, span: Span, key: &str, expansion: Option<&str>) -> bool {
    let letters: Vec<u8> = key.bytes().filter(u8::is_ascii_alphabetic).map(|b| b.to_ascii_lowercase()).collect();
    // "words (ABC)"
    let before = text[..span.start].trim_end();
    let after = text[span.end..].trim_start_matches(['s', '\'']);
    if let Some(words_before) = before.strip_suffix('(')
        && after.starts_with(')')
    {
        let words_before = words_before.trim_end();
        if expansion.is_some_and(|x| ends_with_ignore_case(words_before, x)) {
            return true;
        }
        let start = floor_boundary(words_before, words_before.len().saturating_sub(200));
        let mut rev_letters = letters.clone();
        rev_letters.reverse();
        if initials_match(&rev_letters, split_words(&words_before[start..]).rev()) {
            return true;
        }
    }
    // "ABC (words)"
    if let Some(inside) = after.trim_start().strip_prefix('(') {
        let close = inside.find(')').unwrap_or(inside.len());
        let inside = &inside[..floor_boundary(inside, close.min(200))];
        if expansion.is_some_and(|x| starts_with_ignore_case(inside.trim_start(), x)) {
            return true;
        }
        if initials_match(&letters, split_words(inside)) {
            return true;
        }
    }
    false
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn split_words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '\'')).filter(|w| !w.is_empty())
}

/// Matches `letters` (in the order the words come) against the first letters of `words`, skipping
/// small words that do not match. For "words (ABC)" both run backwards.
fn initials_match<'w>(letters: &[u8], words: impl Iterator<Item = &'w str>) -> bool {
    let mut need = letters.iter().peekable();
    for w in words {
        let Some(&&want) = need.peek() else { return true };
        if w.bytes().next().map(|b| b.to_ascii_lowercase()) == Some(want) {
            need.next();
        } else if !SMALL_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s)) {
            return false;
        }
    }
    need.peek().is_none()
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, flags, matched};
    use crate::{Category, RecordType};

    const C: Category = Category::UndefinedAcronym;

    #[test]
    fn flags_first_undefined_use_with_expansion() {
        let text = "Sam is on a CP plan. The CP plan is working. CAMHS will see him.";
        assert_eq!(matched(text, RecordType::Contact, C), ["CP", "CAMHS"]);
        let f = findings(text, RecordType::Contact, C);
        assert_eq!(f[0].suggestion.as_deref(), Some("child protection (CP)"));
        assert_eq!(f[1].suggestion.as_deref(), Some("Child and Adolescent Mental Health Services (CAMHS)"));
    }

    #[test]
    fn defined_at_first_use_is_fine() {
        assert!(!flags("Sam is on a child protection (CP) plan. The CP plan is working.", RecordType::Contact, C));
        assert!(!flags("Sam has a CP (child protection) plan. The CP plan is working.", RecordType::Contact, C));
        assert!(!flags(
            "Child and Adolescent Mental Health Services (CAMHS) saw him. CAMHS will write.",
            RecordType::Contact,
            C
        ));
        assert!(!flags("The special educational needs co-ordinator (SENCO) came.", RecordType::Contact, C));
        assert!(!flags("Looked after children (LAC) reviews. Team Around the Child (TAC).", RecordType::Contact, C));
        assert!(!flags("The Multi-Agency Safeguarding Hub (MASH) met.", RecordType::Contact, C));
        assert!(!flags("The Widget Review Group (WRG) met. The WRG agreed.", RecordType::Contact, C));
        assert!(!flags("Her EHCP (Education, Health and Care Plan) was agreed.", RecordType::Contact, C));
    }

    #[test]
    fn defined_later_is_still_flagged_once() {
        let text = "The IRO called. The IRO wrote. The independent reviewing officer (IRO) agreed.";
        assert_eq!(matched(text, RecordType::Contact, C), ["IRO"]);
    }

    #[test]
    fn unknown_acronyms_are_flagged_without_expansion() {
        let f = findings("The WRG met today.", RecordType::Contact, C);
        assert_eq!(f.len(), 1);
        assert!(f[0].suggestion.as_deref().unwrap().contains("(WRG)"));
    }

    #[test]
    fn plurals_and_ampersands() {
        assert_eq!(matched("Two ICPCs were held.", RecordType::Contact, C), ["ICPC"]);
        assert!(!flags("She went to A&E on Friday.", RecordType::Contact, C));
    }

    #[test]
    fn exempt_and_not_acronyms() {
        let text = "Her GP and the NHS helped. I saw Sam. A visit. Part II and IV. Section S47 applies. \
                    PC Amy Ross came. He got his GCSEs. Postcode AB12 3CD.";
        assert!(!flags(text, RecordType::Contact, C));
    }

    #[test]
    fn headings_and_shouting() {
        assert!(!flags("HOME VISIT RECORD\nSam was well.", RecordType::Contact, C));
        assert!(!flags("Dad shouted GET OUT OF MY HOUSE at me.", RecordType::Contact, C));
        assert!(!flags("Sam said NO and left.", RecordType::Contact, C));
        assert!(!flags("Sam said, \"The SENCO is nice.\"", RecordType::Contact, C));
    }

    #[test]
    fn dna_is_spelt_out_unless_genetic() {
        assert!(flags("Leo was marked DNA.", RecordType::Contact, C));
        assert!(!flags("A DNA test showed Mr Marsh is the father.", RecordType::Contact, C));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = format!("CP ({})", "é".repeat(150));
        let _ = findings(&long, RecordType::Contact, C);
        for t in ["(", "ABC (", ") ABC", "é (ABC)", "(ABC", "ABC ()", "AB\u{2019}s", "x&Y&Z", "&&", "Ü AB ü"] {
            let _ = findings(t, RecordType::Contact, C);
        }
    }
}
