//! tfscan: a Terraform security scanner that evaluates the configuration the way
//! Terraform would and reasons about the network exactly.
//!
//! Data flows one way: files → parsed bodies ([`loader`]) → evaluated module instances
//! ([`eval`]) → resource model ([`model`]) → checks ([`engine`], [`checks`], [`network`])
//! → findings → suppression ([`suppress`]) → renderers ([`report`]).

// Input must never reach a panic: outside tests, `expect` with the invariant that makes
// failure impossible is the only way to unwrap (issue #9).
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod check;
pub(crate) mod checks;
pub mod cli;
pub mod decimal;
pub mod diag;
pub mod engine;
pub mod eval;
pub(crate) mod finding;
pub mod fix;
pub mod iam;
pub mod loader;
pub mod lsp;
pub mod model;
pub mod network;
pub(crate) mod plan;
pub mod report;
pub(crate) mod secrets;
pub mod settings;
pub(crate) mod source;
pub mod suppress;
pub mod terminal;
pub(crate) mod untrusted;
pub mod value;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use check::Severity;
use engine::Catalog;
use report::{BaselineUse, Report, RuleRun};
pub use report::{Stage, Timings, memory_kib};
use suppress::Baseline;

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
    /// Run only these checks (ids or aliases); all when empty.
    pub include_checks: Vec<String>,
    /// Never run these checks (ids or aliases).
    pub exclude_checks: Vec<String>,
    /// Check id or alias → the severity its findings get instead of the check's own.
    pub severity_overrides: Vec<(String, Severity)>,
    /// `--no-inline-ignores`: report findings that ignore comments cover.
    pub no_inline_ignores: bool,
    /// `--baseline`: the file as given, and its fingerprints.
    pub baseline: Option<(String, Baseline)>,
    /// The day ignore expiry is judged against; today when `None`.
    pub today: Option<suppress::Date>,
    /// A plan (`terraform show -json`) for the configuration at `path`: the model comes
    /// from the plan, locations from the configuration.
    pub plan: Option<PathBuf>,
    /// `--internet-share`: how much of a family's internet addresses counts as the
    /// internet in network checks and reachability.
    pub internet_share: network::BroadShare,
    /// Do not list the resources each check applied to (`Report::rules`); only the JUnit
    /// report reads them (as passing test cases), and on a large tree they are millions.
    pub skip_rule_subjects: bool,
    /// The caller exits once the report is written, so the model's memory (millions of
    /// small allocations on a large tree) is left to the operating system instead of
    /// being freed piece by piece.
    pub exits_after_scan: bool,
    /// The caller renders only formats that show files' names and positions, never their
    /// text (JSON, SARIF, JUnit, compact): the texts that positions do not need are
    /// dropped, a root's own files' as soon as that root is checked
    /// ([`eval::evaluate_each`]), the rest once every root is
    /// ([`SourceMap::keep_positions_only`]), and the report's sources hold no text for
    /// those files. A plan's scan keeps its text.
    ///
    /// [`SourceMap::keep_positions_only`]: source::SourceMap::keep_positions_only
    pub positions_only: bool,
    /// Texts that stand in for files of the tree (an editor's unsaved buffers).
    pub overlay: Option<Arc<loader::Overlay>>,
    /// Evaluate only these root modules (directories relative to the scan root); every
    /// root when `None`. The editor rescans just the root an edit touched.
    pub only_roots: Option<Vec<String>>,
}

/// What the checks run on, from either front end.
pub struct Input {
    pub root: PathBuf,
    pub sources: source::SourceMap,
    /// The inline ignores of the configuration's files and the notes about them (read
    /// before evaluation frees the syntax trees); `None` with `no_inline_ignores`.
    pub inline: Option<(Vec<suppress::inline::Ignore>, Vec<diag::Diagnostic>)>,
    pub roots: usize,
    /// Every root module directory of the tree (relative to the root), including those
    /// `only_roots` left out.
    pub root_dirs: Vec<String>,
    pub model: model::Model,
    pub diagnostics: Vec<diag::Diagnostic>,
    /// Whether the model's values come from a plan (`--plan`, or a plan file alone).
    pub from_plan: bool,
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

/// Loads and evaluates the Terraform under `opts.path` into the resource model. The
/// returned `Loaded` no longer holds the root modules' files: evaluation frees them.
pub fn load_model(
    opts: &Options,
) -> Result<(loader::Loaded, model::Model, Vec<diag::Diagnostic>), ScanError> {
    let m = load_model_timed(opts, &mut Timings::default())?;
    Ok((m.loaded, m.model, m.diagnostics))
}

/// Loads and evaluates `opts.path` and describes the result line by line: every instance
/// (values with their provenance and unknowns, module chain, spans) in address order,
/// then every diagnostic. Two evaluations agree exactly when their lines do; the module
/// reuse tests and the `structured` fuzz target compare evaluations this way.
pub fn evaluation_lines(opts: &Options) -> Result<Vec<String>, ScanError> {
    let (_, model, diagnostics) = load_model(opts)?;
    let mut lines: Vec<String> = model
        .instances
        .iter()
        .chain(&model.providers)
        .map(|r| format!("{r:?}"))
        .collect();
    lines.sort();
    lines.extend(diagnostics.iter().map(|d| format!("{d:?}")));
    Ok(lines)
}

/// What loading and evaluating a configuration produced.
struct LoadedModel {
    loaded: loader::Loaded,
    root_dirs: Vec<String>,
    model: model::Model,
    diagnostics: Vec<diag::Diagnostic>,
    inline: Option<(Vec<suppress::inline::Ignore>, Vec<diag::Diagnostic>)>,
}

fn load_model_timed(opts: &Options, timings: &mut Timings) -> Result<LoadedModel, ScanError> {
    let (mut loaded, root_dirs) = load_tree(opts)?;
    timings.lap("read and parse");
    // Inline ignores are the syntax trees' only use besides evaluation, which parses
    // the root modules' files and frees their trees root by root: read them meanwhile.
    let (evaluated, found) = eval::evaluate_with(&mut loaded, &opts.eval, |files, sources| {
        (!opts.no_inline_ignores).then(|| suppress::inline::collect(files, sources))
    });
    timings.lap("evaluate");
    timings.module_instances = evaluated.module_instances;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(evaluated.diagnostics);
    let model = model::Model::new(evaluated.instances);
    timings.lap("model");
    Ok(LoadedModel {
        loaded,
        root_dirs,
        model,
        diagnostics,
        inline: inline_ignores(opts, found),
    })
}

/// Reads and parses the tree under `opts.path` (root modules' files may be left for
/// evaluation to parse), keeping only the roots `opts.only_roots` names; also returns
/// every root module directory.
fn load_tree(opts: &Options) -> Result<Tree, ScanError> {
    let excludes = globset(&opts.excludes)?;
    let mut loaded = loader::load(
        &opts.path,
        &loader::LoadOptions {
            excludes: &excludes,
            max_file_bytes: opts.eval.limits.max_file_bytes,
            var_files: &opts.var_files,
            overlay: opts.overlay.as_deref(),
        },
    )
    .map_err(|e| ScanError::Usage(e.to_string()))?;
    let root_dirs = loaded.roots.clone();
    if let Some(only) = &opts.only_roots {
        loaded.roots.retain(|r| only.contains(r));
    }
    Ok((loaded, root_dirs))
}

/// Inline ignores and their notes as every parsed file's inspection found them, in file
/// order; `None` with `--no-inline-ignores`.
type Inline = Option<(Vec<suppress::inline::Ignore>, Vec<diag::Diagnostic>)>;

fn inline_ignores(opts: &Options, found: Vec<Inline>) -> Inline {
    (!opts.no_inline_ignores).then(|| {
        let (mut ignores, mut notes) = (Vec::new(), Vec::new());
        for (i, n) in found.into_iter().flatten() {
            ignores.extend(i);
            notes.extend(n);
        }
        (ignores, notes)
    })
}

/// Applies `--include-checks`, `--exclude-checks` and `--severity-overrides` to the
/// catalogue; an id that names no check is a usage error naming the setting.
pub fn select_checks(catalog: &mut Catalog, opts: &Options) -> Result<(), ScanError> {
    let resolve = |setting: &str, id: &str| {
        catalog.find(id).map(|c| c.id.clone()).ok_or_else(|| {
            ScanError::Usage(format!(
                "{setting}: no check with id or alias '{id}' (see tfscan checks)"
            ))
        })
    };
    let include = opts
        .include_checks
        .iter()
        .map(|id| resolve("include-checks", id))
        .collect::<Result<Vec<_>, _>>()?;
    let exclude = opts
        .exclude_checks
        .iter()
        .map(|id| resolve("exclude-checks", id))
        .collect::<Result<Vec<_>, _>>()?;
    let overrides = opts
        .severity_overrides
        .iter()
        .map(|(id, sev)| resolve("severity-overrides", id).map(|id| (id, *sev)))
        .collect::<Result<Vec<_>, _>>()?;
    catalog.select(
        |c| (include.is_empty() || include.contains(&c.id)) && !exclude.contains(&c.id),
        |c| {
            overrides
                .iter()
                .find(|(id, _)| *id == c.id)
                .map(|(_, sev)| *sev)
        },
    );
    Ok(())
}

/// Loads the model from the configuration, from a plan, or from a plan with its
/// configuration (for locations).
pub fn load_input(opts: &Options) -> Result<Input, ScanError> {
    load_input_timed(opts, &mut Timings::default())
}

/// The model of a plan file scanned without its configuration.
fn load_bare_plan(opts: &Options, timings: &mut Timings) -> Result<Input, ScanError> {
    let mut sources = source::SourceMap::default();
    let name = opts
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let instances = plan::load(
        &opts.path,
        &name,
        &mut sources,
        None,
        opts.eval.limits.max_plan_bytes,
    )
    .map_err(ScanError::Usage)?;
    timings.lap("read plan");
    let note = diag::Diagnostic::new(
        diag::DiagKind::Coverage,
        "scanning a plan without its configuration: source lines are not available, \
         locations point at each resource's address in the plan (use --plan PLAN DIR)",
        None,
    );
    Ok(Input {
        root: opts.path.parent().map(PathBuf::from).unwrap_or_default(),
        sources,
        inline: (!opts.no_inline_ignores).then(Default::default),
        roots: 1,
        root_dirs: vec![String::new()],
        model: model::Model::new(instances),
        diagnostics: vec![note],
        from_plan: true,
    })
}

fn load_input_timed(opts: &Options, timings: &mut Timings) -> Result<Input, ScanError> {
    let bare_plan = opts.plan.is_none()
        && opts.path.is_file()
        && opts.path.extension().is_some_and(|e| e == "json");
    if bare_plan {
        return load_bare_plan(opts, timings);
    }
    let LoadedModel {
        loaded,
        root_dirs,
        model: source_model,
        diagnostics,
        inline,
    } = load_model_timed(opts, timings)?;
    let roots = loaded.roots.len();
    let mut sources = loaded.sources;
    let Some(plan_path) = &opts.plan else {
        return Ok(Input {
            root: loaded.root,
            sources,
            inline,
            roots,
            root_dirs,
            model: source_model,
            diagnostics,
            from_plan: false,
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
    let instances = plan::load(
        plan_path,
        &rel,
        &mut sources,
        Some(&source_model),
        opts.eval.limits.max_plan_bytes,
    )
    .map_err(ScanError::Usage)?;
    timings.lap("read plan");
    // Evaluation notes (unsupported functions, unknown values) do not apply: the plan
    // supplies the values. Read and parse errors still make locations incomplete.
    let diagnostics = diagnostics
        .into_iter()
        .filter(|d| d.kind.is_error())
        .collect();
    Ok(Input {
        root: loaded.root,
        sources,
        inline,
        roots,
        root_dirs,
        model: model::Model::new(instances),
        diagnostics,
        from_plan: true,
    })
}

/// Scans a directory (or one file, or a plan) and returns the report.
pub fn scan(opts: &Options) -> Result<Report, ScanError> {
    if from_plan(opts) {
        return scan_with(catalog(opts)?, opts);
    }
    // The catalogue (a few milliseconds of parsing) is read on a thread of its own while
    // this one walks the tree, which keeps one core busy. Its error still comes first,
    // as when it was read before the tree, then a usage error of the checks selected,
    // then the tree's.
    let timings = Timings::default();
    let (catalog, tree) = std::thread::scope(|scope| {
        let catalog = scope.spawn(|| catalog(opts));
        let tree = load_tree(opts);
        (catalog.join(), tree)
    });
    let catalog = catalog.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    scan_loaded(catalog, opts, Some(tree), timings)
}

/// [`scan`] with a catalogue already loaded (`opts.checks_dirs` is not read again): for
/// callers that scan many trees, such as the fuzz targets.
pub fn scan_with(catalog: Catalog, opts: &Options) -> Result<Report, ScanError> {
    scan_loaded(catalog, opts, None, Timings::default())
}

/// A tree read and parsed, with every root module directory ([`load_tree`]).
type Tree = (loader::Loaded, Vec<String>);

/// [`scan_with`] on the tree `tree` holds when it was read already, with `timings`
/// started when it began to be.
fn scan_loaded(
    mut catalog: Catalog,
    opts: &Options,
    tree: Option<Result<Tree, ScanError>>,
    mut timings: Timings,
) -> Result<Report, ScanError> {
    if tree.is_some() {
        timings.lap("read and parse");
    }
    // Ignores may name any check, including one this scan does not run.
    let every_name: std::collections::HashSet<String> = catalog
        .checks()
        .iter()
        .flat_map(|c| std::iter::once(&c.id).chain(&c.aliases))
        .map(|n| n.to_ascii_lowercase())
        .collect();
    select_checks(&mut catalog, opts)?;
    timings.lap("select checks");
    let checked = if from_plan(opts) {
        check_model(&catalog, opts, &mut timings)?
    } else {
        check_roots(&catalog, opts, tree, &mut timings)?
    };
    let (input, joined) = (checked.input, checked.joined);
    let (results, mut diagnostics, inline) = (joined.results, input.diagnostics, input.inline);
    diagnostics.extend(results.diagnostics);
    if !joined.not_run.is_empty() {
        diagnostics.push(diag::Diagnostic::new(
            diag::DiagKind::Limit,
            format!(
                "--timeout reached: {} of {} checks were not run: {}",
                joined.not_run.len(),
                catalog.checks().len(),
                joined.not_run.join(", ")
            ),
            None,
        ));
    }
    let rules = catalog
        .checks()
        .iter()
        .zip(joined.subjects)
        .map(|(check, resources)| RuleRun {
            check: check.clone(),
            resources,
        })
        .collect();
    let resources = joined.resources;

    let (findings, suppressed, baseline) = suppress_findings(
        results.findings,
        inline,
        &every_name,
        opts,
        &mut diagnostics,
    );
    timings.lap("suppress");

    let mut report = Report {
        repository_prefix: repository_prefix(&input.root),
        root: input.root,
        sources: input.sources,
        roots: input.roots,
        root_dirs: input.root_dirs,
        resources,
        rules,
        findings,
        unknown: results.unknown,
        suppressed,
        baseline,
        diagnostics,
        min_severity: None,
        from_plan: input.from_plan,
        hidden: Default::default(),
        timings,
    };
    report.sort();
    report.timings.lap("sort");
    Ok(report)
}

/// The findings left once the inline ignores and the baseline are applied, those the
/// ignores suppressed, and those the baseline holds.
fn suppress_findings(
    mut findings: Vec<finding::Finding>,
    inline: Option<(Vec<suppress::inline::Ignore>, Vec<diag::Diagnostic>)>,
    every_name: &std::collections::HashSet<String>,
    opts: &Options,
    diagnostics: &mut Vec<diag::Diagnostic>,
) -> (
    Vec<finding::Finding>,
    Vec<report::Suppressed>,
    Option<BaselineUse>,
) {
    let mut suppressed = Vec::new();
    if let Some((ignores, notes)) = inline {
        diagnostics.extend(notes);
        let known = |id: &str| every_name.contains(&id.to_ascii_lowercase());
        let cx = suppress::inline::Context {
            today: opts.today.unwrap_or_else(suppress::Date::today),
            workspace: &opts.eval.workspace,
            known: &known,
        };
        (findings, suppressed) = suppress::inline::apply(findings, &ignores, &cx, diagnostics);
    }
    let baseline = opts.baseline.as_ref().map(|(file, b)| {
        let (new, old) = b.split(std::mem::take(&mut findings));
        findings = new;
        BaselineUse {
            file: file.clone(),
            findings: old,
        }
    });
    (findings, suppressed, baseline)
}

/// Whether the model comes from a plan (`--plan`, or a plan file alone): one model for
/// the whole plan.
fn from_plan(opts: &Options) -> bool {
    opts.plan.is_some()
        || (opts.path.is_file() && opts.path.extension().is_some_and(|e| e == "json"))
}

/// What the checks gave, with everything else the report needs from the input.
struct Checked {
    /// The input without its model (empty: the model is freed once checked).
    input: Input,
    joined: engine::Joined,
}

/// Checks a plan's model, in one piece.
fn check_model(
    catalog: &Catalog,
    opts: &Options,
    timings: &mut Timings,
) -> Result<Checked, ScanError> {
    let mut input = load_input_timed(opts, timings)?;
    let model = std::mem::take(&mut input.model);
    let (results, not_run) =
        catalog.run_until(&model, opts.internet_share, opts.eval.limits.deadline);
    timings.lap("run checks");
    let subjects = catalog
        .checks()
        .iter()
        .map(|check| {
            if opts.skip_rule_subjects {
                return Vec::new();
            }
            check
                .resources
                .iter()
                .flat_map(|t| model.resources(t))
                .map(|r| (r.address.clone(), r.header))
                .collect()
        })
        .collect();
    let resources = model.instances.len();
    // Nothing below reads the model (findings hold their own addresses): free its many
    // small allocations on another thread while the report is sorted and rendered, or
    // not at all when the process ends after this scan.
    if opts.exits_after_scan {
        std::mem::forget(model);
    } else {
        std::thread::spawn(move || drop(model));
    }
    let joined = engine::Joined {
        results,
        not_run,
        subjects,
        resources,
    };
    Ok(Checked { input, joined })
}

/// Evaluates the configuration (read here unless `tree` holds it) and checks it root
/// module by root module, each root's model freed once its checks have run (see
/// [`engine::roots`]).
fn check_roots(
    catalog: &Catalog,
    opts: &Options,
    tree: Option<Result<Tree, ScanError>>,
    timings: &mut Timings,
) -> Result<Checked, ScanError> {
    let (mut loaded, root_dirs) = match tree {
        Some(tree) => tree?,
        None => {
            let tree = load_tree(opts)?;
            timings.lap("read and parse");
            tree
        }
    };
    let (share, deadline) = (opts.internet_share, opts.eval.limits.deadline);
    let subjects = !opts.skip_rule_subjects;
    let (evaluated, found, runs) = eval::evaluate_each(
        &mut loaded,
        &opts.eval,
        |files, sources| {
            (!opts.no_inline_ignores).then(|| suppress::inline::collect(files, sources))
        },
        |instances| catalog.run_root(instances, share, deadline, subjects),
        opts.positions_only,
    );
    timings.lap("evaluate, check");
    timings.module_instances = evaluated.module_instances;
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    diagnostics.extend(evaluated.diagnostics);
    if opts.positions_only {
        loaded.sources.keep_positions_only();
    }
    let joined = catalog.join(runs);
    let input = Input {
        roots: loaded.roots.len(),
        root: loaded.root,
        sources: loaded.sources,
        inline: inline_ignores(opts, found),
        root_dirs,
        model: model::Model::default(),
        diagnostics,
        from_plan: false,
    };
    Ok(Checked { input, joined })
}

/// The scan root relative to the nearest enclosing directory holding `.git` (a directory,
/// or a file in a worktree), with `/` separators; `""` when there is none. Code scanning
/// resolves SARIF URIs against the repository root, not the directory that was scanned.
fn repository_prefix(root: &Path) -> String {
    loader::git_root(root)
        .and_then(|dir| root.strip_prefix(dir).ok())
        .map(|rel| loader::relative(Path::new(""), rel))
        .unwrap_or_default()
}
