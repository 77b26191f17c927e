//! Statistics over repetitions, and the result types that exports and the
//! app read. Field names of [`RunSummary`] and [`ExperimentResult`] are a
//! JSON contract: add fields, never rename.

use serde::{Deserialize, Serialize};

use super::fit::Fit;
use super::gap::Gap;
use crate::engine::measure::machine::MachineInfo;
use crate::engine::measure::monitor::CpuSample;
use crate::engine::measure::recorder::LaneInfo;
use crate::engine::measure::spans::TaskSpan;
use crate::engine::run::gil::GilThreadStats;
use crate::engine::run::kernel::Calibration;
use crate::engine::spec::preset::{
    Experiment, Model, Preset, ResolvedWorkload, RunPlan, Runtime, SweepParameter, WorkloadKind,
};

/// Mean, sample standard deviation, min and max.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Default)]
pub struct Stats {
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (0 for one value).
    pub sd: f64,
    /// Smallest.
    pub min: f64,
    /// Largest.
    pub max: f64,
    /// Middle value (mean of the two middle ones for an even count).
    #[serde(default)]
    pub median: f64,
}

impl Stats {
    /// Statistics of `values`; all zero when empty.
    pub fn of(values: &[f64]) -> Stats {
        if values.is_empty() {
            return Stats::default();
        }
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let sd = if values.len() > 1 {
            (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            (sorted[middle - 1] + sorted[middle]) / 2.0
        };
        Stats {
            mean,
            sd,
            min: sorted[0],
            max: sorted[sorted.len() - 1],
            median,
        }
    }
}

/// Task latency percentiles, ms.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Default)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// Nearest-rank percentile of sorted values (`p` in 0..=100).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Percentiles {
    /// Percentiles of unsorted values.
    pub fn of(mut values: Vec<f64>) -> Percentiles {
        values.sort_by(f64::total_cmp);
        Percentiles {
            p50: percentile(&values, 50.0),
            p95: percentile(&values, 95.0),
            p99: percentile(&values, 99.0),
        }
    }
}

/// What one repetition of one run measured.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Repetition {
    /// Index of the run in the experiment.
    pub run: usize,
    /// 0-based, counting warm-ups.
    pub repetition: u32,
    /// Not counted in statistics.
    pub warmup: bool,
    /// Start and end, s from the experiment's start.
    pub window_s: [f64; 2],
    /// Wall time, s (pool start-up included).
    pub wall_s: f64,
    /// CPU time of the run's own threads and worker processes, s.
    pub cpu_s: f64,
    /// Pool, runtime or process start-up, s.
    pub startup_s: Option<f64>,
    /// Python runs: the interpreter's own start, s (before the window).
    #[serde(default)]
    pub interpreter_start_s: Option<f64>,
    /// Tasks in the workload.
    pub tasks: u32,
    /// Tasks that returned a checksum.
    pub done: u32,
    /// Tasks that failed.
    pub failed: u32,
    /// Whether every returned checksum was the expected one.
    pub checksum_ok: bool,
    /// Σ computing time of tasks, s.
    pub busy_s: f64,
    /// Σ GIL waiting of tasks, s.
    pub gil_wait_s: f64,
    /// Σ task durations (start to end), s.
    pub task_time_s: f64,
    /// Task latencies (submission at the run's start to result), ms.
    pub latencies_ms: Vec<f64>,
    /// Task durations (picked up to finished), ms.
    pub task_times_ms: Vec<f64>,
    /// `convoy`: the I/O task's duration, ms.
    pub io_task_ms: Option<f64>,
    /// First failure messages.
    pub errors: Vec<String>,
    /// Worker processes replaced after dying.
    pub replaced_workers: u32,
    /// Per-thread GIL statistics.
    pub gil: Vec<GilThreadStats>,
    /// Workers (timeline lanes).
    pub lanes: Vec<LaneInfo>,
    /// One span per finished task.
    pub spans: Vec<TaskSpan>,
}

impl Repetition {
    /// Tasks finished per second.
    pub fn throughput_per_s(&self) -> f64 {
        if self.wall_s > 0.0 {
            f64::from(self.done) / self.wall_s
        } else {
            0.0
        }
    }

    /// CPU time of the run's threads and processes / (wall × cores). From
    /// measured CPU time, not recorded "running" time: eight threads on two
    /// cores are all "running" while only two compute.
    pub fn utilisation(&self, cores: usize) -> f64 {
        if self.wall_s > 0.0 {
            self.cpu_s / (self.wall_s * cores.max(1) as f64)
        } else {
            0.0
        }
    }
}

/// Spread over repetitions of the per-repetition figures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct RepetitionStats {
    /// CPU time, s.
    pub cpu_s: Stats,
    /// Tasks finished per second.
    pub throughput_per_s: Stats,
    /// CPU time / (wall × cores).
    pub utilisation: Stats,
    /// Baseline mean wall / each repetition's wall.
    pub speedup: Option<Stats>,
}

/// The interpreter a Python run used (the `python` object of result JSON).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PythonRunInfo {
    /// Path of the interpreter.
    pub executable: String,
    /// Its version, e.g. `3.12.1`.
    pub version: String,
    /// `CPython`.
    pub implementation: String,
    /// A free-threaded build.
    pub free_threaded: bool,
    /// Whether the GIL was on during the run.
    pub gil_enabled: bool,
    /// `process_pool`: the start method used.
    pub start_method: Option<String>,
    /// Its kernel speed, iterations per ms (how `cpu_ms` became iterations).
    #[serde(default)]
    pub iterations_per_ms: Option<f64>,
    /// Kernel iterations per task it ran.
    #[serde(default)]
    pub cpu_iters: Option<u64>,
}

impl PythonRunInfo {
    /// "CPython 3.12" or "CPython 3.13t".
    pub fn short_name(&self) -> String {
        let mut parts = self.version.split('.');
        let version = match (parts.next(), parts.next()) {
            (Some(major), Some(minor)) => format!("{major}.{minor}"),
            _ => self.version.clone(),
        };
        let suffix = if self.free_threaded { "t" } else { "" };
        format!("{} {version}{suffix}", self.implementation)
    }
}

/// Everything measured for one run label (a JSON contract).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunSummary {
    /// Unique label.
    pub label: String,
    /// The lab's executors or a Python interpreter.
    #[serde(default)]
    pub runtime: Runtime,
    /// Python runs: the interpreter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<PythonRunInfo>,
    /// Label of the run this one's speed-up is measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// In a sweep: the value of the swept parameter this run was measured at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep_value: Option<f64>,
    /// In a sweep: the run's label in the preset, shared by all its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep_of: Option<String>,
    /// Execution model.
    pub model: Model,
    /// Threads, processes or loop threads used at most.
    pub workers: usize,
    /// Whether the simulated GIL was on.
    pub gil: bool,
    /// GIL switch interval, ms (when on).
    #[serde(default)]
    pub switch_interval_ms: Option<f64>,
    /// Tasks per repetition.
    pub tasks: u32,
    /// Measured repetitions.
    #[serde(default)]
    pub repetitions: u32,
    /// Wall time over repetitions, s.
    pub wall_s: Stats,
    /// Repetitions (0-based, measured ones) whose wall time is an outlier by
    /// the modified z-score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wall_outliers: Vec<usize>,
    /// Baseline mean wall / this mean wall.
    pub speedup: Option<f64>,
    /// Speed-up / min(workers, logical cores).
    pub efficiency: Option<f64>,
    /// The speed-up a simple model predicts from this machine's own
    /// measurements (see [`super::gap`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicted_speedup: Option<f64>,
    /// The gap between the ideal and the measured wall time in named parts, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    /// What one more empty task costs this model on this machine, s (a
    /// tiny-task calibration; lab runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_task_overhead_s: Option<f64>,
    /// Mean CPU time (user + system) of the run's own threads and worker
    /// processes, s — the app's UI and the lab's echo server excluded.
    pub cpu_s: f64,
    /// CPU time of the run's threads and processes / (wall × logical cores):
    /// how busy the machine's cores were.
    pub utilisation: f64,
    /// Tasks finished per second.
    pub throughput_per_s: f64,
    /// Task latency percentiles over all repetitions, ms: from submission
    /// (every task is submitted when the run starts) to its result, so
    /// queueing, start-up and dispatch count.
    pub latency_ms: Percentiles,
    /// Task duration percentiles, ms: from a worker picking the task up to
    /// its end (GIL waits included, queueing not).
    #[serde(default)]
    pub task_time_ms: Percentiles,
    /// Mean, sd, min and max over repetitions of the other per-repetition
    /// figures (the scalars above are their means).
    #[serde(default)]
    pub stats: RepetitionStats,
    /// Mean start-up time, s.
    pub startup_s: Option<f64>,
    /// Python runs: mean start of the interpreter itself, s (not in `wall_s`).
    #[serde(default)]
    pub interpreter_start_s: Option<f64>,
    /// Failed tasks over all repetitions.
    pub failed: u32,
    /// Whether every checksum was right.
    pub checksum_ok: bool,
    /// Σ GIL waiting / Σ task time.
    pub gil_wait_share: f64,
    /// `convoy`: mean duration of the I/O task, ms.
    #[serde(default)]
    pub io_task_ms: Option<f64>,
    /// Why the run could not be carried out, if it could not.
    #[serde(default)]
    pub error: Option<String>,
    /// Stopped by a cancel before all its repetitions: the figures come from
    /// those that finished.
    #[serde(default)]
    pub cancelled: bool,
    /// First task failure messages.
    #[serde(default)]
    pub errors: Vec<String>,
    /// Worker processes replaced after dying.
    #[serde(default)]
    pub replaced_workers: u32,
    /// Each measured repetition's start and end, s from the experiment start.
    #[serde(default)]
    pub windows_s: Vec<[f64; 2]>,
    /// Per-thread GIL statistics of the last repetition.
    #[serde(default)]
    pub gil_threads: Vec<GilThreadStats>,
    /// Workers of the last repetition (timeline lanes).
    #[serde(default)]
    pub lanes: Vec<LaneInfo>,
    /// Spans of the last repetition (written with `--spans`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<TaskSpan>,
}

impl RunSummary {
    /// Summarizes the measured repetitions of `plan`.
    pub fn from_repetitions(plan: &RunPlan, reps: &[Repetition], cores: usize) -> RunSummary {
        let walls: Vec<f64> = reps.iter().map(|r| r.wall_s).collect();
        let wall = Stats::of(&walls);
        let mean = |f: &dyn Fn(&Repetition) -> f64| {
            if reps.is_empty() {
                0.0
            } else {
                reps.iter().map(f).sum::<f64>() / reps.len() as f64
            }
        };
        let startups: Vec<f64> = reps.iter().filter_map(|r| r.startup_s).collect();
        let interpreter_starts: Vec<f64> =
            reps.iter().filter_map(|r| r.interpreter_start_s).collect();
        let io_tasks: Vec<f64> = reps.iter().filter_map(|r| r.io_task_ms).collect();
        let task_time: f64 = reps.iter().map(|r| r.task_time_s).sum();
        let gil_wait: f64 = reps.iter().map(|r| r.gil_wait_s).sum();
        let last = reps.last();
        let mut errors: Vec<String> = reps.iter().flat_map(|r| r.errors.iter().cloned()).collect();
        errors.truncate(10);
        RunSummary {
            label: plan.label.clone(),
            runtime: plan.runtime,
            python: plan.python.as_ref().map(|python| PythonRunInfo {
                executable: python.interpreter.executable.display().to_string(),
                version: python.interpreter.version.clone(),
                implementation: python.interpreter.implementation.clone(),
                free_threaded: python.interpreter.free_threaded,
                gil_enabled: python.gil_flag.unwrap_or(python.interpreter.gil_enabled),
                start_method: python.start_method.map(|m| m.name().to_owned()),
                iterations_per_ms: None,
                cpu_iters: None,
            }),
            baseline: None,
            sweep_value: plan.sweep_value,
            sweep_of: plan.sweep_of.clone(),
            model: plan.model,
            workers: plan.workers,
            gil: plan.gil.is_some(),
            switch_interval_ms: plan.gil.map(|g| g.switch_interval.as_secs_f64() * 1000.0),
            tasks: reps.first().map_or(0, |r| r.tasks),
            repetitions: reps.len() as u32,
            wall_s: wall,
            wall_outliers: super::compare::outliers(&walls),
            speedup: None,
            efficiency: None,
            predicted_speedup: None,
            gap: None,
            per_task_overhead_s: None,
            cpu_s: mean(&|r| r.cpu_s),
            // From measured CPU time, not from recorded "running" time: eight
            // threads on two cores are all "running" while only two compute.
            utilisation: mean(&|r| r.utilisation(cores)),
            throughput_per_s: mean(&Repetition::throughput_per_s),
            latency_ms: Percentiles::of(
                reps.iter()
                    .flat_map(|r| r.latencies_ms.iter().copied())
                    .collect(),
            ),
            task_time_ms: Percentiles::of(
                reps.iter()
                    .flat_map(|r| r.task_times_ms.iter().copied())
                    .collect(),
            ),
            stats: RepetitionStats {
                cpu_s: Stats::of(&reps.iter().map(|r| r.cpu_s).collect::<Vec<_>>()),
                throughput_per_s: Stats::of(
                    &reps
                        .iter()
                        .map(Repetition::throughput_per_s)
                        .collect::<Vec<_>>(),
                ),
                utilisation: Stats::of(
                    &reps
                        .iter()
                        .map(|r| r.utilisation(cores))
                        .collect::<Vec<_>>(),
                ),
                speedup: None,
            },
            startup_s: (!startups.is_empty())
                .then(|| startups.iter().sum::<f64>() / startups.len() as f64),
            interpreter_start_s: (!interpreter_starts.is_empty())
                .then(|| interpreter_starts.iter().sum::<f64>() / interpreter_starts.len() as f64),
            failed: reps.iter().map(|r| r.failed).sum(),
            checksum_ok: reps.iter().all(|r| r.checksum_ok),
            gil_wait_share: if task_time > 0.0 {
                gil_wait / task_time
            } else {
                0.0
            },
            io_task_ms: (!io_tasks.is_empty())
                .then(|| io_tasks.iter().sum::<f64>() / io_tasks.len() as f64),
            error: None,
            cancelled: false,
            errors,
            replaced_workers: reps.iter().map(|r| r.replaced_workers).sum(),
            windows_s: reps.iter().map(|r| r.window_s).collect(),
            gil_threads: last.map(|r| r.gil.clone()).unwrap_or_default(),
            lanes: last.map(|r| r.lanes.clone()).unwrap_or_default(),
            spans: last.map(|r| r.spans.clone()).unwrap_or_default(),
        }
    }

    /// A run measured once, `wall_s` long, with every task right and nothing
    /// else recorded: for examples, tests and benchmarks that need results
    /// without running anything.
    pub fn measured_once(plan: &RunPlan, tasks: u32, wall_s: f64) -> RunSummary {
        let mut summary = RunSummary::from_repetitions(plan, &[], 1);
        summary.tasks = tasks;
        summary.repetitions = 1;
        summary.wall_s = Stats::of(&[wall_s]);
        summary.windows_s = vec![[0.0, wall_s]];
        summary
    }

    /// A run that could not be carried out.
    pub fn failed_run(plan: &RunPlan, tasks: u32, error: String) -> RunSummary {
        let mut summary = RunSummary::from_repetitions(plan, &[], 1);
        summary.tasks = tasks;
        summary.checksum_ok = false;
        summary.error = Some(error);
        summary
    }

    /// Records how a Python run's interpreter sized the work.
    pub fn set_python_calibration(&mut self, plan: &RunPlan, work: &ResolvedWorkload) {
        if let Some(python) = self.python.as_mut() {
            python.cpu_iters = work.kind.uses_cpu().then_some(work.cpu_iters);
            python.iterations_per_ms = (plan.python.is_some() && work.kind.uses_cpu())
                .then_some(work.slice_iters as f64 * 10.0);
        }
    }

    /// Median wall time over the measured repetitions, s.
    pub fn wall_median_s(&self) -> f64 {
        self.wall_s.median
    }

    /// Whether its threads ran under a GIL: the lab's simulated one, or a
    /// real interpreter's (processes and interpreters each have their own).
    pub fn under_gil(&self) -> bool {
        matches!(self.model, Model::Threads | Model::ThreadPool)
            && (self.gil || self.python.as_ref().is_some_and(|p| p.gil_enabled))
    }

    /// "lab" or the interpreter's short name ("CPython 3.12"), for tables.
    pub fn runtime_name(&self) -> String {
        match &self.python {
            Some(python) => python.short_name(),
            None => "lab".to_owned(),
        }
    }

    /// Whether everything in this run went right (a cancelled run's measured
    /// repetitions may still have).
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.failed == 0 && self.checksum_ok && self.repetitions > 0
    }
}

/// Which run a run's speed-up is measured against: the experiment's
/// baseline, except that a Python run is measured against a `sequential` run
/// in the same interpreter when the experiment has one — the same program
/// written as a plain loop, as a person comparing by hand would, so that the
/// two runtimes' per-task costs and calibrations do not mix.
pub fn baseline_of(runs: &[RunSummary], run: usize, baseline: usize, per_value: bool) -> usize {
    let baseline = if per_value {
        same_sweep_value(runs, run, baseline)
    } else {
        baseline
    };
    let Some(python) = runs.get(run).and_then(|r| r.python.as_ref()) else {
        return baseline;
    };
    if runs.get(baseline).and_then(|b| b.python.as_ref()).is_some() {
        return baseline;
    }
    runs.iter()
        .position(|other| {
            other.model == Model::Sequential
                && other.python.as_ref().is_some_and(|p| {
                    p.executable == python.executable && p.gil_enabled == python.gil_enabled
                })
        })
        .unwrap_or(baseline)
}

/// The run whose wall time run `index`'s speed-up is measured against.
pub fn baseline_index(result: &ExperimentResult, index: usize) -> usize {
    let per_value = result
        .preset
        .sweep
        .as_ref()
        .is_some_and(|s| s.parameter.is_workload());
    baseline_of(&result.runs, index, result.baseline, per_value)
}

/// In a sweep of the workload whose baseline run is swept too, the baseline
/// at the run's own value: 16 tasks in a pool are measured against 16 tasks
/// in a loop. (A worker sweep keeps one baseline: the work is the same.)
fn same_sweep_value(runs: &[RunSummary], run: usize, baseline: usize) -> usize {
    let (Some(run), Some(base)) = (runs.get(run), runs.get(baseline)) else {
        return baseline;
    };
    let (Some(value), Some(group)) = (run.sweep_value, base.sweep_of.as_ref()) else {
        return baseline;
    };
    runs.iter()
        .position(|r| r.sweep_of.as_ref() == Some(group) && r.sweep_value == Some(value))
        .unwrap_or(baseline)
}

/// Sets speed-up and efficiency of every run against its baseline run.
pub fn apply_speedups(runs: &mut [RunSummary], baseline: usize, cores: usize) {
    apply_speedups_in(runs, baseline, cores, None);
}

/// [`apply_speedups`] in an experiment that sweeps `sweep`.
pub fn apply_speedups_in(
    runs: &mut [RunSummary],
    baseline: usize,
    cores: usize,
    sweep: Option<SweepParameter>,
) {
    let per_value = sweep.is_some_and(SweepParameter::is_workload);
    for index in 0..runs.len() {
        let own = baseline_of(runs, index, baseline, per_value);
        let base = runs
            .get(own)
            .filter(|b| b.succeeded() && b.wall_s.mean > 0.0)
            .map(|b| b.wall_s.mean);
        let label = runs.get(own).map(|b| b.label.clone());
        if let Some(run) = runs.get_mut(index) {
            run.baseline = label;
            apply_speedup(run, base, cores);
        }
    }
}

fn apply_speedup(run: &mut RunSummary, base: Option<f64>, cores: usize) {
    {
        run.speedup = match base {
            Some(base) if run.repetitions > 0 && run.wall_s.mean > 0.0 => {
                Some(base / run.wall_s.mean)
            }
            _ => None,
        };
        let per_repetition: Vec<f64> = run
            .windows_s
            .iter()
            .map(|w| w[1] - w[0])
            .filter(|wall| *wall > 0.0)
            .filter_map(|wall| base.map(|base| base / wall))
            .collect();
        run.stats.speedup = (!per_repetition.is_empty()).then(|| Stats::of(&per_repetition));
        run.efficiency = run
            .speedup
            .map(|s| s / run.workers.min(cores.max(1)).max(1) as f64);
    }
}

/// A whole experiment's result: what `--json` writes and "Open results…" reads.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ExperimentResult {
    /// The preset as parsed.
    pub preset: Preset,
    /// Where it came from.
    #[serde(default)]
    pub source: String,
    /// The machine it ran on.
    pub machine: MachineInfo,
    /// Kernel speed on that machine.
    #[serde(default)]
    pub calibration: Option<Calibration>,
    /// Seconds since the Unix epoch when it started.
    #[serde(default)]
    pub started_unix_s: u64,
    /// Whether it was cancelled before the end.
    #[serde(default)]
    pub cancelled: bool,
    /// Index into `runs` of the speed-up baseline.
    #[serde(default)]
    pub baseline: usize,
    /// One summary per run.
    pub runs: Vec<RunSummary>,
    /// Per-core CPU load during the experiment, when a monitor ran.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpu_samples: Vec<CpuSample>,
    /// Scaling laws fitted to a sweep's runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fits: Vec<Fit>,
}

impl ExperimentResult {
    /// An empty result for `experiment`, to be filled as runs finish.
    pub fn new(experiment: &Experiment, machine: &MachineInfo) -> Self {
        ExperimentResult {
            preset: experiment.preset.clone(),
            source: experiment.source.clone(),
            machine: machine.clone(),
            calibration: (experiment.calibration.iterations_per_ms > 0.0)
                .then_some(experiment.calibration),
            started_unix_s: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            cancelled: false,
            baseline: experiment.baseline,
            runs: Vec::new(),
            cpu_samples: Vec::new(),
            fits: Vec::new(),
        }
    }

    /// Sets every run's speed-up against its baseline and fits the sweep's
    /// scaling law: after each run, and again at the end.
    pub fn analyse(&mut self) {
        let sweep = self.preset.sweep.as_ref().map(|s| s.parameter);
        apply_speedups_in(&mut self.runs, self.baseline, self.machine.cores, sweep);
        for index in 0..self.runs.len() {
            let gap = super::gap::gap_of(self, index);
            if let Some(run) = self.runs.get_mut(index) {
                run.predicted_speedup = gap.as_ref().map(Gap::predicted_speedup);
                run.gap = gap;
            }
        }
        self.fits = super::fit::fits(self);
    }

    /// Whether every run was carried out, with no failed task and right checksums.
    pub fn succeeded(&self) -> bool {
        !self.cancelled && !self.runs.is_empty() && self.runs.iter().all(RunSummary::succeeded)
    }

    /// The workload kind, for explanations.
    pub fn kind(&self) -> WorkloadKind {
        self.preset.workload.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_known_values() {
        let stats = Stats::of(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(stats.mean, 5.0);
        assert!((stats.sd - 2.138).abs() < 0.001);
        assert_eq!((stats.min, stats.max), (2.0, 9.0));
        assert_eq!(Stats::of(&[3.0]).sd, 0.0);
        assert_eq!(Stats::of(&[]), Stats::default());
    }

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let p = Percentiles::of(values);
        assert_eq!((p.p50, p.p95, p.p99), (50.0, 95.0, 99.0));
        assert_eq!(Percentiles::of(vec![7.0]).p99, 7.0);
    }
}
