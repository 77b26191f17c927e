//! What machine a result was measured on: figures mean little without it.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The machine, as written into every result (a JSON contract: `cores`, `os`, `cpu`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MachineInfo {
    /// Logical cores this process may use.
    pub cores: usize,
    /// Operating system name and version.
    pub os: String,
    /// CPU model name.
    pub cpu: String,
    /// Total physical memory in bytes (0 if unknown).
    #[serde(default)]
    pub memory_bytes: u64,
}

impl MachineInfo {
    /// This machine, probed once per process.
    pub fn current() -> &'static MachineInfo {
        static INFO: OnceLock<MachineInfo> = OnceLock::new();
        INFO.get_or_init(probe)
    }
}

fn probe() -> MachineInfo {
    use sysinfo::{CpuRefreshKind, MemoryRefreshKind, RefreshKind, System};
    let system = System::new_with_specifics(
        RefreshKind::nothing()
            .with_cpu(CpuRefreshKind::nothing())
            .with_memory(MemoryRefreshKind::nothing().with_ram()),
    )
    .ok();
    let cpu = system
        .as_ref()
        .and_then(|s| s.cpus().first().map(|c| c.brand().trim().to_owned()))
        .filter(|brand| !brand.is_empty())
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    let memory_bytes = system.as_ref().map_or(0, System::total_memory);
    let os = System::long_os_version()
        .ok()
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    MachineInfo {
        cores: crate::engine::measure::sys::logical_cores(),
        os,
        cpu,
        memory_bytes,
    }
}
