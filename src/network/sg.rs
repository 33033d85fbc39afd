//! Security-group rules from every form Terraform offers, normalised into one model:
//! inline `ingress`/`egress` blocks of `aws_security_group` and
//! `aws_default_security_group`, `aws_security_group_rule`, and
//! `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`.
//!
//! AWS facts: security-group rules only allow, and they add up; a rule's CIDR sources,
//! `self`, prefix lists and referenced groups are independent grants (a rule with
//! `self = true` and a CIDR still allows the CIDR). A managed prefix list stands for its
//! entries' CIDRs. Terraform removes the allow-all egress rule AWS puts in a new group,
//! and `aws_default_security_group` removes every rule it does not declare, so the rules
//! below are all the rules a group has.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html>

use foldhash::HashMap;

use super::addr::{AddrSet, Cidr};
use super::ports::Traffic;
use super::refs::{Index, Link, Target, elements, nested, unknown_reason};
use crate::model::{Body, ResourceInstance};
use crate::source::Span;
use crate::value::Value;

pub const GROUP_TYPES: &[&str] = &["aws_security_group", "aws_default_security_group"];
const PREFIX_LIST_TYPES: &[&str] = &["aws_ec2_managed_prefix_list"];

/// The one check (`crate::checks::network`, which names it) that reports an ingress rule open to the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    AllPorts,
    Admin,
    Database,
    /// Ports no more specific check names.
    Port,
    Icmp,
    /// Only HTTP/HTTPS.
    Web,
}

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
    /// Set when the CIDR is an entry of a managed prefix list the rule names: the list's
    /// address and where the rule names it.
    pub via: Option<(String, Span)>,
}

impl CidrSource {
    /// Where a finding about this CIDR points: the rule's own text.
    pub fn rule_span(&self) -> Span {
        self.via.as_ref().map_or(self.span, |(_, s)| *s)
    }
}

/// A normalised security-group rule.
#[derive(Debug, Clone)]
pub struct SgRule<'m> {
    /// The resource that declares the rule (the group itself for inline rules).
    pub resource: &'m ResourceInstance,
    pub direction: Direction,
    pub traffic: Traffic,
    /// For an ICMP or ICMPv6 rule, the ICMP type and code it names (`from_port` and
    /// `to_port`; -1 for every one).
    pub icmp: Option<(i64, i64)>,
    /// Where the rule is written (the rule block or the rule resource's header).
    pub span: Span,
    /// The group the rule belongs to.
    pub group: Target<'m>,
    /// CIDR sources (destinations for egress), including the entries of named prefix
    /// lists that are declared here.
    pub cidrs: Vec<CidrSource>,
    /// Referenced security groups.
    pub groups: Vec<Link<'m>>,
    /// Where `self = true` is written, if it is.
    pub self_source: Option<Span>,
    /// Named managed prefix lists.
    pub prefix_lists: Vec<Link<'m>>,
    /// Whether the rule carries a non-empty description.
    pub described: bool,
    /// Why part of the rule could not be known, if so.
    pub unknown: Option<String>,
    /// Which check owns the rule (`checks::network::concern_in`), found when first
    /// asked: by whether the all-ports check runs (index 1) or not (index 0).
    pub concern: [std::sync::OnceLock<Option<Concern>>; 2],
}

impl SgRule<'_> {
    /// Every address the rule's CIDRs and resolved prefix lists admit.
    pub fn addresses(&self) -> AddrSet {
        AddrSet::from_cidrs(self.cidrs.iter().map(|c| &c.cidr))
    }
}

/// A security group and the rules that belong to it.
#[derive(Debug, Clone)]
pub struct SecurityGroup<'m> {
    pub resource: &'m ResourceInstance,
    /// `vpc_id`, when set.
    pub vpc: Option<Link<'m>>,
    /// Indices into [`SgModel::rules`].
    pub rules: Vec<usize>,
}

impl SecurityGroup<'_> {
    pub fn is_default(&self) -> bool {
        &*self.resource.rtype == "aws_default_security_group"
    }
}

/// Every security group and rule of the model.
pub struct SgModel<'m> {
    pub rules: Vec<SgRule<'m>>,
    pub groups: Vec<SecurityGroup<'m>>,
    /// Index into `groups` by the group's address (the first group of an address).
    by_address: HashMap<&'m str, usize>,
    /// The default group of each VPC (by the VPC's address; the first one declared),
    /// and of no VPC declared here (`None`).
    defaults: HashMap<Option<&'m str>, usize>,
    /// Indices into `rules` of the rules whose `security_group_id` is known only after
    /// apply (and names no resource), in order.
    pub unknown_group: Vec<usize>,
}

impl<'m> SgModel<'m> {
    /// O(groups + rules): each rule finds its group by a hash lookup.
    pub fn build(index: &Index<'m>) -> SgModel<'m> {
        let rules = rules(index);
        let mut groups: Vec<SecurityGroup<'m>> = GROUP_TYPES
            .iter()
            .flat_map(|t| index.resources(t))
            .map(|r| SecurityGroup {
                resource: r,
                vpc: index.resolve_attr(&r.body, "vpc_id", &["aws_vpc"], &["id"]),
                rules: Vec::new(),
            })
            .collect();
        let mut by_address: HashMap<&'m str, usize> = HashMap::default();
        let mut defaults: HashMap<Option<&'m str>, usize> = HashMap::default();
        for (i, g) in groups.iter().enumerate() {
            by_address.entry(&*g.resource.address).or_insert(i);
            if g.is_default() {
                let vpc = g.vpc.as_ref().and_then(|l| l.target.resource());
                defaults.entry(vpc.map(|v| &*v.address)).or_insert(i);
            }
        }
        let mut unknown_group = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            match &rule.group {
                Target::Resource(g) => {
                    if let Some(group) =
                        by_address.get(&*g.address).and_then(|x| groups.get_mut(*x))
                    {
                        group.rules.push(i);
                    }
                }
                Target::Unknown(_) => unknown_group.push(i),
                Target::Literal(_) => {}
            }
        }
        SgModel {
            rules,
            groups,
            by_address,
            defaults,
            unknown_group,
        }
    }

    /// The group declared by `r`; a hash lookup.
    pub fn group(&self, r: &ResourceInstance) -> Option<&SecurityGroup<'m>> {
        self.by_address
            .get(&*r.address)
            .and_then(|i| self.groups.get(*i))
    }

    /// The default security group of a VPC (`None`: a VPC not declared here); a hash
    /// lookup.
    pub fn default_of(&self, vpc: Option<&ResourceInstance>) -> Option<&SecurityGroup<'m>> {
        self.defaults
            .get(&vpc.map(|v| &*v.address))
            .and_then(|i| self.groups.get(*i))
    }

    pub fn rules_of<'a>(
        &'a self,
        group: &'a SecurityGroup<'m>,
    ) -> impl Iterator<Item = &'a SgRule<'m>> + 'a {
        group.rules.iter().filter_map(|i| self.rules.get(*i))
    }
}

/// Every security-group rule of the model, in declaration order by form; O(rules +
/// groups + prefix-list entries).
pub fn rules<'m>(index: &Index<'m>) -> Vec<SgRule<'m>> {
    let prefix = PrefixListEntries::build(index);
    let index = &Rules { index, prefix };
    let mut out = Vec::new();
    for rtype in GROUP_TYPES {
        for sg in index.resources(rtype) {
            for (kind, dir) in [
                ("ingress", Direction::Ingress),
                ("egress", Direction::Egress),
            ] {
                for b in nested(&sg.body, kind) {
                    let mut rule = classic_rule(index, sg, &b.body, b.span, dir);
                    rule.group = Target::Resource(sg);
                    for l in index.resolve_all_opt(&b.body, "security_groups", &["id", "name"]) {
                        rule.groups.push(l);
                    }
                    if let Some(why) = b.unknown {
                        // Any rule at all: every protocol from sources known only after
                        // apply.
                        rule.unknown = Some(why);
                        rule.described = true;
                    }
                    out.push(rule);
                }
            }
        }
    }
    for r in index.resources("aws_security_group_rule") {
        let dir = match r.body.attr("type").and_then(|a| a.value.as_str()) {
            Some("egress") => Direction::Egress,
            _ => Direction::Ingress,
        };
        let mut rule = classic_rule(index, r, &r.body, r.header, dir);
        rule.group = group_of(index, r);
        if let Some(l) =
            index.resolve_attr(&r.body, "source_security_group_id", GROUP_TYPES, &["id"])
        {
            rule.groups.push(l);
        }
        out.push(rule);
    }
    for (rtype, dir) in [
        ("aws_vpc_security_group_ingress_rule", Direction::Ingress),
        ("aws_vpc_security_group_egress_rule", Direction::Egress),
    ] {
        for r in index.resources(rtype) {
            out.push(vpc_rule(index, r, dir));
        }
    }
    out
}

/// The index, and the prefix-list entries by list, while rules are read.
struct Rules<'i, 'm> {
    index: &'i Index<'m>,
    prefix: PrefixListEntries<'m>,
}

impl<'m> std::ops::Deref for Rules<'_, 'm> {
    type Target = Index<'m>;

    fn deref(&self) -> &Index<'m> {
        self.index
    }
}

impl<'m> Rules<'_, 'm> {
    fn resolve_all_opt(&self, body: &Body, name: &str, keys: &[&str]) -> Vec<Link<'m>> {
        body.attr(name)
            .map(|a| self.resolve_all(a, GROUP_TYPES, keys))
            .unwrap_or_default()
    }
}

/// The `aws_ec2_managed_prefix_list_entry` resources by the list they add to, read once
/// (O(entries)) so that expanding a list costs its own entries.
struct PrefixListEntries<'m> {
    /// By the list's address: each entry with its position among all entries.
    by_list: HashMap<&'m str, Vec<(usize, &'m ResourceInstance)>>,
    /// The first entry whose `prefix_list_id` is known only after apply (it may add to
    /// any list), with its position.
    first_unknown: Option<(usize, &'m ResourceInstance)>,
}

impl<'m> PrefixListEntries<'m> {
    fn build(index: &Index<'m>) -> PrefixListEntries<'m> {
        let mut out = PrefixListEntries {
            by_list: HashMap::default(),
            first_unknown: None,
        };
        for (position, e) in index
            .resources("aws_ec2_managed_prefix_list_entry")
            .enumerate()
        {
            let link = index.resolve_attr(
                &e.body,
                "prefix_list_id",
                PREFIX_LIST_TYPES,
                &["id", "name"],
            );
            match link.map(|l| l.target) {
                Some(Target::Resource(list)) => out
                    .by_list
                    .entry(&*list.address)
                    .or_default()
                    .push((position, e)),
                Some(Target::Unknown(_)) => {
                    out.first_unknown.get_or_insert((position, e));
                }
                Some(Target::Literal(_)) | None => {}
            }
        }
        out
    }
}

/// The group a separate rule resource belongs to (`security_group_id`).
fn group_of<'m>(index: &Rules<'_, 'm>, r: &ResourceInstance) -> Target<'m> {
    index
        .resolve_attr(&r.body, "security_group_id", GROUP_TYPES, &["id"])
        .map_or_else(
            || Target::Unknown("no security_group_id".into()),
            |l| l.target,
        )
}

fn described(body: &Body) -> bool {
    body.attr("description").is_some_and(|a| {
        a.value.is_unknown() || a.value.as_str().is_some_and(|s| !s.trim().is_empty())
    })
}

/// `protocol`, `from_port`, `to_port`, `cidr_blocks`, `ipv6_cidr_blocks`, `self`,
/// `prefix_list_ids` (inline blocks and `aws_security_group_rule`).
fn classic_rule<'m>(
    index: &Rules<'_, 'm>,
    r: &'m ResourceInstance,
    body: &Body,
    span: Span,
    dir: Direction,
) -> SgRule<'m> {
    let mut unknown = None;
    let traffic = rule_traffic(body, "protocol", "from_port", "to_port", &mut unknown);
    let icmp = icmp_type_code(body, "protocol");
    let mut cidrs = Vec::new();
    for attr in ["cidr_blocks", "ipv6_cidr_blocks"] {
        collect_cidrs(body, attr, &mut cidrs, &mut unknown);
    }
    let self_source = match body.attr("self") {
        Some(a) if a.value.as_bool() == Some(true) => Some(a.span),
        _ => None,
    };
    let prefix_lists = body
        .attr("prefix_list_ids")
        .map(|a| index.resolve_all(a, PREFIX_LIST_TYPES, &["id", "name"]))
        .unwrap_or_default();
    for l in &prefix_lists {
        expand_prefix_list(index, l, &mut cidrs, &mut unknown);
    }
    SgRule {
        resource: r,
        direction: dir,
        traffic,
        icmp,
        span,
        group: Target::Unknown(String::new()),
        cidrs,
        groups: Vec::new(),
        self_source,
        prefix_lists,
        described: described(body),
        unknown,
        concern: Default::default(),
    }
}

/// `ip_protocol`, `from_port`, `to_port` and one of `cidr_ipv4`, `cidr_ipv6`,
/// `prefix_list_id`, `referenced_security_group_id`
/// (`aws_vpc_security_group_*_rule`).
fn vpc_rule<'m>(index: &Rules<'_, 'm>, r: &'m ResourceInstance, dir: Direction) -> SgRule<'m> {
    let mut unknown = None;
    let traffic = rule_traffic(&r.body, "ip_protocol", "from_port", "to_port", &mut unknown);
    let icmp = icmp_type_code(&r.body, "ip_protocol");
    let mut cidrs = Vec::new();
    for attr in ["cidr_ipv4", "cidr_ipv6"] {
        collect_cidrs(&r.body, attr, &mut cidrs, &mut unknown);
    }
    let prefix_lists: Vec<Link<'m>> = index
        .resolve_attr(
            &r.body,
            "prefix_list_id",
            PREFIX_LIST_TYPES,
            &["id", "name"],
        )
        .into_iter()
        .collect();
    for l in &prefix_lists {
        expand_prefix_list(index, l, &mut cidrs, &mut unknown);
    }
    let groups = index
        .resolve_attr(
            &r.body,
            "referenced_security_group_id",
            GROUP_TYPES,
            &["id"],
        )
        .into_iter()
        .collect();
    SgRule {
        resource: r,
        direction: dir,
        traffic,
        icmp,
        span: r.header,
        group: group_of(index, r),
        cidrs,
        groups,
        self_source: None,
        prefix_lists,
        described: described(&r.body),
        unknown,
        concern: Default::default(),
    }
}

/// Adds the CIDRs of a managed prefix list declared here: its inline `entry` blocks and
/// the `aws_ec2_managed_prefix_list_entry` resources that name it.
fn expand_prefix_list(
    index: &Rules<'_, '_>,
    link: &Link<'_>,
    out: &mut Vec<CidrSource>,
    unknown: &mut Option<String>,
) {
    let list = match &link.target {
        Target::Resource(r) => *r,
        Target::Literal(id) => {
            unknown.get_or_insert_with(|| {
                format!("prefix list {id} is not declared here; its entries are unknown")
            });
            return;
        }
        Target::Unknown(reason) => {
            unknown.get_or_insert_with(|| format!("prefix list: {reason}"));
            return;
        }
    };
    let via = Some((list.address.to_string(), link.span));
    let mut add = |body: &Body, unknown: &mut Option<String>| {
        let mut found = Vec::new();
        collect_cidrs(body, "cidr", &mut found, unknown);
        out.extend(found.into_iter().map(|c| CidrSource {
            via: via.clone(),
            ..c
        }));
    };
    for entry in list.body.blocks("entry") {
        add(&entry.body, unknown);
    }
    // The entries naming this list and the first entry that may name it, in declaration
    // order (only the first reason why the list is not fully known is kept).
    let may_add = |e: &ResourceInstance, unknown: &mut Option<String>| {
        unknown.get_or_insert_with(|| {
            format!(
                "{} may add an entry to {}: its prefix_list_id is known only after apply",
                e.address, list.address
            )
        });
    };
    let mut pending = index.prefix.first_unknown;
    for (position, e) in index
        .prefix
        .by_list
        .get(&*list.address)
        .into_iter()
        .flatten()
    {
        if let Some((p, u)) = pending
            && p < *position
        {
            may_add(u, unknown);
            pending = None;
        }
        add(&e.body, unknown);
    }
    if let Some((_, u)) = pending {
        may_add(u, unknown);
    }
}

/// The ICMP type and code of an ICMP or ICMPv6 rule: AWS reads `from_port` as the type
/// and `to_port` as the code, -1 meaning every one.
fn icmp_type_code(body: &Body, proto: &str) -> Option<(i64, i64)> {
    let protocol = body.attr(proto)?.value.to_template_string()?;
    if !matches!(
        super::ports::Protocol::parse(&protocol),
        Ok(super::ports::Protocol::Icmp | super::ports::Protocol::Icmpv6)
    ) {
        return None;
    }
    let port = |n: &str| {
        body.attr(n)
            .and_then(|a| a.value.as_number())
            .map_or(-1, |x| x as i64)
    };
    Some((port("from_port"), port("to_port")))
}

/// The traffic of a rule from its protocol and port attributes.
pub(crate) fn rule_traffic(
    body: &Body,
    proto: &str,
    from: &str,
    to: &str,
    unknown: &mut Option<String>,
) -> Traffic {
    let get = |n: &str| body.attr(n).map(|a| &a.value);
    let protocol = match get(proto) {
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
    // an exposure is not missed, and say the rule is not fully known. ICMP keeps -1,
    // which means every type or code.
    let tcp_or_udp = matches!(
        super::ports::Protocol::parse(&protocol),
        Ok(super::ports::Protocol::Tcp | super::ports::Protocol::Udp)
    );
    let (f, t) = if tcp_or_udp && (f < 0 || t < 0) {
        (0, 65535)
    } else {
        (f, t)
    };
    match Traffic::from_rule(&protocol, f, t) {
        Ok(tr) => tr,
        Err(e) => {
            unknown.get_or_insert_with(|| format!("invalid rule: {e}"));
            Traffic::none()
        }
    }
}

/// Parses the CIDRs of a string or list attribute; unknown elements are noted.
pub(crate) fn collect_cidrs(
    body: &Body,
    attr: &str,
    out: &mut Vec<CidrSource>,
    unknown: &mut Option<String>,
) {
    collect_cidrs_where(body, attr, out, unknown, |_| true);
}

/// [`collect_cidrs`] keeping only the CIDRs whose text `keep` accepts, tested before
/// each is built.
pub(crate) fn collect_cidrs_where(
    body: &Body,
    attr: &str,
    out: &mut Vec<CidrSource>,
    unknown: &mut Option<String>,
    keep: impl Fn(&str) -> bool,
) {
    let Some(a) = body.attr(attr) else { return };
    if a.value.is_unknown() {
        unknown.get_or_insert_with(|| unknown_reason(&a.value, attr));
        return;
    }
    for v in elements(&a.value) {
        if v.is_unknown() {
            unknown.get_or_insert_with(|| unknown_reason(v, attr));
            continue;
        }
        let Some(s) = v.as_str() else { continue };
        if !keep(s) {
            continue;
        }
        if let Ok(cidr) = Cidr::parse(s) {
            out.push(CidrSource {
                cidr,
                value: v.clone(),
                span: v.span_within(a.span),
                via: None,
            });
        }
    }
}
