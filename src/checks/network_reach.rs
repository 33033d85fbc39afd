//! `aws-vpc-resource-internet-reachable`: a resource the internet reaches through every
//! link of its path — public address, route to an internet gateway, NACL, security
//! group — with each link shown.

use std::sync::Arc;

use super::network::join_and;
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::engine::{CheckResults, Context};
use crate::network::ports::describe;
use crate::network::reach::is_critical;

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
            // A finding needs the exposure itself known: a known rule open to the
            // internet on a known route to an internet gateway. A path made only of
            // unknowns stays undecided.
            let (traffic, message) = match (&e.certain, &e.known, e.definite) {
                (_, _, true) => (
                    &e.traffic,
                    format!(
                        "{} is reachable from the internet ({}) on {}",
                        e.kind,
                        e.from_phrase(),
                        join_and(&e.ports())
                    ),
                ),
                (_, None, false) => continue,
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
                            c.from_phrase(),
                            join_and(&describe(&k.traffic)),
                        ),
                    )
                }
                (Some(c), Some(k), false) => (
                    &k.traffic,
                    format!(
                        "{} is reachable from the internet ({}) on {}; possibly also ({}) on {}",
                        e.kind,
                        c.from_phrase(),
                        join_and(&describe(&c.traffic)),
                        k.from_phrase(),
                        join_and(&describe(&k.traffic))
                    ),
                ),
                (None, Some(k), false) => (
                    &k.traffic,
                    format!(
                        "{} is possibly reachable from the internet ({}) on {}",
                        e.kind,
                        k.from_phrase(),
                        join_and(&describe(&k.traffic))
                    ),
                ),
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
            f.severity = if is_critical(traffic) {
                Severity::Critical
            } else {
                Severity::Medium
            };
            out.findings.push(f);
        }
    }
}
