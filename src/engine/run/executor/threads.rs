//! `threads`: one OS thread per task, like a `threading.Thread` per task.

use super::{ExecError, ExecReport, Executor, RunContext, WorkerParts, join_all};

/// Small stacks: thousands of task threads must fit in memory.
const TASK_THREAD_STACK: usize = 256 * 1024;
/// A task thread's event buffer: a task records few events.
const TASK_THREAD_EVENTS: usize = 64;

/// Starts a thread for every task, then joins them all.
pub struct ThreadPerTask;

impl Executor for ThreadPerTask {
    fn run(&self, ctx: &RunContext<'_>) -> Result<ExecReport, ExecError> {
        let gil = ctx.gil();
        let mut failure = None;
        std::thread::scope(|scope| {
            let mut threads = Vec::new();
            for task in 0..ctx.work.tasks {
                if ctx.cancel.is_cancelled() {
                    break;
                }
                let name = format!("lab-task-{task}");
                let thread = std::thread::Builder::new()
                    .name(name.clone())
                    .stack_size(TASK_THREAD_STACK);
                let spawned = WorkerParts::of(ctx, gil.as_ref()).spawn(
                    scope,
                    thread,
                    TASK_THREAD_EVENTS,
                    std::iter::once(task),
                );
                match spawned {
                    Ok(thread) => threads.push(thread),
                    Err(source) => {
                        failure = Some(ExecError::Thread { name, source });
                        break;
                    }
                }
            }
            if let Some(error) = join_all(threads) {
                failure.get_or_insert(error);
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(ExecReport {
                gil: gil.map(|g| g.stats()).unwrap_or_default(),
                ..ExecReport::default()
            }),
        }
    }
}
