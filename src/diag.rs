//! Errors and notes about the scan itself (not about the scanned infrastructure).

use crate::source::Span;

/// What went wrong while reading or evaluating the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagKind {
    /// A file could not be read (permissions, not UTF-8, too large), or reading it was
    /// refused because it lies outside the scanned tree (a symlink, `file("/etc/passwd")`).
    Read,
    /// A file is not valid HCL.
    Parse,
    /// A configured limit was hit (count size, module depth, expression depth).
    Limit,
    /// Locals, variables or modules that refer to themselves (Terraform rejects the
    /// configuration); the values involved are unknown.
    Cycle,
    /// An expression failed to evaluate; its value is treated as unknown.
    Evaluation,
    /// Something tfscan does not cover (an unsupported function, a module whose source is
    /// not available); the affected values are unknown.
    Coverage,
    /// A check file is invalid, or a check met input it cannot judge (a policy that is
    /// not valid JSON); the check gives no result for that input.
    Check,
    /// An ignore comment that no longer applies (expired) or cannot apply.
    Suppression,
}

impl DiagKind {
    /// Errors make the scan incomplete (exit code 3); the others are warnings.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            DiagKind::Read | DiagKind::Parse | DiagKind::Limit | DiagKind::Cycle
        )
    }
}

/// One diagnostic: what happened and where.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub kind: DiagKind,
    pub message: String,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub(crate) fn new(
        kind: DiagKind,
        message: impl Into<String>,
        span: Option<Span>,
    ) -> Diagnostic {
        Diagnostic {
            kind,
            message: message.into(),
            span,
        }
    }
}
