//! Scenario files: the RON format of SPEC §9, loading with precise error positions, and
//! validation into a [`crate::model::Config`].
//!
//! ```text
//!   file ──load──► Scenario (what was written) ──validate──► model::Config (checked, typed)
//! ```
//!
//! The loader guarantees: a syntax error names `file:line:column` and shows the line; an
//! unknown field or variant lists what is allowed and suggests the closest name; every value
//! out of range is reported with its field path, the value and the allowed range; sizes beyond
//! [`limits`] are refused before any memory is set aside for them. Nothing here panics on any
//! input.

pub mod error;
pub mod limits;
pub mod load;
pub mod schema;
pub mod starter;
pub(crate) mod suggest;
pub mod validate;

use std::path::Path;

pub use error::{FieldError, ScenarioError};
pub use load::{load, parse_str};
pub use schema::Scenario;
pub use starter::STARTER;
pub use validate::validate;

use crate::model::{Activity, Config};

/// Loads, parses and validates the scenario at `path`.
///
/// # Errors
/// As [`load()`] and [`validate()`].
pub fn load_config(path: &Path) -> Result<(Scenario, Config), ScenarioError> {
    let scenario = load(path)?;
    let config = validate(&scenario, &path.display().to_string())?;
    Ok((scenario, config))
}

/// Warnings about a valid scenario that will not behave as its author likely meant: arriving
/// work that nobody in the team can do, or no warm-up.
pub fn warnings(config: &Config) -> Vec<String> {
    let can = |a: Activity| config.team.iter().any(|e| e.role.activities.contains(&a));
    let mut out = Vec::new();
    if config.inbound.leads_per_week > 0.0 && !can(Activity::Inbound) {
        out.push("no team entry can do Inbound: every inbound lead will wait forever".to_string());
    }
    if !can(Activity::Close) {
        out.push("no team entry can Close: deals will wait unowned and never be won".to_string());
    }
    if !can(Activity::Care) {
        out.push(
            "no team entry can do Care: customers will go unserved and churn faster".to_string(),
        );
    }
    if config.warmup_weeks == 0 {
        out.push("warmup_weeks is 0: KPIs include the empty-pipeline start".to_string());
    }
    out
}

#[cfg(test)]
mod tests;
