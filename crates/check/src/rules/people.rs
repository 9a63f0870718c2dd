//! Who a record is talking about: which names belong to children and which to adults, and who
//! is mentioned in a sentence, in order. Shared by the child-centred rules (`child-seen-unclear`,
//! `missing-child-voice`).
//!
//! Records use first names ("I saw Amy"), so a rule cannot tell a child from an adult by the
//! word lists alone. [`People::learn`] reads the cues practitioners write anyway:
//!
//! - an age after a name: "Amy (6)", "Amy Lee (aged 6)", "Amy, aged 6", "Amy (18 months)";
//! - a child word before names: "her daughter Amy", "the children, Amy and Ben";
//! - a possessive with a child's things or people: "Amy's school", "Amy's mum";
//! - for adults, a title ("Ms Kay Stone", "Dr Ray Finch") or a role after the name
//!   ("Sam Reed, social worker", "Jane Holt (team manager)"), or a role word before it
//!   ("her grandmother Pearl").
//!
//! An age or a child word is strong evidence and wins over an adult cue; a possessive is weak and
//! loses to one (adults have mothers too). Only the first name of a run ("Amy" in "Amy Lee") is
//! taken as a child's name, because surnames are shared with parents.

use std::collections::HashSet;

use crate::document::{Document, Sentence};
use crate::lexicon::{Hit, List};
use crate::text::Span;

/// The kind of person a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// A child: a child word or a learnt child's name.
    Child,
    /// An adult other than the writer: a parent, relative or professional.
    Adult,
    /// The writer: "I", "me", "we", "us".
    Worker,
    /// He, she, they and their object forms, resolved by [`resolve`].
    Pronoun,
}

/// One mention of a person in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Where it is.
    pub span: Span,
    /// Who it is.
    pub who: Who,
}

#[derive(Debug, Default)]
struct Name<'t> {
    text: &'t str,
    child_strong: bool,
    child_weak: bool,
    adult: bool,
    /// Age in months, when written next to the name.
    age_months: Option<u32>,
}

/// The names a record uses, learnt from the record itself.
#[derive(Debug, Default)]
pub(crate) struct People<'t> {
    names: Vec<Name<'t>>,
    /// Lone capitalised words seen inside a sentence: probably first names, of unknown age.
    lone_names: HashSet<&'t str>,
    /// Whether any child's name was learnt.
    has_children: bool,
    /// Regions inside quotation marks: someone's own words, not the writer's.
    quotes: Vec<Span>,
}

/// Nouns that, after a possessive name, show the name is a child's ("Amy's school").
const CHILD_THINGS: &[&str] = &[
    "school",
    "nursery",
    "teacher",
    "class",
    "classroom",
    "mum",
    "mummy",
    "mother",
    "dad",
    "daddy",
    "father",
    "parents",
    "grandmother",
    "grandma",
    "gran",
    "nan",
    "grandfather",
    "grandad",
    "bedroom",
    "cot",
    "toys",
    "views",
    "wishes",
    "key",
    "carer",
    "carers",
    "attendance",
    "homework",
    "birthday",
    "nappy",
    "school's",
    "nursery's",
    "headteacher",
    "childminder",
    "health",
    "development",
    "plan",
    "review",
    "brother",
    "sister",
    "siblings",
    "baby",
];

/// Words that are capitalised but are not names.
fn not_a_name(word: &str) -> bool {
    matches!(
        word,
        "I" | "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "They"
            | "We"
            | "It"
            | "His"
            | "Her"
            | "Their"
            | "My"
            | "Our"
            | "This"
            | "That"
            | "When"
            | "Present"
            | "Date"
            | "Time"
            | "Purpose"
            | "Mum"
            | "Dad"
            | "Mummy"
            | "Daddy"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Easter"
            | "Christmas"
    )
}

impl<'t> People<'t> {
    /// Learns the names in `doc`.
    pub(crate) fn learn(doc: &Document<'t>) -> People<'t> {
        let mut people = People {
            names: Vec::new(),
            lone_names: HashSet::new(),
            has_children: false,
            quotes: quote_regions(doc.text),
        };
        // Names never run across sentences, so every search stays inside one sentence.
        for sentence in &doc.sentences {
            let words = doc.sentence_words(sentence);
            let hits = &doc.hits[sentence.hits.clone()];
            people.learn_sentence(doc.text, doc, words, hits);
        }
        people.has_children = people.names.iter().any(|n| n.child_strong || (n.child_weak && !n.adult));
        people
    }

    fn learn_sentence(&mut self, text: &'t str, doc: &Document<'t>, words: &[Span], hits: &[Hit]) {
        // Ages and roles after names.
        for (i, w) in words.iter().enumerate() {
            let word = w.of(text);
            if !is_name_like(word) {
                continue;
            }
            let (base, possessive) = strip_possessive(word);
            if i > 0 && is_lone(text, words, i) {
                self.lone_names.insert(base);
            }
            let after = &text.as_bytes()[w.end..];
            if possessive {
                if let Some(next) = words.get(i + 1) {
                    let next_word = next.of(text);
                    if next.start <= w.end + 2 && CHILD_THINGS.iter().any(|t| t.eq_ignore_ascii_case(next_word)) {
                        self.note(base).child_weak = true;
                    }
                }
                continue;
            }
            if let Some(months) = age_after(after) {
                let first = first_of_run(text, words, i);
                let name = self.note(words[first].of(text));
                name.child_strong = true;
                name.age_months = Some(name.age_months.map_or(months, |m| m.min(months)));
                continue;
            }
            if role_after(doc, hits, w.end) {
                let first = first_of_run(text, words, i);
                for w in &words[first..=i] {
                    self.note(w.of(text)).adult = true;
                }
            }
        }

        // Names after titles, role words and child words.
        for hit in hits.iter().filter(|h| h.list == List::AdultRefs) {
            let title = doc.entry(hit).tag.as_deref() == Some("title");
            if possessive_at(text, hit.span.end) {
                continue;
            }
            let mut k = words.partition_point(|w| w.start < hit.span.end);
            let mut prev_end = hit.span.end;
            let mut taken = 0;
            while let Some(next) = words.get(k) {
                let gap = &text.as_bytes()[prev_end..next.start];
                let gap_ok =
                    if taken == 0 { gap_is(gap, if title { b" ." } else { b" ,:" }) } else { gap_is(gap, b" ") };
                let word = next.of(text);
                if !gap_ok || !is_name_like(word) || (!title && taken == 0 && is_title(doc, hits, next.start)) {
                    break;
                }
                self.note(strip_possessive(word).0).adult = true;
                taken += 1;
                prev_end = next.end;
                k += 1;
                if !title || taken == 3 {
                    break;
                }
            }
        }
        for hit in hits.iter().filter(|h| is_child_hit(doc, h)) {
            let mut k = words.partition_point(|w| w.start < hit.span.end);
            let mut prev_end = hit.span.end;
            let mut taken = 0;
            while let Some(next) = words.get(k) {
                let gap = &text.as_bytes()[prev_end..next.start];
                let word = next.of(text);
                if word == "and" && taken > 0 && gap_is(gap, b" ,") {
                    prev_end = next.end;
                    k += 1;
                    continue;
                }
                if !gap_is(gap, b" ,:") || !is_name_like(word) || is_title(doc, hits, next.start) {
                    break;
                }
                self.note(strip_possessive(word).0).child_strong = true;
                taken += 1;
                prev_end = next.end;
                k += 1;
                // Skip a surname: "the children, Amy Lee and Ben Lee".
                if let Some(sur) = words.get(k)
                    && gap_is(&text.as_bytes()[prev_end..sur.start], b" ")
                    && is_name_like(sur.of(text))
                {
                    prev_end = sur.end;
                    k += 1;
                }
                if taken == 6 {
                    break;
                }
            }
        }
    }

    fn note(&mut self, text: &'t str) -> &mut Name<'t> {
        let at = match self.names.iter().position(|n| n.text == text) {
            Some(at) => at,
            None => {
                self.names.push(Name { text, ..Name::default() });
                self.names.len() - 1
            }
        };
        &mut self.names[at]
    }

    fn name(&self, word: &str) -> Option<&Name<'t>> {
        self.names.iter().find(|n| n.text == word)
    }

    /// Whether `word` (without any possessive ending) is a child's name.
    pub(crate) fn is_child_name(&self, word: &str) -> bool {
        self.name(word).is_some_and(|n| n.child_strong || (n.child_weak && !n.adult))
    }

    /// Whether `word` is an adult's name.
    pub(crate) fn is_adult_name(&self, word: &str) -> bool {
        self.name(word).is_some_and(|n| n.adult && !n.child_strong)
    }

    /// A first name the record gives no cue about ("I saw Sophie") is taken to be a child's when
    /// the record names no child by any cue: a contact note that never says who the child is
    /// usually calls them by their first name. Once a child is known ("Sophie (6)"), other
    /// unknown names are taken to be adults (brothers and sisters are usually introduced as such:
    /// "her brother Sam").
    ///
    /// `speaks` says the word is followed by a voice verb ("Sharon said"), which shows it is a
    /// person even at the start of a sentence.
    fn unknown(&self, text: &str, words: &[Span], i: usize, speaks: bool) -> Option<Who> {
        if !is_lone(text, words, i) {
            return None;
        }
        let (base, possessive) = strip_possessive(words[i].of(text));
        if possessive || !(speaks || self.lone_names.contains(base)) {
            return None;
        }
        Some(if self.has_children { Who::Adult } else { Who::Child })
    }

    /// The age in months of the youngest child whose age is written next to their name.
    pub(crate) fn youngest_months(&self) -> Option<u32> {
        self.names.iter().filter(|n| n.child_strong).filter_map(|n| n.age_months).min()
    }

    /// Whether byte `at` is inside quotation marks.
    pub(crate) fn in_quote(&self, at: usize) -> bool {
        in_spans(&self.quotes, at)
    }

    /// The people mentioned in `sentence`, in order, outside quotation marks. Possessives
    /// ("Amy's school", "Mum's flat") are not mentions of the person: they are about something
    /// of theirs.
    pub(crate) fn mentions(&self, doc: &Document<'_>, sentence: &Sentence, out: &mut Vec<Mention>) {
        out.clear();
        let text = doc.text;
        for hit in &doc.hits[sentence.hits.clone()] {
            let who = match hit.list {
                List::ChildRefs if is_child_hit(doc, hit) => Who::Child,
                List::AdultRefs => Who::Adult,
                _ => continue,
            };
            if possessive_at(text, hit.span.end) || self.in_quote(hit.span.start) {
                continue;
            }
            out.push(Mention { span: hit.span, who });
        }
        let words = doc.sentence_words(sentence);
        let hits = &doc.hits[sentence.hits.clone()];
        let speaks = |hits: &[Hit], at: usize| {
            let i = hits.partition_point(|h| h.span.start < at);
            hits[i..].iter().take_while(|h| h.span.start == at).any(|h| h.list == List::VoiceCues)
        };
        for (i, w) in words.iter().enumerate() {
            let word = w.of(text);
            let who = match word {
                "I" | "me" | "we" | "We" | "us" => Who::Worker,
                "he" | "He" | "she" | "She" | "they" | "They" | "him" | "Him" | "her" | "Her" | "them" => Who::Pronoun,
                _ if is_name_like(word) => {
                    if self.is_child_name(word) {
                        Who::Child
                    } else if self.is_adult_name(word) {
                        Who::Adult
                    } else if let Some(who) = self.unknown(text, words, i, speaks(hits, w.end + 1)) {
                        who
                    } else {
                        continue;
                    }
                }
                _ => continue,
            };
            if self.in_quote(w.start) || out.iter().any(|m| m.span.start <= w.start && w.end <= m.span.end) {
                continue;
            }
            out.push(Mention { span: *w, who });
        }
        out.sort_unstable_by_key(|m| m.span.start);
    }
}

/// The subject a sentence hands on to the next one for its pronouns: its first child or adult
/// mention, or, when it has none, the one it was handed.
pub(crate) fn carry(mentions: &[Mention], previous: Option<Who>) -> Option<Who> {
    mentions.iter().find(|m| matches!(m.who, Who::Child | Who::Adult)).map(|m| m.who).or(previous)
}

/// How many sentences back a pronoun may look for the person it refers to.
const CARRY_BACK: usize = 3;

impl People<'_> {
    /// The subject handed on to sentence `si` for its pronouns: the first child or adult mentioned
    /// in the nearest of the [`CARRY_BACK`] sentences before it that mentions one. Rules call this
    /// only for the sentences they look at, so most sentences are never read for people.
    pub(crate) fn carried_into(&self, doc: &Document<'_>, si: usize, buf: &mut Vec<Mention>) -> Option<Who> {
        for back in (si.saturating_sub(CARRY_BACK)..si).rev() {
            self.mentions(doc, &doc.sentences[back], buf);
            if let Some(who) = carry(buf, None) {
                return Some(who);
            }
        }
        None
    }
}

/// Who mention `i` refers to: pronouns take the nearest child or adult mentioned before them in
/// the sentence, else the subject carried over from the sentence before.
pub(crate) fn resolve(mentions: &[Mention], i: usize, carried: Option<Who>) -> Option<Who> {
    match mentions[i].who {
        Who::Pronoun => {
            mentions[..i].iter().rev().find(|m| matches!(m.who, Who::Child | Who::Adult)).map(|m| m.who).or(carried)
        }
        who => Some(who),
    }
}

/// Who is doing the verb at byte `at`: the nearest mention before it, resolved; for a verb just
/// after a quotation (`"I'm hungry," said Amy`), the first mention just after it.
pub(crate) fn actor(text: &str, mentions: &[Mention], at: usize, carried: Option<Who>) -> Option<Who> {
    let before = mentions.partition_point(|m| m.span.start < at);
    let after_quote = text[..at].trim_end_matches([' ', ',']).ends_with(['"', '\u{201D}']);
    if after_quote {
        let first = mentions[before..].first().filter(|m| m.span.start <= at + 24)?;
        return resolve(mentions, before, carried).filter(|_| first.who != Who::Worker);
    }
    if before > 0 {
        return resolve(mentions, before - 1, carried);
    }
    None
}

/// Whether a child-refs hit refers to a child (and is not a service such as "children's services").
pub(crate) fn is_child_hit(doc: &Document<'_>, hit: &Hit) -> bool {
    hit.list == List::ChildRefs && doc.entry(hit).tag.as_deref() != Some("not-child")
}

fn is_title(doc: &Document<'_>, hits: &[Hit], at: usize) -> bool {
    let i = hits.partition_point(|h| h.span.start < at);
    hits[i..]
        .iter()
        .take_while(|h| h.span.start == at)
        .any(|h| h.list == List::AdultRefs && doc.entry(h).tag.as_deref() == Some("title"))
}

/// Whether the text at `at` is a possessive ending: `'s` or `’s` (or a bare apostrophe after a plural).
pub(crate) fn possessive_at(text: &str, at: usize) -> bool {
    let rest = &text.as_bytes()[at..];
    rest.starts_with(b"'s") || rest.starts_with("\u{2019}s".as_bytes()) || rest.starts_with(b"' ")
}

fn strip_possessive(word: &str) -> (&str, bool) {
    for end in ["'s", "\u{2019}s"] {
        if let Some(base) = word.strip_suffix(end) {
            return (base, true);
        }
    }
    (word, false)
}

/// A capitalised word that could be a name: "Amy", "O'Neill", not "GP" or "I".
fn is_name_like(word: &str) -> bool {
    let Some(&b) = word.as_bytes().first() else { return false };
    if b.is_ascii() && !b.is_ascii_uppercase() {
        return false;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.any(char::is_lowercase)
        && !not_a_name(strip_possessive(word).0)
}

/// Whether word `i` is a capitalised word on its own: neither neighbour is capitalised
/// ("Sophie", not "Hillside High School" or "Universal Credit").
fn is_lone(text: &str, words: &[Span], i: usize) -> bool {
    let touching = |a: Span, b: Span| gap_is(&text.as_bytes()[a.end..b.start], b" ");
    let prev = i.checked_sub(1).map(|p| words[p]).filter(|p| touching(*p, words[i]) && is_name_like(p.of(text)));
    let next = words.get(i + 1).filter(|n| touching(words[i], **n) && is_name_like(n.of(text)));
    prev.is_none() && next.is_none()
}

/// The first word of a run of capitalised words ending at word `i` ("Amy" for "Amy Lee").
fn first_of_run(text: &str, words: &[Span], i: usize) -> usize {
    let mut first = i;
    while first > 0 && i - first < 3 {
        let prev = words[first - 1];
        if !gap_is(&text.as_bytes()[prev.end..words[first].start], b" ") || !is_name_like(prev.of(text)) {
            break;
        }
        first -= 1;
    }
    first
}

/// Whether every byte of `gap` is one of `allowed`.
fn gap_is(gap: &[u8], allowed: &[u8]) -> bool {
    gap.iter().all(|b| allowed.contains(b))
}

/// An age written just after a name: " (6)", " (aged 6)", ", aged 6", " aged 6", " (18 months)".
/// Returns the age in months.
fn age_after(after: &[u8]) -> Option<u32> {
    let rest = if let Some(r) = after.strip_prefix(b" (") {
        strip_word(r, b"aged ").or_else(|| strip_word(r, b"age ")).unwrap_or(r)
    } else {
        after.strip_prefix(b", aged ").or_else(|| after.strip_prefix(b" aged "))?
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = rest[..digits].iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    let unit = rest[digits..].strip_prefix(b" ").unwrap_or(&rest[digits..]);
    let months = unit.len() >= 5 && unit[..5].eq_ignore_ascii_case(b"month");
    let weeks = unit.len() >= 4 && unit[..4].eq_ignore_ascii_case(b"week");
    Some(if months {
        n
    } else if weeks {
        n / 4
    } else {
        n.saturating_mul(12)
    })
}

fn strip_word<'a>(s: &'a [u8], word: &[u8]) -> Option<&'a [u8]> {
    (s.len() >= word.len() && s[..word.len()].eq_ignore_ascii_case(word)).then(|| &s[word.len()..])
}

/// A role just after a name: ", social worker" or " (team manager)".
fn role_after(doc: &Document<'_>, hits: &[Hit], end: usize) -> bool {
    let after = &doc.text.as_bytes()[end..];
    let skip = if after.starts_with(b", ") || after.starts_with(b" (") { 2 } else { return false };
    let at = end + skip;
    let i = hits.partition_point(|h| h.span.start < at);
    hits[i..]
        .iter()
        .take_while(|h| h.span.start == at)
        .any(|h| h.list == List::AdultRefs && doc.entry(h).tag.as_deref() != Some("title"))
}

/// Whether byte `at` lies inside one of `spans` (sorted, not overlapping).
pub(crate) fn in_spans(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|q| q.end <= at);
    i < spans.len() && spans[i].start <= at
}

/// The regions of `text` inside double quotation marks (straight or curly). An unclosed quotation
/// ends at the end of its line, so a stray mark cannot swallow the record.
pub(crate) fn quote_regions(text: &str) -> Vec<Span> {
    const OPEN: &[u8] = "\u{201C}".as_bytes();
    const CLOSE: &[u8] = "\u{201D}".as_bytes();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for i in memchr::memchr3_iter(b'"', 0xE2, b'\n', bytes) {
        let rest = &bytes[i..];
        if rest[0] == b'"' {
            match open.take() {
                Some(s) => out.push(Span::new(s, i + 1)),
                None => open = Some(i),
            }
        } else if rest[0] == b'\n' {
            if let Some(s) = open.take() {
                out.push(Span::new(s, i));
            }
        } else if rest.starts_with(OPEN) {
            open = Some(open.unwrap_or(i));
        } else if rest.starts_with(CLOSE)
            && let Some(s) = open.take()
        {
            out.push(Span::new(s, i + CLOSE.len()));
        }
    }
    if let Some(s) = open {
        out.push(Span::new(s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn with_people(text: &str, f: impl FnOnce(&Document<'_>, &People<'_>)) {
        let doc = Document::new(text, Config::shared_default().lexicon());
        let people = People::learn(&doc);
        f(&doc, &people);
    }

    #[test]
    fn learns_children_from_ages() {
        with_people("Amy (6) and Ben Lee (aged 3) live with Ms Lee. Cara, aged 14, was at school.", |_, p| {
            assert!(p.is_child_name("Amy"));
            assert!(p.is_child_name("Ben"));
            assert!(p.is_child_name("Cara"));
            assert!(!p.is_child_name("Lee"));
            assert!(p.is_adult_name("Lee"));
            assert_eq!(p.youngest_months(), Some(36));
        });
        with_people("Home visit to see Rosa Diaz (9 months).", |_, p| assert_eq!(p.youngest_months(), Some(9)));
    }

    #[test]
    fn learns_children_from_child_words_and_possessives() {
        with_people("I met her daughter Amy and the children, Ben, Cal and Dee. Eve's school phoned.", |_, p| {
            for name in ["Amy", "Ben", "Cal", "Dee", "Eve"] {
                assert!(p.is_child_name(name), "{name}");
            }
        });
    }

    #[test]
    fn learns_adults_from_titles_and_roles() {
        with_people(
            "Ms Kay Stone's mother rang. Sam Reed, social worker, and Jane Holt (team manager) met her grandmother Pearl.",
            |_, p| {
                for name in ["Kay", "Stone", "Sam", "Reed", "Jane", "Holt", "Pearl"] {
                    assert!(p.is_adult_name(name), "{name}");
                    assert!(!p.is_child_name(name), "{name}");
                }
            },
        );
    }

    #[test]
    fn mentions_skip_possessives_and_quotes() {
        with_people("Amy (6) said, \"Mum is sad.\" Amy's teacher told me.", |doc, p| {
            let mut out = Vec::new();
            p.mentions(doc, &doc.sentences[0], &mut out);
            assert_eq!(out.iter().map(|m| m.who).collect::<Vec<_>>(), [Who::Child]);
            let last = doc.sentences.last().unwrap();
            p.mentions(doc, last, &mut out);
            assert_eq!(out.iter().map(|m| m.who).collect::<Vec<_>>(), [Who::Adult, Who::Worker]);
        });
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(text in "[A-Za-zÉé' \"“”’(),.:0-9\n-]{0,120}") {
            for t in crate::RecordType::ALL {
                let _ = crate::check(&text, t, Config::shared_default());
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "\"", "Amy (", "Amy (aged", "Ms", "É (5) said “é", "the children, and", "Ms Ü’s"] {
            with_people(text, |doc, p| {
                let mut out = Vec::new();
                for s in &doc.sentences {
                    p.mentions(doc, s, &mut out);
                }
            });
        }
    }
}
