//! Embeds every check file under `checks/` into the binary, and collects the Rust
//! checks' registrations (`register!("id", function);` in `src/checks/*.rs`) into the
//! registry, so neither is a list kept by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let checks = root.join("checks");
    println!("cargo:rerun-if-changed=checks");
    let mut files = Vec::new();
    collect(&checks, &mut files);
    files.sort();
    let mut src = String::from("pub static BUILTIN_CHECKS: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap_or(f);
        let _ = writeln!(
            src,
            "    ({:?}, include_str!({:?})),",
            rel.to_string_lossy(),
            f.to_string_lossy()
        );
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_checks.rs"), src).expect("OUT_DIR is writable");
    std::fs::write(
        out.join("rust_checks.rs"),
        registered(&root.join("src/checks")),
    )
    .expect("OUT_DIR is writable");
}

/// `REGISTERED`, the Rust checks of `src/checks/*.rs`: each `register!("id", function);`
/// (a line of its own, which rustfmt may break over several) becomes
/// `("id", module::function)`.
fn registered(dir: &Path) -> String {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/checks is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut src = String::from("static REGISTERED: &[(&str, crate::engine::RustCheck)] = &[\n");
    for f in &files {
        let module = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(f).expect("a check source is readable");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\nregister!(") {
            rest = &rest[at + "\nregister!(".len()..];
            let end = rest.find(");").expect("register!( ends with );");
            let args: String = rest[..end].split_whitespace().collect();
            let (id, function) = args
                .trim_end_matches(',')
                .split_once(',')
                .expect("register!(\"id\", function)");
            let _ = writeln!(src, "    ({id}, {module}::{function}),");
        }
    }
    src.push_str("];\n");
    src
}
