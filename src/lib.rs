//! salesim (crate map follows with the CLI).
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod engine;
pub mod experiment;
pub mod model;
pub mod scenario;
pub mod stats;
