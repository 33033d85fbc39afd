//! The CIDR parser and the address-set algebra built on it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tfscan::network::{AddrSet, Cidr};

fuzz_target!(|data: &str| {
    let mut parsed = Vec::new();
    for part in data.split(',') {
        if let Ok(c) = Cidr::parse(part) {
            // A parsed CIDR prints and parses again to the same network.
            let again = Cidr::parse(&c.to_string()).expect("a printed CIDR parses");
            assert_eq!(again.network(), c.network());
            assert_eq!(again.prefix_len(), c.prefix_len());
            let _ = c.is_canonical();
            parsed.push(c);
        } else if let Err(e) = Cidr::parse(part) {
            let _ = e.to_string();
        }
    }
    let set = AddrSet::from_cidrs(parsed.iter());
    let all = AddrSet::all();
    let _ = format!("{set:?}{all:?}");
});
