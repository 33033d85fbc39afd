//! Embeds every check file under `checks/` into the binary, and collects the Rust
//! checks of `src/checks/*.rs` (each a `check! { judge = function, meta = r#"…"# }`
//! beside its function) into the registry, with a `mod` line for each file, so neither
//! is a list kept by hand.
//!
//! Both are TOML, read here and embedded as JSON: serde_json reads them at every start
//! several times faster than the TOML parser (a fixed cost of every scan), and a
//! built-in check that is not valid TOML fails the build, naming its file and line.
//! A check's two long texts (`description` and `remediation`, over half of the JSON and
//! nearly all of its escapes) are embedded beside it as Rust strings, left empty in the
//! JSON, so that loading copies them instead of unescaping them (`check::Embedded`).

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
    let mut src = String::from(
        "/// Every check file of `checks/`: its path and its TOML, as JSON and long texts.\n\
         pub static BUILTIN_CHECKS: &[(&str, crate::check::Embedded)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap_or(f).to_string_lossy();
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{rel}: {e}"));
        // A build script's panic prints its message: the file, the line, what is wrong.
        let embedded = toml_to_embedded(&text, 1).unwrap_or_else(|e| panic!("{rel}:{e}"));
        let _ = writeln!(src, "    ({rel:?}, {embedded}),");
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_checks.rs"), src).expect("OUT_DIR is writable");
    let generated = match registered(&root) {
        Ok(g) => g,
        Err(e) => {
            // A build script's panic prints its message; this one names the file and line.
            panic!("{e}");
        }
    };
    std::fs::write(out.join("rust_checks.rs"), generated).expect("OUT_DIR is writable");
}

/// One `check! { … }` of a source file.
struct Embedded {
    /// The judge function's path inside its module (`bucket_allows_http`).
    judge: String,
    /// The metadata: the raw string's text, unchanged.
    meta: String,
    /// The line (1-based) of the file on which the metadata's text starts.
    line: usize,
}

/// The Rust checks of `src/checks/*.rs`: a `mod` line per file (`#[path]` names the
/// file, since a module declared in an included file is looked for beside that file),
/// then `REGISTERED`, each `check!` as a `crate::engine::RustCheckDef`, in file and line
/// order.
fn registered(root: &Path) -> Result<String, String> {
    let dir = root.join("src/checks");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    let mut mods = String::new();
    let mut table = String::from("static REGISTERED: &[crate::engine::RustCheckDef] = &[\n");
    // The metadata as written, for the test that the JSON reads as the TOML does.
    let mut toml = String::from("#[cfg(test)]\nstatic REGISTERED_TOML: &[&str] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let module = f
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|m| {
                m.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            .ok_or_else(|| format!("{}: a check file's name is a Rust module name", f.display()))?;
        let _ = writeln!(mods, "#[path = {:?}]\nmod {module};", f.to_string_lossy());
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(f).map_err(|e| format!("{rel}: {e}"))?;
        for check in embedded(&text).map_err(|(line, e)| format!("{rel}:{line}: {e}"))? {
            let embedded =
                toml_to_embedded(&check.meta, check.line).map_err(|e| format!("{rel}:{e}"))?;
            let _ = writeln!(
                table,
                "    crate::engine::RustCheckDef {{ file: {rel:?}, line: {}, meta: crate::engine::Meta::Json({embedded}), judge: {module}::{} }},",
                check.line, check.judge
            );
            let _ = writeln!(toml, "    {:?},", check.meta);
        }
    }
    table.push_str("];\n");
    toml.push_str("];\n");
    Ok(format!("{mods}\n{table}\n{toml}"))
}

/// The top-level string fields embedded as Rust strings beside the JSON: the long
/// Markdown texts, whose every line break and quote JSON escapes.
const LONG_TEXTS: [&str; 2] = ["description", "remediation"];

/// `text`, TOML whose first line is line `line` of its file, as the Rust expression of a
/// `crate::check::Embedded`: its JSON, with the same values (integers stay integers
/// (`5`), floats stay floats (`5.0`), tables keep their keys' order), in which each of
/// [`LONG_TEXTS`] that is a string is `""`, and those strings apart. Errors start with
/// the line. A datetime, or a float that is not finite, has no JSON form the check
/// reader would take back as the same value: an error.
fn toml_to_embedded(text: &str, line: usize) -> Result<String, String> {
    let mut table: toml::Table = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let row = line + text.get(..at).unwrap_or(text).matches('\n').count();
        format!("{row}: {}", e.message().trim_end())
    })?;
    // Taken out of the table where they are strings (anything else stays for the
    // reader to refuse), an empty string left in their place.
    let [description, remediation] = LONG_TEXTS.map(|key| match table.get_mut(key) {
        Some(toml::Value::String(s)) => Some(std::mem::take(s)),
        _ => None,
    });
    let mut json = String::new();
    json_value(&toml::Value::Table(table), &mut json).map_err(|e| format!("{line}: {e}"))?;
    Ok(format!(
        "crate::check::Embedded {{ json: {json:?}, description: {description:?}, remediation: {remediation:?} }}"
    ))
}

/// Written here rather than through serde_json (a second build-dependency): serde_json
/// would write a non-finite float as `null` and a datetime as a tagged table, which must
/// be refused, so the walk over every value is needed either way.
fn json_value(v: &toml::Value, out: &mut String) -> Result<(), String> {
    match v {
        toml::Value::String(s) => json_string(s, out),
        toml::Value::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        // Debug prints the shortest text that reads back as the same f64, always with a
        // `.` or an exponent, so it stays a float.
        toml::Value::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f:?}");
        }
        toml::Value::Float(f) => return Err(format!("the float {f} has no JSON form")),
        toml::Value::Boolean(b) => {
            let _ = write!(out, "{b}");
        }
        toml::Value::Datetime(d) => return Err(format!("no check value is a datetime ({d})")),
        toml::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_value(item, out)?;
            }
            out.push(']');
        }
        toml::Value::Table(t) => {
            out.push('{');
            for (i, (k, item)) in t.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                json_value(item, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// A JSON string literal of `s` (RFC 8259 §7: `"`, `\\` and control characters escaped).
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Every `check! {` at the start of a line of `text`, read as
/// `judge = path, meta = r#"…"#` (any number of `#`, a trailing comma allowed); errors
/// carry the line they are on. A `check!` this would miss (indented, or with other
/// brackets) is an error: it would compile, and its check would never run.
fn embedded(text: &str) -> Result<Vec<Embedded>, (usize, String)> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("check!") {
        let start = from + found;
        from = start + "check!".len();
        let line = line_of(start);
        let bad = |what: &str| {
            (
                line,
                format!("check! {{ judge = function, meta = r#\"…\"# }}: {what}"),
            )
        };
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..start];
        if !indent.trim().is_empty() {
            continue; // named in a comment or after code, not invoked as an item
        }
        if !indent.is_empty() {
            return Err(bad("a check! starts its line, outside any other item"));
        }
        let Some(rest) = text[from..].strip_prefix(" {") else {
            return Err(bad("write it `check! {`, with braces"));
        };
        from = text.len() - rest.len();
        let rest = text[from..].trim_start();
        let rest = rest
            .strip_prefix("judge")
            .ok_or_else(|| bad("judge first"))?;
        let rest = rest
            .trim_start()
            .strip_prefix('=')
            .ok_or_else(|| bad("judge ="))?;
        let comma = rest
            .find(',')
            .ok_or_else(|| bad("a comma after the judge"))?;
        let judge = rest[..comma].trim();
        if judge.is_empty()
            || !judge
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':')
        {
            return Err(bad("the judge is a function's name"));
        }
        let rest = rest[comma + 1..].trim_start();
        let rest = rest
            .strip_prefix("meta")
            .ok_or_else(|| bad("meta after judge"))?;
        let rest = rest
            .trim_start()
            .strip_prefix('=')
            .ok_or_else(|| bad("meta ="))?;
        let rest = rest
            .trim_start()
            .strip_prefix('r')
            .ok_or_else(|| bad("meta is a raw string"))?;
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let rest = rest[hashes..]
            .strip_prefix('"')
            .ok_or_else(|| bad("meta is a raw string"))?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = rest
            .find(&close)
            .ok_or_else(|| bad("the raw string ends"))?;
        let meta_at = text.len() - rest.len();
        out.push(Embedded {
            judge: judge.to_string(),
            meta: rest[..end].to_string(),
            line: line_of(meta_at),
        });
        from = meta_at + end + close.len();
    }
    Ok(out)
}
