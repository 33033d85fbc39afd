//! Security-group rules that allow nothing another rule of the same group does not.
//!
//! AWS facts: a group's rules only allow and add up, so a rule whose traffic and sources
//! another rule of the group wholly covers changes nothing; AWS rejects an exact
//! duplicate (`InvalidPermission.Duplicate`) but accepts a rule inside another one (a
//! /25 next to its /24). Such a rule still counts against the rules-per-group quota.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html>

use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::network::{AddrSet, Direction, Link, SgRule, Target, covers_internet};

/// Whether two links name the same thing: the same resource, or the same literal id.
fn same_target(a: &Link<'_>, b: &Link<'_>) -> bool {
    match (&a.target, &b.target) {
        (Target::Resource(x), Target::Resource(y)) => x.address == y.address,
        (Target::Literal(x), Target::Literal(y)) => x == y,
        _ => false,
    }
}

/// Whether every grant of `inner` is also a grant of `outer`: its traffic, its ICMP
/// types, its CIDRs, `self` and the groups and prefix lists it names. Rules with a part
/// known only after apply are never compared.
fn covers(outer: &Judged<'_, '_>, inner: &Judged<'_, '_>) -> bool {
    let (outer_addresses, inner_addresses) = (&outer.addresses, &inner.addresses);
    let (outer, inner) = (outer.rule, inner.rule);
    if outer.unknown.is_some() || inner.unknown.is_some() || outer.direction != inner.direction {
        return false;
    }
    // For ICMP `from_port` is the type and `to_port` the code, -1 standing for every one.
    let icmp = match (outer.icmp, inner.icmp) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some((ot, oc)), Some((it, ic))) => ot == -1 || (ot == it && (oc == -1 || oc == ic)),
    };
    let named = |outer: &[Link<'_>], inner: &[Link<'_>]| {
        inner
            .iter()
            .all(|i| outer.iter().any(|o| same_target(o, i)))
    };
    icmp && inner.traffic.is_subset_of(&outer.traffic)
        && inner_addresses.is_subset_of(outer_addresses)
        && (inner.self_source.is_none() || outer.self_source.is_some())
        && named(&outer.groups, &inner.groups)
        && named(&outer.prefix_lists, &inner.prefix_lists)
}

/// A rule with what every comparison reads of it, computed once.
struct Judged<'r, 'm> {
    rule: &'r SgRule<'m>,
    addresses: AddrSet,
    /// Open to the internet (or broadly so): such a rule is never the one that covers.
    broad: bool,
}

/// AWS accepts at most 1,000 rules per group in each direction (the rules-per-group quota
/// times groups per interface cannot pass 1,000):
/// <https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups>.
/// Rules are compared pairwise, so a group with more — which AWS would refuse — is
/// judged on its first 1,000 rules and the rest are undecided.
const MAX_RULES_PER_DIRECTION: usize = 1_000;

/// Whether a rule grants anything at all.
fn grants(rule: &SgRule<'_>) -> bool {
    !rule.traffic.is_empty()
        && (!rule.cidrs.is_empty()
            || rule.self_source.is_some()
            || !rule.groups.is_empty()
            || !rule.prefix_lists.is_empty())
}

/// What a rule allows, for messages: `all traffic from 10.0.0.0/24`.
fn describe(rule: &SgRule<'_>) -> String {
    let mut sources: Vec<String> = rule.cidrs.iter().map(|c| c.cidr.to_string()).collect();
    if rule.self_source.is_some() {
        sources.push("the group itself".into());
    }
    let n = rule.groups.len() + rule.prefix_lists.len();
    if n > 0 {
        sources.push(format!(
            "{n} named group{} or prefix list{}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        ));
    }
    let dir = match rule.direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    };
    format!("{} {dir} {}", rule.traffic, sources.join(", "))
}

check! {
    judge = sg_rule_redundant,
    meta = r#"
id = "aws-vpc-sg-rule-redundant"
title = "Security group rule adds nothing to its group"
severity = "low"
area = "network"
resources = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
]
description = """
Another rule of the same group already allows all of this rule's traffic, from all of
its sources: a rule for `162.168.2.0/25` next to one for `162.168.2.0/24` on the same
ports. Security-group rules only allow and add up, so the rule changes nothing. AWS
rejects an exact duplicate, but not a rule inside another one.

Dead rules are usually left over from a change: someone added the narrower rule to
tighten access and left the broad one, so the group allows more than its author
believes. Each one also counts against the rules-per-group quota. Of two rules that
cover each other (the same rule written in two forms), the later one is reported. A rule
covered only by a rule open to the internet is not reported: the open rule is the one to
remove, and the checks on open ports report it. Rules with a part known only after apply
are not compared.
"""
remediation = """
Remove the redundant rule, or narrow the broader one if the narrow rule is what was
meant.

```hcl
resource "aws_security_group" "partners" {
  name   = "partners"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Partner network"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["162.168.2.0/25"]
  }
}
```
"""
"#
}
/// `aws-vpc-sg-rule-redundant`: a rule another rule of its group wholly covers, unless
/// that rule is open to the internet. Of two rules that cover each other (the same rule
/// written twice, in two forms), the later is reported.
pub fn sg_rule_redundant(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for group in &net.sgs.groups {
            let mut per_direction = [0usize; 2];
            let mut rules: Vec<Judged<'_, '_>> = Vec::new();
            for rule in net.sgs.rules_of(group) {
                let n = &mut per_direction[usize::from(rule.direction == Direction::Egress)];
                *n += 1;
                if *n > MAX_RULES_PER_DIRECTION {
                    if *n == MAX_RULES_PER_DIRECTION + 1 {
                        out.unknown.push(UnknownResult {
                            check: check.clone(),
                            resource: ResourceRef::of(group.resource),
                            span: rule.span,
                            reason: format!(
                                "the group has more than {MAX_RULES_PER_DIRECTION} rules in one direction, more than AWS accepts; this rule and the rest are not compared"
                            ),
                        });
                    }
                    continue;
                }
                let addresses = rule.addresses();
                let broad = covers_internet(&addresses).broad(cx.share);
                rules.push(Judged {
                    rule,
                    addresses,
                    broad,
                });
            }
            for (i, judged) in rules.iter().enumerate() {
                let rule = judged.rule;
                if !grants(rule) {
                    continue;
                }
                // A rule open to the internet is the one to remove, and its own checks
                // report it: the rules it covers are not called redundant.
                let by = rules.iter().enumerate().find(|(j, other)| {
                    *j != i
                        && !other.broad
                        && covers(other, judged)
                        && (*j < i || !covers(judged, other))
                });
                let Some((_, by)) = by else {
                    continue;
                };
                let by = by.rule;
                let direction = match rule.direction {
                    Direction::Ingress => "ingress",
                    Direction::Egress => "egress",
                };
                let what = describe(rule);
                out.findings.push(Finding::new(
                    check,
                    rule.resource,
                    format!(
                        "this {direction} rule ({what}) adds nothing: another rule of {} already allows all of it",
                        group.resource.address
                    ),
                    rule.span,
                    &format!("{direction} {what}"),
                    vec![Related {
                        span: by.span,
                        message: format!("this rule allows {}", describe(by)),
                    }],
                ));
            }
        }
    }
}
