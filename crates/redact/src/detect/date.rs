//! Dates. Dates of birth are always hidden; other dates only with
//! [`crate::Options::all_dates`].
//!
//! Formats read: `12/03/2015`, `12.03.15`, `12-03-2015`, `2015-03-12`, `12 March 2015`,
//! `12th of March, 2015`, `March 12th 2015`, `Mar. 12, 2015`, `Monday 3rd March`, `3 March`,
//! `March 2024`, `12/03` (day and month only, with a slash). Numeric dates are read day first;
//! one that only makes sense month first (`03/25/2015`) is read that way.
//!
//! A date is a date of birth (key `dob:…`, labelled "[date of birth]") when, within four words
//! before it, the text says "DOB", "D.O.B", "date of birth", "birth date", "born", "birthday" or
//! "b."; or when it stands in brackets straight after a capitalised word, as in
//! "Amy Smith (12/03/2015)" — the way records list a child. Other dates are keyed `date:…`.
//! Keys are normalised (`2015-03-12`, `2024-03`, `--03-03`) so one date written two ways gets
//! one label. Ages ("aged 6") are not dates; a lowercase "may" is never a month, and a
//! lowercase month name needs a year or an ordinal ("march 12th") to count.

use crate::entity::{Candidate, EntityKind};

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [&str; 17] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The first three letters of every name in [`MONTHS`] and [`WEEKDAYS`].
const STEMS: [[u8; 3]; 19] = [
    *b"jan", *b"feb", *b"mar", *b"apr", *b"may", *b"jun", *b"jul", *b"aug", *b"sep", *b"oct", *b"nov", *b"dec",
    *b"mon", *b"tue", *b"wed", *b"thu", *b"fri", *b"sat", *b"sun",
];

/// A date read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    year: Option<u32>,
    month: u32,
    day: Option<u32>,
}

impl Found {
    /// What [`Found::key`] renders, for comparing dates without building strings.
    fn value(&self) -> (Option<u32>, u32, Option<u32>) {
        (self.year, self.month, self.day)
    }

    /// `2015-03-12`, `2024-03`, `--03-12` or `--03`, after `prefix`, written digit by digit
    /// rather than through `format!`.
    fn key(&self, prefix: &str) -> String {
        let mut out = String::with_capacity(prefix.len() + 10);
        out.push_str(prefix);
        match self.year {
            Some(y) => push_padded(&mut out, y, 4),
            None => out.push('-'),
        }
        out.push('-');
        push_padded(&mut out, self.month, 2);
        if let Some(d) = self.day {
            out.push('-');
            push_padded(&mut out, d, 2);
        }
        out
    }
}

pub(crate) fn find(text: &str, all_dates: bool, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut found: Vec<(Found, bool)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            // Past a character beyond ASCII (mask mode's █, often many in a row), straight to the
            // next letter or digit: nothing in between can start a date.
            i = if b >= 0x80 { crate::chars::next_alphanumeric(bytes, i + 1) } else { i + 1 };
            continue;
        }
        if b.is_ascii_alphabetic() {
            // A run of letters: whether it is glued to the word before or simply not a month or
            // weekday, the scan goes on after it. Most words fail the cheap shape test first.
            let e = crate::chars::letters_end(bytes, i + 1);
            if may_name_a_day(bytes, i, e)
                && !super::postcode::word_before(text, i)
                && let Some(f) = parse_at(text, i)
            {
                found.push((f, is_birth(text, &f)));
                i = f.end;
            } else {
                i = e;
            }
            continue;
        }
        // A numeric date may be glued to the word before it ("Mum12/03/2015"), not to a number,
        // nor to a single letter ("v1.12.2015" is a version).
        let glued = i > 0
            && (bytes[i - 1].is_ascii_digit()
                || bytes[i - 1] == b'_'
                || text[..i].chars().rev().take(2).take_while(|c| c.is_alphabetic()).count() == 1);
        if glued {
            i += 1;
            continue;
        }
        if let Some(f) = parse_at(text, i) {
            found.push((f, is_birth(text, &f)));
            i = f.end;
            continue;
        }
        // Skip the rest of this run of digits.
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    // A date given as a date of birth anywhere is a date of birth everywhere in the record.
    // Compared by value (the key is a one-to-one rendering of it): a key string is built only
    // for a date that becomes a candidate.
    let births: Vec<(Option<u32>, u32, Option<u32>)> =
        found.iter().filter(|(_, dob)| *dob).map(|(f, _)| f.value()).collect();
    for (f, dob) in found {
        let dob = dob || births.contains(&f.value());
        if dob || all_dates {
            let key = f.key(if dob { "dob:" } else { "date:" });
            out.push(Candidate { kind: EntityKind::Date, start: f.start, end: f.end, key, role: None });
        }
    }
}

/// `v` in decimal, with zeros before it up to `width` digits (as `format!("{v:0width$}")`).
fn push_padded(out: &mut String, v: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut n = 0;
    let mut rest = v;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in n..width {
        out.push('0');
    }
    for &d in digits[..n].iter().rev() {
        out.push(char::from(d));
    }
}

/// Whether the text marks a date as a date of birth where it stands.
fn is_birth(text: &str, f: &Found) -> bool {
    is_birth_context(text, f.start) || is_birth_label_after(text, f.end) || is_listed_with_name(text, f.start, f.end)
}

/// Whether the run of ASCII letters `i..e` passes [`parse_at`]'s first tests for a month or
/// weekday name: its first letter, a length of three to nine letters and a known stem.
/// The letters are ASCII letters, so lower-cased they index [`STEM_TABLE`] directly.
fn may_name_a_day(bytes: &[u8], i: usize, e: usize) -> bool {
    let at = |k: usize| usize::from((bytes[k] | 0x20) - b'a');
    (3..=9).contains(&(e - i)) && STEM_TABLE[at(i) * 26 + at(i + 1)] & (1 << at(i + 2)) != 0
}

/// [`STEMS`] as a table: by first and second letter, a bit for each third letter.
const STEM_TABLE: [u32; 26 * 26] = {
    let mut t = [0u32; 26 * 26];
    let mut k = 0;
    while k < STEMS.len() {
        let [a, b, c] = STEMS[k];
        t[(a - b'a') as usize * 26 + (b - b'a') as usize] |= 1 << (c - b'a');
        k += 1;
    }
    t
};

/// Reads a date starting at `i` (a word start).
fn parse_at(text: &str, i: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    if bytes[i].is_ascii_digit() {
        return numeric(text, i).or_else(|| day_month(text, i, i));
    }
    // Every month and weekday name starts with one of these letters.
    if !matches!(bytes[i].to_ascii_lowercase(), b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd' | b't' | b'w') {
        return None;
    }
    // And is three to nine letters long ("may", "wednesday"): most words stop here.
    let len = bytes[i..].iter().take(10).take_while(|b| b.is_ascii_alphabetic()).count();
    if !(3..=9).contains(&len) {
        return None;
    }
    // And starts with the first three letters of a month or weekday.
    let three = [bytes[i].to_ascii_lowercase(), bytes[i + 1].to_ascii_lowercase(), bytes[i + 2].to_ascii_lowercase()];
    if !STEMS.contains(&three) {
        return None;
    }
    if let Some(after) = word_in(bytes, i, &WEEKDAYS) {
        let mut j = after;
        if bytes.get(j) == Some(&b'.') {
            j += 1;
        }
        j = skip_gap(bytes, j, true);
        if starts_word_ci(bytes, j, b"the ") {
            j = skip_gap(bytes, j + 3, false);
        }
        let f =
            if bytes.get(j).is_some_and(u8::is_ascii_digit) { day_month(text, j, i) } else { month_first(text, j, i) };
        // A weekday alone is not a date; with a day and month it is part of one.
        return f.filter(|f| f.day.is_some());
    }
    month_first(text, i, i)
}

/// `d/m/y`, `d.m.y`, `d-m-y`, `y-m-d`, and `d/m`.
fn numeric(text: &str, i: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let (a, la) = digits(bytes, i, 4)?;
    let sep = *bytes.get(i + la)?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let (b, lb) = digits(bytes, i + la + 1, 2)?;
    let after_b = i + la + 1 + lb;
    let (c, lc) = match bytes.get(after_b) {
        Some(&s) if s == sep => digits(bytes, after_b + 1, 4).unwrap_or((0, 0)),
        _ => (0, 0),
    };
    let end = if lc > 0 { after_b + 1 + lc } else { after_b };
    if ends_badly(text, end) {
        return None;
    }
    if la == 4 {
        // y-m-d
        if lc == 0 || lc > 2 || lb == 0 {
            return None;
        }
        let (y, m, d) = (a, b, c);
        return (valid_year(y) && valid_md(m, d)).then_some(Found {
            start: i,
            end,
            year: Some(y),
            month: m,
            day: Some(d),
        });
    }
    if la > 2 {
        return None;
    }
    let year = match lc {
        0 => None,
        2 => Some(if c < 40 { 2000 + c } else { 1900 + c }),
        4 if valid_year(c) => Some(c),
        _ => return None,
    };
    if year.is_none() {
        // Day and month only: slash-separated, both two digits, to keep fractions out.
        if sep != b'/' || la != 2 || lb != 2 || bytes.get(after_b) == Some(&b'/') {
            return None;
        }
    }
    let (m, d) = if valid_md(b, a) {
        (b, a)
    } else if valid_md(a, b) {
        (a, b)
    } else {
        return None;
    };
    Some(Found { start: i, end, year, month: m, day: Some(d) })
}

/// A number ending in a dot and a digit, or running into letters, is not a date's end.
fn ends_badly(text: &str, end: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(end) {
        Some(b'.' | b'/' | b'-' | b':') => bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => super::postcode::word_at(text, end),
        None => false,
    }
}

/// `12 March 2015`, `12th of March, 2015`, `3rd March`; `start` is where the date began (a
/// weekday before the day).
fn day_month(text: &str, i: usize, start: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let (d, ld) = digits(bytes, i, 2)?;
    let mut j = i + ld;
    let ordinal = ordinal_len(bytes, j);
    j += ordinal;
    if bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    j = skip_gap(bytes, j, false);
    if starts_word_ci(bytes, j, b"of ") {
        j = skip_gap(bytes, j + 2, false);
    }
    let (m, after, lower) = month_at(bytes, j)?;
    if lower && text[j..].starts_with("may") {
        return None;
    }
    if !valid_md(m, d) {
        return None;
    }
    let (year, end) = year_after(bytes, after).map_or((None, after), |(y, e)| (Some(y), e));
    if super::postcode::word_at(text, end) {
        return None;
    }
    Some(Found { start, end, year, month: m, day: Some(d) })
}

/// `March 12th 2015`, `Mar. 12, 2015`, `March 2024`.
fn month_first(text: &str, i: usize, start: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let (m, after, lower) = month_at(bytes, i)?;
    if lower && text[i..].starts_with("may") {
        return None;
    }
    let j = skip_gap(bytes, after, false);
    if j == after {
        return None;
    }
    if let Some((y, end)) = year_at(bytes, j) {
        // Month and year.
        return (!super::postcode::word_at(text, end)).then_some(Found {
            start,
            end,
            year: Some(y),
            month: m,
            day: None,
        });
    }
    let (d, ld) = digits(bytes, j, 2)?;
    let mut end = j + ld;
    let ordinal = ordinal_len(bytes, end);
    end += ordinal;
    if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) || !valid_md(m, d) {
        return None;
    }
    let year = year_after(bytes, end);
    if lower && ordinal == 0 && year.is_none() {
        return None;
    }
    let (year, end) = year.map_or((None, end), |(y, e)| (Some(y), e));
    if super::postcode::word_at(text, end) || bytes.get(end) == Some(&b':') {
        return None;
    }
    Some(Found { start, end, year, month: m, day: Some(d) })
}

/// A year after a day and month: `[,] 2015`, ` '15`.
fn year_after(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    if bytes.get(j) == Some(&b',') {
        j += 1;
    }
    let k = skip_gap(bytes, j, false);
    if k == j {
        return None;
    }
    if bytes.get(k) == Some(&b'\'') {
        let (y, l) = digits(bytes, k + 1, 2)?;
        return (l == 2).then_some((if y < 40 { 2000 + y } else { 1900 + y }, k + 3));
    }
    year_at(bytes, k)
}

/// Four digits 1900–2099 not followed by another digit.
fn year_at(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    let (y, l) = digits(bytes, i, 4)?;
    (l == 4 && valid_year(y)).then_some((y, i + 4))
}

fn valid_year(y: u32) -> bool {
    (1900..=2099).contains(&y)
}

fn valid_md(m: u32, d: u32) -> bool {
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => 0,
    };
    d >= 1 && d <= max
}

/// Up to `max` digits at `i`, not followed by a further digit: (value, count).
fn digits(bytes: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    while n < max && bytes.get(i + n).is_some_and(u8::is_ascii_digit) {
        v = v * 10 + u32::from(bytes[i + n] - b'0');
        n += 1;
    }
    (n > 0 && !bytes.get(i + n).is_some_and(u8::is_ascii_digit)).then_some((v, n))
}

fn ordinal_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..i + 2) {
        Some(s) if [b"st", b"nd", b"rd", b"th"].iter().any(|o| s.eq_ignore_ascii_case(*o)) => 2,
        _ => 0,
    }
}

/// Skips spaces and non-breaking spaces (and, with `comma`, one comma first). Line breaks are
/// not crossed: a date is on one line.
fn skip_gap(bytes: &[u8], mut i: usize, comma: bool) -> usize {
    if comma && bytes.get(i) == Some(&b',') {
        i += 1;
    }
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(0xC2) if bytes.get(i + 1) == Some(&0xA0) => i += 2,
            _ => return i,
        }
    }
}

fn starts_word_ci(bytes: &[u8], i: usize, w: &[u8]) -> bool {
    bytes.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w))
}

/// The end of a whole word at `i` that is one of `words` (ASCII, any case).
fn word_in(bytes: &[u8], i: usize, words: &[&str]) -> Option<usize> {
    let end = short_word_end(bytes, i)?;
    let w = &bytes[i..end];
    words.iter().any(|c| w.eq_ignore_ascii_case(c.as_bytes())).then_some(end)
}

/// The end of a whole ASCII word of at most ten letters starting at `i` (month and weekday names
/// are no longer), or `None` if no such word starts there.
fn short_word_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() && end - i < 10 {
        end += 1;
    }
    (end > i && !alnum_at(bytes, end)).then_some(end)
}

/// Whether a letter or digit (any script) starts at byte `i`.
fn alnum_at(bytes: &[u8], i: usize) -> bool {
    let Some(rest) = bytes.get(i..) else { return false };
    match rest.first() {
        None => return false,
        Some(&b) if b < 0x80 => return b.is_ascii_alphanumeric(),
        Some(_) => {}
    }
    let head = &rest[..rest.len().min(4)];
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.chars().next().is_some_and(char::is_alphanumeric)
}

/// A month name at `i`: (month, end including an abbreviation's dot, written in lowercase?).
fn month_at(bytes: &[u8], i: usize) -> Option<(u32, usize, bool)> {
    let end = short_word_end(bytes, i)?;
    let w = &bytes[i..end];
    let &(_, m) = MONTHS.iter().find(|(name, _)| w.eq_ignore_ascii_case(name.as_bytes()))?;
    let lower = w[0].is_ascii_lowercase();
    let end = if w.len() <= 4 && bytes.get(end) == Some(&b'.') { end + 1 } else { end };
    Some((m, end, lower))
}

/// Whether a birth word comes within four words before `start`, on the same line (a birth word
/// on the line above belongs to another entry of a list or chronology).
fn is_birth_context(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(48);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if let Some(nl) = memchr::memrchr(b'\n', &text.as_bytes()[from..start]) {
        from += nl + 1;
    }
    let window = &text[from..start];
    let Some(end) = last_birth_word_end(window.as_bytes()) else { return false };
    let between = &window[end..];
    between.split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).count() <= 4
}

/// Where the last whole birth word in `w` ends ("dob", "born", "b." …), in any case. Compared in
/// place, byte by byte: this runs for every date, and lower-casing a copy of the window and
/// searching it once per word cost more than reading the date.
fn last_birth_word_end(w: &[u8]) -> Option<usize> {
    const KEYS: [&[u8]; 8] =
        [b"dob", b"d.o.b", b"date of birth", b"birth date", b"birthdate", b"born", b"birthday", b"b."];
    let mut best: Option<usize> = None;
    // Every key starts with "b" or "d".
    for p in memchr::memchr2_iter(b'b', b'd', w).chain(memchr::memchr2_iter(b'B', b'D', w)) {
        let before_ok = p == 0 || !w[p - 1].is_ascii_alphanumeric();
        if !before_ok {
            continue;
        }
        for key in KEYS {
            let end = p + key.len();
            let hit = w.get(p..end).is_some_and(|s| s.eq_ignore_ascii_case(key));
            let after_ok = key.ends_with(b".") || !w.get(end).is_some_and(u8::is_ascii_alphanumeric);
            if hit && after_ok {
                best = Some(best.map_or(end, |b: usize| b.max(end)));
            }
        }
    }
    best
}

/// "12/03/2015 (DOB)", "12.03.15 - date of birth".
fn is_birth_label_after(text: &str, end: usize) -> bool {
    let mut to = (end + 24).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = text[end..to].trim_start_matches([' ', '(', '-', ',', '[', '\u{a0}', '–']).as_bytes();
    ["dob", "d.o.b", "date of birth", "birth date", "birthday"].iter().any(|k| {
        after.get(..k.len()).is_some_and(|s| s.eq_ignore_ascii_case(k.as_bytes()))
            && !after.get(k.len()).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// "Amy Smith (12/03/2015)": a date alone in brackets straight after a capitalised word.
fn is_listed_with_name(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].strip_suffix('(').map(|s| s.trim_end_matches(' '));
    let Some(before) = before else { return false };
    if !text[end..].starts_with(')') {
        return false;
    }
    let word: String =
        before.chars().rev().take(40).take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '-').collect();
    let Some(first) = word.chars().last() else { return false };
    let word: String = word.chars().rev().collect();
    let b = word.as_bytes();
    first.is_uppercase() && word.chars().count() >= 2 && word_in(b, 0, &WEEKDAYS).is_none() && month_at(b, 0).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_format_would() {
        for v in [0, 1, 9, 10, 99, 100, 999, 1000, 2015, 9999, 10000, 123_456, u32::MAX] {
            for width in [2, 4] {
                let mut out = String::new();
                push_padded(&mut out, v, width);
                assert_eq!(out, format!("{v:0width$}"));
            }
        }
        let f = |year, day| Found { start: 0, end: 0, year, month: 3, day };
        assert_eq!(f(Some(2015), Some(12)).key("dob:"), "dob:2015-03-12");
        assert_eq!(f(Some(24), None).key("date:"), "date:0024-03");
        assert_eq!(f(None, Some(1)).key("date:"), "date:--03-01");
        assert_eq!(f(None, None).key("dob:"), "dob:--03");
    }

    #[test]
    fn a_date_of_birth_is_one_everywhere_even_glued_to_a_word() {
        let text = "Seen at RoadMum12/03/2015 today. DOB: 12/03/2015";
        let mut out = Vec::new();
        find(text, false, &mut out);
        let spans: Vec<(&str, &str)> = out.iter().map(|c| (&text[c.start..c.end], c.key.as_str())).collect();
        assert_eq!(spans, [("12/03/2015", "dob:2015-03-12"), ("12/03/2015", "dob:2015-03-12")]);
        let mut out = Vec::new();
        find("ref 2012/03/2015 and x112/03/2015", true, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    fn dates(text: &str, all: bool) -> Vec<(&str, String)> {
        let mut out = Vec::new();
        find(text, all, &mut out);
        out.iter().map(|c| (&text[c.start..c.end], c.key.clone())).collect()
    }

    fn spans(text: &str, all: bool) -> Vec<&str> {
        dates(text, all).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn dates_of_birth_in_every_format() {
        for (d, key) in [
            ("12/03/2015", "dob:2015-03-12"),
            ("12.03.15", "dob:2015-03-12"),
            ("12-03-2015", "dob:2015-03-12"),
            ("2015-03-12", "dob:2015-03-12"),
            ("12 March 2015", "dob:2015-03-12"),
            ("12th March 2015", "dob:2015-03-12"),
            ("12th of March, 2015", "dob:2015-03-12"),
            ("March 12th 2015", "dob:2015-03-12"),
            ("Mar. 12, 2015", "dob:2015-03-12"),
            ("12 march 2015", "dob:2015-03-12"),
            ("1/3/98", "dob:1998-03-01"),
            ("03/25/2015", "dob:2015-03-25"),
            ("12 Mar '15", "dob:2015-03-12"),
            ("March 2015", "dob:2015-03"),
        ] {
            for intro in ["DOB: ", "D.O.B. ", "Date of birth - ", "born on ", "Amy (b. ", "born in Kilmarnock on "] {
                let text = format!("{intro}{d}). Seen today.");
                assert_eq!(dates(&text, false), [(d, key.to_string())], "{text}");
            }
        }
    }

    #[test]
    fn a_birth_label_after_the_date() {
        assert_eq!(spans("Amy 12/03/2015 (DOB)", false), ["12/03/2015"]);
        assert_eq!(spans("12 March 2015 – date of birth", false), ["12 March 2015"]);
        assert!(spans("12 March 2015 - doberman", false).is_empty());
    }

    #[test]
    fn a_date_in_brackets_after_a_name_is_a_date_of_birth() {
        assert_eq!(spans("Amy Smith (12/03/2015) lives with Mum", false), ["12/03/2015"]);
        assert!(spans("the meeting (12/03/2015) was held", false).is_empty());
        assert!(spans("Monday (12/03/2015)", false).is_empty());
    }

    #[test]
    fn other_dates_only_with_all_dates() {
        let text = "Visit on 12/03/2024 and Monday 3rd March, then March 2024; review 5 April.";
        assert!(spans(text, false).is_empty());
        assert_eq!(
            dates(text, true).iter().map(|(s, k)| (*s, k.as_str())).collect::<Vec<_>>(),
            [
                ("12/03/2024", "date:2024-03-12"),
                ("Monday 3rd March", "date:--03-03"),
                ("March 2024", "date:2024-03"),
                ("5 April", "date:--04-05"),
            ]
        );
        assert_eq!(spans("on Tues. the 4th of June 2024", true), ["Tues. the 4th of June 2024"]);
        assert_eq!(spans("on 12/03 at 10:30", true), ["12/03"]);
    }

    #[test]
    fn the_same_date_written_twice_has_one_key() {
        let d = dates("DOB 12/03/2015; born 12 March 2015", false);
        assert_eq!(d[0].1, d[1].1);
    }

    #[test]
    fn not_dates() {
        let all = true;
        assert!(spans("aged 6, 3 children, 1/2 hour, 12.5 kg, 2014-2015, 10:30", all).is_empty());
        assert!(spans("they may 12 go; march 12 miles; 32/13/2015; 1.2.3; 12/03/20156", all).is_empty());
        assert!(spans("Monday, then Mar and March; Sun 30 Feb; 2015-13-01; v1.12.2015", all).is_empty());
        assert!(spans("Case 2024/1187, ref 12/03/2015/4", all).is_empty());
        assert!(spans("", all).is_empty());
    }

    #[test]
    fn birth_words_on_the_line_above_do_not_count() {
        let text = "Father: date of birth 12/03/1990\n11/1/2023 - visit";
        let mut out = Vec::new();
        find(text, false, &mut out);
        assert_eq!(out.iter().map(|c| &text[c.start..c.end]).collect::<Vec<_>>(), ["12/03/1990"]);
    }

    #[test]
    fn birth_words_must_be_near() {
        assert!(spans("She was born in Kilmarnock and moved away many years later, on 12/03/2015", false).is_empty());
        assert!(spans("newborn check 12/03/2015", false).is_empty());
    }

    #[test]
    fn unicode_around() {
        assert_eq!(spans("Zoë’s DOB “12/03/2015”", false), ["12/03/2015"]);
        assert_eq!(spans("DOB:\u{a0}12\u{a0}March\u{a0}2015", false), ["12\u{a0}March\u{a0}2015"]);
        // Glued to a word, a date is still a date (recall first); never split inside a character.
        assert!(spans("é12/03/2015", true).is_empty());
        assert_eq!(spans("Zoë12/03/2015", true), ["12/03/2015"]);
    }
}
