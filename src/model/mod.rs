//! The evaluated resource model: every resource and data instance with its attributes
//! and nested blocks, evaluated, with the spans they were written at.
//!
//! Invariants: addresses are Terraform's (`module.a["x"].aws_s3_bucket.b[0]`); a resource
//! that `count = 0` or an empty `for_each` removed has no instance here.

pub mod json;

use foldhash::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::source::Span;
pub(crate) use crate::value::{Attr, Block, Body};
use crate::value::{Kind, Unknown, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Managed,
    Data,
    /// A `provider` block's configuration (address `provider.aws`, `provider.aws.west`);
    /// kept in [`Model::providers`], never among the resource instances.
    Provider,
}

/// One `module` block on the way from a root module to a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCall {
    /// The full instance address of the module, e.g. `module.web` or
    /// `module.web.module.sg["db"]`.
    pub address: String,
    /// The `module "name"` header.
    pub header: Span,
}

/// Each call of a module chain by its own part of the address (`module.web`,
/// `module.sg["db"]`), not the full address, which repeats every call before it: a
/// report naming each call by its full address grows with the square of the depth.
pub(crate) fn call_names(chain: &[ModuleCall]) -> impl Iterator<Item = &str> {
    let parents = std::iter::once(None).chain(chain.iter().map(Some));
    chain.iter().zip(parents).map(|(call, parent)| {
        parent
            .and_then(|p| call.address.strip_prefix(p.address.as_str()))
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or(call.address.as_str())
    })
}

/// `body` as references to the managed resource at `address` should see it, when
/// that differs from `body` itself: each identity argument (see [`is_identity`])
/// that is known only after apply points at the resource, whatever unknown it was
/// built from. `parameter_group_name = aws_db_parameter_group.pg.name` names the
/// group `pg` even when its name is `"pg-${data.aws_caller_identity.current.account_id}"`,
/// an unknown that otherwise points at the data source. `None` when no identity
/// argument needs it, so most bodies stay shared with what references see.
pub(crate) fn identity_view(body: &Body, rtype: &str, address: &Arc<str>) -> Option<Body> {
    // Whether the value is unknown is asked first: it is one comparison, where
    // `is_identity` compares the name (and the type) with a dozen strings, and most
    // arguments are known.
    let points_elsewhere = |name: &str, a: &Attr| {
        matches!(&a.value.kind, Kind::Unknown(u) if u.refers_to.as_deref() != Some(&**address))
            && is_identity(rtype, name)
    };
    if !body.attrs.iter().any(|(k, a)| points_elsewhere(k, a)) {
        return None;
    }
    let mut view = body.clone();
    for (k, a) in view.attrs.iter_mut() {
        if !points_elsewhere(k, a) {
            continue;
        }
        if let Kind::Unknown(u) = &a.value.kind {
            let mut own = Unknown::clone(u);
            own.refers_to = Some(address.clone());
            a.value = Value::new(Kind::Unknown(Arc::new(own))).with_prov(a.value.prov.clone());
        }
    }
    Some(view)
}

/// Whether `attribute` is the resource's own identity in AWS, the value other resources
/// name it by (a parameter group's `name`, a bucket's `bucket`, a key's `arn`), rather
/// than the identity of something it points at. `id` and `arn` always are; `name` is,
/// except where the resource names another one with it (a configuration recorder status
/// names its recorder, an SSM association its document).
pub(crate) fn is_identity(rtype: &str, attribute: &str) -> bool {
    match attribute {
        "id" | "arn" => true,
        "name" => !matches!(
            rtype,
            "aws_config_configuration_recorder_status" | "aws_ssm_association"
        ),
        _ => matches!(
            (rtype, attribute),
            ("aws_s3_bucket", "bucket")
                | ("aws_db_instance", "identifier")
                | (
                    "aws_rds_cluster"
                        | "aws_docdb_cluster"
                        | "aws_neptune_cluster"
                        | "aws_redshift_cluster",
                    "cluster_identifier"
                )
                | ("aws_lambda_function", "function_name")
                | (
                    "aws_opensearch_domain" | "aws_elasticsearch_domain",
                    "domain_name"
                )
                | ("aws_elasticache_replication_group", "replication_group_id")
                | ("aws_elasticache_cluster", "cluster_id")
                | ("aws_kms_key", "key_id")
        ),
    }
}

/// One instance of a `resource` or `data` block.
#[derive(Debug, Clone)]
pub struct ResourceInstance {
    pub address: Arc<str>,
    pub mode: Mode,
    /// Shared by the instances of one declaration and the findings on them.
    pub rtype: Arc<str>,
    pub name: String,
    /// The module calls from the root to this resource; empty in a root module.
    /// Shared by every instance of one module instance.
    pub module: Arc<[ModuleCall]>,
    /// The root module directory (relative to the scan root) this instance belongs to;
    /// one allocation per root, shared by its instances and their findings.
    pub root: Arc<str>,
    /// The `resource "type" "name"` header.
    pub header: Span,
    /// Shared with what references to the instance see during evaluation.
    pub body: Arc<Body>,
    /// `count`/`for_each` was unknown: this instance stands for all of them.
    pub representative: bool,
}

/// Every instance of a scan, indexed by type.
#[derive(Debug, Default)]
pub struct Model {
    pub instances: Vec<ResourceInstance>,
    /// Provider configurations (`provider "aws" { … }`), for checks on the provider
    /// itself such as hard-coded credentials. Their rtype is the provider's local name.
    pub providers: Vec<ResourceInstance>,
    by_type: HashMap<Arc<str>, Vec<usize>>,
    /// Root → type → instances, and root → address → instance: checks that join
    /// resources look up within one root instead of scanning every root's instances.
    by_root_type: HashMap<Arc<str>, HashMap<Arc<str>, Vec<usize>>>,
    by_root_address: HashMap<Arc<str>, HashMap<Arc<str>, usize>>,
    /// Root → type → attribute → the managed instances by what the attribute holds,
    /// built on first use of the triple (checks run in parallel, hence the lock): joins
    /// between resources (a bucket and its public access block) are hash lookups.
    by_value: Mutex<ValueIndexes>,
}

/// The [`ValueIndex`]es built so far, by root, type and attribute: nested so that a
/// lookup hashes the borrowed names, where a key of three `Arc<str>` allocated and
/// copied all three on every lookup (declarative relations ask once per instance).
type ValueIndexes = HashMap<Arc<str>, HashMap<Arc<str>, HashMap<Arc<str>, Arc<ValueIndex>>>>;

/// The managed instances of one type in one root by the value of one attribute: each
/// list holds indices into [`Model::instances`], in increasing order.
#[derive(Debug, Default)]
pub struct ValueIndex {
    /// By the address an unknown value refers to (`bucket = aws_s3_bucket.b.id`).
    pub by_reference: HashMap<Arc<str>, Vec<usize>>,
    /// By a string value (`bucket = "logs"`).
    pub by_string: HashMap<Arc<str>, Vec<usize>>,
    /// Whether some instance's value is unknown without referring to a resource.
    pub unknown: bool,
}

impl Model {
    /// The model of `instances`; provider configurations among them go to `providers`.
    pub(crate) fn new(mut instances: Vec<ResourceInstance>) -> Model {
        // Providers are few: taken out in place rather than partitioning every instance
        // into a second vector.
        let providers: Vec<_> = instances
            .extract_if(.., |r| r.mode == Mode::Provider)
            .collect();
        // The type index and the per-root indexes are built side by side; a key is
        // cloned (an atomic increment) only when it is first seen.
        let (by_type, (by_root_type, by_root_address)) = rayon::join(
            || {
                let mut by_type: HashMap<Arc<str>, Vec<usize>> = HashMap::default();
                for (i, r) in instances.iter().enumerate() {
                    match by_type.get_mut(&*r.rtype) {
                        Some(list) => list.push(i),
                        None => {
                            by_type.insert(r.rtype.clone(), vec![i]);
                        }
                    }
                }
                by_type
            },
            || {
                let mut by_root_type: HashMap<Arc<str>, HashMap<Arc<str>, Vec<usize>>> =
                    HashMap::default();
                let mut by_root_address: HashMap<Arc<str>, HashMap<Arc<str>, usize>> =
                    HashMap::default();
                for (i, r) in instances.iter().enumerate() {
                    if !by_root_type.contains_key(&*r.root) {
                        by_root_type.insert(r.root.clone(), HashMap::default());
                        by_root_address.insert(r.root.clone(), HashMap::default());
                    }
                    if let Some(types) = by_root_type.get_mut(&*r.root) {
                        match types.get_mut(&*r.rtype) {
                            Some(list) => list.push(i),
                            None => {
                                types.insert(r.rtype.clone(), vec![i]);
                            }
                        }
                    }
                    if let Some(addresses) = by_root_address.get_mut(&*r.root) {
                        addresses.insert(r.address.clone(), i);
                    }
                }
                (by_root_type, by_root_address)
            },
        );
        Model {
            instances,
            providers,
            by_type,
            by_root_type,
            by_root_address,
            by_value: Mutex::default(),
        }
    }

    /// The managed instances of `rtype` in `root` by the value of `attr`, built in
    /// O(instances of the type) on first use, then shared.
    pub(crate) fn value_index(&self, root: &str, rtype: &str, attr: &str) -> Arc<ValueIndex> {
        let mut cache = self.by_value.lock().unwrap_or_else(PoisonError::into_inner);
        let built = cache
            .get(root)
            .and_then(|types| types.get(rtype))
            .and_then(|attrs| attrs.get(attr));
        if let Some(index) = built {
            return index.clone();
        }
        let index = Arc::new(self.build_value_index(root, rtype, attr));
        cache
            .entry(Arc::from(root))
            .or_default()
            .entry(Arc::from(rtype))
            .or_default()
            .insert(Arc::from(attr), index.clone());
        index
    }

    /// The [`ValueIndex`] of `attr` over the managed instances of `rtype` in `root`.
    fn build_value_index(&self, root: &str, rtype: &str, attr: &str) -> ValueIndex {
        let mut index = ValueIndex::default();
        let managed = self
            .by_root_type
            .get(root)
            .and_then(|types| types.get(rtype))
            .into_iter()
            .flatten()
            .filter_map(|i| Some((*i, self.instances.get(*i)?)))
            .filter(|(_, r)| r.mode == Mode::Managed);
        for (position, r) in managed {
            let Some(a) = r.body.attr(attr) else { continue };
            match &a.value.kind {
                Kind::Unknown(u) => match &u.refers_to {
                    Some(address) => index
                        .by_reference
                        .entry(address.clone())
                        .or_default()
                        .push(position),
                    None => index.unknown = true,
                },
                Kind::String(text) => index
                    .by_string
                    .entry(text.clone())
                    .or_default()
                    .push(position),
                _ => {}
            }
        }
        index
    }

    /// The instance (managed or data) at `address` in one root module.
    pub(crate) fn get_in(&self, root: &str, address: &str) -> Option<&ResourceInstance> {
        let i = self.by_root_address.get(root)?.get(address)?;
        self.instances.get(*i)
    }

    /// Managed and data instances of one type, in evaluation order.
    pub(crate) fn of_type<'m>(
        &'m self,
        rtype: &str,
    ) -> impl Iterator<Item = &'m ResourceInstance> + 'm {
        self.by_type
            .get(rtype)
            .into_iter()
            .flatten()
            .filter_map(|i| self.instances.get(*i))
    }

    /// The types of the instances, each once, in no particular order.
    pub(crate) fn types(&self) -> impl Iterator<Item = &str> {
        self.by_type.keys().map(|t| &**t)
    }

    /// Managed instances of one type.
    pub(crate) fn resources<'m>(
        &'m self,
        rtype: &str,
    ) -> impl Iterator<Item = &'m ResourceInstance> + 'm {
        self.of_type(rtype).filter(|r| r.mode == Mode::Managed)
    }
}

/// The address of the block that declares an instance: the instance address without its
/// own key (`module.m["a"].aws_subnet.public[0]` → `module.m["a"].aws_subnet.public`);
/// the keys of module instances stay.
pub(crate) fn block_address(instance: &str) -> &str {
    if !instance.ends_with(']') {
        return instance;
    }
    // The last `[` outside a quoted key opens the instance's own key (a key such as
    // `["a.b[c]"]` may hold dots and brackets of its own).
    let mut in_string = false;
    let mut escaped = false;
    let mut last_open = None;
    for (i, c) in instance.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '[' if !in_string => last_open = Some(i),
            _ => {}
        }
    }
    last_open
        .and_then(|i| instance.get(..i))
        .unwrap_or(instance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn attr(value: Value) -> Attr {
        Attr {
            value,
            span: Span::new(FileId(0), 0..1),
        }
    }

    fn body(attrs: &[(&str, Value)]) -> Body {
        let mut b = Body::default();
        for (k, v) in attrs {
            b.attrs.insert(k.to_string(), attr(v.clone()));
        }
        b
    }

    fn refers_to(b: &Body, name: &str) -> Option<String> {
        match &b.attr(name)?.value.kind {
            Kind::Unknown(u) => u.refers_to.as_deref().map(str::to_string),
            _ => None,
        }
    }

    #[test]
    fn null_attributes_are_absent_but_written() {
        let b = body(&[("a", Value::null()), ("b", Value::string("x"))]);
        assert!(b.attr("a").is_none());
        assert!(b.written("a").is_some_and(|a| a.value.is_null()));
        assert_eq!(b.attr("b").and_then(|a| a.value.as_str()), Some("x"));
    }

    #[test]
    fn references_see_unknown_identities_pointing_at_their_resource() {
        let address: Arc<str> = Arc::from("aws_db_parameter_group.pg");
        let account = || {
            Value::unknown_ref(
                "data.aws_caller_identity.current.account_id is known only after apply",
                Arc::from("data.aws_caller_identity.current"),
            )
        };
        let b = body(&[
            ("name", account()),
            ("family", account()),
            ("description", Value::string("d")),
        ]);
        let view =
            identity_view(&b, "aws_db_parameter_group", &address).expect("the name needs a view");
        assert_eq!(
            refers_to(&view, "name").as_deref(),
            Some("aws_db_parameter_group.pg")
        );
        // Only identities change; the body the model keeps is untouched.
        assert_eq!(
            refers_to(&view, "family").as_deref(),
            Some("data.aws_caller_identity.current")
        );
        assert_eq!(
            refers_to(&b, "name").as_deref(),
            Some("data.aws_caller_identity.current")
        );
        // Known identities, and unknowns already pointing at the resource, need no view.
        let named = body(&[("name", Value::string("pg"))]);
        assert!(identity_view(&named, "aws_db_parameter_group", &address).is_none());
        let own = body(&[("arn", Value::unknown_ref("arn", address.clone()))]);
        assert!(identity_view(&own, "aws_db_parameter_group", &address).is_none());
    }

    #[test]
    fn identities_by_type() {
        assert!(is_identity("aws_db_parameter_group", "name"));
        assert!(is_identity("aws_kms_key", "arn"));
        assert!(is_identity("aws_s3_bucket", "bucket"));
        assert!(is_identity("aws_rds_cluster", "cluster_identifier"));
        // A bucket policy's `bucket` and a recorder status's `name` name another resource.
        assert!(!is_identity("aws_s3_bucket_policy", "bucket"));
        assert!(!is_identity(
            "aws_config_configuration_recorder_status",
            "name"
        ));
        assert!(!is_identity("aws_subnet", "vpc_id"));
    }

    #[test]
    fn the_block_of_an_instance_drops_only_its_own_key() {
        assert_eq!(block_address("aws_subnet.public[0]"), "aws_subnet.public");
        assert_eq!(block_address("aws_subnet.public"), "aws_subnet.public");
        assert_eq!(
            block_address(r#"module.m["a"].aws_subnet.public["x.y[1]"]"#),
            r#"module.m["a"].aws_subnet.public"#
        );
        assert_eq!(
            block_address(r#"module.m["a"].aws_subnet.public"#),
            r#"module.m["a"].aws_subnet.public"#
        );
        assert_eq!(
            block_address(r#"aws_subnet.s["quote \" ["]"#),
            "aws_subnet.s"
        );
    }
}
