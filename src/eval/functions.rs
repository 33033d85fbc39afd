//! Terraform's built-in functions.
//!
//! `try` and `can` are not here: they catch evaluation errors of their argument
//! expressions, so the evaluator handles them itself.

use std::path::Path;

use super::value::Value;

/// What a function may see of the world: the module's directory (for `file`) and the scan
/// root, outside of which nothing is ever read.
pub struct FnContext<'a> {
    /// The directory of the module being evaluated (`path.module` on disk).
    pub module_dir: &'a Path,
    /// The canonical scan root; `file` and `templatefile` refuse paths that leave it.
    pub sandbox: &'a Path,
    /// Renders a template text with the given variables, as `templatefile` needs.
    pub render_template: &'a dyn Fn(&str, &Value) -> Result<Value, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FnError {
    /// tfscan does not implement this function; the caller treats the result as unknown
    /// and records one coverage note per function name.
    Unsupported,
    /// The arguments are invalid, as Terraform would report it.
    Invalid(String),
}

/// Calls the built-in function `name` with evaluated arguments.
pub fn call(name: &str, args: &[Value], ctx: &FnContext<'_>) -> Result<Value, FnError> {
    let _ = (name, args, ctx);
    Err(FnError::Unsupported)
}
