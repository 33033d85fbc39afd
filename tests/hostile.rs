//! Hostile input (issue #9): whatever a scanned tree holds — broken, huge, deep, cyclic,
//! looping or unreadable — tfscan finishes, reports what it could not scan with its
//! location, scans the rest, and exits 3 (or 1 when findings reach the threshold).
//!
//! Every case runs the real binary under a watchdog: a run that has not finished after
//! [`WATCHDOG`] fails the test instead of hanging the suite (there are no timing
//! assertions beyond that).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::dir_with;
use serde_json::Value as Json;

const WATCHDOG: Duration = Duration::from_secs(120);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs tfscan with `args`, output to files (a full pipe can never block it), and kills
/// it when the watchdog expires.
fn tfscan_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out_dir = tempfile::tempdir().expect("a temporary directory");
    let stdout_path = out_dir.path().join("stdout");
    let stderr_path = out_dir.path().join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(args)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("the tfscan binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for tfscan") {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tfscan {args:?} did not finish within {WATCHDOG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).expect("output")).into_owned();
    Run {
        code: status.code(),
        stdout: read(&stdout_path),
        stderr: read(&stderr_path),
    }
}

fn tfscan(args: &[&str]) -> Run {
    tfscan_env(args, &[])
}

/// A JSON scan of `dir` with extra arguments; returns the run and the report.
fn scan_json(dir: &Path, extra: &[&str]) -> (Run, Json) {
    let dir = dir.display().to_string();
    let mut args = vec!["scan", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(&dir);
    let run = tfscan(&args);
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is a JSON report ({e}); stderr: {}", run.stderr));
    (run, report)
}

/// The report's errors as (kind, file, line, column, message).
fn errors(report: &Json) -> Vec<(String, String, u64, u64, String)> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let loc = &e["location"];
            (
                e["kind"].as_str().unwrap_or("").to_string(),
                loc["file"].as_str().unwrap_or("").to_string(),
                loc["start"]["line"].as_u64().unwrap_or(0),
                loc["start"]["column"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn error(
    kind: &str,
    file: &str,
    line: u64,
    column: u64,
    message: &str,
) -> (String, String, u64, u64, String) {
    (kind.into(), file.into(), line, column, message.into())
}

/// The resource address of every finding, in report order.
fn finding_addresses(report: &Json) -> Vec<&str> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["resource"]["address"].as_str())
        .collect()
}

/// A bucket with no encryption: one medium finding in every scan that holds it, so each
/// case also shows the rest of the tree was scanned.
const CLEAN_SG: &str = r#"resource "aws_security_group" "ok" {
  description = "internal only"
}
"#;

/// An administrative port open to the internet: a high finding (exit 1 by default).
const OPEN_SSH: &str = r#"resource "aws_security_group" "ssh" {
  description = "Bastion"
  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_network_interface" "ssh" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.ssh.id]
}
"#;

#[test]
fn malformed_and_truncated_hcl_are_parse_errors_and_the_rest_is_scanned() {
    let dir = dir_with(&[
        ("broken.tf", "locals {\n  x = \n}\n"),
        (
            "truncated.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"half",
        ),
        (
            "unclosed.tf",
            "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \"c\"\n",
        ),
        ("sg.tf", OPEN_SSH),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "the open SSH port is still found");
    let errs = errors(&r);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert_eq!(errs[0].0, "parse");
    assert_eq!(
        (errs[0].1.as_str(), errs[0].2, errs[0].3),
        ("broken.tf", 2, 7)
    );
    assert_eq!(
        (errs[1].0.as_str(), errs[1].1.as_str()),
        ("parse", "truncated.tf")
    );
    assert_eq!(
        (errs[1].2, errs[1].3),
        (2, 3),
        "at the attribute the file cuts off"
    );
    assert_eq!(
        (errs[2].0.as_str(), errs[2].1.as_str()),
        ("parse", "unclosed.tf")
    );
    assert_eq!(
        (errs[2].2, errs[2].3),
        (2, 15),
        "after the last complete attribute"
    );
    assert_eq!(r["summary"]["findings"], 1);

    let dir = dir_with(&[("broken.tf", "locals {\n  x = \n}\n"), ("ok.tf", CLEAN_SG)]);
    let (run, _) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(3), "incomplete, nothing at the threshold");
    // The user may ask for exit 0 all the same; the error is still reported.
    let (run, r) = scan_json(dir.path(), &["--allow-incomplete"]);
    assert_eq!(run.code, Some(0), "--allow-incomplete");
    assert_eq!(r["errors"].as_array().map(Vec::len), Some(1));
    // Not on the tree's say-so: a limit hit must not turn into a pass.
    std::fs::write(dir.path().join(".tfscan.toml"), "allow-incomplete = true\n").expect("write");
    let run = tfscan(&["scan", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`allow-incomplete`: a configuration file inside the scanned tree may not set it"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_and_binary_files_are_read_errors_with_a_position() {
    let dir = dir_with::<&[u8]>(&[
        ("latin1.tf", b"locals {\n  name = \"caf\xe9\"\n}\n"),
        (
            "binary.tf",
            &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0xff, 0xfe, 0, 0],
        ),
        // NUL is valid UTF-8 and HCL allows it in a string.
        ("nul.tf", b"locals {\n  x = \"a\0b\"\n}\n"),
        // Columns count UTF-16 code units: "é" is one, "😀" two, whatever their bytes.
        (
            "wide.tf",
            b"locals {\n  y = \"\xc3\xa9\xf0\x9f\x98\x80\xff\"\n}\n",
        ),
        ("ok.tf", CLEAN_SG.as_bytes()),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(3));
    assert_eq!(
        errors(&r),
        vec![
            error(
                "read",
                "binary.tf",
                1,
                9,
                "file is not valid UTF-8 (invalid byte at line 1, column 9)"
            ),
            error(
                "read",
                "latin1.tf",
                2,
                14,
                "file is not valid UTF-8 (invalid byte at line 2, column 14)"
            ),
            error(
                "read",
                "wide.tf",
                2,
                11,
                "file is not valid UTF-8 (invalid byte at line 2, column 11)"
            ),
        ]
    );
    assert_eq!(r["summary"]["resources"], 1, "ok.tf is scanned");
}

/// An empty or blank `.tf` file is valid Terraform (Terraform accepts it), so it is no
/// error: the scan is complete and clean.
#[test]
fn empty_and_whitespace_only_files_are_valid_and_clean() {
    let dir = dir_with(&[
        ("empty.tf", ""),
        ("blank.tf", "  \n\t\n\r\n"),
        ("comments.tf", "# only\n// comments\n/* here */\n"),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(errors(&r), vec![]);
    assert_eq!(r["summary"]["files"], 3);
    assert_eq!(r["summary"]["resources"], 0);
}

#[test]
fn a_100_mb_file_is_skipped_over_the_size_limit_and_the_flag_lowers_it() {
    let dir = dir_with(&[("sg.tf", OPEN_SSH)]);
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    let huge = line.repeat(100 * 1024 * 1024 / line.len() + 1);
    std::fs::write(dir.path().join("huge.tf"), &huge).expect("write the 100 MB file");
    let size = huge.len();
    drop(huge);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(
        run.code,
        Some(1),
        "the rest is scanned: the open port is found"
    );
    assert_eq!(
        errors(&r),
        vec![error(
            "read",
            "huge.tf",
            1,
            1,
            &format!("file is {size} bytes, over the 67108864-byte limit; not scanned")
        )]
    );

    let (run, r) = scan_json(dir.path(), &["--max-file-size", "100", "--fail-on", "none"]);
    assert_eq!(run.code, Some(3));
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(
        errs[1],
        error(
            "read",
            "sg.tf",
            1,
            1,
            &format!(
                "file is {} bytes, over the 100-byte limit; not scanned",
                OPEN_SSH.len()
            )
        )
    );
}

/// hcl-edit refuses more than 64 nested levels (and 128 chained binary operators) as a
/// parse error; the forms it cannot bound (traversal chains) meet the evaluator's
/// expression-depth limit.
#[test]
fn nesting_100000_deep_is_refused_without_overflowing_the_stack() {
    const N: usize = 100_000;
    let parse_refused = [
        (
            "brackets.tf",
            format!("locals {{\n  x = {}{}\n}}\n", "[".repeat(N), "]".repeat(N)),
            2,
            71,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "parens.tf",
            format!("locals {{\n  x = {}1{}\n}}\n", "(".repeat(N), ")".repeat(N)),
            2,
            71,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "objects.tf",
            format!(
                "locals {{\n  x = {}1{}\n}}\n",
                "{a = ".repeat(N),
                "}".repeat(N)
            ),
            2,
            323,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "calls.tf",
            format!(
                "locals {{\n  x = {}1{}\n}}\n",
                "abs(".repeat(N),
                ")".repeat(N)
            ),
            2,
            263,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "conditionals.tf",
            format!("locals {{\n  x = {}2\n}}\n", "true ? 1 : ".repeat(N)),
            2,
            707,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "templates.tf",
            format!(
                "locals {{\n  x = {}1{}\n}}\n",
                "\"${".repeat(N),
                "}\"".repeat(N)
            ),
            2,
            199,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "blocks.tf",
            format!(
                "resource \"aws_s3_bucket\" \"b\" {{\n{}{}}}\n",
                "a {\n".repeat(N),
                "}\n".repeat(N)
            ),
            65,
            3,
            "invalid HCL: invalid nesting depth; expected at most 64 nested levels",
        ),
        (
            "sums.tf",
            format!("locals {{\n  x = {}1\n}}\n", "1 + ".repeat(N)),
            2,
            521,
            "invalid HCL: invalid binary operation; expected at most 128 chained binary operators",
        ),
    ];
    for (name, text, line, column, message) in parse_refused {
        let dir = dir_with(&[(name, text.as_str()), ("ok.tf", CLEAN_SG)]);
        let (run, r) = scan_json(dir.path(), &[]);
        assert_eq!(run.code, Some(3), "{name}: {}", run.stderr);
        assert_eq!(
            errors(&r),
            vec![error("parse", name, line, column, message)],
            "{name}"
        );
        assert_eq!(r["summary"]["resources"], 1, "{name}: ok.tf is scanned");
    }

    let limited = [
        (
            "splats.tf",
            format!(
                "locals {{\n  y = [1]\n  x = local.y{}\n}}\n",
                "[*]".repeat(N)
            ),
        ),
        (
            "indexes.tf",
            format!(
                "locals {{\n  y = [1]\n  x = local.y{}\n}}\n",
                "[0]".repeat(N)
            ),
        ),
        (
            "attributes.tf",
            format!(
                "locals {{\n  y = {{}}\n  x = local.y{}\n}}\n",
                ".a".repeat(N)
            ),
        ),
    ];
    for (name, text) in limited {
        let used = format!("{text}resource \"aws_s3_bucket\" \"b\" {{\n  bucket = local.x\n}}\n");
        let dir = dir_with(&[(name, used.as_str())]);
        let (run, r) = scan_json(dir.path(), &[]);
        let errs = errors(&r);
        assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
        // Splats recurse (limit); an index or attribute chain fails at its first step.
        let (kind, code) = if name == "splats.tf" {
            ("limit", Some(3))
        } else {
            ("evaluation", Some(0))
        };
        assert_eq!(
            (errs[0].0.as_str(), errs[0].1.as_str(), errs[0].2),
            (kind, name, 3),
            "{name}: {errs:#?}"
        );
        assert_eq!(run.code, code, "{name}");
    }
}

#[test]
fn cyclic_locals_variables_and_self_calling_modules_are_cycle_errors() {
    let dir = dir_with(&[
        ("locals.tf", "locals {\n  a = local.b\n  b = local.a\n}\n"),
        (
            "variables.tf",
            "variable \"a\" {\n  default = var.b\n}\nvariable \"b\" {\n  default = var.a\n}\n",
        ),
        ("self.tf", "module \"self\" {\n  source = \"./\"\n}\n"),
        (
            "use.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket        = local.a\n  bucket_prefix = var.a\n}\n",
        ),
        ("sg.tf", OPEN_SSH),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "the open port is still found");
    assert_eq!(
        errors(&r),
        vec![
            error(
                "cycle",
                "locals.tf",
                3,
                7,
                "local values refer to each other in a cycle: local.a, local.b"
            ),
            error(
                "cycle",
                "self.tf",
                1,
                1,
                "module.self: module '' calls itself (through the root); Terraform rejects module cycles, so it is not evaluated"
            ),
            error(
                "cycle",
                "variables.tf",
                5,
                13,
                "input variable defaults refer to each other in a cycle: var.a, var.b"
            ),
        ]
    );
    let (run, _) = scan_json(dir.path(), &["--fail-on", "none"]);
    assert_eq!(run.code, Some(3));
}

#[test]
fn module_depth_1000_stops_at_the_module_depth_limit() {
    let mut files = vec![(
        "main.tf".to_string(),
        "module \"next\" {\n  source = \"./m1\"\n}\n".to_string(),
    )];
    for i in 1..1000 {
        files.push((
            format!("m{i}/main.tf"),
            format!("module \"next\" {{\n  source = \"../m{}\"\n}}\n", i + 1),
        ));
    }
    files.push(("m1000/main.tf".to_string(), CLEAN_SG.to_string()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = dir_with(&files);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(3));
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let address = "module.next.".repeat(64) + "module.next";
    assert_eq!(
        errs[0],
        error(
            "limit",
            "m64/main.tf",
            1,
            1,
            &format!(
                "{address}: module calls nested deeper than 64 levels (a module that calls itself?); not evaluated"
            )
        )
    );

    let (run, r) = scan_json(dir.path(), &["--max-module-depth", "3"]);
    assert_eq!(run.code, Some(3));
    assert_eq!(errors(&r)[0].1, "m3/main.tf");
}

#[test]
fn count_1e9_and_for_each_over_a_huge_range_stop_at_the_instance_limits() {
    let dir = dir_with(&[(
        "main.tf",
        "resource \"aws_security_group\" \"many\" {\n  count       = 1e9\n  description = \"x\"\n}\n",
    )]);
    let (run, r) = scan_json(dir.path(), &["--max-instances-per-resource", "50"]);
    assert_eq!(run.code, Some(3));
    assert_eq!(
        errors(&r),
        vec![error(
            "limit",
            "main.tf",
            2,
            17,
            "count of aws_security_group.many is 1000000000, over the limit of 50 instances; only the first 50 are scanned"
        )]
    );
    assert_eq!(r["summary"]["resources"], 50);

    // range() itself refuses more than 1024 values, as Terraform does; a product of ranges
    // is the way to a million keys.
    let dir = dir_with(&[(
        "main.tf",
        "resource \"aws_security_group\" \"range\" {\n  for_each    = toset([for i in range(1e9) : tostring(i)])\n  description = \"x\"\n}\n\
         resource \"aws_security_group\" \"product\" {\n  for_each    = toset(flatten([for i in range(1000) : [for j in range(1000) : \"${i}-${j}\"]]))\n  description = \"x\"\n}\n",
    )]);
    let (run, r) = scan_json(
        dir.path(),
        &[
            "--max-instances-per-resource",
            "100",
            "--max-total-instances",
            "50",
        ],
    );
    assert_eq!(run.code, Some(3));
    assert_eq!(
        errors(&r),
        vec![
            error(
                "evaluation",
                "main.tf",
                2,
                33,
                "range(): more than 1024 values were generated; either decrease the difference between start and end or use a smaller step"
            ),
            error(
                "limit",
                "main.tf",
                5,
                1,
                "more than 50 resource, module and dynamic block instances in one root module; the rest are not scanned"
            ),
            error(
                "limit",
                "main.tf",
                6,
                17,
                "for_each of aws_security_group.product has 1000000 elements, over the limit of 100; only the first 100 are scanned"
            ),
        ]
    );
    // The 50 of the budget go to the product; the failed for_each leaves one
    // representative instance, which takes nothing from the budget.
    assert_eq!(r["summary"]["resources"], 51);
}

#[test]
fn symlink_loops_finish_and_links_out_of_the_tree_are_refused_reads() {
    use std::os::unix::fs::symlink;
    let dir = dir_with(&[("sub/sg.tf", CLEAN_SG)]);
    let root = dir.path();
    symlink("..", root.join("sub/up")).expect("a directory loop");
    symlink(root, root.join("sub/root")).expect("an absolute directory loop");
    symlink("b.tf", root.join("a.tf")).expect("a file loop");
    symlink("a.tf", root.join("b.tf")).expect("a file loop");
    symlink("/etc/passwd", root.join("passwd.tf")).expect("a link out of the tree");
    symlink("/etc", root.join("etc")).expect("a directory link out of the tree");
    let (run, r) = scan_json(root, &[]);
    assert_eq!(run.code, Some(3));
    let loop_error = "cannot read file: Too many levels of symbolic links (os error 40)";
    let outside = "not scanned: a symlink to a path outside the scanned directory";
    assert_eq!(
        errors(&r),
        vec![
            error("read", "etc", 1, 1, outside),
            error("read", "passwd.tf", 1, 1, outside),
            error("read", "a.tf", 1, 1, loop_error),
            error("read", "b.tf", 1, 1, loop_error),
        ]
    );
    assert_eq!(r["summary"]["resources"], 1, "sub/sg.tf is scanned once");
    assert!(
        !run.stdout.contains("root:x:0:0"),
        "nothing of /etc/passwd is reported"
    );
}

/// A module source that leaves the scanned tree — by `..`, by an absolute path or through a
/// symlink — is refused like a `file()` read outside it: a read error at the `source`
/// attribute, the module's outputs unknown, and nothing of the module in the report.
#[test]
fn module_sources_outside_the_tree_are_refused_reads() {
    use std::os::unix::fs::symlink;
    let outside_module = "output \"leak\" {\n  value = \"OUTSIDE-MODULE-VALUE\"\n}\n\n\
                          resource \"aws_s3_bucket\" \"outside_bucket\" {\n  bucket = \"outside-bucket\"\n}\n";
    let dir = dir_with(&[
        ("outside/main.tf", outside_module),
        ("scan/sg.tf", CLEAN_SG),
    ]);
    let root = dir.path().join("scan");
    let outside = dir.path().join("outside");
    symlink(&outside, root.join("linked")).expect("a directory link out of the tree");
    let tf = format!(
        "module \"up\" {{\n  source = \"../outside\"\n}}\n\
         module \"abs\" {{\n  source = \"{}\"\n}}\n\
         module \"link\" {{\n  source = \"./linked\"\n}}\n\
         resource \"aws_security_group\" \"uses\" {{\n  description = module.up.leak\n}}\n",
        outside.display()
    );
    std::fs::write(root.join("main.tf"), tf).expect("write main.tf");
    let (run, r) = scan_json(&root, &[]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let refused = |name: &str, source: &str| {
        format!(
            "module.{name}: refusing to read {source:?}: it is outside the scanned directory; its outputs are unknown"
        )
    };
    assert_eq!(
        errors(&r),
        vec![
            error(
                "read",
                "linked",
                1,
                1,
                "not scanned: a symlink to a path outside the scanned directory"
            ),
            error("read", "main.tf", 2, 3, &refused("up", "../outside")),
            error(
                "read",
                "main.tf",
                5,
                3,
                &refused("abs", &outside.display().to_string())
            ),
            error("read", "main.tf", 8, 3, &refused("link", "./linked")),
        ]
    );
    assert_eq!(r["summary"]["resources"], 2, "ok and uses, nothing outside");
    for leaked in ["OUTSIDE-MODULE-VALUE", "outside_bucket", "outside-bucket"] {
        assert!(!run.stdout.contains(leaked), "{leaked} reached the report");
        assert!(!run.stderr.contains(leaked), "{leaked} reached stderr");
    }
}

/// Root reads any file whatever its mode, and tests run as root in CI; there the scan runs
/// as `nobody` (setpriv) so the modes bite. The test is skipped, saying why, only when it
/// runs as root and cannot drop privileges.
/// A scan of `envs/prod` in a git repository follows `../../modules/...` sources (the
/// usual layout of a repository with shared modules): the modules, the modules they call
/// and the files they read are scanned, named from the scan root, and SARIF names them
/// from the repository root. A source, symlink or `file()` read that leaves the repository
/// is refused as a read outside the scanned directory is when there is no repository.
#[test]
fn modules_outside_the_scan_root_inside_its_git_repository_are_scanned() {
    use std::os::unix::fs::symlink;
    let sg = "variable \"cidr\" {}\n\n\
              module \"net\" {\n  source = \"../net\"\n}\n\n\
              resource \"aws_security_group\" \"ssh\" {\n  description = \"SSH\"\n  vpc_id      = module.net.vpc_id\n  ingress {\n    description = \"SSH\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [var.cidr]\n  }\n}\n\n\
              resource \"aws_iam_policy\" \"admin\" {\n  name   = \"admin\"\n  policy = file(\"${path.module}/admin.json\")\n}\n";
    let admin =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    let net = "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\n\
               output \"vpc_id\" {\n  value = aws_vpc.main.id\n}\n";
    let prod = "module \"sg\" {\n  source = \"../../modules/sg\"\n  cidr   = \"0.0.0.0/0\"\n}\n";
    let dir = dir_with(&[
        ("repo/.git/HEAD", "ref: refs/heads/main\n"),
        ("repo/envs/prod/main.tf", prod),
        ("repo/modules/sg/main.tf", sg),
        ("repo/modules/sg/admin.json", admin),
        ("repo/modules/net/main.tf", net),
        (
            "outside/main.tf",
            "output \"leak\" {\n  value = \"OUTSIDE-VALUE\"\n}\n",
        ),
        ("outside/secret.txt", "OUTSIDE-SECRET"),
    ]);
    let repo = dir.path().join("repo");
    let root = repo.join("envs/prod");
    let out_dir = tempfile::tempdir().expect("a temporary directory");
    let sarif_path = out_dir.path().join("sarif");
    let sarif_arg = format!("sarif={}", sarif_path.display());
    let (run, r) = scan_json(&root, &["--output", &sarif_arg]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        errors(&r),
        vec![],
        "nothing is refused inside the repository"
    );
    let found: Vec<(String, String, String, u64, String)> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "low" && f["severity"] != "medium")
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or("").to_string(),
                f["resource"]["address"].as_str().unwrap_or("").to_string(),
                f["location"]["file"].as_str().unwrap_or("").to_string(),
                f["location"]["start"]["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let at = |id: &str, address: &str, line: u64, message: &str| {
        (
            id.to_string(),
            address.to_string(),
            "../../modules/sg/main.tf".to_string(),
            line,
            message.to_string(),
        )
    };
    assert_eq!(
        found,
        vec![
            at(
                "aws-vpc-sg-admin-port-open-to-internet",
                "module.sg.aws_security_group.ssh",
                15,
                "allows SSH (tcp/22) from 0.0.0.0/0"
            ),
            at(
                "aws-iam-policy-full-admin",
                "module.sg.aws_iam_policy.admin",
                21,
                "statement 1 allows every action on every resource"
            ),
        ]
    );
    let addresses = finding_addresses(&r);
    assert!(
        addresses.contains(&"module.sg.module.net.aws_vpc.main"),
        "the module the outside module calls is scanned: {addresses:?}"
    );
    let sarif: Json = serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("sarif"))
        .expect("SARIF is JSON");
    let mut uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|res| {
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
        })
        .collect();
    uris.sort();
    uris.dedup();
    assert_eq!(uris, vec!["modules/net/main.tf", "modules/sg/main.tf"]);

    // Leaving the repository: by a source, a symlinked file, and a file() read.
    let outside = dir.path().join("outside");
    symlink(outside.join("main.tf"), repo.join("modules/sg/leak.tf")).expect("a link out");
    let prod_out = format!(
        "{prod}\nmodule \"out\" {{\n  source = \"../../../outside\"\n}}\n\n\
         resource \"aws_ssm_parameter\" \"p\" {{\n  name  = \"p\"\n  type  = \"String\"\n  value = file(\"../../../outside/secret.txt\")\n}}\n\n\
         resource \"aws_ssm_parameter\" \"git\" {{\n  name  = \"git\"\n  type  = \"String\"\n  value = file(\"../../.git/HEAD\")\n}}\n"
    );
    std::fs::write(root.join("main.tf"), prod_out).expect("write main.tf");
    let (run, r) = scan_json(&root, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let repository = "the git repository of the scanned directory";
    assert_eq!(
        errors(&r),
        vec![
            error(
                "read",
                "main.tf",
                7,
                3,
                &format!(
                    "module.out: refusing to read \"../../../outside\": it is outside {repository}; its outputs are unknown"
                )
            ),
            error(
                "read",
                "main.tf",
                13,
                11,
                &format!(
                    "file(): refusing to read \"../../../outside/secret.txt\": it is outside {repository}"
                )
            ),
            error(
                "read",
                "main.tf",
                19,
                11,
                "file(): refusing to read \"../../.git/HEAD\": it is inside .git, which holds the repository's credentials, not configuration"
            ),
            error(
                "read",
                "../../modules/sg/leak.tf",
                1,
                1,
                &format!("not scanned: a symlink to a path outside {repository}")
            ),
        ]
    );
    assert!(
        !run.stdout.contains("OUTSIDE-"),
        "nothing of the outside reaches the report"
    );
    assert!(
        !run.stdout.contains("refs/heads"),
        "nothing of .git reaches the report"
    );

    // Without a repository the scanned directory is the boundary, as before.
    std::fs::remove_dir_all(repo.join(".git")).expect("remove .git");
    let (run, r) = scan_json(&root, &[]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let refusals: Vec<String> = errors(&r).into_iter().map(|e| e.4).collect();
    assert_eq!(
        refusals,
        vec![
            "module.sg: refusing to read \"../../modules/sg\": it is outside the scanned directory; its outputs are unknown",
            "module.out: refusing to read \"../../../outside\": it is outside the scanned directory; its outputs are unknown",
            "file(): refusing to read \"../../../outside/secret.txt\": it is outside the scanned directory",
            "file(): refusing to read \"../../.git/HEAD\": it is outside the scanned directory",
        ]
    );
}

/// `../scan/m` from a scan of `scan` leaves the root only to come back into it: the
/// module `m` inside it, called once, not a second root module.
#[test]
fn a_source_that_climbs_out_and_back_into_the_root_is_the_module_inside_it() {
    let dir = dir_with(&[
        (
            "scan/main.tf",
            "module \"x\" {\n  source = \"../scan/m\"\n}\n",
        ),
        ("scan/m/main.tf", OPEN_SSH),
    ]);
    let (run, r) = scan_json(&dir.path().join("scan"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(errors(&r), vec![]);
    assert_eq!(r["summary"]["roots"], 1, "m is called, not a root");
    let addresses = finding_addresses(&r);
    assert!(
        addresses.contains(&"module.x.aws_security_group.ssh"),
        "{addresses:?}"
    );
    assert!(
        addresses.iter().all(|a| a.starts_with("module.x.")),
        "{addresses:?}"
    );
}

#[test]
fn unreadable_files_and_directories_are_read_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[
        ("ok/main.tf", CLEAN_SG),
        ("locked/main.tf", CLEAN_SG),
        ("secret.tf", CLEAN_SG),
    ]);
    let root = dir.path();
    let mode = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    mode(root, 0o755);
    mode(&root.join("ok"), 0o755);
    mode(&root.join("ok/main.tf"), 0o644);
    mode(&root.join("locked"), 0o000);
    mode(&root.join("secret.tf"), 0o000);
    let privileged = std::fs::read(root.join("secret.tf")).is_ok();
    let root_arg = root.display().to_string();
    let scan = ["scan", "--format", "json", root_arg.as_str()];
    let run = if !privileged {
        tfscan(&scan)
    } else {
        // The binary must be reachable by nobody: copy it next to the tree.
        let bin = root.join("tfscan-bin");
        std::fs::copy(env!("CARGO_BIN_EXE_tfscan"), &bin).expect("copy the binary");
        mode(&bin, 0o755);
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status();
        if !probe.is_ok_and(|s| s.success()) {
            eprintln!(
                "skipped: running as root, which reads any file, and setpriv cannot drop to nobody"
            );
            mode(&root.join("locked"), 0o755);
            return;
        }
        let bin = bin.display().to_string();
        let mut args = vec![
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            bin.as_str(),
        ];
        args.extend_from_slice(&scan);
        let out = Command::new("setpriv")
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv runs");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
        }
    };
    mode(&root.join("locked"), 0o755);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let r: Json = serde_json::from_str(&run.stdout).expect("a JSON report");
    assert_eq!(
        errors(&r),
        vec![
            error(
                "read",
                "locked",
                1,
                1,
                "cannot read directory: Permission denied (os error 13)"
            ),
            error(
                "read",
                "secret.tf",
                1,
                1,
                "cannot read file: Permission denied (os error 13)"
            ),
        ]
    );
    assert_eq!(r["summary"]["resources"], 1, "ok/main.tf is scanned");
}

#[test]
fn file_names_with_newlines_and_control_characters_are_reported_and_neutralised() {
    let dir = dir_with(&[
        ("new\nline.tf", "locals {\n  x = \n}\n"),
        ("\u{1b}[31mred\u{7}.tf", OPEN_SSH),
        ("tab\tand\rcr.tf", CLEAN_SG),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        errors(&r),
        vec![error(
            "parse",
            "new\nline.tf",
            2,
            7,
            "invalid HCL: invalid expression; expected `\"`, `[`, `{`, `-`, `!`, `(`, `_`, `<`, letter or digit"
        )]
    );
    assert_eq!(
        r["findings"][0]["location"]["file"], "\u{1b}[31mred\u{7}.tf",
        "JSON keeps the real name, escaped"
    );

    let run = tfscan(&["scan", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.contains("\\u{1b}[31mred\\u{7}.tf:8:20"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("new\\nline.tf:2:7"), "{}", run.stdout);
    assert!(
        !run.stdout.contains('\u{1b}')
            && !run.stdout.contains('\u{7}')
            && !run.stdout.contains('\r')
    );
}

#[test]
fn ansi_escapes_in_scanned_text_are_neutralised_in_human_output() {
    let sg = OPEN_SSH.replace(
        "description = \"Bastion\"",
        "description = \"\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[1A\r\u{8}\u{202e}evil\"",
    );
    let keys = "resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"\\u001b[31mred\"])\n}\n";
    let dir = dir_with(&[("sg.tf", sg.as_str()), ("keys.tf", keys)]);
    let run = tfscan(&[
        "scan",
        "--fail-on",
        "none",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for c in ['\u{1b}', '\u{7}', '\u{8}', '\r', '\u{202e}'] {
        assert!(
            !run.stdout.contains(c),
            "{c:?} reached the terminal:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("aws_s3_bucket.b[\"\\u001b[31mred\"]"),
        "{}",
        run.stdout
    );

    // With colours on (a terminal), tfscan's own escapes remain and the file's do not.
    let report = tfscan::scan(&tfscan::Options {
        path: dir.path().to_path_buf(),
        ..Default::default()
    })
    .expect("scan");
    let mut out = Vec::new();
    tfscan::report::human::render(&report, true, &mut out).expect("render");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.contains("\u{1b}["), "colours are on");
    for bad in ["\u{1b}]0;", "\u{1b}[2J", "\u{1b}[1A", "\u{202e}", "\r"] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
}

#[test]
fn thousands_of_parse_errors_are_each_reported() {
    let mut files: Vec<(String, String)> = (0..3000)
        .map(|i| {
            (
                format!("broken{i:04}.tf"),
                format!("resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = [\n}}\n"),
            )
        })
        .collect();
    files.push(("sg.tf".into(), OPEN_SSH.into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = dir_with(&files);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1));
    let errs = errors(&r);
    assert_eq!(errs.len(), 3000);
    for (i, e) in errs.iter().enumerate() {
        assert_eq!(
            (e.0.as_str(), e.1.as_str(), e.2),
            ("parse", format!("broken{i:04}.tf").as_str(), 3),
            "{e:?}"
        );
    }
    assert_eq!(r["summary"]["findings"], 1);
}

#[test]
fn a_read_of_etc_passwd_is_refused_and_nothing_of_it_reaches_any_format() {
    use std::os::unix::fs::symlink;
    let tf = "resource \"aws_security_group\" \"leak\" {\n  description = file(\"/etc/passwd\")\n}\n\
              resource \"aws_security_group\" \"rel\" {\n  description = file(\"../../../../../../../../etc/passwd\")\n}\n\
              resource \"aws_security_group\" \"tpl\" {\n  description = templatefile(\"/etc/passwd\", {})\n}\n\
              resource \"aws_security_group\" \"link\" {\n  description = file(\"passwd.txt\")\n}\n\
              resource \"aws_security_group\" \"tried\" {\n  description = try(file(\"/etc/passwd\"), \"fallback\")\n}\n\
              module \"outside\" {\n  source = \"../../../../../../../../etc\"\n}\n";
    let dir = dir_with(&[("main.tf", tf), ("sg.tf", OPEN_SSH)]);
    symlink("/etc/passwd", dir.path().join("passwd.txt")).expect("a link to /etc/passwd");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_else(|_| "root:x:0:0".into());
    let first_line = passwd.lines().next().unwrap_or("root:x:0:0").to_string();
    let out_dir = tempfile::tempdir().expect("a temporary directory");
    let outputs: Vec<String> = ["json", "sarif", "junit", "human"]
        .iter()
        .map(|f| format!("{f}={}", out_dir.path().join(f).display()))
        .collect();
    let mut args = vec!["scan".to_string()];
    for o in &outputs {
        args.push("--output".into());
        args.push(o.clone());
    }
    args.push(dir.path().display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = tfscan(&args);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for f in ["json", "sarif", "junit", "human"] {
        let text = std::fs::read_to_string(out_dir.path().join(f)).expect("report written");
        assert!(!text.contains(&first_line), "{f} leaks /etc/passwd");
        assert!(
            !text.contains("root:x:0:0")
                && !text.contains("/bin/bash")
                && !text.contains("/usr/sbin/nologin"),
            "{f} leaks /etc/passwd"
        );
    }
    assert!(!run.stdout.contains(&first_line) && !run.stderr.contains(&first_line));
    let r: Json =
        serde_json::from_str(&std::fs::read_to_string(out_dir.path().join("json")).expect("json"))
            .expect("JSON");
    let refused = "refusing to read \"/etc/passwd\": it is outside the scanned directory";
    let errs = errors(&r);
    assert_eq!(
        errs.iter().filter(|e| e.0 == "read").count(),
        6,
        "{errs:#?}"
    );
    assert!(
        errs.contains(&error(
            "read",
            "main.tf",
            17,
            3,
            "module.outside: refusing to read \"../../../../../../../../etc\": it is outside the scanned directory; its outputs are unknown"
        )),
        "{errs:#?}"
    );
    assert!(
        errs.contains(&error(
            "read",
            "main.tf",
            2,
            17,
            &format!("file(): {refused}")
        )),
        "{errs:#?}"
    );
    assert!(
        errs.contains(&error(
            "read",
            "main.tf",
            8,
            17,
            &format!("templatefile(): {refused}")
        )),
        "{errs:#?}"
    );
    assert!(
        errs.contains(&error(
            "read",
            "main.tf",
            11,
            17,
            "file(): refusing to read \"passwd.txt\": it is outside the scanned directory"
        )),
        "{errs:#?}"
    );
    assert!(
        errs.contains(&error(
            "read",
            "main.tf",
            14,
            21,
            &format!("file(): {refused}")
        )),
        "try() does not hide a refused read: {errs:#?}"
    );
}

#[test]
fn a_panic_becomes_an_error_report_and_exit_3() {
    let run = tfscan_env(&["scan", "."], &[("TFSCAN_DEBUG_PANIC", "1")]);
    assert_eq!(run.code, Some(3));
    assert!(
        run.stderr
            .starts_with("tfscan: internal error at src/main.rs:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "TFSCAN_DEBUG_PANIC is set\ntfscan: the scan did not finish; please report this"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("RUST_BACKTRACE"),
        "no crash dump: {}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn limits_come_from_the_config_file_too_and_bad_values_are_usage_errors() {
    let dir = dir_with(&[
        (
            "main.tf",
            "resource \"aws_security_group\" \"many\" {\n  count       = 20\n  description = \"x\"\n}\n",
        ),
        (".tfscan.toml", "max-instances-per-resource = 5\n"),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(3));
    assert_eq!(
        errors(&r),
        vec![error(
            "limit",
            "main.tf",
            2,
            17,
            "count of aws_security_group.many is 20, over the limit of 5 instances; only the first 5 are scanned"
        )]
    );
    let (_, r) = scan_json(dir.path(), &["--max-instances-per-resource", "7"]);
    assert_eq!(r["summary"]["resources"], 7, "the flag wins over the file");

    std::fs::write(dir.path().join(".tfscan.toml"), "timeout = -1\n").expect("write");
    let run = tfscan(&["scan", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains(".tfscan.toml:1:11: expected a whole number above 0, found -1"),
        "{}",
        run.stderr
    );
    let run = tfscan(&[
        "scan",
        "--max-module-depth",
        "0",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, Some(2));
}

#[test]
fn a_timeout_that_has_run_out_reports_what_was_not_scanned() {
    let dir = dir_with(&[("main.tf", OPEN_SSH), ("modules/x/main.tf", CLEAN_SG)]);
    let mut opts = tfscan::Options {
        path: dir.path().to_path_buf(),
        ..Default::default()
    };
    opts.eval.limits.deadline = Some(Instant::now());
    let report = tfscan::scan(&opts).expect("scan");
    let messages: Vec<(tfscan::diag::DiagKind, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.message.as_str()))
        .collect();
    let checks = tfscan::catalog(&tfscan::Options::default())
        .expect("catalogue")
        .checks()
        .len();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages.contains(&(
        tfscan::diag::DiagKind::Limit,
        "--timeout reached: root module '.' was not evaluated"
    )));
    assert!(messages.contains(&(
        tfscan::diag::DiagKind::Limit,
        "--timeout reached: root module 'modules/x' was not evaluated"
    )));
    let not_run = format!("--timeout reached: {checks} of {checks} checks were not run: ");
    assert!(
        messages
            .iter()
            .any(|(k, m)| *k == tfscan::diag::DiagKind::Limit && m.starts_with(&not_run)),
        "{messages:#?}"
    );
    assert!(report.findings.is_empty() && report.incomplete());

    // From the command line, on a tree that takes far longer than a second to scan
    // (400,000 instances; the deadline is checked before each declaration).
    let mut many = String::new();
    for i in 0..40 {
        many.push_str(&format!("resource \"aws_security_group\" \"many{i}\" {{\n  count       = 10000\n  description = \"x\"\n}}\n"));
    }
    let dir = dir_with(&[("main.tf", many.as_str())]);
    let (run, r) = scan_json(dir.path(), &["--timeout", "1"]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let errs = errors(&r);
    assert!(
        !errs.is_empty()
            && errs
                .iter()
                .all(|e| e.0 == "limit" && e.4.starts_with("--timeout reached: ")),
        "{errs:#?}"
    );
}

/// Makes a named pipe at `path`: opening it for reading waits for a writer that never
/// comes.
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.display().to_string()).expect("no NUL in the path");
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// A sparse file of `len` bytes: it takes no disk, and reading it whole would take `len`
/// bytes of memory.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path)
        .and_then(|f| f.set_len(len))
        .expect("a sparse file");
}

/// Class 14 of issue 19: a named pipe, a device or an enormous sparse file wherever the
/// scan reads a file — tfvars found in the tree, `--var-file`, the configuration, a plan,
/// a baseline, a template, a check file, `.terraform/modules/modules.json` — is refused
/// with what it is, never read: no hang, no memory eaten, the rest scanned.
#[test]
fn pipes_devices_and_enormous_files_are_refused_wherever_a_file_is_read() {
    let dir = dir_with(&[
        ("sg.tf", OPEN_SSH),
        (
            "tpl.tf",
            "resource \"aws_security_group\" \"tpl\" {\n  description = templatefile(\"pipe.tpl\", {})\n}\n",
        ),
    ]);
    mkfifo(&dir.path().join("ci.auto.tfvars"));
    mkfifo(&dir.path().join("pipe.tpl"));
    std::fs::create_dir_all(dir.path().join(".terraform/modules")).expect("dirs");
    mkfifo(&dir.path().join(".terraform/modules/modules.json"));
    let pipe = dir.path().join("pipe.tfvars");
    mkfifo(&pipe);
    let pipe = pipe.display().to_string();
    let (run, r) = scan_json(
        dir.path(),
        &["--var-file", &pipe, "--var-file", "/dev/zero"],
    );
    assert_eq!(
        run.code,
        Some(1),
        "the open port is still found: {}",
        run.stderr
    );
    assert_eq!(
        finding_addresses(&r),
        vec!["aws_security_group.ssh", "aws_security_group.tpl"]
    );
    assert_eq!(
        errors(&r),
        vec![
            error(
                "read",
                "ci.auto.tfvars",
                1,
                1,
                "not scanned: not a regular file"
            ),
            error(
                "read",
                "tpl.tf",
                2,
                17,
                "templatefile(): failed to read pipe.tpl: it is a named pipe, not a regular file"
            ),
            error(
                "read",
                "pipe.tfvars",
                1,
                1,
                "not scanned: it is a named pipe, not a regular file"
            ),
            error(
                "read",
                "/dev/zero",
                1,
                1,
                "not scanned: it is a device, not a regular file"
            ),
        ]
    );

    // Files read before the scan: the configuration, a plan and a baseline.
    let dir = dir_with(&[("sg.tf", OPEN_SSH)]);
    let path = dir.path().display().to_string();
    sparse(&dir.path().join(".tfscan.toml"), 4 << 30);
    let run = tfscan(&["scan", &path]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains(".tfscan.toml: it is 4294967296 bytes, over the 1048576-byte limit"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(dir.path().join(".tfscan.toml")).expect("remove");
    mkfifo(&dir.path().join(".tfscan.toml"));
    let run = tfscan(&["scan", &path]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains(".tfscan.toml: it is a named pipe, not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(dir.path().join(".tfscan.toml")).expect("remove");

    let plan = dir.path().join("plan.json");
    sparse(&plan, 3 << 30);
    let plan = plan.display().to_string();
    let run = tfscan(&["scan", "--plan", &plan, &path]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains(&format!(
            "cannot read plan {plan}: it is 3221225472 bytes, over the 268435456-byte limit"
        )),
        "{}",
        run.stderr
    );
    let run = tfscan(&[
        "scan",
        "--plan",
        &plan,
        "--max-plan-size",
        "4000000000",
        &path,
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is not JSON"), "{}", run.stderr);
    let run = tfscan(&["scan", "--baseline", "/dev/zero", &path]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("cannot read the baseline /dev/zero: it is a device, not a regular file"),
        "{}",
        run.stderr
    );

    // A check file that is a pipe, and a checks directory that links to itself.
    let checks = dir.path().join("policies");
    std::fs::create_dir_all(&checks).expect("dirs");
    mkfifo(&checks.join("pipe.toml"));
    std::os::unix::fs::symlink(&checks, checks.join("loop")).expect("a link loop");
    let run = tfscan(&["checks", "--checks-dir", &checks.display().to_string()]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        format!(
            "tfscan: {}: it is a named pipe, not a regular file\n",
            checks.join("pipe.toml").display()
        )
    );
}

/// Class 1 of issue 19: a `.tfscan.toml` in the scanned tree is the tree's, not the
/// user's. The files it names — var files, checks directories, the baseline, outputs —
/// must lie inside the tree once symlinks are resolved, or the scan stops with an error
/// naming the setting (exit 2) and nothing of the file outside is read; it may not raise a
/// limit. The same settings on the command line are the user's and are followed.
#[test]
fn a_config_file_in_the_tree_names_files_only_inside_it() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("a temporary directory");
    let outside_vars = outside.path().join("prod.tfvars");
    std::fs::write(&outside_vars, "region = \"eu-west-1\"\n").expect("write");
    let dir = dir_with(&[
        ("sg.tf", OPEN_SSH),
        (
            "vars.tf",
            "variable \"region\" {\n  default = \"us-east-1\"\n}\nresource \"aws_security_group\" \"region\" {\n  description = var.region\n}\n",
        ),
        ("inside.tfvars", "region = \"eu-central-1\"\n"),
    ]);
    symlink("/etc/passwd", dir.path().join("passwd.tfvars")).expect("a link out");
    symlink(outside.path(), dir.path().join("elsewhere")).expect("a link out");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_else(|_| "root:x:0:0".into());
    let first_line = passwd.lines().next().unwrap_or("root:x:0:0").to_string();
    let path = dir.path().display().to_string();
    let config = dir.path().join(".tfscan.toml");
    let cases = [
        ("var-file = [\"/etc/passwd\"]\n", "`var-file`: /etc/passwd"),
        (
            "var-file = [\"passwd.tfvars\"]\n",
            &format!("`var-file`: {path}/passwd.tfvars"),
        ),
        (
            "var-file = [\"elsewhere/prod.tfvars\"]\n",
            &format!("`var-file`: {path}/elsewhere/prod.tfvars"),
        ),
        ("checks-dir = [\"/etc\"]\n", "`checks-dir`: /etc"),
        ("baseline = \"/etc/passwd\"\n", "`baseline`: /etc/passwd"),
        (
            "output = [\"json=../out.json\"]\n",
            &format!("`output`: {path}/../out.json"),
        ),
        (
            "output = [\"sarif=elsewhere/out.sarif\"]\n",
            &format!("`output`: {path}/elsewhere/out.sarif"),
        ),
    ];
    for (text, named) in cases {
        std::fs::write(&config, text).expect("write the config");
        let run = tfscan(&["scan", &path]);
        assert_eq!(run.code, Some(2), "{text}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "tfscan: {}: {named}: it is outside the scanned tree; a configuration file inside the scanned tree may name only files inside it\n",
                config.display()
            ),
            "{text}"
        );
        assert!(run.stdout.is_empty() && !run.stderr.contains(&first_line));
    }
    assert!(!outside.path().join("out.sarif").exists());
    assert!(!dir.path().join("../out.json").exists());

    // The configuration itself may not lead out of the tree.
    std::fs::remove_file(&config).expect("remove");
    symlink("/etc/passwd", &config).expect("a link out");
    let run = tfscan(&["scan", &path]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        format!(
            "tfscan: cannot read the configuration {}: it is outside the scanned tree\n",
            config.display()
        )
    );
    std::fs::remove_file(&config).expect("remove");

    // It may not raise a limit, only lower it.
    std::fs::write(&config, "max-file-size = 99999999999\n").expect("write");
    let run = tfscan(&["scan", &path]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("`max-file-size`: 99999999999 is above the default of 67108864; a configuration file inside the scanned tree may lower a limit but not raise it (use --max-file-size on the command line)"),
        "{}",
        run.stderr
    );

    // Inside the tree, the settings are followed, and their paths named from the root. (The
    // link `elsewhere` out of the tree is reported, so every scan below is incomplete.)
    let out = dir.path().join("reports/tfscan.json");
    std::fs::create_dir_all(out.parent().expect("a parent")).expect("dirs");
    std::fs::write(
        &config,
        "var-file = [\"inside.tfvars\"]\noutput = [\"json=reports/tfscan.json\"]\nfail-on = \"none\"\n",
    )
    .expect("write");
    let run = tfscan(&["model", &path]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(run.stdout.contains("\"eu-central-1\""), "{}", run.stdout);
    let run = tfscan(&["scan", "--format", "json", &path]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let written = std::fs::read_to_string(&out).expect("the output inside the tree");
    assert_eq!(written, run.stdout);

    // The command line is the user's: a var file outside the tree is read.
    let (run, r) = scan_json(
        dir.path(),
        &["--var-file", &outside_vars.display().to_string()],
    );
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert_eq!(
        errors(&r),
        vec![error(
            "read",
            "elsewhere",
            1,
            1,
            "not scanned: a symlink to a path outside the scanned directory"
        )]
    );
    // And a --config file outside the tree is the user's too.
    let user_config = outside.path().join("tfscan.toml");
    std::fs::write(
        &user_config,
        "var-file = [\"prod.tfvars\"]\nmax-file-size = 99999999999\n",
    )
    .expect("write");
    let run = tfscan(&[
        "scan",
        "--config",
        &user_config.display().to_string(),
        "--fail-on",
        "none",
        &path,
    ]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
}

/// Class 12 of issue 19: a read refused inside a template — `templatefile` of a template
/// that calls `file("/etc/passwd")`, or of a template linked out of the tree — is
/// reported under `try()` and `can()` as everywhere, and what depends on it is undecided,
/// never the fallback.
#[test]
fn a_refused_read_inside_a_template_is_reported_under_try_and_can() {
    use std::os::unix::fs::symlink;
    let tf = "resource \"aws_security_group\" \"tried\" {\n  description = try(templatefile(\"reads.tpl\", {}), \"fallback\")\n}\n\
              resource \"aws_security_group\" \"can\" {\n  description = can(templatefile(\"reads.tpl\", {})) ? \"yes\" : \"no\"\n}\n\
              resource \"aws_security_group\" \"linked\" {\n  description = try(templatefile(\"linked.tpl\", {}), \"fallback\")\n}\n\
              resource \"aws_security_group\" \"broken\" {\n  description = try(templatefile(\"broken.tpl\", {}), \"fallback\")\n}\n";
    let dir = dir_with(&[
        ("main.tf", tf),
        ("reads.tpl", "${file(\"/etc/passwd\")}"),
        ("broken.tpl", "${nosuchfunction_x(}"),
    ]);
    symlink("/etc/passwd", dir.path().join("linked.tpl")).expect("a link out");
    let run = tfscan(&["model", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(!run.stdout.contains("root:x:0"), "nothing of /etc/passwd");
    let model: Json = serde_json::from_str(&run.stdout).expect("JSON");
    let description = |address: &str| {
        model["instances"]
            .as_array()
            .expect("instances")
            .iter()
            .find(|i| i["address"] == address)
            .map(|i| i["values"]["description"].clone())
            .unwrap_or_else(|| panic!("{address} is in the model"))
    };
    let refused = "templatefile(): file(): refusing to read \"/etc/passwd\": it is outside the scanned directory";
    assert_eq!(
        description("aws_security_group.tried")["$unknown"],
        format!("evaluation failed: {refused}")
    );
    assert_eq!(
        description("aws_security_group.can")["$unknown"],
        format!("evaluation failed: {refused}")
    );
    assert_eq!(
        description("aws_security_group.linked")["$unknown"],
        "evaluation failed: templatefile(): refusing to read \"linked.tpl\": it is outside the scanned directory"
    );
    assert_eq!(
        description("aws_security_group.broken"),
        "fallback",
        "an invalid template is an error try() passes over, as in Terraform"
    );
    let (_, r) = scan_json(dir.path(), &["--fail-on", "none"]);
    let reads: Vec<(u64, String)> = errors(&r)
        .into_iter()
        .filter(|e| e.0 == "read")
        .map(|e| (e.2, e.4))
        .collect();
    assert_eq!(
        reads,
        vec![
            (2, refused.to_string()),
            (5, refused.to_string()),
            (
                8,
                "templatefile(): refusing to read \"linked.tpl\": it is outside the scanned directory"
                    .to_string()
            ),
        ]
    );
}

/// Characters a terminal acts on, or that break a line for some readers.
const TERMINAL_HOSTILE: [char; 9] = [
    '\u{1b}', '\u{7}', '\u{8}', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{2066}',
];

fn assert_terminal_safe(what: &str, text: &str) {
    for c in TERMINAL_HOSTILE {
        assert!(
            !text.contains(c),
            "{what}: {c:?} reached the terminal:\n{text}"
        );
    }
}

/// Class 8 of issue 19: escape sequences in resource names, tags, check files and
/// configuration keys reach no terminal — not through `exposure`, `explain`, `checks`
/// or the messages on stderr — and a name cannot forge a line.
#[test]
fn escapes_from_the_tree_reach_no_terminal_in_any_command() {
    let evil = "\\u001b]0;owned\\u0007\\u001b[2J\\r\\u0085\\u2028\\u202e\\nFORGED LINE";
    let public = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("terraform-samples/aws-vpc-resource-internet-reachable/fail/public_instance.tf"),
    )
    .expect("the public instance sample");
    let sg = public
        .replace("name   = \"a-ssh\"", &format!("name   = \"{evil}\""))
        .replace(
            "resource \"aws_instance\" \"a\" {",
            &format!("resource \"aws_instance\" \"a\" {{\n  for_each = toset([\"{evil}\"])"),
        );
    let check = "id = \"aws-x-evil\"\ntitle = \"Title \\u001b]8;;http://evil\\u0007link\"\n\
                 severity = \"low\"\narea = \"network\"\nresources = [\"aws_vpc\"]\n\
                 description = \"\"\"\nLine one\\u001b[1A\\r\\u202e\n\"\"\"\nremediation = \"x\"\n\
                 [[require]]\nattribute = \"cidr_block\"\npresent = true\nmessage = \"m\"\n";
    let dir = dir_with(&[("sg.tf", sg.as_str()), ("policies/x.toml", check)]);
    let path = dir.path().display().to_string();

    let run = tfscan(&["exposure", &path]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("exposure", &run.stdout);
    assert!(
        run.stdout.contains(
            "aws_instance.a[\"\\u001b]0;owned\\u0007\\u001b[2J\\r\\u{85}\\u{2028}\\u{202e}\\nFORGED LINE\"]"
        ),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.lines().any(|l| l.starts_with("FORGED")),
        "{}",
        run.stdout
    );
    for format in ["mermaid", "dot"] {
        let run = tfscan(&["exposure", "--format", format, &path]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_terminal_safe(format, &run.stdout);
    }

    let checks = dir.path().join("policies").display().to_string();
    let run = tfscan(&["checks", "--checks-dir", &checks]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("checks", &run.stdout);
    assert!(
        run.stdout
            .contains("Title \\u{1b}]8;;http://evil\\u{7}link"),
        "{}",
        run.stdout
    );
    let run = tfscan(&["explain", "--checks-dir", &checks, "aws-x-evil"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("explain", &run.stdout);
    assert!(
        run.stdout.contains("Line one\\u{1b}[1A\\r\\u{202e}\n"),
        "{}",
        run.stdout
    );

    std::fs::write(
        dir.path().join(".tfscan.toml"),
        "\"\\u001b]0;owned\\u0007\" = 1\n",
    )
    .expect("write");
    let run = tfscan(&["scan", &path]);
    assert_eq!(run.code, Some(2));
    assert_terminal_safe("stderr", &run.stderr);
    assert!(
        run.stderr.contains("unknown field `\\u{1b}]0;owned\\u{7}`"),
        "{}",
        run.stderr
    );
}

/// Class 10 of issue 19: only `\n` ends a line, as Terraform, editors and LSP count them;
/// the human report's line numbers after a U+2028, U+2029, NEL, VT or FF (in a module file
/// or a tfvars file) are the JSON report's.
#[test]
fn line_numbers_after_unicode_separators_agree_in_every_format() {
    let sg = format!("# one\u{2028}two\u{2029}three\u{85}four\u{b}five\u{c}six\n{OPEN_SSH}");
    let tfvars = "# a\u{2028}b\u{2029}c\u{85}d\nx = [\n";
    let dir = dir_with(&[
        ("sg.tf", sg.as_str()),
        ("vars.tf", "variable \"x\" {\n  default = []\n}\n"),
        ("terraform.tfvars", tfvars),
    ]);
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let at = &r["findings"][0]["location"]["start"];
    assert_eq!(
        (at["line"].as_u64(), at["column"].as_u64()),
        (Some(9), Some(20))
    );
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let (file, line, column) = (&errs[0].1, errs[0].2, errs[0].3);
    assert_eq!((file.as_str(), line), ("terraform.tfvars", 2));

    let run = tfscan(&["scan", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(1));
    assert_terminal_safe("human", &run.stdout);
    assert!(run.stdout.contains("sg.tf:9:20"), "{}", run.stdout);
    assert!(run.stdout.contains(" 9 │"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("{file}:{line}:{column}")),
        "{}",
        run.stdout
    );
}

/// A secret given with `--var`, `TF_VAR_` or a `--var-file` outside the tree is the user's:
/// it is not reported as written in the repository, and the provenance says where it came
/// from. The same value in the tree's own tfvars is written in the repository.
#[test]
fn secrets_set_from_outside_the_tree_are_not_reported_as_written_in_it() {
    const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    let lambda = "variable \"api_key\" {\n  type = string\n}\n\
                  variable \"keys\" {\n  type = map(string)\n  default = {}\n}\n\
                  resource \"aws_lambda_function\" \"app\" {\n  function_name = \"app\"\n  role = \"arn:aws:iam::111122223333:role/app\"\n\
                  filename = \"app.zip\"\n  handler = \"index.handler\"\n  runtime = \"nodejs22.x\"\n\
                  environment {\n    variables = merge({ GITHUB_TOKEN = var.api_key }, var.keys)\n  }\n}\n";
    let dir = dir_with(&[("main.tf", lambda)]);
    let outside = tempfile::tempdir().expect("a temporary directory");
    let outside_vars = outside.path().join("secrets.tfvars");
    std::fs::write(&outside_vars, format!("api_key = \"{TOKEN}\"\n")).expect("write");
    let secrets = |r: &Json| -> Vec<String> {
        r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["check_id"] == "aws-lambda-function-environment-secrets")
            .map(|f| f["message"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let path = dir.path().display().to_string();
    let scan = |args: &[&str], env: &[(&str, &str)]| -> Json {
        let mut all = vec!["scan", "--format", "json", "--fail-on", "none"];
        all.extend_from_slice(args);
        all.push(&path);
        let run = tfscan_env(&all, env);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        serde_json::from_str(&run.stdout).expect("JSON")
    };
    let var = format!("api_key={TOKEN}");
    let keys = format!("keys={{ OTHER_TOKEN = \"{TOKEN}\" }}");
    for r in [
        scan(&["--var", &var], &[]),
        scan(&["--var", "api_key=x", "--var", &keys], &[]),
        scan(&[], &[("TF_VAR_api_key", TOKEN)]),
        scan(&["--var-file", &outside_vars.display().to_string()], &[]),
    ] {
        assert_eq!(secrets(&r), Vec::<String>::new());
    }
    let r = scan(&["--var", &var], &[]);
    assert!(!r.to_string().contains(TOKEN), "the value is not printed");

    // Written in the tree, it is the repository's.
    std::fs::write(
        dir.path().join("terraform.tfvars"),
        format!("api_key = \"{TOKEN}\"\n"),
    )
    .expect("write");
    let r = scan(&[], &[]);
    assert_eq!(secrets(&r).len(), 1, "{:?}", secrets(&r));
}

/// Class 11 of issue 19 (in part): input Terraform accepts is accepted — a byte-order mark
/// at the start of a tfvars or configuration file is skipped (positions count from after
/// it, as editors show them), a JSON surrogate pair is decoded, and a broken pair is a
/// clear error.
#[test]
fn a_byte_order_mark_and_json_surrogate_pairs_are_valid_input() {
    let dir = dir_with(&[
        (
            "main.tf",
            "\u{feff}variable \"a\" {}\nvariable \"b\" {}\nresource \"aws_security_group\" \"x\" {\n  description = \"${var.a} ${var.b}\"\n}\n",
        ),
        ("terraform.tfvars", "\u{feff}a = \"bom\"\n"),
        ("b.auto.tfvars.json", "{\"b\": \"\\ud83d\\ude00\"}"),
    ]);
    let run = tfscan(&["model", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let model: Json = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        model["instances"][0]["values"]["description"],
        "bom \u{1f600}"
    );
    std::fs::write(
        dir.path().join("b.auto.tfvars.json"),
        "{\"b\": \"\\ud83d\"}",
    )
    .expect("write");
    let (_, r) = scan_json(dir.path(), &["--fail-on", "none"]);
    assert_eq!(
        errors(&r),
        vec![error(
            "parse",
            "b.auto.tfvars.json",
            1,
            14,
            "invalid JSON: unexpected end of hex escape at line 1 column 14"
        )]
    );
}

/// Class 5 of issue 19: the depth limits are safe at the highest values the flags accept
/// (each root is evaluated on a stack sized for them), a value above that is a usage
/// error, and JSON nested 100 levels deep — in `jsondecode`, a tfvars file or a plan —
/// is read without overflowing anything.
#[test]
fn the_highest_depth_limits_and_deep_json_never_overflow_the_stack() {
    let splats = format!(
        "locals {{\n  y = [1]\n  x = local.y{}\n}}\nresource \"aws_s3_bucket\" \"b\" {{\n  bucket = local.x\n}}\n",
        "[*]".repeat(100_000)
    );
    let chain: String = (0..20_000)
        .map(|i| format!("  l{i} = local.l{}\n", i + 1))
        .collect();
    let locals = format!(
        "locals {{\n{chain}  l20000 = \"x\"\n}}\nresource \"aws_s3_bucket\" \"b\" {{\n  bucket = local.l0\n}}\n"
    );
    let highest = [
        "--max-expression-depth",
        "10000",
        "--max-module-depth",
        "1000",
        "--fail-on",
        "none",
    ];
    for (name, text) in [("splats.tf", &splats), ("locals.tf", &locals)] {
        let dir = dir_with(&[(name, text.as_str()), ("ok.tf", CLEAN_SG)]);
        let (run, r) = scan_json(dir.path(), &highest);
        assert_eq!(run.code, Some(3), "{name}: {}", run.stderr);
        let errs = errors(&r);
        assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
        assert_eq!(
            (errs[0].0.as_str(), errs[0].4.as_str()),
            (
                "limit",
                "expression nesting deeper than 10000 levels; not evaluated"
            ),
            "{name}"
        );
        assert_eq!(r["summary"]["resources"], 2, "{name}: the rest is scanned");
    }

    // A chain of 1,000 modules, each passing its child's output up through 20 locals.
    let mut files = vec![(
        "main.tf".to_string(),
        "module \"next\" {\n  source = \"./m1\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = module.next.out\n}\n".to_string(),
    )];
    for i in 1..=1000 {
        let chain: String = (0..20)
            .map(|j| format!("  l{j} = local.l{}\n", j + 1))
            .collect();
        let last = if i < 1000 {
            format!(
                "  l20 = module.next.out\n}}\nmodule \"next\" {{\n  source = \"../m{}\"\n}}\n",
                i + 1
            )
        } else {
            "  l20 = \"deep\"\n}\n".to_string()
        };
        files.push((
            format!("m{i}/main.tf"),
            format!("locals {{\n{chain}{last}output \"out\" {{\n  value = local.l0\n}}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = dir_with(&files);
    let (run, r) = scan_json(dir.path(), &highest);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(errors(&r), vec![]);

    for (flag, value) in [
        ("--max-expression-depth", "10001"),
        ("--max-module-depth", "1001"),
    ] {
        let run = tfscan(&["scan", flag, value, &dir.path().display().to_string()]);
        assert_eq!(run.code, Some(2), "{flag}");
        assert!(run.stderr.contains("is not in 1.."), "{}", run.stderr);
    }
    std::fs::write(
        dir.path().join(".tfscan.toml"),
        "max-expression-depth = 10001\n",
    )
    .expect("write");
    let run = tfscan(&["scan", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains(".tfscan.toml:1:24: 10001 is above the highest accepted value, 10000"),
        "{}",
        run.stderr
    );

    // JSON 100 levels deep everywhere JSON is read.
    let deep = format!("{}\"deep\"{}", "{\"a\":".repeat(100), "}".repeat(100));
    let tf = format!(
        "variable \"v\" {{}}\nresource \"aws_security_group\" \"j\" {{\n  description = jsonencode(jsondecode({}))\n}}\nresource \"aws_security_group\" \"v\" {{\n  description = jsonencode(var.v)\n}}\n",
        serde_json::to_string(&deep).expect("a JSON string")
    );
    let dir = dir_with(&[
        ("main.tf", tf.as_str()),
        ("terraform.tfvars.json", &format!("{{\"v\": {deep}}}")),
    ]);
    let run = tfscan(&["model", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let model: Json = serde_json::from_str(&run.stdout).expect("JSON");
    for i in 0..2 {
        assert_eq!(model["instances"][i]["values"]["description"], deep);
    }
    let plan = format!(
        "{{\"format_version\":\"1.2\",\"planned_values\":{{\"root_module\":{{\"resources\":[{{\"address\":\"aws_security_group.p\",\"mode\":\"managed\",\"type\":\"aws_security_group\",\"name\":\"p\",\"values\":{{\"description\":\"x\",\"tags\":{deep}}}}}]}}}}}}"
    );
    std::fs::write(dir.path().join("plan.json"), plan).expect("write");
    let run = tfscan(&[
        "scan",
        "--format",
        "json",
        "--fail-on",
        "none",
        "--plan",
        &dir.path().join("plan.json").display().to_string(),
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let r: Json = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(errors(&r), vec![]);
}

/// Class 4 of issue 19: a function cut short by one of tfscan's bounds (a result over
/// 16 MiB from `join` or `format`, YAML or JSON nested deeper than 128 levels) is a limit:
/// reported at the call, never passed over by `try()`, the check that needed the value
/// undecided, and the scan incomplete (exit 3) with the other results kept.
#[test]
fn a_function_cut_by_a_bound_is_undecided_never_a_pass() {
    let rule = |name: &str, cidrs: &str| {
        format!(
            "resource \"aws_security_group\" \"{name}\" {{\n  description = \"SSH\"\n  ingress {{\n    description = \"SSH\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = {cidrs}\n  }}\n}}\n"
        )
    };
    let tf = [
        "locals {\n  parts = [for i in range(1000) : format(\"%020000d\", i)]\n  open  = join(\"\", [for i in range(200) : \"[\"])\n  close = join(\"\", [for i in range(200) : \"]\"])\n}\n".to_string(),
        rule("joined", "[try(join(\"\", local.parts), \"10.0.0.0/8\")]"),
        rule("formatted", "[try(format(\"%9999999s\", \"x\"), \"10.0.0.0/8\")]"),
        rule("yaml", "try(yamldecode(\"${local.open}${local.close}\"), [\"10.0.0.0/8\"])"),
        rule("json", "try(jsondecode(\"${local.open}${local.close}\"), [\"10.0.0.0/8\"])"),
    ]
    .concat();
    let dir = dir_with(&[("main.tf", tf.as_str()), ("sg.tf", OPEN_SSH)]);
    let (run, r) = scan_json(dir.path(), &["--fail-on", "none"]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let large = "the result would be larger than 16 MiB, tfscan's bound on one value";
    let deep = "the value nests deeper than 128 levels, tfscan's bound";
    let expected = [
        (13, format!("join(): {large}")),
        (
            23,
            "format(): a width or precision above 1,048,576, tfscan's bound on a format verb"
                .to_string(),
        ),
        (33, format!("yamldecode(): {deep}")),
        (43, format!("jsondecode(): {deep}")),
    ];
    assert_eq!(
        errors(&r)
            .into_iter()
            .map(|e| (e.0, e.1, e.2, e.4))
            .collect::<Vec<_>>(),
        expected
            .iter()
            .map(|(line, m)| ("limit".to_string(), "main.tf".to_string(), *line, m.clone()))
            .collect::<Vec<_>>()
    );
    let undecided: Vec<(&str, &str)> = r["unknown"]
        .as_array()
        .expect("unknown")
        .iter()
        .filter(|u| u["check_id"] == "aws-vpc-sg-admin-port-open-to-internet")
        .map(|u| {
            (
                u["resource"]["address"].as_str().unwrap_or(""),
                u["reason"].as_str().unwrap_or(""),
            )
        })
        .collect();
    for (name, (_, message)) in ["joined", "formatted", "yaml", "json"]
        .iter()
        .zip(&expected)
    {
        let address = format!("aws_security_group.{name}");
        let reason = format!("cidr_blocks: evaluation failed: {message}");
        assert!(
            undecided.contains(&(address.as_str(), reason.as_str())),
            "{address} is undecided: {undecided:#?}"
        );
    }
    let open: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["check_id"] == "aws-vpc-sg-admin-port-open-to-internet")
        .filter_map(|f| f["resource"]["address"].as_str())
        .collect();
    assert_eq!(open, vec!["aws_security_group.ssh"], "the rest is judged");
}

/// Class 2 of issue 19: values are bounded in logical size (elements, bytes, depth) where
/// they are kept under a name, and one root's attributes in total; each bound is reported
/// where it was hit, the value is undecided, and the rest of the scan is kept (exit 3).
#[test]
fn value_size_bombs_stop_at_the_value_bounds() {
    // A list doubled through 40 module outputs: 2^40 elements, stored in a few bytes.
    let mut main: String = (0..40)
        .map(|i| {
            let x = if i == 0 {
                "[\"a\"]".to_string()
            } else {
                format!("module.m{}.y", i - 1)
            };
            format!("module \"m{i}\" {{\n  source = \"./m\"\n  x      = {x}\n}}\n")
        })
        .collect();
    main.push_str(
        "resource \"aws_security_group\" \"doubled\" {\n  description = jsonencode(module.m39.y)\n}\n",
    );
    let module = "variable \"x\" {}\n\noutput \"y\" {\n  value = [var.x, var.x]\n}\n";
    // A list nested 300 levels through locals.
    let mut deep: String = (0..300)
        .map(|i| format!("  l{i} = [local.l{}]\n", i + 1))
        .collect();
    deep = format!(
        "locals {{\n{deep}  l300 = \"x\"\n}}\nresource \"aws_security_group\" \"deep\" {{\n  description = jsonencode(local.l0)\n}}\n"
    );
    // A megabyte tag on 2,000 instances: 2 GB of text for whatever reads tags.
    let tagged = "locals {\n  mb = join(\"\", [for i in range(1024) : format(\"%01024d\", i)])\n}\n\
                  resource \"aws_security_group\" \"tagged\" {\n  count       = 2000\n  description = \"x\"\n  tags        = { big = local.mb }\n}\n";
    // A template that includes itself twice: refused, as Terraform refuses it.
    let template = "%{ if n < 40 }${templatefile(\"t.tpl\", { n = n + 1 })}${templatefile(\"t.tpl\", { n = n + 1 })}%{ endif }x";
    let dir = dir_with(&[
        ("main.tf", main.as_str()),
        ("m/main.tf", module),
        ("deep.tf", deep.as_str()),
        ("tagged.tf", tagged),
        (
            "template.tf",
            "resource \"aws_security_group\" \"template\" {\n  description = templatefile(\"t.tpl\", { n = 0 })\n}\n",
        ),
        ("t.tpl", template),
        ("sg.tf", OPEN_SSH),
    ]);
    // Deep enough for the locals to build 300 levels; the value bound stops them first.
    let (run, r) = scan_json(dir.path(), &["--max-expression-depth", "1000"]);
    assert_eq!(
        run.code,
        Some(1),
        "the open port is still found: {}",
        run.stderr
    );
    assert_eq!(
        errors(&r),
        vec![
            error(
                "limit",
                "deep.tf",
                45,
                9,
                "the value nests 257 levels deep, more than tfscan's bound of 256; it is undecided"
            ),
            error(
                "limit",
                "m/main.tf",
                4,
                11,
                "the value has 6291455 elements, more than tfscan's bound of 4194304 for one value; it is undecided"
            ),
            error(
                "limit",
                "tagged.tf",
                7,
                17,
                "the attributes of this root module hold more than 1073741824 bytes of text, tfscan's bound; this attribute and the rest are undecided"
            ),
            error(
                "evaluation",
                "template.tf",
                2,
                17,
                "templatefile(): failed to render t.tpl: templatefile(): cannot recursively call templatefile from inside another template function"
            ),
        ]
    );
    let (run, _) = scan_json(dir.path(), &["--fail-on", "none"]);
    assert_eq!(run.code, Some(3));
}

/// Class 3 of issue 19: the blocks a `dynamic` block makes count against the same limits
/// as instances — per block, and in the root's budget — inside `for_each` modules and
/// `count` resources alike, so `dynamic` × `count` × `for_each` cannot multiply past them.
#[test]
fn dynamic_blocks_count_against_the_instance_limits() {
    let module = "resource \"aws_instance\" \"x\" {\n  count = 10\n  ami   = \"ami-0123456789abcdef0\"\n  dynamic \"ebs_block_device\" {\n    for_each = range(1000)\n    content {\n      device_name = \"/dev/sd${ebs_block_device.value}\"\n      encrypted   = true\n    }\n  }\n}\n";
    let dir = dir_with(&[
        (
            "main.tf",
            "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"a\", \"b\", \"c\"])\n}\n",
        ),
        ("m/main.tf", module),
        ("sg.tf", OPEN_SSH),
    ]);
    let (run, r) = scan_json(
        dir.path(),
        &[
            "--max-instances-per-resource",
            "100",
            "--max-total-instances",
            "1000",
        ],
    );
    assert_eq!(
        run.code,
        Some(1),
        "the open port is still found: {}",
        run.stderr
    );
    assert_eq!(
        errors(&r),
        vec![
            // The budget runs out inside a dynamic block, then at the next instance.
            error(
                "limit",
                "m/main.tf",
                1,
                1,
                "more than 1000 resource, module and dynamic block instances in one root module; the rest are not scanned"
            ),
            error(
                "limit",
                "m/main.tf",
                4,
                3,
                "more than 1000 resource, module and dynamic block instances in one root module; the rest are not scanned"
            ),
            error(
                "limit",
                "m/main.tf",
                5,
                16,
                "for_each of dynamic \"ebs_block_device\" has 1000 elements, over the limit of 100; only the first 100 are scanned"
            ),
        ]
    );
    let run = tfscan(&[
        "model",
        "--max-instances-per-resource",
        "100",
        "--max-total-instances",
        "1000",
        &dir.path().display().to_string(),
    ]);
    let model: Json = serde_json::from_str(&run.stdout).expect("JSON");
    let blocks: usize = model["instances"]
        .as_array()
        .expect("instances")
        .iter()
        .filter_map(|i| i["values"]["ebs_block_device"].as_array())
        .map(Vec::len)
        .sum();
    let instances = model["instances"].as_array().expect("instances").len();
    assert!(
        blocks + instances <= 1000,
        "{blocks} blocks and {instances} instances within the budget"
    );
}

/// Class 9 of issue 19: a finding names its module path once — each call by its own name,
/// in `resource.module` and in the related locations of the calls — so the report grows
/// linearly with the module depth, not with its square.
#[test]
fn the_report_grows_linearly_with_the_module_depth() {
    let chain = |depth: usize| {
        let mut files = vec![(
            "main.tf".to_string(),
            "module \"next\" {\n  source = \"./m1\"\n  for_each = toset([\"a\", \"b\"])\n  cidr   = \"0.0.0.0/0\"\n}\n".to_string(),
        )];
        for i in 1..=depth {
            let body = if i < depth {
                format!(
                    "variable \"cidr\" {{}}\nmodule \"next\" {{\n  source = \"../m{}\"\n  cidr   = var.cidr\n}}\n",
                    i + 1
                )
            } else {
                format!(
                    "variable \"cidr\" {{}}\n{}",
                    OPEN_SSH.replace("\"0.0.0.0/0\"", "var.cidr")
                )
            };
            files.push((format!("m{i}/main.tf"), body));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let dir = dir_with(&files);
        let (run, r) = scan_json(dir.path(), &["--fail-on", "none"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        (run.stdout.len(), r)
    };
    let (small, _) = chain(10);
    let (large, r) = chain(40);
    let finding = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == "aws-vpc-sg-admin-port-open-to-internet")
        .expect("the open port is found at the bottom of the chain");
    let mut module = vec!["module.next[\"a\"]".to_string()];
    module.extend(std::iter::repeat_n("module.next".to_string(), 39));
    assert_eq!(finding["resource"]["module"], serde_json::json!(module));
    let calls: Vec<&str> = finding["related"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|l| l["message"].as_str())
        .filter(|m| m.starts_with("in "))
        .collect();
    assert_eq!(calls.len(), 40);
    assert!(
        calls
            .iter()
            .all(|m| m.len() <= "in module.next[\"a\"]".len()),
        "{calls:?}"
    );
    // Four times the depth: about four times the report, never sixteen.
    assert!(
        large < small * 5,
        "{small} bytes at depth 10, {large} at depth 40"
    );
}

/// Class 6 of issue 19: one expensive expression (`alltrue` over a billion elements) is
/// stopped by `--timeout` in the middle, at three quarters of it, and the checks still
/// judge everything else: the other root's open port is reported, the expensive part is
/// a limit at the expression.
#[test]
fn a_timeout_in_one_expensive_root_keeps_the_other_roots_results() {
    let slow = "resource \"aws_security_group\" \"slow\" {\n  description = alltrue([for i in range(1024) : alltrue([for j in range(1024) : alltrue([for k in range(1024) : i + j + k >= 0])])]) ? \"x\" : \"y\"\n}\n";
    let dir = dir_with(&[("a_fast/sg.tf", OPEN_SSH), ("z_slow/main.tf", slow)]);
    let (run, r) = scan_json(dir.path(), &["--timeout", "2"]);
    assert_eq!(run.code, Some(1), "the open port is found: {}", run.stderr);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        (
            errs[0].0.as_str(),
            errs[0].1.as_str(),
            errs[0].2,
            errs[0].4.as_str()
        ),
        (
            "limit",
            "z_slow/main.tf",
            2,
            "--timeout reached: this expression was not finished; its value is undecided"
        )
    );
    assert!(
        finding_addresses(&r).contains(&"aws_security_group.ssh"),
        "{:?}",
        finding_addresses(&r)
    );
    let (run, _) = scan_json(dir.path(), &["--timeout", "2", "--fail-on", "none"]);
    assert_eq!(run.code, Some(3));
}

/// A security group whose SSH rule is open to `cidr` (an expression), attached to an
/// interface: a finding when `cidr` is "0.0.0.0/0", undecided when it is unknown.
fn ssh_open_to(name: &str, cidr: &str) -> String {
    format!(
        r#"resource "aws_security_group" "{name}" {{
  description = "Bastion"
  ingress {{
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [{cidr}]
  }}
}}

resource "aws_network_interface" "{name}" {{
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.{name}.id]
}}
"#
    )
}

/// The report's undecided results as (check, address, reason).
fn undecided(report: &Json) -> Vec<(String, String, String)> {
    report["unknown"]
        .as_array()
        .expect("unknown")
        .iter()
        .map(|u| {
            (
                u["check_id"].as_str().unwrap_or("").to_string(),
                u["resource"]["address"].as_str().unwrap_or("").to_string(),
                u["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Scans `dir` (its open SSH rule and a security group whose CIDR reads a cycle) and
/// asserts the outcome of one cycle: the scan still fails on the open port; one `cycle`
/// error at `at` (file, line, column) naming `path`; the open port found; the cyclic
/// group's admin-port judgement undecided for a reason `reason_ok` accepts; and exit code
/// 3 (incomplete) once findings no longer fail the run.
fn assert_one_cycle(
    dir: &Path,
    at: (&str, u64, u64),
    path: &str,
    reason_ok: impl Fn(&str) -> bool,
) {
    let (file, line, column) = at;
    let (run, r) = scan_json(dir, &[]);
    assert_eq!(
        run.code,
        Some(1),
        "{path}: the open SSH port is still found"
    );
    assert_eq!(
        errors(&r),
        vec![error(
            "cycle",
            file,
            line,
            column,
            &format!("references form a cycle, which Terraform rejects: {path}")
        )],
        "{path}"
    );
    assert_eq!(
        finding_addresses(&r),
        vec!["aws_security_group.ssh"],
        "{path}"
    );
    let undecided = undecided(&r);
    assert_eq!(undecided.len(), 1, "{path}: {undecided:#?}");
    assert_eq!(
        (undecided[0].0.as_str(), undecided[0].1.as_str()),
        (
            "aws-vpc-sg-admin-port-open-to-internet",
            "aws_security_group.cyclic"
        ),
        "{path}"
    );
    assert!(reason_ok(&undecided[0].2), "{path}: {undecided:#?}");
    let (run, _) = scan_json(dir, &["--fail-on", "none"]);
    assert_eq!(run.code, Some(3), "{path}");
}

/// Class 13 of issue 19: a cycle through module outputs and inputs is reported with its
/// path, as Terraform reports it (`terraform validate` on each folder gives `Error:
/// Cycle:` with the same members): through a parent local, through a grandchild module,
/// and through a resource that feeds the module that feeds it. What depends on the cycle
/// is undecided, the rest of the scan is kept, and the scan is incomplete (exit 3).
#[test]
fn module_output_cycles_are_reported_with_their_path() {
    let pass_through = "variable \"y\" {}\noutput \"x\" { value = var.y }\n";
    // Each case: its files, and where the cycle is reported with its path.
    type Case<'s> = (Vec<(&'s str, String)>, (&'s str, u64, u64, &'s str));
    let cases: Vec<Case> = vec![
        (
            // Terraform: Cycle: local.l, module.a.var.y, module.a.output.x
            vec![
                (
                    "main.tf",
                    "module \"a\" {\n  source = \"./a\"\n  y      = local.l\n}\n\nlocals {\n  l = module.a.x\n}\n"
                        .to_string(),
                ),
                ("a/main.tf", pass_through.to_string()),
                ("sg.tf", ssh_open_to("cyclic", "local.l")),
            ],
            ("main.tf", 3, 12, "local.l, module.a.output.x, module.a.var.y"),
        ),
        (
            // Terraform: Cycle: module.a.output.x, module.a.var.y,
            // module.a.module.g.var.in, module.a.module.g.output.out
            vec![
                (
                    "main.tf",
                    "module \"a\" {\n  source = \"./a\"\n  y      = module.a.x\n}\n".to_string(),
                ),
                (
                    "a/main.tf",
                    "variable \"y\" {}\nmodule \"g\" {\n  source = \"./g\"\n  in     = var.y\n}\noutput \"x\" { value = module.g.out }\n"
                        .to_string(),
                ),
                (
                    "a/g/main.tf",
                    "variable \"in\" {}\noutput \"out\" { value = var.in }\n".to_string(),
                ),
                ("sg.tf", ssh_open_to("cyclic", "module.a.x")),
            ],
            (
                "a/main.tf",
                4,
                12,
                "module.a.var.y, module.a.output.x, module.a.module.g.output.out, module.a.module.g.var.in",
            ),
        ),
        (
            // Terraform: Cycle: module.a.output.x, aws_security_group.cyclic, module.a.var.y
            vec![
                (
                    "main.tf",
                    "module \"a\" {\n  source = \"./a\"\n  y      = aws_security_group.cyclic.description\n}\n"
                        .to_string(),
                ),
                ("a/main.tf", pass_through.to_string()),
                ("sg.tf", ssh_open_to("cyclic", "module.a.x")),
            ],
            (
                "main.tf",
                3,
                12,
                "aws_security_group.cyclic, module.a.output.x, module.a.var.y",
            ),
        ),
    ];
    for (files, (file, line, column, path)) in cases {
        let mut files = files;
        files.push(("open.tf", OPEN_SSH.to_string()));
        let dir = dir_with(&files);
        assert_one_cycle(dir.path(), (file, line, column), path, |reason| {
            reason.starts_with("cidr_blocks: module.a.var.y is part of a cycle")
        });
    }
}

/// Class 13 of issue 19, what is not a cycle: Terraform evaluates each module output
/// and input on its own, so an argument may read an output of the module it configures
/// when that output does not depend on it (`y = module.a.z`, with `x` reading `var.y`),
/// and a resource may feed a module whose output it reads when that output does not
/// read the input it feeds (`terraform validate` accepts both). Both are evaluated, and
/// the open port behind them is found.
#[test]
fn module_outputs_that_do_not_depend_on_the_input_they_feed_are_no_cycle() {
    let child = "variable \"y\" {}\nvariable \"w\" {\n  default = null\n}\noutput \"z\" { value = \"0.0.0.0/0\" }\noutput \"x\" { value = var.y }\n";
    for (main, sg) in [
        (
            "module \"a\" {\n  source = \"./a\"\n  y      = module.a.z\n}\n",
            ssh_open_to("through", "module.a.x"),
        ),
        (
            "module \"a\" {\n  source = \"./a\"\n  y      = aws_security_group.through.description\n}\n",
            ssh_open_to("through", "module.a.z"),
        ),
        // Finding out evaluates the arguments not started yet, which read a resource
        // of the same module not evaluated yet.
        (
            "module \"a\" {\n  source = \"./a\"\n  y      = aws_security_group.through.description\n  w      = terraform_data.other.input\n}\n",
            ssh_open_to("through", "module.a.z")
                + "resource \"terraform_data\" \"other\" {\n  input = \"other\"\n}\n",
        ),
    ] {
        let dir = dir_with(&[("main.tf", main), ("a/main.tf", child), ("sg.tf", &sg)]);
        let (run, r) = scan_json(dir.path(), &[]);
        assert_eq!(errors(&r), vec![], "{main}");
        assert_eq!(run.code, Some(1), "{main}");
        assert_eq!(
            finding_addresses(&r),
            vec!["aws_security_group.through"],
            "{main}"
        );
        assert_eq!(undecided(&r), vec![], "{main}");
    }
}

/// Class 13 of issue 19, through a call with `count` or `for_each`: an argument that
/// reads an output of an instance of its own call, where that output reads the
/// argument, is a cycle for Terraform (`terraform validate` 1.11.4: `Error: Cycle:
/// module.a.output.x (expand), module.a.var.y (expand)`), and so is a resource that
/// feeds the call and reads such an output (`Cycle: module.a.output.x (expand),
/// terraform_data.s, module.a.var.y (expand)`). Each is reported once with its path;
/// what depends on it is undecided, the rest of the scan is kept, exit 3.
#[test]
fn module_output_cycles_through_count_and_for_each_are_reported() {
    let child =
        "variable \"y\" {\n  default = \"a\"\n}\noutput \"x\" { value = \"0.0.0.0/${var.y}\" }\n";
    // Each case: the call, what the open security group reads, and the cycle's path.
    let cases = [
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 2\n  y      = module.a[0].x\n}\n",
            "module.a[1].x",
            "module.a[0].var.y, module.a[0].output.x",
        ),
        (
            "module \"a\" {\n  source   = \"./a\"\n  for_each = toset([\"k\", \"l\"])\n  y        = module.a[\"k\"].x\n}\n",
            "module.a[\"l\"].x",
            "module.a[\"k\"].var.y, module.a[\"k\"].output.x",
        ),
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 2\n  y      = aws_security_group.cyclic.name\n}\n",
            "module.a[1].x",
            "aws_security_group.cyclic, module.a.output.x, module.a[0].var.y",
        ),
    ];
    for (main, read, path) in cases {
        let sg = ssh_open_to("cyclic", read);
        let dir = dir_with(&[
            ("main.tf", main),
            ("a/main.tf", child),
            ("sg.tf", &sg),
            ("open.tf", OPEN_SSH),
        ]);
        let column = main.lines().nth(3).and_then(|l| l.find('=')).unwrap_or(0) as u64 + 3;
        assert_one_cycle(dir.path(), ("main.tf", 4, column), path, |reason| {
            reason.contains("is part of a cycle")
        });
    }
    // A `count` that reads its own call (`Error: Cycle: module.a.output.x (expand),
    // module.a (expand)`).
    let main = "module \"a\" {\n  source = \"./a\"\n  count  = length(module.a[0].x)\n}\n";
    let dir = dir_with(&[
        ("main.tf", main),
        ("a/main.tf", child),
        ("open.tf", OPEN_SSH),
    ]);
    let (run, r) = scan_json(dir.path(), &["--fail-on", "none"]);
    assert_eq!(run.code, Some(3));
    assert_eq!(
        errors(&r),
        vec![error(
            "cycle",
            "main.tf",
            3,
            19,
            "references form a cycle, which Terraform rejects: module.a, module.a.output.x"
        )]
    );
    assert_eq!(finding_addresses(&r), vec!["aws_security_group.ssh"]);
}

/// Class 13 of issue 19, what is not a cycle through `count` or `for_each`: an argument
/// may read an output of an instance of its own call, and a resource may feed the call
/// and read its output, when that output does not read the argument (`terraform
/// validate` accepts both; `terraform plan` gives `module.a[1].x` = `0.0.0.0/0`). The
/// output is evaluated with its real value, and the open port behind it is found, with
/// as many instances as a real configuration has.
#[test]
fn outputs_of_a_counted_module_that_do_not_depend_on_the_input_they_feed_are_no_cycle() {
    let child = "variable \"y\" {\n  default = \"a\"\n}\noutput \"z\" { value = \"0\" }\noutput \"x\" { value = \"0.0.0.0/${var.y}\" }\n";
    for (main, read) in [
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 2\n  y      = module.a[0].z\n}\n",
            "module.a[1].x",
        ),
        (
            "module \"a\" {\n  source   = \"./a\"\n  for_each = toset([\"k\", \"l\"])\n  y        = module.a[\"l\"].z\n}\n",
            "module.a[\"k\"].x",
        ),
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 2\n  y      = aws_security_group.through.name\n}\n",
            "\"0.0.0.0/${module.a[0].z}\"",
        ),
        // Many instances, each reading its own or all: one level of nesting each,
        // never the expression-depth limit (the limit is 200 levels).
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 500\n  y      = module.a[count.index].z\n}\n",
            "module.a[499].x",
        ),
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 500\n  y      = min(module.a[*].z...)\n}\n",
            "module.a[499].x",
        ),
        (
            "module \"a\" {\n  source = \"./a\"\n  count  = 500\n  y      = aws_security_group.through.name\n}\n",
            "\"0.0.0.0/${module.a[499].z}\"",
        ),
    ] {
        let sg = ssh_open_to("through", read);
        let dir = dir_with(&[("main.tf", main), ("a/main.tf", child), ("sg.tf", &sg)]);
        let (run, r) = scan_json(dir.path(), &[]);
        assert_eq!(errors(&r), vec![], "{main}");
        assert_eq!(run.code, Some(1), "{main}");
        assert_eq!(
            finding_addresses(&r),
            vec!["aws_security_group.through"],
            "{main}"
        );
        assert_eq!(undecided(&r), vec![], "{main}");
    }
}

/// The `values` of the model's instance `address`.
fn model_values(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Run, Json) {
    let dir = dir.display().to_string();
    let mut args = vec!["model"];
    args.extend_from_slice(extra);
    args.push(&dir);
    let run = tfscan_env(&args, env);
    let model: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is the model ({e}); stderr: {}", run.stderr));
    (run, model)
}

/// Class 11 of issue 19, numbers: Terraform's numbers are arbitrary precision, so `1e309`,
/// a 400-digit integer or 2^53 + 1 are valid wherever a number may be written (Terraform
/// 1.11 prints `1e309` as a 1 and 309 zeros, and `9007199254740993` as itself). tfscan
/// reads them all (no parse error) and, since an f64 would change them, makes each an
/// unknown that names it: in `.tf`, `.tf.json`, tfvars, `.tfvars.json`, `-var`, `TF_VAR_`,
/// a plan, string conversions and `jsondecode`/`yamldecode`. Numbers an f64 holds stay
/// numbers, a number-like string stays a string, and arithmetic that leaves an f64's
/// range or exact integers is unknown too.
#[test]
fn numbers_beyond_a_64_bit_float_are_read_and_undecided() {
    let digits400 = format!("1{}", "2".repeat(399));
    let beyond = |n: &str| {
        serde_json::json!({
            "$unknown": format!("the number {n} is beyond what tfscan computes exactly (a 64-bit float; Terraform keeps 512 bits), so what depends on it is undecided")
        })
    };
    let main = r#"variable "from_tfvars" {}
variable "from_json" {}
variable "from_env" {
  type = number
}
variable "from_cli" {
  type = list(number)
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags = {
    literal    = 1e309
    negative   = -1e309
    tiny       = 1e-400
    over_2_53  = 9007199254740993
    exact      = 9007199254740992
    small      = 0.25
    tfvars     = var.from_tfvars
    json       = var.from_json
    env        = var.from_env
    cli        = var.from_cli
    tonumber   = tonumber("1e309")
    jsondecode = jsondecode("[1e309, 2]")
    yamldecode = yamldecode("1e309")
    product    = 1e308 * 10
    sum        = 9007199254740992 + 1
    template   = "${1e309}"
  }
}
"#;
    let dir = dir_with(&[
        ("main.tf", main),
        (
            "terraform.tfvars",
            &format!("from_tfvars = [{digits400}, \"1e999\"]\n"),
        ),
        (
            "a.auto.tfvars.json",
            "{\"from_json\": [1e309, 9007199254740993, 1.5]}",
        ),
        (
            "more.tf.json",
            "{\"resource\": {\"aws_s3_bucket\": {\"j\": {\"bucket\": \"j\", \"tags\": {\"n\": 1e309}}}}}",
        ),
        ("sg.tf", OPEN_SSH),
    ]);
    let (run, model) = model_values(
        dir.path(),
        &["--var", "from_cli=[1, 1e309]"],
        &[("TF_VAR_from_env", "9007199254740993")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(model["errors"], serde_json::json!([]));
    let instance = |address: &str| {
        model["instances"]
            .as_array()
            .expect("instances")
            .iter()
            .find(|i| i["address"] == address)
            .unwrap_or_else(|| panic!("{address} in the model"))
    };
    let tags = &instance("aws_s3_bucket.b")["values"]["tags"];
    let shown400 = format!("1{}… (400 characters)", "2".repeat(23));
    let expected = serde_json::json!({
        "literal": beyond("1e309"),
        "negative": beyond("-1e309"),
        "tiny": beyond("1e-400"),
        "over_2_53": beyond("9007199254740993"),
        "exact": 9007199254740992_u64,
        "small": 0.25,
        "tfvars": [beyond(&shown400), "1e999"],
        "json": [beyond("1e309"), beyond("9007199254740993"), 1.5],
        "env": beyond("9007199254740993"),
        "cli": beyond("1e309"),
        "tonumber": beyond("1e309"),
        "jsondecode": [beyond("1e309"), 2],
        "yamldecode": beyond("1e309"),
        "product": {"$unknown": "the result of '*' is beyond what tfscan computes exactly (a 64-bit float; Terraform keeps 512 bits), so what depends on it is undecided"},
        "sum": {"$unknown": "the result of '+' is beyond what tfscan computes exactly (a 64-bit float; Terraform keeps 512 bits), so what depends on it is undecided"},
        "template": beyond("1e309"),
    });
    assert_eq!(tags, &expected);
    assert_eq!(
        instance("aws_s3_bucket.j")["values"]["tags"]["n"],
        beyond("1e309")
    );
    // The scan reads it all and still finds the open port.
    let (run, r) = scan_json(dir.path(), &[]);
    assert_eq!(errors(&r), vec![]);
    assert_eq!(run.code, Some(1));
    assert!(finding_addresses(&r).contains(&"aws_security_group.ssh"));
    // A number-like run in a string or a comment is never touched, and a real syntax
    // error after a refused number is reported where it is.
    std::fs::write(
        dir.path().join("terraform.tfvars"),
        format!("# 1e309 in a comment\nfrom_tfvars = [{digits400}, \"1e999\"\nbroken = \n"),
    )
    .expect("write");
    let (_, r) = scan_json(dir.path(), &["--fail-on", "none"]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        (errs[0].0.as_str(), errs[0].1.as_str(), errs[0].2),
        ("parse", "terraform.tfvars", 3)
    );
}

/// Class 11 of issue 19, numbers in a plan: a value Terraform planned that an f64 does not
/// hold (`1e309`) is read as an unknown; the plan is not refused as "out of range".
#[test]
fn a_plan_with_a_number_beyond_a_64_bit_float_is_read() {
    let fixture = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/plans/sensitive.plan.json");
    let text = std::fs::read_to_string(&fixture).expect("the fixture");
    let patched = text.replacen("\"values\": {", "\"values\": {\n\"tfscan_big\": 1e309,", 1);
    assert_ne!(text, patched);
    let dir = dir_with(&[("plan.json", patched)]);
    let plain = tfscan(&["scan", "--format", "json", &fixture.display().to_string()]);
    let big = tfscan(&[
        "scan",
        "--format",
        "json",
        &dir.path().join("plan.json").display().to_string(),
    ]);
    assert_eq!(big.code, plain.code, "{}", big.stderr);
    // The same errors (a note that the plan came without its configuration) and findings.
    let outcome = |run: &Run| {
        let r: Json = serde_json::from_str(&run.stdout).expect("a JSON report");
        let findings: Vec<String> = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["check_id"].as_str().unwrap_or("").to_string())
            .collect();
        (errors(&r), findings)
    };
    assert_eq!(outcome(&big), outcome(&plain));
    assert!(!outcome(&plain).1.is_empty());
}
