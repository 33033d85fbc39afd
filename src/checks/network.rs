//! Security-group checks on the exact rule model.
//!
//! Each ingress rule open to the internet is reported once, by the check of its root
//! cause ([`concern`]), never three times over:
//! * `aws-vpc-sg-all-ports-open-to-internet` — the rule admits every port of TCP or UDP,
//!   or every protocol (which includes every administrative and database port).
//! * `aws-vpc-sg-admin-port-open-to-internet` — administrative ports, alone or inside a
//!   wider range (the message names the range).
//! * `aws-vpc-sg-database-port-open-to-internet` — database ports, or a range written
//!   around them (it begins and ends on one).
//! * `aws-vpc-sg-port-open-to-internet` — any other port except HTTP/HTTPS (tcp/80,
//!   tcp/443, udp/443); a range that holds a database port among application ports is
//!   named as the range, with the services inside it as detail.
//! * `aws-vpc-sg-icmp-open-to-internet` — ICMP or ICMPv6.
//! * `aws-vpc-sg-http-open-to-internet` (in `network_rows.rs`) — web ports only.

use std::sync::{Arc, LazyLock};

use super::phrases::{capped, join_and};
use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
pub(crate) use crate::network::Concern;
use crate::network::{
    AddrSet, BroadShare, CidrSource, Direction, InternetCoverage, PortClass, PortSet, Protocol,
    Service, SgRule, Traffic, covers_internet, describe, is_service_port, opens_service,
    sensitive_services,
};
use crate::source::Span;

impl Concern {
    /// Every concern, from the gravest: a rule is reported under the first that applies.
    pub const ALL: [Concern; 6] = [
        Concern::AllPorts,
        Concern::Admin,
        Concern::Database,
        Concern::Port,
        Concern::Icmp,
        Concern::Web,
    ];

    /// The id of the check that reports a rule of this concern.
    pub fn check_id(self) -> &'static str {
        match self {
            Concern::AllPorts => "aws-vpc-sg-all-ports-open-to-internet",
            Concern::Admin => "aws-vpc-sg-admin-port-open-to-internet",
            Concern::Database => "aws-vpc-sg-database-port-open-to-internet",
            Concern::Port => "aws-vpc-sg-port-open-to-internet",
            Concern::Icmp => "aws-vpc-sg-icmp-open-to-internet",
            Concern::Web => "aws-vpc-sg-http-open-to-internet",
        }
    }
}

/// Which check owns a rule allowing `t`. Administrative services (SSH, RDP, SMB, the
/// Kubernetes and Docker APIs…) listen on every host of their kind by default, so a
/// range over their port exposes them whatever the range was written for. A database
/// listens only where one runs: a range counts as a database exposure when it is written
/// around database ports (it begins and ends on one), not when a database's default port
/// merely falls inside a range of application ports (8080-8090 holds InfluxDB's 8086).
#[cfg(test)]
pub fn concern(t: &Traffic) -> Option<Concern> {
    concern_where(t, |_| true)
}

/// Which check of this scan owns a rule allowing `t`. A rule open on every port is
/// `aws-vpc-sg-all-ports-open-to-internet`'s; with that check left out, the check of the
/// next root cause it has reports it (the administrative-port check: it opens SSH too),
/// so selecting checks never hides such a rule. The other concerns partition the rules:
/// excluding the administrative-port check does not hand SSH to the generic port check.
///
/// Found once per rule ([`SgRule::concern`]): every check of a concern, the
/// reachability causes and the web check ask it of every rule.
pub fn concern_in(cx: &Context<'_>, rule: &SgRule<'_>) -> Option<Concern> {
    let all_ports = cx.runs(Concern::AllPorts.check_id());
    *rule.concern[usize::from(all_ports)]
        .get_or_init(|| concern_where(&rule.traffic, |c| c != Concern::AllPorts || all_ports))
}

fn concern_where(t: &Traffic, runs: impl Fn(Concern) -> bool) -> Option<Concern> {
    if t.is_empty() {
        return None;
    }
    // In order of precedence; each test is made only when the ones before it did not
    // decide (every rule of every root is judged, by several checks).
    let matches = |c: Concern| match c {
        Concern::AllPorts => opens_all_ports(t),
        Concern::Admin => opens_service(t, PortClass::Admin),
        Concern::Database => !database_services(t).is_empty(),
        Concern::Port => !t.difference(&UNREMARKABLE).is_empty(),
        Concern::Icmp => !t.intersection(&ICMP).is_empty(),
        Concern::Web => true,
    };
    Concern::ALL.into_iter().find(|c| runs(*c) && matches(*c))
}

/// The database services of `t` inside ranges written around database ports.
fn database_services(t: &Traffic) -> Vec<&'static Service> {
    let is_db = |p: Protocol, port: u16| is_service_port(p, port, PortClass::Database);
    let mut around = Traffic::none();
    for (p, ports) in [
        (Protocol::Tcp, t.tcp_ports()),
        (Protocol::Udp, t.udp_ports()),
    ] {
        for r in ports.ranges() {
            if is_db(p, *r.start()) && is_db(p, *r.end()) {
                around = around.union(&ranged(p, PortSet::from_range(*r.start(), *r.end())));
            }
        }
    }
    sensitive_services(&around, PortClass::Database)
}

fn ranged(p: Protocol, ports: PortSet) -> Traffic {
    match p {
        Protocol::Udp => Traffic::udp(ports),
        _ => Traffic::tcp(ports),
    }
}

/// What `t` opens, one phrase per TCP or UDP range that holds one of `services` (every
/// range when `plain`): a range that is exactly services' ports by their names ("SSH
/// (tcp/22)", "MongoDB (tcp/27017-27019)"); a wider one by its ports, with the services
/// inside it as detail ("tcp/0-1024 (a port range including FTP (tcp/21), SSH (tcp/22)
/// and Telnet (tcp/23))").
fn opened(t: &Traffic, services: &[&Service], plain: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (p, ports) in [
        (Protocol::Tcp, t.tcp_ports()),
        (Protocol::Udp, t.udp_ports()),
    ] {
        for r in ports.ranges() {
            let inside: Vec<&Service> = services
                .iter()
                .copied()
                .filter(|s| s.protocol == p && r.contains(&s.port))
                .collect();
            let range = if r.start() == r.end() {
                format!("{p}/{}", r.start())
            } else {
                format!("{p}/{}-{}", r.start(), r.end())
            };
            if inside.is_empty() {
                if plain {
                    out.push(range);
                }
            } else if inside.len() == r.len() {
                out.extend(service_phrases(&inside));
            } else {
                out.push(format!(
                    "{range} (a port range including {})",
                    join_and(&capped(service_phrases(&inside)))
                ));
            }
        }
    }
    out
}

check! {
    judge = admin_port_open,
    meta = r#"
id = "aws-vpc-sg-admin-port-open-to-internet"
title = "Administrative port open to the internet"
severity = "high"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = ["AVD-AWS-0107", "aws-ec2-no-public-ingress-sgr", "CKV_AWS_24", "CKV_AWS_25"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
]
description = """
An ingress rule lets the whole internet reach a port used to administer machines:
SSH (22), RDP (3389), Telnet (23), VNC (5900), WinRM (5985/5986), the Docker daemon
(2375/2376), the Kubernetes API and kubelet (6443/10250), SMB (445) and others.

tfscan computes the exact set of addresses a rule admits: `0.0.0.0/0`, `::/0`, and
unions such as `0.0.0.0/1` + `128.0.0.0/1` all count as the internet, and so does a set
that covers more than half of the public addresses of a family (`0.0.0.0/1` alone holds
56.5% of the IPv4 internet; the message gives the share); a list of specific public /32
addresses, or a /8, does not. Ports are intersected exactly, so a range such as
`0-1024` that includes port 22 is found too, and named as the range with the services
inside it ("tcp/0-1024 (a port range including FTP (tcp/21), SSH (tcp/22)…)"): an
administrative service listens on every host of its kind by default, whatever the range
was written for. A rule for every port or protocol is reported once, by
`aws-vpc-sg-all-ports-open-to-internet`. Every form of rule is
covered: inline `ingress` blocks or `ingress = [{ … }]` attributes,
`aws_security_group_rule` and `aws_vpc_security_group_ingress_rule`.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Allow administrative ports only from the networks that administer the hosts (a VPN
or bastion range), or use AWS Systems Manager Session Manager and close the port.

```hcl
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.20.0.0/16" # the VPN range
}
```
"""
"#
}
/// `aws-vpc-sg-admin-port-open-to-internet`: an ingress rule lets the whole internet
/// (IPv4 or IPv6, alone or as a union of CIDRs) reach an administrative port.
pub fn admin_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Admin) {
        let what = || {
            let services = sensitive_services(&rule.traffic, PortClass::Admin);
            join_and(&opened(&rule.traffic, &services, false))
        };
        report_open(check, cx, rule, what, out);
    }
}

check! {
    judge = database_port_open,
    meta = r#"
id = "aws-vpc-sg-database-port-open-to-internet"
title = "Database port open to the internet"
severity = "high"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html",
]
description = """
An ingress rule lets the whole internet reach a database, cache, search engine or
message broker: MySQL (3306), PostgreSQL (5432), Microsoft SQL Server (1433/1434),
Oracle (1521), MongoDB (27017-27019), Redis (6379), Memcached (11211), Elasticsearch
(9200/9300), Cassandra (7000/7001/9042), Redshift (5439), Kafka (9092), ZooKeeper
(2181) and others. These services are scanned for continuously and are a common
source of data breaches.

The sources are judged exactly: `0.0.0.0/0`, `::/0`, and unions such as `0.0.0.0/1` +
`128.0.0.0/1` (or a managed prefix list holding them) are the internet; specific public
addresses are not. A rule with `self = true` keeps its CIDRs. A rule that opens every
port is reported by `aws-vpc-sg-all-ports-open-to-internet`, and one that also opens an
administrative port by `aws-vpc-sg-admin-port-open-to-internet`, instead of here.

A port range counts as a database exposure when it is written around database ports
(it begins and ends on one: `27017-27019`, `5432-5439`). A database listens only where
one runs, so its default port inside a range of application ports (InfluxDB's 8086 in
`8080-8090`) is not one: `aws-vpc-sg-port-open-to-internet` names that range, with the
services inside it as detail.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Allow the database port only from the security groups of the clients that need it.

```hcl
resource "aws_vpc_security_group_ingress_rule" "postgres_from_app" {
  security_group_id            = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
}
```
"""
"#
}
/// `aws-vpc-sg-database-port-open-to-internet`: database, cache, search and broker ports.
pub fn database_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Database) {
        let what = || {
            let services = database_services(&rule.traffic);
            join_and(&opened(&rule.traffic, &services, false))
        };
        report_open(check, cx, rule, what, out);
    }
}

check! {
    judge = all_ports_open,
    meta = r#"
id = "aws-vpc-sg-all-ports-open-to-internet"
title = "Security group admits all ports from the internet"
severity = "high"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = ["CKV_AWS_277"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
]
description = """
An ingress rule admits every protocol (`protocol = "-1"` / `ip_protocol = "-1"`, whatever
`from_port` and `to_port` say) or every TCP or UDP port (`0-65535`) from the whole
internet, IPv4 or IPv6. Every service the instance runs, including ones started later
or by accident, is exposed.

Such a rule is reported once, here: "all traffic" already says that every
administrative, database and ICMP port is open, so the admin-port, database-port,
port and ICMP checks leave it alone.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Open only the ports the service needs, to the sources that need them.

```hcl
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
```
"""
"#
}
/// `aws-vpc-sg-all-ports-open-to-internet`: every protocol, or every TCP or UDP port.
pub fn all_ports_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::AllPorts) {
        report_open(check, cx, rule, || join_and(&describe(&rule.traffic)), out);
    }
}

check! {
    judge = port_open,
    meta = r#"
id = "aws-vpc-sg-port-open-to-internet"
title = "Port open to the internet"
severity = "medium"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = ["aws-vpc-no-public-ingress-sgr"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
]
description = """
An ingress rule lets the whole internet reach a port that is neither HTTP (tcp/80) nor
HTTPS (tcp/443, udp/443 for HTTP/3) nor ICMP: an application port, a metrics endpoint,
a development server. Each one is attack surface; most are meant for a load balancer or
for other services in the VPC, not for everyone.

To keep one rule from producing several findings, this check reports only rules that
no more specific check reports: rules opening administrative ports
(`aws-vpc-sg-admin-port-open-to-internet`), database ports
(`aws-vpc-sg-database-port-open-to-internet`) or every port
(`aws-vpc-sg-all-ports-open-to-internet`) are left to those checks.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Admit the port only from the load balancer's security group, or from the networks
that use it.

```hcl
resource "aws_vpc_security_group_ingress_rule" "app_from_lb" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.lb.id
}
```
"""
"#
}
/// `aws-vpc-sg-port-open-to-internet`: any other port, when no more specific check
/// reports the rule.
pub fn port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Port) {
        let what = || {
            let rest = rule.traffic.difference(&UNREMARKABLE);
            let mut services = sensitive_services(&rest, PortClass::Database);
            services.extend(sensitive_services(&rest, PortClass::Web));
            services.sort_by_key(|s| (s.port, s.protocol));
            let mut what = opened(&rest, &services, true);
            // Protocols without ports (GRE, ESP…).
            let portless = rest
                .difference(&Traffic::protocol(Protocol::Tcp))
                .difference(&Traffic::protocol(Protocol::Udp));
            what.extend(describe(&portless));
            join_and(&what)
        };
        report_open(check, cx, rule, what, out);
    }
}

check! {
    judge = icmp_open,
    meta = r#"
id = "aws-vpc-sg-icmp-open-to-internet"
title = "ICMP open to the internet"
severity = "low"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules-reference.html#sg-rules-ping",
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules-reference.html#sg-rules-path-mtu",
]
description = """
An ingress rule lets the whole internet send ICMP (from IPv4 sources) or ICMPv6 (from
IPv6 sources) to the group's members. Answering echo requests lets anyone on the
internet find the hosts by sweeping address ranges, timestamp requests reveal their
clocks, and a rule for every ICMP type admits redirects and other messages no host
needs from strangers. The message names the type the rule admits (from_port is the
ICMP type, to_port the code, -1 every one).

ICMP is judged by family: ICMP travels only over IPv4 and ICMPv6 only over IPv6. The
error messages that path MTU discovery needs, ICMP type 3 (destination unreachable,
whose code 4 is "fragmentation needed") and ICMPv6 type 2 (packet too big), are what
AWS recommends allowing and are not reported. A rule for every protocol (`-1`) is
reported once, by `aws-vpc-sg-all-ports-open-to-internet`, not here as well.

Reachability: when the rule lets the internet reach a resource declared here (it has a
public address and its subnet routes to an internet gateway; see
`aws-vpc-resource-internet-reachable`), the finding names the resources it makes
reachable, each resource block as a related location, and takes the reachability's
severity when that is higher (critical for administrative or database ports, medium
otherwise); the reachability check does not report them again.
"""
remediation = """
Admit ICMP only from the networks that monitor the hosts, or only the types path MTU
discovery needs.

```hcl
resource "aws_vpc_security_group_ingress_rule" "path_mtu" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "icmp"
  from_port         = 3 # destination unreachable
  to_port           = 4 # fragmentation needed
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ping_from_monitoring" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "icmp"
  from_port         = 8 # echo request
  to_port           = -1
  cidr_ipv4         = "10.20.0.0/16" # the monitoring network
}
```
"""
"#
}
/// `aws-vpc-sg-icmp-open-to-internet`: ICMP from the IPv4 internet or ICMPv6 from the
/// IPv6 internet. ICMP (protocol 1) travels only over IPv4 and ICMPv6 (58) only over
/// IPv6, so each is judged on the sources of its own family. The error messages path MTU
/// discovery needs are not reported: AWS recommends allowing ICMP type 3 (destination
/// unreachable; code 4 is "fragmentation needed") and ICMPv6 type 2 (packet too big)
/// <https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules-reference.html#sg-rules-path-mtu>.
pub fn icmp_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Icmp) {
        let v6 = rule.traffic.allows(Protocol::Icmpv6, 0);
        let (name, mtu_type) = if v6 { ("ICMPv6", 2) } else { ("ICMP", 3) };
        let what = match rule.icmp {
            Some((ty, _)) if ty == mtu_type => continue,
            Some((ty, code)) if ty >= 0 => {
                let code = if code >= 0 {
                    format!(", code {code}")
                } else {
                    String::new()
                };
                match icmp_type_name(v6, ty) {
                    Some(n) => format!("{name} {n} (type {ty}{code})"),
                    None => format!("{name} type {ty}{code}"),
                }
            }
            _ => format!("{name} (every type)"),
        };
        let mut own_family = rule.clone();
        own_family
            .cidrs
            .retain(|c| c.cidr.network().is_ipv6() == v6);
        report_open(check, cx, &own_family, || what, out);
    }
}

/// The ICMP message types a rule for one type usually means.
fn icmp_type_name(v6: bool, ty: i64) -> Option<&'static str> {
    match (v6, ty) {
        (false, 0) | (true, 129) => Some("echo reply"),
        (false, 8) | (true, 128) => Some("echo request"),
        (false, 5) => Some("redirect"),
        (false, 11) | (true, 3) => Some("time exceeded"),
        (false, 13) => Some("timestamp request"),
        (true, 1) => Some("destination unreachable"),
        _ => None,
    }
}

check! {
    judge = egress_unrestricted,
    meta = r#"
id = "aws-vpc-sg-egress-unrestricted"
title = "Security group allows all outbound traffic to the internet"
severity = "low"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_egress_rule",
]
aliases = ["AVD-AWS-0104", "aws-ec2-no-public-egress-sgr", "CKV_AWS_382"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
]
description = """
An egress rule allows every protocol and port to the whole internet (`0.0.0.0/0`,
`::/0`, or CIDRs whose union covers it). A compromised host can then reach any command
and control server and exfiltrate data on any port.

Only rules allowing *all* traffic are reported: an egress rule for HTTPS to the
internet is how most hosts fetch updates and call AWS APIs. Terraform removes the
allow-all egress rule AWS adds to new groups, so a group without egress rules allows
no outbound traffic and is not reported.
"""
remediation = """
Allow only the outbound traffic the workload needs, or send it through a proxy or VPC
endpoints.

```hcl
resource "aws_vpc_security_group_egress_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
```
"""
"#
}
/// `aws-vpc-sg-egress-unrestricted`: all traffic to the whole internet.
pub fn egress_unrestricted(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in cx.networks().iter().flat_map(|n| &n.sgs.rules) {
        if rule.direction != Direction::Egress || !rule.traffic.is_all() {
            continue;
        }
        let open = open_cidrs(rule);
        let Some(first) = open.first() else { continue };
        if !covers_internet(&rule.addresses()).is_open() {
            continue;
        }
        let sources = source_names(&open);
        let mut related = Vec::new();
        for c in &open {
            related.extend(provenance(&c.value, c.span, None));
        }
        out.findings.push(Finding::new(
            check,
            rule.resource,
            format!("allows all outbound traffic to {}", join_and(&sources)),
            first.rule_span(),
            &format!("egress all to {}", sources.join(",")),
            related,
        ));
    }
}

/// Web traffic and ICMP, which the generic check does not report.
static UNREMARKABLE: LazyLock<Traffic> = LazyLock::new(|| {
    Traffic::tcp(PortSet::single(80))
        .union(&Traffic::tcp(PortSet::single(443)))
        .union(&Traffic::udp(PortSet::single(443)))
        .union(&ICMP)
});

static ICMP: LazyLock<Traffic> =
    LazyLock::new(|| Traffic::protocol(Protocol::Icmp).union(&Traffic::protocol(Protocol::Icmpv6)));

/// Every protocol, or every port of TCP or UDP.
pub fn opens_all_ports(t: &Traffic) -> bool {
    t.is_all() || t.tcp_ports().is_all() || t.udp_ports().is_all()
}

/// The ingress rules of every root whose root cause is `c`; whether their sources cover
/// the internet is the caller's question.
pub fn owned_by<'a, 'm>(
    cx: &'a Context<'m>,
    c: Concern,
) -> impl Iterator<Item = &'a SgRule<'m>> + 'a {
    cx.networks()
        .iter()
        .flat_map(|n| &n.sgs.rules)
        .filter(move |r| r.direction == Direction::Ingress && concern_in(cx, r) == Some(c))
}

/// Where a check reports `rule` open to the internet: its first source that is part of
/// the internet (the reachability analysis points its security-group link there too).
pub fn finding_span(rule: &SgRule<'_>) -> Option<Span> {
    open_cidrs(rule).first().map(|c| c.rule_span())
}

fn open_cidrs<'a>(rule: &'a SgRule<'_>) -> Vec<&'a CidrSource> {
    rule.cidrs
        .iter()
        .filter(|c| {
            let cov = covers_internet(&AddrSet::from_cidr(&c.cidr));
            cov.v4_fraction > 0.0 || cov.v6_fraction > 0.0
        })
        .collect()
}

/// The sources as written: CIDRs, and prefix lists with their entries
/// ("prefix list aws_ec2_managed_prefix_list.x (0.0.0.0/1, 128.0.0.0/1)").
fn source_names(open: &[&CidrSource]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in open {
        match &c.via {
            Some((list, _)) => match lists.iter_mut().find(|(l, _)| l == list) {
                Some((_, entries)) => entries.push(c.cidr.original()),
                None => lists.push((list, vec![c.cidr.original()])),
            },
            None => {
                let name = c.cidr.original().to_string();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    for (list, entries) in lists {
        out.push(format!("prefix list {list} ({})", entries.join(", ")));
    }
    out
}

/// "SSH (tcp/22)", with consecutive ports of one service merged: "MongoDB (tcp/27017-27019)".
pub fn service_phrases(services: &[&Service]) -> Vec<String> {
    let mut runs: Vec<(&str, Protocol, u16, u16)> = Vec::new();
    for s in services {
        match runs.last_mut() {
            Some((name, proto, _, end))
                if *name == s.name
                    && *proto == s.protocol
                    && end.checked_add(1) == Some(s.port) =>
            {
                *end = s.port;
            }
            _ => runs.push((s.name, s.protocol, s.port, s.port)),
        }
    }
    runs.into_iter()
        .map(|(name, proto, from, to)| {
            if from == to {
                format!("{name} ({proto}/{from})")
            } else {
                format!("{name} ({proto}/{from}-{to})")
            }
        })
        .collect()
}

/// Reports `rule` as admitting `what()` from the internet, or records it as undecided
/// when its sources are not fully known.
fn report_open(
    check: &Arc<Check>,
    cx: &Context<'_>,
    rule: &SgRule<'_>,
    what: impl FnOnce() -> String,
    out: &mut CheckResults,
) {
    let share = cx.share;
    let coverage = covers_internet(&rule.addresses());
    let open = open_cidrs(rule);
    let first = match open.first() {
        // Most of the internet is the internet (`BroadShare`); a list of specific public
        // addresses is not.
        Some(first) if coverage.broad(share) => *first,
        _ => {
            if let Some(reason) = &rule.unknown {
                out.unknown.push(UnknownResult {
                    check: check.clone(),
                    resource: ResourceRef::of(rule.resource),
                    span: rule.span,
                    reason: reason.clone(),
                });
            }
            return;
        }
    };
    // What the rule opens is worded only for a rule reported: each check asks this of
    // every rule of its concern, whatever its sources.
    let what = what();
    let sources = source_names(&open);
    let message = format!(
        "allows {what} from {}{}",
        join_and(&sources),
        partial_shares(&coverage, share)
    );
    let at = first.rule_span();
    let related = open_rule_related(rule, &open, at);
    // The fingerprint names the rule by what it allows, not by its position.
    let attribute = format!("ingress {} from {}", rule.traffic, sources.join(","));
    out.findings.push(Finding::new(
        check,
        rule.resource,
        message,
        at,
        &attribute,
        related,
    ));
}

/// " (93.8% of the IPv4 internet)" for each family the sources cover broadly but not
/// whole; empty when they cover the whole of each family they cover broadly.
fn partial_shares(coverage: &InternetCoverage, share: BroadShare) -> String {
    let shares: Vec<String> = [
        (
            "IPv4",
            coverage.v4_broad(share) && !coverage.v4_all,
            coverage.v4_fraction,
        ),
        (
            "IPv6",
            coverage.v6_broad(share) && !coverage.v6_all,
            coverage.v6_fraction,
        ),
    ]
    .into_iter()
    .filter(|(_, partial, _)| *partial)
    .map(|(family, _, share)| format!("{:.1}% of the {family} internet", share * 100.0))
    .collect();
    if shares.is_empty() {
        String::new()
    } else {
        format!(" ({})", shares.join(", "))
    }
}

/// The locations that explain a finding at `at` about `rule`'s `open` sources: the other
/// open sources, the lists they come from and their provenance, a `self = true` that
/// does not narrow them, and the rule itself when the finding points elsewhere.
fn open_rule_related(rule: &SgRule<'_>, open: &[&CidrSource], at: Span) -> Vec<Related> {
    let mut related: Vec<Related> = Vec::new();
    for c in open {
        if c.rule_span() != at {
            related.push(Related {
                span: c.rule_span(),
                message: format!("{} is also open", c.cidr.original()),
            });
        }
        if let Some((list, _)) = &c.via {
            related.push(Related {
                span: c.span,
                message: format!("{} is an entry of {list}", c.cidr.original()),
            });
        }
        related.extend(provenance(&c.value, c.span, None));
    }
    if let Some(span) = rule.self_source {
        related.push(Related {
            span,
            message: "self = true adds the group's own members; it does not narrow the CIDRs"
                .into(),
        });
    }
    if rule.span != rule.resource.header && rule.span != at {
        related.push(Related {
            span: rule.span,
            message: format!("this rule allows {}", rule.traffic),
        });
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(protocol: &str, from: i64, to: i64) -> Traffic {
        Traffic::from_rule(protocol, from, to).expect("valid rule")
    }

    #[test]
    fn each_rule_has_one_root_cause() {
        for (proto, from, to, want) in [
            ("-1", 0, 0, Concern::AllPorts),
            ("tcp", 0, 65535, Concern::AllPorts),
            ("udp", 0, 65535, Concern::AllPorts),
            ("tcp", 22, 22, Concern::Admin),
            // A range over an administrative port is that exposure.
            ("tcp", 0, 1024, Concern::Admin),
            ("tcp", 1024, 65000, Concern::Admin),
            ("tcp", 5432, 5432, Concern::Database),
            ("tcp", 27017, 27019, Concern::Database),
            // Written around database ports: it begins and ends on one.
            ("tcp", 5432, 5439, Concern::Database),
            // A database's default port inside a range of application ports.
            ("tcp", 8080, 8090, Concern::Port),
            ("tcp", 6379, 6380, Concern::Port),
            ("tcp", 3000, 3000, Concern::Port),
            ("47", 0, 0, Concern::Port),
            ("icmp", -1, -1, Concern::Icmp),
            ("icmpv6", 128, -1, Concern::Icmp),
            ("tcp", 443, 443, Concern::Web),
            ("tcp", 80, 80, Concern::Web),
        ] {
            assert_eq!(
                concern(&rule(proto, from, to)),
                Some(want),
                "{proto} {from}-{to}"
            );
        }
        assert_eq!(concern(&Traffic::none()), None);
    }

    #[test]
    fn ranges_are_named_as_ranges_with_their_services_as_detail() {
        let t = rule("tcp", 8080, 8090);
        let mut services = sensitive_services(&t, PortClass::Database);
        services.extend(sensitive_services(&t, PortClass::Web));
        services.sort_by_key(|s| (s.port, s.protocol));
        assert_eq!(
            opened(&t, &services, true),
            [
                "tcp/8080-8090 (a port range including HTTP alternate (tcp/8080) and InfluxDB (tcp/8086))"
            ]
        );
        let mongo = rule("tcp", 27017, 27019);
        assert_eq!(
            opened(&mongo, &database_services(&mongo), false),
            ["MongoDB (tcp/27017-27019)"]
        );
        let low = rule("tcp", 20, 23);
        assert_eq!(
            opened(&low, &sensitive_services(&low, PortClass::Admin), false),
            ["tcp/20-23 (a port range including FTP (tcp/21), SSH (tcp/22) and Telnet (tcp/23))"]
        );
        // Ports with no service are named only when asked.
        let plain = rule("tcp", 3000, 3100);
        assert_eq!(opened(&plain, &[], true), ["tcp/3000-3100"]);
        assert!(opened(&plain, &[], false).is_empty());
    }
}
