//! The name lists shipped with the crate, compiled once into hash sets of lower-case words.
//!
//! - `first-names.txt`, `surnames.txt`: common given names and surnames across the UK's
//!   communities, one per line, written from general knowledge.
//! - `ambiguous.txt`: names that are also everyday words ("Grace", "Will", "Green"); they count
//!   as names mid-sentence, but at the start of a sentence only with other evidence.
//! - `english-words.txt`: common English words that open sentences in records; an unknown
//!   capitalised word at the start of a sentence that is not one of these is taken as a name.
//! - `not-names.txt`: words that are never a name on their own (days, months, family-role and
//!   professional words, record headings, nationalities, large places, function words).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: short words hash much faster than with the default SipHash, and the keys are our own
/// lists, not attacker-chosen.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

fn set(data: &'static str) -> FastSet<Box<str>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.to_lowercase().into_boxed_str())
        .collect()
}

static FIRST: LazyLock<FastSet<Box<str>>> = LazyLock::new(|| set(include_str!("../../../data/first-names.txt")));
static SUR: LazyLock<FastSet<Box<str>>> = LazyLock::new(|| set(include_str!("../../../data/surnames.txt")));
static AMBIGUOUS: LazyLock<FastSet<Box<str>>> = LazyLock::new(|| set(include_str!("../../../data/ambiguous.txt")));
static ENGLISH: LazyLock<FastSet<Box<str>>> = LazyLock::new(|| set(include_str!("../../../data/english-words.txt")));
static NOT_NAMES: LazyLock<FastSet<Box<str>>> = LazyLock::new(|| set(include_str!("../../../data/not-names.txt")));

/// A word lower-cased without allocating for the usual short ASCII word.
pub(super) struct Lower {
    buf: [u8; 32],
    len: usize,
    owned: Option<String>,
}

impl Lower {
    pub fn new(word: &str) -> Lower {
        let mut l = Lower { buf: [0; 32], len: 0, owned: None };
        if word.len() <= 32 && word.is_ascii() {
            for (d, s) in l.buf.iter_mut().zip(word.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            l.len = word.len();
        } else {
            l.owned = Some(word.to_lowercase().replace('’', "'"));
        }
        l
    }

    pub fn as_str(&self) -> &str {
        match &self.owned {
            Some(s) => s,
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

pub(super) fn is_first(lower: &str) -> bool {
    FIRST.contains(lower) || parts(lower, |p| FIRST.contains(p))
}

pub(super) fn is_surname(lower: &str) -> bool {
    SUR.contains(lower) || parts(lower, |p| SUR.contains(p) || FIRST.contains(p))
}

pub(super) fn is_ambiguous(lower: &str) -> bool {
    AMBIGUOUS.contains(lower)
}

/// A common English word, or shaped like one ("-tion", "-ly", "-ing"): not a name when it
/// opens a sentence.
pub(super) fn is_english(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ly", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ive", "ous", "ful", "less", "able", "ible", "ance",
        "ence", "ship", "ism", "ist", "ical", "ional", "ual", "ary", "ory", "ies", "ise", "ize", "ure", "ward",
        "wards",
    ];
    const CONTRACTIONS: &[&str] = &["'ll", "'re", "'ve", "'d", "'m", "n't"];
    let plain = |w: &str| {
        ENGLISH.contains(w)
            || NOT_NAMES.contains(w)
            || SUFFIXES.iter().any(|s| w.len() > s.len() + 3 && w.ends_with(s))
            || (w.len() > 4 && w.ends_with('s') && ENGLISH.contains(&w[..w.len() - 1]))
    };
    plain(lower)
        || CONTRACTIONS.iter().any(|c| lower.ends_with(c))
        || (lower.contains('-') && lower.split('-').any(plain))
}

pub(super) fn is_not_name(lower: &str) -> bool {
    NOT_NAMES.contains(lower)
}

/// A hyphenated name counts if every part is a name ("Smith-Jones", "Darcie-Mae").
fn parts(lower: &str, known: impl Fn(&str) -> bool) -> bool {
    lower.contains('-') && lower.split('-').all(|p| !p.is_empty() && known(p))
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
        assert!(FIRST.len() >= 3000, "{}", FIRST.len());
        assert!(SUR.len() >= 3000, "{}", SUR.len());
        for n in ["omar", "siobhán", "kwame", "priya", "łukasz", "mei", "eilidh", "dafydd", "chioma", "fatima"] {
            assert!(is_first(n), "{n}");
        }
        for n in ["patel", "o'neill", "nowak", "okafor", "macleod", "nguyen", "jones", "mohamud", "smith-jones"] {
            assert!(is_surname(n), "{n}");
        }
    }

    #[test]
    fn role_words_are_not_names() {
        for w in ["mum", "dad", "gran", "nan", "grandad", "auntie", "uncle", "carer", "may", "monday", "the"] {
            assert!(is_not_name(w), "{w}");
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
}
