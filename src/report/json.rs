//! The JSON report: `schema_version` 1, the same shape with zero findings. The schema is
//! `docs/report.schema.json`.
//!
//! The document is serialised straight from borrowed views of the report (no
//! intermediate `serde_json::Value` tree), so rendering costs one pass and no copies of
//! the checks' texts per finding. Field order is the order of the struct fields.

use serde::Serialize;

use super::{Location, Report};
use crate::diag::DiagKind;
use crate::engine::check::Severity;
use crate::engine::finding::{Finding, ResourceRef};
use crate::source::Span;

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(r: &Report) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec fails only if serialisation does, which these types cannot.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_else(|_| "{}\n".into())
}

/// Streams the document to `out`, so a large report is never held whole in memory.
pub fn write<W: std::io::Write>(r: &Report, out: &mut W) -> std::io::Result<()> {
    super::write_pretty_json(out, &Document::of(r))?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
    findings: Vec<FindingOut<'a>>,
    unknown: Vec<UnknownOut<'a>>,
    suppressed: Vec<SuppressedOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    roots: usize,
    resources: usize,
    checks: usize,
    findings: usize,
    suppressed: usize,
    baselined: usize,
    unknown: usize,
    errors: usize,
    by_severity: indexmap::IndexMap<&'static str, usize>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    check_id: &'a str,
    title: &'a str,
    severity: &'static str,
    area: &'a str,
    message: &'a str,
    resource: ResourceOut<'a>,
    location: Option<Location>,
    related: Vec<RelatedOut<'a>>,
    fingerprint: &'a str,
    remediation: &'a str,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    message: &'a str,
    location: Option<Location>,
}

#[derive(Serialize)]
struct ResourceOut<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    rtype: &'a str,
    module: &'a [String],
    root: &'a str,
}

#[derive(Serialize)]
struct UnknownOut<'a> {
    check_id: &'a str,
    resource: ResourceOut<'a>,
    location: Option<Location>,
    reason: &'a str,
}

#[derive(Serialize)]
struct SuppressedOut<'a> {
    check_id: &'a str,
    resource: ResourceOut<'a>,
    location: Option<Location>,
    fingerprint: &'a str,
    reason: &'a str,
    expires: Option<&'a str>,
    comment: Option<Location>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    kind: DiagKind,
    severity: &'static str,
    message: &'a str,
    location: Option<Location>,
}

impl<'a> Document<'a> {
    fn of(r: &'a Report) -> Document<'a> {
        Document {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "tfscan",
                version: env!("CARGO_PKG_VERSION"),
            },
            summary: Summary {
                files: r.sources.len(),
                roots: r.roots,
                resources: r.resources,
                checks: r.rules.len(),
                findings: r.findings.len(),
                suppressed: r.suppressed.len(),
                baselined: r.baselined(),
                unknown: r.unknown.len(),
                errors: r.diagnostics.iter().filter(|d| d.kind.is_error()).count(),
                by_severity: Severity::ALL
                    .iter()
                    .map(|s| (s.as_str(), r.count(*s)))
                    .collect(),
            },
            findings: r.findings.iter().map(|f| finding(r, f)).collect(),
            unknown: r
                .unknown
                .iter()
                .map(|u| UnknownOut {
                    check_id: &u.check.id,
                    resource: resource(&u.resource),
                    location: r.location(u.span),
                    reason: &u.reason,
                })
                .collect(),
            suppressed: r
                .suppressed
                .iter()
                .map(|s| SuppressedOut {
                    check_id: &s.finding.check.id,
                    resource: resource(&s.finding.resource),
                    location: r.location(s.finding.span),
                    fingerprint: &s.finding.fingerprint,
                    reason: &s.reason,
                    expires: s.expires.as_deref(),
                    comment: r.location(s.comment),
                })
                .collect(),
            errors: r
                .diagnostics
                .iter()
                .map(|d| ErrorOut {
                    kind: d.kind,
                    severity: if d.kind.is_error() {
                        "error"
                    } else {
                        "warning"
                    },
                    message: &d.message,
                    location: d.span.and_then(|s: Span| r.location(s)),
                })
                .collect(),
        }
    }
}

fn finding<'a>(r: &'a Report, f: &'a Finding) -> FindingOut<'a> {
    FindingOut {
        check_id: &f.check.id,
        title: &f.check.title,
        severity: f.severity.as_str(),
        area: &f.check.area,
        message: &f.message,
        resource: resource(&f.resource),
        location: r.location(f.span),
        related: f
            .related
            .iter()
            .map(|x| RelatedOut {
                message: &x.message,
                location: r.location(x.span),
            })
            .collect(),
        fingerprint: &f.fingerprint,
        remediation: &f.check.remediation,
        aliases: &f.check.aliases,
    }
}

fn resource(r: &ResourceRef) -> ResourceOut<'_> {
    ResourceOut {
        address: &r.address,
        rtype: &r.rtype,
        module: &r.module,
        root: &r.root,
    }
}
