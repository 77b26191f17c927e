//! The status bar: progress, elapsed time, logical cores, the last message.

use super::LabApp;

/// Draws the bar.
pub fn ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let cores = crate::engine::measure::machine::MachineInfo::current().cores;
        match app
            .live
            .as_ref()
            .and_then(|l| l.progress.clone().map(|p| (l, p)))
        {
            Some((live, progress)) if live.is_running() => {
                let label = live.runs.get(progress.run).map_or("", |r| r.label.as_str());
                let phase = if progress.warmup {
                    "warm-up"
                } else {
                    "repetition"
                };
                ui.add(
                    egui::ProgressBar::new(progress.fraction() as f32)
                        .desired_width(180.0)
                        .show_percentage(),
                );
                ui.label(format!(
                    "run {}/{} “{label}”, {phase} {}/{} · {}/{} tasks · {} in flight · {:.1} s",
                    progress.run + 1,
                    progress.runs,
                    progress.repetition + 1,
                    progress.repetitions,
                    progress.tasks_done,
                    progress.tasks,
                    progress.in_flight,
                    progress.elapsed_s
                ));
            }
            Some((live, progress)) => {
                ui.label(format!(
                    "{} — {:.1} s",
                    phase_text(live),
                    progress.elapsed_s
                ));
            }
            None => match &app.live {
                Some(live) => {
                    ui.label(format!("{} — {}", live.name, phase_text(live)));
                }
                None => {
                    ui.label("Ready");
                }
            },
        }
        if app.dialogs.waiting() {
            ui.separator();
            ui.label("A file dialog is open…");
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("{cores} logical cores"));
            ui.separator();
            let is_error = app.error.is_some();
            let text = egui::RichText::new(&app.status);
            ui.add(
                egui::Label::new(if is_error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                })
                .truncate(),
            );
        });
    });
}

fn phase_text(live: &crate::engine::view::live::LiveExperiment) -> &'static str {
    use crate::engine::view::live::Phase;
    match live.phase {
        Phase::Running => "running",
        Phase::Finished => "finished",
        Phase::Cancelled => "stopped",
        Phase::Loaded => "loaded",
    }
}
