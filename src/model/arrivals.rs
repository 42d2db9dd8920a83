//! Inbound arrival times: a non-homogeneous Poisson process shaped by the weekly profile.
//!
//! Each profile is sampled exactly by a time change: draw a unit-rate exponential `e`, then move
//! forward until the integrated rate has grown by `e`. For `BusinessHours` the rate is constant
//! on shift and zero off shift, so the time change is the calendar's own
//! [`Calendar::advance`](crate::engine::Calendar::advance) over a working-hour gap.

use crate::engine::time::{HOURS_PER_WEEK, floor_nonneg};
use crate::engine::{Calendar, ShiftMemo, SimRng, SimTime};

use super::config::ArrivalProfile;

/// The arrival process of inbound leads, ready to sample.
#[derive(Debug, Clone)]
pub(crate) enum Arrivals {
    /// No leads arrive.
    None,
    /// Mean gap [working hours] between arrivals on the calendar.
    BusinessHours { mean_gap_working_hours: f64 },
    /// Mean gap [calendar hours].
    Flat { mean_gap_hours: f64 },
    /// Rate [leads per hour] for each hour of the week, and the cumulative weekly integral:
    /// `cumulative[i]` = expected leads in hours `[0, i)` of the week; `cumulative[168]` = total.
    Hourly {
        rate: Box<[f64; 168]>,
        cumulative: Box<[f64; 169]>,
    },
}

impl Arrivals {
    pub(crate) fn new(leads_per_week: f64, profile: &ArrivalProfile, calendar: &Calendar) -> Self {
        if leads_per_week <= 0.0 {
            return Arrivals::None;
        }
        match profile {
            ArrivalProfile::BusinessHours => Arrivals::BusinessHours {
                mean_gap_working_hours: calendar.weekly_hours() / leads_per_week,
            },
            ArrivalProfile::Flat => Arrivals::Flat {
                mean_gap_hours: HOURS_PER_WEEK / leads_per_week,
            },
            ArrivalProfile::Hourly(weights) => {
                let total: f64 = weights.iter().sum();
                let mut rate = Box::new([0.0; 168]);
                let mut cumulative = Box::new([0.0; 169]);
                for (i, w) in weights.iter().enumerate().take(168) {
                    rate[i] = leads_per_week * w / total;
                    cumulative[i + 1] = cumulative[i] + rate[i];
                }
                Arrivals::Hourly { rate, cumulative }
            }
        }
    }

    /// The next arrival after `now`, or `None` if leads never arrive (for tests: the model goes
    /// through [`Self::next_remembering`]).
    #[cfg(test)]
    pub(crate) fn next(
        &self,
        now: SimTime,
        calendar: &Calendar,
        rng: &mut SimRng,
    ) -> Option<SimTime> {
        self.next_remembering(now, calendar, &mut ShiftMemo::new(), rng)
    }

    /// The next arrival after `now`, or `None` if leads never arrive, through a
    /// [`ShiftMemo`]: the same instant as without it, without a calendar search when
    /// the gap ends in the shift the memo holds.
    pub(crate) fn next_remembering(
        &self,
        now: SimTime,
        calendar: &Calendar,
        shift: &mut ShiftMemo,
        rng: &mut SimRng,
    ) -> Option<SimTime> {
        let e = unit_exp(rng);
        match self {
            Arrivals::None => None,
            Arrivals::BusinessHours {
                mean_gap_working_hours,
            } => Some(shift.advance(calendar, now, e * mean_gap_working_hours)),
            Arrivals::Flat { mean_gap_hours } => Some(now + e * mean_gap_hours),
            Arrivals::Hourly { rate, cumulative } => Some(hourly_next(now, e, rate, cumulative)),
        }
    }
}

/// A unit-rate exponential draw (`rand_distr`'s `Exp1`, bit for bit, inlined: no logarithm in
/// the common case).
#[inline]
fn unit_exp(rng: &mut SimRng) -> f64 {
    crate::engine::ziggurat::unit_exp(rng)
}

/// Inverts the cumulative intensity of a piecewise-constant weekly rate.
fn hourly_next(now: SimTime, e: f64, rate: &[f64; 168], cumulative: &[f64; 169]) -> SimTime {
    let per_week = cumulative[168];
    let t = now.hours();
    let week = floor_nonneg(t / HOURS_PER_WEEK);
    let x = t - week * HOURS_PER_WEEK;
    let hour = (floor_nonneg(x) as usize).min(167);
    // Integrated intensity from the start of this week to `now`, plus the draw.
    let mut target = cumulative[hour] + rate[hour] * (x - hour as f64) + e;
    let whole_weeks = floor_nonneg(target / per_week);
    target -= whole_weeks * per_week;
    let mut base = (week + whole_weeks) * HOURS_PER_WEEK;
    if target <= 0.0 {
        return SimTime::from_hours(t.max(base));
    }
    // Find the hour whose cumulative range holds `target` (upper_bound - 1).
    let i = cumulative
        .partition_point(|&c| c < target)
        .saturating_sub(1)
        .min(167);
    let mut i = i;
    // Skip zero-rate hours that share the cumulative value.
    while rate[i] <= 0.0 && i < 167 {
        i += 1;
    }
    if rate[i] <= 0.0 {
        // Only reachable through rounding at the week's end: continue next week.
        base += HOURS_PER_WEEK;
        i = rate.iter().position(|&r| r > 0.0).unwrap_or(0);
        return SimTime::from_hours(base + i as f64);
    }
    let offset = ((target - cumulative[i]) / rate[i]).clamp(0.0, 1.0);
    SimTime::from_hours((base + i as f64 + offset).max(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::stream;

    #[test]
    fn business_hours_arrivals_fall_in_shifts_at_the_right_rate() {
        let cal = Calendar::office();
        let a = Arrivals::new(40.0, &ArrivalProfile::BusinessHours, &cal);
        let mut rng = stream(11, 0, 1, 0);
        let mut t = SimTime::ZERO;
        let weeks = 500.0;
        let mut n = 0u64;
        loop {
            t = a.next(t, &cal, &mut rng).unwrap();
            if t.hours() >= weeks * HOURS_PER_WEEK {
                break;
            }
            assert!(
                cal.is_on_shift(t) || cal.shift_end(t) == Some(t),
                "arrival off shift at {t}"
            );
            n += 1;
        }
        // Poisson count with mean 20,000: 3 sd ≈ 424.
        assert!(
            (n as f64 - 40.0 * weeks).abs() < 3.0 * (40.0 * weeks).sqrt(),
            "{n}"
        );
    }

    #[test]
    fn hourly_profile_puts_arrivals_only_in_weighted_hours() {
        let mut w = vec![0.0; 168];
        w[10] = 1.0; // Monday 10:00–11:00
        w[34] = 3.0; // Tuesday 10:00–11:00
        let cal = Calendar::office();
        let a = Arrivals::new(100.0, &ArrivalProfile::Hourly(w), &cal);
        let mut rng = stream(5, 0, 1, 0);
        let mut t = SimTime::ZERO;
        let (mut mon, mut tue) = (0u64, 0u64);
        let weeks = 200.0;
        loop {
            t = a.next(t, &cal, &mut rng).unwrap();
            if t.hours() >= weeks * HOURS_PER_WEEK {
                break;
            }
            let x = t.hours() % HOURS_PER_WEEK;
            match x.floor() as u32 {
                10 => mon += 1,
                34 => tue += 1,
                h => panic!("arrival in hour {h}"),
            }
        }
        let total = (mon + tue) as f64;
        assert!(
            (total - 100.0 * weeks).abs() < 3.0 * (100.0 * weeks).sqrt(),
            "{total}"
        );
        let share = tue as f64 / total;
        assert!((share - 0.75).abs() < 0.02, "{share}");
    }

    #[test]
    fn flat_arrivals_have_the_right_rate() {
        let cal = Calendar::office();
        let a = Arrivals::new(168.0, &ArrivalProfile::Flat, &cal);
        let mut rng = stream(5, 0, 1, 0);
        let mut t = SimTime::ZERO;
        let mut n = 0;
        while t.hours() < 20_000.0 {
            t = a.next(t, &cal, &mut rng).unwrap();
            n += 1;
        }
        assert!((n as f64 - 20_000.0).abs() < 3.0 * 20_000f64.sqrt(), "{n}");
    }
}
