//! CPD hours in recent windows, computed once per engineer so a rule's CPD condition is an
//! array read.

use super::CpdEntry;
use crate::Date;

/// The longest CPD window a rule may ask about. CPD is by nature recent; bounding the window
/// lets every engineer's hours be summed once for every window a rule could name.
pub const MAX_CPD_WINDOW_YEARS: u32 = 10;

/// Hours of CPD within the last 1, 2, … [`MAX_CPD_WINDOW_YEARS`] years of a given day.
/// "Within the last `n` years" of `today` means from `today` minus `n` calendar years
/// (29 February falling back to the 28th) up to and including `today`; records dated after
/// `today` have not happened yet and count nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CpdHours([u32; MAX_CPD_WINDOW_YEARS as usize]);

impl CpdHours {
    /// Sums `records` into every window ending on `today`.
    pub fn new(records: &[CpdEntry], today: Date) -> Self {
        let mut by_years_back = [0u32; MAX_CPD_WINDOW_YEARS as usize + 1];
        for r in records {
            if let Some(back) = years_back(r.date, today) {
                let slot = back.clamp(1, MAX_CPD_WINDOW_YEARS + 1) as usize - 1;
                by_years_back[slot] = by_years_back[slot].saturating_add(r.hours);
            }
        }
        let mut within = [0u32; MAX_CPD_WINDOW_YEARS as usize];
        let mut sum = 0u32;
        for (w, hours) in within.iter_mut().zip(by_years_back) {
            sum = sum.saturating_add(hours);
            *w = sum;
        }
        CpdHours(within)
    }

    /// Hours within the last `years` years; 0 for a window of 0 or beyond the maximum, which
    /// compiled rules never ask for.
    pub fn within(&self, years: u32) -> u32 {
        match years {
            1..=MAX_CPD_WINDOW_YEARS => self.0[years as usize - 1],
            _ => 0,
        }
    }
}

/// The smallest `n` such that `date` lies within the last `n` years of `today`, or `None`
/// for a date after `today`. Plain arithmetic on the calendar fields, so summing a million
/// engineers' records needs no date arithmetic.
pub(crate) fn years_back(date: Date, today: Date) -> Option<u32> {
    if date > today {
        return None;
    }
    // `today` minus n years lands in `date`'s year when n = today.year - date.year; on
    // 29 February it falls back to the 28th in a common year.
    let anchor_day = if today.month() == 2 && today.day() == 29 && !is_leap(date.year()) {
        28
    } else {
        today.day()
    };
    let years = (today.year() - date.year()) as u32;
    let on_or_after_anchor = (date.month(), date.day()) >= (today.month(), anchor_day);
    Some(if on_or_after_anchor { years } else { years + 1 })
}

fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The window as the calendar defines it, with jiff's arithmetic.
    fn within_by_calendar(date: Date, today: Date, years: u32) -> bool {
        let start = today.checked_sub((years as i64).years()).unwrap();
        start <= date && date <= today
    }

    #[test]
    fn years_back_agrees_with_calendar_arithmetic() {
        let todays = [
            "2026-05-10",
            "2024-02-29",
            "2025-02-28",
            "2025-03-01",
            "2025-12-31",
        ];
        for today in todays.map(day) {
            let mut date = today.checked_sub(12.years()).unwrap();
            while date <= today.checked_add(3.days()).unwrap() {
                for years in 1..=MAX_CPD_WINDOW_YEARS {
                    let ours = years_back(date, today).is_some_and(|b| b <= years);
                    assert_eq!(
                        ours,
                        within_by_calendar(date, today, years),
                        "{date} within {years} years of {today}"
                    );
                }
                date = date.tomorrow().unwrap();
            }
        }
    }

    #[test]
    fn hours_add_up_per_window() {
        let today = day("2026-05-10");
        let records = [
            CpdEntry {
                date: day("2026-05-10"),
                hours: 1,
            },
            CpdEntry {
                date: day("2025-05-10"),
                hours: 10,
            },
            CpdEntry {
                date: day("2025-05-09"),
                hours: 100,
            },
            CpdEntry {
                date: day("2001-01-01"),
                hours: 1000,
            },
            CpdEntry {
                date: day("2026-05-11"),
                hours: 10000,
            },
        ];
        let hours = CpdHours::new(&records, today);
        assert_eq!(hours.within(1), 11);
        assert_eq!(hours.within(2), 111);
        assert_eq!(hours.within(MAX_CPD_WINDOW_YEARS), 111);
        assert_eq!(hours.within(0), 0);
        assert_eq!(hours.within(MAX_CPD_WINDOW_YEARS + 1), 0);
    }
}
