//! Finding the Python interpreters on this machine, and asking each what it is.
//!
//! Candidates come from `CONCURRENCY_LAB_PYTHON`, the usual names on `PATH`,
//! pyenv's and uv's installations and, on Windows, the `py` launcher. Each is
//! probed by running it with a tiny script (3 s at most); one that fails is
//! listed with the reason rather than dropped. Two candidates that are the
//! same interpreter (a pyenv shim and the binary it runs, a symlink) appear
//! once.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::tr;

/// The oldest CPython the lab's Python program supports.
pub const OLDEST_SUPPORTED: (u32, u32) = (3, 8);
/// How long a probe may take before the candidate is listed as not answering.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(3);
/// The environment variable that names an interpreter to use first.
pub const ENV_PYTHON: &str = "CONCURRENCY_LAB_PYTHON";

/// Runs in every candidate. Python 2 syntax too, so that an old interpreter
/// says what it is instead of failing on a syntax error; the current folder
/// is dropped from `sys.path` so no local `json.py` can answer for it.
const PROBE_SCRIPT: &str = r#"
import sys
sys.path = [p for p in sys.path if p not in ('', '.')]
import json, platform
d = {"implementation": platform.python_implementation(), "version": platform.python_version(),
     "executable": sys.executable, "free_threaded": False, "gil_enabled": True,
     "start_method": None, "start_methods": [], "interpreter_pool": False}
try:
    import sysconfig
    d["free_threaded"] = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
except Exception:
    pass
f = getattr(sys, "_is_gil_enabled", None)
if f is not None:
    d["gil_enabled"] = bool(f())
try:
    import multiprocessing
    d["start_methods"] = list(multiprocessing.get_all_start_methods())
    d["start_method"] = multiprocessing.get_start_method()
except Exception:
    pass
try:
    import concurrent.futures
    d["interpreter_pool"] = hasattr(concurrent.futures, "InterpreterPoolExecutor")
except Exception:
    pass
sys.stdout.write(json.dumps(d))
"#;

/// Where a candidate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `CONCURRENCY_LAB_PYTHON`.
    Environment,
    /// A name on `PATH`.
    Path,
    /// pyenv's `versions/*`.
    Pyenv,
    /// uv's managed Pythons.
    Uv,
    /// Windows' `py -0p`.
    PyLauncher,
    /// Named in a preset or on the command line.
    Given,
}

impl Source {
    /// As the `pythons` list says it.
    pub fn describe(self) -> &'static str {
        match self {
            Source::Environment => ENV_PYTHON,
            Source::Path => "PATH",
            Source::Pyenv => "pyenv",
            Source::Uv => "uv",
            Source::PyLauncher => "py launcher",
            Source::Given => "given",
        }
    }
}

/// What a working interpreter said about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PythonInfo {
    /// The interpreter's own `sys.executable`, resolved: what runs.
    pub executable: PathBuf,
    /// How it was found first (a command or path) and where.
    pub found_as: String,
    /// Where it was found first.
    pub source: Source,
    /// `platform.python_version()`, e.g. `3.12.1`.
    pub version: String,
    /// `CPython`, `PyPy`...
    pub implementation: String,
    /// Built without the GIL (PEP 703).
    pub free_threaded: bool,
    /// Whether the GIL is on now (`sys._is_gil_enabled()`, else true).
    pub gil_enabled: bool,
    /// The default `multiprocessing` start method.
    pub start_method: Option<String>,
    /// Every start method this platform offers.
    pub start_methods: Vec<String>,
    /// `concurrent.futures.InterpreterPoolExecutor` exists (3.14+).
    pub interpreter_pool: bool,
}

impl PythonInfo {
    /// (major, minor) of the version, if it reads as one.
    pub fn version_tuple(&self) -> Option<(u32, u32)> {
        let mut parts = self.version.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor: String = parts
            .next()?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Some((major, minor.parse().ok()?))
    }

    /// Why the lab cannot run this interpreter, if it cannot.
    pub fn unsupported_reason(&self) -> Option<String> {
        if self.implementation != "CPython" {
            return Some(tr!("err-not-cpython", name = self.implementation.clone()));
        }
        match self.version_tuple() {
            Some(version) if version >= OLDEST_SUPPORTED => None,
            _ => Some(tr!(
                "err-python-too-old",
                version = self.version.clone(),
                oldest = format!("{}.{}", OLDEST_SUPPORTED.0, OLDEST_SUPPORTED.1)
            )),
        }
    }

    /// "CPython 3.12" or "CPython 3.13t": how tables name it.
    pub fn short_name(&self) -> String {
        let version = self
            .version_tuple()
            .map_or_else(|| self.version.clone(), |(a, b)| format!("{a}.{b}"));
        let suffix = if self.free_threaded { "t" } else { "" };
        format!("{} {version}{suffix}", self.implementation)
    }

    /// "GIL" or "free-threaded".
    pub fn build(&self) -> &'static str {
        if self.free_threaded {
            "free-threaded"
        } else {
            "GIL"
        }
    }
}

/// One candidate and what probing it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// The path or command that was run.
    pub candidate: PathBuf,
    /// Where it was found.
    pub source: Source,
    /// Its description, when it answered as a Python.
    pub info: Option<PythonInfo>,
    /// Why it cannot be used: it did not answer, or is unsupported.
    pub problem: Option<String>,
}

impl Probe {
    /// The interpreter, when the lab can run it.
    pub fn usable(&self) -> Option<&PythonInfo> {
        self.info.as_ref().filter(|_| self.problem.is_none())
    }
}

/// Everything found on this machine, in the order of preference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pythons {
    /// Every candidate probed, usable ones and not.
    pub probes: Vec<Probe>,
}

/// Why a preset's `python` could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// Nothing matches.
    NotFound {
        /// What was asked for.
        wanted: String,
        /// What there is.
        found: String,
    },
    /// It matched something the lab cannot run.
    Unusable(String),
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::NotFound { wanted, found } => f.write_str(&tr!(
                "err-python-not-found",
                wanted = wanted.clone(),
                found = found.clone()
            )),
            ResolveError::Unusable(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for ResolveError {}

impl Pythons {
    /// The interpreters the lab can run.
    pub fn usable(&self) -> impl Iterator<Item = &PythonInfo> {
        self.probes.iter().filter_map(Probe::usable)
    }

    /// The default interpreter: the first usable one found.
    pub fn default_python(&self) -> Option<&PythonInfo> {
        self.usable().next()
    }

    /// A list of what was found, for error messages.
    pub fn found_summary(&self) -> String {
        let names: Vec<String> = self
            .usable()
            .map(|info| format!("{} ({})", info.short_name(), info.executable.display()))
            .collect();
        if names.is_empty() {
            tr!("err-no-usable-python")
        } else {
            names.join(", ")
        }
    }

    /// Resolves a preset's `python` value: a version (`3.12`, `3.13t`), a
    /// command (`python3.13t`) or a path; `None` is the default interpreter.
    pub fn resolve(&self, wanted: Option<&str>) -> Result<PythonInfo, ResolveError> {
        let Some(wanted) = wanted.map(str::trim) else {
            return self
                .default_python()
                .cloned()
                .ok_or_else(|| ResolveError::NotFound {
                    wanted: tr!("val-default"),
                    found: self.found_summary(),
                });
        };
        if let Some((version, free_threaded)) = parse_version_request(wanted) {
            return self
                .usable()
                .find(|info| {
                    info.free_threaded == free_threaded && version_matches(&info.version, &version)
                })
                .cloned()
                .ok_or_else(|| ResolveError::NotFound {
                    wanted: wanted.to_owned(),
                    found: self.found_summary(),
                });
        }
        let path = Path::new(wanted);
        let looks_like_path = path.components().count() > 1 || path.is_absolute();
        let candidate = if looks_like_path {
            path.to_path_buf()
        } else {
            find_on_path(wanted).ok_or_else(|| ResolveError::NotFound {
                wanted: wanted.to_owned(),
                found: tr!(
                    "err-no-command",
                    command = wanted.to_owned(),
                    found = self.found_summary()
                ),
            })?
        };
        if candidate.is_dir() {
            return Err(ResolveError::Unusable(tr!(
                "err-python-folder",
                path = candidate.display().to_string()
            )));
        }
        if !candidate.exists() {
            return Err(ResolveError::NotFound {
                wanted: wanted.to_owned(),
                found: tr!(
                    "err-python-missing",
                    path = candidate.display().to_string(),
                    found = self.found_summary()
                ),
            });
        }
        let probe = probe_cached(&candidate, Source::Given);
        match (probe.info, probe.problem) {
            (Some(info), None) => Ok(info),
            (_, Some(problem)) => Err(ResolveError::Unusable(format!(
                "{}: {problem}",
                candidate.display()
            ))),
            (None, None) => Err(ResolveError::Unusable(tr!(
                "err-not-python",
                path = candidate.display().to_string()
            ))),
        }
    }
}

/// `3.12` → ([3, 12], false); `3.13t` → ([3, 13], true); not a version → None.
fn parse_version_request(text: &str) -> Option<(Vec<u32>, bool)> {
    let (digits, free_threaded) = match text.strip_suffix('t') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let parts: Option<Vec<u32>> = digits.split('.').map(|p| p.parse().ok()).collect();
    parts
        .filter(|p| !p.is_empty() && p.len() <= 3)
        .map(|p| (p, free_threaded))
}

fn version_matches(version: &str, wanted: &[u32]) -> bool {
    let have: Vec<u32> = version
        .split('.')
        .map(|p| {
            p.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap_or(u32::MAX)
        })
        .collect();
    have.len() >= wanted.len() && have.iter().zip(wanted).all(|(a, b)| a == b)
}

/// The first file named `name` (plus `.exe` on Windows) on `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|folder| {
        executable_names(name)
            .into_iter()
            .map(|n| folder.join(n))
            .find(|candidate| candidate.is_file())
    })
}

fn executable_names(name: &str) -> Vec<String> {
    if cfg!(windows) && !name.to_ascii_lowercase().ends_with(".exe") {
        vec![format!("{name}.exe"), name.to_owned()]
    } else {
        vec![name.to_owned()]
    }
}

/// Every candidate, in order of preference, each once by its resolved path.
fn candidates() -> Vec<(PathBuf, Source)> {
    let mut found: Vec<(PathBuf, Source)> = Vec::new();
    if let Some(path) = std::env::var_os(ENV_PYTHON).filter(|p| !p.is_empty()) {
        found.push((PathBuf::from(path), Source::Environment));
    }
    let mut names = vec!["python3".to_owned()];
    for minor in 8..=15 {
        names.push(format!("python3.{minor}"));
        names.push(format!("python3.{minor}t"));
    }
    names.push("python".to_owned());
    for name in &names {
        if let Some(path) = find_on_path(name) {
            found.push((path, Source::Path));
        }
    }
    found.extend(pyenv_pythons().into_iter().map(|p| (p, Source::Pyenv)));
    found.extend(uv_pythons().into_iter().map(|p| (p, Source::Uv)));
    found.extend(
        py_launcher_pythons()
            .into_iter()
            .map(|p| (p, Source::PyLauncher)),
    );
    let mut seen = std::collections::HashSet::new();
    found.retain(|(path, _)| seen.insert(std::fs::canonicalize(path).unwrap_or(path.clone())));
    found
}

fn home() -> Option<PathBuf> {
    std::env::home_dir().filter(|h| !h.as_os_str().is_empty())
}

/// Interpreters in `folder/*/` at `relative` (e.g. `bin/python3`), sorted by name.
fn installed_in(folder: &Path, relative: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut versions: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    versions.sort();
    versions
        .into_iter()
        .filter_map(|version| {
            relative
                .iter()
                .map(|r| version.join(r))
                .find(|candidate| candidate.is_file())
        })
        .collect()
}

fn pyenv_pythons() -> Vec<PathBuf> {
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pyenv")));
    let Some(root) = root else {
        return Vec::new();
    };
    // pyenv-win keeps python.exe in the version's folder itself.
    installed_in(
        &root.join("versions"),
        &["bin/python3", "bin/python", "python.exe"],
    )
}

fn uv_pythons() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("UV_PYTHON_INSTALL_DIR") {
        roots.push(PathBuf::from(dir));
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        roots.push(PathBuf::from(data).join("uv/python"));
    }
    if let Some(home) = home() {
        roots.push(home.join(".local/share/uv/python"));
    }
    if let Some(app_data) = std::env::var_os("APPDATA") {
        roots.push(PathBuf::from(app_data).join("uv").join("python"));
    }
    roots
        .iter()
        .flat_map(|root| installed_in(root, &["bin/python3", "python.exe"]))
        .collect()
}

/// `py -0p` lists one interpreter per line, its path last.
fn py_launcher_pythons() -> Vec<PathBuf> {
    if !cfg!(windows) {
        return Vec::new();
    }
    let Some(py) = find_on_path("py") else {
        return Vec::new();
    };
    let Ok(output) = run_with_timeout(Command::new(py).arg("-0p"), PROBE_TIMEOUT) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .filter(|path| path.to_ascii_lowercase().ends_with(".exe"))
        .map(PathBuf::from)
        .collect()
}

/// What a finished (or killed) command printed.
struct Output {
    status: Option<std::process::ExitStatus>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs a command with its output captured, killing it after `timeout`.
fn run_with_timeout(command: &mut Command, timeout: Duration) -> std::io::Result<Output> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    super::process::own_process_group(command);
    let mut child = command.spawn()?;
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                // A probe that fails to say more is judged by what it said.
                let _ = pipe.by_ref().take(1 << 20).read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() >= timeout {
            // Killing the group closes the pipes (a child of the candidate
            // may hold them too), so the readers end.
            super::process::kill_group(&mut child);
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Runs the probe script in `candidate` and reads its answer.
pub fn probe(candidate: &Path, source: Source) -> Probe {
    let failed = |problem: String| Probe {
        candidate: candidate.to_path_buf(),
        source,
        info: None,
        problem: Some(problem),
    };
    let mut command = Command::new(candidate);
    command.args(["-E", "-s", "-c", PROBE_SCRIPT]);
    let output = match run_with_timeout(&mut command, PROBE_TIMEOUT) {
        Ok(output) => output,
        Err(e) => return failed(tr!("err-probe-cannot-run", reason = e.to_string())),
    };
    let Some(status) = output.status else {
        return failed(tr!("err-probe-silent", seconds = PROBE_TIMEOUT.as_secs()));
    };
    let answer: Option<RawProbe> = serde_json::from_slice(&output.stdout).ok();
    let Some(raw) = answer.filter(|_| status.success()) else {
        let said = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = said
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // A wrapper says why first ("pyenv: python3.8: command not found");
        // a Python traceback says it last.
        let said = match (lines.first(), lines.last()) {
            (Some(first), Some(last)) if first != last => format!("{first} … {last}"),
            (Some(first), _) => (*first).to_owned(),
            _ => String::new(),
        };
        let said = super::process::clip(&said, 200);
        let status = super::process::describe_exit(status);
        return failed(if said.is_empty() {
            tr!("err-probe-not-python", status = status)
        } else {
            tr!("err-probe-unusable", status = status, said = said)
        });
    };
    let executable = if raw.executable.is_empty() {
        candidate.to_path_buf()
    } else {
        let own = PathBuf::from(&raw.executable);
        std::fs::canonicalize(&own).unwrap_or(own)
    };
    let info = PythonInfo {
        executable,
        found_as: format!("{} ({})", candidate.display(), source.describe()),
        source,
        version: raw.version,
        implementation: raw.implementation,
        free_threaded: raw.free_threaded,
        gil_enabled: raw.gil_enabled,
        start_method: raw.start_method,
        start_methods: raw.start_methods,
        interpreter_pool: raw.interpreter_pool,
    };
    Probe {
        candidate: candidate.to_path_buf(),
        source,
        problem: info.unsupported_reason(),
        info: Some(info),
    }
}

#[derive(Deserialize)]
struct RawProbe {
    implementation: String,
    version: String,
    #[serde(default)]
    executable: String,
    #[serde(default)]
    free_threaded: bool,
    #[serde(default = "yes")]
    gil_enabled: bool,
    #[serde(default)]
    start_method: Option<String>,
    #[serde(default)]
    start_methods: Vec<String>,
    #[serde(default)]
    interpreter_pool: bool,
}

fn yes() -> bool {
    true
}

/// Probes every candidate (in parallel) and merges those that are the same
/// interpreter.
pub fn discover() -> Pythons {
    let candidates = candidates();
    let probes: Vec<Probe> = std::thread::scope(|scope| {
        let handles: Vec<_> = candidates
            .iter()
            .map(|(path, source)| scope.spawn(move || probe(path, *source)))
            .collect();
        handles
            .into_iter()
            .zip(&candidates)
            .map(|(handle, (path, source))| {
                handle.join().unwrap_or_else(|_| Probe {
                    candidate: path.clone(),
                    source: *source,
                    info: None,
                    problem: Some(tr!("err-probe-failed")),
                })
            })
            .collect()
    });
    let mut merged: Vec<Probe> = Vec::new();
    for probe in probes {
        let duplicate = probe.info.as_ref().and_then(|info| {
            merged.iter_mut().find(|m| {
                m.info
                    .as_ref()
                    .is_some_and(|other| other.executable == info.executable)
            })
        });
        match duplicate {
            Some(first) => {
                if let Some(info) = first.info.as_mut() {
                    info.found_as.push_str(&format!(
                        ", {} ({})",
                        probe.candidate.display(),
                        probe.source.describe()
                    ));
                }
            }
            None => merged.push(probe),
        }
    }
    Pythons { probes: merged }
}

type ProbeCache = Mutex<HashMap<PathBuf, Probe>>;

fn probe_cache() -> &'static ProbeCache {
    static CACHE: OnceLock<ProbeCache> = OnceLock::new();
    CACHE.get_or_init(ProbeCache::default)
}

/// A probe of a given path, remembered while the program runs.
pub fn probe_cached(candidate: &Path, source: Source) -> Probe {
    let key = std::fs::canonicalize(candidate).unwrap_or_else(|_| candidate.to_path_buf());
    if let Some(known) = probe_cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return known.clone();
    }
    let fresh = probe(candidate, source);
    probe_cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(key, fresh.clone());
    fresh
}

fn discovered() -> &'static Mutex<Option<Arc<Pythons>>> {
    static FOUND: OnceLock<Mutex<Option<Arc<Pythons>>>> = OnceLock::new();
    FOUND.get_or_init(|| Mutex::new(None))
}

/// This machine's interpreters, looked for once per program run (the first
/// call probes; later ones return the same list until [`refresh`]).
pub fn pythons() -> Arc<Pythons> {
    let mut found = discovered().lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(found.get_or_insert_with(|| Arc::new(discover())))
}

/// The list if it has been made already (the window never waits for probes).
pub fn pythons_if_ready() -> Option<Arc<Pythons>> {
    discovered()
        .try_lock()
        .ok()
        .and_then(|found| found.as_ref().map(Arc::clone))
}

/// Looks again (an interpreter was installed meanwhile).
pub fn refresh() -> Arc<Pythons> {
    let fresh = Arc::new(discover());
    probe_cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
    *discovered().lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&fresh));
    fresh
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(version: &str, free_threaded: bool) -> PythonInfo {
        PythonInfo {
            executable: PathBuf::from(format!("/opt/python{version}")),
            found_as: "test".into(),
            source: Source::Path,
            version: version.into(),
            implementation: "CPython".into(),
            free_threaded,
            gil_enabled: !free_threaded,
            start_method: Some("fork".into()),
            start_methods: vec!["fork".into(), "spawn".into()],
            interpreter_pool: false,
        }
    }

    fn pythons(infos: Vec<PythonInfo>) -> Pythons {
        Pythons {
            probes: infos
                .into_iter()
                .map(|info| Probe {
                    candidate: info.executable.clone(),
                    source: Source::Path,
                    problem: info.unsupported_reason(),
                    info: Some(info),
                })
                .collect(),
        }
    }

    #[test]
    fn versions_resolve_by_prefix_and_build() {
        let found = pythons(vec![
            info("3.11.7", false),
            info("3.13.1", false),
            info("3.13.1", true),
            info("3.6.15", false),
        ]);
        let resolve = |wanted| found.resolve(Some(wanted)).map(|i| i.short_name());
        assert_eq!(resolve("3.13").as_deref(), Ok("CPython 3.13"));
        assert_eq!(resolve("3.13t").as_deref(), Ok("CPython 3.13t"));
        assert_eq!(resolve("3.11.7").as_deref(), Ok("CPython 3.11"));
        assert!(matches!(
            resolve("3.12"),
            Err(ResolveError::NotFound { .. })
        ));
        // 3.6 is listed but unsupported: never chosen by version.
        assert!(resolve("3.6").is_err());
        assert_eq!(
            found.resolve(None).map(|i| i.version),
            Ok("3.11.7".to_owned())
        );
    }

    #[test]
    fn old_and_foreign_interpreters_are_unsupported() {
        assert!(info("2.7.18", false).unsupported_reason().is_some());
        assert!(info("3.7.16", false).unsupported_reason().is_some());
        assert!(info("3.8.18", false).unsupported_reason().is_none());
        let mut pypy = info("3.10.0", false);
        pypy.implementation = "PyPy".into();
        assert!(pypy.unsupported_reason().is_some());
    }

    #[test]
    fn version_requests_are_told_from_commands() {
        assert_eq!(parse_version_request("3.12"), Some((vec![3, 12], false)));
        assert_eq!(parse_version_request("3.13t"), Some((vec![3, 13], true)));
        assert_eq!(parse_version_request("python3.12"), None);
        assert_eq!(parse_version_request("/usr/bin/python3"), None);
    }

    #[test]
    fn a_missing_folder_or_not_python_is_unusable() {
        let found = pythons(vec![info("3.11.7", false)]);
        let dir = tempfile::tempdir().expect("dir");
        assert!(matches!(
            found.resolve(Some(dir.path().to_str().expect("utf-8"))),
            Err(ResolveError::Unusable(_))
        ));
        let missing = dir.path().join("nope/python");
        assert!(matches!(
            found.resolve(Some(missing.to_str().expect("utf-8"))),
            Err(ResolveError::NotFound { .. })
        ));
    }
}
