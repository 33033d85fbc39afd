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

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::network::AddrSet;
use crate::network::internet::covers_internet;
use crate::network::ports::{
    PortClass, PortSet, Protocol, Service, Traffic, describe, sensitive_services,
};
use crate::network::sg::{CidrSource, Direction, SgRule};
use crate::source::Span;

/// The one check that reports an ingress rule open to the internet.
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

impl Concern {
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
pub fn concern_in(cx: &Context<'_>, t: &Traffic) -> Option<Concern> {
    concern_where(t, |c| {
        c != Concern::AllPorts || cx.runs(Concern::AllPorts.check_id())
    })
}

fn concern_where(t: &Traffic, runs: impl Fn(Concern) -> bool) -> Option<Concern> {
    if t.is_empty() {
        return None;
    }
    // In order of precedence; each test is made only when the ones before it did not
    // decide (every rule of every root is judged, by several checks).
    let matches = |c: Concern| match c {
        Concern::AllPorts => opens_all_ports(t),
        Concern::Admin => !sensitive_services(t, PortClass::Admin).is_empty(),
        Concern::Database => !database_services(t).is_empty(),
        Concern::Port => !t.difference(&UNREMARKABLE).is_empty(),
        Concern::Icmp => !t.intersection(&ICMP).is_empty(),
        Concern::Web => true,
    };
    [
        Concern::AllPorts,
        Concern::Admin,
        Concern::Database,
        Concern::Port,
        Concern::Icmp,
        Concern::Web,
    ]
    .into_iter()
    .find(|c| runs(*c) && matches(*c))
}

/// The database services of `t` inside ranges written around database ports.
fn database_services(t: &Traffic) -> Vec<&'static Service> {
    let is_db = |p: Protocol, port: u16| {
        !sensitive_services(&single(p, port), PortClass::Database).is_empty()
    };
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

fn single(p: Protocol, port: u16) -> Traffic {
    ranged(p, PortSet::single(port))
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

register!("aws-vpc-sg-admin-port-open-to-internet", admin_port_open);
/// `aws-vpc-sg-admin-port-open-to-internet`: an ingress rule lets the whole internet
/// (IPv4 or IPv6, alone or as a union of CIDRs) reach an administrative port.
pub fn admin_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Admin) {
        let services = sensitive_services(&rule.traffic, PortClass::Admin);
        let what = join_and(&opened(&rule.traffic, &services, false));
        report_open(check, cx, rule, &what, out);
    }
}

register!(
    "aws-vpc-sg-database-port-open-to-internet",
    database_port_open
);
/// `aws-vpc-sg-database-port-open-to-internet`: database, cache, search and broker ports.
pub fn database_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Database) {
        let services = database_services(&rule.traffic);
        let what = join_and(&opened(&rule.traffic, &services, false));
        report_open(check, cx, rule, &what, out);
    }
}

register!("aws-vpc-sg-all-ports-open-to-internet", all_ports_open);
/// `aws-vpc-sg-all-ports-open-to-internet`: every protocol, or every TCP or UDP port.
pub fn all_ports_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::AllPorts) {
        report_open(check, cx, rule, &join_and(&describe(&rule.traffic)), out);
    }
}

register!("aws-vpc-sg-port-open-to-internet", port_open);
/// `aws-vpc-sg-port-open-to-internet`: any other port, when no more specific check
/// reports the rule.
pub fn port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for rule in owned_by(cx, Concern::Port) {
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
        report_open(check, cx, rule, &join_and(&what), out);
    }
}

register!("aws-vpc-sg-icmp-open-to-internet", icmp_open);
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
        report_open(check, cx, &own_family, &what, out);
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

register!("aws-vpc-sg-egress-unrestricted", egress_unrestricted);
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
        .filter(move |r| r.direction == Direction::Ingress && concern_in(cx, &r.traffic) == Some(c))
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

/// Name a handful of services; a rule that opens dozens says how many more.
pub fn capped(mut names: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 4;
    if names.len() > SHOWN + 1 {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("{more} more"));
    }
    names
}

/// Reports `rule` as admitting `what` from the internet, or records it as undecided
/// when its sources are not fully known.
fn report_open(
    check: &Arc<Check>,
    cx: &Context<'_>,
    rule: &SgRule<'_>,
    what: &str,
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
    let sources = source_names(&open);
    let mut message = format!("allows {what} from {}", join_and(&sources));
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
    if !shares.is_empty() {
        message.push_str(&format!(" ({})", shares.join(", ")));
    }
    let at = first.rule_span();
    let mut related: Vec<Related> = Vec::new();
    for c in &open {
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

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
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
