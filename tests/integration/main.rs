//! Integration tests, built as one binary with a module per behaviour.

mod charts;
mod cli;
mod common;
mod compare;
mod fuzz;
mod output;
mod properties;
mod streaming;
mod sweep;
mod sweep_charts;
mod validation;
