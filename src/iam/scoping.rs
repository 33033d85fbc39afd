//! Actions that accept a resource narrower than `"*"`: those with at least one resource
//! type in the AWS Service Authorization Reference. A compact table for the services
//! policies use most — S3, DynamoDB, SQS, SNS, Lambda, KMS, Secrets Manager, SSM, CloudWatch
//! Logs, ECR, IAM, STS and EC2 — listing each service's common scopable actions. Actions
//! of these services not listed here, and every action of other services, are never
//! reported: absence from the table means "not judged", not "cannot be scoped".

use super::glob_match;

/// (service prefix, action names that support resource-level permissions).
const SCOPABLE: &[(&str, &[&str])] = &[
    (
        "s3",
        &[
            "AbortMultipartUpload",
            "DeleteBucket",
            "DeleteBucketPolicy",
            "DeleteObject",
            "DeleteObjectVersion",
            "GetBucketAcl",
            "GetBucketLocation",
            "GetBucketPolicy",
            "GetBucketVersioning",
            "GetEncryptionConfiguration",
            "GetObject",
            "GetObjectAcl",
            "GetObjectTagging",
            "GetObjectVersion",
            "ListBucket",
            "ListBucketVersions",
            "ListMultipartUploadParts",
            "PutBucketAcl",
            "PutBucketPolicy",
            "PutBucketPublicAccessBlock",
            "PutBucketVersioning",
            "PutEncryptionConfiguration",
            "PutLifecycleConfiguration",
            "PutObject",
            "PutObjectAcl",
            "PutObjectTagging",
            "RestoreObject",
        ],
    ),
    (
        "dynamodb",
        &[
            "BatchGetItem",
            "BatchWriteItem",
            "ConditionCheckItem",
            "CreateTable",
            "DeleteItem",
            "DeleteTable",
            "DescribeStream",
            "DescribeTable",
            "GetItem",
            "GetRecords",
            "GetShardIterator",
            "PutItem",
            "Query",
            "Scan",
            "UpdateItem",
            "UpdateTable",
        ],
    ),
    (
        "sqs",
        &[
            "AddPermission",
            "ChangeMessageVisibility",
            "CreateQueue",
            "DeleteMessage",
            "DeleteQueue",
            "GetQueueAttributes",
            "GetQueueUrl",
            "PurgeQueue",
            "ReceiveMessage",
            "RemovePermission",
            "SendMessage",
            "SetQueueAttributes",
            "TagQueue",
        ],
    ),
    (
        "sns",
        &[
            "AddPermission",
            "CreateTopic",
            "DeleteTopic",
            "GetTopicAttributes",
            "ListSubscriptionsByTopic",
            "Publish",
            "RemovePermission",
            "SetTopicAttributes",
            "Subscribe",
        ],
    ),
    (
        "lambda",
        &[
            "AddPermission",
            "CreateAlias",
            "CreateFunction",
            "DeleteFunction",
            "GetFunction",
            "GetFunctionConfiguration",
            "GetPolicy",
            "InvokeFunction",
            "InvokeFunctionUrl",
            "PublishVersion",
            "RemovePermission",
            "UpdateAlias",
            "UpdateFunctionCode",
            "UpdateFunctionConfiguration",
        ],
    ),
    (
        "kms",
        &[
            "CreateGrant",
            "Decrypt",
            "DescribeKey",
            "DisableKey",
            "EnableKey",
            "EnableKeyRotation",
            "Encrypt",
            "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext",
            "GetKeyPolicy",
            "PutKeyPolicy",
            "ReEncryptFrom",
            "ReEncryptTo",
            "RevokeGrant",
            "ScheduleKeyDeletion",
            "Sign",
            "Verify",
        ],
    ),
    (
        "secretsmanager",
        &[
            "CreateSecret",
            "DeleteSecret",
            "DescribeSecret",
            "GetResourcePolicy",
            "GetSecretValue",
            "PutResourcePolicy",
            "PutSecretValue",
            "RotateSecret",
            "TagResource",
            "UpdateSecret",
        ],
    ),
    (
        "ssm",
        &[
            "DeleteParameter",
            "DeleteParameters",
            "GetParameter",
            "GetParameterHistory",
            "GetParameters",
            "GetParametersByPath",
            "LabelParameterVersion",
            "PutParameter",
            "SendCommand",
            "StartSession",
        ],
    ),
    (
        "logs",
        &[
            "CreateLogGroup",
            "CreateLogStream",
            "DeleteLogGroup",
            "DescribeLogStreams",
            "FilterLogEvents",
            "GetLogEvents",
            "PutLogEvents",
            "PutRetentionPolicy",
        ],
    ),
    (
        "ecr",
        &[
            "BatchCheckLayerAvailability",
            "BatchDeleteImage",
            "BatchGetImage",
            "CompleteLayerUpload",
            "DeleteRepository",
            "DescribeImages",
            "DescribeRepositories",
            "GetDownloadUrlForLayer",
            "InitiateLayerUpload",
            "ListImages",
            "PutImage",
            "SetRepositoryPolicy",
            "UploadLayerPart",
        ],
    ),
    (
        "iam",
        &[
            "AddUserToGroup",
            "AttachRolePolicy",
            "AttachUserPolicy",
            "ChangePassword",
            "CreateAccessKey",
            "CreateLoginProfile",
            "CreatePolicyVersion",
            "CreateRole",
            "CreateUser",
            "CreateVirtualMFADevice",
            "DeleteAccessKey",
            "DeletePolicy",
            "DeleteRole",
            "DeleteRolePolicy",
            "DeleteUser",
            "DetachRolePolicy",
            "EnableMFADevice",
            "GetPolicy",
            "GetPolicyVersion",
            "GetRole",
            "GetUser",
            "ListAccessKeys",
            "ListMFADevices",
            "PassRole",
            "PutRolePolicy",
            "PutUserPolicy",
            "RemoveUserFromGroup",
            "SetDefaultPolicyVersion",
            "TagRole",
            "TagUser",
            "UpdateAccessKey",
            "UpdateAssumeRolePolicy",
            "UpdateLoginProfile",
        ],
    ),
    (
        "sts",
        &[
            "AssumeRole",
            "AssumeRoleWithSAML",
            "AssumeRoleWithWebIdentity",
            "TagSession",
        ],
    ),
    (
        "ec2",
        &[
            "AttachVolume",
            "AuthorizeSecurityGroupEgress",
            "AuthorizeSecurityGroupIngress",
            "CreateTags",
            "DeleteSecurityGroup",
            "DeleteSnapshot",
            "DeleteTags",
            "DeleteVolume",
            "DetachVolume",
            "GetConsoleOutput",
            "ModifyInstanceAttribute",
            "RebootInstances",
            "RevokeSecurityGroupEgress",
            "RevokeSecurityGroupIngress",
            "StartInstances",
            "StopInstances",
            "TerminateInstances",
        ],
    ),
];

/// The services the table covers.
pub fn services() -> impl Iterator<Item = &'static str> {
    SCOPABLE.iter().map(|(s, _)| *s)
}

/// The scopable actions of the table that an action pattern matches
/// (`s3:Get*` → `s3:GetObject`, …), as `service:Action`.
pub fn scopable_matches(pattern: &str) -> Vec<String> {
    SCOPABLE
        .iter()
        .flat_map(|(service, actions)| actions.iter().map(move |a| format!("{service}:{a}")))
        .filter(|action| glob_match(pattern, action, true))
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
        // Services the table does not cover are never judged.
        assert!(scopable_matches("glue:GetTable").is_empty());
        assert_eq!(services().count(), 13);
    }
}
