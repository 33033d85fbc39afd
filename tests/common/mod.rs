//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// A temporary directory holding the given files (parents created as needed).
pub fn dir_with<C: AsRef<[u8]>>(files: &[(&str, C)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, content) in files {
        let p: PathBuf = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(p, content).expect("write file");
    }
    dir
}

/// Runs the tfscan binary without colour and without the user's config file, and
/// returns what it printed and its status.
#[allow(dead_code)] // not every test crate runs the binary
pub fn tfscan(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/tfscan-tests")
        .output()
        .expect("the tfscan binary runs")
}

/// The path of a folder under `terraform-samples/`, as an argument for [`tfscan`].
#[allow(dead_code)] // not every test crate scans the samples
pub fn sample(rel: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("terraform-samples")
        .join(rel)
        .display()
        .to_string()
}
