//! The bundled scenarios through the library: the Erlang C anchor on `validation/mmc.ron`,
//! and a short run of every bundled scenario.

use salesim::experiment::run_replications;
use salesim::model::Kpi;
use salesim::report::RunSummary;

use crate::common::root;

#[test]
fn mmc_ron_matches_erlang_c_within_its_confidence_intervals() {
    let (_, config) =
        salesim::scenario::load_config(&root().join("scenarios/validation/mmc.ron")).unwrap();
    let results = run_replications(&config, config.replications, config.seed, &|_| {});
    let summary = RunSummary::from_results(&config, config.seed, &results);
    for (kpi, exact) in [
        (Kpi::InboundResponseHoursMean, 0.66873),
        (Kpi::InboundResponseHoursP50, 0.2908),
        (Kpi::InboundResponseHoursP90, 1.9002),
        (Kpi::Utilization, 0.9),
    ] {
        let s = summary.kpi(kpi).unwrap();
        let [lo, hi] = s.ci95.unwrap();
        assert!(
            lo <= exact && exact <= hi,
            "{}: CI [{lo}, {hi}] excludes {exact}",
            kpi.name()
        );
        assert!(
            (hi - lo) / 2.0 < 0.05 * exact,
            "{}: CI [{lo}, {hi}] wider than ±5%",
            kpi.name()
        );
    }
}

#[test]
fn every_bundled_scenario_runs() {
    for name in [
        "generalist",
        "specialized",
        "small-generalist",
        "small-specialized",
    ] {
        let (_, config) =
            salesim::scenario::load_config(&root().join(format!("scenarios/{name}.ron"))).unwrap();
        let results = run_replications(&config, 2, config.seed, &|_| {});
        let s = RunSummary::from_results(&config, config.seed, &results);
        let revenue = s.kpi(Kpi::RevenuePerWeek).unwrap().mean.unwrap();
        assert!(revenue > 0.0, "{name}: revenue {revenue}");
    }
}
