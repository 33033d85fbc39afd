//! Type conversion functions and Terraform's type unification.
//!
//! Conversion functions accept null (and return it) and unknown values (and return them).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use super::{FnError, FnResult, bad_param, exact, fail, find_unknown};
use crate::value::{Kind, Value, format_number};

/// How many structured (list or map) elements a set operation compares pairwise before
/// giving up; primitives are hashed, so they have no such limit.
const MAX_STRUCTURED: usize = 10_000;

/// A hashable stand-in for a primitive value.
#[derive(PartialEq, Eq, Hash)]
enum PrimKey {
    Null,
    Bool(bool),
    Number(u64),
    String(Arc<str>),
}

fn prim_key(v: &Value) -> Option<PrimKey> {
    Some(match &v.kind {
        Kind::Null => PrimKey::Null,
        Kind::Bool(b) => PrimKey::Bool(*b),
        // 0.0 and -0.0 are the same number.
        Kind::Number(n) => PrimKey::Number(if *n == 0.0 { 0 } else { n.to_bits() }),
        Kind::String(s) => PrimKey::String(s.clone()),
        _ => return None,
    })
}

/// Membership with Terraform's equality: primitives by hash, structures pairwise, and an
/// unknown equal to nothing (as `Value::set` treats it).
#[derive(Default)]
pub(crate) struct Seen {
    prims: HashSet<PrimKey>,
    structured: Vec<Value>,
}

impl Seen {
    pub(crate) fn contains(&self, v: &Value) -> bool {
        match prim_key(v) {
            Some(k) => self.prims.contains(&k),
            None => self.structured.iter().any(|x| x.equals(v) == Some(true)),
        }
    }

    /// Adds `v`; false when an equal element was already there.
    pub(crate) fn insert(&mut self, v: &Value) -> Result<bool, FnError> {
        if let Some(k) = prim_key(v) {
            return Ok(self.prims.insert(k));
        }
        if v.is_unknown() {
            return Ok(true);
        }
        if self.contains(v) {
            return Ok(false);
        }
        if self.structured.len() >= MAX_STRUCTURED {
            return Err(fail("too many structured elements to compare"));
        }
        self.structured.push(v.clone());
        Ok(true)
    }
}

/// The first occurrence of each element, in order.
pub(crate) fn dedupe(items: Vec<Value>) -> Result<Vec<Value>, FnError> {
    let mut seen = Seen::default();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if seen.insert(&item)? {
            out.push(item);
        }
    }
    Ok(out)
}

/// A set value, as `Value::set` builds it (duplicates removed, strings sorted) but in
/// linear time for primitives.
pub(crate) fn make_set(items: Vec<Value>) -> Result<Value, FnError> {
    let mut out = dedupe(items)?;
    if out.iter().all(|v| matches!(v.kind, Kind::String(_))) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
    Ok(Value::new(Kind::Set(Arc::new(out))))
}

/// The string a primitive converts to, if it is a primitive.
pub(crate) fn primitive_string(v: &Value) -> Option<String> {
    match &v.kind {
        Kind::String(s) => Some(s.to_string()),
        Kind::Number(n) => Some(format_number(*n)),
        Kind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Converts values to one common type as Terraform does for the elements of a list, set
/// or map: a mix of strings, numbers and bools becomes all strings; a mix of primitives
/// and collections, or of sequences and maps, has no common type. Nulls and unknowns fit
/// any type. Elements keep their provenance.
pub(crate) fn unify(items: &[Value]) -> Option<Vec<Value>> {
    let (mut strings, mut numbers, mut bools, mut seqs, mut maps) =
        (false, false, false, false, false);
    for item in items {
        match &item.kind {
            Kind::String(_) => strings = true,
            Kind::Number(_) => numbers = true,
            Kind::Bool(_) => bools = true,
            Kind::List(_) | Kind::Set(_) => seqs = true,
            Kind::Map(_) | Kind::Resource(_) => maps = true,
            Kind::Null | Kind::Unknown(_) => {}
        }
    }
    let primitives = [strings, numbers, bools].iter().filter(|x| **x).count();
    if (primitives > 0 && (seqs || maps)) || (seqs && maps) {
        return None;
    }
    if primitives <= 1 {
        return Some(items.to_vec());
    }
    Some(
        items
            .iter()
            .map(|item| match primitive_string(item) {
                Some(s) if !matches!(item.kind, Kind::String(_)) => {
                    Value::string(s).with_prov(item.prov.clone())
                }
                _ => item.clone(),
            })
            .collect(),
    )
}

/// Terraform's name for a value's type in conversion errors.
fn type_word(v: &Value) -> &'static str {
    v.type_name()
}

/// Null and unknown pass through a conversion function; a partly known value keeps its
/// known parts, since converting it to its own kind leaves them as they are.
fn passthrough(v: &Value) -> Option<Value> {
    match &v.kind {
        Kind::Null => Some(v.clone()),
        Kind::Unknown(u) => Some(Value::new(Kind::Unknown(u.clone()))),
        _ => None,
    }
}

pub(super) fn tostring(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    match &v.kind {
        Kind::String(_) => Ok(v.clone()),
        _ => primitive_string(v)
            .map(|s| Value::string(s).with_prov(v.prov.clone()))
            .ok_or_else(|| bad_param("v", format!("cannot convert {} to string", type_word(v)))),
    }
}

pub(super) fn tonumber(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    match &v.kind {
        Kind::Number(_) => Ok(v.clone()),
        Kind::String(s) => super::number_value(s)
            .map(|n| n.with_prov(v.prov.clone()))
            .ok_or_else(|| {
                bad_param(
                    "v",
                    format!(
                        "cannot convert {:?} to number; given string must be a decimal representation of a number",
                        &**s
                    ),
                )
            }),
        _ => Err(bad_param(
            "v",
            format!("cannot convert {} to number", type_word(v)),
        )),
    }
}

pub(super) fn tobool(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    match &v.kind {
        Kind::Bool(_) => Ok(v.clone()),
        Kind::String(s) if &**s == "true" || &**s == "false" => {
            Ok(Value::bool(&**s == "true").with_prov(v.prov.clone()))
        }
        Kind::String(s) => Err(bad_param(
            "v",
            format!(
                "cannot convert {:?} to bool; only the strings \"true\" or \"false\" are allowed",
                &**s
            ),
        )),
        _ => Err(bad_param(
            "v",
            format!("cannot convert {} to bool", type_word(v)),
        )),
    }
}

fn sequence_elements<'a>(v: &'a Value, target: &str) -> Result<&'a [Value], super::FnError> {
    match &v.kind {
        Kind::List(items) | Kind::Set(items) => Ok(items),
        _ => Err(bad_param(
            "v",
            format!(
                "cannot convert {} to {target} of any single type",
                type_word(v)
            ),
        )),
    }
}

pub(super) fn tolist(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    let items = sequence_elements(v, "list")?;
    let items = unify(items).ok_or_else(|| {
        bad_param(
            "v",
            format!("cannot convert {} to list of any single type", type_word(v)),
        )
    })?;
    Ok(Value::list(items).with_prov(v.prov.clone()))
}

/// `toset`: duplicates removed after conversion. An unknown element could equal any other
/// element, so the set (and its length) is unknown until it is known.
pub(super) fn toset(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    let items = sequence_elements(v, "set")?;
    // Unknown elements may equal others: the set's length is unknown, its elements known.
    if let Some(u) = items.iter().find_map(find_unknown) {
        return Ok(Value::partly_known(
            &u.derived(),
            crate::value::Partial::Elements(items.to_vec()),
        ));
    }
    let items = unify(items).ok_or_else(|| {
        bad_param(
            "v",
            format!("cannot convert {} to set of any single type", type_word(v)),
        )
    })?;
    Ok(make_set(items)?.with_prov(v.prov.clone()))
}

pub(super) fn tomap(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(p) = passthrough(v) {
        return Ok(p);
    }
    let m = v.as_map().ok_or_else(|| {
        bad_param(
            "v",
            format!("cannot convert {} to map of any single type", type_word(v)),
        )
    })?;
    let values: Vec<Value> = m.values().cloned().collect();
    let values = unify(&values)
        .ok_or_else(|| bad_param("v", "cannot convert object to map of any single type"))?;
    let out: BTreeMap<String, Value> = m.keys().cloned().zip(values).collect();
    Ok(Value::map(out).with_prov(v.prov.clone()))
}

/// `sensitive` and `nonsensitive`: tfscan does not track sensitivity, so both return their
/// argument unchanged.
pub(super) fn identity(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    Ok(v.clone())
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn scalars() {
        assert_eq!(show("tostring", &[n(1.5)]), "\"1.5\"");
        assert_eq!(show("tostring", &[b(false)]), "\"false\"");
        assert_eq!(show("tostring", &[s("x")]), "\"x\"");
        assert_eq!(show("tostring", &[null()]), "null");
        assert_eq!(show("tostring", &[unk()]), "(unknown)");
        assert!(show("tostring", &[strs(&["a"])]).contains("cannot convert tuple to string"));
        assert_eq!(show("tonumber", &[s("12.5")]), "12.5");
        assert_eq!(show("tonumber", &[n(3.0)]), "3");
        assert_eq!(show("tonumber", &[null()]), "null");
        assert!(show("tonumber", &[s("no")]).contains("cannot convert \"no\" to number"));
        assert!(show("tonumber", &[b(true)]).contains("cannot convert bool to number"));
        assert_eq!(show("tobool", &[s("true")]), "true");
        assert_eq!(show("tobool", &[b(false)]), "false");
        assert_eq!(show("tobool", &[null()]), "null");
        assert!(show("tobool", &[s("yes")]).contains("only the strings"));
        assert!(show("tobool", &[n(1.0)]).contains("cannot convert number to bool"));
    }

    #[test]
    fn collections() {
        assert_eq!(
            show("tolist", &[list(vec![s("a"), n(1.0), b(true)])]),
            "[\"a\", \"1\", \"true\"]"
        );
        assert_eq!(show("tolist", &[nums(&[1.0, 2.0])]), "[1, 2]");
        assert_eq!(
            show("tolist", &[list(vec![s("a"), unk()])]),
            "[\"a\", (unknown)]"
        );
        assert!(
            show("tolist", &[list(vec![s("a"), strs(&["b"])])]).contains("list of any single type")
        );
        assert!(show("tolist", &[map(&[])]).contains("cannot convert object to list"));
        assert_eq!(
            show("toset", &[strs(&["b", "a", "b"])]),
            "set[\"a\", \"b\"]"
        );
        assert_eq!(show("toset", &[list(vec![n(1.0), s("1")])]), "set[\"1\"]");
        assert_eq!(show("toset", &[list(vec![s("a"), unk()])]), "(unknown)");
        assert_eq!(show("toset", &[null()]), "null");
        assert_eq!(show("tolist", &[show_set()]), "[\"a\", \"b\"]");
        assert_eq!(
            show("tomap", &[map(&[("a", n(1.0)), ("b", s("x"))])]),
            "{a = \"1\", b = \"x\"}"
        );
        assert!(
            show("tomap", &[map(&[("a", n(1.0)), ("b", strs(&[]))])])
                .contains("map of any single type")
        );
        assert!(show("tomap", &[strs(&[])]).contains("cannot convert tuple to map"));
        assert_eq!(show("sensitive", &[s("x")]), "\"x\"");
        assert_eq!(show("nonsensitive", &[n(1.0)]), "1");
    }

    fn show_set() -> crate::value::Value {
        crate::value::Value::set(vec![s("b"), s("a")])
    }
}
