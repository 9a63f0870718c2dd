//! People: names with titles, names from the shipped lists, names found by context, and every
//! later mention of a name once it is known in the document.
//!
//! Three passes over the words of the text, each linear:
//! 1. **Evidence.** A capitalised word is a name if a title comes before it ("Ms Yusuf"), it is
//!    in the name lists, it stands in a run of capitalised words with a listed name ("Zula
//!    Kertzmann"), the context says so ("her son Omar", "Gran, Edna,", "Braxton (6)",
//!    "Kezia said", a "Present:" line), or it is an unknown capitalised word in mid-sentence
//!    (recall first: "told me that Jayden"). Words that are never names alone (Mum, Gran,
//!    Monday, Council, London) need a title or a relationship word before them. Names that are
//!    also everyday words (Grace, Will, Green) need evidence at the start of a sentence.
//!    An unknown, un-English word opening a sentence before a lower-case word is a name too
//!    ("Jaxtyn went home"), as is "Abernathy, Rilynn" and a listed first name in capitals before
//!    another word in capitals ("PIP QUILL"). `english-words.txt` and common suffixes ("-tion",
//!    "-ly") keep ordinary capitalised words visible.
//! 2. **Spreading.** Every capitalised (or all-capitals) occurrence of a word found in pass 1
//!    is a mention too, wherever it stands.
//! 3. **Mentions, keys and roles.** Adjacent name words (with a title and initials) make one
//!    mention; the possessive "'s" stays outside the span so the label reads "Child A's".
//!    Full names key themselves ("amy smith"); a lone first name or surname joins the one full
//!    name it belongs to, when there is exactly one; "Ms Smith" joins a full name with that
//!    surname that is not a child's. The role comes from the words around any mention of the
//!    person: "her son X", "X (6)", "X, aged 9", "X's school" → child; "mother, X", "X (Amy's
//!    mother)" → mother; "Dr X", "X, social worker" → professional; Mr/Ms with nothing more →
//!    adult; otherwise no role (labelled as an adult). A specific role anywhere beats "adult".

mod lists;
mod tokens;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::entity::{Candidate, EntityKind, Role};
use lists::{Lower, is_ambiguous, is_first, is_not_name, is_surname, surname_shaped, title_role};

const FIRST: u8 = 1;
const SUR: u8 = 2;
const AMBIGUOUS: u8 = 4;
const NOT_NAME: u8 = 8;
const SHAPED: u8 = 16;
const TITLE: u8 = 32;
const ENGLISH: u8 = 64;
use tokens::{Tok, tokenize};

pub(crate) fn find(text: &str, out: &mut Vec<Candidate>) {
    let toks = tokenize(text);
    if toks.is_empty() {
        return;
    }
    let lowers: Vec<Option<Lower>> = toks.iter().map(|t| t.cap.then(|| Lower::new(t.base(text)))).collect();
    let flags: Vec<u8> =
        toks.iter().zip(&lowers).map(|(t, l)| l.as_ref().map_or(0, |l| classify(l.as_str(), t.base(text)))).collect();
    let low = Low(&lowers, &flags);
    let mut name = vec![false; toks.len()];
    evidence(text, &toks, &low, &mut name);
    surname_comma_first(text, &toks, &low, &mut name);
    spread(text, &toks, &low, &mut name);
    mentions(text, &toks, &low, &name, out);
}

/// Is the gap between words `i` and `i + 1` plain spaces (no punctuation, no line break)?
fn joined(text: &str, toks: &[Tok], i: usize) -> bool {
    let (a, b) = (&toks[i], &toks[i + 1]);
    a.end == a.base_end && text[a.end..b.start].bytes().all(|c| c == b' ' || c == b'\t') && a.end < b.start
}

/// The lower-case text of an uncapitalised word (for context words), or of any word.
fn word_is(text: &str, t: &Tok, words: &[&str]) -> bool {
    let w = &text[t.start..t.end];
    words.iter().any(|x| x.eq_ignore_ascii_case(w))
}

const CHILD_WORDS: &[&str] = &[
    "son",
    "daughter",
    "child",
    "baby",
    "boy",
    "girl",
    "grandson",
    "granddaughter",
    "stepson",
    "stepdaughter",
    "brother",
    "sister",
    "sibling",
    "twin",
    "nephew",
    "niece",
    "toddler",
    "infant",
    "newborn",
];
const MOTHER_WORDS: &[&str] = &["mother", "mum", "mam", "mummy", "mom", "stepmother", "stepmum", "mother's"];
const FATHER_WORDS: &[&str] = &["father", "dad", "daddy", "stepfather", "stepdad", "da"];
const GRAND_WORDS: &[&str] = &[
    "gran",
    "granny",
    "nan",
    "nana",
    "nanna",
    "grandmother",
    "grandma",
    "grandad",
    "granddad",
    "grandfather",
    "grandpa",
];
const PRO_WORDS: &[&str] = &[
    "worker",
    "visitor",
    "teacher",
    "headteacher",
    "head",
    "nurse",
    "doctor",
    "gp",
    "midwife",
    "officer",
    "manager",
    "senco",
    "therapist",
    "psychologist",
    "psychiatrist",
    "paediatrician",
    "consultant",
    "keyworker",
    "practitioner",
    "solicitor",
    "advocate",
    "chair",
    "supervisor",
    "constable",
    "sergeant",
    "detective",
    "inspector",
    "coordinator",
    "lead",
    "assistant",
    "mentor",
    "counsellor",
    "dentist",
    "optician",
    "reviewing",
    "iro",
];
const ADULT_WORDS: &[&str] = &[
    "partner",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "fiancé",
    "fiance",
    "uncle",
    "aunt",
    "auntie",
    "aunty",
    "cousin",
    "friend",
    "neighbour",
    "carer",
    "lodger",
    "ex",
    "ex-partner",
    "landlord",
    "landlady",
];
const NAMING_WORDS: &[&str] = &["called", "named", "nicknamed", "aka"];
const SPEECH_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "explained",
    "reported",
    "stated",
    "asked",
    "disclosed",
    "shared",
    "replied",
    "agreed",
    "confirmed",
    "described",
    "mentioned",
    "added",
    "was",
    "is",
    "has",
    "had",
    "did",
    "does",
    "will",
    "would",
    "can",
    "could",
    "and",
    "went",
    "came",
    "wanted",
    "looked",
    "seemed",
    "appeared",
    "attended",
];
const PLACE_WORDS: &[&str] =
    &["in", "at", "from", "to", "near", "into", "via", "of", "the", "a", "an", "st", "saint", "on"];

static ROLE_WORDS: LazyLock<HashMap<&'static str, Role, BuildHasherDefault<lists::Fnv>>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for (words, role) in [
        (ADULT_WORDS, Role::Adult),
        (PRO_WORDS, Role::Professional),
        (GRAND_WORDS, Role::Grandparent),
        (FATHER_WORDS, Role::Father),
        (MOTHER_WORDS, Role::Mother),
        (CHILD_WORDS, Role::Child),
    ] {
        for w in words {
            m.insert(*w, role);
        }
    }
    m
});

fn role_of_word(text: &str, t: &Tok) -> Option<Role> {
    let w = &text[t.start..t.end];
    if w.len() > 14 {
        return None;
    }
    ROLE_WORDS.get(Lower::new(w).as_str()).copied()
}

/// Is there a relationship or naming word right before word `i` ("son Omar", "Gran, Edna")?
fn relation_before(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = &toks[i - 1];
    let gap = &text[p.end..toks[i].start];
    if gap.len() > 3 || gap.contains('\n') || !gap.bytes().all(|c| c == b' ' || c == b',') {
        return false;
    }
    role_of_word(text, p).is_some() || word_is(text, p, NAMING_WORDS)
}

/// The char boundary at or before byte `i` (or the end of the text).
fn floor(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An age or "said" after word `i`: "Braxton (6)", "Nevaeh, aged 4", "Kezia said".
fn cue_after(text: &str, toks: &[Tok], i: usize) -> bool {
    let rest = &text.as_bytes()[toks[i].end..];
    let bytes = &rest[..rest.len().min(12)];
    let skip = bytes.iter().take_while(|&&c| c == b' ' || c == b',' || c == b'(').count();
    let after = &bytes[skip..];
    if skip > 0 && after.first().is_some_and(u8::is_ascii_digit) && (bytes.contains(&b'(') || bytes.contains(&b',')) {
        return true;
    }
    if after.len() >= 3 && (after[..3].eq_ignore_ascii_case(b"age")) && skip > 0 {
        return true;
    }
    toks.get(i + 1).is_some_and(|n| {
        !n.cap && text[toks[i].end..n.start].bytes().all(|c| c == b' ') && word_is(text, n, &SPEECH_WORDS[..16])
    })
}

fn month(lower: &str) -> bool {
    matches!(lower, "may" | "june" | "april" | "august" | "march" | "july" | "january")
}

/// A month name next to a number is a date, not a name ("4 May", "May 2025").
fn dated(text: &str, t: &Tok) -> bool {
    let before = text[..t.start].trim_end_matches(' ');
    let after = text[t.end..].trim_start_matches(' ');
    before.bytes().last().is_some_and(|c| c.is_ascii_digit())
        || after.bytes().next().is_some_and(|c| c.is_ascii_digit())
}

/// Lines that list the people present: every capitalised word on them is a name.
fn list_line_ends(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i];
    if !t.line || !word_is(text, t, &["present", "attendees", "attended", "attendance", "apologies", "in", "invited"]) {
        return None;
    }
    let line_end = text[t.end..].find('\n').map_or(text.len(), |n| t.end + n);
    let head = &text[t.start..line_end];
    let colon = head.find(':')?;
    let label = head[..colon].to_ascii_lowercase();
    let ok = matches!(label.trim(), "present" | "attendees" | "attended" | "in attendance" | "apologies" | "invited");
    ok.then_some(line_end)
}

fn evidence(text: &str, toks: &[Tok], low: &Low, name: &mut [bool]) {
    let n = toks.len();
    let mut list_until = 0;
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if let Some(end) = list_line_ends(text, toks, i) {
            list_until = end;
        }
        // Single letters are initials at most (and the letters of labels: "Child B").
        if !t.cap || t.base_end - t.start == 1 {
            i += 1;
            continue;
        }
        let l = low.at(i);
        // A title and the capitalised words after it.
        if low.is(i, TITLE) {
            let mut j = i + 1;
            while j < n
                && j <= i + 3
                && toks[j].cap
                && (if j == i + 1 {
                    title_gap(text, toks, i)
                } else {
                    joined(text, toks, j - 1) || initial_gap(text, toks, j - 1)
                })
            {
                if toks[j].end - toks[j].start == 1 || !low.is(j, NOT_NAME) || j > i + 1 {
                    name[j] = toks[j].end - toks[j].start != 1;
                }
                if toks[j].possessive() {
                    break;
                }
                j += 1;
            }
            i += 1;
            continue;
        }
        if t.all_caps && t.base_end - t.start > 1 || low.is(i, NOT_NAME) || after_saint(text, toks, i) {
            let first_before_name = low.is(i, FIRST)
                && i + 1 < n
                && joined(text, toks, i)
                && toks[i + 1].cap
                && !toks[i + 1].all_caps
                && !low.is(i + 1, NOT_NAME)
                && (!low.is(i + 1, AMBIGUOUS) || low.is(i + 1, SUR));
            // "PIP QUILL" in a heading: a listed first name in capitals before another word in capitals.
            let caps_name = t.all_caps
                && t.base_end - t.start >= 3
                && low.is(i, FIRST)
                && !low.is(i, NOT_NAME | AMBIGUOUS)
                && i + 1 < n
                && toks[i + 1].all_caps
                && toks[i + 1].base_end - toks[i + 1].start >= 2
                && joined(text, toks, i)
                && !low.is(i + 1, NOT_NAME | ENGLISH);
            if caps_name {
                name[i] = true;
                name[i + 1] = true;
                i += 2;
                continue;
            }
            if (relation_before(text, toks, i) && (!low.is(i, NOT_NAME) || low.is(i, FIRST)) || first_before_name)
                && !dated(text, t)
                && !t.all_caps
            {
                name[i] = true;
            }
            i += 1;
            continue;
        }
        if month(l) && dated(text, t) {
            i += 1;
            continue;
        }
        let listed = low.is(i, FIRST | SUR | SHAPED);
        let cue = relation_before(text, toks, i) || cue_after(text, toks, i) || t.start < list_until;
        let run = in_run_with_name(text, toks, low, i);
        let ambiguous = low.is(i, AMBIGUOUS);
        let mid = !t.sent;
        let place = i > 0 && !toks[i - 1].cap && word_is(text, &toks[i - 1], PLACE_WORDS);
        name[i] = if cue || run || (listed && !ambiguous) {
            true
        } else {
            (mid && !place
                && (ambiguous || (t.base_end - t.start > 1 && !low.is(i, ENGLISH)))
                && !run_has_not_name(text, toks, low, name, i))
                || opens_with_unknown(text, toks, low, i)
        };
        i += 1;
    }
}

/// An unknown, un-English capitalised word opening a sentence, followed by a lower-case word:
/// "Jaxtyn went home." Generated and rare names are often in no list.
fn opens_with_unknown(text: &str, toks: &[Tok], low: &Low, i: usize) -> bool {
    let t = &toks[i];
    t.sent
        && !t.all_caps
        && t.base_end - t.start >= 3
        && !low.is(i, FIRST | SUR | AMBIGUOUS | NOT_NAME | ENGLISH | TITLE)
        && toks.get(i + 1).is_some_and(|n| !n.cap && (t.possessive() || joined(text, toks, i)))
}

/// "Abernathy, Rilynn": an unknown word opening a line or sentence, then a comma and a name.
fn surname_comma_first(text: &str, toks: &[Tok], low: &Low, name: &mut [bool]) {
    for i in 0..toks.len().saturating_sub(1) {
        let t = &toks[i];
        if t.sent
            && t.cap
            && !name[i]
            && !t.all_caps
            && t.base_end - t.start >= 3
            && !low.is(i, AMBIGUOUS | NOT_NAME | ENGLISH | TITLE)
            && name[i + 1]
            && &text[t.end..toks[i + 1].start] == ", "
        {
            name[i] = true;
        }
    }
}

fn title_gap(text: &str, toks: &[Tok], i: usize) -> bool {
    let g = &text[toks[i].end..toks[i + 1].start];
    !g.is_empty() && g.len() <= 3 && g.bytes().all(|c| c == b' ' || c == b'.')
}

/// "J. Smith", "J Smith": the gap after a single capital letter.
fn initial_gap(text: &str, toks: &[Tok], i: usize) -> bool {
    toks[i].end - toks[i].start == 1 && title_gap(text, toks, i)
}

fn after_saint(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0 && word_is(text, &toks[i - 1], &["st", "saint"]) && !text[toks[i - 1].end..toks[i].start].contains('\n')
}

/// Is word `i` part of a capitalised phrase with a word that is never a name ("Elm Tree Medical
/// Practice", "Health Visiting Service")? Titles do not count.
fn run_has_not_name(text: &str, toks: &[Tok], low: &Low, name: &[bool], i: usize) -> bool {
    // A word opening the sentence ("Later Amadou came") is not part of the phrase.
    let bad = |j: usize| toks[j].cap && !toks[j].sent && !name[j] && low.is(j, NOT_NAME) && !low.is(j, TITLE);
    let mut a = i;
    while a > 0 && a + 4 > i && toks[a - 1].cap && joined(text, toks, a - 1) {
        a -= 1;
        if bad(a) {
            return true;
        }
    }
    let mut b = i;
    while b + 1 < toks.len() && b < i + 4 && joined(text, toks, b) && toks[b + 1].cap {
        b += 1;
        if bad(b) {
            return true;
        }
    }
    false
}

/// Is word `i` in a run of two or more capitalised words, one of them a listed name and none
/// of them a word that is never a name ("Ruby Lannock", but not "Child Protection Plan")?
fn in_run_with_name(text: &str, toks: &[Tok], low: &Low, i: usize) -> bool {
    let ok = |j: usize| toks[j].cap && !toks[j].all_caps && !low.is(j, NOT_NAME) && !low.is(j, TITLE);
    let mut a = i;
    while a > 0 && a + 3 > i && ok(a - 1) && joined(text, toks, a - 1) {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < toks.len() && b < i + 3 && joined(text, toks, b) && ok(b + 1) {
        b += 1;
    }
    if a == b {
        return false;
    }
    // The run stops at a word that is never a name: "Riverside Primary School" is a place.
    if b + 1 < toks.len() && toks[b + 1].cap && joined(text, toks, b) {
        return false;
    }
    // Two or three unknown capitalised words together are a name too ("Zula Kertzmann"), unless
    // one of them is an everyday word.
    (a..=b).any(|j| low.is(j, FIRST | SUR | SHAPED) && !low.is(j, AMBIGUOUS))
        || (b - a < 3 && (a..=b).all(|j| !low.is(j, AMBIGUOUS | ENGLISH)))
}

/// Every capitalised occurrence of a word known to be a name is a mention.
fn spread(text: &str, toks: &[Tok], low: &Low, name: &mut [bool]) {
    let mut known: lists::FastSet<&str> = lists::FastSet::default();
    for (i, &is) in name.iter().enumerate() {
        if is {
            known.insert(low.at(i));
        }
    }
    if known.is_empty() {
        return;
    }
    for (i, t) in toks.iter().enumerate() {
        if !name[i]
            && t.cap
            && t.base_end - t.start > 1
            && known.contains(low.at(i))
            && !(month(low.at(i)) && dated(text, t))
            && !after_saint(text, toks, i)
        {
            name[i] = true;
        }
    }
}

/// The lower-case forms of the capitalised words ("" for the others).
struct Low<'a>(&'a [Option<Lower>], &'a [u8]);

impl<'a> Low<'a> {
    fn at(&self, i: usize) -> &'a str {
        self.0[i].as_ref().map_or("", Lower::as_str)
    }

    /// Does capitalised word `i` have any of these list flags?
    fn is(&self, i: usize, flag: u8) -> bool {
        self.1[i] & flag != 0
    }
}

/// The lists a capitalised word is in, looked up once.
fn classify(lower: &str, word: &str) -> u8 {
    let mut f = 0;
    if is_first(lower) {
        f |= FIRST;
    }
    if is_surname(lower) {
        f |= SUR;
    }
    if is_ambiguous(lower) {
        f |= AMBIGUOUS;
    }
    if is_not_name(lower) {
        f |= NOT_NAME;
    }
    if surname_shaped(word) {
        f |= SHAPED;
    }
    if title_role(word).is_some() {
        f |= TITLE;
    }
    if f & (FIRST | SUR | AMBIGUOUS | NOT_NAME) == 0 && lists::is_english(lower) {
        f |= ENGLISH;
    }
    f
}

struct Mention {
    start: usize,
    end: usize,
    /// Lower-case name words, without title or initials.
    words: Vec<String>,
    title: Option<String>,
    role: Option<Role>,
}

fn is_initial(text: &str, toks: &[Tok], i: usize, name: &[bool]) -> bool {
    let t = &toks[i];
    if t.end - t.start != 1 || !t.cap || i + 1 >= toks.len() {
        return false;
    }
    let gap = &text[t.end..toks[i + 1].start];
    let dotted = gap.starts_with('.');
    let w = &text[t.start..t.end];
    if (w == "I" || w == "A") && !dotted {
        return false;
    }
    gap.len() <= 2
        && gap.bytes().all(|c| c == b' ' || c == b'.')
        && (name[i + 1] || is_initial(text, toks, i + 1, name) && i + 2 < toks.len())
}

fn mentions(text: &str, toks: &[Tok], low: &Low, name: &[bool], out: &mut Vec<Candidate>) {
    let n = toks.len();
    let mut ms: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        let titled = low.is(i, TITLE) && i + 1 < n && title_gap(text, toks, i) && starts_name(text, toks, i + 1, name);
        if !(titled || name[i] || is_initial(text, toks, i, name)) {
            i += 1;
            continue;
        }
        let start = t.start;
        let mut title = None;
        let mut words = Vec::new();
        let mut j = i;
        if titled {
            title = Some(t.base(text).trim_end_matches('.').to_string());
            j += 1;
        }
        let mut end;
        loop {
            if name[j] {
                words.push(low.at(j).to_string());
            }
            end = toks[j].base_end;
            if toks[j].possessive() || j + 1 >= n {
                break;
            }
            let next_ok = (name[j + 1] && (joined(text, toks, j) || is_initial(text, toks, j, name)))
                || (is_initial(text, toks, j + 1, name) && (joined(text, toks, j) || initial_gap(text, toks, j)));
            if !next_ok {
                break;
            }
            j += 1;
        }
        if !words.is_empty() {
            let role = mention_role(text, toks, i, j, title.as_deref());
            ms.push(Mention { start, end, words, title, role });
        }
        i = j + 1;
    }
    keys_and_roles(ms, out);
}

fn starts_name(text: &str, toks: &[Tok], i: usize, name: &[bool]) -> bool {
    name[i] || is_initial(text, toks, i, name)
}

/// The role the words around a mention (tokens `i..=j`) give it.
fn mention_role(text: &str, toks: &[Tok], i: usize, j: usize, title: Option<&str>) -> Option<Role> {
    let role = context_role(text, toks, i, j, title);
    // A courtesy title or an adult's age overrides a child cue: "his sister Ms Fay Dorran".
    match role {
        Some(Role::Child) if title.is_some() || adult_age(text, toks[j].end) => Some(Role::Adult),
        None if title.is_none() && child_hint(text, toks, j) => Some(Role::Child),
        r => r,
    }
}

/// "(34)", ", aged 34": an age of 18 or more right after the name.
fn adult_age(text: &str, at: usize) -> bool {
    let rest = &text[at..floor(text, at + 14)];
    let digits: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && !c.is_alphabetic() || *c == 'a' || *c == 'g' || *c == 'e' || *c == 'd')
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u32>().is_ok_and(|n| n >= 18)
}

/// A weak sign of a child: "his father", "her school" within a few words after the name.
fn child_hint(text: &str, toks: &[Tok], j: usize) -> bool {
    let window = &toks[j + 1..toks.len().min(j + 8)];
    window.windows(2).any(|w| {
        word_is(text, &w[0], &["his", "her"])
            && word_is(
                text,
                &w[1],
                &[
                    "father", "mother", "father's", "mother's", "mum", "dad", "parents", "school", "nursery",
                    "teacher", "class",
                ],
            )
    }) && !text[toks[j].end..window.last().map_or(toks[j].end, |t| t.start)].contains(['.', '\n'])
}

fn context_role(text: &str, toks: &[Tok], i: usize, j: usize, title: Option<&str>) -> Option<Role> {
    if let Some(t) = title
        && title_role(t) == Some(true)
    {
        return Some(Role::Professional);
    }
    // Before: "her son Omar", "mother, Ms Smith", "social worker Sam Reed".
    if i > 0 {
        let p = &toks[i - 1];
        let gap = &text[p.end..toks[i].start];
        if gap.len() <= 3
            && !gap.contains('\n')
            && gap.bytes().all(|c| c == b' ' || c == b',' || c == b':')
            && let Some(r) = role_of_word(text, p)
        {
            return Some(r);
        }
    }
    let last = &toks[j];
    // Possessive: "Amy's school", "Amy's mother" → Amy is a child.
    if last.possessive()
        && let Some(n) = toks.get(j + 1)
        && word_is(
            text,
            n,
            &[
                "school",
                "nursery",
                "teacher",
                "class",
                "mother",
                "mum",
                "father",
                "dad",
                "gran",
                "nan",
                "brother",
                "sister",
                "bedroom",
                "cot",
                "toys",
                "birthday",
                "grandmother",
                "grandfather",
                "siblings",
                "parents",
            ],
        )
    {
        return Some(Role::Child);
    }
    // After: "(6)", "(aged 6)", ", aged 9", "(mother)", "(Pip's mother)", ", social worker".
    let rest = &text[last.end..];
    let b = rest.as_bytes();
    let skip = b.iter().take_while(|&&c| c == b' ').count();
    if let Some(&open) = b.get(skip)
        && (open == b'(' || open == b',' || open == b'-')
    {
        let clause_start = last.end + skip + 1;
        let clause_len =
            text[clause_start..].find([')', ',', '.', '\n', ';']).unwrap_or(text.len() - clause_start).min(40);
        let clause_len = floor(text, clause_start + clause_len) - clause_start;
        let clause = text[clause_start..clause_start + clause_len].trim();
        if clause.bytes().next().is_some_and(|c| c.is_ascii_digit())
            || clause.starts_with("aged")
            || clause.starts_with("age ")
            || clause.starts_with("DOB")
            || clause.starts_with("born")
        {
            return Some(Role::Child);
        }
        let words: Vec<&Tok> =
            toks[j + 1..].iter().take_while(|t| t.end <= clause_start + clause_len).take(4).collect();
        if let Some(last_word) = words.last()
            && words.len() <= 3
            && let Some(r) = role_of_word(text, last_word)
        {
            return Some(r);
        }
    }
    title.map(|_| Role::Adult)
}

fn keys_and_roles(ms: Vec<Mention>, out: &mut Vec<Candidate>) {
    // Full names, indexed by their first and last words.
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut full: Vec<String> = Vec::new();
    let mut full_index: HashMap<String, usize> = HashMap::new();
    let mut full_title: Vec<Option<&str>> = Vec::new();
    for m in ms.iter().filter(|m| m.words.len() >= 2) {
        let key = m.words.join(" ");
        if let Some(&k) = full_index.get(&key) {
            if full_title[k].is_none() {
                full_title[k] = m.title.as_deref();
            }
        } else {
            full_title.push(m.title.as_deref());
            full_index.insert(key.clone(), full.len());
            let k = full.len();
            full.push(key);
            if let Some(f) = m.words.first() {
                push_unique(by_first.entry(f).or_default(), k);
            }
            if let Some(l) = m.words.last() {
                push_unique(by_last.entry(l).or_default(), k);
            }
        }
    }
    // Roles of full names from their own mentions (to keep "Ms Quill" off a child's name).
    let mut full_role: HashMap<&str, Role> = HashMap::new();
    for m in ms.iter().filter(|m| m.words.len() >= 2) {
        if let Some(r) = m.role {
            full_role.entry(full[full_index[&m.words.join(" ")]].as_str()).or_insert(r);
        }
    }
    let unique = |v: Option<&Vec<usize>>| v.filter(|v| v.len() == 1).map(|v| v[0]);
    let keys: Vec<String> = ms
        .iter()
        .map(|m| {
            if m.words.len() >= 2 {
                return m.words.join(" ");
            }
            let w = m.words[0].as_str();
            if let Some(title) = &m.title {
                let same: Vec<usize> = by_last.get(w).into_iter().flatten().copied().collect();
                let pick = |keep: &dyn Fn(usize) -> bool| {
                    let v: Vec<usize> = same.iter().copied().filter(|&k| keep(k)).collect();
                    (v.len() == 1).then(|| v[0])
                };
                let found = pick(&|k| full_title[k] == Some(title.as_str()))
                    .or_else(|| pick(&|k| full_title[k].is_some_and(|t| title_class(t) == title_class(title))))
                    .or_else(|| pick(&|k| full_role.get(full[k].as_str()).is_some_and(|r| *r != Role::Child)));
                if let Some(k) = found {
                    return full[k].clone();
                }
                return format!("{} {w}", title_class(title));
            }
            if let Some(k) = unique(by_first.get(w)).or_else(|| unique(by_last.get(w))) {
                return full[k].clone();
            }
            w.to_string()
        })
        .collect();
    // One role per person: the first specific role any mention gives, else "adult".
    let mut role: HashMap<&str, Role> = HashMap::new();
    for (m, k) in ms.iter().zip(&keys) {
        if let Some(r) = m.role {
            match role.get(k.as_str()) {
                Some(Role::Adult) | None => {
                    role.insert(k, r);
                }
                Some(_) => {}
            }
        }
    }
    for (m, k) in ms.iter().zip(&keys) {
        out.push(Candidate {
            kind: EntityKind::Person,
            start: m.start,
            end: m.end,
            key: k.clone(),
            role: role.get(k.as_str()).copied(),
        });
    }
}

fn push_unique(v: &mut Vec<usize>, k: usize) {
    if !v.contains(&k) {
        v.push(k);
    }
}

/// "Mrs", "Ms" and "Miss" may be the same woman; other titles key as they are.
fn title_class(title: &str) -> String {
    match title {
        "Mrs" | "Ms" | "Miss" | "MRS" | "MS" | "MISS" => "ms".into(),
        t => t.to_lowercase(),
    }
}

#[cfg(test)]
mod tests;
