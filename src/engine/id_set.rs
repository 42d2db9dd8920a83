//! An unordered set of ids (`0..capacity`) with O(1) `insert`, `remove` and `contains`: the
//! structure behind "everyone idle now", where membership changes at every task but the order
//! is only needed now and then (and is then sorted by the caller).
//!
//! Members are kept densely in a vector, each id's slot in a second vector; removing swaps the
//! last member into the hole. Nothing allocates after construction or [`IdSet::grow`].

const ABSENT: u32 = u32::MAX;

/// A set of ids below a capacity. Invariant: `members[slot[id]] == id` for every member, and
/// `slot[id] == ABSENT` for every other id.
#[derive(Debug, Clone, Default)]
pub struct IdSet {
    members: Vec<u32>,
    slot: Vec<u32>,
}

impl IdSet {
    /// An empty set for ids `0..capacity`.
    pub fn new(capacity: usize) -> Self {
        IdSet {
            members: Vec::with_capacity(capacity),
            slot: vec![ABSENT; capacity],
        }
    }

    /// Raises the capacity to at least `capacity` ids (never lowers it).
    pub fn grow(&mut self, capacity: usize) {
        if capacity > self.slot.len() {
            self.slot.resize(capacity, ABSENT);
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the set has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Whether `id` is a member (false for ids beyond the capacity).
    #[inline]
    pub fn contains(&self, id: u32) -> bool {
        self.slot.get(id as usize).is_some_and(|&s| s != ABSENT)
    }

    /// Adds `id` (no effect if it is a member). `id` must be below the capacity.
    #[inline]
    pub fn insert(&mut self, id: u32) {
        if self.slot[id as usize] == ABSENT {
            self.slot[id as usize] = self.members.len() as u32;
            self.members.push(id);
        }
    }

    /// Removes `id` (no effect if it is not a member).
    #[inline]
    pub fn remove(&mut self, id: u32) {
        let Some(&s) = self.slot.get(id as usize) else {
            return;
        };
        if s == ABSENT {
            return;
        }
        self.slot[id as usize] = ABSENT;
        // The last member fills the hole (if `id` was not the last).
        self.members.swap_remove(s as usize);
        if let Some(&moved) = self.members.get(s as usize) {
            self.slot[moved as usize] = s;
        }
    }

    /// The members, in no particular order.
    pub fn members(&self) -> &[u32] {
        &self.members
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{stream, uniform};

    #[test]
    fn random_operations_agree_with_a_naive_model() {
        let n = 40;
        let mut set = IdSet::new(n);
        let mut naive = vec![false; n];
        let mut rng = stream(5, 0, 0, 0);
        for _ in 0..20_000 {
            let id = (uniform(&mut rng) * n as f64) as u32;
            if uniform(&mut rng) < 0.5 {
                set.insert(id);
                naive[id as usize] = true;
            } else {
                set.remove(id);
                naive[id as usize] = false;
            }
            assert_eq!(set.contains(id), naive[id as usize]);
            assert_eq!(set.len(), naive.iter().filter(|&&b| b).count());
        }
        let mut members = set.members().to_vec();
        members.sort_unstable();
        let expected: Vec<u32> = (0..n as u32).filter(|&i| naive[i as usize]).collect();
        assert_eq!(members, expected);
    }

    #[test]
    fn ids_beyond_the_capacity_are_not_members_until_it_grows() {
        let mut set = IdSet::new(2);
        assert!(!set.contains(5));
        set.remove(5);
        set.grow(6);
        set.insert(5);
        assert!(set.contains(5));
        assert_eq!(set.members(), &[5]);
    }
}
