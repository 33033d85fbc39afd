//! Terraform generated from a grammar (`arbitrary`): always-parseable configurations that
//! reach deep into evaluation (references, count/for_each, modules, functions, splats,
//! templates, dynamic blocks) and the checks, instead of stopping at the parser.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// Resource types the checks look at, so generated resources meet real checks.
const TYPES: [&str; 10] = [
    "aws_security_group",
    "aws_security_group_rule",
    "aws_s3_bucket",
    "aws_network_acl",
    "aws_subnet",
    "aws_route_table",
    "aws_instance",
    "aws_iam_policy",
    "aws_db_instance",
    "aws_lambda_function",
];
const ATTRS: [&str; 12] = [
    "cidr_blocks",
    "from_port",
    "to_port",
    "protocol",
    "description",
    "bucket",
    "policy",
    "vpc_id",
    "subnet_id",
    "encrypted",
    "count",
    "for_each",
];
const FUNCTIONS: [&str; 16] = [
    "cidrsubnet",
    "cidrhost",
    "jsonencode",
    "jsondecode",
    "merge",
    "concat",
    "flatten",
    "lookup",
    "element",
    "length",
    "format",
    "join",
    "split",
    "range",
    "toset",
    "try",
];
const STRINGS: [&str; 8] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "::/0",
    "tcp",
    "-1",
    "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
    "a",
    "",
];

#[derive(Arbitrary, Debug)]
enum Expr {
    Number(i16),
    Str(u8),
    Bool(bool),
    Null,
    List(Vec<Expr>),
    Object(Vec<(u8, Expr)>),
    Local(u8),
    Var(u8),
    Resource(u8, u8, u8),
    Module(u8),
    Each(bool),
    CountIndex,
    Call(u8, Vec<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Binary(u8, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    ForList(Box<Expr>, Box<Expr>),
    ForMap(Box<Expr>, Box<Expr>),
    Splat(Box<Expr>, u8),
    Index(Box<Expr>, Box<Expr>),
    Template(Vec<Expr>),
}

#[derive(Arbitrary, Debug)]
enum Meta {
    None,
    Count(Expr),
    ForEach(Expr),
}

#[derive(Arbitrary, Debug)]
enum Item {
    Resource {
        ty: u8,
        name: u8,
        meta: Meta,
        attrs: Vec<(u8, Expr)>,
        ingress: Vec<Vec<(u8, Expr)>>,
        dynamic: Option<Expr>,
    },
    Local(u8, Expr),
    Variable(u8, Option<Expr>),
    Output(u8, Expr),
    Module {
        name: u8,
        to_child: bool,
        meta: Meta,
        inputs: Vec<(u8, Expr)>,
    },
}

#[derive(Arbitrary, Debug)]
struct Config {
    root: Vec<Item>,
    child: Vec<Item>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

/// Renders an expression; `depth` keeps generated text within hcl-edit's nesting limit
/// so it parses and reaches the evaluator.
fn expr(e: &Expr, depth: u32, out: &mut String) {
    if depth > 40 {
        out.push_str("null");
        return;
    }
    let d = depth + 1;
    match e {
        Expr::Number(n) => out.push_str(&n.to_string()),
        Expr::Str(i) => out.push_str(&format!("{:?}", pick(&STRINGS, *i))),
        Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Expr::Null => out.push_str("null"),
        Expr::List(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(x, d, out);
            }
            out.push(']');
        }
        Expr::Object(items) => {
            out.push('{');
            for (k, x) in items {
                out.push_str(&format!("\n  k{} = ", k % 8));
                expr(x, d, out);
            }
            out.push_str("\n}");
        }
        Expr::Local(i) => out.push_str(&format!("local.l{}", i % 6)),
        Expr::Var(i) => out.push_str(&format!("var.v{}", i % 4)),
        Expr::Resource(t, n, a) => out.push_str(&format!(
            "{}.r{}.{}",
            pick(&TYPES, *t),
            n % 4,
            pick(&ATTRS, *a)
        )),
        Expr::Module(i) => out.push_str(&format!("module.m{}.o{}", i % 2, i % 3)),
        Expr::Each(key) => out.push_str(if *key { "each.key" } else { "each.value" }),
        Expr::CountIndex => out.push_str("count.index"),
        Expr::Call(f, args) => {
            out.push_str(pick(&FUNCTIONS, *f));
            out.push('(');
            for (i, x) in args.iter().take(4).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(x, d, out);
            }
            out.push(')');
        }
        Expr::Conditional(c, a, b) => {
            out.push('(');
            expr(c, d, out);
            out.push_str(" ? ");
            expr(a, d, out);
            out.push_str(" : ");
            expr(b, d, out);
            out.push(')');
        }
        Expr::Binary(op, a, b) => {
            out.push('(');
            expr(a, d, out);
            out.push_str(pick(
                &[
                    " + ", " - ", " * ", " / ", " % ", " == ", " != ", " < ", " && ", " || ",
                ],
                *op,
            ));
            expr(b, d, out);
            out.push(')');
        }
        Expr::Not(a) => {
            out.push_str("!(");
            expr(a, d, out);
            out.push(')');
        }
        Expr::ForList(c, body) => {
            out.push_str("[for k, v in ");
            expr(c, d, out);
            out.push_str(" : ");
            expr(body, d, out);
            out.push(']');
        }
        Expr::ForMap(c, body) => {
            out.push_str("{for k, v in ");
            expr(c, d, out);
            out.push_str(" : tostring(k) => ");
            expr(body, d, out);
            out.push('}');
        }
        Expr::Splat(a, attr) => {
            out.push('(');
            expr(a, d, out);
            out.push_str(&format!(")[*].{}", pick(&ATTRS, *attr)));
        }
        Expr::Index(a, i) => {
            out.push('(');
            expr(a, d, out);
            out.push_str(")[");
            expr(i, d, out);
            out.push(']');
        }
        Expr::Template(parts) => {
            out.push('"');
            for p in parts {
                out.push_str("x${");
                expr(p, d, out);
                out.push('}');
            }
            out.push('"');
        }
    }
}

fn meta(m: &Meta, out: &mut String) {
    match m {
        Meta::None => {}
        Meta::Count(e) => {
            out.push_str("  count = ");
            expr(e, 1, out);
            out.push('\n');
        }
        Meta::ForEach(e) => {
            out.push_str("  for_each = ");
            expr(e, 1, out);
            out.push('\n');
        }
    }
}

fn attrs(list: &[(u8, Expr)], indent: &str, out: &mut String) {
    let mut seen = Vec::new();
    for (a, e) in list {
        let name = pick(&ATTRS[..10], *a);
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        out.push_str(&format!("{indent}{name} = "));
        expr(e, 1, out);
        out.push('\n');
    }
}

fn items(list: &[Item], child_source: Option<&str>) -> String {
    let mut out = String::new();
    let mut declared = Vec::new();
    for item in list {
        match item {
            Item::Resource {
                ty,
                name,
                meta: m,
                attrs: a,
                ingress,
                dynamic,
            } => {
                let key = format!("{}.r{}", pick(&TYPES, *ty), name % 4);
                if declared.contains(&key) {
                    continue;
                }
                declared.push(key);
                out.push_str(&format!(
                    "resource \"{}\" \"r{}\" {{\n",
                    pick(&TYPES, *ty),
                    name % 4
                ));
                meta(m, &mut out);
                attrs(a, "  ", &mut out);
                for block in ingress.iter().take(3) {
                    out.push_str("  ingress {\n");
                    attrs(block, "    ", &mut out);
                    out.push_str("  }\n");
                }
                if let Some(e) = dynamic {
                    out.push_str("  dynamic \"egress\" {\n    for_each = ");
                    expr(e, 1, &mut out);
                    out.push_str("\n    content {\n      cidr_blocks = [egress.value]\n      from_port = egress.key\n    }\n  }\n");
                }
                out.push_str("}\n");
            }
            Item::Local(i, e) => {
                let key = format!("local.l{}", i % 6);
                if declared.contains(&key) {
                    continue;
                }
                declared.push(key);
                out.push_str(&format!("locals {{\n  l{} = ", i % 6));
                expr(e, 1, &mut out);
                out.push_str("\n}\n");
            }
            Item::Variable(i, default) => {
                let key = format!("var.v{}", i % 4);
                if declared.contains(&key) {
                    continue;
                }
                declared.push(key);
                out.push_str(&format!("variable \"v{}\" {{\n", i % 4));
                if let Some(e) = default {
                    out.push_str("  default = ");
                    expr(e, 1, &mut out);
                    out.push('\n');
                }
                out.push_str("}\n");
            }
            Item::Output(i, e) => {
                let key = format!("output.o{}", i % 3);
                if declared.contains(&key) {
                    continue;
                }
                declared.push(key);
                out.push_str(&format!("output \"o{}\" {{\n  value = ", i % 3));
                expr(e, 1, &mut out);
                out.push_str("\n}\n");
            }
            Item::Module {
                name,
                to_child,
                meta: m,
                inputs,
            } => {
                let key = format!("module.m{}", name % 2);
                if declared.contains(&key) {
                    continue;
                }
                declared.push(key);
                let source = match child_source {
                    Some(child) if *to_child => child,
                    // The root from the child, or the child from itself: a module cycle.
                    _ => "./",
                };
                out.push_str(&format!(
                    "module \"m{}\" {{\n  source = \"{source}\"\n",
                    name % 2
                ));
                meta(m, &mut out);
                for (i, e) in inputs.iter().take(4) {
                    out.push_str(&format!("  v{} = ", i % 4));
                    expr(e, 1, &mut out);
                    out.push('\n');
                }
                out.push_str("}\n");
            }
        }
    }
    out
}

fuzz_target!(|config: Config| {
    let root = items(&config.root, Some("./child"));
    let child = items(&config.child, None);
    // Replaying a crash: `TFSCAN_FUZZ_PRINT=1 structured artifacts/structured/<file>`.
    if std::env::var_os("TFSCAN_FUZZ_PRINT").is_some() {
        eprintln!("--- main.tf\n{root}--- child/main.tf\n{child}");
    }
    common::scan_files_checking_reuse(&[
        ("main.tf", root.as_bytes()),
        ("child/main.tf", child.as_bytes()),
    ]);
});
