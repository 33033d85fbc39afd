//! The Terraform language: values, unknowns, scopes, functions, modules, count/for_each.
//!
//! Each root module is evaluated on its own (in parallel); inside it, module instances
//! evaluate lazily with memoisation, so a reference is resolved in dependency order and a
//! cycle is detected instead of followed. Parsed trees are borrowed, never cloned per
//! instance.

pub mod datasource;
pub mod expr;
pub mod functions;
pub mod inputs;
pub mod module;
pub mod policy_document;
pub mod types;
pub mod value;

use std::collections::HashMap;

use rayon::prelude::*;

use hcl_edit::structure::Body;

use crate::diag::Diagnostic;
use crate::loader::Loaded;
use crate::model::ResourceInstance;
use crate::source::FileId;
use module::{ModInst, ModuleDef, RootEval};

/// Bounds that keep hostile input harmless (`--max-*` and `--timeout`). Hitting one is a
/// [`DiagKind::Limit`](crate::diag::DiagKind::Limit) diagnostic; the rest is scanned.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are not read (the loader's limit).
    pub max_file_bytes: u64,
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
            max_instances_per_resource: 10_000,
            max_total_instances: 500_000,
            max_module_depth: 64,
            max_expr_depth: 200,
            deadline: None,
        }
    }
}

impl Limits {
    /// Whether `--timeout` has run out.
    pub fn expired(&self) -> bool {
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
}

pub struct Evaluated {
    pub instances: Vec<ResourceInstance>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostic for a root module `--timeout` left unevaluated, at its first file.
fn timed_out(loaded: &Loaded, root_dir: &str) -> Diagnostic {
    let span = loaded
        .modules
        .get(root_dir)
        .and_then(|files| files.first())
        .and_then(|i| loaded.files.get(*i))
        .map(|f| crate::source::Span::new(f.file, 0..0));
    Diagnostic::new(
        crate::diag::DiagKind::Limit,
        format!(
            "--timeout reached: root module '{}' was not evaluated",
            if root_dir.is_empty() { "." } else { root_dir }
        ),
        span,
    )
}

/// Evaluates every root module of a loaded tree.
///
/// The syntax trees of a root module's own files are moved out of `loaded` and freed as
/// soon as that root is evaluated, so the trees (tens of times the size of their text)
/// and the evaluated instances are not all in memory at once. Afterwards those files'
/// bodies in `loaded.files` are empty: read what else is needed of them (inline ignores)
/// before calling this. Modules called by a root keep their trees to the end.
pub fn evaluate(loaded: &mut Loaded, opts: &EvalOptions) -> Evaluated {
    let mut owned: Vec<(String, Vec<(FileId, Body)>)> = Vec::with_capacity(loaded.roots.len());
    for root_dir in &loaded.roots {
        let mut bodies = Vec::new();
        for i in loaded.modules.get(root_dir).into_iter().flatten() {
            if let Some(f) = loaded.files.get_mut(*i) {
                bodies.push((f.file, std::mem::take(&mut f.body)));
            }
        }
        owned.push((root_dir.clone(), bodies));
    }
    let loaded = &*loaded;
    let defs: HashMap<String, ModuleDef<'_>> = loaded
        .modules
        .iter()
        .filter(|(dir, _)| !loaded.roots.contains(dir))
        .map(|(dir, idxs)| {
            let files = idxs
                .iter()
                .filter_map(|i| loaded.files.get(*i))
                .map(|f| (f.file, &f.body));
            (dir.clone(), ModuleDef::build(dir, files))
        })
        .collect();
    let per_root: Vec<(Vec<ResourceInstance>, Vec<Diagnostic>)> = owned
        .into_par_iter()
        .map(|(root_dir, bodies)| {
            if !loaded.modules.contains_key(&root_dir) {
                return (Vec::new(), Vec::new());
            }
            if opts.limits.expired() {
                return (Vec::new(), vec![timed_out(loaded, &root_dir)]);
            }
            let def = ModuleDef::build(&root_dir, bodies.iter().map(|(f, b)| (*f, b)));
            let root = RootEval::new(loaded, &defs, &def, opts, &root_dir);
            {
                let probe = ModInst::new(
                    &root,
                    &def,
                    String::new(),
                    String::new(),
                    vec![],
                    0,
                    HashMap::new(),
                );
                let inputs = probe.root_inputs();
                let inst =
                    ModInst::new(&root, &def, String::new(), String::new(), vec![], 0, inputs);
                inst.evaluate_all();
            }
            let out = root.finish();
            drop(def);
            drop(bodies);
            out
        })
        .collect();
    let mut instances = Vec::new();
    let mut diagnostics = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in per_root {
        instances.extend(i);
        for x in d {
            if seen.insert(x.clone()) {
                diagnostics.push(x);
            }
        }
    }
    Evaluated {
        instances,
        diagnostics,
    }
}
