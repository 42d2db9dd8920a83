//! Working calendars: when people work, and how working hours map onto calendar time.
//!
//! A calendar has one shift a working day: `days_per_week` days from Monday, each starting at
//! `day_start` and lasting `hours_per_day`. A shift belongs to the day it starts and may cross
//! midnight; shifts that overlap or touch merge, so `(24, 0.0, 7)` is 24/7 and a Sunday night
//! shift may continue into Monday. Shifts are half-open `[start, end)`.
//!
//! The week is stored as a few sorted, disjoint intervals, so every query below is O(number of
//! shifts in a week) with no allocation, and whole weeks are skipped arithmetically.
//!
//! # Precision
//!
//! Instants are `f64` calendar hours; at the largest horizon allowed (100 years ≈ 876,600 h)
//! the spacing of `f64` is about 1e-10 h, far below any duration a scenario can express.

use super::time::{HOURS_PER_DAY, HOURS_PER_WEEK, SimTime, ceil_nonneg, floor_nonneg};

/// Why calendar parameters were refused; says which field and what is allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field} {message}")]
pub struct CalendarError {
    /// The offending field (`hours_per_day`, `day_start` or `days_per_week`).
    pub field: &'static str,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// When people work. See the module docs for the shift rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Merged shifts of one week as `[start, end)` hours from Monday 00:00; starts in
    /// `[0, 168)`, sorted, disjoint and not touching (also across the week boundary); an end may
    /// exceed 168 for a shift that runs into the next week. Empty iff `always_on`.
    shifts: Vec<(f64, f64)>,
    /// Working hours per week.
    weekly_hours: f64,
    /// Every instant is on shift.
    always_on: bool,
}

impl Calendar {
    /// A calendar of `days_per_week` shifts of `hours_per_day` hours starting at `day_start`.
    ///
    /// # Errors
    /// Unless `0 < hours_per_day ≤ 24`, `0 ≤ day_start < 24` and `1 ≤ days_per_week ≤ 7`.
    pub fn new(
        hours_per_day: f64,
        day_start: f64,
        days_per_week: u32,
    ) -> Result<Self, CalendarError> {
        if !(hours_per_day > 0.0 && hours_per_day <= HOURS_PER_DAY) {
            return Err(CalendarError {
                field: "hours_per_day",
                message: format!("must be greater than 0 and at most 24, got {hours_per_day}"),
            });
        }
        if !(0.0..HOURS_PER_DAY).contains(&day_start) {
            return Err(CalendarError {
                field: "day_start",
                message: format!("must be at least 0 and less than 24, got {day_start}"),
            });
        }
        if !(1..=7).contains(&days_per_week) {
            return Err(CalendarError {
                field: "days_per_week",
                message: format!("must be from 1 to 7, got {days_per_week}"),
            });
        }
        Ok(Calendar::from_shifts(
            hours_per_day,
            day_start,
            days_per_week,
        ))
    }

    /// The usual office calendar: 8 hours from 9:00, Monday to Friday.
    pub fn office() -> Self {
        Calendar::from_shifts(8.0, 9.0, 5)
    }

    /// Every hour of every day.
    pub fn always() -> Self {
        Calendar::from_shifts(24.0, 0.0, 7)
    }

    fn from_shifts(hours_per_day: f64, day_start: f64, days_per_week: u32) -> Self {
        let mut shifts: Vec<(f64, f64)> = Vec::new();
        for day in 0..days_per_week {
            let start = f64::from(day) * HOURS_PER_DAY + day_start;
            let end = start + hours_per_day;
            match shifts.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => shifts.push((start, end)),
            }
        }
        // Merge across the week boundary: the last shift may reach the first one of next week.
        if shifts.len() > 1 {
            let first = shifts[0];
            let last = shifts.last_mut().expect("non-empty");
            if last.1 >= first.0 + HOURS_PER_WEEK {
                last.1 = last.1.max(first.1 + HOURS_PER_WEEK);
                shifts.remove(0);
            }
        }
        let weekly_hours: f64 = shifts.iter().map(|(s, e)| e - s).sum();
        let always_on = shifts.len() == 1 && shifts[0].1 - shifts[0].0 >= HOURS_PER_WEEK;
        if always_on {
            shifts.clear();
        }
        Calendar {
            shifts,
            weekly_hours: if always_on {
                HOURS_PER_WEEK
            } else {
                weekly_hours
            },
            always_on,
        }
    }

    /// Working hours in one week.
    pub fn weekly_hours(&self) -> f64 {
        self.weekly_hours
    }

    /// Whether every instant is on shift.
    pub fn is_always_on(&self) -> bool {
        self.always_on
    }

    /// The shift `[start, end)` containing `t`, or else the next shift, in absolute hours.
    /// Not meaningful for an always-on calendar.
    #[inline]
    fn shift_at_or_after(&self, t: f64) -> (f64, f64) {
        let week = floor_nonneg(t / HOURS_PER_WEEK);
        let base = week * HOURS_PER_WEEK;
        // The last shift of the previous week may run into this one.
        let (ls, le) = *self
            .shifts
            .last()
            .expect("a calendar that is not always on has shifts");
        if t < base - HOURS_PER_WEEK + le {
            return (base - HOURS_PER_WEEK + ls, base - HOURS_PER_WEEK + le);
        }
        for &(s, e) in &self.shifts {
            if t < base + e {
                return (base + s, base + e);
            }
        }
        let (s, e) = self.shifts[0];
        (base + HOURS_PER_WEEK + s, base + HOURS_PER_WEEK + e)
    }

    /// Whether a person may start work at `t` (shifts are half-open).
    pub fn is_on_shift(&self, t: SimTime) -> bool {
        self.always_on || {
            let (s, _) = self.shift_at_or_after(t.hours());
            s <= t.hours()
        }
    }

    /// `t` if it is on shift, else the start of the next shift.
    pub fn next_on_shift(&self, t: SimTime) -> SimTime {
        if self.always_on {
            return t;
        }
        let (s, _) = self.shift_at_or_after(t.hours());
        SimTime::from_hours(s.max(t.hours()))
    }

    /// The end of the shift containing `t`, or of the next shift if `t` is off shift;
    /// `None` for an always-on calendar.
    pub fn shift_end(&self, t: SimTime) -> Option<SimTime> {
        (!self.always_on).then(|| SimTime::from_hours(self.shift_at_or_after(t.hours()).1))
    }

    /// When `work` working hours started at `t` are done: the part that does not fit in this
    /// shift continues at the next shift start. Work that ends exactly at a shift's end ends
    /// there (not at the next start). `work ≤ 0` returns `t`.
    ///
    /// The two cheap cases (no work, always on) are inlined into the caller; the walk over
    /// shifts is not.
    #[inline]
    pub fn advance(&self, t: SimTime, work: f64) -> SimTime {
        if work <= 0.0 {
            return t;
        }
        if self.always_on {
            return t + work;
        }
        self.advance_on_shifts(t, work)
    }

    /// [`Self::advance`] for `work > 0` on a calendar with shifts.
    fn advance_on_shifts(&self, t: SimTime, work: f64) -> SimTime {
        let mut now = t.hours();
        let mut left = work;
        // Skip whole weeks, keeping a positive remainder so the end lands inside a shift.
        // Work of at most a week skips none (`ceil(left / weekly) - 1 == 0`): leave it alone.
        if left > self.weekly_hours {
            let weeks = (ceil_nonneg(left / self.weekly_hours) - 1.0).max(0.0);
            now += weeks * HOURS_PER_WEEK;
            left -= weeks * self.weekly_hours;
        }
        loop {
            let (s, e) = self.shift_at_or_after(now);
            now = now.max(s);
            let available = e - now;
            if left <= available {
                return SimTime::from_hours(now + left);
            }
            left -= available;
            now = e;
        }
    }

    /// Working hours in `[0, t)`. The calendar is periodic: a shift of the (unsimulated) week
    /// before week 0 that runs past Monday 00:00 counts as on shift, like every other week's.
    fn working_hours_before(&self, t: f64) -> f64 {
        let week = floor_nonneg(t / HOURS_PER_WEEK);
        let x = t - week * HOURS_PER_WEEK;
        let (_, last_end) = *self
            .shifts
            .last()
            .expect("a calendar that is not always on has shifts");
        // The part of last week's final shift that runs into this week.
        let mut within = (last_end - HOURS_PER_WEEK).clamp(0.0, x);
        for &(s, e) in &self.shifts {
            within += (x.min(e.min(HOURS_PER_WEEK)) - s).max(0.0);
        }
        week * self.weekly_hours + within
    }

    /// Working hours in `[a, b)`; 0 if `b ≤ a`.
    pub fn working_hours_between(&self, a: SimTime, b: SimTime) -> f64 {
        if b <= a {
            return 0.0;
        }
        if self.always_on {
            return b - a;
        }
        (self.working_hours_before(b.hours()) - self.working_hours_before(a.hours())).max(0.0)
    }
}

/// A [`Calendar`] with the shift under way remembered: most tasks start and end inside the
/// current shift, and then [`Self::advance`] is `t + work` (the same float `Calendar::advance`
/// returns) without searching the week. One per simulation (not shared between threads).
///
/// Invariant: `start ≤ end`, and `[start, end)` is a shift of the calendar (or empty).
#[derive(Debug, Clone, Copy)]
pub struct ShiftMemo {
    start: f64,
    end: f64,
}

impl Default for ShiftMemo {
    fn default() -> Self {
        ShiftMemo::new()
    }
}

impl ShiftMemo {
    /// A memo that remembers no shift yet.
    pub fn new() -> Self {
        ShiftMemo {
            start: 0.0,
            end: 0.0,
        }
    }

    /// Whether `t` is on the remembered shift, after remembering the one around `t` if not.
    #[inline]
    fn on(&mut self, cal: &Calendar, t: f64) -> bool {
        if self.start <= t && t < self.end {
            return true;
        }
        let (s, e) = cal.shift_at_or_after(t);
        (self.start, self.end) = (s, e);
        s <= t
    }

    /// [`Calendar::advance`]: the same instant, faster when the work fits in `t`'s shift.
    #[inline]
    pub fn advance(&mut self, cal: &Calendar, t: SimTime, work: f64) -> SimTime {
        if work <= 0.0 || cal.always_on {
            return cal.advance(t, work);
        }
        let h = t.hours();
        if self.on(cal, h) && work <= self.end - h {
            return SimTime::from_hours(h + work);
        }
        cal.advance_on_shifts(t, work)
    }

    /// [`Calendar::is_on_shift`], remembering the shift it looked up.
    #[inline]
    pub fn is_on_shift(&mut self, cal: &Calendar, t: SimTime) -> bool {
        cal.always_on || self.on(cal, t.hours())
    }

    /// [`Calendar::next_on_shift`], remembering the shift it lands in.
    #[inline]
    pub fn next_on_shift(&mut self, cal: &Calendar, t: SimTime) -> SimTime {
        if cal.always_on || self.on(cal, t.hours()) {
            return t;
        }
        SimTime::from_hours(self.start)
    }
}

#[cfg(test)]
mod tests;
