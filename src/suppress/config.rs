//! `.tfscan.toml`: the scan settings a repository keeps, under the command-line flags'
//! own names (`fail-on = "high"`, `exclude = ["examples/**"]`).
//!
//! Both the file and the command line produce a [`Settings`]; the command line's wins key
//! by key ([`Settings::or`]), and everything after that sees one merged value, so a setting
//! behaves the same wherever it was written. An unknown key or a value of the wrong type
//! is an error naming the key. Relative paths in the file are relative to the file.

use std::path::{Path, PathBuf};

use crate::engine::check::Severity;
use crate::network::internet::BroadShare;

/// The file tfscan reads from the scan root when `--config` is not given.
pub const FILE_NAME: &str = ".tfscan.toml";

/// A severity threshold (`--fail-on`, `--min-severity`); `none` disables it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Threshold {
    Critical,
    High,
    Medium,
    Low,
    None,
}

impl Threshold {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Threshold::Critical => Some(Severity::Critical),
            Threshold::High => Some(Severity::High),
            Threshold::Medium => Some(Severity::Medium),
            Threshold::Low => Some(Severity::Low),
            Threshold::None => None,
        }
    }
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
}

/// `FORMAT=PATH`, as `--output` and `output = [...]` take it.
pub fn parse_output(spec: &str) -> Result<(Format, PathBuf), String> {
    let (format, path) = spec.split_once('=').ok_or_else(|| {
        format!("output '{spec}' must be FORMAT=PATH (for example sarif=tfscan.sarif)")
    })?;
    let format = <Format as clap::ValueEnum>::from_str(format, true).map_err(|_| {
        format!("output '{spec}': unknown format '{format}' (expected human, json, sarif or junit)")
    })?;
    if path.is_empty() {
        return Err(format!("output '{spec}' names no file"));
    }
    Ok((format, PathBuf::from(path)))
}

/// Every setting, each `None` when not given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub fail_on: Option<Threshold>,
    pub min_severity: Option<Threshold>,
    pub include_checks: Option<Vec<String>>,
    pub exclude_checks: Option<Vec<String>>,
    pub severity_overrides: Option<Vec<(String, Severity)>>,
    pub exclude: Option<Vec<String>>,
    pub var_file: Option<Vec<PathBuf>>,
    pub var: Option<Vec<String>>,
    pub workspace: Option<String>,
    pub checks_dir: Option<Vec<PathBuf>>,
    pub format: Option<Format>,
    pub output: Option<Vec<String>>,
    pub baseline: Option<PathBuf>,
    pub no_inline_ignores: Option<bool>,
    /// Bounds for hostile input (see `Limits`); `None` keeps the default.
    pub max_file_size: Option<u64>,
    pub max_plan_size: Option<u64>,
    pub max_expression_depth: Option<u64>,
    pub max_module_depth: Option<u64>,
    pub max_instances_per_resource: Option<u64>,
    pub max_total_instances: Option<u64>,
    /// Seconds after which the scan stops and reports what it did not scan.
    pub timeout: Option<u64>,
    pub internet_share: Option<BroadShare>,
}

impl Settings {
    /// These settings, with `fallback`'s where these have none.
    pub fn or(self, fallback: Settings) -> Settings {
        Settings {
            fail_on: self.fail_on.or(fallback.fail_on),
            min_severity: self.min_severity.or(fallback.min_severity),
            include_checks: self.include_checks.or(fallback.include_checks),
            exclude_checks: self.exclude_checks.or(fallback.exclude_checks),
            severity_overrides: self.severity_overrides.or(fallback.severity_overrides),
            exclude: self.exclude.or(fallback.exclude),
            var_file: self.var_file.or(fallback.var_file),
            var: self.var.or(fallback.var),
            workspace: self.workspace.or(fallback.workspace),
            checks_dir: self.checks_dir.or(fallback.checks_dir),
            format: self.format.or(fallback.format),
            output: self.output.or(fallback.output),
            baseline: self.baseline.or(fallback.baseline),
            no_inline_ignores: self.no_inline_ignores.or(fallback.no_inline_ignores),
            max_file_size: self.max_file_size.or(fallback.max_file_size),
            max_plan_size: self.max_plan_size.or(fallback.max_plan_size),
            max_expression_depth: self.max_expression_depth.or(fallback.max_expression_depth),
            max_module_depth: self.max_module_depth.or(fallback.max_module_depth),
            max_instances_per_resource: self
                .max_instances_per_resource
                .or(fallback.max_instances_per_resource),
            max_total_instances: self.max_total_instances.or(fallback.max_total_instances),
            timeout: self.timeout.or(fallback.timeout),
            internet_share: self.internet_share.or(fallback.internet_share),
        }
    }
}

/// Every key the file accepts.
pub const KEYS: [&str; 22] = [
    "fail-on",
    "min-severity",
    "include-checks",
    "exclude-checks",
    "severity-overrides",
    "exclude",
    "var-file",
    "var",
    "workspace",
    "checks-dir",
    "format",
    "output",
    "baseline",
    "no-inline-ignores",
    "max-file-size",
    "max-plan-size",
    "max-expression-depth",
    "max-module-depth",
    "max-instances-per-resource",
    "max-total-instances",
    "timeout",
    "internet-share",
];

/// The largest configuration file read: every setting of a large repository fits in a
/// few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a configuration file; errors name the file and the key.
pub fn load(path: &Path) -> Result<Settings, String> {
    let text = crate::untrusted::read_text(path, MAX_CONFIG_BYTES)
        .map_err(|e| format!("cannot read the configuration {}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&text, base).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses configuration text; relative paths are resolved against `base`.
pub fn parse(text: &str, base: &Path) -> Result<Settings, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    let mut s = Settings::default();
    for (key, value) in &table {
        let bad = |expected: &str| format!("`{key}`: expected {expected}, found {value}");
        let path = |p: String| base.join(p);
        match key.as_str() {
            "fail-on" => s.fail_on = Some(threshold(key, value)?),
            "min-severity" => s.min_severity = Some(threshold(key, value)?),
            "include-checks" => {
                s.include_checks = Some(strings(value).ok_or_else(|| bad("an array of check ids"))?)
            }
            "exclude-checks" => {
                s.exclude_checks = Some(strings(value).ok_or_else(|| bad("an array of check ids"))?)
            }
            "severity-overrides" => {
                let t = value
                    .as_table()
                    .ok_or_else(|| bad("a table of check id = severity"))?;
                let mut overrides = Vec::new();
                for (id, sev) in t {
                    let sev = sev
                        .as_str()
                        .and_then(Severity::parse)
                        .ok_or_else(|| {
                            format!("`{key}`: '{id}' must be one of critical, high, medium, low, found {sev}")
                        })?;
                    overrides.push((id.clone(), sev));
                }
                s.severity_overrides = Some(overrides);
            }
            "exclude" => s.exclude = Some(strings(value).ok_or_else(|| bad("an array of globs"))?),
            "var-file" => {
                s.var_file = Some(
                    strings(value)
                        .ok_or_else(|| bad("an array of paths"))?
                        .into_iter()
                        .map(path)
                        .collect(),
                )
            }
            "var" => {
                let vars =
                    strings(value).ok_or_else(|| bad("an array of \"NAME=VALUE\" strings"))?;
                if let Some(v) = vars.iter().find(|v| !v.contains('=')) {
                    return Err(format!("`var`: '{v}' must be NAME=VALUE"));
                }
                s.var = Some(vars);
            }
            "workspace" => {
                s.workspace = Some(value.as_str().ok_or_else(|| bad("a string"))?.to_string())
            }
            "checks-dir" => {
                s.checks_dir = Some(
                    strings(value)
                        .ok_or_else(|| bad("an array of paths"))?
                        .into_iter()
                        .map(path)
                        .collect(),
                )
            }
            "format" => {
                let f = value.as_str().ok_or_else(|| bad("a string"))?;
                s.format = Some(<Format as clap::ValueEnum>::from_str(f, true).map_err(|_| {
                    format!("`format`: '{f}' is not one of human, json, sarif, junit")
                })?);
            }
            "output" => {
                let specs =
                    strings(value).ok_or_else(|| bad("an array of \"FORMAT=PATH\" strings"))?;
                let mut resolved = Vec::new();
                for spec in specs {
                    let (_, p) = parse_output(&spec).map_err(|e| format!("`output`: {e}"))?;
                    let (format, _) = spec.split_once('=').unwrap_or_default();
                    resolved.push(format!(
                        "{format}={}",
                        path(p.display().to_string()).display()
                    ));
                }
                s.output = Some(resolved);
            }
            "baseline" => {
                s.baseline = Some(path(
                    value.as_str().ok_or_else(|| bad("a path"))?.to_string(),
                ))
            }
            "no-inline-ignores" => {
                s.no_inline_ignores = Some(value.as_bool().ok_or_else(|| bad("true or false"))?)
            }
            "max-file-size" => s.max_file_size = Some(positive(key, value)?),
            "max-plan-size" => s.max_plan_size = Some(positive(key, value)?),
            "max-expression-depth" => {
                s.max_expression_depth = Some(at_most(
                    key,
                    positive(key, value)?,
                    crate::eval::MAX_EXPRESSION_DEPTH,
                )?)
            }
            "max-module-depth" => {
                s.max_module_depth = Some(at_most(
                    key,
                    positive(key, value)?,
                    crate::eval::MAX_MODULE_DEPTH,
                )?)
            }
            "max-instances-per-resource" => {
                s.max_instances_per_resource = Some(positive(key, value)?)
            }
            "max-total-instances" => s.max_total_instances = Some(positive(key, value)?),
            "timeout" => s.timeout = Some(positive(key, value)?),
            "internet-share" => {
                let share = value
                    .as_float()
                    .or_else(|| value.as_integer().map(|i| i as f64))
                    .ok_or_else(|| bad("a number above 0 and at most 1"))?;
                s.internet_share =
                    Some(BroadShare::new(share).map_err(|e| format!("`{key}`: {e}"))?);
            }
            _ => {
                return Err(format!(
                    "unknown key `{key}` (known keys: {})",
                    KEYS.join(", ")
                ));
            }
        }
    }
    Ok(s)
}

/// What the tree's own configuration may do: a `.tfscan.toml` inside the scanned tree (the
/// scanned directory, or the git repository holding it; `tree` is canonical) is written
/// by whoever wrote the Terraform, so the files it names (var files, checks directories,
/// the baseline, outputs) must lie inside the tree once symlinks are resolved, and it may
/// lower the limits that keep hostile input harmless but not raise them. Anything else is
/// an error naming the setting, never a silent skip. The paths returned are canonical, so
/// what is opened later is what was judged here.
pub fn confine(mut s: Settings, tree: &Path, defaults: &Settings) -> Result<Settings, String> {
    const TREE: &str = "the scanned tree";
    let inside = |key: &str, p: &Path| {
        crate::untrusted::confine(p, tree, TREE).map_err(|e| {
            format!(
                "`{key}`: {}: {e}; a configuration file inside the scanned tree may name only files inside it",
                p.display()
            )
        })
    };
    for (key, paths) in [
        ("var-file", &mut s.var_file),
        ("checks-dir", &mut s.checks_dir),
    ] {
        for p in paths.iter_mut().flatten() {
            *p = inside(key, p)?;
        }
    }
    if let Some(p) = &mut s.baseline {
        *p = inside("baseline", p)?;
    }
    for spec in s.output.iter_mut().flatten() {
        let (format, path) = spec.split_once('=').unwrap_or_default();
        let path = inside("output", Path::new(path))?;
        *spec = format!("{format}={}", path.display());
    }
    let limits = [
        ("max-file-size", s.max_file_size, defaults.max_file_size),
        ("max-plan-size", s.max_plan_size, defaults.max_plan_size),
        (
            "max-expression-depth",
            s.max_expression_depth,
            defaults.max_expression_depth,
        ),
        (
            "max-module-depth",
            s.max_module_depth,
            defaults.max_module_depth,
        ),
        (
            "max-instances-per-resource",
            s.max_instances_per_resource,
            defaults.max_instances_per_resource,
        ),
        (
            "max-total-instances",
            s.max_total_instances,
            defaults.max_total_instances,
        ),
    ];
    for (key, value, default) in limits {
        if let (Some(v), Some(d)) = (value, default)
            && v > d
        {
            return Err(format!(
                "`{key}`: {v} is above the default of {d}; a configuration file inside the scanned tree may lower a limit but not raise it (use --{key} on the command line)"
            ));
        }
    }
    Ok(s)
}

fn threshold(key: &str, value: &toml::Value) -> Result<Threshold, String> {
    value
        .as_str()
        .and_then(|v| <Threshold as clap::ValueEnum>::from_str(v, true).ok())
        .ok_or_else(|| {
            format!("`{key}`: expected one of critical, high, medium, low, none, found {value}")
        })
}

fn positive(key: &str, value: &toml::Value) -> Result<u64, String> {
    value
        .as_integer()
        .and_then(|n| u64::try_from(n).ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{key}`: expected a whole number above 0, found {value}"))
}

/// A depth limit no higher than `max` (see [`crate::eval::MAX_EXPRESSION_DEPTH`]).
fn at_most(key: &str, n: u64, max: usize) -> Result<u64, String> {
    if usize::try_from(n).is_ok_and(|n| n <= max) {
        Ok(n)
    } else {
        Err(format!(
            "`{key}`: {n} is above the highest accepted value, {max}"
        ))
    }
}

/// An array of strings (a single string counts as an array of one).
fn strings(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// The file `tfscan init-config` writes: every key, commented out, with its default.
pub const TEMPLATE: &str = r#"# tfscan configuration, read from the scan root (or given with --config FILE).
# Keys are the command-line flags' names; a flag given on the command line overrides
# the same key here. Relative paths are relative to this file. Uncomment to change.

# Exit 1 when a finding at or above this severity exists: critical, high, medium, low, none.
# fail-on = "high"

# Show only findings at or above this severity; it never changes what fails.
# min-severity = "low"

# Run only these checks (ids or tfsec/Trivy/Checkov aliases); all when absent.
# include-checks = ["aws-vpc-sg-admin-port-open-to-internet"]

# Never run these checks (ids or aliases).
# exclude-checks = ["CKV_AWS_144"]

# Change a check's severity (id or alias = critical, high, medium or low).
# severity-overrides = { "aws-cloudtrail-log-validation-disabled" = "high" }

# Skip paths matching these globs, relative to the scan root.
# exclude = ["examples/**", "**/test/**"]

# Root variables: files read in order, then NAME=VALUE pairs (later wins).
# var-file = ["prod.tfvars"]
# var = ["region=eu-west-1"]

# The value of terraform.workspace.
# workspace = "default"

# Directories of your own check files.
# checks-dir = ["policies"]

# The report on stdout, and more reports from the same run (FORMAT=PATH).
# format = "human"
# output = ["sarif=tfscan.sarif", "junit=tfscan.xml"]

# Report and fail only on findings whose fingerprint is not in this file
# (write it with `tfscan scan --write-baseline FILE`).
# baseline = "tfscan-baseline.json"

# Disregard every inline ignore comment (tfscan, tfsec, Trivy and Checkov forms).
# no-inline-ignores = false

# Limits that keep hostile input harmless. Hitting one is reported (exit 3 unless a
# finding fails the scan) and the rest of the tree is still scanned.
# Files larger than this many bytes are not read.
# max-file-size = 67108864
# Plans (--plan) larger than this many bytes are not read.
# max-plan-size = 268435456
# Expressions nested deeper than this (and chains of references) are not evaluated.
# max-expression-depth = 200
# Module calls nested deeper than this are not evaluated.
# max-module-depth = 64
# Instances of one resource or module (count, for_each) beyond this are not scanned.
# max-instances-per-resource = 10000
# Resource and module instances in one root module beyond this are not scanned.
# max-total-instances = 500000
# Stop after this many seconds and report what was not scanned (no limit when absent).
# timeout = 600
# Network checks and reachability count sources as the internet when they cover more
# than this share of a family's public addresses (0.0.0.0/0 minus a few blocks is still
# the internet); above 0 and at most 1, where 1 means only the whole internet.
# internet-share = 0.5
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_uncommented_is_valid_and_complete() {
        let uncommented: String = TEMPLATE
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| KEYS.iter().any(|k| l.starts_with(&format!("{k} ="))))
            .map(|l| format!("{l}\n"))
            .collect();
        let s = parse(&uncommented, Path::new("/repo")).expect("valid");
        assert_eq!(s.fail_on, Some(Threshold::High));
        assert_eq!(s.var_file, Some(vec![PathBuf::from("/repo/prod.tfvars")]));
        assert_eq!(s.internet_share, Some(BroadShare::default()));
        assert_eq!(
            s.output,
            Some(vec![
                "sarif=/repo/tfscan.sarif".to_string(),
                "junit=/repo/tfscan.xml".to_string()
            ])
        );
        let keys = uncommented.lines().count();
        assert_eq!(keys, KEYS.len(), "every key appears once in the template");
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let e = parse("fial-on = \"high\"\n", Path::new(".")).unwrap_err();
        assert!(e.starts_with("unknown key `fial-on`"), "{e}");
        let e = parse("fail-on = \"hgih\"\n", Path::new(".")).unwrap_err();
        assert_eq!(
            e,
            "`fail-on`: expected one of critical, high, medium, low, none, found \"hgih\""
        );
        let e = parse("exclude = 3\n", Path::new(".")).unwrap_err();
        assert_eq!(e, "`exclude`: expected an array of globs, found 3");
        let e = parse("internet-share = 1.5\n", Path::new(".")).unwrap_err();
        assert!(
            e.starts_with("`internet-share`: internet share 1.5 must be above 0 and at most 1"),
            "{e}"
        );
        let e = parse("internet-share = \"half\"\n", Path::new(".")).unwrap_err();
        assert_eq!(
            e,
            "`internet-share`: expected a number above 0 and at most 1, found \"half\""
        );
        let e = parse("severity-overrides = { x = \"severe\" }\n", Path::new(".")).unwrap_err();
        assert!(
            e.starts_with("`severity-overrides`: 'x' must be one of"),
            "{e}"
        );
    }

    #[test]
    fn the_command_line_wins_key_by_key() {
        let file =
            parse("fail-on = \"low\"\nworkspace = \"prod\"\n", Path::new(".")).expect("valid");
        let cli = Settings {
            fail_on: Some(Threshold::Critical),
            ..Settings::default()
        };
        let merged = cli.or(file);
        assert_eq!(merged.fail_on, Some(Threshold::Critical));
        assert_eq!(merged.workspace.as_deref(), Some("prod"));
    }
}
