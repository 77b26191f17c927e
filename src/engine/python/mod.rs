//! Real CPython as a second runtime: finding the interpreters installed here,
//! running the lab's own Python program in them, calibrating each, and the
//! few lines of ordinary Python that do what a run did.
//!
//! The executor that drives a run lives with the others
//! (`run::executor::python`); this module is what it and preset validation
//! share.

pub mod calibrate;
pub mod code;
pub mod discover;
pub mod process;

pub use discover::{PythonInfo, Pythons, pythons};
