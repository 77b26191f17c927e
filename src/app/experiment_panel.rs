//! The experiment panel: the workload, the runs to compare, and how often to
//! repeat them. It edits the preset itself — what is saved is what is shown —
//! with ranges that make absurd values impossible to type and the engine's
//! own validation flagged in place for what ranges cannot catch.

use super::LabApp;
use crate::engine::python::discover::{self, PythonInfo};
use crate::engine::spec::preset::{
    self, MAX_BYTES, MAX_PROCESSES, MAX_TASK_MS, MAX_TASKS, MAX_WORKERS, Model, RunSpec, Runtime,
    StartMethod, WorkloadKind, WorkloadSpec,
};

/// Draws the panel.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let running = app.is_running();
    let mut show_code = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_enabled_ui(!running, |ui| {
                ui.heading("Experiment");
                let preset = &mut app.settings.preset;
                let name_label = ui.label("Name").id;
                ui.add(
                    egui::TextEdit::singleline(&mut preset.name)
                        .hint_text("name")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(name_label);
                let description_label = ui.label("Description").id;
                ui.add(
                    egui::TextEdit::multiline(&mut preset.description)
                        .hint_text("what it shows")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(description_label);
                ui.add_space(4.0);
                egui::CollapsingHeader::new(egui::RichText::new("Workload").strong())
                    .default_open(true)
                    .show(ui, |ui| workload_ui(ui, &mut preset.workload));
                egui::CollapsingHeader::new(egui::RichText::new("Runs to compare").strong())
                    .default_open(true)
                    .show(ui, |ui| show_code = runs_ui(ui, &mut preset.runs));
                egui::CollapsingHeader::new(egui::RichText::new("Measurement").strong())
                    .default_open(true)
                    .show(ui, |ui| measurement_ui(ui, preset));
            });
            ui.add_space(6.0);
            validation_ui(app, ui);
        });
    if let Some(index) = show_code {
        app.show_python_code(index);
    }
}

fn workload_ui(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    egui::Grid::new("workload-grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("Kind");
        let mut kind = workload.kind;
        egui::ComboBox::from_id_salt("workload-kind")
            .selected_text(kind.name())
            .show_ui(ui, |ui| {
                for option in WorkloadKind::ALL {
                    ui.selectable_value(&mut kind, option, option.name())
                        .on_hover_text(option.describe());
                }
            })
            .response
            .on_hover_text(kind.describe());
        if kind != workload.kind {
            set_kind(workload, kind);
        }
        ui.end_row();

        let tasks_label = ui.label("Tasks").id;
        ui.horizontal(|ui| {
            let mut per_core = workload.tasks_per_core.is_some();
            match (&mut workload.tasks, &mut workload.tasks_per_core) {
                (_, Some(per)) => {
                    ui.add(egui::DragValue::new(per).range(1..=10_000).suffix(" per core"))
                        .labelled_by(tasks_label);
                }
                (Some(tasks), None) => {
                    ui.add(egui::DragValue::new(tasks).range(1..=MAX_TASKS).speed(1.0))
                        .labelled_by(tasks_label);
                }
                (None, None) => workload.tasks = Some(8),
            }
            if ui
                .checkbox(&mut per_core, "× cores")
                .on_hover_text("Give the count per logical core, so the experiment means the same on 2 cores and on 64")
                .changed()
            {
                let cores = crate::engine::measure::machine::MachineInfo::current().cores.max(1) as i64;
                if per_core {
                    let tasks = workload.tasks.take().unwrap_or(8);
                    workload.tasks_per_core = Some((tasks / cores).max(1));
                } else {
                    let per = workload.tasks_per_core.take().unwrap_or(4);
                    workload.tasks = Some((per * cores).min(MAX_TASKS));
                }
            }
        });
        ui.end_row();

        if matches!(workload.kind, WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy) {
            let cpu_label = ui.label("Computation").id;
            ui.horizontal(|ui| {
                let mut fixed = workload.cpu_iters.is_some();
                if let Some(iters) = &mut workload.cpu_iters {
                    ui.add(egui::DragValue::new(iters).range(1..=1_000_000_000_000i64).speed(100.0).suffix(" iterations"))
                        .labelled_by(cpu_label);
                } else {
                    let ms = workload.cpu_ms.get_or_insert(10.0);
                    ui.add(egui::DragValue::new(ms).range(0.001..=MAX_TASK_MS).speed(0.5).suffix(" ms"))
                        .labelled_by(cpu_label)
                        .on_hover_text("CPU time per task on one core of this machine (calibrated)");
                }
                if ui
                    .checkbox(&mut fixed, "fixed")
                    .on_hover_text("Fixed kernel iterations instead of calibrated milliseconds: identical work on every machine")
                    .changed()
                {
                    let rate = crate::engine::run::kernel::calibration().iterations_per_ms;
                    if fixed {
                        let ms = workload.cpu_ms.take().unwrap_or(10.0);
                        workload.cpu_iters = Some((ms * rate).round().max(1.0) as i64);
                    } else {
                        let iters = workload.cpu_iters.take().unwrap_or(1);
                        workload.cpu_ms = Some((iters as f64 / rate).clamp(0.001, MAX_TASK_MS));
                    }
                }
            });
            ui.end_row();
        }
        if matches!(workload.kind, WorkloadKind::Sleep | WorkloadKind::Net | WorkloadKind::Mixed | WorkloadKind::Convoy) {
            let io_label = ui.label(if workload.kind == WorkloadKind::Convoy { "Each wait" } else { "Waiting" }).id;
            let ms = workload.io_ms.get_or_insert(20.0);
            ui.add(egui::DragValue::new(ms).range(0.0..=MAX_TASK_MS).speed(0.5).suffix(" ms"))
                .labelled_by(io_label);
            ui.end_row();
        }
        if workload.kind == WorkloadKind::Convoy {
            let rounds_label = ui.label("Waits").id;
            let rounds = workload.io_rounds.get_or_insert(50);
            ui.add(egui::DragValue::new(rounds).range(1..=10_000).suffix(" rounds"))
                .labelled_by(rounds_label)
                .on_hover_text("How many short waits the I/O task makes");
            ui.end_row();
        }
        if matches!(workload.kind, WorkloadKind::File | WorkloadKind::Memory) {
            let bytes_label = ui.label("Bytes").id;
            ui.horizontal(|ui| {
                let bytes = workload.bytes.get_or_insert(1 << 20);
                ui.add(egui::DragValue::new(bytes).range(8..=MAX_BYTES).speed(4096.0))
                    .labelled_by(bytes_label);
                ui.label(egui::RichText::new(human_bytes(*bytes)).weak());
            });
            ui.end_row();
        }
    });
}

/// Switches kind, keeping what still applies and filling in what is needed.
fn set_kind(workload: &mut WorkloadSpec, kind: WorkloadKind) {
    let cpu = matches!(
        kind,
        WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy
    );
    let io = matches!(
        kind,
        WorkloadKind::Sleep | WorkloadKind::Net | WorkloadKind::Mixed | WorkloadKind::Convoy
    );
    let bytes = matches!(kind, WorkloadKind::File | WorkloadKind::Memory);
    workload.kind = kind;
    if !cpu {
        workload.cpu_ms = None;
        workload.cpu_iters = None;
    } else if workload.cpu_ms.is_none() && workload.cpu_iters.is_none() {
        workload.cpu_ms = Some(10.0);
    }
    workload.io_ms = if io {
        workload.io_ms.or(Some(20.0))
    } else {
        None
    };
    workload.bytes = if bytes {
        workload.bytes.or(Some(1 << 20))
    } else {
        None
    };
    workload.io_rounds = (kind == WorkloadKind::Convoy).then_some(workload.io_rounds.unwrap_or(50));
    if kind == WorkloadKind::Convoy && workload.tasks.is_some_and(|t| t < 2) {
        workload.tasks = Some(3);
    }
}

fn human_bytes(bytes: i64) -> String {
    let bytes = bytes as f64;
    if bytes >= (1u64 << 30) as f64 {
        format!("{:.2} GiB", bytes / (1u64 << 30) as f64)
    } else if bytes >= (1 << 20) as f64 {
        format!("{:.2} MiB", bytes / (1 << 20) as f64)
    } else if bytes >= 1024.0 {
        format!("{:.1} KiB", bytes / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

enum RunEdit {
    Up(usize),
    Down(usize),
    Duplicate(usize),
    Remove(usize),
}

/// Edits the runs; returns the run whose Python code was asked for.
fn runs_ui(ui: &mut egui::Ui, runs: &mut Vec<RunSpec>) -> Option<usize> {
    let cores = crate::engine::measure::machine::MachineInfo::current().cores;
    let mut edit = None;
    let mut show_code = None;
    let count = runs.len();
    for (index, run) in runs.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("{}.", index + 1)).strong());
                runtime_ui(ui, index, run);
                let mut model = run.model;
                let lacks = python_lacks(run);
                egui::ComboBox::from_id_salt(("run-model", index))
                    .selected_text(model.name())
                    .width(120.0)
                    .show_ui(ui, |ui| {
                        for option in Model::ALL.into_iter().filter(|m| m.runs_in(run.runtime())) {
                            match lacks(option) {
                                Some(reason) => {
                                    ui.add_enabled(false, egui::Button::selectable(false, option.name()))
                                        .on_disabled_hover_text(reason);
                                }
                                None => {
                                    ui.selectable_value(&mut model, option, option.name())
                                        .on_hover_text(option.describe());
                                }
                            }
                        }
                    })
                    .response
                    .on_hover_text(model.describe());
                if model != run.model {
                    run.model = model;
                    if !model.has_workers() {
                        run.workers = None;
                    }
                    if !model.allows_gil() {
                        run.gil = None;
                        run.switch_interval_ms = None;
                    }
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.add_enabled(count > 1, egui::Button::new("✕").small()).on_hover_text("Remove this run").clicked() {
                        edit = Some(RunEdit::Remove(index));
                    }
                    ui.menu_button("⋯", |ui| {
                        if ui.add_enabled(index > 0, egui::Button::new("Move up")).clicked() {
                            edit = Some(RunEdit::Up(index));
                        }
                        if ui.add_enabled(index + 1 < count, egui::Button::new("Move down")).clicked() {
                            edit = Some(RunEdit::Down(index));
                        }
                        if ui.button("Duplicate").clicked() {
                            edit = Some(RunEdit::Duplicate(index));
                        }
                        if ui
                            .add_enabled(
                                crate::engine::python::code::has_python_code(run.model),
                                egui::Button::new("Show the Python code"),
                            )
                            .on_hover_text("The few lines of ordinary Python that do what this run does")
                            .on_disabled_hover_text("Python has no counterpart of this model")
                            .clicked()
                        {
                            show_code = Some(index);
                        }
                    })
                    .response
                    .on_hover_text("Move, duplicate, or show the Python code");
                });
            });
            ui.horizontal(|ui| {
                let label_label = ui.label("Label").id;
                let default = preset::default_label(run, run.model, run.workers.unwrap_or(cores as i64) as usize);
                let mut label = run.label.clone().unwrap_or_default();
                let response = ui
                    .add(egui::TextEdit::singleline(&mut label).hint_text(default).desired_width(f32::INFINITY))
                    .labelled_by(label_label);
                if response.changed() {
                    run.label = (!label.trim().is_empty()).then_some(label);
                }
            });
            if run.model.has_workers() {
                ui.horizontal(|ui| {
                    let mut default = run.workers.is_none();
                    let workers_label = ui.label("Workers").id;
                    let max = if run.model == Model::ProcessPool { MAX_PROCESSES } else { MAX_WORKERS };
                    if let Some(workers) = &mut run.workers {
                        ui.add(egui::DragValue::new(workers).range(1..=max))
                            .labelled_by(workers_label);
                    }
                    if ui.checkbox(&mut default, format!("= cores ({cores})")).changed() {
                        run.workers = if default { None } else { Some(cores as i64) };
                    }
                });
            }
            if run.runtime() == Runtime::Python {
                python_options_ui(ui, index, run);
            } else if run.model.allows_gil() {
                ui.horizontal(|ui| {
                    let mut gil = run.gil.unwrap_or(false);
                    if ui
                        .checkbox(&mut gil, "GIL")
                        .on_hover_text("Run under a simulated CPython GIL: one thread computes at a time; waits release it")
                        .changed()
                    {
                        run.gil = gil.then_some(true);
                        if !gil {
                            run.switch_interval_ms = None;
                        }
                    }
                    if gil {
                        let interval_label = ui.label("switch interval").id;
                        let interval = run.switch_interval_ms.get_or_insert(5.0);
                        ui.add(egui::DragValue::new(interval).range(0.05..=1000.0).speed(0.1).suffix(" ms"))
                            .labelled_by(interval_label)
                            .on_hover_text("How long a waiting thread waits before asking the holder to drop the GIL (sys.setswitchinterval)");
                    }
                });
            }
        });
    }
    match edit {
        Some(RunEdit::Up(i)) => runs.swap(i, i - 1),
        Some(RunEdit::Down(i)) => runs.swap(i, i + 1),
        Some(RunEdit::Duplicate(i)) => {
            let mut copy = runs[i].clone();
            if let Some(label) = &mut copy.label {
                label.push_str(" (copy)");
            }
            runs.insert(i + 1, copy);
        }
        Some(RunEdit::Remove(i)) => {
            runs.remove(i);
        }
        None => {}
    }
    ui.horizontal(|ui| {
        ui.menu_button("+ Add run", |ui| {
            for model in Model::ALL {
                if ui
                    .button(model.name())
                    .on_hover_text(model.describe())
                    .clicked()
                {
                    runs.push(RunSpec::new(model));
                }
            }
        });
    });
    show_code
}

fn measurement_ui(ui: &mut egui::Ui, preset: &mut preset::Preset) {
    egui::Grid::new("measurement-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let repetitions_label = ui.label("Repetitions").id;
            ui.add(egui::DragValue::new(&mut preset.repetitions).range(1..=100))
                .labelled_by(repetitions_label)
                .on_hover_text(
                    "Measured repetitions of every run: mean, sd, min and max come from these",
                );
            ui.end_row();
            let warmup_label = ui.label("Warm-up").id;
            ui.add(egui::DragValue::new(&mut preset.warmup).range(0..=20))
                .labelled_by(warmup_label)
                .on_hover_text("Unmeasured repetitions before them");
            ui.end_row();
            ui.label("Baseline");
            let cores = crate::engine::measure::machine::MachineInfo::current().cores;
            let labels: Vec<String> = preset
                .runs
                .iter()
                .map(|r| {
                    r.label.clone().unwrap_or_else(|| {
                        preset::default_label(
                            r,
                            r.model,
                            r.workers.unwrap_or(cores as i64) as usize,
                        )
                    })
                })
                .collect();
            let selected = preset
                .baseline
                .clone()
                .unwrap_or_else(|| labels.first().cloned().unwrap_or_default());
            egui::ComboBox::from_id_salt("baseline")
                .selected_text(&selected)
                .show_ui(ui, |ui| {
                    for (index, label) in labels.iter().enumerate() {
                        let mut chosen = preset.baseline.clone();
                        let value = if index == 0 {
                            None
                        } else {
                            Some(label.clone())
                        };
                        if ui
                            .selectable_value(&mut chosen, value.clone(), label)
                            .clicked()
                        {
                            preset.baseline = value;
                        }
                    }
                })
                .response
                .on_hover_text("Speed-up is measured against this run");
            ui.end_row();
        });
}

fn validation_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    match app.validation() {
        Ok(experiment) => {
            let per_run = experiment.warmup + experiment.repetitions;
            ui.label(
                egui::RichText::new(format!(
                    "✔ Ready: {} runs × {} repetitions of {} tasks",
                    experiment.runs.len(),
                    per_run,
                    experiment.workload.tasks
                ))
                .color(ui.visuals().weak_text_color()),
            );
        }
        Err(error) => {
            let message = match error {
                preset::PresetError::Invalid {
                    field,
                    value,
                    allowed,
                    ..
                } => {
                    format!("{field} = {value}: {allowed}")
                }
                other => other.to_string(),
            };
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("⚠ Cannot run: {message}"),
                    );
                });
        }
    }
}

/// Lab or Python: who carries the run out.
fn runtime_ui(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
    let mut runtime = run.runtime();
    egui::ComboBox::from_id_salt(("run-runtime", index))
        .selected_text(match runtime {
            Runtime::Lab => "Lab",
            Runtime::Python => "Python",
        })
        .width(70.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut runtime, Runtime::Lab, "Lab")
                .on_hover_text("The lab's own executors in Rust, with a simulated GIL");
            ui.selectable_value(&mut runtime, Runtime::Python, "Python")
                .on_hover_text(
                    "A real Python interpreter found on this machine runs the same work",
                );
        })
        .response
        .on_hover_text("Who runs it: the lab's simulation or a real Python interpreter");
    if runtime != run.runtime() {
        run.runtime = (runtime == Runtime::Python).then_some(Runtime::Python);
        if !run.model.runs_in(runtime) {
            run.model = Model::ThreadPool;
        }
        if runtime == Runtime::Lab {
            run.python = None;
            run.start_method = None;
        } else {
            run.gil = None;
        }
    }
}

/// The interpreter a Python run would use now (none while the list is being made).
fn chosen_python(run: &RunSpec) -> Option<PythonInfo> {
    let found = discover::pythons_if_ready()?;
    found.resolve(run.python.as_deref()).ok()
}

/// Why the chosen interpreter cannot run a model, if it cannot.
fn python_lacks(run: &RunSpec) -> impl Fn(Model) -> Option<String> + use<> {
    let python = (run.runtime() == Runtime::Python)
        .then(|| chosen_python(run))
        .flatten();
    move |model| {
        let python = python.as_ref()?;
        (model == Model::InterpreterPool && !python.interpreter_pool).then(|| {
            format!(
                "{} has no InterpreterPoolExecutor (Python 3.14+)",
                python.short_name()
            )
        })
    }
}

/// The interpreter menu, the GIL on free-threaded builds, the switch
/// interval and the start method of a Python run.
fn python_options_ui(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
    let found = discover::pythons_if_ready();
    ui.horizontal(|ui| {
        let interpreter_label = ui.label("Interpreter").id;
        let shown = match (&run.python, &found) {
            (Some(wanted), _) => wanted.clone(),
            (None, Some(found)) => found.default_python().map_or_else(
                || "none found".to_owned(),
                |p| format!("default: {}", p.short_name()),
            ),
            (None, None) => "looking…".to_owned(),
        };
        egui::ComboBox::from_id_salt(("run-python", index))
            .selected_text(shown)
            .width(170.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(run.python.is_none(), "default (first found)")
                    .clicked()
                {
                    run.python = None;
                }
                for python in found.iter().flat_map(|f| f.usable()) {
                    let path = python.executable.display().to_string();
                    let selected = run.python.as_deref() == Some(path.as_str());
                    if ui
                        .selectable_label(selected, format!("{} — {}", python.short_name(), path))
                        .on_hover_text(format!(
                            "{} build, GIL {}; found as {}",
                            python.build(),
                            if python.gil_enabled { "on" } else { "off" },
                            python.found_as
                        ))
                        .clicked()
                    {
                        run.python = Some(path);
                    }
                }
            })
            .response
            .labelled_by(interpreter_label)
            .on_hover_text("Which Python runs it (see `concurrency-lab pythons`)");
        let mut typed = run.python.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .hint_text("Other… (3.12, python3.13t, a path)")
                    .desired_width(f32::INFINITY),
            )
            .changed()
        {
            run.python = (!typed.trim().is_empty()).then_some(typed);
        }
    });
    let python = chosen_python(run);
    ui.horizontal(|ui| {
        if python.as_ref().is_some_and(|p| p.free_threaded) {
            let mut gil = run.gil.unwrap_or(false);
            if ui
                .checkbox(&mut gil, "GIL")
                .on_hover_text("A free-threaded build runs with the GIL on (-X gil=1) or off (-X gil=0)")
                .changed()
            {
                run.gil = Some(gil);
            }
        }
        let mut set = run.switch_interval_ms.is_some();
        if ui
            .checkbox(&mut set, "switch interval")
            .on_hover_text("sys.setswitchinterval: how long a thread waiting for the GIL waits before asking for it")
            .changed()
        {
            run.switch_interval_ms = set.then_some(5.0);
        }
        if let Some(interval) = &mut run.switch_interval_ms {
            ui.add(egui::DragValue::new(interval).range(0.05..=1000.0).speed(0.1).suffix(" ms"));
        }
    });
    if run.model == Model::ProcessPool {
        ui.horizontal(|ui| {
            let methods: Vec<String> = python
                .as_ref()
                .map(|p| p.start_methods.clone())
                .unwrap_or_default();
            let default = python
                .as_ref()
                .and_then(|p| p.start_method.clone())
                .unwrap_or_else(|| "spawn".into());
            let label = ui.label("Start method").id;
            egui::ComboBox::from_id_salt(("run-start-method", index))
                .selected_text(run.start_method.map_or_else(|| format!("default ({default})"), |m| m.name().to_owned()))
                .show_ui(ui, |ui| {
                    if ui.selectable_label(run.start_method.is_none(), format!("default ({default})")).clicked() {
                        run.start_method = None;
                    }
                    for method in StartMethod::ALL {
                        let offered = methods.is_empty() || methods.iter().any(|m| m == method.name());
                        let response = ui.add_enabled(
                            offered,
                            egui::Button::selectable(run.start_method == Some(method), method.name()),
                        );
                        if response.on_disabled_hover_text("not offered on this system").clicked() {
                            run.start_method = Some(method);
                        }
                    }
                })
                .response
                .labelled_by(label)
                .on_hover_text("How multiprocessing starts worker processes: spawn (a fresh interpreter), fork (a copy) or forkserver");
        });
    }
}
