//! `async_single`: one thread running an event loop, like `asyncio`: waits
//! overlap, computation blocks the loop.

use std::time::Instant;

use super::{
    AsyncShared, ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS, run_async_task,
};
use crate::engine::measure::recorder::CpuAccounting;

/// A tokio current-thread runtime on the calling thread; every task a future.
pub struct AsyncSingle;

impl Executor for AsyncSingle {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let started = Instant::now();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ExecError::Runtime {
                what: "tokio current-thread runtime",
                reason: e.to_string(),
            })?;
        let startup = started.elapsed();
        let _attached = ctx
            .recorder
            .attach_current_thread(WORKER_BUFFER_EVENTS, CpuAccounting::Caller);
        let shared = AsyncShared::new(ctx);
        runtime.block_on(async {
            let handles: Vec<_> = (0..shared.work.tasks)
                .map(|task| tokio::spawn(run_async_task(std::sync::Arc::clone(&shared), task)))
                .collect();
            for handle in handles {
                // Panics are caught inside the task; a join error here can
                // only be the runtime shutting down.
                let _ = handle.await;
            }
        });
        Ok(ExecReport {
            startup: Some(startup),
            ..ExecReport::default()
        })
    }
}
