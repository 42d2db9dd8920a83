//! The pending-event set: a binary min-heap for the current day, day buckets for the weeks
//! ahead, and a heap for what lies farther; every entry keyed by (time, rank, insertion
//! sequence).
//!
//! `schedule` is O(1) for an event on a later day and O(log n) for one today, `pop` O(log n),
//! with no allocation once the structures have grown to their working size. Events at the
//! same instant pop by rank (lowest first; plain [`EventQueue::schedule`] uses rank 0), then
//! in the order they were scheduled (FIFO): the key packs the time's bit pattern (monotone
//! for non-negative floats) above a 24-bit rank and a 40-bit sequence number into one
//! `u128`, so one integer comparison orders two entries, and no two keys are equal. A rank
//! lets a model order simultaneous events by something that does not depend on when they
//! were scheduled (a person's id, say), so that scheduling an event earlier or later, as a
//! skip-ahead does, cannot change what happens.
//!
//! # Today, the coming weeks, and later
//!
//! A model's pending events are of two kinds: a few that fall due soon (a task in hand, the
//! next arrival) and many that wait for days or weeks (a customer's next check-in, a deal's
//! next step, a tenure's end). Time is cut into days of [`BUCKET_HOURS`]:
//!
//! - events of the days already *opened* (in practice, today) are in a small *near* heap;
//! - events of the next [`RING_DAYS`] days wait, unsorted, in one bucket per day (a ring of
//!   singly linked lists in one node pool, so a bucket costs no allocation);
//! - events beyond the ring wait in a *far* heap, and move to their bucket as the ring
//!   reaches their day.
//!
//! When the near heap runs empty, the next day's bucket is opened: its events go into the
//! near heap. Since days are ordered, every event in the near heap is earlier than every
//! event outside it, and the near heap pops its minimum: the order of events is exactly that
//! of one heap of all of them. The split only changes the cost: an event for a later day is
//! a list push, then one push into a heap of one day's events, instead of a sift through
//! hundreds of far-future entries.

use super::time::SimTime;

/// The width of a bucket [calendar hours]: about a day. A power of two, so that a time's
/// bucket (`⌊t / BUCKET_HOURS⌋`) and a comparison with a bucket's start agree exactly.
pub const BUCKET_HOURS: f64 = 32.0;

/// How many buckets lie ahead of the near heap (85 days); events farther ahead wait in the
/// far heap. Covers monthly check-ins and deal latencies; tenures wait in the far heap.
pub const RING_DAYS: usize = 64;

/// Ranks above this are treated as this one (24 bits of the key).
pub const MAX_RANK: u32 = (1 << 24) - 1;

/// Bits of the key below the time that hold the insertion sequence; 2⁴⁰ ≈ 10¹² events per
/// queue before FIFO order among equal (time, rank) keys could wrap.
const SEQ_BITS: u32 = 40;

/// The end of a bucket list, and of the free list.
const NIL: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

impl<E> Entry<E> {
    /// The day of the entry's time.
    #[inline]
    fn day(&self) -> u64 {
        day_of(f64::from_bits((self.key >> 64) as u64))
    }
}

/// The bucket ("day") a time falls in. Exact: dividing by a power of two only shifts the
/// exponent, so `day_of(t) < d` exactly when `t < d × BUCKET_HOURS`.
#[inline]
fn day_of(hours: f64) -> u64 {
    // Through `i64`: a shorter conversion than to `u64`, and times are never negative.
    (hours * (1.0 / BUCKET_HOURS)) as i64 as u64
}

/// The start of bucket `day` [calendar hours]; exact below 2⁴⁸ buckets.
#[inline]
fn day_start(day: u64) -> f64 {
    day as f64 * BUCKET_HOURS
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

/// A node of a bucket list: an entry and the index of the next node.
#[derive(Debug, Clone, Copy)]
struct Node<E> {
    entry: Entry<E>,
    next: u32,
}

/// [`RING_DAYS`] day buckets: unsorted singly linked lists of entries in one node pool, with
/// a free list, so pushing and emptying a bucket allocates nothing once the pool has grown.
#[derive(Debug, Clone)]
struct Buckets<E> {
    nodes: Vec<Node<E>>,
    /// The first node of each day's list, indexed by day modulo [`RING_DAYS`].
    heads: [u32; RING_DAYS],
    /// The first free node.
    free: u32,
    /// Entries in all buckets.
    len: usize,
}

impl<E: Copy> Buckets<E> {
    fn with_capacity(n: usize) -> Self {
        Buckets {
            nodes: Vec::with_capacity(n),
            heads: [NIL; RING_DAYS],
            free: NIL,
            len: 0,
        }
    }

    #[inline]
    fn push(&mut self, day: u64, entry: Entry<E>) {
        let slot = (day % RING_DAYS as u64) as usize;
        let next = self.heads[slot];
        let node = Node { entry, next };
        let i = if self.free != NIL {
            let i = self.free;
            self.free = self.nodes[i as usize].next;
            self.nodes[i as usize] = node;
            i
        } else {
            self.nodes.push(node);
            self.nodes.len() as u32 - 1
        };
        self.heads[slot] = i;
        self.len += 1;
    }

    /// Moves every entry of `day`'s bucket into `heap`.
    #[inline]
    fn drain_into(&mut self, day: u64, heap: &mut Heap<E>) {
        let slot = (day % RING_DAYS as u64) as usize;
        let mut i = std::mem::replace(&mut self.heads[slot], NIL);
        while i != NIL {
            let node = &mut self.nodes[i as usize];
            heap.push(node.entry);
            let next = std::mem::replace(&mut node.next, self.free);
            self.free = i;
            self.len -= 1;
            i = next;
        }
    }

    fn clear(&mut self) {
        self.nodes.clear();
        self.heads = [NIL; RING_DAYS];
        self.free = NIL;
        self.len = 0;
    }
}

/// A priority queue of events of type `E`, ordered by time, then rank, then FIFO.
///
/// Invariant: the near heap holds exactly the events of the days before `open_day`, the
/// buckets those of the days `open_day .. open_day + RING_DAYS`, the far heap the later ones.
///
/// A popped event stays at the near heap's root until the queue is next used: if the next
/// call schedules an event into the near heap (a task's end schedules the next task's end, an
/// arrival the next arrival), the new entry takes the root's place with one sift down instead
/// of a pop's sift and a push's. The order of events is unaffected (keys are unique, and the
/// handed-out root is the smallest key of the queue until it is replaced).
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    near: Heap<E>,
    buckets: Buckets<E>,
    far: Heap<E>,
    /// The first day whose bucket has not been opened.
    open_day: u64,
    /// The start of `open_day` [calendar hours]: earlier events go to the near heap.
    open_until: f64,
    /// The start of `open_day + RING_DAYS`: later events go to the far heap.
    ring_until: f64,
    seq: u64,
    /// Whether the near heap's root is the last popped event, not yet removed.
    handed: bool,
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
            buckets: Buckets::with_capacity(n),
            far: Heap::with_capacity(n.min(64)),
            open_day: 0,
            open_until: 0.0,
            ring_until: day_start(RING_DAYS as u64),
            seq: 0,
            handed: false,
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.near.items.len() + self.buckets.len + self.far.items.len() - usize::from(self.handed)
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every pending event and restarts the sequence (keeps the memory).
    pub fn clear(&mut self) {
        self.near.items.clear();
        self.buckets.clear();
        self.far.items.clear();
        self.set_open_day(0);
        self.seq = 0;
        self.handed = false;
    }

    /// Removes the handed-out root, if any.
    #[inline]
    fn settle(&mut self) {
        if std::mem::take(&mut self.handed) {
            self.near.pop();
        }
    }

    /// Schedules `event` at `at`, with rank 0 (before ranked events at the same instant).
    #[inline]
    pub fn schedule(&mut self, at: SimTime, event: E) {
        self.schedule_ranked(at, 0, event);
    }

    /// Schedules `event` at `at`; among events at the same instant, lower ranks pop first
    /// (ranks above [`MAX_RANK`] count as `MAX_RANK`), then FIFO. O(1) for a later day,
    /// O(log n) for today.
    #[inline]
    pub fn schedule_ranked(&mut self, at: SimTime, rank: u32, event: E) {
        debug_assert!(at.hours().is_finite() && at.hours() >= 0.0);
        debug_assert!(self.seq < 1 << SEQ_BITS);
        let key = (u128::from(at.hours().to_bits()) << 64)
            | (u128::from(rank.min(MAX_RANK)) << SEQ_BITS)
            | u128::from(self.seq & ((1 << SEQ_BITS) - 1));
        self.seq += 1;
        let entry = Entry { key, event };
        let hours = at.hours();
        if hours < self.open_until {
            if std::mem::take(&mut self.handed) {
                self.near.replace_root(entry);
            } else {
                self.near.push(entry);
            }
        } else if hours < self.ring_until {
            self.buckets.push(day_of(hours), entry);
        } else {
            self.far.push(entry);
        }
    }

    /// Moves the near heap's edge to the start of `day`.
    #[inline]
    fn set_open_day(&mut self, day: u64) {
        self.open_day = day;
        self.open_until = day_start(day);
        self.ring_until = day_start(day.saturating_add(RING_DAYS as u64));
    }

    /// Opens days until the near heap holds the next event, if there is one. Leaves a handed
    /// root alone (the near heap is not empty then).
    #[inline]
    fn refill(&mut self) {
        while self.near.items.is_empty() {
            if self.buckets.len == 0 {
                // Nothing in the ring: jump to the far heap's first day.
                let Some(first) = self.far.items.first() else {
                    return;
                };
                self.set_open_day(self.open_day.max(first.day()));
                self.pull_far();
            }
            self.buckets.drain_into(self.open_day, &mut self.near);
            self.set_open_day(self.open_day + 1);
            self.pull_far();
        }
    }

    /// Moves the far heap's events that now fall within the ring into their buckets.
    #[inline]
    fn pull_far(&mut self) {
        let end = self.open_day.saturating_add(RING_DAYS as u64);
        while self
            .far
            .items
            .first()
            .is_some_and(|first| first.day() < end)
        {
            let Some(entry) = self.far.pop() else { break };
            self.buckets.push(entry.day(), entry);
        }
    }

    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<SimTime> {
        self.settle();
        self.refill();
        self.near
            .min_key()
            .map(|key| SimTime::from_hours(f64::from_bits((key >> 64) as u64)))
    }

    /// Removes and returns the next event with its time. O(log n).
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        self.pop_before(SimTime::from_hours(f64::MAX))
    }

    /// Removes and returns the next event with its time if it is due before `horizon`;
    /// otherwise leaves it pending and returns `None`. O(log n).
    #[inline]
    pub fn pop_before(&mut self, horizon: SimTime) -> Option<(SimTime, E)> {
        self.settle();
        self.refill();
        let root = self.near.items.first()?;
        let t = f64::from_bits((root.key >> 64) as u64);
        if t >= horizon.hours() {
            return None;
        }
        let event = root.event;
        self.handed = true;
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

    /// Schedules (with probability `p_schedule`, at the time ahead and rank `draw` gives) or
    /// pops, `steps` times, checking every pop and the length against a sorted list of
    /// (time bits, rank, sequence, id), then drains the queue the same way.
    fn interleave_against_a_sorted_list(
        mut q: EventQueue<u32>,
        seed: u64,
        steps: u32,
        p_schedule: f64,
        mut draw: impl FnMut(&mut crate::engine::SimRng) -> (f64, u32),
    ) {
        let mut reference: Vec<(u64, u32, u64, u32)> = Vec::new();
        let mut rng = stream(seed, 0, 0, 0);
        let (mut seq, mut now) = (0u64, 0.0f64);
        /// Pops one event and checks it against the reference; its time, if any.
        fn pop_and_check(
            q: &mut EventQueue<u32>,
            reference: &mut Vec<(u64, u32, u64, u32)>,
        ) -> Option<f64> {
            let Some(min) = reference.iter().min().copied() else {
                assert_eq!(q.pop(), None);
                return None;
            };
            reference.retain(|&e| e != min);
            let (t, got) = q.pop().expect("the reference is not empty");
            assert_eq!((t.hours().to_bits(), got), (min.0, min.3));
            Some(t.hours())
        }
        for id in 0..steps {
            if uniform(&mut rng) < p_schedule {
                let (ahead, rank) = draw(&mut rng);
                let t = now + ahead;
                q.schedule_ranked(SimTime::from_hours(t), rank, id);
                reference.push((t.to_bits(), rank, seq, id));
                seq += 1;
            } else if let Some(t) = pop_and_check(&mut q, &mut reference) {
                now = t;
            }
            assert_eq!(q.len(), reference.len());
        }
        while !reference.is_empty() {
            pop_and_check(&mut q, &mut reference);
        }
        assert!(q.is_empty());
    }

    #[test]
    fn random_interleavings_pop_exactly_as_a_sorted_list_would() {
        // Within the near heap and the first buckets: half-hour steps, ranks and ties.
        interleave_against_a_sorted_list(EventQueue::new(), 9, 20_000, 0.55, |rng| {
            let ahead = (uniform(rng) * 60.0).floor() / 2.0;
            (ahead, (uniform(rng) * 3.0) as u32)
        });
    }

    #[test]
    fn events_across_buckets_and_beyond_the_ring_pop_in_order() {
        // Times from minutes to a year ahead (the ring covers RING_DAYS buckets, 85 days),
        // with gaps that empty the ring and make the queue jump; whole hours now and then, so
        // that ties and bucket edges occur.
        let spans_days = [0.05, 1.0, 3.0, 30.0, 70.0, 200.0, 365.0];
        interleave_against_a_sorted_list(EventQueue::with_capacity(8), 11, 30_000, 0.5, |rng| {
            let span = spans_days[(uniform(rng) * 7.0) as usize] * 24.0;
            let mut ahead = uniform(rng) * span;
            if uniform(rng) < 0.3 {
                ahead = ahead.floor();
            }
            (ahead, (uniform(rng) * 2.0) as u32)
        });
    }

    #[test]
    fn pop_before_leaves_later_events_pending() {
        let mut q = EventQueue::new();
        q.schedule(SimTime::from_hours(2.0), 'a');
        q.schedule(SimTime::from_hours(500.0 * BUCKET_HOURS), 'b');
        let h = SimTime::from_hours(10.0 * BUCKET_HOURS);
        assert_eq!(q.pop_before(h), Some((SimTime::from_hours(2.0), 'a')));
        assert_eq!(q.pop_before(h), None);
        assert_eq!(q.len(), 1);
        // An event scheduled after the queue looked far ahead still comes first.
        q.schedule(SimTime::from_hours(3.0), 'c');
        assert_eq!(q.pop().map(|p| p.1), Some('c'));
        assert_eq!(q.pop().map(|p| p.1), Some('b'));
        assert_eq!(q.pop(), None);
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
