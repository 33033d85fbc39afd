//! Internet reachability: a resource is reachable from the internet on some traffic when
//! it has a public address, its subnet routes the internet to an internet gateway, the
//! subnet's NACL lets the traffic in (and the replies out: NACLs are stateless), and one
//! of its security groups allows it — each for the internet of a family: every routable
//! address, or more than a share of them (`BroadShare`, half by default), in which case
//! the exposure says what is left out. Public IPv4 and public IPv6 addresses are judged
//! separately. Address sets are intersected exactly, per piece of traffic. An endpoint
//! AWS runs outside the VPC (the EKS API) is a path of its own, decided by its allowed
//! sources alone.
//!
//! A link that depends on a value known only after apply makes the path *possible*,
//! never definite, and the reasons are kept; a security group or subnet not declared
//! here is such a link (a group not known may admit anything). What is reached without
//! any unknown link stays certain beside it (`Exposure::certain`).

use std::sync::OnceLock;

use super::addr::AddrSet;
use super::attach::{Attachment, Placement, PublicEndpoint, PublicIp, PublicIpv6, attachments};
use super::internet::{BroadShare, covers_internet, except_phrase, internet, left_out_of_internet};
use super::nacl::{Evaluation, Nacl, NaclLookup, nacls};
use super::ports::{PortClass, PortSet, Traffic, describe, opens_service};
use super::refs::{Index, Link, Target};
use super::routing::{IgwReach, RouteTarget, Routing, Subnet, TableChoice, maps_public_ip};
use super::sg::{Direction, SgModel};
use crate::model::{Model, ResourceInstance};
use crate::source::Span;

/// The network model of a configuration: groups, NACLs, routing, and (computed on first
/// use, then kept) the attached resources and what the internet reaches of them.
pub struct Network<'m> {
    pub index: Index<'m>,
    pub sgs: SgModel<'m>,
    pub nacls: Vec<Nacl<'m>>,
    /// First-match evaluation of each NACL: (ingress, egress), by index into `nacls`.
    pub evaluations: Vec<(Evaluation, Evaluation)>,
    /// Which NACL filters a subnet.
    nacl_lookup: NaclLookup,
    pub routing: Routing<'m>,
    /// How much of a family's internet counts as the internet (`--internet-share`).
    pub share: BroadShare,
    attachments: OnceLock<Vec<Attachment<'m>>>,
    exposures: OnceLock<Vec<Exposure<'m>>>,
}

impl<'m> Network<'m> {
    /// The network of each root module.
    pub fn per_root(model: &'m Model, share: BroadShare) -> Vec<Network<'m>> {
        use rayon::prelude::*;
        Index::per_root(model)
            .into_par_iter()
            .map(|index| Network::build(index, share))
            .collect()
    }

    /// O(resources) for the groups, NACLs and routing (each built with hash lookups);
    /// the attachments and exposures are built on first use.
    pub fn build(index: Index<'m>, share: BroadShare) -> Network<'m> {
        let sgs = SgModel::build(&index);
        let nacls = nacls(&index);
        let evaluations = nacls
            .iter()
            .map(|n| (n.evaluate(false), n.evaluate(true)))
            .collect();
        let routing = Routing::build(&index);
        let nacl_lookup = NaclLookup::build(&nacls);
        Network {
            index,
            sgs,
            nacls,
            evaluations,
            nacl_lookup,
            routing,
            share,
            attachments: OnceLock::new(),
            exposures: OnceLock::new(),
        }
    }

    /// Every resource that can receive traffic, reachable or not.
    pub fn attachments(&self) -> &[Attachment<'m>] {
        self.attachments.get_or_init(|| attachments(&self.index))
    }

    /// Every attached resource the internet reaches, with what it reaches of it.
    pub fn exposures(&self) -> &[Exposure<'m>] {
        self.exposures.get_or_init(|| {
            self.attachments()
                .iter()
                .filter_map(|a| self.exposure(a))
                .collect()
        })
    }

    fn exposure(&self, a: &Attachment<'m>) -> Option<Exposure<'m>> {
        if let Some(e) = a
            .endpoint
            .as_ref()
            .and_then(|ep| endpoint_exposure(a, ep, self.share))
        {
            return Some(e);
        }
        if matches!(a.public_ip, PublicIp::No) && matches!(a.ipv6, PublicIpv6::No) {
            return None;
        }
        let mut best: Option<Exposure<'m>> = None;
        let candidates: Vec<Option<&Subnet<'m>>> = match &a.placement {
            Placement::Subnets(links) => links
                .iter()
                .map(|l| l.target.resource().and_then(|r| self.routing.subnet(r)))
                .collect(),
            Placement::DefaultVpc(_) | Placement::Unknown(_) => vec![None],
        };
        for subnet in candidates {
            let Some(e) = self.through(a, subnet) else {
                continue;
            };
            let better = match &best {
                None => true,
                Some(b) => {
                    (e.definite && !b.definite)
                        || (e.definite == b.definite
                            && b.traffic.is_subset_of(&e.traffic)
                            && b.traffic != e.traffic)
                }
            };
            if better {
                best = Some(e);
            }
        }
        best
    }

    /// The exposure of `a` through one of its subnets (`None`: a subnet not known here).
    fn through(&self, a: &Attachment<'m>, subnet: Option<&Subnet<'m>>) -> Option<Exposure<'m>> {
        let mut reasons: Vec<String> = Vec::new();
        let mut hops: Vec<Hop> = Vec::new();
        let net = internet();
        let public = public_addresses(a, subnet, &mut hops, &mut reasons)?;
        let (igw, table_node, gateway_node) =
            self.route(a, subnet, net, &mut hops, &mut reasons)?;

        // NACL.
        let before_nacl = reasons.len();
        let (nacl_cells, replies, nacl_node, nacl_index) = self.nacl_of(subnet, &mut reasons);
        // A NACL can deny: when which NACL applies, or what it says, is unknown, nothing
        // behind it is certain. (Unknown routes, addresses and security groups only add
        // to what is possible: the certain part is computed without them.)
        let nacl_uncertain = reasons.len() > before_nacl;

        // Security groups. What is unknown about them (a group not declared here, a rule
        // whose sources or group are known only after apply) may admit more: it can make
        // the path possible, never definite.
        let (sg_cells, sg_maybe, group_nodes) = self.sg_cells(a, subnet, &mut reasons);
        if sg_cells.is_empty() && sg_maybe.is_empty() {
            return None;
        }

        let path = Path {
            public,
            nacl_uncertain,
            igw: &igw,
            nacl: &nacl_cells,
            sgs: &sg_cells,
            sgs_maybe: &sg_maybe,
        };
        let seen = self.judge(a, &path, net).seen_with(&replies)?;
        if !seen.definite && reasons.is_empty() {
            reasons.push(
                igw.unknown
                    .clone()
                    .unwrap_or_else(|| "a link is known only after apply".into()),
            );
        }
        // The certain part is computed without any unknown link, so when the unknowns
        // could add nothing to it, the result does not depend on them.
        if seen.definite {
            reasons.clear();
        }

        // The NACL rules and security-group rules on the path.
        self.nacl_hops(
            nacl_index,
            nacl_node.as_ref(),
            &seen.traffic,
            net,
            &mut hops,
        );
        self.sg_hops(&sg_cells, &sg_maybe, &seen.traffic, net, &mut hops);
        hops.extend(a.notes.iter().map(|(span, note)| Hop {
            kind: HopKind::Resource,
            node: a.resource.address.to_string(),
            label: note.clone(),
            span: Some(*span),
        }));
        Some(Exposure {
            resource: a.resource,
            kind: a.kind,
            load_balancer: a.load_balancer,
            traffic: seen.traffic,
            definite: seen.definite,
            certain: seen.certain,
            known: seen.known,
            sources: seen.sources,
            except: seen.except,
            reasons,
            hops,
            subnet: subnet.map(|s| s.resource.address.to_string()),
            route_table: table_node,
            gateway: gateway_node,
            nacl: nacl_node,
            groups: group_nodes,
        })
    }

    /// How the internet is routed to the subnet: its route table and what that sends to
    /// an internet gateway, or, with no subnet known here, every internet address as
    /// possibly routed; `None` when nothing of the internet can reach the subnet.
    #[allow(clippy::type_complexity)]
    fn route(
        &self,
        a: &Attachment<'m>,
        subnet: Option<&Subnet<'m>>,
        net: &AddrSet,
        hops: &mut Vec<Hop>,
        reasons: &mut Vec<String>,
    ) -> Option<(IgwReach, Option<String>, Option<String>)> {
        let Some(s) = subnet else {
            reasons.push(unplaced(a));
            let igw = IgwReach {
                possible: net.clone(),
                ..IgwReach::default()
            };
            return Some((igw, None, None));
        };
        hops.push(Hop::new(
            HopKind::Subnet,
            s.resource,
            format!("in subnet {}", s.resource.address),
            Some(s.resource.header),
        ));
        self.routes_of(s, hops, reasons)
    }

    /// Judges the traffic piece by piece: the traffic space is refined so that each
    /// piece is inside or outside every rule, and each piece is reached, per family, for
    /// certain, only possibly, or not.
    fn judge(&self, a: &Attachment<'m>, path: &Path<'_>, net: &AddrSet) -> Judged {
        let mut inputs: Vec<&Traffic> = path.sgs.iter().map(|c| &c.1).collect();
        inputs.extend(path.sgs_maybe.iter().map(|c| &c.1));
        inputs.extend(path.nacl.iter().map(|c| &c.1));
        if let Some((served, _)) = &a.serves {
            inputs.push(served);
        }
        let routed_maybe = path.igw.definite.union(&path.igw.possible);
        let public = path.public;
        let mut judged = Judged {
            sure: Reached::none(),
            maybe: Reached::none(),
            known: Reached::none(),
        };
        for atom in refine(inputs) {
            if let Some((served, _)) = &a.serves
                && !atom.is_subset_of(served)
            {
                continue;
            }
            let within = |cells: &[Cell]| {
                cells
                    .iter()
                    .filter(|c| !c.1.intersection(&atom).is_empty())
                    .fold(AddrSet::empty(), |acc, c| acc.union(&c.0))
            };
            let nacl = within(path.nacl);
            let base = within(path.sgs).intersection(&nacl);
            let base_maybe = within(path.sgs_maybe).intersection(&nacl).union(&base);
            let reached_sure = base.intersection(&path.igw.definite);
            let reached_maybe = base_maybe.intersection(&routed_maybe);
            let sure = covers_internet(&reached_sure);
            let maybe = covers_internet(&reached_maybe);
            // Most of the internet is the internet: a deny of a few public blocks before an
            // allow of 0.0.0.0/0 still exposes the resource (to all but those blocks).
            // Each family is judged on its own: IPv6 may reach it for certain while its
            // public IPv4 address is known only after apply.
            let v4_sure = !path.nacl_uncertain && public.v4_definite && sure.v4_broad(self.share);
            let v6_sure = !path.nacl_uncertain && public.v6 && sure.v6_broad(self.share);
            let v4_maybe = !v4_sure && public.v4_maybe && maybe.v4_broad(self.share);
            let v6_maybe = !v6_sure && public.v6 && maybe.v6_broad(self.share);
            if v4_sure || v6_sure {
                judged.sure.add(&atom, v4_sure, v6_sure, net, &reached_sure);
            }
            if v4_maybe || v6_maybe {
                judged
                    .maybe
                    .add(&atom, v4_maybe, v6_maybe, net, &reached_maybe);
            }
            // A known rule admits the internet and a known route sends it to an
            // internet gateway; only the public address or the NACL may be unknown.
            let k_v4 = public.v4_maybe && sure.v4_broad(self.share);
            let k_v6 = public.v6 && sure.v6_broad(self.share);
            if k_v4 || k_v6 {
                judged.known.add(&atom, k_v4, k_v6, net, &reached_sure);
            }
        }
        judged
    }

    /// The entries of the subnet's NACL that let some of `traffic` in from the internet,
    /// or the NACL that allows all traffic.
    fn nacl_hops(
        &self,
        index: Option<usize>,
        node: Option<&String>,
        traffic: &Traffic,
        net: &AddrSet,
        hops: &mut Vec<Hop>,
    ) {
        let Some(i) = index else {
            if let Some(label) = node {
                hops.push(Hop {
                    kind: HopKind::Nacl,
                    node: label.clone(),
                    label: format!("{label} allows all traffic"),
                    span: None,
                });
            }
            return;
        };
        let (Some(n), Some((ev, _))) = (self.nacls.get(i), self.evaluations.get(i)) else {
            return;
        };
        for region in ev.allowed() {
            let open =
                region.addrs.intersects(net) && !region.traffic.intersection(traffic).is_empty();
            if let (true, Some(e)) = (open, region.entry.and_then(|x| n.entries.get(x)))
                && !hops.iter().any(|h| h.span == Some(e.span))
            {
                hops.push(Hop {
                    kind: HopKind::Nacl,
                    node: n.name(),
                    label: format!(
                        "{} of {} allows {} from {}",
                        e.label(),
                        n.name(),
                        e.traffic,
                        e.sources()
                    ),
                    span: Some(e.span),
                });
            }
        }
    }

    /// The security-group rules that admit some of `traffic` from the internet, and
    /// those that may (`sg_maybe`: what they admit is known only after apply).
    fn sg_hops(
        &self,
        sg_cells: &[Cell],
        sg_maybe: &[Cell],
        traffic: &Traffic,
        net: &AddrSet,
        hops: &mut Vec<Hop>,
    ) {
        for (addrs, t, rule) in sg_cells {
            let Some(rule) = rule.and_then(|i| self.sgs.rules.get(i)) else {
                continue;
            };
            if !addrs.intersects(net) || t.intersection(traffic).is_empty() {
                continue;
            }
            let open: Vec<&str> = rule
                .cidrs
                .iter()
                .filter(|c| AddrSet::from_cidr(&c.cidr).intersects(net))
                .map(|c| c.cidr.original())
                .collect();
            let span = rule
                .cidrs
                .iter()
                .find(|c| AddrSet::from_cidr(&c.cidr).intersects(net))
                .map_or(rule.span, |c| c.rule_span());
            let group = rule.group.resource().map_or_else(
                || rule.resource.address.to_string(),
                |g| g.address.to_string(),
            );
            hops.push(Hop {
                kind: HopKind::SecurityGroup,
                node: group.clone(),
                label: format!(
                    "security group {group} allows {} from {}",
                    t.intersection(traffic),
                    open.join(", ")
                ),
                span: Some(span),
            });
        }
        for (_, t, rule) in sg_maybe {
            let Some(rule) = rule.and_then(|i| self.sgs.rules.get(i)) else {
                continue;
            };
            if t.intersection(traffic).is_empty() || hops.iter().any(|h| h.span == Some(rule.span))
            {
                continue;
            }
            let why = rule
                .unknown
                .clone()
                .unwrap_or_else(|| "its security_group_id is known only after apply".into());
            hops.push(Hop {
                kind: HopKind::SecurityGroup,
                node: rule.group.resource().map_or_else(
                    || rule.resource.address.to_string(),
                    |g| g.address.to_string(),
                ),
                label: format!(
                    "{} may allow {} from the internet ({why})",
                    rule.resource.address,
                    t.intersection(traffic)
                ),
                span: Some(rule.span),
            });
        }
    }

    /// The route table of a subnet and what it sends to an internet gateway; `None`
    /// when nothing of the internet can reach the subnet.
    #[allow(clippy::type_complexity)]
    fn routes_of(
        &self,
        s: &Subnet<'m>,
        hops: &mut Vec<Hop>,
        reasons: &mut Vec<String>,
    ) -> Option<(IgwReach, Option<String>, Option<String>)> {
        let (i, how) = match self.routing.table_for(s) {
            TableChoice::Associated(i, assoc, span) => (
                i,
                Some((
                    span,
                    format!("associated with its route table by {}", assoc.address),
                )),
            ),
            TableChoice::Main(i, by) => (
                i,
                by.map(|r| {
                    (
                        r.header,
                        format!("uses its VPC's main route table, set by {}", r.address),
                    )
                }),
            ),
            TableChoice::AwsMain => return None,
            TableChoice::Unknown(reason) => {
                reasons.push(reason);
                return Some((
                    IgwReach {
                        possible: internet().clone(),
                        ..IgwReach::default()
                    },
                    None,
                    None,
                ));
            }
        };
        let table = self.routing.table(i)?;
        let reach = table.igw_reach();
        if reach.definite.is_empty() && reach.possible.is_empty() {
            return None;
        }
        if let Some((span, label)) = how {
            hops.push(Hop {
                kind: HopKind::RouteTable,
                node: table.resource.address.to_string(),
                label,
                span: Some(span),
            });
        }
        let mut gateway = None;
        for r in reach.routes.iter().filter_map(|x| table.routes.get(*x)) {
            let dest: Vec<&str> = r.destinations.iter().map(|d| d.cidr.original()).collect();
            let (to, node) = match &r.target {
                RouteTarget::InternetGateway(g) => {
                    (format!("internet gateway {g}"), Some(g.clone()))
                }
                RouteTarget::Unknown(reason) => {
                    (format!("a gateway known only after apply ({reason})"), None)
                }
                RouteTarget::Other(o) => (o.clone(), None),
            };
            if gateway.is_none() {
                gateway = node;
            }
            hops.push(Hop {
                kind: HopKind::Gateway,
                node: table.resource.address.to_string(),
                label: format!(
                    "route table {} sends {} to {to}",
                    table.resource.address,
                    dest.join(", ")
                ),
                span: Some(r.target_attr.as_ref().map_or(r.span, |(_, s)| *s)),
            });
        }
        Some((reach, Some(table.resource.address.to_string()), gateway))
    }

    /// The NACL cells a subnet admits, the traffic whose replies its egress rules let
    /// out, a label for the NACL, and its index when declared here.
    #[allow(clippy::type_complexity)]
    fn nacl_of(
        &self,
        subnet: Option<&Subnet<'m>>,
        reasons: &mut Vec<String>,
    ) -> (
        Vec<(AddrSet, Traffic, Option<usize>)>,
        Traffic,
        Option<String>,
        Option<usize>,
    ) {
        let allow_all = || vec![(AddrSet::all(), Traffic::all(), None)];
        let Some(s) = subnet else {
            return (
                allow_all(),
                Traffic::all(),
                Some("the default network ACL".into()),
                None,
            );
        };
        for n in self
            .nacl_lookup
            .unknown
            .iter()
            .filter_map(|(i, _)| self.nacls.get(*i))
        {
            reasons.push(format!(
                "{} may be associated with {}: the subnet it names is known only after apply",
                n.resource.address, s.resource.address
            ));
        }
        let mut chosen = self.nacl_lookup.associated(s.resource);
        if chosen.is_none()
            && let Some(Target::Resource(vpc)) = s.vpc.as_ref().map(|l| &l.target)
        {
            chosen = self.nacl_lookup.default_of(vpc);
        }
        let Some(i) = chosen else {
            // The default NACL AWS creates allows all traffic in and out.
            return (
                allow_all(),
                Traffic::all(),
                Some("the VPC's default network ACL".into()),
                None,
            );
        };
        let (Some(n), Some((ingress, egress))) = (self.nacls.get(i), self.evaluations.get(i))
        else {
            return (allow_all(), Traffic::all(), None, None);
        };
        for u in [&ingress.unknown, &egress.unknown].into_iter().flatten() {
            reasons.push(u.clone());
        }
        let cells = ingress
            .allowed()
            .map(|r| (r.addrs.clone(), r.traffic.clone(), r.entry))
            .collect();
        (cells, replies_allowed(egress), Some(n.name()), Some(i))
    }

    /// The ingress cells of the resource's security groups: (sources, traffic, rule) that
    /// are known, the cells that may admit more (a group not declared here, a rule whose
    /// sources or group are known only after apply), and the groups' addresses.
    fn sg_cells(
        &self,
        a: &Attachment<'m>,
        subnet: Option<&Subnet<'m>>,
        reasons: &mut Vec<String>,
    ) -> (Vec<Cell>, Vec<Cell>, Vec<String>) {
        let Some(links) = &a.groups else {
            return (
                vec![(AddrSet::all(), Traffic::all(), None)],
                Vec::new(),
                vec!["no security group".into()],
            );
        };
        let mut maybe = Vec::new();
        let groups = self.groups_of(links, subnet, &mut maybe, reasons);
        let mut cells = Vec::new();
        let mut names = Vec::new();
        for g in groups {
            names.push(g.address.to_string());
            let Some(group) = self.sgs.group(g) else {
                continue;
            };
            for i in &group.rules {
                let Some(rule) = self.sgs.rules.get(*i) else {
                    continue;
                };
                if rule.direction != Direction::Ingress {
                    continue;
                }
                let addrs = rule.addresses();
                if let Some(u) = &rule.unknown {
                    // Its sources (or ports) are known only after apply: it may admit
                    // anyone on the traffic it could allow.
                    reasons.push(format!("{}: {u}", rule.resource.address));
                    if !rule.traffic.is_empty() {
                        maybe.push((AddrSet::all(), rule.traffic.clone(), Some(*i)));
                    }
                } else if !addrs.is_empty() && !rule.traffic.is_empty() {
                    cells.push((addrs, rule.traffic.clone(), Some(*i)));
                }
            }
        }
        if !names.is_empty() {
            self.unknown_group_cells(&mut maybe, reasons);
        }
        (cells, maybe, names)
    }

    /// The declared security groups a resource's links name (the VPC's default group
    /// when it names none); a group not declared here or known only after apply may
    /// admit anything, a cell of `maybe`.
    fn groups_of(
        &self,
        links: &[Link<'m>],
        subnet: Option<&Subnet<'m>>,
        maybe: &mut Vec<Cell>,
        reasons: &mut Vec<String>,
    ) -> Vec<&'m ResourceInstance> {
        let mut groups: Vec<&ResourceInstance> = Vec::new();
        for l in links {
            match &l.target {
                Target::Resource(g) => groups.push(g),
                Target::Literal(id) => {
                    maybe.push((AddrSet::all(), Traffic::all(), None));
                    reasons.push(format!(
                        "security group {id} is not declared here and may allow anything"
                    ));
                }
                Target::Unknown(reason) => {
                    maybe.push((AddrSet::all(), Traffic::all(), None));
                    reasons.push(format!(
                        "its security groups are known only after apply ({reason})"
                    ));
                }
            }
        }
        if links.is_empty() {
            // The VPC's default group; AWS's own default admits only its members.
            let vpc = subnet
                .and_then(|s| s.vpc.as_ref())
                .and_then(|l| l.target.resource());
            if let Some(g) = self.sgs.default_of(vpc) {
                groups.push(g.resource);
            }
        }
        groups
    }

    /// A separate rule whose `security_group_id` is known only after apply (and names
    /// no resource) may belong to any group of the configuration: each ingress one is a
    /// cell of `maybe`.
    fn unknown_group_cells(&self, maybe: &mut Vec<Cell>, reasons: &mut Vec<String>) {
        for (i, rule) in self
            .sgs
            .unknown_group
            .iter()
            .filter_map(|i| Some((*i, self.sgs.rules.get(*i)?)))
        {
            let Target::Unknown(why) = &rule.group else {
                continue;
            };
            if rule.direction != Direction::Ingress || rule.traffic.is_empty() {
                continue;
            }
            reasons.push(format!(
                "{} may belong to one of its security groups: its security_group_id is known only after apply ({why})",
                rule.resource.address
            ));
            let addrs = if rule.unknown.is_some() {
                AddrSet::all()
            } else {
                rule.addresses()
            };
            maybe.push((addrs, rule.traffic.clone(), Some(i)));
        }
    }
}

/// A piece of the address and traffic space a rule decides: (sources, traffic, the rule's
/// index when it is one declared here).
type Cell = (AddrSet, Traffic, Option<usize>);

/// Which public addresses an attachment has on one path.
#[derive(Debug, Clone, Copy)]
struct Public {
    /// A public IPv4 address for certain.
    v4_definite: bool,
    /// A public IPv4 address, for certain or if an unknown turns out so.
    v4_maybe: bool,
    /// A public IPv6 address.
    v6: bool,
}

/// The links of one path from the internet to an attachment, as judging reads them.
struct Path<'p> {
    public: Public,
    /// Which NACL applies, or what it says, is unknown.
    nacl_uncertain: bool,
    igw: &'p IgwReach,
    nacl: &'p [Cell],
    sgs: &'p [Cell],
    sgs_maybe: &'p [Cell],
}

/// Traffic reached, the families that reach it, and the internet addresses of those
/// families that some of it does not come from.
struct Reached {
    traffic: Traffic,
    v4: bool,
    v6: bool,
    except: AddrSet,
}

impl Reached {
    fn none() -> Reached {
        Reached {
            traffic: Traffic::none(),
            v4: false,
            v6: false,
            except: AddrSet::empty(),
        }
    }

    /// Adds `atom`, reached from `reached` by the families given.
    fn add(&mut self, atom: &Traffic, v4: bool, v6: bool, net: &AddrSet, reached: &AddrSet) {
        self.traffic = self.traffic.union(atom);
        self.v4 |= v4;
        self.v6 |= v6;
        self.except = self.except.union(&left_out_in(net, reached, v4, v6));
    }

    fn certain(self) -> Option<Certain> {
        (!self.traffic.is_empty()).then(|| Certain {
            sources: family_sources(self.v4, self.v6),
            except: self.except,
            traffic: self.traffic,
        })
    }
}

/// What the internet reaches of an attachment: for certain (`sure`), only possibly
/// (`maybe`), and through known rules and routes (`known`, see [`Exposure::known`]).
struct Judged {
    sure: Reached,
    maybe: Reached,
    known: Reached,
}

impl Judged {
    /// What the internet reaches of the attachment once the NACL's egress rules are
    /// applied to the replies; `None` when it reaches nothing.
    fn seen_with(mut self, replies: &Traffic) -> Option<Seen> {
        for r in [&mut self.sure, &mut self.maybe, &mut self.known] {
            r.traffic = r.traffic.intersection(replies);
        }
        // Traffic that some family reaches only possibly (the other may reach it for
        // certain) is in `maybe`.
        let traffic = self.sure.traffic.union(&self.maybe.traffic);
        if traffic.is_empty() {
            return None;
        }
        let definite = self.maybe.traffic.is_empty();
        let sources = family_sources(self.sure.v4 || self.maybe.v4, self.sure.v6 || self.maybe.v6);
        let except = self.sure.except.union(&self.maybe.except);
        let (certain, known) = if definite {
            (None, None)
        } else {
            (self.sure.certain(), self.known.certain())
        };
        Some(Seen {
            traffic,
            definite,
            certain,
            known,
            sources,
            except,
        })
    }
}

/// What the internet reaches of an attachment on one path: the fields of [`Exposure`]
/// of the same names.
struct Seen {
    traffic: Traffic,
    definite: bool,
    certain: Option<Certain>,
    known: Option<Certain>,
    sources: Vec<String>,
    except: AddrSet,
}

/// Whether `a` has a public IPv4 address (for certain, or maybe) and a public IPv6
/// address on a path through `subnet`, with the hops that give them; `None` when it has
/// neither.
fn public_addresses(
    a: &Attachment<'_>,
    subnet: Option<&Subnet<'_>>,
    hops: &mut Vec<Hop>,
    reasons: &mut Vec<String>,
) -> Option<Public> {
    let (v4_definite, v4_maybe) = match (&a.public_ip, subnet) {
        (PublicIp::Yes(label, span), _) => {
            hops.push(Hop::new(
                HopKind::PublicAddress,
                a.resource,
                label.clone(),
                Some(*span),
            ));
            (true, true)
        }
        (PublicIp::No, _) => (false, false),
        (PublicIp::Unknown(reason), _) => {
            reasons.push(reason.clone());
            (false, true)
        }
        (PublicIp::FromSubnet, Some(s)) => match maps_public_ip(s) {
            Ok((true, span)) => {
                hops.push(Hop {
                    kind: HopKind::PublicAddress,
                    node: s.resource.address.to_string(),
                    label: format!(
                        "{} assigns public IPv4 addresses at launch (map_public_ip_on_launch)",
                        s.resource.address
                    ),
                    span: span.or(Some(s.resource.header)),
                });
                (true, true)
            }
            Ok((false, _)) => (false, false),
            Err(reason) => {
                reasons.push(reason);
                (false, true)
            }
        },
        (PublicIp::FromSubnet, None) => {
            reasons.push("whether it gets a public address depends on its subnet".into());
            (false, true)
        }
    };
    let v6 = match ipv6_public(a, subnet) {
        Some(hop) => {
            hops.push(hop);
            true
        }
        None => false,
    };
    (v4_maybe || v6).then_some(Public {
        v4_definite,
        v4_maybe,
        v6,
    })
}

/// Why the subnet of `a` is not known here.
fn unplaced(a: &Attachment<'_>) -> String {
    match &a.placement {
        Placement::DefaultVpc(r) | Placement::Unknown(r) => r.clone(),
        Placement::Subnets(links) => links
            .iter()
            .find_map(|l| match &l.target {
                Target::Literal(id) => Some(format!("subnet {id} is not declared here")),
                Target::Unknown(r) => Some(format!("its subnet is known only after apply ({r})")),
                Target::Resource(_) => None,
            })
            .unwrap_or_else(|| "its subnet is known only after apply".into()),
    }
}

/// What the internet reaches through an endpoint AWS runs outside the VPC: its sources
/// alone decide, no route, NACL or security group is on the path.
fn endpoint_exposure<'m>(
    a: &Attachment<'m>,
    ep: &PublicEndpoint,
    share: BroadShare,
) -> Option<Exposure<'m>> {
    let known = ep.sources();
    let coverage = covers_internet(&known);
    let mut reasons: Vec<String> = ep.unknown_access.iter().cloned().collect();
    let mut sources = Vec::new();
    if coverage.v4_broad(share) {
        sources.push("0.0.0.0/0".to_string());
    }
    if coverage.v6_broad(share) {
        sources.push("::/0".to_string());
    }
    let mut except = left_out_of_internet(&known, share);
    if sources.is_empty() {
        // An element of the list is known only after apply: it may be 0.0.0.0/0.
        let reason = ep.unknown_cidrs.clone()?;
        sources.push("0.0.0.0/0".to_string());
        reasons.push(reason);
        except = AddrSet::empty();
    }
    let admitted = match &ep.cidrs {
        None => "public_access_cidrs is not set and defaults to 0.0.0.0/0".to_string(),
        Some(c) => {
            let written: Vec<&str> = c.iter().map(|x| x.cidr.original()).collect();
            format!("public_access_cidrs admits {}", written.join(", "))
        }
    };
    let hops = vec![
        Hop::new(
            HopKind::PublicAddress,
            a.resource,
            ep.label.clone(),
            Some(ep.span),
        ),
        Hop::new(HopKind::Resource, a.resource, admitted, Some(ep.cidrs_span)),
    ];
    Some(Exposure {
        resource: a.resource,
        kind: a.kind,
        load_balancer: a.load_balancer,
        traffic: ep.traffic.clone(),
        definite: reasons.is_empty(),
        certain: None,
        known: None,
        sources,
        except,
        reasons,
        hops,
        subnet: None,
        route_table: None,
        gateway: None,
        nacl: None,
        groups: Vec::new(),
    })
}

/// "0.0.0.0/0" and/or "::/0".
fn family_sources(v4: bool, v6: bool) -> Vec<String> {
    let mut sources = Vec::new();
    if v4 {
        sources.push("0.0.0.0/0".to_string());
    }
    if v6 {
        sources.push("::/0".to_string());
    }
    sources
}

/// The internet addresses of the chosen families that `reached` leaves out.
fn left_out_in(net: &AddrSet, reached: &AddrSet, v4: bool, v6: bool) -> AddrSet {
    let left_out = net.difference(reached);
    AddrSet {
        v4: if v4 { left_out.v4 } else { Default::default() },
        v6: if v6 { left_out.v6 } else { Default::default() },
    }
}

/// Traffic whose replies a NACL's egress rules let out to some internet address: TCP
/// and UDP replies go to the client's ephemeral port (AWS recommends allowing
/// 1024-65535); other protocols are not judged on replies.
fn replies_allowed(egress: &Evaluation) -> Traffic {
    let net = internet();
    let ephemeral = PortSet::from_range(1024, u16::MAX);
    let mut out = Traffic::all()
        .difference(&Traffic::tcp(PortSet::all()))
        .difference(&Traffic::udp(PortSet::all()));
    for (proto, t) in [
        (0, Traffic::tcp(ephemeral.clone())),
        (1, Traffic::udp(ephemeral.clone())),
    ] {
        let ok = egress
            .allowed()
            .any(|r| r.addrs.intersects(net) && !r.traffic.intersection(&t).is_empty());
        if ok {
            out = out.union(&if proto == 0 {
                Traffic::tcp(PortSet::all())
            } else {
                Traffic::udp(PortSet::all())
            });
        }
    }
    out
}

/// The link that gives the resource a public IPv6 address, if one does: its own
/// setting, or its subnet's `assign_ipv6_address_on_creation`.
fn ipv6_public(a: &Attachment<'_>, subnet: Option<&Subnet<'_>>) -> Option<Hop> {
    match &a.ipv6 {
        PublicIpv6::Yes(label, span) => Some(Hop::new(
            HopKind::PublicAddress,
            a.resource,
            format!("{label}: a public IPv6 address"),
            Some(*span),
        )),
        PublicIpv6::No => None,
        PublicIpv6::FromSubnet => {
            let s = subnet?;
            let attr = s.resource.body.attr("assign_ipv6_address_on_creation")?;
            (attr.value.as_bool() == Some(true)).then(|| Hop {
                kind: HopKind::PublicAddress,
                node: s.resource.address.to_string(),
                label: format!(
                    "{} assigns IPv6 addresses at launch (assign_ipv6_address_on_creation)",
                    s.resource.address
                ),
                span: Some(attr.span),
            })
        }
    }
}

/// Splits the union of `sets` into pieces that each lie inside or outside every set.
pub fn refine(sets: Vec<&Traffic>) -> Vec<Traffic> {
    let mut atoms: Vec<Traffic> = Vec::new();
    for t in sets {
        let mut next = Vec::with_capacity(atoms.len() * 2 + 1);
        let mut covered = Traffic::none();
        for a in atoms {
            covered = covered.union(&a);
            let inside = a.intersection(t);
            let outside = a.difference(t);
            if !inside.is_empty() {
                next.push(inside);
            }
            if !outside.is_empty() {
                next.push(outside);
            }
        }
        let rest = t.difference(&covered);
        if !rest.is_empty() {
            next.push(rest);
        }
        atoms = next;
    }
    atoms
}

/// What a link of a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    PublicAddress,
    Gateway,
    RouteTable,
    Subnet,
    Nacl,
    SecurityGroup,
    Resource,
}

/// One link of a path from the internet to a resource.
#[derive(Debug, Clone)]
pub struct Hop {
    pub kind: HopKind,
    /// The resource the link belongs to.
    pub node: String,
    pub label: String,
    pub span: Option<Span>,
}

impl Hop {
    fn new(kind: HopKind, r: &ResourceInstance, label: String, span: Option<Span>) -> Hop {
        Hop {
            kind,
            node: r.address.to_string(),
            label,
            span,
        }
    }
}

/// A resource the internet reaches, on what, and through which links.
#[derive(Debug, Clone)]
pub struct Exposure<'m> {
    pub resource: &'m ResourceInstance,
    pub kind: &'static str,
    pub load_balancer: bool,
    /// The traffic the whole internet (of the families in `sources`) reaches it with.
    pub traffic: Traffic,
    /// False when some link is known only after apply.
    pub definite: bool,
    /// When the exposure is not definite, the part of it that is certain all the same
    /// (IPv6 reaching it for certain while its public IPv4 address is unknown).
    pub certain: Option<Certain>,
    /// When the exposure is not definite, the part of it that known rules and routes
    /// make: a known security-group rule admits the internet and a known route sends it
    /// to an internet gateway, and only links around them (the public address, the
    /// NACL) are unknown. `None` when the path is made only of unknowns (a subnet, a
    /// source CIDR or a group known only after apply): that is undecided, not a finding.
    pub known: Option<Certain>,
    /// `0.0.0.0/0` and/or `::/0`.
    pub sources: Vec<String>,
    /// Internet addresses of those families that some of the traffic does not come
    /// from (a NACL deny, a rule that covers most but not all of the internet); empty
    /// when the whole internet reaches all of it.
    pub except: AddrSet,
    /// Why the path is only possible.
    pub reasons: Vec<String>,
    pub hops: Vec<Hop>,
    pub subnet: Option<String>,
    pub route_table: Option<String>,
    pub gateway: Option<String>,
    pub nacl: Option<String>,
    pub groups: Vec<String>,
}

/// HTTP and HTTPS (over TCP, and QUIC over UDP): what an internet-facing load balancer
/// is for.
pub fn web_traffic() -> Traffic {
    Traffic::tcp(PortSet::single(80))
        .union(&Traffic::tcp(PortSet::single(443)))
        .union(&Traffic::udp(PortSet::single(443)))
}

/// Administrative or database ports, or every port of TCP or UDP.
pub fn is_critical(t: &Traffic) -> bool {
    t.is_all()
        || t.tcp_ports().is_all()
        || t.udp_ports().is_all()
        || opens_service(t, PortClass::Admin)
        || opens_service(t, PortClass::Database)
}

/// What the internet reaches of a resource for certain, within a possible exposure.
#[derive(Debug, Clone)]
pub struct Certain {
    pub traffic: Traffic,
    /// `0.0.0.0/0` and/or `::/0`.
    pub sources: Vec<String>,
    pub except: AddrSet,
}

impl Certain {
    /// Who reaches it for certain, as [`Exposure::origin_phrase`] says it.
    pub fn origin_phrase(&self) -> String {
        format!(
            "{}{}",
            self.sources.join(" and "),
            except_phrase(&self.except)
        )
    }
}

impl Exposure<'_> {
    /// Administrative or database ports, or every port of TCP or UDP, are reachable.
    pub fn is_critical(&self) -> bool {
        is_critical(&self.traffic)
    }

    /// An internet-facing load balancer reached only on HTTP/HTTPS: what it is for.
    pub fn is_web_load_balancer(&self) -> bool {
        self.load_balancer && self.traffic.is_subset_of(&web_traffic())
    }

    /// Who reaches it: "0.0.0.0/0", "0.0.0.0/0 and ::/0", "0.0.0.0/0 except 1.0.0.0/8",
    /// or, when the exceptions are many blocks, how many and what share they are.
    pub fn origin_phrase(&self) -> String {
        format!(
            "{}{}",
            self.sources.join(" and "),
            except_phrase(&self.except)
        )
    }

    /// "SSH (tcp/22)", "HTTPS (tcp/443)", … one phrase per port range or protocol.
    pub fn ports(&self) -> Vec<String> {
        describe(&self.traffic)
    }
}
