//! The `tfscan` command: parses arguments, merges them over `.tfscan.toml`, calls the
//! library, writes the reports, and maps the outcome to an exit code (0 clean, 1 findings
//! at or above --fail-on, 2 usage or configuration error, 3 incomplete).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use tfscan::Options;
use tfscan::engine::check::Severity;
use tfscan::network::internet::BroadShare;
use tfscan::report::{Report, human, json, junit, sarif};
use tfscan::suppress::baseline::{self, Baseline};
use tfscan::suppress::config::{self, Format, Settings, Threshold};
use tfscan::terminal::neutralise_lines;

#[derive(Parser)]
#[command(
    name = "tfscan",
    version,
    about = "A Terraform security scanner that evaluates your configuration and reasons about the network exactly"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a Terraform directory (or one .tf file) and report findings.
    Scan(ScanArgs),
    /// List every check with its metadata.
    Checks {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Directory of extra check files.
        #[arg(long = "checks-dir")]
        checks_dirs: Vec<PathBuf>,
    },
    /// Print one check's full description (by id or alias).
    Explain {
        id: String,
        #[arg(long = "checks-dir")]
        checks_dirs: Vec<PathBuf>,
    },
    /// Print every internet-reachable resource with its ports and path.
    Exposure {
        #[command(flatten)]
        input: InputArgs,
        /// Read settings from this file instead of .tfscan.toml in the scanned directory.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Count sources as the internet above this share of a family's public addresses
        /// (0 < SHARE <= 1) [default: 0.5].
        #[arg(long = "internet-share", value_name = "SHARE")]
        internet_share: Option<BroadShare>,
        /// human (a table), json, or a topology drawing: mermaid or dot.
        #[arg(long, default_value = "human", value_parser = tfscan::network::exposure::FORMATS.to_vec())]
        format: String,
    },
    /// Print the evaluated resource model: every instance and its attributes.
    Model {
        #[command(flatten)]
        input: InputArgs,
        /// Read settings from this file instead of .tfscan.toml in the scanned directory.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write a commented .tfscan.toml with every setting and its default.
    InitConfig {
        /// Where to write it.
        #[arg(default_value = config::FILE_NAME)]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args)]
struct InputArgs {
    /// Directory or .tf file to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Skip paths matching this glob (relative to the scanned directory); repeatable.
    #[arg(long)]
    exclude: Vec<String>,
    /// Set a root variable (NAME=VALUE); repeatable, later wins.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Read root variables from a .tfvars file; repeatable.
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// The value of terraform.workspace [default: default].
    #[arg(long)]
    workspace: Option<String>,
    /// Judge this plan (`terraform show -json` output) for the configuration in PATH.
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Limits that keep hostile input harmless; hitting one is reported, never fatal.
#[derive(clap::Args)]
struct LimitArgs {
    /// Do not read files larger than this many bytes [default: 67108864].
    #[arg(long = "max-file-size", value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_size: Option<u64>,
    /// Do not read a plan (--plan) larger than this many bytes [default: 268435456].
    #[arg(long = "max-plan-size", value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_plan_size: Option<u64>,
    /// Do not evaluate expressions nested deeper than this [default: 200, at most 10000].
    #[arg(long = "max-expression-depth", value_name = "N", value_parser = clap::value_parser!(u64).range(1..=tfscan::eval::MAX_EXPRESSION_DEPTH as u64))]
    max_expression_depth: Option<u64>,
    /// Do not evaluate module calls nested deeper than this [default: 64, at most 1000].
    #[arg(long = "max-module-depth", value_name = "N", value_parser = clap::value_parser!(u64).range(1..=tfscan::eval::MAX_MODULE_DEPTH as u64))]
    max_module_depth: Option<u64>,
    /// Scan at most this many instances of one resource or module [default: 10000].
    #[arg(long = "max-instances-per-resource", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_instances_per_resource: Option<u64>,
    /// Scan at most this many resource and module instances per root module [default: 500000].
    #[arg(long = "max-total-instances", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_total_instances: Option<u64>,
    /// Stop after this many seconds, report what was not scanned, and exit 3.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    timeout: Option<u64>,
}

#[derive(clap::Args)]
struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Report format on stdout [default: human].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Also write a report in FORMAT (human, json, sarif, junit) to PATH; repeatable.
    #[arg(long, value_name = "FORMAT=PATH")]
    output: Vec<String>,
    /// Exit 1 when a finding at or above this severity exists [default: high].
    #[arg(long = "fail-on", value_enum)]
    fail_on: Option<Threshold>,
    /// Show only findings at or above this severity (does not change the exit code).
    #[arg(long = "min-severity", value_enum)]
    min_severity: Option<Threshold>,
    /// Run only these checks (ids or aliases); repeatable or comma-separated.
    #[arg(long = "include-checks", value_name = "ID", value_delimiter = ',')]
    include_checks: Vec<String>,
    /// Do not run these checks (ids or aliases); repeatable or comma-separated.
    #[arg(long = "exclude-checks", value_name = "ID", value_delimiter = ',')]
    exclude_checks: Vec<String>,
    /// Give a check's findings another severity; repeatable or comma-separated.
    #[arg(
        long = "severity-overrides",
        value_name = "ID=SEVERITY",
        value_delimiter = ','
    )]
    severity_overrides: Vec<String>,
    /// Directory of extra check files; repeatable.
    #[arg(long = "checks-dir")]
    checks_dirs: Vec<PathBuf>,
    /// Read settings from this file instead of .tfscan.toml in the scanned directory.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Disregard inline ignore comments (tfscan, tfsec, Trivy and Checkov forms).
    #[arg(long = "no-inline-ignores")]
    no_inline_ignores: bool,
    /// Report and fail only on findings whose fingerprint is not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the fingerprints of the findings this scan reports into FILE.
    #[arg(long = "write-baseline", value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Count sources as the internet above this share of a family's public addresses
    /// (0 < SHARE <= 1; 1: only the whole internet) [default: 0.5].
    #[arg(long = "internet-share", value_name = "SHARE")]
    internet_share: Option<BroadShare>,
    /// Print how long each stage took, and the peak memory, to stderr.
    #[arg(long)]
    timings: bool,
    /// Evaluate every module instance, even one whose inputs equal an earlier instance's
    /// (for comparing against reuse; the results are the same).
    #[arg(long = "reevaluate-identical-modules", hide = true)]
    reevaluate_identical_modules: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
    /// The check reference, as committed in docs/checks.md.
    Markdown,
}

fn main() -> ExitCode {
    install_panic_hook();
    // A debug build's way to prove the hook works (tests/hostile.rs).
    if cfg!(debug_assertions) && std::env::var_os("TFSCAN_DEBUG_PANIC").is_some() {
        panic!("TFSCAN_DEBUG_PANIC is set");
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            // Messages quote what the tree wrote (keys, paths, check files).
            eprintln!("tfscan: {}", neutralise_lines(&message));
            ExitCode::from(2)
        }
    }
}

/// The `--timings` table: each stage, the total, what was scanned and the peak RSS.
fn timings_table(report: &Report) -> String {
    let t = &report.timings;
    let mut text = String::from("tfscan timings:\n");
    for (stage, d, rss) in &t.stages {
        text.push_str(&format!("  {stage:<16} {:>9.1} ms", d.as_secs_f64() * 1e3));
        if let Some(kib) = rss {
            text.push_str(&format!("  {:>7.1} MB resident", *kib as f64 / 1024.0));
        }
        text.push('\n');
        if *stage == "evaluate" {
            let m = t.module_instances;
            text.push_str(&format!(
                "  {:<16} {} module instances evaluated, {} reused from an identical one\n",
                "", m.evaluated, m.reused
            ));
        }
    }
    let bytes: usize = report.sources.files().map(|(_, f)| f.text.len()).sum();
    text.push_str(&format!(
        "  {:<16} {:>9.1} ms  ({} files, {:.1} MB, {} resources, {} findings",
        "total",
        t.total().as_secs_f64() * 1e3,
        report.sources.files().count(),
        bytes as f64 / (1024.0 * 1024.0),
        report.resources,
        report.findings.len(),
    ));
    if let Some(kib) = tfscan::memory_kib("VmHWM:") {
        text.push_str(&format!(", peak RSS {:.0} MB", kib as f64 / 1024.0));
    }
    text.push_str(")\n");
    text
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

fn input_settings(input: &InputArgs) -> Settings {
    Settings {
        exclude: non_empty(input.exclude.clone()),
        var: non_empty(input.vars.clone()),
        var_file: non_empty(input.var_files.clone()),
        workspace: input.workspace.clone(),
        max_file_size: input.limits.max_file_size,
        max_plan_size: input.limits.max_plan_size,
        max_expression_depth: input.limits.max_expression_depth,
        max_module_depth: input.limits.max_module_depth,
        max_instances_per_resource: input.limits.max_instances_per_resource,
        max_total_instances: input.limits.max_total_instances,
        timeout: input.limits.timeout,
        ..Settings::default()
    }
}

fn scan_settings(args: &ScanArgs) -> Result<Settings, String> {
    let mut overrides = Vec::new();
    for o in &args.severity_overrides {
        let (id, sev) = o
            .split_once('=')
            .ok_or_else(|| format!("--severity-overrides '{o}' must be ID=SEVERITY"))?;
        let sev = Severity::parse(sev).ok_or_else(|| {
            format!("--severity-overrides '{o}': '{sev}' is not one of critical, high, medium, low")
        })?;
        overrides.push((id.to_string(), sev));
    }
    Ok(Settings {
        fail_on: args.fail_on,
        min_severity: args.min_severity,
        include_checks: non_empty(args.include_checks.clone()),
        exclude_checks: non_empty(args.exclude_checks.clone()),
        severity_overrides: non_empty(overrides),
        checks_dir: non_empty(args.checks_dirs.clone()),
        format: args.format,
        output: non_empty(args.output.clone()),
        baseline: args.baseline.clone(),
        no_inline_ignores: args.no_inline_ignores.then_some(true),
        internet_share: args.internet_share,
        ..input_settings(&args.input)
    })
}

/// The command line's settings over the configuration file's: `--config FILE`, else
/// `.tfscan.toml` in the scanned directory when it exists. A configuration file inside the
/// scanned tree (wherever it was found or named) is the tree's, not the user's: it is read
/// only when it resolves inside the tree, and what it may do is confined
/// ([`config::confine`]).
fn merged_settings(
    cli: Settings,
    path: &Path,
    explicit: Option<&Path>,
) -> Result<Settings, String> {
    let dir = if path.is_file() {
        path.parent().unwrap_or(Path::new("."))
    } else {
        path
    };
    // The tree: the scanned directory, or the git repository holding it (what module
    // sources and file functions may read).
    let tree = dir.canonicalize().ok().map(|root| {
        tfscan::loader::git_root(&root)
            .map(Path::to_path_buf)
            .unwrap_or(root)
    });
    let file = match explicit {
        Some(f) => f.to_path_buf(),
        None => {
            let candidate = dir.join(config::FILE_NAME);
            if candidate.symlink_metadata().is_err() {
                return Ok(cli);
            }
            // Found in the tree: it must not lead out of it.
            if let Some(tree) = &tree {
                tfscan::untrusted::confine(&candidate, tree, "the scanned tree").map_err(|e| {
                    format!("cannot read the configuration {}: {e}", candidate.display())
                })?;
            }
            candidate
        }
    };
    let settings = config::load(&file)?;
    let in_tree = tree
        .as_ref()
        .zip(file.canonicalize().ok())
        .is_some_and(|(tree, f)| f.starts_with(tree));
    let settings = match &tree {
        Some(tree) if in_tree => config::confine(settings, tree, &default_limits())
            .map_err(|e| format!("{}: {e}", file.display()))?,
        _ => settings,
    };
    Ok(cli.or(settings))
}

/// The limits' defaults, as settings.
fn default_limits() -> Settings {
    let d = tfscan::eval::Limits::default();
    Settings {
        max_file_size: Some(d.max_file_bytes),
        max_plan_size: Some(d.max_plan_bytes),
        max_expression_depth: Some(d.max_expr_depth as u64),
        max_module_depth: Some(d.max_module_depth as u64),
        max_instances_per_resource: Some(d.max_instances_per_resource as u64),
        max_total_instances: Some(d.max_total_instances as u64),
        ..Settings::default()
    }
}

fn options(path: &Path, s: &Settings) -> Result<Options, String> {
    let mut cli_vars = Vec::new();
    for v in s.var.iter().flatten() {
        let (k, val) = v
            .split_once('=')
            .ok_or_else(|| format!("--var '{v}' must be NAME=VALUE"))?;
        cli_vars.push((k.to_string(), val.to_string()));
    }
    let mut env_vars: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    env_vars.sort();
    let baseline = match &s.baseline {
        Some(file) => Some((
            file.display().to_string(),
            Baseline::read(file, limits(s).max_file_bytes)?,
        )),
        None => None,
    };
    Ok(Options {
        path: path.to_path_buf(),
        excludes: s.exclude.clone().unwrap_or_default(),
        checks_dirs: s.checks_dir.clone().unwrap_or_default(),
        var_files: s.var_file.clone().unwrap_or_default(),
        eval: tfscan::eval::EvalOptions {
            workspace: s.workspace.clone().unwrap_or_else(|| "default".to_string()),
            cli_vars,
            env_vars,
            limits: limits(s),
            reevaluate_identical_modules: false,
        },
        include_checks: s.include_checks.clone().unwrap_or_default(),
        exclude_checks: s.exclude_checks.clone().unwrap_or_default(),
        severity_overrides: s.severity_overrides.clone().unwrap_or_default(),
        no_inline_ignores: s.no_inline_ignores.unwrap_or(false),
        baseline,
        today: None,
        plan: None,
        internet_share: s.internet_share.unwrap_or_default(),
        skip_rule_subjects: false,
        exits_after_scan: false,
    })
}

/// The configured limits over the defaults; `--timeout` starts counting now.
fn limits(s: &Settings) -> tfscan::eval::Limits {
    let d = tfscan::eval::Limits::default();
    let size = |v: Option<u64>, default: usize| {
        v.map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX))
    };
    tfscan::eval::Limits {
        max_file_bytes: s.max_file_size.unwrap_or(d.max_file_bytes),
        max_plan_bytes: s.max_plan_size.unwrap_or(d.max_plan_bytes),
        max_expr_depth: size(s.max_expression_depth, d.max_expr_depth),
        max_module_depth: size(s.max_module_depth, d.max_module_depth),
        max_instances_per_resource: size(
            s.max_instances_per_resource,
            d.max_instances_per_resource,
        ),
        max_total_instances: size(s.max_total_instances, d.max_total_instances),
        deadline: s
            .timeout
            .map(|t| std::time::Instant::now() + Duration::from_secs(t)),
    }
}

/// `--timeout`'s last resort: the scan stops stages once its deadline passes; should one
/// stage still run long after it, the process reports that and exits 3.
fn hard_stop_after(seconds: u64) {
    let grace = Duration::from_secs(5.max(seconds / 10));
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds) + grace);
        eprintln!(
            "tfscan: --timeout of {seconds} s reached and the scan did not stop within {} s more; nothing was reported",
            grace.as_secs()
        );
        std::process::exit(3);
    });
}

/// Turns a panic (a bug in tfscan, whatever the input) into an error report and exit 3
/// (scan incomplete) instead of a crash dump.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "tfscan: internal error{place}: {}\ntfscan: the scan did not finish; please report this with the input that caused it",
            neutralise_lines(&what)
        );
        std::process::exit(3);
    }));
}

fn run(cli: Cli) -> Result<u8, String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Scan(args) => {
            let settings = merged_settings(
                scan_settings(&args)?,
                &args.input.path,
                args.config.as_deref(),
            )?;
            // Check every --output before scanning, so a typo costs no scan.
            let outputs = settings
                .output
                .iter()
                .flatten()
                .map(|spec| config::parse_output(spec))
                .collect::<Result<Vec<_>, _>>()?;
            let mut opts = options(&args.input.path, &settings)?;
            opts.plan = args.input.plan.clone();
            opts.skip_rule_subjects = settings.format != Some(Format::Junit)
                && outputs.iter().all(|(format, _)| *format != Format::Junit);
            opts.exits_after_scan = true;
            opts.eval.reevaluate_identical_modules = args.reevaluate_identical_modules;
            if let Some(seconds) = settings.timeout {
                hard_stop_after(seconds);
            }
            let mut report = tfscan::scan(&opts).map_err(|e| e.to_string())?;

            let failing = settings
                .fail_on
                .unwrap_or(Threshold::High)
                .severity()
                .is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
            if let Some(file) = &args.write_baseline {
                let current = report
                    .findings
                    .iter()
                    .chain(report.baseline.iter().flat_map(|b| b.findings.iter()));
                std::fs::write(file, baseline::render(current, &report.sources))
                    .map_err(|e| format!("cannot write the baseline {}: {e}", file.display()))?;
            }
            if let Some(min) = settings.min_severity.and_then(Threshold::severity) {
                report.retain_min_severity(min);
            }

            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let format = settings.format.unwrap_or(Format::Human);
            render(&report, format, colour, &mut out).map_err(|e| e.to_string())?;
            for (format, path) in outputs {
                std::fs::File::create(&path)
                    .and_then(|mut file| render(&report, format, false, &mut file))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            report.timings.lap("render");
            if args.timings {
                eprint!("{}", timings_table(&report));
            }
            let code = if failing {
                1
            } else if report.incomplete() {
                3
            } else {
                0
            };
            // The process ends here: freeing the report's many small allocations one by
            // one would only delay the exit.
            std::mem::forget(report);
            Ok(code)
        }
        Command::Checks {
            format,
            checks_dirs,
        } => {
            let opts = Options {
                checks_dirs,
                ..Options::default()
            };
            let catalog = tfscan::catalog(&opts).map_err(|e| e.to_string())?;
            let text = match format {
                ListFormat::Json => tfscan::engine::listing::json(&catalog),
                // Check files may come from the scanned tree (`checks-dir`).
                ListFormat::Human => {
                    neutralise_lines(&tfscan::engine::listing::table(&catalog)).into_owned()
                }
                ListFormat::Markdown => tfscan::engine::listing::markdown(&catalog),
            };
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Explain { id, checks_dirs } => {
            let opts = Options {
                checks_dirs,
                ..Options::default()
            };
            let catalog = tfscan::catalog(&opts).map_err(|e| e.to_string())?;
            let check = catalog
                .find(&id)
                .ok_or_else(|| format!("no check with id or alias '{id}' (see tfscan checks)"))?;
            out.write_all(neutralise_lines(&tfscan::engine::listing::explain(check)).as_bytes())
                .map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Exposure {
            input,
            config,
            internet_share,
            format,
        } => {
            let cli = Settings {
                internet_share,
                ..input_settings(&input)
            };
            let settings = merged_settings(cli, &input.path, config.as_deref())?;
            let mut opts = options(&input.path, &settings)?;
            opts.plan = input.plan.clone();
            let input = tfscan::load_input(&opts).map_err(|e| e.to_string())?;
            let text = tfscan::network::exposure::render(
                &input.model,
                &input.sources,
                &format,
                opts.internet_share,
            )?;
            // JSON escapes what it must; the table and the drawings carry names and tags
            // from the tree as they are.
            let text = if format == "json" {
                text
            } else {
                neutralise_lines(&text).into_owned()
            };
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Model { input, config } => {
            let settings = merged_settings(input_settings(&input), &input.path, config.as_deref())?;
            let mut opts = options(&input.path, &settings)?;
            opts.plan = input.plan.clone();
            let input = tfscan::load_input(&opts).map_err(|e| e.to_string())?;
            let text =
                tfscan::model::json::render(&input.model, &input.sources, &input.diagnostics);
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
            Ok(if input.diagnostics.iter().any(|d| d.kind.is_error()) {
                3
            } else {
                0
            })
        }
        Command::InitConfig { path, force } => {
            if path.exists() && !force {
                return Err(format!(
                    "{} already exists (use --force to replace it)",
                    path.display()
                ));
            }
            std::fs::write(&path, config::TEMPLATE)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("tfscan: wrote {}", path.display());
            Ok(0)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "tfscan", &mut out);
            Ok(0)
        }
    }
}

/// Writes the report in `format` to `out` through a buffer; JSON and SARIF are streamed,
/// never held whole in memory.
fn render(
    report: &Report,
    format: Format,
    colour: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Json => json::write(report, &mut out)?,
        Format::Sarif => sarif::write(report, &mut out)?,
        Format::Junit => out.write_all(junit::render(report).as_bytes())?,
        Format::Human => human::render(report, colour, &mut out)?,
    }
    out.flush()
}
