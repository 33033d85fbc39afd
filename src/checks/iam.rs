//! IAM and resource-policy checks on the policy analysis of [`crate::iam`].
//!
//! Each check reports once per policy attribute, at the attribute's expression, naming
//! the statement and what it allows; a policy that comes from a
//! `data "aws_iam_policy_document"` also points at the statement block. A policy known
//! only after apply is undecided, never guessed.

use std::sync::Arc;

use super::phrases::{capped, join_and};
use crate::check::{Check, Severity};
use crate::diag::{DiagKind, Diagnostic};
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, ResourceRef, UnknownResult, provenance};
use crate::iam::{self, Content, Located, Policy, PolicyKind, Reading, Statement};
use crate::model::{Attr, Block, Mode, Model, ResourceInstance};
use crate::source::Span;
use crate::value::{HOLE_ACCOUNT, HOLE_ANY, Partial, Value, has_hole, show_holes};

/// Runs `decide` on every policy of `kinds` (and, when given, of `services`); it returns
/// the offending statements with a message.
fn each_policy(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    kinds: &[PolicyKind],
    services: &[&str],
    out: &mut CheckResults,
    decide: impl Fn(&Policy) -> Option<(String, Vec<&Statement>)>,
) {
    each_policy_rated(check, ctx, kinds, services, out, |p| {
        decide(p).map(|(message, statements)| (message, statements, None))
    });
}

/// [`each_policy`] whose `decide` may also rate the finding above the check's severity.
fn each_policy_rated(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    kinds: &[PolicyKind],
    services: &[&str],
    out: &mut CheckResults,
    decide: impl Fn(&Policy) -> Option<(String, Vec<&Statement>, Option<Severity>)>,
) {
    for loc in ctx.policies().iter().filter(|l| kinds.contains(&l.kind)) {
        if !services.is_empty() && !services.contains(&loc.service) {
            continue;
        }
        match &loc.content {
            Content::Unknown(reason) => out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(loc.resource),
                span: loc.attr.span,
                reason: reason.clone(),
            }),
            Content::Invalid(reason) => out.diagnostics.push(Diagnostic::new(
                DiagKind::Check,
                format!(
                    "{}: {reason}; the policy checks cannot judge it",
                    loc.resource.address
                ),
                Some(loc.attr.span),
            )),
            Content::Policy(p) => {
                if let Some((message, statements, severity)) = decide(p) {
                    report(check, loc, message, &statements, severity, out);
                }
            }
            // Too permissive in its least permissive reading: too permissive whatever its
            // unknown parts hold. Fine in its most permissive reading: fine whatever they
            // hold. Otherwise the unknown parts decide. When both readings are the same
            // policy, `decide` (a function of the policy) has already answered for both.
            Content::Partial(readings, reason) => {
                if let Some((message, statements, severity)) = decide(&readings.least) {
                    report(check, loc, message, &statements, severity, out);
                } else if !readings.same() && decide(&readings.most).is_some() {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(loc.resource),
                        span: loc.attr.span,
                        reason: reason.clone(),
                    });
                }
            }
        }
    }
}

fn report(
    check: &Arc<Check>,
    loc: &Located<'_>,
    message: String,
    statements: &[&Statement],
    severity: Option<Severity>,
    out: &mut CheckResults,
) {
    let mut related = Vec::new();
    for s in statements {
        for r in loc.related(s) {
            if !related.contains(&r) {
                related.push(r);
            }
        }
    }
    let mut finding = Finding::new(
        check,
        loc.resource,
        show_holes(&message).into_owned(),
        loc.attr.span,
        &loc.attribute,
        related,
    );
    if let Some(severity) = severity.filter(|s| *s > finding.severity) {
        finding.severity = severity;
    }
    out.findings.push(finding);
}

const IDENTITY: &[PolicyKind] = &[PolicyKind::Identity];

fn not_admin(p: &Policy) -> bool {
    iam::is_full_admin(p).is_none()
}

check! {
    judge = full_admin,
    meta = r#"
id = "aws-iam-policy-full-admin"
title = "Policy grants full administrator access"
severity = "high"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0057", "aws-iam-no-policy-wildcards", "CKV_AWS_62", "CKV_AWS_1"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
An Allow statement whose actions cover every action (`"*"`, `"*:*"`, or a `NotAction`
that excludes nothing real) on every resource makes whoever holds the policy an
administrator of the account: they can read every secret, delete every resource and
grant themselves anything else. Deny statements with conditions may not apply and do
not reduce the finding; an unconditional Deny on every resource does.
"""
remediation = '''
Grant the actions the workload needs on the resources it uses.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-full-admin` (IAM-01).
pub fn full_admin(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        let s = iam::is_full_admin(p)?;
        Some((
            format!(
                "{} allows {} on every resource",
                s.name(),
                iam::describe_actions(s)
            ),
            vec![s],
        ))
    });
}

check! {
    judge = wildcard_action,
    meta = r#"
id = "aws-iam-policy-wildcard-action"
title = "Policy uses wildcard actions ('*' or 'service:*')"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0057", "aws-iam-no-policy-wildcards", "CKV_AWS_63", "CKV_AWS_49"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
An Allow statement lists a service-wide wildcard such as `s3:*`: it grants every action
of the service, including ones added later and destructive or permission-changing ones.
Policies already reported as full administrator access are not reported again here.
"""
remediation = '''
List the actions explicitly.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-wildcard-action` (IAM-02): service-wide wildcards, unless the policy
/// is already a full administrator policy.
///
/// One root cause, one finding: the sensitive actions a wildcard grants on every
/// resource (`ec2:*` grants `ec2:GetPasswordData`) are named in this finding, at the
/// severity of the gravest, instead of once more by each check of [`CONSEQUENCES`]; those
/// checks report what the policy grants beyond its wildcards, and everything when this
/// check does not run.
pub fn wildcard_action(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy_rated(check, ctx, IDENTITY, &[], out, |p| {
        if !not_admin(p) {
            return None;
        }
        let found = iam::allows_wildcard_action(p);
        let (first, pats) = found.first()?;
        let mut msg = format!(
            "{} allows {} on {}",
            first.name(),
            pats.join(", "),
            iam::describe_resources(first)
        );
        if found.len() > 1 {
            msg.push_str(&format!(
                " ({} more statements use wildcard actions)",
                found.len() - 1
            ));
        }
        let (implied, severity) = implied_by_wildcards(ctx, p);
        if !implied.is_empty() {
            msg.push_str(&format!(", which grants {}", join_and(&implied)));
        }
        Some((msg, found.iter().map(|(s, _)| *s).collect(), severity))
    });
}

/// A check about sensitive actions on every resource, which a service-wide wildcard may
/// grant: its id, what the actions are for, the actions of a policy it reports, and the
/// fixed list of single actions it looks for (empty when it judges otherwise).
struct Consequence {
    id: &'static str,
    what: &'static str,
    actions: fn(&Policy) -> Vec<String>,
    list: &'static [&'static str],
}

const CONSEQUENCES: &[Consequence] = &[
    Consequence {
        id: "aws-iam-policy-credentials-exposure",
        what: "credentials exposure",
        actions: |p| granted_names(p, CREDENTIALS),
        list: CREDENTIALS,
    },
    Consequence {
        id: "aws-iam-policy-privilege-escalation",
        what: "a privilege-escalation path",
        actions: |p| {
            let mut actions: Vec<String> = Vec::new();
            for (path, _) in iam::privilege_escalations(p) {
                for a in path {
                    if !actions.iter().any(|x| x == a) {
                        actions.push(a.to_string());
                    }
                }
            }
            actions
        },
        list: &[],
    },
    Consequence {
        id: "aws-iam-policy-permissions-management",
        what: "permissions management",
        actions: |p| granted_names(p, PERMISSIONS),
        list: PERMISSIONS,
    },
    Consequence {
        id: "aws-iam-policy-data-exfiltration",
        what: "data exfiltration",
        actions: |p| granted_names(p, EXFILTRATION),
        list: EXFILTRATION,
    },
    Consequence {
        id: "aws-iam-policy-full-iam-access",
        what: "every IAM action",
        actions: |p| {
            full_iam(p)
                .map(|_| vec!["iam:*".to_string()])
                .unwrap_or_default()
        },
        list: &[],
    },
    Consequence {
        id: "aws-iam-policy-passrole-any-role",
        what: "passing any role",
        actions: |p| {
            iam::allows_on_all(p, "iam:PassRole")
                .map(|_| vec!["iam:PassRole".to_string()])
                .unwrap_or_default()
        },
        list: &["iam:PassRole"],
    },
    Consequence {
        id: "aws-iam-policy-s3-full-access",
        what: "every S3 action",
        actions: |p| {
            s3_full(p)
                .map(|_| vec!["s3:*".to_string()])
                .unwrap_or_default()
        },
        list: &[],
    },
];

// Each consequence's actions are kept per policy in a slot of its own.
const _: () = assert!(CONSEQUENCES.len() <= iam::ACTION_SLOTS);

const WILDCARD_ACTION: &str = "aws-iam-policy-wildcard-action";

/// What the policy's service-wide wildcards alone grant, for each consequence check that
/// runs (`ec2:GetPasswordData (credentials exposure)`), and the gravest severity among
/// those checks.
fn implied_by_wildcards(ctx: &Context<'_>, p: &Policy) -> (Vec<String>, Option<Severity>) {
    let reduced = p.without_wildcards();
    let patterns: Vec<&str> = iam::allows_wildcard_action(p)
        .into_iter()
        .flat_map(|(_, pats)| pats)
        .collect();
    let mut implied = Vec::new();
    let mut severity = None;
    for (slot, c) in CONSEQUENCES.iter().enumerate() {
        if !ctx.runs(c.id) {
            continue;
        }
        let beyond = reduced.actions_by(slot, c.actions);
        let only_wildcards: Vec<String> = p
            .actions_by(slot, c.actions)
            .iter()
            .filter(|a| !beyond.contains(a))
            .cloned()
            .collect();
        if only_wildcards.is_empty() {
            continue;
        }
        severity = severity.max(ctx.severity_of(c.id));
        // `iam:*` granting every IAM action says nothing the wildcard does not.
        let named: Vec<String> = only_wildcards
            .into_iter()
            .filter(|a| !patterns.iter().any(|p| p.eq_ignore_ascii_case(a)))
            .collect();
        if !named.is_empty() {
            implied.push(format!("{} ({})", join_and(&capped(named)), c.what));
        }
    }
    (implied, severity)
}

/// Runs a consequence check's `decide` on what the policy grants beyond its service-wide
/// wildcards when `aws-iam-policy-wildcard-action` runs (that finding names what the
/// wildcards grant), on the whole policy otherwise.
fn beyond_wildcards<'p>(
    ctx: &Context<'_>,
    p: &'p Policy,
    decide: impl for<'a> Fn(&'a Policy) -> Option<(String, Vec<&'a Statement>)>,
) -> Option<(String, Vec<&'p Statement>)> {
    if !ctx.runs(WILDCARD_ACTION) || iam::allows_wildcard_action(p).is_empty() {
        return decide(p);
    }
    let (message, statements) = decide(p.without_wildcards())?;
    let indexes: Vec<usize> = statements.iter().map(|s| s.index).collect();
    Some((
        message,
        p.statements
            .iter()
            .filter(|s| indexes.contains(&s.index))
            .collect(),
    ))
}

check! {
    judge = full_iam_access,
    meta = r#"
id = "aws-iam-policy-full-iam-access"
title = "Policy grants full IAM control (iam:*)"
severity = "high"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["CKV2_AWS_40"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
An Allow statement covers every IAM action (`iam:*`, or a wildcard that includes it)
on every resource. Full IAM control lets the holder create users, attach any policy
and so become an administrator.
"""
remediation = '''
Grant only the IAM actions needed, on specific roles or users.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["iam:GetRole"]
    resources = ["arn:aws:iam::123456789012:role/app-*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-full-iam-access` (IAM-06): every IAM action.
pub fn full_iam_access(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        beyond_wildcards(ctx, p, |p| {
            let s = full_iam(p)?;
            Some((
                format!(
                    "{} allows every IAM action ({}) on {}",
                    s.name(),
                    iam::describe_actions(s),
                    iam::describe_resources(s)
                ),
                vec![s],
            ))
        })
    });
}

/// The statement that grants every IAM action, in a policy that is not an administrator
/// policy and grants `iam:CreateUser` on every resource.
fn full_iam(p: &Policy) -> Option<&Statement> {
    if !not_admin(p) || iam::allows_on_all(p, "iam:CreateUser").is_none() {
        return None;
    }
    p.statements
        .iter()
        .find(|s| s.is_allow() && s.covers_whole_service("iam"))
}

check! {
    judge = privilege_escalation,
    meta = r#"
id = "aws-iam-policy-privilege-escalation"
title = "Policy enables privilege escalation paths"
severity = "high"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_286", "CKV_AWS_110"]
references = [
  "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
]
description = """
The policy grants, on every resource, a set of actions known to let a principal
raise its own privileges: `iam:CreatePolicyVersion`, `iam:Attach*Policy`,
`iam:Put*Policy`, `iam:UpdateAssumeRolePolicy` with `sts:AssumeRole`, `iam:PassRole`
together with creating compute (`lambda:CreateFunction` and invoking it,
`ec2:RunInstances`, `cloudformation:CreateStack`, `glue:CreateDevEndpoint`), and others.
Only unconditional Deny statements on every resource cancel a grant.
Every path the policy grants is named. One action, one finding: an action of a path
that another check also concerns (`iam:CreateAccessKey` exposes credentials,
`iam:PutRolePolicy` manages permissions) is reported here, naming that concern, at the
graver of the two severities; the credentials-exposure, permissions-management,
data-exfiltration, any-role PassRole and wildcard-resource checks report it only when
this check does not run.
"""
remediation = '''
Scope the actions to specific resources, and `iam:PassRole` to the roles the service needs.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/lambda-app"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-privilege-escalation` (IAM-07).
pub fn privilege_escalation(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let rated = std::cell::Cell::new(None);
    each_policy_rated(check, ctx, IDENTITY, &[], out, |p| {
        rated.set(None);
        let (message, statements) = beyond_wildcards(ctx, p, |p| {
            if !not_admin(p) {
                return None;
            }
            let paths = iam::privilege_escalations(p);
            if paths.is_empty() {
                return None;
            }
            let mut sts: Vec<&Statement> = Vec::new();
            let mut actions: Vec<&str> = Vec::new();
            for (path, granting) in &paths {
                for s in granting {
                    if !sts.iter().any(|x| x.index == s.index) {
                        sts.push(s);
                    }
                }
                actions.extend(path.iter().copied());
            }
            sts.sort_by_key(|s| s.index);
            let names: Vec<String> = sts.iter().map(|s| s.name()).collect();
            // A path of several actions reads `iam:PassRole with ec2:RunInstances`.
            let described: Vec<String> =
                paths.iter().map(|(path, _)| path.join(" with ")).collect();
            let (also, severity) = also_reported(ctx, &actions);
            rated.set(severity);
            Some((
                format!(
                    "{} {} {} on every resource, {}{also}",
                    join_and(&names),
                    if sts.len() == 1 { "allows" } else { "allow" },
                    join_and(&capped(described)),
                    if paths.len() == 1 {
                        "a privilege-escalation path"
                    } else {
                        "privilege-escalation paths"
                    }
                ),
                sts,
            ))
        })?;
        Some((message, statements, rated.get()))
    });
}

/// The order in which the checks about sensitive actions granted on every resource
/// claim an action: one root cause, one finding. `iam:CreateAccessKey` on every user is
/// both a privilege-escalation path and credentials exposure, and an action that could
/// name its resources; the first of these checks that runs and reports it names the
/// others' concerns, and the later ones (and `aws-iam-policy-wildcard-resource`) do not
/// report it again. When a check does not run, the next one reports the action.
const CLAIM_ORDER: &[&str] = &[
    "aws-iam-policy-privilege-escalation",
    "aws-iam-policy-credentials-exposure",
    "aws-iam-policy-permissions-management",
    "aws-iam-policy-data-exfiltration",
    "aws-iam-policy-passrole-any-role",
];

/// The actions of `p` that a check of [`CLAIM_ORDER`] ranked before `me` reports (all of
/// them when `me` is not in the list), among the checks that run.
/// Each check's actions are derived once per policy ([`Policy::actions_by`], slot = its
/// position in [`CONSEQUENCES`]): every later check of the order asks for them again.
fn claimed_before(ctx: &Context<'_>, p: &Policy, me: &str) -> Vec<String> {
    let mut claimed = Vec::new();
    for id in CLAIM_ORDER.iter().take_while(|id| **id != me) {
        if !ctx.runs(id) {
            continue;
        }
        if let Some((slot, c)) = CONSEQUENCES.iter().enumerate().find(|(_, c)| c.id == *id) {
            claimed.extend_from_slice(&p.actions_by(slot, c.actions));
        }
    }
    claimed
}

/// For a privilege-escalation path: what the later checks of [`CLAIM_ORDER`] that run
/// would have said about its actions (`, which also exposes credentials`), and the
/// gravest of their severities.
fn also_reported(ctx: &Context<'_>, path: &[&str]) -> (String, Option<Severity>) {
    let mut what = Vec::new();
    let mut severity = None;
    for c in CONSEQUENCES.iter().filter(|c| ctx.runs(c.id)) {
        let list = c.list;
        if path
            .iter()
            .any(|a| list.iter().any(|l| l.eq_ignore_ascii_case(a)))
        {
            what.push(c.what.to_string());
            severity = severity.max(ctx.severity_of(c.id));
        }
    }
    if what.is_empty() {
        return (String::new(), None);
    }
    (format!(" (also {})", join_and(&what)), severity)
}

/// The actions of `list` a policy that is not an administrator policy grants on every
/// resource.
fn granted_on_all<'p>(p: &'p Policy, list: &[&'static str]) -> Vec<(&'static str, &'p Statement)> {
    if !not_admin(p) {
        return Vec::new();
    }
    list.iter()
        .filter_map(|a| iam::allows_on_all(p, a).map(|s| (*a, s)))
        .collect()
}

/// The actions of `list` a policy grants on every resource, as text.
fn granted_names(p: &Policy, list: &[&'static str]) -> Vec<String> {
    granted_on_all(p, list)
        .into_iter()
        .map(|(a, _)| a.to_string())
        .collect()
}

/// Reports the actions of `list` a policy grants on every resource.
fn sensitive_actions(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
    list: &'static [&'static str],
    what: &'static str,
) {
    each_policy(check, ctx, IDENTITY, &[], out, move |p| {
        beyond_wildcards(ctx, p, |p| {
            let claimed = claimed_before(ctx, p, &check.id);
            let granted: Vec<_> = granted_on_all(p, list)
                .into_iter()
                .filter(|(a, _)| !claimed.iter().any(|c| c.eq_ignore_ascii_case(a)))
                .collect();
            if granted.is_empty() {
                return None;
            }
            let mut sts: Vec<&Statement> = Vec::new();
            for (_, s) in &granted {
                if !sts.iter().any(|x| x.index == s.index) {
                    sts.push(s);
                }
            }
            let actions: Vec<String> = granted.iter().map(|(a, _)| a.to_string()).collect();
            let names: Vec<String> = sts.iter().map(|s| s.name()).collect();
            Some((
                format!(
                    "{} {} {} on every resource ({what})",
                    join_and(&names),
                    if sts.len() == 1 { "allows" } else { "allow" },
                    join_and(&capped(actions))
                ),
                sts,
            ))
        })
    });
}

/// Actions that create or return credentials of other identities or of resources.
///
/// `ecr:GetAuthorizationToken` is not one: the token carries only the caller's own
/// ECR permissions, and the action has no resource type, so `"*"` is the only
/// resource it accepts (Service Authorization Reference, Amazon ECR).
const CREDENTIALS: &[&str] = &[
    "iam:CreateAccessKey",
    "iam:UpdateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "sts:GetFederationToken",
    // The administrator password of a Windows instance.
    "ec2:GetPasswordData",
    // Temporary database credentials, and a database's master password.
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "sso:GetRoleCredentials",
    "lightsail:GetInstanceAccessDetails",
];

check! {
    judge = credentials_exposure,
    meta = r#"
id = "aws-iam-policy-credentials-exposure"
title = "Policy exposes credentials (access keys, tokens) without constraints"
severity = "high"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_287", "CKV_AWS_107"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
The policy grants, on every resource, actions that create or return credentials:
`iam:CreateAccessKey`, `iam:UpdateLoginProfile`, `sts:GetFederationToken`,
`ec2:GetPasswordData` (Windows administrator passwords), `redshift:GetClusterCredentials`
and similar, whether named or matched by a pattern such as `ec2:*` or `ec2:Get*`.
`ecr:GetAuthorizationToken` is not reported: its token carries only the caller's own ECR
permissions, and the action accepts no resource but `"*"`.
An action a graver check of this family reports (privilege escalation before credentials
exposure, permissions management, data exfiltration and any-role PassRole, in that
order) is named there, not here.
"""
remediation = '''
Restrict the actions to specific users or resources, or remove them.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["iam:CreateAccessKey"]
    resources = ["arn:aws:iam::123456789012:user/${aws:username}"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-credentials-exposure` (IAM-08): actions of [`CREDENTIALS`], matched
/// through the policy's action patterns (`ec2:*` and `ec2:Get*` grant
/// `ec2:GetPasswordData`).
pub fn credentials_exposure(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    sensitive_actions(check, ctx, out, CREDENTIALS, "credentials exposure");
}

/// Actions that read data out of the account.
const EXFILTRATION: &[&str] = &[
    "s3:GetObject",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "rds:CopyDBSnapshot",
    "rds:CreateDBSnapshot",
];

check! {
    judge = data_exfiltration,
    meta = r#"
id = "aws-iam-policy-data-exfiltration"
title = "Policy allows data-exfiltration reads on all resources"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_288", "CKV_AWS_108"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
The policy grants, on every resource, reads that exfiltrate data: `s3:GetObject`,
`ssm:GetParameter*`, `secretsmanager:GetSecretValue`, `kms:Decrypt` and similar.
An action a graver check of this family reports (privilege escalation before credentials
exposure, permissions management, data exfiltration and any-role PassRole, in that
order) is named there, not here.
"""
remediation = '''
Scope the reads to the buckets, parameters and secrets the workload owns.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-data-exfiltration` (IAM-09).
pub fn data_exfiltration(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    sensitive_actions(check, ctx, out, EXFILTRATION, "data exfiltration");
}

/// Actions that change who may do what.
const PERMISSIONS: &[&str] = &[
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:CreatePolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "kms:PutKeyPolicy",
    "kms:CreateGrant",
    "sqs:AddPermission",
    "sns:AddPermission",
    "lambda:AddPermission",
    "ecr:SetRepositoryPolicy",
    "secretsmanager:PutResourcePolicy",
];

check! {
    judge = permissions_management,
    meta = r#"
id = "aws-iam-policy-permissions-management"
title = "Policy allows unconstrained permissions management / resource-policy changes"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_289", "CKV_AWS_109"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
The policy grants, on every resource, actions that change permissions: inline and
attached IAM policies, trust policies, bucket, key, queue, topic and repository
policies, grants and Lambda permissions.
An action a graver check of this family reports (privilege escalation before credentials
exposure, permissions management, data exfiltration and any-role PassRole, in that
order) is named there, not here.
"""
remediation = '''
Scope the actions to specific resources.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["s3:PutBucketPolicy"]
    resources = ["arn:aws:s3:::app-logs"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-permissions-management` (IAM-10).
pub fn permissions_management(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    sensitive_actions(check, ctx, out, PERMISSIONS, "permissions management");
}

check! {
    judge = passrole_any_role,
    meta = r#"
id = "aws-iam-policy-passrole-any-role"
title = "Policy allows iam:PassRole on any role"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0342", "aws-iam-filter-passrole-access", "CKV_AWS_286"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
]
description = """
`iam:PassRole` on `"*"` lets the holder hand any role in the account, including
administrator roles, to a service it controls.
An action a graver check of this family reports (privilege escalation before credentials
exposure, permissions management, data exfiltration and any-role PassRole, in that
order) is named there, not here.
"""
remediation = '''
Name the roles that may be passed, and the service with `iam:PassedToService`.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/lambda-app"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-passrole-any-role` (IAM-11).
pub fn passrole_any_role(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        beyond_wildcards(ctx, p, |p| {
            if !not_admin(p)
                || claimed_before(ctx, p, &check.id)
                    .iter()
                    .any(|a| a == "iam:PassRole")
            {
                return None;
            }
            let s = iam::allows_on_all(p, "iam:PassRole")?;
            Some((
                format!(
                    "{} allows iam:PassRole on every role ({})",
                    s.name(),
                    iam::describe_actions(s)
                ),
                vec![s],
            ))
        })
    });
}

check! {
    judge = s3_full_access,
    meta = r#"
id = "aws-iam-policy-s3-full-access"
title = "Policy grants broad S3 access on all buckets"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0345", "AVD-AWS-0346", "aws-iam-no-s3-full-access", "aws-iam-unauthorized-bucket-access"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
The policy grants every S3 action, or every `s3:Get*` and `s3:Put*` action, on every
bucket of the account.
"""
remediation = '''
Grant the object actions needed on the application's bucket.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-s3-full-access` (IAM-12): every S3 action, or every Get and Put
/// action, on every resource.
pub fn s3_full_access(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        beyond_wildcards(ctx, p, s3_full)
    });
}

/// The statements of a policy that grant every S3 action, or every Get and Put action,
/// on every resource, with the message that says so.
fn s3_full(p: &Policy) -> Option<(String, Vec<&Statement>)> {
    if !not_admin(p) || iam::allows_on_all(p, "s3:GetObject").is_none() {
        return None;
    }
    let all = |s: &&Statement| s.is_allow() && s.covers_every_resource();
    if let Some(s) = p
        .statements
        .iter()
        .filter(all)
        .find(|s| s.covers_whole_service("s3"))
    {
        return Some((
            format!(
                "{} allows every S3 action ({}) on every bucket",
                s.name(),
                iam::describe_actions(s)
            ),
            vec![s],
        ));
    }
    let covers = |s: &Statement, prefix: &str| {
        s.action
            .iter()
            .flatten()
            .any(|a| iam::covers_prefix(a, prefix, true))
    };
    let get = p
        .statements
        .iter()
        .filter(all)
        .find(|s| covers(s, "s3:Get"))?;
    let put = p
        .statements
        .iter()
        .filter(all)
        .find(|s| covers(s, "s3:Put"))?;
    let sts = if get.index == put.index {
        vec![get]
    } else {
        vec![get, put]
    };
    let names: Vec<String> = sts.iter().map(|s| s.name()).collect();
    Some((
        format!(
            "{} {} every s3:Get* and s3:Put* action on every bucket",
            join_and(&names),
            if sts.len() == 1 { "allows" } else { "allow" }
        ),
        sts,
    ))
}

check! {
    judge = allow_not_action,
    meta = r#"
id = "aws-iam-policy-allow-not-action"
title = "Policy allows with NotAction/NotResource"
severity = "medium"
area = "iam"
resources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_ssoadmin_permission_set_inline_policy", "data.aws_iam_policy_document"]
aliases = []
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
]
description = """
An Allow statement with `NotAction` grants every action except the listed ones,
including actions AWS adds later; `NotResource` grants on every resource except the
listed ones. Both are implicit wildcards.
"""
remediation = '''
Allow the actions and resources needed, explicitly.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
```
'''
"#
}
/// `aws-iam-policy-allow-not-action` (IAM-18).
pub fn allow_not_action(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        if !not_admin(p) {
            return None;
        }
        let s = p
            .statements
            .iter()
            .find(|s| s.is_allow() && (s.not_action.is_some() || s.not_resource.is_some()))?;
        let what = if s.not_action.is_some() {
            format!("{} (NotAction)", iam::describe_actions(s))
        } else {
            format!(
                "{} on every resource except {} (NotResource)",
                iam::describe_actions(s),
                s.not_resource.clone().unwrap_or_default().join(", ")
            )
        };
        Some((format!("{} allows {what}", s.name()), vec![s]))
    });
}

check! {
    judge = trust_any_principal,
    meta = r#"
id = "aws-iam-role-trust-any-principal"
title = "Role trust policy lets any AWS principal assume the role"
severity = "critical"
area = "iam"
resources = ["aws_iam_role", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_60"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html",
]
description = """
The trust policy allows `"*"` or `{"AWS": "*"}` without a condition that limits who
(`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`, …; not
`ForAllValues:` or `...IfExists` operators, `aws:username` or wildcard accounts): any
principal of any AWS account can assume the role.
"""
remediation = '''
Trust the accounts or roles that need the role.

```hcl
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/deployer"]
    }
  }
}
```
'''
"#
}
/// `aws-iam-role-trust-any-principal` (IAM-13).
pub fn trust_any_principal(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, &[PolicyKind::Trust], &[], out, |p| {
        let sts = iam::any_principal_without_limiting_condition(p);
        let s = *sts.first()?;
        Some((
            format!(
                "{} lets any AWS principal {} without a condition that limits who",
                s.name(),
                iam::describe_actions(s)
            ),
            sts,
        ))
    });
}

check! {
    judge = trust_account_root,
    meta = r#"
id = "aws-iam-role-trust-account-root"
title = "Role trust policy trusts a whole account root without conditions"
severity = "medium"
area = "iam"
resources = ["aws_iam_role", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_61"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
]
description = """
The trust policy names an account (`123456789012` or `arn:aws:iam::123456789012:root`)
without any condition: every principal of that account whose own policies allow
`sts:AssumeRole` can assume the role.
"""
remediation = '''
Trust a specific role, or add a condition such as MFA or an external id.

```hcl
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/deployer"]
    }
  }
}
```
'''
"#
}
/// `aws-iam-role-trust-account-root` (IAM-14): a whole account trusted without any
/// condition.
pub fn trust_account_root(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, &[PolicyKind::Trust], &[], out, |p| {
        p.statements.iter().find_map(|s| {
            if !s.is_allow() || s.has_conditions() {
                return None;
            }
            let root = s.principal.as_ref()?.ids("AWS").into_iter().find(|id| {
                let acct = id
                    .strip_prefix("arn:")
                    .and_then(|r| r.split_once(":iam::"))
                    .and_then(|(_, rest)| rest.strip_suffix(":root"))
                    .unwrap_or(id);
                // An account id known only after apply is an account all the same.
                acct == HOLE_ACCOUNT.to_string()
                    || (acct.len() == 12 && acct.chars().all(|c| c.is_ascii_digit()))
            })?;
            Some((
                format!(
                    "{} trusts every principal of account {root} without a condition",
                    s.name()
                ),
                vec![s],
            ))
        })
    });
}

/// The host of GitHub Actions' OIDC issuer.
const GITHUB_ISSUER: &str = "token.actions.githubusercontent.com";

check! {
    judge = github_oidc_unrestricted,
    meta = r#"
id = "aws-iam-role-github-oidc-unrestricted"
title = "GitHub Actions OIDC trust without a safe subject claim restriction"
severity = "critical"
area = "iam"
resources = ["aws_iam_role", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_358", "CKV_AWS_393"]
references = [
  "https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
]
description = """
A role trusts the GitHub Actions OIDC provider without a condition on
`token.actions.githubusercontent.com:sub` (or, for a GitHub Enterprise Cloud unique token
URL, `token.actions.githubusercontent.com/<enterprise>:sub`), or with one whose values do
not pin the repository owner (`*`, `repo:*`): a workflow in any GitHub repository can
assume it.
"""
remediation = '''
Pin the repository (and branch or environment) in the sub claim.

```hcl
data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:my-org/my-repo:ref:refs/heads/main"]
    }
  }
}
```
'''
"#
}
/// `aws-iam-role-github-oidc-unrestricted` (IAM-15).
pub fn github_oidc_unrestricted(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, &[PolicyKind::Trust], &[], out, |p| {
        p.statements.iter().find_map(|s| {
            let fed = s.principal.as_ref()?.ids("Federated");
            if !s.is_allow()
                || !fed
                    .iter()
                    .any(|f| iam::oidc_provider_host(f).eq_ignore_ascii_case(GITHUB_ISSUER))
            {
                return None;
            }
            // The sub claim of the github.com issuer or of an enterprise's custom issuer
            // (`token.actions.githubusercontent.com/<enterprise>:sub`).
            let subs: Vec<&iam::Condition> = s
                .conditions
                .iter()
                .filter(|c| {
                    iam::OidcKey::parse(&c.key).is_some_and(|k| {
                        k.host.eq_ignore_ascii_case(GITHUB_ISSUER)
                            && k.claim.eq_ignore_ascii_case("sub")
                    }) && !c.operator.to_ascii_lowercase().contains("not")
                        && !c.operator.to_ascii_lowercase().ends_with("ifexists")
                })
                .collect();
            if subs.is_empty() {
                return Some((
                    format!(
                        "{} trusts GitHub Actions OIDC tokens without a condition on the sub claim: any repository can assume the role",
                        s.name()
                    ),
                    vec![s],
                ));
            }
            let bad = subs
                .iter()
                .flat_map(|c| c.values.iter())
                .find(|v| !safe_github_subject(v))?;
            Some((
                format!(
                    "{} trusts GitHub Actions OIDC tokens whose sub claim matches {bad:?}, which does not pin a repository owner",
                    s.name()
                ),
                vec![s],
            ))
        })
    });
}

/// `repo:<owner>/<repo>…` with a literal owner.
fn safe_github_subject(v: &str) -> bool {
    let Some(rest) = v.strip_prefix("repo:") else {
        return false;
    };
    match rest.split_once('/') {
        Some((owner, _)) => !owner.is_empty() && !owner.contains(['*', '?']),
        None => false,
    }
}

/// Resource policies of `services` that allow anyone without a limiting condition.
fn public_resource_policy(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    services: &[&str],
    out: &mut CheckResults,
) {
    each_policy(check, ctx, &[PolicyKind::Resource], services, out, |p| {
        let sts = iam::any_principal_without_limiting_condition(p);
        let s = *sts.first()?;
        let mut msg = format!(
            "{} allows {} to any principal without a condition that limits who",
            s.name(),
            iam::describe_actions(s)
        );
        if sts.len() > 1 {
            msg.push_str(&format!(" ({} more statements do too)", sts.len() - 1));
        }
        Some((msg, sts))
    });
}

check! {
    judge = s3_bucket_policy_public,
    meta = r#"
id = "aws-s3-bucket-policy-public"
title = "S3 bucket policy allows any principal without a limiting condition"
severity = "critical"
area = "data"
resources = ["aws_s3_bucket_policy", "aws_s3_bucket", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_70"]
references = [
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed S3 actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-s3-bucket-policy-public` (DAT-03).
pub fn s3_bucket_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["s3"], out);
}

check! {
    judge = sns_topic_policy_public,
    meta = r#"
id = "aws-sns-topic-policy-public"
title = "SNS topic policy allows any principal"
severity = "critical"
area = "data"
resources = ["aws_sns_topic_policy", "aws_sns_topic", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_169"]
references = [
  "https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed SNS actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["sns:Publish"]
    resources = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-sns-topic-policy-public` (DAT-37).
pub fn sns_topic_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["sns"], out);
}

check! {
    judge = sqs_queue_policy_public,
    meta = r#"
id = "aws-sqs-queue-policy-public"
title = "SQS queue policy allows any principal"
severity = "critical"
area = "data"
resources = ["aws_sqs_queue_policy", "aws_sqs_queue", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_168", "CKV_AWS_387"]
references = [
  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed SQS actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-sqs-queue-policy-public` (DAT-40).
pub fn sqs_queue_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["sqs"], out);
}

check! {
    judge = ecr_repository_policy_public,
    meta = r#"
id = "aws-ecr-repository-policy-public"
title = "ECR repository policy allows public access"
severity = "critical"
area = "data"
resources = ["aws_ecr_repository_policy", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0032", "aws-ecr-no-public-access", "CKV_AWS_32"]
references = [
  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed ECR actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["ecr:BatchGetImage"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-ecr-repository-policy-public` (DAT-43).
pub fn ecr_repository_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["ecr"], out);
}

check! {
    judge = kms_key_policy_public,
    meta = r#"
id = "aws-kms-key-policy-public"
title = "KMS key policy grants access to any principal"
severity = "critical"
area = "encryption"
resources = ["aws_kms_key", "aws_kms_key_policy", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_33"]
references = [
  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed KMS actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-kms-key-policy-public` (ENC-02).
pub fn kms_key_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["kms"], out);
}

check! {
    judge = glacier_vault_policy_public,
    meta = r#"
id = "aws-glacier-vault-policy-public"
title = "Glacier vault access policy allows any principal"
severity = "critical"
area = "data"
resources = ["aws_glacier_vault", "data.aws_iam_policy_document"]
aliases = ["CKV_AWS_167"]
references = [
  "https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html",
]
description = """
The resource policy has an Allow statement for `"*"` or `{"AWS": "*"}` without a
condition that limits who (a positive condition on `aws:SourceArn`, `aws:SourceAccount`,
`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc(e)`, `aws:VpceAccount`,
`aws:SourceIp`, …; `ForAllValues:` and `...IfExists` operators, `aws:username` and
wildcard accounts do not limit): anyone, in any AWS account or anonymously where the
service allows, can perform the allowed Glacier actions.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["glacier:InitiateJob"]
    resources = ["arn:aws:glacier:eu-west-1:123456789012:vaults/archive"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-glacier-vault-policy-public` (DAT-54).
pub fn glacier_vault_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["glacier"], out);
}

check! {
    judge = ses_identity_policy_public,
    meta = r#"
id = "aws-ses-identity-policy-public"
title = "SES identity policy allows any principal"
severity = "high"
area = "application"
resources = ["aws_ses_identity_policy", "data.aws_iam_policy_document"]
aliases = []
references = [
  "https://docs.aws.amazon.com/ses/latest/dg/identity-authorization-policies.html",
  "https://docs.aws.amazon.com/ses/latest/dg/policy-anatomy.html",
  "https://docs.aws.amazon.com/ses/latest/dg/sending-authorization-identity-owner-tasks-information.html",
]
description = """
The identity's authorization policy has an Allow statement for `"*"` or `{"AWS": "*"}`
without a condition that limits who (a positive condition on `aws:SourceArn`,
`aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, …; `ForAllValues:`
and `...IfExists` operators and wildcard accounts do not limit). An identity policy
authorizes other senders to use a verified domain or address: granted to anyone, every
AWS account could send mail as the domain (`ses:SendEmail`, `ses:SendRawEmail`), with
its DKIM signature and its sending reputation, or manage the identity. SES documents
the principal of such a policy as a delegate sender's account, IAM user or an AWS
service; name that one.
"""
remediation = '''
Name the delegate sender, and limit what it may send.

```hcl
data "aws_iam_policy_document" "delegate" {
  statement {
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [aws_ses_domain_identity.example.arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringLike"
      variable = "ses:FromAddress"
      values   = ["marketing@example.com"]
    }
  }
}

resource "aws_ses_identity_policy" "delegate" {
  identity = aws_ses_domain_identity.example.arn
  name     = "delegate"
  policy   = data.aws_iam_policy_document.delegate.json
}
```
'''
"#
}
/// `aws-ses-identity-policy-public`: a sending authorization policy that lets anyone
/// send mail as the identity.
pub fn ses_identity_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["ses"], out);
}

check! {
    judge = sqs_queue_policy_wildcard_action,
    meta = r#"
id = "aws-sqs-queue-policy-wildcard-action"
title = "SQS queue policy allows all actions"
severity = "medium"
area = "data"
resources = ["aws_sqs_queue_policy", "aws_sqs_queue", "data.aws_iam_policy_document"]
aliases = ["AVD-AWS-0097", "aws-sqs-no-wildcards-in-policy-documents", "CKV_AWS_72"]
references = [
  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html",
]
description = """
An Allow statement of the queue policy covers every SQS action (`sqs:*` or `*`),
including deleting the queue, purging it and changing its policy.
"""
remediation = '''
List the queue actions the principals need.

```hcl
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
```
'''
"#
}
/// `aws-sqs-queue-policy-wildcard-action` (DAT-39).
pub fn sqs_queue_policy_wildcard_action(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
) {
    each_policy(check, ctx, &[PolicyKind::Resource], &["sqs"], out, |p| {
        let s = p
            .statements
            .iter()
            .find(|s| s.is_allow() && s.covers_whole_service("sqs"))?;
        Some((
            format!(
                "{} allows every SQS action ({})",
                s.name(),
                iam::describe_actions(s)
            ),
            vec![s],
        ))
    });
}

/// Managed-policy ARNs attached by a resource: (attribute, attr, ARNs known so far).
fn attached_arns(r: &ResourceInstance) -> Vec<(&'static str, &Attr)> {
    let attr = match &*r.rtype {
        "aws_iam_role_policy_attachment"
        | "aws_iam_user_policy_attachment"
        | "aws_iam_group_policy_attachment"
        | "aws_iam_policy_attachment" => "policy_arn",
        "aws_iam_role" => "managed_policy_arns",
        "aws_ssoadmin_managed_policy_attachment" => "managed_policy_arn",
        _ => return vec![],
    };
    r.body.attr(attr).map(|a| (attr, a)).into_iter().collect()
}

const ATTACHERS: &[&str] = &[
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_role",
    "aws_ssoadmin_managed_policy_attachment",
];

/// Whether a policy ARN names the AWS-managed policy `name`: `Some(true)` or `Some(false)`
/// when that is known, `None` when the unknown part of the ARN decides it. The ARN is read
/// as marked text: `arn:${partition}:iam::aws:policy/AdministratorAccess` names the policy
/// in every partition, and the ARN of a policy declared here (one concrete value known
/// after apply) names a customer-managed policy, never an AWS-managed one.
fn names_managed_policy(model: &Model, root: &str, v: &Value, name: &str) -> Option<bool> {
    // `data "aws_iam_policy"` looked up by name or ARN: judge what it looks up.
    if let Some(u) = v
        .first_unknown()
        .filter(|_| v.is_unknown() && v.partial().is_none())
        && let Some(target) = u.refers_to.as_deref()
    {
        match model.get_in(root, target) {
            Some(data) if data.mode == Mode::Data && &*data.rtype == "aws_iam_policy" => {
                return match (data.body.attr("arn"), data.body.attr("name")) {
                    (Some(arn), _) if !arn.value.is_null() => {
                        names_managed_policy(model, root, &arn.value, name)
                    }
                    (_, Some(n)) => n.value.as_str().map(|n| n == name),
                    _ => None,
                };
            }
            // Another data source may look up any policy.
            Some(data) if data.mode == Mode::Data => return None,
            // A policy declared here is customer-managed.
            _ => {}
        }
    }
    let text = v.marked_text()?;
    let Some((partition, policy)) = text
        .strip_prefix("arn:")
        .and_then(|r| r.split_once(":iam::aws:policy/"))
    else {
        return if text.contains(HOLE_ANY) {
            None
        } else {
            Some(false)
        };
    };
    let partition_ok = partition.starts_with("aws") || has_hole(partition);
    if has_hole(policy) {
        return None;
    }
    Some(partition_ok && policy == name)
}

fn managed_policy_attached(check: &Arc<Check>, model: &Model, out: &mut CheckResults, name: &str) {
    for rtype in ATTACHERS {
        for r in model.resources(rtype) {
            for (attribute, attr) in attached_arns(r) {
                let values: Vec<&Value> = match (attr.value.as_list(), attr.value.partial()) {
                    (Some(l), _) => l.iter().collect(),
                    (None, Some(Partial::Elements(items))) => items.iter().collect(),
                    _ => vec![&attr.value],
                };
                let mut hit = None;
                let mut unknown = None;
                for v in values {
                    match names_managed_policy(model, &r.root, v, name) {
                        Some(true) => {
                            hit = Some(v);
                            break;
                        }
                        Some(false) => {}
                        None => {
                            if unknown.is_none() {
                                unknown = Some(match v.first_unknown() {
                                    Some(u) => u.reason.to_string(),
                                    None => "the policy ARN is known only after apply".into(),
                                });
                            }
                        }
                    }
                }
                if hit.is_none()
                    && unknown.is_none()
                    && attr.value.partial().is_none()
                    && attr.value.as_list().is_none()
                    && let Some(u) = attr.value.first_unknown()
                    && names_managed_policy(model, &r.root, &attr.value, name).is_none()
                {
                    unknown = Some(u.reason.to_string());
                }
                match hit {
                    Some(v) => {
                        let span = v.span_within(attr.span);
                        out.findings.push(Finding::new(
                            check,
                            r,
                            format!("attaches the AWS-managed {name} policy"),
                            span,
                            attribute,
                            provenance(v, span, None),
                        ));
                    }
                    None => {
                        if let Some(reason) = unknown {
                            out.unknown.push(UnknownResult {
                                check: check.clone(),
                                resource: ResourceRef::of(r),
                                span: attr.span,
                                reason: format!("{attribute} is unknown: {reason}"),
                            });
                        }
                    }
                }
            }
        }
    }
}

check! {
    judge = administrator_access_attached,
    meta = r#"
id = "aws-iam-administrator-access-attached"
title = "AWS-managed AdministratorAccess policy attached"
severity = "high"
area = "iam"
resources = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role", "aws_ssoadmin_managed_policy_attachment"]
aliases = ["CKV_AWS_274", "CKV_AWS_275"]
references = [
  "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html",
]
description = """
The AWS-managed `AdministratorAccess` policy grants every action on every resource
to the role, user or group it is attached to.
"""
remediation = '''
Attach a policy that grants what the principal needs.

```hcl
resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}
```
'''
"#
}
/// `aws-iam-administrator-access-attached` (IAM-04).
pub fn administrator_access_attached(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
) {
    let model = ctx.model;
    managed_policy_attached(check, model, out, "AdministratorAccess");
}

check! {
    judge = iam_full_access_attached,
    meta = r#"
id = "aws-iam-iam-full-access-attached"
title = "AWS-managed IAMFullAccess policy attached"
severity = "high"
area = "iam"
resources = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role", "aws_ssoadmin_managed_policy_attachment"]
aliases = ["CKV2_AWS_56"]
references = [
  "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html",
]
description = """
The AWS-managed `IAMFullAccess` policy grants every IAM action: the principal can
make itself an administrator.
"""
remediation = '''
Attach a policy limited to the IAM actions needed.

```hcl
resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.iam_read.arn
}
```
'''
"#
}
/// `aws-iam-iam-full-access-attached` (IAM-05).
pub fn iam_full_access_attached(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    managed_policy_attached(check, model, out, "IAMFullAccess");
}

check! {
    judge = user_policy_attached,
    meta = r#"
id = "aws-iam-user-policy-attached"
title = "Policies attached directly to IAM users"
severity = "low"
area = "iam"
resources = ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"]
aliases = ["AVD-AWS-0143", "aws-iam-no-user-attached-policies", "CKV_AWS_40"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",
]
description = """
Permissions granted to users one by one drift apart and are hard to review. Grant
them to groups (or, better, roles) and make users members.
"""
remediation = '''
Attach the policy to a group and add the user to it.

```hcl
resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.developer.arn
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}
```
'''
"#
}
/// `aws-iam-user-policy-attached` (IAM-17): policies attached to users directly rather
/// than through groups or roles.
pub fn user_policy_attached(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for (rtype, attribute, what) in [
        ("aws_iam_user_policy", "user", "an inline policy"),
        ("aws_iam_user_policy_attachment", "user", "a managed policy"),
        ("aws_iam_policy_attachment", "users", "a managed policy"),
    ] {
        for r in model.resources(rtype) {
            let Some(attr) = r.body.attr(attribute) else {
                continue;
            };
            let users: Vec<String> = match attr.value.as_list() {
                Some(l) => l.iter().filter_map(|v| v.to_template_string()).collect(),
                None => attr.value.to_template_string().into_iter().collect(),
            };
            let empty_list = attr.value.as_list().is_some_and(|l| l.is_empty());
            if empty_list || attr.value.is_null() {
                continue;
            }
            let who = if users.is_empty() {
                "a user".to_string()
            } else {
                join_and(
                    &users
                        .iter()
                        .map(|u| format!("user {u}"))
                        .collect::<Vec<_>>(),
                )
            };
            out.findings.push(Finding::new(
                check,
                r,
                format!("attaches {what} directly to {who}"),
                attr.span,
                attribute,
                provenance(&attr.value, attr.span, None),
            ));
        }
    }
}

check! {
    judge = policy_document_any_principal,
    meta = r#"
id = "aws-iam-policy-document-any-principal"
title = "Resource-based policy document grants access to any principal"
severity = "high"
area = "iam"
resources = ["data.aws_iam_policy_document"]
aliases = ["CKV_AWS_283"]
references = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
]
description = """
A policy document has a statement for `"*"` or `{"AWS": "*"}` without a condition
that limits who (`aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceArn`, …).
Wherever it is used as a resource policy, anyone can perform the allowed actions.
Documents used by a bucket, queue, topic, key, repository, vault or role of this
configuration are reported by that resource's check instead.
"""
remediation = '''
Name the principals, or limit the statement with a condition.

```hcl
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}
```
'''
"#
}
/// `aws-iam-policy-document-any-principal` (IAM-16): a `data "aws_iam_policy_document"`
/// with a statement granted to anyone without a limiting condition, when no resource
/// this configuration declares uses it (those are reported by the resource's own check).
pub fn policy_document_any_principal(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
) {
    // The documents no policy attribute holds, as the search for the policies left
    // them: with their JSON when it read their root's documents.
    for (doc, json) in ctx.policy_documents().unused() {
        let known = match json {
            Some(json) => json.and_then(known_document_json),
            None => crate::eval::policy_document_json(&doc.body)
                .as_ref()
                .and_then(known_document_json),
        };
        let reading = match known {
            Some(policy) => Ok(policy),
            None => match crate::eval::render_policy_document(&doc.body) {
                Some(v) => document_reading(&v),
                None => continue,
            },
        };
        let policy = match reading {
            Ok(Some(policy)) => policy,
            Ok(None) => continue,
            Err(reason) => {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(doc),
                    span: doc.header,
                    reason,
                });
                continue;
            }
        };
        let merged = doc.body.attr("source_policy_documents").is_some()
            || doc.body.attr("override_policy_documents").is_some();
        let blocks: Vec<&Block> = doc.body.blocks("statement").collect();
        for s in iam::any_principal_without_limiting_condition(&policy) {
            let block = match &s.sid {
                Some(sid) => blocks
                    .iter()
                    .find(|b| {
                        b.body.attr("sid").and_then(|a| a.value.as_str()) == Some(sid.as_str())
                    })
                    .copied(),
                None if !merged => blocks.get(s.index).copied(),
                None => None,
            };
            out.findings.push(Finding::new(
                check,
                doc,
                format!(
                    "{} allows {} to any principal without a condition that limits who",
                    s.name(),
                    iam::describe_actions(s)
                ),
                statement_principals_span(block).unwrap_or(doc.header),
                &format!("statement {}", s.locator()),
                vec![],
            ));
        }
    }
}

/// The policy a rendered `aws_iam_policy_document` is judged on: `Ok(None)` when it
/// cannot grant anyone anything (invalid, absent, or public on no reading), `Err` with
/// the reason when that is undecided. A partly known document is judged as the resource
/// policies are: on its least permissive reading, undecided when only the most
/// permissive one is public.
/// A wholly known document's policy, read from its JSON without writing its text and
/// parsing it back (`iam::documents` reads documents the same way); `None` for a partly
/// known document, which is read from its rendering.
fn known_document_json(json: &serde_json::Value) -> Option<Option<Policy>> {
    if crate::eval::policy_json_has_hole(json) {
        return None;
    }
    Some(iam::from_json(json).ok())
}

fn document_reading(v: &Value) -> Result<Option<Policy>, String> {
    let reason = || match v.first_unknown() {
        Some(u) => u.reason.to_string(),
        None => "the document is known only in part".to_string(),
    };
    match iam::read_policy(v) {
        Reading::Known(json) => Ok(iam::from_json(&json).ok()),
        Reading::Partial(json) => match iam::readings(&json) {
            Ok(r) if !iam::any_principal_without_limiting_condition(&r.least).is_empty() => {
                Ok(Some(Arc::unwrap_or_clone(r.least)))
            }
            Ok(r) if iam::any_principal_without_limiting_condition(&r.most).is_empty() => Ok(None),
            _ => Err(reason()),
        },
        Reading::Unknown(reason) => Err(reason),
        Reading::Invalid(_) | Reading::Absent => Ok(None),
    }
}

/// Where a finding about a statement block points: its first `principals` block's
/// `identifiers`, else the block's header; `None` without a block.
fn statement_principals_span(block: Option<&Block>) -> Option<Span> {
    block.map(|b| {
        b.body
            .blocks("principals")
            .filter_map(|p| p.body.attr("identifiers"))
            .map(|a| a.span)
            .next()
            .unwrap_or(b.header)
    })
}

/// What a statement grants on `"*"` that could name resources: the action patterns as
/// written, and the scopable actions they match.
#[derive(Default)]
struct ScopableGrant {
    patterns: Vec<String>,
    actions: Vec<String>,
}

impl ScopableGrant {
    /// Whether every pattern is one action named as such (no pattern stands for more).
    fn names_actions(&self) -> bool {
        self.patterns.len() == self.actions.len()
            && self.patterns.iter().all(|p| !p.contains(['*', '?']))
    }

    /// "s3:GetObject and kms:Decrypt", or the patterns as written ("ec2:Describe*").
    fn granted(&self) -> String {
        if self.names_actions() {
            join_and(&capped(self.actions.clone()))
        } else {
            join_and(&capped(self.patterns.clone()))
        }
    }

    /// "they", or "17 of the actions they grant (ec2:A, ec2:B, … and 13 more)".
    fn scopable(&self) -> String {
        match (self.names_actions(), self.actions.len()) {
            (true, 1) => "it".into(),
            (true, _) => "they".into(),
            (false, n) => format!(
                "{n} of the actions {} grant{} ({})",
                if self.patterns.len() == 1 {
                    "it"
                } else {
                    "they"
                },
                if self.patterns.len() == 1 { "s" } else { "" },
                join_and(&capped(self.actions.clone()))
            ),
        }
    }
}

check! {
    judge = wildcard_resource,
    meta = r#"
id = "aws-iam-policy-wildcard-resource"
title = "Policy uses '*' resource for actions that support resource scoping"
severity = "medium"
area = "iam"
resources = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_role",
  "aws_ssoadmin_permission_set_inline_policy",
  "data.aws_iam_policy_document",
]
aliases = ["AVD-AWS-0057", "aws-iam-no-policy-wildcards", "CKV_AWS_355", "CKV_AWS_356"]
references = [
  "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
]
description = """
An Allow statement grants actions on every resource (`"*"`) although those actions
accept specific ARNs: `s3:GetObject` on every bucket of the account instead of one,
`kms:Decrypt` with every key, `iam:PassRole` for every role. A compromise of the
principal then reaches everything of that kind, including what is created later.

Which actions accept a resource comes from the AWS Service Authorization Reference: every
action with a resource type of S3, DynamoDB, SQS, SNS, Lambda, KMS, Secrets Manager, SSM,
CloudWatch Logs, ECR, IAM, STS and EC2. A pattern is judged by the actions it matches:
`ec2:Describe*` grants 17 actions that accept ARNs (`ec2:DescribeInstanceAttribute`,
`ec2:DescribeSnapshotAttribute`, …), though most Describe actions, like
`ec2:DescribeInstances` or `s3:ListAllMyBuckets`, only work on `"*"` and are never
reported. Actions of other services are not judged. Service-wide wildcards (`s3:*`) are
reported by `aws-iam-policy-wildcard-action`, full administrator policies by
`aws-iam-policy-full-admin`; statements with a condition (which may scope by tag or
context) are not judged.
Actions that the privilege-escalation, credentials-exposure, permissions-management,
data-exfiltration or any-role PassRole checks report are named in their findings and not
again here.
"""
remediation = """
Name the resources the actions need.

```hcl
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.uploads.arn]
  }
}
```
"""
"#
}
/// `aws-iam-policy-wildcard-resource` (IAM-03): an unconditional Allow on every resource
/// of actions that accept specific ARNs, per the table in [`iam::scopable_matches`]. Service-wide
/// action wildcards are `aws-iam-policy-wildcard-action`'s; conditional statements may
/// scope by tag or context and are not judged.
pub fn wildcard_resource(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        if !not_admin(p) {
            return None;
        }
        // An action a graver check reports is named there (see [`CLAIM_ORDER`]); those
        // checks judge what the policy grants beyond its wildcards when
        // `aws-iam-policy-wildcard-action` runs.
        let claimed = if ctx.runs(WILDCARD_ACTION) {
            claimed_before(ctx, p.without_wildcards(), &check.id)
        } else {
            claimed_before(ctx, p, &check.id)
        };
        let found: Vec<(&Statement, ScopableGrant)> = p
            .statements
            .iter()
            .filter(|s| s.is_allow() && !s.has_conditions() && s.covers_every_resource())
            .filter_map(|s| {
                let wildcards = s.wildcard_actions();
                let mut grant = ScopableGrant::default();
                for pattern in s.action.iter().flatten() {
                    if wildcards.contains(&pattern.as_str()) {
                        continue;
                    }
                    let matches = iam::scopable_matches(pattern)
                        .into_iter()
                        .filter(|a| !claimed.iter().any(|c| c.eq_ignore_ascii_case(a)))
                        .collect::<Vec<_>>();
                    if matches.is_empty() {
                        continue;
                    }
                    grant.patterns.push(pattern.clone());
                    for a in matches {
                        if !grant.actions.contains(&a) {
                            grant.actions.push(a);
                        }
                    }
                }
                (!grant.actions.is_empty()).then_some((s, grant))
            })
            .collect();
        let (first, grant) = found.first()?;
        let mut msg = format!(
            "{} allows {} on every resource (\"*\"), though {} can be limited to specific ARNs",
            first.name(),
            grant.granted(),
            grant.scopable()
        );
        match found.len() {
            1 => {}
            2 => msg.push_str(" (1 more statement does too)"),
            n => msg.push_str(&format!(" ({} more statements do too)", n - 1)),
        }
        Some((msg, found.iter().map(|(s, _)| *s).collect()))
    });
}
