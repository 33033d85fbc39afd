//! Findings and their renderers: human (ariadne), JSON, SARIF 2.1.0 and JUnit XML, all
//! reading the same [`Report`].

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

pub mod compact;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
mod timings;

pub(crate) use crate::suppress::Suppressed;
pub use timings::{Stage, Timings, memory_kib};

use std::path::PathBuf;
use std::sync::Arc;

use crate::check::{Check, Severity};
use crate::diag::Diagnostic;
use crate::finding::{Finding, UnknownResult};
use crate::source::{Position, SourceMap, Span};

/// One check that ran, and the resources it applied to (instances of its resource types).
#[derive(Debug, Clone)]
pub struct RuleRun {
    pub check: Arc<Check>,
    /// The address and `resource` header of each instance the check applied to.
    pub resources: Vec<(Arc<str>, Span)>,
}

/// The baseline a scan was compared with.
#[derive(Debug, Clone)]
pub struct BaselineUse {
    /// The file as given on the command line or in the configuration.
    pub file: String,
    /// Findings whose fingerprint the baseline holds: neither reported nor failing.
    pub findings: Vec<Finding>,
}

/// Everything a scan produced, ready to render.
pub struct Report {
    pub root: PathBuf,
    pub sources: SourceMap,
    pub roots: usize,
    /// Every root module directory of the tree (relative to `root`), including roots
    /// [`Options::only_roots`](crate::Options::only_roots) left unscanned.
    pub root_dirs: Vec<String>,
    pub resources: usize,
    /// Every check that ran, in id order.
    pub rules: Vec<RuleRun>,
    pub findings: Vec<Finding>,
    pub unknown: Vec<UnknownResult>,
    pub suppressed: Vec<Suppressed>,
    pub baseline: Option<BaselineUse>,
    pub diagnostics: Vec<Diagnostic>,
    /// The scan root relative to the enclosing repository (`infra/prod`, or `""` when the
    /// root is the repository's top or no repository encloses it); SARIF URIs start here.
    pub repository_prefix: String,
    /// `--min-severity`, once [`Report::retain_min_severity`] applied it.
    pub min_severity: Option<Severity>,
    /// Whether the values judged came from a plan: what is unknown there is known only
    /// after apply, and no plan can decide it.
    pub from_plan: bool,
    /// What `--min-severity` left out.
    pub hidden: Hidden,
    /// How long each stage took (printed by `--timings`).
    pub timings: Timings,
}

/// Findings `--min-severity` left out of the report, and how many of them reach
/// `--fail-on` (they still fail the scan: the threshold judges every finding).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    pub findings: usize,
    pub failing: usize,
    /// `--fail-on`; `None` for `none`.
    pub fail_on: Option<Severity>,
}

/// A span resolved to file and positions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Location {
    pub file: String,
    pub start: Position,
    pub end: Position,
}

impl Report {
    pub fn location(&self, span: Span) -> Option<Location> {
        let (file, start, end) = self.positions(span)?;
        Some(Location {
            file: file.to_string(),
            start,
            end,
        })
    }

    /// [`Report::location`] without copying the file name.
    pub(crate) fn positions(&self, span: Span) -> Option<(&str, Position, Position)> {
        let f = self.sources.get(span.file)?;
        Some((
            &f.rel,
            f.position(span.start as usize),
            f.position(span.end as usize),
        ))
    }

    /// The file a span is in, relative to the scan root.
    pub(crate) fn file_of(&self, span: Span) -> Option<&str> {
        self.sources.get(span.file).map(|f| f.rel.as_str())
    }

    pub(crate) fn baselined(&self) -> usize {
        self.baseline.as_ref().map_or(0, |b| b.findings.len())
    }

    /// Keeps only results at or above `min` (`--min-severity`: it changes what is shown,
    /// never what fails, so callers decide the exit code before calling this), counting
    /// the findings left out and those of them at or above `fail_on`.
    pub(crate) fn retain_min_severity(&mut self, min: Severity, fail_on: Option<Severity>) {
        let below = self.findings.iter().filter(|f| f.severity < min);
        self.hidden = Hidden {
            findings: below.clone().count(),
            failing: below
                .filter(|f| fail_on.is_some_and(|t| f.severity >= t))
                .count(),
            fail_on,
        };
        self.findings.retain(|f| f.severity >= min);
        self.suppressed.retain(|s| s.finding.severity >= min);
        self.unknown.retain(|u| u.check.severity >= min);
        if let Some(b) = &mut self.baseline {
            b.findings.retain(|f| f.severity >= min);
        }
        self.min_severity = Some(min);
    }

    pub(crate) fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// Diagnostics that make the scan incomplete, and the others (warnings).
    pub(crate) fn errors_and_warnings(&self) -> (usize, usize) {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.kind.is_error())
            .count();
        (errors, self.diagnostics.len() - errors)
    }

    /// Whether any diagnostic makes the scan incomplete.
    pub fn incomplete(&self) -> bool {
        self.diagnostics.iter().any(|d| d.kind.is_error())
    }

    /// Sorts results by file, position and check so every output is deterministic.
    pub(crate) fn sort(&mut self) {
        // Compared through borrowed keys: a key function returning owned strings would
        // allocate twice per comparison.
        fn order(a: (Span, &str, &str), b: (Span, &str, &str)) -> std::cmp::Ordering {
            (a.0.file, a.0.start, a.1, a.2).cmp(&(b.0.file, b.0.start, b.1, b.2))
        }
        fn of(f: &Finding) -> (Span, &str, &str) {
            (f.span, &f.check.id, &f.resource.address)
        }
        fn of_unknown(u: &UnknownResult) -> (Span, &str, &str) {
            (u.span, &u.check.id, &u.resource.address)
        }
        // The same order as a stable `sort_by`, on every core; see [`sort_large`].
        let (findings, unknown) = (&mut self.findings, &mut self.unknown);
        rayon::join(
            || sort_large(findings, of),
            || sort_large(unknown, of_unknown),
        );
        if let Some(b) = &mut self.baseline {
            b.findings.sort_by(|x, y| order(of(x), of(y)));
        }
        self.suppressed
            .sort_by(|a, b| order(of(&a.finding), of(&b.finding)));
        self.diagnostics
            .sort_by_key(|d| d.span.map(|s| (s.file.0, s.start)).unwrap_or((u32::MAX, 0)));
    }
}

/// Sorts `items` by `key` (file, offset, check id, address) as a stable sort would. A
/// parallel merge sort of the results themselves allocates a second vector of them,
/// a sixth of the scan's peak memory on a large tree; this sorts their keys with their
/// positions (about 48 bytes each, the position breaking ties, hence stable) and then
/// moves each result once into place. O(n log n) comparisons, O(n) moves.
fn sort_large<T: Send + Sync>(items: &mut [T], key: impl Fn(&T) -> (Span, &str, &str) + Sync) {
    use rayon::slice::ParallelSliceMut;
    let mut keys: Vec<(u32, u32, &str, &str, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (span, check, address) = key(x);
            (span.file.0, span.start, check, address, i)
        })
        .collect();
    keys.par_sort_unstable();
    let mut order: Vec<usize> = keys.into_iter().map(|k| k.4).collect();
    // `order[k]` is the position of the item that goes to `k`: follow each cycle of the
    // permutation, marking a position done by pointing it at itself.
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at) {
            if let Some(done) = order.get_mut(at) {
                *done = at;
            }
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Writes `value` as JSON indented by two spaces, byte for byte as
/// `serde_json::to_writer_pretty` does, but writing each line break and its indentation
/// in one piece: serde_json's pretty printer writes the indentation two bytes at a time,
/// which was most of the cost of rendering a large report.
pub(crate) fn write_pretty_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> std::io::Result<()> {
    write_pretty_json_at(out, 0, value)
}

/// [`write_pretty_json`] for a value that will be written `depth` levels deep.
pub(crate) fn write_pretty_json_at<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    depth: usize,
    value: &T,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        Pretty {
            depth,
            has_value: false,
        },
    );
    value.serialize(&mut ser).map_err(std::io::Error::other)
}

/// Writes `items` as a pretty JSON array nested `depth` levels deep, byte for byte as
/// [`write_pretty_json`] would write it in place.
pub(crate) fn write_pretty_array<'a, W, X, T, F>(
    out: &mut W,
    depth: usize,
    items: &'a [X],
    each: F,
) -> std::io::Result<()>
where
    W: std::io::Write,
    X: Sync,
    T: serde::Serialize,
    F: Fn(&'a X) -> T + Sync,
{
    write_array_by(out, depth, items, |buf, x| {
        write_pretty_json_at(buf, depth + 1, &each(x))
    })
}

/// Writes `items` as a pretty JSON array nested `depth` levels deep, each element written
/// by `write` as a value `depth + 1` levels deep. Elements are written in parallel, a
/// window at a time, so a large report renders on every core while only one window of
/// text is held in memory.
pub(crate) fn write_array_by<'a, W, X, F>(
    out: &mut W,
    depth: usize,
    items: &'a [X],
    write: F,
) -> std::io::Result<()>
where
    W: std::io::Write,
    X: Sync,
    F: Fn(&mut Vec<u8>, &'a X) -> std::io::Result<()> + Sync,
{
    use rayon::prelude::*;
    // Elements written per task, and per window of tasks written before the next. A
    // finding is about 2 KB of JSON: a chunk's text (about 130 KB) is past the output
    // buffer's 64 KB, so it is written straight through rather than copied into it, and
    // a window's eight buffers hold about a megabyte. Larger windows (16 chunks of 256:
    // 8 MB of buffers) grew their buffers by copying into fresh pages, a fifth of a
    // large scan's page faults.
    const CHUNK: usize = 64;
    const WINDOW: usize = 8 * CHUNK;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let mut first = true;
    // One buffer per task, reused by every window: a window's text is a few megabytes,
    // and fresh buffers grew by copying and faulted their pages in for each window.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for window in items.chunks(WINDOW) {
        let tasks = window.len().div_ceil(CHUNK);
        if buffers.len() < tasks {
            buffers.resize_with(tasks, Vec::new);
        }
        // The zip stops at the window's last chunk: buffers past it wait for later.
        let done: Vec<std::io::Result<()>> = buffers
            .par_iter_mut()
            .zip(window.par_chunks(CHUNK))
            .map(|(buf, chunk)| {
                buf.clear();
                for (i, x) in chunk.iter().enumerate() {
                    // Every element is written as if it were not the first; the first
                    // element's comma is dropped below.
                    buf.push(b',');
                    newline(buf, depth + 1);
                    write(buf, x)?;
                    if i == 0 {
                        // Room for the rest at the first one's size, a quarter more for
                        // longer ones: growing by doubling copied each chunk's text
                        // about twice.
                        buf.reserve(buf.len() * (chunk.len() - 1) * 5 / 4);
                    }
                }
                Ok(())
            })
            .collect();
        for (buf, done) in buffers.iter().zip(done) {
            done?;
            let text = if first {
                buf.get(1..).unwrap_or_default()
            } else {
                buf
            };
            out.write_all(text)?;
            first = false;
        }
    }
    let mut end = Vec::new();
    newline(&mut end, depth);
    end.push(b']');
    out.write_all(&end)
}

/// A line break and the indentation of `depth` levels.
fn newline(buf: &mut Vec<u8>, depth: usize) {
    let spaces = depth * 2;
    match BREAK.get(..1 + spaces) {
        Some(line) => buf.extend_from_slice(line),
        None => {
            buf.push(b'\n');
            buf.resize(buf.len() + spaces, b' ');
        }
    }
}

/// Whether JSON needs `s` escaped: a control character, a quote or a backslash. Tested
/// in blocks without stopping early, which the compiler turns into vector instructions
/// (per byte with an early exit, this test was most of writing a finding's strings).
fn needs_escape(s: &[u8]) -> bool {
    let special = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut blocks = s.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | special(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| special(b))
}

/// Writes `s` as a JSON string: copied whole when nothing in it needs escaping (most
/// strings of a report), else through serde_json's escaper.
pub(crate) fn write_json_str(buf: &mut Vec<u8>, s: &str) -> std::io::Result<()> {
    if needs_escape(s.as_bytes()) {
        serde_json::to_writer(&mut *buf, s).map_err(std::io::Error::other)
    } else {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        Ok(())
    }
}

#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break followed by enough spaces for 64 levels.
const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

impl Pretty {
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(mark)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(mark)
    }

    /// Before an element or a key: a comma unless it is the first, then its line.
    fn item<W: ?Sized + std::io::Write>(&self, out: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }

    fn newline<W: ?Sized + std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        let spaces = self.depth * 2;
        match BREAK.get(..1 + spaces) {
            Some(line) => out.write_all(line),
            None => {
                out.write_all(b"\n")?;
                (0..self.depth).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A file's path from the repository root: `rel` (relative to the scan root, `..` for a
/// module outside it) under `prefix` (the scan root relative to the repository root).
pub(crate) fn repository_path(prefix: &str, rel: &str) -> String {
    crate::loader::join(prefix, rel)
}

#[cfg(test)]
mod path_tests {
    use super::repository_path;

    #[test]
    fn repository_paths_resolve_modules_outside_the_scan_root() {
        assert_eq!(repository_path("", "main.tf"), "main.tf");
        assert_eq!(repository_path("envs/prod", "main.tf"), "envs/prod/main.tf");
        assert_eq!(
            repository_path("envs/prod", "../../modules/vpc/main.tf"),
            "modules/vpc/main.tf"
        );
        assert_eq!(repository_path("envs", "../../x.tf"), "../x.tf");
    }
}

#[cfg(test)]
mod pretty_tests {
    use serde_json::json;

    /// Byte for byte what serde_json's pretty printer writes, including empty
    /// containers and nesting deeper than the indentation buffer.
    #[test]
    fn matches_serde_json_pretty_output() {
        let mut deep = json!("leaf");
        for i in 0..80 {
            deep = if i % 2 == 0 {
                json!([deep, [], {}])
            } else {
                json!({ "k": deep, "e": {}, "n": null })
            };
        }
        let value = json!({
            "a": [1, 2.5, "x\"y", true, null, [], {}],
            "b": { "c": { "d": [] } },
            "deep": deep,
        });
        let mut ours = Vec::new();
        super::write_pretty_json(&mut ours, &value).expect("writes");
        let theirs = serde_json::to_vec_pretty(&value).expect("writes");
        assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
    }
}

#[cfg(test)]
mod sort_tests {
    use super::sort_large;
    use crate::source::{FileId, Span};

    /// The order of a stable sort by the same key, on items with many ties (the payload
    /// tells equal keys apart) and every cycle shape a permutation can have.
    #[test]
    fn sort_large_is_a_stable_sort() {
        let mut items: Vec<(u32, u32, &str, usize)> = Vec::new();
        let checks = ["b", "a", "c"];
        for i in 0..500usize {
            let file = (i * 7919 % 13) as u32;
            let start = (i * 104_729 % 5) as u32;
            items.push((file, start, checks[i % 3], i));
        }
        type Item = (u32, u32, &'static str, usize);
        fn key(x: &Item) -> (Span, &str, &str) {
            let span = Span {
                file: FileId(x.0),
                start: x.1,
                end: x.1,
            };
            (span, x.2, "addr")
        }
        let mut expected = items.clone();
        expected.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        sort_large(&mut items, key);
        assert_eq!(items, expected);
        let mut none: Vec<(u32, u32, &str, usize)> = Vec::new();
        sort_large(&mut none, key);
        assert!(none.is_empty());
    }

    /// A scan that keeps only what positions need (`Options::positions_only`, the CLI's
    /// choice for machine formats) renders JSON, SARIF, JUnit and compact output byte for
    /// byte as one that keeps every text: on an ASCII file (whose text is dropped), on a
    /// file with wide characters before a finding on its line (UTF-16 columns, text
    /// kept), on a `.tf.json` file (anchors map into the dropped text) and in a module.
    #[test]
    fn positions_only_renders_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join(name), text).expect("writes");
        };
        let open =
            "  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n";
        write(
            "wide.tf",
            &format!(
                "resource \"aws_security_group\" \"w\" {{\n  description = \"𝄞 é\"\n{open}    cidr_blocks = [/* € 𝄞 */ \"0.0.0.0/0\"]\n  }}\n}}\n"
            ),
        );
        write(
            "plain.tf",
            &format!(
                "resource \"aws_security_group\" \"a\" {{\n  description = \"a\"\n{open}    cidr_blocks = [var.cidr]\n  }}\n}}\n\nvariable \"cidr\" {{\n  default = \"0.0.0.0/0\"\n}}\n\nmodule \"m\" {{\n  source = \"./m\"\n}}\n"
            ),
        );
        write(
            "bucket.tf.json",
            "{\n  \"resource\": {\n    \"aws_s3_bucket\": {\n      \"b\": {\n        \"bucket\": \"b\"\n      }\n    },\n    \"aws_security_group\": {\n      \"j\": {\n        \"description\": \"j\",\n        \"ingress\": [{\"from_port\": 22, \"to_port\": 22, \"protocol\": \"tcp\", \"cidr_blocks\": [\"0.0.0.0/0\"]}]\n      }\n    }\n  }\n}\n",
        );
        std::fs::create_dir(dir.path().join("m")).expect("creates");
        write(
            "m/main.tf",
            &format!(
                "resource \"aws_security_group\" \"s\" {{\n  description = \"s\"\n{open}    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n"
            ),
        );
        let render = |positions_only: bool| {
            let opts = crate::Options {
                path: dir.path().to_path_buf(),
                positions_only,
                ..Default::default()
            };
            let report = crate::scan(&opts).expect("scans");
            let mut compact = Vec::new();
            super::compact::render(&report, std::path::Path::new("x"), false, &mut compact)
                .expect("renders");
            let texts: Vec<(String, bool)> = report
                .sources
                .files()
                .map(|(_, f)| (f.rel.clone(), f.text().is_empty()))
                .collect();
            let outputs = [
                super::json::render(&report),
                super::sarif::render(&report),
                super::junit::render(&report),
                String::from_utf8(compact).expect("UTF-8"),
            ];
            (outputs, texts, report.findings.len())
        };
        let (kept, texts, findings) = render(false);
        assert!(texts.iter().all(|(_, empty)| !empty));
        assert!(findings >= 4, "a finding in every file: {findings}");
        let (dropped, texts, _) = render(true);
        let dropped_of = |name: &str| texts.iter().any(|(rel, empty)| rel == name && *empty);
        assert!(dropped_of("plain.tf") && dropped_of("bucket.tf.json") && dropped_of("m/main.tf"));
        assert!(
            !dropped_of("wide.tf"),
            "a text with wide characters is kept"
        );
        for (a, b) in kept.iter().zip(&dropped) {
            assert_eq!(a, b);
        }
        assert!(kept[0].contains("\"file\": \"bucket.tf.json\""));
        assert!(kept[0].contains("\"file\": \"wide.tf\""));
    }
}
