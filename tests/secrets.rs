//! Secret findings never print the secrets they are about: not in messages, not in
//! related locations.

mod common;

use std::path::Path;

use tfscan::Options;

/// Every literal secret written in the failing samples of the secret checks.
const SECRETS: &[&str] = &[
    "hunter2hunter2",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "ghp_0123456789abcdefghijABCDEFGHIJ012345",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "q8Zr2LxT9vKp4NwE7mYd3HsA",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
];

const CHECKS: &[&str] = &[
    "aws-lambda-function-environment-secrets",
    "aws-ecs-task-definition-plaintext-secrets",
    "aws-ec2-user-data-secrets",
    "aws-cloudformation-stack-secrets",
    "aws-provider-static-credentials",
];

#[test]
fn secret_findings_show_secrets_masked() {
    for id in CHECKS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("terraform-samples")
            .join(id)
            .join("fail");
        let report = tfscan::scan(&Options {
            path: dir,
            include_checks: vec![id.to_string()],
            ..Options::default()
        })
        .expect("the sample scans");
        assert!(!report.findings.is_empty(), "{id} finds nothing");
        for f in &report.findings {
            assert!(f.message.contains("****"), "{id}: {}", f.message);
            // The attribute path is only hashed into the fingerprint, never kept.
            let texts = std::iter::once(f.message.clone())
                .chain(f.related().map(|r| r.into_owned().message));
            for text in texts {
                for secret in SECRETS {
                    assert!(!text.contains(secret), "{id} prints a secret: {text}");
                }
            }
        }
    }
}

/// No output shows a provider credential: the machine formats carry only masked messages,
/// and the human format masks the secrets in the source it underlines.
#[test]
fn provider_credentials_are_masked_in_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("terraform-samples/aws-provider-static-credentials/fail");
    for format in ["human", "json", "sarif", "junit"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tfscan"))
            .args(["scan", "--format", format])
            .arg(&dir)
            .output()
            .expect("tfscan runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("AKIA****"), "{format}: {text}");
        // SARIF and JUnit also carry rule descriptions, which quote AWS's documented
        // example access key id; the secret keys appear nowhere.
        let secrets: &[&str] = match format {
            "human" | "json" => &["AKIAIOSFODNN7EXAMPLE", SECRETS[2], SECRETS[7]],
            _ => &[SECRETS[2], SECRETS[7]],
        };
        for secret in secrets {
            assert!(!text.contains(secret), "{format} prints {secret}");
        }
    }
}

/// The machine formats carry no source text, so no secret may appear in them at all —
/// whichever check reports on the resource (all checks run here, not only the secret
/// checks). AWS's documented example key is named in a check's own description, which
/// SARIF carries; the samples' secrets are looked for everywhere else.
#[test]
fn no_format_but_the_source_excerpt_shows_a_secret() {
    let catalogue =
        tfscan::engine::listing::json(&tfscan::catalog(&Options::default()).expect("catalogue"));
    for id in CHECKS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("terraform-samples")
            .join(id)
            .join("fail");
        let report = tfscan::scan(&Options {
            path: dir,
            ..Options::default()
        })
        .expect("the sample scans");
        let rendered = [
            ("json", tfscan::report::json::render(&report)),
            ("sarif", tfscan::report::sarif::render(&report)),
            ("junit", tfscan::report::junit::render(&report)),
        ];
        for (format, text) in rendered {
            for secret in SECRETS.iter().filter(|s| !catalogue.contains(*s)) {
                assert!(
                    !text.contains(secret),
                    "{id}: {format} shows the secret {secret}"
                );
            }
        }
    }
}

/// `tfscan model` prints every evaluated value, and masks the secrets among them as the
/// reports do; the rest is printed as evaluated.
#[test]
fn the_model_dump_masks_every_secret_of_the_secret_samples() {
    for id in CHECKS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("terraform-samples")
            .join(id)
            .join("fail");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tfscan"))
            .arg("model")
            .arg(&dir)
            .output()
            .expect("tfscan runs");
        let text = String::from_utf8_lossy(&out.stdout);
        // Provider configurations are not resource instances: the dump leaves them out.
        if *id != "aws-provider-static-credentials" {
            assert!(text.contains("****"), "{id}: {text}");
        }
        for secret in SECRETS {
            assert!(!text.contains(secret), "{id}: the model prints {secret}");
        }
    }
    let dir = common::dir_with(&[(
        "main.tf",
        r#"resource "aws_db_instance" "db" {
  engine   = "postgres"
  password = "hunter2hunter2"
  username = "admin"
}
"#,
    )]);
    let out = common::tfscan(&["model", &dir.path().display().to_string()]);
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        model["instances"][0]["values"],
        serde_json::json!({"engine": "postgres", "password": "hunt****", "username": "admin"})
    );
}
