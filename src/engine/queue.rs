//! The pending-event set: two binary min-heaps keyed by (time, rank, insertion sequence).
//!
//! `schedule` and `pop` are O(log n) with no allocation once the heaps have grown to their
//! working size. Events at the same instant pop by rank (lowest first; plain
//! [`EventQueue::schedule`] uses rank 0), then in the order they were scheduled (FIFO): the
//! key packs the time's bit pattern (monotone for non-negative floats) above a 24-bit rank and
//! a 40-bit sequence number into one `u128`, so one integer comparison orders two entries, and
//! no two keys are equal. A rank lets a model order simultaneous events by something that does
//! not depend on when they were scheduled (a person's id, say), so that scheduling an event
//! earlier or later, as a skip-ahead does, cannot change what happens.
//!
//! # Near and far
//!
//! A model's pending events are of two kinds: a few that fall due soon (a task in hand, the
//! next arrival) and many that wait for weeks (a customer's next check-in, a deal's next
//! step, a tenure's end). Events due within [`NEAR_HOURS`] of the last popped event go to a
//! *near* heap, the others to a *far* heap; `pop` takes the smaller of the two roots. Since the
//! keys are unique and each heap pops its minimum, the merged order is exactly the order of
//! one heap: the split only changes the cost. Most pops and pushes touch the small near heap
//! (depth 1–2) instead of sifting through hundreds of far-future entries.

use super::time::SimTime;

/// Events due less than this many calendar hours after the last popped event go to the near
/// heap. A day covers tasks and arrivals; check-ins, deal latencies and tenures are farther.
pub const NEAR_HOURS: f64 = 24.0;

/// Ranks above this are treated as this one (24 bits of the key).
pub const MAX_RANK: u32 = (1 << 24) - 1;

/// Bits of the key below the time that hold the insertion sequence; 2⁴⁰ ≈ 10¹² events per
/// queue before FIFO order among equal (time, rank) keys could wrap.
const SEQ_BITS: u32 = 40;

#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

/// A binary implicit min-heap of entries with unique keys (hole-based sifting, no swaps).
#[derive(Debug, Clone)]
struct Heap<E> {
    items: Vec<Entry<E>>,
}

impl<E: Copy> Heap<E> {
    fn with_capacity(n: usize) -> Self {
        Heap {
            items: Vec::with_capacity(n),
        }
    }

    #[inline]
    fn min_key(&self) -> Option<u128> {
        self.items.first().map(|e| e.key)
    }

    #[inline]
    fn push(&mut self, entry: Entry<E>) {
        let heap = &mut self.items;
        let mut i = heap.len();
        heap.push(entry);
        while i > 0 {
            let parent = (i - 1) / 2;
            if heap[parent].key <= entry.key {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    /// Replaces the root (the heap must not be empty) with `entry`, which sinks to its place:
    /// one sift instead of a pop's and a push's.
    #[inline]
    fn replace_root(&mut self, entry: Entry<E>) {
        let heap = &mut self.items;
        let n = heap.len();
        let mut hole = 0;
        loop {
            let mut child = 2 * hole + 1;
            if child >= n {
                break;
            }
            if child + 1 < n && heap[child + 1].key < heap[child].key {
                child += 1;
            }
            if entry.key <= heap[child].key {
                break;
            }
            heap[hole] = heap[child];
            hole = child;
        }
        heap[hole] = entry;
    }

    /// Removes the root: the hole it leaves sinks to a leaf along the smaller children (one
    /// comparison a level), then the last entry fills it and rises to its place, which is
    /// rarely more than a level (Floyd's bottom-up variant, as `std`'s `BinaryHeap` does).
    #[inline]
    fn pop(&mut self) -> Option<Entry<E>> {
        let heap = &mut self.items;
        let last = heap.pop()?;
        let n = heap.len();
        if n == 0 {
            return Some(last);
        }
        let top = heap[0];
        let mut hole = 0;
        let mut child = 1;
        while child + 1 < n {
            child += usize::from(heap[child + 1].key < heap[child].key);
            heap[hole] = heap[child];
            hole = child;
            child = 2 * hole + 1;
        }
        if child < n {
            heap[hole] = heap[child];
            hole = child;
        }
        while hole > 0 {
            let parent = (hole - 1) / 2;
            if heap[parent].key <= last.key {
                break;
            }
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = last;
        Some(top)
    }
}

/// Which heap's root was handed out by the last pop and is still in place (see
/// [`EventQueue::pop_before`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handed {
    None,
    Near,
    Far,
}

/// A priority queue of events of type `E`, ordered by time, then rank, then FIFO.
///
/// A popped event stays at its heap's root until the queue is next used: if the next call
/// schedules an event into the same heap (a task's end schedules the next task's end, an
/// arrival the next arrival), the new entry takes the root's place with one sift down instead
/// of a pop's sift and a push's. The order of events is unaffected (keys are unique, and the
/// handed-out root is the smallest key of its heap until it is replaced).
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    near: Heap<E>,
    far: Heap<E>,
    seq: u64,
    /// The time of the last popped event [calendar hours]; the near/far boundary is
    /// `now + NEAR_HOURS`.
    now: f64,
    /// The heap whose root is the last popped event, not yet removed.
    handed: Handed,
}

impl<E: Copy> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue::new()
    }
}

impl<E: Copy> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        EventQueue::with_capacity(0)
    }

    /// An empty queue with room for `n` events before it reallocates.
    pub fn with_capacity(n: usize) -> Self {
        EventQueue {
            near: Heap::with_capacity(n.min(64)),
            far: Heap::with_capacity(n),
            seq: 0,
            now: 0.0,
            handed: Handed::None,
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.near.items.len() + self.far.items.len() - usize::from(self.handed != Handed::None)
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every pending event and restarts the sequence (keeps the memory).
    pub fn clear(&mut self) {
        self.near.items.clear();
        self.far.items.clear();
        self.seq = 0;
        self.now = 0.0;
        self.handed = Handed::None;
    }

    /// Removes the handed-out root, if any.
    #[inline]
    fn settle(&mut self) {
        match std::mem::replace(&mut self.handed, Handed::None) {
            Handed::None => {}
            Handed::Near => {
                self.near.pop();
            }
            Handed::Far => {
                self.far.pop();
            }
        }
    }

    /// Schedules `event` at `at`, with rank 0 (before ranked events at the same instant).
    /// O(log n).
    #[inline]
    pub fn schedule(&mut self, at: SimTime, event: E) {
        self.schedule_ranked(at, 0, event);
    }

    /// Schedules `event` at `at`; among events at the same instant, lower ranks pop first
    /// (ranks above [`MAX_RANK`] count as `MAX_RANK`), then FIFO. O(log n).
    #[inline]
    pub fn schedule_ranked(&mut self, at: SimTime, rank: u32, event: E) {
        debug_assert!(at.hours().is_finite() && at.hours() >= 0.0);
        debug_assert!(self.seq < 1 << SEQ_BITS);
        let key = (u128::from(at.hours().to_bits()) << 64)
            | (u128::from(rank.min(MAX_RANK)) << SEQ_BITS)
            | u128::from(self.seq & ((1 << SEQ_BITS) - 1));
        self.seq += 1;
        let entry = Entry { key, event };
        let near = at.hours() < self.now + NEAR_HOURS;
        match (self.handed, near) {
            (Handed::Near, true) => {
                self.handed = Handed::None;
                self.near.replace_root(entry);
            }
            (Handed::Far, false) => {
                self.handed = Handed::None;
                self.far.replace_root(entry);
            }
            (_, true) => self.near.push(entry),
            (_, false) => self.far.push(entry),
        }
    }

    /// The smallest key, and whether it is in the far heap.
    #[inline]
    fn min_key(&self) -> Option<(u128, bool)> {
        match (self.near.min_key(), self.far.min_key()) {
            (Some(n), Some(f)) => Some(if f < n { (f, true) } else { (n, false) }),
            (Some(n), None) => Some((n, false)),
            (None, Some(f)) => Some((f, true)),
            (None, None) => None,
        }
    }

    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<SimTime> {
        self.settle();
        self.min_key()
            .map(|(key, _)| SimTime::from_hours(f64::from_bits((key >> 64) as u64)))
    }

    /// Removes and returns the next event with its time. O(log n).
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        self.pop_before(SimTime::from_hours(f64::MAX))
    }

    /// Removes and returns the next event with its time if it is due before `horizon`;
    /// otherwise leaves the queue as it is and returns `None`. O(log n); one look at the two
    /// roots, where `peek_time` then `pop` would take two.
    #[inline]
    pub fn pop_before(&mut self, horizon: SimTime) -> Option<(SimTime, E)> {
        self.settle();
        let (key, far) = self.min_key()?;
        let t = f64::from_bits((key >> 64) as u64);
        if t >= horizon.hours() {
            return None;
        }
        let (heap, handed) = if far {
            (&self.far, Handed::Far)
        } else {
            (&self.near, Handed::Near)
        };
        let event = heap.items[0].event;
        self.handed = handed;
        self.now = t;
        Some((SimTime::from_hours(t), event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{stream, uniform};

    #[test]
    fn pops_in_time_order_with_fifo_ties() {
        let mut q = EventQueue::new();
        let mut rng = stream(1, 0, 0, 0);
        let mut expected = Vec::new();
        for i in 0..5000u32 {
            // coarse times so that many ties occur
            let t = (uniform(&mut rng) * 50.0).floor();
            q.schedule(SimTime::from_hours(t), i);
            expected.push((t, i));
        }
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let popped: Vec<(f64, u32)> =
            std::iter::from_fn(|| q.pop().map(|(t, e)| (t.hours(), e))).collect();
        assert_eq!(popped, expected);
        assert!(q.is_empty());
    }

    #[test]
    fn interleaved_schedule_and_pop_stay_ordered() {
        let mut q = EventQueue::with_capacity(4);
        q.schedule(SimTime::from_hours(5.0), 'a');
        q.schedule(SimTime::from_hours(1.0), 'b');
        assert_eq!(q.peek_time(), Some(SimTime::from_hours(1.0)));
        assert_eq!(q.pop(), Some((SimTime::from_hours(1.0), 'b')));
        q.schedule(SimTime::from_hours(5.0), 'c');
        q.schedule(SimTime::from_hours(0.5), 'd');
        assert_eq!(q.pop().map(|p| p.1), Some('d'));
        assert_eq!(q.pop().map(|p| p.1), Some('a'));
        assert_eq!(q.pop().map(|p| p.1), Some('c'));
        assert_eq!(q.pop(), None);
    }

    #[test]
    fn random_interleavings_pop_exactly_as_a_sorted_list_would() {
        // Near and far heaps, ranks, ties and pops mixed in; a sorted Vec is the reference.
        let mut q = EventQueue::new();
        let mut reference: Vec<(u64, u32, u64, u32)> = Vec::new(); // (time bits, rank, seq, id)
        let mut rng = stream(9, 0, 0, 0);
        let (mut seq, mut now) = (0u64, 0.0f64);
        for id in 0..20_000u32 {
            if uniform(&mut rng) < 0.55 {
                let ahead = (uniform(&mut rng) * 60.0).floor() / 2.0;
                let rank = (uniform(&mut rng) * 3.0) as u32;
                let t = now + ahead;
                q.schedule_ranked(SimTime::from_hours(t), rank, id);
                reference.push((t.to_bits(), rank, seq, id));
                seq += 1;
            } else if let Some(min) = reference.iter().min().copied() {
                reference.retain(|&e| e != min);
                let (t, got) = q.pop().expect("the reference is not empty");
                assert_eq!((t.hours().to_bits(), got), (min.0, min.3));
                now = t.hours();
            } else {
                assert_eq!(q.pop(), None);
            }
            assert_eq!(q.len(), reference.len());
        }
    }

    #[test]
    fn ties_pop_by_rank_then_fifo_whatever_the_scheduling_order() {
        let mut q = EventQueue::new();
        let t = SimTime::from_hours(3.0);
        q.schedule_ranked(t, 7, "seven");
        q.schedule_ranked(t, 2, "two, first");
        q.schedule(t, "unranked");
        q.schedule_ranked(t, 2, "two, second");
        q.schedule_ranked(t, u32::MAX, "max");
        q.schedule_ranked(SimTime::from_hours(1.0), MAX_RANK, "earlier");
        let popped: Vec<&str> = std::iter::from_fn(|| q.pop().map(|(_, e)| e)).collect();
        assert_eq!(
            popped,
            [
                "earlier",
                "unranked",
                "two, first",
                "two, second",
                "seven",
                "max"
            ]
        );
    }
}
