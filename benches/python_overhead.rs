//! What the lab's Python program costs: each interpreter's start-up, and
//! what recording adds per task over a plain `executor.map` of the same work
//! (the same program with recording off), per model.
//!
//! `cargo bench --bench python_overhead` — results in BENCHMARKS.md.

use std::time::Duration;

use concurrency_lab::engine::python::discover::{PythonInfo, pythons};
use concurrency_lab::engine::python::process::{Driver, FromDriver, Next};
use concurrency_lab::engine::run::executor::python::run_request;
use concurrency_lab::engine::run::workload::Services;
use concurrency_lab::engine::spec::preset::{Model, PythonPlan, ResolvedWorkload, WorkloadKind};

const STARTS: usize = 10;
const REPETITIONS: usize = 7;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Spawn to hello, ms, median of several starts.
fn startup_ms(python: &PythonInfo) -> f64 {
    median(
        (0..STARTS)
            .map(|_| {
                let driver = Driver::start(python, None, None, Duration::from_secs(20), &|| false)
                    .expect("interpreter starts");
                let ms = (driver.hello_ns - driver.spawned_ns) as f64 / 1e6;
                driver.finish(Duration::from_secs(5));
                ms
            })
            .collect(),
    )
}

/// One run's measured window, s.
fn window_s(python: &PythonInfo, model: Model, tasks: u32, record: bool) -> f64 {
    let work = ResolvedWorkload {
        kind: WorkloadKind::Cpu,
        tasks,
        cpu_iters: 1,
        slice_iters: 1000,
        io_ns: 0,
        bytes: 0,
        io_rounds: 0,
        fault: None,
        cpu_ms: None,
        serial_iters: 0,
        serial_ms: None,
    };
    let plan = PythonPlan {
        interpreter: python.clone(),
        start_method: None,
        gil_flag: None,
        switch_interval_s: None,
    };
    let mut request = run_request(model, 2, &work, &Services::default(), &plan);
    request["record"] = serde_json::json!(record);
    let mut driver =
        Driver::start(python, None, None, Duration::from_secs(20), &|| false).expect("starts");
    driver.request(&request, &|| false).expect("request");
    loop {
        match driver.next(Duration::from_secs(120)) {
            Next::Message(FromDriver::Finished {
                t_start_ns,
                t_end_ns,
                ..
            }) => {
                driver.finish(Duration::from_secs(5));
                return (t_end_ns - t_start_ns) as f64 / 1e9;
            }
            Next::Message(FromDriver::Error { message }) => panic!("{message}"),
            Next::Closed | Next::Timeout => panic!("the interpreter stopped"),
            Next::Message(_) => {}
        }
    }
}

fn main() {
    let found = pythons();
    let usable: Vec<PythonInfo> = found.usable().cloned().collect();
    if usable.is_empty() {
        println!("no usable Python interpreter: nothing to measure");
        return;
    }
    println!("## Interpreter start-up (spawn to the program's hello, median of {STARTS})\n");
    println!("| interpreter | start-up |\n|---|---|");
    for python in &usable {
        println!(
            "| {} ({}) | {:.1} ms |",
            python.short_name(),
            python.version,
            startup_ms(python)
        );
    }
    let python = &usable[0];
    println!(
        "\n## Recording cost per task in {} (tiny tasks, median of {REPETITIONS})\n",
        python.short_name()
    );
    println!("| model | tasks | plain map | recorded | added per task |\n|---|---|---|---|---|");
    for (model, tasks) in [
        (Model::Sequential, 20_000),
        (Model::ThreadPool, 20_000),
        (Model::AsyncSingle, 20_000),
        (Model::ProcessPool, 5_000),
    ] {
        let mut plain = Vec::new();
        let mut recorded = Vec::new();
        for _ in 0..REPETITIONS {
            plain.push(window_s(python, model, tasks, false));
            recorded.push(window_s(python, model, tasks, true));
        }
        let (plain, recorded) = (median(plain), median(recorded));
        println!(
            "| {} | {tasks} | {:.1} µs/task | {:.1} µs/task | {:.2} µs |",
            model.name(),
            plain * 1e6 / f64::from(tasks),
            recorded * 1e6 / f64::from(tasks),
            (recorded - plain) * 1e6 / f64::from(tasks)
        );
    }
}
