//! The `tfscan` command: parses the arguments, calls the library ([`tfscan::cli::run`])
//! and maps the outcome to an exit code (0 clean, 1 findings at or above --fail-on, 2
//! usage or configuration error, 3 incomplete).

use std::process::ExitCode;

use tfscan::terminal::neutralise_lines;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
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
