//! `data "aws_iam_policy_document"` rendered locally into the JSON the AWS provider
//! produces, because every IAM check reads policies and most are written this way.
//!
//! Provider facts relied on: statements keep their order; `effect` defaults to `Allow`;
//! a list of one element renders as a plain string, longer lists are sorted in reverse
//! lexical order; `source_policy_documents` statements come first, a statement of this
//! document replaces one with the same `sid`, and `override_policy_documents` replace by
//! `sid` last; `json` is indented by two spaces and `minified_json` is compact; an
//! attribute set to `null` is not set (a null `effect` is `Allow`).
//!
//! A statement part known only after apply (a bucket ARN in `resources`, an account in a
//! principal) does not make the document unknown: the document is partly known, its JSON
//! carrying hole markers ([`crate::value::HOLE_VALUE`], [`crate::value::HOLE_ANY`]) where
//! the unknown parts go, and policy analysis judges the rest.

use serde_json::{Map, Value as Json};

use crate::model;
use crate::value::{BEYOND_KEY, HOLE_ANY, Kind, Partial, Unknown, Value, has_hole};

/// The rendered policy as a string value, a partly known value when some parts are
/// unknown, or an unknown when its structure is.
pub fn render(body: &model::Body) -> Option<Value> {
    match build(body)? {
        // Whether the document has holes is read from its JSON: the text is written
        // only for a wholly known document, which is what it is used as.
        Ok(doc) if json_has_hole(&doc) => Some(partly_known(body, &doc)),
        Ok(doc) => Some(Value::string(serde_json::to_string_pretty(&doc).ok()?)),
        Err(reason) => Some(Value::unknown(reason)),
    }
}

/// The JSON that policy analysis reads from [`render`]'s value (`iam::read_policy`),
/// without writing the text and parsing it again: the document itself when wholly
/// known (its text parses back to it), its marked form when partly known, `None` when
/// there is no document or its structure is unknown.
pub fn rendered_json(body: &model::Body) -> Option<Json> {
    match build(body)? {
        // `Value::from_json` reads an object `{BEYOND_KEY: …}` as an unknown number, so
        // such a document reads as its value does; any other reads as itself (its key
        // order aside, which JSON equality ignores).
        Ok(doc) if json_has_hole(&doc) && has_beyond_key(&doc) => {
            Some(Value::from_json(&doc).to_marked_json())
        }
        Ok(doc) => Some(doc),
        Err(_) => None,
    }
}

/// Whether an object of `doc` has the one key [`BEYOND_KEY`].
fn has_beyond_key(doc: &Json) -> bool {
    match doc {
        Json::Array(a) => a.iter().any(has_beyond_key),
        Json::Object(m) => {
            (m.len() == 1 && m.contains_key(BEYOND_KEY)) || m.values().any(has_beyond_key)
        }
        _ => false,
    }
}

/// A partly known rendering of `doc`, with the reason of the body's first unknown.
fn partly_known(body: &model::Body, doc: &Json) -> Value {
    let reason = first_unknown(body)
        .map(|u| u.reason.clone())
        .unwrap_or_else(|| "a statement part is known only after apply".into());
    let like = Unknown {
        reason,
        refers_to: None,
        partial: None,
    };
    Value::partly_known(&like, Partial::Json(Value::from_json(doc)))
}

/// Whether a string or key of `doc` holds a hole marker: the same answer as
/// [`has_hole`] on its text, since the JSON text escapes no marker character.
pub fn json_has_hole(doc: &Json) -> bool {
    match doc {
        Json::String(s) => has_hole(s),
        Json::Array(a) => a.iter().any(json_has_hole),
        Json::Object(m) => m.iter().any(|(k, v)| has_hole(k) || json_has_hole(v)),
        _ => false,
    }
}

/// The first unknown written in a document's body, to say why it is known only in part.
fn first_unknown(body: &model::Body) -> Option<&Unknown> {
    body.attrs
        .values()
        .find_map(|a| a.value.first_unknown())
        .or_else(|| body.blocks.iter().find_map(|b| first_unknown(&b.body)))
}

fn build(body: &model::Body) -> Option<Result<Json, String>> {
    let mut statements: Vec<Json> = Vec::new();
    if let Some(src) = body.attr("source_policy_documents") {
        match merge_documents(&src.value) {
            Ok(s) => statements = s,
            Err(e) => return Some(Err(e)),
        }
    }
    for block in body.blocks("statement") {
        let st = match statement(&block.body) {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        upsert(&mut statements, st);
    }
    if let Some(ovr) = body.attr("override_policy_documents") {
        match merge_documents(&ovr.value) {
            Ok(s) => {
                for st in s {
                    upsert(&mut statements, st);
                }
            }
            Err(e) => return Some(Err(e)),
        }
    }
    let mut doc = Map::new();
    let version = match body.attr("version").map(|a| &a.value) {
        Some(v) if v.is_unknown() => return Some(Err("policy version is unknown".into())),
        Some(v) => v.as_str().unwrap_or("2012-10-17").to_string(),
        None => "2012-10-17".to_string(),
    };
    doc.insert("Version".into(), Json::String(version));
    if let Some(id) = body.attr("policy_id").and_then(|a| a.value.as_str()) {
        doc.insert("Id".into(), Json::String(id.to_string()));
    }
    doc.insert("Statement".into(), Json::Array(statements));
    Some(Ok(Json::Object(doc)))
}

/// Adds a statement, replacing an earlier one with the same non-empty `Sid`.
fn upsert(statements: &mut Vec<Json>, st: Json) {
    let sid = st.get("Sid").and_then(Json::as_str).map(str::to_string);
    if let Some(sid) = sid.filter(|s| !s.is_empty())
        && let Some(existing) = statements
            .iter_mut()
            .find(|s| s.get("Sid").and_then(Json::as_str) == Some(sid.as_str()))
    {
        *existing = st;
        return;
    }
    statements.push(st);
}

fn merge_documents(list: &Value) -> Result<Vec<Json>, String> {
    let docs: Vec<&Value> = match (&list.kind, list.partial()) {
        (Kind::List(items) | Kind::Set(items), _) => items.iter().collect(),
        (_, Some(Partial::Elements(items))) => items.iter().collect(),
        (Kind::Unknown(_), _) => {
            return Err("the list of source or override policy documents is unknown".into());
        }
        _ => vec![],
    };
    let mut out = Vec::new();
    for doc in docs {
        let json: Json = match (&doc.kind, doc.partial()) {
            (Kind::String(text), _) => serde_json::from_str(text)
                .map_err(|e| format!("a source policy document is not valid JSON: {e}"))?,
            (_, Some(Partial::Json(inner))) => inner.to_marked_json(),
            // A document known only after apply may hold any statement.
            (Kind::Unknown(_), _) => {
                out.push(Json::String(HOLE_ANY.to_string()));
                continue;
            }
            _ => continue,
        };
        match json.get("Statement") {
            Some(Json::Array(sts)) => {
                for s in sts {
                    upsert(&mut out, s.clone());
                }
            }
            Some(s @ Json::Object(_)) => upsert(&mut out, s.clone()),
            _ => {}
        }
    }
    Ok(out)
}

fn statement(b: &model::Body) -> Result<Json, String> {
    let mut st = Map::new();
    if let Some(sid) = b.attr("sid") {
        let s = known_string(&sid.value, "sid")?;
        if !s.is_empty() {
            st.insert("Sid".into(), Json::String(s));
        }
    }
    let effect = match b.attr("effect").filter(|e| !e.value.is_null()) {
        Some(e) => known_string(&e.value, "effect")?,
        None => "Allow".to_string(),
    };
    st.insert("Effect".into(), Json::String(effect));
    for (attr, key) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ] {
        if let Some(a) = b.attr(attr)
            && let Some(j) = string_set(&a.value, attr)?
        {
            st.insert(key.into(), j);
        }
    }
    for (block, key) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        if let Some(p) = principals(b, block)? {
            st.insert(key.into(), p);
        }
    }
    let conditions = conditions(b)?;
    if !conditions.is_empty() {
        st.insert("Condition".into(), Json::Object(conditions));
    }
    Ok(Json::Object(st))
}

/// A statement's `Principal` (or `NotPrincipal`) from its `block`s: `"*"` when one
/// block names anyone of type `*`, else the identifiers by type; `None` without blocks.
fn principals(b: &model::Body, block: &str) -> Result<Option<Json>, String> {
    let mut principals = Map::new();
    let mut any = false;
    for p in b.blocks(block) {
        any = true;
        let ty = known_string(
            &p.body
                .attr("type")
                .map(|a| a.value.clone())
                .unwrap_or_else(Value::null),
            "principal type",
        )?;
        let ids = p
            .body
            .attr("identifiers")
            .map(|a| string_list(&a.value, "principal identifiers"))
            .transpose()?
            .unwrap_or_default();
        if ty == "*" && ids.iter().all(|i| i == "*") {
            return Ok(Some(Json::String("*".into())));
        }
        let entry = principals.entry(ty).or_insert_with(|| Json::Array(vec![]));
        if let Json::Array(v) = entry {
            v.extend(ids.into_iter().map(Json::String));
        }
    }
    if !any {
        return Ok(None);
    }
    let principals = principals
        .into_iter()
        .map(|(k, v)| {
            let ids: Vec<String> = match v {
                Json::Array(a) => a
                    .into_iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
                _ => vec![],
            };
            (k, collapse(ids))
        })
        .collect();
    Ok(Some(Json::Object(principals)))
}

/// A statement's `Condition` from its `condition` blocks: values by variable by test.
fn conditions(b: &model::Body) -> Result<Map<String, Json>, String> {
    let mut conditions = Map::new();
    for c in b.blocks("condition") {
        let get = |n: &str| {
            c.body
                .attr(n)
                .map(|a| a.value.clone())
                .unwrap_or_else(Value::null)
        };
        let test = known_string(&get("test"), "condition test")?;
        let variable = known_string(&get("variable"), "condition variable")?;
        let values = string_list(&get("values"), "condition values")?;
        let entry = conditions
            .entry(test)
            .or_insert_with(|| Json::Object(Map::new()));
        if let Json::Object(m) = entry {
            m.insert(variable, collapse_keep_order(values));
        }
    }
    Ok(conditions)
}

/// A string part of a statement, with hole markers where it is known only after apply.
fn known_string(v: &Value, _what: &str) -> Result<String, String> {
    Ok(v.marked_text().unwrap_or_default())
}

/// A list of strings, each with hole markers where it is known only after apply; a list
/// of unknown length is its known elements and one element that could be anything.
fn string_list(v: &Value, _what: &str) -> Result<Vec<String>, String> {
    let marked =
        |items: &[Value]| -> Vec<String> { items.iter().filter_map(Value::marked_text).collect() };
    Ok(match (&v.kind, v.partial()) {
        (Kind::List(items) | Kind::Set(items), _) => marked(items),
        (_, Some(Partial::Elements(items))) => marked(items),
        (Kind::Unknown(_), _) => vec![HOLE_ANY.to_string()],
        _ => vec![],
    })
}

fn string_set(v: &Value, what: &str) -> Result<Option<Json>, String> {
    let items = string_list(v, what)?;
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(collapse(items)))
}

/// One element renders as a string; several as a reverse-sorted, de-duplicated array.
fn collapse(mut items: Vec<String>) -> Json {
    items.sort();
    items.dedup();
    if items.len() == 1 {
        return Json::String(items.remove(0));
    }
    items.reverse();
    Json::Array(items.into_iter().map(Json::String).collect())
}

/// Condition values keep their order (the provider stores them as a list).
fn collapse_keep_order(mut items: Vec<String>) -> Json {
    if items.len() == 1 {
        return Json::String(items.remove(0));
    }
    Json::Array(items.into_iter().map(Json::String).collect())
}
