//! "The internet": every globally routable address, and how much of it a
//! set of sources covers.
//!
//! IPv4: all of `0.0.0.0/0` minus the IANA IPv4 Special-Purpose Address
//! Registry (RFC 6890) entries that are not globally reachable, plus
//! multicast and the deprecated 6to4 relay anycast. Listed in
//! [`SPECIAL_PURPOSE_V4`].
//!
//! IPv6: only `2000::/3` is global unicast — RFC 4291 §2.4 leaves the rest
//! of the space unassigned or special, and the IANA IPv6 Address Space
//! registry allocates nothing to the regional registries outside `2000::/3`.
//! From it we remove the special-purpose blocks inside it that are not
//! globally reachable hosts (see [`SPECIAL_PURPOSE_V6`]):
//!
//! * `2001::/23`, IETF protocol assignments (RFC 2928). Removed whole, like
//!   its IPv4 counterpart `192.0.0.0/24`: it holds Teredo (RFC 4380),
//!   benchmarking (RFC 5180) and ORCHID (RFC 7343) identifiers plus a handful
//!   of anycast service addresses, none of which is an ordinary internet
//!   client.
//! * `2001:db8::/32` and `3fff::/20`, documentation (RFC 3849, RFC 9637).
//!
//! `2002::/16` (6to4, RFC 3056) is deliberately kept: each 6to4 address
//! embeds a public IPv4 address and belongs to a real internet host, and
//! RFC 7526 deprecated only the relay anycast prefix (`192.88.99.0/24`), not
//! 6to4 addressing. Blocks outside `2000::/3` (`::1/128`, `fc00::/7`,
//! `fe80::/10`, `ff00::/8`, `64:ff9b::/96`, …) are listed too so messages
//! can name them, but removing them is a no-op.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use serde::Serialize;

use super::addr::{AddrSet, Ipv4Set};

/// A named block that is not part of the internet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SpecialRange {
    /// Network address of the block.
    pub network: IpAddr,
    /// Prefix length of the block.
    pub prefix_len: u8,
    /// What the block is, with the RFC that defines it, for messages.
    pub name: &'static str,
}

impl SpecialRange {
    const fn v4(a: u8, b: u8, c: u8, d: u8, prefix_len: u8, name: &'static str) -> Self {
        SpecialRange {
            network: IpAddr::V4(Ipv4Addr::new(a, b, c, d)),
            prefix_len,
            name,
        }
    }

    const fn v6(segments: [u16; 8], prefix_len: u8, name: &'static str) -> Self {
        let [a, b, c, d, e, f, g, h] = segments;
        SpecialRange {
            network: IpAddr::V6(Ipv6Addr::new(a, b, c, d, e, f, g, h)),
            prefix_len,
            name,
        }
    }

    fn to_set(self) -> AddrSet {
        AddrSet::from_prefix(self.network, self.prefix_len)
    }
}

impl std::fmt::Display for SpecialRange {
    /// Writes the block as a CIDR, e.g. `10.0.0.0/8`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix_len)
    }
}

/// IPv4 blocks excluded from the internet (IANA IPv4 Special-Purpose
/// Address Registry, RFC 6890, plus multicast and reserved space).
pub const SPECIAL_PURPOSE_V4: &[SpecialRange] = &[
    SpecialRange::v4(0, 0, 0, 0, 8, "\"this network\" (RFC 1122)"),
    SpecialRange::v4(10, 0, 0, 0, 8, "private (RFC 1918)"),
    SpecialRange::v4(100, 64, 0, 0, 10, "CGNAT shared address space (RFC 6598)"),
    SpecialRange::v4(127, 0, 0, 0, 8, "loopback (RFC 1122)"),
    SpecialRange::v4(169, 254, 0, 0, 16, "link-local (RFC 3927)"),
    SpecialRange::v4(172, 16, 0, 0, 12, "private (RFC 1918)"),
    SpecialRange::v4(192, 0, 0, 0, 24, "IETF protocol assignments (RFC 6890)"),
    SpecialRange::v4(192, 0, 2, 0, 24, "documentation TEST-NET-1 (RFC 5737)"),
    SpecialRange::v4(
        192,
        88,
        99,
        0,
        24,
        "deprecated 6to4 relay anycast (RFC 7526)",
    ),
    SpecialRange::v4(192, 168, 0, 0, 16, "private (RFC 1918)"),
    SpecialRange::v4(198, 18, 0, 0, 15, "benchmarking (RFC 2544)"),
    SpecialRange::v4(198, 51, 100, 0, 24, "documentation TEST-NET-2 (RFC 5737)"),
    SpecialRange::v4(203, 0, 113, 0, 24, "documentation TEST-NET-3 (RFC 5737)"),
    SpecialRange::v4(224, 0, 0, 0, 4, "multicast (RFC 5771)"),
    SpecialRange::v4(
        240,
        0,
        0,
        0,
        4,
        "reserved, including broadcast 255.255.255.255 (RFC 1112, RFC 919)",
    ),
];

/// IPv6 blocks excluded from the internet (IANA IPv6 Special-Purpose
/// Address Registry, RFC 6890, plus multicast). Only the three inside
/// `2000::/3` change [`internet`]'s IPv6 part; see the module documentation.
pub const SPECIAL_PURPOSE_V6: &[SpecialRange] = &[
    SpecialRange::v6([0, 0, 0, 0, 0, 0, 0, 0], 128, "unspecified (RFC 4291)"),
    SpecialRange::v6([0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback (RFC 4291)"),
    SpecialRange::v6([0, 0, 0, 0, 0, 0xffff, 0, 0], 96, "IPv4-mapped (RFC 4291)"),
    SpecialRange::v6(
        [0x64, 0xff9b, 0, 0, 0, 0, 0, 0],
        96,
        "IPv4/IPv6 translation (RFC 6052)",
    ),
    SpecialRange::v6(
        [0x64, 0xff9b, 1, 0, 0, 0, 0, 0],
        48,
        "local-use IPv4/IPv6 translation (RFC 8215)",
    ),
    SpecialRange::v6([0x100, 0, 0, 0, 0, 0, 0, 0], 64, "discard-only (RFC 6666)"),
    SpecialRange::v6(
        [0x2001, 0, 0, 0, 0, 0, 0, 0],
        23,
        "IETF protocol assignments (RFC 2928)",
    ),
    SpecialRange::v6(
        [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0],
        32,
        "documentation (RFC 3849)",
    ),
    SpecialRange::v6(
        [0x3fff, 0, 0, 0, 0, 0, 0, 0],
        20,
        "documentation (RFC 9637)",
    ),
    SpecialRange::v6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16, "SRv6 SIDs (RFC 9602)"),
    SpecialRange::v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "unique local (RFC 4193)"),
    SpecialRange::v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "link-local (RFC 4291)"),
    SpecialRange::v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "multicast (RFC 4291)"),
];

/// `2000::/3`, the only IPv6 space allocated for global unicast.
const GLOBAL_UNICAST_V6: SpecialRange = SpecialRange::v6(
    [0x2000, 0, 0, 0, 0, 0, 0, 0],
    3,
    "global unicast (RFC 4291)",
);

static INTERNET: LazyLock<AddrSet> = LazyLock::new(|| {
    let excluded = SPECIAL_PURPOSE_V4
        .iter()
        .chain(SPECIAL_PURPOSE_V6)
        .fold(AddrSet::empty(), |acc, range| acc.union(&range.to_set()));
    let candidates = AddrSet {
        v4: Ipv4Set::all(),
        v6: GLOBAL_UNICAST_V6.to_set().v6,
    };
    candidates.difference(&excluded)
});

/// How many addresses [`INTERNET`] holds per family (IPv4, IPv6), as `f64`: counting
/// them walks the set, and [`covers_internet`] divides by them for every rule it measures.
static INTERNET_SIZES: LazyLock<(f64, f64)> =
    LazyLock::new(|| (INTERNET.v4.len() as f64, INTERNET.v6.len().to_f64()));

/// Every globally routable address of both families (one shared set: reachability and
/// the NACL checks ask for it per resource and per rule).
pub fn internet() -> &'static AddrSet {
    &INTERNET
}

/// How much of the internet a set of source (or destination) addresses
/// covers, per family.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct InternetCoverage {
    /// The set contains every globally routable IPv4 address. True for
    /// `0.0.0.0/0`, for `0.0.0.0/1` + `128.0.0.0/1`, or for the union of all
    /// public ranges; false for any list of specific public addresses.
    pub v4_all: bool,
    /// The set contains every globally routable IPv6 address (`::/0`,
    /// `2000::/3`, …).
    pub v6_all: bool,
    /// |set ∩ internet| / |internet| for IPv4, in `0.0..=1.0`; exact to f64
    /// rounding, and equal to 1.0 exactly when `v4_all`.
    pub v4_fraction: f64,
    /// Same for IPv6. Computed from 128-bit counts rounded to f64, so tiny
    /// sets give tiny but non-zero fractions; 0.0 only for no overlap and
    /// 1.0 only when `v6_all`.
    pub v6_fraction: f64,
}

/// The default share of one family's internet above which a set of sources is *broad*: it
/// admits more than half of every internet address, so whoever wrote it meant "the
/// internet, minus a few blocks". A list of specific public addresses is nowhere near it
/// (a /8 is 0.4% of the IPv4 internet). `--internet-share` / `internet-share` change it.
pub const BROAD_SHARE: f64 = 0.5;

/// The share of one family's internet above which sources count as the internet: a
/// number in `(0, 1]`. At 1 only the whole internet counts (the fraction is never above
/// 1; `v4_all`/`v6_all` decide).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BroadShare(f64);

impl BroadShare {
    /// Validates a share given by the user; the error says what is accepted.
    pub fn new(share: f64) -> Result<BroadShare, String> {
        if share > 0.0 && share <= 1.0 {
            Ok(BroadShare(share))
        } else {
            Err(format!(
                "internet share {share} must be above 0 and at most 1 (for example 0.5: more than half of a family's internet addresses)"
            ))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for BroadShare {
    fn default() -> Self {
        BroadShare(BROAD_SHARE)
    }
}

impl std::str::FromStr for BroadShare {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let share: f64 = s
            .trim()
            .parse()
            .map_err(|_| format!("internet share '{s}' is not a number"))?;
        BroadShare::new(share)
    }
}

impl InternetCoverage {
    /// Open to the whole internet in at least one family.
    pub fn is_open(&self) -> bool {
        self.v4_all || self.v6_all
    }

    /// The whole IPv4 internet, or more than `share` of it.
    pub fn v4_broad(&self, share: BroadShare) -> bool {
        self.v4_all || self.v4_fraction > share.0
    }

    /// The whole IPv6 internet, or more than `share` of it.
    pub fn v6_broad(&self, share: BroadShare) -> bool {
        self.v6_all || self.v6_fraction > share.0
    }

    /// Broad ([`InternetCoverage::v4_broad`]) in either family.
    pub fn broad(&self, share: BroadShare) -> bool {
        self.v4_broad(share) || self.v6_broad(share)
    }
}

/// The internet addresses a broad set of sources leaves out, in the families where it
/// is broad (see [`BroadShare`]); empty when it covers the whole internet there.
pub fn left_out_of_internet(sources: &AddrSet, share: BroadShare) -> AddrSet {
    let cov = covers_internet(sources);
    let missing = INTERNET.difference(sources);
    AddrSet {
        v4: if cov.v4_broad(share) {
            missing.v4
        } else {
            Default::default()
        },
        v6: if cov.v6_broad(share) {
            missing.v6
        } else {
            Default::default()
        },
    }
}

/// " except 1.0.0.0/8", or for many blocks " except 12 blocks (3.1% of the internet)";
/// empty when nothing is left out.
pub fn except_phrase(left_out: &AddrSet) -> String {
    if left_out.is_empty() {
        return String::new();
    }
    let blocks = left_out.to_cidrs();
    if blocks.len() <= 4 {
        return format!(" except {}", blocks.join(", "));
    }
    let cov = covers_internet(left_out);
    let share = cov.v4_fraction.max(cov.v6_fraction) * 100.0;
    format!(
        " except {} blocks ({share:.1}% of the internet)",
        blocks.len()
    )
}

/// The largest f64 below 1.0, used so that a fraction rounds to 1.0 only
/// when the whole internet is covered.
const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;

fn fraction(covered: f64, total: f64, all: bool) -> f64 {
    if all {
        1.0
    } else {
        (covered / total).min(BELOW_ONE)
    }
}

/// Measures how much of the internet `set` covers; see [`InternetCoverage`].
pub fn covers_internet(set: &AddrSet) -> InternetCoverage {
    let (v4_size, v6_size) = *INTERNET_SIZES;
    let v4_covered = set.v4.shared_count(&INTERNET.v4);
    let v6_covered = set.v6.shared_count(&INTERNET.v6);
    // IPv4 counts are exact; IPv6 coverage is decided on the sets themselves.
    let v4_all = v4_covered == v4_size;
    let v6_all = v6_covered > 0.0 && INTERNET.v6.is_subset_of(&set.v6);
    InternetCoverage {
        v4_all,
        v6_all,
        v4_fraction: fraction(v4_covered, v4_size, v4_all),
        v6_fraction: fraction(v6_covered, v6_size, v6_all),
    }
}

#[cfg(test)]
mod tests {
    use super::super::addr::Cidr;
    use super::*;

    /// Covers more than `min_fraction` of the internet in either family.
    fn broad_beyond(c: &InternetCoverage, min_fraction: f64) -> bool {
        c.v4_fraction > min_fraction || c.v6_fraction > min_fraction
    }

    fn set(texts: &[&str]) -> AddrSet {
        let cidrs: Vec<Cidr> = texts.iter().map(|t| Cidr::parse(t).unwrap()).collect();
        AddrSet::from_cidrs(&cidrs)
    }

    fn coverage(texts: &[&str]) -> InternetCoverage {
        covers_internet(&set(texts))
    }

    #[test]
    fn whole_space_is_open() {
        let c = coverage(&["0.0.0.0/0"]);
        assert!(c.v4_all && c.is_open());
        assert!(!c.v6_all);
        assert_eq!(c.v4_fraction, 1.0);
        assert_eq!(c.v6_fraction, 0.0);
        assert!(broad_beyond(&c, 0.5));
    }

    #[test]
    fn split_halves_are_open() {
        let c = coverage(&["0.0.0.0/1", "128.0.0.0/1"]);
        assert!(c.v4_all);
        assert_eq!(c.v4_fraction, 1.0);
    }

    #[test]
    fn union_of_public_ranges_is_open() {
        let c = covers_internet(internet());
        assert!(c.v4_all && c.v6_all);
        assert_eq!((c.v4_fraction, c.v6_fraction), (1.0, 1.0));
        // One public address short of it is neither open nor 1.0.
        let missing = internet().difference(&set(&["8.8.8.8/32", "2600::/128"]));
        let c = covers_internet(&missing);
        assert!(!c.v4_all && !c.v6_all && !c.is_open());
        assert!(c.v4_fraction < 1.0 && c.v4_fraction > 0.999_999);
        assert!(c.v6_fraction < 1.0 && c.v6_fraction > 0.999_999);
        assert!(broad_beyond(&c, 0.9));
    }

    #[test]
    fn private_space_is_not_internet() {
        let c = coverage(&["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]);
        assert!(!c.is_open());
        assert_eq!(c.v4_fraction, 0.0);
        assert_eq!(c.v6_fraction, 0.0);
        assert!(!broad_beyond(&c, 0.0));
    }

    #[test]
    fn public_slash_23_is_a_tiny_fraction() {
        let c = coverage(&["52.95.0.0/23"]);
        assert!(!c.is_open());
        let expected = 512.0 / internet().v4.len() as f64;
        assert_eq!(c.v4_fraction, expected);
        assert!(c.v4_fraction > 0.0 && c.v4_fraction < 1e-6);
        assert!(!broad_beyond(&c, 0.01));
    }

    #[test]
    fn public_host_addresses_are_neither_open_nor_broad() {
        let c = coverage(&[
            "8.8.8.8/32",
            "1.1.1.1/32",
            "203.0.114.7/32",
            "2606:4700::1111/128",
        ]);
        assert!(!c.is_open());
        assert!(c.v4_fraction > 0.0 && c.v4_fraction < 1e-9);
        assert!(c.v6_fraction > 0.0 && c.v6_fraction < 1e-30);
        assert!(!broad_beyond(&c, 0.001));
    }

    #[test]
    fn ipv6_everything_or_global_unicast_is_open() {
        for texts in [&["::/0"][..], &["2000::/3"], &["2000::/4", "3000::/4"]] {
            let c = coverage(texts);
            assert!(c.v6_all && c.is_open(), "{texts:?}");
            assert!(!c.v4_all);
            assert_eq!(c.v6_fraction, 1.0);
        }
        let c = coverage(&["2000::/4"]);
        assert!(!c.v6_all);
        assert!((c.v6_fraction - 0.5).abs() < 1e-3, "{}", c.v6_fraction);
    }

    #[test]
    fn internet_membership() {
        let v4 = internet().v4.clone();
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.0",
            "223.255.255.255",
        ] {
            assert!(v4.contains(public.parse().unwrap()), "{public}");
        }
        for special in [
            "0.1.2.3",
            "10.0.0.1",
            "100.64.0.1",
            "127.0.0.1",
            "169.254.169.254",
            "172.31.0.1",
            "192.0.0.9",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.19.0.1",
            "198.51.100.1",
            "203.0.113.1",
            "224.0.0.1",
            "239.255.255.255",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert!(!v4.contains(special.parse().unwrap()), "{special}");
        }
        let v6 = internet().v6.clone();
        for public in [
            "2600::1",
            "2a00:1450::1",
            "2002:808:808::1",
            "2001:200::1",
            "3ffe::1",
        ] {
            assert!(v6.contains(public.parse().unwrap()), "{public}");
        }
        for special in [
            "::",
            "::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "fc00::1",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "2001::1",
            "2001:1ff::1",
            "2001:db8::1",
            "3fff::1",
            "4000::1",
        ] {
            assert!(!v6.contains(special.parse().unwrap()), "{special}");
        }
    }

    #[test]
    fn internet_sizes_are_exact() {
        // 2^32 minus the excluded blocks, which are pairwise disjoint.
        let excluded: u64 = SPECIAL_PURPOSE_V4
            .iter()
            .map(|r| 1u64 << (32 - u32::from(r.prefix_len)))
            .sum();
        assert_eq!(internet().v4.len(), (1u64 << 32) - excluded);
        assert_eq!(
            internet().v6.to_cidrs().first().map(String::as_str),
            Some("2000::/16")
        );
    }

    #[test]
    fn special_tables_are_canonical() {
        for range in SPECIAL_PURPOSE_V4.iter().chain(SPECIAL_PURPOSE_V6) {
            let parsed = Cidr::parse(&range.to_string()).unwrap();
            assert!(parsed.is_canonical(), "{range}");
        }
    }

    #[test]
    fn broad_sets_say_what_they_leave_out() {
        let d = BroadShare::default();
        // 0.0.0.0/0 minus one public /8: broad, and the /8 is what is left out.
        let most = internet().difference(&set(&["1.0.0.0/8"]));
        let cov = covers_internet(&most);
        assert!(!cov.v4_all && cov.v4_broad(d) && cov.v6_all);
        assert_eq!(
            except_phrase(&left_out_of_internet(&most, d)),
            " except 1.0.0.0/8"
        );
        // The whole internet leaves nothing out.
        assert_eq!(
            except_phrase(&left_out_of_internet(&set(&["0.0.0.0/0"]), d)),
            ""
        );
        // The lower half of the address space holds more than half of the internet.
        assert!(coverage(&["0.0.0.0/1"]).v4_broad(d));
        let many = except_phrase(&left_out_of_internet(&set(&["0.0.0.0/1"]), d));
        assert!(
            many.starts_with(" except ") && many.ends_with("% of the internet)"),
            "{many}"
        );
        // A quarter, a /8, a /32 are not the internet.
        for narrow in [&["64.0.0.0/2"][..], &["1.0.0.0/8"], &["8.8.8.8/32"]] {
            let cov = coverage(narrow);
            assert!(!cov.v4_broad(d) && !cov.v6_broad(d), "{narrow:?}");
            assert!(left_out_of_internet(&set(narrow), d).is_empty());
        }
    }

    #[test]
    fn the_broad_share_is_a_setting() {
        // A quarter of the address space is about a quarter of the internet: broad when
        // the user says a fifth is enough, not at the default half.
        let quarter = coverage(&["64.0.0.0/2"]);
        assert!(!quarter.v4_broad(BroadShare::default()));
        let fifth = BroadShare::new(0.2).expect("valid");
        assert!(quarter.v4_broad(fifth) && !quarter.v6_broad(fifth));
        // At 1 only the whole internet counts.
        let all = BroadShare::new(1.0).expect("valid");
        assert!(!covers_internet(&internet().difference(&set(&["1.0.0.0/8"]))).v4_broad(all));
        assert!(coverage(&["0.0.0.0/0"]).v4_broad(all));
        assert_eq!("0.75".parse::<BroadShare>().map(BroadShare::get), Ok(0.75));
        for bad in ["0", "-0.5", "1.5", "NaN"] {
            let e = bad.parse::<BroadShare>().unwrap_err();
            assert!(e.contains("must be above 0 and at most 1"), "{bad}: {e}");
        }
        assert_eq!(
            "half".parse::<BroadShare>(),
            Err("internet share 'half' is not a number".to_string())
        );
    }
}
