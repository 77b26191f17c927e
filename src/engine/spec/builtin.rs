//! Built-in presets, compiled into the binary: one per claim of the lesson.

/// A preset that ships with the lab.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinPreset {
    /// Name to run it by (`concurrency-lab run cpu-bound`).
    pub name: &'static str,
    /// The claim of the lesson it demonstrates.
    pub claim: &'static str,
    /// Its TOML text.
    pub toml: &'static str,
}

/// Every built-in preset, in teaching order.
pub const BUILTIN_PRESETS: &[BuiltinPreset] = &[
    BuiltinPreset {
        name: "cpu-bound",
        claim: "computation: GIL threads stay at ~1x, processes, rayon and GIL-free threads use every core",
        toml: include_str!("../../../assets/presets/cpu-bound.toml"),
    },
    BuiltinPreset {
        name: "io-bound",
        claim: "waiting: threads and asyncio overlap every wait, GIL or not; a pool of 4 overlaps 4",
        toml: include_str!("../../../assets/presets/io-bound.toml"),
    },
    BuiltinPreset {
        name: "mixed",
        claim: "computation then waiting: the waits overlap, the computation only without a GIL",
        toml: include_str!("../../../assets/presets/mixed.toml"),
    },
    BuiltinPreset {
        name: "tiny-tasks",
        claim: "2000 tiny tasks: what a thread, a queue, a pipe or a future costs per task",
        toml: include_str!("../../../assets/presets/tiny-tasks.toml"),
    },
    BuiltinPreset {
        name: "convoy",
        claim: "an I/O thread beside CPU threads under the GIL waits after every wake-up",
        toml: include_str!("../../../assets/presets/convoy.toml"),
    },
    BuiltinPreset {
        name: "network",
        claim: "real loopback requests: threads and an event loop overlap the round trips",
        toml: include_str!("../../../assets/presets/network.toml"),
    },
    BuiltinPreset {
        name: "disk-io",
        claim: "real file writes with fsync: the GIL is released, the disk is shared",
        toml: include_str!("../../../assets/presets/disk-io.toml"),
    },
    BuiltinPreset {
        name: "python-vs-lab",
        claim: "real CPython beside the simulation: threads, processes and asyncio computing",
        toml: include_str!("../../../assets/presets/python-vs-lab.toml"),
    },
    BuiltinPreset {
        name: "python-vs-lab-io",
        claim: "real CPython beside the simulation: threads, a pool and asyncio waiting",
        toml: include_str!("../../../assets/presets/python-vs-lab-io.toml"),
    },
    BuiltinPreset {
        name: "gil-fidelity",
        claim: "the simulated GIL held against CPython's on the convoy workload, at 5 ms and 1 ms",
        toml: include_str!("../../../assets/presets/gil-fidelity.toml"),
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
