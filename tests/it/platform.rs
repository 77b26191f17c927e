//! What differs between systems, checked where the tests run (Linux here,
//! Windows under Wine in scripts/windows/check.sh): the application id and
//! its .desktop entry and icons, the results as a table for the clipboard,
//! the CPU monitor's notice, and thread CPU time with a fine clock.

use std::path::Path;

use crate::common;

use concurrency_lab::app::APP_ID;
use concurrency_lab::engine::measure::{monitor, sys};
use concurrency_lab::engine::run::kernel;

fn repo_file(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn the_desktop_entry_names_the_application_id_and_its_icons_exist_at_every_size() {
    let entry_path = repo_file(&format!("packaging/linux/{APP_ID}.desktop"));
    let entry = std::fs::read_to_string(&entry_path).expect("the .desktop entry exists");
    assert!(
        entry.lines().any(|l| l == format!("Icon={APP_ID}")),
        "{entry}"
    );
    assert!(
        entry
            .lines()
            .any(|l| l == format!("StartupWMClass={APP_ID}")),
        "{entry}"
    );
    assert!(
        entry.lines().any(|l| l == "Exec=concurrency-lab"),
        "{entry}"
    );
    for size in [16, 22, 24, 32, 48, 64, 128, 256, 512, 1024] {
        let icon = repo_file(&format!("assets/icons/concurrency-lab-{size}.png"));
        let bytes = std::fs::read(&icon).unwrap_or_else(|e| panic!("{}: {e}", icon.display()));
        assert_eq!(png_size(&bytes), (size, size), "{}", icon.display());
    }
}

#[test]
fn results_copy_as_a_table_with_a_header_and_a_row_per_run() {
    let text = common::preset(
        "kind = \"cpu\"\ntasks = 2\ncpu_iters = 1000",
        &[
            "model = \"sequential\"",
            "model = \"thread_pool\"\nlabel = \"pool, 2\"\nworkers = 2",
        ],
    );
    let result = common::run(&text);
    let table = concurrency_lab::export::results_tsv(&result);
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert_eq!(rows[0][..3], ["preset", "label", "model"]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{table}");
    assert_eq!(rows[1][1], "sequential");
    // A comma in a label is no separator here.
    assert_eq!(rows[2][1], "pool, 2");
}

#[test]
fn the_cpu_monitor_is_off_with_a_notice_only_under_wine() {
    match sys::wine_version() {
        Some(version) => {
            let reason = monitor::unavailable_reason().expect("a notice under Wine");
            assert!(reason.contains(version), "{reason}");
            assert!(monitor::Monitor::start(monitor::DEFAULT_INTERVAL, || {}).is_err());
        }
        None => assert_eq!(monitor::unavailable_reason(), None),
    }
}

#[test]
fn a_run_of_short_threads_has_its_cpu_time_counted() {
    // On Windows `GetThreadTimes` moves in ~15.6 ms ticks (Wine's in 10 ms):
    // a thread that computed 5 ms reads 0, and so would the run. The lab
    // counts thread cycles there, or else the whole process's CPU time.
    // A fixed iteration count, not `cpu_ms`: on a loaded machine the
    // calibration may be slow, and 5 ms would then be less work.
    let iterations = kernel::calibration().iterations_for_ms(5.0);
    let text = common::preset(
        &format!("kind = \"cpu\"\ntasks = 8\ncpu_iters = {iterations}"),
        &["model = \"threads\""],
    );
    let result = common::run(&text);
    let run = &result.runs[0];
    assert!(run.checksum_ok);
    // With a fine thread clock: at least half of 8 times what one task's
    // work costs this thread (CPU time, so the machine's load hardly moves
    // it). With a coarse one (Wine: 10 ms ticks, and finished threads'
    // times are lost) only "not zero".
    let floor = if sys::thread_cpu_clock_is_fine() {
        let before = sys::thread_cpu_ns();
        std::hint::black_box(kernel::spin(kernel::seed(0), iterations));
        let one_task = sys::thread_cpu_ns().saturating_sub(before) as f64 / 1e9;
        0.5 * 8.0 * one_task
    } else {
        0.001
    };
    assert!(
        run.cpu_s >= floor,
        "8 threads computing {iterations} iterations each counted {} s, expected at least {floor} s",
        run.cpu_s
    );
}

#[test]
fn the_core_is_said_to_be_unknown_in_words() {
    let text = sys::unknown_core_text();
    assert!(!text.is_empty());
    assert_eq!(text.contains("macOS"), cfg!(target_os = "macos"), "{text}");
}
