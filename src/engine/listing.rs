//! `tfscan checks` and `tfscan explain`: the catalogue as a table, as JSON, and one check
//! as text. `docs/checks.md` is generated from the same functions.

use serde_json::json;

use super::Catalog;
use super::check::Check;

pub fn json(c: &Catalog) -> String {
    let list: Vec<_> = c
        .checks
        .iter()
        .map(|k| {
            json!({
                "id": k.id,
                "title": k.title,
                "severity": k.severity.as_str(),
                "area": k.area,
                "resources": k.resources,
                "aliases": k.aliases,
                "description": k.description,
                "remediation": k.remediation,
                "references": k.references,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

pub fn table(c: &Catalog) -> String {
    let mut out = String::new();
    for k in &c.checks {
        out.push_str(&format!(
            "{:<50} {:<9} {:<12} {}\n",
            k.id,
            k.severity.as_str(),
            k.area,
            k.title
        ));
    }
    out.push_str(&format!("{} checks\n", c.checks.len()));
    out
}

/// The full text of one check, as `tfscan explain` prints it.
pub fn explain(k: &Check) -> String {
    let mut out = format!(
        "{id} — {title}\n\nSeverity: {sev}    Area: {area}\nResources: {res}\n",
        id = k.id,
        title = k.title,
        sev = k.severity.as_str(),
        area = k.area,
        res = k.resources.join(", "),
    );
    if !k.aliases.is_empty() {
        out.push_str(&format!("Aliases: {}\n", k.aliases.join(", ")));
    }
    out.push_str(&format!(
        "\n{}\n\nRemediation\n\n{}\n",
        k.description.trim(),
        k.remediation.trim()
    ));
    if !k.references.is_empty() {
        out.push_str("\nReferences\n\n");
        for r in &k.references {
            out.push_str(&format!("- {r}\n"));
        }
    }
    out
}
