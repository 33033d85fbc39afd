//! The `data "aws_iam_policy_document"` a policy text was rendered from, found by content.
//!
//! An attribute set to `data.aws_iam_policy_document.x.json` holds only the rendered
//! text, which does not say where it came from: its document is the first of the same
//! root (in model order) whose JSON equals the attribute's. Each root's documents are
//! read into JSON once, when an attribute of the root first asks, straight from their
//! bodies (never written as text and parsed back), and kept by a hash of their content,
//! so that a lookup compares only the documents of one hash instead of every document of
//! the root.
//!
//! serde_json's objects (with `preserve_order`) compare as maps, ignoring key order, so
//! the hash of an object ignores the order of its entries: equal JSON hashes alike.

use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::HashMap;
use foldhash::fast::FixedState;
use serde_json::Value as Json;

use crate::model::{Mode, Model, ResourceInstance};

/// The policy documents of a model by root, read on first need. Once the policies are
/// located, it also tells `aws-iam-policy-document-any-principal` which documents no
/// attribute uses, with the JSON already read of each ([`Documents::unused`]): that
/// check judges them, and reading a document again was a third of its work.
pub(crate) struct Documents<'m> {
    /// Every `data "aws_iam_policy_document"` of the model, in model order.
    all: Vec<Document<'m>>,
    /// Each root's documents (positions in `all`), until an attribute of the root asks.
    unread: HashMap<&'m str, Vec<usize>>,
    /// Each root's documents read.
    read: HashMap<&'m str, ByContent>,
}

/// One policy document and what the search learnt of it.
struct Document<'m> {
    instance: &'m ResourceInstance,
    /// Its JSON, once its root's documents are read (`Some(None)`: a structure known
    /// only after apply, which renders no JSON).
    json: Option<Option<Json>>,
    /// Whether a policy attribute was found to hold its rendering.
    used: bool,
}

/// One root's documents by the hash of their JSON, as positions in [`Documents::all`].
/// Of equal documents only the first is kept: it is the one a lookup finds, and the
/// later ones would lengthen its search.
#[derive(Default)]
struct ByContent(HashMap<u64, Vec<usize>>);

impl<'m> Documents<'m> {
    pub(super) fn new(model: &'m Model) -> Documents<'m> {
        let mut all = Vec::new();
        let mut unread: HashMap<&str, Vec<usize>> = HashMap::default();
        for d in model
            .of_type("aws_iam_policy_document")
            .filter(|d| d.mode == Mode::Data)
        {
            unread.entry(&*d.root).or_default().push(all.len());
            all.push(Document {
                instance: d,
                json: None,
                used: false,
            });
        }
        Documents {
            all,
            unread,
            read: HashMap::default(),
        }
    }

    /// The first document of `root` whose rendering reads as `json`.
    pub(super) fn find(&mut self, root: &str, json: &Json) -> Option<&'m ResourceInstance> {
        if !self.read.contains_key(root) {
            let (root, positions) = self.unread.remove_entry(root)?;
            let index = ByContent::of(&mut self.all, positions);
            self.read.insert(root, index);
        }
        let at = self.read.get(root)?.find(&self.all, json)?;
        let found = self.all.get_mut(at)?;
        found.used = true;
        Some(found.instance)
    }

    /// The documents no policy attribute was found to hold, in model order, each with
    /// its JSON when it was read (`Some(None)` for one that renders none), `None` when
    /// its root's documents were not read.
    pub(crate) fn unused(
        &self,
    ) -> impl Iterator<Item = (&'m ResourceInstance, Option<Option<&Json>>)> + '_ {
        self.all
            .iter()
            .filter(|d| !d.used)
            .map(|d| (d.instance, d.json.as_ref().map(Option::as_ref)))
    }
}

impl ByContent {
    /// Reads the documents at `positions` of `all` and indexes them.
    fn of(all: &mut [Document<'_>], positions: Vec<usize>) -> ByContent {
        let mut index = ByContent::default();
        for at in positions {
            let Some(d) = all.get_mut(at) else { continue };
            // A document whose structure is unknown renders no JSON: no text equals it.
            let json = crate::eval::policy_document_json(&d.instance.body);
            let hash = json.as_ref().map(content_hash);
            d.json = Some(json);
            let (Some(hash), Some(json)) = (hash, json_at(all, at)) else {
                continue;
            };
            let same = index.0.entry(hash).or_default();
            if !same
                .iter()
                .any(|i| json_at(all, *i).is_some_and(|j| equal(j, json)))
            {
                same.push(at);
            }
        }
        index
    }

    fn find(&self, all: &[Document<'_>], json: &Json) -> Option<usize> {
        self.0
            .get(&content_hash(json))?
            .iter()
            .copied()
            .find(|i| json_at(all, *i).is_some_and(|j| equal(j, json)))
    }
}

/// The JSON read of the document at `at`, if any.
fn json_at<'a>(all: &'a [Document<'_>], at: usize) -> Option<&'a Json> {
    all.get(at)?.json.as_ref()?.as_ref()
}

/// `a == b`, comparing two objects entry by entry when their keys come in the same
/// order (documents alike are written alike) rather than looking up each key.
fn equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Json::Object(x), Json::Object(y)) if x.len() == y.len() && x.keys().eq(y.keys()) => {
            x.values().zip(y.values()).all(|(x, y)| equal(x, y))
        }
        _ => a == b,
    }
}

/// A hash of `v` that equal JSON shares: an object's entries are summed, so their order
/// does not count, and numbers are left to the comparison (`0.0` equals `-0.0`).
pub(super) fn content_hash(v: &Json) -> u64 {
    let mut h = FixedState::default().build_hasher();
    match v {
        Json::Null => h.write_u8(0),
        Json::Bool(b) => {
            h.write_u8(1);
            b.hash(&mut h);
        }
        Json::Number(_) => h.write_u8(2),
        Json::String(s) => {
            h.write_u8(3);
            s.hash(&mut h);
        }
        Json::Array(a) => {
            h.write_u8(4);
            for x in a {
                h.write_u64(content_hash(x));
            }
        }
        Json::Object(m) => {
            h.write_u8(5);
            let entries = m.iter().fold(0u64, |sum, (k, x)| {
                let mut e = FixedState::default().build_hasher();
                k.hash(&mut e);
                e.write_u64(content_hash(x));
                sum.wrapping_add(e.finish())
            });
            h.write_u64(entries);
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::{Content, policies};

    /// The model of the configuration `files` (path, text) under a temporary directory.
    fn model_of(files: &[(&str, &str)]) -> Model {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("creates");
            }
            std::fs::write(path, text).expect("writes");
        }
        let opts = crate::Options {
            path: dir.path().to_path_buf(),
            ..Default::default()
        };
        crate::load_model(&opts).expect("loads").1
    }

    /// Each located policy as `root resource.attribute -> document address` (`.` for the
    /// scan root, `-` for no document).
    fn documents(model: &Model) -> Vec<String> {
        let mut out: Vec<String> = policies(model)
            .located
            .iter()
            .map(|l| {
                let doc = l.document.map_or("-", |d| &*d.address);
                let root = Some(&*l.resource.root).filter(|r| !r.is_empty());
                let (resource, attribute) = (&l.resource.address, &l.attribute);
                format!("{} {resource}.{attribute} -> {doc}", root.unwrap_or("."))
            })
            .collect();
        out.sort();
        out
    }

    const TRUST: &str = r#"
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
"#;

    /// Of two documents alike, each text is the first one's: the text cannot tell them
    /// apart. A document used by two attributes is found for both.
    #[test]
    fn identical_documents_and_a_document_used_twice() {
        let config = format!(
            r#"
data "aws_iam_policy_document" "a" {{{TRUST}}}
data "aws_iam_policy_document" "b" {{{TRUST}}}
resource "aws_iam_role" "x" {{ assume_role_policy = data.aws_iam_policy_document.b.json }}
resource "aws_iam_role" "y" {{ assume_role_policy = data.aws_iam_policy_document.a.json }}
resource "aws_iam_role" "z" {{ assume_role_policy = data.aws_iam_policy_document.b.minified_json }}
"#
        );
        let model = model_of(&[("main.tf", &config)]);
        assert_eq!(
            documents(&model),
            [
                ". aws_iam_role.x.assume_role_policy -> data.aws_iam_policy_document.a",
                ". aws_iam_role.y.assume_role_policy -> data.aws_iam_policy_document.a",
                ". aws_iam_role.z.assume_role_policy -> data.aws_iam_policy_document.a",
            ]
        );
    }

    /// Documents whose JSON differs only in the order of an object's keys are equal
    /// (JSON objects are unordered): the first is found for either's text.
    #[test]
    fn documents_equal_but_for_key_order() {
        let principals = |first: &str, second: &str| {
            format!(
                r#"
  statement {{
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "{first}"
      identifiers = ["{first}-id"]
    }}
    principals {{
      type        = "{second}"
      identifiers = ["{second}-id"]
    }}
  }}
"#
            )
        };
        let config = format!(
            r#"
data "aws_iam_policy_document" "a" {{{}}}
data "aws_iam_policy_document" "b" {{{}}}
resource "aws_iam_role" "x" {{ assume_role_policy = data.aws_iam_policy_document.b.json }}
"#,
            principals("AWS", "Service"),
            principals("Service", "AWS"),
        );
        let a: Json = serde_json::json!({"AWS": "x", "Service": "y"});
        let b: Json = serde_json::json!({"Service": "y", "AWS": "x"});
        assert_eq!(content_hash(&a), content_hash(&b));
        let model = model_of(&[("main.tf", &config)]);
        assert_eq!(
            documents(&model),
            [". aws_iam_role.x.assume_role_policy -> data.aws_iam_policy_document.a"]
        );
    }

    /// A partly known document (a bucket ARN known only after apply) is found for its
    /// partly known text; text written as `jsonencode` is its own origin, even when it
    /// says what a document says.
    #[test]
    fn partly_known_and_written_policies() {
        let config = r#"
resource "aws_s3_bucket" "b" {}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
data "aws_iam_policy_document" "q" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
}
resource "aws_iam_policy" "q" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
"#;
        let model = model_of(&[("main.tf", config)]);
        let located = policies(&model).located;
        assert!(
            located
                .iter()
                .any(|l| matches!(l.content, Content::Partial(..)))
        );
        assert_eq!(
            documents(&model),
            [
                ". aws_iam_policy.q.policy -> -",
                ". aws_s3_bucket_policy.p.policy -> data.aws_iam_policy_document.p",
            ]
        );
    }

    /// A document read from its body is the JSON its rendering reads as: wholly known,
    /// partly known, and partly known with an object that `Value::from_json` reads as a
    /// number (its one key is `BEYOND_KEY`); each is found for its attribute.
    #[test]
    fn documents_read_as_their_renderings() {
        let beyond = crate::value::BEYOND_KEY.replace('\0', "\\u0000");
        let config = format!(
            r#"
resource "aws_s3_bucket" "b" {{}}
data "aws_iam_policy_document" "known" {{{TRUST}}}
data "aws_iam_policy_document" "partial" {{
  statement {{
    actions   = ["s3:GetObject"]
    resources = ["${{aws_s3_bucket.b.arn}}/*"]
  }}
}}
data "aws_iam_policy_document" "beyond" {{
  statement {{
    actions   = ["s3:PutObject"]
    resources = [aws_s3_bucket.b.arn]
    principals {{
      type        = "{beyond}"
      identifiers = ["1"]
    }}
  }}
}}
resource "aws_iam_role" "k" {{ assume_role_policy = data.aws_iam_policy_document.known.json }}
resource "aws_iam_policy" "p" {{ policy = data.aws_iam_policy_document.partial.json }}
resource "aws_iam_policy" "q" {{ policy = data.aws_iam_policy_document.beyond.json }}
"#
        );
        let model = model_of(&[("main.tf", &config)]);
        let mut kinds = Vec::new();
        for d in model.of_type("aws_iam_policy_document") {
            let rendered = crate::eval::render_policy_document(&d.body).expect("renders");
            let (kind, json) = match crate::iam::read_policy(&rendered) {
                crate::iam::Reading::Known(json) => ("known", json),
                crate::iam::Reading::Partial(json) => ("partial", json),
                other => panic!("{other:?}"),
            };
            kinds.push(kind);
            assert_eq!(crate::eval::policy_document_json(&d.body), Some(json));
        }
        assert_eq!(kinds, ["known", "partial", "partial"]);
        assert_eq!(
            documents(&model),
            [
                ". aws_iam_policy.p.policy -> data.aws_iam_policy_document.partial",
                ". aws_iam_policy.q.policy -> data.aws_iam_policy_document.beyond",
                ". aws_iam_role.k.assume_role_policy -> data.aws_iam_policy_document.known",
            ]
        );
    }

    /// The documents no attribute holds, in model order: with their JSON when an
    /// attribute of their root made the search read it, without when none asked.
    #[test]
    fn unused_documents_keep_the_json_read() {
        let a = format!(
            r#"
data "aws_iam_policy_document" "used" {{{TRUST}}}
data "aws_iam_policy_document" "spare" {{
  statement {{
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }}
}}
resource "aws_iam_role" "r" {{ assume_role_policy = data.aws_iam_policy_document.used.json }}
"#
        );
        let b = format!("data \"aws_iam_policy_document\" \"alone\" {{{TRUST}}}\n");
        let model = model_of(&[("a/main.tf", &a), ("b/main.tf", &b)]);
        let located = policies(&model);
        let unused: Vec<(String, Option<Option<&Json>>)> = located
            .documents
            .unused()
            .map(|(d, json)| (format!("{} {}", d.root, d.address), json))
            .collect();
        let spare = model
            .of_type("aws_iam_policy_document")
            .find(|d| d.address.ends_with("spare"))
            .and_then(|d| crate::eval::policy_document_json(&d.body));
        assert_eq!(
            unused,
            [
                (
                    "a data.aws_iam_policy_document.spare".to_string(),
                    Some(spare.as_ref())
                ),
                ("b data.aws_iam_policy_document.alone".to_string(), None),
            ]
        );
    }

    /// A text is matched only against its own root's documents; a document merged from
    /// another is found like any other.
    #[test]
    fn documents_of_other_roots_and_merged_documents() {
        let a = format!(
            r#"
data "aws_iam_policy_document" "base" {{{TRUST}}}
data "aws_iam_policy_document" "merged" {{
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {{
    sid     = "More"
    actions = ["sts:TagSession"]
    principals {{
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }}
  }}
}}
resource "aws_iam_role" "m" {{ assume_role_policy = data.aws_iam_policy_document.merged.json }}
"#
        );
        let b = r#"
variable "trust" {
  default = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}]}"
}
resource "aws_iam_role" "t" { assume_role_policy = var.trust }
"#;
        let model = model_of(&[("a/main.tf", &a), ("b/main.tf", b)]);
        assert_eq!(
            documents(&model),
            [
                "a aws_iam_role.m.assume_role_policy -> data.aws_iam_policy_document.merged",
                "b aws_iam_role.t.assume_role_policy -> -",
            ]
        );
    }
}
