//! The events of the sales model: one variant per thing that happens.

/// Something that happens at an instant. Small and `Copy`; stale events carry the generation of
/// the item they were scheduled for and are ignored if it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// The next inbound lead arrives.
    LeadArrival,
    /// The person's task in hand completes.
    TaskDone { person: u32 },
    /// The next step of a deal becomes ready after the customer's latency.
    StepReady { deal: u32, generation: u32 },
    /// A customer's next check-in falls due.
    CheckInDue { customer: u32, generation: u32 },
    /// A shift starts: idle people pick up work, longest idle first.
    ShiftStart,
    /// A new account joins a finite outbound pool.
    AccountAdded,
    /// A person's tenure ends: it leaves once the task in hand is done (SPEC §5.5).
    TenureEnds { person: u32 },
    /// A scout has served `promote_scouts_after_months`: it becomes a closer.
    ScoutTermEnds { person: u32 },
    /// A vacant seat's replacement joins.
    SeatFilled { seat: u32 },
}
