//! Network ACL checks on first-match evaluation: what a NACL really allows after its
//! rules are applied in ascending rule number, and which rules can never match.

use std::sync::Arc;

use super::network::service_phrases;
use super::phrases::{capped, join_and};
use crate::check::{Check, Severity};
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::network::{
    AddrSet, BroadShare, Evaluation, Nacl, NaclEntry, PortClass, Protocol, Region, Service,
    Traffic, covers_internet, except_phrase, internet, left_out_of_internet, services_of,
};
use crate::source::Span;

/// Where a finding about a NACL rule points: its CIDR when written, else the rule.
fn entry_span(e: &NaclEntry<'_>) -> Span {
    e.cidrs.first().map_or(e.span, |c| c.span)
}

fn entry_related(e: &NaclEntry<'_>) -> Vec<Related> {
    e.cidrs
        .iter()
        .flat_map(|c| provenance(&c.value, c.span, None))
        .collect()
}

fn unknown(check: &Arc<Check>, n: &Nacl<'_>, reason: &str, out: &mut CheckResults) {
    out.unknown.push(UnknownResult {
        check: check.clone(),
        resource: ResourceRef::of(n.resource),
        span: n.resource.header,
        reason: reason.to_string(),
    });
}

/// What a finding about a rule of a NACL not declared here adds: the rule is judged on
/// its own.
pub(crate) fn foreign_note(n: &Nacl<'_>) -> String {
    match &n.foreign {
        Some(what) => format!(
            " ({what} is not declared here: judged on this rule alone, a lower-numbered rule there may decide first)"
        ),
        None => String::new(),
    }
}

/// The rules that let the internet in on the traffic `opens` selects: per family, the one
/// rule whose allowed part alone admits the family's internet (all of it, or more than
/// the broad share), else every rule that admits some of it (they do it together). A
/// rule that admits only private addresses, or a handful of public ones beside a rule
/// that opens the whole family, is not a cause. Sorted by rule number.
pub(crate) fn opening_rules(
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
    opens: impl Fn(&Traffic) -> bool,
) -> Vec<usize> {
    let net = internet();
    let mut out: Vec<usize> = Vec::new();
    for v6 in [false, true] {
        let family = AddrSet {
            v4: if v6 {
                Default::default()
            } else {
                net.v4.clone()
            },
            v6: if v6 {
                net.v6.clone()
            } else {
                Default::default()
            },
        };
        let mut by_rule: Vec<(usize, AddrSet)> = Vec::new();
        for r in ingress.allowed().filter(|r| opens(&r.traffic)) {
            let (Some(i), addrs) = (r.entry, r.addrs.intersection(&family)) else {
                continue;
            };
            if addrs.is_empty() {
                continue;
            }
            match by_rule.iter_mut().find(|(x, _)| *x == i) {
                Some((_, a)) => *a = a.union(&addrs),
                None => by_rule.push((i, addrs)),
            }
        }
        let broad = |a: &AddrSet| covers_internet(a).broad(share);
        let alone: Vec<usize> = by_rule
            .iter()
            .filter(|(_, a)| broad(a))
            .map(|(i, _)| *i)
            .collect();
        if !alone.is_empty() {
            // Another rule is a cause too when it admits addresses the rules that open
            // the family alone would not (128.0.0.0/1 beside 0.0.0.0/1); one whose
            // addresses they cover anyway (a /32 before 0.0.0.0/0) is not.
            let covered = alone
                .iter()
                .filter_map(|i| n.entries.get(*i))
                .fold(AddrSet::empty(), |acc, e| acc.union(&e.addresses()));
            out.extend(
                by_rule
                    .iter()
                    .filter(|(i, a)| alone.contains(i) || !a.is_subset_of(&covered))
                    .map(|(i, _)| *i),
            );
        } else {
            let all = by_rule
                .iter()
                .fold(AddrSet::empty(), |acc, (_, a)| acc.union(a));
            if broad(&all) {
                out.extend(by_rule.iter().map(|(i, _)| *i));
            }
        }
    }
    out.sort_by_key(|i| (n.entries.get(*i).and_then(|e| e.number), *i));
    out.dedup();
    out
}

/// The check that reports a rule allowing all traffic.
pub(crate) const ALLOWS_ALL: &str = "aws-vpc-nacl-allows-all-traffic";
/// The check that reports administrative ports open to the internet.
pub(crate) const ADMIN_PORT: &str = "aws-vpc-nacl-admin-port-open-to-internet";

/// A group of administrative services the same rules let in from the internet.
pub(crate) struct AdminGroup<'a> {
    pub entries: Vec<usize>,
    pub services: Vec<&'a Service>,
    pub sources: AddrSet,
}

/// The administrative services a NACL admits from the internet, grouped by the rules
/// that let them in; when `aws-vpc-nacl-allows-all-traffic` runs, groups of rules that it
/// reports as allowing all traffic are left out (that finding already says every port is
/// open).
pub(crate) fn admin_groups(
    cx: &Context<'_>,
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
) -> Vec<AdminGroup<'static>> {
    admin_groups_of(cx, n, ingress, share, &admin_openings(n, ingress, share))
}

/// How the internet reaches one administrative service through a NACL: the sources its
/// allowed regions admit, whether they are broadly the internet, and then the rules
/// that open it ([`opening_rules`]).
pub(crate) struct AdminOpening {
    sources: AddrSet,
    broad: bool,
    entries: Vec<usize>,
}

/// [`AdminOpening`] of each administrative service, in catalogue order. Both the sources
/// and the opening rules depend only on which allowed regions admit the service, and
/// the same rules (`0.0.0.0/0` on all ports, a range of ports) admit most services: each
/// distinct set of regions is evaluated once and shared.
pub(crate) fn admin_openings(
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
) -> Vec<(&'static Service, std::rc::Rc<AdminOpening>)> {
    let mut known: Vec<(Vec<usize>, std::rc::Rc<AdminOpening>)> = Vec::new();
    let mut out = Vec::new();
    for s in services_of(PortClass::Admin) {
        let admits = |t: &Traffic| t.allows(s.protocol, s.port);
        let regions: Vec<usize> = (ingress.regions.iter().enumerate())
            .filter(|(_, r)| r.allow && admits(&r.traffic))
            .map(|(i, _)| i)
            .collect();
        if let Some((_, o)) = known.iter().find(|(k, _)| *k == regions) {
            out.push((s, o.clone()));
            continue;
        }
        let sources = ingress.allowed_sources(s.protocol, s.port);
        // Most of the internet is the internet: a deny of a few public blocks before the
        // allow does not close the port.
        let broad = covers_internet(&sources).broad(share);
        let entries = if broad {
            opening_rules(n, ingress, share, admits)
        } else {
            Vec::new()
        };
        let o = std::rc::Rc::new(AdminOpening {
            sources,
            broad,
            entries,
        });
        known.push((regions, o.clone()));
        out.push((s, o));
    }
    out
}

/// [`admin_groups`] from the services' [`admin_openings`].
fn admin_groups_of(
    cx: &Context<'_>,
    n: &Nacl<'_>,
    ingress: &Evaluation,
    share: BroadShare,
    openings: &[(&'static Service, std::rc::Rc<AdminOpening>)],
) -> Vec<AdminGroup<'static>> {
    let allow_all_runs = cx.runs(ALLOWS_ALL);
    // Whether the allow-all check reports each entry, decided once per entry: the same
    // entries open most services.
    let mut reported: Vec<Option<bool>> = vec![None; n.entries.len()];
    let mut reported_all = |entries: &[usize]| {
        entries.iter().all(|&i| match reported.get_mut(i) {
            Some(Some(known)) => *known,
            Some(slot) => *slot.insert(reports_allow_all(n, ingress, i, share)),
            None => reports_allow_all(n, ingress, i, share),
        })
    };
    let mut groups: Vec<AdminGroup<'static>> = Vec::new();
    for (s, o) in openings {
        if !o.broad {
            continue;
        }
        let entries = &o.entries;
        if entries.is_empty() || (allow_all_runs && reported_all(entries)) {
            continue;
        }
        match groups.iter_mut().find(|g| g.entries == *entries) {
            Some(g) => g.services.push(s),
            None => groups.push(AdminGroup {
                entries: entries.clone(),
                services: vec![s],
                sources: o.sources.clone(),
            }),
        }
    }
    groups
}

/// FTP's control port (tcp/21) is in the administrative catalogue;
/// `aws-vpc-nacl-ftp-open-to-internet` reports rules that open FTP and no other
/// administrative port.
pub(crate) fn only_ftp(services: &[&Service]) -> bool {
    services
        .iter()
        .all(|s| s.protocol == Protocol::Tcp && s.port == 21)
}

check! {
    judge = nacl_admin_port_open,
    meta = r#"
id = "aws-vpc-nacl-admin-port-open-to-internet"
title = "Network ACL admits administrative ports from the internet"
severity = "medium"
area = "network"
resources = ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"]
aliases = ["AVD-AWS-0105", "aws-ec2-no-public-ingress-acl", "CKV_AWS_232", "CKV_AWS_231"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
]
description = """
After its rules are applied the way AWS applies them — in ascending rule number, the
first matching rule deciding, everything else denied — the network ACL admits an
administrative port (SSH, RDP, Telnet, VNC, WinRM, the Docker and Kubernetes APIs,
SMB…) from the internet, IPv4 or IPv6: every internet address, or more than half of
them when earlier deny rules cut out a few public blocks (the message names what is
left out: "from 0.0.0.0/0 except 1.0.0.0/8").

Unlike checks that judge each rule alone, a `deny` with a lower rule number that
blocks the port is honoured, and several allow rules whose CIDRs together cover the
internet are found. Each finding lands on the rules that open the port to the internet:
a rule that admits only private addresses, or addresses a broader rule admits anyway,
is not named. A rule that allows all traffic is reported once, by
`aws-vpc-nacl-allows-all-traffic`; FTP alone is left to
`aws-vpc-nacl-ftp-open-to-internet`. A standalone `aws_network_acl_rule` on a network
ACL not declared here is judged on its own. The security group is the second line of defence; a NACL that
admits administration from anywhere leaves it the only one.
"""
remediation = """
Deny administrative ports from the internet with a rule numbered before the broad
allow, or allow them only from the administrators' range.

```hcl
resource "aws_network_acl_rule" "deny_ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 90
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
```
"""
"#
}
/// `aws-vpc-nacl-admin-port-open-to-internet`: after first-match evaluation, the NACL
/// admits an administrative port from the internet (IPv4 or IPv6): all of it, or more
/// than half of it when earlier deny rules cut out some public blocks.
pub fn nacl_admin_port_open(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for (n, (ingress, _)) in net.nacls.iter().zip(&net.evaluations) {
            let openings = admin_openings(n, ingress, net.share);
            let groups = admin_groups_of(cx, n, ingress, net.share, &openings);
            let open_at_all = openings.iter().any(|(_, o)| o.broad);
            if !open_at_all {
                if let Some(u) = &ingress.unknown {
                    unknown(check, n, u, out);
                }
                continue;
            }
            for g in groups.iter().filter(|g| !only_ftp(&g.services)) {
                let rules: Vec<&NaclEntry<'_>> =
                    g.entries.iter().filter_map(|i| n.entries.get(*i)).collect();
                let Some(first) = rules.first() else { continue };
                let names = capped(service_phrases(&g.services));
                let labels: Vec<String> = rules.iter().map(|e| e.label()).collect();
                let except = except_phrase(&left_out_of_internet(&g.sources, net.share));
                let message = if rules.len() == 1 {
                    let denied = if except.is_empty() {
                        ""
                    } else {
                        " (denied by earlier rules)"
                    };
                    format!(
                        "{} allows {} from {}{except}{denied}{}",
                        first.label(),
                        join_and(&names),
                        first.sources(),
                        foreign_note(n)
                    )
                } else {
                    format!(
                        "{}{}",
                        rules_message(&rules, &g.sources, net.share, &join_and(&names)),
                        foreign_note(n)
                    )
                };
                let mut related = entry_related(first);
                for e in rules.iter().skip(1) {
                    related.push(Related {
                        span: entry_span(e),
                        message: format!("{} allows {} from {}", e.label(), e.traffic, e.sources()),
                    });
                }
                let attribute = format!("ingress admin via {}", labels.join(","));
                out.findings.push(Finding::new(
                    check,
                    first.resource,
                    message,
                    entry_span(first),
                    &attribute,
                    related,
                ));
            }
        }
    }
}

/// "rules 100 and 110 together allow SSH (tcp/22) from the whole IPv4 internet (0.0.0.0/1,
/// 128.0.0.0/1)" when the rules open a family only between them; "rules 100 (0.0.0.0/0)
/// and 101 (::/0) allow …" when each opens its own family.
pub(crate) fn rules_message(
    rules: &[&NaclEntry<'_>],
    sources: &AddrSet,
    share: BroadShare,
    what: &str,
) -> String {
    let numbers: Vec<String> = rules
        .iter()
        .map(|e| e.number.map_or_else(|| "?".into(), |x| x.to_string()))
        .collect();
    let whole = whole_phrase(sources, share);
    let each_alone = rules
        .iter()
        .all(|e| covers_internet(&e.addresses().intersection(sources)).broad(share));
    if each_alone {
        let named: Vec<String> = rules
            .iter()
            .zip(&numbers)
            .map(|(e, x)| format!("{x} ({})", e.sources()))
            .collect();
        format!("rules {} allow {what} from {whole}", join_and(&named))
    } else {
        let cidrs: Vec<String> = rules.iter().map(|e| e.sources()).collect();
        format!(
            "rules {} together allow {what} from {whole} ({})",
            join_and(&numbers),
            cidrs.join(", ")
        )
    }
}

/// "the whole IPv4 and IPv6 internet", "the IPv4 internet except 1.0.0.0/8".
pub(crate) fn whole_phrase(sources: &AddrSet, share: BroadShare) -> String {
    let cov = covers_internet(sources);
    let family = match (cov.v4_broad(share), cov.v6_broad(share)) {
        (true, true) => "IPv4 and IPv6 internet",
        (true, false) => "IPv4 internet",
        _ => "IPv6 internet",
    };
    let except = except_phrase(&left_out_of_internet(sources, share));
    if except.is_empty() {
        format!("the whole {family}")
    } else {
        format!("the {family}{except}")
    }
}

check! {
    judge = nacl_allows_all_traffic,
    meta = r#"
id = "aws-vpc-nacl-allows-all-traffic"
title = "Network ACL rule allows all traffic from the internet"
severity = "medium"
area = "network"
resources = ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"]
aliases = ["AVD-AWS-0102", "aws-ec2-no-excessive-port-access", "CKV_AWS_352"]
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
]
description = """
An inbound network ACL rule allows every protocol and port (`protocol = "-1"`) from the
whole internet, and some traffic reaches it (it is not shadowed by earlier rules). The
NACL then filters nothing for the subnets it is associated with.

When earlier rules decide part of that traffic first (for example a deny of SSH), the
message names them. This one finding stands for every port it opens: the admin-port
and FTP checks do not report the same rule again. A standalone `aws_network_acl_rule`
on a network ACL not declared here is judged on its own. Outbound allow-all rules are not reported: NACLs are stateless and
replies to clients need them.
"""
remediation = """
Allow only the protocols and ports the subnet serves.

```hcl
resource "aws_network_acl_rule" "https_in" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}
```
"""
"#
}
/// `aws-vpc-nacl-allows-all-traffic`: an ingress allow rule for every protocol and port
/// from the internet (all of it, or more than the broad share of a family's) that still
/// decides traffic from the internet after the earlier rules. Addresses that earlier
/// rules take away entirely are named ("from 0.0.0.0/0 except 1.0.0.0/8"); when earlier
/// rules take only some traffic, the message names those rules.
pub fn nacl_allows_all_traffic(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for (n, (ingress, _)) in net.nacls.iter().zip(&net.evaluations) {
            for (i, e) in n.entries.iter().enumerate() {
                if e.egress || !e.allow || !e.traffic.is_all() {
                    continue;
                }
                if !covers_internet(&e.addresses()).broad(net.share) {
                    if let Some(u) = &e.unknown {
                        unknown(check, n, u, out);
                    }
                    continue;
                }
                let Some(message) = allow_all_message(n, ingress, i, net.share) else {
                    continue;
                };
                out.findings.push(Finding::new(
                    check,
                    e.resource,
                    message,
                    entry_span(e),
                    &format!("ingress all from {}", e.sources()),
                    entry_related(e),
                ));
            }
        }
    }
}

/// Whether `aws-vpc-nacl-allows-all-traffic` reports rule `i`: [`allow_all_message`]
/// without building the message, which the checks that leave such rules to it do not need.
pub(crate) fn reports_allow_all(
    n: &Nacl<'_>,
    ingress: &Evaluation,
    i: usize,
    share: BroadShare,
) -> bool {
    allow_all_decided(n, ingress, i, share).is_some()
}

/// Rule `i` when `aws-vpc-nacl-allows-all-traffic` reports it: an ingress allow of every
/// protocol from the internet that still decides traffic from (most of) the internet
/// after the earlier rules; with its own addresses and the regions it decides from the
/// internet.
fn allow_all_decided<'n, 'm, 'e>(
    n: &'n Nacl<'m>,
    ingress: &'e Evaluation,
    i: usize,
    share: BroadShare,
) -> Option<(&'n NaclEntry<'m>, AddrSet, Vec<&'e Region>)> {
    let e = n.entries.get(i)?;
    if e.egress || !e.allow || !e.traffic.is_all() {
        return None;
    }
    let own = e.addresses();
    if !covers_internet(&own).broad(share) {
        return None;
    }
    let internet = internet();
    let decided: Vec<&Region> = ingress
        .regions
        .iter()
        .filter(|r| r.entry == Some(i) && r.addrs.intersects(internet))
        .collect();
    if decided.is_empty() {
        // Shadowed: aws-vpc-nacl-rule-shadowed reports it.
        return None;
    }
    let decided_from = decided
        .iter()
        .fold(AddrSet::empty(), |acc, r| acc.union(&r.addrs));
    if !covers_internet(&decided_from).broad(share) {
        // Earlier rules leave it only a minority of the internet.
        return None;
    }
    Some((e, own, decided))
}

/// The message of `aws-vpc-nacl-allows-all-traffic` about rule `i`, when it reports it
/// ([`allow_all_decided`]).
fn allow_all_message(
    n: &Nacl<'_>,
    ingress: &Evaluation,
    i: usize,
    share: BroadShare,
) -> Option<String> {
    let (e, own, decided) = allow_all_decided(n, ingress, i, share)?;
    let internet = internet();
    // Where the rule still admits every protocol and port, and what earlier rules took
    // away from its own internet sources.
    let all_from = decided
        .iter()
        .filter(|r| r.traffic.is_all())
        .fold(AddrSet::empty(), |acc, r| acc.union(&r.addrs));
    let everything = covers_internet(&all_from).broad(share);
    let except = if everything {
        except_phrase(&own.intersection(internet).difference(&all_from))
    } else {
        String::new()
    };
    let own_left = except_phrase(&left_out_of_internet(&own, share));
    let scope = if own_left.is_empty() {
        String::new()
    } else {
        format!(" (the internet{own_left})")
    };
    let earlier: Vec<String> = n
        .entries
        .iter()
        .filter(|x| !x.egress && x.number < e.number && x.addresses().intersects(&e.addresses()))
        .map(NaclEntry::label)
        .collect();
    let foreign = foreign_note(n);
    Some(if everything || earlier.is_empty() {
        format!(
            "{} allows all traffic from {}{scope}{except}{foreign}",
            e.label(),
            e.sources()
        )
    } else {
        let verb = if earlier.len() == 1 {
            "decides"
        } else {
            "decide"
        };
        format!(
            "{} allows all traffic from {}{scope} except what {} {verb} first{foreign}",
            e.label(),
            e.sources(),
            join_and(&earlier)
        )
    })
}

check! {
    judge = nacl_rule_shadowed,
    meta = r#"
id = "aws-vpc-nacl-rule-shadowed"
title = "Network ACL rule can never match"
severity = "medium"
area = "network"
resources = ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
]
description = """
Rules with lower numbers decide all of the traffic this rule matches, so it never
applies. AWS evaluates NACL rules in ascending rule number and stops at the first
match.

A shadowed `deny` is the dangerous case: its author believes the traffic is blocked
while an earlier `allow` lets it through (medium). A shadowed `allow` is dead
configuration (low).
"""
remediation = """
Give the rule a number lower than the rules that shadow it, or remove it.

```hcl
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 90 # before the broad allow at 100
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}
```
"""
"#
}
/// `aws-vpc-nacl-rule-shadowed`: a rule that earlier rules leave nothing to decide.
pub fn nacl_rule_shadowed(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for (n, (ingress, egress)) in net.nacls.iter().zip(&net.evaluations) {
            for (ev, direction) in [(ingress, "ingress"), (egress, "egress")] {
                for s in &ev.shadowed {
                    let Some(e) = n.entries.get(s.entry) else {
                        continue;
                    };
                    let by: Vec<&NaclEntry<'_>> =
                        s.by.iter().filter_map(|i| n.entries.get(*i)).collect();
                    let labels: Vec<String> = by.iter().map(|x| x.label()).collect();
                    let verb = if by.len() == 1 { "decides" } else { "decide" };
                    let from = if e.egress { "to" } else { "from" };
                    let message = format!(
                        "{direction} {} ({} {} {from} {}) never applies: {} {verb} all of its traffic first",
                        e.label(),
                        e.action(),
                        e.traffic,
                        e.sources(),
                        join_and(&labels)
                    );
                    let related = by
                        .iter()
                        .map(|x| Related {
                            span: x.span,
                            message: format!(
                                "{} ({} {} {} {}) comes first",
                                x.label(),
                                x.action(),
                                x.traffic,
                                if x.egress { "to" } else { "from" },
                                x.sources()
                            ),
                        })
                        .collect();
                    let mut f = Finding::new(
                        check,
                        e.resource,
                        message,
                        e.span,
                        &format!(
                            "{direction} {} {} from {}",
                            e.action(),
                            e.traffic,
                            e.sources()
                        ),
                        related,
                    );
                    // A deny that never applies leaves open what its author meant to close; an
                    // allow that never applies is only dead configuration.
                    if e.allow {
                        f.severity = Severity::Low;
                    }
                    out.findings.push(f);
                }
                if ev.shadowed.is_empty()
                    && let Some(u) = &ev.unknown
                    && n.entries.iter().any(|e| e.number.is_none())
                {
                    unknown(check, n, u, out);
                }
            }
        }
    }
}
