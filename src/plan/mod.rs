//! The second front end: `terraform show -json` of a plan fills the same resource model
//! that evaluation fills, so every check and the network analysis run unchanged.
//!
//! Plan facts relied on: `resource_changes[].change.after` holds the planned values,
//! `after_unknown` marks values known only after apply, `after_sensitive` marks sensitive
//! ones; a change whose actions are only `["delete"]` removes the resource. Nested blocks
//! appear as arrays of objects.
//!
//! Invariants: a sensitive value never enters the model (it becomes an unknown that says
//! it is sensitive), so no renderer can print it; every span points either into the
//! configuration (with `--plan … DIR`) or at the resource's address in the plan file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize as _;
use serde_json::Value as Json;

use crate::model::{self, Mode, ModuleCall, ResourceInstance};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::value::{Kind, Partial, Unknown, Value};

/// Plans larger than this are not read (`--max-plan-size`): a plan holds every attribute
/// of every resource, so it is larger than the configuration it comes from.
pub const DEFAULT_MAX_PLAN_BYTES: u64 = 256 * 1024 * 1024;

/// The members of a plan document tfscan reads. The others (`planned_values`,
/// `prior_state`: most of a plan's text) are checked for presence and skipped while
/// parsing, never built.
#[derive(serde::Deserialize)]
struct PlanDocument {
    #[serde(default, deserialize_with = "present")]
    format_version: bool,
    #[serde(default, deserialize_with = "present")]
    planned_values: bool,
    #[serde(default, deserialize_with = "member")]
    resource_changes: Option<Json>,
    /// The document with only its `configuration` member, as [`config_references`] and
    /// [`config_expressions`] read it.
    #[serde(default, deserialize_with = "configuration")]
    configuration: Json,
}

impl PlanDocument {
    /// The members of a document already read.
    fn of(mut json: Json) -> PlanDocument {
        let mut take = |k: &str| json.as_object_mut().and_then(|o| o.shift_remove(k));
        let format_version = take("format_version").is_some();
        let planned_values = take("planned_values").is_some();
        let resource_changes = take("resource_changes");
        let configuration = take("configuration")
            .map(|c| serde_json::json!({ "configuration": c }))
            .unwrap_or_default();
        PlanDocument {
            format_version,
            planned_values,
            resource_changes,
            configuration,
        }
    }

    /// Whether the document is a Terraform plan (`terraform show -json`): it has a
    /// `format_version`, and `planned_values` or `resource_changes`.
    fn is_plan(&self) -> bool {
        self.format_version && (self.planned_values || self.resource_changes.is_some())
    }
}

/// A member that is present, whatever its value (`null` included), skipped unbuilt.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

/// A member that is present, whatever its value (`null` included).
fn member<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Json>, D::Error> {
    Json::deserialize(d).map(Some)
}

/// The `configuration` member, inside an object of its own.
fn configuration<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
    Json::deserialize(d).map(|c| serde_json::json!({ "configuration": c }))
}

/// Reads a plan file into the source map (so locations can point into it) and returns
/// its instances. `source` is the model evaluated from the configuration, when there is
/// one: instances found there lend their spans (and the provenance of equal values).
pub fn load(
    path: &Path,
    rel: &str,
    sources: &mut SourceMap,
    source: Option<&model::Model>,
    limit: u64,
) -> Result<Vec<ResourceInstance>, String> {
    let text = crate::untrusted::read_text(path, limit)
        .map_err(|e| format!("cannot read plan {}: {e}", path.display()))?;
    let json = parse_plan(path, &text)?;
    let text: Arc<str> = Arc::from(text);
    let file = sources.add(SourceFile::new(
        path.to_path_buf(),
        rel.to_string(),
        text.clone(),
    ));
    let plan = PlanSources {
        file,
        refs: config_references(&json.configuration),
        written: config_expressions(&json.configuration),
        spans: AddressSpans::new(&text),
        by_address: source
            .map(|m| m.instances.iter().map(|i| (&*i.address, i)).collect())
            .unwrap_or_default(),
    };
    Ok(json
        .resource_changes
        .as_ref()
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|rc| plan.instance(rc))
        .collect())
}

/// Reads a plan's JSON text; an error says why it is not a plan.
fn parse_plan(path: &Path, text: &str) -> Result<PlanDocument, String> {
    // Numbers beyond an f64 (Terraform's are arbitrary precision) become unknowns, not
    // "number out of range".
    let text = &*crate::value::exact_json(text);
    let json = match serde_json::from_str::<PlanDocument>(text) {
        Ok(doc) => doc,
        // Not an object, or one with a repeated member: read as any JSON, as Terraform's
        // own reader would (a repeated member's last value wins).
        Err(_) => PlanDocument::of(
            serde_json::from_str(text)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()))?,
        ),
    };
    if !json.is_plan() {
        return Err(format!(
            "{} is not a Terraform plan (expected the output of `terraform show -json`)",
            path.display()
        ));
    }
    Ok(json)
}

/// What a plan's resource changes are read against: the plan file, its configuration
/// section's references and expressions, where addresses are written in it, and the
/// instances evaluated from the configuration by address.
struct PlanSources<'p> {
    file: FileId,
    refs: ConfigRefs,
    written: HashMap<(String, String), &'p Json>,
    spans: AddressSpans<'p>,
    by_address: HashMap<&'p str, &'p ResourceInstance>,
}

impl PlanSources<'_> {
    /// The instance a resource change plans; none for a deletion, a no-op without
    /// actions, or a change without address, type or name.
    fn instance(&self, rc: &Json) -> Option<ResourceInstance> {
        let actions: Vec<&str> = rc["change"]["actions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .collect();
        if actions == ["delete"] || actions.is_empty() {
            return None;
        }
        let (Some(address), Some(rtype), Some(name)) = (
            rc["address"].as_str(),
            rc["type"].as_str(),
            rc["name"].as_str(),
        ) else {
            return None;
        };
        let mode = if rc["mode"].as_str() == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        let at = self.spans.span(self.file, address);
        let src = self.by_address.get(address).copied();
        let change = &rc["change"];
        let module_address = rc["module_address"].as_str().unwrap_or("");
        let links = Links {
            refs: self
                .refs
                .get(&(strip_keys(module_address), format!("{rtype}.{name}"))),
            prefix: if module_address.is_empty() {
                String::new()
            } else {
                format!("{module_address}.")
            },
        };
        // Attributes the configuration does not write point at the resource's header
        // (the provider filled them in), or at the address in the plan without source.
        let writes = match (
            src,
            self.written
                .get(&(strip_keys(module_address), format!("{rtype}.{name}"))),
        ) {
            (Some(s), _) => Written::Source(&s.body),
            (None, Some(e)) => Written::Config(e),
            (None, None) => Written::Unknown,
        };
        let mut body = body(
            &change["after"],
            &change["after_unknown"],
            &change["after_sensitive"],
            src.map(|s| &*s.body),
            writes,
            src.map_or(at, |s| s.header),
        );
        if src.is_none() {
            links.apply(&mut body);
        }
        Some(ResourceInstance {
            address: Arc::from(address),
            mode,
            rtype: Arc::from(rtype),
            name: name.to_string(),
            module: match src {
                Some(s) => s.module.clone(),
                None => Arc::from(module_chain(module_address, at)),
            },
            root: src.map(|s| s.root.clone()).unwrap_or_default(),
            header: src.map_or(at, |s| s.header),
            body: Arc::new(body),
            representative: false,
        })
    }
}

/// Where each address is written in the plan text, read in one pass over it, so that
/// locating every resource change costs O(plan text + changes), not a search of the
/// whole text per change.
struct AddressSpans<'t> {
    text: &'t str,
    /// Each string literal that follows `"address":` (compact JSON, as Terraform writes
    /// it), as written with its quotes, at its first such place.
    compact: HashMap<&'t str, usize>,
    /// The same after `"address": ` (pretty-printed JSON).
    spaced: HashMap<&'t str, usize>,
    /// Every string literal of the text at its first place, for an address written
    /// under neither key; read on first need.
    any: std::cell::OnceCell<HashMap<&'t str, usize>>,
}

impl<'t> AddressSpans<'t> {
    fn new(text: &'t str) -> AddressSpans<'t> {
        let mut compact = HashMap::new();
        let mut spaced = HashMap::new();
        for (start, literal) in string_literals(text) {
            let before = text.get(..start).unwrap_or("");
            if before.ends_with("\"address\":") {
                compact.entry(literal).or_insert(start);
            } else if before.ends_with("\"address\": ") {
                spaced.entry(literal).or_insert(start);
            }
        }
        AddressSpans {
            text,
            compact,
            spaced,
            any: std::cell::OnceCell::new(),
        }
    }

    /// The span of `"address": "<address>"` in the plan text (the first written with
    /// the compact key, else with the spaced one, else the address anywhere as a string),
    /// or the file start.
    fn span(&self, file: FileId, address: &str) -> Span {
        let needle = serde_json::to_string(address).unwrap_or_default();
        let found = self
            .compact
            .get(needle.as_str())
            .or_else(|| self.spaced.get(needle.as_str()))
            .or_else(|| {
                self.any
                    .get_or_init(|| {
                        let mut any = HashMap::new();
                        for (start, literal) in string_literals(self.text) {
                            any.entry(literal).or_insert(start);
                        }
                        any
                    })
                    .get(needle.as_str())
            });
        match found {
            Some(i) => Span::new(file, *i..*i + needle.len()),
            None => Span::new(file, 0..0),
        }
    }
}

/// Every string literal of a JSON text, with its quotes, and where it starts.
fn string_literals(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + memchr::memchr(b'"', bytes.get(i..)?)?;
        let mut end = start + 1;
        loop {
            end += memchr::memchr2(b'"', b'\\', bytes.get(end..)?)?;
            match bytes.get(end) {
                Some(b'\\') => end += 2,
                _ => break,
            }
        }
        i = end + 1;
        Some((start, text.get(start..=end)?))
    })
}

/// `module.a["x"].module.b` → the calls `module.a["x"]` and `module.a["x"].module.b`.
fn module_chain(module_address: &str, at: Span) -> Vec<ModuleCall> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let bytes = module_address.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let c = bytes.get(i).copied();
        match c {
            Some(b'[') => depth += 1,
            Some(b']') => depth = depth.saturating_sub(1),
            Some(b'"') => {
                // Skip a quoted key, which may contain dots.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            Some(b'.') | None if depth == 0 => {
                let seg = module_address.get(start..i.min(bytes.len())).unwrap_or("");
                if !seg.is_empty() && seg != "module" {
                    current = if current.is_empty() {
                        format!("module.{seg}")
                    } else {
                        format!("{current}.module.{seg}")
                    };
                    out.push(ModuleCall {
                        address: current.clone(),
                        header: at,
                    });
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `module.a["x"].module.b[0]` → `module.a.module.b`: how `configuration` names modules.
fn strip_keys(module_address: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut quoted = false;
    for c in module_address.chars() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

type ConfigRefs = HashMap<(String, String), HashMap<String, Vec<String>>>;

/// The `expressions` of each resource in the plan's `configuration`: (module path,
/// `type.name`) → the object naming every attribute and block the configuration writes.
fn config_expressions(plan: &Json) -> HashMap<(String, String), &Json> {
    fn walk<'j>(module: &'j Json, path: &str, out: &mut HashMap<(String, String), &'j Json>) {
        for r in module["resources"].as_array().into_iter().flatten() {
            if let Some(addr) = r["address"].as_str()
                && r["expressions"].is_object()
            {
                out.insert((path.to_string(), addr.to_string()), &r["expressions"]);
            }
        }
        for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
            let child = if path.is_empty() {
                format!("module.{name}")
            } else {
                format!("{path}.module.{name}")
            };
            walk(&call["module"], &child, out);
        }
    }
    let mut out = HashMap::new();
    walk(&plan["configuration"]["root_module"], "", &mut out);
    out
}

/// The references each resource's expressions make, from the plan's `configuration`:
/// (module path, `type.name`) → attribute → referenced addresses.
fn config_references(plan: &Json) -> ConfigRefs {
    fn strings(refs: &Json) -> Vec<String> {
        refs.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    }
    fn walk(module: &Json, path: &str, out: &mut ConfigRefs) {
        // What each child module's outputs reference: a reference to `module.sg.id` is a
        // reference to the resource inside the module that the output names.
        let mut outputs: HashMap<String, Vec<String>> = HashMap::new();
        for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
            for (o, def) in call["module"]["outputs"].as_object().into_iter().flatten() {
                let inner = strings(&def["expression"]["references"])
                    .into_iter()
                    .map(|r| format!("module.{name}.{r}"))
                    .collect();
                outputs.insert(format!("module.{name}.{o}"), inner);
            }
        }
        for r in module["resources"].as_array().into_iter().flatten() {
            let Some(addr) = r["address"].as_str() else {
                continue;
            };
            let mut attrs = HashMap::new();
            for (k, e) in r["expressions"].as_object().into_iter().flatten() {
                let mut refs: Vec<String> = strings(&e["references"]);
                let through: Vec<String> = refs
                    .iter()
                    .filter_map(|r| outputs.get(r.as_str()))
                    .flatten()
                    .cloned()
                    .collect();
                refs.extend(through);
                if !refs.is_empty() {
                    attrs.insert(k.clone(), refs);
                }
            }
            out.insert((path.to_string(), addr.to_string()), attrs);
        }
        for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
            let child = if path.is_empty() {
                format!("module.{name}")
            } else {
                format!("{path}.module.{name}")
            };
            walk(&call["module"], &child, out);
        }
    }
    let mut out = HashMap::new();
    walk(&plan["configuration"]["root_module"], "", &mut out);
    out
}

/// `type.name` or `type.name[key]` at the start of a reference, without attributes.
fn resource_part(r: &str) -> &str {
    let Some(dot) = r.find('.') else { return r };
    let rest = &r[dot + 1..];
    let end = rest
        .find(['.', '['])
        .map(|i| {
            if rest[i..].starts_with('[') {
                rest[i..].find(']').map_or(rest.len(), |j| i + j + 1)
            } else {
                i
            }
        })
        .unwrap_or(rest.len());
    &r[..dot + 1 + end]
}

/// Links a bare plan's unknown attributes to the resources their expressions reference.
struct Links<'a> {
    refs: Option<&'a HashMap<String, Vec<String>>>,
    prefix: String,
}

impl Links<'_> {
    fn apply(&self, body: &mut model::Body) {
        let Some(refs) = self.refs else { return };
        for (k, attr) in body.attrs.iter_mut() {
            if !attr.value.is_unknown() {
                continue;
            }
            let list = refs.get(k).map(Vec::as_slice).unwrap_or(&[]);
            let read = Referenced::of(list);
            if k.ends_with("_ids") || k == "security_groups" {
                // A list of ids: it holds at least each resource its expression names,
                // when nothing else (a variable, a condition on one) could leave one out.
                if read.inputs || read.resources.is_empty() {
                    continue;
                }
                let reason = format!("{k} is known only after apply");
                let elements = read
                    .resources
                    .iter()
                    .map(|t| {
                        let address: Arc<str> = Arc::from(format!("{}{t}", self.prefix));
                        Value::unknown_ref(reason.clone(), address)
                    })
                    .collect();
                let u = Unknown {
                    reason: reason.into(),
                    refers_to: None,
                    partial: None,
                };
                attr.value = Value::partly_known(&u, Partial::Elements(elements));
                continue;
            }
            // The most specific reference to the one resource block it names, as the
            // configuration wrote it: `type.name[0]` before `type.name`.
            if let [t] = read.resources.as_slice() {
                let address: Arc<str> = Arc::from(format!("{}{t}", self.prefix));
                attr.value = Value::unknown_ref(format!("{k} is known only after apply"), address);
            }
        }
        for block in &mut body.blocks {
            let list = refs.get(&block.kind).map(Vec::as_slice).unwrap_or(&[]);
            self.link_nested(&mut block.body, list);
        }
    }

    /// Links the unknown `*_id` attributes of a nested block to the resource its
    /// expression references. The plan gives the references of a block argument as one
    /// list (`route` → `aws_internet_gateway.main.id`, …), not per attribute, so an
    /// attribute is linked only to the one referenced resource whose type ends with its
    /// stem (`nat_gateway_id` → `aws_nat_gateway.*`, `gateway_id` →
    /// `aws_internet_gateway.*`); with none or several such resources it stays unknown.
    fn link_nested(&self, body: &mut model::Body, refs: &[String]) {
        for (k, attr) in body.attrs.iter_mut() {
            let Some(stem) = k.strip_suffix("_id") else {
                continue;
            };
            if !matches!(&attr.value.kind, Kind::Unknown(u) if u.refers_to.is_none()) {
                continue;
            }
            let suffix = format!("_{stem}");
            let mut candidates: Vec<&str> = refs
                .iter()
                .filter_map(|r| {
                    let (inner, _) = inside_modules(r);
                    let rtype = inner.split('.').next().unwrap_or("");
                    let part = resource_part(inner);
                    (rtype.ends_with(&suffix) && !part.is_empty())
                        .then(|| r.get(..r.len() - inner.len() + part.len()).unwrap_or(r))
                })
                .collect();
            // The most specific reference to each resource: `type.name[0]` before
            // `type.name`.
            candidates.sort_by_key(|r| std::cmp::Reverse(r.contains('[')));
            let mut blocks: Vec<&str> = candidates
                .iter()
                .map(|r| crate::model::block_address(r))
                .collect();
            blocks.sort_unstable();
            blocks.dedup();
            if let ([_], Some(t)) = (blocks.as_slice(), candidates.first()) {
                let address: Arc<str> = Arc::from(format!("{}{t}", self.prefix));
                attr.value = Value::unknown_ref(format!("{k} is known only after apply"), address);
            }
        }
        for block in &mut body.blocks {
            self.link_nested(&mut block.body, refs);
        }
    }
}

/// A reference without the `module.NAME.` calls it goes through (`module.sg.aws_x.y` →
/// `aws_x.y`: a resource inside a child module, reached through its output), and whether
/// it went through any.
fn inside_modules(r: &str) -> (&str, bool) {
    let mut inner = r;
    while let Some(rest) = inner.strip_prefix("module.") {
        inner = rest.split_once('.').map_or("", |(_, rest)| rest);
    }
    (inner, inner.len() != r.len())
}

/// The resources one attribute's references name, read from the plan's flat list of
/// references (`aws_subnet.public[0].id`, `aws_subnet.public[0]`, `aws_subnet.public`,
/// and through a module's output `module.sg.aws_security_group.this`).
struct Referenced<'r> {
    /// The most specific reference to each resource block, in the order first written
    /// (`type.name[0]` rather than `type.name`).
    resources: Vec<&'r str>,
    /// Whether a variable, local, data source or other input is referenced as well
    /// (`count.index` aside: it picks an instance, see routing).
    inputs: bool,
}

impl<'r> Referenced<'r> {
    fn of(list: &'r [String]) -> Referenced<'r> {
        let mut resources: Vec<&'r str> = Vec::new();
        let mut inputs = false;
        for r in list {
            let (inner, through_module) = inside_modules(r);
            let first = inner.split('.').next().unwrap_or("");
            match first {
                "count" if inner == "count.index" => continue,
                "var" | "local" | "data" | "path" | "count" | "each" | "terraform" | "self" => {
                    inputs = true;
                    continue;
                }
                _ => {}
            }
            // `module.sg` and `module.sg.id` (the output itself; its references follow).
            if inner.is_empty() || (through_module && !inner.contains('.')) {
                continue;
            }
            if resource_part(inner) != inner {
                continue;
            }
            let full = r.as_str();
            let block = crate::model::block_address(full);
            match resources
                .iter_mut()
                .find(|x| crate::model::block_address(x) == block)
            {
                Some(x) if full.len() > x.len() => *x = full,
                Some(_) => {}
                None => resources.push(full),
            }
        }
        Referenced { resources, inputs }
    }
}

fn is_true(j: &Json) -> bool {
    j.as_bool() == Some(true)
}

/// What the configuration writes in a planned object, to tell an attribute it set from one
/// the provider computes.
#[derive(Clone, Copy)]
enum Written<'a> {
    /// The body evaluated from the configuration.
    Source(&'a model::Body),
    /// The object's `expressions` in the plan's `configuration` section.
    Config(&'a Json),
    /// A block the configuration does not write: the provider fills all of it.
    Nothing,
    /// No configuration to tell: every attribute counts as written.
    Unknown,
}

impl<'a> Written<'a> {
    fn sets(self, k: &str) -> bool {
        match self {
            Written::Source(b) => b.attr(k).is_some() || b.blocks(k).next().is_some(),
            Written::Config(e) => e.get(k).is_some(),
            Written::Nothing => false,
            Written::Unknown => true,
        }
    }

    /// What the configuration writes in the `i`th block `k`.
    fn block(self, k: &'a str, i: usize) -> Written<'a> {
        match self {
            Written::Source(b) => b
                .blocks(k)
                .nth(i)
                .map_or(Written::Nothing, |b| Written::Source(&b.body)),
            Written::Config(e) => match &e[k] {
                Json::Array(blocks) => blocks
                    .get(i)
                    .or_else(|| blocks.first())
                    .map_or(Written::Nothing, Written::Config),
                // An attribute written as an expression (`route = [...]`, or blocks of an
                // "attributes as blocks" argument, which the plan shows as one expression
                // with its references): any attribute of its objects may be written.
                Json::Object(o)
                    if o.contains_key("references") || o.contains_key("constant_value") =>
                {
                    Written::Unknown
                }
                Json::Object(_) => Written::Config(&e[k]),
                _ => Written::Nothing,
            },
            Written::Nothing => Written::Nothing,
            Written::Unknown => Written::Unknown,
        }
    }
}

/// A planned object as a model body: arrays of objects become nested blocks, other values
/// attributes; nulls are absent (so a check applies the provider default). An attribute
/// the plan leaves unknown that the configuration does not write is computed by the
/// provider at apply: it is absent too, so a plan is judged as its source is (the
/// provider default applies), and a value the configuration wrote but the plan cannot
/// know yet stays unknown.
fn body(
    after: &Json,
    unknown: &Json,
    sensitive: &Json,
    src: Option<&model::Body>,
    written: Written<'_>,
    at: Span,
) -> model::Body {
    let mut out = model::Body::default();
    for k in planned_keys(after, unknown) {
        let v = after.get(k).unwrap_or(&Json::Null);
        let (u, s) = (&unknown[k.as_str()], &sensitive[k.as_str()]);
        let src_attr = src.and_then(|b| b.attr(k));
        let span = src_attr.map_or(at, |a| a.span);
        if is_true(u) && !written.sets(k) {
            continue;
        }
        if is_true(u) {
            // The configuration's value keeps the resources its unknown parts refer to,
            // so companions stay linked (`bucket = aws_s3_bucket.b.id`) and lists keep
            // their known elements (`vpc_security_group_ids = [module.sg.id]`).
            let value = match src_attr {
                Some(a) if a.value.has_unknown() => a.value.clone(),
                _ => Value::unknown(format!("{k} is known only after apply")),
            };
            out.attrs.insert(k.clone(), model::Attr { value, span });
            continue;
        }
        if is_true(s) {
            out.attrs.insert(
                k.clone(),
                model::Attr {
                    value: Value::unknown(format!("{k} is sensitive")),
                    span,
                },
            );
            continue;
        }
        match v {
            Json::Null => {}
            // The AWS provider (SDKv2) plans an unset optional string as "": unless the
            // configuration wrote it, it is absent, so checks apply the documented default.
            Json::String(text) if text.is_empty() && src_attr.is_none() => {}
            Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
                let src_blocks: Vec<&model::Block> =
                    src.map(|b| b.blocks(k).collect()).unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    let sb = src_blocks.get(i);
                    let header = sb.map_or(at, |b| b.header);
                    out.blocks.push(model::Block {
                        kind: k.clone(),
                        header,
                        body: body(
                            item,
                            &u[i],
                            &s[i],
                            sb.map(|b| &b.body),
                            written.block(k, i),
                            header,
                        ),
                    });
                }
            }
            _ => {
                let value = planned_value(v, u, s, src_attr);
                out.attrs.insert(k.clone(), model::Attr { value, span });
            }
        }
    }
    out
}

/// The attributes of a planned object: those with a value after apply and those the
/// plan leaves unknown, sorted, each once.
fn planned_keys<'j>(after: &'j Json, unknown: &'j Json) -> Vec<&'j String> {
    let mut keys: Vec<&String> = after
        .as_object()
        .into_iter()
        .flat_map(|o| o.keys())
        .collect();
    if let Some(u) = unknown.as_object() {
        keys.extend(u.iter().filter(|(_, v)| is_true(v)).map(|(k, _)| k));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// A planned attribute's value; an equal value evaluated from the configuration
/// (`src`) tells where it was written.
fn planned_value(v: &Json, u: &Json, s: &Json, src: Option<&model::Attr>) -> Value {
    let mut value = value(v, u, s);
    if let Some(a) = src
        && a.value.equals(&value) == Some(true)
    {
        value.prov = a.value.prov.clone();
        value = value_with_source_provenance(value, &a.value);
    }
    value
}

/// Copies the provenance of list elements from the configuration's equal value.
fn value_with_source_provenance(v: Value, src: &Value) -> Value {
    match (&v.kind, &src.kind) {
        (Kind::List(a), Kind::List(b)) | (Kind::Set(a), Kind::Set(b)) if a.len() == b.len() => {
            let items = a
                .iter()
                .zip(b.iter())
                .map(|(x, y)| {
                    let mut x = x.clone();
                    x.prov = y.prov.clone();
                    x
                })
                .collect();
            Value {
                kind: Kind::List(Arc::new(items)),
                prov: v.prov.clone(),
            }
        }
        _ => v,
    }
}

/// A planned value with its unknown and sensitive parts replaced by unknowns.
fn value(v: &Json, unknown: &Json, sensitive: &Json) -> Value {
    if is_true(unknown) {
        return Value::unknown("known only after apply");
    }
    if is_true(sensitive) {
        return Value::unknown("sensitive value");
    }
    match v {
        Json::Array(items) => Value::list(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| value(x, &unknown[i], &sensitive[i]))
                .collect(),
        ),
        // A number `exact_json` set aside.
        Json::Object(o) if o.len() == 1 && o.contains_key(crate::value::BEYOND_KEY) => {
            Value::from_json(v)
        }
        Json::Object(o) => Value::map(
            o.iter()
                .map(|(k, x)| {
                    (
                        k.clone(),
                        value(x, &unknown[k.as_str()], &sensitive[k.as_str()]),
                    )
                })
                .collect::<BTreeMap<_, _>>(),
        ),
        other => Value::from_json(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(list: &[&str]) -> Vec<String> {
        list.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn references_name_the_most_specific_instance_of_each_block() {
        let list = refs(&[
            "aws_subnet.public[0].id",
            "aws_subnet.public[0]",
            "aws_subnet.public",
            "module.sg.id",
            "module.sg",
            "module.sg.aws_security_group.this.id",
            "module.sg.aws_security_group.this",
        ]);
        let read = Referenced::of(&list);
        assert_eq!(
            read.resources,
            ["aws_subnet.public[0]", "module.sg.aws_security_group.this"]
        );
        assert!(!read.inputs);
    }

    #[test]
    fn count_index_picks_an_instance_and_other_inputs_are_inputs() {
        let list = refs(&["aws_subnet.public", "count.index"]);
        let read = Referenced::of(&list);
        assert_eq!(read.resources, ["aws_subnet.public"]);
        assert!(!read.inputs);
        for input in [
            "var.extra",
            "local.x",
            "data.aws_vpc.v.id",
            "each.value",
            "module.m.var.x",
        ] {
            let list = refs(&["aws_security_group.a.id", "aws_security_group.a", input]);
            assert!(Referenced::of(&list).inputs, "{input}");
        }
    }

    #[test]
    fn module_addresses_split_into_calls() {
        let at = Span::new(FileId(0), 0..0);
        let calls: Vec<String> = module_chain("module.a[\"x.y\"].module.b[0]", at)
            .into_iter()
            .map(|c| c.address)
            .collect();
        assert_eq!(
            calls,
            vec!["module.a[\"x.y\"]", "module.a[\"x.y\"].module.b[0]"]
        );
        assert!(module_chain("", at).is_empty());
    }

    #[test]
    fn sensitive_and_unknown_values_never_enter_the_model() {
        let after = serde_json::json!({"password": "hunter2", "name": "db", "tags": {"k": "v"}, "ingress": [{"port": 22}]});
        let unknown = serde_json::json!({"id": true});
        let sensitive = serde_json::json!({"password": true});
        let at = Span::new(FileId(0), 0..0);
        let b = body(&after, &unknown, &sensitive, None, Written::Unknown, at);
        assert!(b.attr("password").is_some_and(|a| a.value.is_unknown()));
        assert!(!format!("{b:?}").contains("hunter2"));
        assert!(b.attr("id").is_some_and(|a| a.value.is_unknown()));
        assert_eq!(b.attr("name").and_then(|a| a.value.as_str()), Some("db"));
        assert_eq!(b.blocks("ingress").count(), 1);
        assert!(b.attr("tags").is_some());
        // What the configuration does not write and the plan does not know, the provider
        // computes: absent, as in the source. What it writes stays unknown.
        let config =
            serde_json::json!({"name": {"constant_value": "db"}, "ingress": [{"port": {}}]});
        let unknown = serde_json::json!({"id": true, "name": true, "ingress": [{"port": true, "cidr": true}]});
        let c = body(
            &after,
            &unknown,
            &sensitive,
            None,
            Written::Config(&config),
            at,
        );
        assert!(c.attr("id").is_none());
        assert!(c.attr("name").is_some_and(|a| a.value.is_unknown()));
        let ingress = c.blocks("ingress").next().expect("the ingress block");
        assert!(
            ingress
                .body
                .attr("port")
                .is_some_and(|a| a.value.is_unknown())
        );
        assert!(ingress.body.attr("cidr").is_none());
    }
}
