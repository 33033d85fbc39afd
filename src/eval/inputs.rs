//! Where a root module's variables get their values, and where installed (registry or git)
//! modules live.
//!
//! Terraform's precedence, lowest first: `TF_VAR_name` environment variables,
//! `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order,
//! `-var-file` files, then `-var` options in command-line order.

use foldhash::HashMap;
use std::path::Path;

use hcl_edit::Span as _;

use super::expr::Scope;
use super::module::ModInst;
use super::types;
use crate::diag::{DiagKind, Diagnostic};
use crate::loader::ParsedFile;
use crate::value::{Kind, ProvLabel, Provenance, Value};

impl ModInst<'_, '_> {
    /// The values the root module's variables are set to from outside.
    pub fn root_inputs(&self) -> HashMap<String, Value> {
        let mut inputs = HashMap::default();
        let opts = self.root.opts;
        let loaded = self.root.loaded;
        for (name, raw) in &opts.env_vars {
            let label = ProvLabel::VariableEnv(name.clone());
            if let Some(v) = self.cli_value(name, raw, "TF_VAR_", &label) {
                inputs.insert(name.clone(), v);
            }
        }
        // The tfvars are sorted by directory: this root's are one run of them.
        let dir = self.def.dir.as_str();
        let from = loaded.tfvars.partition_point(|f| f.dir.as_str() < dir);
        let mut files: Vec<&ParsedFile> = loaded.tfvars[from..]
            .iter()
            .take_while(|f| f.dir == dir)
            .collect();
        // terraform.tfvars first, then *.auto.tfvars in lexical order.
        files.sort_by_key(|f| {
            let name = loaded
                .sources
                .get(f.file)
                .map(|s| s.rel.rsplit('/').next().unwrap_or("").to_string())
                .unwrap_or_default();
            (!name.starts_with("terraform.tfvars"), name)
        });
        for f in files {
            self.read_tfvars(f, false, &mut inputs);
        }
        for f in &loaded.var_files {
            self.read_tfvars(f, true, &mut inputs);
        }
        for (name, raw) in &opts.cli_vars {
            let label = ProvLabel::VariableCli(name.clone());
            if let Some(v) = self.cli_value(name, raw, "--var ", &label) {
                inputs.insert(name.clone(), v);
            }
        }
        inputs
    }

    /// Reads the variables a tfvars file sets into `inputs`; `var_file` when it is a
    /// `--var-file` (the walk found the others inside the tree).
    fn read_tfvars(&self, f: &ParsedFile, var_file: bool, inputs: &mut HashMap<String, Value>) {
        let loaded = self.root.loaded;
        let source = loaded.sources.get(f.file);
        let rel = source.map(|s| s.rel.clone()).unwrap_or_default();
        // A --var-file outside the tree is the user's, like --var: not written in the
        // repository.
        let outside = var_file
            && source.is_some_and(|s| {
                !s.path
                    .canonicalize()
                    .is_ok_and(|c| c.starts_with(&loaded.boundary))
            });
        let label = |name: &str| {
            if outside {
                ProvLabel::VariableOutsideFile {
                    name: name.to_string(),
                    file: rel.clone(),
                }
            } else {
                ProvLabel::VariableFile {
                    name: name.to_string(),
                    file: rel.clone(),
                }
            }
        };
        let sc = Scope::new(f.file);
        if let Some(serde_json::Value::Object(vars)) = &f.json {
            let text = self
                .root
                .loaded
                .sources
                .get(f.file)
                .map(|s| s.text())
                .unwrap_or_default();
            for (name, json) in vars {
                // JSON values carry no spans of their own: they point at the key.
                let key = format!("\"{name}\"");
                let at = text.find(&key).unwrap_or(0);
                let span = crate::source::Span::new(f.file, at..at + key.len());
                let v = Value::from_json(json)
                    .with_prov(Provenance::At(span))
                    .annotate(label(name), span);
                inputs.insert(name.clone(), v);
            }
            return;
        }
        for attr in f.body.attributes() {
            let name = attr.key.value().as_str();
            let v = self
                .eval_or_unknown(&attr.value, &sc)
                .annotate(label(name), sc.span_of(attr.value.span()));
            inputs.insert(name.to_string(), v);
        }
    }

    /// A `--var` or `TF_VAR_` string: literal for primitive types, HCL otherwise. Every
    /// part of it is labelled as set from outside (`label`), at the variable's
    /// declaration, the only place in the tree that names it.
    fn cli_value(&self, name: &str, raw: &str, how: &str, label: &ProvLabel) -> Option<Value> {
        let decl = self.def.variables.get(name)?;
        let at = super::module::header_span(decl.file, decl.block);
        if types::is_primitive(decl.ty) {
            return Some(from_outside(&Value::string(raw), label, at));
        }
        match crate::loader::with_refused_numbers(raw, hcl_edit::parser::parse_expr) {
            // A number Terraform reads (arbitrary precision) that an f64 does not hold;
            // the value's spans are the string's, so the whole value is undecided.
            Ok((_, Some(number))) => Some(from_outside(
                &crate::value::number_beyond(number),
                label,
                at,
            )),
            Ok((expr, None)) => {
                let sc = Scope::new(decl.file);
                match self.eval(&expr, &sc) {
                    Ok(v) => Some(from_outside(&v, label, at)),
                    Err(e) => {
                        self.root.diag(Diagnostic::new(
                            e.kind,
                            format!("{how}{name}: {}", e.message),
                            None,
                        ));
                        None
                    }
                }
            }
            Err(e) => {
                self.root.diag(Diagnostic::new(
                    DiagKind::Evaluation,
                    format!("{how}{name}: not a valid value: {}", e.message()),
                    None,
                ));
                None
            }
        }
    }
}

/// A value set from outside the tree: the provenance of every part of it is `label` at
/// `at` alone (whatever its text was parsed from is no place in the configuration).
fn from_outside(v: &Value, label: &ProvLabel, at: crate::source::Span) -> Value {
    let kind = match &v.kind {
        Kind::List(items) => Kind::List(std::sync::Arc::new(
            items.iter().map(|x| from_outside(x, label, at)).collect(),
        )),
        Kind::Set(items) => Kind::Set(std::sync::Arc::new(
            items.iter().map(|x| from_outside(x, label, at)).collect(),
        )),
        Kind::Map(m) => Kind::Map(std::sync::Arc::new(
            m.iter()
                .map(|(k, x)| (k.clone(), from_outside(x, label, at)))
                .collect(),
        )),
        other => other.clone(),
    };
    Value {
        kind,
        prov: Provenance::Hops(std::sync::Arc::new(crate::value::Prov {
            span: at,
            label: Some(std::sync::Arc::new(label.clone())),
            prev: None,
        })),
    }
}

/// Reads `<root>/<root_dir>/.terraform/modules/modules.json`: call key → module directory
/// relative to the scan root.
pub fn installed_modules(scan_root: &Path, root_dir: &str) -> HashMap<String, String> {
    let base = if root_dir.is_empty() {
        scan_root.to_path_buf()
    } else {
        scan_root.join(root_dir)
    };
    // Most roots have no `.terraform` at all: one `lstat` says so, where confining the
    // path below resolves each of its ancestors on disk (1% of a scan's CPU time on the
    // bench corpus). Whatever the entry is when it exists, it is judged below.
    if std::fs::symlink_metadata(base.join(".terraform")).is_err() {
        return HashMap::default();
    }
    // The file is part of the scanned tree: it must not lead out of it, nor block.
    let Ok(text) = crate::untrusted::confine(
        &base.join(".terraform/modules/modules.json"),
        scan_root,
        "the scanned tree",
    )
    .map_err(drop)
    .and_then(|p| {
        crate::untrusted::read_text(&p, crate::loader::DEFAULT_MAX_FILE_BYTES).map_err(drop)
    }) else {
        return HashMap::default();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return HashMap::default();
    };
    let mut out = HashMap::default();
    for m in json
        .get("Modules")
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
    {
        let (Some(key), Some(dir)) = (
            m.get("Key").and_then(|k| k.as_str()),
            m.get("Dir").and_then(|d| d.as_str()),
        ) else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        let joined = if root_dir.is_empty() {
            dir.to_string()
        } else {
            format!("{root_dir}/{dir}")
        };
        if let Some(norm) = crate::loader::local_module_dir("", &format!("./{joined}")) {
            out.insert(key.to_string(), norm);
        }
    }
    out
}
