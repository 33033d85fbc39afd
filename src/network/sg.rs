//! Security-group rules from every form Terraform offers, normalised into one model:
//! inline `ingress`/`egress` blocks of `aws_security_group` and
//! `aws_default_security_group`, `aws_security_group_rule`, and
//! `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`.
//!
//! AWS facts: security-group rules only allow, and they add up; a rule's CIDR sources,
//! `self` and referenced groups are independent grants (a rule with `self = true` and a
//! CIDR still allows the CIDR).

use super::addr::{AddrSet, Cidr};
use super::ports::Traffic;
use crate::eval::value::Value;
use crate::model::{Body, Model, ResourceInstance};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

/// One CIDR a rule names, with where it was written.
#[derive(Debug, Clone)]
pub struct CidrSource {
    pub cidr: Cidr,
    pub value: Value,
    pub span: Span,
}

/// A normalised security-group rule.
#[derive(Debug, Clone)]
pub struct SgRule<'m> {
    /// The resource that declares the rule (the group itself for inline rules).
    pub resource: &'m ResourceInstance,
    pub direction: Direction,
    pub traffic: Traffic,
    /// Where the protocol and ports were written (the rule block or resource header).
    pub span: Span,
    pub cidrs: Vec<CidrSource>,
    /// Why part of the rule could not be known, if so.
    pub unknown: Option<String>,
}

impl SgRule<'_> {
    pub fn addresses(&self) -> AddrSet {
        AddrSet::from_cidrs(self.cidrs.iter().map(|c| &c.cidr))
    }
}

/// Every security-group rule of the model.
pub fn rules(model: &Model) -> Vec<SgRule<'_>> {
    let mut out = Vec::new();
    for rtype in ["aws_security_group", "aws_default_security_group"] {
        for sg in model.resources(rtype) {
            for (kind, dir) in [
                ("ingress", Direction::Ingress),
                ("egress", Direction::Egress),
            ] {
                for b in sg.body.blocks(kind) {
                    out.push(classic_rule(sg, &b.body, b.header, dir));
                }
            }
        }
    }
    for r in model.resources("aws_security_group_rule") {
        let dir = match r.body.attr("type").and_then(|a| a.value.as_str()) {
            Some("egress") => Direction::Egress,
            _ => Direction::Ingress,
        };
        out.push(classic_rule(r, &r.body, r.header, dir));
    }
    for (rtype, dir) in [
        ("aws_vpc_security_group_ingress_rule", Direction::Ingress),
        ("aws_vpc_security_group_egress_rule", Direction::Egress),
    ] {
        for r in model.resources(rtype) {
            out.push(vpc_rule(r, dir));
        }
    }
    out
}

/// `protocol`, `from_port`, `to_port`, `cidr_blocks`, `ipv6_cidr_blocks` (inline blocks and
/// `aws_security_group_rule`).
fn classic_rule<'m>(
    r: &'m ResourceInstance,
    body: &Body,
    span: Span,
    dir: Direction,
) -> SgRule<'m> {
    let mut unknown = None;
    let traffic = traffic(body, "protocol", "from_port", "to_port", &mut unknown);
    let mut cidrs = Vec::new();
    for attr in ["cidr_blocks", "ipv6_cidr_blocks"] {
        collect_cidrs(body, attr, &mut cidrs, &mut unknown);
    }
    SgRule {
        resource: r,
        direction: dir,
        traffic,
        span,
        cidrs,
        unknown,
    }
}

/// `ip_protocol`, `from_port`, `to_port`, `cidr_ipv4`, `cidr_ipv6`
/// (`aws_vpc_security_group_*_rule`, one source per rule).
fn vpc_rule(r: &ResourceInstance, dir: Direction) -> SgRule<'_> {
    let mut unknown = None;
    let traffic = traffic(&r.body, "ip_protocol", "from_port", "to_port", &mut unknown);
    let mut cidrs = Vec::new();
    for attr in ["cidr_ipv4", "cidr_ipv6"] {
        collect_cidrs(&r.body, attr, &mut cidrs, &mut unknown);
    }
    SgRule {
        resource: r,
        direction: dir,
        traffic,
        span: r.header,
        cidrs,
        unknown,
    }
}

fn traffic(
    body: &Body,
    proto: &str,
    from: &str,
    to: &str,
    unknown: &mut Option<String>,
) -> Traffic {
    let get = |n: &str| body.attr(n).map(|a| &a.value);
    let p = get(proto);
    let protocol = match p {
        Some(v) if v.is_unknown() => {
            unknown.get_or_insert_with(|| format!("{proto} is known only after apply"));
            return Traffic::all();
        }
        Some(v) => v.to_template_string().unwrap_or_else(|| "-1".into()),
        None => "-1".into(),
    };
    let port = |n: &str, unknown: &mut Option<String>| -> i64 {
        match get(n) {
            Some(v) if v.is_unknown() => {
                unknown.get_or_insert_with(|| format!("{n} is known only after apply"));
                -1
            }
            Some(v) => v.as_number().map_or(-1, |x| x as i64),
            None => -1,
        }
    };
    let (f, t) = (port(from, unknown), port(to, unknown));
    // A missing or unknown port on tcp/udp could be any port: judge the widest range so
    // an exposure is not missed, and say the rule is not fully known.
    let (f, t) = if f < 0 || t < 0 { (0, 65535) } else { (f, t) };
    match Traffic::from_rule(&protocol, f, t) {
        Ok(tr) => tr,
        Err(e) => {
            unknown.get_or_insert_with(|| format!("invalid rule: {e}"));
            Traffic::none()
        }
    }
}

fn collect_cidrs(body: &Body, attr: &str, out: &mut Vec<CidrSource>, unknown: &mut Option<String>) {
    let Some(a) = body.attr(attr) else { return };
    let values: Vec<&Value> = match a.value.as_list() {
        Some(items) => items.iter().collect(),
        None if a.value.is_null() => vec![],
        None => vec![&a.value],
    };
    if a.value.is_unknown() {
        unknown.get_or_insert_with(|| unknown_reason(&a.value, attr));
        return;
    }
    for v in values {
        if v.is_unknown() {
            unknown.get_or_insert_with(|| unknown_reason(v, attr));
            continue;
        }
        let Some(s) = v.as_str() else { continue };
        if let Ok(cidr) = Cidr::parse(s) {
            out.push(CidrSource {
                cidr,
                value: v.clone(),
                span: v.span_within(a.span),
            });
        }
    }
}

fn unknown_reason(v: &Value, attr: &str) -> String {
    match v.first_unknown() {
        Some(u) => format!("{attr}: {}", u.reason),
        None => format!("{attr} is known only after apply"),
    }
}
