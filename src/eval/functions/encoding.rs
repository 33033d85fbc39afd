//! JSON, Base64, URL and CSV encodings.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{FnResult, exact, fail, find_unknown, str_arg, unknown_from};
use crate::value::{Kind, Value};

/// Quotes a string as Go's `encoding/json` does, which is what Terraform prints: `<`, `>`
/// and `&` become `\u003c`, `\u003e`, `\u0026`, and U+2028/U+2029 are escaped too.
pub(crate) fn json_quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as Terraform's JSON writes it: the exact decimal, never an exponent.
pub(crate) fn json_number(n: f64) -> Result<String, String> {
    if !n.is_finite() {
        return Err("cannot encode an infinite number as JSON".to_string());
    }
    if n == 0.0 {
        return Ok("0".to_string());
    }
    Ok(format!("{n}"))
}

/// Terraform's `jsonencode` rendering: compact, object keys sorted. The value must be
/// wholly known.
pub(crate) fn json_encode(v: &Value) -> Result<String, String> {
    let mut out = String::new();
    write_json(v, &mut out)?;
    Ok(out)
}

fn write_json(v: &Value, out: &mut String) -> Result<(), String> {
    if out.len() > super::MAX_RESULT_BYTES {
        return Err(super::TOO_LARGE.to_string());
    }
    match &v.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(&json_number(*n)?),
        Kind::String(s) => json_quote(s, out),
        Kind::List(items) | Kind::Set(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(x, out)?;
            }
            out.push(']');
        }
        Kind::Map(_) | Kind::Resource(_) => {
            out.push('{');
            for (i, (k, x)) in v.as_map().into_iter().flatten().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_quote(k, out);
                out.push(':');
                write_json(x, out)?;
            }
            out.push('}');
        }
        Kind::Unknown(_) => return Err("value is not yet known".to_string()),
    }
    Ok(())
}

/// `jsonencode(val)`: null encodes as `null`; anything unknown inside makes it unknown, a
/// partly known document that keeps `val` (policy analysis reads it field by field).
pub(super) fn jsonencode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(u) = find_unknown(v) {
        if v.is_unknown() {
            return Ok(unknown_from(u));
        }
        return Ok(Value::partly_known(
            &u.derived(),
            crate::value::Partial::Json(v.clone()),
        ));
    }
    json_encode(v)
        .map(Value::string)
        .map_err(super::helper_error)
}

/// `jsondecode(str)`: objects become maps, arrays lists; of duplicate keys the last wins,
/// as in Terraform.
pub(super) fn jsondecode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    let s = str_arg(v, "str")?;
    match serde_json::from_str::<Decoded>(&crate::value::exact_json(&s)) {
        Ok(Decoded(v)) => Ok(v),
        // serde_json stops at 128 levels of nesting; Terraform has no such bound.
        Err(e) if e.to_string().starts_with("recursion limit exceeded") => {
            Err(super::over_limit(super::TOO_DEEP))
        }
        Err(e) => Err(fail(format!("invalid JSON: {e}"))),
    }
}

/// A JSON document decoded straight into a [`Value`].
struct Decoded(Value);

impl<'de> Deserialize<'de> for Decoded {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecodedVisitor)
    }
}

struct DecodedVisitor;

impl<'de> Visitor<'de> for DecodedVisitor {
    type Value = Decoded;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Decoded, E> {
        Ok(Decoded(Value::null()))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Decoded, E> {
        Ok(Decoded(Value::bool(b)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Decoded, E> {
        Ok(Decoded(Value::number(n as f64)))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Decoded, E> {
        Ok(Decoded(Value::number(n as f64)))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Decoded, E> {
        if n.is_finite() {
            Ok(Decoded(Value::number(n)))
        } else {
            Err(E::custom("number out of range"))
        }
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Decoded, E> {
        Ok(Decoded(Value::string(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Decoded, A::Error> {
        let mut items = Vec::new();
        while let Some(Decoded(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Decoded(Value::list(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decoded, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let Decoded(v) = map.next_value()?;
            out.insert(k, v);
        }
        // A number `exact_json` set aside, which an f64 does not hold exactly.
        if out.len() == 1
            && let Some(text) = out.get(crate::value::BEYOND_KEY).and_then(|v| v.as_str())
        {
            return Ok(Decoded(crate::value::number_beyond(text)));
        }
        Ok(Decoded(Value::map(out)))
    }
}

pub(super) fn base64encode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    Ok(Value::string(
        STANDARD.encode(str_arg(v, "str")?.as_bytes()),
    ))
}

/// Go's `base64.StdEncoding`: padding required, line breaks ignored, and stray bits after
/// the last full byte tolerated.
const GO_STD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let cleaned: String = s.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    GO_STD.decode(cleaned.as_bytes()).ok()
}

/// `base64decode(str)`: the decoded bytes must be UTF-8 text.
pub(super) fn base64decode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    let s = str_arg(v, "str")?;
    let bytes =
        decode_base64(&s).ok_or_else(|| fail(format!("failed to decode base64 data {:?}", &*s)))?;
    String::from_utf8(bytes)
        .map(Value::string)
        .map_err(|_| fail("the result of decoding the provided string is not valid UTF-8"))
}

/// `urlencode(str)`: Go's `url.QueryEscape` (spaces become `+`).
pub(super) fn urlencode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    let s = str_arg(v, "str")?;
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    Ok(Value::string(out))
}

/// `csvdecode(str)`: RFC 4180 CSV (Go's `encoding/csv`); the first line names the columns
/// (each once) and every record must have as many fields. Returns a list of maps of
/// strings; spaces around fields are kept.
///
/// Hand-written rather than the `csv` crate: Terraform's parser (Go's `encoding/csv`
/// without `LazyQuotes`) rejects a bare `"` in an unquoted field and text after a closing
/// quote, which the `csv` crate accepts by design (its reader never fails on malformed
/// quoting), so a configuration `terraform plan` rejects would evaluate here.
pub(super) fn csvdecode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    let s = str_arg(v, "str")?;
    let records = parse_csv(&s)
        .map_err(|(line, msg)| fail(format!("CSV parse error on line {line}: {msg}")))?;
    let mut rows = records.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(fail("missing header line"));
    };
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|name| !seen.insert(name.as_str())) {
        return Err(fail(format!("duplicate column name {twice:?}")));
    }
    let mut out = Vec::new();
    for (line, row) in rows {
        if row.len() != header.len() {
            return Err(fail(format!(
                "CSV parse error on line {line}: wrong number of fields"
            )));
        }
        let m: BTreeMap<String, Value> = header
            .iter()
            .zip(row)
            .map(|(k, v)| (k.clone(), Value::string(v)))
            .collect();
        out.push(Value::map(m));
    }
    Ok(Value::list(out))
}

type CsvRecords = Vec<(usize, Vec<String>)>;

/// Parses CSV text into records, each with the line it starts on. Empty lines are skipped;
/// `\r\n` inside quoted fields becomes `\n`.
fn parse_csv(s: &str) -> Result<CsvRecords, (usize, &'static str)> {
    let mut records = Vec::new();
    let mut chars = s.chars().peekable();
    let mut line = 1usize;
    loop {
        // Skip empty lines.
        while let Some(&c) = chars.peek() {
            if c == '\n' {
                line += 1;
                chars.next();
            } else if c == '\r' && {
                let mut look = chars.clone();
                look.next();
                look.peek() == Some(&'\n')
            } {
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_none() {
            return Ok(records);
        }
        let start_line = line;
        let mut record = Vec::new();
        loop {
            let field = if chars.peek() == Some(&'"') {
                chars.next();
                quoted_field(&mut chars, &mut line)?
            } else {
                unquoted_field(&mut chars, line)?
            };
            record.push(field);
            match chars.next() {
                Some(',') => continue,
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push((start_line, record));
    }
}

/// CSV text being read, one character at a time.
type CsvChars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Whether the character after the next one ends a line (`\n`) or the text.
fn ends_line_after(chars: &CsvChars<'_>) -> bool {
    let mut look = chars.clone();
    look.next();
    matches!(look.peek(), Some('\n') | None)
}

/// A quoted field's text, after its opening `"`, up to its closing `"` (left before the
/// `,` or line end that follows it); `""` is a quote. Counts the lines it spans.
fn quoted_field(
    chars: &mut CsvChars<'_>,
    line: &mut usize,
) -> Result<String, (usize, &'static str)> {
    let mut field = String::new();
    loop {
        match chars.next() {
            Some('"') => match chars.peek().copied() {
                Some('"') => {
                    chars.next();
                    field.push('"');
                }
                Some(',') | Some('\n') | None => return Ok(field),
                Some('\r') if ends_line_after(chars) => return Ok(field),
                Some(_) => {
                    return Err((*line, "extraneous or missing \" in quoted-field"));
                }
            },
            Some('\r') if chars.peek() == Some(&'\n') => {}
            Some('\n') => {
                *line += 1;
                field.push('\n');
            }
            Some(c) => field.push(c),
            None => return Err((*line, "extraneous or missing \" in quoted-field")),
        }
    }
}

/// An unquoted field's text, up to a comma or the end of the line.
fn unquoted_field(chars: &mut CsvChars<'_>, line: usize) -> Result<String, (usize, &'static str)> {
    let mut field = String::new();
    while let Some(&c) = chars.peek() {
        match c {
            ',' | '\n' => break,
            '\r' if ends_line_after(chars) => break,
            '"' => return Err((line, "bare \" in non-quoted-field")),
            c => {
                field.push(c);
                chars.next();
            }
        }
    }
    Ok(field)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn jsonencode_like_terraform() {
        assert_eq!(
            show(
                "jsonencode",
                &[map(&[("b", n(1.0)), ("a", strs(&["<x>", "&"]))])]
            ),
            "\"{\\\"a\\\":[\\\"\\\\u003cx\\\\u003e\\\",\\\"\\\\u0026\\\"],\\\"b\\\":1}\""
        );
        assert_eq!(show("jsonencode", &[null()]), "\"null\"");
        assert_eq!(show("jsonencode", &[n(0.5)]), "\"0.5\"");
        assert_eq!(show("jsonencode", &[n(1e21)]), "\"1000000000000000000000\"");
        assert_eq!(
            show("jsonencode", &[s("a\u{1}\u{8}\n\u{2028}")]),
            "\"\\\"a\\\\u0001\\\\b\\\\n\\\\u2028\\\"\""
        );
        assert_eq!(
            show("jsonencode", &[list(vec![s("a"), unk()])]),
            "(unknown)"
        );
        assert_eq!(show("jsonencode", &[b(true)]), "\"true\"");
        // Shared sub-values can describe far more text than they occupy.
        let leaf = list(vec![s(&"x".repeat(1000)); 10]);
        let mid = list(vec![leaf; 100]);
        let top = list(vec![mid; 100]);
        assert_eq!(
            show("jsonencode", &[top]),
            "Limit: the result would be larger than 16 MiB, tfscan's bound on one value"
        );
    }

    #[test]
    fn jsondecode_values() {
        assert_eq!(
            show(
                "jsondecode",
                &[s("{\"a\": [1, \"x\", true, null], \"b\": {\"c\": 2.5}}")]
            ),
            "{a = [1, \"x\", true, null], b = {c = 2.5}}"
        );
        assert_eq!(show("jsondecode", &[s("\"hi\"")]), "\"hi\"");
        assert_eq!(show("jsondecode", &[s("{\"a\":1,\"a\":2}")]), "{a = 2}");
        assert!(show("jsondecode", &[s("{")]).contains("invalid JSON"));
        assert!(show("jsondecode", &[s("1 2")]).contains("invalid JSON"));
        assert!(show("jsondecode", &[s("")]).contains("invalid JSON"));
        assert_eq!(show("jsondecode", &[unk()]), "(unknown)");
        // Deep nesting is cut short (a limit, not invalid JSON) rather than overflowing the
        // stack.
        let deep = "[".repeat(100_000);
        assert_eq!(
            show("jsondecode", &[s(&deep)]),
            "Limit: the value nests deeper than 128 levels, tfscan's bound"
        );
    }

    #[test]
    fn base64() {
        assert_eq!(
            show("base64encode", &[s("Hello World")]),
            "\"SGVsbG8gV29ybGQ=\""
        );
        assert_eq!(
            show("base64decode", &[s("SGVsbG8gV29ybGQ=")]),
            "\"Hello World\""
        );
        assert_eq!(
            show("base64decode", &[s("SGVsbG8g\nV29ybGQ=")]),
            "\"Hello World\""
        );
        assert!(
            show("base64decode", &[s("SGVsbG8gV29ybGQ")]).contains("failed to decode base64 data")
        );
        assert!(show("base64decode", &[s("/w==")]).contains("not valid UTF-8"));
        assert_eq!(show("base64encode", &[unk()]), "(unknown)");
    }

    #[test]
    fn urlencode_like_go() {
        assert_eq!(
            show("urlencode", &[s("Hello World!/é~")]),
            "\"Hello+World%21%2F%C3%A9~\""
        );
    }

    #[test]
    fn csv() {
        assert_eq!(
            show("csvdecode", &[s("a,b,c\n1,2,3\n4,5,6\n")]),
            "[{a = \"1\", b = \"2\", c = \"3\"}, {a = \"4\", b = \"5\", c = \"6\"}]"
        );
        assert_eq!(
            show(
                "csvdecode",
                &[s("a,b\r\n\"x,\"\"y\"\"\",\"multi\r\nline\"\r\n\r\n")]
            ),
            "[{a = \"x,\\\"y\\\"\", b = \"multi\\nline\"}]"
        );
        assert_eq!(show("csvdecode", &[s("a,b")]), "[]");
        assert!(show("csvdecode", &[s("")]).contains("missing header line"));
        assert!(show("csvdecode", &[s("a,b\n1\n")]).contains("line 2: wrong number of fields"));
        assert!(show("csvdecode", &[s("a\nx\"y\n")]).contains("bare \" in non-quoted-field"));
        assert!(show("csvdecode", &[s("a\n\"x\"y\n")]).contains("extraneous or missing"));
        assert!(show("csvdecode", &[s("a\n\"x\n")]).contains("extraneous or missing"));
        // As `terraform console` (v1.x) answers: more fields than the header is an error
        // too, a column named twice is an error, spaces are kept, blank lines skipped and
        // the last line needs no line break.
        assert!(show("csvdecode", &[s("a,b\n1,2,3\n")]).contains("line 2: wrong number of fields"));
        assert!(show("csvdecode", &[s("a,a\n1,2\n")]).contains("duplicate column name \"a\""));
        assert_eq!(
            show("csvdecode", &[s("a, b\n 1,2\n")]),
            "[{ b = \"2\", a = \" 1\"}]"
        );
        assert_eq!(
            show("csvdecode", &[s("a,b\n\n1,2")]),
            "[{a = \"1\", b = \"2\"}]"
        );
    }
}
