# Concurrency Lab — English (the fallback: every message exists here).
# Sentences are whole messages with variables, so a translator can reorder them.

## Units (values arrive formatted with the language's decimal separator)

unit-seconds = { $value } s
unit-milliseconds = { $value } ms
unit-microseconds = { $value } µs
unit-per-second = { $value }/s
unit-bytes = { $value } B
unit-kib = { $value } KiB
unit-mib = { $value } MiB
unit-gib = { $value } GiB

## Results columns

column-run = run
column-run-help = The run's label. A run stopped before all its repetitions is marked partial; its figures come from the repetitions that finished.
column-runtime = runtime
column-runtime-help = Who ran it: the lab's own executors ("lab", with a simulated GIL) or a real Python interpreter.
column-model = model
column-model-help = The execution model: a plain loop, a thread per task, a thread pool, a process pool, an event loop, work stealing, or an interpreter pool.
column-workers = workers
column-workers-help = Threads, processes or event-loop threads the model used at most (a thread per task: one per task).
column-gil = GIL
column-gil-help = For runs under a GIL (simulated, or a real interpreter's): its switch interval — how long a thread waiting for the lock waits before asking the holder to drop it.
column-wall = wall
column-wall-help = Wall time from the start of the run to its last result, the mean over measured repetitions (pool and process start-up included).
column-wall-sd = ± sd
column-wall-sd-help = Standard deviation of the wall time over the measured repetitions (only with two or more).
column-wall-median = median
column-wall-median-help = Median wall time over the measured repetitions: less moved by one slow repetition than the mean.
column-speedup = speed-up
column-speedup-help = The baseline's mean wall time divided by this run's: how many times faster than the baseline.
column-efficiency = efficiency
column-efficiency-help = Speed-up per usable core (speed-up ÷ min(workers, logical cores)). Where waits overlap beyond the cores it would pass 100 % and say nothing about cores, so the overlap is shown instead.
column-cpu = CPU time
column-cpu-help = CPU time (user + system) of the run's own threads and worker processes — not the window, not the lab's echo server.
column-utilisation = utilisation
column-utilisation-help = CPU time ÷ (wall time × logical cores): how busy the machine's cores were. Measured CPU time, not recorded "computing" time: eight threads on two cores are all "computing" while only two run.
column-throughput = throughput
column-throughput-help = Tasks finished per second.
column-p50 = p50 latency
column-p50-help = Median latency: from a task's submission (every task is submitted when the run starts, as with executor.map) to its result — queueing, start-up and dispatch included.
column-p95 = p95 latency
column-p95-help = 95th-percentile latency, from submission to result.
column-p99 = p99 latency
column-p99-help = 99th-percentile latency, from submission to result.
column-startup = start-up
column-startup-help = Time to get the pool, runtime or worker processes ready (included in the wall time).
column-interpreter-start = interpreter start
column-interpreter-start-help = Python runs: the interpreter's own start, before the measured window (not in the wall time).
column-gil-wait = GIL wait
column-gil-wait-help = Share of task time spent waiting for the GIL. For real Python: time a thread wanted to run and did not (wall minus thread CPU time) — the GIL, or the OS when threads outnumber cores.
column-io-task = I/O task
column-io-task-help = The convoy workload: how long its I/O task took from start to end.
column-repetitions = repetitions
column-repetitions-help = Measured repetitions (warm-ups not counted).
column-failed = failed
column-failed-help = Failed tasks over all repetitions; ✔ when every checksum was right.

run-partial = { $label } (partial: { $done ->
    [one] 1 repetition
   *[other] { $done } repetitions
  })
efficiency-overlap = waits overlap { $overlap }
failed-error = error
failed-checksums = wrong checksums
gil-on = on

## Words used in many places

yes = yes
no = no
gil-off = off
build-gil = GIL
build-free-threaded = free-threaded

## Command line

cli-about = Run one workload under every execution model and see what the machine did
cli-long-about = Concurrency Lab runs the same workload under threads, thread pools, process pools, async event loops, work-stealing, threads under a simulated Python GIL and real CPython, and measures wall time, CPU time, speed-up and which core ran which task when.

    Without a subcommand it opens the desktop app.
cli-help-lang = Language of messages: en or ru (default: the system's)
cli-help-run = Run a preset headless and print a table of results
cli-help-presets = List the built-in presets
cli-help-calibrate = Measure how many kernel iterations one core does per millisecond here
cli-help-calibrate-python = Calibrate a Python interpreter instead: a version (3.12, 3.13t), a command or a path
cli-help-pythons = List the Python interpreters found on this machine
cli-help-pythons-json = Print the list as JSON
cli-help-gui = Open the desktop app
cli-help-gui-preset = Preset file or built-in name to open
cli-help-gui-autorun = Run the preset as soon as the window opens
cli-help-run-preset = A preset file (.toml) or the name of a built-in preset (see `presets`)
cli-help-run-json = Write the results as JSON to FILE (`-` for standard output)
cli-help-run-csv = Write one CSV row per run to FILE (`-` for standard output)
cli-help-run-spans = Include every task's span (start, end, core, states) in the JSON
cli-help-run-trace = Write a trace to FILE (Chrome Trace Event JSON) that opens in Perfetto, chrome://tracing and speedscope (`-` for standard output)
cli-help-run-chart = Draw a chart to FILE (.svg or .png) after the run; repeat for more charts
cli-help-run-chart-kind = What the i-th --chart shows (repeatable); without it, a kind named in the file name (e.g. cpu.png), else the last kind given, else speedup
cli-help-run-quiet = No progress and no table, only errors (and what --json - writes)

cli-error = error: { $message }
cli-warning = warning: { $message }
cli-note = note: { $message }
cli-stdout-twice = { $first } - and { $second } - would both write to standard output; send one to a file
cli-not-writable = { $flag } { $path }: { $reason }
cli-is-a-folder = is a folder, not a file
cli-cannot-write-in = cannot write in { $folder }: { $reason }
cli-runs-failed = { $count ->
    [one] a run failed
   *[other] { $count } runs failed
  }
cli-run-failed = run "{ $label }" failed: { $reason }
cli-cancelled = cancelled: { $name } stopped before the end; nothing was left running
cli-output-closed = standard output was closed
cli-no-executable = cannot find this program's executable for worker processes: { $reason }
cli-no-runner = cannot start the runner thread: { $reason }
cli-runner-stopped = the runner stopped unexpectedly; no result
cli-stopped-at-once = stopped at once (second interrupt); temporary files removed
cli-no-interrupt-handler = Ctrl+C will not cancel cleanly: { $reason }
cli-progress = run { $run }/{ $runs } { $label }, repetition { $repetition }/{ $repetitions }: { $done }/{ $tasks } tasks
cli-progress-warmup = run { $run }/{ $runs } { $label }, warm-up: { $done }/{ $tasks } tasks
cli-chart-kinds-outnumber = { $kinds } --chart-kind given for { $charts } --chart; each kind applies to the --chart in the same position
cli-chart-stdout = --chart -: charts are written to files, not to standard output
cli-chart-format = --chart { $path }: unknown chart format; use a file name ending in { $allowed }
cli-report-heading = { $name } — { $cores } logical cores, { $cpu }, { $os }
cli-report-cancelled = (cancelled: runs not reached are missing)
cli-presets-hint = Run one with `concurrency-lab run NAME`; write your own as TOML (see README).
cli-calibrate-rate = { $rate } kernel iterations per ms on one core ({ $cores } logical cores, { $cpu })
cli-calibrate-spread = spread over 5 measurements: { $low } .. { $high }; cpu_ms = 1.0 in a preset means { $rate } iterations here
cli-calibrate-python-rate = { $rate } kernel iterations per ms on one core in { $name } ({ $path })
cli-calibrate-python-spread = spread over 3 measurements: { $low } .. { $high }; the lab's own kernel does { $lab } per ms here, { $ratio }× as many
cli-calibrate-python-means = cpu_ms = 1.0 in a preset means { $rate } iterations in this interpreter
cli-pythons-none = No Python interpreter found (looked at { $variable }, PATH, pyenv, uv and the py launcher).
cli-pythons-interpreter = interpreter
cli-pythons-version = version
cli-pythons-build = build
cli-pythons-gil-now = GIL now
cli-pythons-start-method = start method
cli-pythons-interpreter-pool = interpreter pool
cli-pythons-path = path
cli-pythons-unsupported = { $name } (unsupported)
cli-pythons-failed = (failed)
cli-pythons-hint = Use one in a preset with runtime = "python" and python = "3.12" (a version, a command or a path);
    the first usable one is the default. Set { $variable } to put one first.

## Built-in presets

preset-claim-cpu-bound = computation: GIL threads stay at ~1×, processes, rayon and GIL-free threads use every core
preset-claim-io-bound = waiting: threads and asyncio overlap every wait, GIL or not; a pool of 4 overlaps 4
preset-claim-mixed = computation then waiting: the waits overlap, the computation only without a GIL
preset-claim-tiny-tasks = 2000 tiny tasks: what a thread, a queue, a pipe or a future costs per task
preset-claim-convoy = an I/O thread beside CPU threads under the GIL waits after every wake-up
preset-claim-network = real loopback requests: threads and an event loop overlap the round trips
preset-claim-disk-io = real file writes with fsync: the GIL is released, the disk is shared
preset-claim-python-vs-lab = real CPython beside the simulation: threads, processes and asyncio computing
preset-claim-python-vs-lab-io = real CPython beside the simulation: threads, a pool and asyncio waiting
preset-claim-gil-fidelity = the simulated GIL held against CPython's on the convoy workload, at 5 ms and 1 ms

## Results

results-title = Results
results-none-yet = none yet: results appear as runs finish
results-none-chosen = no experiment chosen: pick one under Compare
results-running = this experiment, running: { $done } of { $runs } runs finished
results-one = experiment #{ $number }: { $name }
results-several = { $count } experiments side by side
results-copy = Copy as table
results-copy-help = Copies the table as tab-separated text, to paste into a spreadsheet
results-copied = Copied { $count ->
    [one] 1 row
   *[other] { $count } rows
  } to the clipboard
results-columns = Columns
results-columns-default = Default columns
results-compare = Compare ({ $chosen } of { $total })
results-compare-help = Experiments of this session:
results-compare-item = #{ $number } { $name } ({ $time } UTC)
results-compare-item-stopped = #{ $number } { $name } ({ $time } UTC) — stopped
results-show-in-views = show in the views
results-not-comparable = These experiments did different work or ran on different machines: compare their speed-ups, not their times. The fastest run is marked within each.
results-fastest = the fastest complete run of this experiment
results-speedup-tip = { $speedup } against "{ $baseline }"
results-speedup-none = no speed-up: the run or its baseline was not measured
results-group = #{ $number } { $name }

speedup-title = Speed-up against the baseline
speedup-legend-no-gain = ┆ 1× (no gain)
speedup-legend-ideal = ┆ ideal for computing: { $cores }× ({ $cores } cores)
speedup-not-measured = not measured

## Live views

phase-running = running
phase-finished = finished
phase-cancelled = stopped before the end
phase-loaded = opened from a results file
cpu-plot-title = CPU per core and average (%)
cpu-plot-help = Thin lines: each logical core. Thick line: all cores together — on 2 cores, 50 % is one core's worth of work, 100 % is both. Shaded: each run's measured repetitions.
throughput-plot-title = Throughput (tasks finished / s)
throughput-plot-help = Tasks finished per second over each run's latest repetition, as a rolling rate. A lone spike is let run off the top so the rest stays readable.
in-flight-plot-title = Concurrency (tasks in flight)
in-flight-plot-help = Tasks started and not yet finished, over each run's latest repetition.
cpu-core = core { $core }
cpu-average = all cores (average)
cpu-heat-map-help = { $cores } cores (rows) over time (columns); darker is busier
axis-seconds-since-experiment = s since the experiment's start
axis-seconds-since-run = s since the run's start
axis-ms-since-run = ms since the run's start

## Timeline

timeline-title = Timeline
timeline-fit = Fit
timeline-fit-help = Show everything (double-click). Ctrl+wheel or a horizontal scroll zooms, dragging pans, the wheel scrolls through the lanes; click a run's name to fold it.
timeline-all-runs = all runs
timeline-empty = Run an experiment (▶ Run) to see which worker ran which task when.
timeline-waiting = Waiting for the first tasks…
timeline-no-tasks = No tasks were recorded.
timeline-band = { $fold } { $label } — { $kind ->
    [processes] { $workers ->
        [one] 1 process
       *[other] { $workers } processes
    }
   *[threads] { $workers ->
        [one] 1 thread
       *[other] { $workers } threads
    }
  }, repetition { $repetition }
timeline-band-warmup = { $fold } { $label } — { $kind ->
    [processes] { $workers ->
        [one] 1 process
       *[other] { $workers } processes
    }
   *[threads] { $workers ->
        [one] 1 thread
       *[other] { $workers } threads
    }
  }, warm-up
timeline-band-waiting = { $fold } { $label } — not started yet
lane-thread = { $name } · tid { $id }
lane-process = process · pid { $id }
trace-lane-row = { $lane } · row { $row } (tasks overlapping in time)
trace-task = task
trace-task-failed = task failed
trace-in-flight = tasks in flight
trace-core-load = core { $core } load
trace-machine = CPU load of the whole machine
state-running = computing
state-running-help = The task's thread is computing (holding the GIL, where there is one).
state-gil-wait = waiting for the GIL
state-gil-wait-help = The lab's runs: waiting to take the simulated GIL. Real Python: time the thread wanted to run and did not (wall minus thread CPU time) — the GIL, or the OS when threads outnumber cores.
state-gil-wait-or-not-running = waiting for the GIL / not running
state-io-wait = waiting on I/O
state-io-wait-help = Waiting on a timer, a socket or the disk: the core is free for others meanwhile.
core-unknown = unknown
task-title = task { $task }
task-title-failed = task { $task } — FAILED
task-worker = worker
task-cores = core at start / end
task-start-end = start → end

## Preset errors and validation

preset-error-read = cannot read preset { $path }: { $reason }
preset-error-unknown = no preset file or built-in preset named `{ $name }` (built-in presets: { $known })
preset-error-syntax = { $path }: { $message }
preset-error-invalid = { $path }: { $field } = { $value }: { $allowed }
input-folder = it is a folder, not a file
input-fifo = it is a FIFO (named pipe), not a regular file
input-device = it is a device, not a regular file
input-socket = it is a socket, not a regular file
input-special = it is not a regular file
input-too-large = it is { $size }, more than the { $limit } read at most
preset-builtin-shadows = `{ $name }` names a built-in preset and also a file or folder here; the built-in one is used (write ./{ $name } for the file)
preset-field-run = run { $number }, { $name }
val-missing = (missing)
val-set = (set)
val-default = (default)
val-version = this build reads version { $version } presets
val-runs-none = add at least one [[runs]] table with a model
val-runs-too-many = at most { $max } runs per preset
val-label-taken = run { $other } already has this label; labels must be unique (set `label`)
val-baseline = must be the label of a run: { $labels }
val-tasks-both = give either `tasks` or `tasks_per_core`, not both
val-tasks-missing = required: a number of tasks from 1 to { $max }
val-not-for-kind = does not apply to kind = "{ $kind }"; remove it
val-cpu-both = give either `cpu_ms` or `cpu_iters`, not both
val-cpu-missing = kind = "{ $kind }" needs `cpu_ms` (0 < ms <= { $max }) or `cpu_iters`
val-io-missing = kind = "{ $kind }" needs `io_ms` (0 to { $max } ms)
val-bytes-missing = kind = "{ $kind }" needs `bytes` (8 to { $max })
val-convoy-tasks = kind = "convoy" needs at least 2 tasks: one I/O task and one or more CPU tasks
val-python-skipped = run { $number } ({ $label }) skipped: no usable Python interpreter on this machine (see `concurrency-lab pythons`)
val-model-not-python = model = "{ $model }" has no Python counterpart; with runtime = "python" use sequential, threads, thread_pool, process_pool, async_single or interpreter_pool (or runtime = "lab")
val-model-python-only = model = "{ $model }" is Python's InterpreterPoolExecutor (3.14+): set runtime = "python"
val-python-only = applies only with runtime = "python"
val-start-method-python-only = applies only with runtime = "python" (the lab's process pool always starts its workers afresh, like spawn)
val-no-interpreter-pool = needs Python 3.14+ (concurrent.futures.InterpreterPoolExecutor); { $name } has none
val-gil-build = { $name } is a GIL build: only a free-threaded build (e.g. python = "3.13t") runs without the GIL
val-start-method-process-pool = applies only to model = "process_pool", not "{ $model }"
val-start-method-offered = { $name } on this system offers { $methods }
val-workers-not-for = does not apply to model = "{ $model }": { $why ->
    [threads] `threads` starts one thread per task; use thread_pool for a fixed number
   *[one] this model always uses one thread
  }
val-threads = run { $number } (model = "threads") starts one OS thread per task; at most { $max } — use thread_pool for more tasks
val-gil-models = the simulated GIL applies only to model = "threads" or "thread_pool", not "{ $model }"
val-interval-needs-gil = applies only with gil = true
val-timeout-where = applies to model = "process_pool" and to Python runs: a thread cannot be stopped from outside
val-timeout-range = must be between 0.01 and 86400 s
val-connections = run { $number } (model = "{ $model }") would open { $count } loopback connections at once; at most { $max }
val-memory = run { $number } (model = "{ $model }") would hold { $held } buffers at once, { $need } MiB, more than half of this machine's { $memory } MiB
val-text-length = must be 1 to { $max } characters
val-text-control = must not contain control characters (tabs, new lines, escapes)
val-text-invisible = must not contain invisible or direction-changing characters (zero-width spaces, right-to-left overrides)
val-description = at most { $max } characters, with no control, invisible or direction-changing characters
val-between = must be between { $min } and { $max }
val-between-ms = must be between { $min } and { $max } ms
val-ms = must be a time in ms with 0 < ms <= { $max }
val-ms-or-zero = must be a time in ms with 0 <= ms <= { $max }

## Experiment panel

unit-ms-short = ms
experiment-title = Experiment
experiment-name = Name
experiment-name-hint = name
experiment-description = Description
experiment-description-hint = what it shows
experiment-workload = Workload
experiment-runs = Runs to compare
experiment-measurement = Measurement
experiment-ready = ✔ Ready: { $runs ->
    [one] 1 run
   *[other] { $runs } runs
  } × { $repetitions ->
    [one] 1 repetition
   *[other] { $repetitions } repetitions
  } of { $tasks ->
    [one] 1 task
   *[other] { $tasks } tasks
  }
experiment-cannot-run = ⚠ Cannot run: { $message }
workload-kind = Kind
workload-tasks = Tasks
workload-per-core-suffix = { " " }per core
workload-per-core = × cores
workload-per-core-help = Give the count per logical core, so the experiment means the same on 2 cores and on 64
workload-computation = Computation
workload-iterations-suffix = { " " }iterations
workload-cpu-ms-help = CPU time per task on one core of this machine (calibrated; each Python interpreter is calibrated on its own)
workload-fixed = fixed
workload-fixed-help = Fixed kernel iterations instead of calibrated milliseconds: identical work on every machine and in every runtime
workload-each-wait = Each wait
workload-waiting = Waiting
workload-waits = Waits
workload-waits-help = How many short waits the I/O task makes
workload-bytes = Bytes
measurement-repetitions = Repetitions
measurement-repetitions-help = Measured repetitions of every run: mean, median, sd, min and max come from these
measurement-warmup = Warm-up
measurement-warmup-help = Unmeasured repetitions before them
measurement-baseline = Baseline
measurement-baseline-help = Speed-up is measured against this run (a Python run: against a plain loop in the same interpreter, when there is one)
run-remove = Remove this run
run-move-up = Move up
run-move-down = Move down
run-duplicate = Duplicate
run-show-code = Show the Python code
run-show-code-help = The few lines of ordinary Python that do what this run does
run-no-python-counterpart = Python has no counterpart of this model
run-menu-help = Move, duplicate, or show the Python code
run-label = Label
run-workers = Workers
run-workers-cores = = cores ({ $cores })
run-gil-help = Run under a simulated CPython GIL: one thread computes at a time; waits release it
run-switch-interval = switch interval
run-switch-interval-help = How long a waiting thread waits before asking the holder to drop the GIL (sys.setswitchinterval)
run-copy-label = { $label } (copy)
run-add = + Add run
run-add-python = In a Python interpreter:
runtime-lab = Lab
runtime-python = Python
runtime-lab-help = The lab's own executors in Rust, with a simulated GIL
runtime-python-help = A real Python interpreter found on this machine runs the same work
runtime-help = Who runs it: the lab's simulation or a real Python interpreter
run-no-interpreter-pool = { $name } has no InterpreterPoolExecutor (Python 3.14+)
run-interpreter = Interpreter
run-interpreter-none = none found
run-interpreter-default = default: { $name }
run-interpreter-looking = looking…
run-interpreter-first = default (first found)
run-interpreter-tip = { $build } build, GIL { $gil }; found as { $found }
run-interpreter-help = Which Python runs it (see `concurrency-lab pythons`)
run-interpreter-other = Other… (3.12, python3.13t, a path)
run-python-gil-help = A free-threaded build runs with the GIL on (-X gil=1) or off (-X gil=0)
run-python-interval-help = sys.setswitchinterval: how long a thread waiting for the GIL waits before asking for it
run-start-method = Start method
run-start-method-default = default ({ $method })
run-start-method-not-offered = not offered on this system
run-start-method-help = How multiprocessing starts worker processes: spawn (a fresh interpreter), fork (a copy) or forkserver

model-sequential = A plain loop on one thread: the baseline every speed-up is measured against.
model-threads = One OS thread per task, like starting a `threading.Thread` for each.
model-thread-pool = A fixed set of worker threads pulling tasks from a queue, like `concurrent.futures.ThreadPoolExecutor`.
model-process-pool = Worker processes fed over pipes, like `ProcessPoolExecutor` or `multiprocessing.Pool` with spawn.
model-async-single = One thread running an event loop: waits overlap, computation blocks the loop, like `asyncio`.
model-async-multi = An async runtime with several worker threads (tokio multi-thread); Python has no direct counterpart.
model-rayon = A work-stealing pool (rayon): idle workers take tasks from busy ones' queues.
model-interpreter-pool = A pool of worker threads each running its own interpreter, like `concurrent.futures.InterpreterPoolExecutor` (Python 3.14+).
kind-cpu = Pure computation: a checked integer kernel, cpu_ms per task.
kind-sleep = Pure waiting: a timed sleep of io_ms per task.
kind-file = Disk I/O: write bytes to a temporary file, flush it, read it back and verify.
kind-net = Network I/O: a request to a loopback echo server that answers after io_ms.
kind-mixed = cpu_ms of computation, then io_ms of waiting, per task.
kind-memory = Memory bandwidth: write and read back a buffer of bytes.
kind-convoy = One I/O task doing io_rounds short waits of io_ms beside CPU tasks: the GIL convoy effect.

## Menus, status bar, dialogs

menu-file = File
menu-export = Export
menu-view = View
menu-lessons = Lessons
menu-about = About
run-button = ▶ Run
run-button-help = Run every run of the experiment (Ctrl+R, F5)
run-button-running = An experiment is running
run-button-fix = Fix the experiment's settings first: the problem is marked in the left panel
stop-button = ■ Stop
stop-button-help = Stop the experiment (Esc); runs measured so far are kept
preset-unsaved = unsaved
menu-new-preset = New experiment
menu-open-preset = Open preset…
menu-save-preset = Save preset
menu-save-preset-as = Save preset as…
menu-builtin-presets = Built-in presets
menu-recent = Recent files
menu-recent-none = none yet
menu-open-results = Open results…
menu-open-results-help = Load a results JSON (written by `run --json` or exported here) into the views
menu-export-json = Results as JSON…
menu-export-csv = Results as CSV…
menu-export-trace = Trace for Perfetto…
menu-export-trace-help = Every task's states, each worker's lanes and the cores' load as a Chrome Trace Event file: open it at ui.perfetto.dev, in chrome://tracing or in speedscope
menu-export-chart = { $chart } chart
menu-export-nothing = Run an experiment to export its results
chart-name-speedup = Speed-up
chart-name-cpu = Per-core CPU
chart-name-throughput = Throughput
chart-name-timeline = Timeline
chart-name-sweep = Sweep
menu-language = Language
menu-language-system = Follow the system ({ $language })
menu-theme = Theme
menu-theme-system = Follow the system
menu-theme-dark = Dark
menu-theme-light = Light
menu-timeline-all = Timeline: all runs stacked
menu-cpu-sampling = CPU sampling every
menu-cpu-sampling-help = Never faster than the OS statistics allow
about-title = About Concurrency Lab
about-version = version { $version }
about-text = Runs one workload under every execution model and shows what the machine did.

    Concurrency is tasks interleaving; parallelism is tasks running at the same instant on different cores. A GIL turns the first into the second only for waiting, never for computing.
about-machine = This machine: { $cores } logical cores, { $cpu }, { $os }
new-preset-name = Untitled experiment
settings-other-version = Saved settings are from another version ({ $version }); starting from defaults.
settings-unreadable = Saved settings could not be read ({ $reason }); starting from defaults.
status-stopping = Stopping…
status-opened-results = Opened results { $path }
status-running = Running { $name }…
status-opened = Opened { $origin }
status-saved = Saved { $path }
status-exported = Exported { $path }
status-stopped = { $name }: stopped; runs measured before the stop are kept
status-finished = { $name }: finished
status-finished-failures = { $name }: finished with failures — see the results
status-runner-failed = The runner could not start: { $reason }
status-ready = Ready
status-dialog-open = A file dialog is open…
status-cores = { $cores } logical cores
status-progress = run { $run }/{ $runs } “{ $label }”, repetition { $repetition }/{ $repetitions } · { $done }/{ $tasks } tasks · { $in_flight } in flight · { $elapsed }
status-progress-warmup = run { $run }/{ $runs } “{ $label }”, warm-up · { $done }/{ $tasks } tasks · { $in_flight } in flight · { $elapsed }
error-open-results = Could not open results
error-nothing-to-export = Nothing to export
error-nothing-to-export-why = run an experiment or open results first
error-cannot-run = The experiment cannot run
error-no-runner = the runner thread is not available
error-open-preset = Could not open the preset
error-save-preset = Could not save the preset
error-export = Export failed
error-runner-stopped = The runner stopped
error-runner-stopped-why = The background runner ended unexpectedly; restart the app to run experiments again. Results shown so far are kept.
error-nothing-changed = Nothing was changed: the current experiment stays as it was.
error-dismiss = Dismiss
export-what-json = the results as JSON
export-what-csv = the results as CSV
export-what-trace = the trace (Chrome Trace Event JSON)
export-what-chart = the { $chart } chart as { $format }
dialog-open-preset = Open preset
dialog-save-preset = Save preset as
dialog-open-results = Open results
dialog-export = Export { $what }
filter-preset = Preset
filter-results = Results
dialog-typed-help = No file dialog is available here: type the file's path.
dialog-file-path = File path
dialog-save = Save
dialog-open = Open
dialog-cancel = Cancel
code-title = Python code: { $label }
code-title-plain = Python code
code-fix-first = Fix the experiment first: { $error }
code-copy = Copy
code-copy-help = Copy the program to the clipboard
code-how-to-run = Save it as a .py file and run it with python3.
window-failed = The window could not be opened: { $error }
    Run experiments headless instead: concurrency-lab run cpu-bound
window-no-display = No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.
    Run experiments headless instead:
      concurrency-lab presets
      concurrency-lab run cpu-bound --json results.json

## Explanations (one sentence per run; parts joined with "; ")

explain-could-not-run = could not run: { $error }
explain-not-measured = not measured (the experiment was cancelled first)
explain-baseline = { $mechanism } — the baseline (1.00×)
explain-speedup-ideal = { $mechanism } — { $speedup } (ideal { $ideal }×)
explain-speedup = { $mechanism } — { $speedup }
explain-io-task = the I/O task took { $took } for { $waits } of waits
explain-convoy = the I/O task took { $took } for { $waits } of waits, { $times }× as long: after each wake-up it waited for the GIL (the convoy effect)
explain-outside-load = other programs kept ~{ $cores } cores busy meanwhile, so these figures may be off
explain-stopped-early = stopped early: { $repetitions ->
    [one] 1 repetition
   *[other] { $repetitions } repetitions
  } measured
explain-failed = { $count ->
    [one] 1 task FAILED
   *[other] { $count } tasks FAILED
  }
explain-wrong-checksums = WRONG CHECKSUMS
explain-sequential = one task after another on one thread
explain-gil = { $who ->
    [pool] a pool of { $n ->
        [one] one thread
       *[other] { $n } threads
    }
   *[threads] { $n ->
        [one] one thread
       *[other] { $n } threads
    }
  } under the GIL: { $work ->
    [compute] one computed at a time, whatever the cores
    [wait] the lock is released while waiting, so the waits overlap
   *[mixed] the waits overlap, the computation takes turns
  }
explain-threads-wait = { $n ->
    [one] one thread: its waits follow one another
   *[other] { $n } threads: every wait overlaps the others
  }
explain-threads-compute = { $n ->
    [one] one thread
   *[other] { $n } threads
  } without a GIL on { $cores } cores: computation can run in parallel
explain-async-file = { $n ->
    [one] one event-loop thread
   *[other] { $n } runtime threads
  }: file I/O blocks the loop (asyncio has no asynchronous files)
explain-async-multi-wait = an async runtime with { $n } threads: all { $tasks } waits overlap
explain-async-single = one event-loop thread: { $work ->
    [compute] computation blocks the loop, nothing overlaps
    [wait] all { $tasks } waits overlap
   *[mixed] the waits overlap, the computation blocks the loop
  }
explain-pool-wait = { $who ->
    [processes] { $n ->
        [one] one worker process
       *[other] { $n } worker processes
    }
    [rayon] a work-stealing pool of { $n ->
        [one] one thread
       *[other] { $n } threads
    }
    [runtime] an async runtime with { $n ->
        [one] one thread
       *[other] { $n } threads
    }
    [interpreters] { $n ->
        [one] one interpreter
       *[other] { $n } interpreters in one process, each with its own GIL
    }
   *[pool] a pool of { $n ->
        [one] one thread
       *[other] { $n } threads
    }
  }: { $n ->
    [one] its waits follow one another
   *[other] at most { $n } waits overlap
  }
explain-pool-compute = { $who ->
    [processes] { $n ->
        [one] one worker process
       *[other] { $n } worker processes
    }
    [rayon] a work-stealing pool of { $n ->
        [one] one thread
       *[other] { $n } threads
    }
    [runtime] an async runtime with { $n ->
        [one] one thread
       *[other] { $n } threads
    }
    [interpreters] { $n ->
        [one] one interpreter
       *[other] { $n } interpreters in one process, each with its own GIL
    }
   *[pool] a pool of { $n ->
        [one] one thread
       *[other] { $n } threads
    }
  } on { $cores } cores: computation can run in parallel
explain-after-startup = { $text }, after { $startup } of process start-up
slower-startup = slower than the baseline: starting the workers took { $startup } of the { $lost } lost
slower-gil = slower than the baseline: { $share } of the task time went to waiting for the GIL
slower-thread-per-task = slower than the baseline: starting a thread per task lost { $lost } a task, against { $task } of work each
slower-pipe-per-task = slower than the baseline: sending each task through a pipe lost { $lost } a task, against { $task } of work each
slower-per-task = slower than the baseline: scheduling lost { $lost } a task, against { $task } of work each
slower-busy = slower than the baseline, and no cost of the model accounts for it: the machine was busy with other programs
slower-unclear = slower than the baseline by { $lost }; no measured cost of the model accounts for it — repeat it on an idle machine to tell noise from cause

## Exported charts

unit-s-short = s
chart-cores = { $cores ->
    [one] 1 logical core
   *[other] { $cores } logical cores
  }
chart-cancelled = cancelled: partial results
chart-cancelled-before-any = cancelled before any run finished
chart-no-runs = no runs in this result
chart-subject-speedup = speed-up over the baseline
chart-subject-cpu = CPU load per core
chart-subject-throughput = tasks finished per second
chart-subject-timeline = task timeline per worker
chart-cpu-every = a sample every { $interval }
chart-cpu-heat-legend = colour = load of each of { $cores } cores (scale on the right)
chart-cpu-runs-legend = each run's measured repetitions (marked and named above)
chart-cpu-logical-core = logical core
chart-time-since-experiment = time since the experiment's start ({ $unit })
chart-time-since-repetition = time since the repetition's start ({ $unit })
chart-cpu-no-samples = no CPU samples recorded
chart-throughput-extra = each run's last repetition, rolling rate
chart-throughput-missing = No finished tasks recorded for: { $runs }.
chart-throughput-none = no finished tasks recorded
chart-speedup-could-not-run = could not run ({ $reason })
chart-speedup-cancelled = cancelled before it was measured
chart-speedup-baseline-failed = the baseline "{ $label }" failed
chart-speedup-no-baseline = no baseline
chart-speedup-none = no speed-up
chart-speedup-gil-run = a run under a GIL (simulated or CPython's)
chart-speedup-range = range over repetitions
chart-speedup-missing = No speed-up for: { $runs }.
chart-speedup-ideal = ideal ({ $cores } cores)
chart-speedup-no-bar = no bar: { $why }
chart-timeline-extra = each run's last repetition, all on one time scale
chart-timeline-failed = end of a failed or cancelled task
chart-timeline-no-tasks = no tasks recorded
chart-timeline-axis = time since the repetition's start (ms)
chart-tasks = { $count ->
    [one] 1 task
   *[other] { $count } tasks
  }
chart-failed-tasks = { $count } failed
chart-more-lanes = { $count ->
    [one] +1 more lane not drawn
   *[other] +{ $count } more lanes not drawn
  }
chart-workers = { $count ->
    [one] 1 worker
   *[other] { $count } workers
  }
chart-cpu-load = CPU load (%)
chart-speedup-baseline = baseline: { $label }
chart-speedup-one = 1× = as fast as the baseline
chart-speedup-one-short = 1× baseline
chart-speedup-ideal-legend = ideal: one task per logical core at once

## Engine errors

err-cancelled = cancelled
err-python-start = cannot start { $exe }: { $reason }
err-python-silent = { $exe } did not start within { $seconds } s{ $stderr }
err-python-died = { $exe } stopped before the end ({ $status }){ $stderr }
err-python-write = cannot write to { $exe }: { $reason }
err-python-protocol = speaks protocol { $theirs }, the lab { $ours }
err-python-gibberish = said something the lab does not understand: { $line }
err-python-stopped-answering = stopped answering
err-python-last-words = ; its last words: { $words }
exit-signal = killed by signal { $signal }
exit-code = exited with code { $code }
exit-unknown = exited
clipped = { $kept }… ({ $count } characters in all)
err-not-cpython = { $name } is not CPython; the lab runs CPython only
err-python-too-old = Python { $version } is older than { $oldest }, the oldest the lab supports
err-no-usable-python = no usable interpreter (see `concurrency-lab pythons`)
err-no-command = no command "{ $command }" on PATH; { $found }
err-python-folder = { $path } is a folder, not a Python interpreter
err-python-missing = { $path } does not exist; { $found }
err-not-python = { $path }: not a Python interpreter
err-probe-cannot-run = cannot run it: { $reason }
err-probe-silent = did not answer within { $seconds } s
err-probe-not-python = not a Python interpreter ({ $status })
err-probe-unusable = not a usable Python interpreter ({ $status }): { $said }
err-probe-failed = the probe failed
err-python-not-found = no Python interpreter matches { $wanted }; found: { $found }
err-calibration-slow = calibration did not finish in time
standard-output = standard output
err-thread = could not start thread { $name }: { $reason }
err-runtime = could not start the { $what }: { $reason }
err-worker = worker process { $exe }: { $reason }
err-export-write = cannot write { $path }: { $reason }
err-export-read = cannot read { $path }: { $reason }
err-export-parse = { $path } is not a Concurrency Lab result: { $reason }
err-export-format = cannot write { $path }: unsupported format; use a file name ending in { $allowed }
err-export-draw = cannot draw { $path }: { $reason }
err-export-encode = cannot encode { $format }: { $reason }
err-export-no-spans = cannot write { $path }: these results hold no task spans (results saved without --spans, or no task finished); run the experiment again, or open results saved with --spans
export-refused-block-device = it is a block device (a disk); results go only to files, FIFOs and character devices
export-refused-socket = it is a socket; results go only to files, FIFOs and character devices
export-refused-link-loop = more than { $max } symbolic links in a row, or links that go round in a circle
err-unknown-panic = unknown panic
err-task-panicked = task panicked: { $text }
err-no-temp-folder = no temporary folder for file tasks
err-no-echo-server = no echo server for net tasks
err-file-create = cannot create { $path }: { $reason }
err-file-write = cannot write { $path }: { $reason }
err-file-flush = cannot flush { $path }: { $reason }
err-file-open = cannot open { $path }: { $reason }
err-file-read = cannot read { $path }: { $reason }
err-file-differs = { $path } read back differs from what was written
err-file-longer = { $path } is longer than what was written
err-echo = echo server { $addr }: { $reason }
err-already-running = an experiment is already running; stop it first
err-services = could not set up the run's services: { $reason }
notice-worker-replaced = { $label }: worker process { $died } died; process { $replacement } replaces it
notice-worker-lost = { $label }: worker process { $died } died and could not be replaced
err-run-thread = could not start the run's thread: { $reason }
err-executor-panicked = the executor thread panicked
notice-temp-folder = could not remove the run's temporary folder: { $reason }
err-task = task { $task }: { $message }
err-task-checksum = task { $task }: wrong checksum
err-task-unfinished = task { $task }: never finished
err-no-interpreter-resolved = no Python interpreter was resolved for this run
err-calibrate-python = could not calibrate { $name }: { $reason }
err-python-timeout = no task ended for { $seconds } s (task_timeout_s); the interpreter was stopped
err-python-no-measurements = the lab's Python program ended without its measurements
err-returned-nothing = returned nothing
exit-already-gone = already gone
exit-status-unknown = status unknown: { $reason }
err-worker-start = cannot start: { $reason }
err-worker-setup = cannot send setup to process { $pid }: { $reason }
err-worker-not-started = process { $pid } did not start ({ $exit })
err-worker-died = worker process { $pid } died during the task ({ $exit })
err-worker-timeout = ran longer than { $seconds } s (task_timeout_s): worker process { $pid } was killed and replaced
err-worker-watchdog = no answer for { $seconds } s, far longer than its work takes (a stopped or stuck worker?): worker process { $pid } was killed and replaced; task_timeout_s sets this limit
err-run-no-space = no room left on the disk, so the run stopped at its first failed write (task { $task }): { $message }
err-no-space-before = not enough free space in { $folder }: { $need } needed for the files written at once ({ $files } × { $size }), { $free } free
err-worker-no-pipes = no pipes to the worker
err-worker-mode = concurrency-lab worker: expected a setup message on stdin; this mode is started by the lab itself
chart-speedup-word-failed = failed
chart-speedup-word-not-run = not run
chart-speedup-word-none = n/a
chart-speedup-axis = speed-up (×, higher is faster)
chart-speedup-one-core = 1× = ideal (1 core)
chart-unknown-kind = unknown chart kind "{ $kind }"; use one of speedup, cpu, throughput, timeline, sweep
chart-font-failed = the embedded font could not be loaded
this-experiment = this experiment
val-looking-for-pythons = still looking for Python interpreters on this machine…

## Built-in presets' names and descriptions (the TOML files hold these same English texts)

preset-name-cpu-bound = CPU-bound: GIL threads vs processes
preset-description-cpu-bound = Why threads don't speed up computation under a GIL, and what does
preset-name-io-bound = I/O-bound: waiting overlaps
preset-description-io-bound = Threads and asyncio speed up waiting, GIL or not; a pool overlaps as many waits as it has workers
preset-name-mixed = Mixed CPU and I/O
preset-description-mixed = Computation then waiting: what overlaps, and what still takes turns
preset-name-tiny-tasks = Many tiny tasks: the cost per task
preset-description-tiny-tasks = 2000 tasks of ~2-3 µs of computation: start-up, queueing and serialization dominate
preset-name-convoy = The convoy effect: I/O beside CPU under the GIL
preset-description-convoy = An I/O thread waits up to a switch interval for the GIL after every wake-up
preset-name-network = Network requests: threads vs asyncio
preset-description-network = Each task sends a request and waits for the answer; waiting overlaps in threads and in the event loop
preset-name-disk-io = Disk I/O: files written, flushed and read back
preset-description-disk-io = Real file writes with fsync: where threads help and where the disk is the limit
preset-name-python-vs-lab = CPython beside the lab: computation
preset-description-python-vs-lab = Real CPython threads, processes and asyncio beside the lab's simulation of each
preset-name-python-vs-lab-io = CPython beside the lab: waiting
preset-description-python-vs-lab-io = Real CPython threads, a thread pool and asyncio overlapping waits, beside the lab's
preset-name-gil-fidelity = GIL fidelity: the simulation against CPython
preset-description-gil-fidelity = The convoy effect in CPython and in the lab's simulated GIL, at two switch intervals

## Guided lessons

lessons-title = Lessons
lessons-step = Step { $step } of { $count }
lessons-previous = ← Previous
lessons-next = Next →
lessons-question = Your prediction
lessons-choose-first = Choose an answer: the lab measures only after you commit to a prediction.
lessons-run = Run this step
lessons-running = Measuring…
lessons-verdict = Verdict
lessons-your-answer = You predicted: { $answer }
lessons-right = Your prediction is what theory expects here.
lessons-wrong = Theory expects something else here.
lessons-theory = Theory: { $theory }
lessons-measured = Measured: { $measured }
lessons-agrees = The measurement agrees with the theory.
lessons-disagrees = The measurement does not agree with the theory.
lessons-look-at = Look at: { $view }
lessons-view-timeline = the timeline (highlighted)
lessons-view-cpu = the CPU plot (highlighted)
lessons-view-speedup = the speed-up bars (highlighted)
lessons-view-results = the results table (highlighted)
lessons-python-code = The Python that ran
lessons-python-missing = No CPython was found on this machine: this step runs the lab's models only.
lessons-done = { $done } of { $count } steps done
lessons-open-help = A guided path through the lesson: predict, measure, compare
lessons-progress-unsaved = Lesson progress could not be saved to { $path }: { $reason }
lessons-close = Close the lessons and put your own experiment back
lessons-run-again = Run again
cli-help-lessons = List the guided lessons and which ones are done
cli-help-lesson = Follow one guided lesson: read, predict, measure, compare
cli-help-lesson-number = The lesson's number (1 to { $count })
cli-help-lesson-answer = Your prediction's number, instead of asking on the terminal
cli-help-gui-lesson = Open the window on this lesson
cli-lesson-unknown = There is no lesson { $number }; lessons are numbered 1 to { $count }.
cli-lesson-choose = Your prediction (1–{ $count }):
cli-lesson-answer-invalid = “{ $answer }” is not one of the answers 1 to { $count }.
cli-lesson-no-terminal = Pass your prediction with --answer N: there is no terminal to ask on.
cli-lesson-done-mark = done

lesson-1-title = Concurrency and parallelism
lesson-1-text = Concurrency is several tasks in progress at once, taking turns; parallelism is several tasks running at the same instant on different cores. Four tasks each compute for 100 ms. One run does them one after another, one runs a thread per task under a Python-style GIL, one runs a thread per task with no GIL.
lesson-1-question = Which run will finish first?
lesson-1-answer-sequential = one after another
lesson-1-answer-gil = threads under the GIL
lesson-1-answer-no-gil = threads without a GIL
lesson-1-answer-same = all about the same
lesson-1-theory = with { $cores ->
    [one] one logical core, nothing can run at the same instant: every run only interleaves, so they all take about as long.
   *[other] { $cores } logical cores, threads without a GIL compute at the same instant; under the GIL they only take turns, so they take as long as one after another.
}

lesson-2-title = Threads and the GIL on computing
lesson-2-text = In CPython a thread must hold the global interpreter lock (GIL) to run Python code, and only one thread holds it at a time. Eight threads each compute for 40 ms. The operating system gives them cores; the GIL decides which of them may use one.
lesson-2-question = About how many times faster than one after another will eight threads under the GIL compute?
lesson-answer-1x = about as fast (about 1×)
lesson-answer-cores = about as many times as there are cores ({ $cores }×)
lesson-answer-threads = about as many times as there are threads ({ $threads }×)
lesson-2-theory = the GIL lets one thread compute at a time, whatever the number of cores: the threads interleave and the total is the same work done in turn.

lesson-3-title = Processes: parallel, at a price
lesson-3-text = Each process has its own interpreter and its own GIL, so processes compute at the same instant on different cores. But a process costs a start-up, and its tasks and results are copied between processes (pickled). Two tasks of 60 ms per core run in a pool of processes.
lesson-3-question = With { $cores ->
    [one] { $cores } core
   *[other] { $cores } cores
}, how much faster than one after another will the pool of processes be?
lesson-3-answer-none = no faster, or slower
lesson-3-answer-less = faster, but less than the number of cores
lesson-3-answer-ideal = about { $cores }× — the full number of cores
lesson-3-theory = { $cores ->
    [one] with one core there is nothing to run in parallel, and the start-up only adds time.
   *[other] the { $cores } cores compute at once, but starting the workers and copying tasks and results costs time the loop never pays, so the speed-up stays below { $cores }×.
}

lesson-4-title = Waiting: threads and an event loop
lesson-4-text = Twenty tasks each wait 50 ms for an answer (a network reply, a disk), computing almost nothing. A thread that waits releases the GIL, and an event loop moves on to another task while one waits. One after another takes 20 × 50 ms = 1 s.
lesson-4-question = About how long will twenty threads under the GIL take?
lesson-answer-ms = about { $ms } ms
lesson-4-theory = a waiting thread does not hold the GIL, so all twenty waits overlap: the run takes about one wait, 50 ms, plus the cost of starting the threads.

lesson-5-title = asyncio: one thread, many waits
lesson-5-text = An event loop runs in one thread: a task runs until it awaits, then the loop runs another. Ten tasks each compute for 10 ms and then wait 50 ms. The computing is a blocking call: while one task computes, the loop cannot run anything else.
lesson-5-question = What will the event loop overlap?
lesson-5-answer-none = nothing: it takes as long as one after another (about 600 ms)
lesson-5-answer-waits = the waits, but not the computing (about 150 ms)
lesson-5-answer-all = everything (about 60 ms)
lesson-5-theory = the waits overlap, but the ten blocks of computing run one after another in the loop's one thread: about 10 × 10 ms + 50 ms.

lesson-6-title = concurrent.futures pools: how many workers
lesson-6-text = A pool runs tasks on a fixed number of workers; extra tasks queue until a worker is free. Sixteen tasks each wait 50 ms. For waiting, workers are cheap, and the right number is about the number of waits to overlap; for computing, more workers than cores only take turns.
lesson-6-question = About how long will a pool of four threads take for the sixteen waits?
lesson-6-theory = four workers overlap four waits at a time: sixteen waits take four rounds of 50 ms. A pool of sixteen would take one round.

lesson-7-title = What a task costs
lesson-7-text = Two thousand tasks each compute for a few microseconds. Every model adds its own cost per task: starting a thread, queueing in a pool, pickling the task and its result to another process.
lesson-7-question = Which run will finish first?
lesson-7-answer-loop = a plain loop
lesson-7-answer-threads = a thread per task
lesson-7-answer-pool = a pool of threads
lesson-7-answer-processes = a pool of processes
lesson-7-theory = when a task is a few microseconds of work, starting, queueing and copying it costs more than the work itself: the plain loop pays none of it.

lesson-8-title = The convoy effect
lesson-8-text = One thread does fifty short waits of 2 ms, between them a moment of work; beside it, computing threads never wait. Under the GIL the waiting thread, each time it wakes, must win the GIL back from a computing thread, which may hold it for a whole switch interval (5 ms by default).
lesson-8-question = Under the GIL, how long will the waiting thread's fifty 2 ms waits take, compared with 100 ms on their own?
lesson-8-answer-same = about the same, 100 ms
lesson-8-answer-twice = up to about twice as long
lesson-8-answer-several = several times longer
lesson-8-theory = after every wait the thread queues for the GIL behind a computing thread, up to a whole switch interval each time: fifty wake-ups cost several times the waits themselves.

lesson-9-title = Today's Python: no GIL, subinterpreters
lesson-9-text = CPython 3.13 has a free-threaded build (python3.13t) with no GIL: threads compute in parallel, as they do in most languages. CPython 3.14 adds a pool of subinterpreters, each with its own GIL, in one process. Waiting does not change; what changes is computing in threads. The lab's threads without a GIL model a free-threaded build; a real one runs beside them where this machine has it.
lesson-9-question = In a build without the GIL, about how many times faster than one after another will four computing threads be on { $cores ->
    [one] { $cores } core
   *[other] { $cores } cores
}?
lesson-9-theory = { $cores ->
    [one] with one core, threads can only take turns, GIL or not.
   *[other] without the GIL each thread computes on its own core, up to { $cores } at once; with it, they are back to about 1×.
}

lesson-not-measured = not measured: the run did not finish
lesson-why-incomplete = The run was cancelled or failed, so there is nothing to compare with the theory.
lesson-why-one-core = This machine has one logical core: nothing can run at the same instant, so parallel runs cannot beat one after another.
lesson-why-busy = Other programs used about { $cores } cores during the run: the runs competed with them for the machine, and one run slowed more than another shifts every ratio, either way. Run the step again when the machine is quiet.
lesson-why-unexplained = The figures show no cause (the machine was not busy and has several cores); run the step again to see whether it repeats.

lesson-run-sequential = one after another
lesson-run-gil-threads = threads (GIL)
lesson-run-free-threads = threads (no GIL)
lesson-run-process-pool = pool of processes
lesson-run-event-loop = event loop
lesson-run-pool = pool of { $workers } threads
lesson-run-python-loop = CPython: a loop
lesson-run-python-threads = CPython: threads
lesson-run-python-processes = CPython: pool of processes
lesson-run-python-asyncio = CPython: asyncio
lesson-run-python-pool = CPython: pool of { $workers } threads
lesson-run-python-free-threaded = CPython without the GIL: threads
lesson-run-python-subinterpreters = CPython: pool of subinterpreters
cli-lessons-hint = Follow one with: concurrency-lab lesson N (or open the window on it: concurrency-lab gui --lesson N)
cli-help-gui-size = The window's size in points, e.g. 1280x720 (for a projector or a screenshot)
cli-bad-size = “{ $size }” is not a window size: write WIDTHxHEIGHT, each 200 to 16384, e.g. 1280x720
val-sweep-values-count = between 1 and { $max } values
val-sweep-whole = a whole number
val-sweep-repeated = a value given once (this one is repeated)
val-sweep-no-run = a parameter one of the runs has: no run takes { $parameter } (workers: pools, async_multi, rayon; switch_interval_ms: runs under a GIL; tasks, cpu_ms, io_ms: every run)
val-sweep-too-many-runs = fewer values or runs: the sweep would make { $runs } runs, at most { $max }
err-serial-part = the serial part before the tasks computed a wrong value (the machine's arithmetic or memory is at fault)

## Platforms: each system's gaps, said rather than hidden

core-not-on-macos = not shown on macOS
menu-copy-table = Copy results as a table
menu-copy-table-help = Tab-separated values, to paste into a spreadsheet
status-copied-table = Results copied as a table (tab-separated)
monitor-off-wine = CPU monitor off: running under Wine { $version }, which lacks the PDH calls per-core load needs (real Windows has them)
settings-kept-in = Concurrency Lab: settings are kept in { $path }
settings-nowhere = Concurrency Lab: no folder for settings here; they will not be kept
settings-folder-failed = Cannot create { $path }: { $reason }; settings will not be kept
renderer-failed = The { $renderer } renderer could not start: { $reason }
renderer-glow = OpenGL (glow)
renderer-wgpu = wgpu (DirectX 12, Vulkan, Metal or OpenGL ES)
window-no-renderer = The window could not be opened.
      { $failures }
    The lab draws with OpenGL 2 or later, or else DirectX 12 (Windows), Vulkan or OpenGL ES (Linux) or Metal (macOS); none could be started here. On a virtual machine or a remote desktop, turn on 3D acceleration or install the graphics driver (on Linux, Mesa's llvmpipe gives OpenGL without a GPU).
    Run experiments headless instead: concurrency-lab run cpu-bound
log-no-job-object = No job object for the worker processes ({ $reason }): they may outlive the lab if it is killed
log-worker-not-in-job = Worker process { $pid } is not in the job object: { $reason }
log-timer-refused = The system refused a 1 ms timer resolution (status { $status }): short waits keep the system tick
log-open-files-low = Open files are limited to { $limit }: large network presets may fail
log-open-files-failed = Cannot raise the open-files limit: { $reason }

## Scaling laws fitted to a sweep
fit-amdahl = { $label }: Amdahl's law fits a serial fraction s = { $s } (R² { $r2 }): { $meaning }
fit-with-planned = { $fitted } (the preset planned s ≈ { $planned })
fit-meaning-gil = under the GIL s ≈ 1: nothing computes in parallel, whatever the workers
fit-meaning-serial = almost nothing ran in parallel
fit-meaning-parallel = almost all of it ran in parallel: it would go on scaling with more cores
fit-meaning-limit = however many cores, it cannot run more than { $limit } faster than on one worker
fit-gustafson = { $label }: Gustafson's law: the serial part ({ $serial }) is { $first_share } of the run at { $first_tasks } tasks and { $last_share } at { $last_tasks }, so the scaled speed-up grows from { $first_speedup } to { $last_speedup } towards { $workers }×
chart-subject-sweep = speed-up against the swept value
chart-sweep-extra = measured points joined; dashed: the fitted scaling law
chart-sweep-none = this experiment is not a sweep (a preset with a [sweep] table is)
chart-sweep-flat = { $label } (runs once: the parameter does not apply)
chart-sweep-fitted = { $label } (Amdahl: s = { $s })
chart-sweep-ideal = ideal: linear up to the logical cores
sweep-axis-workers = workers
sweep-axis-tasks = tasks
sweep-axis-switch-interval = GIL switch interval (ms)
sweep-axis-cpu-ms = computation per task (ms)
sweep-axis-io-ms = waiting per task (ms)
sweep-axis-io-task = the I/O task's time (ms, lower is better)
preset-name-amdahl = Amdahl's law: a worker sweep with a serial part
preset-description-amdahl = The same work at 1, 2, 4 and 8 workers; the fitted serial fraction against the planned 0.2
preset-claim-amdahl = a serial part caps the speed-up however many workers run: 1/s
preset-name-convoy-sweep = The convoy against the switch interval
preset-description-convoy-sweep = The I/O task's time at GIL switch intervals from 0.5 to 10 ms, and without a GIL
preset-claim-convoy-sweep = a shorter switch interval shrinks the convoy at the price of more switches

## Predicted versus measured
gap-ideal = ideal { $speedup }
gap-part = { $part } { $change }
gap-measured = measured { $speedup }
gap-part-gil = GIL
gap-part-serial = serial part
gap-part-startup = start-up
gap-part-per-task = per-task overhead
gap-part-other-load = other load
gap-part-unexplained = unexplained
gap-finding = the model predicted { $predicted }, but { $measured } was measured, beyond the noise: a finding, not an error — something the model leaves out (memory, caches, the scheduler) mattered here
gap-predicted = predicted { $predicted }
explain-wide-spread = the wall time spread { $spread } of the mean over { $repetitions } repetitions: repeat it, or quiet the machine
explain-outliers = { $count ->
    [one] repetition { $which } is an outlier (modified z-score above 3.5)
   *[other] repetitions { $which } are outliers (modified z-score above 3.5)
}
cli-relative-heading = Relative speed (mean wall times, ± their propagated standard uncertainty):
cli-relative = { $fast } ran { $ratio } ± { $uncertainty }× faster than { $slow }
cli-relative-same = { $fast } and { $slow } ran as fast within the noise ({ $ratio } ± { $uncertainty }×)
cli-compare-heading = Compared with { $file } ({ $name }, { $machine }):
cli-compare-faster = { $label }: { $old } → { $new }, { $ratio } ± { $uncertainty }× faster — beyond noise
cli-compare-slower = { $label }: { $old } → { $new }, { $ratio } ± { $uncertainty }× slower — beyond noise
cli-compare-same = { $label }: { $old } → { $new }, the same within noise
cli-compare-unmatched = in only one of the two: { $labels }
cli-help-run-compare = Compare each run with the same label in a saved result (JSON from --json)

## The GIL view
gil-convoy-headline = The convoy: in “{ $label }” the I/O task took { $took } for { $waits } of waits — { $times }× longer
gil-view-title = The GIL per thread (last repetition)
gil-view-hold = holding the GIL (computing)
gil-view-wait = waiting for the GIL
gil-view-outside = outside it (blocking waits release it)
gil-view-tip = holding { $hold } ({ $held }) · waiting { $wait } ({ $waiting }) · outside { $outside }
gil-view-counts = { $switches } switches · { $drops } forced drops
gil-view-more = { $count ->
    [one] and { $count } more thread
   *[other] and { $count } more threads
}
menu-history = History…
history-title = History
history-off = No history is kept in this window (settings are not saved).
history-filter = Filter (date, preset, machine):
history-where = { $count ->
    [one] { $count } result in { $folder }
   *[other] { $count } results in { $folder }
}
history-empty = Nothing saved yet: every finished experiment is kept here.
history-runs = { $count ->
    [one] { $count } run
   *[other] { $count } runs
}
history-open = Open
status-history-not-saved = the result could not be kept in the history: { $reason }
sweep-title-io-task = the I/O task's time against the swept value
err-threads-panicked = { $count ->
    [one] a worker thread panicked outside its tasks (a fault of the lab's, not of the work)
   *[other] { $count } worker threads panicked outside their tasks (a fault of the lab's, not of the work)
}
