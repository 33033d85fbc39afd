//! Security-group checks on the exact rule model.

use std::sync::Arc;

use crate::engine::CheckResults;
use crate::engine::check::Check;
use crate::engine::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::model::Model;
use crate::network::AddrSet;
use crate::network::internet::covers_internet;
use crate::network::ports::{PortClass, sensitive_services};
use crate::network::sg::{self, Direction};

/// `aws-vpc-sg-admin-port-open-to-internet`: an ingress rule lets the whole internet
/// (IPv4 or IPv6, alone or as a union of CIDRs) reach an administrative port.
pub fn admin_port_open(check: &Arc<Check>, model: &Model, out: &mut CheckResults) {
    sensitive_port_open(check, model, out, PortClass::Admin);
}

fn sensitive_port_open(
    check: &Arc<Check>,
    model: &Model,
    out: &mut CheckResults,
    class: PortClass,
) {
    for rule in sg::rules(model) {
        if rule.direction != Direction::Ingress {
            continue;
        }
        let services = sensitive_services(&rule.traffic, class);
        let coverage = covers_internet(&rule.addresses());
        if services.is_empty() || !(coverage.v4_all || coverage.v6_all) {
            if let Some(reason) = &rule.unknown
                && (!services.is_empty() || rule.cidrs.is_empty())
            {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(rule.resource),
                    span: rule.span,
                    reason: reason.clone(),
                });
            }
            continue;
        }
        // The CIDRs that reach the internet, in the order written; the first is the
        // location, the others and where each was written are related.
        let open: Vec<_> = rule
            .cidrs
            .iter()
            .filter(|c| {
                let cov = covers_internet(&AddrSet::from_cidr(&c.cidr));
                cov.v4_fraction > 0.0 || cov.v6_fraction > 0.0
            })
            .collect();
        let Some(first) = open.first() else { continue };
        let sources: Vec<String> = open.iter().map(|c| c.cidr.original().to_string()).collect();
        let mut names: Vec<String> = services
            .iter()
            .map(|s| format!("{} ({}/{})", s.name, s.protocol, s.port))
            .collect();
        // Name a handful of services; a rule that opens dozens says how many more.
        const SHOWN: usize = 4;
        if names.len() > SHOWN + 1 {
            let more = names.len() - SHOWN;
            names.truncate(SHOWN);
            names.push(format!("{more} more"));
        }
        let what = if rule.traffic.is_all() {
            format!("all traffic, including {}", join_and(&names))
        } else {
            join_and(&names)
        };
        let message = format!("allows {what} from {}", join_and(&sources));
        let mut related: Vec<Related> = Vec::new();
        for c in &open {
            if c.span != first.span {
                related.push(Related {
                    span: c.span,
                    message: format!("{} is also open", c.cidr.original()),
                });
            }
            related.extend(provenance(&c.value, c.span, None));
        }
        if rule.span != rule.resource.header && rule.span != first.span {
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
            first.span,
            &attribute,
            related,
        ));
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
