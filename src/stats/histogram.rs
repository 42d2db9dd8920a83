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
//! # Two modes, one answer
//!
//! There are 45 × 1,024 buckets, far more than the values of a typical replication (a few
//! thousand, spread over several powers of two, so most buckets would hold zero or one value).
//! A [`Histogram`] therefore starts in *small mode*: it keeps each positive value's bucket
//! number (a `u16`) in a list, and answers queries from that list, grouped once by block of 256
//! buckets (a counting sort on the high byte) so that a query looks into one block only. Past
//! `SMALL_MAX` (8,192) positive values it moves them into *paged mode* for good: counts in
//! pages of 1,024 buckets, allocated (zeroed) when a value first falls in them. Both modes
//! answer from the same bucket numbers by the same rules (the value of a rank is its bucket's
//! middle; a bucket counts towards `cdf_at(x)` once it lies wholly below x's bucket), so the
//! answers are the same bit for bit; the tests check it over random value sets and across the
//! switch.
//!
//! Small mode saves zeroing and scanning the pages: for the ~1,000–2,000 positive values of a
//! `specialized.ron` or `generalist.ron` replication it costs ~30 instructions a value in all
//! (recording, grouping, queries), where the pages cost ~4,000 a page touched as callgrind
//! counts the zeroing (15–17 pages, 60–70 KB) before any scan.
//!
//! # Memory
//!
//! Bounded whatever the number of values: in small mode at most 8,192 × 2 B for the list, as
//! much for its grouped copy and ~1 KB for the cell holding the copy and its block starts
//! (~33 KB in all); in paged mode at most 45 pages of 4 KB, their 720 B table and that (now
//! empty) 1 KB cell (~182 KB; the list and its copy are freed on the switch).
//!
//! # Precision
//!
//! Quantiles of values in `[MIN_POSITIVE, MAX]` are within `RELATIVE_WIDTH / 2` (0.049%) of the
//! exact order statistic; exact zeros are kept apart and reported as 0; smaller positive values
//! count as [`MIN_POSITIVE`], larger ones as [`MAX`].

use std::borrow::Cow;
use std::sync::OnceLock;

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

/// The value a quantile reports for bucket `i`: the geometric middle of its edges.
fn middle(i: usize) -> f64 {
    (lower_edge(i) * lower_edge(i + 1)).sqrt()
}

/// Buckets per page (paged mode). Pages are allocated when a value first falls in them (the
/// values of a run usually span a few powers of two, so a few pages of the 45), and scans add
/// up whole pages (a sum the compiler vectorises) and skip pages never allocated. Smaller pages
/// were measured: 256 buckets save under 10% of the paged mode's cost just past the switch and
/// ~1% at 100,000 values, where recording dominates.
const PAGE: usize = 1 << SUB_BITS;

/// Number of buckets: `MIN_POSITIVE`'s to `MAX`'s.
const BUCKETS: usize = bucket_const(MAX) + 1;

// Bucket numbers fit in a `u16`, as the small mode stores them.
const _: () = assert!(BUCKETS <= u16::MAX as usize + 1);

/// Most positive values kept in small mode; the next one switches the histogram to pages.
/// Measured (recording, two quantiles and a 41-point CDF, log-normal values): the small mode
/// costs less than the pages at every size up to 100,000 values (~30 against ~60 instructions a
/// value beyond the pages' fixed cost), so the limit is set by memory instead: 8,192 keeps the
/// small mode's list and grouped copy (4 B a value, 32 KB) within a 48 KB L1d.
const SMALL_MAX: usize = 8192;

/// Buckets per block, the unit [`Blocks`] groups bucket numbers by: their high byte.
const BLOCK: usize = 256;

/// Number of blocks a bucket number (a `u16`) can fall in.
const BLOCKS: usize = (u16::MAX as usize + 1) / BLOCK;

/// [`bucket`] for constants.
const fn bucket_const(value: f64) -> usize {
    ((value.to_bits() >> SHIFT) - (MIN_POSITIVE.to_bits() >> SHIFT)) as usize
}

/// Counts of non-negative values by log-spaced bucket, for quantiles and CDF points, in bounded
/// memory (at most ~33 KB in small mode, ~182 KB in paged mode; see the [module](self) docs).
///
/// Invariants: `count == zeros + positives`, where the positives are `small.len()` in small mode
/// (`pages` empty) and the sum of the page counts in paged mode (`small` empty; a bucket's
/// count saturates at `u32::MAX`). Both modes give the same answers for the same values.
#[derive(Debug, Clone)]
pub struct Histogram {
    /// Values recorded, zeros included.
    count: u64,
    /// Values recorded that were zero or negative.
    zeros: u64,
    /// Small mode: the bucket number of every positive value recorded, in order of recording,
    /// at most [`SMALL_MAX`]. Empty in paged mode.
    small: Vec<u16>,
    /// Small mode: `small` grouped by block, built by the first query. Its length tells whether
    /// it is current (values recorded since make `small` longer; a stale one is not used).
    ///
    /// Boxed so that the histogram holds no interior mutability inline. Unboxed, the
    /// simulation's hot loop took one more instruction per task booking (~40,000 a
    /// `generalist.ron` replication, as much as the cache saves), presumably because structs
    /// holding the cell are no longer `Freeze`, so references to them lose LLVM's `readonly`.
    blocks: Box<OnceLock<Blocks>>,
    /// Paged mode: pages of [`PAGE`] bucket counts; `None` while no value has fallen in the
    /// page. Empty (nothing allocated) in small mode, which this tells apart.
    pages: Vec<Option<Box<[u32]>>>,
}

/// The small mode's bucket numbers ordered by block (their high byte; any order within a
/// block), by one pass of a counting sort: a query then looks at one block only.
#[derive(Debug, Clone)]
struct Blocks {
    /// The bucket numbers, block by block.
    codes: Vec<u16>,
    /// Block `b` is `codes[starts[b]..starts[b + 1]]`.
    starts: [u32; BLOCKS + 1],
}

impl Blocks {
    /// Groups `codes` (fewer than `u32::MAX` of them) by block.
    fn new(codes: &[u16]) -> Self {
        let mut starts = [0u32; BLOCKS + 1];
        for &c in codes {
            starts[usize::from(c >> 8) + 1] += 1;
        }
        for b in 1..=BLOCKS {
            starts[b] += starts[b - 1];
        }
        let mut next = starts;
        let mut grouped = vec![0; codes.len()];
        for &c in codes {
            let at = &mut next[usize::from(c >> 8)];
            grouped[*at as usize] = c;
            *at += 1;
        }
        Blocks {
            codes: grouped,
            starts,
        }
    }

    /// The bucket numbers in block `b`.
    fn block(&self, b: usize) -> &[u16] {
        &self.codes[self.starts[b] as usize..self.starts[b + 1] as usize]
    }

    /// How many bucket numbers are below `upto`.
    fn below(&self, upto: usize) -> usize {
        let b = upto / BLOCK;
        if b >= BLOCKS {
            return self.codes.len();
        }
        let in_block = self.block(b).iter().filter(|&&c| usize::from(c) < upto);
        self.starts[b] as usize + in_block.count()
    }

    /// The bucket number of rank `k` (0-based, `k < codes.len()`) in increasing order.
    fn select(&self, k: usize) -> usize {
        // The block that holds it: the first that ends beyond `k`.
        let b = self.starts[1..].partition_point(|&end| end as usize <= k);
        let mut k = k - self.starts[b] as usize;
        // Count the block's bucket numbers by low byte, then walk up to rank `k`.
        let mut by_low = [0u32; BLOCK];
        for &c in self.block(b) {
            by_low[usize::from(c as u8)] += 1;
        }
        for (low, &n) in by_low.iter().enumerate() {
            let n = n as usize;
            if k < n {
                return b * BLOCK + low;
            }
            k -= n;
        }
        unreachable!("rank beyond its block");
    }
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
    /// An empty histogram, in small mode.
    pub fn new() -> Self {
        Histogram {
            count: 0,
            zeros: 0,
            small: Vec::new(),
            blocks: Box::new(OnceLock::new()),
            pages: Vec::new(),
        }
    }

    /// Number of values recorded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Records one value (negative values count as zero). Panics on NaN, which has no bucket.
    #[inline]
    pub fn record(&mut self, value: f64) {
        self.count += 1;
        if value <= 0.0 {
            self.zeros += 1;
            return;
        }
        let i = bucket(value.clamp(MIN_POSITIVE, MAX));
        if self.pages.is_empty() {
            if self.small.len() < SMALL_MAX {
                // (In paged mode, a NaN's bucket number falls beyond the pages.)
                assert!(i < BUCKETS, "NaN recorded in a histogram");
                self.small.push(i as u16);
                return;
            }
            self.spill();
        }
        self.add_to_page(i);
    }

    /// Switches to paged mode: counts the listed values into pages and frees the list (and its
    /// grouped copy).
    #[cold]
    fn spill(&mut self) {
        self.pages = vec![None; BUCKETS.div_ceil(PAGE)];
        self.blocks.take();
        for i in std::mem::take(&mut self.small) {
            self.add_to_page(usize::from(i));
        }
    }

    /// Counts one value in bucket `i` (paged mode).
    #[inline]
    fn add_to_page(&mut self, i: usize) {
        let page = self.pages[i / PAGE].get_or_insert_with(|| vec![0; PAGE].into_boxed_slice());
        let c = &mut page[i % PAGE];
        *c = c.saturating_add(1);
    }

    /// Small mode: the recorded bucket numbers grouped by block, built once and kept (built
    /// afresh, and not kept, if values were recorded since).
    fn blocks(&self) -> Cow<'_, Blocks> {
        let kept = self.blocks.get_or_init(|| Blocks::new(&self.small));
        if kept.codes.len() == self.small.len() {
            Cow::Borrowed(kept)
        } else {
            Cow::Owned(Blocks::new(&self.small))
        }
    }

    /// The number of values in buckets `lo..hi` (paged mode).
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

    /// The bucket of the value of rank `rank` (1-based, zeros first) in paged mode; `None` if
    /// the counts fall short of it (only after a bucket's count saturated).
    fn paged_bucket_of_rank(&self, rank: u64) -> Option<usize> {
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
                    return Some(p * PAGE + j);
                }
            }
        }
        None
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
        if self.pages.is_empty() {
            // The value of rank `rank` is the positive one of rank `rank - zeros`.
            let k = (rank - self.zeros - 1) as usize;
            return Some(middle(self.blocks().select(k)));
        }
        Some(self.paged_bucket_of_rank(rank).map_or(MAX, middle))
    }

    /// The share of recorded values at or below each of `xs` (increasing), to within the
    /// bucket precision (a bucket counts once its upper edge is ≤ x); `None` if empty.
    pub fn cdf_at(&self, xs: &[f64]) -> Option<Vec<f64>> {
        if self.count == 0 {
            return None;
        }
        let n = self.count as f64;
        let blocks = self.pages.is_empty().then(|| self.blocks());
        let mut out = Vec::with_capacity(xs.len());
        // The zeros, and the values in buckets below `next`, are at or below x.
        let mut seen = self.zeros;
        let mut next = 0usize;
        for &x in xs {
            if x >= MIN_POSITIVE {
                let upto = bucket(x.min(MAX)).min(BUCKETS);
                if upto > next {
                    seen = match &blocks {
                        Some(blocks) => self.zeros + blocks.below(upto) as u64,
                        None => seen + self.sum_buckets(next, upto),
                    };
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
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// A copy of `h` in paged mode (`h` itself stays as it is).
    fn paged(h: &Histogram) -> Histogram {
        let mut p = h.clone();
        if p.pages.is_empty() {
            p.spill();
        }
        assert!(p.small.is_empty() && !p.pages.is_empty());
        p
    }

    /// Reference answers from first principles: the values' bucket numbers, sorted.
    struct Exact {
        n: usize,
        zeros: usize,
        sorted: Vec<usize>,
    }

    impl Exact {
        fn new(values: &[f64]) -> Self {
            let mut sorted: Vec<usize> = values
                .iter()
                .filter(|&&v| v > 0.0)
                .map(|&v| bucket(v.clamp(MIN_POSITIVE, MAX)))
                .collect();
            sorted.sort_unstable();
            Exact {
                n: values.len(),
                zeros: values.len() - sorted.len(),
                sorted,
            }
        }

        fn quantile(&self, q: f64) -> Option<f64> {
            if self.n == 0 {
                return None;
            }
            let rank = ((q * self.n as f64).ceil() as usize).clamp(1, self.n);
            Some(if rank <= self.zeros {
                0.0
            } else {
                middle(self.sorted[rank - self.zeros - 1])
            })
        }

        /// CDF at increasing `xs` (a bucket counts once it lies wholly below x's bucket).
        fn cdf_at(&self, xs: &[f64]) -> Option<Vec<f64>> {
            (self.n > 0).then(|| {
                xs.iter()
                    .map(|&x| {
                        if x < 0.0 {
                            return 0.0;
                        }
                        let below = if x >= MIN_POSITIVE {
                            let upto = bucket(x.min(MAX));
                            self.sorted.partition_point(|&i| i < upto)
                        } else {
                            0
                        };
                        (self.zeros + below) as f64 / self.n as f64
                    })
                    .collect()
            })
        }
    }

    /// Quantile levels that hit ranks of `n` values (all of them up to 500; else the first
    /// and last 50 and 200 between), exactly, just below and between.
    fn levels(n: usize) -> Vec<f64> {
        let mut ranks: Vec<usize> = if n <= 500 {
            (1..=n).collect()
        } else {
            (1..=50)
                .chain((50..n - 50).step_by(n / 200))
                .chain(n - 50..=n)
                .collect()
        };
        ranks.dedup();
        let n = n.max(1) as f64;
        let mut qs = vec![0.0, 1e-12, 0.5, 0.9, 0.999, 1.0];
        for r in ranks {
            let r = r as f64;
            qs.extend([r / n, (r - 0.5) / n, f64::from_bits((r / n).to_bits() - 1)]);
        }
        qs
    }

    /// CDF points around every value's bucket edges, and the special ones, increasing.
    fn points(values: &[f64]) -> Vec<f64> {
        let mut xs = vec![
            f64::NEG_INFINITY,
            -1.0,
            0.0,
            MIN_POSITIVE / 2.0,
            MIN_POSITIVE,
            MAX,
            MAX * 2.0,
            f64::INFINITY,
        ];
        for &v in values.iter().filter(|&&v| v > 0.0) {
            let i = bucket(v.clamp(MIN_POSITIVE, MAX));
            for edge in [lower_edge(i), lower_edge(i + 1)] {
                xs.extend([edge, f64::from_bits(edge.to_bits() - 1), v]);
            }
        }
        xs.sort_by(f64::total_cmp);
        xs
    }

    /// Checks `h`'s answers against the exact ones (and so across modes), to the bit.
    fn assert_answers(h: &Histogram, values: &[f64]) {
        let exact = Exact::new(values);
        assert_eq!(h.count(), values.len() as u64);
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        for q in levels(values.len()) {
            assert_eq!(bits(h.quantile(q)), bits(exact.quantile(q)), "q {q}");
        }
        let xs = points(values);
        let got = h
            .cdf_at(&xs)
            .map(|v| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        let want = exact.cdf_at(&xs);
        let want = want.map(|v| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        assert_eq!(got, want, "cdf at {xs:?}");
    }

    /// A value drawn to exercise the edge cases: zeros and negatives, values clamped at either
    /// end, bucket edges, and ordinary values over the whole range.
    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(0.0),
            Just(-0.0),
            -1e3..0.0f64,
            Just(MIN_POSITIVE),
            Just(MAX),
            0.0..MIN_POSITIVE,
            MAX..1e300f64,
            (0..BUCKETS).prop_map(lower_edge),
            (0..BUCKETS).prop_map(|i| f64::from_bits(lower_edge(i + 1).to_bits() - 1)),
            (-8.0..8.0f64).prop_map(|e| 10f64.powf(e)),
            0.5..2.0f64,
        ]
    }

    proptest! {
        #![proptest_config(Config {
            cases: 512,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(0x5a1e_5133),
            ..Config::default()
        })]

        /// Small mode and paged mode give the same answers, the exact ones, on every quantile
        /// rank and every CDF point around the values' buckets.
        #[test]
        fn small_and_paged_modes_agree(values in proptest::collection::vec(value(), 0..200)) {
            let mut h = Histogram::new();
            for &v in &values {
                h.record(v);
            }
            prop_assert!(h.pages.is_empty());
            assert_answers(&h, &values);
            assert_answers(&paged(&h), &values);
        }

        /// Few distinct buckets, many repeats: ranks that fall on runs of equal values.
        #[test]
        fn modes_agree_on_repeated_values(
            values in proptest::collection::vec(
                prop_oneof![Just(0.0), Just(1.0), Just(1.0005), Just(3.0), Just(MAX)],
                1..400,
            )
        ) {
            let mut h = Histogram::new();
            for &v in &values {
                h.record(v);
            }
            assert_answers(&h, &values);
            assert_answers(&paged(&h), &values);
        }
    }

    /// Values around the switch: up to `SMALL_MAX` positive ones stay in small mode, the next
    /// one moves them all into pages, and the answers stay exact throughout, including when a
    /// query came before more values (the kept grouping is stale then).
    #[test]
    fn switch_to_pages_keeps_the_answers() {
        use crate::engine::rng::{stream, uniform};
        let mut rng = stream(5, 0, 0, 0);
        let mut h = Histogram::new();
        let mut values = Vec::new();
        let mut positives = 0;
        while positives < SMALL_MAX + 3 {
            let v = if uniform(&mut rng) < 0.1 {
                0.0
            } else {
                10f64.powf(-2.0 + 5.0 * uniform(&mut rng))
            };
            h.record(v);
            values.push(v);
            positives += usize::from(v > 0.0);
            if positives <= SMALL_MAX {
                assert!(h.pages.is_empty() && h.small.len() == positives);
            } else {
                assert!(h.small.is_empty() && !h.pages.is_empty());
            }
            if [
                1,
                2,
                1000,
                SMALL_MAX - 1,
                SMALL_MAX,
                SMALL_MAX + 1,
                SMALL_MAX + 3,
            ]
            .contains(&positives)
                && v > 0.0
            {
                assert_answers(&h, &values);
            }
        }
    }

    #[test]
    fn a_kept_grouping_is_not_used_once_stale() {
        let mut h = Histogram::new();
        for v in [1.0, 2.0, 3.0] {
            h.record(v);
        }
        assert_answers(&h, &[1.0, 2.0, 3.0]);
        h.record(0.5);
        h.record(0.25);
        assert_answers(&h, &[1.0, 2.0, 3.0, 0.5, 0.25]);
    }

    #[test]
    fn memory_stays_bounded() {
        let mut h = Histogram::new();
        for i in 0..100_000 {
            h.record(1e-7 * 1.001f64.powi(i));
        }
        assert!(h.small.capacity() == 0 && h.blocks.get().is_none());
        assert_eq!(h.pages.len(), BUCKETS.div_ceil(PAGE));
        let mut small = Histogram::new();
        for i in 0..SMALL_MAX {
            small.record(1.0 + i as f64);
        }
        assert!(small.small.capacity() <= SMALL_MAX);
    }

    #[test]
    #[should_panic(expected = "NaN")]
    fn nan_panics_in_small_mode() {
        Histogram::new().record(f64::NAN);
    }

    #[test]
    #[should_panic]
    fn nan_panics_in_paged_mode() {
        let mut h = paged(&Histogram::new());
        h.record(f64::NAN);
    }

    #[test]
    fn quantiles_match_exact_order_statistics_within_precision() {
        let mut h = Histogram::new();
        let values: Vec<f64> = (1..=1000).map(|i| i as f64 * 0.01).collect();
        for &v in &values {
            h.record(v);
        }
        for h in [paged(&h), h] {
            for (q, exact) in [(0.5, 5.0), (0.9, 9.0), (1.0, 10.0), (0.001, 0.01)] {
                let got = h.quantile(q).unwrap();
                assert!(
                    (got / exact - 1.0).abs() < RELATIVE_WIDTH,
                    "q {q}: {got} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn cdf_counts_values_up_to_each_point() {
        let mut h = Histogram::new();
        assert_eq!(h.cdf_at(&[1.0]), None);
        assert_eq!(paged(&h).cdf_at(&[1.0]), None);
        for v in [0.0, 0.5, 1.5, 2.5, 10.0] {
            h.record(v);
        }
        for h in [paged(&h), h] {
            let cdf = h.cdf_at(&[0.0, 1.0, 2.0, 3.0, 100.0]).unwrap();
            assert_eq!(cdf, vec![0.2, 0.4, 0.6, 0.8, 1.0]);
        }
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
            paged(&Histogram::new()).pages.len() * PAGE,
            BUCKETS.next_multiple_of(PAGE)
        );
    }

    #[test]
    fn scans_agree_with_a_bucket_by_bucket_count() {
        use crate::engine::rng::{stream, uniform};
        // 2,000 values stay in small mode; 20,000 go to pages.
        for n in [2_000, 20_000] {
            let mut rng = stream(3, 0, 0, 0);
            let mut h = Histogram::new();
            let mut values = Vec::new();
            for _ in 0..n {
                // Log-uniform over the whole range and beyond, with some exact zeros.
                let v = if uniform(&mut rng) < 0.05 {
                    0.0
                } else {
                    10f64.powf(-7.0 + 15.0 * uniform(&mut rng))
                };
                h.record(v);
                values.push(v);
            }
            assert_eq!(h.pages.is_empty(), n < SMALL_MAX);
            let n = values.len() as f64;
            let xs: Vec<f64> = (-8..=16).map(|e| 2.7f64.powi(e) * 1e-3).collect();
            let cdf = h.cdf_at(&xs).unwrap();
            for (x, got) in xs.iter().zip(cdf) {
                // A value counts once its whole bucket lies at or below x: its bucket is below
                // x's.
                let upto = bucket(x.clamp(MIN_POSITIVE, MAX));
                let below = values
                    .iter()
                    .filter(|&&v| {
                        v <= 0.0
                            || (x >= &MIN_POSITIVE && bucket(v.clamp(MIN_POSITIVE, MAX)) < upto)
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
                    assert_eq!(got, middle(bucket(clamped)), "q {q}");
                }
            }
        }
    }

    #[test]
    fn zeros_are_exact_and_empty_has_no_quantile() {
        let mut h = Histogram::new();
        assert_eq!(h.quantile(0.5), None);
        assert_eq!(paged(&h).quantile(0.5), None);
        for _ in 0..6 {
            h.record(0.0);
        }
        for _ in 0..4 {
            h.record(2.0);
        }
        for h in [paged(&h), h] {
            assert_eq!(h.quantile(0.5), Some(0.0));
            assert_eq!(h.quantile(0.6), Some(0.0));
            assert!((h.quantile(0.7).unwrap() - 2.0).abs() < 2.0 * RELATIVE_WIDTH);
            assert_eq!(h.count(), 10);
        }
    }
}
