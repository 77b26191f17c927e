//! `rayon`: a work-stealing pool; idle workers steal tasks from busy ones.

use std::time::Instant;

use rayon::prelude::*;

use super::{ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS};
use crate::engine::measure::recorder;
use crate::engine::measure::recorder::CpuAccounting;
use crate::engine::run::workload::execute_task;

/// Builds a rayon pool of `workers` threads for the run and runs the tasks as
/// a parallel iterator, one task per item.
pub struct RayonPool;

impl Executor for RayonPool {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let started = Instant::now();
        let attach_to = std::sync::Arc::clone(ctx.recorder);
        // Our own spawn handler keeps the join handles: rayon's pool does not
        // wait for its threads when dropped, and a finished run must leave
        // no thread behind.
        let mut threads = Vec::with_capacity(ctx.plan.workers);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(ctx.plan.workers)
            .spawn_handler(|thread| {
                let name = format!("lab-rayon-{}", thread.index());
                threads.push(
                    std::thread::Builder::new()
                        .name(name)
                        .spawn(|| thread.run())?,
                );
                Ok(())
            })
            .start_handler(move |_| {
                attach_to
                    .attach_current_thread_unguarded(WORKER_BUFFER_EVENTS, CpuAccounting::Worker)
            })
            .exit_handler(|_| recorder::detach_current_thread())
            .build()
            .map_err(|e| ExecError::Runtime {
                what: "rayon pool",
                reason: e.to_string(),
            })?;
        let startup = started.elapsed();
        let (env, results) = (ctx.env(), ctx.results);
        pool.install(|| {
            (0..env.work.tasks)
                .into_par_iter()
                .with_max_len(1)
                .for_each(|task| {
                    if !env.cancel.is_cancelled() {
                        execute_task(env, task, None, results);
                    }
                });
        });
        // Worker threads outlive the pool handle; hand their events over now.
        pool.broadcast(|_| recorder::flush_current_thread());
        drop(pool);
        for thread in threads {
            let _ = thread.join();
        }
        Ok(ExecReport {
            startup: Some(startup),
            ..ExecReport::default()
        })
    }
}
