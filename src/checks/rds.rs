//! RDS instances and their DB parameter groups.

use std::sync::Arc;

use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related, ResourceRef, UnknownResult};
use crate::model::ResourceInstance;
use crate::network::{Index, Target, unknown_reason};
use crate::source::Span;

/// The parameter that makes an engine refuse connections without TLS, and the values
/// that turn it on.
struct TlsParameter {
    name: &'static str,
    on: &'static [&'static str],
}

const FORCE_SSL: TlsParameter = TlsParameter {
    name: "rds.force_ssl",
    on: &["1"],
};

const REQUIRE_SECURE_TRANSPORT: TlsParameter = TlsParameter {
    name: "require_secure_transport",
    on: &["1", "on", "true"],
};

/// The TLS parameter of an engine; Aurora engines use cluster parameter groups and
/// Oracle uses option groups, so they are not judged here.
fn tls_parameter(engine: &str) -> Option<&'static TlsParameter> {
    if engine == "postgres" || engine.starts_with("sqlserver") {
        Some(&FORCE_SSL)
    } else if engine == "mysql" || engine == "mariadb" {
        Some(&REQUIRE_SECURE_TRANSPORT)
    } else {
        None
    }
}

/// Whether the engine's default parameter group already forces TLS: `rds.force_ssl`
/// defaults to 1 from RDS for PostgreSQL 15 on, and to 0 before and on every other
/// engine. `major` is `None` when the version is left to RDS, whose default PostgreSQL
/// version has been 15 or later since 2023.
fn default_forces_tls(engine: &str, major: Option<u32>) -> bool {
    engine == "postgres" && major.is_none_or(|m| m >= 15)
}

/// The major version in `"14.7"`, `"15"` or a family name such as `"postgres16"`.
fn major_version(s: &str) -> Option<u32> {
    let digits: String = s
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

check! {
    judge = instance_tls_not_enforced,
    meta = r#"
id = "aws-rds-instance-tls-not-enforced"
title = "RDS instance does not enforce TLS connections"
severity = "medium"
area = "data"
resources = ["aws_db_instance", "aws_db_parameter_group"]
aliases = ["CKV2_AWS_69"]
references = [
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html",
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html",
]
description = """
The database accepts connections without TLS, so queries, results and passwords can
cross the network in clear text. The engine enforces TLS through a parameter of the DB
parameter group the instance names in `parameter_group_name`:
`rds.force_ssl = 1` for PostgreSQL and SQL Server, `require_secure_transport = ON` (or
`1`) for MySQL and MariaDB.

Defaults: `rds.force_ssl` is 1 from RDS for PostgreSQL 15 on (the family of a declared
group, else the major version of `engine_version`; an absent version is RDS's default,
15 or later) and 0 otherwise; `require_secure_transport` is OFF. Without
`parameter_group_name` the instance uses the engine's default group. A group named
literally but not declared here (other than `default.*`) is undecided. Aurora engines
(cluster parameter groups) and Oracle (option groups) are not judged.
"""
remediation = """
Use a parameter group that forces TLS.

```hcl
resource "aws_db_parameter_group" "postgres" {
  name   = "app-postgres14"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "app" {
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.postgres.name
}
```
"""
"#
}
/// `aws-rds-instance-tls-not-enforced` (DAT-15).
pub fn instance_tls_not_enforced(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    for index in ctx.indexes() {
        for db in index.resources("aws_db_instance") {
            judge(check, index, db, out);
        }
    }
}

fn judge(check: &Arc<Check>, index: &Index<'_>, db: &ResourceInstance, out: &mut CheckResults) {
    let undecided = |out: &mut CheckResults, span: Span, reason: String| {
        out.unknown.push(UnknownResult {
            check: check.clone(),
            resource: ResourceRef::of(db),
            span,
            reason,
        });
    };
    let (engine, param) = match tls_engine(db) {
        Ok(Some(found)) => found,
        Ok(None) => return,
        Err((span, reason)) => return undecided(out, span, reason),
    };
    let version = db
        .body
        .attr("engine_version")
        .and_then(|a| a.value.as_str())
        .and_then(major_version);
    let Some(link) = index.resolve_attr(
        &db.body,
        "parameter_group_name",
        &["aws_db_parameter_group"],
        &["name"],
    ) else {
        if !default_forces_tls(&engine, version) {
            out.findings.push(Finding::new(
                check,
                db,
                format!(
                    "the default parameter group leaves {} off: clients may connect without TLS",
                    param.name
                ),
                db.header,
                "parameter_group_name",
                vec![],
            ));
        }
        return;
    };
    let group = match link.target {
        Target::Resource(g) => g,
        Target::Literal(name) if name.starts_with("default.") => {
            if !default_forces_tls(&engine, major_version(&name).or(version)) {
                out.findings.push(Finding::new(
                    check,
                    db,
                    format!(
                        "the default parameter group {name} leaves {} off: clients may connect without TLS",
                        param.name
                    ),
                    link.span,
                    "parameter_group_name",
                    vec![],
                ));
            }
            return;
        }
        Target::Literal(name) => {
            return undecided(
                out,
                link.span,
                format!("parameter group {name} is not declared in this configuration"),
            );
        }
        Target::Unknown(reason) => return undecided(out, link.span, reason),
    };
    let named = NamedGroup {
        group,
        span: link.span,
    };
    judge_group(check, db, &named, &engine, version, param, out);
}

/// The instance's engine (lowercased) and the parameter that makes it force TLS; none
/// when the engine has no such parameter or is inherited, the span and reason when it is
/// unknown.
fn tls_engine(
    db: &ResourceInstance,
) -> Result<Option<(String, &'static TlsParameter)>, (Span, String)> {
    let Some(engine_attr) = db.body.attr("engine") else {
        // An instance restored from a snapshot or a replica inherits its engine.
        return Ok(None);
    };
    if engine_attr.value.has_unknown() {
        return Err((
            engine_attr.span,
            unknown_reason(&engine_attr.value, "engine"),
        ));
    }
    let Some(engine) = engine_attr.value.as_str().map(str::to_ascii_lowercase) else {
        return Ok(None);
    };
    Ok(tls_parameter(&engine).map(|param| (engine, param)))
}

/// A parameter group an instance names, and where it names it.
struct NamedGroup<'m> {
    group: &'m ResourceInstance,
    span: Span,
}

/// Judges the parameter group an instance names: it must set the engine's TLS parameter
/// on, or leave it unset where the engine version's default forces TLS.
fn judge_group(
    check: &Arc<Check>,
    db: &ResourceInstance,
    named: &NamedGroup<'_>,
    engine: &str,
    version: Option<u32>,
    param: &TlsParameter,
    out: &mut CheckResults,
) {
    let NamedGroup { group, span } = *named;
    let family_major = group
        .body
        .attr("family")
        .and_then(|a| a.value.as_str())
        .and_then(major_version)
        .or(version);
    let setting = group.body.blocks("parameter").find_map(|p| {
        let name = p.body.attr("name")?.value.as_str()?;
        name.eq_ignore_ascii_case(param.name)
            .then(|| p.body.attr("value"))
            .flatten()
    });
    match setting {
        Some(v) if v.value.has_unknown() => out.unknown.push(UnknownResult {
            check: check.clone(),
            resource: ResourceRef::of(db),
            span: v.span,
            reason: unknown_reason(&v.value, param.name),
        }),
        Some(v) => {
            let text = v.value.to_template_string().unwrap_or_default();
            if !param.on.contains(&text.to_ascii_lowercase().as_str()) {
                out.findings.push(Finding::new(
                    check,
                    db,
                    format!(
                        "parameter group {} sets {} = {text}: clients may connect without TLS",
                        group.address, param.name
                    ),
                    span,
                    "parameter_group_name",
                    vec![Related {
                        span: v.span,
                        message: format!("{} = {text} in {}", param.name, group.address),
                    }],
                ));
            }
        }
        None if !default_forces_tls(engine, family_major) => {
            out.findings.push(Finding::new(
                check,
                db,
                format!(
                    "parameter group {} does not set {}, which is off by default: clients may connect without TLS",
                    group.address, param.name
                ),
                span,
                "parameter_group_name",
                vec![Related {
                    span: group.header,
                    message: format!("{} has no {} parameter", group.address, param.name),
                }],
            ));
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_defaults() {
        assert_eq!(major_version("14.7"), Some(14));
        assert_eq!(major_version("postgres16"), Some(16));
        assert_eq!(major_version("default.postgres13"), Some(13));
        assert_eq!(major_version("mysql8.0"), Some(8));
        assert!(default_forces_tls("postgres", Some(15)));
        assert!(default_forces_tls("postgres", None));
        assert!(!default_forces_tls("postgres", Some(14)));
        assert!(!default_forces_tls("mysql", None));
    }
}
