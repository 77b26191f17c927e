//! A fitted scaling law put into one sentence: what the serial fraction
//! means for that run, next to what the preset planned.

use super::fit::{Fit, Law};
use super::metrics::{ExperimentResult, RunSummary};
use crate::engine::spec::preset::WorkloadKind;
use crate::i18n::number;
use crate::present::units;
use crate::tr;

/// Above this serial fraction nothing worth the name ran in parallel.
const ALL_SERIAL: f64 = 0.9;
/// Below this one the run would go on scaling with more cores.
const ALL_PARALLEL: f64 = 0.02;

/// One sentence per fit: "process_pool: Amdahl's law fits s = 0.19 …".
pub fn describe(result: &ExperimentResult, fit: &Fit) -> String {
    match fit.law {
        Law::Amdahl => amdahl(result, fit),
        Law::Gustafson => gustafson(fit),
    }
}

fn amdahl(result: &ExperimentResult, fit: &Fit) -> String {
    let s = fit.serial_fraction;
    let group: Vec<&RunSummary> = result
        .runs
        .iter()
        .filter(|r| r.sweep_of.as_deref() == Some(fit.label.as_str()))
        .collect();
    let meaning = if s >= ALL_SERIAL {
        if group.iter().any(|r| r.under_gil()) {
            tr!("fit-meaning-gil")
        } else {
            tr!("fit-meaning-serial")
        }
    } else if s <= ALL_PARALLEL {
        tr!("fit-meaning-parallel")
    } else {
        tr!("fit-meaning-limit", limit = units::speedup(1.0 / s))
    };
    let fitted = tr!(
        "fit-amdahl",
        label = fit.label.clone(),
        s = number(s, 2),
        r2 = fit
            .r2
            .map_or_else(|| units::NONE.to_owned(), |r2| number(r2, 2)),
        meaning = meaning
    );
    match planned_serial_fraction(result, &group) {
        Some(planned) => tr!(
            "fit-with-planned",
            fitted = fitted,
            planned = number(planned, 2)
        ),
        None => fitted,
    }
}

/// The serial fraction the preset asked for: its `serial_ms` over the
/// one-worker time it planned (serial part plus every task's computing).
pub fn planned_serial_fraction(result: &ExperimentResult, group: &[&RunSummary]) -> Option<f64> {
    let workload = &result.preset.workload;
    let serial = workload.serial_ms?;
    let cpu_ms = workload.cpu_ms?;
    if workload.kind != WorkloadKind::Cpu {
        return None;
    }
    let tasks = f64::from(group.first()?.tasks);
    let total = serial + tasks * cpu_ms;
    (total > 0.0).then(|| serial / total)
}

fn gustafson(fit: &Fit) -> String {
    let (Some(first), Some(last)) = (fit.points.first(), fit.points.last()) else {
        return String::new();
    };
    tr!(
        "fit-gustafson",
        label = fit.label.clone(),
        serial = units::maybe_duration(fit.serial_s),
        first_share = units::percent(first.serial_fraction.unwrap_or(0.0)),
        first_tasks = number(first.value, 0),
        last_share = units::percent(last.serial_fraction.unwrap_or(0.0)),
        last_tasks = number(last.value, 0),
        first_speedup = units::speedup(first.speedup),
        last_speedup = units::speedup(last.speedup),
        workers = number(last.parallel, 0)
    )
}
