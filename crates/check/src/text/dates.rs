//! Date and time expressions as UK practitioners write them.
//!
//! Dates: "4 March 2025", "4th March", "4th of March", "March 4, 2025", "March 2024",
//! "Tuesday 4 March", "Mon 3 Mar", "04/03/2025", "4/3/25", "10.01.2025", "4-3-2025",
//! "2025-03-04". Times: "10:30", "14:00", "10.30am", "3.45 pm", "2pm", "10 a.m.", "1400hrs",
//! and "10.30" after "at", "from", "until" and the like.
//!
//! One forward byte scan, no regular expressions and no allocation except the output. Numbers
//! that only look like dates are left alone: "3.5 hours", version numbers ("1.2.3"), section
//! numbers ("s.47"), phone numbers ("0141 123 4567", "0141-123-4567").

use super::Span;

/// A calendar date as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// The year, four digits (two-digit years are read as 20xx); `None` if the text gives none.
    pub year: Option<u16>,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31; `None` for "March 2024".
    pub day: Option<u8>,
}

impl DateValue {
    /// Compares two dates at the precision both give; `None` if either has no year.
    pub fn compare(&self, other: &DateValue) -> Option<std::cmp::Ordering> {
        let (a, b) = (self.year?, other.year?);
        let by_month = (a, self.month).cmp(&(b, other.month));
        if by_month != std::cmp::Ordering::Equal {
            return Some(by_month);
        }
        match (self.day, other.day) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(std::cmp::Ordering::Equal),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date(DateValue),
    Time,
}

#[derive(Debug, Clone, Copy)]
struct Found {
    span: Span,
    kind: Kind,
}

/// Finds every date expression in `text`, in order.
pub fn find_dates(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    scan(text, |f| {
        if matches!(f.kind, Kind::Date(_)) {
            out.push(f.span);
        }
        true
    });
    out
}

/// Finds every time expression ("10:30", "3.45pm", "2pm", "10 a.m.") in `text`, in order.
pub fn find_times(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    scan(text, |f| {
        if f.kind == Kind::Time {
            out.push(f.span);
        }
        true
    });
    out
}

/// The same as [`find_dates`].
pub fn dates(text: &str) -> Vec<Span> {
    find_dates(text)
}

/// Whether `s` contains a date.
pub fn has_date(s: &str) -> bool {
    let mut found = false;
    scan(s, |f| {
        found = matches!(f.kind, Kind::Date(_));
        !found
    });
    found
}

/// Whether `s` contains a time of day.
pub fn has_time(s: &str) -> bool {
    let mut found = false;
    scan(s, |f| {
        found = f.kind == Kind::Time;
        !found
    });
    found
}

/// The date at the start of a line, after optional whitespace and a bullet ("-", "*", "•", "|",
/// "1.", "2)"), as a chronology entry starts.
pub fn leading_date(line: &str) -> Option<Span> {
    leading(line).map(|(span, _)| span)
}

/// The value of the date at the start of `line` (see [`leading_date`]).
pub fn leading_date_value(line: &str) -> Option<(Span, DateValue)> {
    leading(line)
}

/// Reads the date that starts `s` exactly (after leading whitespace), as a value.
pub fn parse_date(s: &str) -> Option<DateValue> {
    let start = s.len() - s.trim_start().len();
    match_at(s.as_bytes(), start).and_then(|f| match f.kind {
        Kind::Date(v) if f.span.start == start => Some(v),
        _ => None,
    })
}

fn leading(line: &str) -> Option<(Span, DateValue)> {
    let b = line.as_bytes();
    let mut i = skip_space(b, 0);
    // Bullets and table bars.
    loop {
        if i < b.len() && matches!(b[i], b'-' | b'*' | b'|' | b'>' | b'+') {
            i = skip_space(b, i + 1);
        } else if line[i..].starts_with('\u{2022}') || line[i..].starts_with('\u{2013}') {
            i = skip_space(b, i + 3);
        } else {
            break;
        }
    }
    // Numbering such as "1." or "12)" followed by a space.
    let d = digits(b, i);
    if (1..=3).contains(&d) && i + d + 1 < b.len() && matches!(b[i + d], b'.' | b')') && is_space(b[i + d + 1]) {
        i = skip_space(b, i + d + 1);
    }
    let f = match_at(b, i)?;
    match f.kind {
        Kind::Date(v) if f.span.start == i => Some((f.span, v)),
        _ => None,
    }
}

/// Scans `text`, calling `found` for each expression until it returns false.
fn scan(text: &str, mut found: impl FnMut(Found) -> bool) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c.is_ascii_digit() || c.is_ascii_alphabetic()) && at_boundary(b, i) {
            if let Some(f) = match_at(b, i) {
                if !found(f) {
                    return;
                }
                i = f.span.end;
                continue;
            }
            // Skip the rest of this token.
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
}

/// Whether a token may start at `i`: not inside a word or a longer number ("1.10.2025", "s.47").
fn at_boundary(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    if p.is_ascii_alphanumeric() || p >= 0x80 && !prev_is_space_like(b, i) {
        return false;
    }
    if matches!(p, b'.' | b',' | b'/' | b':' | b'-') && i >= 2 && b[i - 2].is_ascii_alphanumeric() {
        // "1.5", "s.47", "12/3": the middle of something else. A date after "-" following a word
        // ("Date-4 March") is too rare to matter.
        return false;
    }
    true
}

/// A non-ASCII byte before `i` counts as a boundary when it ends a dash, quote or space character.
fn prev_is_space_like(b: &[u8], i: usize) -> bool {
    // Find the start of the previous UTF-8 character.
    let mut s = i - 1;
    while s > 0 && (b[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    let ch = std::str::from_utf8(&b[s..i]).ok().and_then(|t| t.chars().next());
    ch.is_some_and(|c| !c.is_alphanumeric())
}

/// Tries every pattern that can start at `i` (which is at a token boundary).
fn match_at(b: &[u8], i: usize) -> Option<Found> {
    if i >= b.len() {
        return None;
    }
    if b[i].is_ascii_digit() { numeric(b, i) } else { alphabetic(b, i) }
}

fn numeric(b: &[u8], i: usize) -> Option<Found> {
    let n = digits(b, i);
    let value = number(b, i, n);
    let after = i + n;
    let next = b.get(after).copied();

    // 2025-03-04 (ISO).
    if n == 4 && next == Some(b'-') {
        let m = digits(b, after + 1);
        if m == 2 && b.get(after + 3) == Some(&b'-') && digits(b, after + 4) == 2 {
            let (month, day) = (number(b, after + 1, 2), number(b, after + 4, 2));
            let end = after + 6;
            if valid_dm(day, month) && (1900..=2099).contains(&value) && clean_end(b, end) {
                let v = DateValue { year: Some(value as u16), month: month as u8, day: Some(day as u8) };
                return Some(date(i, end, v));
            }
        }
        return None;
    }
    // 1400hrs
    if n == 4 && value % 100 < 60 && value / 100 < 24 {
        let j = skip_space(b, after);
        if let Some(k) = word_is(b, j, &[b"hrs", b"hours", b"h"])
            && (j == after || &b[j..k] != b"hours")
        {
            return Some(Found { span: Span::new(i, k), kind: Kind::Time });
        }
        return None;
    }
    if n == 0 || n > 2 {
        return None;
    }

    match next {
        // 04/03/2025, 4/3/25, 10.01.2025, 4-3-2025
        Some(sep @ (b'/' | b'.' | b'-')) => {
            let m = digits(b, after + 1);
            if (1..=2).contains(&m) && b.get(after + 1 + m) == Some(&sep) {
                let ys = after + 2 + m;
                let y = digits(b, ys);
                let month = number(b, after + 1, m);
                let end = ys + y;
                let two_digit_ok = sep != b'.' || (n == 2 && m == 2);
                if valid_dm(value, month) && (y == 4 || (y == 2 && two_digit_ok)) && clean_end(b, end) {
                    let raw = number(b, ys, y);
                    let year = if y == 2 { 2000 + raw } else { raw };
                    if y == 2 || (1900..=2099).contains(&year) {
                        let v = DateValue { year: Some(year as u16), month: month as u8, day: Some(value as u8) };
                        return Some(date(i, end, v));
                    }
                }
                return None;
            }
            if sep == b'.' && m == 2 {
                // 10.30am, 3.45 pm; bare 10.30 only after "at", "from", "until"...
                let minutes = number(b, after + 1, 2);
                let end = after + 3;
                if value < 24 && minutes < 60 && !b.get(end).is_some_and(u8::is_ascii_digit) {
                    if let Some(k) = meridiem(b, end) {
                        if value <= 12 {
                            return Some(Found { span: Span::new(i, k), kind: Kind::Time });
                        }
                    } else if time_end(b, end) && time_word_before(b, i) {
                        return Some(Found { span: Span::new(i, end), kind: Kind::Time });
                    }
                }
            }
            None
        }
        // 10:30, 14:00, 10:30am
        Some(b':') => {
            if digits(b, after + 1) != 2 {
                return None;
            }
            let minutes = number(b, after + 1, 2);
            let mut end = after + 3;
            if value >= 24 || minutes >= 60 {
                return None;
            }
            if b.get(end) == Some(&b':') && digits(b, end + 1) == 2 {
                end += 3;
            }
            if let Some(k) = meridiem(b, end) {
                end = k;
            } else if !time_end(b, end) {
                return None;
            }
            Some(Found { span: Span::new(i, end), kind: Kind::Time })
        }
        _ => {
            // 2pm, 10 a.m.
            if (1..=12).contains(&value)
                && let Some(k) = meridiem(b, after)
            {
                return Some(Found { span: Span::new(i, k), kind: Kind::Time });
            }
            // 4 March 2025, 4th March, 4th of March
            if !(1..=31).contains(&value) {
                return None;
            }
            let mut j = after;
            if let Some(k) = ordinal_suffix(b, j) {
                j = k;
            }
            let had_ordinal = j != after;
            let k = skip_space(b, j);
            if k == j && !had_ordinal {
                return None;
            }
            let mut k2 = k;
            if let Some(e) = word_is(b, k, &[b"of"]) {
                k2 = skip_space(b, e);
            }
            let (month, mend) = month_at(b, k2, true)?;
            if !valid_dm(value, month as u32) {
                return None;
            }
            let (year, end) = year_after(b, mend);
            Some(date(i, end, DateValue { year, month, day: Some(value as u8) }))
        }
    }
}

fn alphabetic(b: &[u8], i: usize) -> Option<Found> {
    // Every month and weekday name starts with one of these letters.
    if !matches!(b[i].to_ascii_lowercase(), b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's' | b't' | b'w') {
        return None;
    }
    // Tuesday 4 March, Mon 3 Mar, Tuesday, 4th March 2025
    if let Some(wend) = weekday_at(b, i) {
        let mut j = wend;
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        let k = skip_space(b, j);
        if k > j
            && k < b.len()
            && b[k].is_ascii_digit()
            && let Some(f) = numeric(b, k)
            && let Kind::Date(_) = f.kind
        {
            return Some(Found { span: Span::new(i, f.span.end), kind: f.kind });
        }
        // "Tuesday March 4"
        if k > j
            && let Some(f) = alphabetic_month(b, k)
        {
            return Some(Found { span: Span::new(i, f.span.end), kind: f.kind });
        }
        return None;
    }
    alphabetic_month(b, i)
}

/// March 4, 2025; March 4th; March 2024.
fn alphabetic_month(b: &[u8], i: usize) -> Option<Found> {
    let (month, mend) = month_at(b, i, false)?;
    let mut j = mend;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    let k = skip_space(b, j);
    if k == j {
        return None;
    }
    let n = digits(b, k);
    if n == 4 {
        let y = number(b, k, 4);
        if (1900..=2099).contains(&y) && clean_end(b, k + 4) {
            return Some(date(i, k + 4, DateValue { year: Some(y as u16), month, day: None }));
        }
        return None;
    }
    if !(1..=2).contains(&n) {
        return None;
    }
    let day = number(b, k, n);
    if !valid_dm(day, month as u32) {
        return None;
    }
    let mut end = k + n;
    if let Some(e) = ordinal_suffix(b, end) {
        end = e;
    }
    if !clean_end(b, end) {
        return None;
    }
    let (year, yend) = year_after(b, end);
    Some(date(i, if year.is_some() { yend } else { end }, DateValue { year, month, day: Some(day as u8) }))
}

/// An optional ", 2025" or " 2025" after a day and month.
fn year_after(b: &[u8], end: usize) -> (Option<u16>, usize) {
    let mut j = end;
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    let k = skip_space(b, j);
    if k > j && digits(b, k) == 4 {
        let y = number(b, k, 4);
        if (1900..=2099).contains(&y) && clean_end(b, k + 4) {
            return (Some(y as u16), k + 4);
        }
    }
    (None, end)
}

fn date(start: usize, end: usize, v: DateValue) -> Found {
    Found { span: Span::new(start, end), kind: Kind::Date(v) }
}

fn valid_dm(day: u32, month: u32) -> bool {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&month) && day >= 1 && day <= DAYS[month as usize - 1]
}

/// The end of a number-like token must not run on into more digits or another separator+digit.
fn clean_end(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'.' | b'/' | b'-' | b':' | b',') => !b.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => true,
    }
}

/// Like [`clean_end`], but a time may run straight into a range: "10:00-11:00".
fn time_end(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        Some(b'-') => true,
        _ => clean_end(b, end),
    }
}

fn digits(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

fn number(b: &[u8], i: usize, n: usize) -> u32 {
    b[i..i + n.min(6)].iter().fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
}

fn is_space(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    // A no-break space (U+00A0) between parts.
    if b.get(i..i + 2) == Some(&[0xC2, 0xA0]) {
        return skip_space(b, i + 2);
    }
    i
}

/// If one of `words` (lower case) starts at `i` as a whole word (case-insensitive), its end.
fn word_is(b: &[u8], i: usize, words: &[&[u8]]) -> Option<usize> {
    let n = b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_alphabetic()).count());
    if n == 0 || b.get(i + n).is_some_and(|&c| c.is_ascii_digit() || c >= 0x80) {
        return None;
    }
    let w = &b[i..i + n];
    words.iter().any(|x| w.eq_ignore_ascii_case(x)).then_some(i + n)
}

fn ordinal_suffix(b: &[u8], i: usize) -> Option<usize> {
    let s = b.get(i..i + 2)?;
    let ok = [b"st", b"nd", b"rd", b"th"].iter().any(|x| s.eq_ignore_ascii_case(*x));
    (ok && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric)).then_some(i + 2)
}

/// "am", "pm", "a.m.", "p.m.", optionally after one space; the end of the marker.
fn meridiem(b: &[u8], i: usize) -> Option<usize> {
    let j = skip_space(b, i);
    if j > i + 1 {
        return None;
    }
    let c = b.get(j)?.to_ascii_lowercase();
    if c != b'a' && c != b'p' {
        return None;
    }
    let rest = b.get(j + 1..).unwrap_or(&[]);
    if rest.first().is_some_and(|c| c.eq_ignore_ascii_case(&b'm')) {
        let end = j + 2;
        if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        return Some(end);
    }
    if rest.len() >= 3 && rest[0] == b'.' && rest[1].eq_ignore_ascii_case(&b'm') && rest[2] == b'.' {
        return Some(j + 4);
    }
    if rest.len() >= 2 && rest[0] == b'.' && rest[1].eq_ignore_ascii_case(&b'm') {
        let end = j + 3;
        if !b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Some(end);
        }
    }
    None
}

/// Whether the word before a bare "10.30" makes it a time ("at 10.30", "from 9.15 to 10.30").
fn time_word_before(b: &[u8], i: usize) -> bool {
    let mut e = i;
    while e > 0 && is_space(b[e - 1]) {
        e -= 1;
    }
    if e == i {
        return false;
    }
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let w = &b[s..e];
    [&b"at"[..], b"from", b"until", b"till", b"to", b"between", b"and", b"by", b"before", b"after", b"around"]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
}

const MONTHS: [(&[u8], u8); 12] = [
    (b"january", 1),
    (b"february", 2),
    (b"march", 3),
    (b"april", 4),
    (b"may", 5),
    (b"june", 6),
    (b"july", 7),
    (b"august", 8),
    (b"september", 9),
    (b"october", 10),
    (b"november", 11),
    (b"december", 12),
];

/// A month name or abbreviation ("Mar", "Sept") at `i`: the month and the end of the word.
/// Without `after_day`, the name must be capitalised ("may" and "march" are also verbs).
fn month_at(b: &[u8], i: usize, after_day: bool) -> Option<(u8, usize)> {
    let n = b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_alphabetic()).count());
    if !(3..=9).contains(&n) || b.get(i + n).is_some_and(|&c| c.is_ascii_digit() || c >= 0x80) {
        return None;
    }
    let w = &b[i..i + n];
    let capital = w[0].is_ascii_uppercase();
    for &(name, m) in &MONTHS {
        let full = w.eq_ignore_ascii_case(name);
        let abbrev = n >= 3 && n < name.len() && name[..n].eq_ignore_ascii_case(w) && (n == 3 || &name[..n] == b"sept");
        if full || abbrev {
            if !capital && (!after_day || m == 5) {
                return None;
            }
            return Some((m, i + n));
        }
    }
    None
}

const WEEKDAYS: [&[u8]; 7] = [b"monday", b"tuesday", b"wednesday", b"thursday", b"friday", b"saturday", b"sunday"];

/// A weekday name or abbreviation ("Mon", "Tues", "Thurs") at `i`: the end of the word.
fn weekday_at(b: &[u8], i: usize) -> Option<usize> {
    let n = b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_alphabetic()).count());
    if !(3..=9).contains(&n) {
        return None;
    }
    let w = &b[i..i + n];
    let ok = WEEKDAYS.iter().any(|d| {
        w.eq_ignore_ascii_case(d) || (n < d.len() && d[..n].eq_ignore_ascii_case(w) && (n == 3 || n == 4 || n == 5))
    });
    ok.then_some(i + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find_dates(text).into_iter().map(|s| s.of(text)).collect()
    }

    fn times(text: &str) -> Vec<&str> {
        find_times(text).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn written_dates() {
        assert_eq!(found("Seen on 4 March 2025 at home."), ["4 March 2025"]);
        assert_eq!(found("Seen on the 4th March."), ["4th March"]);
        assert_eq!(found("Seen on the 4th of March."), ["4th of March"]);
        assert_eq!(found("Seen March 4, 2025."), ["March 4, 2025"]);
        assert_eq!(found("Seen Mon 3 Mar and Tuesday 4 March 2025."), ["Mon 3 Mar", "Tuesday 4 March 2025"]);
        assert_eq!(found("Tuesday, 4th March"), ["Tuesday, 4th March"]);
        assert_eq!(found("They separated in March 2024."), ["March 2024"]);
        assert_eq!(found("On 1 Sept 2024 and 2 Sep 2024"), ["1 Sept 2024", "2 Sep 2024"]);
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(found("04/03/2025 - visit"), ["04/03/2025"]);
        assert_eq!(found("on 4/3/25, then"), ["4/3/25"]);
        assert_eq!(found("10.01.2025 - phoned"), ["10.01.2025"]);
        assert_eq!(found("2025-03-04: review"), ["2025-03-04"]);
        assert_eq!(found("4-3-2025"), ["4-3-2025"]);
    }

    #[test]
    fn values() {
        let v = parse_date("4/3/25").unwrap();
        assert_eq!(v, DateValue { year: Some(2025), month: 3, day: Some(4) });
        assert_eq!(parse_date("2025-03-04").unwrap(), v);
        assert_eq!(parse_date("Tuesday 4 March 2025").unwrap(), v);
        assert_eq!(parse_date("March 4, 2025").unwrap(), v);
        assert_eq!(parse_date("4th March").unwrap().year, None);
        assert_eq!(parse_date("March 2024").unwrap().day, None);
        assert_eq!(parse_date("the 4th March"), None);
    }

    #[test]
    fn not_dates() {
        for text in [
            "It took 3.5 hours.",
            "version 1.2.3 and 2.10.1",
            "a s.47 enquiry",
            "phone 0141 123 4567 or 0141-123-4567 or 07700 900123",
            "We may 4 times",
            "31/02/2025 is no date",
            "1.2.2025.1",
            "aged 4 and 15 years",
            "march 4 down the road",
            "Room 12/3",
        ] {
            assert!(find_dates(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn time_expressions() {
        assert_eq!(times("at 10:30 and 14:00"), ["10:30", "14:00"]);
        assert_eq!(times("from 10.30am to 3.45 pm"), ["10.30am", "3.45 pm"]);
        assert_eq!(times("at 2pm, then 10 a.m. and 9 p.m"), ["2pm", "10 a.m.", "9 p.m"]);
        assert_eq!(times("visit at 10.30 for an hour"), ["10.30"]);
        assert_eq!(times("logged 1400hrs"), ["1400hrs"]);
        assert!(has_time("Date and time: Tuesday 4 March 2025, 3.45pm to 5.00pm"));
        assert!(!has_time("It took 3.5 hours; scored 10.30 points; 25:99; 13pm; 1400 hours"));
        assert_eq!(times("10:00-11:00, 9 am"), ["10:00", "9 am"]);
    }

    #[test]
    fn has_date_and_time() {
        assert!(has_date("Date: 4 March 2025"));
        assert!(!has_date("Date: to follow"));
        assert!(has_time("at 2pm"));
        assert!(!has_time("on 4 March 2025"));
    }

    #[test]
    fn leading_dates() {
        assert_eq!(leading_date("10.01.2025 - phoned").map(|s| s.start), Some(0));
        let line = "  - 4 March 2025: visit";
        assert_eq!(leading_date(line).map(|s| s.of(line)), Some("4 March 2025"));
        let line = "• Tue 4 Mar 2025 visit";
        assert_eq!(leading_date(line).map(|s| s.of(line)), Some("Tue 4 Mar 2025"));
        let line = "3. 04/03/2025 visit";
        assert_eq!(leading_date(line).map(|s| s.of(line)), Some("04/03/2025"));
        let line = "| 2025-03-04 | visit |";
        assert_eq!(leading_date(line).map(|s| s.of(line)), Some("2025-03-04"));
        assert_eq!(leading_date("Visit on 4 March 2025"), None);
        assert_eq!(leading_date("10:30 visit"), None);
    }

    #[test]
    fn compare_at_shared_precision() {
        use std::cmp::Ordering::*;
        let a = parse_date("March 2024").unwrap();
        let b = parse_date("2 March 2024").unwrap();
        let c = parse_date("1 April 2024").unwrap();
        assert_eq!(a.compare(&b), Some(Equal));
        assert_eq!(b.compare(&c), Some(Less));
        assert_eq!(parse_date("4 March").unwrap().compare(&c), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", "4", "4/", "4/3/", "12:", "2025-", "Tuesday", "Tuesday 4", "4th", "é4 March", "4 Marché"] {
            let _ = find_dates(text);
            let _ = find_times(text);
            let _ = leading_date(text);
        }
        let s = "Dé 4\u{a0}March 2025 – 10.30am ✓ 4/3/25";
        assert_eq!(found(s), ["4\u{a0}March 2025", "4/3/25"]);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_on_char_boundaries(text in "[0-9 /.:\\-a-zA-Z,é\u{a0}•–]{0,40}") {
            for span in find_dates(&text).into_iter().chain(find_times(&text)) {
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                proptest::prop_assert!(span.start < span.end);
            }
            if let Some(span) = leading_date(&text) {
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
            let _ = (has_date(&text), has_time(&text), parse_date(&text));
        }

        #[test]
        fn generated_dates_are_found(d in 1u32..=28, m in 1usize..=12, y in 2000u32..2040) {
            const NAMES: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
            let want = DateValue { year: Some(y as u16), month: m as u8, day: Some(d as u8) };
            for text in [
                format!("{d} {} {y}", NAMES[m - 1]),
                format!("{d:02}/{m:02}/{y}"),
                format!("{d}.{m}.{y}"),
                format!("{y}-{m:02}-{d:02}"),
                format!("{} {d}, {y}", NAMES[m - 1]),
            ] {
                proptest::prop_assert_eq!(parse_date(&text), Some(want), "{}", text);
            }
        }
    }
}
