//! Security-group checks on the exact rule model.
//!
//! One ingress rule open to the internet is reported once per concern, never three
//! times over:
//! * `aws-vpc-sg-all-ports-open-to-internet` — the rule admits every port of TCP or UDP,
//!   or every protocol.
//! * `aws-vpc-sg-admin-port-open-to-internet` — administrative ports, always (also for
//!   all-ports rules: it is the check tfsec/Trivy and Checkov users suppress by alias).
//! * `aws-vpc-sg-database-port-open-to-internet` — database ports, unless the rule is
//!   already reported as all ports.
//! * `aws-vpc-sg-port-open-to-internet` — any other port except HTTP/HTTPS (tcp/80,
//!   tcp/443, udp/443) and ICMP, only for rules none of the three above reports.

use std::sync::Arc;

use crate::engine::check::Check;
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::engine::{CheckResults, Context};
use crate::network::AddrSet;
use crate::network::internet::covers_internet;
use crate::network::ports::{
    PortClass, PortSet, Protocol, Service, Traffic, describe, sensitive_services,
};
use crate::network::sg::{CidrSource, Direction, SgRule};

/// `aws-vpc-sg-admin-port-open-to-internet`: an ingress rule lets the whole internet
/// (IPv4 or IPv6, alone or as a union of CIDRs) reach an administrative port.
pub fn admin_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in ingress_rules(cx) {
        let services = sensitive_services(&rule.traffic, PortClass::Admin);
        if services.is_empty() {
            continue;
        }
        let names = service_phrases(&services);
        let what = if rule.traffic.is_all() {
            format!("all traffic, including {}", join_and(&capped(names)))
        } else {
            join_and(&capped(names))
        };
        report_open(check, cx, rule, &what, out);
    }
}

/// `aws-vpc-sg-database-port-open-to-internet`: database, cache, search and broker ports.
pub fn database_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in ingress_rules(cx) {
        let services = sensitive_services(&rule.traffic, PortClass::Database);
        if services.is_empty() || opens_all_ports(&rule.traffic) {
            continue;
        }
        let names = service_phrases(&services);
        report_open(check, cx, rule, &join_and(&capped(names)), out);
    }
}

/// `aws-vpc-sg-all-ports-open-to-internet`: every protocol, or every TCP or UDP port.
pub fn all_ports_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in ingress_rules(cx) {
        if opens_all_ports(&rule.traffic) {
            report_open(check, cx, rule, &join_and(&describe(&rule.traffic)), out);
        }
    }
}

/// `aws-vpc-sg-port-open-to-internet`: any other port, when no more specific check
/// reports the rule.
pub fn port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in ingress_rules(cx) {
        let t = &rule.traffic;
        if opens_all_ports(t)
            || !sensitive_services(t, PortClass::Admin).is_empty()
            || !sensitive_services(t, PortClass::Database).is_empty()
        {
            continue;
        }
        let rest = t.difference(&unremarkable());
        if rest.is_empty() {
            continue;
        }
        report_open(check, cx, rule, &join_and(&describe(&rest)), out);
    }
}

/// `aws-vpc-sg-egress-unrestricted`: all traffic to the whole internet.
pub fn egress_unrestricted(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in cx.networks().iter().flat_map(|n| &n.sgs.rules) {
        if rule.direction != Direction::Egress || !rule.traffic.is_all() {
            continue;
        }
        let open = open_cidrs(rule);
        let Some(first) = open.first() else { continue };
        if !covers_internet(&rule.addresses()).is_open() {
            continue;
        }
        let sources = source_names(&open);
        let mut related = Vec::new();
        for c in &open {
            related.extend(provenance(&c.value, c.span, None));
        }
        out.findings.push(Finding::new(
            check,
            rule.resource,
            format!("allows all outbound traffic to {}", join_and(&sources)),
            first.rule_span(),
            &format!("egress all to {}", sources.join(",")),
            related,
        ));
    }
}

/// Web traffic and ICMP, which the generic check does not report.
fn unremarkable() -> Traffic {
    Traffic::tcp(PortSet::single(80))
        .union(&Traffic::tcp(PortSet::single(443)))
        .union(&Traffic::udp(PortSet::single(443)))
        .union(&Traffic::protocol(Protocol::Icmp))
        .union(&Traffic::protocol(Protocol::Icmpv6))
}

/// Every protocol, or every port of TCP or UDP.
pub fn opens_all_ports(t: &Traffic) -> bool {
    t.is_all() || t.tcp_ports().is_all() || t.udp_ports().is_all()
}

/// Every ingress rule of every root; whether its sources cover the internet is the
/// caller's question.
fn ingress_rules<'a, 'm>(cx: &'a Context<'m>) -> impl Iterator<Item = &'a SgRule<'m>> + 'a {
    cx.networks()
        .iter()
        .flat_map(|n| &n.sgs.rules)
        .filter(|r| r.direction == Direction::Ingress)
}

fn open_cidrs<'a>(rule: &'a SgRule<'_>) -> Vec<&'a CidrSource> {
    rule.cidrs
        .iter()
        .filter(|c| {
            let cov = covers_internet(&AddrSet::from_cidr(&c.cidr));
            cov.v4_fraction > 0.0 || cov.v6_fraction > 0.0
        })
        .collect()
}

/// The sources as written: CIDRs, and prefix lists with their entries
/// ("prefix list aws_ec2_managed_prefix_list.x (0.0.0.0/1, 128.0.0.0/1)").
fn source_names(open: &[&CidrSource]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in open {
        match &c.via {
            Some((list, _)) => match lists.iter_mut().find(|(l, _)| l == list) {
                Some((_, entries)) => entries.push(c.cidr.original()),
                None => lists.push((list, vec![c.cidr.original()])),
            },
            None => {
                let name = c.cidr.original().to_string();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    for (list, entries) in lists {
        out.push(format!("prefix list {list} ({})", entries.join(", ")));
    }
    out
}

/// "SSH (tcp/22)", with consecutive ports of one service merged: "MongoDB (tcp/27017-27019)".
pub fn service_phrases(services: &[&Service]) -> Vec<String> {
    let mut runs: Vec<(&str, Protocol, u16, u16)> = Vec::new();
    for s in services {
        match runs.last_mut() {
            Some((name, proto, _, end))
                if *name == s.name
                    && *proto == s.protocol
                    && end.checked_add(1) == Some(s.port) =>
            {
                *end = s.port;
            }
            _ => runs.push((s.name, s.protocol, s.port, s.port)),
        }
    }
    runs.into_iter()
        .map(|(name, proto, from, to)| {
            if from == to {
                format!("{name} ({proto}/{from})")
            } else {
                format!("{name} ({proto}/{from}-{to})")
            }
        })
        .collect()
}

/// Name a handful of services; a rule that opens dozens says how many more.
pub fn capped(mut names: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 4;
    if names.len() > SHOWN + 1 {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("{more} more"));
    }
    names
}

/// Reports `rule` as admitting `what` from the internet, or records it as undecided
/// when its sources are not fully known.
fn report_open(
    check: &Arc<Check>,
    cx: &Context<'_>,
    rule: &SgRule<'_>,
    what: &str,
    out: &mut CheckResults,
) {
    let share = cx.share;
    let coverage = covers_internet(&rule.addresses());
    let open = open_cidrs(rule);
    let first = match open.first() {
        // Most of the internet is the internet (`BroadShare`); a list of specific public
        // addresses is not.
        Some(first) if coverage.broad(share) => *first,
        _ => {
            if let Some(reason) = &rule.unknown {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(rule.resource),
                    span: rule.span,
                    reason: reason.clone(),
                });
            }
            return;
        }
    };
    let sources = source_names(&open);
    let mut message = format!("allows {what} from {}", join_and(&sources));
    let shares: Vec<String> = [
        (
            "IPv4",
            coverage.v4_broad(share) && !coverage.v4_all,
            coverage.v4_fraction,
        ),
        (
            "IPv6",
            coverage.v6_broad(share) && !coverage.v6_all,
            coverage.v6_fraction,
        ),
    ]
    .into_iter()
    .filter(|(_, partial, _)| *partial)
    .map(|(family, _, share)| format!("{:.1}% of the {family} internet", share * 100.0))
    .collect();
    if !shares.is_empty() {
        message.push_str(&format!(" ({})", shares.join(", ")));
    }
    let at = first.rule_span();
    let mut related: Vec<Related> = Vec::new();
    for c in &open {
        if c.rule_span() != at {
            related.push(Related {
                span: c.rule_span(),
                message: format!("{} is also open", c.cidr.original()),
            });
        }
        if let Some((list, _)) = &c.via {
            related.push(Related {
                span: c.span,
                message: format!("{} is an entry of {list}", c.cidr.original()),
            });
        }
        related.extend(provenance(&c.value, c.span, None));
    }
    if let Some(span) = rule.self_source {
        related.push(Related {
            span,
            message: "self = true adds the group's own members; it does not narrow the CIDRs"
                .into(),
        });
    }
    if rule.span != rule.resource.header && rule.span != at {
        related.push(Related {
            span: rule.span,
            message: format!("this rule allows {}", rule.traffic),
        });
    }
    // The fingerprint names the rule by what it allows, not by its position.
    let attribute = format!("ingress {} from {}", rule.traffic, sources.join(","));
    out.findings.push(Finding::new(
        check,
        rule.resource,
        message,
        at,
        &attribute,
        related,
    ));
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
