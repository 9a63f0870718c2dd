//! Every other mention of an identifier once it is known.
//!
//! Detectors often need context to be sure: "lives at 20 Maximus Neck" is an address, a bare
//! "20 Maximus Neck" further down is not obviously one. Once any detector has found an identifier,
//! every other occurrence of the same text in the document is hidden too, with the same key and
//! so the same label. People are left to the person detector, which links first names, surnames
//! and titles itself; ordinary dates are left alone, since "3 March" twice is not an identifier.

use crate::entity::{Candidate, EntityKind};
use crate::fast_hash::FastSet;

/// Candidates for the other occurrences of what `found` already holds.
pub(crate) fn other_mentions(text: &str, found: &[Candidate]) -> Vec<Candidate> {
    // The first of each text that spreads. The tables are made at the first such candidate,
    // with room for every candidate after it, so that they never grow.
    let mut seen: FastSet<&str> = FastSet::default();
    let mut known: Vec<&Candidate> = Vec::new();
    for (k, c) in found.iter().enumerate() {
        if !(spreads(c) && distinctive(&text[c.start..c.end])) {
            continue;
        }
        if known.is_empty() {
            known.reserve(found.len() - k);
            seen.reserve(found.len() - k);
        }
        if seen.insert(&text[c.start..c.end]) {
            known.push(c);
        }
    }
    if known.is_empty() {
        return Vec::new();
    }
    // A record knows a handful of identifiers: one fast substring scan each is cheaper than
    // building an automaton for every record. Overlaps among the results are merged later.
    let mut out = Vec::with_capacity(2 * known.len());
    for source in known {
        let needle = &text[source.start..source.end];
        for start in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
            let end = start + needle.len();
            let glued = text[..start].chars().next_back().is_some_and(crate::chars::alphanumeric)
                || text[end..].chars().next().is_some_and(crate::chars::alphanumeric);
            if !glued {
                out.push(Candidate { start, end, ..source.clone() });
            }
        }
    }
    out
}

fn spreads(c: &Candidate) -> bool {
    match c.kind {
        EntityKind::Person => false,
        EntityKind::Date => c.key.starts_with("dob:"),
        _ => true,
    }
}

/// Long enough that another occurrence is the same thing, not a coincidence.
fn distinctive(s: &str) -> bool {
    s.chars().filter(|&c| crate::chars::alphanumeric(c)).take(4).count() >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_address_is_found_again_without_its_context() {
        let text = "She lives at 20 Maximus Neck. I drove to 20 Maximus Neck later.";
        let found = vec![Candidate::plain(text, EntityKind::Address, 13, 28)];
        let more = other_mentions(text, &found);
        let spans: Vec<&str> = more.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(spans, ["20 Maximus Neck", "20 Maximus Neck"]);
        assert!(more.iter().all(|c| c.key == found[0].key));
    }

    #[test]
    fn people_and_short_texts_do_not_spread() {
        let text = "May said May 12 was fine. KA1 and KA1.";
        let found = vec![
            Candidate::plain(text, EntityKind::Person, 0, 3),
            Candidate::plain(text, EntityKind::Postcode, 26, 29),
        ];
        assert!(other_mentions(text, &found).is_empty());
    }
}
