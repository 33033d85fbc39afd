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
pub mod plan;
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
    /// A plan (`terraform show -json`) for the configuration at `path`: the model comes
    /// from the plan, locations from the configuration.
    pub plan: Option<PathBuf>,
}

/// What the checks run on, from either front end.
pub struct Input {
    pub root: PathBuf,
    pub sources: source::SourceMap,
    pub roots: usize,
    pub model: model::Model,
    pub diagnostics: Vec<diag::Diagnostic>,
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

/// Loads the model from the configuration, from a plan, or from a plan with its
/// configuration (for locations).
pub fn load_input(opts: &Options) -> Result<Input, ScanError> {
    let bare_plan = opts.plan.is_none()
        && opts.path.is_file()
        && opts.path.extension().is_some_and(|e| e == "json");
    if bare_plan {
        let mut sources = source::SourceMap::default();
        let name = opts
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let instances =
            plan::load(&opts.path, &name, &mut sources, None).map_err(ScanError::Usage)?;
        let note = diag::Diagnostic::new(
            diag::DiagKind::Coverage,
            "scanning a plan without its configuration: source lines are not available, \
             locations point at each resource's address in the plan (use --plan PLAN DIR)",
            None,
        );
        return Ok(Input {
            root: opts.path.parent().map(PathBuf::from).unwrap_or_default(),
            sources,
            roots: 1,
            model: model::Model::new(instances),
            diagnostics: vec![note],
        });
    }
    let (loaded, source_model, diagnostics) = load_model(opts)?;
    let roots = loaded.roots.len();
    let mut sources = loaded.sources;
    let Some(plan_path) = &opts.plan else {
        return Ok(Input {
            root: loaded.root,
            sources,
            roots,
            model: source_model,
            diagnostics,
        });
    };
    let rel = plan_path
        .canonicalize()
        .ok()
        .and_then(|p| {
            p.strip_prefix(&loaded.root)
                .ok()
                .map(|r| loader::relative(std::path::Path::new(""), r))
        })
        .unwrap_or_else(|| plan_path.display().to_string());
    let instances =
        plan::load(plan_path, &rel, &mut sources, Some(&source_model)).map_err(ScanError::Usage)?;
    // Evaluation notes (unsupported functions, unknown values) do not apply: the plan
    // supplies the values. Read and parse errors still make locations incomplete.
    let diagnostics = diagnostics
        .into_iter()
        .filter(|d| d.kind.is_error())
        .collect();
    Ok(Input {
        root: loaded.root,
        sources,
        roots,
        model: model::Model::new(instances),
        diagnostics,
    })
}

/// Scans a directory (or one file, or a plan) and returns the report.
pub fn scan(opts: &Options) -> Result<Report, ScanError> {
    let catalog = catalog(opts)?;
    let input = load_input(opts)?;
    let results = catalog.run(&input.model);
    let mut report = Report {
        root: input.root,
        sources: input.sources,
        roots: input.roots,
        resources: input.model.instances.len(),
        checks: catalog.checks.len(),
        findings: results.findings,
        unknown: results.unknown,
        suppressed: Vec::new(),
        diagnostics: input.diagnostics,
    };
    report.sort();
    Ok(report)
}
