//! Terraform's type constraints (`type = list(object({…}))`) and the conversions a
//! variable's value goes through to meet them.

use std::collections::BTreeMap;
use std::sync::Arc;

use hcl_edit::expr::{Expression, ObjectKey};

use crate::value::{Kind, Value, format_number};

/// Converts `v` to the type the expression `ty` describes, as Terraform does when it
/// assigns a variable; unknowns and nulls pass through.
pub fn convert(v: &Value, ty: &Expression) -> Result<Value, String> {
    Ok(converted(v, ty)?.unwrap_or_else(|| v.clone()))
}

/// [`convert`], `None` when `v` already has the type: most values do, and rebuilding
/// each collection (and its provenance) to hold the same elements was most of the cost
/// of reading a variable. The value returned is the same either way.
fn converted(v: &Value, ty: &Expression) -> Result<Option<Value>, String> {
    if v.is_unknown() || v.is_null() {
        return Ok(None);
    }
    match ty {
        Expression::Variable(name) => convert_primitive(v, name.value().as_str()),
        Expression::Parenthesis(p) => converted(v, p.inner()),
        Expression::FuncCall(call) => {
            let name = call.name.name.value().as_str();
            let elem = call.args.iter().next();
            match (name, elem) {
                ("list" | "set", Some(t)) => {
                    let items = v
                        .as_list()
                        .ok_or_else(|| format!("a {name} is required, not a {}", v.type_name()))?;
                    let same = name == "list" && matches!(v.kind, Kind::List(_));
                    let Some(converted) = elements(items, |_| t, same)? else {
                        return Ok(None);
                    };
                    Ok(Some(if name == "set" {
                        Value::set(converted).with_prov(v.prov.clone())
                    } else {
                        Value::list(converted).with_prov(v.prov.clone())
                    }))
                }
                ("map", Some(t)) => convert_map(v, t),
                ("tuple", Some(Expression::Array(types))) => {
                    let items = v
                        .as_list()
                        .ok_or_else(|| format!("a tuple is required, not a {}", v.type_name()))?;
                    if items.len() != types.len() {
                        return Err(format!(
                            "a tuple of {} elements is required, not {}",
                            types.len(),
                            items.len()
                        ));
                    }
                    let types: Vec<&Expression> = types.iter().collect();
                    let same = matches!(v.kind, Kind::List(_));
                    let converted = elements(items, |i| types[i], same)?;
                    Ok(converted.map(|c| Value::list(c).with_prov(v.prov.clone())))
                }
                ("object", Some(Expression::Object(attrs))) => convert_object(v, attrs),
                ("optional", Some(t)) => converted(v, t),
                _ => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// Each of `items` converted to its type (`ty(i)` for the `i`th); `None` when `same`
/// (the collection is already of the kind wanted) and no element changed.
fn elements<'t>(
    items: &[Value],
    ty: impl Fn(usize) -> &'t Expression,
    same: bool,
) -> Result<Option<Vec<Value>>, String> {
    let mut out: Option<Vec<Value>> = (!same).then(|| Vec::with_capacity(items.len()));
    for (i, item) in items.iter().enumerate() {
        match (converted(item, ty(i))?, &mut out) {
            (None, None) => {}
            (None, Some(out)) => out.push(item.clone()),
            (Some(c), Some(out)) => out.push(c),
            (Some(c), None) => {
                let mut all = Vec::with_capacity(items.len());
                all.extend(items.iter().take(i).cloned());
                all.push(c);
                out = Some(all);
            }
        }
    }
    Ok(out)
}

fn convert_map(v: &Value, t: &Expression) -> Result<Option<Value>, String> {
    let m = v
        .as_map()
        .ok_or_else(|| format!("a map is required, not a {}", v.type_name()))?;
    let mut changed: Vec<(&String, Value)> = Vec::new();
    for (k, i) in m {
        if let Some(c) = converted(i, t)? {
            changed.push((k, c));
        }
    }
    if changed.is_empty() && matches!(v.kind, Kind::Map(_)) {
        return Ok(None);
    }
    let mut out = m.clone();
    for (k, c) in changed {
        if let Some(slot) = out.get_mut(k) {
            *slot = c;
        }
    }
    Ok(Some(Value::map(out).with_prov(v.prov.clone())))
}

fn convert_primitive(v: &Value, ty: &str) -> Result<Option<Value>, String> {
    let prov = v.prov.clone();
    let bad = || format!("a {ty} is required, not a {}", v.type_name());
    let kind = match (ty, &v.kind) {
        ("any", _) => return Ok(None),
        ("string", Kind::String(_)) => return Ok(None),
        ("string", Kind::Number(n)) => Kind::String(Arc::from(format_number(*n))),
        ("string", Kind::Bool(b)) => Kind::String(Arc::from(b.to_string())),
        ("number", Kind::Number(_)) => return Ok(None),
        ("number", Kind::String(_)) => return v.to_number().ok_or_else(bad).map(Some),
        ("bool", Kind::Bool(_)) => return Ok(None),
        ("bool", Kind::String(_)) => Kind::Bool(v.as_bool().ok_or_else(bad)?),
        ("string" | "number" | "bool", _) => return Err(bad()),
        _ => return Ok(None),
    };
    Ok(Some(Value { kind, prov }))
}

/// An object converted to the attributes its type names: `None` when it has exactly
/// those attributes, each already of its type (and none left to an `optional()`).
fn convert_object(v: &Value, attrs: &hcl_edit::expr::Object) -> Result<Option<Value>, String> {
    let m = v
        .as_map()
        .ok_or_else(|| format!("an object is required, not a {}", v.type_name()))?;
    // Each attribute the type names, in its order, with its value when it changed.
    let mut named: Vec<(&str, Option<Value>)> = Vec::with_capacity(attrs.len());
    for (k, t) in attrs.iter() {
        let key = match k {
            ObjectKey::Ident(i) => i.value().as_str(),
            ObjectKey::Expression(Expression::Variable(i)) => i.value().as_str(),
            ObjectKey::Expression(Expression::String(s)) => s.value().as_str(),
            ObjectKey::Expression(_) => continue,
        };
        let t = t.expr();
        let optional = match t {
            Expression::FuncCall(c) if c.name.name.value().as_str() == "optional" => {
                Some(c.args.iter().nth(1))
            }
            _ => None,
        };
        let value = match (m.get(key), optional) {
            (Some(x), _) if !x.is_null() => converted(x, t)?,
            (_, Some(default)) => Some(match default {
                Some(e) => literal(e).unwrap_or_else(Value::null),
                None => Value::null(),
            }),
            (Some(_), None) => None,
            (None, None) => return Err(format!("attribute \"{key}\" is required")),
        };
        named.push((key, value));
    }
    // Every attribute named is in `m`; it has no other when as many distinct ones are.
    if named.iter().all(|(_, c)| c.is_none()) && matches!(v.kind, Kind::Map(_)) {
        let mut keys: Vec<&str> = named.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.len() == m.len() {
            return Ok(None);
        }
    }
    let mut out = BTreeMap::new();
    for (key, c) in named {
        let value = match c {
            Some(c) => c,
            None => m.get(key).cloned().unwrap_or_else(Value::null),
        };
        out.insert(key.to_string(), value);
    }
    Ok(Some(Value::map(out).with_prov(v.prov.clone())))
}

/// The value of a literal expression (an `optional()` default), without provenance.
fn literal(e: &Expression) -> Option<Value> {
    Some(match e {
        Expression::Null(_) => Value::null(),
        Expression::Bool(b) => Value::bool(*b.value()),
        Expression::Number(n) => Value::number(n.value().as_f64()?),
        Expression::String(s) => Value::string(s.value().as_str()),
        Expression::Array(a) => Value::list(a.iter().map(literal).collect::<Option<_>>()?),
        Expression::Object(o) => Value::map(
            o.iter()
                .map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Ident(i) => i.value().as_str().to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                        ObjectKey::Expression(Expression::Variable(i)) => {
                            i.value().as_str().to_string()
                        }
                        ObjectKey::Expression(_) => return None,
                    };
                    Some((key, literal(v.expr())?))
                })
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// True when the type constraint is a primitive (or absent), so a `--var` or `TF_VAR_`
/// string is taken literally rather than parsed as HCL.
pub fn is_primitive(ty: Option<&Expression>) -> bool {
    match ty {
        None => true,
        Some(Expression::Variable(v)) => {
            matches!(v.value().as_str(), "string" | "number" | "bool")
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> Expression {
        hcl_edit::parser::parse_expr(s).expect("test type expressions are valid HCL")
    }

    #[test]
    fn primitives_convert_like_terraform() {
        assert_eq!(
            convert(&Value::string("22"), &ty("number"))
                .unwrap()
                .as_number(),
            Some(22.0)
        );
        assert_eq!(
            convert(&Value::number(5.0), &ty("string"))
                .unwrap()
                .as_str(),
            Some("5")
        );
        assert!(convert(&Value::string("x"), &ty("number")).is_err());
        assert!(convert(&Value::list(vec![]), &ty("string")).is_err());
    }

    #[test]
    fn objects_fill_optional_attributes() {
        let v = Value::map([("a".to_string(), Value::string("1"))].into());
        let out = convert(
            &v,
            &ty("object({a = number, b = optional(string, \"x\"), c = optional(bool)})"),
        )
        .unwrap();
        let m = out.as_map().unwrap();
        assert_eq!(m["a"].as_number(), Some(1.0));
        assert_eq!(m["b"].as_str(), Some("x"));
        assert!(m["c"].is_null());
        assert!(convert(&Value::map(BTreeMap::new()), &ty("object({a = string})")).is_err());
    }

    /// The conversion as it was before values already of their type were returned as
    /// they are: every collection rebuilt. [`convert`] must give exactly what it gives.
    fn rebuilt(v: &Value, ty: &Expression) -> Result<Value, String> {
        if v.is_unknown() || v.is_null() {
            return Ok(v.clone());
        }
        let all = |items: &[Value], t: &dyn Fn(usize) -> Expression| {
            let converted = items.iter().enumerate().map(|(i, x)| rebuilt(x, &t(i)));
            converted.collect::<Result<Vec<_>, _>>()
        };
        let Expression::FuncCall(call) = ty else {
            return match ty {
                Expression::Parenthesis(p) => rebuilt(v, p.inner()),
                _ => convert(v, ty),
            };
        };
        let elem = call.args.iter().next().cloned();
        let prov = v.prov.clone();
        Ok(match (call.name.name.value().as_str(), elem) {
            ("list", Some(t)) => Value::list(all(v.as_list().ok_or("")?, &|_| t.clone())?),
            ("set", Some(t)) => Value::set(all(v.as_list().ok_or("")?, &|_| t.clone())?),
            ("tuple", Some(Expression::Array(ts)))
                if v.as_list().map(<[_]>::len) == Some(ts.len()) =>
            {
                Value::list(all(v.as_list().ok_or("")?, &|i| {
                    ts.get(i).cloned().unwrap()
                })?)
            }
            ("map", Some(t)) => Value::map(
                v.as_map()
                    .ok_or("")?
                    .iter()
                    .map(|(k, x)| Ok((k.clone(), rebuilt(x, &t)?)))
                    .collect::<Result<_, String>>()?,
            ),
            ("object", Some(Expression::Object(attrs))) => {
                let m = v.as_map().ok_or("")?;
                let mut out = BTreeMap::new();
                for (k, t) in attrs.iter() {
                    let ObjectKey::Ident(k) = k else { continue };
                    let key = k.value().to_string();
                    let optional = match t.expr() {
                        Expression::FuncCall(c) if c.name.name.value().as_str() == "optional" => {
                            Some(c.args.iter().nth(1).and_then(literal))
                        }
                        _ => None,
                    };
                    let x = match (m.get(&key), optional) {
                        (Some(x), _) if !x.is_null() => rebuilt(x, t.expr())?,
                        (_, Some(default)) => default.unwrap_or_else(Value::null),
                        (Some(x), None) => x.clone(),
                        (None, None) => return Err(String::new()),
                    };
                    out.insert(key, x);
                }
                Value::map(out)
            }
            ("optional", Some(t)) => return rebuilt(v, &t),
            _ => return convert(v, ty),
        }
        .with_prov(prov))
    }

    fn at(kind: Kind, start: usize) -> Value {
        Value::at(
            kind,
            crate::source::Span::new(crate::source::FileId(0), start..start + 1),
        )
    }

    /// Values already of their type, values that need converting inside collections,
    /// sets from lists, objects with attributes to drop or fill: the same values as a
    /// full rebuild, provenance included.
    #[test]
    fn conversion_gives_what_a_rebuild_gives() {
        let s = |t: &str, at_: usize| at(Kind::String(t.into()), at_);
        let n = |x: f64, at_: usize| at(Kind::Number(x), at_);
        let list = |items: Vec<Value>, at_: usize| at(Kind::List(Arc::new(items)), at_);
        let map = |items: Vec<(&str, Value)>, at_: usize| {
            let m = items.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            at(Kind::Map(Arc::new(m)), at_)
        };
        let values = [
            list(vec![s("b", 1), s("a", 2), s("b", 3)], 4),
            list(vec![n(1.0, 1), s("2", 2), at(Kind::Bool(true), 3)], 4),
            Value::set(vec![s("a", 1), s("b", 2)]),
            map(vec![("a", s("1", 1)), ("b", n(2.0, 2))], 3),
            map(
                vec![("a", s("x", 1)), ("b", n(2.0, 2)), ("z", s("q", 5))],
                3,
            ),
            map(vec![("a", s("x", 1)), ("b", Value::null())], 3),
            list(
                vec![
                    map(vec![("a", n(1.0, 1))], 2),
                    map(vec![("a", s("y", 3))], 4),
                ],
                5,
            ),
            map(vec![("k", list(vec![n(3.0, 1)], 2))], 3),
            Value::unknown("u"),
            s("7", 9),
        ];
        let types = [
            "string",
            "number",
            "bool",
            "any",
            "list(string)",
            "list(number)",
            "set(string)",
            "set(number)",
            "list(any)",
            "map(string)",
            "map(number)",
            "map(any)",
            "tuple([string, number, string])",
            "tuple([number, number, bool])",
            "object({a = string, b = number})",
            "object({a = string})",
            "object({a = string, b = optional(number, 5), c = optional(string)})",
            "list(object({a = string}))",
            "list(object({a = number}))",
            "map(list(string))",
            "optional(list(string))",
            "(list(string))",
        ];
        for v in &values {
            for t in types {
                let (new, old) = (convert(v, &ty(t)), rebuilt(v, &ty(t)));
                let same = match (&new, &old) {
                    (Ok(a), Ok(b)) => format!("{a:?}") == format!("{b:?}"),
                    (Err(_), Err(_)) => true,
                    _ => false,
                };
                assert!(same, "{v:?} as {t}: {new:?} != {old:?}");
            }
        }
    }

    #[test]
    fn sets_deduplicate() {
        let v = Value::list(vec![
            Value::string("b"),
            Value::string("a"),
            Value::string("b"),
        ]);
        let out = convert(&v, &ty("set(string)")).unwrap();
        assert_eq!(out.as_list().unwrap().len(), 2);
    }
}
