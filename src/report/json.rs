//! The JSON report: `schema_version` 1, the same shape with zero findings. The schema is
//! `docs/report.schema.json`.
//!
//! The document is serialised straight from borrowed views of the report (no
//! intermediate `serde_json::Value` tree), so rendering costs one pass and no copies of
//! the checks' texts per finding. Field order is the order of the struct fields.

use serde::Serialize;
use serde_json::value::RawValue;

use super::{Location, Report, Suppressed, write_json_str};
use crate::check::{Check, Severity};
use crate::diag::{DiagKind, Diagnostic};
use crate::finding::{Finding, Hex, ResourceRef, UnknownResult};
use crate::model::ModuleCall;
use crate::source::Span;

pub(crate) const SCHEMA_VERSION: u32 = 1;

pub fn render(r: &Report) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec fails only if serialisation does, which these types cannot.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_else(|_| "{}\n".into())
}

/// Streams the document to `out`, so a large report is never held whole in memory.
pub(crate) fn write<W: std::io::Write>(r: &Report, out: &mut W) -> std::io::Result<()> {
    // The head is written whole, without its closing brace; the arrays follow, each
    // rendered in parallel (`write_pretty_array`). The bytes are those of serialising
    // `Document` in one piece, which a test checks.
    let texts = CheckTexts::of_report(r)?;
    let texts = &texts;
    let mut head = Vec::new();
    super::write_pretty_json(&mut head, &Head::of(r))?;
    let open = head.strip_suffix(b"\n}").unwrap_or(&head);
    out.write_all(open)?;
    out.write_all(b",\n  \"findings\": ")?;
    super::write_array_by(out, 1, &r.findings, |buf, f| {
        write_finding(buf, r, texts, f)
    })?;
    out.write_all(b",\n  \"unknown\": ")?;
    super::write_array_by(out, 1, &r.unknown, |buf, u| write_unknown(buf, r, texts, u))?;
    out.write_all(b",\n  \"suppressed\": ")?;
    super::write_pretty_array(out, 1, &r.suppressed, |s| suppressed(r, texts, s))?;
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
    warnings: usize,
    by_severity: indexmap::IndexMap<&'static str, usize>,
}

/// A check's texts as JSON, escaped once per report instead of once per result: the
/// remediation alone is a few hundred bytes, and escaping was a seventh of a scan.
struct Escaped {
    id: Box<RawValue>,
    title: Box<RawValue>,
    area: Box<RawValue>,
    remediation: Box<RawValue>,
    /// Laid out as a member of a finding (elements two levels below the finding).
    aliases: Box<RawValue>,
}

/// Every check a result of the report names, with its escaped texts.
struct CheckTexts<'a>(foldhash::HashMap<&'a str, Escaped>);

impl<'a> CheckTexts<'a> {
    fn of_report(r: &'a Report) -> std::io::Result<CheckTexts<'a>> {
        let mut map = foldhash::HashMap::default();
        // Only the checks with results: escaping every check's remediation took most of
        // the rendering of a small scan's report.
        let checks = r
            .findings
            .iter()
            .map(|f| &f.check)
            .chain(r.unknown.iter().map(|u| &u.check))
            .chain(r.suppressed.iter().map(|s| &s.finding.check));
        for check in checks {
            if map.contains_key(check.id.as_str()) {
                continue;
            }
            let raw = |text: &str| {
                serde_json::to_string(text)
                    .and_then(RawValue::from_string)
                    .map_err(std::io::Error::other)
            };
            // Depth 3: a finding's members, inside the findings array, inside the document.
            let mut aliases = Vec::new();
            super::write_pretty_json_at(&mut aliases, 3, &check.aliases)?;
            let aliases = String::from_utf8(aliases)
                .map_err(std::io::Error::other)
                .and_then(|s| RawValue::from_string(s).map_err(std::io::Error::other))?;
            map.insert(
                check.id.as_str(),
                Escaped {
                    id: raw(&check.id)?,
                    title: raw(&check.title)?,
                    area: raw(&check.area)?,
                    remediation: raw(&check.remediation)?,
                    aliases,
                },
            );
        }
        Ok(CheckTexts(map))
    }

    fn get(&self, check: &Check) -> Option<&Escaped> {
        self.0.get(check.id.as_str())
    }
}

/// A string member written from a check's escaped text when there is one (every check a
/// report names has one), else escaped as usual.
#[derive(Serialize)]
#[serde(untagged)]
enum Text<'a> {
    Raw(&'a RawValue),
    Plain(&'a str),
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
struct SuppressedOut<'a> {
    check_id: Text<'a>,
    resource: ResourceOut<'a>,
    location: Option<Location>,
    fingerprint: Hex,
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
                errors: r.errors_and_warnings().0,
                warnings: r.errors_and_warnings().1,
                by_severity: Severity::ALL
                    .iter()
                    .map(|s| (s.as_str(), r.count(*s)))
                    .collect(),
            },
        }
    }
}

fn suppressed<'a>(r: &'a Report, texts: &'a CheckTexts, s: &'a Suppressed) -> SuppressedOut<'a> {
    SuppressedOut {
        check_id: id_of(texts, &s.finding.check),
        resource: resource(&s.finding.resource),
        location: r.location(s.finding.span),
        fingerprint: s.finding.fingerprint.hex(),
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

// The bulk of a report (findings and unknown results, elements of arrays two levels
// deep) is written by hand, byte for byte as `write_pretty_json` writes it. The text
// between two values (a comma, a line break, the indentation and the next key) is one
// literal, built at compile time for the depth it sits at: written piece by piece, keys
// and punctuation were most of rendering a finding.

/// `n` levels of the report's indentation (two spaces a level), as a literal.
macro_rules! indent {
    (2) => {
        "    "
    };
    (3) => {
        "      "
    };
    (4) => {
        "        "
    };
    (5) => {
        "          "
    };
    (6) => {
        "            "
    };
    (7) => {
        "              "
    };
}

/// What starts member `key` of an object whose members sit `depth` levels deep: the
/// comma after the previous member (with `first`, none), the line break, the
/// indentation and the key.
macro_rules! member {
    (first $depth:tt $key:literal) => {
        concat!("\n", indent!($depth), "\"", $key, "\": ")
    };
    ($depth:tt $key:literal) => {
        concat!(",\n", indent!($depth), "\"", $key, "\": ")
    };
}

/// What closes a non-empty object or array whose own line is `depth` levels deep.
macro_rules! close {
    ($depth:tt $mark:literal) => {
        concat!("\n", indent!($depth), $mark)
    };
}

fn put(buf: &mut Vec<u8>, text: &str) {
    buf.extend_from_slice(text.as_bytes());
}

fn number(buf: &mut Vec<u8>, n: usize) {
    // itoa writes the digits without the formatting machinery: six numbers a location.
    put(buf, itoa::Buffer::new().format(n));
}

/// A location (`{"file": …, "start": {…}, "end": {…}}`, or `null`), as [`Location`]'s
/// `Serialize` writes [`Report::location`] of a span, for a member whose own members
/// sit `$depth` levels deep (`$outer` above, `$inner` below).
macro_rules! location_at {
    ($name:ident, $outer:tt, $depth:tt, $inner:tt) => {
        fn $name(buf: &mut Vec<u8>, r: &Report, span: Span) -> std::io::Result<()> {
            let Some((file, start, end)) = r.positions(span) else {
                put(buf, "null");
                return Ok(());
            };
            put(buf, concat!("{", member!(first $depth "file")));
            write_json_str(buf, file)?;
            put(buf, concat!(member!($depth "start"), "{", member!(first $inner "line")));
            number(buf, start.line);
            put(buf, member!($inner "column"));
            number(buf, start.column);
            put(buf, member!($inner "offset"));
            number(buf, start.offset);
            put(
                buf,
                concat!(close!($depth "}"), member!($depth "end"), "{", member!(first $inner "line")),
            );
            number(buf, end.line);
            put(buf, member!($inner "column"));
            number(buf, end.column);
            put(buf, member!($inner "offset"));
            number(buf, end.offset);
            put(buf, concat!(close!($depth "}"), close!($outer "}")));
            Ok(())
        }
    };
}

location_at!(member_location, 3, 4, 5);
location_at!(related_location, 5, 6, 7);

/// A finding (the test module's `FindingOut` is the same element as serde writes it).
fn write_finding(
    buf: &mut Vec<u8>,
    r: &Report,
    texts: &CheckTexts,
    f: &Finding,
) -> std::io::Result<()> {
    let c = &f.check;
    let escaped = texts.get(c);
    let text = |buf: &mut Vec<u8>, raw: Option<&RawValue>, plain: &str| match raw {
        Some(raw) => {
            put(buf, raw.get());
            Ok(())
        }
        None => write_json_str(buf, plain),
    };
    put(buf, concat!("{", member!(first 3 "check_id")));
    text(buf, escaped.map(|e| &*e.id), &c.id)?;
    put(buf, member!(3 "title"));
    text(buf, escaped.map(|e| &*e.title), &c.title)?;
    put(buf, member!(3 "severity"));
    write_json_str(buf, f.severity.as_str())?;
    put(buf, member!(3 "area"));
    text(buf, escaped.map(|e| &*e.area), &c.area)?;
    put(buf, member!(3 "message"));
    write_json_str(buf, &f.message)?;
    put(buf, member!(3 "resource"));
    write_resource(buf, &f.resource)?;
    put(buf, member!(3 "location"));
    member_location(buf, r, f.span)?;
    put(buf, member!(3 "related"));
    write_related(buf, r, f)?;
    put(buf, member!(3 "fingerprint"));
    write_json_str(buf, &f.fingerprint.hex())?;
    put(buf, member!(3 "remediation"));
    text(buf, escaped.map(|e| &*e.remediation), &c.remediation)?;
    put(buf, member!(3 "aliases"));
    match escaped {
        Some(e) => put(buf, e.aliases.get()),
        None => {
            let aliases = c.aliases.iter().map(String::as_str);
            write_strings(buf, aliases, indent!(4), close!(3 "]"))?;
        }
    }
    put(buf, close!(2 "}"));
    Ok(())
}

/// A finding's related locations, each `{"message": …, "location": …}`.
fn write_related(buf: &mut Vec<u8>, r: &Report, f: &Finding) -> std::io::Result<()> {
    let mut first = true;
    for x in f.related() {
        put(buf, if first { "[\n" } else { ",\n" });
        first = false;
        put(buf, concat!(indent!(4), "{", member!(first 5 "message")));
        write_json_str(buf, &x.message)?;
        put(buf, member!(5 "location"));
        related_location(buf, r, x.span)?;
        put(buf, close!(4 "}"));
    }
    put(buf, if first { "[]" } else { close!(3 "]") });
    Ok(())
}

/// An unknown result (the test module's `UnknownOut`).
fn write_unknown(
    buf: &mut Vec<u8>,
    r: &Report,
    texts: &CheckTexts,
    u: &UnknownResult,
) -> std::io::Result<()> {
    put(buf, concat!("{", member!(first 3 "check_id")));
    match texts.get(&u.check) {
        Some(e) => put(buf, e.id.get()),
        None => write_json_str(buf, &u.check.id)?,
    }
    put(buf, member!(3 "resource"));
    write_resource(buf, &u.resource)?;
    put(buf, member!(3 "location"));
    member_location(buf, r, u.span)?;
    put(buf, member!(3 "reason"));
    write_json_str(buf, &u.reason)?;
    put(buf, close!(2 "}"));
    Ok(())
}

/// A resource as [`ResourceOut`] serialises it, a member of a result.
fn write_resource(buf: &mut Vec<u8>, r: &ResourceRef) -> std::io::Result<()> {
    put(buf, concat!("{", member!(first 4 "address")));
    write_json_str(buf, &r.address)?;
    put(buf, member!(4 "type"));
    write_json_str(buf, &r.rtype)?;
    put(buf, member!(4 "module"));
    let calls = crate::model::call_names(&r.module);
    write_strings(buf, calls, indent!(5), close!(4 "]"))?;
    put(buf, member!(4 "root"));
    write_json_str(buf, &r.root)?;
    put(buf, close!(3 "}"));
    Ok(())
}

/// A list of strings whose items are indented by `item` and which `close` ends when
/// it is not empty.
fn write_strings<'s>(
    buf: &mut Vec<u8>,
    items: impl Iterator<Item = &'s str>,
    item: &str,
    close: &str,
) -> std::io::Result<()> {
    let mut first = true;
    for s in items {
        put(buf, if first { "[\n" } else { ",\n" });
        first = false;
        put(buf, item);
        write_json_str(buf, s)?;
    }
    put(buf, if first { "[]" } else { close });
    Ok(())
}

fn id_of<'a>(texts: &'a CheckTexts, check: &'a Check) -> Text<'a> {
    match texts.get(check) {
        Some(e) => Text::Raw(&e.id),
        None => Text::Plain(&check.id),
    }
}

/// A module path as its calls, each by its own name ([`crate::model::call_names`]).
fn module_addresses<S: serde::Serializer>(calls: &&[ModuleCall], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(crate::model::call_names(calls))
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

    // The document as serde serialises it: the shape the hand-written elements must
    // match byte for byte.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum List<'a> {
        Raw(&'a RawValue),
        Plain(&'a [String]),
    }

    #[derive(Serialize)]
    struct FindingOut<'a> {
        check_id: Text<'a>,
        title: Text<'a>,
        severity: &'static str,
        area: Text<'a>,
        message: &'a str,
        resource: ResourceOut<'a>,
        location: Option<Location>,
        related: Vec<RelatedOut<'a>>,
        fingerprint: Hex,
        remediation: Text<'a>,
        aliases: List<'a>,
    }

    #[derive(Serialize)]
    struct RelatedOut<'a> {
        message: std::borrow::Cow<'a, str>,
        location: Option<Location>,
    }

    #[derive(Serialize)]
    struct UnknownOut<'a> {
        check_id: Text<'a>,
        resource: ResourceOut<'a>,
        location: Option<Location>,
        reason: &'a str,
    }

    fn unknown<'a>(r: &'a Report, texts: &'a CheckTexts, u: &'a UnknownResult) -> UnknownOut<'a> {
        UnknownOut {
            check_id: id_of(texts, &u.check),
            resource: resource(&u.resource),
            location: r.location(u.span),
            reason: &u.reason,
        }
    }

    fn finding<'a>(r: &'a Report, texts: &'a CheckTexts, f: &'a Finding) -> FindingOut<'a> {
        let c = &f.check;
        let escaped = texts.get(c);
        let text = |raw: fn(&Escaped) -> &RawValue, plain: &'a str| match escaped {
            Some(e) => Text::Raw(raw(e)),
            None => Text::Plain(plain),
        };
        FindingOut {
            check_id: text(|e| &e.id, &c.id),
            title: text(|e| &e.title, &c.title),
            severity: f.severity.as_str(),
            area: text(|e| &e.area, &c.area),
            message: &f.message,
            resource: resource(&f.resource),
            location: r.location(f.span),
            related: f
                .related()
                .map(|x| RelatedOut {
                    location: r.location(x.span),
                    message: x.into_owned().message.into(),
                })
                .collect(),
            fingerprint: f.fingerprint.hex(),
            remediation: text(|e| &e.remediation, &c.remediation),
            aliases: match escaped {
                Some(e) => List::Raw(&e.aliases),
                None => List::Plain(&c.aliases),
            },
        }
    }

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
        // Also covers the escaped check texts: the reference below escapes each text
        // where it is written, and a check with aliases and a multi-line remediation
        // is among the findings.
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
        // A module instance whose key needs escaping, and a value with provenance: module
        // paths, related locations and escaped strings in every element.
        let module = "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"a\\\"b\", \"tab\\tc\"])\n}\n";
        std::fs::write(dir.path().join("mod.tf"), module).expect("writes");
        std::fs::create_dir(dir.path().join("m")).expect("creates");
        let inner = "variable \"cidr\" {\n  default = \"0.0.0.0/0\"\n}\n\nresource \"aws_security_group\" \"s\" {\n  description = \"s\"\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [var.cidr]\n  }\n}\n";
        std::fs::write(dir.path().join("m/main.tf"), inner).expect("writes");
        let opts = crate::Options {
            path: dir.path().to_path_buf(),
            ..Default::default()
        };
        let mut report = crate::scan(&opts).expect("scans");
        assert!(!report.suppressed.is_empty(), "a suppression is rendered");
        assert!(!report.unknown.is_empty(), "an unknown result is rendered");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.resource.address.contains("\\\"") && f.related().count() >= 2),
            "a finding in a module instance with an escaped key and related locations"
        );
        // Enough findings for several windows of parallel chunks.
        let base = report.findings.clone();
        while report.findings.len() < 10_000 {
            report.findings.extend(base.iter().cloned());
        }
        assert_same(&rendered(&report), &reference(&report));
        report.findings.clear();
        report.unknown.clear();
        assert_same(&rendered(&report), &reference(&report));
    }

    /// Equal texts, or a failure showing where they part (they are megabytes long).
    fn assert_same(ours: &str, expected: &str) {
        let at = ours
            .bytes()
            .zip(expected.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(expected.len()));
        let around = |t: &str| {
            String::from_utf8_lossy(&t.as_bytes()[at.saturating_sub(80)..(at + 80).min(t.len())])
                .into_owned()
        };
        assert!(
            ours == expected,
            "differs at byte {at}:\n--- ours\n{}\n--- serde\n{}",
            around(ours),
            around(expected)
        );
    }

    fn rendered(report: &Report) -> String {
        let mut ours = Vec::new();
        write(report, &mut ours).expect("writes");
        String::from_utf8(ours).expect("UTF-8")
    }

    /// The whole document serialised by serde in one piece, every text escaped where it
    /// is written (nothing from the cache of escaped check texts).
    fn reference(report: &Report) -> String {
        let none = CheckTexts(Default::default());
        let whole = Document {
            head: Head::of(report),
            findings: report
                .findings
                .iter()
                .map(|f| finding(report, &none, f))
                .collect(),
            unknown: report
                .unknown
                .iter()
                .map(|u| unknown(report, &none, u))
                .collect(),
            suppressed: report
                .suppressed
                .iter()
                .map(|s| suppressed(report, &none, s))
                .collect(),
            errors: report
                .diagnostics
                .iter()
                .map(|d| error(report, d))
                .collect(),
        };
        let mut expected = serde_json::to_vec_pretty(&whole).expect("serialises");
        expected.push(b'\n');
        String::from_utf8(expected).expect("UTF-8")
    }
}
