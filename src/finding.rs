//! What checks produce: findings (a check failed on a resource) and unknown results (a
//! check could not decide because a value is known only after apply).

use std::borrow::Cow;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use unicode_segmentation::UnicodeSegmentation;

use crate::check::{Check, Severity};
use crate::model::{ModuleCall, ResourceInstance};
use crate::source::{SourceMap, Span};
use crate::value::Value;

/// The resource a result is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    pub address: Arc<str>,
    pub rtype: Arc<str>,
    /// Every `module` call from the root to the resource (`module.a`, `module.a.module.b`)
    /// with its header, shared with the resource's instance.
    pub module: Arc<[ModuleCall]>,
    /// The root module directory, relative to the scan root.
    pub root: Arc<str>,
    /// The `resource "type" "name"` header (what an ignore comment above the block covers).
    pub header: Span,
}

impl ResourceRef {
    pub fn of(r: &ResourceInstance) -> ResourceRef {
        ResourceRef {
            address: r.address.clone(),
            rtype: r.rtype.clone(),
            module: r.module.clone(),
            root: r.root.clone(),
            header: r.header,
        }
    }
}

/// A secondary location: where a value was written, a module call, a link of a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub check: Arc<Check>,
    pub severity: Severity,
    /// Whether the resource stands for every instance of a block whose `count` or
    /// `for_each` is known only after apply ([`Finding::related`] says so).
    representative: bool,
    /// Where in `related` the notes derived from the resource go (see [`Finding::related`]).
    notes_at: u32,
    pub message: String,
    pub resource: ResourceRef,
    pub span: Span,
    /// The related locations the check gave, without the notes derived from the
    /// resource; read them all through [`Finding::related`].
    related: Box<[Related]>,
    /// Hashes the check, root, address and the attribute path the finding is about; the
    /// path itself is not kept, nothing but the fingerprint reads it.
    pub fingerprint: Fingerprint,
    /// Secret values written in the source this finding shows: renderers that print
    /// source text mask them there. Never rendered or serialized themselves.
    pub redact: Box<[Box<str>]>,
}

/// What a finding about an instance that stands for every instance says about it.
const REPRESENTATIVE: &str =
    "count or for_each is known only after apply; this stands for every instance";

impl Finding {
    pub fn new(
        check: &Arc<Check>,
        r: &ResourceInstance,
        message: String,
        span: Span,
        attribute: &str,
        related: Vec<Related>,
    ) -> Finding {
        let resource = ResourceRef::of(r);
        let fingerprint = fingerprint(&check.id, &resource, attribute);
        // Exact sizes: a scan holds millions of findings until it renders them, and a
        // vector grown by pushing holds up to four times what it needs.
        let mut message = message;
        message.shrink_to_fit();
        let related = related.into_boxed_slice();
        Finding {
            check: check.clone(),
            severity: check.severity,
            representative: r.representative,
            notes_at: u32::try_from(related.len()).unwrap_or(u32::MAX),
            message,
            resource,
            span,
            related,
            fingerprint,
            redact: Box::default(),
        }
    }

    /// The finding's related locations, in the order every output shows them: those the
    /// check gave, then (derived from the resource, not stored with each finding: they
    /// were most of a large scan's related locations) a note that the instance stands
    /// for every instance when its `count` or `for_each` is known only after apply, and
    /// each `module` call from the innermost out, by its own name ("in module.web");
    /// then those added with [`Finding::relate`].
    pub fn related(&self) -> impl Iterator<Item = Cow<'_, Related>> + Clone {
        let at = (self.notes_at as usize).min(self.related.len());
        let (given, added) = self.related.split_at(at);
        let representative = self.representative.then(|| {
            Cow::Owned(Related {
                span: self.resource.header,
                message: REPRESENTATIVE.to_string(),
            })
        });
        // Each call by its own name: its location shows where it is, and naming the
        // full address at every level made a report quadratic in the module depth.
        let calls = crate::model::call_names(&self.resource.module)
            .zip(self.resource.module.iter().map(|m| m.header))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|(name, header)| {
                Cow::Owned(Related {
                    span: header,
                    message: format!("in {name}"),
                })
            });
        given
            .iter()
            .map(Cow::Borrowed)
            .chain(representative)
            .chain(calls)
            .chain(added.iter().map(Cow::Borrowed))
    }

    /// Adds a related location after every other (the notes derived from the resource
    /// included).
    pub fn relate(&mut self, related: Related) {
        let mut all = std::mem::take(&mut self.related).into_vec();
        all.push(related);
        self.related = all.into_boxed_slice();
    }

    /// The finding, with `secret` masked wherever a renderer shows source text.
    pub fn redacting(mut self, secret: &str) -> Finding {
        let mut all = std::mem::take(&mut self.redact).into_vec();
        all.push(secret.into());
        self.redact = all.into_boxed_slice();
        self
    }
}

/// The most instances [`instance_list`] names one by one.
const LISTED: usize = 10;

/// Addresses, the instances of one resource block shortened to their keys after the
/// first: "module.x.aws_instance.web[0], [1] and [2]"; past ten, the first nine and how
/// many more. Addresses of different blocks are named in full.
pub fn instance_list(addresses: &[&str]) -> String {
    let mut base: Option<&str> = None;
    let mut names: Vec<String> = Vec::new();
    for a in addresses {
        let (b, key) = split_key(a);
        match (base, key) {
            (Some(prev), Some(k)) if prev == b => names.push(k.to_string()),
            _ => names.push((*a).to_string()),
        }
        base = key.map(|_| b);
    }
    if names.len() > LISTED {
        let more = names.len() - (LISTED - 1);
        names.truncate(LISTED - 1);
        return format!("{} and {more} more", names.join(", "));
    }
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// An instance address split into its resource block's address and its key
/// (`aws_instance.web[0]` → `aws_instance.web`, `[0]`); `None` without a key.
pub fn split_key(address: &str) -> (&str, Option<&str>) {
    // A string key may hold brackets itself: it starts at the last `["`.
    let start = if address.ends_with("\"]") {
        address.rfind("[\"")
    } else if address.ends_with(']') {
        address.rfind('[')
    } else {
        None
    };
    match start {
        Some(i) => (address.get(..i).unwrap_or(address), address.get(i..)),
        None => (address, None),
    }
}

/// Stable across edits that do not touch the finding: check id, root directory, resource
/// address (which includes the module path) and attribute path; never line numbers.
pub fn fingerprint(check_id: &str, r: &ResourceRef, attribute: &str) -> Fingerprint {
    let mut h = Sha256::new();
    for part in [check_id, &r.root, &r.address, attribute] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let mut out = [0u8; 16];
    for (o, b) in out.iter_mut().zip(h.finalize().iter()) {
        *o = *b;
    }
    Fingerprint(out)
}

/// A finding's fingerprint: the first 16 bytes of the SHA-256 of [`fingerprint`]'s
/// parts, shown as 32 lowercase hex digits ([`Fingerprint::hex`]). Held as bytes: a
/// `String` per finding was 24 bytes and a 32-byte allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 16]);

impl Fingerprint {
    /// The 32 lowercase hex digits every output shows.
    pub fn hex(&self) -> Hex {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 32];
        for (pair, b) in out.chunks_exact_mut(2).zip(self.0) {
            if let [hi, lo] = pair {
                *hi = HEX[usize::from(b >> 4)];
                *lo = HEX[usize::from(b & 0xf)];
            }
        }
        Hex(out)
    }
}

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.hex())
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.hex())
    }
}

/// A fingerprint's hex digits, on the stack; reads as a `&str`, serializes as a string.
#[derive(Clone, Copy)]
pub struct Hex([u8; 32]);

impl std::ops::Deref for Hex {
    type Target = str;
    fn deref(&self) -> &str {
        // Always ASCII hex digits, hence valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl serde::Serialize for Hex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

#[derive(Debug, Clone)]
pub struct UnknownResult {
    pub check: Arc<Check>,
    pub resource: ResourceRef,
    pub span: Span,
    pub reason: String,
}

/// The provenance hops of a value, as related locations ("0.0.0.0/0 is the default of
/// var.ssh_cidr"), skipping a hop that is the finding's own location.
pub fn provenance(value: &Value, at: Span, sources: Option<&SourceMap>) -> Vec<Related> {
    let _ = sources;
    provenance_shown(&Shown::new(value), at)
}

/// [`provenance`] of a value whose rendering may already have been needed elsewhere
/// (a finding's message): it is rendered at most once, and only when a hop names it.
pub fn provenance_shown(shown: &Shown<'_>, at: Span) -> Vec<Related> {
    shown
        .value()
        .hops()
        .into_iter()
        .filter(|h| h.span != at)
        .filter_map(|h| {
            h.label.as_ref().map(|l| Related {
                span: h.span,
                message: l.describe(shown.text()),
            })
        })
        .collect()
}

/// A value and its [`short`] rendering, made on first use: a declarative finding's
/// message and its provenance notes both show it, and most need neither.
pub struct Shown<'v> {
    value: &'v Value,
    text: std::cell::OnceCell<String>,
}

impl<'v> Shown<'v> {
    pub fn new(value: &'v Value) -> Shown<'v> {
        Shown {
            value,
            text: std::cell::OnceCell::new(),
        }
    }

    pub fn value(&self) -> &'v Value {
        self.value
    }

    /// [`short`] of the value.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| short(self.value))
    }
}

/// The most user-perceived characters [`short`] shows whole.
const SHORT_LIMIT: usize = 80;

/// A value rendered for a message, shortened when long.
pub fn short(v: &Value) -> String {
    let s = v.to_string();
    // Counted in user-perceived characters, so an accent stays with its letter. Each
    // takes at least one byte, so a text of at most 80 bytes needs no counting.
    if s.len() > SHORT_LIMIT && s.graphemes(true).count() > SHORT_LIMIT {
        let cut: String = s.graphemes(true).take(SHORT_LIMIT - 3).collect();
        format!("{cut}…")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fingerprints are a contract (baselines hold them): the recipe's value for known
    /// parts, the first 16 bytes of SHA-256 over NUL-terminated parts, in lowercase hex.
    #[test]
    fn a_fingerprint_keeps_its_value() {
        let header = Span::new(crate::source::FileId(0), 0..1);
        let r = ResourceRef {
            address: "module.store[\"prod\"].aws_s3_bucket.data".into(),
            rtype: "aws_s3_bucket".into(),
            module: Vec::new().into(),
            root: "stacks/app".into(),
            header,
        };
        let f = fingerprint(
            "aws-s3-bucket-encryption-disabled",
            &r,
            "server_side_encryption_configuration",
        );
        assert_eq!(&*f.hex(), "7cb657fd09952865b61699ee00254e41");
        assert_eq!(f.to_string(), "7cb657fd09952865b61699ee00254e41");
    }

    /// A long value is cut after 77 user-perceived characters: an accent written as a
    /// combining mark stays with its letter.
    #[test]
    fn short_values_cut_between_characters() {
        // The 77th character is an "e" with its accent.
        let text = format!("{}e\u{301}{}", "a".repeat(76), "b".repeat(20));
        let shown = short(&Value::string(text));
        assert_eq!(shown, format!("{}e\u{301}…", "a".repeat(76)));
    }

    /// `short` counts characters only past 80 bytes: the same text as counting always,
    /// for texts around the limit in bytes and in characters, narrow and wide.
    #[test]
    fn short_values_match_counting_every_text() {
        let counted = |v: &Value| {
            let s = v.to_string();
            if s.graphemes(true).count() > 80 {
                format!("{}…", s.graphemes(true).take(77).collect::<String>())
            } else {
                s
            }
        };
        for unit in ["a", "é", "e\u{301}", "日", "🏳️‍🌈", "\""] {
            for n in 0..100 {
                let v = Value::string(unit.repeat(n));
                assert_eq!(short(&v), counted(&v), "{n} × {unit:?}");
                let mixed = Value::string(format!("{}{}", "a".repeat(n), unit.repeat(3)));
                assert_eq!(short(&mixed), counted(&mixed), "{n} + {unit:?}");
            }
        }
        let list = Value::list((0..40).map(|i| Value::number(f64::from(i))).collect());
        assert_eq!(short(&list), counted(&list));
    }

    #[test]
    fn instances_of_one_block_are_named_by_their_keys_after_the_first() {
        assert_eq!(instance_list(&[]), "");
        assert_eq!(instance_list(&["aws_instance.a"]), "aws_instance.a");
        assert_eq!(
            instance_list(&[
                "module.x.aws_instance.web[0]",
                "module.x.aws_instance.web[1]"
            ]),
            "module.x.aws_instance.web[0] and [1]"
        );
        assert_eq!(
            instance_list(&[
                r#"aws_instance.w["a]b"]"#,
                r#"aws_instance.w["c"]"#,
                "aws_instance.v[0]",
                "aws_instance.a",
            ]),
            r#"aws_instance.w["a]b"], ["c"], aws_instance.v[0] and aws_instance.a"#
        );
        let many: Vec<String> = (0..12).map(|i| format!("aws_instance.w[{i}]")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            instance_list(&refs),
            "aws_instance.w[0], [1], [2], [3], [4], [5], [6], [7], [8] and 3 more"
        );
    }

    #[test]
    fn an_address_splits_into_its_block_and_key() {
        assert_eq!(split_key("aws_s3_bucket.b"), ("aws_s3_bucket.b", None));
        assert_eq!(
            split_key("module.m[0].aws_s3_bucket.b[2]"),
            ("module.m[0].aws_s3_bucket.b", Some("[2]"))
        );
        assert_eq!(
            split_key(r#"aws_s3_bucket.b["x[1]"]"#),
            ("aws_s3_bucket.b", Some(r#"["x[1]"]"#))
        );
        assert_eq!(split_key("module.m[0]"), ("module.m", Some("[0]")));
    }
}
