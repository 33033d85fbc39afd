//! The interpreter for declarative checks: conditions over evaluated bodies, with
//! three-valued logic (a condition on a value known only after apply is unknown, never
//! guessed).

use std::borrow::Cow;
use std::sync::Arc;

use super::CheckResults;
use crate::check::{Check, Cond, Reference, Relation};
use crate::finding::{Finding, Shown, UnknownResult, provenance_shown, short};
use crate::model::{Body, Model, ResourceInstance};
use crate::source::Span;
use crate::value::{Kind, Partial, Value};

/// The outcome of one condition.
/// The attribute path is borrowed from the check's condition: a failure is often
/// discarded (a `when` that excludes the instance, an alternative of `any_of`), so it
/// allocates nothing.
#[derive(Debug, Clone)]
pub enum Tri<'c> {
    True,
    /// Failed: where, the offending value if there is one, and the attribute path.
    False {
        span: Span,
        value: Option<Value>,
        attribute: &'c str,
    },
    Unknown(String),
}

impl Tri<'_> {
    fn is_true(&self) -> bool {
        matches!(self, Tri::True)
    }
}

struct Ctx<'m> {
    model: &'m Model,
    inst: &'m ResourceInstance,
}

/// Runs a declarative check on one instance.
pub fn run(check: &Arc<Check>, model: &Model, inst: &ResourceInstance, out: &mut CheckResults) {
    let cx = Ctx { model, inst };
    for w in &check.when {
        match eval(&cx, &inst.body, inst.header, w) {
            Tri::True => {}
            Tri::False { .. } => return,
            Tri::Unknown(reason) => {
                out.unknown.push(unknown(check, inst, reason));
                return;
            }
        }
    }
    let mut pending_unknown = None;
    for req in &check.require {
        match eval(&cx, &inst.body, inst.header, req) {
            Tri::True => {}
            Tri::False {
                span,
                value,
                attribute,
            } => {
                let template = req
                    .message
                    .as_deref()
                    .or(check.message.as_deref())
                    .unwrap_or(&check.title);
                let shown = value.as_ref().map(Shown::new);
                let message = fill(template, shown.as_ref(), attribute);
                let related = shown
                    .as_ref()
                    .map(|v| provenance_shown(v, span))
                    .unwrap_or_default();
                out.findings
                    .push(Finding::new(check, inst, message, span, attribute, related));
                return;
            }
            Tri::Unknown(reason) => {
                pending_unknown.get_or_insert(reason);
            }
        }
    }
    if let Some(reason) = pending_unknown {
        out.unknown.push(unknown(check, inst, reason));
    }
}

/// A failed requirement's message: `template` with `{value}` (the offending value, or
/// "absent") and `{attribute}` (its path) filled in, in one pass. A value whose text
/// itself reads `{attribute}` is shown as written; replacing one placeholder after the
/// other rewrote it, and copied the message twice.
fn fill(template: &str, value: Option<&Shown<'_>>, attribute: &str) -> String {
    let mut out = String::with_capacity(template.len() + attribute.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        if let Some(after) = tail.strip_prefix("{value}") {
            match value {
                Some(v) => out.push_str(v.text()),
                None => out.push_str("absent"),
            }
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{attribute}") {
            out.push_str(attribute);
            rest = after;
        } else {
            out.push('{');
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

fn unknown(check: &Arc<Check>, inst: &ResourceInstance, reason: String) -> UnknownResult {
    UnknownResult {
        check: check.clone(),
        resource: crate::finding::ResourceRef::of(inst),
        span: inst.header,
        reason,
    }
}

fn eval<'c>(cx: &Ctx<'_>, body: &Body, header: Span, c: &'c Cond) -> Tri<'c> {
    if let Some(subs) = &c.all_of {
        return all(subs.iter().map(|s| eval(cx, body, header, s)));
    }
    if let Some(subs) = &c.any_of {
        // One alternative that holds decides: the rest are not evaluated (nor is room
        // for their results allocated before one fails).
        let mut results: Vec<(bool, Tri)> = Vec::new();
        for s in subs {
            match eval(cx, body, header, s) {
                Tri::True => return Tri::True,
                r => results.push((s.report_at == Some(true), r)),
            }
        }
        // An alternative marked `report_at` that failed on a written value is where the
        // finding points when every alternative fails.
        let marked = results.iter().find_map(|(report_at, r)| {
            (*report_at && matches!(r, Tri::False { value: Some(_), .. })).then(|| r.clone())
        });
        return match (any(results.into_iter().map(|(_, r)| r), header, ""), marked) {
            (Tri::False { .. }, Some(at)) => at,
            (verdict, _) => verdict,
        };
    }
    if let Some(sub) = &c.not {
        return match eval(cx, body, header, sub) {
            Tri::True => Tri::False {
                span: header,
                value: None,
                attribute: "",
            },
            Tri::False { .. } => Tri::True,
            u @ Tri::Unknown(_) => u,
        };
    }
    if let Some(rel) = &c.related {
        return related(cx, rel, header);
    }
    if let Some(r) = &c.referenced {
        return referenced(cx, body, header, r);
    }
    if let Some(types) = &c.resource_type {
        return if types.iter().any(|t| **t == *cx.inst.rtype) {
            Tri::True
        } else {
            Tri::False {
                span: header,
                value: None,
                attribute: "",
            }
        };
    }
    if let Some(path) = &c.block {
        return block(cx, body, header, path, c);
    }
    if let Some(path) = &c.attribute {
        return attribute(body, header, path, c);
    }
    Tri::True
}

/// Conjunction: the first failure decides; otherwise any unknown makes it unknown.
fn all<'c>(results: impl Iterator<Item = Tri<'c>>) -> Tri<'c> {
    let mut unknown = None;
    for r in results {
        match r {
            Tri::True => {}
            f @ Tri::False { .. } => return f,
            Tri::Unknown(u) => {
                unknown.get_or_insert(u);
            }
        }
    }
    unknown.map_or(Tri::True, Tri::Unknown)
}

/// Disjunction: any success decides; otherwise unknown if any is, else the most specific
/// failure: the first that names an offending value (`enabled = false`), else the first.
/// So when every alternative fails, the finding points at a bad value someone wrote rather
/// than at the header of a block whose other alternative is merely absent.
fn any<'c>(results: impl Iterator<Item = Tri<'c>>, header: Span, attribute: &'c str) -> Tri<'c> {
    let mut unknown = None;
    let mut first_false = None;
    for r in results {
        match r {
            Tri::True => return Tri::True,
            f @ Tri::False { value: Some(_), .. }
                if !matches!(first_false, Some(Tri::False { value: Some(_), .. })) =>
            {
                first_false = Some(f);
            }
            f @ Tri::False { .. } => {
                first_false.get_or_insert(f);
            }
            Tri::Unknown(u) => {
                unknown.get_or_insert(u);
            }
        }
    }
    if let Some(u) = unknown {
        return Tri::Unknown(u);
    }
    first_false.unwrap_or(Tri::False {
        span: header,
        value: None,
        attribute,
    })
}

/// The nested blocks at a dotted path, level by level in the order they were written;
/// the path is split as it is walked, without collecting its segments.
fn blocks_at<'b>(body: &'b Body, path: &'b str) -> Vec<(&'b Body, Span)> {
    let mut segments = path.split('.');
    let first = segments.next().unwrap_or(path);
    let mut found: Vec<(&Body, Span)> = body
        .blocks(first)
        .map(|blk| (&blk.body, blk.header))
        .collect();
    for seg in segments {
        found = found
            .iter()
            .flat_map(|(b, _)| b.blocks(seg))
            .map(|blk| (&blk.body, blk.header))
            .collect();
    }
    found
}

fn block<'c>(cx: &Ctx<'_>, body: &Body, header: Span, path: &'c str, c: &'c Cond) -> Tri<'c> {
    let found = blocks_at(body, path);
    let missing = || Tri::False {
        span: header,
        value: None,
        attribute: path,
    };
    if let Some(want) = c.present {
        let ok = found.is_empty() != want;
        if !ok {
            return if want {
                missing()
            } else {
                Tri::False {
                    span: found.first().map_or(header, |(_, h)| *h),
                    value: None,
                    attribute: path,
                }
            };
        }
        if c.any.is_none() && c.all.is_none() {
            return Tri::True;
        }
    }
    if let Some(conds) = &c.any {
        if found.is_empty() {
            return missing();
        }
        // When no block meets them all, the finding points into the block that came
        // closest, the one that met the most conditions before one failed: the Redshift
        // `parameter` named `require_ssl` whose value is wrong, not the first parameter
        // of another name.
        let results: Vec<(usize, Tri)> = found
            .iter()
            .map(|(b, h)| {
                let each: Vec<Tri> = conds.iter().map(|s| eval(cx, b, *h, s)).collect();
                let met = each
                    .iter()
                    .take_while(|r| !matches!(r, Tri::False { .. }))
                    .filter(|r| r.is_true())
                    .count();
                (met, all(each.into_iter()))
            })
            .collect();
        let closest = results
            .iter()
            .filter(|(_, r)| matches!(r, Tri::False { .. }))
            .map(|(met, _)| *met)
            .max()
            .unwrap_or(0);
        return any(
            results
                .into_iter()
                .filter(|(met, r)| !matches!(r, Tri::False { .. }) || *met == closest)
                .map(|(_, r)| r),
            header,
            path,
        );
    }
    if let Some(conds) = &c.all {
        return all(found
            .iter()
            .map(|(b, h)| all(conds.iter().map(|s| eval(cx, b, *h, s)))));
    }
    if found.is_empty() {
        missing()
    } else {
        Tri::True
    }
}

/// A value found at an attribute path, with the span of the expression that set it:
/// borrowed from the body when it is an attribute written there (nearly always), built
/// when the path ends on a block or the walk had to copy it.
struct Leaf<'b> {
    value: Cow<'b, Value>,
    span: Span,
}

/// Follows a dotted path through attributes, nested blocks and object keys. Returns the
/// leaves found, or the header of the deepest block reached when nothing is there.
fn leaves<'b>(body: &'b Body, header: Span, path: &str) -> Result<Vec<Leaf<'b>>, Span> {
    let mut nodes = vec![Node::Body(body, header)];
    let mut deepest = header;
    for seg in path.split('.') {
        let mut next = Vec::new();
        for n in nodes {
            step(n, seg, &mut next, &mut deepest);
        }
        nodes = next;
        if nodes.is_empty() {
            return Err(deepest);
        }
    }
    Ok(nodes
        .into_iter()
        .map(|n| match n {
            Node::Val(value, span) => Leaf {
                value: Cow::Owned(value),
                span,
            },
            // A path that ends on a block: the block is present; its "value" is an object.
            Node::Body(b, h) => Leaf {
                value: Cow::Owned(Value::map(b.to_attr_map())),
                span: h,
            },
        })
        .collect())
}

/// Where a walk of [`leaves`] stands: in a body (with its block's header), or in a value.
enum Node<'b> {
    Body(&'b Body, Span),
    Val(Value, Span),
}

/// [`leaves`] of a path of one segment that names no attribute of `body`: the blocks of
/// that name.
fn blocks_named<'b>(body: &'b Body, header: Span, path: &str) -> Result<Vec<Leaf<'b>>, Span> {
    let found: Vec<Leaf> = body
        .blocks(path)
        .map(|blk| Leaf {
            value: Cow::Owned(Value::map(blk.body.to_attr_map())),
            span: blk.header,
        })
        .collect();
    if found.is_empty() {
        Err(header)
    } else {
        Ok(found)
    }
}

/// One segment of a walk: what `seg` names in node `n`, pushed to `next`; `deepest` is the
/// header of the deepest block reached.
fn step<'b>(n: Node<'b>, seg: &'b str, next: &mut Vec<Node<'b>>, deepest: &mut Span) {
    match n {
        Node::Body(b, _) => {
            // Written nulls are kept as leaves, so that a finding about an argument left
            // to its default by `null` points at that `null`.
            if let Some(a) = b.written(seg) {
                next.push(Node::Val(a.value.clone(), a.span));
            } else {
                for blk in b.blocks(seg) {
                    *deepest = blk.header;
                    next.push(Node::Body(&blk.body, blk.header));
                }
            }
        }
        Node::Val(v, span) => match &v.kind {
            Kind::Unknown(_) => next.push(Node::Val(v.clone(), span)),
            Kind::List(items) | Kind::Set(items) => {
                for item in items.iter() {
                    if let Some(x) = item.as_map().and_then(|m| m.get(seg)) {
                        next.push(Node::Val(x.clone(), span));
                    } else if item.is_unknown() {
                        next.push(Node::Val(item.clone(), span));
                    }
                }
            }
            _ => {
                if let Some(x) = v.as_map().and_then(|m| m.get(seg)) {
                    next.push(Node::Val(x.clone(), span));
                }
            }
        },
    }
}

fn attribute<'c>(body: &Body, header: Span, path: &'c str, c: &Cond) -> Tri<'c> {
    // Most paths name one attribute of the body itself: judged where it is written,
    // without copying it into a vector of leaves (the same leaf [`leaves`] finds).
    let found = if path.contains('.') {
        leaves(body, header, path)
    } else if let Some(a) = body.written(path) {
        let leaf = Leaf {
            value: Cow::Borrowed(&a.value),
            span: a.span,
        };
        return judge_leaves(std::slice::from_ref(&leaf), path, c);
    } else {
        blocks_named(body, header, path)
    };
    match found {
        Ok(leaves) => judge_leaves(&leaves, path, c),
        Err(h) => absent(c, h, path, None),
    }
}

/// Judges the leaves found at `path` by the predicates of `c`: the first that fails
/// decides; otherwise one that cannot be judged leaves the condition unknown.
fn judge_leaves<'c>(leaves: &[Leaf<'_>], path: &'c str, c: &Cond) -> Tri<'c> {
    let fail = |span: Span, value: Option<Value>| Tri::False {
        span,
        value,
        attribute: path,
    };
    let mut unknown = None;
    for leaf in leaves {
        // `null` is the argument left out, wherever it is written (an attribute, a key
        // of an object value, an attribute of a nested or dynamic block): judged as
        // absent, at the `null`.
        if leaf.value.is_null() {
            match absent(c, leaf.span, path, Some(&leaf.value)) {
                Tri::True => continue,
                Tri::Unknown(u) => {
                    unknown.get_or_insert(u);
                    continue;
                }
                f @ Tri::False { .. } => return f,
            }
        }
        if c.present == Some(false) {
            return fail(leaf.span, Some(Value::clone(&leaf.value)));
        }
        for (value, span) in elements(&leaf.value, leaf.span, c) {
            match predicate(value, c) {
                Some(true) => {}
                Some(false) => return fail(span, Some(value.clone())),
                None if value.has_unknown() => {
                    unknown.get_or_insert_with(|| unknown_reason(value, path));
                }
                // A known value a predicate cannot judge: a schedule too irregular to
                // tell how far apart its runs are.
                None => {
                    unknown.get_or_insert_with(|| {
                        format!("{path} = {}: how often it runs is not judged", short(value))
                    });
                }
            }
        }
    }
    unknown.map_or(Tri::True, Tri::Unknown)
}

/// The values a predicate applies to: a list is judged element by element unless the
/// predicate compares whole lists. Each element points at its own span when it was
/// written inside the attribute's expression.
fn elements<'v>(v: &'v Value, span: Span, c: &Cond) -> impl Iterator<Item = (&'v Value, Span)> {
    let compares_list = matches!(c.equals, Some(toml::Value::Array(_)))
        || matches!(c.not_equals, Some(toml::Value::Array(_)));
    let judged: &[Value] = match &v.kind {
        Kind::List(items) | Kind::Set(items) if !compares_list && c.present.is_none() => items,
        _ => std::slice::from_ref(v),
    };
    judged.iter().map(move |x| (x, x.span_within(span)))
}

fn unknown_reason(v: &Value, path: &str) -> String {
    match v.first_unknown() {
        Some(u) => format!("{path}: {}", u.reason),
        None => format!("{path} is known only after apply"),
    }
}

/// An attribute that is not set, judged at `at`: with its provider default when the
/// condition gives one. `written` is the `null` it was set to, if it was, so that the
/// finding tells where that null came from (`null is the default of var.key`).
fn absent<'c>(c: &Cond, at: Span, path: &'c str, written: Option<&Value>) -> Tri<'c> {
    let fail = |value: Option<Value>| Tri::False {
        span: at,
        value,
        attribute: path,
    };
    match c.present {
        Some(true) => return fail(written.cloned()),
        Some(false) => return Tri::True,
        None => {}
    }
    if *c.absent_meets.get_or_init(|| absent_meets(c)) {
        return Tri::True;
    }
    match &c.default {
        Some(default) => fail(Some(from_toml(default))),
        None => fail(written.cloned()),
    }
}

/// Whether the predicates of `c` hold on an absent target: its default, or null without
/// one.
fn absent_meets(c: &Cond) -> bool {
    let judged = c.default.as_ref().map_or_else(Value::null, from_toml);
    predicate(&judged, c) == Some(true)
}

/// Whether a value meets the predicates of `c`; `None` when that is known only after
/// apply. A value known in part is still judged where its known part decides: a list of
/// one ARN known only after apply is not the empty list, whatever the ARN turns out to be.
fn predicate(v: &Value, c: &Cond) -> Option<bool> {
    if let Some(types) = &c.references {
        return match &v.kind {
            Kind::Unknown(u) => u
                .refers_to
                .as_ref()
                .map(|address| types.iter().any(|t| *t == resource_type(address))),
            _ => Some(false),
        };
    }
    if presence_only(c) {
        return Some(!v.is_null());
    }
    // Three-valued conjunction: one predicate that certainly fails decides; otherwise
    // one that cannot be judged leaves the whole unknown.
    // Each test that `c` does not ask for passes.
    let equals = c
        .equals
        .as_ref()
        .map_or(Some(true), |e| loose_eq_toml(v, e));
    let not_equals = c
        .not_equals
        .as_ref()
        .map_or(Some(true), |e| loose_eq_toml(v, e).map(|eq| !eq));
    let others = c.one_of.is_some()
        || c.not_one_of.is_some()
        || c.matches.is_some()
        || c.not_matches.is_some()
        || [c.gt, c.gte, c.lt, c.lte].iter().any(Option::is_some)
        || c.schedule_within_days.is_some();
    // Set, as `presence_only` judges it, whatever is unknown inside.
    let present = if c.present == Some(true) {
        Some(!v.is_null())
    } else {
        Some(true)
    };
    let rest = if !others {
        Some(true)
    } else if v.has_unknown() {
        None
    } else {
        known_predicates(v, c)
    };
    let tests = [equals, not_equals, present, rest];
    if tests.contains(&Some(false)) {
        Some(false)
    } else if tests.contains(&None) {
        None
    } else {
        Some(true)
    }
}

/// The predicates of `c` other than `equals`, `not_equals` and `present`, on a wholly
/// known value.
fn known_predicates(v: &Value, c: &Cond) -> Option<bool> {
    let mut ok = true;
    if let Some(list) = &c.one_of {
        ok &= list.iter().any(|e| loose_eq_toml(v, e) == Some(true));
    }
    if let Some(list) = &c.not_one_of {
        ok &= !list.iter().any(|e| loose_eq_toml(v, e) == Some(true));
    }
    if let Some(p) = &c.matches {
        ok &= v.to_template_string().is_some_and(|s| p.is_match(&s));
    }
    if let Some(p) = &c.not_matches {
        ok &= !v.to_template_string().is_some_and(|s| p.is_match(&s));
    }
    let n = v.as_number();
    for (bound, cmp) in [
        (c.gt, (|a: f64, b: f64| a > b) as fn(f64, f64) -> bool),
        (c.gte, |a, b| a >= b),
        (c.lt, |a, b| a < b),
        (c.lte, |a, b| a <= b),
    ] {
        if let Some(b) = bound {
            ok &= n.is_some_and(|a| cmp(a, b));
        }
    }
    if let Some(days) = c.schedule_within_days {
        let schedule = v
            .as_str()
            .map(str::trim)
            .filter(|s| s.starts_with("rate(") || s.starts_with("cron("));
        match schedule {
            Some(s) => ok &= super::schedule::max_interval_days(s)? <= days,
            None => ok = false,
        }
    }
    Some(ok)
}

/// Whether `present` is the only predicate of `c`.
fn presence_only(c: &Cond) -> bool {
    c.present.is_some()
        && c.equals.is_none()
        && c.not_equals.is_none()
        && c.one_of.is_none()
        && c.not_one_of.is_none()
        && c.matches.is_none()
        && c.not_matches.is_none()
        && c.gt.is_none()
        && c.gte.is_none()
        && c.lt.is_none()
        && c.lte.is_none()
        && c.schedule_within_days.is_none()
}

/// The resource type of an instance address: `aws_kms_key` for
/// `module.app.aws_kms_key.main["a"]`, `data.aws_kms_key` for a data source.
fn resource_type(address: &str) -> String {
    let mut segments = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, ch) in address.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                segments.push(&address[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&address[start..]);
    let mut i = 0;
    while i + 1 < segments.len() && segments[i] == "module" {
        i += 2;
    }
    match segments.get(i) {
        Some(&"data") => format!("data.{}", segments.get(i + 1).unwrap_or(&"")),
        Some(t) => (*t).to_string(),
        None => String::new(),
    }
}

/// Equality as Terraform's type conversion sees it: `"true"` equals `true`, `"5"` equals
/// 5. `None` when only values known after apply could tell. A list's length is known
/// before its elements are (`[aws_sns_topic.a.arn]` has one element), so lists of
/// different lengths differ. Of a set with unknown elements, or a collection of unknown
/// length, only whether it is empty may be known: unknown elements may merge with
/// others after apply, but a set or list that holds one element is never empty.
fn loose_eq(a: &Value, b: &Value) -> Option<bool> {
    if let (Some(x), Some(y)) = (scalar_text(a), scalar_text(b)) {
        return Some(
            x == y
                || (a.as_number().is_some()
                    && b.as_number().is_some()
                    && a.as_number() == b.as_number()),
        );
    }
    if let (Kind::List(xs), Kind::List(ys)) = (&a.kind, &b.kind) {
        if xs.len() != ys.len() {
            return Some(false);
        }
        let mut all = Some(true);
        for (x, y) in xs.iter().zip(ys.iter()) {
            match loose_eq(x, y) {
                Some(false) => return Some(false),
                None => all = None,
                Some(true) => {}
            }
        }
        return all;
    }
    if let (Some(x), Some(y)) = (emptiness(a), emptiness(b))
        && x != y
    {
        return Some(false);
    }
    let set_in_part = |v: &Value| matches!(&v.kind, Kind::Set(_)) && v.has_unknown();
    if set_in_part(a) || set_in_part(b) {
        return None;
    }
    a.equals(b)
}

/// [`loose_eq`] against a value of a check file, which is a string or a bool nearly
/// always: compared as its text without being built into a [`Value`] first. A string
/// and a value of another text can still be equal numbers (`"5.0"` and `5`): that case,
/// and every other kind, is answered by [`loose_eq`] itself.
fn loose_eq_toml(a: &Value, b: &toml::Value) -> Option<bool> {
    let text = match b {
        toml::Value::String(s) => s.as_str(),
        toml::Value::Boolean(true) => "true",
        toml::Value::Boolean(false) => "false",
        _ => return loose_eq(a, &from_toml(b)),
    };
    match scalar_text(a) {
        Some(x) if x == text => Some(true),
        // Equal numbers need `a` to be one (`b`, a bool, never is).
        Some(_) if a.as_number().is_none() => Some(false),
        _ => loose_eq(a, &from_toml(b)),
    }
}

/// A scalar's text as a template would render it ([`Value::to_template_string`]),
/// borrowed when the value holds it.
fn scalar_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match &v.kind {
        Kind::String(s) => Some(std::borrow::Cow::Borrowed(s)),
        Kind::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b {
            "true"
        } else {
            "false"
        })),
        _ => v.to_template_string().map(std::borrow::Cow::Owned),
    }
}

/// Whether a collection is empty, when that is known: a list or set as written, or one
/// of unknown length that holds at least one element (`concat([aws_sns_topic.a.arn],
/// var.more)`).
fn emptiness(v: &Value) -> Option<bool> {
    match (&v.kind, v.partial()) {
        (Kind::List(xs) | Kind::Set(xs), _) => Some(xs.is_empty()),
        (_, Some(Partial::Elements(xs))) if !xs.is_empty() => Some(false),
        _ => None,
    }
}

pub fn from_toml(t: &toml::Value) -> Value {
    match t {
        toml::Value::String(s) => Value::string(s.as_str()),
        toml::Value::Integer(i) => Value::number(*i as f64),
        toml::Value::Float(f) => Value::number(*f),
        toml::Value::Boolean(b) => Value::bool(*b),
        toml::Value::Datetime(d) => Value::string(d.to_string()),
        toml::Value::Array(a) => Value::list(a.iter().map(from_toml).collect()),
        toml::Value::Table(t) => {
            Value::map(t.iter().map(|(k, v)| (k.clone(), from_toml(v))).collect())
        }
    }
}

const DEFAULT_MATCHING: [&str; 4] = ["id", "arn", "name", "bucket"];

/// The names a literal reference is matched against (a companion naming the instance by
/// `name`, `arn`, `bucket`… rather than by reference), in order; collected into no vector.
fn matching_names(matching: &[String]) -> impl Iterator<Item = &str> {
    let default: &[&str] = if matching.is_empty() {
        &DEFAULT_MATCHING
    } else {
        &[]
    };
    matching
        .iter()
        .map(String::as_str)
        .chain(default.iter().copied())
}

/// Judges the companions that refer to the instance (by reference, or by a literal
/// equal to one of its matching names), found by
/// hash lookups in the model's index of the companions' `via` values: O(companions of
/// this instance), not a scan of every companion per instance.
fn related<'c>(cx: &Ctx<'_>, rel: &'c Relation, header: Span) -> Tri<'c> {
    let index = cx.model.value_index(&cx.inst.root, &rel.resource, &rel.via);
    let mut companions: Vec<usize> = index
        .by_reference
        .get(&*cx.inst.address)
        .cloned()
        .unwrap_or_default();
    for name in matching_names(&rel.matching) {
        if let Some(text) = cx.inst.body.attr(name).and_then(|a| a.value.as_str()) {
            companions.extend(index.by_string.get(text).into_iter().flatten());
        }
    }
    // In declaration order, each once.
    companions.sort_unstable();
    companions.dedup();
    let results: Vec<Tri> = companions
        .iter()
        .filter_map(|i| cx.model.instances.get(*i))
        .map(|comp| {
            all(rel
                .require
                .iter()
                .map(|c| eval(cx, &comp.body, comp.header, c)))
        })
        .collect();
    // A companion whose reference is known only after apply may refer to it.
    let maybe = index.unknown;
    if results.iter().any(Tri::is_true) {
        return Tri::True;
    }
    if maybe {
        return Tri::Unknown(format!(
            "an {} refers to a resource known only after apply",
            rel.resource
        ));
    }
    any(results.into_iter(), header, &rel.resource)
}

fn referenced<'c>(cx: &Ctx<'_>, body: &Body, header: Span, r: &'c Reference) -> Tri<'c> {
    let Some(via) = body.attr(&r.via) else {
        return Tri::False {
            span: header,
            value: None,
            attribute: &r.via,
        };
    };
    let target = match &via.value.kind {
        Kind::Unknown(u) => match &u.refers_to {
            Some(address) => cx.model.get_in(&cx.inst.root, address),
            None => return Tri::Unknown(unknown_reason(&via.value, &r.via)),
        },
        Kind::String(text) => {
            // The first instance that one of the matching names equals the literal.
            let found = matching_names(&r.matching)
                .filter_map(|name| {
                    cx.model
                        .value_index(&cx.inst.root, &r.resource, name)
                        .by_string
                        .get(&**text)
                        .and_then(|list| list.first().copied())
                })
                .min()
                .and_then(|i| cx.model.instances.get(i));
            if found.is_none() {
                return Tri::Unknown(format!(
                    "{} names a {} this configuration does not declare",
                    r.via, r.resource
                ));
            }
            found
        }
        _ => None,
    };
    let target = match target {
        // A data source's settings are looked up, not configured here.
        Some(t) if t.mode == crate::model::Mode::Data => {
            return Tri::Unknown(format!(
                "{} names {}, whose settings are not in this configuration",
                r.via, t.address
            ));
        }
        Some(t) if *t.rtype == *r.resource => t,
        // Points at a resource of another type: named by its address.
        other => {
            return Tri::False {
                span: via.span,
                value: other.map(|t| Value::string(&*t.address)),
                attribute: &r.via,
            };
        }
    };
    // A requirement of the referenced resource fails at the attribute that points at it:
    // the finding belongs to the checked resource.
    match all(r
        .require
        .iter()
        .map(|c| eval(cx, &target.body, target.header, c)))
    {
        Tri::False { value, .. } => Tri::False {
            span: via.span,
            value,
            attribute: &r.via,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`absent`] before its verdict was kept per condition: the predicates judged the
    /// default, or null, on every call.
    fn absent_judged_each_time<'c>(
        c: &Cond,
        at: Span,
        path: &'c str,
        written: Option<&Value>,
    ) -> Tri<'c> {
        let fail = |value: Option<Value>| Tri::False {
            span: at,
            value,
            attribute: path,
        };
        match c.present {
            Some(true) => return fail(written.cloned()),
            Some(false) => return Tri::True,
            None => {}
        }
        let Some(default) = c.default.as_ref().map(from_toml) else {
            return match predicate(&Value::null(), c) {
                Some(true) => Tri::True,
                _ => fail(written.cloned()),
            };
        };
        match predicate(&default, c) {
            Some(true) => Tri::True,
            _ => fail(Some(default)),
        }
    }

    /// Every condition of every built-in check, nested ones included.
    fn every_condition(conds: &[Cond], out: &mut Vec<Cond>) {
        for c in conds {
            out.push(c.clone());
            for sub in c.nested() {
                every_condition(std::slice::from_ref(sub), out);
            }
        }
    }

    /// The verdict kept per condition is the one judging each time gives, on its first
    /// use and after, for an attribute left out and one written as null.
    #[test]
    fn an_absent_attribute_is_judged_as_each_time() {
        let mut conds = Vec::new();
        for (source, embedded) in crate::engine::BUILTIN_CHECKS {
            let check = crate::check::parse_builtin(
                source.to_string(),
                *embedded,
                crate::check::Logic::Declarative,
            )
            .expect("a built-in check reads");
            every_condition(&check.when, &mut conds);
            every_condition(&check.require, &mut conds);
        }
        assert!(conds.len() > 300, "{} conditions", conds.len());
        let at = Span::new(crate::source::FileId(3), 10..20);
        let null = Value::null();
        for c in &conds {
            for _ in 0..2 {
                for written in [None, Some(&null)] {
                    assert_eq!(
                        format!("{:?}", absent(c, at, "a.b", written)),
                        format!("{:?}", absent_judged_each_time(c, at, "a.b", written)),
                        "{c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        let v = Value::string("{attribute}");
        assert_eq!(
            fill("{attribute} is {value}", Some(&Shown::new(&v)), "acl"),
            format!("acl is {}", short(&v))
        );
        assert_eq!(fill("{value} at {attribute}", None, "x.y"), "absent at x.y");
        assert_eq!(fill("no {placeholder} {", None, "a"), "no {placeholder} {");
        assert_eq!(fill("é{value}", None, "a"), "éabsent");
    }
}
