//! UK street addresses, flats, house names and whole address lines.
//!
//! - A street is one to four capitalised name words and a suffix from `data/street-suffixes.txt`
//!   ("Mossgiel Road", "St Mary's Wynd", "King St"), after an optional house number ("14",
//!   "14a", "12-14", "14/3", "2F1") and flat ("Flat 2, ", "Flat 2/1 ", "2F1, "). A strong
//!   suffix (Road, Street, Avenue…) makes an address even without a number ("she lives on
//!   Mossgiel Road"); a weak one (Court, Place, Park, St…) needs a number, a cue before it
//!   ("lives at", "moved to") or a town or postcode after it, so "the High Court" and
//!   "Safe Place" stay. With a house number the street's words may be lowercase.
//! - A house name is one to three capitalised words and Cottage, House, Farm, Lodge, Mill, Barn,
//!   Manor, Villa… ("Rose Cottage", "The Old Mill", "Hillview House"); not "The House", nor a
//!   possessive ("Mum's House") or a service ("Family House", "Care House").
//! - "Flat 3" alone is an address.
//! - An address runs on along its line over comma-separated towns and a postcode ("Flat 2, 14
//!   Mossgiel Road, Kilmarnock, KA1 2AB" is one span); a town is only taken when its segment
//!   ends the line, the sentence, or meets a comma or postcode, so "14 Mossgiel Road, Mum said"
//!   stops at "Road".
//! - A line introduced by "Address:" ("Home address:", "Current address -") is hidden to the end
//!   of the line (or, if nothing follows on it, the next line), unless it is an email or web
//!   address label.
//!
//! The key is the normalised span, so the same address written twice gets one label.

use std::sync::LazyLock;

use super::postcode::{word_at, word_before};
use crate::entity::{Candidate, EntityKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
    House,
}

use crate::fast_hash::{FastMap, FastSet};

/// Street suffixes, lowercase ASCII bytes to strength.
static SUFFIXES: LazyLock<FastMap<Box<[u8]>, Strength>> = LazyLock::new(|| {
    include_str!("../../data/street-suffixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (word, strength) = l.split_once(' ')?;
            let strength = match strength.trim() {
                "strong" => Strength::Strong,
                "weak" => Strength::Weak,
                "house" => Strength::House,
                _ => return None,
            };
            Some((word.to_ascii_lowercase().into_bytes().into_boxed_slice(), strength))
        })
        .collect()
});

/// Welsh street types, which come before the name: lowercase word to strength (Strong or Weak).
static WELSH: LazyLock<FastMap<String, Strength>> = LazyLock::new(|| {
    include_str!("../../data/welsh-street-prefixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (word, strength) = l.split_once(' ')?;
            let strength = if strength.trim() == "strong" { Strength::Strong } else { Strength::Weak };
            Some((word.to_lowercase(), strength))
        })
        .collect()
});

/// Common English words: a run of capitalised words after a number that are all ordinary words
/// ("12 Years", "3 Children", "2 Police Officers") is not a street unless it ends in a suffix.
static ENGLISH: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/english-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// First names: "14 Kub Road, Jayden was at school" is a street and a person, not a town.
static FIRST_NAMES: LazyLock<FastSet<String>> = LazyLock::new(|| {
    include_str!("../../data/first-names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(&word.to_lowercase())
}

fn is_english(lower: &str) -> bool {
    ENGLISH.contains(lower) || ROLES.contains(&lower)
}

/// Family roles and words that start sentences in records: never a town or a street name.
const ROLES: [&str; 24] = [
    "mum", "dad", "mother", "father", "gran", "granny", "grandma", "grandad", "grandpa", "nan", "nana", "papa",
    "auntie", "aunt", "uncle", "baby", "child", "sister", "brother", "she", "he", "they", "we", "i",
];

/// Words after a number that make it a count, a time or a date, not a house number.
const NOT_STREET_START: [&str; 64] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "year",
    "years",
    "yrs",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "hrs",
    "minutes",
    "mins",
    "times",
    "children",
    "kids",
    "people",
    "adults",
    "siblings",
    "sessions",
    "visits",
    "pupils",
    "am",
    "pm",
    "percent",
    "miles",
    "nights",
    "of",
    "and",
    "or",
    "to",
    "x",
];

/// Words before a number that make it a section, room, year group or the like.
const COUNTERS: [&str; 49] = [
    "year",
    "years",
    "section",
    "room",
    "page",
    "ward",
    "level",
    "stage",
    "tier",
    "article",
    "bus",
    "route",
    "platform",
    "class",
    "group",
    "step",
    "part",
    "chapter",
    "schedule",
    "appendix",
    "item",
    "question",
    "session",
    "week",
    "day",
    "phase",
    "band",
    "grade",
    "key",
    "covid",
    "form",
    "box",
    "bed",
    "bay",
    "junction",
    "exit",
    "version",
    "option",
    "paragraph",
    "aged",
    "age",
    "review",
    "meeting",
    "plan",
    "visit",
    "child",
    "sibling",
    "adult",
    "person",
];

/// Where "address" (in any case) starts in `text`, in order. The word cannot overlap itself, so
/// these are all its occurrences. Found from its "d"s, which a vectorised search skips to.
fn address_words(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'd', b'D', bytes).filter_map(move |d| {
        let start = d.checked_sub(1)?;
        bytes.get(start..start + 7).filter(|w| w.eq_ignore_ascii_case(b"address")).map(|_| start)
    })
}

/// Capitalised words that end a street name looking backwards (sentence openers, cues).
const NOT_NAME: [&str; 28] = [
    "the", "a", "an", "on", "in", "at", "to", "from", "of", "and", "or", "near", "by", "off", "she", "he", "they",
    "we", "i", "mum", "dad", "lives", "moved", "visited", "address", "flat", "via", "into",
];

/// Titles: a street word after one is a surname.
const TITLES: [&str; 12] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr", "pc"];

/// First words of house names that are services or rooms, not homes.
const NOT_HOUSE: [&str; 22] = [
    "care",
    "foster",
    "safe",
    "open",
    "family",
    "respite",
    "halfway",
    "public",
    "guest",
    "play",
    "tree",
    "court",
    "opera",
    "big",
    "council",
    "police",
    "community",
    "youth",
    "drop",
    "recovery",
    "town",
    "whole",
];

/// Cues before a street with no number ("she lives on Mossgiel Park").
const CUES: [&str; 27] = [
    "lives on",
    "lives in",
    "lives at",
    "living on",
    "living in",
    "living at",
    "live on",
    "live in",
    "live at",
    "lived on",
    "lived in",
    "lived at",
    "moved to",
    "moved into",
    "moving to",
    "resides at",
    "resides on",
    "resides in",
    "residing at",
    "staying at",
    "staying on",
    "stays at",
    "stayed at",
    "address is",
    "address of",
    "home on",
    "home at",
];

pub(crate) fn find(text: &str, out: &mut Vec<Candidate>) {
    address_lines(text, out);
    let bytes = text.as_bytes();
    // `word_before`, answered from the byte before when it is ASCII.
    let glued = |i: usize| match i.checked_sub(1).map(|p| bytes[p]) {
        None => false,
        Some(p) if p < 0x80 => p.is_ascii_alphanumeric() || p == b'_',
        Some(_) => word_before(text, i),
    };
    let suffixes = &*BUCKETS;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            // Past a character beyond ASCII (mask mode's █, often many in a row), straight to the
            // next letter or digit: nothing in between can start an address.
            i = if b >= 0x80 { crate::chars::next_alphanumeric(bytes, i + 1) } else { i + 1 };
            continue;
        }
        if b.is_ascii_digit() {
            if glued(i) {
                i += 1;
            } else {
                i = numbered_street(text, i, out);
            }
            continue;
        }
        if glued(i) {
            // Inside a word: so is every letter, digit and underscore up to its end.
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            continue;
        }
        let e = crate::chars::letters_end(bytes, i);
        // Only a street or house suffix, or the word for a flat, can end an address here: the
        // cheap tests come first.
        if e - i <= 10
            && ((suffixes.may_find(&bytes[i..e]) && lookup(&bytes[i..e]).is_some()) || flat_word(&text[i..e]))
            && !word_at(text, e)
        {
            if let Some((start, end)) = street_or_house(text, i, e) {
                push(text, start, end, out);
            } else if let Some(end) = flat_alone(text, i, e) {
                push(text, i, end, out);
            }
        }
        i = e;
    }
}

/// A house number at `i` followed by one to four capitalised words ("174 Joe Loop", "168 Clôs
/// Eirlys", "4 The Loan"), with a flat before and towns or a postcode after. Returns where the
/// scan goes on (past the number).
fn numbered_street(text: &str, i: usize, out: &mut Vec<Candidate>) -> usize {
    let bytes = text.as_bytes();
    let mut after = i;
    while after < bytes.len() && bytes[after].is_ascii_digit() {
        after += 1;
    }
    // Five digits or more are no house number (each part of one has at most four, and "2F1"
    // has a letter second): a phone number or a reference, passed over at once.
    if after - i >= 5 {
        return after;
    }
    let Some(num_end) = flat_number_at(text, i) else { return after };
    if !number_context_ok(text, i) {
        return after;
    }
    let Some(first) = gap_after(text, num_end)
        .or_else(|| (bytes.get(num_end) == Some(&b',')).then(|| gap_after(text, num_end + 1)).flatten())
    else {
        return after;
    };
    // The name words (at most four: in arrays, not allocated), and the same words lower-cased,
    // one after another in one buffer (`spans` into it, beside `words`).
    let mut words = [(0usize, 0usize); 4];
    let mut spans = [(0usize, 0usize); 4];
    let mut n = 0;
    let mut all_lower = String::new();
    let mut p = first;
    while n < 4 {
        let Some(we) = name_word_end(text, p) else { break };
        let w = &text[p..we];
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let ls = all_lower.len();
        push_lower(w, &mut all_lower);
        let lower = &all_lower[ls..];
        // "de Groot Drive": a particle may open the name if a capitalised word follows.
        let particle = PARTICLES.contains(&lower)
            && (n > 0 || gap_after(text, we).is_some_and(|g| text[g..].starts_with(char::is_uppercase)));
        if !(capital || particle) || (n > 0 && NOT_NAME.contains(&lower)) {
            all_lower.truncate(ls);
            break;
        }
        if n == 0 && (NOT_STREET_START.contains(&lower) || ROLES.contains(&lower)) {
            return after;
        }
        words[n] = (p, we);
        spans[n] = (ls, all_lower.len());
        n += 1;
        match gap_after(text, we) {
            Some(g) if word_at(text, g) => p = g,
            _ => break,
        }
    }
    // A trailing particle is not part of the name.
    while n > 1 && !text[words[n - 1].0..words[n - 1].1].starts_with(char::is_uppercase) {
        n -= 1;
    }
    let words = &words[..n];
    let (Some(&(ws, _)), Some(&(_, we))) = (words.first(), words.last()) else { return after };
    let mut lower_words = [""; 4];
    for (l, &(a, b)) in lower_words.iter_mut().zip(&spans[..n]) {
        *l = &all_lower[a..b];
    }
    let lowers = &lower_words[..n];
    let last_word = &text[words[words.len() - 1].0..we];
    // "Luigi Roads", "Jaleel Streets": a plural street type is a street type.
    let suffix = lookup(last_word.as_bytes()).is_some();
    let welsh = WELSH.contains_key(lowers[0]);
    let the = lowers[0] == "the" && words.len() > 1;
    let proper = lowers.iter().any(|w| !is_english(w) && !TITLES.contains(&w.trim_end_matches('.')));
    let forward = extend_forward(text, we);
    // "2 Police Officers", "4 Family Members": a count of ordinary things.
    let last_lower = lowers[lowers.len() - 1];
    let counted = last_lower.ends_with('s') && is_english(last_lower);
    // "In 2023 Amy Smith moved": a year, not a house number.
    let year = num_end - i == 4 && (text[i..].starts_with("19") || text[i..].starts_with("20"));
    // Without a street type, a name that is not all ordinary words: "2 Core Group Meeting" is a
    // heading, "174 Joe Loop" a street.
    // A town or postcode after it also makes it a street ("122 Block Branch, Vandervortborough").
    let ok = suffix
        || welsh
        || the
        || (!counted && !year && (proper || forward.is_some()) && (words.len() >= 2 || forward.is_some()));
    if !ok || (lowers[0] == "the" && words.len() == 1) {
        return after;
    }
    let start = flat_before(text, i).unwrap_or(i);
    push(text, start, forward.unwrap_or(we), out);
    // The street on its own, so that other mentions of it ("plays out on Joe Loop") are hidden too.
    if !the && lowers.len() >= 2 && (distinct_street(lowers) || forward.is_some()) {
        push(text, ws, we, out);
    }
    after
}

/// Lowercase words inside street names ("de Groot Drive", "Heol y Felin").
const PARTICLES: [&str; 12] = ["de", "van", "der", "den", "von", "la", "le", "du", "da", "di", "y", "yr"];

/// Whether a street name is unusual enough that its bare mentions are the same street.
fn distinct_street(lowers: &[&str]) -> bool {
    lowers.len() >= 2 && lowers[..lowers.len() - 1].iter().any(|w| !is_english(w))
}

/// A word of letters (any script), apostrophes and hyphens at `p`: its end.
fn name_word_end(text: &str, p: usize) -> Option<usize> {
    let mut end = p;
    for (k, c) in text[p..].char_indices() {
        if c.is_alphabetic() || (k > 0 && (combining(c) || matches!(c, '\'' | '’' | '-'))) {
            end = p + k + c.len_utf8();
        } else {
            break;
        }
        if k > 40 {
            return None;
        }
    }
    let w = text[p..end].trim_end_matches(['\'', '’', '-']);
    (!w.is_empty() && !text[p + w.len()..].starts_with(|c: char| c.is_ascii_digit())).then_some(p + w.len())
}

/// Whether the number at `i` may be a house number: not money, a time, part of a date or a list
/// ("£12", "10:30", "3/4", "Year 6", "Section 47").
fn number_context_ok(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if i > 0 && matches!(bytes[i - 1], b'/' | b'.' | b':' | b'-' | b'$' | b'#' | b'+' | b'(' | b'@') {
        return false;
    }
    if text[..i].ends_with('£') || text[..i].ends_with('€') {
        return false;
    }
    match gap_before(text, i).and_then(|g| prev_word(text, g)) {
        // "020 7946 0123 Amy Smith": the last group of a longer number.
        Some((_, w)) if w.ends_with(|c: char| c.is_ascii_digit()) && !w.contains(char::is_alphabetic) => false,
        Some((_, w)) => {
            // The counters are lower-case ASCII: an ASCII word is compared in place.
            let w = w.trim_end_matches('.');
            if w.is_ascii() {
                !COUNTERS.iter().any(|c| c.eq_ignore_ascii_case(w))
            } else {
                !COUNTERS.contains(&w.to_lowercase().as_str())
            }
        }
        None => true,
    }
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Candidate>) {
    out.push(Candidate::plain(text, EntityKind::Address, start, end));
}

/// The suffixes by first letter and length (up to 10), each packed into one number by
/// [`pack`]: a word is compared with the few that share both, with one integer comparison each.
/// Before that, `shapes` says whether any suffix has the word's first letter, last letter and
/// length at all, which most words fail.
struct Buckets {
    buckets: Vec<Vec<(u128, Strength)>>,
    /// The suffixes' first letters, last letters and lengths.
    shapes: crate::chars::WordShapes,
}

static BUCKETS: LazyLock<Buckets> = LazyLock::new(|| {
    // Only lower-case ASCII suffixes of up to ten letters are looked up.
    let kept =
        || SUFFIXES.iter().filter(|(w, _)| !w.is_empty() && w.len() <= 10 && w.iter().all(u8::is_ascii_lowercase));
    let mut buckets = vec![Vec::new(); 26 * 11];
    for (word, &strength) in kept() {
        buckets[usize::from(word[0] - b'a') * 11 + word.len()].push((pack(word), strength));
    }
    Buckets { buckets, shapes: crate::chars::WordShapes::new(kept().map(|(w, _)| &w[..])) }
});

/// Up to 16 bytes in one number, each with bit 5 set: for a lowercase ASCII letter that is the
/// letter itself, and a byte becomes a lowercase letter that way only if it is that letter in
/// either case. So for words of one length, equal packs of a word and a lowercase suffix mean
/// the two are equal ignoring ASCII case.
fn pack(word: &[u8]) -> u128 {
    word.iter().fold(0, |v, &b| (v << 8) | u128::from(b | 0x20))
}

fn lookup(word: &[u8]) -> Option<Strength> {
    match lookup_exact(word) {
        None if word.len() > 3 && word.last().is_some_and(|&b| b == b's' || b == b'S') => {
            // "Jaleel Streets", "Luigi Roads": a plural street type is a street type, but weak.
            lookup_exact(&word[..word.len() - 1]).filter(|&s| s != Strength::House).map(|_| Strength::Weak)
        }
        found => found,
    }
}

fn lookup_exact(word: &[u8]) -> Option<Strength> {
    let b = &*BUCKETS;
    if !b.may_hold(word) {
        return None;
    }
    let f = word[0].to_ascii_lowercase();
    let key = pack(word);
    b.buckets[usize::from(f - b'a') * 11 + word.len()].iter().find(|(w, _)| *w == key).map(|(_, s)| *s)
}

impl Buckets {
    /// Whether some suffix has the first letter, last letter and length of `word`.
    #[inline]
    fn may_hold(&self, word: &[u8]) -> bool {
        // Letters only at both ends: `lookup_exact` indexes its buckets by the first letter.
        let (Some(&f), Some(&l)) = (word.first(), word.last()) else { return false };
        f.is_ascii_alphabetic() && l.is_ascii_alphabetic() && word.len() <= 10 && self.shapes.may_hold(word)
    }

    /// Whether [`lookup`] can find anything for `word`: it or, for a plural, its singular may
    /// be a suffix.
    #[inline]
    fn may_find(&self, word: &[u8]) -> bool {
        self.may_hold(word)
            || (word.len() > 3
                && word.last().is_some_and(|&b| b == b's' || b == b'S')
                && self.may_hold(&word[..word.len() - 1]))
    }
}

/// A street or house name whose suffix is the word `s..e`: the whole span.
fn street_or_house(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let strength = lookup(&bytes[s..e])?;
    let lower_suffix = bytes[s].is_ascii_lowercase();
    // Name words, backwards.
    let mut names: Vec<(usize, &str)> = Vec::with_capacity(4);
    let mut pos = s;
    // Each word lower-cased in turn, in one reused buffer.
    let mut buf = String::new();
    while names.len() < 4 {
        let Some(g) = gap_before(text, pos) else { break };
        let Some((ws, w)) = prev_word(text, g) else { break };
        if w.as_bytes()[0].is_ascii_digit() {
            break;
        }
        let first = w.chars().next().unwrap_or(' ');
        buf.clear();
        push_lower(w, &mut buf);
        let lower = buf.as_str();
        let house_the = strength == Strength::House && lower == "the";
        if !house_the && NOT_NAME.contains(&lower.trim_end_matches('.')) {
            break;
        }
        // "de Koning Barn", "van der Veen Avenue": particles before a capitalised name word.
        let particle = !names.is_empty() && PARTICLES.contains(&lower);
        if !first.is_uppercase() && !lower_suffix && !particle {
            break;
        }
        names.push((ws, w));
        pos = ws;
        if house_the {
            break;
        }
    }
    let first_name = names.last().copied();
    let (name_start, _) = first_name?;
    let mut start = name_start;
    if strength == Strength::House {
        if lower_suffix
            || names.iter().any(|(_, w)| {
                !w.chars().next().is_some_and(char::is_uppercase) && !PARTICLES.contains(&w.to_lowercase().as_str())
            })
        {
            return None;
        }
        let real: Vec<&str> = names.iter().map(|(_, w)| *w).filter(|w| !w.eq_ignore_ascii_case("the")).collect();
        let first_real = real.last()?.to_lowercase();
        let titled = real.iter().any(|w| TITLES.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str()));
        if titled
            || NOT_HOUSE.contains(&first_real.as_str())
            || real.iter().any(|w| w.ends_with("'s") || w.ends_with("’s"))
        {
            return None;
        }
        let end = extend_forward(text, e).unwrap_or(e);
        return Some((start, end));
    }
    // A house number before the name, then perhaps a flat.
    let number = house_number_before(text, name_start);
    if let Some(ns) = number {
        start = flat_before(text, ns).unwrap_or(ns);
    } else if lower_suffix {
        return None;
    }
    // "Ms Rose Lane", "Dr Park": a titled person whose surname is a street word.
    if number.is_none()
        && names.iter().any(|(_, w)| TITLES.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let forward = extend_forward(text, e);
    let ok = match strength {
        Strength::Strong => number.is_some() || names.iter().all(|(_, w)| !w.eq_ignore_ascii_case("the")),
        _ => {
            number.is_some()
                || forward.is_some()
                || has_cue(text, name_start)
                || (place_word_before(text, name_start)
                    && names.iter().any(|(_, w)| !is_english(&w.to_lowercase()) && !w.eq_ignore_ascii_case("st")))
        }
    };
    ok.then_some((start, forward.unwrap_or(e)))
}

/// "Flat 3" or "Flat 2/1" with nothing after it that makes a street: the end of the span.
fn flat_alone(text: &str, s: usize, e: usize) -> Option<usize> {
    if !flat_word(&text[s..e]) {
        return None;
    }
    let g = gap_after(text, e)?;
    flat_number_at(text, g)
}

/// The words that open "Flat 3" alone.
fn flat_word(w: &str) -> bool {
    matches!(w.as_bytes().first(), Some(b'F' | b'A')) && matches!(w, "Flat" | "FLAT" | "Apartment" | "Apt")
}

/// A flat or house number token at `i` ("3", "2/1", "2F1", "14a", "12-14"): its end.
fn flat_number_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'/' || bytes[j] == b'-') && j - i < 12 {
        j += 1;
    }
    while j > i && matches!(bytes[j - 1], b'/' | b'-') {
        j -= 1;
    }
    (j > i && is_house_number(&bytes[i..j]) && !word_at(text, j)).then_some(j)
}

/// 14, 14a, 12-14, 14/3, 2/1, 2F1 (Edinburgh flat position).
fn is_house_number(t: &[u8]) -> bool {
    let part = |p: &[u8]| {
        let d = p.iter().take_while(|b| b.is_ascii_digit()).count();
        (1..=4).contains(&d) && (p.len() == d || p.len() == d + 1 && p[d].is_ascii_alphabetic())
    };
    if t.len() >= 3
        && t[0].is_ascii_digit()
        && t[1].eq_ignore_ascii_case(&b'f')
        && t[2..].iter().all(u8::is_ascii_digit)
    {
        return t.len() <= 4;
    }
    match t.iter().position(|&b| b == b'/' || b == b'-') {
        Some(p) => part(&t[..p]) && part(&t[p + 1..]),
        None => part(t),
    }
}

/// The start of a house number just before `name_start` ("14 ", "14, ", "14a ").
fn house_number_before(text: &str, name_start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = gap_before(text, name_start)?;
    if p > 0 && bytes[p - 1] == b',' {
        p -= 1;
    }
    let end = p;
    let mut s = end;
    while s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || matches!(bytes[s - 1], b'/' | b'-')) && end - s < 12 {
        s -= 1;
    }
    (s < end && !word_before(text, s) && is_house_number(&bytes[s..end])).then_some(s)
}

/// The start of a flat before a house number: "Flat 2, ", "Flat 2/1 ", "2F1, ", "Apartment 4, ".
fn flat_before(text: &str, number_start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = gap_before(text, number_start)
        .or_else(|| (number_start > 0 && bytes[number_start - 1] == b',').then(|| number_start - 1))?;
    if p > 0 && bytes[p - 1] == b',' {
        p -= 1;
    }
    let end = p;
    let mut s = end;
    while s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'/') && end - s < 8 {
        s -= 1;
    }
    if s == end || word_before(text, s) || !is_house_number(&bytes[s..end]) {
        return None;
    }
    let flat_word = gap_before(text, s).and_then(|g| prev_word(text, g)).filter(|(_, w)| {
        ["flat", "apartment", "apt", "unit", "flat no", "no"].contains(&w.to_lowercase().trim_end_matches('.'))
    });
    match flat_word {
        Some((ws, _)) => Some(ws),
        // Without the word, only flat shapes: "2F1, 10 Leith Walk", "2/1, 14 …".
        None if bytes[s..end].iter().any(|&b| b == b'/' || b == b'F' || b == b'f') => Some(s),
        None => None,
    }
}

/// Comma-separated towns and a postcode after a street on the same line: the new end.
fn extend_forward(text: &str, e: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = e;
    let mut extended = false;
    // Each word lower-cased in turn, in one reused buffer.
    let mut buf = String::new();
    for _ in 0..4 {
        let comma = bytes.get(end) == Some(&b',');
        let q = if comma { gap_after(text, end + 1).unwrap_or(end + 1) } else { gap_after(text, end)? };
        if let Some(pe) = postcode_at(text, q) {
            return Some(pe);
        }
        if !comma {
            break;
        }
        if let Some(pe) = super::postcode::outward_only_at(text, q) {
            return Some(pe);
        }
        // A town: capitalised words, then the end of the segment.
        let mut r = q;
        let mut words = 0;
        let mut proper = false;
        let mut street = false;
        let mut last_end = q;
        while words < 4 {
            let Some(w) = name_word_end(text, r) else { break };
            let word = &text[r..w];
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            buf.clear();
            push_lower(word, &mut buf);
            let lower = buf.as_str();
            // Inside a town: "Newcastle upon Tyne", "Stoke on Trent", or a lowercase last word
            // just before the postcode.
            let inner = words > 0
                && !capital
                && (TOWN_CONNECTORS.contains(&lower)
                    || (!is_english(lower) && ends_segment(text, w))
                    || gap_after(text, w)
                        .or_else(|| (bytes.get(w) == Some(&b',')).then(|| gap_after(text, w + 1)).flatten())
                        .is_some_and(|g| postcode_at(text, g).is_some()));
            if word_at(text, w) || (!inner && (!capital || NOT_NAME.contains(&lower))) {
                break;
            }
            proper |= !is_english(lower);
            street |= (words == 0 && WELSH.contains_key(lower)) || lookup(word.as_bytes()).is_some();
            words += 1;
            r = w;
            last_end = w;
            match gap_after(text, r) {
                Some(g) if text[g..].starts_with(char::is_alphabetic) => {
                    if let Some(pe) = postcode_at(text, g) {
                        return Some(pe);
                    }
                    r = g;
                }
                _ => break,
            }
        }
        // Step back over a trailing gap taken before a word that did not fit.
        let r_end = text[..r].trim_end_matches([' ', '\u{a0}']).len();
        // "…, Social Worker", "…, Team Manager": ordinary words are a job, not a town.
        let job = words >= 2 && !proper && !street;
        let seg_ok = words > 0
            && !job
            && (r_end == bytes.len() || matches!(bytes[r_end], b',' | b'.' | b';' | b')' | b'\n' | b'\r'))
            && r_end == r;
        // A town or street that prose runs on from ("at 174 Joe Loop, Kemmermouth and is …"):
        // taken if it is a proper name or a street, not "Mum said".
        let runs_on = words > 0
            && (proper || street)
            && !(words == 1 && !street && is_first_name(&text[q..last_end]))
            && gap_after(text, last_end).is_some_and(|g| bytes.get(g).is_some_and(u8::is_ascii_lowercase));
        if runs_on {
            return Some(last_end);
        }
        if !seg_ok {
            break;
        }
        end = r_end;
        extended = true;
        if bytes.get(end) != Some(&b',') {
            break;
        }
    }
    extended.then_some(end)
}

fn postcode_at(text: &str, q: usize) -> Option<usize> {
    let mut out = Vec::new();
    let probe_end = (q + 9).min(text.len());
    let mut pe = probe_end;
    while !text.is_char_boundary(pe) {
        pe -= 1;
    }
    // Probe a short slice so this stays constant-time.
    let slice = &text[q..pe];
    super::postcode::find(slice, &mut out);
    let c = out.first().filter(|c| c.start == 0 && c.kind == EntityKind::Postcode)?;
    (!word_at(text, q + c.end)).then_some(q + c.end)
}

/// Whether an address segment ends at `w`: punctuation, the end of the line or a postcode.
fn ends_segment(text: &str, w: usize) -> bool {
    match text.as_bytes().get(w) {
        None | Some(b',' | b'.' | b';' | b'\n' | b'\r') => true,
        _ => gap_after(text, w).is_some_and(|g| postcode_at(text, g).is_some()),
    }
}

/// Lowercase words inside town names.
const TOWN_CONNECTORS: [&str; 8] = ["upon", "on", "under", "by", "le", "next", "super", "in"];

/// Whether a preposition of place comes just before `start` ("plays out on Kautzer Court", "the
/// end of Labat Walk"): with a name that is not an ordinary word, a weak suffix is then a street.
fn place_word_before(text: &str, start: usize) -> bool {
    gap_before(text, start).and_then(|g| prev_word(text, g)).is_some_and(|(_, w)| {
        [
            "on", "along", "down", "up", "off", "near", "of", "from", "to", "into", "onto", "via", "at", "in", "round",
            "around", "past", "towards",
        ]
        .contains(&w.to_ascii_lowercase().as_str())
    })
}

/// Unicode combining marks (text in decomposed form: "o" and U+0308 for "ö").
fn combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Whether a cue such as "lives on" ends just before `start`.
fn has_cue(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end().to_ascii_lowercase();
    let before = before.strip_suffix(" the").unwrap_or(&before);
    CUES.iter().any(|c| before.ends_with(c))
}

/// The position before one or two spaces (or non-breaking spaces) ending at `pos`, on one line.
fn gap_before(text: &str, pos: usize) -> Option<usize> {
    let mut p = pos;
    let mut n = 0;
    while n < 2 {
        if text[..p].ends_with(' ') {
            p -= 1;
        } else if text[..p].ends_with('\u{a0}') {
            p -= 2;
        } else {
            break;
        }
        n += 1;
    }
    (n > 0).then_some(p)
}

/// The position after one or two spaces (or non-breaking spaces) from `pos`, on one line.
fn gap_after(text: &str, pos: usize) -> Option<usize> {
    let mut p = pos;
    let mut n = 0;
    while n < 2 {
        if text[p..].starts_with(' ') {
            p += 1;
        } else if text[p..].starts_with('\u{a0}') {
            p += 2;
        } else {
            break;
        }
        n += 1;
    }
    (n > 0).then_some(p)
}

/// The word ending at `end` (letters, digits, apostrophes, hyphens, a final dot): its start.
fn prev_word(text: &str, end: usize) -> Option<(usize, &str)> {
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev().take(30) {
        if c.is_alphanumeric() || combining(c) || matches!(c, '\'' | '’' | '-') || (c == '.' && i + 1 == end) {
            start = i;
        } else {
            break;
        }
    }
    let w = text[start..end].trim_start_matches(['\'', '’', '-']);
    let start = end - w.len();
    (!w.is_empty() && !word_before(text, start)).then_some((start, w))
}

/// "Address: …" to the end of the line.
fn address_lines(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut covered_to = 0;
    for m_start in address_words(text) {
        let m_end = m_start + "address".len();
        if m_start < covered_to || word_before(text, m_start) || word_at(text, m_end) {
            continue;
        }
        let mut from = m_start.saturating_sub(10);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let lead = text[from..m_start].trim_end().to_ascii_lowercase();
        if lead.ends_with("email") || lead.ends_with("e-mail") || lead.ends_with("web") || lead.ends_with("ip") {
            continue;
        }
        // The label: "Address:", "Address -", "Address (home):".
        let mut p = m_end;
        while p < bytes.len() && bytes[p] == b' ' {
            p += 1;
        }
        if bytes.get(p) == Some(&b'(') {
            match text[p..].find(')') {
                Some(c) if c < 20 => p += c + 1,
                _ => continue,
            }
        }
        match bytes.get(p) {
            Some(b':') => p += 1,
            Some(b'-') if bytes.get(p + 1) == Some(&b' ') => p += 1,
            _ => continue,
        }
        // Lines are read at most 400 bytes far (no address is longer), so that a long line full of
        // "address:" stays linear.
        let line_end = |from: usize| {
            let mut limit = (from + 400).min(text.len());
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            text[from..limit].find(['\n', '\r']).map_or(limit, |n| from + n)
        };
        let mut s = p;
        let mut e = line_end(p);
        if text[s..e].trim().is_empty() {
            // The address is on the next line.
            s = e;
            while s < bytes.len() && matches!(bytes[s], b'\n' | b'\r') {
                s += 1;
            }
            e = line_end(s);
        }
        let e = sentence_end(text, s, e);
        let value = &text[s..e];
        let trimmed = value.trim_start();
        let s = s + (value.len() - trimmed.len());
        // Not a full stop or comma after it: they belong to the sentence.
        let mut e = s + trimmed.trim_end().trim_end_matches(['.', ',', ';']).trim_end().len();
        // The lines after it that read as more of the address: a town, a postcode.
        if e == line_end(s) || text[e..line_end(e)].trim().is_empty() {
            let mut next = line_end(e);
            for _ in 0..4 {
                let ls = next + usize::from(text[next..].starts_with("\r\n")) + 1;
                if ls >= text.len() || !text[next..].starts_with(['\n', '\r']) {
                    break;
                }
                let le = line_end(ls);
                let line = text[ls..le].trim();
                if !address_line(line) {
                    break;
                }
                e = ls + (text[ls..le].len() - text[ls..le].trim_start().len()) + line.len();
                next = le;
            }
        }
        if s < e {
            push(text, s, e, out);
            covered_to = e;
        }
    }
}

/// Where an address given after a label ends on its line: at a full stop and a capital
/// ("Address: 179 Lockman Shoal, Sauerview. Tiago told me …"), unless the dot ends an
/// abbreviation ("St. Mary's Road") or an initial.
fn sentence_end(text: &str, s: usize, e: usize) -> usize {
    let bytes = text.as_bytes();
    let mut p = s;
    while let Some(d) = text[p..e].find(". ") {
        let dot = p + d;
        let next = text[dot + 1..e].trim_start();
        let word = prev_word(text, dot).map_or("", |(_, w)| w);
        let abbreviation = word.chars().count() == 1 && word.starts_with(char::is_alphabetic)
            || ["st", "rd", "ave", "dr", "no", "mt", "ft", "pl", "sq", "ct", "cres", "gdns", "tce", "flat", "apt"]
                .contains(&word.to_ascii_lowercase().as_str());
        if next.starts_with(char::is_uppercase) && !abbreviation && dot > s && !bytes[dot - 1].is_ascii_whitespace() {
            return dot;
        }
        p = dot + 1;
    }
    e
}

/// A line that continues an address block: a few capitalised words ("New Ellis Watkins burgh",
/// "Clarabury") or a postcode, with no label ("NHS number: …") and no sentence in it.
fn address_line(line: &str) -> bool {
    if line.is_empty() || line.len() > 60 || line.contains([':', '.', '!', '?', '@']) {
        return false;
    }
    let mut pc = Vec::new();
    super::postcode::find(line, &mut pc);
    if pc.first().is_some_and(|c| c.start == 0 && c.end == line.len()) {
        return true;
    }
    let words: Vec<&str> = line.split([' ', ',', '\u{a0}']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 6 || !line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    // A heading ("Next steps", "Summary") is ordinary words only.
    let proper = words.iter().any(|w| {
        let lower = w.to_lowercase();
        w.starts_with(|c: char| c.is_ascii_digit()) || !is_english(lower.trim_matches(|c: char| !c.is_alphabetic()))
    });
    let n = words.len();
    proper
        && words.iter().enumerate().all(|(k, w)| {
            let lower = w.to_lowercase();
            // "New Ellis Watkins burgh", "West Gareth Merwin town": a town written with its ending apart.
            if k > 0 && k + 1 == n && w.chars().all(char::is_lowercase) && !ROLES.contains(&lower.as_str()) {
                return true;
            }
            if ROLES.contains(&lower.as_str()) {
                return false;
            }
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || PARTICLES.contains(&lower.as_str())
                || ["upon", "on", "under", "in", "by", "the", "next", "super"].contains(&lower.as_str())
                || (w.chars().all(char::is_alphabetic) && !is_english(&lower))
        })
}

/// Writes `word` lower-cased to the end of `out`, exactly as [`str::to_lowercase`] would give it,
/// without a new allocation for each word.
fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_lower_case_ascii() {
        assert!(COUNTERS.iter().all(|c| c.is_ascii() && *c == c.to_lowercase()));
        assert!(!number_context_ok("Year 6 class", 5) && !number_context_ok("SECTION. 47", 9));
        assert!(number_context_ok("lives at 14 Mossgiel Road", 9));
    }

    #[test]
    fn five_digits_are_never_a_house_number() {
        for t in ["12345", "07700 900123", "12345/6", "12345-7 Road", "123456a", "99999F1", "10000"] {
            assert_eq!(flat_number_at(t, 0), None, "{t}");
        }
        assert_eq!(flat_number_at("1234 Road", 0), Some(4));
    }

    #[test]
    fn address_words_are_every_occurrence_in_any_case() {
        let text = "Address: x. ADDRESS, addresses; dd AdDrEsS maddress ad dress addres";
        let naive: Vec<usize> = (0..text.len().saturating_sub(6))
            .filter(|&i| text.as_bytes()[i..i + 7].eq_ignore_ascii_case(b"address"))
            .collect();
        assert_eq!(address_words(text).collect::<Vec<_>>(), naive);
        assert_eq!(naive.len(), 5);
    }

    #[test]
    fn packed_suffixes_match_only_their_own_letters() {
        assert_eq!(lookup(b"RoAd"), Some(Strength::Strong));
        // Bytes that become letters with bit 5 set only from their own letter.
        assert_eq!(lookup(b"R@ad"), None);
        assert_eq!(lookup(b"Ro\xc1d"), None);
    }

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        let out = crate::merge::merge(out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn the_suffix_list_loads() {
        assert_eq!(lookup(b"ROAD"), Some(Strength::Strong));
        assert_eq!(lookup(b"court"), Some(Strength::Weak));
        assert_eq!(lookup(b"Cottage"), Some(Strength::House));
        assert_eq!(lookup(b"Children"), None);
    }

    #[test]
    fn streets_with_numbers() {
        for a in [
            "14 Mossgiel Road",
            "14a Mossgiel Rd",
            "12-14 High Street",
            "22 King St",
            "14/3 Leith Walk",
            "3 St Mary's Wynd",
            "7 Burns Court",
            "101 Lady Jane Gate",
            "9 O'Neill Place",
            "14, Mossgiel Road",
            "14 mossgiel road",
        ] {
            let text = format!("They live at {a} now.");
            assert_eq!(found(&text), [a], "{a}");
        }
    }

    #[test]
    fn flats() {
        assert_eq!(found("at Flat 2, 14 Mossgiel Road today"), ["Flat 2, 14 Mossgiel Road"]);
        assert_eq!(found("at Flat 2/1, 14 Mossgiel Road today"), ["Flat 2/1, 14 Mossgiel Road"]);
        assert_eq!(found("Flat 3, 22 King St."), ["Flat 3, 22 King St"]);
        assert_eq!(found("2F1, 10 Leith Walk"), ["2F1, 10 Leith Walk"]);
        assert_eq!(found("Mum's flat is Flat 2/1 now"), ["Flat 2/1"]);
    }

    #[test]
    fn whole_address_lines() {
        assert_eq!(
            found("Flat 2, 14 Mossgiel Road, Kilmarnock, KA1 2AB. Seen"),
            ["Flat 2, 14 Mossgiel Road, Kilmarnock, KA1 2AB"]
        );
        assert_eq!(found("14 Mossgiel Road, East Kilbride\nNext"), ["14 Mossgiel Road, East Kilbride"]);
        assert_eq!(found("14 Mossgiel Road KA1 2AB"), ["14 Mossgiel Road KA1 2AB"]);
        assert_eq!(found("14 Mossgiel Road, Glasgow G12 8QQ."), ["14 Mossgiel Road, Glasgow G12 8QQ"]);
        assert_eq!(found("14 Mossgiel Road, Kilmarnock, KA1."), ["14 Mossgiel Road, Kilmarnock, KA1"]);
        assert_eq!(found("14 Mossgiel Road, Mum said"), ["14 Mossgiel Road"]);
        assert_eq!(found("14 Mossgiel Road, where Amy lives"), ["14 Mossgiel Road"]);
    }

    #[test]
    fn streets_without_numbers() {
        assert_eq!(found("she lives on Mossgiel Road with Gran"), ["Mossgiel Road"]);
        assert_eq!(found("met on Princes Street"), ["Princes Street"]);
        assert_eq!(found("she lives on Burns Court"), ["Burns Court"]);
        assert_eq!(found("moved to Hillview Park, Ayr."), ["Hillview Park, Ayr"]);
    }

    #[test]
    fn house_names() {
        for h in ["Rose Cottage", "The Old Mill", "Hillview House", "Braeside Farm", "Ivy Lodge"] {
            let text = format!("They live at {h}, with Gran.");
            assert_eq!(found(&text), [h], "{h}");
        }
        assert_eq!(found("Rose Cottage, Mauchline, KA5 6AA"), ["Rose Cottage, Mauchline, KA5 6AA"]);
    }

    #[test]
    fn address_labels() {
        assert_eq!(found("Address: 4 The Loan, Mauchline\nDOB: x"), ["4 The Loan, Mauchline"]);
        assert_eq!(found("Home address:\n  Rose Cottage, Mauchline  \nNext"), ["Rose Cottage, Mauchline"]);
        assert_eq!(found("Current Address - Braeside\n"), ["Braeside"]);
        assert!(found("Email address: x").is_empty());
        assert!(found("we addressed the issue; address the concerns").is_empty());
    }

    #[test]
    fn a_house_number_and_any_capitalised_words() {
        for a in [
            "174 Joe Loop",
            "194 Wintheiser Mountain",
            "134 Flatley Brae",
            "122 Block Branch, Vandervortborough",
            "20 Maximus Neck",
            "168 Clôs Eirlys",
            "4 The Loan",
            "122 de Groot Drive",
            "7a Ffordd y Felin",
            "12-14 Luigi Roads",
        ] {
            let text = format!("the children stay with her at {a} most weekends.");
            assert_eq!(found(&text), [a], "{a}");
        }
        assert_eq!(found("Unit 3, 20 Maximus Neck"), ["Unit 3, 20 Maximus Neck"]);
        assert_eq!(found("Flat 0/1, 122 de Groot Drive"), ["Flat 0/1, 122 de Groot Drive"]);
    }

    #[test]
    fn counts_times_and_dates_after_a_number_are_not_streets() {
        for t in [
            "aged 12 Years",
            "has 3 Children",
            "on 12 March 2024",
            "at 10 Mum arrived",
            "for 2 Weeks",
            "Year 6 Class",
            "Section 47 Strategy Meeting",
            "£12 Tesco Voucher",
            "at 10:30 Amy Smith",
            "Room 12 Family Centre",
            "Key Stage 2 SATs",
            "page 4 The Plan",
            "3 Police",
            "2 Police Officers came",
            "In 2023 Amy Smith moved",
            "Age 15 Jayden Smith",
            "Review 2 Core Group Meeting held",
            "She scored 3 Goals Today",
            "ring 020 7946 0123 Amy Smith",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn towns_after_a_street_in_prose() {
        assert_eq!(
            found("Thomas lives nearby at 174 Joe Loop, Kemmermouth and is a protective factor."),
            ["174 Joe Loop, Kemmermouth"]
        );
        assert_eq!(
            found(
                "A letter was sent to Mrs Mariani at Flat 11, 134 Flatley Brae, New Kristina Murazikfort confirming it."
            ),
            ["Flat 11, 134 Flatley Brae, New Kristina Murazikfort"]
        );
        assert_eq!(found("at 3 Kub Road, Newcastle upon Tyne, NE1 4XF."), ["3 Kub Road, Newcastle upon Tyne, NE1 4XF"]);
        assert_eq!(found("at 3 Kub Road, Lake Guinn port KA1 2AB and"), ["3 Kub Road, Lake Guinn port KA1 2AB"]);
        assert_eq!(found("14 Mossgiel Road, Mum said"), ["14 Mossgiel Road"]);
        assert_eq!(found("14 Mossgiel Road, Social Worker."), ["14 Mossgiel Road"]);
        assert_eq!(found("We visited 14 Kub Road, Jayden was at school."), ["14 Kub Road"]);
    }

    #[test]
    fn the_street_alone_is_found_again_elsewhere() {
        let mut out = Vec::new();
        find("at 20 Maximus Neck today", &mut out);
        assert!(out.iter().any(|c| c.key == "maximus neck"), "{out:?}");
        assert!(found("Child 1 Amy Smith, Child 2 Tom Smith").is_empty());
    }

    #[test]
    fn streets_after_a_place_word() {
        assert_eq!(found("Arwyn plays out on Kautzer Court with the others"), ["Kautzer Court"]);
        assert_eq!(found("the shops at the end of Labat Walk."), ["Labat Walk"]);
        assert_eq!(found("plays out on Jaleel Streets after school"), ["Jaleel Streets"]);
        assert!(found("went on the Park Walk").is_empty());
    }

    #[test]
    fn house_names_with_a_street_and_particles() {
        assert_eq!(
            found("at D'Angelo Villa, Ab Owain Crescent, Clarabury and"),
            ["D'Angelo Villa, Ab Owain Crescent, Clarabury"]
        );
        assert_eq!(found("at Rose Cottage, Mill Lane most weekends"), ["Rose Cottage, Mill Lane"]);
        assert_eq!(found("at de Koning Barn, Wunsch Circles."), ["de Koning Barn, Wunsch Circles"]);
        assert_eq!(found("at O\u{308}zmen Barn today"), ["O\u{308}zmen Barn"]);
    }

    #[test]
    fn address_blocks_over_several_lines() {
        let text = "Address: Flat 0/1, 122 de Groot Drive\nClarabury\nD3 4WB\nNHS number: 893 971 4652\n";
        assert_eq!(found(text), ["Flat 0/1, 122 de Groot Drive\nClarabury\nD3 4WB"]);
        let text = "Address: D'Angelo Villa, Ab Owain Crescent\nNew Ellis Watkins burgh\nJ3 9EF\n\nNotes";
        assert_eq!(found(text), ["D'Angelo Villa, Ab Owain Crescent\nNew Ellis Watkins burgh\nJ3 9EF"]);
        let text = "Address: 168 Clôs Eirlys\r\nSmithbury\r\nW8 3GX\r\nParent: Amy";
        assert_eq!(found(text), ["168 Clôs Eirlys\r\nSmithbury\r\nW8 3GX"]);
        // Prose and headings after the address are not part of it.
        assert_eq!(found("Address: 14 Kub Road\nMum was tired.\n"), ["14 Kub Road"]);
        assert_eq!(found("Address: 14 Kub Road\nNext steps\n"), ["14 Kub Road"]);
    }

    #[test]
    fn an_address_label_stops_at_the_end_of_the_sentence() {
        assert_eq!(
            found("Address: 179 Lockman Shoal, Sauerview. Tiago told me that Marjon shouts."),
            ["179 Lockman Shoal, Sauerview"]
        );
        assert_eq!(found("Address: 2 St. Mary's Road, Ayr. Seen"), ["2 St. Mary's Road, Ayr"]);
        assert_eq!(found("Address: Rose Cottage, Ayr. \nNext"), ["Rose Cottage, Ayr"]);
        assert_eq!(found("Address: [address]. Dad came"), ["[address]"]);
    }

    #[test]
    fn a_long_line_of_address_labels_is_read_in_linear_time() {
        let text = "Address: x. ".repeat(20_000);
        let start = std::time::Instant::now();
        assert!(!found(&text).is_empty());
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        let text = format!("Address: {}", "é".repeat(300));
        assert_eq!(found(&text).len(), 1);
    }

    #[test]
    fn not_addresses() {
        for t in [
            "Children's Services",
            "went to the Park",
            "the High Court ruled",
            "Sheriff Court",
            "a Safe Place to talk",
            "The House was cold",
            "Mum's House",
            "Care House staff",
            "Road safety and the Road Traffic Act",
            "saw Dr Patel and St Mary",
            "Year 6 class",
            "ran down the road",
            "Family House",
            "Ms Lane said",
            "Ms Rose Lane and Dr Amy Park, Ayr.",
            "Mrs Grove",
            "Mr Mill and Dr House",
            "",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn unicode_around() {
        assert_eq!(found("Zoë’s home: “14 Mossgiel Road”—nice"), ["14 Mossgiel Road"]);
        assert_eq!(found("14\u{a0}Mossgiel\u{a0}Road"), ["14\u{a0}Mossgiel\u{a0}Road"]);
        assert_eq!(found("lives on Rue Émile Zola Street"), ["Rue Émile Zola Street"]);
    }
}
