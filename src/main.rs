//! The `tfscan` command: parses the arguments, calls the library ([`tfscan::cli::run`])
//! and maps the outcome to an exit code (0 clean, 1 findings at or above --fail-on, 2
//! usage or configuration error, 3 incomplete).

use std::process::ExitCode;

use tfscan::terminal::neutralise_lines;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// Sets one of mimalloc's options (`mimalloc.h`); linked from the allocator above.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_e` (the same position in
/// mimalloc 2 and 3): how many milliseconds freed memory waits before it is returned
/// to the operating system.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Freed memory goes back to the operating system after 10 ms. mimalloc 3 waits a
/// second (1000 ms by default), and a scan frees most of what it allocates within that
/// time: each root's syntax trees and model once it is checked, the roots' results as
/// they are joined, the source texts once checked. Held for that second, memory freed by
/// one stage was still resident while the next allocated its own: purging at once took
/// a scan's peak RSS from 363 to 282 MB at 50,005 files. Purging at once also returned
/// memory an allocation was about to reuse, which cost system time; after 10 ms most of
/// that cost is gone for a higher peak (same binary, the delay changed, quiet machine:
/// 10,005 files 0.10–0.14 s system and 69–79 MB against 0.19–0.24 s and 61–66 MB;
/// 300,005 files, 223 MB of Terraform, 28.5 s CPU and 929 MB against 29.7 s and 702 MB;
/// 1000 ms peaked at 108–111 MB at 10,005 files). Both stay within issue 20's 1 GB at
/// 300,000 files; the 10 ms delay is the one that does not trade scan time for memory.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

fn purge_freed_memory_soon() {
    // SAFETY: `mi_option_set` only stores the value in mimalloc's option table; any
    // thread may call it at any time, and an unknown option is ignored.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

fn main() -> ExitCode {
    purge_freed_memory_soon();
    tfscan::cli::install_panic_hook();
    // A debug build's way to prove the hook works (tests/hostile.rs).
    if cfg!(debug_assertions) && std::env::var_os("TFSCAN_DEBUG_PANIC").is_some() {
        panic!("TFSCAN_DEBUG_PANIC is set");
    }
    let (cli, matches) = tfscan::cli::parse();
    // The language server writes stdout from its own thread: it must not be locked here.
    let result = if matches.subcommand_name() == Some("lsp") {
        tfscan::cli::run(cli, &matches, &mut std::io::sink())
    } else {
        tfscan::cli::run(cli, &matches, &mut std::io::stdout().lock())
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            // Messages quote what the tree wrote (keys, paths, check files).
            eprintln!("tfscan: {}", neutralise_lines(&message));
            ExitCode::from(2)
        }
    }
}
