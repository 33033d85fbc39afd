//! Terraform's type constraints (`type = list(object({…}))`) and the conversions a
//! variable's value goes through to meet them.

use std::collections::BTreeMap;
use std::sync::Arc;

use hcl_edit::expr::{Expression, ObjectKey};

use crate::value::{Kind, Value, format_number};

/// Converts `v` to the type the expression `ty` describes, as Terraform does when it
/// assigns a variable; unknowns and nulls pass through.
pub fn convert(v: &Value, ty: &Expression) -> Result<Value, String> {
    if v.is_unknown() || v.is_null() {
        return Ok(v.clone());
    }
    match ty {
        Expression::Variable(name) => convert_primitive(v, name.value().as_str()),
        Expression::Parenthesis(p) => convert(v, p.inner()),
        Expression::FuncCall(call) => {
            let args: Vec<&Expression> = call.args.iter().collect();
            let name = call.name.name.value().as_str();
            let elem = args.first().copied();
            match (name, elem) {
                ("list" | "set", Some(t)) => {
                    let items = v
                        .as_list()
                        .ok_or_else(|| format!("a {name} is required, not a {}", v.type_name()))?;
                    let converted = items
                        .iter()
                        .map(|i| convert(i, t))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(if name == "set" {
                        Value::set(converted).with_prov(v.prov.clone())
                    } else {
                        Value::list(converted).with_prov(v.prov.clone())
                    })
                }
                ("map", Some(t)) => {
                    let m = v
                        .as_map()
                        .ok_or_else(|| format!("a map is required, not a {}", v.type_name()))?;
                    let converted = m
                        .iter()
                        .map(|(k, i)| Ok((k.clone(), convert(i, t)?)))
                        .collect::<Result<BTreeMap<_, _>, String>>()?;
                    Ok(Value::map(converted).with_prov(v.prov.clone()))
                }
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
                    let converted = items
                        .iter()
                        .zip(types.iter())
                        .map(|(i, t)| convert(i, t))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(Value::list(converted).with_prov(v.prov.clone()))
                }
                ("object", Some(Expression::Object(attrs))) => convert_object(v, attrs),
                ("optional", Some(t)) => convert(v, t),
                _ => Ok(v.clone()),
            }
        }
        _ => Ok(v.clone()),
    }
}

fn convert_primitive(v: &Value, ty: &str) -> Result<Value, String> {
    let prov = v.prov.clone();
    let bad = || format!("a {ty} is required, not a {}", v.type_name());
    let kind = match (ty, &v.kind) {
        ("any", _) => return Ok(v.clone()),
        ("string", Kind::String(_)) => return Ok(v.clone()),
        ("string", Kind::Number(n)) => Kind::String(Arc::from(format_number(*n))),
        ("string", Kind::Bool(b)) => Kind::String(Arc::from(b.to_string())),
        ("number", Kind::Number(_)) => return Ok(v.clone()),
        ("number", Kind::String(_)) => return v.to_number().ok_or_else(bad),
        ("bool", Kind::Bool(_)) => return Ok(v.clone()),
        ("bool", Kind::String(_)) => Kind::Bool(v.as_bool().ok_or_else(bad)?),
        ("string" | "number" | "bool", _) => return Err(bad()),
        _ => return Ok(v.clone()),
    };
    Ok(Value { kind, prov })
}

fn convert_object(v: &Value, attrs: &hcl_edit::expr::Object) -> Result<Value, String> {
    let m = v
        .as_map()
        .ok_or_else(|| format!("an object is required, not a {}", v.type_name()))?;
    let mut out = BTreeMap::new();
    for (k, t) in attrs.iter() {
        let key = match k {
            ObjectKey::Ident(i) => i.value().as_str().to_string(),
            ObjectKey::Expression(Expression::Variable(i)) => i.value().as_str().to_string(),
            ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
            ObjectKey::Expression(_) => continue,
        };
        let t = t.expr();
        let optional = match t {
            Expression::FuncCall(c) if c.name.name.value().as_str() == "optional" => {
                Some(c.args.iter().nth(1))
            }
            _ => None,
        };
        match (m.get(&key), optional) {
            (Some(x), _) if !x.is_null() => {
                out.insert(key, convert(x, t)?);
            }
            (_, Some(default)) => {
                let d = match default {
                    Some(e) => literal(e).unwrap_or_else(Value::null),
                    None => Value::null(),
                };
                out.insert(key, d);
            }
            (Some(x), None) => {
                out.insert(key, x.clone());
            }
            (None, None) => return Err(format!("attribute \"{key}\" is required")),
        }
    }
    Ok(Value::map(out).with_prov(v.prov.clone()))
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
