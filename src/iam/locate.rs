//! Which attribute of which resource holds a policy, and the policy it holds.
//!
//! A value known only after apply is [`Content::Unknown`] (the check records an
//! undecided result, never a guess); a value that is not a valid policy is
//! [`Content::Invalid`] (no finding, a warning diagnostic). When the text is the rendering of a
//! `data "aws_iam_policy_document"` in the same root, the document is remembered so a
//! finding can point at the statement block that wrote the offending statement.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use foldhash::HashMap;

use serde_json::Value as Json;

use super::documents::{Documents, content_hash};
use super::partial::{self, Reading, Readings};
use super::{Policy, Statement, from_json};

use crate::finding::{Related, provenance};
use crate::model::{Attr, Model, ResourceInstance};
use crate::value::{Kind, Value};

/// What a policy governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// Attached to a user, group, role or permission set: what its holder may do.
    Identity,
    /// A role's trust policy: who may assume it.
    Trust,
    /// A resource-based policy: who may act on the resource.
    Resource,
}

/// Where policies live: (resource type, attribute, nested block holding the attribute,
/// kind, service of the resource).
const LOCATIONS: &[(&str, &str, Option<&str>, PolicyKind, &str)] = &[
    (
        "aws_iam_policy",
        "policy",
        None,
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_iam_role_policy",
        "policy",
        None,
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_iam_user_policy",
        "policy",
        None,
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_iam_group_policy",
        "policy",
        None,
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_iam_role",
        "policy",
        Some("inline_policy"),
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_ssoadmin_permission_set_inline_policy",
        "inline_policy",
        None,
        PolicyKind::Identity,
        "iam",
    ),
    (
        "aws_iam_role",
        "assume_role_policy",
        None,
        PolicyKind::Trust,
        "iam",
    ),
    (
        "aws_s3_bucket_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "s3",
    ),
    ("aws_s3_bucket", "policy", None, PolicyKind::Resource, "s3"),
    (
        "aws_sqs_queue_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "sqs",
    ),
    ("aws_sqs_queue", "policy", None, PolicyKind::Resource, "sqs"),
    (
        "aws_sns_topic_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "sns",
    ),
    ("aws_sns_topic", "policy", None, PolicyKind::Resource, "sns"),
    ("aws_kms_key", "policy", None, PolicyKind::Resource, "kms"),
    (
        "aws_kms_key_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "kms",
    ),
    (
        "aws_ecr_repository_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "ecr",
    ),
    (
        "aws_opensearch_domain_policy",
        "access_policies",
        None,
        PolicyKind::Resource,
        "es",
    ),
    (
        "aws_opensearch_domain",
        "access_policies",
        None,
        PolicyKind::Resource,
        "es",
    ),
    (
        "aws_elasticsearch_domain_policy",
        "access_policies",
        None,
        PolicyKind::Resource,
        "es",
    ),
    (
        "aws_elasticsearch_domain",
        "access_policies",
        None,
        PolicyKind::Resource,
        "es",
    ),
    (
        "aws_glacier_vault",
        "access_policy",
        None,
        PolicyKind::Resource,
        "glacier",
    ),
    (
        "aws_ses_identity_policy",
        "policy",
        None,
        PolicyKind::Resource,
        "ses",
    ),
];

#[derive(Debug, Clone)]
pub enum Content {
    /// Shared by the attributes that hold the same text, so that what the checks derive
    /// from a policy (its memo) is derived once for all of them.
    Policy(Arc<Policy>),
    /// Known in part: judged through its least and most permissive readings (shared, as
    /// a known policy is, by the attributes that read as the same JSON); the reason names
    /// the first part known only after apply.
    Partial(Arc<Readings>, String),
    /// Known only after apply; the reason.
    Unknown(String),
    /// Not a policy document; what is wrong.
    Invalid(String),
}

/// One policy-holding attribute of one resource.
#[derive(Debug, Clone)]
pub struct Located<'m> {
    pub resource: &'m ResourceInstance,
    /// `policy`, `inline_policy.policy`, `assume_role_policy`…
    pub attribute: String,
    pub attr: &'m Attr,
    pub kind: PolicyKind,
    pub service: &'static str,
    pub content: Content,
    /// The `data "aws_iam_policy_document"` the text was rendered from.
    pub document: Option<&'m ResourceInstance>,
}

impl Located<'_> {
    /// Related locations for a statement: the statement block of the policy document it
    /// came from, and the provenance of the attribute's value.
    pub fn related(&self, st: &Statement) -> Vec<Related> {
        let mut out = Vec::new();
        if let Some(doc) = self.document
            && let Some(span) = statement_block(doc, st)
        {
            out.push(Related {
                span,
                message: format!("{} is written in {}", st.name(), doc.address),
            });
        }
        out.extend(provenance(&self.attr.value, self.attr.span, None));
        out
    }

    /// The parsed policy, if known and valid.
    pub fn policy(&self) -> Option<&Policy> {
        match &self.content {
            Content::Policy(p) => Some(p),
            _ => None,
        }
    }
}

/// The span of the statement block that produced `st` in a policy document.
fn statement_block(doc: &ResourceInstance, st: &Statement) -> Option<crate::source::Span> {
    let merged = doc.body.attr("source_policy_documents").is_some()
        || doc.body.attr("override_policy_documents").is_some();
    let blocks: Vec<_> = doc.body.blocks("statement").collect();
    if let Some(sid) = &st.sid {
        let by_sid = blocks.iter().find(|b| {
            b.body
                .attr("sid")
                .and_then(|a| a.value.as_str())
                .is_some_and(|s| s == sid)
        });
        if let Some(b) = by_sid {
            return Some(b.header);
        }
    }
    if merged {
        return None;
    }
    blocks.get(st.index).map(|b| b.header)
}

/// The policies of a model: where each is held and what it reads as, and the policy
/// documents searched for the ones rendered from a document.
pub(crate) struct Policies<'m> {
    pub(crate) located: Vec<Located<'m>>,
    pub(crate) documents: Documents<'m>,
}

/// Every policy-holding attribute of every resource (a scan locates them once, for every
/// check that reads policies).
pub(crate) fn policies<'m>(model: &'m Model) -> Policies<'m> {
    // A policy text is matched only against its own root's documents.
    let mut docs = Documents::new(model);
    let mut texts = KnownTexts::default();
    let mut partials = PartialReadings::default();
    let mut out = Vec::new();
    for (rtype, attr_name, block, kind, service) in LOCATIONS {
        for r in model.resources(rtype) {
            let attrs: Vec<(&Attr, String)> = match block {
                None => r
                    .body
                    .attr(attr_name)
                    .map(|a| (a, attr_name.to_string()))
                    .into_iter()
                    .collect(),
                Some(b) => r
                    .body
                    .blocks(b)
                    .filter_map(|blk| blk.body.attr(attr_name))
                    .map(|a| (a, format!("{b}.{attr_name}")))
                    .collect(),
            };
            for (attr, attribute) in attrs {
                let v = &attr.value;
                // A rendered document carries no written origin of its own; text written
                // as a literal or jsonencode does.
                let mut document_of = |json: &Json| match v.origin_span() {
                    Some(_) => None,
                    None => docs.find(&r.root, json),
                };
                let (content, document) = match texts.read(v) {
                    Ok((json, policy)) => known(json, policy, &mut document_of),
                    Err(Reading::Absent) => continue,
                    Err(Reading::Known(json)) => {
                        known(&json, &from_json(&json).map(Arc::new), &mut document_of)
                    }
                    Err(Reading::Partial(json)) => {
                        let reason = match v.first_unknown() {
                            Some(u) => format!("{attribute} is known in part: {}", u.reason),
                            None => format!("{attribute} is known in part"),
                        };
                        match partials.read(json) {
                            (json, Some(r)) => (Content::Partial(r, reason), document_of(json)),
                            (_, None) => (Content::Unknown(reason), None),
                        }
                    }
                    Err(Reading::Unknown(reason)) => (
                        Content::Unknown(format!("{attribute} is unknown: {reason}")),
                        None,
                    ),
                    Err(Reading::Invalid(e)) => {
                        (Content::Invalid(format!("{attribute} is {e}")), None)
                    }
                };
                out.push(Located {
                    resource: r,
                    attribute,
                    attr,
                    kind: *kind,
                    service,
                    content,
                    document,
                });
            }
        }
    }
    Policies {
        located: out,
        documents: docs,
    }
}

/// A wholly known text's JSON and the policy it reads as (or what is wrong with it).
type KnownText = (Json, Result<Arc<Policy>, String>);

/// Wholly known policy texts already read, by text: the attributes of a module's
/// instances often hold the same text (one trust policy per role), read once.
#[derive(Default)]
struct KnownTexts<'m>(HashMap<&'m str, KnownText>);

impl<'m> KnownTexts<'m> {
    /// The JSON of a wholly known text and the policy it reads as; any other value's
    /// reading as the error.
    fn read(&mut self, v: &'m Value) -> Result<&KnownText, Reading> {
        let Kind::String(text) = &v.kind else {
            return Err(partial::read(v));
        };
        match self.0.entry(&**text) {
            Entry::Occupied(e) => Ok(e.into_mut()),
            Entry::Vacant(e) => match partial::read(v) {
                Reading::Known(json) => {
                    let policy = from_json(&json).map(Arc::new);
                    Ok(e.insert((json, policy)))
                }
                other => Err(other),
            },
        }
    }
}

/// The readings of partly known policies already made, by the content of their JSON:
/// the attributes of a module's instances often read as the same JSON (a role policy
/// naming a bucket known only after apply), read once and shared. JSON read alike only
/// when identical, keys in the same order, as the policy reads them in order.
#[derive(Default)]
struct PartialReadings(HashMap<u64, Vec<PartialRead>>);

/// A partly known policy's JSON and its readings (`None` when it has none).
type PartialRead = (Json, Option<Arc<Readings>>);

impl PartialReadings {
    /// `json`, kept, and its readings (`None` when it has none).
    fn read(&mut self, json: Json) -> (&Json, Option<Arc<Readings>>) {
        let same = self.0.entry(content_hash(&json)).or_default();
        let at = match same.iter().position(|(j, _)| identical(j, &json)) {
            Some(at) => at,
            None => {
                let readings = partial::readings(&json).ok().map(Arc::new);
                same.push((json, readings));
                same.len() - 1
            }
        };
        let (json, readings) = same.get(at).expect("a position found or just pushed");
        (json, readings.clone())
    }
}

/// Whether two JSON values are the same, object keys in the same order and numbers
/// written alike (`0.0` and `-0.0` differ); serde_json's `==` ignores both.
fn identical(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| identical(x, y))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, x), (ky, y))| kx == ky && identical(x, y))
        }
        (Json::Number(x), Json::Number(y)) => x.to_string() == y.to_string(),
        _ => a == b,
    }
}

/// The content of a wholly known text and the document it was rendered from, if valid.
fn known<'m>(
    json: &Json,
    policy: &Result<Arc<Policy>, String>,
    document_of: impl FnOnce(&Json) -> Option<&'m ResourceInstance>,
) -> (Content, Option<&'m ResourceInstance>) {
    match policy {
        Ok(p) => (Content::Policy(Arc::clone(p)), document_of(json)),
        Err(e) => (Content::Invalid(e.clone()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text held by two attributes is read once: the second finds the first's JSON and
    /// policy. Anything but wholly known text is read as ever, each time.
    #[test]
    fn known_texts_are_read_once() {
        let text = r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#;
        let (a, b) = (Value::string(text), Value::string(text.to_string()));
        let no_effect = Value::string(r#"{"Statement":{"Action":"*"}}"#);
        let others = [Value::string("{"), Value::string(" "), Value::unknown("u")];
        let mut texts = KnownTexts::default();
        let first: *const KnownText = texts.read(&a).expect("known");
        let second = texts.read(&b).expect("known");
        assert!(std::ptr::eq(first, second));
        assert!(second.1.as_ref().is_ok_and(|p| p.statements.len() == 1));
        for _ in 0..2 {
            let read = texts.read(&no_effect).expect("known text");
            assert_eq!(read.1, Err("statement 1 has no valid Effect".to_string()));
        }
        for v in &others {
            assert!(texts.read(v).is_err());
        }
        assert_eq!(texts.0.len(), 2);
    }

    /// JSON read before gives the same readings, shared; JSON that differs in the order
    /// of an object's keys or in how a number is written is read anew, and JSON with no
    /// readings is remembered as such.
    #[test]
    fn partial_readings_are_shared_by_identical_json() {
        let hole = crate::value::HOLE_VALUE;
        let doc = |principal: Json, n: Json| {
            serde_json::json!({"Statement": [{
                "Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("{hole}"),
                "Principal": principal, "Condition": {"NumericLessThan": {"s3:max-keys": n}},
            }]})
        };
        let principal = serde_json::json!({"AWS": "a", "Service": "b"});
        let reordered = serde_json::json!({"Service": "b", "AWS": "a"});
        let first = doc(principal.clone(), serde_json::json!(0.0));
        let mut partials = PartialReadings::default();
        let (json, one) = partials.read(first.clone());
        assert_eq!(json, &first);
        let one = one.expect("readings");
        let (_, again) = partials.read(first.clone());
        assert!(again.is_some_and(|again| Arc::ptr_eq(&one, &again)));
        for other in [
            doc(reordered, serde_json::json!(0.0)),
            doc(principal, serde_json::json!(-0.0)),
        ] {
            assert_eq!(other, first, "equal to serde_json");
            let (_, read) = partials.read(other);
            assert!(read.is_some_and(|read| !Arc::ptr_eq(&one, &read)));
        }
        let none = serde_json::json!({"Statement": 5});
        assert!(partials.read(none.clone()).1.is_none());
        assert!(partials.read(none).1.is_none());
        assert_eq!(partials.0.values().map(Vec::len).sum::<usize>(), 4);
    }
}
