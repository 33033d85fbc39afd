//! `yamldecode` and `yamlencode`, following Terraform's YAML library (go-cty-yaml).
//!
//! Decoding: one document; mappings become maps (keys must be scalars and are converted to
//! strings), sequences become lists. Unquoted scalars are typed with YAML 1.1's rules as
//! go-cty-yaml applies them: `y`/`yes`/`on`/`true` (any usual case) are true, `n`/`no`/
//! `off`/`false` false, `~`/`null`/empty null, decimal, unsigned `0x` and `0o` numbers,
//! `.inf`, and timestamps (which become RFC 3339 strings). Quoted and block scalars are
//! always strings. Anchors and aliases are expanded, with a bound on the expanded size.
//!
//! Encoding: block style, strings double-quoted (multi-line strings as literal blocks),
//! keys sorted, sequences inside mappings not indented, as libyaml emits them.

use std::collections::{BTreeMap, HashMap};

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

use super::encoding::{decode_base64, json_number};
use super::{FnError, FnResult, exact, fail, str_arg, unknown_inside};
use crate::value::{Kind, Value};

/// The most nodes a decoded document may expand to (aliases counted at each use).
const MAX_NODES: u64 = 1 << 20;
/// The deepest nesting accepted.
const MAX_DEPTH: usize = 128;

const CORE: &str = "tag:yaml.org,2002:";

pub(super) fn yamldecode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "src");
    let src = str_arg(v, "src")?;
    decode(&src).map_err(|e| match super::helper_error(e) {
        FnError::Invalid(e) => fail(format!("invalid YAML: {e}")),
        limit => limit,
    })
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
        size: u64,
    },
    Map {
        items: BTreeMap<String, Value>,
        key: Option<String>,
        anchor: usize,
        size: u64,
    },
}

/// A completed node: (value, expanded size, anchor id).
type Node = (Value, u64, usize);

fn decode(src: &str) -> Result<Value, String> {
    let mut parser = Parser::new_from_str(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Value, u64)> = HashMap::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| e.to_string())?;
        let at = || format!("on line {}, column {}", mark.line(), mark.col() + 1);
        let here = |e: String| format!("{e} ({})", at());
        let done: Option<Node> = match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(here("unexpected extra content after value".into()));
                }
                None
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((v, size)) => Some((v.clone(), *size, 0)),
                None => {
                    return Err(here(
                        "cannot refer to an anchor from inside its own definition".into(),
                    ));
                }
            },
            Event::Scalar(text, style, anchor, tag) => {
                scalar(&mut stack, &text, style, anchor, tag.as_ref()).map_err(here)?
            }
            Event::SequenceStart(anchor, tag) => {
                let seq = Frame::Seq {
                    items: Vec::new(),
                    anchor,
                    size: 1,
                };
                open(&mut stack, seq, tag.as_ref()).map_err(here)?;
                None
            }
            Event::MappingStart(anchor, tag) => {
                let map = Frame::Map {
                    items: BTreeMap::new(),
                    key: None,
                    anchor,
                    size: 1,
                };
                open(&mut stack, map, tag.as_ref()).map_err(here)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => Some(close(&mut stack)?),
        };
        if stack.len() > MAX_DEPTH {
            return Err(super::TOO_DEEP.to_string());
        }
        let Some((value, size, anchor)) = done else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (value.clone(), size));
        }
        place(&mut stack, &mut root, value, size, at)?;
    }
    // Terraform rejects an input without any document (empty, or only comments); an
    // explicit empty document (`---`) is null.
    if documents == 0 {
        return Err("missing start of document".to_string());
    }
    Ok(root.unwrap_or_else(Value::null))
}

/// A scalar: a mapping's next key (any scalar, converted to a string), else a node.
fn scalar(
    stack: &mut [Frame],
    text: &str,
    style: TScalarStyle,
    anchor: usize,
    tag: Option<&Tag>,
) -> Result<Option<Node>, String> {
    let value = resolve_scalar(text, style, tag)?;
    let Some(Frame::Map {
        key: key @ None, ..
    }) = stack.last_mut()
    else {
        return Ok(Some((value, 1, anchor)));
    };
    *key = Some(match value.kind {
        Kind::String(s) => s.to_string(),
        Kind::Number(n) => json_number(n).unwrap_or_else(|_| text.to_string()),
        Kind::Bool(b) => b.to_string(),
        _ => return Err("mapping key cannot be null".to_string()),
    });
    Ok(None)
}

/// Starts a sequence or mapping.
fn open(stack: &mut Vec<Frame>, frame: Frame, tag: Option<&Tag>) -> Result<(), String> {
    key_must_be_scalar(stack)?;
    match frame {
        Frame::Seq { .. } => check_collection_tag(tag, "seq", "sequence")?,
        Frame::Map { .. } => check_collection_tag(tag, "map", "mapping")?,
    }
    stack.push(frame);
    Ok(())
}

/// Ends the innermost sequence or mapping: it is a completed node.
fn close(stack: &mut Vec<Frame>) -> Result<Node, String> {
    match stack.pop() {
        Some(Frame::Seq {
            items,
            anchor,
            size,
        }) => Ok((Value::list(items), size, anchor)),
        Some(Frame::Map {
            items,
            anchor,
            size,
            ..
        }) => Ok((Value::map(items), size, anchor)),
        None => Err("unbalanced collection".to_string()),
    }
}

/// Puts a completed node into the collection being built, or makes it the document's
/// value; `at` says where the parser is.
fn place(
    stack: &mut [Frame],
    root: &mut Option<Value>,
    value: Value,
    size: u64,
    at: impl Fn() -> String,
) -> Result<(), String> {
    match stack.last_mut() {
        None => {
            if root.is_some() {
                return Err("unexpected extra content after value".to_string());
            }
            *root = Some(value);
        }
        Some(Frame::Seq { items, size: s, .. }) => {
            *s = s.saturating_add(size);
            if *s > MAX_NODES {
                return Err(super::TOO_MANY.into());
            }
            items.push(value);
        }
        Some(Frame::Map {
            items,
            key,
            size: s,
            ..
        }) => match key.take() {
            Some(k) => {
                *s = s.saturating_add(size);
                if *s > MAX_NODES {
                    return Err(super::TOO_MANY.into());
                }
                items.insert(k, value);
            }
            None => {
                return Err(format!(
                    "only strings are allowed as mapping keys ({})",
                    at()
                ));
            }
        },
    }
    Ok(())
}

fn key_must_be_scalar(stack: &[Frame]) -> Result<(), String> {
    match stack.last() {
        Some(Frame::Map { key: None, .. }) => {
            Err("only strings are allowed as mapping keys".to_string())
        }
        _ => Ok(()),
    }
}

fn check_collection_tag(tag: Option<&Tag>, core: &str, what: &str) -> Result<(), String> {
    match tag {
        None => Ok(()),
        Some(t) if t.handle == CORE && t.suffix == core => Ok(()),
        Some(t) => Err(format!("can't interpret {what} as {}", show_tag(t))),
    }
}

fn show_tag(t: &Tag) -> String {
    if t.handle == CORE {
        format!("!!{}", t.suffix)
    } else {
        format!("{}{}", t.handle, t.suffix)
    }
}

/// Types a scalar as go-cty-yaml does.
fn resolve_scalar(src: &str, style: TScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let core = match tag {
        None if style != TScalarStyle::Plain => return Ok(Value::string(src)),
        None => return resolve_plain(src),
        // The non-specific tag `!` makes a scalar a string.
        Some(t) if t.handle == "!" && t.suffix.is_empty() => return Ok(Value::string(src)),
        Some(t) if t.handle == CORE => t.suffix.as_str(),
        Some(t) => return Err(format!("unsupported tag {:?}", show_tag(t))),
    };
    let cannot = || format!("cannot parse {src:?} as !!{core}");
    match core {
        "str" => Ok(Value::string(src)),
        "binary" => {
            // Kept as its Base64 text, but it must be valid Base64.
            decode_base64(src)
                .map(|_| Value::string(src))
                .ok_or_else(|| format!("cannot parse {src:?} as !!binary: not valid base64"))
        }
        "bool" => yaml_bool(src).map(Value::bool).ok_or_else(cannot),
        "int" | "float" => yaml_number(src, true)
            .or_else(|| yaml_special_float(src))
            .map(Value::number)
            .or_else(|| super::number_value(src))
            .ok_or_else(cannot),
        "null" => Ok(Value::null()),
        "timestamp" => timestamp(src).map(Value::string).ok_or_else(cannot),
        other => Err(format!("unsupported tag \"!!{other}\"")),
    }
}

fn yaml_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

fn yaml_special_float(s: &str) -> Option<f64> {
    match s {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Decimal numbers (with fraction and exponent) and unsigned `0x` and `0o` integers; with
/// `binary`, also `0b` integers (only an explicit `!!int` tag reads those).
fn yaml_number(s: &str, binary: bool) -> Option<f64> {
    if let Some(n) = super::parse_number(s) {
        return Some(n);
    }
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x") {
        (h, 16)
    } else if let Some(o) = s.strip_prefix("0o") {
        (o, 8)
    } else if let Some(b) = s.strip_prefix("0b").filter(|_| binary) {
        (b, 2)
    } else {
        return None;
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u128::from_str_radix(digits, radix).ok().map(|n| n as f64)
}

/// Plain (unquoted, untagged) scalars.
fn resolve_plain(s: &str) -> Result<Value, String> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::null()),
        // Terraform numbers cannot be NaN.
        ".nan" | ".NaN" | ".NAN" => return Err("floating point NaN is not supported".into()),
        _ => {}
    }
    if let Some(b) = yaml_bool(s) {
        return Ok(Value::bool(b));
    }
    if let Some(f) = yaml_special_float(s) {
        return Ok(Value::number(f));
    }
    if matches!(s.as_bytes().first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.')) {
        if let Some(t) = timestamp(s) {
            return Ok(Value::string(t));
        }
        if let Some(n) = yaml_number(s, false) {
            return Ok(Value::number(n));
        }
        // A decimal an f64 does not hold exactly (`1e309`): a number to Terraform.
        if let Some(beyond) = super::number_value(s) {
            return Ok(beyond);
        }
    }
    Ok(Value::string(s))
}

/// A YAML timestamp (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`,
/// `2001-12-14 21:59:43.10`) as the RFC 3339 string Terraform produces (no fraction).
fn timestamp(s: &str) -> Option<String> {
    fn num(s: &str, min: usize, max: usize) -> Option<u32> {
        if s.len() < min || s.len() > max || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }
    let (date, time) = match s.find(['T', 't', ' ']) {
        Some(i) => (s.get(..i)?, Some((s.get(i..=i)?, s.get(i + 1..)?))),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (y, m, day) = (d.next()?, d.next()?, d.next()?);
    if d.next().is_some() {
        return None;
    }
    let (y, m, day) = (num(y, 4, 4)?, num(m, 1, 2)?, num(day, 1, 2)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days {
        return None;
    }
    let Some((sep, rest)) = time else {
        return Some(format!("{y:04}-{m:02}-{day:02}T00:00:00Z"));
    };
    // The space-separated form has no zone; the `T` form requires one.
    let (clock, zone) = if sep == " " {
        (rest, "Z".to_string())
    } else {
        let i = rest.find(['Z', '+', '-'])?;
        let zone = rest.get(i..)?;
        let zone = if zone == "Z" {
            "Z".to_string()
        } else {
            let (sign, hm) = zone.split_at(1);
            let (h, mm) = hm.split_once(':')?;
            let (h, mm) = (num(h, 2, 2)?, num(mm, 2, 2)?);
            if h > 23 || mm > 59 {
                return None;
            }
            if h == 0 && mm == 0 {
                "Z".to_string()
            } else {
                format!("{sign}{h:02}:{mm:02}")
            }
        };
        (rest.get(..i)?, zone)
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (clock, None),
    };
    if let Some(f) = frac {
        num(f, 1, 9)?;
    }
    let mut t = hms.split(':');
    let (h, mi, sec) = (
        num(t.next()?, 1, 2)?,
        num(t.next()?, 1, 2)?,
        num(t.next()?, 1, 2)?,
    );
    if t.next().is_some() || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{day:02}T{h:02}:{mi:02}:{sec:02}{zone}"
    ))
}

/// `yamlencode(value)`.
pub(super) fn yamlencode(args: &[Value]) -> FnResult {
    let [v] = exact::<1>(args)?;
    if let Some(u) = unknown_inside(v) {
        return Ok(u);
    }
    let mut e = Emitter::default();
    e.node(v, -1, Context::Root)?;
    if e.open_ended {
        e.newline_if_needed();
        e.out.push_str("...\n");
    } else {
        e.newline_if_needed();
    }
    Ok(Value::string(e.out))
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Root,
    MapValue,
    SeqItem,
}

/// A small block-style emitter reproducing libyaml's layout for the values Terraform
/// encodes.
#[derive(Default)]
struct Emitter {
    out: String,
    column: usize,
    /// A plain scalar at the root, or a `|+` block, ends the stream "open": libyaml then
    /// closes the document with `...`.
    open_ended: bool,
    too_large: bool,
}

const BEST_WIDTH: usize = 80;

impl Emitter {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        if self.too_large || self.out.len() + s.len() > super::MAX_RESULT_BYTES {
            self.too_large = true;
            return;
        }
        self.out.push_str(s);
    }

    fn newline_if_needed(&mut self) {
        if self.column > 0 {
            self.push("\n");
        }
    }

    /// Starts a new line at `indent` unless the cursor already sits there.
    fn line_at(&mut self, indent: i32) {
        let indent = usize::try_from(indent).unwrap_or(0);
        if self.column > indent || (self.column > 0 && self.column == indent) {
            self.push("\n");
        }
        if self.column < indent {
            let pad = " ".repeat(indent - self.column);
            self.push(&pad);
        }
    }

    fn node(&mut self, v: &Value, parent: i32, ctx: Context) -> Result<(), super::FnError> {
        let scalar_indent = if parent < 0 { 2 } else { parent + 2 };
        match &v.kind {
            Kind::List(items) | Kind::Set(items) if !items.is_empty() => {
                // A sequence directly under a mapping key is not indented.
                let indent = if parent < 0 {
                    0
                } else if ctx == Context::MapValue {
                    parent
                } else {
                    parent + 2
                };
                for (i, item) in items.iter().enumerate() {
                    if !(i == 0 && ctx == Context::SeqItem) {
                        self.line_at(indent);
                    }
                    self.push("- ");
                    self.open_ended = false;
                    self.node(item, indent, Context::SeqItem)?;
                }
            }
            Kind::Map(_) | Kind::Resource(_) if !v.as_map().is_some_and(|m| m.is_empty()) => {
                let indent = if parent < 0 { 0 } else { parent + 2 };
                for (i, (k, x)) in v.as_map().into_iter().flatten().enumerate() {
                    if !(i == 0 && ctx == Context::SeqItem) {
                        self.line_at(indent);
                    }
                    self.double_quoted(k, indent, false);
                    self.push(":");
                    self.open_ended = false;
                    match &x.kind {
                        Kind::List(items) | Kind::Set(items) if !items.is_empty() => {}
                        Kind::Map(_) | Kind::Resource(_)
                            if !x.as_map().is_some_and(|m| m.is_empty()) => {}
                        _ => self.push(" "),
                    }
                    self.node(x, indent, Context::MapValue)?;
                }
            }
            Kind::List(_) | Kind::Set(_) => self.plain("[]", false),
            Kind::Map(_) | Kind::Resource(_) => self.plain("{}", false),
            Kind::Null => self.plain("null", ctx == Context::Root),
            Kind::Bool(b) => self.plain(if *b { "true" } else { "false" }, ctx == Context::Root),
            Kind::Number(n) => {
                let text = if n.is_infinite() {
                    if *n > 0.0 { "+Inf" } else { "-Inf" }.to_string()
                } else {
                    json_number(*n).map_err(fail)?
                };
                self.plain(&text, ctx == Context::Root);
            }
            Kind::String(s) => {
                if s.contains('\n') && literal_allowed(s) {
                    self.literal(s, scalar_indent);
                } else {
                    self.double_quoted(s, scalar_indent, true);
                }
            }
            Kind::Unknown(_) => return Err(fail("value is not yet known")),
        }
        if self.too_large {
            return Err(super::over_limit(super::TOO_LARGE));
        }
        Ok(())
    }

    fn plain(&mut self, text: &str, root: bool) {
        self.push(text);
        self.open_ended = root;
    }

    /// libyaml's double-quoted scalar, folding long lines at spaces past column 80 when
    /// breaks are allowed (not in keys).
    fn double_quoted(&mut self, s: &str, indent: i32, allow_breaks: bool) {
        self.push("\"");
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if let Some(esc) = yaml_escape(c) {
                self.push(&esc);
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i + 1 != chars.len()
                {
                    self.push("\n");
                    let pad = " ".repeat(usize::try_from(indent).unwrap_or(0));
                    self.push(&pad);
                    if chars.get(i + 1) == Some(&' ') {
                        self.push("\\");
                    }
                } else {
                    self.push(" ");
                }
                spaces = true;
            } else {
                let mut buf = [0u8; 4];
                self.push(c.encode_utf8(&mut buf));
                spaces = false;
            }
            i += 1;
        }
        self.push("\"");
        self.open_ended = false;
    }

    fn literal(&mut self, s: &str, indent: i32) {
        self.push("|");
        if s.starts_with([' ', '\n']) {
            self.push("2");
        }
        let chomp = if !s.ends_with('\n') {
            "-"
        } else if s.len() == 1 || s.ends_with("\n\n") {
            "+"
        } else {
            ""
        };
        self.push(chomp);
        self.push("\n");
        let pad = " ".repeat(usize::try_from(indent).unwrap_or(0));
        let mut at_line_start = true;
        for c in s.chars() {
            if c == '\n' {
                self.push("\n");
                at_line_start = true;
            } else {
                if at_line_start {
                    self.push(&pad);
                    at_line_start = false;
                }
                let mut buf = [0u8; 4];
                self.push(c.encode_utf8(&mut buf));
            }
        }
        // Unlike a plain root scalar, a `|+` block does not make libyaml close the
        // document with `...`.
        self.open_ended = false;
    }
}

/// Characters libyaml prints directly in a double-quoted scalar (`is_printable`, minus
/// line breaks, quotes and backslashes).
fn yaml_escape(c: char) -> Option<String> {
    let u = u32::from(c);
    let printable = matches!(u, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && u != 0xFEFF;
    let escape = match c {
        '\0' => "\\0".to_string(),
        '\u{7}' => "\\a".to_string(),
        '\u{8}' => "\\b".to_string(),
        '\t' => "\\t".to_string(),
        '\n' => "\\n".to_string(),
        '\u{b}' => "\\v".to_string(),
        '\u{c}' => "\\f".to_string(),
        '\r' => "\\r".to_string(),
        '\u{1b}' => "\\e".to_string(),
        '"' => "\\\"".to_string(),
        '\\' => "\\\\".to_string(),
        '\u{85}' => "\\N".to_string(),
        '\u{2028}' => "\\L".to_string(),
        '\u{2029}' => "\\P".to_string(),
        _ if printable => return None,
        _ if u <= 0xFF => format!("\\x{u:02X}"),
        _ if u <= 0xFFFF => format!("\\u{u:04X}"),
        _ => format!("\\U{u:08X}"),
    };
    Some(escape)
}

/// libyaml refuses a literal block for text with trailing spaces, a space before a line
/// break, or characters it cannot print.
fn literal_allowed(s: &str) -> bool {
    if s.ends_with(' ') || s.contains(" \n") {
        return false;
    }
    s.chars().all(|c| {
        c == '\n'
            || (yaml_escape(c).is_none() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
            || c == '"'
            || c == '\\'
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    fn dec(src: &str) -> String {
        show("yamldecode", &[s(src)])
    }

    #[test]
    fn decode_structures() {
        assert_eq!(
            dec("a: 1\nb:\n  - x\n  - 'y'\nc: {d: true}\n"),
            "{a = 1, b = [\"x\", \"y\"], c = {d = true}}"
        );
        assert_eq!(dec("- 1\n- [2, 3]\n"), "[1, [2, 3]]");
        assert_eq!(dec("~"), "null");
        assert_eq!(dec("---\nhello\n...\n"), "\"hello\"");
    }

    #[test]
    fn decode_scalar_typing() {
        assert_eq!(
            dec("[yes, No, on, OFF, y, true]"),
            "[true, false, true, false, true, true]"
        );
        assert_eq!(dec("['yes', \"1\"]"), "[\"yes\", \"1\"]");
        assert_eq!(
            dec("[1.5, -3, 1e3, 0x1F, 0o17, .5, 012, +1]"),
            "[1.5, -3, 1000, 31, 15, 0.5, 12, 1]"
        );
        assert_eq!(
            dec("[1_000, 12abc, 0xZZ, 0b101, -0x1F, 0X1F]"),
            "[\"1_000\", \"12abc\", \"0xZZ\", \"0b101\", \"-0x1F\", \"0X1F\"]"
        );
        assert_eq!(dec("[null, Null, ~, '']"), "[null, null, null, \"\"]");
        assert_eq!(
            dec("a: |\n  line1\n  line2\n"),
            "{a = \"line1\\nline2\\n\"}"
        );
        assert_eq!(dec("a: >-\n  folded\n  text\n"), "{a = \"folded text\"}");
        assert_eq!(
            dec("[!!str 123, !!int \"42\", !!float '1.5', !!bool yes, !!int 0b101]"),
            "[\"123\", 42, 1.5, true, 5]"
        );
        assert!(dec("!!bool maybe").contains("cannot parse \"maybe\" as !!bool"));
        assert!(dec("!custom x").contains("unsupported tag"));
        assert!(dec(".nan").contains("NaN is not supported"));
        assert_eq!(dec("[.inf, -.Inf]"), "[inf, -inf]");
    }

    #[test]
    fn decode_timestamps() {
        assert_eq!(dec("2019-02-01"), "\"2019-02-01T00:00:00Z\"");
        assert_eq!(
            dec("2001-12-14t21:59:43.10-05:00"),
            "\"2001-12-14T21:59:43-05:00\""
        );
        assert_eq!(dec("2001-12-14 21:59:43.10"), "\"2001-12-14T21:59:43Z\"");
        assert_eq!(dec("2019-02-30"), "\"2019-02-30\"");
    }

    #[test]
    fn decode_keys_and_anchors() {
        assert_eq!(dec("1: a\ntrue: b\nyes: c\n"), "{1 = \"a\", true = \"c\"}");
        assert_eq!(
            dec("base: &b {x: 1}\nother: *b\n"),
            "{base = {x = 1}, other = {x = 1}}"
        );
        assert!(dec("? [a]\n: b\n").contains("only strings are allowed as mapping keys"));
        assert!(dec("~: a").contains("mapping key cannot be null"));
        assert!(dec("a: *nope").contains("invalid YAML"));
        assert!(dec("a: 1\n---\nb: 2\n").contains("unexpected extra content after value"));
        assert!(dec("").contains("missing start of document"));
        assert!(dec("# only a comment\n").contains("missing start of document"));
        assert_eq!(dec("---\n"), "null");
        assert!(dec("a: [1, 2").contains("invalid YAML"));
    }

    #[test]
    fn decode_is_bounded() {
        // A "billion laughs" document must fail instead of expanding.
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert_eq!(
            dec(&doc),
            "Limit: the result would have more than 1,048,576 elements, tfscan's bound on one value"
        );
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            dec(&deep),
            "Limit: the value nests deeper than 128 levels, tfscan's bound"
        );
        assert_eq!(show("yamldecode", &[unk()]), "(unknown)");
    }

    fn enc(v: crate::value::Value) -> String {
        show("yamlencode", &[v])
    }

    #[test]
    fn encode_like_libyaml() {
        assert_eq!(enc(b(true)), "\"true\\n...\\n\"");
        assert_eq!(enc(s("hello")), "\"\\\"hello\\\"\\n\"");
        assert_eq!(enc(s("")), "\"\\\"\\\"\\n\"");
        assert_eq!(enc(n(0.0)), "\"0\\n...\\n\"");
        assert_eq!(enc(null()), "\"null\\n...\\n\"");
        assert_eq!(enc(map(&[])), "\"{}\\n\"");
        assert_eq!(enc(list(vec![])), "\"[]\\n\"");
        assert_eq!(enc(map(&[("a", s("b"))])), "\"\\\"a\\\": \\\"b\\\"\\n\"");
        assert_eq!(enc(strs(&["b"])), "\"- \\\"b\\\"\\n\"");
        assert_eq!(
            enc(map(&[
                ("a", nums(&[1.0, 2.0])),
                ("b", map(&[("c", b(false))]))
            ])),
            "\"\\\"a\\\":\\n- 1\\n- 2\\n\\\"b\\\":\\n  \\\"c\\\": false\\n\""
        );
        assert_eq!(
            enc(list(vec![
                map(&[("a", n(1.0)), ("b", n(2.0))]),
                nums(&[3.0, 4.0])
            ])),
            "\"- \\\"a\\\": 1\\n  \\\"b\\\": 2\\n- - 3\\n  - 4\\n\""
        );
        assert_eq!(
            enc(map(&[("k", s("x\ny"))])),
            "\"\\\"k\\\": |-\\n  x\\n  y\\n\""
        );
        assert_eq!(enc(map(&[("k", s("x\n"))])), "\"\\\"k\\\": |\\n  x\\n\"");
        assert_eq!(
            enc(map(&[("k", s("x \ny"))])),
            "\"\\\"k\\\": \\\"x \\\\ny\\\"\\n\""
        );
        assert_eq!(enc(s("tab\there")), "\"\\\"tab\\\\there\\\"\\n\"");
        assert_eq!(enc(list(vec![unk()])), "(unknown)");
    }

    #[test]
    fn encode_folds_long_strings() {
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let out = match super::super::testutil::call("yamlencode", &[s(long)]) {
            Ok(v) => v.as_str().unwrap_or_default().to_string(),
            Err(e) => panic!("{e:?}"),
        };
        assert!(out.contains("\n  word"), "{out}");
        assert!(out.lines().all(|l| l.len() < 100));
    }
}
