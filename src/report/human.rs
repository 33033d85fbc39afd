//! The human report: each finding with its source underlined (ariadne), related
//! locations labelled across files, a remediation hint, and a summary line.

use std::io::Write;

use ariadne::{Color, Config, IndexType, Label, ReportKind};

use super::Report;
use crate::engine::check::Severity;

fn color(s: Severity) -> Color {
    match s {
        Severity::Critical => Color::Magenta,
        Severity::High => Color::Red,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Blue,
    }
}

/// Renders the report; `colour` decides ANSI colours (off when not a terminal or with
/// `NO_COLOR`).
pub fn render(r: &Report, colour: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = Vec::new();
    render_into(r, colour, &mut buf)?;
    if colour {
        out.write_all(&buf)
    } else {
        // ariadne colours a custom report kind even when colours are off.
        out.write_all(strip_ansi(&String::from_utf8_lossy(&buf)).as_bytes())
    }
}

/// Removes ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The source text with every occurrence of `secrets` masked as `mask` does (the first
/// characters kept), padded with `*` to the same byte length so spans stay valid.
fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let masked = crate::secrets::mask(secret);
        let kept = masked.trim_end_matches('*');
        let padded = format!("{kept}{}", "*".repeat(secret.len() - kept.len()));
        out = out.replace(secret, &padded);
    }
    out
}

fn render_into(r: &Report, colour: bool, out: &mut Vec<u8>) -> std::io::Result<()> {
    let config = Config::default()
        .with_color(colour)
        .with_index_type(IndexType::Byte);
    let secrets: Vec<&str> = r
        .findings
        .iter()
        .flat_map(|f| f.redact.iter().map(String::as_str))
        .collect();
    let mut cache = ariadne::sources(
        r.sources
            .files()
            .map(|(_, f)| (f.rel.clone(), redact(&f.text, &secrets))),
    );
    let name = |span: crate::source::Span| {
        r.sources
            .get(span.file)
            .map(|f| f.rel.clone())
            .unwrap_or_default()
    };
    let range = |span: crate::source::Span| r.sources.range(span);

    // Most severe first; within a severity, by file and position (the report's order).
    let mut findings: Vec<_> = r.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in findings {
        let kind = ReportKind::Custom(f.severity.as_str(), color(f.severity));
        let mut b = ariadne::Report::build(kind, (name(f.span), range(f.span)))
            .with_config(config)
            .with_code(&f.check.id)
            .with_message(format!("{}: {}", f.check.title, f.resource.address))
            .with_label(
                Label::new((name(f.span), range(f.span)))
                    .with_message(&f.message)
                    .with_color(color(f.severity))
                    .with_order(0),
            );
        for (i, rel) in f.related.iter().enumerate() {
            b = b.with_label(
                Label::new((name(rel.span), range(rel.span)))
                    .with_message(&rel.message)
                    .with_color(Color::Cyan)
                    .with_order(i as i32 + 1),
            );
        }
        let hint = first_paragraph(&f.check.remediation);
        if !hint.is_empty() {
            b = b.with_help(hint);
        }
        b.finish().write(&mut cache, &mut *out)?;
    }

    for d in &r.diagnostics {
        let kind = if d.kind.is_error() {
            ReportKind::Error
        } else {
            ReportKind::Warning
        };
        match d.span {
            Some(span) => {
                ariadne::Report::build(kind, (name(span), range(span)))
                    .with_config(config)
                    .with_message(&d.message)
                    .with_label(Label::new((name(span), range(span))).with_message(&d.message))
                    .finish()
                    .write(&mut cache, &mut *out)?;
            }
            None => writeln!(
                out,
                "{}: {}",
                if d.kind.is_error() {
                    "error"
                } else {
                    "warning"
                },
                d.message
            )?,
        }
    }

    for u in &r.unknown {
        writeln!(
            out,
            "undecided: {} on {}: {}",
            u.check.id, u.resource.address, u.reason
        )?;
    }
    writeln!(out, "{}", summary(r))
}

/// The first paragraph of a text, on one line.
fn first_paragraph(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line: counts by severity, suppressed, unknown, errors.
pub fn summary(r: &Report) -> String {
    let by: Vec<String> = Severity::ALL
        .iter()
        .map(|s| format!("{} {}", r.count(*s), s.as_str()))
        .collect();
    let errors = r.diagnostics.iter().filter(|d| d.kind.is_error()).count();
    let baselined = match &r.baseline {
        Some(b) => format!(", {} baselined", b.findings.len()),
        None => String::new(),
    };
    format!(
        "{} finding{} ({}); {} suppressed{baselined}, {} undecided (value known only after apply), {} error{}; {} resources in {} files, {} checks",
        r.findings.len(),
        if r.findings.len() == 1 { "" } else { "s" },
        by.join(", "),
        r.suppressed.len(),
        r.unknown.len(),
        errors,
        if errors == 1 { "" } else { "s" },
        r.resources,
        r.sources.len(),
        r.rules.len(),
    )
}
