//! CIDR functions, for IPv4 and IPv6, as Terraform computes them.
//!
//! Terraform parses prefixes with its fork of Go's `net.ParseCIDR`: IPv4 octets may have
//! leading zeros (read as decimal), and the address is reduced to its network address, so
//! `cidrsubnet("10.1.2.3/16", 8, 1)` is `10.1.1.0/24`. Addresses print as Go prints them:
//! IPv6 in RFC 5952 form, IPv4-mapped IPv6 addresses as dotted quads.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{FnError, FnResult, arity, bad_param, exact, fail, int_arg, num_arg, str_arg};
use crate::value::Value;

/// A parsed prefix: the network address, its length and the address size in bits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Net {
    addr: u128,
    prefix: u32,
    bits: u32,
}

fn all_ones(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

/// The mask of a `prefix`-bit network in a `bits`-bit address.
fn mask(prefix: u32, bits: u32) -> u128 {
    let host = bits.saturating_sub(prefix);
    all_ones(bits) & !all_ones(host)
}

/// Go's `dtoi`: decimal digits (leading zeros allowed), capped.
fn dtoi(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.bytes() {
        n = n.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
        if n >= 0xFF_FFFF {
            return None;
        }
    }
    Some(n)
}

fn parse_ipv4(s: &str) -> Option<u32> {
    let mut out: u32 = 0;
    let mut count = 0;
    for part in s.split('.') {
        let n = dtoi(part).filter(|n| *n <= 255)?;
        out = (out << 8) | n;
        count += 1;
    }
    (count == 4).then_some(out)
}

fn parse_cidr(s: &str) -> Result<Net, String> {
    let bad = || format!("invalid CIDR address: {s}");
    let (ip, len) = s.split_once('/').ok_or_else(bad)?;
    let (addr, bits) = match parse_ipv4(ip) {
        Some(v4) => (u128::from(v4), 32),
        None => (u128::from(ip.parse::<Ipv6Addr>().map_err(|_| bad())?), 128),
    };
    let prefix = dtoi(len).filter(|p| *p <= bits).ok_or_else(bad)?;
    Ok(Net {
        addr: addr & mask(prefix, bits),
        prefix,
        bits,
    })
}

fn invalid_cidr(e: String) -> FnError {
    fail(format!("invalid CIDR expression: {e}"))
}

fn is_v4_mapped(addr: u128) -> bool {
    addr >> 32 == 0xFFFF
}

/// An address as Go's `net.IP.String` writes it (Terraform's results): IPv4 and
/// IPv4-mapped IPv6 addresses in dotted decimal, other IPv6 addresses in RFC 5952 form
/// (lower-case hex, the longest run of two or more zero groups as `::`), which is what
/// std's `Ipv6Addr` Display writes.
fn format_ip(addr: u128, bits: u32) -> String {
    if bits == 32 || is_v4_mapped(addr) {
        return Ipv4Addr::from((addr & 0xFFFF_FFFF) as u32).to_string();
    }
    Ipv6Addr::from(addr).to_string()
}

fn format_net(n: Net) -> String {
    if n.bits == 128 && is_v4_mapped(n.addr) && n.prefix >= 96 {
        return format!("{}/{}", format_ip(n.addr, 128), n.prefix - 96);
    }
    format!("{}/{}", format_ip(n.addr, n.bits), n.prefix)
}

/// A whole number argument as an `i128` (Terraform reads these into a `big.Int`).
fn big_int_arg(v: &Value, param: &str) -> Result<i128, FnError> {
    let n = num_arg(v, param)?;
    if n.fract() != 0.0 || !n.is_finite() {
        return Err(bad_param(param, "value must be a whole number"));
    }
    if n.abs() >= 1.7e38 {
        return Err(bad_param(param, "value is too large"));
    }
    Ok(n as i128)
}

/// `cidrhost(prefix, hostnum)`: a negative host number counts back from the end of the
/// range (-1 is the last address).
pub(super) fn cidrhost(args: &[Value]) -> FnResult {
    let [prefix, hostnum] = exact::<2>(args)?;
    known!(args, "prefix", "hostnum");
    let num = big_int_arg(hostnum, "hostnum")?;
    let net = parse_cidr(&str_arg(prefix, "prefix")?).map_err(invalid_cidr)?;
    let max = all_ones(net.bits - net.prefix);
    let fits = |n: i128| u128::try_from(n).is_ok_and(|n| n <= max);
    let host = if num < 0 {
        // Go: num = max - (-num - 1).
        let back = -num - 1;
        if !fits(back) {
            let shown = i128::try_from(max).map_or(i128::MIN, |m| m - back);
            return Err(fail(format!(
                "prefix of {} does not accommodate a host numbered {shown}",
                net.prefix
            )));
        }
        max - back as u128
    } else {
        if !fits(num) {
            return Err(fail(format!(
                "prefix of {} does not accommodate a host numbered {num}",
                net.prefix
            )));
        }
        num as u128
    };
    Ok(Value::string(format_ip(net.addr | host, net.bits)))
}

/// `cidrnetmask(prefix)`: IPv4 only.
pub(super) fn cidrnetmask(args: &[Value]) -> FnResult {
    let [prefix] = exact::<1>(args)?;
    known!(args, "prefix");
    let s = str_arg(prefix, "prefix")?;
    let net = parse_cidr(&s).map_err(invalid_cidr)?;
    if net.bits != 32 {
        return Err(fail(format!("IPv6 addresses cannot have a netmask: {s}")));
    }
    Ok(Value::string(format_ip(mask(net.prefix, 32), 32)))
}

/// `cidrsubnet(prefix, newbits, netnum)`.
pub(super) fn cidrsubnet(args: &[Value]) -> FnResult {
    let [prefix, newbits, netnum] = exact::<3>(args)?;
    known!(args, "prefix", "newbits", "netnum");
    let newbits = int_arg(newbits, "newbits")?;
    let num = big_int_arg(netnum, "netnum")?;
    let net = parse_cidr(&str_arg(prefix, "prefix")?).map_err(invalid_cidr)?;
    let new_len = i64::from(net.prefix) + newbits;
    if new_len < 0 || new_len > i64::from(net.bits) {
        return Err(fail(format!(
            "insufficient address space to extend prefix of {} by {newbits}",
            net.prefix
        )));
    }
    let new_len = new_len as u32;
    // go-cidr computes the largest subnet number as a uint64, so a negative or 64-bit
    // extension admits any number up to 2^64 - 1 (and a negative extension shortens the
    // prefix without re-aligning the address: cidrsubnet("10.0.1.0/24", -1, 0) is
    // "10.0.1.0/23").
    let max = match u32::try_from(newbits) {
        Ok(b) if b < 64 => all_ones(b),
        _ => u128::from(u64::MAX),
    };
    if num < 0 || u128::try_from(num).map_or(true, |n| n > max) {
        return Err(fail(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {num}"
        )));
    }
    let shift = net.bits - new_len;
    let sub = if shift >= 128 {
        0
    } else {
        ((num as u128) << shift) & all_ones(net.bits)
    };
    Ok(Value::string(format_net(Net {
        addr: net.addr | sub,
        prefix: new_len,
        bits: net.bits,
    })))
}

/// `cidrsubnets(prefix, newbits...)`: consecutive subnets, each aligned to its own size,
/// all inside the prefix.
pub(super) fn cidrsubnets(args: &[Value]) -> FnResult {
    arity(args, 1, None)?;
    known!(args, "prefix", "newbits");
    let Some((prefix, lengths)) = args.split_first() else {
        return Err(fail("a prefix is required"));
    };
    let base = parse_cidr(&str_arg(prefix, "prefix")?)
        .map_err(|e| bad_param("prefix", format!("invalid CIDR expression: {e}")))?;
    let lengths = lengths
        .iter()
        .map(|l| int_arg(l, "newbits"))
        .collect::<Result<Vec<i64>, _>>()?;
    let Some(first) = lengths.first() else {
        return Ok(Value::list(Vec::new()));
    };
    let bits = base.bits;
    let modulus_mask = all_ones(bits);
    // Start from the subnet just before the base address, sized like the first subnet.
    let first_len = (i64::from(base.prefix) + first).clamp(0, i64::from(bits)) as u32;
    let mut current = Net {
        addr: base.addr.wrapping_sub(1) & modulus_mask & mask(first_len, bits),
        prefix: first_len,
        bits,
    };
    let mut out = Vec::with_capacity(lengths.len());
    for length in lengths {
        if length < 1 {
            return Err(bad_param(
                "newbits",
                "must extend prefix by at least one bit",
            ));
        }
        if length > 32 {
            return Err(bad_param(
                "newbits",
                "may not extend prefix by more than 32 bits",
            ));
        }
        let len = i64::from(base.prefix) + length;
        if len > i64::from(bits) {
            let protocol = if bits == 32 { "IPv4" } else { "IPv6" };
            return Err(bad_param(
                "newbits",
                format!(
                    "would extend prefix to {len} bits, which is too long for an {protocol} address"
                ),
            ));
        }
        let len = len as u32;
        // The subnet of the new size holding the last address of the current one, then
        // the one right after it.
        let last = current.addr | (modulus_mask & !mask(current.prefix, bits));
        let containing = last & mask(len, bits);
        let after = (containing | (modulus_mask & !mask(len, bits))).wrapping_add(1) & modulus_mask;
        let next = Net {
            addr: after & mask(len, bits),
            prefix: len,
            bits,
        };
        if after == 0 || next.addr & mask(base.prefix, bits) != base.addr {
            return Err(bad_param(
                "newbits",
                format!(
                    "not enough remaining address space for a subnet with a prefix of {len} bits after {}",
                    format_net(current)
                ),
            ));
        }
        current = next;
        out.push(Value::string(format_net(current)));
    }
    Ok(Value::list(out))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn parsing_and_printing() {
        assert_eq!(
            parse_cidr("10.1.2.3/16").map(format_net),
            Ok("10.1.0.0/16".into())
        );
        assert_eq!(
            parse_cidr("010.001.0.0/16").map(format_net),
            Ok("10.1.0.0/16".into())
        );
        assert_eq!(
            parse_cidr("fd00:0:0::1/64").map(format_net),
            Ok("fd00::/64".into())
        );
        assert_eq!(
            parse_cidr("0.0.0.0/0").map(format_net),
            Ok("0.0.0.0/0".into())
        );
        assert!(parse_cidr("10.0.0.0").is_err());
        assert!(parse_cidr("10.0.0.0/33").is_err());
        assert!(parse_cidr("10.0.0.256/8").is_err());
        assert!(parse_cidr("10.0.0/8").is_err());
        assert!(parse_cidr("::/129").is_err());
        assert_eq!(format_ip(1, 128), "::1");
        assert_eq!(format_ip(0, 128), "::");
        assert_eq!(
            format_ip(
                u128::from(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1)),
                128
            ),
            "2001:db8::1:0:0:1"
        );
        assert_eq!(
            format_ip(
                u128::from(Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)),
                128
            ),
            "2001:db8:0:1:1:1:1:1"
        );
        assert_eq!(format_ip(0xFFFF_0A00_0001, 128), "10.0.0.1");
    }

    #[test]
    fn cidrhost_cases() {
        assert_eq!(
            show("cidrhost", &[s("10.12.112.0/20"), n(16.0)]),
            "\"10.12.112.16\""
        );
        assert_eq!(
            show("cidrhost", &[s("10.12.112.0/20"), n(268.0)]),
            "\"10.12.113.12\""
        );
        assert_eq!(
            show("cidrhost", &[s("fd00:fd12:3456:7890:00a2::/72"), n(34.0)]),
            "\"fd00:fd12:3456:7890::22\""
        );
        assert_eq!(
            show("cidrhost", &[s("10.0.0.0/24"), n(-1.0)]),
            "\"10.0.0.255\""
        );
        assert_eq!(
            show("cidrhost", &[s("10.0.0.0/24"), n(-256.0)]),
            "\"10.0.0.0\""
        );
        assert!(
            show("cidrhost", &[s("10.0.0.0/24"), n(256.0)])
                .contains("prefix of 24 does not accommodate a host numbered 256")
        );
        assert!(
            show("cidrhost", &[s("10.0.0.0/24"), n(-257.0)])
                .contains("does not accommodate a host numbered -1")
        );
        assert!(show("cidrhost", &[s("10.0.0.0/24"), n(1.5)]).contains("whole number"));
        assert!(
            show("cidrhost", &[s("nope"), n(1.0)])
                .contains("invalid CIDR expression: invalid CIDR address: nope")
        );
        // RFC 5952 as `terraform console` answers: an IPv4-compatible address in hex, the
        // first of two equal zero runs compressed, a single zero group kept, and an
        // IPv4-mapped network in dotted form.
        for (prefix, host, want) in [
            ("::/96", 16_909_060.0, "\"::102:304\""),
            ("2001:db8:0:0:1::/80", 1.0, "\"2001:db8::1:0:0:1\""),
            ("2001:db8:0:1:1:1:1:0/112", 1.0, "\"2001:db8:0:1:1:1:1:1\""),
        ] {
            assert_eq!(show("cidrhost", &[s(prefix), n(host)]), want);
        }
        assert_eq!(
            show("cidrsubnet", &[s("::ffff:0:0/96"), n(8.0), n(10.0)]),
            "\"10.0.0.0/8\""
        );
        assert_eq!(
            show("cidrhost", &[s("::/0"), n(-1.0)]),
            "\"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\""
        );
        assert_eq!(show("cidrhost", &[unk(), n(1.0)]), "(unknown)");
    }

    #[test]
    fn cidrnetmask_cases() {
        assert_eq!(
            show("cidrnetmask", &[s("172.16.0.0/12")]),
            "\"255.240.0.0\""
        );
        assert_eq!(show("cidrnetmask", &[s("0.0.0.0/0")]), "\"0.0.0.0\"");
        assert_eq!(
            show("cidrnetmask", &[s("10.0.0.1/32")]),
            "\"255.255.255.255\""
        );
        assert!(
            show("cidrnetmask", &[s("::/64")])
                .contains("IPv6 addresses cannot have a netmask: ::/64")
        );
    }

    #[test]
    fn cidrsubnet_cases() {
        assert_eq!(
            show("cidrsubnet", &[s("172.16.0.0/12"), n(4.0), n(2.0)]),
            "\"172.18.0.0/16\""
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.1.2.0/24"), n(4.0), n(15.0)]),
            "\"10.1.2.240/28\""
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.1.2.3/16"), n(8.0), n(1.0)]),
            "\"10.1.1.0/24\""
        );
        assert_eq!(
            show(
                "cidrsubnet",
                &[s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)]
            ),
            "\"fd00:fd12:3456:7800:a200::/72\""
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.0.0.0/8"), n(0.0), n(0.0)]),
            "\"10.0.0.0/8\""
        );
        assert!(
            show("cidrsubnet", &[s("10.0.0.0/24"), n(4.0), n(16.0)])
                .contains("prefix extension of 4 does not accommodate a subnet numbered 16")
        );
        assert!(
            show("cidrsubnet", &[s("10.0.0.0/24"), n(9.0), n(0.0)])
                .contains("insufficient address space to extend prefix of 24 by 9")
        );
        assert!(
            show("cidrsubnet", &[s("10.0.0.0/24"), n(1.0), n(-1.0)])
                .contains("does not accommodate")
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.0.0.0/24"), n(-1.0), n(0.0)]),
            "\"10.0.0.0/23\""
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.0.1.0/24"), n(-1.0), n(0.0)]),
            "\"10.0.1.0/23\""
        );
        assert!(
            show("cidrsubnet", &[s("10.0.0.0/8"), n(-9.0), n(0.0)])
                .contains("insufficient address space")
        );
        assert_eq!(
            show("cidrsubnet", &[s("10.0.0.0/24"), s("2"), s("3")]),
            "\"10.0.0.192/26\""
        );
        assert_eq!(
            show("cidrsubnet", &[s("::/0"), n(100.0), n(3.0)]),
            "\"::3000:0/100\""
        );
    }

    #[test]
    fn cidrsubnets_cases() {
        assert_eq!(
            show(
                "cidrsubnets",
                &[s("10.1.0.0/16"), n(4.0), n(4.0), n(8.0), n(4.0)]
            ),
            "[\"10.1.0.0/20\", \"10.1.16.0/20\", \"10.1.32.0/24\", \"10.1.48.0/20\"]"
        );
        assert_eq!(
            show(
                "cidrsubnets",
                &[
                    s("fd00:fd12:3456:7890::/56"),
                    n(16.0),
                    n(16.0),
                    n(16.0),
                    n(32.0)
                ]
            ),
            "[\"fd00:fd12:3456:7800::/72\", \"fd00:fd12:3456:7800:100::/72\", \"fd00:fd12:3456:7800:200::/72\", \"fd00:fd12:3456:7800:300::/88\"]"
        );
        assert_eq!(show("cidrsubnets", &[s("10.0.0.0/8")]), "[]");
        // go-cidr treats the wrap-around before a base at address zero as running out of
        // space, so Terraform rejects any allocation from 0.0.0.0.
        assert!(
            show("cidrsubnets", &[s("0.0.0.0/0"), n(1.0), n(1.0)])
                .contains("prefix of 1 bits after 128.0.0.0/1")
        );
        assert_eq!(
            show("cidrsubnets", &[s("10.0.0.0/8"), n(1.0), n(1.0)]),
            "[\"10.0.0.0/9\", \"10.128.0.0/9\"]"
        );
        assert!(show("cidrsubnets", &[s("10.0.0.0/24"), n(1.0), n(1.0), n(1.0)]).contains("not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128/25"));
        assert!(show("cidrsubnets", &[s("10.0.0.0/24"), n(0.0)]).contains("at least one bit"));
        assert!(
            show("cidrsubnets", &[s("10.0.0.0/24"), n(9.0)])
                .contains("would extend prefix to 33 bits, which is too long for an IPv4 address")
        );
        assert!(show("cidrsubnets", &[s("::/0"), n(33.0)]).contains("more than 32 bits"));
        assert_eq!(show("cidrsubnets", &[s("10.0.0.0/8"), unk()]), "(unknown)");
    }
}
