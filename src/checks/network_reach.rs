//! `aws-vpc-resource-internet-reachable`: a resource the internet reaches through every
//! link of its path — public address, route to an internet gateway, NACL, security
//! group — with each link shown.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::network::{Concern, concern_in, finding_span};
use super::phrases::join_and;
use crate::check::{Check, Severity};
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, instance_list};
use crate::network::{
    Direction, Exposure, HopKind, Network, SgRule, Traffic, describe, is_critical, web_traffic,
};
use crate::source::Span;

/// This check's id.
const ID: &str = "aws-vpc-resource-internet-reachable";

check! {
    judge = resource_internet_reachable,
    meta = r#"
id = "aws-vpc-resource-internet-reachable"
title = "Resource is reachable from the internet"
severity = "critical"
area = "network"
resources = [
  "aws_instance",
  "aws_lb",
  "aws_alb",
  "aws_elb",
  "aws_db_instance",
  "aws_rds_cluster_instance",
  "aws_redshift_cluster",
  "aws_ecs_service",
  "aws_autoscaling_group",
  "aws_eks_cluster",
  "aws_elasticache_cluster",
  "aws_elasticache_replication_group",
  "aws_opensearch_domain",
  "aws_elasticsearch_domain",
  "aws_lambda_function",
]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html",
  "https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
]
description = """
Every link of a path from the internet to the resource lets traffic through:

1. the resource has a public address (`associate_public_ip_address`, the subnet's
   `map_public_ip_on_launch`, an Elastic IP, `publicly_accessible`, an internet-facing
   load balancer, `assign_public_ip`), or a public IPv6 address (`ipv6_address_count`,
   `ipv6_addresses`, a launch template's interface, the subnet's
   `assign_ipv6_address_on_creation`, a dualstack load balancer: every IPv6 address AWS
   assigns is globally routable);
2. its subnet's route table — the explicitly associated one, else the VPC's main table —
   sends the internet (`0.0.0.0/0`, `::/0`, or routes covering it, by longest prefix
   match) to an internet gateway (an egress-only internet gateway carries outbound IPv6
   only and makes nothing reachable);
3. the subnet's network ACL, evaluated in rule-number order, admits the traffic from
   the internet and lets the replies out;
4. one of its security groups admits the traffic from the internet.

"The internet" is every globally routable address of a family, or more than half of
them: a NACL that denies one public block before allowing `0.0.0.0/0` still exposes
the resource, and the message says from what ("0.0.0.0/0 except 1.0.0.0/8"). A
specific public address is never the internet.

An EKS cluster's public API endpoint is a path of its own: AWS runs it outside the VPC,
so only `endpoint_public_access` (default `true`) and `public_access_cidrs` (default
`0.0.0.0/0`) decide who reaches it. ElastiCache nodes and OpenSearch domains and Lambda
functions in a VPC never get a public address, so they are not reachable through an
internet gateway whatever their security groups allow (they are still drawn by
`tfscan exposure`). An Auto Scaling group's instances are judged with the groups and
public-address setting of their launch template or launch configuration.

The finding names the ports that get through and lists each link as a related
location. Severity is critical when administrative or database ports, or every port,
are reachable, medium otherwise; an internet-facing load balancer reachable only on
HTTP and HTTPS is what load balancers are for and is not reported. When a link depends
on a value known only after apply, the path is *possible*, never certain, and the
result is undecided with the unknown listed. It is also a finding, "possibly reachable",
only when the exposure itself is known: a known security-group rule admits the internet
and a known route sends it to an internet gateway, and only links around them (the
public address, the NACL) are unknown; the finding then names what those known links
expose, and its severity follows that. A path made only of unknowns (a subnet declared
elsewhere or known only after apply, a rule's sources, a security group not declared
here, which may allow anything) is undecided, never a finding.

One finding per root cause. When a certain path goes through security-group rules that
their own checks report (`aws-vpc-sg-*-open-to-internet`) or through an EKS endpoint's
`public_access_cidrs` (`aws-eks-cluster-public-endpoint-open-to-internet`), the cause is
already a finding, with its own aliases, fingerprint and ignores: that finding names
the resources it makes reachable (a related location per resource block, the
instances of one block together) and takes this check's severity when it is higher
(critical for administrative or database ports), and this check reports nothing more.
When only part of the reached traffic goes through reported rules (SSH through a
reported rule, HTTP through one on a group a load balancer uses), this finding stays
for the rest, with the severity of the rest, and names the rule findings it shares the
cause with. A possible path stays whole: its unknown links are what it adds. An ignore
on the rule thus covers the resources it makes reachable, and with the rule's check
skipped this check reports the whole path. `tfscan exposure` lists every reachable
resource whatever reports it.
"""
remediation = """
Break the path at the link that should not be there: move the resource to a private
subnet (routed through a NAT gateway), drop its public address, or narrow the
security group to the sources that need it.

```hcl
resource "aws_instance" "app" {
  subnet_id                   = aws_subnet.private[0].id
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.app.id]
}
```
"""
"#
}
pub fn resource_internet_reachable(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for e in net.exposures() {
            if e.is_web_load_balancer() {
                continue;
            }
            if !e.definite {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(e.resource),
                    span: e.resource.header,
                    reason: format!(
                        "the path is possible, not certain: {}",
                        e.reasons.join("; ")
                    ),
                });
            }
            let Some((traffic, message)) = reachable_message(e) else {
                continue;
            };
            let related: Vec<Related> = e
                .hops
                .iter()
                .filter_map(|h| {
                    h.span
                        .filter(|s| *s != e.resource.header)
                        .map(|span| Related {
                            span,
                            message: h.label.clone(),
                        })
                })
                .collect();
            let mut f = Finding::new(
                check,
                e.resource,
                message,
                e.resource.header,
                "internet-reachable",
                related,
            );
            f.severity = severity_of(traffic);
            out.findings.push(f);
        }
    }
}

/// What an exposure lets in (which rates the finding) and the finding's message; `None`
/// when nothing of the exposure is known.
fn reachable_message<'e>(e: &'e Exposure<'_>) -> Option<(&'e Traffic, String)> {
    // A finding needs the exposure itself known: a known rule open to the
    // internet on a known route to an internet gateway. A path made only of
    // unknowns stays undecided.
    Some(match (&e.certain, &e.known, e.definite) {
        (_, _, true) => (
            &e.traffic,
            format!(
                "{} is reachable from the internet ({}) on {}",
                e.kind,
                e.origin_phrase(),
                join_and(&e.ports())
            ),
        ),
        (_, None, false) => return None,
        // Part of it is certain (IPv6, say, while the IPv4 address is unknown).
        (Some(c), Some(k), false)
            if c.traffic == k.traffic && c.except.is_empty() && k.except.is_empty() =>
        {
            let more: Vec<&str> = k
                .sources
                .iter()
                .filter(|s| !c.sources.contains(s))
                .map(String::as_str)
                .collect();
            let also = if more.is_empty() {
                String::new()
            } else {
                format!(", and possibly also from {}", more.join(" and "))
            };
            (
                &k.traffic,
                format!(
                    "{} is reachable from the internet ({}) on {}{also}",
                    e.kind,
                    c.origin_phrase(),
                    join_and(&describe(&k.traffic)),
                ),
            )
        }
        (Some(c), Some(k), false) => (
            &k.traffic,
            format!(
                "{} is reachable from the internet ({}) on {}; possibly also ({}) on {}",
                e.kind,
                c.origin_phrase(),
                join_and(&describe(&c.traffic)),
                k.origin_phrase(),
                join_and(&describe(&k.traffic))
            ),
        ),
        (None, Some(k), false) => (
            &k.traffic,
            format!(
                "{} is possibly reachable from the internet ({}) on {}",
                e.kind,
                k.origin_phrase(),
                join_and(&describe(&k.traffic))
            ),
        ),
    })
}

/// The check that reports an EKS public endpoint open to the whole internet.
const EKS_ENDPOINT_OPEN: &str = "aws-eks-cluster-public-endpoint-open-to-internet";

/// A finding that reports one link of a path on its own: its check, root, resource and,
/// for a security-group rule, where (the rule's first source open to the internet).
type CauseKey = (&'static str, Arc<str>, Arc<str>, Option<Span>);

/// Where a finding sits among the checks' results: (part, index).
type At = (usize, usize);

/// One link of a definite path that a rule check may report on its own, with the part of
/// the exposure that goes through it.
struct Cause {
    key: CauseKey,
    traffic: Traffic,
}

/// A resource that a rule finding makes reachable: what the rule finding gains.
struct Reached {
    address: Arc<str>,
    kind: &'static str,
    header: Span,
    traffic: Traffic,
    from: String,
    gateway: Option<String>,
}

/// One finding per root cause. A resource reachable from the internet through security-group
/// rules (or an EKS endpoint's `public_access_cidrs`) that their own checks report is
/// not a second finding: each of those rule findings lists the resources it makes
/// reachable and takes the reachability's severity, and the reachability finding is
/// dropped. When only part of the reached traffic goes through reported rules, the
/// reachability finding stays for the rest and names the rule findings it shares the
/// cause with. A possible path stays as it is: what is unknown on it is what it adds.
/// Runs once every check has run, before ignores and the baseline, so an ignore on a
/// rule covers what the rule makes reachable, and a rule check that did not run leaves
/// the reachability finding whole.
pub fn share_causes(cx: &Context<'_>, parts: &mut [CheckResults]) {
    let (reach, owners) = reach_and_cause_findings(parts);
    if reach.is_empty() || owners.is_empty() {
        return;
    }
    let mut exposures: HashMap<(&str, &str), (&Network<'_>, &Exposure<'_>)> = HashMap::new();
    for net in cx.networks() {
        for e in net.exposures() {
            exposures.insert((&*e.resource.root, &*e.resource.address), (net, e));
        }
    }
    let rules_at = ingress_rules_at(cx);
    let mut gains: HashMap<At, Vec<Reached>> = HashMap::new();
    let mut folded: HashSet<At> = HashSet::new();
    for at in reach {
        let Some(f) = parts.get(at.0).and_then(|p| p.findings.get(at.1)) else {
            continue;
        };
        let Some((net, e)) = exposures
            .get(&(&*f.resource.root, &*f.resource.address))
            .copied()
        else {
            continue;
        };
        if !e.definite {
            continue;
        }
        let causes = causes_of(cx, net, e, &rules_at);
        let (explained, unexplained): (Vec<&Cause>, Vec<&Cause>) =
            causes.iter().partition(|c| owners.contains_key(&c.key));
        if explained.is_empty() {
            continue;
        }
        let rest = unshared_traffic(e, &explained, &unexplained);
        for c in &explained {
            if let Some(owner) = owners.get(&c.key) {
                gains.entry(*owner).or_default().push(Reached {
                    address: e.resource.address.clone(),
                    kind: e.kind,
                    header: e.resource.header,
                    traffic: c.traffic.clone(),
                    from: e.origin_phrase(),
                    gateway: e.gateway.clone(),
                });
            }
        }
        if rest.is_empty() {
            folded.insert(at);
        } else if let Some(f) = parts.get_mut(at.0).and_then(|p| p.findings.get_mut(at.1)) {
            narrow(f, e, &rest, &explained);
        }
    }
    for (owner, reached) in gains {
        if let Some(f) = parts
            .get_mut(owner.0)
            .and_then(|p| p.findings.get_mut(owner.1))
        {
            gain(f, reached);
        }
    }
    for (pi, part) in parts.iter_mut().enumerate() {
        let mut fi = 0;
        part.findings.retain(|_| {
            fi += 1;
            !folded.contains(&(pi, fi - 1))
        });
    }
}

/// Where the reachability findings are, and the findings of the checks that report a
/// cause, by the cause they report.
fn reach_and_cause_findings(parts: &[CheckResults]) -> (Vec<At>, HashMap<CauseKey, At>) {
    let mut reach: Vec<At> = Vec::new();
    let mut owners: HashMap<CauseKey, At> = HashMap::new();
    for (pi, part) in parts.iter().enumerate() {
        for (fi, f) in part.findings.iter().enumerate() {
            let id = f.check.id.as_str();
            if id == ID {
                reach.push((pi, fi));
            } else if let Some(owner) = cause_check(id) {
                let span = (owner != EKS_ENDPOINT_OPEN).then_some(f.span);
                owners.insert(
                    (
                        owner,
                        f.resource.root.clone(),
                        f.resource.address.clone(),
                        span,
                    ),
                    (pi, fi),
                );
            }
        }
    }
    (reach, owners)
}

/// Every network's ingress security-group rules, by the span their findings point at.
fn ingress_rules_at<'c>(cx: &'c Context<'_>) -> HashMap<Span, Vec<&'c SgRule<'c>>> {
    let mut rules_at: HashMap<Span, Vec<&SgRule<'_>>> = HashMap::new();
    for rule in cx.networks().iter().flat_map(|n| &n.sgs.rules) {
        if rule.direction == Direction::Ingress
            && let Some(span) = finding_span(rule)
        {
            rules_at.entry(span).or_default().push(rule);
        }
    }
    rules_at
}

/// The exposure's traffic that stays the reachability finding's: what goes through no
/// reported cause, and what a rule no check reports also admits. A load balancer's web
/// traffic is not (see `Exposure::is_web_load_balancer`).
fn unshared_traffic(e: &Exposure<'_>, explained: &[&Cause], unexplained: &[&Cause]) -> Traffic {
    let through = |cs: &[&Cause]| {
        cs.iter()
            .fold(Traffic::none(), |acc, c| acc.union(&c.traffic))
    };
    let rest = e
        .traffic
        .difference(&through(explained))
        .union(&e.traffic.intersection(&through(unexplained)));
    if e.load_balancer {
        rest.difference(&web_traffic())
    } else {
        rest
    }
}

/// Narrows a reachability finding to the traffic it keeps, naming the rule findings it
/// shares the rest with.
fn narrow(f: &mut Finding, e: &Exposure<'_>, rest: &Traffic, explained: &[&Cause]) {
    let shared = e.traffic.difference(rest);
    let by: Vec<String> = explained
        .iter()
        .map(|c| format!("{} reports on {}", c.key.0, c.key.2))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    f.message = format!(
        "{} is reachable from the internet ({}) on {} (and on {} through the rule{} {})",
        e.kind,
        e.origin_phrase(),
        join_and(&describe(rest)),
        join_and(&describe(&shared)),
        if by.len() == 1 { "" } else { "s" },
        join_and(&by),
    );
    f.severity = severity_of(rest);
}

/// The check that reports a link a reachability path may share: a security-group
/// ingress rule open to the internet, or an EKS endpoint's sources.
fn cause_check(id: &str) -> Option<&'static str> {
    Concern::ALL
        .into_iter()
        .map(Concern::check_id)
        .chain([EKS_ENDPOINT_OPEN])
        .find(|c| *c == id)
}

/// The links of a definite path that rule checks may report: the EKS endpoint's sources,
/// else each security-group rule on the path with the traffic it lets through.
fn causes_of(
    cx: &Context<'_>,
    net: &Network<'_>,
    e: &Exposure<'_>,
    rules_at: &HashMap<Span, Vec<&SgRule<'_>>>,
) -> Vec<Cause> {
    let endpoint = e.subnet.is_none()
        && net
            .attachments()
            .iter()
            .any(|a| a.endpoint.is_some() && std::ptr::eq(a.resource, e.resource));
    if endpoint {
        return vec![Cause {
            key: (
                EKS_ENDPOINT_OPEN,
                e.resource.root.clone(),
                e.resource.address.clone(),
                None,
            ),
            traffic: e.traffic.clone(),
        }];
    }
    let mut causes = Vec::new();
    for hop in e.hops.iter().filter(|h| h.kind == HopKind::SecurityGroup) {
        let Some(span) = hop.span else { continue };
        // A module's rule has one span in every root that calls the module: only this
        // root's rule lets the internet into this root's resource.
        let rules = rules_at.get(&span).into_iter().flatten();
        for rule in rules.filter(|r| r.resource.root == e.resource.root) {
            let Some(c) = concern_in(cx, rule) else {
                continue;
            };
            let traffic = rule.traffic.intersection(&e.traffic);
            if traffic.is_empty() {
                continue;
            }
            causes.push(Cause {
                key: (
                    c.check_id(),
                    rule.resource.root.clone(),
                    rule.resource.address.clone(),
                    Some(span),
                ),
                traffic,
            });
        }
    }
    causes
}

/// Critical when administrative or database ports, or every port, are reachable; medium
/// otherwise.
fn severity_of(traffic: &Traffic) -> Severity {
    if is_critical(traffic) {
        Severity::Critical
    } else {
        Severity::Medium
    }
}

/// A rule finding gains the reachability's severity when that is higher, and the other
/// resources it makes reachable: their names in its message and a related location per
/// resource block (the instances of one block together).
fn gain(f: &mut Finding, mut reached: Vec<Reached>) {
    let severity = reached
        .iter()
        .map(|r| severity_of(&r.traffic))
        .max()
        .unwrap_or(Severity::Medium);
    f.severity = f.severity.max(severity);
    // An EKS endpoint's sources make the cluster itself reachable: nothing to add.
    reached.retain(|r| r.address != f.resource.address);
    if reached.is_empty() {
        return;
    }
    reached.sort_by(|a, b| a.address.cmp(&b.address));
    reached.dedup_by(|a, b| a.address == b.address);
    let names: Vec<&str> = reached.iter().map(|r| &*r.address).collect();
    f.message = format!(
        "{}; it makes {} reachable from the internet",
        f.message,
        instance_list(&names)
    );
    let mut blocks: Vec<Span> = reached.iter().map(|r| r.header).collect();
    blocks.sort();
    blocks.dedup();
    for header in blocks {
        let here: Vec<&Reached> = reached.iter().filter(|r| r.header == header).collect();
        let Some(first) = here.first() else { continue };
        let names: Vec<&str> = here.iter().map(|r| &*r.address).collect();
        let traffic = here
            .iter()
            .fold(Traffic::none(), |acc, r| acc.union(&r.traffic));
        let via = first
            .gateway
            .as_ref()
            .map(|g| format!(" through internet gateway {g}"))
            .unwrap_or_default();
        let (what, verb) = if here.len() == 1 {
            (format!("{} {}", first.kind, first.address), "is")
        } else {
            (
                format!("{} ({}s)", instance_list(&names), first.kind),
                "are",
            )
        };
        f.relate(Related {
            span: header,
            message: format!(
                "{what} {verb} reachable from the internet ({}) on {} by this rule{via}",
                first.from,
                join_and(&describe(&traffic))
            ),
        });
    }
}
