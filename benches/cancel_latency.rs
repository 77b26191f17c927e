//! How long a cancel takes to stop a run, per model and workload: the time
//! from `Runner::cancel` to the `Finished` event (cleanup included: threads
//! joined, worker processes killed and reaped, temporary folder removed).
//!
//! Run: `cargo bench --bench cancel_latency`. Goal: under 200 ms everywhere.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::run::kernel;
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent, RunnerOptions};
use concurrency_lab::engine::spec::preset;

const MODELS: &[&str] = &[
    "model = \"sequential\"",
    "model = \"threads\"",
    "model = \"threads\"\ngil = true",
    "model = \"thread_pool\"\nworkers = 4",
    "model = \"process_pool\"\nworkers = 2",
    "model = \"async_single\"",
    "model = \"async_multi\"\nworkers = 2",
    "model = \"rayon\"\nworkers = 2",
];

const WORKLOADS: &[(&str, &str)] = &[
    ("cpu", "kind = \"cpu\"\ntasks = 64\ncpu_ms = 500.0"),
    ("sleep", "kind = \"sleep\"\ntasks = 64\nio_ms = 5000.0"),
    ("net", "kind = \"net\"\ntasks = 64\nio_ms = 5000.0"),
    ("file", "kind = \"file\"\ntasks = 64\nbytes = 16777216"),
];

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: stay quick then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let options =
        RunnerOptions::with_worker_exe(PathBuf::from(env!("CARGO_BIN_EXE_concurrency-lab")));
    let runner = Runner::spawn(options, || {}).expect("runner");
    println!("cancel latency, ms (median of 5), after 300 ms of running");
    print!("{:28}", "model");
    for (name, _) in WORKLOADS {
        print!("{name:>8}");
    }
    println!();
    let mut worst = Duration::ZERO;
    for model in MODELS {
        print!("{:28}", model.replace('\n', " ").replace("model = ", ""));
        for (_, workload) in WORKLOADS {
            let text = format!("name = \"cancel\"\n[workload]\n{workload}\n[[runs]]\n{model}\n");
            let experiment = preset::parse(&text, "bench")
                .and_then(|p| p.validate("bench", MachineInfo::current(), kernel::calibration))
                .expect("valid");
            let mut samples = Vec::new();
            for _ in 0..5 {
                runner.start(experiment.clone());
                std::thread::sleep(Duration::from_millis(300));
                let asked = Instant::now();
                runner.cancel();
                loop {
                    if let Some(RunnerEvent::Finished(_)) =
                        runner.recv_timeout(Duration::from_secs(30))
                    {
                        break;
                    }
                }
                samples.push(asked.elapsed());
            }
            samples.sort();
            worst = worst.max(samples[samples.len() - 1]);
            print!("{:8.1}", samples[2].as_secs_f64() * 1000.0);
        }
        println!();
    }
    println!(
        "worst single cancel: {:.1} ms",
        worst.as_secs_f64() * 1000.0
    );
}
