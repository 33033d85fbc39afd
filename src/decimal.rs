//! Which decimal numbers an f64 holds exactly, and JSON whose other numbers are set
//! aside.
//!
//! Terraform numbers are arbitrary precision (cty keeps a 512-bit mantissa); tfscan holds
//! numbers as f64, which is exact for every number real configurations use. The text of a
//! number it would change (`1e309`, 2^53 + 1, a 400-digit integer, `1e-400`) is found
//! here, so that no reader rounds or refuses it (`value` makes it an unknown naming it).

use std::borrow::Cow;

/// Whether `f`, read from the decimal `text`, is the number Terraform reads from it.
/// Terraform prints a number as the shortest decimal that reads back (at its 512-bit
/// precision), so for a decimal with up to ~150 significant digits that is the decimal
/// itself; an f64 agrees when its own shortest decimal has the same significant digits.
/// `1e309` (no finite f64), 2^53 + 1 (9007199254740993 reads as …992) or a 400-digit
/// integer do not.
pub fn holds_exactly(text: &str, f: f64) -> bool {
    if !f.is_finite() {
        return false;
    }
    // An f64 reads back every decimal of up to 15 significant digits (DBL_DIG): most
    // numbers, without an exponent, stop here.
    if text.len() <= 15
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return true;
    }
    let digits = significant(text);
    digits.is_some() && digits == significant(&format!("{f:e}"))
}

/// Whether `text` is a decimal number: `[-+]digits[.digits][e[-+]digits]`, where
/// either digit run around the point may be empty but not both.
pub fn is_decimal(text: &str) -> bool {
    significant(text).is_some()
}

/// The significant digits of a decimal and the power of ten of the first one, without
/// the sign: `-1.50e2` → ("15", 2), `0.001` → ("1", -3), zero → ("", 0). `None` when
/// `text` is not a decimal.
fn significant(text: &str) -> Option<(String, i64)> {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let all = format!("{int}{frac}");
    let lead = all.bytes().take_while(|b| *b == b'0').count();
    let digits = all[lead..].trim_end_matches('0');
    if digits.is_empty() {
        return Some((String::new(), 0));
    }
    let exponent: i64 = match exponent {
        Some(e) => e.parse().ok()?,
        None => 0,
    };
    let point = i64::try_from(int.len()).ok()? - i64::try_from(lead).ok()?;
    Some((digits.to_string(), exponent.checked_add(point - 1)?))
}

/// The key of the object that stands for a JSON number an f64 does not hold exactly in
/// a document rewritten by [`exact_json`]; its value is the number's text.
pub const BEYOND_KEY: &str = "\u{0}tfscan: a number beyond a 64-bit float";

/// `json` with every number an f64 does not hold exactly replaced by an object
/// `{BEYOND_KEY: "<text>"}` (read back by `Value::from_json` and `jsondecode` as that
/// number's unknown), so serde_json neither refuses it (`1e309` is "out of range" to it)
/// nor rounds it. Borrowed unchanged, after one pass over the bytes, when no number-like
/// run is longer than 15 bytes or has an exponent.
pub fn exact_json(json: &str) -> Cow<'_, str> {
    let b = json.as_bytes();
    // Not JSON at all (serde_json says so at once): nothing to look through.
    let first = b.iter().find(|c| !c.is_ascii_whitespace());
    if !first.is_some_and(|c| {
        matches!(
            c,
            b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        )
    }) {
        return Cow::Borrowed(json);
    }
    let (mut run, mut digit, mut exponent) = (0usize, false, false);
    let mut suspect = false;
    for &c in b.iter().chain(std::iter::once(&b' ')) {
        match c {
            b'0'..=b'9' => digit = true,
            b'e' | b'E' => exponent = true,
            b'.' | b'+' | b'-' => {}
            _ => {
                if run > 15 || exponent && digit {
                    suspect = true;
                    break;
                }
                (run, digit, exponent) = (0, false, false);
                continue;
            }
        }
        run += 1;
    }
    if !suspect {
        return Cow::Borrowed(json);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                // Skip the string, escapes included.
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < b.len()
                    && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b'e' | b'E' | b'+' | b'-'))
                {
                    i += 1;
                }
                let text = &json[start..i];
                let exact = text.parse::<f64>().is_ok_and(|f| holds_exactly(text, f));
                if !exact && is_decimal(text) {
                    out.push_str(&json[copied..start]);
                    out.push_str(&format!(
                        "{{{}:\"{text}\"}}",
                        serde_json::to_string(BEYOND_KEY).unwrap_or_default()
                    ));
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.push_str(json.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_beyond_an_f64_are_set_aside_and_others_kept() {
        let plain = r#"{"a": [1, -2.5, 1e10, "1e309"], "subnet-0e123": 9007199254740992}"#;
        assert!(matches!(exact_json(plain), Cow::Borrowed(_)));
        let json = r#"{"a": [1e309, "1e309 \" 1e309", -9007199254740993], "b": 1e-400}"#;
        let rewritten = exact_json(json);
        let v: serde_json::Value = serde_json::from_str(&rewritten).expect("JSON");
        let key = BEYOND_KEY;
        assert_eq!(
            v,
            serde_json::json!({
                "a": [{key: "1e309"}, "1e309 \" 1e309", {key: "-9007199254740993"}],
                "b": {key: "1e-400"}
            })
        );
        assert!(v["b"][key] == "1e-400");
    }
}
