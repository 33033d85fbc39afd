//! Evaluation of HCL expressions and templates against a module instance's scope.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::Span as _;
use hcl_edit::expr::{
    BinaryOperator, Conditional, Expression, ForExpr, Object, ObjectKey, TraversalOperator,
    UnaryOperator,
};
use hcl_edit::template::{Directive, Element, ForDirective, IfDirective, Template};

use super::functions::{self, FnContext, FnError};
use super::module::{ModInst, RootEval};
use crate::diag::{DiagKind, Diagnostic};
use crate::source::{FileId, Span};
use crate::value::{Kind, Partial, Provenance, Value, format_number};

/// An evaluation failure: Terraform would reject the configuration here, or tfscan
/// refused to go on (a limit, a read outside the scanned tree).
#[derive(Debug, Clone)]
pub struct EvalError {
    /// What the diagnostic reporting it is: `Evaluation` unless a limit, a cycle or a
    /// refused read stopped evaluation.
    pub kind: DiagKind,
    pub message: String,
    pub span: Span,
}

pub type EvalResult = Result<Value, EvalError>;

/// A name bound by a `for` expression, a `dynamic` block's iterator or a template.
pub struct Bind {
    pub name: String,
    pub value: Value,
    pub next: Option<Rc<Bind>>,
}

/// What names mean at one point of a module: the file, `count.index`, `each`, and local
/// bindings. Cheap to clone.
#[derive(Clone)]
pub struct Scope {
    pub file: FileId,
    pub count_index: Option<Value>,
    pub each: Option<(Value, Value)>,
    pub binds: Option<Rc<Bind>>,
    /// Expressions from a text outside the source map (a `templatefile` template) report
    /// this span instead of their own.
    pub detached: Option<Span>,
}

impl Scope {
    pub fn new(file: FileId) -> Scope {
        Scope {
            file,
            count_index: None,
            each: None,
            binds: None,
            detached: None,
        }
    }

    pub fn bind(&self, name: &str, value: Value) -> Scope {
        let mut s = self.clone();
        s.binds = Some(Rc::new(Bind {
            name: name.to_string(),
            value,
            next: self.binds.clone(),
        }));
        s
    }

    fn lookup(&self, name: &str) -> Option<&Value> {
        let mut b = self.binds.as_deref();
        while let Some(bind) = b {
            if bind.name == name {
                return Some(&bind.value);
            }
            b = bind.next.as_deref();
        }
        None
    }

    pub fn span_of(&self, range: Option<std::ops::Range<usize>>) -> Span {
        if let Some(d) = self.detached {
            return d;
        }
        Span::new(self.file, range.unwrap_or(0..0))
    }
}

fn err(message: impl Into<String>, span: Span) -> EvalError {
    EvalError {
        kind: DiagKind::Evaluation,
        message: message.into(),
        span,
    }
}

impl ModInst<'_, '_> {
    /// Evaluates an expression; failures are errors (see [`ModInst::eval_or_unknown`]).
    pub fn eval(&self, expr: &Expression, sc: &Scope) -> EvalResult {
        self.eval_at(expr, sc, sc.span_of(expr.span()))
    }

    /// [`ModInst::eval`] of an expression whose span (`sc.span_of(expr.span())`) the
    /// caller has already found.
    fn eval_at(&self, expr: &Expression, sc: &Scope, span: Span) -> EvalResult {
        self.nested(span, || self.eval_inner(expr, sc, span))
    }

    /// Runs `f` one level deeper in the expression-depth budget: every recursion the input
    /// controls (sub-expressions, splats, locals, resources and module outputs referring to
    /// each other) goes through here, and the budget is the root's, shared by its module
    /// instances, so no input can nest deeper than the evaluation thread's stack allows
    /// (see [`super::stack_size`]).
    pub(crate) fn nested(&self, span: Span, f: impl FnOnce() -> EvalResult) -> EvalResult {
        let depth = self.root.expr_depth.get();
        let max = self.root.opts.limits.expr_depth();
        if depth >= max {
            return Err(EvalError {
                kind: DiagKind::Limit,
                message: format!("expression nesting deeper than {max} levels; not evaluated"),
                span,
            });
        }
        // `--timeout` is honoured inside an expression too: one costly expression
        // (`alltrue` over nested ranges) would otherwise hold its root past the deadline
        // and the process would stop with nothing reported. The clock is read every
        // 1,024 expressions.
        let n = self.root.evaluated.get().wrapping_add(1);
        self.root.evaluated.set(n);
        if n.is_multiple_of(1024) && self.root.opts.limits.expired() {
            return Err(EvalError {
                kind: DiagKind::Limit,
                message:
                    "--timeout reached: this expression was not finished; its value is undecided"
                        .into(),
                span,
            });
        }
        self.root.expr_depth.set(depth + 1);
        let out = f();
        self.root.expr_depth.set(depth);
        out
    }

    /// Evaluates an expression; a failure becomes an evaluation diagnostic and an unknown.
    pub fn eval_or_unknown(&self, expr: &Expression, sc: &Scope) -> Value {
        self.eval_or_unknown_at(expr, sc, sc.span_of(expr.span()))
    }

    /// [`ModInst::eval_or_unknown`] of an expression whose span the caller has already
    /// found (an attribute's value, kept with the span).
    pub(crate) fn eval_or_unknown_at(&self, expr: &Expression, sc: &Scope, span: Span) -> Value {
        match self.eval_at(expr, sc, span) {
            Ok(v) => v,
            Err(e) => {
                self.root
                    .diag(Diagnostic::new(e.kind, e.message.clone(), Some(e.span)));
                Value::unknown(format!("evaluation failed: {}", e.message))
            }
        }
    }

    /// A number literal: its f64 when that is the number written, else an unknown naming
    /// it ([`crate::value::holds_exactly`]). hcl-edit reads a literal into a u64, an i64
    /// or an f64, and keeps its text; a literal it refuses (no finite f64) the loader
    /// parses as zeros of the same length ([`crate::loader::parse_hcl`]), so that literal's
    /// text is the source's at its span, not the zeros hcl-edit saw.
    fn number_literal(&self, n: &hcl_edit::Formatted<hcl_edit::Number>, span: Span) -> Value {
        const EXACT: u64 = 1 << 53;
        let number = n.value();
        if let Some(i) = number
            .as_i64()
            .filter(|i| *i != 0 && i.unsigned_abs() <= EXACT)
        {
            return Value::at(Kind::Number(i as f64), span);
        }
        let f = number.as_f64().unwrap_or(f64::NAN);
        let Some(repr) = n.as_repr() else {
            return Value::at(Kind::Number(f), span);
        };
        if f == 0.0 && &**repr != "0" {
            // The loader's zeros stand where the source has a number of the same length.
            let text = self.root.loaded.sources.snippet(span);
            if text.len() == repr.len()
                && *text != **repr
                && crate::value::number_from_text(&text).is_some()
            {
                return crate::value::number_beyond(&text);
            }
        }
        if crate::value::holds_exactly(repr, f) {
            Value::at(Kind::Number(f), span)
        } else {
            crate::value::number_beyond(repr)
        }
    }

    fn eval_inner(&self, expr: &Expression, sc: &Scope, span: Span) -> EvalResult {
        Ok(match expr {
            Expression::Null(_) => Value::at(Kind::Null, span),
            Expression::Bool(b) => Value::at(Kind::Bool(*b.value()), span),
            Expression::Number(n) => self.number_literal(n, span),
            Expression::String(s) => Value::at(Kind::String(Arc::from(s.value().as_str())), span),
            Expression::Array(a) => {
                let mut items = Vec::with_capacity(a.len());
                for e in a.iter() {
                    items.push(self.eval(e, sc)?);
                }
                Value::at(Kind::List(Arc::new(items)), span)
            }
            Expression::Object(o) => self.eval_object(o, sc, span)?,
            Expression::StringTemplate(t) => self.eval_template(t, sc, span)?,
            Expression::HeredocTemplate(h) => self.eval_template(&h.template, sc, span)?,
            Expression::Parenthesis(p) => self.eval(p.inner(), sc)?,
            Expression::Variable(v) => {
                let name = v.value().as_str();
                match sc.lookup(name) {
                    Some(val) => val.clone(),
                    None => return Err(err(format!("unknown variable '{name}'"), span)),
                }
            }
            Expression::Conditional(c) => self.eval_conditional(c, sc)?,
            Expression::FuncCall(f) => self.eval_call(f, sc, span)?,
            Expression::Traversal(t) => self.eval_traversal(&t.expr, &t.operators, sc, span)?,
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr, sc)?;
                if v.is_unknown() {
                    return Ok(v);
                }
                match u.operator.value() {
                    UnaryOperator::Neg => match v.to_number() {
                        Some(n) if n.is_unknown() => n,
                        Some(n) => {
                            Value::at(Kind::Number(-n.as_number().unwrap_or(f64::NAN)), span)
                        }
                        None => return Err(err("'-' needs a number", span)),
                    },
                    UnaryOperator::Not => match v.as_bool() {
                        Some(b) => Value::at(Kind::Bool(!b), span),
                        None => return Err(err("'!' needs a bool", span)),
                    },
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.eval(&b.lhs_expr, sc)?;
                let r = self.eval(&b.rhs_expr, sc)?;
                binary(*b.operator.value(), &l, &r, span)?
            }
            Expression::ForExpr(f) => self.eval_for(f, sc, span)?,
        })
    }

    /// An object constructor: each key an identifier, or an expression that must yield a
    /// string; unknown when a key is known only after apply.
    fn eval_object(&self, o: &Object, sc: &Scope, span: Span) -> EvalResult {
        let mut map = BTreeMap::new();
        for (k, v) in o.iter() {
            let key = match k {
                ObjectKey::Ident(id) => id.value().as_str().to_string(),
                ObjectKey::Expression(e) => {
                    // `(var.x) = …` and `"${a}" = …` keys are expressions; a bare
                    // word like `key = …` parses as a variable but means the string.
                    if let Expression::Variable(v) = e {
                        v.value().as_str().to_string()
                    } else {
                        let kv = self.eval(e, sc)?;
                        if kv.is_unknown() {
                            return Ok(Value::unknown("object key known only after apply"));
                        }
                        kv.to_template_string().ok_or_else(|| {
                            err("object key must be a string", sc.span_of(e.span()))
                        })?
                    }
                }
            };
            map.insert(key, self.eval(v.expr(), sc)?);
        }
        Ok(Value::at(Kind::Map(Arc::new(map)), span))
    }

    /// `cond ? a : b`: the branch the condition picks.
    fn eval_conditional(&self, c: &Conditional, sc: &Scope) -> EvalResult {
        let cond = self.eval(&c.cond_expr, sc)?;
        if cond.is_unknown() {
            // The result is one of the branches, not the condition: it keeps the
            // condition's reason but refers to none of the resources the condition
            // reads (`length(ids) > 0 ? ids : null` is not `ids[0]`'s resource).
            let reason = cond
                .first_unknown()
                .map(|u| u.reason.clone())
                .unwrap_or_else(|| "condition is known only after apply".into());
            return Ok(Value::unknown(reason));
        }
        match cond.as_bool() {
            Some(true) => self.eval(&c.true_expr, sc),
            Some(false) => self.eval(&c.false_expr, sc),
            None => Err(err(
                format!("condition must be a bool, not {}", cond.type_name()),
                sc.span_of(c.cond_expr.span()),
            )),
        }
    }

    fn eval_template(&self, t: &Template, sc: &Scope, span: Span) -> EvalResult {
        // A template that is a single interpolation yields the value itself, not a string.
        if t.len() == 1
            && let Some(Element::Interpolation(i)) = t.get(0)
        {
            return self.eval(&i.expr, sc);
        }
        let mut out = Rendered::new(&self.root.text_buffer);
        self.render_elements(t, sc, (false, false), &mut out)?;
        Ok(out.finish(span))
    }

    /// Renders template elements. `(lead, tail)` say whether the enclosing directive's
    /// `~` markers strip the whitespace at the start of the first and the end of the last
    /// literal. The elements are read by position: `Template::iter` boxes its iterator.
    fn render_elements(
        &self,
        elements: &Template,
        sc: &Scope,
        (lead, tail): (bool, bool),
        out: &mut Rendered,
    ) -> Result<(), EvalError> {
        let mut strip_next = lead;
        let last = elements.len().saturating_sub(1);
        for i in 0..elements.len() {
            let Some(el) = elements.get(i) else { break };
            let strip_prev_of_next = (i == last && tail)
                || match elements.get(i + 1) {
                    Some(Element::Interpolation(n)) => n.strip.strip_start(),
                    Some(Element::Directive(d)) => match d.as_ref() {
                        Directive::If(x) => x.if_expr.strip.strip_start(),
                        Directive::For(x) => x.for_expr.strip.strip_start(),
                    },
                    _ => false,
                };
            match el {
                Element::Literal(l) => {
                    let mut s: &str = l.value();
                    if strip_next {
                        s = s.trim_start();
                    }
                    if strip_prev_of_next {
                        s = s.trim_end();
                    }
                    out.text.push_str(s);
                    strip_next = false;
                }
                Element::Interpolation(interp) => {
                    let v = self.eval(&interp.expr, sc)?;
                    self.push_template_value(&v, sc, &interp.expr, out)?;
                    strip_next = interp.strip.strip_end();
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(x) => {
                        self.render_if(x, sc, out)?;
                        strip_next = x.endif_expr.strip.strip_end();
                    }
                    Directive::For(x) => {
                        self.render_for(x, sc, out)?;
                        strip_next = x.endfor_expr.strip.strip_end();
                    }
                },
            }
        }
        Ok(())
    }

    /// Renders the branch of `%{ if }` its condition picks, with the `~` markers of the
    /// directives around it; an unknown condition makes the rendering unknown.
    fn render_if(&self, x: &IfDirective, sc: &Scope, out: &mut Rendered) -> Result<(), EvalError> {
        let c = self.eval(&x.if_expr.cond_expr, sc)?;
        if c.is_unknown() {
            out.push_any(&propagate(&c, "template condition"));
            return Ok(());
        }
        let branch = match c.as_bool() {
            Some(true) => Some(&x.if_expr.template),
            Some(false) => x.else_expr.as_ref().map(|e| &e.template),
            None => {
                return Err(err(
                    "template if condition must be a bool",
                    sc.span_of(x.if_expr.cond_expr.span()),
                ));
            }
        };
        let close = x
            .else_expr
            .as_ref()
            .map(|e| e.strip.strip_start())
            .unwrap_or(x.endif_expr.strip.strip_start());
        let trims = match (c.as_bool(), &x.else_expr) {
            (Some(false), Some(e)) => (e.strip.strip_end(), x.endif_expr.strip.strip_start()),
            _ => (x.if_expr.strip.strip_end(), close),
        };
        if let Some(t) = branch {
            self.render_elements(t, sc, trims, out)?;
        }
        Ok(())
    }

    /// Renders the body of `%{ for }` once per element of its collection; an unknown
    /// collection makes the rendering unknown.
    fn render_for(
        &self,
        x: &ForDirective,
        sc: &Scope,
        out: &mut Rendered,
    ) -> Result<(), EvalError> {
        let coll = self.eval(&x.for_expr.collection_expr, sc)?;
        let pairs = iterate(&coll, sc.span_of(x.for_expr.collection_expr.span()))?;
        let Some(pairs) = pairs else {
            out.push_any(&propagate(&coll, "template for"));
            return Ok(());
        };
        for (k, v) in pairs {
            let mut inner = sc.bind(x.for_expr.value_var.value().as_str(), v);
            if let Some(kv) = &x.for_expr.key_var {
                inner = inner.bind(kv.value().as_str(), k);
            }
            let trims = (
                x.for_expr.strip.strip_end(),
                x.endfor_expr.strip.strip_start(),
            );
            self.render_elements(&x.for_expr.template, &inner, trims, out)?;
        }
        Ok(())
    }

    fn push_template_value(
        &self,
        v: &Value,
        sc: &Scope,
        expr: &Expression,
        out: &mut Rendered,
    ) -> Result<(), EvalError> {
        if v.is_unknown() {
            out.push_unknown(v);
            return Ok(());
        }
        if v.push_template_text(&mut out.text) {
            return Ok(());
        }
        match v {
            v if v.is_null() => Err(err(
                "template interpolation of a null value",
                sc.span_of(expr.span()),
            )),
            _ => Err(err(
                format!("cannot interpolate a {} into a string", v.type_name()),
                sc.span_of(expr.span()),
            )),
        }
    }

    fn eval_for(&self, f: &ForExpr, sc: &Scope, span: Span) -> EvalResult {
        let coll = self.eval(&f.intro.collection_expr, sc)?;
        let Some(pairs) = iterate(&coll, sc.span_of(f.intro.collection_expr.span()))? else {
            return Ok(propagate(&coll, "for expression collection"));
        };
        let value_var = f.intro.value_var.value().as_str();
        let key_var = f.intro.key_var.as_ref().map(|k| k.value().as_str());
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for (k, v) in pairs {
            let mut inner = sc.bind(value_var, v);
            if let Some(kv) = key_var {
                inner = inner.bind(kv, k);
            }
            if let Some(cond) = &f.cond {
                let c = self.eval(&cond.expr, &inner)?;
                if c.is_unknown() {
                    return Ok(propagate(&c, "for expression condition"));
                }
                match c.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        return Err(err(
                            "for expression condition must be a bool",
                            sc.span_of(cond.expr.span()),
                        ));
                    }
                }
            }
            let val = self.eval(&f.value_expr, &inner)?;
            match &f.key_expr {
                None => list.push(val),
                Some(ke) => {
                    let key = self.eval(ke, &inner)?;
                    if key.is_unknown() {
                        return Ok(propagate(&key, "for expression key"));
                    }
                    let Some(key) = key.to_template_string() else {
                        return Err(err(
                            "for expression key must be a string",
                            sc.span_of(ke.span()),
                        ));
                    };
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                    } else if map.insert(key.clone(), val).is_some() {
                        return Err(err(
                            format!("duplicate key \"{key}\" in for expression; use ... to group"),
                            span,
                        ));
                    }
                }
            }
        }
        Ok(match &f.key_expr {
            None => Value::at(Kind::List(Arc::new(list)), span),
            Some(_) if f.grouping => Value::at(
                Kind::Map(Arc::new(
                    groups
                        .into_iter()
                        .map(|(k, v)| (k, Value::list(v)))
                        .collect(),
                )),
                span,
            ),
            Some(_) => Value::at(Kind::Map(Arc::new(map)), span),
        })
    }

    fn eval_call(&self, f: &hcl_edit::expr::FuncCall, sc: &Scope, span: Span) -> EvalResult {
        let name = f.name.name.value().as_str();
        if f.name.is_namespaced() {
            self.root.unsupported_function(
                &format!(
                    "{}::{name}",
                    f.name
                        .namespace
                        .iter()
                        .map(|n| n.value().as_str())
                        .collect::<Vec<_>>()
                        .join("::")
                ),
                span,
            );
            return Ok(Value::unknown(format!(
                "provider function {name} is not evaluated"
            )));
        }
        if let Some(result) = self.eval_special_form(name, f, sc, span) {
            return result;
        }
        let mut args = Vec::with_capacity(f.args.len());
        let n = f.args.len();
        for (i, a) in f.args.iter().enumerate() {
            let v = self.eval(a, sc)?;
            if i + 1 == n && f.args.expand_final() {
                match &v.kind {
                    Kind::List(items) | Kind::Set(items) => args.extend(items.iter().cloned()),
                    Kind::Unknown(_) => return Ok(v),
                    _ => return Err(err("the argument before ... must be a list", span)),
                }
            } else {
                args.push(v);
            }
        }
        // Terraform resolves relative paths (`file("${path.module}/x")`) from the working
        // directory, the root module's, and `path.module` is relative to it.
        let module_dir = self.root_module_dir();
        let render = |text: &str, vars: &Value| self.render_template_text(text, vars, sc, span);
        let ctx = FnContext {
            module_dir,
            sandbox: &self.root.loaded.boundary,
            sandbox_is_repository: self.root.loaded.boundary != self.root.loaded.root,
            render_template: &render,
        };
        let result = functions::call(name, &args, &ctx);
        self.call_outcome(name, &args, result, span)
    }

    /// What a function call evaluates to, from the function's result: a result an f64
    /// does not hold exactly is undecided, a computed result keeps the provenance of a
    /// single argument, and each kind of failure becomes its diagnostic.
    fn call_outcome(
        &self,
        name: &str,
        args: &[Value],
        result: Result<Value, FnError>,
        span: Span,
    ) -> EvalResult {
        match result {
            // pow(10, 400) is a number to Terraform (arbitrary precision), not infinity,
            // and parseint("ffffffffffffffffff", 16) one an f64 would round.
            Ok(v)
                if matches!(name, "pow" | "sum" | "parseint")
                    && matches!(v.kind, Kind::Number(n) if !n.is_finite() || n.abs() >= 9_007_199_254_740_992.0) =>
            {
                Ok(Value::unknown(format!(
                    "the result of {name}() is beyond what tfscan computes exactly (a 64-bit float; Terraform keeps 512 bits), so what depends on it is undecided"
                )))
            }
            Ok(mut v) => {
                if v.prov.is_none() {
                    // The result was computed here; a single-argument function keeps the
                    // provenance of its argument so a finding can still point at it.
                    v.prov = match args {
                        [one] if one.prov.is_some() => one.prov.clone(),
                        _ => Provenance::At(span),
                    };
                }
                Ok(v)
            }
            Err(FnError::Unsupported) => {
                self.root.unsupported_function(name, span);
                Ok(Value::unknown(format!(
                    "function {name}() is not supported by tfscan"
                )))
            }
            Err(FnError::Invalid(m)) => Err(err(format!("{name}(): {m}"), span)),
            Err(FnError::Unreadable(m)) => Err(EvalError {
                kind: DiagKind::Read,
                message: format!("{name}(): {m}"),
                span,
            }),
            Err(FnError::Stopped(kind, m)) => Err(EvalError {
                kind,
                message: format!("{name}(): {m}"),
                span,
            }),
        }
    }

    /// `try` and `can`, which take their arguments unevaluated: the first argument that
    /// evaluates, and whether the argument evaluates. Only evaluation errors are tried
    /// past; a limit, a cycle or a refused read is reported. `None` for other functions.
    fn eval_special_form(
        &self,
        name: &str,
        f: &hcl_edit::expr::FuncCall,
        sc: &Scope,
        span: Span,
    ) -> Option<EvalResult> {
        match name {
            "try" => {
                let mut last = None;
                for a in f.args.iter() {
                    match self.eval(a, sc) {
                        Ok(v) => return Some(Ok(v)),
                        // A limit, a cycle or a refused read is reported, never tried past.
                        Err(e) if e.kind != DiagKind::Evaluation => return Some(Err(e)),
                        Err(e) => last = Some(e),
                    }
                }
                Some(Err(last.unwrap_or_else(|| {
                    err("try() needs at least one argument", span)
                })))
            }
            "can" => {
                let Some(a) = f.args.iter().next() else {
                    return Some(Err(err("can() needs one argument", span)));
                };
                Some(match self.eval(a, sc) {
                    Ok(v) if v.is_unknown() => Ok(v),
                    Ok(_) => Ok(Value::at(Kind::Bool(true), span)),
                    Err(e) if e.kind != DiagKind::Evaluation => Err(e),
                    Err(_) => Ok(Value::at(Kind::Bool(false), span)),
                })
            }
            _ => None,
        }
    }

    /// Renders a `templatefile` template with the given variables.
    fn render_template_text(
        &self,
        text: &str,
        vars: &Value,
        sc: &Scope,
        span: Span,
    ) -> Result<Value, FnError> {
        let template = hcl_edit::parser::parse_template(text)
            .map_err(|e| FnError::Invalid(format!("template is not valid: {}", e.message())))?;
        let mut inner = Scope::new(sc.file);
        inner.detached = Some(span);
        if let Some(m) = vars.as_map() {
            for (k, v) in m {
                inner = inner.bind(k, v.clone());
            }
        }
        self.eval_template(&template, &inner, span)
            .map_err(|e| match e.kind {
                DiagKind::Evaluation => FnError::Invalid(e.message),
                DiagKind::Read => FnError::Unreadable(e.message),
                kind => FnError::Stopped(kind, e.message),
            })
    }

    fn eval_traversal(
        &self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        sc: &Scope,
        span: Span,
    ) -> EvalResult {
        let (base, consumed) = match root {
            Expression::Variable(v) if sc.lookup(v.value().as_str()).is_none() => {
                self.resolve_reference(v.value().as_str(), ops, sc, span)?
            }
            other => (self.eval(other, sc)?, 0),
        };
        apply_ops(self, base, ops.get(consumed..).unwrap_or(&[]), sc, span)
    }
}

fn attr_name(op: Option<&hcl_edit::Decorated<TraversalOperator>>) -> Option<&str> {
    match op.map(|o| o.value()) {
        Some(TraversalOperator::GetAttr(id)) => Some(id.value().as_str()),
        _ => None,
    }
}

/// The output a reference to a module call reads next: `module.a.x`, or of an instance
/// or all of them (`module.a[0].x`, `module.a[*].x`).
fn module_output(ops: &[hcl_edit::Decorated<TraversalOperator>]) -> Option<&str> {
    match ops.get(1).map(|o| o.value()) {
        Some(
            TraversalOperator::Index(_)
            | TraversalOperator::LegacyIndex(_)
            | TraversalOperator::AttrSplat(_)
            | TraversalOperator::FullSplat(_),
        ) => attr_name(ops.get(2)),
        _ => attr_name(ops.get(1)),
    }
}

impl ModInst<'_, '_> {
    /// The key of the instance a reference to a module call reads (`module.a[0]`), when
    /// `op` is an index; evaluated only when the call is read by its own arguments.
    fn instance_key(
        &self,
        op: Option<&hcl_edit::Decorated<TraversalOperator>>,
        sc: &Scope,
    ) -> Option<Value> {
        match op.map(|o| o.value()) {
            Some(TraversalOperator::Index(e)) => self.eval(e, sc).ok(),
            Some(TraversalOperator::LegacyIndex(n)) => Some(Value::number(*n.value() as f64)),
            _ => None,
        }
    }

    /// Resolves the root of a reference (`var.x`, `aws_vpc.main`, `module.m`, …); returns
    /// the value and how many operators it consumed.
    fn resolve_reference(
        &self,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        sc: &Scope,
        span: Span,
    ) -> Result<(Value, usize), EvalError> {
        let first = attr_name(ops.first());
        let need = |what: &str| err(format!("'{name}' must be followed by {what}"), span);
        Ok(match name {
            "var" => {
                let n = first.ok_or_else(|| need("a variable name"))?;
                (self.variable(n, span)?, 1)
            }
            "local" => {
                let n = first.ok_or_else(|| need("a local name"))?;
                (self.local(n, span)?, 1)
            }
            "count" => match (first, &sc.count_index) {
                (Some("index"), Some(i)) => (i.clone(), 1),
                _ => {
                    return Err(err(
                        "count.index is only available where count is set",
                        span,
                    ));
                }
            },
            "each" => match (first, &sc.each) {
                (Some("key"), Some((k, _))) => (k.clone(), 1),
                (Some("value"), Some((_, v))) => (v.clone(), 1),
                _ => {
                    return Err(err(
                        "each.key and each.value are only available where for_each is set",
                        span,
                    ));
                }
            },
            "path" => {
                let v = match first {
                    Some("module") => self.path_module(),
                    Some("root") => ".".to_string(),
                    Some("cwd") => self.root.loaded.root.display().to_string(),
                    _ => return Err(need("module, root or cwd")),
                };
                (Value::string(v), 1)
            }
            "terraform" => match first {
                Some("workspace") => (Value::string(self.root.opts.workspace.as_str()), 1),
                _ => return Err(need("workspace")),
            },
            "self" => (Value::unknown("self is known only in provisioners"), 0),
            "module" => {
                let n = first.ok_or_else(|| need("a module name"))?;
                let instance = || self.instance_key(ops.get(1), sc);
                let output = module_output(ops);
                (self.module_value(n, output, &instance, span)?, 1)
            }
            "data" => {
                let t = first.ok_or_else(|| need("a data source type"))?;
                let n = attr_name(ops.get(1)).ok_or_else(|| need("a data source name"))?;
                (
                    self.resource_value(crate::model::Mode::Data, t, n, span)?,
                    2,
                )
            }
            rtype => {
                let n = first.ok_or_else(|| err(format!("unknown variable '{name}'"), span))?;
                (
                    self.resource_value(crate::model::Mode::Managed, rtype, n, span)?,
                    1,
                )
            }
        })
    }
}

/// Applies traversal operators (attribute access, index, splat) to a value.
fn apply_ops(
    inst: &ModInst<'_, '_>,
    mut v: Value,
    ops: &[hcl_edit::Decorated<TraversalOperator>],
    sc: &Scope,
    span: Span,
) -> EvalResult {
    for (i, op) in ops.iter().enumerate() {
        match op.value() {
            TraversalOperator::GetAttr(id) => {
                v = get_attr(&v, id.value().as_str(), span, inst.root)?;
            }
            TraversalOperator::Index(e) => {
                let key = inst.eval(e, sc)?;
                v = index(&v, &key, span, inst.root)?;
            }
            TraversalOperator::LegacyIndex(n) => {
                let key = Value::number(*n.value() as f64);
                v = index(&v, &key, span, inst.root)?;
            }
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                let full = matches!(op.value(), TraversalOperator::FullSplat(_));
                let rest = &ops[i + 1..];
                // An attribute-only splat applies only the attribute accesses that follow.
                let (inner, after) = if full {
                    (rest, &[][..])
                } else {
                    let n = rest
                        .iter()
                        .take_while(|o| matches!(o.value(), TraversalOperator::GetAttr(_)))
                        .count();
                    (&rest[..n], &rest[n..])
                };
                let items: Vec<Value> = match &v.kind {
                    Kind::Unknown(_) => return Ok(v),
                    Kind::Null => Vec::new(),
                    Kind::List(items) | Kind::Set(items) => items.to_vec(),
                    _ => vec![v.clone()],
                };
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(inst.nested(span, || apply_ops(inst, item, inner, sc, span))?);
                }
                let list = Value::list(out).with_prov(v.prov.clone());
                return apply_ops(inst, list, after, sc, span);
            }
        }
    }
    Ok(v)
}

/// Attribute `name` of `v`; `root` puts together the reason of an unknown one.
fn get_attr(v: &Value, name: &str, span: Span, root: &RootEval) -> EvalResult {
    match &v.kind {
        Kind::Resource(r) => Ok(match r.get(name) {
            Some(x) => x,
            // Put together piece by piece in the root's buffer: nearly every reference
            // to a resource reads an attribute only apply sets (`aws_vpc.main.id`).
            None => Value::unknown_ref(
                root.shared_text(|out| {
                    for part in [&*r.address, ".", name, " is known only after apply"] {
                        out.push_str(part);
                    }
                }),
                r.address.clone(),
            ),
        }),
        Kind::Map(m) => m
            .get(name)
            .cloned()
            .ok_or_else(|| err(format!("object has no attribute \"{name}\""), span)),
        Kind::Unknown(u) => Ok(Value::new(Kind::Unknown(u.clone()))),
        Kind::Null => Err(err(
            format!("cannot read attribute \"{name}\" of null"),
            span,
        )),
        Kind::List(_) | Kind::Set(_) => Err(err(
            format!("cannot read attribute \"{name}\" of a list; use [*].{name} or an index"),
            span,
        )),
        _ => Err(err(
            format!("cannot read attribute \"{name}\" of a {}", v.type_name()),
            span,
        )),
    }
}

/// `v[key]`; `root` puts together the reason of an unknown attribute.
fn index(v: &Value, key: &Value, span: Span, root: &RootEval) -> EvalResult {
    if key.is_unknown() {
        return Ok(propagate_ref(v, key));
    }
    match &v.kind {
        Kind::Unknown(_) => Ok(v.clone()),
        Kind::List(items) | Kind::Set(items) => {
            let n = key
                .as_number()
                .ok_or_else(|| err("a list index must be a number", span))?;
            if n < 0.0 || n.fract() != 0.0 || n as usize >= items.len() {
                return Err(err(
                    format!(
                        "index {} is out of range for a list of {} elements",
                        format_number(n),
                        items.len()
                    ),
                    span,
                ));
            }
            Ok(items[n as usize].clone())
        }
        Kind::Map(_) | Kind::Resource(_) => {
            let k = key
                .to_template_string()
                .ok_or_else(|| err("a map key must be a string", span))?;
            get_attr(v, &k, span, root)
        }
        Kind::Null => Err(err("cannot index a null value", span)),
        _ => Err(err(format!("cannot index a {}", v.type_name()), span)),
    }
}

/// What a template has rendered so far. Once something unknown is interpolated the result
/// is a partly known string: its known text and unknown parts in order.
struct Rendered<'b> {
    /// Text since the last unknown part: the root's buffer ([`Rendered::new`]).
    text: String,
    /// Closed parts: known strings and unknowns.
    parts: Vec<Value>,
    /// The first unknown interpolated: the result's reason, referent and provenance.
    first: Option<Value>,
    /// Where `text` came from and goes back to when rendering is done.
    buffer: &'b Cell<String>,
}

/// A buffer that grew past this is freed once its template is rendered rather than kept
/// for the next one.
const KEPT_BUFFER: usize = 1 << 16;

impl<'b> Rendered<'b> {
    /// Renders into the text buffer `buffer` holds, which is empty but for its capacity;
    /// a template rendered inside another's interpolation finds it taken and starts one.
    fn new(buffer: &'b Cell<String>) -> Rendered<'b> {
        Rendered {
            text: buffer.take(),
            parts: Vec::new(),
            first: None,
            buffer,
        }
    }

    fn close_text(&mut self) {
        if !self.text.is_empty() {
            self.parts.push(Value::string(self.text.as_str()));
            self.text.clear();
        }
    }

    /// Interpolates an unknown; a partly known string adds its own parts.
    fn push_unknown(&mut self, v: &Value) {
        self.first.get_or_insert_with(|| v.clone());
        match v.partial() {
            Some(Partial::Template(parts)) => {
                for p in parts {
                    match p.as_str() {
                        Some(t) => self.text.push_str(t),
                        None => {
                            self.close_text();
                            self.parts.push(p.clone());
                        }
                    }
                }
            }
            _ => {
                self.close_text();
                self.parts.push(v.clone());
            }
        }
    }

    /// A part that could be any text (a directive whose condition or collection is
    /// unknown), whatever the unknown that made it so refers to.
    fn push_any(&mut self, cause: &Value) {
        let any = match &cause.kind {
            Kind::Unknown(u) => Value::unknown(u.reason.clone()),
            _ => Value::unknown("template text is known only after apply"),
        };
        self.push_unknown(&any);
    }

    fn finish(mut self, span: Span) -> Value {
        let Some(first) = self.first.take() else {
            return Value::at(Kind::String(Arc::from(self.text.as_str())), span);
        };
        self.close_text();
        let parts = std::mem::take(&mut self.parts);
        match &first.kind {
            Kind::Unknown(u) => Value::partly_known(&u.derived(), Partial::Template(parts))
                .with_prov(first.prov.clone()),
            _ => first,
        }
    }
}

/// Gives the text buffer back, emptied, for the next template of the root.
impl Drop for Rendered<'_> {
    fn drop(&mut self) {
        let mut text = std::mem::take(&mut self.text);
        if text.capacity() <= KEPT_BUFFER {
            text.clear();
            self.buffer.set(text);
        }
    }
}

/// An unknown derived from `v` (keeps what it refers to, so links survive).
pub(crate) fn propagate(v: &Value, what: &str) -> Value {
    match v.first_unknown() {
        Some(u) => Value::new(Kind::Unknown(Arc::new(u.derived()))),
        None => Value::unknown(format!("{what} is known only after apply")),
    }
}

fn propagate_ref(_collection: &Value, key: &Value) -> Value {
    propagate(key, "index")
}

/// The (key, value) pairs a `for` iterates; `None` when the collection is unknown.
pub(crate) fn iterate(coll: &Value, span: Span) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
    Ok(Some(match &coll.kind {
        Kind::Unknown(_) => return Ok(None),
        Kind::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Value::number(i as f64), v.clone()))
            .collect(),
        Kind::Set(items) => items.iter().map(|v| (v.clone(), v.clone())).collect(),
        Kind::Map(_) | Kind::Resource(_) => coll
            .as_map()
            .into_iter()
            .flatten()
            .map(|(k, v)| (Value::string(k.as_str()), v.clone()))
            .collect(),
        Kind::Null => return Err(err("cannot iterate over null", span)),
        _ => {
            return Err(err(
                format!("cannot iterate over a {}", coll.type_name()),
                span,
            ));
        }
    }))
}

fn binary(op: BinaryOperator, l: &Value, r: &Value, span: Span) -> EvalResult {
    use BinaryOperator::*;
    match op {
        Eq | NotEq => Ok(equality(op == Eq, l, r, span)),
        And | Or => logical(op, l, r, span),
        _ => arithmetic(op, l, r, span),
    }
}

/// `==` (`equal`) or `!=` (not `equal`): unknown when either side may still change the
/// answer.
fn equality(equal: bool, l: &Value, r: &Value, span: Span) -> Value {
    if l.is_unknown() || r.is_unknown() {
        return propagate(if l.is_unknown() { l } else { r }, "comparison");
    }
    match l.equals(r) {
        Some(e) => Value::at(Kind::Bool(e == equal), span),
        None => propagate(if l.has_unknown() { l } else { r }, "comparison"),
    }
}

/// `&&` and `||`: Terraform short-circuits neither side, but a known deciding operand
/// decides.
fn logical(op: BinaryOperator, l: &Value, r: &Value, span: Span) -> EvalResult {
    use BinaryOperator::*;
    let at = |k: Kind| Value::at(k, span);
    let (lb, rb) = (l.as_bool(), r.as_bool());
    let known = |v: &Value, b: Option<bool>| v.is_unknown() || b.is_some();
    if !known(l, lb) || !known(r, rb) {
        return Err(err(format!("'{}' needs bool operands", op.as_str()), span));
    }
    Ok(match (op, lb, rb) {
        (And, Some(false), _) | (And, _, Some(false)) => at(Kind::Bool(false)),
        (Or, Some(true), _) | (Or, _, Some(true)) => at(Kind::Bool(true)),
        (_, Some(a), Some(b)) => at(Kind::Bool(if op == And { a && b } else { a || b })),
        _ => propagate(if l.is_unknown() { l } else { r }, "boolean operation"),
    })
}

/// Arithmetic and ordering on numbers.
fn arithmetic(op: BinaryOperator, l: &Value, r: &Value, span: Span) -> EvalResult {
    use BinaryOperator::*;
    if l.is_unknown() || r.is_unknown() {
        return Ok(propagate(if l.is_unknown() { l } else { r }, "arithmetic"));
    }
    let (Some(a), Some(b)) = (l.as_number(), r.as_number()) else {
        // A string spelling a number an f64 does not hold exactly.
        if let Some(beyond) = [l, r]
            .into_iter()
            .filter_map(Value::to_number)
            .find(Value::is_unknown)
        {
            return Ok(beyond);
        }
        return Err(err(
            format!(
                "'{}' needs numbers, not {} and {}",
                op.as_str(),
                l.type_name(),
                r.type_name()
            ),
            span,
        ));
    };
    let exact = |n: f64| exact_number(op, a, b, n);
    Ok(Value::at(
        match op {
            Plus => exact(a + b),
            Minus => exact(a - b),
            Mul => exact(a * b),
            Div if b == 0.0 => return Err(err("division by zero", span)),
            Div => exact(a / b),
            Mod if b == 0.0 => return Err(err("modulo by zero", span)),
            Mod => Kind::Number(a % b),
            Less => Kind::Bool(a < b),
            LessEq => Kind::Bool(a <= b),
            Greater => Kind::Bool(a > b),
            GreaterEq => Kind::Bool(a >= b),
            Eq | NotEq | And | Or => return equality_or_logical(op, l, r, span),
        },
        span,
    ))
}

/// The operators [`arithmetic`] is not for, should it be handed one.
fn equality_or_logical(op: BinaryOperator, l: &Value, r: &Value, span: Span) -> EvalResult {
    match op {
        BinaryOperator::Eq => Ok(equality(true, l, r, span)),
        BinaryOperator::NotEq => Ok(equality(false, l, r, span)),
        _ => logical(op, l, r, span),
    }
}

/// The result `n` of `a op b` when it is Terraform's: finite (1e308 * 10 is 1e309 to
/// Terraform, whose numbers are arbitrary precision) and, from whole numbers, below 2^53
/// (from there on an f64 rounds to even integers); otherwise an unknown saying why.
fn exact_number(op: BinaryOperator, a: f64, b: f64, n: f64) -> Kind {
    let whole = a.fract() == 0.0 && b.fract() == 0.0;
    if n.is_finite() && !(whole && n.abs() >= 9_007_199_254_740_992.0) {
        return Kind::Number(n);
    }
    Kind::Unknown(Arc::new(crate::value::Unknown {
        reason: Arc::from(format!(
            "the result of '{}' is beyond what tfscan computes exactly (a 64-bit float; \
             Terraform keeps 512 bits), so what depends on it is undecided",
            op.as_str()
        )),
        refers_to: None,
        partial: None,
    }))
}
