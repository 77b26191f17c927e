//! The experiment panel: the workload, the runs to compare, and how often to
//! repeat them. It edits the preset itself — what is saved is what is shown —
//! with ranges that make absurd values impossible to type and the engine's
//! own validation flagged in place for what ranges cannot catch.

use super::LabApp;
use super::actions::Action;
use crate::engine::python::discover::{self, PythonInfo};
use crate::engine::spec::preset::{
    self, MAX_BYTES, MAX_PROCESSES, MAX_TASK_MS, MAX_TASKS, MAX_WORKERS, Model, RunSpec, Runtime,
    StartMethod, WorkloadKind, WorkloadSpec,
};
use crate::present::units;
use crate::tr;

/// Where the current validation problem is, to mark it in place.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// The run card (0-based) it is in, if in one.
    pub run: Option<usize>,
    /// The field's name within its card or section (`workers`, `workload.tasks`).
    pub field: String,
    /// What is wrong, without the file and card (they are evident in place).
    pub message: String,
}

impl Problem {
    /// The problem of a validation result, if any.
    pub fn of(error: &preset::PresetError) -> Problem {
        match error {
            preset::PresetError::Invalid {
                field,
                value,
                allowed,
                ..
            } => match preset::run_field(field) {
                Some((index, name)) => Problem {
                    run: Some(index),
                    field: name.to_owned(),
                    message: format!("{name} = {value}: {allowed}"),
                },
                None => Problem {
                    run: None,
                    field: field.clone(),
                    message: format!("{field} = {value}: {allowed}"),
                },
            },
            other => Problem {
                run: None,
                field: String::new(),
                message: other.to_string(),
            },
        }
    }

    /// Whether it is about `field` of the workload (or the preset's top level).
    fn is_about(&self, field: &str) -> bool {
        self.run.is_none() && self.field == field
    }
}

/// Draws the panel. It edits a copy of the experiment and hands the edited
/// one over as an `Action` (a preset is a few hundred bytes: the copy costs
/// nothing beside a frame), so that every change to the app goes one way.
pub fn ui(app: &LabApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let running = app.is_running();
    let mut show_code = None;
    let problem = app
        .last_validation()
        .and_then(|v| v.as_ref().err())
        .map(Problem::of);
    let mut preset = app.settings.preset.clone();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_enabled_ui(!running, |ui| {
                ui.heading(tr!("experiment-title"));
                let preset = &mut preset;
                let name_label = ui.label(tr!("experiment-name")).id;
                ui.add(
                    egui::TextEdit::singleline(&mut preset.name)
                        .hint_text(tr!("experiment-name-hint"))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(name_label);
                problem_ui(ui, problem.as_ref().filter(|p| p.is_about("name")));
                let description_label = ui.label(tr!("experiment-description")).id;
                ui.add(
                    egui::TextEdit::multiline(&mut preset.description)
                        .hint_text(tr!("experiment-description-hint"))
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(description_label);
                problem_ui(ui, problem.as_ref().filter(|p| p.is_about("description")));
                ui.add_space(4.0);
                egui::CollapsingHeader::new(
                    egui::RichText::new(tr!("experiment-workload")).strong(),
                )
                .default_open(true)
                .show(ui, |ui| {
                    workload_ui(ui, &mut preset.workload, problem.as_ref())
                });
                egui::CollapsingHeader::new(egui::RichText::new(tr!("experiment-runs")).strong())
                    .default_open(true)
                    .show(ui, |ui| {
                        show_code = runs_ui(ui, &mut preset.runs, problem.as_ref())
                    });
                egui::CollapsingHeader::new(
                    egui::RichText::new(tr!("experiment-measurement")).strong(),
                )
                .default_open(true)
                .show(ui, |ui| measurement_ui(ui, preset, problem.as_ref()));
            });
            ui.add_space(6.0);
            validation_ui(app, ui);
        });
    // A NaN read from a file is never equal to itself: compare its text too,
    // or the app would take the same preset every frame and never idle.
    let edited = preset != app.settings.preset
        && format!("{preset:?}") != format!("{:?}", app.settings.preset);
    if edited {
        actions.push(Action::EditPreset {
            from: Box::new(app.settings.preset.clone()),
            to: Box::new(preset),
        });
    }
    if let Some(index) = show_code {
        actions.push(Action::ShowPythonCode(index));
    }
}

/// A problem, in the error colour, where it is.
fn problem_ui(ui: &mut egui::Ui, problem: Option<&Problem>) {
    if let Some(problem) = problem {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("⚠ {}", problem.message),
        );
    }
}

fn workload_ui(ui: &mut egui::Ui, workload: &mut WorkloadSpec, problem: Option<&Problem>) {
    egui::Grid::new("workload-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            kind_row(ui, workload);
            tasks_row(ui, workload);
            if matches!(
                workload.kind,
                WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy
            ) {
                computation_row(ui, workload);
            }
            if matches!(
                workload.kind,
                WorkloadKind::Sleep
                    | WorkloadKind::Net
                    | WorkloadKind::Mixed
                    | WorkloadKind::Convoy
            ) {
                waiting_row(ui, workload);
            }
            if workload.kind == WorkloadKind::Convoy {
                waits_row(ui, workload);
            }
            if matches!(workload.kind, WorkloadKind::File | WorkloadKind::Memory) {
                bytes_row(ui, workload);
            }
        });
    problem_ui(
        ui,
        problem.filter(|p| p.run.is_none() && p.field.starts_with("workload.")),
    );
}

/// The kind menu; switching goes through `set_kind` so the fields the new
/// kind needs are filled in and the others dropped.
fn kind_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    ui.label(tr!("workload-kind"));
    let mut kind = workload.kind;
    egui::ComboBox::from_id_salt("workload-kind")
        .selected_text(kind.name())
        .show_ui(ui, |ui| {
            for option in WorkloadKind::ALL {
                ui.selectable_value(&mut kind, option, option.name())
                    .on_hover_text(describe_kind(option));
            }
        })
        .response
        .on_hover_text(describe_kind(kind));
    if kind != workload.kind {
        set_kind(workload, kind);
    }
    ui.end_row();
}

/// The task count, either fixed or per core; toggling converts one into the
/// other on this machine so the workload keeps roughly its size.
fn tasks_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    let tasks_label = ui.label(tr!("workload-tasks")).id;
    ui.horizontal(|ui| {
        let mut per_core = workload.tasks_per_core.is_some();
        match (&mut workload.tasks, &mut workload.tasks_per_core) {
            (_, Some(per)) => {
                ui.add(
                    egui::DragValue::new(per)
                        .range(1..=10_000)
                        .suffix(tr!("workload-per-core-suffix")),
                )
                .labelled_by(tasks_label);
            }
            (Some(tasks), None) => {
                ui.add(egui::DragValue::new(tasks).range(1..=MAX_TASKS).speed(1.0))
                    .labelled_by(tasks_label);
            }
            (None, None) => workload.tasks = Some(8),
        }
        if ui
            .checkbox(&mut per_core, tr!("workload-per-core"))
            .on_hover_text(tr!("workload-per-core-help"))
            .changed()
        {
            let cores = crate::engine::measure::machine::MachineInfo::current()
                .cores
                .max(1) as i64;
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
}

/// The computation per task, in milliseconds or as a fixed iteration count;
/// toggling converts through the calibrated rate so the work stays the same.
fn computation_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    let cpu_label = ui.label(tr!("workload-computation")).id;
    ui.horizontal(|ui| {
        let mut fixed = workload.cpu_iters.is_some();
        if let Some(iters) = &mut workload.cpu_iters {
            ui.add(
                egui::DragValue::new(iters)
                    .range(1..=1_000_000_000_000i64)
                    .speed(100.0)
                    .suffix(tr!("workload-iterations-suffix")),
            )
            .labelled_by(cpu_label);
        } else {
            let ms = workload.cpu_ms.get_or_insert(10.0);
            ui.add(
                ms_drag(ms)
                    .range(0.001..=MAX_TASK_MS)
                    .speed(0.5)
                    .suffix(ms_suffix()),
            )
            .labelled_by(cpu_label)
            .on_hover_text(tr!("workload-cpu-ms-help"));
        }
        if ui
            .checkbox(&mut fixed, tr!("workload-fixed"))
            .on_hover_text(tr!("workload-fixed-help"))
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

/// The wait per task; a convoy's is per wait, as it waits many times.
fn waiting_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    let io_label = ui
        .label(if workload.kind == WorkloadKind::Convoy {
            tr!("workload-each-wait")
        } else {
            tr!("workload-waiting")
        })
        .id;
    let ms = workload.io_ms.get_or_insert(20.0);
    ui.add(
        ms_drag(ms)
            .range(0.0..=MAX_TASK_MS)
            .speed(0.5)
            .suffix(ms_suffix()),
    )
    .labelled_by(io_label);
    ui.end_row();
}

/// How many times a convoy's I/O task waits.
fn waits_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    let rounds_label = ui.label(tr!("workload-waits")).id;
    let rounds = workload.io_rounds.get_or_insert(50);
    ui.add(egui::DragValue::new(rounds).range(1..=10_000))
        .labelled_by(rounds_label)
        .on_hover_text(tr!("workload-waits-help"));
    ui.end_row();
}

/// The bytes per task, with the size in readable units beside the number.
fn bytes_row(ui: &mut egui::Ui, workload: &mut WorkloadSpec) {
    let bytes_label = ui.label(tr!("workload-bytes")).id;
    ui.horizontal(|ui| {
        let bytes = workload.bytes.get_or_insert(1 << 20);
        ui.add(
            egui::DragValue::new(bytes)
                .range(8..=MAX_BYTES)
                .speed(4096.0),
        )
        .labelled_by(bytes_label);
        ui.label(egui::RichText::new(units::bytes((*bytes).max(0) as u64)).weak());
    });
    ui.end_row();
}

/// A field of milliseconds written with the language's decimal separator
/// (1,5 мс in Russian), and read back with either.
fn ms_drag(value: &mut f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .custom_formatter(|v, decimals| crate::i18n::number(v, (*decimals.start()).clamp(1, 3)))
        .custom_parser(|text| text.trim().replace(',', ".").parse().ok())
}

/// " ms" in the language on show.
fn ms_suffix() -> String {
    format!(" {}", tr!("unit-ms-short"))
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

enum RunEdit {
    Up(usize),
    Down(usize),
    Duplicate(usize),
    Remove(usize),
}

/// Edits the runs; returns the run whose Python code was asked for. The run
/// with a problem is framed in the error colour, the problem said under it.
fn runs_ui(ui: &mut egui::Ui, runs: &mut Vec<RunSpec>, problem: Option<&Problem>) -> Option<usize> {
    let cores = crate::engine::measure::machine::MachineInfo::current().cores;
    let mut edit = None;
    let mut show_code = None;
    let count = runs.len();
    for (index, run) in runs.iter_mut().enumerate() {
        let card_problem = problem.filter(|p| p.run == Some(index));
        let (card_edit, card_code) = run_card_ui(ui, index, count, cores, run, card_problem);
        if card_edit.is_some() {
            edit = card_edit;
        }
        if card_code.is_some() {
            show_code = card_code;
        }
    }
    apply_run_edit(runs, edit);
    add_run_menu(ui, runs);
    show_code
}

/// One run's card, framed in the error colour when the problem is in it.
/// Returns the edit asked for and whether its Python code was asked for,
/// applied by the caller once the cards are drawn (the list is borrowed
/// while they are).
fn run_card_ui(
    ui: &mut egui::Ui,
    index: usize,
    count: usize,
    cores: usize,
    run: &mut RunSpec,
    card_problem: Option<&Problem>,
) -> (Option<RunEdit>, Option<usize>) {
    let mut frame = egui::Frame::group(ui.style());
    if card_problem.is_some() {
        frame = frame.stroke(egui::Stroke::new(1.5, ui.visuals().error_fg_color));
    }
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let asked = ui
                .horizontal(|ui| run_header_ui(ui, index, count, run))
                .inner;
            run_label_ui(ui, cores, run);
            if run.model.has_workers() {
                run_workers_ui(ui, cores, run);
            }
            if run.runtime() == Runtime::Python {
                python_options_ui(ui, index, run);
            } else if run.model.allows_gil() {
                run_gil_ui(ui, run);
            }
            problem_ui(ui, card_problem);
            asked
        })
        .inner
}

/// The card's first line: number, runtime, model, and the card's menu.
fn run_header_ui(
    ui: &mut egui::Ui,
    index: usize,
    count: usize,
    run: &mut RunSpec,
) -> (Option<RunEdit>, Option<usize>) {
    ui.label(egui::RichText::new(format!("{}.", index + 1)).strong());
    runtime_ui(ui, index, run);
    model_menu(ui, index, run);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        run_menu_ui(ui, index, count, run)
    })
    .inner
}

/// The model menu, offering only the models the run's runtime and
/// interpreter can carry out; a new model drops the options it has no use for.
fn model_menu(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
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
                            .on_hover_text(describe_model(option));
                    }
                }
            }
        })
        .response
        .on_hover_text(describe_model(model));
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
}

/// The remove button and the ⋯ menu; returns what was asked, to be applied
/// after the cards are drawn.
fn run_menu_ui(
    ui: &mut egui::Ui,
    index: usize,
    count: usize,
    run: &RunSpec,
) -> (Option<RunEdit>, Option<usize>) {
    let mut edit = None;
    let mut show_code = None;
    if ui
        .add_enabled(count > 1, egui::Button::new("✕").small())
        .on_hover_text(tr!("run-remove"))
        .clicked()
    {
        edit = Some(RunEdit::Remove(index));
    }
    ui.menu_button("⋯", |ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new(tr!("run-move-up")))
            .clicked()
        {
            edit = Some(RunEdit::Up(index));
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new(tr!("run-move-down")))
            .clicked()
        {
            edit = Some(RunEdit::Down(index));
        }
        if ui.button(tr!("run-duplicate")).clicked() {
            edit = Some(RunEdit::Duplicate(index));
        }
        if ui
            .add_enabled(
                crate::engine::python::code::has_python_code(run.model),
                egui::Button::new(tr!("run-show-code")),
            )
            .on_hover_text(tr!("run-show-code-help"))
            .on_disabled_hover_text(tr!("run-no-python-counterpart"))
            .clicked()
        {
            show_code = Some(index);
        }
    })
    .response
    .on_hover_text(tr!("run-menu-help"));
    (edit, show_code)
}

/// The run's label, its default shown as the hint; emptied, it goes back to
/// the default rather than being saved blank.
fn run_label_ui(ui: &mut egui::Ui, cores: usize, run: &mut RunSpec) {
    ui.horizontal(|ui| {
        let label_label = ui.label(tr!("run-label")).id;
        let default =
            preset::default_label(run, run.model, run.workers.unwrap_or(cores as i64) as usize);
        let mut label = run.label.clone().unwrap_or_default();
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut label)
                    .hint_text(default)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_label);
        if response.changed() {
            run.label = (!label.trim().is_empty()).then_some(label);
        }
    });
}

/// The worker count, or "as many as cores" (saved as no count, so the preset
/// follows the machine it runs on).
fn run_workers_ui(ui: &mut egui::Ui, cores: usize, run: &mut RunSpec) {
    ui.horizontal(|ui| {
        let mut default = run.workers.is_none();
        let workers_label = ui.label(tr!("run-workers")).id;
        let max = if run.model == Model::ProcessPool {
            MAX_PROCESSES
        } else {
            MAX_WORKERS
        };
        if let Some(workers) = &mut run.workers {
            ui.add(egui::DragValue::new(workers).range(1..=max))
                .labelled_by(workers_label);
        }
        if ui
            .checkbox(&mut default, tr!("run-workers-cores", cores = cores))
            .changed()
        {
            run.workers = if default { None } else { Some(cores as i64) };
        }
    });
}

/// The lab's simulated GIL and its switch interval, which only means
/// something while the GIL is on.
fn run_gil_ui(ui: &mut egui::Ui, run: &mut RunSpec) {
    ui.horizontal(|ui| {
        let mut gil = run.gil.unwrap_or(false);
        if ui
            .checkbox(&mut gil, "GIL")
            .on_hover_text(tr!("run-gil-help"))
            .changed()
        {
            run.gil = gil.then_some(true);
            if !gil {
                run.switch_interval_ms = None;
            }
        }
        if gil {
            let interval_label = ui.label(tr!("run-switch-interval")).id;
            // The default is shown, and written only once it is changed, so
            // that opening a preset does not alter it.
            let mut interval = run.switch_interval_ms.unwrap_or(5.0);
            let changed = ui
                .add(
                    ms_drag(&mut interval)
                        .range(0.05..=1000.0)
                        .speed(0.1)
                        .suffix(ms_suffix()),
                )
                .labelled_by(interval_label)
                .on_hover_text(tr!("run-switch-interval-help"))
                .changed();
            if changed {
                run.switch_interval_ms = Some(interval);
            }
        }
    });
}

/// Moves, copies or removes a run after the cards are drawn; a copy's own
/// label is marked as a copy so the two stay apart in the results.
fn apply_run_edit(runs: &mut Vec<RunSpec>, edit: Option<RunEdit>) {
    match edit {
        Some(RunEdit::Up(i)) => runs.swap(i, i - 1),
        Some(RunEdit::Down(i)) => runs.swap(i, i + 1),
        Some(RunEdit::Duplicate(i)) => {
            let mut copy = runs[i].clone();
            if let Some(label) = &mut copy.label {
                *label = tr!("run-copy-label", label = label.clone());
            }
            runs.insert(i + 1, copy);
        }
        Some(RunEdit::Remove(i)) => {
            runs.remove(i);
        }
        None => {}
    }
}

/// The "add a run" menu: the lab's models, then the Python ones.
fn add_run_menu(ui: &mut egui::Ui, runs: &mut Vec<RunSpec>) {
    ui.horizontal(|ui| {
        ui.menu_button(tr!("run-add"), |ui| {
            for model in Model::ALL.into_iter().filter(|m| m.runs_in(Runtime::Lab)) {
                if ui
                    .button(model.name())
                    .on_hover_text(describe_model(model))
                    .clicked()
                {
                    runs.push(RunSpec::new(model));
                }
            }
            ui.separator();
            ui.label(egui::RichText::new(tr!("run-add-python")).weak());
            for model in Model::ALL
                .into_iter()
                .filter(|m| m.runs_in(Runtime::Python))
            {
                if ui
                    .button(format!("Python · {}", model.name()))
                    .on_hover_text(describe_model(model))
                    .clicked()
                {
                    let mut spec = RunSpec::new(model);
                    spec.runtime = Some(Runtime::Python);
                    runs.push(spec);
                }
            }
        });
    });
}

fn measurement_ui(ui: &mut egui::Ui, preset: &mut preset::Preset, problem: Option<&Problem>) {
    egui::Grid::new("measurement-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let repetitions_label = ui.label(tr!("measurement-repetitions")).id;
            ui.add(egui::DragValue::new(&mut preset.repetitions).range(1..=100))
                .labelled_by(repetitions_label)
                .on_hover_text(tr!("measurement-repetitions-help"));
            ui.end_row();
            let warmup_label = ui.label(tr!("measurement-warmup")).id;
            ui.add(egui::DragValue::new(&mut preset.warmup).range(0..=20))
                .labelled_by(warmup_label)
                .on_hover_text(tr!("measurement-warmup-help"));
            ui.end_row();
            ui.label(tr!("measurement-baseline"));
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
                .on_hover_text(tr!("measurement-baseline-help"));
            ui.end_row();
        });
    problem_ui(
        ui,
        problem.filter(|p| p.is_about("baseline") || p.is_about("runs")),
    );
}

/// Ready, or the first problem with where it is ("run 3, workers …"),
/// and a pointer to where it is marked.
fn validation_ui(app: &LabApp, ui: &mut egui::Ui) {
    match app.last_validation() {
        None => {}
        Some(Ok(experiment)) => {
            let per_run = experiment.warmup + experiment.repetitions;
            ui.label(
                egui::RichText::new(tr!(
                    "experiment-ready",
                    runs = experiment.runs.len(),
                    repetitions = per_run,
                    tasks = experiment.workload.tasks
                ))
                .color(ui.visuals().weak_text_color()),
            );
        }
        Some(Err(error)) => {
            let message = validation_message(error);
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        tr!("experiment-cannot-run", message = message),
                    );
                });
        }
    }
}

/// The problem in the window's terms: the field, numbered as the cards are.
pub fn validation_message(error: &preset::PresetError) -> String {
    match error {
        preset::PresetError::Invalid {
            field,
            value,
            allowed,
            ..
        } => format!("{} = {value}: {allowed}", preset::field_for_people(field)),
        other => other.to_string(),
    }
}

/// A model's one-line description with its Python counterpart.
pub fn describe_model(model: Model) -> String {
    match model {
        Model::Sequential => tr!("model-sequential"),
        Model::Threads => tr!("model-threads"),
        Model::ThreadPool => tr!("model-thread-pool"),
        Model::ProcessPool => tr!("model-process-pool"),
        Model::AsyncSingle => tr!("model-async-single"),
        Model::AsyncMulti => tr!("model-async-multi"),
        Model::Rayon => tr!("model-rayon"),
        Model::InterpreterPool => tr!("model-interpreter-pool"),
    }
}

/// A workload kind's one-line description.
pub fn describe_kind(kind: WorkloadKind) -> String {
    match kind {
        WorkloadKind::Cpu => tr!("kind-cpu"),
        WorkloadKind::Sleep => tr!("kind-sleep"),
        WorkloadKind::File => tr!("kind-file"),
        WorkloadKind::Net => tr!("kind-net"),
        WorkloadKind::Mixed => tr!("kind-mixed"),
        WorkloadKind::Memory => tr!("kind-memory"),
        WorkloadKind::Convoy => tr!("kind-convoy"),
    }
}

/// Lab or Python: who carries the run out.
fn runtime_ui(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
    let mut runtime = run.runtime();
    egui::ComboBox::from_id_salt(("run-runtime", index))
        .selected_text(match runtime {
            Runtime::Lab => tr!("runtime-lab"),
            Runtime::Python => tr!("runtime-python"),
        })
        .width(70.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut runtime, Runtime::Lab, tr!("runtime-lab"))
                .on_hover_text(tr!("runtime-lab-help"));
            ui.selectable_value(&mut runtime, Runtime::Python, tr!("runtime-python"))
                .on_hover_text(tr!("runtime-python-help"));
        })
        .response
        .on_hover_text(tr!("runtime-help"));
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
        (model == Model::InterpreterPool && !python.interpreter_pool)
            .then(|| tr!("run-no-interpreter-pool", name = python.short_name()))
    }
}

/// The interpreter menu, the GIL on free-threaded builds, the switch
/// interval and the start method of a Python run.
fn python_options_ui(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
    interpreter_row(ui, index, run);
    let python = chosen_python(run);
    python_gil_row(ui, run, python.as_ref());
    if run.model == Model::ProcessPool {
        start_method_row(ui, index, run, python.as_ref());
    }
}

/// The interpreter: the ones found to pick from, or a path typed in for one
/// the search did not find.
fn interpreter_row(ui: &mut egui::Ui, index: usize, run: &mut RunSpec) {
    let found = discover::pythons_if_ready();
    ui.horizontal(|ui| {
        let interpreter_label = ui.label(tr!("run-interpreter")).id;
        let shown = match (&run.python, &found) {
            (Some(wanted), _) => wanted.clone(),
            (None, Some(found)) => found.default_python().map_or_else(
                || tr!("run-interpreter-none"),
                |p| tr!("run-interpreter-default", name = p.short_name()),
            ),
            (None, None) => tr!("run-interpreter-looking"),
        };
        egui::ComboBox::from_id_salt(("run-python", index))
            .selected_text(shown)
            .width(170.0)
            .show_ui(ui, |ui| interpreter_choices(ui, run, found.as_deref()))
            .response
            .labelled_by(interpreter_label)
            .on_hover_text(tr!("run-interpreter-help"));
        let mut typed = run.python.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .hint_text(tr!("run-interpreter-other"))
                    .desired_width(f32::INFINITY),
            )
            .changed()
        {
            run.python = (!typed.trim().is_empty()).then_some(typed);
        }
    });
}

/// The interpreter menu's entries, each with its build and GIL on hover,
/// since two interpreters of one version can differ in both.
fn interpreter_choices(ui: &mut egui::Ui, run: &mut RunSpec, found: Option<&discover::Pythons>) {
    if ui
        .selectable_label(run.python.is_none(), tr!("run-interpreter-first"))
        .clicked()
    {
        run.python = None;
    }
    for python in found.into_iter().flat_map(|f| f.usable()) {
        let path = python.executable.display().to_string();
        let selected = run.python.as_deref() == Some(path.as_str());
        if ui
            .selectable_label(selected, format!("{} — {}", python.short_name(), path))
            .on_hover_text(tr!(
                "run-interpreter-tip",
                build = if python.free_threaded {
                    tr!("build-free-threaded")
                } else {
                    tr!("build-gil")
                },
                gil = if python.gil_enabled {
                    tr!("gil-on")
                } else {
                    tr!("gil-off")
                },
                found = python.found_as.clone()
            ))
            .clicked()
        {
            run.python = Some(path);
        }
    }
}

/// The GIL (offered only on a free-threaded build, the one kind that can
/// turn it off) and the switch interval.
fn python_gil_row(ui: &mut egui::Ui, run: &mut RunSpec, python: Option<&PythonInfo>) {
    ui.horizontal(|ui| {
        if python.is_some_and(|p| p.free_threaded) {
            let mut gil = run.gil.unwrap_or(false);
            if ui
                .checkbox(&mut gil, "GIL")
                .on_hover_text(tr!("run-python-gil-help"))
                .changed()
            {
                run.gil = Some(gil);
            }
        }
        let mut set = run.switch_interval_ms.is_some();
        if ui
            .checkbox(&mut set, tr!("run-switch-interval"))
            .on_hover_text(tr!("run-python-interval-help"))
            .changed()
        {
            run.switch_interval_ms = set.then_some(5.0);
        }
        if let Some(interval) = &mut run.switch_interval_ms {
            ui.add(
                ms_drag(interval)
                    .range(0.05..=1000.0)
                    .speed(0.1)
                    .suffix(ms_suffix()),
            );
        }
    });
}

/// A process pool's start method; the methods the interpreter does not
/// offer are shown disabled rather than hidden, so their absence is visible.
fn start_method_row(
    ui: &mut egui::Ui,
    index: usize,
    run: &mut RunSpec,
    python: Option<&PythonInfo>,
) {
    ui.horizontal(|ui| {
        let methods: Vec<String> = python.map(|p| p.start_methods.clone()).unwrap_or_default();
        let default = python
            .and_then(|p| p.start_method.clone())
            .unwrap_or_else(|| "spawn".into());
        let label = ui.label(tr!("run-start-method")).id;
        egui::ComboBox::from_id_salt(("run-start-method", index))
            .selected_text(run.start_method.map_or_else(
                || tr!("run-start-method-default", method = default.clone()),
                |m| m.name().to_owned(),
            ))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(
                        run.start_method.is_none(),
                        tr!("run-start-method-default", method = default.clone()),
                    )
                    .clicked()
                {
                    run.start_method = None;
                }
                for method in StartMethod::ALL {
                    let offered = methods.is_empty() || methods.iter().any(|m| m == method.name());
                    let response = ui.add_enabled(
                        offered,
                        egui::Button::selectable(run.start_method == Some(method), method.name()),
                    );
                    if response
                        .on_disabled_hover_text(tr!("run-start-method-not-offered"))
                        .clicked()
                    {
                        run.start_method = Some(method);
                    }
                }
            })
            .response
            .labelled_by(label)
            .on_hover_text(tr!("run-start-method-help"));
    });
}
