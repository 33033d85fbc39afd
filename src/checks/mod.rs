//! Checks whose logic is Rust, registered under their ids. Their metadata lives in
//! `checks/<area>/<id>.toml` like every other check.

mod network;

use crate::engine::RustCheck;

/// Every Rust check.
pub fn registry() -> Vec<(&'static str, RustCheck)> {
    vec![(
        "aws-vpc-sg-admin-port-open-to-internet",
        network::admin_port_open as RustCheck,
    )]
}
