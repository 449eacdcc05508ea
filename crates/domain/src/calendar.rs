//! Working-day calendars per jurisdiction, kept as data (`data/calendars/*.toml`) and compiled
//! in: the public holidays of each region and, for the mainland, the weekend days worked to
//! make a holiday longer (调休).
//!
//! A working day is Monday to Friday unless it is a listed holiday, or a Saturday or Sunday
//! that is a listed make-up working day. Outside the years a calendar covers, only weekends
//! are counted, so a clock never stops for want of data.

use crate::{Date, Jurisdiction};
use jiff::civil::Weekday;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// One region's working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub jurisdiction: Jurisdiction,
    /// The first and last day the data covers.
    pub covers: (Date, Date),
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    jurisdiction: Jurisdiction,
    covers: Covers,
    #[serde(default)]
    holiday: Vec<Entry>,
    #[serde(default)]
    workday: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Covers {
    #[serde(with = "crate::date")]
    from: Date,
    #[serde(with = "crate::date")]
    until: Date,
}

/// A day, or a run of days from `date` to `until` inclusive.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(with = "crate::date")]
    date: Date,
    #[serde(default, with = "crate::date::option")]
    until: Option<Date>,
    #[allow(dead_code)]
    name: String,
    /// Computed from the rules rather than taken from the published list.
    #[serde(default)]
    #[allow(dead_code)]
    provisional: bool,
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn next_day(d: Date) -> Date {
    d.tomorrow().expect("dates stay far from the end of time")
}

fn previous_day(d: Date) -> Date {
    d.yesterday()
        .expect("dates stay far from the start of time")
}

impl Calendar {
    /// Reads a calendar file, checking that every entry lies within what it claims to cover
    /// and that no day is both a holiday and a make-up working day.
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let covers = (file.covers.from, file.covers.until);
        if covers.0 > covers.1 {
            return Err("`covers.from` is after `covers.until`".into());
        }
        let days = |entries: &[Entry], what: &str| -> Result<BTreeSet<Date>, String> {
            let mut out = BTreeSet::new();
            for e in entries {
                let last = e.until.unwrap_or(e.date);
                if last < e.date || e.date < covers.0 || last > covers.1 {
                    return Err(format!(
                        "{what} {}–{last} lies outside {}–{} or runs backwards",
                        e.date, covers.0, covers.1
                    ));
                }
                let mut d = e.date;
                while d <= last {
                    out.insert(d);
                    d = next_day(d);
                }
            }
            Ok(out)
        };
        let holidays = days(&file.holiday, "holiday")?;
        let workdays = days(&file.workday, "workday")?;
        if let Some(both) = holidays.intersection(&workdays).next() {
            return Err(format!("{both} is listed both as a holiday and a workday"));
        }
        if let Some(weekday) = workdays.iter().find(|d| !is_weekend(**d)) {
            return Err(format!(
                "{weekday} is a weekday; only a Saturday or Sunday can be a make-up workday"
            ));
        }
        Ok(Calendar {
            jurisdiction: file.jurisdiction,
            covers,
            holidays,
            workdays,
        })
    }

    /// The calendar of `j`; `INTL` has no public holidays, only weekends.
    pub fn of(j: Jurisdiction) -> &'static Calendar {
        static GD: LazyLock<Calendar> =
            LazyLock::new(|| load(include_str!("../../../data/calendars/GD.toml"), "GD"));
        static HK: LazyLock<Calendar> =
            LazyLock::new(|| load(include_str!("../../../data/calendars/HK.toml"), "HK"));
        static MO: LazyLock<Calendar> =
            LazyLock::new(|| load(include_str!("../../../data/calendars/MO.toml"), "MO"));
        static INTL: LazyLock<Calendar> = LazyLock::new(|| Calendar {
            jurisdiction: Jurisdiction::Intl,
            covers: (Date::MIN, Date::MAX),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
        });
        match j {
            Jurisdiction::Gd => &GD,
            Jurisdiction::Hk => &HK,
            Jurisdiction::Mo => &MO,
            Jurisdiction::Intl => &INTL,
        }
    }

    pub fn is_holiday(&self, d: Date) -> bool {
        self.holidays.contains(&d)
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !is_weekend(d) && !self.holidays.contains(&d)
    }

    /// The day `n` working days after `from` (`from` itself does not count, as a deadline of
    /// 5 working days set on a Monday falls on the next Monday). `n = 0` is `from`.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = next_day(d);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The working days after `from` up to and including `to`; negative when `to` is before
    /// `from`. So `working_days_between(today, due)` is the working days left until `due`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut d = hi;
        while d > lo {
            if self.is_working_day(d) {
                n += 1;
            }
            d = previous_day(d);
        }
        sign * n
    }
}

fn load(text: &str, name: &str) -> Calendar {
    Calendar::parse(text).unwrap_or_else(|e| panic!("data/calendars/{name}.toml: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_compiled_calendars_load_and_cover_2025_to_2027() {
        for j in [Jurisdiction::Gd, Jurisdiction::Hk, Jurisdiction::Mo] {
            let c = Calendar::of(j);
            assert_eq!(c.jurisdiction, j);
            assert_eq!(c.covers, (day("2025-01-01"), day("2027-12-31")));
            assert!(c.is_holiday(day("2026-10-01")), "{j}: National Day");
        }
        assert!(Calendar::of(Jurisdiction::Intl).is_working_day(day("2026-10-01")));
    }

    #[test]
    fn weekends_and_holidays_are_skipped() {
        let hk = Calendar::of(Jurisdiction::Hk);
        // Thursday 2026-06-18 + 1: Friday 19 is Tuen Ng, then the weekend.
        assert_eq!(hk.add_working_days(day("2026-06-18"), 1), day("2026-06-22"));
        // A plain week: Monday + 5 = next Monday.
        assert_eq!(hk.add_working_days(day("2026-03-02"), 5), day("2026-03-09"));
        assert_eq!(hk.add_working_days(day("2026-03-02"), 0), day("2026-03-02"));
        // Easter 2026: Good Friday, the day following, Easter Monday and the day after.
        assert_eq!(hk.add_working_days(day("2026-04-02"), 1), day("2026-04-08"));
    }

    #[test]
    fn mainland_make_up_working_days_count() {
        let gd = Calendar::of(Jurisdiction::Gd);
        // Saturday 2026-05-09 is worked (劳动节调休); Saturday 2026-05-16 is not.
        assert!(gd.is_working_day(day("2026-05-09")));
        assert!(!gd.is_working_day(day("2026-05-16")));
        // 1–5 May off: from Thursday 30 April, one working day is Wednesday 6 May.
        assert_eq!(gd.add_working_days(day("2026-04-30"), 1), day("2026-05-06"));
        // Friday 8 May + 1 = Saturday 9 May (调休).
        assert_eq!(gd.add_working_days(day("2026-05-08"), 1), day("2026-05-09"));
        // Hong Kong does not work that Saturday.
        let hk = Calendar::of(Jurisdiction::Hk);
        assert_eq!(hk.add_working_days(day("2026-05-08"), 1), day("2026-05-11"));
        // Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 worked.
        assert_eq!(gd.add_working_days(day("2026-02-13"), 1), day("2026-02-14"));
        assert_eq!(gd.add_working_days(day("2026-02-14"), 1), day("2026-02-24"));
        assert_eq!(
            gd.working_days_between(day("2026-02-13"), day("2026-02-28")),
            6
        );
    }

    #[test]
    fn counting_is_the_inverse_of_adding() {
        let gd = Calendar::of(Jurisdiction::Gd);
        let mut d = day("2025-01-01");
        while d < day("2027-12-01") {
            for n in [0, 1, 5, 20, 40] {
                let due = gd.add_working_days(d, n);
                assert_eq!(gd.working_days_between(d, due), i64::from(n), "{d} + {n}");
                assert_eq!(gd.working_days_between(due, d), -i64::from(n), "{d} + {n}");
            }
            d = d.checked_add(jiff::Span::new().days(3)).unwrap();
        }
    }

    #[test]
    fn bad_calendars_are_refused() {
        let base = "jurisdiction = \"GD\"\ncovers = { from = 2026-01-01, until = 2026-12-31 }\n";
        assert!(
            Calendar::parse(&format!(
                "{base}holiday = [{{ date = 2027-01-01, name = \"x\" }}]"
            ))
            .is_err()
        );
        assert!(
            Calendar::parse(&format!(
                "{base}workday = [{{ date = 2026-05-11, name = \"Monday\" }}]"
            ))
            .is_err()
        );
        assert!(Calendar::parse(&format!(
            "{base}holiday = [{{ date = 2026-05-09, name = \"x\" }}]\nworkday = [{{ date = 2026-05-09, name = \"y\" }}]"
        ))
        .is_err());
    }
}
