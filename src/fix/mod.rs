//! `tfscan fix` and the editor's quick fixes: format-preserving edits for the findings
//! that have one safe, local fix.
//!
//! Each fix is declared in [`FIXES`], keyed by the id of the check whose finding it
//! removes, as a list of settings (`storage_encrypted = true`, `metadata_options {
//! http_tokens = "required" }`). A fix edits only the text of the resource block the
//! finding is in, by byte spans from hcl-edit's parse: an attribute that is written is
//! replaced in place (its value's span and nothing else), one that is not is inserted as
//! a new line before the block's closing brace, indented like its neighbours. Every other
//! byte of the file, comments and alignment included, stays as it was. A setting whose
//! value the user must choose (a KMS key) refers to a new `variable` declared at the end
//! of the file instead of inventing a value; so does the open CIDR (`0.0.0.0/0`, `::/0`)
//! of an ingress rule that exposes an administrative port ([`Value::OpenCidr`]).
//!
//! A fix is refused (with the reason) when the finding is not in its resource block
//! (the value came through a variable, a local or a module input: the fix belongs where
//! it was written, which other uses may share), when the attribute holds an expression
//! rather than a literal, or when the block is written dynamically.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::BTreeSet;
use std::ops::Range;

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Structure};

/// A value a fix writes.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// An HCL literal, written as is (`true`, `"required"`).
    Literal(&'static str),
    /// A value only the user can choose: a new string variable named
    /// `<resource name>_<suffix>` with this description.
    Variable {
        suffix: &'static str,
        description: &'static str,
    },
    /// The open source (`0.0.0.0/0`, `::/0`) of the ingress rule holding the finding,
    /// written as a literal, becomes a new variable per CIDR attribute of the rule (see
    /// [`narrow_open`]); the setting's path is not used.
    OpenCidr,
}

/// One setting of a fix: the attribute path inside the resource block (the last part is
/// the attribute, the others nested blocks, created when absent) and its value.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub path: &'static [&'static str],
    pub value: Value,
}

/// The fix of one check.
#[derive(Debug, Clone, Copy)]
pub struct Fix {
    pub check: &'static str,
    /// What the fix does, for `tfscan fix` and the editor's quick-fix menu.
    pub title: &'static str,
    pub settings: &'static [Setting],
}

const fn set(path: &'static [&'static str], literal: &'static str) -> Setting {
    Setting {
        path,
        value: Value::Literal(literal),
    }
}

/// Every fix, by check id. Values are the ones each check's remediation names; the TLS
/// policies are the newest AWS predefined policies that still serve TLS 1.2 clients
/// (ELB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html;
/// API Gateway: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html).
pub const FIXES: &[Fix] = &[
    Fix {
        check: "aws-ebs-volume-not-encrypted",
        title: "Encrypt the volume",
        settings: &[set(&["encrypted"], "true")],
    },
    Fix {
        check: "aws-efs-not-encrypted",
        title: "Encrypt the file system",
        settings: &[set(&["encrypted"], "true")],
    },
    Fix {
        check: "aws-rds-storage-not-encrypted",
        title: "Encrypt the database storage",
        settings: &[set(&["storage_encrypted"], "true")],
    },
    Fix {
        check: "aws-docdb-storage-not-encrypted",
        title: "Encrypt the cluster storage",
        settings: &[set(&["storage_encrypted"], "true")],
    },
    Fix {
        check: "aws-neptune-storage-not-encrypted",
        title: "Encrypt the cluster storage",
        settings: &[set(&["storage_encrypted"], "true")],
    },
    Fix {
        check: "aws-redshift-not-encrypted",
        title: "Encrypt the cluster",
        settings: &[set(&["encrypted"], "true")],
    },
    Fix {
        check: "aws-elasticache-not-encrypted-at-rest",
        title: "Encrypt the replication group at rest",
        settings: &[set(&["at_rest_encryption_enabled"], "true")],
    },
    Fix {
        check: "aws-elasticache-not-encrypted-in-transit",
        title: "Encrypt the replication group in transit",
        settings: &[set(&["transit_encryption_enabled"], "true")],
    },
    Fix {
        check: "aws-sqs-queue-not-encrypted",
        title: "Encrypt the queue with SQS-managed keys",
        settings: &[set(&["sqs_managed_sse_enabled"], "true")],
    },
    Fix {
        check: "aws-sns-topic-not-encrypted",
        title: "Encrypt the topic with a KMS key (new variable)",
        settings: &[Setting {
            path: &["kms_master_key_id"],
            value: Value::Variable {
                suffix: "kms_key_id",
                description: "The KMS key (id, ARN or alias) that encrypts the SNS topic",
            },
        }],
    },
    Fix {
        check: "aws-elb-access-logging-disabled",
        title: "Turn on access logs (new variable for the bucket)",
        settings: &[
            Setting {
                path: &["access_logs", "bucket"],
                value: Value::Variable {
                    suffix: "access_logs_bucket",
                    description: "The S3 bucket the load balancer writes its access logs to",
                },
            },
            set(&["access_logs", "enabled"], "true"),
        ],
    },
    Fix {
        check: "aws-vpc-sg-admin-port-open-to-internet",
        title: "Narrow the open CIDR to a variable",
        settings: &[Setting {
            path: &[],
            value: Value::OpenCidr,
        }],
    },
    Fix {
        check: "aws-vpc-nacl-admin-port-open-to-internet",
        title: "Narrow the open CIDR to a variable",
        settings: &[Setting {
            path: &[],
            value: Value::OpenCidr,
        }],
    },
    Fix {
        check: "aws-rds-deletion-protection-disabled",
        title: "Turn on deletion protection",
        settings: &[set(&["deletion_protection"], "true")],
    },
    Fix {
        check: "aws-elb-deletion-protection-disabled",
        title: "Turn on deletion protection",
        settings: &[set(&["enable_deletion_protection"], "true")],
    },
    Fix {
        check: "aws-s3-public-access-block-allows-public-acls",
        title: "Block public ACLs",
        settings: &[set(&["block_public_acls"], "true")],
    },
    Fix {
        check: "aws-s3-public-access-block-honours-public-acls",
        title: "Ignore public ACLs",
        settings: &[set(&["ignore_public_acls"], "true")],
    },
    Fix {
        check: "aws-s3-public-access-block-allows-public-policy",
        title: "Block public bucket policies",
        settings: &[set(&["block_public_policy"], "true")],
    },
    Fix {
        check: "aws-s3-public-access-block-allows-public-buckets",
        title: "Restrict public buckets",
        settings: &[set(&["restrict_public_buckets"], "true")],
    },
    Fix {
        check: "aws-ec2-instance-imdsv1-allowed",
        title: "Require IMDSv2 (session tokens)",
        settings: &[set(&["metadata_options", "http_tokens"], "\"required\"")],
    },
    Fix {
        check: "aws-ec2-launch-template-imdsv1-allowed",
        title: "Require IMDSv2 (session tokens)",
        settings: &[set(&["metadata_options", "http_tokens"], "\"required\"")],
    },
    Fix {
        check: "aws-elb-listener-outdated-tls-policy",
        title: "Use a TLS 1.2+ security policy",
        settings: &[set(
            &["ssl_policy"],
            "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
        )],
    },
    Fix {
        check: "aws-api-gateway-domain-outdated-tls",
        title: "Require TLS 1.2",
        settings: &[set(&["security_policy"], "\"TLS_1_2\"")],
    },
];

/// The fix declared for a check, if any.
pub(crate) fn for_check(check: &str) -> Option<&'static Fix> {
    FIXES.iter().find(|f| f.check == check)
}

/// A replacement of a byte range of one file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Where a finding is, for [`plan`]: offsets in the text of the file holding its resource
/// block.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The start of the `resource "type" "name"` header.
    pub header: usize,
    /// The finding's location, when it is in the same file; `None` when it is elsewhere.
    pub finding: Option<Range<usize>>,
    /// The variables the module's files declare (see [`declared_variables`]): Terraform
    /// refuses a second `variable` block of one name anywhere in a module, so a fix
    /// refers to such a variable rather than declaring it again.
    pub declared: BTreeSet<String>,
}

/// The names of the `variable` blocks of a module's files, given as (file name, text):
/// HCL files through hcl-edit, `.tf.json` files through their top-level `variable`
/// object. A file that does not parse declares nothing here (the scan reports it).
pub fn declared_variables<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (name, text) in files {
        if name.ends_with(".tf.json") {
            let json: Option<serde_json::Value> = serde_json::from_str(text).ok();
            if let Some(vars) = json
                .as_ref()
                .and_then(|j| j.get("variable"))
                .and_then(|v| v.as_object())
            {
                names.extend(vars.keys().cloned());
            }
        } else if name.ends_with(".tf")
            && let Ok(body) = hcl_edit::parser::parse_body(text)
        {
            names.extend(
                body.blocks()
                    .filter(|b| b.ident.as_str() == "variable")
                    .filter_map(|b| b.labels.first().map(|l| l.as_str().to_string())),
            );
        }
    }
    names
}

/// The edits that apply `fix` to the resource block at `target` in `text`, in increasing
/// order of position and not overlapping; `Err` says why the fix is not applied.
pub(crate) fn plan(fix: &Fix, text: &str, target: &Target) -> Result<Vec<Edit>, String> {
    let body = hcl_edit::parser::parse_body(text)
        .map_err(|e| format!("the file does not parse: {}", e.message()))?;
    let block = body
        .blocks()
        .find(|b| {
            b.ident.as_str() == "resource" && b.span().is_some_and(|s| s.contains(&target.header))
        })
        .ok_or_else(|| "no resource block at the finding".to_string())?;
    let span = block.span().unwrap_or_default();
    let local = target
        .finding
        .as_ref()
        .is_some_and(|f| span.start <= f.start && f.end <= span.end);
    if !local {
        return Err(
            "the value is written outside the resource block (a variable, local or module \
             input): fix it where it is set"
                .to_string(),
        );
    }
    let name = block
        .labels
        .get(1)
        .map(|l| l.as_str().to_string())
        .unwrap_or_default();
    // Settings apply one after the other, each on the text the previous left (two may
    // fill the same new nested block); the block's header never moves.
    let mut current = text.to_string();
    let mut variables = Vec::new();
    for setting in fix.settings {
        let parsed = hcl_edit::parser::parse_body(&current)
            .map_err(|e| format!("the fixed text does not parse: {}", e.message()))?;
        let Some(block) = parsed.blocks().find(|b| {
            b.ident.as_str() == "resource" && b.span().is_some_and(|s| s.contains(&target.header))
        }) else {
            return Err("the resource block moved while it was fixed".to_string());
        };
        let value = match setting.value {
            Value::OpenCidr => {
                let finding = target.finding.clone().unwrap_or_default();
                let (edits, new) = narrow_open(block, &finding, &name)?;
                variables.extend(new);
                current = apply(&current, &edits);
                continue;
            }
            Value::Literal(v) => v.to_string(),
            // A choice the user already made (an attribute written) is kept.
            Value::Variable { .. } if written(block, setting.path) => continue,
            Value::Variable {
                suffix,
                description,
            } => {
                let var = format!("{}_{suffix}", identifier(&name));
                variables.push((var.clone(), description.to_string(), "string"));
                format!("var.{var}")
            }
        };
        let edit = set_in(&current, block, setting.path, &value)?;
        current = apply(&current, std::slice::from_ref(&edit));
    }
    declare(&mut current, &body, target, variables);
    Ok(difference(text, &current).into_iter().collect())
}

/// Appends to `current` a `variable` block for each new variable a fix refers to, unless
/// the file (`body`, before the fix) or another file of the module declares it.
fn declare(
    current: &mut String,
    body: &hcl_edit::structure::Body,
    target: &Target,
    variables: Vec<(String, String, &str)>,
) {
    for (var, description, ty) in variables {
        let declared = target.declared.contains(&var)
            || body.blocks().any(|b| {
                b.ident.as_str() == "variable"
                    && b.labels.first().is_some_and(|l| l.as_str() == var)
            });
        if declared {
            continue;
        }
        let sep = if current.ends_with('\n') || current.is_empty() {
            "\n"
        } else {
            "\n\n"
        };
        current.push_str(&format!(
            "{sep}variable \"{var}\" {{\n  description = \"{description}\"\n  type        = {ty}\n}}\n"
        ));
    }
}

/// The CIDR attributes of the AWS provider's ingress rules: lists in
/// `aws_security_group` `ingress` blocks and `aws_security_group_rule`, single strings in
/// `aws_vpc_security_group_ingress_rule`, `aws_network_acl` `ingress` blocks and
/// `aws_network_acl_rule` (https://registry.terraform.io/providers/hashicorp/aws/latest/docs).
const CIDR_ATTRIBUTES: &[&str] = &[
    "cidr_blocks",
    "ipv6_cidr_blocks",
    "cidr_ipv4",
    "cidr_ipv6",
    "cidr_block",
    "ipv6_cidr_block",
];

/// The addresses that are the whole internet: all of IPv4 or of IPv6.
const OPEN: &[&str] = &["0.0.0.0/0", "::/0"];

/// The open literal `expr` is, or holds as its only element: `Some(true)` for a list.
fn open_literal(expr: &Expression) -> Option<(bool, &str)> {
    let open = |e: &Expression| match e {
        Expression::String(s) => OPEN.iter().copied().find(|o| *o == s.value().as_str()),
        _ => None,
    };
    match expr {
        Expression::Array(a) if a.len() == 1 => a.iter().next().and_then(open).map(|o| (true, o)),
        e => open(e).map(|o| (false, o)),
    }
}

/// Whether `expr` is a string literal or a list of them.
fn literal_strings(expr: &Expression) -> bool {
    match expr {
        Expression::String(_) => true,
        Expression::Array(items) => items.iter().all(|e| matches!(e, Expression::String(_))),
        _ => false,
    }
}

/// The edits that narrow the ingress rule holding `finding` inside `block` (a nested
/// block such as `ingress`, or the resource itself for a rule resource): every CIDR
/// attribute of the rule whose value is an open literal (`"0.0.0.0/0"`,
/// `["::/0"]`) is replaced by a reference to a new variable, so that both address
/// families of the rule are narrowed and no CIDR is invented. Also the variables:
/// name, description and type. Refused when the finding's value is not such a literal
/// (a reference: the fix belongs where the value is set), when a list holds other CIDRs
/// besides the open one (which of them the user meant is theirs to say), and for rules
/// written as objects (`ingress = [{ … }]`) or dynamic blocks.
#[allow(clippy::type_complexity)]
fn narrow_open(
    block: &Block,
    finding: &Range<usize>,
    name: &str,
) -> Result<(Vec<Edit>, Vec<(String, String, &'static str)>), String> {
    let inside = |r: Option<Range<usize>>| {
        r.is_some_and(|s| s.start <= finding.start && finding.end <= s.end)
    };
    let rule = rule_of(block, finding)?;
    let resource = block
        .labels
        .first()
        .map(|l| l.as_str().to_string())
        .unwrap_or_default();
    let mut edits = Vec::new();
    let mut variables = Vec::new();
    for a in rule.body.attributes() {
        let key = a.key.as_str();
        if !CIDR_ATTRIBUTES.contains(&key) {
            continue;
        }
        let is_finding = inside(a.value.span());
        match open_literal(&a.value) {
            Some((list, open)) => {
                let range = a
                    .value
                    .span()
                    .ok_or_else(|| format!("no position for `{key}`"))?;
                let var = format!("{}_admin_{key}", identifier(name));
                let (what, ty) = if list {
                    ("CIDR blocks", "list(string)")
                } else {
                    ("CIDR block", "string")
                };
                edits.push(Edit {
                    range,
                    text: format!("var.{var}"),
                });
                if !variables.iter().any(|(v, _, _)| *v == var) {
                    variables.push((
                        var,
                        format!(
                            "The {what} allowed to reach the administrative ports of {resource}.{name} (it was {open}, the whole internet)"
                        ),
                        ty,
                    ));
                }
            }
            None => refuse_unnarrowed(a, is_finding)?,
        }
    }
    edits.sort_by_key(|e| e.range.start);
    Ok((edits, variables))
}

/// The rule holding `finding` inside `block`: the innermost nested block around it, when
/// the finding is in one of its CIDR attributes. Refused for dynamic blocks and for a
/// finding in any other attribute.
fn rule_of<'b>(block: &'b Block, finding: &Range<usize>) -> Result<&'b Block, String> {
    let inside = |r: Option<Range<usize>>| {
        r.is_some_and(|s| s.start <= finding.start && finding.end <= s.end)
    };
    let mut rule = block;
    while let Some(inner) = rule.body.blocks().find(|b| inside(b.span())) {
        if inner.ident.as_str() == "dynamic" {
            return Err("the rule is a dynamic block: narrow the CIDR in its content".to_string());
        }
        rule = inner;
    }
    let attr = rule
        .body
        .attributes()
        .find(|a| inside(a.value.span()))
        .ok_or_else(|| "the open CIDR is not written in an attribute of the rule".to_string())?;
    let key = attr.key.as_str();
    if !CIDR_ATTRIBUTES.contains(&key) {
        return Err(format!(
            "the open CIDR is inside `{key}`, not a CIDR attribute of a rule: narrow it by hand"
        ));
    }
    Ok(rule)
}

/// Why a CIDR attribute of the rule that is not an open literal stops the fix: a list
/// that mixes an open CIDR with others, or (for the finding's own attribute) narrower
/// CIDRs or an expression. `Ok` for another attribute, which the fix leaves alone.
fn refuse_unnarrowed(a: &Attribute, is_finding: bool) -> Result<(), String> {
    let key = a.key.as_str();
    let mixed = match &a.value {
        Expression::Array(items) => items.iter().find_map(|e| match e {
            Expression::String(s) => OPEN.iter().copied().find(|o| *o == s.value().as_str()),
            _ => None,
        }),
        _ => None,
    };
    if let Some(open) = mixed {
        return Err(format!(
            "`{key}` holds other CIDRs besides {open}: remove {open} by hand"
        ));
    }
    if is_finding {
        return Err(if literal_strings(&a.value) {
            format!(
                "`{key}` is written as narrower CIDRs that cover the internet (alone or with other rules), not as 0.0.0.0/0 or ::/0: narrow them by hand"
            )
        } else {
            format!("`{key}` is an expression, not a literal: narrow what it refers to")
        });
    }
    Ok(())
}

/// Whether the attribute at `path` (nested blocks, then the attribute) is written in
/// `block`.
fn written(block: &Block, path: &[&str]) -> bool {
    match path.split_first() {
        None => false,
        Some((attr, [])) => block.body.get_attribute(attr).is_some(),
        Some((first, rest)) => block.body.get_blocks(first).any(|b| written(b, rest)),
    }
}

/// The one edit that turns `before` into `after`: the span between their common prefix
/// and suffix (on character boundaries); `None` when they are equal.
fn difference(before: &str, after: &str) -> Option<Edit> {
    if before == after {
        return None;
    }
    let mut start = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(before.is_char_boundary(start) && after.is_char_boundary(start)) {
        start -= 1;
    }
    let max_suffix = before.len().min(after.len()) - start;
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(before.is_char_boundary(before.len() - suffix)
        && after.is_char_boundary(after.len() - suffix))
    {
        suffix -= 1;
    }
    Some(Edit {
        range: start..before.len() - suffix,
        text: after.get(start..after.len() - suffix)?.to_string(),
    })
}

/// A variable name made of a resource name: Terraform identifiers are letters, digits,
/// `_` and `-`, and must not start with a digit.
fn identifier(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r_{s}")
    } else {
        s
    }
}

/// The edit that makes `path` (nested blocks, then an attribute) hold `value` in `block`.
fn set_in(text: &str, block: &Block, path: &[&str], value: &str) -> Result<Edit, String> {
    let (first, rest) = path
        .split_first()
        .ok_or_else(|| "empty fix path".to_string())?;
    if rest.is_empty() {
        if let Some(attr) = block.body.get_attribute(first) {
            let is_literal = matches!(
                attr.value,
                Expression::Bool(_) | Expression::Null(_) | Expression::Number(_)
            ) || matches!(&attr.value, Expression::String(_));
            if !is_literal {
                return Err(format!(
                    "`{first}` is an expression, not a literal: change what it refers to"
                ));
            }
            let range = attr
                .value
                .span()
                .ok_or_else(|| format!("no position for `{first}`"))?;
            return Ok(Edit {
                range,
                text: value.to_string(),
            });
        }
        return insert(text, block, &format!("{first} = {value}"));
    }
    if block
        .body
        .get_blocks("dynamic")
        .any(|d| d.labels.first().is_some_and(|l| l.as_str() == *first))
    {
        return Err(format!(
            "`{first}` is a dynamic block: set it in its content"
        ));
    }
    let mut nested = block.body.get_blocks(first);
    match (nested.next(), nested.next()) {
        (Some(inner), None) => set_in(text, inner, rest, value),
        (Some(_), Some(_)) => Err(format!("more than one `{first}` block")),
        (None, _) => {
            // A new nested block holding the rest of the path.
            let mut lines = vec![format!("{first} {{")];
            for (depth, part) in rest.iter().enumerate() {
                let pad = "  ".repeat(depth + 1);
                if depth + 1 == rest.len() {
                    lines.push(format!("{pad}{part} = {value}"));
                } else {
                    lines.push(format!("{pad}{part} {{"));
                }
            }
            for depth in (0..rest.len().saturating_sub(1)).rev() {
                lines.push(format!("{}}}", "  ".repeat(depth + 1)));
            }
            lines.push("}".to_string());
            insert(text, block, &lines.join("\n"))
        }
    }
}

/// The edit inserting `item` (lines relative to the block's indentation) as the last item
/// of `block`, indented like the block's items (two spaces deeper than the block when it
/// has none).
fn insert(text: &str, block: &Block, item: &str) -> Result<Edit, String> {
    let span = block
        .span()
        .ok_or_else(|| "no position for the block".to_string())?;
    let close = span
        .end
        .checked_sub(1)
        .filter(|&i| text.as_bytes().get(i) == Some(&b'}'))
        .ok_or_else(|| "the block does not end in `}`".to_string())?;
    let block_indent = indentation(text, span.start);
    let indent = block
        .body
        .iter()
        .find_map(|s| match s {
            Structure::Attribute(a) => a.span(),
            Structure::Block(b) => b.span(),
        })
        .map(|r| indentation(text, r.start))
        .filter(|i| i.len() > block_indent.len())
        .unwrap_or_else(|| format!("{block_indent}  "));
    let lines: Vec<String> = item.lines().map(|l| format!("{indent}{l}")).collect();
    let line_start = text
        .get(..close)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before_brace = text.get(line_start..close).unwrap_or("");
    let (at, inserted) = if before_brace.trim().is_empty() && line_start > span.start {
        // The brace is alone on its line: a new line before it.
        (line_start, format!("{}\n", lines.join("\n")))
    } else {
        // `resource "a" "b" {}` or `… }` after code: the brace moves to its own line.
        (close, format!("\n{}\n{block_indent}", lines.join("\n")))
    };
    Ok(Edit {
        range: at..at,
        text: inserted,
    })
}

/// The leading whitespace of the line holding `offset`.
fn indentation(text: &str, offset: usize) -> String {
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    text.get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// What fixing one finding came to.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The file of the finding's resource block, relative to the scan root, and the
    /// header's line.
    pub file: String,
    pub line: usize,
    pub check: String,
    pub address: String,
    /// The fix's title, or why it was not applied.
    pub result: Result<&'static str, String>,
}

/// A file some fix changed.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub path: std::path::PathBuf,
    pub rel: String,
    pub before: std::sync::Arc<str>,
    pub after: String,
}

/// Plans the fix of every finding of `report` that has one: the files they change and
/// what became of each finding. Only files of the scanned tree are changed: a resource
/// block in a module outside the root, or in Terraform JSON, is reported as skipped.
pub fn fix_report(report: &crate::report::Report) -> (Vec<Fixed>, Vec<Outcome>) {
    use std::collections::BTreeMap;
    let mut by_file: BTreeMap<crate::source::FileId, Vec<&crate::finding::Finding>> =
        BTreeMap::new();
    let mut outcomes = Vec::new();
    for f in &report.findings {
        if for_check(&f.check.id).is_some() {
            by_file.entry(f.resource.header.file).or_default().push(f);
        }
    }
    let mut fixed = Vec::new();
    // The variables of each directory (module) that has fixes, with those fixes add.
    let mut modules: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (file, mut findings) in by_file {
        let Some(source) = report.sources.get(file) else {
            continue;
        };
        let dir = directory(&source.rel);
        let declared = modules.entry(dir).or_insert_with(|| {
            let texts: Vec<(&str, std::sync::Arc<str>)> = report
                .sources
                .files()
                .map(|(_, s)| s)
                .filter(|s| directory(&s.rel) == dir && s.anchors.is_none())
                .map(|s| (s.rel.as_str(), s.text()))
                .collect();
            declared_variables(texts.iter().map(|(rel, text)| (*rel, &**text)))
        });
        // Later blocks first, and later findings first within a block: an edit never
        // moves the blocks, or the findings, before it.
        findings.sort_by_key(|f| std::cmp::Reverse((f.resource.header.start, f.span.start)));
        let before = source.text();
        let mut text = before.to_string();
        let outside = source.rel.starts_with("../")
            || source.rel.ends_with(".json")
            || source.anchors.is_some();
        for f in findings {
            let Some(fix) = for_check(&f.check.id) else {
                continue;
            };
            let result = if outside {
                Err("the resource is outside the scanned tree or not in HCL".to_string())
            } else {
                let target = Target {
                    header: f.resource.header.start as usize,
                    finding: (f.span.file == file)
                        .then_some(f.span.start as usize..f.span.end as usize),
                    declared: declared.clone(),
                };
                plan(fix, &text, &target).map(|edits| {
                    text = apply(&text, &edits);
                    fix.title
                })
            };
            outcomes.push(Outcome {
                file: source.rel.clone(),
                line: source.position(f.resource.header.start as usize).line,
                check: f.check.id.clone(),
                address: f.resource.address.to_string(),
                result,
            });
        }
        if *text != *before {
            declared.extend(declared_variables([(source.rel.as_str(), text.as_str())]));
            fixed.push(Fixed {
                path: source.path.clone(),
                rel: source.rel.clone(),
                before,
                after: text,
            });
        }
    }
    outcomes.sort_by(|a, b| (&a.file, a.line, &a.check).cmp(&(&b.file, b.line, &b.check)));
    (fixed, outcomes)
}

/// The directory part of a path relative to the scan root (`""` for the root itself).
fn directory(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue;
        }
        out.push_str(text.get(at..e.range.start).unwrap_or(""));
        out.push_str(&e.text);
        at = e.range.end.max(e.range.start);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// A unified diff of `before` and `after` for the file `name`.
pub(crate) fn diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(check: &str, text: &str) -> Result<String, String> {
        let fix = for_check(check).expect("fix");
        let header = text.find("resource").expect("resource");
        let edits = plan(
            fix,
            text,
            &Target {
                header,
                finding: Some(header..header + 8),
                ..Default::default()
            },
        )?;
        Ok(apply(text, &edits))
    }

    #[test]
    fn a_missing_attribute_is_inserted_indented_like_its_neighbours() {
        let text = "# keep   me\nresource \"aws_db_instance\" \"db\" {\n    engine = \"postgres\" # pg\n}\n";
        assert_eq!(
            fixed("aws-rds-storage-not-encrypted", text).expect("fixed"),
            "# keep   me\nresource \"aws_db_instance\" \"db\" {\n    engine = \"postgres\" # pg\n    storage_encrypted = true\n}\n"
        );
    }

    #[test]
    fn a_written_literal_is_replaced_in_place() {
        let text =
            "resource \"aws_ebs_volume\" \"v\" {\n  encrypted   = false # no\n  size = 1\n}\n";
        assert_eq!(
            fixed("aws-ebs-volume-not-encrypted", text).expect("fixed"),
            "resource \"aws_ebs_volume\" \"v\" {\n  encrypted   = true # no\n  size = 1\n}\n"
        );
    }

    #[test]
    fn a_nested_block_is_created_or_completed() {
        let empty = "resource \"aws_instance\" \"i\" {}\n";
        assert_eq!(
            fixed("aws-ec2-instance-imdsv1-allowed", empty).expect("fixed"),
            "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}\n"
        );
        let partial = "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_endpoint = \"enabled\"\n  }\n}\n";
        assert_eq!(
            fixed("aws-ec2-instance-imdsv1-allowed", partial).expect("fixed"),
            "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_endpoint = \"enabled\"\n    http_tokens = \"required\"\n  }\n}\n"
        );
    }

    #[test]
    fn a_value_the_user_chooses_becomes_a_variable() {
        let text = "resource \"aws_sns_topic\" \"alerts\" {\n  name = \"a\"\n}";
        assert_eq!(
            fixed("aws-sns-topic-not-encrypted", text).expect("fixed"),
            "resource \"aws_sns_topic\" \"alerts\" {\n  name = \"a\"\n  kms_master_key_id = var.alerts_kms_key_id\n}\n\nvariable \"alerts_kms_key_id\" {\n  description = \"The KMS key (id, ARN or alias) that encrypts the SNS topic\"\n  type        = string\n}\n"
        );
    }

    #[test]
    fn settings_apply_in_turn_and_a_written_choice_is_kept() {
        let none = "resource \"aws_lb\" \"web\" {\n  name = \"web\"\n}\n";
        assert_eq!(
            fixed("aws-elb-access-logging-disabled", none).expect("fixed"),
            "resource \"aws_lb\" \"web\" {\n  name = \"web\"\n  access_logs {\n    bucket = var.web_access_logs_bucket\n    enabled = true\n  }\n}\n\nvariable \"web_access_logs_bucket\" {\n  description = \"The S3 bucket the load balancer writes its access logs to\"\n  type        = string\n}\n"
        );
        let bucket_only = "resource \"aws_lb\" \"web\" {\n  access_logs {\n    bucket  = \"logs\" # mine\n    enabled = false\n  }\n}\n";
        assert_eq!(
            fixed("aws-elb-access-logging-disabled", bucket_only).expect("fixed"),
            bucket_only.replace("enabled = false", "enabled = true")
        );
        assert_eq!(
            difference("aé-b", "aé+b"),
            Some(Edit {
                range: 3..4,
                text: "+".to_string()
            })
        );
    }

    /// `plan` of `check` with the finding at the first occurrence of `at`.
    fn fixed_at(check: &str, text: &str, at: &str) -> Result<String, String> {
        let fix = for_check(check).expect("fix");
        let header = text.find("resource").expect("resource");
        let start = text.find(at).expect("finding");
        let edits = plan(
            fix,
            text,
            &Target {
                header,
                finding: Some(start..start + at.len()),
                ..Default::default()
            },
        )?;
        Ok(apply(text, &edits))
    }

    const ADMIN: &str = "aws-vpc-sg-admin-port-open-to-internet";

    #[test]
    fn an_open_list_in_an_ingress_block_becomes_a_list_variable() {
        let text = "resource \"aws_security_group\" \"ssh\" {\n  ingress {\n    from_port   = 22 # ssh\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"] # open\n  }\n  egress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
        assert_eq!(
            fixed_at(ADMIN, text, "\"0.0.0.0/0\"").expect("fixed"),
            "resource \"aws_security_group\" \"ssh\" {\n  ingress {\n    from_port   = 22 # ssh\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = var.ssh_admin_cidr_blocks # open\n  }\n  egress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\nvariable \"ssh_admin_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group.ssh (it was 0.0.0.0/0, the whole internet)\"\n  type        = list(string)\n}\n"
        );
    }

    #[test]
    fn a_rule_resource_narrows_both_families_and_a_single_value_becomes_a_string() {
        let text = "resource \"aws_security_group_rule\" \"rdp\" {\n  type             = \"ingress\"\n  from_port        = 3389\n  to_port          = 3389\n  cidr_blocks      = [\"0.0.0.0/0\"]\n  ipv6_cidr_blocks = [\"::/0\"]\n}\n";
        assert_eq!(
            fixed_at(ADMIN, text, "[\"::/0\"]").expect("fixed"),
            "resource \"aws_security_group_rule\" \"rdp\" {\n  type             = \"ingress\"\n  from_port        = 3389\n  to_port          = 3389\n  cidr_blocks      = var.rdp_admin_cidr_blocks\n  ipv6_cidr_blocks = var.rdp_admin_ipv6_cidr_blocks\n}\n\nvariable \"rdp_admin_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group_rule.rdp (it was 0.0.0.0/0, the whole internet)\"\n  type        = list(string)\n}\n\nvariable \"rdp_admin_ipv6_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group_rule.rdp (it was ::/0, the whole internet)\"\n  type        = list(string)\n}\n"
        );
        let single = "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  from_port = 22\n  to_port   = 22\n  cidr_ipv4 = \"0.0.0.0/0\"\n}\n";
        assert_eq!(
            fixed_at(ADMIN, single, "\"0.0.0.0/0\"").expect("fixed"),
            "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  from_port = 22\n  to_port   = 22\n  cidr_ipv4 = var.ssh_admin_cidr_ipv4\n}\n\nvariable \"ssh_admin_cidr_ipv4\" {\n  description = \"The CIDR block allowed to reach the administrative ports of aws_vpc_security_group_ingress_rule.ssh (it was 0.0.0.0/0, the whole internet)\"\n  type        = string\n}\n"
        );
        let nacl = "resource \"aws_network_acl_rule\" \"ssh\" {\n  egress     = false\n  cidr_block = \"0.0.0.0/0\"\n}\n";
        assert_eq!(
            fixed_at(
                "aws-vpc-nacl-admin-port-open-to-internet",
                nacl,
                "\"0.0.0.0/0\""
            )
            .expect("fixed"),
            "resource \"aws_network_acl_rule\" \"ssh\" {\n  egress     = false\n  cidr_block = var.ssh_admin_cidr_block\n}\n\nvariable \"ssh_admin_cidr_block\" {\n  description = \"The CIDR block allowed to reach the administrative ports of aws_network_acl_rule.ssh (it was 0.0.0.0/0, the whole internet)\"\n  type        = string\n}\n"
        );
    }

    #[test]
    fn an_open_cidr_that_is_not_alone_or_not_literal_is_skipped() {
        let from_var = "resource \"aws_security_group\" \"s\" {\n  ingress {\n    cidr_blocks = [var.admin]\n  }\n}\n";
        assert_eq!(
            fixed_at(ADMIN, from_var, "var.admin"),
            Err(
                "`cidr_blocks` is an expression, not a literal: narrow what it refers to"
                    .to_string()
            )
        );
        let mixed = "resource \"aws_security_group\" \"s\" {\n  ingress {\n    cidr_blocks = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n  }\n}\n";
        assert_eq!(
            fixed_at(ADMIN, mixed, "\"0.0.0.0/0\""),
            Err(
                "`cidr_blocks` holds other CIDRs besides 0.0.0.0/0: remove 0.0.0.0/0 by hand"
                    .to_string()
            )
        );
        let halves = "resource \"aws_security_group\" \"s\" {\n  ingress {\n    cidr_blocks = [\"0.0.0.0/1\", \"128.0.0.0/1\"]\n  }\n}\n";
        assert!(fixed_at(ADMIN, halves, "\"0.0.0.0/1\"").is_err());
        let objects = "resource \"aws_security_group\" \"s\" {\n  ingress = [{ cidr_blocks = [\"0.0.0.0/0\"] }]\n}\n";
        assert_eq!(
            fixed_at(ADMIN, objects, "\"0.0.0.0/0\""),
            Err("the open CIDR is inside `ingress`, not a CIDR attribute of a rule: narrow it by hand".to_string())
        );
        let dynamic = "resource \"aws_security_group\" \"s\" {\n  dynamic \"ingress\" {\n    for_each = [1]\n    content {\n      cidr_blocks = [\"0.0.0.0/0\"]\n    }\n  }\n}\n";
        assert!(fixed_at(ADMIN, dynamic, "\"0.0.0.0/0\"").is_err());
    }

    #[test]
    fn expressions_and_values_from_elsewhere_are_not_fixed() {
        let text = "resource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.enc\n}\n";
        assert!(fixed("aws-ebs-volume-not-encrypted", text).is_err());
        let fix = for_check("aws-ebs-volume-not-encrypted").expect("fix");
        let outside = plan(
            fix,
            text,
            &Target {
                header: 0,
                finding: None,
                ..Default::default()
            },
        );
        assert!(outside.is_err());
    }
}
