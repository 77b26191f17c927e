//! Sweeps: every run of a preset repeated for each value of one parameter.
//! A sweep is expanded when the preset is validated, into ordinary runs
//! that know their value (`RunPlan::sweep_value`) and the run they are a
//! value of (`RunPlan::sweep_of`): the runner, the tables and the exports
//! need nothing new to carry them out, and the analysis reads them back.

use super::preset::{Model, RunSpec, Runtime, SweepParameter, SweepSpec, WorkloadSpec};

/// Most values one sweep may take.
pub const MAX_VALUES: usize = 12;
/// Most runs a sweep may expand into.
pub const MAX_SWEPT_RUNS: usize = 64;

impl SweepSpec {
    /// Whether `run` takes the swept parameter (else it runs once).
    pub fn applies_to(&self, run: &RunSpec) -> bool {
        match self.parameter {
            SweepParameter::Workers => run.model.has_workers(),
            SweepParameter::SwitchIntervalMs => match run.runtime() {
                Runtime::Lab => run.gil == Some(true),
                Runtime::Python => matches!(run.model, Model::Threads | Model::ThreadPool),
            },
            SweepParameter::Tasks | SweepParameter::CpuMs | SweepParameter::IoMs => true,
        }
    }

    /// How many runs the preset's `runs` expand into.
    pub fn expanded_len(&self, runs: &[RunSpec]) -> usize {
        runs.iter()
            .map(|r| {
                if self.applies_to(r) {
                    self.values.len()
                } else {
                    1
                }
            })
            .sum()
    }
}

/// `run` with the swept run parameter set to `value` (workload parameters
/// leave the run as it is).
pub fn run_at(parameter: SweepParameter, run: &RunSpec, value: f64) -> RunSpec {
    let mut run = run.clone();
    match parameter {
        SweepParameter::Workers => run.workers = Some(value as i64),
        SweepParameter::SwitchIntervalMs => run.switch_interval_ms = Some(value),
        SweepParameter::Tasks | SweepParameter::CpuMs | SweepParameter::IoMs => {}
    }
    run
}

/// The workload with the swept workload parameter set to `value`, or `None`
/// when the parameter is a run's.
pub fn workload_at(
    parameter: SweepParameter,
    workload: &WorkloadSpec,
    value: f64,
) -> Option<WorkloadSpec> {
    let mut workload = workload.clone();
    match parameter {
        SweepParameter::Tasks => {
            workload.tasks = Some(value as i64);
            workload.tasks_per_core = None;
        }
        SweepParameter::CpuMs => {
            workload.cpu_ms = Some(value);
            workload.cpu_iters = None;
        }
        SweepParameter::IoMs => workload.io_ms = Some(value),
        SweepParameter::Workers | SweepParameter::SwitchIntervalMs => return None,
    }
    Some(workload)
}

/// A value as a label shows it: `4`, `0.5`.
pub fn value_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The label of `label` at `value`: `process_pool · workers 4`.
pub fn label_at(label: &str, parameter: SweepParameter, value: f64) -> String {
    format!("{label} · {} {}", parameter.name(), value_text(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sweep(parameter: SweepParameter) -> SweepSpec {
        SweepSpec {
            parameter,
            values: vec![1.0, 2.0, 4.0],
        }
    }

    #[test]
    fn a_parameter_applies_only_to_runs_that_have_it() {
        let pool = RunSpec::new(Model::ProcessPool);
        let loop_ = RunSpec::new(Model::Sequential);
        let mut gil_threads = RunSpec::new(Model::Threads);
        gil_threads.gil = Some(true);
        let workers = sweep(SweepParameter::Workers);
        assert!(workers.applies_to(&pool));
        assert!(!workers.applies_to(&loop_));
        assert_eq!(workers.expanded_len(&[pool.clone(), loop_.clone()]), 4);
        let interval = sweep(SweepParameter::SwitchIntervalMs);
        assert!(interval.applies_to(&gil_threads));
        assert!(!interval.applies_to(&RunSpec::new(Model::Threads)));
        assert!(sweep(SweepParameter::Tasks).applies_to(&loop_));
    }

    #[test]
    fn values_go_where_they_belong_and_labels_name_them() {
        let pool = run_at(
            SweepParameter::Workers,
            &RunSpec::new(Model::ThreadPool),
            8.0,
        );
        assert_eq!(pool.workers, Some(8));
        let spec = WorkloadSpec {
            kind: super::super::preset::WorkloadKind::Cpu,
            tasks: None,
            tasks_per_core: Some(2),
            cpu_ms: None,
            cpu_iters: Some(10),
            io_ms: None,
            bytes: None,
            io_rounds: None,
            serial_ms: None,
        };
        let tasks = workload_at(SweepParameter::Tasks, &spec, 16.0).expect("a workload parameter");
        assert_eq!((tasks.tasks, tasks.tasks_per_core), (Some(16), None));
        let cpu = workload_at(SweepParameter::CpuMs, &spec, 2.5).expect("a workload parameter");
        assert_eq!((cpu.cpu_ms, cpu.cpu_iters), (Some(2.5), None));
        assert!(workload_at(SweepParameter::Workers, &spec, 2.0).is_none());
        assert_eq!(
            label_at("pool", SweepParameter::SwitchIntervalMs, 0.5),
            "pool · switch_interval_ms 0.5"
        );
        assert_eq!(
            label_at("pool", SweepParameter::Workers, 4.0),
            "pool · workers 4"
        );
    }
}
