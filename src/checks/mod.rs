//! Checks whose logic is Rust, registered under their ids. Their metadata lives in
//! `checks/<area>/<id>.toml` like every other check.

mod network;
mod network_cidr;
mod network_nacl;
mod network_reach;
mod network_rows;
mod secrets;

use crate::engine::RustCheck;

/// Every Rust check.
pub fn registry() -> Vec<(&'static str, RustCheck)> {
    vec![
        (
            "aws-vpc-sg-admin-port-open-to-internet",
            network::admin_port_open as RustCheck,
        ),
        (
            "aws-vpc-sg-database-port-open-to-internet",
            network::database_port_open,
        ),
        (
            "aws-vpc-sg-all-ports-open-to-internet",
            network::all_ports_open,
        ),
        ("aws-vpc-sg-port-open-to-internet", network::port_open),
        (
            "aws-vpc-sg-egress-unrestricted",
            network::egress_unrestricted,
        ),
        (
            "aws-vpc-nacl-admin-port-open-to-internet",
            network_nacl::nacl_admin_port_open,
        ),
        (
            "aws-vpc-nacl-allows-all-traffic",
            network_nacl::nacl_allows_all_traffic,
        ),
        (
            "aws-vpc-nacl-rule-shadowed",
            network_nacl::nacl_rule_shadowed,
        ),
        (
            "aws-vpc-cidr-not-canonical",
            network_cidr::cidr_not_canonical,
        ),
        (
            "aws-vpc-subnet-outside-vpc-cidr",
            network_cidr::subnet_outside_vpc,
        ),
        (
            "aws-vpc-subnet-cidrs-overlap",
            network_cidr::subnet_cidrs_overlap,
        ),
        (
            "aws-vpc-resource-internet-reachable",
            network_reach::resource_internet_reachable,
        ),
        (
            "aws-lambda-function-environment-secrets",
            secrets::lambda_environment,
        ),
        (
            "aws-ecs-task-definition-plaintext-secrets",
            secrets::ecs_environment,
        ),
        ("aws-ec2-user-data-secrets", secrets::user_data),
        (
            "aws-cloudformation-stack-secrets",
            secrets::cloudformation_stack,
        ),
        (
            "aws-vpc-sg-http-open-to-internet",
            network_rows::http_open_non_lb,
        ),
        ("aws-vpc-sg-no-description", network_rows::sg_no_description),
        (
            "aws-vpc-default-sg-has-rules",
            network_rows::default_sg_has_rules,
        ),
        ("aws-vpc-sg-not-attached", network_rows::sg_not_attached),
        (
            "aws-vpc-nacl-ftp-open-to-internet",
            network_rows::nacl_ftp_open,
        ),
        (
            "aws-vpc-nacl-not-associated",
            network_rows::nacl_not_associated,
        ),
        (
            "aws-vpc-default-vpc-declared",
            network_rows::default_vpc_declared,
        ),
        (
            "aws-vpc-peering-route-all-traffic",
            network_rows::peering_route_all,
        ),
        (
            "aws-emr-cluster-sg-open-to-internet",
            network_rows::emr_sg_open,
        ),
        (
            "aws-eks-cluster-public-endpoint-open-to-internet",
            network_rows::eks_public_cidrs,
        ),
        (
            "aws-opensearch-access-policy-open-to-internet",
            network_rows::opensearch_policy_open,
        ),
    ]
}
