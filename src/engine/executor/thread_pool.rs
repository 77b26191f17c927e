//! `thread_pool`: fixed worker threads pulling tasks from a shared queue, like
//! `concurrent.futures.ThreadPoolExecutor(workers)`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use super::{ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS, join_all};
use crate::engine::recorder::CpuAccounting;
use crate::engine::workload::execute_task;

/// `workers` threads take the next task index until none are left. (The task
/// list is fixed, so an atomic counter is the queue.)
pub struct ThreadPool;

impl Executor for ThreadPool {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let gil = ctx.gil();
        let next = AtomicU32::new(0);
        let started = Instant::now();
        let mut failure = None;
        let mut startup = None;
        std::thread::scope(|scope| {
            let mut threads = Vec::new();
            for worker in 0..ctx.plan.workers {
                let name = format!("lab-worker-{worker}");
                let (gil, env, results, recorder, next) =
                    (gil.as_ref(), ctx.env(), ctx.results, ctx.recorder, &next);
                let spawned =
                    std::thread::Builder::new()
                        .name(name.clone())
                        .spawn_scoped(scope, move || {
                            let _attached = recorder
                                .attach_current_thread(WORKER_BUFFER_EVENTS, CpuAccounting::Worker);
                            let mut gil_thread = gil.map(|gil| gil.thread(env.cancel));
                            loop {
                                let task = next.fetch_add(1, Ordering::Relaxed);
                                if task >= env.work.tasks || env.cancel.is_cancelled() {
                                    break;
                                }
                                execute_task(env, task, gil_thread.as_mut(), results);
                            }
                        });
                match spawned {
                    Ok(thread) => threads.push(thread),
                    Err(source) => {
                        failure = Some(ExecError::Thread { name, source });
                        // Let the workers already started drain the queue.
                        break;
                    }
                }
            }
            startup = Some(started.elapsed());
            join_all(threads);
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(ExecReport {
                startup,
                gil: gil.map(|g| g.stats()).unwrap_or_default(),
                ..ExecReport::default()
            }),
        }
    }
}
