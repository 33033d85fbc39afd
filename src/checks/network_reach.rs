//! `aws-vpc-resource-internet-reachable`: a resource the internet reaches through every
//! link of its path — public address, route to an internet gateway, NACL, security
//! group — with each link shown.

use std::sync::Arc;

use super::network::{join_and, opens_all_ports};
use crate::engine::CheckResults;
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::model::Model;
use crate::network::Network;
use crate::network::ports::{PortClass, PortSet, Traffic, describe, sensitive_services};
use crate::network::reach::Exposure;

/// HTTP and HTTPS, what an internet-facing load balancer is for.
fn web() -> Traffic {
    Traffic::tcp(PortSet::single(80))
        .union(&Traffic::tcp(PortSet::single(443)))
        .union(&Traffic::udp(PortSet::single(443)))
}

/// Critical when administrative or database ports, or every port, are reachable.
pub fn severity(e: &Exposure<'_>) -> Severity {
    if opens_all_ports(&e.traffic)
        || !sensitive_services(&e.traffic, PortClass::Admin).is_empty()
        || !sensitive_services(&e.traffic, PortClass::Database).is_empty()
    {
        Severity::Critical
    } else {
        Severity::Medium
    }
}

/// "SSH (tcp/22) and PostgreSQL (tcp/5432)".
pub fn ports_phrase(t: &Traffic) -> String {
    join_and(&describe(t))
}

pub fn resource_internet_reachable(check: &Arc<Check>, model: &Model, out: &mut CheckResults) {
    for net in Network::per_root(model) {
        for e in net.exposures() {
            if e.load_balancer && e.traffic.is_subset_of(&web()) {
                continue;
            }
            let how = if e.definite { "is" } else { "is possibly" };
            let message = format!(
                "{} {how} reachable from the internet ({}) on {}",
                e.kind,
                e.sources.join(" and "),
                ports_phrase(&e.traffic)
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
            f.severity = severity(&e);
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
