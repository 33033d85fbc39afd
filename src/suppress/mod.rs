//! What silences a finding, and the settings that shape a scan: inline ignore comments
//! ([`inline`]), the baseline of accepted findings ([`baseline`]) and the `.tfscan.toml`
//! configuration ([`config`]).
//!
//! Invariants: suppression only moves findings between lists (reported, suppressed,
//! baselined); it never changes a finding. An ignore that cannot apply (expired, malformed,
//! attached to nothing) is a warning diagnostic with the comment's location, never an
//! error that stops the scan.

pub mod baseline;
pub mod config;
pub(crate) mod inline;

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

/// A calendar date (`YYYY-MM-DD`), for ignore expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates (`2025-02-30`).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let valid = (1..=12).contains(&date.month)
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month);
        valid.then_some(date)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01, counted in 400-year eras of
    /// 146,097 days whose years start on 1 March (so the leap day ends a year).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468; // days from 0000-03-01 to 1970-01-01
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: year as i32,
            month: month as u32,
            day: day as u32,
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::parse("2027-01-31"),
            Some(Date {
                year: 2027,
                month: 1,
                day: 31
            })
        );
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "20250101",
            "2025-01-01x",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_since_epoch_become_calendar_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
        assert_eq!(
            Date::from_days_since_epoch(19_782).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Date::from_days_since_epoch(20_454).to_string(),
            "2026-01-01"
        );
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
    }
}
