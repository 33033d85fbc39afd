//! Hash functions, `uuidv5`, and the functions whose results only exist after apply.
//!
//! The digests come from the RustCrypto crates (`md-5`, `sha1`, `sha2`) and name-based
//! UUIDs from `uuid`: well-kept implementations, tested against the published vectors.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::Digest as _;

use super::{FnResult, arity, exact, fail, str_arg};
use crate::value::Value;

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
            Digest::Md5 => md5::Md5::digest(data).to_vec(),
            Digest::Sha1 => sha1::Sha1::digest(data).to_vec(),
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
    // Go's uuid.Parse, which Terraform uses, accepts the canonical form, `urn:uuid:`,
    // braces and 32 bare hex digits: the forms `Uuid::parse_str` accepts.
    let namespace = match &*ns {
        "dns" => Ok(uuid::Uuid::NAMESPACE_DNS),
        "url" => Ok(uuid::Uuid::NAMESPACE_URL),
        "oid" => Ok(uuid::Uuid::NAMESPACE_OID),
        "x500" => Ok(uuid::Uuid::NAMESPACE_X500),
        other => uuid::Uuid::parse_str(other),
    }
    .map_err(|_| {
        let why = match ns.len() {
            32 | 36 | 38 | 45 => "invalid UUID format".to_string(),
            n => format!("invalid UUID length: {n}"),
        };
        fail(format!("uuidv5() doesn't support namespace {ns} ({why})"))
    })?;
    Ok(Value::string(
        uuid::Uuid::new_v5(&namespace, name.as_bytes())
            .hyphenated()
            .to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn digests_match_known_vectors() {
        assert_eq!(
            hex(&Digest::Md5.of(b"")),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            hex(&Digest::Md5.of(b"abc")),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            hex(&Digest::Md5.of(&[b'a'; 1000])),
            "cabe45dcc9ae5b66ba86600cca6b8ba8"
        );
        assert_eq!(
            hex(&Digest::Sha1.of(b"")),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            hex(&Digest::Sha1.of(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&Digest::Sha1.of(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
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
        // The namespace forms Go's uuid.Parse accepts.
        for ns in [
            "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
            "6ba7b8109dad11d180b400c04fd430c8",
        ] {
            assert_eq!(
                show("uuidv5", &[s(ns), s("www.terraform.io")]),
                "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\"",
                "{ns}"
            );
        }
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
