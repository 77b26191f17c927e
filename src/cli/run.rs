//! `concurrency-lab run`: a preset headless, with progress, a table and exports.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::error::{CliError, print_err, print_out};
use super::{check_writable, table};
use crate::engine::measure::monitor::{self, Monitor, MonitorSample};
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::run::runner::{Progress, Runner, RunnerEvent, RunnerOptions};
use crate::engine::spec::preset::{self, Experiment, RunPlan};
use crate::export::charts::{ChartFormat, ChartKind, export_chart};
use crate::export::{
    CsvExporter, ExportError, Exporter, JsonExporter, export_to_path, export_trace, load_result,
};
use crate::tr;

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A preset file (.toml) or the name of a built-in preset (see `presets`)
    #[arg(value_name = "PRESET.toml|NAME")]
    preset: String,
    /// Write the results as JSON to FILE (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write one CSV row per run to FILE (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Include every task's span (start, end, core, states) in the JSON
    #[arg(long, requires = "json")]
    spans: bool,
    /// Write a trace to FILE (Chrome Trace Event JSON) that opens in
    /// Perfetto, chrome://tracing and speedscope (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// Draw a chart to FILE (.svg or .png) after the run; repeat for more charts
    #[arg(long = "chart", value_name = "FILE")]
    charts: Vec<PathBuf>,
    /// What the i-th --chart shows (repeatable); without it, a kind named in
    /// the file name (e.g. cpu.png), else the last kind given, else speedup
    #[arg(long = "chart-kind", value_name = "KIND", value_enum)]
    chart_kinds: Vec<ChartKind>,
    /// No progress and no table, only errors (and what --json - writes)
    #[arg(long, short)]
    quiet: bool,
    /// Compare each run with the same label in a saved result (JSON from --json)
    #[arg(long, value_name = "OLD.json")]
    compare: Option<PathBuf>,
}

/// The `run` subcommand's help in the language on show.
pub fn translate_help(command: clap::Command) -> clap::Command {
    command
        .mut_arg("preset", |a| a.help(tr!("cli-help-run-preset")))
        .mut_arg("json", |a| a.help(tr!("cli-help-run-json")))
        .mut_arg("csv", |a| a.help(tr!("cli-help-run-csv")))
        .mut_arg("spans", |a| a.help(tr!("cli-help-run-spans")))
        .mut_arg("trace", |a| a.help(tr!("cli-help-run-trace")))
        .mut_arg("charts", |a| a.help(tr!("cli-help-run-chart")))
        .mut_arg("chart_kinds", |a| a.help(tr!("cli-help-run-chart-kind")))
        .mut_arg("compare", |a| a.help(tr!("cli-help-run-compare")))
        .mut_arg("quiet", |a| a.help(tr!("cli-help-run-quiet")))
}

/// Runs the preset, writes the exports, prints the table.
pub fn run(args: &RunArgs) -> Result<(), CliError> {
    let experiment = load(&args.preset)?;
    for notice in &experiment.notices {
        print_err(&format!("{}\n", tr!("cli-note", message = notice.clone())));
    }
    check_outputs(args)?;
    // Read before the run: a bad file is found in a moment, not after it.
    let old = match &args.compare {
        Some(path) => Some(load_result(path).map_err(|e| CliError::BadArgument(e.to_string()))?),
        None => None,
    };
    let result = measure(experiment, args.quiet)?;
    // Exports first: a closed standard output must not lose them.
    let export_errors = write_exports(args, &result);
    // A reader that went away (`| head`) ends the table, not the verdict:
    // a cancel, a failed export or a failed run still sets the exit code.
    let reported = report(args, &result, old.as_ref());
    outcome(&result, export_errors)?;
    reported
}

/// The verdict on a finished experiment: cancelled, an export failed, runs
/// failed (each named on stderr), or done.
fn outcome(result: &ExperimentResult, export_errors: Vec<CliError>) -> Result<(), CliError> {
    if result.cancelled {
        return Err(CliError::Cancelled(result.preset.name.clone()));
    }
    if let Some(error) = export_errors.into_iter().next() {
        return Err(error);
    }
    let failed: Vec<_> = result.runs.iter().filter(|r| !r.succeeded()).collect();
    for run in &failed {
        let why = run
            .error
            .clone()
            .or_else(|| run.errors.first().cloned())
            .unwrap_or_else(|| tr!("failed-checksums"));
        print_err(&format!(
            "{}\n",
            tr!("cli-run-failed", label = run.label.clone(), reason = why)
        ));
    }
    if failed.is_empty() && !result.runs.is_empty() {
        Ok(())
    } else {
        Err(CliError::RunsFailed(failed.len()))
    }
}

fn load(preset: &str) -> Result<Experiment, CliError> {
    Ok(preset::load_experiment(preset)?.1)
}

/// Refuses, before a run that may take long, outputs that could not be written.
fn check_outputs(args: &RunArgs) -> Result<(), CliError> {
    let outputs = [
        ("--json", &args.json),
        ("--csv", &args.csv),
        ("--trace", &args.trace),
    ];
    let is_stdout = |path: &Option<PathBuf>| path.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let mut on_stdout = outputs.iter().filter(|(_, path)| is_stdout(path));
    if let (Some((first, _)), Some((second, _))) = (on_stdout.next(), on_stdout.next()) {
        return Err(CliError::StdoutTwice { first, second });
    }
    for (flag, path) in outputs {
        if let Some(path) = path {
            check_writable(flag, path)?;
        }
    }
    check_charts(args)
}

/// Runs the experiment with progress on stderr and Ctrl+C cancelling it.
pub(super) fn measure(experiment: Experiment, quiet: bool) -> Result<ExperimentResult, CliError> {
    let options = RunnerOptions::for_this_executable()
        .map_err(|e| CliError::Setup(tr!("cli-no-executable", reason = e.to_string())))?;
    let runner = Runner::spawn(options, || {})
        .map_err(|e| CliError::Setup(tr!("cli-no-runner", reason = e.to_string())))?;
    install_interrupt_handler(&runner);
    let monitor = Monitor::start(monitor::DEFAULT_INTERVAL, || {}).ok();
    let bar = progress_bar(!quiet && std::io::stderr().is_terminal());
    let runs = experiment.runs.clone();
    runner.start(experiment);
    let mut samples: Vec<MonitorSample> = Vec::new();
    let mut origin_ns = 0;
    let result = loop {
        if let Some(monitor) = &monitor {
            samples.extend(monitor.drain());
        }
        let Some(event) = runner.recv_timeout(Duration::from_millis(100)) else {
            if runner.is_alive() {
                continue;
            }
            bar.finish_and_clear();
            return Err(CliError::Setup(tr!("cli-runner-stopped")));
        };
        match event {
            RunnerEvent::Started { origin_ns: o, .. } => origin_ns = o,
            RunnerEvent::Progress(progress) => {
                bar.set_message(progress_text(&progress, &runs));
                bar.set_position((progress.fraction() * 1000.0) as u64);
            }
            RunnerEvent::Notice(text) if !quiet => bar.suspend(|| print_err(&format!("{text}\n"))),
            RunnerEvent::Rejected(text) => bar.suspend(|| {
                print_err(&format!("{}\n", tr!("cli-warning", message = text)));
            }),
            RunnerEvent::Finished(result) => break *result,
            _ => {}
        }
    };
    bar.finish_and_clear();
    // CPU samples are kept up to here, also for a cancelled run, which has
    // no measured window to go by.
    let finished_s =
        crate::engine::measure::sys::monotonic_ns().saturating_sub(origin_ns) as f64 / 1e9;
    let mut result = result;
    if let Some(monitor) = monitor {
        samples.extend(monitor.drain());
    }
    let end_s = result
        .runs
        .iter()
        .flat_map(|r| r.windows_s.iter().map(|w| w[1]))
        .fold(finished_s, f64::max);
    result.cpu_samples = monitor::relative_samples(&samples, origin_ns, -0.5, end_s + 0.5);
    // Other programs' load is charged in each run's account.
    result.analyse();
    Ok(result)
}

/// Ctrl+C (and SIGTERM, SIGHUP) cancel cleanly; a second one, for a cancel
/// that seems stuck, cleans up the run's temporary folders and leaves at
/// once (worker processes die with the lab).
fn install_interrupt_handler(runner: &Runner) {
    let canceller = runner.canceller();
    let presses = AtomicU32::new(0);
    let handler = move || {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            canceller.cancel();
        } else {
            crate::engine::run::services::remove_live_temp_folders();
            print_err(&format!("\n{}\n", tr!("cli-stopped-at-once")));
            std::process::exit(i32::from(super::EXIT_CANCELLED));
        }
    };
    if let Err(error) = ctrlc::set_handler(handler) {
        print_err(&format!(
            "{}\n",
            tr!(
                "cli-warning",
                message = tr!("cli-no-interrupt-handler", reason = error.to_string())
            )
        ));
    }
}

fn progress_text(progress: &Progress, runs: &[RunPlan]) -> String {
    let label = runs
        .get(progress.run)
        .map_or_else(String::new, |r| r.label.clone());
    let common = (
        progress.run + 1,
        progress.runs,
        label,
        progress.tasks_done,
        progress.tasks,
    );
    if progress.warmup {
        tr!(
            "cli-progress-warmup",
            run = common.0,
            runs = common.1,
            label = common.2,
            done = common.3,
            tasks = common.4
        )
    } else {
        tr!(
            "cli-progress",
            run = common.0,
            runs = common.1,
            label = common.2,
            repetition = progress.measured_repetition() + 1,
            repetitions = progress.measured_repetitions(),
            done = common.3,
            tasks = common.4
        )
    }
}

/// Writes every export; returns the errors (each already named its file).
fn write_exports(args: &RunArgs, result: &ExperimentResult) -> Vec<CliError> {
    let mut errors = Vec::new();
    let exports: [(Option<&PathBuf>, &dyn Exporter); 2] = [
        (
            args.json.as_ref(),
            &JsonExporter {
                include_spans: args.spans,
            },
        ),
        (args.csv.as_ref(), &CsvExporter),
    ];
    let written = exports
        .into_iter()
        .filter_map(|(path, exporter)| Some((path?, export_to_path(exporter, result, path?))))
        .chain(
            args.trace
                .as_ref()
                .map(|path| (path, export_trace(result, path))),
        );
    for (path, outcome) in written {
        match outcome {
            Ok(()) => {}
            // `--json - | head`: the reader has what it wanted, as with the table.
            Err(ExportError::Write { source, .. })
                if path.as_os_str() == "-" && source.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(error) => errors.push(CliError::Export(error.to_string())),
        }
    }
    for (path, kind) in args
        .charts
        .iter()
        .zip(chart_kinds(&args.charts, &args.chart_kinds))
    {
        if let Err(error) = export_chart(result, kind, path) {
            errors.push(CliError::Export(error.to_string()));
        }
    }
    for error in &errors {
        print_err(&format!(
            "{}\n",
            tr!("cli-error", message = error.to_string())
        ));
    }
    errors
}

/// The table and explanations: on stdout, or on stderr when stdout carries data.
fn report(
    args: &RunArgs,
    result: &ExperimentResult,
    old: Option<&ExperimentResult>,
) -> Result<(), CliError> {
    if args.quiet {
        return Ok(());
    }
    let is_stdout = |path: &Option<PathBuf>| path.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let mut text = table::render(result);
    if let (Some(old), Some(path)) = (old, &args.compare) {
        text.push_str(&table::render_comparison(
            result,
            old,
            &path.display().to_string(),
        ));
    }
    if is_stdout(&args.json) || is_stdout(&args.csv) || is_stdout(&args.trace) {
        print_err(&text);
        Ok(())
    } else {
        print_out(&text)
    }
}

/// The kind of each `--chart` file: the i-th `--chart-kind` if given, else a
/// kind named in the file name (`cpu.png` is a CPU chart), else the last kind
/// given, else speed-up.
fn chart_kinds(files: &[PathBuf], kinds: &[ChartKind]) -> Vec<ChartKind> {
    files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            kinds
                .get(i)
                .copied()
                .or_else(|| ChartKind::from_file_name(file))
                .or(kinds.last().copied())
                .unwrap_or(ChartKind::Speedup)
        })
        .collect()
}

/// Rejects, before a run that may take long, chart files that could not be
/// written: an unknown extension, a missing folder, more kinds than files.
fn check_charts(args: &RunArgs) -> Result<(), CliError> {
    if args.chart_kinds.len() > args.charts.len() {
        return Err(CliError::Chart(tr!(
            "cli-chart-kinds-outnumber",
            kinds = args.chart_kinds.len(),
            charts = args.charts.len()
        )));
    }
    for path in &args.charts {
        if path.as_os_str() == "-" {
            return Err(CliError::Chart(tr!("cli-chart-stdout")));
        }
        ChartFormat::from_path(path).map_err(|_| {
            CliError::Chart(tr!(
                "cli-chart-format",
                path = path.display().to_string(),
                allowed = ChartFormat::ALLOWED
            ))
        })?;
        check_writable("--chart", path)?;
    }
    Ok(())
}

fn progress_bar(visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{elapsed:>4} [{bar:30}] {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn the_ith_kind_goes_to_the_ith_chart_then_the_name_then_the_last_kind() {
        use ChartKind::{Cpu, Timeline};
        assert_eq!(
            chart_kinds(&files(&["a.svg", "b.png", "c.png"]), &[Timeline, Cpu]),
            vec![Timeline, Cpu, Cpu]
        );
        // A file named for a kind is that kind, unless its own --chart-kind says otherwise.
        assert_eq!(
            chart_kinds(&files(&["out.svg", "cpu.png"]), &[Timeline]),
            vec![Timeline, Cpu]
        );
        assert_eq!(
            chart_kinds(&files(&["cpu.svg"]), &[Timeline]),
            vec![Timeline]
        );
    }

    #[test]
    fn without_kinds_the_file_name_then_speedup_decides() {
        use ChartKind::{Cpu, Speedup, Throughput};
        assert_eq!(
            chart_kinds(
                &files(&["cpu.png", "x/run-throughput.svg", "chart.svg"]),
                &[]
            ),
            vec![Cpu, Throughput, Speedup]
        );
    }
}
