//! Text from the scanned tree made safe for a terminal. Resource names, tags, messages,
//! file names and check texts may hold characters a terminal acts on instead of showing;
//! every human output (the scan report, `exposure`, `explain`, `checks`, messages on
//! stderr) passes them through here, so a crafted file can neither forge nor hide output.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::borrow::Cow;

/// Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts
/// colour, cursor, title and hyperlink sequences; CR and BS overwrite what was printed;
/// NEL, VT and FF break lines), the line and paragraph separators U+2028 and U+2029
/// (which some terminals and renderers also break lines at) and the bidirectional
/// controls that reorder what is shown ("Trojan Source", CVE-2021-42574).
pub(crate) fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// One piece of text (a message, a file name, an address) for a terminal: each hostile
/// character is written as an escape (`\u{1b}`, `\n`), line breaks included.
pub(crate) fn neutralise(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// A whole text of lines for a terminal (what `explain` or `exposure` prints): line
/// breaks and tabs stay, every other hostile character is written as an escape.
pub fn neutralise_lines(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hostile(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if keep(c) || !is_hostile(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_separators_and_bidi_overrides() {
        assert_eq!(neutralise("plain ünïcode"), "plain ünïcode");
        assert_eq!(
            neutralise("a\u{1b}[2Jb\r\n\t\u{85}\u{2028}\u{202e}"),
            "a\\u{1b}[2Jb\\r\\n\\t\\u{85}\\u{2028}\\u{202e}"
        );
        assert_eq!(
            neutralise_lines("title\u{1b}]0;x\u{7}\n\tbody\u{2029}\n"),
            "title\\u{1b}]0;x\\u{7}\n\tbody\\u{2029}\n"
        );
    }
}
