//! The manager's detector of SPEC §7: a one-sided lower CUSUM on a weekly KPI series,
//! standardised by the weeks before the fault.

/// Reference value `k` of the CUSUM, in standard deviations.
pub const K: f64 = 0.5;
/// Decision threshold `h`: an alarm when `S > h`.
pub const H: f64 = 4.0;

/// An alarm: the watched week it fired in (0 = the first faulted week) and the statistic then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alarm {
    /// Index of the week in the watched span.
    pub week: usize,
    /// The CUSUM statistic `S` when it fired.
    pub s: f64,
}

/// The first alarm of a lower CUSUM on `watched`, standardised by the mean and sample sd of
/// `baseline`: `z = (x − m) / s`, `S₀ = 0`, `S = max(0, S − z − k)`, alarm when `S > h`. Weeks
/// that are `None` (the person was not employed throughout) are skipped. A baseline with fewer
/// than two weeks or no variation cannot alarm.
pub fn first_alarm(baseline: &[f64], watched: &[Option<f64>]) -> Option<Alarm> {
    if baseline.len() < 2 {
        return None;
    }
    let n = baseline.len() as f64;
    let m = baseline.iter().sum::<f64>() / n;
    let var = baseline.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    let sd = var.sqrt();
    if sd <= 0.0 || !sd.is_finite() {
        return None;
    }
    let mut s = 0.0f64;
    for (week, x) in watched.iter().enumerate() {
        let Some(x) = x else { continue };
        let z = (x - m) / sd;
        s = (s - z - K).max(0.0);
        if s > H {
            return Some(Alarm { week, s });
        }
    }
    None
}

/// Whether alarm `a` comes before `b` in the manager's eyes: earlier week, then larger `S`
/// (SPEC §7); callers scan series in (person id, activity) order and keep the first on a
/// full tie.
pub fn earlier(a: &Alarm, b: &Alarm) -> bool {
    a.week < b.week || (a.week == b.week && a.s > b.s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarms_at_the_hand_computed_week() {
        // Baseline 10, 12, 8, 10: m = 10, s = sqrt(8/3) ≈ 1.633.
        let baseline = [10.0, 12.0, 8.0, 10.0];
        let sd = (8.0f64 / 3.0).sqrt();
        // x = 7 each week: z = −3/sd ≈ −1.837, S grows by 1.337 a week:
        // 1.337, 2.674, 4.011 > 4 at the third week (index 2).
        let watched = [Some(7.0); 6];
        let a = first_alarm(&baseline, &watched).unwrap();
        assert_eq!(a.week, 2);
        let step = 3.0 / sd - K;
        assert!((a.s - 3.0 * step).abs() < 1e-12);
        // A week not employed throughout is skipped: the alarm moves one week later.
        let gap = [Some(7.0), None, Some(7.0), Some(7.0)];
        assert_eq!(first_alarm(&baseline, &gap).unwrap().week, 3);
    }

    #[test]
    fn a_flat_or_rising_series_never_alarms() {
        let baseline = [10.0, 12.0, 8.0, 10.0];
        assert_eq!(first_alarm(&baseline, &[Some(10.0); 50]), None);
        assert_eq!(first_alarm(&baseline, &[Some(15.0); 50]), None);
        // No variation before the fault, or too short a baseline: no alarm possible.
        assert_eq!(first_alarm(&[3.0, 3.0, 3.0], &[Some(0.0); 10]), None);
        assert_eq!(first_alarm(&[3.0], &[Some(0.0); 10]), None);
    }

    #[test]
    fn s_resets_at_zero_so_a_recovery_delays_the_alarm() {
        let baseline = [10.0, 12.0, 8.0, 10.0];
        // Two bad weeks, a very good one (S back to 0), then bad weeks again.
        let watched = [
            Some(7.0),
            Some(7.0),
            Some(20.0),
            Some(7.0),
            Some(7.0),
            Some(7.0),
        ];
        assert_eq!(first_alarm(&baseline, &watched).unwrap().week, 5);
    }

    #[test]
    fn ties_go_to_the_larger_statistic() {
        let a = Alarm { week: 3, s: 4.5 };
        let b = Alarm { week: 3, s: 5.0 };
        let c = Alarm { week: 2, s: 4.1 };
        assert!(earlier(&b, &a));
        assert!(!earlier(&a, &b));
        assert!(earlier(&c, &b));
        assert!(!earlier(&a, &a));
    }
}
