//! `concurrency-lab-gui.exe`: the Windows executable that a double-click, a
//! shortcut or the Start menu starts. It is the same program as
//! `concurrency-lab.exe` but of the GUI subsystem, so Windows opens no
//! console window behind the lab's window.
//!
//! Why two executables rather than one GUI-subsystem program that attaches
//! to its parent's console: a shell does not wait for a GUI-subsystem
//! program, so `concurrency-lab run …` would print after the next prompt and
//! its exit code (0, 1, 2, 130: a documented contract) would be lost to
//! scripts. Python ships `python.exe` and `pythonw.exe` for the same reason.
//! Built only with the `windows-gui` feature (scripts/package.sh).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    concurrency_lab::cli::main()
}
