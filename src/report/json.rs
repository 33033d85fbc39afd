//! The JSON report: `schema_version` 1, the same shape with zero findings. The schema is
//! `docs/report.schema.json`.

use serde_json::{Value as Json, json};

use super::Report;
use crate::engine::check::Severity;
use crate::engine::finding::{Finding, ResourceRef};
use crate::source::Span;

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(r: &Report) -> String {
    let doc = to_json(r);
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

pub fn to_json(r: &Report) -> Json {
    let by_severity: serde_json::Map<String, Json> = Severity::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), json!(r.count(*s))))
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tfscan", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": r.sources.len(),
            "roots": r.roots,
            "resources": r.resources,
            "checks": r.checks,
            "findings": r.findings.len(),
            "suppressed": r.suppressed.len(),
            "unknown": r.unknown.len(),
            "errors": r.diagnostics.iter().filter(|d| d.kind.is_error()).count(),
            "by_severity": by_severity,
        },
        "findings": r.findings.iter().map(|f| finding(r, f)).collect::<Vec<_>>(),
        "unknown": r.unknown.iter().map(|u| json!({
            "check_id": u.check.id,
            "resource": resource(&u.resource),
            "location": location(r, u.span),
            "reason": u.reason,
        })).collect::<Vec<_>>(),
        "suppressed": r.suppressed.iter().map(|s| json!({
            "check_id": s.finding.check.id,
            "resource": resource(&s.finding.resource),
            "location": location(r, s.finding.span),
            "fingerprint": s.finding.fingerprint,
            "reason": s.reason,
            "expires": s.expires,
        })).collect::<Vec<_>>(),
        "errors": r.diagnostics.iter().map(|d| json!({
            "kind": d.kind,
            "severity": if d.kind.is_error() { "error" } else { "warning" },
            "message": d.message,
            "location": d.span.map(|s| location(r, s)).unwrap_or(Json::Null),
        })).collect::<Vec<_>>(),
    })
}

fn finding(r: &Report, f: &Finding) -> Json {
    json!({
        "check_id": f.check.id,
        "title": f.check.title,
        "severity": f.severity.as_str(),
        "area": f.check.area,
        "message": f.message,
        "resource": resource(&f.resource),
        "location": location(r, f.span),
        "related": f.related.iter().map(|x| json!({
            "message": x.message,
            "location": location(r, x.span),
        })).collect::<Vec<_>>(),
        "fingerprint": f.fingerprint,
        "remediation": f.check.remediation,
        "aliases": f.check.aliases,
    })
}

fn resource(r: &ResourceRef) -> Json {
    json!({
        "address": r.address,
        "type": r.rtype,
        "module": r.module,
        "root": r.root,
    })
}

fn location(r: &Report, span: Span) -> Json {
    match r.location(span) {
        Some(l) => serde_json::to_value(l).unwrap_or(Json::Null),
        None => Json::Null,
    }
}
