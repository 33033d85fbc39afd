//! ECS task-definition checks that read the container definitions JSON or compare the
//! task's roles.

use std::sync::Arc;

use serde_json::Value as Json;

use crate::check::Check;
use crate::diag::{DiagKind, Diagnostic};
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult, provenance};
use crate::model::{Attr, ResourceInstance};
use crate::network::unknown_reason;
use crate::value::{Kind, Value};

/// The containers of a task definition's `container_definitions`, or why they cannot be
/// read (an unknown value becomes an undecided result, invalid JSON a diagnostic).
fn containers<'m>(
    check: &Arc<Check>,
    r: &'m ResourceInstance,
    out: &mut CheckResults,
) -> Option<(Vec<Json>, &'m Attr)> {
    let attr = r.body.attr("container_definitions")?;
    if attr.value.has_unknown() {
        out.unknown.push(UnknownResult {
            check: check.clone(),
            resource: ResourceRef::of(r),
            span: attr.span,
            reason: unknown_reason(&attr.value, "container_definitions"),
        });
        return None;
    }
    let text = attr.value.as_str()?;
    match serde_json::from_str::<Json>(text) {
        Ok(Json::Array(items)) => Some((items, attr)),
        Ok(other) => Some((vec![other], attr)),
        Err(e) => {
            out.diagnostics.push(Diagnostic::new(
                DiagKind::Check,
                format!(
                    "{}: container_definitions is not valid JSON ({e}); its containers cannot be judged",
                    r.address
                ),
                Some(attr.span),
            ));
            None
        }
    }
}

fn container_name(c: &Json, i: usize) -> String {
    c.get("name")
        .and_then(Json::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", i + 1))
}

check! {
    judge = writable_root_filesystem,
    meta = r#"
id = "aws-ecs-task-definition-writable-root-filesystem"
title = "ECS container root filesystem is writable"
severity = "low"
area = "kubernetes"
resources = ["aws_ecs_task_definition"]
aliases = ["CKV_AWS_336"]
references = [
  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage",
  "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5",
]
description = """
A container definition does not set `"readonlyRootFilesystem": true`, so the process can
write anywhere in the container's filesystem: an attacker who gets code execution can
drop tools, alter binaries or plant persistence. ECS's default is `false`. The finding
names every container of the task definition that is writable.

The container definitions JSON is read as evaluated (a JSON string, a heredoc or
`jsonencode`); a definition known only after apply is undecided, and one that is not
valid JSON is reported as a warning diagnostic.
"""
remediation = """
Make the root filesystem read-only and mount a volume where the application must write.

```hcl
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = "example/app:1.0"
    essential              = true
    readonlyRootFilesystem = true
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp" }]
  }])
  volume {
    name = "tmp"
  }
}
```
"""
"#
}
/// `aws-ecs-task-definition-writable-root-filesystem` (K8S-11): a container without
/// `"readonlyRootFilesystem": true` (ECS's default is `false`).
pub fn writable_root_filesystem(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for r in model.resources("aws_ecs_task_definition") {
        let Some((items, attr)) = containers(check, r, out) else {
            continue;
        };
        let writable: Vec<String> = items
            .iter()
            .enumerate()
            .filter(|(_, c)| c.get("readonlyRootFilesystem") != Some(&Json::Bool(true)))
            .map(|(i, c)| container_name(c, i))
            .collect();
        if writable.is_empty() {
            continue;
        }
        let (noun, verb) = if writable.len() == 1 {
            ("container", "has")
        } else {
            ("containers", "have")
        };
        out.findings.push(Finding::new(
            check,
            r,
            format!(
                "{noun} {} {verb} a writable root filesystem (readonlyRootFilesystem is not true)",
                writable.join(", ")
            ),
            attr.span,
            "container_definitions",
            provenance(&attr.value, attr.span, None),
        ));
    }
}

/// Whether two role ARNs are the same role: equal literals, or references to the same
/// resource. `None` when that is known only after apply.
fn same_role(a: &Value, b: &Value) -> Option<bool> {
    match (&a.kind, &b.kind) {
        (Kind::String(x), Kind::String(y)) => Some(x == y),
        (Kind::Unknown(x), Kind::Unknown(y)) => match (&x.refers_to, &y.refers_to) {
            (Some(p), Some(q)) if p == q => Some(true),
            // Different resources of this configuration are different roles.
            (Some(_), Some(_)) => Some(false),
            _ => None,
        },
        // A literal ARN and a reference to a role declared here: the role's ARN is known
        // only after apply.
        (Kind::String(_), Kind::Unknown(_)) | (Kind::Unknown(_), Kind::String(_)) => None,
        _ => Some(false),
    }
}

check! {
    judge = same_task_and_execution_role,
    meta = r#"
id = "aws-ecs-task-definition-same-task-and-execution-role"
title = "ECS task role and execution role are the same"
severity = "low"
area = "kubernetes"
resources = ["aws_ecs_task_definition"]
aliases = ["CKV_AWS_249"]
references = [
  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
]
description = """
`task_role_arn` and `execution_role_arn` name the same role. The execution role is what
the ECS agent uses to pull images, write logs and read the secrets injected into the
containers; the task role is what the application's code runs as. Sharing one role
gives the application every secret of the task definition and the agent's permissions,
and makes least privilege for either impossible.

The roles are the same when both attributes are the same literal ARN or refer to the
same `aws_iam_role`; a literal ARN compared with a role declared here is undecided.
"""
remediation = """
Give the task its own role with only what the application needs.

```hcl
resource "aws_ecs_task_definition" "app" {
  family             = "app"
  execution_role_arn = aws_iam_role.ecs_execution.arn
  task_role_arn      = aws_iam_role.app_task.arn
  container_definitions = jsonencode([{ name = "app", image = "example/app:1.0" }])
}
```
"""
"#
}
/// `aws-ecs-task-definition-same-task-and-execution-role` (K8S-13).
pub fn same_task_and_execution_role(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for r in model.resources("aws_ecs_task_definition") {
        let (Some(task), Some(exec)) = (
            r.body.attr("task_role_arn").filter(|a| !a.value.is_null()),
            r.body
                .attr("execution_role_arn")
                .filter(|a| !a.value.is_null()),
        ) else {
            continue;
        };
        match same_role(&task.value, &exec.value) {
            Some(true) => {
                let mut related = vec![Related {
                    span: exec.span,
                    message: "the execution role is the same role".into(),
                }];
                related.extend(provenance(&task.value, task.span, None));
                out.findings.push(Finding::new(
                    check,
                    r,
                    "the task role is also the execution role: the application gets the permissions ECS uses to pull images and read secrets".into(),
                    task.span,
                    "task_role_arn",
                    related,
                ));
            }
            Some(false) => {}
            None => out.unknown.push(UnknownResult {
                check: check.clone(),
                resource: ResourceRef::of(r),
                span: task.span,
                reason: "task_role_arn or execution_role_arn is known only after apply".into(),
            }),
        }
    }
}
