//! Sweep chart tests: the CSV reads, the pages follow the varying axes, files are valid,
//! output follows the data, and odd data never fails.

use super::*;

/// A points.csv with the given axes and rows of (coords, mean, lo, hi) for profit_per_week.
fn csv(axes: &[&str], rows: &[(&[&str], &str, &str, &str)]) -> String {
    let mut s = format!(
        "point,{},deals_won_per_week_mean,profit_per_week_mean,profit_per_week_lo,profit_per_week_hi\n",
        axes.join(",")
    );
    if axes.is_empty() {
        s = s.replacen("point,,", "point,", 1);
    }
    for (i, (coords, m, lo, hi)) in rows.iter().enumerate() {
        let c = if coords.is_empty() {
            String::new()
        } else {
            format!("{},", coords.join(","))
        };
        s.push_str(&format!("{i},{c}1,{m},{lo},{hi}\n"));
    }
    s
}

fn data(text: &str) -> SweepData {
    SweepData::from_csv(text, Kpi::ProfitPerWeek).unwrap()
}

/// A 3 × 2 grid over scouts and closers.
fn grid() -> SweepData {
    let mut rows = Vec::new();
    let scouts = ["0", "1", "2"];
    let closers = ["1", "2"];
    let mut owned = Vec::new();
    for s in scouts {
        for c in closers {
            let v = (s.parse::<f64>().unwrap() + 1.0) * 1000.0 * c.parse::<f64>().unwrap();
            owned.push((
                [s, c],
                v.to_string(),
                (v - 500.0).to_string(),
                (v + 500.0).to_string(),
            ));
        }
    }
    for (c, m, lo, hi) in &owned {
        rows.push((&c[..], m.as_str(), lo.as_str(), hi.as_str()));
    }
    data(&csv(&["team.Scout.count", "team.Closer.count"], &rows))
}

fn line() -> SweepData {
    data(&csv(
        &["horizon_weeks", "inbound.leads_per_week"],
        &[
            (&["12", "10"], "100", "50", "150"),
            (&["12", "20"], "300", "250", "350"),
            (&["12", "40"], "200", "", ""),
        ],
    ))
}

fn pixels(data: &SweepData, page: usize) -> Vec<u8> {
    let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        draw_sweep(data, page, &area).unwrap();
        area.present().unwrap();
    }
    buf
}

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

#[test]
fn the_csv_reads_axes_and_the_chosen_kpi() {
    let d = line();
    assert_eq!(d.axes, ["horizon_weeks", "inbound.leads_per_week"]);
    assert_eq!(d.points.len(), 3);
    assert_eq!(d.points[1].coords, ["12", "20"]);
    assert_eq!(d.points[1].value, Some(Band::new(300.0, 250.0, 350.0)));
    assert!(d.points[2].value.unwrap().lo.is_nan());
    let deals = SweepData::from_csv(&csv(&["a"], &[(&["1"], "", "", "")]), Kpi::DealsWonPerWeek);
    assert_eq!(deals.unwrap().points[0].value.unwrap().mean, 1.0);
}

#[test]
fn a_file_that_is_not_points_csv_is_refused() {
    assert!(matches!(
        SweepData::from_csv("hello,world\n1,2\n", Kpi::ProfitPerWeek),
        Err(PointsError::NotPoints)
    ));
    assert!(matches!(
        SweepData::from_csv("point,a,win_rate_mean\n0,1,0.5\n", Kpi::ProfitPerWeek),
        Err(PointsError::MissingKpi("profit_per_week"))
    ));
    assert!(SweepData::from_csv("", Kpi::ProfitPerWeek).is_err());
}

#[test]
fn pages_follow_the_varying_axes() {
    assert_eq!(line().file_stems(), ["sweep_profit_per_week"]);
    assert!(matches!(line().plan().pages[0], Page::Curve { x: 1 }));
    assert_eq!(grid().page_count(), 1);
    assert!(matches!(
        grid().plan().pages[0],
        Page::Heatmap { x: 0, y: 1, .. }
    ));
    // Four varying axes of 2 × 2 × 4 × 5: 20 combinations of the last two, 12 drawn.
    let mut rows = Vec::new();
    let mut owned = Vec::new();
    for a in 0..2 {
        for b in 0..2 {
            for c in 0..4 {
                for d in 0..5 {
                    owned.push([a, b, c, d].map(|v| v.to_string()));
                }
            }
        }
    }
    let refs: Vec<Vec<&str>> = owned
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    for r in &refs {
        rows.push((&r[..], "5", "4", "6"));
    }
    let many = data(&csv(&["a", "b", "c", "d"], &rows));
    assert_eq!(many.page_count(), MAX_PAGES);
    assert_eq!(many.plan().combinations, 20);
    assert_eq!(many.file_stems()[11], "sweep_profit_per_week_12");
    let Page::Heatmap { fixed, .. } = &many.plan().pages[5] else {
        panic!()
    };
    assert_eq!(fixed, &[(2, "1".to_string()), (3, "0".to_string())]);
}

#[test]
fn the_title_band_has_ink() {
    for d in [line(), grid()] {
        let buf = pixels(&d, 0);
        assert!(ink(&buf, (20, 700), (10, 50)) > 300);
    }
}

#[test]
fn files_are_1200_by_800_png_and_svg_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let paths = render_sweep(&grid(), dir.path()).unwrap();
    let names: Vec<_> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["sweep_profit_per_week.png", "sweep_profit_per_week.svg"]
    );
    let png = std::fs::read(&paths[0]).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    assert_eq!((be(16), be(20)), (WIDTH, HEIGHT));
    let svg = std::fs::read_to_string(&paths[1]).unwrap();
    let head = &svg[svg.find("<svg").unwrap()..];
    let head = &head[..head.find('>').unwrap()];
    assert!(
        head.contains("width=\"1200\"") && head.contains("height=\"800\""),
        "{head}"
    );
    assert!(svg.contains("$6k"), "cell labels are money");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporaries left"
    );
}

#[test]
fn different_data_gives_different_bytes_and_the_same_data_the_same() {
    for d in [line(), grid()] {
        let mut other = d.clone();
        other.points[0].value = Some(Band::new(-5000.0, -6000.0, -4000.0));
        assert_eq!(sweep_png(&d, 0).unwrap(), sweep_png(&d, 0).unwrap());
        assert_ne!(sweep_png(&d, 0).unwrap(), sweep_png(&other, 0).unwrap());
        assert_ne!(sweep_svg(&d, 0).unwrap(), sweep_svg(&other, 0).unwrap());
    }
}

#[test]
fn the_best_cell_depends_on_the_direction() {
    let cells = vec![
        vec![Some(Band::new(1.0, 1.0, 1.0)), None],
        vec![
            Some(Band::new(3.0, 3.0, 3.0)),
            Some(Band::new(-1.0, -1.0, -1.0)),
        ],
    ];
    assert_eq!(heatmap::best_cell(&cells, false), Some((0, 1)));
    assert_eq!(heatmap::best_cell(&cells, true), Some((1, 1)));
    assert!(lower_is_better(Kpi::CostPerDeal));
    assert!(!lower_is_better(Kpi::ProfitPerWeek));
    assert_eq!(heatmap::viridis(f64::NAN), heatmap::viridis(0.0));
}

/// Inputs that could break a renderer.
fn odd() -> Vec<(&'static str, SweepData)> {
    let nan = data(&csv(
        &["a", "b"],
        &[
            (&["1", "x"], "NaN", "inf", "-inf"),
            (&["2", "y"], "1e308", "-1e308", ""),
        ],
    ));
    let words = data(&csv(
        &["policy"],
        &[
            (&["fifo"], "3", "2", "4"),
            (&["lifo"], "oops", "", ""),
            (&["fifo"], "5", "", ""),
        ],
    ));
    let mut short_rows = String::from(
        "point,a,b,profit_per_week_mean,profit_per_week_lo,profit_per_week_hi\n0,1\n1,2,3,4\n2\n",
    );
    short_rows.push_str("3,1,3,-2,-3,-1\n");
    let long = format!("{},b", "x".repeat(300));
    vec![
        ("no rows", data(&csv(&["a", "b"], &[]))),
        (
            "no axes",
            data(&csv(&[], &[(&[], "1", "0", "2"), (&[], "2", "1", "3")])),
        ),
        (
            "single point",
            data(&csv(&["a"], &[(&["1"], "7", "6", "8")])),
        ),
        (
            "single value everywhere",
            data(&csv(&["a", "b"], &[(&["1", "2"], "7", "", "")])),
        ),
        (
            "all empty",
            data(&csv(
                &["a", "b"],
                &[(&["1", "2"], "", "", ""), (&["2", "3"], "", "", "")],
            )),
        ),
        ("NaN and huge", nan),
        ("words", words),
        ("short rows", data(&short_rows)),
        (
            "long names",
            data(&csv(
                &[&long, "y"],
                &[(&["1", "2"], "1", "0", "2"), (&["2", "3"], "2", "1", "3")],
            )),
        ),
    ]
}

#[test]
fn odd_data_renders_without_error() {
    for (what, d) in odd() {
        for page in 0..d.page_count() + 1 {
            sweep_png(&d, page).unwrap_or_else(|e| panic!("{what}: {e}"));
            sweep_svg(&d, page).unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }
}

#[test]
fn a_large_grid_renders() {
    let mut owned = Vec::new();
    for a in 0..60 {
        for b in 0..40 {
            owned.push(([a.to_string(), b.to_string()], (a * b) as f64));
        }
    }
    let mut text = String::from("point,a,b,profit_per_week_mean\n");
    for (i, (c, v)) in owned.iter().enumerate() {
        text.push_str(&format!("{i},{},{},{v}\n", c[0], c[1]));
    }
    sweep_png(&data(&text), 0).unwrap();
}
