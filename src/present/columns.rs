//! The results columns: what each is called, what it means (the help the
//! window shows on hover and the README spells out), and how each run's
//! figure reads. The window's table, the CLI's table and the Copy-as-table
//! text are all drawn from this one list.

use serde::{Deserialize, Serialize};

use super::units::{self, NONE};
use crate::engine::results::metrics::RunSummary;
use crate::tr;

/// One column of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The run's label.
    Run,
    /// The lab or the interpreter.
    Runtime,
    /// The execution model.
    Model,
    /// Threads, processes or loop threads.
    Workers,
    /// The GIL's switch interval, for runs under a GIL.
    Gil,
    /// Mean wall time.
    Wall,
    /// Its standard deviation.
    WallSd,
    /// Median wall time.
    WallMedian,
    /// Speed-up over the baseline.
    Speedup,
    /// Speed-up per usable core.
    Efficiency,
    /// CPU time of the run's threads and processes.
    Cpu,
    /// CPU time over wall time × cores.
    Utilisation,
    /// Tasks finished per second.
    Throughput,
    /// Median latency.
    P50,
    /// 95th-percentile latency.
    P95,
    /// 99th-percentile latency.
    P99,
    /// Pool, runtime or process start-up.
    Startup,
    /// A Python interpreter's own start.
    InterpreterStart,
    /// Share of task time waiting for the GIL.
    GilWait,
    /// The convoy workload's I/O task.
    IoTask,
    /// Measured repetitions.
    Repetitions,
    /// Failed tasks.
    Failed,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 22] = [
        Column::Run,
        Column::Runtime,
        Column::Model,
        Column::Workers,
        Column::Gil,
        Column::Wall,
        Column::WallSd,
        Column::WallMedian,
        Column::Speedup,
        Column::Efficiency,
        Column::Cpu,
        Column::Utilisation,
        Column::Throughput,
        Column::P50,
        Column::P95,
        Column::P99,
        Column::Startup,
        Column::InterpreterStart,
        Column::GilWait,
        Column::IoTask,
        Column::Repetitions,
        Column::Failed,
    ];

    /// The columns the window shows until a person chooses otherwise.
    pub const WINDOW_DEFAULT: [Column; 14] = [
        Column::Run,
        Column::Runtime,
        Column::Model,
        Column::Workers,
        Column::Wall,
        Column::Speedup,
        Column::Efficiency,
        Column::Cpu,
        Column::Utilisation,
        Column::Throughput,
        Column::P95,
        Column::Startup,
        Column::GilWait,
        Column::Failed,
    ];

    /// The columns `concurrency-lab run` prints.
    pub const CLI: [Column; 12] = [
        Column::Run,
        Column::Runtime,
        Column::Model,
        Column::Workers,
        Column::Wall,
        Column::WallSd,
        Column::Speedup,
        Column::Efficiency,
        Column::Cpu,
        Column::Throughput,
        Column::P95,
        Column::Failed,
    ];

    /// Short title.
    pub fn title(self) -> String {
        match self {
            Column::Run => tr!("column-run"),
            Column::Runtime => tr!("column-runtime"),
            Column::Model => tr!("column-model"),
            Column::Workers => tr!("column-workers"),
            Column::Gil => tr!("column-gil"),
            Column::Wall => tr!("column-wall"),
            Column::WallSd => tr!("column-wall-sd"),
            Column::WallMedian => tr!("column-wall-median"),
            Column::Speedup => tr!("column-speedup"),
            Column::Efficiency => tr!("column-efficiency"),
            Column::Cpu => tr!("column-cpu"),
            Column::Utilisation => tr!("column-utilisation"),
            Column::Throughput => tr!("column-throughput"),
            Column::P50 => tr!("column-p50"),
            Column::P95 => tr!("column-p95"),
            Column::P99 => tr!("column-p99"),
            Column::Startup => tr!("column-startup"),
            Column::InterpreterStart => tr!("column-interpreter-start"),
            Column::GilWait => tr!("column-gil-wait"),
            Column::IoTask => tr!("column-io-task"),
            Column::Repetitions => tr!("column-repetitions"),
            Column::Failed => tr!("column-failed"),
        }
    }

    /// What it means, in a sentence or two (hover help).
    pub fn help(self) -> String {
        match self {
            Column::Run => tr!("column-run-help"),
            Column::Runtime => tr!("column-runtime-help"),
            Column::Model => tr!("column-model-help"),
            Column::Workers => tr!("column-workers-help"),
            Column::Gil => tr!("column-gil-help"),
            Column::Wall => tr!("column-wall-help"),
            Column::WallSd => tr!("column-wall-sd-help"),
            Column::WallMedian => tr!("column-wall-median-help"),
            Column::Speedup => tr!("column-speedup-help"),
            Column::Efficiency => tr!("column-efficiency-help"),
            Column::Cpu => tr!("column-cpu-help"),
            Column::Utilisation => tr!("column-utilisation-help"),
            Column::Throughput => tr!("column-throughput-help"),
            Column::P50 => tr!("column-p50-help"),
            Column::P95 => tr!("column-p95-help"),
            Column::P99 => tr!("column-p99-help"),
            Column::Startup => tr!("column-startup-help"),
            Column::InterpreterStart => tr!("column-interpreter-start-help"),
            Column::GilWait => tr!("column-gil-wait-help"),
            Column::IoTask => tr!("column-io-task-help"),
            Column::Repetitions => tr!("column-repetitions-help"),
            Column::Failed => tr!("column-failed-help"),
        }
    }

    /// Text columns read left-aligned; figures right-aligned.
    pub fn is_text(self) -> bool {
        matches!(self, Column::Run | Column::Runtime | Column::Model)
    }

    /// The run's figure in this column, as shown.
    pub fn text(self, run: &RunSummary) -> String {
        // A run with nothing measured has no figures, not zeros.
        let measured = run.repetitions > 0;
        let figure = |text: String| if measured { text } else { NONE.to_owned() };
        match self {
            Column::Run => run_label(run),
            Column::Runtime => run.runtime_name(),
            Column::Model => run.model.name().to_owned(),
            Column::Workers => run.workers.to_string(),
            Column::Gil => run
                .switch_interval_ms
                .filter(|_| run.under_gil())
                .map_or_else(
                    || {
                        if run.under_gil() {
                            tr!("gil-on")
                        } else {
                            NONE.to_owned()
                        }
                    },
                    units::duration_ms,
                ),
            Column::Wall => figure(units::duration(run.wall_s.mean)),
            // One repetition has no spread to show.
            Column::WallSd if run.repetitions >= 2 => units::duration(run.wall_s.sd),
            Column::WallSd => NONE.to_owned(),
            Column::WallMedian => figure(units::duration(run.wall_median_s())),
            Column::Speedup => run.speedup.map_or_else(|| NONE.to_owned(), units::speedup),
            Column::Efficiency => efficiency(run),
            Column::Cpu => figure(units::duration(run.cpu_s)),
            Column::Utilisation => figure(units::percent(run.utilisation)),
            Column::Throughput => figure(units::per_second(run.throughput_per_s)),
            Column::P50 => figure(units::duration_ms(run.latency_ms.p50)),
            Column::P95 => figure(units::duration_ms(run.latency_ms.p95)),
            Column::P99 => figure(units::duration_ms(run.latency_ms.p99)),
            Column::Startup => units::maybe_duration(run.startup_s),
            Column::InterpreterStart => units::maybe_duration(run.interpreter_start_s),
            Column::GilWait if run.under_gil() && measured => units::percent(run.gil_wait_share),
            Column::GilWait => NONE.to_owned(),
            Column::IoTask => run
                .io_task_ms
                .map_or_else(|| NONE.to_owned(), units::duration_ms),
            Column::Repetitions => run.repetitions.to_string(),
            Column::Failed => failed(run),
        }
    }

    /// The run's figure for sorting (`None` sorts last).
    pub fn sort_value(self, run: &RunSummary) -> Option<f64> {
        let measured = (run.repetitions > 0).then_some(());
        match self {
            Column::Run | Column::Runtime | Column::Model => None,
            Column::Workers => Some(run.workers as f64),
            Column::Gil => run.switch_interval_ms.filter(|_| run.under_gil()),
            Column::Wall => measured.map(|()| run.wall_s.mean),
            Column::WallSd => (run.repetitions >= 2).then_some(run.wall_s.sd),
            Column::WallMedian => measured.map(|()| run.wall_median_s()),
            Column::Speedup => run.speedup,
            Column::Efficiency => run.efficiency,
            Column::Cpu => measured.map(|()| run.cpu_s),
            Column::Utilisation => measured.map(|()| run.utilisation),
            Column::Throughput => measured.map(|()| run.throughput_per_s),
            Column::P50 => measured.map(|()| run.latency_ms.p50),
            Column::P95 => measured.map(|()| run.latency_ms.p95),
            Column::P99 => measured.map(|()| run.latency_ms.p99),
            Column::Startup => run.startup_s,
            Column::InterpreterStart => run.interpreter_start_s,
            Column::GilWait => run.under_gil().then_some(run.gil_wait_share),
            Column::IoTask => run.io_task_ms,
            Column::Repetitions => Some(f64::from(run.repetitions)),
            Column::Failed => {
                Some(f64::from(run.failed) + if run.error.is_some() { 1e9 } else { 0.0 })
            }
        }
    }

    /// The text used to sort text columns.
    pub fn sort_text(self, run: &RunSummary) -> String {
        match self {
            Column::Run => run.label.to_lowercase(),
            Column::Runtime => run.runtime_name(),
            Column::Model => run.model.name().to_owned(),
            _ => String::new(),
        }
    }
}

/// The label, marked when the run was stopped before all its repetitions.
pub fn run_label(run: &RunSummary) -> String {
    if run.cancelled {
        tr!(
            "run-partial",
            label = run.label.clone(),
            done = run.repetitions
        )
    } else {
        run.label.clone()
    }
}

/// Efficiency is speed-up per usable core; where waits overlap beyond the
/// cores it passes 100 % and says nothing about cores, so the overlap is
/// shown instead ("waits overlap ×19.5").
fn efficiency(run: &RunSummary) -> String {
    match (run.efficiency, run.speedup) {
        (Some(e), Some(s)) if e > 1.05 => tr!("efficiency-overlap", overlap = units::speedup(s)),
        (Some(e), _) => units::percent(e),
        (None, _) => NONE.to_owned(),
    }
}

fn failed(run: &RunSummary) -> String {
    match (&run.error, run.failed, run.checksum_ok) {
        (Some(_), _, _) => tr!("failed-error"),
        (None, 0, true) => "0 ✔".to_owned(),
        (None, 0, false) => tr!("failed-checksums"),
        (None, count, true) => count.to_string(),
        (None, count, false) => format!("{count} · {}", tr!("failed-checksums")),
    }
}

/// Renders rows of cells as an aligned text table (the CLI's, and what
/// "Copy results as a table" puts on the clipboard when `tabs` is set).
pub fn render_table(columns: &[Column], runs: &[&RunSummary], tabs: bool) -> String {
    let header: Vec<String> = columns.iter().map(|c| c.title()).collect();
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|run| columns.iter().map(|c| c.text(run)).collect())
        .collect();
    if tabs {
        let mut out = header.join("\t");
        out.push('\n');
        for row in &rows {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        return out;
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for cells in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for ((cell, width), column) in cells.iter().zip(&widths).zip(columns) {
            let pad = " ".repeat(width - cell.chars().count());
            if column.is_text() {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
