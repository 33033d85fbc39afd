//! Checks whose logic is Rust. Each is one `check!` beside its function, in any file of
//! this directory: build.rs collects them into the registry and declares each file's
//! module, so adding a check (or a file of checks) edits no list.

/// Declares a Rust check: `judge` is its function, `meta` its metadata in the check file
/// format (`docs/check-language.md`: id, title, severity, area, resources, aliases,
/// references, description, remediation, covered_by), without conditions. build.rs
/// reads every `check! {` that starts a line under `src/checks/` (the form must stay
/// `judge = function, meta = r#"…"#`) into `REGISTERED`; `Catalog::load` parses the
/// metadata with the check files' parser, and errors name this file and the line. The
/// expansion only checks the types.
macro_rules! check {
    (judge = $judge:path, meta = $meta:literal $(,)?) => {
        const _: (crate::engine::RustCheck, &str) = ($judge, $meta);
    };
}

// The `mod` line of each file of this directory (with `#[path]`), then `REGISTERED`:
// every `check!`, in file and line order.
include!(concat!(env!("OUT_DIR"), "/rust_checks.rs"));

use std::path::Path;

use crate::engine::{Catalog, CheckResults, Context, RustChecks};

impl Catalog {
    /// The built-in checks, with the Rust checks registered here, plus those in
    /// `extra_dirs`; errors name the offending file.
    pub fn load(extra_dirs: &[impl AsRef<Path>]) -> Result<Catalog, Vec<String>> {
        let rust = RustChecks {
            checks: REGISTERED,
            settle,
        };
        Catalog::with_rust(extra_dirs, rust)
    }
}

/// What runs once every check has run, over all their results: one finding per root
/// cause where two checks see the same one (see `network_reach::share_causes`).
fn settle(cx: &Context<'_>, parts: &mut [CheckResults]) {
    network_reach::share_causes(cx, parts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Logic;
    use crate::engine::{Meta, RustCheckDef};

    const NO_DIRS: [&Path; 0] = [];

    fn rust_checks(checks: &'static [RustCheckDef]) -> RustChecks {
        RustChecks { checks, settle }
    }

    /// Every `check!` loads: its metadata is valid, and its id is taken by no other check.
    #[test]
    fn every_rust_check_loads_under_its_own_id() {
        let catalog = Catalog::load(&NO_DIRS).expect("the built-in checks load");
        let rust: Vec<_> = catalog
            .checks()
            .iter()
            .filter(|c| c.judged_by == Logic::Rust)
            .collect();
        assert_eq!(rust.len(), REGISTERED.len());
        for c in rust {
            assert!(c.source.starts_with("src/checks/"), "{}", c.source);
        }
    }

    /// build.rs embeds every built-in check as the JSON of its TOML: each reads as the
    /// same check (same values, same integers and floats, same source) as its TOML does
    /// through the parsers user checks go through.
    #[test]
    fn every_builtin_check_reads_from_its_json_as_from_its_toml() {
        use crate::check::{parse_builtin, parse_check, parse_rust_check};
        use crate::engine::BUILTIN_CHECKS;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for (source, embedded) in BUILTIN_CHECKS {
            let text = std::fs::read_to_string(root.join(source)).expect("a check file");
            let toml = parse_check(source, &text).expect("a valid check file");
            let read = parse_builtin(source.to_string(), *embedded, Logic::Declarative);
            let read = read.expect("its JSON reads");
            assert_eq!(format!("{read:?}"), format!("{toml:?}"), "{source}");
            files += 1;
        }
        assert!(files > 100, "{files} check files");
        assert_eq!(REGISTERED.len(), REGISTERED_TOML.len());
        for (d, text) in REGISTERED.iter().zip(REGISTERED_TOML) {
            let Meta::Json(embedded) = d.meta else {
                panic!("{}:{}: the registry embeds JSON", d.file, d.line);
            };
            let toml = parse_rust_check(d.file, d.line, text).expect("valid metadata");
            let read = parse_builtin(format!("{}:{}", d.file, d.line), embedded, Logic::Rust);
            let read = read.expect("its JSON reads");
            assert_eq!(format!("{read:?}"), format!("{toml:?}"), "{}", d.file);
        }
    }

    /// An error in a Rust check's metadata names the source file and the line in it.
    #[test]
    fn metadata_errors_name_the_file_and_line() {
        static BAD: [RustCheckDef; 3] = [
            RustCheckDef {
                file: "src/checks/x.rs",
                line: 10,
                meta: Meta::Toml("\nid = \"aws-x-one\"\ntitel = \"typo\"\n"),
                judge: provider::static_credentials,
            },
            RustCheckDef {
                file: "src/checks/x.rs",
                line: 40,
                meta: Meta::Toml(
                    "\nid = \"aws-x-two\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"iam\"\nresources = [\"aws_iam_policy\"]\ndescription = \"d\"\nremediation = \"r\"\n[[require]]\nattribute = \"policy\"\npresent = true\n",
                ),
                judge: provider::static_credentials,
            },
            RustCheckDef {
                file: "src/checks/y.rs",
                line: 7,
                meta: Meta::Toml(
                    "\nid = \"aws-cloudtrail-log-validation-disabled\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"iam\"\nresources = [\"aws_iam_policy\"]\ndescription = \"d\"\nremediation = \"r\"\n",
                ),
                judge: provider::static_credentials,
            },
        ];
        let errors = Catalog::with_rust(&NO_DIRS, rust_checks(&BAD))
            .err()
            .expect("refused");
        // Three errors of these, and one because the real Rust checks are left out.
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(
            errors[0].starts_with(
                "src/checks/x.rs:12:1: unknown field `titel`, expected one of `id`, `title`"
            ),
            "{}",
            errors[0]
        );
        assert_eq!(
            errors[1],
            "src/checks/x.rs:40: a Rust check's metadata has no when, require or message: its function judges"
        );
        assert_eq!(
            errors[2],
            "src/checks/y.rs:7: check id 'aws-cloudtrail-log-validation-disabled' is already defined in checks/monitoring/aws-cloudtrail-log-validation-disabled.toml"
        );
        assert!(errors[3].ends_with(
            "is covered_by 'aws-eks-cluster-public-endpoint-open-to-internet', which is not a check"
        ));
    }
}
