//! The unpaired (Welch) difference of two means: the yardstick that shows what common random
//! numbers gain.
//!
//! Welch's interval treats the two samples as independent, with unequal variances, and uses
//! the Welch–Satterthwaite degrees of freedom. `salesim compare` never reports it, because
//! its scenarios are paired ([`super::paired`]); tests use it to check that pairing narrows
//! the interval, as SPEC §2 promises.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Welch's estimate of `mean(other) − mean(base)` for independent samples.
///
/// Invariant: `ci95[0] ≤ mean ≤ ci95[1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct WelchDifference {
    /// Difference of the two sample means.
    pub mean: f64,
    /// Welch's 95% confidence interval of the difference.
    pub ci95: [f64; 2],
    /// Its standard error, `sqrt(s_a² / n_a + s_b² / n_b)`.
    pub se: f64,
    /// Welch–Satterthwaite degrees of freedom (fractional; infinite when both variances are 0).
    pub df: f64,
}

/// Welch's difference `other − base` over the defined values of each sample (`None` entries
/// are skipped, each sample on its own: no pairing). `None` unless both samples have at least
/// two defined values.
///
/// # Example
/// ```
/// use salesim::stats::welch_difference;
/// let a = [Some(1.0), Some(2.0), Some(3.0)];
/// let b = [Some(2.0), Some(4.0), Some(6.0)];
/// let w = welch_difference(&a, &b).unwrap();
/// assert_eq!(w.mean, 2.0);
/// assert!(w.ci95[0] < 0.0 && w.ci95[1] > 4.0);
/// ```
pub fn welch_difference(base: &[Option<f64>], other: &[Option<f64>]) -> Option<WelchDifference> {
    let (mean_a, var_a, n_a) = moments(base)?;
    let (mean_b, var_b, n_b) = moments(other)?;
    let (va, vb) = (var_a / n_a, var_b / n_b);
    let se = (va + vb).sqrt();
    let mean = mean_b - mean_a;
    let df = (va + vb).powi(2) / (va * va / (n_a - 1.0) + vb * vb / (n_b - 1.0));
    let t = if df.is_finite() {
        StudentsT::new(0.0, 1.0, df)
            .map(|t| t.inverse_cdf(0.975))
            .unwrap_or(f64::NAN)
    } else {
        // Both variances are 0 (df = 0/0) or df overflows: the normal limit, and with
        // se = 0 the interval is the point anyway.
        1.959_963_984_540_054
    };
    Some(WelchDifference {
        mean,
        ci95: [mean - t * se, mean + t * se],
        se,
        df,
    })
}

/// Mean, sample variance (ddof 1) and count of the defined values; `None` with fewer than 2.
fn moments(xs: &[Option<f64>]) -> Option<(f64, f64, f64)> {
    let xs: Vec<f64> = xs.iter().flatten().copied().collect();
    if xs.len() < 2 {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some((mean, var, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_hand_computed_welch_interval() {
        // a: mean 2, var 1, n 3; b: mean 6, var 4, n 3 → se² = 1/3 + 4/3 = 5/3,
        // df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = (25/9) / (17/18) = 50/17 ≈ 2.941.
        let a = [Some(1.0), Some(2.0), Some(3.0)];
        let b = [Some(4.0), Some(6.0), Some(8.0)];
        let w = welch_difference(&a, &b).unwrap();
        assert_eq!(w.mean, 4.0);
        assert!((w.se - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((w.df - 50.0 / 17.0).abs() < 1e-12);
        // t_0.975 with 50/17 df is about 3.2 (between 3.182 for 3 df and 4.303 for 2 df).
        let half = w.ci95[1] - w.mean;
        assert!(half > 3.182 * w.se && half < 4.303 * w.se, "{w:?}");
    }

    #[test]
    fn needs_two_values_on_each_side() {
        assert_eq!(
            welch_difference(&[Some(1.0)], &[Some(1.0), Some(2.0)]),
            None
        );
        let same = [Some(5.0), Some(5.0)];
        let w = welch_difference(&same, &same).unwrap();
        assert_eq!((w.mean, w.ci95), (0.0, [0.0, 0.0]));
    }
}
