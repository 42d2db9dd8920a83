//! Statistics over simulated values: estimates with confidence intervals, bounded-memory
//! quantiles, and streaming mean and variance.

pub mod estimate;
pub mod histogram;
pub mod paired;
pub mod welch;
pub mod welford;

pub use estimate::{Estimate, RunningEstimate, estimate, t_critical_95};
pub use histogram::Histogram;
pub use paired::paired_difference;
pub use welch::{WelchDifference, welch_difference};
pub use welford::Welford;
