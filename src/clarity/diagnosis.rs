//! One replication of the fault-injection experiment of SPEC §7: a no-fault run, a fault
//! chosen from what it shows, the same replication with the fault, and the manager's CUSUMs on
//! both.

use crate::engine::rng::{self, uniform};
use crate::engine::time::HOURS_PER_WEEK;
use crate::model::config::FaultScope;
use crate::model::{
    Activity, ClarityValues, Config, Fault, ReplicationResult, RunOptions, Trace,
    run_replication_with,
};

use super::cusum::{Alarm, earlier, first_alarm};

/// The random stream of the experiment's choices (SPEC §2: "clarity").
const CLARITY_STREAM: u64 = 6;

/// What one replication of the experiment found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The no-fault run's clarity measures.
    pub values: ClarityValues,
    /// Whether the first alarm named the fault; `None` if no fault could be placed (no stage
    /// output, or no owner employed at the fault time).
    pub correct: Option<bool>,
    /// Whether the no-fault run raised any alarm in the review window.
    pub false_alarm: bool,
    /// Weeks from the fault to a correct alarm (1 = at the end of the first faulted week).
    pub detection_weeks: Option<f64>,
}

/// The fault's first week: the scenario's, or the middle of the measured window rounded down.
pub fn fault_week(config: &Config) -> u32 {
    config
        .clarity
        .fault_week
        .unwrap_or((config.warmup_weeks + config.horizon_weeks) / 2)
}

/// Runs replication `replication` of the experiment with fault scope `scope`; returns the
/// no-fault run's result (its trace dropped) and what the experiment found.
pub fn diagnose(
    config: &Config,
    seed: u64,
    replication: u32,
    scope: FaultScope,
) -> (ReplicationResult, Outcome) {
    let traced = RunOptions {
        trace: true,
        ..RunOptions::default()
    };
    let (mut clean, _) = run_replication_with(config, seed, replication, &traced);
    let trace = clean.trace.take().expect("a traced run keeps its trace");
    let outcome = diagnose_traced(config, seed, replication, scope, clean.clarity, &trace);
    (clean, outcome)
}

fn diagnose_traced(
    config: &Config,
    seed: u64,
    replication: u32,
    scope: FaultScope,
    values: ClarityValues,
    trace: &Trace,
) -> Outcome {
    let week = fault_week(config);
    let review = config.clarity.review_weeks;
    let false_alarm = first_alarm_of(trace, scope, week, review).is_some();
    let mut outcome = Outcome {
        values,
        correct: None,
        false_alarm,
        detection_weeks: None,
    };
    let mut rng = rng::stream(seed, u64::from(replication), CLARITY_STREAM, 0);
    let stages: Vec<usize> = (0..4)
        .filter(|&s| trace.persons.iter().any(|p| p.output[s] > 0))
        .collect();
    if stages.is_empty() {
        return outcome;
    }
    let stage = stages[pick(&mut rng, stages.len())];
    let person = match scope {
        FaultScope::Stage => None,
        FaultScope::Person => {
            let at = f64::from(week) * HOURS_PER_WEEK;
            let owners: Vec<u32> = (0..trace.persons.len() as u32)
                .filter(|&p| {
                    let t = &trace.persons[p as usize];
                    t.output[stage] > 0 && employed_at(t.joined, t.left, at)
                })
                .collect();
            if owners.is_empty() {
                return outcome;
            }
            Some(owners[pick(&mut rng, owners.len())])
        }
    };
    let fault = Fault {
        activity: Activity::ALL[stage],
        person,
        from_week: week,
        factor: 1.0 - config.clarity.fault_size,
    };
    let faulted_options = RunOptions {
        trace: true,
        fault: Some(fault),
        ..RunOptions::default()
    };
    let (faulted, _) = run_replication_with(config, seed, replication, &faulted_options);
    let faulted = faulted.trace.expect("a traced run keeps its trace");
    let alarm = first_alarm_of(&faulted, scope, week, review);
    let correct = alarm.is_some_and(|(who, s, _)| s == stage && who == person);
    outcome.correct = Some(correct);
    if correct {
        outcome.detection_weeks = alarm.map(|(_, _, a)| (a.week + 1) as f64);
    }
    outcome
}

/// A uniform index below `n`.
fn pick(rng: &mut crate::engine::SimRng, n: usize) -> usize {
    ((uniform(rng) * n as f64) as usize).min(n - 1)
}

fn employed_at(joined: f64, left: Option<f64>, at: f64) -> bool {
    joined <= at && left.is_none_or(|l| l > at)
}

/// The manager's first alarm in `[week, week + review)`: the series (person or `None` for the
/// team, stage) and the alarm. Person scope watches every (person, stage) series of people
/// employed at the fault time; stage scope the four team series.
fn first_alarm_of(
    trace: &Trace,
    scope: FaultScope,
    week: u32,
    review: u32,
) -> Option<(Option<u32>, usize, Alarm)> {
    let fault_index = week.saturating_sub(trace.first_week) as usize;
    let mut best: Option<(Option<u32>, usize, Alarm)> = None;
    let mut consider = |who: Option<u32>, s: usize, series: Vec<Option<f64>>| {
        let split = fault_index.min(series.len());
        let baseline: Vec<f64> = series[..split].iter().flatten().copied().collect();
        let end = (fault_index + review as usize).min(series.len());
        let watched = &series[split..end.max(split)];
        if let Some(a) = first_alarm(&baseline, watched) {
            if best.as_ref().is_none_or(|(_, _, b)| earlier(&a, b)) {
                best = Some((who, s, a));
            }
        }
    };
    match scope {
        FaultScope::Stage => {
            for s in 0..4 {
                let series = trace.team.iter().map(|w| Some(f64::from(w[s]))).collect();
                consider(None, s, series);
            }
        }
        FaultScope::Person => {
            let at = f64::from(week) * HOURS_PER_WEEK;
            for (p, t) in trace.persons.iter().enumerate() {
                if !employed_at(t.joined, t.left, at) {
                    continue;
                }
                for s in 0..4 {
                    let series = t
                        .series
                        .iter()
                        .map(|w| w.map(|c| f64::from(c[s])))
                        .collect();
                    consider(Some(p as u32), s, series);
                }
            }
        }
    }
    best
}
