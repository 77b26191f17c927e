//! Frame time of the real app with a big experiment on show: 100,000 recorded
//! tasks on 64 lanes, every view visible, the pointer moving over the
//! timeline. Measures `update + layout` (egui's pass, the app's drawing code
//! included) and, apart, tessellation into triangles; rendering (GPU) is not
//! included.
//!
//! Run: `cargo bench --bench frame_time`. Goal: p99 of update + layout ≤ 8 ms.

use std::time::{Duration, Instant};

use concurrency_lab::app::settings::Settings;
use concurrency_lab::app::{AppOptions, LabApp};
use concurrency_lab::engine::measure::machine::MachineInfo;
use concurrency_lab::engine::measure::recorder::{LaneInfo, LaneKind};
use concurrency_lab::engine::measure::spans::{Segment, TaskSpan, TaskState};
use concurrency_lab::engine::results::metrics::{ExperimentResult, RunSummary, apply_speedups};
use concurrency_lab::engine::spec::preset::{self, Model, RunPlan};
use concurrency_lab::engine::view::live::LiveExperiment;
use eframe::App as _;

const TASKS: u32 = 100_000;
const LANES: u32 = 64;
const FRAMES: usize = 300;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let result = big_result();
    let ctx = egui::Context::default();
    let options = AppOptions {
        worker_exe: Some(env!("CARGO_BIN_EXE_concurrency-lab").into()),
        native_dialogs: false,
        monitor: false,
        persist: false,
        ..AppOptions::default()
    };
    let mut app = LabApp::with_settings(&ctx, Settings::default(), options);
    app.history.push(result.clone());
    app.compare.insert(0);
    app.live = Some(LiveExperiment::from_result(result));
    let mut frame = eframe::Frame::_new_kittest();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let mut update = Vec::with_capacity(FRAMES);
    let mut tessellate = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES + 20 {
        // Sweep the pointer across the timeline so hover lookups run too.
        let x = 500.0 + (i % 100) as f32 * 8.0;
        let input = egui::RawInput {
            screen_rect: Some(screen),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, 420.0))],
            ..Default::default()
        };
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| app.ui(ui, &mut frame));
        let updated = started.elapsed();
        let started = Instant::now();
        let triangles = ctx.tessellate(output.shapes, output.pixels_per_point);
        let tessellated = started.elapsed();
        std::hint::black_box(triangles);
        if i >= 20 {
            update.push(updated);
            tessellate.push(tessellated);
        }
    }
    report("update + layout", &mut update);
    report("tessellation", &mut tessellate);
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let at =
        |p: f64| samples[((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1];
    println!(
        "{what:16} over {} frames: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3
    );
}

/// A thread-pool run of 100,000 tasks on 64 workers, with GIL waits and I/O
/// waits mixed in, plus a sequential baseline.
fn big_result() -> ExperimentResult {
    let preset = preset::parse(
        "name = \"frame bench\"\n[workload]\nkind = \"mixed\"\ntasks = 100000\ncpu_iters = 10\nio_ms = 1.0\n[[runs]]\nmodel = \"sequential\"\n[[runs]]\nmodel = \"thread_pool\"\nworkers = 64\n",
        "bench",
    )
    .expect("preset");
    let lanes = worker_lanes();
    let (spans, wall) = task_spans();
    let machine = MachineInfo {
        cores: 64,
        os: "bench".into(),
        cpu: "bench".into(),
        memory_bytes: 0,
    };
    let mut runs = vec![
        measured_run(
            "sequential",
            Model::Sequential,
            1,
            wall * 40.0,
            Vec::new(),
            Vec::new(),
        ),
        measured_run(
            "thread_pool (64 workers)",
            Model::ThreadPool,
            64,
            wall,
            spans,
            lanes,
        ),
    ];
    apply_speedups(&mut runs, 0, 64);
    ExperimentResult {
        preset,
        source: "bench".into(),
        machine,
        calibration: None,
        started_unix_s: 0,
        cancelled: false,
        baseline: 0,
        runs,
        // A 64-core machine: the CPU view draws its heat map.
        cpu_samples: heat_map_samples(),
        fits: Vec::new(),
    }
}

/// One lane per worker thread, named as the lab names its workers.
fn worker_lanes() -> Vec<LaneInfo> {
    (0..LANES)
        .map(|id| LaneInfo {
            id,
            kind: LaneKind::Thread,
            os_id: 1000 + u64::from(id),
            name: format!("lab-worker-{id}"),
        })
        .collect()
}

/// `TASKS` spans over `LANES` workers, back to back per worker, each
/// running then waiting (on the GIL for every third task, on I/O for the
/// others). A fixed-seed LCG keeps every bench run drawing the same
/// frames. Returns the spans and the wall time they cover, s.
fn task_spans() -> (Vec<TaskSpan>, f64) {
    let mut clock = vec![0u64; LANES as usize];
    let mut seed = 0x1234_5678_u64;
    let spans: Vec<TaskSpan> = (0..TASKS)
        .map(|task| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let worker = task % LANES;
            let start = clock[worker as usize] + (seed >> 60);
            let run = 20 + (seed >> 40) % 200;
            let wait = (seed >> 20) % 100;
            let state = if task % 3 == 0 {
                TaskState::GilWait
            } else {
                TaskState::IoWait
            };
            let end = start + run + wait;
            clock[worker as usize] = end;
            TaskSpan {
                task,
                worker,
                os_id: 1000 + u64::from(worker),
                cpu_start: Some(worker % 2),
                cpu_end: Some(worker % 2),
                start_us: start,
                end_us: end,
                busy_us: run,
                gil_wait_us: if state == TaskState::GilWait { wait } else { 0 },
                io_wait_us: if state == TaskState::IoWait { wait } else { 0 },
                ok: true,
                segments: vec![
                    Segment {
                        state: TaskState::Running,
                        start_us: start,
                        end_us: start + run,
                    },
                    Segment {
                        state,
                        start_us: start + run,
                        end_us: end,
                    },
                ],
            }
        })
        .collect();
    let wall = *clock.iter().max().unwrap_or(&1) as f64 / 1e6;
    (spans, wall)
}

/// A run measured once, with its spans and lanes.
fn measured_run(
    label: &str,
    model: Model,
    workers: usize,
    wall: f64,
    spans: Vec<TaskSpan>,
    lanes: Vec<LaneInfo>,
) -> RunSummary {
    let plan = RunPlan::lab(label, model, workers);
    let mut summary = RunSummary::measured_once(&plan, TASKS, wall);
    summary.spans = spans;
    summary.lanes = lanes;
    summary
}

/// A 64-core machine's samples: the CPU view draws its heat map.
fn heat_map_samples() -> Vec<concurrency_lab::engine::measure::monitor::CpuSample> {
    (0..400)
        .map(|i| concurrency_lab::engine::measure::monitor::CpuSample {
            t_s: f64::from(i) * 0.25,
            usage: (0..64)
                .map(|core| ((i * 7 + core * 13) % 100) as f32)
                .collect(),
        })
        .collect()
}
