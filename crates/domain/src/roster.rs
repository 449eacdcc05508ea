//! Society member rosters: the columns a roster file may have, and what one of its rows must
//! say to become an engineer with an attested qualification.
//!
//! A roster is the society's own record of its members, so its rows are checked as strictly
//! as a form: one bad cell rejects the row (with every reason at once, so the society fixes
//! them in one pass), and the rest of the file still goes in. Identity numbers are never part
//! of a roster: the platform does not need them to keep a society's members.

use crate::engineer::{Accreditation, Standing};
use crate::{Date, LocalizedText};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A roster column, by its header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    MemberNumber,
    NameZhHans,
    NameZhHant,
    NameEn,
    NamePt,
    Framework,
    Level,
    Specialty,
    AwardedOn,
    CertificateNumber,
    Standing,
    ExperienceSince,
    Employer,
    CpdHours,
    CpdUntil,
    Degree,
    Institution,
    GraduationYear,
    Accreditation,
}

impl Column {
    /// Every column, in the order the documentation lists them.
    pub const ALL: [Column; 19] = [
        Column::MemberNumber,
        Column::NameZhHans,
        Column::NameZhHant,
        Column::NameEn,
        Column::NamePt,
        Column::Framework,
        Column::Level,
        Column::Specialty,
        Column::AwardedOn,
        Column::CertificateNumber,
        Column::Standing,
        Column::ExperienceSince,
        Column::Employer,
        Column::CpdHours,
        Column::CpdUntil,
        Column::Degree,
        Column::Institution,
        Column::GraduationYear,
        Column::Accreditation,
    ];

    /// Columns a header must have.
    pub const REQUIRED: [Column; 4] = [
        Column::MemberNumber,
        Column::Framework,
        Column::Level,
        Column::Specialty,
    ];

    /// The name columns, of which a header needs at least one and a row at least one filled.
    pub const NAMES: [Column; 3] = [Column::NameZhHans, Column::NameZhHant, Column::NameEn];

    pub fn name(self) -> &'static str {
        match self {
            Column::MemberNumber => "member_number",
            Column::NameZhHans => "name_zh_hans",
            Column::NameZhHant => "name_zh_hant",
            Column::NameEn => "name_en",
            Column::NamePt => "name_pt",
            Column::Framework => "framework",
            Column::Level => "level",
            Column::Specialty => "specialty",
            Column::AwardedOn => "awarded_on",
            Column::CertificateNumber => "certificate_number",
            Column::Standing => "standing",
            Column::ExperienceSince => "experience_since",
            Column::Employer => "employer",
            Column::CpdHours => "cpd_hours",
            Column::CpdUntil => "cpd_until",
            Column::Degree => "degree",
            Column::Institution => "institution",
            Column::GraduationYear => "graduation_year",
            Column::Accreditation => "accreditation",
        }
    }

    pub fn parse(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        Column::ALL
            .iter()
            .position(|c| *c == self)
            .expect("every column is in ALL")
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Longest texts a row may hold, in characters.
pub const MAX_MEMBER_NUMBER: usize = 32;
pub const MAX_NAME: usize = 100;
pub const MAX_CERTIFICATE_NUMBER: usize = 64;
pub const MAX_LONG_TEXT: usize = 200;
pub const MAX_CPD_HOURS: u32 = 1000;

/// Where each known column sits in a file, from its header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    positions: [Option<usize>; Column::ALL.len()],
    width: usize,
}

/// Why a header row is refused: every reason at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderError {
    pub unknown: Vec<String>,
    pub missing: Vec<&'static str>,
    pub repeated: Vec<String>,
    /// None of the name columns is there.
    pub no_name: bool,
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.unknown.is_empty() {
            parts.push(format!(
                "unknown column(s): {} (the columns are: {})",
                quoted(&self.unknown),
                Column::ALL.map(Column::name).join(", ")
            ));
        }
        if !self.missing.is_empty() {
            parts.push(format!(
                "missing required column(s): {}",
                quoted(&self.missing)
            ));
        }
        if self.no_name {
            parts.push(format!(
                "no name column: give at least one of {}",
                Column::NAMES.map(Column::name).join(", ")
            ));
        }
        if !self.repeated.is_empty() {
            parts.push(format!("column(s) given twice: {}", quoted(&self.repeated)));
        }
        write!(
            f,
            "the header row is not a roster header: {}",
            parts.join("; ")
        )
    }
}

impl std::error::Error for HeaderError {}

fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Header {
    /// Reads a header row: names are matched without surrounding spaces and case.
    pub fn parse<S: AsRef<str>>(cells: &[S]) -> Result<Header, HeaderError> {
        let mut positions = [None; Column::ALL.len()];
        let mut error = HeaderError::default();
        for (i, cell) in cells.iter().enumerate() {
            let raw = cell.as_ref().trim_start_matches('\u{feff}').trim();
            if raw.is_empty() && i + 1 == cells.len() && i > 0 {
                // A trailing separator leaves one empty cell at the end: not a column.
                continue;
            }
            match Column::parse(&raw.to_ascii_lowercase()) {
                Some(column) => {
                    let slot = &mut positions[column.index()];
                    if slot.is_some() {
                        error.repeated.push(column.name().to_string());
                    } else {
                        *slot = Some(i);
                    }
                }
                None => error.unknown.push(if raw.is_empty() {
                    format!("(empty, column {})", i + 1)
                } else {
                    raw.to_string()
                }),
            }
        }
        for column in Column::REQUIRED {
            if positions[column.index()].is_none() {
                error.missing.push(column.name());
            }
        }
        error.no_name = Column::NAMES.iter().all(|c| positions[c.index()].is_none());
        if error == HeaderError::default() {
            Ok(Header {
                positions,
                width: cells.len(),
            })
        } else {
            Err(error)
        }
    }

    /// Whether the file has this column.
    pub fn has(&self, column: Column) -> bool {
        self.positions[column.index()].is_some()
    }

    /// The index of `column` in the file's rows, when the file has it.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions[column.index()]
    }

    /// How many cells the header row has.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The trimmed cell of `column` in a row, empty when the file lacks the column or the
    /// row is short.
    fn cell<'a>(&self, cells: &[&'a str], column: Column) -> &'a str {
        self.positions[column.index()]
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim())
    }
}

/// The references a row must make to the register: the specialties, and each framework's
/// levels. Built once per import from the register.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub specialties: HashSet<String>,
    /// Framework id → its level ids.
    pub levels: HashMap<String, HashSet<String>>,
}

/// Education as a roster gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEducation {
    pub degree: String,
    pub institution: String,
    pub year: i32,
    pub accreditation: Accreditation,
}

/// One valid roster row: a member, their qualification, and what the roster says about
/// their experience, CPD and education.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub member_number: String,
    pub names: LocalizedText,
    pub framework: String,
    pub level: String,
    pub specialty: String,
    pub awarded_on: Option<Date>,
    pub certificate_number: String,
    pub standing: Standing,
    /// Since when the member works in the specialty, and for whom.
    pub experience: Option<(Date, String)>,
    /// CPD hours in the three years up to a date (the import's day when not given). Zero
    /// hours is no record.
    pub cpd: Option<(u32, Option<Date>)>,
    pub education: Option<RosterEducation>,
}

/// One thing wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The column the problem is in; empty when it concerns the whole row.
    pub column: &'static str,
    pub message: String,
}

impl RowError {
    fn new(column: Column, message: impl Into<String>) -> RowError {
        RowError {
            column: column.name(),
            message: message.into(),
        }
    }

    /// A problem with the row as a whole (its shape, its encoding, a duplicate).
    pub fn row(message: impl Into<String>) -> RowError {
        RowError {
            column: "",
            message: message.into(),
        }
    }
}

/// Checks a row (its cells in file order) against the header and the register. `today`
/// bounds the dates a roster may state.
pub fn validate(
    header: &Header,
    cells: &[&str],
    known: &Known,
    today: Date,
) -> Result<RosterRow, Vec<RowError>> {
    let mut errors = Vec::new();
    if cells.len() > header.width && cells[header.width..].iter().any(|c| !c.trim().is_empty()) {
        errors.push(RowError::row(format!(
            "the row has {} cells but the header only {} columns",
            cells.len(),
            header.width
        )));
    }
    let cell = |c: Column| header.cell(cells, c);

    let member_number = cell(Column::MemberNumber);
    if let Err(m) = check_member_number(member_number) {
        errors.push(RowError::new(Column::MemberNumber, m));
    }

    let mut text = |column: Column, max: usize| -> String {
        let value = cell(column);
        let len = value.chars().count();
        if len > max {
            errors.push(RowError::new(
                column,
                format!("{len} characters, at most {max} allowed"),
            ));
        } else if value.chars().any(char::is_control) {
            errors.push(RowError::new(
                column,
                "contains a control character (a line break or tab inside the cell)",
            ));
        }
        value.to_string()
    };
    let names = LocalizedText {
        zh_hans: text(Column::NameZhHans, MAX_NAME),
        zh_hant: text(Column::NameZhHant, MAX_NAME),
        en: text(Column::NameEn, MAX_NAME),
        pt: Some(text(Column::NamePt, MAX_NAME)).filter(|p| !p.is_empty()),
    };
    let certificate_number = text(Column::CertificateNumber, MAX_CERTIFICATE_NUMBER);
    let employer = text(Column::Employer, MAX_LONG_TEXT);
    let degree = text(Column::Degree, MAX_LONG_TEXT);
    let institution = text(Column::Institution, MAX_LONG_TEXT);
    if names.zh_hans.is_empty() && names.zh_hant.is_empty() && names.en.is_empty() {
        errors.push(RowError::new(
            Column::NameEn,
            "no name: fill at least one of name_zh_hans, name_zh_hant, name_en",
        ));
    }

    let framework = cell(Column::Framework);
    let level = cell(Column::Level);
    let specialty = cell(Column::Specialty);
    match (framework.is_empty(), known.levels.get(framework)) {
        (true, _) => errors.push(RowError::new(Column::Framework, "required")),
        (false, None) => errors.push(RowError::new(
            Column::Framework,
            format!("unknown framework `{framework}`"),
        )),
        (false, Some(levels)) => {
            if level.is_empty() {
                errors.push(RowError::new(Column::Level, "required"));
            } else if !levels.contains(level) {
                errors.push(RowError::new(
                    Column::Level,
                    format!("`{level}` is not a level of framework `{framework}`"),
                ));
            }
        }
    }
    if framework.is_empty() && level.is_empty() {
        errors.push(RowError::new(Column::Level, "required"));
    }
    if specialty.is_empty() {
        errors.push(RowError::new(Column::Specialty, "required"));
    } else if !known.specialties.contains(specialty) {
        errors.push(RowError::new(
            Column::Specialty,
            format!("unknown specialty `{specialty}`"),
        ));
    }

    let mut date = |column: Column, not_after_today: bool| -> Option<Date> {
        let value = cell(column);
        if value.is_empty() {
            return None;
        }
        match value.parse::<Date>() {
            Ok(d) if not_after_today && d > today => {
                errors.push(RowError::new(column, format!("{d} is in the future")));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(RowError::new(
                    column,
                    format!("`{value}` is not a date written YYYY-MM-DD"),
                ));
                None
            }
        }
    };
    let awarded_on = date(Column::AwardedOn, true);
    let experience_since = date(Column::ExperienceSince, true);
    let cpd_until = date(Column::CpdUntil, false);

    let standing = match cell(Column::Standing) {
        "" => Standing::Good,
        s => Standing::parse(s).unwrap_or_else(|| {
            errors.push(RowError::new(
                Column::Standing,
                format!("`{s}` is not a standing: write good or under-discipline"),
            ));
            Standing::Good
        }),
    };

    let experience = match experience_since {
        Some(since) => Some((since, employer)),
        None => {
            if !employer.is_empty() && cell(Column::ExperienceSince).is_empty() {
                errors.push(RowError::new(
                    Column::ExperienceSince,
                    "required when employer is given: since when the member works in the specialty",
                ));
            }
            None
        }
    };

    let cpd_hours = cell(Column::CpdHours);
    let cpd = if cpd_hours.is_empty() {
        if !cell(Column::CpdUntil).is_empty() {
            errors.push(RowError::new(
                Column::CpdHours,
                "required when cpd_until is given",
            ));
        }
        None
    } else {
        match cpd_hours.parse::<u32>() {
            Ok(0) => None,
            Ok(h) if h <= MAX_CPD_HOURS => Some((h, cpd_until)),
            _ => {
                errors.push(RowError::new(
                    Column::CpdHours,
                    format!(
                        "`{cpd_hours}` is not a whole number of hours from 0 to {MAX_CPD_HOURS}"
                    ),
                ));
                None
            }
        }
    };

    let year = cell(Column::GraduationYear);
    let accreditation = cell(Column::Accreditation);
    let education = if degree.is_empty()
        && institution.is_empty()
        && year.is_empty()
        && accreditation.is_empty()
    {
        None
    } else {
        for (column, value) in [
            (Column::Degree, degree.as_str()),
            (Column::Institution, institution.as_str()),
            (Column::GraduationYear, year),
        ] {
            if value.is_empty() {
                errors.push(RowError::new(
                    column,
                    "required when any education column is given",
                ));
            }
        }
        let year = match year.parse::<i32>() {
            Ok(y) if (1900..=i32::from(today.year())).contains(&y) => y,
            _ => {
                if !year.is_empty() {
                    errors.push(RowError::new(
                        Column::GraduationYear,
                        format!("`{year}` is not a year from 1900 to {}", today.year()),
                    ));
                }
                0
            }
        };
        let accreditation = match accreditation {
            "" => Accreditation::None,
            a => Accreditation::parse(a).unwrap_or_else(|| {
                errors.push(RowError::new(
                    Column::Accreditation,
                    format!(
                        "`{a}` is not an accreditation: write one of {}",
                        Accreditation::ALL
                            .iter()
                            .map(|a| a.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                Accreditation::None
            }),
        };
        Some(RosterEducation {
            degree,
            institution,
            year,
            accreditation,
        })
    };

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RosterRow {
        member_number: member_number.to_string(),
        names,
        framework: framework.to_string(),
        level: level.to_string(),
        specialty: specialty.to_string(),
        awarded_on,
        certificate_number,
        standing,
        experience,
        cpd,
        education,
    })
}

fn check_member_number(m: &str) -> Result<(), String> {
    if m.is_empty() {
        return Err("required".into());
    }
    let len = m.chars().count();
    if len > MAX_MEMBER_NUMBER {
        return Err(format!(
            "{len} characters, at most {MAX_MEMBER_NUMBER} allowed"
        ));
    }
    if let Some(bad) = m
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/')))
    {
        return Err(format!(
            "`{bad}` is not allowed: use letters, digits, -, _ and /"
        ));
    }
    Ok(())
}

/// The member numbers a file has shown so far, to refuse a second row for the same member.
/// Kept as 64-bit digests so a million members cost a few tens of megabytes, not the
/// numbers themselves.
#[derive(Debug, Default)]
pub struct SeenMembers {
    lines: HashMap<u64, u64>,
}

impl SeenMembers {
    /// Records `member` on `line`; when it was already seen, the first line it was on.
    pub fn first_line(&mut self, member: &str, line: u64) -> Option<u64> {
        let mut h = DefaultHasher::new();
        member.hash(&mut h);
        match self.lines.entry(h.finish()) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[&str] = &[
        "member_number",
        "name_zh_hans",
        "name_zh_hant",
        "name_en",
        "framework",
        "level",
        "specialty",
        "awarded_on",
        "cpd_hours",
        "degree",
        "institution",
        "graduation_year",
        "accreditation",
        "employer",
        "experience_since",
    ];

    fn known() -> Known {
        Known {
            specialties: ["civil".to_string()].into(),
            levels: [(
                "cn-title".to_string(),
                ["engineer".to_string(), "senior".to_string()].into(),
            )]
            .into(),
        }
    }

    fn today() -> Date {
        Date::constant(2026, 11, 29)
    }

    fn row(cells: &[&str]) -> Result<RosterRow, Vec<RowError>> {
        validate(&Header::parse(HEADER).unwrap(), cells, &known(), today())
    }

    #[test]
    fn headers_name_what_is_wrong() {
        let err = Header::parse(&["member_number", "nickname", "framework", "level"]).unwrap_err();
        assert_eq!(err.unknown, ["nickname"]);
        assert_eq!(err.missing, ["specialty"]);
        assert!(err.no_name);
        let text = err.to_string();
        assert!(
            text.contains("`nickname`") && text.contains("`specialty`"),
            "{text}"
        );
        let ok = Header::parse(&[
            "\u{feff}Member_Number ",
            "name_en",
            "framework",
            "level",
            "specialty",
            "",
        ]);
        assert!(ok.is_ok(), "{ok:?}");
        let twice = Header::parse(&[
            "member_number",
            "name_en",
            "name_en",
            "framework",
            "level",
            "specialty",
        ]);
        assert_eq!(twice.unwrap_err().repeated, ["name_en"]);
    }

    #[test]
    fn a_good_row() {
        let r = row(&[
            "M-001/2",
            "陈大文",
            "陳大文",
            "Chan Tai Man",
            "cn-title",
            "engineer",
            "civil",
            "2015-07-01",
            "120",
            "BEng",
            "HKU",
            "2010",
            "washington-accord",
            "ACME",
            "2012-01-01",
        ])
        .unwrap();
        assert_eq!(r.member_number, "M-001/2");
        assert_eq!(r.names.zh_hant, "陳大文");
        assert_eq!(r.cpd, Some((120, None)));
        assert_eq!(
            r.education.unwrap().accreditation,
            Accreditation::WashingtonAccord
        );
        assert_eq!(r.experience.unwrap().1, "ACME");
        assert_eq!(r.standing, Standing::Good);
    }

    #[test]
    fn every_problem_of_a_row_at_once() {
        let long = "x".repeat(101);
        let errors = row(&[
            "M 1",
            &long,
            "",
            "",
            "cn-title",
            "fellow",
            "rocketry",
            "2015-13-01",
            "1001",
            "BEng",
            "",
            "1800",
            "unknown",
            "ACME",
            "",
        ])
        .unwrap_err();
        let columns: Vec<&str> = errors.iter().map(|e| e.column).collect();
        for expected in [
            "member_number",
            "name_zh_hans",
            "level",
            "specialty",
            "awarded_on",
            "cpd_hours",
            "institution",
            "graduation_year",
            "accreditation",
            "experience_since",
        ] {
            assert!(columns.contains(&expected), "{expected} in {errors:?}");
        }
    }

    #[test]
    fn names_unknown_frameworks_and_needs_a_name() {
        let errors = row(&["M1", "", "", "", "nope", "engineer", "civil"]).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("unknown framework `nope`"))
        );
        assert!(errors.iter().any(|e| e.message.contains("no name")));
    }

    #[test]
    fn extra_cells_are_refused_but_trailing_empties_are_not() {
        let mut cells: Vec<&str> = vec!["M1", "", "", "Ann", "cn-title", "engineer", "civil"];
        cells.resize(HEADER.len(), "");
        cells.push("");
        assert!(row(&cells).is_ok());
        cells.push("surplus");
        assert!(row(&cells).is_err());
    }

    #[test]
    fn duplicates_remember_the_first_line() {
        let mut seen = SeenMembers::default();
        assert_eq!(seen.first_line("M1", 2), None);
        assert_eq!(seen.first_line("M2", 3), None);
        assert_eq!(seen.first_line("M1", 9), Some(2));
    }
}
