//! The event loop: the one place where simulated time advances.

use super::queue::EventQueue;
use super::time::SimTime;

/// A simulation model: reacts to its own events and schedules new ones.
pub trait Model {
    /// The model's event type; small and `Copy`, so the queue stores it inline.
    type Event: Copy;

    /// Handles `event`, which happens at `now`; may schedule events at or after `now`.
    fn handle(&mut self, now: SimTime, event: Self::Event, queue: &mut EventQueue<Self::Event>);
}

/// Processes events in order until the next one is at or after `horizon`, or none is left.
/// Returns the number of events processed.
///
/// Events at `horizon` or later stay in the queue unprocessed, so a model observed "at the
/// horizon" has seen exactly the events of `[0, horizon)`.
pub fn run_until<M: Model>(
    model: &mut M,
    queue: &mut EventQueue<M::Event>,
    horizon: SimTime,
) -> u64 {
    let mut events = 0u64;
    while let Some((now, event)) = queue.pop_before(horizon) {
        model.handle(now, event, queue);
        events += 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts down: each event at t schedules the next at t + 1 until the counter is 0.
    struct Countdown {
        left: u32,
        seen: Vec<f64>,
    }

    impl Model for Countdown {
        type Event = ();
        fn handle(&mut self, now: SimTime, _: (), queue: &mut EventQueue<()>) {
            self.seen.push(now.hours());
            if self.left > 0 {
                self.left -= 1;
                queue.schedule(now + 1.0, ());
            }
        }
    }

    #[test]
    fn stops_before_the_horizon_and_counts_events() {
        let mut m = Countdown {
            left: 100,
            seen: Vec::new(),
        };
        let mut q = EventQueue::new();
        q.schedule(SimTime::ZERO, ());
        let n = run_until(&mut m, &mut q, SimTime::from_hours(5.0));
        assert_eq!(n, 5);
        assert_eq!(m.seen, vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(q.peek_time(), Some(SimTime::from_hours(5.0)));
    }
}
