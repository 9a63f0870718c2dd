//! The line under a finding, ready to print with carets beneath the matched text.
//!
//! Terminals measure text in columns, not bytes or characters: CJK characters and most emoji
//! take two columns, combining marks none, and a tab jumps to the next tab stop. This module
//! lays a line out in columns with `unicode-width`, expands tabs, replaces control characters
//! (so a record cannot inject terminal escapes), and cuts lines that are too long around the
//! matched text, marking each cut with `…`.
//!
//! Only a window of [`LOOK`] bytes either side of the finding is examined, so excerpts stay cheap
//! even when a 50 MB record is a single line.

use unicode_width::UnicodeWidthChar;

/// How far either side of a finding to look for the ends of its line, in bytes.
pub const LOOK: usize = 4096;

/// Columns between tab stops.
pub const TAB: usize = 4;

/// A line ready to print, with where the carets go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line as displayed: tabs expanded, control characters replaced, cut with `…`.
    pub line: String,
    /// Display columns before the first caret.
    pub pad: usize,
    /// How many carets to draw (at least 1).
    pub carets: usize,
}

impl Excerpt {
    /// The caret line: spaces then carets.
    pub fn caret_line(&self) -> String {
        format!("{}{}", " ".repeat(self.pad), "^".repeat(self.carets))
    }
}

/// One displayed character (or expanded tab) of the line.
struct Cell {
    /// Byte offset in the whole text.
    at: usize,
    /// What to print.
    shown: Shown,
    /// Columns it takes.
    width: usize,
    /// Column where it starts.
    col: usize,
}

enum Shown {
    Char(char),
    Spaces(usize),
}

/// Lays out the line containing `start` so that the bytes `start..end` can be underlined, in at
/// most `max_width` columns (at least 8 are always used). Offsets out of range or inside a
/// character are clamped; a span running past the end of its line is underlined to the end of
/// the line.
pub fn excerpt(text: &str, start: usize, end: usize, max_width: usize) -> Excerpt {
    let max_width = max_width.max(8);
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end).max(start);
    let bytes = text.as_bytes();

    let lo = start.saturating_sub(LOOK);
    let (line_start, cut_left) = match memchr::memrchr(b'\n', &bytes[lo..start]) {
        Some(i) => (lo + i + 1, false),
        None => (ceil_boundary(text, lo), lo > 0),
    };
    let hi = start.saturating_add(LOOK).min(text.len());
    let (mut line_end, cut_right) = match memchr::memchr(b'\n', &bytes[start..hi]) {
        Some(i) => (start + i, false),
        None => (floor_boundary(text, hi), hi < text.len()),
    };
    if !cut_right && line_end > line_start && bytes[line_end - 1] == b'\r' {
        line_end -= 1;
    }
    let span_end = end.min(line_end).max(start);

    let mut cells = Vec::new();
    let mut col = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        let (shown, width) = match c {
            '\t' => {
                let n = TAB - col % TAB;
                (Shown::Spaces(n), n)
            }
            c if c.is_control() => (Shown::Char('\u{FFFD}'), 1),
            c => (Shown::Char(c), c.width().unwrap_or(0)),
        };
        cells.push(Cell { at: line_start + i, shown, width, col });
        col += width;
    }
    let total = col;
    let pad: usize = cells.iter().filter(|c| c.at < start).map(|c| c.width).sum();
    let carets: usize = cells.iter().filter(|c| c.at >= start && c.at < span_end).map(|c| c.width).sum();

    let fits = total + usize::from(cut_left) + usize::from(cut_right) <= max_width;
    let (from, to) = if fits {
        (0, total)
    } else {
        // Leave room for an ellipsis at each end, and centre the span in what is left.
        let budget = max_width - 2;
        if carets >= budget {
            (pad, pad + budget)
        } else {
            let context = budget - carets;
            let after = total - pad - carets;
            let left = pad.min((context / 2).max(context.saturating_sub(after)));
            let from = pad - left;
            (from, from + budget)
        }
    };
    // An end that is not cut needs no ellipsis, so its column goes to the other end.
    let (from, to) = match (from == 0 && !cut_left, to >= total && !cut_right) {
        (true, false) => (from, to + 1),
        (false, true) => (from.saturating_sub(1), to),
        _ => (from, to),
    };

    let mut line = String::new();
    let mut new_pad = 0;
    let mut new_carets = 0;
    let left_mark = cut_left || from > 0;
    if left_mark {
        line.push('…');
        new_pad += 1;
    }
    let mut last_shown = from;
    for cell in cells.iter().filter(|c| c.col >= from && c.col + c.width <= to) {
        match cell.shown {
            Shown::Char(c) => line.push(c),
            Shown::Spaces(n) => line.extend(std::iter::repeat_n(' ', n)),
        }
        if cell.at < start {
            new_pad += cell.width;
        } else if cell.at < span_end {
            new_carets += cell.width;
        }
        last_shown = cell.col + cell.width;
    }
    if cut_right || last_shown < total {
        line.push('…');
    }
    Excerpt { line, pad: new_pad, carets: new_carets.max(1) }
}

/// The largest character boundary at or before `i` (clamped to the text).
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or after `i` (clamped to the text).
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, needle: &str, width: usize) -> Excerpt {
        let start = text.find(needle).unwrap();
        excerpt(text, start, start + needle.len(), width)
    }

    #[test]
    fn underlines_the_match_on_its_own_line() {
        let e = ex("First line.\nMum was non-compliant today.\nLast.", "non-compliant", 100);
        assert_eq!(e.line, "Mum was non-compliant today.");
        assert_eq!(e.caret_line(), "        ^^^^^^^^^^^^^");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let e = ex("子供 saw respite", "respite", 100);
        assert_eq!(e.pad, 9);
        assert_eq!(e.carets, 7);
        let e = ex("the 子供 was seen", "子供", 100);
        assert_eq!((e.pad, e.carets), (4, 4));
    }

    #[test]
    fn combining_marks_take_no_columns() {
        let e = ex("Zoe\u{301} had respite", "respite", 100);
        assert_eq!(e.pad, 8);
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        let e = ex("a\tb\tplacement", "placement", 100);
        assert_eq!(e.line, "a   b   placement");
        assert_eq!(e.pad, 8);
    }

    #[test]
    fn control_characters_are_replaced() {
        let e = ex("x\u{1b}[31m placement", "placement", 100);
        assert!(!e.line.contains('\u{1b}'));
        assert_eq!(e.pad, 7);
    }

    #[test]
    fn crlf_line_endings_are_trimmed() {
        let e = ex("one placement\r\ntwo", "placement", 100);
        assert_eq!(e.line, "one placement");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("{} placement {}", "word ".repeat(100), "more ".repeat(100));
        let e = ex(&text, "placement", 40);
        assert!(e.line.starts_with('…') && e.line.ends_with('…'), "{}", e.line);
        assert!(e.line.chars().count() <= 40);
        let shown: String = e.line.chars().skip(e.pad).take(e.carets).collect();
        assert_eq!(shown, "placement");
    }

    #[test]
    fn span_near_the_start_keeps_the_start() {
        let text = format!("placement {}", "word ".repeat(100));
        let e = ex(&text, "placement", 30);
        assert!(e.line.starts_with("placement") && e.line.ends_with('…'));
        assert_eq!((e.pad, e.carets), (0, 9));
    }

    #[test]
    fn span_near_the_end_keeps_the_end() {
        let text = format!("{}placement", "word ".repeat(100));
        let e = ex(&text, "placement", 30);
        assert!(e.line.starts_with('…') && e.line.ends_with("placement"), "{}", e.line);
        assert_eq!(e.line.chars().count(), 30);
        assert_eq!(e.carets, 9);
    }

    #[test]
    fn span_wider_than_the_screen_is_cut() {
        let text = "x".repeat(500);
        let e = excerpt(&text, 10, 400, 50);
        assert!(e.carets <= 48 && e.carets > 40);
        assert!(e.line.chars().count() <= 50);
    }

    #[test]
    fn multi_line_span_is_underlined_to_the_line_end() {
        let e = excerpt("abc def\nghi", 4, 11, 100);
        assert_eq!(e.line, "abc def");
        assert_eq!((e.pad, e.carets), (4, 3));
    }

    #[test]
    fn huge_single_line_looks_only_at_a_window() {
        let text = format!("{}placement{}", "a ".repeat(1_000_000), " b".repeat(1_000_000));
        let e = ex(&text, "placement", 80);
        assert!(e.line.starts_with('…') && e.line.ends_with('…'));
        assert_eq!(e.carets, 9);
    }

    #[test]
    fn odd_offsets_never_panic() {
        let text = "é子\n\t🙂x";
        for s in 0..=text.len() + 2 {
            for e in 0..=text.len() + 2 {
                let x = excerpt(text, s, e, 8);
                assert!(x.carets >= 1);
            }
        }
        let x = excerpt("", 0, 0, 80);
        assert_eq!((x.line.as_str(), x.pad, x.carets), ("", 0, 1));
    }

    #[test]
    fn look_window_cut_inside_a_character_is_safe() {
        let text = format!("{}placement", "é".repeat(LOOK));
        let e = ex(&text, "placement", 40);
        assert!(e.line.ends_with("placement"));
    }
}
