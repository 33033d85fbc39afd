//! Collection functions.
//!
//! Functions that select or rearrange elements (`element`, `lookup`, `coalesce`, `concat`,
//! `flatten`, `merge`, `values`, `slice`, `reverse`, …) return the elements themselves, so
//! each keeps the provenance of where it was written.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::convert::{Seen, dedupe, make_set, primitive_string, unify};
use super::text::grapheme_count;
use super::{
    FnError, FnResult, arity, bad_param, bool_arg, exact, fail, find_unknown, int_arg, num_arg,
    seq_arg, str_arg, unknown_from, unknown_inside,
};
use crate::value::{Kind, Partial, Unknown, Value};

/// The most elements `setproduct` may produce.
const MAX_ELEMENTS: usize = 1024 * 1024;

/// The most elements `range` may produce: Terraform (cty) stops at 1024.
const MAX_RANGE: usize = 1024;

/// `length(value)`: characters of a string, elements of a collection, attributes of an
/// object. Elements that are unknown still count.
pub(super) fn length(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    let n = match &v.kind {
        Kind::Unknown(u) => return Ok(unknown_from(u)),
        Kind::Null => return Err(bad_param("value", "argument must not be null")),
        Kind::String(s) => grapheme_count(s),
        Kind::List(items) | Kind::Set(items) => items.len(),
        Kind::Map(m) => m.len(),
        Kind::Resource(r) => r.attrs().len(),
        _ => {
            return Err(bad_param(
                "value",
                "argument must be a string, a collection type, or a structural type",
            ));
        }
    };
    Ok(Value::number(n as f64))
}

/// A list of unknown length whose elements are `items` (an unknown among them stands for
/// any number of elements), unknown for `like`'s reason.
fn some_elements(items: Vec<Value>, like: &Unknown) -> Value {
    Value::partly_known(like, Partial::Elements(items))
}

/// The known elements of a list, set or list of unknown length, and the unknown that makes
/// its length unknown if any. `None` for a wholly unknown value.
fn known_elements(v: &Value) -> Option<(Vec<Value>, Option<&Unknown>)> {
    match &v.kind {
        Kind::List(items) | Kind::Set(items) => Some((items.to_vec(), None)),
        Kind::Unknown(u) => match u.partial.as_deref() {
            Some(Partial::Elements(items)) => Some((items.clone(), Some(u))),
            _ => None,
        },
        _ => None,
    }
}

/// `concat(seqs...)`: lists and tuples only (not sets). A wholly unknown argument makes the
/// length unknown; the known arguments' elements are kept, with the unknown one standing
/// for its elements.
pub(super) fn concat(args: &[Value]) -> FnResult {
    if args.is_empty() {
        return Err(fail("at least one argument is required"));
    }
    // A null argument is an error whatever else is unknown; a wholly unknown one makes
    // the length unknown.
    if let Some(unknown) = super::check_args(args, &["seqs"])? {
        let mut out = Vec::new();
        let mut first: Option<&Unknown> = None;
        for a in args {
            match (known_elements(a), &a.kind) {
                (Some((items, _)), _) => out.extend(items),
                (None, Kind::Unknown(u)) => {
                    first.get_or_insert(u);
                    out.push(Value::new(Kind::Unknown(Arc::new(u.derived()))));
                }
                // Not a list: Terraform rejects it once the rest is known.
                (None, _) => return Ok(unknown),
            }
        }
        if let Some(first) = first {
            return Ok(some_elements(out, first));
        }
    }
    known!(args, "seqs");
    let mut out = Vec::new();
    for a in args {
        match &a.kind {
            Kind::List(items) => out.extend(items.iter().cloned()),
            _ => {
                return Err(bad_param(
                    "seqs",
                    format!(
                        "all arguments must be lists or tuples; got {}",
                        a.type_name()
                    ),
                ));
            }
        }
    }
    Ok(Value::list(out))
}

/// `merge(maps...)`: later arguments win; null arguments are skipped (so merging only
/// nulls gives an empty map, as Terraform 1.x does for untyped nulls).
pub(super) fn merge(args: &[Value]) -> FnResult {
    if let Some(u) = args.iter().find_map(|a| match &a.kind {
        Kind::Unknown(u) => Some(u),
        _ => None,
    }) {
        return Ok(unknown_from(u));
    }
    let mut out = BTreeMap::new();
    for a in args {
        if a.is_null() {
            continue;
        }
        let m = a.as_map().ok_or_else(|| {
            bad_param(
                "maps",
                format!("arguments must be maps or objects, got {:?}", a.type_name()),
            )
        })?;
        out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    Ok(Value::map(out))
}

/// `lookup(map, key, default)`: the element itself (with its provenance), else the default,
/// else an error. A map holding unknowns still answers for a known key.
pub(super) fn lookup(args: &[Value]) -> FnResult {
    arity(args, 2, Some(3))?;
    let (map, key, default) = match args {
        [m, k] => (m, k, None),
        [m, k, d] => (m, k, Some(d)),
        _ => return Err(fail("lookup() takes two or three arguments")),
    };
    known!(args.get(..2).unwrap_or(args), "inputMap", "key");
    let key = str_arg(key, "key")?;
    let m = map
        .as_map()
        .ok_or_else(|| bad_param("inputMap", "lookup() requires a map as the first argument"))?;
    if let Some(v) = m.get(&*key) {
        return Ok(v.clone());
    }
    match default {
        Some(d) => Ok(d.clone()),
        None => Err(fail(format!("lookup failed to find key {:?}", &*key))),
    }
}

/// `element(list, index)`: wraps around in both directions (Terraform 1.x reads a negative
/// index of a list from the end: -1 is the last element).
pub(super) fn element(args: &[Value]) -> FnResult {
    let [list, index] = exact::<2>(args)?;
    known!(args, "list", "index");
    let index = int_arg(index, "index")?;
    let items = match &list.kind {
        Kind::List(items) => items,
        _ => {
            return Err(fail(format!(
                "cannot read elements from {}",
                list.type_name()
            )));
        }
    };
    if items.is_empty() {
        return Err(fail("cannot use element function with an empty list"));
    }
    let i = index.rem_euclid(items.len() as i64) as usize;
    items
        .get(i)
        .cloned()
        .ok_or_else(|| fail("cannot use element function with an empty list"))
}

/// An unknown standing for a comparison that cannot be decided yet.
fn undecided(a: &Value, b: &Value) -> Value {
    find_unknown(a)
        .or_else(|| find_unknown(b))
        .map(unknown_from)
        .unwrap_or_else(|| Value::unknown("the comparison depends on unknown values"))
}

/// `index(list, value)`: the first index of `value`; unknown if an earlier element cannot
/// be compared yet.
pub(super) fn index(args: &[Value]) -> FnResult {
    let [list, value] = exact::<2>(args)?;
    known!(args, "list", "value");
    let Kind::List(items) = &list.kind else {
        return Err(fail("argument must be a list or tuple"));
    };
    if items.is_empty() {
        return Err(fail("cannot search an empty list"));
    }
    for (i, item) in items.iter().enumerate() {
        match item.equals(value) {
            None => return Ok(undecided(item, value)),
            Some(true) => return Ok(Value::number(i as f64)),
            Some(false) => {}
        }
    }
    Err(fail("item not found"))
}

/// `flatten(list)`: nested lists, tuples and sets, recursively. An unknown element stays an
/// element (tfscan cannot tell whether it will be a list).
pub(super) fn flatten(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    if let Some((items, Some(u))) = known_elements(list) {
        let mut out = Vec::new();
        flatten_into(&items, &mut out);
        return Ok(some_elements(out, u));
    }
    known!(args, "list");
    let items = match &list.kind {
        Kind::List(items) | Kind::Set(items) => items,
        _ => return Err(fail("can only flatten lists, sets and tuples")),
    };
    let mut out = Vec::new();
    flatten_into(items, &mut out);
    Ok(Value::list(out))
}

fn flatten_into(items: &[Value], out: &mut Vec<Value>) {
    for item in items {
        match &item.kind {
            Kind::List(inner) | Kind::Set(inner) => flatten_into(inner, out),
            _ => out.push(item.clone()),
        }
    }
}

/// `keys(map)`: sorted keys; values may be unknown.
pub(super) fn keys(args: &[Value]) -> FnResult {
    let [m] = exact::<1>(args)?;
    known!(args, "inputMap");
    let m = m
        .as_map()
        .ok_or_else(|| bad_param("inputMap", "must have map or object type"))?;
    Ok(Value::list(
        m.keys().map(|k| Value::string(k.as_str())).collect(),
    ))
}

/// `values(map)`: the values in key order.
pub(super) fn values(args: &[Value]) -> FnResult {
    let [m] = exact::<1>(args)?;
    known!(args, "values");
    let m = m
        .as_map()
        .ok_or_else(|| fail("values() requires a map as the first argument"))?;
    Ok(Value::list(m.values().cloned().collect()))
}

/// `contains(list, value)`: unknown when no known element is equal but some element (or the
/// value) is not known yet.
pub(super) fn contains(args: &[Value]) -> FnResult {
    let [list, value] = exact::<2>(args)?;
    known!(args, "list", "value");
    let items = match &list.kind {
        Kind::List(items) | Kind::Set(items) => items,
        _ => return Err(fail("argument must be list, tuple, or set")),
    };
    let mut undecided_by: Option<&Value> = None;
    for item in items.iter() {
        match item.equals(value) {
            Some(true) => return Ok(Value::bool(true)),
            Some(false) => {}
            None => {
                undecided_by.get_or_insert(item);
            }
        }
    }
    Ok(match undecided_by {
        Some(item) => undecided(item, value),
        None => Value::bool(false),
    })
}

/// `distinct(list)`: the first occurrence of each element. With unknown elements, which
/// may equal others, the length is unknown but every element is still one of them.
pub(super) fn distinct(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    if let Some((items, Some(u))) = known_elements(list) {
        return Ok(some_elements(items, u));
    }
    known!(args, "list");
    let items = seq_arg(list, "list", "list")?;
    if let Some(u) = find_unknown(list) {
        let u = u.derived();
        return Ok(some_elements(items.to_vec(), &u));
    }
    let items =
        unify(items).ok_or_else(|| bad_param("list", "list of any single type required"))?;
    Ok(Value::list(dedupe(items)?))
}

/// Converts a list's elements to strings (numbers and bools convert), keeping provenance.
fn string_elements(items: &[Value], param: &str) -> Result<Vec<Value>, FnError> {
    items
        .iter()
        .map(|item| match &item.kind {
            Kind::String(_) | Kind::Null => Ok(item.clone()),
            _ => primitive_string(item)
                .map(|s| Value::string(s).with_prov(item.prov.clone()))
                .ok_or_else(|| bad_param(param, "list of string required")),
        })
        .collect()
}

/// `compact(list)`: drops nulls and empty strings.
pub(super) fn compact(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    if let Some((items, Some(u))) = known_elements(list) {
        let kept = items
            .into_iter()
            .filter(|v| !v.is_null() && v.as_str() != Some(""))
            .collect();
        return Ok(some_elements(kept, u));
    }
    known!(args, "list");
    let items = seq_arg(list, "list", "list of string")?;
    // An unknown element may be an empty string that compact drops.
    if let Some(u) = find_unknown(list) {
        let u = u.derived();
        let kept = items
            .iter()
            .filter(|v| !v.is_null() && v.as_str() != Some(""))
            .cloned()
            .collect();
        return Ok(some_elements(kept, &u));
    }
    let out = string_elements(items, "list")?
        .into_iter()
        .filter(|v| !v.is_null() && v.as_str() != Some(""))
        .collect();
    Ok(Value::list(out))
}

/// `sort(list)`: strings in lexical order (numbers convert to strings first).
pub(super) fn sort(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    let items = seq_arg(list, "list", "list of string")?;
    if let Some(u) = unknown_inside(list) {
        return Ok(u);
    }
    if let Some(i) = items.iter().position(Value::is_null) {
        return Err(bad_param(
            "list",
            format!("given list element {i} is null; a null string cannot be sorted"),
        ));
    }
    let mut out = string_elements(items, "list")?;
    out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    Ok(Value::list(out))
}

/// `coalesce(vals...)`: the first argument that is neither null nor an empty string, after
/// converting all arguments to a common type (so `coalesce(1, "a")` is `"1"`).
pub(super) fn coalesce(args: &[Value]) -> FnResult {
    let unified = unify(args).ok_or_else(|| fail("all arguments must have the same type"))?;
    let strings = unified.iter().any(|v| matches!(v.kind, Kind::String(_)));
    for v in unified {
        match &v.kind {
            Kind::Unknown(u) => return Ok(unknown_from(u)),
            Kind::Null => continue,
            Kind::String(s) if s.is_empty() && strings => continue,
            _ => return Ok(v),
        }
    }
    Err(fail("no non-null, non-empty-string arguments"))
}

/// `coalescelist(lists...)`: the first non-empty list.
pub(super) fn coalescelist(args: &[Value]) -> FnResult {
    if args.is_empty() {
        return Err(fail("at least one argument is required"));
    }
    for a in args {
        match &a.kind {
            Kind::Unknown(u) => return Ok(unknown_from(u)),
            Kind::Null => continue,
            Kind::List(items) if items.is_empty() => continue,
            Kind::List(_) => return Ok(a.clone()),
            _ => return Err(fail("coalescelist arguments must be lists or tuples")),
        }
    }
    Err(fail("no non-null arguments"))
}

/// `zipmap(keys, values)`.
pub(super) fn zipmap(args: &[Value]) -> FnResult {
    let [keys, values] = exact::<2>(args)?;
    known!(args, "keys", "values");
    let key_items = seq_arg(keys, "keys", "list of string")?;
    if let Some(u) = unknown_inside(keys) {
        return Ok(u);
    }
    let Kind::List(value_items) = &values.kind else {
        return Err(fail("values argument must be a list or tuple value"));
    };
    if key_items.len() != value_items.len() {
        return Err(fail(format!(
            "number of keys ({}) does not match number of values ({})",
            key_items.len(),
            value_items.len()
        )));
    }
    let mut out = BTreeMap::new();
    for (i, (k, v)) in key_items.iter().zip(value_items.iter()).enumerate() {
        if k.is_null() {
            return Err(fail(format!("keys list has null value at index {i}")));
        }
        let k = primitive_string(k).ok_or_else(|| bad_param("keys", "list of string required"))?;
        out.insert(k, v.clone());
    }
    Ok(Value::map(out))
}

/// The number of decimal places of a number's shortest form, if it is small.
fn decimals(n: f64) -> Option<u32> {
    let s = format!("{n}");
    match s.split_once('.') {
        Some((_, frac)) => u32::try_from(frac.len()).ok().filter(|d| *d <= 12),
        None => Some(0),
    }
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`. Terraform counts in
/// exact decimals, so `range(0, 1, 0.1)` has ten elements; tfscan scales decimal inputs to
/// integers to do the same.
pub(super) fn range(args: &[Value]) -> FnResult {
    arity(args, 1, Some(3))?;
    known!(args, "params");
    let nums = args
        .iter()
        .map(|a| num_arg(a, "params"))
        .collect::<Result<Vec<f64>, _>>()?;
    let (start, limit, step) = match nums.as_slice() {
        [l] => (0.0, *l, if *l < 0.0 { -1.0 } else { 1.0 }),
        [s, l] => (*s, *l, if *l < *s { -1.0 } else { 1.0 }),
        [s, l, st] => (*s, *l, *st),
        _ => return Err(fail("must have one, two, or three arguments")),
    };
    if step == 0.0 {
        return Err(bad_param("step", "step must not be zero"));
    }
    if step < 0.0 && limit > start {
        return Err(bad_param(
            "limit",
            "end must be less than start when step is negative",
        ));
    }
    if step > 0.0 && limit < start {
        return Err(bad_param(
            "limit",
            "end must be greater than start when step is positive",
        ));
    }
    if !(start.is_finite() && limit.is_finite() && step.is_finite()) {
        return Err(fail("range arguments must be finite numbers"));
    }
    let count = ((limit - start) / step).ceil();
    if count > MAX_RANGE as f64 {
        return Err(fail(format!(
            "more than {MAX_RANGE} values were generated; either decrease the difference between start and end or use a smaller step"
        )));
    }
    let out = range_values(start, limit, step);
    if out.len() > MAX_RANGE {
        return Err(fail(format!(
            "more than {MAX_RANGE} values were generated; either decrease the difference between start and end or use a smaller step"
        )));
    }
    Ok(Value::list(out))
}

/// The numbers from `start` towards `limit` by `step`, exact in decimals where scaling
/// to integers keeps them exact; stops one past [`MAX_RANGE`] values.
fn range_values(start: f64, limit: f64, step: f64) -> Vec<Value> {
    let scale_digits = [start, limit, step]
        .iter()
        .map(|n| decimals(*n))
        .try_fold(0u32, |acc, d| d.map(|d| acc.max(d)));
    let mut out = Vec::new();
    match scale_digits {
        Some(d)
            if (start.abs().max(limit.abs()).max(step.abs()) * 10f64.powi(d as i32)) < 9.0e15 =>
        {
            let scale = 10f64.powi(d as i32);
            let (s, l, st) = (
                (start * scale).round() as i64,
                (limit * scale).round() as i64,
                (step * scale).round() as i64,
            );
            let mut x = s;
            while (st > 0 && x < l) || (st < 0 && x > l) {
                out.push(Value::number(x as f64 / scale));
                if out.len() > MAX_RANGE {
                    break;
                }
                x += st;
            }
        }
        _ => {
            let mut i = 0f64;
            loop {
                let x = start + i * step;
                if (step > 0.0 && x >= limit) || (step < 0.0 && x <= limit) {
                    break;
                }
                out.push(Value::number(x));
                if out.len() > MAX_RANGE {
                    break;
                }
                i += 1.0;
            }
        }
    }
    out
}

/// `slice(list, start_index, end_index)`: end exclusive.
pub(super) fn slice(args: &[Value]) -> FnResult {
    let [list, start, end] = exact::<3>(args)?;
    known!(args, "list", "start_index", "end_index");
    let items = match &list.kind {
        Kind::List(items) => items,
        Kind::Set(_) => {
            return Err(bad_param(
                "list",
                "cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important",
            ));
        }
        _ => return Err(bad_param("list", "must be a list or tuple value")),
    };
    let (start, end) = (int_arg(start, "start_index")?, int_arg(end, "end_index")?);
    let len = items.len() as i64;
    if start < 0 {
        return Err(bad_param(
            "start_index",
            "start index must not be less than zero",
        ));
    }
    if start > len {
        return Err(bad_param(
            "start_index",
            "start index must not be greater than the length of the list",
        ));
    }
    if end < 0 {
        return Err(bad_param(
            "end_index",
            "end index must not be less than zero",
        ));
    }
    if end > len {
        return Err(bad_param(
            "end_index",
            "end index must not be greater than the length of the list",
        ));
    }
    if start > end {
        return Err(bad_param(
            "start_index",
            "start index must not be greater than end index",
        ));
    }
    Ok(Value::list(
        items
            .get(start as usize..end as usize)
            .unwrap_or_default()
            .to_vec(),
    ))
}

pub(super) fn reverse(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    match &list.kind {
        Kind::List(items) | Kind::Set(items) => {
            Ok(Value::list(items.iter().rev().cloned().collect()))
        }
        _ => Err(bad_param(
            "list",
            format!(
                "can only reverse list or tuple values, not {}",
                list.type_name()
            ),
        )),
    }
}

/// The elements of every set argument, converted to one common type.
fn set_args(args: &[Value], first: &str) -> Result<Vec<Vec<Value>>, FnError> {
    let mut all = Vec::new();
    let mut bounds = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let param = if i == 0 { first } else { "other_sets" };
        let items = seq_arg(a, param, "set of any single type")?;
        bounds.push(items.len());
        all.extend(items.iter().cloned());
    }
    let mut unified = unify(&all)
        .ok_or_else(|| fail("given sets must all have compatible element types"))?
        .into_iter();
    Ok(bounds
        .into_iter()
        .map(|n| unified.by_ref().take(n).collect())
        .collect())
}

fn seen_of(items: &[Value]) -> Result<Seen, FnError> {
    let mut seen = Seen::default();
    for item in items {
        seen.insert(item)?;
    }
    Ok(seen)
}

/// `setunion(sets...)`: unknown elements are kept (they are elements of the union).
pub(super) fn setunion(args: &[Value]) -> FnResult {
    arity(args, 1, None)?;
    known!(args, "first_set", "other_sets");
    let sets = set_args(args, "first_set")?;
    make_set(sets.into_iter().flatten().collect())
}

/// `setintersection(sets...)`: unknown if any element is unknown.
pub(super) fn setintersection(args: &[Value]) -> FnResult {
    arity(args, 1, None)?;
    known!(args, "first_set", "other_sets");
    if let Some(u) = args.iter().find_map(unknown_inside) {
        return Ok(u);
    }
    let mut sets = set_args(args, "first_set")?.into_iter();
    let first = sets.next().unwrap_or_default();
    let rest = sets
        .map(|s| seen_of(&s))
        .collect::<Result<Vec<Seen>, _>>()?;
    make_set(
        first
            .into_iter()
            .filter(|v| rest.iter().all(|s| s.contains(v)))
            .collect(),
    )
}

/// `setsubtract(a, b)`: unknown if any element is unknown.
pub(super) fn setsubtract(args: &[Value]) -> FnResult {
    exact::<2>(args)?;
    known!(args, "a", "b");
    if let Some(u) = args.iter().find_map(unknown_inside) {
        return Ok(u);
    }
    let mut sets = set_args(args, "a")?.into_iter();
    let (a, b) = (
        sets.next().unwrap_or_default(),
        sets.next().unwrap_or_default(),
    );
    let b = seen_of(&b)?;
    make_set(a.into_iter().filter(|v| !b.contains(v)).collect())
}

/// `setproduct(sets...)`: a list of lists when every argument is a list, else a set.
pub(super) fn setproduct(args: &[Value]) -> FnResult {
    if args.len() < 2 {
        return Err(fail("at least two arguments are required"));
    }
    known!(args, "sets");
    let all_lists = args.iter().all(|a| matches!(a.kind, Kind::List(_)));
    let mut owned = Vec::new();
    for a in args {
        match &a.kind {
            // When the result is a set, duplicate inputs would only give duplicate tuples.
            Kind::List(items) | Kind::Set(items) if !all_lists => {
                owned.push(dedupe(items.to_vec())?)
            }
            Kind::List(items) => owned.push(items.to_vec()),
            _ => return Err(bad_param("sets", "a set or a list is required")),
        }
    }
    let inputs: Vec<&[Value]> = owned.iter().map(Vec::as_slice).collect();
    let total = inputs
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(s.len()))
        .filter(|t| t.saturating_mul(inputs.len()) <= MAX_ELEMENTS)
        .ok_or_else(|| super::over_limit(super::TOO_MANY))?;
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0usize; inputs.len()];
    for _ in 0..total {
        let tuple: Vec<Value> = inputs
            .iter()
            .zip(&idx)
            .filter_map(|(s, i)| s.get(*i).cloned())
            .collect();
        out.push(Value::list(tuple));
        for j in (0..idx.len()).rev() {
            if let (Some(i), Some(s)) = (idx.get_mut(j), inputs.get(j)) {
                *i += 1;
                if *i < s.len() {
                    break;
                }
                *i = 0;
            }
        }
    }
    Ok(if all_lists {
        Value::list(out)
    } else {
        // Distinct inputs give distinct tuples: no need to compare them again.
        Value::new(Kind::Set(std::sync::Arc::new(out)))
    })
}

/// `chunklist(list, size)`: size 0 returns the whole list as one chunk.
pub(super) fn chunklist(args: &[Value]) -> FnResult {
    let [list, size] = exact::<2>(args)?;
    known!(args, "list", "size");
    let items = seq_arg(list, "list", "list")?;
    let size = int_arg(size, "size")?;
    if size < 0 {
        return Err(fail("the size argument must be positive"));
    }
    if items.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    if size == 0 {
        return Ok(Value::list(vec![Value::list(items.to_vec())]));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    Ok(Value::list(
        items
            .chunks(size)
            .map(|c| Value::list(c.to_vec()))
            .collect(),
    ))
}

/// `one(list)`: null for an empty collection, the element for a single one.
pub(super) fn one(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    match &list.kind {
        Kind::List(items) | Kind::Set(items) if items.len() <= 1 => {
            Ok(items.first().cloned().unwrap_or_else(Value::null))
        }
        _ => Err(bad_param(
            "list",
            "must be a list, set, or tuple value with either zero or one elements",
        )),
    }
}

/// `sum(list)`.
pub(super) fn sum(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    let items = match &list.kind {
        Kind::List(items) | Kind::Set(items) => items,
        Kind::Map(_) | Kind::Resource(_) => {
            return Err(bad_param(
                "list",
                format!(
                    "argument must be list, set, or tuple. Received {}",
                    list.type_name()
                ),
            ));
        }
        _ => return Err(bad_param("list", "cannot sum noniterable")),
    };
    if items.is_empty() {
        return Err(bad_param("list", "cannot sum an empty list"));
    }
    if let Some(u) = unknown_inside(list) {
        return Ok(u);
    }
    let mut total = 0f64;
    for item in items.iter() {
        if item.is_null() {
            return Err(bad_param(
                "list",
                "argument must be list, set, or tuple of number values",
            ));
        }
        total += num_arg(item, "list").map_err(|_| {
            bad_param(
                "list",
                "argument must be list, set, or tuple of number values",
            )
        })?;
    }
    if total.is_nan() {
        return Err(fail("can't compute sum of opposing infinities"));
    }
    Ok(Value::number(total))
}

fn bool_elements(list: &Value) -> Result<&[Value], FnError> {
    seq_arg(list, "list", "list of bool")
}

/// `alltrue(list)`: true for an empty list; a null element counts as false.
pub(super) fn alltrue(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    for item in bool_elements(list)? {
        match &item.kind {
            Kind::Unknown(u) => return Ok(unknown_from(u)),
            Kind::Null => return Ok(Value::bool(false)),
            _ => {
                if !bool_arg(item, "list")? {
                    return Ok(Value::bool(false));
                }
            }
        }
    }
    Ok(Value::bool(true))
}

/// `anytrue(list)`: false for an empty list; unknown if no element is true but some is
/// unknown.
pub(super) fn anytrue(args: &[Value]) -> FnResult {
    let [list] = exact::<1>(args)?;
    known!(args, "list");
    let mut unknown = None;
    for item in bool_elements(list)? {
        match &item.kind {
            Kind::Unknown(u) => {
                unknown.get_or_insert(u);
            }
            Kind::Null => {}
            _ => {
                if bool_arg(item, "list")? {
                    return Ok(Value::bool(true));
                }
            }
        }
    }
    Ok(match unknown {
        Some(u) => unknown_from(u),
        None => Value::bool(false),
    })
}

/// `matchkeys(values, keys, searchset)`: the values whose key is in the search set.
pub(super) fn matchkeys(args: &[Value]) -> FnResult {
    let [values, keys, search] = exact::<3>(args)?;
    known!(args, "values", "keys", "searchset");
    let value_items = seq_arg(values, "values", "list")?;
    let key_items = seq_arg(keys, "keys", "list")?;
    let search_items = seq_arg(search, "searchset", "list")?;
    if value_items.len() != key_items.len() {
        return Err(fail("length of keys and values should be equal"));
    }
    let both: Vec<Value> = key_items.iter().chain(search_items).cloned().collect();
    let both = unify(&both).ok_or_else(|| fail("keys and searchset must be of the same type"))?;
    let (key_items, search_items) = both.split_at(key_items.len());
    if search_items.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    if let Some(u) = unknown_inside(values).or_else(|| unknown_inside(keys)) {
        return Ok(u);
    }
    let mut out = Vec::new();
    if !search_items.iter().any(|v| find_unknown(v).is_some()) {
        let search = seen_of(search_items)?;
        for (key, value) in key_items.iter().zip(value_items.iter()) {
            if search.contains(key) {
                out.push(value.clone());
            }
        }
        return Ok(Value::list(out));
    }
    for (key, value) in key_items.iter().zip(value_items.iter()) {
        for candidate in search_items {
            match key.equals(candidate) {
                // Terraform gives up with an empty list when a comparison is undecided.
                None => return Ok(Value::list(Vec::new())),
                Some(true) => {
                    out.push(value.clone());
                    break;
                }
                Some(false) => {}
            }
        }
    }
    Ok(Value::list(out))
}

/// `transpose(map of lists of strings)`: each string becomes a key listing (sorted) the
/// keys it appeared under.
pub(super) fn transpose(args: &[Value]) -> FnResult {
    let [m] = exact::<1>(args)?;
    known!(args, "values");
    let map = m
        .as_map()
        .ok_or_else(|| bad_param("values", "map of list of string required"))?;
    if let Some(u) = unknown_inside(m) {
        return Ok(u);
    }
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, list) in map {
        let items = match &list.kind {
            Kind::List(items) | Kind::Set(items) => items,
            _ => return Err(fail("input must be a map of lists of strings")),
        };
        for item in items.iter() {
            let s = primitive_string(item)
                .ok_or_else(|| fail("input must be a map of lists of strings"))?;
            out.entry(s).or_default().push(k.clone());
        }
    }
    Ok(Value::map(
        out.into_iter()
            .map(|(k, mut v)| {
                v.sort();
                (k, Value::list(v.into_iter().map(Value::string).collect()))
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::source::{FileId, Span};
    use crate::value::{Kind, Provenance, Value};

    fn at(v: Value, start: u32) -> Value {
        v.with_prov(Provenance::At(Span {
            file: FileId(0),
            start,
            end: start + 1,
        }))
    }

    fn origin(v: &Value) -> Option<u32> {
        v.origin_span().map(|s| s.start)
    }

    #[test]
    fn length_counts() {
        assert_eq!(show("length", &[s("héllo")]), "5");
        assert_eq!(show("length", &[s("e\u{301}")]), "1");
        assert_eq!(show("length", &[list(vec![unk(), s("a")])]), "2");
        assert_eq!(show("length", &[map(&[("a", unk())])]), "1");
        assert_eq!(show("length", &[unk()]), "(unknown)");
        assert!(show("length", &[null()]).contains("must not be null"));
        assert!(show("length", &[n(5.0)]).contains("argument must be a string"));
    }

    #[test]
    fn concat_and_flatten() {
        assert_eq!(
            show("concat", &[strs(&["a"]), list(vec![n(1.0), unk()])]),
            "[\"a\", 1, (unknown)]"
        );
        assert_eq!(show("concat", &[unk(), strs(&["a"])]), "(unknown)");
        // The result of unknown length keeps the known elements; a null is still an error.
        let v = super::concat(&[strs(&["a"]), unk()]).expect("concat");
        assert_eq!(v.partial_values().len(), 2);
        assert_eq!(v.partial_values()[0].as_str(), Some("a"));
        assert!(show("concat", &[unk(), null()]).contains("must not be null"));
        assert!(show("concat", &[Value::set(vec![s("a")])]).contains("got set"));
        assert!(show("concat", &[]).contains("at least one argument"));
        assert!(show("concat", &[null()]).contains("must not be null"));
        assert_eq!(
            show(
                "flatten",
                &[list(vec![
                    strs(&["a", "b"]),
                    list(vec![]),
                    list(vec![s("c"), list(vec![s("d")])]),
                    s("e")
                ])]
            ),
            "[\"a\", \"b\", \"c\", \"d\", \"e\"]"
        );
        assert_eq!(
            show("flatten", &[list(vec![unk(), strs(&["x"])])]),
            "[(unknown), \"x\"]"
        );
        assert!(show("flatten", &[s("a")]).contains("can only flatten"));
    }

    #[test]
    fn selection_keeps_provenance() {
        let l = list(vec![at(s("a"), 10), at(s("b"), 20)]);
        assert_eq!(
            origin(&super::super::testutil::call("element", &[l.clone(), n(3.0)]).unwrap()),
            Some(20)
        );
        let m = map(&[("k", at(s("v"), 30))]);
        assert_eq!(
            origin(&super::super::testutil::call("lookup", &[m, s("k")]).unwrap()),
            Some(30)
        );
        let c = super::super::testutil::call("coalesce", &[null(), s(""), at(s("x"), 40)]).unwrap();
        assert_eq!(origin(&c), Some(40));
        let f = super::super::testutil::call("concat", &[l.clone(), l.clone()]).unwrap();
        let firsts: Vec<Option<u32>> = f.as_list().unwrap().iter().map(origin).collect();
        assert_eq!(firsts, vec![Some(10), Some(20), Some(10), Some(20)]);
        let r = super::super::testutil::call("reverse", &[l]).unwrap();
        assert_eq!(origin(&r.as_list().unwrap()[0]), Some(20));
    }

    #[test]
    fn merge_maps() {
        assert_eq!(
            show(
                "merge",
                &[
                    map(&[("a", n(1.0)), ("b", n(2.0))]),
                    null(),
                    map(&[("b", n(3.0))])
                ]
            ),
            "{a = 1, b = 3}"
        );
        assert_eq!(show("merge", &[]), "{}");
        assert_eq!(show("merge", &[null(), null()]), "{}");
        assert_eq!(show("merge", &[map(&[("a", unk())])]), "{a = (unknown)}");
        assert_eq!(show("merge", &[map(&[]), unk()]), "(unknown)");
        assert!(show("merge", &[strs(&[])]).contains("arguments must be maps or objects"));
    }

    #[test]
    fn lookup_cases() {
        let m = map(&[("a", s("x")), ("u", unk())]);
        assert_eq!(show("lookup", &[m.clone(), s("a")]), "\"x\"");
        assert_eq!(show("lookup", &[m.clone(), s("u")]), "(unknown)");
        assert_eq!(show("lookup", &[m.clone(), s("z"), s("d")]), "\"d\"");
        assert!(show("lookup", &[m.clone(), s("z")]).contains("lookup failed to find key \"z\""));
        assert_eq!(show("lookup", &[m.clone(), unk()]), "(unknown)");
        assert_eq!(show("lookup", &[unk(), s("a"), s("d")]), "(unknown)");
        assert!(show("lookup", &[null(), s("a")]).contains("must not be null"));
        assert!(show("lookup", &[strs(&[]), s("a")]).contains("requires a map"));
        assert!(show("lookup", &[m]).contains("not enough"));
        assert_eq!(show("lookup", &[map(&[]), s("a"), null()]), "null");
    }

    #[test]
    fn element_and_index() {
        let l = strs(&["a", "b", "c"]);
        assert_eq!(show("element", &[l.clone(), n(1.0)]), "\"b\"");
        assert_eq!(show("element", &[l.clone(), n(4.0)]), "\"b\"");
        assert_eq!(show("element", &[l.clone(), n(-1.0)]), "\"c\"");
        assert_eq!(show("element", &[l.clone(), n(-4.0)]), "\"c\"");
        assert!(show("element", &[l.clone(), n(0.5)]).contains("whole number"));
        assert!(show("element", &[strs(&[]), n(0.0)]).contains("empty list"));
        assert!(
            show("element", &[Value::set(vec![s("a")]), n(0.0)])
                .contains("cannot read elements from set")
        );
        assert_eq!(
            show("element", &[list(vec![unk(), s("b")]), n(1.0)]),
            "\"b\""
        );
        assert_eq!(show("element", &[l.clone(), unk()]), "(unknown)");
        assert_eq!(show("index", &[l.clone(), s("b")]), "1");
        assert!(show("index", &[l.clone(), s("z")]).contains("item not found"));
        assert!(show("index", &[strs(&[]), s("z")]).contains("empty list"));
        assert_eq!(
            show("index", &[list(vec![unk(), s("b")]), s("b")]),
            "(unknown)"
        );
        assert_eq!(show("index", &[list(vec![s("b"), unk()]), s("b")]), "0");
    }

    #[test]
    fn keys_values_contains() {
        let m = map(&[("b", n(2.0)), ("a", unk())]);
        assert_eq!(show("keys", std::slice::from_ref(&m)), "[\"a\", \"b\"]");
        assert_eq!(show("values", std::slice::from_ref(&m)), "[(unknown), 2]");
        assert_eq!(show("keys", &[unk()]), "(unknown)");
        assert!(show("keys", &[strs(&[])]).contains("must have map or object type"));
        assert_eq!(show("contains", &[strs(&["a", "b"]), s("b")]), "true");
        assert_eq!(show("contains", &[strs(&["a", "b"]), s("c")]), "false");
        assert_eq!(
            show("contains", &[list(vec![unk(), s("b")]), s("b")]),
            "true"
        );
        assert_eq!(
            show("contains", &[list(vec![unk(), s("b")]), s("c")]),
            "(unknown)"
        );
        assert_eq!(show("contains", &[nums(&[1.0]), s("1")]), "false");
        assert_eq!(show("contains", &[strs(&[]), unk()]), "(unknown)");
        assert!(show("contains", &[s("abc"), s("a")]).contains("must be list, tuple, or set"));
    }

    #[test]
    fn distinct_compact_sort() {
        assert_eq!(
            show("distinct", &[strs(&["a", "b", "a", "c", "b"])]),
            "[\"a\", \"b\", \"c\"]"
        );
        assert_eq!(show("distinct", &[list(vec![s("a"), unk()])]), "(unknown)");
        assert_eq!(
            show(
                "compact",
                &[list(vec![s("a"), s(""), null(), s("b"), n(1.0)])]
            ),
            "[\"a\", \"b\", \"1\"]"
        );
        assert_eq!(show("compact", &[list(vec![s("a"), unk()])]), "(unknown)");
        assert!(show("compact", &[list(vec![strs(&[])])]).contains("list of string required"));
        assert_eq!(
            show("sort", &[list(vec![s("e"), s("d"), n(10.0), n(9.0)])]),
            "[\"10\", \"9\", \"d\", \"e\"]"
        );
        assert!(show("sort", &[list(vec![s("a"), null()])]).contains("element 1 is null"));
        assert_eq!(show("sort", &[list(vec![s("a"), unk()])]), "(unknown)");
    }

    #[test]
    fn coalesce_functions() {
        assert_eq!(show("coalesce", &[s(""), null(), s("b")]), "\"b\"");
        assert_eq!(show("coalesce", &[n(1.0), n(2.0)]), "1");
        assert_eq!(show("coalesce", &[null(), n(1.0), s("x")]), "\"1\"");
        assert_eq!(show("coalesce", &[null(), unk(), s("x")]), "(unknown)");
        assert_eq!(show("coalesce", &[s("a"), unk()]), "\"a\"");
        assert!(
            show("coalesce", &[s(""), null()]).contains("no non-null, non-empty-string arguments")
        );
        assert!(show("coalesce", &[s("a"), strs(&["b"])]).contains("same type"));
        assert_eq!(
            show("coalescelist", &[strs(&[]), strs(&["a"]), strs(&["b"])]),
            "[\"a\"]"
        );
        assert_eq!(show("coalescelist", &[strs(&[]), unk()]), "(unknown)");
        assert!(show("coalescelist", &[strs(&[])]).contains("no non-null arguments"));
        assert!(show("coalescelist", &[s("a")]).contains("must be lists or tuples"));
    }

    #[test]
    fn zipmap_and_transpose() {
        assert_eq!(
            show("zipmap", &[strs(&["a", "b"]), list(vec![n(1.0), unk()])]),
            "{a = 1, b = (unknown)}"
        );
        assert_eq!(
            show("zipmap", &[list(vec![s("a"), unk()]), nums(&[1.0, 2.0])]),
            "(unknown)"
        );
        assert!(
            show("zipmap", &[strs(&["a"]), nums(&[1.0, 2.0])])
                .contains("number of keys (1) does not match number of values (2)")
        );
        assert_eq!(
            show(
                "transpose",
                &[map(&[("a", strs(&["1", "2"])), ("b", strs(&["2", "3"]))])]
            ),
            "{1 = [\"a\"], 2 = [\"a\", \"b\"], 3 = [\"b\"]}"
        );
        assert!(show("transpose", &[map(&[("a", s("x"))])]).contains("map of lists of strings"));
    }

    #[test]
    fn ranges() {
        assert_eq!(show("range", &[n(3.0)]), "[0, 1, 2]");
        assert_eq!(show("range", &[n(1.0), n(4.0)]), "[1, 2, 3]");
        assert_eq!(show("range", &[n(4.0), n(1.0)]), "[4, 3, 2]");
        assert_eq!(show("range", &[n(-3.0)]), "[0, -1, -2]");
        assert_eq!(
            show("range", &[n(0.0), n(1.0), n(0.25)]),
            "[0, 0.25, 0.5, 0.75]"
        );
        assert_eq!(
            show("range", &[n(0.0), n(1.0), n(0.1)])
                .matches(',')
                .count(),
            9
        );
        assert_eq!(
            show("range", &[n(0.0), n(0.5), n(0.1)]),
            "[0, 0.1, 0.2, 0.3, 0.4]"
        );
        assert_eq!(show("range", &[n(0.0)]), "[]");
        assert!(show("range", &[n(0.0), n(5.0), n(0.0)]).contains("step must not be zero"));
        assert!(show("range", &[n(0.0), n(5.0), n(-1.0)]).contains("end must be less than start"));
        assert!(
            show("range", &[n(5.0), n(0.0), n(1.0)]).contains("end must be greater than start")
        );
        assert!(show("range", &[n(1e12)]).contains("more than 1024 values"));
        assert!(show("range", &[n(1025.0)]).contains("more than 1024 values"));
        assert!(show("range", &[n(0.0), n(2049.0), n(2.0)]).contains("more than 1024 values"));
        assert!(!show("range", &[n(1024.0)]).contains("error"));
        assert!(show("range", &[]).contains("not enough"));
        assert_eq!(show("range", &[unk()]), "(unknown)");
    }

    #[test]
    fn slice_reverse_chunk_one() {
        let l = strs(&["a", "b", "c", "d"]);
        assert_eq!(
            show("slice", &[l.clone(), n(1.0), n(3.0)]),
            "[\"b\", \"c\"]"
        );
        assert_eq!(show("slice", &[l.clone(), n(4.0), n(4.0)]), "[]");
        assert!(show("slice", &[l.clone(), n(3.0), n(1.0)]).contains("greater than end index"));
        assert!(show("slice", &[l.clone(), n(0.0), n(5.0)]).contains("greater than the length"));
        assert!(show("slice", &[l.clone(), n(-1.0), n(1.0)]).contains("less than zero"));
        assert!(
            show("slice", &[Value::set(vec![s("a")]), n(0.0), n(1.0)])
                .contains("cannot slice a set")
        );
        assert_eq!(
            show("reverse", std::slice::from_ref(&l)),
            "[\"d\", \"c\", \"b\", \"a\"]"
        );
        assert!(show("reverse", &[s("ab")]).contains("can only reverse"));
        assert_eq!(
            show("chunklist", &[l.clone(), n(3.0)]),
            "[[\"a\", \"b\", \"c\"], [\"d\"]]"
        );
        assert_eq!(
            show("chunklist", &[l.clone(), n(0.0)]),
            "[[\"a\", \"b\", \"c\", \"d\"]]"
        );
        assert_eq!(show("chunklist", &[strs(&[]), n(2.0)]), "[]");
        assert!(show("chunklist", &[l.clone(), n(-1.0)]).contains("must be positive"));
        assert_eq!(show("one", &[strs(&[])]), "null");
        assert_eq!(show("one", &[strs(&["x"])]), "\"x\"");
        assert!(show("one", &[l]).contains("either zero or one elements"));
    }

    #[test]
    fn set_operations() {
        assert_eq!(
            show("setunion", &[strs(&["b", "a"]), strs(&["c", "a"])]),
            "set[\"a\", \"b\", \"c\"]"
        );
        assert_eq!(
            show("setunion", &[strs(&["a"]), nums(&[1.0])]),
            "set[\"1\", \"a\"]"
        );
        assert_eq!(
            show(
                "setintersection",
                &[
                    strs(&["a", "b", "c"]),
                    strs(&["b", "c", "d"]),
                    strs(&["c", "b"])
                ]
            ),
            "set[\"b\", \"c\"]"
        );
        assert_eq!(
            show("setintersection", &[strs(&["a"]), list(vec![unk()])]),
            "(unknown)"
        );
        assert_eq!(
            show("setsubtract", &[strs(&["a", "b", "c"]), strs(&["a", "c"])]),
            "set[\"b\"]"
        );
        assert!(
            show("setunion", &[strs(&["a"]), list(vec![strs(&["x"])])])
                .contains("compatible element types")
        );
        assert!(show("setunion", &[s("a")]).contains("set of any single type required"));
        assert_eq!(
            show("setproduct", &[strs(&["a", "b"]), nums(&[1.0, 2.0])]),
            "[[\"a\", 1], [\"a\", 2], [\"b\", 1], [\"b\", 2]]"
        );
        assert!(matches!(
            super::super::testutil::call("setproduct", &[Value::set(vec![s("a")]), nums(&[1.0])])
                .unwrap()
                .kind,
            Kind::Set(_)
        ));
        assert_eq!(show("setproduct", &[strs(&[]), nums(&[1.0])]), "[]");
        assert!(show("setproduct", &[strs(&["a"])]).contains("at least two"));
        let big = nums(&vec![0.0; 2000]);
        assert_eq!(
            show("setproduct", &[big.clone(), big]),
            "Limit: the result would have more than 1,048,576 elements, tfscan's bound on one value"
        );
    }

    #[test]
    fn large_sets_are_fast() {
        let big = nums(&(0..200_000).map(f64::from).collect::<Vec<_>>());
        let set = super::super::testutil::call("toset", std::slice::from_ref(&big)).unwrap();
        assert_eq!(set.as_list().map(<[Value]>::len), Some(200_000));
        let d = super::super::testutil::call("distinct", std::slice::from_ref(&big)).unwrap();
        assert_eq!(d.as_list().map(<[Value]>::len), Some(200_000));
        let sub = super::super::testutil::call("setsubtract", &[big.clone(), big]).unwrap();
        assert_eq!(sub.as_list().map(<[Value]>::len), Some(0));
        assert_eq!(
            show(
                "distinct",
                &[list(vec![strs(&["a"]), strs(&["a"]), strs(&["b"])])]
            ),
            "[[\"a\"], [\"b\"]]"
        );
    }

    #[test]
    fn aggregates() {
        assert_eq!(show("sum", &[nums(&[1.0, 2.5, 3.0])]), "6.5");
        assert_eq!(show("sum", &[list(vec![s("1"), n(2.0)])]), "3");
        assert!(show("sum", &[strs(&[])]).contains("cannot sum an empty list"));
        assert!(show("sum", &[list(vec![n(1.0), null()])]).contains("number values"));
        assert_eq!(show("sum", &[list(vec![n(1.0), unk()])]), "(unknown)");
        assert_eq!(show("alltrue", &[list(vec![b(true), s("true")])]), "true");
        assert_eq!(show("alltrue", &[list(vec![])]), "true");
        assert_eq!(show("alltrue", &[list(vec![b(false), unk()])]), "false");
        assert_eq!(show("alltrue", &[list(vec![b(true), unk()])]), "(unknown)");
        assert_eq!(show("alltrue", &[list(vec![b(true), null()])]), "false");
        assert_eq!(show("anytrue", &[list(vec![b(false), b(true)])]), "true");
        assert_eq!(show("anytrue", &[list(vec![])]), "false");
        assert_eq!(show("anytrue", &[list(vec![unk(), b(true)])]), "true");
        assert_eq!(show("anytrue", &[list(vec![unk(), b(false)])]), "(unknown)");
        assert!(show("anytrue", &[list(vec![s("maybe")])]).contains("only the strings"));
    }

    #[test]
    fn matchkeys_cases() {
        assert_eq!(
            show(
                "matchkeys",
                &[
                    strs(&["i-1", "i-2", "i-3"]),
                    strs(&["us-west", "us-east", "us-east"]),
                    strs(&["us-east"])
                ]
            ),
            "[\"i-2\", \"i-3\"]"
        );
        assert_eq!(
            show(
                "matchkeys",
                &[strs(&["a", "b"]), nums(&[1.0, 2.0]), strs(&["2"])]
            ),
            "[\"b\"]"
        );
        assert_eq!(
            show("matchkeys", &[strs(&["a"]), strs(&["k"]), strs(&[])]),
            "[]"
        );
        assert!(
            show("matchkeys", &[strs(&["a"]), strs(&[]), strs(&["x"])]).contains("should be equal")
        );
        assert_eq!(
            show(
                "matchkeys",
                &[list(vec![unk()]), strs(&["k"]), strs(&["k"])]
            ),
            "(unknown)"
        );
    }
}
