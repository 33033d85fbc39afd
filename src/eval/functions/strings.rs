//! String functions.

use std::borrow::Cow;
use std::collections::BTreeMap;

use regex::Regex;

use super::text::{graphemes, lower_char, title as go_title, upper_char};
use super::{
    FnError, FnResult, MAX_RESULT_BYTES, TOO_LARGE, bad_param, exact, fail, int_arg, over_limit,
    seq_arg, str_arg, unknown_inside,
};
use crate::value::{Kind, Partial, Value};

/// Applies a string-to-string transformation to the single argument `str`.
fn map_str(args: &[Value], f: impl FnOnce(&str) -> String) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    Ok(Value::string(f(&str_arg(v, "str")?)))
}

pub(super) fn lower(args: &[Value]) -> FnResult {
    map_str(args, |s| s.chars().map(lower_char).collect())
}

pub(super) fn upper(args: &[Value]) -> FnResult {
    map_str(args, |s| s.chars().map(upper_char).collect())
}

pub(super) fn title(args: &[Value]) -> FnResult {
    map_str(args, go_title)
}

/// Go's `strings.TrimSpace`: Unicode white space at both ends.
pub(super) fn trimspace(args: &[Value]) -> FnResult {
    map_str(args, |s| s.trim().to_string())
}

/// Reverses the user-perceived characters, so combining marks stay on their letter.
pub(super) fn strrev(args: &[Value]) -> FnResult {
    map_str(args, |s| graphemes(s).into_iter().rev().collect())
}

/// Removes every trailing newline sequence (`\n`, `\r\n` or a lone `\r`).
pub(super) fn chomp(args: &[Value]) -> FnResult {
    map_str(args, |s| s.trim_end_matches(['\n', '\r']).to_string())
}

type StrPair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Two string parameters, or the unknown result when one of them is unknown.
fn two_strs<'a>(
    args: &'a [Value],
    names: [&str; 2],
) -> Result<Result<StrPair<'a>, Value>, FnError> {
    let [a, b] = exact::<2>(args)?;
    if let Some(u) = super::check_args(args, &names)? {
        return Ok(Err(u));
    }
    Ok(Ok((str_arg(a, names[0])?, str_arg(b, names[1])?)))
}

macro_rules! two_strs {
    ($args:expr, $a:expr, $b:expr) => {
        match two_strs($args, [$a, $b])? {
            Ok(pair) => pair,
            Err(unknown) => return Ok(unknown),
        }
    };
}

/// Removes, from both ends, every character that appears in `cutset` (Go's `strings.Trim`).
pub(super) fn trim(args: &[Value]) -> FnResult {
    let (s, cutset) = two_strs!(args, "str", "cutset");
    Ok(Value::string(s.trim_matches(|c| cutset.contains(c))))
}

pub(super) fn trimprefix(args: &[Value]) -> FnResult {
    let (s, prefix) = two_strs!(args, "str", "prefix");
    Ok(Value::string(s.strip_prefix(&*prefix).unwrap_or(&s)))
}

pub(super) fn trimsuffix(args: &[Value]) -> FnResult {
    let (s, suffix) = two_strs!(args, "str", "suffix");
    Ok(Value::string(s.strip_suffix(&*suffix).unwrap_or(&s)))
}

pub(super) fn startswith(args: &[Value]) -> FnResult {
    let (s, prefix) = two_strs!(args, "str", "prefix");
    Ok(Value::bool(s.starts_with(&*prefix)))
}

pub(super) fn endswith(args: &[Value]) -> FnResult {
    let (s, suffix) = two_strs!(args, "str", "suffix");
    Ok(Value::bool(s.ends_with(&*suffix)))
}

pub(super) fn strcontains(args: &[Value]) -> FnResult {
    let (s, substr) = two_strs!(args, "str", "substr");
    Ok(Value::bool(s.contains(&*substr)))
}

/// Go's `strings.Split`: an empty separator splits into characters (code points), and an
/// empty string gives one empty element.
pub(super) fn split(args: &[Value]) -> FnResult {
    let (sep, s) = two_strs!(args, "separator", "str");
    let parts: Vec<Value> = if sep.is_empty() {
        s.chars().map(|c| Value::string(c.to_string())).collect()
    } else {
        s.split(&*sep).map(Value::string).collect()
    };
    Ok(Value::list(parts))
}

/// Adds `spaces` spaces after every newline (the first line is not indented).
pub(super) fn indent(args: &[Value]) -> FnResult {
    let [spaces, s] = exact::<2>(args)?;
    known!(args, "spaces", "str");
    let n = int_arg(spaces, "spaces")?;
    let s = str_arg(s, "str")?;
    let n = usize::try_from(n).map_err(|_| bad_param("spaces", "must not be negative"))?;
    let lines = s.matches('\n').count();
    if lines == 0 {
        return Ok(Value::string(&*s));
    }
    if lines.saturating_mul(n).saturating_add(s.len()) > MAX_RESULT_BYTES {
        return Err(over_limit(TOO_LARGE));
    }
    let pad = format!("\n{}", " ".repeat(n));
    Ok(Value::string(s.replace('\n', &pad)))
}

/// `join(separator, lists...)`: every element must be a known, non-null string (numbers
/// and bools convert).
pub(super) fn join(args: &[Value]) -> FnResult {
    super::arity(args, 2, None)?;
    known!(args, "separator", "lists");
    let (sep, lists) = match args {
        [sep, lists @ ..] => (str_arg(sep, "separator")?, lists),
        [] => return Err(fail("at least one list is required")),
    };
    let mut parts: Vec<Cow<'_, str>> = Vec::new();
    for (j, list) in lists.iter().enumerate() {
        let items = seq_arg(list, "lists", "list of string")?;
        if let Some(u) = unknown_inside(list) {
            return Ok(u);
        }
        for (i, item) in items.iter().enumerate() {
            if item.is_null() {
                return Err(bad_param(
                    "lists",
                    if lists.len() > 1 {
                        format!(
                            "element {i} of list {} is null; cannot concatenate null values",
                            j + 1
                        )
                    } else {
                        format!("element {i} is null; cannot concatenate null values")
                    },
                ));
            }
            parts.push(
                str_arg(item, "lists")
                    .map_err(|_| bad_param("lists", format!("element {i}: string required")))?,
            );
        }
    }
    let total = parts.iter().map(|p| p.len()).sum::<usize>();
    if parts.len().saturating_mul(sep.len()).saturating_add(total) > MAX_RESULT_BYTES {
        return Err(over_limit(TOO_LARGE));
    }
    Ok(Value::string(parts.join(&*sep)))
}

/// `replace(str, substr, replace)`: a `substr` wrapped in slashes is a regular expression
/// and the replacement may refer to its groups as `$1` or `${name}`.
pub(super) fn replace(args: &[Value]) -> FnResult {
    let [s, sub, rep] = exact::<3>(args)?;
    if let Some(partly) = replace_partly_known(s, sub, rep)? {
        return Ok(partly);
    }
    known!(args, "str", "substr", "replace");
    let (s, sub, rep) = (
        str_arg(s, "str")?,
        str_arg(sub, "substr")?,
        str_arg(rep, "replace")?,
    );
    if sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/') {
        let pattern = sub.get(1..sub.len() - 1).unwrap_or_default();
        let re = compile(pattern)?;
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for caps in re.captures_iter(&s) {
            let Some(m) = caps.get(0) else { continue };
            out.push_str(s.get(last..m.start()).unwrap_or_default());
            caps.expand(&rep, &mut out);
            last = m.end();
            if out.len() > MAX_RESULT_BYTES {
                return Err(over_limit(TOO_LARGE));
            }
        }
        out.push_str(s.get(last..).unwrap_or_default());
        return Ok(Value::string(out));
    }
    // Go's strings.Replace with an empty search string inserts the replacement around
    // every character, as Rust's str::replace does.
    let count = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*sub).count()
    };
    if count.saturating_mul(rep.len()).saturating_add(s.len()) > MAX_RESULT_BYTES {
        return Err(over_limit(TOO_LARGE));
    }
    Ok(Value::string(s.replace(&*sub, &rep)))
}

/// `replace` of a literal substring where the string or the replacement is known only in
/// part (a policy document with placeholders swapped for ARNs known after apply): the
/// known text is replaced, the unknown replacement becomes an unknown part, and the
/// result is a partly known string. `None` when the ordinary rules apply (everything
/// known, a regular expression, or an unknown substring or wholly unknown string).
fn replace_partly_known(s: &Value, sub: &Value, rep: &Value) -> Result<Option<Value>, FnError> {
    let parts: Vec<Value> = match (&s.kind, s.partial()) {
        (_, Some(Partial::Template(parts))) => parts.clone(),
        // The document's JSON text, its holes marked in the text.
        (_, Some(Partial::Json(doc))) => vec![Value::string(doc.to_marked_json().to_string())],
        (Kind::String(_), _) if rep.is_unknown() => vec![s.clone()],
        _ => return Ok(None),
    };
    let Some(sub) = sub.as_str() else {
        return Ok(None);
    };
    if sub.is_empty() || (sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/')) {
        return Ok(None);
    }
    let like = match (&s.kind, &rep.kind) {
        (Kind::Unknown(u), _) | (_, Kind::Unknown(u)) => u.derived(),
        _ => return Ok(None),
    };
    if rep.is_null() {
        return Err(bad_param("replace", "argument must not be null"));
    }
    let mut out: Vec<Value> = Vec::new();
    let mut size = 0usize;
    for part in parts {
        let Some(text) = part.as_str() else {
            out.push(part);
            continue;
        };
        for (i, piece) in text.split(sub).enumerate() {
            if i > 0 {
                match rep.as_str() {
                    Some(r) => out.push(Value::string(r)),
                    None => out.push(rep.clone()),
                }
            }
            size += piece.len();
            if size > MAX_RESULT_BYTES {
                return Err(over_limit(TOO_LARGE));
            }
            out.push(Value::string(piece));
        }
    }
    Ok(Some(Value::partly_known(&like, Partial::Template(out))))
}

fn compile(pattern: &str) -> Result<Regex, FnError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let msg = e.to_string();
            let detail = msg.lines().last().unwrap_or_default().trim();
            bad_param("pattern", format!("invalid regexp pattern: {detail}"))
        })
}

/// The shape of a pattern's result: the whole match, a list of groups or a map of named
/// groups. Mixing named and unnamed groups is an error in Terraform.
enum Shape {
    Whole,
    Groups,
    Named(Vec<(usize, String)>),
}

fn shape(re: &Regex) -> Result<Shape, FnError> {
    let mut named = Vec::new();
    let mut unnamed = 0;
    for (i, name) in re.capture_names().enumerate().skip(1) {
        match name {
            Some(n) => named.push((i, n.to_string())),
            None => unnamed += 1,
        }
    }
    match (unnamed, named.is_empty()) {
        (0, true) => Ok(Shape::Whole),
        (_, true) => Ok(Shape::Groups),
        (0, false) => Ok(Shape::Named(named)),
        _ => Err(bad_param(
            "pattern",
            "invalid regexp pattern: cannot mix both named and unnamed capture groups",
        )),
    }
}

fn match_value(shape: &Shape, caps: &regex::Captures<'_>) -> Value {
    let group = |i: usize| {
        caps.get(i)
            .map(|m| Value::string(m.as_str()))
            // A group inside a group that did not participate is null.
            .unwrap_or_else(Value::null)
    };
    match shape {
        Shape::Whole => group(0),
        Shape::Groups => Value::list((1..caps.len()).map(group).collect()),
        Shape::Named(names) => Value::map(
            names
                .iter()
                .map(|(i, n)| (n.clone(), group(*i)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

pub(super) fn regex(args: &[Value]) -> FnResult {
    let (pattern, s) = two_strs!(args, "pattern", "string");
    let re = compile(&pattern)?;
    let shape = shape(&re)?;
    let caps = re
        .captures(&s)
        .ok_or_else(|| fail("pattern did not match any part of the given string"))?;
    Ok(match_value(&shape, &caps))
}

pub(super) fn regexall(args: &[Value]) -> FnResult {
    let (pattern, s) = two_strs!(args, "pattern", "string");
    let re = compile(&pattern)?;
    let shape = shape(&re)?;
    Ok(Value::list(
        re.captures_iter(&s)
            .map(|caps| match_value(&shape, &caps))
            .collect(),
    ))
}

/// `substr(str, offset, length)` counts user-perceived characters. A negative offset
/// counts from the end; a negative length means "to the end".
pub(super) fn substr(args: &[Value]) -> FnResult {
    let [s, offset, length] = exact::<3>(args)?;
    known!(args, "str", "offset", "length");
    let s = str_arg(s, "str")?;
    let offset = int_arg(offset, "offset")?;
    let length = int_arg(length, "length")?;
    let chars = graphemes(&s);
    let total = chars.len() as i64;
    let mut start = offset;
    if start < 0 {
        start = (start + total).max(0);
    }
    if start >= total {
        return Ok(Value::string(""));
    }
    let rest = chars.get(start as usize..).unwrap_or_default();
    let taken: String = if length < 0 {
        rest.concat()
    } else {
        rest.iter().take(length as usize).copied().collect()
    };
    Ok(Value::string(taken))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn case_functions() {
        assert_eq!(show("upper", &[s("héllo ß")]), "\"HÉLLO ß\"");
        assert_eq!(show("lower", &[s("HÉLLO ΣΑΣ")]), "\"héllo σασ\"");
        assert_eq!(
            show("title", &[s("hello world-wide")]),
            "\"Hello World-Wide\""
        );
        assert_eq!(show("upper", &[n(12.0)]), "\"12\"");
        assert_eq!(show("upper", &[unk()]), "(unknown)");
        assert!(show("upper", &[strs(&["a"])]).contains("string required"));
    }

    #[test]
    fn trimming() {
        assert_eq!(show("trimspace", &[s("  \n hi \t\n")]), "\"hi\"");
        assert_eq!(show("trim", &[s("?!hello?!"), s("!?")]), "\"hello\"");
        assert_eq!(
            show("trimprefix", &[s("helloworld"), s("hello")]),
            "\"world\""
        );
        assert_eq!(
            show("trimprefix", &[s("helloworld"), s("x")]),
            "\"helloworld\""
        );
        assert_eq!(
            show("trimsuffix", &[s("helloworld"), s("world")]),
            "\"hello\""
        );
        assert_eq!(show("chomp", &[s("hello\n\r\n\r")]), "\"hello\"");
        assert_eq!(show("chomp", &[s("a\nb")]), "\"a\\nb\"");
        assert_eq!(show("trim", &[s("x"), unk()]), "(unknown)");
        assert!(
            show("trim", &[null(), s("x")])
                .contains("\"str\" parameter: argument must not be null")
        );
    }

    #[test]
    fn predicates() {
        assert_eq!(show("startswith", &[s("hello"), s("he")]), "true");
        assert_eq!(show("startswith", &[s("hello"), s("lo")]), "false");
        assert_eq!(show("endswith", &[s("hello"), s("lo")]), "true");
        assert_eq!(show("strcontains", &[s("hello"), s("ell")]), "true");
        assert_eq!(show("strcontains", &[s("hello"), s("xyz")]), "false");
        assert_eq!(show("startswith", &[unk(), s("x")]), "(unknown)");
    }

    #[test]
    fn split_like_go() {
        assert_eq!(
            show("split", &[s(","), s("a,b,,c")]),
            "[\"a\", \"b\", \"\", \"c\"]"
        );
        assert_eq!(show("split", &[s(","), s("")]), "[\"\"]");
        assert_eq!(show("split", &[s(""), s("ab")]), "[\"a\", \"b\"]");
        assert_eq!(show("split", &[s(","), unk()]), "(unknown)");
    }

    #[test]
    fn join_lists() {
        assert_eq!(show("join", &[s(", "), strs(&["a", "b"])]), "\"a, b\"");
        assert_eq!(
            show("join", &[s("-"), strs(&["a"]), list(vec![n(1.0), b(true)])]),
            "\"a-1-true\""
        );
        assert_eq!(show("join", &[s(","), list(vec![])]), "\"\"");
        assert_eq!(
            show("join", &[s(","), list(vec![s("a"), unk()])]),
            "(unknown)"
        );
        assert!(show("join", &[s(",")]).contains("not enough function arguments"));
        assert!(
            show("join", &[s(","), list(vec![s("a"), null()])])
                .contains("element 1 is null; cannot concatenate null values")
        );
        assert!(show("join", &[s(","), s("a")]).contains("list of string required"));
        let many = list(vec![s("x"); 100]);
        assert_eq!(
            show("join", &[s(&"-".repeat(1 << 20)), many]),
            "Limit: the result would be larger than 16 MiB, tfscan's bound on one value"
        );
        assert!(
            show("join", &[s(","), list(vec![strs(&["x"])])])
                .contains("element 0: string required")
        );
    }

    #[test]
    fn replace_plain_and_regex() {
        assert_eq!(
            show("replace", &[s("1 + 2 + 3"), s("+"), s("-")]),
            "\"1 - 2 - 3\""
        );
        assert_eq!(show("replace", &[s("abc"), s(""), s("-")]), "\"-a-b-c-\"");
        assert_eq!(
            show("replace", &[s("hello world"), s("/w.*d/"), s("everybody")]),
            "\"hello everybody\""
        );
        assert_eq!(
            show("replace", &[s("a-1 b-2"), s("/([a-z])-(\\d)/"), s("$2$1")]),
            "\"1a 2b\""
        );
        assert_eq!(
            show(
                "replace",
                &[s("key=val"), s("/(?P<k>\\w+)=(?P<v>\\w+)/"), s("${v}=${k}")]
            ),
            "\"val=key\""
        );
        // A lone slash is not a pattern.
        assert_eq!(show("replace", &[s("a/b"), s("/"), s("_")]), "\"a_b\"");
        assert!(show("replace", &[s("x"), s("/(/"), s("y")]).contains("invalid regexp pattern"));
        assert_eq!(show("replace", &[s("x"), unk(), s("y")]), "(unknown)");
    }

    #[test]
    fn regex_shapes() {
        assert_eq!(
            show("regex", &[s("[a-z]+"), s("53453453.345345aaabbbccc23454")]),
            "\"aaabbbccc\""
        );
        assert_eq!(
            show(
                "regex",
                &[s("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"), s("2019-02-01")]
            ),
            "[\"2019\", \"02\", \"01\"]"
        );
        assert_eq!(
            show(
                "regex",
                &[
                    s("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
                    s("https://terraform.io/docs/")
                ]
            ),
            "{authority = \"terraform.io\", scheme = \"https\"}"
        );
        assert_eq!(show("regex", &[s("a(x)?b"), s("ab")]), "[null]");
        assert!(show("regex", &[s("z"), s("abc")]).contains("did not match"));
        assert!(show("regex", &[s("(?P<a>x)(y)"), s("xy")]).contains("cannot mix"));
        assert_eq!(show("regex", &[unk(), s("x")]), "(unknown)");
    }

    #[test]
    fn regexall_lists_matches() {
        assert_eq!(
            show("regexall", &[s("[a-z]+"), s("1234abcd5678efgh9")]),
            "[\"abcd\", \"efgh\"]"
        );
        assert_eq!(show("regexall", &[s("z"), s("abc")]), "[]");
        assert_eq!(
            show("regexall", &[s("(\\w)=(\\d)"), s("a=1 b=2")]),
            "[[\"a\", \"1\"], [\"b\", \"2\"]]"
        );
    }

    #[test]
    fn substr_counts_characters() {
        assert_eq!(
            show("substr", &[s("hello world"), n(1.0), n(4.0)]),
            "\"ello\""
        );
        assert_eq!(show("substr", &[s("🤔🤷"), n(0.0), n(1.0)]), "\"🤔\"");
        assert_eq!(
            show("substr", &[s("hello world"), n(-5.0), n(-1.0)]),
            "\"world\""
        );
        assert_eq!(show("substr", &[s("hello"), n(-10.0), n(2.0)]), "\"he\"");
        assert_eq!(show("substr", &[s("hello"), n(10.0), n(2.0)]), "\"\"");
        assert_eq!(show("substr", &[s("hello"), n(1.0), n(100.0)]), "\"ello\"");
        assert_eq!(show("substr", &[s("hello"), n(1.0), n(0.0)]), "\"\"");
        assert_eq!(
            show("substr", &[s("e\u{301}tude"), n(0.0), n(1.0)]),
            "\"e\u{301}\""
        );
        assert!(show("substr", &[s("hello"), n(1.5), n(1.0)]).contains("whole number"));
        assert_eq!(show("substr", &[s("x"), unk(), n(1.0)]), "(unknown)");
    }

    #[test]
    fn strrev_and_indent() {
        assert_eq!(show("strrev", &[s("hello")]), "\"olleh\"");
        assert_eq!(show("strrev", &[s("e\u{301}a")]), "\"ae\u{301}\"");
        assert_eq!(show("indent", &[n(2.0), s("a\nb\n")]), "\"a\\n  b\\n  \"");
        assert!(show("indent", &[n(-1.0), s("a")]).contains("must not be negative"));
        assert_eq!(
            show("indent", &[n(1e9), s("a\nb")]),
            "Limit: the result would be larger than 16 MiB, tfscan's bound on one value"
        );
    }
}
