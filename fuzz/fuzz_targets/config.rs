//! Raw bytes as the scanned tree's `.tfscan.toml`: parsed, then confined to the tree as
//! a configuration found inside it is. Either settings or an error naming the key; never
//! a panic, and never a path outside the tree accepted.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use tfscan::settings;

fuzz_target!(|data: &[u8]| {
    let dir = common::write_files(&[(".tfscan.toml", data), ("main.tf", b"")]);
    let Ok(loaded) = settings::load(&dir.join(".tfscan.toml")) else {
        return;
    };
    let Ok(confined) = settings::confine(loaded, dir, &settings::Settings::default()) else {
        return;
    };
    for path in confined.var_file.iter().flatten() {
        assert!(
            path.starts_with(dir),
            "a var file outside the tree was accepted: {}",
            path.display()
        );
    }
});
