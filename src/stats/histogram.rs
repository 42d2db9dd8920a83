//! A bounded-memory histogram of non-negative values with log-spaced buckets, for quantiles.
//!
//! Response delays are recorded per lead, so storing them would make memory grow with the
//! number of events. Instead each value falls into one of a fixed set of buckets whose width is
//! at most a constant fraction ([`RELATIVE_WIDTH`]) of their lower edge; a quantile is reported
//! as the geometric middle of its bucket.
//!
//! The buckets are read off the value's bit pattern (exponent and the top [`SUB_BITS`] bits of
//! the mantissa, as in HdrHistogram), so recording a value costs a shift and a subtraction, not
//! a logarithm: it is done once per lead.
//!
//! # Precision
//!
//! Quantiles of values in `[MIN_POSITIVE, MAX]` are within `RELATIVE_WIDTH / 2` (0.049%) of the
//! exact order statistic; exact zeros are kept apart and reported as 0; smaller positive values
//! count as [`MIN_POSITIVE`], larger ones as [`MAX`].

/// Mantissa bits that split each power of two into equal buckets.
pub const SUB_BITS: u32 = 10;
/// Largest relative width of a bucket, `2^-SUB_BITS` (≈ 0.098%): a bucket `[a, b)` has
/// `b ≤ a·(1 + RELATIVE_WIDTH)`.
pub const RELATIVE_WIDTH: f64 = 1.0 / (1u64 << SUB_BITS) as f64;
/// Smallest positive value resolved [same unit as the values].
pub const MIN_POSITIVE: f64 = 1e-6;
/// Largest value resolved.
pub const MAX: f64 = 1e7;

/// Bits below the bucket number in a positive float's bit pattern.
const SHIFT: u32 = 52 - SUB_BITS;

/// The bucket number of a value in `[MIN_POSITIVE, MAX]`, counted from `MIN_POSITIVE`'s bucket.
#[inline]
fn bucket(value: f64) -> usize {
    bucket_const(value)
}

/// The lower edge of bucket `i`.
fn lower_edge(i: usize) -> f64 {
    f64::from_bits(((MIN_POSITIVE.to_bits() >> SHIFT) + i as u64) << SHIFT)
}

/// Buckets per page. Pages are allocated when a value first falls in them (the values of a
/// run usually span a few powers of two, so a few pages of the 45), and scans add up whole
/// pages (a sum the compiler vectorises) and skip pages never allocated.
const PAGE: usize = 1 << SUB_BITS;

/// Number of buckets: `MIN_POSITIVE`'s to `MAX`'s.
const BUCKETS: usize = bucket_const(MAX) + 1;

/// [`bucket`] for constants.
const fn bucket_const(value: f64) -> usize {
    ((value.to_bits() >> SHIFT) - (MIN_POSITIVE.to_bits() >> SHIFT)) as usize
}

/// Counts of values by bucket. Memory is bounded (at most about 180 KB, in pages of 4 KB
/// allocated as values reach them) whatever the number of values.
#[derive(Debug, Clone)]
pub struct Histogram {
    zeros: u64,
    /// Pages of [`PAGE`] bucket counts; `None` while no value has fallen in the page.
    pages: Vec<Option<Box<[u32]>>>,
    count: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram::new()
    }
}

/// The sum of a run of buckets.
fn total(buckets: &[u32]) -> u64 {
    buckets.iter().map(|&c| u64::from(c)).sum()
}

impl Histogram {
    /// An empty histogram.
    pub fn new() -> Self {
        Histogram {
            zeros: 0,
            pages: vec![None; BUCKETS.div_ceil(PAGE)],
            count: 0,
        }
    }

    /// Number of values recorded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Records one value (negative values count as zero).
    #[inline]
    pub fn record(&mut self, value: f64) {
        self.count += 1;
        if value <= 0.0 {
            self.zeros += 1;
            return;
        }
        let i = bucket(value.clamp(MIN_POSITIVE, MAX));
        let page = self.pages[i / PAGE].get_or_insert_with(|| vec![0; PAGE].into_boxed_slice());
        let c = &mut page[i % PAGE];
        *c = c.saturating_add(1);
    }

    /// The number of values in buckets `lo..hi`.
    fn sum_buckets(&self, lo: usize, hi: usize) -> u64 {
        let mut sum = 0;
        let mut i = lo;
        while i < hi {
            let end = hi.min((i / PAGE + 1) * PAGE);
            if let Some(page) = &self.pages[i / PAGE] {
                sum += total(&page[i % PAGE..i % PAGE + (end - i)]);
            }
            i = end;
        }
        sum
    }

    /// The `q`-quantile (`0 < q ≤ 1`): the value of rank `⌈q·n⌉` among the `n` recorded, to
    /// within the bucket precision; `None` if nothing was recorded.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = ((q * self.count as f64).ceil() as u64).clamp(1, self.count);
        if rank <= self.zeros {
            return Some(0.0);
        }
        let mut seen = self.zeros;
        for (p, page) in self.pages.iter().enumerate() {
            let Some(page) = page else { continue };
            let in_page = total(page);
            if seen + in_page < rank {
                seen += in_page;
                continue;
            }
            for (j, &c) in page.iter().enumerate() {
                seen += u64::from(c);
                if seen >= rank {
                    let i = p * PAGE + j;
                    return Some((lower_edge(i) * lower_edge(i + 1)).sqrt());
                }
            }
        }
        Some(MAX)
    }

    /// The share of recorded values at or below each of `xs` (increasing), to within the
    /// bucket precision (a bucket counts once its upper edge is ≤ x); `None` if empty.
    pub fn cdf_at(&self, xs: &[f64]) -> Option<Vec<f64>> {
        if self.count == 0 {
            return None;
        }
        let n = self.count as f64;
        let mut out = Vec::with_capacity(xs.len());
        let mut seen = self.zeros;
        let mut next = 0usize;
        for &x in xs {
            if x >= MIN_POSITIVE {
                let upto = bucket(x.min(MAX)).min(BUCKETS);
                if upto > next {
                    seen += self.sum_buckets(next, upto);
                    next = upto;
                }
            }
            out.push(if x < 0.0 { 0.0 } else { seen as f64 / n });
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_exact_order_statistics_within_precision() {
        let mut h = Histogram::new();
        let values: Vec<f64> = (1..=1000).map(|i| i as f64 * 0.01).collect();
        for &v in &values {
            h.record(v);
        }
        for (q, exact) in [(0.5, 5.0), (0.9, 9.0), (1.0, 10.0), (0.001, 0.01)] {
            let got = h.quantile(q).unwrap();
            assert!(
                (got / exact - 1.0).abs() < RELATIVE_WIDTH,
                "q {q}: {got} vs {exact}"
            );
        }
    }

    #[test]
    fn cdf_counts_values_up_to_each_point() {
        let mut h = Histogram::new();
        assert_eq!(h.cdf_at(&[1.0]), None);
        for v in [0.0, 0.5, 1.5, 2.5, 10.0] {
            h.record(v);
        }
        let cdf = h.cdf_at(&[0.0, 1.0, 2.0, 3.0, 100.0]).unwrap();
        assert_eq!(cdf, vec![0.2, 0.4, 0.6, 0.8, 1.0]);
    }

    #[test]
    fn buckets_tile_the_range_with_the_stated_relative_width() {
        assert_eq!(bucket(MIN_POSITIVE), 0);
        assert!(lower_edge(0) <= MIN_POSITIVE && MIN_POSITIVE < lower_edge(1));
        let mut x = MIN_POSITIVE;
        while x < MAX {
            let i = bucket(x);
            let (a, b) = (lower_edge(i), lower_edge(i + 1));
            assert!(a <= x && x < b, "{x} outside bucket {i} = [{a}, {b})");
            assert!(
                b <= a * (1.0 + RELATIVE_WIDTH),
                "bucket {i} = [{a}, {b}) too wide"
            );
            assert_eq!(bucket(b), i + 1);
            x *= 1.37;
        }
        assert_eq!(BUCKETS, bucket(MAX) + 1);
        assert_eq!(
            Histogram::new().pages.len() * PAGE,
            BUCKETS.next_multiple_of(PAGE)
        );
    }

    #[test]
    fn paged_scans_agree_with_a_bucket_by_bucket_count() {
        use crate::engine::rng::{stream, uniform};
        let mut rng = stream(3, 0, 0, 0);
        let mut h = Histogram::new();
        let mut values = Vec::new();
        for _ in 0..20_000 {
            // Log-uniform over the whole range and beyond, with some exact zeros.
            let v = if uniform(&mut rng) < 0.05 {
                0.0
            } else {
                10f64.powf(-7.0 + 15.0 * uniform(&mut rng))
            };
            h.record(v);
            values.push(v);
        }
        let n = values.len() as f64;
        let xs: Vec<f64> = (-8..=16).map(|e| 2.7f64.powi(e) * 1e-3).collect();
        let cdf = h.cdf_at(&xs).unwrap();
        for (x, got) in xs.iter().zip(cdf) {
            // A value counts once its whole bucket lies at or below x: its bucket is below x's.
            let upto = bucket(x.clamp(MIN_POSITIVE, MAX));
            let below = values
                .iter()
                .filter(|&&v| {
                    v <= 0.0 || (x >= &MIN_POSITIVE && bucket(v.clamp(MIN_POSITIVE, MAX)) < upto)
                })
                .count();
            assert_eq!(got, below as f64 / n, "cdf at {x}");
        }
        values.sort_by(f64::total_cmp);
        for q in [0.001, 0.05, 0.5, 0.9, 0.999, 1.0] {
            let exact = values[((q * n).ceil() as usize).clamp(1, values.len()) - 1];
            let got = h.quantile(q).unwrap();
            let clamped = if exact <= 0.0 {
                0.0
            } else {
                exact.clamp(MIN_POSITIVE, MAX)
            };
            if clamped == 0.0 {
                assert_eq!(got, 0.0);
            } else {
                let i = bucket(clamped);
                assert_eq!(got, (lower_edge(i) * lower_edge(i + 1)).sqrt(), "q {q}");
            }
        }
    }

    #[test]
    fn zeros_are_exact_and_empty_has_no_quantile() {
        let mut h = Histogram::new();
        assert_eq!(h.quantile(0.5), None);
        for _ in 0..6 {
            h.record(0.0);
        }
        for _ in 0..4 {
            h.record(2.0);
        }
        assert_eq!(h.quantile(0.5), Some(0.0));
        assert_eq!(h.quantile(0.6), Some(0.0));
        assert!((h.quantile(0.7).unwrap() - 2.0).abs() < 2.0 * RELATIVE_WIDTH);
        assert_eq!(h.count(), 10);
    }
}
