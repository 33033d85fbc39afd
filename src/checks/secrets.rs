//! Secrets hard-coded in configuration: Lambda environment variables, ECS container
//! definitions, EC2 user data and CloudFormation stacks. Detection is in
//! [`crate::secrets`]; messages show secrets masked, never in full.
//!
//! A value known only after apply (a reference to a resource, a variable without a
//! value) is never reported: it is not hard-coded. Neither is a value set by `--var` or
//! `TF_VAR_`, which does not live in the configuration.

use std::sync::Arc;

use base64::Engine as _;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::model::ResourceInstance;
use crate::secrets::{Detection, SecretKind, scan_pair, scan_text};
use crate::source::Span;
use crate::value::{Kind, ProvLabel, Value};

check! {
    judge = lambda_environment,
    meta = r#"
id = "aws-lambda-function-environment-secrets"
title = "Secrets hard-coded in Lambda environment variables"
severity = "critical"
area = "serverless"
resources = ["aws_lambda_function"]
aliases = ["CKV_AWS_45"]
references = [
  "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption",
  "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
]
description = """
An environment variable of a Lambda function holds a literal credential: an AWS access
key id or secret access key, a private key, a GitHub, Slack or Stripe token, or a value
under a password-, secret-, token- or API-key-like name (`DB_PASSWORD`, `API_KEY`).
Environment variables are visible to anyone who can read the function's configuration
(`lambda:GetFunctionConfiguration`), in the Terraform state and in version control.

Not reported: values known only after apply (references to resources, variables without
a value), values set with `--var` or `TF_VAR_`, ARNs of Secrets Manager secrets or SSM
parameters, and placeholders such as `changeme`. AWS's documented example keys
(`AKIAIOSFODNN7EXAMPLE`) are reported. Messages show secrets masked.
"""
remediation = """
Keep the secret in Secrets Manager (or an SSM SecureString parameter), pass its ARN or
name, and read it at run time, for example with the AWS Parameters and Secrets Lambda
Extension.

```hcl
resource "aws_lambda_function" "app" {
  # ...
  environment {
    variables = {
      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn
    }
  }
}
```
"""
"#
}
/// `aws-lambda-function-environment-secrets`: `environment { variables = { … } }`.
pub fn lambda_environment(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for r in model.resources("aws_lambda_function") {
        for env in r.body.blocks("environment") {
            let Some(attr) = env.body.attr("variables") else {
                continue;
            };
            let Some(vars) = attr.value.as_map() else {
                continue;
            };
            for (name, value) in vars {
                let Some(text) = literal(value) else { continue };
                if let Some(d) = scan_pair(name, &text) {
                    let span = written_at(value, attr.span);
                    let message = format!("environment variable {name} holds {}", d.summary());
                    let related = masked_provenance(value, span, &d.shown());
                    let attribute = format!("environment.variables.{name}");
                    out.findings.push(redacted(
                        Finding::new(check, r, message, span, &attribute, related),
                        &d,
                    ));
                }
            }
        }
    }
}

check! {
    judge = ecs_environment,
    meta = r#"
id = "aws-ecs-task-definition-plaintext-secrets"
title = "ECS task definition puts secrets in plain environment variables"
severity = "critical"
area = "kubernetes"
resources = ["aws_ecs_task_definition"]
aliases = ["AVD-AWS-0036", "aws-ecs-no-plaintext-secrets"]
references = [
  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
]
description = """
A container definition passes a literal credential in its `environment` list: an AWS
access key id or secret access key, a private key, a GitHub, Slack or Stripe token, or a
value under a password-, secret-, token- or API-key-like name. Plain environment values
are readable by anyone who can describe the task definition, and stay in every revision
of it and in the Terraform state.

The check reads the container definitions JSON as a string, so it judges definitions
written as a JSON string, a heredoc or `jsonencode` of known values. Values known only
after apply, ARNs and placeholders such as `changeme` are not reported. Messages show
secrets masked.
"""
remediation = """
Move the value to Secrets Manager or SSM Parameter Store and reference it from the
container's `secrets` list; ECS injects it when the task starts.

```hcl
container_definitions = jsonencode([{
  name  = "app"
  image = "example/app:1.0"
  secrets = [{
    name      = "DB_PASSWORD"
    valueFrom = aws_secretsmanager_secret.db.arn
  }]
}])
```
"""
"#
}
/// `aws-ecs-task-definition-plaintext-secrets`: `environment` name/value pairs of the
/// container definitions JSON.
pub fn ecs_environment(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for r in model.resources("aws_ecs_task_definition") {
        let Some(attr) = r.body.attr("container_definitions") else {
            continue;
        };
        let Some(text) = literal(&attr.value) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let containers = match &json {
            serde_json::Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        for (i, container) in containers.iter().enumerate() {
            let cname = container
                .get("name")
                .and_then(|n| n.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{i}"));
            let Some(env) = container.get("environment").and_then(|e| e.as_array()) else {
                continue;
            };
            for pair in env {
                let Some(name) = pair.get("name").and_then(|n| n.as_str()) else {
                    continue;
                };
                let value = match pair.get("value") {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => continue,
                };
                if let Some(d) = scan_pair(name, &value) {
                    let message = format!(
                        "container {cname} sets environment variable {name} to {}; \
                         pass it through secrets with valueFrom instead",
                        d.summary()
                    );
                    let related = masked_provenance(&attr.value, attr.span, "the JSON");
                    let attribute = format!("container_definitions.{cname}.environment.{name}");
                    out.findings.push(redacted(
                        Finding::new(check, r, message, attr.span, &attribute, related),
                        &d,
                    ));
                }
            }
        }
    }
}

check! {
    judge = user_data,
    meta = r#"
id = "aws-ec2-user-data-secrets"
title = "Credentials embedded in EC2 user data"
severity = "critical"
area = "data"
resources = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]
aliases = [
  "AVD-AWS-0029",
  "AVD-AWS-0129",
  "AVD-AWS-0122",
  "aws-ec2-no-secrets-in-user-data",
  "aws-ec2-no-secrets-in-launch-template-user-data",
  "aws-ec2-no-sensitive-info",
  "CKV_AWS_46",
]
references = [
  "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html",
]
description = """
The user data of an instance, launch template or launch configuration holds a
credential: an AWS access key id or secret access key, a private key, a GitHub, Slack or
Stripe token, or a literal assigned to a password-, secret-, token- or API-key-like name
(`export DB_PASSWORD=…`, `aws configure set aws_secret_access_key …`). User data is not
secret: anything on the instance can read it from the instance metadata service, and
anyone with `ec2:DescribeInstanceAttribute` can read it through the API.

`user_data_base64` and launch-template user data are decoded before they are scanned;
gzip-compressed user data is recorded as undecided. Values known only after apply,
references (`$VAR`, `$(…)`), ARNs and placeholders are not reported. Messages show
secrets masked.
"""
remediation = """
Give the instance an instance profile instead of access keys, and have the script read
other secrets from Secrets Manager or SSM Parameter Store at boot.

```bash
DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db \\
  --query SecretString --output text)
```
"""
"#
}
/// `aws-ec2-user-data-secrets`: `user_data` and `user_data_base64` of instances and
/// launch configurations, `user_data` (base64) of launch templates.
pub fn user_data(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    let attrs: [(&str, &[(&str, bool)]); 3] = [
        (
            "aws_instance",
            &[("user_data", false), ("user_data_base64", true)],
        ),
        (
            "aws_launch_configuration",
            &[("user_data", false), ("user_data_base64", true)],
        ),
        ("aws_launch_template", &[("user_data", true)]),
    ];
    for (rtype, names) in attrs {
        for r in model.resources(rtype) {
            for (name, encoded) in names {
                let Some(attr) = r.body.attr(name) else {
                    continue;
                };
                let Some(raw) = literal(&attr.value) else {
                    continue;
                };
                let text = if *encoded {
                    match decode_base64(&raw) {
                        Some(bytes) if bytes.starts_with(&[0x1f, 0x8b]) => {
                            out.unknown.push(UnknownResult {
                                check: check.clone(),
                                resource: ResourceRef::of(r),
                                span: attr.span,
                                reason: format!(
                                    "{name} is gzip-compressed; its content is not inspected"
                                ),
                            });
                            continue;
                        }
                        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                        // Not base64: judge the text as written.
                        None => raw,
                    }
                } else {
                    raw
                };
                let text = Text {
                    name,
                    noun: "the user data",
                    text: &text,
                };
                report_text(check, r, &text, &attr.value, attr.span, out);
            }
        }
    }
}

check! {
    judge = cloudformation_stack,
    meta = r#"
id = "aws-cloudformation-stack-secrets"
title = "Credentials embedded in a CloudFormation stack template or parameters"
severity = "critical"
area = "data"
resources = ["aws_cloudformation_stack"]
aliases = ["CKV_SECRET_2"]
references = [
  "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
]
description = """
The template body or the parameters of a CloudFormation stack hold a credential: an AWS
access key id or secret access key, a private key, a GitHub, Slack or Stripe token, or a
literal under a password-, secret-, token- or API-key-like name (`MasterUserPassword`).
Templates and parameter values are readable by anyone who can describe the stack, and
live in version control and the Terraform state.

The template is scanned as rendered, so templates read with `file()` or `templatefile()`
are judged too. `!Ref`, `{"Ref": …}` and `{{resolve:…}}` dynamic references, values
known only after apply and placeholders are not reported. Messages show secrets masked.
"""
remediation = """
Use a dynamic reference to Secrets Manager or SSM Parameter Store in the template, or a
`NoEcho` parameter whose value comes from a secret at apply time.

```yaml
MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
```
"""
"#
}
/// `aws-cloudformation-stack-secrets`: the template body and the parameters.
pub fn cloudformation_stack(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for r in model.resources("aws_cloudformation_stack") {
        if let Some(attr) = r.body.attr("template_body")
            && let Some(text) = literal(&attr.value)
        {
            let text = Text {
                name: "template_body",
                noun: "the template",
                text: &text,
            };
            report_text(check, r, &text, &attr.value, attr.span, out);
        }
        let Some(attr) = r.body.attr("parameters") else {
            continue;
        };
        let Some(params) = attr.value.as_map() else {
            continue;
        };
        for (name, value) in params {
            let Some(text) = literal(value) else { continue };
            if let Some(d) = scan_pair(name, &text) {
                let span = written_at(value, attr.span);
                let message = format!("stack parameter {name} holds {}", d.summary());
                let related = masked_provenance(value, span, &d.shown());
                let attribute = format!("parameters.{name}");
                out.findings.push(redacted(
                    Finding::new(check, r, message, span, &attribute, related),
                    &d,
                ));
            }
        }
    }
}

/// The finding with its secret masked in source excerpts. A private key is reported by
/// its header line, which is not secret; its body is not matched.
fn redacted(f: Finding, d: &Detection) -> Finding {
    match d.kind {
        SecretKind::PrivateKey => f,
        _ => f.redacting(&d.secret),
    }
}

/// The text of an attribute, and what to call it in provenance messages.
struct Text<'a> {
    name: &'a str,
    noun: &'a str,
    text: &'a str,
}

/// One finding per secret found in the text of an attribute.
fn report_text(
    check: &Arc<Check>,
    r: &ResourceInstance,
    text: &Text<'_>,
    value: &Value,
    span: Span,
    out: &mut CheckResults,
) {
    let name = text.name;
    for (i, d) in scan_text(text.text).iter().enumerate() {
        let message = match &d.name {
            Some(var) => format!("{name} sets {var} to {}", d.summary()),
            None => format!("{name} holds {}", d.summary()),
        };
        let related = masked_provenance(value, span, text.noun);
        let attribute = match &d.name {
            Some(var) => format!("{name}.{var}"),
            None => format!("{name}.{:?}.{i}", d.kind),
        };
        out.findings.push(redacted(
            Finding::new(check, r, message, span, &attribute, related),
            d,
        ));
    }
}

/// The value as a string when it is a literal written in the configuration: `None` for
/// unknowns, non-strings and values set from outside the tree (`--var`, `TF_VAR_`, a
/// `--var-file` outside it): those are the user's, not written in the repository.
pub(super) fn literal(value: &Value) -> Option<String> {
    let text = match &value.kind {
        Kind::String(s) => s.to_string(),
        Kind::Number(_) => value.to_template_string()?,
        _ => return None,
    };
    let outside = value.hops().iter().any(|h| {
        matches!(
            h.label.as_deref(),
            Some(ProvLabel::VariableCli(_))
                | Some(ProvLabel::VariableEnv(_))
                | Some(ProvLabel::VariableOutsideFile { .. })
        )
    });
    (!outside).then_some(text)
}

/// Where the value came from (a variable default, a local), with the value shown as
/// `shown`: provenance messages must not print the secret.
pub(super) fn masked_provenance(value: &Value, at: Span, shown: &str) -> Vec<Related> {
    value
        .hops()
        .into_iter()
        .filter(|h| h.span != at)
        .filter_map(|h| {
            h.label.as_ref().map(|l| Related {
                span: h.span,
                message: l.describe(shown),
            })
        })
        .collect()
}

/// Where a map element was written: its expression when that lies inside the map
/// (`KEY = "literal"` or `KEY = var.x`), else the whole map.
fn written_at(value: &Value, outer: Span) -> Span {
    match value.prov.span() {
        Some(span)
            if span.file == outer.file
                && span.start >= outer.start
                && span.end <= outer.end
                && span.end > span.start =>
        {
            span
        }
        _ => value.span_within(outer),
    }
}

/// Standard base64, line breaks and surrounding space ignored.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(cleaned.as_bytes())
        .ok()
}
