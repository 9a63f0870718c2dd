//! Sentence splitting.
//!
//! A sentence ends at `.`, `!` or `?` (or a run such as "?!" or "..."), optionally followed by
//! closing quotes or brackets, and then whitespace or the end of the text. A full stop does not
//! end a sentence when it belongs to:
//!
//! - a title: "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "St.", "Rev.", "Cllr." and similar;
//! - "e.g.", "i.e.", "cf.", "viz.", "approx.", "vs.", which cannot end a sentence;
//! - "etc." followed by a lowercase word ("etc. and then"); before a capital it does end one;
//! - "a.m."/"p.m." followed by a lowercase word or a digit;
//! - "no.", "s.", "ss.", "para.", "p.", "pp.", "ch.", "art.", "reg.", "sec." followed by a digit
//!   (section and page numbers: "s. 47"), and day and month abbreviations followed by a digit
//!   ("Mon. 4 March", "Sept. 2025");
//! - an initial or initialism: "J. Smith", "T.V. and", "U.K. Government";
//! - a short lowercase abbreviation followed by a lowercase word: three letters or fewer and not
//!   a common word, or up to five letters with no vowel ("appt. with", "5 ft. tall").
//!
//! Otherwise a full stop followed by a lowercase word still ends the sentence, because records
//! are often typed without care for capitals ("Mum seemed fine. dad disagreed.").
//!
//! A full stop with no space after it never ends a sentence, so numbers and dates ("3.5",
//! "12.03.2024"), section numbers ("s.47"), URLs and email addresses stay whole. An ellipsis
//! ("...", "…") ends a sentence only before a capital letter or at the end of a paragraph.
//! Closing punctuation after "?" or "!" followed by a lowercase word ("'Are you OK?' she asked")
//! does not end the sentence either.
//!
//! Line breaks. Records are often hard-wrapped, so a single line break usually continues the
//! sentence, even when the next line starts with a capital (a wrapped line may well start with a
//! name). A line break ends the sentence only when:
//!
//! - it starts a blank line (a paragraph break);
//! - the next line is a list item (starts with "-", "*", "•", "·", "–", or "1." / "1)" / "a)");
//! - this line is a list item and the next line starts with a capital or digit;
//! - this line is a heading or a field: it has no closing punctuation, the next line starts with
//!   a capital or a digit, and the line either ends with ":", is short (at most 60 bytes, much
//!   shorter than the lines of wrapped prose) or has the shape "Label: value" (a colon within its
//!   first 30 bytes), as in "Date and time: Tuesday 4 March 2025, 3.45pm". A line that ends with
//!   a comma or with a word that cannot end a sentence ("with", "and", "the", "to") continues.
//!
//! Quotations are not tracked: `"I like it. We bake."` is two sentences, as a reader would count
//! it. Treating a quotation as one sentence would turn a child's account of several sentences into
//! one very long "sentence" for the sentence-length rules.
//!
//! These are the sentences rules see. The readability formulas count sentences the way textstat
//! does instead (see [`crate::Metrics::of`]).
//!
//! Spans are trimmed of whitespace and never empty.

use super::Span;

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let mut start = 0;
    let mut i = 0;
    let n = bytes.len();
    let mut finder = CandidateFinder::default();
    while i < n {
        // Jump to the next byte that could end a sentence.
        let Some(at) = finder.next(bytes, i) else { break };
        i = at;
        match bytes[i] {
            b'\n' => {
                if line_break_ends(text, i) {
                    push_trimmed(text, start, i, &mut out);
                    start = i + 1;
                }
                i += 1;
            }
            b'.' | b'!' | b'?' => {
                let (end, next) = terminal_end(text, i);
                if end > i && ends_sentence(text, i, end, next) {
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
                i = end.max(i + 1);
            }
            _ => {
                // U+2026 HORIZONTAL ELLIPSIS (0xE2 0x80 0xA6).
                if bytes[i..].starts_with("\u{2026}".as_bytes()) {
                    let (end, next) = terminal_end(text, i);
                    if end > i && ellipsis_ends(text, next) {
                        push_trimmed(text, start, end, &mut out);
                        start = end;
                    }
                    i = end.max(i + 3);
                } else {
                    i += 1;
                }
            }
        }
    }
    push_trimmed(text, start, n, &mut out);
    out
}

/// Finds the next `.`, `!`, `?`, `\n` or lead byte of "…" at or after a position.
///
/// memchr handles three needles at a time, so the common marks and the rare ones are scanned
/// separately. Each scan's result is remembered until the position passes it: without that, a
/// text full of curly quotes (whose lead byte is the same as "…"'s) would rescan the rest of the
/// text for a full stop at every quote, which is quadratic.
#[derive(Default)]
struct CandidateFinder {
    /// Absolute offset of the next `.`, `\n` or `?` (or `None` if there is none), valid while the
    /// position is at or before it.
    common: Option<Option<usize>>,
    rare: Option<Option<usize>>,
}

impl CandidateFinder {
    fn next(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let common = Self::refresh(&mut self.common, from, || memchr::memchr3(b'.', b'\n', b'?', &bytes[from..]));
        let rare = Self::refresh(&mut self.rare, from, || memchr::memchr2(b'!', 0xE2, &bytes[from..]));
        match (common, rare) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Re-runs `scan` (relative to `from`) only if the remembered hit lies behind `from`.
    fn refresh(slot: &mut Option<Option<usize>>, from: usize, scan: impl FnOnce() -> Option<usize>) -> Option<usize> {
        match *slot {
            Some(Some(at)) if at >= from => Some(at),
            Some(None) => None,
            _ => {
                let found = scan().map(|off| from + off);
                *slot = Some(found);
                found
            }
        }
    }
}

/// From a terminal mark at `i`, consumes the run of marks and any closing quotes or brackets.
/// Returns the end of the sentence (exclusive) if whitespace or the end of text follows, else
/// `i` (no sentence end), and the byte offset of the first non-space character after it.
fn terminal_end(text: &str, i: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut j = i;
    // The run of marks: . ! ? and …
    loop {
        if j < n && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        } else if bytes[j..].starts_with("\u{2026}".as_bytes()) {
            j += 3;
        } else {
            break;
        }
    }
    // Closing quotes and brackets.
    loop {
        if j < n && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        } else if let Some(len) = closing_quote_len(&bytes[j..]) {
            j += len;
        } else {
            break;
        }
    }
    if j < n && !is_space_at(text, j) {
        return (i, j);
    }
    let mut k = j;
    while k < n && is_space_at(text, k) {
        k += text[k..].chars().next().map_or(1, char::len_utf8);
    }
    (j, k)
}

/// Length of a closing curly quote or guillemet at the start of `bytes`.
fn closing_quote_len(bytes: &[u8]) -> Option<usize> {
    ["\u{201D}", "\u{2019}", "\u{BB}"].iter().find(|q| bytes.starts_with(q.as_bytes())).map(|q| q.len())
}

#[inline]
fn is_space_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b < 0x80 { b.is_ascii_whitespace() } else { text[i..].chars().next().is_some_and(char::is_whitespace) }
}

/// The first character at `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// What starts the next sentence candidate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// End of text or a blank line.
    End,
    Upper,
    Lower,
    Digit,
    Other,
}

fn next_kind(text: &str, at: usize) -> Next {
    let Some(c) = char_at(text, at) else { return Next::End };
    // Skip opening quotes and brackets to see the first letter.
    let mut c = c;
    if matches!(c, '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{AB}') {
        match char_at(text, at + c.len_utf8()) {
            Some(d) => c = d,
            None => return Next::Other,
        }
    }
    if c.is_uppercase() {
        Next::Upper
    } else if c.is_lowercase() {
        Next::Lower
    } else if c.is_numeric() {
        Next::Digit
    } else {
        Next::Other
    }
}

/// Titles: never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "rev", "cllr", "sr", "jr", "hon", "fr", "sgt", "insp", "supt", "det",
    "pc",
];

/// Abbreviations that cannot end a sentence.
const NEVER_FINAL: &[&str] =
    &["e.g", "i.e", "eg", "ie", "cf", "viz", "approx", "vs", "incl", "esp", "inc", "dept", "ref", "tel", "est"];

/// Abbreviations that are followed by a number.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "s", "ss", "para", "paras", "p", "pp", "ch", "art", "reg", "sec", "vol", "fig", "ver", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Abbreviations that end a sentence only before a capital letter.
const OPEN_BEFORE_LOWER: &[&str] =
    &["etc", "a.m", "p.m", "am", "pm", "al", "yrs", "mins", "hrs", "wks", "mths", "approx"];

/// Whether the mark run at `i..end` (followed by whitespace, next text at `next`) ends a sentence.
fn ends_sentence(text: &str, i: usize, end: usize, next: usize) -> bool {
    let bytes = text.as_bytes();
    let marks = &text[i..end];
    let kind =
        if next >= text.len() || blank_line_between(bytes, end, next) { Next::End } else { next_kind(text, next) };
    if kind == Next::End {
        return true;
    }
    // An ellipsis run: ends only before a capital.
    if marks.starts_with("..") || marks.contains('\u{2026}') {
        return kind == Next::Upper || kind == Next::Digit;
    }
    let first = bytes[i];
    if first != b'.' {
        // "?"/"!" then closing quote then a lowercase word: reported speech continues.
        let quoted = marks.ends_with(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{BB}']);
        return !(quoted && kind == Next::Lower);
    }
    // A single full stop: look at the token before it.
    let token = token_before(text, i);
    if token.is_empty() {
        return true;
    }
    let quoted_close = end > i + 1;
    let lower = kind == Next::Lower;
    if quoted_close {
        // `."` then lowercase: "... 'I am fine.' she said": treat as continuing.
        return !lower;
    }
    if token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit()) && starts_line(text, i - token.len()) {
        // A list number: "1. Book the review".
        return false;
    }
    if is_one_of(token, TITLES) || is_one_of(token, NEVER_FINAL) {
        return false;
    }
    if kind == Next::Digit && is_one_of(token, BEFORE_NUMBER) {
        return false;
    }
    if (lower || kind == Next::Digit) && is_one_of(token, OPEN_BEFORE_LOWER) {
        return false;
    }
    if is_initials(token) {
        // "J. Smith", "T.V. and", "U.K. Government": a capital initial or dotted initialism.
        return false;
    }
    if lower && looks_abbreviated(token) {
        // An unknown short lowercase abbreviation before a lowercase word ("appt. with",
        // "wk. later"): continue.
        return false;
    }
    true
}

fn ellipsis_ends(text: &str, next: usize) -> bool {
    let bytes = text.as_bytes();
    next >= text.len() || matches!(next_kind(text, next), Next::Upper | Next::Digit | Next::End) || {
        let nl = bytes[..next].iter().rev().take_while(|b| b.is_ascii_whitespace()).filter(|&&b| b == b'\n').count();
        nl >= 2
    }
}

/// Whether the whitespace between `from` and `to` contains a blank line.
fn blank_line_between(bytes: &[u8], from: usize, to: usize) -> bool {
    bytes[from..to].iter().filter(|&&b| b == b'\n').count() >= 2
}

/// The word-ish token immediately before byte `i` (letters, digits and inner dots).
fn token_before(text: &str, i: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = i;
    while s > 0 {
        let b = bytes[s - 1];
        if b.is_ascii_alphanumeric() || b == b'.' {
            s -= 1;
        } else if b >= 0x80 {
            // Step back over a whole non-ASCII character if it is a letter.
            let mut k = s - 1;
            while k > 0 && !text.is_char_boundary(k) {
                k -= 1;
            }
            if char_at(text, k).is_some_and(char::is_alphanumeric) {
                s = k;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    text[s..i].trim_start_matches('.')
}

/// Whether only spaces come between the start of the line and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    text.as_bytes()[..at].iter().rev().take_while(|&&b| b != b'\n').all(|&b| b == b' ' || b == b'\t')
}

fn is_one_of(token: &str, list: &[&str]) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(token))
}

/// "J", "T.V", "U.K": single capital letters, dot-separated. "I" on its own is a pronoun.
fn is_initials(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() % 2 == 1
        && token != "I"
        && b.iter().enumerate().all(|(k, &c)| if k % 2 == 0 { c.is_ascii_uppercase() } else { c == b'.' })
}

/// A short lowercase token that is not a common word, or a short one with no vowel ("appt").
fn looks_abbreviated(token: &str) -> bool {
    let b = token.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    (b.len() <= 3 && !is_common_short_word(token))
        || (b.len() <= 5 && !b.iter().any(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')))
}

/// Short lowercase words that commonly end sentences ("to go.", "at me.", "was ok.").
fn is_common_short_word(token: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of",
        "ok", "on", "or", "so", "to", "up", "us", "we", "all", "and", "any", "are", "bad", "bed", "big", "but", "can",
        "car", "day", "did", "dog", "due", "end", "far", "few", "for", "fun", "get", "got", "had", "has", "her", "him",
        "his", "hot", "how", "its", "job", "let", "lot", "low", "man", "mum", "dad", "new", "nan", "not", "now", "off",
        "old", "one", "our", "out", "own", "put", "ran", "red", "run", "sad", "said", "saw", "say", "see", "set",
        "she", "sit", "six", "son", "ten", "the", "too", "top", "two", "use", "was", "way", "who", "why", "yes", "yet",
        "you", "tea", "toy", "mad", "ill", "won", "cat", "art", "pub", "gym", "bus", "van", "map", "cry", "try", "ago",
        "eat", "ate", "box", "cup", "key", "law", "leg", "arm", "eye", "ear", "fit", "lie", "pay", "fee", "sky", "sun",
        "war",
    ];
    WORDS.contains(&token)
}

/// Whether a single line break at `nl` ends the sentence (see the module docs).
fn line_break_ends(text: &str, nl: usize) -> bool {
    let bytes = text.as_bytes();
    // The current line.
    let line_start = memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |p| p + 1);
    let line = text[line_start..nl].trim();
    if line.is_empty() {
        return false;
    }
    // The next line.
    let rest = &text[nl + 1..];
    let next_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    let next = rest[..next_end].trim();
    if next.is_empty() {
        // A blank line (or the end of the text).
        return true;
    }
    if is_list_item(next) {
        return true;
    }
    let next_starts_sentence = next.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !next_starts_sentence {
        return false;
    }
    if is_list_item(line) {
        return true;
    }
    let last = line.as_bytes()[line.len() - 1];
    if matches!(last, b',' | b';' | b'-' | b'&' | b'(' | b'/') {
        return false;
    }
    if last == b':' {
        return true;
    }
    if ends_with_joining_word(line) {
        // "I spoke with\nMs Quill": a sentence cannot end on "with", "and", "the"...
        return false;
    }
    line.len() <= 60 || line.as_bytes()[..line.len().min(30)].contains(&b':')
}

/// Whether the last word of a line is one that cannot end a sentence.
fn ends_with_joining_word(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "with", "to", "of", "for", "in", "on", "at", "by", "from", "that", "her",
        "his", "my", "our", "their", "your", "its", "is", "was", "were", "are", "be", "as", "because", "if", "when",
        "who", "which", "about", "into", "than", "then", "so", "not", "very", "will", "would", "has", "had", "have",
    ];
    let word = line.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a (trimmed) line starts with a bullet or a list number.
fn is_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    if b.is_empty() {
        return false;
    }
    if matches!(b[0], b'-' | b'*' | b'+') {
        return b.len() == 1 || b[1] == b' ' || b[1] == b'\t';
    }
    if ["\u{2022}", "\u{B7}", "\u{2013}", "\u{25E6}", "\u{25AA}"].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    // "1." "12)" "a)" "(a)" "iv."
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 && b.len() > digits + 1 {
        return matches!(b[digits], b'.' | b')') && matches!(b[digits + 1], b' ' | b'\t');
    }
    if b.len() >= 3 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
        return true;
    }
    b.len() >= 4 && b[0] == b'(' && b[1].is_ascii_alphanumeric() && b[2] == b')' && b[3] == b' '
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let spans = sentences(text);
        for s in &spans {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(!s.is_empty());
        }
        spans.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("I visited. Pip was at home! Was Mum there? Yes."),
            ["I visited.", "Pip was at home!", "Was Mum there?", "Yes."]
        );
        assert_eq!(split("What?! No..."), ["What?!", "No..."]);
        assert_eq!(split("  no final stop  "), ["no final stop"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split("   \n\n  ").is_empty());
        assert_eq!(split("."), ["."]);
    }

    #[test]
    fn titles() {
        for t in ["Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Prof.", "Mx."] {
            let text = format!("I met {t} Quill at home. She was well.");
            assert_eq!(split(&text).len(), 2, "{text}");
        }
        assert_eq!(
            split("We walked to St. Mary's Church. It was shut."),
            ["We walked to St. Mary's Church.", "It was shut."]
        );
    }

    #[test]
    fn latin_abbreviations() {
        assert_eq!(split("Some worries, e.g. Pip's sleep, remain. Next step.").len(), 2);
        assert_eq!(split("Some worries, i.e. Pip's sleep, remain. Next step.").len(), 2);
        assert_eq!(split("Toys, books etc. were on the floor. Then we left.").len(), 2);
        assert_eq!(
            split("We talked about school, food etc. Then we left."),
            ["We talked about school, food etc.", "Then we left."]
        );
        assert_eq!(split("We stayed approx. three hours. Then we left.").len(), 2);
        assert_eq!(split("It took approx. 3 hours. Then we left.").len(), 2);
    }

    #[test]
    fn times() {
        assert_eq!(
            split("I arrived at 9 a.m. and left at 10 a.m. The house was quiet."),
            ["I arrived at 9 a.m. and left at 10 a.m.", "The house was quiet."]
        );
        assert_eq!(split("Between 9 a.m. 10 a.m. she slept.").len(), 1);
        assert_eq!(split("We met at 3 p.m. Pip was tired.").len(), 2);
    }

    #[test]
    fn sections_and_numbers() {
        assert_eq!(split("Enquiries under s.47 began. A s.17 assessment followed.").len(), 2);
        assert_eq!(split("Enquiries under s. 47 began. See no. 4 on the list. Done.").len(), 3);
        assert_eq!(split("The visit on 12.03.2024 went well. Pip weighed 3.5 kg. Fine.").len(), 3);
        assert_eq!(split("It happened in 2024. Then it stopped.").len(), 2);
        assert_eq!(split("We met on Mon. 4 March and Tues. 5 March. It went well.").len(), 2);
        assert_eq!(split("She is 14 yrs. old and 5 ft. tall. Fine.").len(), 2);
        assert_eq!(split("She said no. Then she left.").len(), 2);
        assert_eq!(split("Mum seemed fine. dad disagreed.").len(), 2);
    }

    #[test]
    fn initials_urls_and_emails() {
        assert_eq!(split("I spoke to J. Smith today. He agreed.").len(), 2);
        assert_eq!(split("We turned off the T.V. and talked. It helped.").len(), 2);
        assert_eq!(split("See www.example.org.uk/help for more. Email jo@example.org. Thanks.").len(), 3);
    }

    #[test]
    fn ellipsis_and_quotes() {
        assert_eq!(split("Playing ... games is fun. Yes.").len(), 2);
        assert_eq!(split("She paused... Then she spoke.").len(), 2);
        assert_eq!(split("She paused\u{2026} then she spoke.").len(), 1);
        assert_eq!(split("\"Are you OK?\" she asked. \"Yes.\" Pip smiled.").len(), 3);
        assert_eq!(split("Pip said, \u{201C}I like school.\u{201D} Then she ran.").len(), 2);
        assert_eq!(split("(This was new.) We moved on.").len(), 2);
    }

    #[test]
    fn paragraphs_and_lists() {
        assert_eq!(split("Home visit\n\nPip was well"), ["Home visit", "Pip was well"]);
        assert_eq!(
            split("Actions:\n- phone school\n- visit Pip\n1. book review\n2) write up"),
            ["Actions:", "- phone school", "- visit Pip", "1. book review", "2) write up"]
        );
        assert_eq!(split("\u{2022} first\n\u{2022} second").len(), 2);
        assert_eq!(split("- first item\nThe next paragraph starts here.").len(), 2);
    }

    #[test]
    fn wrapped_lines_continue() {
        let text = "I visited the family at home this afternoon and spoke with Ms\nQuill about the new routine for the mornings, which she said\nis working well.";
        assert_eq!(split(text).len(), 1);
        let text = "Home visit to Ms Ada Quill\nDate and time: Tuesday 4 March 2025, 3.45pm to 5.00pm and more text\nPresent: Ms Quill";
        assert_eq!(split(text).len(), 3);
        assert_eq!(split("We talked about school,\nFriends and food.").len(), 1);
        assert_eq!(split("I spoke with\nMs Quill today.").len(), 1);
        assert_eq!(split("Present:\nMs Quill and Pip").len(), 2);
    }

    #[test]
    fn unicode_does_not_panic() {
        let texts = [
            "Zoë said “I’m fine.” José agreed. 😀 Done! 你好。再见。",
            "Ça va? Oui… très bien.\u{2028}Next",
            "é.",
            "…",
            "\u{201D}.\u{201D} x",
            "a\u{2026}\u{2026}B",
            ".\n\n.",
            "Mr.",
            "?!\"\u{BB} \u{AB}A",
        ];
        for t in texts {
            let _ = split(t);
        }
        assert_eq!(split("Zoë said “I’m fine.” José agreed.").len(), 2);
    }
}
