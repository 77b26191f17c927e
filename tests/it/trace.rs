//! Traces for the standard viewers, from real runs: the file `run --trace`
//! writes, and the trace of an experiment with every model, checked as a
//! viewer would need it (valid JSON, every process and thread named, no
//! overlapping complete events on a thread, every task present, counters).
//! No timing is asserted.

use crate::common;

use concurrency_lab::export::{Exporter, TraceExporter, trace_check};

fn checked(result: &concurrency_lab::engine::ExperimentResult) -> trace_check::Checked {
    let mut bytes = Vec::new();
    TraceExporter.write(result, &mut bytes).expect("writes");
    let trace: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    trace_check::check(&trace).unwrap_or_else(|e| panic!("{e}"))
}

/// Every run's every task is in its own run's process.
fn assert_every_task(
    result: &concurrency_lab::engine::ExperimentResult,
    checked: &trace_check::Checked,
) {
    for run in &result.runs {
        let pid = checked.pids[&run.label];
        assert_eq!(run.spans.len(), run.tasks as usize, "{}", run.label);
        for span in &run.spans {
            assert!(
                checked.tasks.contains(&(pid, u64::from(span.task))),
                "{}: task {} missing",
                run.label,
                span.task
            );
        }
    }
}

#[test]
fn a_trace_of_every_model_is_well_formed_with_every_task() {
    // Computing and waiting, so that the event loop's waits overlap and the
    // GIL runs make threads wait for the lock.
    let text = common::preset(
        "kind = \"mixed\"\ntasks = 6\ncpu_iters = 20000\nio_ms = 5.0",
        common::ALL_MODELS,
    );
    let result = common::run(&text);
    assert!(result.succeeded(), "{:?}", result.runs);
    let checked = checked(&result);
    assert_every_task(&result, &checked);
    // No monitor in this test: only the runs' processes, each with its
    // tasks in flight.
    assert_eq!(checked.processes, result.runs.len());
    assert!(checked.counters.iter().any(|c| c.contains("in flight")));
    // Every worker has a thread at least; the event loop's one worker more,
    // as its tasks' waits (5 ms each, after a fraction of a ms of
    // computing) overlap.
    for run in &result.runs {
        let threads = checked.threads_by_pid[&checked.pids[&run.label]];
        assert!(
            threads >= run.lanes.len(),
            "{}: {threads} threads",
            run.label
        );
    }
    let event_loop = checked.pids["async_single"];
    assert!(checked.threads_by_pid[&event_loop] > 1);
}

#[test]
fn run_trace_writes_a_trace_with_every_worker_named_and_the_cores_load() {
    let dir = tempfile::tempdir().expect("dir");
    let preset = dir.path().join("trace.toml");
    std::fs::write(
        &preset,
        common::preset(
            "kind = \"mixed\"\ntasks = 4\ncpu_iters = 20000\nio_ms = 150.0",
            &[
                "model = \"threads\"\ngil = true",
                "model = \"process_pool\"\nworkers = 2",
                "model = \"async_single\"",
            ],
        ),
    )
    .expect("preset");
    let trace_path = dir.path().join("out-trace.json");
    let json_path = dir.path().join("out.json");
    let output = common::lab_command()
        .args([
            "run",
            preset.to_str().expect("utf-8"),
            "--quiet",
            "--spans",
            "--json",
            json_path.to_str().expect("utf-8"),
            "--trace",
            trace_path.to_str().expect("utf-8"),
        ])
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trace: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&trace_path).expect("trace")).expect("valid JSON");
    let checked = trace_check::check(&trace).unwrap_or_else(|e| panic!("{e}"));
    let result = concurrency_lab::export::load_result(&json_path).expect("results");
    assert_every_task(&result, &checked);
    // Every worker of every run is a named thread.
    let events = trace["traceEvents"].as_array().expect("events");
    for run in &result.runs {
        let pid = checked.pids[&run.label];
        let names: Vec<&str> = events
            .iter()
            .filter(|e| e["name"] == "thread_name" && e["pid"] == pid)
            .filter_map(|e| e["args"]["name"].as_str())
            .collect();
        for lane in &run.lanes {
            let id = lane.os_id.to_string();
            assert!(
                names.iter().any(|n| n.contains(&id)),
                "{}: worker {} unnamed in {names:?}",
                run.label,
                lane.os_id
            );
        }
    }
    // The monitor ran for 0.6 s or more: each core's load is a counter.
    assert!(
        checked.counters.iter().any(|c| c.starts_with("core 0")),
        "{:?}",
        checked.counters
    );
}

#[test]
fn two_outputs_on_standard_output_are_refused_before_the_run() {
    let output = common::lab_command()
        .args(["run", "tiny-tasks", "--json", "-", "--trace", "-"])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--json") && stderr.contains("--trace"),
        "{stderr}"
    );
}
