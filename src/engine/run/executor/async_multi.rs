//! `async_multi`: a tokio multi-thread runtime with `workers` threads. Tasks
//! may resume on any worker after a wait.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::{
    AsyncShared, ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS, run_async_task,
};
use crate::engine::measure::recorder;
use crate::engine::measure::recorder::CpuAccounting;

/// Spawns every task onto a multi-thread runtime and waits for all of them.
pub struct AsyncMulti;

impl Executor for AsyncMulti {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let started = Instant::now();
        let attach_to = Arc::clone(ctx.recorder);
        let thread_number = AtomicUsize::new(0);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(ctx.plan.workers)
            .thread_name_fn(move || {
                format!(
                    "lab-tokio-{}",
                    thread_number.fetch_add(1, Ordering::Relaxed)
                )
            })
            .on_thread_start(move || {
                attach_to
                    .attach_current_thread_unguarded(WORKER_BUFFER_EVENTS, CpuAccounting::Worker)
            })
            .on_thread_stop(recorder::detach_current_thread)
            .enable_all()
            .build()
            .map_err(|e| ExecError::Runtime {
                what: "tokio multi-thread runtime",
                reason: e.to_string(),
            })?;
        let startup = started.elapsed();
        let shared = AsyncShared::new(ctx);
        runtime.block_on(async {
            let handles: Vec<_> = (0..shared.work.tasks)
                .map(|task| tokio::spawn(run_async_task(Arc::clone(&shared), task)))
                .collect();
            for handle in handles {
                // A task catches its own panic (polled under catch_unwind, executor/mod.rs) and is counted failed; the handle only says it ended.
                let _ = handle.await;
            }
        });
        // Dropping the runtime joins its threads, whose stop hook flushes
        // their events.
        drop(runtime);
        Ok(ExecReport {
            startup: Some(startup),
            ..ExecReport::default()
        })
    }
}
