//! Overlapping detections become one entity.
//!
//! Detectors run independently, so "Flat 2, 14 Mossgiel Road, KA1 2AB" may be found as an
//! address and a postcode, and "Dr Patel" as a person and (by a surname list) a person again.
//! Overlapping or touching-inside spans merge into their union, labelled by the kind with the
//! highest priority, so nothing that any detector found is left showing.

use std::borrow::Cow;

use crate::entity::{Candidate, EntityKind, Role, normalise};

/// A merged detection, borrowing the key of the candidate it is named after (most keep it), so
/// that merging copies no key it does not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged<'a> {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    /// The key of [`Candidate::key`], or a new one for a widened span.
    pub key: Cow<'a, str>,
    pub role: Option<Role>,
}

impl<'a> From<&'a Candidate> for Merged<'a> {
    fn from(c: &'a Candidate) -> Merged<'a> {
        Merged { kind: c.kind, start: c.start, end: c.end, key: Cow::Borrowed(&c.key), role: c.role }
    }
}

/// Sorts candidates and merges overlapping ones.
#[cfg(test)]
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let len = candidates.iter().map(|c| c.end).max().unwrap_or(0);
    merged(&" ".repeat(len), &candidates)
        .into_iter()
        .map(|m| Candidate { kind: m.kind, start: m.start, end: m.end, key: m.key.into_owned(), role: m.role })
        .collect()
}

/// Sorts candidates and merges overlapping ones, borrowing the keys it keeps.
///
/// A merged entity that is wider than the detection it is named after gets a key made from its
/// own text (keeping a date of birth's `dob:` mark), so the same text always gets the same label:
/// "Mossgiel Road" merged from two detections in one place, and found whole in another, must not
/// read "[address]" in one and "[address] 2" in the other. People keep their key, which links
/// "Amy" to "Amy Smith".
pub(crate) fn merged<'a>(text: &str, candidates: &'a [Candidate]) -> Vec<Merged<'a>> {
    let mut sorted: Vec<&Candidate> = candidates.iter().filter(|c| c.start < c.end).collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Merged<'a>> = Vec::with_capacity(sorted.len());
    let mut own_span: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for c in sorted {
        match out.last_mut() {
            Some(last) if c.start < last.end => {
                if absorb(last, c) {
                    *own_span.last_mut().expect("one span per entity") = (c.start, c.end);
                }
            }
            _ => {
                out.push(Merged::from(c));
                own_span.push((c.start, c.end));
            }
        }
    }
    for (c, &(start, end)) in out.iter_mut().zip(&own_span) {
        if (c.start, c.end) != (start, end) && c.kind != EntityKind::Person {
            let birth = if c.key.starts_with("dob:") { "dob:" } else { "" };
            c.key = Cow::Owned(format!("{birth}merged:{}", normalise(&text[c.start..c.end])));
        }
    }
    out
}

/// Widens `last` to cover `c`; the higher-priority kind (or, for equal kinds, the longer span, or
/// a date of birth over an ordinary date) keeps its identity. Returns whether `c` won.
fn absorb<'a>(last: &mut Merged<'a>, c: &'a Candidate) -> bool {
    let longer = c.end - c.start > last.end - last.start;
    let same_span = c.start == last.start && c.end == last.end;
    // The same date found as an ordinary date and, elsewhere in the text, as a date of birth is a
    // date of birth everywhere.
    let birth = c.key.starts_with("dob:") && !last.key.starts_with("dob:");
    let wins = c.kind.priority() > last.kind.priority() || (c.kind == last.kind && (longer || (same_span && birth)));
    let (start, end) = (last.start.min(c.start), last.end.max(c.end));
    let role = last.role.or(c.role);
    if wins {
        *last = Merged::from(c);
    }
    last.start = start;
    last.end = end;
    if last.role.is_none() {
        last.role = role;
    }
    wins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::EntityKind;

    fn cand(kind: EntityKind, start: usize, end: usize) -> Candidate {
        Candidate { kind, start, end, key: String::new(), role: None }
    }

    #[test]
    fn overlapping_spans_merge_to_their_union_under_the_stronger_kind() {
        let merged = merge(vec![cand(EntityKind::Postcode, 20, 28), cand(EntityKind::Address, 0, 24)]);
        let spans: Vec<_> = merged.iter().map(|c| (c.kind, c.start, c.end)).collect();
        assert_eq!(spans, [(EntityKind::Address, 0, 28)]);
    }

    #[test]
    fn a_widened_entity_is_keyed_by_its_own_text() {
        let text = "at 14 Mossgiel Road, KA1 2AB";
        let mut road = cand(EntityKind::Address, 3, 19);
        road.key = "14 mossgiel road".into();
        let apart = [road.clone(), cand(EntityKind::Postcode, 21, 28)];
        let merged = merged(text, &apart);
        assert_eq!(merged.len(), 2, "touching spans stay apart");
        let overlapping = [road, cand(EntityKind::Postcode, 15, 28)];
        let widened = super::merged(text, &overlapping);
        assert_eq!(widened[0].key, "merged:14 mossgiel road ka1 2ab");
    }

    #[test]
    fn separate_spans_stay_apart_and_sorted() {
        let merged = merge(vec![cand(EntityKind::Email, 10, 20), cand(EntityKind::Person, 0, 5)]);
        assert_eq!(merged.iter().map(|c| c.start).collect::<Vec<_>>(), [0, 10]);
    }

    #[test]
    fn empty_spans_are_dropped() {
        assert!(merge(vec![cand(EntityKind::Person, 3, 3)]).is_empty());
    }
}
