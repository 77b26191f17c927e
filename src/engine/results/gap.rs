//! Predicted versus measured: the speed-up a simple model expects from this
//! machine's own measurements, and the gap between the ideal and the
//! measured speed-up accounted for in named parts, each in seconds of wall
//! time: the GIL, the serial part, start-up, per-task overhead, other
//! programs' load, and what is left unexplained.
//!
//! The ideal wall time is the baseline's over the ideal parallelism (the
//! model's, as if no GIL held it back). Each part adds seconds to it; the
//! measured wall is the ideal plus every part, the unexplained one included.

use serde::{Deserialize, Serialize};

use super::explain::{computes, ideal_parallelism, outside_load};
use super::metrics::{ExperimentResult, RunSummary, baseline_index};

/// The gap between the ideal and the measured wall time, in named parts (a
/// JSON contract: fields are added, never renamed).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Gap {
    /// The ideal speed-up: the model's parallelism with no GIL and no costs.
    pub ideal_speedup: f64,
    /// The baseline's wall time over the ideal speed-up, s.
    pub ideal_wall_s: f64,
    /// Computation the GIL serialised, s.
    pub gil_s: f64,
    /// The workload's serial part, which no worker count shortens, s.
    pub serial_s: f64,
    /// Starting threads, processes or a runtime, beyond the baseline's, s.
    pub startup_s: f64,
    /// Handing each task to a worker and its result back, s.
    pub per_task_overhead_s: f64,
    /// Cores other programs took from the run, s.
    pub other_load_s: f64,
    /// What the parts above do not explain (negative: faster than they say), s.
    pub unexplained_s: f64,
}

/// One part of a gap as a person reads it: its name and the change in
/// speed-up it makes (negative: slower).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapStep {
    /// Which part.
    pub part: GapPart,
    /// Speed-up after the part minus before it.
    pub speedup_change: f64,
}

/// The parts of a gap, in the order they are charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapPart {
    /// [`Gap::gil_s`].
    Gil,
    /// [`Gap::serial_s`].
    Serial,
    /// [`Gap::startup_s`].
    Startup,
    /// [`Gap::per_task_overhead_s`].
    PerTaskOverhead,
    /// [`Gap::other_load_s`].
    OtherLoad,
    /// [`Gap::unexplained_s`].
    Unexplained,
}

impl Gap {
    /// The parts in charging order, with their seconds.
    pub fn parts(&self) -> [(GapPart, f64); 6] {
        [
            (GapPart::Gil, self.gil_s),
            (GapPart::Serial, self.serial_s),
            (GapPart::Startup, self.startup_s),
            (GapPart::PerTaskOverhead, self.per_task_overhead_s),
            (GapPart::OtherLoad, self.other_load_s),
            (GapPart::Unexplained, self.unexplained_s),
        ]
    }

    /// Each part's change in speed-up, charged one after another from the
    /// ideal: their sum is the measured speed-up minus the ideal.
    pub fn steps(&self) -> Vec<GapStep> {
        let baseline_wall = self.ideal_wall_s * self.ideal_speedup;
        let mut wall = self.ideal_wall_s;
        let mut speedup = self.ideal_speedup;
        self.parts()
            .into_iter()
            .map(|(part, seconds)| {
                wall += seconds;
                let after = if wall > 0.0 {
                    baseline_wall / wall
                } else {
                    speedup
                };
                let step = GapStep {
                    part,
                    speedup_change: after - speedup,
                };
                speedup = after;
                step
            })
            .collect()
    }

    /// The speed-up the model predicts: the ideal with the costs measured
    /// on this machine (GIL, serial part, start-up, per-task overhead) and
    /// nothing else.
    pub fn predicted_speedup(&self) -> f64 {
        let wall = self.ideal_wall_s
            + self.gil_s
            + self.serial_s
            + self.startup_s
            + self.per_task_overhead_s;
        if wall > 0.0 {
            self.ideal_wall_s * self.ideal_speedup / wall
        } else {
            self.ideal_speedup
        }
    }
}

impl Gap {
    /// The prediction with other programs' load charged too: what the
    /// machine's state explains.
    pub fn predicted_with_load(&self) -> f64 {
        let wall = self.ideal_wall_s * self.ideal_speedup / self.predicted_speedup();
        let loaded = wall + self.other_load_s;
        if loaded > 0.0 {
            self.ideal_wall_s * self.ideal_speedup / loaded
        } else {
            self.ideal_speedup
        }
    }
}

/// The gap of run `index`, or `None` where there is nothing to account for:
/// the baseline itself, a run without a speed-up, work with no one ideal
/// (mixed), a sequential run.
pub fn gap_of(result: &ExperimentResult, index: usize) -> Option<Gap> {
    let run = result.runs.get(index)?;
    let base_index = baseline_index(result, index);
    let base = result.runs.get(base_index)?;
    if base_index == index || run.speedup.is_none() || !base.succeeded() {
        return None;
    }
    let baseline_wall = base.wall_s.mean;
    let wall = run.wall_s.mean;
    // A baseline that itself ran in parallel (the convoy's threads without a
    // GIL) sets the scale: the ideal is relative to its own parallelism.
    let base_parallel = ideal_parallelism(result, base, true)
        .unwrap_or(1.0)
        .max(1.0);
    let ideal = ideal_parallelism(result, run, false)? / base_parallel;
    if baseline_wall <= 0.0 || wall <= 0.0 {
        return None;
    }
    let ideal_wall = baseline_wall / ideal;
    let serial_total = result
        .preset
        .workload
        .serial_ms
        .map_or(0.0, |ms| ms / 1000.0)
        .min(baseline_wall);
    let serial_s = serial_total * (1.0 - 1.0 / ideal);
    let cores_wanted = ideal_parallelism(result, run, true)?;
    let with_gil = cores_wanted / base_parallel;
    let gil_s = if with_gil < ideal && computes(result.kind()) {
        (baseline_wall - serial_total) * (1.0 / with_gil - 1.0 / ideal)
    } else {
        0.0
    };
    let startup_s = (run.startup_s.unwrap_or(0.0) - base.startup_s.unwrap_or(0.0)).max(0.0);
    let per_task_overhead_s = per_task_overhead(run, base);
    let before_load = ideal_wall + gil_s + serial_s + startup_s + per_task_overhead_s;
    let other_load_s = other_load(result, index, cores_wanted, before_load);
    Some(Gap {
        ideal_speedup: ideal,
        ideal_wall_s: ideal_wall,
        gil_s,
        serial_s,
        startup_s,
        per_task_overhead_s,
        other_load_s,
        unexplained_s: wall - before_load - other_load_s,
    })
}

/// The run's tasks times its per-task cost, less what the baseline paid
/// for the same tasks (its cost is already in the ideal).
fn per_task_overhead(run: &RunSummary, base: &RunSummary) -> f64 {
    let own = run.per_task_overhead_s.unwrap_or(0.0);
    let base = base.per_task_overhead_s.unwrap_or(0.0);
    (f64::from(run.tasks) * (own - base)).max(0.0)
}

/// Computing runs lose cores to other programs when they want more than
/// are left: `parallel` cores wanted, the machine's less the outside load
/// available, the rest of the wall stretched by their ratio.
fn other_load(result: &ExperimentResult, index: usize, parallel: f64, wall: f64) -> f64 {
    if !computes(result.kind()) {
        return 0.0;
    }
    let Some(load) = outside_load(result, index) else {
        return 0.0;
    };
    let cores = result.machine.cores.max(1) as f64;
    let available = (cores - load).max(0.25);
    let wanted = parallel.min(cores);
    if wanted <= available {
        0.0
    } else {
        wall * (wanted / available - 1.0)
    }
}

/// Whether the measured speed-up is further from the predicted one than
/// the repetitions' spread (twice it, and at least 5 %) can explain.
pub fn disagrees(run: &RunSummary, predicted: f64) -> bool {
    let Some(measured) = run.speedup else {
        return false;
    };
    let spread = run.stats.speedup.as_ref().map_or(0.0, |s| s.sd);
    let noise = (2.0 * spread).max(0.05 * measured);
    (measured - predicted).abs() > noise
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap() -> Gap {
        Gap {
            ideal_speedup: 2.0,
            ideal_wall_s: 0.5,
            gil_s: 0.0,
            serial_s: 0.0,
            startup_s: 0.02,
            per_task_overhead_s: 0.005,
            other_load_s: 0.01,
            unexplained_s: 0.0,
        }
    }

    #[test]
    fn steps_add_up_to_the_measured_speed_up() {
        let gap = gap();
        let steps = gap.steps();
        let total: f64 = steps.iter().map(|s| s.speedup_change).sum();
        let measured = 1.0 / (0.5 + 0.02 + 0.005 + 0.01);
        assert!((2.0 + total - measured).abs() < 1e-12);
        // Hand-computed: 1 / 0.52 − 2 for the start-up.
        assert!((steps[2].speedup_change - (1.0 / 0.52 - 2.0)).abs() < 1e-12);
        assert_eq!(steps[0].speedup_change, 0.0);
    }

    #[test]
    fn the_prediction_leaves_other_load_and_the_unexplained_out() {
        let mut gap = gap();
        gap.unexplained_s = 0.3;
        assert!((gap.predicted_speedup() - 1.0 / 0.525).abs() < 1e-12);
    }
}
