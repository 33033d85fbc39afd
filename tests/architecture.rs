//! The direction of dependencies between tfscan's top-level modules (see
//! docs/ARCHITECTURE.md): each module may use only modules in layers below its own, so
//! data flows one way, files → parsed bodies → values → model → analyses → findings →
//! suppression → renderers, and a module never learns about a stage that consumes it.
//!
//! The test reads every file under `src/`, finds the paths it names through `crate::`
//! (or through `super::` chains that climb to the crate root), and fails on an edge the
//! layer table does not allow. Code under `#[cfg(test)]` is exempt: a module's tests may
//! run a whole scan.
//!
//! It also holds each module to its interface: another module names what a module's
//! `mod.rs` re-exports (`crate::network::Index`), never a path into one of its submodules
//! (`crate::network::refs::Index`), unless that submodule is declared `pub mod` as part of
//! the library's API (the renderers, `engine::listing`, `model::json`, `loader::calls`).
//! A submodule declared plain `mod` is also private to the compiler; this test covers the
//! ones the crate root needs (`pub(crate) mod`) and paths the compiler would allow.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The layers, lowest first. A module may use any module in a lower layer, never one in
/// its own or a higher layer, nor the crate root (`lib.rs`, which wires the stages).
const LAYERS: &[(&[&str], &str)] = &[
    (
        &[
            "source",
            "untrusted",
            "terminal",
            "secrets",
            "check",
            "decimal",
        ],
        "leaves: spans and files, reading untrusted input, terminal text, secret \
         patterns, the check file format, numbers an f64 holds",
    ),
    (&["diag"], "diagnostics about the input"),
    (
        &["loader", "value"],
        "files to parsed bodies; the Terraform value and evaluated body types",
    ),
    (&["model"], "the evaluated resource model (its types)"),
    (&["plan"], "the model from a `terraform show -json` plan"),
    (
        &["eval"],
        "the model from the configuration: the Terraform language",
    ),
    (
        &["finding"],
        "what analyses and checks produce, with provenance",
    ),
    (&["network"], "the network analysis"),
    (&["iam"], "the policy analysis"),
    (
        &["engine"],
        "runs checks: context, declarative interpreter, catalog",
    ),
    (&["checks"], "the checks written in Rust"),
    (
        &["suppress"],
        "ignore comments, baselines, the configuration file",
    ),
    (&["report"], "renderers"),
    (&["fix"], "format-preserving fixes of reported findings"),
    (
        &["settings"],
        "every setting once: flags, config files, environment, defaults, trust",
    ),
    (
        &["lsp"],
        "the language server: rescans from the editor's text through the crate root's \
         scan API",
    ),
    (
        &["cli"],
        "the command line: what main.rs runs; it calls the crate root's scan API as any \
         library user would",
    ),
];

/// Modules that may use the crate root's API (`scan`, `load_input`, `catalog`): the
/// front ends, which stand above the library as its users.
const ROOT_USERS: &[&str] = &["lsp", "cli"];

/// The layer of a top-level module; `None` when it is not in the table.
fn layer(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(modules, _)| modules.contains(&module))
}

/// Why `from` may not use `to`; `None` when it may.
fn forbidden(from: &str, to: &str) -> Option<String> {
    if from == to {
        return None;
    }
    let Some(f) = layer(from) else {
        return Some(format!(
            "module `{from}` is not in the layer table of tests/architecture.rs"
        ));
    };
    match layer(to) {
        None if ROOT_USERS.contains(&from) => None,
        None => Some(format!(
            "`{from}` uses `crate::{to}`, an item of the crate root (only lib.rs wires modules)"
        )),
        Some(t) if t >= f => Some(format!(
            "`{from}` (layer {f}) uses `{to}` (layer {t}): a module may use only lower layers"
        )),
        Some(_) => None,
    }
}

/// The top-level modules a file names, given how deep its module sits (`src/a.rs` and
/// `src/a/mod.rs` are 1, `src/a/b.rs` is 2).
fn uses(source: &str, depth: usize) -> Result<BTreeSet<String>, String> {
    Ok(named(source, depth)?
        .into_iter()
        .filter(|p| !p.contains("::"))
        .collect())
}

/// The two-segment paths (`network::refs`, `report::Report`) a file names below the
/// crate root.
fn paths(source: &str, depth: usize) -> Result<BTreeSet<String>, String> {
    Ok(named(source, depth)?
        .into_iter()
        .filter(|p| p.contains("::"))
        .collect())
}

/// Every top-level module a file names, and each with its path's next segment.
fn named(source: &str, depth: usize) -> Result<BTreeSet<String>, String> {
    let tokens: TokenStream = source.parse().map_err(|e| format!("{e:?}"))?;
    let mut out = BTreeSet::new();
    walk(&tokens.into_iter().collect::<Vec<_>>(), depth, &mut out);
    Ok(out)
}

/// Why `from` may not name `path` (`a::b`): `b` is a submodule of another top-level module
/// `a` that `a` does not declare `pub mod` (the library's API). `None` when it may.
fn into_submodule(src: &Path, from: &str, path: &str) -> Option<String> {
    let (a, b) = path.split_once("::")?;
    if a == from {
        return None;
    }
    let dir = src.join(a);
    if !dir.join(format!("{b}.rs")).is_file() && !dir.join(b).join("mod.rs").is_file() {
        return None;
    }
    let parent = std::fs::read_to_string(dir.join("mod.rs")).unwrap_or_default();
    if parent.lines().any(|l| l.trim() == format!("pub mod {b};")) {
        return None;
    }
    Some(format!(
        "`{from}` names `crate::{a}::{b}`, a submodule of `{a}`: use what `{a}` re-exports \
         from its mod.rs"
    ))
}

fn is_ident(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(i)) if i == name)
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// Whether `tokens[i..]` starts with `::`.
fn path_sep(tokens: &[TokenTree], i: usize) -> bool {
    is_punct(tokens.get(i), ':') && is_punct(tokens.get(i + 1), ':')
}

/// Whether an attribute's bracket group is `cfg(test)`.
fn is_cfg_test(group: &TokenTree) -> bool {
    matches!(group, TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket
        && g.stream().to_string().replace(' ', "") == "cfg(test)")
}

/// The index just past the item that starts at `i`: through its first `;` or its first
/// brace group, whichever comes first.
fn item_end(tokens: &[TokenTree], mut i: usize) -> usize {
    while let Some(t) = tokens.get(i) {
        i += 1;
        match t {
            TokenTree::Punct(p) if p.as_char() == ';' => break,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
            _ => {}
        }
    }
    i
}

/// The modules named by the path segment at `tokens[i]`: an identifier, or each
/// first segment of a `{a, b::c}` group; each also as `a::x` with each next segment the
/// path continues past (`a::x::Y`, `a::{x::Y, z}` gives `a::x`: a leaf `z` may be an
/// item named like a submodule).
fn segment(tokens: &[TokenTree], i: usize, out: &mut BTreeSet<String>) {
    match tokens.get(i) {
        Some(TokenTree::Ident(id)) if id != "self" => {
            out.insert(id.to_string());
            if path_sep(tokens, i + 1) {
                for x in continued(tokens, i + 3) {
                    out.insert(format!("{id}::{x}"));
                }
            }
        }
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            for entry in inner.split(|t| is_punct(Some(t), ',')) {
                segment(entry, 0, out);
            }
        }
        _ => {}
    }
}

/// The segments at `tokens[i]` (an identifier, or each entry of a `{…}` group) that a
/// path continues past with `::`.
fn continued(tokens: &[TokenTree], i: usize) -> Vec<String> {
    match tokens.get(i) {
        Some(TokenTree::Ident(x)) if path_sep(tokens, i + 1) => vec![x.to_string()],
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            inner
                .split(|t| is_punct(Some(t), ','))
                .flat_map(|entry| continued(entry, 0))
                .collect()
        }
        _ => Vec::new(),
    }
}

fn walk(tokens: &[TokenTree], depth: usize, out: &mut BTreeSet<String>) {
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        // `#[cfg(test)]` and the item it gates.
        if is_punct(Some(t), '#') && tokens.get(i + 1).is_some_and(is_cfg_test) {
            i = item_end(tokens, i + 2);
            continue;
        }
        // `mod name { ... }`: one level deeper.
        if is_ident(Some(t), "mod")
            && let (Some(TokenTree::Ident(_)), Some(TokenTree::Group(g))) =
                (tokens.get(i + 1), tokens.get(i + 2))
            && g.delimiter() == Delimiter::Brace
        {
            walk(&g.stream().into_iter().collect::<Vec<_>>(), depth + 1, out);
            i += 3;
            continue;
        }
        if is_ident(Some(t), "crate") && path_sep(tokens, i + 1) {
            segment(tokens, i + 3, out);
            i += 3;
            continue;
        }
        if is_ident(Some(t), "super") {
            // `super::super::x`: count the climbs.
            let mut climbs = 0;
            let mut j = i;
            while is_ident(tokens.get(j), "super") && path_sep(tokens, j + 1) {
                climbs += 1;
                j += 3;
            }
            if climbs > 0 && climbs >= depth {
                segment(tokens, j, out);
            }
            i = j.max(i + 1);
            continue;
        }
        if let TokenTree::Group(g) = t {
            walk(&g.stream().into_iter().collect::<Vec<_>>(), depth, out);
        }
        i += 1;
    }
}

/// The top-level module a file belongs to and its depth; `None` for the crate roots.
fn module_of(rel: &Path) -> Option<(String, usize)> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let top = parts.first()?;
    if parts.len() == 1 && (top == "lib.rs" || top == "main.rs") {
        return None;
    }
    let name = top.trim_end_matches(".rs").to_string();
    let depth = if parts.last().is_some_and(|l| l == "mod.rs") {
        parts.len() - 1
    } else {
        parts.len()
    };
    Some((name, depth))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src/");
        let Some((module, depth)) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(f).expect("source is readable");
        let used = uses(&text, depth).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        for to in used {
            if let Some(why) = forbidden(&module, &to) {
                problems.push(format!("src/{}: {why}", rel.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "dependencies against the layers:\n{}",
        problems.join("\n")
    );
}

#[test]
fn modules_use_each_other_through_their_re_exports() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src/");
        let Some((module, depth)) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(f).expect("source is readable");
        let named = paths(&text, depth).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        for path in named {
            if let Some(why) = into_submodule(&src, &module, &path) {
                problems.push(format!("src/{}: {why}", rel.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "paths into other modules' submodules:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_path_into_another_modules_submodule_is_caught() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let caught = |from: &str, depth: usize, source: &str| -> Vec<String> {
        paths(source, depth)
            .expect("tokenizes")
            .into_iter()
            .filter(|p| into_submodule(&src, from, p).is_some())
            .collect()
    };
    assert_eq!(
        caught("checks", 2, "use crate::network::refs::{Index, Target};"),
        vec!["network::refs"]
    );
    assert_eq!(
        caught(
            "checks",
            2,
            "use crate::{iam::{self, partial::Reading}, network::Index};"
        ),
        vec!["iam::partial"]
    );
    assert_eq!(
        caught("lib", 2, "fn f() { crate::suppress::inline::collect(); }"),
        vec!["suppress::inline"]
    );
    assert_eq!(
        caught(
            "checks",
            2,
            "use super::super::eval::policy_document::render;"
        ),
        vec!["eval::policy_document"]
    );
    // Re-exports (even one named like a submodule), a module's own submodules and the
    // library's API submodules are fine.
    assert!(
        caught(
            "checks",
            2,
            "use crate::network::{Index, Target, internet};"
        )
        .is_empty()
    );
    assert!(caught("network", 2, "use crate::network::refs::Index;").is_empty());
    assert!(caught("cli", 1, "fn f() { crate::report::json::render(r); }").is_empty());
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line
            .trim()
            .strip_prefix("pub mod ")
            .or_else(|| line.trim().strip_prefix("pub(crate) mod "))
            .or_else(|| line.trim().strip_prefix("mod "))
            .and_then(|r| r.strip_suffix(';'))
        {
            assert!(layer(name).is_some(), "`{name}` has no layer");
        }
    }
}

/// Names the edges found in `source` as a module `from` at `depth` that are forbidden.
fn violations(from: &str, depth: usize, source: &str) -> Vec<String> {
    uses(source, depth)
        .expect("tokenizes")
        .into_iter()
        .filter(|to| forbidden(from, to).is_some())
        .collect()
}

#[test]
fn a_back_edge_is_caught() {
    // The model may not know the evaluator that fills it, nor the renderers.
    assert_eq!(
        violations("model", 1, "use crate::eval::Scope;"),
        vec!["eval"]
    );
    assert_eq!(
        violations("model", 2, "use crate::{value::Value, report::Report};"),
        vec!["report"]
    );
    // A path in an expression, inside a macro, counts too.
    assert_eq!(
        violations(
            "network",
            2,
            "fn f() { g(format!(\"{}\", crate::checks::X)); }"
        ),
        vec!["checks"]
    );
    // `super::super` from `src/model/json.rs` reaches the crate root.
    assert_eq!(
        violations("model", 2, "use super::super::engine::Context;"),
        vec!["engine"]
    );
    // ... while inside a nested module it stays within the module.
    assert!(violations("model", 2, "mod a { use super::super::json::X; }").is_empty());
    // Items of the crate root are off limits; a module of the same layer is too.
    assert_eq!(
        violations("report", 1, "use crate::Options;"),
        vec!["Options"]
    );
    assert_eq!(
        violations("iam", 1, "use crate::network::X;"),
        Vec::<String>::new()
    );
    assert_eq!(violations("network", 1, "use crate::iam::X;"), vec!["iam"]);
}

#[test]
fn tests_strings_and_comments_are_not_edges() {
    let text = r#"
        use crate::value::Value;
        /// See [`crate::report::Report`].
        const S: &str = "crate::report";
        // crate::engine
        #[cfg(test)]
        mod tests {
            use crate::report::Report;
        }
        #[cfg(test)]
        fn helper() -> crate::engine::Context { todo!() }
    "#;
    assert!(violations("model", 1, text).is_empty());
    assert_eq!(
        uses(text, 1)
            .expect("tokenizes")
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["value"]
    );
}
