//! The pending-event set: a 4-ary min-heap keyed by (time, insertion sequence).
//!
//! `schedule` and `pop` are O(log n) with no allocation once the heap has grown to its working
//! size. Events at the same instant pop in the order they were scheduled (FIFO): the key packs
//! the time's bit pattern (monotone for non-negative floats) above a 64-bit sequence number into
//! one `u128`, so one integer comparison orders two entries.

use super::time::SimTime;

#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

/// A priority queue of events of type `E`, ordered by time then FIFO.
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    heap: Vec<Entry<E>>,
    seq: u64,
}

impl<E: Copy> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue::new()
    }
}

const ARITY: usize = 4;

impl<E: Copy> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        EventQueue {
            heap: Vec::new(),
            seq: 0,
        }
    }

    /// An empty queue with room for `n` events before it reallocates.
    pub fn with_capacity(n: usize) -> Self {
        EventQueue {
            heap: Vec::with_capacity(n),
            seq: 0,
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Removes every pending event and restarts the sequence (keeps the memory).
    pub fn clear(&mut self) {
        self.heap.clear();
        self.seq = 0;
    }

    /// Schedules `event` at `at`. O(log n).
    #[inline]
    pub fn schedule(&mut self, at: SimTime, event: E) {
        debug_assert!(at.hours().is_finite() && at.hours() >= 0.0);
        let key = (u128::from(at.hours().to_bits()) << 64) | u128::from(self.seq);
        self.seq += 1;
        let mut i = self.heap.len();
        self.heap.push(Entry { key, event });
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.heap[parent].key <= key {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = Entry { key, event };
    }

    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap
            .first()
            .map(|e| SimTime::from_hours(f64::from_bits((e.key >> 64) as u64)))
    }

    /// Removes and returns the next event with its time. O(log n).
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let last = self.heap.pop()?;
        let top = if self.heap.is_empty() {
            last
        } else {
            let top = self.heap[0];
            let n = self.heap.len();
            let mut i = 0;
            loop {
                let first = ARITY * i + 1;
                if first >= n {
                    break;
                }
                let end = (first + ARITY).min(n);
                let mut m = first;
                for j in first + 1..end {
                    if self.heap[j].key < self.heap[m].key {
                        m = j;
                    }
                }
                if self.heap[m].key >= last.key {
                    break;
                }
                self.heap[i] = self.heap[m];
                i = m;
            }
            self.heap[i] = last;
            top
        };
        Some((
            SimTime::from_hours(f64::from_bits((top.key >> 64) as u64)),
            top.event,
        ))
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
}
