//! Generated documentation stays true to the code.

use std::process::Command;

#[test]
fn docs_checks_md_is_generated_from_the_check_files() {
    let out = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(["checks", "--format", "markdown"])
        .output()
        .expect("tfscan runs");
    assert_eq!(out.status.code(), Some(0));
    let generated = String::from_utf8(out.stdout).expect("UTF-8");
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md"),
    )
    .expect("docs/checks.md exists");
    assert!(
        generated == committed,
        "docs/checks.md is stale: run `cargo run -- checks --format markdown > docs/checks.md`"
    );
}

#[test]
fn explain_prints_the_same_text_as_the_reference_and_accepts_aliases() {
    let by_id = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(["explain", "aws-cloudtrail-log-validation-disabled"])
        .output()
        .expect("tfscan runs");
    let by_alias = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(["explain", "AVD-AWS-0016"])
        .output()
        .expect("tfscan runs");
    assert_eq!(by_id.stdout, by_alias.stdout);
    let text = String::from_utf8(by_id.stdout).expect("UTF-8");
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md"),
    )
    .expect("docs/checks.md exists");
    assert!(committed.contains(&text));
}
