//! Every sentence a person reads comes from the Fluent files: a scan of the
//! sources finds string literals that read like prose outside them (a few
//! allowed, each with its reason), and both languages have the same messages.

use std::path::Path;

use concurrency_lab::i18n::{Language, message_variables};

/// Literals that read like prose but are not messages, and why.
const ALLOWED: &[(&str, &str)] = &[
    ("Concurrency Lab", "the program's name"),
    ("DejaVu Sans, sans-serif", "a font family"),
    (
        "py launcher",
        "a tool's name (where an interpreter was found)",
    ),
    (
        "tokio current-thread runtime",
        "a library's name in an internal error",
    ),
    (
        "tokio multi-thread runtime",
        "a library's name in an internal error",
    ),
    ("rayon pool", "a library's name in an internal error"),
    (
        "Python run",
        "internal: a run without an interpreter never reaches an executor",
    ),
    (
        "deliberate fault injected into task",
        "test-only fault injection",
    ),
    (
        "GIL on",
        "part of a default run label: labels are data, kept in English",
    ),
    (
        "GIL off",
        "part of a default run label: labels are data, kept in English",
    ),
    (".svg or .png", "file extensions"),
    (
        "switch {ms} ms",
        "part of a default run label (data, in English)",
    ),
    (
        "GIL {ms} ms",
        "part of a default run label (data, in English)",
    ),
    (
        "worker {worker}",
        "a lane's recorded name (data, as in result JSON)",
    ),
    (
        "process {pid}",
        "a lane's recorded name (data, as in result JSON)",
    ),
    (
        "--python {wanted:?}: {error}",
        "an option, its value and a translated error",
    ),
];

/// Files whose literals are not for people to read in the window or the
/// terminal: generated Python programs, the Python driver's source.
const SKIPPED: &[&str] = &["src/engine/python/code.rs"];

fn reads_like_prose(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    // Format strings, paths, identifiers and field names are not prose.
    let is_code = text.contains("::")
        || text.starts_with('.')
        || text.starts_with('{')
        || text.contains('/')
        || text
            .chars()
            .all(|c| c.is_ascii_lowercase() || "._-[]0123456789".contains(c));
    words.len() >= 2 && text.contains(' ') && !is_code
}

fn literals(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut in_tests = false;
    for (number, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            in_tests = true;
        }
        if in_tests || trimmed.starts_with("//") || trimmed.starts_with("#[") {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            let literal = &after[..end];
            let before = &rest[..start];
            // Message ids inside tr!(...).
            if !before.trim_end().ends_with("tr!(") {
                found.push((number + 1, literal.to_owned()));
            }
            rest = &after[end + 1..];
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_sentence_for_people_is_written_outside_the_message_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut offending = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(root)
            .expect("inside")
            .display()
            .to_string();
        if SKIPPED.contains(&relative.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&file).expect("source");
        for (line, literal) in literals(&source) {
            let allowed = ALLOWED.iter().any(|(text, _)| literal.contains(text));
            if reads_like_prose(&literal) && !allowed {
                offending.push(format!("{relative}:{line}: {literal:?}"));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "sentences outside the Fluent files (move them to assets/i18n, or allow them with a reason):\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_russian_file_says_everything_the_english_one_does() {
    let english = message_variables(Language::En);
    let russian = message_variables(Language::Ru);
    assert!(english.len() > 300, "{} English messages", english.len());
    assert_eq!(english.len(), russian.len());
}
