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

use crate::diag::Diagnostic;
use crate::loader::Loaded;
use crate::model::ResourceInstance;
use module::{ModInst, ModuleDef, RootEval};

/// Bounds that keep hostile input harmless.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_instances_per_resource: usize,
    pub max_total_instances: usize,
    pub max_module_depth: usize,
    pub max_expr_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_instances_per_resource: 10_000,
            max_total_instances: 500_000,
            max_module_depth: 64,
            max_expr_depth: 200,
        }
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

/// Evaluates every root module of a loaded tree.
pub fn evaluate(loaded: &Loaded, opts: &EvalOptions) -> Evaluated {
    let defs: HashMap<String, ModuleDef<'_>> = loaded
        .modules
        .iter()
        .map(|(dir, idxs)| {
            let files = idxs
                .iter()
                .filter_map(|i| loaded.files.get(*i))
                .map(|f| (f.file, &f.body));
            (dir.clone(), ModuleDef::build(dir, files))
        })
        .collect();
    let per_root: Vec<(Vec<ResourceInstance>, Vec<Diagnostic>)> = loaded
        .roots
        .par_iter()
        .map(|root_dir| {
            let Some(def) = defs.get(root_dir) else {
                return (Vec::new(), Vec::new());
            };
            let root = RootEval::new(loaded, &defs, opts, root_dir);
            {
                let probe = ModInst::new(
                    &root,
                    def,
                    String::new(),
                    String::new(),
                    vec![],
                    0,
                    HashMap::new(),
                );
                let inputs = probe.root_inputs();
                let inst =
                    ModInst::new(&root, def, String::new(), String::new(), vec![], 0, inputs);
                inst.evaluate_all();
            }
            root.finish()
        })
        .collect();
    let mut instances = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, d) in per_root {
        instances.extend(i);
        for x in d {
            if !diagnostics.contains(&x) {
                diagnostics.push(x);
            }
        }
    }
    Evaluated {
        instances,
        diagnostics,
    }
}
