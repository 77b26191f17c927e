//! "Show the Python code": the few lines of ordinary Python that do what a
//! run did, to copy and try — the lesson in the learner's own language.
//!
//! The program is complete and runs as it is (`python3 file.py`); it does the
//! same work as the run, without the lab's recording.

use crate::engine::spec::preset::{Experiment, Model, StartMethod, WorkloadKind};

/// What the program must do.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeSpec {
    /// The execution model.
    pub model: Model,
    /// Pool size, where the model has one.
    pub workers: usize,
    /// Number of tasks.
    pub tasks: u32,
    /// What each task does.
    pub kind: WorkloadKind,
    /// Kernel iterations per task (per CPU task for `convoy`).
    pub cpu_iters: u64,
    /// The computation in ms, when the preset gave it so (for a comment).
    pub cpu_ms: Option<f64>,
    /// Waiting per task (per round for `convoy`), ms.
    pub io_ms: f64,
    /// Bytes per task.
    pub bytes: u64,
    /// `convoy`: waits of the I/O task.
    pub io_rounds: u32,
    /// `convoy`: iterations after each wake-up.
    pub convoy_step_iters: u64,
    /// `process_pool`: the start method, if not the default.
    pub start_method: Option<StartMethod>,
    /// `sys.setswitchinterval`, ms, if set.
    pub switch_interval_ms: Option<f64>,
    /// A free-threaded build asked to run with (`Some(true)`) or without the GIL.
    pub gil_flag: Option<bool>,
    /// Iterations of the serial part, done once before the tasks (0: none).
    pub serial_iters: u64,
    /// The serial part in ms, when the preset gave it (for a comment).
    pub serial_ms: Option<f64>,
}

/// What CPython computes per ms when the interpreter has not been measured
/// yet (a typical figure; the shown code says "about").
const TYPICAL_PYTHON_ITERATIONS_PER_MS: f64 = 15_000.0;

impl CodeSpec {
    /// The program for run `index` of an experiment: a Python run as it ran,
    /// a lab run as its Python counterpart would be written.
    pub fn for_run(experiment: &Experiment, index: usize) -> Option<CodeSpec> {
        let plan = experiment.runs.get(index)?;
        let work = plan.work(&experiment.workload);
        let python = plan.python.as_ref();
        let rate = python
            .and_then(|p| super::calibrate::cached(&p.interpreter, p.gil_flag))
            .or_else(|| {
                let default = super::discover::pythons_if_ready()?
                    .default_python()?
                    .clone();
                super::calibrate::cached(&default, None)
            })
            .map_or(TYPICAL_PYTHON_ITERATIONS_PER_MS, |c| c.iterations_per_ms);
        let cpu_iters = match work.cpu_ms {
            Some(ms) => (rate * ms).round().max(1.0) as u64,
            None => work.cpu_iters,
        };
        Some(CodeSpec {
            model: plan.model,
            workers: plan.workers,
            tasks: work.tasks,
            kind: work.kind,
            cpu_iters,
            cpu_ms: work.cpu_ms,
            io_ms: work.io_ns as f64 / 1e6,
            bytes: work.bytes,
            io_rounds: work.io_rounds,
            convoy_step_iters: (rate / 50.0).max(1.0) as u64,
            start_method: python.and_then(|p| p.start_method),
            switch_interval_ms: python
                .and_then(|p| p.switch_interval_s)
                .map(|s| s * 1000.0)
                .or_else(|| plan.gil.map(|g| g.switch_interval.as_secs_f64() * 1000.0)),
            gil_flag: python.and_then(|p| p.gil_flag),
            serial_iters: work
                .serial_ms
                .map_or(work.serial_iters, |ms| (rate * ms).round().max(1.0) as u64),
            serial_ms: work.serial_ms,
        })
    }
}

/// Whether a model has a Python counterpart to show.
pub fn has_python_code(model: Model) -> bool {
    !matches!(model, Model::AsyncMulti | Model::Rayon)
}

/// The program, or `None` for models Python has no counterpart of.
pub fn python_code(spec: &CodeSpec) -> Option<String> {
    if !has_python_code(spec.model) {
        return None;
    }
    let asynchronous = spec.model == Model::AsyncSingle;
    let mut imports = vec!["import time"];
    imports.extend(kind_imports(spec.kind, asynchronous));
    imports.extend(model_imports(spec));
    imports.sort_unstable();
    imports.dedup();
    let mut out = String::new();
    if let Some(gil) = spec.gil_flag {
        out.push_str(&format!(
            "# Run with a free-threaded build: python3.13t -X gil={} this_file.py\n",
            u8::from(gil)
        ));
    }
    out.push_str(&imports.join("\n"));
    out.push_str("\n\n");
    out.push_str(&constants(spec));
    out.push_str(&work_function(spec, asynchronous));
    out.push('\n');
    out.push_str(&main_block(spec));
    Some(out)
}

fn kind_imports(kind: WorkloadKind, asynchronous: bool) -> Vec<&'static str> {
    match kind {
        WorkloadKind::Sleep | WorkloadKind::Mixed | WorkloadKind::Convoy if asynchronous => {
            vec!["import asyncio"]
        }
        WorkloadKind::File => vec!["import os", "import tempfile"],
        WorkloadKind::Net if asynchronous => {
            vec!["import asyncio", "import socket", "import threading"]
        }
        WorkloadKind::Net => vec!["import socket", "import threading"],
        _ => vec![],
    }
}

fn model_imports(spec: &CodeSpec) -> Vec<&'static str> {
    let mut imports = match spec.model {
        Model::Threads => vec!["import threading"],
        Model::ThreadPool => vec!["from concurrent.futures import ThreadPoolExecutor"],
        Model::ProcessPool => vec!["from concurrent.futures import ProcessPoolExecutor"],
        Model::InterpreterPool => vec!["from concurrent.futures import InterpreterPoolExecutor"],
        Model::AsyncSingle => vec!["import asyncio"],
        _ => vec![],
    };
    if spec.model == Model::ProcessPool && spec.start_method.is_some() {
        imports.push("import multiprocessing");
    }
    if spec.switch_interval_ms.is_some() {
        imports.push("import sys");
    }
    imports
}

fn constants(spec: &CodeSpec) -> String {
    let mut out = String::new();
    let computes = matches!(
        spec.kind,
        WorkloadKind::Cpu | WorkloadKind::Mixed | WorkloadKind::Convoy
    );
    if computes || spec.serial_iters > 0 {
        out.push_str("P = 2**61 - 1                # a prime: x * M % P cannot be cut short\n");
        out.push_str("M = 0x2545F4914F6CDD1D % P\n");
    }
    if spec.serial_iters > 0 {
        let about = spec
            .serial_ms
            .map(|ms| format!(", about {ms} ms"))
            .unwrap_or_default();
        out.push_str(&format!(
            "SERIAL_ITERATIONS = {}  # done once by one thread before the tasks{about}\n",
            spec.serial_iters
        ));
    }
    if computes {
        let about = spec
            .cpu_ms
            .map(|ms| format!("  # about {ms} ms of computation on the machine it ran on"))
            .unwrap_or_default();
        out.push_str(&format!("ITERATIONS = {}{about}\n", spec.cpu_iters));
    }
    if matches!(
        spec.kind,
        WorkloadKind::Sleep | WorkloadKind::Mixed | WorkloadKind::Convoy | WorkloadKind::Net
    ) {
        out.push_str(&format!("WAIT_S = {}\n", trim_float(spec.io_ms / 1000.0)));
    }
    if spec.kind == WorkloadKind::Convoy {
        out.push_str(&format!(
            "ROUNDS = {}\nSTEP = {}\n",
            spec.io_rounds, spec.convoy_step_iters
        ));
    }
    if matches!(spec.kind, WorkloadKind::File | WorkloadKind::Memory) {
        out.push_str(&format!("BYTES = {}\n", spec.bytes));
    }
    out.push_str(&format!("TASKS = {}\n", spec.tasks));
    if spec.kind == WorkloadKind::Net {
        out.push_str(NET_SERVER);
    }
    out.push('\n');
    out
}

/// The lab answers `net` requests from an echo server of its own; the
/// program starts a small one too.
const NET_SERVER: &str = r#"

def echo_server():
    """Answers each 64-byte request after WAIT_S, like the lab's echo server."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer(conn):
        with conn:
            request = conn.recv(64)
            time.sleep(WAIT_S)
            conn.sendall(request)

    def serve():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()
"#;

fn trim_float(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0');
    text.strip_suffix('.')
        .map_or_else(|| text.to_owned(), |t| format!("{t}.0"))
}

fn compute_lines(indent: &str, state: &str, iterations: &str) -> String {
    format!("{indent}for _ in range({iterations}):\n{indent}    {state} = {state} * M % P\n")
}

fn work_function(spec: &CodeSpec, asynchronous: bool) -> String {
    let (def, sleep) = if asynchronous {
        ("async def", "await asyncio.sleep(WAIT_S)")
    } else {
        ("def", "time.sleep(WAIT_S)")
    };
    let args = if spec.kind == WorkloadKind::Net {
        "task, address"
    } else {
        "task"
    };
    let mut body = format!("{def} work({args}):\n");
    match spec.kind {
        WorkloadKind::Cpu => {
            body.push_str("    x = task + 1\n");
            body.push_str(&compute_lines("    ", "x", "ITERATIONS"));
            body.push_str("    return x\n");
        }
        WorkloadKind::Sleep => body.push_str(&format!("    {sleep}\n    return task\n")),
        WorkloadKind::Mixed => {
            body.push_str("    x = task + 1\n");
            body.push_str(&compute_lines("    ", "x", "ITERATIONS"));
            body.push_str(&format!("    {sleep}\n    return x\n"));
        }
        WorkloadKind::Convoy => {
            body.push_str("    x = task + 1\n    if task == 0:  # the I/O task: short waits, a moment of work after each\n");
            body.push_str(&format!(
                "        for _ in range(ROUNDS):\n            {sleep}\n"
            ));
            body.push_str(&compute_lines("            ", "x", "STEP"));
            body.push_str("        return x\n");
            body.push_str(&compute_lines("    ", "x", "ITERATIONS"));
            body.push_str("    return x\n");
        }
        WorkloadKind::Memory => {
            body.push_str("    buffer = bytearray(BYTES)\n    buffer[:] = bytes([task % 256]) * BYTES\n    return sum(buffer[::4096])\n");
        }
        WorkloadKind::File => {
            body.push_str("    data = bytes([task % 256]) * BYTES\n");
            body.push_str("    with tempfile.NamedTemporaryFile() as f:\n");
            body.push_str(
                "        f.write(data)\n        f.flush()\n        os.fsync(f.fileno())\n",
            );
            body.push_str("        f.seek(0)\n        assert f.read() == data\n    return task\n");
        }
        WorkloadKind::Net if asynchronous => {
            body.push_str("    reader, writer = await asyncio.open_connection(*address)\n");
            body.push_str("    writer.write(bytes(64))\n    await writer.drain()\n");
            body.push_str("    answer = await reader.readexactly(64)\n    writer.close()\n    await writer.wait_closed()\n    return len(answer)\n");
        }
        WorkloadKind::Net => {
            body.push_str("    with socket.create_connection(address) as conn:\n");
            body.push_str("        conn.sendall(bytes(64))\n        return len(conn.recv(64))\n");
        }
    }
    body
}

fn main_block(spec: &CodeSpec) -> String {
    let mut out = String::from("\nif __name__ == \"__main__\":\n");
    if let Some(ms) = spec.switch_interval_ms {
        out.push_str(&format!(
            "    sys.setswitchinterval({})  # the GIL's switch interval, s\n",
            trim_float(ms / 1000.0)
        ));
    }
    let net = spec.kind == WorkloadKind::Net;
    if net {
        out.push_str("    address = echo_server()\n");
    }
    let call = if net { "work(t, address)" } else { "work(t)" };
    let map_args = if net {
        "work, range(TASKS), [address] * TASKS"
    } else {
        "work, range(TASKS)"
    };
    out.push_str("    start = time.perf_counter()\n");
    if spec.serial_iters > 0 {
        out.push_str("    x = 1  # the serial part: nothing else runs meanwhile\n    for _ in range(SERIAL_ITERATIONS):\n        x = x * M % P\n");
    }
    let run = match spec.model {
        Model::Sequential => format!("    results = [{call} for t in range(TASKS)]\n"),
        Model::Threads => {
            let args = if net { "(t, address)" } else { "(t,)" };
            format!(
                "    threads = [threading.Thread(target=work, args={args}) for t in range(TASKS)]\n    for thread in threads:\n        thread.start()\n    for thread in threads:\n        thread.join()\n"
            )
        }
        Model::ThreadPool => format!(
            "    with ThreadPoolExecutor(max_workers={}) as executor:\n        results = list(executor.map({map_args}))\n",
            spec.workers
        ),
        Model::ProcessPool => {
            let context = spec.start_method.map_or_else(String::new, |m| {
                format!(", mp_context=multiprocessing.get_context(\"{}\")", m.name())
            });
            format!(
                "    with ProcessPoolExecutor(max_workers={}{context}) as executor:\n        results = list(executor.map({map_args}))\n",
                spec.workers
            )
        }
        Model::InterpreterPool => format!(
            "    # Each worker is an interpreter of its own in one process (Python 3.14+).\n    with InterpreterPoolExecutor(max_workers={}) as executor:\n        results = list(executor.map({map_args}))\n",
            spec.workers
        ),
        Model::AsyncSingle => {
            let coroutine = if net { "work(t, address)" } else { "work(t)" };
            format!(
                "\n    async def main():\n        return await asyncio.gather(*({coroutine} for t in range(TASKS)))\n\n    results = asyncio.run(main())\n"
            )
        }
        Model::AsyncMulti | Model::Rayon => String::new(),
    };
    out.push_str(&run);
    out.push_str("    print(f\"{TASKS} tasks in {time.perf_counter() - start:.3f} s\")\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(model: Model, kind: WorkloadKind) -> CodeSpec {
        CodeSpec {
            model,
            workers: 4,
            tasks: 8,
            kind,
            cpu_iters: 1000,
            cpu_ms: Some(60.0),
            io_ms: 50.0,
            bytes: 4096,
            io_rounds: 5,
            convoy_step_iters: 10,
            start_method: None,
            switch_interval_ms: None,
            gil_flag: None,
            serial_iters: 0,
            serial_ms: None,
        }
    }

    #[test]
    fn a_thread_pool_reads_like_a_person_wrote_it() {
        let code = python_code(&spec(Model::ThreadPool, WorkloadKind::Cpu)).expect("code");
        assert!(code.contains("with ThreadPoolExecutor(max_workers=4) as executor:"));
        assert!(code.contains("results = list(executor.map(work, range(TASKS)))"));
        assert!(code.contains("ITERATIONS = 1000  # about 60 ms"));
        assert!(code.contains("if __name__ == \"__main__\":"));
    }

    #[test]
    fn process_pools_name_their_start_method_and_asyncio_awaits() {
        let mut process = spec(Model::ProcessPool, WorkloadKind::Sleep);
        process.start_method = Some(StartMethod::Spawn);
        let code = python_code(&process).expect("code");
        assert!(code.contains("mp_context=multiprocessing.get_context(\"spawn\")"));
        let code = python_code(&spec(Model::AsyncSingle, WorkloadKind::Sleep)).expect("code");
        assert!(code.contains("await asyncio.sleep(WAIT_S)"));
        assert!(code.contains("asyncio.run(main())"));
    }

    #[test]
    fn models_without_a_python_counterpart_have_no_code() {
        assert!(python_code(&spec(Model::Rayon, WorkloadKind::Cpu)).is_none());
        assert!(python_code(&spec(Model::AsyncMulti, WorkloadKind::Cpu)).is_none());
    }

    #[test]
    fn floats_print_plainly() {
        assert_eq!(trim_float(0.05), "0.05");
        assert_eq!(trim_float(1.0), "1.0");
        assert_eq!(trim_float(0.005), "0.005");
    }
}
