//! The `tfscan` command line: its commands, how their settings are gathered
//! ([`crate::settings`]), and where each report goes. `main.rs` only parses the
//! arguments, calls [`run`] and turns its result into an exit code (0 clean, 1 findings at
//! or above --fail-on, 2 usage or configuration error, 3 incomplete).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::Options;
use crate::report::{Report, compact, human, json, junit, sarif};
use crate::settings::{self, ColorChoice, Effective, Format, Settings, Threshold};
use crate::suppress::{Baseline, render_baseline};
use crate::terminal::neutralise_lines;

#[derive(Parser)]
#[command(
    name = "tfscan",
    version,
    about = "A Terraform security scanner that evaluates your configuration and reasons about the network exactly"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Scan a Terraform directory (or one .tf file) and report findings.
    Scan(ScanArgs),
    /// List every check with its metadata.
    Checks {
        #[arg(short, long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Print one check's full description (by id or alias).
    Explain {
        id: String,
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Print every internet-reachable resource with its ports and path.
    Exposure {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        settings: Settings,
        /// human (a table), json, or a topology drawing: mermaid or dot.
        #[arg(short, long, default_value = "human", value_parser = crate::network::EXPOSURE_FORMATS.to_vec())]
        format: String,
    },
    /// Print the evaluated resource model: every instance and its attributes.
    Model {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        settings: Settings,
    },
    /// Apply the safe, local fixes of the findings in PATH, keeping the formatting.
    Fix {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        settings: Settings,
        /// Print the changes as a unified diff instead of writing them.
        #[arg(long = "dry-run")]
        dry_run: bool,
    },
    /// Serve the Language Server Protocol on stdin and stdout (for editors); each
    /// workspace folder's settings come from its configuration files, the environment and
    /// these flags, as for `scan`.
    Lsp {
        #[command(flatten)]
        settings: Settings,
    },
    /// Print the settings in effect for PATH and where each came from.
    Config {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        format: FormatArg,
        /// Print the reference of every setting instead (docs/configuration.md).
        #[arg(long)]
        reference: bool,
    },
    /// Write a commented .tfscan.toml with every setting and its default.
    InitConfig {
        /// Where to write it.
        #[arg(default_value = settings::FILE_NAME)]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

/// What a command reads: the path, a plan, and the configuration file.
#[derive(clap::Args)]
pub struct Target {
    /// Directory or .tf file to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Judge this plan (`terraform show -json` output) for the configuration in PATH.
    #[arg(long, value_name = "PLAN.json")]
    pub plan: Option<PathBuf>,
    /// Read settings from this file instead of the nearest .tfscan.toml from PATH up to
    /// the repository root.
    #[arg(short, long, value_name = "FILE", env = "TFSCAN_CONFIG")]
    pub config: Option<PathBuf>,
}

/// `--config` for the commands that read no Terraform (`checks`, `explain`): their
/// settings come from the current directory's configuration.
#[derive(clap::Args)]
pub struct ConfigArg {
    /// Read settings from this file instead of the nearest .tfscan.toml from the current
    /// directory up to the repository root.
    #[arg(short, long, value_name = "FILE", env = "TFSCAN_CONFIG")]
    pub config: Option<PathBuf>,
}

impl ConfigArg {
    /// The current directory, with this configuration file.
    fn target(self) -> Target {
        Target {
            path: PathBuf::from("."),
            plan: None,
            config: self.config,
        }
    }
}

/// The `format` setting's flag, for the commands whose format is a report format.
#[derive(clap::Args)]
pub struct FormatArg {
    /// Report format on stdout [default: human].
    #[arg(short, long, value_enum, env = "TFSCAN_FORMAT", help_heading = settings::REPORT_HEADING)]
    pub format: Option<Format>,
}

#[derive(clap::Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub settings: Settings,
    #[command(flatten)]
    pub format: FormatArg,
    /// Record the fingerprints of the findings this scan reports into FILE.
    #[arg(long = "write-baseline", value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print how long each stage took, and the peak memory, to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Evaluate every module instance, even one whose inputs equal an earlier instance's
    /// (for comparing against reuse; the results are the same).
    #[arg(long = "reevaluate-identical-modules", hide = true)]
    pub reevaluate_identical_modules: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// The check reference, as committed in docs/checks.md.
    Markdown,
}

/// The settings (by clap id) a command does not read: hidden from its help and refused
/// on its command line. `exposure` and `model` write no scan report; `checks` and
/// `explain` only read check files.
fn unused_settings(command: &str) -> Vec<String> {
    let settings = <Settings as clap::Args>::augment_args(clap::Command::new("ids"));
    let is_report = |a: &clap::Arg| a.get_help_heading() == Some(settings::REPORT_HEADING);
    settings
        .get_arguments()
        .filter(|a| match command {
            "exposure" | "model" | "fix" | "lsp" => is_report(a),
            "checks" | "explain" => a.get_id() != "checks_dir",
            _ => false,
        })
        .map(|a| a.get_id().to_string())
        .collect()
}

/// The command line's grammar.
pub(crate) fn command() -> clap::Command {
    let mut cmd = Cli::command();
    for name in ["exposure", "model", "checks", "explain", "fix", "lsp"] {
        cmd = cmd.mut_subcommand(name, |mut sub| {
            for id in unused_settings(name) {
                sub = sub.mut_arg(id, |a| a.hide(true));
            }
            sub
        });
    }
    cmd
}

/// Parses the process's arguments (exiting with clap's message and code 2 on a usage
/// error, or 0 for --help and --version).
pub fn parse() -> (Cli, ArgMatches) {
    let matches = command().get_matches();
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => (cli, matches),
        Err(e) => e.exit(),
    }
}

/// The settings given on the command line, and those given as `TFSCAN_*` variables
/// (each with its variable), told apart by where clap found each value.
fn split_sources(
    settings: Settings,
    m: &ArgMatches,
) -> Result<(Settings, Vec<(String, Settings)>), String> {
    let mut cli = toml::Table::new();
    let mut env = Vec::new();
    for (key, value) in settings.to_table()? {
        let id = key.replace('-', "_");
        if m.value_source(&id) == Some(ValueSource::EnvVariable) {
            let mut one = toml::Table::new();
            one.insert(key.clone(), value);
            env.push((settings::env_var(&key), Settings::from_table(one)?));
        } else {
            cli.insert(key, value);
        }
    }
    Ok((Settings::from_table(cli)?, env))
}

/// The effective settings for `target`, from every source.
fn effective(settings: Settings, m: &ArgMatches, target: &Target) -> Result<Effective, String> {
    let (cli, env) = split_sources(settings, m)?;
    let user = settings::user_config_path();
    settings::gather(
        cli,
        env,
        &target.path,
        target.config.as_deref(),
        user.as_deref(),
    )?
    .resolve()
}

/// Runs a command, writing its output to `out`; the result is the exit code, or a
/// message for exit 2.
pub fn run(cli: Cli, matches: &ArgMatches, out: &mut dyn Write) -> Result<u8, String> {
    let m = matches.subcommand().map(|(_, m)| m).unwrap_or(matches);
    match cli.command {
        Command::Scan(args) => scan(args, m, out),
        Command::Checks {
            format,
            settings,
            config,
        } => {
            let catalog = user_catalog("checks", settings, config, m)?;
            list_checks(format, &catalog, out)
        }
        Command::Explain {
            id,
            settings,
            config,
        } => {
            let catalog = user_catalog("explain", settings, config, m)?;
            explain(&id, &catalog, out)
        }
        Command::Exposure {
            target,
            settings,
            format,
        } => exposure(&target, settings, &format, m, out),
        Command::Model { target, settings } => model(&target, settings, m, out),
        Command::Fix {
            target,
            settings,
            dry_run,
        } => fix(&target, settings, dry_run, m, out),
        Command::Lsp { settings } => lsp(settings, m),
        Command::Config {
            target,
            mut settings,
            format,
            reference,
        } => {
            if reference {
                write(out, &settings::reference_markdown())?;
                return Ok(0);
            }
            settings.format = format.format;
            let effective = effective(settings, m, &target)?;
            let text = settings::describe(&effective, &searched_files(&target));
            // Values may come from the scanned tree's configuration.
            write(out, &neutralise_lines(&text))?;
            Ok(0)
        }
        Command::InitConfig { path, force } => {
            if path.exists() && !force {
                return Err(format!(
                    "{} already exists (use --force to replace it)",
                    path.display()
                ));
            }
            std::fs::write(&path, settings::TEMPLATE)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("tfscan: wrote {}", path.display());
            Ok(0)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut command(), "tfscan", out);
            Ok(0)
        }
    }
}

fn write(out: &mut dyn Write, text: &str) -> Result<(), String> {
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// The built-in checks and those of `checks-dir`, from every source of settings.
fn user_catalog(
    command: &str,
    settings: Settings,
    config: ConfigArg,
    m: &ArgMatches,
) -> Result<crate::engine::Catalog, String> {
    refuse_unused_settings(command, m)?;
    let settings = effective(settings, m, &config.target())?.settings;
    let opts = Options {
        checks_dirs: settings.checks_dir.unwrap_or_default(),
        ..Options::default()
    };
    crate::catalog(&opts).map_err(|e| e.to_string())
}

fn list_checks(
    format: ListFormat,
    catalog: &crate::engine::Catalog,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let text = match format {
        ListFormat::Json => crate::engine::listing::json(catalog),
        // Check files may come from the scanned tree (`checks-dir`).
        ListFormat::Human => neutralise_lines(&crate::engine::listing::table(catalog)).into_owned(),
        ListFormat::Markdown => crate::engine::listing::markdown(catalog),
    };
    write(out, &text)?;
    Ok(0)
}

fn explain(id: &str, catalog: &crate::engine::Catalog, out: &mut dyn Write) -> Result<u8, String> {
    let check = catalog
        .find(id)
        .ok_or_else(|| format!("no check with id or alias '{id}' (see tfscan checks)"))?;
    write(
        out,
        &neutralise_lines(&crate::engine::listing::explain(check)),
    )?;
    Ok(0)
}

fn exposure(
    target: &Target,
    settings: Settings,
    format: &str,
    m: &ArgMatches,
    out: &mut dyn Write,
) -> Result<u8, String> {
    refuse_unused_settings("exposure", m)?;
    let settings = effective(settings, m, target)?.settings;
    let mut opts = options(&target.path, &settings)?;
    opts.plan = target.plan.clone();
    let input = crate::load_input(&opts).map_err(|e| e.to_string())?;
    let text =
        crate::network::exposure_report(&input.model, &input.sources, format, opts.internet_share)?;
    // JSON escapes what it must; the table and the drawings carry names and tags from the
    // tree as they are.
    if format == "json" {
        write(out, &text)?;
    } else {
        write(out, &neutralise_lines(&text))?;
    }
    Ok(0)
}

fn model(
    target: &Target,
    settings: Settings,
    m: &ArgMatches,
    out: &mut dyn Write,
) -> Result<u8, String> {
    refuse_unused_settings("model", m)?;
    let settings = effective(settings, m, target)?.settings;
    let mut opts = options(&target.path, &settings)?;
    opts.plan = target.plan.clone();
    let input = crate::load_input(&opts).map_err(|e| e.to_string())?;
    let text = crate::model::json::render(&input.model, &input.sources, &input.diagnostics);
    write(out, &text)?;
    Ok(if input.diagnostics.iter().any(|d| d.kind.is_error()) {
        3
    } else {
        0
    })
}

/// `tfscan fix`: applies the safe, local fixes of the scan's findings (or prints them as a
/// diff), saying on stderr what it fixed and what it skipped and why.
fn fix(
    target: &Target,
    settings: Settings,
    dry_run: bool,
    m: &ArgMatches,
    out: &mut dyn Write,
) -> Result<u8, String> {
    refuse_unused_settings("fix", m)?;
    if target.plan.is_some() {
        return Err("--plan does not apply to `tfscan fix`: fixes edit the configuration".into());
    }
    let settings = effective(settings, m, target)?.settings;
    let opts = options(&target.path, &settings)?;
    let report = crate::scan(&opts).map_err(|e| e.to_string())?;
    let (fixed, outcomes) = crate::fix::fix_report(&report);
    for o in &outcomes {
        let line = match &o.result {
            Ok(title) => format!(
                "fixed {}:{} {} ({}): {title}",
                o.file, o.line, o.address, o.check
            ),
            Err(why) => format!(
                "skipped {}:{} {} ({}): {why}",
                o.file, o.line, o.address, o.check
            ),
        };
        eprintln!("tfscan: {}", neutralise_lines(&line));
    }
    for f in &fixed {
        if dry_run {
            write(out, &crate::fix::diff(&f.rel, &f.before, &f.after))?;
        } else {
            std::fs::write(&f.path, &f.after)
                .map_err(|e| format!("cannot write {}: {e}", f.path.display()))?;
        }
    }
    Ok(0)
}

/// `tfscan lsp`: serves the editor on stdin and stdout until it says exit.
fn lsp(settings: Settings, m: &ArgMatches) -> Result<u8, String> {
    refuse_unused_settings("lsp", m)?;
    let options_for = |dir: &Path| {
        let target = Target {
            path: dir.to_path_buf(),
            plan: None,
            config: None,
        };
        let settings = effective(settings.clone(), m, &target)?.settings;
        let mut opts = options(dir, &settings)?;
        // A server runs for hours: a configured timeout bounds each scan's stages, not
        // the session.
        opts.eval.limits.deadline = None;
        Ok(opts)
    };
    crate::lsp::run(&options_for)?;
    Ok(0)
}

/// The configuration files `tfscan config` looked for, and whether each was found.
fn searched_files(target: &Target) -> Vec<String> {
    let dir = if target.path.is_file() {
        target.path.parent().unwrap_or(Path::new("."))
    } else {
        &target.path
    };
    let project = match (&target.config, settings::discover(dir)) {
        (Some(file), _) => format!("--config: {}", file.display()),
        (None, Some(found)) => format!("project config: {}", found.display()),
        (None, None) => format!(
            "project config: no {} from {} up to the repository root",
            settings::FILE_NAME,
            dir.display()
        ),
    };
    let user = match settings::user_config_path() {
        Some(p) if p.symlink_metadata().is_ok() => format!("user config: {}", p.display()),
        Some(p) => format!("user config: {} (not found)", p.display()),
        None => "user config: none (neither XDG_CONFIG_HOME nor HOME is set)".to_string(),
    };
    vec![project, user]
}

/// A setting a command does not read, given on its command line, is a mistake worth
/// saying (one in a file or the environment is meant for the commands that read it).
fn refuse_unused_settings(command: &str, m: &ArgMatches) -> Result<(), String> {
    for id in unused_settings(command) {
        if m.value_source(&id) == Some(ValueSource::CommandLine) {
            return Err(format!(
                "--{} does not apply to `tfscan {command}`",
                id.replace('_', "-")
            ));
        }
    }
    Ok(())
}

fn scan(args: ScanArgs, m: &ArgMatches, out: &mut dyn Write) -> Result<u8, String> {
    let mut cli = args.settings;
    cli.format = args.format.format;
    let settings = effective(cli, m, &args.target)?.settings;
    let allow_incomplete = settings.allow_incomplete.unwrap_or(false);
    // Check every --output before scanning, so a typo costs no scan.
    let outputs = settings
        .output
        .iter()
        .flatten()
        .map(|spec| settings::parse_output(spec))
        .collect::<Result<Vec<_>, _>>()?;
    let format = settings.format.unwrap_or(Format::Human);
    let mut opts = options(&args.target.path, &settings)?;
    opts.plan = args.target.plan.clone();
    opts.skip_rule_subjects =
        format != Format::Junit && outputs.iter().all(|(format, _)| *format != Format::Junit);
    opts.exits_after_scan = true;
    // Only the human report shows source text (snippets); the baseline file names
    // files and fingerprints.
    opts.positions_only =
        format != Format::Human && outputs.iter().all(|(format, _)| *format != Format::Human);
    opts.eval.reevaluate_identical_modules = args.reevaluate_identical_modules;
    if let Some(seconds) = settings.timeout {
        hard_stop_after(seconds);
    }
    let mut report = crate::scan(&opts).map_err(|e| e.to_string())?;

    let fail_on = settings.fail_on.unwrap_or(Threshold::High).severity();
    let failing = fail_on.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
    if let Some(file) = &args.write_baseline {
        let current = report
            .findings
            .iter()
            .chain(report.baseline.iter().flat_map(|b| b.findings.iter()));
        std::fs::write(file, render_baseline(current, &report.sources))
            .map_err(|e| format!("cannot write the baseline {}: {e}", file.display()))?;
    }
    if let Some(min) = settings.min_severity.and_then(Threshold::severity) {
        report.retain_min_severity(min, fail_on);
    }

    let style = Style {
        colour: colour(settings.color.unwrap_or(ColorChoice::Auto)),
        quiet: settings.quiet.unwrap_or(false),
        base: display_base(&report.root),
    };
    render(&report, format, &style, out).map_err(|e| e.to_string())?;
    let plain = Style {
        colour: false,
        ..style
    };
    for (format, path) in outputs {
        std::fs::File::create(&path)
            .and_then(|mut file| render(&report, format, &plain, &mut file))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    report.timings.lap("render");
    if args.timings {
        eprint!("{}", timings_table(&report));
    }
    let code = if failing {
        1
    } else if report.incomplete() && !allow_incomplete {
        3
    } else {
        0
    };
    // The process ends here: freeing the report's many small allocations one by one
    // would only delay the exit.
    std::mem::forget(report);
    Ok(code)
}

/// Whether stdout gets colour: `--color always` and `never` decide; `auto` colours a
/// terminal unless `NO_COLOR` is set, and `CLICOLOR_FORCE` colours anything (the
/// conventions anstream implements: no-color.org and bixense.com/clicolors).
fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// What the compact format puts before a file's path (relative to the scan root) so that
/// the path opens from the current directory: the scan root relative to it when it lies
/// below, else the scan root.
fn display_base(root: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| root.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| root.to_path_buf())
}

/// How the human and compact formats are written.
#[derive(Debug, Clone)]
pub struct Style {
    pub colour: bool,
    pub quiet: bool,
    /// Prefix of the compact format's paths.
    pub base: PathBuf,
}

/// Writes the report in `format` to `out` through a buffer; JSON and SARIF are streamed,
/// never held whole in memory.
pub(crate) fn render(
    report: &Report,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Json => json::write(report, &mut out)?,
        Format::Sarif => sarif::write(report, &mut out)?,
        Format::Junit => out.write_all(junit::render(report).as_bytes())?,
        Format::Human => human::render_styled(report, style.colour, style.quiet, &mut out)?,
        Format::Compact => compact::render(report, &style.base, style.quiet, &mut out)?,
    }
    out.flush()
}

/// The library's options for scanning `path` with `s`.
pub(crate) fn options(path: &Path, s: &Settings) -> Result<Options, String> {
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
        eval: crate::eval::EvalOptions {
            workspace: s.workspace.clone().unwrap_or_else(|| "default".to_string()),
            cli_vars,
            env_vars,
            limits: limits(s),
            reevaluate_identical_modules: false,
        },
        include_checks: s.include_checks.clone().unwrap_or_default(),
        exclude_checks: s.exclude_checks.clone().unwrap_or_default(),
        severity_overrides: s
            .severity_overrides
            .iter()
            .flatten()
            .map(|o| (o.check.clone(), o.severity))
            .collect(),
        no_inline_ignores: s.no_inline_ignores.unwrap_or(false),
        baseline,
        today: None,
        plan: None,
        internet_share: s.internet_share.unwrap_or_default(),
        skip_rule_subjects: false,
        exits_after_scan: false,
        positions_only: false,
        overlay: None,
        only_roots: None,
    })
}

/// The configured limits over the defaults; `--timeout` starts counting now.
fn limits(s: &Settings) -> crate::eval::Limits {
    let d = crate::eval::Limits::default();
    let size = |v: Option<u64>, default: usize| {
        v.map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX))
    };
    crate::eval::Limits {
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

/// The `--timings` table: each stage, the total, what was scanned and the peak RSS.
fn timings_table(report: &Report) -> String {
    let t = &report.timings;
    let mut text = String::from("tfscan timings:\n");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let cpu = |d: Option<Duration>| match d {
        Some(d) => format!("  {:>9.1} ms CPU", ms(d)),
        None => String::new(),
    };
    for s in &t.stages {
        text.push_str(&format!("  {:<16} {:>9.1} ms", s.name, ms(s.wall)));
        text.push_str(&cpu(s.cpu));
        if let Some(kib) = s.rss_kib {
            text.push_str(&format!("  {:>7.1} MB resident", kib as f64 / 1024.0));
        }
        text.push('\n');
        if s.name.starts_with("evaluate") {
            let m = t.module_instances;
            text.push_str(&format!(
                "  {:<16} {} module instances evaluated, {} reused from an identical one\n",
                "", m.evaluated, m.reused
            ));
        }
    }
    let bytes: usize = report.sources.files().map(|(_, f)| f.len()).sum();
    text.push_str(&format!(
        "  {:<16} {:>9.1} ms{}  ({} files, {:.1} MB, {} resources, {} findings",
        "total",
        ms(t.total()),
        cpu(t.total_cpu()),
        report.sources.files().count(),
        bytes as f64 / (1024.0 * 1024.0),
        report.resources,
        report.findings.len(),
    ));
    if let Some(kib) = crate::memory_kib("VmHWM:") {
        text.push_str(&format!(", peak RSS {:.0} MB", kib as f64 / 1024.0));
    }
    text.push_str(")\n");
    text
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
pub fn install_panic_hook() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> (Cli, ArgMatches) {
        let matches = command()
            .try_get_matches_from(std::iter::once("tfscan").chain(args.iter().copied()))
            .expect("valid arguments");
        let cli = Cli::from_arg_matches(&matches).expect("matches the definition");
        (cli, matches)
    }

    #[test]
    fn the_grammar_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn short_flags_are_the_long_ones() {
        let (cli, m) = parse_args(&[
            "scan",
            "-f",
            "compact",
            "-o",
            "json=x.json",
            "-q",
            "-c",
            "my.toml",
            "dir",
        ]);
        let Command::Scan(args) = cli.command else {
            panic!("a scan")
        };
        assert_eq!(args.format.format, Some(Format::Compact));
        assert_eq!(args.settings.output, Some(vec!["json=x.json".to_string()]));
        assert_eq!(args.settings.quiet, Some(true));
        assert_eq!(args.target.config, Some(PathBuf::from("my.toml")));
        assert_eq!(args.target.path, PathBuf::from("dir"));
        let (sub, m) = m.subcommand().expect("a subcommand");
        assert_eq!(sub, "scan");
        let (cli, env) = split_sources(args.settings, m).expect("splits");
        assert!(env.is_empty());
        assert_eq!(cli.quiet, Some(true));
    }

    #[test]
    fn flags_that_take_no_value_may_be_given_one() {
        let (cli, _) = parse_args(&["scan", "--no-inline-ignores=false", "--quiet"]);
        let Command::Scan(args) = cli.command else {
            panic!("a scan")
        };
        assert_eq!(args.settings.no_inline_ignores, Some(false));
        assert_eq!(args.settings.quiet, Some(true));
        let (cli, _) = parse_args(&["scan"]);
        let Command::Scan(args) = cli.command else {
            panic!("a scan")
        };
        assert_eq!(args.settings, Settings::default());
    }

    #[test]
    fn settings_a_command_does_not_read_are_refused() {
        let (_, m) = parse_args(&["model", "--fail-on", "low", "dir"]);
        let (_, m) = m.subcommand().expect("a subcommand");
        assert_eq!(
            refuse_unused_settings("model", m),
            Err("--fail-on does not apply to `tfscan model`".into())
        );
        let (_, m) = parse_args(&["exposure", "-f", "dot", "--workspace", "prod"]);
        let (_, m) = m.subcommand().expect("a subcommand");
        assert_eq!(refuse_unused_settings("exposure", m), Ok(()));
        let (_, m) = parse_args(&["explain", "--workspace", "prod", "x"]);
        let (_, m) = m.subcommand().expect("a subcommand");
        assert_eq!(
            refuse_unused_settings("explain", m),
            Err("--workspace does not apply to `tfscan explain`".into())
        );
    }

    #[test]
    fn options_take_every_setting_and_defaults_for_the_rest() {
        let s = Settings {
            var: Some(vec!["region=eu-west-1".into()]),
            workspace: Some("prod".into()),
            severity_overrides: Some(vec!["aws-x=low".parse().expect("valid")]),
            max_module_depth: Some(3),
            ..Settings::default()
        };
        let o = options(Path::new("dir"), &s).expect("valid");
        assert_eq!(
            o.eval.cli_vars,
            vec![("region".to_string(), "eu-west-1".to_string())]
        );
        assert_eq!(o.eval.workspace, "prod");
        assert_eq!(
            o.severity_overrides,
            vec![("aws-x".to_string(), crate::check::Severity::Low)]
        );
        assert_eq!(o.eval.limits.max_module_depth, 3);
        assert_eq!(o.eval.limits.max_expr_depth, 200);
        let bad = Settings {
            var: Some(vec!["region".into()]),
            ..Settings::default()
        };
        assert_eq!(
            options(Path::new("dir"), &bad).err(),
            Some("--var 'region' must be NAME=VALUE".to_string())
        );
    }

    #[test]
    fn colour_choices_that_decide_alone() {
        assert!(colour(ColorChoice::Always));
        assert!(!colour(ColorChoice::Never));
    }
}
