//! English syllable counting.
//!
//! A heuristic counter: vowel groups, with the usual English corrections (silent final "e",
//! syllabic "-le"/"-re", silent "-es"/"-ed", "-ism", vowel pairs that are two syllables such as
//! "ia", "io", "iu", "ua", "-ing" after a vowel, silent "e" before "-ly"/"-ment"/"-ful"/"-less"/
//! "-ness", compounds such as "some-", "safe-", "every-") and a small table of exceptions. It
//! agrees with dictionary counts for the great majority of everyday words; Flesch scores only
//! need the average to be right.
//!
//! No allocation: letters are folded to ASCII lowercase into a small stack buffer.

/// Longest word part handled by the full rules; longer parts fall back to counting vowel groups.
const MAX: usize = 40;

/// Counts the syllables of one English word.
///
/// Apostrophes and full stops are ignored ("Pip's" is "pips", "T.V" is "tv"); other non-letters
/// (hyphens, slashes, digits) separate parts that are counted on their own ("well-balanced" is
/// "well" + "balanced"). A word with no letters, such as "500", counts as one syllable. Never
/// returns 0.
pub fn syllables(word: &str) -> u32 {
    if let Some(n) = initialism(word) {
        return n;
    }
    let mut buf = [0u8; MAX];
    let mut n = 0;
    let mut overflow = 0u32;
    let mut upper = 0;
    let mut total = 0;
    let mut flush = |buf: &[u8; MAX], n: &mut usize, overflow: &mut u32, upper: &mut usize| {
        if *n > 0 {
            let part = &buf[..*n];
            total += if *overflow > 0 {
                vowel_groups(part) + *overflow
            } else if *n >= 2 && *upper == *n && vowel_groups(part) == 0 {
                // Capitals with no vowel are read letter by letter: "NHS", "CCTV", "GP".
                spelled(part)
            } else {
                count_part(part)
            };
        }
        *n = 0;
        *overflow = 0;
        *upper = 0;
    };
    let push = |buf: &mut [u8; MAX], n: &mut usize, overflow: &mut u32, b: u8| {
        if *n < MAX {
            buf[*n] = b;
            *n += 1;
        } else if matches!(b, b'a' | b'e' | b'i' | b'o' | b'u') {
            // Very long "words" (URLs, run-together text): a rough count is enough.
            *overflow += 1;
        }
    };
    if word.is_ascii() {
        for &b in word.as_bytes() {
            match b {
                b'a'..=b'z' => push(&mut buf, &mut n, &mut overflow, b),
                b'A'..=b'Z' => {
                    upper += 1;
                    push(&mut buf, &mut n, &mut overflow, b | 0x20)
                }
                b'\'' | b'.' => {}
                _ => flush(&buf, &mut n, &mut overflow, &mut upper),
            }
        }
    } else {
        for c in word.chars() {
            match fold(c) {
                Fold::Letter(b) => push(&mut buf, &mut n, &mut overflow, b),
                Fold::Ignore => {}
                Fold::Break => flush(&buf, &mut n, &mut overflow, &mut upper),
            }
        }
    }
    flush(&buf, &mut n, &mut overflow, &mut upper);
    total.max(1)
}

/// Syllables of letters said one by one ("w" is "double-u").
fn spelled(letters: &[u8]) -> u32 {
    letters.iter().map(|&b| if b == b'w' { 3 } else { 1 }).sum()
}

/// Dotted initialisms are read letter by letter: "T.V.", "e.g.", "U.K.", "a.m.".
fn initialism(word: &str) -> Option<u32> {
    let b = word.as_bytes();
    let core = b.strip_suffix(b".").unwrap_or(b);
    if core.len() < 3 || core.len().is_multiple_of(2) {
        return None;
    }
    let mut letters = [0u8; 8];
    for (k, &c) in core.iter().enumerate() {
        if k % 2 == 1 {
            if c != b'.' {
                return None;
            }
        } else if c.is_ascii_alphabetic() && k / 2 < letters.len() {
            letters[k / 2] = c.to_ascii_lowercase();
        } else {
            return None;
        }
    }
    Some(spelled(&letters[..core.len().div_ceil(2)]))
}

enum Fold {
    Letter(u8),
    Ignore,
    Break,
}

/// Folds a non-ASCII character to an ASCII letter for counting.
fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return match c {
            'a'..='z' => Fold::Letter(c as u8),
            'A'..='Z' => Fold::Letter(c as u8 | 0x20),
            '\'' | '.' => Fold::Ignore,
            _ => Fold::Break,
        };
    }
    let b = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => b'a',
        // An accented "e" is always sounded in English loanwords ("José", "café", "résumé"), so it
        // is counted as a vowel that a silent-e rule cannot remove.
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => b'i',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => b'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => b'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => b'u',
        'ý' | 'ÿ' | 'Ý' => b'y',
        'ç' | 'Ç' => b'c',
        'ñ' | 'Ñ' => b'n',
        'ß' => b's',
        '\u{2019}' | '\u{2018}' | '\u{300}'..='\u{36F}' => return Fold::Ignore,
        // Other scripts: treat letters as consonants, so each part counts as one syllable.
        c if c.is_alphabetic() => b'x',
        _ => return Fold::Break,
    };
    Fold::Letter(b)
}

#[inline(always)]
fn is_aeiou(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Bit `i` is set when the letter at `i` acts as a vowel: a e i o u, except "u" after "q"; "y"
/// after a consonant (not at the start, as in "yes", nor after a vowel, as in "day").
/// Parts are at most [`MAX`] letters, so 64 bits are enough.
#[inline(always)]
fn vowel_mask(w: &[u8]) -> u64 {
    // Bits for a, e, i, o, u by letter index.
    const AEIOU: u32 = 1 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20;
    let mut mask = 0u64;
    let mut prev = false;
    let mut prev_q = false;
    for (i, &c) in w.iter().enumerate().take(64) {
        let k = c.wrapping_sub(b'a') as u32;
        let mut v = k < 26 && (AEIOU >> k) & 1 != 0;
        if c == b'u' && prev_q {
            v = false;
        } else if c == b'y' {
            v = i > 0 && !prev;
        }
        mask |= (v as u64) << i;
        prev = v;
        prev_q = c == b'q';
    }
    mask
}

#[inline(always)]
fn bit(mask: u64, i: usize) -> bool {
    i < 64 && (mask >> i) & 1 != 0
}

/// A rough count for overlong parts: groups of a e i o u y.
fn vowel_groups(w: &[u8]) -> u32 {
    let mut count = 0;
    let mut prev = false;
    for &b in w {
        let v = is_aeiou(b) || b == b'y';
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    count
}

/// Words the rules get wrong, with their dictionary counts. Sorted, for binary search.
const EXCEPTIONS: &[(&[u8], u32)] = &[
    (b"a", 1),
    (b"acne", 2),
    (b"apostrophe", 4),
    (b"business", 2),
    (b"businesses", 4),
    (b"cafe", 2),
    (b"catastrophe", 4),
    (b"chaos", 2),
    (b"chloe", 2),
    (b"continuity", 4),
    (b"create", 2),
    (b"created", 3),
    (b"creates", 3),
    (b"diet", 2),
    (b"dr", 2),
    (b"etc", 4),
    (b"evening", 2),
    (b"evenings", 3),
    (b"every", 2),
    (b"familiar", 3),
    (b"fiance", 2),
    (b"fluid", 2),
    (b"genuine", 3),
    (b"hour", 1),
    (b"hours", 1),
    (b"i", 1),
    (b"intuition", 4),
    (b"karate", 3),
    (b"leah", 2),
    (b"lion", 2),
    (b"maybe", 2),
    (b"mr", 2),
    (b"mrs", 2),
    (b"naive", 2),
    (b"noah", 2),
    (b"ok", 2),
    (b"orient", 3),
    (b"peculiar", 3),
    (b"phoebe", 2),
    (b"poem", 2),
    (b"poet", 2),
    (b"poetry", 3),
    (b"recipe", 3),
    (b"ruin", 2),
    (b"ryan", 2),
    (b"science", 2),
    (b"scientist", 3),
    (b"simile", 3),
    (b"someone", 2),
    (b"suicidal", 4),
    (b"suicide", 3),
    (b"toward", 1),
    (b"tuition", 3),
    (b"wednesday", 2),
    (b"zoe", 2),
];

/// For each first letter, a bit set of the lengths of the exceptions that start with it, and the
/// range of the (sorted) table that holds them.
const EXCEPTION_INDEX: [(u16, u8, u8); 26] = {
    let mut index = [(0u16, 0u8, 0u8); 26];
    let mut i = 0;
    while i < EXCEPTIONS.len() {
        let w = EXCEPTIONS[i].0;
        assert!(w.len() < 16 && w[0].is_ascii_lowercase() && EXCEPTIONS.len() < 256);
        let slot = &mut index[(w[0] - b'a') as usize];
        if slot.0 == 0 {
            slot.1 = i as u8;
        }
        slot.0 |= 1 << w.len();
        slot.2 = i as u8 + 1;
        i += 1;
    }
    index
};

fn exception(w: &[u8]) -> Option<u32> {
    // Most words are rejected by first letter and length without looking at the table.
    let (first, len) = (w[0], w.len());
    if !first.is_ascii_lowercase() || len >= 16 {
        return None;
    }
    let (lengths, from, to) = EXCEPTION_INDEX[(first - b'a') as usize];
    if lengths & (1 << len) == 0 {
        return None;
    }
    EXCEPTIONS[from as usize..to as usize].iter().find(|(k, _)| same(k, w)).map(|&(_, n)| n)
}

/// Byte-slice equality without a call to `memcmp` (the slices here are a few bytes long).
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[inline(always)]
fn starts(w: &[u8], p: &[u8]) -> bool {
    w.len() >= p.len() && same(&w[..p.len()], p)
}

#[inline(always)]
fn ends(w: &[u8], s: &[u8]) -> bool {
    w.len() >= s.len() && same(&w[w.len() - s.len()..], s)
}

/// Parts that are whole words ending in a silent "e" and often start compounds
/// ("somebody", "safeguarding", "lifetime", "statement").
const SILENT_E_HEADS: &[&[u8]] = &[
    b"some", b"home", b"where", b"there", b"safe", b"life", b"time", b"care", b"house", b"side", b"fire", b"base",
    b"love", b"hope", b"like", b"name", b"note", b"case", b"face", b"more", b"whole", b"same", b"place", b"state",
    b"wide", b"use", b"age", b"store", b"game", b"late", b"wise", b"lone", b"free",
];

/// Starts of words where a vowel pair is split ("re-act", "co-operate", "cre-ate", "the-atre").
const SPLIT_HEADS: &[&[u8]] = &[
    b"react", b"reali", b"reass", b"reapp", b"reaff", b"reopen", b"reint", b"reunit", b"reunif", b"reeval", b"reeng",
    b"reorg", b"reinf", b"reinst", b"reiter", b"reoff", b"reenter", b"reentr", b"creat", b"theat", b"coop", b"coord",
    b"coerc", b"coexist", b"deesc", b"deact", b"preex", b"preoc", b"biol", b"geog", b"geom",
];

/// Counts one lowercase ASCII part of a word.
fn count_part(w: &[u8]) -> u32 {
    let n = w.len();
    if n <= 2 {
        // "a", "to", "my", "he": one syllable; "OK", "Mr", "Dr": two.
        return if matches!(w, b"ok" | b"mr" | b"dr") { 2 } else { 1 };
    }
    if let Some(n) = exception(w) {
        return n;
    }
    // "every-", "any-": two syllables plus the rest ("everyone", "anything").
    for head in [&b"every"[..], b"any"] {
        if n > head.len() + 1 && starts(w, head) {
            return 2 + count_part(&w[head.len()..]);
        }
    }
    // Compounds whose first part ends in a silent "e": count the parts separately.
    // Every head ends in "e" at index 2, 3 or 4; most words have no such "e" and skip the list.
    let maybe_head = (2..=4).any(|k| n > k + 2 && w[k] == b'e');
    for &head in SILENT_E_HEADS.iter().filter(|_| maybe_head) {
        let h = head.len();
        if n > h + 1 && starts(w, head) && !is_aeiou(w[h]) && w[h] != b'y' && vowel_groups(&w[h..]) > 0 {
            // "creature"-style false heads are excluded by requiring the rest to have a vowel and
            // the head to be followed by a consonant.
            return 1 + count_part(&w[h..]);
        }
    }
    // Every split head has a vowel pair at letters 1-2 or 2-3.
    let pair = |k: usize| k + 1 < n && is_aeiou(w[k]) && is_aeiou(w[k + 1]);
    let split_head = if matches!(w[0], b'r' | b'c' | b't' | b'd' | b'p' | b'b' | b'g') && (pair(1) || pair(2)) {
        SPLIT_HEADS.iter().find(|h| starts(w, h)).map(|h| h.len())
    } else {
        None
    };
    let mask = vowel_mask(w);
    let mut count = 0u32;
    let mut in_group = false;
    for i in 0..n {
        let c = w[i];
        if c == b'y' && i > 0 && bit(mask, i - 1) {
            // "day", "boy", "they": y closes the vowel group, a vowel after it starts a new one.
            in_group = false;
            continue;
        }
        if !bit(mask, i) {
            in_group = false;
            continue;
        }
        if !in_group || hiatus(w, mask, i, split_head) {
            count += 1;
        }
        in_group = true;
    }
    if n >= 3 {
        count = endings(w, mask, count);
    }
    count.max(1)
}

/// Whether the vowels at `i - 1` and `i` are said as two syllables.
fn hiatus(w: &[u8], mask: u64, i: usize, split_head: Option<usize>) -> bool {
    let n = w.len();
    let (a, b) = (w[i - 1], w[i]);
    let before = if i >= 2 { w[i - 2] } else { b' ' };
    let rest = &w[i + 1..];
    // "doing", "being", "seeing", "going".
    if b == b'i' && (same(rest, b"ng") || same(rest, b"ngs")) {
        return true;
    }
    // Heads such as "react", "creative", "cooperate": the split falls between the head's pair.
    if let Some(h) = split_head
        && i < h
        && i >= 2
        && matches!(&w[..2], b"re" | b"co" | b"de" | b"pr" | b"cr" | b"th" | b"bi" | b"ge")
    {
        return i == 2 || (i == 3 && matches!(&w[..3], b"cre" | b"pre" | b"the"));
    }
    match (a, b) {
        // "media", "social" (no), "marriage" (no).
        (b'i', b'a') => !matches!(before, b'c' | b't' | b's') && !starts(rest, b"ge"),
        // "period", "violent"; not "-tion", "-sion", "-gion", "-cious", "-shion", "-nion", "-llion",
        // "senior", "behaviour".
        (b'i', b'o') => {
            if matches!(before, b'c' | b't' | b's' | b'x' | b'g') {
                return false;
            }
            if before == b'h' && i >= 3 && matches!(w[i - 3], b's' | b'c') {
                return false;
            }
            if before == b'n' && starts(rest, b"n") {
                return false;
            }
            if before == b'l' && i >= 3 && w[i - 3] == b'l' {
                return false;
            }
            if matches!(before, b'n' | b'v') && (starts(rest, b"r") || starts(rest, b"ur")) {
                return false;
            }
            true
        }
        // "medium", "premium".
        (b'i', b'u') => true,
        // "quiet", "variety", "client", "experience"; not "patient", "sufficient", "friend".
        (b'i', b'e') => {
            if rest.first() == Some(&b't') {
                return true;
            }
            if starts(rest, b"nt") || starts(rest, b"nc") {
                return !matches!(before, b'c' | b't' | b's');
            }
            // "happier", "earliest": comparative endings after an earlier vowel.
            if matches!(rest, b"r" | b"rs" | b"st") && (mask & ((1u64 << (i - 1)) - 1)) != 0 {
                return true;
            }
            false
        }
        // "area", "idea".
        (b'e', b'a') => rest.is_empty() && (mask & ((1u64 << (i - 1)) - 1)) != 0,
        // "video", "theory"; not "people", "George", "leopard".
        (b'e', b'o') => i >= 2 && !matches!(before, b'p' | b'g' | b'l' | b'y'),
        // "actual", "situation"; not "guard", "persuade".
        (b'u', b'a') => !(matches!(before, b'q' | b'g') || (before == b's' && starts(rest, b"de"))),
        // "fluent", "cruel", "influence"; not "guest", "issue", "valued".
        (b'u', b'e') => !matches!(before, b'q' | b'g') && matches!(rest.first(), Some(b'n' | b'l' | b't')) && n > i + 1,
        _ => false,
    }
}

/// Corrections at the end of a word.
fn endings(w: &[u8], mask: u64, mut count: u32) -> u32 {
    let n = w.len();
    let cons = |i: usize| !bit(mask, i) && w[i] != b'y';
    // A consonant pair before "le"/"re" that makes it a syllable: "table", "centre"; not "whole",
    // "called", "referred".
    let syllabic_lr = |i: usize| {
        // `i` is the index of the "l" or "r".
        i >= 1 && cons(i - 1) && w[i - 1] != w[i]
    };
    let last = w[n - 1];
    if last == b'e' && count > 1 && cons(n - 2) && !(matches!(w[n - 2], b'l' | b'r') && syllabic_lr(n - 2)) {
        // Silent final "e": "frame", "whole", "create" (table and centre keep theirs).
        count -= 1;
    } else if n >= 4 && ends(w, b"es") && count > 1 && cons(n - 3) {
        // "-es": a syllable after s x z ch sh c g ("pieces", "changes", "wishes") and after a
        // syllabic "l"/"r" ("puzzles", "centres"); silent otherwise ("likes", "times").
        let k = w[n - 3];
        let voiced = matches!(k, b's' | b'x' | b'z' | b'c' | b'g')
            || (k == b'h' && matches!(w[n - 4], b'c' | b's'))
            || (matches!(k, b'l' | b'r') && syllabic_lr(n - 3));
        if !voiced {
            count -= 1;
        }
    } else if n >= 4 && ends(w, b"ed") && count > 1 && (cons(n - 3) || w[n - 3] == b'y') {
        // "-ed": a syllable after t and d ("wanted", "needed") and a syllabic "l"/"r" ("puzzled",
        // "hundred"); silent otherwise ("played", "used", "called").
        let k = w[n - 3];
        let voiced = matches!(k, b't' | b'd') || (matches!(k, b'l' | b'r') && syllabic_lr(n - 3));
        if !voiced {
            count -= 1;
        }
    } else if ends(w, b"ism") || ends(w, b"isms") {
        // "autism", "racism": the "m" is a syllable of its own.
        count += 1;
    }
    // Silent "e" before a suffix: "lovely", "management", "useful", "awareness", "involvement".
    let suffixes: &[&[u8]] = match last {
        b'y' => &[b"fully", b"ly"],
        b't' => &[b"ment"],
        b's' => &[b"ments", b"less", b"ness"],
        b'l' => &[b"ful"],
        _ => &[],
    };
    for &suffix in suffixes {
        let s = suffix.len();
        if n >= s + 4 && ends(w, suffix) {
            let e = n - s - 1;
            if w[e] == b'e' && cons(e - 1) && !(w[e - 1] == b'l' && syllabic_lr(e - 1)) && count > 1 {
                count -= 1;
            }
            break;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dictionary syllable counts (as given by common English dictionaries).
    const TABLE: &[(&str, u32)] = &[
        ("the", 1),
        ("a", 1),
        ("school", 1),
        ("child", 1),
        ("children", 2),
        ("family", 3),
        ("mother", 2),
        ("father", 2),
        ("social", 2),
        ("worker", 2),
        ("visit", 2),
        ("visited", 3),
        ("home", 1),
        ("homeless", 2),
        ("people", 2),
        ("little", 2),
        ("puzzle", 2),
        ("puzzles", 2),
        ("puzzled", 2),
        ("table", 2),
        ("centre", 2),
        ("likes", 1),
        ("pieces", 2),
        ("changes", 2),
        ("wishes", 2),
        ("played", 1),
        ("wanted", 2),
        ("needed", 2),
        ("called", 1),
        ("used", 1),
        ("hundred", 2),
        ("doing", 2),
        ("being", 2),
        ("going", 2),
        ("really", 2),
        ("every", 2),
        ("everyone", 3),
        ("someone", 2),
        ("anyone", 3),
        ("something", 2),
        ("sometimes", 2),
        ("safeguarding", 3),
        ("medium", 3),
        ("media", 3),
        ("period", 3),
        ("violent", 3),
        ("nation", 2),
        ("question", 2),
        ("religion", 3),
        ("quiet", 2),
        ("patient", 2),
        ("experience", 4),
        ("area", 3),
        ("idea", 3),
        ("video", 3),
        ("actual", 3),
        ("situation", 4),
        ("language", 2),
        ("influence", 3),
        ("behaviour", 3),
        ("management", 3),
        ("involvement", 3),
        ("lovely", 2),
        ("useful", 2),
        ("favorite", 3),
        ("together", 3),
        ("creative", 3),
        ("autism", 3),
        ("they", 1),
        ("player", 2),
        ("yes", 1),
        ("unique", 2),
        ("anxious", 2),
        ("various", 3),
        ("previous", 3),
        ("special", 2),
        ("marriage", 2),
        ("assessment", 3),
        ("relationship", 4),
        ("appointment", 3),
        ("concerns", 2),
        ("Anna's", 2),
    ];

    #[test]
    fn exceptions_are_sorted() {
        assert!(EXCEPTIONS.windows(2).all(|p| p[0].0 < p[1].0));
    }

    #[test]
    fn dictionary_table() {
        let wrong: Vec<_> =
            TABLE.iter().map(|&(w, n)| (w, n, syllables(w))).filter(|&(_, want, got)| want != got).collect();
        assert!(wrong.is_empty(), "word, dictionary, counted: {wrong:?}");
    }

    #[test]
    fn parts_numbers_and_case() {
        assert_eq!(syllables("well-balanced"), 3);
        assert_eq!(syllables("SCHOOL"), 1);
        assert_eq!(syllables("500"), 1);
        assert_eq!(syllables("T.V"), 2);
        assert_eq!(syllables("T.V."), 2);
        assert_eq!(syllables("e.g"), 2);
        assert_eq!(syllables("NHS"), 3);
        assert_eq!(syllables("CCTV"), 4);
        assert_eq!(syllables("www"), 1);
        assert_eq!(syllables("NATO"), 2);
        assert_eq!(syllables("etc"), 4);
        assert_eq!(syllables(""), 1);
        assert_eq!(syllables("-"), 1);
        assert_eq!(syllables("and/or"), 2);
    }

    #[test]
    fn unicode_does_not_panic() {
        assert_eq!(syllables("José"), 2);
        assert_eq!(syllables("café"), 2);
        assert!(syllables("你好") >= 1);
        assert!(syllables("😀") >= 1);
        assert!(syllables(&"ab".repeat(100)) >= 1);
        assert!(syllables(&"aé".repeat(100)) >= 1);
    }
}
