//! Text helpers shared by the string functions: user-perceived characters and Go's
//! simple case mappings.
//!
//! Terraform measures strings in grapheme clusters (`length("é")` is 1 whether the accent
//! is precomposed or combining): Unicode's extended grapheme clusters (UAX #29), which
//! `unicode-segmentation` implements in full. Terraform 1.11 segments by Unicode 15.0
//! (go-textseg v15); the crate follows a later version, whose only difference in cluster
//! rules is GB9c (Indic conjuncts such as "क्ष" are one cluster, two in Terraform 1.11).

use unicode_segmentation::UnicodeSegmentation;

/// Splits `s` into extended grapheme clusters.
pub(crate) fn graphemes(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

/// The number of user-perceived characters in `s`.
pub(crate) fn grapheme_count(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Go's `unicode.ToUpper`: the simple (one character to one character) mapping, so "ß"
/// stays "ß" where Rust's full mapping would write "SS".
pub(crate) fn upper_char(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Go's `unicode.ToLower` (simple mapping).
pub(crate) fn lower_char(c: char) -> char {
    if c == '\u{130}' {
        // LATIN CAPITAL LETTER I WITH DOT ABOVE: the simple mapping is a plain "i".
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `strings.Title`: upper-cases the first letter of every word, where words are
/// separated by anything but ASCII letters, digits and `_`, or non-ASCII letters, digits and
/// non-spaces.
pub(crate) fn title(s: &str) -> String {
    let is_separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else if c.is_alphabetic() || c.is_numeric() {
            false
        } else {
            c.is_whitespace()
        }
    };
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let out = if is_separator(prev) { upper_char(c) } else { c };
            prev = c;
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters() {
        assert_eq!(graphemes("abc"), vec!["a", "b", "c"]);
        assert_eq!(graphemes(""), Vec::<&str>::new());
        // "e" + COMBINING ACUTE ACCENT is one character.
        assert_eq!(graphemes("e\u{301}x"), vec!["e\u{301}", "x"]);
        assert_eq!(graphemes("a\r\nb"), vec!["a", "\r\n", "b"]);
        // Flags are pairs of regional indicators.
        assert_eq!(grapheme_count("\u{1F1FA}\u{1F1F8}\u{1F1EB}\u{1F1F7}"), 2);
        // Family emoji joined by ZWJ, and a skin-tone modifier.
        assert_eq!(
            grapheme_count("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"),
            1
        );
        assert_eq!(grapheme_count("\u{1F44D}\u{1F3FD}"), 1);
        // Hangul jamo compose into one syllable.
        assert_eq!(grapheme_count("\u{1100}\u{1161}\u{11A8}"), 1);
        assert_eq!(grapheme_count("한국어"), 3);
        // As `terraform console` answers: combining marks of the extended blocks and for
        // symbols, and a prepended Arabic number sign, join their neighbour.
        assert_eq!(grapheme_count("e\u{1AB0}"), 1);
        assert_eq!(grapheme_count("a\u{20E3}"), 1);
        assert_eq!(grapheme_count("\u{600}a"), 1);
        assert_eq!(grapheme_count("日本"), 2);
        // The one known difference (module comment): GB9c joins an Indic conjunct.
        assert_eq!(grapheme_count("\u{915}\u{94D}\u{937}"), 1);
    }

    #[test]
    fn go_case_mapping() {
        assert_eq!(upper_char('ß'), 'ß');
        assert_eq!(upper_char('é'), 'É');
        assert_eq!(lower_char('\u{130}'), 'i');
        assert_eq!(lower_char('Σ'), 'σ');
    }

    #[test]
    fn go_title() {
        assert_eq!(title("hello world"), "Hello World");
        assert_eq!(title("foo-bar_baz 9lives"), "Foo-Bar_baz 9lives");
        assert_eq!(title("élan vital"), "Élan Vital");
    }
}
