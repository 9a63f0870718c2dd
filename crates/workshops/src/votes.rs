//! Votes on a board's items (elements, assets, recommendations): one per person per item, and,
//! when the facilitator sets one, a number of votes each ("three dots each"). The database keeps
//! one row per (person, item) under a unique key, so a double click cannot count twice; this
//! module says what to tell the person.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Why a vote was not counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteError {
    /// They have voted for this item already.
    #[error("you have already voted for this; each person has one vote per item")]
    AlreadyVoted,
    /// They have used all their votes.
    #[error("you have used all {0} of your votes; take one back to vote for something else")]
    NoVotesLeft(usize),
}

/// The votes on one board.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ballot {
    each: Option<usize>,
    cast: BTreeSet<(i64, i64)>,
}

impl Ballot {
    /// A ballot with `each` votes per person (none: as many as there are items), holding the
    /// votes already cast as (person, item).
    pub fn new(each: Option<usize>, cast: impl IntoIterator<Item = (i64, i64)>) -> Ballot {
        Ballot { each, cast: cast.into_iter().collect() }
    }

    /// Counts `person`'s vote for `item`, or says why not.
    pub fn cast(&mut self, person: i64, item: i64) -> Result<(), VoteError> {
        if self.cast.contains(&(person, item)) {
            return Err(VoteError::AlreadyVoted);
        }
        if let Some(each) = self.each.filter(|each| self.used(person) >= *each) {
            return Err(VoteError::NoVotesLeft(each));
        }
        self.cast.insert((person, item));
        Ok(())
    }

    /// Takes a vote back; false if there was none.
    pub fn withdraw(&mut self, person: i64, item: i64) -> bool {
        self.cast.remove(&(person, item))
    }

    /// How many votes `person` has cast.
    pub fn used(&self, person: i64) -> usize {
        self.cast.range((person, i64::MIN)..=(person, i64::MAX)).count()
    }

    /// Votes left to `person`, when the number is limited.
    pub fn left(&self, person: i64) -> Option<usize> {
        self.each.map(|each| each.saturating_sub(self.used(person)))
    }

    /// Votes per item (items without votes are absent).
    pub fn tally(&self) -> BTreeMap<i64, usize> {
        let mut tally = BTreeMap::new();
        for (_, item) in &self.cast {
            *tally.entry(*item).or_default() += 1;
        }
        tally
    }

    /// Every vote, as (person, item).
    pub fn votes(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.cast.iter().copied()
    }
}

/// Items in priority order: most votes first, then the order they were added (their ids).
pub fn in_priority_order(items: &[i64], tally: &BTreeMap<i64, usize>) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> =
        items.iter().map(|id| Ranked { id: *id, votes: tally.get(id).copied().unwrap_or(0), rank: 0 }).collect();
    ranked.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.id.cmp(&b.id)));
    // Equal votes share a rank (1, 2, 2, 4), so the order among them claims nothing.
    for i in 0..ranked.len() {
        ranked[i].rank = if i > 0 && ranked[i].votes == ranked[i - 1].votes { ranked[i - 1].rank } else { i + 1 };
    }
    ranked
}

/// An item's place in the priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ranked {
    /// The item.
    pub id: i64,
    /// Its votes.
    pub votes: usize,
    /// Its rank from 1; items with equal votes share one.
    pub rank: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_vote_per_person_per_item() {
        let mut b = Ballot::new(None, [(1, 10)]);
        assert_eq!(b.cast(1, 10), Err(VoteError::AlreadyVoted));
        assert_eq!(b.cast(1, 11), Ok(()));
        assert_eq!(b.cast(2, 10), Ok(()));
        assert_eq!(b.tally(), BTreeMap::from([(10, 2), (11, 1)]));
        assert!(b.withdraw(1, 10) && !b.withdraw(1, 10));
        assert_eq!(b.cast(1, 10), Ok(()), "a vote taken back can be cast again");
    }

    #[test]
    fn a_limited_number_of_votes_each() {
        let mut b = Ballot::new(Some(2), []);
        assert_eq!(b.left(7), Some(2));
        b.cast(7, 1).unwrap();
        b.cast(7, 2).unwrap();
        assert_eq!(b.cast(7, 3), Err(VoteError::NoVotesLeft(2)));
        assert_eq!(b.left(7), Some(0));
        assert_eq!(b.cast(8, 3), Ok(()), "others' votes are their own");
        assert!(VoteError::NoVotesLeft(2).to_string().contains("all 2 of your votes"));
    }

    #[test]
    fn priority_order_shares_ranks_between_equals() {
        let tally = BTreeMap::from([(1, 2), (2, 5), (3, 2)]);
        let ranked = in_priority_order(&[1, 2, 3, 4], &tally);
        let got: Vec<(i64, usize, usize)> = ranked.iter().map(|r| (r.id, r.votes, r.rank)).collect();
        assert_eq!(got, vec![(2, 5, 1), (1, 2, 2), (3, 2, 2), (4, 0, 4)]);
        assert!(in_priority_order(&[], &tally).is_empty());
    }
}
