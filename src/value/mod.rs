//! The values of the Terraform language, with unknowns and provenance.
//!
//! A [`Value`] is what Terraform would compute for an expression at plan time. Values that
//! Terraform only learns after apply are [`Kind::Unknown`]; an unknown remembers why it is
//! unknown and, when it comes from a resource attribute, which resource instance it points
//! to, so the model can link resources that reference each other.
//!
//! Every value also carries its provenance ([`Prov`]): the span where it was written and the
//! hops it travelled through (a variable default, a tfvars line, a local, a module argument).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::source::Span;

mod body;
mod number;

pub use body::{Attr, Attrs, Block, Body};
pub use number::{BEYOND_KEY, exact_json, holds_exactly, number_beyond, number_from_text};

/// A Terraform value together with where it came from.
#[derive(Clone, Debug)]
pub struct Value {
    pub kind: Kind,
    pub prov: Provenance,
}

/// Where a value came from: nowhere (a computed value), only the span it was written at
/// (a literal), or the hops it travelled through, most recent first.
///
/// A literal's span is kept inline rather than in a shared [`Prov`]: every literal
/// evaluated allocated one, the most frequent allocation of evaluation. The two forms
/// mean the same: `At(span)` is a lone unlabelled hop at `span`, and every reader
/// ([`Value::origin_span`], [`Value::hops`], `Debug`) sees it as that hop.
#[derive(Clone, Default)]
pub enum Provenance {
    #[default]
    None,
    /// Written at this span and not moved since.
    At(Span),
    /// A history with at least one labelled hop or more than one hop.
    Hops(Arc<Prov>),
}

impl Provenance {
    pub(crate) fn is_none(&self) -> bool {
        matches!(self, Provenance::None)
    }

    pub(crate) fn is_some(&self) -> bool {
        !self.is_none()
    }

    /// The span of the most recent hop.
    pub(crate) fn span(&self) -> Option<Span> {
        match self {
            Provenance::None => None,
            Provenance::At(span) => Some(*span),
            Provenance::Hops(p) => Some(p.span),
        }
    }

    /// Whether the history is one unlabelled hop (a value as written): its span.
    pub(crate) fn as_written(&self) -> Option<Span> {
        match self {
            Provenance::At(span) => Some(*span),
            Provenance::Hops(p) if p.label.is_none() && p.prev.is_none() => Some(p.span),
            _ => None,
        }
    }

    /// The history as a chain of hops shared with it; a span alone becomes one hop.
    pub(crate) fn to_hops(&self) -> Option<Arc<Prov>> {
        match self {
            Provenance::None => None,
            Provenance::At(span) => Some(Arc::new(Prov {
                span: *span,
                label: None,
                prev: None,
            })),
            Provenance::Hops(p) => Some(p.clone()),
        }
    }
}

/// Printed as the `Option<Arc<Prov>>` it replaces, a span alone as its one hop, so that
/// the evaluation's printed form (`evaluation_lines`) does not depend on the form kept.
impl fmt::Debug for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::None => f.write_str("None"),
            Provenance::At(span) => f
                .debug_tuple("Some")
                .field(&Prov {
                    span: *span,
                    label: None,
                    prev: None,
                })
                .finish(),
            Provenance::Hops(p) => f.debug_tuple("Some").field(p).finish(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    /// Terraform numbers are arbitrary precision (cty keeps a 512-bit mantissa); every
    /// value real configurations use fits an f64 exactly (integers up to 2^53). A number
    /// an f64 would change (`1e309`, 2^53 + 1, a 400-digit integer) is never held here:
    /// it is unknown with the reason ([`number_from_text`], [`holds_exactly`]).
    Number(f64),
    String(Arc<str>),
    /// A list or a tuple.
    List(Arc<Vec<Value>>),
    /// A set: elements are distinct and kept in Terraform's order (strings sorted).
    Set(Arc<Vec<Value>>),
    /// A map or an object. Terraform iterates both in lexical key order.
    Map(Arc<BTreeMap<String, Value>>),
    /// A resource or data instance as seen from a reference. Attributes that the
    /// configuration does not set are unknown and point back at `address`.
    Resource(Arc<ResourceObject>),
    Unknown(Arc<Unknown>),
}

/// What a reference to a resource instance sees. The instance's body is shared with the
/// model; the object form (attributes and nested blocks as one map) is built on first
/// use, since most instances are never referenced whole and building it for each was a
/// tenth of evaluation.
pub struct ResourceObject {
    pub address: Arc<str>,
    body: Arc<Body>,
    /// For a data source, its type and what it computes, which the object adds.
    data: Option<DataSource>,
    /// For a data source, the attributes it computes (a policy document's `json`),
    /// found on first use: a reference reads one of them far more often than the
    /// whole object.
    computed: std::sync::OnceLock<BTreeMap<String, Value>>,
    attrs: std::sync::OnceLock<BTreeMap<String, Value>>,
}

/// Everything but the object form built on demand, so that two objects print alike
/// whichever of them has been read whole.
impl fmt::Debug for ResourceObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResourceObject")
            .field("address", &self.address)
            .field("data_type", &self.data_type())
            .field("body", &self.body)
            .finish()
    }
}

/// The attributes a data source computes at plan time from its arguments, put in
/// `attrs` (the evaluator knows which data sources it can compute locally); in the
/// object they take the place of attributes written under the same names.
pub type ComputedAttrs = fn(rtype: &str, body: &Body, attrs: &mut BTreeMap<String, Value>);

/// A data source instance's type and how its computed attributes are found.
#[derive(Clone)]
pub struct DataSource {
    pub rtype: Arc<str>,
    pub computed: ComputedAttrs,
}

impl ResourceObject {
    pub(crate) fn new(
        address: Arc<str>,
        body: Arc<Body>,
        data: Option<DataSource>,
    ) -> ResourceObject {
        ResourceObject {
            address,
            body,
            data,
            computed: std::sync::OnceLock::new(),
            attrs: std::sync::OnceLock::new(),
        }
    }

    /// The evaluated body of the instance.
    pub(crate) fn body(&self) -> &Arc<Body> {
        &self.body
    }

    /// The type of a data source; `None` for a managed resource.
    pub(crate) fn data_type(&self) -> Option<&Arc<str>> {
        self.data.as_ref().map(|d| &d.rtype)
    }

    /// The data source this instance is, if it is one.
    pub(crate) fn data_source(&self) -> Option<&DataSource> {
        self.data.as_ref()
    }

    /// One attribute of the object, read from the body without building the whole
    /// object when that has not been needed yet (`aws_vpc.main.id` reads one attribute).
    pub(crate) fn get(&self, name: &str) -> Option<Value> {
        if let Some(attrs) = self.attrs.get() {
            return attrs.get(name).cloned();
        }
        // What the object would hold under `name`: a computed attribute, else the
        // attribute as written (a data source's object keeps one set to null, as
        // `Body::to_attr_map` does), else the blocks of that kind.
        let written = match self.computed() {
            Some(computed) => match computed.get(name) {
                Some(v) => return Some(v.clone()),
                None => self.body.attrs.get(name),
            },
            None => self.body.attr(name),
        };
        if let Some(a) = written {
            return Some(a.value.clone());
        }
        let blocks: Vec<Value> = self
            .body
            .blocks(name)
            .map(|b| Value::map(b.body.to_attr_map()))
            .collect();
        (!blocks.is_empty()).then(|| Value::new(Kind::List(Arc::new(blocks))))
    }

    /// For a data source, the attributes it computes; `None` for a managed resource.
    fn computed(&self) -> Option<&BTreeMap<String, Value>> {
        let d = self.data.as_ref()?;
        Some(self.computed.get_or_init(|| {
            let mut computed = BTreeMap::new();
            (d.computed)(&d.rtype, &self.body, &mut computed);
            computed
        }))
    }

    /// The instance as an object: its attributes, its nested blocks as lists of objects
    /// and, for a data source, the attributes it computes (which take the place of any
    /// written under the same name).
    pub(crate) fn attrs(&self) -> &BTreeMap<String, Value> {
        self.attrs.get_or_init(|| {
            let mut attrs = self.body.to_attr_map();
            for (k, v) in self.computed().into_iter().flatten() {
                attrs.insert(k.clone(), v.clone());
            }
            attrs
        })
    }
}

/// The logical size of a value ([`Value::size`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Size {
    /// Elements, nested ones included, the value itself counted as one.
    pub elements: u64,
    /// Bytes of strings and map keys.
    pub bytes: u64,
    /// How deep collections nest (0 for a string or a number).
    pub depth: u32,
}

/// Why a value is unknown, the resource instance it refers to if any, and what is known
/// about it all the same.
#[derive(Debug, Clone)]
pub struct Unknown {
    pub reason: Arc<str>,
    pub refers_to: Option<Arc<str>>,
    /// The known parts of a partly known value. Only the operation that built it may set
    /// this: a function of an unknown computes a different value, so results derived from
    /// an unknown start without it ([`Unknown::derived`]).
    pub partial: Option<Arc<Partial>>,
}

/// Two unknowns are the same when they say the same and hold the same known parts (by
/// identity: the parts are compared where it matters, in module reuse).
impl PartialEq for Unknown {
    fn eq(&self, other: &Unknown) -> bool {
        self.reason == other.reason
            && self.refers_to == other.refers_to
            && match (&self.partial, &other.partial) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Unknown {
    /// An unknown computed from this one: the same reason and referent, none of its known
    /// parts.
    pub(crate) fn derived(&self) -> Unknown {
        Unknown {
            reason: self.reason.clone(),
            refers_to: self.refers_to.clone(),
            partial: None,
        }
    }

    /// The hole marker that stands for this unknown in the text of a partly known string:
    /// an attribute of a resource or data source is one concrete value after apply (an
    /// ARN, an id, an account), never a wildcard; anything else could be any text.
    pub(crate) fn hole(&self) -> char {
        if self.refers_to.is_none() {
            return HOLE_ANY;
        }
        // The reason names the attribute read (`data.aws_caller_identity.current.account_id
        // is known only after apply`): an account id is twelve digits after apply.
        let attribute = self.reason.split_whitespace().next().unwrap_or_default();
        if attribute.ends_with(".account_id") || attribute.ends_with(".owner_id") {
            HOLE_ACCOUNT
        } else {
            HOLE_VALUE
        }
    }
}

/// What is known of a value that is not wholly known.
#[derive(Debug, Clone)]
pub enum Partial {
    /// A string built by a template: its parts in order, each a known string or an
    /// unknown (`"${aws_s3_bucket.b.arn}/*"` is "some object of bucket b").
    Template(Vec<Value>),
    /// A list, tuple or set whose length is unknown, holding at least these elements
    /// (`concat([a.id], var.more)`, `distinct([a.id, b.id])`).
    Elements(Vec<Value>),
    /// A string that is the JSON encoding of this partly known value (`jsonencode` of an
    /// object with an unknown ARN, a policy document with an unknown resource).
    Json(Value),
}

/// In the marked text of a partly known string, stands for one concrete value known only
/// after apply (never a wildcard). A private-use character: Terraform text never holds it
/// by accident in the places policies and ARNs are read.
pub(crate) const HOLE_VALUE: char = '\u{E000}';
/// In the marked text of a partly known string, stands for text that could be anything.
pub(crate) const HOLE_ANY: char = '\u{E001}';
/// In the marked text of a partly known string, stands for an AWS account id known only
/// after apply (`data.aws_caller_identity.current.account_id`): one concrete account.
pub(crate) const HOLE_ACCOUNT: char = '\u{E002}';

/// Whether `text` holds a hole marker.
pub(crate) fn has_hole(text: &str) -> bool {
    text.contains([HOLE_VALUE, HOLE_ANY, HOLE_ACCOUNT])
}

/// `text` with its hole markers shown as "(known after apply)", for messages.
pub(crate) fn show_holes(text: &str) -> std::borrow::Cow<'_, str> {
    if has_hole(text) {
        std::borrow::Cow::Owned(
            text.replace(HOLE_VALUE, "(known after apply)")
                .replace(HOLE_ANY, "(unknown)")
                .replace(HOLE_ACCOUNT, "(this account)"),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// One hop in a value's history, most recent first.
#[derive(Debug, Clone, PartialEq)]
pub struct Prov {
    pub span: Span,
    /// Shared: most values carry only a span, and the label is the largest part; one
    /// label is shared by every element of a value annotated at once.
    pub label: Option<Arc<ProvLabel>>,
    pub prev: Option<Arc<Prov>>,
}

/// What a provenance hop means, rendered as "0.0.0.0/0 is the default of var.x".
#[derive(Debug, Clone, PartialEq)]
pub enum ProvLabel {
    VariableDefault(String),
    VariableFile {
        name: String,
        file: String,
    },
    /// Set in a `--var-file` outside the scanned tree: the user's, not the repository's.
    VariableOutsideFile {
        name: String,
        file: String,
    },
    VariableCli(String),
    VariableEnv(String),
    Local(String),
    ModuleArgument {
        module: String,
        name: String,
    },
    ModuleOutput {
        module: String,
        name: String,
    },
}

impl ProvLabel {
    /// A sentence that explains the hop for a value rendered as `value`.
    pub(crate) fn describe(&self, value: &str) -> String {
        match self {
            ProvLabel::VariableDefault(n) => format!("{value} is the default of var.{n}"),
            ProvLabel::VariableFile { name, file } => {
                format!("{value} is set for var.{name} in {file}")
            }
            ProvLabel::VariableOutsideFile { name, file } => {
                format!("{value} is set for var.{name} in {file}, outside the scanned tree")
            }
            ProvLabel::VariableCli(n) => format!("{value} is set for var.{n} by --var"),
            ProvLabel::VariableEnv(n) => format!("{value} is set for var.{n} by TF_VAR_{n}"),
            ProvLabel::Local(n) => format!("{value} comes from local.{n}"),
            ProvLabel::ModuleArgument { module, name } => {
                format!("{value} is passed to {module} as {name}")
            }
            ProvLabel::ModuleOutput { module, name } => {
                format!("{value} comes from output {name} of {module}")
            }
        }
    }
}

impl Value {
    pub(crate) fn new(kind: Kind) -> Value {
        Value {
            kind,
            prov: Provenance::None,
        }
    }

    pub(crate) fn at(kind: Kind, span: Span) -> Value {
        Value {
            kind,
            prov: Provenance::At(span),
        }
    }

    pub(crate) fn null() -> Value {
        Value::new(Kind::Null)
    }

    pub(crate) fn bool(b: bool) -> Value {
        Value::new(Kind::Bool(b))
    }

    pub(crate) fn number(n: f64) -> Value {
        Value::new(Kind::Number(n))
    }

    pub(crate) fn string(s: impl Into<Arc<str>>) -> Value {
        Value::new(Kind::String(s.into()))
    }

    pub(crate) fn list(items: Vec<Value>) -> Value {
        Value::new(Kind::List(Arc::new(items)))
    }

    pub(crate) fn map(items: BTreeMap<String, Value>) -> Value {
        Value::new(Kind::Map(Arc::new(items)))
    }

    /// A set built from arbitrary elements: duplicates removed, Terraform's order.
    pub(crate) fn set(items: Vec<Value>) -> Value {
        let mut out: Vec<Value> = Vec::with_capacity(items.len());
        for item in items {
            if !out.iter().any(|o| o.equals(&item).unwrap_or(false)) {
                out.push(item);
            }
        }
        if out.iter().all(|v| matches!(v.kind, Kind::String(_))) {
            out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        }
        Value::new(Kind::Set(Arc::new(out)))
    }

    pub(crate) fn unknown(reason: impl Into<Arc<str>>) -> Value {
        Value::new(Kind::Unknown(Arc::new(Unknown {
            reason: reason.into(),
            refers_to: None,
            partial: None,
        })))
    }

    /// A partly known value: unknown for `like`'s reason and referent, with `partial` known.
    pub(crate) fn partly_known(like: &Unknown, partial: Partial) -> Value {
        Value::new(Kind::Unknown(Arc::new(Unknown {
            reason: like.reason.clone(),
            refers_to: like.refers_to.clone(),
            partial: Some(Arc::new(partial)),
        })))
    }

    /// The values a partly known value holds (a template's parts, a list's known
    /// elements, a document's value); nothing for any other value.
    pub(crate) fn partial_values(&self) -> &[Value] {
        match self.partial() {
            Some(Partial::Template(v) | Partial::Elements(v)) => v,
            Some(Partial::Json(v)) => std::slice::from_ref(v),
            None => &[],
        }
    }

    /// What is known of this value when it is unknown.
    pub(crate) fn partial(&self) -> Option<&Partial> {
        match &self.kind {
            Kind::Unknown(u) => u.partial.as_deref(),
            _ => None,
        }
    }

    /// The text of a string-like value with [`HOLE_VALUE`] / [`HOLE_ANY`] markers where it
    /// is unknown: a known string or primitive as it is, a template with its holes marked,
    /// any other unknown as one hole. `None` for null and collections.
    pub(crate) fn marked_text(&self) -> Option<String> {
        match &self.kind {
            Kind::Unknown(u) => Some(match u.partial.as_deref() {
                Some(Partial::Template(parts)) => {
                    let mut out = String::new();
                    for p in parts {
                        match p.marked_text() {
                            Some(t) => out.push_str(&t),
                            None => out.push(HOLE_ANY),
                        }
                    }
                    out
                }
                _ => u.hole().to_string(),
            }),
            _ => self.to_template_string(),
        }
    }

    /// The value as JSON with [`HOLE_VALUE`] / [`HOLE_ANY`] markers for its unknown parts:
    /// an unknown string-like value as its marked text, a list of unknown length as its
    /// known elements and one [`HOLE_ANY`] element for the rest, a JSON-encoded partly
    /// known value as its marked encoding. Policy analysis reads documents this way.
    pub(crate) fn to_marked_json(&self) -> serde_json::Value {
        use serde_json::Value as Json;
        match &self.kind {
            Kind::List(v) | Kind::Set(v) => {
                Json::Array(v.iter().map(Value::to_marked_json).collect())
            }
            Kind::Map(_) | Kind::Resource(_) => Json::Object(
                self.as_map()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.to_marked_json()))
                    .collect(),
            ),
            Kind::Unknown(u) => match u.partial.as_deref() {
                Some(Partial::Elements(items)) => {
                    let mut out: Vec<Json> = items.iter().map(Value::to_marked_json).collect();
                    out.push(Json::String(HOLE_ANY.to_string()));
                    Json::Array(out)
                }
                Some(Partial::Json(inner)) => Json::String(inner.to_marked_json().to_string()),
                _ => Json::String(self.marked_text().unwrap_or_default()),
            },
            _ => self.to_json().unwrap_or(Json::Null),
        }
    }

    pub(crate) fn unknown_ref(reason: impl Into<Arc<str>>, refers_to: Arc<str>) -> Value {
        Value::new(Kind::Unknown(Arc::new(Unknown {
            reason: reason.into(),
            refers_to: Some(refers_to),
            partial: None,
        })))
    }

    pub(crate) fn with_prov(mut self, prov: Provenance) -> Value {
        self.prov = prov;
        self
    }

    /// The span where this value was written, if it was written anywhere.
    pub(crate) fn origin_span(&self) -> Option<Span> {
        let mut p = match &self.prov {
            Provenance::None => return None,
            Provenance::At(span) => return Some(*span),
            Provenance::Hops(p) => &**p,
        };
        while let Some(prev) = p.prev.as_deref() {
            p = prev;
        }
        Some(p.span)
    }

    /// The span this value was written at when that lies inside `outer` (a list element
    /// written in place), else `outer`.
    pub(crate) fn span_within(&self, outer: Span) -> Span {
        let one_hop = match &self.prov {
            Provenance::At(span) => Some(*span),
            Provenance::Hops(p) if p.prev.is_none() => Some(p.span),
            _ => None,
        };
        match one_hop {
            Some(span)
                if span.file == outer.file
                    && span.start >= outer.start
                    && span.end <= outer.end =>
            {
                span
            }
            _ => outer,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, Kind::Unknown(_))
    }

    /// True when the value or anything inside it is unknown.
    pub(crate) fn has_unknown(&self) -> bool {
        match &self.kind {
            Kind::Unknown(_) => true,
            Kind::List(v) | Kind::Set(v) => v.iter().any(Value::has_unknown),
            Kind::Map(m) => m.values().any(Value::has_unknown),
            Kind::Resource(r) => r.attrs().values().any(Value::has_unknown),
            _ => false,
        }
    }

    /// The first unknown found in the value, for explaining why a result is unknown.
    pub fn first_unknown(&self) -> Option<&Unknown> {
        match &self.kind {
            Kind::Unknown(u) => Some(u),
            Kind::List(v) | Kind::Set(v) => v.iter().find_map(Value::first_unknown),
            Kind::Map(m) => m.values().find_map(Value::first_unknown),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Bool(b) => Some(*b),
            Kind::String(s) if &**s == "true" => Some(true),
            Kind::String(s) if &**s == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match &self.kind {
            Kind::Number(n) => Some(*n),
            Kind::String(s) => {
                let s = s.trim();
                s.parse::<f64>().ok().filter(|n| holds_exactly(s, *n))
            }
            _ => None,
        }
    }

    /// The value as a number, as Terraform converts it: a number, or a string that spells
    /// one (an unknown when an f64 would not hold it exactly); `None` for anything else.
    pub fn to_number(&self) -> Option<Value> {
        match &self.kind {
            Kind::Number(_) => Some(self.clone()),
            Kind::String(s) => number_from_text(s).map(|n| n.with_prov(self.prov.clone())),
            _ => None,
        }
    }

    /// Elements of a list, tuple or set.
    pub(crate) fn as_list(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::List(v) | Kind::Set(v) => Some(v),
            _ => None,
        }
    }

    /// Attributes of a map, object or resource instance.
    pub(crate) fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            Kind::Resource(r) => Some(r.attrs()),
            _ => None,
        }
    }

    /// Terraform's conversion of a primitive to a string (numbers without a trailing `.0`).
    pub(crate) fn to_template_string(&self) -> Option<String> {
        match &self.kind {
            Kind::String(s) => Some(s.to_string()),
            Kind::Number(n) => Some(format_number(*n)),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Appends [`Value::to_template_string`]'s text to `out` without making a string of
    /// its own (a template interpolates most of its values); false, and nothing appended,
    /// when there is none.
    pub(crate) fn push_template_text(&self, out: &mut String) -> bool {
        match &self.kind {
            Kind::String(s) => out.push_str(s),
            Kind::Number(n) => push_number(out, *n),
            Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            _ => return false,
        }
        true
    }

    pub(crate) fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::List(_) => "tuple",
            Kind::Set(_) => "set",
            Kind::Map(_) | Kind::Resource(_) => "object",
            Kind::Unknown(_) => "unknown",
        }
    }

    /// Terraform's `==`: `None` when either side is unknown.
    pub(crate) fn equals(&self, other: &Value) -> Option<bool> {
        match (&self.kind, &other.kind) {
            (Kind::Unknown(_), _) | (_, Kind::Unknown(_)) => None,
            (Kind::Null, Kind::Null) => Some(true),
            (Kind::Bool(a), Kind::Bool(b)) => Some(a == b),
            (Kind::Number(a), Kind::Number(b)) => Some(a == b),
            (Kind::String(a), Kind::String(b)) => Some(a == b),
            (Kind::List(a), Kind::List(b)) | (Kind::Set(a), Kind::Set(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut all = Some(true);
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            (Kind::Map(_) | Kind::Resource(_), Kind::Map(_) | Kind::Resource(_)) => {
                let (a, b) = (self.as_map()?, other.as_map()?);
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                let mut all = Some(true);
                for (x, y) in a.values().zip(b.values()) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            _ => Some(false),
        }
    }

    /// The value as JSON, as `jsonencode` renders it; `None` when anything is unknown.
    pub(crate) fn to_json(&self) -> Option<serde_json::Value> {
        Some(match &self.kind {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool(b) => serde_json::Value::Bool(*b),
            Kind::Number(n) => number_to_json(*n),
            Kind::String(s) => serde_json::Value::String(s.to_string()),
            Kind::List(v) | Kind::Set(v) => {
                serde_json::Value::Array(v.iter().map(Value::to_json).collect::<Option<_>>()?)
            }
            Kind::Map(_) | Kind::Resource(_) => serde_json::Value::Object(
                self.as_map()?
                    .iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<_>>()?,
            ),
            Kind::Unknown(_) => return None,
        })
    }

    /// Converts decoded JSON into a value (as `jsondecode` does), with no provenance.
    pub(crate) fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::null(),
            serde_json::Value::Bool(b) => Value::bool(*b),
            serde_json::Value::Number(n) => Value::number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::string(s.as_str()),
            serde_json::Value::Array(a) => Value::list(a.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(o) if o.len() == 1 && o.contains_key(BEYOND_KEY) => {
                number_beyond(o[BEYOND_KEY].as_str().unwrap_or_default())
            }
            serde_json::Value::Object(o) => Value::map(
                o.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Adds a provenance hop to this value and everything inside it. A value that was
    /// written in place (one unlabelled hop) takes the label at its own span; a value that
    /// already travelled gets a new hop at `site`.
    ///
    /// A collection shared by several parts of the value (`[local.x, local.x]`) is
    /// annotated once and stays shared, so the cost is that of the value's distinct parts,
    /// not of its logical size (a list doubled forty times through module outputs).
    pub(crate) fn annotate(&self, label: ProvLabel, site: Span) -> Value {
        let label = Arc::new(label);
        // The value itself is annotated once, so it is not remembered: a collection of
        // strings and numbers (most tags and lists) is annotated without a memo at all.
        self.annotate_in(&label, site, &mut None, false)
    }

    /// [`Value::annotate`], with the collections already annotated by their address
    /// (the table made when the first shared one is met); `remember` says whether this
    /// part may be met again (anything but the value itself).
    fn annotate_in(
        &self,
        label: &Arc<ProvLabel>,
        site: Span,
        done: &mut Option<foldhash::HashMap<usize, Kind>>,
        remember: bool,
    ) -> Value {
        let prov = match (&self.prov, self.prov.as_written()) {
            (Provenance::None, _) => Provenance::None,
            (_, Some(span)) => Provenance::Hops(Arc::new(Prov {
                span,
                label: Some(label.clone()),
                prev: None,
            })),
            (p, None) => Provenance::Hops(Arc::new(Prov {
                span: site,
                label: Some(label.clone()),
                prev: p.to_hops(),
            })),
        };
        let Some((key, shared)) = collection_key(&self.kind, remember) else {
            return Value {
                kind: self.kind.clone(),
                prov,
            };
        };
        if shared && let Some(kind) = done.as_ref().and_then(|d| d.get(&key)) {
            return Value {
                kind: kind.clone(),
                prov,
            };
        }
        let kind = match &self.kind {
            Kind::List(v) => Kind::List(Arc::new(
                v.iter()
                    .map(|x| x.annotate_in(label, site, done, true))
                    .collect(),
            )),
            Kind::Set(v) => Kind::Set(Arc::new(
                v.iter()
                    .map(|x| x.annotate_in(label, site, done, true))
                    .collect(),
            )),
            Kind::Map(m) => Kind::Map(Arc::new(
                m.iter()
                    .map(|(k, x)| (k.clone(), x.annotate_in(label, site, done, true)))
                    .collect(),
            )),
            other => other.clone(),
        };
        // The source collection stays alive (it is borrowed from `self`) while `done`
        // exists, so no other collection can take its address meanwhile.
        if shared {
            done.get_or_insert_default().insert(key, kind.clone());
        }
        Value { kind, prov }
    }

    /// The logical size of this value: elements and string bytes counted as many times
    /// as they appear (a list holding the same list twice counts it twice), and how deep
    /// collections nest. Shared parts are measured once, so the cost is that of the
    /// value's distinct parts.
    pub(crate) fn size(&self) -> Size {
        // The value itself is measured once, so it is not remembered: a collection of
        // strings and numbers (most tags and lists) is measured without a memo at all.
        self.size_in(&mut None, false)
    }

    /// [`Value::size`], with the collections already measured by their address (the
    /// table made when the first shared one is met: most values have none, and each
    /// attribute of every instance is measured);
    /// `remember` says whether this part may be met again (anything but the value itself).
    fn size_in(&self, done: &mut Option<foldhash::HashMap<usize, Size>>, remember: bool) -> Size {
        let Some((key, shared)) = collection_key(&self.kind, remember) else {
            let bytes = match &self.kind {
                Kind::String(s) => s.len() as u64,
                _ => 0,
            };
            return Size {
                elements: 1,
                bytes,
                depth: 0,
            };
        };
        if shared && let Some(s) = done.as_ref().and_then(|d| d.get(&key)) {
            return *s;
        }
        let mut total = Size {
            elements: 1,
            bytes: 0,
            depth: 1,
        };
        let mut add = |key_bytes: usize, x: &Value| {
            let s = x.size_in(done, true);
            total.elements = total.elements.saturating_add(s.elements);
            total.bytes = total
                .bytes
                .saturating_add(s.bytes)
                .saturating_add(key_bytes as u64);
            total.depth = total.depth.max(s.depth.saturating_add(1));
        };
        match &self.kind {
            Kind::List(v) | Kind::Set(v) => v.iter().for_each(|x| add(0, x)),
            Kind::Map(m) => m.iter().for_each(|(k, x)| add(k.len(), x)),
            _ => {}
        }
        if shared {
            done.get_or_insert_default().insert(key, total);
        }
        total
    }

    /// Every labelled hop of this value's history, oldest first.
    pub(crate) fn hops(&self) -> Vec<&Prov> {
        let mut out = Vec::new();
        let mut p = match &self.prov {
            Provenance::Hops(p) => Some(&**p),
            // A span alone is one hop without a label.
            Provenance::None | Provenance::At(_) => None,
        };
        while let Some(hop) = p {
            if hop.label.is_some() {
                out.push(hop);
            }
            p = hop.prev.as_deref();
        }
        out.reverse();
        out
    }
}

/// Formats a number the way Terraform prints it: integers without a fractional part.
pub(crate) fn format_number(n: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, n);
    out
}

/// Appends [`format_number`]'s text to `out`.
fn push_number(out: &mut String, n: f64) {
    use std::fmt::Write as _;
    // Writing to a `String` cannot fail.
    let _ = if n.fract() == 0.0 && n.abs() < 1e17 {
        write!(out, "{}", n as i64)
    } else {
        write!(out, "{n}")
    };
}

fn number_to_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

impl fmt::Display for Value {
    /// Renders the value in Terraform syntax, for messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Null => write!(f, "null"),
            Kind::Bool(b) => write!(f, "{b}"),
            Kind::Number(n) => write!(f, "{}", format_number(*n)),
            Kind::String(s) => write!(f, "{s}"),
            Kind::List(v) | Kind::Set(v) => {
                write!(f, "[")?;
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    if let Kind::String(s) = &x.kind {
                        write!(f, "{s:?}")?;
                    } else {
                        write!(f, "{x}")?;
                    }
                }
                write!(f, "]")
            }
            Kind::Map(_) | Kind::Resource(_) => {
                write!(f, "{{")?;
                for (i, (k, x)) in self.as_map().into_iter().flatten().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k} = ")?;
                    if let Kind::String(s) = &x.kind {
                        write!(f, "{s:?}")?;
                    } else {
                        write!(f, "{x}")?;
                    }
                }
                write!(f, "}}")
            }
            Kind::Unknown(_) => write!(f, "(known after apply)"),
        }
    }
}

/// The address of a collection (list, set or map), by which [`Value::size`] and
/// [`Value::annotate`] remember the parts they have done, and whether to remember it:
/// only when `remember` (it is not the value itself) and another handle holds it too (a
/// collection held once cannot appear twice in the value). `None` for any other kind.
fn collection_key(kind: &Kind, remember: bool) -> Option<(usize, bool)> {
    let (key, handles) = match kind {
        Kind::List(v) | Kind::Set(v) => (Arc::as_ptr(v) as usize, Arc::strong_count(v)),
        Kind::Map(m) => (Arc::as_ptr(m) as usize, Arc::strong_count(m)),
        _ => return None,
    };
    Some((key, remember && handles > 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn span(a: u32) -> Span {
        Span {
            file: FileId(0),
            start: a,
            end: a + 1,
        }
    }

    /// A body's attributes built at once are what inserting them one by one left: name
    /// order, and of a name written twice the last value.
    #[test]
    fn attributes_built_at_once_match_inserting_each() {
        let written = [
            ("tags", 1),
            ("name", 2),
            ("b", 3),
            ("name", 4),
            ("a", 5),
            ("tags", 6),
            ("name", 7),
            ("z", 8),
        ];
        let attr = |n: u32| Attr {
            value: Value::number(f64::from(n)),
            span: span(n),
        };
        let show = |attrs: &Attrs| -> Vec<(String, Option<f64>, Span)> {
            attrs
                .iter()
                .map(|(k, a)| (k.clone(), a.value.as_number(), a.span))
                .collect()
        };
        for n in 0..=written.len() {
            for turn in 0..n.max(1) {
                let mut part = written[..n].to_vec();
                part.rotate_left(turn);
                let mut one_by_one = Attrs::default();
                for (k, n) in &part {
                    one_by_one.insert(k.to_string(), attr(*n));
                }
                let at_once = Attrs::from_written(
                    part.iter()
                        .map(|(k, n)| (k.to_string(), attr(*n)))
                        .collect(),
                );
                assert_eq!(show(&at_once), show(&one_by_one), "{part:?}");
            }
        }
    }

    /// Every list element and map entry holds a `Value`: keeping a literal's span inline
    /// made it 40 bytes (from 32 with a pointer); it must not grow further unnoticed.
    #[test]
    fn a_value_stays_small() {
        assert_eq!(std::mem::size_of::<Provenance>(), 16);
        assert_eq!(std::mem::size_of::<Value>(), 40);
    }

    /// A span kept inline reads as the one unlabelled hop it replaces: the same origin,
    /// span within an outer span, labelled hops, annotation and printed form, for values
    /// with and without provenance, annotated once and twice.
    #[test]
    fn a_span_alone_reads_as_one_unlabelled_hop() {
        let bare = |at: Span| {
            Provenance::Hops(Arc::new(Prov {
                span: at,
                label: None,
                prev: None,
            }))
        };
        let label = || ProvLabel::Local("l".into());
        let outers = [span(0), span(3), span(4), Span::new(FileId(0), 0..10)];
        let with = |prov: Provenance| {
            let plain = Value::string("x").with_prov(prov.clone());
            let list = Value::list(vec![plain.clone(), Value::number(1.0)]).with_prov(prov);
            let once = list.annotate(label(), span(7));
            let twice = once.annotate(label(), span(8));
            [plain, list, once, twice]
        };
        for at in [span(3), Span::new(FileId(1), 2..5)] {
            for (inline, hop) in with(Provenance::At(at)).iter().zip(&with(bare(at))) {
                assert_eq!(format!("{inline:?}"), format!("{hop:?}"));
                assert_eq!(inline.origin_span(), hop.origin_span());
                for outer in outers {
                    assert_eq!(inline.span_within(outer), hop.span_within(outer));
                }
                assert_eq!(inline.hops(), hop.hops());
                assert_eq!(inline.prov.span(), hop.prov.span());
                assert_eq!(inline.prov.as_written(), hop.prov.as_written());
            }
        }
        let none = Value::string("x");
        assert_eq!(format!("{:?}", none.prov), "None");
        assert!(none.origin_span().is_none() && none.hops().is_empty());
    }

    /// A value whose collection is shared (held elsewhere too) is measured and annotated
    /// as the same value held once: only the parts inside it are remembered.
    #[test]
    fn a_shared_value_measures_and_annotates_as_one_held_once() {
        let leaf = Value::at(
            Kind::List(Arc::new(vec![
                Value::at(Kind::String("a".into()), span(1)),
                Value::at(Kind::Number(1.0), span(2)),
            ])),
            span(3),
        );
        let nested = Value::at(
            Kind::Map(Arc::new(BTreeMap::from([
                ("x".to_string(), leaf.clone()),
                ("y".to_string(), leaf.clone()),
            ]))),
            span(4),
        );
        for v in [leaf, nested] {
            let held_once = Value {
                kind: match &v.kind {
                    Kind::List(l) => Kind::List(Arc::new((**l).clone())),
                    Kind::Map(m) => Kind::Map(Arc::new((**m).clone())),
                    other => other.clone(),
                },
                prov: v.prov.clone(),
            };
            let shared = v.clone();
            assert_eq!(shared.size(), held_once.size());
            let label = ProvLabel::Local("l".into());
            assert_eq!(
                format!("{:?}", shared.annotate(label.clone(), span(9))),
                format!("{:?}", held_once.annotate(label, span(9)))
            );
        }
    }

    /// A value's template text appended in place is the text `to_template_string` makes.
    #[test]
    fn template_text_in_place_matches_the_string() {
        let values = [
            Value::string("web"),
            Value::string(""),
            Value::bool(true),
            Value::bool(false),
            Value::null(),
            Value::list(vec![Value::number(1.0)]),
            Value::unknown("later"),
        ]
        .into_iter()
        .chain(
            [
                0.0,
                -0.0,
                1.0,
                -7.0,
                0.5,
                1e16,
                1e17,
                -1e17,
                1e300,
                2.5e-8,
                f64::NAN,
                f64::INFINITY,
            ]
            .map(Value::number),
        );
        for v in values {
            let mut out = String::from("x-");
            let pushed = v.push_template_text(&mut out);
            match v.to_template_string() {
                Some(s) => assert!(pushed && out == format!("x-{s}"), "{v:?}: {out}"),
                None => assert!(!pushed && out == "x-", "{v:?}: {out}"),
            }
        }
    }

    /// A body of `attrs` and, for each of `blocks`, a block of that kind holding
    /// `port = 22`.
    fn body_of(attrs: &[(&str, Value)], blocks: &[&str]) -> Arc<Body> {
        let attr = |v: Value| Attr {
            value: v,
            span: span(0),
        };
        let mut inner = Body::default();
        inner.attrs.insert("port".into(), attr(Value::number(22.0)));
        let mut body = Body::default();
        for (name, value) in attrs {
            body.attrs.insert((*name).into(), attr(value.clone()));
        }
        for kind in blocks {
            body.blocks.push(Block {
                kind: (*kind).into(),
                header: span(1),
                body: inner.clone(),
            });
        }
        Arc::new(body)
    }

    /// Each of `names` read alone from an object of `body` gives what the whole object
    /// gives, without building it; once the object exists, reads come from it.
    fn assert_reads_match_the_object(
        address: &str,
        body: &Arc<Body>,
        data: impl Fn() -> Option<DataSource>,
        names: &[&str],
    ) {
        let json = |v: Option<Value>| v.map(|v| v.to_json());
        for name in names {
            let lazy = ResourceObject::new(address.into(), body.clone(), data());
            let whole = ResourceObject::new(address.into(), body.clone(), data());
            let expected = json(whole.attrs().get(*name).cloned());
            assert_eq!(json(lazy.get(name)), expected, "{name}");
            assert!(lazy.attrs.get().is_none(), "{name} built the whole object");
            assert_eq!(json(whole.get(name)), expected, "{name}");
        }
    }

    /// Reading one attribute from the body gives what the whole object gives.
    #[test]
    fn resource_attribute_reads_match_the_object() {
        // An attribute and a block of the same name (`tags`): the attribute wins, as in
        // the map.
        let body = body_of(
            &[("name", Value::string("web")), ("tags", Value::string("t"))],
            &["ingress", "ingress", "tags"],
        );
        let names = ["name", "tags", "ingress", "egress", "id"];
        assert_reads_match_the_object("aws_x.a", &body, || None, &names);
    }

    /// A data source's attribute read alone gives what its whole object gives: the
    /// computed attributes over the written ones, an attribute set to null kept.
    #[test]
    fn data_source_attribute_reads_match_the_object() {
        fn computed(rtype: &str, body: &Body, attrs: &mut BTreeMap<String, Value>) {
            let rule = body.attr("rule").map_or(Value::null(), |a| a.value.clone());
            attrs.insert("json".into(), Value::string(rtype));
            attrs.insert("name".into(), rule);
        }
        let body = body_of(
            &[
                ("name", Value::string("web")),
                ("rule", Value::string("r")),
                ("gone", Value::null()),
                ("tags", Value::string("t")),
            ],
            &["statement", "statement", "tags"],
        );
        let data = || {
            Some(DataSource {
                rtype: "aws_x".into(),
                computed,
            })
        };
        let names = ["json", "name", "rule", "gone", "tags", "statement", "id"];
        assert_reads_match_the_object("data.aws_x.a", &body, data, &names);
    }

    #[test]
    fn numbers_an_f64_would_change_are_unknown() {
        for exact in [
            "0",
            "42",
            "-7",
            "0.1",
            "1.5e3",
            "9007199254740992",
            "1e308",
            "5e-324",
        ] {
            let f: f64 = exact.parse().expect("a number");
            assert!(holds_exactly(exact, f), "{exact}");
            assert_eq!(number_from_text(exact).and_then(|v| v.as_number()), Some(f));
        }
        let digits400 = format!("1{}", "0".repeat(399));
        for beyond in [
            "1e309",
            "-1e309",
            "1e-400",
            "9007199254740993",
            "0.12345678901234567890123",
            digits400.as_str(),
        ] {
            let v = number_from_text(beyond).expect("a decimal");
            assert!(v.is_unknown(), "{beyond}: {v:?}");
        }
        let Some(Kind::Unknown(u)) = number_from_text(&digits400).map(|v| v.kind) else {
            panic!("unknown");
        };
        assert!(
            u.reason
                .starts_with("the number 100000000000000000000000… (400 characters) is beyond"),
            "{}",
            u.reason
        );
        for not_a_number in ["", "e5", "1e", "abc", "0x10", "inf", "NaN", "1.2.3", "."] {
            assert!(number_from_text(not_a_number).is_none(), "{not_a_number}");
        }
        assert_eq!(Value::string("1e309").as_number(), None);
    }

    #[test]
    fn numbers_print_like_terraform() {
        assert_eq!(format_number(22.0), "22");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-3.0), "-3");
    }

    #[test]
    fn equality_is_unknown_when_either_side_is() {
        assert_eq!(Value::string("a").equals(&Value::unknown("x")), None);
        assert_eq!(Value::number(1.0).equals(&Value::string("1")), Some(false));
        assert_eq!(
            Value::list(vec![Value::bool(true)]).equals(&Value::list(vec![Value::bool(true)])),
            Some(true)
        );
    }

    #[test]
    fn sets_dedupe_and_sort_strings() {
        let s = Value::set(vec![
            Value::string("b"),
            Value::string("a"),
            Value::string("b"),
        ]);
        assert_eq!(s.to_string(), "[\"a\", \"b\"]");
    }

    #[test]
    fn annotation_labels_literals_in_place_then_adds_hops() {
        let lit = Value::at(Kind::String("0.0.0.0/0".into()), span(10));
        let dflt = lit.annotate(ProvLabel::VariableDefault("cidr".into()), span(5));
        assert_eq!(dflt.origin_span(), Some(span(10)));
        let passed = dflt.annotate(
            ProvLabel::ModuleArgument {
                module: "module.web".into(),
                name: "cidr".into(),
            },
            span(50),
        );
        let hops = passed.hops();
        assert_eq!(hops.len(), 2);
        assert_eq!(hops[0].span, span(10));
        assert_eq!(hops[1].span, span(50));
        assert_eq!(passed.origin_span(), Some(span(10)));
    }

    #[test]
    fn json_round_trip() {
        let v = Value::from_json(&serde_json::json!({"a": [1, "x", true, null]}));
        assert_eq!(
            v.to_json(),
            Some(serde_json::json!({"a": [1, "x", true, null]}))
        );
        assert_eq!(Value::list(vec![Value::unknown("u")]).to_json(), None);
    }
}
