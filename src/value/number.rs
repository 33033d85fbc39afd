//! Numbers an f64 does not hold exactly ([`crate::decimal`]) are never silently rounded:
//! each is an unknown that names it, so what depends on it is undecided.

use super::Value;
pub use crate::decimal::{BEYOND_KEY, exact_json, holds_exactly, is_decimal};

/// Terraform's number for a decimal written as text (`[-+]digits[.digits][e[-+]digits]`,
/// as in a string converted to a number): the number, or an unknown saying so when an
/// f64 would not hold it exactly; `None` when the text is not a decimal number.
pub fn number_from_text(text: &str) -> Option<Value> {
    let t = text.trim();
    if !is_decimal(t) {
        return None;
    }
    match t.parse::<f64>() {
        Ok(f) if holds_exactly(t, f) => Some(Value::number(f)),
        _ => Some(number_beyond(t)),
    }
}

/// The unknown that stands for the number `text`, which an f64 does not hold exactly.
pub fn number_beyond(text: &str) -> Value {
    let shown = match text.get(..24) {
        Some(head) if text.len() > 32 => format!("{head}… ({} characters)", text.len()),
        _ => text.to_string(),
    };
    Value::unknown(format!(
        "the number {shown} is beyond what tfscan computes exactly (a 64-bit float; Terraform keeps 512 bits), so what depends on it is undecided"
    ))
}
