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
pub(super) mod tokens;

use std::sync::LazyLock;

use crate::entity::{Candidate, EntityKind, Role};
use lists::{
    AMBIGUOUS, ENGLISH, FIRST, FastMap, NEVER, NOT_NAME, SHAPED, STREET, SUFFIX, SUR, TITLE, is_particle,
    surname_shaped, title_role,
};
use tokens::{Tok, tokenize};

/// A lower-case name particle ("van", "de", "bin"), or a capitalised one opening a sentence.
const PARTICLE: u16 = 1 << 12;
/// A capitalised particle in mid-sentence ("Da Silva").
const CAP_PARTICLE: u16 = 1 << 13;

/// Finds the people in `text`, then hands `then` the words of the text (as the tokenizer split
/// them) for another detector to read. A text without a capital letter has no names, and no
/// capitalised words for `then`: it gets no words.
pub(crate) fn find(text: &str, out: &mut Vec<Candidate>, then: impl FnOnce(&[Tok], &mut Vec<Candidate>)) {
    // No capital letter, no name.
    if !text.bytes().any(|b| b.is_ascii_uppercase() || b >= 0xC0) {
        then(&[], out);
        return;
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            find_with(text, &mut scratch, out);
            then(&scratch.toks, out);
            scratch.trim();
        }
        Err(_) => {
            let mut scratch = Scratch::new();
            find_with(text, &mut scratch, out);
            then(&scratch.toks, out);
        }
    });
}

/// The detector's per-text tables, kept from one text to the next on a thread: for a short
/// record, allocating them afresh cost more than some of the passes that read them.
struct Scratch {
    toks: Vec<Tok>,
    low: Low,
    name: Vec<bool>,
    /// `pair[i]`: words `i` and `i + 1` are one name across a comma ("GÜNTHER, Alycia").
    pair: Vec<bool>,
    known: Vec<(u64, u32)>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            toks: Vec::new(),
            low: Low {
                lower: String::new(),
                spans: Vec::new(),
                flags: Vec::new(),
                hashes: Vec::new(),
                cache: WordCache::new(),
            },
            name: Vec::new(),
            pair: Vec::new(),
            known: Vec::new(),
        }
    }

    /// Lets go of tables grown for an unusually long text, so a thread does not keep them.
    fn trim(&mut self) {
        if self.toks.capacity() > 1 << 16 {
            *self = Scratch::new();
        }
    }
}

/// What the people detector knows of a capitalised word, whatever its context, kept from one text
/// to the next: a record's second reading, and the next record, use mostly the same words. Each
/// word (as written) is lower-cased, hashed and looked up in the lists once, then found here by
/// the hash of its text and confirmed by comparing the text.
struct WordCache {
    /// Each word as written, then lower-cased, one after another.
    words: String,
    /// By hash of the word as written: where it and its lower-case form are in `words`.
    map: lists::FastMap<u64, Known>,
}

#[derive(Clone, Copy)]
struct Known {
    /// The word as written: `words[at..lower]`; lower-cased: `words[lower..end]`.
    at: u32,
    lower: u32,
    end: u32,
    /// [`word_hash`] of the lower-case form.
    hash: u64,
    /// The list flags, with [`SHAPED`] and [`TITLE`], which depend on how the word is written.
    flags: u16,
    /// The lower-case form is a name particle.
    particle: bool,
}

impl WordCache {
    const fn new() -> WordCache {
        WordCache { words: String::new(), map: lists::FastMap::with_hasher(std::hash::BuildHasherDefault::new()) }
    }

    /// What is known of `word` (capitalised), if it is here or can be kept here.
    fn get(&mut self, word: &str) -> Option<Known> {
        // Offsets must stay below [`CACHED`] (lower-casing may triple a word's length).
        if self.words.len() + 4 * word.len() >= CACHED as usize {
            return None;
        }
        let key = word_hash(word);
        if let Some(k) = self.map.get(&key) {
            // Another word with the same hash: worked out by the caller, not kept.
            return (&self.words[k.at as usize..k.lower as usize] == word).then_some(*k);
        }
        let at = self.words.len();
        self.words.push_str(word);
        let lower_at = self.words.len();
        lists::push_lower(word, &mut self.words);
        let lower = &self.words[lower_at..];
        let mut flags = lists::lookup(lower);
        if surname_shaped(word) {
            flags |= SHAPED;
        }
        if title_role(word).is_some() {
            flags |= TITLE;
        }
        let k = Known {
            at: at as u32,
            lower: lower_at as u32,
            end: self.words.len() as u32,
            hash: word_hash(lower),
            flags,
            particle: is_particle(lower),
        };
        self.map.insert(key, k);
        Some(k)
    }

    /// Starts again once it holds more words than a thread should keep.
    fn bound(&mut self) {
        if self.words.len() > 1 << 20 || self.map.len() > 1 << 15 {
            self.words.clear();
            self.map.clear();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Scratch::new()) };
}

fn find_with(text: &str, scratch: &mut Scratch, out: &mut Vec<Candidate>) {
    let Scratch { toks, low, name, pair, known } = scratch;
    tokenize(text, toks);
    if toks.is_empty() {
        return;
    }
    low.fill(text, toks);
    after_labels(text, toks, low);
    name.clear();
    name.resize(toks.len(), false);
    pair.clear();
    pair.resize(toks.len(), false);
    let toks: &[Tok] = toks;
    evidence(text, toks, low, name);
    surname_comma_first(text, toks, low, name);
    caps_surname_first(text, toks, low, name, pair);
    spread(text, toks, low, name, known);
    // Spreading again finds something only if `neighbours` found a name: with the same names
    // known, every word it could mark was marked by the first spread.
    if neighbours(text, toks, low, name) {
        spread(text, toks, low, name, known);
    }
    particles(text, toks, low, name);
    mentions(text, toks, low, name, pair, out);
}

/// Is the gap between words `i` and `i + 1` plain spaces (no punctuation, no line break)?
#[inline]
fn joined(text: &str, toks: &[Tok], i: usize) -> bool {
    let (a, b) = (&toks[i], &toks[i + 1]);
    a.end == a.base_end && a.end < b.start && text.as_bytes()[a.end..b.start].iter().all(|&c| c == b' ' || c == b'\t')
}

/// The lower-case text of an uncapitalised word (for context words), or of any word.
///
/// Compared as bytes (as `str::eq_ignore_ascii_case` does), lengths first: most context words
/// differ from every listed word in length.
#[inline]
fn word_is(text: &str, t: &Tok, words: &[&str]) -> bool {
    let w = &text.as_bytes()[t.start..t.end];
    words.iter().any(|x| x.len() == w.len() && x.as_bytes().eq_ignore_ascii_case(w))
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
/// Verbs of speaking: "told me that Jayden", "Jayden said".
const SPEECH_WORDS: &[&str] = &[
    "&str] = &[",
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
];
const PLACE_WORDS: &[&str] =
    &["in", "at", "from", "to", "near", "into", "via", "of", "the", "a", "an", "st", "saint", "on"];

/// Every relationship and role word, for the lexicon's [`lists::NEVER`] flag.
const ROLE_LIST: [&[&str]; 6] = [ADULT_WORDS, PRO_WORDS, GRAND_WORDS, FATHER_WORDS, MOTHER_WORDS, CHILD_WORDS];

/// Every relationship and role word, packed and sorted for a binary search.
static ROLE_WORDS: LazyLock<Vec<(u128, Role)>> = LazyLock::new(|| {
    let mut m: Vec<(u128, Role)> = Vec::new();
    for (words, role) in [
        (ADULT_WORDS, Role::Adult),
        (PRO_WORDS, Role::Professional),
        (GRAND_WORDS, Role::Grandparent),
        (FATHER_WORDS, Role::Father),
        (MOTHER_WORDS, Role::Mother),
        (CHILD_WORDS, Role::Child),
    ] {
        for w in words {
            if let Some(p) = crate::chars::pack16(w) {
                // A later (more specific) list wins, as it did when these were inserted in turn.
                m.retain(|e| e.0 != p);
                m.push((p, role));
            }
        }
    }
    m.sort_unstable_by_key(|e| e.0);
    m
});

/// By a role word's first byte (lower-cased), a bit for each of its lengths in bytes: a word
/// that shares no first letter and length with any role word is none of them.
static ROLE_SHAPES: LazyLock<[u32; 256]> = LazyLock::new(|| {
    let mut shapes = [0u32; 256];
    for w in ROLE_LIST.iter().flat_map(|l| l.iter()).filter(|w| w.len() <= 16) {
        shapes[usize::from(w.as_bytes()[0].to_ascii_lowercase())] |= 1 << w.len();
    }
    shapes
});

fn role_of_word(text: &str, t: &Tok) -> Option<Role> {
    let w = &text[t.start..t.end];
    if w.len() > 16 {
        return None;
    }
    let b = w.as_bytes();
    // Only ASCII letters lower-case to "fianc", so any word that can take the "fiancé" path below
    // starts with those five bytes.
    if ROLE_SHAPES[usize::from(b[0].to_ascii_lowercase())] & (1 << b.len()) == 0
        && !(b.len() >= 5 && b[..5].eq_ignore_ascii_case(b"fianc"))
    {
        return None;
    }
    let Some(p) = crate::chars::pack16(w) else {
        return w.to_lowercase().starts_with("fianc").then_some(Role::Adult);
    };
    // Packed into one number: no allocation, no hashing, no string comparison.
    let at = ROLE_WORDS.binary_search_by_key(&p, |e| e.0).ok()?;
    Some(ROLE_WORDS[at].1)
}

/// Things a person has: "Jesus's mobile", "Hope's mum".
const POSSESSIONS: &[&str] = &[
    "mobile",
    "phone",
    "number",
    "email",
    "address",
    "mum",
    "dad",
    "mother",
    "father",
    "partner",
    "school",
    "nursery",
    "teacher",
    "bedroom",
    "room",
    "brother",
    "sister",
    "friend",
    "gran",
    "nan",
    "grandmother",
    "grandfather",
    "siblings",
    "parents",
    "children",
    "son",
    "daughter",
    "baby",
    "behaviour",
    "health",
    "needs",
    "views",
    "wishes",
    "account",
    "birthday",
    "bike",
    "coat",
    "bag",
    "weight",
    "immunisations",
    "attendance",
    "home",
    "house",
    "flat",
    "car",
    "dog",
    "social",
    "solicitor",
    "care",
    "key",
];

/// What a person does as the subject of a sentence, besides speaking ([`SPEECH_WORDS`]): "Jesus
/// has posted", "Brain told me".
const DOES: &[&str] = &[
    "added", "posted", "texted", "messaged", "phoned", "rang", "called", "emailed", "shouted", "admitted", "denied",
    "refused", "cried", "lives", "plays", "attends",
];

/// Strong signs that a word which is usually not a name is one here: a relationship word before
/// it ("Mother, Jesus Bergmann"), a possession after it ("Jesus's mobile"), or something only a
/// person does after it ("Jesus has posted", "Brain said").
fn used_as_name(text: &str, toks: &[Tok], low: &Low, i: usize) -> bool {
    let t = &toks[i];
    if low.is(i, NEVER) || t.all_caps || t.base_end - t.start < 2 {
        return false;
    }
    let found = used_as_name_here(text, toks, low, i);
    found && !low.plural(i)
}

fn used_as_name_here(text: &str, toks: &[Tok], low: &Low, i: usize) -> bool {
    let t = &toks[i];
    // "Mother, Jesus Bergmann", "her son German"; not "Social Worker, Health Visitor".
    if relation_before(text, toks, i) {
        let p = &toks[i - 1];
        let full =
            i + 1 < toks.len() && toks[i + 1].cap && joined(text, toks, i) && !low.is(i + 1, NEVER | NOT_NAME | STREET);
        let family = text[p.end..t.start] == *" " && role_of_word(text, p).is_some_and(|r| r != Role::Professional);
        if full || family {
            return true;
        }
    }
    let Some(n) = toks.get(i + 1) else { return false };
    let gap = &text[t.end..n.start];
    if n.cap || gap.len() > 1 || gap.bytes().any(|c| c != b' ') {
        return false;
    }
    // "the Council's phone", "our Family's needs" are not people.
    let determined = i > 0
        && !toks[i - 1].cap
        && word_is(text, &toks[i - 1], &["the", "a", "an", "this", "that", "our", "their", "his", "her", "my", "your"]);
    if t.possessive() {
        return !determined && word_is(text, n, POSSESSIONS);
    }
    if determined {
        return false;
    }
    if word_is(text, n, SPEECH_WORDS) || word_is(text, n, DOES) {
        return true;
    }
    // "Brain is 19".
    let rest = &text.as_bytes()[n.end..];
    if word_is(text, n, &["is", "was", "aged", "turns", "turned"])
        && rest.first() == Some(&b' ')
        && rest.get(1).is_some_and(u8::is_ascii_digit)
    {
        return true;
    }
    word_is(text, n, &["has", "had", "is", "was"])
        && toks.get(i + 2).is_some_and(|m| {
            !m.cap
                && text[n.end..m.start] == *" "
                && (word_is(text, m, SPEECH_WORDS) || word_is(text, m, DOES))
                && text[m.end..].starts_with([' ', '.'])
        })
}

/// Is there a relationship or naming word right before word `i` ("son Omar", "Gran, Edna")?
fn relation_before(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = &toks[i - 1];
    // Up to three spaces and commas (so no line break), read as bytes.
    let gap = &text.as_bytes()[p.end..toks[i].start];
    if gap.len() > 3 || !gap.iter().all(|&c| c == b' ' || c == b',') {
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
        !n.cap && text[toks[i].end..n.start].bytes().all(|c| c == b' ') && word_is(text, n, SPEECH_WORDS)
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
            // "Ms van der Meulen", "Dr de Boer".
            if i + 1 < n
                && title_gap(text, toks, i)
                && let Some(k) = particle_run(text, toks, low, i + 1)
            {
                name[i + 1..=k].fill(true);
                i = k + 1;
                continue;
            }
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
                // A title makes the next capitalised word a name whatever it is ("Dr Wales", "PC
                // Every"), except one of our own labels ("Professional A"); the words after it only
                // if they could be names ("Dr Hayes Surgery").
                let word = toks[j].end - toks[j].start != 1;
                let stop = if j == i + 1 {
                    low.is(j, NEVER) && labelled(text, toks, j)
                } else {
                    low.is(j, NOT_NAME | STREET | NEVER) && !name[j]
                };
                if stop {
                    break;
                }
                name[j] = name[j] || word;
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
            if (relation_before(text, toks, i) && (!low.is(i, NOT_NAME) || low.is(i, FIRST))
                || first_before_name
                || used_as_name(text, toks, low, i))
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
        let ambiguous = low.is(i, AMBIGUOUS);
        // A listed name that is no everyday word needs nothing more.
        if name[i] || listed && !ambiguous {
            name[i] = true;
            i += 1;
            continue;
        }
        // Role, institution and form words ("Postcode checked") need a title, unless they are
        // listed names too ("Ward", "Charity").
        if low.is(i, NEVER) && !low.is(i, FIRST | SUR) {
            i += 1;
            continue;
        }
        let cue = !low.is(i, NEVER)
            && (relation_before(text, toks, i)
                || cue_after(text, toks, i)
                || t.start < list_until
                || used_as_name(text, toks, low, i));
        let run = in_run_with_name(text, toks, low, i);
        let mid = !t.sent;
        let place = i > 0 && !toks[i - 1].cap && word_is(text, &toks[i - 1], PLACE_WORDS);
        // `name[i]` may already hold: a title before it made it a name.
        name[i] = if cue || run {
            true
        } else {
            (mid && !place
                && (ambiguous
                    || (t.base_end - t.start > 1 && (!low.is(i, ENGLISH) || low.is(i, SUFFIX) && t.possessive())))
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
        && toks.get(i + 1).is_some_and(|n| {
            !n.cap && (t.possessive() || joined(text, toks, i) || matches!(&text[t.end..n.start], "' " | "’ "))
        })
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
    let g = &text.as_bytes()[toks[i].end..toks[i + 1].start];
    !g.is_empty() && g.len() <= 3 && g.iter().all(|&c| c == b' ' || c == b'.')
}

/// "J. Smith", "J Smith": the gap after a single capital letter.
fn initial_gap(text: &str, toks: &[Tok], i: usize) -> bool {
    toks[i].end - toks[i].start == 1 && title_gap(text, toks, i)
}

fn after_saint(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0 && word_is(text, &toks[i - 1], &["st", "saint"]) && !text[toks[i - 1].end..toks[i].start].contains('\n')
}

/// Is word `i` part of a capitalised phrase with a word that is never a person ("Elm Tree Medical
/// Practice", "Health Visiting Service")? Titles do not count, nor words that are only usually not
/// names ("Marjon Wales").
fn run_has_not_name(text: &str, toks: &[Tok], low: &Low, name: &[bool], i: usize) -> bool {
    // A word opening the sentence ("Later Amadou came") is not part of the phrase.
    let bad = |j: usize| {
        toks[j].cap
            && !toks[j].sent
            && !name[j]
            && low.is(j, NEVER | STREET)
            && !low.is(j, TITLE)
            && toks[j].end - toks[j].start > 1
    };
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
    // A word English only by its ending ("Ankunding") may be one of them, with a plainer one.
    (a..=b).any(|j| low.is(j, FIRST | SUR | SHAPED) && !low.is(j, AMBIGUOUS))
        || (b - a < 3
            && (a..=b).all(|j| !low.is(j, AMBIGUOUS) && (!low.is(j, ENGLISH) || low.is(j, SUFFIX)))
            && (a..=b).any(|j| !low.is(j, ENGLISH)))
}

/// Every capitalised occurrence of a word known to be a name is a mention.
fn spread(text: &str, toks: &[Tok], low: &Low, name: &mut [bool], known: &mut Vec<(u64, u32)>) {
    // The names' hashes, sorted, each with a word that has it: a binary search per capitalised
    // word, and a string comparison to confirm.
    known.clear();
    known.extend((0..toks.len()).filter(|&i| name[i] && toks[i].cap).map(|i| (low.hashes[i], i as u32)));
    if known.is_empty() {
        return;
    }
    known.sort_unstable();
    known.dedup_by_key(|k| k.0);
    let is_known = |i: usize| {
        let h = low.hashes[i];
        known.binary_search_by_key(&h, |k| k.0).is_ok_and(|at| low.at(known[at].1 as usize) == low.at(i))
    };
    for (i, t) in toks.iter().enumerate() {
        if !name[i]
            && t.cap
            && t.base_end - t.start > 1
            && is_known(i)
            && !(month(low.at(i)) && dated(text, t))
            && !after_saint(text, toks, i)
        {
            name[i] = true;
        }
    }
}

/// The lower-case forms of the capitalised words (and of particles), and the lists each is in:
/// those of capitalised words from the word cache, the rest in one buffer for the text.
struct Low {
    lower: String,
    /// Each word's lower-case form: in `cache.words` if the start has [`CACHED`] set, else in
    /// `lower`.
    spans: Vec<(u32, u32)>,
    flags: Vec<u16>,
    /// A hash of each capitalised word's lower-case form (0 for the others).
    hashes: Vec<u64>,
    cache: WordCache,
}

/// Marks a span in [`Low::spans`] as one in the word cache.
const CACHED: u32 = 1 << 31;

impl Low {
    /// The lower-case forms and flags of `toks`, replacing what `self` held.
    fn fill(&mut self, text: &str, toks: &[Tok]) {
        let low = self;
        low.lower.clear();
        low.lower.reserve(text.len() / 4);
        low.spans.clear();
        low.spans.reserve(toks.len());
        low.flags.clear();
        low.flags.reserve(toks.len());
        low.hashes.clear();
        low.hashes.reserve(toks.len());
        low.cache.bound();
        for t in toks {
            let word = t.base(text);
            if t.cap
                && let Some(k) = low.cache.get(word)
            {
                let mut f = k.flags;
                if k.particle {
                    // "Jonathan Da Silva": only after a name (see `particles`).
                    f |= if t.sent { PARTICLE } else { PARTICLE | CAP_PARTICLE };
                }
                low.spans.push((k.lower | CACHED, k.end));
                low.flags.push(f);
                low.hashes.push(k.hash);
                continue;
            }
            let start = low.lower.len();
            let mut f = 0;
            let mut hash = 0;
            if t.cap {
                lists::push_lower(word, &mut low.lower);
                let lower = &low.lower[start..];
                hash = word_hash(lower);
                f = lists::lookup(lower);
                if surname_shaped(word) {
                    f |= SHAPED;
                }
                if title_role(word).is_some() {
                    f |= TITLE;
                }
                if t.sent && is_particle(&low.lower[start..]) {
                    f |= PARTICLE;
                }
            } else if word.len() <= 5 && is_particle(word) {
                low.lower.push_str(word);
                f = PARTICLE;
            }
            if t.cap && !t.sent && is_particle(&low.lower[start..]) {
                // "Jonathan Da Silva": only after a name (see `particles`).
                f |= PARTICLE | CAP_PARTICLE;
            }
            low.spans.push((start as u32, low.lower.len() as u32));
            low.flags.push(f);
            low.hashes.push(hash);
        }
    }

    fn at(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        if a & CACHED != 0 {
            &self.cache.words[(a & !CACHED) as usize..b as usize]
        } else {
            &self.lower[a as usize..b as usize]
        }
    }

    /// Does capitalised word `i` have any of these list flags?
    fn is(&self, i: usize, flag: u16) -> bool {
        self.flags[i] & flag != 0
    }

    /// A plural of a listed English word ("Teachers", "Officers").
    fn plural(&self, i: usize) -> bool {
        let w = self.at(i);
        w.len() > 3 && w.ends_with('s') && lists::lookup(&w[..w.len() - 1]) & ENGLISH != 0
    }
}

fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fast_hash::FastHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

/// A full stop after one of our own labels ("Adult A. Postcode …") ends the sentence, though one
/// after an initial ("J. Smith") does not.
fn after_labels(text: &str, toks: &mut [Tok], low: &Low) {
    for i in 2..toks.len() {
        let (label, letter) = (&toks[i - 2], &toks[i - 1]);
        if !toks[i].sent
            && letter.end - letter.start == 1
            && letter.cap
            && low.is(i - 2, NEVER | NOT_NAME)
            && !low.is(i - 2, TITLE)
            && text[label.end..letter.start] == *" "
            && text[letter.end..toks[i].start].starts_with('.')
        {
            toks[i].sent = true;
        }
    }
}

/// Is word `j` followed by a single capital or a number, as in our own labels ("Child A",
/// "School 1")?
fn labelled(text: &str, toks: &[Tok], j: usize) -> bool {
    let rest = &text.as_bytes()[toks[j].end..];
    rest.first() == Some(&b' ')
        && rest.get(1).is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !rest.get(2).is_some_and(u8::is_ascii_alphanumeric)
}

/// Particles from word `i` ("van der", "de", "bin"), then a capitalised word: the index of that
/// word.
fn particle_run(text: &str, toks: &[Tok], low: &Low, i: usize) -> Option<usize> {
    let mut j = i;
    while j < toks.len() && j < i + 3 && low.is(j, PARTICLE) && j + 1 < toks.len() && joined(text, toks, j) {
        j += 1;
    }
    let k = &toks[j];
    (j > i && j < toks.len() && k.cap && !low.is(j, PARTICLE) && k.base_end - k.start > 1 && !k.all_caps).then_some(j)
}

/// Surnames with particles: "Elif van den Brink", "Ms de Groot", "according to da Silva". The
/// particles join the name before them, and the capitalised word after them is a name when it
/// could be one.
fn particles(text: &str, toks: &[Tok], low: &Low, name: &mut [bool]) {
    let mut i = 0;
    while i < toks.len() {
        if !low.is(i, PARTICLE) {
            i += 1;
            continue;
        }
        let Some(k) = particle_run(text, toks, low, i) else {
            i += 1;
            continue;
        };
        let after_name = i > 0 && joined(text, toks, i - 1) && (name[i - 1] || low.is(i - 1, TITLE));
        let plausible = !low.is(k, NOT_NAME | STREET | NEVER) && (!low.is(k, ENGLISH) || low.is(k, SUFFIX));
        if low.is(i, CAP_PARTICLE) && !after_name {
            i += 1;
            continue;
        }
        if name[k] || after_name || plausible {
            name[i..=k].fill(true);
        }
        i = k + 1;
    }
}

/// "GÜNTHER, Alycia" on a "Child:" line: a surname in capitals, a comma, and a first name ending
/// the line (or a listed one) are one person.
fn caps_surname_first(text: &str, toks: &[Tok], low: &Low, name: &mut [bool], pair: &mut [bool]) {
    for i in 0..toks.len().saturating_sub(1) {
        let (t, u) = (&toks[i], &toks[i + 1]);
        if !(t.all_caps && t.sent && t.base_end - t.start >= 2 && u.cap && !u.all_caps) {
            continue;
        }
        if &text[t.end..u.start] != ", " || low.is(i, TITLE | NEVER) || low.is(i + 1, NEVER) {
            continue;
        }
        let rest = &text[u.end..];
        let line_ends = rest[..rest.find('\n').unwrap_or(rest.len())].trim_matches([' ', '.', ';']).is_empty();
        if line_ends || low.is(i + 1, FIRST) || name[i + 1] {
            name[i] = true;
            name[i + 1] = true;
            pair[i] = true;
        }
    }
}

/// Words next to a name that belong to it: a name that is also a word before a name ("Royal
/// Maddox", "Bill Kunze"), a word English only by its ending ("Siegfried Bartell", "Marylise
/// Botsford"), and a surname that is also a word after a listed first name ("Paula Jesus",
/// "Andrew Wales").
/// Returns whether it found any name.
fn neighbours(text: &str, toks: &[Tok], low: &Low, name: &mut [bool]) -> bool {
    let n = toks.len();
    let mut found = false;
    let word = |j: usize| toks[j].cap && !toks[j].all_caps && toks[j].base_end - toks[j].start > 1;
    for i in 0..n.saturating_sub(1) {
        if !(name[i] && !name[i + 1] && word(i) && word(i + 1) && joined(text, toks, i)) {
            continue;
        }
        let last = !(i + 2 < n && toks[i + 2].cap && joined(text, toks, i + 1));
        // A listed first name, or an unknown word found as a name ("Marjon Wales").
        let first = low.is(i, FIRST) && !low.is(i, AMBIGUOUS | NOT_NAME)
            || !low.is(i, FIRST | SUR | AMBIGUOUS | NOT_NAME | ENGLISH | TITLE | PARTICLE);
        if low.is(i + 1, SUFFIX)
            || (first
                && last
                && !low.is(i + 1, NEVER | STREET | TITLE)
                && !day_or_month(low.at(i + 1))
                && !low.plural(i + 1))
        {
            name[i + 1] = true;
            found = true;
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        if !(name[i + 1] && !name[i] && word(i) && word(i + 1) && joined(text, toks, i)) {
            continue;
        }
        let modal = toks[i].sent && matches!(low.at(i), "will" | "may" | "can" | "did" | "does" | "should" | "would");
        let unknown = !low.is(i, FIRST | SUR | AMBIGUOUS | NOT_NAME | ENGLISH | TITLE | PARTICLE | STREET);
        if (low.is(i, AMBIGUOUS) && !low.is(i, NEVER) && !modal) || low.is(i, SUFFIX) || unknown {
            name[i] = true;
            found = true;
        }
    }
    found
}

fn day_or_month(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

struct Mention<'t> {
    start: usize,
    end: usize,
    /// Lower-case name words, without title or initials, joined by spaces.
    key: String,
    /// How many words `key` holds, where its first word ends and its last begins.
    words: usize,
    first_end: usize,
    last_start: usize,
    title: Option<&'t str>,
    role: Option<Role>,
}

impl Mention<'_> {
    fn first(&self) -> &str {
        &self.key[..self.first_end]
    }

    fn last(&self) -> &str {
        &self.key[self.last_start..]
    }
}

/// Is word `i` an initial of a name ("J. Smith", "A B Hopkinson")? Most words are longer than
/// one letter: that test is inlined, the rest is not.
#[inline(always)]
fn is_initial(text: &str, toks: &[Tok], i: usize, name: &[bool]) -> bool {
    let t = &toks[i];
    t.end - t.start == 1 && t.cap && i + 1 < toks.len() && initial_before(text, toks, i, name)
}

/// [`is_initial`] for a single capital letter `i` with a word after it.
#[inline(never)]
fn initial_before(text: &str, toks: &[Tok], i: usize, name: &[bool]) -> bool {
    let t = &toks[i];
    let gap = &text[t.end..toks[i + 1].start];
    let dotted = gap.starts_with('.');
    let w = &text[t.start..t.end];
    // "I" is never an initial without a stop; "A" is one mid-sentence ("Seen by A Hopkinson").
    if (w == "I" || (w == "A" && t.sent)) && !dotted {
        return false;
    }
    gap.len() <= 2
        && gap.bytes().all(|c| c == b' ' || c == b'.')
        && (name[i + 1] || is_initial(text, toks, i + 1, name) && i + 2 < toks.len())
}

fn mentions(text: &str, toks: &[Tok], low: &Low, name: &[bool], pair: &[bool], out: &mut Vec<Candidate>) {
    let n = toks.len();
    // Room for a mention every eight words, so that the list rarely grows.
    let mut ms: Vec<Mention> = Vec::with_capacity(n / 8 + 4);
    // The name words of the mention being read, reused: no allocation per word.
    let mut words: Vec<usize> = Vec::with_capacity(8);
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
        words.clear();
        let mut j = i;
        if titled {
            title = Some(t.base(text).trim_end_matches('.'));
            j += 1;
        }
        let mut end;
        // Words before a comma pair ("GÜNTHER, Alycia") go last in the key: "alycia günther".
        let mut surname_first = 0;
        loop {
            if name[j] {
                words.push(j);
            }
            end = toks[j].base_end;
            if toks[j].possessive() || j + 1 >= n {
                break;
            }
            let next_ok = (name[j + 1] && (joined(text, toks, j) || is_initial(text, toks, j, name)))
                || (is_initial(text, toks, j + 1, name) && (joined(text, toks, j) || initial_gap(text, toks, j)));
            if pair[j] && surname_first == 0 {
                surname_first = words.len();
            } else if !next_ok {
                break;
            }
            j += 1;
        }
        words.rotate_left(surname_first);
        if !words.is_empty() {
            let role = mention_role(text, toks, i, j, title);
            let mut key = String::with_capacity(words.iter().map(|&w| low.at(w).len() + 1).sum());
            let mut first_end = 0;
            let mut last_start = 0;
            for (k, &w) in words.iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                last_start = key.len();
                key.push_str(low.at(w));
                if k == 0 {
                    first_end = key.len();
                }
            }
            ms.push(Mention { start, end, key, words: words.len(), first_end, last_start, title, role });
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
    let mut n: u32 = 0;
    let mut seen = false;
    for c in rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && !c.is_alphabetic() || *c == 'a' || *c == 'g' || *c == 'e' || *c == 'd')
        .take_while(char::is_ascii_digit)
    {
        n = n.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0));
        seen = true;
    }
    seen && n >= 18
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
        // Up to three spaces, commas and colons (so no line break), read as bytes.
        let gap = &text.as_bytes()[p.end..toks[i].start];
        if gap.len() <= 3
            && gap.iter().all(|&c| c == b' ' || c == b',' || c == b':')
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
        let mut words = toks[j + 1..].iter().take_while(|t| t.end <= clause_start + clause_len).take(4);
        let (count, last) = words.by_ref().fold((0, None), |(n, _), t| (n + 1, Some(t)));
        if let Some(last_word) = last
            && count <= 3
            && let Some(r) = role_of_word(text, last_word)
        {
            return Some(r);
        }
    }
    if let Some(parent) = parent_hint(text, toks, j) {
        return Some(parent);
    }
    title.map(|_| Role::Adult)
}

/// A sign of a parent, the mirror of [`child_hint`]: "Karen Smith told me that her daughter …",
/// "Mr Bell said his son …" within a few words after the name, in the same sentence.
fn parent_hint(text: &str, toks: &[Tok], j: usize) -> Option<Role> {
    const CHILDREN: &[&str] = &["son", "daughter", "sons", "daughters", "child", "children", "baby", "kids", "twins"];
    let window = &toks[j + 1..toks.len().min(j + 8)];
    let pair = window.windows(2).find(|w| word_is(text, &w[0], &["his", "her"]) && word_is(text, &w[1], CHILDREN))?;
    if text[toks[j].end..pair[1].start].contains(['.', '\n', ';']) {
        return None;
    }
    Some(if word_is(text, &pair[0], &["her"]) { Role::Mother } else { Role::Father })
}

fn keys_and_roles(ms: Vec<Mention>, out: &mut Vec<Candidate>) {
    // Full names, indexed by their first and last words.
    let mut by_first: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut by_last: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut full: Vec<&str> = Vec::new();
    let mut full_index: FastMap<&str, usize> = FastMap::default();
    let mut full_title: Vec<Option<&str>> = Vec::new();
    for m in ms.iter().filter(|m| m.words >= 2) {
        if let Some(&k) = full_index.get(m.key.as_str()) {
            if full_title[k].is_none() {
                full_title[k] = m.title;
            }
        } else {
            full_title.push(m.title);
            let k = full.len();
            full_index.insert(&m.key, k);
            full.push(&m.key);
            push_unique(by_first.entry(m.first()).or_default(), k);
            push_unique(by_last.entry(m.last()).or_default(), k);
        }
    }
    // Roles of full names from their own mentions (to keep "Ms Quill" off a child's name).
    let mut full_role: Vec<Option<Role>> = vec![None; full.len()];
    for m in ms.iter().filter(|m| m.words >= 2) {
        if let Some(r) = m.role {
            let k = full_index[m.key.as_str()];
            full_role[k] = full_role[k].or(Some(r));
        }
    }
    let unique = |v: Option<&Vec<usize>>| v.filter(|v| v.len() == 1).map(|v| v[0]);
    // `None`: the mention's own key (a full name), moved out at the end rather than copied.
    let keys: Vec<Option<String>> = ms
        .iter()
        .map(|m| {
            if m.words >= 2 {
                return None;
            }
            let w = m.key.as_str();
            if let Some(title) = m.title {
                let same: &[usize] = by_last.get(w).map_or(&[], Vec::as_slice);
                let pick = |keep: &dyn Fn(usize) -> bool| {
                    let mut v = same.iter().copied().filter(|&k| keep(k));
                    match (v.next(), v.next()) {
                        (Some(k), None) => Some(k),
                        _ => None,
                    }
                };
                let found = pick(&|k| full_title[k] == Some(title))
                    .or_else(|| pick(&|k| full_title[k].is_some_and(|t| same_title_class(t, title))))
                    .or_else(|| pick(&|k| full_role[k].is_some_and(|r| r != Role::Child)));
                if let Some(k) = found {
                    return Some(full[k].to_string());
                }
                return Some(format!("{} {w}", title_class(title)));
            }
            if let Some(k) = unique(by_first.get(w)).or_else(|| unique(by_last.get(w))) {
                return Some(full[k].to_string());
            }
            None
        })
        .collect();
    // One role per person: the first specific role any mention gives, else "adult".
    let mut role: FastMap<&str, Role> = FastMap::default();
    for (m, k) in ms.iter().zip(&keys) {
        let k = k.as_deref().unwrap_or(&m.key);
        if let Some(r) = m.role {
            match role.get(k) {
                Some(Role::Adult) | None => {
                    role.insert(k, r);
                }
                Some(_) => {}
            }
        }
    }
    let roles: Vec<Option<Role>> =
        ms.iter().zip(&keys).map(|(m, k)| role.get(k.as_deref().unwrap_or(&m.key)).copied()).collect();
    drop((role, by_first, by_last, full, full_index, full_title));
    out.reserve(ms.len());
    for ((m, key), role) in ms.into_iter().zip(keys).zip(roles) {
        let key = key.unwrap_or(m.key);
        out.push(Candidate { kind: EntityKind::Person, start: m.start, end: m.end, key, role });
    }
}

fn push_unique(v: &mut Vec<usize>, k: usize) {
    if !v.contains(&k) {
        v.push(k);
    }
}

/// `title_class(a) == title_class(b)`, without lower-casing a copy of either when both are ASCII
/// (titles always are): then a title's class is "ms" or the title in ASCII lower case.
fn same_title_class(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return title_class(a) == title_class(b);
    }
    let class_is_ms = |t: &str| is_ms(t) || t.eq_ignore_ascii_case("ms");
    match (is_ms(a), is_ms(b)) {
        (true, true) => true,
        (true, false) => class_is_ms(b),
        (false, true) => class_is_ms(a),
        (false, false) => a.eq_ignore_ascii_case(b),
    }
}

fn is_ms(title: &str) -> bool {
    matches!(title, "Mrs" | "Ms" | "Miss" | "MRS" | "MS" | "MISS")
}

/// "Mrs", "Ms" and "Miss" may be the same woman; other titles key as they are.
fn title_class(title: &str) -> std::borrow::Cow<'_, str> {
    match title {
        t if is_ms(t) => "ms".into(),
        t if t.bytes().any(|b| b.is_ascii_uppercase()) => t.to_lowercase().into(),
        t => t.into(),
    }
}

#[cfg(test)]
mod tests;
