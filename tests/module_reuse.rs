//! A module instance whose inputs equal an earlier instance's of the same call reuses
//! that evaluation with the address rewritten (`eval::memo`). Reuse must be invisible:
//! the model, every value's provenance and unknowns, the diagnostics and the report are
//! exactly what evaluating each instance produces.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use tfscan::eval::ModuleInstances;

fn options(path: &Path, reevaluate: bool) -> tfscan::Options {
    let mut opts = tfscan::Options {
        path: path.to_path_buf(),
        ..Default::default()
    };
    opts.eval.reevaluate_identical_modules = reevaluate;
    opts
}

fn model_lines(opts: &tfscan::Options) -> Vec<String> {
    tfscan::evaluation_lines(opts).expect("load")
}

/// The model and diagnostics of `dir` as text, and the JSON report of its scan.
fn evaluated(dir: &Path, reevaluate: bool) -> (Vec<String>, String, ModuleInstances) {
    let opts = options(dir, reevaluate);
    let lines = model_lines(&opts);
    let report = tfscan::scan(&opts).expect("scan");
    let json = tfscan::report::json::render(&report);
    (lines, json, report.timings.module_instances)
}

/// Scans `dir` with and without reuse, asserts the results are identical and returns
/// the reuse counts.
fn assert_reuse_is_invisible(dir: &Path) -> ModuleInstances {
    let (lines, json, counted) = evaluated(dir, false);
    let (lines_again, json_again, counted_again) = evaluated(dir, true);
    assert_eq!(
        lines.len(),
        lines_again.len(),
        "{}: instance count",
        dir.display()
    );
    for (a, b) in lines.iter().zip(&lines_again) {
        assert_eq!(a, b, "{}", dir.display());
    }
    assert_eq!(json, json_again, "{}: JSON report", dir.display());
    assert_eq!(counted_again.reused, 0, "{}", dir.display());
    assert_eq!(
        counted.evaluated + counted.reused,
        counted_again.evaluated,
        "{}: every instance is counted once",
        dir.display()
    );
    counted
}

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn identical_instances_reuse_one_evaluation_with_their_own_addresses() {
    let dir = manifest("tests/data/module-reuse");
    let counted = assert_reuse_is_invisible(&dir);
    // module.net["b"] and ["c"] reuse ["a"] and the module.sg inside it; module.zone's
    // instances differ in cidr, so each is evaluated with its module.sg.
    assert_eq!(
        counted,
        ModuleInstances {
            evaluated: 6,
            reused: 4
        }
    );

    let (_, model, diagnostics) = tfscan::load_model(&options(&dir, false)).expect("load");
    let sg = model
        .instances
        .iter()
        .find(|r| r.address.as_ref() == r#"module.net["c"].module.sg.aws_security_group.this"#)
        .expect("the reused instance's security group");
    let chain: Vec<&str> = sg.module.iter().map(|m| m.address.as_str()).collect();
    assert_eq!(
        chain,
        [r#"module.net["c"]"#, r#"module.net["c"].module.sg"#]
    );
    let vpc_id = &sg.body.attr("vpc_id").expect("vpc_id").value;
    let unknown = vpc_id.first_unknown().expect("unknown until apply");
    assert_eq!(
        unknown.refers_to.as_deref(),
        Some(r#"module.net["c"].aws_vpc.this"#)
    );
    assert_eq!(
        unknown.reason.as_ref(),
        r#"module.net["c"].aws_vpc.this.id is known only after apply"#
    );
    let messages: Vec<&str> = diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.starts_with("for_each of"))
        .collect();
    assert_eq!(
        messages,
        [
            r#"for_each of module.net["a"].aws_eip.bad must be a map or a set of strings, not number"#,
            r#"for_each of module.net["b"].aws_eip.bad must be a map or a set of strings, not number"#,
            r#"for_each of module.net["c"].aws_eip.bad must be a map or a set of strings, not number"#,
            "for_each of module.zone[0].aws_eip.bad must be a map or a set of strings, not number",
            "for_each of module.zone[1].aws_eip.bad must be a map or a set of strings, not number",
        ]
    );
}

#[test]
fn reuse_changes_nothing_in_any_sample_or_conformance_case() {
    let mut dirs = Vec::new();
    for parent in ["terraform-samples", "tests/conformance/cases"] {
        for entry in std::fs::read_dir(manifest(parent))
            .expect("read dir")
            .flatten()
        {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            }
        }
    }
    dirs.sort();
    assert!(dirs.len() > 200, "{} directories", dirs.len());
    // The model lines hold everything a report is made of; the reports themselves are
    // compared on the fixture and the benchmark corpus.
    for dir in dirs {
        assert_eq!(
            model_lines(&options(&dir, false)),
            model_lines(&options(&dir, true)),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn reuse_changes_nothing_in_the_benchmark_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::generate(dir.path(), 200, 3).expect("generate");
    let counted = assert_reuse_is_invisible(dir.path());
    // 19 stacks, each with two baseline calls of three identical instances: the first
    // of each is evaluated, the other two reused. The corpus's other calls differ.
    assert_eq!(counted.reused, 19 * 2 * 2, "{counted:?}");
}

#[test]
fn reuse_never_lets_an_instance_past_the_budget() {
    // Wherever the budget runs out (before, inside or after the reused instances), the
    // instances scanned and the limit reported are those of evaluating each instance.
    // The fixture takes 54 instances from the budget: 3 + 2 module instances, 1 rule at
    // the root, 10 in each module.net (with its module.sg and the two blocks its
    // `dynamic "ingress"` makes), 9 in each module.zone.
    let dir = manifest("tests/data/module-reuse");
    for budget in 1..=56 {
        let model = |reevaluate: bool| {
            let mut opts = options(&dir, reevaluate);
            opts.eval.limits.max_total_instances = budget;
            model_lines(&opts)
        };
        let (lines, lines_again) = (model(false), model(true));
        assert_eq!(lines, lines_again, "budget {budget}");
        let limit = format!("more than {budget} resource, module and dynamic block instances");
        assert_eq!(
            lines.iter().any(|l| l.contains(&limit)),
            budget < 54,
            "budget {budget}"
        );
    }
}
