//! Every integration test in one binary but `cancel` (which counts the
//! threads and child processes of its own process, so it runs alone): each
//! test binary links the whole app (eframe, wgpu), so one link instead of
//! eight saves minutes a build.

mod common;

mod app;
mod app_snapshot;
mod charts;
mod cli;
mod executors;
mod failures;
mod gap;
mod hostile;
mod i18n;
mod lessons;
mod platform;
mod preset_properties;
mod presets;
mod python;
mod runner_logic;
mod sweep;
mod trace;
