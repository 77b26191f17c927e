//! Measuring: portable clocks and CPU numbers, the per-thread event recorder,
//! spans built from events, the per-core CPU monitor and the machine's facts.

pub mod machine;
pub mod monitor;
pub mod recorder;
pub mod spans;
pub mod sys;
