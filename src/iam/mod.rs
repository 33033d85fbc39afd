//! IAM policy analysis: policy JSON parsed into statements, and exact decisions over
//! them (full administrator, wildcard actions, privilege escalation, public principals).
//!
//! Action and resource patterns use IAM's glob semantics: `*` matches any run of
//! characters, `?` one character; actions compare case-insensitively. A decision about
//! "every action" or "every resource" is made on the patterns' languages, never by
//! comparing strings: `"*:*"`, `"*"` and `"**"` all cover every action, `"iam:*"` covers
//! every IAM action but not every action.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

mod documents;
mod locate;
mod partial;
mod scoping;

pub(crate) use documents::Documents;
pub(crate) use locate::{Content, Located, Policies, PolicyKind, policies};
pub(crate) use partial::{Reading, read as read_policy, reading, readings};
pub(crate) use scoping::scopable_matches;

use std::collections::BTreeMap;

use serde_json::Value as Json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Principal` / `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"*"`.
    Any,
    /// `{"AWS": [...], "Service": [...], "Federated": [...]}`.
    Typed(BTreeMap<String, Vec<String>>),
}

impl Principal {
    /// Everyone: `"*"` or `{"AWS": "*"}` (or an AWS pattern of only `*`).
    pub(crate) fn is_anyone(&self) -> bool {
        match self {
            Principal::Any => true,
            Principal::Typed(m) => m.iter().any(|(k, ids)| {
                (k.eq_ignore_ascii_case("AWS") || k == "*") && ids.iter().any(|i| all_stars(i))
            }),
        }
    }

    pub(crate) fn ids(&self, kind: &str) -> Vec<&str> {
        match self {
            Principal::Any => vec![],
            Principal::Typed(m) => m
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(kind))
                .flat_map(|(_, v)| v.iter().map(String::as_str))
                .collect(),
        }
    }
}

/// One `Condition` entry: operator → key → values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Position in the policy's `Statement` list.
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub action: Option<Vec<String>>,
    pub not_action: Option<Vec<String>>,
    pub resource: Option<Vec<String>>,
    pub not_resource: Option<Vec<String>>,
    pub principal: Option<Principal>,
    pub not_principal: Option<Principal>,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    pub statements: Vec<Statement>,
    /// Answers about these statements, kept for the next check that asks.
    memo: Memo,
}

/// What the policy checks derive from one policy again and again, built once per policy:
/// its reading without service-wide wildcards ([`Policy::without_wildcards`]), which
/// each check of the sensitive-action family judges, and the actions each check of that
/// family reports ([`Policy::actions_by`]), which every later check of the family asks
/// again to leave them out, and which statements apply to every resource
/// ([`Policy::on_all`]), which every question about an action on every resource reads.
/// Derived from the statements alone: a copy starts empty (it
/// may change its statements), and two policies compare by their statements.
#[derive(Default)]
struct Memo {
    reduced: std::sync::OnceLock<Box<Policy>>,
    /// Per slot: the derivation that filled it (its address) and what it found; boxed
    /// when first asked, so that a policy no check of the family asks about stays small.
    actions: std::sync::OnceLock<Box<ActionSlots>>,
    /// Which statements apply to every resource ([`Policy::on_all`]).
    on_all: std::sync::OnceLock<OnAll>,
}

/// The statements of a policy that apply to every resource, by position in
/// `statements`: each question "is this action granted on every resource" looks only
/// at them, instead of testing every resource pattern of every statement again for
/// each action it asks about.
#[derive(Default)]
struct OnAll {
    /// Allow statements on every resource.
    allow: Vec<usize>,
    /// Unconditional Deny statements on every resource (a Deny with conditions may not
    /// apply, so it never cancels an Allow here).
    deny: Vec<usize>,
}

type ActionSlots = [std::sync::OnceLock<(usize, Vec<String>)>; ACTION_SLOTS];

/// How many derivations of actions [`Policy::actions_by`] keeps per policy.
pub(crate) const ACTION_SLOTS: usize = 8;

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

impl Eq for Memo {}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Policy {
    /// The policy without its service-wide wildcard actions (`*`, `ec2:*`): what it
    /// grants beyond them. Statement positions stay, so statements map back by index.
    /// Built once per policy: each check of the sensitive-action family judges it.
    pub(crate) fn without_wildcards(&self) -> &Policy {
        self.memo.reduced.get_or_init(|| {
            let mut reduced = self.clone();
            for s in reduced.statements.iter_mut().filter(|s| s.is_allow()) {
                let wild: Vec<String> =
                    s.wildcard_actions().iter().map(|a| a.to_string()).collect();
                if let Some(actions) = &mut s.action {
                    actions.retain(|a| !wild.contains(a));
                }
            }
            Box::new(reduced)
        })
    }

    /// The statements of [`OnAll`], found once per policy.
    fn on_all(&self) -> &OnAll {
        self.memo.on_all.get_or_init(|| {
            let mut on_all = OnAll::default();
            for (i, s) in self.statements.iter().enumerate() {
                if !s.covers_every_resource() {
                    continue;
                }
                if s.is_allow() {
                    on_all.allow.push(i);
                } else if s.effect == Effect::Deny && !s.has_conditions() {
                    on_all.deny.push(i);
                }
            }
            on_all
        })
    }

    /// The Allow statements on every resource, in order.
    fn allows_on_every_resource(&self) -> impl Iterator<Item = &Statement> {
        self.on_all()
            .allow
            .iter()
            .filter_map(|i| self.statements.get(*i))
    }

    /// The unconditional Deny statements on every resource, in order.
    fn denies_on_every_resource(&self) -> impl Iterator<Item = &Statement> {
        self.on_all()
            .deny
            .iter()
            .filter_map(|i| self.statements.get(*i))
    }

    /// The actions `derive` finds in this policy, derived once per policy and `slot`:
    /// each slot stands for one derivation (a check's reported actions). The slot keeps
    /// which function filled it, so a different function asking for the same slot derives
    /// afresh instead of getting another's actions; so does a slot past [`ACTION_SLOTS`].
    /// The memo belongs to this policy value: a copy (such as [`Policy::without_wildcards`])
    /// starts with its own, empty one.
    pub(crate) fn actions_by(
        &self,
        slot: usize,
        derive: fn(&Policy) -> Vec<String>,
    ) -> std::borrow::Cow<'_, [String]> {
        // Only a function's identity is compared: two functions merged into one by the
        // compiler have the same code, so the same answer.
        let key = derive as usize;
        let slots = self.memo.actions.get_or_init(Box::default);
        match slots.get(slot) {
            Some(memo) => match memo.get_or_init(|| (key, derive(self))) {
                (filled_by, actions) if *filled_by == key => std::borrow::Cow::Borrowed(actions),
                _ => std::borrow::Cow::Owned(derive(self)),
            },
            None => std::borrow::Cow::Owned(derive(self)),
        }
    }
}

/// Parses a policy document. Errors describe what is malformed.
pub fn parse(text: &str) -> Result<Policy, String> {
    let json: Json =
        serde_json::from_str(text).map_err(|e| format!("policy is not valid JSON: {e}"))?;
    from_json(&json)
}

pub(crate) fn from_json(json: &Json) -> Result<Policy, String> {
    let Json::Object(doc) = json else {
        return Err("policy is not a JSON object".into());
    };
    let raw: Vec<&Json> = match doc.get("Statement") {
        Some(Json::Array(a)) => a.iter().collect(),
        Some(o @ Json::Object(_)) => vec![o],
        None => vec![],
        Some(_) => return Err("policy Statement is neither an object nor a list".into()),
    };
    let mut statements = Vec::new();
    for (index, s) in raw.into_iter().enumerate() {
        let Json::Object(m) = s else {
            return Err(format!("statement {} is not an object", index + 1));
        };
        let effect = match m.get("Effect").and_then(Json::as_str) {
            Some(e) if e.eq_ignore_ascii_case("allow") => Effect::Allow,
            Some(e) if e.eq_ignore_ascii_case("deny") => Effect::Deny,
            _ => return Err(format!("statement {} has no valid Effect", index + 1)),
        };
        let mut conditions = Vec::new();
        if let Some(Json::Object(ops)) = m.get("Condition") {
            for (op, keys) in ops {
                if let Json::Object(keys) = keys {
                    for (key, vals) in keys {
                        conditions.push(Condition {
                            operator: op.clone(),
                            key: key.clone(),
                            values: strings(vals),
                        });
                    }
                }
            }
        }
        statements.push(Statement {
            index,
            sid: m
                .get("Sid")
                .and_then(Json::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            effect,
            action: m.get("Action").map(strings),
            not_action: m.get("NotAction").map(strings),
            resource: m.get("Resource").map(strings),
            not_resource: m.get("NotResource").map(strings),
            principal: m.get("Principal").map(principal),
            not_principal: m.get("NotPrincipal").map(principal),
            conditions,
        });
    }
    Ok(Policy {
        statements,
        memo: Memo::default(),
    })
}

fn strings(v: &Json) -> Vec<String> {
    match v {
        Json::String(s) => vec![s.clone()],
        Json::Array(a) => a.iter().flat_map(strings).collect(),
        Json::Bool(b) => vec![b.to_string()],
        Json::Number(n) => vec![n.to_string()],
        _ => vec![],
    }
}

fn principal(v: &Json) -> Principal {
    match v {
        Json::String(s) if all_stars(s) => Principal::Any,
        Json::String(s) => Principal::Typed(BTreeMap::from([("AWS".to_string(), vec![s.clone()])])),
        Json::Object(m) => Principal::Typed(
            m.iter()
                .map(|(k, v)| (k.clone(), strings(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
        _ => Principal::Typed(BTreeMap::new()),
    }
}

fn all_stars(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == '*')
}

/// IAM glob: `*` any run, `?` one character; `fold` compares case-insensitively.
pub(crate) fn glob_match(pattern: &str, text: &str, fold: bool) -> bool {
    // Action names and ARNs are nearly always ASCII: matched byte by byte, without the
    // two character vectors (this match runs for every action and statement a policy
    // check asks about). `?` matches one character, so other texts go by `char`.
    if pattern.is_ascii() && text.is_ascii() {
        return glob_slices(
            pattern.as_bytes(),
            text.as_bytes(),
            |a: u8, b: u8| {
                if fold {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                }
            },
            b'*',
            b'?',
        );
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    glob_slices(
        &p,
        &t,
        |a: char, b: char| {
            if fold {
                a.eq_ignore_ascii_case(&b)
            } else {
                a == b
            }
        },
        '*',
        '?',
    )
}

/// [`glob_match`] over bytes or characters.
fn glob_slices<T: Copy + PartialEq>(
    p: &[T],
    t: &[T],
    eq: impl Fn(T, T) -> bool,
    any_run: T,
    any_one: T,
) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&tc) = t.get(ti) {
        let pc = p.get(pi).copied();
        if pc.is_some_and(|c| c == any_one || (c != any_run && eq(c, tc))) {
            pi += 1;
            ti += 1;
        } else if pc == Some(any_run) {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p.get(pi..)
        .unwrap_or_default()
        .iter()
        .all(|c| *c == any_run)
}

/// Whether `pattern` matches every string that starts with `prefix` (exactly: some
/// prefix of the pattern matches `prefix` and the rest is only `*`, or a `*` of the
/// pattern absorbs the end of `prefix`).
pub(crate) fn covers_prefix(pattern: &str, prefix: &str, fold: bool) -> bool {
    let chars: Vec<char> = pattern.chars().collect();
    for split in 0..=chars.len() {
        let (head, rest) = chars.split_at(split);
        if rest.is_empty() {
            // The whole pattern must then end with `*` and match the prefix.
            if chars.last() == Some(&'*') && glob_match(pattern, prefix, fold) {
                return true;
            }
            continue;
        }
        if rest.iter().all(|c| *c == '*') {
            let head: String = head.iter().collect();
            if glob_match(&head, prefix, fold) {
                return true;
            }
        }
    }
    false
}

/// Whether `pattern` matches every action (`service:Name`).
pub(crate) fn covers_every_action(pattern: &str) -> bool {
    // Every action has the form `x:y`; a pattern covers all of them exactly when it
    // covers every string (only stars) or `<stars>:<stars>` with at least one star each
    // side absorbing arbitrary text.
    if all_stars(pattern) {
        return true;
    }
    match pattern.split_once(':') {
        Some((svc, name)) => all_stars(svc) && all_stars(name),
        None => false,
    }
}

/// Whether `pattern` matches every action of `service` (`iam:*`, `*`, `i*:*`…).
pub(crate) fn covers_service(pattern: &str, service: &str) -> bool {
    covers_prefix(pattern, &format!("{service}:"), true)
}

/// Whether a resource pattern covers every resource.
pub(crate) fn covers_every_resource(pattern: &str) -> bool {
    if all_stars(pattern) {
        return true;
    }
    // `arn:*`, `arn:*:*`, … `arn:*:*:*:*:*`: every ARN has at least five colons, and
    // each star may absorb more.
    match pattern.strip_prefix("arn:") {
        Some(rest) => rest.split(':').all(all_stars) && rest.split(':').count() <= 5,
        None => false,
    }
}

/// A small catalogue of real AWS service prefixes, to tell a meaningful `NotAction`
/// exclusion from one that excludes nothing.
const KNOWN_SERVICES: &[&str] = &[
    "iam",
    "sts",
    "s3",
    "ec2",
    "lambda",
    "kms",
    "sqs",
    "sns",
    "dynamodb",
    "rds",
    "cloudformation",
    "cloudtrail",
    "logs",
    "cloudwatch",
    "secretsmanager",
    "ssm",
    "ecr",
    "ecs",
    "eks",
    "organizations",
    "glue",
    "athena",
    "es",
    "route53",
    "elasticloadbalancing",
    "autoscaling",
    "apigateway",
    "events",
    "states",
    "kinesis",
    "firehose",
    "redshift",
    "elasticache",
    "backup",
    "config",
    "guardduty",
    "securityhub",
    "sso",
    "account",
    "billing",
    "support",
    "tag",
    "codebuild",
    "codepipeline",
    "sagemaker",
    "datapipeline",
];

impl Statement {
    pub(crate) fn is_allow(&self) -> bool {
        self.effect == Effect::Allow
    }

    /// `statement "Sid"` or `statement 2`.
    /// What identifies the statement across edits that do not touch it, for
    /// fingerprints: its `Sid`, else a hash of its content — never its position, which a
    /// statement inserted before it would change.
    pub(crate) fn locator(&self) -> String {
        match &self.sid {
            Some(sid) => format!("sid {sid}"),
            None => {
                let content = format!(
                    "{:?}",
                    (
                        &self.effect,
                        &self.action,
                        &self.not_action,
                        &self.resource,
                        &self.not_resource,
                        &self.principal,
                        &self.not_principal,
                        &self.conditions,
                    )
                );
                content_locator(&content)
            }
        }
    }

    pub(crate) fn name(&self) -> String {
        match &self.sid {
            Some(s) => format!("statement \"{s}\""),
            None => format!("statement {}", self.index + 1),
        }
    }

    /// Whether the statement applies to `action` (Action or NotAction).
    pub(crate) fn covers_action(&self, action: &str) -> bool {
        if let Some(a) = &self.action {
            return a.iter().any(|p| glob_match(p, action, true));
        }
        if let Some(n) = &self.not_action {
            return !n.iter().any(|p| glob_match(p, action, true));
        }
        false
    }

    /// Whether the statement applies to every action of `service`.
    pub(crate) fn covers_whole_service(&self, service: &str) -> bool {
        if let Some(a) = &self.action {
            return a.iter().any(|p| covers_service(p, service));
        }
        if let Some(n) = &self.not_action {
            // Excludes nothing of the service: no pattern matches any action of it.
            return !n.iter().any(|p| excludes_some_of_service(p, service));
        }
        false
    }

    /// Whether the statement applies to every action of every service.
    pub(crate) fn covers_every_action(&self) -> bool {
        if let Some(a) = &self.action {
            return a.iter().any(|p| covers_every_action(p));
        }
        if let Some(n) = &self.not_action {
            return n.iter().all(|p| !meaningful_exclusion(p));
        }
        false
    }

    /// Whether the statement applies to every resource.
    pub(crate) fn covers_every_resource(&self) -> bool {
        if let Some(r) = &self.resource {
            return r.iter().any(|p| covers_every_resource(p));
        }
        if let Some(n) = &self.not_resource {
            return n.is_empty();
        }
        // Resource policies may omit Resource; it then means the policy's resource.
        false
    }

    /// The action patterns that are service-wide wildcards (`*`, `s3:*`).
    pub(crate) fn wildcard_actions(&self) -> Vec<&str> {
        self.action
            .iter()
            .flatten()
            .filter(|p| {
                covers_every_action(p)
                    || p.split_once(':')
                        .is_some_and(|(svc, name)| !svc.contains(['*', '?']) && all_stars(name))
            })
            .map(String::as_str)
            .collect()
    }

    pub(crate) fn has_conditions(&self) -> bool {
        !self.conditions.is_empty()
    }
}

fn excludes_some_of_service(pattern: &str, service: &str) -> bool {
    // A pattern excludes some action of the service when it can match a string with
    // that prefix: its service part (before ':') matches the service name.
    match pattern.split_once(':') {
        Some((svc, _)) => {
            glob_match(svc, service, true)
                || svc.contains('*') && {
                    // `*` spanning the colon: e.g. `i*` matches `iam:x`.
                    glob_match(pattern, &format!("{service}:x"), true)
                }
        }
        None => glob_match(pattern, &format!("{service}:x"), true) || pattern.contains('*'),
    }
}

/// A NotAction pattern that excludes at least one action of a known service.
fn meaningful_exclusion(pattern: &str) -> bool {
    if pattern.contains(['*', '?']) && !pattern.contains(':') {
        return true;
    }
    match pattern.split_once(':') {
        Some((svc, _)) => KNOWN_SERVICES.iter().any(|k| glob_match(svc, k, true)),
        None => false,
    }
}

/// An unconditional Deny on every resource that covers `action` (Deny statements with
/// conditions may not apply, so they never cancel an Allow here).
fn denied(policy: &Policy, action: &str) -> bool {
    policy
        .denies_on_every_resource()
        .any(|s| s.covers_action(action))
}

/// Whether an unconditional Deny on every resource removes anything at all.
fn denies_anything(policy: &Policy) -> bool {
    policy
        .denies_on_every_resource()
        .any(|s| s.action.as_ref().is_some_and(|a| !a.is_empty()) || s.not_action.is_some())
}

/// The statement that grants every action on every resource, unless an unconditional
/// Deny takes something away.
pub fn is_full_admin(policy: &Policy) -> Option<&Statement> {
    if denies_anything(policy) {
        return None;
    }
    policy
        .allows_on_every_resource()
        .find(|s| s.covers_every_action())
}

/// Allow statements with service-wide wildcard actions, with the patterns.
pub fn allows_wildcard_action(policy: &Policy) -> Vec<(&Statement, Vec<&str>)> {
    policy
        .statements
        .iter()
        .filter(|s| s.is_allow())
        .filter_map(|s| {
            let w = s.wildcard_actions();
            (!w.is_empty()).then_some((s, w))
        })
        .collect()
}

/// The Allow statement that grants `action` on every resource, unless an unconditional
/// Deny removes it.
pub fn allows_on_all<'p>(policy: &'p Policy, action: &str) -> Option<&'p Statement> {
    if denied(policy, action) {
        return None;
    }
    policy
        .allows_on_every_resource()
        .find(|s| s.covers_action(action))
}

/// Every action of `actions` granted on every resource, or None when one is missing.
pub fn allows_all_on_all<'p>(policy: &'p Policy, actions: &[&str]) -> Option<Vec<&'p Statement>> {
    let mut out: Vec<&Statement> = Vec::new();
    for a in actions {
        let s = allows_on_all(policy, a)?;
        if !out.iter().any(|x| x.index == s.index) {
            out.push(s);
        }
    }
    Some(out)
}

/// Known privilege-escalation paths: each is a set of actions that together let a
/// principal grant itself more permissions.
pub(crate) const ESCALATIONS: &[&[&str]] = &[
    &["iam:CreatePolicyVersion"],
    &["iam:SetDefaultPolicyVersion"],
    &["iam:AttachUserPolicy"],
    &["iam:AttachGroupPolicy"],
    &["iam:AttachRolePolicy"],
    &["iam:PutUserPolicy"],
    &["iam:PutGroupPolicy"],
    &["iam:PutRolePolicy"],
    &["iam:AddUserToGroup"],
    &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
    &["iam:CreateLoginProfile"],
    &["iam:UpdateLoginProfile"],
    &["iam:CreateAccessKey"],
    &[
        "iam:PassRole",
        "lambda:CreateFunction",
        "lambda:InvokeFunction",
    ],
    &[
        "iam:PassRole",
        "lambda:CreateFunction",
        "lambda:CreateEventSourceMapping",
    ],
    &["lambda:UpdateFunctionCode"],
    &["iam:PassRole", "ec2:RunInstances"],
    &["iam:PassRole", "cloudformation:CreateStack"],
    &["iam:PassRole", "glue:CreateDevEndpoint"],
    &["glue:UpdateDevEndpoint"],
    &[
        "iam:PassRole",
        "datapipeline:CreatePipeline",
        "datapipeline:PutPipelineDefinition",
    ],
];

/// Every escalation path of [`ESCALATIONS`] the policy grants on every resource, in that
/// order, with the statements that grant each.
pub fn privilege_escalations(policy: &Policy) -> Vec<(&'static [&'static str], Vec<&Statement>)> {
    ESCALATIONS
        .iter()
        .filter_map(|path| allows_all_on_all(policy, path).map(|s| (*path, s)))
        .collect()
}

/// What a condition key that narrows who can use a statement compares, which decides
/// the part of a policy value that must be written out (not a wildcard) for the
/// condition to narrow anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LimitingKey {
    /// A 12-digit account ID (`aws:PrincipalAccount`, `aws:SourceAccount`, …).
    Account,
    /// An organization ID, `o-…` (globally unique).
    OrgId,
    /// An AWS Organizations entity path, `o-…/r-…/ou-…/`: the organization ID leads
    /// (root and OU IDs are unique only within an organization).
    OrgPath,
    /// An ARN whose account segment, or for global names such as S3 buckets (no
    /// account segment) whose resource name, identifies what the owner controls.
    Arn,
    /// The ARN of a VPC: its VPC ID is unique, whatever the account segment says.
    VpcArn,
    /// A VPC or VPC endpoint ID.
    Id,
    /// `aws:userid`: the principal's unique ID, before any `:session` part.
    UserId,
    /// `aws:SourceIp`: CIDR blocks.
    Ip,
}

/// Condition keys that narrow who can use a statement granted to everyone, lower
/// case (keys compare case-insensitively). From the AWS global condition context keys
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
/// and the service keys that name the caller's account.
///
/// Not here, because they do not narrow who: `aws:username` (any account can have a
/// user of that name), `aws:ResourceAccount`, `aws:ResourceOrgID` and
/// `aws:ResourceOrgPaths` (they describe the resource the policy is attached to, the
/// same whoever calls), `aws:PrincipalServiceName` and `aws:PrincipalIsAWSService`
/// (every customer's requests reach a service principal), tags and `aws:SecureTransport`.
const LIMITING_KEYS: &[(&str, LimitingKey)] = &[
    ("aws:principalaccount", LimitingKey::Account),
    ("aws:sourceaccount", LimitingKey::Account),
    ("aws:sourceowner", LimitingKey::Account),
    ("aws:vpceaccount", LimitingKey::Account),
    ("kms:calleraccount", LimitingKey::Account),
    // Bucket policies that delegate access control to the access points of an account.
    ("s3:dataaccesspointaccount", LimitingKey::Account),
    ("aws:principalorgid", LimitingKey::OrgId),
    ("aws:sourceorgid", LimitingKey::OrgId),
    ("aws:vpceorgid", LimitingKey::OrgId),
    ("aws:principalorgpaths", LimitingKey::OrgPath),
    ("aws:sourceorgpaths", LimitingKey::OrgPath),
    ("aws:vpceorgpaths", LimitingKey::OrgPath),
    ("aws:principalarn", LimitingKey::Arn),
    ("aws:sourcearn", LimitingKey::Arn),
    ("s3:dataaccesspointarn", LimitingKey::Arn),
    ("aws:sourcevpcarn", LimitingKey::VpcArn),
    ("aws:sourcevpc", LimitingKey::Id),
    ("aws:sourcevpce", LimitingKey::Id),
    ("aws:userid", LimitingKey::UserId),
    ("aws:sourceip", LimitingKey::Ip),
];

/// How a condition operator compares the request's value with the policy's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// `StringEquals`, `StringEqualsIgnoreCase`: exact, `*` is a literal character.
    Exact,
    /// `StringLike`: `*` and `?` match across the whole string, colons included.
    Glob,
    /// `ArnEquals`, `ArnLike`: each of the six colon-separated ARN segments is matched
    /// separately, and each may hold `*` and `?`.
    ArnGlob,
    /// `IpAddress`: CIDR blocks.
    Cidr,
}

/// The positive matching of a condition operator that can narrow who, or None.
///
/// IAM condition semantics (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
/// reference_policies_condition-single-vs-multi-valued-context-keys.html):
/// * `ForAllValues:` is true when the key is absent from the request or has no value,
///   so it never narrows by itself, whatever the key.
/// * `ForAnyValue:` is false when the key is absent and, on a single-valued key, is
///   the plain operator; on a multivalued key (`aws:PrincipalOrgPaths`) it is the
///   documented way to match.
/// * `...IfExists` is true when the key is absent (anonymous requests carry no
///   principal ARN; service-to-service requests no source IP).
/// * Negated operators (`StringNotEquals`, `NotIpAddress`, …) exclude a few and
///   admit everyone else; `Null`, `Bool` and the others compare nothing that names who.
fn positive_matching(operator: &str) -> Option<Matching> {
    let op = operator.to_ascii_lowercase();
    if op.starts_with("forallvalues:") || op.ends_with("ifexists") {
        return None;
    }
    match op.strip_prefix("foranyvalue:").unwrap_or(&op) {
        "stringequals" | "stringequalsignorecase" => Some(Matching::Exact),
        "stringlike" => Some(Matching::Glob),
        "arnequals" | "arnlike" => Some(Matching::ArnGlob),
        "ipaddress" => Some(Matching::Cidr),
        _ => None,
    }
}

/// Whether one condition narrows the principals: a positive operator on a limiting key
/// whose every value names something the policy's author controls (values are ORed,
/// so one value that admits anyone admits anyone).
pub(crate) fn is_limiting(c: &Condition) -> bool {
    let Some(matching) = positive_matching(&c.operator) else {
        return false;
    };
    let key = c.key.to_ascii_lowercase();
    let Some(&(_, kind)) = LIMITING_KEYS.iter().find(|(k, _)| *k == key) else {
        return false;
    };
    if c.values.is_empty() {
        return false;
    }
    if kind == LimitingKey::Ip || matching == Matching::Cidr {
        return kind == LimitingKey::Ip
            && matching == Matching::Cidr
            && !cidrs_cover_the_internet(&c.values);
    }
    c.values.iter().all(|v| pins(kind, matching, v))
}

/// Whether the union of `IpAddress` values covers every public IPv4 or IPv6 address
/// (`0.0.0.0/0`, `::/0`, `0.0.0.0/1` with `128.0.0.0/1`…). A value that is not a CIDR
/// (a bare address is one host) adds nothing.
fn cidrs_cover_the_internet(values: &[String]) -> bool {
    use crate::network::{AddrSet, Cidr};
    let cidrs: Vec<Cidr> = values.iter().filter_map(|v| Cidr::parse(v).ok()).collect();
    let coverage = crate::network::covers_internet(&AddrSet::from_cidrs(&cidrs));
    coverage.v4_all || coverage.v6_all
}

/// Whether `text` matches more than itself under `matching`: a wildcard where the
/// operator honours them, or a policy variable (`${aws:PrincipalAccount}` is replaced
/// by the requester's own value, whoever that is) anywhere.
fn open_ended(text: &str, matching: Matching) -> bool {
    let wildcard = matching != Matching::Exact && text.contains(['*', '?']);
    wildcard || has_policy_variable(text)
}

/// `${name}` other than the escapes `${*}`, `${?}` and `${$}`, which stand for those
/// characters.
fn has_policy_variable(text: &str) -> bool {
    text.match_indices("${").any(|(i, _)| {
        let rest = text.get(i + 2..).unwrap_or_default();
        !["*}", "?}", "$}"].iter().any(|e| rest.starts_with(e))
    })
}

/// Whether one condition value narrows who for a key of `kind`.
fn pins(kind: LimitingKey, matching: Matching, value: &str) -> bool {
    // Anonymous requests carry `anonymous` as their account and user ID.
    let named = |id: &str| {
        !id.is_empty() && !open_ended(id, matching) && !id.eq_ignore_ascii_case("anonymous")
    };
    match kind {
        LimitingKey::Account | LimitingKey::OrgId | LimitingKey::Id => named(value),
        LimitingKey::OrgPath => named(value.split('/').next().unwrap_or_default()),
        LimitingKey::UserId => named(value.split(':').next().unwrap_or_default()),
        LimitingKey::Arn | LimitingKey::VpcArn => arn_pins(kind, matching, value),
        LimitingKey::Ip => false,
    }
}

/// Whether an ARN value names what one owner controls: a written-out account
/// segment, or a written-out resource name where the account segment is empty (S3
/// bucket names are global) or the key is a VPC ARN (VPC IDs are unique).
fn arn_pins(kind: LimitingKey, matching: Matching, value: &str) -> bool {
    let segments: Vec<&str> = value.splitn(6, ':').collect();
    let [_arn, _partition, service, _region, account, resource] = segments.as_slice() else {
        // Not an ARN: compared exactly it matches no request; as a pattern, it is
        // open whenever it holds a wildcard.
        return !open_ended(value, matching);
    };
    let open = |s: &str| open_ended(s, matching);
    // Under StringLike a `*` before the account segment can absorb colons and so
    // stand for any account.
    if matching == Matching::Glob && segments.iter().take(5).any(|s| open(s)) {
        return false;
    }
    let name = resource.split('/').next().unwrap_or_default();
    match kind {
        LimitingKey::VpcArn => !resource.is_empty() && !open(resource),
        _ if account.is_empty() => !name.is_empty() && !open(name) && !open(service),
        _ => !open(account),
    }
}

/// Allow statements granted to anyone without a condition that limits who.
pub fn any_principal_without_limiting_condition(policy: &Policy) -> Vec<&Statement> {
    policy
        .statements
        .iter()
        .filter(|s| {
            s.is_allow()
                && s.principal.as_ref().is_some_and(Principal::is_anyone)
                && !s.conditions.iter().any(is_limiting)
        })
        .collect()
}

/// A condition key of an OIDC identity provider, `<issuer>:<claim>`: IAM names these
/// keys after the provider's URL without `https://`, so the issuer is a host with an
/// optional path (`token.actions.githubusercontent.com:sub`, or
/// `token.actions.githubusercontent.com/<enterprise>:sub` for a GitHub Enterprise
/// Cloud enterprise that switched to a unique token URL,
/// https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect;
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OidcKey<'a> {
    /// `token.actions.githubusercontent.com`.
    pub host: &'a str,
    /// `/<enterprise>`, or empty.
    pub path: &'a str,
    /// `sub`, `aud`, `amr`, …
    pub claim: &'a str,
}

impl<'a> OidcKey<'a> {
    /// The OIDC key `key` names, or None for global and service keys (`aws:SourceIp`,
    /// `s3:prefix`), whose prefix is not a host name.
    pub(crate) fn parse(key: &'a str) -> Option<Self> {
        let (issuer, claim) = key.rsplit_once(':')?;
        let (host, path) = match issuer.find('/') {
            Some(i) => issuer.split_at(i),
            None => (issuer, ""),
        };
        (host.contains('.') && !claim.is_empty()).then_some(OidcKey { host, path, claim })
    }
}

/// The host of the OIDC provider a `Federated` principal names:
/// `arn:aws:iam::<account>:oidc-provider/<host>[/<path>]` (or the bare provider URL).
pub(crate) fn oidc_provider_host(federated: &str) -> &str {
    let issuer = federated
        .split_once(":oidc-provider/")
        .map_or(federated, |(_, issuer)| issuer);
    let issuer = issuer.strip_prefix("https://").unwrap_or(issuer);
    issuer.split('/').next().unwrap_or_default()
}

/// "allows every action", "allows s3:*", "allows iam:PassRole and ec2:RunInstances".
pub fn describe_actions(s: &Statement) -> String {
    if let Some(n) = &s.not_action {
        return format!("every action except {}", n.join(", "));
    }
    let a = s.action.clone().unwrap_or_default();
    if a.iter().any(|p| covers_every_action(p)) {
        return "every action".into();
    }
    a.join(", ")
}

/// "every resource" or the resource patterns.
pub fn describe_resources(s: &Statement) -> String {
    if s.covers_every_resource() {
        return "every resource".into();
    }
    if let Some(n) = &s.not_resource {
        return format!("every resource except {}", n.join(", "));
    }
    s.resource.clone().unwrap_or_default().join(", ")
}

/// A short hash of a statement's content, naming it in fingerprints when it has no `Sid`.
pub(crate) fn content_locator(content: &str) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(content.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("content {hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Policy {
        parse(text).unwrap()
    }

    #[test]
    fn glob_semantics() {
        assert!(glob_match("s3:Get*", "s3:GetObject", true));
        assert!(glob_match("S3:GetObject", "s3:getobject", true));
        assert!(glob_match("s3:Get?bject", "s3:GetObject", true));
        assert!(!glob_match("s3:Get?", "s3:GetObject", true));
        assert!(glob_match("*", "", true));
        assert!(glob_match("a*b*c", "aXbYbZc", false));
        assert!(!glob_match("a*b*c", "aXbYbZ", false));
        // Beyond ASCII, `?` is one character, not one byte; case folds only in ASCII.
        assert!(glob_match("arn:aws:s3:::caf?", "arn:aws:s3:::café", false));
        assert!(!glob_match(
            "arn:aws:s3:::caf??",
            "arn:aws:s3:::café",
            false
        ));
        assert!(glob_match("é*", "éa", true));
        assert!(!glob_match("É*", "éa", true));
        assert!(!glob_match("s3:Get?", "s3:Getéx", true));
    }

    /// `arn:*` up to `arn:*:*:*:*:*` is every resource; more segments, or a segment that
    /// is not only stars, is not.
    #[test]
    fn every_resource_arn_patterns() {
        for every in ["*", "**", "arn:*", "arn:*:*", "arn:*:*:*:*:*", "arn:**:*"] {
            assert!(covers_every_resource(every), "{every}");
        }
        for not in [
            "arn:*:*:*:*:*:*",
            "arn:aws:*",
            "arn:*:s3:::*",
            "arn:",
            "",
            "a*",
        ] {
            assert!(!covers_every_resource(not), "{not}");
        }
    }

    #[test]
    fn service_and_every_action_coverage() {
        assert!(covers_every_action("*"));
        assert!(covers_every_action("*:*"));
        assert!(!covers_every_action("iam:*"));
        assert!(covers_service("iam:*", "iam"));
        assert!(covers_service("IAM:*", "iam"));
        assert!(covers_service("*", "iam"));
        assert!(covers_service("i*", "iam"));
        assert!(!covers_service("iam:Get*", "iam"));
        assert!(!covers_service("iam:?", "iam"));
        assert!(!covers_service("s3:*", "iam"));
    }

    #[test]
    fn full_admin() {
        let admin =
            p(r#"{"Statement":[{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}]}"#);
        assert_eq!(is_full_admin(&admin).unwrap().name(), "statement \"Admin\"");
        let star_colon = p(r#"{"Statement":{"Effect":"Allow","Action":["*:*"],"Resource":["*"]}}"#);
        assert!(is_full_admin(&star_colon).is_some());
        let iam_only = p(r#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#);
        assert!(is_full_admin(&iam_only).is_none());
        let scoped =
            p(r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}]}"#);
        assert!(is_full_admin(&scoped).is_none());
        let deny_cancel = p(r#"{"Statement":[
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#);
        assert!(is_full_admin(&deny_cancel).is_none());
        let conditional_deny = p(r#"{"Statement":[
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}"#);
        assert!(is_full_admin(&conditional_deny).is_some());
        let deny_only = p(r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#);
        assert!(is_full_admin(&deny_only).is_none());
    }

    #[test]
    fn not_action_admin() {
        let nothing_excluded =
            p(r#"{"Statement":[{"Effect":"Allow","NotAction":"madeup:Thing","Resource":"*"}]}"#);
        assert!(is_full_admin(&nothing_excluded).is_some());
        let power_user = p(
            r#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#,
        );
        assert!(is_full_admin(&power_user).is_none());
        let s = &power_user.statements[0];
        assert!(s.covers_action("s3:GetObject"));
        assert!(!s.covers_action("IAM:CreateUser"));
        assert!(s.covers_whole_service("s3"));
        assert!(!s.covers_whole_service("iam"));
    }

    #[test]
    fn wildcard_actions() {
        let pol = p(r#"{"Statement":[
            {"Sid":"A","Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"},
            {"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
            {"Sid":"C","Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::x"}]}"#);
        let w = allows_wildcard_action(&pol);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0.sid.as_deref(), Some("A"));
        assert_eq!(w[0].1, vec!["s3:*"]);
    }

    #[test]
    fn escalation() {
        let pol = p(
            r#"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}"#,
        );
        let paths: Vec<_> = privilege_escalations(&pol)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(paths, [&["iam:PassRole", "ec2:RunInstances"][..]]);
        let two = p(
            r#"{"Statement":[{"Effect":"Allow","Action":["iam:CreateAccessKey"],"Resource":"*"},{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}"#,
        );
        let paths: Vec<_> = privilege_escalations(&two)
            .into_iter()
            .map(|(p, s)| (p, s.iter().map(|s| s.index).collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            paths,
            [
                (&["iam:CreateAccessKey"][..], vec![0]),
                (&["iam:PassRole", "ec2:RunInstances"][..], vec![1])
            ]
        );
        let pass_only =
            p(r#"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"*"}]}"#);
        assert!(privilege_escalations(&pass_only).is_empty());
        let case = p(
            r#"{"Statement":[{"Effect":"Allow","Action":"IAM:createpolicyversion","Resource":"*"}]}"#,
        );
        assert_eq!(privilege_escalations(&case).len(), 1);
        let scoped = p(
            r#"{"Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::1:policy/x"}]}"#,
        );
        assert!(privilege_escalations(&scoped).is_empty());
        let denied = p(r#"{"Statement":[
            {"Effect":"Allow","Action":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#);
        assert!(privilege_escalations(&denied).is_empty());
    }

    #[test]
    fn public_principals() {
        let open = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
        );
        assert_eq!(any_principal_without_limiting_condition(&open).len(), 1);
        let aws_star = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject","Resource":"*"}]}"#,
        );
        assert_eq!(any_principal_without_limiting_condition(&aws_star).len(), 1);
        let org = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
            "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}]}"#,
        );
        assert!(any_principal_without_limiting_condition(&org).is_empty());
        let if_exists = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
            "Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"1"}}}]}"#,
        );
        assert_eq!(
            any_principal_without_limiting_condition(&if_exists).len(),
            1
        );
        let tls_only = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
            "Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}"#,
        );
        assert_eq!(any_principal_without_limiting_condition(&tls_only).len(), 1);
        let account = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*","Resource":"*"}]}"#,
        );
        assert!(any_principal_without_limiting_condition(&account).is_empty());
        let any_ip = p(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
            "Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}"#,
        );
        assert_eq!(any_principal_without_limiting_condition(&any_ip).len(), 1);
        let deny = p(
            r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
        );
        assert!(any_principal_without_limiting_condition(&deny).is_empty());
    }

    fn cond(operator: &str, key: &str, values: &[&str]) -> Condition {
        Condition {
            operator: operator.into(),
            key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    /// (operator, key, values, limiting) rows, checked one by one with the row in the
    /// failure message.
    fn assert_table(rows: &[(&str, &str, &[&str], bool)]) {
        for (operator, key, values, want) in rows {
            assert_eq!(
                is_limiting(&cond(operator, key, values)),
                *want,
                "{operator} {key} {values:?}"
            );
        }
    }

    #[test]
    fn set_operators_and_if_exists() {
        assert_table(&[
            // ForAllValues is true when the key is absent: anonymous requests and IAM
            // roles carry no aws:username, principals outside an organization no
            // aws:PrincipalOrgID.
            (
                "ForAllValues:StringEquals",
                "aws:username",
                &["pull-user"],
                false,
            ),
            (
                "ForAllValues:StringEquals",
                "aws:PrincipalOrgID",
                &["o-abc123"],
                false,
            ),
            (
                "ForAllValues:StringLike",
                "aws:PrincipalOrgPaths",
                &["o-abc123/*"],
                false,
            ),
            (
                "ForAllValues:StringEquals",
                "aws:SourceAccount",
                &["123456789012"],
                false,
            ),
            // ForAnyValue on a single-valued key is the plain operator.
            (
                "ForAnyValue:StringEquals",
                "aws:PrincipalOrgID",
                &["o-abc123"],
                true,
            ),
            (
                "ForAnyValue:StringLike",
                "aws:PrincipalOrgPaths",
                &["o-abc123/r-ab12/*"],
                true,
            ),
            (
                "ForAnyValue:ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:role/*"],
                true,
            ),
            (
                "ForAnyValue:StringNotEquals",
                "aws:PrincipalOrgID",
                &["o-abc123"],
                false,
            ),
            // IfExists is true when the key is absent.
            (
                "StringEqualsIfExists",
                "aws:SourceAccount",
                &["123456789012"],
                false,
            ),
            (
                "ArnLikeIfExists",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:*"],
                false,
            ),
            (
                "IpAddressIfExists",
                "aws:SourceIp",
                &["203.0.113.0/24"],
                false,
            ),
            (
                "ForAnyValue:StringEqualsIfExists",
                "aws:PrincipalOrgID",
                &["o-abc123"],
                false,
            ),
            // Negated and unrelated operators admit everyone else.
            (
                "StringNotEquals",
                "aws:PrincipalAccount",
                &["123456789012"],
                false,
            ),
            (
                "ArnNotLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:*"],
                false,
            ),
            ("NotIpAddress", "aws:SourceIp", &["203.0.113.0/24"], false),
            ("Null", "aws:PrincipalOrgID", &["false"], false),
            ("Bool", "aws:SecureTransport", &["true"], false),
            // Operator names compare case-insensitively here, keys too.
            ("stringequals", "AWS:PRINCIPALORGID", &["o-abc123"], true),
            ("StringEquals", "aws:PrincipalOrgID", &[], false),
        ]);
    }

    #[test]
    fn limiting_keys() {
        assert_table(&[
            // Any account can have a user of a given name.
            ("StringEquals", "aws:username", &["pull-user"], false),
            (
                "StringEquals",
                "aws:userid",
                &["AIDAJQABLZS4A3QDU576Q"],
                true,
            ),
            ("StringLike", "aws:userid", &["AROAEXAMPLEID:*"], true),
            ("StringLike", "aws:userid", &["AIDA*"], false),
            // Anonymous requests have the user ID and account `anonymous`.
            ("StringEquals", "aws:userid", &["anonymous"], false),
            (
                "StringEquals",
                "aws:PrincipalAccount",
                &["anonymous"],
                false,
            ),
            (
                "StringEquals",
                "aws:PrincipalAccount",
                &["123456789012"],
                true,
            ),
            ("StringEquals", "aws:SourceOwner", &["123456789012"], true),
            ("StringEquals", "kms:CallerAccount", &["123456789012"], true),
            (
                "StringEquals",
                "s3:DataAccessPointAccount",
                &["123456789012"],
                true,
            ),
            // VPC endpoint owner keys, like aws:SourceVpce.
            ("StringEquals", "aws:SourceVpce", &["vpce-1a2b3c4d"], true),
            ("StringEquals", "aws:SourceVpc", &["vpc-1a2b3c4d"], true),
            ("StringEquals", "aws:VpceAccount", &["123456789012"], true),
            ("StringEquals", "aws:VpceOrgID", &["o-abc123"], true),
            (
                "ForAnyValue:StringLike",
                "aws:VpceOrgPaths",
                &["o-abc123/r-ab12/ou-ab12-11111111/*"],
                true,
            ),
            ("StringEquals", "aws:SourceOrgID", &["o-abc123"], true),
            (
                "ForAnyValue:StringEquals",
                "aws:SourceOrgPaths",
                &["o-abc123/r-ab12/"],
                true,
            ),
            (
                "ArnEquals",
                "aws:SourceVpcArn",
                &["arn:aws:ec2:us-east-1:*:vpc/vpc-1a2b3c4d"],
                true,
            ),
            (
                "ArnLike",
                "aws:SourceVpcArn",
                &["arn:aws:ec2:*:*:vpc/*"],
                false,
            ),
            // Properties of the resource are the same whoever calls.
            (
                "StringEquals",
                "aws:ResourceAccount",
                &["123456789012"],
                false,
            ),
            ("StringEquals", "aws:ResourceOrgID", &["o-abc123"], false),
            (
                "StringEquals",
                "aws:PrincipalServiceName",
                &["cloudtrail.amazonaws.com"],
                false,
            ),
            ("StringEquals", "aws:ResourceTag/team", &["data"], false),
        ]);
    }

    #[test]
    fn wildcards_and_policy_variables() {
        assert_table(&[
            // The account segment decides for principal and source ARNs.
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::*:role/reader"],
                false,
            ),
            (
                "ArnEquals",
                "aws:PrincipalArn",
                &["arn:aws:iam::*:role/reader"],
                false,
            ),
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::12345678901?:role/reader"],
                false,
            ),
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:role/*"],
                true,
            ),
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:*:iam::123456789012:role/reader"],
                true,
            ),
            (
                "StringLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::*:role/reader"],
                false,
            ),
            ("StringLike", "aws:PrincipalArn", &["*:role/reader"], false),
            (
                "StringLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:role/*"],
                true,
            ),
            // Under StringLike a `*` before the account can absorb the account.
            (
                "StringLike",
                "aws:PrincipalArn",
                &["arn:*:123456789012:role/x"],
                false,
            ),
            (
                "StringEquals",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:role/reader"],
                true,
            ),
            // One open value opens the condition: values are ORed.
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:role/a", "arn:aws:iam::*:role/b"],
                false,
            ),
            (
                "ArnLike",
                "aws:SourceArn",
                &["arn:aws:sns:us-east-1:*:topic"],
                false,
            ),
            (
                "ArnLike",
                "aws:SourceArn",
                &["arn:aws:sns:*:123456789012:*"],
                true,
            ),
            // S3 bucket names are global: a bucket ARN has no account segment.
            (
                "ArnEquals",
                "aws:SourceArn",
                &["arn:aws:s3:::app-logs"],
                true,
            ),
            (
                "ArnLike",
                "aws:SourceArn",
                &["arn:aws:s3:::app-logs/*"],
                true,
            ),
            ("ArnLike", "aws:SourceArn", &["arn:aws:s3:::app-*"], false),
            ("ArnLike", "aws:SourceArn", &["arn:aws:*:::app-logs"], false),
            ("ArnLike", "aws:SourceArn", &["*"], false),
            // Accounts, organizations and endpoints: wildcards admit anyone.
            ("StringLike", "aws:SourceAccount", &["*"], false),
            ("StringLike", "aws:SourceAccount", &["1234*"], false),
            (
                "StringLike",
                "aws:PrincipalAccount",
                &["12345678901?"],
                false,
            ),
            ("StringLike", "aws:PrincipalOrgID", &["o-*"], false),
            ("StringLike", "aws:SourceVpce", &["vpce-*"], false),
            ("StringLike", "aws:VpceAccount", &["*"], false),
            (
                "ForAnyValue:StringLike",
                "aws:PrincipalOrgPaths",
                &["*/r-ab12/*"],
                false,
            ),
            (
                "ForAnyValue:StringLike",
                "aws:PrincipalOrgPaths",
                &["o-abc123/*"],
                true,
            ),
            ("StringLike", "aws:SourceAccount", &["123456789012"], true),
            // StringEquals compares exactly: `*` is a literal no request carries.
            ("StringEquals", "aws:SourceAccount", &["*"], true),
            // A policy variable is replaced by the requester's own value.
            (
                "StringEquals",
                "aws:SourceAccount",
                &["${aws:PrincipalAccount}"],
                false,
            ),
            (
                "ArnEquals",
                "aws:PrincipalArn",
                &["arn:aws:iam::${aws:PrincipalAccount}:role/reader"],
                false,
            ),
            (
                "ArnLike",
                "aws:PrincipalArn",
                &["arn:aws:iam::123456789012:user/${aws:username}"],
                true,
            ),
            // `${*}` is an escaped literal star.
            ("StringEquals", "aws:PrincipalOrgID", &["o-abc${*}"], true),
        ]);
    }

    #[test]
    fn source_ip_ranges() {
        assert_table(&[
            ("IpAddress", "aws:SourceIp", &["203.0.113.0/24"], true),
            ("IpAddress", "aws:SourceIp", &["203.0.113.7"], true),
            ("IpAddress", "aws:SourceIp", &["0.0.0.0/0"], false),
            ("IpAddress", "aws:SourceIp", &["::/0"], false),
            (
                "IpAddress",
                "aws:SourceIp",
                &["0.0.0.0/1", "128.0.0.0/1"],
                false,
            ),
            (
                "IpAddress",
                "aws:SourceIp",
                &["203.0.113.0/24", "0.0.0.0/0"],
                false,
            ),
            (
                "ForAnyValue:IpAddress",
                "aws:SourceIp",
                &["203.0.113.0/24"],
                true,
            ),
            // IpAddress compares addresses only; string operators never match them.
            ("StringLike", "aws:SourceIp", &["203.0.113.*"], false),
            ("IpAddress", "aws:SourceAccount", &["123456789012"], false),
        ]);
    }

    #[test]
    fn oidc_condition_keys() {
        let github = "token.actions.githubusercontent.com";
        let key = |k| OidcKey::parse(k).map(|o| (o.host, o.path, o.claim));
        assert_eq!(
            key("token.actions.githubusercontent.com:sub"),
            Some((github, "", "sub"))
        );
        assert_eq!(
            key("token.actions.githubusercontent.com/my-ent:sub"),
            Some((github, "/my-ent", "sub"))
        );
        assert_eq!(
            key("oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud"),
            Some(("oidc.eks.eu-west-1.amazonaws.com", "/id/ABC123", "aud"))
        );
        assert_eq!(key("aws:SourceIp"), None);
        assert_eq!(key("s3:prefix"), None);
        assert_eq!(key("token.actions.githubusercontent.com"), None);
        assert_eq!(
            oidc_provider_host(
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
            ),
            github
        );
        assert_eq!(
            oidc_provider_host(
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/my-ent"
            ),
            github
        );
        assert_eq!(
            oidc_provider_host("cognito-identity.amazonaws.com"),
            "cognito-identity.amazonaws.com"
        );
    }

    #[test]
    fn invalid_json_is_an_error() {
        assert!(parse("{not json").is_err());
        assert!(parse(r#"{"Statement":[{"Action":"*"}]}"#).is_err());
    }

    /// A slot answers only the function that filled it, and only for its own policy: the
    /// policy without wildcards (a copy) derives its own actions.
    #[test]
    fn actions_by_keeps_each_derivation_apart() {
        fn all(p: &Policy) -> Vec<String> {
            p.statements
                .iter()
                .flat_map(|s| s.action.clone().unwrap_or_default())
                .collect()
        }
        fn count(p: &Policy) -> Vec<String> {
            vec![p.statements.len().to_string()]
        }
        let policy = p(
            r#"{"Statement":[{"Effect":"Allow","Action":["ec2:*","iam:PassRole"],"Resource":"*"}]}"#,
        );
        let both = ["ec2:*".to_string(), "iam:PassRole".to_string()];
        assert_eq!(&*policy.actions_by(0, all), &both);
        assert_eq!(&*policy.actions_by(0, all), &both);
        assert_eq!(&*policy.actions_by(0, count), &["1".to_string()]);
        assert_eq!(&*policy.actions_by(ACTION_SLOTS, all), &both);
        let reduced = policy.without_wildcards();
        assert_eq!(&*reduced.actions_by(0, all), &["iam:PassRole".to_string()]);
        assert_eq!(&*policy.clone().actions_by(0, count), &["1".to_string()]);
    }

    /// Only statements on every resource grant or cancel an action on every resource:
    /// the first such Allow that covers it, unless an unconditional Deny on every
    /// resource covers it too.
    #[test]
    fn allows_on_all_reads_only_statements_on_every_resource() {
        let policy = |deny: &str| {
            p(&format!(
                r#"{{"Statement":[
                {{"Sid":"Scoped","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/a"}},
                {{"Sid":"Any","Effect":"Allow","Action":"iam:Pass*","Resource":["arn:aws:iam::1:role/b","*"]}},
                {{"Sid":"Again","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:*"}}{deny}]}}"#
            ))
        };
        let granted = |p: &Policy| allows_on_all(p, "iam:PassRole").map(|s| s.name());
        assert_eq!(granted(&policy("")).as_deref(), Some("statement \"Any\""));
        assert_eq!(allows_on_all(&policy(""), "iam:GetRole"), None);
        let deny = r#",{"Effect":"Deny","Action":"iam:*","Resource":"*"}"#;
        assert_eq!(granted(&policy(deny)), None);
        let scoped = r#",{"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::1:role/b"}"#;
        assert!(granted(&policy(scoped)).is_some());
        let conditional = r#",{"Effect":"Deny","Action":"iam:*","Resource":"*",
            "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}"#;
        assert!(granted(&policy(conditional)).is_some());
    }
}
