//! Checks on IAM groups and the policies that reach them: inline group policies,
//! managed policies attached by `aws_iam_group_policy_attachment` or
//! `aws_iam_policy_attachment`.

use std::sync::Arc;

use foldhash::HashMap;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::iam::Policy;
use crate::iam::{Content, Located};
use crate::model::{Attr, ResourceInstance};
use crate::network::{Index, Target, elements};
use crate::source::Span;

/// What is known about one policy that applies to a group.
#[derive(Clone)]
enum GroupPolicy<'m> {
    /// Declared here and parsed.
    Known(&'m Policy, Span, String),
    /// An AWS-managed policy (`arn:aws:iam::aws:policy/…`): none carries an MFA condition.
    AwsManaged(Span, String),
    /// Known only after apply, or declared outside this configuration.
    Undecided(String),
}

fn from_located<'a>(l: &'a Located<'_>) -> GroupPolicy<'a> {
    let what = format!("the {} of {}", l.attribute, l.resource.address);
    match &l.content {
        Content::Policy(p) => GroupPolicy::Known(p, l.attr.span, what),
        // An MFA condition in the most permissive reading is there whatever the unknown
        // parts hold; none even in the least permissive reading is certainly none.
        Content::Partial(r, reason) => {
            if requires_mfa(&r.most) {
                GroupPolicy::Known(&r.most, l.attr.span, what)
            } else if !requires_mfa(&r.least) {
                GroupPolicy::Known(&r.least, l.attr.span, what)
            } else {
                GroupPolicy::Undecided(reason.clone())
            }
        }
        Content::Unknown(reason) => GroupPolicy::Undecided(reason.clone()),
        Content::Invalid(reason) => GroupPolicy::Undecided(format!("{what}: {reason}")),
    }
}

/// The located policies of the model by (root, address) of the resource that holds
/// them, in the order located; O(policies) to build.
type PoliciesOf<'a, 'm> = HashMap<(&'m str, &'m str), Vec<&'a Located<'m>>>;

fn policies_of<'a, 'm>(located: &'a [Located<'m>]) -> PoliciesOf<'a, 'm> {
    let mut by_resource: PoliciesOf<'a, 'm> = HashMap::default();
    for l in located {
        by_resource
            .entry((&l.resource.root, &l.resource.address))
            .or_default()
            .push(l);
    }
    by_resource
}

/// The policies one resource holds.
fn held_by<'p, 'a, 'm>(
    policies: &'p PoliciesOf<'a, 'm>,
    r: &'m ResourceInstance,
) -> &'p [&'a Located<'m>] {
    policies
        .get(&(&*r.root, &*r.address))
        .map_or(&[], Vec::as_slice)
}

/// The policy a `policy_arn` names.
fn attached<'a, 'm>(
    index: &Index<'m>,
    policies: &PoliciesOf<'a, 'm>,
    arn: &Attr,
) -> GroupPolicy<'a> {
    match index.resolve(&arn.value, &["aws_iam_policy"], &["arn"]) {
        Target::Resource(p) => held_by(policies, p)
            .first()
            .copied()
            .map(from_located)
            .unwrap_or_else(|| GroupPolicy::Undecided(format!("{} has no policy", p.address))),
        Target::Literal(a) if a.contains(":iam::aws:policy/") => {
            GroupPolicy::AwsManaged(arn.span, format!("the AWS-managed policy {a}"))
        }
        Target::Literal(a) => {
            GroupPolicy::Undecided(format!("policy {a} is not declared in this configuration"))
        }
        Target::Unknown(reason) => GroupPolicy::Undecided(format!("policy_arn: {reason}")),
    }
}

/// The policies that apply to each group of one root, by group address, in one pass over
/// the group policies and attachments: O(policies + attachments + groups they name).
///
/// A policy that names a group known only after apply may apply to any group: its
/// reason (the first such) ends every group's list, so no group is judged without it.
fn group_policies<'a, 'm>(
    index: &Index<'m>,
    policies: &PoliciesOf<'a, 'm>,
) -> HashMap<&'m str, Vec<GroupPolicy<'a>>> {
    let mut out: HashMap<&'m str, Vec<GroupPolicy<'a>>> = HashMap::default();
    let mut undecided: Option<String> = None;
    let group_types = ["aws_iam_group"];
    // The group a target names, if it is one of this root's.
    let mut named = |target: Target<'m>| match target {
        Target::Resource(g) => Some(&*g.address),
        Target::Literal(_) => None,
        Target::Unknown(reason) => {
            undecided.get_or_insert(format!(
                "a policy names a group known only after apply: {reason}"
            ));
            None
        }
    };
    for gp in index.resources("aws_iam_group_policy") {
        let Some(link) = index.resolve_attr(&gp.body, "group", &group_types, &["name"]) else {
            continue;
        };
        if let Some(group) = named(link.target) {
            out.entry(group)
                .or_default()
                .extend(held_by(policies, gp).iter().copied().map(from_located));
        }
    }
    for att in index.resources("aws_iam_group_policy_attachment") {
        let (Some(link), Some(arn)) = (
            index.resolve_attr(&att.body, "group", &group_types, &["name"]),
            att.body.attr("policy_arn"),
        ) else {
            continue;
        };
        if let Some(group) = named(link.target) {
            out.entry(group)
                .or_default()
                .push(attached(index, policies, arn));
        }
    }
    for att in index.resources("aws_iam_policy_attachment") {
        let (Some(groups), Some(arn)) = (att.body.attr("groups"), att.body.attr("policy_arn"))
        else {
            continue;
        };
        // Each group once, however often the list names it.
        let mut hit: Vec<&'m str> = Vec::new();
        for v in elements(&groups.value) {
            if let Some(group) = named(index.resolve(v, &group_types, &["name"]))
                && !hit.contains(&group)
            {
                hit.push(group);
            }
        }
        if hit.is_empty() {
            continue;
        }
        let policy = attached(index, policies, arn);
        for group in hit {
            out.entry(group).or_default().push(policy.clone());
        }
    }
    if let Some(reason) = undecided {
        for group in index.resources("aws_iam_group") {
            out.entry(&*group.address)
                .or_default()
                .push(GroupPolicy::Undecided(reason.clone()));
        }
    }
    out
}

/// Condition keys that make a statement depend on MFA.
const MFA_KEYS: [&str; 2] = ["aws:multifactorauthpresent", "aws:multifactorauthage"];

fn requires_mfa(p: &Policy) -> bool {
    p.statements.iter().any(|s| {
        s.conditions
            .iter()
            .any(|c| MFA_KEYS.contains(&c.key.to_ascii_lowercase().as_str()))
    })
}

check! {
    judge = group_no_mfa,
    meta = r#"
id = "aws-iam-group-no-mfa"
title = "IAM group policies do not require MFA"
severity = "medium"
area = "iam"
resources = [
  "aws_iam_group",
  "aws_iam_group_policy",
  "aws_iam_group_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_policy",
]
aliases = ["AVD-AWS-0123", "aws-iam-enforce-group-mfa"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent",
]
description = """
No policy that applies to the group makes its permissions depend on multi-factor
authentication, so a member's stolen password or access key is enough to use them.
A policy requires MFA when a statement has a condition on `aws:MultiFactorAuthPresent`
(typically a Deny of everything but MFA self-service when it is `false`) or
`aws:MultiFactorAuthAge`.

The group's policies are its inline `aws_iam_group_policy` resources and the managed
policies attached by `aws_iam_group_policy_attachment` or `aws_iam_policy_attachment`
(group named by reference or name; policy followed to its `aws_iam_policy` by reference
or ARN). AWS-managed policies carry no MFA condition. A policy known only after apply or
declared elsewhere makes the result undecided; groups with no policy grant nothing and
are not judged.
"""
remediation = """
Attach a policy that denies everything except MFA self-service without MFA.

```hcl
resource "aws_iam_group_policy" "require_mfa" {
  name  = "require-mfa"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyAllWithoutMFA"
      Effect    = "Deny"
      NotAction = ["iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
```
"""
"#
}
/// `aws-iam-group-no-mfa` (IAM-20): no policy of the group has a condition on
/// `aws:MultiFactorAuthPresent` (or `aws:MultiFactorAuthAge`). Groups without any policy
/// grant nothing and are not judged.
pub fn group_no_mfa(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let policies = policies_of(ctx.policies());
    for index in ctx.indexes() {
        let applying = group_policies(index, &policies);
        for group in index.resources("aws_iam_group") {
            let Some(found) = applying.get(&*group.address).filter(|f| !f.is_empty()) else {
                continue;
            };
            let mut undecided = None;
            let mut related = Vec::new();
            let mut mfa = false;
            for p in found {
                match p {
                    GroupPolicy::Known(policy, span, what) => {
                        mfa |= requires_mfa(policy);
                        related.push(Related {
                            span: *span,
                            message: format!("{what} has no MFA condition"),
                        });
                    }
                    GroupPolicy::AwsManaged(span, what) => related.push(Related {
                        span: *span,
                        message: format!("{what} has no MFA condition"),
                    }),
                    GroupPolicy::Undecided(reason) => {
                        undecided.get_or_insert(reason.clone());
                    }
                }
            }
            if mfa {
                continue;
            }
            if let Some(reason) = undecided {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(group),
                    span: group.header,
                    reason,
                });
                continue;
            }
            let n = related.len();
            out.findings.push(Finding::new(
                check,
                group,
                format!(
                    "none of the group's {n} {} requires MFA (no condition on aws:MultiFactorAuthPresent)",
                    if n == 1 { "policy" } else { "policies" }
                ),
                group.header,
                "policy",
                related,
            ));
        }
    }
}
