//! What silences a finding: inline ignore comments ([`inline`]) and the baseline of
//! accepted findings ([`baseline`]).
//!
//! Invariants: suppression only moves findings between lists (reported, suppressed,
//! baselined); it never changes a finding. An ignore that cannot apply (expired, malformed,
//! attached to nothing) is a warning diagnostic with the comment's location, never an
//! error that stops the scan.

mod baseline;
pub(crate) mod inline;

pub(crate) use baseline::Baseline;
pub(crate) use baseline::render as render_baseline;

use crate::finding::Finding;
use crate::source::Span;

/// A finding that an inline ignore comment silenced.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
    /// `YYYY-MM-DD`, the last day the ignore applies.
    pub expires: Option<String>,
    /// The comment that silenced it.
    pub comment: Span,
}

/// A calendar date (`YYYY-MM-DD`), for ignore expiry; the calendar is jiff's (proleptic
/// Gregorian, as ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// Parses exactly `YYYY-MM-DD`, rejecting impossible dates (`2025-02-30`). jiff's own
    /// parser also takes ISO 8601's other forms (`20250101`, `+002025-01-01`), which an
    /// ignore comment does not allow, so the shape is checked here.
    pub(crate) fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            .ok()
            .map(Date)
    }

    /// The date `days` days later (earlier when negative); the same date when that
    /// leaves jiff's range (years -9999 to 9999).
    pub(crate) fn plus_days(self, days: i64) -> Date {
        self.0
            .checked_add(jiff::Span::new().days(days))
            .map_or(self, Date)
    }

    /// Today in UTC, from the system clock.
    pub(crate) fn today() -> Date {
        Date(
            jiff::tz::Offset::UTC
                .to_datetime(jiff::Timestamp::now())
                .date(),
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::parse("2027-01-31").map(|d| d.to_string()).as_deref(),
            Some("2027-01-31")
        );
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert!(Date::parse("2026-12-31") < Date::parse("2027-01-01"));
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "20250101",
            "+002025-01-01",
            "2025-01-01x",
            "2025-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Date::parse("0001-01-01").map(|d| d.to_string()).as_deref(),
            Some("0001-01-01")
        );
    }
}
