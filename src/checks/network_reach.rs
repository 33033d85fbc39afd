//! `aws-vpc-resource-internet-reachable`: a resource the internet reaches through every
//! link of its path — public address, route to an internet gateway, NACL, security
//! group — with each link shown.

use std::sync::Arc;

use super::network::join_and;
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::engine::{CheckResults, Context};
use crate::network::ports::describe;

pub fn resource_internet_reachable(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for e in net.exposures() {
            if e.is_web_load_balancer() {
                continue;
            }
            let message = match (&e.certain, e.definite) {
                (_, true) => format!(
                    "{} is reachable from the internet ({}) on {}",
                    e.kind,
                    e.from_phrase(),
                    join_and(&e.ports())
                ),
                // Part of it is certain (IPv6, say, while the IPv4 address is unknown).
                (Some(c), false)
                    if c.traffic == e.traffic && c.except.is_empty() && e.except.is_empty() =>
                {
                    let more: Vec<&str> = e
                        .sources
                        .iter()
                        .filter(|s| !c.sources.contains(s))
                        .map(String::as_str)
                        .collect();
                    format!(
                        "{} is reachable from the internet ({}) on {}, and possibly also from {}",
                        e.kind,
                        c.from_phrase(),
                        join_and(&e.ports()),
                        more.join(" and ")
                    )
                }
                (Some(c), false) => format!(
                    "{} is reachable from the internet ({}) on {}; possibly also ({}) on {}",
                    e.kind,
                    c.from_phrase(),
                    join_and(&describe(&c.traffic)),
                    e.from_phrase(),
                    join_and(&e.ports())
                ),
                (None, false) => format!(
                    "{} is possibly reachable from the internet ({}) on {}",
                    e.kind,
                    e.from_phrase(),
                    join_and(&e.ports())
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
            f.severity = if e.is_critical() {
                Severity::Critical
            } else {
                Severity::Medium
            };
            out.findings.push(f);
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
        }
    }
}
