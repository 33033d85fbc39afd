//! Raw bytes as a `.tf` file (and, split at a NUL, a second file in a module directory
//! that the first can call), through the whole pipeline.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (main, module) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    common::scan_files(&[("main.tf", main), ("m/main.tf", module)]);
});
