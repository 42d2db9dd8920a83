//! The events of the sales model: one variant per thing that happens.

/// Something that happens at an instant. Small and `Copy`; stale events carry the generation of
/// the item they were scheduled for and are ignored if it changed.
///
/// Every variant carries at most one word, a [`Subject`], so that an event is a tag and a
/// word that calls pass in two registers. (An event of a tag and two `u32` fields went
/// through memory: the caller wrote it in 4-byte halves and the queue read it back in one
/// 8-byte load, which cannot be forwarded from two stores and stalled every schedule.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// The next inbound lead arrives.
    LeadArrival,
    /// The person's task in hand completes.
    TaskDone { person: Subject },
    /// The next step of a deal becomes ready after the customer's latency (with the deal's
    /// generation).
    StepReady { deal: Subject },
    /// A customer's next check-in falls due (with the customer's generation).
    CheckInDue { customer: Subject },
    /// A shift starts: idle people pick up work, longest idle first.
    ShiftStart,
    /// A new account joins a finite outbound pool.
    AccountAdded,
    /// A person's tenure ends: it leaves once the task in hand is done (SPEC §5.5).
    TenureEnds { person: Subject },
    /// A scout has served `promote_scouts_after_months`: it becomes a closer.
    ScoutTermEnds { person: Subject },
    /// A vacant seat's replacement joins.
    SeatFilled { seat: Subject },
}

/// What an event (or a queued deal step) is about, in one word: an id, and for items whose
/// slots are reused (deals, customers), the generation of the item it was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subject(u64);

impl Subject {
    /// Id `id` (a person or a seat: ids that are never reused).
    pub(crate) fn of(id: u32) -> Self {
        Subject(u64::from(id))
    }

    /// Item `id` in its `generation`.
    pub(crate) fn versioned(id: u32, generation: u32) -> Self {
        Subject(u64::from(id) | (u64::from(generation) << 32))
    }

    /// The id.
    pub(crate) fn id(self) -> u32 {
        self.0 as u32
    }

    /// The generation (0 for [`Subject::of`]).
    pub(crate) fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_keeps_its_id_and_generation() {
        for (id, generation) in [(0, 0), (7, 3), (u32::MAX, 1), (5, u32::MAX)] {
            let s = Subject::versioned(id, generation);
            assert_eq!((s.id(), s.generation()), (id, generation));
        }
        assert_eq!(Subject::of(9).id(), 9);
        assert_eq!(Subject::of(9).generation(), 0);
        assert_ne!(Subject::versioned(1, 2), Subject::versioned(1, 3));
    }
}
