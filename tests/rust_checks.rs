//! The files of `src/checks/` are formatted. build.rs declares their modules (so that a
//! check in a new file needs no `mod` line), which hides them from `cargo fmt`: it
//! follows the `mod` lines of the sources, not those of generated code.

use std::path::Path;
use std::process::Command;

#[test]
fn check_sources_are_formatted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/checks is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    assert!(files.len() > 1, "{files:?}");
    let out = Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .args(&files)
        .output()
        .expect("rustfmt runs (`rustup component add rustfmt`)");
    assert!(
        out.status.success(),
        "src/checks is not formatted: run `rustfmt --edition 2024 src/checks/*.rs`\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
