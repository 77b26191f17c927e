//! The experiment panel: the workload, the runs to compare, and how often to
//! repeat them. It edits the preset itself — what is saved is what is shown —
//! with ranges that make absurd values impossible to type and the engine's
//! own validation flagged in place for what ranges cannot catch.

use super::LabApp;
use crate::engine::preset::{
    self, MAX_BYTES, MAX_PROCESSES, MAX_TASK_MS, MAX_TASKS, MAX_WORKERS, Model, RunSpec,
    WorkloadKind, WorkloadSpec,
};

/// Draws the panel.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let running = app.is_running();
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
                    .show(ui, |ui| runs_ui(ui, &mut preset.runs));
                egui::CollapsingHeader::new(egui::RichText::new("Measurement").strong())
                    .default_open(true)
                    .show(ui, |ui| measurement_ui(ui, preset));
            });
            ui.add_space(6.0);
            validation_ui(app, ui);
        });
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
                let cores = crate::engine::machine::MachineInfo::current().cores.max(1) as i64;
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
                    let rate = crate::engine::kernel::calibration().iterations_per_ms;
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

fn runs_ui(ui: &mut egui::Ui, runs: &mut Vec<RunSpec>) {
    let cores = crate::engine::machine::MachineInfo::current().cores;
    let mut edit = None;
    let count = runs.len();
    for (index, run) in runs.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("{}.", index + 1)).strong());
                let mut model = run.model;
                egui::ComboBox::from_id_salt(("run-model", index))
                    .selected_text(model.name())
                    .width(120.0)
                    .show_ui(ui, |ui| {
                        for option in Model::ALL {
                            ui.selectable_value(&mut model, option, option.name())
                                .on_hover_text(option.describe());
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
                    if ui.add(egui::Button::new("Copy").small()).on_hover_text("Duplicate this run").clicked() {
                        edit = Some(RunEdit::Duplicate(index));
                    }
                    if ui.add_enabled(index + 1 < count, egui::Button::new("▼").small()).on_hover_text("Move down").clicked() {
                        edit = Some(RunEdit::Down(index));
                    }
                    if ui.add_enabled(index > 0, egui::Button::new("▲").small()).on_hover_text("Move up").clicked() {
                        edit = Some(RunEdit::Up(index));
                    }
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
            if run.model.allows_gil() {
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
            let cores = crate::engine::machine::MachineInfo::current().cores;
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
