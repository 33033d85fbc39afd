//! S3 buckets and the resources around them: the bucket a name or reference points at,
//! its policies (inline or `aws_s3_bucket_policy`), its canned ACLs (inline or
//! `aws_s3_bucket_acl`) and its access logging. Used by the bucket TLS check and the
//! CloudTrail destination-bucket checks.

use std::collections::HashMap;
use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::iam::{self, Content, Effect, Located, PolicyKind, Statement};
use crate::model::{Attr, Model, ResourceInstance};

/// Attributes of a bucket a companion's literal `bucket` value may equal.
const BUCKET_KEYS: [&str; 2] = ["bucket", "id"];

/// Canned ACLs that grant access outside the account: `public-read(-write)` to anyone,
/// `authenticated-read` to every AWS account.
pub const PUBLIC_ACLS: [&str; 3] = ["public-read", "public-read-write", "authenticated-read"];

/// Companions of `rtype` whose `via` attribute points at `bucket` (by reference, or by a
/// literal equal to its `bucket` or `id`), in declaration order; the flag says some
/// companion points at a bucket known only after apply (it may be this one). Hash
/// lookups in the model's index of `via` values: O(this bucket's companions).
pub fn companions<'m>(
    model: &'m Model,
    bucket: &ResourceInstance,
    rtype: &str,
    via: &str,
) -> (Vec<(&'m ResourceInstance, &'m Attr)>, bool) {
    let index = model.value_index(&bucket.root, rtype, via);
    let mut found: Vec<usize> = index
        .by_reference
        .get(&*bucket.address)
        .cloned()
        .unwrap_or_default();
    for key in BUCKET_KEYS {
        if let Some(text) = bucket.body.attr(key).and_then(|a| a.value.as_str()) {
            found.extend(index.by_string.get(text).into_iter().flatten());
        }
    }
    found.sort_unstable();
    found.dedup();
    let found = found
        .iter()
        .filter_map(|i| model.instances.get(*i))
        .filter_map(|c| Some((c, c.body.attr(via)?)))
        .collect();
    (found, index.unknown)
}

/// Every S3 resource policy of the scan (inline bucket `policy` and
/// `aws_s3_bucket_policy`), located once and keyed by the resource that holds it, so
/// each bucket's policies are a lookup rather than a pass over every policy.
pub struct S3Policies<'m> {
    /// Root → holder's address → its policies.
    by_holder: HashMap<&'m str, HashMap<&'m str, Vec<&'m Located<'m>>>>,
}

impl<'m> S3Policies<'m> {
    /// The S3 policies among the scan's located policies.
    pub fn of(located: &'m [Located<'m>]) -> S3Policies<'m> {
        let mut by_holder: HashMap<&str, HashMap<&str, Vec<&Located<'m>>>> = HashMap::new();
        for l in located {
            if l.kind == PolicyKind::Resource && l.service == "s3" {
                by_holder
                    .entry(&*l.resource.root)
                    .or_default()
                    .entry(&*l.resource.address)
                    .or_default()
                    .push(l);
            }
        }
        S3Policies { by_holder }
    }

    fn held_by(&self, r: &ResourceInstance) -> &[&'m Located<'m>] {
        self.by_holder
            .get(&*r.root)
            .and_then(|held| held.get(&*r.address))
            .map_or(&[], Vec::as_slice)
    }

    /// The policies that govern `bucket`: its inline `policy` and every
    /// `aws_s3_bucket_policy` that points at it; the flag as in [`companions`].
    pub fn of_bucket(
        &self,
        model: &'m Model,
        bucket: &ResourceInstance,
    ) -> (Vec<&Located<'m>>, bool) {
        let (attached, maybe) = companions(model, bucket, "aws_s3_bucket_policy", "bucket");
        let found = self
            .held_by(bucket)
            .iter()
            .chain(attached.iter().flat_map(|(p, _)| self.held_by(p)))
            .copied()
            .collect();
        (found, maybe)
    }
}

/// The canned ACLs set on `bucket` that are public: (resource that sets it, attribute).
pub fn public_acls<'m>(
    model: &'m Model,
    bucket: &'m ResourceInstance,
) -> Vec<(&'m ResourceInstance, &'m Attr)> {
    let mut setters: Vec<(&ResourceInstance, &Attr)> = Vec::new();
    if let Some(a) = bucket.body.attr("acl") {
        setters.push((bucket, a));
    }
    for (acl, _) in companions(model, bucket, "aws_s3_bucket_acl", "bucket").0 {
        if let Some(a) = acl.body.attr("acl") {
            setters.push((acl, a));
        }
    }
    setters
        .into_iter()
        .filter(|(_, a)| a.value.as_str().is_some_and(|s| PUBLIC_ACLS.contains(&s)))
        .collect()
}

/// A Deny for anyone of every S3 action when `aws:SecureTransport` is false.
fn denies_insecure_transport(s: &Statement) -> bool {
    s.effect == Effect::Deny
        && s.principal.as_ref().is_some_and(iam::Principal::is_anyone)
        && s.covers_whole_service("s3")
        && s.conditions.iter().any(|c| {
            matches!(
                c.operator.to_ascii_lowercase().as_str(),
                "bool" | "boolifexists"
            ) && c.key.eq_ignore_ascii_case("aws:SecureTransport")
                && c.values.iter().any(|v| v.eq_ignore_ascii_case("false"))
        })
}

check! {
    judge = bucket_allows_http,
    meta = r#"
id = "aws-s3-bucket-policy-allows-http"
title = "S3 bucket policy does not deny requests without TLS"
severity = "medium"
area = "data"
resources = ["aws_s3_bucket", "aws_s3_bucket_policy"]
aliases = ["CKV_AWS_379"]
references = [
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5",
]
description = """
S3 accepts plain-HTTP requests unless the bucket policy refuses them, so objects and
the credentials-signed requests for them can cross the network unencrypted. The bucket
is compliant when one of its policies (the inline `policy` or an `aws_s3_bucket_policy`
that refers to it by reference or name) has a `Deny` statement for any principal
covering every S3 action (`s3:*` or `*`) with the condition
`Bool`/`BoolIfExists` `aws:SecureTransport = "false"`. The statement's `Resource` is
not compared with the bucket's ARN.

Every bucket is judged (Checkov judges only buckets with a public ACL). A policy known
only after apply makes the result undecided.
"""
remediation = """
Add a statement that denies every request made without TLS.

```hcl
data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.tls_only.json
}
```
"""
"#
}
/// `aws-s3-bucket-policy-allows-http` (DAT-10): no policy of the bucket denies requests
/// that do not use TLS.
pub fn bucket_allows_http(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    let s3 = S3Policies::of(ctx.policies());
    for bucket in model.resources("aws_s3_bucket") {
        let (located, maybe) = s3.of_bucket(model, bucket);
        let mut undecided = None;
        let mut denied = false;
        for l in &located {
            match &l.content {
                Content::Policy(p) => denied |= p.statements.iter().any(denies_insecure_transport),
                // A deny in the most permissive reading is there whatever the unknown parts
                // hold; one only in the least permissive reading depends on them.
                Content::Partial(r, reason) => {
                    if r.most.statements.iter().any(denies_insecure_transport) {
                        denied = true;
                    } else if r.least.statements.iter().any(denies_insecure_transport) {
                        undecided.get_or_insert(reason.clone());
                    }
                }
                Content::Unknown(reason) => {
                    undecided.get_or_insert(reason.clone());
                }
                Content::Invalid(_) => {}
            }
        }
        if denied {
            continue;
        }
        if maybe {
            undecided.get_or_insert(
                "an aws_s3_bucket_policy names a bucket known only after apply".to_string(),
            );
        }
        if let Some(reason) = undecided {
            out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(bucket),
                span: bucket.header,
                reason,
            });
            continue;
        }
        let related: Vec<Related> = located
            .iter()
            .map(|l| Related {
                span: l.attr.span,
                message: format!(
                    "the {} of {} has no such Deny statement",
                    l.attribute, l.resource.address
                ),
            })
            .collect();
        let message = if located.is_empty() {
            "no bucket policy denies requests that do not use TLS (aws:SecureTransport = false)"
        } else {
            "the bucket policy does not deny requests that do not use TLS (aws:SecureTransport = false)"
        };
        out.findings.push(Finding::new(
            check,
            bucket,
            message.into(),
            bucket.header,
            "policy",
            related,
        ));
    }
}
