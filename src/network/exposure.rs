//! `tfscan exposure`: every internet-reachable resource with its ports and path, as a
//! table (`human`), JSON (`json`, schema in `docs/exposure.schema.json`), or a topology
//! drawing (`mermaid`, `dot`) with the reachable paths highlighted and labelled by port.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{Value as Json, json};
use unicode_width::UnicodeWidthStr;

use super::attach::Placement;
use super::internet::BroadShare;
use super::ports::describe;
use super::reach::{Exposure, Network};
use super::routing::{RouteTarget, TableChoice};
use crate::model::Model;
use crate::source::{SourceMap, Span};

/// The formats `tfscan exposure --format` accepts.
pub const FORMATS: &[&str] = &["human", "json", "mermaid", "dot"];

/// Renders the exposure report of `model` in `format` (one of [`FORMATS`]); `share` is
/// how much of a family's internet counts as the internet.
pub fn render(
    model: &Model,
    sources: &SourceMap,
    format: &str,
    share: BroadShare,
) -> Result<String, String> {
    let networks = Network::per_root(model, share);
    let exposures: Vec<(&Network<'_>, &Exposure<'_>)> = networks
        .iter()
        .flat_map(|n| n.exposures().iter().map(move |e| (n, e)))
        .collect();
    match format {
        "human" => Ok(human(&exposures, sources)),
        "json" => Ok(json_report(&exposures, sources)),
        "mermaid" => Ok(Graph::build(&networks, &exposures).mermaid()),
        "dot" => Ok(Graph::build(&networks, &exposures).dot()),
        other => Err(format!(
            "unknown exposure format '{other}' (expected {})",
            FORMATS.join(", ")
        )),
    }
}

/// definite; partial (possible, with a part that is certain); possible.
fn certainty(e: &Exposure<'_>) -> &'static str {
    match (e.definite, &e.certain) {
        (true, _) => "definite",
        (false, Some(_)) => "partial",
        (false, None) => "possible",
    }
}

fn severity(e: &Exposure<'_>) -> &'static str {
    if e.is_critical() {
        "critical"
    } else {
        "medium"
    }
}

/// `file:line`, for the table.
fn place(sources: &SourceMap, span: Span) -> Option<String> {
    let f = sources.get(span.file)?;
    Some(format!(
        "{}:{}",
        f.rel,
        f.position(span.start as usize).line
    ))
}

fn location(sources: &SourceMap, span: Span) -> Json {
    match sources.get(span.file) {
        Some(f) => json!({
            "file": f.rel,
            "start": f.position(span.start as usize),
            "end": f.position(span.end as usize),
        }),
        None => Json::Null,
    }
}

/// Rows in aligned columns, two spaces apart. A column is as wide as its widest cell in
/// terminal columns (a wide CJK character takes two, a combining accent none), not in
/// characters, so addresses with `for_each` keys in any script keep the columns straight.
fn table(header: [&str; 5], rows: &[[String; 5]]) -> String {
    let mut widths = header.map(UnicodeWidthStr::width);
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            l.push_str(c);
            if i + 1 < cells.len() {
                l.extend(std::iter::repeat_n(' ', w.saturating_sub(c.width()) + 2));
            }
        }
        l.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    for r in rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    out
}

fn human(exposures: &[(&Network<'_>, &Exposure<'_>)], sources: &SourceMap) -> String {
    // Addresses, names and tags come from the tree: one line each, whatever they hold.
    use crate::terminal::neutralise;
    let mut out = String::new();
    if exposures.is_empty() {
        out.push_str("No resource is reachable from the internet.\n");
        return out;
    }
    let rows: Vec<[String; 5]> = exposures
        .iter()
        .map(|(_, e)| {
            [
                neutralise(&node_id(&e.resource.root, &e.resource.address)).into_owned(),
                e.kind.to_string(),
                e.ports().join(", "),
                neutralise(&e.origin_phrase()).into_owned(),
                format!("{} ({})", certainty(e), severity(e)),
            ]
        })
        .collect();
    out.push_str(&table(["RESOURCE", "KIND", "PORTS", "FROM", "PATH"], &rows));
    for (_, e) in exposures {
        let _ = writeln!(
            out,
            "\n{} ({}):",
            neutralise(&node_id(&e.resource.root, &e.resource.address)),
            e.kind
        );
        for h in &e.hops {
            let at = h
                .span
                .and_then(|s| place(sources, s))
                .map(|p| format!("  [{}]", neutralise(&p)))
                .unwrap_or_default();
            let _ = writeln!(out, "  - {}{at}", neutralise(&h.label));
        }
        for r in &e.reasons {
            let _ = writeln!(out, "  ? {}", neutralise(r));
        }
    }
    let count = |c: &str| exposures.iter().filter(|(_, e)| certainty(e) == c).count();
    let partial = match count("partial") {
        0 => String::new(),
        n => format!(", {n} partly certain"),
    };
    let _ = writeln!(
        out,
        "\n{} reachable resource{} ({} definite{partial}, {} possible)",
        exposures.len(),
        if exposures.len() == 1 { "" } else { "s" },
        count("definite"),
        count("possible")
    );
    out
}

fn json_report(exposures: &[(&Network<'_>, &Exposure<'_>)], sources: &SourceMap) -> String {
    let items: Vec<Json> = exposures
        .iter()
        .map(|(_, e)| {
            let path: Vec<Json> = e
                .hops
                .iter()
                .map(|h| {
                    json!({
                        "kind": h.kind,
                        "node": h.node,
                        "message": h.label,
                        "location": h.span.map_or(Json::Null, |s| location(sources, s)),
                    })
                })
                .collect();
            json!({
                "resource": {
                    "address": &*e.resource.address,
                    "type": e.resource.rtype,
                    "module": e.resource.module.iter().map(|m| m.address.clone()).collect::<Vec<_>>(),
                    "root": e.resource.root,
                },
                "kind": e.kind,
                "certainty": certainty(e),
                "severity": severity(e),
                "sources": e.sources,
                "except": e.except.to_cidrs(),
                "ports": e.ports(),
                "traffic": e.traffic,
                "reasons": e.reasons,
                "certain": e.certain.as_ref().map_or(Json::Null, |c| json!({
                    "sources": c.sources,
                    "except": c.except.to_cidrs(),
                    "ports": describe(&c.traffic),
                    "traffic": c.traffic,
                })),
                "location": location(sources, e.resource.header),
                "subnet": e.subnet,
                "route_table": e.route_table,
                "internet_gateway": e.gateway,
                "network_acl": e.nacl,
                "security_groups": e.groups,
                "path": path,
            })
        })
        .collect();
    let doc = json!({
        "schema_version": 1,
        "tool": {"name": "tfscan", "version": env!("CARGO_PKG_VERSION")},
        "exposures": items,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The topology: internet, gateways, route tables, subnets, NACLs, security groups and
/// resources, with the edges of reachable paths highlighted and labelled by port.
struct Graph {
    /// (id, label, shape class).
    nodes: Vec<(String, String, &'static str)>,
    /// (from, to, label, highlighted).
    edges: Vec<(String, String, String, bool)>,
}

const INTERNET: &str = "internet";

impl Graph {
    fn build(networks: &[Network<'_>], exposures: &[(&Network<'_>, &Exposure<'_>)]) -> Graph {
        let mut g = Graph {
            nodes: vec![(INTERNET.into(), "Internet".into(), "internet")],
            edges: Vec::new(),
        };
        for net in networks {
            g.topology(net);
        }
        for (net, e) in exposures {
            g.path(net.index.root, e);
        }
        g
    }

    /// The network's gateways, route tables, subnets, NACLs, security groups and
    /// attached resources, and the links between them.
    fn topology(&mut self, net: &Network<'_>) {
        let root = net.index.root;
        let id = |addr: &str| node_id(root, addr);
        for t in &net.routing.tables {
            self.node(id(&t.resource.address), &t.resource.address, "route_table");
            for r in &t.routes {
                if let RouteTarget::InternetGateway(igw) = &r.target {
                    self.node(id(igw), igw, "gateway");
                    self.edge(INTERNET.into(), id(igw), String::new(), false);
                    self.edge(id(igw), id(&t.resource.address), String::new(), false);
                }
            }
        }
        for s in &net.routing.subnets {
            self.node(id(&s.resource.address), &s.resource.address, "subnet");
            let table = match net.routing.table_for(s) {
                TableChoice::Associated(i, _, _) | TableChoice::Main(i, _) => net.routing.table(i),
                _ => None,
            };
            if let Some(t) = table {
                self.edge(
                    id(&t.resource.address),
                    id(&s.resource.address),
                    String::new(),
                    false,
                );
            }
        }
        for n in &net.nacls {
            let name = n.name();
            self.node(id(&name), &name, "nacl");
            for a in &n.associations {
                if let Some(s) = a.subnet.resource() {
                    self.edge(id(&s.address), id(&name), String::new(), false);
                }
            }
        }
        for sg in &net.sgs.groups {
            self.node(
                id(&sg.resource.address),
                &sg.resource.address,
                "security_group",
            );
        }
        for a in net.attachments() {
            let r = id(&a.resource.address);
            self.node(r.clone(), &a.resource.address, "resource");
            if let Placement::Subnets(links) = &a.placement {
                for l in links {
                    if let Some(s) = l.target.resource() {
                        self.edge(id(&s.address), r.clone(), String::new(), false);
                    }
                }
            }
            for l in a.groups.iter().flatten() {
                if let Some(sg) = l.target.resource() {
                    self.edge(id(&sg.address), r.clone(), String::new(), false);
                }
            }
        }
    }

    /// The highlighted path of an exposure, labelled with the ports it reaches.
    fn path(&mut self, root: &str, e: &Exposure<'_>) {
        let label = e.ports().join(", ");
        let mut chain: Vec<String> = vec![INTERNET.into()];
        chain.extend(
            [&e.gateway, &e.route_table, &e.subnet, &e.nacl]
                .into_iter()
                .flatten()
                .map(|a| node_id(root, a)),
        );
        let resource = node_id(root, &e.resource.address);
        for n in &chain {
            if !self.nodes.iter().any(|(i, _, _)| i == n) {
                self.node(n.clone(), n.rsplit('/').next().unwrap_or(n), "nacl");
            }
        }
        for w in chain.windows(2) {
            if let [a, b] = w {
                self.edge(a.clone(), b.clone(), label.clone(), true);
            }
        }
        let last = chain.last().cloned().unwrap_or_else(|| INTERNET.into());
        let groups: Vec<String> = e
            .groups
            .iter()
            .filter(|x| self.nodes.iter().any(|(i, _, _)| *i == node_id(root, x)))
            .map(|x| node_id(root, x))
            .collect();
        if groups.is_empty() {
            self.edge(last, resource, label.clone(), true);
        } else {
            for sg in groups {
                self.edge(last.clone(), sg.clone(), label.clone(), true);
                self.edge(sg, resource.clone(), label.clone(), true);
            }
        }
    }

    fn node(&mut self, id: String, label: &str, class: &'static str) {
        if !self.nodes.iter().any(|(i, _, _)| *i == id) {
            self.nodes.push((id, label.to_string(), class));
        }
    }

    /// Adds an edge; a highlighted edge replaces a plain one and labels merge.
    fn edge(&mut self, from: String, to: String, label: String, hot: bool) {
        if let Some(e) = self.edges.iter_mut().find(|e| e.0 == from && e.1 == to) {
            if hot {
                e.3 = true;
                let mut labels: BTreeSet<String> =
                    e.2.split(", ")
                        .filter(|x| !x.is_empty())
                        .map(String::from)
                        .collect();
                labels.extend(
                    label
                        .split(", ")
                        .filter(|x| !x.is_empty())
                        .map(String::from),
                );
                e.2 = labels.into_iter().collect::<Vec<_>>().join(", ");
            }
            return;
        }
        self.edges.push((from, to, label, hot));
    }

    fn index_of(&self, id: &str) -> usize {
        self.nodes.iter().position(|(i, _, _)| i == id).unwrap_or(0)
    }

    fn mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        for (i, (_, label, class)) in self.nodes.iter().enumerate() {
            let label = label.replace('"', "'");
            let _ = match *class {
                "internet" => writeln!(out, "  n{i}((\"{label}\"))"),
                "gateway" => writeln!(out, "  n{i}{{{{\"{label}\"}}}}"),
                "security_group" | "nacl" => writeln!(out, "  n{i}[/\"{label}\"/]"),
                "resource" => writeln!(out, "  n{i}([\"{label}\"])"),
                _ => writeln!(out, "  n{i}[\"{label}\"]"),
            };
        }
        let mut hot = Vec::new();
        for (k, (from, to, label, h)) in self.edges.iter().enumerate() {
            let (a, b) = (self.index_of(from), self.index_of(to));
            if *h {
                hot.push(k.to_string());
                let _ = writeln!(out, "  n{a} ==>|\"{}\"| n{b}", label.replace('"', "'"));
            } else {
                let _ = writeln!(out, "  n{a} --> n{b}");
            }
        }
        if !hot.is_empty() {
            let _ = writeln!(
                out,
                "  linkStyle {} stroke:#d00,stroke-width:3px",
                hot.join(",")
            );
        }
        out
    }

    fn dot(&self) -> String {
        let mut out =
            String::from("digraph exposure {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (i, (_, label, class)) in self.nodes.iter().enumerate() {
            let shape = match *class {
                "internet" => "doublecircle",
                "gateway" => "hexagon",
                "security_group" | "nacl" => "parallelogram",
                "resource" => "box3d",
                _ => "box",
            };
            let _ = writeln!(out, "  n{i} [label={}, shape={shape}];", quote(label));
        }
        for (from, to, label, hot) in &self.edges {
            let (a, b) = (self.index_of(from), self.index_of(to));
            if *hot {
                let _ = writeln!(
                    out,
                    "  n{a} -> n{b} [label={}, color=red, penwidth=3];",
                    quote(label)
                );
            } else {
                let _ = writeln!(out, "  n{a} -> n{b} [color=gray];");
            }
        }
        out.push_str("}\n");
        out
    }
}

fn node_id(root: &str, address: &str) -> String {
    if root.is_empty() {
        address.to_string()
    } else {
        format!("{root}/{address}")
    }
}

/// A DOT string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::table;

    /// A wide CJK key and a combining accent take their terminal width, so the next
    /// column starts at the same screen column on every line.
    #[test]
    fn columns_align_by_terminal_width() {
        let row = |a: &str| {
            [
                a.to_string(),
                "k".into(),
                "p".into(),
                "f".into(),
                "x".into(),
            ]
        };
        let text = table(
            ["RESOURCE", "KIND", "PORTS", "FROM", "PATH"],
            &[row("a[\"日本\"]"), row("a[\"e\u{301}\"]"), row("a")],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "RESOURCE   KIND  PORTS  FROM  PATH");
        assert_eq!(lines[1], "a[\"日本\"]  k     p      f     x");
        assert_eq!(lines[2], "a[\"e\u{301}\"]     k     p      f     x");
        assert_eq!(lines[3], "a          k     p      f     x");
    }
}
