//! How each service prioritised the core elements of recording, and where services connect and
//! diverge.
//!
//! Each service group (see [`crate::disclosure`]) is read on its own terms: an element's *share*
//! in a group is the part of the group's people who voted for it, so a large service does not
//! drown a small one. Within a group, elements fall into thirds by share:
//! - **high**: in the group's top third (and voted for by someone);
//! - **low**: in its bottom third, or voted for by nobody in it;
//! - **middle**: the rest.
//!
//! Elements with equal shares fall in the same band. Services **connect** on an element every
//! voting group ranks high; they **diverge** on one that at least one group ranks high and
//! another low. Groups whose people cast no votes say nothing either way.

use crate::disclosure::{ServiceGroups, ShownGroup};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where an element falls within one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// The group's top third.
    High,
    /// Neither.
    Middle,
    /// The group's bottom third, or no votes from the group.
    Low,
}

impl Band {
    /// As a page says it.
    pub fn label(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Middle => "middle",
            Band::Low => "low",
        }
    }
}

/// One group's view of one element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    /// The group.
    pub group: ShownGroup,
    /// Votes from the group.
    pub votes: usize,
    /// The part of the group's people who voted for it (0 to 1).
    pub share: f64,
    /// Where it falls in the group.
    pub band: Band,
}

/// One element across the groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementView {
    /// The element.
    pub id: i64,
    /// Votes from everyone, pooled groups and people counted in totals only included.
    pub votes: usize,
    /// Each voting group's view, in the groups' order.
    pub groups: Vec<GroupView>,
}

/// Where services meet and part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priorities {
    /// Every element, most votes first.
    pub elements: Vec<ElementView>,
    /// Elements every voting group ranks high (with two groups or more voting).
    pub connect: Vec<i64>,
    /// Elements some group ranks high and another low: (element, groups high, groups low).
    pub diverge: Vec<Divergence>,
}

/// An element services see differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Divergence {
    /// The element.
    pub id: i64,
    /// Groups that rank it high.
    pub high: Vec<ShownGroup>,
    /// Groups that rank it low.
    pub low: Vec<ShownGroup>,
}

/// The priorities of `elements` from `votes` (person, element), by the groups of `groups`.
pub fn priorities(elements: &[i64], votes: &[(i64, i64)], groups: &ServiceGroups) -> Priorities {
    let mut total: BTreeMap<i64, usize> = BTreeMap::new();
    let mut by_group: BTreeMap<&ShownGroup, BTreeMap<i64, usize>> = BTreeMap::new();
    // One vote per person per element, however the list came (see `crate::votes`).
    let votes: std::collections::BTreeSet<(i64, i64)> = votes.iter().copied().collect();
    for (person, element) in votes.iter().filter(|(_, e)| elements.contains(e)) {
        *total.entry(*element).or_default() += 1;
        if let Some(g) = groups.group_of(*person) {
            *by_group.entry(g).or_default().entry(*element).or_default() += 1;
        }
    }
    let voting: Vec<(&ShownGroup, usize)> =
        groups.groups().iter().filter(|(g, _)| by_group.contains_key(g)).map(|(g, n)| (g, *n)).collect();
    let bands: Vec<BTreeMap<i64, GroupView>> =
        voting.iter().map(|(g, size)| group_views(g, *size, elements, &by_group[g])).collect();
    let mut views: Vec<ElementView> = elements
        .iter()
        .map(|id| ElementView {
            id: *id,
            votes: total.get(id).copied().unwrap_or(0),
            groups: bands.iter().map(|b| b[id].clone()).collect(),
        })
        .collect();
    views.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.id.cmp(&b.id)));
    let connect = views
        .iter()
        .filter(|v| v.groups.len() >= 2 && v.groups.iter().all(|g| g.band == Band::High))
        .map(|v| v.id)
        .collect();
    let diverge = views
        .iter()
        .filter_map(|v| {
            let pick = |band| v.groups.iter().filter(|g| g.band == band).map(|g| g.group.clone()).collect::<Vec<_>>();
            let (high, low) = (pick(Band::High), pick(Band::Low));
            (!high.is_empty() && !low.is_empty()).then_some(Divergence { id: v.id, high, low })
        })
        .collect();
    Priorities { elements: views, connect, diverge }
}

/// One group's share and band for every element.
fn group_views(
    group: &ShownGroup,
    size: usize,
    elements: &[i64],
    votes: &BTreeMap<i64, usize>,
) -> BTreeMap<i64, GroupView> {
    let share = |id: &i64| votes.get(id).copied().unwrap_or(0) as f64 / size.max(1) as f64;
    let mut shares: Vec<f64> = elements.iter().map(share).collect();
    shares.sort_by(|a, b| b.total_cmp(a));
    let third = shares.len().div_ceil(3).max(1);
    let high_cut = shares.get(third - 1).copied().unwrap_or(0.0);
    let low_cut = shares.get(shares.len().saturating_sub(third)).copied().unwrap_or(0.0);
    elements
        .iter()
        .map(|id| {
            let s = share(id);
            let band = if s > 0.0 && s >= high_cut {
                Band::High
            } else if s == 0.0 || s <= low_cut {
                Band::Low
            } else {
                Band::Middle
            };
            let view = GroupView { group: group.clone(), votes: votes.get(id).copied().unwrap_or(0), share: s, band };
            (*id, view)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Three children-and-families workers (1-3), three adult-care workers (4-6), one from justice (7).
    fn groups() -> ServiceGroups {
        ServiceGroups::new([
            (1, Some("Children")),
            (2, Some("Children")),
            (3, Some("Children")),
            (4, Some("Adults")),
            (5, Some("Adults")),
            (6, Some("Adults")),
            (7, Some("Justice")),
        ])
    }

    #[test]
    fn shared_priorities_connect_and_opposite_ones_diverge() {
        // Element 10 ("the person's own words"): everyone. 20 ("chronology"): children only.
        // 30 ("risk"): adults only. 40, 50, 60: nobody.
        let votes = [(1, 10), (2, 10), (3, 10), (4, 10), (5, 10), (6, 10), (1, 20), (2, 20), (4, 30), (5, 30)];
        let p = priorities(&[10, 20, 30, 40, 50, 60], &votes, &groups());
        assert_eq!(p.connect, vec![10]);
        let d: Vec<(i64, Vec<&str>, Vec<&str>)> = p
            .diverge
            .iter()
            .map(|d| {
                (d.id, d.high.iter().map(ShownGroup::label).collect(), d.low.iter().map(ShownGroup::label).collect())
            })
            .collect();
        assert_eq!(d, vec![(20, vec!["Children"], vec!["Adults"]), (30, vec!["Adults"], vec!["Children"])]);
        assert_eq!(p.elements[0].id, 10);
        assert_eq!(p.elements[0].votes, 6);
        let children = &p.elements.iter().find(|e| e.id == 20).unwrap().groups[1];
        assert_eq!((children.group.label(), children.votes), ("Children", 2));
        assert!((children.share - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn the_small_service_counts_in_totals_but_is_never_a_group() {
        let votes = [(7, 40), (1, 10), (4, 10)];
        let p = priorities(&[10, 40], &votes, &groups());
        assert_eq!(p.elements.iter().find(|e| e.id == 40).unwrap().votes, 1);
        assert!(p.elements.iter().all(|e| e.groups.iter().all(|g| g.group.label() != "Justice")));
        assert!(p.elements.iter().all(|e| e.groups.len() == 2), "only the groups that voted");
    }

    #[test]
    fn an_empty_board_or_no_votes_says_nothing() {
        let p = priorities(&[], &[], &groups());
        assert!(p.elements.is_empty() && p.connect.is_empty() && p.diverge.is_empty());
        let p = priorities(&[1, 2], &[], &groups());
        assert_eq!(p.elements.len(), 2);
        assert!(p.elements.iter().all(|e| e.groups.is_empty()) && p.connect.is_empty() && p.diverge.is_empty());
    }

    #[test]
    fn votes_for_unknown_elements_are_ignored() {
        let p = priorities(&[1], &[(1, 99), (1, 1)], &groups());
        assert_eq!(p.elements.len(), 1);
        assert_eq!(p.elements[0].votes, 1);
    }

    proptest! {
        #[test]
        fn connect_and_diverge_never_overlap_and_bands_are_consistent(
            votes in proptest::collection::vec((1i64..=7, 1i64..=6), 0..40)
        ) {
            let p = priorities(&[1, 2, 3, 4, 5, 6], &votes, &groups());
            for id in &p.connect {
                prop_assert!(!p.diverge.iter().any(|d| d.id == *id));
            }
            for e in &p.elements {
                for g in &e.groups {
                    prop_assert!((0.0..=1.0).contains(&g.share));
                    prop_assert!(g.band != Band::High || g.share > 0.0, "high needs votes");
                    prop_assert!(g.votes > 0 || g.band == Band::Low);
                }
            }
        }
    }
}
