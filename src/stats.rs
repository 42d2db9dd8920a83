//! Statistics over simulated values: estimates with confidence intervals, fixed-memory
//! quantiles, and streaming mean and variance.

pub mod estimate;
pub mod histogram;
pub mod welford;

pub use estimate::{Estimate, estimate, t_critical_95};
pub use histogram::Histogram;
pub use welford::Welford;
