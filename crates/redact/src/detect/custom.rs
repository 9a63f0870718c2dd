//! The organisation's own terms ([`crate::Options::custom_terms`]): street names, estates, local
//! schools. Matched case-insensitively (ASCII letters) as whole words, so "Hillview Estate" is
//! found in "the hillview estate's play park" but "Hill" is not found in "Hillview". A possessive
//! ('s, ’s) stays outside the span, so the record reads "[local detail]'s". Runs of spaces in a
//! term match any run of spaces, tabs, line breaks or non-breaking spaces in the text. The key
//! is the normalised term, so every mention gets one label.

use std::cell::RefCell;
use std::rc::Rc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::entity::{Candidate, EntityKind, normalise};

/// `others` are what the other detectors found: a letter that belongs to one of them does not
/// glue a term to it ("éAmy" holds the term "é"), because once it is redacted it will not either.
pub(crate) fn find(text: &str, terms: &[String], others: &[Candidate], out: &mut Vec<Candidate>) {
    if terms.is_empty() {
        return;
    }
    let Some(compiled) = compiled(terms) else {
        return;
    };
    let (terms, ac) = &*compiled;
    // Match against a copy whose whitespace runs are single spaces, mapping offsets back.
    let (flat, map) = flatten_spaces(text);
    let mut taken: Vec<(usize, usize)> = others.iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    search(ac, &flat, &map, text, terms, &taken, out);
}

/// The squeezed terms and their automaton, or `None` if no term is left.
type Compiled = (Vec<String>, AhoCorasick);

/// A raw term list and what it compiled to.
type Cached = (Vec<String>, Option<Rc<Compiled>>);

thread_local! {
    /// The last term list seen on this thread, compiled: a batch redacts many records with one
    /// list, and building the automaton costs more than searching a record.
    static LAST: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

fn compiled(terms: &[String]) -> Option<Rc<Compiled>> {
    LAST.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((raw, compiled)) = &*cell
            && raw.as_slice() == terms
        {
            return compiled.clone();
        }
        let compiled = compile(terms).map(Rc::new);
        *cell = Some((terms.to_vec(), compiled.clone()));
        compiled
    })
}

fn compile(terms: &[String]) -> Option<Compiled> {
    let terms: Vec<String> = terms.iter().map(|t| squeeze(t)).filter(|t| !t.is_empty()).collect();
    if terms.is_empty() {
        return None;
    }
    let ac =
        AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(&terms).ok()?;
    Some((terms, ac))
}

/// Whether byte `at` lies inside one of the sorted spans.
fn inside(taken: &[(usize, usize)], at: usize) -> bool {
    let i = taken.partition_point(|&(s, _)| s <= at);
    taken[..i].iter().rev().take(8).any(|&(s, e)| s <= at && at < e)
}

fn search(
    ac: &AhoCorasick,
    flat: &str,
    map: &[usize],
    text: &str,
    terms: &[String],
    taken: &[(usize, usize)],
    out: &mut Vec<Candidate>,
) {
    for m in ac.find_overlapping_iter(flat) {
        let (s, e) = (m.start(), m.end());
        let (start, end) = (map[s], map[e]);
        let glued_before = word_before(flat, s) && !(start > 0 && inside(taken, start - 1));
        let glued_after = word_at(flat, e) && !inside(taken, end);
        if glued_before || glued_after {
            continue;
        }
        if start < end && text.is_char_boundary(start) && text.is_char_boundary(end) {
            let key = normalise(&terms[m.pattern().as_usize()]);
            out.push(Candidate { kind: EntityKind::Custom, start, end, key, role: None });
        }
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The term trimmed, with each run of whitespace one space.
fn squeeze(term: &str) -> String {
    term.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `text` with each whitespace run replaced by one space, and for every byte of the result (and
/// one past the end) the byte offset in `text` it came from.
fn flatten_spaces(text: &str) -> (String, Vec<usize>) {
    let mut flat = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if !in_space {
                flat.push(' ');
                map.push(i);
            }
            in_space = true;
        } else {
            in_space = false;
            flat.push(c);
            map.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
    }
    map.push(text.len());
    (flat, map)
}

// Only letters bind a term to its neighbours: next to digits ("é07700 …") it still stands alone,
// and must, because once the digits are redacted to "[phone]" it would stand alone anyway.
fn word_before(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_some_and(char::is_alphabetic)
}

fn word_at(s: &str, i: usize) -> bool {
    s[i..].chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(text: &'t str, terms: &[&str]) -> Vec<&'t str> {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        let mut out = Vec::new();
        find(text, &terms, &[], &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn whole_words_any_case_and_possessives() {
        let terms = ["Hillview Estate", "Mossgiel Road", "Hill"];
        assert_eq!(found("Family moved to the HILLVIEW ESTATE.", &terms), ["HILLVIEW ESTATE"]);
        assert_eq!(found("the hillview estate's play park", &terms), ["hillview estate"]);
        assert_eq!(found("Hillview Estate’s", &terms), ["Hillview Estate"]);
        assert_eq!(found("up the Hill, past Hillview and Hills", &terms), ["Hill"]);
        assert_eq!(found("Mossgiel\nRoad and Mossgiel\u{a0} Road", &terms), ["Mossgiel\nRoad", "Mossgiel\u{a0} Road"]);
    }

    #[test]
    fn the_same_term_has_one_key() {
        let terms = vec!["  Hillview   Estate ".to_string()];
        let mut out = Vec::new();
        find("Hillview Estate, hillview estate", &terms, &[], &mut out);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|c| c.key == "hillview estate"));
    }

    #[test]
    fn blank_terms_and_unicode_do_not_panic() {
        assert!(found("anything", &["", "  "]).is_empty());
        assert_eq!(found("Zoë’s Café Noël, café noël", &["Café Noël"]), ["Café Noël", "café noël"]);
        assert!(found("ÉHill", &["Hill"]).is_empty());
        assert!(found("", &["x"]).is_empty());
    }
}
