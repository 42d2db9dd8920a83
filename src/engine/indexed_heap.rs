//! A min-heap over a fixed set of ids (`0..capacity`) whose keys can change: the structure
//! behind "the idle person idle longest" and "the closer with the fewest open deals".
//!
//! `insert`, `remove`, `update` and `pop` are O(log n); `peek`, `contains` and `key` are O(1).
//! Nothing allocates after construction. Ties between equal keys are the caller's to break:
//! put the id into the key (e.g. `(load, id)`) for a deterministic order.

/// Sentinel position of an id that is not in the heap.
const ABSENT: u32 = u32::MAX;

/// A binary min-heap of ids keyed by `K`, with O(log n) key updates.
///
/// Invariant: `pos[heap[i].1] == i` for every slot `i`, and `pos[id] == ABSENT` for ids not in
/// the heap.
#[derive(Debug, Clone)]
pub struct IndexedHeap<K> {
    heap: Vec<(K, u32)>,
    pos: Vec<u32>,
}

impl<K: Ord + Copy> IndexedHeap<K> {
    /// An empty heap for ids `0..capacity`.
    pub fn new(capacity: usize) -> Self {
        IndexedHeap {
            heap: Vec::with_capacity(capacity),
            pos: vec![ABSENT; capacity],
        }
    }

    /// Makes room for ids `0..capacity` (never shrinks).
    pub fn grow(&mut self, capacity: usize) {
        if capacity > self.pos.len() {
            self.pos.resize(capacity, ABSENT);
        }
    }

    /// Number of ids in the heap.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether the heap is empty.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Whether `id` is in the heap.
    #[inline]
    pub fn contains(&self, id: u32) -> bool {
        self.pos.get(id as usize).is_some_and(|&p| p != ABSENT)
    }

    /// The key of `id`, if it is in the heap.
    pub fn key(&self, id: u32) -> Option<K> {
        let p = *self.pos.get(id as usize)?;
        (p != ABSENT).then(|| self.heap[p as usize].0)
    }

    /// The id with the smallest key, and that key.
    #[inline]
    pub fn peek(&self) -> Option<(K, u32)> {
        self.heap.first().copied()
    }

    /// Removes and returns the id with the smallest key.
    pub fn pop(&mut self) -> Option<(K, u32)> {
        let top = self.peek()?;
        self.remove(top.1);
        Some(top)
    }

    /// Inserts `id` with `key`, or changes its key if it is already in.
    pub fn insert(&mut self, id: u32, key: K) {
        let p = self.pos[id as usize];
        if p != ABSENT {
            self.set_key(p as usize, key);
            return;
        }
        let i = self.heap.len();
        self.heap.push((key, id));
        self.pos[id as usize] = i as u32;
        self.sift_up(i);
    }

    /// Changes the key of `id` if it is in the heap; does nothing otherwise.
    pub fn update(&mut self, id: u32, key: K) {
        let p = self.pos[id as usize];
        if p != ABSENT {
            self.set_key(p as usize, key);
        }
    }

    /// Removes `id` if it is in the heap. The test is inlined: callers often remove an id
    /// from every set it might be in (a person who starts work leaves all idle sets).
    #[inline(always)]
    pub fn remove(&mut self, id: u32) {
        if self.pos[id as usize] != ABSENT {
            self.remove_present(id);
        }
    }

    /// [`Self::remove`] of an id that is in the heap.
    #[inline(never)]
    fn remove_present(&mut self, id: u32) {
        let p = self.pos[id as usize] as usize;
        self.pos[id as usize] = ABSENT;
        let last = self.heap.pop().expect("non-empty: id was in the heap");
        if p < self.heap.len() {
            self.place(p, last);
            if p > 0 && last.0 < self.heap[(p - 1) / 2].0 {
                self.sift_up(p);
            } else {
                self.sift_down(p);
            }
        }
    }

    /// The ids and keys in heap order (not sorted), for iteration.
    pub fn entries(&self) -> &[(K, u32)] {
        &self.heap
    }

    fn set_key(&mut self, i: usize, key: K) {
        let old = self.heap[i].0;
        self.heap[i].0 = key;
        if key < old {
            self.sift_up(i);
        } else {
            self.sift_down(i);
        }
    }

    /// Moves the entry at `i` up to its place, shifting parents down into the hole.
    fn sift_up(&mut self, mut i: usize) {
        let entry = self.heap[i];
        while i > 0 {
            let parent = (i - 1) / 2;
            if self.heap[parent].0 <= entry.0 {
                break;
            }
            self.place(i, self.heap[parent]);
            i = parent;
        }
        self.place(i, entry);
    }

    /// Moves the entry at `i` down to its place, shifting smaller children up into the hole.
    fn sift_down(&mut self, mut i: usize) {
        let entry = self.heap[i];
        let n = self.heap.len();
        loop {
            let l = 2 * i + 1;
            if l >= n {
                break;
            }
            let r = l + 1;
            let m = if r < n && self.heap[r].0 < self.heap[l].0 {
                r
            } else {
                l
            };
            if entry.0 <= self.heap[m].0 {
                break;
            }
            self.place(i, self.heap[m]);
            i = m;
        }
        self.place(i, entry);
    }

    /// Writes `entry` at `i` and records its position.
    #[inline]
    fn place(&mut self, i: usize, entry: (K, u32)) {
        self.heap[i] = entry;
        self.pos[entry.1 as usize] = i as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{stream, uniform};

    #[test]
    fn random_operations_agree_with_a_naive_model() {
        let n = 50;
        let mut h = IndexedHeap::new(n);
        let mut naive: Vec<Option<(u32, u32)>> = vec![None; n];
        let mut rng = stream(3, 0, 0, 0);
        for _ in 0..20_000 {
            let id = (uniform(&mut rng) * n as f64) as u32;
            let key = ((uniform(&mut rng) * 10.0) as u32, id);
            match (uniform(&mut rng) * 4.0) as u32 {
                0 | 1 => {
                    h.insert(id, key);
                    naive[id as usize] = Some(key);
                }
                2 => {
                    h.remove(id);
                    naive[id as usize] = None;
                }
                _ => {
                    let popped = h.pop();
                    let min = naive.iter().flatten().min().copied();
                    assert_eq!(popped.map(|p| p.0), min);
                    if let Some((_, pid)) = popped {
                        naive[pid as usize] = None;
                    }
                }
            }
            assert_eq!(h.len(), naive.iter().flatten().count());
            assert_eq!(h.key(id), naive[id as usize]);
        }
    }
}
