//! The human report: each finding with its source underlined (ariadne), related
//! locations labelled across files, a remediation hint, and a summary line.

use std::borrow::Cow;
use std::io::Write;

use ariadne::{Color, Config, IndexType, Label, ReportKind};
use indexmap::IndexMap;
use unicode_segmentation::UnicodeSegmentation;

use std::collections::HashMap;

use super::Report;
use crate::check::Severity;
use crate::finding::{Finding, instance_list, split_key};
use crate::source::Span;
use crate::terminal::{is_hostile, neutralise};

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
    render_styled(r, colour, false, out)
}

/// [`render`], and with `quiet` (`--quiet`) only the findings and errors: no warnings,
/// undecided results or summary line, so nothing at all when there is nothing to report.
pub(crate) fn render_styled(
    r: &Report,
    colour: bool,
    quiet: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    render_into(r, colour, quiet, &mut buf)?;
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
        let padded = format!(
            "{kept}{}",
            "*".repeat(secret.len().saturating_sub(kept.len()))
        );
        out = out.replace(secret, &padded);
    }
    out
}

/// A scanned file's text for display under a finding: each hostile character except line
/// breaks and tabs becomes `?`s of the same byte length, so every span still points at
/// the same bytes. Only `\n` (or `\r\n`) ends a line, as Terraform, hcl-edit and LSP count
/// lines; ariadne would also break at a lone CR, VT, FF, NEL, U+2028 and U+2029, which
/// are hostile and so replaced, keeping its line numbers the report's.
fn neutralise_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if is_hostile(c) && !line_break && c != '\t' {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

fn render_into(r: &Report, colour: bool, quiet: bool, out: &mut Vec<u8>) -> std::io::Result<()> {
    let config = Config::default()
        .with_color(colour)
        .with_index_type(IndexType::Byte);
    let secrets: Vec<&str> = r
        .findings
        .iter()
        .flat_map(|f| f.redact.iter().map(|s| &**s))
        .collect();
    let mut cache = ariadne::sources(r.sources.files().map(|(_, f)| {
        (
            neutralise(&f.rel).into_owned(),
            neutralise_source(&redact(&f.text(), &secrets)),
        )
    }));

    // Most severe first; within a severity, by file and position (the report's order).
    let mut findings: Vec<_> = r.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for group in instance_groups(&findings) {
        if let Some(report) = finding_report(r, config, &group) {
            report.write(&mut cache, &mut *out)?;
        }
    }

    for d in r.diagnostics.iter().filter(|d| !quiet || d.kind.is_error()) {
        let message = neutralise(&d.message);
        let kind = if d.kind.is_error() {
            ReportKind::Error
        } else {
            ReportKind::Warning
        };
        match d.span {
            Some(span) => {
                ariadne::Report::build(kind, place(r, span))
                    .with_config(config)
                    .with_message(&message)
                    .with_label(Label::new(place(r, span)).with_message(&message))
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
                message
            )?,
        }
    }

    if quiet {
        return Ok(());
    }
    write_undecided(r, out)?;
    writeln!(out, "{}", summary(r))
}

/// Where ariadne shows `span`: the file's name as shown (neutralised) and the span's
/// byte range.
fn place(r: &Report, span: Span) -> (String, std::ops::Range<usize>) {
    let name = r
        .sources
        .get(span.file)
        .map(|f| neutralise(&f.rel).into_owned())
        .unwrap_or_default();
    (name, r.sources.range(span))
}

/// One group of findings (see `instance_groups`) as an ariadne report: the first
/// finding's message and related locations, the instances' addresses in the title, the
/// remediation's first paragraph as help; `None` for an empty group.
fn finding_report<'r>(
    r: &Report,
    config: Config,
    group: &[&'r Finding],
) -> Option<ariadne::Report<'r, (String, std::ops::Range<usize>)>> {
    let f = group.first().copied()?;
    let subject = match group {
        [_] => f.resource.address.to_string(),
        many => {
            let addresses: Vec<&str> = many.iter().map(|g| &*g.resource.address).collect();
            format!("{} instances: {}", many.len(), instance_list(&addresses))
        }
    };
    let kind = ReportKind::Custom(f.severity.as_str(), color(f.severity));
    let mut b = ariadne::Report::build(kind, place(r, f.span))
        .with_config(config)
        .with_code(&f.check.id)
        .with_message(neutralise(&format!("{}: {subject}", f.check.title)))
        .with_label(
            Label::new(place(r, f.span))
                .with_message(neutralise(&f.message))
                .with_color(color(f.severity))
                .with_order(0),
        );
    for (i, rel) in f.related().enumerate() {
        b = b.with_label(
            Label::new(place(r, rel.span))
                .with_message(neutralise(&rel.message))
                .with_color(Color::Cyan)
                .with_order(i as i32 + 1),
        );
    }
    let hint = first_paragraph(&f.check.remediation);
    if !hint.is_empty() {
        b = b.with_help(neutralise(&hint));
    }
    Some(b.finish())
}

/// Findings of the instances of one resource block that say the same thing (`count` or
/// `for_each` instances: same check, severity, message, location and related locations)
/// as one entry each, in the order of their first finding. The JSON and SARIF reports
/// keep every instance.
fn instance_groups<'f>(findings: &[&'f Finding]) -> Vec<Vec<&'f Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut by_key: HashMap<(&str, &str, &str, Span, &str), Vec<usize>> = HashMap::new();
    for &f in findings {
        let (block, key) = split_key(&f.resource.address);
        if key.is_none() {
            groups.push(vec![f]);
            continue;
        }
        let candidates = by_key
            .entry((&f.resource.root, block, &f.check.id, f.span, &f.message))
            .or_default();
        let same = candidates.iter().copied().find(|&i| {
            groups.get(i).and_then(|g| g.first()).is_some_and(|first| {
                first.severity == f.severity && first.related().eq(f.related())
            })
        });
        match same.and_then(|i| groups.get_mut(i)) {
            Some(g) => g.push(f),
            None => {
                candidates.push(groups.len());
                groups.push(vec![f]);
            }
        }
    }
    groups
}

/// The longest line the undecided section prints: a reason that lists every unknown of a
/// reachability path can be very long.
const LINE_CHARS: usize = 240;
/// Results listed per cause before the rest are counted.
const SHOWN_PER_CAUSE: usize = 8;

/// Undecided results by root and by cause: each cause once, with what would decide it,
/// then the results it leaves undecided (checks on one resource sharing a line, each with
/// where the undecided value is written). Lines are bounded. O(U) in the undecided
/// results: they are grouped by root and cause in one pass, in order of first appearance.
fn write_undecided(r: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let groups = undecided_groups(r);
    let multi_root = groups
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.root != b.root));
    let mut by_root: IndexMap<&str, IndexMap<&str, Vec<&UndecidedGroup>>> = IndexMap::new();
    for g in &groups {
        by_root
            .entry(g.root)
            .or_default()
            .entry(g.cause)
            .or_default()
            .push(g);
    }
    for (root, causes) in by_root {
        if multi_root {
            let name = if root.is_empty() { "." } else { root };
            writeln!(out, "undecided in {}:", neutralise(name))?;
        }
        for (cause, of_cause) in causes {
            let n: usize = of_cause.iter().map(|g| g.checks.len()).sum();
            let line = format!(
                "undecided ({n}): {}; {}",
                neutralise(cause),
                what_decides(cause, r.from_plan)
            );
            writeln!(out, "{}", bounded(&line))?;
            for g in of_cause.iter().take(SHOWN_PER_CAUSE) {
                let what = match g.checks.as_slice() {
                    [one] => one.to_string(),
                    many => format!("{} checks", many.len()),
                };
                let mut line = format!("  {what} on {}", neutralise(g.address));
                if let Some(loc) = r.location(g.span) {
                    line.push_str(&format!(" ({}:{})", neutralise(&loc.file), loc.start.line));
                }
                // What leads from the result to the cause (`cidr_ipv4`), unless the
                // reason is the cause itself.
                let lead = g
                    .detail
                    .strip_suffix(g.cause)
                    .map(|l| l.trim_end_matches([':', ' ']))
                    .unwrap_or(g.detail);
                if !lead.is_empty() {
                    line.push_str(&format!(": {}", neutralise(lead)));
                }
                if g.checks.len() > 1 {
                    line.push_str(&format!(" ({})", g.checks.join(", ")));
                }
                writeln!(out, "{}", bounded(&line))?;
            }
            if of_cause.len() > SHOWN_PER_CAUSE {
                writeln!(
                    out,
                    "  … and {} more (--format json lists every one)",
                    of_cause.len() - SHOWN_PER_CAUSE
                )?;
            }
        }
    }
    Ok(())
}

/// `line` cut to [`LINE_CHARS`] characters.
fn bounded(line: &str) -> Cow<'_, str> {
    // Cut between user-perceived characters, never between a letter and its accent.
    match line.grapheme_indices(true).nth(LINE_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", line.get(..cut).unwrap_or(line))),
        None => Cow::Borrowed(line),
    }
}

/// The missing value at the bottom of an undecided reason, without the attribute and
/// path prefixes that lead to it (`cidr_ipv4: outputs of module.vpc are unknown: …` is
/// caused by `outputs of module.vpc are unknown: …`).
fn cause_of(reason: &str) -> &str {
    let mut rest = reason.split("; ").next().unwrap_or(reason);
    loop {
        let before = rest;
        for lead in [
            "the path is possible, not certain: ",
            " is unknown: ",
            " is known in part: ",
        ] {
            // `the path is possible, not certain: …` anywhere; `NAME is unknown: …` only
            // where NAME is one word (an attribute).
            if let Some(i) = rest.find(lead)
                && let (Some(head), Some(tail)) = (rest.get(..i), rest.get(i + lead.len()..))
                && (lead.starts_with("the path") || !head.contains(' '))
            {
                rest = tail;
            }
        }
        // `attribute: cause`, an attribute being one word.
        if let Some((head, tail)) = rest.split_once(": ")
            && !head.contains(' ')
            && !tail.is_empty()
        {
            rest = tail;
        }
        if rest == before {
            return rest;
        }
    }
}

/// What would decide results undecided by `cause`.
fn what_decides(cause: &str, from_plan: bool) -> &'static str {
    if cause.contains("source is not available locally") {
        "`terraform init` fetches the module into .terraform/modules, which tfscan reads"
    } else if cause.starts_with("var.") && cause.contains("has no value") {
        "set it with --var NAME=VALUE, a --var-file or TF_VAR_NAME"
    } else if cause.contains("sensitive") {
        "a sensitive value is never read"
    } else if cause.contains("not declared in this configuration") {
        "scan the configuration that declares it together with this one"
    } else if from_plan {
        "only apply decides it: the plan leaves it unknown"
    } else {
        "a plan decides it: terraform show -json PLAN > plan.json; tfscan scan --plan plan.json"
    }
}

/// Undecided results on one resource with one reason.
struct UndecidedGroup<'r> {
    root: &'r str,
    cause: &'r str,
    detail: &'r str,
    address: &'r str,
    span: crate::source::Span,
    checks: Vec<&'r str>,
}

/// Undecided results grouped by resource and reason, in report order: the checks a
/// missing value leaves undecided (fifteen CIS alarms on one trail) share one line.
fn undecided_groups(r: &Report) -> Vec<UndecidedGroup<'_>> {
    let mut groups: Vec<UndecidedGroup<'_>> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::new();
    for u in &r.unknown {
        let key = (&*u.resource.address, &*u.reason);
        match index.get(&key) {
            Some(&i) => {
                if let Some(g) = groups.get_mut(i) {
                    g.checks.push(&*u.check.id);
                }
            }
            None => {
                index.insert(key, groups.len());
                groups.push(UndecidedGroup {
                    root: &u.resource.root,
                    cause: cause_of(&u.reason),
                    detail: &u.reason,
                    address: key.0,
                    span: u.span,
                    checks: vec![&*u.check.id],
                });
            }
        }
    }
    groups
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

/// One line: counts by severity (and what `--min-severity` hid, and how many of those
/// fail the run), suppressed, baselined, undecided, errors and warnings.
pub(crate) fn summary(r: &Report) -> String {
    let by: Vec<String> = Severity::ALL
        .iter()
        .map(|s| format!("{} {}", r.count(*s), s.as_str()))
        .collect();
    let (errors, warnings) = r.errors_and_warnings();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let n = r.findings.len();
    let shown = match r.min_severity {
        Some(min) => {
            let h = r.hidden;
            let mut text = format!(
                "{n} finding{} shown ({}); {} hidden below --min-severity {}",
                plural(n),
                by.join(", "),
                h.findings,
                min.as_str()
            );
            if let Some(fail_on) = h.fail_on
                && h.findings > 0
            {
                text.push_str(&format!(
                    ", {} of them fail{} the run (--fail-on {})",
                    h.failing,
                    if h.failing == 1 { "s" } else { "" },
                    fail_on.as_str()
                ));
            }
            text
        }
        None => format!("{n} finding{} ({})", plural(n), by.join(", ")),
    };
    let baselined = match &r.baseline {
        Some(b) => format!(", {} baselined", b.findings.len()),
        None => String::new(),
    };
    format!(
        "{shown}; {} suppressed{baselined}, {} undecided{}, {errors} error{}, {warnings} warning{}; {} resources in {} files, {} checks",
        r.suppressed.len(),
        r.unknown.len(),
        if r.unknown.is_empty() {
            ""
        } else {
            " (listed above by cause, with what would decide them)"
        },
        plural(errors),
        plural(warnings),
        r.resources,
        r.sources.len(),
        r.rules.len(),
    )
}
