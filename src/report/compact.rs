//! The compact report: one line per finding, `path:line:col: severity check-id message`,
//! for grep and editors' quickfix lists (Vim's `errorformat` `%f:%l:%c: %m`, the
//! problem matchers of other editors), then errors and warnings in the same shape and the
//! summary line. Lines and columns are the JSON report's (1-based; columns count UTF-16
//! code units). Every piece of text from the tree is neutralised for the terminal.

use std::io::Write;
use std::path::Path;

use super::Report;
use crate::terminal::neutralise;

/// Writes the report; `base` is put before each file name (relative to the scan root) so
/// that it opens from where tfscan ran. With `quiet`, only findings and errors.
pub(crate) fn render(
    r: &Report,
    base: &Path,
    quiet: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let path = |file: &str| neutralise(&base.join(file).display().to_string()).into_owned();
    let mut last = String::new();
    for f in &r.findings {
        let Some((file, start, _)) = r.positions(f.span) else {
            continue;
        };
        let line = format!(
            "{}:{}:{}: {} {} {}",
            path(file),
            start.line,
            start.column,
            f.severity.as_str(),
            neutralise(&f.check.id),
            neutralise(&f.message)
        );
        // The instances of one resource block (count, for_each) that a check judges alike
        // make the same line; it is written once, as the human report groups them.
        if line != last {
            writeln!(out, "{line}")?;
            last = line;
        }
    }
    for d in r.diagnostics.iter().filter(|d| !quiet || d.kind.is_error()) {
        let severity = if d.kind.is_error() {
            "error"
        } else {
            "warning"
        };
        let kind = serde_json::to_value(d.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let place = match d.span.and_then(|s| r.positions(s)) {
            Some((file, start, _)) => format!("{}:{}:{}", path(file), start.line, start.column),
            None => "tfscan".to_string(),
        };
        writeln!(out, "{place}: {severity} {kind} {}", neutralise(&d.message))?;
    }
    if !quiet {
        writeln!(out, "{}", super::human::summary(r))?;
    }
    Ok(())
}
