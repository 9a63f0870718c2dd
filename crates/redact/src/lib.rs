//! # recordwell-redact
//!
//! De-identifies social-work records so that real examples can be shared in training safely,
//! while the record stays readable enough to learn from ("Mother told Child A that …").
//!
//! ```
//! use recordwell_redact::{redact, Options};
//!
//! let out = redact("Mum emailed from k.fenwick@example.org on Monday.", &Options::default());
//! assert_eq!(out.text, "Mum emailed from [email] on Monday.");
//! ```
//!
//! Recall comes first: getting this wrong is a data breach about a child. Every detector errs
//! towards hiding; over-redaction is measured (see `examples/evaluate.rs`) and kept low, but a
//! missed identifier is the worse failure.
//!
//! This crate is pure: text in, entities and redacted text out. No I/O, no threads. For speed
//! in batches, the people detector keeps a per-thread cache of the capitalised words it has met
//! (each word's lower-case form and which name lists it is in: facts about the word alone, so a
//! record is redacted the same whatever came before it). The cache is cleared whenever it grows
//! past about 1 MiB of words, and nothing in it is ever returned or logged.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod chars;
mod detect;
mod entity;
mod fast_hash;
mod labels;
mod mentions;
mod merge;
mod options;
mod pseudonym;

pub use entity::{Entity, EntityKind, Role};
pub use options::{Labels, Options, OptionsError};

/// A redacted record: the new text and what was taken out of the original.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Redacted {
    /// The text with every entity replaced by its label (or by █ in mask mode).
    pub text: String,
    /// What was found, in order, with byte offsets into the *original* text.
    pub entities: Vec<Entity>,
}

/// Finds the identifiers in `text`, sorted by start, not overlapping, each with the replacement
/// [`redact`] would use.
///
/// Redacting can itself reveal an identifier: a phone number glued to a street name
/// ("Road07700 900123") stands alone once the street is a label, and a label's own words may
/// change what the words around it look like. So the redacted text is read again, and anything
/// found there is mapped back to the original and hidden too, until a reading finds nothing
/// more (at most [`MAX_PASSES`] times). That is also what makes redacting twice change nothing.
pub fn detect(text: &str, options: &Options) -> Vec<Entity> {
    detect_and_splice(text, options).0
}

/// [`detect`], and the redacted text when the last reading was of exactly that text (as it is
/// whenever a reading finds nothing more), so that [`redact`] need not write it again.
fn detect_and_splice(text: &str, options: &Options) -> (Vec<Entity>, Option<String>) {
    let mut candidates = candidates_outside_labels(text, options);
    let mut entities = assign(text, &candidates, options);
    for _ in 1..MAX_PASSES {
        let output = splice(text, &entities);
        let more = candidates_outside_labels(&output, options);
        if more.is_empty() {
            return (entities, Some(output));
        }
        let more = map_back(more, &entities);
        // What the redacted text revealed may stand elsewhere in the original too.
        candidates.extend(mentions::other_mentions(text, &more));
        candidates.extend(more);
        entities = assign(text, &candidates, options);
    }
    (entities, None)
}

/// How many times a text and its redactions are read, at most. Real records settle after two
/// readings (the second finds nothing). Each further reading happens only when the one before
/// hid something new, so the bound only matters for contrived text in which every hidden word
/// exposes the next (the fuzzer found a chain of nine); past it, a second `redact` could still
/// hide more.
pub const MAX_PASSES: usize = 64;

/// Replaces every identifier in `text` with its label.
pub fn redact(text: &str, options: &Options) -> Redacted {
    let (entities, spliced) = detect_and_splice(text, options);
    let text = spliced.unwrap_or_else(|| splice(text, &entities));
    Redacted { text, entities }
}

/// Every detector's findings and the other mentions of what they found, leaving out text that is
/// already a label ("Child A", "[address] 2", a run of █), so that a redacted record is not
/// redacted again.
fn candidates_outside_labels(text: &str, options: &Options) -> Vec<entity::Candidate> {
    let mut found = detect::all(text, options);
    let mut again = mentions::other_mentions(text, &found);
    found.append(&mut again);
    let labels = labels::occurrences(text, &options.labels);
    if !labels.is_empty() {
        found.retain(|c| !labels::covers(&labels, c.start, c.end));
    }
    found
}

fn assign(text: &str, candidates: &[entity::Candidate], options: &Options) -> Vec<Entity> {
    pseudonym::assign(text, merge::merged(text, candidates), options)
}

/// The text with each entity replaced.
fn splice(text: &str, entities: &[Entity]) -> String {
    // Labels may be longer than what they replace (mask mode's █ is three bytes): room for all
    // of it at once.
    let grown: usize = entities.iter().map(|e| e.replacement.len().saturating_sub(e.end - e.start)).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0;
    for e in entities {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Maps candidates found in the redacted text back to the original: positions in unchanged text
/// move by the length change so far; a position inside a label widens to the whole original
/// identifier the label replaced. One sweep over both lists, sorted by position.
fn map_back(mut found: Vec<entity::Candidate>, entities: &[Entity]) -> Vec<entity::Candidate> {
    // Each label as (start in output, end in output, start in original, end in original).
    let mut shift: isize = 0;
    let labels: Vec<(usize, usize, usize, usize)> = entities
        .iter()
        .map(|e| {
            let out_start = (e.start as isize + shift) as usize;
            shift += e.replacement.len() as isize - (e.end - e.start) as isize;
            (out_start, out_start + e.replacement.len(), e.start, e.end)
        })
        .collect();
    let to_original = |at: usize, is_end: bool| -> usize {
        // The last label starting at or before `at` (for an end: before it).
        let i = labels.partition_point(|l| if is_end { l.0 < at } else { l.0 <= at });
        match i.checked_sub(1).map(|j| labels[j]) {
            None => at,
            Some((_, out_end, orig_start, orig_end)) if at < out_end || (is_end && at == out_end) => {
                if is_end {
                    orig_end
                } else {
                    orig_start
                }
            }
            Some((_, out_end, _, orig_end)) => orig_end + (at - out_end),
        }
    };
    for c in &mut found {
        c.start = to_original(c.start, false);
        c.end = to_original(c.end, true);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identifier_glued_to_another_is_found_once_the_first_is_hidden() {
        let options = Options { custom_terms: vec!["Mossgiel".into()], ..Options::default() };
        let out = redact("Ring Mossgiel07700 900123 on Monday.", &options);
        assert!(!out.text.contains("900123"), "{}", out.text);
        assert!(out.entities.iter().any(|e| e.kind == EntityKind::Phone));
    }

    #[test]
    fn redacting_a_redacted_record_changes_nothing() {
        let once = redact("Email k.fenwick@example.org or ring 07700 900123. DOB: 12/03/2015.", &Options::default());
        let twice = redact(&once.text, &Options::default());
        assert_eq!(twice.text, once.text);
        assert!(twice.entities.is_empty());
    }

    #[test]
    fn map_back_moves_plain_positions_and_widens_into_labels() {
        let text = "ab 07700 900123 cd";
        let entities = detect(text, &Options::default());
        // Output: "ab [phone] cd". "cd" is at 11..13 there and 16..18 in the original; anything
        // touching the label widens to the whole phone number.
        let found = vec![
            entity::Candidate::plain("ab [phone] cd", EntityKind::Custom, 11, 13),
            entity::Candidate::plain("ab [phone] cd", EntityKind::Custom, 5, 13),
        ];
        let mapped = map_back(found, &entities);
        assert_eq!((mapped[0].start, mapped[0].end), (16, 18));
        assert_eq!((mapped[1].start, mapped[1].end), (3, 18));
    }
}
