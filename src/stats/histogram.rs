//! A fixed-memory histogram of non-negative values with log-spaced buckets, for quantiles.
//!
//! Response delays are recorded per lead, so storing them would make memory grow with the
//! number of events. Instead each value falls into one of a fixed set of buckets whose width is
//! a constant fraction ([`RELATIVE_WIDTH`]) of their lower edge; a quantile is reported as the
//! geometric middle of its bucket.
//!
//! # Precision
//!
//! Quantiles of values in `[MIN_POSITIVE, MAX]` are within `RELATIVE_WIDTH / 2` (0.05%) of the
//! exact order statistic; exact zeros are kept apart and reported as 0; smaller positive values
//! count as [`MIN_POSITIVE`], larger ones as [`MAX`].

/// Relative width of a bucket: bucket `i` is `[MIN_POSITIVE·r^i, MIN_POSITIVE·r^(i+1))`,
/// `r = 1 + RELATIVE_WIDTH`.
pub const RELATIVE_WIDTH: f64 = 1e-3;
/// Smallest positive value resolved [same unit as the values].
pub const MIN_POSITIVE: f64 = 1e-6;
/// Largest value resolved.
pub const MAX: f64 = 1e7;

/// Counts of values by bucket. Memory is fixed (about 120 KB) whatever the number of values.
#[derive(Debug, Clone)]
pub struct Histogram {
    zeros: u64,
    buckets: Vec<u32>,
    count: u64,
    inv_log_ratio: f64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram::new()
    }
}

impl Histogram {
    /// An empty histogram.
    pub fn new() -> Self {
        let log_ratio = RELATIVE_WIDTH.ln_1p();
        let n = ((MAX / MIN_POSITIVE).ln() / log_ratio).ceil() as usize + 1;
        Histogram {
            zeros: 0,
            buckets: vec![0; n],
            count: 0,
            inv_log_ratio: 1.0 / log_ratio,
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
        let clamped = value.clamp(MIN_POSITIVE, MAX);
        let i = ((clamped / MIN_POSITIVE).ln() * self.inv_log_ratio) as usize;
        let i = i.min(self.buckets.len() - 1);
        self.buckets[i] = self.buckets[i].saturating_add(1);
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
        for (i, &c) in self.buckets.iter().enumerate() {
            seen += u64::from(c);
            if seen >= rank {
                let log_mid = (i as f64 + 0.5) / self.inv_log_ratio;
                return Some(MIN_POSITIVE * log_mid.exp());
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
                let upto = (((x / MIN_POSITIVE).ln() * self.inv_log_ratio) as usize)
                    .min(self.buckets.len());
                while next < upto {
                    seen += u64::from(self.buckets[next]);
                    next += 1;
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
