//! Policies known in part: a document whose ARN, account or variable is known only after
//! apply is still judged on what is known.
//!
//! A policy value is read into JSON whose unknown parts are hole markers
//! ([`HOLE_VALUE`]: one concrete value such as an ARN, never a wildcard; [`HOLE_ANY`]:
//! any text). Such a document stands for every policy its holes could make, and is judged
//! through the two ends of that range:
//!
//! - the **least** permissive reading: allow statements grant nothing through their
//!   holes, deny statements deny everything through theirs, an unknown condition limits;
//! - the **most** permissive reading: holes in allow statements are `*`, unknown
//!   conditions are dropped, deny statements with holes are gone, an unknown statement
//!   allows everything to everyone.
//!
//! Every check asks "is this too permissive?" (a public principal, a wildcard action, a
//! missing deny). If the least permissive reading already is, so is every policy the
//! document could be: a finding. If the most permissive reading is not, none is: a pass.
//! Otherwise the result is undecided. Statement positions are kept in both readings, so
//! "statement 2" names the same statement whatever the holes hold.

use std::sync::Arc;

use serde_json::{Map, Value as Json};

use super::{Policy, from_json};
use crate::value::{HOLE_ANY, HOLE_VALUE, Kind, Partial, Value, has_hole};

/// A policy value read as JSON.
#[derive(Debug)]
pub enum Reading {
    /// Wholly known JSON.
    Known(Json),
    /// JSON with hole markers where parts are known only after apply.
    Partial(Json),
    /// Nothing of the document is known; the reason.
    Unknown(String),
    /// Known text that is not JSON; what is wrong.
    Invalid(String),
    /// An empty or null value: no policy.
    Absent,
}

/// Reads a policy-valued attribute: known text, `jsonencode` of a partly known object, a
/// heredoc or `templatefile` whose JSON surrounds `${...}`, or a rendered
/// `aws_iam_policy_document` with unknown parts.
pub fn read(v: &Value) -> Reading {
    match &v.kind {
        Kind::Null => Reading::Absent,
        Kind::String(text) if text.trim().is_empty() => Reading::Absent,
        Kind::String(text) => match serde_json::from_str::<Json>(text) {
            Ok(json) if has_hole(text) => Reading::Partial(json),
            Ok(json) => Reading::Known(json),
            Err(e) => Reading::Invalid(format!("not valid JSON: {e}")),
        },
        Kind::Unknown(u) => {
            let json = match u.partial.as_deref() {
                Some(Partial::Json(inner)) => Some(inner.to_marked_json()),
                Some(Partial::Template(parts)) => match broken_before_first_hole(parts) {
                    Some(e) => {
                        return Reading::Invalid(format!(
                            "not valid JSON whatever its interpolations hold: {e}"
                        ));
                    }
                    None => template_json(parts),
                },
                _ => None,
            };
            match json {
                Some(json) => Reading::Partial(json),
                None => Reading::Unknown(u.reason.to_string()),
            }
        }
        _ => Reading::Invalid(format!("a {} is not a policy document", v.type_name())),
    }
}

/// The syntax error in the literal text of a template before its first unknown part
/// (a trailing comma, a missing quote): what an interpolation holds cannot mend text
/// written before it, so the document is invalid whatever apply gives it. Running out of
/// text where the first unknown part begins is not an error.
fn broken_before_first_hole(parts: &[Value]) -> Option<serde_json::Error> {
    let mut prefix = String::new();
    for p in parts {
        match p.as_str() {
            Some(lit) => prefix.push_str(lit),
            None => break,
        }
    }
    match serde_json::from_str::<Json>(&prefix) {
        Err(e) if e.classify() == serde_json::error::Category::Syntax => Some(e),
        _ => None,
    }
}

/// The JSON of a template whose literal text is JSON around unknown parts. A part inside a
/// JSON string becomes a hole in that string; a part standing for a whole JSON value
/// becomes a string that is one hole. `None` when the text with its holes is not JSON.
fn template_json(parts: &[Value]) -> Option<Json> {
    let mut text = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for p in parts {
        match p.as_str() {
            Some(lit) => {
                for c in lit.chars() {
                    if in_string {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            in_string = false;
                        }
                    } else if c == '"' {
                        in_string = true;
                    }
                }
                text.push_str(lit);
            }
            None => {
                let hole = match &p.kind {
                    Kind::Unknown(u) => u.hole(),
                    _ => HOLE_ANY,
                };
                if in_string {
                    text.push(hole);
                } else {
                    text.push('"');
                    text.push(hole);
                    text.push('"');
                }
            }
        }
    }
    serde_json::from_str(&text).ok()
}

/// The two ends of a partly known policy; see the module documentation. When both ends
/// are the same policy they are one `Arc` ([`Readings::same`]): what the checks derive
/// from it (its memo) is derived once, and a check that finds the least permissive
/// reading fine need not judge the same policy again as the most permissive one.
#[derive(Debug, Clone)]
pub struct Readings {
    pub least: Arc<Policy>,
    pub most: Arc<Policy>,
}

impl Readings {
    /// Whether both ends are the one same policy, so that any question has one answer.
    pub fn same(&self) -> bool {
        Arc::ptr_eq(&self.least, &self.most)
    }
}

/// The least and most permissive readings of a document with holes.
pub fn readings(doc: &Json) -> Result<Readings, String> {
    if same_at_both_ends(doc) {
        // Each reading is then the document itself without its `Version`, which a
        // policy is not read from.
        let most = Arc::new(from_json(doc)?);
        return Ok(Readings {
            least: Arc::clone(&most),
            most,
        });
    }
    Ok(Readings {
        least: Arc::new(from_json(&reading(doc, false))?),
        most: Arc::new(from_json(&reading(doc, true))?),
    })
}

/// Whether both readings of `doc` are the same JSON (the document itself but for its
/// `Version`), so that it is read once and not copied: true when its only holes are
/// [`HOLE_VALUE`]s (each one concrete value, never widened) outside the places
/// [`statement`] reads a hole as a choice (an effect, a whole condition or statement),
/// and no condition operator has no keys (the stretched reading drops it).
fn same_at_both_ends(doc: &Json) -> bool {
    let Json::Object(top) = doc else {
        return true;
    };
    let hole = |v: &Json| matches!(v, Json::String(s) if has_hole(s));
    let plain = |s: &Json| match s {
        Json::Object(m) => {
            !m.iter().any(|(k, v)| k.contains(HOLE_ANY) || has_any(v))
                && !m.get("Effect").is_some_and(hole)
                && match m.get("Condition") {
                    Some(Json::Object(ops)) => !ops
                        .values()
                        .any(|keys| matches!(keys, Json::Object(k) if k.is_empty())),
                    Some(c) => !hole(c),
                    None => true,
                }
        }
        other => !hole(other),
    };
    match top.get("Statement") {
        Some(Json::Array(list)) => list.iter().all(plain),
        Some(s) => plain(s),
        None => true,
    }
}

/// Whether the text of any string in `v` (keys included) holds a [`HOLE_ANY`].
fn has_any(v: &Json) -> bool {
    match v {
        Json::String(s) => s.contains(HOLE_ANY),
        Json::Array(a) => a.iter().any(has_any),
        Json::Object(m) => m.iter().any(|(k, v)| k.contains(HOLE_ANY) || has_any(v)),
        _ => false,
    }
}

/// `v` with every [`HOLE_ANY`] made `*` (it matches anything) or kept (it matches nothing
/// but itself, like a concrete value no pattern names).
fn widen(v: &Json, star: bool) -> Json {
    if !star {
        return v.clone();
    }
    match v {
        Json::String(s) => Json::String(s.replace(HOLE_ANY, "*")),
        Json::Array(a) => Json::Array(a.iter().map(|x| widen(x, star)).collect()),
        Json::Object(m) => Json::Object(
            m.iter()
                .map(|(k, x)| (k.replace(HOLE_ANY, "*"), widen(x, star)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A statement that matches no request: stands where a reading leaves a statement out,
/// so that later statements keep their positions.
fn inert() -> Json {
    let nothing = Json::String(HOLE_VALUE.to_string());
    Json::Object(Map::from_iter([
        ("Effect".to_string(), Json::String("Deny".into())),
        ("Action".to_string(), nothing.clone()),
        ("Resource".to_string(), nothing),
    ]))
}

/// A statement that allows everything to everyone: what an unknown statement may be.
fn everything() -> Json {
    let star = Json::String("*".into());
    Json::Object(Map::from_iter([
        ("Effect".to_string(), Json::String("Allow".into())),
        ("Principal".to_string(), star.clone()),
        ("Action".to_string(), star.clone()),
        ("Resource".to_string(), star),
    ]))
}

/// The least (`most = false`) or most permissive reading of a document with holes, as
/// JSON: for checks that judge the document's text rather than a parsed [`Policy`].
pub fn reading(doc: &Json, most: bool) -> Json {
    let Json::Object(top) = doc else {
        return doc.clone();
    };
    // The statements are read, not copied first: a copy of the document is built
    // entry by entry, in its order.
    let mut top: Map<String, Json> = top
        .iter()
        .map(|(k, v)| {
            let v = match v {
                _ if k != "Statement" => v.clone(),
                Json::Array(list) => Json::Array(list.iter().map(|s| statement(s, most)).collect()),
                Json::Object(_) => statement(v, most),
                Json::String(s) if has_hole(s) => {
                    Json::Array(if most { vec![everything()] } else { vec![] })
                }
                _ => v.clone(),
            };
            (k.clone(), v)
        })
        .collect();
    top.remove("Version");
    Json::Object(top)
}

/// Fields whose holes widen what a statement applies to; the `Not` forms narrow it.
const WIDENING: &[&str] = &["Action", "Resource", "Principal"];
const NARROWING: &[&str] = &["NotAction", "NotResource", "NotPrincipal"];

fn statement(s: &Json, most: bool) -> Json {
    let Json::Object(m) = s else {
        return match s {
            Json::String(t) if has_hole(t) => {
                if most {
                    everything()
                } else {
                    inert()
                }
            }
            other => other.clone(),
        };
    };
    let allow = match m.get("Effect") {
        Some(Json::String(e)) if has_hole(e) => most,
        Some(Json::String(e)) => !e.eq_ignore_ascii_case("deny"),
        _ => true,
    };
    // How far this reading stretches the statement: an allow in the most permissive
    // reading and a deny in the least permissive one apply as widely as their holes allow.
    let stretch = allow == most;
    if !allow && most && m.iter().any(|(k, v)| k.contains(HOLE_ANY) || has_any(v)) {
        return inert();
    }
    // Each field copied once, widened or narrowed as it is copied.
    let mut out: Map<String, Json> = m
        .iter()
        .map(|(k, v)| {
            let v = if WIDENING.contains(&k.as_str()) {
                widen(v, stretch)
            } else if NARROWING.contains(&k.as_str()) {
                widen(v, !stretch)
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect();
    if let Some(Json::String(e)) = m.get("Effect")
        && has_hole(e)
    {
        out.insert(
            "Effect".into(),
            Json::String(if allow { "Allow" } else { "Deny" }.into()),
        );
    }
    match m.get("Condition") {
        Some(Json::Object(ops)) if stretch => {
            out.insert("Condition".into(), Json::Object(known_conditions(ops)));
        }
        Some(Json::String(c)) if has_hole(c) => {
            if stretch {
                out.remove("Condition");
            } else {
                // A condition that may limit anything: the statement may apply to nothing.
                return inert();
            }
        }
        _ => {}
    }
    Json::Object(out)
}

/// A condition block stretched: the operators and keys without unknown parts, since a
/// condition with unknown parts may not limit at all.
fn known_conditions(ops: &Map<String, Json>) -> Map<String, Json> {
    let mut kept = Map::new();
    for (op, keys) in ops {
        if op.contains(HOLE_ANY) {
            continue;
        }
        match keys {
            Json::Object(keys) => {
                let keys: Map<String, Json> = keys
                    .iter()
                    .filter(|(k, v)| !k.contains(HOLE_ANY) && !has_any(v))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if !keys.is_empty() {
                    kept.insert(op.clone(), Json::Object(keys));
                }
            }
            other if !has_any(other) => {
                kept.insert(op.clone(), other.clone());
            }
            _ => {}
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Unknown;
    use std::sync::Arc;

    fn arn_of(address: &str) -> Value {
        Value::unknown_ref(
            format!("{address}.arn is known only after apply"),
            Arc::from(address),
        )
    }

    fn template(parts: Vec<Value>) -> Value {
        let like = Unknown {
            reason: "x".into(),
            refers_to: None,
            partial: None,
        };
        Value::partly_known(&like, Partial::Template(parts))
    }

    fn readings_of(v: &Value) -> Readings {
        match read(v) {
            Reading::Partial(json) => readings(&json).expect("valid readings"),
            other => panic!("expected a partial reading, got {other:?}"),
        }
    }

    /// `"${aws_sqs_queue.q.arn}"` inside a heredoc's JSON string is a hole in that string;
    /// the literal Principal and Action are judged as written.
    #[test]
    fn heredoc_json_around_an_arn() {
        let v = template(vec![
            Value::string(
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":""#,
            ),
            arn_of("aws_sqs_queue.q"),
            Value::string(r#""}]}"#),
        ]);
        let r = readings_of(&v);
        for p in [&r.least, &r.most] {
            let s = &p.statements[0];
            assert!(s.principal.as_ref().is_some_and(|p| p.is_anyone()));
            assert_eq!(s.action, Some(vec!["sqs:*".to_string()]));
            // A concrete ARN never turns into a wildcard.
            assert_eq!(s.resource, Some(vec![HOLE_VALUE.to_string()]));
        }
    }

    /// A part standing for a whole JSON value (outside any string) is a string hole.
    #[test]
    fn template_hole_outside_a_string_is_a_whole_value() {
        let v = template(vec![
            Value::string(r#"{"Statement":[{"Effect":"Allow","Action":"#),
            Value::unknown("var.actions has no value"),
            Value::string(r#","Resource":"*"}]}"#),
        ]);
        let r = readings_of(&v);
        assert_eq!(
            r.least.statements[0].action,
            Some(vec![HOLE_ANY.to_string()])
        );
        assert_eq!(r.most.statements[0].action, Some(vec!["*".to_string()]));
    }

    /// An unknown effect allows in the most permissive reading and denies in the least.
    #[test]
    fn unknown_effect_spans_both() {
        let doc = serde_json::json!({"Statement": [
            {"Effect": HOLE_ANY.to_string(), "Principal": "*", "Action": "s3:GetObject"}
        ]});
        let r = readings(&doc).unwrap();
        assert_eq!(r.least.statements[0].effect, super::super::Effect::Deny);
        assert_eq!(r.most.statements[0].effect, super::super::Effect::Allow);
    }

    /// A condition with an unknown value limits in the least permissive reading and is
    /// dropped in the most; a condition on a concrete unknown ARN stays in both.
    #[test]
    fn unknown_conditions() {
        let doc = serde_json::json!({"Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Condition": {
                "StringEquals": {"aws:SourceVpce": HOLE_ANY.to_string()},
                "ArnEquals": {"aws:SourceArn": HOLE_VALUE.to_string()}
            }
        }]});
        let r = readings(&doc).unwrap();
        assert_eq!(r.least.statements[0].conditions.len(), 2);
        let most: Vec<&str> = r.most.statements[0]
            .conditions
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(most, ["aws:SourceArn"]);
    }

    /// An unknown statement allows everything in the most permissive reading and nothing
    /// in the least; its neighbours and their positions are untouched.
    #[test]
    fn unknown_statement_keeps_its_neighbours() {
        let doc = serde_json::json!({"Statement": [
            HOLE_ANY.to_string(),
            {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
        ]});
        let r = readings(&doc).unwrap();
        assert!(
            r.most.statements[0]
                .principal
                .as_ref()
                .is_some_and(|p| p.is_anyone())
        );
        assert!(r.least.statements[0].principal.is_none());
        for p in [&r.least, &r.most] {
            assert_eq!(p.statements[1].index, 1);
            assert_eq!(p.statements[1].sid.as_deref(), Some("Public"));
        }
    }

    /// A deny with an unknown part denies everything in the least permissive reading and
    /// is gone from the most permissive one.
    #[test]
    fn deny_with_holes() {
        let doc = serde_json::json!({"Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": format!("arn:aws:s3:::{HOLE_ANY}")
        }]});
        let r = readings(&doc).unwrap();
        assert_eq!(
            r.least.statements[0].resource,
            Some(vec!["arn:aws:s3:::*".to_string()])
        );
        assert_eq!(
            r.most.statements[0].action,
            Some(vec![HOLE_VALUE.to_string()])
        );
    }

    /// A document is read once exactly when its two readings are the same JSON, in the
    /// same order: only concrete holes (ARNs) in what statements name; any hole that
    /// could be anything, or that decides an effect, a condition or a statement, and an
    /// operator without keys make the ends differ. Read once, both ends are one policy.
    #[test]
    fn read_once_exactly_when_both_ends_agree() {
        let (value, any) = (HOLE_VALUE.to_string(), HOLE_ANY.to_string());
        let arn = format!("arn:aws:s3:::{value}/*");
        let st = |extra: Json| {
            let mut s = serde_json::json!({"Effect": "Allow", "Principal": {"AWS": value},
                "Action": "s3:GetObject", "Resource": arn});
            if let (Json::Object(s), Json::Object(extra)) = (&mut s, extra) {
                s.extend(extra);
            }
            serde_json::json!({"Version": "2012-10-17", "Statement": [s]})
        };
        let cond = |c: Json| serde_json::json!({ "Condition": c });
        let agree = [
            st(serde_json::json!({})),
            st(serde_json::json!({"Effect": "Deny"})),
            st(cond(
                serde_json::json!({"StringEquals": {"aws:SourceAccount": value}}),
            )),
            serde_json::json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": value}}),
            serde_json::json!({"Statement": []}),
        ];
        let differ = [
            st(serde_json::json!({"Action": any})),
            st(serde_json::json!({"Resource": format!("arn:aws:s3:::{any}")})),
            st(serde_json::json!({"Effect": "Deny", "NotAction": any})),
            st(serde_json::json!({"Effect": value})),
            st(cond(serde_json::json!({"StringEquals": {}}))),
            st(cond(
                serde_json::json!({"StringEquals": {"aws:SourceVpce": any}}),
            )),
            st(cond(Json::String(value.clone()))),
            serde_json::json!({"Statement": [value]}),
            serde_json::json!({"Statement": value}),
        ];
        let text = |doc: &Json, most: bool| serde_json::to_string(&reading(doc, most)).unwrap();
        for doc in &agree {
            assert!(same_at_both_ends(doc), "{doc}");
            assert_eq!(text(doc, false), text(doc, true), "{doc}");
            let mut unversioned = doc.clone();
            if let Json::Object(m) = &mut unversioned {
                m.shift_remove("Version");
            }
            assert_eq!(
                text(doc, false),
                serde_json::to_string(&unversioned).unwrap()
            );
            let r = readings(doc).unwrap();
            assert_eq!(r.least, r.most);
            assert!(r.same(), "one policy for both ends: {doc}");
        }
        for doc in &differ {
            assert!(!same_at_both_ends(doc), "{doc}");
            assert_ne!(text(doc, false), text(doc, true), "{doc}");
            assert!(readings(doc).is_ok_and(|r| !r.same()), "{doc}");
        }
    }

    /// A heredoc whose text is broken before its first interpolation (a trailing comma)
    /// is invalid whatever the interpolations hold; one that may be mended by what an
    /// interpolation holds, or is cut short by it, stays partly known or unknown.
    #[test]
    fn a_template_broken_before_its_first_hole_is_invalid() {
        let broken = template(vec![
            Value::string(
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":["sns:Publish",],"Resource":""#,
            ),
            arn_of("aws_sns_topic.t"),
            Value::string(r#""}]}"#),
        ]);
        match read(&broken) {
            Reading::Invalid(e) => assert!(
                e.starts_with("not valid JSON whatever its interpolations hold: trailing comma"),
                "{e}"
            ),
            other => panic!("expected invalid, got {other:?}"),
        }
        // Broken only after the hole: an unknown part outside a string may hold the rest.
        let after = template(vec![
            Value::string(r#"{"Statement":[{"Effect":"Allow","Action":"#),
            Value::unknown("var.actions has no value"),
            Value::string(r#",,"Resource":"*"}]}"#),
        ]);
        assert!(matches!(read(&after), Reading::Unknown(_)));
    }

    /// A document with no holes reads as known; nothing known reads as unknown.
    #[test]
    fn known_and_unknown_documents() {
        assert!(matches!(
            read(&Value::string(r#"{"Statement":[]}"#)),
            Reading::Known(_)
        ));
        assert!(matches!(read(&Value::unknown("u")), Reading::Unknown(_)));
        assert!(matches!(read(&Value::string("  ")), Reading::Absent));
        assert!(matches!(read(&Value::string("{")), Reading::Invalid(_)));
    }
}
