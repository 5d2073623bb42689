//! Parse argv, run, and turn the outcome into an exit code: nothing else.

/// mimalloc instead of the system allocator: a bulk import frees on one
/// thread what another allocated, millions of small strings a run, where
/// glibc's malloc spent a third of the process's time (consolidating and
/// unlinking chunks; measured with perf on a 1,000,000-row import).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(acctsec::cli::main())
}
