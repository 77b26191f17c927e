//! Scaling laws fitted to a sweep: how much of a run could not go parallel.
//!
//! A worker sweep is read through Amdahl's law, `1/S(n) = s + (1 − s)/n`,
//! with `n` the workers that can compute at once (no more than the logical
//! cores) and `S(n)` the run's speed-up over itself at one worker: the
//! fitted `s` is the share of the one-worker time that stayed serial. A task
//! sweep is read through Gustafson's law: the work grows while the serial
//! part stays, so the serial share of the parallel run shrinks and the
//! scaled speed-up `s + (1 − s)·n` approaches `n`.

use serde::{Deserialize, Serialize};

use super::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::SweepParameter;

/// Which law a fit follows.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Law {
    /// Fixed work, more workers.
    Amdahl,
    /// Fixed workers, more work.
    Gustafson,
}

/// One measured point of a fitted sweep.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FitPoint {
    /// The swept value (workers, tasks).
    pub value: f64,
    /// Workers that can compute at once: min(workers, logical cores).
    pub parallel: f64,
    /// Measured speed-up.
    pub speedup: f64,
    /// Speed-up the fitted law predicts.
    pub predicted: f64,
    /// Gustafson: the serial share of this point's parallel run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_fraction: Option<f64>,
}

/// A law fitted to one run's sweep (a JSON contract: `label`, `parameter`,
/// `serial_fraction`, `r2`, `points`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fit {
    /// The run as the preset names it (without the swept value).
    pub label: String,
    /// The swept parameter.
    pub parameter: SweepParameter,
    /// Amdahl: the fitted serial share of the one-worker time. Gustafson: the
    /// serial share of the parallel run at the largest value.
    pub serial_fraction: f64,
    /// How well the law's curve follows the measured speed-ups (1 is
    /// exact); absent when the speed-ups barely vary, where R² means nothing.
    pub r2: Option<f64>,
    /// Gustafson: the serial time fitted, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_s: Option<f64>,
    /// The law.
    pub law: Law,
    /// The measured points, by value.
    pub points: Vec<FitPoint>,
}

/// Speed-ups that vary by less than this (relative sd) are called flat.
const FLAT: f64 = 0.01;

/// The fits a finished experiment supports: one per swept run with at
/// least two points at different parallelism.
pub fn fits(result: &ExperimentResult) -> Vec<Fit> {
    let Some(sweep) = &result.preset.sweep else {
        return Vec::new();
    };
    let cores = result.machine.cores.max(1) as f64;
    let mut fits = Vec::new();
    for label in swept_labels(&result.runs) {
        let group: Vec<&RunSummary> = result
            .runs
            .iter()
            .filter(|r| r.sweep_of.as_deref() == Some(label.as_str()) && r.succeeded())
            .collect();
        let fit = match sweep.parameter {
            SweepParameter::Workers => amdahl(&label, &group, cores),
            SweepParameter::Tasks => gustafson(&label, &group, cores),
            _ => None,
        };
        fits.extend(fit);
    }
    fits
}

/// Labels of swept runs, in the experiment's order, once each.
fn swept_labels(runs: &[RunSummary]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for label in runs.iter().filter_map(|r| r.sweep_of.clone()) {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels
}

fn parallel(run: &RunSummary, cores: f64) -> f64 {
    (run.workers.max(1) as f64).min(cores)
}

fn amdahl(label: &str, group: &[&RunSummary], cores: f64) -> Option<Fit> {
    let one_worker = group.iter().find(|r| r.workers == 1).map(|r| r.wall_s.mean);
    let measured: Vec<(f64, f64, f64)> = group
        .iter()
        .filter_map(|r| {
            let speedup = match one_worker {
                Some(one) if r.wall_s.mean > 0.0 => one / r.wall_s.mean,
                Some(_) => return None,
                None => r.speedup?,
            };
            Some((r.sweep_value?, parallel(r, cores), speedup))
        })
        .collect();
    let samples: Vec<(f64, f64)> = measured.iter().map(|&(_, n, s)| (n, s)).collect();
    let s = amdahl_serial_fraction(&samples)?;
    let predict = |n: f64| 1.0 / (s + (1.0 - s) / n);
    let points: Vec<FitPoint> = measured
        .iter()
        .map(|&(value, n, speedup)| FitPoint {
            value,
            parallel: n,
            speedup,
            predicted: predict(n),
            serial_fraction: None,
        })
        .collect();
    Some(Fit {
        label: label.to_owned(),
        parameter: SweepParameter::Workers,
        serial_fraction: s,
        r2: r_squared(&points),
        serial_s: None,
        law: Law::Amdahl,
        points,
    })
}

/// Least squares on `1/S − 1/n = s·(1 − 1/n)`, clamped to [0, 1]; `None`
/// without two points at different parallelism (one worker says nothing).
pub fn amdahl_serial_fraction(samples: &[(f64, f64)]) -> Option<f64> {
    let mut num = 0.0;
    let mut den = 0.0;
    for &(n, speedup) in samples {
        if n <= 0.0 || speedup <= 0.0 {
            continue;
        }
        let x = 1.0 - 1.0 / n;
        num += x * (1.0 / speedup - 1.0 / n);
        den += x * x;
    }
    (den > 1e-12).then(|| (num / den).clamp(0.0, 1.0))
}

fn gustafson(label: &str, group: &[&RunSummary], cores: f64) -> Option<Fit> {
    // (value, n, speed-up, parallel wall, one-worker-equivalent wall)
    let measured: Vec<(f64, f64, f64, f64, f64)> = group
        .iter()
        .filter_map(|r| {
            let speedup = r.speedup?;
            let wall = r.wall_s.mean;
            (wall > 0.0).then_some((
                r.sweep_value?,
                parallel(r, cores),
                speedup,
                wall,
                speedup * wall,
            ))
        })
        .collect();
    // The serial time t: T_n = t + (T_1 − t)/n, so T_n − T_1/n = t·(1 − 1/n).
    let mut num = 0.0;
    let mut den = 0.0;
    for &(_, n, _, wall, one) in &measured {
        let x = 1.0 - 1.0 / n;
        num += x * (wall - one / n);
        den += x * x;
    }
    if den < 1e-12 || measured.len() < 2 {
        return None;
    }
    let serial_s = (num / den).max(0.0);
    let points: Vec<FitPoint> = measured
        .iter()
        .map(|&(value, n, speedup, wall, _)| {
            let share = (serial_s / wall).clamp(0.0, 1.0);
            FitPoint {
                value,
                parallel: n,
                speedup,
                predicted: share + (1.0 - share) * n,
                serial_fraction: Some(share),
            }
        })
        .collect();
    let last_share = points.last().and_then(|p| p.serial_fraction)?;
    Some(Fit {
        label: label.to_owned(),
        parameter: SweepParameter::Tasks,
        serial_fraction: last_share,
        r2: r_squared(&points),
        serial_s: Some(serial_s),
        law: Law::Gustafson,
        points,
    })
}

/// R² of the predicted speed-ups against the measured ones; `None` when
/// either is flat: an R² of a flat line only measures noise (under a GIL
/// the fitted curve is flat at s ≈ 1 and the measured points jitter around
/// it, which once printed an R² of −1.43).
fn r_squared(points: &[FitPoint]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let mean = points.iter().map(|p| p.speedup).sum::<f64>() / points.len() as f64;
    let total: f64 = points.iter().map(|p| (p.speedup - mean).powi(2)).sum();
    let residual: f64 = points
        .iter()
        .map(|p| (p.speedup - p.predicted).powi(2))
        .sum();
    let measured: Vec<f64> = points.iter().map(|p| p.speedup).collect();
    let predicted: Vec<f64> = points.iter().map(|p| p.predicted).collect();
    (varies(&measured) && varies(&predicted)).then(|| 1.0 - residual / total)
}

/// Whether values spread by at least `FLAT` of their mean.
fn varies(values: &[f64]) -> bool {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let spread =
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64).sqrt();
    mean > 0.0 && spread / mean >= FLAT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator: noise without a dependency.
    fn noise(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((*seed >> 33) as f64 / (1u64 << 31) as f64) - 0.5
    }

    #[test]
    fn the_fit_recovers_a_known_serial_fraction_through_noise() {
        let mut seed = 7;
        for planned in [0.0, 0.1, 0.3, 0.6, 1.0] {
            let samples: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0, 16.0]
                .iter()
                .map(|&n| {
                    let exact = 1.0 / (planned + (1.0 - planned) / n);
                    (n, exact * (1.0 + 0.02 * noise(&mut seed)))
                })
                .collect();
            let fitted = amdahl_serial_fraction(&samples).expect("a fit");
            assert!(
                (fitted - planned).abs() < 0.02,
                "planned {planned}, fitted {fitted}"
            );
        }
    }

    #[test]
    fn one_worker_alone_supports_no_fit() {
        assert_eq!(amdahl_serial_fraction(&[(1.0, 1.0), (1.0, 0.98)]), None);
        assert_eq!(amdahl_serial_fraction(&[]), None);
    }

    #[test]
    fn no_speed_up_at_all_is_a_serial_fraction_of_one() {
        let fitted = amdahl_serial_fraction(&[(1.0, 1.0), (2.0, 0.97), (2.0, 0.95)]);
        assert_eq!(fitted, Some(1.0));
    }

    #[test]
    fn r_squared_is_one_on_the_curve_and_absent_when_flat() {
        let point = |n: f64, speedup: f64, predicted: f64| FitPoint {
            value: n,
            parallel: n,
            speedup,
            predicted,
            serial_fraction: None,
        };
        let exact = [
            point(1.0, 1.0, 1.0),
            point(2.0, 1.8, 1.8),
            point(4.0, 3.1, 3.1),
        ];
        assert_eq!(r_squared(&exact), Some(1.0));
        let flat = [point(1.0, 1.0, 1.0), point(2.0, 1.001, 1.0)];
        assert_eq!(r_squared(&flat), None);
        // The GIL's case: a flat fitted curve, measured points jittering 2 %.
        let gil = [
            point(1.0, 0.998, 1.0),
            point(2.0, 0.989, 1.0),
            point(4.0, 0.957, 1.0),
            point(8.0, 0.976, 1.0),
        ];
        assert_eq!(r_squared(&gil), None, "no R² for a flat fitted curve");
        // Hand-computed: mean 2, total 2, residual 1.
        let off = [point(1.0, 1.0, 2.0), point(2.0, 3.0, 3.0)];
        assert_eq!(r_squared(&off), Some(0.5));
    }
}
