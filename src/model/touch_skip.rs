//! Skip-ahead for lone prospectors ([`super::TouchMode::SkipAhead`], issue 6): instead of
//! drawing every touch, draw which touch sets the next meeting.
//!
//! A lone prospector (a person who does nothing but prospect, from an unlimited pool) makes
//! touches back to back. With fixed touch work, touch `k` of its run is done at the skill
//! `level[k]` of its entry's learning table (`model::learning`), takes `w / level[k]` working
//! hours, and sets a meeting with probability `p_k = connect_prob × min(1, meeting_prob ×
//! level[k])` (SPEC §4.2), independently of every other touch. So the touches up to the next
//! meeting are a sequence of independent Bernoulli trials with known, varying probabilities,
//! and their times are known in advance (the table's experience column is the running sum of
//! their work).
//!
//! The next meeting is found by **thinning**: candidates come at the rate of the largest
//! probability `p̄ = connect_prob × min(1, meeting_prob × max level)`, one geometric draw each
//! (`⌊ln(1 − u) / ln(1 − p̄)⌋` touches skipped), and a candidate at touch `k` is a meeting with
//! probability `p_k / p̄`. Every touch is then a meeting with probability exactly `p_k`, on its
//! own, so the distribution of outcomes is the one of drawing every touch; only the numbers
//! drawn for a given seed differ (about two uniforms per meeting instead of three per touch).
//!
//! The touches before the meeting are completed at once: experience, time use and the touch
//! count are booked as their sum. The meeting's touch, or the touch in hand when the person's
//! next change (departure, promotion or the horizon) comes first, becomes the task in hand
//! with an ordinary `TaskDone` event, its outcome already decided. The geometric law is
//! memoryless, so the run after that event draws afresh from wherever it resumes.

use crate::engine::math::{ln, ln_1p};
use crate::engine::rng::uniform;
use crate::engine::{EventQueue, SimRng, SimTime};

use super::config::Activity;
use super::event::Event;
use super::learning::LevelTable;
use super::people::{Task, TaskItem};
use super::sales::SalesModel;
use super::tasks::schedule_done;

impl SalesModel<'_> {
    /// Runs lone prospector `p`'s touches from `now` by skipping ahead to its next meeting, or
    /// to the touch in hand at its next change. Returns `false`, having done nothing, when the
    /// skip-ahead does not apply: no learning table for `p` (touch work not fixed), `p` not on
    /// its entry's table, a fault on `p`'s prospecting already under way, a switch to pay, or
    /// a run longer than the table. The caller then runs the touches one by one.
    pub(super) fn skip_touches(
        &mut self,
        p: u32,
        now: SimTime,
        queue: &mut EventQueue<Event>,
    ) -> bool {
        let cfg = self.cfg;
        let prospect = Activity::Prospect;
        let a = prospect.index();
        let person = &self.people[p as usize];
        if person.prev.is_some_and(|prev| prev != prospect) {
            return false;
        }
        // The first candidate's `ln(1 − u)`, drawn from a copy of the person's stream: it is
        // the head of a long chain of dependent operations (the logarithm, a division, a table
        // read), which runs while the table and the limit are looked up: −0.9…1.3% of the
        // time of a replication of specialized.ron (PERFORMANCE.md, eleventh pass). The
        // stream moves on only if the search draws, so a run that does not consumes nothing.
        let mut rng_ahead = person.touch_rng.clone();
        let first_log = ln(1.0 - uniform(&mut rng_ahead));
        let mut limit = person.change_at;
        // A fault on `p`'s prospecting changes its skill, and so its touches' times, from
        // `from` on: skip ahead only up to `from` (the touch in hand then started before it,
        // unfaulted), and run the touches one by one after it. So a faulted run draws the same
        // touches as the clean run until the fault.
        if let Some((activity, who, from, _)) = self.fault {
            if activity == prospect && who.is_none_or(|w| w == p) {
                if now >= from {
                    return false;
                }
                limit = limit.min(from);
            }
        }
        let e = person.experience[a];
        let tables = self.learning_tables(person.entry as usize);
        let Some((table, k)) = tables.and_then(|t| t.locate(e, person.table_hint)) else {
            return false;
        };
        let k = k as usize;
        // The touch in hand when `limit` comes: the first whose end is at least the working
        // hours until `limit` away (its next start would be at or after `limit`).
        let hours = self.cal.working_hours_between(now, limit);
        if !table.reaches(k, hours) {
            return false;
        }
        // Touch `c ≥ k` starts before the limit (is at most that touch) when the work before
        // it is short of `hours`: the test `touch_reaching` bisects with, read at `c` only, so
        // the search for the touch in hand is needed only when no meeting comes first.
        let e0 = table.experience_at(k);
        let before_limit = |c: usize| c == k || table.experience_at(c) - e0 < hours;
        let outbound = &cfg.outbound;
        let (connect, meet) = (outbound.connect_prob, outbound.meeting_prob);
        let rng = &mut self.people[p as usize].touch_rng;
        let ahead = (rng_ahead, first_log);
        let meeting = next_meeting_within_from(rng, ahead, table, k, before_limit, connect, meet);
        let in_hand = match meeting {
            Some(m) => m,
            None => table
                .touch_reaching(k, hours)
                .expect("the table reaches the limit (checked)"),
        };
        self.complete_touches(p, now, table, k, in_hand);
        self.people[p as usize].table_hint = (in_hand + 1) as u32;

        // The touch in hand: started when the ones before it are done, outcome decided.
        let start = if in_hand == k {
            now
        } else {
            let done = self
                .shift
                .advance(self.cal, now, table.experience_at(in_hand) - e0);
            self.shift.next_on_shift(self.cal, done)
        };
        let level = table.level_at(in_hand);
        let work_hours = table.experience_at(in_hand + 1) - table.experience_at(in_hand);
        debug_assert_eq!(
            (table.experience_at(in_hand) + work_hours).to_bits(),
            table.experience_at(in_hand + 1).to_bits()
        );
        let end = self.shift.advance(self.cal, start, work_hours);
        // Uniforms that decide the outcome `sets_meeting` will read: 0 sets a meeting (its
        // probability is > 0), 1 never does (no probability exceeds 1).
        let u = if meeting.is_some() { 0.0 } else { 1.0 };
        self.people[p as usize].task = Some(Task {
            activity: prospect,
            start,
            own_start: start,
            end,
            switch_hours: 0.0,
            handoff_hours: 0.0,
            work_hours,
            quality: level,
            item: TaskItem::Touch {
                u_connect: u,
                u_meeting: u,
                account: None,
            },
        });
        schedule_done(queue, p, end);
        true
    }

    /// Completes `p`'s touches `from..to` of `table` (none if `from == to`), which run back to
    /// back from `now`, as their `TaskDone` events would one by one: experience, the time use
    /// clipped to the measured window, the busy time and the touch count. None sets a meeting.
    fn complete_touches(
        &mut self,
        p: u32,
        now: SimTime,
        table: &LevelTable,
        from: usize,
        to: usize,
    ) {
        if to == from {
            return;
        }
        let a = Activity::Prospect.index();
        let e0 = table.experience_at(from);
        let work = table.experience_at(to) - e0;
        let (w0, w1) = (self.metrics.w0, self.metrics.w1);
        // Touches (and working hours) before the measured window opens are not counted.
        let (counted_from, hours_before) = if now >= w0 {
            (from, 0.0)
        } else {
            let before = self.cal.working_hours_between(now, w0);
            // The first touch ending at or after `w0`, found by the work, then checked against
            // the calendar (the sums round differently from the one-by-one ends).
            let end_of = |t: usize, model: &mut Self| {
                let done = table.experience_at(t + 1) - e0;
                model.shift.advance(model.cal, now, done)
            };
            let mut t = table.touch_reaching(from, before).unwrap_or(to).min(to);
            while t > from && end_of(t - 1, self) >= w0 {
                t -= 1;
            }
            while t < to && end_of(t, self) < w0 {
                t += 1;
            }
            (t, before)
        };
        let booked = (work - hours_before).max(0.0);
        let person = &mut self.people[p as usize];
        person.prev = Some(Activity::Prospect);
        person.experience[a] = table.experience_at(to);
        person.hours[a] += booked;
        self.observer.person_busy[p as usize][a] += booked;
        debug_assert!(now < w1, "runs end before the horizon");
        self.metrics.touches += (to - counted_from) as u64;
        self.inline_events += (to - from) as u64;
    }
}

/// The first touch in `from..=last` of `table` that sets a meeting, if any (see
/// [`next_meeting_within`]).
#[cfg(test)]
fn next_meeting(
    rng: &mut SimRng,
    table: &LevelTable,
    from: usize,
    last: usize,
    connect: f64,
    meet: f64,
) -> Option<usize> {
    next_meeting_within(rng, table, from, |c| c <= last, connect, meet)
}

/// The first touch from `from` on that sets a meeting while `within` holds (`within` is true
/// at `from`, then true up to some touch of the table and false after it), if any, by
/// thinning (module doc): candidates one geometric draw apart at the largest probability,
/// each a meeting with its own probability over the largest.
#[cfg(test)]
fn next_meeting_within(
    rng: &mut SimRng,
    table: &LevelTable,
    from: usize,
    within: impl Fn(usize) -> bool,
    connect: f64,
    meet: f64,
) -> Option<usize> {
    let mut ahead = rng.clone();
    let first_log = ln(1.0 - uniform(&mut ahead));
    next_meeting_within_from(rng, (ahead, first_log), table, from, within, connect, meet)
}

/// [`next_meeting_within`] with its first candidate's `ln(1 − u)` drawn ahead: `ahead` is a
/// copy of `rng` that has drawn `u`, and `ln(1 − u)`. `rng` becomes that copy when the first
/// candidate is used, and stays as it is otherwise (no candidate comes when `p̄ = 0`).
#[inline(always)]
fn next_meeting_within_from(
    rng: &mut SimRng,
    ahead: (SimRng, f64),
    table: &LevelTable,
    from: usize,
    within: impl Fn(usize) -> bool,
    connect: f64,
    meet: f64,
) -> Option<usize> {
    let chance = |level: f64| connect * (meet * level).min(1.0);
    let bound = chance(table.max_level());
    if bound <= 0.0 {
        return None;
    }
    // ln(1 − p̄); −∞ when p̄ = 1 (every touch is a candidate).
    let log_miss = ln_1p(-bound);
    let end = table.len();
    let mut k = from;
    let (rng_ahead, mut log_u) = ahead;
    *rng = rng_ahead;
    loop {
        let skipped = (log_u / log_miss).floor();
        // `skipped` ≥ 0 and never NaN (−0 when p̄ = 1); compared as a float so that a huge
        // draw cannot overflow. Beyond the table is beyond every limit.
        if skipped >= (end - k) as f64 || !within(k + skipped as usize) {
            return None;
        }
        k += skipped as usize;
        if uniform(rng) * bound < chance(table.level_at(k)) {
            return Some(k);
        }
        if k + 1 == end || !within(k + 1) {
            return None;
        }
        k += 1;
        log_u = ln(1.0 - uniform(rng));
    }
}

#[cfg(test)]
mod tests;
