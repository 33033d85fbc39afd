//! Network ACLs: `aws_network_acl` (inline `ingress`/`egress` blocks),
//! `aws_network_acl_rule`, `aws_default_network_acl`, and their subnet associations
//! (`subnet_ids`, `aws_network_acl_association`).
//!
//! AWS facts (<https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html>):
//! NACL rules are evaluated per direction in ascending rule number; the first rule whose
//! protocol, ports and CIDR match decides (allow or deny); traffic no rule matches is
//! denied by the final `*` rule. NACLs are stateless: replies need an egress allow.
//! When Terraform adopts a default NACL it removes every rule it does not declare. A
//! subnet associated with no NACL uses its VPC's default NACL, which AWS creates allowing
//! all traffic in and out.

use foldhash::HashMap;

use super::addr::AddrSet;
use super::ports::{Protocol, Traffic};
use super::refs::{Index, Link, Target, elements, nested};
use super::sg::{CidrSource, collect_cidrs, rule_traffic};
use crate::model::{Body, ResourceInstance};
use crate::source::Span;

pub const NACL_TYPES: &[&str] = &["aws_network_acl", "aws_default_network_acl"];

/// One NACL rule.
#[derive(Debug, Clone)]
pub struct NaclEntry<'m> {
    /// The resource that declares the rule (the NACL for inline rules).
    pub resource: &'m ResourceInstance,
    /// The rule block, or the rule resource's header.
    pub span: Span,
    /// `rule_no` / `rule_number`; `None` when known only after apply.
    pub number: Option<i64>,
    pub egress: bool,
    pub allow: bool,
    pub traffic: Traffic,
    /// `cidr_block` and `ipv6_cidr_block`.
    pub cidrs: Vec<CidrSource>,
    pub unknown: Option<String>,
}

impl NaclEntry<'_> {
    pub fn addresses(&self) -> AddrSet {
        AddrSet::from_cidrs(self.cidrs.iter().map(|c| &c.cidr))
    }

    /// "rule 100", as engineers name NACL rules.
    pub fn label(&self) -> String {
        match self.number {
            Some(n) => format!("rule {n}"),
            None => "a rule with an unknown number".to_string(),
        }
    }

    /// "allow" or "deny".
    pub fn action(&self) -> &'static str {
        if self.allow { "allow" } else { "deny" }
    }

    /// The CIDRs as written, joined: "0.0.0.0/0", "::/0".
    pub fn sources(&self) -> String {
        let list: Vec<&str> = self.cidrs.iter().map(|c| c.cidr.original()).collect();
        list.join(", ")
    }
}

/// Where a subnet is associated with a NACL.
#[derive(Debug, Clone)]
pub struct Association<'m> {
    pub subnet: Target<'m>,
    /// The element of `subnet_ids` or the association resource's `subnet_id`.
    pub span: Span,
    pub declared_by: &'m ResourceInstance,
}

/// A network ACL with its rules and subnets.
#[derive(Debug, Clone)]
pub struct Nacl<'m> {
    pub resource: &'m ResourceInstance,
    /// The VPC (`vpc_id`, or the VPC whose `default_network_acl_id` a default NACL
    /// adopts).
    pub vpc: Option<Link<'m>>,
    pub associations: Vec<Association<'m>>,
    pub entries: Vec<NaclEntry<'m>>,
    /// Set for a network ACL this configuration does not declare, which rules or
    /// associations name (`network_acl_id = "acl-0123"`, or an id known only after
    /// apply): what names it. `resource` is then the first rule or association naming it.
    pub foreign: Option<String>,
}

impl<'m> Nacl<'m> {
    pub fn is_default(&self) -> bool {
        &*self.resource.rtype == "aws_default_network_acl"
    }

    /// The address of the NACL, or "network ACL acl-0123" for one not declared here.
    pub fn name(&self) -> String {
        match &self.foreign {
            Some(what) => what.clone(),
            None => self.resource.address.to_string(),
        }
    }

    /// First-match evaluation of one direction.
    pub fn evaluate(&self, egress: bool) -> Evaluation {
        let entries: Vec<(usize, &NaclEntry<'m>)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.egress == egress)
            .collect();
        let mut ev = evaluate(&entries);
        if let Some(what) = &self.foreign {
            // Its other rules are not declared here: a lower-numbered one may decide
            // first, and what no rule here matches is not known to be denied.
            ev.unknown.get_or_insert_with(|| {
                format!("{what} is not declared here: its other rules are unknown")
            });
        }
        ev
    }
}

/// Every NACL of the model with its rules and associations; O(NACLs + rules +
/// associations): each rule finds its NACL by a hash lookup.
pub fn nacls<'m>(index: &Index<'m>) -> Vec<Nacl<'m>> {
    let mut out: Vec<Nacl<'m>> = Vec::new();
    let mut by_name = NaclsByName::default();
    for r in index.resources("aws_network_acl") {
        out.push(Nacl {
            resource: r,
            vpc: index.resolve_attr(&r.body, "vpc_id", &["aws_vpc"], &["id"]),
            associations: subnet_ids(index, r),
            entries: inline_entries(r),
            foreign: None,
        });
    }
    for r in index.resources("aws_default_network_acl") {
        out.push(Nacl {
            resource: r,
            vpc: index.resolve_attr(&r.body, "default_network_acl_id", &["aws_vpc"], &[]),
            associations: subnet_ids(index, r),
            entries: inline_entries(r),
            foreign: None,
        });
    }
    for (i, n) in out.iter().enumerate() {
        by_name.declared.entry(&*n.resource.address).or_insert(i);
    }
    for r in index.resources("aws_network_acl_rule") {
        let Some(nacl) = linked_nacl(index, r, &mut out, &mut by_name) else {
            continue;
        };
        let mut unknown = None;
        let number = number(&r.body, "rule_number", &mut unknown);
        let egress = match r.body.attr("egress") {
            Some(a) if a.value.is_unknown() => {
                unknown.get_or_insert_with(|| "egress is known only after apply".into());
                false
            }
            // The provider's default is ingress.
            Some(a) => a.value.as_bool().unwrap_or(false),
            None => false,
        };
        let entry = entry(r, &r.body, r.header, number, egress, "rule_action", unknown);
        nacl.entries.push(entry);
    }
    for r in index.resources("aws_network_acl_association") {
        let Some(nacl) = linked_nacl(index, r, &mut out, &mut by_name) else {
            continue;
        };
        if let Some(s) = index.resolve_attr(&r.body, "subnet_id", &["aws_subnet"], &["id"]) {
            nacl.associations.push(Association {
                subnet: s.target,
                span: s.span,
                declared_by: r,
            });
        }
    }
    out
}

/// The network ACL a rule or association names in `network_acl_id`: one declared here,
/// else the one that stands for an id not declared here (`acl-0123`, or an id known
/// only after apply), added on first use so that the rules naming it are judged together.
fn linked_nacl<'o, 'm>(
    index: &Index<'m>,
    r: &'m ResourceInstance,
    nacls: &'o mut Vec<Nacl<'m>>,
    by_name: &mut NaclsByName<'m>,
) -> Option<&'o mut Nacl<'m>> {
    let link = index.resolve_attr(&r.body, "network_acl_id", NACL_TYPES, &["id"])?;
    let foreign = match &link.target {
        Target::Resource(target) => {
            let i = by_name.declared.get(&*target.address)?;
            return nacls.get_mut(*i);
        }
        Target::Literal(id) => format!("network ACL {id}"),
        Target::Unknown(why) => format!("a network ACL known only after apply ({why})"),
    };
    let i = match by_name.foreign.get(&foreign) {
        Some(i) => *i,
        None => {
            by_name.foreign.insert(foreign.clone(), nacls.len());
            nacls.push(Nacl {
                resource: r,
                vpc: None,
                associations: Vec::new(),
                entries: Vec::new(),
                foreign: Some(foreign),
            });
            nacls.len() - 1
        }
    };
    nacls.get_mut(i)
}

/// Indices into the NACL list while it is built: declared NACLs by address, and those
/// not declared here by what names them.
#[derive(Default)]
struct NaclsByName<'m> {
    declared: HashMap<&'m str, usize>,
    foreign: HashMap<String, usize>,
}

/// Which NACL filters a subnet, found by hash lookups: built once per network in
/// O(NACLs + associations).
pub struct NaclLookup {
    /// The first NACL (index) with an association naming the subnet, by its address.
    by_subnet: HashMap<Box<str>, usize>,
    /// The associations whose subnet is known only after apply, in order: (NACL index,
    /// association index).
    pub unknown: Vec<(usize, usize)>,
    /// The first default NACL of each VPC declared here, by the VPC's address.
    default_by_vpc: HashMap<Box<str>, usize>,
}

impl NaclLookup {
    pub fn build(nacls: &[Nacl<'_>]) -> NaclLookup {
        let mut out = NaclLookup {
            by_subnet: HashMap::default(),
            unknown: Vec::new(),
            default_by_vpc: HashMap::default(),
        };
        for (i, n) in nacls.iter().enumerate() {
            for (j, a) in n.associations.iter().enumerate() {
                match &a.subnet {
                    Target::Resource(s) => {
                        out.by_subnet.entry(Box::from(&*s.address)).or_insert(i);
                    }
                    Target::Unknown(_) => out.unknown.push((i, j)),
                    Target::Literal(_) => {}
                }
            }
            if n.is_default()
                && let Some(vpc) = n.vpc.as_ref().and_then(|l| l.target.resource())
            {
                out.default_by_vpc
                    .entry(Box::from(&*vpc.address))
                    .or_insert(i);
            }
        }
        out
    }

    /// The first NACL associated with the subnet.
    pub fn associated(&self, subnet: &ResourceInstance) -> Option<usize> {
        self.by_subnet.get(&*subnet.address).copied()
    }

    /// The first default NACL of the VPC.
    pub fn default_of(&self, vpc: &ResourceInstance) -> Option<usize> {
        self.default_by_vpc.get(&*vpc.address).copied()
    }
}

fn subnet_ids<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Vec<Association<'m>> {
    let Some(a) = r.body.attr("subnet_ids") else {
        return Vec::new();
    };
    if a.value.is_unknown() {
        return vec![Association {
            subnet: Target::Unknown(super::refs::unknown_reason(&a.value, "subnet_ids")),
            span: a.span,
            declared_by: r,
        }];
    }
    elements(&a.value)
        .into_iter()
        .map(|v| Association {
            subnet: index.resolve(v, &["aws_subnet"], &["id"]),
            span: v.span_within(a.span),
            declared_by: r,
        })
        .collect()
}

fn inline_entries(r: &ResourceInstance) -> Vec<NaclEntry<'_>> {
    let mut out = Vec::new();
    for (kind, egress) in [("ingress", false), ("egress", true)] {
        for b in nested(&r.body, kind) {
            let mut unknown = b.unknown;
            let number = number(&b.body, "rule_no", &mut unknown);
            out.push(entry(r, &b.body, b.span, number, egress, "action", unknown));
        }
    }
    out
}

fn number(body: &Body, name: &str, unknown: &mut Option<String>) -> Option<i64> {
    let a = body.attr(name)?;
    if a.value.is_unknown() {
        unknown.get_or_insert_with(|| format!("{name} is known only after apply"));
        return None;
    }
    a.value.as_number().map(|n| n as i64)
}

fn entry<'m>(
    r: &'m ResourceInstance,
    body: &Body,
    span: Span,
    number: Option<i64>,
    egress: bool,
    action_attr: &str,
    mut unknown: Option<String>,
) -> NaclEntry<'m> {
    let traffic = rule_traffic(body, "protocol", "from_port", "to_port", &mut unknown);
    let allow = match body.attr(action_attr) {
        Some(a) if a.value.is_unknown() => {
            unknown.get_or_insert_with(|| format!("{action_attr} is known only after apply"));
            false
        }
        Some(a) => a
            .value
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("allow")),
        None => false,
    };
    let mut cidrs = Vec::new();
    for attr in ["cidr_block", "ipv6_cidr_block"] {
        collect_cidrs(body, attr, &mut cidrs, &mut unknown);
    }
    NaclEntry {
        resource: r,
        span,
        number,
        egress,
        allow,
        traffic,
        cidrs,
        unknown,
    }
}

/// A part of the (address, traffic) space and the rule that decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Index into [`Nacl::entries`]; `None` for the final `*` rule (implicit deny).
    pub entry: Option<usize>,
    pub allow: bool,
    pub addrs: AddrSet,
    pub traffic: Traffic,
}

/// A rule that can never match: earlier rules decide all of its traffic.
#[derive(Debug, Clone, PartialEq)]
pub struct Shadowed {
    pub entry: usize,
    /// The earlier rules that overlap it, in evaluation order.
    pub by: Vec<usize>,
}

/// The outcome of first-match evaluation of one direction of a NACL.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Disjoint regions covering every (address, traffic) pair.
    pub regions: Vec<Region>,
    pub shadowed: Vec<Shadowed>,
    /// Why the result may differ after apply (an unknown rule number, CIDR, port).
    pub unknown: Option<String>,
}

impl Evaluation {
    /// Every address from which `protocol`/`port` is allowed.
    pub fn allowed_sources(&self, protocol: Protocol, port: u16) -> AddrSet {
        self.regions
            .iter()
            .filter(|r| r.allow && r.traffic.allows(protocol, port))
            .fold(AddrSet::empty(), |acc, r| acc.union(&r.addrs))
    }

    /// The allowed regions.
    pub fn allowed(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.allow)
    }

    /// The denied regions (explicit rules and the final `*` rule).
    pub fn denied(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| !r.allow)
    }
}

/// A product of an address set and a traffic set.
type Cell = (AddrSet, Traffic);

/// First-match evaluation: each rule decides what it matches of the space earlier rules
/// left undecided. `entries` are (index, rule) of one direction, in any order.
fn evaluate(entries: &[(usize, &NaclEntry<'_>)]) -> Evaluation {
    let mut ordered: Vec<&(usize, &NaclEntry<'_>)> = entries.iter().collect();
    // Ascending rule number; a rule whose number is unknown goes last (and the result
    // says it may differ). AWS rejects duplicate numbers in one direction; a stable sort
    // keeps declaration order among them.
    ordered.sort_by_key(|(_, e)| e.number.unwrap_or(i64::MAX));
    let mut out = Evaluation::default();
    let mut undecided: Vec<Cell> = vec![(AddrSet::all(), Traffic::all())];
    for (pos, (i, e)) in ordered.iter().enumerate() {
        if let Some(u) = &e.unknown {
            out.unknown
                .get_or_insert_with(|| format!("{} of {}: {u}", e.label(), e.resource.address));
        }
        let a = e.addresses();
        let mut decided: Vec<Cell> = Vec::new();
        let mut next: Vec<Cell> = Vec::new();
        for (b, u) in undecided {
            let ab = b.intersection(&a);
            let ut = u.intersection(&e.traffic);
            if ab.is_empty() || ut.is_empty() {
                next.push((b, u));
                continue;
            }
            let rest_addrs = b.difference(&a);
            if !rest_addrs.is_empty() {
                next.push((rest_addrs, u.clone()));
            }
            let rest_traffic = u.difference(&e.traffic);
            if !rest_traffic.is_empty() {
                next.push((ab.clone(), rest_traffic));
            }
            decided.push((ab, ut));
        }
        undecided = merge(next);
        if decided.is_empty() {
            if !a.is_empty() && !e.traffic.is_empty() {
                let by = ordered
                    .iter()
                    .take(pos)
                    .filter(|(_, x)| {
                        x.addresses().intersects(&a)
                            && !x.traffic.intersection(&e.traffic).is_empty()
                    })
                    .map(|(j, _)| *j)
                    .collect();
                out.shadowed.push(Shadowed { entry: *i, by });
            }
            continue;
        }
        for (addrs, traffic) in merge(decided) {
            out.regions.push(Region {
                entry: Some(*i),
                allow: e.allow,
                addrs,
                traffic,
            });
        }
    }
    for (addrs, traffic) in undecided {
        out.regions.push(Region {
            entry: None,
            allow: false,
            addrs,
            traffic,
        });
    }
    out
}

/// Joins cells with equal traffic (or equal addresses), keeping the list short; cells
/// stay disjoint because their union is the same set.
fn merge(cells: Vec<Cell>) -> Vec<Cell> {
    let mut by_traffic: Vec<Cell> = Vec::new();
    for (a, t) in cells {
        match by_traffic.iter_mut().find(|(_, x)| *x == t) {
            Some(cell) => cell.0 = cell.0.union(&a),
            None => by_traffic.push((a, t)),
        }
    }
    let mut out: Vec<Cell> = Vec::new();
    for (a, t) in by_traffic {
        match out.iter_mut().find(|(x, _)| *x == a) {
            Some(cell) => cell.1 = cell.1.union(&t),
            None => out.push((a, t)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mode;
    use crate::network::addr::Cidr;
    use crate::source::FileId;
    use proptest::prelude::*;
    use std::net::IpAddr;
    use std::sync::Arc;

    fn resource() -> ResourceInstance {
        ResourceInstance {
            address: Arc::from("aws_network_acl.t"),
            mode: Mode::Managed,
            rtype: "aws_network_acl".into(),
            name: "t".into(),
            module: Arc::from([]),
            root: Arc::from(""),
            header: Span {
                file: FileId(0),
                start: 0,
                end: 1,
            },
            body: Arc::new(Body::default()),
            representative: false,
        }
    }

    fn rule<'m>(
        r: &'m ResourceInstance,
        n: i64,
        allow: bool,
        cidr: &str,
        proto: &str,
        from: i64,
        to: i64,
    ) -> NaclEntry<'m> {
        NaclEntry {
            resource: r,
            span: r.header,
            number: Some(n),
            egress: false,
            allow,
            traffic: Traffic::from_rule(proto, from, to).unwrap(),
            cidrs: vec![CidrSource {
                cidr: Cidr::parse(cidr).unwrap(),
                value: crate::value::Value::string(cidr),
                span: r.header,
                via: None,
            }],
            unknown: None,
        }
    }

    /// The brute-force model: the first rule (by number) that matches decides.
    fn first_match(entries: &[NaclEntry<'_>], addr: IpAddr, proto: Protocol, port: u16) -> bool {
        let mut sorted: Vec<&NaclEntry<'_>> = entries.iter().collect();
        sorted.sort_by_key(|e| e.number);
        for e in sorted {
            if e.addresses().contains_addr(addr) && e.traffic.allows(proto, port) {
                return e.allow;
            }
        }
        false
    }

    fn region_decides(ev: &Evaluation, addr: IpAddr, proto: Protocol, port: u16) -> bool {
        let matching: Vec<&Region> = ev
            .regions
            .iter()
            .filter(|r| r.addrs.contains_addr(addr) && r.traffic.allows(proto, port))
            .collect();
        assert_eq!(matching.len(), 1, "regions must partition the space");
        matching[0].allow
    }

    fn eval_all(nacl: &Nacl<'_>) -> Evaluation {
        nacl.evaluate(false)
    }

    #[test]
    fn deny_before_allow_wins() {
        let r = resource();
        let nacl = Nacl {
            resource: &r,
            vpc: None,
            associations: vec![],
            foreign: None,
            entries: vec![
                rule(&r, 200, true, "0.0.0.0/0", "-1", 0, 0),
                rule(&r, 100, false, "0.0.0.0/0", "tcp", 22, 22),
            ],
        };
        let ev = eval_all(&nacl);
        let any: IpAddr = "8.8.8.8".parse().unwrap();
        assert!(!region_decides(&ev, any, Protocol::Tcp, 22));
        assert!(region_decides(&ev, any, Protocol::Tcp, 443));
        assert!(ev.allowed_sources(Protocol::Tcp, 22).is_empty());
        assert!(ev.shadowed.is_empty());
        // IPv6 matches no rule: the final * rule denies it.
        let v6: IpAddr = "2001:db8::1".parse().unwrap();
        assert!(!region_decides(&ev, v6, Protocol::Tcp, 443));
    }

    #[test]
    fn a_rule_covered_by_earlier_rules_is_shadowed() {
        let r = resource();
        let nacl = Nacl {
            resource: &r,
            vpc: None,
            associations: vec![],
            foreign: None,
            entries: vec![
                rule(&r, 100, true, "0.0.0.0/1", "-1", 0, 0),
                rule(&r, 110, true, "128.0.0.0/1", "tcp", 0, 65535),
                rule(&r, 120, false, "10.0.0.0/8", "tcp", 22, 22),
                rule(&r, 130, false, "200.0.0.0/8", "udp", 53, 53),
            ],
        };
        let ev = eval_all(&nacl);
        assert_eq!(ev.shadowed.len(), 1);
        assert_eq!(ev.shadowed[0].entry, 2);
        assert_eq!(ev.shadowed[0].by, vec![0]);
    }

    fn arb_rule() -> impl Strategy<Value = (i64, bool, u32, u8, u8, u16, u16)> {
        (
            1i64..200,
            any::<bool>(),
            any::<u32>(),
            0u8..=32,
            0u8..3,
            0u16..100,
            0u16..100,
        )
    }

    proptest! {
        #[test]
        fn evaluation_agrees_with_first_match(
            rules in proptest::collection::vec(arb_rule(), 0..8),
            probes in proptest::collection::vec((any::<u32>(), 0u8..3, 0u16..110), 1..40),
        ) {
            let r = resource();
            let mut used = std::collections::HashSet::new();
            let mut entries = Vec::new();
            for (n, allow, addr, len, p, a, b) in rules {
                if !used.insert(n) {
                    continue;
                }
                let addr = std::net::Ipv4Addr::from(addr & !(u32::MAX.checked_shr(u32::from(len)).unwrap_or(0)));
                let proto = ["tcp", "udp", "-1"][usize::from(p)];
                let (from, to) = (a.min(b), a.max(b));
                entries.push(rule(&r, n, allow, &format!("{addr}/{len}"), proto, i64::from(from), i64::from(to)));
            }
            let nacl = Nacl { resource: &r, vpc: None, associations: vec![], entries, foreign: None };
            let ev = eval_all(&nacl);
            for (addr, p, port) in probes {
                let addr = IpAddr::V4(std::net::Ipv4Addr::from(addr));
                let proto = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp][usize::from(p)];
                prop_assert_eq!(
                    region_decides(&ev, addr, proto, port),
                    first_match(&nacl.entries, addr, proto, port)
                );
            }
            // Probe the rules' own network addresses too, where the boundaries are.
            for e in &nacl.entries {
                for c in &e.cidrs {
                    let addr = c.cidr.network();
                    for port in [0u16, 22, 53, 99] {
                        prop_assert_eq!(
                            region_decides(&ev, addr, Protocol::Tcp, port),
                            first_match(&nacl.entries, addr, Protocol::Tcp, port)
                        );
                    }
                }
            }
            // A shadowed rule is never the first match of any probe.
            for s in &ev.shadowed {
                let e = &nacl.entries[s.entry];
                prop_assert!(!ev.regions.iter().any(|g| g.entry == Some(s.entry)));
                prop_assert!(!e.addresses().is_empty());
            }
        }
    }
}
