//! `tfscan model --format json`: every instance with its evaluated attributes, unknowns
//! marked, so users (and the conformance tests) can see what tfscan believes. What it
//! prints has secrets masked, as every report does; [`body`] and [`value`] give the values
//! as evaluated.

use serde_json::{Map, Value as Json, json};

use super::{Body, Model};
use crate::diag::Diagnostic;
use crate::source::SourceMap;
use crate::value::{Kind, Value};

pub(crate) fn render(model: &Model, sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut instances: Vec<_> = model.instances.iter().collect();
    instances.sort_by(|a, b| (&a.root, &a.address).cmp(&(&b.root, &b.address)));
    let list: Vec<Json> = instances.iter().map(|r| instance(r, sources)).collect();
    let errors: Vec<Json> = diagnostics
        .iter()
        .map(|d| json!({"kind": d.kind, "message": d.message}))
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({"instances": list, "errors": errors}))
        .unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// One instance as `tfscan model` prints it (the editor's hover shows the same).
pub(crate) fn instance(r: &super::ResourceInstance, sources: &SourceMap) -> Json {
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
        "values": masked(body(&r.body), None),
    })
}

/// `json` with every secret in it masked as reports mask them ("hunt****"): credential
/// patterns in any string, literals that the attribute or key holding them names as a
/// secret (`password`, `DB_TOKEN`; a list's elements go by the list's name), and the same
/// inside strings that hold JSON, where `{"name": N, "value": V}` names `V` by `N` (ECS
/// container environments).
fn masked(json: Json, name: Option<&str>) -> Json {
    match json {
        Json::String(text) => {
            let mut secrets = Vec::new();
            secrets_in_text(&text, name, &mut secrets);
            let mut text = text;
            for secret in secrets {
                text = text.replace(&secret, &crate::secrets::mask(&secret));
            }
            Json::String(text)
        }
        Json::Array(items) => Json::Array(items.into_iter().map(|x| masked(x, name)).collect()),
        Json::Object(map) => Json::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = masked(v, Some(&k));
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

/// The secrets in a string assigned to `name`, including those in JSON it holds.
fn secrets_in_text(text: &str, name: Option<&str>, out: &mut Vec<String>) {
    let found = crate::secrets::scan_text(text)
        .into_iter()
        .chain(name.and_then(|n| crate::secrets::scan_pair(n, text)));
    out.extend(found.map(|d| d.secret).filter(|s| !s.is_empty()));
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(inner) = serde_json::from_str::<Json>(text)
    {
        secrets_in_json(&inner, name, out);
    }
}

fn secrets_in_json(json: &Json, name: Option<&str>, out: &mut Vec<String>) {
    match json {
        Json::String(text) => secrets_in_text(text, name, out),
        Json::Array(items) => items.iter().for_each(|x| secrets_in_json(x, name, out)),
        Json::Object(map) => {
            if let (Some(Json::String(n)), Some(Json::String(v))) =
                (map.get("name"), map.get("value"))
            {
                secrets_in_text(v, Some(n), out);
            }
            for (k, v) in map {
                secrets_in_json(v, Some(k), out);
            }
        }
        _ => {}
    }
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
pub(crate) fn value(v: &Value) -> Json {
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
