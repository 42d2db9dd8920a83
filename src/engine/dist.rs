//! The distributions of SPEC §3, built once and sampled without allocation.
//!
//! Every distribution here is over non-negative values (durations, fractions, money).
//! `LogNormal` and `Gamma` are parameterised by the mean and standard deviation *of the
//! variable itself*, which is what a user can estimate; they are converted once, at
//! construction, to the distributions' natural parameters.

use rand_distr::{Distribution, Gamma, Normal, Triangular, Uniform};

use super::math::ln;
use super::rng::SimRng;
use super::ziggurat;

/// Why a distribution's parameters were refused; the message says what is allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DistError(pub String);

/// A validated distribution of a non-negative quantity.
#[derive(Debug, Clone)]
pub enum Dist {
    /// Always the same value.
    Fixed(f64),
    /// Exponential with the given mean: a unit exponential times `scale`, the draw of
    /// `rand_distr`'s `Exp::new(1 / mean)` bit for bit.
    Exp {
        /// `1 / (1 / mean)`, computed as `rand_distr`'s `Exp` does (not always exactly `mean`).
        scale: f64,
        /// The mean.
        mean: f64,
    },
    /// Log-normal with the given mean and sd (of the variable): [`super::math::exp`] of
    /// `mu + sigma * z` for a standard normal `z`, the draw of `rand_distr`'s
    /// `Normal::new(mu, sigma)` bit for bit (the draw its `LogNormal` makes, with salesim's
    /// `exp`, the same bits on every machine).
    LogNormal {
        /// The mean of the logarithm.
        mu: f64,
        /// The sd of the logarithm; finite, at least 0.
        sigma: f64,
        /// The mean of the variable.
        mean: f64,
        /// The sd of the variable.
        sd: f64,
    },
    /// Gamma with the given mean and sd.
    Gamma(Gamma<f64>, f64, f64),
    /// Uniform on `[min, max)`.
    Uniform(Uniform<f64>, f64, f64),
    /// Triangular with the given min, mode and max.
    Triangular(Triangular<f64>, f64, f64, f64),
}

fn check(ok: bool, msg: impl FnOnce() -> String) -> Result<(), DistError> {
    if ok { Ok(()) } else { Err(DistError(msg())) }
}

fn finite(name: &str, v: f64) -> Result<(), DistError> {
    check(v.is_finite(), || {
        format!("{name} must be a finite number, got {v}")
    })
}

impl Dist {
    /// `Fixed(v)`, `v ≥ 0`.
    pub fn fixed(v: f64) -> Result<Dist, DistError> {
        finite("the value", v)?;
        check(v >= 0.0, || {
            format!("the value must be at least 0, got {v}")
        })?;
        Ok(Dist::Fixed(v))
    }

    /// `Exp(mean: m)`, `m > 0`.
    pub fn exp(mean: f64) -> Result<Dist, DistError> {
        finite("mean", mean)?;
        check(mean > 0.0, || {
            format!("mean must be greater than 0, got {mean}")
        })?;
        let lambda = 1.0 / mean;
        Ok(Dist::Exp {
            scale: 1.0 / lambda,
            mean,
        })
    }

    fn mean_sd(mean: f64, sd: f64) -> Result<(), DistError> {
        finite("mean", mean)?;
        finite("sd", sd)?;
        check(mean > 0.0, || {
            format!("mean must be greater than 0, got {mean}")
        })?;
        check(sd >= 0.0, || format!("sd must be at least 0, got {sd}"))
    }

    /// `LogNormal(mean: m, sd: s)`, `m > 0`, `s ≥ 0`; `s = 0` is `Fixed(m)`.
    pub fn lognormal(mean: f64, sd: f64) -> Result<Dist, DistError> {
        Dist::mean_sd(mean, sd)?;
        if sd == 0.0 {
            return Ok(Dist::Fixed(mean));
        }
        // salesim's `ln` (the `libm` crate's), so that every draw's parameters are the same
        // bits on every machine.
        let sigma2 = ln(1.0 + (sd / mean).powi(2));
        let mu = ln(mean) - sigma2 / 2.0;
        let sigma = sigma2.sqrt();
        // Refuses what `rand_distr` refuses (a non-finite sigma), with its message.
        Normal::new(mu, sigma).map_err(|e| DistError(format!("mean {mean}, sd {sd}: {e}")))?;
        Ok(Dist::LogNormal {
            mu,
            sigma,
            mean,
            sd,
        })
    }

    /// `Gamma(mean: m, sd: s)`, `m > 0`, `s ≥ 0`; `s = 0` is `Fixed(m)`.
    pub fn gamma(mean: f64, sd: f64) -> Result<Dist, DistError> {
        Dist::mean_sd(mean, sd)?;
        if sd == 0.0 {
            return Ok(Dist::Fixed(mean));
        }
        let shape = (mean / sd).powi(2);
        let scale = sd * sd / mean;
        check(shape.is_finite() && shape > 0.0 && scale > 0.0, || {
            format!("mean {mean} and sd {sd} are too far apart to form a gamma distribution")
        })?;
        let d = Gamma::new(shape, scale)
            .map_err(|e| DistError(format!("mean {mean}, sd {sd}: {e}")))?;
        Ok(Dist::Gamma(d, mean, sd))
    }

    /// `Uniform(min: a, max: b)`, `0 ≤ a ≤ b`; `a = b` is `Fixed(a)`.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, DistError> {
        finite("min", min)?;
        finite("max", max)?;
        check(min >= 0.0, || format!("min must be at least 0, got {min}"))?;
        check(min <= max, || {
            format!("min must not exceed max, got min {min} > max {max}")
        })?;
        if min == max {
            return Ok(Dist::Fixed(min));
        }
        let d =
            Uniform::new(min, max).map_err(|e| DistError(format!("min {min}, max {max}: {e}")))?;
        Ok(Dist::Uniform(d, min, max))
    }

    /// `Triangular(min: a, mode: c, max: b)`, `0 ≤ a ≤ c ≤ b`; `a = b` is `Fixed(a)`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        finite("min", min)?;
        finite("mode", mode)?;
        finite("max", max)?;
        check(min >= 0.0, || format!("min must be at least 0, got {min}"))?;
        check(min <= mode && mode <= max, || {
            format!("need min ≤ mode ≤ max, got min {min}, mode {mode}, max {max}")
        })?;
        if min == max {
            return Ok(Dist::Fixed(min));
        }
        let d = Triangular::new(min, max, mode)
            .map_err(|e| DistError(format!("min {min}, mode {mode}, max {max}: {e}")))?;
        Ok(Dist::Triangular(d, min, mode, max))
    }

    /// The distribution's mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Exp { mean: m, .. } | Dist::LogNormal { mean: m, .. } | Dist::Gamma(_, m, _) => m,
            Dist::Uniform(_, a, b) => (a + b) / 2.0,
            Dist::Triangular(_, a, c, b) => (a + b + c) / 3.0,
        }
    }

    /// One draw; never negative. `Fixed` (the default of most work hours) is answered inline,
    /// without a call or a draw; the others are one call.
    #[inline]
    pub fn sample(&self, rng: &mut SimRng) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            _ => self.sample_random(rng),
        }
    }

    /// [`Self::sample`] for the distributions that draw. `Exp` (the M/M/c anchor's work) and
    /// `LogNormal` (the bundled scenarios' work, deal values and care) draw inline, through
    /// [`ziggurat`].
    #[inline(never)]
    fn sample_random(&self, rng: &mut SimRng) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            // `rand_distr`'s `Exp::sample`: `Exp1` times the inverse rate.
            Dist::Exp { scale, .. } => ziggurat::unit_exp(rng) * scale,
            // `rand_distr`'s `Normal::sample`: `mean + std_dev * z`.
            Dist::LogNormal { mu, sigma, .. } => {
                super::math::exp(mu + sigma * ziggurat::standard_normal(rng))
            }
            _ => self.sample_other(rng),
        }
    }

    /// [`Self::sample_random`] for the distributions drawn through `rand_distr`, kept out of
    /// line so that their registers and stack are not set up for the others.
    #[inline(never)]
    fn sample_other(&self, rng: &mut SimRng) -> f64 {
        match self {
            Dist::Fixed(_) | Dist::Exp { .. } | Dist::LogNormal { .. } => self.sample_random(rng),
            Dist::Gamma(d, _, _) => d.sample(rng),
            Dist::Uniform(d, _, _) => d.sample(rng),
            Dist::Triangular(d, _, _, _) => d.sample(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::stream;

    fn sample_mean_sd(d: &Dist) -> (f64, f64) {
        let mut rng = stream(7, 0, 0, 0);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v.sqrt())
    }

    #[test]
    fn lognormal_and_gamma_have_the_requested_mean_and_sd() {
        for d in [
            Dist::lognormal(1.2, 0.6).unwrap(),
            Dist::gamma(1.2, 0.6).unwrap(),
        ] {
            let (m, s) = sample_mean_sd(&d);
            assert!((m - 1.2).abs() < 0.01, "{d:?}: mean {m}");
            assert!((s - 0.6).abs() < 0.01, "{d:?}: sd {s}");
            assert_eq!(d.mean(), 1.2);
        }
    }

    #[test]
    fn exp_uniform_triangular_means() {
        for (d, mean) in [
            (Dist::exp(20.0).unwrap(), 20.0),
            (Dist::uniform(1.0, 3.0).unwrap(), 2.0),
            (Dist::triangular(0.0, 1.0, 5.0).unwrap(), 2.0),
        ] {
            let (m, _) = sample_mean_sd(&d);
            assert!((m - mean).abs() < 0.02 * mean, "{d:?}: mean {m}");
            assert_eq!(d.mean(), mean);
        }
    }

    /// Asserts that `d` draws the same bits as `theirs`, leaving the generator in the same state.
    fn draws_like(d: &Dist, theirs: impl Fn(&mut SimRng) -> f64) {
        let mut a = stream(11, 0, 2, 0);
        let mut b = a.clone();
        for n in 0..100_000 {
            let (x, y) = (d.sample(&mut a), theirs(&mut b));
            assert_eq!(x.to_bits(), y.to_bits(), "{d:?}, draw {n}: {x} ≠ {y}");
        }
        assert_eq!(a, b, "{d:?}: generators diverged");
    }

    #[test]
    fn exp_and_lognormal_draw_rand_distrs_bits() {
        // The inline draws are `rand_distr`'s `Exp::new(1 / mean)` and `Normal::new(mu, sigma)`
        // (with `mu` and `sigma` from salesim's `ln`, then salesim's `exp`), bit for bit.
        use rand_distr::{Exp, Normal};
        for mean in [20.0, 1.2, 0.1] {
            let e = Exp::new(1.0 / mean).unwrap();
            draws_like(&Dist::exp(mean).unwrap(), |r| e.sample(r));
        }
        for (mean, sd) in [(1.2f64, 0.6f64), (3.0, 7.5), (0.1, 0.01)] {
            let sigma2 = ln(1.0 + (sd / mean).powi(2));
            let n = Normal::new(ln(mean) - sigma2 / 2.0, sigma2.sqrt()).unwrap();
            draws_like(&Dist::lognormal(mean, sd).unwrap(), |r| {
                crate::engine::math::exp(n.sample(r))
            });
        }
    }

    #[test]
    fn degenerate_parameters_become_fixed() {
        assert!(matches!(Dist::lognormal(2.0, 0.0), Ok(Dist::Fixed(v)) if v == 2.0));
        assert!(matches!(Dist::gamma(2.0, 0.0), Ok(Dist::Fixed(v)) if v == 2.0));
        assert!(matches!(Dist::uniform(1.0, 1.0), Ok(Dist::Fixed(v)) if v == 1.0));
    }

    #[test]
    fn bad_parameters_are_refused_with_what_is_allowed() {
        assert!(Dist::fixed(-1.0).unwrap_err().0.contains("at least 0"));
        assert!(Dist::exp(0.0).unwrap_err().0.contains("greater than 0"));
        assert!(
            Dist::lognormal(1.0, -1.0)
                .unwrap_err()
                .0
                .contains("sd must be at least 0")
        );
        assert!(
            Dist::uniform(2.0, 1.0)
                .unwrap_err()
                .0
                .contains("must not exceed")
        );
        assert!(
            Dist::triangular(0.0, 3.0, 2.0)
                .unwrap_err()
                .0
                .contains("mode")
        );
        assert!(Dist::exp(f64::NAN).unwrap_err().0.contains("finite"));
        assert!(Dist::gamma(f64::INFINITY, 1.0).is_err());
    }
}
