//! Reusing the evaluation of a module instance for an identical one.
//!
//! Instances of one `module` call (its `count`/`for_each` instances, or the same call
//! inside every instance of a parent module) often receive the same inputs. Evaluation is
//! then the same but for one thing: the instance's address, which the results carry
//! (resource addresses, unknowns that point at a resource, provenance hops through the
//! module, diagnostic messages). So the first instance is evaluated and each identical
//! one replays its results with the address rewritten, which is what evaluating it would
//! have produced. "Identical" is exact: every input value, its provenance included, is
//! equal once the addresses are swapped.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use foldhash::HashMap;

use crate::model::{self, ModuleCall, ResourceInstance};
use crate::value::{Kind, Partial, Prov, ProvLabel, Provenance, ResourceObject, Unknown, Value};

/// An evaluated module instance that later instances of the same call may reuse.
pub struct Evaluation {
    /// Its address without the trailing dot (`module.a["x"]`).
    pub address: String,
    /// How many module calls lead from the root to it, itself included.
    pub depth: usize,
    pub inputs: HashMap<String, Value>,
    /// What it appended to the root's resource instances and diagnostics.
    pub instances: Range<usize>,
    pub diagnostics: Range<usize>,
    /// Instances it took from the root's budget (`--max-total-instances`).
    pub reserved: usize,
    /// Module instances it stands for: itself and those inside it.
    pub modules: usize,
    /// The object of its outputs, what a reference to the instance sees.
    pub outputs: Value,
}

/// How many distinct evaluations of one call are kept: a call whose instances all differ
/// should cost a few comparisons per instance, not one per earlier instance.
const KEPT_PER_CALL: usize = 8;

/// The evaluations of one root module's calls, by call path (`a.b`).
#[derive(Default)]
pub struct Memo {
    by_call: RefCell<HashMap<String, Vec<Evaluation>>>,
}

impl Memo {
    /// Keeps an evaluation of the call `call_key`.
    pub fn keep(&self, call_key: &str, evaluation: Evaluation) {
        let mut by_call = self.by_call.borrow_mut();
        let kept = by_call.entry(call_key.to_string()).or_default();
        if kept.len() < KEPT_PER_CALL {
            kept.push(evaluation);
        }
    }

    /// Calls `replay` with the kept evaluation of `call_key` whose inputs equal `inputs`
    /// once its address is read as `address`, if there is one.
    pub fn find<T>(
        &self,
        call_key: &str,
        address: &str,
        inputs: &HashMap<String, Value>,
        replay: impl FnOnce(&Evaluation) -> T,
    ) -> Option<T> {
        let by_call = self.by_call.borrow();
        let found = by_call.get(call_key)?.iter().find(|e| {
            let swap = Relabel::new(address, &e.address);
            e.inputs.len() == inputs.len()
                && inputs
                    .iter()
                    .all(|(k, v)| e.inputs.get(k).is_some_and(|w| swap.same(v, w)))
        })?;
        Some(replay(found))
    }
}

/// Rewrites one module instance's address into another's wherever evaluation wrote it.
pub struct Relabel<'s> {
    from: &'s str,
    to: &'s str,
    finder: memchr::memmem::Finder<'s>,
    /// Parts already rewritten, by address: a body is shared by its instance and the
    /// references to it, a provenance hop by every value read from one variable, an
    /// address by the unknowns that point at it. Each is rewritten once and the result
    /// shared. (The originals outlive the rewriting, so an address names one part.)
    bodies: RefCell<HashMap<*const model::Body, Arc<model::Body>>>,
    provs: RefCell<HashMap<*const Prov, Option<Arc<Prov>>>>,
    texts: RefCell<HashMap<*const u8, Option<Arc<str>>>>,
    chains: RefCell<HashMap<*const ModuleCall, Arc<[ModuleCall]>>>,
}

/// Characters that continue a name in an address: `module.a` is not within `module.ab`.
fn continues_name(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

impl<'s> Relabel<'s> {
    pub fn new(from: &'s str, to: &'s str) -> Relabel<'s> {
        Relabel {
            from,
            to,
            finder: memchr::memmem::Finder::new(from),
            bodies: RefCell::default(),
            provs: RefCell::default(),
            texts: RefCell::default(),
            chains: RefCell::default(),
        }
    }

    /// `text` with each whole occurrence of the address rewritten, or `None` when it has
    /// none. An occurrence is whole when no name continues it on either side (an address
    /// may follow a space or a quote in a message, never another address).
    pub fn text(&self, text: &str) -> Option<String> {
        if self.from.is_empty() || text.len() < self.from.len() {
            return None;
        }
        let mut out = String::new();
        let mut rest = 0;
        let mut changed = false;
        for at in self.finder.find_iter(text.as_bytes()) {
            if at < rest {
                continue;
            }
            let end = at + self.from.len();
            // The finder matches bytes; `from` is UTF-8, so a match starts and ends on
            // character boundaries.
            let before = text.get(..at).and_then(|t| t.chars().next_back());
            let after = text.get(end..).and_then(|t| t.chars().next());
            let whole = !before.is_some_and(|c| continues_name(c) || c == '.')
                && !after.is_some_and(continues_name);
            if whole {
                out.push_str(&text[rest..at]);
                out.push_str(self.to);
                rest = end;
                changed = true;
            }
        }
        if !changed {
            return None;
        }
        out.push_str(&text[rest..]);
        Some(out)
    }

    fn arc_text(&self, text: &Arc<str>) -> Option<Arc<str>> {
        let key = text.as_ptr();
        if let Some(done) = self.texts.borrow().get(&key) {
            return done.clone();
        }
        let out = self.text(text).map(Arc::from);
        self.texts.borrow_mut().insert(key, out.clone());
        out
    }

    /// Whether `a`, read with this rewriting, is the value `b`: the same kind and
    /// contents, the same provenance, the same unknowns.
    pub fn same(&self, a: &Value, b: &Value) -> bool {
        self.same_provenance(&a.prov, &b.prov) && self.same_kind(&a.kind, &b.kind)
    }

    fn same_text(&self, a: &str, b: &str) -> bool {
        match self.text(a) {
            Some(a) => a == b,
            None => a == b,
        }
    }

    fn same_kind(&self, a: &Kind, b: &Kind) -> bool {
        match (a, b) {
            (Kind::Null, Kind::Null) => true,
            (Kind::Bool(x), Kind::Bool(y)) => x == y,
            (Kind::Number(x), Kind::Number(y)) => x == y,
            (Kind::String(x), Kind::String(y)) => x == y,
            (Kind::List(x), Kind::List(y)) | (Kind::Set(x), Kind::Set(y)) => {
                Arc::ptr_eq(x, y)
                    || (x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| self.same(a, b)))
            }
            (Kind::Map(x), Kind::Map(y)) => {
                Arc::ptr_eq(x, y)
                    || (x.len() == y.len()
                        && x.iter()
                            .zip(y.iter())
                            .all(|((ka, a), (kb, b))| ka == kb && self.same(a, b)))
            }
            (Kind::Resource(x), Kind::Resource(y)) => {
                self.same_text(&x.address, &y.address)
                    && x.data_type() == y.data_type()
                    && self.same_body(x.body(), y.body())
            }
            (Kind::Unknown(x), Kind::Unknown(y)) => {
                self.same_text(&x.reason, &y.reason)
                    && match (&x.refers_to, &y.refers_to) {
                        (None, None) => true,
                        (Some(a), Some(b)) => self.same_text(a, b),
                        _ => false,
                    }
                    && match (x.partial.as_deref(), y.partial.as_deref()) {
                        (None, None) => true,
                        (Some(a), Some(b)) => self.same_partial(a, b),
                        _ => false,
                    }
            }
            _ => false,
        }
    }

    fn same_partial(&self, a: &Partial, b: &Partial) -> bool {
        let same_all = |x: &[Value], y: &[Value]| {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| self.same(a, b))
        };
        match (a, b) {
            (Partial::Template(x), Partial::Template(y))
            | (Partial::Elements(x), Partial::Elements(y)) => same_all(x, y),
            (Partial::Json(x), Partial::Json(y)) => self.same(x, y),
            _ => false,
        }
    }

    /// Whether two provenances, read with this rewriting, are the same history: a span
    /// alone is the same as one unlabelled hop at that span.
    fn same_provenance(&self, a: &Provenance, b: &Provenance) -> bool {
        match (a, b) {
            (Provenance::Hops(a), Provenance::Hops(b)) => self.same_prov(Some(a), Some(b)),
            _ => match (a.as_written(), b.as_written()) {
                (Some(x), Some(y)) => x == y,
                _ => a.is_none() && b.is_none(),
            },
        }
    }

    fn same_prov(&self, a: Option<&Arc<Prov>>, b: Option<&Arc<Prov>>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.span == b.span
                        && match (&a.label, &b.label) {
                            (None, None) => true,
                            (Some(x), Some(y)) => self.same_label(x, y),
                            _ => false,
                        }
                        && self.same_prov(a.prev.as_ref(), b.prev.as_ref()))
            }
            _ => false,
        }
    }

    fn same_label(&self, a: &ProvLabel, b: &ProvLabel) -> bool {
        match (a, b) {
            (
                ProvLabel::ModuleArgument {
                    module: ma,
                    name: na,
                },
                ProvLabel::ModuleArgument {
                    module: mb,
                    name: nb,
                },
            )
            | (
                ProvLabel::ModuleOutput {
                    module: ma,
                    name: na,
                },
                ProvLabel::ModuleOutput {
                    module: mb,
                    name: nb,
                },
            ) => na == nb && self.same_text(ma, mb),
            _ => a == b,
        }
    }

    fn same_body(&self, a: &model::Body, b: &model::Body) -> bool {
        std::ptr::eq(a, b)
            || (a.attrs.len() == b.attrs.len()
                && a.attrs.iter().zip(&b.attrs).all(|((ka, x), (kb, y))| {
                    ka == kb && x.span == y.span && self.same(&x.value, &y.value)
                })
                && a.blocks.len() == b.blocks.len()
                && a.blocks.iter().zip(&b.blocks).all(|(x, y)| {
                    x.kind == y.kind && x.header == y.header && self.same_body(&x.body, &y.body)
                }))
    }

    /// `v` rewritten, sharing every part that does not mention the address.
    pub fn value(&self, v: &Value) -> Value {
        self.changed_value(v).unwrap_or_else(|| v.clone())
    }

    fn changed_value(&self, v: &Value) -> Option<Value> {
        // A span alone names no module: only a history of hops can change.
        let prov = match &v.prov {
            Provenance::Hops(p) => self.changed_prov(p).map(Provenance::Hops),
            Provenance::None | Provenance::At(_) => None,
        };
        let kind = self.changed_kind(&v.kind);
        if prov.is_none() && kind.is_none() {
            return None;
        }
        Some(Value {
            kind: kind.unwrap_or_else(|| v.kind.clone()),
            prov: prov.unwrap_or_else(|| v.prov.clone()),
        })
    }

    fn changed_kind(&self, k: &Kind) -> Option<Kind> {
        match k {
            Kind::Null | Kind::Bool(_) | Kind::Number(_) | Kind::String(_) => None,
            Kind::List(items) => self.changed_items(items).map(|v| Kind::List(Arc::new(v))),
            Kind::Set(items) => self.changed_items(items).map(|v| Kind::Set(Arc::new(v))),
            Kind::Map(map) => {
                let changed: Vec<(usize, Value)> = map
                    .values()
                    .enumerate()
                    .filter_map(|(i, v)| self.changed_value(v).map(|c| (i, c)))
                    .collect();
                if changed.is_empty() {
                    return None;
                }
                let mut changed = changed.into_iter().peekable();
                let out: BTreeMap<String, Value> = map
                    .iter()
                    .enumerate()
                    .map(|(i, (k, v))| match changed.next_if(|(j, _)| *j == i) {
                        Some((_, c)) => (k.clone(), c),
                        None => (k.clone(), v.clone()),
                    })
                    .collect();
                Some(Kind::Map(Arc::new(out)))
            }
            Kind::Resource(r) => {
                let address = self.arc_text(&r.address);
                let body = self.changed_body(r.body());
                if address.is_none() && body.is_none() {
                    return None;
                }
                Some(Kind::Resource(Arc::new(ResourceObject::new(
                    address.unwrap_or_else(|| r.address.clone()),
                    body.unwrap_or_else(|| r.body().clone()),
                    r.data_source().cloned(),
                ))))
            }
            Kind::Unknown(u) => {
                let reason = self.arc_text(&u.reason);
                let refers_to = u.refers_to.as_ref().and_then(|r| self.arc_text(r));
                let partial = u.partial.as_deref().and_then(|p| self.changed_partial(p));
                if reason.is_none() && refers_to.is_none() && partial.is_none() {
                    return None;
                }
                Some(Kind::Unknown(Arc::new(Unknown {
                    reason: reason.unwrap_or_else(|| u.reason.clone()),
                    refers_to: refers_to.or_else(|| u.refers_to.clone()),
                    partial: partial.map(Arc::new).or_else(|| u.partial.clone()),
                })))
            }
        }
    }

    fn changed_partial(&self, p: &Partial) -> Option<Partial> {
        match p {
            Partial::Template(parts) => self.changed_items(parts).map(Partial::Template),
            Partial::Elements(items) => self.changed_items(items).map(Partial::Elements),
            Partial::Json(v) => self.changed_value(v).map(Partial::Json),
        }
    }

    fn changed_items(&self, items: &[Value]) -> Option<Vec<Value>> {
        let first = items.iter().position(|v| self.changed_value(v).is_some())?;
        let mut out: Vec<Value> = items[..first].to_vec();
        out.extend(items[first..].iter().map(|v| self.value(v)));
        Some(out)
    }

    fn changed_prov(&self, p: &Arc<Prov>) -> Option<Arc<Prov>> {
        let key = Arc::as_ptr(p);
        if let Some(done) = self.provs.borrow().get(&key) {
            return done.clone();
        }
        let out = self.changed_prov_uncached(p);
        self.provs.borrow_mut().insert(key, out.clone());
        out
    }

    fn changed_prov_uncached(&self, p: &Arc<Prov>) -> Option<Arc<Prov>> {
        let prev = p.prev.as_ref().and_then(|q| self.changed_prov(q));
        let label = p.label.as_deref().and_then(|l| match l {
            ProvLabel::ModuleArgument { module, name } => {
                self.text(module).map(|module| ProvLabel::ModuleArgument {
                    module,
                    name: name.clone(),
                })
            }
            ProvLabel::ModuleOutput { module, name } => {
                self.text(module).map(|module| ProvLabel::ModuleOutput {
                    module,
                    name: name.clone(),
                })
            }
            _ => None,
        });
        if prev.is_none() && label.is_none() {
            return None;
        }
        Some(Arc::new(Prov {
            span: p.span,
            label: label.map(Arc::new).or_else(|| p.label.clone()),
            prev: prev.or_else(|| p.prev.clone()),
        }))
    }

    /// A rewritten body, or `None` when nothing in it mentions the address.
    fn changed_body(&self, body: &Arc<model::Body>) -> Option<Arc<model::Body>> {
        let key = Arc::as_ptr(body);
        if let Some(done) = self.bodies.borrow().get(&key) {
            return (!Arc::ptr_eq(done, body)).then(|| done.clone());
        }
        let out = self.changed_plain_body(body).map(Arc::new);
        self.bodies
            .borrow_mut()
            .insert(key, out.clone().unwrap_or_else(|| body.clone()));
        out
    }

    fn changed_plain_body(&self, body: &model::Body) -> Option<model::Body> {
        // Most bodies of an instance mention its address somewhere; the first change
        // found starts the copy, and nothing is allocated for a body without one.
        let first = body
            .attrs
            .values()
            .enumerate()
            .find_map(|(i, a)| self.changed_value(&a.value).map(|v| (i, v)));
        let mut out: Option<model::Body> = None;
        if let Some((first, mut value)) = first.map(|(i, v)| (i, Some(v))) {
            let mut copy = body.clone();
            for (_, a) in copy.attrs.iter_mut().skip(first) {
                if let Some(v) = value.take().or_else(|| self.changed_value(&a.value)) {
                    a.value = v;
                }
            }
            out = Some(copy);
        }
        for (i, block) in body.blocks.iter().enumerate() {
            if let Some(b) = self.changed_plain_body(&block.body) {
                let copy = out.get_or_insert_with(|| body.clone());
                if let Some(slot) = copy.blocks.get_mut(i) {
                    slot.body = b;
                }
            }
        }
        out
    }

    /// A resource instance of the evaluated module instance, as the instance at `chain`
    /// (whose first `depth` calls replace the evaluated instance's) would have it.
    pub fn instance(
        &self,
        i: &ResourceInstance,
        chain: &Arc<[ModuleCall]>,
        depth: usize,
    ) -> ResourceInstance {
        let module = {
            let key = i.module.as_ptr();
            let mut chains = self.chains.borrow_mut();
            chains
                .entry(key)
                .or_insert_with(|| {
                    let mut calls = chain.to_vec();
                    calls.extend(i.module.iter().skip(depth).map(|m| ModuleCall {
                        address: self.text(&m.address).unwrap_or_else(|| m.address.clone()),
                        header: m.header,
                    }));
                    Arc::from(calls)
                })
                .clone()
        };
        ResourceInstance {
            address: self
                .arc_text(&i.address)
                .unwrap_or_else(|| i.address.clone()),
            module,
            body: self.changed_body(&i.body).unwrap_or_else(|| i.body.clone()),
            ..i.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn span(start: usize) -> Span {
        Span::new(FileId(0), start..start + 1)
    }

    fn argument(module: &str, v: Value) -> Value {
        v.annotate(
            ProvLabel::ModuleArgument {
                module: module.to_string(),
                name: "cidr".to_string(),
            },
            span(9),
        )
    }

    #[test]
    fn only_whole_addresses_are_rewritten() {
        let r = Relabel::new(r#"module.a["x"]"#, r#"module.a["y"]"#);
        assert_eq!(
            r.text(r#"module.a["x"].aws_vpc.main.id is known only after apply"#)
                .as_deref(),
            Some(r#"module.a["y"].aws_vpc.main.id is known only after apply"#)
        );
        assert_eq!(r.text(r#"module.b.module.a["x"].aws_vpc.main"#), None);
        let r = Relabel::new("module.a", "module.b");
        assert_eq!(r.text("module.ab.aws_vpc.main"), None);
        assert_eq!(r.text("xmodule.a"), None);
        assert_eq!(
            r.text("count of module.a.aws_x.y and module.a[0]")
                .as_deref(),
            Some("count of module.b.aws_x.y and module.b[0]")
        );
    }

    #[test]
    fn inputs_are_the_same_when_only_the_address_differs() {
        let r = Relabel::new("module.a[1]", "module.a[0]");
        let cidr = || Value::at(Kind::String(Arc::from("0.0.0.0/0")), span(3));
        assert!(r.same(
            &argument("module.a[1]", cidr()),
            &argument("module.a[0]", cidr())
        ));
        // Provenance is part of the value: the same text written elsewhere differs.
        let elsewhere = Value::at(Kind::String(Arc::from("0.0.0.0/0")), span(4));
        assert!(!r.same(
            &argument("module.a[1]", elsewhere),
            &argument("module.a[0]", cidr())
        ));
        // An address that is not this instance's is compared as written.
        assert!(!r.same(
            &argument("module.b[1]", cidr()),
            &argument("module.b[0]", cidr())
        ));
        let u = |to: &str| Value::unknown_ref(format!("{to}.aws_vpc.v.id"), Arc::from(to));
        assert!(r.same(&u("module.a[1]"), &u("module.a[0]")));
        assert!(!r.same(&u("module.a[1]"), &u("module.a[1]")));
    }

    #[test]
    fn rewriting_shares_what_does_not_mention_the_address() {
        let r = Relabel::new("module.a[0]", "module.a[1]");
        let untouched = Value::list(vec![Value::string("10.0.0.0/8")]);
        let Kind::List(before) = &untouched.kind else {
            unreachable!()
        };
        let after = r.value(&untouched);
        let Kind::List(after_items) = &after.kind else {
            unreachable!()
        };
        assert!(Arc::ptr_eq(before, after_items));

        let mixed = Value::list(vec![
            Value::string("10.0.0.0/8"),
            Value::unknown_ref(
                "module.a[0].aws_vpc.v.id",
                Arc::from("module.a[0].aws_vpc.v"),
            ),
        ]);
        let after = r.value(&mixed);
        let u = after.as_list().and_then(|l| l[1].first_unknown()).cloned();
        assert_eq!(
            u,
            Some(Unknown {
                reason: Arc::from("module.a[1].aws_vpc.v.id"),
                refers_to: Some(Arc::from("module.a[1].aws_vpc.v")),
                partial: None,
            })
        );
        assert!(r.same(&mixed, &after));
    }
}
