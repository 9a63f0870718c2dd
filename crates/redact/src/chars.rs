//! Character classes with a short cut for mask mode's █, and quick searches for the bytes the
//! number detectors start at.
//!
//! Outside ASCII, `char::is_alphabetic` searches a Unicode table. Redacted text in mask mode is
//! full of █ (U+2588), and every detector reads it again on the second pass: answering for the
//! box-drawing, block and geometric-shape blocks (U+2500..U+25FF, none of them letters or digits)
//! without the table search keeps that reading cheap. Every answer equals the standard library's.

/// Box drawing, block elements and geometric shapes: symbols, never letters or digits.
fn is_shape(c: char) -> bool {
    ('\u{2500}'..='\u{25FF}').contains(&c)
}

/// `c.is_alphabetic()`, quicker for █.
pub(crate) fn alphabetic(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && !is_shape(c) && c.is_alphabetic())
}

/// `c.is_alphanumeric()`, quicker for █.
pub(crate) fn alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !is_shape(c) && c.is_alphanumeric())
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `w` that is an ASCII digit.
#[inline]
fn digit_bits(w: u64) -> u64 {
    let low = w & !HI;
    // Per byte, with no carry between bytes: at least b'0', and at least b':'.
    let at_least_0 = low + (0x80 - u64::from(b'0')) * LO;
    let at_least_colon = low + (0x80 - u64::from(b':')) * LO;
    at_least_0 & !at_least_colon & !w & HI
}

/// The first position at or after `from` holding a byte that `bits` marks (checked eight bytes
/// at a time), or `bytes.len()`.
#[inline]
fn next_marked(bytes: &[u8], from: usize, bits: impl Fn(u64) -> u64, byte: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let found = bits(u64::from_le_bytes(word));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !byte(bytes[i]) {
        i += 1;
    }
    i.min(bytes.len())
}

/// The first position at or after `from` holding an ASCII digit, or `bytes.len()`: a quick way
/// for the number detectors to pass over the words between numbers.
pub(crate) fn next_digit(bytes: &[u8], from: usize) -> usize {
    next_marked(bytes, from, digit_bits, |b| b.is_ascii_digit())
}

/// The runs of ASCII digits in a text, found once for the number detectors (phones, postcodes,
/// NHS/CHI and NI numbers), which each jump from one digit to the next: [`DigitRuns::next`]
/// answers as [`next_digit`] does, from the list instead of reading the text again.
pub(crate) struct DigitRuns {
    /// (start, end) of each run, in order.
    runs: Vec<(usize, usize)>,
    len: usize,
    /// The run the last answer came from: callers mostly ask about later and later positions.
    at: std::cell::Cell<usize>,
}

impl DigitRuns {
    pub(crate) fn new(bytes: &[u8]) -> DigitRuns {
        let mut runs = Vec::new();
        let mut i = next_digit(bytes, 0);
        while i < bytes.len() {
            let mut e = i + 1;
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            runs.push((i, e));
            i = next_digit(bytes, e);
        }
        DigitRuns { runs, len: bytes.len(), at: std::cell::Cell::new(0) }
    }

    /// The first position at or after `from` holding an ASCII digit, or the text's length.
    pub(crate) fn next(&self, from: usize) -> usize {
        let mut k = self.at.get();
        if k > 0 && self.runs[k - 1].1 > from {
            // An earlier position than last time.
            k = self.runs.partition_point(|r| r.1 <= from);
        }
        while k < self.runs.len() && self.runs[k].1 <= from {
            k += 1;
        }
        self.at.set(k);
        match self.runs.get(k) {
            Some(&(start, _)) => start.max(from),
            None => self.len,
        }
    }
}

/// The high bit of every byte of `w` that is an ASCII letter.
#[inline]
fn letter_bits(w: u64) -> u64 {
    // Lower-cased (bit 5 set; only "A".."Z" and "a".."z" land in "a".."z" that way), high bits
    // cleared so that the additions below carry nothing between bytes.
    let low = (w | (0x20 * LO)) & !HI;
    let at_least_a = low + (0x80 - u64::from(b'a')) * LO;
    let past_z = low + (0x80 - u64::from(b'z') - 1) * LO;
    at_least_a & !past_z & !w & HI
}

/// The first position at or after `from` that does not hold an ASCII letter, or `bytes.len()`:
/// the end of a run of letters, eight bytes at a time.
#[inline]
pub(crate) fn letters_end(bytes: &[u8], from: usize) -> usize {
    next_marked(bytes, from, |w| !letter_bits(w) & HI, |b| !b.is_ascii_alphabetic())
}

/// The first position at or after `from` holding an ASCII letter or digit, or `bytes.len()`: a
/// quick way over mask mode's runs of █ and other text with no word in it.
pub(crate) fn next_alphanumeric(bytes: &[u8], from: usize) -> usize {
    next_marked(bytes, from, |w| letter_bits(w) | digit_bits(w), |b| b.is_ascii_alphanumeric())
}

/// The first position at or after `from` holding `a` or `b`, or `bytes.len()`.
pub(crate) fn next_of(bytes: &[u8], from: usize, a: u8, b: u8) -> usize {
    match bytes.get(from..).and_then(|rest| memchr::memchr2(a, b, rest)) {
        Some(k) => from + k,
        None => bytes.len(),
    }
}

/// A word of up to sixteen ASCII bytes, lower-cased and packed into one number, for lookups in
/// small sorted tables or hash sets without allocating. Two words pack alike exactly when they
/// are equal ignoring ASCII case (words hold no NUL bytes, which would pack like nothing).
pub(crate) fn pack16(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut v = 0u128;
    for &c in b {
        if !c.is_ascii() {
            return None;
        }
        v = (v << 8) | u128::from(c.to_ascii_lowercase());
    }
    Some(v)
}

/// A quick filter in front of a word list: by a word's first and last bytes (ASCII lower-cased,
/// five low bits each), a bit for each length (lengths of 31 and more share one). Most words
/// share first letter, last letter and length with no listed word: those are certainly not in
/// the list, with no lookup. `true` means only "look it up".
pub(crate) struct WordShapes([[u32; 32]; 32]);

impl WordShapes {
    /// The shapes of `words` (empty words are left out: no word has their shape).
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> WordShapes {
        let mut shapes = [[0u32; 32]; 32];
        for w in words.into_iter().filter(|w| !w.is_empty()) {
            let (f, l) = shape_key(w);
            shapes[f][l] |= 1 << w.len().min(31);
        }
        WordShapes(shapes)
    }

    /// Could `word` be one of the words? `false` is certain; an empty word never is.
    #[inline]
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        if word.is_empty() {
            return false;
        }
        let (f, l) = shape_key(word);
        self.0[f][l] & (1 << word.len().min(31)) != 0
    }
}

/// A word's first and last bytes, lower-cased, five low bits each.
#[inline]
fn shape_key(b: &[u8]) -> (usize, usize) {
    let key = |c: u8| usize::from(c.to_ascii_lowercase() & 31);
    (key(b[0]), key(b[b.len() - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_searches_agree_with_a_plain_scan() {
        let text: Vec<u8> = (0..=255u8).chain(b"ab 0 9 /:+( xx 12 ".iter().copied()).chain(0..=255u8).collect();
        for from in 0..=text.len() + 2 {
            let plain = |f: &dyn Fn(u8) -> bool| (from..text.len()).find(|&i| f(text[i])).unwrap_or(text.len());
            assert_eq!(next_digit(&text, from), plain(&|b| b.is_ascii_digit()), "from {from}");
            assert_eq!(next_of(&text, from, b'g', b'G'), plain(&|b| b == b'g' || b == b'G'), "from {from}");
            assert_eq!(letters_end(&text, from), plain(&|b| !b.is_ascii_alphabetic()), "from {from}");
            assert_eq!(next_alphanumeric(&text, from), plain(&|b| b.is_ascii_alphanumeric()), "from {from}");
        }
        let digits = DigitRuns::new(&text);
        // Forwards, backwards and at random, as the detectors ask.
        let order: Vec<usize> = (0..=text.len() + 2)
            .chain((0..=text.len() + 2).rev())
            .chain((0..2000).map(|k| (k * 7919) % (text.len() + 3)))
            .collect();
        for from in order {
            assert_eq!(digits.next(from), next_digit(&text, from), "from {from}");
        }
        for t in [&b""[..], b"7", b"a", b"12ab34", b"ab12"] {
            let digits = DigitRuns::new(t);
            for from in 0..=t.len() + 1 {
                assert_eq!(digits.next(from), next_digit(t, from), "{t:?} from {from}");
            }
        }
        for (i, b) in (0..=255u8).enumerate() {
            let mut w = [b'x'; 8];
            w[i % 8] = b;
            let at = if b.is_ascii_digit() { i % 8 } else { 8 };
            assert_eq!(next_digit(&w, 0), at, "byte {b:#x}");
            let at = if b.is_ascii_alphabetic() { 8 } else { i % 8 };
            assert_eq!(letters_end(&w, 0), at, "byte {b:#x}");
            let mut w = [b' '; 8];
            w[i % 8] = b;
            let at = if b.is_ascii_alphanumeric() { i % 8 } else { 8 };
            assert_eq!(next_alphanumeric(&w, 0), at, "byte {b:#x}");
        }
    }

    #[test]
    fn agrees_with_the_standard_library_on_every_char_up_to_u_ffff() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
