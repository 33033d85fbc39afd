//! CIDR hygiene: host bits set, subnets outside their VPC, overlapping subnets.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::model::{Body, ResourceInstance};
use crate::network::{
    AddrSet, Cidr, CidrSource, Family, Index, Target, collect_cidrs, collect_cidrs_where, nested,
};

/// Every CIDR-valued attribute: (resource type, nested block or "", attributes).
const CIDR_ATTRIBUTES: &[(&str, &str, &[&str])] = &[
    ("aws_vpc", "", &["cidr_block", "ipv6_cidr_block"]),
    ("aws_vpc_ipv4_cidr_block_association", "", &["cidr_block"]),
    (
        "aws_vpc_ipv6_cidr_block_association",
        "",
        &["ipv6_cidr_block"],
    ),
    ("aws_subnet", "", &["cidr_block", "ipv6_cidr_block"]),
    (
        "aws_security_group",
        "ingress",
        &["cidr_blocks", "ipv6_cidr_blocks"],
    ),
    (
        "aws_security_group",
        "egress",
        &["cidr_blocks", "ipv6_cidr_blocks"],
    ),
    (
        "aws_default_security_group",
        "ingress",
        &["cidr_blocks", "ipv6_cidr_blocks"],
    ),
    (
        "aws_default_security_group",
        "egress",
        &["cidr_blocks", "ipv6_cidr_blocks"],
    ),
    (
        "aws_security_group_rule",
        "",
        &["cidr_blocks", "ipv6_cidr_blocks"],
    ),
    (
        "aws_vpc_security_group_ingress_rule",
        "",
        &["cidr_ipv4", "cidr_ipv6"],
    ),
    (
        "aws_vpc_security_group_egress_rule",
        "",
        &["cidr_ipv4", "cidr_ipv6"],
    ),
    (
        "aws_network_acl",
        "ingress",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_network_acl",
        "egress",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_default_network_acl",
        "ingress",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_default_network_acl",
        "egress",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_network_acl_rule",
        "",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_route_table",
        "route",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_default_route_table",
        "route",
        &["cidr_block", "ipv6_cidr_block"],
    ),
    (
        "aws_route",
        "",
        &["destination_cidr_block", "destination_ipv6_cidr_block"],
    ),
    ("aws_ec2_managed_prefix_list", "entry", &["cidr"]),
    ("aws_ec2_managed_prefix_list_entry", "", &["cidr"]),
];

check! {
    judge = cidr_not_canonical,
    meta = r#"
id = "aws-vpc-cidr-not-canonical"
title = "CIDR block has host bits set"
severity = "low"
area = "network"
resources = [
  "aws_vpc",
  "aws_subnet",
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  "aws_network_acl",
  "aws_network_acl_rule",
  "aws_route_table",
  "aws_route",
  "aws_ec2_managed_prefix_list",
]
aliases = []
references = [
  "https://www.rfc-editor.org/rfc/rfc4632#section-3.1",
]
description = """
A CIDR block is written with bits set in its host part, such as `10.0.0.1/8` or
`192.168.1.10/24`. AWS reads it as the enclosing network (`10.0.0.0/8`,
`192.168.1.0/24`), which is rarely what the author meant: `10.0.0.1/8` was probably
meant as the single host `10.0.0.1/32`, and the rule admits sixteen million addresses
instead of one. Some resources reject such blocks at apply time, others store them
normalised and show a perpetual diff.

Every CIDR attribute of VPCs, subnets, security-group rules, NACL rules, routes and
prefix lists is checked.
"""
remediation = """
Write the network address, or the single host with `/32`.

```hcl
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.0.0.1/32"
}
```
"""
"#
}
/// `aws-vpc-cidr-not-canonical`: a CIDR written with host bits set (`10.0.0.1/8`).
pub fn cidr_not_canonical(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for (rtype, block, attrs) in CIDR_ATTRIBUTES {
        for r in cx.model.resources(rtype) {
            let bodies: Vec<Cow<'_, Body>> = if block.is_empty() {
                vec![Cow::Borrowed(&r.body)]
            } else {
                nested(&r.body, block).into_iter().map(|b| b.body).collect()
            };
            for body in &bodies {
                for attr in *attrs {
                    let mut cidrs = Vec::new();
                    let mut unknown = None;
                    // Only the blocks with host bits set are built (most are not).
                    collect_cidrs_where(body, attr, &mut cidrs, &mut unknown, |text| {
                        Cidr::text_is_canonical(text) == Some(false)
                    });
                    for c in &cidrs {
                        out.findings.push(Finding::new(
                            check,
                            r,
                            format!(
                                "{} has host bits set: AWS reads it as {}",
                                c.cidr.original(),
                                c.cidr
                            ),
                            c.span,
                            &format!("{block}.{attr} {}", c.cidr.original()),
                            provenance(&c.value, c.span, None),
                        ));
                    }
                }
            }
        }
    }
}

/// The IPv4 CIDR blocks of a VPC: its `cidr_block` and every
/// `aws_vpc_ipv4_cidr_block_association`. `Err` when one is known only after apply.
fn vpc_blocks(index: &Index<'_>, vpc: &ResourceInstance) -> Result<Vec<CidrSource>, String> {
    let mut out = Vec::new();
    let mut unknown = None;
    collect_cidrs(&vpc.body, "cidr_block", &mut out, &mut unknown);
    // `null` means not set: with `ipv4_ipam_pool_id` the pool allocates the block at
    // apply, so it is unknown, not empty.
    if !has_value(&vpc.body, "cidr_block") {
        unknown = Some(format!(
            "{} has no cidr_block (an IPAM pool assigns it after apply)",
            vpc.address
        ));
    }
    for a in index.resources("aws_vpc_ipv4_cidr_block_association") {
        let Some(link) = index.resolve_attr(&a.body, "vpc_id", &["aws_vpc"], &["id"]) else {
            continue;
        };
        match link.target.is(vpc) {
            Some(true) => {
                if !has_value(&a.body, "cidr_block") {
                    unknown.get_or_insert_with(|| {
                        format!("{} takes its CIDR from an IPAM pool", a.address)
                    });
                }
                collect_cidrs(&a.body, "cidr_block", &mut out, &mut unknown);
            }
            None => {
                unknown.get_or_insert_with(|| {
                    format!(
                        "{} may add a CIDR block: its vpc_id is known only after apply",
                        a.address
                    )
                });
            }
            Some(false) => {}
        }
    }
    match unknown {
        Some(u) => Err(u),
        None => Ok(out),
    }
}

/// Whether the configuration sets `name` (null means not set).
fn has_value(body: &Body, name: &str) -> bool {
    body.attr(name).is_some_and(|a| !a.value.is_null())
}

/// Subnets with their VPC and IPv4 CIDR, in declaration order.
fn subnets<'m>(index: &Index<'m>) -> Vec<(&'m ResourceInstance, Target<'m>, Option<CidrSource>)> {
    index
        .resources("aws_subnet")
        .map(|s| {
            let vpc = index
                .resolve_attr(&s.body, "vpc_id", &["aws_vpc"], &["id"])
                .map_or_else(|| Target::Unknown("no vpc_id".into()), |l| l.target);
            let mut cidrs = Vec::new();
            let mut unknown = None;
            collect_cidrs(&s.body, "cidr_block", &mut cidrs, &mut unknown);
            (s, vpc, cidrs.into_iter().next())
        })
        .collect()
}

check! {
    judge = subnet_outside_vpc,
    meta = r#"
id = "aws-vpc-subnet-outside-vpc-cidr"
title = "Subnet CIDR is outside its VPC's CIDR blocks"
severity = "medium"
area = "network"
resources = ["aws_subnet"]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
]
description = """
A subnet's IPv4 block must lie inside one of its VPC's CIDR blocks (the primary
`cidr_block` or one added with `aws_vpc_ipv4_cidr_block_association`). AWS rejects
the subnet at apply time, or — when the block was computed from a wrong variable —
the network plan does not say what its author thinks it says.
"""
remediation = """
Derive subnet blocks from the VPC's block, or add the missing CIDR to the VPC.

```hcl
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, 1)
}
```
"""
"#
}
/// `aws-vpc-subnet-outside-vpc-cidr`: a subnet's IPv4 block is not inside its VPC's.
pub fn subnet_outside_vpc(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let index = &net.index;
        for (s, vpc, cidr) in subnets(index) {
            let (Target::Resource(vpc), Some(cidr)) = (vpc, cidr) else {
                continue;
            };
            let blocks = match vpc_blocks(index, vpc) {
                Ok(b) => b,
                Err(reason) => {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(s),
                        span: cidr.span,
                        reason,
                    });
                    continue;
                }
            };
            let vpc_set = AddrSet::from_cidrs(blocks.iter().map(|b| &b.cidr));
            let set = AddrSet::from_cidr(&cidr.cidr);
            if set.is_subset_of(&vpc_set) {
                continue;
            }
            let names: Vec<String> = blocks.iter().map(|b| b.cidr.to_string()).collect();
            let outside = set.difference(&vpc_set).to_cidrs();
            let message = if outside.len() == 1 && set.difference(&vpc_set) == set {
                format!(
                    "{} is outside the CIDR blocks of {} ({})",
                    cidr.cidr.original(),
                    vpc.address,
                    names.join(", ")
                )
            } else {
                format!(
                    "{} is not inside the CIDR blocks of {} ({}): {} lies outside",
                    cidr.cidr.original(),
                    vpc.address,
                    names.join(", "),
                    outside.join(", ")
                )
            };
            let mut related: Vec<Related> = blocks
                .iter()
                .map(|b| Related {
                    span: b.span,
                    message: format!("{} is a CIDR block of {}", b.cidr, vpc.address),
                })
                .collect();
            related.extend(provenance(&cidr.value, cidr.span, None));
            out.findings.push(Finding::new(
                check,
                s,
                message,
                cidr.span,
                "cidr_block",
                related,
            ));
        }
    }
}

check! {
    judge = subnet_cidrs_overlap,
    meta = r#"
id = "aws-vpc-subnet-cidrs-overlap"
title = "Subnets of one VPC overlap"
severity = "medium"
area = "network"
resources = ["aws_subnet"]
aliases = []
references = [
  "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
]
description = """
Two subnets of the same VPC have IPv4 blocks that share addresses. AWS rejects the
second subnet at apply time; in a plan computed with `cidrsubnet` it usually means an
index was reused. The finding points at the later subnet and names the addresses in
common.
"""
remediation = """
Give each subnet its own block.

```hcl
resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index + 10)
}
```
"""
"#
}
/// `aws-vpc-subnet-cidrs-overlap`: two subnets of one VPC share addresses (AWS rejects
/// the second one). Each subnet is reported once per earlier subnet of its VPC it
/// overlaps, in the order of the subnets. O(n log n + overlapping pairs): see
/// [`overlapping_pairs`].
pub fn subnet_cidrs_overlap(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        let all = subnets(&net.index);
        let blocks: Vec<Option<(&str, &Cidr)>> = all
            .iter()
            .map(|(_, vpc, cidr)| match (vpc, cidr) {
                (Target::Resource(vpc), Some(cidr)) => Some((&*vpc.address, &cidr.cidr)),
                _ => None,
            })
            .collect();
        for (i, j) in overlapping_pairs(&blocks) {
            let (Some((s, _, Some(cidr))), Some((other, _, Some(oc)))) = (all.get(i), all.get(j))
            else {
                continue;
            };
            let common = AddrSet::from_cidr(&cidr.cidr).intersection(&AddrSet::from_cidr(&oc.cidr));
            let message = format!(
                "{} overlaps {} of {} ({} in common)",
                cidr.cidr.original(),
                oc.cidr.original(),
                other.address,
                common.to_cidrs().join(", ")
            );
            let mut related = vec![Related {
                span: oc.span,
                message: format!("{} has {}", other.address, oc.cidr.original()),
            }];
            related.extend(provenance(&cidr.value, cidr.span, None));
            out.findings.push(Finding::new(
                check,
                s,
                message,
                cidr.span,
                &format!("cidr_block overlaps {}", other.address),
                related,
            ));
        }
    }
}

/// A block's first and last address and its subnet's position.
type Block = (u128, u128, usize);

/// The pairs `(i, j)`, `j < i`, of blocks of one VPC (given by address; `None` for a
/// subnet whose VPC or block is not known) that share addresses, sorted. Two CIDR blocks
/// are either disjoint or one holds the other, so after sorting a VPC's blocks by start
/// (the larger first on a tie) the blocks that overlap the next one are exactly those
/// still open on a stack: O(n log n) plus one step per pair, where comparing every pair
/// cost O(n²) (40,000 subnets: 800 M comparisons).
fn overlapping_pairs(blocks: &[Option<(&str, &Cidr)>]) -> Vec<(usize, usize)> {
    let mut by_vpc: HashMap<(&str, Family), Vec<Block>> = HashMap::new();
    for (i, block) in blocks.iter().enumerate() {
        if let Some((vpc, cidr)) = block {
            let span = cidr.span();
            by_vpc
                .entry((vpc, cidr.family()))
                .or_default()
                .push((*span.start(), *span.end(), i));
        }
    }
    let mut pairs = Vec::new();
    for blocks in by_vpc.values_mut() {
        blocks.sort_unstable_by_key(|&(start, end, i)| (start, std::cmp::Reverse(end), i));
        let mut open: Vec<(u128, usize)> = Vec::new();
        for &(start, end, i) in blocks.iter() {
            while open.last().is_some_and(|&(last_end, _)| last_end < start) {
                open.pop();
            }
            pairs.extend(open.iter().map(|&(_, j)| (i.max(j), i.min(j))));
            open.push((end, i));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(blocks: &[Option<(&str, &str)>]) -> Vec<(usize, usize)> {
        let parsed: Vec<Option<(&str, Cidr)>> = blocks
            .iter()
            .map(|b| b.map(|(vpc, c)| (vpc, Cidr::parse(c).expect("a valid block"))))
            .collect();
        let refs: Vec<Option<(&str, &Cidr)>> = parsed
            .iter()
            .map(|b| b.as_ref().map(|(vpc, c)| (*vpc, c)))
            .collect();
        overlapping_pairs(&refs)
    }

    #[test]
    fn nested_equal_and_disjoint_blocks() {
        let got = pairs(&[
            Some(("a", "10.0.1.0/24")),
            Some(("a", "10.0.0.0/16")),
            Some(("a", "10.1.0.0/16")),
            Some(("a", "10.0.1.0/24")),
            Some(("a", "10.0.1.128/25")),
            Some(("a", "10.0.2.0/24")),
        ]);
        assert_eq!(
            got,
            vec![(1, 0), (3, 0), (3, 1), (4, 0), (4, 1), (4, 3), (5, 1)]
        );
    }

    #[test]
    fn only_blocks_of_one_known_vpc_and_family_meet() {
        let got = pairs(&[
            Some(("a", "10.0.0.0/16")),
            Some(("b", "10.0.0.0/16")),
            None,
            Some(("a", "2001:db8::/56")),
            Some(("b", "10.0.5.0/24")),
            Some(("a", "2001:db8::/64")),
        ]);
        assert_eq!(got, vec![(4, 1), (5, 3)]);
    }

    #[test]
    fn a_block_that_ends_before_the_next_starts_does_not_meet_it() {
        let got = pairs(&[
            Some(("a", "10.0.0.0/25")),
            Some(("a", "10.0.0.128/25")),
            Some(("a", "10.0.0.0/24")),
        ]);
        assert_eq!(got, vec![(2, 0), (2, 1)]);
    }
}
