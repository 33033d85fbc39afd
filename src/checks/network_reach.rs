//! `aws-vpc-resource-internet-reachable`: a resource the internet reaches through every
//! link of its path — public address, route to an internet gateway, NACL, security
//! group — with each link shown.

use std::sync::Arc;

use super::network::join_and;
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::engine::{CheckResults, Context};

pub fn resource_internet_reachable(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for e in net.exposures() {
            if e.is_web_load_balancer() {
                continue;
            }
            let how = if e.definite { "is" } else { "is possibly" };
            let message = format!(
                "{} {how} reachable from the internet ({}) on {}",
                e.kind,
                e.from_phrase(),
                join_and(&e.ports())
            );
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
