//! Hash functions, `uuidv5`, and the functions whose results only exist after apply.
//!
//! SHA-256 and SHA-512 come from the `sha2` crate; MD5 and SHA-1 (needed by `md5`, `sha1`,
//! `filemd5`, `filesha1` and `uuidv5`) are small enough to implement here.

// The digests index fixed-size blocks and message schedules with loop-bounded constants
// (`0..16`, `16..80`, `chunks_exact(4)`), never with anything the input chooses.
#![allow(clippy::indexing_slicing)]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::Digest as _;

use super::{FnResult, arity, exact, fail, str_arg};
use crate::eval::value::Value;

#[derive(Clone, Copy)]
pub(crate) enum Digest {
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

impl Digest {
    pub(crate) fn of(self, data: &[u8]) -> Vec<u8> {
        match self {
            Digest::Md5 => md5_digest(data).to_vec(),
            Digest::Sha1 => sha1_digest(data).to_vec(),
            Digest::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Digest::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

fn hash_str(args: &[Value], digest: Digest, as_base64: bool) -> FnResult {
    let [v] = exact::<1>(args)?;
    known!(args, "str");
    let s = str_arg(v, "str")?;
    let sum = digest.of(s.as_bytes());
    Ok(Value::string(if as_base64 {
        base64(&sum)
    } else {
        hex(&sum)
    }))
}

pub(super) fn md5(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Md5, false)
}

pub(super) fn sha1(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Sha1, false)
}

pub(super) fn sha256(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Sha256, false)
}

pub(super) fn sha512(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Sha512, false)
}

pub(super) fn base64sha256(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Sha256, true)
}

pub(super) fn base64sha512(args: &[Value]) -> FnResult {
    hash_str(args, Digest::Sha512, true)
}

/// `uuid()`, `timestamp()`, `plantimestamp()` and `bcrypt(str, cost)` produce values that
/// differ on every run, so Terraform only knows them at apply time.
pub(super) fn apply_time(name: &str, args: &[Value]) -> FnResult {
    if name == "bcrypt" {
        arity(args, 1, Some(2))?;
        known!(args, "str", "cost");
    } else {
        arity(args, 0, Some(0))?;
    }
    Ok(Value::unknown(format!(
        "the result of {name}() is only known after apply"
    )))
}

/// `uuidv5(namespace, name)`: a name-based UUID (SHA-1), with the namespaces `dns`, `url`,
/// `oid`, `x500` or any UUID.
pub(super) fn uuidv5(args: &[Value]) -> FnResult {
    let [ns, name] = exact::<2>(args)?;
    known!(args, "namespace", "name");
    let ns = str_arg(ns, "namespace")?;
    let name = str_arg(name, "name")?;
    let ns_bytes = match &*ns {
        "dns" => parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        "url" => parse_uuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
        "oid" => parse_uuid("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
        "x500" => parse_uuid("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
        other => parse_uuid(other),
    }
    .ok_or_else(|| {
        let why = match ns.len() {
            32 | 36 | 38 | 45 => "invalid UUID format".to_string(),
            n => format!("invalid UUID length: {n}"),
        };
        fail(format!("uuidv5() doesn't support namespace {ns} ({why})"))
    })?;
    let mut data = ns_bytes.to_vec();
    data.extend_from_slice(name.as_bytes());
    let sum = sha1_digest(&data);
    let mut u = [0u8; 16];
    u.copy_from_slice(sum.get(..16).ok_or_else(|| fail("internal hash error"))?);
    u[6] = (u[6] & 0x0f) | 0x50;
    u[8] = (u[8] & 0x3f) | 0x80;
    Ok(Value::string(format_uuid(&u)))
}

/// Parses the UUID forms Go's `uuid.Parse` accepts: canonical, `urn:uuid:` prefixed,
/// braced, and 32 bare hex digits.
fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    let s = s.strip_prefix("urn:uuid:").unwrap_or(s);
    let s = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let hex_digits: String = match s.len() {
        36 => {
            let dashes = [8, 13, 18, 23];
            for (i, c) in s.char_indices() {
                if dashes.contains(&i) != (c == '-') {
                    return None;
                }
            }
            s.chars().filter(|c| *c != '-').collect()
        }
        32 => s.to_string(),
        _ => return None,
    };
    let mut out = [0u8; 16];
    for (i, slot) in out.iter_mut().enumerate() {
        let pair = hex_digits.get(i * 2..i * 2 + 2)?;
        *slot = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(out)
}

fn format_uuid(u: &[u8; 16]) -> String {
    let h = hex(u);
    format!(
        "{}-{}-{}-{}-{}",
        h.get(0..8).unwrap_or_default(),
        h.get(8..12).unwrap_or_default(),
        h.get(12..16).unwrap_or_default(),
        h.get(16..20).unwrap_or_default(),
        h.get(20..32).unwrap_or_default()
    )
}

/// Pads a message as MD5 and SHA-1 do: 0x80, zeros, then the bit length.
fn md_pad(data: &[u8], big_endian: bool) -> Vec<u8> {
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    if big_endian {
        msg.extend_from_slice(&bits.to_be_bytes());
    } else {
        msg.extend_from_slice(&bits.to_le_bytes());
    }
    msg
}

/// SHA-1 (FIPS 180-4).
pub(crate) fn sha1_digest(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    for chunk in md_pad(data, true).chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (o, word) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// MD5 (RFC 1321).
pub(crate) fn md5_digest(data: &[u8]) -> [u8; 16] {
    const S: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    // K[i] = floor(|sin(i + 1)| * 2^32).
    let k: Vec<u32> = (0..64)
        .map(|i| (f64::from(i + 1).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut h: [u32; 4] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476];
    for chunk in md_pad(data, false).chunks_exact(64) {
        let mut m = [0u32; 16];
        for (i, word) in chunk.chunks_exact(4).enumerate() {
            m[i] = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        }
        let [mut a, mut b, mut c, mut d] = h;
        for (i, ki) in k.iter().enumerate() {
            let (f, g) = match i {
                0..=15 => ((b & c) | (!b & d), i),
                16..=31 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                32..=47 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(*ki).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[(i / 16) * 4 + i % 4]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (o, word) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&word.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn digests_match_known_vectors() {
        assert_eq!(hex(&md5_digest(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&md5_digest(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            hex(&md5_digest(&[b'a'; 1000])),
            "cabe45dcc9ae5b66ba86600cca6b8ba8"
        );
        assert_eq!(
            hex(&sha1_digest(b"")),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            hex(&sha1_digest(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&sha1_digest(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
    }

    #[test]
    fn hash_functions() {
        assert_eq!(
            show("md5", &[s("hello world")]),
            "\"5eb63bbbe01eeed093cb22bb8f5acdc3\""
        );
        assert_eq!(
            show("sha1", &[s("hello world")]),
            "\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\""
        );
        assert_eq!(
            show("sha256", &[s("hello world")]),
            "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\""
        );
        assert_eq!(
            show("base64sha256", &[s("hello world")]),
            "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\""
        );
        assert!(
            show("sha512", &[s("hello world")]).starts_with("\"309ecc489c12d6eb4cc40f50c902f2b4")
        );
        assert!(show("base64sha512", &[s("")]).starts_with("\"z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="));
        assert_eq!(show("sha256", &[unk()]), "(unknown)");
        assert!(show("md5", &[null()]).contains("must not be null"));
    }

    #[test]
    fn uuidv5_is_deterministic() {
        assert_eq!(
            show("uuidv5", &[s("dns"), s("www.terraform.io")]),
            "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\""
        );
        assert_eq!(
            show("uuidv5", &[s("url"), s("https://www.terraform.io/")]),
            "\"9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5\""
        );
        assert_eq!(
            show(
                "uuidv5",
                &[
                    s("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                    s("www.terraform.io")
                ]
            ),
            "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\""
        );
        assert!(show("uuidv5", &[s("nope"), s("x")]).contains("doesn't support namespace"));
    }

    #[test]
    fn apply_time_values_are_unknown() {
        assert_eq!(show("uuid", &[]), "(unknown)");
        assert_eq!(show("timestamp", &[]), "(unknown)");
        assert_eq!(show("plantimestamp", &[]), "(unknown)");
        assert_eq!(show("bcrypt", &[s("pw")]), "(unknown)");
        assert!(show("uuid", &[s("x")]).contains("too many"));
    }
}
