//! How network resources point at each other: an attribute such as
//! `security_group_id = aws_security_group.web.id` evaluates to an unknown that remembers
//! the resource it came from; a name such as `db_subnet_group_name =
//! aws_db_subnet_group.main.name` resolves to the literal the configuration set; an id
//! written by hand (`"sg-0123"`) names something outside the configuration.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError};

use foldhash::HashMap;

use crate::model::{Attr, Body, Mode, Model, ResourceInstance, block_address};
use crate::source::Span;
use crate::value::{Kind, Partial, Value};

/// What an id- or name-valued attribute points at.
#[derive(Debug, Clone)]
pub enum Target<'m> {
    /// A resource instance of this configuration.
    Resource(&'m ResourceInstance),
    /// An id or name that no resource here declares (`sg-0123`, `igw-0abc`).
    Literal(String),
    /// Known only after apply, with the reason.
    Unknown(String),
}

impl<'m> Target<'m> {
    pub fn resource(&self) -> Option<&'m ResourceInstance> {
        match self {
            Target::Resource(r) => Some(r),
            _ => None,
        }
    }

    /// Whether this target is the resource `r` (`Some(false)` when it certainly is not,
    /// `None` when that is known only after apply).
    pub fn is(&self, r: &ResourceInstance) -> Option<bool> {
        match self {
            Target::Resource(x) => Some(x.address == r.address),
            Target::Literal(_) => Some(false),
            Target::Unknown(_) => None,
        }
    }
}

/// One element of an id list, with where it was written.
#[derive(Debug, Clone)]
pub struct Link<'m> {
    pub target: Target<'m>,
    pub span: Span,
}

/// The resources of one root module by address and type, for following references.
/// References never cross root modules: each root is a separate Terraform configuration.
///
/// Every lookup is a hash lookup: by address, by type, and (for ids and names written
/// as literals) by the value of an attribute, each map built once, so resolving `k`
/// references among `n` resources costs O(n + k), not O(n·k).
pub struct Index<'m> {
    pub model: &'m Model,
    pub root: &'m str,
    /// Every instance (managed and data) of this root, in evaluation order.
    pub instances: Vec<&'m ResourceInstance>,
    by_address: HashMap<&'m str, &'m ResourceInstance>,
    /// Managed instances by the address of the block that declares them
    /// (`aws_subnet.public` → `aws_subnet.public[0]`, `aws_subnet.public[1]`), in
    /// evaluation order.
    by_block: HashMap<&'m str, Vec<&'m ResourceInstance>>,
    /// Managed instances by type, in evaluation order.
    by_type: HashMap<&'m str, Vec<&'m ResourceInstance>>,
    /// For a type and an attribute, the managed instances of that type by the string
    /// value the attribute is set to: the first such instance, with its position in
    /// [`Index::resources`]. Built on first use of the pair (checks share the index
    /// across threads, hence the lock).
    by_literal: Mutex<HashMap<String, HashMap<String, Arc<LiteralMap<'m>>>>>,
}

/// String value of one attribute → (position among its type's instances, instance).
type LiteralMap<'m> = HashMap<&'m str, (usize, &'m ResourceInstance)>;

impl<'m> Index<'m> {
    /// One index per root module, in the order roots first appear; one pass over the
    /// model whatever the number of roots.
    pub fn per_root(model: &'m Model) -> Vec<Index<'m>> {
        // First each instance's root and each root's size, so that every index is
        // built at its final size instead of growing (and rehashing) as it fills.
        let mut order: HashMap<&'m str, usize> = HashMap::default();
        let mut roots: Vec<(&'m str, usize)> = Vec::new();
        let mut slot = Vec::with_capacity(model.instances.len());
        for r in &model.instances {
            let i = *order.entry(&*r.root).or_insert_with(|| {
                roots.push((&r.root, 0));
                roots.len() - 1
            });
            if let Some((_, size)) = roots.get_mut(i) {
                *size += 1;
            }
            slot.push(i);
        }
        let mut indexes: Vec<Index<'m>> = roots
            .into_iter()
            .map(|(root, size)| Index::with_capacity(model, root, size))
            .collect();
        for (r, i) in model.instances.iter().zip(slot) {
            if let Some(index) = indexes.get_mut(i) {
                index.add(r);
            }
        }
        indexes
    }

    /// The index of one root.
    pub fn new(model: &'m Model, root: &'m str) -> Index<'m> {
        let mut index = Index::empty(model, root);
        for r in model.instances.iter().filter(|r| &*r.root == root) {
            index.add(r);
        }
        index
    }

    fn empty(model: &'m Model, root: &'m str) -> Index<'m> {
        Index::with_capacity(model, root, 0)
    }

    /// An empty index with room for `size` instances (blocks and types are fewer).
    fn with_capacity(model: &'m Model, root: &'m str, size: usize) -> Index<'m> {
        Index {
            model,
            root,
            instances: Vec::with_capacity(size),
            by_address: HashMap::with_capacity_and_hasher(size, Default::default()),
            by_block: HashMap::with_capacity_and_hasher(size, Default::default()),
            by_type: HashMap::with_capacity_and_hasher(size, Default::default()),
            by_literal: Mutex::new(HashMap::default()),
        }
    }

    fn add(&mut self, r: &'m ResourceInstance) {
        self.instances.push(r);
        self.by_address.insert(&r.address, r);
        if r.mode == Mode::Managed {
            self.by_type.entry(&r.rtype).or_default().push(r);
            self.by_block
                .entry(block_address(&r.address))
                .or_default()
                .push(r);
        }
    }

    /// The managed instances a resource block declares, by the block's address
    /// (`aws_subnet.public` for `count`/`for_each` instances `aws_subnet.public[0]`, …);
    /// empty when no block has that address.
    pub fn block(&self, address: &str) -> &[&'m ResourceInstance] {
        self.by_block.get(address).map_or(&[], Vec::as_slice)
    }

    /// Managed instances of one type in this root.
    pub fn resources<'a>(
        &'a self,
        rtype: &'a str,
    ) -> impl Iterator<Item = &'m ResourceInstance> + 'a {
        self.by_type.get(rtype).into_iter().flatten().copied()
    }

    pub fn get(&self, address: &str) -> Option<&'m ResourceInstance> {
        self.by_address.get(address).copied()
    }

    /// The resource an unknown value refers to (`aws_x.y.id` before apply), whatever its
    /// type.
    pub fn referent(&self, v: &Value) -> Option<&'m ResourceInstance> {
        match &v.kind {
            Kind::Unknown(u) => u.refers_to.as_deref().and_then(|a| self.get(a)),
            _ => None,
        }
    }

    /// The address of a resource of one of `types` that `v` refers to but this root does
    /// not declare (`aws_security_group.web.id` with no `aws_security_group.web`).
    /// Terraform rejects such a reference and the scan reports it as an error, but it
    /// still names a resource of this configuration: `<type>.<name>` always means the
    /// module's own resource, never one created elsewhere.
    pub fn undeclared<'v>(&self, v: &'v Value, types: &[&str]) -> Option<&'v str> {
        let Kind::Unknown(u) = &v.kind else {
            return None;
        };
        let address = u.refers_to.as_deref()?;
        let rtype = address.split('.').next()?;
        (types.contains(&rtype) && self.get(address).is_none()).then_some(address)
    }

    /// Resolves an id or name to a resource of one of `types`: an unknown that refers to
    /// such a resource, or a literal equal to one of the `keys` attributes a resource of
    /// those types sets (a `name`, a hand-written `id`).
    pub fn resolve(&self, v: &Value, types: &[&str], keys: &[&str]) -> Target<'m> {
        match &v.kind {
            Kind::Unknown(u) => {
                if let Some(r) = u.refers_to.as_deref().and_then(|a| self.get(a))
                    && types.contains(&&*r.rtype)
                {
                    return Target::Resource(r);
                }
                Target::Unknown(u.reason.to_string())
            }
            Kind::String(s) => {
                // The first instance, in evaluation order, of the first type that sets
                // one of the keys to this literal.
                for t in types {
                    let first = keys
                        .iter()
                        .filter_map(|k| self.by_literal(t, k).get(&**s).copied())
                        .min_by_key(|(position, _)| *position);
                    if let Some((_, r)) = first {
                        return Target::Resource(r);
                    }
                }
                Target::Literal(s.to_string())
            }
            Kind::Null => Target::Unknown("no value".into()),
            _ => Target::Unknown(format!("a {} is not an id", v.type_name())),
        }
    }

    /// The instances of `rtype` by the string value of attribute `key` (first one per
    /// value); O(instances of the type) on first use, then shared.
    fn by_literal(&self, rtype: &str, key: &str) -> Arc<LiteralMap<'m>> {
        let mut cache = self
            .by_literal
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(map) = cache.get(rtype).and_then(|keys| keys.get(key)) {
            return map.clone();
        }
        let mut map = LiteralMap::default();
        for (position, r) in self.resources(rtype).enumerate() {
            if let Some(value) = r.body.attr(key).and_then(|a| a.value.as_str()) {
                map.entry(value).or_insert((position, r));
            }
        }
        let map = Arc::new(map);
        cache
            .entry(rtype.to_string())
            .or_default()
            .insert(key.to_string(), map.clone());
        map
    }

    /// Resolves every element of a list-valued attribute (or a single value).
    pub fn resolve_all(&self, a: &Attr, types: &[&str], keys: &[&str]) -> Vec<Link<'m>> {
        elements(&a.value)
            .into_iter()
            .map(|v| Link {
                target: self.resolve(v, types, keys),
                span: v.span_within(a.span),
            })
            .collect()
    }

    /// Resolves one attribute of a body, when present and not null.
    pub fn resolve_attr(
        &self,
        body: &Body,
        name: &str,
        types: &[&str],
        keys: &[&str],
    ) -> Option<Link<'m>> {
        let a = body.attr(name)?;
        if a.value.is_null() {
            return None;
        }
        Some(Link {
            target: self.resolve(&a.value, types, keys),
            span: a.span,
        })
    }
}

/// The elements of a list or set, the value itself otherwise; nothing for null. A list of
/// unknown length gives its known elements (an unknown among them stands for the rest).
pub fn elements(v: &Value) -> Vec<&Value> {
    match (&v.kind, v.partial()) {
        (Kind::List(items) | Kind::Set(items), _) => items.iter().collect(),
        (_, Some(Partial::Elements(items))) => items.iter().collect(),
        (Kind::Null, _) => Vec::new(),
        _ => vec![v],
    }
}

/// One nested rule, route or entry as written: a block (`ingress { … }`) or an element
/// of the attribute of the same name (`ingress = [{ … }]`).
#[derive(Debug)]
pub struct Nested<'b> {
    /// The block, or the element's object expression.
    pub span: Span,
    pub body: Cow<'b, Body>,
    /// Why the element (or the whole list) is known only after apply; its body is empty.
    pub unknown: Option<String>,
}

/// The `kind` rules of a body in either syntax. The AWS provider declares security-group
/// `ingress`/`egress`, network-ACL `ingress`/`egress` and route-table `route` as
/// "attributes as blocks": `ingress { … }` blocks and `ingress = [{ … }]` set the same
/// list, and `ingress = []` removes every rule
/// (<https://developer.hashicorp.com/terraform/language/attr-as-blocks>).
pub fn nested<'b>(body: &'b Body, kind: &'b str) -> Vec<Nested<'b>> {
    let mut out: Vec<Nested<'b>> = body
        .blocks(kind)
        .map(|b| Nested {
            span: b.header,
            body: Cow::Borrowed(&b.body),
            unknown: None,
        })
        .collect();
    let Some(a) = body.attr(kind) else {
        return out;
    };
    let unknown = |v: &Value, span: Span| Nested {
        span,
        body: Cow::Owned(Body::default()),
        unknown: Some(unknown_reason(v, kind)),
    };
    if a.value.is_unknown() {
        out.push(unknown(&a.value, a.span));
        return out;
    }
    for v in elements(&a.value) {
        let span = v.span_within(a.span);
        match &v.kind {
            Kind::Map(m) => {
                let mut element = Body::default();
                for (k, x) in m.iter() {
                    element.attrs.insert(
                        k.clone(),
                        Attr {
                            value: x.clone(),
                            span: x.span_within(span),
                        },
                    );
                }
                out.push(Nested {
                    span,
                    body: Cow::Owned(element),
                    unknown: None,
                });
            }
            Kind::Unknown(_) => out.push(unknown(v, span)),
            // A null element or one of another type: Terraform rejects it.
            _ => {}
        }
    }
    out
}

/// A boolean attribute: `Ok(Some(b))` when set, `Ok(None)` when absent or null,
/// `Err(reason)` when known only after apply.
pub fn bool_attr(body: &Body, name: &str) -> Result<Option<bool>, String> {
    match body.attr(name) {
        None => Ok(None),
        Some(a) if a.value.is_null() => Ok(None),
        Some(a) if a.value.is_unknown() => Err(unknown_reason(&a.value, name)),
        Some(a) => Ok(a.value.as_bool()),
    }
}

/// Why a value is unknown, for an [`crate::finding::UnknownResult`].
pub fn unknown_reason(v: &Value, attr: &str) -> String {
    match v.first_unknown() {
        Some(u) => format!("{attr}: {}", u.reason),
        None => format!("{attr} is known only after apply"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn instance(root: &str, address: &str, mode: Mode) -> ResourceInstance {
        let rtype = address.split('.').next().unwrap_or_default();
        ResourceInstance {
            address: Arc::from(address),
            mode,
            rtype: rtype.into(),
            name: address.into(),
            module: Arc::from([]),
            root: Arc::from(root),
            header: Span {
                file: FileId(0),
                start: 0,
                end: 1,
            },
            body: Arc::new(Body::default()),
            representative: false,
        }
    }

    fn addresses<'a>(rs: impl IntoIterator<Item = &'a ResourceInstance>) -> Vec<&'a str> {
        rs.into_iter().map(|r| &*r.address).collect()
    }

    /// The indexes built for all roots at once, each at its final size, hold what the
    /// index of each root built on its own holds, in the same order.
    #[test]
    fn per_root_matches_one_index_per_root() {
        let model = Model::new(vec![
            instance("b", "aws_subnet.a[0]", Mode::Managed),
            instance("a", "aws_vpc.main", Mode::Managed),
            instance("b", "aws_subnet.a[1]", Mode::Managed),
            instance("a", "aws_subnet.a", Mode::Managed),
            instance("b", "aws_vpc.main", Mode::Data),
            instance("c", "aws_vpc.main", Mode::Managed),
            instance("b", "aws_subnet.x", Mode::Managed),
        ]);
        let all = Index::per_root(&model);
        let roots: Vec<&str> = all.iter().map(|i| i.root).collect();
        assert_eq!(roots, ["b", "a", "c"]);
        for index in &all {
            let alone = Index::new(&model, index.root);
            assert_eq!(
                addresses(index.instances.iter().copied()),
                addresses(alone.instances.iter().copied())
            );
            for name in ["aws_subnet.a", "aws_subnet.x", "aws_vpc.main"] {
                assert_eq!(
                    addresses(index.block(name).iter().copied()),
                    addresses(alone.block(name).iter().copied())
                );
                assert_eq!(
                    index.get(name).map(|r| &*r.address),
                    alone.get(name).map(|r| &*r.address)
                );
            }
            for rtype in ["aws_subnet", "aws_vpc"] {
                assert_eq!(
                    addresses(index.resources(rtype)),
                    addresses(alone.resources(rtype))
                );
            }
        }
        let b = &all[0];
        assert_eq!(
            addresses(b.instances.iter().copied()),
            [
                "aws_subnet.a[0]",
                "aws_subnet.a[1]",
                "aws_vpc.main",
                "aws_subnet.x"
            ]
        );
        assert_eq!(
            addresses(b.block("aws_subnet.a").iter().copied()),
            ["aws_subnet.a[0]", "aws_subnet.a[1]"]
        );
        assert!(b.resources("aws_vpc").next().is_none(), "a data source");
    }
}
