//! The name lists shipped with the crate, compiled once into one table of lower-case words and
//! the lists each is in, so that a word is looked up once.
//!
//! - `first-names.txt`, `surnames.txt`: common given names and surnames across the UK's
//!   communities, one per line, written from general knowledge.
//! - `ambiguous.txt`: names that are also everyday words ("Grace", "Will", "Green"); they count
//!   as names mid-sentence, but at the start of a sentence only with other evidence.
//! - `english-words.txt`: common English words that open sentences in records; an unknown
//!   capitalised word at the start of a sentence that is not one of these is taken as a name.
//! - `not-names.txt`: words that are never a name on their own (days, months, family-role and
//!   professional words, record headings, nationalities, large places, function words).

use std::sync::LazyLock;

pub(super) use crate::fast_hash::FastMap;

/// Word flags: which lists a word is in.
pub(super) const FIRST: u16 = 1;
pub(super) const SUR: u16 = 2;
pub(super) const AMBIGUOUS: u16 = 4;
pub(super) const NOT_NAME: u16 = 8;
pub(super) const SHAPED: u16 = 16;
pub(super) const TITLE: u16 = 32;
/// An English word (in the list, or shaped like one).
pub(super) const ENGLISH: u16 = 64;
/// English only by its ending ("-ing", "-ist"): no list holds it, so it may well be a name
/// ("Ankunding", "Siegfried").
pub(super) const SUFFIX: u16 = 128;
/// In `english-words.txt` itself.
const ENGLISH_LIST: u16 = 256;
/// Never a person, whatever the context says: role words, institutions, pronouns.
pub(super) const NEVER: u16 = 512;
/// Ends a street or house name ("Road", "Cottage").
pub(super) const STREET: u16 = 1024;

/// Every word of every list, with its flags: one lookup per word.
static LEXICON: LazyLock<FastMap<Box<str>, u16>> = LazyLock::new(|| {
    let mut m: FastMap<Box<str>, u16> = FastMap::default();
    let mut add = |data: &'static str, flag: u16| {
        for l in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let word = l.split_whitespace().next().unwrap_or(l);
            *m.entry(word.to_lowercase().into_boxed_str()).or_insert(0) |= flag;
        }
    };
    add(include_str!("../../../data/first-names.txt"), FIRST);
    add(include_str!("../../../data/surnames.txt"), SUR);
    add(include_str!("../../../data/ambiguous.txt"), AMBIGUOUS);
    add(include_str!("../../../data/english-words.txt"), ENGLISH_LIST);
    add(include_str!("../../../data/not-names.txt"), NOT_NAME);
    add(include_str!("../../../data/street-suffixes.txt"), STREET);
    for w in NEVER_WORDS.iter().chain(super::ROLE_LIST.iter().flat_map(|l| l.iter())) {
        *m.entry((*w).into()).or_insert(0) |= NEVER;
    }
    m
});

/// Words that are never a person even with a name's context ("Police said", "School's phone",
/// "Everyone has"), beside the family and professional role words.
const NEVER_WORDS: &[&str] = &[
    "i",
    "he",
    "she",
    "it",
    "we",
    "they",
    "you",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "nobody",
    "no-one",
    "anyone",
    "anybody",
    "all",
    "both",
    "each",
    "either",
    "neither",
    "none",
    "staff",
    "family",
    "parents",
    "children",
    "police",
    "council",
    "school",
    "nursery",
    "college",
    "academy",
    "university",
    "hospital",
    "surgery",
    "practice",
    "centre",
    "center",
    "clinic",
    "service",
    "services",
    "team",
    "department",
    "court",
    "trust",
    "board",
    "authority",
    "agency",
    "church",
    "mosque",
    "club",
    "office",
    "government",
    "housing",
    "charity",
    "unit",
    "ward",
    "home",
    "camhs",
    "nhs",
    "chi",
    "gp",
    "dob",
    "postcode",
    "address",
    "email",
    "telephone",
    "tel",
    "mobile",
    "phone",
    "child",
    "adult",
    "person",
    "people",
    "professional",
    "parent",
    "mother",
    "father",
    "grandparent",
    "young",
    "baby",
    "man",
    "woman",
    "boy",
    "girl",
    "referral",
    "summary",
    "case",
    "contact",
    "note",
    "notes",
    "chronology",
    "plan",
    "review",
    "meeting",
    "report",
    "today",
    "yesterday",
    "tomorrow",
    "later",
    "then",
    "when",
    "after",
    "before",
    "also",
    "but",
    "and",
    "so",
    "if",
    "the",
    "a",
    "an",
    "my",
    "his",
    "her",
    "our",
    "their",
    "your",
    "its",
    "what",
    "where",
    "why",
    "how",
    "not",
    "no",
    "yes",
    "please",
    "medical",
    "health",
    "primary",
    "secondary",
    "high",
    "infirmary",
    "partnership",
    "foundation",
    "social",
    "visiting",
    "community",
    "support",
    "youth",
    "leisure",
    "library",
    "station",
    "garage",
    "road",
    "street",
    "care",
    "safeguarding",
    "early",
    "years",
    "children's",
    "hub",
    "project",
    "group",
    "network",
];

/// Name particles written in lower case inside a surname: "van der Meulen", "da Silva", "bin Salleh".
const PARTICLES: [&str; 27] = [
    "van", "von", "der", "den", "de", "del", "della", "dos", "das", "du", "da", "di", "le", "la", "ten", "ter", "bin",
    "binti", "bint", "ibn", "ap", "ab", "al", "el", "zu", "vom", "van't",
];
const PACKED_PARTICLES: [u64; 27] = {
    let mut out = [0u64; 27];
    let mut i = 0;
    while i < PARTICLES.len() {
        out[i] = pack8(PARTICLES[i].as_bytes());
        i += 1;
    }
    out
};

/// Up to eight bytes as one number (longer words give 0, which no word packs to).
const fn pack8(b: &[u8]) -> u64 {
    if b.is_empty() || b.len() > 8 {
        return 0;
    }
    let mut v = 0u64;
    let mut i = 0;
    while i < b.len() {
        v = (v << 8) | b[i] as u64;
        i += 1;
    }
    v
}

/// Is this lower-case word a name particle? One integer comparison per particle, no string
/// comparisons.
#[inline(always)]
pub(super) fn is_particle(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 2 || b.len() > 5 || !PARTICLE_FIRST[usize::from(b[0])] {
        return false;
    }
    let v = pack8(b);
    PACKED_PARTICLES.contains(&v)
}

/// The first bytes of the particles: most words start with none of them.
const PARTICLE_FIRST: [bool; 256] = {
    let mut out = [false; 256];
    let mut i = 0;
    while i < PARTICLES.len() {
        out[PARTICLES[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    out
};

/// The flags of a lower-case word (without [`SHAPED`] and [`TITLE`], which depend on its case).
pub(super) fn lookup(lower: &str) -> u16 {
    let mut f = LEXICON.get(lower).copied().unwrap_or(0);
    if f & (FIRST | SUR) == 0 && lower.as_bytes().contains(&b'-') {
        // A hyphenated name counts if every part is a name ("Smith-Jones", "Darcie-Mae").
        let parts = |known: u16| lower.split('-').all(|p| !p.is_empty() && lookup_plain(p) & known != 0);
        if parts(FIRST) {
            f |= FIRST;
        }
        if parts(FIRST | SUR) {
            f |= SUR;
        }
    }
    if f & ENGLISH_LIST != 0 {
        f |= ENGLISH;
    }
    if f & (FIRST | SUR | AMBIGUOUS | NOT_NAME | ENGLISH) == 0 {
        f |= english_shape(lower);
    }
    f
}

fn lookup_plain(lower: &str) -> u16 {
    LEXICON.get(lower).copied().unwrap_or(0)
}

/// Shaped like an English word: "-tion", "-ly", "-ing" ([`ENGLISH`] | [`SUFFIX`]), a plural
/// of a listed word, a contraction, or a hyphenated word with an English part ([`ENGLISH`]).
fn english_shape(lower: &str) -> u16 {
    const SUFFIXES: &[&str] = &[
        "ly", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ive", "ous", "ful", "less", "able", "ible", "ance",
        "ence", "ship", "ism", "ist", "ical", "ional", "ual", "ary", "ory", "ies", "ise", "ize", "ure", "ward",
        "wards",
    ];
    const CONTRACTIONS: &[&str] = &["'ll", "'re", "'ve", "'d", "'m", "n't"];
    let listed = |w: &str| lookup_plain(w) & (ENGLISH_LIST | NOT_NAME) != 0;
    let plural = |w: &str| w.len() > 4 && w.ends_with('s') && lookup_plain(&w[..w.len() - 1]) & ENGLISH_LIST != 0;
    // Every suffix ends in one of these letters: most words need no comparison at all.
    let suffix = |w: &str| {
        matches!(w.as_bytes().last(), Some(b'y' | b'g' | b'd' | b'n' | b't' | b's' | b'e' | b'l' | b'r'))
            && SUFFIXES.iter().any(|s| w.len() > s.len() + 3 && w.ends_with(s))
    };
    let hyphen = lower.as_bytes().contains(&b'-');
    if plural(lower)
        || (lower.contains('\'') || lower.ends_with("n't")) && CONTRACTIONS.iter().any(|c| lower.ends_with(c))
        || (hyphen && lower.split('-').any(|p| listed(p) || plural(p) || suffix(p)))
    {
        ENGLISH
    } else if suffix(lower) {
        ENGLISH | SUFFIX
    } else {
        0
    }
}

/// Writes `word` lower-cased (curly apostrophes straightened) to the end of `out`.
pub(super) fn push_lower(word: &str, out: &mut String) {
    // ASCII (nearly every word) byte by byte in one pass; any other word from its start again.
    let start = out.len();
    let b = word.as_bytes();
    let mut k = 0;
    while k < b.len() && b[k] < 0x80 {
        out.push(char::from(b[k].to_ascii_lowercase()));
        k += 1;
    }
    if k < b.len() {
        out.truncate(start);
        for c in word.chars() {
            if c == '’' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Shaped like a surname whatever the lists say: Mc/Mac/O'/D'/Fitz + capital ("McAdie",
/// "O'Dowd", "D'Souza").
pub(super) fn surname_shaped(word: &str) -> bool {
    let b = word.as_bytes();
    let after = |n: usize| b.len() > n + 1 && b[n].is_ascii_uppercase();
    (b.starts_with(b"Mc") && after(2))
        || (b.starts_with(b"Mac") && after(3))
        || ((b.starts_with(b"O'") || b.starts_with(b"D'")) && after(2))
        || (b.starts_with(b"Fitz") && b.len() > 5)
}

/// Titles that come before a name. Police ranks and professional titles make the person a
/// professional.
pub(super) fn is_title(word: &str) -> bool {
    title_role(word).is_some()
}

/// `Some(true)` for a professional's title, `Some(false)` for a courtesy title.
pub(super) fn title_role(word: &str) -> Option<bool> {
    let w = word.strip_suffix('.').unwrap_or(word);
    match w {
        "Mr" | "Mrs" | "Ms" | "Miss" | "Mx" | "Sir" | "Dame" | "Lady" | "Lord" | "Master" | "MR" | "MRS" | "MS"
        | "MISS" => Some(false),
        "Dr" | "Prof" | "Professor" | "PC" | "DC" | "DS" | "DI" | "PCSO" | "Sgt" | "Sergeant" | "Insp"
        | "Inspector" | "Rev" | "Revd" | "Reverend" | "Cllr" | "Councillor" | "Judge" | "DR" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_large_and_diverse() {
        assert!(LEXICON.values().filter(|&&f| f & FIRST != 0).count() >= 3000);
        assert!(LEXICON.values().filter(|&&f| f & SUR != 0).count() >= 3000);
        for n in ["omar", "siobhán", "kwame", "priya", "łukasz", "mei", "eilidh", "dafydd", "chioma", "fatima"] {
            assert!(lookup(n) & FIRST != 0, "{n}");
        }
        for n in ["patel", "o'neill", "nowak", "okafor", "macleod", "nguyen", "jones", "mohamud", "smith-jones"] {
            assert!(lookup(n) & SUR != 0, "{n}");
        }
    }

    #[test]
    fn role_words_are_not_names() {
        for w in ["mum", "dad", "gran", "nan", "grandad", "auntie", "uncle", "carer", "may", "monday", "the"] {
            assert!(lookup(w) & NOT_NAME != 0, "{w}");
        }
    }

    #[test]
    fn surname_shapes_and_titles() {
        assert!(surname_shaped("McAdie") && surname_shaped("O'Dowd") && surname_shaped("MacLeod"));
        assert!(!surname_shaped("Mac") && !surname_shaped("Machine") && !surname_shaped("Oak"));
        assert_eq!(title_role("Dr."), Some(true));
        assert_eq!(title_role("Ms"), Some(false));
        assert_eq!(title_role("Mum"), None);
    }

    #[test]
    fn words_english_only_by_their_ending_are_marked() {
        assert_eq!(lookup("ankunding") & (ENGLISH | SUFFIX), ENGLISH | SUFFIX);
        assert_eq!(lookup("subsequently") & ENGLISH, ENGLISH);
        assert_eq!(lookup("workload") & SUFFIX, 0);
        assert_ne!(lookup("police") & NEVER, 0);
        assert_ne!(lookup("road") & STREET, 0);
        let mut s = String::new();
        push_lower("O’Neill", &mut s);
        assert_eq!(s, "o'neill");
        push_lower("McAdie", &mut s);
        push_lower("ZOË-Ann", &mut s);
        assert_eq!(s, "o'neillmcadiezoë-ann");
    }
}
