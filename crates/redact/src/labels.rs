//! Where the text already holds a label this crate would write ("Child A", "Mother 2",
//! "[address]", "School 1"), so that a record redacted once is left alone the second time.
//!
//! The label templates' fixed prefixes are found with one Aho-Corasick automaton, built once for
//! the default labels and cached per thread for other label sets, not once per call.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::options::Labels;

/// The label templates of one label set, compiled.
struct Compiled {
    /// The distinct fixed prefixes of the templates; pattern `i` begins every template in
    /// `templates[i]`.
    automaton: Option<AhoCorasick>,
    /// No occurrence of a prefix can overlap another occurrence (true of the default labels), so
    /// a leftmost, non-overlapping search (which can skip ahead quickly) finds every occurrence.
    overlap_free: bool,
    /// For each pattern, its templates: the suffix after `{}` if the template has one, and
    /// whether the template ends with `]` (a bracketed label needs no word boundary after it).
    templates: Vec<Vec<(Option<String>, bool)>>,
}

impl Compiled {
    fn new(labels: &Labels) -> Compiled {
        let mut prefixes: Vec<String> = Vec::new();
        let mut templates: Vec<Vec<(Option<String>, bool)>> = Vec::new();
        for template in labels.all() {
            let (prefix, suffix) = match template.split_once("{}") {
                Some((p, s)) => (p, Some(s.to_string())),
                None => (template, None),
            };
            if prefix.trim().is_empty() {
                continue;
            }
            let shape = (suffix, template.ends_with(']'));
            match prefixes.iter().position(|p| p == prefix) {
                Some(i) => templates[i].push(shape),
                None => {
                    prefixes.push(prefix.to_string());
                    templates.push(vec![shape]);
                }
            }
        }
        let overlap_free = overlap_free(&prefixes);
        let kind = if overlap_free { MatchKind::LeftmostFirst } else { MatchKind::Standard };
        let automaton =
            if prefixes.is_empty() { None } else { AhoCorasickBuilder::new().match_kind(kind).build(&prefixes).ok() };
        Compiled { automaton, overlap_free, templates }
    }
}

/// Whether no two occurrences of these patterns (the same one or two different ones) can
/// overlap: no pattern holds another, and no proper suffix of one begins another.
fn overlap_free(patterns: &[String]) -> bool {
    patterns.iter().all(|p| {
        patterns.iter().all(|q| {
            let holds = !std::ptr::eq(p, q) && p.contains(q.as_str());
            let suffix_begins = (1..p.len()).any(|k| p.is_char_boundary(k) && q.starts_with(&p[k..]));
            !holds && !suffix_begins
        })
    })
}

static DEFAULT: LazyLock<(Labels, Compiled)> = LazyLock::new(|| {
    let labels = Labels::default();
    let compiled = Compiled::new(&labels);
    (labels, compiled)
});

thread_local! {
    /// The last non-default label set seen on this thread, compiled.
    static CUSTOM: RefCell<Option<(Labels, Rc<Compiled>)>> = const { RefCell::new(None) };
}

/// Byte ranges of label occurrences, sorted by start.
pub(crate) fn occurrences(text: &str, labels: &Labels) -> Vec<(usize, usize)> {
    if *labels == DEFAULT.0 {
        return occurrences_with(text, &DEFAULT.1);
    }
    let compiled = CUSTOM.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some((l, c)) if l == labels => Rc::clone(c),
            _ => {
                let c = Rc::new(Compiled::new(labels));
                *cell = Some((labels.clone(), Rc::clone(&c)));
                c
            }
        }
    });
    occurrences_with(text, &compiled)
}

fn occurrences_with(text: &str, compiled: &Compiled) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if let Some(ac) = &compiled.automaton {
        // Each template's prefix is searched as `str::match_indices` would: an occurrence that
        // overlaps the previous occurrence of the same prefix is skipped.
        let mut next_from = vec![0usize; compiled.templates.len()];
        let matches: Box<dyn Iterator<Item = aho_corasick::Match>> =
            if compiled.overlap_free { Box::new(ac.find_iter(text)) } else { Box::new(ac.find_overlapping_iter(text)) };
        for m in matches {
            let p = m.pattern().as_usize();
            let at = m.start();
            if at < next_from[p] {
                continue;
            }
            next_from[p] = m.end();
            // A letter before glues the prefix into a word ("Grandmother"); a digit does not, since
            // a label written straight after a number ("0Adult A" for "0Yusuf") is still a label.
            if at > 0 && text[..at].chars().next_back().is_some_and(char::is_alphabetic) {
                continue;
            }
            let after = m.end();
            for (suffix, bracketed) in &compiled.templates[p] {
                let end = match suffix {
                    // "Child {}": a letter or number mark, then the rest of the template.
                    Some(rest) => match mark_end(text, after) {
                        Some(m) if text[m..].starts_with(rest.as_str()) => m + rest.len(),
                        _ => continue,
                    },
                    // "Mother", "[address]": optionally " 2", " 3" for later identities.
                    None => numbered_end(text, after),
                };
                // "Adult B1": a letter mark cannot run on into digits, so a label written straight
                // before a number ("Yusuf1" → "Adult B1") is still a label.
                let letters_then_digit = suffix.as_ref().is_some_and(|r| r.is_empty())
                    && text.as_bytes()[end - 1].is_ascii_uppercase()
                    && text.as_bytes().get(end).is_some_and(u8::is_ascii_digit);
                if !text[end..].chars().next().is_some_and(char::is_alphanumeric) || *bracketed || letters_then_digit {
                    out.push((at, end));
                }
            }
        }
    }
    // Mask mode's labels: runs of █.
    // Each run is found by a search for its first █ and then read on directly.
    let block = "█".as_bytes();
    let bytes = text.as_bytes();
    let finder = memchr::memmem::Finder::new(block);
    let mut from = 0;
    while let Some(k) = finder.find(&bytes[from..]) {
        let start = from + k;
        let mut end = start + block.len();
        while bytes[end..].starts_with(block) {
            end += block.len();
        }
        out.push((start, end));
        from = end;
    }
    out.sort_unstable();
    out
}

/// Whether `start..end` lies inside one of the (sorted) label ranges.
pub(crate) fn covers(labels: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = labels.partition_point(|&(s, _)| s <= start);
    labels[..i].iter().rev().take(4).any(|&(s, e)| s <= start && end <= e)
}

/// The end of an upper-case letter run or a digit run starting at `at`.
fn mark_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let run = |pred: fn(&u8) -> bool| b[at..].iter().take_while(|c| pred(c)).count();
    let n = run(u8::is_ascii_uppercase).max(run(u8::is_ascii_digit));
    (n > 0).then_some(at + n)
}

/// After a fixed label, " 2" and the like belong to it.
fn numbered_end(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    if b.get(at) == Some(&b' ') {
        let digits = b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && !b.get(at + 1 + digits).is_some_and(u8::is_ascii_alphanumeric) {
            return at + 1 + digits;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        occurrences(text, &Labels::default()).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn finds_every_shape_of_label() {
        assert_eq!(found("Child A told Mother 2 at School 1."), ["Child A", "Mother 2", "School 1"]);
        assert_eq!(found("Address: [address] 3, [postcode]"), ["[address] 3", "[postcode]"]);
    }

    #[test]
    fn a_label_straight_after_a_digit_is_a_label() {
        assert_eq!(found("0Adult D and 2Mother"), ["Adult D", "Mother"]);
        assert_eq!(found("Adult B1 2Adult C, School 1st"), ["Adult B", "Adult C"]);
        assert!(found("GrandMother xChild A").is_empty());
    }

    #[test]
    fn ordinary_words_are_not_labels() {
        assert!(found("Children are at school. Motherwell FC. Child abuse.").is_empty());
    }

    /// The straightforward reading: every template's prefix searched on its own.
    fn reference(text: &str, labels: &Labels) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for template in labels.all() {
            let (prefix, suffix) = match template.split_once("{}") {
                Some((p, s)) => (p, Some(s)),
                None => (template, None),
            };
            if prefix.trim().is_empty() {
                continue;
            }
            for (at, _) in text.match_indices(prefix) {
                if at > 0 && text[..at].chars().next_back().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let after = at + prefix.len();
                let end = match suffix {
                    Some(rest) => match mark_end(text, after) {
                        Some(m) if text[m..].starts_with(rest) => m + rest.len(),
                        _ => continue,
                    },
                    None => numbered_end(text, after),
                };
                let letters_then_digit = suffix == Some("")
                    && text.as_bytes()[end - 1].is_ascii_uppercase()
                    && text.as_bytes().get(end).is_some_and(u8::is_ascii_digit);
                if !text[end..].chars().next().is_some_and(char::is_alphanumeric)
                    || template.ends_with(']')
                    || letters_then_digit
                {
                    out.push((at, end));
                }
            }
        }
        let mut run_start = None;
        for (i, c) in text.char_indices() {
            match (c == '█', run_start) {
                (true, None) => run_start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    run_start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = run_start {
            out.push((s, text.len()));
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn the_automaton_agrees_with_one_search_per_template() {
        let text = "Child A, Child AB and Child 1x. Child B12 Adult Ba2 ****** **x Mother 2 [address] 3[date] ██ x███ Adult ZAdult B                     Grandparent[date of birth] School 12 GP practice 3. █";
        let odd = Labels {
            mother: "**".into(),
            father: "**".into(),
            child: "Kid {} (young)".into(),
            adult: "Kid {}".into(),
            url: "{}".into(),
            ..Labels::default()
        };
        let text2 = format!("{text} Kid A (young) Kid B Kid C (young)x");
        for labels in [Labels::default(), odd] {
            for t in [text, text2.as_str(), "", "█", "Child"] {
                assert_eq!(occurrences(t, &labels), reference(t, &labels), "{t}");
            }
        }
    }

    #[test]
    fn default_prefixes_never_overlap() {
        assert!(DEFAULT.1.overlap_free);
        assert!(!overlap_free(&["**".into()]));
        assert!(!overlap_free(&["ab".into(), "bc".into()]));
        assert!(!overlap_free(&["abc".into(), "b".into()]));
        assert!(overlap_free(&["ab".into(), "cd".into()]));
    }

    #[test]
    fn covers_needs_the_whole_span_inside() {
        let labels = [(0, 7), (10, 19)];
        assert!(covers(&labels, 0, 7));
        assert!(covers(&labels, 12, 19));
        assert!(!covers(&labels, 5, 12));
    }
}
