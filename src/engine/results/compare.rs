//! Statistics that can be trusted: outliers among repetitions (the modified
//! z-score, as hyperfine flags them), the relative speed of two runs with
//! its uncertainty, and a run measured today against the same label in a
//! saved result, with differences beyond noise marked.

use super::metrics::{ExperimentResult, RunSummary, Stats};

/// Modified z-score above which a repetition is an outlier (Iglewicz and
/// Hoaglin's 3.5, as hyperfine uses).
const OUTLIER_Z: f64 = 3.5;
/// Spread (sd / mean) above which a run's figures deserve a warning.
pub const SPREAD_WARNING: f64 = 0.05;
/// A relative difference this small is never called a change, whatever
/// the spread says (one repetition has no spread at all).
const SMALLEST_CHANGE: f64 = 0.03;

/// Indices of `values` whose modified z-score, `0.6745 (x − median) / MAD`,
/// is above 3.5. None when the MAD is zero (most values equal).
pub fn outliers(values: &[f64]) -> Vec<usize> {
    if values.len() < 3 {
        return Vec::new();
    }
    let median = Stats::of(values).median;
    let deviations: Vec<f64> = values.iter().map(|v| (v - median).abs()).collect();
    let mad = Stats::of(&deviations).median;
    if mad <= 0.0 {
        return Vec::new();
    }
    values
        .iter()
        .enumerate()
        .filter(|(_, v)| (0.6745 * (*v - median) / mad).abs() > OUTLIER_Z)
        .map(|(i, _)| i)
        .collect()
}

/// How many times faster `fast` ran than `slow` (ratio of mean walls), with
/// its standard uncertainty by error propagation:
/// `σ = ratio · √((σ_fast/mean_fast)² + (σ_slow/mean_slow)²)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelativeSpeed {
    /// slow mean wall / fast mean wall.
    pub ratio: f64,
    /// Its standard uncertainty.
    pub uncertainty: f64,
}

impl RelativeSpeed {
    /// `fast` against `slow`; `None` without a mean wall time for either.
    pub fn of(fast: &Stats, slow: &Stats) -> Option<RelativeSpeed> {
        if fast.mean <= 0.0 || slow.mean <= 0.0 {
            return None;
        }
        let ratio = slow.mean / fast.mean;
        let relative = ((fast.sd / fast.mean).powi(2) + (slow.sd / slow.mean).powi(2)).sqrt();
        Some(RelativeSpeed {
            ratio,
            uncertainty: ratio * relative,
        })
    }

    /// Whether the ratio is away from 1 by more than twice its uncertainty
    /// and by more than a few per cent.
    pub fn beyond_noise(&self) -> bool {
        let distance = (self.ratio - 1.0).abs();
        distance > 2.0 * self.uncertainty && distance > SMALLEST_CHANGE
    }
}

/// The fastest successful run, against which the others are compared.
pub fn fastest(result: &ExperimentResult) -> Option<usize> {
    result
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.succeeded() && r.wall_s.mean > 0.0)
        .min_by(|a, b| a.1.wall_s.mean.total_cmp(&b.1.wall_s.mean))
        .map(|(i, _)| i)
}

/// The spread of a run's wall time over repetitions, sd / mean, when above
/// [`SPREAD_WARNING`].
pub fn wide_spread(run: &RunSummary) -> Option<f64> {
    let spread = run.wall_s.sd / run.wall_s.mean;
    (run.repetitions > 1 && run.wall_s.mean > 0.0 && spread > SPREAD_WARNING).then_some(spread)
}

/// One run measured now against the same label in a saved result.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The run's label.
    pub label: String,
    /// Its mean wall time then, s.
    pub old_wall_s: f64,
    /// Its mean wall time now, s.
    pub new_wall_s: f64,
    /// How many times faster it runs now (below 1: slower).
    pub speed: RelativeSpeed,
}

/// Every run of `new` with a successful namesake in `old`, in `new`'s order,
/// and the labels found in only one of them.
pub fn compare(new: &ExperimentResult, old: &ExperimentResult) -> (Vec<Comparison>, Vec<String>) {
    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for run in &new.runs {
        let before = old.runs.iter().find(|o| o.label == run.label);
        match before.filter(|o| o.succeeded() && run.succeeded()) {
            Some(before) => {
                if let Some(speed) = RelativeSpeed::of(&run.wall_s, &before.wall_s) {
                    matched.push(Comparison {
                        label: run.label.clone(),
                        old_wall_s: before.wall_s.mean,
                        new_wall_s: run.wall_s.mean,
                        speed,
                    });
                }
            }
            None => unmatched.push(run.label.clone()),
        }
    }
    for run in &old.runs {
        if !new.runs.iter().any(|n| n.label == run.label) {
            unmatched.push(run.label.clone());
        }
    }
    (matched, unmatched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_repetition_is_an_outlier_and_ordinary_spread_is_not() {
        // Median 1.0, MAD 0.01: 1.5 has z = 0.6745 × 0.5 / 0.01 ≈ 33.7.
        assert_eq!(outliers(&[1.0, 1.01, 0.99, 1.5, 1.0]), vec![3]);
        assert!(outliers(&[1.0, 1.02, 0.98, 1.03, 0.97]).is_empty());
        assert!(outliers(&[1.0, 1.0, 1.0, 2.0]).is_empty(), "MAD of zero");
        assert!(outliers(&[1.0, 9.0]).is_empty(), "too few to tell");
    }

    #[test]
    fn relative_speed_propagates_both_uncertainties() {
        let stats = |mean: f64, sd: f64| Stats {
            mean,
            sd,
            ..Stats::default()
        };
        // Hand-computed: ratio 2, relative errors 0.03 and 0.04 → 0.05 → ±0.1.
        let speed = RelativeSpeed::of(&stats(1.0, 0.03), &stats(2.0, 0.08)).expect("speed");
        assert!((speed.ratio - 2.0).abs() < 1e-12);
        assert!((speed.uncertainty - 0.1).abs() < 1e-12);
        assert!(speed.beyond_noise());
        let close = RelativeSpeed::of(&stats(1.0, 0.05), &stats(1.04, 0.05)).expect("speed");
        assert!(!close.beyond_noise(), "{close:?}");
        assert_eq!(RelativeSpeed::of(&stats(0.0, 0.0), &stats(1.0, 0.0)), None);
    }
}
