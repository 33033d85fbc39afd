//! Terraform's built-in functions.
//!
//! Every function follows Terraform's semantics (the `cty` standard library plus Terraform's
//! own additions): argument conversion (a number passed where a string is expected becomes
//! a string, `"5"` passed where a number is expected becomes 5), null arguments rejected
//! unless the function accepts them, and unknown arguments making the result unknown. An
//! unknown result is the *same* unknown as the argument that caused it, so the link to the
//! resource it refers to survives the call.
//!
//! Supported functions:
//!
//! - strings: `chomp`, `endswith`, `format`, `formatlist`, `indent`, `join`, `lower`,
//!   `regex`, `regexall`, `replace`, `split`, `startswith`, `strcontains`, `strrev`,
//!   `substr`, `title`, `trim`, `trimprefix`, `trimspace`, `trimsuffix`, `upper`
//! - collections: `alltrue`, `anytrue`, `chunklist`, `coalesce`, `coalescelist`, `compact`,
//!   `concat`, `contains`, `distinct`, `element`, `flatten`, `index`, `keys`, `length`,
//!   `lookup`, `matchkeys`, `merge`, `one`, `range`, `reverse`, `setintersection`,
//!   `setproduct`, `setsubtract`, `setunion`, `slice`, `sort`, `sum`, `transpose`,
//!   `values`, `zipmap`
//! - type conversions: `tobool`, `tolist`, `tomap`, `tonumber`, `toset`, `tostring`,
//!   `sensitive` and `nonsensitive` (identity: tfscan does not track sensitivity)
//! - numbers: `abs`, `ceil`, `floor`, `log`, `max`, `min`, `parseint`, `pow`, `signum`
//! - encoding: `base64decode`, `base64encode`, `csvdecode`, `jsondecode`, `jsonencode`,
//!   `urlencode`, `yamldecode`, `yamlencode`
//! - hashing: `base64sha256`, `base64sha512`, `md5`, `sha1`, `sha256`, `sha512`, `uuidv5`
//! - not known before apply (always unknown): `bcrypt`, `plantimestamp`, `timestamp`, `uuid`,
//!   and `pathexpand` (it depends on the home directory of whoever runs Terraform)
//! - filesystem: `basename`, `dirname`, `file`, `filebase64`, `filebase64sha256`,
//!   `filebase64sha512`, `fileexists`, `filemd5`, `fileset`, `filesha1`, `filesha256`,
//!   `filesha512`, `templatefile`, `templatestring`
//! - network: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`
//!
//! Every other name returns [`FnError::Unsupported`]; the evaluator then treats the result
//! as unknown and records a coverage note.
//!
//! `try` and `can` are not here: they catch evaluation errors of their argument
//! expressions, so the evaluator handles them itself.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::value::{Kind, Unknown, Value, format_number};

/// Terraform's default handling of arguments: a null argument is an error, and a wholly
/// unknown argument makes the whole result unknown (the same unknown, returned at once).
/// The names are the parameter names used in messages; the last one repeats for variadic
/// parameters.
macro_rules! known {
    ($args:expr, $($name:expr),+ $(,)?) => {
        if let Some(unknown) = $crate::eval::functions::check_args($args, &[$($name),+])? {
            return Ok(unknown);
        }
    };
}

#[cfg(test)]
mod adversarial;
mod collections;
mod convert;
mod encoding;
mod filesystem;
mod format;
mod hash;
mod network;
mod numeric;
mod strings;
mod text;
mod yaml;

/// What a function may see of the world: the module's directory (for `file`) and the scan
/// root, outside of which nothing is ever read.
pub struct FnContext<'a> {
    /// The directory of the module being evaluated (`path.module` on disk).
    pub module_dir: &'a Path,
    /// What `file` and `templatefile` may read: the canonical scan root, or the git
    /// repository holding it; paths that leave it are refused.
    pub sandbox: &'a Path,
    /// Whether `sandbox` is the git repository rather than the scanned directory (it
    /// names the boundary in refusals).
    pub sandbox_is_repository: bool,
    /// Renders a template text with the given variables, as `templatefile` needs. An
    /// error in the template is `Invalid`; a refused read in it is `Unreadable` and a
    /// limit or a cycle `Stopped`, which `try()` and `can()` do not pass over either.
    pub render_template: &'a dyn Fn(&str, &Value) -> Result<Value, FnError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FnError {
    /// tfscan does not implement this function; the caller treats the result as unknown
    /// and records one coverage note per function name.
    Unsupported,
    /// The arguments are invalid, as Terraform would report it.
    Invalid(String),
    /// A file function could not or may not read its file (outside the scanned tree, not a
    /// regular file, too large, unreadable): reported as a read error, never tried past.
    Unreadable(String),
    /// Evaluation inside a template met a limit or a cycle: reported as such, never tried
    /// past.
    Stopped(crate::diag::DiagKind, String),
}

/// Calls the built-in function `name` with evaluated arguments.
pub fn call(name: &str, args: &[Value], ctx: &FnContext<'_>) -> Result<Value, FnError> {
    match name {
        // Strings.
        "chomp" => strings::chomp(args),
        "endswith" => strings::endswith(args),
        "format" => format::format(args),
        "formatlist" => format::formatlist(args),
        "indent" => strings::indent(args),
        "join" => strings::join(args),
        "lower" => strings::lower(args),
        "regex" => strings::regex(args),
        "regexall" => strings::regexall(args),
        "replace" => strings::replace(args),
        "split" => strings::split(args),
        "startswith" => strings::startswith(args),
        "strcontains" => strings::strcontains(args),
        "strrev" => strings::strrev(args),
        "substr" => strings::substr(args),
        "title" => strings::title(args),
        "trim" => strings::trim(args),
        "trimprefix" => strings::trimprefix(args),
        "trimspace" => strings::trimspace(args),
        "trimsuffix" => strings::trimsuffix(args),
        "upper" => strings::upper(args),

        // Collections.
        "alltrue" => collections::alltrue(args),
        "anytrue" => collections::anytrue(args),
        "chunklist" => collections::chunklist(args),
        "coalesce" => collections::coalesce(args),
        "coalescelist" => collections::coalescelist(args),
        "compact" => collections::compact(args),
        "concat" => collections::concat(args),
        "contains" => collections::contains(args),
        "distinct" => collections::distinct(args),
        "element" => collections::element(args),
        "flatten" => collections::flatten(args),
        "index" => collections::index(args),
        "keys" => collections::keys(args),
        "length" => collections::length(args),
        "lookup" => collections::lookup(args),
        "matchkeys" => collections::matchkeys(args),
        "merge" => collections::merge(args),
        "one" => collections::one(args),
        "range" => collections::range(args),
        "reverse" => collections::reverse(args),
        "setintersection" => collections::setintersection(args),
        "setproduct" => collections::setproduct(args),
        "setsubtract" => collections::setsubtract(args),
        "setunion" => collections::setunion(args),
        "slice" => collections::slice(args),
        "sort" => collections::sort(args),
        "sum" => collections::sum(args),
        "transpose" => collections::transpose(args),
        "values" => collections::values(args),
        "zipmap" => collections::zipmap(args),

        // Type conversions.
        "tobool" => convert::tobool(args),
        "tolist" => convert::tolist(args),
        "tomap" => convert::tomap(args),
        "tonumber" => convert::tonumber(args),
        "toset" => convert::toset(args),
        "tostring" => convert::tostring(args),
        "sensitive" | "nonsensitive" => convert::identity(args),

        // Numbers.
        "abs" => numeric::abs(args),
        "ceil" => numeric::ceil(args),
        "floor" => numeric::floor(args),
        "log" => numeric::log(args),
        "max" => numeric::max(args),
        "min" => numeric::min(args),
        "parseint" => numeric::parseint(args),
        "pow" => numeric::pow(args),
        "signum" => numeric::signum(args),

        // Encoding.
        "base64decode" => encoding::base64decode(args),
        "base64encode" => encoding::base64encode(args),
        "csvdecode" => encoding::csvdecode(args),
        "jsondecode" => encoding::jsondecode(args),
        "jsonencode" => encoding::jsonencode(args),
        "urlencode" => encoding::urlencode(args),
        "yamldecode" => yaml::yamldecode(args),
        "yamlencode" => yaml::yamlencode(args),

        // Hashes and values only known after apply.
        "base64sha256" => hash::base64sha256(args),
        "base64sha512" => hash::base64sha512(args),
        "md5" => hash::md5(args),
        "sha1" => hash::sha1(args),
        "sha256" => hash::sha256(args),
        "sha512" => hash::sha512(args),
        "uuidv5" => hash::uuidv5(args),
        "bcrypt" | "plantimestamp" | "timestamp" | "uuid" => hash::apply_time(name, args),

        // Filesystem.
        "basename" => filesystem::basename(args),
        "dirname" => filesystem::dirname(args),
        "file" => filesystem::file(args, ctx),
        "filebase64" => filesystem::filebase64(args, ctx),
        "filebase64sha256" => filesystem::filehash(args, ctx, hash::Digest::Sha256, true),
        "filebase64sha512" => filesystem::filehash(args, ctx, hash::Digest::Sha512, true),
        "fileexists" => filesystem::fileexists(args, ctx),
        "fileset" => filesystem::fileset(args, ctx),
        "filemd5" => filesystem::filehash(args, ctx, hash::Digest::Md5, false),
        "filesha1" => filesystem::filehash(args, ctx, hash::Digest::Sha1, false),
        "filesha256" => filesystem::filehash(args, ctx, hash::Digest::Sha256, false),
        "filesha512" => filesystem::filehash(args, ctx, hash::Digest::Sha512, false),
        "pathexpand" => filesystem::pathexpand(args),
        "templatefile" => filesystem::templatefile(args, ctx),
        "templatestring" => filesystem::templatestring(args, ctx),

        // Network.
        "cidrhost" => network::cidrhost(args),
        "cidrnetmask" => network::cidrnetmask(args),
        "cidrsubnet" => network::cidrsubnet(args),
        "cidrsubnets" => network::cidrsubnets(args),

        _ => Err(FnError::Unsupported),
    }
}

pub(crate) type FnResult = Result<Value, FnError>;

/// The largest string or collection a function builds; past it the call fails rather than
/// letting a configuration exhaust memory (`indent(1e9, …)`, `format("%999999999s")`).
pub(crate) const MAX_RESULT_BYTES: usize = 16 << 20;

/// Why a call met one of tfscan's own bounds (Terraform has none): the value is too
/// large or too deep to build. A helper that reports errors as text uses these words, and
/// [`helper_error`] turns them back into [`over_limit`].
pub(crate) const TOO_LARGE: &str =
    "the result would be larger than 16 MiB, tfscan's bound on one value";
pub(crate) const TOO_DEEP: &str = "the value nests deeper than 128 levels, tfscan's bound";
pub(crate) const TOO_WIDE: &str =
    "a width or precision above 1,048,576, tfscan's bound on a format verb";
pub(crate) const TOO_MANY: &str =
    "the result would have more than 1,048,576 elements, tfscan's bound on one value";

/// A call cut short by one of tfscan's bounds. Terraform would compute the value, so it
/// is no error of the configuration: the result is undecided, reported as a limit (exit
/// 3), and `try()` and `can()` never pass over it.
pub(crate) fn over_limit(why: impl Into<String>) -> FnError {
    FnError::Stopped(crate::diag::DiagKind::Limit, why.into())
}

/// The error of a helper that reports errors as text: a bound when it uses a bound's
/// words, else a failure of the call.
pub(crate) fn helper_error(e: String) -> FnError {
    if [TOO_LARGE, TOO_DEEP, TOO_WIDE, TOO_MANY].contains(&e.as_str()) {
        over_limit(e)
    } else {
        fail(e)
    }
}

/// A plain failure of the call, as Terraform reports "Call to function failed: …".
pub(crate) fn fail(msg: impl Into<String>) -> FnError {
    FnError::Invalid(msg.into())
}

/// A failure attributed to one parameter, worded as Terraform words it.
pub(crate) fn bad_param(param: &str, msg: impl fmt::Display) -> FnError {
    let msg = msg.to_string();
    let msg = msg.trim_end_matches('.');
    FnError::Invalid(format!("Invalid value for \"{param}\" parameter: {msg}."))
}

/// The arguments of a function with exactly `N` parameters.
pub(crate) fn exact<const N: usize>(args: &[Value]) -> Result<&[Value; N], FnError> {
    args.try_into()
        .map_err(|_| arity_error(N, Some(N), args.len()))
}

/// Checks the argument count of a function with optional or variadic parameters.
pub(crate) fn arity(args: &[Value], min: usize, max: Option<usize>) -> Result<(), FnError> {
    let n = args.len();
    if n < min || max.is_some_and(|m| n > m) {
        return Err(arity_error(min, max, n));
    }
    Ok(())
}

fn arity_error(min: usize, max: Option<usize>, got: usize) -> FnError {
    let expected = match max {
        Some(m) if m == min => format!("exactly {min}"),
        Some(m) => format!("from {min} to {m}"),
        None => format!("at least {min}"),
    };
    if got < min {
        fail(format!(
            "not enough function arguments: expects {expected} argument(s), got {got}"
        ))
    } else {
        fail(format!(
            "too many function arguments: expects {expected} argument(s), got {got}"
        ))
    }
}

fn param_name<'n>(names: &[&'n str], i: usize) -> &'n str {
    names
        .get(i)
        .or_else(|| names.last())
        .copied()
        .unwrap_or("argument")
}

/// See [`known!`]: a null argument is an error, a wholly unknown one is the result.
pub(crate) fn check_args(args: &[Value], names: &[&str]) -> Result<Option<Value>, FnError> {
    for (i, a) in args.iter().enumerate() {
        if a.is_null() {
            return Err(bad_param(param_name(names, i), "argument must not be null"));
        }
    }
    Ok(args.iter().find_map(|a| match &a.kind {
        Kind::Unknown(u) => Some(unknown_from(u)),
        _ => None,
    }))
}

/// The result of a call whose input is unknown: the same unknown, without provenance (the
/// evaluator gives it the call's) and without the input's known parts, which describe the
/// input, not the result.
pub(crate) fn unknown_from(u: &Arc<Unknown>) -> Value {
    match u.partial {
        None => Value::new(Kind::Unknown(u.clone())),
        Some(_) => Value::new(Kind::Unknown(Arc::new(u.derived()))),
    }
}

/// The first unknown anywhere inside `v`, resource attributes included.
pub(crate) fn find_unknown(v: &Value) -> Option<&Arc<Unknown>> {
    match &v.kind {
        Kind::Unknown(u) => Some(u),
        Kind::List(items) | Kind::Set(items) => items.iter().find_map(find_unknown),
        Kind::Map(m) => m.values().find_map(find_unknown),
        Kind::Resource(r) => r.attrs().values().find_map(find_unknown),
        _ => None,
    }
}

/// The unknown result for a value that is not wholly known, if it is not.
pub(crate) fn unknown_inside(v: &Value) -> Option<Value> {
    find_unknown(v).map(unknown_from)
}

/// A string parameter: numbers and bools convert to strings as Terraform converts them.
pub(crate) fn str_arg<'a>(v: &'a Value, param: &str) -> Result<Cow<'a, str>, FnError> {
    match &v.kind {
        Kind::String(s) => Ok(Cow::Borrowed(s)),
        Kind::Number(n) => Ok(Cow::Owned(format_number(*n))),
        Kind::Bool(b) => Ok(Cow::Owned(b.to_string())),
        Kind::Null => Err(bad_param(param, "argument must not be null")),
        _ => Err(bad_param(param, "string required")),
    }
}

/// A number parameter: strings that spell a decimal number convert to it.
pub(crate) fn num_arg(v: &Value, param: &str) -> Result<f64, FnError> {
    match &v.kind {
        Kind::Number(n) => Ok(*n),
        Kind::String(s) => parse_number(s).ok_or_else(|| bad_param(param, "a number is required")),
        Kind::Null => Err(bad_param(param, "argument must not be null")),
        _ => Err(bad_param(param, "number required")),
    }
}

/// A number parameter that Terraform reads into a Go `int`.
pub(crate) fn int_arg(v: &Value, param: &str) -> Result<i64, FnError> {
    let n = num_arg(v, param)?;
    // 2^63 is exactly representable; anything at or beyond it does not fit an i64.
    if n.fract() != 0.0 || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n) {
        return Err(bad_param(
            param,
            "value must be a whole number, between -9223372036854775808 and 9223372036854775807",
        ));
    }
    Ok(n as i64)
}

/// A bool parameter: the strings "true" and "false" convert.
pub(crate) fn bool_arg(v: &Value, param: &str) -> Result<bool, FnError> {
    match &v.kind {
        Kind::Bool(b) => Ok(*b),
        Kind::String(s) if &**s == "true" => Ok(true),
        Kind::String(s) if &**s == "false" => Ok(false),
        Kind::String(s) => Err(bad_param(
            param,
            format!(
                "cannot convert {:?} to bool; only the strings \"true\" or \"false\" are allowed",
                &**s
            ),
        )),
        Kind::Null => Err(bad_param(param, "argument must not be null")),
        _ => Err(bad_param(param, "bool required")),
    }
}

/// A list, tuple or set parameter; `what` names the expected type ("list of string").
pub(crate) fn seq_arg<'a>(v: &'a Value, param: &str, what: &str) -> Result<&'a [Value], FnError> {
    match &v.kind {
        Kind::List(items) | Kind::Set(items) => Ok(items),
        Kind::Null => Err(bad_param(param, "argument must not be null")),
        _ => Err(bad_param(param, format!("{what} required"))),
    }
}

/// A map or object parameter (a resource instance counts as an object).
pub(crate) fn map_arg<'a>(
    v: &'a Value,
    param: &str,
) -> Result<&'a BTreeMap<String, Value>, FnError> {
    match &v.kind {
        Kind::Null => Err(bad_param(param, "argument must not be null")),
        _ => v
            .as_map()
            .ok_or_else(|| bad_param(param, "map or object required")),
    }
}

/// Converts a string to a number as Terraform does: a decimal number, optionally signed,
/// with an optional fraction and exponent. No whitespace, hex or infinities. `None` too
/// for a number an f64 does not hold exactly ([`number_value`] says which).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    if !is_decimal(s) {
        return None;
    }
    s.parse::<f64>()
        .ok()
        .filter(|n| crate::value::holds_exactly(s, *n))
}

/// Terraform's number for a string ([`parse_number`]'s syntax): the number, or an unknown
/// naming it when an f64 does not hold it exactly (`"1e309"`); `None` if it is no number.
pub(crate) fn number_value(s: &str) -> Option<Value> {
    if !is_decimal(s) {
        return None;
    }
    crate::value::number_from_text(s)
}

/// Whether `s` is a decimal number as Terraform's conversion from a string reads it.
fn is_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    if i != b.len() {
        return false;
    }
    true
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers for the functions' unit tests.

    use std::collections::BTreeMap;
    use std::path::Path;

    use super::{FnContext, FnError};
    use crate::value::{Kind, Value};

    /// Calls `name` with a context rooted at `dir` (both module directory and sandbox).
    pub fn call_in(dir: &Path, name: &str, args: &[Value]) -> Result<Value, FnError> {
        let render = |text: &str, vars: &Value| -> Result<Value, FnError> {
            // A minimal renderer: substitutes `${name}` with the variable's string form.
            let mut out = text.to_string();
            if let Some(m) = vars.as_map() {
                for (k, v) in m {
                    let s = v
                        .to_template_string()
                        .ok_or_else(|| FnError::Invalid("not a string".into()))?;
                    out = out.replace(&format!("${{{k}}}"), &s);
                }
            }
            Ok(Value::string(out))
        };
        let ctx = FnContext {
            module_dir: dir,
            sandbox: dir,
            sandbox_is_repository: false,
            render_template: &render,
        };
        super::call(name, args, &ctx)
    }

    pub fn call(name: &str, args: &[Value]) -> Result<Value, FnError> {
        call_in(Path::new("/nonexistent-tfscan-test-dir"), name, args)
    }

    /// The result rendered in Terraform syntax, or the error message.
    pub fn show(name: &str, args: &[Value]) -> String {
        match call(name, args) {
            Ok(v) if v.is_unknown() => "(unknown)".to_string(),
            Ok(v) => render(&v),
            Err(FnError::Unsupported) => "unsupported".to_string(),
            Err(FnError::Invalid(m)) => format!("error: {m}"),
            Err(FnError::Unreadable(m)) => format!("unreadable: {m}"),
            Err(FnError::Stopped(kind, m)) => format!("{kind:?}: {m}"),
        }
    }

    /// Like `Display`, but strings are quoted at the top level too and nulls are visible.
    pub fn render(v: &Value) -> String {
        match &v.kind {
            Kind::String(s) => quote(s),
            Kind::List(items) => format!(
                "[{}]",
                items.iter().map(render).collect::<Vec<_>>().join(", ")
            ),
            Kind::Set(items) => format!(
                "set[{}]",
                items.iter().map(render).collect::<Vec<_>>().join(", ")
            ),
            Kind::Map(m) => format!(
                "{{{}}}",
                m.iter()
                    .map(|(k, x)| format!("{k} = {}", render(x)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Kind::Unknown(_) => "(unknown)".to_string(),
            _ => v.to_string(),
        }
    }

    /// Quotes a string, escaping only quotes, backslashes and line breaks.
    pub fn quote(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    pub fn s(x: &str) -> Value {
        Value::string(x)
    }

    pub fn n(x: f64) -> Value {
        Value::number(x)
    }

    pub fn b(x: bool) -> Value {
        Value::bool(x)
    }

    pub fn null() -> Value {
        Value::null()
    }

    pub fn unk() -> Value {
        Value::unknown_ref("test", "aws_instance.x".into())
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::list(items)
    }

    pub fn strs(items: &[&str]) -> Value {
        Value::list(items.iter().map(|x| Value::string(*x)).collect())
    }

    pub fn nums(items: &[f64]) -> Value {
        Value::list(items.iter().map(|x| Value::number(*x)).collect())
    }

    pub fn map(items: &[(&str, Value)]) -> Value {
        Value::map(
            items
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn unknown_function_is_unsupported() {
        assert!(matches!(
            testutil::call("nosuchfunction", &[]),
            Err(FnError::Unsupported)
        ));
        assert_eq!(show("abspath", &[s("x")]), "unsupported");
    }

    #[test]
    fn unknown_results_keep_the_reference() {
        let v = testutil::call("upper", &[unk()]).unwrap();
        match &v.kind {
            Kind::Unknown(u) => assert_eq!(u.refers_to.as_deref(), Some("aws_instance.x")),
            other => panic!("expected unknown, got {other:?}"),
        }
    }

    #[test]
    fn null_arguments_are_rejected() {
        assert_eq!(
            show("upper", &[null()]),
            "error: Invalid value for \"str\" parameter: argument must not be null."
        );
    }

    #[test]
    fn arity_is_checked() {
        assert!(show("upper", &[]).contains("not enough function arguments"));
        assert!(show("upper", &[s("a"), s("b")]).contains("too many function arguments"));
    }

    #[test]
    fn numbers_parse_like_terraform() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("-1.5e3"), Some(-1500.0));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("5."), Some(5.0));
        assert_eq!(parse_number(" 1"), None);
        assert_eq!(parse_number("0x10"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn argument_conversions() {
        assert_eq!(str_arg(&n(1.5), "x").unwrap(), "1.5");
        assert_eq!(str_arg(&b(true), "x").unwrap(), "true");
        assert!(str_arg(&strs(&["a"]), "x").is_err());
        assert_eq!(num_arg(&s("7"), "x").unwrap(), 7.0);
        assert!(num_arg(&s("seven"), "x").is_err());
        assert_eq!(int_arg(&n(3.0), "x").unwrap(), 3);
        assert!(int_arg(&n(3.5), "x").is_err());
        assert!(int_arg(&n(1e19), "x").is_err());
        assert!(bool_arg(&s("true"), "x").unwrap());
        assert!(bool_arg(&s("yes"), "x").is_err());
        assert!(bool_arg(&n(1.0), "x").is_err());
    }
}
