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
