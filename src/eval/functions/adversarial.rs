//! Every function against hostile arguments: multi-byte and malformed strings, numbers at
//! the edges of `f64` and `i64`, empty and nested collections, nulls and unknowns. Each call
//! must return a value or an error; a panic fails the test and names the call.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::testutil::*;
use crate::value::Value;

/// Every function name `call` dispatches (and a few Terraform has that it does not).
const FUNCTIONS: &[&str] = &[
    "abs",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "base64sha256",
    "base64sha512",
    "basename",
    "bcrypt",
    "ceil",
    "chomp",
    "chunklist",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "csvdecode",
    "dirname",
    "distinct",
    "element",
    "endswith",
    "file",
    "filebase64",
    "filebase64sha256",
    "filebase64sha512",
    "fileexists",
    "filemd5",
    "fileset",
    "filesha1",
    "filesha256",
    "filesha512",
    "flatten",
    "floor",
    "format",
    "formatlist",
    "indent",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "log",
    "lookup",
    "lower",
    "matchkeys",
    "max",
    "md5",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "parseint",
    "pathexpand",
    "plantimestamp",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "sensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "sha1",
    "sha256",
    "sha512",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "templatefile",
    "templatestring",
    "timestamp",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "transpose",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "upper",
    "urlencode",
    "uuid",
    "uuidv5",
    "values",
    "yamldecode",
    "yamlencode",
    "zipmap",
    "formatdate",
    "timeadd",
    "timecmp",
    "textdecodebase64",
    "textencodebase64",
    "cidrcontains",
];

/// Arguments that have broken string and number code elsewhere: combining marks, emoji
/// (four bytes, two UTF-16 units), a lone CR, format verbs cut short, patterns with
/// multi-byte delimiters, CIDRs at the edges, and numbers no index or count can be.
fn hostile_values() -> Vec<Value> {
    vec![
        s(""),
        s("é"),
        s("😀"),
        s("e\u{301}x😀y\r\n"),
        s("%"),
        s("%😀"),
        s("%-08.3😀d"),
        s("%[2]é"),
        s("/😀/"),
        s("/(é)|(?P<n>😀)/"),
        s("${😀}%{"),
        s("\u{feff}---\n😀: [\n"),
        s("{\"😀\":[1,"),
        s("YQ=😀"),
        s("1.2.3.4/33"),
        s("::ffff:1.2.3.4/128"),
        s("0.0.0.0/0"),
        s("-0x😀"),
        s("2024-02-30T25:61:00+😀"),
        n(-1.0),
        n(0.0),
        n(0.5),
        n(3.0),
        n(1e300),
        n(-1e300),
        n(9.2e18),
        n(-9.3e18),
        n(f64::INFINITY),
        n(f64::NEG_INFINITY),
        n(f64::MAX),
        n(f64::MIN_POSITIVE),
        b(true),
        null(),
        unk(),
        list(vec![]),
        strs(&["😀", "é", ""]),
        nums(&[-1.0, 1e300, 0.5]),
        list(vec![list(vec![]), null(), unk()]),
        map(&[]),
        map(&[("😀", s("é")), ("", null())]),
        Value::set(vec![s("😀"), n(1.0)]),
    ]
}

/// Calls `name` with `args`; `Some(description)` when it panicked.
fn panics(name: &str, args: &[Value]) -> Option<String> {
    let result = catch_unwind(AssertUnwindSafe(|| call(name, args)));
    result.err().map(|e| {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let shown: Vec<String> = args.iter().map(render).collect();
        format!("{name}({}): {why}", shown.join(", "))
    })
}

#[test]
fn no_function_panics_on_hostile_arguments() {
    let values = hostile_values();
    // The three-argument sweep uses a subset, or it would take minutes in a debug build:
    // offsets and lengths that count from either end or overflow, and text to cut.
    let few = vec![
        s("e\u{301}x😀y\r\n"),
        s("%😀"),
        s("/😀/"),
        s("10.0.0.0/8"),
        n(-1.0),
        n(0.0),
        n(3.0),
        n(1e300),
        null(),
        unk(),
        strs(&["😀", "é", ""]),
        map(&[("😀", s("é")), ("", null())]),
    ];
    let mut panicked = Vec::new();
    for name in FUNCTIONS {
        panicked.extend(panics(name, &[]));
        for a in &values {
            panicked.extend(panics(name, std::slice::from_ref(a)));
            for b in &values {
                panicked.extend(panics(name, &[a.clone(), b.clone()]));
            }
        }
        for a in &few {
            for b in &few {
                for c in &few {
                    panicked.extend(panics(name, &[a.clone(), b.clone(), c.clone()]));
                }
            }
        }
    }
    assert!(panicked.is_empty(), "{}", panicked.join("\n"));
}
