//! tfscan: a Terraform security scanner that evaluates the configuration the way
//! Terraform would and reasons about the network exactly.
//!
//! Data flows one way: files → parsed bodies ([`loader`]) → evaluated module instances
//! ([`eval`]) → resource model ([`model`]) → checks ([`engine`], [`checks`], [`network`])
//! → findings → renderers ([`report`]).

pub mod checks;
pub mod diag;
pub mod engine;
pub mod eval;
pub mod loader;
pub mod model;
pub mod network;
pub mod report;
pub mod source;

use std::path::PathBuf;

use engine::Catalog;
use report::Report;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub path: PathBuf,
    /// Globs (relative to the scan root) of paths to skip.
    pub excludes: Vec<String>,
    /// Directories of user check files.
    pub checks_dirs: Vec<PathBuf>,
    pub eval: eval::EvalOptions,
    pub var_files: Vec<PathBuf>,
}

/// Why a scan could not run at all (exit code 2).
#[derive(Debug)]
pub enum ScanError {
    Usage(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Usage(m) => write!(f, "{m}"),
        }
    }
}

/// Builds the exclusion matcher from `--exclude` globs.
fn globset(patterns: &[String]) -> Result<globset::GlobSet, ScanError> {
    let mut b = globset::GlobSetBuilder::new();
    for p in patterns {
        let g = globset::Glob::new(p)
            .map_err(|e| ScanError::Usage(format!("invalid --exclude pattern '{p}': {e}")))?;
        b.add(g);
    }
    b.build()
        .map_err(|e| ScanError::Usage(format!("invalid --exclude patterns: {e}")))
}

/// Loads the catalogue of checks (built-in plus `--checks-dir`).
pub fn catalog(opts: &Options) -> Result<Catalog, ScanError> {
    Catalog::load(&opts.checks_dirs).map_err(|errs| ScanError::Usage(errs.join("\n")))
}

/// Loads and evaluates the Terraform under `opts.path` into the resource model.
pub fn load_model(
    opts: &Options,
) -> Result<(loader::Loaded, model::Model, Vec<diag::Diagnostic>), ScanError> {
    let excludes = globset(&opts.excludes)?;
    let loaded = loader::load(
        &opts.path,
        &loader::LoadOptions {
            excludes: &excludes,
            max_file_bytes: loader::DEFAULT_MAX_FILE_BYTES,
            var_files: &opts.var_files,
        },
    )
    .map_err(|e| ScanError::Usage(e.to_string()))?;
    let evaluated = eval::evaluate(&loaded, &opts.eval);
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(evaluated.diagnostics);
    let model = model::Model::new(evaluated.instances);
    Ok((loaded, model, diagnostics))
}

/// Scans a directory (or one file) and returns the report.
pub fn scan(opts: &Options) -> Result<Report, ScanError> {
    let catalog = catalog(opts)?;
    let (loaded, model, diagnostics) = load_model(opts)?;
    let results = catalog.run(&model);
    let mut report = Report {
        root: loaded.root,
        sources: loaded.sources,
        roots: loaded.roots.len(),
        resources: model.instances.len(),
        checks: catalog.checks.len(),
        findings: results.findings,
        unknown: results.unknown,
        suppressed: Vec::new(),
        diagnostics,
    };
    report.sort();
    Ok(report)
}
