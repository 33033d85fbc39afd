//! docs/guide.md is generated from docs/guide.src.md: every `<!-- example: ID -->` becomes
//! the check's failing sample, its passing sample and tfscan's real output on the failing
//! one. The test fails when the committed guide differs from what tfscan says today;
//! `TFSCAN_UPDATE_GUIDE=1 cargo test --test guide` rewrites it.

use std::path::{Path, PathBuf};

use tfscan::Options;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.tf` files of a sample folder, in name order, with `# expect:` annotations and
/// `# also-expect:` lines (which exist for the test harness) removed.
fn sample_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("sample folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tf"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("UTF-8 sample");
            let clean: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("# also-expect:"))
                .map(|l| match l.find(" # expect:") {
                    Some(i) => &l[..i],
                    None => l,
                })
                .collect();
            let name = p.file_name().expect("named").to_string_lossy().to_string();
            (name, clean.join("\n") + "\n")
        })
        .collect()
}

fn code_blocks(files: &[(String, String)]) -> String {
    files
        .iter()
        .map(|(name, text)| format!("`{name}`\n\n```hcl\n{text}```\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// tfscan's human output (no colour) on the cleaned failing sample.
fn output_on(files: &[(String, String)]) -> String {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write sample");
    }
    let report = tfscan::scan(&Options {
        path: dir.path().to_path_buf(),
        eval: tfscan::eval::EvalOptions {
            workspace: "default".into(),
            ..Default::default()
        },
        ..Options::default()
    })
    .expect("scan");
    let mut out = Vec::new();
    tfscan::report::human::render(&report, false, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8")
}

fn generate() -> String {
    let src = std::fs::read_to_string(repo().join("docs/guide.src.md")).expect("template");
    let mut out = String::from(
        "<!-- Generated from docs/guide.src.md by `TFSCAN_UPDATE_GUIDE=1 cargo test --test guide`; do not edit. -->\n\n",
    );
    for line in src.lines() {
        let Some(id) = line
            .strip_prefix("<!-- example: ")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let base = repo().join("terraform-samples").join(id);
        let fail = sample_files(&base.join("fail"));
        let pass = sample_files(&base.join("pass"));
        out.push_str(&format!(
            "**Insecure** (`terraform-samples/{id}/fail`):\n\n{}\n**Fixed** (`terraform-samples/{id}/pass`):\n\n{}\n**What tfscan says about the insecure version** (`tfscan explain {id}` has the full text):\n\n```text\n{}```\n",
            code_blocks(&fail),
            code_blocks(&pass),
            output_on(&fail),
        ));
    }
    out
}

#[test]
fn the_guide_shows_what_tfscan_really_says() {
    let generated = generate();
    let path = repo().join("docs/guide.md");
    if std::env::var_os("TFSCAN_UPDATE_GUIDE").is_some() {
        std::fs::write(&path, &generated).expect("write the guide");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/guide.md is stale: run `TFSCAN_UPDATE_GUIDE=1 cargo test --test guide`"
    );
    for area in 1..=8 {
        assert!(
            generated.contains(&format!("\n## {area}. ")),
            "section {area} is missing"
        );
    }
}
