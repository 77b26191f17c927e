//! Charts as a user gets them: every kind to SVG and PNG, from a real run
//! and from a synthetic result with 100,000 tasks on 64 lanes; what a
//! failed write leaves behind.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;

use concurrency_lab::engine::measure::monitor::CpuSample;
use concurrency_lab::engine::measure::recorder::{LaneInfo, LaneKind};
use concurrency_lab::engine::measure::spans::{Segment, TaskSpan, TaskState};
use concurrency_lab::engine::results::metrics::ExperimentResult;
use concurrency_lab::export::charts::{ChartKind, export_chart};

/// A name that needs escaping in SVG.
const NAME: &str = "Charts & <friends>";

/// A small real result: a plain loop, GIL threads and a process pool.
///
/// Each task computes 20 ms, twenty switch intervals: six GIL threads started
/// together cannot all finish their computation before the next one asks for
/// the lock, however loaded the machine (tiny tasks sometimes never contend).
fn real_result() -> &'static ExperimentResult {
    static RESULT: OnceLock<ExperimentResult> = OnceLock::new();
    RESULT.get_or_init(|| {
        let text = common::preset(
            "kind = \"mixed\"\ntasks = 6\ncpu_ms = 20.0\nio_ms = 2.0",
            &[
                "model = \"sequential\"",
                "model = \"threads\"\ngil = true\nswitch_interval_ms = 1.0",
                "model = \"process_pool\"\nworkers = 2",
            ],
        )
        .replace(
            "name = \"test\"",
            &format!("name = {NAME:?}\nrepetitions = 2"),
        );
        let mut result = common::run(&text);
        // The runner alone records no CPU load (the CLI's monitor does): add some.
        result.cpu_samples = (0..8)
            .map(|i| CpuSample {
                t_s: f64::from(i) * 0.05,
                usage: vec![10.0 * i as f32, 100.0 - 10.0 * i as f32],
            })
            .collect();
        result
    })
}

/// The real result's shape with 100,000 tasks on 64 lanes in one run (each
/// task computing, then waiting for the GIL, then on I/O), 65 lanes in
/// another (one summarised), 32 cores of CPU samples and a failed run.
fn synthetic_result() -> ExperimentResult {
    let mut result = real_result().clone();
    result.preset.name = "Synthetic: 100,000 tasks".into();
    result.machine.cores = 32;
    let lanes = |count: u32| -> Vec<LaneInfo> {
        (0..count)
            .map(|id| LaneInfo {
                id,
                kind: LaneKind::Thread,
                os_id: 1000 + u64::from(id),
                name: format!("lab-worker-{id}"),
            })
            .collect()
    };
    // `gil`: µs of the 35 µs each task waits for the GIL (the rest computing
    // and 5 µs of I/O), so that merged bars show it where it dominates.
    let spans = |tasks: u32, lanes: u32, gil: u64| -> Vec<TaskSpan> {
        (0..tasks)
            .map(|task| {
                let lane = task % lanes;
                let start = u64::from(task / lanes) * 40;
                let segment = |state, from: u64, to: u64| Segment {
                    state,
                    start_us: start + from,
                    end_us: start + to,
                };
                TaskSpan {
                    task,
                    worker: lane,
                    os_id: 1000 + u64::from(lane),
                    cpu_start: Some(lane % 32),
                    cpu_end: Some(lane % 32),
                    start_us: start,
                    end_us: start + 35,
                    busy_us: 30 - gil,
                    gil_wait_us: gil,
                    io_wait_us: 5,
                    ok: task % 997 != 0,
                    segments: vec![
                        segment(TaskState::Running, 0, 30 - gil),
                        segment(TaskState::GilWait, 30 - gil, 30),
                        segment(TaskState::IoWait, 30, 35),
                    ],
                }
            })
            .collect()
    };
    result.runs[0].spans = spans(100_000, 64, 10);
    result.runs[0].lanes = lanes(64);
    result.runs[1].spans = spans(2_000, 65, 25);
    result.runs[1].lanes = lanes(65);
    // A run that could not be carried out: no speed-up, no spans.
    let failed = &mut result.runs[2];
    failed.error = Some("worker process died".into());
    failed.speedup = None;
    failed.spans.clear();
    result.cpu_samples = (0..400)
        .map(|i| CpuSample {
            t_s: f64::from(i) * 0.25 - 0.1,
            usage: (0..32).map(|core| ((i + core * 7) % 100) as f32).collect(),
        })
        .collect();
    result
}

/// Width and height from a PNG's header, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "a PNG starts with its IHDR chunk");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(20))
}

/// With `CHARTS_OUT=folder`, copies the charts there to look at them.
fn keep(dir: &Path) {
    let Some(out) = std::env::var_os("CHARTS_OUT") else {
        return;
    };
    std::fs::create_dir_all(&out).expect("CHARTS_OUT");
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), Path::new(&out).join(entry.file_name())).expect("copy");
        }
    }
}

fn no_temporary_files(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

/// Renders `kind` to SVG and PNG in `dir`; returns the SVG text and the PNG size.
fn render_both(
    result: &ExperimentResult,
    kind: ChartKind,
    dir: &Path,
    stem: &str,
) -> (String, (u32, u32)) {
    let svg_path = dir.join(format!("{stem}-{kind}.svg"));
    let png_path = dir.join(format!("{stem}-{kind}.PNG"));
    export_chart(result, kind, &svg_path).unwrap_or_else(|e| panic!("{kind} svg: {e}"));
    export_chart(result, kind, &png_path).unwrap_or_else(|e| panic!("{kind} png: {e}"));
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    let png = std::fs::read(&png_path).expect("png");
    (svg, png_size(&png))
}

#[test]
fn every_kind_renders_to_svg_and_png_from_a_real_run() {
    let result = real_result();
    let dir = tempfile::tempdir().expect("dir");
    for kind in ChartKind::ALL {
        let (svg, (width, height)) = render_both(result, kind, dir.path(), "real");
        assert!(svg.starts_with("<svg"), "{kind}");
        if kind == ChartKind::Sweep {
            // Not a sweep: the chart says so (tests/it/sweep.rs draws one).
            assert!(svg.contains("not a sweep"), "{svg}");
            continue;
        }
        assert!(svg.matches("<text").count() >= 8, "{kind}: text drawn");
        assert!(
            svg.contains("Charts &amp; &lt;friends&gt;"),
            "{kind}: the preset's name, escaped"
        );
        assert!(svg.contains(&kind.subject()), "{kind}: its subject");
        assert_eq!(width, 1200, "{kind}");
        assert!((500..=4000).contains(&height), "{kind}: {height}");
        if kind != ChartKind::Timeline {
            assert_eq!(height, 700, "{kind}");
        }
    }
    // What each chart must show.
    let svg = |kind: ChartKind| {
        std::fs::read_to_string(dir.path().join(format!("real-{kind}.svg"))).expect("svg")
    };
    let speedup = svg(ChartKind::Speedup);
    for label in result.runs.iter().map(|r| r.label.as_str()) {
        assert!(speedup.contains(label), "speed-up names {label}");
    }
    let cores = result.machine.cores;
    let ideal = format!("ideal ({cores} cores)");
    assert!(cores == 1 || speedup.contains(&ideal), "{ideal}");
    assert!(svg(ChartKind::Cpu).contains("core 1"));
    assert!(svg(ChartKind::Throughput).contains("tasks finished per second"));
    let timeline = svg(ChartKind::Timeline);
    assert!(timeline.contains("process "), "process lanes named");
    // The legend names what is drawn: GIL waits whenever the spans have any.
    let gil_waited = result
        .runs
        .iter()
        .flat_map(|r| &r.spans)
        .any(|s| s.gil_wait_us > 0);
    assert_eq!(
        timeline.contains("waiting for the GIL"),
        gil_waited,
        "GIL legend iff GIL waits were recorded"
    );
    no_temporary_files(dir.path());
    keep(dir.path());
}

#[test]
fn a_hundred_thousand_spans_on_64_lanes_render_merged() {
    let result = synthetic_result();
    let dir = tempfile::tempdir().expect("dir");
    for kind in ChartKind::ALL {
        let started = std::time::Instant::now();
        let (svg, (width, height)) = render_both(&result, kind, dir.path(), "big");
        eprintln!("{kind}: SVG and PNG in {:?}", started.elapsed());
        assert!(svg.contains("Synthetic: 100,000 tasks"));
        assert_eq!(width, 1200);
        assert!(height >= 700, "{kind}: {height}");
    }
    let timeline = std::fs::read_to_string(dir.path().join("big-timeline.svg")).expect("svg");
    // Sub-pixel tasks merged: far fewer rectangles than tasks, at most about
    // one per pixel column and lane.
    let rects = timeline.matches("<rect").count();
    assert!(rects < 64 * 1100, "{rects} rectangles");
    assert!(
        timeline.contains("+1 more lane not drawn"),
        "65 lanes: 64 drawn, one counted"
    );
    assert!(timeline.contains("lab-worker-0") && timeline.contains("lab-worker-63"));
    assert!(timeline.contains("failed or cancelled"));
    assert!(
        timeline.contains("waiting for the GIL"),
        "synthetic GIL waits are in the legend"
    );
    // 32 cores: a heat map with a scale, taller than the default.
    let cpu = std::fs::read_to_string(dir.path().join("big-cpu.svg")).expect("svg");
    assert!(cpu.contains("100 %") && cpu.contains("of 32 cores"));
    // The failed run is named with the reason it has no bar.
    let speedup = std::fs::read_to_string(dir.path().join("big-speedup.svg")).expect("svg");
    assert!(speedup.contains("No speed-up for") && speedup.contains("worker process died"));
    let throughput = std::fs::read_to_string(dir.path().join("big-throughput.svg")).expect("svg");
    assert!(throughput.contains("No finished tasks recorded for"));
    keep(dir.path());
}

#[test]
fn charts_without_data_still_say_so() {
    let mut result = real_result().clone();
    result.cpu_samples.clear();
    for run in &mut result.runs {
        run.spans.clear();
    }
    let dir = tempfile::tempdir().expect("dir");
    let (cpu, _) = render_both(&result, ChartKind::Cpu, dir.path(), "empty");
    assert!(cpu.contains("no CPU samples recorded"));
    let (throughput, _) = render_both(&result, ChartKind::Throughput, dir.path(), "empty");
    assert!(throughput.contains("no finished tasks recorded"));
    let (timeline, _) = render_both(&result, ChartKind::Timeline, dir.path(), "empty");
    assert!(timeline.contains("no tasks recorded"));
    result.runs.clear();
    for kind in ChartKind::ALL {
        render_both(&result, kind, dir.path(), "no-runs");
    }
    keep(dir.path());
}

#[test]
fn an_unwritable_path_is_named_and_leaves_nothing_behind() {
    let result = real_result();
    let dir = tempfile::tempdir().expect("dir");
    // A folder where the file should be: rendering succeeds, the rename fails.
    let blocked = dir.path().join("blocked.png");
    std::fs::create_dir(&blocked).expect("mkdir");
    let error = export_chart(result, ChartKind::Speedup, &blocked).expect_err("a folder");
    assert!(error.to_string().contains("blocked.png"), "{error}");
    no_temporary_files(dir.path());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);

    let missing = dir.path().join("no-such-folder").join("chart.svg");
    let error = export_chart(result, ChartKind::Cpu, &missing).expect_err("no folder");
    assert!(error.to_string().contains("no-such-folder"), "{error}");

    let jpeg = dir.path().join("chart.jpg");
    let error = export_chart(result, ChartKind::Cpu, &jpeg).expect_err("a JPEG");
    let message = error.to_string();
    assert!(
        message.contains("chart.jpg") && message.contains(".svg or .png"),
        "{message}"
    );
    assert!(!jpeg.exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn an_existing_chart_is_replaced_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("speedup.svg");
    std::fs::write(&path, "old").expect("write");
    export_chart(real_result(), ChartKind::Speedup, &path).expect("writes");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with("<svg")
    );
    no_temporary_files(dir.path());
}
