//! Network ACL checks on first-match evaluation: what a NACL really allows after its
//! rules are applied in ascending rule number, and which rules can never match.

use std::sync::Arc;

use super::network::{capped, join_and, service_phrases};
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::engine::{CheckResults, Context};
use crate::network::AddrSet;
use crate::network::internet::{covers_internet, except_phrase, internet, left_out_of_internet};
use crate::network::nacl::{Nacl, NaclEntry};
use crate::network::ports::{PortClass, Service, sensitive_services};
use crate::source::Span;

/// Where a finding about a NACL rule points: its CIDR when written, else the rule.
fn entry_span(e: &NaclEntry<'_>) -> Span {
    e.cidrs.first().map_or(e.span, |c| c.span)
}

fn entry_related(e: &NaclEntry<'_>) -> Vec<Related> {
    e.cidrs
        .iter()
        .flat_map(|c| provenance(&c.value, c.span, None))
        .collect()
}

fn unknown(check: &Arc<Check>, n: &Nacl<'_>, reason: &str, out: &mut CheckResults) {
    out.unknown.push(UnknownResult {
        check: check.clone(),
        resource: ResourceRef::of(n.resource),
        span: n.resource.header,
        reason: reason.to_string(),
    });
}

/// `aws-vpc-nacl-admin-port-open-to-internet`: after first-match evaluation, the NACL
/// admits an administrative port from the internet (IPv4 or IPv6): all of it, or more
/// than half of it when earlier deny rules cut out some public blocks.
pub fn nacl_admin_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let internet = internet();
        for (n, (ingress, _)) in net.nacls.iter().zip(&net.evaluations) {
            // Group the open services by the rules that let them in.
            let mut groups: Vec<(Vec<usize>, Vec<&Service>, AddrSet)> = Vec::new();
            for s in sensitive_services(&crate::network::Traffic::all(), PortClass::Admin) {
                // Most of the internet is the internet: a deny of a few public blocks
                // before the allow does not close the port.
                let sources = ingress.allowed_sources(s.protocol, s.port);
                let cov = covers_internet(&sources);
                if !cov.broad(net.share) {
                    continue;
                }
                let mut entries: Vec<usize> = ingress
                    .allowed()
                    .filter(|r| {
                        r.traffic.allows(s.protocol, s.port) && r.addrs.intersects(&internet)
                    })
                    .filter_map(|r| r.entry)
                    .collect();
                entries.sort_by_key(|i| n.entries.get(*i).and_then(|e| e.number));
                entries.dedup();
                match groups.iter_mut().find(|(e, _, _)| *e == entries) {
                    Some(g) => g.1.push(s),
                    None => groups.push((entries, vec![s], sources)),
                }
            }
            if groups.is_empty() {
                if let Some(u) = &ingress.unknown {
                    unknown(check, n, u, out);
                }
                continue;
            }
            for (entries, services, sources) in groups {
                let rules: Vec<&NaclEntry<'_>> =
                    entries.iter().filter_map(|i| n.entries.get(*i)).collect();
                let Some(first) = rules.first() else { continue };
                let names = capped(service_phrases(&services));
                let labels: Vec<String> = rules.iter().map(|e| e.label()).collect();
                let except = except_phrase(&left_out_of_internet(&sources, net.share));
                let message = if rules.len() == 1 {
                    let denied = if except.is_empty() {
                        ""
                    } else {
                        " (denied by earlier rules)"
                    };
                    format!(
                        "{} allows {} from {}{except}{denied}",
                        first.label(),
                        join_and(&names),
                        first.sources()
                    )
                } else {
                    let numbers: Vec<String> = rules
                        .iter()
                        .map(|e| e.number.map_or_else(|| "?".into(), |x| x.to_string()))
                        .collect();
                    let cidrs: Vec<String> = rules.iter().map(|e| e.sources()).collect();
                    let cov = covers_internet(&sources);
                    let family = match (cov.v4_broad(net.share), cov.v6_broad(net.share)) {
                        (true, true) => "IPv4 and IPv6 internet",
                        (true, false) => "IPv4 internet",
                        _ => "IPv6 internet",
                    };
                    let whole = if except.is_empty() {
                        format!("the whole {family}")
                    } else {
                        format!("the {family}{except}")
                    };
                    format!(
                        "rules {} together allow {} from {whole} ({})",
                        join_and(&numbers),
                        join_and(&names),
                        cidrs.join(", ")
                    )
                };
                let mut related = entry_related(first);
                for e in rules.iter().skip(1) {
                    related.push(Related {
                        span: entry_span(e),
                        message: format!("{} allows {} from {}", e.label(), e.traffic, e.sources()),
                    });
                }
                let attribute = format!("ingress admin via {}", labels.join(","));
                out.findings.push(Finding::new(
                    check,
                    first.resource,
                    message,
                    entry_span(first),
                    &attribute,
                    related,
                ));
            }
        }
    }
}

/// `aws-vpc-nacl-allows-all-traffic`: an ingress allow rule for every protocol and port
/// from the internet (all of it, or more than the broad share of a family's) that still
/// decides traffic from the internet after the earlier rules. Addresses that earlier
/// rules take away entirely are named ("from 0.0.0.0/0 except 1.0.0.0/8"); when earlier
/// rules take only some traffic, the message names those rules.
pub fn nacl_allows_all_traffic(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let internet = internet();
        for (n, (ingress, _)) in net.nacls.iter().zip(&net.evaluations) {
            for (i, e) in n.entries.iter().enumerate() {
                if e.egress || !e.allow || !e.traffic.is_all() {
                    continue;
                }
                let own = e.addresses();
                if !covers_internet(&own).broad(net.share) {
                    if let Some(u) = &e.unknown {
                        unknown(check, n, u, out);
                    }
                    continue;
                }
                let decided: Vec<_> = ingress
                    .regions
                    .iter()
                    .filter(|r| r.entry == Some(i) && r.addrs.intersects(&internet))
                    .collect();
                if decided.is_empty() {
                    // Shadowed: aws-vpc-nacl-rule-shadowed reports it.
                    continue;
                }
                let decided_from = decided
                    .iter()
                    .fold(AddrSet::empty(), |acc, r| acc.union(&r.addrs));
                if !covers_internet(&decided_from).broad(net.share) {
                    // Earlier rules leave it only a minority of the internet.
                    continue;
                }
                // Where the rule still admits every protocol and port, and what earlier
                // rules took away from its own internet sources.
                let all_from = decided
                    .iter()
                    .filter(|r| r.traffic.is_all())
                    .fold(AddrSet::empty(), |acc, r| acc.union(&r.addrs));
                let everything = covers_internet(&all_from).broad(net.share);
                let taken = own.intersection(&internet).difference(&all_from);
                let except = if everything {
                    except_phrase(&taken)
                } else {
                    String::new()
                };
                let own_left = except_phrase(&left_out_of_internet(&own, net.share));
                let scope = if own_left.is_empty() {
                    String::new()
                } else {
                    format!(" (the internet{own_left})")
                };
                let earlier: Vec<String> = n
                    .entries
                    .iter()
                    .filter(|x| {
                        !x.egress && x.number < e.number && x.addresses().intersects(&e.addresses())
                    })
                    .map(NaclEntry::label)
                    .collect();
                let message = if everything || earlier.is_empty() {
                    format!(
                        "{} allows all traffic from {}{scope}{except}",
                        e.label(),
                        e.sources()
                    )
                } else {
                    let verb = if earlier.len() == 1 {
                        "decides"
                    } else {
                        "decide"
                    };
                    format!(
                        "{} allows all traffic from {}{scope} except what {} {verb} first",
                        e.label(),
                        e.sources(),
                        join_and(&earlier)
                    )
                };
                out.findings.push(Finding::new(
                    check,
                    e.resource,
                    message,
                    entry_span(e),
                    &format!("ingress all from {}", e.sources()),
                    entry_related(e),
                ));
            }
        }
    }
}

/// `aws-vpc-nacl-rule-shadowed`: a rule that earlier rules leave nothing to decide.
pub fn nacl_rule_shadowed(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for (n, (ingress, egress)) in net.nacls.iter().zip(&net.evaluations) {
            for (ev, direction) in [(ingress, "ingress"), (egress, "egress")] {
                for s in &ev.shadowed {
                    let Some(e) = n.entries.get(s.entry) else {
                        continue;
                    };
                    let by: Vec<&NaclEntry<'_>> =
                        s.by.iter().filter_map(|i| n.entries.get(*i)).collect();
                    let labels: Vec<String> = by.iter().map(|x| x.label()).collect();
                    let verb = if by.len() == 1 { "decides" } else { "decide" };
                    let from = if e.egress { "to" } else { "from" };
                    let message = format!(
                        "{direction} {} ({} {} {from} {}) never applies: {} {verb} all of its traffic first",
                        e.label(),
                        e.action(),
                        e.traffic,
                        e.sources(),
                        join_and(&labels)
                    );
                    let related = by
                        .iter()
                        .map(|x| Related {
                            span: x.span,
                            message: format!(
                                "{} ({} {} {} {}) comes first",
                                x.label(),
                                x.action(),
                                x.traffic,
                                if x.egress { "to" } else { "from" },
                                x.sources()
                            ),
                        })
                        .collect();
                    let mut f = Finding::new(
                        check,
                        e.resource,
                        message,
                        e.span,
                        &format!(
                            "{direction} {} {} from {}",
                            e.action(),
                            e.traffic,
                            e.sources()
                        ),
                        related,
                    );
                    // A deny that never applies leaves open what its author meant to close; an
                    // allow that never applies is only dead configuration.
                    if e.allow {
                        f.severity = Severity::Low;
                    }
                    out.findings.push(f);
                }
                if ev.shadowed.is_empty()
                    && let Some(u) = &ev.unknown
                    && n.entries.iter().any(|e| e.number.is_none())
                {
                    unknown(check, n, u, out);
                }
            }
        }
    }
}
