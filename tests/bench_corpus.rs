//! The benchmark's generated corpus is real Terraform: it loads without errors, every
//! stack is a root that calls the shared modules, and its deliberately bad values are
//! found. (The benchmark itself is `cargo bench --bench scale`; no timing is asserted.)

#[path = "../benches/corpus.rs"]
mod corpus;
#[path = "../benches/shapes.rs"]
mod shapes;

use std::collections::BTreeMap;

#[test]
fn generated_corpus_scans_cleanly_and_its_bad_values_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (files, bytes) = corpus::generate(dir.path(), 200, 0).expect("generate");
    // 15 module files, then whole stacks of 10 files: the first size at or above 200.
    assert_eq!(files, 205);
    let on_disk = walk(dir.path());
    assert_eq!(on_disk.0, files);
    assert_eq!(on_disk.1, bytes);

    let report = tfscan::scan(&tfscan::Options {
        path: dir.path().to_path_buf(),
        ..Default::default()
    })
    .expect("scan");
    let problems: Vec<_> = report.diagnostics.iter().map(|d| &d.message).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(report.roots, 19, "one root per stack");

    let mut by_check: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *by_check.entry(f.check.id.as_str()).or_default() += 1;
    }
    // One bastion per stack, some with SSH open to the internet; every stack's NACL.
    assert_eq!(by_check.get("aws-ec2-instance-public-ip"), Some(&19));
    assert_eq!(by_check.get("aws-vpc-nacl-allows-all-traffic"), Some(&19));
    assert!(by_check.contains_key("aws-vpc-sg-admin-port-open-to-internet"));
    assert!(by_check.contains_key("aws-rds-publicly-accessible"));
    assert!(by_check.contains_key("aws-s3-bucket-encryption-disabled"));
}

fn walk(dir: &std::path::Path) -> (usize, u64) {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (f, b) = walk(&path);
            total = (total.0 + f, total.1 + b);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            total = (
                total.0 + 1,
                total.1 + entry.metadata().expect("metadata").len(),
            );
        }
    }
    total
}

/// Each shape of the growth benchmark is clean input of the size asked for: it scans
/// without errors, with the resources and findings its generator plants.
#[test]
fn every_shape_scans_cleanly_at_its_size() {
    let mut seen = BTreeMap::new();
    for name in shapes::SHAPES {
        let dir = tempfile::tempdir().expect("temp dir");
        shapes::generate(name, dir.path(), 40).expect("generate");
        let target = shapes::scan_target(name, dir.path());
        let report = tfscan::scan(&tfscan::Options {
            path: target.clone(),
            ..Default::default()
        })
        .expect("scan");
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.kind.is_error())
            .map(|d| &d.message)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let groups = report
            .findings
            .iter()
            .filter(|f| f.check.id == "aws-vpc-sg-admin-port-open-to-internet")
            .count();
        seen.insert(*name, (report.resources, groups));
    }
    // one-file and many-files: 40 groups with two rule resources each, 4 subnets,
    // associations and instances, a NACL and the VPC, gateway and table; 4 groups with
    // SSH open.
    assert_eq!(seen.get("one-file"), Some(&(40 * 3 + 4 * 3 + 1 + 3, 4)));
    assert_eq!(seen.get("many-files"), seen.get("one-file"));
    // plan: 40 changes; a group in every 7 changes opens SSH.
    assert_eq!(seen.get("plan").map(|s| s.0), Some(40));
    // deep-chain: 40 instances of the chain, one open group per level.
    assert_eq!(
        seen.get("deep-chain"),
        Some(&(40 * shapes::CHAIN_DEPTH, 40 * shapes::CHAIN_DEPTH))
    );
    // wide-for-each: 40 groups, rules, instances and modules of two resources, plus
    // the VPC and subnet.
    assert_eq!(seen.get("wide-for-each").map(|s| s.0), Some(40 * 5 + 2));
}
