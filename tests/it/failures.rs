//! Failure and cancellation: a panicking task, a killed worker process, and
//! a cancel mid-run that leaves no process, thread or temporary file behind.

use crate::common;

#[cfg(unix)]
use std::collections::HashSet;
#[cfg(unix)]
use std::time::Duration;

use common::{experiment, options, preset, run_with};
#[cfg(unix)]
use concurrency_lab::engine::run::executor::ExecNotice;
#[cfg(unix)]
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};
use concurrency_lab::engine::spec::preset::Fault;

#[test]
fn a_panicking_task_is_reported_failed_and_the_run_goes_on() {
    let mut experiment = experiment(&preset(
        "kind = \"cpu\"\ntasks = 5\ncpu_iters = 10000",
        common::ALL_MODELS,
    ));
    experiment.workload.fault = Some(Fault::Panic { task: 2 });
    let (result, _) = run_with(options(), experiment);
    assert_eq!(
        result.runs.len(),
        common::ALL_MODELS.len(),
        "every run was carried out"
    );
    for run in &result.runs {
        assert_eq!(run.failed, 1, "{}: {:?}", run.label, run.errors);
        assert!(run.checksum_ok, "{}: the other tasks are right", run.label);
        assert!(
            run.errors
                .iter()
                .any(|e| e.contains("task 2") && e.contains("panicked")),
            "{}: {:?}",
            run.label,
            run.errors
        );
        let failed: Vec<u32> = run.spans.iter().filter(|s| !s.ok).map(|s| s.task).collect();
        assert_eq!(
            failed,
            [2],
            "{}: the timeline shows the failed task",
            run.label
        );
    }
    assert!(!result.succeeded());
}

#[cfg(unix)]
#[test]
fn a_killed_worker_process_is_reported_and_replaced() {
    let experiment = experiment(&preset(
        "kind = \"sleep\"\ntasks = 8\nio_ms = 150.0",
        &["model = \"process_pool\"\nworkers = 2"],
    ));
    let runner = Runner::spawn(options(), || {}).expect("runner");
    runner.start(experiment);
    let mut killed = None;
    let mut replaced = None;
    let result = loop {
        match runner
            .recv_timeout(Duration::from_secs(60))
            .expect("runner answers")
        {
            RunnerEvent::Workers {
                notice: ExecNotice::WorkersStarted(pids),
                ..
            } if killed.is_none() => {
                // Let the first tasks start, then kill one worker mid-task.
                std::thread::sleep(Duration::from_millis(60));
                // SAFETY: sending SIGKILL to our own child process.
                unsafe { libc::kill(pids[0] as i32, libc::SIGKILL) };
                killed = Some(pids[0]);
            }
            RunnerEvent::Workers {
                notice: ExecNotice::WorkerReplaced { died, replacement },
                ..
            } => {
                replaced = Some((died, replacement));
            }
            RunnerEvent::Finished(result) => break *result,
            _ => {}
        }
    };
    let killed = killed.expect("workers started");
    let (died, replacement) = replaced.expect("the death was noticed");
    assert_eq!(died, killed);
    let replacement = replacement.expect("a replacement started");
    let run = &result.runs[0];
    assert_eq!(run.failed, 1, "{:?}", run.errors);
    assert!(
        run.errors[0].contains("died") && run.errors[0].contains("signal 9"),
        "{:?}",
        run.errors
    );
    assert_eq!(run.replaced_workers, 1);
    assert!(run.checksum_ok);
    let pids: HashSet<u64> = run.spans.iter().filter(|s| s.ok).map(|s| s.os_id).collect();
    assert!(
        pids.contains(&u64::from(replacement)),
        "the replacement ran tasks: {pids:?}"
    );
}

#[test]
fn a_cancel_keeps_the_repetitions_already_measured() {
    use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};
    use std::time::Duration;
    let experiment = experiment(&format!(
        "repetitions = 50\n{}",
        preset(
            "kind = \"sleep\"\ntasks = 2\nio_ms = 20.0",
            &["model = \"sequential\"", "model = \"threads\""]
        )
    ));
    let runner = Runner::spawn(options(), || {}).expect("runner");
    runner.start(experiment);
    let result = loop {
        match runner
            .recv_timeout(Duration::from_secs(60))
            .expect("runner answers")
        {
            RunnerEvent::RepetitionFinished {
                run: 0,
                repetition: 2,
                ..
            } => runner.cancel(),
            RunnerEvent::Finished(result) => break *result,
            _ => {}
        }
    };
    assert!(result.cancelled);
    assert_eq!(
        result.runs.len(),
        1,
        "the run under way is kept, the next never started"
    );
    let run = &result.runs[0];
    assert!(run.cancelled);
    assert!(
        (3..50).contains(&run.repetitions),
        "{} repetitions kept",
        run.repetitions
    );
    assert_eq!(run.windows_s.len(), run.repetitions as usize);
    assert!(run.checksum_ok && run.failed == 0);
}
