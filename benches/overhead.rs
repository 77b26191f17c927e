//! Per-task overhead of each executor on (almost) empty tasks, next to the raw
//! primitive it wraps, and the cost of recording one event.
//!
//! Run: `cargo bench --bench overhead`. Figures in BENCHMARKS.md.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use concurrency_lab::engine::measure::recorder::{self, EventKind, Recorder};
use concurrency_lab::engine::run::cancel::CancelToken;
use concurrency_lab::engine::run::executor::{RunContext, executor_for};
use concurrency_lab::engine::run::workload::{Services, TaskResults};
use concurrency_lab::engine::spec::preset::{Model, ResolvedWorkload, RunPlan, WorkloadKind};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// Tasks per measured run (fewer for the expensive models).
const TASKS: u32 = 1000;
const WORKERS: usize = 2;

fn empty_work(tasks: u32) -> ResolvedWorkload {
    ResolvedWorkload {
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
    }
}

/// Runs `tasks` empty tasks under `model`, as the runner would (recording on).
fn run_model(model: Model, tasks: u32) {
    let work = empty_work(tasks);
    let workers = if model == Model::Threads {
        tasks as usize
    } else {
        WORKERS
    };
    let plan = RunPlan::lab(model.name(), model, workers);
    let services = Services::default();
    let cancel = CancelToken::new();
    let recorder = Recorder::new();
    let results = Arc::new(TaskResults::new(tasks));
    let notices = |_| {};
    let ctx = RunContext {
        plan: &plan,
        work: &work,
        services: &services,
        cancel: &cancel,
        recorder: &recorder,
        results: &results,
        worker_exe: Path::new(env!("CARGO_BIN_EXE_concurrency-lab")),
        notices: &notices,
        temp_root: None,
        python_startup_timeout: Duration::from_secs(20),
    };
    executor_for(&plan).run(&ctx).expect("run");
    assert_eq!(results.finished(), tasks as usize, "every task finished");
    divan::black_box(recorder.drain());
}

#[divan::bench(args = [Model::Sequential, Model::ThreadPool, Model::AsyncSingle, Model::AsyncMulti, Model::Rayon], sample_count = 30)]
fn executor_per_task(bencher: Bencher, model: Model) {
    bencher
        .counter(ItemsCount::new(TASKS))
        .bench(|| run_model(model, TASKS));
}

#[divan::bench(sample_count = 10)]
fn executor_per_task_threads(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(200u32))
        .bench(|| run_model(Model::Threads, 200));
}

#[divan::bench(sample_count = 10)]
fn executor_per_task_process_pool(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(200u32))
        .bench(|| run_model(Model::ProcessPool, 200));
}

/// Raw rayon: a pool and a parallel loop over no-op items.
#[divan::bench(sample_count = 30)]
fn raw_rayon(bencher: Bencher) {
    bencher.counter(ItemsCount::new(TASKS)).bench(|| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(WORKERS)
            .build()
            .expect("pool");
        pool.install(|| {
            use rayon::prelude::*;
            (0..TASKS).into_par_iter().with_max_len(1).for_each(|i| {
                divan::black_box(i);
            });
        });
    });
}

/// Raw tokio: a current-thread runtime spawning no-op tasks.
#[divan::bench(sample_count = 30)]
fn raw_tokio_spawn(bencher: Bencher) {
    bencher.counter(ItemsCount::new(TASKS)).bench(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        runtime.block_on(async {
            let handles: Vec<_> = (0..TASKS)
                .map(|i| tokio::spawn(async move { divan::black_box(i) }))
                .collect();
            for handle in handles {
                let _ = handle.await;
            }
        });
    });
}

/// Raw std threads: spawn and join one thread per no-op task.
#[divan::bench(sample_count = 10)]
fn raw_thread_spawn(bencher: Bencher) {
    bencher.counter(ItemsCount::new(200u32)).bench(|| {
        let handles: Vec<_> = (0..200)
            .map(|i| std::thread::spawn(move || divan::black_box(i)))
            .collect();
        for handle in handles {
            let _ = handle.join();
        }
    });
}

/// Raw thread pool: two threads taking indices from an atomic counter.
#[divan::bench(sample_count = 30)]
fn raw_thread_pool(bencher: Bencher) {
    bencher.counter(ItemsCount::new(TASKS)).bench(|| {
        let next = AtomicU32::new(0);
        std::thread::scope(|scope| {
            for _ in 0..WORKERS {
                scope.spawn(|| while next.fetch_add(1, Ordering::Relaxed) < TASKS {});
            }
        });
    });
}

/// Raw child process: start `cat`, send it 200 lines one at a time and read
/// each back — the pipe round trip a process pool pays per task.
#[cfg(unix)]
#[divan::bench(sample_count = 10)]
fn raw_child_process_round_trip(bencher: Bencher) {
    bencher.counter(ItemsCount::new(200u32)).bench(|| {
        let mut child = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("cat");
        let mut stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        for i in 0..200 {
            writeln!(stdin, "{{\"Task\":{{\"task\":{i}}}}}").expect("write");
            line.clear();
            stdout.read_line(&mut line).expect("read");
        }
        drop(stdin);
        let _ = child.wait();
    });
}

/// Raw child process start: spawn `true` and wait for it.
#[cfg(unix)]
#[divan::bench(sample_count = 20)]
fn raw_child_process_start(bencher: Bencher) {
    bencher.bench(|| Command::new("true").status().expect("true"));
}

/// One recorded event on an attached thread (clock + CPU number + push),
/// including its share of the occasional hand-over to the lane.
#[divan::bench(sample_count = 100)]
fn record_one_event(bencher: Bencher) {
    let recorder = Recorder::new();
    let _attached = recorder.attach_current_thread(1024, recorder::CpuAccounting::Caller);
    let mut task = 0u32;
    bencher.counter(ItemsCount::new(1u32)).bench_local(|| {
        task = task.wrapping_add(1);
        recorder::record(task, EventKind::Running);
    });
    divan::black_box(recorder.drain().len());
}
