//! Statistics over simulated values: estimates with confidence intervals, and fixed-memory
//! quantiles.

pub mod estimate;
pub mod histogram;

pub use estimate::{Estimate, estimate, t_critical_95};
pub use histogram::Histogram;
