//! Smooth thick lines in a PNG: a plotters element that anti-aliases polylines itself.
//!
//! plotters' bitmap backend turns a line wider than one pixel into polygons whose corners are
//! truncated to whole pixels, so a 3 px curve wobbles. [`Polyline`] instead gives every pixel
//! near the line a coverage from its distance to the nearest segment. On any other backend
//! (SVG) it hands the path to the backend, which draws it exactly.

use std::collections::BTreeMap;

use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};

/// A polyline in chart coordinates, `width` pixels wide.
#[derive(Debug, Clone)]
pub(crate) struct Polyline {
    points: Vec<(f64, f64)>,
    color: RGBColor,
    width: u32,
}

impl Polyline {
    /// A polyline through `points` (chart coordinates) in `color`, `width` pixels wide.
    pub(crate) fn new(points: Vec<(f64, f64)>, color: RGBColor, width: u32) -> Self {
        Self {
            points,
            color,
            width,
        }
    }
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Polyline {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> Self::IntoIter {
        &self.points
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Polyline {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let points: Vec<BackendCoord> = pos.collect();
        if !std::any::type_name::<DB>().contains("BitMapBackend") {
            return backend.draw_path(points, &self.color.stroke_width(self.width));
        }
        let rgb = (self.color.0, self.color.1, self.color.2);
        let (w, h) = backend.get_size();
        let clip = (w as i32, h as i32);
        for ((x, y), alpha) in coverage(&points, self.width as f64 / 2.0, clip) {
            backend.draw_pixel((x, y), BackendColor { alpha, rgb })?;
        }
        Ok(())
    }
}

/// Each pixel of `0..clip.0` × `0..clip.1` covered by a line of half-width `half` \[px\]
/// through `points`: 1 within the line, falling linearly to 0 over one pixel at its edge.
/// Ordered, so output is deterministic; a pixel near two segments takes the larger coverage,
/// not the sum. Only on-screen pixels are visited, however far off-screen a point lies.
fn coverage(points: &[BackendCoord], half: f64, clip: (i32, i32)) -> BTreeMap<(i32, i32), f64> {
    let mut out = BTreeMap::new();
    let pad = half.ceil() as i32 + 1;
    let segments = points.windows(2).map(|w| (w[0], w[1]));
    let single = points
        .first()
        .filter(|_| points.len() == 1)
        .map(|&p| (p, p));
    for (a, b) in segments.chain(single) {
        let (x0, x1) = (
            a.0.min(b.0).saturating_sub(pad),
            a.0.max(b.0).saturating_add(pad),
        );
        let (y0, y1) = (
            a.1.min(b.1).saturating_sub(pad),
            a.1.max(b.1).saturating_add(pad),
        );
        for y in y0.max(0)..=y1.min(clip.1 - 1) {
            for x in x0.max(0)..=x1.min(clip.0 - 1) {
                let c = (half + 0.5 - distance((x, y), a, b)).clamp(0.0, 1.0);
                if c > 0.0 {
                    let e = out.entry((x, y)).or_insert(0.0f64);
                    *e = e.max(c);
                }
            }
        }
    }
    out
}

/// Distance [px] from `p` to the segment `a`–`b`.
fn distance(p: BackendCoord, a: BackendCoord, b: BackendCoord) -> f64 {
    let (px, py) = (p.0 as f64, p.1 as f64);
    let (ax, ay, bx, by) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_horizontal_line_covers_its_width_and_fades_at_the_edge() {
        let c = coverage(&[(0, 10), (20, 10)], 1.5, (100, 100));
        for y in 9..=11 {
            assert_eq!(c[&(10, y)], 1.0);
        }
        assert!(!c.contains_key(&(10, 12)));
        let c = coverage(&[(0, 10), (20, 10)], 1.0, (100, 100));
        assert_eq!(c[&(10, 11)], 0.5);
    }

    #[test]
    fn only_on_screen_pixels_are_visited() {
        let c = coverage(&[(-2_000_000_000, 5), (2_000_000_000, 5)], 1.5, (50, 20));
        assert_eq!(c.len(), 50 * 3);
        assert!(
            c.keys()
                .all(|&(x, y)| (0..50).contains(&x) && (4..=6).contains(&y))
        );
    }

    #[test]
    fn a_single_point_is_a_dot() {
        let c = coverage(&[(5, 5)], 1.5, (100, 100));
        assert_eq!(c[&(5, 5)], 1.0);
        assert!(c.len() > 5);
    }

    #[test]
    fn distance_is_to_the_nearest_point_of_the_segment() {
        assert_eq!(distance((5, 3), (0, 0), (10, 0)), 3.0);
        assert_eq!(distance((13, 4), (0, 0), (10, 0)), 5.0);
        assert_eq!(distance((3, 4), (0, 0), (0, 0)), 5.0);
    }
}
