//! The SARIF 2.1.0 report, shaped for GitHub code scanning: one run, a rule per check that
//! ran (with `security-severity`, tags and precision), exact regions in UTF-16 columns,
//! related locations, `partialFingerprints`, and repository-relative URIs under
//! `%SRCROOT%`. Suppressed and baselined findings are results with `suppressions`, so
//! code scanning shows them as dismissed instead of open.
//!
//! The object model comes from `serde-sarif`, which generates it from the official schema;
//! field names and nesting are therefore checked by the compiler.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif;

use super::{Report, RuleRun};
use crate::check::Severity;
use crate::finding::{Finding, Related};
use crate::source::Span;

/// The `uriBaseId` every location is relative to: the repository root (see
/// [`Report::repository_prefix`]).
pub(crate) const SRCROOT: &str = "%SRCROOT%";

/// The `partialFingerprints` key; `/v1` because the fingerprint recipe is versioned.
pub(crate) const FINGERPRINT_KEY: &str = "tfscanFingerprint/v1";

const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// GitHub maps `security-severity` to its labels: 9.0 and above critical, 7.0–8.9 high,
/// 4.0–6.9 medium, 0.1–3.9 low.
pub(crate) fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Critical | Severity::High => sarif::ResultLevel::Error,
        Severity::Medium => sarif::ResultLevel::Warning,
        Severity::Low => sarif::ResultLevel::Note,
    }
}

pub fn render(r: &Report) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec fails only if serialisation does, which these types cannot.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_else(|_| "{}\n".into())
}

/// Streams the log to `out`.
pub(crate) fn write<W: std::io::Write>(r: &Report, out: &mut W) -> std::io::Result<()> {
    super::write_pretty_json(out, &to_sarif(r))?;
    out.write_all(b"\n")
}

pub(crate) fn to_sarif(r: &Report) -> sarif::Sarif {
    let driver = sarif::ToolComponent::builder()
        .name("tfscan")
        .full_name(format!("tfscan {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_HOMEPAGE"))
        .rules(r.rules.iter().map(rule).collect::<Vec<_>>())
        .build();
    let invocation = sarif::Invocation::builder()
        .execution_successful(!r.incomplete())
        .tool_execution_notifications(notifications(r))
        .build();

    let mut base_ids = BTreeMap::new();
    base_ids.insert(
        SRCROOT.to_string(),
        sarif::ArtifactLocation::builder()
            .description(text(
                "The root of the repository that holds the scanned directory.",
            ))
            .build(),
    );
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .original_uri_base_ids(base_ids)
        .column_kind(json!("utf16CodeUnits"))
        .invocations(vec![invocation])
        .results(results(r))
        .build();
    sarif::Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// Every finding as a result: the reported ones, then the suppressed ones (suppressed in
/// the source, with the ignore comment's location and expiry), then the baselined ones
/// (suppressed externally).
fn results(r: &Report) -> Vec<sarif::Result> {
    let rule_index: BTreeMap<&str, usize> = r
        .rules
        .iter()
        .enumerate()
        .map(|(i, run)| (run.check.id.as_str(), i))
        .collect();
    let mut results: Vec<sarif::Result> = Vec::new();
    for f in &r.findings {
        results.push(result(r, &rule_index, f, None));
    }
    for s in &r.suppressed {
        let mut suppression = sarif::Suppression::builder()
            .kind(json!("inSource"))
            .status(json!("accepted"))
            .justification(s.reason.clone())
            .location(location(r, s.comment, None))
            .build();
        if let Some(exp) = &s.expires {
            suppression.properties = Some(property_bag([("expires", json!(exp))]));
        }
        results.push(result(r, &rule_index, &s.finding, Some(suppression)));
    }
    if let Some(b) = &r.baseline {
        for f in &b.findings {
            let suppression = sarif::Suppression::builder()
                .kind(json!("external"))
                .status(json!("accepted"))
                .justification(format!("recorded in the baseline {}", b.file))
                .build();
            results.push(result(r, &rule_index, f, Some(suppression)));
        }
    }
    results
}

/// The diagnostics as tool execution notifications, with their kind.
fn notifications(r: &Report) -> Vec<sarif::Notification> {
    r.diagnostics
        .iter()
        .map(|d| {
            let mut n = sarif::Notification::builder()
                .message(text(&d.message))
                .level(json!(if d.kind.is_error() {
                    "error"
                } else {
                    "warning"
                }))
                .properties(property_bag([("kind", json!(d.kind))]))
                .build();
            if let Some(span) = d.span {
                n.locations = Some(vec![location(r, span, None)]);
            }
            n
        })
        .collect()
}

/// A rule as code scanning shows it: title, description, help with the remediation, and
/// the properties that decide its severity label and filters.
fn rule(run: &RuleRun) -> sarif::ReportingDescriptor {
    let c = &run.check;
    let mut markdown = format!(
        "{}\n\n## Remediation\n\n{}\n",
        c.description.trim(),
        c.remediation.trim()
    );
    let mut help_text = format!(
        "{}\n\nRemediation:\n{}\n",
        c.description.trim(),
        c.remediation.trim()
    );
    if !c.references.is_empty() {
        markdown.push_str("\n## References\n\n");
        help_text.push_str("\nReferences:\n");
        for reference in &c.references {
            markdown.push_str(&format!("- <{reference}>\n"));
            help_text.push_str(&format!("- {reference}\n"));
        }
    }
    if !c.aliases.is_empty() {
        let aliases = c.aliases.join(", ");
        markdown.push_str(&format!("\nAlso known as: {aliases}.\n"));
        help_text.push_str(&format!("\nAlso known as: {aliases}.\n"));
    }
    let mut tags = vec![
        "security".to_string(),
        c.area.clone(),
        "terraform".to_string(),
    ];
    tags.dedup();
    let mut properties = property_bag([
        ("security-severity", json!(security_severity(c.severity))),
        // Checks evaluate the configuration as Terraform would; they report what the
        // values say, so false positives come only from values known after apply, which
        // are reported as undecided rather than as findings.
        ("precision", json!("high")),
        ("severity", json!(c.severity.as_str())),
        ("aliases", json!(c.aliases)),
    ]);
    properties.tags = Some(tags);
    let mut descriptor = sarif::ReportingDescriptor::builder()
        .id(c.id.clone())
        .name(rule_name(&c.id))
        .short_description(multiformat(&c.title))
        .full_description(multiformat(c.description.trim()))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(help_text)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(level_name(c.severity)))
                .build(),
        )
        .properties(properties)
        .build();
    if let Some(first) = c.references.first() {
        descriptor.help_uri = Some(first.clone());
    }
    descriptor
}

fn level_name(s: Severity) -> &'static str {
    match level(s) {
        sarif::ResultLevel::Error => "error",
        sarif::ResultLevel::Warning => "warning",
        sarif::ResultLevel::Note => "note",
        sarif::ResultLevel::None => "none",
    }
}

/// `aws-s3-bucket-encryption-disabled` → `AwsS3BucketEncryptionDisabled`: SARIF's `name`
/// is an identifier-like form of the rule, distinct from its id.
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn result(
    r: &Report,
    rule_index: &BTreeMap<&str, usize>,
    f: &Finding,
    suppression: Option<sarif::Suppression>,
) -> sarif::Result {
    let mut primary = location(r, f.span, None);
    primary.logical_locations = Some(vec![
        sarif::LogicalLocation::builder()
            .fully_qualified_name(f.resource.address.to_string())
            .kind("resource")
            .build(),
    ]);
    let related: Vec<sarif::Location> = f
        .related()
        .enumerate()
        .map(|(i, rel)| related_location(r, i, &rel))
        .collect();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.to_string());
    let mut result = sarif::Result::builder()
        .rule_id(f.check.id.clone())
        .level(level(f.severity))
        .message(text(&format!("{}: {}", f.resource.address, f.message)))
        .locations(vec![primary])
        .partial_fingerprints(fingerprints)
        .properties(property_bag([
            ("severity", json!(f.severity.as_str())),
            ("resource", json!(&*f.resource.address)),
            ("resourceType", json!(f.resource.rtype)),
        ]))
        .build();
    if let Some(i) = rule_index.get(f.check.id.as_str()) {
        result.rule_index = Some(*i as i64);
    }
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    if let Some(s) = suppression {
        result.suppressions = Some(vec![s]);
    }
    result
}

fn related_location(r: &Report, i: usize, rel: &Related) -> sarif::Location {
    let mut l = location(r, rel.span, Some(&rel.message));
    l.id = Some(i as i64 + 1);
    l
}

/// A physical location: the file relative to `%SRCROOT%` and the exact region (1-based
/// lines; columns in UTF-16 code units, `endColumn` one past the last unit, as SARIF's
/// default `columnKind` says).
fn location(r: &Report, span: Span, message: Option<&str>) -> sarif::Location {
    let mut physical = sarif::PhysicalLocation::builder().build();
    if let Some(l) = r.location(span) {
        physical.artifact_location = Some(
            sarif::ArtifactLocation::builder()
                .uri(uri(&r.repository_prefix, &l.file))
                .uri_base_id(SRCROOT)
                .build(),
        );
        physical.region = Some(
            sarif::Region::builder()
                .start_line(l.start.line as i64)
                .start_column(l.start.column as i64)
                .end_line(l.end.line as i64)
                .end_column(l.end.column as i64)
                .build(),
        );
    }
    let mut location = sarif::Location::builder()
        .physical_location(physical)
        .build();
    if let Some(m) = message {
        location.message = Some(text(m));
    }
    location
}

/// A relative URI reference for a repository path: `prefix/rel`, each segment
/// percent-encoded where RFC 3986 does not allow the byte in a path.
pub(crate) fn uri(prefix: &str, rel: &str) -> String {
    let joined = super::repository_path(prefix, rel);
    let mut out = String::with_capacity(joined.len());
    for b in joined.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'/' | b'-'
                    | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn text(s: &str) -> sarif::Message {
    sarif::Message::builder().text(s.to_string()).build()
}

fn multiformat(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(s.to_string())
        .build()
}

fn property_bag<const N: usize>(pairs: [(&str, serde_json::Value); N]) -> sarif::PropertyBag {
    sarif::PropertyBag::builder()
        .additional_properties(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        )
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(uri("", "modules/web/main.tf"), "modules/web/main.tf");
        assert_eq!(uri("infra", "a b/c#d.tf"), "infra/a%20b/c%23d.tf");
        assert_eq!(uri("", "é.tf"), "%C3%A9.tf");
    }

    #[test]
    fn rule_names_are_camel_case_ids() {
        assert_eq!(
            rule_name("aws-s3-bucket-encryption-disabled"),
            "AwsS3BucketEncryptionDisabled"
        );
    }
}
