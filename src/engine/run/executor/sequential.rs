//! `sequential`: a plain loop on one thread — the baseline for every speed-up.

use super::{ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS};
use crate::engine::measure::recorder::CpuAccounting;
use crate::engine::run::workload::execute_task;

/// Runs the tasks one after another on the calling thread.
pub struct Sequential;

impl Executor for Sequential {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let _attached = ctx
            .recorder
            .attach_current_thread(WORKER_BUFFER_EVENTS, CpuAccounting::Caller);
        for task in 0..ctx.work.tasks {
            if ctx.cancel.is_cancelled() {
                break;
            }
            execute_task(ctx.env(), task, None, ctx.results);
        }
        Ok(ExecReport::default())
    }
}
