//! Guided lessons: the lesson the lab was conceived from, in nine steps.
//! Each step explains a little, asks the learner to commit to a prediction,
//! runs an experiment made for it, and gives the verdict: the prediction,
//! what theory expects on this machine, what was measured — and, when the
//! measurement and the theory disagree (one core, a busy machine), why.
//!
//! Toolkit-free: the window's Lessons panel and `concurrency-lab lesson N`
//! both use it.

use crate::engine::python::PythonInfo;
use crate::engine::results::explain::outside_load;
use crate::engine::results::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::{
    self, Model, Preset, RunSpec, Runtime, WorkloadKind, WorkloadSpec,
};
use crate::present::units;
use crate::tr;

/// How many steps there are.
pub const COUNT: u8 = 9;

/// One step of the lesson (1 to [`COUNT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lesson(u8);

/// The view a verdict points the learner at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The timeline: who ran what, when.
    Timeline,
    /// The per-core CPU plot.
    Cpu,
    /// The speed-up bars.
    Speedup,
    /// The results table.
    Results,
}

/// What a step concluded.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The answer the learner chose.
    pub predicted: String,
    /// Whether it was the one theory expects here.
    pub predicted_right: bool,
    /// What theory expects on this machine, and why.
    pub theory: String,
    /// What was measured, with the figure.
    pub measured: String,
    /// Whether the measurement agrees with the theory.
    pub agrees: bool,
    /// Why it does not, when it does not.
    pub why_not: Option<String>,
    /// Where to look.
    pub look_at: View,
}

impl Lesson {
    /// Every step, in order.
    pub fn all() -> impl Iterator<Item = Lesson> {
        (1..=COUNT).map(Lesson)
    }

    /// Step `number` (1-based), if there is one.
    pub fn number(number: u8) -> Option<Lesson> {
        (1..=COUNT).contains(&number).then_some(Lesson(number))
    }

    /// Its number, 1-based.
    pub fn index(self) -> u8 {
        self.0
    }

    /// Its title.
    pub fn title(self) -> String {
        match self.0 {
            1 => tr!("lesson-1-title"),
            2 => tr!("lesson-2-title"),
            3 => tr!("lesson-3-title"),
            4 => tr!("lesson-4-title"),
            5 => tr!("lesson-5-title"),
            6 => tr!("lesson-6-title"),
            7 => tr!("lesson-7-title"),
            8 => tr!("lesson-8-title"),
            _ => tr!("lesson-9-title"),
        }
    }

    /// A few sentences of explanation.
    pub fn text(self) -> String {
        match self.0 {
            1 => tr!("lesson-1-text"),
            2 => tr!("lesson-2-text"),
            3 => tr!("lesson-3-text"),
            4 => tr!("lesson-4-text"),
            5 => tr!("lesson-5-text"),
            6 => tr!("lesson-6-text"),
            7 => tr!("lesson-7-text"),
            8 => tr!("lesson-8-text"),
            _ => tr!("lesson-9-text"),
        }
    }

    /// The question the learner answers before running.
    pub fn question(self, cores: usize) -> String {
        match self.0 {
            1 => tr!("lesson-1-question"),
            2 => tr!("lesson-2-question"),
            3 => tr!("lesson-3-question", cores = cores),
            4 => tr!("lesson-4-question"),
            5 => tr!("lesson-5-question"),
            6 => tr!("lesson-6-question"),
            7 => tr!("lesson-7-question"),
            8 => tr!("lesson-8-question"),
            _ => tr!("lesson-9-question", cores = cores),
        }
    }

    /// The answers to choose from.
    pub fn answers(self, cores: usize) -> Vec<String> {
        match self.0 {
            1 => vec![
                tr!("lesson-1-answer-sequential"),
                tr!("lesson-1-answer-gil"),
                tr!("lesson-1-answer-no-gil"),
                tr!("lesson-1-answer-same"),
            ],
            2 | 9 => vec![
                tr!("lesson-answer-1x"),
                tr!("lesson-answer-cores", cores = cores),
                tr!(
                    "lesson-answer-threads",
                    threads = if self.0 == 2 { 8 } else { 4 }
                ),
            ],
            3 => vec![
                tr!("lesson-3-answer-none"),
                tr!("lesson-3-answer-less"),
                tr!("lesson-3-answer-ideal", cores = cores),
            ],
            4 => vec![
                tr!("lesson-answer-ms", ms = 1000),
                tr!("lesson-answer-ms", ms = 50),
                tr!("lesson-answer-ms", ms = 500),
            ],
            5 => vec![
                tr!("lesson-5-answer-none"),
                tr!("lesson-5-answer-waits"),
                tr!("lesson-5-answer-all"),
            ],
            6 => vec![
                tr!("lesson-answer-ms", ms = 50),
                tr!("lesson-answer-ms", ms = 200),
                tr!("lesson-answer-ms", ms = 800),
            ],
            7 => vec![
                tr!("lesson-7-answer-loop"),
                tr!("lesson-7-answer-threads"),
                tr!("lesson-7-answer-pool"),
                tr!("lesson-7-answer-processes"),
            ],
            _ => vec![
                tr!("lesson-8-answer-same"),
                tr!("lesson-8-answer-twice"),
                tr!("lesson-8-answer-several"),
            ],
        }
    }

    /// The answer theory expects on a machine with `cores` logical cores.
    pub fn expected(self, cores: usize) -> usize {
        let parallel = cores >= 2;
        match self.0 {
            1 => {
                if parallel {
                    2
                } else {
                    3
                }
            }
            2 => 0,
            3 | 9 => usize::from(parallel),
            4 => 1,
            5 => 1,
            6 => 1,
            7 => 0,
            _ => 2,
        }
    }

    /// Why theory expects it, in a sentence.
    pub fn theory(self, cores: usize) -> String {
        match self.0 {
            1 => tr!("lesson-1-theory", cores = cores),
            2 => tr!("lesson-2-theory"),
            3 => tr!("lesson-3-theory", cores = cores),
            4 => tr!("lesson-4-theory"),
            5 => tr!("lesson-5-theory"),
            6 => tr!("lesson-6-theory"),
            7 => tr!("lesson-7-theory"),
            8 => tr!("lesson-8-theory"),
            _ => tr!("lesson-9-theory", cores = cores),
        }
    }

    /// The view the verdict points at.
    pub fn look_at(self) -> View {
        match self.0 {
            1 | 4 | 5 | 8 => View::Timeline,
            2 | 9 => View::Cpu,
            3 | 6 => View::Speedup,
            _ => View::Results,
        }
    }

    /// The experiment this step runs: lab runs, and beside them the same in
    /// real CPython when an interpreter is available (`pythons` are the usable
    /// ones, the default first). The last step also runs a free-threaded
    /// build and a subinterpreter pool where this machine has them.
    pub fn preset(self, pythons: &[PythonInfo]) -> Preset {
        let (workload, runs) = self.design();
        let mut runs: Vec<RunSpec> = runs
            .into_iter()
            .filter(|r| r.runtime.is_none() || !pythons.is_empty())
            .collect();
        if self.0 == COUNT {
            runs.extend(todays_python_runs(pythons));
        }
        Preset {
            version: preset::PRESET_VERSION,
            name: self.title(),
            description: String::new(),
            repetitions: if self.0 == 7 { 3 } else { 2 },
            warmup: 1,
            baseline: None,
            sweep: None,
            workload,
            runs,
        }
    }

    /// The workload and the runs of this step: the lab's first, in the
    /// order [`Lesson::measured`] reads them, then CPython's.
    fn design(self) -> Design {
        match self.0 {
            1 => concurrency_and_parallelism(),
            2 => threads_and_the_gil(),
            3 => processes_in_parallel(),
            4 => waiting_with_threads_and_a_loop(),
            5 => asyncio_waits(),
            6 => pool_sizes(),
            7 => what_a_task_costs(),
            8 => convoy(),
            _ => todays_python(),
        }
    }

    /// The answer the measurement supports, and the figure it rests on.
    /// Runs are read by position: [`Lesson::design`] puts the lab's first.
    pub fn measured(self, result: &ExperimentResult) -> Option<(usize, String)> {
        let cores = result.machine.cores.max(1) as f64;
        let run = |index: usize| result.runs.get(index).filter(|r| r.succeeded());
        let figure = |r: &RunSummary, value: String| format!("{}: {value}", r.label);
        match self.0 {
            1 => fastest(result, 3, true),
            7 => fastest(result, 4, false),
            2 | 9 => {
                // Step 2 reads the threads under the GIL, step 9 those without.
                let threads = run(if self.0 == 2 { 1 } else { 2 })?;
                let s = threads.speedup?;
                let bucket = if s < 1.4 {
                    0
                } else if s < cores.min(4.0) * 1.5 {
                    1
                } else {
                    2
                };
                Some((bucket, figure(threads, units::speedup(s))))
            }
            3 => {
                let processes = run(1)?;
                let s = processes.speedup?;
                let bucket = if s < 1.2 {
                    0
                } else if s < cores * 0.97 {
                    1
                } else {
                    2
                };
                Some((bucket, figure(processes, units::speedup(s))))
            }
            4..=6 => {
                let measured = run(1)?;
                let ms = measured.wall_s.mean * 1000.0;
                let bucket = match self.0 {
                    4 => match ms {
                        m if m < 200.0 => 1,
                        m if m < 750.0 => 2,
                        _ => 0,
                    },
                    5 => match ms {
                        m if m < 100.0 => 2,
                        m if m < 350.0 => 1,
                        _ => 0,
                    },
                    _ => match ms {
                        m if m < 120.0 => 0,
                        m if m < 450.0 => 1,
                        _ => 2,
                    },
                };
                Some((bucket, figure(measured, units::duration_ms(ms))))
            }
            _ => {
                // Fifty 2 ms waits: 100 ms on their own.
                let gil = run(1)?;
                let io_ms = gil.io_task_ms?;
                let bucket = match io_ms / 100.0 {
                    r if r < 1.5 => 0,
                    r if r < 2.5 => 1,
                    _ => 2,
                };
                Some((bucket, figure(gil, units::duration_ms(io_ms))))
            }
        }
    }

    /// The verdict on `result`, for the answer `predicted`.
    pub fn verdict(self, predicted: usize, result: &ExperimentResult) -> Verdict {
        let cores = result.machine.cores.max(1);
        let answers = self.answers(cores);
        let expected = self.expected(cores);
        let measured = self.measured(result);
        let agrees = measured
            .as_ref()
            .is_some_and(|(bucket, _)| *bucket == expected);
        let why_not = (!agrees).then(|| self.why_not(result, measured.is_none()));
        Verdict {
            predicted: answers.get(predicted).cloned().unwrap_or_default(),
            predicted_right: predicted == expected,
            theory: format!(
                "{} — {}",
                answers.get(expected).cloned().unwrap_or_default(),
                self.theory(cores)
            ),
            measured: measured.map_or_else(
                || tr!("lesson-not-measured"),
                |(bucket, figure)| {
                    format!(
                        "{figure} → {}",
                        answers.get(bucket).cloned().unwrap_or_default()
                    )
                },
            ),
            agrees,
            why_not,
            look_at: self.look_at(),
        }
    }

    /// Why the measurement and the theory disagree: only what the figures show.
    fn why_not(self, result: &ExperimentResult, unmeasured: bool) -> String {
        if unmeasured || result.cancelled {
            return tr!("lesson-why-incomplete");
        }
        if result.machine.cores < 2 {
            return tr!("lesson-why-one-core");
        }
        let busy = (0..result.runs.len())
            .filter_map(|i| outside_load(result, i))
            .fold(0.0, f64::max);
        if busy >= 0.5 {
            return tr!("lesson-why-busy", cores = crate::i18n::number(busy, 1));
        }
        tr!("lesson-why-unexplained")
    }
}

/// Runs of today's Python for the last step: threads in a free-threaded
/// build and a subinterpreter pool, each where an interpreter offers it.
fn todays_python_runs(pythons: &[PythonInfo]) -> Vec<RunSpec> {
    let mut runs = Vec::new();
    if let Some(free) = pythons.iter().find(|p| p.free_threaded) {
        runs.push(RunSpec {
            python: Some(free.executable.display().to_string()),
            ..python(Model::Threads, tr!("lesson-run-python-free-threaded"))
        });
    }
    if let Some(sub) = pythons
        .iter()
        .find(|p| p.interpreter_pool && !p.free_threaded)
    {
        runs.push(RunSpec {
            python: Some(sub.executable.display().to_string()),
            ..python(
                Model::InterpreterPool,
                tr!("lesson-run-python-subinterpreters"),
            )
        });
    }
    runs
}

/// A step's workload and runs.
type Design = (WorkloadSpec, Vec<RunSpec>);

/// The lab's run of the tasks one after another: the yardstick most steps
/// measure the others against.
fn one_after_another() -> RunSpec {
    lab(Model::Sequential, tr!("lesson-run-sequential"))
}

/// The lab's threads under a simulated GIL, as CPython's threads were.
fn gil_threads() -> RunSpec {
    RunSpec {
        gil: Some(true),
        ..lab(Model::Threads, tr!("lesson-run-gil-threads"))
    }
}

/// The lab's threads without a GIL.
fn free_threads() -> RunSpec {
    lab(Model::Threads, tr!("lesson-run-free-threads"))
}

/// Step 1 asks which run finishes first: computing tasks in turn, on threads
/// under a GIL and without one, and on CPython's threads for comparison.
fn concurrency_and_parallelism() -> Design {
    (
        cpu(4, 100.0),
        vec![
            one_after_another(),
            gil_threads(),
            free_threads(),
            python(Model::Threads, tr!("lesson-run-python-threads")),
        ],
    )
}

/// Step 2 asks what eight threads under the GIL gain on computing; CPython's
/// loop and threads show the lab's GIL behaves as the real one.
fn threads_and_the_gil() -> Design {
    (
        cpu(8, 40.0),
        vec![
            one_after_another(),
            gil_threads(),
            python(Model::Sequential, tr!("lesson-run-python-loop")),
            python(Model::Threads, tr!("lesson-run-python-threads")),
        ],
    )
}

/// Step 3: processes compute in parallel at the price of starting them, so
/// the task count scales with the cores to keep them all busy.
fn processes_in_parallel() -> Design {
    (
        WorkloadSpec {
            tasks: None,
            tasks_per_core: Some(2),
            ..cpu(0, 60.0)
        },
        vec![
            one_after_another(),
            lab(Model::ProcessPool, tr!("lesson-run-process-pool")),
            python(Model::Sequential, tr!("lesson-run-python-loop")),
            python(Model::ProcessPool, tr!("lesson-run-python-processes")),
        ],
    )
}

/// Step 4 asks how long twenty waiting threads take under the GIL: waiting
/// releases it, as an event loop overlapping the same waits shows.
fn waiting_with_threads_and_a_loop() -> Design {
    (
        waits(WorkloadKind::Sleep, 20, 50.0),
        vec![
            one_after_another(),
            gil_threads(),
            lab(Model::AsyncSingle, tr!("lesson-run-event-loop")),
            python(Model::Threads, tr!("lesson-run-python-threads")),
        ],
    )
}

/// Step 5 asks what one event loop overlaps when each task both computes
/// and waits: the waits, not the computing.
fn asyncio_waits() -> Design {
    (
        WorkloadSpec {
            cpu_ms: Some(10.0),
            ..waits(WorkloadKind::Mixed, 10, 50.0)
        },
        vec![
            one_after_another(),
            lab(Model::AsyncSingle, tr!("lesson-run-event-loop")),
            python(Model::AsyncSingle, tr!("lesson-run-python-asyncio")),
        ],
    )
}

/// Step 6 asks how long a pool of four takes for sixteen waits: a pool
/// waits in batches of its size, as the pool of sixteen shows.
fn pool_sizes() -> Design {
    (
        waits(WorkloadKind::Sleep, 16, 50.0),
        vec![
            one_after_another(),
            pool(
                lab(Model::ThreadPool, tr!("lesson-run-pool", workers = 4)),
                4,
            ),
            pool(
                lab(Model::ThreadPool, tr!("lesson-run-pool", workers = 16)),
                16,
            ),
            pool(
                python(
                    Model::ThreadPool,
                    tr!("lesson-run-python-pool", workers = 4),
                ),
                4,
            ),
        ],
    )
}

/// Step 7 asks which run finishes first when a task is a few microseconds
/// of work: the runs are the answers offered, labelled as such.
fn what_a_task_costs() -> Design {
    (
        WorkloadSpec {
            cpu_ms: None,
            cpu_iters: Some(500),
            ..cpu(2000, 0.0)
        },
        vec![
            lab(Model::Sequential, tr!("lesson-7-answer-loop")),
            lab(Model::Threads, tr!("lesson-7-answer-threads")),
            pool(lab(Model::ThreadPool, tr!("lesson-7-answer-pool")), 4),
            pool(lab(Model::ProcessPool, tr!("lesson-7-answer-processes")), 2),
        ],
    )
}

/// Step 8, the convoy: under the GIL the waiting thread is held up by the
/// computing ones after every wait; without a GIL it is not.
fn convoy() -> Design {
    (
        WorkloadSpec {
            cpu_ms: Some(250.0),
            io_rounds: Some(50),
            ..waits(WorkloadKind::Convoy, 3, 2.0)
        },
        vec![
            free_threads(),
            gil_threads(),
            python(Model::Threads, tr!("lesson-run-python-threads")),
        ],
    )
}

/// Step 9 (and any other number) asks what four computing threads gain
/// without the GIL; the interpreters found today are added by the caller.
fn todays_python() -> Design {
    (
        cpu(4, 60.0),
        vec![
            one_after_another(),
            gil_threads(),
            free_threads(),
            python(Model::Sequential, tr!("lesson-run-python-loop")),
            python(Model::Threads, tr!("lesson-run-python-threads")),
        ],
    )
}

/// `tasks` tasks computing `cpu_ms` each.
fn cpu(tasks: i64, cpu_ms: f64) -> WorkloadSpec {
    WorkloadSpec {
        kind: WorkloadKind::Cpu,
        tasks: Some(tasks),
        tasks_per_core: None,
        cpu_ms: Some(cpu_ms),
        cpu_iters: None,
        io_ms: None,
        bytes: None,
        io_rounds: None,
        serial_ms: None,
    }
}

/// `tasks` tasks of `kind` waiting `io_ms` each.
fn waits(kind: WorkloadKind, tasks: i64, io_ms: f64) -> WorkloadSpec {
    WorkloadSpec {
        kind,
        cpu_ms: None,
        io_ms: Some(io_ms),
        ..cpu(tasks, 0.0)
    }
}

/// A run of the lab's own.
fn lab(model: Model, label: String) -> RunSpec {
    RunSpec {
        label: Some(label),
        ..RunSpec::new(model)
    }
}

/// A run in the default CPython.
fn python(model: Model, label: String) -> RunSpec {
    RunSpec {
        runtime: Some(Runtime::Python),
        ..lab(model, label)
    }
}

/// `run` with `workers` workers.
fn pool(run: RunSpec, workers: i64) -> RunSpec {
    RunSpec {
        workers: Some(workers),
        ..run
    }
}

/// The first `lab_runs` runs' fastest, by position (with `same_band`,
/// runs within 10 % of each other are "about the same": answer `lab_runs`).
fn fastest(result: &ExperimentResult, lab_runs: usize, same_band: bool) -> Option<(usize, String)> {
    let measured = result.runs.get(..lab_runs)?;
    if !measured.iter().all(RunSummary::succeeded) {
        return None;
    }
    let (index, best) = measured
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.wall_s.mean.total_cmp(&b.1.wall_s.mean))?;
    let figure = format!("{}: {}", best.label, units::duration(best.wall_s.mean));
    let slowest = measured.iter().map(|r| r.wall_s.mean).fold(0.0, f64::max);
    if same_band && slowest < best.wall_s.mean * 1.1 {
        return Some((lab_runs, figure));
    }
    Some((index, figure))
}

/// Where the learner is: the steps done and the step on show. Kept in a
/// small JSON file shared by the window and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Steps whose verdict was reached.
    pub done: std::collections::BTreeSet<u8>,
    /// The step on show (1-based; 0 before the first visit).
    pub current: u8,
}

/// The progress file's name in the app's data folder.
pub const PROGRESS_FILE: &str = "lessons.json";

impl Progress {
    /// Reads the progress file; a missing or damaged one starts afresh
    /// (progress is a convenience, never a reason to refuse to start).
    pub fn load(path: &std::path::Path) -> Progress {
        std::fs::read(path)
            .ok()
            .filter(|bytes| bytes.len() < 64 * 1024)
            .and_then(|bytes| serde_json::from_slice::<Progress>(&bytes).ok())
            .map(|mut p| {
                p.done.retain(|n| Lesson::number(*n).is_some());
                p
            })
            .unwrap_or_default()
    }

    /// Writes the progress file whole (a crash leaves the old one).
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let folder = path.parent().unwrap_or_else(|| std::path::Path::new("."));
        std::fs::create_dir_all(folder)?;
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        serde_json::to_writer(&mut file, self)?;
        file.persist(path).map(drop).map_err(|e| e.error)
    }

    /// The step to open: the one on show, else the first not done.
    pub fn resume(&self) -> Lesson {
        Lesson::number(self.current)
            .or_else(|| Lesson::all().find(|l| !self.done.contains(&l.index())))
            .unwrap_or(Lesson(1))
    }

    /// Records that `lesson` reached its verdict.
    pub fn finish(&mut self, lesson: Lesson) {
        self.done.insert(lesson.index());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::machine::MachineInfo;

    #[test]
    fn every_lesson_has_a_valid_experiment_with_and_without_python() {
        let machine = MachineInfo {
            cores: 2,
            os: "t".into(),
            cpu: "t".into(),
            memory_bytes: 8 << 30,
        };
        for lesson in Lesson::all() {
            let preset = lesson.preset(&[]);
            let text = preset.to_toml().expect("serialises");
            assert_eq!(
                preset::parse(&text, "lesson").expect("its TOML reads back"),
                preset,
                "lesson {}",
                lesson.index()
            );
            preset
                .validate("lesson", &machine, || {
                    crate::engine::run::kernel::Calibration {
                        iterations_per_ms: 1000.0,
                    }
                })
                .unwrap_or_else(|e| panic!("lesson {}: {e}", lesson.index()));
            assert!(lesson.expected(2) < lesson.answers(2).len());
            assert_eq!(
                preset.runs.iter().filter(|r| r.runtime.is_some()).count(),
                0
            );
            assert!(lesson.expected(1) < lesson.answers(1).len());
        }
    }

    fn python_info(free_threaded: bool) -> PythonInfo {
        PythonInfo {
            executable: if free_threaded {
                "/opt/py/bin/python3.13t"
            } else {
                "/usr/bin/python3"
            }
            .into(),
            found_as: "python3".into(),
            source: crate::engine::python::discover::Source::Path,
            version: "3.13.1".into(),
            implementation: "CPython".into(),
            free_threaded,
            gil_enabled: !free_threaded,
            start_method: Some("fork".into()),
            start_methods: vec!["fork".into(), "spawn".into()],
            interpreter_pool: false,
        }
    }

    #[test]
    fn with_python_every_step_but_the_costs_adds_cpython_runs_after_the_labs() {
        let pythons = [python_info(false), python_info(true)];
        for lesson in Lesson::all() {
            let without = lesson.preset(&[]).runs.len();
            let with = lesson.preset(&pythons);
            let python_runs = with.runs.iter().filter(|r| r.runtime.is_some()).count();
            assert_eq!(
                with.runs.len(),
                without + python_runs,
                "lesson {}",
                lesson.index()
            );
            assert_eq!(
                python_runs == 0,
                lesson.index() == 7,
                "lesson {}",
                lesson.index()
            );
            assert!(
                with.runs[..without].iter().all(|r| r.runtime.is_none()),
                "lesson {}: the lab's runs come first",
                lesson.index()
            );
        }
        let last = Lesson::number(COUNT).expect("exists").preset(&pythons);
        assert!(
            last.runs
                .iter()
                .any(|r| r.python.as_deref() == Some("/opt/py/bin/python3.13t")),
            "a free-threaded build runs in the last step where there is one"
        );
    }

    #[test]
    fn progress_survives_a_round_trip_and_a_damaged_file() {
        let folder = tempfile::tempdir().expect("temp folder");
        let path = folder.path().join("deeper").join(PROGRESS_FILE);
        assert_eq!(Progress::load(&path), Progress::default());
        let mut progress = Progress::default();
        progress.finish(Lesson(3));
        progress.current = 4;
        progress.save(&path).expect("saved");
        assert_eq!(Progress::load(&path), progress);
        assert_eq!(Progress::load(&path).resume(), Lesson(4));
        std::fs::write(&path, b"{not json").expect("written");
        assert_eq!(Progress::load(&path), Progress::default());
        assert_eq!(Progress::default().resume(), Lesson(1));
        std::fs::write(&path, br#"{"done":[1,2,200],"current":77}"#).expect("written");
        let odd = Progress::load(&path);
        assert_eq!(odd.done.len(), 2, "unknown steps are dropped");
        assert_eq!(
            odd.resume(),
            Lesson(3),
            "an unknown current step resumes at the first not done"
        );
    }
}
