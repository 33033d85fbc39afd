//! Findings and their renderers: human (ariadne), JSON; SARIF and JUnit build on the same
//! [`Report`].

pub mod human;
pub mod json;

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::engine::check::Severity;
use crate::engine::finding::{Finding, UnknownResult};
use crate::source::{Position, SourceMap, Span};

/// A finding that an ignore comment, the configuration or the baseline silenced.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
    pub expires: Option<String>,
}

/// Everything a scan produced, ready to render.
pub struct Report {
    pub root: PathBuf,
    pub sources: SourceMap,
    pub roots: usize,
    pub resources: usize,
    pub checks: usize,
    pub findings: Vec<Finding>,
    pub unknown: Vec<UnknownResult>,
    pub suppressed: Vec<Suppressed>,
    pub diagnostics: Vec<Diagnostic>,
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
