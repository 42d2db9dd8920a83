//! salesim (skeleton while the first modules land; the crate map follows with the model).
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod engine;
pub mod model;
