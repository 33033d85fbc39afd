//! Settings: one definition ([`Settings`]) from which the command-line flags, the
//! `.tfscan.toml` keys, the `TFSCAN_*` environment variables, the defaults and their
//! reference (`docs/configuration.md`) all come.
//!
//! A field's clap attributes give its flag (the long name is the config key, the `env`
//! name its variable) and its help text; serde reads the same field from a configuration
//! file under the same name, refusing unknown keys. Settings are gathered in layers,
//! highest first — command line, environment, `--config FILE` or the nearest
//! `.tfscan.toml` from the scanned path up to the repository root, the user's config file,
//! the defaults — and each key is taken from the highest layer that sets it
//! ([`Layers::resolve`]), so a setting behaves the same wherever it was written and
//! `tfscan config` can say where each came from. Relative paths in a file are relative
//! to the file.
//!
//! Trust: a configuration file inside the scanned tree is the tree's, not the user's
//! ([`confine`]): the files it names must lie in the tree and it may only lower limits.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::check::Severity;
use crate::network::BroadShare;

/// The project configuration file, looked for from the scanned path upward.
pub const FILE_NAME: &str = ".tfscan.toml";

/// The heading of the settings that shape the report (not what is loaded): `exposure`
/// and `model` neither show nor accept them.
pub const REPORT_HEADING: &str = "Report";

/// A severity threshold (`--fail-on`, `--min-severity`); `none` disables it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Findings with their source underlined, and a summary line.
    Human,
    /// One line per finding, `path:line:col: severity check-id message`, for grep and
    /// editors' quickfix lists.
    Compact,
    Json,
    Sarif,
    Junit,
}

/// When the human report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it).
    Auto,
    Always,
    Never,
}

/// `FORMAT=PATH`, as `--output` and `output = [...]` take it.
pub fn parse_output(spec: &str) -> Result<(Format, PathBuf), String> {
    let (format, path) = spec.split_once('=').ok_or_else(|| {
        format!("output '{spec}' must be FORMAT=PATH (for example sarif=tfscan.sarif)")
    })?;
    let format = <Format as clap::ValueEnum>::from_str(format, true).map_err(|_| {
        format!(
            "output '{spec}': unknown format '{format}' (expected human, compact, json, sarif or junit)"
        )
    })?;
    if path.is_empty() {
        return Err(format!("output '{spec}' names no file"));
    }
    Ok((format, PathBuf::from(path)))
}

/// `ID=SEVERITY`: a check (id or alias) whose findings get another severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityOverride {
    pub check: String,
    pub severity: Severity,
}

impl std::str::FromStr for SeverityOverride {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (check, sev) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}' must be ID=SEVERITY"))?;
        let severity = Severity::parse(sev)
            .ok_or_else(|| format!("'{s}': '{sev}' is not one of critical, high, medium, low"))?;
        Ok(SeverityOverride {
            check: check.to_string(),
            severity,
        })
    }
}

/// Every setting, each `None` when not given. The long flag is the config key; the
/// `[default: …]` in a help text is [`Settings::defaults`]'s value (a test checks).
#[derive(Debug, Clone, Default, PartialEq, clap::Args, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Settings {
    /// Exit 1 when a finding at or above this severity exists [default: high].
    #[arg(long, value_enum, env = "TFSCAN_FAIL_ON", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<Threshold>,
    /// Show only findings at or above this severity; it never changes what fails
    /// (the summary line counts the hidden findings that do).
    #[arg(long, value_enum, env = "TFSCAN_MIN_SEVERITY", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Threshold>,
    /// Run only these checks (ids or aliases); repeatable or comma-separated.
    #[arg(long, value_name = "ID", value_delimiter = ',', env = "TFSCAN_INCLUDE_CHECKS", help_heading = REPORT_HEADING)]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub include_checks: Option<Vec<String>>,
    /// Do not run these checks (ids or aliases); repeatable or comma-separated.
    #[arg(long, value_name = "ID", value_delimiter = ',', env = "TFSCAN_EXCLUDE_CHECKS", help_heading = REPORT_HEADING)]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub exclude_checks: Option<Vec<String>>,
    /// Give a check's findings another severity (in a file: a table of id = severity);
    /// repeatable or comma-separated.
    #[arg(long, value_name = "ID=SEVERITY", value_delimiter = ',', env = "TFSCAN_SEVERITY_OVERRIDES", help_heading = REPORT_HEADING)]
    #[serde(
        default,
        deserialize_with = "overrides_from_table",
        serialize_with = "overrides_to_table",
        skip_serializing_if = "Option::is_none"
    )]
    pub severity_overrides: Option<Vec<SeverityOverride>>,
    /// Skip paths matching this glob (relative to the scanned directory); repeatable.
    #[arg(long, value_name = "GLOB", env = "TFSCAN_EXCLUDE")]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub exclude: Option<Vec<String>>,
    /// Read root variables from a .tfvars file; repeatable.
    #[arg(long, value_name = "FILE", env = "TFSCAN_VAR_FILE")]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub var_file: Option<Vec<PathBuf>>,
    /// Set a root variable (NAME=VALUE); repeatable, later wins.
    #[arg(long, value_name = "NAME=VALUE", env = "TFSCAN_VAR")]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub var: Option<Vec<String>>,
    /// The value of terraform.workspace [default: default].
    #[arg(long, value_name = "NAME", env = "TFSCAN_WORKSPACE")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    /// Directory of extra check files; repeatable.
    #[arg(long, value_name = "DIR", env = "TFSCAN_CHECKS_DIR", help_heading = REPORT_HEADING)]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub checks_dir: Option<Vec<PathBuf>>,
    /// Report format on stdout [default: human]. The flag (`-f`) belongs to `scan` and
    /// `config`, whose values differ from `exposure`'s own `--format`.
    #[arg(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Also write a report in FORMAT (human, compact, json, sarif, junit) to PATH;
    /// repeatable.
    #[arg(short, long, value_name = "FORMAT=PATH", env = "TFSCAN_OUTPUT", help_heading = REPORT_HEADING)]
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Vec<String>>,
    /// Report and fail only on findings whose fingerprint is not in this baseline file.
    #[arg(long, value_name = "FILE", env = "TFSCAN_BASELINE", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// Disregard inline ignore comments (tfscan, tfsec, Trivy and Checkov forms)
    /// [default: false].
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new(), env = "TFSCAN_NO_INLINE_IGNORES", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_inline_ignores: Option<bool>,
    /// Exit 0 instead of 3 when the scan is incomplete (a file that did not parse or
    /// could not be read, a limit hit) and no finding reached --fail-on; what was not
    /// judged is still reported [default: false].
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new(), env = "TFSCAN_ALLOW_INCOMPLETE", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_incomplete: Option<bool>,
    /// Colour the human report: auto (on a terminal, unless NO_COLOR is set;
    /// CLICOLOR_FORCE forces it), always or never [default: auto].
    #[arg(long, value_enum, value_name = "WHEN", env = "TFSCAN_COLOR", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<ColorChoice>,
    /// Print findings and errors only: no undecided list, warnings or summary line, and
    /// nothing when there is nothing to report (human and compact formats) [default: false].
    #[arg(short, long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new(), env = "TFSCAN_QUIET", help_heading = REPORT_HEADING)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet: Option<bool>,
    /// Do not read files larger than this many bytes [default: 67108864].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..), env = "TFSCAN_MAX_FILE_SIZE")]
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_file_size: Option<u64>,
    /// Do not read a plan (--plan) larger than this many bytes [default: 268435456].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..), env = "TFSCAN_MAX_PLAN_SIZE")]
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_plan_size: Option<u64>,
    /// Do not evaluate expressions nested deeper than this, at most 10000 [default: 200].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=crate::eval::MAX_EXPRESSION_DEPTH as u64), env = "TFSCAN_MAX_EXPRESSION_DEPTH")]
    #[serde(
        default,
        deserialize_with = "expression_depth",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_expression_depth: Option<u64>,
    /// Do not evaluate module calls nested deeper than this, at most 1000 [default: 64].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=crate::eval::MAX_MODULE_DEPTH as u64), env = "TFSCAN_MAX_MODULE_DEPTH")]
    #[serde(
        default,
        deserialize_with = "module_depth",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_module_depth: Option<u64>,
    /// Scan at most this many instances of one resource or module [default: 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), env = "TFSCAN_MAX_INSTANCES_PER_RESOURCE")]
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_instances_per_resource: Option<u64>,
    /// Scan at most this many resource and module instances per root module
    /// [default: 500000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), env = "TFSCAN_MAX_TOTAL_INSTANCES")]
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_total_instances: Option<u64>,
    /// Stop after this many seconds, report what was not scanned, and exit 3.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..), env = "TFSCAN_TIMEOUT")]
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub timeout: Option<u64>,
    /// Count sources as the internet above this share of a family's public addresses
    /// (0 < SHARE <= 1; 1: only the whole internet) [default: 0.5].
    #[arg(long, value_name = "SHARE", env = "TFSCAN_INTERNET_SHARE")]
    #[serde(
        default,
        deserialize_with = "share",
        serialize_with = "share_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub internet_share: Option<BroadShare>,
}

/// Keys that bound the work hostile input can cause: the tree's configuration may only
/// lower them.
pub const LIMIT_KEYS: [&str; 6] = [
    "max-file-size",
    "max-plan-size",
    "max-expression-depth",
    "max-module-depth",
    "max-instances-per-resource",
    "max-total-instances",
];

impl Settings {
    /// The value each setting has when nobody set it; settings absent here have none
    /// (`min-severity` shows everything, `timeout` never stops the scan).
    pub fn defaults() -> Settings {
        let d = crate::eval::Limits::default();
        let n = |v: usize| Some(u64::try_from(v).unwrap_or(u64::MAX));
        Settings {
            fail_on: Some(Threshold::High),
            workspace: Some("default".to_string()),
            format: Some(Format::Human),
            no_inline_ignores: Some(false),
            allow_incomplete: Some(false),
            color: Some(ColorChoice::Auto),
            quiet: Some(false),
            max_file_size: Some(d.max_file_bytes),
            max_plan_size: Some(d.max_plan_bytes),
            max_expression_depth: n(d.max_expr_depth),
            max_module_depth: n(d.max_module_depth),
            max_instances_per_resource: n(d.max_instances_per_resource),
            max_total_instances: n(d.max_total_instances),
            internet_share: Some(BroadShare::default()),
            ..Settings::default()
        }
    }

    /// Every key, in the order of the definition: the clap flags' long names, and
    /// `format`, whose flag each command declares.
    pub fn keys() -> Vec<String> {
        let cmd = <Settings as clap::Args>::augment_args(clap::Command::new("keys"));
        let mut keys: Vec<String> = cmd
            .get_arguments()
            .filter_map(|a| a.get_long().map(str::to_string))
            .collect();
        let at = keys
            .iter()
            .position(|k| k == "output")
            .unwrap_or(keys.len());
        keys.insert(at, "format".to_string());
        keys
    }

    /// The keys these settings set, with their values, in the order of the definition.
    pub fn to_table(&self) -> Result<toml::Table, String> {
        toml::Table::try_from(self).map_err(|e| format!("cannot represent the settings: {e}"))
    }

    pub fn from_table(table: toml::Table) -> Result<Settings, String> {
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().to_string())
    }

    /// Relative paths in the file settings, made relative to `base` (a configuration
    /// file's directory).
    fn resolve_paths(&mut self, base: &Path) {
        for p in self
            .var_file
            .iter_mut()
            .chain(self.checks_dir.iter_mut())
            .flatten()
            .chain(self.baseline.iter_mut())
        {
            *p = base.join(&*p);
        }
        for spec in self.output.iter_mut().flatten() {
            if let Some((format, path)) = spec.split_once('=') {
                *spec = format!("{format}={}", base.join(path).display());
            }
        }
    }
}

/// A list, or a single value as a list of one (`exclude = "examples/**"`).
fn one_or_many<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    struct Visit<T>(std::marker::PhantomData<T>);
    impl<'de, T: From<String>> serde::de::Visitor<'de> for Visit<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or an array of strings")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Vec<T>, E> {
            Ok(vec![T::from(s.to_string())])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.push(T::from(s));
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visit(std::marker::PhantomData)).map(Some)
}

/// A whole number above 0 (the limits and `timeout`).
fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let n = i64::deserialize(d)?;
    u64::try_from(n)
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!("expected a whole number above 0, found {n}"))
        })
}

/// A depth limit: above 0 and no higher than `max`, the deepest the evaluator's stack is
/// sized for (see [`crate::eval::MAX_EXPRESSION_DEPTH`]).
fn depth<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<Option<u64>, D::Error> {
    let n = positive(d)?.unwrap_or(1);
    if usize::try_from(n).is_ok_and(|n| n <= max) {
        Ok(Some(n))
    } else {
        Err(serde::de::Error::custom(format!(
            "{n} is above the highest accepted value, {max}"
        )))
    }
}

fn expression_depth<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    depth(d, crate::eval::MAX_EXPRESSION_DEPTH)
}

fn module_depth<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    depth(d, crate::eval::MAX_MODULE_DEPTH)
}

/// `internet-share`: a number above 0 and at most 1 (`1` as well as `1.0`).
fn share<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BroadShare>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Float(f64),
        Int(i64),
    }
    let n = match Number::deserialize(d)
        .map_err(|_| serde::de::Error::custom("expected a number above 0 and at most 1"))?
    {
        Number::Float(f) => f,
        Number::Int(i) => i as f64,
    };
    BroadShare::new(n)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn share_number<S: Serializer>(v: &Option<BroadShare>, s: S) -> Result<S::Ok, S::Error> {
    v.map(BroadShare::get).serialize(s)
}

/// `severity-overrides = { "aws-x" = "high" }`.
fn overrides_from_table<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<SeverityOverride>>, D::Error> {
    let table = indexmap::IndexMap::<String, Severity>::deserialize(d)?;
    Ok(Some(
        table
            .into_iter()
            .map(|(check, severity)| SeverityOverride { check, severity })
            .collect(),
    ))
}

fn overrides_to_table<S: Serializer>(
    v: &Option<Vec<SeverityOverride>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let table: Option<indexmap::IndexMap<&str, Severity>> = v
        .as_ref()
        .map(|o| o.iter().map(|o| (o.check.as_str(), o.severity)).collect());
    table.serialize(s)
}

/// The largest configuration file read: every setting of a large repository fits in a
/// few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a configuration file; errors name the file, line and column.
pub fn load(path: &Path) -> Result<Settings, String> {
    let text = crate::untrusted::read_text(path, MAX_CONFIG_BYTES)
        .map_err(|e| format!("cannot read the configuration {}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&text, base).map_err(|e| format!("{}:{e}", path.display()))
}

/// Parses configuration text; relative paths are resolved against `base`. An error
/// starts with `LINE:COLUMN: ` (1-based; columns count characters).
pub fn parse(text: &str, base: &Path) -> Result<Settings, String> {
    let mut settings: Settings = toml::from_str(text).map_err(|e: toml::de::Error| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_column(text, span.start));
        format!("{line}:{column}: {}", e.message().trim_end())
    })?;
    if let Some(v) = settings.var.iter().flatten().find(|v| !v.contains('=')) {
        return Err(format!("`var`: '{v}' must be NAME=VALUE"));
    }
    for spec in settings.output.iter().flatten() {
        parse_output(spec).map_err(|e| format!("`output`: {e}"))?;
    }
    settings.resolve_paths(base);
    Ok(settings)
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
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
    // A limit hit must not turn into a pass on the tree's say-so.
    if s.allow_incomplete == Some(true) {
        return Err("`allow-incomplete`: a configuration file inside the scanned tree may not set it (use --allow-incomplete on the command line)".into());
    }
    let (given, defaults) = (s.to_table()?, defaults.to_table()?);
    for key in LIMIT_KEYS {
        let value = |t: &toml::Table| t.get(key).and_then(toml::Value::as_integer);
        if let (Some(v), Some(d)) = (value(&given), value(&defaults))
            && v > d
        {
            return Err(format!(
                "`{key}`: {v} is above the default of {d}; a configuration file inside the scanned tree may lower a limit but not raise it (use --{key} on the command line)"
            ));
        }
    }
    Ok(s)
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    CommandLine,
    /// The `TFSCAN_*` variable.
    Environment(String),
    /// `--config FILE`.
    ExplicitConfig(PathBuf),
    /// The nearest `.tfscan.toml` from the scanned path upward.
    ProjectConfig(PathBuf),
    /// The user's config file.
    UserConfig(PathBuf),
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::CommandLine => f.write_str("command line"),
            Source::Environment(var) => write!(f, "environment {var}"),
            Source::ExplicitConfig(p) => write!(f, "--config {}", p.display()),
            Source::ProjectConfig(p) => write!(f, "project config {}", p.display()),
            Source::UserConfig(p) => write!(f, "user config {}", p.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The environment variable of a key: `TFSCAN_` and the key in upper snake case.
pub fn env_var(key: &str) -> String {
    format!("TFSCAN_{}", key.to_ascii_uppercase().replace('-', "_"))
}

/// Settings from each source, highest precedence first.
#[derive(Debug, Default)]
pub struct Layers(pub Vec<(Source, Settings)>);

/// The settings in effect, and where each key's value came from.
#[derive(Debug)]
pub struct Effective {
    pub settings: Settings,
    /// Each key that has a value, with the value and its source, in definition order.
    pub origins: Vec<(String, toml::Value, Source)>,
}

impl Layers {
    /// Each key from the highest layer that sets it.
    pub fn resolve(&self) -> Result<Effective, String> {
        let mut merged = toml::Table::new();
        let mut sources: Vec<(String, Source)> = Vec::new();
        for (source, settings) in &self.0 {
            for (key, value) in settings.to_table()? {
                if !merged.contains_key(&key) {
                    merged.insert(key.clone(), value);
                    sources.push((key, source.clone()));
                }
            }
        }
        let origins = Settings::keys()
            .into_iter()
            .filter_map(|key| {
                let value = merged.get(&key)?.clone();
                let source = sources.iter().find(|(k, _)| *k == key)?.1.clone();
                Some((key, value, source))
            })
            .collect();
        Ok(Effective {
            settings: Settings::from_table(merged)?,
            origins,
        })
    }
}

/// The user's config file: `$XDG_CONFIG_HOME/tfscan/config.toml`, else
/// `~/.config/tfscan/config.toml` (on Windows `%APPDATA%\tfscan\config.toml`). Read from
/// the environment rather than a platform-directories crate so that it is the same path
/// on Linux and macOS, as ruff and other command-line tools use, and documented as one.
pub fn user_config_path() -> Option<PathBuf> {
    let non_empty = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
    let dir = non_empty("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|h| PathBuf::from(h).join(".config")))
        .or_else(|| non_empty("APPDATA").map(PathBuf::from))?;
    Some(dir.join("tfscan").join("config.toml"))
}

/// The nearest `.tfscan.toml` from `dir` upward, stopping at the repository root (a
/// directory holding `.git`) or the filesystem root. The file in `dir` itself is named
/// through `dir` as given, the others by their canonical path.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let canonical = dir.canonicalize().ok()?;
    for (i, d) in canonical.ancestors().enumerate() {
        let candidate = if i == 0 {
            dir.join(FILE_NAME)
        } else {
            d.join(FILE_NAME)
        };
        if candidate.symlink_metadata().is_ok() {
            return Some(candidate);
        }
        if d.join(".git").symlink_metadata().is_ok() {
            return None;
        }
    }
    None
}

/// The settings for a command on `path`, from every source: `cli` and `env` as clap
/// parsed them, then `--config FILE` (`explicit`) or the discovered project config, the
/// user's config file (`user`), and the defaults. A configuration file inside the scanned
/// tree (the scanned directory, or the git repository holding it) is the tree's, not the
/// user's: it is read only when it resolves inside the tree, and what it may do is
/// confined ([`confine`]).
pub fn gather(
    cli: Settings,
    env: Vec<(String, Settings)>,
    path: &Path,
    explicit: Option<&Path>,
    user: Option<&Path>,
) -> Result<Layers, String> {
    let mut layers = vec![(Source::CommandLine, cli)];
    layers.extend(
        env.into_iter()
            .map(|(var, s)| (Source::Environment(var), s)),
    );
    let dir = if path.is_file() {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    } else {
        path
    };
    // The tree: the scanned directory, or the git repository holding it (what module
    // sources and file functions may read).
    let tree = dir.canonicalize().ok().map(|root| {
        crate::loader::git_root(&root)
            .map(Path::to_path_buf)
            .unwrap_or(root)
    });
    // `--config FILE` is the user's choice: it is the tree's only when it resolves into
    // the tree. A discovered file is found by where it lies, not chosen: it is the tree's
    // when found inside the tree, and otherwise (above a scanned directory that no git
    // repository holds, such as a subfolder of an unpacked archive) it is confined to its
    // own directory the same way. Either must not lead out of its boundary.
    let boundary = match explicit {
        Some(file) => file.canonicalize().ok().and_then(|f| {
            tree.clone()
                .filter(|tree| f.starts_with(tree))
                .map(|tree| (file.to_path_buf(), tree, false))
        }),
        None => discover(dir).and_then(|file| {
            let parent = file.parent().and_then(|p| p.canonicalize().ok())?;
            let within = tree
                .clone()
                .filter(|tree| parent.starts_with(tree))
                .unwrap_or(parent);
            Some((file, within, true))
        }),
    };
    let project = match (explicit, &boundary) {
        (Some(file), _) => Some(file.to_path_buf()),
        (None, Some((file, _, _))) => Some(file.clone()),
        (None, None) => None,
    };
    if let Some(file) = project {
        if let Some((_, within, true)) = &boundary {
            crate::untrusted::confine(&file, within, "the scanned tree")
                .map_err(|e| format!("cannot read the configuration {}: {e}", file.display()))?;
        }
        let settings = load(&file)?;
        let settings = match &boundary {
            Some((_, within, _)) => confine(settings, within, &Settings::defaults())
                .map_err(|e| format!("{}: {e}", file.display()))?,
            None => settings,
        };
        let source = if explicit.is_some() {
            Source::ExplicitConfig(file)
        } else {
            Source::ProjectConfig(file)
        };
        layers.push((source, settings));
    }
    if let Some(file) = user.filter(|f| f.symlink_metadata().is_ok()) {
        layers.push((Source::UserConfig(file.to_path_buf()), load(file)?));
    }
    layers.push((Source::Default, Settings::defaults()));
    Ok(Layers(layers))
}

/// `tfscan config`: the effective settings as TOML, each with where it came from, and the
/// keys nobody set, commented out; `searched` says which configuration files were looked
/// for.
pub fn describe(effective: &Effective, searched: &[String]) -> String {
    let mut text = String::from(
        "# tfscan settings, highest precedence first: command line, environment (TFSCAN_*),\n\
         # --config FILE or the nearest .tfscan.toml up to the repository root, user config,\n\
         # defaults.\n",
    );
    for line in searched {
        text.push_str(&format!("# {line}\n"));
    }
    for key in Settings::keys() {
        match effective.origins.iter().find(|(k, _, _)| *k == key) {
            Some((_, value, source)) => {
                let line = format!("{key} = {value}");
                text.push_str(&format!("{line:<40} # {source}\n"));
            }
            None => text.push_str(&format!("# {key} is not set\n")),
        }
    }
    text
}

/// The reference of every setting, as committed in `docs/configuration.md`: key, flag,
/// environment variable and help text, from the definition.
pub fn reference_markdown() -> String {
    let cmd = <Settings as clap::Args>::augment_args(clap::Command::new("settings"));
    let defaults = Settings::defaults().to_table().unwrap_or_default();
    let mut text = String::from(
        "<!-- Generated by `tfscan config --reference`; do not edit. -->\n\n\
         | key (`.tfscan.toml`) | flag | environment | default | what it does |\n\
         |---|---|---|---|---|\n",
    );
    let row = |key: &str, flag: String, help: &str| {
        let help = help.split(" [default: ").next().unwrap_or(help);
        let default = defaults
            .get(key)
            .map_or_else(|| "none".to_string(), |v| format!("`{v}`"));
        format!(
            "| `{key}` | {flag} | `{}` | {default} | {}. |\n",
            env_var(key),
            help.trim_end_matches('.')
                .replace('\n', " ")
                .replace('|', "\\|")
        )
    };
    for key in Settings::keys() {
        if key == "format" {
            text.push_str(&row(
                "format",
                "`-f`, `--format`".to_string(),
                "Report format on stdout: human, compact, json, sarif or junit",
            ));
            continue;
        }
        let Some(arg) = cmd.get_arguments().find(|a| a.get_long() == Some(&key)) else {
            continue;
        };
        let flag = match arg.get_short() {
            Some(s) => format!("`-{s}`, `--{key}`"),
            None => format!("`--{key}`"),
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        text.push_str(&row(&key, flag, &help));
    }
    text
}

/// The file `tfscan init-config` writes: every key, commented out, with its default.
pub const TEMPLATE: &str = r#"# tfscan configuration. tfscan reads --config FILE, else the nearest .tfscan.toml from the
# scanned path up to the repository root, then ~/.config/tfscan/config.toml. Keys are the
# command-line flags' names; a flag or a TFSCAN_* environment variable overrides the same
# key here (`tfscan config` shows what is in effect and where it came from). Relative
# paths are relative to this file. Uncomment to change.

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

# The report on stdout (human, compact, json, sarif, junit), and more reports from the
# same run (FORMAT=PATH).
# format = "human"
# output = ["sarif=tfscan.sarif", "junit=tfscan.xml"]

# Report and fail only on findings whose fingerprint is not in this file
# (write it with `tfscan scan --write-baseline FILE`).
# baseline = "tfscan-baseline.json"

# Disregard every inline ignore comment (tfscan, tfsec, Trivy and Checkov forms).
# no-inline-ignores = false

# Exit 0 instead of 3 when the scan is incomplete and nothing reached fail-on.
# allow-incomplete = false

# Colour the human report: auto (on a terminal, unless NO_COLOR is set), always, never.
# color = "auto"

# Print findings and errors only: no undecided list, warnings or summary line.
# quiet = false

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

    fn uncommented_template() -> String {
        let keys = Settings::keys();
        TEMPLATE
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| keys.iter().any(|k| l.starts_with(&format!("{k} ="))))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn the_template_uncommented_is_valid_and_complete() {
        let uncommented = uncommented_template();
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
        assert_eq!(
            keys,
            Settings::keys().len(),
            "every key appears once in the template"
        );
    }

    #[test]
    fn the_template_shows_the_defaults() {
        let template = parse(&uncommented_template(), Path::new("/")).expect("valid");
        let (template, defaults) = (
            template.to_table().expect("table"),
            Settings::defaults().to_table().expect("table"),
        );
        for (key, value) in &defaults {
            assert_eq!(template.get(key), Some(value), "{key}");
        }
    }

    /// One definition: the serde names are the flags' long names, every setting has an
    /// environment variable named after its key, and the `[default: …]` of a help text is
    /// the default.
    #[test]
    fn keys_flags_variables_and_defaults_agree() {
        let every = parse(&uncommented_template(), Path::new("/")).expect("valid");
        let serde_keys: Vec<String> = every.to_table().expect("table").keys().cloned().collect();
        let mut flags = Settings::keys();
        flags.sort();
        let mut sorted = serde_keys.clone();
        sorted.sort();
        assert_eq!(sorted, flags);
        let cmd = <Settings as clap::Args>::augment_args(clap::Command::new("t"));
        let defaults = Settings::defaults().to_table().expect("table");
        for arg in cmd.get_arguments() {
            let key = arg.get_long().expect("every setting has a long flag");
            assert_eq!(
                arg.get_env().and_then(|e| e.to_str()),
                Some(env_var(key).as_str()),
                "{key}"
            );
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let stated = help
                .split("[default: ")
                .nth(1)
                .and_then(|rest| rest.split(']').next());
            let actual = defaults.get(key).map(|v| match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            assert_eq!(stated.map(str::to_string), actual, "{key}: {help}");
        }
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_line_and_column() {
        let e = parse("workspace = \"x\"\nfial-on = \"high\"\n", Path::new(".")).unwrap_err();
        assert!(
            e.starts_with("2:1: unknown field `fial-on`, expected one of `fail-on`"),
            "{e}"
        );
        let e = parse("fail-on = \"hgih\"\n", Path::new(".")).unwrap_err();
        assert_eq!(
            e,
            "1:11: unknown variant `hgih`, expected one of `critical`, `high`, `medium`, `low`, `none`"
        );
        let e = parse("exclude = 3\n", Path::new(".")).unwrap_err();
        assert_eq!(
            e,
            "1:11: invalid type: integer `3`, expected a string or an array of strings"
        );
        let e = parse("internet-share = 1.5\n", Path::new(".")).unwrap_err();
        assert!(
            e.starts_with("1:18: internet share 1.5 must be above 0 and at most 1"),
            "{e}"
        );
        let e = parse("internet-share = \"half\"\n", Path::new(".")).unwrap_err();
        assert_eq!(e, "1:18: expected a number above 0 and at most 1");
        let e = parse("timeout = -1\n", Path::new(".")).unwrap_err();
        assert_eq!(e, "1:11: expected a whole number above 0, found -1");
        let e = parse("severity-overrides = { x = \"severe\" }\n", Path::new(".")).unwrap_err();
        assert!(e.starts_with("1:28: unknown variant `severe`"), "{e}");
        let e = parse("var = [\"region\"]\n", Path::new(".")).unwrap_err();
        assert_eq!(e, "`var`: 'region' must be NAME=VALUE");
        let e = parse("output = [\"pdf=x.pdf\"]\n", Path::new(".")).unwrap_err();
        assert!(
            e.starts_with("`output`: output 'pdf=x.pdf': unknown format"),
            "{e}"
        );
    }

    #[test]
    fn a_single_string_is_a_list_of_one_and_paths_are_relative_to_the_file() {
        let s = parse(
            "exclude = \"examples/**\"\nbaseline = \"b.json\"\nchecks-dir = \"/abs\"\n",
            Path::new("/repo"),
        )
        .expect("valid");
        assert_eq!(s.exclude, Some(vec!["examples/**".to_string()]));
        assert_eq!(s.baseline, Some(PathBuf::from("/repo/b.json")));
        assert_eq!(s.checks_dir, Some(vec![PathBuf::from("/abs")]));
    }

    #[test]
    fn the_highest_layer_wins_key_by_key_and_says_where_it_came_from() {
        let file = parse(
            "fail-on = \"low\"\nworkspace = \"prod\"\n",
            Path::new("/repo"),
        )
        .expect("valid");
        let user = parse("workspace = \"dev\"\ntimeout = 30\n", Path::new("/home")).expect("valid");
        let cli = Settings {
            fail_on: Some(Threshold::Critical),
            ..Settings::default()
        };
        let env = Settings {
            fail_on: Some(Threshold::Medium),
            timeout: Some(9),
            ..Settings::default()
        };
        let layers = Layers(vec![
            (Source::CommandLine, cli),
            (Source::Environment("TFSCAN_TIMEOUT".into()), env),
            (Source::ProjectConfig("/repo/.tfscan.toml".into()), file),
            (Source::UserConfig("/home/config.toml".into()), user),
            (Source::Default, Settings::defaults()),
        ]);
        let e = layers.resolve().expect("resolves");
        assert_eq!(e.settings.fail_on, Some(Threshold::Critical));
        assert_eq!(e.settings.timeout, Some(9));
        assert_eq!(e.settings.workspace.as_deref(), Some("prod"));
        assert_eq!(e.settings.max_module_depth, Some(64));
        let source = |key: &str| {
            e.origins
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, s)| s.to_string())
        };
        assert_eq!(source("fail-on").as_deref(), Some("command line"));
        assert_eq!(
            source("timeout").as_deref(),
            Some("environment TFSCAN_TIMEOUT")
        );
        assert_eq!(
            source("workspace").as_deref(),
            Some("project config /repo/.tfscan.toml")
        );
        assert_eq!(source("max-module-depth").as_deref(), Some("default"));
        assert_eq!(source("baseline"), None);
        let text = describe(&e, &[]);
        assert!(
            text.contains(&format!(
                "{:<40} # command line\n",
                "fail-on = \"critical\""
            )),
            "{text}"
        );
        assert!(text.contains("# baseline is not set\n"), "{text}");
    }

    #[test]
    fn discovery_walks_up_to_the_repository_root() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let repo = dir.path().join("repo");
        let deep = repo.join("infra/prod");
        std::fs::create_dir_all(&deep).expect("dirs");
        std::fs::create_dir_all(repo.join(".git")).expect("git");
        // Above the repository root: never read for a scan inside the repository.
        std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
        assert_eq!(discover(&deep), None);
        std::fs::write(repo.join(FILE_NAME), "").expect("write");
        let found = discover(&deep).expect("found at the root");
        assert_eq!(
            found,
            repo.canonicalize().expect("canonical").join(FILE_NAME)
        );
        std::fs::write(repo.join("infra").join(FILE_NAME), "").expect("write");
        let found = discover(&deep).expect("the nearest");
        assert!(found.ends_with("infra/.tfscan.toml"), "{}", found.display());
        std::fs::write(deep.join(FILE_NAME), "").expect("write");
        assert_eq!(discover(&deep), Some(deep.join(FILE_NAME)));
    }
}
