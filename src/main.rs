//! Entry point: everything lives in the library.

fn main() -> std::process::ExitCode {
    concurrency_lab::cli::main()
}
