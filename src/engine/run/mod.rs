//! Carrying experiments out: the runner thread, one executor per model, the
//! real work each task does, the simulated GIL, cancellation, the services a
//! run needs, and real CPython interpreters as a second runtime.

pub mod activity;
pub mod cancel;
pub mod child;
pub mod executor;
pub mod gil;
pub mod kernel;
pub mod overhead;
pub mod runner;
pub mod services;
pub mod workload;
