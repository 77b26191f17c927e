//! The binary as a user drives it: `presets`, `run`, exit codes, exports,
//! Ctrl+C.

use crate::common;

use std::process::Output;
#[cfg(target_os = "linux")]
use std::process::Stdio;

fn lab(args: &[&str]) -> Output {
    common::lab_command()
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const QUICK: &str = r#"
name = "quick"
repetitions = 2
[workload]
kind = "mixed"
tasks = 6
cpu_iters = 20000
io_ms = 5.0
[[runs]]
model = "sequential"
[[runs]]
model = "threads"
gil = true
[[runs]]
model = "process_pool"
workers = 2
"#;

fn quick_preset(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("quick.toml");
    std::fs::write(&path, QUICK).expect("write preset");
    path.display().to_string()
}

#[test]
fn presets_lists_every_builtin() {
    let output = lab(&["presets"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    for builtin in concurrency_lab::engine::spec::builtin::BUILTIN_PRESETS {
        assert!(
            stdout.contains(builtin.name),
            "{} missing:\n{stdout}",
            builtin.name
        );
    }
}

#[test]
fn run_a_builtin_by_name_with_json_on_stdout() {
    let output = lab(&["run", "tiny-tasks", "--json", "-"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is pure JSON");
    assert_eq!(json["preset"]["name"], "Many tiny tasks: the cost per task");
    assert!(json["machine"]["cores"].as_u64().is_some_and(|c| c >= 1));
    assert!(json["machine"]["os"].is_string() && json["machine"]["cpu"].is_string());
    let runs = json["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 7);
    for run in runs {
        for field in [
            "label",
            "model",
            "workers",
            "gil",
            "tasks",
            "speedup",
            "efficiency",
            "cpu_s",
            "utilisation",
            "throughput_per_s",
            "startup_s",
            "failed",
            "checksum_ok",
            "gil_wait_share",
        ] {
            assert!(run.get(field).is_some(), "field {field} missing");
        }
        for field in ["mean", "sd", "min", "max"] {
            assert!(run["wall_s"][field].is_f64(), "wall_s.{field}");
        }
        for field in ["p50", "p95", "p99"] {
            assert!(run["latency_ms"][field].is_f64(), "latency_ms.{field}");
        }
        assert_eq!(run["checksum_ok"], true);
        assert!(run.get("spans").is_none(), "spans only with --spans");
    }
    // The table went to stderr, since stdout carries the JSON.
    assert!(text(&output.stderr).contains("speed-up"));
}

#[test]
fn run_a_file_with_spans_json_and_csv_files() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(&dir);
    let json_path = dir.path().join("out.json");
    let csv_path = dir.path().join("out.csv");
    let output = lab(&[
        "run",
        &preset,
        "--quiet",
        "--spans",
        "--json",
        json_path.to_str().expect("utf-8"),
        "--csv",
        csv_path.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "--quiet prints no table");
    let result = concurrency_lab::export::load_result(&json_path).expect("reloadable JSON");
    assert_eq!(result.runs.len(), 3);
    for run in &result.runs {
        assert_eq!(
            run.spans.len(),
            6,
            "{}: a span per task with --spans",
            run.label
        );
        assert_eq!(run.repetitions, 2);
    }
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    let mut lines = csv.lines();
    let header = lines.next().expect("header");
    assert!(
        header.contains("label") && header.contains("wall_s_mean") && header.contains("speedup")
    );
    assert_eq!(lines.count(), 3, "one row per run");
    // No temporary files left next to the outputs.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_bad_preset_exits_2_naming_the_field() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, QUICK.replace("tasks = 6", "tasks = 0")).expect("write");
    let output = lab(&["run", path.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("bad.toml") && stderr.contains("workload.tasks = 0"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_arguments_and_paths_exit_2() {
    assert_eq!(lab(&["run"]).status.code(), Some(2));
    assert_eq!(lab(&["run", "no-such-preset"]).status.code(), Some(2));
    assert_eq!(lab(&["frobnicate"]).status.code(), Some(2));
    let output = lab(&[
        "run",
        "tiny-tasks",
        "--json",
        "/nonexistent-folder/out.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("/nonexistent-folder"));
}

#[test]
fn an_unwritable_export_keeps_the_old_file_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(&dir);
    let target = dir.path().join("keep.json");
    std::fs::write(&target, "old contents").expect("write");
    // A folder where the file should be: the write must fail cleanly.
    let blocked = dir.path().join("blocked.json");
    std::fs::create_dir(&blocked).expect("mkdir");
    let output = lab(&[
        "run",
        &preset,
        "--quiet",
        "--json",
        blocked.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "old contents"
    );
}

#[test]
fn charts_are_drawn_after_the_run_by_kind_and_file_name() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(&dir);
    let svg = dir.path().join("out.svg");
    let png = dir.path().join("cpu.png");
    let output = lab(&[
        "run",
        &preset,
        "--quiet",
        "--chart",
        svg.to_str().expect("utf-8"),
        "--chart-kind",
        "timeline",
        "--chart",
        png.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let svg = std::fs::read_to_string(&svg).expect("the SVG chart");
    assert!(
        svg.contains("quick — task timeline per worker"),
        "the kind given"
    );
    assert!(svg.contains("sequential") && svg.contains("process "));
    let png = std::fs::read(&png).expect("the PNG chart");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn bad_chart_arguments_exit_2_before_the_run() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(&dir);
    let jpeg = dir.path().join("chart.jpg");
    let output = lab(&["run", &preset, "--chart", jpeg.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("chart.jpg") && stderr.contains(".svg or .png"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing ran");
    let output = lab(&["run", &preset, "--chart", "/nonexistent-folder/c.svg"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("/nonexistent-folder/c.svg"));
    assert!(output.stdout.is_empty(), "nothing ran");
    let output = lab(&["run", &preset, "--chart", "a.svg", "--chart-kind", "pie"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("speedup"), "lists the kinds");
    assert!(!jpeg.exists());
}

#[test]
fn calibrate_prints_iterations_per_ms() {
    let output = lab(&["calibrate"]);
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("iterations per ms"));
}

#[cfg(target_os = "linux")]
fn children_of(pid: u32) -> Vec<u32> {
    let parent = pid.to_string();
    std::fs::read_dir("/proc")
        .expect("proc")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            let rest = &stat[stat.rfind(')')? + 2..];
            (rest.split_whitespace().nth(1)? == parent).then_some(child)
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_cancels_cleanly_with_exit_130_and_no_worker_left() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("long.toml");
    std::fs::write(
        &path,
        "name = \"long\"\n[workload]\nkind = \"sleep\"\ntasks = 200\nio_ms = 500.0\n[[runs]]\nmodel = \"process_pool\"\nworkers = 2\n",
    )
    .expect("write");
    let json = dir.path().join("partial.json");
    let chart = dir.path().join("partial-timeline.svg");
    let child = common::lab_command()
        .args([
            "run",
            path.to_str().expect("utf-8"),
            "--json",
            json.to_str().expect("utf-8"),
            "--chart",
            chart.to_str().expect("utf-8"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let workers = loop {
        let workers = children_of(pid);
        if workers.len() >= 2 {
            break workers;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "workers never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pid as i32, libc::SIGINT) };
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(130), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("cancelled"));
    for worker in workers {
        assert!(
            !std::path::Path::new(&format!("/proc/{worker}")).exists(),
            "worker {worker} survived"
        );
    }
    // What was measured before the cancel is kept, marked as cancelled.
    let partial = concurrency_lab::export::load_result(&json).expect("partial result written");
    assert!(partial.cancelled);
    // …and so is a chart of it, from the file name's kind.
    let chart = std::fs::read_to_string(&chart).expect("partial chart written");
    assert!(
        chart.contains("task timeline per worker") && chart.contains("cancelled: partial results")
    );
}

#[test]
fn compare_names_each_run_against_a_saved_result_and_a_bad_file_before_running() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = quick_preset(&dir);
    let old = dir.path().join("old.json");
    let output = lab(&[
        "run",
        &preset,
        "--quiet",
        "--json",
        &old.display().to_string(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Yesterday's process pool was a hundred times slower, and one run had
    // another name.
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&old).expect("read")).expect("json");
    let runs = saved["runs"].as_array_mut().expect("runs");
    let pool = runs
        .iter_mut()
        .find(|r| r["model"] == "process_pool")
        .expect("a pool run");
    let mean = pool["wall_s"]["mean"].as_f64().expect("mean");
    pool["wall_s"]["mean"] = (mean * 100.0).into();
    pool["wall_s"]["sd"] = 0.0.into();
    let pool_label = pool["label"].as_str().expect("label").to_owned();
    runs[0]["label"] = "renamed since".into();
    std::fs::write(&old, serde_json::to_string(&saved).expect("json")).expect("write");

    let output = lab(&["run", &preset, "--compare", &old.display().to_string()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let (_, comparison) = stdout.split_once("Compared with").expect("compared");
    let line = comparison
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{pool_label}:")))
        .expect("the pool compared");
    assert!(!line.contains("slower"), "{line}");
    assert!(line.contains("→"), "{line}");
    assert!(
        stdout.contains("in only one of the two: ") && stdout.contains("renamed since"),
        "{stdout}"
    );
    assert!(stdout.contains("Relative speed"), "{stdout}");

    let missing = dir.path().join("missing.json");
    let output = lab(&["run", &preset, "--compare", &missing.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("missing.json"), "{stderr}");
    assert!(!stderr.contains("Relative speed"), "refused before the run");
}
