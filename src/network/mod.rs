//! Network reasoning: exact address and port sets, security groups, network ACLs,
//! routing, attachments and internet reachability.
//!
//! Invariants: set operations are exact (no string matching on CIDRs); a rule whose
//! sources or ports depend on an unknown value says so instead of guessing; nothing here
//! panics on input.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

pub mod addr;
pub mod attach;
pub mod exposure;
pub mod internet;
pub mod nacl;
pub mod ports;
pub mod reach;
pub mod refs;
pub mod routing;
pub mod sg;

pub use addr::{AddrSet, Cidr};
pub use internet::{InternetCoverage, covers_internet};
pub use ports::{PortClass, Protocol, Traffic};
pub use reach::Network;
