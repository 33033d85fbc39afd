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

register!(
    "aws-ecs-task-definition-writable-root-filesystem",
    writable_root_filesystem
);
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

register!(
    "aws-ecs-task-definition-same-task-and-execution-role",
    same_task_and_execution_role
);
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
