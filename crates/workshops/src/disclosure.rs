//! Which service each person is shown under. A service with fewer than [`MIN_GROUP`] people in
//! the series would identify them ("the one person from justice said…"), so such services are
//! pooled into [`OTHER_SERVICES`]. If the pool itself is smaller than [`MIN_GROUP`], it is not
//! shown as a group at all: its people count only in the totals for everyone.

use crate::MIN_GROUP;
use serde::Serialize;
use std::collections::BTreeMap;

/// The name of the pool of small services.
pub const OTHER_SERVICES: &str = "Other services";

/// What a person's service is called when nobody said.
pub const NOT_KNOWN: &str = "Service not known";

/// A group as outputs show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ShownGroup {
    /// A service large enough to show by name.
    Service(String),
    /// Small services together.
    Other,
}

impl ShownGroup {
    /// Its label.
    pub fn label(&self) -> &str {
        match self {
            ShownGroup::Service(name) => name,
            ShownGroup::Other => OTHER_SERVICES,
        }
    }
}

/// The labels of some groups, in order (for "high for …; low for …").
pub fn labels(groups: &[ShownGroup]) -> Vec<String> {
    groups.iter().map(|g| g.label().to_owned()).collect()
}

/// How people are grouped by service for every output of a series.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceGroups {
    /// Person id → the group they are shown in (none: counted in totals only).
    of: BTreeMap<i64, Option<ShownGroup>>,
    /// Each shown group and how many people are in it, in label order (the pool last).
    sizes: Vec<(ShownGroup, usize)>,
}

impl ServiceGroups {
    /// Groups `people` (id, service name or none).
    pub fn new<'a>(people: impl IntoIterator<Item = (i64, Option<&'a str>)>) -> ServiceGroups {
        let people: Vec<(i64, String)> = people
            .into_iter()
            .map(|(id, s)| (id, s.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(NOT_KNOWN).to_owned()))
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, service) in &people {
            *counts.entry(service.as_str()).or_default() += 1;
        }
        let pooled: usize = counts.values().filter(|n| **n < MIN_GROUP).sum();
        let pool_shown = pooled >= MIN_GROUP;
        let group_of = |service: &str| {
            if counts[service] >= MIN_GROUP {
                Some(ShownGroup::Service(service.to_owned()))
            } else {
                pool_shown.then_some(ShownGroup::Other)
            }
        };
        let of: BTreeMap<i64, Option<ShownGroup>> = people.iter().map(|(id, s)| (*id, group_of(s))).collect();
        let mut sizes: Vec<(ShownGroup, usize)> = counts
            .iter()
            .filter(|(_, n)| **n >= MIN_GROUP)
            .map(|(s, n)| (ShownGroup::Service((*s).to_owned()), *n))
            .collect();
        if pool_shown {
            sizes.push((ShownGroup::Other, pooled));
        }
        ServiceGroups { of, sizes }
    }

    /// The group a person is shown in; none if they are counted in totals only (or unknown).
    pub fn group_of(&self, person: i64) -> Option<&ShownGroup> {
        self.of.get(&person).and_then(Option::as_ref)
    }

    /// The groups shown, with how many people each has.
    pub fn groups(&self) -> &[(ShownGroup, usize)] {
        &self.sizes
    }

    /// How many people in all.
    pub fn people(&self) -> usize {
        self.of.len()
    }

    /// Names of services too small to be named in anything published (for [`crate::publish`]).
    pub fn unnamed_services<'a>(people: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in people.into_iter().flatten().map(str::trim).filter(|s| !s.is_empty()) {
            *counts.entry(s.to_owned()).or_default() += 1;
        }
        counts.into_iter().filter(|(_, n)| *n < MIN_GROUP).map(|(s, _)| s).collect()
    }
}

/// Whether a count about people may be shown (zero, or at least [`MIN_GROUP`]).
pub fn showable(count: usize) -> bool {
    count == 0 || count >= MIN_GROUP
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(people: &[(i64, Option<&'static str>)]) -> ServiceGroups {
        ServiceGroups::new(people.iter().copied())
    }

    #[test]
    fn services_of_three_or_more_stand_alone_and_smaller_ones_are_pooled() {
        let g = groups(&[
            (1, Some("Children and families")),
            (2, Some("Children and families")),
            (3, Some("Children and families")),
            (4, Some("Justice")),
            (5, Some("Adult care")),
            (6, Some("Adult care")),
            (7, None),
        ]);
        assert_eq!(g.group_of(1), Some(&ShownGroup::Service("Children and families".into())));
        assert_eq!(g.group_of(4), Some(&ShownGroup::Other), "one person from justice is not shown as justice");
        assert_eq!(g.group_of(7), Some(&ShownGroup::Other));
        assert_eq!(g.groups(), &[(ShownGroup::Service("Children and families".into()), 3), (ShownGroup::Other, 4)]);
        assert_eq!(g.people(), 7);
    }

    #[test]
    fn a_pool_too_small_to_show_is_counted_in_totals_only() {
        let g = groups(&[(1, Some("A")), (2, Some("A")), (3, Some("A")), (4, Some("Justice"))]);
        assert_eq!(g.group_of(4), None);
        assert_eq!(g.groups(), &[(ShownGroup::Service("A".into()), 3)]);
        assert_eq!(ServiceGroups::new([]).groups(), &[]);
    }

    #[test]
    fn blank_services_are_not_known_and_small_service_names_are_listed() {
        let g = groups(&[(1, Some("  ")), (2, None), (3, Some(""))]);
        assert_eq!(g.groups(), &[(ShownGroup::Service(NOT_KNOWN.into()), 3)]);
        let unnamed = ServiceGroups::unnamed_services([Some("Justice"), Some("A"), Some("A"), Some("A"), None]);
        assert_eq!(unnamed, vec!["Justice".to_owned()]);
        assert!(showable(0) && !showable(1) && !showable(2) && showable(3));
    }
}
