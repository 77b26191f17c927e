//! What the app remembers between sessions, through eframe's storage: the
//! experiment being edited, the file it came from, recent files, the theme.
//! Stored as JSON under one key; a damaged or older store starts from the
//! defaults with a notice rather than failing.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::engine::spec::builtin;
use crate::engine::spec::preset::{self, Preset};

/// Storage key of the settings.
pub const STORAGE_KEY: &str = "concurrency-lab/settings";
/// Bumped when the stored shape changes incompatibly.
pub const SETTINGS_VERSION: u32 = 1;
/// Recent files remembered.
const MAX_RECENT: usize = 8;

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    /// Follow the OS.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

/// The persisted part of the app.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// Shape version of this record.
    pub version: u32,
    /// The experiment being edited.
    pub preset: Preset,
    /// The file it was opened from or saved to.
    pub preset_path: Option<PathBuf>,
    /// Recently opened or saved preset files, newest first.
    pub recent: Vec<PathBuf>,
    /// Colour theme.
    pub theme: ThemeChoice,
    /// CPU monitor sampling interval, ms.
    pub monitor_interval_ms: u64,
    /// Timeline: show every run stacked (else only the selected one).
    pub timeline_all_runs: bool,
    /// The language chosen in View › Language (`None`: the system's).
    pub language: Option<crate::i18n::Language>,
    /// Results columns chosen (`None`: the defaults).
    pub columns: Option<Vec<crate::present::columns::Column>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            preset: default_preset(),
            preset_path: None,
            recent: Vec::new(),
            theme: ThemeChoice::System,
            monitor_interval_ms: crate::engine::measure::monitor::DEFAULT_INTERVAL.as_millis()
                as u64,
            timeline_all_runs: true,
            language: None,
            columns: None,
        }
    }
}

/// The built-in CPU-bound preset: what a first-time user should see.
/// Named and described in the language on show.
pub fn default_preset() -> Preset {
    builtin::BUILTIN_PRESETS
        .first()
        .and_then(|b| b.preset().ok())
        .unwrap_or_else(|| Preset {
            version: preset::PRESET_VERSION,
            name: "Untitled".into(),
            description: String::new(),
            repetitions: 1,
            warmup: 0,
            baseline: None,
            sweep: None,
            workload: preset::WorkloadSpec {
                kind: preset::WorkloadKind::Cpu,
                tasks: Some(8),
                tasks_per_core: None,
                cpu_ms: Some(20.0),
                cpu_iters: None,
                io_ms: None,
                bytes: None,
                io_rounds: None,
                serial_ms: None,
            },
            runs: vec![preset::RunSpec::new(preset::Model::Sequential)],
        })
}

/// What File › New starts from: a blank experiment to fill in — a name to
/// give, no description, a small computation and two runs to compare.
pub fn new_preset() -> Preset {
    Preset {
        version: preset::PRESET_VERSION,
        name: crate::tr!("new-preset-name"),
        description: String::new(),
        repetitions: 3,
        warmup: 1,
        baseline: None,
        sweep: None,
        workload: preset::WorkloadSpec {
            kind: preset::WorkloadKind::Cpu,
            tasks: Some(8),
            tasks_per_core: None,
            cpu_ms: Some(20.0),
            cpu_iters: None,
            io_ms: None,
            bytes: None,
            io_rounds: None,
            serial_ms: None,
        },
        runs: vec![
            preset::RunSpec::new(preset::Model::Sequential),
            preset::RunSpec::new(preset::Model::ThreadPool),
        ],
    }
}

impl Settings {
    /// Reads the settings from stored text; a notice says why defaults were used.
    pub fn from_stored(text: Option<&str>) -> (Settings, Option<String>) {
        let Some(text) = text else {
            return (Settings::default(), None);
        };
        match serde_json::from_str::<Settings>(text) {
            Ok(settings) if settings.version == SETTINGS_VERSION => (settings, None),
            Ok(settings) => (
                Settings::default(),
                Some(crate::tr!(
                    "settings-other-version",
                    version = settings.version
                )),
            ),
            Err(e) => (
                Settings::default(),
                Some(crate::tr!("settings-unreadable", reason = e.to_string())),
            ),
        }
    }

    /// The settings as stored text.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The results columns to show, the run's label always first.
    pub fn visible_columns(&self) -> Vec<crate::present::columns::Column> {
        use crate::present::columns::Column;
        let mut columns = self
            .columns
            .clone()
            .unwrap_or_else(|| Column::WINDOW_DEFAULT.to_vec());
        columns.retain(|c| *c != Column::Run);
        columns.insert(0, Column::Run);
        columns
    }

    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip() {
        let mut settings = Settings::default();
        settings.remember(PathBuf::from("/a.toml"));
        settings.theme = ThemeChoice::Dark;
        let (again, notice) = Settings::from_stored(Some(&settings.to_stored()));
        assert_eq!(again, settings);
        assert!(notice.is_none());
    }

    #[test]
    fn a_damaged_store_starts_from_defaults_with_a_notice() {
        let (settings, notice) = Settings::from_stored(Some("{not json"));
        assert_eq!(settings, Settings::default());
        assert!(notice.is_some_and(|n| n.contains("could not be read")));
        let (_, notice) = Settings::from_stored(Some(r#"{"version": 99}"#));
        assert!(notice.is_some_and(|n| n.contains("another version")));
        let (settings, notice) = Settings::from_stored(None);
        assert_eq!(settings, Settings::default());
        assert!(notice.is_none());
    }

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember(PathBuf::from(format!("/{i}.toml")));
        }
        settings.remember(PathBuf::from("/5.toml"));
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], PathBuf::from("/5.toml"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.ends_with("5.toml"))
                .count(),
            1
        );
    }
}
