//! `concurrency-lab run`: a preset headless, with progress, a table and exports.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_FAILED, check_writable, table};
use crate::engine::measure::machine::MachineInfo;
use crate::engine::measure::monitor::{self, Monitor, MonitorSample};
use crate::engine::results::metrics::ExperimentResult;
use crate::engine::run::runner::{Runner, RunnerEvent, RunnerOptions};
use crate::engine::spec::preset;
use crate::export::charts::{ChartFormat, ChartKind, export_chart};
use crate::export::{CsvExporter, Exporter, JsonExporter, export_to_path};

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
}

pub fn run(args: &RunArgs) -> ExitCode {
    let machine = MachineInfo::current();
    let experiment = match preset::load(&args.preset).and_then(|(preset, origin)| {
        preset.validate(&origin, machine, crate::engine::run::kernel::calibration)
    }) {
        Ok(experiment) => experiment,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    for notice in &experiment.notices {
        eprintln!("note: {notice}");
    }
    if args.json.as_deref().is_some_and(|p| p.as_os_str() == "-")
        && args.csv.as_deref().is_some_and(|p| p.as_os_str() == "-")
    {
        eprintln!(
            "error: --json - and --csv - would both write to standard output; send one to a file"
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    for (flag, path) in [("--json", &args.json), ("--csv", &args.csv)] {
        if let Some(path) = path
            && let Err(message) = check_writable(flag, path)
        {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    if let Err(message) = check_charts(args) {
        eprintln!("error: {message}");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let options = match RunnerOptions::for_this_executable() {
        Ok(options) => options,
        Err(error) => {
            eprintln!("error: cannot find this program's executable for worker processes: {error}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let runner = match Runner::spawn(options, || {}) {
        Ok(runner) => runner,
        Err(error) => {
            eprintln!("error: cannot start the runner thread: {error}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let canceller = runner.canceller();
    let presses = std::sync::atomic::AtomicU32::new(0);
    // Ctrl+C (and SIGTERM, SIGHUP) cancel cleanly; a second one, for a cancel
    // that seems stuck, leaves at once (worker processes die with the lab).
    let handler = move || {
        if presses.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            canceller.cancel();
        } else {
            eprintln!("\nstopped at once (second interrupt)");
            std::process::exit(i32::from(EXIT_CANCELLED));
        }
    };
    if let Err(error) = ctrlc::set_handler(handler) {
        eprintln!("warning: Ctrl+C will not cancel cleanly: {error}");
    }
    let monitor = Monitor::start(monitor::DEFAULT_INTERVAL, || {}).ok();

    let is_stdout = |path: &Option<PathBuf>| path.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let stdout_taken = is_stdout(&args.json) || is_stdout(&args.csv);
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let bar = progress_bar(show_progress);
    let quiet = args.quiet;
    let name = experiment.preset.name.clone();
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
            eprintln!("error: the runner stopped unexpectedly; no result");
            return ExitCode::from(EXIT_FAILED);
        };
        match event {
            RunnerEvent::Started {
                origin_ns: origin, ..
            } => origin_ns = origin,
            RunnerEvent::Progress(progress) => {
                let label = runs.get(progress.run).map_or("", |r| r.label.as_str());
                let phase = if progress.warmup {
                    "warm-up"
                } else {
                    "repetition"
                };
                bar.set_message(format!(
                    "run {}/{} {label}, {phase} {}/{}: {}/{} tasks",
                    progress.run + 1,
                    progress.runs,
                    progress.repetition + 1,
                    progress.repetitions,
                    progress.tasks_done,
                    progress.tasks
                ));
                bar.set_position((progress.fraction() * 1000.0) as u64);
            }
            RunnerEvent::Notice(text) if !quiet => bar.suspend(|| eprintln!("{text}")),
            RunnerEvent::Rejected(text) => bar.suspend(|| eprintln!("warning: {text}")),
            RunnerEvent::Finished(result) => break *result,
            _ => {}
        }
    };
    // When it ended: CPU samples are kept up to here, also for a cancelled
    // run, which has no measured window to go by.
    let finished_s =
        crate::engine::measure::sys::monotonic_ns().saturating_sub(origin_ns) as f64 / 1e9;
    bar.finish_and_clear();
    let mut result: ExperimentResult = result;
    if let Some(monitor) = monitor {
        samples.extend(monitor.drain());
    }
    let end_s = result
        .runs
        .iter()
        .flat_map(|r| r.windows_s.iter().map(|w| w[1]))
        .fold(finished_s, f64::max);
    result.cpu_samples = monitor::relative_samples(&samples, origin_ns, -0.5, end_s + 0.5);
    drop(runner);

    if !quiet {
        let text = table::render(&result);
        if stdout_taken {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    let mut code = if result.cancelled {
        eprintln!("cancelled: {name} stopped before the end; nothing was left running");
        EXIT_CANCELLED
    } else if result.succeeded() {
        0
    } else {
        for run in result.runs.iter().filter(|r| !r.succeeded()) {
            let why = run
                .error
                .clone()
                .or_else(|| run.errors.first().cloned())
                .unwrap_or_else(|| "wrong checksums".into());
            eprintln!("error: run {:?} failed: {why}", run.label);
        }
        EXIT_FAILED
    };
    let exports: [(Option<&PathBuf>, &dyn Exporter); 2] = [
        (
            args.json.as_ref(),
            &JsonExporter {
                include_spans: args.spans,
            },
        ),
        (args.csv.as_ref(), &CsvExporter),
    ];
    for (path, exporter) in exports {
        if let Some(path) = path
            && let Err(error) = export_to_path(exporter, &result, path)
        {
            eprintln!("error: {error}");
            if code == 0 {
                code = EXIT_FAILED;
            }
        }
    }
    for (path, kind) in args
        .charts
        .iter()
        .zip(chart_kinds(&args.charts, &args.chart_kinds))
    {
        if let Err(error) = export_chart(&result, kind, path) {
            eprintln!("error: {error}");
            if code == 0 {
                code = EXIT_FAILED;
            }
        }
    }
    ExitCode::from(code)
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
fn check_charts(args: &RunArgs) -> Result<(), String> {
    if args.chart_kinds.len() > args.charts.len() {
        return Err(format!(
            "{} --chart-kind given for {} --chart; each kind applies to the --chart in the same position",
            args.chart_kinds.len(),
            args.charts.len()
        ));
    }
    for path in &args.charts {
        if path.as_os_str() == "-" {
            return Err("--chart -: charts are written to files, not to standard output".into());
        }
        ChartFormat::from_path(path).map_err(|_| {
            format!(
                "--chart {}: unknown chart format; use a file name ending in {}",
                path.display(),
                ChartFormat::ALLOWED
            )
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
