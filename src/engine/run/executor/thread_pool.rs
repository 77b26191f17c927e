//! `thread_pool`: fixed worker threads pulling tasks from a shared queue, like
//! `concurrent.futures.ThreadPoolExecutor(workers)`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use super::{
    ExecError, ExecReport, Executor, RunContext, WORKER_BUFFER_EVENTS, WorkerParts, join_all,
};

/// `workers` threads take the next task index until none are left. (The task
/// list is fixed, so an atomic counter is the queue.)
pub struct ThreadPool;

impl Executor for ThreadPool {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let gil = ctx.gil();
        let next = AtomicU32::new(0);
        let tasks = ctx.work.tasks;
        let started = Instant::now();
        let mut failure = None;
        let mut startup = None;
        std::thread::scope(|scope| {
            let mut threads = Vec::new();
            for worker in 0..ctx.plan.workers {
                let name = format!("lab-worker-{worker}");
                let next = &next;
                let cancel = ctx.cancel;
                let tasks = std::iter::from_fn(move || {
                    let task = next.fetch_add(1, Ordering::Relaxed);
                    (task < tasks && !cancel.is_cancelled()).then_some(task)
                });
                let thread = std::thread::Builder::new().name(name.clone());
                let spawned = WorkerParts::of(ctx, gil.as_ref()).spawn(
                    scope,
                    thread,
                    WORKER_BUFFER_EVENTS,
                    tasks,
                );
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
            if let Some(error) = join_all(threads) {
                failure.get_or_insert(error);
            }
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
