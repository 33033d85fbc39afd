//! Runs every folder under `terraform-samples/` and compares the findings with the
//! `# expect: <check-id>` annotations written on the lines they must point at. A missing,
//! extra or misplaced finding fails with a diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tfscan::Options;

fn samples_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("terraform-samples")
}

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("sample folders are readable")
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            tf_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "tf") {
            out.push(p);
        }
    }
}

/// (file relative to the sample folder, line, check id) for every annotation.
fn expectations(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let mut files = Vec::new();
    tf_files(dir, &mut files);
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("samples are UTF-8");
        let rel = f
            .strip_prefix(dir)
            .expect("inside the sample folder")
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if let Some(pos) = line.find("# expect:") {
                for id in line[pos + "# expect:".len()..].split(',') {
                    out.insert((rel.clone(), i + 1, id.trim().to_string()));
                }
            }
        }
    }
    out
}

fn check_folder(dir: &Path) -> Result<(), String> {
    let report = tfscan::scan(&Options {
        path: dir.to_path_buf(),
        ..Options::default()
    })
    .map_err(|e| format!("{}: scan failed: {e}", dir.display()))?;
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.kind.is_error())
        .map(|d| d.message.clone())
        .collect();
    if !errors.is_empty() {
        return Err(format!("{}: scan errors: {errors:?}", dir.display()));
    }
    let mut got = BTreeSet::new();
    for f in &report.findings {
        let loc = report
            .location(f.span)
            .expect("findings point into scanned files");
        got.insert((loc.file.clone(), loc.start.line, f.check.id.clone()));
        // A finding's range is non-empty and covers real text.
        if f.span.end <= f.span.start || report.sources.snippet(f.span).trim().is_empty() {
            return Err(format!(
                "{}: {} on {} has an empty range",
                dir.display(),
                f.check.id,
                f.resource.address
            ));
        }
    }
    let want = expectations(dir);
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{}:\n", dir.display());
    for (f, l, id) in missing {
        msg.push_str(&format!("  - missing {id} at {f}:{l}\n"));
    }
    for (f, l, id) in extra {
        msg.push_str(&format!("  + unexpected {id} at {f}:{l}\n"));
    }
    Err(msg)
}

#[test]
fn every_sample_folder_yields_exactly_its_annotated_findings() {
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(samples_root())
        .expect("terraform-samples exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        count += 1;
        if let Err(e) = check_folder(&dir) {
            failures.push(e);
        }
    }
    assert!(count > 0, "no sample folders found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_check_has_failing_and_passing_samples_and_every_sample_names_a_check() {
    let catalog = tfscan::catalog(&Options::default()).expect("built-in checks load");
    let root = samples_root();
    let mut problems = Vec::new();
    for c in &catalog.checks {
        let dir = root.join(&c.id);
        for kind in ["fail", "pass"] {
            if !dir.join(kind).is_dir() {
                problems.push(format!("{} has no {kind}/ samples", c.id));
            }
        }
        let fail_expectations = expectations(&dir.join("fail"));
        if !fail_expectations.iter().any(|(_, _, id)| id == &c.id) {
            problems.push(format!("{}: fail/ samples expect no finding of it", c.id));
        }
    }
    for e in std::fs::read_dir(&root)
        .expect("terraform-samples exists")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().to_string();
        if name != "showcase" && catalog.find(&name).is_none_or(|c| c.id != name) {
            problems.push(format!("terraform-samples/{name} names no check"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
