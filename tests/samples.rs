//! Runs every folder under `terraform-samples/` and compares the findings with the
//! `# expect: <check-id>` annotations written on the lines they must point at. A missing,
//! extra or misplaced finding fails with a diff.
//!
//! A folder named after a check (`terraform-samples/<check-id>/{fail,pass}`) documents
//! that check and is judged for it alone: its findings, and its annotations, are those
//! of `<check-id>`. To show a related check on purpose (a rule finding beside the
//! reachability it causes), name it in a line of any `.tf` file of the folder:
//!
//! ```text
//! # also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
//! ```
//!
//! and the folder is judged for those checks too, exactly: every finding of a judged
//! check sits on an annotated line and every annotation is matched. An annotation of a
//! check the folder does not judge is an error, as is an `also-expect` of an unknown id.
//! The scan itself runs every check, as a user's would; only the comparison is narrowed,
//! so a new check never breaks another check's samples.
//!
//! `showcase/` is a full scenario rather than one check's samples: it is judged for
//! every check. A folder added as another such scenario would be too, by being listed in
//! [`SCENARIOS`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tfscan::Options;

/// Sample folders that are whole scenarios, judged for every check.
const SCENARIOS: &[&str] = &["showcase"];

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

/// The ids listed after `marker` (`# expect:`, `# also-expect:`) on a line, if any.
fn ids_after<'a>(line: &'a str, marker: &str) -> Option<impl Iterator<Item = &'a str>> {
    let pos = line.find(marker)?;
    Some(line[pos + marker.len()..].split(',').map(str::trim))
}

/// The `.tf` files of a folder, each with its path relative to the folder and its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    tf_files(dir, &mut files);
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("samples are UTF-8");
            let rel = f
                .strip_prefix(dir)
                .expect("inside the sample folder")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, text)
        })
        .collect()
}

/// (file relative to the sample folder, line, check id) for every annotation.
fn expectations(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for (rel, text) in sources(dir) {
        for (i, line) in text.lines().enumerate() {
            // `# also-expect:` contains `expect:` but not `# expect:`.
            for id in ids_after(line, "# expect:").into_iter().flatten() {
                out.insert((rel.clone(), i + 1, id.to_string()));
            }
        }
    }
    out
}

/// The checks a `# also-expect:` line of the folder names.
fn also_expected(dir: &Path) -> BTreeSet<String> {
    sources(dir)
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter_map(|line| ids_after(line, "# also-expect:"))
        .flatten()
        .map(str::to_string)
        .collect()
}

/// Which checks a folder is judged for: `None` for all of them. `is_check` tells a
/// check's id.
fn judged_checks(
    dir: &Path,
    is_check: &dyn Fn(&str) -> bool,
) -> Result<Option<BTreeSet<String>>, String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if SCENARIOS.contains(&name.as_str()) {
        return Ok(None);
    }
    let mut judged = also_expected(dir);
    if let Some(unknown) = judged.iter().find(|id| !is_check(id)) {
        return Err(format!(
            "{}: `# also-expect: {unknown}` names no check",
            dir.display()
        ));
    }
    judged.insert(name);
    Ok(Some(judged))
}

fn check_folder(dir: &Path, is_check: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let judged = judged_checks(dir, is_check)?;
    let is_judged = |id: &str| judged.as_ref().is_none_or(|j| j.contains(id));
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
    for f in report.findings.iter().filter(|f| is_judged(&f.check.id)) {
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
    let unjudged: Vec<_> = want.iter().filter(|(_, _, id)| !is_judged(id)).collect();
    if !unjudged.is_empty() {
        let mut msg = format!(
            "{}: annotations of checks this folder does not judge (remove them, or add `# also-expect: <id>`):\n",
            dir.display()
        );
        for (f, l, id) in unjudged {
            msg.push_str(&format!("  ? {id} at {f}:{l}\n"));
        }
        return Err(msg);
    }
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
    let catalog = tfscan::catalog(&Options::default()).expect("built-in checks load");
    let is_check = |id: &str| catalog.find(id).is_some_and(|c| c.id == id);
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
        if let Err(e) = check_folder(&dir, &is_check) {
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
    for c in catalog.checks() {
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
        if !SCENARIOS.contains(&name.as_str()) && catalog.find(&name).is_none_or(|c| c.id != name) {
            problems.push(format!("terraform-samples/{name} names no check"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The harness itself: a folder judged for its own check rejects an annotation of
/// another check unless the folder names it in `# also-expect:`, and rejects an
/// `also-expect` of an unknown id.
#[test]
fn a_folder_is_judged_for_its_own_check_and_those_it_names() {
    let is_check = |id: &str| id == "aws-a" || id == "aws-b";
    let folder = |files: &[(&str, &str)]| {
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let dir = tmp.path().join("aws-a");
        for (name, text) in files {
            let p = dir.join(name);
            std::fs::create_dir_all(p.parent().expect("a parent")).expect("create dirs");
            std::fs::write(p, text).expect("write a file");
        }
        (tmp, dir)
    };
    let (_tmp, dir) = folder(&[("fail/main.tf", "locals {} # expect: aws-a, aws-b\n")]);
    assert_eq!(
        judged_checks(&dir, &is_check),
        Ok(Some(BTreeSet::from(["aws-a".to_string()])))
    );
    let err = check_folder(&dir, &is_check).expect_err("aws-b is not judged");
    assert!(err.contains("? aws-b at fail/main.tf:1"), "{err}");

    let (_tmp, dir) = folder(&[
        ("fail/main.tf", "locals {} # expect: aws-a, aws-b\n"),
        ("pass/main.tf", "# also-expect: aws-b\n"),
    ]);
    assert_eq!(
        judged_checks(&dir, &is_check),
        Ok(Some(BTreeSet::from([
            "aws-a".to_string(),
            "aws-b".to_string()
        ])))
    );

    let (_tmp, dir) = folder(&[("fail/main.tf", "# also-expect: aws-typo\n")]);
    let err = judged_checks(&dir, &is_check).expect_err("an unknown id");
    assert!(
        err.ends_with("`# also-expect: aws-typo` names no check"),
        "{err}"
    );
}
