//! The GIL made visible, per thread: time holding it, waiting for it and
//! running outside it (blocking waits release it), with switches and forced
//! drops; and the convoy as one headline figure. The window's GIL view reads
//! these.

use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::WorkloadKind;

/// One thread's GIL time, ms, from the run's last repetition.
#[derive(Debug, Clone, PartialEq)]
pub struct GilThreadRow {
    /// Thread name (a timeline lane's name).
    pub thread: String,
    /// Holding the GIL: computing.
    pub hold_ms: f64,
    /// Waiting to take it.
    pub wait_ms: f64,
    /// Running its tasks with the GIL released (blocking waits).
    pub outside_ms: f64,
    /// Times the GIL came to it from another thread.
    pub switches: u64,
    /// Times it was asked to drop the GIL and did.
    pub forced_drops: u64,
}

impl GilThreadRow {
    /// Everything accounted for, ms.
    pub fn total_ms(&self) -> f64 {
        self.hold_ms + self.wait_ms + self.outside_ms
    }
}

/// The run's threads under the simulated GIL, busiest first; empty for a
/// run without one (CPython does not say per thread).
pub fn gil_rows(run: &RunSummary) -> Vec<GilThreadRow> {
    let mut rows: Vec<GilThreadRow> = run
        .gil_threads
        .iter()
        .map(|stats| {
            let in_tasks_ms = lane_task_time_ms(run, &stats.thread);
            GilThreadRow {
                thread: stats.thread.clone(),
                hold_ms: stats.hold_ms,
                wait_ms: stats.wait_ms,
                outside_ms: in_tasks_ms
                    .map_or(0.0, |t| (t - stats.hold_ms - stats.wait_ms).max(0.0)),
                switches: stats.switches,
                forced_drops: stats.forced_drops,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.total_ms().total_cmp(&a.total_ms()));
    rows
}

/// Time the lane named `thread` spent in tasks, ms (`None` without spans).
fn lane_task_time_ms(run: &RunSummary, thread: &str) -> Option<f64> {
    let lane = run.lanes.iter().find(|l| l.name == thread)?;
    let spans: Vec<_> = run.spans.iter().filter(|s| s.worker == lane.id).collect();
    (!spans.is_empty()).then(|| spans.iter().map(|s| s.duration_us() as f64 / 1000.0).sum())
}

/// The convoy as a headline: the run under a GIL whose I/O task stretched
/// most, with its time and its waits alone, ms.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvoyHeadline {
    /// The run's label.
    pub label: String,
    /// The I/O task's time beside the computing threads, ms.
    pub io_task_ms: f64,
    /// Its waits alone, ms.
    pub waits_ms: f64,
}

impl ConvoyHeadline {
    /// How many times longer than its waits the I/O task took.
    pub fn times(&self) -> f64 {
        self.io_task_ms / self.waits_ms
    }
}

/// The headline of a convoy experiment; `None` for other workloads.
pub fn convoy_headline(result: &ExperimentResult) -> Option<ConvoyHeadline> {
    if result.kind() != WorkloadKind::Convoy {
        return None;
    }
    let work = &result.preset.workload;
    let waits_ms = work.io_rounds.unwrap_or(50) as f64 * work.io_ms.unwrap_or(0.0);
    if waits_ms <= 0.0 {
        return None;
    }
    result
        .runs
        .iter()
        .filter(|r| r.under_gil() && r.succeeded())
        .filter_map(|r| Some((r, r.io_task_ms?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(run, io_task_ms)| ConvoyHeadline {
            label: run.label.clone(),
            io_task_ms,
            waits_ms,
        })
}
