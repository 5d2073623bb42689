//! Parse argv, run, and turn the outcome into an exit code: nothing else.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(acctsec::cli::main())
}
