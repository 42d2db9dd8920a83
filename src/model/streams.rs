//! The random streams of one replication (SPEC §2) and how items are keyed within them.
//!
//! Each source of randomness has its own stream id; items that carry their own sub-stream
//! (deals, customers) are keyed by their *origin*, not by creation order, so that two team
//! structures run with the same seed see the same deal behind the same lead.

use crate::engine::SimRng;
use crate::engine::rng;

/// Inbound arrivals and lead properties (one sequence).
pub(crate) const INBOUND: u64 = 1;
/// Outbound touches: one sub-stream per person, keyed like its tenure by seat and holder
/// number ([`super::people::Seat::tenure_key`]).
pub(crate) const OUTBOUND: u64 = 2;
/// Deals: one sub-stream per deal, keyed by [`deal_key`].
pub(crate) const DEALS: u64 = 3;
/// Customers: one sub-stream per customer, keyed by its deal's key or [`initial_customer_key`].
pub(crate) const CUSTOMERS: u64 = 4;
/// People: one sub-stream per tenure, keyed by the seat and its holder number
/// ([`super::people::Seat::tenure_key`]).
pub(crate) const PEOPLE: u64 = 5;

/// Where a deal came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A qualified inbound lead.
    Inbound,
    /// A meeting set by an outbound touch.
    Outbound,
}

/// The key of a deal's sub-stream: its source and the lead's arrival index or the meeting's
/// ordinal.
pub(crate) fn deal_key(source: Source, ordinal: u64) -> u64 {
    match source {
        Source::Inbound => ordinal << 2,
        Source::Outbound => (ordinal << 2) | 1,
    }
}

/// The key of an initial customer's sub-stream (distinct from every deal key).
pub(crate) fn initial_customer_key(index: u64) -> u64 {
    (index << 2) | 2
}

/// The streams of one replication.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Streams {
    seed: u64,
    replication: u64,
}

impl Streams {
    pub(crate) fn new(seed: u64, replication: u32) -> Self {
        Streams {
            seed,
            replication: u64::from(replication),
        }
    }

    /// The sequence of a whole source.
    pub(crate) fn source(&self, stream: u64) -> SimRng {
        rng::stream(self.seed, self.replication, stream, 0)
    }

    /// The sub-stream of one item of a source.
    pub(crate) fn item(&self, stream: u64, key: u64) -> SimRng {
        rng::stream(self.seed, self.replication, stream, key)
    }
}
