//! What one replication reports: its KPIs, where each role's time went, and how many events
//! it processed.

use super::kpi::{Kpi, TIME_CATEGORIES};

/// The measured hours of one role, by time-use category.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleTimeUse {
    /// Role name as in the scenario (`Scout`, or a custom role's name).
    pub role: String,
    /// Working hours in the measured window, indexed like [`TIME_CATEGORIES`]:
    /// Inbound, Prospect, Close, Care, switching, handoff, idle. Their sum is the role's shift
    /// time of employed people in the window.
    pub hours: [f64; TIME_CATEGORIES.len()],
}

impl RoleTimeUse {
    /// Shares of the role's shift time per category (sum 1), or `None` with no shift time.
    pub fn shares(&self) -> Option<[f64; TIME_CATEGORIES.len()]> {
        let total: f64 = self.hours.iter().sum();
        (total > 0.0).then(|| self.hours.map(|h| h / total))
    }
}

/// The outcome of one replication.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationResult {
    /// Replication index (0-based); with the seed it fixes every random draw.
    pub replication: u32,
    /// KPI values indexed by [`Kpi::index`]; `None` where undefined in this replication.
    pub kpis: Vec<Option<f64>>,
    /// Time use per role, in order of the role's first appearance in the team.
    pub time_use: Vec<RoleTimeUse>,
    /// Events the engine processed.
    pub events: u64,
}

impl ReplicationResult {
    /// The value of one KPI, if defined.
    pub fn kpi(&self, kpi: Kpi) -> Option<f64> {
        self.kpis[kpi.index()]
    }
}
