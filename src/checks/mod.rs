//! Checks whose logic is Rust, registered under their ids. Their metadata lives in
//! `checks/<area>/<id>.toml` like every other check.

mod alarms;
mod cloudtrail;
mod ecs;
mod iam;
mod iam_groups;
mod network;
mod network_cidr;
mod network_nacl;
mod network_reach;
mod network_rows;
mod network_sg_redundant;
mod provider;
mod rds;
mod s3;
mod secrets;

use std::path::Path;

use crate::engine::{Catalog, CheckResults, Context, RustCheck, RustChecks};

impl Catalog {
    /// The built-in checks, with the Rust checks registered here, plus those in
    /// `extra_dirs`; errors name the offending file.
    pub fn load(extra_dirs: &[impl AsRef<Path>]) -> Result<Catalog, Vec<String>> {
        let rust = RustChecks {
            by_id: registry().into_iter().collect(),
            settle,
        };
        Catalog::with_rust(extra_dirs, rust)
    }
}

/// What runs once every check has run, over all their results: one finding per root
/// cause where two checks see the same one (see `network_reach::share_causes`).
fn settle(cx: &Context<'_>, parts: &mut [CheckResults]) {
    network_reach::share_causes(cx, parts);
}

/// Every Rust check, by id.
fn registry() -> Vec<(&'static str, RustCheck)> {
    let cis_alarms = alarms::CLASSES
        .iter()
        .map(|c| (c.check_id, alarms::cis_alarm as RustCheck));
    let mut checks = vec![
        (
            "aws-ecs-task-definition-writable-root-filesystem",
            ecs::writable_root_filesystem as RustCheck,
        ),
        (
            "aws-ecs-task-definition-same-task-and-execution-role",
            ecs::same_task_and_execution_role,
        ),
        ("aws-s3-bucket-policy-allows-http", s3::bucket_allows_http),
        (
            "aws-rds-instance-tls-not-enforced",
            rds::instance_tls_not_enforced,
        ),
        ("aws-cloudtrail-bucket-public", cloudtrail::bucket_public),
        (
            "aws-cloudtrail-bucket-access-logging-disabled",
            cloudtrail::bucket_access_logging,
        ),
        (
            "aws-cloudtrail-no-s3-data-events",
            cloudtrail::no_s3_data_events,
        ),
        (
            "aws-cloudtrail-no-global-service-events",
            cloudtrail::no_global_service_events,
        ),
        (
            "aws-provider-static-credentials",
            provider::static_credentials,
        ),
        ("aws-iam-group-no-mfa", iam_groups::group_no_mfa),
        ("aws-iam-policy-wildcard-resource", iam::wildcard_resource),
        ("aws-iam-policy-full-admin", iam::full_admin),
        ("aws-iam-policy-wildcard-action", iam::wildcard_action),
        ("aws-iam-policy-full-iam-access", iam::full_iam_access),
        (
            "aws-iam-policy-privilege-escalation",
            iam::privilege_escalation,
        ),
        (
            "aws-iam-policy-credentials-exposure",
            iam::credentials_exposure,
        ),
        ("aws-iam-policy-data-exfiltration", iam::data_exfiltration),
        (
            "aws-iam-policy-permissions-management",
            iam::permissions_management,
        ),
        ("aws-iam-policy-passrole-any-role", iam::passrole_any_role),
        ("aws-iam-policy-s3-full-access", iam::s3_full_access),
        ("aws-iam-policy-allow-not-action", iam::allow_not_action),
        ("aws-iam-role-trust-any-principal", iam::trust_any_principal),
        ("aws-iam-role-trust-account-root", iam::trust_account_root),
        (
            "aws-iam-role-github-oidc-unrestricted",
            iam::github_oidc_unrestricted,
        ),
        (
            "aws-iam-administrator-access-attached",
            iam::administrator_access_attached,
        ),
        (
            "aws-iam-iam-full-access-attached",
            iam::iam_full_access_attached,
        ),
        ("aws-iam-user-policy-attached", iam::user_policy_attached),
        (
            "aws-iam-policy-document-any-principal",
            iam::policy_document_any_principal,
        ),
        ("aws-s3-bucket-policy-public", iam::s3_bucket_policy_public),
        ("aws-sns-topic-policy-public", iam::sns_topic_policy_public),
        ("aws-sqs-queue-policy-public", iam::sqs_queue_policy_public),
        (
            "aws-sqs-queue-policy-wildcard-action",
            iam::sqs_queue_policy_wildcard_action,
        ),
        (
            "aws-ecr-repository-policy-public",
            iam::ecr_repository_policy_public,
        ),
        ("aws-kms-key-policy-public", iam::kms_key_policy_public),
        (
            "aws-glacier-vault-policy-public",
            iam::glacier_vault_policy_public,
        ),
        (
            "aws-ses-identity-policy-public",
            iam::ses_identity_policy_public,
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
    ];
    checks.extend(cis_alarms);
    checks.extend(network_checks());
    checks
}

/// The Rust checks on the network model, which the scan builds once for all of them.
fn network_checks() -> Vec<(&'static str, RustCheck)> {
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
        ("aws-vpc-sg-icmp-open-to-internet", network::icmp_open),
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
            "aws-vpc-sg-rule-redundant",
            network_sg_redundant::sg_rule_redundant,
        ),
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
