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
pub(crate) mod attach;
pub mod exposure;
pub mod internet;
pub(crate) mod nacl;
pub(crate) mod ports;
pub(crate) mod reach;
pub(crate) mod refs;
pub(crate) mod routing;
pub(crate) mod sg;

pub use addr::{AddrSet, Cidr};
pub use internet::{InternetCoverage, covers_internet};
pub use ports::{PortClass, Protocol, Traffic};
pub use reach::Network;
