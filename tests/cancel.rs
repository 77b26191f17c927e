//! Cancel mid-run, for every model and workload: it stops promptly and
//! leaves no process, thread or temporary file behind. (Alone in its test
//! binary, so that no other test's threads or processes are counted.)

#[path = "it/common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{experiment, options, preset};
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};

/// Threads of this process whose names start with `lab-`.
#[cfg(target_os = "linux")]
fn lab_threads() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .expect("proc")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| name.starts_with("lab-") && name != "lab-runner")
        .collect()
}

/// Live child processes of this process.
#[cfg(target_os = "linux")]
fn child_processes() -> Vec<u32> {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .expect("proc")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // Fields after the command name (which may hold spaces): state, ppid.
            let rest = &stat[stat.rfind(')')? + 2..];
            let ppid = rest.split_whitespace().nth(1)?;
            (ppid == me).then_some(pid)
        })
        .collect()
}

/// Cancelling each model mid-run stops it promptly and leaves nothing behind.
#[cfg(target_os = "linux")]
#[test]
fn cancel_mid_run_leaves_no_process_thread_or_temporary_file() {
    let temp_root = tempfile::tempdir().expect("temp root");
    let mut options = options();
    options.temp_root = Some(temp_root.path().to_owned());
    let workloads = [
        (
            "kind = \"file\"\ntasks = 400\nbytes = 1048576",
            common::ALL_MODELS,
        ),
        (
            "kind = \"mixed\"\ntasks = 200\ncpu_ms = 5.0\nio_ms = 200.0",
            common::ALL_MODELS,
        ),
        (
            "kind = \"net\"\ntasks = 100\nio_ms = 2000.0",
            common::ALL_MODELS,
        ),
    ];
    let runner = Runner::spawn(options, || {}).expect("runner");
    for (workload, models) in workloads {
        for model in models {
            runner.start(experiment(&preset(workload, &[model])));
            // Wait until tasks are under way, then cancel.
            loop {
                match runner
                    .recv_timeout(Duration::from_secs(30))
                    .expect("runner answers")
                {
                    RunnerEvent::Progress(p) if p.tasks_done >= 1 || p.in_flight >= 1 => break,
                    RunnerEvent::Finished(_) => {
                        panic!("{model}: finished before it could be cancelled")
                    }
                    _ => {}
                }
            }
            let cancelled_at = Instant::now();
            runner.cancel();
            let result = loop {
                if let RunnerEvent::Finished(result) = runner
                    .recv_timeout(Duration::from_secs(30))
                    .expect("runner answers")
                {
                    break result;
                }
            };
            let took = cancelled_at.elapsed();
            assert!(
                result.cancelled,
                "{workload} / {model}: {:?}",
                result
                    .runs
                    .iter()
                    .map(|r| (r.failed, r.errors.clone(), r.wall_s.mean))
                    .collect::<Vec<_>>()
            );
            // Generous: the CI machine is shared; the 200 ms goal is measured in benches.
            assert!(
                took < Duration::from_secs(3),
                "{workload} / {model}: cancel took {took:?}"
            );
            assert_eq!(
                child_processes(),
                Vec::<u32>::new(),
                "{workload} / {model}: worker processes left"
            );
            assert_eq!(
                lab_threads(),
                Vec::<String>::new(),
                "{workload} / {model}: threads left"
            );
            let leftovers: Vec<_> = std::fs::read_dir(temp_root.path()).expect("dir").collect();
            assert!(
                leftovers.is_empty(),
                "{workload} / {model}: temporary files left: {leftovers:?}"
            );
        }
    }
}
