//! Rendering tests: fonts draw ink, files are valid, output follows the data and is
//! deterministic, and odd data never fails.

use super::*;

/// Renders `chart` into an in-memory RGB buffer through the public `draw` entry point.
fn pixels(chart: Chart, data: &ChartData) -> Vec<u8> {
    let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        chart.draw(data, &area).unwrap();
        area.present().unwrap();
    }
    buf
}

/// Dark pixels in the rectangle `x0..x1` × `y0..y1`.
fn ink(buf: &[u8], (x0, x1): (u32, u32), (y0, y1): (u32, u32)) -> usize {
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let i = ((y * WIDTH + x) * 3) as usize;
            if buf[i..i + 3].iter().all(|&c| c < 110) {
                n += 1;
            }
        }
    }
    n
}

/// The sample data with every chart's input changed.
fn altered() -> ChartData {
    let mut data = ChartData::sample();
    let s = &mut data.scenarios[1];
    s.weekly.iter_mut().for_each(|w| w.deals_won.mean *= 1.5);
    s.weekly.iter_mut().for_each(|w| w.revenue.mean *= 0.5);
    s.funnel[0].per_week.mean *= 2.0;
    s.response_cdf.iter_mut().for_each(|p| p[1] *= 0.5);
    s.time_budget[0].shares = [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1];
    s.money.as_mut().unwrap().profit = Band::new(-5_000.0, -9_000.0, -1_000.0);
    s.clarity.as_mut().unwrap().focus = Band::new(0.5, 0.4, 0.6);
    data
}

#[test]
fn the_title_band_has_ink_from_the_bundled_font() {
    for chart in Chart::ALL {
        let buf = pixels(chart, &ChartData::sample());
        let title = ink(&buf, (20, 700), (10, 50));
        assert!(
            title > 300,
            "{}: {title} dark pixels in the title band",
            chart.name()
        );
        let blank = vec![255u8; buf.len()];
        assert_eq!(ink(&blank, (20, 700), (10, 50)), 0);
    }
}

#[test]
fn the_draw_functions_render_into_an_in_memory_buffer() {
    let data = ChartData::sample();
    for chart in Chart::ALL {
        let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
            match chart {
                Chart::Throughput => draw_throughput(&data, &area),
                Chart::Funnel => draw_funnel(&data, &area),
                Chart::SpeedToLead => draw_speed_to_lead(&data, &area),
                Chart::TimeBudget => draw_time_budget(&data, &area),
                Chart::Clarity => draw_clarity(&data, &area),
                Chart::Money => draw_money(&data, &area),
            }
            .unwrap();
            area.present().unwrap();
        }
        assert_eq!(buf, pixels(chart, &data), "{}", chart.name());
    }
}

#[test]
fn every_file_is_a_1200_by_800_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let paths = render_all(&ChartData::sample(), dir.path()).unwrap();
    assert_eq!(paths.len(), 12);
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("png") => {
                assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
                assert_eq!(&bytes[12..16], b"IHDR");
                let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
                assert_eq!((be(16), be(20)), (WIDTH, HEIGHT), "{}", path.display());
            }
            Some("svg") => {
                let text = String::from_utf8(bytes).unwrap();
                let head = &text[text.find("<svg").expect("an <svg element")..];
                let head = &head[..head.find('>').unwrap()];
                assert!(head.contains("width=\"1200\""), "{head}");
                assert!(head.contains("height=\"800\""), "{head}");
                assert!(text.contains("<text") && text.contains("font-family=\"sans-serif\""));
                assert!(text.trim_end().ends_with("</svg>"));
            }
            _ => panic!("unexpected file {}", path.display()),
        }
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        12,
        "no temporaries left"
    );
}

#[test]
fn charts_follow_the_data_and_are_deterministic() {
    let (a, b) = (ChartData::sample(), altered());
    for chart in Chart::ALL {
        let first = chart.to_png(&a).unwrap();
        assert_eq!(
            first,
            chart.to_png(&a).unwrap(),
            "{} is not deterministic",
            chart.name()
        );
        assert_ne!(
            first,
            chart.to_png(&b).unwrap(),
            "{} ignores its data",
            chart.name()
        );
        assert_eq!(chart.to_svg(&a).unwrap(), chart.to_svg(&a).unwrap());
        assert_ne!(chart.to_svg(&a).unwrap(), chart.to_svg(&b).unwrap());
    }
}

/// Data sets that once could have broken a renderer.
fn odd_data() -> Vec<(&'static str, ChartData)> {
    let sample = ChartData::sample();
    let one = ChartData {
        scenarios: vec![sample.scenarios[0].clone()],
    };
    let mut six = ChartData::default();
    for i in 0..6 {
        let mut s = sample.scenarios[i % 2].clone();
        s.name = format!("Scenario number {i} with a long name");
        six.scenarios.push(s);
    }
    let mut nan = sample.clone();
    for s in &mut nan.scenarios {
        s.weekly
            .iter_mut()
            .for_each(|w| w.revenue = Band::new(f64::NAN, f64::NAN, f64::INFINITY));
        s.funnel
            .iter_mut()
            .for_each(|f| f.per_week.hi = f64::NEG_INFINITY);
        s.response_cdf.push([f64::NAN, 0.5]);
        s.time_budget
            .iter_mut()
            .for_each(|b| b.shares = [f64::NAN; 7]);
        s.money = Some(Money {
            revenue: Band::new(f64::NAN, 0.0, 1.0),
            ..Money::default()
        });
    }
    let mut zero = sample.clone();
    for s in &mut zero.scenarios {
        s.weekly.iter_mut().for_each(|w| {
            *w = WeekPoint {
                week: w.week,
                ..WeekPoint::default()
            }
        });
        s.funnel
            .iter_mut()
            .for_each(|f| f.per_week = Band::default());
        s.response_cdf = vec![[0.0, 0.0], [0.0, 1.0]];
        s.money = Some(Money::default());
    }
    let mut loss = sample.clone();
    for s in &mut loss.scenarios {
        s.money.as_mut().unwrap().profit = Band::new(-40_000.0, -55_000.0, -20_000.0);
        s.weekly.truncate(1);
    }
    let mut huge = sample.clone();
    for s in &mut huge.scenarios {
        let big = Band::new(1e300, -1e308, f64::MAX);
        s.weekly
            .iter_mut()
            .for_each(|w| (w.deals_won, w.revenue) = (big, big));
        s.funnel[0].per_week = big;
        let last = WeekPoint {
            week: u32::MAX,
            ..s.weekly[0]
        };
        s.weekly.push(last);
        s.response_cdf = vec![[1e-300, 0.1], [1e300, 1.0]];
        s.time_budget[0].shares = [f64::MAX, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        s.money = Some(Money {
            revenue: big,
            cost: big,
            profit: Band::new(-1e300, -f64::MAX, 0.0),
        });
        let c = s.clarity.as_mut().unwrap();
        c.kpi_clarity = big;
        c.detectability_weeks = Some(big);
    }
    let empty_scenario = ChartData {
        scenarios: vec![ScenarioCharts {
            name: String::new(),
            ..ScenarioCharts::default()
        }],
    };
    vec![
        ("empty", ChartData::default()),
        ("empty scenario", empty_scenario),
        ("one scenario", one),
        ("six scenarios", six),
        ("NaN and infinities", nan),
        ("all zero", zero),
        ("negative profit, one week", loss),
        ("huge values", huge),
    ]
}

#[test]
fn odd_data_renders_without_error() {
    for (what, data) in odd_data() {
        for chart in Chart::ALL {
            chart
                .to_png(&data)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            chart
                .to_svg(&data)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }
}

#[test]
fn clarity_and_money_are_written_only_with_their_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = ChartData::sample();
    data.scenarios
        .iter_mut()
        .for_each(|s| (s.clarity, s.money) = (None, None));
    let paths = render_all(&data, dir.path()).unwrap();
    let names: Vec<_> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names.len(), 8);
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("clarity") || n.starts_with("money"))
    );
}

#[test]
fn an_unwritable_directory_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let err = render_all(&ChartData::sample(), &file.join("charts")).unwrap_err();
    assert!(matches!(err, PlotError::Io { .. }));
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

#[test]
fn chart_data_round_trips_through_json() {
    let data = ChartData::sample();
    let json = serde_json::to_string(&data).unwrap();
    assert_eq!(serde_json::from_str::<ChartData>(&json).unwrap(), data);
}
