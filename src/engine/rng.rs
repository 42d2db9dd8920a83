//! Seeded, portable random streams.
//!
//! Every random number of a run comes from a stream named by
//! `(seed, replication, stream, key)`: the four words are mixed with SplitMix64 into the
//! 256-bit state of a Xoshiro256++ generator. Xoshiro256++ is a named, portable generator
//! (unlike `StdRng`, its output will not change between releases of `rand`), fast, and passes
//! BigCrush; distinct keys give statistically independent streams.
//!
//! Deriving streams from names rather than from execution order is what makes results
//! independent of thread count, and what gives *common random numbers*: two scenarios that
//! draw a lead's properties from the stream keyed by that lead see the same lead.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator behind every stream.
pub type SimRng = Xoshiro256PlusPlus;

/// One step of SplitMix64: advances `state` and returns a well-mixed 64-bit word.
#[inline]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream named by `(seed, replication, stream, key)`.
///
/// `stream` names a source of randomness (the model's constants), `key` an item within it
/// (0 for a source that is one sequence).
pub fn stream(seed: u64, replication: u64, stream: u64, key: u64) -> SimRng {
    StreamPrefix::new(seed, replication, stream).item(key)
}

/// The seeding of [`stream`] done up to its last word: the state after mixing `seed`,
/// `replication` and `stream`. A replication that opens one sub-stream per deal or customer
/// keeps one per source and mixes in only each item's key ([`StreamPrefix::item`]), the same
/// generator as [`stream`] with two SplitMix64 steps fewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamPrefix(u64);

impl StreamPrefix {
    /// The prefix of the streams named by `(seed, replication, stream, _)`.
    pub fn new(seed: u64, replication: u64, stream: u64) -> Self {
        let mut state = seed;
        for word in [replication, stream] {
            state = splitmix64(&mut state) ^ word;
        }
        StreamPrefix(state)
    }

    /// The stream named by `(seed, replication, stream, key)`, bit for bit [`stream`]'s.
    pub fn item(self, key: u64) -> SimRng {
        let mut state = self.0;
        state = splitmix64(&mut state) ^ key;
        let mut bytes = [0u8; 32];
        for chunk in bytes.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        Xoshiro256PlusPlus::from_seed(bytes)
    }
}

/// A uniform draw in `[0, 1)` with 53 random bits.
#[inline]
pub fn uniform(rng: &mut SimRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(stream(1, 2, 3, 4), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(stream(1, 2, 3, 4), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        for other in [
            stream(1, 2, 3, 5),
            stream(1, 2, 4, 4),
            stream(1, 3, 3, 4),
            stream(2, 2, 3, 4),
        ] {
            let mut o = other;
            assert_ne!(a[0], o.next_u64());
        }
    }

    #[test]
    fn stream_value_is_stable_across_releases() {
        // Pinned (computed independently from the SplitMix64 and Xoshiro256++ definitions), so
        // that a change of generator or seeding shows up as a failing test.
        let mut r = stream(42, 0, 0, 0);
        assert_eq!(r.next_u64(), 0x3d71_5da0_a099_5d53);
        assert_eq!(r.next_u64(), 0xcba6_35a9_bed0_ac35);
        let mut r = stream(42, 7, 3, 5);
        assert_eq!(r.next_u64(), 0x0011_2508_515d_a95d);
        assert_eq!(r.next_u64(), 0xcaa7_95ea_3770_21d8);
        let u = uniform(&mut r);
        assert!((0.0..1.0).contains(&u));
    }

    #[test]
    fn a_prefix_gives_the_named_streams() {
        let prefix = StreamPrefix::new(9, 4, 2);
        for key in [0, 1, 77, u64::MAX] {
            let (mut a, mut b) = (prefix.item(key), stream(9, 4, 2, key));
            assert_eq!(a.next_u64(), b.next_u64());
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }
}
