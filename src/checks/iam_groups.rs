//! Checks on IAM groups and the policies that reach them: inline group policies,
//! managed policies attached by `aws_iam_group_policy_attachment` or
//! `aws_iam_policy_attachment`.

use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::iam::Policy;
use crate::iam::locate::{Content, Located};
use crate::model::{Attr, ResourceInstance};
use crate::network::refs::{Index, Target, elements};
use crate::source::Span;

/// What is known about one policy that applies to a group.
enum GroupPolicy<'m> {
    /// Declared here and parsed.
    Known(&'m Policy, Span, String),
    /// An AWS-managed policy (`arn:aws:iam::aws:policy/…`): none carries an MFA condition.
    AwsManaged(Span, String),
    /// Known only after apply, or declared outside this configuration.
    Undecided(String),
}

/// Whether `target` is `group`; undecided targets are reported through `undecided`.
fn names_group(
    target: &Target<'_>,
    group: &ResourceInstance,
    undecided: &mut Option<String>,
) -> bool {
    match target {
        Target::Resource(g) => g.address == group.address,
        Target::Literal(_) => false,
        Target::Unknown(reason) => {
            undecided.get_or_insert(format!(
                "a policy names a group known only after apply: {reason}"
            ));
            false
        }
    }
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

/// The policy a `policy_arn` names.
fn attached<'a>(index: &Index<'_>, located: &'a [Located<'_>], arn: &Attr) -> GroupPolicy<'a> {
    match index.resolve(&arn.value, &["aws_iam_policy"], &["arn"]) {
        Target::Resource(p) => located
            .iter()
            .find(|l| l.resource.address == p.address && l.resource.root == p.root)
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

/// Every policy that applies to `group`.
fn group_policies<'a>(
    index: &Index<'_>,
    located: &'a [Located<'_>],
    group: &ResourceInstance,
) -> Vec<GroupPolicy<'a>> {
    let mut out = Vec::new();
    let mut undecided = None;
    let group_types = ["aws_iam_group"];
    for gp in index.resources("aws_iam_group_policy") {
        let Some(link) = index.resolve_attr(&gp.body, "group", &group_types, &["name"]) else {
            continue;
        };
        if names_group(&link.target, group, &mut undecided) {
            out.extend(
                located
                    .iter()
                    .filter(|l| l.resource.address == gp.address && l.resource.root == gp.root)
                    .map(from_located),
            );
        }
    }
    for att in index.resources("aws_iam_group_policy_attachment") {
        let (Some(link), Some(arn)) = (
            index.resolve_attr(&att.body, "group", &group_types, &["name"]),
            att.body.attr("policy_arn"),
        ) else {
            continue;
        };
        if names_group(&link.target, group, &mut undecided) {
            out.push(attached(index, located, arn));
        }
    }
    for att in index.resources("aws_iam_policy_attachment") {
        let (Some(groups), Some(arn)) = (att.body.attr("groups"), att.body.attr("policy_arn"))
        else {
            continue;
        };
        let mut hit = false;
        for v in elements(&groups.value) {
            let target = index.resolve(v, &group_types, &["name"]);
            hit |= names_group(&target, group, &mut undecided);
        }
        if hit {
            out.push(attached(index, located, arn));
        }
    }
    if let Some(reason) = undecided {
        out.push(GroupPolicy::Undecided(reason));
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

register!("aws-iam-group-no-mfa", group_no_mfa);
/// `aws-iam-group-no-mfa` (IAM-20): no policy of the group has a condition on
/// `aws:MultiFactorAuthPresent` (or `aws:MultiFactorAuthAge`). Groups without any policy
/// grant nothing and are not judged.
pub fn group_no_mfa(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let located = ctx.policies();
    for index in ctx.indexes() {
        for group in index.resources("aws_iam_group") {
            let found = group_policies(index, located, group);
            if found.is_empty() {
                continue;
            }
            let mut undecided = None;
            let mut related = Vec::new();
            let mut mfa = false;
            for p in &found {
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
