//! File dialogs: native ones (rfd) on a background thread so the UI never
//! blocks, and a path typed into the app wherever no dialog can be shown
//! (no desktop portal, as on minimal Linux desktops, CI, tests).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::LabApp;
use super::actions::{Action, ExportTarget, action_for};
use crate::tr;

/// Below this, a `None` from rfd means no dialog could be shown (a person
/// needs longer than that to cancel one).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Why a path is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Open a preset.
    OpenPreset,
    /// Save the preset.
    SavePreset,
    /// Open a results JSON.
    OpenResults,
    /// Export results or a chart.
    Export(ExportTarget),
}

impl DialogPurpose {
    fn title(self) -> String {
        match self {
            DialogPurpose::OpenPreset => tr!("dialog-open-preset"),
            DialogPurpose::SavePreset => tr!("dialog-save-preset"),
            DialogPurpose::OpenResults => tr!("dialog-open-results"),
            // Which chart, in which format: the window says what it writes.
            DialogPurpose::Export(target) => tr!("dialog-export", what = target.describe()),
        }
    }

    fn saves(self) -> bool {
        matches!(self, DialogPurpose::SavePreset | DialogPurpose::Export(_))
    }

    fn filter(self) -> (String, &'static str) {
        match self {
            DialogPurpose::OpenPreset | DialogPurpose::SavePreset => (tr!("filter-preset"), "toml"),
            DialogPurpose::OpenResults => (tr!("filter-results"), "json"),
            DialogPurpose::Export(target) => (target.describe(), target.extension()),
        }
    }
}

/// A path being typed because no native dialog is available.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedPath {
    /// Why.
    pub purpose: DialogPurpose,
    /// The text field.
    pub text: String,
    /// Give the field the keyboard on the first frame it shows.
    focus: bool,
}

impl TypedPath {
    fn new(purpose: DialogPurpose, text: String) -> Self {
        TypedPath {
            purpose,
            text,
            focus: true,
        }
    }
}

/// The dialog machinery.
pub struct Dialogs {
    native: bool,
    /// Woken when a native dialog closes, so its answer shows at once.
    ctx: Option<egui::Context>,
    pending: Option<(DialogPurpose, Instant, Receiver<Option<PathBuf>>)>,
    /// The typed-path window, when open.
    pub typed: Option<TypedPath>,
}

impl Dialogs {
    /// Native dialogs when `native`, else typed paths only; `ctx` is woken
    /// when a native dialog answers.
    pub fn new(native: bool, ctx: Option<egui::Context>) -> Self {
        Dialogs {
            native,
            ctx,
            pending: None,
            typed: None,
        }
    }

    /// Asks for a path, natively if possible.
    pub fn ask(&mut self, purpose: DialogPurpose, suggestion: Option<PathBuf>) {
        if self.pending.is_some() {
            return;
        }
        let text = suggestion
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if !self.native {
            self.typed = Some(TypedPath::new(purpose, text));
            return;
        }
        let (tx, rx) = channel();
        let (filter_name, extension) = purpose.filter();
        let title = purpose.title();
        let file_name = (!text.is_empty()).then(|| text.clone());
        let wake = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("lab-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter(filter_name, &[extension]);
                if let Some(name) = file_name {
                    dialog = dialog.set_file_name(name);
                }
                let picked = if purpose.saves() {
                    dialog.save_file()
                } else {
                    dialog.pick_file()
                };
                // The window may have closed meanwhile: then nobody waits for the answer.
                let _ = tx.send(picked);
                if let Some(ctx) = wake {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.pending = Some((purpose, Instant::now(), rx)),
            Err(_) => self.typed = Some(TypedPath::new(purpose, text)),
        }
    }

    /// Collects a finished native dialog: a path becomes an action; a
    /// `None` that came back at once means no dialog could be shown, so the
    /// typed-path window opens instead.
    pub fn poll(&mut self, actions: &mut Vec<Action>) {
        let Some((purpose, asked, rx)) = &self.pending else {
            return;
        };
        let (purpose, asked) = (*purpose, *asked);
        match rx.try_recv() {
            Ok(Some(path)) => {
                self.pending = None;
                actions.push(action_for(purpose, path));
            }
            Ok(None) => {
                self.pending = None;
                if asked.elapsed() < NO_DIALOG_WITHIN {
                    self.native = false;
                    self.typed = Some(TypedPath::new(purpose, String::new()));
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }

    /// Whether a native dialog is open.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }
}

/// Adds `extension` when the path has none.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension)
    }
}

/// The typed-path window and the error panel.
pub fn windows(app: &mut LabApp, ctx: &egui::Context) {
    if let Some(typed) = &mut app.dialogs.typed {
        let mut open = true;
        let mut chosen = None;
        let mut cancelled = false;
        egui::Window::new(typed.purpose.title())
            .id(egui::Id::unique("typed-path"))
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(tr!("dialog-typed-help"));
                let path_label = ui.label(tr!("dialog-file-path")).id;
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut typed.text)
                            .hint_text("/path/to/file")
                            .desired_width(420.0),
                    )
                    .labelled_by(path_label);
                if std::mem::take(&mut typed.focus) {
                    response.request_focus();
                }
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok_label = if typed.purpose.saves() {
                        tr!("dialog-save")
                    } else {
                        tr!("dialog-open")
                    };
                    let ready = !typed.text.trim().is_empty();
                    if ui.add_enabled(ready, egui::Button::new(ok_label)).clicked()
                        || (entered && ready)
                    {
                        chosen =
                            Some((typed.purpose, PathBuf::from(expand_home(typed.text.trim()))));
                    }
                    if ui.button(tr!("dialog-cancel")).clicked() {
                        cancelled = true;
                    }
                });
            });
        if let Some((purpose, path)) = chosen {
            app.dialogs.typed = None;
            app.push(action_for(purpose, path));
        } else if !open || cancelled {
            app.dialogs.typed = None;
        }
    }
    if let Some(error) = app.error.clone() {
        let mut open = true;
        egui::Window::new(format!("⚠ {}", error.title))
            .id(egui::Id::unique("error-panel"))
            .collapsible(false)
            .resizable(true)
            .default_width(520.0)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(&error.message).monospace()).wrap());
                ui.add_space(6.0);
                ui.label(tr!("error-nothing-changed"));
                if ui.button(tr!("error-dismiss")).clicked() {
                    app.push(Action::DismissError);
                }
            });
        if !open {
            app.push(Action::DismissError);
        }
    }
}

/// `~/x` (and `~\\x` on Windows) in a typed path: the platform's home folder
/// (`$HOME`, or `%USERPROFILE%` on Windows), not a `$HOME` that Windows lacks.
fn expand_home(text: &str) -> String {
    let rest = text
        .strip_prefix("~/")
        .or_else(|| text.strip_prefix("~\\").filter(|_| cfg!(windows)));
    match (
        rest,
        std::env::home_dir().filter(|h| !h.as_os_str().is_empty()),
    ) {
        (Some(rest), Some(home)) => home.join(rest).display().to_string(),
        _ => text.to_owned(),
    }
}
