//! AWS schedule expressions (`rate(…)`, `cron(…)`), as Secrets Manager rotation and other
//! services write them: how far apart two runs can be.
//!
//! Format, from the Secrets Manager User Guide ("Schedule expressions in Secrets Manager
//! rotation", <https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html>):
//! `rate(Value Unit)` with a unit of `hour(s)` or `day(s)`, and
//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, where one of the day fields
//! is `?`, months are `1-12` or `JAN-DEC`, days of the week `1-7` or `SUN-SAT` (1 is
//! Sunday) and the year is `*`. The calendar (month lengths, leap years, weekdays) is
//! jiff's.

use jiff::civil::Date;

/// The longest time between two runs of `expression`, in days; `None` when it is not a
/// schedule expression or a `cron` this module cannot judge exactly (the `W` nearest
/// weekday, `L` alone as a day of the week, a year other than `*`).
pub fn max_interval_days(expression: &str) -> Option<f64> {
    let e = expression.trim();
    if let Some(inner) = e.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        return rate(inner);
    }
    if let Some(inner) = e.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        return Cron::parse(inner)?.max_interval_days();
    }
    None
}

fn rate(inner: &str) -> Option<f64> {
    let mut parts = inner.split_whitespace();
    let value: u32 = parts.next()?.parse().ok().filter(|v| *v > 0)?;
    let per_day = match parts.next()? {
        "day" | "days" => 1.0,
        "hour" | "hours" => 24.0,
        _ => return None,
    };
    parts.next().is_none().then(|| f64::from(value) / per_day)
}

/// The day fields of a cron expression; hours and minutes only place runs within a day.
struct Cron {
    months: [bool; 13],
    days: DaySelector,
}

enum DaySelector {
    /// Day-of-month values, and whether `L` (the month's last day) is among them.
    OfMonth {
        days: [bool; 32],
        last: bool,
    },
    OfWeek(Vec<WeekdayRule>),
}

/// One element of the day-of-week field (1 is Sunday).
enum WeekdayRule {
    Every(u32),
    /// `n#k`: the k-th such weekday of the month.
    Nth(u32, u32),
    /// `nL`: the month's last such weekday.
    Last(u32),
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

impl Cron {
    fn parse(inner: &str) -> Option<Cron> {
        let fields: Vec<&str> = inner.split_whitespace().collect();
        let [_minutes, _hours, dom, month, dow, year] = fields.as_slice() else {
            return None;
        };
        if *year != "*" {
            return None;
        }
        let mut months = [false; 13];
        for m in values(month, 1, 12, &MONTHS)? {
            *months.get_mut(m as usize)? = true;
        }
        let days = match (*dom, *dow) {
            ("?", "?") => return None,
            ("?", dow) => DaySelector::OfWeek(weekday_rules(dow)?),
            (dom, "?" | "*") => {
                let mut days = [false; 32];
                let mut last = false;
                for part in dom.split(',') {
                    if part == "L" {
                        last = true;
                        continue;
                    }
                    for d in values(part, 1, 31, &[])? {
                        *days.get_mut(d as usize)? = true;
                    }
                }
                DaySelector::OfMonth { days, last }
            }
            _ => return None,
        };
        Some(Cron { months, days })
    }

    fn runs_on(&self, date: Date) -> bool {
        // jiff's month, day and weekday numbers are small and positive.
        let (month, day) = (date.month().unsigned_abs(), date.day().unsigned_abs());
        let (month, day) = (usize::from(month), usize::from(day));
        if !self.months.get(month).copied().unwrap_or(false) {
            return false;
        }
        let last_day = usize::from(date.days_in_month().unsigned_abs());
        // Cron counts weekdays from 1 (Sunday) to 7 (Saturday).
        let weekday = u32::from(date.weekday().to_sunday_one_offset().unsigned_abs());
        let nth = (day - 1) / 7 + 1;
        match &self.days {
            DaySelector::OfMonth { days, last } => {
                days.get(day).copied().unwrap_or(false) || (*last && day == last_day)
            }
            DaySelector::OfWeek(rules) => rules.iter().any(|r| match *r {
                WeekdayRule::Every(w) => weekday == w,
                WeekdayRule::Nth(w, k) => weekday == w && nth == k as usize,
                WeekdayRule::Last(w) => weekday == w && day + 7 > last_day,
            }),
        }
    }

    /// Walks 29 years of days (2001–2029), one full cycle of the calendar's
    /// weekday-and-leap-year pattern and the step into the next, and returns the longest
    /// gap between run days.
    fn max_interval_days(&self) -> Option<f64> {
        let mut previous: Option<u32> = None;
        let mut longest: Option<u32> = None;
        let days = Date::constant(2001, 1, 1)
            .series(jiff::Span::new().days(1))
            .take_while(|d| d.year() < 2030);
        for (n, date) in (0u32..).zip(days) {
            if self.runs_on(date) {
                if let Some(p) = previous {
                    longest = Some(longest.map_or(n - p, |l| l.max(n - p)));
                }
                previous = Some(n);
            }
        }
        longest.map(f64::from)
    }
}

/// The values of one cron field: `*`, `a`, `a-b` and steps `*/n`, `a/n`, `a-b/n`, joined
/// by commas; `names` spell the values from `low` on.
fn values(field: &str, low: u32, high: u32, names: &[&str]) -> Option<Vec<u32>> {
    let value = |s: &str| -> Option<u32> {
        let v = match names.iter().position(|n| n.eq_ignore_ascii_case(s)) {
            Some(i) => low + u32::try_from(i).ok()?,
            None => s.parse().ok()?,
        };
        (low..=high).contains(&v).then_some(v)
    };
    let mut out = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0)?),
            None => (part, 1),
        };
        let (from, to) = match range {
            "*" => (low, high),
            r => match r.split_once('-') {
                Some((a, b)) => (value(a)?, value(b)?),
                // `a/n` runs from a to the end of the field.
                None if step > 1 => (value(r)?, high),
                None => (value(r)?, value(r)?),
            },
        };
        if from > to {
            return None;
        }
        out.extend((from..=to).step_by(step as usize));
    }
    Some(out)
}

fn weekday_rules(field: &str) -> Option<Vec<WeekdayRule>> {
    let mut out = Vec::new();
    for part in field.split(',') {
        if let Some((w, k)) = part.split_once('#') {
            let w = values(w, 1, 7, &WEEKDAYS)?;
            let k: u32 = k.parse().ok().filter(|k| (1..=5).contains(k))?;
            out.push(WeekdayRule::Nth(*w.first()?, k));
        } else if let Some(w) = part.strip_suffix('L').filter(|w| !w.is_empty()) {
            let w = values(w, 1, 7, &WEEKDAYS)?;
            out.push(WeekdayRule::Last(*w.first()?));
        } else {
            out.extend(
                values(part, 1, 7, &WEEKDAYS)?
                    .into_iter()
                    .map(WeekdayRule::Every),
            );
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_in_days_and_hours() {
        assert_eq!(max_interval_days("rate(180 days)"), Some(180.0));
        assert_eq!(max_interval_days("rate(1 day)"), Some(1.0));
        assert_eq!(max_interval_days("rate(12 hours)"), Some(0.5));
        assert_eq!(max_interval_days(" rate(90 days) "), Some(90.0));
        assert_eq!(max_interval_days("rate(0 days)"), None);
        assert_eq!(max_interval_days("rate(5 minutes)"), None);
        assert_eq!(max_interval_days("rate(5)"), None);
        assert_eq!(max_interval_days("every 5 days"), None);
    }

    #[test]
    fn crons_by_day_of_month() {
        // Every day at 04:00, and every 4 hours.
        assert_eq!(max_interval_days("cron(0 4 * * ? *)"), Some(1.0));
        assert_eq!(max_interval_days("cron(0 4/4 * * ? *)"), Some(1.0));
        // The 1st and 15th of each month.
        assert_eq!(max_interval_days("cron(0 16 1,15 * ? *)"), Some(17.0));
        // The last day of each month: 31 days at most.
        assert_eq!(max_interval_days("cron(0 0 L * ? *)"), Some(31.0));
        // The 31st exists in seven months: never more than two months apart.
        assert_eq!(max_interval_days("cron(0 0 31 * ? *)"), Some(61.0));
        // Quarterly: a year of four gaps cannot keep every gap within 90 days.
        assert_eq!(
            max_interval_days("cron(0 0 1 JAN,APR,JUL,OCT ? *)"),
            Some(92.0)
        );
        assert_eq!(max_interval_days("cron(0 0 1 1/3 ? *)"), Some(92.0));
        assert_eq!(max_interval_days("cron(0 0 1 */2 ? *)"), Some(62.0));
        // Once a year.
        assert_eq!(max_interval_days("cron(0 0 1 JAN ? *)"), Some(365.0 + 1.0));
    }

    #[test]
    fn crons_by_day_of_week() {
        // Every Sunday, every weekday.
        assert_eq!(max_interval_days("cron(0 0 ? * SUN *)"), Some(7.0));
        assert_eq!(max_interval_days("cron(0 0 ? * MON-FRI *)"), Some(3.0));
        // The first Monday of each month: 35 days at most.
        assert_eq!(max_interval_days("cron(0 0 ? * 2#1 *)"), Some(35.0));
        // The last Friday of each month.
        assert_eq!(max_interval_days("cron(0 0 ? * 6L *)"), Some(35.0));
        // A fifth Monday is months apart at times.
        assert!(max_interval_days("cron(0 0 ? * MON#5 *)").is_some_and(|d| d > 90.0));
    }

    #[test]
    fn crons_this_module_does_not_judge() {
        assert_eq!(max_interval_days("cron(0 0 15W * ? *)"), None);
        assert_eq!(max_interval_days("cron(0 0 1 * ? 2025)"), None);
        assert_eq!(max_interval_days("cron(0 0 ? * ? *)"), None);
        assert_eq!(max_interval_days("cron(0 0 1 * MON *)"), None);
        assert_eq!(max_interval_days("cron(0 0 1 13 ? *)"), None);
        assert_eq!(max_interval_days("cron(0 0 1 *)"), None);
        // February 30th never comes.
        assert_eq!(max_interval_days("cron(0 0 30 FEB ? *)"), None);
    }
}
