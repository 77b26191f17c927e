//! Cancel mid-run, for every model and workload: it stops promptly and
//! leaves no process, thread or temporary file behind. (Alone in its test
//! binary, so that no other test's threads or processes are counted.)

#[path = "it/common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{experiment, options, preset};
use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};

/// The tests here count every thread and child process of this process: one
/// at a time.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

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
    let _alone = ALONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
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
            runner.cancel();
            let result = loop {
                if let RunnerEvent::Finished(result) = runner
                    .recv_timeout(Duration::from_secs(30))
                    .expect("runner answers")
                {
                    break result;
                }
            };
            assert!(
                result.cancelled,
                "{workload} / {model}: {:?}",
                result
                    .runs
                    .iter()
                    .map(|r| (r.failed, r.errors.clone(), r.wall_s.mean))
                    .collect::<Vec<_>>()
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

/// Live processes (not zombies) in a process group.
#[cfg(target_os = "linux")]
fn group_members(group: u32) -> Vec<u32> {
    let group = group.to_string();
    std::fs::read_dir("/proc")
        .expect("proc")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            let mut rest = stat[stat.rfind(')')? + 2..].split_whitespace();
            let state = rest.next()?;
            let pgrp = rest.nth(1)?;
            (pgrp == group && state != "Z" && state != "X").then_some(pid)
        })
        .collect()
}

/// POSIX semaphores `multiprocessing` made (spawn and forkserver name them).
#[cfg(target_os = "linux")]
fn mp_semaphores() -> std::collections::HashSet<String> {
    std::fs::read_dir("/dev/shm")
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.starts_with("sem.mp-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Folders `multiprocessing` made in the system's temporary folder.
#[cfg(target_os = "linux")]
fn mp_folders() -> std::collections::HashSet<String> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.starts_with("pymp-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Cancelling a Python run mid-run kills the interpreter and every process
/// it started, removes its files, and leaves no thread of the lab behind.
#[cfg(target_os = "linux")]
#[test]
fn cancelling_a_python_run_leaves_no_python_process_or_file() {
    let _alone = ALONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    use concurrency_lab::engine::python::pythons;
    let Some(python) = pythons().default_python().cloned() else {
        eprintln!("skipped: no usable Python interpreter on this machine");
        return;
    };
    let temp_root = tempfile::tempdir().expect("temp root");
    let mut options = options();
    options.temp_root = Some(temp_root.path().to_owned());
    let semaphores_before = mp_semaphores();
    let folders_before = mp_folders();
    let mut models: Vec<(String, usize)> = vec![
        ("model = \"sequential\"".into(), 1),
        ("model = \"threads\"".into(), 1),
        ("model = \"thread_pool\"\nworkers = 2".into(), 1),
        ("model = \"async_single\"".into(), 1),
    ];
    for method in &python.start_methods {
        // The interpreter, two workers (and a fork server or resource tracker).
        models.push((
            format!("model = \"process_pool\"\nworkers = 2\nstart_method = \"{method}\""),
            3,
        ));
    }
    let runner = Runner::spawn(options, || {}).expect("runner");
    for workload in [
        "kind = \"sleep\"\ntasks = 20\nio_ms = 5000.0",
        "kind = \"file\"\ntasks = 2000\nbytes = 1048576",
    ] {
        for (model, processes) in &models {
            let run = format!("runtime = \"python\"\n{model}");
            runner.start(experiment(&preset(workload, &[&run])));
            // Wait until the interpreter and its workers are up, then cancel.
            let started = Instant::now();
            let driver = loop {
                assert!(
                    started.elapsed() < Duration::from_secs(60),
                    "{model}: never started"
                );
                let _ = runner.recv_timeout(Duration::from_millis(20));
                let up = child_processes()
                    .into_iter()
                    .find(|pid| group_members(*pid).len() >= *processes);
                if let Some(pid) = up {
                    break pid;
                }
            };
            std::thread::sleep(Duration::from_millis(200));
            runner.cancel();
            let result = loop {
                if let RunnerEvent::Finished(result) = runner
                    .recv_timeout(Duration::from_secs(30))
                    .expect("runner answers")
                {
                    break result;
                }
            };
            assert!(result.cancelled, "{workload} / {model}");
            assert_eq!(
                group_members(driver),
                Vec::<u32>::new(),
                "{workload} / {model}: Python processes left"
            );
            assert_eq!(
                child_processes(),
                Vec::<u32>::new(),
                "{workload} / {model}: children left"
            );
            assert_eq!(
                lab_threads(),
                Vec::<String>::new(),
                "{workload} / {model}: threads left"
            );
            let leftovers: Vec<_> = std::fs::read_dir(temp_root.path()).expect("dir").collect();
            assert!(
                leftovers.is_empty(),
                "{workload} / {model}: files left: {leftovers:?}"
            );
        }
    }
    let new: Vec<String> = mp_semaphores()
        .difference(&semaphores_before)
        .cloned()
        .collect();
    assert!(new.is_empty(), "semaphores left in /dev/shm: {new:?}");
    let new: Vec<String> = mp_folders().difference(&folders_before).cloned().collect();
    assert!(new.is_empty(), "multiprocessing folders left: {new:?}");
}
