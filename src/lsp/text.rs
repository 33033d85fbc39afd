//! File URIs and LSP positions.
//!
//! LSP positions are 0-based lines and UTF-16 code units within the line (the default
//! `positionEncoding`, LSP 3.17 §Position); tfscan's [`Position`](crate::source::Position)
//! is 1-based with UTF-16 columns, so the two differ by one on each axis.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file://host/path`: only the local host (empty or `localhost`) is a local file.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| {
            bytes
                .get(j)
                .and_then(|c| char::from(*c).to_digit(16))
                .and_then(|d| u8::try_from(d).ok())
        };
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(out).ok()?;
    // Drop a query or fragment, which a file path cannot hold unencoded.
    let path = path.split(['?', '#']).next().unwrap_or("");
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path, percent-encoding all but unreserved characters
/// and `/` (RFC 3986 §2.3).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

/// The byte offset in `text` of an LSP position (clamped to the line's end and the
/// text's end).
pub fn offset(text: &str, pos: lsp_types::Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text.get(line_start..).and_then(|t| t.find('\n')) {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or("");
    let line = line.split('\n').next().unwrap_or("");
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= pos.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_start + line.len()
}

/// The LSP position of a byte offset in `text`.
pub fn position(text: &str, offset: usize) -> lsp_types::Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    lsp_types::Position {
        line: before.matches('\n').count() as u32,
        character: before
            .get(line_start..)
            .unwrap_or("")
            .encode_utf16()
            .count() as u32,
    }
}

/// The LSP range of a tfscan span's positions.
pub fn range(start: crate::source::Position, end: crate::source::Position) -> lsp_types::Range {
    let p = |p: crate::source::Position| lsp_types::Position {
        line: p.line.saturating_sub(1) as u32,
        character: p.column.saturating_sub(1) as u32,
    };
    lsp_types::Range {
        start: p(start),
        end: p(end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_through_paths() {
        let path = Path::new("/tmp/a b/é%.tf");
        let uri = path_to_uri(path).expect("uri");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9%25.tf");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let other = Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(uri_to_path(&other), None);
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "a = 1\nb = \"😀x\"\n";
        let at_x = text.find('x').expect("x");
        let pos = position(text, at_x);
        assert_eq!((pos.line, pos.character), (1, 7));
        assert_eq!(offset(text, pos), at_x);
        assert_eq!(
            offset(
                text,
                lsp_types::Position {
                    line: 9,
                    character: 0
                }
            ),
            text.len()
        );
    }
}
