//! Simulated time: calendar hours since Monday 00:00 of week 0.

use std::ops::{Add, Sub};

/// Calendar hours in a day.
pub const HOURS_PER_DAY: f64 = 24.0;
/// Calendar hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;
/// Calendar hours in a year of 365.25 days.
pub const HOURS_PER_YEAR: f64 = 8766.0;
/// Calendar hours in a month (a twelfth of a year).
pub const HOURS_PER_MONTH: f64 = HOURS_PER_YEAR / 12.0;

/// 2^52: from here on every `f64` is an integer, so floor and ceil are the identity.
const INTEGRAL_FROM: f64 = 4_503_599_627_370_496.0;

/// `x.floor()` for `x ≥ 0`, without a libm call.
///
/// On the baseline x86-64 target (no SSE4.1 `roundsd`), `f64::floor` is a call into a software
/// routine; truncating through `i64` is two instructions (`cvttsd2si`, `cvtsi2sd`; through
/// `u64` it takes a branchy sequence) and gives the same value for every non-negative `x`
/// below 2^52 (above, `x` is already an integer). Negative and NaN
/// inputs fall back to `f64::floor`. The one difference: `-0.0` gives `+0.0`, which compares and
/// adds the same as `-0.0` in every use here.
#[inline]
pub fn floor_nonneg(x: f64) -> f64 {
    if (0.0..INTEGRAL_FROM).contains(&x) {
        (x as i64) as f64
    } else {
        x.floor()
    }
}

/// `x.ceil()` for `x ≥ 0`, without a libm call; see [`floor_nonneg`].
#[inline]
pub fn ceil_nonneg(x: f64) -> f64 {
    if (0.0..INTEGRAL_FROM).contains(&x) {
        let t = (x as i64) as f64;
        if t < x { t + 1.0 } else { t }
    } else {
        x.ceil()
    }
}

/// An instant of simulated time [calendar hours since Monday 00:00 of week 0].
///
/// Invariant: finite and non-negative, so the total order below is the numeric one.
/// Differences of instants are plain `f64` durations in calendar hours.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SimTime(f64);

impl SimTime {
    /// Monday 00:00 of week 0.
    pub const ZERO: SimTime = SimTime(0.0);

    /// The instant `hours` calendar hours after the start.
    #[inline]
    pub fn from_hours(hours: f64) -> SimTime {
        debug_assert!(hours.is_finite() && hours >= 0.0, "bad time {hours}");
        SimTime(hours)
    }

    /// The instant at the start of week `week`.
    #[inline]
    pub fn from_weeks(week: f64) -> SimTime {
        SimTime::from_hours(week * HOURS_PER_WEEK)
    }

    /// Calendar hours since the start.
    #[inline]
    pub fn hours(self) -> f64 {
        self.0
    }

    /// The later of two instants.
    #[inline]
    pub fn max(self, other: SimTime) -> SimTime {
        if other.0 > self.0 { other } else { self }
    }

    /// The earlier of two instants.
    #[inline]
    pub fn min(self, other: SimTime) -> SimTime {
        if other.0 < self.0 { other } else { self }
    }
}

impl Eq for SimTime {}

// Times are finite and never `-0.0` (they are built from `0.0` by adding non-negative
// durations), so the plain float comparisons below give the same order as `f64::total_cmp`,
// at one instruction each instead of total_cmp's bit twiddling on both sides.
impl PartialOrd for SimTime {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
    #[inline]
    fn lt(&self, other: &Self) -> bool {
        self.0 < other.0
    }
    #[inline]
    fn le(&self, other: &Self) -> bool {
        self.0 <= other.0
    }
    #[inline]
    fn gt(&self, other: &Self) -> bool {
        self.0 > other.0
    }
    #[inline]
    fn ge(&self, other: &Self) -> bool {
        self.0 >= other.0
    }
}

impl Ord for SimTime {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        debug_assert!(self.0.is_sign_positive() && other.0.is_sign_positive());
        if self.0 < other.0 {
            std::cmp::Ordering::Less
        } else if self.0 > other.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }
}

impl Add<f64> for SimTime {
    type Output = SimTime;
    /// The instant `rhs` calendar hours later.
    #[inline]
    fn add(self, rhs: f64) -> SimTime {
        SimTime::from_hours(self.0 + rhs)
    }
}

impl Sub for SimTime {
    type Output = f64;
    /// Calendar hours from `rhs` to `self`.
    #[inline]
    fn sub(self, rhs: SimTime) -> f64 {
        self.0 - rhs.0
    }
}

impl std::fmt::Display for SimTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}h", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_floor_and_ceil_agree_with_std() {
        let mut xs = vec![
            0.0,
            0.5,
            1.0,
            1.5,
            167.999_999,
            168.0,
            1e15,
            4.5e15,
            1e300,
            -0.5,
            -2.0,
        ];
        let mut x: f64 = 1e-9;
        while x < 1e17 {
            xs.extend([x, x.next_up(), x.next_down()]);
            x *= 1.37;
        }
        for x in xs {
            assert_eq!(floor_nonneg(x), x.floor(), "floor {x}");
            assert_eq!(ceil_nonneg(x), x.ceil(), "ceil {x}");
        }
        assert!(floor_nonneg(f64::NAN).is_nan());
    }
}
