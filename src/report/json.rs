//! The JSON report: `schema_version` 1, the same shape with zero findings. The schema is
//! `docs/report.schema.json`.
//!
//! The document is serialised straight from borrowed views of the report (no
//! intermediate `serde_json::Value` tree), so rendering costs one pass and no copies of
//! the checks' texts per finding. Field order is the order of the struct fields.

use serde::Serialize;

use super::{Location, Report, Suppressed};
use crate::diag::{DiagKind, Diagnostic};
use crate::engine::check::Severity;
use crate::engine::finding::{Finding, ResourceRef, UnknownResult};
use crate::model::ModuleCall;
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
    // The head is written whole, without its closing brace; the arrays follow, each
    // rendered in parallel (`write_pretty_array`). The bytes are those of serialising
    // `Document` in one piece, which a test checks.
    let mut head = Vec::new();
    super::write_pretty_json(&mut head, &Head::of(r))?;
    let open = head.strip_suffix(b"\n}").unwrap_or(&head);
    out.write_all(open)?;
    out.write_all(b",\n  \"findings\": ")?;
    super::write_pretty_array(out, 1, &r.findings, |f| finding(r, f))?;
    out.write_all(b",\n  \"unknown\": ")?;
    super::write_pretty_array(out, 1, &r.unknown, |u| unknown(r, u))?;
    out.write_all(b",\n  \"suppressed\": ")?;
    super::write_pretty_array(out, 1, &r.suppressed, |s| suppressed(r, s))?;
    out.write_all(b",\n  \"errors\": ")?;
    super::write_pretty_array(out, 1, &r.diagnostics, |d| error(r, d))?;
    out.write_all(b"\n}\n")
}

/// The document's scalar members, in the order they are written.
#[derive(Serialize)]
struct Head {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
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
    #[serde(serialize_with = "module_addresses")]
    module: &'a [ModuleCall],
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

impl Head {
    fn of(r: &Report) -> Head {
        Head {
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
        }
    }
}

fn unknown<'a>(r: &'a Report, u: &'a UnknownResult) -> UnknownOut<'a> {
    UnknownOut {
        check_id: &u.check.id,
        resource: resource(&u.resource),
        location: r.location(u.span),
        reason: &u.reason,
    }
}

fn suppressed<'a>(r: &'a Report, s: &'a Suppressed) -> SuppressedOut<'a> {
    SuppressedOut {
        check_id: &s.finding.check.id,
        resource: resource(&s.finding.resource),
        location: r.location(s.finding.span),
        fingerprint: &s.finding.fingerprint,
        reason: &s.reason,
        expires: s.expires.as_deref(),
        comment: r.location(s.comment),
    }
}

fn error<'a>(r: &'a Report, d: &'a Diagnostic) -> ErrorOut<'a> {
    ErrorOut {
        kind: d.kind,
        severity: if d.kind.is_error() {
            "error"
        } else {
            "warning"
        },
        message: &d.message,
        location: d.span.and_then(|s: Span| r.location(s)),
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

/// A module path as the addresses of its calls.
fn module_addresses<S: serde::Serializer>(calls: &&[ModuleCall], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(calls.iter().map(|m| m.address.as_str()))
}

fn resource(r: &ResourceRef) -> ResourceOut<'_> {
    ResourceOut {
        address: &r.address,
        rtype: &r.rtype,
        module: &r.module,
        root: &r.root,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole document as one value: what `write` must produce byte for byte.
    #[derive(Serialize)]
    struct Document<'a> {
        #[serde(flatten)]
        head: Head,
        findings: Vec<FindingOut<'a>>,
        unknown: Vec<UnknownOut<'a>>,
        suppressed: Vec<SuppressedOut<'a>>,
        errors: Vec<ErrorOut<'a>>,
    }

    #[test]
    fn parallel_rendering_writes_the_document_serde_json_would() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = r#"
variable "cidr" {}

resource "aws_security_group" "web" {
  description = "web \"tier\" \u00e9"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", var.cidr]
  }
}

# tfscan:ignore:aws-s3-bucket-versioning-disabled exp:2099-01-01 kept on purpose
resource "aws_s3_bucket" "logs" {}

resource "aws_security_group" "db" {
  description = "database"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
"#;
        std::fs::write(dir.path().join("main.tf"), config).expect("writes");
        std::fs::write(dir.path().join("broken.tf"), "resource \"x\" {").expect("writes");
        let opts = crate::Options {
            path: dir.path().to_path_buf(),
            ..Default::default()
        };
        let mut report = crate::scan(&opts).expect("scans");
        assert!(!report.suppressed.is_empty(), "a suppression is rendered");
        assert!(!report.unknown.is_empty(), "an unknown result is rendered");
        // Enough findings for several windows of parallel chunks.
        let base = report.findings.clone();
        while report.findings.len() < 10_000 {
            report.findings.extend(base.iter().cloned());
        }
        let whole = Document {
            head: Head::of(&report),
            findings: report
                .findings
                .iter()
                .map(|f| finding(&report, f))
                .collect(),
            unknown: report.unknown.iter().map(|u| unknown(&report, u)).collect(),
            suppressed: report
                .suppressed
                .iter()
                .map(|s| suppressed(&report, s))
                .collect(),
            errors: report
                .diagnostics
                .iter()
                .map(|d| error(&report, d))
                .collect(),
        };
        let mut expected = serde_json::to_vec_pretty(&whole).expect("serialises");
        expected.push(b'\n');
        let mut ours = Vec::new();
        write(&report, &mut ours).expect("writes");
        assert!(ours == expected, "parallel JSON differs from serde_json's");

        report.findings.clear();
        report.unknown.clear();
        let empty = Document {
            head: Head::of(&report),
            findings: Vec::new(),
            unknown: Vec::new(),
            suppressed: report
                .suppressed
                .iter()
                .map(|s| suppressed(&report, s))
                .collect(),
            errors: report
                .diagnostics
                .iter()
                .map(|d| error(&report, d))
                .collect(),
        };
        let mut expected = serde_json::to_vec_pretty(&empty).expect("serialises");
        expected.push(b'\n');
        let mut ours = Vec::new();
        write(&report, &mut ours).expect("writes");
        assert_eq!(String::from_utf8(ours), String::from_utf8(expected));
    }
}
