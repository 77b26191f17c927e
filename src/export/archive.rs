//! The history of experiments across restarts: each finished result saved
//! as JSON in a folder of the app's data, an index to list them without
//! reading them, and a bound on count and size (the oldest go first), so
//! that yesterday's run can be compared with today's.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ExportError, JsonExporter, export_to_path, load_result};
use crate::engine::results::metrics::ExperimentResult;

/// Results kept at most.
pub const MAX_RESULTS: usize = 100;
/// Bytes kept at most, all results together.
pub const MAX_BYTES: u64 = 200 << 20;
const INDEX: &str = "index.json";

/// One saved result, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    /// File name inside the archive folder.
    pub file: String,
    /// When the experiment started, s since the Unix epoch.
    pub started_unix_s: u64,
    /// The preset's name.
    pub preset: String,
    /// "2 cores · AMD EPYC · Linux".
    pub machine: String,
    /// Runs in it.
    pub runs: usize,
    /// Whether it was cancelled.
    #[serde(default)]
    pub cancelled: bool,
    /// Size on disk.
    pub bytes: u64,
}

impl ArchiveEntry {
    /// Whether every word of `filter` is in its date, preset or machine.
    pub fn matches(&self, filter: &str) -> bool {
        let haystack = format!(
            "{} {} {}",
            utc_text(self.started_unix_s),
            self.preset,
            self.machine
        )
        .to_lowercase();
        filter
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// A folder of saved results.
#[derive(Debug, Clone)]
pub struct Archive {
    dir: PathBuf,
    max_results: usize,
    max_bytes: u64,
}

impl Archive {
    /// The archive in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Archive {
            dir: dir.into(),
            max_results: MAX_RESULTS,
            max_bytes: MAX_BYTES,
        }
    }

    /// The same archive with other bounds (for tests and small disks).
    pub fn with_bounds(mut self, max_results: usize, max_bytes: u64) -> Self {
        self.max_results = max_results.max(1);
        self.max_bytes = max_bytes;
        self
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves `result`, then drops the oldest results beyond the bounds.
    pub fn save(&self, result: &ExperimentResult) -> Result<ArchiveEntry, ExportError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| ExportError::Write {
            path: self.dir.display().to_string(),
            source,
        })?;
        let file = format!(
            "{}-{}.json",
            result.started_unix_s,
            slug(&result.preset.name)
        );
        let path = self.dir.join(&file);
        // With spans: a result opened from the history draws its timeline.
        let exporter = JsonExporter {
            include_spans: true,
        };
        export_to_path(&exporter, result, &path)?;
        let entry = ArchiveEntry {
            file,
            started_unix_s: result.started_unix_s,
            preset: result.preset.name.clone(),
            machine: format!(
                "{} cores · {} · {}",
                result.machine.cores, result.machine.cpu, result.machine.os
            ),
            runs: result.runs.len(),
            cancelled: result.cancelled,
            bytes: std::fs::metadata(&path).map_or(0, |m| m.len()),
        };
        let mut entries = self.entries();
        entries.retain(|e| e.file != entry.file);
        entries.push(entry.clone());
        let kept = self.prune(entries);
        self.write_index(&kept)?;
        Ok(entry)
    }

    /// Every saved result, newest first. A missing or damaged index is
    /// rebuilt from the files themselves.
    pub fn entries(&self) -> Vec<ArchiveEntry> {
        let index = std::fs::read_to_string(self.dir.join(INDEX))
            .ok()
            .and_then(|text| serde_json::from_str::<Vec<ArchiveEntry>>(&text).ok());
        let mut entries = match index {
            Some(entries) => entries
                .into_iter()
                .filter(|e| self.dir.join(&e.file).is_file())
                .collect(),
            None => self.rebuild(),
        };
        entries.sort_by_key(|e| std::cmp::Reverse(e.started_unix_s));
        entries
    }

    /// Reads a saved result.
    pub fn load(&self, entry: &ArchiveEntry) -> Result<ExperimentResult, ExportError> {
        load_result(&self.path_of(entry))
    }

    /// Where an entry's file is.
    pub fn path_of(&self, entry: &ArchiveEntry) -> PathBuf {
        self.dir.join(&entry.file)
    }

    fn rebuild(&self) -> Vec<ArchiveEntry> {
        let Ok(read) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        read.flatten()
            .filter(|e| e.file_name() != INDEX)
            .filter_map(|e| {
                let file = e.file_name().into_string().ok()?;
                let result = load_result(&e.path()).ok()?;
                Some(ArchiveEntry {
                    file,
                    started_unix_s: result.started_unix_s,
                    preset: result.preset.name.clone(),
                    machine: format!(
                        "{} cores · {} · {}",
                        result.machine.cores, result.machine.cpu, result.machine.os
                    ),
                    runs: result.runs.len(),
                    cancelled: result.cancelled,
                    bytes: e.metadata().map_or(0, |m| m.len()),
                })
            })
            .collect()
    }

    /// Keeps the newest within the bounds, deleting
    /// the files of the rest; returns what is kept.
    fn prune(&self, mut entries: Vec<ArchiveEntry>) -> Vec<ArchiveEntry> {
        entries.sort_by_key(|e| std::cmp::Reverse(e.started_unix_s));
        let mut total = 0u64;
        let mut kept = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            total += entry.bytes;
            // The newest is always kept, however large.
            if i == 0 || (i < self.max_results && total <= self.max_bytes) {
                kept.push(entry);
            } else {
                // Best effort: a file that will not go stays unlisted.
                let _ = std::fs::remove_file(self.dir.join(&entry.file));
            }
        }
        kept
    }

    fn write_index(&self, entries: &[ArchiveEntry]) -> Result<(), ExportError> {
        let path = self.dir.join(INDEX);
        super::write_atomic(&path, |out| {
            serde_json::to_writer(out, entries).map_err(std::io::Error::other)
        })
    }
}

/// A file-name-safe form of a preset's name: letters and digits, dashes
/// between, at most 40 characters.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "result".to_owned()
    } else {
        slug
    }
}

/// "2026-11-25 21:40 UTC" from seconds since the Unix epoch (Howard
/// Hinnant's days-to-civil algorithm; no date crate for one line of text).
pub fn utc_text(unix_s: u64) -> String {
    let days = (unix_s / 86_400) as i64;
    let seconds = unix_s % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        seconds / 3600,
        seconds % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_utc() {
        assert_eq!(utc_text(0), "1970-01-01 00:00 UTC");
        // 2026-11-25 21:40:00 UTC.
        assert_eq!(utc_text(1_795_642_800), "2026-11-25 21:40 UTC");
        assert_eq!(utc_text(951_782_400), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(
            slug("CPU-bound: GIL threads vs processes"),
            "cpu-bound-gil-threads-vs-processes"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("///"), "result");
        assert_eq!(slug("Закон Амдала"), "закон-амдала");
    }
}
