//! What the KPI-clarity measures of SPEC §7 and the weekly charts need, collected as the run
//! goes: each person's busy time by activity, each person's and the team's stage output (leads
//! qualified, meetings set, deals won, expansion orders) per measured week, and the team's
//! weekly deals won and revenue.
//!
//! Weeks are rolled over lazily: the first output recorded in a later week (or the end of the
//! run) folds the finished weeks into running statistics, O(people) per week and nothing per
//! event. A person's weekly series only has the weeks it was employed throughout (a
//! departure, a late start or a vacancy is not a slump). With a [`Trace`] requested, the full
//! series are also kept, for the fault-injection experiment.

use crate::engine::SimTime;
use crate::engine::time::HOURS_PER_WEEK;
use crate::stats::Welford;

use super::config::Activity;
use super::people::Person;
use super::result::{ClarityValues, PersonTrace, Trace};

/// `1.645 + 0.842`: one-sided α = 0.05 and power 0.8 (SPEC §7).
const Z_SUM: f64 = 1.645 + 0.842;

/// Weeks needed to detect a 20% drop in a weekly series with this mean and sd (SPEC §7).
pub fn weeks_to_detect(mean: f64, sd: f64) -> f64 {
    (Z_SUM * sd / (0.2 * mean)).powi(2)
}

/// Per-replication accumulators of stage output and busy time.
#[derive(Debug, Clone)]
pub(crate) struct Observer {
    /// First and last measured week (absolute week numbers, `[first, end)`).
    first: u32,
    end: u32,
    /// The week whose counts are being accumulated.
    week: u32,
    /// Times in `[from, until)` hours fall in `week`: [`Self::week_at`] reads them without a
    /// division. A margin of [`WEEK_EDGE_MARGIN`] inside the week's edges keeps the answer
    /// exactly `week_of`'s.
    week_known: (f64, f64),
    /// This week's stage output per person.
    person_week: Vec<[u32; 4]>,
    /// This week's team stage output.
    team_week: [u32; 4],
    /// This week's deals won and revenue.
    week_won: u32,
    week_revenue: f64,
    /// Stage output per person over the measured window.
    pub(crate) person_output: Vec<[u64; 4]>,
    /// Busy hours per person and activity in the window, overheads booked to the activity of
    /// the task they preceded.
    pub(crate) person_busy: Vec<[f64; 4]>,
    /// Weekly stage output per person and stage, over the weeks employed throughout.
    person_stats: Vec<[Welford; 4]>,
    /// Weekly team stage output per stage.
    team_stats: [Welford; 4],
    /// Deals won and revenue per measured week.
    pub(crate) weekly: Vec<[f64; 2]>,
    /// Full series, if asked for.
    trace: Option<TraceBuilder>,
}

/// Full weekly series, kept only for the fault-injection experiment.
#[derive(Debug, Clone, Default)]
struct TraceBuilder {
    /// Per person, per measured week: its stage output if employed throughout.
    persons: Vec<Vec<Option<[u32; 4]>>>,
    team: Vec<[u32; 4]>,
}

impl Observer {
    /// An observer of the measured weeks `[w0, w1)` (whole weeks).
    pub(crate) fn new(w0: SimTime, w1: SimTime, people: usize, trace: bool) -> Self {
        let first = (w0.hours() / HOURS_PER_WEEK).round() as u32;
        let end = (w1.hours() / HOURS_PER_WEEK).round() as u32;
        Observer {
            first,
            end,
            week: 0,
            week_known: known_hours(0),
            person_week: Vec::with_capacity(people),
            team_week: [0; 4],
            week_won: 0,
            week_revenue: 0.0,
            person_output: Vec::with_capacity(people),
            person_busy: Vec::with_capacity(people),
            person_stats: Vec::with_capacity(people),
            team_stats: [Welford::default(); 4],
            weekly: Vec::with_capacity(end.saturating_sub(first) as usize),
            trace: trace.then(TraceBuilder::default),
        }
    }

    /// A person joined (ids are dense and in joining order).
    pub(crate) fn add_person(&mut self) {
        self.person_week.push([0; 4]);
        self.person_output.push([0; 4]);
        self.person_busy.push([0.0; 4]);
        self.person_stats.push([Welford::default(); 4]);
        if let Some(t) = self.trace.as_mut() {
            t.persons.push(Vec::new());
        }
    }

    fn in_window(&self, week: u32) -> bool {
        self.first <= week && week < self.end
    }

    /// Person `p` produced one unit of `stage`'s KPI at `now`.
    pub(crate) fn output(&mut self, people: &[Person], p: u32, stage: Activity, now: SimTime) {
        let week = self.week_at(now);
        self.roll_to(week, people);
        if self.in_window(week) {
            let s = stage.index();
            self.person_week[p as usize][s] += 1;
            self.person_output[p as usize][s] += 1;
            self.team_week[s] += 1;
        }
    }

    /// A deal was won, or an expansion order booked, at `now` for `value`.
    pub(crate) fn booking(&mut self, people: &[Person], won: bool, value: f64, now: SimTime) {
        let week = self.week_at(now);
        self.roll_to(week, people);
        if self.in_window(week) {
            self.week_won += u32::from(won);
            self.week_revenue += value;
        }
    }

    /// The week of `now`: `week_of(now)`, without its division for the week under way.
    #[inline]
    fn week_at(&self, now: SimTime) -> u32 {
        let (from, until) = self.week_known;
        if from <= now.hours() && now.hours() < until {
            self.week
        } else {
            week_of(now)
        }
    }

    /// Folds every finished week before `week` (absolute) into the statistics.
    #[inline]
    pub(crate) fn roll_to(&mut self, week: u32, people: &[Person]) {
        // Most calls fall in the week under way: nothing to fold.
        if self.week < week.min(self.end) {
            self.roll_weeks(week, people);
        }
    }

    /// [`Self::roll_to`] when at least one week has finished.
    #[inline(never)]
    fn roll_weeks(&mut self, week: u32, people: &[Person]) {
        while self.week < week.min(self.end) {
            if self.in_window(self.week) {
                self.fold_week(people);
            }
            self.week += 1;
        }
        self.week_known = known_hours(self.week);
    }

    fn fold_week(&mut self, people: &[Person]) {
        let start = SimTime::from_weeks(f64::from(self.week));
        let end = SimTime::from_weeks(f64::from(self.week + 1));
        for (p, person) in people.iter().enumerate() {
            let counts = std::mem::take(&mut self.person_week[p]);
            let throughout = person.joined <= start && person.left.is_none_or(|l| l >= end);
            if throughout {
                for (stat, &c) in self.person_stats[p].iter_mut().zip(&counts) {
                    stat.add(f64::from(c));
                }
            }
            if let Some(t) = self.trace.as_mut() {
                let series = &mut t.persons[p];
                let index = (self.week - self.first) as usize;
                series.resize(index, None);
                series.push(throughout.then_some(counts));
            }
        }
        let team = std::mem::take(&mut self.team_week);
        for (stat, &c) in self.team_stats.iter_mut().zip(&team) {
            stat.add(f64::from(c));
        }
        if let Some(t) = self.trace.as_mut() {
            t.team.push(team);
        }
        self.weekly
            .push([f64::from(self.week_won), self.week_revenue]);
        self.week_won = 0;
        self.week_revenue = 0.0;
    }

    /// Focus, attribution, `kpi_clarity` and detectability of this replication (SPEC §7).
    pub(crate) fn clarity(&self) -> ClarityValues {
        // Focus: per person with busy time, the share of it on its largest activity.
        let mut focus_sum = 0.0;
        let mut focused = 0usize;
        let mut largest = vec![None; self.person_busy.len()];
        for (p, busy) in self.person_busy.iter().enumerate() {
            let total: f64 = busy.iter().sum();
            if total > 0.0 {
                let (a, max) = busy.iter().enumerate().fold((0, f64::MIN), |acc, (a, &h)| {
                    if h > acc.1 { (a, h) } else { acc }
                });
                largest[p] = Some(a);
                focus_sum += max / total;
                focused += 1;
            }
        }
        let focus = (focused > 0).then(|| focus_sum / focused as f64);
        // Attribution: per stage with output, the share produced by people whose largest
        // activity is that stage.
        let mut attribution_sum = 0.0;
        let mut stages = 0usize;
        for s in 0..4 {
            let total: u64 = self.person_output.iter().map(|o| o[s]).sum();
            if total == 0 {
                continue;
            }
            let own: u64 = self
                .person_output
                .iter()
                .zip(&largest)
                .filter(|(_, l)| **l == Some(s))
                .map(|(o, _)| o[s])
                .sum();
            attribution_sum += own as f64 / total as f64;
            stages += 1;
        }
        let attribution = (stages > 0).then(|| attribution_sum / stages as f64);
        // Detectability: the median over owners' series, and the mean over team series.
        let mut person_weeks: Vec<f64> = Vec::new();
        for (p, stats) in self.person_stats.iter().enumerate() {
            for (s, stat) in stats.iter().enumerate() {
                if self.person_output[p][s] == 0 || stat.count() < 2 || stat.mean() <= 0.0 {
                    continue;
                }
                person_weeks.push(weeks_to_detect(stat.mean(), stat.sd()));
            }
        }
        let team_weeks: Vec<f64> = self
            .team_stats
            .iter()
            .filter(|s| s.count() >= 2 && s.mean() > 0.0)
            .map(|s| weeks_to_detect(s.mean(), s.sd()))
            .collect();
        ClarityValues {
            focus,
            attribution,
            kpi_clarity: focus.zip(attribution).map(|(f, a)| f * a),
            detectability_weeks: median(&mut person_weeks),
            detectability_team_weeks: (!team_weeks.is_empty())
                .then(|| team_weeks.iter().sum::<f64>() / team_weeks.len() as f64),
        }
    }

    /// The full series, if they were kept.
    pub(crate) fn take_trace(&mut self, people: &[Person]) -> Option<Trace> {
        let t = self.trace.take()?;
        let weeks = self.end.saturating_sub(self.first) as usize;
        let persons = t
            .persons
            .into_iter()
            .zip(people)
            .zip(&self.person_output)
            .map(|((mut series, person), output)| {
                series.resize(weeks, None);
                PersonTrace {
                    joined: person.joined.hours(),
                    left: person.left.map(SimTime::hours),
                    output: *output,
                    series,
                }
            })
            .collect();
        Some(Trace {
            first_week: self.first,
            persons,
            team: t.team,
        })
    }
}

/// The absolute week of instant `t`.
/// How far inside a week's edges [`Observer::week_at`] trusts the week in hand [hours]: far
/// more than the rounding of `t / HOURS_PER_WEEK` near any week edge of a run.
const WEEK_EDGE_MARGIN: f64 = 1e-6;

/// Hours `[from, until)` whose `week_of` is `week` for certain.
fn known_hours(week: u32) -> (f64, f64) {
    let start = f64::from(week) * HOURS_PER_WEEK;
    (
        start + WEEK_EDGE_MARGIN,
        start + HOURS_PER_WEEK - WEEK_EDGE_MARGIN,
    )
}

fn week_of(t: SimTime) -> u32 {
    crate::engine::time::floor_nonneg(t.hours() / HOURS_PER_WEEK).max(0.0) as u32
}

/// The median of `xs` (sorted in place), or `None` if empty.
pub(crate) fn median(xs: &mut [f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_in_hand_is_read_as_week_of_would() {
        let (w0, w1) = (SimTime::from_weeks(4.0), SimTime::from_weeks(52.0));
        let mut o = Observer::new(w0, w1, 0, false);
        let near = |h: f64| {
            [
                h - 1e-3,
                h - 1e-9,
                h,
                h + 1e-12,
                h + 1e-9,
                h + 1e-3,
                h + 84.0,
            ]
        };
        for week in 0..60u32 {
            o.roll_to(week, &[]);
            for w in week.saturating_sub(1)..week + 2 {
                for h in near(f64::from(w) * HOURS_PER_WEEK) {
                    let t = SimTime::from_hours(h.max(0.0));
                    assert_eq!(o.week_at(t), week_of(t), "week {week} in hand, {h} h");
                }
            }
        }
    }

    #[test]
    fn detectability_of_a_hand_computed_series() {
        // One closer over measured weeks 1–4 winning 2, 4, 6, 4 deals: mean 4, sd √(8/3), so
        // n = ((1.645 + 0.842) × √(8/3) / (0.2 × 4))² ≈ 25.7715 weeks.
        let (w0, w1) = (SimTime::from_weeks(1.0), SimTime::from_weeks(5.0));
        let mut o = Observer::new(w0, w1, 1, true);
        let people = vec![Person::new(
            0,
            0,
            [0.0; 4],
            SimTime::ZERO,
            crate::engine::rng::stream(0, 0, 0, 0),
        )];
        o.add_person();
        for (week, wins) in [(1.0, 2), (2.0, 4), (3.0, 6), (4.0, 4)] {
            for i in 0..wins {
                let t = SimTime::from_weeks(week) + 1.0 + f64::from(i);
                o.output(&people, 0, Activity::Close, t);
            }
        }
        // Output in the warm-up does not count.
        o.output(&people, 0, Activity::Close, SimTime::from_weeks(0.5));
        o.roll_to(u32::MAX, &people);
        let v = o.clarity();
        let expected = 25.7715;
        assert!(
            (v.detectability_weeks.unwrap() - expected).abs() < 1e-3,
            "{v:?}"
        );
        assert!((v.detectability_team_weeks.unwrap() - expected).abs() < 1e-3);
        let trace = o.take_trace(&people).unwrap();
        let close: Vec<u32> = trace.persons[0]
            .series
            .iter()
            .map(|w| w.unwrap()[Activity::Close.index()])
            .collect();
        assert_eq!(close, [2, 4, 6, 4]);
        assert_eq!(trace.persons[0].output[Activity::Close.index()], 16);
    }
}
