//! CloudTrail checks that follow a trail to its destination bucket, or look at every
//! trail of a configuration together.

use std::sync::Arc;

use super::s3;
use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::iam::{self, Content, Located};
use crate::model::{Attr, Body, Mode, Model, ResourceInstance};
use crate::network::{Index, Target, bool_attr, elements};
use crate::value::show_holes;

/// The trail's destination bucket when this configuration declares it; otherwise an
/// undecided result is recorded (a bucket declared elsewhere cannot be judged).
fn destination<'m>(
    check: &Arc<Check>,
    index: &Index<'m>,
    trail: &'m ResourceInstance,
    out: &mut CheckResults,
) -> Option<(&'m ResourceInstance, &'m Attr)> {
    let attr = trail.body.attr("s3_bucket_name")?;
    let reason = match index.resolve(&attr.value, &["aws_s3_bucket"], &["bucket", "id"]) {
        Target::Resource(b) if b.mode == Mode::Managed => return Some((b, attr)),
        Target::Resource(b) => format!(
            "the destination bucket is {}, whose settings are not in this configuration",
            b.address
        ),
        Target::Literal(name) => {
            format!("the destination bucket {name} is not declared in this configuration")
        }
        Target::Unknown(reason) => format!("s3_bucket_name: {reason}"),
    };
    out.unknown.push(UnknownResult {
        check: check.clone(),
        resource: ResourceRef::of(trail),
        span: attr.span,
        reason,
    });
    None
}

/// Whether a public access block of the bucket sets `setting` to true (`None`: unknown).
fn blocked(model: &Model, bucket: &ResourceInstance, setting: &str) -> Option<bool> {
    let (blocks, maybe) =
        s3::companions(model, bucket, "aws_s3_bucket_public_access_block", "bucket");
    let mut unknown = maybe;
    for (b, _) in blocks {
        match bool_attr(&b.body, setting) {
            Ok(Some(true)) => return Some(true),
            Ok(_) => {}
            Err(_) => unknown = true,
        }
    }
    (!unknown).then_some(false)
}

check! {
    judge = bucket_public,
    meta = r#"
id = "aws-cloudtrail-bucket-public"
title = "CloudTrail destination bucket is publicly accessible"
severity = "critical"
area = "monitoring"
resources = ["aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_acl", "aws_s3_bucket_policy"]
aliases = ["AVD-AWS-0161", "aws-cloudtrail-no-public-log-access"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-6",
]
description = """
The bucket the trail writes to (`s3_bucket_name`, followed by reference or by the
bucket's name to an `aws_s3_bucket` of this configuration) is public: a canned ACL
`public-read`, `public-read-write` or `authenticated-read` (inline `acl` or an
`aws_s3_bucket_acl`), or a bucket policy with an Allow for any principal without a
limiting condition (the analysis of `aws-s3-bucket-policy-public`). The audit log then
tells anyone which principals exist, what they do and from where.

An `aws_s3_bucket_public_access_block` of the bucket with `ignore_public_acls = true`
neutralises public ACLs, and one with `restrict_public_buckets = true` public policies.
A destination bucket not declared in this configuration is undecided. ACL grants
(`grant` blocks) are not examined here; `aws-s3-bucket-acl-public-read` reports them.
"""
remediation = """
Keep the trail's bucket private and block public access to it.

```hcl
resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
```
"""
"#
}
/// `aws-cloudtrail-bucket-public` (MON-06): the destination bucket has a public canned
/// ACL or a policy that allows anyone, and no public access block neutralises it.
pub fn bucket_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    let s3 = s3::S3Policies::of(ctx.policies());
    for index in ctx.indexes() {
        for trail in index.resources("aws_cloudtrail") {
            let Some((bucket, attr)) = destination(check, index, trail, out) else {
                continue;
            };
            let (why, undecided) = bucket_publicity(model, &s3, bucket);
            if why.is_empty() {
                if let Some(reason) = undecided {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(trail),
                        span: attr.span,
                        reason,
                    });
                }
                continue;
            }
            out.findings.push(Finding::new(
                check,
                trail,
                format!(
                    "the trail writes its logs to {}, which is publicly accessible",
                    bucket.address
                ),
                attr.span,
                "s3_bucket_name",
                why,
            ));
        }
    }
}

/// What makes `bucket` public, as related locations (a public canned ACL, a policy
/// statement open to anyone), unless a public access block neutralises it; and why that
/// is undecided when it may be.
fn bucket_publicity(
    model: &Model,
    s3: &s3::S3Policies<'_>,
    bucket: &ResourceInstance,
) -> (Vec<Related>, Option<String>) {
    let mut why: Vec<Related> = Vec::new();
    let mut undecided: Option<String> = None;
    if blocked(model, bucket, "ignore_public_acls") != Some(true) {
        for (setter, acl) in s3::public_acls(model, bucket) {
            why.push(Related {
                span: acl.span,
                message: format!(
                    "{} gives the bucket the {} canned ACL",
                    setter.address,
                    acl.value.as_str().unwrap_or_default()
                ),
            });
        }
    }
    if blocked(model, bucket, "restrict_public_buckets") != Some(true) {
        let (located, maybe) = s3.of_bucket(model, bucket);
        if maybe {
            undecided =
                Some("an aws_s3_bucket_policy names a bucket known only after apply".into());
        }
        for l in &located {
            public_statements(l, &mut why, &mut undecided);
        }
    }
    (why, undecided)
}

/// Adds the statements of a bucket policy that allow anyone to `why` (on a partly known
/// policy, those of its least permissive reading), and sets `undecided` when the policy
/// may allow anyone.
fn public_statements(l: &Located<'_>, why: &mut Vec<Related>, undecided: &mut Option<String>) {
    match &l.content {
        Content::Policy(p) => {
            for s in iam::any_principal_without_limiting_condition(p) {
                why.push(Related {
                    span: l.attr.span,
                    message: format!(
                        "{} of {} allows {} to any principal",
                        s.name(),
                        l.resource.address,
                        iam::describe_actions(s)
                    ),
                });
            }
        }
        Content::Partial(r, reason) => {
            for s in iam::any_principal_without_limiting_condition(&r.least) {
                why.push(Related {
                    span: l.attr.span,
                    message: show_holes(&format!(
                        "{} of {} allows {} to any principal",
                        s.name(),
                        l.resource.address,
                        iam::describe_actions(s)
                    ))
                    .into_owned(),
                });
            }
            if !iam::any_principal_without_limiting_condition(&r.most).is_empty() {
                *undecided = Some(reason.clone());
            }
        }
        Content::Unknown(reason) => *undecided = Some(reason.clone()),
        Content::Invalid(_) => {}
    }
}

check! {
    judge = bucket_access_logging,
    meta = r#"
id = "aws-cloudtrail-bucket-access-logging-disabled"
title = "CloudTrail destination bucket has no access logging"
severity = "low"
area = "monitoring"
resources = ["aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_logging"]
aliases = ["AVD-AWS-0163", "aws-cloudtrail-require-bucket-access-logging"]
references = [
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerAccessLogs.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7",
]
description = """
The bucket the trail writes to records no server access log (no inline `logging` block
and no `aws_s3_bucket_logging` that refers to it), so nobody can tell who read, copied
or deleted the audit log — the first thing an intruder looks at. The finding sits on
the trail's `s3_bucket_name`, followed by reference or by name to an `aws_s3_bucket`
of this configuration; a bucket declared elsewhere is undecided.
"""
remediation = """
Log access to the trail's bucket into a separate log bucket.

```hcl
resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}
```
"""
"#
}
/// `aws-cloudtrail-bucket-access-logging-disabled` (MON-07).
pub fn bucket_access_logging(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for index in ctx.indexes() {
        for trail in index.resources("aws_cloudtrail") {
            let Some((bucket, attr)) = destination(check, index, trail, out) else {
                continue;
            };
            if bucket.body.blocks("logging").next().is_some() {
                continue;
            }
            let (logging, maybe) = s3::companions(model, bucket, "aws_s3_bucket_logging", "bucket");
            if !logging.is_empty() {
                continue;
            }
            if maybe {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(trail),
                    span: attr.span,
                    reason: "an aws_s3_bucket_logging names a bucket known only after apply".into(),
                });
                continue;
            }
            out.findings.push(Finding::new(
                check,
                trail,
                format!(
                    "the trail's bucket {} records no server access log: reads of the audit log leave no trace",
                    bucket.address
                ),
                attr.span,
                "s3_bucket_name",
                vec![Related {
                    span: bucket.header,
                    message: "no logging block and no aws_s3_bucket_logging".into(),
                }],
            ));
        }
    }
}

/// Which S3 object-level data events a trail records: (reads, writes), or why that is
/// known only after apply.
fn s3_data_events(body: &Body) -> Result<(bool, bool), String> {
    let mut reads = false;
    let mut writes = false;
    let text = |b: &Body, name: &str| -> Result<Option<String>, String> {
        match b.attr(name) {
            None => Ok(None),
            Some(a) if a.value.has_unknown() => Err(format!("{name} is known only after apply")),
            Some(a) => Ok(a.value.to_template_string()),
        }
    };
    for sel in body.blocks("event_selector") {
        let records = sel.body.blocks("data_resource").try_fold(false, |acc, d| {
            Ok::<bool, String>(acc || text(&d.body, "type")?.as_deref() == Some("AWS::S3::Object"))
        })?;
        if !records {
            continue;
        }
        // `read_write_type` defaults to All.
        match text(&sel.body, "read_write_type")?.as_deref() {
            Some("ReadOnly") => reads = true,
            Some("WriteOnly") => writes = true,
            _ => (reads, writes) = (true, true),
        }
    }
    for sel in body.blocks("advanced_event_selector") {
        let mut category = false;
        let mut s3_object = false;
        let mut read_only: Option<Vec<String>> = None;
        for f in sel.body.blocks("field_selector") {
            let field = text(&f.body, "field")?.unwrap_or_default();
            let Some(equals) = f.body.attr("equals") else {
                continue;
            };
            if equals.value.has_unknown() {
                return Err(format!("{field} selector is known only after apply"));
            }
            let values: Vec<String> = elements(&equals.value)
                .into_iter()
                .filter_map(|v| v.to_template_string())
                .collect();
            match field.as_str() {
                "eventCategory" => category = values.iter().any(|v| v == "Data"),
                "resources.type" => s3_object = values.iter().any(|v| v == "AWS::S3::Object"),
                "readOnly" => read_only = Some(values),
                _ => {}
            }
        }
        if !(category && s3_object) {
            continue;
        }
        match read_only.as_deref() {
            Some([v]) if v == "true" => reads = true,
            Some([v]) if v == "false" => writes = true,
            _ => (reads, writes) = (true, true),
        }
    }
    Ok((reads, writes))
}

check! {
    judge = no_s3_data_events,
    meta = r#"
id = "aws-cloudtrail-no-s3-data-events"
title = "No trail records S3 object-level data events"
severity = "low"
area = "monitoring"
resources = ["aws_cloudtrail"]
aliases = [
  "AVD-AWS-0171",
  "aws-s3-enable-object-write-logging",
  "AVD-AWS-0172",
  "aws-s3-enable-object-read-logging",
]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-22",
]
description = """
CloudTrail records management events by default; reads and writes of S3 objects
(`GetObject`, `PutObject`, `DeleteObject`) are data events that a trail records only
when asked. Without them there is no record of which objects were read or changed, by
whom — the evidence an investigation of a data leak needs.

The configuration is judged as a whole, because one trail recording the events is
enough: a trail records them with an `event_selector` holding a `data_resource` of type
`AWS::S3::Object` (`read_write_type` defaults to `All`), or an `advanced_event_selector`
with `eventCategory = Data` and `resources.type = AWS::S3::Object` (and optionally
`readOnly`). When reads, writes or both are recorded by no trail, every trail of the
configuration gets the finding. Configurations without a trail are not judged.
"""
remediation = """
Record S3 object-level events on a trail.

```hcl
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
```
"""
"#
}
/// `aws-cloudtrail-no-s3-data-events` (MON-08): judged per configuration, since any one
/// trail recording the events is enough; reported on each of its trails.
pub fn no_s3_data_events(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    for index in ctx.indexes() {
        let trails: Vec<&ResourceInstance> = index.resources("aws_cloudtrail").collect();
        let (mut reads, mut writes) = (false, false);
        let mut undecided = None;
        for t in &trails {
            match s3_data_events(&t.body) {
                Ok((r, w)) => {
                    reads |= r;
                    writes |= w;
                }
                Err(reason) => undecided = Some(reason),
            }
        }
        let missing = match (reads, writes) {
            (true, true) => continue,
            (true, false) => "write",
            (false, true) => "read",
            (false, false) => "read and write",
        };
        for t in trails {
            if let Some(reason) = &undecided {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(t),
                    span: t.header,
                    reason: reason.clone(),
                });
                continue;
            }
            out.findings.push(Finding::new(
                check,
                t,
                format!(
                    "no trail in this configuration records S3 object-level {missing} data events"
                ),
                t.header,
                "event_selector",
                vec![],
            ));
        }
    }
}

/// Whether a trail delivers global service events (IAM, STS, CloudFront…):
/// `include_global_service_events` and `enable_logging` both default to `true`.
fn records_global_events(trail: &ResourceInstance) -> Result<bool, String> {
    let include = bool_attr(&trail.body, "include_global_service_events")?.unwrap_or(true);
    let logging = bool_attr(&trail.body, "enable_logging")?.unwrap_or(true);
    Ok(include && logging)
}

check! {
    judge = no_global_service_events,
    meta = r#"
id = "aws-cloudtrail-no-global-service-events"
title = "No trail records global service events"
severity = "medium"
area = "monitoring"
resources = ["aws_cloudtrail"]
aliases = []
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events",
  "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html",
]
description = """
The trail sets `include_global_service_events = false`, and no other trail of the
configuration records those events: the API calls of global services — IAM (users,
roles, policies, access keys), STS through its global endpoint, CloudFront, Route 53 —
are in no log, so an intruder creating a user or attaching a policy for persistence
leaves no trace. The provider default is `true`.

AWS advises delivering global service events to one trail only, to avoid duplicate
events, so a trail without them is not reported when another trail of the same
configuration records them (it includes them and its logging is on). A trail of another
configuration or an organization trail cannot be seen here.
"""
remediation = """
Include global service events, in this trail or in one other.

```hcl
resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = true
  include_global_service_events = true
}
```
"""
"#
}
/// `aws-cloudtrail-no-global-service-events`: a trail that leaves out global service
/// events, when no other trail of the configuration records them. AWS delivers the
/// events of global services (IAM, STS, CloudFront) to trails that include them, and
/// advises keeping them in one trail only, to avoid duplicates; so a trail without them
/// is fine when another one of the same root has them.
/// <https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events>
pub fn no_global_service_events(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    for index in ctx.indexes() {
        let trails: Vec<&ResourceInstance> = index.resources("aws_cloudtrail").collect();
        for (i, trail) in trails.iter().enumerate() {
            let Some(attr) = trail.body.attr("include_global_service_events") else {
                continue;
            };
            let mut undecided = match bool_attr(&trail.body, "include_global_service_events") {
                Ok(Some(false)) => None,
                Ok(_) => continue,
                Err(reason) => Some(reason),
            };
            let mut covered = false;
            for (_, other) in trails.iter().enumerate().filter(|(j, _)| *j != i) {
                match records_global_events(other) {
                    Ok(records) => covered |= records,
                    Err(reason) => {
                        undecided.get_or_insert(format!("{}: {reason}", other.address));
                    }
                }
            }
            if covered {
                continue;
            }
            if let Some(reason) = undecided {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(trail),
                    span: attr.span,
                    reason,
                });
                continue;
            }
            out.findings.push(Finding::new(
                check,
                trail,
                "the trail leaves out global service events (IAM, STS, CloudFront), and no other trail in this configuration records them".into(),
                attr.span,
                "include_global_service_events",
                provenance(&attr.value, attr.span, None),
            ));
        }
    }
}
