//! Readability metrics: words, sentences, syllables, Flesch reading ease and Flesch-Kincaid grade.

use serde::Serialize;

use crate::document::Document;
use crate::text;

/// Counts and readability scores for one text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables.
    #[serde(skip)]
    pub syllables: usize,
    /// Flesch reading ease: 206.835 − 1.015 × words/sentence − 84.6 × syllables/word.
    /// Higher is easier; 60–70 is plain English. 0 for an empty text.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid grade: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    /// A US school grade; 0 for an empty text.
    pub flesch_kincaid_grade: f64,
}

impl Metrics {
    /// Computes the metrics of an analysed document.
    ///
    /// The counts follow textstat (the Python library most readability figures are checked
    /// against), so the scores agree with it:
    ///
    /// - a word is a whitespace-separated token with at least one letter or digit ("T.V.",
    ///   "well-balanced" and "3.5" are one word each; "&" and "..." are none);
    /// - a sentence is a stretch of text ended by `.`, `!` or `?` that has **more than two**
    ///   words. Every full stop ends a stretch, even in "Mr." or "T.V.", but the short stretches
    ///   this makes ("Mr.", "V.") are not counted, which is why the two-word floor exists.
    ///
    /// These sentence counts are for the formulas only. The sentences that rules see
    /// ([`Document::sentences`]) come from the abbreviation-aware splitter and are what a reader
    /// would call sentences; the two can differ by a few on texts with initialisms or abbreviations
    /// in the middle of sentences.
    pub fn of(doc: &Document<'_>) -> Metrics {
        let (words, sentences, syllables) = textstat_counts(doc.text);
        Metrics::from_counts(words, sentences, syllables)
    }

    /// Computes the scores from counts.
    pub fn from_counts(words: usize, sentences: usize, syllables: usize) -> Metrics {
        let (fre, fk) = if words == 0 || sentences == 0 {
            (0.0, 0.0)
        } else {
            let wps = words as f64 / sentences as f64;
            let spw = syllables as f64 / words as f64;
            (206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59)
        };
        Metrics { words, sentences, syllables, flesch_reading_ease: round3(fre), flesch_kincaid_grade: round3(fk) }
    }

    /// A plain-language description of the reading ease, for people who do not know the scale.
    pub fn describe(&self) -> &'static str {
        match self.flesch_reading_ease {
            _ if self.words == 0 => "no text to measure",
            x if x >= 80.0 => "very easy to read",
            x if x >= 60.0 => "plain English: easy for most readers",
            x if x >= 50.0 => "fairly hard to read",
            x if x >= 30.0 => "hard to read: long sentences or long words",
            _ => "very hard to read: most families would struggle",
        }
    }
}

/// Rounds to three decimals, as textstat does.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A small direct-mapped memo of syllable counts for tokens of up to eight bytes. Everyday
/// prose repeats a few hundred short words ("the", "she", "school") for most of its tokens, so
/// this saves most of the counting work. One cache per thread, kept between calls: records are
/// short, and a cache that started cold for each would miss on most of their words. The cache
/// only remembers a pure function's answers, so results do not depend on what was checked before.
struct SyllableCache {
    slots: [(u64, u8); 1024],
}

impl SyllableCache {
    const fn new() -> SyllableCache {
        SyllableCache { slots: [(0, 0); 1024] }
    }

    #[inline]
    fn syllables(&mut self, token: &str) -> usize {
        let b = token.as_bytes();
        // The key is the token's bytes padded with zeros, so tokens with a NUL byte (never seen
        // in real text) are not cached, and the key of a cached token is never 0 (an empty slot).
        if b.len() > 8 || b.is_empty() || b.contains(&0) {
            return text::syllables(token) as usize;
        }
        let mut bytes = [0u8; 8];
        bytes[..b.len()].copy_from_slice(b);
        let key = u64::from_le_bytes(bytes);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
        let (k, n) = self.slots[slot];
        if k == key {
            return n as usize;
        }
        let n = text::syllables(token);
        self.slots[slot] = (key, n.min(255) as u8);
        n as usize
    }
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const MARK: u8 = 2;
const WORD: u8 = 3;

/// Classes of ASCII bytes for [`textstat_counts`]: whitespace as Python's `str.split` sees it,
/// sentence marks, word characters (`\w`) and everything else.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f) {
            SPACE
        } else if matches!(c, b'.' | b'!' | b'?') {
            MARK
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// The class and byte length of the character at `i`.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (u8, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (ASCII_CLASS[b as usize], 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    let class = if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        WORD
    } else {
        OTHER
    };
    (class, c.len_utf8())
}

/// Words, sentences and syllables counted the way textstat counts them, in one pass over the
/// bytes of `text` (see [`Metrics::of`]).
fn textstat_counts(text: &str) -> (usize, usize, usize) {
    thread_local! {
        static CACHE: std::cell::RefCell<SyllableCache> = const { std::cell::RefCell::new(SyllableCache::new()) };
    }
    CACHE.with_borrow_mut(|cache| textstat_pass(text, cache))
}

fn textstat_pass(text: &str, cache: &mut SyllableCache) -> (usize, usize, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut words = 0;
    let mut sentences = 0;
    let mut syllables = 0;
    // Words in the current sentence stretch.
    let mut stretch_words = 0;
    let mut i = 0;
    loop {
        // Skip whitespace.
        while i < n {
            let (class, len) = class_at(text, i);
            if class != SPACE {
                break;
            }
            i += len;
        }
        if i >= n {
            break;
        }
        // One whitespace-separated token. Sentence marks split it into pieces; a piece with a
        // word character is a word of the current stretch.
        let start = i;
        let mut token_has_word = false;
        let mut piece_has_word = false;
        while i < n {
            let (class, len) = class_at(text, i);
            match class {
                WORD => piece_has_word = true,
                MARK => {
                    if piece_has_word {
                        stretch_words += 1;
                        piece_has_word = false;
                        token_has_word = true;
                    }
                    if stretch_words > 2 {
                        sentences += 1;
                    }
                    stretch_words = 0;
                }
                SPACE => break,
                _ => {}
            }
            i += len;
        }
        if piece_has_word {
            stretch_words += 1;
            token_has_word = true;
        }
        if token_has_word {
            words += 1;
            syllables += cache.syllables(&text[start..i]);
        }
    }
    if stretch_words > 2 {
        sentences += 1;
    }
    // textstat never reports fewer than one sentence for a text with words in it.
    let sentences = if words > 0 { sentences.max(1) } else { 0 };
    (words, sentences, syllables)
}
