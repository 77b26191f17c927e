//! A sweep as curves: each run's measured figure against the swept value,
//! the fitted law beside it, and the guides (1×, the ideal). The window's
//! sweep plot and the exported `sweep` chart both draw these.

use crate::engine::results::fit::Fit;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::{SweepParameter, WorkloadKind};

/// What the curves measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SweepMeasure {
    /// Speed-up over the baseline (×).
    Speedup,
    /// The convoy's I/O task time, ms: the GIL's cost to a waiting thread.
    IoTaskMs,
}

/// One run's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepCurve {
    /// The run's label in the preset.
    pub label: String,
    /// Index of its first run in the result, for its colour.
    pub run_index: usize,
    /// Measured (value, figure) points, by value; empty for a flat run.
    pub points: Vec<[f64; 2]>,
    /// A run the parameter does not apply to: its one figure, drawn flat.
    pub flat: Option<f64>,
    /// The fitted law's prediction at each measured value, in the same
    /// terms as `points`.
    pub predicted: Vec<[f64; 2]>,
    /// The fitted serial fraction, for the legend.
    pub serial_fraction: Option<f64>,
}

/// Everything a sweep plot draws.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepView {
    /// The swept parameter (the x axis).
    pub parameter: SweepParameter,
    /// What the y axis measures.
    pub measure: SweepMeasure,
    /// The swept values, ascending.
    pub values: Vec<f64>,
    /// One curve per run of the preset.
    pub curves: Vec<SweepCurve>,
    /// The ideal speed-up at each value (worker sweeps: linear up to the
    /// logical cores, flat after).
    pub ideal: Vec<[f64; 2]>,
}

impl SweepView {
    /// The view of `result`, or `None` when it is not a sweep.
    pub fn of(result: &ExperimentResult) -> Option<SweepView> {
        let sweep = result.preset.sweep.as_ref()?;
        let measure = if result.kind() == WorkloadKind::Convoy {
            SweepMeasure::IoTaskMs
        } else {
            SweepMeasure::Speedup
        };
        let mut values = sweep.values.clone();
        values.sort_by(f64::total_cmp);
        let mut curves: Vec<SweepCurve> = Vec::new();
        for (index, run) in result.runs.iter().enumerate() {
            let figure = figure_of(run, measure);
            match &run.sweep_of {
                Some(label) => {
                    let curve = match curves.iter_mut().find(|c| &c.label == label) {
                        Some(curve) => curve,
                        None => {
                            curves.push(SweepCurve::new(label.clone(), index));
                            let last = curves.len() - 1;
                            &mut curves[last]
                        }
                    };
                    if let (Some(value), Some(figure)) = (run.sweep_value, figure) {
                        curve.points.push([value, figure]);
                    }
                }
                None => {
                    let mut curve = SweepCurve::new(run.label.clone(), index);
                    curve.flat = figure;
                    curves.push(curve);
                }
            }
        }
        for curve in &mut curves {
            curve.points.sort_by(|a, b| a[0].total_cmp(&b[0]));
            if measure == SweepMeasure::Speedup
                && let Some(fit) = result.fits.iter().find(|f| f.label == curve.label)
            {
                curve.predicted = predicted_in_chart_terms(fit, &curve.points);
                curve.serial_fraction = Some(fit.serial_fraction);
            }
        }
        let cores = result.machine.cores.max(1) as f64;
        let ideal = match (sweep.parameter, measure) {
            (SweepParameter::Workers, SweepMeasure::Speedup) => {
                values.iter().map(|&v| [v, v.min(cores)]).collect()
            }
            _ => Vec::new(),
        };
        Some(SweepView {
            parameter: sweep.parameter,
            measure,
            values,
            curves,
            ideal,
        })
    }

    /// The largest figure drawn, for the y axis.
    pub fn y_max(&self) -> f64 {
        let curves = self.curves.iter().flat_map(|c| {
            c.points
                .iter()
                .chain(&c.predicted)
                .map(|p| p[1])
                .chain(c.flat)
        });
        curves
            .chain(self.ideal.iter().map(|p| p[1]))
            .fold(1.0, f64::max)
    }
}

impl SweepCurve {
    fn new(label: String, run_index: usize) -> Self {
        SweepCurve {
            label,
            run_index,
            points: Vec::new(),
            flat: None,
            predicted: Vec::new(),
            serial_fraction: None,
        }
    }
}

fn figure_of(run: &RunSummary, measure: SweepMeasure) -> Option<f64> {
    if !run.succeeded() {
        return None;
    }
    match measure {
        SweepMeasure::Speedup => run.speedup,
        SweepMeasure::IoTaskMs => run.io_task_ms,
    }
}

/// The fit predicts speed-ups over the run's own one-worker time; the chart
/// shows speed-ups over the baseline. Both share each point's wall time, so
/// one ratio (measured over fitted, the same at every point) converts.
fn predicted_in_chart_terms(fit: &Fit, measured: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let ratio = fit.points.iter().find_map(|p| {
        let shown = measured.iter().find(|m| m[0] == p.value)?;
        (p.speedup > 0.0).then(|| shown[1] / p.speedup)
    });
    let Some(ratio) = ratio else {
        return Vec::new();
    };
    let mut predicted: Vec<[f64; 2]> = fit
        .points
        .iter()
        .map(|p| [p.value, p.predicted * ratio])
        .collect();
    predicted.sort_by(|a, b| a[0].total_cmp(&b[0]));
    predicted
}
