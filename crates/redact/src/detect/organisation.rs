//! Organisations: named schools, nurseries, GP practices, hospitals, churches, clubs and local
//! services, found as a run of capitalised words ending in a kind-of-place word ("Hillside High
//! School", "St Mary's RC Primary", "Kilmarnock Academy", "Riverside Family Centre").
//!
//! A run made only of generic words ("Children's Services", "the Health Visiting Service",
//! "Primary School") names no particular place and stays: it identifies nobody.

use std::sync::LazyLock;

use super::person::tokens::Tok;
use crate::chars::{WordShapes, pack16};
use crate::entity::{Candidate, EntityKind};

/// Words that end an organisation's name.
const HEADS: &[&str] = &[
    "school",
    "primary",
    "academy",
    "nursery",
    "nurseries",
    "college",
    "surgery",
    "practice",
    "centre",
    "center",
    "hospital",
    "infirmary",
    "clinic",
    "church",
    "chapel",
    "mosque",
    "gurdwara",
    "temple",
    "synagogue",
    "club",
    "association",
    "playgroup",
    "pre-school",
    "preschool",
    "service",
    "project",
    "trust",
    "foundation",
    "partnership",
    "high",
    "kindergarten",
    "montessori",
    "federation",
    "institute",
    "university",
];

/// Words that say what kind of place it is but not which one.
const GENERIC: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "for",
    "on",
    "in",
    "primary",
    "secondary",
    "high",
    "infant",
    "infants",
    "junior",
    "nursery",
    "medical",
    "health",
    "children's",
    "childrens",
    "children",
    "child",
    "family",
    "families",
    "community",
    "youth",
    "football",
    "housing",
    "sports",
    "special",
    "catholic",
    "rc",
    "cofe",
    "c",
    "e",
    "grammar",
    "free",
    "village",
    "local",
    "parish",
    "school",
    "schools",
    "college",
    "academy",
    "centre",
    "center",
    "practice",
    "surgery",
    "hospital",
    "church",
    "club",
    "association",
    "general",
    "district",
    "county",
    "city",
    "royal",
    "university",
    "day",
    "early",
    "years",
    "learning",
    "support",
    "service",
    "services",
    "mental",
    "social",
    "work",
    "care",
    "visiting",
    "visitor",
    "visitors",
    "adult",
    "adults",
    "young",
    "people",
    "people's",
    "parents",
    "parenting",
    "drug",
    "alcohol",
    "substance",
    "misuse",
    "domestic",
    "abuse",
    "violence",
    "women's",
    "men's",
    "education",
    "welfare",
    "police",
    "probation",
    "fire",
    "ambulance",
    "emergency",
    "nhs",
    "national",
    "trust",
    "foundation",
    "project",
    "partnership",
    "team",
    "teams",
    "unit",
    "clinic",
    "dental",
    "eye",
    "maternity",
    "paediatric",
    "children’s",
    "people’s",
    "women’s",
    "after",
    "breakfast",
    "holiday",
    "homework",
    "baby",
    "toddler",
    "toddlers",
    "mother",
    "mothers",
    "pre-school",
    "preschool",
    "playgroup",
    "kindergarten",
    "independent",
    "state",
    "boarding",
    "comprehensive",
    "technical",
    "further",
    "higher",
    "sixth",
    "form",
    "secure",
    "pupil",
    "referral",
    "resource",
    "base",
    "specialist",
    "assessment",
    "treatment",
    "recovery",
    "advice",
    "information",
    "carers",
    "carer",
    "foster",
    "fostering",
    "adoption",
    "leaving",
    "aftercare",
    "homeless",
    "homelessness",
    "our",
    "new",
    "old",
    "main",
    "central",
    "general",
    "practice's",
    "school's",
    "this",
    "that",
    "his",
    "her",
    "their",
    "my",
    "your",
    "its",
    "council",
    "authority",
    "department",
    "local",
    "outreach",
    "intensive",
    "early",
    "help",
    "targeted",
    "universal",
    "specialist",
    "wellbeing",
    "counselling",
    "bereavement",
    "advocacy",
];

/// Small words that may sit inside a name ("Academy of St Joseph", "Church of the Nazarene").
const INSIDE: &[&str] = &["of", "the", "for", "on", "upon", "in", "de", "la", "le"];

struct Word {
    start: usize,
    end: usize,
    cap: bool,
}

/// The words of `text`, from the people detector's: each of its words is one word here, unless it
/// holds a combining mark (U+0300..U+036F, encoded from a CC or CD byte), which ends a word here
/// but not there; such a word is split again by [`words_between`]. Every other difference is in
/// what a word of theirs may run on over, which is more than here, and never less: a word here
/// never runs past the end of one of theirs, and no letter stands outside theirs.
fn words(text: &str, toks: &[Tok]) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let w = &bytes[t.start..t.end];
        if !t.ascii && w.iter().any(|&b| b == 0xCC || b == 0xCD) {
            words_between(text, t.start, t.end, &mut out);
            continue;
        }
        // Their "capitalised" also counts "al-Rashid": here only the first letter decides.
        let cap = if w[0] < 0x80 {
            w[0].is_ascii_uppercase()
        } else {
            text[t.start..].chars().next().is_some_and(char::is_uppercase)
        };
        out.push(Word { start: t.start, end: t.end, cap });
    }
    out
}

/// The words starting from `from` up to `to`, read from the text itself.
fn words_between(text: &str, from: usize, to: usize, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    // The character at `i` (not ASCII) and its length.
    let char_at = |i: usize| -> (char, usize) { text[i..].chars().next().map_or(('\0', 1), |c| (c, c.len_utf8())) };
    // Whether a letter (any script) starts at `i`.
    let letter_at = |i: usize| text[i..].starts_with(char::is_alphabetic);
    let mut i = from;
    while i < to {
        let b = bytes[i];
        // A word starts at a letter (any script); ASCII is decided from the byte alone.
        let (cap, n) = if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            (b.is_ascii_uppercase(), 1)
        } else if bytes[i..].starts_with("█".as_bytes()) {
            // Mask mode's █, often many in a row: not a letter.
            i += "█".len();
            continue;
        } else {
            let (c, n) = char_at(i);
            if !crate::chars::alphabetic(c) {
                i += n;
                continue;
            }
            (c.is_uppercase(), n)
        };
        let start = i;
        i += n;
        // It runs on over letters, and over an apostrophe or hyphen with a letter after it.
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                i = crate::chars::letters_end(bytes, i + 1);
            } else if b == b'\'' || b == b'-' {
                if !letter_at(i + 1) {
                    break;
                }
                i += 1;
            } else if b < 0x80 {
                break;
            } else {
                let (d, m) = char_at(i);
                if crate::chars::alphabetic(d) || (d == '’' && letter_at(i + m)) {
                    i += m;
                } else {
                    break;
                }
            }
        }
        out.push(Word { start, end: i, cap });
    }
}

/// Lowercase words, as bytes so that a word lowercased into a buffer needs no UTF-8 check.
type Set = crate::fast_hash::FastSet<&'static [u8]>;

/// A word list for ASCII words of up to 16 bytes, each packed into one number by [`pack16`], and
/// the same words as bytes for any other word.
struct Sets {
    packed: crate::fast_hash::FastSet<u128>,
    bytes: Set,
    /// For ASCII words. Most capitalised words in a record are names, which share no first
    /// letter, last letter and length with any listed word: they need no lookup.
    shapes: WordShapes,
}

impl Sets {
    fn new(words: &'static [&'static str]) -> Sets {
        Sets {
            packed: words.iter().filter_map(|w| pack16(w)).collect(),
            bytes: words.iter().map(|w| w.as_bytes()).collect(),
            shapes: WordShapes::new(words.iter().filter(|w| w.is_ascii()).map(|w| w.as_bytes())),
        }
    }

    /// Could the ASCII word `b` (not empty) be in the list? `false` is certain.
    fn may_hold(&self, b: &[u8]) -> bool {
        self.shapes.may_hold(b)
    }
}

static HEAD_SET: LazyLock<Sets> = LazyLock::new(|| Sets::new(HEADS));
static GENERIC_SET: LazyLock<Sets> = LazyLock::new(|| Sets::new(GENERIC));
static INSIDE_SET: LazyLock<Sets> = LazyLock::new(|| Sets::new(INSIDE));

/// Is `word` (any case) in `set`?
fn is(word: &str, set: &LazyLock<Sets>) -> bool {
    if word.is_ascii() && !word.is_empty() && !set.may_hold(word.as_bytes()) {
        return false;
    }
    match pack16(word) {
        Some(p) => set.packed.contains(&p),
        None => set.bytes.contains(word.to_lowercase().as_bytes()),
    }
}

/// Is `word` (any case) one of [`HEADS`]? A few length comparisons instead of a hash.
fn is_head(word: &str) -> bool {
    if !word.is_ascii() {
        return is(word, &HEAD_SET);
    }
    !word.is_empty()
        && HEAD_SET.may_hold(word.as_bytes())
        && HEADS.iter().any(|h| h.len() == word.len() && h.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
}

/// Can the words either side of this gap belong to one name? One space, or " & ", or "St. ".
fn tight(gap: &str, before: &str) -> bool {
    gap == " " || gap == " & " || (gap == ". " && matches!(before, "St" | "Dr"))
}

/// Finds the organisations in `text`, whose words the people detector has split (`toks`).
pub(crate) fn find(text: &str, toks: &[Tok], out: &mut Vec<Candidate>) {
    let ws = words(text, toks);
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].cap {
            i += 1;
            continue;
        }
        // The run of capitalised words (with small inside words) starting here.
        let mut j = i;
        let mut last_head: Option<usize> = None;
        let mut distinctive = false;
        loop {
            let w = &text[ws[j].start..ws[j].end];
            let lower_inside = !ws[j].cap && is(w, &INSIDE_SET);
            if !ws[j].cap && !lower_inside {
                break;
            }
            if ws[j].cap && j > i && distinctive && is_head(w) {
                // The first head after a distinctive word ends the name ("… Primary School").
                last_head = Some(j);
                break;
            } else if ws[j].cap && w.len() > 1 && !is(w, &GENERIC_SET) {
                distinctive = true;
            }
            if j + 1 >= ws.len() || !tight(&text[ws[j].end..ws[j + 1].start], w) {
                break;
            }
            j += 1;
        }
        if let Some(h) = last_head {
            // Extend over a following head ("Primary School", "Medical Practice").
            let mut end = h;
            while end + 1 < ws.len()
                && tight(&text[ws[end].end..ws[end + 1].start], "")
                && ws[end + 1].cap
                && is_head(&text[ws[end + 1].start..ws[end + 1].end])
            {
                end += 1;
            }
            let mut s = i;
            while s < end && !ws[s].cap {
                s += 1;
            }
            if text[ws[s].start..ws[s].end].eq_ignore_ascii_case("the") {
                s += 1;
            }
            let (start, stop) = (ws[s].start, ws[end].end);
            out.push(Candidate::plain(text, EntityKind::Organisation, start, stop));
            i = end + 1;
        } else if let Some(end) = saints_name(text, &ws, i, j) {
            // "St Mary's", "St. Anne's": a church or school even without "School" after it.
            out.push(Candidate::plain(text, EntityKind::Organisation, ws[i].start, ws[end].end));
            i = end + 1;
        } else {
            i = j + 1;
        }
    }
}

/// In the run `i..=j`, "St"/"Saint" then a possessive name: the index of the name word.
fn saints_name(text: &str, ws: &[Word], i: usize, j: usize) -> Option<usize> {
    let saint = matches!(&text[ws[i].start..ws[i].end], "St" | "Saint");
    let name = ws.get(i + 1).filter(|_| i < j && saint)?;
    let word = &text[name.start..name.end];
    (name.cap && (word.ends_with("'s") || word.ends_with("’s"))).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut found = Vec::new();
        crate::detect::person::find(text, &mut found, |toks, _| find(text, toks, &mut out));
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn words_from_the_people_detector_are_the_words_read_here() {
        let texts = [
            "",
            "held at Hillside High School, 10am",
            "She goes to St Mary's RC Primary and Kilmarnock Academy.",
            "Children’s Services and the Health Visiting Service were told.",
            "DC Özm\u{302}en came to Ayr Academy; Zoë and Łukasz. O'Neill-Smith's mum",
            "met al-Rashid at el-Sayed Mosque - Taylor & Hart Surgery. St. Anne's",
            "x\u{301}y \u{301}Abc Ab\u{301}\u{301}cd e\u{300}'s ’s Ab’ Ab’c ab-'c a--b '",
            "██████ ███ Child A at School 1, [address] 2. ÉCOLE Élan Ünal ΑΒΓ Ͱͱ ǅemal",
            "CAPITALS? just words' and 'quotes' - ok... 3rd 4th_ab9cd x_y",
            "no capitals here, just words' and 'quotes' - ok... ’s 3rd",
        ];
        for text in texts {
            let mut reference = Vec::new();
            words_between(text, 0, text.len(), &mut reference);
            let mut derived = None;
            let mut ignored = Vec::new();
            crate::detect::person::find(text, &mut ignored, |toks, _| {
                assert!(toks.iter().all(|t| t.ascii == text[t.start..t.end].is_ascii()), "{text}");
                derived = Some(words(text, toks));
            });
            let derived = derived.unwrap_or_default();
            let key = |ws: &[Word]| ws.iter().map(|w| (w.start, w.end, w.cap)).collect::<Vec<_>>();
            // A text without a capital letter gets no words from the people detector: none of
            // its words could start a name here.
            if key(&derived).is_empty() {
                assert!(reference.iter().all(|w| !w.cap), "{text}");
            } else {
                assert_eq!(key(&derived), key(&reference), "{text}");
            }
        }
    }

    #[test]
    fn named_schools_nurseries_and_practices() {
        assert_eq!(orgs("held at Hillside High School, 10am"), ["Hillside High School"]);
        assert_eq!(
            orgs("She goes to St Mary's RC Primary and Kilmarnock Academy."),
            ["St Mary's RC Primary", "Kilmarnock Academy"]
        );
        assert_eq!(orgs("Little Acorns Nursery called"), ["Little Acorns Nursery"]);
        assert_eq!(orgs("registered at Elm Tree Medical Practice."), ["Elm Tree Medical Practice"]);
        assert_eq!(
            orgs("The Riverside Family Centre and Oakfield Children's Centre"),
            ["Riverside Family Centre", "Oakfield Children's Centre"]
        );
        assert_eq!(orgs("Ayr United Football Club"), ["Ayr United Football Club"]);
        assert_eq!(orgs("Taylor & Hart Surgery"), ["Taylor & Hart Surgery"]);
        assert_eq!(orgs("She goes to St Mary's. St. Anne's is near."), ["St Mary's", "St. Anne's"]);
    }

    #[test]
    fn generic_services_stay() {
        assert!(orgs("Children's Services and the Health Visiting Service were told.").is_empty());
        assert!(orgs("The Primary School and the Family Centre. Health Centre.").is_empty());
        assert!(orgs("the school nurse, the high school").is_empty());
    }

    #[test]
    fn the_shape_filter_keeps_every_listed_word() {
        for (list, set) in [(HEADS, &HEAD_SET), (GENERIC, &GENERIC_SET), (INSIDE, &INSIDE_SET)] {
            for w in list {
                for form in [w.to_string(), w.to_uppercase(), w[..1].to_uppercase() + &w[1..]] {
                    assert!(is(&form, set), "{form}");
                }
            }
        }
        for w in HEADS {
            assert!(is_head(&w.to_uppercase()), "{w}");
        }
        assert!(!is("Hillside", &GENERIC_SET) && !is_head("Schools") && !is("X", &INSIDE_SET));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "School", "A School", "St. School", "X &", "’", "Zoë Academy", "St. Anne's School"] {
            let _ = orgs(t);
        }
        assert_eq!(orgs("St. Anne's School"), ["St. Anne's School"]);
    }
}
