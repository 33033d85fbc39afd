//! Module definitions (parsed once per directory) and module instances (evaluated once per
//! call, lazily and memoised, so references resolve in dependency order and cycles are
//! detected rather than followed forever).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

// foldhash (seeded per process): SipHash showed in evaluation profiles.
use foldhash::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body, Structure};

use super::expr::{EvalError, Scope, iterate};
use super::memo::{Evaluation, Memo, Relabel};
use super::types;
use super::{EvalOptions, ModuleInstances};
use crate::diag::{DiagKind, Diagnostic};
use crate::loader::Loaded;
use crate::model::{self, Mode, ModuleCall, ResourceInstance};
use crate::source::{FileId, Span};
use crate::value::{DataSource, Kind, ProvLabel, ResourceObject, Value};

pub struct VarDecl<'a> {
    pub file: FileId,
    pub block: &'a Block,
    pub default: Option<&'a Expression>,
    pub ty: Option<&'a Expression>,
    /// Its memo slot in each instance ([`ModInst::variable`]).
    slot: usize,
}

pub struct ResDecl<'a> {
    pub file: FileId,
    pub mode: Mode,
    pub rtype: &'a str,
    pub name: &'a str,
    pub block: &'a Block,
    repeat: Repeat<'a>,
}

/// A block's `count` and `for_each`, found once per definition rather than per instance.
struct Repeat<'a> {
    count: Option<&'a Attribute>,
    for_each: Option<&'a Attribute>,
}

impl<'a> Repeat<'a> {
    fn of(block: &'a Block) -> Repeat<'a> {
        Repeat {
            count: block.body.get_attribute("count"),
            for_each: block.body.get_attribute("for_each"),
        }
    }
}

/// A `provider "name"` block (its configuration: region, credentials, alias).
pub struct ProviderDecl<'a> {
    pub file: FileId,
    pub name: &'a str,
    pub block: &'a Block,
}

pub struct CallDecl<'a> {
    pub file: FileId,
    pub name: &'a str,
    pub block: &'a Block,
    repeat: Repeat<'a>,
}

/// The declarations of one module directory, borrowed from the parsed files.
#[derive(Default)]
pub struct ModuleDef<'a> {
    pub dir: String,
    /// By name, hashed: every `var.x` looks its declaration up here.
    pub variables: HashMap<&'a str, VarDecl<'a>>,
    /// Each local with its memo slot in each instance ([`ModInst::local`]).
    pub locals: HashMap<&'a str, (FileId, &'a Attribute, usize)>,
    /// Memo slots of variables and locals, one per declaration, so that an instance
    /// finds a value by index rather than hashing its name into a map of its own (which
    /// grew, and rehashed, with every name read).
    var_slots: usize,
    local_slots: usize,
    pub resources: Vec<ResDecl<'a>>,
    res_index: HashMap<(Mode, &'a str, &'a str), usize>,
    pub calls: Vec<CallDecl<'a>>,
    pub providers: Vec<ProviderDecl<'a>>,
    call_index: HashMap<&'a str, usize>,
    pub outputs: Vec<(FileId, &'a str, &'a Attribute)>,
}

impl<'a> ModuleDef<'a> {
    pub fn build(dir: &str, files: impl Iterator<Item = (FileId, &'a Body)>) -> ModuleDef<'a> {
        let mut def = ModuleDef {
            dir: dir.to_string(),
            ..ModuleDef::default()
        };
        for (file, body) in files {
            for block in body.blocks() {
                let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
                match (block.ident.value().as_str(), labels.as_slice()) {
                    ("variable", [name]) => {
                        def.variables.insert(
                            name,
                            VarDecl {
                                file,
                                block,
                                default: block.body.get_attribute("default").map(|a| &a.value),
                                ty: block.body.get_attribute("type").map(|a| &a.value),
                                slot: def.var_slots,
                            },
                        );
                        def.var_slots += 1;
                    }
                    ("locals", []) => {
                        for attr in block.body.attributes() {
                            def.locals
                                .insert(attr.key.value().as_str(), (file, attr, def.local_slots));
                            def.local_slots += 1;
                        }
                    }
                    ("resource" | "data", [rtype, name]) => {
                        let mode = if block.ident.value().as_str() == "data" {
                            Mode::Data
                        } else {
                            Mode::Managed
                        };
                        def.res_index
                            .insert((mode, rtype, name), def.resources.len());
                        def.resources.push(ResDecl {
                            file,
                            mode,
                            rtype,
                            name,
                            block,
                            repeat: Repeat::of(block),
                        });
                    }
                    ("provider", [name]) => {
                        def.providers.push(ProviderDecl { file, name, block });
                    }
                    ("module", [name]) => {
                        def.call_index.insert(name, def.calls.len());
                        def.calls.push(CallDecl {
                            file,
                            name,
                            block,
                            repeat: Repeat::of(block),
                        });
                    }
                    ("output", [name]) => {
                        if let Some(v) = block.body.get_attribute("value") {
                            def.outputs.push((file, name, v));
                        }
                    }
                    _ => {}
                }
            }
        }
        def
    }
}

/// A memo slot: evaluated, or being evaluated (a second visit is a cycle).
enum Slot {
    InProgress,
    Done(Value),
}

/// Memoised values of one module instance's blocks, by their index in its definition.
struct Slots(Vec<Option<Slot>>);

impl Slots {
    fn new(n: usize) -> Slots {
        Slots(std::iter::repeat_with(|| None).take(n).collect())
    }

    fn get(&self, i: usize) -> Option<&Slot> {
        self.0.get(i).and_then(Option::as_ref)
    }

    fn set(&mut self, i: usize, slot: Slot) {
        if let Some(s) = self.0.get_mut(i) {
            *s = Some(slot);
        }
    }

    fn clear(&mut self, i: usize) {
        if let Some(s) = self.0.get_mut(i) {
            *s = None;
        }
    }

    fn in_progress(&self, i: usize) -> bool {
        matches!(self.get(i), Some(Slot::InProgress))
    }
}

/// The value of `node` read while it is evaluated, where that is not a cycle.
fn not_followed(node: &str) -> Value {
    Value::unknown(format!(
        "{node} is read while it is being evaluated, through a module output that does not depend on it; tfscan does not follow that order"
    ))
}

/// An entry of the trail of what is being evaluated ([`RootEval::traced`]), kept in
/// parts: its text is put together only when a cycle is reported, which almost no
/// evaluation does (formatting it for every local, argument and resource was a tenth
/// of evaluation's allocations).
pub(crate) enum Node<'a> {
    /// `{prefix}{what}{name}`: `module.a.local.x`, `module.a.var.y`, `output.z`.
    Named(Rc<str>, &'static str, &'a str),
    /// A resource or data source block: `module.a.aws_vpc.main`, `data.aws_x.y`.
    Resource(Rc<str>, Mode, &'a str, &'a str),
    Text(String),
}

impl std::fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Node::Named(prefix, what, name) => write!(f, "{prefix}{what}{name}"),
            Node::Resource(prefix, mode, rtype, name) => {
                let data = if *mode == Mode::Data { "data." } else { "" };
                write!(f, "{prefix}{data}{rtype}.{name}")
            }
            Node::Text(t) => f.write_str(t),
        }
    }
}

/// Where `node` was last entered on the trail.
fn trail_position(trail: &[Node<'_>], node: &str) -> Option<usize> {
    trail.iter().rposition(|t| t.to_string() == node)
}

/// A part of the trail as a cycle report names it: `local.a, local.b`.
fn trail_text(trail: &[Node<'_>]) -> String {
    trail
        .iter()
        .map(Node::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The names being evaluated (the members of a cycle), sorted: `local.a, local.b`.
fn in_progress<'n>(
    names: impl Iterator<Item = (&'n str, usize)>,
    slots: &Slots,
    prefix: &str,
) -> String {
    let mut names: Vec<String> = names
        .filter(|(_, i)| slots.in_progress(*i))
        .map(|(k, _)| format!("{prefix}.{k}"))
        .collect();
    names.sort();
    names.join(", ")
}

/// State shared by every module instance under one root module.
pub struct RootEval<'l, 'a> {
    pub loaded: &'l Loaded,
    /// The module directories other than the root's.
    pub defs: &'l HashMap<String, ModuleDef<'a>>,
    /// The root module's own definition (its trees belong to this evaluation alone).
    pub root_def: &'l ModuleDef<'a>,
    pub opts: &'l EvalOptions,
    pub root_dir: String,
    /// The root module's directory on disk: where Terraform resolves relative paths.
    /// Joined once here, not for every function call.
    module_dir: PathBuf,
    /// `root_dir`, shared by every instance of this root.
    pub root_name: Arc<str>,
    /// `.terraform/modules/modules.json` of the root: call key (`a.b`) → directory.
    pub installed_modules: HashMap<String, String>,
    pub instances: RefCell<Vec<ResourceInstance>>,
    diagnostics: RefCell<Vec<Diagnostic>>,
    /// The diagnostics already in `diagnostics`: each is reported once.
    reported: RefCell<HashSet<Diagnostic>>,
    unsupported: RefCell<HashSet<String>>,
    total_instances: Cell<usize>,
    /// Module instances evaluated so far, for identical ones to reuse.
    memo: Memo,
    module_instances: Cell<ModuleInstances>,
    /// How deep evaluation is nested now, across module instances: a reference to a
    /// module output evaluates the child inside the caller's expression, so the stack
    /// grows with the whole chain, and the expression-depth limit bounds that chain.
    pub(crate) expr_depth: Cell<usize>,
    /// Logical bytes of the attributes evaluated so far ([`super::MAX_ROOT_VALUE_BYTES`]).
    attribute_bytes: Cell<u64>,
    /// Expressions evaluated, to look at the clock (`--timeout`) every so many.
    pub(crate) evaluated: Cell<u32>,
    /// What is being evaluated now, outermost first (`module.a.var.y`, `local.l`,
    /// `aws_vpc.main`): the path a cycle report names.
    trail: RefCell<Vec<Node<'a>>>,
    /// While set, a cycle found is noted in `probed_cycle` rather than reported
    /// ([`ModInst::reentry`]).
    probing: Cell<bool>,
    probed_cycle: Cell<bool>,
    /// Where templates render their text, and short strings (instance addresses, the
    /// reasons of unknown attributes) are put together, before being copied into the
    /// value: one buffer for the root, so each allocates its result and nothing else.
    pub(crate) text_buffer: Cell<String>,
}

impl<'l, 'a> RootEval<'l, 'a> {
    pub fn new(
        loaded: &'l Loaded,
        defs: &'l HashMap<String, ModuleDef<'a>>,
        root_def: &'l ModuleDef<'a>,
        opts: &'l EvalOptions,
        root_dir: &str,
    ) -> RootEval<'l, 'a> {
        RootEval {
            loaded,
            defs,
            root_def,
            opts,
            root_dir: root_dir.to_string(),
            module_dir: if root_dir.is_empty() {
                loaded.root.clone()
            } else {
                loaded.root.join(root_dir)
            },
            root_name: Arc::from(root_dir),
            installed_modules: super::inputs::installed_modules(&loaded.root, root_dir),
            instances: RefCell::new(Vec::new()),
            diagnostics: RefCell::new(Vec::new()),
            reported: RefCell::new(HashSet::default()),
            unsupported: RefCell::new(HashSet::default()),
            total_instances: Cell::new(0),
            memo: Memo::default(),
            module_instances: Cell::new(ModuleInstances::default()),
            expr_depth: Cell::new(0),
            attribute_bytes: Cell::new(0),
            evaluated: Cell::new(0),
            trail: RefCell::new(Vec::new()),
            probing: Cell::new(false),
            probed_cycle: Cell::new(false),
            text_buffer: Cell::new(String::new()),
        }
    }

    /// The shared string `write` puts together, written in [`RootEval::text_buffer`]
    /// and copied once (a `String` converted to an `Arc<str>` is allocated and copied
    /// twice). A string put together inside another (a template's interpolation) finds
    /// the buffer taken and starts one of its own.
    pub(crate) fn shared_text(&self, write: impl FnOnce(&mut String)) -> Arc<str> {
        let mut text = self.text_buffer.take();
        text.clear();
        write(&mut text);
        let out = Arc::from(text.as_str());
        text.clear();
        self.text_buffer.set(text);
        out
    }

    /// Runs `f` with `node` on the trail of what is being evaluated.
    fn traced<T>(&self, node: Node<'a>, f: impl FnOnce() -> T) -> T {
        self.trail.borrow_mut().push(node);
        let out = f();
        self.trail.borrow_mut().pop();
        out
    }

    /// Reports that evaluating `node` (reached again at `span`) needs its own value, and
    /// returns the unknown that stands for it. Terraform refuses to plan such a
    /// configuration (`Error: Cycle: module.a.output.x, module.a.var.y, …`), so whatever
    /// depends on it is undecided. The cycle is the trail from `node`'s first visit on.
    fn cycle(&self, node: &str, span: Span) -> Value {
        if self.probing.get() {
            self.probed_cycle.set(true);
            return Value::unknown(format!("{node} is part of a cycle"));
        }
        let path = {
            let trail = self.trail.borrow();
            match trail_position(&trail, node) {
                Some(from) => trail_text(&trail[from..]),
                None => node.to_string(),
            }
        };
        self.diag(Diagnostic::new(
            DiagKind::Cycle,
            format!("references form a cycle, which Terraform rejects: {path}"),
            Some(span),
        ));
        Value::unknown(format!("{node} is part of a cycle ({path})"))
    }

    pub fn diag(&self, d: Diagnostic) {
        if self.reported.borrow_mut().insert(d.clone()) {
            self.diagnostics.borrow_mut().push(d);
        }
    }

    pub fn unsupported_function(&self, name: &str, span: Span) {
        if self.unsupported.borrow_mut().insert(name.to_string()) {
            self.diag(Diagnostic::new(
                DiagKind::Coverage,
                format!("function {name}() is not supported; its results are treated as unknown"),
                Some(span),
            ));
        }
    }

    pub fn finish(self) -> (Vec<ResourceInstance>, Vec<Diagnostic>, ModuleInstances) {
        (
            self.instances.into_inner(),
            self.diagnostics.into_inner(),
            self.module_instances.get(),
        )
    }

    /// Replays the kept evaluation of the call `call_key` whose inputs equal `inputs`,
    /// as the instance `address` at `chain`: its resource instances and diagnostics with
    /// the address rewritten, and its outputs. `None` when no evaluation matches, or when
    /// evaluating would run into a limit (which evaluation then reports).
    fn reuse(
        &self,
        call_key: &str,
        address: &str,
        chain: &Arc<[ModuleCall]>,
        inputs: &HashMap<String, Value>,
    ) -> Option<Value> {
        if self.opts.reevaluate_identical_modules || self.opts.limits.expired() {
            return None;
        }
        self.memo
            .find(call_key, address, inputs, |e| {
                let used = self.total_instances.get();
                let budget = self.opts.limits.max_total_instances.saturating_sub(used);
                if budget < e.reserved {
                    return None;
                }
                self.total_instances.set(used + e.reserved);
                let swap = Relabel::new(&e.address, address);
                let replayed: Vec<ResourceInstance> = self
                    .instances
                    .borrow()
                    .get(e.instances.clone())
                    .into_iter()
                    .flatten()
                    .map(|i| swap.instance(i, chain, e.depth))
                    .collect();
                self.instances.borrow_mut().extend(replayed);
                let diagnostics: Vec<Diagnostic> = self
                    .diagnostics
                    .borrow()
                    .get(e.diagnostics.clone())
                    .into_iter()
                    .flatten()
                    .map(|d| Diagnostic {
                        message: swap.text(&d.message).unwrap_or_else(|| d.message.clone()),
                        ..d.clone()
                    })
                    .collect();
                for d in diagnostics {
                    self.diag(d);
                }
                self.count_modules(e.modules, true);
                Some(swap.value(&e.outputs))
            })
            .flatten()
    }

    /// Where the root's resource instances, diagnostics, instance budget and module
    /// instances stand, to know later what an evaluation added.
    fn mark(&self) -> Mark {
        let m = self.module_instances.get();
        Mark {
            instances: self.instances.borrow().len(),
            diagnostics: self.diagnostics.borrow().len(),
            budget_used: self.total_instances.get(),
            modules: m.evaluated + m.reused,
        }
    }

    /// Counts module instances evaluated (`reused` false) or replayed.
    fn count_modules(&self, n: usize, reused: bool) {
        let mut m = self.module_instances.get();
        if reused {
            m.reused += n;
        } else {
            m.evaluated += n;
        }
        self.module_instances.set(m);
    }
}

/// How many resource instances, diagnostics, budgeted instances and module instances a
/// root had at one moment.
struct Mark {
    instances: usize,
    diagnostics: usize,
    budget_used: usize,
    modules: usize,
}

/// A `module` call resolved to the module it evaluates.
struct Callee<'c, 'r, 'a> {
    call: &'c CallDecl<'a>,
    def: &'r ModuleDef<'a>,
    /// The module's directory, relative to the scan root.
    dir: String,
    /// The call's address without an instance key (`module.a.module.b`).
    base: String,
    /// `module` keys from the root (`a.b`).
    call_key: String,
    header: Span,
}

/// One instance of a module: the root module, or one instance of a `module` call.
pub struct ModInst<'r, 'a> {
    pub root: &'r RootEval<'r, 'a>,
    pub def: &'r ModuleDef<'a>,
    /// Address prefix of everything in this instance (`module.a["x"].`), empty at the root.
    pub prefix: Rc<str>,
    /// `module` keys from the root (`a.b`), as modules.json names installed modules.
    pub call_key: String,
    pub chain: Arc<[ModuleCall]>,
    /// Module directories from the root to this instance (itself included), to refuse a
    /// module that calls itself, as Terraform does.
    pub dirs: Vec<String>,
    pub depth: usize,
    /// Values the caller passed (or, at the root, tfvars / CLI / environment values).
    /// A caller fills them one argument at a time ([`ModInst::argument`]).
    pub inputs: RefCell<HashMap<String, Value>>,
    /// Arguments the caller is evaluating now: reading one of them is a cycle.
    pending_inputs: RefCell<HashSet<&'a str>>,
    /// By the slot the definition gives each variable and local.
    vars: RefCell<Slots>,
    locals: RefCell<Slots>,
    /// By index in the definition: one vector per instance, no hashing.
    resources: RefCell<Slots>,
    calls: RefCell<Slots>,
    /// Output values evaluated so far, by name.
    output_values: RefCell<HashMap<String, Value>>,
    /// Single-instance calls whose arguments are being evaluated, by call index: an
    /// argument may read an output of the instance it configures (Terraform evaluates
    /// each output and each input on its own, so `y = module.a.z` is fine when `z` does
    /// not depend on `y`).
    open_calls: RefCell<HashMap<usize, Rc<ModInst<'r, 'a>>>>,
    /// Calls with `count` or `for_each` whose instances' arguments are being evaluated,
    /// by call index: an argument may read an output of any instance of the call.
    open_multi: RefCell<HashMap<usize, Rc<OpenInstances<'r, 'a>>>>,
    /// Whether a caller's argument read one of this instance's outputs before all its
    /// inputs were known: it was then partly evaluated early, and is not one to reuse.
    read_early: Cell<bool>,
    /// The output the reference that started evaluating this instance reads, and how
    /// long the trail was then ([`ModInst::reentry`]).
    wanted: Option<(String, usize)>,
}

/// The instances of a call with `count` or `for_each` while their arguments are being
/// evaluated ([`ModInst::read_instances`]).
struct OpenInstances<'r, 'a> {
    /// Each instance with the scope its arguments are evaluated in (`count.index`,
    /// `each`).
    instances: Vec<(Scope, Rc<ModInst<'r, 'a>>)>,
    /// The call's value with a null per instance: a list (`count`), a map (`for_each`)
    /// or the unknown of instances not known.
    shape: Value,
    /// How long the trail was when the first argument started: a cycle's path starts
    /// there.
    from: usize,
    /// The first output found to need an argument being evaluated
    /// (`module.a[0].output.x`), for the outermost read to report.
    cyclic: RefCell<Option<String>>,
    /// Whether an argument's read of a local or resource being evaluated was found to
    /// be a cycle through this call already ([`ModInst::reentry`]).
    reentered: Cell<bool>,
    /// Whether each instance's arguments have been started.
    started: Vec<Cell<bool>>,
    /// Whether a read of all the instances is going on ([`ModInst::read_instances`]).
    reading: Cell<bool>,
}

impl OpenInstances<'_, '_> {
    /// The position of the instance `key` names (`0`, `"k"`) among the instances.
    fn position(&self, key: &Value) -> Option<usize> {
        match &self.shape.kind {
            Kind::List(_) => key
                .as_number()
                .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                .map(|n| n as usize),
            Kind::Map(_) => {
                let k = key.as_str()?;
                self.shape.as_map()?.keys().position(|x| x == k)
            }
            _ => None,
        }
    }
}

/// `shape` (a list or map with one element per instance) with `values` in its place.
fn fill(shape: &Value, values: Vec<Value>) -> Value {
    match &shape.kind {
        Kind::List(_) => Value::list(values),
        Kind::Map(_) => Value::map(
            shape
                .as_map()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .zip(values)
                .collect(),
        ),
        _ => shape.clone(),
    }
}

/// A call whose arguments are being evaluated, entered for one output: its index, the
/// instance whose argument is being evaluated with the scope of its arguments, and the
/// instances of a call with `count` or `for_each` ([`ModInst::entered_since`]).
type Entered<'r, 'a> = (
    usize,
    Vec<(Scope, Rc<ModInst<'r, 'a>>)>,
    Option<Rc<OpenInstances<'r, 'a>>>,
);

/// What reading a local or resource that is being evaluated means.
enum Reentry {
    /// A cycle of locals or resources within one module instance.
    Plain,
    /// A cycle that goes through module calls' inputs and outputs.
    ThroughModules,
    /// Not a cycle for Terraform: the module output the path went through does not
    /// depend on the input that led back here. tfscan evaluates a call's inputs before
    /// its outputs, so this read is not followed.
    NotFollowed,
    /// The same cycle through a call with `count` or `for_each`, found from another of
    /// its instances and reported then.
    Reported,
}

impl<'r, 'a> ModInst<'r, 'a> {
    /// The instance of the root module itself.
    pub fn root(
        root: &'r RootEval<'r, 'a>,
        def: &'r ModuleDef<'a>,
        inputs: HashMap<String, Value>,
    ) -> ModInst<'r, 'a> {
        ModInst::new(
            root,
            def,
            String::new(),
            String::new(),
            Arc::from([]),
            0,
            inputs,
        )
    }

    pub fn new(
        root: &'r RootEval<'r, 'a>,
        def: &'r ModuleDef<'a>,
        prefix: String,
        call_key: String,
        chain: Arc<[ModuleCall]>,
        depth: usize,
        inputs: HashMap<String, Value>,
    ) -> ModInst<'r, 'a> {
        ModInst {
            root,
            def,
            prefix: Rc::from(prefix),
            call_key,
            chain,
            dirs: vec![def.dir.clone()],
            depth,
            inputs: RefCell::new(inputs),
            pending_inputs: RefCell::default(),
            vars: RefCell::new(Slots::new(def.var_slots)),
            locals: RefCell::new(Slots::new(def.local_slots)),
            resources: RefCell::new(Slots::new(def.resources.len())),
            calls: RefCell::new(Slots::new(def.calls.len())),
            output_values: RefCell::default(),
            open_calls: RefCell::default(),
            open_multi: RefCell::default(),
            read_early: Cell::new(false),
            wanted: None,
        }
    }

    /// The root module's directory on disk: where Terraform resolves relative paths.
    pub fn root_module_dir(&self) -> &std::path::Path {
        &self.root.module_dir
    }

    /// `path.module` as Terraform shows it: relative to the root module.
    pub fn path_module(&self) -> String {
        relative_dir(&self.root.root_dir, &self.def.dir)
    }

    /// Evaluates everything this instance declares, so every resource lands in the model.
    pub fn evaluate_all(&self) {
        for i in 0..self.def.resources.len() {
            let d = &self.def.resources[i];
            let span = header_span(d.file, d.block);
            if self.root.opts.limits.expired() {
                self.root.diag(Diagnostic::new(
                    DiagKind::Limit,
                    format!(
                        "--timeout reached: {}{}.{} and the resources after it in this module were not evaluated",
                        self.prefix, d.rtype, d.name
                    ),
                    Some(span),
                ));
                return;
            }
            let _ = self.resource_by_index(i, span);
        }
        for p in &self.def.providers {
            self.evaluate_provider(p);
        }
        for i in 0..self.def.calls.len() {
            let span = header_span(self.def.calls[i].file, self.def.calls[i].block);
            let _ = self.call_by_index(i, None, &|| None, span);
        }
    }

    /// `v` if it is within the bounds on one value ([`super::MAX_VALUE_ELEMENTS`] and
    /// the others), else an unknown naming the bound, reported at `span`. Checked where a
    /// value is kept under a name (locals, variables, module arguments and outputs,
    /// attributes), so no value grows past them by travelling.
    pub(crate) fn bounded(&self, v: Value, span: Span) -> Value {
        self.bounded_sized(v, span).0
    }

    /// [`ModInst::bounded`], with the size of what it returns.
    fn bounded_sized(&self, v: Value, span: Span) -> (Value, crate::value::Size) {
        let size = v.size();
        match super::oversized(size) {
            None => (v, size),
            Some(why) => {
                self.root
                    .diag(Diagnostic::new(DiagKind::Limit, why.clone(), Some(span)));
                let unknown = Value::unknown(why);
                let size = unknown.size();
                (unknown, size)
            }
        }
    }

    /// A resource or provider attribute, charged to the root's budget of attribute bytes
    /// ([`super::MAX_ROOT_VALUE_BYTES`]); past it the attribute is undecided, and the
    /// first one past it is reported.
    fn charged(&self, v: Value, span: Span) -> Value {
        let (v, size) = self.bounded_sized(v, span);
        let used = self.root.attribute_bytes.get();
        let total = used.saturating_add(size.bytes);
        self.root.attribute_bytes.set(total);
        if total <= super::MAX_ROOT_VALUE_BYTES {
            return v;
        }
        let why = format!(
            "the attributes of this root module hold more than {} bytes of text, tfscan's bound; this attribute and the rest are undecided",
            super::MAX_ROOT_VALUE_BYTES
        );
        if used <= super::MAX_ROOT_VALUE_BYTES {
            self.root
                .diag(Diagnostic::new(DiagKind::Limit, why.clone(), Some(span)));
        }
        Value::unknown(why)
    }

    pub fn variable(&self, name: &str, span: Span) -> Result<Value, EvalError> {
        let Some(decl) = self.def.variables.get(name) else {
            return Ok(self.undeclared(
                format!("reference to undeclared input variable \"{name}\""),
                span,
                None,
            ));
        };
        match self.vars.borrow().get(decl.slot) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            // Terraform allows no references in a default at all; tfscan evaluates them,
            // so it must refuse the cycle they can form.
            Some(Slot::InProgress) => {
                // `in_progress` sorts the names.
                let names = self.def.variables.iter().map(|(k, d)| (*k, d.slot));
                return Err(EvalError {
                    kind: DiagKind::Cycle,
                    message: format!(
                        "input variable defaults refer to each other in a cycle: {}",
                        in_progress(names, &self.vars.borrow(), "var")
                    ),
                    span,
                });
            }
            None => {}
        }
        if self.pending_inputs.borrow().contains(name) {
            // The caller's argument for it is being evaluated: it led here.
            return Ok(self.root.cycle(&format!("{}var.{name}", self.prefix), span));
        }
        let sc = Scope::new(decl.file);
        let input = self.inputs.borrow().get(name).cloned();
        let raw = match input {
            Some(v) if !v.is_null() => v,
            _ => match decl.default {
                Some(d) => {
                    self.vars.borrow_mut().set(decl.slot, Slot::InProgress);
                    let v = self.bounded(self.eval_or_unknown(d, &sc), sc.span_of(d.span()));
                    v.annotate(
                        ProvLabel::VariableDefault(name.to_string()),
                        sc.span_of(d.span()),
                    )
                }
                None => Value::unknown(format!("var.{name} has no value (no default, not set)")),
            },
        };
        let v = match decl.ty {
            Some(ty) => match types::convert(&raw, ty) {
                Ok(v) => v,
                Err(m) => {
                    self.root.diag(Diagnostic::new(
                        DiagKind::Evaluation,
                        format!("invalid value for var.{name}: {m}"),
                        Some(raw.origin_span().unwrap_or_else(|| sc.span_of(ty.span()))),
                    ));
                    Value::unknown(format!("var.{name} has an invalid value"))
                }
            },
            None => raw,
        };
        self.vars.borrow_mut().set(decl.slot, Slot::Done(v.clone()));
        Ok(v)
    }

    pub fn local(&self, name: &str, span: Span) -> Result<Value, EvalError> {
        let Some((&key, &(file, attr, slot))) = self.def.locals.get_key_value(name) else {
            return Ok(self.undeclared(
                format!("reference to undeclared local value \"{name}\""),
                span,
                None,
            ));
        };
        // The slot's borrow ends here: finding out about a cycle evaluates more.
        let reentered = match self.locals.borrow().get(slot) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::InProgress) => true,
            None => false,
        };
        if reentered {
            let node = format!("{}local.{name}", self.prefix);
            return match self.reentry(&node) {
                Reentry::Plain => Err(EvalError {
                    kind: DiagKind::Cycle,
                    message: format!(
                        "local values refer to each other in a cycle: {}",
                        in_progress(
                            self.def.locals.iter().map(|(k, l)| (*k, l.2)),
                            &self.locals.borrow(),
                            "local"
                        )
                    ),
                    span,
                }),
                Reentry::ThroughModules => Ok(self.root.cycle(&node, span)),
                Reentry::NotFollowed => Ok(not_followed(&node)),
                Reentry::Reported => Ok(Value::unknown(format!("{node} is part of a cycle"))),
            };
        }
        self.locals.borrow_mut().set(slot, Slot::InProgress);
        let sc = Scope::new(file);
        let result = self
            .root
            .traced(Node::Named(self.prefix.clone(), "local.", key), || {
                self.eval(&attr.value, &sc)
            });
        let v = match result {
            Ok(v) => self.bounded(v, sc.span_of(attr.value.span())).annotate(
                ProvLabel::Local(name.to_string()),
                sc.span_of(attr.value.span()),
            ),
            Err(e) => {
                self.locals.borrow_mut().clear(slot);
                return Err(e);
            }
        };
        self.locals.borrow_mut().set(slot, Slot::Done(v.clone()));
        Ok(v)
    }

    pub fn resource_value(
        &self,
        mode: Mode,
        rtype: &str,
        name: &str,
        span: Span,
    ) -> Result<Value, EvalError> {
        match self.def.res_index.get(&(mode, rtype, name)) {
            Some(&i) => self.resource_by_index(i, span),
            None => {
                // The address it would have in this module instance, so that it never
                // names a resource of the same name elsewhere.
                let (address, what) = match mode {
                    Mode::Data => (format!("{}data.{rtype}.{name}", self.prefix), "data source"),
                    _ => (format!("{}{rtype}.{name}", self.prefix), "resource"),
                };
                Ok(self.undeclared(
                    format!("reference to undeclared {what} {rtype}.{name}"),
                    span,
                    Some(address),
                ))
            }
        }
    }

    /// A reference to something the module does not declare: Terraform rejects it, and
    /// so the scan reports it as an error; the value is unknown so that the expression
    /// around it is still judged on what is known (a policy whose Resource names a
    /// misspelt queue still has its Principal). A resource's attributes are concrete
    /// values, so its unknown names the address it was written with.
    fn undeclared(&self, message: String, span: Span, address: Option<String>) -> Value {
        self.root.diag(Diagnostic::new(
            DiagKind::Evaluation,
            message.clone(),
            Some(span),
        ));
        match address {
            Some(a) => Value::unknown_ref(format!("{a} is not declared"), Arc::from(a)),
            None => Value::unknown(message),
        }
    }

    fn resource_by_index(&self, i: usize, span: Span) -> Result<Value, EvalError> {
        // The slot's borrow ends here: finding out about a cycle evaluates more.
        let reentered = match self.resources.borrow().get(i) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::InProgress) => true,
            None => false,
        };
        if reentered {
            let node = self.resource_address(&self.def.resources[i]);
            return Ok(match self.reentry(&node) {
                Reentry::Plain | Reentry::ThroughModules => self.root.cycle(&node, span),
                Reentry::NotFollowed => not_followed(&node),
                Reentry::Reported => Value::unknown(format!("{node} is part of a cycle")),
            });
        }
        self.resources.borrow_mut().set(i, Slot::InProgress);
        let d = &self.def.resources[i];
        let node = Node::Resource(self.prefix.clone(), d.mode, d.rtype, d.name);
        let v = self.root.traced(node, || self.expand_resource(d));
        self.resources.borrow_mut().set(i, Slot::Done(v.clone()));
        Ok(v)
    }

    /// Whether reading `node`, a local or resource of this instance that is being
    /// evaluated, is a cycle. When the path back to it went through module calls that
    /// were entered to read one output each, it is a cycle only if each such output
    /// depends on the input being evaluated (Terraform evaluates every output and input
    /// on its own: `r = module.a.x` and `y = r` is fine when `x` does not read `var.y`).
    /// Each output is evaluated now to find out; a cycle it meets is only noted.
    fn reentry(&self, node: &str) -> Reentry {
        let Some(from) = trail_position(&self.root.trail.borrow(), node) else {
            return Reentry::Plain;
        };
        let entered = self.entered_since(from);
        if entered.is_empty() {
            return Reentry::Plain;
        }
        let mut reported = false;
        for (i, instances, multi) in entered {
            let c = &self.def.calls[i];
            for (sc, child) in &instances {
                for a in c.block.body.attributes() {
                    self.argument(child, a, sc);
                }
            }
            let mut needs = false;
            let mut wanted_any = false;
            for (_, child) in &instances {
                let Some((file, name, attr)) = child
                    .wanted
                    .as_ref()
                    .and_then(|(w, _)| child.def.outputs.iter().find(|o| o.1 == w))
                else {
                    continue;
                };
                wanted_any = true;
                child.read_early.set(true);
                let probing = self.root.probing.replace(true);
                let found = self.root.probed_cycle.replace(false);
                let _ = child.output(*file, name, attr);
                needs |= self.root.probed_cycle.get();
                self.root.probing.set(probing);
                self.root.probed_cycle.set(found || needs);
            }
            if wanted_any && !needs {
                return Reentry::NotFollowed;
            }
            // Each instance's argument comes back here the same way: one report.
            if let Some(open) = multi {
                reported |= open.reentered.replace(true);
            }
        }
        if reported {
            Reentry::Reported
        } else {
            Reentry::ThroughModules
        }
    }

    /// The calls whose arguments are being evaluated that were entered for one output
    /// since the trail was `from` long: each with the instance whose argument is being
    /// evaluated and its arguments' scope, and the instances of a call with `count` or
    /// `for_each`.
    fn entered_since(&self, from: usize) -> Vec<Entered<'r, 'a>> {
        let after = |c: &ModInst<'r, 'a>| c.wanted.as_ref().is_some_and(|w| w.1 > from);
        let mut entered: Vec<Entered<'r, 'a>> = self
            .open_calls
            .borrow()
            .iter()
            .filter(|(_, c)| after(c))
            .map(|(i, c)| {
                let sc = Scope::new(self.def.calls[*i].file);
                (*i, vec![(sc, c.clone())], None)
            })
            .collect();
        entered.extend(
            self.open_multi
                .borrow()
                .iter()
                .filter(|(_, o)| o.instances.iter().any(|(_, c)| after(c)))
                .map(|(i, o)| {
                    // Terraform's graph has one node per input and output of a call, for
                    // all its instances: the instance whose argument led here tells.
                    let pending = o
                        .instances
                        .iter()
                        .filter(|(_, c)| !c.pending_inputs.borrow().is_empty())
                        .cloned()
                        .collect();
                    (*i, pending, Some(o.clone()))
                }),
        );
        entered.sort_by_key(|(i, _, _)| *i);
        entered
    }

    /// The address of the resource or data source block `d` in this instance, without
    /// an instance key (`module.a.data.aws_iam_policy_document.p`).
    fn resource_address(&self, d: &ResDecl<'a>) -> String {
        let data = if d.mode == Mode::Data { "data." } else { "" };
        [&*self.prefix, data, d.rtype, ".", d.name].concat()
    }

    /// Records a provider configuration in the model (the model keeps it apart from the
    /// resource instances). Its address is `provider.aws`, or `provider.aws.west` for a
    /// block with `alias = "west"`, after the module prefix.
    fn evaluate_provider(&self, p: &ProviderDecl<'a>) {
        let sc = Scope::new(p.file);
        let body = self.eval_body(&p.block.body, &sc, false);
        let alias = body
            .attr("alias")
            .and_then(|a| a.value.as_str())
            .map(str::to_string);
        let address = match &alias {
            Some(a) => format!("{}provider.{}.{a}", self.prefix, p.name),
            None => format!("{}provider.{}", self.prefix, p.name),
        };
        self.root.instances.borrow_mut().push(ResourceInstance {
            address: Arc::from(address),
            mode: Mode::Provider,
            rtype: Arc::from(p.name),
            name: alias.unwrap_or_else(|| p.name.to_string()),
            module: self.chain.clone(),
            root: self.root.root_name.clone(),
            header: header_span(p.file, p.block),
            body: Arc::new(body),
            representative: false,
        });
    }

    /// Evaluates `count`/`for_each`, then each instance's body; records the instances in
    /// the model and returns what a reference to the resource sees.
    fn expand_resource(&self, d: &ResDecl<'a>) -> Value {
        let base = self.resource_address(d);
        let header = header_span(d.file, d.block);
        let sc = Scope::new(d.file);
        let keys = self.instance_keys(&d.repeat, &sc, &base, header);
        let rtype: Arc<str> = Arc::from(d.rtype);
        let mut make = |key: InstanceKey, sc: &Scope| -> Value {
            let address = self.root.shared_text(|out| key.write_address(&base, out));
            let representative = matches!(key, InstanceKey::Representative);
            let body = Arc::new(self.eval_body(&d.block.body, sc, true));
            self.root.instances.borrow_mut().push(ResourceInstance {
                address: address.clone(),
                mode: d.mode,
                rtype: rtype.clone(),
                name: d.name.to_string(),
                module: self.chain.clone(),
                root: self.root.root_name.clone(),
                header,
                body: body.clone(),
                representative,
            });
            let data = (d.mode == Mode::Data).then(|| DataSource {
                rtype: rtype.clone(),
                computed: super::datasource::computed_attrs,
            });
            // A reference to a managed resource's identity (`aws_x.y.name`) points at that
            // resource even when the identity is built from other unknowns.
            let seen = match d.mode {
                Mode::Managed => model::identity_view(&body, &rtype, &address).map(Arc::new),
                _ => None,
            };
            Value::new(Kind::Resource(Arc::new(ResourceObject::new(
                address,
                seen.unwrap_or(body),
                data,
            ))))
        };
        self.collect_instances(keys, &sc, &mut make)
    }

    fn collect_instances(
        &self,
        keys: InstanceKeys,
        sc: &Scope,
        make: &mut dyn FnMut(InstanceKey, &Scope) -> Value,
    ) -> Value {
        match keys {
            InstanceKeys::Single => make(InstanceKey::None, sc),
            InstanceKeys::Count(n) => {
                let mut items = Vec::with_capacity(n);
                for i in 0..n {
                    let mut s = sc.clone();
                    s.count_index = Some(Value::number(i as f64));
                    items.push(make(InstanceKey::Index(i), &s));
                }
                Value::list(items)
            }
            InstanceKeys::ForEach(pairs) => {
                let mut map = BTreeMap::new();
                for (k, v) in pairs {
                    let mut s = sc.clone();
                    s.each = Some((Value::string(k.as_str()), v));
                    let val = make(InstanceKey::Key(k.clone()), &s);
                    map.insert(k, val);
                }
                Value::map(map)
            }
            InstanceKeys::Unknown { count } => {
                let mut s = sc.clone();
                if count {
                    s.count_index =
                        Some(Value::unknown("count.index of a representative instance"));
                } else {
                    s.each = Some((
                        Value::unknown("each.key of a representative instance"),
                        Value::unknown("each.value of a representative instance"),
                    ));
                }
                make(InstanceKey::Representative, &s);
                Value::unknown("the instances of a resource whose count or for_each is unknown")
            }
        }
    }

    /// Reads `count` or `for_each` of a resource or module block.
    fn instance_keys(
        &self,
        repeat: &Repeat<'_>,
        sc: &Scope,
        what: &str,
        header: Span,
    ) -> InstanceKeys {
        if let Some(c) = repeat.count {
            return self.count_keys(c, sc, what, header);
        }
        if let Some(fe) = repeat.for_each {
            return self.for_each_keys(fe, sc, what, header);
        }
        if self.reserve_instances(1, header) == 0 {
            return InstanceKeys::Count(0);
        }
        InstanceKeys::Single
    }

    /// The instances `count` asks for: a whole number ≥ 0, at most the per-resource
    /// limit and what the scan-wide budget has left.
    fn count_keys(&self, c: &Attribute, sc: &Scope, what: &str, header: Span) -> InstanceKeys {
        let limit = self.root.opts.limits.max_instances_per_resource;
        let v = self.eval_or_unknown(&c.value, sc);
        if v.is_unknown() {
            return InstanceKeys::Unknown { count: true };
        }
        let span = sc.span_of(c.value.span());
        let n = match v.as_number() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => n,
            _ => {
                self.root.diag(Diagnostic::new(
                    DiagKind::Evaluation,
                    format!("count of {what} must be a whole number ≥ 0, not {v}"),
                    Some(span),
                ));
                return InstanceKeys::Unknown { count: true };
            }
        };
        if n > limit as f64 {
            self.root.diag(Diagnostic::new(
                DiagKind::Limit,
                format!(
                    "count of {what} is {}, over the limit of {limit} instances; only the first {limit} are scanned",
                    crate::value::format_number(n)
                ),
                Some(span),
            ));
        }
        let n = self.reserve_instances((n as usize).min(limit), header);
        InstanceKeys::Count(n)
    }

    /// The instances `for_each` asks for, by key: a map's entries or a set of strings'
    /// elements (sorted, each once), at most the per-resource limit and what the
    /// scan-wide budget has left.
    fn for_each_keys(&self, fe: &Attribute, sc: &Scope, what: &str, header: Span) -> InstanceKeys {
        let limit = self.root.opts.limits.max_instances_per_resource;
        let v = self.eval_or_unknown(&fe.value, sc);
        let span = sc.span_of(fe.value.span());
        let not_a_map = |message: String| {
            self.root
                .diag(Diagnostic::new(DiagKind::Evaluation, message, Some(span)));
            InstanceKeys::Unknown { count: false }
        };
        let pairs: Vec<(String, Value)> = match &v.kind {
            Kind::Unknown(_) => return InstanceKeys::Unknown { count: false },
            Kind::Map(_) | Kind::Resource(_) => v
                .as_map()
                .into_iter()
                .flatten()
                .map(|(k, x)| (k.clone(), x.clone()))
                .collect(),
            Kind::Set(items) | Kind::List(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.as_str() {
                        Some(s) => out.push((s.to_string(), item.clone())),
                        None if item.is_unknown() => {
                            return InstanceKeys::Unknown { count: false };
                        }
                        None => {
                            return not_a_map(format!(
                                "for_each of {what} must be a map or a set of strings"
                            ));
                        }
                    }
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
                out.dedup_by(|a, b| a.0 == b.0);
                out
            }
            _ => {
                return not_a_map(format!(
                    "for_each of {what} must be a map or a set of strings, not {}",
                    v.type_name()
                ));
            }
        };
        if pairs.len() > limit {
            self.root.diag(Diagnostic::new(
                DiagKind::Limit,
                format!(
                    "for_each of {what} has {} elements, over the limit of {limit}; only the first {limit} are scanned",
                    pairs.len()
                ),
                Some(span),
            ));
        }
        let n = self.reserve_instances(pairs.len().min(limit), header);
        InstanceKeys::ForEach(pairs.into_iter().take(n).collect())
    }

    /// Takes up to `n` instances from the scan-wide budget; reports once when it runs out.
    fn reserve_instances(&self, n: usize, header: Span) -> usize {
        let max = self.root.opts.limits.max_total_instances;
        let used = self.root.total_instances.get();
        let granted = n.min(max.saturating_sub(used));
        self.root.total_instances.set(used + granted);
        if granted < n {
            self.root.diag(Diagnostic::new(
                DiagKind::Limit,
                format!("more than {max} resource, module and dynamic block instances in one root module; the rest are not scanned"),
                Some(header),
            ));
        }
        granted
    }

    /// Evaluates a block body: attributes, nested blocks, and `dynamic` blocks expanded.
    pub fn eval_body(&self, body: &Body, sc: &Scope, resource_level: bool) -> model::Body {
        // Sized for what the body holds (a `dynamic` block counted as one block), so
        // that neither vector grows nor, most often, is shrunk again at the end.
        let blocks = body
            .iter()
            .filter(|s| matches!(s, Structure::Block(_)))
            .count();
        let mut out = model::Body {
            attrs: crate::value::Attrs::default(),
            blocks: Vec::with_capacity(blocks),
        };
        // The attributes in the order written, put in name order once at the end.
        let mut attrs = Vec::with_capacity(body.len() - blocks);
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key = a.key.value().as_str();
                    if resource_level
                        && matches!(key, "count" | "for_each" | "provider" | "depends_on")
                    {
                        continue;
                    }
                    let span = sc.span_of(a.value.span());
                    let value = self.charged(self.eval_or_unknown_at(&a.value, sc, span), span);
                    attrs.push((key.to_string(), model::Attr { value, span }));
                }
                Structure::Block(b) => {
                    let kind = b.ident.value().as_str();
                    if resource_level && matches!(kind, "lifecycle" | "provisioner" | "connection")
                    {
                        continue;
                    }
                    if kind == "dynamic" {
                        self.expand_dynamic(b, sc, &mut out);
                    } else {
                        out.blocks.push(model::Block {
                            kind: kind.to_string(),
                            header: header_span(sc.file, b),
                            body: self.eval_body(&b.body, sc, false),
                        });
                    }
                }
            }
        }
        out.attrs = crate::value::Attrs::from_written(attrs);
        out.blocks.shrink_to_fit();
        out
    }

    /// `dynamic "x" { for_each = …; iterator = it; content { … } }` → one `x` block per
    /// element, with `it.key`/`it.value` (default iterator name: the block label).
    fn expand_dynamic(&self, b: &Block, sc: &Scope, out: &mut model::Body) {
        let Some(kind) = b.labels.first().map(|l| l.as_str().to_string()) else {
            return;
        };
        let header = header_span(sc.file, b);
        let Some(content) = b.body.get_blocks("content").next() else {
            return;
        };
        let iterator = b
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.value().as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| kind.clone());
        let (coll, for_each) = match b.body.get_attribute("for_each") {
            Some(fe) => (
                self.eval_or_unknown(&fe.value, sc),
                sc.span_of(fe.value.span()),
            ),
            None => return,
        };
        let pairs = match iterate(&coll, header) {
            Ok(Some(p)) => p,
            Ok(None) => vec![(
                Value::unknown("dynamic block key of an unknown for_each"),
                Value::unknown("dynamic block value of an unknown for_each"),
            )],
            Err(e) => {
                self.root
                    .diag(Diagnostic::new(e.kind, e.message, Some(e.span)));
                return;
            }
        };
        // Each block a `dynamic` block makes counts as an instance: against the limit
        // per block (as `count` and `for_each` of a resource) and the root's budget, so
        // a `dynamic` inside ten thousand instances cannot multiply past them.
        let limit = self.root.opts.limits.max_instances_per_resource;
        if pairs.len() > limit {
            self.root.diag(Diagnostic::new(
                DiagKind::Limit,
                format!(
                    "for_each of dynamic \"{kind}\" has {} elements, over the limit of {limit}; only the first {limit} are scanned",
                    pairs.len()
                ),
                Some(for_each),
            ));
        }
        let n = self.reserve_instances(pairs.len().min(limit), header);
        for (k, v) in pairs.into_iter().take(n) {
            let mut it = BTreeMap::new();
            it.insert("key".to_string(), k);
            it.insert("value".to_string(), v);
            let inner = sc.bind(&iterator, Value::map(it));
            out.blocks.push(model::Block {
                kind: kind.clone(),
                header,
                body: self.eval_body(&content.body, &inner, false),
            });
        }
    }

    /// The object of a module call's outputs (`module.a`); `output` is the attribute the
    /// reference reads next, if any (`module.a.x`, `module.a[0].x`), and `instance` the
    /// key of the instance it reads, if any, when it is needed.
    pub fn module_value(
        &self,
        name: &str,
        output: Option<&str>,
        instance: &dyn Fn() -> Option<Value>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match self.def.call_index.get(name) {
            Some(&i) => self.call_by_index(i, output, instance, span),
            None => Ok(self.undeclared(
                format!("reference to undeclared module \"{name}\""),
                span,
                None,
            )),
        }
    }

    fn call_by_index(
        &self,
        i: usize,
        output: Option<&str>,
        instance: &dyn Fn() -> Option<Value>,
        span: Span,
    ) -> Result<Value, EvalError> {
        // The slot's borrow ends here: reading an output early evaluates more.
        let reentered = match self.calls.borrow().get(i) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::InProgress) => true,
            None => false,
        };
        if reentered {
            let open = self.open_calls.borrow().get(&i).cloned();
            let instances = self.open_multi.borrow().get(&i).cloned();
            return Ok(match (open, instances) {
                (Some(child), _) => self.read_early(i, &child, output),
                (None, Some(instances)) => {
                    self.read_instances(i, &instances, output, instance(), span)
                }
                // Read while the call's `count` or `for_each` is evaluated: Terraform
                // rejects it (`Error: Cycle: module.a.output.z (expand), module.a
                // (expand)`).
                (None, None) => {
                    let call = format!("{}module.{}", self.prefix, self.def.calls[i].name);
                    let path = match output {
                        Some(o) => format!("{call}, {call}.output.{o}"),
                        None => call.clone(),
                    };
                    if self.root.probing.get() {
                        self.root.probed_cycle.set(true);
                    } else {
                        self.root.diag(Diagnostic::new(
                            DiagKind::Cycle,
                            format!("references form a cycle, which Terraform rejects: {path}"),
                            Some(span),
                        ));
                    }
                    Value::unknown(format!("{call} is part of a cycle ({path})"))
                }
            });
        }
        let _ = span;
        self.calls.borrow_mut().set(i, Slot::InProgress);
        let v = match output {
            Some(o) => {
                let node = format!(
                    "{}module.{}.output.{o}",
                    self.prefix, self.def.calls[i].name
                );
                self.root
                    .traced(Node::Text(node), || self.expand_call(i, output))
            }
            None => self.expand_call(i, None),
        };
        self.calls.borrow_mut().set(i, Slot::Done(v.clone()));
        Ok(v)
    }

    /// Evaluates a `module` call: each instance gets its inputs, is evaluated whole, and
    /// returns its outputs.
    fn expand_call(&self, i: usize, output: Option<&str>) -> Value {
        let c = &self.def.calls[i];
        let callee = match self.callee(c) {
            Ok(callee) => callee,
            Err(unknown) => return unknown,
        };
        let sc = Scope::new(c.file);
        let keys = self.instance_keys(&c.repeat, &sc, &callee.base, callee.header);
        if matches!(keys, InstanceKeys::Single) {
            let child = self.open_instance(&callee, InstanceKey::None, Some((i, output)));
            return self.call_instance(&callee, child, &sc, Some(i));
        }
        // Terraform evaluates each input and output of a call on its own, for all its
        // instances at once (`module.a.var.y (expand)`), so an argument may read an
        // output of any instance: every instance is opened before any argument is
        // evaluated, and each instance is evaluated whole after all the arguments.
        let mut scopes = Vec::new();
        let shape = self.collect_instances(keys, &sc, &mut |key, s| {
            scopes.push((key, s.clone()));
            Value::null()
        });
        let instances: Vec<(Scope, Rc<ModInst<'r, 'a>>)> = scopes
            .into_iter()
            .map(|(key, s)| (s, self.open_instance(&callee, key, Some((i, output)))))
            .collect();
        let n = instances.len();
        let open = Rc::new(OpenInstances {
            instances,
            shape,
            from: self.root.trail.borrow().len(),
            cyclic: RefCell::default(),
            reentered: Cell::new(false),
            started: (0..n).map(|_| Cell::new(false)).collect(),
            reading: Cell::new(false),
        });
        self.open_multi.borrow_mut().insert(i, open.clone());
        for ((s, child), started) in open.instances.iter().zip(&open.started) {
            started.set(true);
            for a in callee.call.block.body.attributes() {
                self.argument(child, a, s);
            }
        }
        self.open_multi.borrow_mut().remove(&i);
        let values = open
            .instances
            .iter()
            .map(|(s, child)| self.call_instance(&callee, child.clone(), s, None))
            .collect();
        fill(&open.shape, values)
    }

    /// The outputs (`output`, or all of them) of the instances of the call `i` with
    /// `count` or `for_each`, read by one of its own arguments at `span`: of the
    /// instance `key` when the reference names one (`module.a[0].x`; the others are
    /// unknown, as it reads none of them), else of all. Each instance's arguments not
    /// started yet are evaluated first, then the outputs. An output that
    /// needs an argument being evaluated makes a cycle, as for Terraform (`Error: Cycle:
    /// module.a.output.x (expand), module.a.var.y (expand)`): it is reported once, by the
    /// outermost read, with the path from the first argument to that output; the output
    /// is the unknown that names the cycle. A read that names no instance (a key not
    /// known, `module.a[*].x`) evaluates the arguments of every instance.
    fn read_instances(
        &self,
        i: usize,
        open: &OpenInstances<'r, 'a>,
        output: Option<&str>,
        key: Option<Value>,
        span: Span,
    ) -> Value {
        let c = &self.def.calls[i];
        let root = self.root;
        let position = key.and_then(|k| open.position(&k));
        // A read of all the instances made while another goes on (an instance's
        // argument reads them too) reads only those whose arguments have been started:
        // the others' outputs are unknown to it, so that the nesting stays one deep.
        let nested = position.is_none() && open.reading.replace(true);
        let read = |n: usize| match position {
            Some(p) => p == n,
            None => !nested || open.started.get(n).is_some_and(Cell::get),
        };
        let probing = root.probing.replace(true);
        let found = root.probed_cycle.replace(false);
        for (n, (s, child)) in open.instances.iter().enumerate() {
            if !read(n) {
                continue;
            }
            if let Some(started) = open.started.get(n) {
                started.set(true);
            }
            child.read_early.set(true);
            for a in c.block.body.attributes() {
                self.argument(child, a, s);
            }
        }
        let mut values = Vec::with_capacity(open.instances.len());
        for (n, (_, child)) in open.instances.iter().enumerate() {
            if !read(n) {
                values.push(Value::unknown(format!(
                    "{}: not read while the call's arguments are evaluated",
                    child.prefix.strip_suffix('.').unwrap_or(&child.prefix)
                )));
                continue;
            }
            let mut outputs = BTreeMap::new();
            for (file, name, attr) in &child.def.outputs {
                if output.is_some_and(|o| o != *name) {
                    continue;
                }
                let before = root.probed_cycle.replace(false);
                outputs.insert(name.to_string(), child.output(*file, name, attr));
                if root.probed_cycle.get() && open.cyclic.borrow().is_none() {
                    *open.cyclic.borrow_mut() = Some(format!("{}output.{name}", child.prefix));
                }
                root.probed_cycle.set(before || root.probed_cycle.get());
            }
            values.push(Value::map(outputs));
        }
        let needs = root.probed_cycle.get();
        root.probing.set(probing);
        root.probed_cycle.set(found || needs);
        if position.is_none() && !nested {
            open.reading.set(false);
        }
        if !probing {
            self.report_instances_cycle(open, span);
        }
        fill(&open.shape, values)
    }

    /// Reports the cycle [`ModInst::read_instances`] found through `open`, if any, at
    /// `span`: its path runs from the call's first argument to the output found.
    fn report_instances_cycle(&self, open: &OpenInstances<'r, 'a>, span: Span) {
        let Some(to) = open.cyclic.borrow_mut().take() else {
            return;
        };
        let path = {
            let trail = self.root.trail.borrow();
            let mut path: Vec<String> = trail
                .get(open.from..)
                .into_iter()
                .flatten()
                .map(Node::to_string)
                .collect();
            path.push(to);
            path.join(", ")
        };
        self.root.diag(Diagnostic::new(
            DiagKind::Cycle,
            format!("references form a cycle, which Terraform rejects: {path}"),
            Some(span),
        ));
    }

    /// The outputs of the instance of call `i` that one of its own arguments reads
    /// (`output`, or all of them), while its arguments are being evaluated. Terraform
    /// evaluates each output and input on its own: the output is evaluated now, after
    /// the arguments not yet started (it may need any of them); if it needs the argument
    /// that led here, that is a cycle, which [`ModInst::variable`] reports.
    fn read_early(&self, i: usize, child: &Rc<ModInst<'r, 'a>>, output: Option<&str>) -> Value {
        child.read_early.set(true);
        let c = &self.def.calls[i];
        let sc = Scope::new(c.file);
        for a in c.block.body.attributes() {
            self.argument(child, a, &sc);
        }
        let mut outputs = BTreeMap::new();
        for (file, name, attr) in &child.def.outputs {
            if output.is_none_or(|o| o == *name) {
                outputs.insert(name.to_string(), child.output(*file, name, attr));
            }
        }
        Value::map(outputs)
    }

    /// The module a call evaluates, or the unknown value of its outputs (with a
    /// diagnostic) when its source is not available, holds no Terraform, is a module
    /// cycle or is nested too deep.
    fn callee<'c>(&self, c: &'c CallDecl<'a>) -> Result<Callee<'c, 'r, 'a>, Value> {
        let header = header_span(c.file, c.block);
        let base = [&*self.prefix, "module.", c.name].concat();
        let call_key = if self.call_key.is_empty() {
            c.name.to_string()
        } else {
            [&*self.call_key, ".", c.name].concat()
        };
        let Some(dir) = self.resolve_source(c, &call_key, header) else {
            return Err(Value::unknown(format!(
                "outputs of {base} are unknown: its source is not available locally"
            )));
        };
        let def = if dir == self.root.root_dir {
            Some(self.root.root_def)
        } else {
            self.root.defs.get(&dir)
        };
        let Some(def) = def else {
            self.root.diag(Diagnostic::new(
                DiagKind::Coverage,
                format!("{base}: no Terraform files in module directory '{dir}'; its outputs are unknown"),
                Some(header),
            ));
            return Err(Value::unknown(format!("outputs of {base} are unknown")));
        };
        if self.dirs.contains(&dir) {
            self.root.diag(Diagnostic::new(
                DiagKind::Cycle,
                format!(
                    "{base}: module '{dir}' calls itself (through {}); Terraform rejects module cycles, so it is not evaluated",
                    self.dirs
                        .iter()
                        .map(|d| if d.is_empty() { "the root" } else { d.as_str() })
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
                Some(header),
            ));
            return Err(Value::unknown(format!("outputs of {base} are unknown")));
        }
        if self.depth + 1 > self.root.opts.limits.module_depth() {
            self.root.diag(Diagnostic::new(
                DiagKind::Limit,
                format!(
                    "{base}: module calls nested deeper than {} levels (a module that calls itself?); not evaluated",
                    self.root.opts.limits.module_depth()
                ),
                Some(header),
            ));
            return Err(Value::unknown(format!("outputs of {base} are unknown")));
        }
        Ok(Callee {
            call: c,
            def,
            dir,
            base,
            call_key,
            header,
        })
    }

    /// A new instance `key` of a module call, with no inputs yet. `open` is the call's
    /// index and the output the reference that started it reads ([`ModInst::reentry`]).
    fn open_instance(
        &self,
        callee: &Callee<'_, 'r, 'a>,
        key: InstanceKey,
        open: Option<(usize, Option<&str>)>,
    ) -> Rc<ModInst<'r, 'a>> {
        let address = key.address(&callee.base);
        let mut chain = self.chain.to_vec();
        chain.push(ModuleCall {
            address: address.clone(),
            header: callee.header,
        });
        let chain: Arc<[ModuleCall]> = Arc::from(chain);
        // Room for every argument at once: the map no longer grows one argument at a time.
        let arguments = callee.call.block.body.attributes().count();
        let mut child = ModInst::new(
            self.root,
            callee.def,
            [&*address, "."].concat(),
            callee.call_key.clone(),
            chain.clone(),
            self.depth + 1,
            HashMap::with_capacity_and_hasher(arguments, Default::default()),
        );
        child.dirs = self.dirs.clone();
        child.dirs.push(callee.dir.clone());
        child.wanted = open
            .and_then(|(_, o)| o)
            .map(|o| (o.to_string(), self.root.trail.borrow().len()));
        Rc::new(child)
    }

    /// Evaluates an instance of a module call whole (or reuses an identical one) and
    /// returns its outputs, after its arguments not evaluated yet. `open` is the call's
    /// index when it has a single instance, whose outputs its own arguments may then
    /// read ([`ModInst::read_early`]).
    fn call_instance(
        &self,
        callee: &Callee<'_, 'r, 'a>,
        child: Rc<ModInst<'r, 'a>>,
        sc: &Scope,
        open: Option<usize>,
    ) -> Value {
        let root = self.root;
        let address = child
            .prefix
            .strip_suffix('.')
            .unwrap_or(&child.prefix)
            .to_string();
        let chain = child.chain.clone();
        let depth = chain.len();
        if let Some(i) = open {
            self.open_calls.borrow_mut().insert(i, child.clone());
        }
        for a in callee.call.block.body.attributes() {
            self.argument(&child, a, sc);
        }
        if let Some(i) = open {
            self.open_calls.borrow_mut().remove(&i);
        }
        if !child.read_early.get() {
            let inputs = child.inputs.borrow();
            if let Some(outputs) = root.reuse(&callee.call_key, &address, &chain, &inputs) {
                return outputs;
            }
        }
        let before = root.mark();
        child.evaluate_all();
        let outputs = Value::map(child.outputs());
        root.count_modules(1, false);
        // An evaluation the deadline cut short is not one to repeat, nor one that
        // started before its inputs were all known (its early part is not in the marks).
        if !root.opts.limits.expired() && !child.read_early.get() {
            let after = root.mark();
            root.memo.keep(
                &callee.call_key,
                Evaluation {
                    address,
                    depth,
                    inputs: child.inputs.take(),
                    instances: before.instances..after.instances,
                    diagnostics: before.diagnostics..after.diagnostics,
                    reserved: after.budget_used.saturating_sub(before.budget_used),
                    modules: after.modules.saturating_sub(before.modules),
                    outputs: outputs.clone(),
                },
            );
        }
        outputs
    }

    /// Evaluates the argument `a` of a module call into `child`'s inputs, unless it is
    /// a meta-argument, already evaluated, or being evaluated (then `child` reports the
    /// cycle when it reads it).
    fn argument(&self, child: &ModInst<'r, 'a>, a: &'a Attribute, sc: &Scope) {
        let k = a.key.value().as_str();
        if matches!(
            k,
            "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
        ) || child.inputs.borrow().contains_key(k)
            || !child.pending_inputs.borrow_mut().insert(k)
        {
            return;
        }
        let address = child.prefix.strip_suffix('.').unwrap_or(&child.prefix);
        let span = sc.span_of(a.value.span());
        let v = self
            .root
            .traced(Node::Named(child.prefix.clone(), "var.", k), || {
                self.bounded(self.eval_or_unknown_at(&a.value, sc, span), span)
            })
            .annotate(
                ProvLabel::ModuleArgument {
                    module: address.to_string(),
                    name: k.to_string(),
                },
                span,
            );
        child.pending_inputs.borrow_mut().remove(k);
        child.inputs.borrow_mut().insert(k.to_string(), v);
    }

    /// The outputs of this instance (of a module call).
    fn outputs(&self) -> BTreeMap<String, Value> {
        let mut outputs = BTreeMap::new();
        for (file, name, attr) in &self.def.outputs {
            outputs.insert(name.to_string(), self.output(*file, name, attr));
        }
        outputs
    }

    /// The value of the output `name`, evaluated once.
    fn output(&self, file: FileId, name: &'a str, attr: &Attribute) -> Value {
        if let Some(v) = self.output_values.borrow().get(name) {
            return v.clone();
        }
        let address = self.prefix.strip_suffix('.').unwrap_or(&self.prefix);
        let osc = Scope::new(file);
        let v = self
            .root
            .traced(Node::Named(self.prefix.clone(), "output.", name), || {
                self.bounded(
                    self.eval_or_unknown(&attr.value, &osc),
                    osc.span_of(attr.value.span()),
                )
            })
            .annotate(
                ProvLabel::ModuleOutput {
                    module: address.to_string(),
                    name: name.to_string(),
                },
                osc.span_of(attr.value.span()),
            );
        self.output_values
            .borrow_mut()
            .insert(name.to_string(), v.clone());
        v
    }

    /// The directory (relative to the scan root) a module call's source points at.
    fn resolve_source(&self, c: &CallDecl<'a>, call_key: &str, header: Span) -> Option<String> {
        let attr = c.block.body.get_attribute("source");
        let source = attr.and_then(|a| match &a.value {
            Expression::String(s) => Some(s.value().to_string()),
            _ => None,
        });
        let (Some(attr), Some(source)) = (attr, source) else {
            self.root.diag(Diagnostic::new(
                DiagKind::Evaluation,
                format!("module.{}: source must be a literal string", c.name),
                Some(header),
            ));
            return None;
        };
        if source.starts_with("./") || source.starts_with("../") || source.starts_with('/') {
            let lexical = crate::loader::module_dir(&self.def.dir, &source)
                .map(|d| crate::loader::rooted(&self.root.loaded.root, d));
            let inside = match lexical {
                // A directory the walk read Terraform from is inside the tree (the walk
                // never follows a link out of it), so only other paths are resolved on
                // disk; that took a tenth of evaluation when done for every call.
                Some(rel) if rel == self.root.root_dir || self.root.defs.contains_key(&rel) => {
                    Some(rel)
                }
                _ => crate::loader::contained_module_dir(
                    &self.root.loaded.root,
                    &self.root.loaded.boundary,
                    &self.def.dir,
                    &source,
                ),
            };
            if inside.is_none() {
                // The same refusal as file(): nothing outside the tree is read.
                let outside = if self.root.loaded.boundary == self.root.loaded.root {
                    "the scanned directory"
                } else {
                    "the git repository of the scanned directory"
                };
                self.root.diag(Diagnostic::new(
                    DiagKind::Read,
                    format!(
                        "module.{}: refusing to read {source:?}: it is outside {outside}; its outputs are unknown",
                        c.name
                    ),
                    Some(Scope::new(c.file).span_of(attr.span())),
                ));
            }
            return inside;
        }
        if let Some(dir) = self.root.installed_modules.get(call_key) {
            return Some(dir.clone());
        }
        self.root.diag(Diagnostic::new(
            DiagKind::Coverage,
            format!(
                "module.{}: source '{source}' is not installed (no .terraform/modules/modules.json entry); run terraform init to scan it. Its outputs are unknown",
                c.name
            ),
            Some(header),
        ));
        None
    }
}

enum InstanceKeys {
    Single,
    Count(usize),
    ForEach(Vec<(String, Value)>),
    Unknown { count: bool },
}

#[derive(Clone)]
enum InstanceKey {
    None,
    Index(usize),
    Key(String),
    Representative,
}

impl InstanceKey {
    /// The address of this instance of `base`: `base`, `base[0]` or `base["k"]`, the key
    /// quoted as JSON writes a string. Built piece by piece into a string of the right
    /// size: every resource and module instance has one, and `format!` cost several
    /// times as much.
    fn address(&self, base: &str) -> String {
        let mut out = String::new();
        self.write_address(base, &mut out);
        out
    }

    /// Appends [`InstanceKey::address`] to `out`.
    fn write_address(&self, base: &str, out: &mut String) {
        match self {
            InstanceKey::None | InstanceKey::Representative => out.push_str(base),
            InstanceKey::Index(i) => {
                let mut digits = itoa::Buffer::new();
                let digits = digits.format(*i);
                out.reserve(base.len() + digits.len() + 2);
                out.push_str(base);
                out.push('[');
                out.push_str(digits);
                out.push(']');
            }
            // JSON escapes only `"`, `\` and control characters (RFC 8259, section 7);
            // a key without them is written as it is.
            InstanceKey::Key(k) if !k.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) => {
                out.reserve(base.len() + k.len() + 4);
                out.push_str(base);
                out.push_str("[\"");
                out.push_str(k);
                out.push_str("\"]");
            }
            InstanceKey::Key(k) => {
                out.push_str(base);
                out.push('[');
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(']');
            }
        }
    }
}

/// The span of a block's header: its type and labels (`resource "aws_s3_bucket" "b"`).
pub fn header_span(file: FileId, b: &Block) -> Span {
    let start = b.ident.span().map(|r| r.start).unwrap_or(0);
    let end = b
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| b.ident.span())
        .map(|r| r.end)
        .unwrap_or(start);
    Span::new(file, start..end)
}

/// `path.module` for `dir` seen from the root module `root`.
fn relative_dir(root: &str, dir: &str) -> String {
    if root == dir {
        return ".".to_string();
    }
    let r: Vec<&str> = root.split('/').filter(|s| !s.is_empty()).collect();
    let d: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let common = r.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; r.len() - common];
    parts.extend(&d[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::{InstanceKey, Mode, Node, relative_dir, trail_position, trail_text};
    use std::rc::Rc;

    /// An instance's address is its block's address and the key as Terraform writes it:
    /// an index, or the key as a JSON string (escapes included).
    #[test]
    fn instance_addresses_quote_keys_as_json() {
        let base = "module.a.aws_s3_bucket.b";
        assert_eq!(InstanceKey::None.address(base), base);
        assert_eq!(InstanceKey::Representative.address(base), base);
        for i in [0, 7, 10, 12_345] {
            assert_eq!(InstanceKey::Index(i).address(base), format!("{base}[{i}]"));
        }
        // Written into a buffer that already holds text, as the shared form is.
        let written = |key: &InstanceKey| {
            let mut out = String::from("before");
            key.write_address(base, &mut out);
            out.strip_prefix("before").map(str::to_string)
        };
        for key in [
            "prod",
            "",
            "a b",
            "a\"b",
            "back\\slash",
            "tab\t",
            "\u{1}",
            "\u{7f}",
            "é ü 日本",
            "a/b",
            "x'y",
        ] {
            let json = serde_json::Value::String(key.to_string());
            let key = InstanceKey::Key(key.to_string());
            assert_eq!(key.address(base), format!("{base}[{json}]"), "{json}");
            assert_eq!(written(&key), Some(key.address(base)), "{json}");
        }
        for key in [InstanceKey::None, InstanceKey::Index(12)] {
            assert_eq!(written(&key), Some(key.address(base)));
        }
    }

    /// The trail's entries read as the addresses Terraform names in a cycle, as the
    /// strings the trail held before it kept them in parts.
    #[test]
    fn trail_entries_read_as_addresses() {
        let at_a: Rc<str> = Rc::from("module.a[\"x\"].");
        let trail = [
            Node::Named(at_a.clone(), "var.", "y"),
            Node::Resource(at_a.clone(), Mode::Data, "aws_iam_policy_document", "p"),
            Node::Resource(Rc::from(""), Mode::Managed, "aws_vpc", "main"),
            Node::Named(Rc::from(""), "local.", "l"),
            Node::Text("module.b.output.o".to_string()),
            Node::Named(at_a, "output.", "z"),
        ];
        assert_eq!(
            trail_text(&trail),
            "module.a[\"x\"].var.y, module.a[\"x\"].data.aws_iam_policy_document.p, \
             aws_vpc.main, local.l, module.b.output.o, module.a[\"x\"].output.z"
        );
        assert_eq!(trail_position(&trail, "aws_vpc.main"), Some(2));
        assert_eq!(trail_position(&trail, "local.l"), Some(3));
        assert_eq!(
            trail_position(&trail, "data.aws_iam_policy_document.p"),
            None
        );
    }

    #[test]
    fn path_module_is_relative_to_the_root_module() {
        assert_eq!(relative_dir("", ""), ".");
        assert_eq!(relative_dir("", "modules/vpc"), "modules/vpc");
        assert_eq!(
            relative_dir("envs/prod", "modules/vpc"),
            "../../modules/vpc"
        );
    }
}
