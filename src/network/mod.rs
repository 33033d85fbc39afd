//! Network reasoning: exact address and port sets, security groups, network ACLs,
//! routing, attachments and internet reachability.
//!
//! Invariants: set operations are exact (no string matching on CIDRs); a rule whose
//! sources or ports depend on an unknown value says so instead of guessing; nothing here
//! panics on input.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

mod addr;
mod attach;
mod exposure;
mod internet;
mod intervals;
mod nacl;
mod ports;
mod reach;
mod refs;
mod routing;
mod sg;

pub use addr::{AddrSet, Cidr, Family};
pub(crate) use exposure::{FORMATS as EXPOSURE_FORMATS, render as exposure_report};
pub use internet::BroadShare;
pub(crate) use internet::{
    InternetCoverage, covers_internet, except_phrase, internet, left_out_of_internet,
};
pub(crate) use nacl::{Evaluation, Nacl, NaclEntry, Region};
pub(crate) use ports::{
    PortClass, PortSet, Protocol, Service, Traffic, describe, is_service_port, opens_service,
    sensitive_services, services_of,
};
pub(crate) use reach::{Exposure, HopKind, Network, is_critical, web_traffic};
pub(crate) use refs::{Index, Link, Target, bool_attr, elements, nested, unknown_reason};
pub(crate) use routing::{RouteTarget, TableChoice};
pub(crate) use sg::{
    CidrSource, Concern, Direction, GROUP_TYPES, SgRule, collect_cidrs, collect_cidrs_where,
};
