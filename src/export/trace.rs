//! Traces for the standard viewers: the Chrome Trace Event format (a JSON
//! object with a `traceEvents` array), which Perfetto (ui.perfetto.dev),
//! chrome://tracing and speedscope all open. The lab's own timeline answers
//! "which worker ran which task when"; a trace lets the same answer be
//! zoomed, searched and queried (Perfetto's SQL) with tools a person already
//! knows, next to traces of other programs.
//!
//! What is in it, and why each choice:
//! - **one `pid` per run**, named after its label (`process_name`), kept in
//!   the experiment's order (`process_sort_index`), so the runs of an
//!   experiment stack up like the window's bands;
//! - **one `tid` per worker lane**, named as the window names it
//!   (`thread_name`). Tasks that overlap on one worker (an event loop's
//!   waiting tasks) get a `tid` per row, with the rows placed by the
//!   window's own [`TimelineModel`]: the viewers draw a thread's complete
//!   events as a call stack, so two overlapping ones would read as one
//!   calling the other. Every `pid` and `tid` is unique in the file because
//!   Perfetto names a thread by its `tid` alone;
//! - **each state of each task a complete event** (`"ph": "X"`, `ts` and
//!   `dur` in µs): computing, waiting for the GIL, waiting on I/O — named in
//!   the language on show, with the task id, its totals and the state (a
//!   stable key for scripts) in `args`. They never overlap on one `tid`; a
//!   task with no recorded state is one event of its own, a failed task is
//!   marked by an instant event at its end;
//! - **counters** (`"ph": "C"`): each run's tasks in flight, and each core's
//!   load over the experiment in a process of its own, since the load is
//!   the machine's, not a run's.
//!
//! Times are integer µs from the experiment's start, the clock of
//! `windows_s` and `cpu_samples` in result JSON, so that each run sits where
//! it ran and the load lines up under it. Spans are those of each run's last
//! measured repetition, as result JSON keeps them.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::charts::state_name;
use super::{ExportError, Exporter, export_to_path};
use crate::engine::measure::machine::MachineInfo;
use crate::engine::measure::monitor::CpuSample;
use crate::engine::measure::recorder::{LaneInfo, LaneKind};
use crate::engine::measure::spans::{TaskSpan, TaskState};
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::Runtime;
use crate::engine::view::series::concurrency_series;
use crate::engine::view::timeline::TimelineModel;
use crate::tr;

/// Writes a result as a Chrome Trace Event file.
#[derive(Debug, Clone, Copy, Default)]
pub struct TraceExporter;

impl Exporter for TraceExporter {
    fn write(&self, result: &ExperimentResult, out: &mut dyn Write) -> std::io::Result<()> {
        let mut events = EventWriter::start(out)?;
        let mut ids = Ids::default();
        if result.cpu_samples.len() > 1 {
            write_machine(&mut events, ids.next(), &result.cpu_samples)?;
        }
        for (index, run) in result.runs.iter().enumerate() {
            write_run(&mut events, &mut ids, index, run)?;
        }
        events.finish(&OtherData {
            producer: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            preset: &result.preset.name,
            started_unix_s: result.started_unix_s,
            time_origin: "experiment_start",
            spans_of: "last_measured_repetition",
            cancelled: result.cancelled,
            machine: &result.machine,
        })
    }
}

/// Writes the trace of `result` to `path` (`-`: standard output), atomically
/// like every export; refuses a result with no task at all (results saved
/// without `--spans`), whose trace would be empty tracks.
pub fn export_trace(result: &ExperimentResult, path: &Path) -> Result<(), ExportError> {
    if result.runs.iter().all(|run| run.spans.is_empty()) {
        return Err(ExportError::NoSpans {
            path: path.display().to_string(),
        });
    }
    export_to_path(&TraceExporter, result, path)
}

/// Process and thread ids: one sequence for both, so none is used twice.
#[derive(Debug)]
struct Ids(u32);

impl Default for Ids {
    fn default() -> Self {
        // 0 is the idle process in some viewers: start at 1.
        Ids(1)
    }
}

impl Ids {
    fn next(&mut self) -> u32 {
        let id = self.0;
        self.0 += 1;
        id
    }
}

/// One trace event; fields a phase does not use are left out.
#[derive(Debug, Serialize)]
struct Event<'a, A: Serialize> {
    name: &'a str,
    ph: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cat: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<u64>,
    /// Scope of an instant event (`t`: its thread).
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    pid: u32,
    tid: u32,
    args: A,
}

impl<'a, A: Serialize> Event<'a, A> {
    fn metadata(name: &'a str, pid: u32, tid: u32, args: A) -> Self {
        Event {
            name,
            ph: "M",
            cat: None,
            ts: None,
            dur: None,
            s: None,
            pid,
            tid,
            args,
        }
    }

    fn complete(name: &'a str, pid: u32, tid: u32, ts: u64, dur: u64, args: A) -> Self {
        Event {
            name,
            ph: "X",
            cat: Some("task"),
            ts: Some(ts),
            dur: Some(dur),
            s: None,
            pid,
            tid,
            args,
        }
    }

    fn instant(name: &'a str, pid: u32, tid: u32, ts: u64, args: A) -> Self {
        Event {
            name,
            ph: "i",
            cat: Some("task"),
            ts: Some(ts),
            dur: None,
            s: Some("t"),
            pid,
            tid,
            args,
        }
    }

    /// A counter of the process `pid` (on its own `tid`, which no lane uses).
    fn counter(name: &'a str, cat: &'static str, pid: u32, ts: u64, args: A) -> Self {
        Event {
            name,
            ph: "C",
            cat: Some(cat),
            ts: Some(ts),
            dur: None,
            s: None,
            pid,
            tid: pid,
            args,
        }
    }
}

#[derive(Debug, Serialize)]
struct NameArgs<'a> {
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct SortArgs {
    sort_index: usize,
}

/// What a task's events carry: which task, and where its time went.
#[derive(Debug, Clone, Copy, Serialize)]
struct TaskArgs {
    task: u32,
    /// The state this event shows (absent on a task-wide event).
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<TaskState>,
    worker: u32,
    ok: bool,
    busy_us: u64,
    gil_wait_us: u64,
    io_wait_us: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpu_start: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpu_end: Option<u32>,
}

impl TaskArgs {
    fn of(span: &TaskSpan) -> Self {
        TaskArgs {
            task: span.task,
            state: None,
            worker: span.worker,
            ok: span.ok,
            busy_us: span.busy_us,
            gil_wait_us: span.gil_wait_us,
            io_wait_us: span.io_wait_us,
            cpu_start: span.cpu_start,
            cpu_end: span.cpu_end,
        }
    }
}

#[derive(Debug, Serialize)]
struct InFlightArgs {
    tasks: u32,
}

#[derive(Debug, Serialize)]
struct LoadArgs {
    percent: f64,
}

/// The trace's `otherData`: where it came from (chrome://tracing shows it as
/// the trace's metadata; the other viewers skip it).
#[derive(Debug, Serialize)]
struct OtherData<'a> {
    producer: &'static str,
    version: &'static str,
    preset: &'a str,
    started_unix_s: u64,
    time_origin: &'static str,
    spans_of: &'static str,
    cancelled: bool,
    machine: &'a MachineInfo,
}

/// Streams events into the `traceEvents` array, one line each: a trace of
/// 100,000 tasks is written without being built in memory first.
struct EventWriter<'w> {
    out: &'w mut dyn Write,
    first: bool,
}

impl<'w> EventWriter<'w> {
    fn start(out: &'w mut dyn Write) -> std::io::Result<Self> {
        // `traceEvents` first: some readers guess the format from the start.
        out.write_all(b"{\"traceEvents\":[\n")?;
        Ok(EventWriter { out, first: true })
    }

    fn push<A: Serialize>(&mut self, event: &Event<'_, A>) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b",\n")?;
        }
        self.first = false;
        // `From` keeps an I/O error's kind (a closed pipe stays `BrokenPipe`).
        serde_json::to_writer(&mut *self.out, event).map_err(std::io::Error::from)
    }

    fn finish(self, other: &OtherData<'_>) -> std::io::Result<()> {
        self.out
            .write_all(b"\n],\"displayTimeUnit\":\"ms\",\"otherData\":")?;
        serde_json::to_writer(&mut *self.out, other).map_err(std::io::Error::from)?;
        self.out.write_all(b"}\n")
    }
}

/// µs from the experiment's start to `t_s` seconds from it, never before it.
fn us(t_s: f64) -> u64 {
    (t_s.max(0.0) * 1e6).round() as u64
}

/// Where a run's spans start on the experiment's clock: the start of its
/// last measured repetition (spans are µs from it).
fn run_origin_us(run: &RunSummary) -> u64 {
    run.windows_s.last().map_or(0, |window| us(window[0]))
}

/// The names of the states as a run's viewer should read them: a real
/// interpreter's "GIL wait" is time its thread did not run, as the window's
/// legend says.
struct StateNames {
    running: String,
    gil_wait: String,
    io_wait: String,
    task: String,
    failed: String,
}

impl StateNames {
    fn for_run(run: &RunSummary) -> Self {
        StateNames {
            running: state_name(TaskState::Running),
            gil_wait: if run.runtime == Runtime::Python {
                tr!("state-gil-wait-or-not-running")
            } else {
                state_name(TaskState::GilWait)
            },
            io_wait: state_name(TaskState::IoWait),
            task: tr!("trace-task"),
            failed: tr!("trace-task-failed"),
        }
    }

    fn of(&self, state: TaskState) -> &str {
        match state {
            TaskState::Running => &self.running,
            TaskState::GilWait => &self.gil_wait,
            TaskState::IoWait => &self.io_wait,
        }
    }
}

/// A lane's name, as the window's timeline writes it.
fn lane_name(info: &LaneInfo) -> String {
    match info.kind {
        LaneKind::Thread => tr!("lane-thread", name = info.name.clone(), id = info.os_id),
        LaneKind::Process => tr!("lane-process", id = info.os_id),
    }
}

/// Names a thread and fixes its place among its process's threads.
fn name_thread(
    events: &mut EventWriter<'_>,
    pid: u32,
    tid: u32,
    name: &str,
    sort_index: usize,
) -> std::io::Result<()> {
    events.push(&Event::metadata("thread_name", pid, tid, NameArgs { name }))?;
    events.push(&Event::metadata(
        "thread_sort_index",
        pid,
        tid,
        SortArgs { sort_index },
    ))
}

/// One run: its process, a thread per lane row, its tasks' states, and its
/// tasks in flight.
fn write_run(
    events: &mut EventWriter<'_>,
    ids: &mut Ids,
    index: usize,
    run: &RunSummary,
) -> std::io::Result<()> {
    let pid = ids.next();
    events.push(&Event::metadata(
        "process_name",
        pid,
        pid,
        NameArgs { name: &run.label },
    ))?;
    events.push(&Event::metadata(
        "process_sort_index",
        pid,
        pid,
        SortArgs {
            sort_index: index + 1,
        },
    ))?;
    let origin = run_origin_us(run);
    let names = StateNames::for_run(run);
    let model = TimelineModel::new(run.spans.clone(), &run.lanes);
    let mut sort_index = 0;
    for (lane_index, lane) in model.lanes().iter().enumerate() {
        let lane_name = lane_name(&lane.info);
        for row in 0..lane.rows.len() {
            let tid = ids.next();
            let name = if row == 0 {
                lane_name.clone()
            } else {
                tr!("trace-lane-row", lane = lane_name.clone(), row = row + 1)
            };
            name_thread(events, pid, tid, &name, sort_index)?;
            sort_index += 1;
            let mut last_end = 0;
            for span in model.row_tasks(lane_index, row) {
                write_task(events, pid, tid, origin, span, &names, &mut last_end)?;
            }
        }
    }
    // Workers that ran nothing are named too: an idle worker is a finding.
    for lane in &run.lanes {
        if !model.lanes().iter().any(|l| l.info.id == lane.id) {
            name_thread(events, pid, ids.next(), &lane_name(lane), sort_index)?;
            sort_index += 1;
        }
    }
    let in_flight = tr!("trace-in-flight");
    if !run.spans.is_empty() {
        events.push(&Event::counter(
            &in_flight,
            "tasks",
            pid,
            origin,
            InFlightArgs { tasks: 0 },
        ))?;
    }
    // The series has each change twice (before, after): the counter wants the after.
    for change in concurrency_series(&run.spans).chunks_exact(2) {
        let [t_s, count] = change[1];
        events.push(&Event::counter(
            &in_flight,
            "tasks",
            pid,
            origin + us(t_s),
            InFlightArgs {
                tasks: count.max(0.0) as u32,
            },
        ))?;
    }
    Ok(())
}

/// One task's states on its row's thread, each clipped to the task and to
/// the end of the event before on the thread: the row already keeps tasks
/// apart; clipping keeps "never overlapping" true whatever a worker's clock
/// recorded.
fn write_task(
    events: &mut EventWriter<'_>,
    pid: u32,
    tid: u32,
    origin: u64,
    span: &TaskSpan,
    names: &StateNames,
    last_end: &mut u64,
) -> std::io::Result<()> {
    let args = TaskArgs::of(span);
    let mut drawn = false;
    for segment in &span.segments {
        let start = segment.start_us.max(span.start_us).max(*last_end);
        let end = segment.end_us.min(span.end_us);
        if end <= start {
            continue;
        }
        events.push(&Event::complete(
            names.of(segment.state),
            pid,
            tid,
            origin + start,
            end - start,
            TaskArgs {
                state: Some(segment.state),
                ..args
            },
        ))?;
        *last_end = end;
        drawn = true;
    }
    if !drawn {
        // No state recorded (a task that failed at once): the task itself.
        let start = span.start_us.max(*last_end);
        if span.end_us > start {
            events.push(&Event::complete(
                &names.task,
                pid,
                tid,
                origin + start,
                span.end_us - start,
                args,
            ))?;
            *last_end = span.end_us;
        } else {
            events.push(&Event::instant(
                &names.task,
                pid,
                tid,
                origin + span.start_us,
                args,
            ))?;
        }
    }
    if !span.ok {
        events.push(&Event::instant(
            &names.failed,
            pid,
            tid,
            origin + span.end_us,
            args,
        ))?;
    }
    Ok(())
}

/// The machine's process: each core's load, as counters. A sample's load is
/// over the interval since the sample before (how sysinfo measures it), so
/// it is placed at that interval's start; the first sample, whose interval
/// is unknown, is left out.
fn write_machine(
    events: &mut EventWriter<'_>,
    pid: u32,
    samples: &[CpuSample],
) -> std::io::Result<()> {
    let name = tr!("trace-machine");
    events.push(&Event::metadata(
        "process_name",
        pid,
        pid,
        NameArgs { name: &name },
    ))?;
    events.push(&Event::metadata(
        "process_sort_index",
        pid,
        pid,
        SortArgs { sort_index: 0 },
    ))?;
    let cores = samples.iter().map(|s| s.usage.len()).max().unwrap_or(0);
    let core_names: Vec<String> = (0..cores)
        .map(|core| tr!("trace-core-load", core = core))
        .collect();
    for pair in samples.windows(2) {
        let (before, sample) = (&pair[0], &pair[1]);
        if sample.t_s < 0.0 {
            continue;
        }
        for (core, load) in sample.usage.iter().enumerate() {
            events.push(&Event::counter(
                &core_names[core],
                "cpu",
                pid,
                us(before.t_s),
                LoadArgs {
                    percent: (f64::from(*load) * 10.0).round() / 10.0,
                },
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::recorder::LaneKind;
    use crate::engine::measure::spans::Segment;
    use crate::engine::run::kernel::Calibration;
    use crate::engine::spec::preset::{Model, RunPlan, parse};

    /// A task on `worker` with these `(state, start, end)` segments.
    fn span(task: u32, worker: u32, segments: &[(TaskState, u64, u64)], ok: bool) -> TaskSpan {
        let total = |wanted: TaskState| -> u64 {
            segments
                .iter()
                .filter(|s| s.0 == wanted)
                .map(|s| s.2 - s.1)
                .sum()
        };
        TaskSpan {
            task,
            worker,
            os_id: 4000 + u64::from(worker),
            cpu_start: Some(0),
            cpu_end: None,
            start_us: segments.first().map_or(0, |s| s.1),
            end_us: segments.last().map_or(0, |s| s.2),
            busy_us: total(TaskState::Running),
            gil_wait_us: total(TaskState::GilWait),
            io_wait_us: total(TaskState::IoWait),
            ok,
            segments: segments
                .iter()
                .map(|&(state, start_us, end_us)| Segment {
                    state,
                    start_us,
                    end_us,
                })
                .collect(),
        }
    }

    fn lane(id: u32) -> LaneInfo {
        LaneInfo {
            id,
            kind: LaneKind::Thread,
            os_id: 4000 + u64::from(id),
            name: format!("lab-worker-{id}"),
        }
    }

    /// A result of two runs with known spans: threads under a GIL (two
    /// workers, one idle third), and an event loop whose waits overlap.
    fn synthetic() -> ExperimentResult {
        use TaskState::{GilWait, IoWait, Running};
        let text = "name = \"synthetic\"\n[workload]\nkind = \"sleep\"\ntasks = 4\nio_ms = 1.0\n[[runs]]\nmodel = \"sequential\"\n";
        let machine = MachineInfo::current();
        let experiment = parse(text, "t.toml")
            .and_then(|p| {
                p.validate("t.toml", machine, || Calibration {
                    iterations_per_ms: 1000.0,
                })
            })
            .expect("valid");
        let mut result = ExperimentResult::new(&experiment, machine);
        let mut gil =
            RunSummary::measured_once(&RunPlan::lab("threads", Model::Threads, 3), 3, 0.1);
        gil.windows_s = vec![[0.5, 0.6], [1.0, 1.1]];
        gil.lanes = vec![lane(0), lane(1), lane(2)];
        gil.spans = vec![
            span(
                0,
                0,
                &[(Running, 0, 100), (GilWait, 100, 300), (Running, 300, 400)],
                true,
            ),
            span(1, 1, &[(GilWait, 0, 100), (Running, 100, 300)], true),
            span(2, 0, &[(Running, 400, 500)], false),
        ];
        let mut loop_run =
            RunSummary::measured_once(&RunPlan::lab("asyncio", Model::AsyncSingle, 1), 4, 0.1);
        loop_run.windows_s = vec![[2.0, 2.1]];
        loop_run.lanes = vec![lane(0)];
        loop_run.spans = vec![
            span(10, 0, &[(Running, 0, 10), (IoWait, 10, 1000)], true),
            span(11, 0, &[(Running, 10, 20), (IoWait, 20, 1000)], true),
            span(12, 0, &[(Running, 20, 30), (IoWait, 30, 1000)], true),
            // Recorded with no state, and one with no length at all.
            span(13, 0, &[], false),
        ];
        loop_run.spans[3].start_us = 1000;
        loop_run.spans[3].end_us = 1000;
        result.runs = vec![gil, loop_run];
        result.cpu_samples = (0..5)
            .map(|i| CpuSample {
                t_s: f64::from(i) * 0.5 - 0.2,
                usage: vec![50.0, 100.0],
            })
            .collect();
        result
    }

    fn trace_of(result: &ExperimentResult) -> serde_json::Value {
        let mut bytes = Vec::new();
        TraceExporter.write(result, &mut bytes).expect("writes");
        serde_json::from_slice(&bytes).expect("valid JSON")
    }

    #[test]
    fn a_synthetic_trace_is_well_formed() {
        let result = synthetic();
        let trace = trace_of(&result);
        let checked = super::check::check(&trace).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.processes, 3, "two runs and the machine");
        for run in &result.runs {
            let pid = checked.pids[&run.label];
            for span in &run.spans {
                let task = u64::from(span.task);
                assert!(
                    checked.tasks.contains(&(pid, task)),
                    "{}: task {task} missing",
                    run.label
                );
            }
        }
        assert!(
            checked
                .counters
                .iter()
                .any(|c| c == &tr!("trace-in-flight"))
        );
        assert!(
            checked
                .counters
                .iter()
                .any(|c| c == &tr!("trace-core-load", core = 1))
        );
    }

    #[test]
    fn overlapping_loop_tasks_get_threads_of_their_own_and_idle_workers_a_name() {
        let trace = trace_of(&synthetic());
        let events = trace["traceEvents"].as_array().expect("array");
        let threads_of = |process: &str| -> Vec<String> {
            let pid = events
                .iter()
                .find(|e| e["name"] == "process_name" && e["args"]["name"] == process)
                .map(|e| e["pid"].clone())
                .expect("process named");
            events
                .iter()
                .filter(|e| e["name"] == "thread_name" && e["pid"] == pid)
                .map(|e| e["args"]["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        };
        // Three waits overlap on the loop's one thread: three rows.
        assert_eq!(
            threads_of("asyncio").len(),
            3,
            "{:?}",
            threads_of("asyncio")
        );
        // Two busy workers and the idle one.
        let threads = threads_of("threads");
        assert_eq!(threads.len(), 3, "{threads:?}");
        assert!(
            threads.iter().any(|t| t.contains("lab-worker-2")),
            "{threads:?}"
        );
    }

    #[test]
    fn states_carry_the_task_and_its_gil_wait_on_the_experiment_clock() {
        let trace = trace_of(&synthetic());
        let events = trace["traceEvents"].as_array().expect("array");
        let wait = events
            .iter()
            .find(|e| e["ph"] == "X" && e["args"]["task"] == 0 && e["args"]["state"] == "gil_wait")
            .expect("task 0's GIL wait");
        // The last repetition starts at 1.0 s; the wait at 100 µs into it.
        assert_eq!(wait["ts"], 1_000_100);
        assert_eq!(wait["dur"], 200);
        assert_eq!(wait["args"]["gil_wait_us"], 200);
        assert_eq!(wait["name"], state_name(TaskState::GilWait));
        let failed = events
            .iter()
            .filter(|e| e["ph"] == "i" && e["name"] == tr!("trace-task-failed"))
            .count();
        assert_eq!(failed, 2, "tasks 2 and 13 failed");
        // A sample's load starts where its interval does (the sample before).
        let load = events
            .iter()
            .find(|e| e["ph"] == "C" && e["cat"] == "cpu")
            .expect("a load counter");
        assert_eq!(load["ts"], 0, "the interval from -0.2 s is clipped to 0");
    }

    #[test]
    fn a_result_without_spans_is_refused_naming_the_file() {
        let mut result = synthetic();
        for run in &mut result.runs {
            run.spans.clear();
        }
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("empty-trace.json");
        let error = export_trace(&result, &path).expect_err("nothing to trace");
        assert!(error.to_string().contains("empty-trace.json"), "{error}");
        assert!(!path.exists());
    }
}

/// Structural checks of a trace, shared by the unit tests and the
/// integration tests (which run real experiments): what a viewer needs to
/// open it and show every worker named.
#[doc(hidden)]
pub mod check {
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    /// What a well-formed trace holds.
    #[derive(Debug, Default)]
    pub struct Checked {
        /// Named processes.
        pub processes: usize,
        /// Named threads.
        pub threads: usize,
        /// Named threads of each process.
        pub threads_by_pid: BTreeMap<u64, usize>,
        /// Each named process's id, by name.
        pub pids: BTreeMap<String, u64>,
        /// `(pid, task id)` of every task seen in complete or instant events.
        pub tasks: BTreeSet<(u64, u64)>,
        /// Counter names.
        pub counters: BTreeSet<String>,
        /// Complete events.
        pub complete: usize,
    }

    /// Checks `trace`: a `traceEvents` array; every event with a phase, a
    /// `pid` and a `tid`; every `pid` named by `process_name` and every
    /// `tid` with events named by `thread_name`, no `tid` in two processes;
    /// complete events with `ts` and `dur` that never overlap on one thread;
    /// counters with numeric `args`. Returns what it found, or what is wrong.
    pub fn check(trace: &serde_json::Value) -> Result<Checked, String> {
        let events = trace["traceEvents"]
            .as_array()
            .ok_or("no traceEvents array")?;
        let mut checked = Checked::default();
        let mut process_names: BTreeSet<u64> = BTreeSet::new();
        let mut thread_names: HashMap<u64, u64> = HashMap::new();
        let mut used: HashMap<u64, u64> = HashMap::new();
        let mut slices: HashMap<(u64, u64), Vec<(u64, u64)>> = HashMap::new();
        for (index, event) in events.iter().enumerate() {
            let field = |name: &str| {
                event[name]
                    .as_u64()
                    .ok_or_else(|| format!("event {index} has no numeric {name}: {event}"))
            };
            let (pid, tid) = (field("pid")?, field("tid")?);
            let phase = event["ph"]
                .as_str()
                .ok_or_else(|| format!("event {index} has no ph"))?;
            match phase {
                "M" => match event["name"].as_str() {
                    Some("process_name") => {
                        let name = event["args"]["name"]
                            .as_str()
                            .ok_or_else(|| format!("unnamed process: {event}"))?;
                        if checked.pids.insert(name.to_owned(), pid).is_some() {
                            return Err(format!("two processes named {name}"));
                        }
                        process_names.insert(pid);
                    }
                    Some("thread_name") => {
                        event["args"]["name"]
                            .as_str()
                            .ok_or_else(|| format!("unnamed thread: {event}"))?;
                        if thread_names.insert(tid, pid).is_some() {
                            return Err(format!("thread {tid} named twice"));
                        }
                    }
                    _ => {}
                },
                "X" => {
                    let (ts, dur) = (field("ts")?, field("dur")?);
                    if dur == 0 {
                        return Err(format!("empty complete event: {event}"));
                    }
                    slices.entry((pid, tid)).or_default().push((ts, ts + dur));
                    checked.complete += 1;
                    record_task(event, pid, &mut checked)?;
                    used.insert(tid, pid);
                }
                "i" => {
                    field("ts")?;
                    record_task(event, pid, &mut checked)?;
                    used.insert(tid, pid);
                }
                "C" => {
                    field("ts")?;
                    let args = event["args"]
                        .as_object()
                        .ok_or_else(|| format!("counter without args: {event}"))?;
                    if args.is_empty() || !args.values().all(serde_json::Value::is_number) {
                        return Err(format!("counter args not numbers: {event}"));
                    }
                    let name = event["name"]
                        .as_str()
                        .ok_or_else(|| format!("unnamed counter: {event}"))?;
                    checked.counters.insert(name.to_owned());
                    if !process_names.contains(&pid) {
                        return Err(format!("counter of unnamed process {pid}"));
                    }
                }
                other => return Err(format!("unexpected phase {other}")),
            }
        }
        consistent(&used, &process_names, &thread_names, slices)?;
        checked.processes = process_names.len();
        checked.threads = thread_names.len();
        for pid in thread_names.values() {
            *checked.threads_by_pid.entry(*pid).or_default() += 1;
        }
        Ok(checked)
    }

    /// Every thread and process with events is named, in its own process;
    /// no id is 0 or shared between a thread and a process; no two complete
    /// events overlap on one thread.
    fn consistent(
        used: &HashMap<u64, u64>,
        process_names: &BTreeSet<u64>,
        thread_names: &HashMap<u64, u64>,
        slices: HashMap<(u64, u64), Vec<(u64, u64)>>,
    ) -> Result<(), String> {
        for (tid, pid) in used {
            if !process_names.contains(pid) {
                return Err(format!("process {pid} has events and no name"));
            }
            match thread_names.get(tid) {
                Some(named_in) if named_in == pid => {}
                Some(other) => return Err(format!("thread {tid} named in process {other}")),
                None => return Err(format!("thread {tid} has events and no name")),
            }
        }
        if process_names.contains(&0) || thread_names.contains_key(&0) {
            return Err("id 0 used".to_owned());
        }
        // Perfetto names a thread by its `tid` alone.
        if let Some(tid) = thread_names.keys().find(|tid| process_names.contains(tid)) {
            return Err(format!("thread id {tid} is also a process id"));
        }
        for ((pid, tid), mut spans) in slices {
            spans.sort_unstable();
            if let Some(pair) = spans.windows(2).find(|pair| pair[1].0 < pair[0].1) {
                return Err(format!(
                    "overlapping complete events on pid {pid} tid {tid}: {pair:?}"
                ));
            }
        }
        Ok(())
    }

    fn record_task(
        event: &serde_json::Value,
        pid: u64,
        checked: &mut Checked,
    ) -> Result<(), String> {
        let task = event["args"]["task"]
            .as_u64()
            .ok_or_else(|| format!("task event without a task id: {event}"))?;
        checked.tasks.insert((pid, task));
        Ok(())
    }
}
