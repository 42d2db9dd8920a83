//! The pending-event set: a binary min-heap and a sorted run for the current day, day buckets
//! for the weeks ahead, and a heap for what lies farther; every entry keyed by (time, rank,
//! insertion sequence).
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
//! - events of the days already *opened* (in practice, today) are *near*: those that were
//!   waiting in the day's bucket when it was opened form a sorted *run*, and those scheduled
//!   into an opened day since wait in a small *near heap*;
//! - events of the next [`RING_DAYS`] days wait, unsorted, in one bucket per day (a ring of
//!   lists of chunks of entries in one pool, so a bucket costs no allocation);
//! - events beyond the ring wait in a *far heap*, and move to their bucket as the ring
//!   reaches their day.
//!
//! When the near heap and the run are both empty, the next day's bucket is opened: its events
//! are sorted into the run. Since days are ordered, every near event is earlier than every
//! event outside the near heap and the run, and a pop takes the smaller of the near heap's
//! root and the run's first entry: the order of events is exactly that of one heap of all of
//! them. The split only changes the cost: an event for a later day is a push onto its
//! bucket's chunk, a share of one sort of a day's events, and a pop from the front of the
//! run, instead of a sift through hundreds of far-future entries (or a push into the near
//! heap and a sift down from its root when it pops).

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

/// The end of a chunk list, and of the free list; also "no chunk".
const NIL: u32 = u32::MAX;

/// Entries per chunk of a bucket (512 bytes for the sales model's events).
const CHUNK: usize = 16;

/// A pending event and its key (time bits, rank, sequence; unique within a queue).
#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

impl<E> Entry<E> {
    /// The bit pattern of the entry's time: the key's upper half.
    #[inline]
    fn time_bits(&self) -> u64 {
        (self.key >> 64) as u64
    }

    /// The day of the entry's time.
    #[inline]
    fn day(&self) -> u64 {
        day_of(f64::from_bits(self.time_bits()))
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
///
/// The new entry of a push or a root replacement comes as its key and event, and is only
/// written where it settles. Every path that may grow the vector leaves the usual path
/// through a cold call in tail position, so that the inlined pushes hold nothing across a
/// call (which would cost the callers saved registers on every schedule).
#[derive(Debug, Clone)]
struct Heap<E> {
    items: Vec<Entry<E>>,
}

impl<E: Copy> Heap<E> {
    /// An empty heap with room for `n` entries.
    fn with_capacity(n: usize) -> Self {
        Heap {
            items: Vec::with_capacity(n),
        }
    }

    /// Adds an entry: it rises from the end to its place.
    #[inline]
    fn push(&mut self, key: u128, event: E) {
        if self.items.len() == self.items.capacity() {
            return self.push_growing(key, event);
        }
        let heap = &mut self.items;
        let mut i = heap.len();
        heap.push(Entry { key, event });
        while i > 0 {
            let parent = (i - 1) / 2;
            if heap[parent].key <= key {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = Entry { key, event };
    }

    /// [`Heap::push`] when the vector is full: grows it, then pushes.
    #[cold]
    #[inline(never)]
    fn push_growing(&mut self, key: u128, event: E) {
        self.items.reserve(1);
        self.push(key, event);
    }

    /// [`Heap::push`], out of line (for the far heap, which few schedules reach).
    #[inline(never)]
    fn push_out_of_line(&mut self, key: u128, event: E) {
        self.push(key, event);
    }

    /// Replaces the root (the heap must not be empty) with an entry, which sinks to its
    /// place: one sift instead of a pop's and a push's.
    #[inline]
    fn replace_root(&mut self, key: u128, event: E) {
        let heap = self.items.as_mut_slice();
        let n = heap.len();
        let mut hole = 0;
        let mut child = 1;
        // While the hole has two children.
        while child + 1 < n {
            child += usize::from(heap[child + 1].key < heap[child].key);
            if key <= heap[child].key {
                heap[hole] = Entry { key, event };
                return;
            }
            heap[hole] = heap[child];
            hole = child;
            child = 2 * hole + 1;
        }
        // A last, only child.
        if child < n && heap[child].key < key {
            heap[hole] = heap[child];
            hole = child;
        }
        heap[hole] = Entry { key, event };
    }

    /// Removes the root (if any): the hole it leaves sinks to a leaf along the smaller
    /// children (one comparison a level), then the last entry fills it and rises to its place,
    /// which is rarely more than a level (Floyd's bottom-up variant, as `std`'s `BinaryHeap`
    /// does).
    #[inline]
    fn remove_root(&mut self) {
        let Some(last) = self.items.pop() else {
            return;
        };
        let heap = self.items.as_mut_slice();
        let n = heap.len();
        if n == 0 {
            return;
        }
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
    }

    /// Removes and returns the root.
    #[inline]
    fn pop(&mut self) -> Option<Entry<E>> {
        let top = *self.items.first()?;
        self.remove_root();
        Some(top)
    }
}

/// The entries of the opened day's bucket, sorted once when the day opens, and consumed from
/// the front: a pop from the run costs no sift.
///
/// Invariants: `items[head..]` are the run's pending entries, in ascending key order;
/// `first_bits` is the time bits of `items[head]`, or `u64::MAX` (the bits of no finite time)
/// if the run is empty. Nothing joins the run until it is empty and the next day opens.
#[derive(Debug, Clone)]
struct Run<E> {
    items: Vec<Entry<E>>,
    /// The first pending entry.
    head: usize,
    /// The time bits of the first pending entry, or `u64::MAX` if there is none: one integer
    /// comparison with the near heap's root tells, unless both times are equal, which pops
    /// first.
    first_bits: u64,
    /// Scratch for [`Run::sort`]: one packed sort key per entry.
    order: Vec<u64>,
    /// Scratch for [`Run::sort`]: the entries in sorted order, swapped with `items`.
    spare: Vec<Entry<E>>,
}

/// Runs longer than this sort by key directly ([`Run::sort`]): ranking is quadratic.
const RANK_SORT_MAX: usize = 64;

/// Bits of a packed sort key ([`Run::sort`]) that hold the entry's index in the unsorted run.
const INDEX_BITS: u32 = 12;

// Every ranked run's indices fit their bits, and the time's offset (below 2⁵²) the rest.
const _: () = assert!(RANK_SORT_MAX <= 1 << INDEX_BITS && 52 + INDEX_BITS <= 64);

impl<E: Copy> Run<E> {
    /// An empty run with room for `n` entries.
    fn with_capacity(n: usize) -> Self {
        Run {
            items: Vec::with_capacity(n),
            head: 0,
            first_bits: u64::MAX,
            order: Vec::with_capacity(n),
            spare: Vec::with_capacity(n),
        }
    }

    /// The first pending entry, if any.
    #[inline]
    fn first(&self) -> Option<&Entry<E>> {
        self.items.get(self.head)
    }

    /// Pending entries.
    #[inline]
    fn len(&self) -> usize {
        self.items.len() - self.head
    }

    /// Drops the first pending entry (the run must not be empty).
    #[inline]
    fn advance(&mut self) {
        self.head += 1;
        self.first_bits = self.items.get(self.head).map_or(u64::MAX, Entry::time_bits);
    }

    /// Empties the run (keeps the memory).
    fn clear(&mut self) {
        self.items.clear();
        self.head = 0;
        self.first_bits = u64::MAX;
    }

    /// Sorts the entries appended to an emptied run (all of one day) and makes them pending.
    ///
    /// A day holds 5 to 25 entries in specialized.ron, and an insertion sort of them by
    /// key mispredicts a branch or so per entry. Instead, each entry gets a 64-bit key, its
    /// time's offset from the day's start in units of its last place above its index in the
    /// run (a day after the first lies inside one binade, [`BUCKET_HOURS`] being a power of
    /// two, so the offset is below 2⁵² and orders the times), and goes to the place its rank
    /// among those keys gives: `n²` comparisons, none of them a branch. Entries with equal
    /// times (rare) are then put in key order (rank, then sequence), so the order is exactly
    /// that of the keys. Day 0, and runs longer than [`RANK_SORT_MAX`], sort by key.
    ///
    /// −1.1…1.9% of the time of a replication of specialized.ron, for +2.7% of its
    /// instructions (`benches/ab_inprocess.sh`, two runs of 300 rounds; PERFORMANCE.md,
    /// eleventh pass).
    fn sort(&mut self) {
        let n = self.items.len();
        let day = self.items.first().map_or(0, Entry::day);
        if day == 0 || n > RANK_SORT_MAX {
            self.items.sort_unstable_by_key(|e| e.key);
        } else {
            let base = day_start(day).to_bits();
            self.order.clear();
            self.order
                .extend(self.items.iter().enumerate().map(|(i, e)| {
                    debug_assert!(e.day() == day);
                    ((e.time_bits() - base) << INDEX_BITS) | i as u64
                }));
            // Each entry's place is the number of smaller keys: no branch depends on the keys.
            self.spare.clear();
            self.spare.extend_from_slice(&self.items);
            for (i, &k) in self.order.iter().enumerate() {
                let rank = self
                    .order
                    .iter()
                    .map(|&j| usize::from(j < k))
                    .sum::<usize>();
                self.spare[rank] = self.items[i];
            }
            std::mem::swap(&mut self.items, &mut self.spare);
            // Equal times (ordered by index so far): order by the whole key.
            let mut i = 1;
            while i < n {
                let time = self.items[i - 1].time_bits();
                if self.items[i].time_bits() == time {
                    let start = i - 1;
                    while i < n && self.items[i].time_bits() == time {
                        i += 1;
                    }
                    self.items[start..i].sort_unstable_by_key(|e| e.key);
                }
                i += 1;
            }
        }
        self.head = 0;
        self.first_bits = self.items.first().map_or(u64::MAX, Entry::time_bits);
    }
}

/// [`RING_DAYS`] day buckets: unsorted lists of chunks of [`CHUNK`] entries in one pool, with
/// a free list of chunks, so that pushing and emptying a bucket allocates nothing once the
/// pool has grown. A push writes one entry into its bucket's newest chunk; opening a day
/// copies whole chunks.
///
/// Invariants: a bucket with entries has a list of chunks from `heads[slot]` through `next`:
/// the first is the newest, holding `fill[slot]` entries (1 to [`CHUNK`]), the others are
/// full. A bucket without entries has `heads[slot] == NIL` and `fill[slot] == CHUNK`, so that
/// one comparison sends a push to a new chunk. Free chunks are listed from `free` through
/// `next`. `len` counts the entries of all buckets.
#[derive(Debug, Clone)]
struct Buckets<E> {
    /// Chunk `c` is `pool[c * CHUNK..(c + 1) * CHUNK]`.
    pool: Vec<Entry<E>>,
    /// The chunk after chunk `c`, in its bucket or in the free list.
    next: Vec<u32>,
    /// The newest chunk of each day's bucket, indexed by day modulo [`RING_DAYS`].
    heads: [u32; RING_DAYS],
    /// How many entries the newest chunk of each bucket holds; [`CHUNK`] if it has none.
    fill: [u8; RING_DAYS],
    /// The first free chunk.
    free: u32,
    /// Entries in all buckets.
    len: usize,
}

impl<E: Copy> Buckets<E> {
    /// Empty buckets with room for about `n` entries: `n` entries' chunks, and one chunk more
    /// for each day of the ring (each day's newest chunk is partly filled), so that a queue
    /// holding `n` events spread over the ring does not grow its pool.
    fn with_capacity(n: usize) -> Self {
        let chunks = n.div_ceil(CHUNK) + RING_DAYS;
        Buckets {
            pool: Vec::with_capacity(chunks * CHUNK),
            next: Vec::with_capacity(chunks),
            heads: [NIL; RING_DAYS],
            fill: [CHUNK as u8; RING_DAYS],
            free: NIL,
            len: 0,
        }
    }

    /// Adds an entry to `day`'s bucket.
    #[inline]
    fn push(&mut self, day: u64, key: u128, event: E) {
        let slot = (day % RING_DAYS as u64) as usize;
        let fill = self.fill[slot] as usize;
        if fill == CHUNK {
            return self.push_new_chunk(slot, Entry { key, event });
        }
        self.pool[self.heads[slot] as usize * CHUNK + fill] = Entry { key, event };
        self.fill[slot] = fill as u8 + 1;
        self.len += 1;
    }

    /// [`Buckets::push`] when the bucket's newest chunk is full or missing: starts a chunk,
    /// from the free list or, if there is none, from a grown pool.
    #[cold]
    #[inline(never)]
    fn push_new_chunk(&mut self, slot: usize, entry: Entry<E>) {
        let c = if self.free != NIL {
            let c = self.free;
            self.free = self.next[c as usize];
            c
        } else {
            // A new chunk's slots need values; copies of the entry do.
            self.pool.extend(std::iter::repeat_n(entry, CHUNK));
            self.next.push(NIL);
            self.next.len() as u32 - 1
        };
        self.next[c as usize] = self.heads[slot];
        self.heads[slot] = c;
        self.pool[c as usize * CHUNK] = entry;
        self.fill[slot] = 1;
        self.len += 1;
    }

    /// Appends every entry of `day`'s bucket to `out`, and returns the bucket's chunks to the
    /// free list.
    #[inline]
    fn drain_into(&mut self, day: u64, out: &mut Vec<Entry<E>>) {
        let slot = (day % RING_DAYS as u64) as usize;
        let first = std::mem::replace(&mut self.heads[slot], NIL);
        if first == NIL {
            return;
        }
        let before = out.len();
        let mut fill = std::mem::replace(&mut self.fill[slot], CHUNK as u8) as usize;
        let mut c = first;
        let last = loop {
            let start = c as usize * CHUNK;
            out.extend_from_slice(&self.pool[start..start + fill]);
            fill = CHUNK;
            let next = self.next[c as usize];
            if next == NIL {
                break c;
            }
            c = next;
        };
        self.next[last as usize] = self.free;
        self.free = first;
        self.len -= out.len() - before;
    }

    /// Empties every bucket (keeps the memory).
    fn clear(&mut self) {
        self.pool.clear();
        self.next.clear();
        self.heads = [NIL; RING_DAYS];
        self.fill = [CHUNK as u8; RING_DAYS];
        self.free = NIL;
        self.len = 0;
    }
}

/// A priority queue of events of type `E`, ordered by time, then rank, then FIFO.
///
/// Invariant: the near heap and the run hold exactly the events of the days before
/// `open_day`, the buckets those of the days `open_day .. open_day + RING_DAYS`, the far heap
/// the later ones. The run is only refilled (with the next non-empty day's bucket) when it
/// and the near heap are both empty.
///
/// A popped event of the near heap stays at its root until the queue is next used: if the
/// next call schedules an event into the near heap (a task's end schedules the next task's
/// end, an arrival the next arrival), the new entry takes the root's place with one sift down
/// instead of a pop's sift and a push's. The order of events is unaffected (keys are unique,
/// and the handed-out root is the smallest key of the queue until it is replaced). A popped
/// event of the run leaves it at once.
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    near: Heap<E>,
    run: Run<E>,
    buckets: Buckets<E>,
    far: Heap<E>,
    /// The first day whose bucket has not been opened.
    open_day: u64,
    /// The start of `open_day` [calendar hours]: earlier events go to the near heap.
    open_until: f64,
    /// The start of `open_day + RING_DAYS`: later events go to the far heap.
    ring_until: f64,
    /// The sequence number of the next scheduled event.
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
            run: Run::with_capacity(n.min(64)),
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
        self.near.items.len() + self.run.len() + self.buckets.len + self.far.items.len()
            - usize::from(self.handed)
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every pending event and restarts the sequence (keeps the memory).
    pub fn clear(&mut self) {
        self.near.items.clear();
        self.run.clear();
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
            self.near.remove_root();
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
        let hours = at.hours();
        if hours < self.open_until {
            if std::mem::take(&mut self.handed) {
                self.near.replace_root(key, event);
            } else {
                self.near.push(key, event);
            }
        } else if hours < self.ring_until {
            self.buckets.push(day_of(hours), key, event);
        } else {
            self.far.push_out_of_line(key, event);
        }
    }

    /// Moves the near heap's edge to the start of `day`.
    #[inline]
    fn set_open_day(&mut self, day: u64) {
        self.open_day = day;
        self.open_until = day_start(day);
        self.ring_until = day_start(day.saturating_add(RING_DAYS as u64));
    }

    /// Opens days if the near heap and the run are both empty, until the run holds the next
    /// event, if there is one. Leaves a handed root alone (the near heap is not empty then).
    #[inline]
    fn refill(&mut self) {
        if self.near.items.is_empty() && self.run.head == self.run.items.len() {
            self.open_days();
        }
    }

    /// Opens days until the run (empty, as the near heap is) holds the next event, if there
    /// is one: out of line, as it runs about once a day.
    #[inline(never)]
    fn open_days(&mut self) {
        self.run.clear();
        while self.run.items.is_empty() {
            if self.buckets.len == 0 {
                // Nothing in the ring: jump to the far heap's first day.
                let Some(first) = self.far.items.first() else {
                    return;
                };
                self.set_open_day(self.open_day.max(first.day()));
                self.pull_far();
            }
            self.buckets.drain_into(self.open_day, &mut self.run.items);
            self.set_open_day(self.open_day + 1);
            self.pull_far();
        }
        self.run.sort();
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
            self.buckets.push(entry.day(), entry.key, entry.event);
        }
    }

    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&mut self) -> Option<SimTime> {
        self.settle();
        let from_run = self.run_is_next()?;
        let next = if from_run {
            &self.run.items[self.run.head]
        } else {
            &self.near.items[0]
        };
        Some(SimTime::from_hours(f64::from_bits(next.time_bits())))
    }

    /// Removes and returns the next event with its time. O(log n).
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        self.pop_before(SimTime::from_hours(f64::MAX))
    }

    /// Removes and returns the next event with its time if it is due before `horizon`;
    /// otherwise leaves it pending and returns `None`. O(log n).
    ///
    /// The next event is the near heap's root or the run's first entry: their time bits
    /// decide inline unless they are equal or a side is empty; whole keys decide the rest,
    /// out of line.
    #[inline]
    pub fn pop_before(&mut self, horizon: SimTime) -> Option<(SimTime, E)> {
        self.settle();
        let from_run = match self.near.items.first() {
            Some(root) if root.time_bits() < self.run.first_bits => false,
            Some(root) if self.run.first_bits < root.time_bits() => true,
            None if self.run.first_bits != u64::MAX => true,
            _ => self.run_is_next()?,
        };
        let next = if from_run {
            &self.run.items[self.run.head]
        } else {
            &self.near.items[0]
        };
        let t = f64::from_bits(next.time_bits());
        if t >= horizon.hours() {
            return None;
        }
        let event = next.event;
        if from_run {
            self.run.advance();
        } else {
            self.handed = true;
        }
        Some((SimTime::from_hours(t), event))
    }

    /// Whether the run (rather than the near heap) holds the next event, after opening days
    /// if both are empty; `None` if the queue is empty. Compares whole keys.
    #[inline(never)]
    fn run_is_next(&mut self) -> Option<bool> {
        self.refill();
        match (self.run.first(), self.near.items.first()) {
            (Some(r), Some(h)) => Some(r.key < h.key),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        }
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
    /// (time bits, clamped rank, sequence, id), then drains the queue the same way. One pop in
    /// four is a `pop_before` with a horizon at or just after the next event's time, and
    /// `peek_time` is checked before every pop.
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
        /// Pops one event (through `pop`, or through `pop_before` at the horizon `before`
        /// hours after the next event's time if it is given) and checks it against the
        /// reference; its time, if any.
        fn pop_and_check(
            q: &mut EventQueue<u32>,
            reference: &mut Vec<(u64, u32, u64, u32)>,
            before: Option<f64>,
        ) -> Option<f64> {
            let Some(min) = reference.iter().min().copied() else {
                assert_eq!(q.peek_time(), None);
                assert_eq!(q.pop(), None);
                return None;
            };
            let t_min = f64::from_bits(min.0);
            assert_eq!(q.peek_time(), Some(SimTime::from_hours(t_min)));
            let popped = match before {
                Some(after) => {
                    let got = q.pop_before(SimTime::from_hours(t_min + after));
                    if after == 0.0 {
                        // Not before the horizon: it stays pending.
                        assert_eq!(got, None);
                        assert_eq!(q.len(), reference.len());
                        return None;
                    }
                    got
                }
                None => q.pop(),
            };
            reference.retain(|&e| e != min);
            let (t, got) = popped.expect("the reference is not empty");
            assert_eq!((t.hours().to_bits(), got), (min.0, min.3));
            Some(t.hours())
        }
        for id in 0..steps {
            if uniform(&mut rng) < p_schedule {
                let (ahead, rank) = draw(&mut rng);
                let t = now + ahead;
                q.schedule_ranked(SimTime::from_hours(t), rank, id);
                reference.push((t.to_bits(), rank.min(MAX_RANK), seq, id));
                seq += 1;
            } else {
                let before = match (uniform(&mut rng) * 8.0) as u32 {
                    0 => Some(0.0),
                    1 => Some(1e-9),
                    _ => None,
                };
                if let Some(t) = pop_and_check(&mut q, &mut reference, before) {
                    now = t;
                }
            }
            assert_eq!(q.len(), reference.len());
        }
        while !reference.is_empty() {
            pop_and_check(&mut q, &mut reference, None);
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
    #[test]
    fn same_instant_events_in_the_run_and_the_near_heap_pop_by_rank_then_fifo() {
        // Whole hours a few days ahead, so that most events wait in buckets and, once their
        // day opens, in the run, while others are scheduled into the opened day, into the
        // near heap, at the very same instants; ranks up to and beyond MAX_RANK.
        let ranks = [0, 1, 2, MAX_RANK, u32::MAX];
        interleave_against_a_sorted_list(EventQueue::new(), 13, 40_000, 0.5, |rng| {
            let ahead = (uniform(rng) * 4.0 * BUCKET_HOURS).floor();
            (ahead, ranks[(uniform(rng) * 5.0) as usize])
        });
    }

    #[test]
    fn a_run_entry_and_a_near_entry_at_the_same_instant() {
        let mut q = EventQueue::new();
        let t = SimTime::from_hours(BUCKET_HOURS + 5.0);
        q.schedule_ranked(t, 1, "run, rank 1");
        q.schedule_ranked(SimTime::from_hours(BUCKET_HOURS + 1.0), 0, "opens the day");
        q.schedule_ranked(t, 1, "run, rank 1, second");
        assert_eq!(q.pop().map(|p| p.1), Some("opens the day"));
        // The day is open: these go to the near heap, at the run's instant.
        q.schedule_ranked(t, 1, "near, rank 1, third");
        q.schedule_ranked(t, 0, "near, rank 0");
        q.schedule_ranked(t, 2, "near, rank 2");
        let popped: Vec<&str> = std::iter::from_fn(|| q.pop().map(|(_, e)| e)).collect();
        assert_eq!(
            popped,
            [
                "near, rank 0",
                "run, rank 1",
                "run, rank 1, second",
                "near, rank 1, third",
                "near, rank 2"
            ]
        );
    }

    /// [`Run::sort`] orders a day's entries exactly by key: ties in time by rank, then
    /// sequence, whatever their order in the bucket; on day 0, on later days, and on days too
    /// long to rank.
    #[test]
    fn a_run_sorts_by_key_with_ties_on_every_kind_of_day() {
        let mut rng = stream(11, 0, 0, 0);
        for (day, n) in [
            (0u64, 30usize),
            (1, 1),
            (1, 2),
            (5, 20),
            (1000, 64),
            (7, 65),
            (3, 300),
        ] {
            let mut run = Run::with_capacity(4);
            let mut keys = Vec::new();
            for seq in 0..n as u64 {
                // Few distinct times, so that many entries tie; ranks from 0 to 3.
                let offset = (uniform(&mut rng) * 6.0).floor() * 5.0;
                let t = day_start(day) + offset;
                let rank = (uniform(&mut rng) * 4.0) as u128;
                let key = (u128::from(t.to_bits()) << 64) | (rank << SEQ_BITS) | u128::from(seq);
                keys.push(key);
            }
            // Entries reach the run in no particular order.
            for (i, &key) in keys.iter().enumerate().rev() {
                run.items.push(Entry { key, event: i });
            }
            run.sort();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let got: Vec<u128> = run.items.iter().map(|e| e.key).collect();
            assert_eq!(got, expected, "day {day}, {n} entries");
            for e in &run.items {
                assert_eq!(keys[e.event], e.key, "each entry keeps its event");
            }
            assert_eq!(run.first_bits, (expected[0] >> 64) as u64);
        }
    }

    #[test]
    fn crowded_days_and_a_cleared_queue() {
        // Hundreds of events a day (many chunks a bucket, the larger sorts), popped in order;
        // then the same after `clear`, which restarts the sequence and keeps the memory.
        let mut q = EventQueue::with_capacity(16);
        for round in 0..2 {
            let mut rng = stream(17, round, 0, 0);
            let mut expected = Vec::new();
            for i in 0..3000u32 {
                let t = (uniform(&mut rng) * 10.0 * BUCKET_HOURS * 4.0).floor() / 4.0;
                let rank = (uniform(&mut rng) * 3.0) as u32;
                q.schedule_ranked(SimTime::from_hours(t), rank, i);
                expected.push((t.to_bits(), rank, i));
            }
            assert_eq!(q.len(), 3000);
            expected.sort_unstable();
            let popped: Vec<(u64, u32, u32)> = std::iter::from_fn(|| {
                q.pop().map(|(t, i)| {
                    let rank = expected.iter().find(|e| e.2 == i).map_or(0, |e| e.1);
                    (t.hours().to_bits(), rank, i)
                })
            })
            .collect();
            assert_eq!(popped, expected);
            assert!(q.is_empty());
            q.schedule(SimTime::from_hours(1.0), 0);
            q.clear();
            assert!(q.is_empty());
            assert_eq!(q.pop(), None);
        }
    }
}
