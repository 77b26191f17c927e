//! CSV: one row per run with the scalar fields of the JSON (same names,
//! nested ones flattened with `_`).

use std::io::Write;

use serde::Serialize;

use super::Exporter;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};

/// Writes one row per run.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExporter;

#[derive(Serialize)]
struct Row<'a> {
    preset: &'a str,
    label: &'a str,
    model: &'a str,
    workers: usize,
    gil: bool,
    switch_interval_ms: Option<f64>,
    tasks: u32,
    repetitions: u32,
    wall_s_mean: f64,
    wall_s_sd: f64,
    wall_s_min: f64,
    wall_s_max: f64,
    speedup: Option<f64>,
    efficiency: Option<f64>,
    cpu_s: f64,
    utilisation: f64,
    throughput_per_s: f64,
    latency_ms_p50: f64,
    latency_ms_p95: f64,
    latency_ms_p99: f64,
    task_time_ms_p50: f64,
    task_time_ms_p95: f64,
    task_time_ms_p99: f64,
    startup_s: Option<f64>,
    failed: u32,
    checksum_ok: bool,
    gil_wait_share: f64,
    io_task_ms: Option<f64>,
    error: Option<&'a str>,
    cancelled: bool,
    runtime: &'a str,
    python_version: Option<&'a str>,
    interpreter_start_s: Option<f64>,
    baseline: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn of(preset: &'a str, run: &'a RunSummary) -> Self {
        Row {
            preset,
            label: &run.label,
            model: run.model.name(),
            workers: run.workers,
            gil: run.gil,
            switch_interval_ms: run.switch_interval_ms,
            tasks: run.tasks,
            repetitions: run.repetitions,
            wall_s_mean: run.wall_s.mean,
            wall_s_sd: run.wall_s.sd,
            wall_s_min: run.wall_s.min,
            wall_s_max: run.wall_s.max,
            speedup: run.speedup,
            efficiency: run.efficiency,
            cpu_s: run.cpu_s,
            utilisation: run.utilisation,
            throughput_per_s: run.throughput_per_s,
            latency_ms_p50: run.latency_ms.p50,
            latency_ms_p95: run.latency_ms.p95,
            latency_ms_p99: run.latency_ms.p99,
            task_time_ms_p50: run.task_time_ms.p50,
            task_time_ms_p95: run.task_time_ms.p95,
            task_time_ms_p99: run.task_time_ms.p99,
            startup_s: run.startup_s,
            failed: run.failed,
            checksum_ok: run.checksum_ok,
            gil_wait_share: run.gil_wait_share,
            io_task_ms: run.io_task_ms,
            error: run.error.as_deref(),
            cancelled: run.cancelled,
            runtime: run.runtime.name(),
            python_version: run.python.as_ref().map(|p| p.version.as_str()),
            interpreter_start_s: run.interpreter_start_s,
            baseline: run.baseline.as_deref(),
        }
    }
}

impl Exporter for CsvExporter {
    fn format(&self) -> &'static str {
        "csv"
    }

    fn write(&self, result: &ExperimentResult, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        for run in &result.runs {
            writer
                .serialize(Row::of(&result.preset.name, run))
                .map_err(std::io::Error::other)?;
        }
        writer.flush()
    }
}

/// The results as tab-separated values with a header row (the CSV's
/// columns): what "Copy results as a table" puts on the clipboard, which a
/// spreadsheet pastes as cells.
pub fn results_tsv(result: &ExperimentResult) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    for run in &result.runs {
        // Writing to memory fails only if serde does, which these rows cannot.
        let _ = writer.serialize(Row::of(&result.preset.name, run));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
