//! Built-in presets, compiled into the binary: one per claim of the lesson.

use crate::tr;

/// A preset that ships with the lab.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinPreset {
    /// Name to run it by (`concurrency-lab run cpu-bound`).
    pub name: &'static str,
    /// Its TOML text.
    pub toml: &'static str,
}

impl BuiltinPreset {
    /// The preset, named and described in the language on show.
    pub fn preset(&self) -> Result<super::preset::Preset, super::preset::PresetError> {
        let mut preset = super::preset::parse(self.toml, &format!("builtin:{}", self.name))?;
        if let Some((name, description)) = self.localized() {
            preset.name = name;
            preset.description = description;
        }
        Ok(preset)
    }

    /// Its name and description in the language on show (the TOML holds
    /// the English ones; labels and keys stay as written — they are data).
    pub fn localized(&self) -> Option<(String, String)> {
        Some(match self.name {
            "cpu-bound" => (
                tr!("preset-name-cpu-bound"),
                tr!("preset-description-cpu-bound"),
            ),
            "io-bound" => (
                tr!("preset-name-io-bound"),
                tr!("preset-description-io-bound"),
            ),
            "mixed" => (tr!("preset-name-mixed"), tr!("preset-description-mixed")),
            "tiny-tasks" => (
                tr!("preset-name-tiny-tasks"),
                tr!("preset-description-tiny-tasks"),
            ),
            "convoy" => (tr!("preset-name-convoy"), tr!("preset-description-convoy")),
            "network" => (
                tr!("preset-name-network"),
                tr!("preset-description-network"),
            ),
            "disk-io" => (
                tr!("preset-name-disk-io"),
                tr!("preset-description-disk-io"),
            ),
            "python-vs-lab" => (
                tr!("preset-name-python-vs-lab"),
                tr!("preset-description-python-vs-lab"),
            ),
            "python-vs-lab-io" => (
                tr!("preset-name-python-vs-lab-io"),
                tr!("preset-description-python-vs-lab-io"),
            ),
            "gil-fidelity" => (
                tr!("preset-name-gil-fidelity"),
                tr!("preset-description-gil-fidelity"),
            ),
            "amdahl" => (tr!("preset-name-amdahl"), tr!("preset-description-amdahl")),
            "convoy-sweep" => (
                tr!("preset-name-convoy-sweep"),
                tr!("preset-description-convoy-sweep"),
            ),
            _ => return None,
        })
    }

    /// The claim of the lesson it demonstrates, in the language on show.
    pub fn claim(&self) -> String {
        match self.name {
            "cpu-bound" => tr!("preset-claim-cpu-bound"),
            "io-bound" => tr!("preset-claim-io-bound"),
            "mixed" => tr!("preset-claim-mixed"),
            "tiny-tasks" => tr!("preset-claim-tiny-tasks"),
            "convoy" => tr!("preset-claim-convoy"),
            "network" => tr!("preset-claim-network"),
            "disk-io" => tr!("preset-claim-disk-io"),
            "python-vs-lab" => tr!("preset-claim-python-vs-lab"),
            "python-vs-lab-io" => tr!("preset-claim-python-vs-lab-io"),
            "gil-fidelity" => tr!("preset-claim-gil-fidelity"),
            "amdahl" => tr!("preset-claim-amdahl"),
            "convoy-sweep" => tr!("preset-claim-convoy-sweep"),
            other => other.to_owned(),
        }
    }
}

/// Every built-in preset, in teaching order.
pub const BUILTIN_PRESETS: &[BuiltinPreset] = &[
    BuiltinPreset {
        name: "cpu-bound",
        toml: include_str!("../../../assets/presets/cpu-bound.toml"),
    },
    BuiltinPreset {
        name: "io-bound",
        toml: include_str!("../../../assets/presets/io-bound.toml"),
    },
    BuiltinPreset {
        name: "mixed",
        toml: include_str!("../../../assets/presets/mixed.toml"),
    },
    BuiltinPreset {
        name: "tiny-tasks",
        toml: include_str!("../../../assets/presets/tiny-tasks.toml"),
    },
    BuiltinPreset {
        name: "convoy",
        toml: include_str!("../../../assets/presets/convoy.toml"),
    },
    BuiltinPreset {
        name: "network",
        toml: include_str!("../../../assets/presets/network.toml"),
    },
    BuiltinPreset {
        name: "disk-io",
        toml: include_str!("../../../assets/presets/disk-io.toml"),
    },
    BuiltinPreset {
        name: "python-vs-lab",
        toml: include_str!("../../../assets/presets/python-vs-lab.toml"),
    },
    BuiltinPreset {
        name: "python-vs-lab-io",
        toml: include_str!("../../../assets/presets/python-vs-lab-io.toml"),
    },
    BuiltinPreset {
        name: "gil-fidelity",
        toml: include_str!("../../../assets/presets/gil-fidelity.toml"),
    },
    BuiltinPreset {
        name: "amdahl",
        toml: include_str!("../../../assets/presets/amdahl.toml"),
    },
    BuiltinPreset {
        name: "convoy-sweep",
        toml: include_str!("../../../assets/presets/convoy-sweep.toml"),
    },
];

/// The built-in preset with this name.
pub fn find(name: &str) -> Option<&'static BuiltinPreset> {
    BUILTIN_PRESETS.iter().find(|p| p.name == name)
}

/// Every built-in name.
pub fn names() -> Vec<&'static str> {
    BUILTIN_PRESETS.iter().map(|p| p.name).collect()
}
