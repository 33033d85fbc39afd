//! Source files, byte spans and the positions reported to users.
//!
//! Every other stage refers to text through a [`Span`] (file id plus byte range);
//! only renderers turn spans into line/column [`Position`]s.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        Span {
            file,
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }
}

/// A 1-based line and column; columns count UTF-16 code units (what LSP and SARIF expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// One file that was read, with its text and the offsets at which its lines start.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as it was found on disk.
    pub path: PathBuf,
    /// Path relative to the scan root, with `/` separators; what reports show.
    pub rel: String,
    /// The file's text ([`SourceFile::text`]); empty once [`SourceFile::drop_text`]
    /// dropped it (the length stays in `len`). Behind a lock because a scan drops a
    /// root's texts while other roots, on other threads, read the same map.
    text: RwLock<Arc<str>>,
    /// The text's length in bytes, kept when the text is dropped.
    len: usize,
    /// Byte offsets as `u32`, like [`Span`]'s (a scan holds one table per file, every
    /// file for the whole scan: half the memory of `usize` offsets).
    line_starts: Box<[u32]>,
    /// For a text that is not all ASCII: the UTF-16 units of the characters that start
    /// before each multiple of [`UTF16_BLOCK`] bytes, so that a column on a long line
    /// (a plan is one line) costs at most one block's scan, not the line's.
    utf16_checkpoints: Option<Vec<usize>>,
    /// For a file that was translated before parsing (`.tf.json` → HCL): sorted
    /// `(offset in the translation, offset in this text)` anchors. Spans of such a file
    /// are offsets in the translation; positions map them back to this text.
    pub anchors: Option<Vec<(usize, usize)>>,
}

impl SourceFile {
    /// O(text): the line starts and, for a text that is not all ASCII, the UTF-16
    /// checkpoints.
    pub fn new(path: PathBuf, rel: String, text: Arc<str>) -> SourceFile {
        // Sized exactly: a vector grown by doubling holds up to twice its lines.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut line_starts = Vec::with_capacity(lines + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| offset32(i + 1)));
        let line_starts = line_starts.into_boxed_slice();
        let utf16_checkpoints = (!text.is_ascii()).then(|| {
            let mut units = 0;
            let mut checkpoints = Vec::with_capacity(text.len() / UTF16_BLOCK + 1);
            for block in text.as_bytes().chunks(UTF16_BLOCK) {
                checkpoints.push(units);
                units += utf16_units(block);
            }
            checkpoints
        });
        SourceFile {
            path,
            rel,
            len: text.len(),
            text: RwLock::new(text),
            line_starts,
            utf16_checkpoints,
            anchors: None,
        }
    }

    /// The file's text (a shared handle: cloning it copies no text). Empty once
    /// [`SourceFile::drop_text`] dropped it, which a scan does only after every reader of
    /// that file's text ran.
    pub fn text(&self) -> Arc<str> {
        match self.text.read() {
            Ok(t) => t.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Drops the text if positions do not need it, keeping what [`SourceFile::position`]
    /// reads: the line starts and the length (and the anchors of a translated `.tf.json`
    /// file, which map into the length). A file that is not all ASCII keeps its text: its
    /// columns count the UTF-16 units before an offset.
    pub fn drop_text(&self) {
        if self.utf16_checkpoints.is_some() {
            return;
        }
        let empty: Arc<str> = Arc::from("");
        match self.text.write() {
            Ok(mut t) => *t = empty,
            Err(poisoned) => *poisoned.into_inner() = empty,
        }
    }

    /// The UTF-16 units of the characters of `text` that start before byte `offset`.
    fn utf16_before(text: &str, checkpoints: &[usize], offset: usize) -> usize {
        let block = offset / UTF16_BLOCK;
        let start = block * UTF16_BLOCK;
        checkpoints.get(block).copied().unwrap_or(0)
            + utf16_units(text.as_bytes().get(start..offset).unwrap_or_default())
    }

    /// The offset in this text of a span offset (identity unless the file was translated).
    pub fn map_offset(&self, offset: usize) -> usize {
        let Some(anchors) = &self.anchors else {
            return offset;
        };
        let i = anchors.partition_point(|(t, _)| *t <= offset);
        match i.checked_sub(1).and_then(|i| anchors.get(i)) {
            Some((t, o)) => {
                let next = anchors.get(i).map_or(self.len, |(_, o)| *o);
                (o + (offset - t)).min(next.max(*o)).min(self.len)
            }
            None => 0,
        }
    }

    /// The position of a byte offset; offsets past the end clamp to the end, and offsets
    /// inside a multi-byte character count up to that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.map_offset(offset).min(self.len);
        let line = match self.line_starts.binary_search(&offset32(offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts.get(line).map_or(0, |s| *s as usize);
        // The UTF-16 units of the characters from the line start up to the one `offset`
        // is in (included); one per byte in an ASCII text, the common case.
        let column = match &self.utf16_checkpoints {
            None => offset.saturating_sub(line_start),
            Some(checkpoints) => {
                let text = self.text();
                SourceFile::utf16_before(&text, checkpoints, offset)
                    .saturating_sub(SourceFile::utf16_before(&text, checkpoints, line_start))
            }
        };
        Position {
            line: line + 1,
            column: column + 1,
            offset,
        }
    }

    /// The byte offset of a 1-based line and column counted in characters (as parser
    /// errors report them).
    pub fn offset_of_line_char(&self, line: usize, column: usize) -> usize {
        let text = self.text();
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .map_or(text.len(), |s| *s as usize);
        let rest = text.get(start..).unwrap_or("");
        rest.char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| start + i)
            .unwrap_or(text.len())
    }

    /// The text of one 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> String {
        let Some(start) = self.line_starts.get(line.saturating_sub(1)) else {
            return String::new();
        };
        let start = *start as usize;
        let text = self.text();
        let end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |s| *s as usize);
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
            .to_string()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text's length in bytes (also once the text is dropped).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A byte offset as a line table holds it; offsets past `u32::MAX` (which no [`Span`]
/// can hold either) clamp.
fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Bytes between two UTF-16 checkpoints of a [`SourceFile`].
const UTF16_BLOCK: usize = 4096;

/// The UTF-16 units of the characters that start in `bytes` (UTF-8): one per leading
/// byte, two for a four-byte character (a surrogate pair).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(*b >= 0xF0))
        .sum()
}

/// All files of a scan, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn get_mut(&mut self, id: FileId) -> Option<&mut SourceFile> {
        self.files.get_mut(id.0 as usize)
    }

    /// The byte range a span covers in its file's text.
    pub fn range(&self, span: Span) -> std::ops::Range<usize> {
        match self.get(span.file) {
            Some(f) => {
                let start = f.map_offset(span.start as usize);
                let end = f.map_offset(span.end as usize).max(start);
                start..end
            }
            None => 0..0,
        }
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Drops the text of every file whose positions do not need it
    /// ([`SourceFile::drop_text`]). For a scan rendered only as JSON, SARIF, JUnit or
    /// compact output once every root is checked: after that, those formats read files'
    /// names and positions, never their text (no snippets), while the texts are a large
    /// part of the peak memory. What reads texts (checks, inline ignores, the human
    /// report's snippets, `tfscan fix`, the editor) runs before this or on a scan that
    /// keeps them.
    pub fn keep_positions_only(&mut self) {
        for f in &self.files {
            f.drop_text();
        }
    }

    /// The text a span covers, or `""` if the span does not fit its file.
    pub fn snippet(&self, span: Span) -> String {
        let r = self.range(span);
        self.get(span.file)
            .and_then(|f| f.text().get(r).map(str::to_string))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_columns() {
        let f = SourceFile::new("a.tf".into(), "a.tf".into(), "ab\n€x = 1\n𝄞y\n".into());
        assert_eq!(
            f.position(0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        // '€' is 3 bytes, 1 UTF-16 unit.
        assert_eq!(f.position(6).column, 2);
        // '𝄞' is 4 bytes, 2 UTF-16 units.
        let line3 = f.offset_of_line_char(3, 1);
        assert_eq!(f.position(line3 + 4).column, 3);
        assert_eq!(f.line_text(2), "€x = 1");
    }

    /// Every offset of a text mixing ASCII and wide characters, against a column counted
    /// character by character.
    #[test]
    fn ascii_fast_path_agrees_with_counting() {
        let text = "plain = 1\né = \"𝄞\"\r\n  x€y\n\nlast";
        let f = SourceFile::new("a.tf".into(), "a.tf".into(), text.into());
        for offset in 0..=text.len() {
            let line_start = text
                .get(..offset)
                .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
            let expected: usize = text
                .char_indices()
                .filter(|(i, _)| (line_start..offset).contains(i))
                .map(|(_, c)| c.len_utf16())
                .sum();
            if text.is_char_boundary(offset) {
                assert_eq!(f.position(offset).column, expected + 1, "offset {offset}");
            }
        }
    }

    /// A line many checkpoint blocks long (a plan is one line): columns past several
    /// blocks, and inside a wide character, agree with counting character by character.
    #[test]
    fn columns_on_a_long_line_agree_with_counting() {
        let text = format!("x\n{}\nz", "a€𝄞b".repeat(3 * UTF16_BLOCK / 9));
        let f = SourceFile::new("plan.json".into(), "plan.json".into(), text.clone().into());
        for offset in (0..=text.len()).step_by(97).chain([text.len() - 3, 3, 4]) {
            let line_start = text.as_bytes()[..offset]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let expected: usize = text
                .char_indices()
                .filter(|(i, _)| (line_start..offset).contains(i))
                .map(|(_, c)| c.len_utf16())
                .sum();
            assert_eq!(f.position(offset).column, expected + 1, "offset {offset}");
        }
    }

    #[test]
    fn offsets_past_end_clamp() {
        let f = SourceFile::new("a.tf".into(), "a.tf".into(), "x".into());
        assert_eq!(f.position(99).offset, 1);
        assert_eq!(f.offset_of_line_char(9, 9), 1);
    }
}
