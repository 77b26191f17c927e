//! Every executor runs every workload with correct checksums, and the spans
//! it records show the structure each model promises.

use crate::common;

use common::{ALL_MODELS, overlaps, preset, run};
use concurrency_lab::engine::measure::spans::TaskState;
use concurrency_lab::engine::results::metrics::RunSummary;
use concurrency_lab::engine::spec::preset::Model;
use std::collections::HashSet;

const WORKLOADS: &[&str] = &[
    "kind = \"cpu\"\ntasks = 6\ncpu_iters = 200000",
    "kind = \"sleep\"\ntasks = 6\nio_ms = 5.0",
    "kind = \"file\"\ntasks = 4\nbytes = 65536",
    "kind = \"net\"\ntasks = 6\nio_ms = 5.0",
    "kind = \"mixed\"\ntasks = 6\ncpu_iters = 100000\nio_ms = 3.0",
    "kind = \"memory\"\ntasks = 4\nbytes = 1000000",
    "kind = \"convoy\"\ntasks = 3\ncpu_iters = 300000\nio_ms = 1.0\nio_rounds = 5",
];

fn assert_all_correct(run: &RunSummary, workload: &str) {
    assert!(
        run.error.is_none(),
        "{workload} / {}: {:?}",
        run.label,
        run.error
    );
    assert_eq!(
        run.failed, 0,
        "{workload} / {}: {:?}",
        run.label, run.errors
    );
    assert!(
        run.checksum_ok,
        "{workload} / {}: wrong checksums",
        run.label
    );
    assert_eq!(
        run.spans.len(),
        run.tasks as usize,
        "{workload} / {}: a span per task",
        run.label
    );
    assert!(run.spans.iter().all(|s| s.ok), "every task succeeded");
}

#[test]
fn every_executor_runs_every_workload_with_correct_checksums() {
    for workload in WORKLOADS {
        let result = run(&preset(workload, ALL_MODELS));
        assert_eq!(result.runs.len(), ALL_MODELS.len());
        for summary in &result.runs {
            assert_all_correct(summary, workload);
        }
        assert!(result.succeeded());
    }
}

fn running_segments(run: &RunSummary) -> Vec<(u32, (u64, u64))> {
    run.spans
        .iter()
        .flat_map(|span| {
            span.segments
                .iter()
                .filter(|s| s.state == TaskState::Running)
                .map(move |s| (span.worker, (s.start_us, s.end_us)))
        })
        .collect()
}

#[test]
fn under_the_gil_no_two_threads_compute_at_the_same_instant() {
    let runs = [
        "model = \"threads\"\ngil = true\nswitch_interval_ms = 0.5",
        "model = \"thread_pool\"\nworkers = 3\ngil = true\nswitch_interval_ms = 0.5",
    ];
    // Fixed work (about 20 ms a task in a debug build here), not calibrated
    // milliseconds: a calibration measured while other tests load the
    // machine can be several times off.
    let result = run(&preset(
        "kind = \"mixed\"\ntasks = 6\ncpu_iters = 1300000\nio_ms = 2.0",
        &runs,
    ));
    let mut waited = 0.0;
    for summary in &result.runs {
        assert_all_correct(summary, "mixed");
        let segments = running_segments(summary);
        let workers: HashSet<u32> = segments.iter().map(|(w, _)| *w).collect();
        assert!(workers.len() >= 3, "several threads took part");
        for (i, (worker_a, a)) in segments.iter().enumerate() {
            for (worker_b, b) in &segments[i + 1..] {
                assert!(
                    worker_a == worker_b || !overlaps(*a, *b),
                    "{}: threads {worker_a} and {worker_b} computed at once: {a:?} {b:?}",
                    summary.label
                );
            }
        }
        // Every thread that took part took the lock from another at least once.
        let switches: u64 = summary.gil_threads.iter().map(|t| t.switches).sum();
        assert!(
            switches >= workers.len() as u64 - 1,
            "{}: {switches} switches among {} threads",
            summary.label,
            workers.len()
        );
        waited += summary.gil_wait_share;
    }
    // Six threads wanting the lock for ~20 ms each: some waited for it.
    assert!(waited > 0.0, "no GIL wait recorded");
}

#[test]
fn without_the_gil_threads_do_compute_at_the_same_instant_on_two_cores() {
    if concurrency_lab::engine::measure::sys::logical_cores() < 2 {
        return;
    }
    let result = run(&preset(
        "kind = \"cpu\"\ntasks = 4\ncpu_iters = 2000000",
        &["model = \"threads\""],
    ));
    let segments = running_segments(&result.runs[0]);
    let simultaneous = segments.iter().enumerate().any(|(i, (wa, a))| {
        segments[i + 1..]
            .iter()
            .any(|(wb, b)| wa != wb && overlaps(*a, *b))
    });
    assert!(simultaneous, "four long tasks on 2+ cores never overlapped");
}

#[test]
fn a_process_pool_runs_tasks_in_several_processes_other_than_the_lab() {
    let result = run(&preset(
        "kind = \"cpu\"\ntasks = 8\ncpu_iters = 600000",
        &["model = \"process_pool\"\nworkers = 2"],
    ));
    let summary = &result.runs[0];
    assert_all_correct(summary, "cpu");
    let pids: HashSet<u64> = summary.spans.iter().map(|s| s.os_id).collect();
    assert!(pids.len() >= 2, "tasks ran in {pids:?}");
    assert!(!pids.contains(&u64::from(std::process::id())));
    assert!(summary.startup_s.is_some_and(|s| s > 0.0));
}

#[test]
fn an_event_loop_runs_every_task_on_one_thread() {
    let result = run(&preset(
        "kind = \"mixed\"\ntasks = 10\ncpu_iters = 10000\nio_ms = 5.0",
        &["model = \"async_single\""],
    ));
    let threads: HashSet<u64> = result.runs[0].spans.iter().map(|s| s.os_id).collect();
    assert_eq!(threads.len(), 1);
}

#[test]
fn waits_overlap_under_threads_and_async_but_never_in_a_plain_loop() {
    let runs = [
        "model = \"sequential\"",
        "model = \"threads\"",
        "model = \"threads\"\nlabel = \"threads gil\"\ngil = true",
        "model = \"async_single\"",
        "model = \"async_multi\"\nworkers = 2",
    ];
    let result = run(&preset("kind = \"sleep\"\ntasks = 8\nio_ms = 20.0", &runs));
    for summary in &result.runs {
        let spans: Vec<(u64, u64)> = summary
            .spans
            .iter()
            .map(|s| (s.start_us, s.end_us))
            .collect();
        let overlapping = spans
            .iter()
            .enumerate()
            .any(|(i, a)| spans[i + 1..].iter().any(|b| overlaps(*a, *b)));
        if summary.model == Model::Sequential {
            assert!(!overlapping, "sequential tasks overlapped");
        } else {
            assert!(
                overlapping,
                "{}: sleeping tasks did not overlap",
                summary.label
            );
        }
    }
}

#[test]
fn a_thread_pool_uses_at_most_its_workers() {
    let result = run(&preset(
        "kind = \"sleep\"\ntasks = 12\nio_ms = 2.0",
        &["model = \"thread_pool\"\nworkers = 3"],
    ));
    let threads: HashSet<u64> = result.runs[0].spans.iter().map(|s| s.os_id).collect();
    assert!(!threads.is_empty() && threads.len() <= 3, "{threads:?}");
}

#[test]
fn a_task_records_its_cpu_and_io_states() {
    let result = run(&preset(
        "kind = \"mixed\"\ntasks = 2\ncpu_iters = 200000\nio_ms = 5.0",
        &["model = \"sequential\""],
    ));
    for span in &result.runs[0].spans {
        let states: Vec<TaskState> = span.segments.iter().map(|s| s.state).collect();
        // Compute, wait, then a moment of running again to finish.
        assert_eq!(
            states[..2],
            [TaskState::Running, TaskState::IoWait],
            "{span:?}"
        );
        assert!(!states.contains(&TaskState::GilWait));
        // A timed wait never ends early; how long computing takes depends
        // on the machine, so only that it was recorded is asserted.
        assert!(span.io_wait_us >= 4_000 && span.busy_us > 0, "{span:?}");
        if cfg!(any(target_os = "linux", windows)) {
            assert!(span.cpu_start.is_some() && span.cpu_end.is_some());
        }
    }
}

#[test]
fn repetitions_and_warmups_are_counted_apart() {
    let text = format!(
        "repetitions = 3\nwarmup = 2\n{}",
        preset(
            "kind = \"sleep\"\ntasks = 2\nio_ms = 1.0",
            &["model = \"sequential\"", "model = \"threads\""]
        )
    );
    let result = run(&text);
    for summary in &result.runs {
        assert_eq!(summary.repetitions, 3);
        assert_eq!(summary.windows_s.len(), 3);
        assert!(
            summary.wall_s.min <= summary.wall_s.mean && summary.wall_s.mean <= summary.wall_s.max
        );
    }
    assert_eq!(result.runs[0].speedup, Some(1.0));
    assert!(result.runs[1].speedup.is_some_and(|s| s > 0.0));
}
