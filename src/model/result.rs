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

/// The KPI-clarity measures of one replication (SPEC §7); `None` where undefined.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClarityValues {
    /// Mean over people with busy time of the share of it on their largest activity.
    pub focus: Option<f64>,
    /// Mean over stages with output of the share produced by people whose largest activity
    /// is that stage.
    pub attribution: Option<f64>,
    /// `focus × attribution`: 1 when every stage's KPI has owners who do nothing else.
    pub kpi_clarity: Option<f64>,
    /// Median over owners' (person, stage) weekly series of the weeks needed to detect a 20%
    /// drop.
    pub detectability_weeks: Option<f64>,
    /// Mean over stages of the same for the team's weekly series.
    pub detectability_team_weeks: Option<f64>,
}

/// The full weekly stage series of one replication, for the fault-injection experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The absolute week number of the first measured week (series index 0).
    pub first_week: u32,
    /// Everyone who was in the team, by person id.
    pub persons: Vec<PersonTrace>,
    /// The team's stage output per measured week, indexed by [`super::Activity::index`].
    pub team: Vec<[u32; 4]>,
}

/// One person's weekly stage output.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonTrace {
    /// When it joined [calendar hours].
    pub joined: f64,
    /// When it left, if it did [calendar hours].
    pub left: Option<f64>,
    /// Its stage output over the measured window (which stages it owns).
    pub output: [u64; 4],
    /// Per measured week, its stage output if it was employed throughout that week.
    pub series: Vec<Option<[u32; 4]>>,
}

/// Hours at which [`ReplicationResult::response_cdf`] is evaluated: 0.01 h to 1000 h, eight
/// points a decade (`10^(−2 + i/8)`, rounded to 4 significant digits).
pub const RESPONSE_CDF_HOURS: [f64; 41] = [
    0.01, 0.01334, 0.01778, 0.02371, 0.03162, 0.04217, 0.05623, 0.07499, 0.1, 0.1334, 0.1778,
    0.2371, 0.3162, 0.4217, 0.5623, 0.7499, 1.0, 1.334, 1.778, 2.371, 3.162, 4.217, 5.623, 7.499,
    10.0, 13.34, 17.78, 23.71, 31.62, 42.17, 56.23, 74.99, 100.0, 133.4, 177.8, 237.1, 316.2,
    421.7, 562.3, 749.9, 1000.0,
];

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
    /// Deals won and revenue per measured week, in week order.
    pub weekly: Vec<[f64; 2]>,
    /// Share of leads picked up in the window within each of [`RESPONSE_CDF_HOURS`]
    /// (empty with none picked up).
    pub response_cdf: Vec<f64>,
    /// The KPI-clarity measures.
    pub clarity: ClarityValues,
    /// Full weekly series, when asked for ([`super::RunOptions::trace`]).
    pub trace: Option<Trace>,
}

impl ReplicationResult {
    /// The value of one KPI, if defined.
    pub fn kpi(&self, kpi: Kpi) -> Option<f64> {
        self.kpis[kpi.index()]
    }
}
