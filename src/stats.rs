//! Statistics over simulated values: fixed-memory accumulators for quantiles.

pub mod histogram;

pub use histogram::Histogram;
