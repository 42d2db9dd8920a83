//! The discrete-event core: time, working calendars, the event queue, random streams and
//! distributions. It knows nothing about sales.
//!
//! # Lifecycle
//!
//! A model implements [`Model`]; [`run_until`] pops events from an [`EventQueue`] in time order
//! and hands each to [`Model::handle`], which may schedule more. The run stops before the first
//! event at or after the horizon; events left in the queue are not processed.
//!
//! # Ordering guarantee
//!
//! Events are processed in order of their time; events scheduled for the same instant are
//! processed in the order they were scheduled (FIFO). Together with seeded random streams this
//! makes every run a pure function of its inputs.
//!
//! # Pitfalls
//!
//! There is no cancellation: a model that changes its mind marks the stale event (for example
//! with a generation counter in the event) and ignores it when it arrives. Times must be finite
//! and non-negative; [`EventQueue::schedule`] checks that in debug builds.

pub mod calendar;
pub mod dist;
pub mod id_set;
pub mod indexed_heap;
pub mod math;
pub mod queue;
pub mod rng;
pub mod sim;
pub mod time;
pub mod ziggurat;

pub use calendar::{Calendar, CalendarError, ShiftMemo};
pub use dist::{Dist, DistError};
pub use id_set::IdSet;
pub use indexed_heap::IndexedHeap;
pub use queue::EventQueue;
pub use rng::SimRng;
pub use sim::{Model, run_until};
pub use time::SimTime;
