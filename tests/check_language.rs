//! `docs/check-language.md` stays true to the code that parses check files: its key
//! reference is generated from the doc comments of the check types in
//! `src/check.rs` (`TFSCAN_UPDATE_DOCS=1 cargo test --test check_language`
//! rewrites it), the keys it lists are exactly those the parser accepts, and every
//! example check in it is run on its example configurations, whose `# expect:` lines are
//! exactly the findings.

use std::collections::BTreeSet;
use std::path::Path;

use tfscan::check::parse_check;

const DOC: &str = "docs/check-language.md";
const BEGIN: &str = "<!-- keys:begin (generated from src/check.rs) -->\n";
const END: &str = "<!-- keys:end -->\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Field {
    key: String,
    ty: String,
    required: bool,
    doc: String,
}

/// The fields of `pub struct NAME` in `src`, with their doc comments; fields serde skips
/// are left out.
fn fields(src: &str, name: &str) -> Vec<Field> {
    let start = format!("pub struct {name} {{");
    let mut lines = src.lines().skip_while(|l| !l.starts_with(&start)).skip(1);
    let (mut doc, mut attrs, mut out) = (Vec::new(), Vec::new(), Vec::new());
    for line in lines.by_ref() {
        let line = line.trim();
        if line == "}" {
            break;
        }
        if let Some(d) = line.strip_prefix("///") {
            doc.push(d.trim().to_string());
        } else if line.starts_with("#[") {
            attrs.push(line.to_string());
        } else if let Some(field) = line.strip_prefix("pub ") {
            let (key, ty) = field
                .trim_end_matches(',')
                .split_once(": ")
                .expect("a field is `pub name: Type,`");
            if !attrs.iter().any(|a: &String| a.contains("serde(skip)")) {
                out.push(Field {
                    key: key.to_string(),
                    ty: toml_type(ty),
                    required: !ty.starts_with("Option<")
                        && !attrs.iter().any(|a| a.contains("default")),
                    doc: doc
                        .iter()
                        .filter(|d: &&String| !d.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
            doc.clear();
            attrs.clear();
        } else if line.is_empty() {
            doc.clear();
            attrs.clear();
        }
    }
    assert!(!out.is_empty(), "struct {name} not found in src/check.rs");
    out
}

/// How a Rust field type is written in TOML.
fn toml_type(ty: &str) -> String {
    let inner = ty
        .strip_prefix("Option<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty);
    match inner {
        "String" | "Severity" => "string",
        "Vec<String>" => "array of strings",
        "bool" => "boolean",
        "f64" => "number",
        "toml::Value" => "any value",
        "Vec<toml::Value>" => "array of values",
        "Pattern" => "string (regular expression)",
        "Vec<Cond>" => "array of conditions",
        "Box<Cond>" => "condition",
        "Relation" => "table (`related`)",
        "Reference" => "table (`referenced`)",
        other => panic!("add how the type {other} is written in TOML to toml_type"),
    }
    .to_string()
}

/// The generated key reference.
fn reference() -> String {
    let src = std::fs::read_to_string(root().join("src/check.rs")).expect("readable");
    let mut text = String::from(BEGIN);
    for (name, title) in [
        ("Check", "The file's keys"),
        (
            "Cond",
            "Conditions (`when`, `require`, and conditions inside conditions)",
        ),
        (
            "Relation",
            "`related`: a companion resource that refers to this one",
        ),
        ("Reference", "`referenced`: the resource this one points at"),
    ] {
        text.push_str(&format!(
            "\n### {title}\n\n| key | type | required | meaning |\n|---|---|---|---|\n"
        ));
        for f in fields(&src, name) {
            text.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                f.key,
                f.ty,
                if f.required { "yes" } else { "no" },
                f.doc.replace('|', "\\|")
            ));
        }
    }
    text.push('\n');
    text.push_str(END);
    text
}

#[test]
fn the_key_reference_is_generated_from_the_parser_types() {
    let path = root().join(DOC);
    let doc = std::fs::read_to_string(&path).expect("docs/check-language.md exists");
    let (before, rest) = doc.split_once(BEGIN).expect("the begin marker");
    let (_, after) = rest.split_once(END).expect("the end marker");
    let fresh = format!("{before}{}{after}", reference());
    if std::env::var_os("TFSCAN_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &fresh).expect("write");
    }
    assert!(
        fresh == doc,
        "{DOC} is stale: run `TFSCAN_UPDATE_DOCS=1 cargo test --test check_language`"
    );
}

/// The keys the parser names when it meets an unknown one.
fn accepted_keys(text: &str) -> BTreeSet<String> {
    let e = parse_check("x.toml", text).expect_err("an unknown key is refused");
    let list = e
        .split("expected one of")
        .nth(1)
        .expect("serde lists the keys");
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_reference_lists_exactly_the_keys_the_parser_accepts() {
    let src = std::fs::read_to_string(root().join("src/check.rs")).expect("readable");
    let head = "id = \"acme-x\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"data\"\nresources = [\"aws_s3_bucket\"]\ndescription = \"d\"\nremediation = \"r\"\n";
    for (name, text) in [
        ("Check", "zzz = 1\n".to_string()),
        ("Cond", format!("{head}[[require]]\nzzz = 1\n")),
        (
            "Relation",
            format!("{head}[[require]]\nrelated = {{ zzz = 1 }}\n"),
        ),
        (
            "Reference",
            format!("{head}[[require]]\nreferenced = {{ zzz = 1 }}\n"),
        ),
    ] {
        let documented: BTreeSet<String> = fields(&src, name).into_iter().map(|f| f.key).collect();
        assert_eq!(documented, accepted_keys(&text), "{name}");
    }
}

/// A fenced block of the document: its info string and its text.
fn fenced_blocks(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in doc.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some("")) => out.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn every_example_check_finds_exactly_its_expected_lines() {
    let doc = std::fs::read_to_string(root().join(DOC)).expect("docs/check-language.md exists");
    let mut check: Option<(String, tempfile::TempDir)> = None;
    let (mut checks, mut configurations) = (0, 0);
    for (info, text) in fenced_blocks(&doc) {
        match info.as_str() {
            "toml check" => {
                let parsed = parse_check("example", &text).expect("the example check is valid");
                let dir = tempfile::tempdir().expect("a temporary directory");
                std::fs::write(dir.path().join("check.toml"), &text).expect("write");
                check = Some((parsed.id, dir));
                checks += 1;
            }
            "hcl fails" | "hcl passes" => {
                let (id, checks_dir) = check.as_ref().expect("a check before its examples");
                let tf = tempfile::tempdir().expect("a temporary directory");
                std::fs::write(tf.path().join("main.tf"), &text).expect("write");
                let opts = tfscan::Options {
                    path: tf.path().to_path_buf(),
                    checks_dirs: vec![checks_dir.path().to_path_buf()],
                    include_checks: vec![id.clone()],
                    eval: tfscan::eval::EvalOptions {
                        workspace: "default".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let report = tfscan::scan(&opts).expect("the example scans");
                let found: Vec<usize> = report
                    .findings
                    .iter()
                    .filter_map(|f| report.location(f.span).map(|l| l.start.line))
                    .collect();
                let expected: Vec<usize> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| l.contains(&format!("# expect: {id}")))
                    .map(|(i, _)| i + 1)
                    .collect();
                assert_eq!(found, expected, "{id} on:\n{text}");
                assert!(report.unknown.is_empty(), "{id}: undecided on:\n{text}");
                assert_eq!(info == "hcl fails", !expected.is_empty(), "{info}:\n{text}");
                configurations += 1;
            }
            _ => {}
        }
    }
    assert!(
        checks >= 4 && configurations >= 8,
        "{checks} checks, {configurations} configurations"
    );
}

/// A check file with this id and aliases, in a directory of its own.
fn user_check(id: &str, aliases: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let aliases: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
    std::fs::write(
        dir.path().join("check.toml"),
        format!(
            "id = \"{id}\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"data\"\nresources = [\"aws_s3_bucket\"]\ndescription = \"d\"\nremediation = \"r\"\naliases = [{}]\n[[require]]\nattribute = \"bucket\"\npresent = true\n",
            aliases.join(", ")
        ),
    )
    .expect("write");
    dir
}

fn load(dir: &tempfile::TempDir) -> Result<tfscan::engine::Catalog, Vec<String>> {
    tfscan::engine::Catalog::load(&[dir.path()])
}

#[test]
fn a_users_check_may_use_any_namespace_but_not_a_built_in_name() {
    for id in ["acme-s3-bucket-named", "k8s-policy-x", "aws-team-rule"] {
        let catalog = load(&user_check(id, &["ACME-1"])).expect("loads");
        assert!(catalog.find(id).is_some(), "{id}");
        assert_eq!(catalog.find("acme-1").map(|c| c.id.as_str()), Some(id));
    }
    let builtin = tfscan::engine::Catalog::load(&[] as &[&Path]).expect("the built-in checks");
    let taken = builtin
        .checks()
        .first()
        .expect("a built-in check")
        .id
        .clone();
    let dir = user_check(&taken, &[]);
    let errors = load(&dir).err().expect("refused");
    let file = dir.path().join("check.toml");
    assert_eq!(
        errors,
        vec![format!(
            "{}: check id '{taken}' is taken by the built-in check '{taken}'; give your check an id in your own namespace, such as 'acme-{}'",
            file.display(),
            taken.trim_start_matches("aws-")
        )]
    );
    let (owner, alias) = builtin
        .checks()
        .iter()
        .find_map(|c| c.aliases.first().map(|a| (c.id.clone(), a.clone())))
        .expect("a built-in check with an alias");
    let dir = user_check("acme-x", &[&alias.to_ascii_lowercase()]);
    assert_eq!(
        load(&dir).err().expect("refused"),
        vec![format!(
            "{}: alias '{}' of check 'acme-x' is taken by the built-in check '{owner}'",
            dir.path().join("check.toml").display(),
            alias.to_ascii_lowercase()
        )]
    );
    for bad in ["acme", "Acme-x", "acme_x", "-acme-x"] {
        let errors = load(&user_check(bad, &[])).err().expect("refused");
        assert!(
            errors.first().is_some_and(|e| e.contains(&format!(
                "check id '{bad}' must be kebab-case and start with a namespace"
            ))),
            "{errors:?}"
        );
    }
}
