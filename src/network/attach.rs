//! Attachments: which subnets and security groups a resource uses, whether it gets a
//! public address, and which ports it serves.
//!
//! Provider defaults relied on (AWS provider v5): `aws_instance` takes a public IPv4
//! address when its subnet has `map_public_ip_on_launch` unless
//! `associate_public_ip_address` says otherwise; `aws_lb`/`aws_elb` are internet-facing
//! unless `internal = true`; `aws_db_instance`/`aws_rds_cluster_instance`
//! `publicly_accessible` defaults to `false`, `aws_redshift_cluster`'s to `true`;
//! `aws_ecs_service` `assign_public_ip` defaults to `false` (its tasks take IPv6 from a
//! subnet that assigns it at launch); RDS in `network_type = "DUAL"` has a public IPv6
//! endpoint when publicly accessible; an Auto Scaling group's
//! instances follow their launch template or launch configuration's
//! `associate_public_ip_address`, else the subnet's `map_public_ip_on_launch`. A resource
//! given no security group gets its VPC's default group; one given no subnet is launched
//! in the default VPC.
//!
//! ElastiCache nodes, OpenSearch domains in a VPC and Lambda functions in a VPC have
//! network interfaces with private addresses only: AWS gives them no public IP, so an
//! internet gateway cannot route to them whatever their security groups allow. They are
//! attachments (they use subnets and groups) that are never internet-reachable.
//! An EKS cluster's control plane sits behind its own public endpoint, outside the VPC's
//! routing: `endpoint_public_access` (default `true`) and `public_access_cidrs` (default
//! `0.0.0.0/0`) alone decide who reaches the Kubernetes API on tcp/443.

use foldhash::HashMap;

use super::addr::{AddrSet, Ipv4Set, Ipv6Set};
use super::ports::{PortSet, Traffic};
use super::refs::{Index, Link, Target, bool_attr, unknown_reason};
use super::sg::{CidrSource, GROUP_TYPES, collect_cidrs};
use crate::model::{Body, ResourceInstance};
use crate::source::Span;

/// Whether the resource has a public address.
#[derive(Debug, Clone)]
pub enum PublicIp {
    /// Yes: what gives it (shown on the path) and where that is written.
    Yes(String, Span),
    No,
    /// As the subnet's `map_public_ip_on_launch` says.
    FromSubnet,
    Unknown(String),
}

/// Whether the resource has a public IPv6 address. Every IPv6 address AWS assigns from a
/// subnet's block is globally routable: none is "private", so an address is enough.
#[derive(Debug, Clone)]
pub enum PublicIpv6 {
    /// Yes: what gives it and where that is written.
    Yes(String, Span),
    No,
    /// As the subnet's `assign_ipv6_address_on_creation` says.
    FromSubnet,
}

/// Where the resource sits.
#[derive(Debug, Clone)]
pub enum Placement<'m> {
    Subnets(Vec<Link<'m>>),
    /// No subnet is given: AWS places it in the default VPC, whose subnets are public.
    DefaultVpc(String),
    Unknown(String),
}

/// A resource that can receive traffic, with what decides whether it is reachable.
#[derive(Debug, Clone)]
pub struct Attachment<'m> {
    pub resource: &'m ResourceInstance,
    /// "EC2 instance", "load balancer", …
    pub kind: &'static str,
    pub placement: Placement<'m>,
    /// Security groups; empty means the VPC's default group, `None` that the resource
    /// has no security group at all (a Network Load Balancer without one).
    pub groups: Option<Vec<Link<'m>>>,
    pub public_ip: PublicIp,
    pub ipv6: PublicIpv6,
    /// What the resource listens on; `None` when any port its groups open may be served.
    pub serves: Option<(Traffic, String)>,
    pub load_balancer: bool,
    /// Other links of the path (an ENI, a launch template, an EIP), shown as related.
    pub notes: Vec<(Span, String)>,
    /// A public endpoint AWS runs for the resource outside its VPC (the EKS API).
    pub endpoint: Option<PublicEndpoint>,
}

/// An endpoint AWS operates for a resource outside the VPC: reachable from its allowed
/// sources whatever the subnets, route tables, NACLs and security groups say.
#[derive(Debug, Clone)]
pub struct PublicEndpoint {
    /// What makes the endpoint public, and where that is written.
    pub label: String,
    pub span: Span,
    /// The sources it admits, as written (`None`: the provider default `0.0.0.0/0`).
    pub cidrs: Option<Vec<CidrSource>>,
    /// Where the source list is written, else the block that would hold it.
    pub cidrs_span: Span,
    pub traffic: Traffic,
    /// Why whether the endpoint is public is known only after apply.
    pub unknown_access: Option<String>,
    /// Why some of its sources are known only after apply.
    pub unknown_cidrs: Option<String>,
}

impl PublicEndpoint {
    /// Every address the endpoint admits.
    pub fn sources(&self) -> AddrSet {
        match &self.cidrs {
            Some(c) => AddrSet::from_cidrs(c.iter().map(|s| &s.cidr)),
            None => AddrSet {
                v4: Ipv4Set::all(),
                v6: Ipv6Set::empty(),
            },
        }
    }
}

const SUBNET_TYPES: &[&str] = &["aws_subnet", "aws_default_subnet"];

/// Every resource of the model that can receive traffic from outside its VPC.
///
/// O(n) in the resources of the root: each attachment resolves its references through
/// the index's maps, and Elastic IPs and listeners are grouped by what they point at
/// once ([`Pointers`]), not searched for each instance or load balancer.
pub fn attachments<'m>(index: &Index<'m>) -> Vec<Attachment<'m>> {
    let pointers = Pointers::new(index);
    let mut out = Vec::new();
    for r in index.resources("aws_instance") {
        out.push(instance(index, &pointers, r));
    }
    for t in ["aws_lb", "aws_alb"] {
        for r in index.resources(t) {
            if let Some(a) = load_balancer(index, &pointers, r) {
                out.push(a);
            }
        }
    }
    for r in index.resources("aws_elb") {
        out.push(classic_elb(index, r));
    }
    for r in index.resources("aws_db_instance") {
        out.push(database(index, r, &r.body, "RDS instance"));
    }
    for r in index.resources("aws_rds_cluster_instance") {
        out.push(cluster_instance(index, r));
    }
    for r in index.resources("aws_redshift_cluster") {
        out.push(redshift(index, r));
    }
    for r in index.resources("aws_ecs_service") {
        if let Some(a) = ecs_service(index, r) {
            out.push(a);
        }
    }
    for r in index.resources("aws_autoscaling_group") {
        out.push(autoscaling_group(index, r));
    }
    for t in ["aws_opensearch_domain", "aws_elasticsearch_domain"] {
        for r in index.resources(t) {
            out.extend(search_domain(index, r));
        }
    }
    for r in index.resources("aws_eks_cluster") {
        out.extend(eks_cluster(index, r));
    }
    for r in index.resources("aws_elasticache_replication_group") {
        out.push(elasticache(index, r, "ElastiCache replication group"));
    }
    for r in index.resources("aws_elasticache_cluster") {
        out.push(elasticache_cluster(index, r));
    }
    for r in index.resources("aws_lambda_function") {
        out.extend(lambda_function(index, r));
    }
    out
}

fn resolve_list<'m>(
    index: &Index<'m>,
    body: &Body,
    name: &str,
    types: &[&str],
    keys: &[&str],
) -> Vec<Link<'m>> {
    match body.attr(name) {
        // A list of unknown length keeps its known elements (`distinct(concat(...))`):
        // those resolve one by one, an unknown among them stands for the rest.
        Some(a) if a.value.is_unknown() && a.value.partial().is_none() => vec![Link {
            target: Target::Unknown(unknown_reason(&a.value, name)),
            span: a.span,
        }],
        Some(a) => index.resolve_all(a, types, keys),
        None => Vec::new(),
    }
}

fn groups<'m>(index: &Index<'m>, body: &Body, names: &[&str]) -> Vec<Link<'m>> {
    names
        .iter()
        .flat_map(|n| resolve_list(index, body, n, GROUP_TYPES, &["id", "name"]))
        .collect()
}

fn subnet_link<'m>(index: &Index<'m>, body: &Body, name: &str) -> Option<Link<'m>> {
    index.resolve_attr(body, name, &["aws_subnet", "aws_default_subnet"], &["id"])
}

/// What points at an instance or a load balancer from elsewhere in the root, grouped by
/// the address pointed at in one pass over the pointing resources.
struct Pointers<'m> {
    /// Instance or network interface address → the Elastic IPs (`aws_eip` with
    /// `instance`/`network_interface`, then `aws_eip_association`), each with its
    /// position in that order.
    eips: HashMap<&'m str, Vec<(usize, &'m ResourceInstance)>>,
    /// Load balancer address → its `aws_lb_listener`s, in evaluation order.
    listeners: HashMap<&'m str, Vec<&'m ResourceInstance>>,
}

impl<'m> Pointers<'m> {
    /// O(EIPs + associations + listeners).
    fn new(index: &Index<'m>) -> Pointers<'m> {
        let mut eips: HashMap<&'m str, Vec<(usize, &'m ResourceInstance)>> = HashMap::default();
        let pointing = index
            .resources("aws_eip")
            .map(|e| (e, ["instance", "network_interface"]))
            .chain(
                index
                    .resources("aws_eip_association")
                    .map(|e| (e, ["instance_id", "network_interface_id"])),
            );
        for (position, (e, attrs)) in pointing.enumerate() {
            for a in attrs {
                if let Some(target) = e.body.attr(a).and_then(|x| index.referent(&x.value)) {
                    eips.entry(&target.address).or_default().push((position, e));
                }
            }
        }
        let mut listeners: HashMap<&'m str, Vec<&'m ResourceInstance>> = HashMap::default();
        for l in index.resources("aws_lb_listener") {
            if let Some(lb) = l
                .body
                .attr("load_balancer_arn")
                .and_then(|a| index.referent(&a.value))
            {
                listeners.entry(&lb.address).or_default().push(l);
            }
        }
        Pointers { eips, listeners }
    }

    /// The first Elastic IP (all `aws_eip` before any `aws_eip_association`) that points
    /// at one of `targets`, as the label and span the path shows.
    fn elastic_ip(&self, targets: &[&ResourceInstance]) -> Option<(String, Span)> {
        let (_, e) = targets
            .iter()
            .filter_map(|t| self.eips.get(&*t.address))
            .flatten()
            .min_by_key(|(position, _)| *position)?;
        let what = if &*e.rtype == "aws_eip" {
            "Elastic IP"
        } else {
            "Elastic IP association"
        };
        Some((format!("{what} {}", e.address), e.header))
    }

    fn listeners(&self, lb: &ResourceInstance) -> &[&'m ResourceInstance] {
        self.listeners.get(&*lb.address).map_or(&[], Vec::as_slice)
    }
}

fn instance<'m>(
    index: &Index<'m>,
    pointers: &Pointers<'m>,
    r: &'m ResourceInstance,
) -> Attachment<'m> {
    let mut notes = Vec::new();
    let mut subnets: Vec<Link<'m>> = subnet_link(index, &r.body, "subnet_id")
        .into_iter()
        .collect();
    let mut sgs = groups(
        index,
        &r.body,
        &["vpc_security_group_ids", "security_groups"],
    );
    let mut public: Option<PublicIp> = None;
    let mut ipv6: Option<PublicIpv6> = None;
    let mut eip_targets: Vec<&ResourceInstance> = vec![r];
    // Attached network interfaces carry the subnet and groups.
    for b in r.body.blocks("network_interface") {
        if let Some(eni) = index
            .resolve_attr(
                &b.body,
                "network_interface_id",
                &["aws_network_interface"],
                &["id"],
            )
            .and_then(|l| l.target.resource())
        {
            notes.push((eni.header, format!("network interface {}", eni.address)));
            subnets.extend(subnet_link(index, &eni.body, "subnet_id"));
            sgs.extend(groups(index, &eni.body, &["security_groups"]));
            ipv6 = ipv6.or(ipv6_setting(&eni.body));
            eip_targets.push(eni);
        }
    }
    // A launch template fills in what the instance does not say.
    for b in r.body.blocks("launch_template") {
        let Some(lt) = launch_template_in(index, &b.body, &["id", "name"]) else {
            continue;
        };
        notes.push((lt.header, format!("launch template {}", lt.address)));
        let launch = launch_template_settings(index, lt);
        if sgs.is_empty() {
            sgs = launch.groups;
        }
        if subnets.is_empty() {
            subnets = launch.subnets;
        }
        public = public.or(launch.public);
        ipv6 = ipv6.or(launch.ipv6);
    }
    let ipv6 = ipv6_setting(&r.body)
        .or(ipv6)
        .unwrap_or(PublicIpv6::FromSubnet);
    let public = match pointers.elastic_ip(&eip_targets) {
        Some((label, span)) => PublicIp::Yes(label, span),
        None => explicit_public(&r.body, "associate_public_ip_address")
            .or(public)
            .unwrap_or(PublicIp::FromSubnet),
    };
    let placement = if subnets.is_empty() {
        Placement::DefaultVpc("no subnet_id: the instance is launched in a default subnet".into())
    } else {
        Placement::Subnets(subnets)
    };
    Attachment {
        resource: r,
        kind: "EC2 instance",
        placement,
        groups: Some(sgs),
        public_ip: public,
        ipv6,
        serves: None,
        load_balancer: false,
        notes,
        endpoint: None,
    }
}

/// What a launch template gives the instances it launches.
struct LaunchSettings<'m> {
    groups: Vec<Link<'m>>,
    subnets: Vec<Link<'m>>,
    /// `associate_public_ip_address` of its network interface, when set.
    public: Option<PublicIp>,
    /// `ipv6_address_count`/`ipv6_addresses` of its network interface, when set.
    ipv6: Option<PublicIpv6>,
}

/// The launch template a block names by `keys` (`id`/`name`, or `launch_template_id`/
/// `launch_template_name`), when declared here.
fn launch_template_in<'m>(
    index: &Index<'m>,
    body: &Body,
    keys: &[&str],
) -> Option<&'m ResourceInstance> {
    keys.iter().find_map(|k| {
        index
            .resolve_attr(body, k, &["aws_launch_template"], &["id", "name"])
            .and_then(|l| l.target.resource())
    })
}

/// A launch template's groups (its own, else its network interfaces'), subnets and
/// public address setting.
fn launch_template_settings<'m>(index: &Index<'m>, lt: &'m ResourceInstance) -> LaunchSettings<'m> {
    let mut out = LaunchSettings {
        groups: groups(
            index,
            &lt.body,
            &["vpc_security_group_ids", "security_groups"],
        ),
        subnets: Vec::new(),
        public: None,
        ipv6: None,
    };
    for ni in lt.body.blocks("network_interfaces") {
        if out.subnets.is_empty() {
            out.subnets
                .extend(subnet_link(index, &ni.body, "subnet_id"));
        }
        if out.groups.is_empty() {
            out.groups = groups(index, &ni.body, &["security_groups"]);
        }
        if out.public.is_none() {
            out.public = explicit_public(&ni.body, "associate_public_ip_address");
        }
        if out.ipv6.is_none() {
            out.ipv6 = ipv6_setting(&ni.body);
        }
    }
    out
}

/// `ipv6_address_count` or `ipv6_addresses` when set: a count above zero or a listed
/// address gives the interface a public IPv6 address; a count of zero gives none.
fn ipv6_setting(body: &Body) -> Option<PublicIpv6> {
    if let Some(a) = body.attr("ipv6_address_count")
        && let Some(n) = a.value.as_number()
    {
        return Some(if n > 0.0 {
            PublicIpv6::Yes(format!("ipv6_address_count = {n}"), a.span)
        } else {
            PublicIpv6::No
        });
    }
    let a = body.attr("ipv6_addresses")?;
    let listed = a.value.as_list().is_some_and(|l| !l.is_empty());
    listed.then(|| PublicIpv6::Yes("ipv6_addresses".into(), a.span))
}

/// A load balancer with `ip_address_type = "dualstack"` (or
/// `"dualstack-without-public-ipv4"`) has public IPv6 addresses.
fn dualstack(body: &Body) -> PublicIpv6 {
    match body.attr("ip_address_type") {
        Some(a) if a.value.as_str().is_some_and(|s| s.starts_with("dualstack")) => PublicIpv6::Yes(
            format!("ip_address_type = {}", a.value.as_str().unwrap_or("")),
            a.span,
        ),
        _ => PublicIpv6::No,
    }
}

/// `associate_public_ip_address` when it is set.
fn explicit_public(body: &Body, name: &str) -> Option<PublicIp> {
    let span = body.attr(name).map(|a| a.span)?;
    Some(match bool_attr(body, name) {
        Ok(Some(true)) => PublicIp::Yes(format!("{name} = true"), span),
        Ok(Some(false)) => PublicIp::No,
        Ok(None) => return None,
        Err(reason) => PublicIp::Unknown(reason),
    })
}

/// A flag that makes the resource public (`publicly_accessible`, `assign_public_ip`).
fn flag(body: &Body, name: &str, default: bool, header: Span) -> PublicIp {
    match bool_attr(body, name) {
        Ok(Some(true)) => PublicIp::Yes(
            format!("{name} = true"),
            body.attr(name).map_or(header, |a| a.span),
        ),
        Ok(None) if default => {
            PublicIp::Yes(format!("{name} is not set and defaults to true"), header)
        }
        Ok(_) => PublicIp::No,
        Err(reason) => PublicIp::Unknown(reason),
    }
}

fn load_balancer<'m>(
    index: &Index<'m>,
    pointers: &Pointers<'m>,
    r: &'m ResourceInstance,
) -> Option<Attachment<'m>> {
    let lb_type = r
        .body
        .attr("load_balancer_type")
        .and_then(|a| a.value.as_str())
        .unwrap_or("application");
    if lb_type == "gateway" {
        return None;
    }
    let public_ip = match bool_attr(&r.body, "internal") {
        Ok(Some(true)) => PublicIp::No,
        Ok(Some(false)) => PublicIp::Yes(
            "internal = false: internet-facing".into(),
            r.body.attr("internal").map_or(r.header, |a| a.span),
        ),
        Ok(None) => PublicIp::Yes(
            "internal is not set: internet-facing by default".into(),
            r.header,
        ),
        Err(reason) => PublicIp::Unknown(reason),
    };
    let mut subnets = resolve_list(
        index,
        &r.body,
        "subnets",
        &["aws_subnet", "aws_default_subnet"],
        &["id"],
    );
    for m in r.body.blocks("subnet_mapping") {
        subnets.extend(subnet_link(index, &m.body, "subnet_id"));
    }
    let sgs = groups(index, &r.body, &["security_groups"]);
    // A Network Load Balancer created without security groups filters nothing.
    let groups = if sgs.is_empty() && lb_type == "network" {
        None
    } else {
        Some(sgs)
    };
    let (served, ports, notes) = listeners(pointers, r, lb_type);
    Some(Attachment {
        resource: r,
        kind: "load balancer",
        placement: if subnets.is_empty() {
            Placement::Unknown("the load balancer names no subnets".into())
        } else {
            Placement::Subnets(subnets)
        },
        groups,
        public_ip,
        ipv6: dualstack(&r.body),
        serves: Some((served, format!("listeners on {}", ports.join(", ")))),
        load_balancer: true,
        notes,
        endpoint: None,
    })
}

/// What a load balancer's listeners serve: the traffic, their ports, and a note naming
/// each. A listener without a protocol speaks the load balancer type's default (TCP for
/// a Network Load Balancer, HTTP otherwise).
fn listeners(
    pointers: &Pointers<'_>,
    r: &ResourceInstance,
    lb_type: &str,
) -> (Traffic, Vec<String>, Vec<(Span, String)>) {
    let mut served = Traffic::none();
    let mut ports = Vec::new();
    let mut notes = Vec::new();
    for l in pointers.listeners(r) {
        let Some(port) = l
            .body
            .attr("port")
            .and_then(|a| a.value.as_number())
            .and_then(|p| u16::try_from(p as i64).ok())
        else {
            continue;
        };
        let proto = l
            .body
            .attr("protocol")
            .and_then(|a| a.value.as_str())
            .unwrap_or(if lb_type == "network" { "TCP" } else { "HTTP" })
            .to_ascii_uppercase();
        let one = PortSet::single(port);
        let t = match proto.as_str() {
            "UDP" => Traffic::udp(one),
            "TCP_UDP" => Traffic::tcp(one.clone()).union(&Traffic::udp(one)),
            _ => Traffic::tcp(one),
        };
        served = served.union(&t);
        ports.push(port.to_string());
        notes.push((l.header, format!("listener {} on port {port}", l.address)));
    }
    (served, ports, notes)
}

fn classic_elb<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Attachment<'m> {
    let public_ip = match bool_attr(&r.body, "internal") {
        Ok(Some(true)) => PublicIp::No,
        Ok(_) => PublicIp::Yes(
            "internet-facing Classic Load Balancer".into(),
            r.body.attr("internal").map_or(r.header, |a| a.span),
        ),
        Err(reason) => PublicIp::Unknown(reason),
    };
    let subnets = resolve_list(
        index,
        &r.body,
        "subnets",
        &["aws_subnet", "aws_default_subnet"],
        &["id"],
    );
    let mut served = Traffic::none();
    let mut ports = Vec::new();
    for l in r.body.blocks("listener") {
        if let Some(p) = l
            .body
            .attr("lb_port")
            .and_then(|a| a.value.as_number())
            .and_then(|p| u16::try_from(p as i64).ok())
        {
            served = served.union(&Traffic::tcp(PortSet::single(p)));
            ports.push(p.to_string());
        }
    }
    Attachment {
        resource: r,
        kind: "Classic Load Balancer",
        placement: if subnets.is_empty() {
            Placement::DefaultVpc(
                "no subnets: the load balancer is placed in the default VPC".into(),
            )
        } else {
            Placement::Subnets(subnets)
        },
        groups: Some(groups(index, &r.body, &["security_groups"])),
        public_ip,
        ipv6: PublicIpv6::No,
        serves: Some((served, format!("listeners on {}", ports.join(", ")))),
        load_balancer: true,
        notes: Vec::new(),
        endpoint: None,
    }
}

/// The port a database engine listens on by default.
fn engine_port(engine: &str) -> u16 {
    let e = engine.to_ascii_lowercase();
    if e.contains("postgres") {
        5432
    } else if e.starts_with("oracle") {
        1521
    } else if e.starts_with("sqlserver") {
        1433
    } else if e.starts_with("db2") {
        50000
    } else {
        // mysql, mariadb, aurora, aurora-mysql
        3306
    }
}

fn db_port(body: &Body, fallback_engine: Option<&str>, default: u16) -> (Traffic, String) {
    let port = body
        .attr("port")
        .and_then(|a| a.value.as_number())
        .and_then(|p| u16::try_from(p as i64).ok())
        .or_else(|| {
            body.attr("engine")
                .and_then(|a| a.value.as_str())
                .or(fallback_engine)
                .map(engine_port)
        })
        .unwrap_or(default);
    (Traffic::tcp(PortSet::single(port)), format!("port {port}"))
}

fn db_subnets<'m>(index: &Index<'m>, body: &Body, attr: &str, group_type: &str) -> Placement<'m> {
    let Some(link) = index.resolve_attr(body, attr, &[group_type], &["name", "id"]) else {
        return Placement::DefaultVpc(format!("no {attr}: the default VPC's subnets are used"));
    };
    match link.target {
        Target::Resource(g) => {
            let subnets = resolve_list(
                index,
                &g.body,
                "subnet_ids",
                &["aws_subnet", "aws_default_subnet"],
                &["id"],
            );
            if subnets.is_empty() {
                Placement::Unknown(format!("{} names no subnets", g.address))
            } else {
                Placement::Subnets(subnets)
            }
        }
        Target::Literal(name) => {
            Placement::Unknown(format!("subnet group {name} is not declared here"))
        }
        Target::Unknown(reason) => Placement::Unknown(format!("{attr}: {reason}")),
    }
}

fn database<'m>(
    index: &Index<'m>,
    r: &'m ResourceInstance,
    body: &Body,
    kind: &'static str,
) -> Attachment<'m> {
    let public_ip = flag(body, "publicly_accessible", false, r.header);
    Attachment {
        resource: r,
        kind,
        placement: db_subnets(index, body, "db_subnet_group_name", "aws_db_subnet_group"),
        groups: Some(groups(index, body, &["vpc_security_group_ids"])),
        ipv6: db_dual_stack(body, &public_ip),
        public_ip,
        serves: Some(db_port(body, None, 3306)),
        load_balancer: false,
        notes: Vec::new(),
        endpoint: None,
    }
}

/// RDS dual-stack mode (`network_type = "DUAL"`, which needs an IPv6 block in every
/// subnet of the DB subnet group): a publicly accessible instance gets a public IPv6
/// endpoint beside its public IPv4 one; a private instance's IPv6 endpoint is reachable
/// only inside the VPC (RDS turns off internet gateway access for it).
fn db_dual_stack(body: &Body, public_ip: &PublicIp) -> PublicIpv6 {
    match (body.attr("network_type"), public_ip) {
        (Some(a), PublicIp::Yes(..))
            if a.value
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("dual")) =>
        {
            PublicIpv6::Yes(
                "network_type = DUAL on a publicly accessible instance".into(),
                a.span,
            )
        }
        _ => PublicIpv6::No,
    }
}

fn cluster_instance<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Attachment<'m> {
    let cluster = index
        .resolve_attr(
            &r.body,
            "cluster_identifier",
            &["aws_rds_cluster"],
            &["cluster_identifier", "id"],
        )
        .and_then(|l| l.target.resource());
    let mut a = database(index, r, &r.body, "RDS cluster instance");
    if let Some(c) = cluster {
        a.groups = Some(groups(index, &c.body, &["vpc_security_group_ids"]));
        if r.body.attr("db_subnet_group_name").is_none() {
            a.placement = db_subnets(
                index,
                &c.body,
                "db_subnet_group_name",
                "aws_db_subnet_group",
            );
        }
        if r.body.attr("network_type").is_none() {
            a.ipv6 = db_dual_stack(&c.body, &a.public_ip);
        }
        let engine = c.body.attr("engine").and_then(|x| x.value.as_str());
        a.serves = Some(db_port(&c.body, engine, 3306));
        a.notes.push((c.header, format!("cluster {}", c.address)));
    }
    a
}

fn redshift<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Attachment<'m> {
    Attachment {
        resource: r,
        kind: "Redshift cluster",
        placement: db_subnets(
            index,
            &r.body,
            "cluster_subnet_group_name",
            "aws_redshift_subnet_group",
        ),
        groups: Some(groups(index, &r.body, &["vpc_security_group_ids"])),
        public_ip: flag(&r.body, "publicly_accessible", true, r.header),
        ipv6: PublicIpv6::No,
        serves: Some(db_port(&r.body, None, 5439)),
        load_balancer: false,
        notes: Vec::new(),
        endpoint: None,
    }
}

/// Tasks in `awsvpc` mode get an IPv6 address from a subnet that assigns them at launch
/// (`assign_ipv6_address_on_creation`), as long as the account's `dualStackIPv6` ECS
/// setting is on. That setting lives outside most configurations; one declared here as
/// disabled (`aws_ecs_account_setting_default`) turns it off, otherwise the subnet decides.
fn ecs_ipv6(index: &Index<'_>) -> PublicIpv6 {
    let disabled = index.resources("aws_ecs_account_setting_default").any(|s| {
        let text = |n: &str| s.body.attr(n).and_then(|a| a.value.as_str());
        text("name") == Some("dualStackIPv6") && text("value") == Some("disabled")
    });
    if disabled {
        PublicIpv6::No
    } else {
        PublicIpv6::FromSubnet
    }
}

fn ecs_service<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Option<Attachment<'m>> {
    let nc = r.body.blocks("network_configuration").next()?;
    let subnets = resolve_list(
        index,
        &nc.body,
        "subnets",
        &["aws_subnet", "aws_default_subnet"],
        &["id"],
    );
    Some(Attachment {
        resource: r,
        kind: "ECS service",
        placement: if subnets.is_empty() {
            Placement::Unknown("network_configuration names no subnets".into())
        } else {
            Placement::Subnets(subnets)
        },
        groups: Some(groups(index, &nc.body, &["security_groups"])),
        public_ip: flag(&nc.body, "assign_public_ip", false, nc.header),
        ipv6: ecs_ipv6(index),
        serves: None,
        load_balancer: false,
        notes: Vec::new(),
        endpoint: None,
    })
}

/// An Auto Scaling group: its instances sit in `vpc_zone_identifier`'s subnets with the
/// groups and public address setting of its launch template or launch configuration.
fn autoscaling_group<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Attachment<'m> {
    let mut notes = Vec::new();
    let (launch, unknown_launch) = autoscaling_launch(index, r, &mut notes);
    let mut sgs = launch.groups;
    let mut public = launch.public;
    let lt_subnets = launch.subnets;
    let ipv6 = launch.ipv6;
    if let Some(reason) = unknown_launch
        && sgs.is_empty()
    {
        // The groups come from a template or configuration we cannot read.
        sgs.push(Link {
            target: Target::Unknown(reason.clone()),
            span: r.header,
        });
        public = public.or(Some(PublicIp::Unknown(reason)));
    }
    let mut subnets = resolve_list(index, &r.body, "vpc_zone_identifier", SUBNET_TYPES, &["id"]);
    if subnets.is_empty() {
        subnets = lt_subnets;
    }
    Attachment {
        resource: r,
        kind: "Auto Scaling group",
        placement: if subnets.is_empty() {
            Placement::DefaultVpc(
                "no vpc_zone_identifier: instances are launched in the default VPC".into(),
            )
        } else {
            Placement::Subnets(subnets)
        },
        groups: Some(sgs),
        public_ip: public.unwrap_or(PublicIp::FromSubnet),
        ipv6: ipv6.unwrap_or(PublicIpv6::FromSubnet),
        serves: None,
        load_balancer: false,
        notes,
        endpoint: None,
    }
}

/// What an Auto Scaling group's instances get from the launch templates it names (its
/// own or a mixed instances policy's) and its launch configuration: the first groups
/// found, every template's subnets, the first public address settings; a note naming
/// each; and why one of them cannot be read.
fn autoscaling_launch<'m>(
    index: &Index<'m>,
    r: &'m ResourceInstance,
    notes: &mut Vec<(Span, String)>,
) -> (LaunchSettings<'m>, Option<String>) {
    let mut out = LaunchSettings {
        groups: Vec::new(),
        subnets: Vec::new(),
        public: None,
        ipv6: None,
    };
    let mut unknown_launch = None;
    let specs = r
        .body
        .blocks("launch_template")
        .map(|b| (&b.body, ["id", "name"]))
        .chain(
            r.body
                .blocks("mixed_instances_policy")
                .flat_map(|m| m.body.blocks("launch_template"))
                .flat_map(|l| l.body.blocks("launch_template_specification"))
                .map(|b| (&b.body, ["launch_template_id", "launch_template_name"])),
        );
    for (body, keys) in specs {
        match launch_template_in(index, body, &keys) {
            Some(lt) => {
                notes.push((lt.header, format!("launch template {}", lt.address)));
                let launch = launch_template_settings(index, lt);
                if out.groups.is_empty() {
                    out.groups = launch.groups;
                }
                out.subnets.extend(launch.subnets);
                out.public = out.public.or(launch.public);
                out.ipv6 = out.ipv6.or(launch.ipv6);
            }
            None => {
                unknown_launch.get_or_insert_with(|| {
                    "its launch template is not declared here or known only after apply".to_string()
                });
            }
        }
    }
    if let Some(link) = index.resolve_attr(
        &r.body,
        "launch_configuration",
        &["aws_launch_configuration"],
        &["name", "id"],
    ) {
        match link.target {
            Target::Resource(lc) => {
                notes.push((lc.header, format!("launch configuration {}", lc.address)));
                if out.groups.is_empty() {
                    out.groups = groups(index, &lc.body, &["security_groups"]);
                }
                out.public = out
                    .public
                    .or(explicit_public(&lc.body, "associate_public_ip_address"));
            }
            Target::Literal(name) => {
                unknown_launch
                    .get_or_insert(format!("launch configuration {name} is not declared here"));
            }
            Target::Unknown(reason) => {
                unknown_launch.get_or_insert(format!("launch_configuration: {reason}"));
            }
        }
    }
    (out, unknown_launch)
}

/// A resource whose interfaces only ever have private addresses (see the module
/// comment): placed in `subnets` with `groups`, never given a public IP.
fn private_only<'m>(
    r: &'m ResourceInstance,
    kind: &'static str,
    placement: Placement<'m>,
    groups: Vec<Link<'m>>,
    serves: (Traffic, String),
) -> Attachment<'m> {
    Attachment {
        resource: r,
        kind,
        placement,
        groups: Some(groups),
        public_ip: PublicIp::No,
        ipv6: PublicIpv6::No,
        serves: Some(serves),
        load_balancer: false,
        notes: Vec::new(),
        endpoint: None,
    }
}

fn subnet_placement<'m>(links: Vec<Link<'m>>, what: &str) -> Placement<'m> {
    if links.is_empty() {
        Placement::Unknown(format!("{what} names no subnets"))
    } else {
        Placement::Subnets(links)
    }
}

/// An OpenSearch or Elasticsearch domain in a VPC (`vpc_options`); a domain without one
/// has a public endpoint governed by its access policy, which other checks judge.
fn search_domain<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Option<Attachment<'m>> {
    let vpc = r.body.blocks("vpc_options").next()?;
    let subnets = resolve_list(index, &vpc.body, "subnet_ids", SUBNET_TYPES, &["id"]);
    let https = Traffic::tcp(PortSet::single(443)).union(&Traffic::tcp(PortSet::single(80)));
    Some(private_only(
        r,
        "OpenSearch domain",
        subnet_placement(subnets, "vpc_options"),
        groups(index, &vpc.body, &["security_group_ids"]),
        (https, "HTTPS and HTTP".into()),
    ))
}

/// An EKS cluster: its control-plane interfaces in `vpc_config`'s subnets (private
/// addresses only) and its public API endpoint.
fn eks_cluster<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Option<Attachment<'m>> {
    let vpc = r.body.blocks("vpc_config").next()?;
    let subnets = resolve_list(index, &vpc.body, "subnet_ids", SUBNET_TYPES, &["id"]);
    let api = Traffic::tcp(PortSet::single(443));
    let mut a = private_only(
        r,
        "EKS cluster API endpoint",
        subnet_placement(subnets, "vpc_config"),
        groups(index, &vpc.body, &["security_group_ids"]),
        (api.clone(), "the Kubernetes API on 443".into()),
    );
    let flag_span = vpc.body.attr("endpoint_public_access").map(|x| x.span);
    let (label, unknown_access) = match bool_attr(&vpc.body, "endpoint_public_access") {
        Ok(Some(false)) => return Some(a),
        Ok(Some(true)) => ("endpoint_public_access = true".to_string(), None),
        Ok(None) => (
            "endpoint_public_access is not set and defaults to true".to_string(),
            None,
        ),
        Err(reason) => ("endpoint_public_access".to_string(), Some(reason)),
    };
    // The provider sends public_access_cidrs only when the list is not empty
    // (expandVpcConfigRequest), so `[]` leaves EKS's default, 0.0.0.0/0.
    let cidrs_attr = vpc
        .body
        .attr("public_access_cidrs")
        .filter(|x| !x.value.as_list().is_some_and(<[_]>::is_empty));
    let mut unknown_cidrs = None;
    let cidrs = cidrs_attr.map(|_| {
        let mut out = Vec::new();
        collect_cidrs(
            &vpc.body,
            "public_access_cidrs",
            &mut out,
            &mut unknown_cidrs,
        );
        out
    });
    a.endpoint = Some(PublicEndpoint {
        label: format!("public Kubernetes API endpoint ({label})"),
        span: flag_span.unwrap_or(vpc.header),
        cidrs,
        cidrs_span: cidrs_attr.map_or(vpc.header, |x| x.span),
        traffic: api,
        unknown_access,
        unknown_cidrs,
    });
    Some(a)
}

/// The port an ElastiCache engine listens on by default.
fn cache_port(body: &Body) -> (Traffic, String) {
    let engine = body.attr("engine").and_then(|a| a.value.as_str());
    let default = if engine == Some("memcached") {
        11211
    } else {
        6379
    };
    let port = body
        .attr("port")
        .and_then(|a| a.value.as_number())
        .and_then(|p| u16::try_from(p as i64).ok())
        .unwrap_or(default);
    (Traffic::tcp(PortSet::single(port)), format!("port {port}"))
}

fn elasticache<'m>(
    index: &Index<'m>,
    r: &'m ResourceInstance,
    kind: &'static str,
) -> Attachment<'m> {
    private_only(
        r,
        kind,
        db_subnets(
            index,
            &r.body,
            "subnet_group_name",
            "aws_elasticache_subnet_group",
        ),
        groups(index, &r.body, &["security_group_ids"]),
        cache_port(&r.body),
    )
}

/// A cache cluster; one that joins a replication group takes its network settings.
fn elasticache_cluster<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Attachment<'m> {
    let mut a = elasticache(index, r, "ElastiCache cluster");
    let group = index
        .resolve_attr(
            &r.body,
            "replication_group_id",
            &["aws_elasticache_replication_group"],
            &["replication_group_id", "id"],
        )
        .and_then(|l| l.target.resource());
    if let Some(g) = group {
        let from = elasticache(index, g, a.kind);
        if a.groups.as_ref().is_none_or(|x| x.is_empty()) {
            a.groups = from.groups;
        }
        if r.body.attr("subnet_group_name").is_none() {
            a.placement = from.placement;
        }
        a.notes
            .push((g.header, format!("replication group {}", g.address)));
    }
    a
}

/// A Lambda function attached to a VPC (`vpc_config`); its interfaces accept no inbound
/// connections, so it serves nothing.
fn lambda_function<'m>(index: &Index<'m>, r: &'m ResourceInstance) -> Option<Attachment<'m>> {
    let vpc = r.body.blocks("vpc_config").next()?;
    let subnets = resolve_list(index, &vpc.body, "subnet_ids", SUBNET_TYPES, &["id"]);
    Some(private_only(
        r,
        "Lambda function",
        subnet_placement(subnets, "vpc_config"),
        groups(index, &vpc.body, &["security_group_ids"]),
        (Traffic::none(), "no inbound connections".into()),
    ))
}
