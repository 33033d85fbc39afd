//! `tfscan exposure`: the table, the JSON against its schema, and the drawings.

use std::path::Path;
use std::process::{Command, Output};

fn exposure(format: &str, sample: &str) -> Output {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("terraform-samples")
        .join(sample);
    Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(["exposure", "--format", format])
        .arg(dir)
        .output()
        .expect("the tfscan binary runs")
}

const STACKS: &str = "aws-vpc-resource-internet-reachable/fail";

#[test]
fn json_validates_against_the_schema_and_names_ports_and_path() {
    let out = exposure("json", STACKS);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/exposure.schema.json"),
        )
        .expect("schema exists"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let items = report["exposures"].as_array().expect("exposures");
    let mut addresses: Vec<&str> = items
        .iter()
        .filter_map(|e| e["resource"]["address"].as_str())
        .collect();
    addresses.sort_unstable();
    assert_eq!(
        addresses,
        [
            "aws_autoscaling_group.g",
            "aws_autoscaling_group.v6",
            "aws_db_instance.c",
            "aws_db_instance.s",
            "aws_ecs_service.s",
            "aws_eks_cluster.h",
            "aws_eks_cluster.h_variable",
            "aws_instance.a",
            "aws_instance.b",
            "aws_instance.e",
            "aws_instance.g",
            "aws_instance.k[0]",
            "aws_instance.k[1]",
            "aws_instance.k[2]",
            "aws_instance.n",
            "aws_instance.p",
            "aws_instance.r",
            "aws_instance.u_elsewhere",
            "aws_instance.u_variable",
            "aws_instance.v6",
            "aws_instance.w",
            "aws_lb.d"
        ]
    );
    // The EKS API endpoint is reached without route, NACL or security group.
    let eks = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_eks_cluster.h")
        .expect("the EKS cluster");
    assert_eq!(eks["ports"], serde_json::json!(["HTTPS (tcp/443)"]));
    assert_eq!(eks["certainty"], "definite");
    let kinds: Vec<&str> = eks["path"]
        .as_array()
        .expect("path")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["public_address", "resource"]);
    let possible = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.e")
        .expect("the instance behind an unknown gateway");
    assert_eq!(possible["certainty"], "possible");
    assert_eq!(
        possible["reasons"],
        serde_json::json!(["gateway_id: var.gateway_id has no value (no default, not set)"])
    );
    let unseen = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.u_elsewhere")
        .expect("the instance with a group declared elsewhere");
    assert_eq!(unseen["certainty"], "possible");
    assert_eq!(
        unseen["reasons"],
        serde_json::json!([
            "security group sg-0123456789abcdef0 is not declared here and may allow anything"
        ])
    );
    let partial = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.n")
        .expect("the instance behind a NACL that denies one public block");
    assert_eq!(partial["sources"], serde_json::json!(["0.0.0.0/0"]));
    assert_eq!(partial["except"], serde_json::json!(["1.0.0.0/8"]));
    assert_eq!(partial["certainty"], "definite");
    let v6 = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.v6")
        .expect("the instance reached over IPv6 only");
    assert_eq!(v6["sources"], serde_json::json!(["::/0"]));
    assert_eq!(v6["ports"], serde_json::json!(["SSH (tcp/22)"]));
    assert_eq!(v6["certain"], serde_json::Value::Null);
    let ipv6_certain = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.p")
        .expect("the instance reached over IPv6 for certain, over IPv4 maybe");
    assert_eq!(ipv6_certain["certainty"], "partial");
    assert_eq!(
        ipv6_certain["sources"],
        serde_json::json!(["0.0.0.0/0", "::/0"])
    );
    assert_eq!(
        ipv6_certain["certain"],
        serde_json::json!({
            "sources": ["::/0"],
            "except": [],
            "ports": ["SSH (tcp/22)"],
            "traffic": {"tcp": ["22"], "udp": [], "protocols": []}
        })
    );
    assert_eq!(
        ipv6_certain["reasons"],
        serde_json::json!([
            "associate_public_ip_address: var.p_public_ipv4 has no value (no default, not set)"
        ])
    );
    let elsewhere = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_instance.w")
        .expect("the instance in a subnet declared elsewhere");
    assert_eq!(
        elsewhere["reasons"],
        serde_json::json!(["subnet subnet-0123456789abcdef0 is not declared here"])
    );
    let db = items
        .iter()
        .find(|e| e["resource"]["address"] == "aws_db_instance.c")
        .expect("the database");
    assert_eq!(db["ports"], serde_json::json!(["PostgreSQL (tcp/5432)"]));
    assert_eq!(db["certainty"], "definite");
    assert_eq!(db["severity"], "critical");
    assert_eq!(db["network_acl"], "aws_network_acl.c");
    let kinds: Vec<&str> = db["path"]
        .as_array()
        .expect("path")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "public_address",
            "subnet",
            "route_table",
            "gateway",
            "nacl",
            "security_group"
        ]
    );
}

#[test]
fn the_table_lists_each_resource_and_the_private_stacks_are_absent() {
    let out = exposure("human", "aws-vpc-resource-internet-reachable");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("RESOURCE"), "{text}");
    // Two root modules: addresses are prefixed with their root.
    let row = text
        .lines()
        .find(|l| l.starts_with("fail/aws_instance.a "))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(
        row.as_deref(),
        Some("fail/aws_instance.a EC2 instance SSH (tcp/22) 0.0.0.0/0 definite (critical)"),
        "{text}"
    );
    assert!(text.contains("pass/aws_lb.d "), "{text}");
    assert!(
        text.contains("23 reachable resources (15 definite, 1 partly certain, 7 possible)"),
        "{text}"
    );

    let private = exposure("human", "aws-vpc-resource-internet-reachable/pass");
    let private = String::from_utf8_lossy(&private.stdout);
    assert!(private.contains("aws_lb.d"), "{private}");
    for absent in [
        "aws_instance",
        "aws_elasticache",
        "aws_opensearch",
        "aws_lambda",
        "aws_eks",
        "aws_autoscaling",
    ] {
        assert!(!private.contains(absent), "{absent}: {private}");
    }
}

#[test]
fn drawings_highlight_the_reachable_paths() {
    let mermaid = String::from_utf8_lossy(&exposure("mermaid", STACKS).stdout).to_string();
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("==>|\"SSH (tcp/22)\"|"), "{mermaid}");
    assert!(mermaid.contains("linkStyle"));
    let dot = String::from_utf8_lossy(&exposure("dot", STACKS).stdout).to_string();
    assert!(dot.starts_with("digraph exposure {"));
    assert!(
        dot.contains("[label=\"SSH (tcp/22)\", color=red, penwidth=3]"),
        "{dot}"
    );
    assert!(dot.trim_end().ends_with('}'));
}
