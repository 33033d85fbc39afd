//! IAM and resource-policy checks on the policy analysis of [`crate::iam`].
//!
//! Each check reports once per policy attribute, at the attribute's expression, naming
//! the statement and what it allows; a policy that comes from a
//! `data "aws_iam_policy_document"` also points at the statement block. A policy known
//! only after apply is undecided, never guessed.

use std::sync::Arc;

use crate::check::{Check, Severity};
use crate::diag::{DiagKind, Diagnostic};
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, ResourceRef, UnknownResult, provenance};
use crate::iam::locate::{Content, Located, PolicyKind};
use crate::iam::partial::Reading;
use crate::iam::{self, Policy, Statement};
use crate::model::{Attr, Mode, Model, ResourceInstance};
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
            // hold. Otherwise the unknown parts decide.
            Content::Partial(readings, reason) => {
                if let Some((message, statements, severity)) = decide(&readings.least) {
                    report(check, loc, message, &statements, severity, out);
                } else if decide(&readings.most).is_some() {
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

register!("aws-iam-policy-full-admin", full_admin);
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

register!("aws-iam-policy-wildcard-action", wildcard_action);
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
/// grant: its id, what the actions are for, and the actions of a policy it reports.
struct Consequence {
    id: &'static str,
    what: &'static str,
    actions: fn(&Policy) -> Vec<String>,
}

const CONSEQUENCES: &[Consequence] = &[
    Consequence {
        id: "aws-iam-policy-credentials-exposure",
        what: "credentials exposure",
        actions: |p| granted_names(p, CREDENTIALS),
    },
    Consequence {
        id: "aws-iam-policy-privilege-escalation",
        what: "a privilege-escalation path",
        actions: |p| {
            iam::privilege_escalation(p)
                .map(|(path, _)| path.iter().map(|a| a.to_string()).collect())
                .unwrap_or_default()
        },
    },
    Consequence {
        id: "aws-iam-policy-permissions-management",
        what: "permissions management",
        actions: |p| granted_names(p, PERMISSIONS),
    },
    Consequence {
        id: "aws-iam-policy-data-exfiltration",
        what: "data exfiltration",
        actions: |p| granted_names(p, EXFILTRATION),
    },
    Consequence {
        id: "aws-iam-policy-full-iam-access",
        what: "every IAM action",
        actions: |p| {
            full_iam(p)
                .map(|_| vec!["iam:*".to_string()])
                .unwrap_or_default()
        },
    },
    Consequence {
        id: "aws-iam-policy-passrole-any-role",
        what: "passing any role",
        actions: |p| {
            iam::allows_on_all(p, "iam:PassRole")
                .map(|_| vec!["iam:PassRole".to_string()])
                .unwrap_or_default()
        },
    },
    Consequence {
        id: "aws-iam-policy-s3-full-access",
        what: "every S3 action",
        actions: |p| {
            s3_full(p)
                .map(|_| vec!["s3:*".to_string()])
                .unwrap_or_default()
        },
    },
];

const WILDCARD_ACTION: &str = "aws-iam-policy-wildcard-action";

/// What the policy's service-wide wildcards alone grant, for each consequence check that
/// runs (`ec2:GetPasswordData (credentials exposure)`), and the gravest severity among
/// those checks.
fn implied_by_wildcards(ctx: &Context<'_>, p: &Policy) -> (Vec<String>, Option<Severity>) {
    let reduced = without_wildcards(p);
    let patterns: Vec<&str> = iam::allows_wildcard_action(p)
        .into_iter()
        .flat_map(|(_, pats)| pats)
        .collect();
    let mut implied = Vec::new();
    let mut severity = None;
    for c in CONSEQUENCES.iter().filter(|c| ctx.runs(c.id)) {
        let beyond = (c.actions)(&reduced);
        let only_wildcards: Vec<String> = (c.actions)(p)
            .into_iter()
            .filter(|a| !beyond.contains(a))
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

/// The policy without its service-wide wildcard actions (`*`, `ec2:*`): what it grants
/// beyond them. Statement positions stay, so statements map back by index.
fn without_wildcards(p: &Policy) -> Policy {
    let mut reduced = p.clone();
    for s in reduced.statements.iter_mut().filter(|s| s.is_allow()) {
        let wild: Vec<String> = s.wildcard_actions().iter().map(|a| a.to_string()).collect();
        if let Some(actions) = &mut s.action {
            actions.retain(|a| !wild.contains(a));
        }
    }
    reduced
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
    let reduced = without_wildcards(p);
    let (message, statements) = decide(&reduced)?;
    let indexes: Vec<usize> = statements.iter().map(|s| s.index).collect();
    Some((
        message,
        p.statements
            .iter()
            .filter(|s| indexes.contains(&s.index))
            .collect(),
    ))
}

register!("aws-iam-policy-full-iam-access", full_iam_access);
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

register!("aws-iam-policy-privilege-escalation", privilege_escalation);
/// `aws-iam-policy-privilege-escalation` (IAM-07).
pub fn privilege_escalation(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        beyond_wildcards(ctx, p, |p| {
            if !not_admin(p) {
                return None;
            }
            let (path, sts) = iam::privilege_escalation(p)?;
            let names: Vec<String> = sts.iter().map(|s| s.name()).collect();
            Some((
                format!(
                    "{} {} {} on every resource, a privilege-escalation path",
                    join_and(&names),
                    if sts.len() == 1 { "allows" } else { "allow" },
                    join_and(&path.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                ),
                sts,
            ))
        })
    });
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
            let granted = granted_on_all(p, list);
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

register!("aws-iam-policy-credentials-exposure", credentials_exposure);
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

register!("aws-iam-policy-data-exfiltration", data_exfiltration);
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

register!(
    "aws-iam-policy-permissions-management",
    permissions_management
);
/// `aws-iam-policy-permissions-management` (IAM-10).
pub fn permissions_management(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    sensitive_actions(check, ctx, out, PERMISSIONS, "permissions management");
}

register!("aws-iam-policy-passrole-any-role", passrole_any_role);
/// `aws-iam-policy-passrole-any-role` (IAM-11).
pub fn passrole_any_role(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        beyond_wildcards(ctx, p, |p| {
            if !not_admin(p) {
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

register!("aws-iam-policy-s3-full-access", s3_full_access);
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

register!("aws-iam-policy-allow-not-action", allow_not_action);
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

register!("aws-iam-role-trust-any-principal", trust_any_principal);
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

register!("aws-iam-role-trust-account-root", trust_account_root);
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

register!(
    "aws-iam-role-github-oidc-unrestricted",
    github_oidc_unrestricted
);
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

register!("aws-s3-bucket-policy-public", s3_bucket_policy_public);
/// `aws-s3-bucket-policy-public` (DAT-03).
pub fn s3_bucket_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["s3"], out);
}

register!("aws-sns-topic-policy-public", sns_topic_policy_public);
/// `aws-sns-topic-policy-public` (DAT-37).
pub fn sns_topic_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["sns"], out);
}

register!("aws-sqs-queue-policy-public", sqs_queue_policy_public);
/// `aws-sqs-queue-policy-public` (DAT-40).
pub fn sqs_queue_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["sqs"], out);
}

register!(
    "aws-ecr-repository-policy-public",
    ecr_repository_policy_public
);
/// `aws-ecr-repository-policy-public` (DAT-43).
pub fn ecr_repository_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["ecr"], out);
}

register!("aws-kms-key-policy-public", kms_key_policy_public);
/// `aws-kms-key-policy-public` (ENC-02).
pub fn kms_key_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["kms"], out);
}

register!(
    "aws-glacier-vault-policy-public",
    glacier_vault_policy_public
);
/// `aws-glacier-vault-policy-public` (DAT-54).
pub fn glacier_vault_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["glacier"], out);
}

register!("aws-ses-identity-policy-public", ses_identity_policy_public);
/// `aws-ses-identity-policy-public`: a sending authorization policy that lets anyone
/// send mail as the identity.
pub fn ses_identity_policy_public(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    public_resource_policy(check, ctx, &["ses"], out);
}

register!(
    "aws-sqs-queue-policy-wildcard-action",
    sqs_queue_policy_wildcard_action
);
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

register!(
    "aws-iam-administrator-access-attached",
    administrator_access_attached
);
/// `aws-iam-administrator-access-attached` (IAM-04).
pub fn administrator_access_attached(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
) {
    let model = ctx.model;
    managed_policy_attached(check, model, out, "AdministratorAccess");
}

register!("aws-iam-iam-full-access-attached", iam_full_access_attached);
/// `aws-iam-iam-full-access-attached` (IAM-05).
pub fn iam_full_access_attached(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    managed_policy_attached(check, model, out, "IAMFullAccess");
}

fn capped(mut names: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 4;
    if names.len() > SHOWN + 1 {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("{more} more"));
    }
    names
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

register!("aws-iam-user-policy-attached", user_policy_attached);
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

register!(
    "aws-iam-policy-document-any-principal",
    policy_document_any_principal
);
/// `aws-iam-policy-document-any-principal` (IAM-16): a `data "aws_iam_policy_document"`
/// with a statement granted to anyone without a limiting condition, when no resource
/// this configuration declares uses it (those are reported by the resource's own check).
pub fn policy_document_any_principal(
    check: &Arc<Check>,
    ctx: &Context<'_>,
    out: &mut CheckResults,
) {
    let model = ctx.model;
    // By root and address: a document of one root is not used by another root's
    // resource at the same address (roots are separate configurations).
    let used: std::collections::HashSet<(&str, &str)> = ctx
        .policies()
        .iter()
        .filter_map(|l| l.document.map(|d| (&*d.root, &*d.address)))
        .collect();
    for doc in model
        .of_type("aws_iam_policy_document")
        .filter(|d| d.mode == crate::model::Mode::Data)
    {
        if used.contains(&(&*doc.root, &*doc.address)) {
            continue;
        }
        let Some(v) = crate::eval::policy_document::render(&doc.body) else {
            continue;
        };
        let undecided = |reason: String, out: &mut CheckResults| {
            out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(doc),
                span: doc.header,
                reason,
            })
        };
        let reason = || match v.first_unknown() {
            Some(u) => u.reason.to_string(),
            None => "the document is known only in part".to_string(),
        };
        // A partly known document is judged as the resource policies are: on its least
        // permissive reading, undecided when only the most permissive one is public.
        let policy = match iam::partial::read(&v) {
            Reading::Known(json) => match iam::from_json(&json) {
                Ok(p) => p,
                Err(_) => continue,
            },
            Reading::Partial(json) => match iam::partial::readings(&json) {
                Ok(r) if !iam::any_principal_without_limiting_condition(&r.least).is_empty() => {
                    r.least
                }
                Ok(r) if iam::any_principal_without_limiting_condition(&r.most).is_empty() => {
                    continue;
                }
                _ => {
                    undecided(reason(), out);
                    continue;
                }
            },
            Reading::Unknown(reason) => {
                undecided(reason, out);
                continue;
            }
            Reading::Invalid(_) | Reading::Absent => continue,
        };
        let merged = doc.body.attr("source_policy_documents").is_some()
            || doc.body.attr("override_policy_documents").is_some();
        let blocks: Vec<_> = doc.body.blocks("statement").collect();
        for s in iam::any_principal_without_limiting_condition(&policy) {
            let block = match &s.sid {
                Some(sid) => blocks.iter().find(|b| {
                    b.body.attr("sid").and_then(|a| a.value.as_str()) == Some(sid.as_str())
                }),
                None if !merged => blocks.get(s.index),
                None => None,
            };
            let span = block
                .and_then(|b| {
                    b.body
                        .blocks("principals")
                        .filter_map(|p| p.body.attr("identifiers"))
                        .map(|a| a.span)
                        .next()
                        .or(Some(b.header))
                })
                .unwrap_or(doc.header);
            out.findings.push(Finding::new(
                check,
                doc,
                format!(
                    "{} allows {} to any principal without a condition that limits who",
                    s.name(),
                    iam::describe_actions(s)
                ),
                span,
                &format!("statement {}", s.locator()),
                vec![],
            ));
        }
    }
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

register!("aws-iam-policy-wildcard-resource", wildcard_resource);
/// `aws-iam-policy-wildcard-resource` (IAM-03): an unconditional Allow on every resource
/// of actions that accept specific ARNs, per the table in [`iam::scoping`]. Service-wide
/// action wildcards are `aws-iam-policy-wildcard-action`'s; conditional statements may
/// scope by tag or context and are not judged.
pub fn wildcard_resource(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    each_policy(check, ctx, IDENTITY, &[], out, |p| {
        if !not_admin(p) {
            return None;
        }
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
                    let matches = iam::scoping::scopable_matches(pattern);
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
