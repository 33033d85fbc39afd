//! Findings and their renderers: human (ariadne), JSON, SARIF 2.1.0 and JUnit XML, all
//! reading the same [`Report`].

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::engine::check::{Check, Severity};
use crate::engine::finding::{Finding, UnknownResult};
use crate::source::{Position, SourceMap, Span};

/// A finding that an inline ignore comment silenced.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
    /// `YYYY-MM-DD`, the last day the ignore applies.
    pub expires: Option<String>,
    /// The comment that silenced it.
    pub comment: Span,
}

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
    /// How long each stage took (printed by `--timings`).
    pub timings: crate::Timings,
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
        let f = self.sources.get(span.file)?;
        Some(Location {
            file: f.rel.clone(),
            start: f.position(span.start as usize),
            end: f.position(span.end as usize),
        })
    }

    /// The file a span is in, relative to the scan root.
    pub fn file_of(&self, span: Span) -> Option<&str> {
        self.sources.get(span.file).map(|f| f.rel.as_str())
    }

    pub fn baselined(&self) -> usize {
        self.baseline.as_ref().map_or(0, |b| b.findings.len())
    }

    /// Keeps only results at or above `min` (`--min-severity`: it changes what is shown,
    /// never what fails, so callers decide the exit code before calling this).
    pub fn retain_min_severity(&mut self, min: Severity) {
        self.findings.retain(|f| f.severity >= min);
        self.suppressed.retain(|s| s.finding.severity >= min);
        self.unknown.retain(|u| u.check.severity >= min);
        if let Some(b) = &mut self.baseline {
            b.findings.retain(|f| f.severity >= min);
        }
        self.min_severity = Some(min);
    }

    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// Whether any diagnostic makes the scan incomplete.
    pub fn incomplete(&self) -> bool {
        self.diagnostics.iter().any(|d| d.kind.is_error())
    }

    /// Sorts results by file, position and check so every output is deterministic.
    pub fn sort(&mut self) {
        let key = |span: Span, id: &str, addr: &str| {
            (span.file, span.start, id.to_string(), addr.to_string())
        };
        self.findings
            .sort_by_key(|f| key(f.span, &f.check.id, &f.resource.address));
        self.unknown
            .sort_by_key(|u| key(u.span, &u.check.id, &u.resource.address));
        if let Some(b) = &mut self.baseline {
            b.findings
                .sort_by_key(|f| key(f.span, &f.check.id, &f.resource.address));
        }
        self.suppressed.sort_by_key(|s| {
            key(
                s.finding.span,
                &s.finding.check.id,
                &s.finding.resource.address,
            )
        });
        self.diagnostics
            .sort_by_key(|d| d.span.map(|s| (s.file.0, s.start)).unwrap_or((u32::MAX, 0)));
    }
}
