"""Concurrency Lab's Python program: runs one repetition of one run in CPython.

The lab writes this file to a private temporary folder and starts it with the
chosen interpreter in isolated mode (``python -I -B lab_driver.py``), with no
shell. It is standard library only and runs no user code.

Protocol (JSON, one object per line; the lab speaks first only once):

1. the driver says ``{"type": "hello", ...}`` (who it is) as soon as it starts;
2. the lab sends one request line; the driver answers ``{"type": "clock"}``
   with its ``perf_counter_ns`` at once, so the lab can align the clocks;
3. ``mode = "calibrate"``: ``{"type": "calibration", "iterations_per_ms"}``;
   ``mode = "run"``: ``started``, then ``batch`` lines (task events and
   results, per lane), then ``finished``;
4. ``{"type": "bye"}``, and the driver exits. A fatal problem is
   ``{"type": "error", "message"}`` and exit status 1.

When its standard input closes (the lab stopped or died), the driver kills its
own process group (Unix), so no pool worker outlives the lab.

Every task does the same real work as in the lab's own executors and returns
the same checksum, which the lab verifies: the kernel below is the lab's
multiplicative generator modulo 2**61 - 1, the patterns, requests and hashes
are the lab's, bit for bit.

Compatible with CPython 3.8 and later (no newer syntax).
"""

import os
import sys
import threading
import time

PROTOCOL = 1

MASK64 = (1 << 64) - 1
MODULUS = (1 << 61) - 1
MULTIPLIER = 0x2545F4914F6CDD1D % MODULUS
PATTERN_STEP = 0x9E3779B97F4A7C15
NET_MESSAGE_BYTES = 64

# Event kinds, as the lab numbers them on the wire.
EV_START, EV_RUNNING, EV_NOT_RUNNING, EV_IO_WAIT, EV_END, EV_FAILED = range(6)

# Shorter computing stretches are not timed with the thread's CPU clock:
# reading it costs about a microsecond, which tiny tasks cannot afford.
MEASURE_MIN_CHUNKS = 1
# Time lost in a stretch below this is noise (interrupts, clock reads), ns.
NOT_RUNNING_MIN_NS = 50_000

perf_counter_ns = time.perf_counter_ns
get_native_id = threading.get_native_id


# ----------------------------------------------------------------------------
# The lab's arithmetic, bit for bit.


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


# The task id the serial part's seed comes from (no task has it).
SERIAL_PART = 0xFFFFFFFF


def kernel_seed(task):
    return splitmix64(task ^ 0x5EEDCAFEF00DD00D) % (MODULUS - 1) + 1


def spin(state, iterations):
    """Steps the generator: this is the computation."""
    m = MULTIPLIER
    p = MODULUS
    for _ in range(iterations):
        state = state * m % p
    return state


def jump(state, iterations):
    """Where `spin` ends, in O(log n) (for self-checks)."""
    return state * pow(MULTIPLIER, iterations, MODULUS) % MODULUS


def sleep_token(task):
    return splitmix64(task ^ 0x51EE9000)


def pattern_seed(task):
    return splitmix64(task ^ 0xB17E5000)


def fnv1a(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & MASK64
    return h


def net_request(task, delay_ns):
    words = [(delay_ns // 1000) & MASK64]
    head = words[0].to_bytes(8, "little") + task.to_bytes(4, "little") + bytes(4)
    body = b"".join(
        splitmix64(task * 8 + i).to_bytes(8, "little") for i in range(6)
    )
    return head + body


# ----------------------------------------------------------------------------
# Which core: where the platform tells it, cheaply.


def core_getter():
    """A function returning the current logical CPU, or None where unknown."""
    try:
        import ctypes

        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=False)
            getcpu = libc.sched_getcpu
            getcpu.restype = ctypes.c_int
            getcpu.argtypes = []
            if getcpu() >= 0:
                return getcpu
        elif sys.platform == "win32":
            getcpu = ctypes.windll.kernel32.GetCurrentProcessorNumber
            getcpu.restype = ctypes.c_ulong
            getcpu()
            return getcpu
    except Exception:
        pass
    return None


def thread_clock_usable():
    """The thread CPU clock is fine enough to time ~1 ms stretches."""
    try:
        info = time.get_clock_info("thread_time")
        time.thread_time_ns()
        return info.resolution <= 1e-5
    except Exception:
        return False


# ----------------------------------------------------------------------------
# Recording: one buffer per thread (a lane), handed over in batches.


class Lane(object):
    """The events of one OS thread (or one worker process)."""

    __slots__ = ("pid", "tid", "name", "events", "sent", "announced", "results", "results_sent")

    def __init__(self, pid, tid, name):
        self.pid = pid
        self.tid = tid
        self.name = name
        # (task, checksum, error) of tasks that ended here: appended by the
        # lane's own thread only, handed over like the events.
        self.results = []
        self.results_sent = 0
        # Flat: t_ns, task, cpu, kind, t_ns, task, cpu, kind, ... Only ever
        # extended (by its own thread, four or eight items at once): a batch
        # takes the part after `sent`, so nothing is lost to a race.
        self.events = []
        self.sent = 0
        self.announced = False


class Recorder(object):
    """Collects lanes and results; writes batches while the run goes."""

    def __init__(self, out, flush_every_ns, live_limit):
        self.out = out
        self.flush_every_ns = flush_every_ns
        self.live_limit = live_limit
        self.lanes = []
        self.results = []
        self.lock = threading.Lock()
        self.local = threading.local()
        self.last_flush_ns = 0
        self.getcpu = core_getter()
        self.pid = os.getpid()
        self.worker_cpu = {}

    def lane(self):
        """This thread's lane (made on first use)."""
        try:
            return self.local.lane
        except AttributeError:
            lane = Lane(self.pid, get_native_id(), threading.current_thread().name)
            self.local.lane = lane
            with self.lock:
                self.lanes.append(lane)
            return lane

    def foreign_lane(self, pid, tid, name):
        """A lane for events recorded in another process."""
        key = (pid, tid)
        with self.lock:
            for lane in self.lanes:
                if (lane.pid, lane.tid) == key:
                    return lane
            lane = Lane(pid, tid, name)
            self.lanes.append(lane)
            return lane

    def result(self, task, checksum, error):
        """A result recorded outside any lane (a pool's parent gathering them)."""
        with self.lock:
            self.results.append((task, checksum, error))

    def maybe_flush(self, now_ns):
        """Hands over what is recorded if the last batch is old enough.

        Big batches (tiny tasks by the thousand) wait for the end of the run,
        so that encoding them is not part of what is measured.
        """
        if now_ns - self.last_flush_ns < self.flush_every_ns:
            return
        with self.lock:
            if now_ns - self.last_flush_ns < self.flush_every_ns:
                return
            pending = sum(len(lane.events) - lane.sent for lane in self.lanes) // 4
            if pending > self.live_limit:
                return
            self.last_flush_ns = now_ns
            self._write_batch()

    def flush_all(self):
        with self.lock:
            self._write_batch()

    def _write_batch(self):
        lanes = []
        for lane in self.lanes:
            end = len(lane.events)
            end -= end % 4
            if end == lane.sent and lane.announced:
                continue
            events = lane.events[lane.sent:end]
            lane.sent = end
            lanes.append(
                {"pid": lane.pid, "tid": lane.tid, "name": lane.name, "events": events}
            )
            lane.announced = True
        results = self.results
        self.results = []
        for lane in self.lanes:
            end = len(lane.results)
            if end > lane.results_sent:
                results.extend(lane.results[lane.results_sent:end])
                lane.results_sent = end
        if lanes or results:
            send(self.out, {"type": "batch", "lanes": lanes, "results": results})


# ----------------------------------------------------------------------------
# The work of one task.


class TaskFailed(Exception):
    pass


class Work(object):
    """The workload as the lab resolved it for this interpreter."""

    def __init__(self, spec, services):
        self.kind = spec["kind"]
        self.tasks = int(spec["tasks"])
        self.cpu_iters = int(spec["cpu_iters"])
        self.chunk_iters = max(1, int(spec["chunk_iters"]))
        self.convoy_step_iters = max(1, int(spec["convoy_step_iters"]))
        self.io_s = int(spec["io_ns"]) / 1e9
        self.io_ns = int(spec["io_ns"])
        self.bytes = int(spec["bytes"])
        self.io_rounds = int(spec["io_rounds"])
        self.fault_task = spec.get("fault_task")
        echo = services.get("echo_addr")
        if echo:
            host, _, port = echo.rpartition(":")
            self.echo = (host.strip("[]"), int(port))
        else:
            self.echo = None
        self.temp_dir = services.get("temp_dir")
        self.measure = thread_clock_usable()


class Task(object):
    """One task in progress on one lane: computes in timed stretches, waits."""

    __slots__ = ("work", "task", "events", "getcpu")

    def __init__(self, work, task, events, getcpu):
        self.work = work
        self.task = task
        self.events = events
        self.getcpu = getcpu

    def mark(self, kind):
        getcpu = self.getcpu
        self.events.extend(
            (perf_counter_ns(), self.task, getcpu() if getcpu else -1, kind)
        )

    def compute(self, state, iterations):
        work = self.work
        chunk = work.chunk_iters
        if not work.measure or iterations < chunk * MEASURE_MIN_CHUNKS:
            return spin(state, iterations)
        events = self.events
        task = self.task
        thread_time_ns = time.thread_time_ns
        left = iterations
        while left > 0:
            step = chunk if left > chunk else left
            w0 = perf_counter_ns()
            c0 = thread_time_ns()
            state = spin(state, step)
            c1 = thread_time_ns()
            w1 = perf_counter_ns()
            lost = (w1 - w0) - (c1 - c0)
            if lost > NOT_RUNNING_MIN_NS:
                # When in the stretch the thread lost the CPU is unknown:
                # drawn at its start, its length exact.
                events.extend((w0, task, -1, EV_NOT_RUNNING, w0 + lost, task, -1, EV_RUNNING))
            left -= step
        return state

    def sleep(self, seconds):
        self.mark(EV_IO_WAIT)
        time.sleep(seconds)
        self.mark(EV_RUNNING)

    def pattern(self):
        from array import array

        words = self.work.bytes // 8
        seed = pattern_seed(self.task)
        step = PATTERN_STEP
        data = array("Q", [(seed + i * step) & MASK64 for i in range(words)])
        return data

    def run(self):
        """The task's body; returns its checksum."""
        work = self.work
        task = self.task
        if work.fault_task is not None and work.fault_task == task:
            raise TaskFailed("deliberate fault injected into task %d" % task)
        kind = work.kind
        if kind == "cpu" or (kind == "convoy" and task != 0):
            return self.compute(kernel_seed(task), work.cpu_iters)
        if kind == "sleep":
            self.sleep(work.io_s)
            return sleep_token(task)
        if kind == "mixed":
            state = self.compute(kernel_seed(task), work.cpu_iters)
            self.sleep(work.io_s)
            return state ^ sleep_token(task)
        if kind == "convoy":
            state = kernel_seed(task)
            for _ in range(work.io_rounds):
                self.sleep(work.io_s)
                state = self.compute(state, work.convoy_step_iters)
            return state
        if kind == "memory":
            return self.memory()
        if kind == "file":
            return self.file()
        if kind == "net":
            return self.net()
        raise TaskFailed("unknown workload kind %r" % kind)

    def memory(self):
        from array import array

        data = self.pattern()
        if sys.byteorder != "little":
            data.byteswap()
        buffer = bytearray(data.tobytes())
        back = array("Q")
        back.frombytes(bytes(buffer))
        if sys.byteorder != "little":
            back.byteswap()
        return sum(back) & MASK64

    def file(self):
        from array import array

        data = self.pattern()
        if self.work.temp_dir is None:
            raise TaskFailed("no temporary folder for file tasks")
        path = os.path.join(self.work.temp_dir, "py-task-%d.bin" % self.task)
        self.mark(EV_IO_WAIT)
        try:
            raw = data.tobytes() if sys.byteorder == "little" else _swapped(data)
            with open(path, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            with open(path, "rb") as f:
                back_raw = f.read(len(raw) + 1)
            if len(back_raw) != len(raw):
                raise TaskFailed("%s: read back %d bytes, wrote %d" % (path, len(back_raw), len(raw)))
            back = array("Q")
            back.frombytes(back_raw)
            if sys.byteorder != "little":
                back.byteswap()
            if back != data:
                raise TaskFailed("%s: read back differs from what was written" % path)
        finally:
            try:
                os.remove(path)
            except OSError:
                pass
        self.mark(EV_RUNNING)
        return sum(back) & MASK64

    def net(self):
        import socket

        if self.work.echo is None:
            raise TaskFailed("no echo server for net tasks")
        request = net_request(self.task, self.work.io_ns)
        self.mark(EV_IO_WAIT)
        with socket.create_connection(self.work.echo, timeout=70) as conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.sendall(request)
            answer = b""
            while len(answer) < NET_MESSAGE_BYTES:
                part = conn.recv(NET_MESSAGE_BYTES - len(answer))
                if not part:
                    raise TaskFailed("echo server %s:%d closed the connection" % self.work.echo)
                answer += part
        self.mark(EV_RUNNING)
        return fnv1a(answer)


def _swapped(data):
    copy = data[:]
    copy.byteswap()
    return copy.tobytes()


def last_line(error):
    """An exception as one line, like the last line of a traceback."""
    import traceback

    lines = traceback.format_exception_only(type(error), error)
    text = lines[-1].strip() if lines else repr(error)
    return text[:500]


# A task shorter than this keeps the core it started on as its end core:
# asking again costs more than such a task (ns).
END_CORE_MIN_NS = 200_000


def run_task(work, recorder, task):
    """One task from start to recorded outcome, on the calling thread.

    Kept lean — a clock read, a core number, two list appends — so that tiny
    tasks measure Python, not the lab (see BENCHMARKS.md).
    """
    lane = recorder.lane()
    events = lane.events
    getcpu = recorder.getcpu
    t0 = perf_counter_ns()
    cpu = getcpu() if getcpu else -1
    events.extend((t0, task, cpu, EV_START, t0, task, cpu, EV_RUNNING))
    # A long task shows up live from its start, not only once it ends.
    if t0 - recorder.last_flush_ns >= recorder.flush_every_ns:
        recorder.maybe_flush(t0)
    try:
        checksum = Task(work, task, events, getcpu).run()
        error = None
        kind = EV_END
    except Exception as e:
        checksum = None
        error = last_line(e)
        kind = EV_FAILED
    t = perf_counter_ns()
    if getcpu and t - t0 >= END_CORE_MIN_NS:
        cpu = getcpu()
    events.extend((t, task, cpu, kind))
    lane.results.append((task, checksum, error))
    if t - recorder.last_flush_ns >= recorder.flush_every_ns:
        recorder.maybe_flush(t)


# ----------------------------------------------------------------------------
# Process pools: the worker side.

_WORKER = {}


def _pool_init(work_spec, services, switch_interval_s):
    """Runs once in every worker process."""
    if switch_interval_s:
        sys.setswitchinterval(switch_interval_s)
    _WORKER["work"] = Work(work_spec, services)
    _WORKER["getcpu"] = core_getter()
    _WORKER["pid"] = os.getpid()
    _WORKER["tid"] = get_native_id()


def pool_task(task):
    """A task in a worker process: its events and outcome go back with it."""
    work = _WORKER["work"]
    getcpu = _WORKER["getcpu"]
    events = []
    t = perf_counter_ns()
    cpu = getcpu() if getcpu else -1
    events.extend((t, task, cpu, EV_START, t, task, cpu, EV_RUNNING))
    try:
        checksum = Task(work, task, events, getcpu).run()
        error = None
        kind = EV_END
    except Exception as e:
        checksum = None
        error = last_line(e)
        kind = EV_FAILED
    events.extend((perf_counter_ns(), task, getcpu() if getcpu else -1, kind))
    return (_WORKER["pid"], _WORKER["tid"], events, task, checksum, error, time.process_time_ns())


# ----------------------------------------------------------------------------
# The models: each as a person would write it.


def model_sequential(work, recorder, workers):
    for task in range(work.tasks):
        run_task(work, recorder, task)


def model_threads(work, recorder, workers):
    threads = [
        threading.Thread(target=run_task, args=(work, recorder, task), name="Thread-%d" % task)
        for task in range(work.tasks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def model_thread_pool(work, recorder, workers):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as executor:
        for _ in executor.map(lambda task: run_task(work, recorder, task), range(work.tasks)):
            pass


def model_process_pool(work, recorder, workers, request):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    method = request.get("start_method")
    context = multiprocessing.get_context(method) if method else multiprocessing.get_context()
    initargs = (request["work"], request["services"], request.get("switch_interval_s"))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_pool_init, initargs=initargs
    ) as executor:
        _ACTIVE["process_pool"] = executor
        futures = [executor.submit(pool_task, task) for task in range(work.tasks)]
        for future in as_completed(futures):
            pid, tid, events, task, checksum, error, cpu_ns = future.result()
            lane = recorder.foreign_lane(pid, tid, "process %d" % pid)
            lane.events.extend(events)
            recorder.worker_cpu[pid] = max(cpu_ns, recorder.worker_cpu.get(pid, 0))
            recorder.result(task, checksum, error)
            recorder.maybe_flush(perf_counter_ns())


def model_async_single(work, recorder, workers):
    import asyncio

    async def sleep(body, seconds):
        body.mark(EV_IO_WAIT)
        await asyncio.sleep(seconds)
        body.mark(EV_RUNNING)

    async def net(body):
        if work.echo is None:
            raise TaskFailed("no echo server for net tasks")
        request = net_request(body.task, work.io_ns)
        body.mark(EV_IO_WAIT)
        reader, writer = await asyncio.open_connection(work.echo[0], work.echo[1])
        try:
            writer.write(request)
            await writer.drain()
            answer = await reader.readexactly(NET_MESSAGE_BYTES)
        finally:
            writer.close()
            await writer.wait_closed()
        body.mark(EV_RUNNING)
        return fnv1a(answer)

    async def body_of(body):
        task = body.task
        kind = work.kind
        if work.fault_task is not None and work.fault_task == task:
            raise TaskFailed("deliberate fault injected into task %d" % task)
        if kind == "sleep":
            await sleep(body, work.io_s)
            return sleep_token(task)
        if kind == "mixed":
            state = body.compute(kernel_seed(task), work.cpu_iters)
            await sleep(body, work.io_s)
            return state ^ sleep_token(task)
        if kind == "convoy" and task == 0:
            state = kernel_seed(task)
            for _ in range(work.io_rounds):
                await sleep(body, work.io_s)
                state = body.compute(state, work.convoy_step_iters)
            return state
        if kind == "net":
            return await net(body)
        # Computation and files block the loop, as they would in asyncio.
        return body.run()

    async def one(task):
        lane = recorder.lane()
        events = lane.events
        getcpu = recorder.getcpu
        t = perf_counter_ns()
        cpu = getcpu() if getcpu else -1
        events.extend((t, task, cpu, EV_START, t, task, cpu, EV_RUNNING))
        try:
            checksum = await body_of(Task(work, task, events, getcpu))
            error = None
            kind = EV_END
        except Exception as e:
            checksum = None
            error = last_line(e)
            kind = EV_FAILED
        t = perf_counter_ns()
        events.extend((t, task, getcpu() if getcpu else -1, kind))
        lane.results.append((task, checksum, error))
        recorder.maybe_flush(t)

    async def main():
        await asyncio.gather(*(one(task) for task in range(work.tasks)))

    asyncio.run(main())


def model_interpreter_pool(work, recorder, workers, request):
    """InterpreterPoolExecutor (3.14+): one interpreter per worker thread.

    The callable is pickled by reference, so it must be importable in each
    interpreter: this file's folder goes on their `sys.path` (an `exec`
    initializer, since builtins pickle by name) and the task is this module's
    `interpreter_task`, imported under the name `lab_driver`.
    """
    from concurrent.futures import InterpreterPoolExecutor, as_completed

    folder = os.path.dirname(os.path.abspath(__file__))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import lab_driver

    setup = "import sys\nif %r not in sys.path: sys.path.insert(0, %r)\n" % (folder, folder)
    with InterpreterPoolExecutor(
        max_workers=workers, initializer=exec, initargs=(setup,)
    ) as executor:
        futures = [
            executor.submit(
                lab_driver.interpreter_task,
                request["work"],
                request["services"],
                task,
            )
            for task in range(work.tasks)
        ]
        for future in as_completed(futures):
            pid, tid, events, task, checksum, error = future.result()
            lane = recorder.foreign_lane(pid, tid, "interpreter thread %d" % tid)
            lane.events.extend(events)
            recorder.result(task, checksum, error)
            recorder.maybe_flush(perf_counter_ns())


_INTERPRETER = {}


def interpreter_task(work_spec, services, task):
    """A task inside a subinterpreter; its events go back with the result."""
    work = _INTERPRETER.get("work")
    if work is None:
        work = _INTERPRETER["work"] = Work(work_spec, services)
        _INTERPRETER["getcpu"] = core_getter()
    getcpu = _INTERPRETER["getcpu"]
    events = []
    t = perf_counter_ns()
    cpu = getcpu() if getcpu else -1
    events.extend((t, task, cpu, EV_START, t, task, cpu, EV_RUNNING))
    try:
        checksum = Task(work, task, events, getcpu).run()
        error = None
        kind = EV_END
    except Exception as e:
        checksum = None
        error = last_line(e)
        kind = EV_FAILED
    events.extend((perf_counter_ns(), task, getcpu() if getcpu else -1, kind))
    return (os.getpid(), get_native_id(), events, task, checksum, error)


# ----------------------------------------------------------------------------
# The same models with nothing recorded: what a plain `executor.map` of the
# same work costs, for the benchmark of what recording adds.

_PLAIN = {}


def plain_task(task):
    return Task(_PLAIN["work"], task, [], None).run()


def _plain_init(work_spec, services):
    _PLAIN["work"] = Work(work_spec, services)


def plain_run(work, model, workers, request):
    _PLAIN["work"] = work
    tasks = range(work.tasks)
    if model == "sequential":
        return [plain_task(task) for task in tasks]
    if model == "threads":
        threads = [threading.Thread(target=plain_task, args=(task,)) for task in tasks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return None
    if model == "thread_pool":
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(plain_task, tasks))
    if model == "process_pool":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = request.get("start_method")
        context = multiprocessing.get_context(method) if method else multiprocessing.get_context()
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_plain_init,
            initargs=(request["work"], request["services"]),
        ) as executor:
            return list(executor.map(plain_task, tasks))
    if model == "async_single":
        import asyncio

        async def one(task):
            return plain_task(task)

        async def main():
            return await asyncio.gather(*(one(task) for task in tasks))

        return asyncio.run(main())
    raise ValueError("no plain form of model %r" % model)


MODELS = {
    "sequential": model_sequential,
    "threads": model_threads,
    "thread_pool": model_thread_pool,
    "process_pool": model_process_pool,
    "async_single": model_async_single,
    "interpreter_pool": model_interpreter_pool,
}
NEEDS_REQUEST = ("process_pool", "interpreter_pool")


# ----------------------------------------------------------------------------
# The conversation with the lab.


def send(out, message):
    import json

    out.write(json.dumps(message, separators=(",", ":")))
    out.write("\n")
    out.flush()


def identity():
    import platform
    import sysconfig

    gil_enabled = True
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is not None:
        gil_enabled = bool(is_gil_enabled())
    return {
        "type": "hello",
        "protocol": PROTOCOL,
        "pid": os.getpid(),
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": gil_enabled,
        "executable": sys.executable,
    }


def calibrate():
    """Kernel iterations per ms on one core: the best of several bursts."""
    state = spin(kernel_seed(0), 20000)
    best = 0.0
    block = 2000
    for _ in range(7):
        iterations = 0
        start = perf_counter_ns()
        while perf_counter_ns() - start < 20_000_000:
            state = spin(state, block)
            iterations += block
        rate = iterations / ((perf_counter_ns() - start) / 1e6)
        if rate > best:
            best = rate
    return best


def run(out, request):
    work = Work(request["work"], request["services"])
    model = request["model"]
    workers = int(request.get("workers") or 1)
    interval = request.get("switch_interval_s")
    if interval:
        sys.setswitchinterval(float(interval))
    recorder = Recorder(
        out,
        int(request.get("flush_every_ms", 50) * 1_000_000),
        int(request.get("live_limit", 4096)),
    )
    function = MODELS.get(model)
    if function is None:
        raise ValueError("unknown model %r" % model)
    cpu_before = time.process_time_ns()
    t0 = perf_counter_ns()
    send(out, {"type": "started", "t_ns": t0})
    # Amdahl's serial part: one thread, before the tasks, inside the window.
    serial = int(request["work"].get("serial_iters", 0))
    serial_state = spin(kernel_seed(SERIAL_PART), serial) if serial else None
    if not request.get("record", True):
        plain_run(work, model, workers, request)
    elif model in NEEDS_REQUEST:
        function(work, recorder, workers, request)
    else:
        function(work, recorder, workers)
    t1 = perf_counter_ns()
    cpu_ns = time.process_time_ns() - cpu_before
    recorder.flush_all()
    gil_enabled = True
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is not None:
        gil_enabled = bool(is_gil_enabled())
    send(
        out,
        {
            "type": "finished",
            "t_start_ns": t0,
            "t_end_ns": t1,
            "cpu_ns": cpu_ns,
            "worker_cpu_ns": sum(recorder.worker_cpu.values()),
            "workers": sorted(recorder.worker_cpu),
            "gil_enabled": gil_enabled,
            "switch_interval_s": sys.getswitchinterval(),
            "serial_state": serial_state,
        },
    )


def read_line(fd):
    """One line from a file descriptor, unbuffered (nothing read past it)."""
    data = bytearray()
    while True:
        byte = os.read(fd, 1)
        if not byte or byte == b"\n":
            return bytes(data)
        data += byte


# The process pool running now, so that a stop can kill its workers.
_ACTIVE = {}


def unlink_semaphores():
    """Removes the named semaphores this process made (spawn and forkserver
    pools make them; a process killed outright would leave them in
    /dev/shm). Found through the garbage collector, which knows every
    SemLock alive here."""
    try:
        import gc
        import _multiprocessing
        from multiprocessing.synchronize import SemLock

        for obj in gc.get_objects():
            if isinstance(obj, SemLock):
                name = getattr(obj._semlock, "name", None)
                if name:
                    try:
                        _multiprocessing.sem_unlink(name)
                    except Exception:
                        pass
    except Exception:
        pass


def stop_now():
    """Removes this process's named semaphores, kills the pool's workers (and
    a fork server), then this process.

    Not the whole process group: `multiprocessing`'s resource tracker lives
    in it and, once every other process is gone, cleans up what is still
    registered. The lab kills whatever is left a moment later.
    """
    unlink_semaphores()
    executor = _ACTIVE.get("process_pool")
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.kill()
        except Exception:
            pass
    try:
        from multiprocessing import forkserver

        pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if pid:
            import signal

            os.kill(pid, signal.SIGKILL)
    except Exception:
        pass
    os._exit(3)


def watch_stdin(fd):
    """Stops everything once the lab closes our standard input.

    Reads the file descriptor itself, never `sys.stdin`: a forked pool worker
    closes `sys.stdin`, and would deadlock on a buffer lock held here.
    """
    try:
        while os.read(fd, 65536):
            pass
    except Exception:
        pass
    stop_now()


def main():
    # The protocol gets its own copy of standard output; everything else that
    # writes to fd 1 (a pool worker, a warning) goes to standard error.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import json

    send(out, identity())
    line = read_line(0)
    send(out, {"type": "clock", "t_ns": perf_counter_ns()})
    if not line:
        return 0
    request = json.loads(line.decode("utf-8"))
    sys.stdin = open(os.devnull)
    watcher = threading.Thread(target=watch_stdin, args=(0,), name="lab-stdin", daemon=True)
    watcher.start()
    try:
        mode = request.get("mode")
        if mode == "calibrate":
            send(out, {"type": "calibration", "iterations_per_ms": calibrate()})
        elif mode == "run":
            run(out, request)
        else:
            raise ValueError("unknown mode %r" % mode)
    except BaseException as e:
        send(out, {"type": "error", "message": last_line(e)})
        out.flush()
        return 1
    send(out, {"type": "bye"})
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
