//! tfscan: a Terraform security scanner that evaluates the configuration and reasons
//! about the network exactly.

pub mod diag;
pub mod eval;
pub mod loader;
pub mod model;
pub mod source;
