//! Evaluated bodies: the attributes and nested blocks of a resource, a block or a
//! provider, each attribute with its value and the span that set it. They sit with
//! [`Value`] because a reference to a resource instance is a value holding its body.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Kind, Value};
use crate::source::Span;

/// An evaluated attribute: its value and the span of the expression that set it.
#[derive(Debug, Clone)]
pub struct Attr {
    pub value: Value,
    pub span: Span,
}

/// An evaluated nested block (including blocks a `dynamic` block produced).
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: String,
    pub header: Span,
    pub body: Body,
}

/// Attributes and nested blocks of a resource or block.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub attrs: Attrs,
    pub blocks: Vec<Block>,
}

/// A body's attributes by name, in name order: a sorted vector rather than a `BTreeMap`,
/// whose smallest node holds eleven entries. Bodies are most of the model's memory and
/// have a handful of attributes each, so this halves their size.
#[derive(Debug, Clone, Default)]
pub struct Attrs(Vec<(String, Attr)>);

impl Attrs {
    pub(crate) fn get(&self, name: &str) -> Option<&Attr> {
        // Checks look attributes up millions of times on a large tree. Most bodies are
        // small, and comparing names for equality rejects on length before reading any
        // bytes, where each step of a binary search is an ordered comparison.
        if self.0.len() <= 16 {
            return self.0.iter().find(|(k, _)| k == name).map(|(_, a)| a);
        }
        self.find(name)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, a)| a)
    }

    /// Sets `name`, returning the attribute it replaces.
    pub fn insert(&mut self, name: String, attr: Attr) -> Option<Attr> {
        match self.find(&name) {
            Ok(i) => self
                .0
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, attr)),
            Err(i) => {
                self.0.insert(i, (name, attr));
                None
            }
        }
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Attr)> {
        self.0.iter().map(|(k, a)| (k, a))
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Attr)> {
        self.0.iter_mut().map(|(k, a)| (&*k, a))
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &Attr> {
        self.0.iter().map(|(_, a)| a)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The attributes of a body in the order written, as [`Attrs::insert`] one by one
    /// would leave them: in name order, and of a name written twice the last value (at
    /// the first one's place in the order, which is the name's). Sorting once is cheaper
    /// than a binary search and a shift per attribute.
    pub(crate) fn from_written(mut written: Vec<(String, Attr)>) -> Attrs {
        // Stable: of equal names, the one written later stays later.
        written.sort_by(|a, b| by_name(&a.0, &b.0));
        // `dedup_by` drops the later of two equal neighbours; its value goes to the
        // earlier one first, so the last written value is the one kept.
        written.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        written.shrink_to_fit();
        Attrs(written)
    }
}

/// The order of two attribute names, the same as `a.cmp(b)`. The names of one body
/// nearly always differ in their first byte, which is compared here without the call to
/// `memcmp` a string comparison makes; sorting a body's attributes was 0.4% of a scan.
fn by_name(a: &str, b: &str) -> std::cmp::Ordering {
    match a.as_bytes().first().cmp(&b.as_bytes().first()) {
        std::cmp::Ordering::Equal => a.cmp(b),
        first => first,
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a String, &'a Attr);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Attr)>,
        fn(&'a (String, Attr)) -> (&'a String, &'a Attr),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, a)| (k, a))
    }
}

impl Body {
    /// The attribute `name` when it is set. An attribute set to `null` is not: Terraform
    /// treats `x = null` exactly as leaving `x` out, so the provider's default applies
    /// (<https://developer.hashicorp.com/terraform/language/expressions/types#null>).
    /// Every check, the declarative engine and a reference to the attribute
    /// (`aws_db_instance.x.replicate_source_db`, then unknown like any argument the
    /// configuration leaves to the provider) read attributes through here.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.get(name).filter(|a| !a.value.is_null())
    }

    /// The attribute `name` as written, `null` included: where a finding about an
    /// argument set to null (hence left to its default) points, and what the model prints.
    pub fn written(&self, name: &str) -> Option<&Attr> {
        self.attrs.get(name)
    }

    pub fn blocks<'b>(&'b self, kind: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    /// The body as the object value a reference sees: attributes, and blocks as lists of
    /// objects under their type name.
    pub(crate) fn to_attr_map(&self) -> BTreeMap<String, Value> {
        let mut out: BTreeMap<String, Value> = self
            .attrs
            .iter()
            .map(|(k, a)| (k.clone(), a.value.clone()))
            .collect();
        let mut grouped: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for b in &self.blocks {
            grouped
                .entry(b.kind.as_str())
                .or_default()
                .push(Value::map(b.body.to_attr_map()));
        }
        for (k, v) in grouped {
            out.entry(k.to_string())
                .or_insert_with(|| Value::new(Kind::List(Arc::new(v))));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::by_name;

    /// Names ordered by their first byte first are ordered as strings are: empty names,
    /// names sharing a first byte, prefixes and bytes past ASCII included.
    #[test]
    fn attribute_names_order_as_strings() {
        let names = [
            "",
            "a",
            "b",
            "ab",
            "aa",
            "tags",
            "tags_all",
            "tag",
            "Tags",
            "_",
            "z",
            "é",
            "éa",
            "\u{7f}",
            "0",
            "name",
            "namespace",
        ];
        for a in names {
            for b in names {
                assert_eq!(by_name(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }
}
