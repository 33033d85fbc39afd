//! The `source` of every top-level `module` block of a file, found without building its
//! syntax tree.
//!
//! Which directories are root modules depends on which directories other files call, so
//! the calls must be known before any root is evaluated; building every file's tree for
//! that alone would mean holding all trees at once or parsing twice. [`scan`] reads the
//! text instead: it follows strings, comments, heredocs and bracket nesting just far
//! enough to find `module "name" { source = "…" }`. It answers only when it is sure;
//! anything unusual (an escape or a template in a source, a heredoc with interpolation,
//! unbalanced brackets, a second `source`) returns `None` and the caller parses the file
//! with hcl-edit ([`from_body`]) instead. A test compares both on every sample.

use hcl_edit::expr::Expression;
use hcl_edit::structure::Body;

/// The literal `source` strings of a parsed body's top-level `module` blocks.
pub fn from_body(body: &Body) -> Vec<String> {
    body.get_blocks("module")
        .filter_map(|block| block.body.get_attribute("source"))
        .filter_map(|attr| match &attr.value {
            Expression::String(s) => Some(s.value().to_string()),
            _ => None,
        })
        .collect()
}

/// The literal `source` strings of the top-level `module` blocks of `text`, or `None`
/// when the text is not plain enough to be sure (parse it then).
pub fn scan(text: &str) -> Option<Vec<String>> {
    // Most files call no module at all: no line starts with the word.
    if !mentions_module_block(text) && !text.contains("/*") {
        return Some(Vec::new());
    }
    Scanner {
        b: text.as_bytes(),
        i: 0,
    }
    .run()
}

/// Whether some line starts (after blanks) with `module` followed by a label.
fn mentions_module_block(text: &str) -> bool {
    text.match_indices("module").any(|(at, _)| {
        let before = text.get(..at).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let blank_before = before
            .get(line_start..)
            .is_some_and(|s| s.bytes().all(|c| c == b' ' || c == b'\t' || c == b'\r'));
        let after = text.get(at + "module".len()..).unwrap_or("");
        let label_follows = match after.bytes().next() {
            Some(b'"') => true,
            Some(b' ' | b'\t') => after
                .trim_start_matches([' ', '\t'])
                .bytes()
                .next()
                .is_some_and(|c| c == b'"' || c == b'_' || c.is_ascii_alphabetic()),
            _ => false,
        };
        blank_before && label_follows
    })
}

struct Scanner<'t> {
    b: &'t [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn at(&self, s: &[u8]) -> bool {
        self.b.get(self.i..).is_some_and(|rest| rest.starts_with(s))
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r')) {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> Option<&[u8]> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c == b'_' || c == b'-' || c.is_ascii_alphanumeric())
        {
            self.i += 1;
        }
        (self.i > start)
            .then(|| self.b.get(start..self.i))
            .flatten()
    }

    /// Skips a comment at the cursor, if any; `None` for an unterminated one.
    fn comment(&mut self) -> Option<bool> {
        if self.at(b"#") || self.at(b"//") {
            while self.peek().is_some_and(|c| c != b'\n') {
                self.i += 1;
            }
            return Some(true);
        }
        if self.at(b"/*") {
            let rest = self.b.get(self.i + 2..)?;
            let end = rest.windows(2).position(|w| w == b"*/")?;
            self.i += 2 + end + 2;
            return Some(true);
        }
        Some(false)
    }

    /// A quoted string at the cursor: its raw contents when it has no escape and no
    /// template sequence, otherwise `None` (the caller is then unsure).
    fn plain_string(&mut self) -> Option<&str> {
        self.i += 1;
        let start = self.i;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' | b'\n' => return None,
                b'$' | b'%' if self.b.get(self.i + 1) == Some(&b'{') => return None,
                _ => self.i += 1,
            }
        }
        let s = std::str::from_utf8(self.b.get(start..self.i)?).ok()?;
        self.i += 1;
        Some(s)
    }

    /// Skips any string at the cursor, with its templates; `None` when it is not closed.
    fn skip_string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => self.i += 2,
                b'\n' => return None,
                b'$' | b'%' if self.b.get(self.i + 1) == Some(&b'{') => {
                    self.i += 2;
                    self.skip_code_until_close()?;
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips a template interpolation's expression up to its closing `}`.
    fn skip_code_until_close(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            if self.comment()? {
                continue;
            }
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'<' if self.at(b"<<") => self.skip_heredoc()?,
                b'{' | b'[' | b'(' => {
                    depth += 1;
                    self.i += 1;
                }
                b'}' if depth == 0 => {
                    self.i += 1;
                    return Some(());
                }
                b'}' | b']' | b')' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
    }

    /// Skips a heredoc (`<<EOF` or `<<-EOF` … `EOF`); `None` when it interpolates or
    /// never ends. A `<<` that starts no heredoc is skipped as an operator.
    fn skip_heredoc(&mut self) -> Option<()> {
        self.i += 2;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let Some(marker) = self.ident().map(<[u8]>::to_vec) else {
            return Some(());
        };
        while self.peek().is_some_and(|c| c != b'\n') {
            self.i += 1;
        }
        loop {
            self.i += 1;
            let line_end = self
                .b
                .get(self.i..)?
                .iter()
                .position(|c| *c == b'\n')
                .map_or(self.b.len(), |n| self.i + n);
            let line = self.b.get(self.i..line_end)?;
            if line.trim_ascii() == marker.as_slice() {
                self.i = line_end;
                return Some(());
            }
            if line.windows(2).any(|w| w == b"${" || w == b"%{") {
                return None;
            }
            if line_end >= self.b.len() {
                return None;
            }
            self.i = line_end;
        }
    }

    /// After the word `source` at the top of a module block: the string literal it is set
    /// to, alone on its line; `Some(None)` when the word is not assigned here. `None`
    /// (unsure) for an expression or anything after the literal.
    fn source_literal(&mut self) -> Option<Option<String>> {
        self.skip_blanks();
        if self.peek() != Some(b'=') || self.at(b"==") {
            return Some(None);
        }
        self.i += 1;
        self.skip_blanks();
        if self.peek() != Some(b'"') {
            // An expression, not a literal: hcl-edit would not call it
            // a local module either, but be sure.
            return None;
        }
        let value = self.plain_string()?.to_string();
        self.skip_blanks();
        if self.comment()? {
            self.skip_blanks();
        }
        if !matches!(self.peek(), None | Some(b'\n' | b'}')) {
            return None;
        }
        Some(Some(value))
    }

    /// Skips, within a line, the bytes that neither open nor close anything followed
    /// here (most of a line after its first word): one test a byte.
    fn skip_inert(&mut self) {
        while self.peek().is_some_and(|c| {
            !matches!(
                c,
                b'\n' | b'"' | b'<' | b'{' | b'}' | b'[' | b']' | b'(' | b')' | b'#' | b'/'
            )
        }) {
            self.i += 1;
        }
    }

    fn run(mut self) -> Option<Vec<String>> {
        let mut sources = Vec::new();
        let mut depth = 0usize;
        // Inside a top-level module block: its depth-1 `source` attributes seen so far.
        let mut in_module: Option<Vec<String>> = None;
        let mut line_start = true;
        loop {
            if self.comment()? {
                continue;
            }
            let Some(c) = self.peek() else { break };
            match c {
                b'\n' => {
                    line_start = true;
                    self.i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let starts_item = line_start;
            line_start = false;
            match c {
                b'"' => self.skip_string()?,
                b'<' if self.at(b"<<") => self.skip_heredoc()?,
                b'{' | b'[' | b'(' => {
                    depth += 1;
                    self.i += 1;
                    // A one-line block: `module "x" { source = "…" }`.
                    if depth == 1 && c == b'{' && in_module.is_some() {
                        line_start = true;
                    }
                }
                b'}' | b']' | b')' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                    if depth == 0
                        && let Some(found) = in_module.take()
                    {
                        match found.as_slice() {
                            [] => {}
                            [one] => sources.push(one.clone()),
                            _ => return None,
                        }
                    }
                }
                c if starts_item && (c == b'_' || c.is_ascii_alphabetic()) => {
                    let start = self.i;
                    self.ident()?;
                    let word = self.b.get(start..self.i).unwrap_or_default();
                    if depth == 0 && word == b"module" {
                        self.skip_blanks();
                        if self.peek() != Some(b'=') {
                            if in_module.is_some() {
                                return None;
                            }
                            in_module = Some(Vec::new());
                        }
                    } else if depth == 1
                        && word == b"source"
                        && let Some(found) = in_module.as_mut()
                        && let Some(value) = self.source_literal()?
                    {
                        found.push(value);
                    }
                }
                _ => {
                    self.i += 1;
                    self.skip_inert();
                }
            }
        }
        (depth == 0 && in_module.is_none()).then_some(sources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Vec<String> {
        from_body(&hcl_edit::parser::parse_body(text).expect("valid HCL"))
    }

    #[test]
    fn finds_literal_sources_of_top_level_module_blocks() {
        let text = r#"
# module "commented" { source = "../no" }
/* module "c2" {
  source = "../no2"
} */
module "a" {
  source   = "../a" # the network
  for_each = { x = "${var.y}" }
}
module b { source = "./b" }
resource "x" "y" {
  module "nested" { source = "../not-top-level" }
  text = <<EOT
module "in_heredoc" {
  source = "../no3"
}
EOT
}
"#;
        assert_eq!(scan(text), Some(vec!["../a".into(), "./b".into()]));
        assert_eq!(parsed(text), vec!["../a".to_string(), "./b".to_string()]);
    }

    #[test]
    fn no_module_word_means_no_calls() {
        assert_eq!(
            scan("resource \"a\" \"b\" {\n  x = module.vpc.id\n}\n"),
            Some(vec![])
        );
    }

    #[test]
    fn unsure_cases_defer_to_the_parser() {
        for text in [
            "module \"a\" {\n  source = \"..\\\\a\"\n}\n",
            "module \"a\" {\n  source = \"${path.module}/a\"\n}\n",
            "module \"a\" {\n  source = var.x\n}\n",
            "module \"a\" {\n  source = \"../a\"\n  source = \"../b\"\n}\n",
            "module \"a\" {\n  source = \"../a\"\n",
            "module \"a\" {\n  x = <<EOT\n${1}\nEOT\n  source = \"../a\"\n}\n",
        ] {
            assert_eq!(scan(text), None, "{text}");
        }
    }
}
