//! Fingerprints survive edits that do not touch a finding: inserting an unrelated policy
//! statement before a flagged one (with or without a `Sid`) changes no fingerprint of any
//! check, since statements are identified by `Sid` or content, never by position.

use std::collections::BTreeMap;

use tfscan::Options;

/// (check, address) → fingerprint of every finding.
fn fingerprints(tf: &str) -> BTreeMap<(String, String), Vec<String>> {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), tf).expect("write");
    let r = tfscan::scan(&Options {
        path: dir.path().to_path_buf(),
        ..Options::default()
    })
    .expect("scan");
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for f in &r.findings {
        out.entry((f.check.id.to_string(), f.resource.address.to_string()))
            .or_default()
            .push(f.fingerprint.to_string());
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// Policies whose flagged statements have no Sid or a Sid; `{EXTRA_*}` is where an
/// unrelated statement is inserted.
const POLICIES: &str = r#"
data "aws_iam_policy_document" "loose" {
  {EXTRA_DOC}
  statement {
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
  statement {
    sid = "Named"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}

resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({ Statement = [
    {EXTRA_IDENTITY}
    { Effect = "Allow", Action = "*", Resource = "*" },
    { Sid = "Iam", Effect = "Allow", Action = "iam:*", Resource = "*" },
  ] })
}

resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [
    {EXTRA_RESOURCE}
    { Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = aws_sqs_queue.q.arn },
  ] })
}

resource "aws_opensearch_domain" "d" {
  domain_name = "d"
  access_policies = jsonencode({ Statement = [
    {EXTRA_RESOURCE}
    { Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" },
  ] })
}
"#;

fn with_extra(extra_doc: &str, extra_identity: &str, extra_resource: &str) -> String {
    POLICIES
        .replace("{EXTRA_DOC}", extra_doc)
        .replace("{EXTRA_IDENTITY}", extra_identity)
        .replace("{EXTRA_RESOURCE}", extra_resource)
}

#[test]
fn inserting_an_unrelated_statement_keeps_every_fingerprint() {
    let before = fingerprints(&with_extra("", "", ""));
    assert!(
        before.contains_key(&(
            "aws-iam-policy-document-any-principal".to_string(),
            "data.aws_iam_policy_document.loose".to_string()
        )),
        "{before:?}"
    );
    for sid in ["", "Sid = \"Unrelated\","] {
        let doc_sid = if sid.is_empty() {
            ""
        } else {
            "sid = \"Unrelated\""
        };
        let after = fingerprints(&with_extra(
            &format!(
                "statement {{\n    {doc_sid}\n    actions   = [\"s3:GetObject\"]\n    resources = [\"arn:aws:s3:::other/k\"]\n  }}"
            ),
            &format!(
                "{{ {sid} Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::other/k\" }},"
            ),
            &format!(
                "{{ {sid} Effect = \"Allow\", Principal = {{ AWS = \"arn:aws:iam::123456789012:role/r\" }}, Action = \"sqs:SendMessage\", Resource = \"arn:aws:sqs:us-east-1:123456789012:other\" }},"
            ),
        ));
        assert_eq!(before, after, "inserted statement with {sid:?}");
    }
}
