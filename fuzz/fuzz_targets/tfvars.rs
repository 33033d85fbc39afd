//! Raw bytes as the tree's variable values: `terraform.tfvars` (HCL) when the first byte
//! is even, `terraform.tfvars.json` when it is odd, read for a configuration that uses
//! its variables in the attributes checks judge; through the whole pipeline.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const MAIN: &[u8] = br#"variable "a" {}
variable "b" {}
variable "c" {
  type    = list(string)
  default = []
}

resource "aws_security_group" "x" {
  description = "${var.a}"
  ingress {
    description = "x"
    from_port   = var.b
    to_port     = var.b
    protocol    = "tcp"
    cidr_blocks = var.c
  }
}
"#;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let name = if first % 2 == 0 {
        "terraform.tfvars"
    } else {
        "terraform.tfvars.json"
    };
    common::scan_files(&[("main.tf", MAIN), (name, rest)]);
});
