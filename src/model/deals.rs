//! Deals (opportunities): their intrinsic draws, progress and ownership.

use crate::engine::{SimRng, SimTime};

use super::event::Subject;
use super::streams::Source;

/// Something ready at an instant, queued in a person's own queue.
pub(crate) trait Ready {
    /// When it became ready.
    fn ready(&self) -> SimTime;
}

/// Queues `item` behind everything ready no later than it: the queue stays ordered by
/// (ready time, order of queueing). O(1) in the usual case of an item ready now.
///
/// Order of queueing is creation order (SPEC §5.2) for items queued when they become ready,
/// since items ready at the same instant were created, and are queued, in the same order. An
/// item handed over from another queue (a deal step or a care task whose owner left, or that
/// waited for an owner) goes by [`push_ready_created`] instead.
///
/// The item is pushed at the back and then moved forward past later-ready items by swaps,
/// rather than given to `VecDeque::insert`: an item passed by value to that out-of-line call
/// is kept in memory, written field by field and copied with wider loads, which stall on
/// store forwarding even when the call is not taken.
#[inline(always)]
pub(crate) fn push_ready<T: Ready>(queue: &mut std::collections::VecDeque<T>, item: T) {
    let in_order = queue.back().is_none_or(|last| last.ready() <= item.ready());
    queue.push_back(item);
    if !in_order {
        move_forward(queue);
    }
}

/// Moves the last item of `queue` forward past the items ready later than it.
#[cold]
#[inline(never)]
fn move_forward<T: Ready>(queue: &mut std::collections::VecDeque<T>) {
    let mut i = queue.len() - 1;
    while i > 0 && queue[i - 1].ready() > queue[i].ready() {
        queue.swap(i - 1, i);
        i -= 1;
    }
}

/// Queues `item`, handed over from another person's queue, by (ready time, creation order)
/// among the queue's items, whose creation numbers `created` reads
/// ([`SalesModel::next_task_number`](super::sales::SalesModel::next_task_number)).
pub(crate) fn push_ready_created<T: Ready>(
    queue: &mut std::collections::VecDeque<T>,
    item: T,
    created: impl Fn(&T) -> u64,
) {
    let key = |x: &T| (x.ready(), created(x));
    let i = queue.partition_point(|x| key(x) <= key(&item));
    queue.insert(i, item);
}

impl Ready for StepRef {
    fn ready(&self) -> SimTime {
        self.ready
    }
}

/// A ready deal step in its owner's queue. Stale if the deal's generation changed.
///
/// Two words (the ready time, and the deal with its generation as one [`Subject`]), so that
/// it moves as two scalars: as a time and two `u32`s it was spilled in 8-byte halves and
/// copied into the queue with one 16-byte load, which stalled on store forwarding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StepRef {
    pub(crate) ready: SimTime,
    item: Subject,
}

impl StepRef {
    /// The step of deal `deal` in its `generation`, ready at `ready`.
    pub(crate) fn new(ready: SimTime, deal: u32, generation: u32) -> Self {
        StepRef {
            ready,
            item: Subject::versioned(deal, generation),
        }
    }

    /// The deal's slot.
    pub(crate) fn deal(self) -> u32 {
        self.item.id()
    }

    /// The deal's generation when the step was queued.
    pub(crate) fn generation(self) -> u32 {
        self.item.generation()
    }
}

/// One open deal. Its slot is reused after the decision (the generation then changes).
#[derive(Debug, Clone)]
pub(crate) struct Deal {
    pub(crate) generation: u32,
    pub(crate) source: Source,
    /// Key of its sub-stream; also keys the customer it may become.
    pub(crate) key: u64,
    pub(crate) created: SimTime,
    pub(crate) owner: Option<u32>,
    /// Its position in its owner's deal list.
    pub(crate) owner_slot: u32,
    /// Whether its next step is ready and not yet started (so it belongs in a close queue).
    pub(crate) step_ready: bool,
    /// The next step's creation number (the first step is created with the deal, each later
    /// one when the previous one is done; [`SalesModel::next_task_number`]): its place among
    /// steps ready at the same instant when it is handed over (deals created at the same
    /// instant are ready at the same instant).
    ///
    /// [`SalesModel::next_task_number`]: super::sales::SalesModel::next_task_number
    pub(crate) step_created: u64,
    /// Value if won [money].
    pub(crate) value: f64,
    pub(crate) u_win: f64,
    /// The deal's own stream: step hours and latencies are drawn from it in a fixed order.
    pub(crate) rng: SimRng,
    /// Steps completed so far.
    pub(crate) steps_done: u32,
    /// When the next step became ready.
    pub(crate) ready_since: SimTime,
    /// Sum over started steps of (own work start − ready) [calendar hours].
    pub(crate) seller_delay: f64,
    /// Product of `(1 − info_loss)` over hand-offs.
    pub(crate) handoff_factor: f64,
    /// Hand-off work owed before the owner's next step [working hours].
    pub(crate) pending_handoff: f64,
    /// Close quality read when the last step started.
    pub(crate) last_quality: f64,
}

/// A slab of items with reusable slots; ids stay valid until freed.
#[derive(Debug, Clone)]
pub(crate) struct Slab<T> {
    pub(crate) items: Vec<T>,
    /// `occupied[id]`: whether slot `id` holds a live item.
    occupied: Vec<bool>,
    free: Vec<u32>,
    live: usize,
}

impl<T> Slab<T> {
    /// An empty slab with room for `n` items before it reallocates.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Slab {
            items: Vec::with_capacity(n),
            occupied: Vec::with_capacity(n),
            free: Vec::with_capacity(n),
            live: 0,
        }
    }

    /// Stores `item`, reusing a freed slot if any.
    pub(crate) fn insert(&mut self, item: T) -> u32 {
        self.live += 1;
        if let Some(id) = self.free.pop() {
            self.items[id as usize] = item;
            self.occupied[id as usize] = true;
            id
        } else {
            self.items.push(item);
            self.occupied.push(true);
            (self.items.len() - 1) as u32
        }
    }

    /// Marks slot `id` free for reuse.
    pub(crate) fn free(&mut self, id: u32) {
        debug_assert!(self.occupied[id as usize], "slot {id} freed twice");
        self.occupied[id as usize] = false;
        self.live -= 1;
        self.free.push(id);
    }

    /// The live items with their ids.
    pub(crate) fn iter_live(&self) -> impl Iterator<Item = (u32, &T)> {
        self.items
            .iter()
            .zip(&self.occupied)
            .enumerate()
            .filter(|(_, (_, occupied))| **occupied)
            .map(|(id, (item, _))| (id as u32, item))
    }

    /// Number of live items.
    pub(crate) fn live(&self) -> usize {
        self.live
    }

    /// The generation a new item in the next slot must carry: the generation of the freed
    /// item there (callers bump an item's generation when they free it), or 0 for a new slot.
    pub(crate) fn next_generation(&self, gen_of: impl Fn(&T) -> u32) -> u32 {
        self.free
            .last()
            .map_or(0, |&id| gen_of(&self.items[id as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    #[test]
    fn push_ready_keeps_ready_time_then_queueing_order() {
        let step = |hours: f64, deal: u32| StepRef::new(SimTime::from_hours(hours), deal, 0);
        let mut q = VecDeque::new();
        for (hours, deal) in [(5.0, 0), (5.0, 1), (2.0, 2), (9.0, 3), (5.0, 4), (0.0, 5)] {
            push_ready(&mut q, step(hours, deal));
        }
        let order: Vec<u32> = q.iter().map(|s| s.deal()).collect();
        assert_eq!(order, [5, 2, 0, 1, 4, 3]);
    }

    #[test]
    fn a_handed_over_item_goes_by_creation_among_equal_ready_times() {
        let step = |hours: f64, deal: u32| StepRef::new(SimTime::from_hours(hours), deal, 0);
        // Deals 0..4 have creation numbers 2, 1, 3, 0.
        let created = |s: &StepRef| [2, 1, 3, 0][s.deal() as usize];
        let mut q = VecDeque::new();
        for deal in [1, 2] {
            push_ready(&mut q, step(5.0, deal));
        }
        push_ready_created(&mut q, step(5.0, 0), created);
        push_ready_created(&mut q, step(5.0, 3), created);
        push_ready_created(&mut q, step(4.0, 3), created);
        let order: Vec<u32> = q.iter().map(|s| s.deal()).collect();
        assert_eq!(order, [3, 3, 1, 0, 2]);
    }
}
