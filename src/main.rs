//! The `tfscan` command: parses arguments, calls the library, maps the outcome to an
//! exit code (0 clean, 1 findings at or above --fail-on, 2 usage error, 3 incomplete).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use tfscan::Options;
use tfscan::engine::check::Severity;
use tfscan::report::{Report, human, json};

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
    /// Print the evaluated resource model: every instance and its attributes.
    Model {
        #[command(flatten)]
        input: InputArgs,
    },
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
    /// The value of terraform.workspace.
    #[arg(long, default_value = "default")]
    workspace: String,
    /// Judge this plan (`terraform show -json` output) for the configuration in PATH.
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format on stdout.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long = "fail-on", value_enum, default_value_t = Threshold::High)]
    fail_on: Threshold,
    /// Show only findings at or above this severity (does not change the exit code).
    #[arg(long = "min-severity", value_enum)]
    min_severity: Option<Threshold>,
    /// Directory of extra check files; repeatable.
    #[arg(long = "checks-dir")]
    checks_dirs: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Threshold {
    Critical,
    High,
    Medium,
    Low,
    None,
}

impl Threshold {
    fn severity(self) -> Option<Severity> {
        match self {
            Threshold::Critical => Some(Severity::Critical),
            Threshold::High => Some(Severity::High),
            Threshold::Medium => Some(Severity::Medium),
            Threshold::Low => Some(Severity::Low),
            Threshold::None => None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("tfscan: {message}");
            ExitCode::from(2)
        }
    }
}

fn options(input: &InputArgs, checks_dirs: Vec<PathBuf>) -> Result<Options, String> {
    let mut cli_vars = Vec::new();
    for v in &input.vars {
        let (k, val) = v
            .split_once('=')
            .ok_or_else(|| format!("--var '{v}' must be NAME=VALUE"))?;
        cli_vars.push((k.to_string(), val.to_string()));
    }
    let mut env_vars: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    env_vars.sort();
    Ok(Options {
        path: input.path.clone(),
        excludes: input.exclude.clone(),
        checks_dirs,
        var_files: input.var_files.clone(),
        plan: input.plan.clone(),
        eval: tfscan::eval::EvalOptions {
            workspace: input.workspace.clone(),
            cli_vars,
            env_vars,
            limits: Default::default(),
        },
    })
}

fn run(cli: Cli) -> Result<u8, String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Scan(args) => {
            let opts = options(&args.input, args.checks_dirs.clone())?;
            let mut report = tfscan::scan(&opts).map_err(|e| e.to_string())?;
            let failing = args
                .fail_on
                .severity()
                .is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
            if let Some(min) = args.min_severity.and_then(Threshold::severity) {
                report.findings.retain(|f| f.severity >= min);
            }
            let format = args.format.unwrap_or(Format::Human);
            write_report(&report, format, &mut out).map_err(|e| e.to_string())?;
            Ok(if failing {
                1
            } else if report.incomplete() {
                3
            } else {
                0
            })
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
                ListFormat::Human => tfscan::engine::listing::table(&catalog),
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
            out.write_all(tfscan::engine::listing::explain(check).as_bytes())
                .map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Model { input } => {
            let opts = options(&input, vec![])?;
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
    }
}

fn write_report(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => out.write_all(json::render(report).as_bytes()),
        Format::Human => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            human::render(report, colour, out)
        }
    }
}
