//! The status bar: progress, elapsed time, logical cores, the last message.

use super::LabApp;
use crate::present::units;
use crate::tr;

/// Draws the bar.
pub fn ui(app: &LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let cores = crate::engine::measure::machine::MachineInfo::current().cores;
        match app
            .live
            .as_ref()
            .and_then(|l| l.progress.clone().map(|p| (l, p)))
        {
            Some((live, progress)) if live.is_running() => {
                let label = live
                    .runs
                    .get(progress.run)
                    .map_or_else(String::new, |r| r.label.clone());
                ui.add(
                    egui::ProgressBar::new(progress.fraction() as f32)
                        .desired_width(180.0)
                        .show_percentage(),
                );
                // Repetitions counted as set: warm-ups apart, measured from 1.
                let text = if progress.warmup {
                    tr!(
                        "status-progress-warmup",
                        run = progress.run + 1,
                        runs = progress.runs,
                        label = label,
                        done = progress.tasks_done,
                        tasks = progress.tasks,
                        in_flight = progress.in_flight,
                        elapsed = units::duration(progress.elapsed_s)
                    )
                } else {
                    tr!(
                        "status-progress",
                        run = progress.run + 1,
                        runs = progress.runs,
                        label = label,
                        repetition = progress.measured_repetition() + 1,
                        repetitions = progress.measured_repetitions(),
                        done = progress.tasks_done,
                        tasks = progress.tasks,
                        in_flight = progress.in_flight,
                        elapsed = units::duration(progress.elapsed_s)
                    )
                };
                ui.label(text);
            }
            Some((live, progress)) => {
                ui.label(format!(
                    "{} — {}",
                    phase_text(live),
                    units::duration(progress.elapsed_s)
                ));
            }
            None => match &app.live {
                Some(live) => {
                    ui.label(format!("{} — {}", live.name, phase_text(live)));
                }
                None => {
                    ui.label(tr!("status-ready"));
                }
            },
        }
        if app.dialogs.waiting() {
            ui.separator();
            ui.label(tr!("status-dialog-open"));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(tr!("status-cores", cores = cores));
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

fn phase_text(live: &crate::engine::view::live::LiveExperiment) -> String {
    use crate::engine::view::live::Phase;
    match live.phase {
        Phase::Running => tr!("phase-running"),
        Phase::Finished => tr!("phase-finished"),
        Phase::Cancelled => tr!("phase-cancelled"),
        Phase::Loaded => tr!("phase-loaded"),
    }
}
