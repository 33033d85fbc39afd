//! Network findings as a user sees them: exact messages and ranges for the broad-source
//! threshold (`--internet-share`), partial paths and the attachments of issue #4.

mod common;

use common::{sample, tfscan};

/// (file, start line, message) of each finding of `check` in the JSON report of a scan of
/// `path` with `extra` arguments, sorted.
fn findings(check: &str, path: &str, extra: &[&str]) -> Vec<(String, u64, String)> {
    let mut args = vec!["scan", "--format", "json", "--include-checks", check, path];
    args.extend_from_slice(extra);
    let out = tfscan(&args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["location"]["file"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                f["location"]["start"]["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn messages_in(found: &[(String, u64, String)], file: &str) -> Vec<String> {
    found
        .iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, _, m)| m.clone())
        .collect()
}

#[test]
fn broad_sources_say_what_they_leave_out() {
    let http = findings(
        "aws-vpc-sg-http-open-to-internet",
        &sample("aws-vpc-sg-http-open-to-internet/fail"),
        &[],
    );
    let most = messages_in(&http, "broad.tf");
    assert_eq!(most.len(), 1, "{http:#?}");
    assert!(
        most[0].starts_with(
            "allows HTTP (tcp/80) from 0.0.0.0/1 and 128.0.0.0/2 (the internet except "
        ) && most[0].ends_with(" to aws_security_group.most, which no load balancer uses"),
        "{}",
        most[0]
    );

    let nacl = findings(
        "aws-vpc-nacl-allows-all-traffic",
        &sample("aws-vpc-nacl-allows-all-traffic/fail"),
        &[],
    );
    assert_eq!(
        messages_in(&nacl, "broad.tf"),
        ["rule 100 allows all traffic from 0.0.0.0/0 except 1.0.0.0/8"]
    );

    let emr = findings(
        "aws-emr-cluster-sg-open-to-internet",
        &sample("aws-emr-cluster-sg-open-to-internet/fail"),
        &[],
    );
    let broad = messages_in(&emr, "broad.tf");
    assert_eq!(broad.len(), 1, "{emr:#?}");
    assert!(
        broad[0].starts_with(
            "the cluster's master security group aws_security_group.broad_master allows tcp/8998 from 0.0.0.0/1 (the internet except "
        ),
        "{}",
        broad[0]
    );
}

#[test]
fn unknown_links_make_paths_possible_and_certain_parts_stay_certain() {
    let found = findings(
        "aws-vpc-resource-internet-reachable",
        &sample("aws-vpc-resource-internet-reachable/fail"),
        &[],
    );
    let at = |file: &str| {
        found
            .iter()
            .filter(|(f, _, _)| f == file)
            .map(|(_, l, m)| (*l, m.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at("partly_certain.tf"),
        [(
            58,
            "EC2 instance is reachable from the internet (::/0) on SSH (tcp/22), and possibly also from 0.0.0.0/0"
        )]
    );
    // A path made only of unknowns (a rule's sources, the group a rule belongs to) is
    // undecided, never a finding; its reason is below.
    assert_eq!(at("unknown_rule_sources.tf"), []);
    assert_eq!(at("unknown_rule_group/main.tf"), []);

    // IPv6 alone reaches an ECS service (its subnet assigns IPv6 at launch) and a
    // publicly accessible dual-stack RDS instance; nothing reaches their private twins.
    assert_eq!(
        at("ipv6_services.tf"),
        [
            (
                59,
                "ECS service is reachable from the internet (::/0) on HTTP alternate (tcp/8080)"
            ),
            (
                92,
                "RDS instance is reachable from the internet (::/0) on PostgreSQL (tcp/5432)"
            ),
        ]
    );
    let private = findings(
        "aws-vpc-resource-internet-reachable",
        &sample("aws-vpc-resource-internet-reachable/pass"),
        &[],
    );
    assert!(
        messages_in(&private, "ipv6_services.tf").is_empty(),
        "{private:#?}"
    );

    // With the account's dualStackIPv6 ECS setting declared disabled, tasks get no IPv6.
    let stack = std::fs::read_to_string(sample(
        "aws-vpc-resource-internet-reachable/fail/ipv6_services.tf",
    ))
    .expect("sample");
    let setting = "resource \"aws_ecs_account_setting_default\" \"v6\" {\n  name  = \"dualStackIPv6\"\n  value = \"disabled\"\n}\n";
    let dir = common::dir_with(&[("main.tf", format!("{stack}{setting}"))]);
    let off = findings(
        "aws-vpc-resource-internet-reachable",
        &dir.path().display().to_string(),
        &[],
    );
    assert_eq!(
        off.iter().map(|(_, l, _)| *l).collect::<Vec<_>>(),
        [92],
        "only the RDS instance: {off:#?}"
    );

    // The unknown parts are in the `unknown` list with their reasons.
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        "--include-checks",
        "aws-vpc-resource-internet-reachable",
        &sample("aws-vpc-resource-internet-reachable/fail"),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reason = |address: &str| {
        report["unknown"]
            .as_array()
            .expect("unknown")
            .iter()
            .find(|u| u["resource"]["address"] == address)
            .and_then(|u| u["reason"].as_str())
            .map(str::to_string)
    };
    assert_eq!(
        reason("aws_instance.r").as_deref(),
        Some(
            "the path is possible, not certain: aws_security_group_rule.r_ssh: cidr_blocks: var.r_admin_cidrs has no value (no default, not set)"
        )
    );
    assert_eq!(
        reason("aws_instance.g").as_deref(),
        Some(
            "the path is possible, not certain: aws_security_group_rule.somewhere_ssh may belong to one of its security groups: its security_group_id is known only after apply (var.target_group_id has no value (no default, not set))"
        )
    );
    assert_eq!(
        reason("aws_instance.p").as_deref(),
        Some(
            "the path is possible, not certain: associate_public_ip_address: var.p_public_ipv4 has no value (no default, not set)"
        )
    );

    // A rule whose security_group_id is a reference belongs to that group only.
    let pass = findings(
        "aws-vpc-resource-internet-reachable",
        &sample("aws-vpc-resource-internet-reachable/pass/rule_group_by_reference"),
        &[],
    );
    assert!(pass.is_empty(), "{pass:#?}");
}

#[test]
fn the_internet_share_is_a_setting() {
    let dir = sample("aws-vpc-nacl-allows-all-traffic");
    // The upper half of the address space is under half of the IPv4 internet: not the
    // internet by default, the internet when a third is enough.
    let default = findings("aws-vpc-nacl-allows-all-traffic", &dir, &[]);
    assert!(
        messages_in(&default, "pass/broad.tf").is_empty(),
        "{default:#?}"
    );
    let third = findings(
        "aws-vpc-nacl-allows-all-traffic",
        &dir,
        &["--internet-share", "0.3"],
    );
    let upper = messages_in(&third, "pass/broad.tf");
    assert_eq!(upper.len(), 1, "{third:#?}");
    assert!(
        upper[0]
            == "rule 100 allows all traffic from 0.0.0.0/0 except 19 blocks (56.5% of the internet)",
        "{}",
        upper[0]
    );
    // At 1 only the whole internet counts: the /8 deny closes rule 100.
    let whole = findings(
        "aws-vpc-nacl-allows-all-traffic",
        &dir,
        &["--internet-share", "1"],
    );
    assert!(
        messages_in(&whole, "fail/broad.tf").is_empty(),
        "{whole:#?}"
    );

    // The same from .tfscan.toml; the command line wins.
    let configured = common::dir_with(&[
        (".tfscan.toml", "internet-share = 1.0\n".to_string()),
        (
            "main.tf",
            std::fs::read_to_string(sample("aws-vpc-nacl-allows-all-traffic/fail/broad.tf"))
                .expect("sample")
                .replace("aws_vpc.main.id", "\"vpc-0123456789abcdef0\""),
        ),
    ]);
    let path = configured.path().display().to_string();
    assert!(findings("aws-vpc-nacl-allows-all-traffic", &path, &[]).is_empty());
    assert_eq!(
        findings(
            "aws-vpc-nacl-allows-all-traffic",
            &path,
            &["--internet-share", "0.5"]
        )
        .len(),
        1
    );

    // Out of range or not a number: a usage error naming the flag's rule.
    for bad in ["0", "1.5", "half"] {
        let out = tfscan(&["scan", &dir, "--internet-share", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("internet share"), "{bad}: {err}");
    }
    let out = tfscan(&["exposure", &dir, "--internet-share", "0.5"]);
    assert_eq!(out.status.code(), Some(0));
}

/// A public instance whose group admits SSH from 0.0.0.0/0 and carries a second rule on
/// `port` whose sources come from a variable without a default.
const UNKNOWN_EXTRA_RULE: &str = r#"
variable "extra_cidrs" {
  type = list(string)
}

resource "aws_vpc" "a" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_internet_gateway" "a" {
  vpc_id = aws_vpc.a.id
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.a.id
  cidr_block = "10.1.0.0/24"
}

resource "aws_route_table" "a" {
  vpc_id = aws_vpc.a.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.a.id
  }
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.a.id
}

resource "aws_security_group" "a" {
  vpc_id = aws_vpc.a.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "extra" {
  type              = "ingress"
  security_group_id = aws_security_group.a.id
  protocol          = "tcp"
  from_port         = PORT
  to_port           = PORT
  cidr_blocks       = var.extra_cidrs
}

resource "aws_instance" "a" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.a.id
  vpc_security_group_ids      = [aws_security_group.a.id]
  associate_public_ip_address = true
}
"#;

#[test]
fn an_unknown_that_can_add_nothing_leaves_the_path_definite() {
    let run = |port: &str| {
        let dir = common::dir_with(&[("main.tf", UNKNOWN_EXTRA_RULE.replace("PORT", port))]);
        let out = tfscan(&[
            "scan",
            "--format",
            "json",
            "--include-checks",
            "aws-vpc-resource-internet-reachable",
            &dir.path().display().to_string(),
        ]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let messages: Vec<String> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["message"].as_str().map(str::to_string))
            .collect();
        (messages, report["unknown"].as_array().map_or(0, Vec::len))
    };
    // The unknown rule is on SSH too: whatever its sources, SSH is open to the internet.
    assert_eq!(
        run("22"),
        (
            vec![
                "EC2 instance is reachable from the internet (0.0.0.0/0) on SSH (tcp/22)"
                    .to_string()
            ],
            0
        )
    );
    // On RDP it may add something: SSH stays a certain finding; RDP, which only the
    // unknown rule may open, is undecided.
    assert_eq!(
        run("3389"),
        (
            vec![
                "EC2 instance is reachable from the internet (0.0.0.0/0) on SSH (tcp/22)"
                    .to_string()
            ],
            1
        )
    );
}

/// (check, line, message) of every network-rule finding of a scan, sorted.
fn rule_findings(path: &str) -> Vec<(String, u64, String)> {
    let out = tfscan(&["scan", "--format", "json", "--fail-on", "none", path]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            let id = f["check_id"].as_str().unwrap_or_default();
            id.contains("open-to-internet") || id.contains("allows-all")
        })
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or_default().to_string(),
                f["location"]["start"]["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn one(check: &str, line: u64, message: &str) -> (String, u64, String) {
    (check.to_string(), line, message.to_string())
}

#[test]
fn one_rule_open_to_the_internet_is_one_finding_of_its_root_cause() {
    // Rules written as attributes are judged like blocks, IPv4 and IPv6 of one rule are
    // one finding, a range over SSH names the range, an all-traffic rule is only that.
    let sg = common::dir_with(&[(
        "main.tf",
        r#"resource "aws_security_group" "sg" {
  name        = "sg"
  description = "rules as attributes"
  ingress = [{
    description = "ssh", protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"],
    ipv6_cidr_blocks = ["::/0"], prefix_list_ids = [], security_groups = [], self = false
  }, {
    description = "all", protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["0.0.0.0/0"],
    ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false
  }, {
    description = "low", protocol = "tcp", from_port = 0, to_port = 1023, cidr_blocks = ["0.0.0.0/0"],
    ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false
  }, {
    description = "app", protocol = "tcp", from_port = 8080, to_port = 8090, cidr_blocks = ["0.0.0.0/0"],
    ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false
  }, {
    description = "ping", protocol = "icmp", from_port = 8, to_port = -1, cidr_blocks = ["0.0.0.0/0"],
    ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false
  }]
}
"#
        .to_string(),
    )]);
    assert_eq!(
        rule_findings(&sg.path().display().to_string()),
        [
            one(
                "aws-vpc-sg-admin-port-open-to-internet",
                5,
                "allows SSH (tcp/22) from 0.0.0.0/0 and ::/0"
            ),
            one(
                "aws-vpc-sg-admin-port-open-to-internet",
                11,
                "allows tcp/0-1023 (a port range including FTP (tcp/21), SSH (tcp/22), Telnet (tcp/23), rpcbind (tcp/111) and 3 more) from 0.0.0.0/0"
            ),
            one(
                "aws-vpc-sg-all-ports-open-to-internet",
                8,
                "allows all traffic from 0.0.0.0/0"
            ),
            one(
                "aws-vpc-sg-icmp-open-to-internet",
                17,
                "allows ICMP echo request (type 8) from 0.0.0.0/0"
            ),
            one(
                "aws-vpc-sg-port-open-to-internet",
                14,
                "allows tcp/8080-8090 (a port range including HTTP alternate (tcp/8080) and InfluxDB (tcp/8086)) from 0.0.0.0/0"
            ),
        ]
    );

    // A NACL: the allow-all rule is one finding; FTP lands on the rule that opens it,
    // not on the NACL whose rule admits one private address.
    let nacl = common::dir_with(&[(
        "main.tf",
        r#"resource "aws_network_acl" "n" {
  vpc_id     = "vpc-1"
  subnet_ids = ["subnet-1"]
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "10.0.0.0/32"
    from_port  = 20
    to_port    = 20
  }
  ingress = [{
    rule_no = 200, action = "allow", protocol = "-1", from_port = 0, to_port = 0,
    cidr_block = "0.0.0.0/0", ipv6_cidr_block = null, icmp_type = null, icmp_code = null
  }]
}
resource "aws_network_acl_rule" "ftp" {
  network_acl_id = aws_network_acl.n.id
  rule_number    = 150
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 21
}
"#
        .to_string(),
    )]);
    assert_eq!(
        rule_findings(&nacl.path().display().to_string()),
        [
            one(
                "aws-vpc-nacl-allows-all-traffic",
                14,
                "rule 200 allows all traffic from 0.0.0.0/0 except what rule 100 and rule 150 decide first"
            ),
            one(
                "aws-vpc-nacl-ftp-open-to-internet",
                23,
                "rule 150 allows FTP (tcp/20 and tcp/21) from 0.0.0.0/0"
            ),
        ]
    );
}

#[test]
fn rules_on_groups_and_nacls_not_declared_here_are_never_silent() {
    let dir = common::dir_with(&[(
        "main.tf",
        r#"resource "aws_security_group_rule" "http" {
  type              = "ingress"
  description       = "web"
  protocol          = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-12345"
}
resource "aws_network_acl_rule" "all" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
"#
        .to_string(),
    )]);
    let path = dir.path().display().to_string();
    assert_eq!(
        rule_findings(&path),
        [one(
            "aws-vpc-nacl-allows-all-traffic",
            16,
            "rule 100 allows all traffic from 0.0.0.0/0 (network ACL acl-0123456789abcdef0 is not declared here: judged on this rule alone, a lower-numbered rule there may decide first)"
        )]
    );
    let out = tfscan(&["scan", "--format", "json", "--fail-on", "none", &path]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let undecided: Vec<(String, String)> = report["unknown"]
        .as_array()
        .expect("unknown")
        .iter()
        .map(|u| {
            (
                u["check_id"].as_str().unwrap_or_default().to_string(),
                u["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        undecided,
        [(
            "aws-vpc-sg-http-open-to-internet".to_string(),
            "allows HTTP (tcp/80) from 0.0.0.0/0, but whether a load balancer uses the group is unknown: security group sg-12345 is not declared here".to_string()
        )]
    );
}

/// (check, resource, reason) of every undecided result of a scan.
fn undecided(path: &str) -> Vec<(String, String, String)> {
    let out = tfscan(&["scan", "--format", "json", "--fail-on", "none", path]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    report["unknown"]
        .as_array()
        .expect("unknown")
        .iter()
        .map(|u| {
            (
                u["check_id"].as_str().unwrap_or_default().to_string(),
                u["resource"]["address"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                u["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const UNKNOWN_PATH: &str = r#"
variable "subnet_id" { type = string }
variable "peer_cidr" { type = string }
variable "ami" { type = string }
resource "aws_security_group" "sg" {
  name   = "sg"
  vpc_id = "vpc-123"
}
resource "aws_vpc_security_group_ingress_rule" "peer" {
  security_group_id = aws_security_group.sg.id
  cidr_ipv4         = CIDR
  ip_protocol       = "all"
  description       = "from peer network"
}
resource "aws_instance" "i" {
  ami                         = var.ami
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = SUBNET
  vpc_security_group_ids      = [aws_security_group.sg.id]
  tags                        = { Name = var.ami }
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "v" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.v.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
"#;

#[test]
fn reachability_is_a_finding_only_when_the_exposure_is_known() {
    let run = |cidr: &str, subnet: &str| {
        let dir = common::dir_with(&[(
            "main.tf",
            UNKNOWN_PATH.replace("CIDR", cidr).replace("SUBNET", subnet),
        )]);
        let path = dir.path().display().to_string();
        let reach: Vec<(String, String)> = undecided(&path)
            .into_iter()
            .filter(|(c, _, _)| c == "aws-vpc-resource-internet-reachable")
            .map(|(_, r, why)| (r, why))
            .collect();
        (
            findings("aws-vpc-resource-internet-reachable", &path, &[]),
            reach,
        )
    };
    // An unknown subnet and an unknown source CIDR: undecided only, never a critical
    // finding.
    let (found, reach) = run("var.peer_cidr", "var.subnet_id");
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(
        reach,
        [(
            "aws_instance.i".to_string(),
            "the path is possible, not certain: its subnet is known only after apply (var.subnet_id has no value (no default, not set)); aws_vpc_security_group_ingress_rule.peer: cidr_ipv4: var.peer_cidr has no value (no default, not set)".to_string()
        )]
    );
    // A known open rule and an unknown subnet, or an unknown source on a known public
    // route: still undecided.
    assert!(run("\"0.0.0.0/0\"", "var.subnet_id").0.is_empty());
    assert!(run("var.peer_cidr", "aws_subnet.public.id").0.is_empty());
    // A known open rule on a known public route is a finding, whatever the AMI or a tag.
    let (found, reach) = run("\"0.0.0.0/0\"", "aws_subnet.public.id");
    assert_eq!(
        found,
        [(
            "main.tf".to_string(),
            15,
            "EC2 instance is reachable from the internet (0.0.0.0/0) on all traffic".to_string()
        )]
    );
    assert!(reach.is_empty(), "{reach:#?}");
}

#[test]
fn a_vpc_block_an_ipam_pool_allocates_is_unknown_not_empty() {
    let dir = common::dir_with(&[(
        "main.tf",
        r#"resource "aws_vpc_ipam_pool" "p" {
  address_family = "ipv4"
  ipam_scope_id  = "ipam-scope-0123"
}
resource "aws_vpc" "v" {
  ipv4_ipam_pool_id = aws_vpc_ipam_pool.p.id
  cidr_block        = null
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.1.2.0/24"
}
"#
        .to_string(),
    )]);
    let path = dir.path().display().to_string();
    assert!(findings("aws-vpc-subnet-outside-vpc-cidr", &path, &[]).is_empty());
    let reasons: Vec<String> = undecided(&path)
        .into_iter()
        .filter(|(c, _, _)| c == "aws-vpc-subnet-outside-vpc-cidr")
        .map(|(_, r, why)| format!("{r}: {why}"))
        .collect();
    assert_eq!(
        reasons,
        ["aws_subnet.s: aws_vpc.v has no cidr_block (an IPAM pool assigns it after apply)"]
    );
}

/// A rule on a group this configuration names but does not declare: Terraform rejects
/// the reference (the scan reports it), yet `aws_security_group.web` can only be this module's own
/// group, so it is judged like a declared one, by this configuration's load balancers.
#[test]
fn http_on_a_group_named_but_not_declared_is_judged_by_this_configurations_load_balancers() {
    let rule = |group: &str| {
        format!(
            r#"resource "aws_security_group_rule" "http" {{
  type              = "ingress"
  description       = "web"
  protocol          = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = {group}.id
}}
"#
        )
    };
    let alone = common::dir_with(&[("main.tf", rule("aws_security_group.web"))]);
    let path = alone.path().display().to_string();
    assert_eq!(
        findings("aws-vpc-sg-http-open-to-internet", &path, &[]),
        [(
            "main.tf".to_string(),
            7,
            "allows HTTP (tcp/80) from 0.0.0.0/0 to aws_security_group.web, which is not declared here and which no load balancer uses".to_string()
        )]
    );
    assert!(undecided(&path).is_empty());
    let out = tfscan(&["scan", "--format", "json", "--fail-on", "none", &path]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reported: Vec<&str> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert_eq!(
        reported,
        ["reference to undeclared resource aws_security_group.web"]
    );

    // A load balancer that names the same undeclared group may use it; a module output
    // stays undecided as before.
    let lb = r#"resource "aws_lb" "web" {
  name            = "web"
  security_groups = [aws_security_group.web.id]
  subnets         = ["subnet-1", "subnet-2"]
}
"#;
    let with_lb =
        common::dir_with(&[("main.tf", format!("{}{lb}", rule("aws_security_group.web")))]);
    let path = with_lb.path().display().to_string();
    assert!(findings("aws-vpc-sg-http-open-to-internet", &path, &[]).is_empty());
    assert!(
        undecided(&path)
            .iter()
            .all(|(c, _, _)| c != "aws-vpc-sg-http-open-to-internet")
    );
}

/// One finding per cause holds among the checks that run: a rule that opens every port is
/// the all-ports (or allow-all) check's finding, and when that check is not selected the
/// administrative-port and FTP checks report the rule, since it opens SSH, RDP and FTP
/// too. Selecting checks never hides a problem.
#[test]
fn a_broad_rule_is_reported_by_the_narrower_check_when_the_broad_one_does_not_run() {
    let dir = common::dir_with(&[(
        "main.tf",
        r#"
resource "aws_security_group" "open" {
  description = "everything"
  ingress {
    description = "all TCP"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_network_acl" "open" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}
"#,
    )]);
    let path = dir.path().to_str().expect("utf-8 path");
    let ids = |checks: &str| -> Vec<String> {
        let out = tfscan(&[
            "scan",
            "--format",
            "json",
            "--fail-on",
            "none",
            "--include-checks",
            checks,
            path,
        ]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let mut ids: Vec<String> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["check_id"].as_str().unwrap_or_default(),
                    f["resource"]["address"].as_str().unwrap_or_default()
                )
            })
            .collect();
        ids.sort();
        ids
    };
    let narrow = "aws-vpc-sg-admin-port-open-to-internet,\
                  aws-vpc-nacl-admin-port-open-to-internet,\
                  aws-vpc-nacl-ftp-open-to-internet";
    assert_eq!(
        ids(narrow),
        [
            "aws-vpc-nacl-admin-port-open-to-internet aws_network_acl.open",
            "aws-vpc-sg-admin-port-open-to-internet aws_security_group.open",
        ]
    );
    // FTP alone: the allow-all rule opens FTP's ports.
    assert_eq!(
        ids("aws-vpc-nacl-ftp-open-to-internet"),
        ["aws-vpc-nacl-ftp-open-to-internet aws_network_acl.open"]
    );
    assert_eq!(
        ids(&format!(
            "{narrow},aws-vpc-sg-all-ports-open-to-internet,aws-vpc-nacl-allows-all-traffic"
        )),
        [
            "aws-vpc-nacl-allows-all-traffic aws_network_acl.open",
            "aws-vpc-sg-all-ports-open-to-internet aws_security_group.open",
        ]
    );
}

/// A group list behind a condition known only after apply may hold any group the
/// branches name: a group named only there is undecided for `aws-vpc-sg-not-attached`,
/// never "not attached" (terraform-aws-vpc's endpoints module writes
/// `length(distinct(concat(...))) > 0 ? distinct(concat(...)) : null`).
#[test]
fn a_group_named_behind_an_unknown_condition_is_not_reported_unattached() {
    let dir = common::dir_with(&[(
        "main.tf",
        r#"
resource "aws_security_group" "base" {
  description = "base"
}

resource "aws_security_group" "extra" {
  description = "extra"
}

locals {
  groups = distinct(concat([aws_security_group.base.id], [aws_security_group.extra.id]))
}

resource "aws_vpc_endpoint" "rds" {
  vpc_id             = "vpc-0123456789abcdef0"
  service_name       = "com.amazonaws.eu-west-1.rds"
  vpc_endpoint_type  = "Interface"
  security_group_ids = length(local.groups) > 0 ? local.groups : null
}
"#,
    )]);
    let path = dir.path().to_str().expect("utf-8 path");
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        "--fail-on",
        "none",
        "--include-checks",
        "aws-vpc-sg-not-attached",
        path,
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(0));
    let mut undecided: Vec<&str> = report["unknown"]
        .as_array()
        .expect("unknown")
        .iter()
        .filter_map(|u| u["resource"]["address"].as_str())
        .collect();
    undecided.sort();
    assert_eq!(
        undecided,
        ["aws_security_group.base", "aws_security_group.extra"]
    );
}
