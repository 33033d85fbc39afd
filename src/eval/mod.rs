//! The Terraform language: values, unknowns, scopes, functions, modules, count/for_each.
//!
//! Each root module is evaluated on its own (in parallel); inside it, module instances
//! evaluate lazily with memoisation, so a reference is resolved in dependency order and a
//! cycle is detected instead of followed. Parsed trees are borrowed, never cloned per
//! instance.

mod datasource;
mod expr;
mod functions;
mod inputs;
mod memo;
mod module;
mod policy_document;
mod types;

pub(crate) use policy_document::{
    json_has_hole as policy_json_has_hole, render as render_policy_document,
    rendered_json as policy_document_json,
};

use foldhash::HashMap;

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::loader::{Loaded, ParsedFile};
use crate::model::ResourceInstance;
use crate::source::{FileId, SourceMap};
use module::{ModInst, ModuleDef, RootEval};

/// Bounds that keep hostile input harmless (`--max-*` and `--timeout`). Hitting one is a
/// [`DiagKind::Limit`](crate::diag::DiagKind::Limit) diagnostic; the rest is scanned.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are not read (the loader's limit).
    pub max_file_bytes: u64,
    /// Plans (`--plan`) larger than this are not read.
    pub max_plan_bytes: u64,
    pub max_instances_per_resource: usize,
    pub max_total_instances: usize,
    pub max_module_depth: usize,
    /// Nested expressions, splats and chains of references to locals and resources.
    pub max_expr_depth: usize,
    /// When the scan stops: work not started by then is reported as not scanned.
    pub deadline: Option<std::time::Instant>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: crate::loader::DEFAULT_MAX_FILE_BYTES,
            max_plan_bytes: crate::plan::DEFAULT_MAX_PLAN_BYTES,
            max_instances_per_resource: 10_000,
            max_total_instances: 500_000,
            max_module_depth: 64,
            max_expr_depth: 200,
            deadline: None,
        }
    }
}

/// The highest `--max-expression-depth` accepted. Evaluation recurses once per level, so
/// a root is evaluated on a thread whose stack is sized for its limits ([`stack_size`]);
/// this cap keeps that stack within what a machine reserves without trouble (a few
/// hundred MiB of address space, committed only as it is used).
pub(crate) const MAX_EXPRESSION_DEPTH: usize = 10_000;
/// The highest `--max-module-depth` accepted, for the same reason.
pub(crate) const MAX_MODULE_DEPTH: usize = 1_000;

/// Stack for one level of expression nesting, with room to spare: the deepest frame
/// chain one level takes (a reference through a module output, a splat, a function
/// call) measured under 16 KiB in an unoptimised build.
const STACK_PER_EXPRESSION_LEVEL: usize = 32 << 10;
/// Stack for one level of module calls made outside any expression (`evaluate_all`).
const STACK_PER_MODULE_LEVEL: usize = 64 << 10;
/// Stack for everything else: the frames above evaluation and functions' own recursion
/// over values (bounded by their own depth limits).
const STACK_BASE: usize = 16 << 20;

/// The largest value evaluation keeps, counted logically (a list holding the same list
/// twice counts it twice, though it is stored once): past one of these a local, a
/// variable, a module argument or output, or a resource attribute is undecided and the
/// bound is reported. Sharing keeps a doubled value small in memory, but everything
/// that reads it whole (checks, `jsonencode`, reports) pays its logical size.
pub(crate) const MAX_VALUE_ELEMENTS: u64 = 1 << 22;
/// See [`MAX_VALUE_ELEMENTS`]: bytes of strings and keys in one value.
pub(crate) const MAX_VALUE_BYTES: u64 = 64 << 20;
/// See [`MAX_VALUE_ELEMENTS`]: how deep collections nest in one value. Checks walk values
/// recursively on ordinary threads; this keeps their stacks small.
pub(crate) const MAX_VALUE_DEPTH: u32 = 256;
/// The logical bytes of all resource and provider attributes of one root module: a
/// megabyte tag on ten thousand instances is ten gigabytes for every check that reads
/// tags. Past it, further attributes are undecided and the bound is reported once.
pub(crate) const MAX_ROOT_VALUE_BYTES: u64 = 1 << 30;

/// Which bound a value of this size passes, in words for a diagnostic.
pub(crate) fn oversized(size: crate::value::Size) -> Option<String> {
    if size.elements > MAX_VALUE_ELEMENTS {
        Some(format!(
            "the value has {} elements, more than tfscan's bound of {MAX_VALUE_ELEMENTS} for one value; it is undecided",
            size.elements
        ))
    } else if size.bytes > MAX_VALUE_BYTES {
        Some(format!(
            "the value holds {} bytes of text, more than tfscan's bound of {MAX_VALUE_BYTES} for one value; it is undecided",
            size.bytes
        ))
    } else if size.depth > MAX_VALUE_DEPTH {
        Some(format!(
            "the value nests {} levels deep, more than tfscan's bound of {MAX_VALUE_DEPTH}; it is undecided",
            size.depth
        ))
    } else {
        None
    }
}

/// The stack a root's evaluation needs under `limits`.
pub(crate) fn stack_size(limits: &Limits) -> usize {
    STACK_BASE
        + limits.expr_depth() * STACK_PER_EXPRESSION_LEVEL
        + limits.module_depth() * STACK_PER_MODULE_LEVEL
}

impl Limits {
    /// The expression-depth limit, never above [`MAX_EXPRESSION_DEPTH`] whatever a
    /// library caller set.
    pub(crate) fn expr_depth(&self) -> usize {
        self.max_expr_depth.min(MAX_EXPRESSION_DEPTH)
    }

    /// The module-depth limit, never above [`MAX_MODULE_DEPTH`].
    pub(crate) fn module_depth(&self) -> usize {
        self.max_module_depth.min(MAX_MODULE_DEPTH)
    }

    /// Whether `--timeout` has run out.
    pub(crate) fn expired(&self) -> bool {
        self.deadline
            .is_some_and(|d| std::time::Instant::now() >= d)
    }
}

#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    pub workspace: String,
    /// `--var NAME=VALUE`, in command-line order.
    pub cli_vars: Vec<(String, String)>,
    /// `TF_VAR_NAME` environment variables (name without the prefix).
    pub env_vars: Vec<(String, String)>,
    pub limits: Limits,
    /// Evaluate every module instance, even one whose inputs equal an earlier instance's
    /// of the same call (whose results are otherwise reused, see [`memo`]).
    pub reevaluate_identical_modules: bool,
}

impl EvalOptions {
    /// These options with the deadline evaluation must keep: three quarters of the time
    /// `--timeout` leaves, so that an expensive root stopped at its deadline leaves time
    /// for the checks to judge everything that was evaluated (the other roots, and this
    /// root's resources evaluated before it).
    fn for_evaluation(&self) -> EvalOptions {
        let mut opts = self.clone();
        let now = std::time::Instant::now();
        opts.limits.deadline = self
            .limits
            .deadline
            .map(|d| now + d.saturating_duration_since(now).mul_f64(0.75));
        opts
    }
}

/// How many module instances were evaluated, and how many reused an identical one's
/// evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ModuleInstances {
    pub evaluated: usize,
    pub reused: usize,
}

pub struct Evaluated {
    pub instances: Vec<ResourceInstance>,
    pub diagnostics: Vec<Diagnostic>,
    pub module_instances: ModuleInstances,
}

/// The diagnostic for a root module `--timeout` left unevaluated, at its first file.
fn timed_out(root_dir: &str, first: Option<FileId>) -> Diagnostic {
    Diagnostic::new(
        crate::diag::DiagKind::Limit,
        format!(
            "--timeout reached: root module '{}' was not evaluated",
            if root_dir.is_empty() { "." } else { root_dir }
        ),
        first.map(|f| crate::source::Span::new(f, 0..0)),
    )
}

/// Evaluates one root module (on a thread of the evaluation pool, whose stack fits the
/// depth limits).
fn evaluate_root(
    loaded: &Loaded,
    defs: &HashMap<String, ModuleDef<'_>>,
    def: &ModuleDef<'_>,
    opts: &EvalOptions,
    root_dir: &str,
) -> (Vec<ResourceInstance>, Vec<Diagnostic>, ModuleInstances) {
    let root = RootEval::new(loaded, defs, def, opts, root_dir);
    {
        // The root's inputs (tfvars, -var, defaults) are read by an instance without
        // inputs, then the root is evaluated with them.
        let inputs = ModInst::root(&root, def, HashMap::default()).root_inputs();
        ModInst::root(&root, def, inputs).evaluate_all();
    }
    root.finish()
}

/// The diagnostic for a root module that could not be evaluated because the evaluation
/// threads could not start (the system refused their stacks), at its first file.
fn not_started(
    root_dir: &str,
    first: Option<FileId>,
    e: &rayon::ThreadPoolBuildError,
) -> Diagnostic {
    Diagnostic::new(
        crate::diag::DiagKind::Limit,
        format!(
            "root module '{}' was not evaluated: cannot start the evaluation threads ({e})",
            if root_dir.is_empty() { "." } else { root_dir }
        ),
        first.map(|f| crate::source::Span::new(f, 0..0)),
    )
}

/// Evaluates every root module of a loaded tree, calling `inspect` on every parsed
/// configuration file while its syntax tree exists: once with the files of the modules roots call, then once per root module
/// with that root's own files. It returns what each call returned.
///
/// A root module's own files are parsed by its evaluation when the loader deferred them
/// ([`ParsedFile::deferred`]) and their trees are freed as soon as that root is
/// evaluated, so the trees of all roots (tens of times the size of their text) and the
/// evaluated instances are never all in memory at once. Afterwards `loaded.files` and
/// `loaded.modules` hold only the modules roots call, which keep their trees to the end.
pub(crate) fn evaluate_with<T: Send>(
    loaded: &mut Loaded,
    opts: &EvalOptions,
    inspect: impl Fn(&[&ParsedFile], &SourceMap) -> T + Sync,
) -> (Evaluated, Vec<T>) {
    let (mut evaluated, inspected, per_root) = evaluate_each(loaded, opts, inspect, |i| i, false);
    evaluated.instances = Vec::with_capacity(per_root.iter().map(Vec::len).sum());
    for instances in per_root {
        evaluated.instances.extend(instances);
    }
    (evaluated, inspected)
}

/// [`evaluate_with`] handing each root's instances to `each` as soon as that root is
/// evaluated, on the thread that evaluated it, and returning what `each` returned, in
/// root order (the returned [`Evaluated`] holds no instances). A scan checks a root's
/// instances there and keeps only the results, so the instances of all roots are never
/// in memory at once.
///
/// With `positions_only`, the texts of a root's own files that positions do not need
/// ([`SourceFile::drop_text`]) are dropped once `each` returned for that root, while
/// other roots still run: what reads them (parsing, `inspect`, evaluation, `each`) is
/// done, and no other root reads them (a root is a directory no module calls; the
/// modules roots call, `.tfvars` and `--var-file` files keep their texts).
///
/// [`SourceFile::drop_text`]: crate::source::SourceFile::drop_text
pub fn evaluate_each<T: Send, U: Send>(
    loaded: &mut Loaded,
    opts: &EvalOptions,
    inspect: impl Fn(&[&ParsedFile], &SourceMap) -> T + Sync,
    each: impl Fn(Vec<ResourceInstance>) -> U + Sync,
    positions_only: bool,
) -> (Evaluated, Vec<T>, Vec<U>) {
    let opts = &opts.for_evaluation();
    let owned = take_root_files(loaded);
    let firsts: Vec<Option<FileId>> = owned
        .iter()
        .map(|(_, files)| files.first().map(|f| f.file))
        .collect();
    let loaded = &*loaded;
    let (modules, defs) = called_modules(loaded);
    let mut inspected = vec![inspect(&modules, &loaded.sources)];
    let evaluate_roots = || -> Vec<RootResult<T, U>> {
        owned
            .into_par_iter()
            .map(|(root_dir, files)| {
                let own: Vec<FileId> = files.iter().map(|f| f.file).collect();
                let (instances, d, counted, t) =
                    evaluate_one_root(loaded, &defs, opts, &root_dir, files, &inspect);
                let made = each(instances);
                if positions_only {
                    own.iter()
                        .filter_map(|id| loaded.sources.get(*id))
                        .for_each(|f| f.drop_text());
                }
                (made, d, counted, t)
            })
            .collect()
    };
    // Roots are evaluated on a pool of their own whose threads' stacks fit the depth
    // limits ([`stack_size`]): a worker's default stack (2 MiB) would overflow long
    // before a high `--max-expression-depth` stops the recursion. One pool per
    // evaluation, not a thread per root: spawning a thread costs about 0.1 ms, a tenth of
    // a second at ten thousand roots.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(stack_size(&opts.limits))
        .thread_name(|i| format!("tfscan-eval-{i}"))
        .build();
    let per_root: Vec<RootResult<T, U>> = match pool {
        Ok(pool) => pool.install(evaluate_roots),
        Err(e) => loaded
            .roots
            .iter()
            .zip(firsts)
            .map(|(root_dir, first)| {
                (
                    each(Vec::new()),
                    vec![not_started(root_dir, first, &e)],
                    ModuleInstances::default(),
                    None,
                )
            })
            .collect(),
    };
    let (evaluated, per_root) = merge_roots(per_root, &mut inspected);
    (evaluated, inspected, per_root)
}

/// What evaluating one root module gave: its instances (or what was made of them),
/// diagnostics, module instances counted and what `inspect` returned (none when it was
/// not evaluated).
type RootResult<T, U = Vec<ResourceInstance>> = (U, Vec<Diagnostic>, ModuleInstances, Option<T>);

/// Moves each root module's files out of `loaded`, for the root's evaluation to own and
/// free as soon as that root is evaluated (their entries too, not only their trees: at
/// hundreds of thousands of files the entries alone are tens of megabytes). Afterwards
/// `loaded.files` and `loaded.modules` hold only the other modules' files. No root reads
/// another's files: a root is a directory no other module calls.
fn take_root_files(loaded: &mut Loaded) -> Vec<(String, Vec<ParsedFile>)> {
    let mut slots: Vec<Option<ParsedFile>> = std::mem::take(&mut loaded.files)
        .into_iter()
        .map(Some)
        .collect();
    let mut owned: Vec<(String, Vec<ParsedFile>)> = Vec::with_capacity(loaded.roots.len());
    for root_dir in &loaded.roots {
        let idxs = loaded.modules.remove(root_dir).unwrap_or_default();
        let files = idxs
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take))
            .collect();
        owned.push((root_dir.clone(), files));
    }
    // The files left keep their order; the modules' indexes follow them.
    let mut moved_to = vec![usize::MAX; slots.len()];
    for (i, f) in slots.into_iter().enumerate() {
        if let (Some(f), Some(to)) = (f, moved_to.get_mut(i)) {
            *to = loaded.files.len();
            loaded.files.push(f);
        }
    }
    for idxs in loaded.modules.values_mut() {
        for i in idxs.iter_mut() {
            *i = moved_to.get(*i).copied().unwrap_or(usize::MAX);
        }
    }
    owned
}

/// The modules roots call: their files (for `inspect`) and definitions by directory.
fn called_modules(loaded: &Loaded) -> (Vec<&ParsedFile>, HashMap<String, ModuleDef<'_>>) {
    let root_dirs: std::collections::HashSet<&str> =
        loaded.roots.iter().map(String::as_str).collect();
    let mut modules: Vec<&ParsedFile> = Vec::new();
    let mut defs: HashMap<String, ModuleDef<'_>> = HashMap::default();
    for (dir, idxs) in &loaded.modules {
        if root_dirs.contains(dir.as_str()) {
            continue;
        }
        let files: Vec<&ParsedFile> = idxs.iter().filter_map(|i| loaded.files.get(*i)).collect();
        defs.insert(
            dir.clone(),
            ModuleDef::build(dir, files.iter().map(|f| (f.file, &f.body))),
        );
        modules.extend(files);
    }
    (modules, defs)
}

/// Parses a root module's deferred files, inspects them and evaluates the root; its
/// trees are freed before it returns.
fn evaluate_one_root<T>(
    loaded: &Loaded,
    defs: &HashMap<String, ModuleDef<'_>>,
    opts: &EvalOptions,
    root_dir: &str,
    files: Vec<ParsedFile>,
    inspect: &(impl Fn(&[&ParsedFile], &SourceMap) -> T + Sync),
) -> RootResult<T> {
    if opts.limits.expired() {
        return (
            Vec::new(),
            vec![timed_out(root_dir, files.first().map(|f| f.file))],
            ModuleInstances::default(),
            None,
        );
    }
    // The root's files are parsed in parallel (a root may be one directory of
    // thousands of files); the results keep the files' order, so evaluation
    // and its diagnostics do not depend on scheduling.
    let parsed: Vec<Result<ParsedFile, Diagnostic>> = files
        .into_par_iter()
        .map(|f| {
            if !f.deferred {
                return Ok(f);
            }
            crate::loader::parse_deferred(&f, &loaded.sources)
        })
        .collect();
    let mut errors = Vec::new();
    let files: Vec<ParsedFile> = parsed
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect();
    let seen: Vec<&ParsedFile> = files.iter().collect();
    let inspected = inspect(&seen, &loaded.sources);
    let def = ModuleDef::build(root_dir, files.iter().map(|f| (f.file, &f.body)));
    let (instances, mut diagnostics, counted) = evaluate_root(loaded, defs, &def, opts, root_dir);
    drop(def);
    drop(seen);
    drop(files);
    errors.append(&mut diagnostics);
    (instances, errors, counted, Some(inspected))
}

/// Joins the roots' results in root order: their diagnostics (each once) and module
/// instance counts; what `inspect` returned goes to `inspected`, and what each root's
/// instances became is returned in root order.
fn merge_roots<T, U>(
    per_root: Vec<RootResult<T, U>>,
    inspected: &mut Vec<T>,
) -> (Evaluated, Vec<U>) {
    let mut module_instances = ModuleInstances::default();
    let mut diagnostics = Vec::new();
    let mut seen = foldhash::HashSet::default();
    let mut made = Vec::with_capacity(per_root.len());
    for (u, d, counted, t) in per_root {
        inspected.extend(t);
        module_instances.evaluated += counted.evaluated;
        module_instances.reused += counted.reused;
        made.push(u);
        for x in d {
            if seen.insert(x.clone()) {
                diagnostics.push(x);
            }
        }
    }
    let evaluated = Evaluated {
        instances: Vec::new(),
        diagnostics,
        module_instances,
    };
    (evaluated, made)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With `positions_only`, each root's own ASCII texts are gone once the roots are
    /// evaluated, while a root file with wide characters, the files of a module a root
    /// calls and a `.tfvars` file keep theirs; the roots' file entries are no longer in
    /// `loaded`, and what the roots' evaluation gives is the same either way.
    #[test]
    fn a_root_drops_its_own_texts_and_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("creates");
            std::fs::write(path, text).expect("writes");
        };
        write(
            "a/main.tf",
            "variable \"n\" {}\nmodule \"m\" {\n  source = \"../m\"\n  n = var.n\n}\n",
        );
        write("a/terraform.tfvars", "n = \"x\"\n");
        write(
            "b/main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"é\"\n}\n",
        );
        write(
            "m/main.tf",
            "variable \"n\" {}\nresource \"aws_s3_bucket\" \"m\" {\n  bucket = var.n\n}\n",
        );
        let run = |positions_only: bool| {
            let excludes = globset::GlobSet::empty();
            let opts = crate::loader::LoadOptions {
                excludes: &excludes,
                max_file_bytes: 1 << 20,
                var_files: &[],
                overlay: None,
            };
            let mut loaded = crate::loader::load(dir.path(), &opts).expect("loads");
            let (_, _, made) = evaluate_each(
                &mut loaded,
                &EvalOptions::default(),
                |_, _| (),
                |instances| format!("{instances:?}"),
                positions_only,
            );
            let texts: Vec<(String, bool)> = loaded
                .sources
                .files()
                .map(|(_, f)| (f.rel.clone(), f.text().is_empty()))
                .collect();
            let dirs: Vec<&String> = loaded.modules.keys().collect();
            assert_eq!(dirs, ["m"]);
            assert_eq!(loaded.files.len(), 1);
            (made, texts)
        };
        let (kept, all) = run(false);
        let (dropped, texts) = run(true);
        assert_eq!(kept, dropped);
        assert!(kept.iter().all(|m| m.contains("aws_s3_bucket")));
        assert!(all.iter().all(|(_, empty)| !empty));
        let empty: Vec<&str> = texts
            .iter()
            .filter(|(_, empty)| *empty)
            .map(|(rel, _)| rel.as_str())
            .collect();
        assert_eq!(empty, ["a/main.tf"]);
        assert_eq!(texts.len(), 4);
    }
}
