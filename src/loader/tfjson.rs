//! Terraform's JSON configuration syntax (`*.tf.json`), turned into the same parsed body
//! the HCL files give, with spans that point into the JSON text.
//!
//! Terraform facts relied on: strings are templates (`"${var.x}"`); `variable` defaults
//! are literal values; `type` is a type expression written as a string; an object under
//! a block type is one block, an array of objects is several; labels nest as object keys
//! (`"resource": {"aws_s3_bucket": {"b": {…}}}`). Which object-valued arguments are
//! blocks and which are maps needs the provider schema; without it, the arguments
//! Terraform configurations commonly write as maps (`tags`, `variables`, …) are maps and
//! every other object is a nested block.

use std::fmt::Write as _;
use std::ops::Range;

/// A JSON value with the byte range it occupies.
#[derive(Debug)]
enum Node {
    Object(Vec<(String, Range<usize>, Node)>, Range<usize>),
    Array(Vec<Node>, Range<usize>),
    String(String, Range<usize>),
    Number(String, Range<usize>),
    Bool(bool, Range<usize>),
    Null(Range<usize>),
}

impl Node {
    fn span(&self) -> Range<usize> {
        match self {
            Node::Object(_, s)
            | Node::Array(_, s)
            | Node::String(_, s)
            | Node::Number(_, s)
            | Node::Bool(_, s)
            | Node::Null(s) => s.clone(),
        }
    }
}

/// Arguments written as maps, not nested blocks, in AWS configurations.
const MAP_ARGUMENTS: &[&str] = &[
    "tags",
    "tags_all",
    "default_tags",
    "labels",
    "variables",
    "parameters",
    "triggers",
    "triggers_replace",
    "metadata",
    "attributes",
    "context",
    "annotations",
    "options",
    "environment_variables",
    "request_parameters",
    "request_templates",
    "response_parameters",
    "stage_variables",
];

/// HCL text equivalent to a `.tf.json` file, and where its pieces came from: sorted
/// `(offset in the HCL text, offset in the JSON text)` anchors.
pub struct Translated {
    pub hcl: String,
    pub anchors: Vec<(usize, usize)>,
}

/// Translates a `.tf.json` text to HCL; errors carry the byte offset they concern.
pub fn translate(text: &str) -> Result<Translated, (String, usize)> {
    let mut p = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    p.ws();
    let root = p.value()?;
    p.ws();
    if p.pos < text.len() {
        return Err(("trailing characters after the JSON document".into(), p.pos));
    }
    let Node::Object(items, _) = root else {
        return Err(("a .tf.json file must hold a JSON object".into(), 0));
    };
    let mut w = Writer {
        out: Translated {
            hcl: String::new(),
            anchors: Vec::new(),
        },
    };
    for (key, key_span, value) in items {
        match key.as_str() {
            "resource" | "data" => {
                for (rtype, rspan, by_name) in objects(value) {
                    for (name, nspan, blocks) in objects(by_name) {
                        for b in block_bodies(blocks) {
                            let labels =
                                [(rtype.as_str(), rspan.start), (name.as_str(), nspan.start)];
                            w.block(&key, key_span.start, &labels, b)?;
                        }
                    }
                }
            }
            "variable" | "module" | "output" => {
                for (name, nspan, blocks) in objects(value) {
                    for b in block_bodies(blocks) {
                        w.block(&key, key_span.start, &[(name.as_str(), nspan.start)], b)?;
                    }
                }
            }
            "locals" => {
                for b in block_bodies(value) {
                    w.block(&key, key_span.start, &[], b)?;
                }
            }
            // provider, terraform, moved, import, check: nothing tfscan evaluates.
            _ => {}
        }
    }
    Ok(w.out)
}

/// The `(key, key span, value)` entries of an object node (nothing for other nodes).
fn objects(n: Node) -> Vec<(String, Range<usize>, Node)> {
    match n {
        Node::Object(items, _) => items,
        _ => Vec::new(),
    }
}

/// One block per object, or one per element of an array of objects.
fn block_bodies(n: Node) -> Vec<Node> {
    match n {
        Node::Array(items, _) => items
            .into_iter()
            .filter(|i| matches!(i, Node::Object(..)))
            .collect(),
        obj @ Node::Object(..) => vec![obj],
        _ => Vec::new(),
    }
}

/// An HCL quoted string for `s`; a literal (not a template) escapes `${` and `%{`.
fn quote(s: &str, literal: bool) -> String {
    let mut q = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(q, "\\u{:04x}", c as u32);
            }
            c => q.push(c),
        }
    }
    if literal {
        q = q.replace("${", "$${").replace("%{", "%%{");
    }
    q.push('"');
    q
}

struct Writer {
    out: Translated,
}

impl Writer {
    /// Marks that the HCL written next comes from `json_offset`.
    fn anchor(&mut self, json_offset: usize) {
        self.out.anchors.push((self.out.hcl.len(), json_offset));
    }

    fn push(&mut self, s: &str) {
        self.out.hcl.push_str(s);
    }

    fn block(
        &mut self,
        kind: &str,
        kind_at: usize,
        labels: &[(&str, usize)],
        content: Node,
    ) -> Result<(), (String, usize)> {
        self.anchor(kind_at);
        self.push(kind);
        for (l, at) in labels {
            self.push(" ");
            self.anchor(*at);
            self.push(&quote(l, true));
        }
        self.push(" {\n");
        for (key, key_span, value) in objects(content) {
            let is_blocks = match (&value, kind, key.as_str()) {
                (_, "locals" | "output" | "variable", _) => false,
                (Node::Object(..), _, "dynamic") => {
                    for (label, lspan, inner) in objects(value) {
                        for b in block_bodies(inner) {
                            self.block(
                                "dynamic",
                                key_span.start,
                                &[(label.as_str(), lspan.start)],
                                b,
                            )?;
                        }
                    }
                    continue;
                }
                (Node::Object(..), _, k) => !MAP_ARGUMENTS.contains(&k),
                (Node::Array(items, _), _, k) => {
                    !items.is_empty()
                        && items.iter().all(|i| matches!(i, Node::Object(..)))
                        && !MAP_ARGUMENTS.contains(&k)
                }
                _ => false,
            };
            if is_blocks {
                for b in block_bodies(value) {
                    self.block(&key, key_span.start, &[], b)?;
                }
                continue;
            }
            self.anchor(key_span.start);
            self.push(&key);
            self.push(" = ");
            match (&value, kind, key.as_str()) {
                // A variable's type is an expression written as a string.
                (Node::String(t, span), "variable", "type") => {
                    self.anchor(span.start + 1);
                    self.push(t);
                }
                (_, "variable", "default") => self.expression(value, true),
                _ => self.expression(value, false),
            }
            self.push("\n");
        }
        self.push("}\n");
        Ok(())
    }

    /// A JSON value as an HCL expression; strings are templates unless `literal`.
    fn expression(&mut self, n: Node, literal: bool) {
        self.anchor(n.span().start);
        match n {
            Node::Null(_) => self.push("null"),
            Node::Bool(b, _) => self.push(if b { "true" } else { "false" }),
            Node::Number(raw, _) => self.push(&raw),
            Node::String(s, _) => self.push(&quote(&s, literal)),
            Node::Array(items, span) => {
                self.push("[");
                for (i, item) in items.into_iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.expression(item, literal);
                }
                self.anchor(span.end.saturating_sub(1));
                self.push("]");
            }
            Node::Object(items, span) => {
                self.push("{\n");
                for (k, kspan, v) in items {
                    self.anchor(kspan.start);
                    self.push(&quote(&k, true));
                    self.push(" = ");
                    self.expression(v, literal);
                    self.push("\n");
                }
                self.anchor(span.end.saturating_sub(1));
                self.push("}");
            }
        }
    }
}

/// A small JSON parser that keeps the byte range of every value; nesting is bounded.
struct Parser<'t> {
    text: &'t str,
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 256;

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(c) = self.text.as_bytes().get(self.pos) {
            if c.is_ascii_whitespace() {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The text not parsed yet (empty if `pos` were inside a character; the parser only
    /// stops after ASCII bytes).
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn err<T>(&self, m: &str) -> Result<T, (String, usize)> {
        Err((m.to_string(), self.pos))
    }

    fn value(&mut self) -> Result<Node, (String, usize)> {
        let start = self.pos;
        match self.text.as_bytes().get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string(),
            Some(b't') if self.rest().starts_with("true") => {
                self.pos += 4;
                Ok(Node::Bool(true, start..self.pos))
            }
            Some(b'f') if self.rest().starts_with("false") => {
                self.pos += 5;
                Ok(Node::Bool(false, start..self.pos))
            }
            Some(b'n') if self.rest().starts_with("null") => {
                self.pos += 4;
                Ok(Node::Null(start..self.pos))
            }
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                while let Some(c) = self.text.as_bytes().get(self.pos) {
                    if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                let raw = self.text.get(start..self.pos).unwrap_or_default();
                match raw.parse::<f64>() {
                    Ok(_) => Ok(Node::Number(raw.to_string(), start..self.pos)),
                    Err(_) => Err(("invalid number".into(), start)),
                }
            }
            _ => self.err("expected a JSON value"),
        }
    }

    /// An object at `pos` (its `{`), with each key's span.
    fn object(&mut self) -> Result<Node, (String, usize)> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.text.as_bytes().get(self.pos) == Some(&b'}') {
            self.pos += 1;
        } else {
            loop {
                self.ws();
                let kstart = self.pos;
                let Node::String(k, _) = self.string()? else {
                    return self.err("expected a string key");
                };
                let kspan = kstart..self.pos;
                self.ws();
                if self.text.as_bytes().get(self.pos) != Some(&b':') {
                    return self.err("expected ':'");
                }
                self.pos += 1;
                self.ws();
                let v = self.value()?;
                items.push((k, kspan, v));
                self.ws();
                match self.text.as_bytes().get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.err("expected ',' or '}'"),
                }
            }
        }
        self.depth -= 1;
        Ok(Node::Object(items, start..self.pos))
    }

    /// An array at `pos` (its `[`).
    fn array(&mut self) -> Result<Node, (String, usize)> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.text.as_bytes().get(self.pos) == Some(&b']') {
            self.pos += 1;
        } else {
            loop {
                self.ws();
                items.push(self.value()?);
                self.ws();
                match self.text.as_bytes().get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.err("expected ',' or ']'"),
                }
            }
        }
        self.depth -= 1;
        Ok(Node::Array(items, start..self.pos))
    }

    fn enter(&mut self) -> Result<(), (String, usize)> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("JSON nested too deeply");
        }
        Ok(())
    }

    fn string(&mut self) -> Result<Node, (String, usize)> {
        let start = self.pos;
        if self.text.as_bytes().get(self.pos) != Some(&b'"') {
            return self.err("expected a string");
        }
        self.pos += 1;
        while let Some(c) = self.text.as_bytes().get(self.pos) {
            match c {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    let raw = self.text.get(start..self.pos).unwrap_or("\"\"");
                    return serde_json::from_str::<String>(raw)
                        .map(|s| Node::String(s, start..self.pos))
                        .map_err(|e| (format!("invalid string: {e}"), start));
                }
                _ => self.pos += 1,
            }
        }
        self.err("unterminated string")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_variables_and_templates_translate_with_anchors() {
        let text = r#"{
  "variable": {"cidr": {"type": "list(string)", "default": ["0.0.0.0/0", "${x}"]}},
  "resource": {"aws_security_group": {"web": {
    "name": "web-${var.env}",
    "tags": {"Name": "web"},
    "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": "${var.cidr}"}]
  }}}
}"#;
        let t = translate(text).expect("valid");
        let body = hcl_edit::parser::parse_body(&t.hcl).expect("the translation is HCL");
        let blocks: Vec<_> = body.blocks().collect();
        assert_eq!(blocks.len(), 2);
        let sg = blocks[1];
        assert_eq!(
            sg.labels.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            ["aws_security_group", "web"]
        );
        assert!(sg.body.get_attribute("tags").is_some());
        assert_eq!(sg.body.get_blocks("ingress").count(), 1);
        assert!(t.hcl.contains("default = [\"0.0.0.0/0\", \"$${x}\"]"));
        // The anchor of the name's value is the JSON string's position.
        let hcl_at = t.hcl.find("\"web-${var.env}\"").expect("written");
        let json_at = text.find("\"web-${var.env}\"").expect("in the JSON");
        assert!(t.anchors.contains(&(hcl_at, json_at)));
    }

    #[test]
    fn malformed_json_reports_an_offset() {
        let (m, at) = translate("{\"resource\": [1, }").err().expect("invalid");
        assert_eq!(m, "expected a JSON value");
        assert_eq!(at, 17);
        assert!(translate(&"[".repeat(10_000)).is_err());
    }
}
