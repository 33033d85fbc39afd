//! Network checks that follow references between resources or need exact address
//! sets: who uses a security group, which NACLs filter nothing, peering routes for all
//! traffic, EMR groups, the EKS public endpoint and OpenSearch access policies.

use foldhash::HashSet;
use std::sync::Arc;

use super::network::{Concern, concern_in};
use super::network_nacl::{
    admin_groups, foreign_note, only_ftp, opening_rules, reports_allow_all, rules_message,
};
use super::phrases::join_and;
use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::iam::{self, Reading};
use crate::model::{Body, ResourceInstance};
use crate::network::{
    AddrSet, BroadShare, Cidr, CidrSource, Direction, Evaluation, GROUP_TYPES, Nacl, NaclEntry,
    Network, Protocol, SgRule, Target, collect_cidrs, covers_internet, except_phrase,
    left_out_of_internet, nested,
};
use crate::value::{Kind, Value};

/// The CIDRs that open a rule to the internet (all of it, or more than `share` of a
/// family's), their names, and what they leave out (" (the internet except 1.0.0.0/8)",
/// empty for the whole internet).
fn open_sources<'a>(
    rule: &'a SgRule<'_>,
    share: BroadShare,
) -> Option<(Vec<&'a CidrSource>, String, String)> {
    let addresses = rule.addresses();
    if !covers_internet(&addresses).broad(share) {
        return None;
    }
    let except = except_phrase(&left_out_of_internet(&addresses, share));
    let scope = if except.is_empty() {
        String::new()
    } else {
        format!(" (the internet{except})")
    };
    let open: Vec<&CidrSource> = rule
        .cidrs
        .iter()
        .filter(|c| {
            let cov = covers_internet(&AddrSet::from_cidr(&c.cidr));
            cov.v4_fraction > 0.0 || cov.v6_fraction > 0.0
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for c in &open {
        let n = c.cidr.original().to_string();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    if open.is_empty() {
        return None;
    }
    Some((open, join_and(&names), scope))
}

fn cidr_related(open: &[&CidrSource]) -> Vec<Related> {
    open.iter()
        .flat_map(|c| provenance(&c.value, c.span, None))
        .collect()
}

check! {
    judge = http_open_non_lb,
    meta = r#"
id = "aws-vpc-sg-http-open-to-internet"
title = "HTTP open to the internet on a security group no load balancer uses"
severity = "low"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = ["CKV_AWS_260"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
]
description = """
An ingress rule admits plain HTTP (tcp/80) from the whole internet to a security group
that no load balancer of the configuration uses. A public web tier normally terminates
HTTP on a load balancer, which redirects to HTTPS; HTTP open straight to instances or
containers serves unencrypted traffic and skips the load balancer's WAF and logging.
Groups a load balancer uses are not reported, nor rules that open other ports
besides web ones, such as `0-1024` or `80-8080` (the all-ports, admin-port,
database-port and port checks report those). A rule on a group not declared here
(`security_group_id = "sg-0123"`) is undecided: a load balancer elsewhere may use it. A
reference to a group the configuration names but does not declare
(`aws_security_group.web.id` with no such block, which Terraform rejects) still names
this module's own group, and is judged like a declared one. Sources are computed exactly: `0.0.0.0/0`,
`::/0` and unions such as `0.0.0.0/1` + `128.0.0.0/1` count as the internet.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Admit HTTP only from the load balancer's security group, and let the load balancer
face the internet.

```hcl
resource "aws_vpc_security_group_ingress_rule" "web_from_lb" {
  security_group_id            = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.lb.id
}
```
"""
"#
}
/// `aws-vpc-sg-http-open-to-internet`: HTTP from the internet to a group no load
/// balancer uses.
pub fn http_open_non_lb(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let lb_groups: Vec<&Target<'_>> = net
            .attachments()
            .iter()
            .filter(|a| a.load_balancer)
            .flat_map(|a| a.groups.iter().flatten())
            .map(|l| &l.target)
            .collect();
        for rule in net.sgs.rules.iter() {
            // A rule that also opens other ports (`0-1024`) is reported by the check of
            // its root cause, which says more and rates it higher; this one stays for
            // rules that are about web traffic.
            if rule.direction != Direction::Ingress
                || !rule.traffic.allows(Protocol::Tcp, 80)
                || concern_in(cx, rule) != Some(Concern::Web)
            {
                continue;
            }
            let Some((open, names, scope)) = open_sources(rule, net.share) else {
                if let Some(reason) = &rule.unknown {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(rule.resource),
                        span: rule.span,
                        reason: reason.clone(),
                    });
                }
                continue;
            };
            let Some(first) = open.first() else { continue };
            let (target, undeclared) = match load_balancer_use(net, rule, &lb_groups) {
                LoadBalancerUse::Possible => continue,
                LoadBalancerUse::Unknown(why) => {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(rule.resource),
                        span: first.rule_span(),
                        reason: format!(
                            "allows HTTP (tcp/80) from {names}{scope}, but whether a load balancer uses the group is unknown: {why}"
                        ),
                    });
                    continue;
                }
                LoadBalancerUse::None { group, undeclared } => (group, undeclared),
            };
            let undeclared = if undeclared {
                "is not declared here and which "
            } else {
                ""
            };
            out.findings.push(Finding::new(
                check,
                rule.resource,
                format!(
                    "allows HTTP (tcp/80) from {names}{scope} to {target}, which {undeclared}no load balancer uses"
                ),
                first.rule_span(),
                &format!("ingress tcp/80 from {names}"),
                cidr_related(&open),
            ));
        }
    }
}

/// Whether a load balancer of this configuration may use a security group rule's group.
enum LoadBalancerUse<'a> {
    /// One may (or the group is a web tier for a reason this configuration cannot
    /// see): nothing to report.
    Possible,
    /// None does: the group's address, and whether this configuration names it without
    /// declaring it.
    None { group: &'a str, undeclared: bool },
    /// It cannot be told, and why.
    Unknown(String),
}

/// Whether one of `lb_groups` (the groups this configuration's load balancers use) may
/// be `rule`'s group.
fn load_balancer_use<'a>(
    net: &Network<'_>,
    rule: &'a SgRule<'_>,
    lb_groups: &[&Target<'_>],
) -> LoadBalancerUse<'a> {
    match &rule.group {
        // A group a load balancer may use is a web tier: fine.
        Target::Resource(group) if lb_groups.iter().any(|t| t.is(group) != Some(false)) => {
            LoadBalancerUse::Possible
        }
        Target::Resource(group) => LoadBalancerUse::None {
            group: &group.address,
            undeclared: false,
        },
        // A group not declared here, or known only after apply: a load balancer
        // of this configuration may name the same id; one declared elsewhere may
        // use it all the same.
        // A group this module names but does not declare (the scan reports the
        // reference as an error) is still a group of this configuration: like a
        // declared one, it is judged by this configuration's load balancers, and
        // one of them could only name it by a reference as unknown as its own.
        Target::Unknown(_)
            if let Some(address) = rule
                .resource
                .body
                .attr("security_group_id")
                .and_then(|a| net.index.undeclared(&a.value, GROUP_TYPES)) =>
        {
            if lb_groups.iter().any(|t| matches!(t, Target::Unknown(_))) {
                LoadBalancerUse::Possible
            } else {
                LoadBalancerUse::None {
                    group: address,
                    undeclared: true,
                }
            }
        }
        Target::Literal(id)
            if lb_groups
                .iter()
                .any(|t| matches!(t, Target::Literal(x) if x == id)) =>
        {
            LoadBalancerUse::Possible
        }
        Target::Literal(id) => {
            LoadBalancerUse::Unknown(format!("security group {id} is not declared here"))
        }
        Target::Unknown(why) => LoadBalancerUse::Unknown(format!("its security group: {why}")),
    }
}

check! {
    judge = sg_no_description,
    meta = r#"
id = "aws-vpc-sg-no-description"
title = "Security group or rule has no description"
severity = "low"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
]
aliases = [
  "AVD-AWS-0099",
  "AVD-AWS-0124",
  "aws-ec2-add-description-to-security-group",
  "aws-ec2-add-description-to-security-group-rule",
  "CKV_AWS_23",
]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
]
description = """
A security group without a `description`, or one of its rules (inline `ingress`/`egress`
block, `aws_security_group_rule`, `aws_vpc_security_group_*_rule`) without one, leaves
reviewers and incident responders guessing why the traffic is allowed. The provider
writes "Managed by Terraform" when a group's `description` is not set, which says
nothing; that text and an empty string are reported too. A group's description cannot
be changed without replacing the group, so set it when the group is created.
"""
remediation = """
Say what each group is for and why each rule exists.

```hcl
resource "aws_security_group" "web" {
  name        = "web"
  description = "Web servers behind the public load balancer"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "HTTPS from the load balancer"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}
```
"""
"#
}
/// `aws-vpc-sg-no-description`: groups and rules without a description.
pub fn sg_no_description(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        for g in index.resources("aws_security_group") {
            match g.body.attr("description") {
                None => out.findings.push(Finding::new(
                    check,
                    g,
                    "the security group has no description (the provider writes \"Managed by Terraform\")".into(),
                    g.header,
                    "description",
                    Vec::new(),
                )),
                Some(a) => {
                    let text = a.value.as_str().map(str::trim);
                    if matches!(text, Some("") | Some("Managed by Terraform")) {
                        out.findings.push(Finding::new(
                            check,
                            g,
                            format!(
                                "the security group's description says nothing (\"{}\")",
                                text.unwrap_or_default()
                            ),
                            a.span,
                            "description",
                            Vec::new(),
                        ));
                    }
                }
            }
        }
        for rule in net.sgs.rules.iter() {
            if rule.described {
                continue;
            }
            let dir = match rule.direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            };
            out.findings.push(Finding::new(
                check,
                rule.resource,
                format!(
                    "the {dir} rule allowing {} has no description",
                    rule.traffic
                ),
                rule.span,
                &format!("{dir} {} description", rule.traffic),
                Vec::new(),
            ));
        }
    }
}

check! {
    judge = default_sg_has_rules,
    meta = r#"
id = "aws-vpc-default-sg-has-rules"
title = "Default security group of a VPC allows traffic"
severity = "medium"
area = "network"
resources = ["aws_default_security_group", "aws_vpc"]
aliases = ["AVD-AWS-0173", "aws-ec2-restrict-all-in-default-sg", "CKV2_AWS_12"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2",
]
description = """
Every VPC has a default security group, and every resource launched without a
security group gets it. AWS creates it with two rules: all traffic from the group's own
members, and all traffic out. Keep it empty so that a forgotten `security_groups`
argument fails closed. Reported: each rule of an `aws_default_security_group` (inline
blocks and separate rule resources), and each `aws_vpc` whose default group no
`aws_default_security_group` adopts, since that group keeps AWS's two rules.
"""
remediation = """
Adopt the default group and declare no rules: Terraform then removes AWS's rules.

```hcl
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}
```
"""
"#
}
/// `aws-vpc-default-sg-has-rules`: the default group of a VPC allows traffic.
pub fn default_sg_has_rules(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        let sgs = &net.sgs;
        for g in sgs.groups.iter().filter(|g| g.is_default()) {
            for rule in sgs.rules_of(g) {
                let dir = match rule.direction {
                    Direction::Ingress => "in",
                    Direction::Egress => "out",
                };
                out.findings.push(Finding::new(
                    check,
                    rule.resource,
                    format!(
                        "the default security group allows {} {dir}; every resource launched without a security group gets this rule",
                        rule.traffic
                    ),
                    rule.span,
                    &format!("{dir} {}", rule.traffic),
                    Vec::new(),
                ));
            }
        }
        // A VPC whose default group is not adopted keeps AWS's rules.
        for vpc in index.resources("aws_vpc") {
            let adopted = sgs
                .groups
                .iter()
                .filter(|g| g.is_default())
                .any(|g| match &g.vpc {
                    Some(l) => l.target.is(vpc) != Some(false),
                    None => false,
                });
            if adopted {
                continue;
            }
            out.findings.push(Finding::new(
                check,
                vpc,
                "the VPC's default security group keeps AWS's rules (all traffic from its own members, all traffic out): no aws_default_security_group adopts it".into(),
                vpc.header,
                "default security group",
                Vec::new(),
            ));
        }
    }
}

/// Whether `v` refers to `address` anywhere inside it.
/// Adds every resource address `v` refers to (known or not) to `out`.
fn value_references<'v>(v: &'v Value, out: &mut HashSet<&'v str>) {
    match &v.kind {
        Kind::Unknown(u) => {
            if let Some(a) = u.refers_to.as_deref() {
                out.insert(a);
            }
            v.partial_values()
                .iter()
                .for_each(|x| value_references(x, out));
        }
        Kind::Resource(r) => {
            out.insert(&r.address);
        }
        Kind::List(items) | Kind::Set(items) => {
            items.iter().for_each(|x| value_references(x, out));
        }
        Kind::Map(m) => m.values().for_each(|x| value_references(x, out)),
        _ => {}
    }
}

fn body_references<'v>(b: &'v Body, out: &mut HashSet<&'v str>) {
    b.attrs
        .values()
        .for_each(|a| value_references(&a.value, out));
    b.blocks
        .iter()
        .for_each(|blk| body_references(&blk.body, out));
}

/// Why a security-group attribute of `b` (or its blocks) may name a group no reference
/// reveals: an unknown value that refers to no resource.
fn unresolved_group_ref(b: &Body) -> Option<String> {
    fn blind(v: &Value) -> bool {
        match &v.kind {
            Kind::Unknown(u) => u.refers_to.is_none(),
            Kind::List(items) | Kind::Set(items) => items.iter().any(blind),
            _ => false,
        }
    }
    // The value's kind is tested before the name: most values are known, and this
    // walks every attribute of every resource of a root with an unattached group.
    for (name, a) in &b.attrs {
        if blind(&a.value) && name.contains("security_group") {
            return Some(crate::network::unknown_reason(&a.value, name));
        }
    }
    b.blocks
        .iter()
        .find_map(|blk| unresolved_group_ref(&blk.body))
}

const RULE_TYPES: &[&str] = &[
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
];

check! {
    judge = sg_not_attached,
    meta = r#"
id = "aws-vpc-sg-not-attached"
title = "Security group is not attached to any resource"
severity = "low"
area = "network"
resources = ["aws_security_group"]
aliases = ["CKV2_AWS_5"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-groups.html",
]
description = """
No resource of the configuration refers to the security group: no instance, launch
template, load balancer, database, function, endpoint or network interface uses it
(rules that belong to it, and other groups' rules that name it as a source, do not
count). An unused group is clutter that hides the groups that matter, and its rules may
be applied later by someone who does not know what they allow. A group used only from
outside the configuration (by id in another stack) is reported too; suppress it there.
"""
remediation = """
Delete the group, or attach it to the resource it was written for.

```hcl
resource "aws_instance" "app" {
  # ...
  vpc_security_group_ids = [aws_security_group.app.id]
}
```
"""
"#
}
/// `aws-vpc-sg-not-attached`: a security group nothing in the configuration uses.
pub fn sg_not_attached(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        // A group list known only after apply, with no resource behind it (a module
        // output in a bare plan, a variable), may hold any group.
        let users = || {
            index
                .instances
                .iter()
                .filter(|r| !RULE_TYPES.contains(&&*r.rtype))
        };
        // A root without security groups has nothing to judge: its bodies are not walked.
        let mut groups = index.resources("aws_security_group").peekable();
        if groups.peek().is_none() {
            continue;
        }
        // Every address the other resources refer to, collected in one walk.
        let mut referred: HashSet<&str> = HashSet::default();
        for r in users() {
            body_references(&r.body, &mut referred);
        }
        // Looked for once, and only if some group is not referred to.
        let mut blind = None;
        for g in groups {
            if referred.contains(&*g.address) {
                continue;
            }
            let unresolved = blind.get_or_insert_with(|| {
                users().find_map(|r| unresolved_group_ref(&r.body).map(|why| (*r, why)))
            });
            if let Some((r, reason)) = unresolved {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(g),
                    span: g.header,
                    reason: format!(
                        "{} names security groups known only after apply ({reason})",
                        r.address
                    ),
                });
                continue;
            }
            out.findings.push(Finding::new(
                check,
                g,
                format!(
                    "no resource in this configuration uses {} (nothing but its own rules refers to it)",
                    g.address
                ),
                g.header,
                "attachments",
                Vec::new(),
            ));
        }
    }
}

check! {
    judge = nacl_ftp_open,
    meta = r#"
id = "aws-vpc-nacl-ftp-open-to-internet"
title = "Network ACL admits FTP from the internet"
severity = "medium"
area = "network"
resources = ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"]
aliases = ["CKV_AWS_229", "CKV_AWS_230"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
]
description = """
After its inbound rules are applied in ascending `rule_number` (first match wins,
implicit deny at the end), the network ACL allows FTP (tcp/20 or tcp/21) from the
internet, IPv4 or IPv6: every address, or more than half of them when a deny cuts out a
few public blocks (the message names them). FTP sends credentials and data in clear text. Rules that
a lower-numbered deny shadows are not counted, and an allow that covers the whole
internet only as a union of CIDRs is. Inline `ingress` blocks and
`aws_network_acl_rule` resources are both read, and a standalone rule on a network ACL
not declared here is judged on its own. A rule that allows all traffic is reported
once, by `aws-vpc-nacl-allows-all-traffic`, and rules that open other administrative
ports besides FTP by `aws-vpc-nacl-admin-port-open-to-internet`, which names FTP too.
"""
remediation = """
Deny FTP from the internet before any broad allow, or allow only the ports the subnet
serves; use SFTP or HTTPS instead of FTP.

```hcl
resource "aws_network_acl_rule" "deny_ftp" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 90
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 21
}
```
"""
"#
}
/// `aws-vpc-nacl-ftp-open-to-internet`: after first-match evaluation the NACL admits
/// FTP (tcp/20 or tcp/21) from every internet address. A rule that allows all traffic is
/// left to `aws-vpc-nacl-allows-all-traffic`, and rules that open other administrative
/// ports beside FTP to `aws-vpc-nacl-admin-port-open-to-internet`, which names FTP too.
pub fn nacl_ftp_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for (n, (ingress, _)) in net.nacls.iter().zip(&net.evaluations) {
            // The internet, or most of it (see `BroadShare`).
            let open: Vec<u16> = [20u16, 21]
                .into_iter()
                .filter(|p| {
                    let cov = covers_internet(&ingress.allowed_sources(Protocol::Tcp, *p));
                    cov.broad(net.share)
                })
                .collect();
            if open.is_empty() {
                if let Some(u) = &ingress.unknown {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(n.resource),
                        span: n.resource.header,
                        reason: u.clone(),
                    });
                }
                continue;
            }
            let entries = opening_rules(n, ingress, net.share, |t| {
                open.iter().any(|p| t.allows(Protocol::Tcp, *p))
            });
            if ftp_reported_elsewhere(cx, n, ingress, net.share, &entries) {
                continue;
            }
            let rules: Vec<&NaclEntry<'_>> =
                entries.iter().filter_map(|i| n.entries.get(*i)).collect();
            if let Some(finding) = ftp_finding(check, n, ingress, net.share, &open, &rules) {
                out.findings.push(finding);
            }
        }
    }
}

/// Whether the NACL rules (`entries`) that let FTP in are reported by a check that
/// says more: the one for rules allowing all traffic, or the administrative-port one.
fn ftp_reported_elsewhere(
    cx: &Context<'_>,
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
    entries: &[usize],
) -> bool {
    (cx.runs(super::network_nacl::ALLOWS_ALL)
        && entries
            .iter()
            .all(|i| reports_allow_all(n, ingress, *i, share)))
        // FTP is one of the administrative ports: a rule opening others too is
        // the administrative-port check's, and this one's when that does not run.
        || (cx.runs(super::network_nacl::ADMIN_PORT)
            && admin_groups(cx, n, ingress, share)
                .iter()
                .any(|g| g.entries == entries && !only_ftp(&g.services)))
}

/// The finding for `rules`, the NACL's rules that let FTP in on the `open` ports, at
/// the first rule's CIDR; `None` when there is no rule.
fn ftp_finding(
    check: &Arc<Check>,
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
    open: &[u16],
    rules: &[&NaclEntry<'_>],
) -> Option<Finding> {
    let first = rules.first()?;
    let ports: Vec<String> = open.iter().map(|p| format!("tcp/{p}")).collect();
    let at = first.cidrs.first().map_or(first.span, |c| c.span);
    let mut related: Vec<Related> = first
        .cidrs
        .iter()
        .flat_map(|c| provenance(&c.value, c.span, None))
        .collect();
    for e in rules.iter().skip(1) {
        related.push(Related {
            span: e.span,
            message: format!("{} also lets FTP in", e.label()),
        });
    }
    let sources = open.iter().fold(AddrSet::empty(), |acc, p| {
        acc.union(&ingress.allowed_sources(Protocol::Tcp, *p))
    });
    let except = except_phrase(&left_out_of_internet(&sources, share));
    let what = format!("FTP ({})", join_and(&ports));
    let message = if rules.len() == 1 {
        format!(
            "{} allows {what} from {}{except}{}",
            first.label(),
            first.sources(),
            foreign_note(n)
        )
    } else {
        format!(
            "{}{}",
            rules_message(rules, &sources, share, &what),
            foreign_note(n)
        )
    };
    Some(Finding::new(
        check,
        first.resource,
        message,
        at,
        &format!("ingress ftp {}", ports.join(",")),
        related,
    ))
}

check! {
    judge = nacl_not_associated,
    meta = r#"
id = "aws-vpc-nacl-not-associated"
title = "Network ACL is not associated with any subnet"
severity = "low"
area = "network"
resources = ["aws_network_acl"]
aliases = ["CKV2_AWS_1"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/network-acls.html",
]
description = """
The network ACL names no `subnet_ids` and no `aws_network_acl_association` attaches it,
so its rules filter nothing: the subnets meant to be behind it use the VPC's default
network ACL, which allows all traffic unless it is adopted and narrowed. The VPC's
default ACL (`aws_default_network_acl`) is not reported.
"""
remediation = """
Associate the ACL with the subnets it protects, or delete it.

```hcl
resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = aws_subnet.private[*].id
}
```
"""
"#
}
/// `aws-vpc-nacl-not-associated`: a NACL that no subnet uses filters nothing.
pub fn nacl_not_associated(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        // A NACL not declared here may be associated anywhere.
        for n in net
            .nacls
            .iter()
            .filter(|n| !n.is_default() && n.foreign.is_none())
        {
            if !n.associations.is_empty() {
                continue;
            }
            out.findings.push(Finding::new(
                check,
                n.resource,
                "the network ACL is associated with no subnet, so its rules filter nothing".into(),
                n.resource.header,
                "subnet_ids",
                Vec::new(),
            ));
        }
    }
}

check! {
    judge = default_vpc_declared,
    meta = r#"
id = "aws-vpc-default-vpc-declared"
title = "Default VPC is adopted in the configuration"
severity = "low"
area = "network"
resources = ["aws_default_vpc"]
aliases = ["AVD-AWS-0101", "aws-ec2-no-default-vpc", "CKV_AWS_148"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
]
description = """
`aws_default_vpc` adopts the region's default VPC instead of leaving it alone or
deleting it. The default VPC's subnets are public: they route to an internet gateway
and give every instance a public IPv4 address, and resources launched without a subnet
land there. Workloads belong in VPCs designed for them; the default VPC is best removed
from every region.
"""
remediation = """
Create a VPC of your own and remove the default one (outside Terraform, or with
`force_destroy = true` on `aws_default_vpc` followed by removing the resource).

```hcl
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
```
"""
"#
}
/// `aws-vpc-default-vpc-declared`: the default VPC is adopted rather than removed.
pub fn default_vpc_declared(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for vpc in cx.model.resources("aws_default_vpc") {
        out.findings.push(Finding::new(
            check,
            vpc,
            "the region's default VPC is adopted and kept: its subnets give instances public IP addresses and route to an internet gateway".into(),
            vpc.header,
            "default vpc",
            Vec::new(),
        ));
    }
}

check! {
    judge = peering_route_all,
    meta = r#"
id = "aws-vpc-peering-route-all-traffic"
title = "Route sends all traffic through a VPC peering connection"
severity = "medium"
area = "network"
resources = ["aws_route", "aws_route_table", "aws_default_route_table"]
aliases = ["CKV2_AWS_44"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html",
]
description = """
A route whose target is a VPC peering connection has a destination that covers the
whole internet (`0.0.0.0/0`, `::/0`, or an equivalent such as `0.0.0.0/1` and
`128.0.0.0/1` in one route). Peering should route only the peer's CIDR: a default route
to a peer hands it every destination the table has no narrower route for, so traffic
meant for the internet or other networks leaves through the peer, which can read it.
"""
remediation = """
Route only the peer VPC's CIDR (or the subnets that need it) over the peering
connection.

```hcl
resource "aws_route" "to_peer" {
  route_table_id            = aws_route_table.private.id
  destination_cidr_block    = "10.1.0.0/16" # the peer VPC
  vpc_peering_connection_id = aws_vpc_peering_connection.peer.id
}
```
"""
"#
}
/// `aws-vpc-peering-route-all-traffic`: a route sends every address to a peering
/// connection.
pub fn peering_route_all(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for r in cx.model.resources("aws_route") {
        peering_route(check, r, &r.body, r.header, true, out);
    }
    for t in ["aws_route_table", "aws_default_route_table"] {
        for r in cx.model.resources(t) {
            for b in nested(&r.body, "route") {
                peering_route(check, r, &b.body, b.span, false, out);
            }
        }
    }
}

fn peering_route(
    check: &Arc<Check>,
    r: &ResourceInstance,
    body: &Body,
    span: crate::source::Span,
    standalone: bool,
    out: &mut CheckResults,
) {
    let Some(peering) = body.attr("vpc_peering_connection_id") else {
        return;
    };
    if peering.value.is_null() {
        return;
    }
    let names: &[&str] = if standalone {
        &["destination_cidr_block", "destination_ipv6_cidr_block"]
    } else {
        &["cidr_block", "ipv6_cidr_block"]
    };
    let mut dests = Vec::new();
    let mut unknown = None;
    for n in names {
        collect_cidrs(body, n, &mut dests, &mut unknown);
    }
    let all: Vec<&CidrSource> = dests
        .iter()
        .filter(|d| {
            let set = AddrSet::from_cidr(&d.cidr);
            covers_internet(&set).is_open()
        })
        .collect();
    let Some(first) = all.first() else {
        if let Some(u) = unknown {
            out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(r),
                span,
                reason: u,
            });
        }
        return;
    };
    let names: Vec<String> = all.iter().map(|d| d.cidr.original().to_string()).collect();
    let mut related = vec![Related {
        span: peering.span,
        message: "the route's target is a VPC peering connection".into(),
    }];
    related.extend(cidr_related(&all));
    out.findings.push(Finding::new(
        check,
        r,
        format!(
            "routes all traffic ({}) through a VPC peering connection: the peer VPC receives every destination this table has no narrower route for",
            join_and(&names)
        ),
        first.span,
        &format!("peering route {}", names.join(",")),
        related,
    ));
}

const EMR_GROUP_ATTRS: &[(&str, &str)] = &[
    ("emr_managed_master_security_group", "master"),
    ("emr_managed_slave_security_group", "core and task"),
    ("additional_master_security_groups", "additional master"),
    (
        "additional_slave_security_groups",
        "additional core and task",
    ),
    ("service_access_security_group", "service access"),
];

check! {
    judge = emr_sg_open,
    meta = r#"
id = "aws-emr-cluster-sg-open-to-internet"
title = "EMR cluster security group is open to the internet"
severity = "high"
area = "network"
resources = [
  "aws_emr_cluster",
  "aws_security_group",
  "aws_emr_block_public_access_configuration",
]
aliases = ["CKV2_AWS_7", "CKV_AWS_390"]
references = [
  "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html",
  "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-groups.html",
]
description = """
A security group the EMR cluster uses (`ec2_attributes` master, core/task, additional
or service-access group) has an ingress rule that admits the whole internet. EMR nodes
run Hadoop, Spark, YARN and their web consoles, which are built for trusted networks;
open to the internet they have been used to run code on clusters. The finding points
at the cluster's reference to the group and lists the open rule. An
`aws_emr_block_public_access_configuration` with
`block_public_security_group_rules = false` is reported too: it lets such clusters
start at all (EMR's default is to block them).
"""
remediation = """
Admit traffic to EMR groups only from the VPC or an administration range, and keep EMR
block public access on.

```hcl
resource "aws_emr_block_public_access_configuration" "this" {
  block_public_security_group_rules = true
}
```
"""
"#
}
/// `aws-emr-cluster-sg-open-to-internet`: a group of an EMR cluster admits the internet.
pub fn emr_sg_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        let sgs = &net.sgs;
        for c in index.resources("aws_emr_cluster") {
            for ec2 in c.body.blocks("ec2_attributes") {
                for (attr, role) in EMR_GROUP_ATTRS {
                    let Some(a) = ec2.body.attr(attr) else {
                        continue;
                    };
                    // `additional_*` are comma-separated strings of ids.
                    let links = index.resolve_all(a, GROUP_TYPES, &["id", "name"]);
                    for link in links {
                        let Some(g) = link.target.resource() else {
                            continue;
                        };
                        let Some(group) = sgs.group(g) else { continue };
                        for rule in sgs.rules_of(group) {
                            if rule.direction != Direction::Ingress {
                                continue;
                            }
                            let Some((open, names, scope)) = open_sources(rule, net.share) else {
                                continue;
                            };
                            let mut related = vec![Related {
                                span: open.first().map_or(rule.span, |c| c.rule_span()),
                                message: format!(
                                    "{} allows {} from {names}",
                                    g.address, rule.traffic
                                ),
                            }];
                            related.extend(cidr_related(&open));
                            out.findings.push(Finding::new(
                                check,
                                c,
                                format!(
                                    "the cluster's {role} security group {} allows {} from {names}{scope}",
                                    g.address, rule.traffic
                                ),
                                link.span,
                                &format!("{attr} {} {} from {names}", g.address, rule.traffic),
                                related,
                            ));
                        }
                    }
                }
            }
        }
    }
    for b in cx
        .model
        .resources("aws_emr_block_public_access_configuration")
    {
        if let Some(a) = b.body.attr("block_public_security_group_rules")
            && a.value.as_bool() == Some(false)
        {
            out.findings.push(Finding::new(
                check,
                b,
                "EMR block public access is off (block_public_security_group_rules = false): clusters may be launched with groups open to the internet".into(),
                a.span,
                "block_public_security_group_rules",
                Vec::new(),
            ));
        }
    }
}

check! {
    judge = eks_public_cidrs,
    meta = r#"
id = "aws-eks-cluster-public-endpoint-open-to-internet"
title = "EKS public API endpoint accepts connections from the whole internet"
severity = "critical"
area = "kubernetes"
resources = ["aws_eks_cluster"]
aliases = ["AVD-AWS-0041", "aws-eks-no-public-cluster-access-to-cidr", "CKV_AWS_38"]
references = [
  "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
]
description = """
The cluster's public Kubernetes API endpoint is enabled and its `public_access_cidrs`
cover every internet address. The provider's defaults are
`endpoint_public_access = true` and `public_access_cidrs = ["0.0.0.0/0"]`, so a
`vpc_config` that sets neither is reported. The address sets are computed exactly:
`0.0.0.0/0` and unions such as `0.0.0.0/1` + `128.0.0.0/1` count as the whole
internet; a list of specific office or VPN ranges does not.

This finding is also the cluster's reachability: `aws-vpc-resource-internet-reachable`
does not report the endpoint again.
"""
remediation = """
Restrict the public endpoint to the ranges that administer the cluster, or turn it off
and use the private endpoint.

```hcl
resource "aws_eks_cluster" "main" {
  # ...
  vpc_config {
    subnet_ids              = aws_subnet.private[*].id
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["203.0.113.0/24"] # the office egress range
  }
}
```
"""
"#
}
/// `aws-eks-cluster-public-endpoint-open-to-internet`: the public endpoint admits the
/// whole internet.
pub fn eks_public_cidrs(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for c in cx.model.resources("aws_eks_cluster") {
        for vpc in c.body.blocks("vpc_config") {
            match crate::network::bool_attr(&vpc.body, "endpoint_public_access") {
                Ok(Some(false)) => continue,
                Err(reason) => {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(c),
                        span: vpc.header,
                        reason,
                    });
                    continue;
                }
                _ => {}
            }
            // The provider sends public_access_cidrs only when the list is not empty
            // (expandVpcConfigRequest), so `[]` leaves EKS's default, 0.0.0.0/0.
            let written = vpc.body.attr("public_access_cidrs");
            let Some(a) = written.filter(|a| !a.value.as_list().is_some_and(<[_]>::is_empty))
            else {
                let (why, at) = match written {
                    Some(empty) => ("public_access_cidrs = [] is not sent", empty.span),
                    None => ("public_access_cidrs is not set", vpc.header),
                };
                out.findings.push(Finding::new(
                    check,
                    c,
                    format!("the public Kubernetes API endpoint accepts connections from the whole internet: {why} and defaults to 0.0.0.0/0"),
                    at,
                    "vpc_config.public_access_cidrs",
                    Vec::new(),
                ));
                continue;
            };
            let mut cidrs = Vec::new();
            let mut unknown = None;
            collect_cidrs(&vpc.body, "public_access_cidrs", &mut cidrs, &mut unknown);
            let set = AddrSet::from_cidrs(cidrs.iter().map(|s| &s.cidr));
            if !covers_internet(&set).is_open() {
                if let Some(reason) = unknown {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(c),
                        span: a.span,
                        reason,
                    });
                }
                continue;
            }
            let open: Vec<&CidrSource> = cidrs
                .iter()
                .filter(|s| {
                    covers_internet(&AddrSet::from_cidr(&s.cidr)).v4_fraction > 0.0
                        || covers_internet(&AddrSet::from_cidr(&s.cidr)).v6_fraction > 0.0
                })
                .collect();
            let names: Vec<String> = open.iter().map(|s| s.cidr.original().to_string()).collect();
            let at = open.first().map_or(a.span, |s| s.span);
            out.findings.push(Finding::new(
                check,
                c,
                format!(
                    "the public Kubernetes API endpoint accepts connections from the whole internet (public_access_cidrs {})",
                    join_and(&names)
                ),
                at,
                "vpc_config.public_access_cidrs",
                cidr_related(&open),
            ));
        }
    }
}

/// The statements of a policy that let anyone in from the internet: position, statement
/// and why.
fn open_statements(doc: &serde_json::Value) -> Vec<(usize, &serde_json::Value, String)> {
    let statements: Vec<&serde_json::Value> = match doc.get("Statement") {
        Some(serde_json::Value::Array(a)) => a.iter().collect(),
        Some(s @ serde_json::Value::Object(_)) => vec![s],
        _ => Vec::new(),
    };
    statements
        .into_iter()
        .enumerate()
        .filter_map(|(i, st)| open_statement(st).map(|why| (i, st, why)))
        .collect()
}

/// Why a policy statement lets anyone in from the internet, if it does.
fn open_statement(st: &serde_json::Value) -> Option<String> {
    use serde_json::Value as J;
    let effect = st.get("Effect").and_then(J::as_str).unwrap_or("Allow");
    if effect != "Allow" {
        return None;
    }
    let is_star = |v: &J| match v {
        J::String(s) => s == "*",
        J::Array(a) => a.iter().any(|x| x.as_str() == Some("*")),
        _ => false,
    };
    let principal = st.get("Principal")?;
    let any = match principal {
        J::Object(m) => m.get("AWS").is_some_and(is_star),
        other => is_star(other),
    };
    if !any {
        return None;
    }
    let cond = st.get("Condition").and_then(J::as_object);
    let mut ips: Option<Vec<String>> = None;
    if let Some(cond) = cond {
        for (op, body) in cond {
            if !op.starts_with("IpAddress") {
                continue;
            }
            let Some(body) = body.as_object() else {
                continue;
            };
            for (k, v) in body {
                if !k.eq_ignore_ascii_case("aws:SourceIp") {
                    continue;
                }
                let list = ips.get_or_insert_with(Vec::new);
                match v {
                    J::String(s) => list.push(s.clone()),
                    J::Array(a) => {
                        list.extend(a.iter().filter_map(|x| x.as_str().map(String::from)))
                    }
                    _ => {}
                }
            }
        }
    }
    match ips {
        None => Some(
            "allows any principal (\"Principal\": \"*\") with no aws:SourceIp condition".into(),
        ),
        Some(list) => {
            let cidrs: Vec<Cidr> = list.iter().filter_map(|s| Cidr::parse(s).ok()).collect();
            if covers_internet(&AddrSet::from_cidrs(cidrs.iter())).is_open() {
                Some(format!(
                    "allows any principal (\"Principal\": \"*\") from aws:SourceIp {}, which covers the whole internet",
                    join_and(&list)
                ))
            } else {
                None
            }
        }
    }
}

const DOMAIN_TYPES: &[&str] = &["aws_opensearch_domain", "aws_elasticsearch_domain"];

check! {
    judge = opensearch_policy_open,
    meta = r#"
id = "aws-opensearch-access-policy-open-to-internet"
title = "OpenSearch access policy allows any principal from the internet"
severity = "critical"
area = "data"
resources = [
  "aws_opensearch_domain",
  "aws_opensearch_domain_policy",
  "aws_elasticsearch_domain",
  "aws_elasticsearch_domain_policy",
]
references = [
  "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html#ac-types-ip",
]
description = """
The domain has a public endpoint (no `vpc_options`) and its access policy has an
`Allow` statement for any principal (`"Principal": "*"` or `{"AWS": "*"}`) that either
has no `IpAddress` condition on `aws:SourceIp` or whose source addresses cover the whole
internet (computed exactly: `0.0.0.0/0`, or unions such as `0.0.0.0/1` +
`128.0.0.0/1`). Anyone who finds the endpoint can then send requests to the domain
without signing them. Policies in `access_policies` of the domain and of
`aws_opensearch_domain_policy`/`aws_elasticsearch_domain_policy` are read, including
those rendered from `aws_iam_policy_document`.
"""
remediation = """
Name the IAM principals that may use the domain, or restrict anonymous access to known
source addresses; better, put the domain in a VPC.

```hcl
resource "aws_opensearch_domain_policy" "main" {
  domain_name = aws_opensearch_domain.main.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.search_clients.arn }
      Action    = "es:ESHttp*"
      Resource  = "${aws_opensearch_domain.main.arn}/*"
    }]
  })
}
```
"""
"#
}
/// `aws-opensearch-access-policy-open-to-internet`.
pub fn opensearch_policy_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        let in_vpc = |d: &ResourceInstance| d.body.blocks("vpc_options").next().is_some();
        for t in DOMAIN_TYPES {
            for d in index.resources(t) {
                if !in_vpc(d) {
                    policy_finding(check, d, &d.body, out);
                }
            }
        }
        for t in [
            "aws_opensearch_domain_policy",
            "aws_elasticsearch_domain_policy",
        ] {
            for p in index.resources(t) {
                let domain =
                    index.resolve_attr(&p.body, "domain_name", DOMAIN_TYPES, &["domain_name"]);
                if let Some(d) = domain.as_ref().and_then(|l| l.target.resource())
                    && in_vpc(d)
                {
                    continue;
                }
                policy_finding(check, p, &p.body, out);
            }
        }
    }
}

fn policy_finding(check: &Arc<Check>, r: &ResourceInstance, body: &Body, out: &mut CheckResults) {
    let Some(a) = body.attr("access_policies") else {
        return;
    };
    let undecided = |out: &mut CheckResults| {
        out.unknown.push(UnknownResult {
            check: check.clone(),
            resource: ResourceRef::of(r),
            span: a.span,
            reason: crate::network::unknown_reason(&a.value, "access_policies"),
        })
    };
    // A policy known in part (the domain's own ARN in `Resource` is known only after
    // apply) is judged on its least permissive reading; when only its most permissive
    // reading is open, its unknown parts decide.
    let doc = match iam::read_policy(&a.value) {
        Reading::Known(doc) => doc,
        Reading::Partial(doc) => {
            let least = iam::reading(&doc, false);
            if open_statements(&least).is_empty() {
                if !open_statements(&iam::reading(&doc, true)).is_empty() {
                    undecided(out);
                }
                return;
            }
            least
        }
        Reading::Unknown(_) => return undecided(out),
        Reading::Invalid(_) | Reading::Absent => return,
    };
    for (i, st, why) in open_statements(&doc) {
        let label = st.get("Sid").and_then(|s| s.as_str()).map_or_else(
            || format!("statement {}", i + 1),
            |s| format!("statement \"{s}\""),
        );
        out.findings.push(Finding::new(
            check,
            r,
            format!(
                "the access policy's {label} {why}: anyone on the internet can call the domain"
            ),
            a.span,
            // Fingerprinted by Sid or content, never by position.
            &format!(
                "access_policies statement {}",
                match st.get("Sid").and_then(|s| s.as_str()) {
                    Some(sid) => format!("sid {sid}"),
                    None => crate::iam::content_locator(&st.to_string()),
                }
            ),
            provenance(&a.value, a.span, None),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::open_statement;
    use serde_json::json;

    #[test]
    fn any_principal_without_source_ip_is_open() {
        let st = json!({"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "es:*"});
        assert!(open_statement(&st).is_some());
        let st = json!({"Principal": "*", "Action": "es:*"});
        assert!(open_statement(&st).is_some(), "Effect defaults to Allow");
    }

    #[test]
    fn source_ip_is_judged_by_internet_coverage() {
        let halves = json!({"Effect": "Allow", "Principal": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}}});
        assert!(open_statement(&halves).is_some());
        let office = json!({"Effect": "Allow", "Principal": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}});
        assert!(open_statement(&office).is_none());
    }

    #[test]
    fn named_principals_denies_and_odd_shapes_are_not_open() {
        for st in [
            json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
            json!({"Effect": "Deny", "Principal": "*"}),
            json!({"Effect": "Allow"}),
            json!("not a statement"),
            json!({"Effect": 3, "Principal": ["*"], "Condition": {"IpAddress": 7}}),
            json!({"Effect": "Allow", "Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["not a cidr"]}}}),
        ] {
            let _ = open_statement(&st);
        }
        assert!(open_statement(&json!({"Effect": "Deny", "Principal": "*"})).is_none());
        assert!(
            open_statement(&json!({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}))
                .is_none()
        );
    }
}
