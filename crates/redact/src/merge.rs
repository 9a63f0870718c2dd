//! Overlapping detections become one entity.
//!
//! Detectors run independently, so "Flat 2, 14 Mossgiel Road, KA1 2AB" may be found as an
//! address and a postcode, and "Dr Patel" as a person and (by a surname list) a person again.
//! Overlapping or touching-inside spans merge into their union, labelled by the kind with the
//! highest priority, so nothing that any detector found is left showing.

use crate::entity::Candidate;

/// Sorts candidates and merges overlapping ones.
#[cfg(test)]
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Candidate> {
    merged(&candidates)
}

/// Sorts candidates and merges overlapping ones, cloning only what it keeps.
pub(crate) fn merged(candidates: &[Candidate]) -> Vec<Candidate> {
    let mut sorted: Vec<&Candidate> = candidates.iter().filter(|c| c.start < c.end).collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Candidate> = Vec::with_capacity(sorted.len());
    for c in sorted {
        match out.last_mut() {
            Some(last) if c.start < last.end => absorb(last, c),
            _ => out.push(c.clone()),
        }
    }
    out
}

/// Widens `last` to cover `c`; the higher-priority kind (or, for equal kinds, the longer span, or
/// a date of birth over an ordinary date) keeps its identity.
fn absorb(last: &mut Candidate, c: &Candidate) {
    let longer = c.end - c.start > last.end - last.start;
    let same_span = c.start == last.start && c.end == last.end;
    // The same date found as an ordinary date and, elsewhere in the text, as a date of birth is a
    // date of birth everywhere.
    let birth = c.key.starts_with("dob:") && !last.key.starts_with("dob:");
    let wins = c.kind.priority() > last.kind.priority() || (c.kind == last.kind && (longer || (same_span && birth)));
    let (start, end) = (last.start.min(c.start), last.end.max(c.end));
    let role = last.role.or(c.role);
    if wins {
        *last = c.clone();
    }
    last.start = start;
    last.end = end;
    if last.role.is_none() {
        last.role = role;
    }
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
        assert_eq!(merged, vec![cand(EntityKind::Address, 0, 28)]);
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
