//! CSV: one row per run with the scalar fields of the JSON (same names,
//! nested ones flattened with `_`).
//!
//! Text cells are data a person typed (a preset's name, a label, an error
//! quoting a value), and a spreadsheet runs a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula: such a cell gets a
//! leading `'`, as OWASP advises against CSV injection. Numbers are written
//! as numbers, negative ones included.

use std::io::Write;

use serde::Serialize;

use super::Exporter;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};

/// Writes one row per run.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExporter;

/// A text cell, neutralised against formulas when written.
struct Text<'a>(&'a str);

/// What a spreadsheet takes for the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.starts_with(FORMULA_STARTS) {
            serializer.serialize_str(&format!("'{}", self.0))
        } else {
            serializer.serialize_str(self.0)
        }
    }
}

#[derive(Serialize)]
struct Row<'a> {
    preset: Text<'a>,
    label: Text<'a>,
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
    error: Option<Text<'a>>,
    cancelled: bool,
    runtime: &'a str,
    python_version: Option<Text<'a>>,
    interpreter_start_s: Option<f64>,
    baseline: Option<Text<'a>>,
    sweep_of: Option<Text<'a>>,
    sweep_value: Option<f64>,
}

impl<'a> Row<'a> {
    fn of(preset: &'a str, run: &'a RunSummary) -> Self {
        Row {
            preset: Text(preset),
            label: Text(&run.label),
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
            error: run.error.as_deref().map(Text),
            cancelled: run.cancelled,
            runtime: run.runtime.name(),
            python_version: run.python.as_ref().map(|p| Text(p.version.as_str())),
            interpreter_start_s: run.interpreter_start_s,
            baseline: run.baseline.as_deref().map(Text),
            sweep_of: run.sweep_of.as_deref().map(Text),
            sweep_value: run.sweep_value,
        }
    }
}

impl Exporter for CsvExporter {
    fn write(&self, result: &ExperimentResult, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        for run in &result.runs {
            writer
                .serialize(Row::of(&result.preset.name, run))
                .map_err(std::io::Error::from)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::machine::MachineInfo;
    use crate::engine::results::metrics::RunSummary;
    use crate::engine::run::kernel::Calibration;
    use crate::engine::spec::preset::{Model, RunPlan, parse};

    fn result_with(label: &str, error: &str) -> ExperimentResult {
        let text = "name = \"@SUM(1+1)*cmd\"\n[workload]\nkind = \"sleep\"\ntasks = 1\nio_ms = 1.0\n[[runs]]\nmodel = \"sequential\"\n";
        let machine = MachineInfo::current();
        let experiment = parse(text, "t.toml")
            .and_then(|p| {
                p.validate("t.toml", machine, || Calibration {
                    iterations_per_ms: 1000.0,
                })
            })
            .expect("valid");
        let mut result = ExperimentResult::new(&experiment, machine);
        let mut run = RunSummary::measured_once(&RunPlan::lab(label, Model::Sequential, 1), 1, 0.5);
        run.error = Some(error.to_owned());
        // Not a real speed-up: a negative number to see numbers left alone.
        run.speedup = Some(-1.5);
        result.runs.push(run);
        result
    }

    /// The cell of the first row in column `name`, as a spreadsheet reads it.
    fn column(result: &ExperimentResult, name: &str) -> String {
        let mut bytes = Vec::new();
        CsvExporter.write(result, &mut bytes).expect("writes");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let index = reader
            .headers()
            .expect("headers")
            .iter()
            .position(|h| h == name)
            .expect("column");
        let row = reader.records().next().expect("a row").expect("reads");
        row[index].to_owned()
    }

    #[test]
    fn text_cells_that_a_spreadsheet_would_run_get_a_quote_first() {
        let result = result_with("=HYPERLINK(\"http://x\")", "-2+3 failed");
        assert_eq!(column(&result, "label"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(column(&result, "error"), "'-2+3 failed");
        assert_eq!(column(&result, "preset"), "'@SUM(1+1)*cmd");
        for start in ["+", "\t", "\r"] {
            let result = result_with(&format!("{start}x"), "ok");
            assert_eq!(column(&result, "label"), format!("'{start}x"));
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_as_they_are() {
        let result = result_with("threads (GIL)", "a - b");
        assert_eq!(column(&result, "label"), "threads (GIL)");
        assert_eq!(column(&result, "error"), "a - b");
        assert_eq!(column(&result, "speedup"), "-1.5");
    }
}
