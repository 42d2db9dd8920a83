//! Paired differences between two scenarios run on the same replications (SPEC §2, §6).
//!
//! With common random numbers, replication `r` of scenario A and replication `r` of scenario B
//! face the same market: the same leads, prospects' answers and deals. Their difference
//! `d_r = x_B,r − x_A,r` then carries only the effect of what differs between the scenarios,
//! not the luck of the market, so its confidence interval is usually far narrower than the
//! one of the difference of two independent means (see [`super::welch`]).

use super::estimate::{Estimate, estimate};

/// The estimate of the paired difference `other − base` over the replications where both
/// define the value.
///
/// `base[r]` and `other[r]` must be the same replication index `r` of two scenarios run with
/// the same seed; a replication where either is `None` (undefined, SPEC §6) is left out, as is
/// any tail where one slice is longer than the other. `None` if no replication defines both.
/// Identical inputs give a difference of exactly 0 with a zero-width interval.
///
/// # Example
/// ```
/// use salesim::stats::paired_difference;
/// let a = [Some(10.0), Some(12.0), None, Some(11.0)];
/// let b = [Some(11.0), Some(13.5), Some(9.0), Some(12.5)];
/// let d = paired_difference(&a, &b).unwrap();
/// assert_eq!(d.n, 3);
/// assert!((d.mean - 4.0 / 3.0).abs() < 1e-12);
/// ```
pub fn paired_difference(base: &[Option<f64>], other: &[Option<f64>]) -> Option<Estimate> {
    estimate(base.iter().zip(other).map(|(a, b)| Some((*b)? - (*a)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_only_replications_where_both_are_defined() {
        let a = [Some(1.0), None, Some(3.0), Some(5.0)];
        let b = [Some(2.0), Some(7.0), None, Some(8.0)];
        let d = paired_difference(&a, &b).unwrap();
        assert_eq!((d.n, d.mean), (2, 2.0));
        assert_eq!(
            paired_difference(&[None, Some(1.0)], &[Some(1.0), None]),
            None
        );
    }

    #[test]
    fn identical_inputs_differ_by_exactly_zero() {
        let a = [Some(0.1), Some(2.7), Some(1e6)];
        let d = paired_difference(&a, &a).unwrap();
        assert_eq!(
            (d.mean, d.sd, d.ci95, d.n),
            (0.0, Some(0.0), Some([0.0, 0.0]), 3)
        );
    }

    #[test]
    fn a_constant_shift_has_a_zero_width_interval() {
        let a = [Some(1.0), Some(4.0), Some(9.0)];
        let b = [Some(3.0), Some(6.0), Some(11.0)];
        let d = paired_difference(&a, &b).unwrap();
        assert_eq!((d.mean, d.ci95), (2.0, Some([2.0, 2.0])));
    }
}
