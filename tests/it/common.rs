//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::results::metrics::ExperimentResult;
use concurrency_lab::engine::run::kernel;
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent, RunnerOptions};
use concurrency_lab::engine::spec::preset::{self, Experiment};

/// The built lab binary, which process pools start as their workers.
pub fn lab_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_concurrency-lab"))
}

pub fn options() -> RunnerOptions {
    RunnerOptions::with_worker_exe(lab_binary())
}

/// Validates preset text for this machine.
pub fn experiment(text: &str) -> Experiment {
    preset::parse(text, "test.toml")
        .and_then(|p| p.validate("test.toml", MachineInfo::current(), kernel::calibration))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Runs an experiment to the end; returns the result and every event.
pub fn run_with(
    options: RunnerOptions,
    experiment: Experiment,
) -> (ExperimentResult, Vec<RunnerEvent>) {
    let runner = Runner::spawn(options, || {}).expect("runner");
    runner.start(experiment);
    let mut events = Vec::new();
    loop {
        match runner
            .recv_timeout(Duration::from_secs(120))
            .expect("the runner answers")
        {
            RunnerEvent::Finished(result) => return (*result, events),
            other => events.push(other),
        }
    }
}

pub fn run(text: &str) -> ExperimentResult {
    run_with(options(), experiment(text)).0
}

/// A preset with one run per given model line (e.g. `model = "rayon"\nworkers = 2`).
pub fn preset(workload: &str, runs: &[&str]) -> String {
    let mut text = format!("name = \"test\"\n[workload]\n{workload}\n");
    for run in runs {
        text.push_str(&format!("[[runs]]\n{run}\n"));
    }
    text
}

/// Every model with 2 workers where that applies.
pub const ALL_MODELS: &[&str] = &[
    "model = \"sequential\"",
    "model = \"threads\"",
    "model = \"threads\"\nlabel = \"threads gil\"\ngil = true\nswitch_interval_ms = 1.0",
    "model = \"thread_pool\"\nworkers = 2",
    "model = \"thread_pool\"\nlabel = \"pool gil\"\nworkers = 3\ngil = true",
    "model = \"process_pool\"\nworkers = 2",
    "model = \"async_single\"",
    "model = \"async_multi\"\nworkers = 2",
    "model = \"rayon\"\nworkers = 2",
];

/// Whether two half-open intervals overlap.
pub fn overlaps(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The lab binary as a command, speaking English whatever this machine's
/// language (the tests read its messages).
pub fn lab_command() -> std::process::Command {
    let mut command = std::process::Command::new(lab_binary());
    command
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .env_remove("LANGUAGE");
    command
}
