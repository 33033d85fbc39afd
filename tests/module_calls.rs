//! The loader finds module calls without syntax trees (`loader::calls::scan`), falling
//! back to hcl-edit when unsure. Here both are compared on every `.tf` file of the
//! repository's samples and test fixtures and of a generated benchmark corpus: where the
//! scanner answers, it must agree with the parser exactly, and on ordinary Terraform it
//! must answer (or the loader would parse twice).

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use tfscan::loader::calls::{from_body, scan};

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            tf_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "tf") {
            out.push(path);
        }
    }
}

/// (files the parser accepts, files the scanner decided, decided files with calls).
fn compare(files: &[PathBuf]) -> (usize, usize, usize, Vec<PathBuf>) {
    let (mut parsed, mut sure, mut with_calls) = (0, 0, 0);
    let mut unsure = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(body) = hcl_edit::parser::parse_body(&text) else {
            continue;
        };
        parsed += 1;
        match scan(&text) {
            Some(found) => {
                assert_eq!(found, from_body(&body), "{}", path.display());
                sure += 1;
                with_calls += usize::from(!found.is_empty());
            }
            None => unsure.push(path.clone()),
        }
    }
    (parsed, sure, with_calls, unsure)
}

#[test]
fn scanner_agrees_with_the_parser_on_samples_and_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    tf_files(&root.join("terraform-samples"), &mut files);
    tf_files(&root.join("tests"), &mut files);
    let (parsed, sure, with_calls, unsure) = compare(&files);
    assert!(parsed > 500, "{parsed}");
    assert!(with_calls >= 9, "{with_calls}");
    // Unsure files are parsed instead; they must stay the exception.
    assert!(
        unsure.len() * 20 < parsed,
        "{sure} of {parsed} decided; unsure: {unsure:#?}"
    );
}

#[test]
fn scanner_decides_every_file_of_the_generated_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::generate(dir.path(), 200, 0).expect("generate");
    let mut files = Vec::new();
    tf_files(dir.path(), &mut files);
    let (parsed, sure, with_calls, unsure) = compare(&files);
    assert_eq!(parsed, files.len());
    assert_eq!(sure, parsed, "unsure: {unsure:#?}");
    assert!(with_calls >= 19, "{with_calls}");
}
