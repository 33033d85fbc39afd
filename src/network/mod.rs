//! Network reasoning: exact address and port sets, and the security-group rule model.
//!
//! Invariants: set operations are exact (no string matching on CIDRs); a rule whose
//! sources or ports depend on an unknown value says so instead of guessing.

pub mod addr;
pub mod internet;
pub mod ports;
pub mod sg;

pub use addr::{AddrSet, Cidr};
pub use internet::{InternetCoverage, covers_internet};
pub use ports::{PortClass, Protocol, Traffic};
