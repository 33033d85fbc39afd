//! `format` and `formatlist`: Terraform's printf, a subset of Go's `fmt` verbs.
//!
//! Verbs: `%%`, `%v` (strings as is, numbers in Go's `%g` shortest form, anything else as
//! JSON), `%#v` (JSON), `%t`, `%b %d %o %x %X` (integers only), `%e %E %f %g %G`, `%s`,
//! `%q` (JSON-quoted string). Flags ` `, `+`, `-`, `0`, `#`; a width; a precision; and an
//! explicit one-based argument index `%[2]s`, after which arguments continue from it.
//! Widths and string precisions count user-perceived characters.

use super::encoding::{json_encode, json_quote};
use super::text::{grapheme_count, graphemes};
use super::{
    FnError, FnResult, MAX_RESULT_BYTES, arity, bad_param, fail, find_unknown, parse_number,
    str_arg, unknown_from,
};
use crate::value::{Kind, Value, format_number};

pub(super) fn format(args: &[Value]) -> FnResult {
    arity(args, 1, None)?;
    let Some((fmt_v, rest)) = args.split_first() else {
        return Err(fail("a format string is required"));
    };
    if fmt_v.is_null() {
        return Err(bad_param("format", "argument must not be null"));
    }
    if let Kind::Unknown(u) = &fmt_v.kind {
        return Ok(unknown_from(u));
    }
    let f = str_arg(fmt_v, "format")?;
    // Collections can only be printed as JSON, which needs them wholly known.
    if let Some(u) = rest.iter().find_map(find_unknown) {
        return Ok(unknown_from(u));
    }
    format_values(&f, rest)
        .map(Value::string)
        .map_err(super::helper_error)
}

/// `formatlist(format, args...)`: list arguments (all of the same length) are iterated
/// together; other arguments repeat on every iteration.
pub(super) fn formatlist(args: &[Value]) -> FnResult {
    arity(args, 1, None)?;
    let Some((fmt_v, rest)) = args.split_first() else {
        return Err(fail("a format string is required"));
    };
    if fmt_v.is_null() {
        return Err(bad_param("format", "argument must not be null"));
    }
    if let Kind::Unknown(u) = &fmt_v.kind {
        return Ok(unknown_from(u));
    }
    let f = str_arg(fmt_v, "format")?;
    let mut len: Option<(usize, usize)> = None;
    for (i, a) in rest.iter().enumerate() {
        match &a.kind {
            Kind::List(items) | Kind::Set(items) => match len {
                None => len = Some((items.len(), i)),
                Some((l, first)) if l != items.len() => {
                    return Err(bad_param(
                        "args",
                        format!(
                            "argument {} has length {}, which is inconsistent with argument {} of length {l}",
                            i + 1,
                            items.len(),
                            first + 1
                        ),
                    ));
                }
                Some(_) => {}
            },
            // Terraform would know whether the unknown is a list; tfscan does not, so the
            // whole result is unknown.
            Kind::Unknown(u) => return Ok(unknown_from(u)),
            _ => {}
        }
    }
    let iterations = len.map_or(1, |(l, _)| l);
    let mut out = Vec::with_capacity(iterations);
    let mut total = 0usize;
    for it in 0..iterations {
        let call_args: Vec<Value> = rest
            .iter()
            .map(|a| match &a.kind {
                Kind::List(items) | Kind::Set(items) => {
                    items.get(it).cloned().unwrap_or_else(Value::null)
                }
                _ => a.clone(),
            })
            .collect();
        // An unknown element makes only its own result unknown.
        if let Some(u) = call_args.iter().find_map(find_unknown) {
            out.push(unknown_from(u));
            continue;
        }
        let s = format_values(&f, &call_args).map_err(|e| match super::helper_error(e) {
            FnError::Invalid(e) => fail(format!("error on format iteration {it}: {e}")),
            limit => limit,
        })?;
        total += s.len();
        if total > MAX_RESULT_BYTES {
            return Err(super::over_limit(super::TOO_LARGE));
        }
        out.push(Value::string(s));
    }
    Ok(Value::list(out))
}

#[derive(Default)]
struct Verb<'a> {
    raw: &'a str,
    offset: usize,
    arg: usize,
    sharp: bool,
    zero: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    mode: char,
}

/// The largest width or precision accepted, to keep the work bounded.
const MAX_WIDTH: usize = 1 << 20;

/// Formats `args` according to `f`; errors are worded as Terraform words them.
pub(crate) fn format_values(f: &str, args: &[Value]) -> Result<String, String> {
    let b = f.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut next_arg = 1usize;
    let mut max_used = 0usize;
    let mut verbs = 0usize;
    while i < b.len() {
        let Some(pct) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'%')) else {
            out.push_str(f.get(i..).unwrap_or_default());
            break;
        };
        out.push_str(f.get(i..i + pct).unwrap_or_default());
        i += pct;
        if b.get(i + 1) == Some(&b'%') {
            out.push('%');
            i += 2;
            continue;
        }
        let (verb, after) = parse_verb(f, i, next_arg)?;
        i = after;
        verbs += 1;
        max_used = max_used.max(verb.arg);
        next_arg = verb.arg + 1;
        append(&verb, &mut out, args)?;
        if out.len() > MAX_RESULT_BYTES {
            return Err(super::TOO_LARGE.to_string());
        }
    }
    if args.len() > max_used {
        return Err(if verbs == 0 {
            "too many arguments; no verbs in format string".to_string()
        } else {
            format!("too many arguments; only {max_used} used by format string")
        });
    }
    Ok(out)
}

/// The verb whose `%` is at `start` (flags, `[n]` argument index, width, precision, mode),
/// taking argument `next_arg` unless it names one, and the index after it.
fn parse_verb(f: &str, start: usize, next_arg: usize) -> Result<(Verb<'_>, usize), String> {
    let b = f.as_bytes();
    let mut i = start + 1;
    let mut verb = Verb {
        offset: start,
        arg: next_arg,
        ..Verb::default()
    };
    while let Some(&c) = b.get(i) {
        match c {
            b'0' => verb.zero = true,
            b'#' => verb.sharp = true,
            b'-' => verb.minus = true,
            b'+' => verb.plus = true,
            b' ' => verb.space = true,
            _ => break,
        }
        i += 1;
    }
    if b.get(i) == Some(&b'[') {
        i += 1;
        let (n, next) = read_number(b, i, false);
        if n == 0 || b.get(next) != Some(&b']') {
            return Err(bad_char(f, next));
        }
        verb.arg = n;
        i = next + 1;
    }
    if b.get(i).is_some_and(|c| (b'1'..=b'9').contains(c)) {
        let (n, next) = read_number(b, i, false);
        verb.width = Some(n);
        i = next;
    }
    if b.get(i) == Some(&b'.') {
        let (n, next) = read_number(b, i + 1, true);
        verb.prec = Some(n);
        i = next;
    }
    if verb.width.unwrap_or(0) > MAX_WIDTH || verb.prec.unwrap_or(0) > MAX_WIDTH {
        return Err(super::TOO_WIDE.to_string());
    }
    match b.get(i) {
        Some(c) if c.is_ascii_alphabetic() => {
            verb.mode = char::from(*c);
            verb.raw = f.get(start..=i).unwrap_or_default();
            Ok((verb, i + 1))
        }
        Some(_) => Err(bad_char(f, i)),
        // Terraform reports the end of the string, where its scanner stopped.
        None => Err(format!(
            "invalid format string starting at offset {}",
            b.len()
        )),
    }
}

/// Reads decimal digits at `i`; returns the (saturated) number and the index after them.
fn read_number(b: &[u8], mut i: usize, allow_leading_zero: bool) -> (usize, usize) {
    let mut n = 0usize;
    let first = i;
    while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        if i == first && *c == b'0' && !allow_leading_zero {
            break;
        }
        n = n.saturating_mul(10).saturating_add(usize::from(c - b'0'));
        i += 1;
    }
    (n, i)
}

fn bad_char(f: &str, at: usize) -> String {
    match f.get(at..).and_then(|r| r.chars().next()) {
        Some(c) => format!("unrecognized format character '{c}' at offset {at}"),
        None => format!("invalid format string starting at offset {at}"),
    }
}

fn append(verb: &Verb<'_>, out: &mut String, args: &[Value]) -> Result<(), String> {
    let Some(arg) = verb.arg.checked_sub(1).and_then(|i| args.get(i)) else {
        return Err(format!(
            "not enough arguments for \"{}\" at {}: need index {} but have {} total",
            verb.raw,
            verb.offset,
            verb.arg,
            args.len()
        ));
    };
    let unsupported = |why: &str| unsupported(verb, why);
    if verb.mode != 'v' && arg.is_null() {
        return Err(unsupported("null value cannot be formatted"));
    }
    match verb.mode {
        'v' => {
            let text = match &arg.kind {
                Kind::String(s) if !verb.sharp => s.to_string(),
                Kind::Number(n) if !verb.sharp => go_g(*n, None),
                _ => json_encode(arg).map_err(|e| {
                    if e == super::TOO_LARGE {
                        e
                    } else {
                        unsupported(&e)
                    }
                })?,
            };
            pad(verb, out, &text);
        }
        't' => {
            let v = match &arg.kind {
                Kind::Bool(v) => *v,
                Kind::String(s) if &**s == "true" => true,
                Kind::String(s) if &**s == "false" => false,
                _ => return Err(unsupported("bool required")),
            };
            out.push_str(if v { "true" } else { "false" });
        }
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = match &arg.kind {
                Kind::Number(n) => *n,
                Kind::String(s) => {
                    parse_number(s).ok_or_else(|| unsupported("a number is required"))?
                }
                _ => return Err(unsupported("number required")),
            };
            if matches!(verb.mode, 'b' | 'd' | 'o' | 'x' | 'X') {
                format_integer(verb, out, n).map_err(|e| unsupported(&e))?;
            } else {
                format_float(verb, out, n);
            }
        }
        's' | 'q' => append_text(verb, out, arg)?,
        m => {
            return Err(format!(
                "unsupported format verb '{m}' in \"{}\" at offset {}",
                verb.raw, verb.offset
            ));
        }
    }
    Ok(())
}

/// Why `verb` cannot format its argument, as Terraform words it.
fn unsupported(verb: &Verb<'_>, why: &str) -> String {
    format!(
        "unsupported value for \"{}\" at {}: {why}",
        verb.raw, verb.offset
    )
}

/// Appends `arg` as text for `%s` (as is) or `%q` (quoted as JSON), its precision limiting
/// how many characters of it are used.
fn append_text(verb: &Verb<'_>, out: &mut String, arg: &Value) -> Result<(), String> {
    let s = match &arg.kind {
        Kind::String(s) => s.to_string(),
        Kind::Number(n) => format_number(*n),
        Kind::Bool(b) => b.to_string(),
        _ => return Err(unsupported(verb, "string required")),
    };
    // A precision limits how many characters of the input are used.
    let s = match verb.prec {
        Some(p) if p > 0 => graphemes(&s).into_iter().take(p).collect(),
        _ => s,
    };
    if verb.mode == 's' {
        pad(verb, out, &s);
    } else {
        let mut q = String::new();
        json_quote(&s, &mut q);
        pad(verb, out, &q);
    }
    Ok(())
}

/// Pads to the verb's width, counting user-perceived characters.
fn pad(verb: &Verb<'_>, out: &mut String, text: &str) {
    let width = verb.width.unwrap_or(0);
    let len = grapheme_count(text);
    if len >= width {
        out.push_str(text);
        return;
    }
    let fill = if verb.zero { "0" } else { " " }.repeat(width - len);
    if verb.minus {
        out.push_str(text);
        out.push_str(&fill);
    } else {
        out.push_str(&fill);
        out.push_str(text);
    }
}

/// Go's formatting of a `*big.Int` with `%b %d %o %x %X`.
fn format_integer(verb: &Verb<'_>, out: &mut String, n: f64) -> Result<(), String> {
    if n.fract() != 0.0 || !n.is_finite() {
        return Err("an integer is required".to_string());
    }
    let mag = n.abs();
    let digits = if mag < 3.4e38 {
        let m = mag as u128;
        match verb.mode {
            'b' => format!("{m:b}"),
            'o' => format!("{m:o}"),
            'x' => format!("{m:x}"),
            'X' => format!("{m:X}"),
            _ => m.to_string(),
        }
    } else if verb.mode == 'd' {
        format!("{mag:.0}")
    } else {
        return Err("the number is too large for this verb".to_string());
    };
    let sign = if n < 0.0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let prefix = match (verb.sharp, verb.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    // A precision is the minimum number of digits; a zero value with precision 0 prints
    // no digits at all.
    let (zeros, digits) = match verb.prec {
        Some(0) if mag == 0.0 => (0, String::new()),
        Some(p) if p > digits.len() => (p - digits.len(), digits),
        _ => (0, digits),
    };
    let len = sign.len() + prefix.len() + zeros + digits.len();
    let padding = verb.width.unwrap_or(0).saturating_sub(len);
    let body = format!("{prefix}{}{digits}", "0".repeat(zeros));
    if verb.minus {
        out.push_str(sign);
        out.push_str(&body);
        out.push_str(&" ".repeat(padding));
    } else if verb.zero && verb.prec.is_none() {
        out.push_str(sign);
        out.push_str(&"0".repeat(padding));
        out.push_str(&body);
    } else {
        out.push_str(&" ".repeat(padding));
        out.push_str(sign);
        out.push_str(&body);
    }
    Ok(())
}

/// Go's formatting of a `*big.Float` with `%e %E %f %g %G`.
fn format_float(verb: &Verb<'_>, out: &mut String, n: f64) {
    let mag = n.abs();
    let body = if n.is_infinite() {
        "Inf".to_string()
    } else {
        match verb.mode {
            'e' | 'E' => {
                let s = go_e(mag, verb.prec.unwrap_or(6));
                if verb.mode == 'E' {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            'f' => format!("{mag:.*}", verb.prec.unwrap_or(6)),
            _ => {
                let s = go_g(mag, verb.prec);
                if verb.mode == 'G' {
                    s.to_uppercase()
                } else {
                    s
                }
            }
        }
    };
    let sign = if n < 0.0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let padding = verb
        .width
        .unwrap_or(0)
        .saturating_sub(sign.len() + body.len());
    if verb.zero && n.is_finite() {
        out.push_str(sign);
        out.push_str(&"0".repeat(padding));
        out.push_str(&body);
    } else if verb.minus {
        out.push_str(sign);
        out.push_str(&body);
        out.push_str(&" ".repeat(padding));
    } else {
        out.push_str(&" ".repeat(padding));
        out.push_str(sign);
        out.push_str(&body);
    }
}

/// Decimal digits of a non-negative number: value = 0.d₁d₂… × 10^dp; no trailing zeros,
/// and no digits at all for zero (as Go's decimal conversion).
struct Decimal {
    digits: Vec<u8>,
    dp: i32,
}

/// Splits Rust's `{:e}` rendering ("1.2345e3") into digits and decimal point position.
fn decimal_from_exp(s: &str) -> Decimal {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return Decimal { digits, dp: 0 };
    }
    Decimal {
        digits,
        dp: exp + 1,
    }
}

/// Go's `%e` with `prec` digits after the point, exponent with a sign and two digits.
fn go_e(mag: f64, prec: usize) -> String {
    let s = format!("{mag:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    format!("{mant}{}", exp_suffix(exp))
}

fn exp_suffix(exp: i32) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("e{sign}{:02}", exp.unsigned_abs())
}

/// Go's `%g` of a non-negative number (also how `%v` prints numbers): `prec` significant
/// digits, or the shortest exact representation; exponent form when the exponent is below
/// -4 or at least the precision (6 for the shortest form).
pub(crate) fn go_g(n: f64, prec: Option<usize>) -> String {
    if n.is_infinite() {
        return if n > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let neg = n < 0.0;
    let mag = n.abs();
    let (d, mut p, shortest) = match prec {
        None => {
            let d = decimal_from_exp(&format!("{mag:e}"));
            let p = d.digits.len();
            (d, p, true)
        }
        Some(p) => {
            let p = p.max(1);
            (decimal_from_exp(&format!("{mag:.*e}", p - 1)), p, false)
        }
    };
    let nd = d.digits.len();
    let mut eprec = p;
    if eprec > nd && nd as i64 >= i64::from(d.dp) {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let exp = i64::from(d.dp) - 1;
    let body = if exp < -4 || exp >= eprec as i64 {
        if p > nd {
            p = nd;
        }
        fmt_e(&d, p.saturating_sub(1))
    } else {
        if p as i64 > i64::from(d.dp) {
            p = nd;
        }
        fmt_f(&d, (p as i64 - i64::from(d.dp)).max(0) as usize)
    };
    if neg { format!("-{body}") } else { body }
}

fn digit(d: &Decimal, i: i64) -> char {
    usize::try_from(i)
        .ok()
        .and_then(|i| d.digits.get(i))
        .map_or('0', |c| char::from(*c))
}

fn fmt_e(d: &Decimal, prec: usize) -> String {
    let mut s = String::new();
    s.push(digit(d, 0));
    if prec > 0 {
        s.push('.');
        for i in 1..=prec {
            s.push(digit(d, i as i64));
        }
    }
    let exp = if d.digits.is_empty() { 0 } else { d.dp - 1 };
    s.push_str(&exp_suffix(exp));
    s
}

fn fmt_f(d: &Decimal, prec: usize) -> String {
    let mut s = String::new();
    if d.dp > 0 {
        for i in 0..i64::from(d.dp) {
            s.push(digit(d, i));
        }
    } else {
        s.push('0');
    }
    if prec > 0 {
        s.push('.');
        for i in 0..prec {
            s.push(digit(d, i64::from(d.dp) + i as i64));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::go_g;

    fn fmt(f: &str, args: &[crate::value::Value]) -> String {
        let mut all = vec![s(f)];
        all.extend(args.iter().cloned());
        show("format", &all)
    }

    #[test]
    fn basic_verbs() {
        assert_eq!(fmt("Hello, %s!", &[s("Ander")]), "\"Hello, Ander!\"");
        assert_eq!(
            fmt("There are %d lights", &[n(4.0)]),
            "\"There are 4 lights\""
        );
        assert_eq!(
            fmt("%v %v %v", &[s("a"), n(1.5), b(true)]),
            "\"a 1.5 true\""
        );
        assert_eq!(fmt("%t", &[s("true")]), "\"true\"");
        assert_eq!(fmt("100%%", &[]), "\"100%\"");
        assert_eq!(fmt("%s", &[n(10.0)]), "\"10\"");
        assert_eq!(fmt("%v", &[null()]), "\"null\"");
        assert_eq!(
            fmt("%v", &[strs(&["a", "<b>"])]),
            "\"[\\\"a\\\",\\\"\\\\u003cb\\\\u003e\\\"]\""
        );
        assert_eq!(fmt("%#v", &[s("a")]), "\"\\\"a\\\"\"");
        assert_eq!(fmt("%q", &[s("a\"b")]), "\"\\\"a\\\\\\\"b\\\"\"");
        assert_eq!(fmt("%v", &[map(&[("k", n(1.0))])]), "\"{\\\"k\\\":1}\"");
    }

    #[test]
    fn numbers() {
        assert_eq!(fmt("%.2f", &[n(1.23456)]), "\"1.23\"");
        assert_eq!(fmt("%f", &[n(1.0)]), "\"1.000000\"");
        assert_eq!(fmt("%5.1f|", &[n(-2.25)]), "\" -2.2|\"");
        assert_eq!(fmt("%e", &[n(1234.5678)]), "\"1.234568e+03\"");
        assert_eq!(fmt("%E", &[n(0.00012)]), "\"1.200000E-04\"");
        assert_eq!(fmt("%g", &[n(100000.0)]), "\"100000\"");
        assert_eq!(fmt("%g", &[n(1000000.0)]), "\"1e+06\"");
        assert_eq!(fmt("%g", &[n(0.0001)]), "\"0.0001\"");
        assert_eq!(fmt("%g", &[n(0.00001)]), "\"1e-05\"");
        assert_eq!(fmt("%.3g", &[n(1.23456)]), "\"1.23\"");
        assert_eq!(fmt("%.3g", &[n(1234.0)]), "\"1.23e+03\"");
        assert_eq!(fmt("%v", &[n(1e21)]), "\"1e+21\"");
        assert_eq!(
            fmt("%b %o %x %X", &[n(5.0), n(8.0), n(255.0), n(255.0)]),
            "\"101 10 ff FF\""
        );
        assert_eq!(fmt("%#x", &[n(255.0)]), "\"0xff\"");
        assert_eq!(
            fmt("%05d|%-5d|%5d|%+d", &[n(42.0), n(42.0), n(-42.0), n(7.0)]),
            "\"00042|42   |  -42|+7\""
        );
        assert_eq!(fmt("%.3d", &[n(7.0)]), "\"007\"");
        assert_eq!(fmt("%d", &[s("12")]), "\"12\"");
        assert_eq!(fmt("%d", &[n(1e20)]), "\"100000000000000000000\"");
        assert!(fmt("%d", &[n(1.5)]).contains("an integer is required"));
        assert!(fmt("%d", &[s("x")]).contains("unsupported value for \"%d\" at 0"));
        assert_eq!(go_g(0.0, None), "0");
        assert_eq!(go_g(123456.0, None), "123456");
        assert_eq!(go_g(1e-7, None), "1e-07");
        assert_eq!(go_g(-2.5, None), "-2.5");
    }

    #[test]
    fn width_precision_and_indexes() {
        assert_eq!(fmt("%5s|%-5s|", &[s("ab"), s("cd")]), "\"   ab|cd   |\"");
        assert_eq!(fmt("%.2s", &[s("héllo")]), "\"hé\"");
        assert_eq!(fmt("%3s", &[s("é")]), "\"  é\"");
        assert_eq!(fmt("%[2]s %[1]s %s", &[s("a"), s("b")]), "\"b a b\"");
        assert_eq!(fmt("%06.2f", &[n(1.23456)]), "\"001.23\"");
    }

    #[test]
    fn errors() {
        assert!(
            fmt("%s %s", &[s("a")])
                .contains("not enough arguments for \"%s\" at 3: need index 2 but have 1 total")
        );
        assert!(
            fmt("%s", &[s("a"), s("b")])
                .contains("too many arguments; only 1 used by format string")
        );
        assert!(fmt("hello", &[s("a")]).contains("no verbs in format string"));
        assert!(fmt("%z", &[s("a")]).contains("unsupported format verb 'z'"));
        assert!(fmt("abc%", &[]).contains("invalid format string starting at offset 4"));
        assert!(fmt("%!", &[s("a")]).contains("unrecognized format character '!' at offset 1"));
        assert!(fmt("%s", &[null()]).contains("null value cannot be formatted"));
        assert!(fmt("%s", &[strs(&["a"])]).contains("string required"));
        assert_eq!(
            fmt("%999999999s", &[s("a")]),
            "Limit: a width or precision above 1,048,576, tfscan's bound on a format verb"
        );
        assert!(show("format", &[null()]).contains("must not be null"));
    }

    #[test]
    fn unknowns() {
        assert_eq!(fmt("%s", &[unk()]), "(unknown)");
        assert_eq!(fmt("%v", &[list(vec![unk()])]), "(unknown)");
        assert_eq!(show("format", &[unk(), s("a")]), "(unknown)");
    }

    #[test]
    fn formatlist_iterates() {
        assert_eq!(
            show(
                "formatlist",
                &[s("Hello, %s!"), strs(&["Valentina", "Ander"])]
            ),
            "[\"Hello, Valentina!\", \"Hello, Ander!\"]"
        );
        assert_eq!(
            show("formatlist", &[s("%s=%s"), strs(&["a", "b"]), s("x")]),
            "[\"a=x\", \"b=x\"]"
        );
        assert_eq!(show("formatlist", &[s("%s"), s("x")]), "[\"x\"]");
        assert_eq!(show("formatlist", &[s("%s"), strs(&[])]), "[]");
        assert_eq!(
            show("formatlist", &[s("%s"), list(vec![s("a"), unk()])]),
            "[\"a\", (unknown)]"
        );
        assert!(
            show("formatlist", &[s("%s%s"), strs(&["a"]), strs(&["b", "c"])]).contains(
                "argument 2 has length 2, which is inconsistent with argument 1 of length 1"
            )
        );
        assert!(
            show("formatlist", &[s("%d"), strs(&["a"])]).contains("error on format iteration 0")
        );
    }
}
