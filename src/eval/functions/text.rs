//! Text helpers shared by the string functions: user-perceived characters and Go's
//! simple case mappings.
//!
//! Terraform measures strings in grapheme clusters (`length("é")` is 1 whether the accent
//! is precomposed or combining). tfscan approximates Unicode's extended grapheme cluster
//! rules (UAX #29): CR LF, controls, Hangul syllable sequences, combining marks and other
//! extenders, zero-width-joiner emoji sequences and regional-indicator flag pairs. The
//! combining-mark table covers the common scripts rather than all of Unicode.

/// Splits `s` into (approximate) extended grapheme clusters.
pub(crate) fn graphemes(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    // Regional indicators seen in a row, up to and including `prev`.
    let mut ri_run = 0usize;
    for (i, c) in s.char_indices() {
        if let Some(p) = prev
            && breaks_between(p, c, ri_run)
        {
            out.push(s.get(start..i).unwrap_or_default());
            start = i;
        }
        ri_run = if is_regional_indicator(c) {
            ri_run + 1
        } else {
            0
        };
        prev = Some(c);
    }
    if start < s.len() {
        out.push(s.get(start..).unwrap_or_default());
    }
    out
}

/// The number of user-perceived characters in `s`.
pub(crate) fn grapheme_count(s: &str) -> usize {
    graphemes(s).len()
}

fn breaks_between(p: char, c: char, ri_run: usize) -> bool {
    const ZWJ: char = '\u{200D}';
    if p == '\r' && c == '\n' {
        return false;
    }
    if is_control(p) || is_control(c) {
        return true;
    }
    match (hangul(p), hangul(c)) {
        (Some(Hangul::L), Some(Hangul::L | Hangul::V | Hangul::Lv | Hangul::Lvt)) => return false,
        (Some(Hangul::Lv | Hangul::V), Some(Hangul::V | Hangul::T)) => return false,
        (Some(Hangul::Lvt | Hangul::T), Some(Hangul::T)) => return false,
        _ => {}
    }
    if c == ZWJ || is_extend(c) {
        return false;
    }
    if p == ZWJ && is_pictographic(c) {
        return false;
    }
    if is_regional_indicator(p) && is_regional_indicator(c) && ri_run % 2 == 1 {
        return false;
    }
    true
}

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\u{200C}' && c != '\u{200D}') || c == '\u{2028}' || c == '\u{2029}'
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

#[derive(Clone, Copy)]
enum Hangul {
    L,
    V,
    T,
    Lv,
    Lvt,
}

fn hangul(c: char) -> Option<Hangul> {
    let u = c as u32;
    match u {
        0x1100..=0x115F | 0xA960..=0xA97C => Some(Hangul::L),
        0x1160..=0x11A7 | 0xD7B0..=0xD7C6 => Some(Hangul::V),
        0x11A8..=0x11FF | 0xD7CB..=0xD7FB => Some(Hangul::T),
        0xAC00..=0xD7A3 => Some(if (u - 0xAC00).is_multiple_of(28) {
            Hangul::Lv
        } else {
            Hangul::Lvt
        }),
        _ => None,
    }
}

/// Combining marks, spacing marks and other characters that extend the previous cluster.
const EXTEND: &[(u32, u32)] = &[
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x0591, 0x05BD),
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0711, 0x0711),
    (0x0730, 0x074A),
    (0x07A6, 0x07B0),
    (0x07EB, 0x07F3),
    (0x07FD, 0x07FD),
    (0x0816, 0x082D),
    (0x0859, 0x085B),
    (0x0898, 0x089F),
    (0x08CA, 0x08E1),
    (0x08E3, 0x0903),
    (0x093A, 0x093C),
    (0x093E, 0x094F),
    (0x0951, 0x0957),
    (0x0962, 0x0963),
    (0x0981, 0x0983),
    (0x09BC, 0x09BC),
    (0x09BE, 0x09CD),
    (0x09D7, 0x09D7),
    (0x09E2, 0x09E3),
    (0x09FE, 0x09FE),
    (0x0A01, 0x0A03),
    (0x0A3C, 0x0A51),
    (0x0A70, 0x0A71),
    (0x0A75, 0x0A75),
    (0x0A81, 0x0A83),
    (0x0ABC, 0x0ABC),
    (0x0ABE, 0x0ACD),
    (0x0AE2, 0x0AE3),
    (0x0AFA, 0x0AFF),
    (0x0B01, 0x0B03),
    (0x0B3C, 0x0B3C),
    (0x0B3E, 0x0B57),
    (0x0B62, 0x0B63),
    (0x0B82, 0x0B82),
    (0x0BBE, 0x0BCD),
    (0x0BD7, 0x0BD7),
    (0x0C00, 0x0C04),
    (0x0C3C, 0x0C3C),
    (0x0C3E, 0x0C56),
    (0x0C62, 0x0C63),
    (0x0C81, 0x0C83),
    (0x0CBC, 0x0CBC),
    (0x0CBE, 0x0CD6),
    (0x0CE2, 0x0CE3),
    (0x0D00, 0x0D03),
    (0x0D3B, 0x0D3C),
    (0x0D3E, 0x0D4D),
    (0x0D57, 0x0D57),
    (0x0D62, 0x0D63),
    (0x0D81, 0x0D83),
    (0x0DCA, 0x0DDF),
    (0x0DF2, 0x0DF3),
    (0x0E31, 0x0E31),
    (0x0E33, 0x0E3A),
    (0x0E47, 0x0E4E),
    (0x0EB1, 0x0EB1),
    (0x0EB3, 0x0EBC),
    (0x0EC8, 0x0ECE),
    (0x0F18, 0x0F19),
    (0x0F35, 0x0F35),
    (0x0F37, 0x0F37),
    (0x0F39, 0x0F39),
    (0x0F3E, 0x0F3F),
    (0x0F71, 0x0F84),
    (0x0F86, 0x0F87),
    (0x0F8D, 0x0FBC),
    (0x0FC6, 0x0FC6),
    (0x102B, 0x103E),
    (0x1056, 0x1059),
    (0x105E, 0x1060),
    (0x1062, 0x1064),
    (0x1067, 0x106D),
    (0x1071, 0x1074),
    (0x1082, 0x108D),
    (0x108F, 0x108F),
    (0x109A, 0x109D),
    (0x135D, 0x135F),
    (0x1712, 0x1715),
    (0x1732, 0x1734),
    (0x1752, 0x1753),
    (0x1772, 0x1773),
    (0x17B4, 0x17D3),
    (0x17DD, 0x17DD),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x1885, 0x1886),
    (0x18A9, 0x18A9),
    (0x1920, 0x193B),
    (0x1A17, 0x1A1B),
    (0x1A55, 0x1A7F),
    (0x1AB0, 0x1ACE),
    (0x1B00, 0x1B04),
    (0x1B34, 0x1B44),
    (0x1B6B, 0x1B73),
    (0x1B80, 0x1B82),
    (0x1BA1, 0x1BAD),
    (0x1BE6, 0x1BF3),
    (0x1C24, 0x1C37),
    (0x1CD0, 0x1CD2),
    (0x1CD4, 0x1CE8),
    (0x1CED, 0x1CED),
    (0x1CF4, 0x1CF4),
    (0x1CF7, 0x1CF9),
    (0x1DC0, 0x1DFF),
    (0x200C, 0x200C),
    (0x20D0, 0x20F0),
    (0x2CEF, 0x2CF1),
    (0x2D7F, 0x2D7F),
    (0x2DE0, 0x2DFF),
    (0x302A, 0x302F),
    (0x3099, 0x309A),
    (0xA66F, 0xA672),
    (0xA674, 0xA67D),
    (0xA69E, 0xA69F),
    (0xA6F0, 0xA6F1),
    (0xA802, 0xA802),
    (0xA806, 0xA806),
    (0xA80B, 0xA80B),
    (0xA823, 0xA827),
    (0xA82C, 0xA82C),
    (0xA880, 0xA881),
    (0xA8B4, 0xA8C5),
    (0xA8E0, 0xA8F1),
    (0xA8FF, 0xA8FF),
    (0xA926, 0xA92D),
    (0xA947, 0xA953),
    (0xA980, 0xA983),
    (0xA9B3, 0xA9C0),
    (0xA9E5, 0xA9E5),
    (0xAA29, 0xAA36),
    (0xAA43, 0xAA43),
    (0xAA4C, 0xAA4D),
    (0xAA7B, 0xAA7D),
    (0xAAB0, 0xAAB0),
    (0xAAB2, 0xAAB4),
    (0xAAB7, 0xAAB8),
    (0xAABE, 0xAABF),
    (0xAAC1, 0xAAC1),
    (0xAAEB, 0xAAEF),
    (0xAAF5, 0xAAF6),
    (0xABE3, 0xABEA),
    (0xABEC, 0xABED),
    (0xFB1E, 0xFB1E),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xFF9E, 0xFF9F),
    (0x101FD, 0x101FD),
    (0x1D165, 0x1D169),
    (0x1D16D, 0x1D172),
    (0x1D17B, 0x1D182),
    (0x1D185, 0x1D18B),
    (0x1D1AA, 0x1D1AD),
    (0x1F3FB, 0x1F3FF),
    (0xE0020, 0xE007F),
    (0xE0100, 0xE01EF),
];

/// Extended_Pictographic, approximately: what a zero-width joiner glues together.
const PICTOGRAPHIC: &[(u32, u32)] = &[
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
];

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let u = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_extend(c: char) -> bool {
    in_table(EXTEND, c)
}

fn is_pictographic(c: char) -> bool {
    in_table(PICTOGRAPHIC, c)
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
