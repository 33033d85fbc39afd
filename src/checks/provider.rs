//! Checks on provider configurations (`provider "aws" { … }`).

use std::sync::Arc;

use super::secrets::{literal, masked_provenance};
use crate::check::Check;
use crate::engine::{CheckResults, Context};
use crate::finding::{Finding, Related};
use crate::model::Attr;
use crate::secrets::mask;

check! {
    judge = static_credentials,
    meta = r#"
id = "aws-provider-static-credentials"
title = "Static AWS credentials hard-coded in the provider block"
severity = "critical"
area = "iam"
resources = ["provider.aws"]
aliases = ["CKV_AWS_41"]
references = [
  "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
]
description = """
The `provider "aws"` block sets `access_key` and/or `secret_key` to a value written in
the configuration — directly, or through a variable default, a local or a tfvars file.
Everyone who can read the repository (and every clone, fork, CI log and backup of it)
holds a long-lived IAM access key, usually one with wide permissions since it deploys
infrastructure. Trivy leaves this to its separate secret scanner.

Values known only after apply and variables set with `--var` or `TF_VAR_` are not
reported: they do not live in the configuration. Messages show the credentials masked
(the first four characters); source excerpts show the line as written.
"""
remediation = """
Remove the keys from the configuration and let the provider find credentials the
usual way: environment variables, a shared profile, an assumed role, or the workload's
own role (instance profile, CI OIDC role).

```hcl
provider "aws" {
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}
```

Then deactivate and rotate the exposed access key.
"""
"#
}
/// `aws-provider-static-credentials` (IAM-22): `access_key`/`secret_key` written in the
/// configuration (directly, or through a variable default, a local or tfvars). Values
/// passed with `--var` or `TF_VAR_` do not live in the configuration and are not
/// reported; messages show every credential masked.
pub fn static_credentials(check: &Arc<Check>, ctx: &Context<'_>, out: &mut CheckResults) {
    let model = ctx.model;
    for p in model.providers.iter().filter(|p| &*p.rtype == "aws") {
        let written: Vec<(&str, &Attr, String)> = ["access_key", "secret_key"]
            .into_iter()
            .filter_map(|name| {
                let attr = p.body.attr(name)?;
                let text = literal(&attr.value).filter(|t| !t.trim().is_empty())?;
                Some((name, attr, text))
            })
            .collect();
        // The finding points at the last credential written (normally secret_key).
        let Some((name, attr, text)) = written.last() else {
            continue;
        };
        let shown: Vec<String> = written
            .iter()
            .map(|(name, _, text)| format!("{name} {}", mask(text)))
            .collect();
        let mut related = masked_provenance(&attr.value, attr.span, &mask(text));
        for (name, other, text) in &written[..written.len() - 1] {
            related.push(Related {
                span: other.span,
                message: format!("{name} {} is written here", mask(text)),
            });
        }
        let finding = Finding::new(
            check,
            p,
            format!(
                "the provider configuration hard-codes AWS credentials ({})",
                shown.join(", ")
            ),
            attr.span,
            name,
            related,
        );
        out.findings.push(
            written
                .iter()
                .fold(finding, |f, (_, _, text)| f.redacting(text)),
        );
    }
}
