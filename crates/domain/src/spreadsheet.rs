//! Cells that leave the platform in a spreadsheet (CSV exports, import error reports).
//!
//! A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or a
//! carriage return that hides one) as a formula, so text a user typed could run on a
//! secretary's machine. Every CSV the platform writes passes its text cells through here.

use std::borrow::Cow;

/// The cell as safe text: a leading formula character is escaped with an apostrophe, which
/// spreadsheets show as plain text and do not evaluate.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A negative number such as `-12.5` is data, not a formula, and stays as it is.
fn is_plain_number(cell: &str) -> bool {
    cell.strip_prefix('-')
        .is_some_and(|rest| !rest.is_empty() && rest.parse::<f64>().is_ok_and(f64::is_finite))
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        for hostile in [
            "=1+1",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "\t=x",
            "\r=x",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"), "{hostile:?}");
        }
    }

    #[test]
    fn ordinary_cells_and_negative_numbers_stay() {
        for plain in [
            "陈大文",
            "Chan Tai Man",
            "",
            "12",
            "-12.5",
            "2026-11-29",
            "a=b",
        ] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }
}
