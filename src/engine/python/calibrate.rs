//! How fast each interpreter runs the lab's kernel, so that `cpu_ms` means
//! the same time of computation in every runtime. Measured once per
//! interpreter (and GIL setting) while the program runs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use super::discover::PythonInfo;
use super::process::{Driver, DriverError, FromDriver, Next};
use crate::engine::run::kernel::Calibration;

/// How long an interpreter may take to start before it counts as silent.
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a calibration may take in all.
const CALIBRATION_TIMEOUT: Duration = Duration::from_secs(60);

type Cache = Mutex<HashMap<(PathBuf, Option<bool>), Calibration>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The interpreter's kernel speed, measured on first use.
pub fn calibration(
    python: &PythonInfo,
    gil: Option<bool>,
    cancelled: &dyn Fn() -> bool,
) -> Result<Calibration, DriverError> {
    let key = (python.executable.clone(), gil);
    if let Some(known) = cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return Ok(*known);
    }
    let measured = measure(python, gil, cancelled)?;
    cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(key, measured);
    Ok(measured)
}

/// The interpreter's kernel speed if it has been measured already.
pub fn cached(python: &PythonInfo, gil: Option<bool>) -> Option<Calibration> {
    cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&(python.executable.clone(), gil))
        .copied()
}

/// Measures the speed now (about a fifth of a second plus the start-up).
pub fn measure(
    python: &PythonInfo,
    gil: Option<bool>,
    cancelled: &dyn Fn() -> bool,
) -> Result<Calibration, DriverError> {
    let mut driver = Driver::start(python, gil, None, STARTUP_TIMEOUT, cancelled)?;
    driver.request(&serde_json::json!({ "mode": "calibrate" }), cancelled)?;
    let started = std::time::Instant::now();
    loop {
        if cancelled() {
            driver.kill();
            return Err(DriverError::Cancelled);
        }
        match driver.next(Duration::from_millis(10)) {
            Next::Message(FromDriver::Calibration { iterations_per_ms }) => {
                driver.finish(Duration::from_secs(5));
                return Ok(Calibration {
                    iterations_per_ms: iterations_per_ms.max(1.0),
                });
            }
            Next::Message(FromDriver::Error { message }) => {
                let error = driver.reported(message);
                driver.kill();
                return Err(error);
            }
            Next::Closed => return Err(driver.died()),
            Next::Message(_) | Next::Timeout if started.elapsed() < CALIBRATION_TIMEOUT => {}
            Next::Message(_) | Next::Timeout => {
                driver.kill();
                return Err(driver.reported(crate::tr!("err-calibration-slow")));
            }
        }
    }
}
