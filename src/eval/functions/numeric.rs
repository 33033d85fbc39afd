//! Number functions.

use super::{FnResult, arity, bad_param, exact, fail, int_arg, num_arg};
use crate::value::{Kind, Value};

fn unary(args: &[Value], f: impl FnOnce(f64) -> f64) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "num");
    finite_or_inf(f(num_arg(v, "num")?))
}

/// Terraform numbers can be infinite but never NaN.
fn finite_or_inf(n: f64) -> FnResult {
    if n.is_nan() {
        return Err(fail("the result is not a number"));
    }
    Ok(Value::number(if n == 0.0 { 0.0 } else { n }))
}

pub(super) fn abs(args: &[Value]) -> FnResult {
    unary(args, f64::abs)
}

pub(super) fn ceil(args: &[Value]) -> FnResult {
    unary(args, f64::ceil)
}

pub(super) fn floor(args: &[Value]) -> FnResult {
    unary(args, f64::floor)
}

pub(super) fn signum(args: &[Value]) -> FnResult {
    unary(args, |n| {
        if n > 0.0 {
            1.0
        } else if n < 0.0 {
            -1.0
        } else {
            0.0
        }
    })
}

/// `log(num, base)`: `ln(num) / ln(base)`, as Terraform computes it.
pub(super) fn log(args: &[Value]) -> FnResult {
    let [num, base] = exact::<2>(args)?;
    known!(args, "num", "base");
    let (num, base) = (num_arg(num, "num")?, num_arg(base, "base")?);
    finite_or_inf(num.ln() / base.ln())
}

pub(super) fn pow(args: &[Value]) -> FnResult {
    let [num, power] = exact::<2>(args)?;
    known!(args, "num", "power");
    let (num, power) = (num_arg(num, "num")?, num_arg(power, "power")?);
    finite_or_inf(num.powf(power))
}

fn extreme(args: &[Value], pick: fn(f64, f64) -> f64) -> FnResult {
    arity(args, 0, None)?;
    known!(args, "numbers");
    let mut best: Option<f64> = None;
    for a in args {
        let n = num_arg(a, "numbers")?;
        best = Some(best.map_or(n, |b| pick(b, n)));
    }
    best.map(Value::number)
        .ok_or_else(|| fail("must pass at least one number"))
}

pub(super) fn max(args: &[Value]) -> FnResult {
    extreme(args, f64::max)
}

pub(super) fn min(args: &[Value]) -> FnResult {
    extreme(args, f64::min)
}

/// `parseint(number, base)`: Go's `big.Int.SetString` for bases 2 to 62 (above 36, lower
/// case letters are 10–35 and upper case 36–61).
pub(super) fn parseint(args: &[Value]) -> FnResult {
    let [num, base] = exact::<2>(args)?;
    known!(args, "number", "base");
    let Kind::String(s) = &num.kind else {
        return Err(bad_param(
            "number",
            format!("first argument must be a string, not {}", num.type_name()),
        ));
    };
    let base = int_arg(base, "base")
        .ok()
        .filter(|b| (2..=62).contains(b))
        .ok_or_else(|| {
            bad_param(
                "base",
                "base must be a whole number between 2 and 62 inclusive",
            )
        })? as u32;
    let cannot = || fail(format!("cannot parse {:?} as a base {base} integer", &**s));
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..).unwrap_or_default()),
        Some(b'+') => (false, s.get(1..).unwrap_or_default()),
        _ => (false, &**s),
    };
    if digits.is_empty() {
        return Err(cannot());
    }
    let mut n = 0f64;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            'a'..='z' => u32::from(c) - u32::from('a') + 10,
            'A'..='Z' if base <= 36 => u32::from(c) - u32::from('A') + 10,
            'A'..='Z' => u32::from(c) - u32::from('A') + 36,
            _ => return Err(cannot()),
        };
        if d >= base {
            return Err(cannot());
        }
        n = n * f64::from(base) + f64::from(d);
    }
    Ok(Value::number(if neg { -n } else { n }))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn basics() {
        assert_eq!(show("abs", &[n(-12.4)]), "12.4");
        assert_eq!(show("abs", &[s("-3")]), "3");
        assert_eq!(show("ceil", &[n(5.1)]), "6");
        assert_eq!(show("ceil", &[n(-5.1)]), "-5");
        assert_eq!(show("floor", &[n(4.9)]), "4");
        assert_eq!(show("floor", &[n(-4.1)]), "-5");
        assert_eq!(show("signum", &[n(-13.0)]), "-1");
        assert_eq!(show("signum", &[n(0.0)]), "0");
        assert_eq!(show("signum", &[n(344.0)]), "1");
        assert_eq!(show("abs", &[unk()]), "(unknown)");
        assert!(show("abs", &[s("x")]).contains("a number is required"));
        assert!(show("abs", &[strs(&[])]).contains("number required"));
    }

    #[test]
    fn log_and_pow() {
        assert_eq!(show("log", &[n(16.0), n(2.0)]), "4");
        assert_eq!(show("log", &[n(50.0), n(10.0)]), "1.6989700043360185");
        assert_eq!(show("log", &[n(0.0), n(10.0)]), "-inf");
        assert!(show("log", &[n(-1.0), n(10.0)]).contains("not a number"));
        assert_eq!(show("pow", &[n(3.0), n(2.0)]), "9");
        assert_eq!(show("pow", &[n(4.0), n(0.5)]), "2");
    }

    #[test]
    fn min_max() {
        assert_eq!(show("max", &[n(12.0), n(54.0), n(3.0)]), "54");
        assert_eq!(show("min", &[n(12.0), n(54.0), n(3.0)]), "3");
        assert_eq!(show("max", &[s("7"), n(5.0)]), "7");
        assert!(show("max", &[]).contains("at least one number"));
        assert_eq!(show("max", &[n(1.0), unk()]), "(unknown)");
        assert!(show("min", &[n(1.0), null()]).contains("must not be null"));
    }

    #[test]
    fn parseint_bases() {
        assert_eq!(show("parseint", &[s("100"), n(10.0)]), "100");
        assert_eq!(show("parseint", &[s("FF"), n(16.0)]), "255");
        assert_eq!(show("parseint", &[s("-10"), n(16.0)]), "-16");
        assert_eq!(show("parseint", &[s("1011111011101111"), n(2.0)]), "48879");
        assert_eq!(show("parseint", &[s("aA"), n(62.0)]), "656");
        assert_eq!(show("parseint", &[s("12"), n(8.0)]), "10");
        assert!(
            show("parseint", &[s("12"), n(2.0)])
                .contains("cannot parse \"12\" as a base 2 integer")
        );
        assert!(show("parseint", &[s(""), n(10.0)]).contains("cannot parse"));
        assert!(show("parseint", &[s("1_0"), n(10.0)]).contains("cannot parse"));
        assert!(show("parseint", &[s("1"), n(1.0)]).contains("between 2 and 62"));
        assert!(show("parseint", &[n(1.0), n(10.0)]).contains("must be a string"));
    }
}
