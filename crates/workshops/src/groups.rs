//! Small groups for appreciative sharing, mixed by service: people are dealt into groups the way
//! cards are dealt, largest service first, so each service is spread across the groups and each
//! group meets as many services as there are to meet.

use std::collections::BTreeMap;

/// Splits `people` (id, service) into groups of about `size` (at least 2 each when there are 2
/// or more people), services mixed. The same people always give the same groups.
pub fn small_groups(people: &[(i64, Option<String>)], size: usize) -> Vec<Vec<i64>> {
    if people.is_empty() {
        return vec![];
    }
    let size = size.max(2);
    let count = people.len().div_ceil(size).max(1);
    // Never a group of one: with fewer groups, each is a little larger.
    let count = if people.len() >= 2 && people.len() / count < 2 { (people.len() / 2).max(1) } else { count };
    let mut by_service: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (id, service) in people {
        by_service.entry(service.as_deref().unwrap_or("")).or_default().push(*id);
    }
    let mut services: Vec<Vec<i64>> = by_service.into_values().collect();
    services.sort_by_key(|ids| std::cmp::Reverse(ids.len()));
    let mut groups = vec![vec![]; count];
    for (i, id) in services.into_iter().flatten().enumerate() {
        groups[i % count].push(id);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(services: &[&str]) -> Vec<(i64, Option<String>)> {
        services.iter().enumerate().map(|(i, s)| (i as i64 + 1, Some((*s).to_owned()))).collect()
    }

    #[test]
    fn six_from_three_services_make_two_mixed_groups_of_three() {
        let p = people(&["children", "children", "children", "adults", "adults", "justice"]);
        let groups = small_groups(&p, 4);
        assert_eq!(groups.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 3]);
        for g in &groups {
            let services: std::collections::BTreeSet<_> = g.iter().map(|id| &p[(*id - 1) as usize].1).collect();
            assert!(services.len() >= 2, "each group meets another service: {g:?}");
        }
    }

    #[test]
    fn nobody_is_left_alone_and_everyone_is_placed() {
        for n in 0..20 {
            let p = people(&vec!["a"; n]);
            let groups = small_groups(&p, 4);
            assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), n);
            if n >= 2 {
                assert!(groups.iter().all(|g| g.len() >= 2), "{n}: {groups:?}");
            }
        }
    }
}
