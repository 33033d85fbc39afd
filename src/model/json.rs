//! `tfscan model --format json`: every instance with its evaluated attributes, unknowns
//! marked, so users (and the conformance tests) can see what tfscan believes.

use serde_json::{Map, Value as Json, json};

use super::{Body, Model};
use crate::diag::Diagnostic;
use crate::eval::value::{Kind, Value};
use crate::source::SourceMap;

pub fn render(model: &Model, sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut instances: Vec<_> = model.instances.iter().collect();
    instances.sort_by(|a, b| (&a.root, &a.address).cmp(&(&b.root, &b.address)));
    let list: Vec<Json> = instances
        .iter()
        .map(|r| {
            let file = sources.get(r.header.file).map(|f| f.rel.clone());
            json!({
                "address": r.address.to_string(),
                "mode": r.mode,
                "type": r.rtype,
                "name": r.name,
                "root": r.root,
                "module": r.module.iter().map(|m| m.address.clone()).collect::<Vec<_>>(),
                "file": file,
                "representative": r.representative,
                "values": body(&r.body),
            })
        })
        .collect();
    let errors: Vec<Json> = diagnostics
        .iter()
        .map(|d| json!({"kind": d.kind, "message": d.message}))
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({"instances": list, "errors": errors}))
        .unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// A body as JSON: attributes, and blocks as lists of objects under their type name.
pub fn body(b: &Body) -> Json {
    let mut m = Map::new();
    for (k, a) in &b.attrs {
        m.insert(k.clone(), value(&a.value));
    }
    let mut grouped: std::collections::BTreeMap<&str, Vec<Json>> = Default::default();
    for blk in &b.blocks {
        grouped.entry(&blk.kind).or_default().push(body(&blk.body));
    }
    for (k, v) in grouped {
        m.entry(k.to_string()).or_insert(Json::Array(v));
    }
    Json::Object(m)
}

/// A value as JSON; an unknown becomes `{"$unknown": reason}`.
pub fn value(v: &Value) -> Json {
    match &v.kind {
        Kind::Unknown(u) => json!({"$unknown": u.reason.to_string()}),
        Kind::List(items) | Kind::Set(items) => Json::Array(items.iter().map(value).collect()),
        Kind::Map(_) | Kind::Resource(_) => Json::Object(
            v.as_map()
                .into_iter()
                .flatten()
                .map(|(k, x)| (k.clone(), value(x)))
                .collect(),
        ),
        _ => v.to_json().unwrap_or(Json::Null),
    }
}
