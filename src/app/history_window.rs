//! File › History…: every experiment saved across restarts, newest first,
//! filtered by date, preset or machine; Open puts one in the views beside
//! the session's (to compare with today's).

use super::actions::Action;
use crate::export::archive::{Archive, ArchiveEntry, utc_text};
use crate::tr;

/// The window's state while open.
#[derive(Debug, Default)]
pub struct HistoryWindow {
    /// Words every listed entry must contain.
    pub filter: String,
    /// The archive's entries when the window opened.
    pub entries: Vec<ArchiveEntry>,
}

/// The archive the app saves into: `AppOptions::history_dir`, else the
/// data folder's `history` when settings persist, else none.
pub fn archive_for(options: &super::AppOptions) -> Option<Archive> {
    options
        .history_dir
        .clone()
        .or_else(|| {
            options
                .persist
                .then(super::data_dir)
                .flatten()
                .map(|d| d.join("history"))
        })
        .map(Archive::new)
}

/// Saves a finished result; a failure comes back as a notice for the
/// status bar (the result itself stays on show).
pub fn remember(
    archive: Option<&Archive>,
    result: &crate::engine::results::metrics::ExperimentResult,
) -> Option<String> {
    let error = archive?.save(result).err()?;
    Some(tr!("status-history-not-saved", reason = error.to_string()))
}

impl HistoryWindow {
    /// Draws the window; false once it is closed or a result was chosen
    /// (opening it is asked for with an `Action`).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        archive: Option<&Archive>,
        actions: &mut Vec<Action>,
    ) -> bool {
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(tr!("history-title"))
            .open(&mut open)
            .default_size([720.0, 420.0])
            .show(ctx, |ui| {
                chosen = list_ui(archive, self, ui);
            });
        match chosen {
            Some(path) => {
                actions.push(Action::OpenResults(path));
                false
            }
            None => open,
        }
    }
}

fn list_ui(
    archive: Option<&Archive>,
    state: &mut HistoryWindow,
    ui: &mut egui::Ui,
) -> Option<std::path::PathBuf> {
    let Some(archive) = archive else {
        ui.label(tr!("history-off"));
        return None;
    };
    ui.horizontal(|ui| {
        let label = ui.label(tr!("history-filter"));
        ui.text_edit_singleline(&mut state.filter)
            .labelled_by(label.id);
    });
    ui.label(
        egui::RichText::new(tr!(
            "history-where",
            folder = archive.dir().display().to_string(),
            count = state.entries.len()
        ))
        .small()
        .weak(),
    );
    if state.entries.is_empty() {
        ui.label(tr!("history-empty"));
        return None;
    }
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("history-grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for entry in state.entries.iter().filter(|e| e.matches(&state.filter)) {
                        ui.label(utc_text(entry.started_unix_s));
                        ui.label(&entry.preset);
                        ui.label(egui::RichText::new(&entry.machine).small());
                        ui.label(tr!("history-runs", count = entry.runs));
                        if ui.button(tr!("history-open")).clicked() {
                            chosen = Some(archive.path_of(entry));
                        }
                        ui.end_row();
                    }
                });
        });
    chosen
}
