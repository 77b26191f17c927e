//! The runner's own logic — warm-up then measured repetitions, run after
//! run, speed-ups against the baseline, a failing run that does not stop the
//! others — tested through its executor seam with a stand-in executor, so
//! that nothing depends on timing or on this machine's load.

use crate::common;

use std::sync::Mutex;

use concurrency_lab::engine::measure::recorder::CpuAccounting;
use concurrency_lab::engine::run::executor::{ExecError, ExecReport, Executor, RunContext};
use concurrency_lab::engine::run::runner::{RunnerEvent, RunnerOptions};
use concurrency_lab::engine::run::workload::execute_task;
use concurrency_lab::engine::spec::preset::RunPlan;

/// Every call of the stand-in, as "label".
static CALLS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Runs the tasks on the calling thread, as `sequential` does; a run whose
/// label contains "broken" fails as a whole.
struct StandIn {
    label: String,
}

impl Executor for StandIn {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        CALLS.lock().expect("log").push(self.label.clone());
        if self.label.contains("broken") {
            return Err(ExecError::Runtime {
                what: "stand-in",
                reason: "broken on purpose".into(),
            });
        }
        let _attached = ctx
            .recorder
            .attach_current_thread(64, CpuAccounting::Caller);
        for task in 0..ctx.work.tasks {
            execute_task(ctx.env(), task, None, ctx.results);
        }
        Ok(ExecReport::default())
    }
}

fn stand_in(plan: &RunPlan) -> Box<dyn Executor> {
    Box::new(StandIn {
        label: plan.label.clone(),
    })
}

fn options() -> RunnerOptions {
    RunnerOptions {
        executors: stand_in,
        ..common::options()
    }
}

/// The calls made for labels starting with `prefix` (tests share the log).
fn calls(prefix: &str) -> Vec<String> {
    CALLS
        .lock()
        .expect("log")
        .iter()
        .filter(|l| l.starts_with(prefix))
        .cloned()
        .collect()
}

#[test]
fn warm_up_then_measured_repetitions_run_after_run_and_speed_ups_follow_the_baseline() {
    let text = "name = \"seam\"\nrepetitions = 3\nwarmup = 2\nbaseline = \"order-b\"\n\
        [workload]\nkind = \"cpu\"\ntasks = 4\ncpu_iters = 1000\n\
        [[runs]]\nmodel = \"sequential\"\nlabel = \"order-a\"\n\
        [[runs]]\nmodel = \"thread_pool\"\nworkers = 2\nlabel = \"order-b\"\n";
    let (result, events) = common::run_with(options(), common::experiment(text));
    // Five calls per run (two unmeasured, three measured), run by run; then
    // the per-task calibration's two calls per run (through the same seam).
    let made = calls("order-");
    let expected: Vec<&str> = [["order-a"; 5], ["order-b"; 5]].concat();
    assert_eq!(made[..10], expected, "{made:?}");
    let started: Vec<(usize, u32, bool)> = events
        .iter()
        .filter_map(|e| match e {
            RunnerEvent::RepetitionStarted {
                run,
                repetition,
                warmup,
                ..
            } => Some((*run, *repetition, *warmup)),
            _ => None,
        })
        .collect();
    assert_eq!(started.len(), 10, "{started:?}");
    assert!(started[..2].iter().all(|s| s.0 == 0 && s.2), "{started:?}");
    assert!(
        started[2..5].iter().all(|s| s.0 == 0 && !s.2),
        "{started:?}"
    );
    assert!(started[5..7].iter().all(|s| s.0 == 1 && s.2), "{started:?}");
    assert!(result.succeeded());
    for run in &result.runs {
        assert_eq!(run.repetitions, 3, "{}", run.label);
        assert_eq!(run.windows_s.len(), 3, "{}", run.label);
        assert_eq!(run.baseline.as_deref(), Some("order-b"), "{}", run.label);
    }
    assert_eq!(result.runs[1].speedup, Some(1.0), "the baseline is 1×");
    assert!(result.runs[0].speedup.is_some());
}

#[test]
fn a_run_that_cannot_run_is_reported_and_the_others_go_on() {
    let text = "name = \"seam\"\nrepetitions = 2\n\
        [workload]\nkind = \"cpu\"\ntasks = 3\ncpu_iters = 1000\n\
        [[runs]]\nmodel = \"sequential\"\nlabel = \"fail-ok\"\n\
        [[runs]]\nmodel = \"sequential\"\nlabel = \"fail-broken\"\n\
        [[runs]]\nmodel = \"rayon\"\nworkers = 2\nlabel = \"fail-after\"\n";
    let (result, _) = common::run_with(options(), common::experiment(text));
    assert!(!result.succeeded());
    let broken = &result.runs[1];
    let error = broken.error.as_deref().expect("an error");
    assert!(error.contains("broken on purpose"), "{error}");
    assert_eq!(broken.speedup, None);
    assert!(broken.gap.is_none());
    assert!(result.runs[2].succeeded(), "the run after it still ran");
    assert_eq!(result.runs[2].repetitions, 2);
    // The broken run is tried once, not once per repetition.
    assert_eq!(calls("fail-broken").len(), 1);
}
