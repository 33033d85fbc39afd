//! Database subnet groups that include a public subnet: a database placed there is one
//! setting (`publicly_accessible`) away from the internet.

use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::model::ResourceInstance;
use crate::network::{Network, RouteTarget, TableChoice, Target, elements};
use crate::source::Span;
use crate::value::Value;

/// The subnet groups of the services whose instances can have a public endpoint, each
/// naming its subnets in `subnet_ids`: RDS (and Aurora, DocumentDB and Neptune, which
/// also take an `aws_db_subnet_group`), DocumentDB, Neptune, Redshift and DMS.
const GROUP_TYPES: &[&str] = &[
    "aws_db_subnet_group",
    "aws_docdb_subnet_group",
    "aws_neptune_subnet_group",
    "aws_redshift_subnet_group",
    "aws_dms_replication_subnet_group",
];

check! {
    judge = subnet_group_public_subnet,
    meta = r#"
id = "aws-vpc-db-subnet-group-public-subnet"
title = "Database subnet group includes a public subnet"
severity = "medium"
area = "network"
resources = [
  "aws_db_subnet_group",
  "aws_docdb_subnet_group",
  "aws_neptune_subnet_group",
  "aws_redshift_subnet_group",
  "aws_dms_replication_subnet_group",
  "aws_subnet",
  "aws_route_table",
  "aws_route_table_association",
  "aws_route",
]
references = [
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
  "https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-subnet-igw-check.html",
  "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
]
description = """
A subnet of the group routes internet addresses to an internet gateway. A database,
Redshift cluster or DMS replication instance placed in such a subnet is one setting
(`publicly_accessible = true`) away from a public address the internet can route to;
in private subnets only, the same setting cannot expose it. AWS Config's
`rds-instance-subnet-igw-check` judges deployed RDS instances the same way.

The subnet's route table is the one associated with it (`aws_route_table_association`),
else its VPC's main table, and the routes to an internet gateway are chosen by longest
prefix, as for the reachability analysis. Covered: `aws_db_subnet_group` (RDS, Aurora,
DocumentDB, Neptune), `aws_docdb_subnet_group`, `aws_neptune_subnet_group`,
`aws_redshift_subnet_group` and `aws_dms_replication_subnet_group`. A subnet declared
elsewhere, or whose route table or gateway is known only after apply, is undecided.
"""
remediation = """
Give the databases subnets whose route table has no route to an internet gateway (a
NAT gateway for their outbound traffic, if they need any).

```hcl
resource "aws_route_table" "database" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "database" {
  count          = length(aws_subnet.database)
  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database.id
}

resource "aws_db_subnet_group" "main" {
  name       = "main"
  subnet_ids = aws_subnet.database[*].id
}
```
"""
"#
}
/// `aws-vpc-db-subnet-group-public-subnet`: per subnet group, the subnets of
/// `subnet_ids` whose route table sends internet addresses to an internet gateway. One
/// finding per group, on the first such subnet; O(groups × subnets) hash lookups, plus
/// one longest-prefix walk of each route table met.
pub fn subnet_group_public_subnet(check: &Arc<Check>, cx: &Context<'_>, out: &mut CheckResults) {
    for net in cx.networks() {
        for rtype in GROUP_TYPES {
            for group in net.index.resources(rtype) {
                judge_group(check, net, group, out);
            }
        }
    }
}

/// A public subnet of a group: where the group names it, and the route that makes it
/// public.
struct Public {
    subnet: String,
    at: Span,
    route: Related,
}

fn judge_group(
    check: &Arc<Check>,
    net: &Network<'_>,
    group: &ResourceInstance,
    out: &mut CheckResults,
) {
    let Some(attr) = group.body.attr("subnet_ids") else {
        return;
    };
    let mut public = Vec::new();
    let mut unknown = None;
    for v in elements(&attr.value) {
        match subnet_route(net, v) {
            Ok(Some((subnet, route))) => {
                // A subnet named twice (a list and a splat of its block) is named once.
                if !public.iter().any(|p: &Public| p.subnet == subnet) {
                    public.push(Public {
                        subnet,
                        at: v.span_within(attr.span),
                        route,
                    });
                }
            }
            Ok(None) => {}
            Err(reason) => {
                unknown.get_or_insert(reason);
            }
        }
    }
    let Some(first) = public.first() else {
        if let Some(reason) = unknown {
            out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(group),
                span: attr.span,
                reason,
            });
        }
        return;
    };
    let names: Vec<&str> = public.iter().map(|p| p.subnet.as_str()).collect();
    let message = format!(
        "the subnet group includes {} {}, which {} internet addresses to an internet \
         gateway: an instance placed there is one setting (publicly_accessible) away from \
         the internet",
        if names.len() == 1 {
            "the public subnet"
        } else {
            "the public subnets"
        },
        names.join(", "),
        if names.len() == 1 { "routes" } else { "route" },
    );
    let related = public.iter().map(|p| p.route.clone()).collect();
    out.findings.push(Finding::new(
        check,
        group,
        message,
        first.at,
        "subnet_ids",
        related,
    ));
}

/// Whether the subnet `v` names is public: `Ok(Some((subnet, the route that sends the
/// internet to a gateway)))`, `Ok(None)` when it is private, `Err(reason)` when it cannot
/// be told.
///
/// AWS: a subnet uses the route table associated with it, else its VPC's main table; a
/// table AWS creates has only the `local` route (`TableChoice::AwsMain`).
fn subnet_route(net: &Network<'_>, v: &Value) -> Result<Option<(String, Related)>, String> {
    let subnet = match net
        .index
        .resolve(v, &["aws_subnet", "aws_default_subnet"], &["id"])
    {
        Target::Resource(r) => r,
        Target::Literal(id) => return Err(format!("subnet {id} is not declared here")),
        Target::Unknown(reason) => return Err(format!("subnet_ids: {reason}")),
    };
    let Some(s) = net.routing.subnet(subnet) else {
        return Err(format!("{} is not a subnet of this root", subnet.address));
    };
    let i = match net.routing.table_for(s) {
        TableChoice::Associated(i, ..) | TableChoice::Main(i, _) => i,
        TableChoice::AwsMain => return Ok(None),
        TableChoice::Unknown(reason) => {
            return Err(format!("the route table of {}: {reason}", subnet.address));
        }
    };
    let Some(table) = net.routing.table(i) else {
        return Ok(None);
    };
    let reach = table.igw_reach();
    if reach.definite.is_empty() {
        return match reach.unknown {
            Some(reason) if !reach.possible.is_empty() => Err(format!(
                "a route of {} may lead to an internet gateway: {reason}",
                table.resource.address
            )),
            _ => Ok(None),
        };
    }
    // The first route that sends internet addresses to a gateway for certain.
    let route = reach
        .routes
        .iter()
        .filter_map(|r| table.routes.get(*r))
        .find(|r| matches!(r.target, RouteTarget::InternetGateway(_)));
    let Some(route) = route else {
        return Ok(None);
    };
    let gateway = match &route.target {
        RouteTarget::InternetGateway(g) => g.as_str(),
        _ => "an internet gateway",
    };
    let destinations: Vec<&str> = route
        .destinations
        .iter()
        .map(|d| d.cidr.original())
        .collect();
    Ok(Some((
        subnet.address.to_string(),
        Related {
            span: route.target_attr.as_ref().map_or(route.span, |(_, s)| *s),
            message: format!(
                "{} sends {} to internet gateway {gateway}, and {} uses it",
                table.resource.address,
                destinations.join(", "),
                subnet.address
            ),
        },
    )))
}

#[cfg(test)]
mod tests {
    const ID: &str = "aws-vpc-db-subnet-group-public-subnet";

    /// The findings (resource addresses) and the undecided results (address: reason) of
    /// this check on one configuration.
    fn judge(config: &str) -> (Vec<String>, Vec<String>) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("main.tf"), config).expect("writes");
        let opts = crate::Options {
            path: dir.path().to_path_buf(),
            include_checks: vec![ID.into()],
            ..Default::default()
        };
        let report = crate::scan(&opts).expect("scans");
        let findings = report
            .findings
            .iter()
            .map(|f| f.resource.address.to_string())
            .collect();
        let unknown = report
            .unknown
            .iter()
            .map(|u| format!("{}: {}", u.resource.address, u.reason))
            .collect();
        (findings, unknown)
    }

    const VPC: &str = r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}
"#;

    /// `aws_default_route_table` makes the VPC's main table route to the gateway: a
    /// subnet with no association of its own uses it.
    #[test]
    fn a_main_table_with_an_internet_route_makes_unassociated_subnets_public() {
        let config = format!(
            "{VPC}{}",
            r#"
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id]
}
"#
        );
        assert_eq!(
            judge(&config),
            (vec!["aws_db_subnet_group.g".into()], vec![])
        );
    }

    /// A subnet declared elsewhere, or named by a value known only after apply, leaves the
    /// group undecided; a public subnet decides it regardless.
    #[test]
    fn subnets_not_declared_here_are_undecided() {
        let config = format!(
            "{VPC}{}",
            r#"
variable "subnet_ids" {
  type = list(string)
}

resource "aws_db_subnet_group" "literal" {
  name       = "literal"
  subnet_ids = ["subnet-0123456789abcdef0", aws_subnet.a.id]
}

resource "aws_db_subnet_group" "variable" {
  name       = "variable"
  subnet_ids = var.subnet_ids
}
"#
        );
        let (findings, unknown) = judge(&config);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(unknown.len(), 2, "{unknown:?}");
        assert_eq!(
            unknown[0],
            "aws_db_subnet_group.literal: subnet subnet-0123456789abcdef0 is not declared here"
        );
        assert!(
            unknown[1].starts_with("aws_db_subnet_group.variable: subnet_ids: "),
            "{unknown:?}"
        );
    }
}
