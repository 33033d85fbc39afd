//! Inline ignore comments, read from the source text:
//!
//! - `# tfscan:ignore:<id>[,<id>] [exp:YYYY-MM-DD] <reason>` (or `//`, `/* */`);
//! - tfsec's and Trivy's `tfsec:ignore:<id>[:exp:YYYY-MM-DD][:ws:<workspace>]` and
//!   `trivy:ignore:<id>[:exp:…]`, several per comment;
//! - Checkov's `checkov:skip=<ID>[:<reason>]`.
//!
//! The id may be a check's id or any of its aliases (case-insensitive), so suppressions
//! written for tfsec, Trivy or Checkov keep working.
//!
//! **What an ignore covers.** A comment alone on its line annotates the block or attribute
//! that starts on the next line holding code (other comment lines in between are skipped,
//! so ignores can be stacked). A comment after code annotates the outermost block or
//! attribute starting on its own line, or, when none starts there (a line inside a
//! multi-line list, a closing brace), the innermost one around it. A Checkov comment inside
//! a top-level block annotates that block, as Checkov reads it. The ignore then covers a
//! finding of a matching check when the annotated item contains the finding's location,
//! the header of its resource block, or the header of one of the `module` calls on its way
//! from the root — so an ignore on a `module` block covers everything inside that call.
//! The expiry date is the last day an ignore applies.

use std::collections::HashMap;

use hcl_edit::Span as _;
use hcl_edit::structure::{Body, Structure};

use super::{Date, Suppressed};
use crate::diag::{DiagKind, Diagnostic};
use crate::finding::Finding;
use crate::loader::ParsedFile;
use crate::source::{FileId, SourceFile, SourceMap, Span};

/// Which tool's syntax an ignore was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Tfscan,
    Tfsec,
    Trivy,
    Checkov,
}

impl Form {
    fn marker(self) -> &'static str {
        match self {
            Form::Tfscan => "tfscan:ignore:",
            Form::Tfsec => "tfsec:ignore:",
            Form::Trivy => "trivy:ignore:",
            Form::Checkov => "checkov:skip=",
        }
    }

    const ALL: [Form; 4] = [Form::Tfscan, Form::Tfsec, Form::Trivy, Form::Checkov];
}

/// One ignore, as written.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub form: Form,
    /// Check ids or aliases.
    pub ids: Vec<String>,
    pub expires: Option<Date>,
    /// tfsec's `ws:` scoping: the ignore applies only in this workspace.
    pub workspace: Option<String>,
    pub reason: String,
    /// The comment.
    pub comment: Span,
    /// The block or attribute it annotates; `None` when nothing follows it.
    pub target: Option<Span>,
}

impl Ignore {
    fn names(&self, f: &Finding) -> bool {
        self.ids.iter().any(|id| {
            f.check.id.eq_ignore_ascii_case(id)
                || f.check.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        })
    }

    fn covers(&self, f: &Finding) -> bool {
        let Some(target) = self.target else {
            return false;
        };
        let inside = |s: Span| {
            s.file == target.file
                && target.start <= s.start
                && s.start < target.end.max(target.start + 1)
        };
        self.names(f)
            && (inside(f.span)
                || inside(f.resource.header)
                || f.resource.module.iter().any(|m| inside(m.header)))
    }
}

/// Every ignore comment in the parsed files, with diagnostics for those that cannot apply
/// (malformed expiry, nothing to annotate).
pub fn collect(files: &[&ParsedFile], sources: &SourceMap) -> (Vec<Ignore>, Vec<Diagnostic>) {
    let mut ignores = Vec::new();
    let mut diagnostics = Vec::new();
    for parsed in files {
        let Some(file) = sources.get(parsed.file) else {
            continue;
        };
        let source = file.text();
        if !has_marker(&source) {
            continue;
        }
        let comments = comments(&source);
        if !comments
            .iter()
            .any(|c| source.get(c.text.clone()).is_some_and(has_marker))
        {
            continue;
        }
        let items = Items::of(&parsed.body, file);
        for c in &comments {
            let Some(text) = source.get(c.text.clone()) else {
                continue;
            };
            for mut ignore in parse_comment(
                text,
                Span::new(parsed.file, c.whole.clone()),
                &mut diagnostics,
            ) {
                ignore.target = items
                    .target(file, c, ignore.form)
                    .map(|r| Span::new(parsed.file, r));
                if ignore.target.is_none() {
                    diagnostics.push(Diagnostic::new(
                        DiagKind::Suppression,
                        "this ignore comment annotates no block or attribute, so it suppresses nothing",
                        Some(ignore.comment),
                    ));
                }
                ignores.push(ignore);
            }
        }
    }
    (ignores, diagnostics)
}

/// Where the scan stands when ignores are applied.
pub struct Context<'a> {
    pub today: Date,
    pub workspace: &'a str,
    /// Whether an id names a check of the catalogue (by id or alias).
    pub known: &'a dyn Fn(&str) -> bool,
}

/// Splits findings into those still reported and those an ignore covers; reports expired
/// ignores, and `tfscan:ignore` ids that name no check, as warnings.
pub fn apply(
    findings: Vec<Finding>,
    ignores: &[Ignore],
    cx: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let mut active = Vec::new();
    for ig in ignores {
        if let Some(exp) = ig.expires.filter(|e| *e < cx.today) {
            diagnostics.push(Diagnostic::new(
                DiagKind::Suppression,
                format!(
                    "the ignore of {} expired on {exp}; it no longer suppresses findings",
                    ig.ids.join(", ")
                ),
                Some(ig.comment),
            ));
            continue;
        }
        if ig.form == Form::Tfscan {
            for id in ig.ids.iter().filter(|id| !(cx.known)(id)) {
                diagnostics.push(Diagnostic::new(
                    DiagKind::Suppression,
                    format!("'{id}' in this ignore comment is not the id or alias of any check"),
                    Some(ig.comment),
                ));
            }
        }
        if ig.workspace.as_deref().is_some_and(|ws| ws != cx.workspace) {
            continue;
        }
        active.push(ig);
    }
    if active.is_empty() {
        return (findings, Vec::new());
    }
    // The ignores by the file they annotate, in order: a finding is looked up only
    // against the ignores of its own files, never against every ignore of the scan.
    let mut by_file: HashMap<FileId, Vec<(usize, &Ignore)>> = HashMap::new();
    for (i, ig) in active.iter().enumerate() {
        if let Some(target) = ig.target {
            by_file.entry(target.file).or_default().push((i, ig));
        }
    }
    let first_cover = |f: &Finding| -> Option<&Ignore> {
        let files = [f.span.file, f.resource.header.file]
            .into_iter()
            .chain(f.resource.module.iter().map(|m| m.header.file));
        files
            .filter_map(|file| by_file.get(&file))
            .flat_map(|candidates| candidates.iter())
            .filter(|(_, ig)| ig.covers(f))
            .min_by_key(|(i, _)| *i)
            .map(|(_, ig)| *ig)
    };
    // Moved out in place: no second vector of every finding. The predicate runs once
    // per finding, in order, so `matched` lines up with what it moved out.
    let mut kept = findings;
    let mut matched = Vec::new();
    let moved: Vec<Finding> = kept
        .extract_if(.., |f| match first_cover(f) {
            Some(ig) => {
                matched.push(ig);
                true
            }
            None => false,
        })
        .collect();
    let suppressed = moved
        .into_iter()
        .zip(matched)
        .map(|(finding, ig)| Suppressed {
            finding,
            reason: ig.reason.clone(),
            expires: ig.expires.map(|d| d.to_string()),
            comment: ig.comment,
        })
        .collect();
    (kept, suppressed)
}

fn has_marker(text: &str) -> bool {
    Form::ALL.iter().any(|f| text.contains(f.marker()))
}

/// The ignores one comment holds. `text` is the comment without its `#`, `//` or `/*`.
fn parse_comment(text: &str, comment: Span, diagnostics: &mut Vec<Diagnostic>) -> Vec<Ignore> {
    let found = markers(text);
    let free = free_text(text, &found);
    let mut out = Vec::new();
    for (at, form) in found {
        let body = &text[at + form.marker().len()..];
        let mut problems = Vec::new();
        let ignore = match form {
            Form::Tfscan => tfscan_ignore(body, comment, &mut problems),
            Form::Tfsec | Form::Trivy => tfsec_ignore(form, body, &free, comment, &mut problems),
            Form::Checkov => checkov_skip(body, comment, &mut problems),
        };
        diagnostics.extend(
            problems
                .into_iter()
                .map(|msg| Diagnostic::new(DiagKind::Suppression, msg, Some(comment))),
        );
        out.extend(ignore);
    }
    out
}

/// Where each marker starts, in order: at the start of the comment or after whitespace.
fn markers(text: &str) -> Vec<(usize, Form)> {
    let mut found: Vec<(usize, Form)> = Vec::new();
    for form in Form::ALL {
        let m = form.marker();
        let mut from = 0;
        while let Some(i) = text[from..].find(m) {
            let at = from + i;
            if at == 0 || text[..at].ends_with(char::is_whitespace) {
                found.push((at, form));
            }
            from = at + m.len();
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// The comment with every tfsec/trivy token removed, whitespace collapsed: their free
/// text is the reason.
fn free_text(text: &str, found: &[(usize, Form)]) -> String {
    let token_end = |at: usize| {
        text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i)
    };
    let mut s = String::new();
    let mut last = 0;
    for (at, form) in found {
        if matches!(form, Form::Tfsec | Form::Trivy) {
            s.push_str(&text[last..*at]);
            last = token_end(*at);
        }
    }
    s.push_str(&text[last..]);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn invalid_expiry(date: &str) -> String {
    format!("invalid expiry '{date}' (expected exp:YYYY-MM-DD); this ignore is not applied")
}

/// `tfscan:ignore:ID[,ID…] [exp:YYYY-MM-DD] [reason]`; `body` follows the marker.
fn tfscan_ignore(body: &str, comment: Span, problems: &mut Vec<String>) -> Option<Ignore> {
    let (ids_token, rest) = split_token(body);
    let ids: Vec<String> = ids_token
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        problems.push("this tfscan:ignore comment names no check".into());
        return None;
    }
    let mut rest = rest.trim_start();
    let mut expires = None;
    if let Some(after) = rest.strip_prefix("exp:") {
        let (date, tail) = split_token(after);
        let Some(d) = Date::parse(date) else {
            problems.push(invalid_expiry(date));
            return None;
        };
        expires = Some(d);
        rest = tail;
    }
    let reason = rest.trim().trim_end_matches("*/").trim();
    Some(Ignore {
        form: Form::Tfscan,
        ids,
        expires,
        workspace: None,
        reason: reason_or_default(reason),
        comment,
        target: None,
    })
}

/// `tfsec:ignore:ID[:exp:YYYY-MM-DD][:ws:NAME]` (trivy's the same); the reason is the
/// comment's free text.
fn tfsec_ignore(
    form: Form,
    body: &str,
    free_text: &str,
    comment: Span,
    problems: &mut Vec<String>,
) -> Option<Ignore> {
    let (token, _) = split_token(body);
    let mut parts = token.split(':');
    let id = parts.next().unwrap_or_default().to_string();
    if id.is_empty() {
        problems.push(format!(
            "this {}ignore comment names no check",
            form.marker().trim_end_matches("ignore:")
        ));
        return None;
    }
    let mut expires = None;
    let mut workspace = None;
    let mut valid = true;
    while let Some(key) = parts.next() {
        let value = parts.next().unwrap_or_default();
        match key {
            "exp" => match Date::parse(value) {
                Some(d) => expires = Some(d),
                None => {
                    problems.push(invalid_expiry(value));
                    valid = false;
                }
            },
            "ws" => workspace = Some(value.to_string()),
            _ => {}
        }
    }
    valid.then(|| Ignore {
        form,
        ids: vec![id],
        expires,
        workspace,
        reason: reason_or_default(free_text.trim_end_matches("*/").trim()),
        comment,
        target: None,
    })
}

/// `checkov:skip=ID[:reason]`; `body` follows the marker.
fn checkov_skip(body: &str, comment: Span, problems: &mut Vec<String>) -> Option<Ignore> {
    let end = body
        .find(|c: char| c == ':' || c.is_whitespace())
        .unwrap_or(body.len());
    let id = &body[..end];
    if id.is_empty() {
        problems.push("this checkov:skip comment names no check".into());
        return None;
    }
    let reason = body[end..]
        .strip_prefix(':')
        .unwrap_or("")
        .trim()
        .trim_end_matches("*/")
        .trim()
        .trim_matches('"');
    Some(Ignore {
        form: Form::Checkov,
        ids: vec![id.to_string()],
        expires: None,
        workspace: None,
        reason: reason_or_default(reason),
        comment,
        target: None,
    })
}

fn reason_or_default(reason: &str) -> String {
    if reason.is_empty() {
        "no reason given".to_string()
    } else {
        reason.to_string()
    }
}

/// The text up to the first whitespace, and the rest.
fn split_token(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// A comment in the source text.
#[derive(Debug, Clone, PartialEq)]
struct Comment {
    /// From the `#`, `//` or `/*` to the end of the comment.
    whole: std::ops::Range<usize>,
    /// The comment's text, after its opening characters.
    text: std::ops::Range<usize>,
    /// Nothing but whitespace before it on its line.
    own_line: bool,
}

/// Finds comments, skipping strings (with their `${…}` interpolations, which may hold
/// strings of their own) and heredoc bodies, where `#` is text.
fn comments(text: &str) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack = vec![Frame::Code {
        interpolation: false,
        braces: 0,
    }];
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if b == b'\n' {
            line_start = i + 1;
            // A string cannot span lines; recover from an unterminated one.
            while stack.last() == Some(&Frame::Str) {
                stack.pop();
            }
            i += 1;
            continue;
        }
        match stack.last_mut() {
            Some(Frame::Str) => match (b, next) {
                (b'\\', _) => i += 1,
                (b'"', _) => {
                    stack.pop();
                }
                // `$${` and `%%{` are the literal text `${` and `%{`, not interpolations.
                (b'$', Some(b'$')) | (b'%', Some(b'%')) if bytes.get(i + 2) == Some(&b'{') => {
                    i += 2;
                }
                (b'$' | b'%', Some(b'{')) => {
                    stack.push(Frame::Code {
                        interpolation: true,
                        braces: 0,
                    });
                    i += 1;
                }
                _ => {}
            },
            Some(Frame::Code {
                interpolation,
                braces,
            }) => match (b, next) {
                (b'#', _) | (b'/', Some(b'/')) | (b'/', Some(b'*')) => {
                    let comment = comment_at(text, i, line_start);
                    let end = comment.whole.end;
                    out.push(comment);
                    // A block comment may span lines.
                    if let Some(nl) = text[i..end].rfind('\n') {
                        line_start = i + nl + 1;
                    }
                    i = end;
                    continue;
                }
                (b'"', _) => stack.push(Frame::Str),
                (b'<', Some(b'<')) => {
                    if let Some(skip) = heredoc_end(text, i) {
                        i = skip;
                        line_start = i;
                        continue;
                    }
                }
                (b'{', _) => *braces += 1,
                (b'}', _) => {
                    if *braces == 0 && *interpolation {
                        stack.pop();
                    } else {
                        *braces = braces.saturating_sub(1);
                    }
                }
                _ => {}
            },
            None => break,
        }
        i += 1;
    }
    out
}

/// What `comments` is inside of.
#[derive(PartialEq)]
enum Frame {
    /// Code; inside an interpolation, the count of open braces.
    Code {
        interpolation: bool,
        braces: usize,
    },
    Str,
}

/// The comment whose opening characters (`#`, `//` or `/*`) are at `i`, on a line that
/// starts at `line_start`.
fn comment_at(text: &str, i: usize, line_start: usize) -> Comment {
    let bytes = text.as_bytes();
    let open = if bytes.get(i) == Some(&b'#') { 1 } else { 2 };
    // The comment's text ends before `*/`, or at the end of the file when
    // a block comment is not closed (never inside the last character).
    let (text_end, end) = if bytes.get(i + 1) == Some(&b'*') {
        text[i + 2..]
            .find("*/")
            .map_or((text.len(), text.len()), |e| (i + 2 + e, i + 2 + e + 2))
    } else {
        let end = text[i..].find('\n').map_or(text.len(), |e| i + e);
        (end, end)
    };
    Comment {
        whole: i..end,
        text: i + open..text_end,
        own_line: text[line_start..i].trim().is_empty(),
    }
}

/// For `<<EOF` or `<<-EOF` at `at`, the offset just past the heredoc's closing line.
fn heredoc_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let ident_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let ident = &rest[..ident_len];
    if ident.is_empty() || !rest[ident_len..].starts_with(['\n', '\r']) {
        return None;
    }
    let mut pos = text.len() - rest.len() + ident_len;
    pos += text[pos..].find('\n')? + 1;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |e| pos + e);
        if text[pos..line_end].trim() == ident {
            return Some(line_end);
        }
        pos = line_end + 1;
    }
    Some(text.len())
}

/// The blocks and attributes of a file, with the lines they start on.
struct Items {
    /// (start line, byte range, is a top-level block)
    spans: Vec<(usize, std::ops::Range<usize>, bool)>,
}

impl Items {
    fn of(body: &Body, file: &SourceFile) -> Items {
        let mut spans = Vec::new();
        collect_items(body, file, 0, &mut spans);
        Items { spans }
    }

    fn target(&self, file: &SourceFile, c: &Comment, form: Form) -> Option<std::ops::Range<usize>> {
        if form == Form::Checkov
            && let Some((_, r, _)) = self
                .spans
                .iter()
                .find(|(_, r, top)| *top && r.start < c.whole.start && c.whole.start < r.end)
        {
            return Some(r.clone());
        }
        let line = file.position(c.whole.start).line;
        if c.own_line {
            let next = next_code_line(file, file.position(c.whole.end).line)?;
            self.outermost_on(next)
        } else {
            self.outermost_on(line).or_else(|| {
                self.spans
                    .iter()
                    .filter(|(_, r, _)| r.start <= c.whole.start && c.whole.start < r.end)
                    .min_by_key(|(_, r, _)| r.end - r.start)
                    .map(|(_, r, _)| r.clone())
            })
        }
    }

    fn outermost_on(&self, line: usize) -> Option<std::ops::Range<usize>> {
        self.spans
            .iter()
            .filter(|(l, _, _)| *l == line)
            .max_by_key(|(_, r, _)| r.end - r.start)
            .map(|(_, r, _)| r.clone())
    }
}

fn collect_items(
    body: &Body,
    file: &SourceFile,
    depth: usize,
    out: &mut Vec<(usize, std::ops::Range<usize>, bool)>,
) {
    for structure in body.iter() {
        match structure {
            Structure::Attribute(a) => {
                if let Some(r) = a.span() {
                    out.push((file.position(r.start).line, r, false));
                }
            }
            Structure::Block(b) => {
                if let Some(r) = b.span() {
                    out.push((file.position(r.start).line, r, depth == 0));
                }
                collect_items(&b.body, file, depth + 1, out);
            }
        }
    }
}

/// The first line after `line` that holds code: not blank and not only a comment.
fn next_code_line(file: &SourceFile, line: usize) -> Option<usize> {
    (line + 1..=file.line_count()).find(|&l| {
        let line = file.line_text(l);
        let t = line.trim_start();
        !(t.is_empty() || t.starts_with('#') || t.starts_with("//") || t.starts_with("/*"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn texts(src: &str) -> Vec<(&str, bool)> {
        comments(src)
            .into_iter()
            .map(|c| (&src[c.text.clone()], c.own_line))
            .collect()
    }

    #[test]
    fn comments_skip_strings_interpolations_and_heredocs() {
        let src = "a = \"x # not\" # yes\nb = \"${lookup(m, \"#k\")}\" // two\n# own\nc = <<EOT\n# text\nEOT\nd = 1 /* blk */\n";
        assert_eq!(
            texts(src),
            vec![
                (" yes", false),
                (" two", false),
                (" own", true),
                (" blk ", false)
            ]
        );
    }

    /// Found by the indexing audit: an unclosed block comment ending in a four-byte character gave
    /// a range ending inside it, and `$${` (literal text) was taken for an interpolation,
    /// so a string's text was read as a comment.
    #[test]
    fn comment_ranges_fall_on_characters_and_escaped_interpolations_are_text() {
        let src = "x = 1 /* tfscan:ignore:a 😀";
        assert_eq!(texts(src), vec![(" tfscan:ignore:a 😀", false)]);
        let src = "locals {\n  x = \"$${/* tfscan:ignore:x\"\n  y = \"%%{ # no\"\n}\n# 😀";
        assert_eq!(texts(src), vec![(" 😀", true)]);
    }

    fn span() -> Span {
        Span::new(FileId(0), 0..0)
    }

    #[test]
    fn parses_every_form() {
        let mut d = Vec::new();
        let ig = parse_comment(
            " tfscan:ignore:aws-a,aws-b exp:2030-01-31 VPN only",
            span(),
            &mut d,
        );
        assert_eq!(ig.len(), 1);
        assert_eq!(ig[0].ids, vec!["aws-a", "aws-b"]);
        assert_eq!(
            ig[0].expires.map(|e| e.to_string()).as_deref(),
            Some("2030-01-31")
        );
        assert_eq!(ig[0].reason, "VPN only");

        let ig = parse_comment(
            "tfsec:ignore:aws-s3-enable-bucket-logging:exp:2022-01-02 trivy:ignore:AVD-AWS-0089",
            span(),
            &mut d,
        );
        assert_eq!(ig.len(), 2);
        assert_eq!(ig[0].form, Form::Tfsec);
        assert_eq!(ig[0].ids, vec!["aws-s3-enable-bucket-logging"]);
        assert_eq!(
            ig[0].expires.map(|e| e.to_string()).as_deref(),
            Some("2022-01-02")
        );
        assert_eq!(ig[1].form, Form::Trivy);
        assert_eq!(ig[1].ids, vec!["AVD-AWS-0089"]);
        assert_eq!(ig[1].reason, "no reason given");

        let ig = parse_comment(
            "checkov:skip=CKV_AWS_20:The bucket is a public site",
            span(),
            &mut d,
        );
        assert_eq!(ig[0].ids, vec!["CKV_AWS_20"]);
        assert_eq!(ig[0].reason, "The bucket is a public site");
        assert!(d.is_empty(), "{d:?}");

        let ig = parse_comment("tfscan:ignore:aws-a exp:2030-02-30 typo", span(), &mut d);
        assert!(ig.is_empty());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("invalid expiry '2030-02-30'"));

        assert!(parse_comment("see notfsec:ignore:x", span(), &mut Vec::new()).is_empty());
    }
}
