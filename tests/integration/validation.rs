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
        "scout-ladder",
    ] {
        let (_, config) =
            salesim::scenario::load_config(&root().join(format!("scenarios/{name}.ron"))).unwrap();
        let results = run_replications(&config, 2, config.seed, &|_| {});
        let s = RunSummary::from_results(&config, config.seed, &results);
        let revenue = s.kpi(Kpi::RevenuePerWeek).unwrap().mean.unwrap();
        assert!(revenue > 0.0, "{name}: revenue {revenue}");
    }
}

/// With attrition off everywhere, the people-and-money model reproduces the core model of
/// issue 2 exactly: the JSON it printed then (`tests/fixtures/core/*.json`, written by commit
/// e0f342a) is what `salesim run` prints now, for every KPI that existed then, the time
/// shares and the event count.
#[test]
fn attrition_off_reproduces_the_core_model_exactly() {
    for name in ["specialized", "generalist", "hybrid"] {
        let dir = root().join("tests/fixtures/core");
        let golden: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        let out = crate::common::salesim()
            .args(["run", "--format", "json", "-j", "2"])
            .arg(dir.join(format!("{name}.ron")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let now: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let kpis = golden["kpis"].as_object().unwrap();
        assert!(
            kpis.len() >= 28,
            "{name}: the golden file lists every core KPI"
        );
        for (kpi, value) in kpis {
            assert_eq!(&now["kpis"][kpi], value, "{name}: {kpi}");
        }
        for key in [
            "time_share",
            "events_per_replication",
            "replications",
            "seed",
        ] {
            assert_eq!(now[key], golden[key], "{name}: {key}");
        }
        // And the money KPIs are there, with nobody leaving.
        assert_eq!(now["kpis"]["departures_per_year"]["mean"], 0.0);
        assert!(now["kpis"]["cost_per_week"]["mean"].as_f64().unwrap() > 0.0);
    }
}
