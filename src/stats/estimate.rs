//! Mean, standard deviation and Student-t 95% confidence interval over replications.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::Welford;

/// A KPI's estimate over replications.
///
/// Invariant: `n ≥ 1`; `sd` and `ci95` are present iff `n ≥ 2`, and then
/// `ci95[0] ≤ mean ≤ ci95[1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean over the replications where the KPI is defined.
    pub mean: f64,
    /// Student-t 95% confidence interval of the mean.
    pub ci95: Option<[f64; 2]>,
    /// Sample standard deviation (ddof 1).
    pub sd: Option<f64>,
    /// Number of replications where the KPI is defined.
    pub n: usize,
}

/// The two-sided 95% critical value of Student's t with `df` degrees of freedom.
pub fn t_critical_95(df: usize) -> f64 {
    StudentsT::new(0.0, 1.0, df as f64)
        .map(|t| t.inverse_cdf(0.975))
        .unwrap_or(f64::NAN)
}

/// The estimate over the defined values (`None` entries are skipped, SPEC §6), summed in
/// order so the result is the same for the same input; `None` if no value is defined.
pub fn estimate(values: impl IntoIterator<Item = Option<f64>>) -> Option<Estimate> {
    let xs: Vec<f64> = values.into_iter().flatten().collect();
    let n = xs.len();
    if n == 0 {
        return None;
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return Some(Estimate {
            mean,
            ci95: None,
            sd: None,
            n,
        });
    }
    let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    let half = t_critical_95(n - 1) * sd / (n as f64).sqrt();
    Some(Estimate {
        mean,
        ci95: Some([mean - half, mean + half]),
        sd: Some(sd),
        n,
    })
}

/// The [`estimate`] of a series fed one value at a time, in constant memory: for summaries
/// of any number of replications (`salesim run` streams them, issue 6).
///
/// # Precision
/// The mean is the sum of the defined values, taken in the order they were added, divided by
/// their count, exactly as [`estimate`] computes it: the two agree to the bit. The standard
/// deviation comes from Welford's one-pass recurrence ([`Welford`]) instead of the two-pass
/// formula, so it (and the CI, which scales with it) may differ from [`estimate`]'s in the
/// last bits (relative differences of order 1e-15); a constant series has sd exactly 0 in both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunningEstimate {
    /// Sum of the defined values in order, from -0.0 (the identity of `+`, where
    /// `Iterator::sum` starts too), so that it is bit-identical to theirs.
    sum: f64,
    /// Count and squared deviations, for the sd.
    spread: Welford,
}

impl Default for RunningEstimate {
    fn default() -> Self {
        RunningEstimate {
            sum: -0.0,
            spread: Welford::default(),
        }
    }
}

impl RunningEstimate {
    /// Adds one value; `None` (undefined in this replication, SPEC §6) is skipped.
    #[inline]
    pub fn add(&mut self, value: Option<f64>) {
        if let Some(x) = value {
            self.sum += x;
            self.spread.add(x);
        }
    }

    /// The estimate over the values added so far; `None` if none was defined.
    pub fn estimate(&self) -> Option<Estimate> {
        let n = usize::try_from(self.spread.count()).unwrap_or(usize::MAX);
        if n == 0 {
            return None;
        }
        let mean = self.sum / n as f64;
        if n == 1 {
            return Some(Estimate {
                mean,
                ci95: None,
                sd: None,
                n,
            });
        }
        let sd = self.spread.sd();
        let half = t_critical_95(n - 1) * sd / (n as f64).sqrt();
        Some(Estimate {
            mean,
            ci95: Some([mean - half, mean + half]),
            sd: Some(sd),
            n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_estimate_has_the_same_mean_and_a_close_sd() {
        let xs = [
            Some(0.1),
            None,
            Some(17.3),
            Some(2.0e5),
            Some(-3.25),
            Some(1.0 / 3.0),
            None,
            Some(42.0),
        ];
        let mut running = RunningEstimate::default();
        for x in xs {
            running.add(x);
        }
        let (a, b) = (running.estimate().unwrap(), estimate(xs).unwrap());
        assert_eq!((a.mean.to_bits(), a.n), (b.mean.to_bits(), b.n));
        let (sa, sb) = (a.sd.unwrap(), b.sd.unwrap());
        assert!((sa - sb).abs() <= 1e-13 * sb, "{sa} vs {sb}");
        let mut constant = RunningEstimate::default();
        for _ in 0..5 {
            constant.add(Some(17440.109514031486));
        }
        assert_eq!(constant.estimate().unwrap().sd, Some(0.0));
        assert_eq!(RunningEstimate::default().estimate(), None);
        let mut one = RunningEstimate::default();
        one.add(Some(-0.0));
        let bits = |e: Option<Estimate>| e.unwrap().mean.to_bits();
        assert_eq!(bits(one.estimate()), bits(estimate([Some(-0.0)])));
    }

    #[test]
    fn matches_hand_computed_values() {
        let e = estimate([Some(1.0), Some(2.0), None, Some(3.0), Some(4.0)]).unwrap();
        assert_eq!(e.n, 4);
        assert!((e.mean - 2.5).abs() < 1e-15);
        let sd = (5.0f64 / 3.0).sqrt();
        assert!((e.sd.unwrap() - sd).abs() < 1e-12);
        let half = 3.182_446_305 * sd / 2.0;
        let [lo, hi] = e.ci95.unwrap();
        assert!((lo - (2.5 - half)).abs() < 1e-6 && (hi - (2.5 + half)).abs() < 1e-6);
    }

    #[test]
    fn one_value_has_no_interval_and_none_has_no_estimate() {
        let e = estimate([Some(7.0)]).unwrap();
        assert_eq!((e.mean, e.sd, e.ci95, e.n), (7.0, None, None, 1));
        assert_eq!(estimate([None, None]), None);
        assert!((t_critical_95(29) - 2.0452).abs() < 1e-4);
    }
}
