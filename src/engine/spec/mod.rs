//! What a person writes: presets (a TOML contract) and the built-in ones,
//! validated into an experiment the runner can carry out.

pub mod builtin;
pub mod plan;
pub mod preset;
pub mod sweep;
pub mod validate;
