//! The CIS AWS Foundations log metric filters and alarms (CIS 4.1–4.15): for each class
//! of security event, a metric filter on the log group a trail delivers to, whose
//! pattern names every event of the benchmark's pattern, and an alarm with actions on the
//! filter's metric. One check per class, so each carries its own Trivy ids and can be
//! suppressed on its own.

use std::sync::Arc;

use foldhash::{HashMap, HashSet};

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::model::{Attr, ResourceInstance};
use crate::network::{Index, Target, elements};
use crate::value::Value;

/// One class of security event and what its filter pattern must contain.
pub struct EventClass {
    pub check_id: &'static str,
    /// "unauthorised API calls (CIS 4.1)".
    pub what: &'static str,
    /// Comparisons the pattern must contain, written without spaces or quotes
    /// (`$.eventName=DeleteTrail`); each must end where a name ends.
    pub terms: &'static [&'static str],
}

macro_rules! event_names {
    ($($name:literal),* $(,)?) => { &[$(concat!("$.eventName=", $name)),*] };
}

pub const CLASSES: &[EventClass] = &[
    EventClass {
        check_id: "aws-cloudwatch-no-unauthorized-api-call-alarm",
        what: "unauthorised API calls (CIS 4.1)",
        terms: &[
            "$.errorCode=*UnauthorizedOperation",
            "$.errorCode=AccessDenied*",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-console-login-without-mfa-alarm",
        what: "console sign-ins without MFA (CIS 4.2)",
        terms: &[
            "$.eventName=ConsoleLogin",
            "$.additionalEventData.MFAUsed!=Yes",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-root-usage-alarm",
        what: "use of the root user (CIS 4.3)",
        terms: &[
            "$.userIdentity.type=Root",
            "$.userIdentity.invokedByNOTEXISTS",
            "$.eventType!=AwsServiceEvent",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-iam-policy-change-alarm",
        what: "IAM policy changes (CIS 4.4)",
        terms: event_names!(
            "DeleteGroupPolicy",
            "DeleteRolePolicy",
            "DeleteUserPolicy",
            "PutGroupPolicy",
            "PutRolePolicy",
            "PutUserPolicy",
            "CreatePolicy",
            "DeletePolicy",
            "CreatePolicyVersion",
            "DeletePolicyVersion",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "AttachUserPolicy",
            "DetachUserPolicy",
            "AttachGroupPolicy",
            "DetachGroupPolicy",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-cloudtrail-change-alarm",
        what: "CloudTrail configuration changes (CIS 4.5)",
        terms: event_names!(
            "CreateTrail",
            "UpdateTrail",
            "DeleteTrail",
            "StartLogging",
            "StopLogging"
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-console-login-failure-alarm",
        what: "failed console sign-ins (CIS 4.6)",
        terms: &[
            "$.eventName=ConsoleLogin",
            "$.errorMessage=Failedauthentication",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-cmk-disable-alarm",
        what: "customer-managed keys disabled or scheduled for deletion (CIS 4.7)",
        terms: &[
            "$.eventSource=kms.amazonaws.com",
            "$.eventName=DisableKey",
            "$.eventName=ScheduleKeyDeletion",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-s3-bucket-policy-change-alarm",
        what: "S3 bucket policy changes (CIS 4.8)",
        terms: &[
            "$.eventSource=s3.amazonaws.com",
            "$.eventName=PutBucketAcl",
            "$.eventName=PutBucketPolicy",
            "$.eventName=PutBucketCors",
            "$.eventName=PutBucketLifecycle",
            "$.eventName=PutBucketReplication",
            "$.eventName=DeleteBucketPolicy",
            "$.eventName=DeleteBucketCors",
            "$.eventName=DeleteBucketLifecycle",
            "$.eventName=DeleteBucketReplication",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-config-change-alarm",
        what: "AWS Config configuration changes (CIS 4.9)",
        terms: &[
            "$.eventSource=config.amazonaws.com",
            "$.eventName=StopConfigurationRecorder",
            "$.eventName=DeleteDeliveryChannel",
            "$.eventName=PutDeliveryChannel",
            "$.eventName=PutConfigurationRecorder",
        ],
    },
    EventClass {
        check_id: "aws-cloudwatch-no-security-group-change-alarm",
        what: "security group changes (CIS 4.10)",
        terms: event_names!(
            "AuthorizeSecurityGroupIngress",
            "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress",
            "RevokeSecurityGroupEgress",
            "CreateSecurityGroup",
            "DeleteSecurityGroup",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-nacl-change-alarm",
        what: "network ACL changes (CIS 4.11)",
        terms: event_names!(
            "CreateNetworkAcl",
            "CreateNetworkAclEntry",
            "DeleteNetworkAcl",
            "DeleteNetworkAclEntry",
            "ReplaceNetworkAclEntry",
            "ReplaceNetworkAclAssociation",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-network-gateway-change-alarm",
        what: "network gateway changes (CIS 4.12)",
        terms: event_names!(
            "CreateCustomerGateway",
            "DeleteCustomerGateway",
            "AttachInternetGateway",
            "CreateInternetGateway",
            "DeleteInternetGateway",
            "DetachInternetGateway",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-route-table-change-alarm",
        what: "route table changes (CIS 4.13)",
        terms: event_names!(
            "CreateRoute",
            "CreateRouteTable",
            "ReplaceRoute",
            "ReplaceRouteTableAssociation",
            "DeleteRouteTable",
            "DeleteRoute",
            "DisassociateRouteTable",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-vpc-change-alarm",
        what: "VPC changes (CIS 4.14)",
        terms: event_names!(
            "CreateVpc",
            "DeleteVpc",
            "ModifyVpcAttribute",
            "AcceptVpcPeeringConnection",
            "CreateVpcPeeringConnection",
            "DeleteVpcPeeringConnection",
            "RejectVpcPeeringConnection",
            "AttachClassicLinkVpc",
            "DetachClassicLinkVpc",
            "DisableVpcClassicLink",
            "EnableVpcClassicLink",
        ),
    },
    EventClass {
        check_id: "aws-cloudwatch-no-organizations-change-alarm",
        what: "AWS Organizations changes (CIS 4.15)",
        terms: &[
            "$.eventSource=organizations.amazonaws.com",
            "$.eventName=AcceptHandshake",
            "$.eventName=AttachPolicy",
            "$.eventName=CreateAccount",
            "$.eventName=CreateOrganizationalUnit",
            "$.eventName=CreatePolicy",
            "$.eventName=DeclineHandshake",
            "$.eventName=DeleteOrganization",
            "$.eventName=DeleteOrganizationalUnit",
            "$.eventName=DeletePolicy",
            "$.eventName=DetachPolicy",
            "$.eventName=DisablePolicyType",
            "$.eventName=EnablePolicyType",
            "$.eventName=InviteAccountToOrganization",
            "$.eventName=LeaveOrganization",
            "$.eventName=MoveAccount",
            "$.eventName=RemoveAccountFromOrganization",
            "$.eventName=UpdatePolicy",
            "$.eventName=UpdateOrganizationalUnit",
        ],
    },
];

/// Whether a filter pattern contains every term of `class`: spaces and double quotes
/// are ignored, and a term must not continue into a longer name (`CreateRoute` is not
/// found in `CreateRouteTable`).
pub fn pattern_covers(pattern: &str, class: &EventClass) -> bool {
    let normal: String = pattern
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"')
        .collect();
    class.terms.iter().all(|term| {
        normal.match_indices(term).any(|(i, _)| {
            normal[i + term.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    })
}

/// The log group name in a log-group ARN (`arn:aws:logs:r:a:log-group:NAME:*`).
fn log_group_name(arn: &str) -> Option<&str> {
    let rest = arn.split_once(":log-group:")?.1;
    Some(rest.strip_suffix(":*").unwrap_or(rest))
}

/// The log group a trail delivers to, or why that is not known.
fn trail_log_group<'m>(index: &Index<'m>, attr: &Attr) -> Result<&'m ResourceInstance, String> {
    let target = match attr.value.as_str() {
        Some(arn) => match log_group_name(arn) {
            Some(name) => index.resolve(
                &Value::string(name),
                &["aws_cloudwatch_log_group"],
                &["name"],
            ),
            None => return Err(format!("{arn} is not a log group ARN")),
        },
        None => index.resolve(&attr.value, &["aws_cloudwatch_log_group"], &["arn", "name"]),
    };
    match target {
        Target::Resource(g) => Ok(g),
        Target::Literal(name) => Err(format!(
            "log group {name} is not declared in this configuration"
        )),
        Target::Unknown(reason) => Err(format!("cloud_watch_logs_group_arn: {reason}")),
    }
}

/// What a string attribute of an alarm (`metric_name`, `namespace`) names: a literal,
/// or the resource its unknown value refers to (`aws_cloudwatch_log_metric_filter.x.…`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Names<'m> {
    Literal(&'m str),
    Reference(&'m str),
}

impl<'m> Names<'m> {
    /// `None` when the attribute is absent, or unknown without saying what it refers to.
    fn of(alarm: &'m ResourceInstance, name: &str) -> Option<Names<'m>> {
        let got = &alarm.body.attr(name)?.value;
        if let Some(u) = got.first_unknown() {
            return u.refers_to.as_deref().map(Names::Reference);
        }
        got.as_str().map(Names::Literal)
    }
}

/// The alarms with actions of one root by the (metric name, namespace) they watch;
/// O(alarms) to build, one lookup per filter after.
struct AlarmsByMetric<'m>(HashSet<(Names<'m>, Names<'m>)>);

impl<'m> AlarmsByMetric<'m> {
    fn new(index: &Index<'m>) -> AlarmsByMetric<'m> {
        let with_actions = index.resources("aws_cloudwatch_metric_alarm").filter(|a| {
            a.body
                .attr("actions_enabled")
                .and_then(|x| x.value.as_bool())
                != Some(false)
                && a.body
                    .attr("alarm_actions")
                    .is_some_and(|x| !elements(&x.value).is_empty())
        });
        AlarmsByMetric(
            with_actions
                .filter_map(|a| Some((Names::of(a, "metric_name")?, Names::of(a, "namespace")?)))
                .collect(),
        )
    }

    /// Whether an alarm with actions watches the filter's metric: each of its metric name
    /// and namespace is the filter's literal or a reference to the filter.
    fn watches(&self, filter: &ResourceInstance) -> bool {
        let Some(metric) = filter.body.blocks("metric_transformation").next() else {
            return false;
        };
        let literal = |name: &str| {
            metric
                .body
                .attr(name)
                .and_then(|a| a.value.as_str())
                .map(Names::Literal)
        };
        let reference = Some(Names::Reference(&filter.address));
        let names = [literal("name"), reference];
        let namespaces = [literal("namespace"), reference];
        names.iter().flatten().any(|n| {
            namespaces
                .iter()
                .flatten()
                .any(|ns| self.0.contains(&(*n, *ns)))
        })
    }
}

/// The metric filters of one root by the address of the log group they read; O(filters)
/// to build.
fn filters_by_group<'m>(index: &Index<'m>) -> HashMap<&'m str, Vec<&'m ResourceInstance>> {
    let mut by_group: HashMap<&'m str, Vec<&'m ResourceInstance>> = HashMap::default();
    for f in index.resources("aws_cloudwatch_log_metric_filter") {
        let group = f
            .body
            .attr("log_group_name")
            .map(|a| index.resolve(&a.value, &["aws_cloudwatch_log_group"], &["name"]));
        if let Some(Target::Resource(g)) = group {
            by_group.entry(&g.address).or_default().push(f);
        }
    }
    by_group
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-unauthorized-api-call-alarm"
title = "No CloudWatch alarm for unauthorised API calls (CIS 4.1)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0147", "aws-cloudwatch-require-unauthorised-api-call-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.1) asks for a CloudWatch Logs metric filter and an
alarm on unauthorised API calls. Calls refused for lack of permission are how a stolen credential's reach is probed, and how a misconfigured automation shows itself. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "UnauthorizedApiCalls" {
  name           = "UnauthorizedApiCalls"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }"

  metric_transformation {
    name      = "UnauthorizedApiCalls"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "UnauthorizedApiCalls" {
  alarm_name          = "UnauthorizedApiCalls"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.UnauthorizedApiCalls.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-console-login-without-mfa-alarm"
title = "No CloudWatch alarm for console sign-ins without MFA (CIS 4.2)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0148", "aws-cloudwatch-require-non-mfa-login-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.2) asks for a CloudWatch Logs metric filter and an
alarm on console sign-ins without MFA. A console sign-in with a password alone is what a phished or reused password looks like. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "ConsoleSigninWithoutMfa" {
  name           = "ConsoleSigninWithoutMfa"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }"

  metric_transformation {
    name      = "ConsoleSigninWithoutMfa"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "ConsoleSigninWithoutMfa" {
  alarm_name          = "ConsoleSigninWithoutMfa"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.ConsoleSigninWithoutMfa.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-root-usage-alarm"
title = "No CloudWatch alarm for use of the root user (CIS 4.3)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0149", "aws-cloudwatch-require-root-user-usage-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.3) asks for a CloudWatch Logs metric filter and an
alarm on use of the root user. The root user can do everything and is needed for almost nothing; any use of it deserves a human's attention. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "RootAccountUsage" {
  name           = "RootAccountUsage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "RootAccountUsage" {
  alarm_name          = "RootAccountUsage"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.RootAccountUsage.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-iam-policy-change-alarm"
title = "No CloudWatch alarm for IAM policy changes (CIS 4.4)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0150", "aws-cloudwatch-require-iam-policy-change-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.4) asks for a CloudWatch Logs metric filter and an
alarm on IAM policy changes. Changing who may do what is the step after an intrusion that makes it last. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "IamPolicyChanges" {
  name           = "IamPolicyChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }"

  metric_transformation {
    name      = "IamPolicyChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "IamPolicyChanges" {
  alarm_name          = "IamPolicyChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.IamPolicyChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-cloudtrail-change-alarm"
title = "No CloudWatch alarm for CloudTrail configuration changes (CIS 4.5)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0151", "aws-cloudwatch-require-cloud-trail-change-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.5) asks for a CloudWatch Logs metric filter and an
alarm on CloudTrail configuration changes. Stopping or redirecting a trail is how an intruder blinds the audit log. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "CloudTrailChanges" {
  name           = "CloudTrailChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"

  metric_transformation {
    name      = "CloudTrailChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "CloudTrailChanges" {
  alarm_name          = "CloudTrailChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.CloudTrailChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-console-login-failure-alarm"
title = "No CloudWatch alarm for failed console sign-ins (CIS 4.6)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0152", "aws-cloudwatch-require-console-login-failures-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.6) asks for a CloudWatch Logs metric filter and an
alarm on failed console sign-ins. Repeated failed sign-ins are password guessing. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "ConsoleSigninFailures" {
  name           = "ConsoleSigninFailures"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"

  metric_transformation {
    name      = "ConsoleSigninFailures"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "ConsoleSigninFailures" {
  alarm_name          = "ConsoleSigninFailures"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.ConsoleSigninFailures.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-cmk-disable-alarm"
title = "No CloudWatch alarm for customer-managed keys disabled or scheduled for deletion (CIS 4.7)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0153", "aws-cloudwatch-require-cmk-disabled-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.7) asks for a CloudWatch Logs metric filter and an
alarm on customer-managed keys disabled or scheduled for deletion. A disabled or deleted key makes everything encrypted with it unreadable — sabotage, or ransom. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "DisableOrDeleteCmk" {
  name           = "DisableOrDeleteCmk"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"

  metric_transformation {
    name      = "DisableOrDeleteCmk"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "DisableOrDeleteCmk" {
  alarm_name          = "DisableOrDeleteCmk"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.DisableOrDeleteCmk.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-s3-bucket-policy-change-alarm"
title = "No CloudWatch alarm for S3 bucket policy changes (CIS 4.8)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0154", "aws-cloudwatch-require-s3-bucket-policy-change-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.8) asks for a CloudWatch Logs metric filter and an
alarm on S3 bucket policy changes. A changed bucket policy or ACL can make data public or replicate it elsewhere. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "S3BucketPolicyChanges" {
  name           = "S3BucketPolicyChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"

  metric_transformation {
    name      = "S3BucketPolicyChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "S3BucketPolicyChanges" {
  alarm_name          = "S3BucketPolicyChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.S3BucketPolicyChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-config-change-alarm"
title = "No CloudWatch alarm for AWS Config configuration changes (CIS 4.9)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0155", "aws-cloudwatch-require-config-configuration-changes-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.9) asks for a CloudWatch Logs metric filter and an
alarm on AWS Config configuration changes. Stopping the configuration recorder hides every later change from AWS Config. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "AwsConfigChanges" {
  name           = "AwsConfigChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }"

  metric_transformation {
    name      = "AwsConfigChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "AwsConfigChanges" {
  alarm_name          = "AwsConfigChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.AwsConfigChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-security-group-change-alarm"
title = "No CloudWatch alarm for security group changes (CIS 4.10)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0156", "aws-cloudwatch-require-sg-change-alarms"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.10) asks for a CloudWatch Logs metric filter and an
alarm on security group changes. A new ingress rule can open a database or an admin port to the internet. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "SecurityGroupChanges" {
  name           = "SecurityGroupChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"

  metric_transformation {
    name      = "SecurityGroupChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "SecurityGroupChanges" {
  alarm_name          = "SecurityGroupChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.SecurityGroupChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-nacl-change-alarm"
title = "No CloudWatch alarm for network ACL changes (CIS 4.11)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0157", "aws-cloudwatch-require-nacl-changes-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.11) asks for a CloudWatch Logs metric filter and an
alarm on network ACL changes. Network ACLs are the subnet-level filter; a changed rule can open or cut whole subnets. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "NaclChanges" {
  name           = "NaclChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"

  metric_transformation {
    name      = "NaclChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "NaclChanges" {
  alarm_name          = "NaclChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.NaclChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-network-gateway-change-alarm"
title = "No CloudWatch alarm for network gateway changes (CIS 4.12)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0158", "aws-cloudwatch-require-network-gateway-changes-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.12) asks for a CloudWatch Logs metric filter and an
alarm on network gateway changes. A new internet or customer gateway opens a path into or out of the VPC. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "NetworkGatewayChanges" {
  name           = "NetworkGatewayChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"

  metric_transformation {
    name      = "NetworkGatewayChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "NetworkGatewayChanges" {
  alarm_name          = "NetworkGatewayChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.NetworkGatewayChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-route-table-change-alarm"
title = "No CloudWatch alarm for route table changes (CIS 4.13)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0159"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.13) asks for a CloudWatch Logs metric filter and an
alarm on route table changes. A changed route can send a subnet's traffic through a path nobody intended. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.

Trivy files this rule under the short code of the network gateway rule
(`aws-cloudwatch-require-network-gateway-changes-alarm`), so only its AVD id is an alias here.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "RouteTableChanges" {
  name           = "RouteTableChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"

  metric_transformation {
    name      = "RouteTableChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "RouteTableChanges" {
  alarm_name          = "RouteTableChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.RouteTableChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-vpc-change-alarm"
title = "No CloudWatch alarm for VPC changes (CIS 4.14)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0160", "aws-cloudwatch-require-vpc-changes-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.14) asks for a CloudWatch Logs metric filter and an
alarm on VPC changes. New VPCs and peering connections change what can reach what. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "VpcChanges" {
  name           = "VpcChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"

  metric_transformation {
    name      = "VpcChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "VpcChanges" {
  alarm_name          = "VpcChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.VpcChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

check! {
    judge = cis_alarm,
    meta = r#"
id = "aws-cloudwatch-no-organizations-change-alarm"
title = "No CloudWatch alarm for AWS Organizations changes (CIS 4.15)"
severity = "low"
area = "monitoring"
resources = [
  "aws_cloudtrail",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_log_metric_filter",
  "aws_cloudwatch_metric_alarm",
]
aliases = ["AVD-AWS-0174", "aws-cloudwatch-require-org-changes-alarm"]
references = [
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html",
]
description = """
The CIS AWS Foundations Benchmark (4.15) asks for a CloudWatch Logs metric filter and an
alarm on AWS Organizations changes. Organization changes move accounts and service control policies — the guard rails of every account. Without the alarm the events are in the trail's log, but
nobody is told when they happen.

A trail that delivers to CloudWatch Logs (`cloud_watch_logs_group_arn`, followed to an
`aws_cloudwatch_log_group` of this configuration by reference or by the name in the
ARN) is compliant when an `aws_cloudwatch_log_metric_filter` on that log group has a
pattern naming every comparison of the benchmark's pattern (spaces and quotes aside;
a broader pattern that does not name them is not recognised), and an
`aws_cloudwatch_metric_alarm` with `alarm_actions` watches the filter's metric (same
`metric_name` and `namespace`). Trails without CloudWatch Logs delivery are reported
by `aws-cloudtrail-no-cloudwatch-logs`; a log group declared elsewhere is undecided.
Each event class is its own check, so each keeps its own Trivy id and can be
suppressed on its own.
"""
remediation = '''
Count the events with a metric filter on the trail's log group and alarm on the metric.

```hcl
resource "aws_cloudwatch_log_metric_filter" "OrganizationsChanges" {
  name           = "OrganizationsChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }"

  metric_transformation {
    name      = "OrganizationsChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "OrganizationsChanges" {
  alarm_name          = "OrganizationsChanges"
  namespace           = "CISBenchmark"
  metric_name         = aws_cloudwatch_log_metric_filter.OrganizationsChanges.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
```
'''
"#
}

/// Every CIS metric-filter check: per trail that delivers to CloudWatch Logs.
///
/// O(trails + filters + alarms) per root: filters are grouped by log group and alarms by
/// metric once, then each trail looks its filters up and each filter its alarm.
pub fn cis_alarm(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let Some(class) = CLASSES.iter().find(|c| c.check_id == check.id) else {
        return;
    };
    for index in ctx.indexes() {
        let mut trails = index.resources("aws_cloudtrail").peekable();
        if trails.peek().is_none() {
            continue;
        }
        let filters_of = filters_by_group(index);
        let alarms = AlarmsByMetric::new(index);
        for trail in trails {
            // Trails without CloudWatch Logs delivery are aws-cloudtrail-no-cloudwatch-logs'.
            let Some(attr) = trail
                .body
                .attr("cloud_watch_logs_group_arn")
                .filter(|a| !a.value.is_null())
            else {
                continue;
            };
            let group = match trail_log_group(index, attr) {
                Ok(g) => g,
                Err(reason) => {
                    out.unknown.push(UnknownResult {
                        check: check.clone(),
                        resource: ResourceRef::of(trail),
                        span: attr.span,
                        reason,
                    });
                    continue;
                }
            };
            let filters: Vec<&ResourceInstance> = filters_of
                .get(&*group.address)
                .into_iter()
                .flatten()
                .copied()
                .filter(|f| {
                    f.body
                        .attr("pattern")
                        .and_then(|p| p.value.as_str())
                        .is_some_and(|p| pattern_covers(p, class))
                })
                .collect();
            if filters.iter().any(|f| alarms.watches(f)) {
                continue;
            }
            let (message, related) = match filters.first() {
                None => (
                    format!(
                        "no metric filter on {} matches {}",
                        group.address, class.what
                    ),
                    vec![Related {
                        span: group.header,
                        message: "the trail's log group".into(),
                    }],
                ),
                Some(f) => (
                    format!(
                        "{} counts {}, but no alarm with actions watches its metric",
                        f.address, class.what
                    ),
                    vec![Related {
                        span: f.header,
                        message: "the metric filter".into(),
                    }],
                ),
            };
            out.findings.push(Finding::new(
                check,
                trail,
                message,
                attr.span,
                "cloud_watch_logs_group_arn",
                related,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(id: &str) -> &'static EventClass {
        CLASSES.iter().find(|c| c.check_id == id).expect("a class")
    }

    #[test]
    fn patterns_match_whole_names_ignoring_spaces_and_quotes() {
        let routes = class("aws-cloudwatch-no-route-table-change-alarm");
        let cis = r#"{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"#;
        assert!(pattern_covers(cis, routes));
        // CreateRoute is only present inside CreateRouteTable.
        let partial = cis.replace("($.eventName = CreateRoute) ||", "");
        assert!(!pattern_covers(&partial, routes));
        let root = class("aws-cloudwatch-no-root-usage-alarm");
        assert!(pattern_covers(
            r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
            root
        ));
        assert_eq!(CLASSES.len(), 15);
    }

    #[test]
    fn log_group_arns() {
        assert_eq!(
            log_group_name("arn:aws:logs:eu-west-1:123456789012:log-group:trail:*"),
            Some("trail")
        );
        assert_eq!(log_group_name("arn:aws:s3:::bucket"), None);
    }
}
