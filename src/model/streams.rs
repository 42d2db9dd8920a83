//! The random streams of one replication (SPEC §2) and how items are keyed within them.
//!
//! Each source of randomness has its own stream id; items that carry their own sub-stream
//! (deals, customers) are keyed by their *origin*, not by creation order, so that two team
//! structures run with the same seed see the same deal behind the same lead.

use crate::engine::SimRng;
use crate::engine::rng::StreamPrefix;

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

/// Stream ids run from 0 to this bound (exclusive).
const STREAM_IDS: usize = 6;

/// The streams of one replication: each source's seeding prefix, mixed once, so that opening
/// an item's sub-stream (one per deal, customer and tenure) mixes in only its key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Streams {
    /// `prefixes[s]`: the prefix of source `s`'s streams in this replication.
    prefixes: [StreamPrefix; STREAM_IDS],
}

impl Streams {
    pub(crate) fn new(seed: u64, replication: u32) -> Self {
        let replication = u64::from(replication);
        Streams {
            prefixes: std::array::from_fn(|s| StreamPrefix::new(seed, replication, s as u64)),
        }
    }

    /// The sequence of a whole source.
    pub(crate) fn source(&self, stream: u64) -> SimRng {
        self.item(stream, 0)
    }

    /// The sub-stream of one item of a source: [`crate::engine::rng::stream`]`(seed, replication, stream, key)`.
    #[inline]
    pub(crate) fn item(&self, stream: u64, key: u64) -> SimRng {
        self.prefixes[stream as usize].item(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn an_item_stream_is_the_named_stream() {
        let streams = Streams::new(42, 7);
        for stream in [INBOUND, OUTBOUND, DEALS, CUSTOMERS, PEOPLE] {
            for key in [0, 1, 5, deal_key(Source::Outbound, 123), u64::MAX] {
                let mut a = streams.item(stream, key);
                let mut b = crate::engine::rng::stream(42, 7, stream, key);
                for _ in 0..4 {
                    assert_eq!(a.next_u64(), b.next_u64());
                }
            }
        }
    }
}
