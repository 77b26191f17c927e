//! Hostile input, as an attacker or a careless user gives it: links, FIFOs
//! and sockets as outputs, a closed standard output, FIFOs, folders and huge
//! files as inputs, a folder named like a built-in preset. No test touches a
//! real device node: FIFOs, links and sparse files are made in a temporary
//! folder (a FIFO stands in for `/dev/null` and `/dev/full`).

use crate::common;

use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

const QUICK: &str = r#"
name = "quick"
[workload]
kind = "sleep"
tasks = 4
io_ms = 1.0
[[runs]]
model = "sequential"
[[runs]]
model = "thread_pool"
workers = 2
"#;

fn quick_preset(dir: &Path) -> String {
    let path = dir.join("quick.toml");
    std::fs::write(&path, QUICK).expect("write preset");
    path.display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Waits for the child at most `limit`, killing it after: a test of "does
/// not hang" must not hang itself.
fn finish_within(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!("still running after {limit:?}: {}", text(&output.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn lab(args: &[&str], dir: &Path) -> Output {
    let child = common::lab_command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    finish_within(child, Duration::from_secs(120))
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Reads a FIFO to its end on a thread; opened without blocking, so that a
/// writer that never comes cannot hang the test (it gives up after 60 s).
#[cfg(unix)]
fn drain_fifo(path: &Path) -> std::thread::JoinHandle<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut fifo = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .expect("open the FIFO");
    std::thread::spawn(move || {
        let mut got = Vec::new();
        let mut buffer = [0u8; 8192];
        let mut writer_seen = false;
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            // Before a writer opens it, a non-blocking read says "end" (0).
            match fifo.read(&mut buffer) {
                Ok(0) if writer_seen => break,
                Ok(0) => std::thread::sleep(Duration::from_millis(5)),
                Ok(n) => {
                    writer_seen = true;
                    got.extend_from_slice(&buffer[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    writer_seen = true;
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(_) => break,
            }
        }
        got
    })
}

#[cfg(unix)]
#[test]
fn exports_through_links_write_the_targets_and_leave_the_links() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(dir.path());
    std::fs::write(dir.path().join("kept.csv"), "old").expect("write");
    std::os::unix::fs::symlink("kept.csv", dir.path().join("link.csv")).expect("link");
    // A link to nothing yet: the export creates what it points at.
    std::os::unix::fs::symlink("new.json", dir.path().join("dangling.json")).expect("link");
    let output = lab(
        &[
            "run",
            &preset,
            "--quiet",
            "--csv",
            "link.csv",
            "--json",
            "dangling.json",
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    for link in ["link.csv", "dangling.json"] {
        let kind = std::fs::symlink_metadata(dir.path().join(link)).expect("link");
        assert!(
            kind.file_type().is_symlink(),
            "{link} was replaced by a file"
        );
    }
    let csv = std::fs::read_to_string(dir.path().join("kept.csv")).expect("csv");
    assert!(csv.starts_with("preset,"), "{csv}");
    let json = std::fs::read(dir.path().join("new.json")).expect("json");
    serde_json::from_slice::<serde_json::Value>(&json).expect("whole JSON");
}

#[cfg(unix)]
#[test]
fn an_export_to_a_fifo_is_written_in_place_and_it_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(dir.path());
    let fifo = dir.path().join("device.json");
    mkfifo(&fifo);
    let reader = drain_fifo(&fifo);
    let output = lab(
        &["run", &preset, "--quiet", "--json", "device.json"],
        dir.path(),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json = reader.join().expect("reader");
    serde_json::from_slice::<serde_json::Value>(&json).expect("the whole JSON came through");
    let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a file");
}

#[cfg(unix)]
#[test]
fn a_socket_or_a_folder_as_an_export_is_refused_before_the_run() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(dir.path());
    let _listener =
        std::os::unix::net::UnixListener::bind(dir.path().join("lab.sock")).expect("bind");
    let output = lab(&["run", &preset, "--csv", "lab.sock"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("lab.sock") && stderr.contains("socket"),
        "{stderr}"
    );
    std::fs::create_dir(dir.path().join("out.json")).expect("folder");
    let output = lab(&["run", &preset, "--json", "out.json"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
}

/// A standard output whose reader has gone: every write to it fails with a
/// broken pipe, as with `| true` once `true` has exited.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer.into()
}

#[test]
fn presets_into_a_closed_pipe_ends_quietly_without_a_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let child = common::lab_command()
        .arg("presets")
        .current_dir(dir.path())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let output = finish_within(child, Duration::from_secs(60));
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_run_into_a_closed_pipe_still_writes_every_export() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(dir.path());
    for json in ["r.json", "-"] {
        let child = common::lab_command()
            .args(["run", &preset, "--json", json, "--csv", "r.csv"])
            .current_dir(dir.path())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let output = finish_within(child, Duration::from_secs(120));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "--json {json}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let csv = std::fs::read_to_string(dir.path().join("r.csv")).expect("csv written");
        assert_eq!(csv.lines().count(), 3, "{csv}");
    }
    let json = std::fs::read(dir.path().join("r.json")).expect("json written");
    serde_json::from_slice::<serde_json::Value>(&json).expect("whole JSON");
}

#[cfg(unix)]
#[test]
fn a_fifo_folder_or_huge_preset_is_refused_naming_it_without_hanging() {
    let dir = tempfile::tempdir().expect("dir");
    mkfifo(&dir.path().join("fifo.toml"));
    std::fs::create_dir(dir.path().join("folder.toml")).expect("folder");
    let huge = std::fs::File::create(dir.path().join("huge.toml")).expect("create");
    // Sparse: no disk used, and the lab must not read it to refuse it.
    huge.set_len(concurrency_lab::input_file::MAX_PRESET_BYTES + 1)
        .expect("set_len");
    for (name, why) in [
        ("fifo.toml", "FIFO"),
        ("folder.toml", "folder"),
        ("huge.toml", "16.00 MiB"),
    ] {
        let output = lab(&["run", name], dir.path());
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name) && stderr.contains(why), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn results_that_are_a_fifo_or_too_large_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("results.json");
    mkfifo(&fifo);
    let error = concurrency_lab::export::load_result(&fifo).expect_err("a FIFO");
    assert!(error.to_string().contains("FIFO"), "{error}");
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(concurrency_lab::input_file::MAX_RESULTS_BYTES + 1))
        .expect("sparse file");
    let error = concurrency_lab::export::load_result(&huge).expect_err("too large");
    let message = error.to_string();
    assert!(
        message.contains("huge.json") && message.contains("1.00 GiB"),
        "{message}"
    );
}

#[test]
fn a_folder_named_like_a_builtin_does_not_hide_it() {
    let dir = tempfile::tempdir().expect("dir");
    let name = concurrency_lab::engine::spec::builtin::BUILTIN_PRESETS[0].name;
    std::fs::create_dir(dir.path().join(name)).expect("folder");
    // A bad chart name stops it after the preset is loaded, before it runs.
    let output = lab(&["run", name, "--chart", "x.bad"], dir.path());
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("./{name}")), "{stderr}");
    assert!(stderr.contains("x.bad"), "the preset loaded: {stderr}");
    // A path-like argument is the folder, refused as such.
    let output = lab(&["run", &format!("./{name}")], dir.path());
    assert!(
        text(&output.stderr).contains("folder"),
        "{}",
        text(&output.stderr)
    );
}

/// A process pool whose task 1 never ends: with `task_timeout_s` it fails
/// once, with a message saying why (the task named once), its worker is
/// replaced and every other task is done.
#[test]
fn a_hung_task_in_a_process_pool_times_out_and_the_run_goes_on() {
    use concurrency_lab::engine::spec::preset::Fault;
    let mut experiment = common::experiment(&common::preset(
        "kind = \"sleep\"\ntasks = 6\nio_ms = 1.0",
        &["model = \"process_pool\"\nworkers = 2\ntask_timeout_s = 3.0"],
    ));
    experiment.workload.fault = Some(Fault::Hang { task: 1 });
    let (result, _) = common::run_with(common::options(), experiment);
    let run = &result.runs[0];
    assert_eq!(run.failed, 1, "{:?}", run.errors);
    assert!(run.checksum_ok, "the other tasks are right");
    assert_eq!(run.replaced_workers, 1);
    let error = &run.errors[0];
    assert!(
        error.starts_with("task 1:") && error.contains("task_timeout_s"),
        "{error}"
    );
    assert_eq!(error.matches("task 1").count(), 1, "{error}");
}

/// A worker stopped with SIGSTOP mid-task is killed at the time-out and
/// replaced: the run does not wait forever.
#[cfg(unix)]
#[test]
fn a_stopped_worker_process_is_killed_at_the_time_out_and_replaced() {
    use concurrency_lab::engine::run::executor::ExecNotice;
    use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};
    // Each task waits a minute: the stop lands in the first one.
    let experiment = common::experiment(&common::preset(
        "kind = \"sleep\"\ntasks = 2\nio_ms = 60000.0",
        &["model = \"process_pool\"\nworkers = 1\ntask_timeout_s = 1.0"],
    ));
    let runner = Runner::spawn(common::options(), || {}).expect("runner");
    runner.start(experiment);
    let mut stopped = None;
    let deadline = Instant::now() + Duration::from_secs(50);
    let died = loop {
        let event = runner.recv_timeout(Duration::from_millis(200));
        assert!(
            Instant::now() < deadline,
            "the stopped worker was never replaced"
        );
        match event {
            Some(RunnerEvent::Workers {
                notice: ExecNotice::WorkersStarted(pids),
                ..
            }) if stopped.is_none() => {
                // SAFETY: stopping our own child process.
                unsafe { libc::kill(pids[0] as i32, libc::SIGSTOP) };
                stopped = Some(pids[0]);
            }
            Some(RunnerEvent::Workers {
                notice: ExecNotice::WorkerReplaced { died, replacement },
                ..
            }) => {
                assert!(replacement.is_some(), "a replacement started");
                break died;
            }
            Some(RunnerEvent::Finished(_)) => panic!("finished without replacing the worker"),
            _ => {}
        }
    };
    assert_eq!(Some(died), stopped);
    runner.cancel();
}

/// Worker processes show in `ps` as `concurrency-lab-worker`, not as
/// `/proc/self/exe __worker`.
#[cfg(target_os = "linux")]
#[test]
fn worker_processes_have_a_name_a_person_can_find() {
    use concurrency_lab::engine::run::executor::{ExecNotice, WORKER_PROCESS_NAME};
    use concurrency_lab::engine::run::runner::{Runner, RunnerEvent};
    use concurrency_lab::engine::spec::preset::Fault;
    let mut experiment = common::experiment(&common::preset(
        "kind = \"sleep\"\ntasks = 1\nio_ms = 1.0",
        &["model = \"process_pool\"\nworkers = 1"],
    ));
    // The task never ends: the worker lives until the cancel.
    experiment.workload.fault = Some(Fault::Hang { task: 0 });
    let runner = Runner::spawn(common::options(), || {}).expect("runner");
    runner.start(experiment);
    let pid = loop {
        match runner
            .recv_timeout(Duration::from_secs(60))
            .expect("runner answers")
        {
            RunnerEvent::Workers {
                notice: ExecNotice::WorkersStarted(pids),
                ..
            } => break pids[0],
            RunnerEvent::Finished(_) => panic!("finished before its workers started"),
            _ => {}
        }
    };
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).expect("cmdline");
    let argv0 = cmdline.split(|b| *b == 0).next().expect("argv[0]");
    assert_eq!(argv0, WORKER_PROCESS_NAME.as_bytes());
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).expect("comm");
    assert_eq!(comm.trim_end(), "concurrency-lab", "not `exe`");
    runner.cancel();
    loop {
        if let RunnerEvent::Finished(result) = runner
            .recv_timeout(Duration::from_secs(60))
            .expect("runner answers")
        {
            assert!(result.cancelled);
            break;
        }
    }
}

/// A `file` run that cannot fit in its folder is refused before it starts,
/// saying how much it needs and how much is free; one that fits runs.
#[test]
fn a_file_run_that_cannot_fit_is_refused_before_it_starts() {
    let mut options = common::options();
    options.free_space = |_| Ok(1 << 20);
    let experiment = common::experiment(&common::preset(
        "kind = \"file\"\ntasks = 4\nbytes = 1048576",
        &["model = \"sequential\"", "model = \"threads\""],
    ));
    let (result, _) = common::run_with(options, experiment);
    assert!(result.runs[0].succeeded(), "{:?}", result.runs[0].errors);
    let error = result.runs[1].error.as_deref().expect("refused");
    assert!(
        error.contains("4.00 MiB") && error.contains("1.00 MiB free"),
        "{error}"
    );
}

/// A full disk stops each run at its first failed write, with one message
/// that names the task once, in every kind of executor (a worker process too).
#[test]
fn a_full_disk_stops_the_run_at_the_first_failed_write() {
    use concurrency_lab::engine::spec::preset::Fault;
    let mut experiment = common::experiment(&common::preset(
        "kind = \"file\"\ntasks = 40\nbytes = 4096",
        &[
            "model = \"sequential\"",
            "model = \"threads\"",
            "model = \"process_pool\"\nworkers = 2",
            "model = \"async_single\"",
        ],
    ));
    experiment.workload.fault = Some(Fault::DiskFull);
    let (result, _) = common::run_with(common::options(), experiment);
    assert!(!result.cancelled, "a full disk is not a cancel");
    for run in &result.runs {
        let error = run.error.as_deref().unwrap_or_else(|| {
            panic!(
                "{}: one message, not one per task: {:?}",
                run.label, run.errors
            )
        });
        assert!(error.contains("no room left on the disk"), "{error}");
        assert_eq!(error.matches("task ").count(), 1, "{error}");
        assert!(run.errors.is_empty(), "{}: {:?}", run.label, run.errors);
    }
}

/// Two Ctrl+C in a row (the second for a cancel that seems slow) leave no
/// temporary folder behind, whichever press does the cleaning.
#[cfg(unix)]
#[test]
fn a_second_ctrl_c_still_removes_the_temporary_folder() {
    const TASKS: usize = 16;
    let dir = tempfile::tempdir().expect("dir");
    let temp = dir.path().join("tmp");
    std::fs::create_dir(&temp).expect("tmp");
    let preset = dir.path().join("files.toml");
    std::fs::write(
        &preset,
        format!(
            "name = \"files\"\nrepetitions = 100\n[workload]\nkind = \"file\"\ntasks = {TASKS}\nbytes = 16777216\n[[runs]]\nmodel = \"threads\"\n"
        ),
    )
    .expect("preset");
    let child = common::lab_command()
        .args(["run", preset.to_str().expect("utf-8")])
        .env("TMPDIR", &temp)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Once every task has made its file, the run's folder only shrinks.
    let deadline = Instant::now() + Duration::from_secs(60);
    let files_here = || -> usize {
        std::fs::read_dir(&temp)
            .into_iter()
            .flatten()
            .flatten()
            .map(|folder| std::fs::read_dir(folder.path()).map_or(0, Iterator::count))
            .max()
            .unwrap_or(0)
    };
    while files_here() < TASKS {
        assert!(Instant::now() < deadline, "the run never wrote its files");
        std::thread::sleep(Duration::from_millis(5));
    }
    for _ in 0..2 {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        std::thread::sleep(Duration::from_millis(30));
    }
    let output = finish_within(child, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(130), "{}", text(&output.stderr));
    let left: Vec<_> = std::fs::read_dir(&temp)
        .expect("tmp")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn the_history_keeps_the_newest_within_its_bounds_and_survives_a_damaged_index() {
    use concurrency_lab::export::archive::Archive;
    let dir = tempfile::tempdir().expect("dir");
    let archive = Archive::new(dir.path()).with_bounds(2, u64::MAX);
    let result = |at: u64| {
        let mut result: concurrency_lab::engine::results::metrics::ExperimentResult =
            serde_json::from_str(include_str!("../fixtures/small-result.json")).expect("fixture");
        result.started_unix_s = at;
        result
    };
    for at in [100, 300, 200] {
        archive.save(&result(at)).expect("saved");
    }
    let entries = archive.entries();
    let times: Vec<u64> = entries.iter().map(|e| e.started_unix_s).collect();
    assert_eq!(times, [300, 200], "the oldest went");
    let files = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(files, 3, "two results and the index");
    // A damaged index is rebuilt from the files.
    std::fs::write(dir.path().join("index.json"), "{ not json").expect("write");
    assert_eq!(archive.entries().len(), 2);
    // A folder that cannot be made is an error naming it, not a panic.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "x").expect("write");
    let error = Archive::new(blocked.join("history"))
        .save(&result(1))
        .expect_err("not a folder")
        .to_string();
    assert!(error.contains("a-file"), "{error}");
}
