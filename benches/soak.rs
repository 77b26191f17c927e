//! Soak: 300 small experiments one after another in one runner — every lab
//! model on a rotating workload (computation, waiting, files, loopback
//! requests, memory), as a person would run experiment after experiment in
//! one window — measuring this process's threads (`/proc/self/task`), open
//! files (`/proc/self/fd`), resident memory and child processes after a
//! warm-up, half-way and at the end. A leak of any of them shows as growth.
//!
//! Run: `cargo bench --profile dev --bench soak` (Linux; it reads /proc).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::run::kernel;
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent, RunnerOptions};
use concurrency_lab::engine::spec::preset::{self, Experiment};

/// Experiments measured (after the warm-up).
const EXPERIMENTS: usize = 300;
/// Experiments run first, so that what is set up once (rayon's and tokio's
/// statics, the calibration, allocator arenas) is not counted as growth.
const WARMUP: usize = 10;

const RUNS: &str = r#"
[[runs]]
model = "sequential"
[[runs]]
model = "threads"
gil = true
[[runs]]
model = "thread_pool"
workers = 2
[[runs]]
model = "process_pool"
workers = 2
[[runs]]
model = "async_single"
[[runs]]
model = "async_multi"
workers = 2
[[runs]]
model = "rayon"
workers = 2
"#;

const WORKLOADS: &[&str] = &[
    "kind = \"cpu\"\ntasks = 8\ncpu_iters = 20000",
    "kind = \"sleep\"\ntasks = 8\nio_ms = 1.0",
    "kind = \"file\"\ntasks = 8\nbytes = 65536",
    "kind = \"net\"\ntasks = 8\nio_ms = 1.0",
    "kind = \"memory\"\ntasks = 8\nbytes = 1048576",
];

/// What the process holds at one moment.
#[derive(Debug, Clone, Copy)]
struct Held {
    threads: usize,
    open_files: usize,
    rss_kib: u64,
    children: usize,
}

fn entries(folder: &str) -> usize {
    std::fs::read_dir(folder).map_or(0, Iterator::count)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Processes whose parent is this one (worker processes left behind).
fn children() -> usize {
    let me = std::process::id().to_string();
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return 0;
    };
    processes
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("stat")).ok())
        .filter(|stat| {
            // Fields after the command name (which may hold spaces) in ")".
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .is_some_and(|parent| parent == me)
        })
        .count()
}

fn held() -> Held {
    Held {
        threads: entries("/proc/self/task"),
        open_files: entries("/proc/self/fd"),
        rss_kib: rss_kib(),
        children: children(),
    }
}

fn experiment(index: usize) -> Experiment {
    let workload = WORKLOADS[index % WORKLOADS.len()];
    let text = format!("name = \"soak {index}\"\n[workload]\n{workload}\n{RUNS}");
    preset::parse(&text, "soak")
        .and_then(|p| p.validate("soak", MachineInfo::current(), kernel::calibration))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Runs one experiment to its end; `false` if a run failed.
fn run_one(runner: &Runner, index: usize) -> bool {
    runner.start(experiment(index));
    loop {
        match runner.recv_timeout(Duration::from_secs(120)) {
            Some(RunnerEvent::Finished(result)) => {
                for run in result.runs.iter().filter(|r| !r.succeeded()) {
                    eprintln!("experiment {index}, {}: {:?}", run.label, run.error);
                }
                return result.succeeded();
            }
            Some(_) => {}
            None => panic!("experiment {index} gave no answer for 120 s"),
        }
    }
}

fn row(point: &str, done: usize, held: Held) {
    println!(
        "| {point:<9} | {done:>11} | {:>7} | {:>10} | {:>8.1} | {:>15} |",
        held.threads,
        held.open_files,
        held.rss_kib as f64 / 1024.0,
        held.children
    );
}

fn main() {
    // `cargo test --benches` runs this without `--bench`: stay quick then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if !cfg!(target_os = "linux") {
        println!("soak: Linux only (it reads /proc)");
        return;
    }
    let options =
        RunnerOptions::with_worker_exe(PathBuf::from(env!("CARGO_BIN_EXE_concurrency-lab")));
    let runner = Runner::spawn(options, || {}).expect("runner");
    for index in 0..WARMUP {
        run_one(&runner, index);
    }
    let started = Instant::now();
    let start = held();
    println!("soak: {EXPERIMENTS} experiments × 7 runs (every lab model), one runner");
    println!("| point     | experiments | threads | open files | RSS, MiB | child processes |");
    println!("|---|---|---|---|---|---|");
    row("start", 0, start);
    let mut failed = 0;
    let mut middle = start;
    for index in 0..EXPERIMENTS {
        if !run_one(&runner, WARMUP + index) {
            failed += 1;
        }
        if index + 1 == EXPERIMENTS / 2 {
            middle = held();
            row("half-way", index + 1, middle);
        }
    }
    let end = held();
    row("end", EXPERIMENTS, end);
    println!(
        "\n{} s for {EXPERIMENTS} experiments, {failed} with a failed run; end − start: \
         {:+} threads, {:+} open files, {:+.1} MiB, {:+} child processes \
         (end − half-way: {:+.1} MiB)",
        started.elapsed().as_secs(),
        end.threads as i64 - start.threads as i64,
        end.open_files as i64 - start.open_files as i64,
        (end.rss_kib as f64 - start.rss_kib as f64) / 1024.0,
        end.children as i64 - start.children as i64,
        (end.rss_kib as f64 - middle.rss_kib as f64) / 1024.0,
    );
}
