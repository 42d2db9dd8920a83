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

impl PartialOrd for SimTime {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SimTime {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
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
