//! Built-in checks that cannot decide from what the configuration says: each leaves an
//! undecided result with its reason, never silence (the samples pin findings; these pin
//! the undecided results).

mod common;

use common::dir_with;

use tfscan::Options;

/// (check id, resource address, reason) of every undecided result of `check`.
fn undecided(check: &str, tf: &str) -> Vec<(String, String, String)> {
    let dir = dir_with(&[("main.tf", tf)]);
    let report = tfscan::scan(&Options {
        path: dir.path().to_path_buf(),
        ..Options::default()
    })
    .expect("scan");
    assert!(
        report.findings.iter().all(|f| f.check.id != check),
        "{check} found something"
    );
    report
        .unknown
        .iter()
        .filter(|u| u.check.id == check)
        .map(|u| {
            (
                u.check.id.clone(),
                u.resource.address.to_string(),
                u.reason.clone(),
            )
        })
        .collect()
}

#[test]
fn a_default_route_of_an_api_not_declared_here_is_undecided() {
    // `$default` needs an authorizer on an HTTP API, and takes none on a WebSocket API.
    let tf = r#"
resource "aws_apigatewayv2_route" "default" {
  api_id    = "a1b2c3d4e5"
  route_key = "$default"
  target    = "integrations/abc1234"
}
resource "aws_apigatewayv2_route" "send" {
  api_id    = "a1b2c3d4e5"
  route_key = "sendmessage"
}
"#;
    assert_eq!(
        undecided("aws-api-gateway-v2-route-no-auth", tf),
        vec![(
            "aws-api-gateway-v2-route-no-auth".to_string(),
            "aws_apigatewayv2_route.default".to_string(),
            "api_id names a aws_apigatewayv2_api this configuration does not declare".to_string(),
        )]
    );
}

#[test]
fn a_rotation_schedule_too_irregular_to_judge_is_undecided() {
    let tf = r#"
resource "aws_secretsmanager_secret" "s" {
  name       = "s"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = aws_secretsmanager_secret.s.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    schedule_expression = "cron(0 4 15W * ? *)"
  }
}
"#;
    assert_eq!(
        undecided("aws-secretsmanager-rotation-disabled", tf),
        vec![(
            "aws-secretsmanager-rotation-disabled".to_string(),
            "aws_secretsmanager_secret.s".to_string(),
            "schedule_expression = cron(0 4 15W * ? *): how often it runs is not judged"
                .to_string(),
        )]
    );
}
