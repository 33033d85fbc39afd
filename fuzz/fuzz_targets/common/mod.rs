//! The whole pipeline the fuzz targets drive: files → load → evaluate → checks → every
//! renderer, with the invariants every report must keep.

use std::path::PathBuf;
use std::sync::OnceLock;

/// One directory per fuzzing process (in memory when /dev/shm exists), reused by every
/// input: the loader reads from the filesystem.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("tfscan-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    })
}

/// [`scan_files`], then evaluates the tree again without module reuse and asserts that
/// reuse changed nothing: every instance (values, provenance, unknowns, module chain) and
/// every diagnostic is the same.
#[allow(dead_code)] // only the targets that generate module calls check reuse
pub fn scan_files_checking_reuse(files: &[(&str, &[u8])]) {
    let Some(opts) = scan_files(files) else {
        return;
    };
    let dump = |reevaluate: bool| {
        let mut opts = opts.clone();
        opts.eval.reevaluate_identical_modules = reevaluate;
        tfscan::evaluation_lines(&opts).ok()
    };
    assert_eq!(dump(false), dump(true), "module reuse changed the evaluation");
}

/// Scans `files` (name, content) as one tree and renders the report in every format;
/// returns the options it scanned with.
pub fn scan_files(files: &[(&str, &[u8])]) -> Option<tfscan::Options> {
    scan_files_with(files, |_, _| ())
}

/// The scratch directory, emptied and holding `files` (name, content).
pub fn write_files(files: &[(&str, &[u8])]) -> &'static std::path::Path {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("a scratch directory");
    for (name, content) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        std::fs::write(path, content).expect("write an input file");
    }
    dir
}

/// [`scan_files`], with `adjust` given the options and the tree's directory first (to
/// name a plan in it, say).
pub fn scan_files_with(
    files: &[(&str, &[u8])],
    adjust: impl FnOnce(&mut tfscan::Options, &std::path::Path),
) -> Option<tfscan::Options> {
    let dir = write_files(files);
    let mut opts = tfscan::Options {
        path: dir.to_path_buf(),
        ..Default::default()
    };
    adjust(&mut opts, dir);
    // The default limits allow 10,000 instances of one resource and 500,000 in all, and the
    // fuzzer finds such counts at once (`count = 30069`). Checking is linear in instances
    // (10,000 security groups and 10,000 interfaces attached to them: 2.6 s in a debug
    // build, 0.5 s at 1,000 each), but a fuzzer waiting on such inputs explores little;
    // limits a tenth of the defaults per resource keep the limit paths exercised.
    opts.eval.limits.max_instances_per_resource = 1_000;
    opts.eval.limits.max_total_instances = 10_000;
    static CATALOG: OnceLock<tfscan::engine::Catalog> = OnceLock::new();
    let catalog =
        CATALOG.get_or_init(|| tfscan::catalog(&opts).expect("the built-in catalogue loads"));
    let Ok(mut report) = tfscan::scan_with(catalog.clone(), &opts) else {
        return None;
    };
    let json = tfscan::report::json::render(&report);
    serde_json_check(&json);
    // SARIF and JUnit describe every rule of the catalogue, which does not depend on the
    // input and took half of each execution: they are rendered for the rules this input
    // gave work to (results, or resources judged).
    let named: std::collections::HashSet<String> = report
        .findings
        .iter()
        .map(|f| &f.check.id)
        .chain(report.unknown.iter().map(|u| &u.check.id))
        .chain(report.suppressed.iter().map(|s| &s.finding.check.id))
        .cloned()
        .collect();
    report
        .rules
        .retain(|run| !run.resources.is_empty() || named.contains(&run.check.id));
    let sarif = tfscan::report::sarif::render(&report);
    serde_json_check(&sarif);
    let _ = tfscan::report::junit::render(&report);
    for colour in [false, true] {
        let mut human = Vec::new();
        tfscan::report::human::render(&report, colour, &mut human).expect("render human");
        let text = String::from_utf8_lossy(&human);
        // Whatever the input, only tfscan's own colour sequences reach a terminal.
        assert!(
            !text.contains("\u{1b}]"),
            "an OSC sequence from the input reached the terminal"
        );
        assert!(
            !text.contains('\r'),
            "a carriage return from the input reached the terminal"
        );
        if !colour {
            assert!(
                !text.contains('\u{1b}'),
                "ESC in human output without colours"
            );
        }
    }
    Some(opts)
}

fn serde_json_check(text: &str) {
    assert!(
        text.trim_start().starts_with('{') && text.trim_end().ends_with('}'),
        "a renderer produced something that is not a JSON object"
    );
}
