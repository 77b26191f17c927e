//! Real CPython as a runtime: every Python model × every workload verifies
//! its checksums; structural truths read from recorded spans; failures,
//! hostile interpreter choices, and the code the lab shows.
//!
//! These need an interpreter: where none is found (or a free-threaded build,
//! or 3.14 for `interpreter_pool`), the test says so and passes.

use crate::common;

#[cfg(unix)]
use std::path::{Path, PathBuf};
use std::process::Command;

use concurrency_lab::engine::python::code::{CodeSpec, python_code};
use concurrency_lab::engine::python::{PythonInfo, pythons};
use concurrency_lab::engine::results::metrics::{ExperimentResult, RunSummary};
use concurrency_lab::engine::spec::preset::{Fault, Model, Runtime, WorkloadKind};

/// The default interpreter, or `None` after saying why the test is skipped.
fn python_or_skip(test: &str) -> Option<PythonInfo> {
    let found = pythons().default_python().cloned();
    if found.is_none() {
        eprintln!("{test}: skipped: no usable Python interpreter on this machine");
    }
    found
}

fn python_run(model: &str, extra: &str) -> String {
    format!("runtime = \"python\"\nmodel = \"{model}\"\n{extra}")
}

fn assert_verified(result: &ExperimentResult) {
    for run in &result.runs {
        assert!(
            run.succeeded(),
            "{}: error {:?}, failed {}, checksums {}, {:?}",
            run.label,
            run.error,
            run.failed,
            run.checksum_ok,
            run.errors
        );
    }
}

fn run_named<'a>(result: &'a ExperimentResult, label: &str) -> &'a RunSummary {
    result
        .runs
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no run {label}"))
}

const PYTHON_MODELS: &[(&str, &str)] = &[
    ("sequential", ""),
    ("threads", ""),
    ("thread_pool", "workers = 2"),
    ("process_pool", "workers = 2"),
    ("async_single", ""),
];

#[test]
fn every_python_model_and_workload_verifies_its_checksums() {
    let Some(_) = python_or_skip("every_python_model_and_workload") else {
        return;
    };
    let workloads = [
        "kind = \"cpu\"\ntasks = 4\ncpu_ms = 2.0",
        "kind = \"sleep\"\ntasks = 4\nio_ms = 2.0",
        "kind = \"file\"\ntasks = 4\nbytes = 65536",
        "kind = \"net\"\ntasks = 4\nio_ms = 2.0",
        "kind = \"mixed\"\ntasks = 4\ncpu_ms = 1.0\nio_ms = 2.0",
        "kind = \"memory\"\ntasks = 4\nbytes = 65536",
        "kind = \"convoy\"\ntasks = 3\ncpu_ms = 3.0\nio_ms = 1.0\nio_rounds = 3",
    ];
    let runs: Vec<String> = PYTHON_MODELS
        .iter()
        .map(|(model, extra)| python_run(model, extra))
        .collect();
    let runs: Vec<&str> = runs.iter().map(String::as_str).collect();
    for workload in workloads {
        let result = common::run(&common::preset(workload, &runs));
        assert_verified(&result);
        for run in &result.runs {
            assert_eq!(run.runtime, Runtime::Python, "{}", run.label);
            let python = run.python.as_ref().expect("interpreter recorded");
            assert!(!python.version.is_empty());
            assert!(!run.spans.is_empty(), "{}: spans recorded", run.label);
            assert!(run.wall_s.mean > 0.0);
        }
    }
}

#[test]
fn cpython_threads_compute_one_at_a_time_and_processes_in_parallel() {
    let Some(python) = python_or_skip("cpython_threads_compute_one_at_a_time") else {
        return;
    };
    if !python.gil_enabled {
        eprintln!("skipped: the default interpreter runs without a GIL");
        return;
    }
    // Long enough that two workers are up before the queue empties.
    let result = common::run(&common::preset(
        "kind = \"cpu\"\ntasks = 4\ncpu_ms = 60.0",
        &[
            &python_run("threads", "label = \"threads\""),
            &python_run(
                "process_pool",
                "label = \"processes\"\nworkers = 2\nstart_method = \"fork\"",
            ),
        ],
    ));
    assert_verified(&result);
    let threads = run_named(&result, "threads");
    // Under the GIL the process's CPU time cannot exceed one core's worth of
    // wall time (a little slack for clock granularity and the lab's reader).
    assert!(
        threads.cpu_s <= threads.wall_s.mean * 1.15 + 0.01,
        "GIL threads used {} s CPU in {} s wall",
        threads.cpu_s,
        threads.wall_s.mean
    );
    let processes = run_named(&result, "processes");
    let mut pids: Vec<u64> = processes.spans.iter().map(|s| s.os_id).collect();
    pids.sort_unstable();
    pids.dedup();
    assert!(pids.len() >= 2, "a process pool of 2 ran in {pids:?}");
    assert!(
        processes
            .lanes
            .iter()
            .all(|l| l.name.starts_with("process "))
    );
}

#[test]
fn waits_overlap_in_threads_and_asyncio_and_never_in_a_loop() {
    let Some(_) = python_or_skip("waits_overlap") else {
        return;
    };
    let result = common::run(&common::preset(
        "kind = \"sleep\"\ntasks = 6\nio_ms = 40.0",
        &[
            &python_run("sequential", "label = \"loop\""),
            &python_run("threads", "label = \"threads\""),
            &python_run("async_single", "label = \"asyncio\""),
        ],
    ));
    assert_verified(&result);
    let overlapping = |run: &RunSummary| {
        run.spans.iter().enumerate().any(|(i, a)| {
            run.spans[i + 1..]
                .iter()
                .any(|b| common::overlaps((a.start_us, a.end_us), (b.start_us, b.end_us)))
        })
    };
    assert!(
        !overlapping(run_named(&result, "loop")),
        "a loop never overlaps"
    );
    assert!(overlapping(run_named(&result, "threads")));
    let asyncio = run_named(&result, "asyncio");
    assert!(overlapping(asyncio));
    let lanes: std::collections::HashSet<u32> = asyncio.spans.iter().map(|s| s.worker).collect();
    assert_eq!(lanes.len(), 1, "one event loop thread");
}

#[test]
fn a_raising_task_is_a_failed_task_with_its_message() {
    let Some(_) = python_or_skip("a_raising_task") else {
        return;
    };
    for (model, extra) in [
        ("thread_pool", "workers = 2"),
        ("process_pool", "workers = 2"),
    ] {
        let mut experiment = common::experiment(&common::preset(
            "kind = \"cpu\"\ntasks = 4\ncpu_iters = 1000",
            &[&python_run(model, extra)],
        ));
        experiment.workload.fault = Some(Fault::Panic { task: 2 });
        let (result, _) = common::run_with(common::options(), experiment);
        let run = &result.runs[0];
        assert_eq!(run.failed, 1, "{model}: {:?}", run.errors);
        assert!(
            run.errors
                .iter()
                .any(|e| e.contains("task 2") && e.contains("deliberate fault")),
            "{model}: {:?}",
            run.errors
        );
    }
}

#[test]
fn python_runs_are_measured_against_their_own_plain_loop() {
    let Some(_) = python_or_skip("python_runs_are_measured_against") else {
        return;
    };
    let result = common::run(&common::preset(
        "kind = \"sleep\"\ntasks = 4\nio_ms = 20.0",
        &[
            "model = \"sequential\"\nlabel = \"lab loop\"",
            &python_run("sequential", "label = \"py loop\""),
            &python_run("threads", "label = \"py threads\""),
        ],
    ));
    assert_verified(&result);
    assert_eq!(
        run_named(&result, "py threads").baseline.as_deref(),
        Some("py loop")
    );
    assert_eq!(
        run_named(&result, "lab loop").baseline.as_deref(),
        Some("lab loop")
    );
    let speedup = run_named(&result, "py threads").speedup.expect("speed-up");
    assert!(speedup > 1.5, "4 overlapping waits: {speedup}");
}

/// A fake interpreter: a shell script that answers the probe as told.
#[cfg(unix)]
fn fake_python(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[cfg(unix)]
#[test]
fn hostile_interpreter_choices_exit_2_naming_the_field() {
    let dir = tempfile::tempdir().expect("dir");
    let old = fake_python(
        dir.path(),
        "python-old",
        r#"echo '{"implementation": "CPython", "version": "3.6.15", "executable": ""}'"#,
    );
    let not_python = fake_python(dir.path(), "not-python", "echo hello");
    let silent = fake_python(dir.path(), "silent-python", "sleep 30");
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{:?}", dir.path().join("missing/python3")),
            "does not exist",
        ),
        (format!("{:?}", not_python), "not a"),
        (format!("{:?}", dir.path()), "folder"),
        (format!("{:?}", old), "older than 3.8"),
        (format!("{:?}", silent), "did not answer"),
        ("\"python9.99\"".into(), "no command"),
        ("\"2.1\"".into(), "no Python interpreter matches"),
    ];
    for (value, expected) in cases {
        let text = common::preset(
            "kind = \"sleep\"\ntasks = 1\nio_ms = 1.0",
            &[&python_run("sequential", &format!("python = {value}"))],
        );
        let path = dir.path().join("hostile.toml");
        std::fs::write(&path, text).expect("preset");
        let output = common::lab_command()
            .args(["run", path.to_str().expect("utf-8"), "--quiet"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{value}: {stderr}");
        assert!(stderr.contains("run 1, python"), "{value}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{value}: expected {expected:?} in {stderr}"
        );
    }
}

#[test]
fn what_an_interpreter_lacks_is_a_validation_error() {
    let Some(python) = python_or_skip("what_an_interpreter_lacks") else {
        return;
    };
    let workload = "kind = \"cpu\"\ntasks = 2\ncpu_iters = 100";
    let check = |run: &str, field: &str| {
        let text = common::preset(workload, &[run]);
        let error = concurrency_lab::engine::spec::preset::parse(&text, "t.toml")
            .and_then(|p| {
                p.validate(
                    "t.toml",
                    concurrency_lab::engine::MachineInfo::current(),
                    concurrency_lab::engine::run::kernel::calibration,
                )
            })
            .expect_err(run);
        assert_eq!(error.field(), Some(field), "{run}: {error}");
    };
    check(&python_run("rayon", ""), "runs[0].model");
    check(&python_run("async_multi", ""), "runs[0].model");
    check("model = \"interpreter_pool\"", "runs[0].model");
    check(
        "model = \"thread_pool\"\npython = \"3.12\"",
        "runs[0].python",
    );
    check(
        &python_run("threads", "start_method = \"spawn\""),
        "runs[0].start_method",
    );
    if !python.interpreter_pool {
        check(&python_run("interpreter_pool", ""), "runs[0].model");
    }
    if !python.free_threaded {
        check(&python_run("threads", "gil = false"), "runs[0].gil");
    }
}

#[test]
fn pythons_lists_the_default_interpreter_as_json() {
    let Some(python) = python_or_skip("pythons_lists") else {
        return;
    };
    let output = common::lab_command()
        .args(["pythons", "--json"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let probes: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let listed = probes
        .as_array()
        .expect("a list")
        .iter()
        .any(|p| p["info"]["executable"] == python.executable.display().to_string());
    assert!(listed, "{probes}");
}

#[test]
fn free_threaded_and_interpreter_pool_paths_where_installed() {
    let found = pythons();
    let free_threaded = found.usable().find(|p| p.free_threaded).cloned();
    match free_threaded {
        None => eprintln!("free-threaded path: skipped: no free-threaded build (python3.13t) here"),
        Some(python) => {
            let result = common::run(&common::preset(
                "kind = \"cpu\"\ntasks = 4\ncpu_ms = 20.0",
                &[&python_run(
                    "threads",
                    &format!("python = {:?}\ngil = false", python.executable),
                )],
            ));
            assert_verified(&result);
            assert_eq!(
                result.runs[0].python.as_ref().map(|p| p.gil_enabled),
                Some(false)
            );
        }
    }
    match found.usable().find(|p| p.interpreter_pool).cloned() {
        None => eprintln!("interpreter_pool path: skipped: no Python 3.14+ here"),
        Some(python) => {
            let result = common::run(&common::preset(
                "kind = \"cpu\"\ntasks = 4\ncpu_ms = 5.0",
                &[&python_run(
                    "interpreter_pool",
                    &format!("python = {:?}\nworkers = 2", python.executable),
                )],
            ));
            assert_verified(&result);
        }
    }
}

#[test]
fn the_python_code_shown_runs_as_written() {
    let Some(python) = python_or_skip("the_python_code_shown") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    for model in [
        Model::Sequential,
        Model::Threads,
        Model::ThreadPool,
        Model::ProcessPool,
        Model::AsyncSingle,
    ] {
        for kind in WorkloadKind::ALL {
            let spec = CodeSpec {
                model,
                workers: 2,
                tasks: 3,
                kind,
                cpu_iters: 2000,
                cpu_ms: None,
                io_ms: 2.0,
                bytes: 4096,
                io_rounds: 2,
                convoy_step_iters: 10,
                start_method: None,
                switch_interval_ms: Some(5.0),
                gil_flag: None,
                // Every program also runs a serial part, so that it is run too.
                serial_iters: 300,
                serial_ms: None,
            };
            let code = python_code(&spec).expect("code");
            let path = dir
                .path()
                .join(format!("{}_{}.py", model.name(), kind.name()));
            std::fs::write(&path, &code).expect("write");
            let output = Command::new(&python.executable)
                .arg("-I")
                .arg(&path)
                .output()
                .expect("python runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && stdout.contains("3 tasks in"),
                "{model} / {kind}:\n{code}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// A fake interpreter that answers the probe as CPython 3.11 and then does
/// `then` when asked to run the lab's program.
#[cfg(unix)]
fn fake_cpython(dir: &Path, name: &str, then: &str) -> PathBuf {
    let probe = r#"{"implementation": "CPython", "version": "3.11.0", "executable": "", "start_method": "fork", "start_methods": ["fork", "spawn"]}"#;
    fake_python(
        dir,
        name,
        &format!("case \"$1\" in\n  -E) echo '{probe}' ;;\n  *) {then} ;;\nesac"),
    )
}

#[cfg(unix)]
#[test]
fn an_interpreter_that_dies_or_stays_silent_fails_the_run_with_its_last_words() {
    let dir = tempfile::tempdir().expect("dir");
    let dying = fake_cpython(
        dir.path(),
        "dying-python",
        "echo 'Traceback (most recent call last):' >&2; echo 'RuntimeError: the interpreter broke' >&2; exit 1",
    );
    let silent = fake_cpython(dir.path(), "silent-python", "exec sleep 30");
    let mut options = common::options();
    options.python_startup_timeout = std::time::Duration::from_secs(2);
    for (python, expected) in [
        (&dying, "RuntimeError: the interpreter broke"),
        (&silent, "did not start within 2 s"),
    ] {
        let started = std::time::Instant::now();
        let experiment = common::experiment(&common::preset(
            "kind = \"sleep\"\ntasks = 2\nio_ms = 1.0",
            &[&python_run("sequential", &format!("python = {python:?}"))],
        ));
        let (result, _) = common::run_with(options.clone(), experiment);
        let run = &result.runs[0];
        let error = run.error.as_deref().unwrap_or_default();
        assert!(error.contains(expected), "{python:?}: {error}");
        assert!(!run.succeeded());
        // It gives up on the silent one; it does not wait for its 30 s.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(25),
            "{python:?} held the run"
        );
    }
}
