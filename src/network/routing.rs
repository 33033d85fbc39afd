//! VPCs, subnets, route tables and internet gateways: which subnets are public.
//!
//! AWS facts (<https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html>):
//! a subnet uses the route table explicitly associated with it, else its VPC's main
//! route table. Routes are chosen by longest prefix match. A subnet is public when the
//! internet's addresses route to an internet gateway (`0.0.0.0/0` or `::/0`, or routes
//! whose union covers the internet); an egress-only internet gateway carries only
//! outbound IPv6 and makes nothing reachable. The main route table AWS creates has only
//! the `local` route. `aws_default_route_table` adopts a VPC's main table and removes
//! the routes it does not declare.

use foldhash::{HashMap, HashSet};

use super::addr::AddrSet;
use super::internet::internet;
use super::refs::{Index, Link, Target, bool_attr, nested, unknown_reason};
use super::sg::{CidrSource, collect_cidrs};
use crate::model::block_address;
use crate::model::{Body, ResourceInstance};
use crate::source::Span;
use crate::value::Value;

const TABLE_TYPES: &[&str] = &["aws_route_table", "aws_default_route_table"];
const VPC_TYPES: &[&str] = &["aws_vpc", "aws_default_vpc"];

/// Where a route sends traffic.
#[derive(Debug, Clone)]
pub enum RouteTarget {
    /// An internet gateway: its address, or the `igw-` id written by hand.
    InternetGateway(String),
    /// Anything else: NAT gateway, peering, transit gateway, VPN gateway, ENI, endpoint.
    Other(String),
    Unknown(String),
}

/// One route of a route table.
#[derive(Debug, Clone)]
pub struct Route<'m> {
    pub declared_by: &'m ResourceInstance,
    /// The route block, or the `aws_route` header.
    pub span: Span,
    /// `cidr_block`/`ipv6_cidr_block` (inline) or `destination_cidr_block`/
    /// `destination_ipv6_cidr_block` (`aws_route`).
    pub destinations: Vec<CidrSource>,
    pub target: RouteTarget,
    /// The target attribute and where it is written.
    pub target_attr: Option<(String, Span)>,
    pub unknown: Option<String>,
}

/// A route table (or the main table AWS creates for a VPC, when only `aws_route`s
/// written against `aws_vpc.x.main_route_table_id` declare its routes).
#[derive(Debug, Clone)]
pub struct RouteTable<'m> {
    /// The table resource; for an implicit main table, the VPC.
    pub resource: &'m ResourceInstance,
    pub vpc: Option<Link<'m>>,
    pub routes: Vec<Route<'m>>,
}

/// The internet destinations a table sends to an internet gateway.
#[derive(Debug, Clone, Default)]
pub struct IgwReach {
    /// Routed to an internet gateway for certain.
    pub definite: AddrSet,
    /// Routed to an internet gateway if an unknown target turns out to be one.
    pub possible: AddrSet,
    /// Indices of the routes that decide it.
    pub routes: Vec<usize>,
    pub unknown: Option<String>,
}

impl RouteTable<'_> {
    /// Longest prefix match over the table's routes: which internet addresses are sent
    /// to an internet gateway.
    pub fn igw_reach(&self) -> IgwReach {
        let mut order: Vec<(usize, u8, &CidrSource)> = self
            .routes
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.destinations
                    .iter()
                    .map(move |d| (i, d.cidr.prefix_len(), d))
            })
            .collect();
        order.sort_by_key(|(_, len, _)| std::cmp::Reverse(*len));
        let mut assigned = AddrSet::empty();
        let mut out = IgwReach::default();
        let net = internet();
        for (i, _, d) in order {
            let set = AddrSet::from_cidr(&d.cidr);
            let fresh = set.difference(&assigned).intersection(net);
            assigned = assigned.union(&set);
            if fresh.is_empty() {
                continue;
            }
            let Some(route) = self.routes.get(i) else {
                continue;
            };
            match &route.target {
                RouteTarget::InternetGateway(_) => {
                    out.definite = out.definite.union(&fresh);
                    out.routes.push(i);
                }
                RouteTarget::Unknown(reason) => {
                    out.possible = out.possible.union(&fresh);
                    out.routes.push(i);
                    out.unknown.get_or_insert_with(|| reason.clone());
                }
                RouteTarget::Other(_) => {}
            }
        }
        for r in &self.routes {
            if let Some(u) = &r.unknown {
                out.unknown.get_or_insert_with(|| u.clone());
            }
        }
        out
    }
}

/// A subnet with its CIDRs and settings.
#[derive(Debug, Clone)]
pub struct Subnet<'m> {
    pub resource: &'m ResourceInstance,
    pub vpc: Option<Link<'m>>,
    pub cidrs: Vec<CidrSource>,
}

/// How a subnet finds its route table.
#[derive(Debug, Clone)]
pub enum TableChoice<'m> {
    /// An explicit association (table index, association resource, where it names the
    /// subnet).
    Associated(usize, &'m ResourceInstance, Span),
    /// The VPC's main table (table index, the resource that makes it main, if any).
    Main(usize, Option<&'m ResourceInstance>),
    /// The main table AWS creates, with only the `local` route.
    AwsMain,
    Unknown(String),
}

/// Every VPC, subnet, route table and gateway of the model.
pub struct Routing<'m> {
    pub tables: Vec<RouteTable<'m>>,
    pub subnets: Vec<Subnet<'m>>,
    /// Index into `subnets` by the subnet's address (the first of an address).
    subnet_index: HashMap<&'m str, usize>,
    /// `aws_route_table_association`s.
    associations: Vec<Association<'m>>,
    /// Index into `associations` of the first one naming each subnet, by the subnet's
    /// address.
    association_of: HashMap<&'m str, usize>,
    /// Index into `associations` of the first one whose subnet is known only after apply
    /// and may be any subnet.
    first_unknown_association: Option<usize>,
    /// Associations whose subnet is known only after apply but is one of the instances of
    /// a subnet block (`subnet_id = aws_subnet.public[count.index].id` read from a plan,
    /// where only the block is named): indexes into `associations`, by the block's
    /// address.
    block_associations: HashMap<&'m str, Vec<usize>>,
    /// The subnets each explicit association names, by address, for counting the
    /// instances of a block that no block association needs to cover.
    explicitly_associated: HashSet<&'m str>,
    /// The addresses of the instances of each block in `block_associations`.
    block_members: HashMap<&'m str, Vec<&'m str>>,
    /// The main table of each VPC.
    mains: Mains<'m>,
}

impl<'m> Routing<'m> {
    /// O(tables + routes + associations + subnets): every table, subnet and main table
    /// is found by a hash lookup.
    pub fn build(index: &Index<'m>) -> Routing<'m> {
        let (mut tables, mut mains) = route_tables(index);
        // The declared tables by address (the first of an address).
        let mut table_index: HashMap<&'m str, usize> = HashMap::default();
        for (i, t) in tables.iter().enumerate() {
            table_index.entry(&*t.resource.address).or_insert(i);
        }
        main_associations(index, &table_index, &mut mains);
        separate_routes(index, &table_index, &mut tables, &mut mains);
        let (associations, association_of, first_unknown_association, block_associations) =
            subnet_associations(index, &table_index);
        let subnets = subnets(index);
        let mut subnet_index: HashMap<&'m str, usize> = HashMap::default();
        for (i, s) in subnets.iter().enumerate() {
            subnet_index.entry(&*s.resource.address).or_insert(i);
        }
        let explicitly_associated = association_of.keys().copied().collect();
        let block_members = block_associations
            .keys()
            .map(|b| (*b, index.block(b).iter().map(|r| &*r.address).collect()))
            .collect();
        Routing {
            tables,
            subnets,
            subnet_index,
            associations,
            association_of,
            first_unknown_association,
            block_associations,
            explicitly_associated,
            block_members,
            mains,
        }
    }

    /// The subnet `r` declares; a hash lookup.
    pub fn subnet(&self, r: &ResourceInstance) -> Option<&Subnet<'m>> {
        self.subnet_index
            .get(&*r.address)
            .and_then(|i| self.subnets.get(*i))
    }

    /// The route table a subnet uses; hash lookups.
    pub fn table_for(&self, subnet: &Subnet<'m>) -> TableChoice<'m> {
        // The first association naming the subnet decides; failing one, an association
        // whose subnet is known only after apply may name it.
        if let Some((link, table, assoc)) = self
            .association_of
            .get(&*subnet.resource.address)
            .and_then(|i| self.associations.get(*i))
        {
            return match table {
                Ok(i) => TableChoice::Associated(*i, assoc, link.span),
                Err(reason) => TableChoice::Unknown(reason.clone()),
            };
        }
        if let Some(choice) = self.block_choice(subnet) {
            return choice;
        }
        if let Some((_, _, assoc)) = self
            .first_unknown_association
            .and_then(|i| self.associations.get(i))
        {
            return TableChoice::Unknown(format!(
                "{} may associate the subnet with a route table: its subnet_id \
                 is known only after apply",
                assoc.address
            ));
        }
        if &*subnet.resource.rtype == "aws_default_subnet" {
            return TableChoice::Unknown(
                "a default subnet uses the default VPC's main route table, which routes to \
                 its internet gateway unless changed"
                    .into(),
            );
        }
        match subnet.vpc.as_ref().map(|l| &l.target) {
            Some(Target::Resource(v)) => match self.mains.get(&*v.address) {
                Some((i, by)) => TableChoice::Main(*i, *by),
                None => TableChoice::AwsMain,
            },
            Some(Target::Unknown(reason)) => TableChoice::Unknown(format!("vpc_id: {reason}")),
            Some(Target::Literal(id)) => {
                TableChoice::Unknown(format!("VPC {id} is not declared here"))
            }
            None => TableChoice::Unknown("the subnet has no vpc_id".into()),
        }
    }

    /// The table of a subnet that only associations naming its block (not the instance)
    /// may associate; `None` when no such association names its block.
    ///
    /// AWS lets a subnet have one explicit association at a time (a second one fails with
    /// `Resource.AlreadyAssociated`), so associations that succeed name distinct subnets.
    /// When a block's associations are at least as many as its instances that no other
    /// association names, every one of those instances is associated by one of them: if
    /// they all name the same table, that is the subnet's table.
    fn block_choice(&self, subnet: &Subnet<'m>) -> Option<TableChoice<'m>> {
        let block = block_address(&subnet.resource.address);
        let group = self.block_associations.get(block)?;
        let uncovered = self
            .block_members
            .get(block)
            .into_iter()
            .flatten()
            .filter(|a| !self.explicitly_associated.contains(*a))
            .count();
        let mut tables = group.iter().filter_map(|i| self.associations.get(*i));
        let (first_link, first_table, first) = tables.next()?;
        let same = tables.all(|(_, t, _)| t == first_table);
        Some(match first_table {
            Ok(i)
                if same && group.len() >= uncovered && self.first_unknown_association.is_none() =>
            {
                TableChoice::Associated(*i, first, first_link.span)
            }
            Err(reason) if same => TableChoice::Unknown(reason.clone()),
            _ => TableChoice::Unknown(format!(
                "{} may associate the subnet with a route table: its subnet_id is one of \
                 {block}, known only after apply",
                first.address
            )),
        })
    }

    pub fn table(&self, i: usize) -> Option<&RouteTable<'m>> {
        self.tables.get(i)
    }
}

/// The subnet block an association's unknown `subnet_id` names when it names a block, not
/// an instance (`aws_subnet.public` with `count.index` in a plan's configuration).
fn subnet_block<'m>(index: &Index<'m>, body: &Body) -> Option<&'m str> {
    let a = body.attr("subnet_id")?;
    let crate::value::Kind::Unknown(u) = &a.value.kind else {
        return None;
    };
    let block = index.block(u.refers_to.as_deref()?);
    let first = block.first()?;
    (&*first.rtype == "aws_subnet").then(|| block_address(&first.address))
}

/// The main table of each VPC, by the VPC's address: (table index, resource that set it).
type Mains<'m> = HashMap<&'m str, (usize, Option<&'m ResourceInstance>)>;

/// An `aws_route_table_association`: (subnet, table index or why unknown, resource).
type Association<'m> = (Link<'m>, Result<usize, String>, &'m ResourceInstance);

/// The declared route tables with their inline routes, and the main tables that
/// `aws_default_route_table`s adopt.
fn route_tables<'m>(index: &Index<'m>) -> (Vec<RouteTable<'m>>, Mains<'m>) {
    let mut tables: Vec<RouteTable<'m>> = Vec::new();
    let mut mains: Mains<'m> = HashMap::default();
    for r in index.resources("aws_route_table") {
        tables.push(RouteTable {
            resource: r,
            vpc: index.resolve_attr(&r.body, "vpc_id", VPC_TYPES, &["id"]),
            routes: inline_routes(index, r),
        });
    }
    for r in index.resources("aws_default_route_table") {
        let vpc = index.resolve_attr(&r.body, "default_route_table_id", VPC_TYPES, &[]);
        if let Some(v) = vpc.as_ref().and_then(|l| l.target.resource()) {
            // The first default table adopting a VPC's main table is its main table.
            mains.entry(&*v.address).or_insert((tables.len(), Some(r)));
        }
        tables.push(RouteTable {
            resource: r,
            vpc,
            routes: inline_routes(index, r),
        });
    }
    (tables, mains)
}

/// `aws_main_route_table_association`s: an explicit main association replaces the
/// adopted default table.
fn main_associations<'m>(
    index: &Index<'m>,
    table_index: &HashMap<&'m str, usize>,
    mains: &mut Mains<'m>,
) {
    for r in index.resources("aws_main_route_table_association") {
        let vpc = index.resolve_attr(&r.body, "vpc_id", VPC_TYPES, &["id"]);
        let table = index.resolve_attr(&r.body, "route_table_id", TABLE_TYPES, &["id"]);
        if let (Some(v), Some(t)) = (
            vpc.and_then(|l| l.target.resource()),
            table.and_then(|l| l.target.resource()),
        ) && let Some(i) = table_index.get(&*t.address)
        {
            mains.insert(&*v.address, (*i, Some(r)));
        }
    }
}

/// Routes declared on their own (`aws_route`), added to the table they name, or to the
/// VPC's main table for `aws_vpc.x.main_route_table_id` (AWS's own main table when
/// none is declared).
fn separate_routes<'m>(
    index: &Index<'m>,
    table_index: &HashMap<&'m str, usize>,
    tables: &mut Vec<RouteTable<'m>>,
    mains: &mut Mains<'m>,
) {
    for r in index.resources("aws_route") {
        let Some(a) = r.body.attr("route_table_id") else {
            continue;
        };
        let route = route(index, r, &r.body, r.header, "destination_");
        if let Some(t) = index.resolve(&a.value, TABLE_TYPES, &["id"]).resource() {
            if let Some(table) = table_index
                .get(&*t.address)
                .and_then(|i| tables.get_mut(*i))
            {
                table.routes.push(route);
            }
        } else if let Some(vpc) = index
            .referent(&a.value)
            .filter(|v| VPC_TYPES.contains(&&*v.rtype))
        {
            // `aws_vpc.x.main_route_table_id`: a route added to the VPC's main table.
            let i = match mains.get(&*vpc.address) {
                Some((i, _)) => *i,
                None => {
                    tables.push(RouteTable {
                        resource: vpc,
                        vpc: None,
                        routes: Vec::new(),
                    });
                    mains.insert(&*vpc.address, (tables.len() - 1, None));
                    tables.len() - 1
                }
            };
            if let Some(table) = tables.get_mut(i) {
                table.routes.push(route);
            }
        }
    }
}

/// The `aws_route_table_association`s, the first naming each subnet by the subnet's
/// address, and the first whose subnet is known only after apply.
fn subnet_associations<'m>(
    index: &Index<'m>,
    table_index: &HashMap<&'m str, usize>,
) -> Associations<'m> {
    let mut associations = Vec::new();
    let mut association_of: HashMap<&'m str, usize> = HashMap::default();
    let mut first_unknown_association = None;
    let mut block_associations: HashMap<&'m str, Vec<usize>> = HashMap::default();
    for r in index.resources("aws_route_table_association") {
        let Some(subnet) = index.resolve_attr(&r.body, "subnet_id", &["aws_subnet"], &["id"])
        else {
            continue;
        };
        let table = match index.resolve_attr(&r.body, "route_table_id", TABLE_TYPES, &["id"]) {
            Some(l) => match l.target {
                Target::Resource(t) => table_index
                    .get(&*t.address)
                    .copied()
                    .ok_or_else(|| format!("{} is not a route table", t.address)),
                Target::Literal(id) => Err(format!("route table {id} is not declared here")),
                Target::Unknown(reason) => Err(reason),
            },
            None => Err("no route_table_id".into()),
        };
        match &subnet.target {
            Target::Resource(s) => {
                association_of
                    .entry(&*s.address)
                    .or_insert(associations.len());
            }
            Target::Unknown(_) => match subnet_block(index, &r.body) {
                Some(block) => block_associations
                    .entry(block)
                    .or_default()
                    .push(associations.len()),
                None => {
                    first_unknown_association.get_or_insert(associations.len());
                }
            },
            Target::Literal(_) => {}
        }
        associations.push((subnet, table, r));
    }
    (
        associations,
        association_of,
        first_unknown_association,
        block_associations,
    )
}

/// The associations, where each subnet's first one is, the first whose subnet may be any,
/// and those whose subnet is one of a block's instances (see [`Routing`]).
type Associations<'m> = (
    Vec<Association<'m>>,
    HashMap<&'m str, usize>,
    Option<usize>,
    HashMap<&'m str, Vec<usize>>,
);

/// The subnets, declared and default, with their CIDR blocks.
fn subnets<'m>(index: &Index<'m>) -> Vec<Subnet<'m>> {
    index
        .resources("aws_subnet")
        .chain(index.resources("aws_default_subnet"))
        .map(|r| {
            let mut cidrs = Vec::new();
            let mut unknown = None;
            for attr in ["cidr_block", "ipv6_cidr_block"] {
                collect_cidrs(&r.body, attr, &mut cidrs, &mut unknown);
            }
            Subnet {
                resource: r,
                vpc: index.resolve_attr(&r.body, "vpc_id", VPC_TYPES, &["id"]),
                cidrs,
            }
        })
        .collect()
}

/// `map_public_ip_on_launch` of a subnet: the provider's default is `false`; a default
/// subnet assigns public addresses.
pub fn maps_public_ip(subnet: &Subnet<'_>) -> Result<(bool, Option<Span>), String> {
    let default = &*subnet.resource.rtype == "aws_default_subnet";
    let span = subnet
        .resource
        .body
        .attr("map_public_ip_on_launch")
        .map(|a| a.span);
    bool_attr(&subnet.resource.body, "map_public_ip_on_launch")
        .map(|b| (b.unwrap_or(default), span))
}

fn inline_routes<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Vec<Route<'m>> {
    nested(&r.body, "route")
        .into_iter()
        .map(|b| {
            let mut route = route(index, r, &b.body, b.span, "");
            if let Some(why) = b.unknown {
                route.target = RouteTarget::Unknown(why.clone());
                route.unknown = Some(why);
            }
            route
        })
        .collect()
}

/// The route target attributes the provider accepts.
const TARGETS: &[&str] = &[
    "gateway_id",
    "nat_gateway_id",
    "egress_only_gateway_id",
    "transit_gateway_id",
    "vpc_peering_connection_id",
    "network_interface_id",
    "vpc_endpoint_id",
    "carrier_gateway_id",
    "local_gateway_id",
    "core_network_arn",
];

fn route<'m>(
    index: &Index<'m>,
    r: &'m ResourceInstance,
    body: &Body,
    span: Span,
    prefix: &str,
) -> Route<'m> {
    let mut destinations = Vec::new();
    let mut unknown = None;
    for attr in ["cidr_block", "ipv6_cidr_block"] {
        collect_cidrs(
            body,
            &format!("{prefix}{attr}"),
            &mut destinations,
            &mut unknown,
        );
    }
    let mut target = RouteTarget::Other("no target".into());
    let mut target_attr = None;
    for name in TARGETS {
        let Some(a) = body.attr(name) else { continue };
        if a.value.is_null() || a.value.as_str() == Some("") {
            continue;
        }
        target_attr = Some((name.to_string(), a.span));
        target = if *name == "gateway_id" {
            gateway(index, &a.value)
        } else if a.value.is_unknown() && index.referent(&a.value).is_none() {
            RouteTarget::Unknown(unknown_reason(&a.value, name))
        } else {
            RouteTarget::Other(name.to_string())
        };
        break;
    }
    Route {
        declared_by: r,
        span,
        destinations,
        target,
        target_attr,
        unknown,
    }
}

/// `gateway_id` names an internet gateway or a virtual private gateway (or `local`).
fn gateway(index: &Index<'_>, v: &Value) -> RouteTarget {
    if let Some(r) = index.referent(v) {
        return if &*r.rtype == "aws_internet_gateway" {
            RouteTarget::InternetGateway(r.address.to_string())
        } else {
            RouteTarget::Other(r.rtype.to_string())
        };
    }
    match v.as_str() {
        Some(id) if id.starts_with("igw-") => RouteTarget::InternetGateway(id.to_string()),
        Some(other) => RouteTarget::Other(other.to_string()),
        None if v.is_unknown() => RouteTarget::Unknown(unknown_reason(v, "gateway_id")),
        None => RouteTarget::Other("gateway_id".into()),
    }
}
