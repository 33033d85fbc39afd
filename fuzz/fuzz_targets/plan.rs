//! Raw bytes as a plan (`terraform show -json`) given with `--plan`, beside a small
//! configuration that lends it spans; through the whole pipeline.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const MAIN: &[u8] = br#"resource "aws_security_group" "x" {
  description = "x"
  ingress {
    description = "x"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#;

fuzz_target!(|data: &[u8]| {
    common::scan_files_with(&[("main.tf", MAIN), ("plan.json", data)], |opts, dir| {
        opts.plan = Some(dir.join("plan.json"));
    });
});
