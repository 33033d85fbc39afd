//! Settings from every source (issue 21 items 2 and 3): configuration discovery up to the
//! repository root, the user's config file, `TFSCAN_*` variables, their precedence and
//! `tfscan config`; the trust rule for a configuration found in the scanned tree; and the
//! habits of the command line (short flags, `--color` with `NO_COLOR` and
//! `CLICOLOR_FORCE`, `--format compact`, `--quiet`, the summary of what `--min-severity`
//! hid, warnings counted).

mod common;

use std::path::Path;
use std::process::Output;

use common::dir_with;

/// An SSH port open to the internet (a high finding at 8:20, and a low one: the group is
/// attached to nothing) and a registry module that is not installed (a warning at 12:1).
const SG: &str = r#"resource "aws_security_group" "ssh" {
  description = "Bastion"
  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "consul" {
  source = "hashicorp/consul/aws"
}
"#;

/// Runs tfscan in `cwd` with exactly the given `TFSCAN_*`, colour and config-directory
/// variables (everything else of the kind removed).
/// How many checks tfscan has: the summary line counts them, and a new check must not
/// break these tests.
fn builtin_checks() -> usize {
    let o = common::tfscan(&["checks", "--format", "json"]);
    serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .ok()
        .and_then(|v| v.as_array().map(Vec::len))
        .expect("tfscan checks --format json lists the checks")
}

fn run_in(cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tfscan"));
    cmd.current_dir(cwd).args(args);
    for (key, _) in std::env::vars() {
        if key.starts_with("TFSCAN_") || key.starts_with("CLICOLOR") {
            cmd.env_remove(key);
        }
    }
    cmd.env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent/tfscan-tests")
        .env("HOME", "/nonexistent/tfscan-tests-home");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the tfscan binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The line `tfscan config` prints for `key`.
fn config_line(o: &Output, key: &str) -> String {
    stdout(o)
        .lines()
        .find(|l| l.starts_with(&format!("{key} =")) || l.starts_with(&format!("# {key} ")))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A repository `repo/` (with `.git`) holding `infra/prod/sg.tf`, inside a directory that
/// has a `.tfscan.toml` of its own.
fn repository() -> tempfile::TempDir {
    dir_with(&[
        (
            ".tfscan.toml",
            "fail-on = \"none\"\nworkspace = \"above\"\n",
        ),
        ("repo/.git/HEAD", "ref: refs/heads/main\n"),
        ("repo/infra/prod/sg.tf", SG),
    ])
}

#[test]
fn the_nearest_config_up_to_the_repository_root_applies() {
    let dir = repository();
    let repo = dir.path().join("repo").canonicalize().expect("canonical");
    let prod = repo.join("infra/prod");
    // The file above the repository root is never read for a scan inside it.
    let o = run_in(&prod, &[], &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        config_line(&o, "workspace"),
        "workspace = \"default\" # default"
    );
    assert!(
        stdout(&o).contains("# project config: no .tfscan.toml from . up to the repository root\n"),
        "{}",
        stdout(&o)
    );
    let o = run_in(&prod, &[], &["scan", "-f", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    std::fs::write(
        repo.join(".tfscan.toml"),
        "min-severity = \"critical\"\nworkspace = \"repo\"\n",
    )
    .expect("write");
    let o = run_in(&prod, &[], &["config"]);
    let found = repo.join(".tfscan.toml");
    assert_eq!(
        config_line(&o, "min-severity"),
        format!(
            "min-severity = \"critical\" # project config {}",
            found.display()
        )
    );
    // The high finding is hidden and still fails the run.
    let o = run_in(&prod, &[], &["scan"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().last().unwrap_or_default(),
        format!(
            "0 findings shown (0 critical, 0 high, 0 medium, 0 low); 2 hidden below --min-severity critical, 1 of them fails the run (--fail-on high); 0 suppressed, 0 undecided, 0 errors, 1 warning; 1 resources in 1 files, {} checks",
            builtin_checks()
        )
    );

    // A nearer one wins, whole files are not merged with each other.
    std::fs::write(repo.join("infra/.tfscan.toml"), "fail-on = \"low\"\n").expect("write");
    let o = run_in(&prod, &[], &["config"]);
    assert_eq!(config_line(&o, "min-severity"), "# min-severity is not set");
    assert!(config_line(&o, "fail-on").ends_with("infra/.tfscan.toml"));

    // Without a repository, the search goes on up to the filesystem root.
    std::fs::remove_dir_all(repo.join(".git")).expect("remove");
    std::fs::remove_file(repo.join("infra/.tfscan.toml")).expect("remove");
    std::fs::remove_file(repo.join(".tfscan.toml")).expect("remove");
    let o = run_in(&prod, &[], &["config", "."]);
    assert_eq!(
        config_line(&o, "workspace"),
        format!(
            "workspace = \"above\" # project config {}",
            dir.path()
                .canonicalize()
                .expect("canonical")
                .join(".tfscan.toml")
                .display()
        )
    );
}

#[test]
fn the_user_config_lies_under_the_project_config() {
    let dir = repository();
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg");
    for base in [home.join(".config"), xdg.clone()] {
        std::fs::create_dir_all(base.join("tfscan")).expect("dirs");
        std::fs::write(
            base.join("tfscan/config.toml"),
            format!(
                "workspace = \"{}\"\nfail-on = \"medium\"\n",
                base.file_name().and_then(|n| n.to_str()).unwrap_or("")
            ),
        )
        .expect("write");
    }
    let repo = dir.path().join("repo");
    std::fs::write(repo.join(".tfscan.toml"), "fail-on = \"critical\"\n").expect("write");
    let prod = repo.join("infra/prod");
    let prod_arg = prod.display().to_string();
    let (home_s, xdg_s) = (home.display().to_string(), xdg.display().to_string());

    let o = run_in(
        dir.path(),
        &[("XDG_CONFIG_HOME", &xdg_s), ("HOME", &home_s)],
        &["config", &prod_arg],
    );
    let user_file = xdg.join("tfscan/config.toml");
    assert_eq!(
        config_line(&o, "workspace"),
        format!("workspace = \"xdg\" # user config {}", user_file.display())
    );
    assert!(config_line(&o, "fail-on").starts_with("fail-on = \"critical\" # project config"));
    assert!(
        stdout(&o).contains(&format!("# user config: {}\n", user_file.display())),
        "{}",
        stdout(&o)
    );

    // Without XDG_CONFIG_HOME, ~/.config.
    let mut cmd_env = vec![("HOME", home_s.as_str())];
    cmd_env.push(("XDG_CONFIG_HOME", ""));
    let o = run_in(dir.path(), &cmd_env, &["config", &prod_arg]);
    assert_eq!(
        config_line(&o, "workspace"),
        format!(
            "workspace = \".config\" # user config {}",
            home.join(".config/tfscan/config.toml").display()
        )
    );

    // The user's file is the user's: it may name files outside the scanned tree and
    // raise limits.
    std::fs::write(dir.path().join("outside.tfvars"), "x = 1\n").expect("write");
    std::fs::write(
        xdg.join("tfscan/config.toml"),
        format!(
            "var-file = [\"{}\"]\nmax-file-size = 99999999999\n",
            dir.path().join("outside.tfvars").display()
        ),
    )
    .expect("write");
    let o = run_in(
        dir.path(),
        &[("XDG_CONFIG_HOME", &xdg_s)],
        &["scan", "-f", "json", &prod_arg],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A broken user config is an error naming it.
    std::fs::write(xdg.join("tfscan/config.toml"), "fail_on = \"low\"\n").expect("write");
    let o = run_in(
        dir.path(),
        &[("XDG_CONFIG_HOME", &xdg_s)],
        &["scan", &prod_arg],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!(
            "tfscan: {}:1:1: unknown field `fail_on`, expected one of `fail-on`,",
            user_file.display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn flags_beat_variables_beat_files_beat_defaults() {
    let dir = repository();
    let repo = dir.path().join("repo");
    std::fs::write(
        repo.join(".tfscan.toml"),
        "fail-on = \"critical\"\nworkspace = \"file\"\ntimeout = 100\n",
    )
    .expect("write");
    let prod = repo.join("infra/prod");
    let env = [
        ("TFSCAN_FAIL_ON", "low"),
        ("TFSCAN_WORKSPACE", "env"),
        (
            "TFSCAN_EXCLUDE_CHECKS",
            "aws-vpc-sg-not-attached,CKV_AWS_24",
        ),
    ];
    let o = run_in(&prod, &env, &["config", "--workspace", "flag"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        config_line(&o, "workspace"),
        "workspace = \"flag\" # command line"
    );
    assert_eq!(
        config_line(&o, "fail-on"),
        "fail-on = \"low\" # environment TFSCAN_FAIL_ON"
    );
    assert_eq!(
        config_line(&o, "exclude-checks"),
        "exclude-checks = [\"aws-vpc-sg-not-attached\", \"CKV_AWS_24\"] # environment TFSCAN_EXCLUDE_CHECKS"
    );
    assert!(config_line(&o, "timeout").starts_with("timeout = 100 # project config"));
    assert_eq!(
        config_line(&o, "max-module-depth"),
        "max-module-depth = 64 # default"
    );

    // The scan sees the same: both checks excluded leaves no finding at all.
    let o = run_in(&prod, &env, &["scan", "-f", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(r["summary"]["findings"], 0, "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
    // The flag wins over the variable.
    let o = run_in(
        &prod,
        &env,
        &[
            "scan",
            "-f",
            "json",
            "--exclude-checks",
            "aws-vpc-sg-not-attached",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // A bad value in a variable is a usage error naming it.
    let o = run_in(&prod, &[("TFSCAN_FAIL_ON", "hgih")], &["scan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'hgih' for '--fail-on"),
        "{}",
        stderr(&o)
    );
}

/// A configuration found by walking up from the scanned folder is the repository's, as
/// one found in the folder is: the files it names stay inside the repository and it may
/// only lower limits.
#[test]
fn a_config_found_up_the_tree_is_still_the_trees() {
    let dir = repository();
    let repo = dir.path().join("repo");
    let prod = repo.join("infra/prod").display().to_string();
    let config = repo.join(".tfscan.toml");
    std::fs::write(&config, "var-file = [\"/etc/passwd\"]\n").expect("write");
    let o = run_in(dir.path(), &[], &["scan", &prod]);
    assert_eq!(o.status.code(), Some(2));
    let canonical = repo.canonicalize().expect("canonical").join(".tfscan.toml");
    assert_eq!(
        stderr(&o),
        format!(
            "tfscan: {}: `var-file`: /etc/passwd: it is outside the scanned tree; a configuration file inside the scanned tree may name only files inside it\n",
            canonical.display()
        )
    );
    std::fs::write(&config, "max-total-instances = 500001\n").expect("write");
    let o = run_in(dir.path(), &[], &["scan", &prod]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`max-total-instances`: 500001 is above the default of 500000"),
        "{}",
        stderr(&o)
    );
    // The same limit from the environment is the user's.
    std::fs::write(&config, "").expect("write");
    let o = run_in(
        dir.path(),
        &[("TFSCAN_MAX_TOTAL_INSTANCES", "500001")],
        &["scan", &prod],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // Without a repository (a subfolder of an unpacked archive), a file found above the
    // scanned folder is confined to its own directory all the same.
    std::fs::remove_dir_all(repo.join(".git")).expect("remove");
    std::fs::write(&config, "var-file = [\"/etc/passwd\"]\n").expect("write");
    let o = run_in(dir.path(), &[], &["scan", &prod]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "tfscan: {}: `var-file`: /etc/passwd: it is outside the scanned tree; a configuration file inside the scanned tree may name only files inside it\n",
            canonical.display()
        )
    );
    std::fs::write(&config, "max-file-size = 99999999999\n").expect("write");
    let o = run_in(dir.path(), &[], &["scan", &prod]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(&config, "var-file = [\"prod.tfvars\"]\n").expect("write");
    std::fs::write(repo.join("prod.tfvars"), "x = 1\n").expect("write");
    let o = run_in(dir.path(), &[], &["scan", &prod]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn tfscan_config_neutralises_what_the_tree_wrote() {
    let dir = dir_with(&[
        ("main.tf", "locals {\n  a = 1\n}\n"),
        (".tfscan.toml", "workspace = \"\\u001b]0;owned\\u0007\"\n"),
    ]);
    let o = run_in(dir.path(), &[], &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stdout.contains(&0x1b));
    assert!(
        config_line(&o, "workspace")
            .starts_with("workspace = \"\\u001B]0;owned\\u0007\" # project config"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn colour_follows_the_flag_then_no_color_then_clicolor_force() {
    let dir = dir_with(&[("sg.tf", SG)]);
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    let scan = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["scan"];
        args.extend_from_slice(extra);
        run_in(dir.path(), env, &args)
    };
    // Not a terminal: no colour unless asked.
    assert!(!esc(&scan(&[], &[])));
    assert!(esc(&scan(&[], &["--color", "always"])));
    assert!(esc(&scan(&[("CLICOLOR_FORCE", "1")], &[])));
    assert!(!esc(&scan(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &[]
    )));
    assert!(!esc(&scan(
        &[("CLICOLOR_FORCE", "1")],
        &["--color", "never"]
    )));
    assert!(esc(&scan(&[("NO_COLOR", "1")], &["--color=always"])));
    assert!(esc(&scan(&[("TFSCAN_COLOR", "always")], &[])));
    // Reports written to files are never coloured.
    let out = dir.path().join("report.txt");
    let spec = format!("human={}", out.display());
    let o = scan(&[], &["--color", "always", "-o", &spec]);
    assert!(esc(&o));
    let written = std::fs::read(&out).expect("written");
    assert!(!written.contains(&0x1b));
}

#[test]
fn compact_is_one_line_per_finding_for_grep_and_quickfix_lists() {
    let dir = dir_with(&[("infra/sg.tf", SG)]);
    let o = run_in(dir.path(), &[], &["scan", "-f", "compact", "infra"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "infra/sg.tf:1:1: low aws-vpc-sg-not-attached no resource in this configuration uses aws_security_group.ssh (nothing but its own rules refers to it)\n\
         infra/sg.tf:8:20: high aws-vpc-sg-admin-port-open-to-internet allows SSH (tcp/22) from 0.0.0.0/0\n\
         infra/sg.tf:12:1: warning coverage module.consul: source 'hashicorp/consul/aws' is not installed (no .terraform/modules/modules.json entry); run terraform init to scan it. Its outputs are unknown\n\
         2 findings (0 critical, 1 high, 0 medium, 1 low); 0 suppressed, 0 undecided, 0 errors, 1 warning; 1 resources in 1 files, {} checks\n"
            .replace("{}", &builtin_checks().to_string())
    );
    // Quiet: the findings only.
    let o = run_in(dir.path(), &[], &["scan", "-f", "compact", "-q", "infra"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));

    // Text from the tree is neutralised: a file name with an escape sequence.
    let evil = dir_with(&[("a\u{1b}[2Jb.tf", SG)]);
    let o = run_in(evil.path(), &[], &["scan", "-f", "compact", "."]);
    assert!(!o.stdout.contains(&0x1b));
    assert!(
        stdout(&o).starts_with("a\\u{1b}[2Jb.tf:1:1: low "),
        "{}",
        stdout(&o)
    );
}

#[test]
fn quiet_prints_nothing_when_there_is_nothing_to_report() {
    let clean = dir_with(&[("main.tf", "locals {\n  a = 1\n}\n")]);
    let o = run_in(clean.path(), &[], &["scan", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let o = run_in(clean.path(), &[], &["scan"]);
    assert!(stdout(&o).starts_with("0 findings"), "{}", stdout(&o));
    // On/off settings take the usual spellings, from the environment too.
    let o = run_in(clean.path(), &[("TFSCAN_QUIET", "1")], &["scan"]);
    assert_eq!(stdout(&o), "");
    let o = run_in(
        clean.path(),
        &[("TFSCAN_QUIET", "1")],
        &["scan", "--quiet=no"],
    );
    assert!(stdout(&o).starts_with("0 findings"), "{}", stdout(&o));
    // With findings: the findings, without the warning or the summary.
    let dir = dir_with(&[("sg.tf", SG)]);
    let o = run_in(
        dir.path(),
        &[],
        &["scan", "--quiet", "--min-severity", "high"],
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("aws-vpc-sg-admin-port-open-to-internet"),
        "{text}"
    );
    assert!(
        !text.contains("Warning") && !text.contains("finding"),
        "{text}"
    );
}

#[test]
fn the_summary_says_what_min_severity_hid_and_what_of_it_fails() {
    let showcase = common::sample("showcase");
    let o = run_in(
        Path::new("."),
        &[],
        &["scan", "--min-severity", "critical", &showcase],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).lines().last().unwrap_or_default().starts_with(
            "1 finding shown (1 critical, 0 high, 0 medium, 0 low); 27 hidden below --min-severity critical, 2 of them fail the run (--fail-on high); 0 suppressed,"
        ),
        "{}",
        stdout(&o)
    );
    let o = run_in(
        Path::new("."),
        &[],
        &[
            "scan",
            "--min-severity",
            "high",
            "--fail-on",
            "none",
            &showcase,
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .unwrap_or_default()
            .starts_with("3 findings shown (1 critical, 2 high, 0 medium, 0 low); 25 hidden below --min-severity high; 0 suppressed,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn warnings_are_counted_in_the_summary_and_in_json() {
    let dir = dir_with(&[("sg.tf", SG)]);
    let o = run_in(dir.path(), &[], &["scan", "-f", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(r["summary"]["warnings"], 1);
    assert_eq!(r["summary"]["errors"], 0);
    let o = run_in(dir.path(), &[], &["scan"]);
    assert!(
        stdout(&o).contains("0 errors, 1 warning;"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn report_settings_on_commands_that_write_no_report_are_refused() {
    let dir = dir_with(&[("sg.tf", SG)]);
    let o = run_in(dir.path(), &[], &["exposure", "--fail-on", "low"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "tfscan: --fail-on does not apply to `tfscan exposure`\n"
    );
    // From the environment (set for `scan`), they are ignored.
    let o = run_in(dir.path(), &[("TFSCAN_FAIL_ON", "low")], &["model"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn checks_and_explain_read_checks_dir_from_the_configuration() {
    let check = "id = \"acme-s3-bucket-named\"\ntitle = \"Bucket without the team prefix\"\nseverity = \"low\"\narea = \"data\"\nresources = [\"aws_s3_bucket\"]\ndescription = \"d\"\nremediation = \"r\"\n[[require]]\nattribute = \"bucket\"\nmatches = \"^acme-\"\n";
    let dir = dir_with(&[
        ("repo/.git/HEAD", "ref: refs/heads/main\n"),
        ("repo/.tfscan.toml", "checks-dir = [\"policies\"]\n"),
        ("repo/policies/named.toml", check),
        ("repo/infra/main.tf", "locals {\n  a = 1\n}\n"),
    ]);
    let infra = dir.path().join("repo/infra");
    let o = run_in(&infra, &[], &["explain", "acme-s3-bucket-named"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Bucket without the team prefix"),
        "{}",
        stdout(&o)
    );
    let o = run_in(&infra, &[], &["checks", "-f", "json"]);
    assert!(stdout(&o).contains("\"acme-s3-bucket-named\""));
    // The tree's configuration names only directories inside the tree.
    std::fs::write(
        dir.path().join("repo/.tfscan.toml"),
        "checks-dir = [\"/etc\"]\n",
    )
    .expect("write");
    let o = run_in(&infra, &[], &["checks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`checks-dir`: /etc: it is outside the scanned tree"),
        "{}",
        stderr(&o)
    );
    let o = run_in(&infra, &[], &["checks", "--fail-on", "low"]);
    assert_eq!(
        stderr(&o),
        "tfscan: --fail-on does not apply to `tfscan checks`\n"
    );
}
