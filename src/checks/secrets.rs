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

register!(
    "aws-lambda-function-environment-secrets",
    lambda_environment
);
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

register!("aws-ecs-task-definition-plaintext-secrets", ecs_environment);
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

register!("aws-ec2-user-data-secrets", user_data);
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

register!("aws-cloudformation-stack-secrets", cloudformation_stack);
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
    match value.prov.as_deref() {
        Some(p)
            if p.span.file == outer.file
                && p.span.start >= outer.start
                && p.span.end <= outer.end
                && p.span.end > p.span.start =>
        {
            p.span
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
