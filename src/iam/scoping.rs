//! Actions that accept a resource narrower than `"*"`: those with at least one resource
//! type in the AWS Service Authorization Reference. The table, `scopable_actions.txt`,
//! lists every such action of the services policies use most — S3, DynamoDB, SQS, SNS,
//! Lambda, KMS, Secrets Manager, SSM, CloudWatch Logs, ECR, IAM, STS and EC2 — so an
//! action of these services that it does not list accepts only `"*"`. Actions of other
//! services are never reported: absence of a service means "not judged".

use super::glob_match;

/// `service:Action` lines, with `#` comments.
const TABLE: &str = include_str!("scopable_actions.txt");

/// Every action of the table, as `service:Action`.
fn scopable_actions() -> impl Iterator<Item = &'static str> {
    TABLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The services the table covers, in table order.
#[cfg(test)]
fn services() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for service in scopable_actions().filter_map(|a| a.split_once(':').map(|(s, _)| s)) {
        if !out.contains(&service) {
            out.push(service);
        }
    }
    out
}

/// The scopable actions of the table that an action pattern matches
/// (`s3:Get*` → `s3:GetObject`, …), as `service:Action`, in table order.
pub fn scopable_matches(pattern: &str) -> Vec<String> {
    // A service part without wildcards can only match its own service's lines.
    let service = pattern
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['*', '?']));
    scopable_actions()
        .filter(|action| {
            service.is_none_or(|s| {
                action
                    .split_once(':')
                    .is_some_and(|(svc, _)| svc.eq_ignore_ascii_case(s))
            })
        })
        .filter(|action| glob_match(pattern, action, true))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_the_table_case_insensitively() {
        assert_eq!(scopable_matches("S3:getobject"), vec!["s3:GetObject"]);
        assert_eq!(
            scopable_matches("sqs:*Message"),
            vec!["sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage"]
        );
        // Actions without a resource type are not in the table.
        assert!(scopable_matches("s3:ListAllMyBuckets").is_empty());
        assert!(scopable_matches("kms:CreateKey").is_empty());
        assert!(scopable_matches("ec2:DescribeInstances").is_empty());
        assert!(scopable_matches("ecr:GetAuthorizationToken").is_empty());
        assert!(scopable_matches("sts:GetCallerIdentity").is_empty());
        // Services the table does not cover are never judged.
        assert!(scopable_matches("glue:GetTable").is_empty());
        assert_eq!(
            services(),
            vec![
                "s3",
                "dynamodb",
                "sqs",
                "sns",
                "lambda",
                "kms",
                "secretsmanager",
                "ssm",
                "logs",
                "ecr",
                "iam",
                "sts",
                "ec2"
            ]
        );
    }

    /// The 17 `ec2:Describe*` actions that have a resource type in the Service
    /// Authorization Reference (the other Describe actions accept only `"*"`).
    #[test]
    fn ec2_describe_actions_with_a_resource_type() {
        assert_eq!(
            scopable_matches("ec2:Describe*"),
            [
                "DescribeCapacityBlockExtensionOfferings",
                "DescribeClientVpnAuthorizationRules",
                "DescribeClientVpnConnections",
                "DescribeClientVpnRoutes",
                "DescribeClientVpnTargetNetworks",
                "DescribeFleetHistory",
                "DescribeFleetInstances",
                "DescribeFpgaImageAttribute",
                "DescribeImageAttribute",
                "DescribeInstanceAttribute",
                "DescribeSecurityGroupReferences",
                "DescribeSnapshotAttribute",
                "DescribeSpotFleetInstances",
                "DescribeSpotFleetRequestHistory",
                "DescribeVolumeAttribute",
                "DescribeVpcAttribute",
                "DescribeVpcEndpointServicePermissions",
            ]
            .map(|a| format!("ec2:{a}"))
        );
        assert_eq!(
            scopable_matches("ec2:GetPasswordData"),
            ["ec2:GetPasswordData"]
        );
        // A wildcard in the service part searches every service.
        assert_eq!(
            scopable_matches("*:DescribeVpcAttribute"),
            ["ec2:DescribeVpcAttribute"]
        );
    }

    #[test]
    fn every_table_line_is_one_action() {
        for action in scopable_actions() {
            let (service, name) = action.split_once(':').expect("service:Action");
            assert!(
                !service.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric())
                    && name.starts_with(|c: char| c.is_ascii_uppercase()),
                "{action}"
            );
        }
        assert_eq!(scopable_actions().count(), 1283);
    }
}
