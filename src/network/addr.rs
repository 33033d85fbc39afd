//! Exact sets of IPv4 and IPv6 addresses, and parsing of the CIDR strings
//! that AWS accepts in `cidr_blocks` / `ipv6_cidr_blocks`.
//!
//! Sets are stored as sorted disjoint intervals of the address viewed as an
//! unsigned integer (`u32` for IPv4, `u128` for IPv6), so every operation is
//! exact no matter how large the ranges are.

use std::error::Error;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::RangeInclusive;
use std::str::FromStr;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::intervals::Ranges;

/// An IP address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    /// IPv4: 32-bit addresses, prefix lengths 0..=32 (RFC 4632).
    Ipv4,
    /// IPv6: 128-bit addresses, prefix lengths 0..=128 (RFC 4291 §2.3).
    Ipv6,
}

impl Family {
    /// Address width in bits, which is also the largest valid prefix length.
    fn width(self) -> u8 {
        match self {
            Family::Ipv4 => 32,
            Family::Ipv6 => 128,
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Family::Ipv4 => "IPv4",
            Family::Ipv6 => "IPv6",
        })
    }
}

/// A parsed CIDR block such as `10.0.0.0/8` or `2001:db8::/32`.
///
/// AWS accepts a CIDR whose host bits are set (`10.0.0.1/8`) and treats it
/// as the enclosing network (`10.0.0.0/8`); Terraform's provider rejects such
/// strings for security-group rules. Both views are kept: [`Cidr::original`]
/// is the text as written, [`Cidr::network`]/[`Cidr::prefix_len`] (and
/// `Display`) are the normalised network, and [`Cidr::is_canonical`] tells
/// whether the two agree on the host bits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Cidr {
    original: String,
    network: IpAddr,
    prefix_len: u8,
    canonical: bool,
}

impl Cidr {
    /// Parses `address/prefix` the way the AWS EC2 API does.
    ///
    /// * IPv4: four decimal octets 0-255 without leading zeros (`010.0.0.0`
    ///   is rejected because some parsers read it as octal), prefix 0..=32.
    /// * IPv6: any RFC 4291 §2.2 textual form, including `::` compression and
    ///   an embedded dotted IPv4 tail (`::ffff:1.2.3.4`), prefix 0..=128. Zone
    ///   identifiers (`%eth0`) and brackets are rejected.
    /// * The prefix length is mandatory: AWS rejects a bare address in
    ///   `CidrIp`/`CidrIpv6`, so `10.0.0.1` yields
    ///   [`CidrErrorKind::MissingPrefix`].
    /// * Surrounding whitespace is rejected rather than trimmed, because AWS
    ///   does not trim it either.
    ///
    /// An address part containing `:` is treated as IPv6, anything else as
    /// IPv4; this only decides which error message a malformed string gets.
    pub fn parse(text: &str) -> Result<Cidr, CidrError> {
        // Nearly every CIDR of a configuration is a well-formed IPv4 block: it is read
        // in one pass over its bytes, and anything else takes the general path, which
        // also words the errors.
        if let Some((address, prefix_len)) = quick_ipv4(text.as_bytes()) {
            let address = IpAddr::V4(address);
            let network = mask_address(address, prefix_len);
            return Ok(Cidr {
                original: text.to_owned(),
                network,
                prefix_len,
                canonical: network == address,
            });
        }
        Cidr::parse_general(text)
    }

    /// Whether `text` is a CIDR without host bits set: [`Cidr::parse`] then
    /// [`Cidr::is_canonical`], `None` when it is no CIDR. A well-formed IPv4 block is
    /// judged without building the `Cidr` (and copying its text): the host-bits check
    /// asks this of every CIDR of the configuration, and reports only the few that fail.
    pub fn text_is_canonical(text: &str) -> Option<bool> {
        match quick_ipv4(text.as_bytes()) {
            Some((address, prefix_len)) => {
                let address = IpAddr::V4(address);
                Some(mask_address(address, prefix_len) == address)
            }
            None => Cidr::parse_general(text).ok().map(|c| c.canonical),
        }
    }

    /// [`Cidr::parse`] for any text: both families, and every error.
    fn parse_general(text: &str) -> Result<Cidr, CidrError> {
        if text.is_empty() {
            return Err(CidrError {
                input: String::new(),
                family: None,
                kind: CidrErrorKind::Empty,
            });
        }
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let family = if addr_text.contains(':') {
            Family::Ipv6
        } else {
            Family::Ipv4
        };
        let fail = |kind| CidrError {
            input: text.to_owned(),
            family: Some(family),
            kind,
        };
        if text.trim() != text {
            return Err(fail(CidrErrorKind::SurroundingWhitespace));
        }
        // The address is checked before the prefix so that `10.0.0.300`
        // reports the bad octet rather than only the missing prefix.
        let address = match family {
            Family::Ipv4 => IpAddr::V4(parse_ipv4(addr_text).map_err(fail)?),
            Family::Ipv6 => IpAddr::V6(
                Ipv6Addr::from_str(addr_text)
                    .map_err(|_| fail(CidrErrorKind::InvalidIpv6Address(addr_text.to_owned())))?,
            ),
        };
        let prefix_len = parse_prefix(prefix_text, family.width()).map_err(fail)?;
        let network = mask_address(address, prefix_len);
        Ok(Cidr {
            original: text.to_owned(),
            network,
            prefix_len,
            canonical: network == address,
        })
    }

    /// The text exactly as it was given to [`Cidr::parse`].
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The network address, i.e. the given address with its host bits cleared.
    pub fn network(&self) -> IpAddr {
        self.network
    }

    /// The prefix length (0..=32 for IPv4, 0..=128 for IPv6).
    pub fn prefix_len(&self) -> u8 {
        self.prefix_len
    }

    /// The first and last address of the block as integers (an IPv4 address in the low
    /// 32 bits); compare only blocks of the same [`Cidr::family`].
    pub fn span(&self) -> RangeInclusive<u128> {
        match self.network {
            IpAddr::V4(a) => prefix_span(u128::from(u32::from(a)), self.prefix_len, 32),
            IpAddr::V6(a) => prefix_span(u128::from(a), self.prefix_len, 128),
        }
    }

    /// The address family of the block.
    pub fn family(&self) -> Family {
        match self.network {
            IpAddr::V4(_) => Family::Ipv4,
            IpAddr::V6(_) => Family::Ipv6,
        }
    }

    /// Whether the original text had no host bits set (`10.0.0.0/8` yes,
    /// `10.0.0.1/8` no). Letter case and IPv6 zero compression do not matter.
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }
}

impl fmt::Display for Cidr {
    /// Writes the normalised network, e.g. `10.0.0.0/8` for `10.0.0.1/8`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix_len)
    }
}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(text: &str) -> Result<Cidr, CidrError> {
        Cidr::parse(text)
    }
}

/// Why a string is not a valid CIDR; `Display` gives a full sentence such as
/// `'10.0.0.300/8' is not a valid IPv4 CIDR: octet 300 is out of range (0-255)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CidrError {
    /// The rejected input, verbatim.
    pub input: String,
    /// The family the input looked like (`None` only for an empty string).
    pub family: Option<Family>,
    /// What exactly is wrong.
    pub kind: CidrErrorKind,
}

/// The specific defect found by [`Cidr::parse`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CidrErrorKind {
    /// The string is empty.
    Empty,
    /// The string starts or ends with whitespace.
    SurroundingWhitespace,
    /// A bare address: AWS requires `address/prefix` in CIDR fields.
    MissingPrefix,
    /// The prefix after `/` is not a plain decimal number (empty, signed,
    /// non-digit, or with a leading zero).
    InvalidPrefixLength(String),
    /// The prefix is a number larger than the address width.
    PrefixLengthOutOfRange {
        /// The prefix as written.
        prefix: String,
        /// The largest valid prefix for the family (32 or 128).
        max: u8,
    },
    /// An IPv4 address does not have exactly four dot-separated parts.
    WrongOctetCount(usize),
    /// An IPv4 octet is empty (`10..0.0`).
    EmptyOctet,
    /// An IPv4 octet contains something other than decimal digits.
    NonDecimalOctet(String),
    /// An IPv4 octet has a leading zero, which is ambiguous (octal or decimal).
    LeadingZeroOctet(String),
    /// An IPv4 octet is above 255.
    OctetOutOfRange(String),
    /// The part before `/` is not an IPv6 address in any RFC 4291 form.
    InvalidIpv6Address(String),
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family {
            Some(family) => write!(f, "'{}' is not a valid {family} CIDR: ", self.input)?,
            None => write!(f, "'{}' is not a valid CIDR: ", self.input)?,
        }
        match &self.kind {
            CidrErrorKind::Empty => f.write_str("it is empty"),
            CidrErrorKind::SurroundingWhitespace => {
                f.write_str("it has leading or trailing whitespace")
            }
            CidrErrorKind::MissingPrefix => f.write_str(
                "the prefix length is missing (AWS requires address/prefix, \
                 e.g. /32 or /128 for a single address)",
            ),
            CidrErrorKind::InvalidPrefixLength(prefix) => {
                write!(f, "prefix length '{prefix}' is not a plain decimal number")
            }
            CidrErrorKind::PrefixLengthOutOfRange { prefix, max } => {
                write!(f, "prefix length {prefix} is out of range (0-{max})")
            }
            CidrErrorKind::WrongOctetCount(count) => {
                write!(f, "expected 4 dot-separated octets, found {count}")
            }
            CidrErrorKind::EmptyOctet => f.write_str("an octet is empty"),
            CidrErrorKind::NonDecimalOctet(octet) => {
                write!(f, "octet '{octet}' is not a decimal number")
            }
            CidrErrorKind::LeadingZeroOctet(octet) => write!(
                f,
                "octet '{octet}' has a leading zero (ambiguous: octal or decimal)"
            ),
            CidrErrorKind::OctetOutOfRange(octet) => {
                write!(f, "octet {octet} is out of range (0-255)")
            }
            CidrErrorKind::InvalidIpv6Address(addr) => {
                write!(f, "'{addr}' is not a valid IPv6 address")
            }
        }
    }
}

impl Error for CidrError {}

fn is_decimal(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `a.b.c.d/p` exactly as [`Cidr::parse`] accepts an IPv4 block (four decimal octets
/// 0-255 without leading zeros, a decimal prefix 0-32 without a leading zero, nothing
/// else), in one pass; `None` for any other text, valid or not.
fn quick_ipv4(text: &[u8]) -> Option<(Ipv4Addr, u8)> {
    let mut octets = [0u8; 4];
    let mut filled = 0;
    // The number being read and how many digits it has.
    let mut value: u32 = 0;
    let mut digits = 0;
    let mut bytes = text.iter();
    for &b in bytes.by_ref() {
        match b {
            b'0'..=b'9' => {
                if digits == 1 && value == 0 {
                    return None;
                }
                value = value * 10 + u32::from(b - b'0');
                digits += 1;
                if value > 255 {
                    return None;
                }
            }
            b'.' | b'/' => {
                let octet = octets.get_mut(filled)?;
                if digits == 0 || (b == b'.') == (filled == 3) {
                    return None;
                }
                *octet = u8::try_from(value).ok()?;
                filled += 1;
                (value, digits) = (0, 0);
                if b == b'/' {
                    break;
                }
            }
            _ => return None,
        }
    }
    if filled != 4 {
        return None;
    }
    for &b in bytes {
        if !b.is_ascii_digit() || (digits == 1 && value == 0) {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
        digits += 1;
        if value > 32 {
            return None;
        }
    }
    let prefix = u8::try_from(value).ok()?;
    (digits > 0).then_some((Ipv4Addr::from(octets), prefix))
}

/// Strict dotted-quad parser: exactly four decimal octets, no leading zeros.
fn parse_ipv4(text: &str) -> Result<Ipv4Addr, CidrErrorKind> {
    let parts: Vec<&str> = text.split('.').collect();
    let [a, b, c, d] = parts.as_slice() else {
        return Err(CidrErrorKind::WrongOctetCount(parts.len()));
    };
    Ok(Ipv4Addr::new(
        parse_octet(a)?,
        parse_octet(b)?,
        parse_octet(c)?,
        parse_octet(d)?,
    ))
}

fn parse_octet(text: &str) -> Result<u8, CidrErrorKind> {
    if text.is_empty() {
        return Err(CidrErrorKind::EmptyOctet);
    }
    if !is_decimal(text) {
        return Err(CidrErrorKind::NonDecimalOctet(text.to_owned()));
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(CidrErrorKind::LeadingZeroOctet(text.to_owned()));
    }
    // The text is all digits, so parsing can only fail by overflowing u8.
    text.parse::<u8>()
        .map_err(|_| CidrErrorKind::OctetOutOfRange(text.to_owned()))
}

fn parse_prefix(text: Option<&str>, max: u8) -> Result<u8, CidrErrorKind> {
    let text = text.ok_or(CidrErrorKind::MissingPrefix)?;
    if !is_decimal(text) || (text.len() > 1 && text.starts_with('0')) {
        return Err(CidrErrorKind::InvalidPrefixLength(text.to_owned()));
    }
    let out_of_range = || CidrErrorKind::PrefixLengthOutOfRange {
        prefix: text.to_owned(),
        max,
    };
    // All digits, so a parse failure means the number overflowed u8.
    let prefix = text.parse::<u8>().map_err(|_| out_of_range())?;
    if prefix > max {
        return Err(out_of_range());
    }
    Ok(prefix)
}

/// Low `bits` bits set: the host part of a block with `width - bits` prefix.
fn low_mask(bits: u32) -> u128 {
    u128::MAX.checked_shr(128 - bits.min(128)).unwrap_or(0)
}

/// Inclusive address range of `network/prefix_len` in a `width`-bit family;
/// host bits of `network` are ignored and the prefix is clamped to `width`.
fn prefix_span(network: u128, prefix_len: u8, width: u8) -> RangeInclusive<u128> {
    let host = low_mask(u32::from(width.saturating_sub(prefix_len)));
    let start = network & !host;
    start..=start | host
}

/// Clears the host bits of `address` for the given prefix length.
fn mask_address(address: IpAddr, prefix_len: u8) -> IpAddr {
    match address {
        IpAddr::V4(a) => {
            let start = *prefix_span(u128::from(u32::from(a)), prefix_len, 32).start();
            IpAddr::V4(Ipv4Addr::from(narrow_v4(start)))
        }
        IpAddr::V6(a) => IpAddr::V6(Ipv6Addr::from(
            *prefix_span(u128::from(a), prefix_len, 128).start(),
        )),
    }
}

/// Converts a value computed in `u128` arithmetic back to an IPv4 integer.
fn narrow_v4(value: u128) -> u32 {
    u32::try_from(value).expect("IPv4 spans are computed from u32 inputs and stay below 2^32")
}

/// Splits `start..=end` of a `width`-bit space into the fewest aligned
/// prefix blocks, appending `(block start, prefix length)` pairs. Greedy from
/// the left is optimal: each step takes the largest block that is aligned at
/// the current start and does not pass `end`.
fn push_prefix_blocks(start: u128, end: u128, width: u8, out: &mut Vec<(u128, u8)>) {
    let width_bits = u32::from(width);
    let mut current = start;
    loop {
        let aligned = current.trailing_zeros().min(width_bits);
        // floor(log2(end - current + 1)); the count overflows u128 only for
        // the full IPv6 space, whose block is 128 bits.
        let fits = match (end - current).checked_add(1) {
            Some(count) => 127 - count.leading_zeros(),
            None => 128,
        };
        let bits = aligned.min(fits);
        let prefix =
            u8::try_from(width_bits - bits).expect("bits <= width <= 128, so the prefix fits u8");
        out.push((current, prefix));
        let last = current | low_mask(bits);
        if last >= end {
            break;
        }
        current = last + 1;
    }
}

/// Number of addresses in an [`Ipv6Set`].
///
/// The whole IPv6 space holds 2^128 addresses, one more than `u128::MAX`, so
/// that single case has its own variant instead of a lossy or saturating
/// number; every other set size is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Ipv6Count {
    /// Exactly this many addresses (always below 2^128).
    Exact(u128),
    /// Every IPv6 address: 2^128.
    Full,
}

impl Ipv6Count {
    /// The count as `f64`, rounded to 53 significant bits (exact up to 2^53).
    pub fn to_f64(self) -> f64 {
        match self {
            Ipv6Count::Exact(n) => n as f64,
            Ipv6Count::Full => 2f64.powi(128),
        }
    }
}

/// Writes a set as a JSON-style list of canonical CIDR strings.
fn serialize_cidrs<S: Serializer>(cidrs: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(cidrs.len()))?;
    for cidr in cidrs {
        seq.serialize_element(cidr)?;
    }
    seq.end()
}

/// Shared implementation of the per-family sets; `$int` is the integer view
/// of an address (`u32::from(Ipv4Addr)`, `u128::from(Ipv6Addr)`).
macro_rules! family_set {
    ($(#[$doc:meta])* $name:ident, $int:ty, $addr:ty, $width:expr, $render:path) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $name(Ranges<$int>);

        impl $name {
            /// The set with no addresses.
            pub fn empty() -> Self {
                Self(Ranges::new())
            }

            /// Every address of the family (`/0`).
            pub fn all() -> Self {
                Self::from_range(<$int>::MIN..=<$int>::MAX)
            }

            fn from_range(range: RangeInclusive<$int>) -> Self {
                Self(Ranges::from_range(range))
            }

            /// Addresses in `self` or `other`.
            pub fn union(&self, other: &Self) -> Self {
                Self(self.0.union(&other.0))
            }

            /// Addresses in both `self` and `other`.
            pub fn intersection(&self, other: &Self) -> Self {
                Self(self.0.intersection(&other.0))
            }

            /// Addresses in `self` but not in `other`.
            pub fn difference(&self, other: &Self) -> Self {
                Self(self.0.difference(&other.0))
            }

            /// How many addresses `self` and `other` share, counted by walking both
            /// interval lists instead of building the intersection (the internet
            /// coverage asks this of every rule's sources). Exact for IPv4; for IPv6
            /// the sum of the shared intervals, each rounded to `f64`.
            pub fn shared_count(&self, other: &Self) -> f64 {
                let mut a = self.0.ranges().peekable();
                let mut b = other.0.ranges().peekable();
                let mut total = 0.0;
                while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
                    let lo = (*x.start()).max(*y.start());
                    let hi = (*x.end()).min(*y.end());
                    if lo <= hi {
                        total += (hi - lo) as f64 + 1.0;
                    }
                    if x.end() < y.end() {
                        a.next();
                    } else {
                        b.next();
                    }
                }
                total
            }

            /// Whether every address of `self` is also in `other`.
            pub fn is_subset_of(&self, other: &Self) -> bool {
                self.0.is_subset(&other.0)
            }

            /// Whether `self` and `other` share an address, decided by walking both
            /// interval lists up to the first overlap.
            pub fn intersects(&self, other: &Self) -> bool {
                let mut a = self.0.ranges().peekable();
                let mut b = other.0.ranges().peekable();
                while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
                    if x.start().max(y.start()) <= x.end().min(y.end()) {
                        return true;
                    }
                    if x.end() < y.end() {
                        a.next();
                    } else {
                        b.next();
                    }
                }
                false
            }

            /// Whether `addr` is in the set.
            pub fn contains(&self, addr: $addr) -> bool {
                self.0.contains(<$int>::from(addr))
            }

            /// Whether the set has no addresses.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            /// Whether the set has every address of the family.
            pub fn is_all(&self) -> bool {
                self.0.is_universal()
            }

            /// The set as the shortest list of canonical CIDR strings, in
            /// ascending address order (e.g. `["0.0.0.0/1", "128.0.0.0/1"]`
            /// is rendered as `["0.0.0.0/0"]`).
            pub fn to_cidrs(&self) -> Vec<String> {
                let mut blocks = Vec::new();
                for range in self.0.ranges() {
                    push_prefix_blocks(
                        u128::from(*range.start()),
                        u128::from(*range.end()),
                        $width,
                        &mut blocks,
                    );
                }
                blocks
                    .into_iter()
                    .map(|(start, prefix)| format!("{}/{prefix}", $render(start)))
                    .collect()
            }
        }

        impl Serialize for $name {
            /// Serialised as the list returned by `to_cidrs`.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_cidrs(&self.to_cidrs(), serializer)
            }
        }
    };
}

fn render_v4(value: u128) -> Ipv4Addr {
    Ipv4Addr::from(narrow_v4(value))
}

fn render_v6(value: u128) -> Ipv6Addr {
    Ipv6Addr::from(value)
}

family_set!(
    /// An exact set of IPv4 addresses (intervals over `u32`).
    Ipv4Set,
    u32,
    Ipv4Addr,
    32,
    render_v4
);

family_set!(
    /// An exact set of IPv6 addresses (intervals over `u128`).
    Ipv6Set,
    u128,
    Ipv6Addr,
    128,
    render_v6
);

impl Ipv4Set {
    /// Number of addresses; at most 2^32, so `u64` is always exact.
    pub fn len(&self) -> u64 {
        // At most 2^32: no `u128` count of IPv4 addresses wraps, and each fits a `u64`.
        u64::try_from(self.0.len()).unwrap_or(u64::MAX)
    }
}

impl Ipv6Set {
    /// Number of addresses; see [`Ipv6Count`] for why this is not a `u128`.
    pub fn len(&self) -> Ipv6Count {
        if self.0.is_universal() {
            Ipv6Count::Full
        } else {
            Ipv6Count::Exact(self.0.len())
        }
    }
}

/// A set of addresses of both families, e.g. everything a security-group
/// rule's `cidr_blocks` and `ipv6_cidr_blocks` together allow. Operations act
/// on each family independently; use the fields for per-family sizes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AddrSet {
    /// The IPv4 part.
    pub v4: Ipv4Set,
    /// The IPv6 part.
    pub v6: Ipv6Set,
}

impl AddrSet {
    /// No addresses at all.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Every IPv4 and every IPv6 address (`0.0.0.0/0` plus `::/0`).
    pub fn all() -> Self {
        Self {
            v4: Ipv4Set::all(),
            v6: Ipv6Set::all(),
        }
    }

    /// The addresses of one CIDR block (its normalised network).
    pub fn from_cidr(cidr: &Cidr) -> Self {
        Self::from_prefix(cidr.network, cidr.prefix_len)
    }

    /// The union of several CIDR blocks, e.g. a rule's whole `cidr_blocks`.
    pub fn from_cidrs<'a>(cidrs: impl IntoIterator<Item = &'a Cidr>) -> Self {
        cidrs
            .into_iter()
            .fold(Self::empty(), |acc, cidr| acc.union(&Self::from_cidr(cidr)))
    }

    /// The block `network/prefix_len`; host bits are ignored and the prefix
    /// is clamped to the family width.
    pub(crate) fn from_prefix(network: IpAddr, prefix_len: u8) -> Self {
        match network {
            IpAddr::V4(a) => {
                let span = prefix_span(u128::from(u32::from(a)), prefix_len, 32);
                Self {
                    v4: Ipv4Set::from_range(narrow_v4(*span.start())..=narrow_v4(*span.end())),
                    v6: Ipv6Set::empty(),
                }
            }
            IpAddr::V6(a) => Self {
                v4: Ipv4Set::empty(),
                v6: Ipv6Set::from_range(prefix_span(u128::from(a), prefix_len, 128)),
            },
        }
    }

    /// Addresses in `self` or `other`.
    pub fn union(&self, other: &Self) -> Self {
        Self {
            v4: self.v4.union(&other.v4),
            v6: self.v6.union(&other.v6),
        }
    }

    /// Addresses in both `self` and `other`.
    pub fn intersection(&self, other: &Self) -> Self {
        Self {
            v4: self.v4.intersection(&other.v4),
            v6: self.v6.intersection(&other.v6),
        }
    }

    /// Whether `self` and `other` share an address (without building the intersection).
    pub fn intersects(&self, other: &Self) -> bool {
        self.v4.intersects(&other.v4) || self.v6.intersects(&other.v6)
    }

    /// Addresses in `self` but not in `other`.
    pub fn difference(&self, other: &Self) -> Self {
        Self {
            v4: self.v4.difference(&other.v4),
            v6: self.v6.difference(&other.v6),
        }
    }

    /// Whether every address of `self` (both families) is in `other`.
    pub fn is_subset_of(&self, other: &Self) -> bool {
        self.v4.is_subset_of(&other.v4) && self.v6.is_subset_of(&other.v6)
    }

    /// Whether `addr` is in the set.
    pub fn contains_addr(&self, addr: IpAddr) -> bool {
        match addr {
            IpAddr::V4(a) => self.v4.contains(a),
            IpAddr::V6(a) => self.v6.contains(a),
        }
    }

    /// Whether the set has no address of either family.
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// Shortest canonical CIDR list: the IPv4 blocks, then the IPv6 blocks.
    pub fn to_cidrs(&self) -> Vec<String> {
        let mut cidrs = self.v4.to_cidrs();
        cidrs.extend(self.v6.to_cidrs());
        cidrs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cidr(text: &str) -> Cidr {
        Cidr::parse(text).unwrap()
    }

    fn set(texts: &[&str]) -> AddrSet {
        AddrSet::from_cidrs(&texts.iter().map(|t| cidr(t)).collect::<Vec<_>>())
    }

    fn err(text: &str) -> CidrError {
        Cidr::parse(text).unwrap_err()
    }

    // ---- parsing -------------------------------------------------------

    #[test]
    fn parses_canonical_ipv4() {
        let c = cidr("10.0.0.0/8");
        assert_eq!(c.original(), "10.0.0.0/8");
        assert_eq!(c.network(), IpAddr::V4(Ipv4Addr::new(10, 0, 0, 0)));
        assert_eq!(c.prefix_len(), 8);
        assert_eq!(c.family(), Family::Ipv4);
        assert!(c.is_canonical());
        assert_eq!(c.to_string(), "10.0.0.0/8");
        assert_eq!(cidr("0.0.0.0/0").to_string(), "0.0.0.0/0");
        assert_eq!(cidr("255.255.255.255/32").to_string(), "255.255.255.255/32");
        assert_eq!("1.2.3.4/32".parse::<Cidr>().unwrap().prefix_len(), 32);
    }

    #[test]
    fn non_canonical_ipv4_is_normalised_and_flagged() {
        let c = cidr("10.0.0.1/8");
        assert!(!c.is_canonical());
        assert_eq!(c.original(), "10.0.0.1/8");
        assert_eq!(c.to_string(), "10.0.0.0/8");
        assert_eq!(AddrSet::from_cidr(&c), set(&["10.0.0.0/8"]));
        assert!(!cidr("1.2.3.4/0").is_canonical());
        assert_eq!(cidr("1.2.3.4/0").to_string(), "0.0.0.0/0");
    }

    #[test]
    fn rejects_leading_zero_octets() {
        let e = err("010.0.0.0/8");
        assert_eq!(e.kind, CidrErrorKind::LeadingZeroOctet("010".into()));
        assert_eq!(
            e.to_string(),
            "'010.0.0.0/8' is not a valid IPv4 CIDR: octet '010' has a leading zero \
             (ambiguous: octal or decimal)"
        );
        assert_eq!(
            err("10.0.0.00/32").kind,
            CidrErrorKind::LeadingZeroOctet("00".into())
        );
    }

    #[test]
    fn rejects_bad_octets() {
        let e = err("10.0.0.300/8");
        assert_eq!(e.kind, CidrErrorKind::OctetOutOfRange("300".into()));
        assert_eq!(
            e.to_string(),
            "'10.0.0.300/8' is not a valid IPv4 CIDR: octet 300 is out of range (0-255)"
        );
        assert_eq!(
            err("10.0.0.99999999999999999999/8").kind,
            CidrErrorKind::OctetOutOfRange("99999999999999999999".into())
        );
        assert_eq!(err("10.0.0/8").kind, CidrErrorKind::WrongOctetCount(3));
        assert_eq!(err("10.0.0.0.0/8").kind, CidrErrorKind::WrongOctetCount(5));
        assert_eq!(err("10..0.0/8").kind, CidrErrorKind::EmptyOctet);
        assert_eq!(
            err("10.0.0.+1/8").kind,
            CidrErrorKind::NonDecimalOctet("+1".into())
        );
        assert_eq!(
            err("10.0.0.a/8").kind,
            CidrErrorKind::NonDecimalOctet("a".into())
        );
        assert_eq!(
            err("10.0.0.0 /8").kind,
            CidrErrorKind::NonDecimalOctet("0 ".into())
        );
        assert_eq!(
            err("１0.0.0.0/8").kind,
            CidrErrorKind::NonDecimalOctet("１0".into())
        );
    }

    #[test]
    fn rejects_bad_prefixes() {
        assert_eq!(err("10.0.0.0").kind, CidrErrorKind::MissingPrefix);
        assert_eq!(err("2001:db8::1").kind, CidrErrorKind::MissingPrefix);
        assert_eq!(
            err("10.0.0.0").to_string(),
            "'10.0.0.0' is not a valid IPv4 CIDR: the prefix length is missing \
             (AWS requires address/prefix, e.g. /32 or /128 for a single address)"
        );
        assert_eq!(
            err("10.0.0.0/").kind,
            CidrErrorKind::InvalidPrefixLength(String::new())
        );
        assert_eq!(
            err("10.0.0.0/08").kind,
            CidrErrorKind::InvalidPrefixLength("08".into())
        );
        assert_eq!(
            err("10.0.0.0/-1").kind,
            CidrErrorKind::InvalidPrefixLength("-1".into())
        );
        assert_eq!(
            err("10.0.0.0/8/8").kind,
            CidrErrorKind::InvalidPrefixLength("8/8".into())
        );
        assert_eq!(
            err("10.0.0.0/33").kind,
            CidrErrorKind::PrefixLengthOutOfRange {
                prefix: "33".into(),
                max: 32
            }
        );
        assert_eq!(
            err("10.0.0.0/4294967296").to_string(),
            "'10.0.0.0/4294967296' is not a valid IPv4 CIDR: prefix length 4294967296 \
             is out of range (0-32)"
        );
        assert_eq!(
            err("::/129").kind,
            CidrErrorKind::PrefixLengthOutOfRange {
                prefix: "129".into(),
                max: 128
            }
        );
        assert_eq!(
            err("10.0.0.300").kind,
            CidrErrorKind::OctetOutOfRange("300".into())
        );
        let e = err("10.0.0.0/8:");
        assert_eq!(e.family, Some(Family::Ipv4));
        assert_eq!(e.kind, CidrErrorKind::InvalidPrefixLength("8:".into()));
    }

    #[test]
    fn rejects_empty_and_whitespace() {
        let e = err("");
        assert_eq!(e.kind, CidrErrorKind::Empty);
        assert_eq!(e.family, None);
        assert_eq!(e.to_string(), "'' is not a valid CIDR: it is empty");
        for text in [" 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0.0/8\n", "\t::/0"] {
            assert_eq!(
                err(text).kind,
                CidrErrorKind::SurroundingWhitespace,
                "{text:?}"
            );
        }
    }

    #[test]
    fn parses_ipv6_forms() {
        let all = cidr("::/0");
        assert_eq!(all.family(), Family::Ipv6);
        assert!(all.is_canonical());
        assert_eq!(AddrSet::from_cidr(&all).v6, Ipv6Set::all());

        let doc = cidr("2001:db8::/32");
        assert!(doc.is_canonical());
        assert_eq!(doc.to_string(), "2001:db8::/32");
        assert_eq!(cidr("2001:0DB8:0000::/32").to_string(), "2001:db8::/32");
        assert!(cidr("2001:0DB8:0000::/32").is_canonical());

        let mapped = cidr("::ffff:1.2.3.4/128");
        assert_eq!(mapped.family(), Family::Ipv6);
        assert_eq!(
            mapped.network(),
            IpAddr::V6(Ipv4Addr::new(1, 2, 3, 4).to_ipv6_mapped())
        );
        let mapped_set = AddrSet::from_cidr(&mapped);
        assert!(mapped_set.v4.is_empty());
        assert_eq!(mapped_set.v6.len(), Ipv6Count::Exact(1));

        let host_bits = cidr("2001:db8::1/64");
        assert!(!host_bits.is_canonical());
        assert_eq!(host_bits.to_string(), "2001:db8::/64");
        assert_eq!(
            cidr("1:2:3:4:5:6:7:8/128").to_string(),
            "1:2:3:4:5:6:7:8/128"
        );
    }

    #[test]
    fn rejects_bad_ipv6() {
        for text in [
            "2001:db8:::/32",
            "2001:db8::g/64",
            "fe80::1%eth0/64",
            "[::]/0",
            "1:2:3:4:5:6:7:8:9/128",
            "12345::/16",
            "::ffff:1.2.3.300/128",
            "::ffff:01.2.3.4/128",
        ] {
            assert!(
                matches!(err(text).kind, CidrErrorKind::InvalidIpv6Address(_)),
                "{text} should be rejected"
            );
        }
        assert_eq!(
            err("2001:db8:::/32").to_string(),
            "'2001:db8:::/32' is not a valid IPv6 CIDR: '2001:db8:::' is not a valid IPv6 address"
        );
    }

    // ---- set basics ----------------------------------------------------

    #[test]
    fn to_cidrs_merges_halves() {
        assert_eq!(
            set(&["0.0.0.0/1", "128.0.0.0/1"]).to_cidrs(),
            vec!["0.0.0.0/0"]
        );
        assert_eq!(set(&["::/1", "8000::/1"]).to_cidrs(), vec!["::/0"]);
        assert_eq!(
            set(&["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/32"]).to_cidrs(),
            vec!["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/32"]
        );
        assert_eq!(
            set(&["10.0.0.0/8", "2001:db8::/32"]).to_cidrs(),
            vec!["10.0.0.0/8", "2001:db8::/32"]
        );
        assert!(AddrSet::empty().to_cidrs().is_empty());
        assert_eq!(
            AddrSet::all().to_cidrs(),
            vec!["0.0.0.0/0".to_string(), "::/0".to_string()]
        );
    }

    #[test]
    fn lengths_at_the_extremes() {
        assert_eq!(Ipv4Set::all().len(), 1 << 32);
        assert_eq!(Ipv4Set::empty().len(), 0);
        assert_eq!(Ipv6Set::all().len(), Ipv6Count::Full);
        assert_eq!(Ipv6Set::all().len().to_f64(), 2f64.powi(128));
        assert_eq!(set(&["::/1"]).v6.len(), Ipv6Count::Exact(1u128 << 127));
        let almost_all = Ipv6Set::all().difference(&set(&["::/128"]).v6);
        assert_eq!(almost_all.len(), Ipv6Count::Exact(u128::MAX));
        assert!(Ipv6Count::Exact(u128::MAX) < Ipv6Count::Full);
    }

    #[test]
    fn addr_set_combines_families() {
        let s = set(&["10.0.0.0/8", "2001:db8::/32"]);
        assert!(s.contains_addr("10.1.2.3".parse().unwrap()));
        assert!(s.contains_addr("2001:db8::42".parse().unwrap()));
        assert!(!s.contains_addr("11.0.0.0".parse().unwrap()));
        assert!(!s.contains_addr("::ffff:10.1.2.3".parse().unwrap()));
        assert!(set(&["10.0.0.0/16"]).is_subset_of(&s));
        assert!(!set(&["10.0.0.0/16", "::/0"]).is_subset_of(&s));
        assert!(s.difference(&s).is_empty());
        assert!(!s.is_empty());
        assert!(AddrSet::all().v4.is_all() && AddrSet::all().v6.is_all());
    }

    // ---- brute-force models -------------------------------------------

    /// Reference model: a sorted list of disjoint, non-adjacent inclusive
    /// intervals over `0..=max`, computed without range-set-blaze.
    #[derive(Clone, Debug, PartialEq)]
    struct Intervals {
        max: u128,
        items: Vec<(u128, u128)>,
    }

    impl Intervals {
        fn new(max: u128, mut raw: Vec<(u128, u128)>) -> Self {
            raw.sort();
            let mut items: Vec<(u128, u128)> = Vec::new();
            for (s, e) in raw {
                match items.last_mut() {
                    Some(last) if last.1.checked_add(1).is_none_or(|n| n >= s) => {
                        last.1 = last.1.max(e);
                    }
                    _ => items.push((s, e)),
                }
            }
            Intervals { max, items }
        }

        fn complement(&self) -> Self {
            let mut raw = Vec::new();
            let mut next = Some(0u128);
            for &(s, e) in &self.items {
                if let Some(n) = next
                    && n < s
                {
                    raw.push((n, s - 1));
                }
                next = e.checked_add(1).filter(|&n| n <= self.max);
            }
            if let Some(n) = next {
                raw.push((n, self.max));
            }
            Intervals::new(self.max, raw)
        }

        fn union(&self, other: &Self) -> Self {
            let mut raw = self.items.clone();
            raw.extend(&other.items);
            Intervals::new(self.max, raw)
        }

        fn intersection(&self, other: &Self) -> Self {
            let mut raw = Vec::new();
            for &(a, b) in &self.items {
                for &(c, d) in &other.items {
                    let (s, e) = (a.max(c), b.min(d));
                    if s <= e {
                        raw.push((s, e));
                    }
                }
            }
            Intervals::new(self.max, raw)
        }

        fn difference(&self, other: &Self) -> Self {
            self.intersection(&other.complement())
        }

        fn contains(&self, x: u128) -> bool {
            self.items.iter().any(|&(s, e)| s <= x && x <= e)
        }

        /// Size, or `None` when it is 2^128.
        fn len(&self) -> Option<u128> {
            self.items.iter().try_fold(0u128, |acc, &(s, e)| {
                (e - s).checked_add(1)?.checked_add(acc)
            })
        }

        /// Interesting probe points: every boundary and its neighbours.
        fn probes(&self) -> Vec<u128> {
            let mut out = vec![0, self.max];
            for &(s, e) in &self.items {
                out.extend([s, e]);
                out.extend(s.checked_sub(1));
                out.extend(e.checked_add(1).filter(|&n| n <= self.max));
            }
            out
        }
    }

    fn v4_model(cidrs: &[Cidr]) -> Intervals {
        Intervals::new(
            u128::from(u32::MAX),
            cidrs.iter().map(|c| model_span(c, 32)).collect(),
        )
    }

    fn v6_model(cidrs: &[Cidr]) -> Intervals {
        Intervals::new(
            u128::MAX,
            cidrs.iter().map(|c| model_span(c, 128)).collect(),
        )
    }

    /// Independent CIDR → interval computation using plain shifts.
    fn model_span(c: &Cidr, width: u32) -> (u128, u128) {
        let value = match c.network() {
            IpAddr::V4(a) => u128::from(u32::from(a)),
            IpAddr::V6(a) => u128::from(a),
        };
        let host_bits = width - u32::from(c.prefix_len());
        let size_minus_one = if host_bits == 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        };
        (value, value + size_minus_one)
    }

    fn v4_cidr_text(addr: u32, prefix: u8) -> String {
        format!("{}/{prefix}", Ipv4Addr::from(addr))
    }

    fn v6_cidr_text(addr: u128, prefix: u8) -> String {
        format!("{}/{prefix}", Ipv6Addr::from(addr))
    }

    /// Random IPv4 CIDR anywhere; host bits are often set, exercising
    /// normalisation too. Short prefixes are frequent so blocks overlap.
    fn any_v4_cidr() -> impl Strategy<Value = Cidr> {
        (any::<u32>(), 0u8..=32).prop_map(|(a, p)| Cidr::parse(&v4_cidr_text(a, p)).unwrap())
    }

    /// Random IPv6 CIDR anywhere, with addresses clustered near the ends of
    /// the space and around 2000::/3 so that blocks meet and overlap.
    fn any_v6_cidr() -> impl Strategy<Value = Cidr> {
        let addr = prop_oneof![
            any::<u128>(),
            any::<u16>().prop_map(u128::from),
            any::<u16>().prop_map(|x| u128::MAX - u128::from(x)),
            any::<u64>().prop_map(|x| (0x2000u128 << 112) | u128::from(x)),
        ];
        (addr, 0u8..=128).prop_map(|(a, p)| Cidr::parse(&v6_cidr_text(a, p)).unwrap())
    }

    /// CIDRs inside 10.0.0.0/24 (prefix 24..=32): a 256-address universe.
    fn small_v4_cidr() -> impl Strategy<Value = Cidr> {
        (any::<u8>(), 24u8..=32).prop_map(|(a, p)| Cidr::parse(&format!("10.0.0.{a}/{p}")).unwrap())
    }

    /// CIDRs inside 2001:db8::/120 (prefix 120..=128): 256 addresses.
    fn small_v6_cidr() -> impl Strategy<Value = Cidr> {
        (any::<u8>(), 120u8..=128)
            .prop_map(|(a, p)| Cidr::parse(&format!("2001:db8::{a:x}/{p}")).unwrap())
    }

    const SMALL_V4_BASE: u32 = 0x0a00_0000;
    const SMALL_V6_BASE: u128 = 0x2001_0db8 << 96;

    /// Membership of each of the 256 universe addresses, by brute force.
    fn bitmap(cidrs: &[Cidr]) -> [bool; 256] {
        let mut bits = [false; 256];
        for c in cidrs {
            let last_octet = match c.network() {
                IpAddr::V4(a) => a.octets()[3],
                IpAddr::V6(a) => a.octets()[15],
            };
            let size = 1usize << (c.family().width() - c.prefix_len());
            let start = usize::from(last_octet);
            for bit in &mut bits[start..start + size] {
                *bit = true;
            }
        }
        bits
    }

    /// Number of maximal aligned blocks inside the set: the minimum number
    /// of CIDRs that can describe it exactly.
    fn minimal_block_count(bits: &[bool; 256]) -> usize {
        let inside = |start: usize, size: usize| bits[start..start + size].iter().all(|&b| b);
        let mut count = 0;
        for log in 0..=8u32 {
            let size = 1usize << log;
            for start in (0..256).step_by(size) {
                let parent_size = size * 2;
                let parent_start = start - start % parent_size;
                let parent_inside = parent_size <= 256 && inside(parent_start, parent_size);
                if inside(start, size) && !parent_inside {
                    count += 1;
                }
            }
        }
        count
    }

    fn check_to_cidrs_round_trip(s: &AddrSet) -> Result<(), TestCaseError> {
        let texts = s.to_cidrs();
        let parsed: Vec<Cidr> = texts.iter().map(|t| Cidr::parse(t).unwrap()).collect();
        for (text, c) in texts.iter().zip(&parsed) {
            prop_assert!(c.is_canonical(), "{} is not canonical", text);
            prop_assert_eq!(text, &c.to_string());
        }
        prop_assert_eq!(&AddrSet::from_cidrs(&parsed), s);
        // Blocks are disjoint, ascending, and no two are mergeable siblings
        // (same size, adjacent, and together aligned to the parent size).
        for pair in parsed.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.family() != b.family() {
                continue;
            }
            let width = u32::from(a.family().width());
            let (a_start, a_end) = model_span(a, width);
            let (b_start, _) = model_span(b, width);
            prop_assert!(a_end < b_start, "{} and {} overlap or are unordered", a, b);
            let siblings = a.prefix_len() == b.prefix_len()
                && a.prefix_len() > 0
                && a_end.checked_add(1) == Some(b_start)
                && (a_start >> (width - u32::from(a.prefix_len()))) % 2 == 0;
            prop_assert!(!siblings, "{} and {} should have been merged", a, b);
        }
        Ok(())
    }

    fn check_against_intervals(
        a: &Intervals,
        b: &Intervals,
        sa: &AddrSet,
        sb: &AddrSet,
        to_set: impl Fn(&Intervals) -> AddrSet,
        contains: impl Fn(&AddrSet, u128) -> bool,
        len: impl Fn(&AddrSet) -> Option<u128>,
    ) -> Result<(), TestCaseError> {
        prop_assert_eq!(&to_set(a), sa);
        prop_assert_eq!(&to_set(b), sb);
        prop_assert_eq!(sa.union(sb), to_set(&a.union(b)));
        prop_assert_eq!(sa.intersection(sb), to_set(&a.intersection(b)));
        prop_assert_eq!(sa.difference(sb), to_set(&a.difference(b)));
        prop_assert_eq!(sb.difference(sa), to_set(&b.difference(a)));
        prop_assert_eq!(sa.is_subset_of(sb), a.difference(b).items.is_empty());
        prop_assert_eq!(sb.is_subset_of(sa), b.difference(a).items.is_empty());
        prop_assert_eq!(sa.is_empty(), a.items.is_empty());
        prop_assert_eq!(len(sa), a.len());
        prop_assert_eq!(len(&sa.union(sb)), a.union(b).len());
        for x in a.probes().into_iter().chain(b.probes()) {
            prop_assert_eq!(contains(sa, x), a.contains(x), "probe {}", x);
            prop_assert_eq!(contains(sb, x), b.contains(x), "probe {}", x);
        }
        Ok(())
    }

    /// Builds the set from model intervals through CIDR text, independently
    /// of the code under test's range handling.
    fn v4_set_from_model(m: &Intervals) -> AddrSet {
        let mut s = AddrSet::empty();
        for &(start, end) in &m.items {
            let mut blocks = Vec::new();
            model_blocks(start, end, 32, &mut blocks);
            for (b, p) in blocks {
                let text = v4_cidr_text(u32::try_from(b).unwrap(), p);
                s = s.union(&AddrSet::from_cidr(&cidr(&text)));
            }
        }
        s
    }

    fn v6_set_from_model(m: &Intervals) -> AddrSet {
        let mut s = AddrSet::empty();
        for &(start, end) in &m.items {
            let mut blocks = Vec::new();
            model_blocks(start, end, 128, &mut blocks);
            for (b, p) in blocks {
                s = s.union(&AddrSet::from_cidr(&cidr(&v6_cidr_text(b, p))));
            }
        }
        s
    }

    /// Recursive (divide at the midpoint) block decomposition, deliberately
    /// different from the greedy one in the code under test.
    fn model_blocks(start: u128, end: u128, width: u32, out: &mut Vec<(u128, u8)>) {
        fn go(lo: u128, bits: u32, start: u128, end: u128, width: u32, out: &mut Vec<(u128, u8)>) {
            let hi = if bits == 128 {
                u128::MAX
            } else {
                lo + ((1u128 << bits) - 1)
            };
            if end < lo || hi < start {
                return;
            }
            if start <= lo && hi <= end {
                out.push((lo, u8::try_from(width - bits).unwrap()));
                return;
            }
            let half = 1u128 << (bits - 1);
            go(lo, bits - 1, start, end, width, out);
            go(lo + half, bits - 1, start, end, width, out);
        }
        go(0, width, start, end, width, out);
    }

    fn v4_contains(s: &AddrSet, x: u128) -> bool {
        s.v4.contains(Ipv4Addr::from(u32::try_from(x).unwrap()))
    }

    fn v6_contains(s: &AddrSet, x: u128) -> bool {
        s.v6.contains(Ipv6Addr::from(x))
    }

    fn v4_len(s: &AddrSet) -> Option<u128> {
        Some(u128::from(s.v4.len()))
    }

    fn v6_len(s: &AddrSet) -> Option<u128> {
        match s.v6.len() {
            Ipv6Count::Exact(n) => Some(n),
            Ipv6Count::Full => None,
        }
    }

    fn check_small_universe(
        a: &[Cidr],
        b: &[Cidr],
        contains: impl Fn(&AddrSet, u8) -> bool,
        outside: &[IpAddr],
    ) -> Result<(), TestCaseError> {
        let (sa, sb) = (AddrSet::from_cidrs(a), AddrSet::from_cidrs(b));
        let (ma, mb) = (bitmap(a), bitmap(b));
        let (union, inter, diff) = (sa.union(&sb), sa.intersection(&sb), sa.difference(&sb));
        for i in 0..=255u8 {
            let (x, y) = (ma[usize::from(i)], mb[usize::from(i)]);
            prop_assert_eq!(contains(&sa, i), x);
            prop_assert_eq!(contains(&union, i), x || y);
            prop_assert_eq!(contains(&inter, i), x && y);
            prop_assert_eq!(contains(&diff, i), x && !y);
        }
        for &addr in outside {
            for s in [&sa, &union, &inter, &diff] {
                prop_assert!(!s.contains_addr(addr));
            }
        }
        let subset = ma.iter().zip(&mb).all(|(&x, &y)| !x || y);
        prop_assert_eq!(sa.is_subset_of(&sb), subset);
        prop_assert_eq!(sa.is_empty(), !ma.contains(&true));
        let count = ma.iter().filter(|&&x| x).count() as u128;
        prop_assert_eq!(v4_len(&sa).unwrap_or(0) + v6_len(&sa).unwrap_or(0), count);
        prop_assert_eq!(sa.to_cidrs().len(), minimal_block_count(&ma));
        let mu: Vec<bool> = ma.iter().zip(&mb).map(|(&x, &y)| x || y).collect();
        let mu: [bool; 256] = mu.try_into().unwrap();
        prop_assert_eq!(union.to_cidrs().len(), minimal_block_count(&mu));
        check_to_cidrs_round_trip(&sa)?;
        check_to_cidrs_round_trip(&union)?;
        check_to_cidrs_round_trip(&diff)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn v4_small_universe_matches_brute_force(
            a in proptest::collection::vec(small_v4_cidr(), 0..6),
            b in proptest::collection::vec(small_v4_cidr(), 0..6),
        ) {
            let outside = [
                IpAddr::V4(Ipv4Addr::from(SMALL_V4_BASE - 1)),
                IpAddr::V4(Ipv4Addr::from(SMALL_V4_BASE + 256)),
            ];
            check_small_universe(
                &a,
                &b,
                |s, i| s.v4.contains(Ipv4Addr::from(SMALL_V4_BASE + u32::from(i))),
                &outside,
            )?;
        }

        #[test]
        fn v6_small_universe_matches_brute_force(
            a in proptest::collection::vec(small_v6_cidr(), 0..6),
            b in proptest::collection::vec(small_v6_cidr(), 0..6),
        ) {
            let outside = [
                IpAddr::V6(Ipv6Addr::from(SMALL_V6_BASE - 1)),
                IpAddr::V6(Ipv6Addr::from(SMALL_V6_BASE + 256)),
            ];
            check_small_universe(
                &a,
                &b,
                |s, i| s.v6.contains(Ipv6Addr::from(SMALL_V6_BASE + u128::from(i))),
                &outside,
            )?;
        }

        #[test]
        fn shared_count_is_the_size_of_the_intersection(
            a in proptest::collection::vec(any_v4_cidr(), 0..6),
            b in proptest::collection::vec(any_v4_cidr(), 0..6),
            c in proptest::collection::vec(any_v6_cidr(), 0..6),
            d in proptest::collection::vec(any_v6_cidr(), 0..6),
        ) {
            let (sa, sb) = (AddrSet::from_cidrs(&a), AddrSet::from_cidrs(&b));
            prop_assert_eq!(sa.v4.shared_count(&sb.v4), sa.v4.intersection(&sb.v4).len() as f64);
            let (sc, sd) = (AddrSet::from_cidrs(&c), AddrSet::from_cidrs(&d));
            let exact = sc.v6.intersection(&sd.v6).len().to_f64();
            let walked = sc.v6.shared_count(&sd.v6);
            prop_assert!((walked - exact).abs() <= exact * 1e-12, "{} vs {}", walked, exact);
            prop_assert_eq!(sa.intersects(&sb), !sa.intersection(&sb).is_empty());
            prop_assert_eq!(sc.intersects(&sd), !sc.intersection(&sd).is_empty());
        }

        #[test]
        fn v4_full_range_matches_interval_model(
            a in proptest::collection::vec(any_v4_cidr(), 0..6),
            b in proptest::collection::vec(any_v4_cidr(), 0..6),
        ) {
            let (sa, sb) = (AddrSet::from_cidrs(&a), AddrSet::from_cidrs(&b));
            check_against_intervals(
                &v4_model(&a), &v4_model(&b), &sa, &sb,
                v4_set_from_model, v4_contains, v4_len,
            )?;
            check_to_cidrs_round_trip(&sa)?;
            check_to_cidrs_round_trip(&sa.difference(&sb))?;
            prop_assert!(sa.v6.is_empty());
        }

        #[test]
        fn v6_full_range_matches_interval_model(
            a in proptest::collection::vec(any_v6_cidr(), 0..6),
            b in proptest::collection::vec(any_v6_cidr(), 0..6),
        ) {
            let (sa, sb) = (AddrSet::from_cidrs(&a), AddrSet::from_cidrs(&b));
            check_against_intervals(
                &v6_model(&a), &v6_model(&b), &sa, &sb,
                v6_set_from_model, v6_contains, v6_len,
            )?;
            check_to_cidrs_round_trip(&sa)?;
            check_to_cidrs_round_trip(&sa.difference(&sb))?;
            prop_assert!(sa.v4.is_empty());
        }

        #[test]
        fn mixed_families_operate_independently(
            a4 in proptest::collection::vec(any_v4_cidr(), 0..4),
            a6 in proptest::collection::vec(any_v6_cidr(), 0..4),
            b4 in proptest::collection::vec(any_v4_cidr(), 0..4),
            b6 in proptest::collection::vec(any_v6_cidr(), 0..4),
        ) {
            let a = AddrSet::from_cidrs(a4.iter().chain(&a6));
            let b = AddrSet::from_cidrs(b4.iter().chain(&b6));
            let (a4, a6) = (AddrSet::from_cidrs(&a4), AddrSet::from_cidrs(&a6));
            let (b4, b6) = (AddrSet::from_cidrs(&b4), AddrSet::from_cidrs(&b6));
            prop_assert_eq!(&a.v4, &a4.v4);
            prop_assert_eq!(&a.v6, &a6.v6);
            prop_assert_eq!(a.union(&b).v4, a4.v4.union(&b4.v4));
            prop_assert_eq!(a.intersection(&b).v6, a6.v6.intersection(&b6.v6));
            prop_assert_eq!(a.difference(&b).v4, a4.v4.difference(&b4.v4));
            prop_assert_eq!(
                a.is_subset_of(&b),
                a4.v4.is_subset_of(&b4.v4) && a6.v6.is_subset_of(&b6.v6)
            );
            let mut expected = a4.v4.to_cidrs();
            expected.extend(a6.v6.to_cidrs());
            prop_assert_eq!(a.to_cidrs(), expected);
            check_to_cidrs_round_trip(&a)?;
        }

        #[test]
        fn quick_ipv4_agrees_with_the_general_parser(
            text in prop_oneof![
                "[0-9./ :]{0,22}",
                "((0|00|01|7|10|99|100|199|249|250|255|256|260|300|1000|)[./]){0,5}\
                 (0|00|01|7|10|255|256|)(/(0|00|01|9|10|24|32|33|99|128|)){0,2}",
            ]
        ) {
            let general = Cidr::parse_general(&text);
            let quick = quick_ipv4(text.as_bytes());
            match (&general, quick) {
                (Ok(c), Some((address, prefix))) => {
                    prop_assert_eq!(Cidr::text_is_canonical(&text), Some(c.is_canonical()));
                    prop_assert_eq!(c.network(), mask_address(IpAddr::V4(address), prefix));
                    prop_assert_eq!(c.prefix_len(), prefix);
                    prop_assert_eq!(Cidr::parse(&text), general.clone());
                }
                (Ok(c), None) => {
                    prop_assert_eq!(c.family(), Family::Ipv6);
                    prop_assert_eq!(Cidr::text_is_canonical(&text), Some(c.is_canonical()));
                }
                (Err(_), None) => {
                    prop_assert_eq!(Cidr::parse(&text), general.clone());
                    prop_assert_eq!(Cidr::text_is_canonical(&text), None);
                }
                (Err(e), Some(_)) => prop_assert!(false, "quick path accepts {text:?}: {e}"),
            }
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = Cidr::parse(&text);
        }

        #[test]
        fn parse_never_panics_on_cidr_like_text(text in "[0-9a-fA-F:./ %-]{0,45}") {
            if let Ok(c) = Cidr::parse(&text) {
                prop_assert_eq!(c.original(), text.as_str());
                let normal = Cidr::parse(&c.to_string()).unwrap();
                prop_assert!(normal.is_canonical());
                prop_assert_eq!(AddrSet::from_cidr(&normal), AddrSet::from_cidr(&c));
            }
        }
    }
}
