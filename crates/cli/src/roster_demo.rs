//! `wanqiao demo roster`: a synthetic member roster in the import format (`docs/roster.md`),
//! for tests and benchmarks.
//!
//! The members look like a society's real ones: names in 简体, 繁體 and the region's
//! romanisation, ages that lead to graduation years, years in the specialty that lead to
//! levels on the society's own ladders (senior levels take longer, and not everyone gets
//! there), CPD mostly between 60 and 150 hours, and some gaps a reviewer would notice (too
//! little CPD, a degree without accreditation, a rare disciplinary case).
//!
//! Every value is drawn from one small seeded generator and dates count from a fixed day
//! ([`AS_OF`]), never the clock, so a seed always gives the same bytes; and rows are written
//! one at a time through a buffered writer, so a million of them never sit in memory.

mod names;
mod places;

use crate::CliError;
use clap::Args;
use names::{GivenChar, Surname, Usage};
use places::{DegreeKind, Region};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use wanqiao_domain::dataset::Dataset;
use wanqiao_domain::{Framework, FrameworkKind, Jurisdiction};

#[derive(Debug, Args)]
pub struct RosterArgs {
    /// How many members (rows) to write.
    #[arg(long)]
    pub rows: u64,
    /// The seed: the same seed always writes the same file, byte for byte.
    #[arg(long)]
    pub seed: u64,
    /// Write the roster of this society's members, on its own ladders and in its
    /// specialties; without it, the members of every demo society, mixed.
    #[arg(long)]
    pub society: Option<String>,
    /// The file to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The roster's columns, in the order they are written.
pub const COLUMNS: [&str; 19] = [
    "member_number",
    "name_zh_hans",
    "name_zh_hant",
    "name_en",
    "name_pt",
    "framework",
    "level",
    "specialty",
    "awarded_on",
    "certificate_number",
    "standing",
    "experience_since",
    "employer",
    "cpd_hours",
    "cpd_until",
    "degree",
    "institution",
    "graduation_year",
    "accreditation",
];

/// The day a generated roster describes (year, month, day): ages, years of experience and
/// CPD count up to it. Fixed rather than today, so a seed gives the same file every day.
pub const AS_OF: (i32, i32, i32) = (2026, 6, 30);

const AS_OF_DAY: i32 = days_from_civil(AS_OF.0, AS_OF.1, AS_OF.2);

/// Writes the roster the arguments ask for, with a progress bar on a terminal.
pub fn run(args: &RosterArgs) -> Result<(), CliError> {
    let mut generator = Generator::new(
        &wanqiao_domain::demo::dataset(),
        args.society.as_deref(),
        args.seed,
    )?;
    let bar = progress_bar(args.rows);
    let progress = |n: u64| bar.set_position(n);
    match &args.out {
        Some(path) => {
            let failed = |source| CliError::Io {
                path: path.clone(),
                source,
            };
            let file = File::create(path).map_err(failed)?;
            let mut out = BufWriter::with_capacity(1 << 20, file);
            write_roster(&mut out, &mut generator, args.rows, progress).map_err(failed)?;
            bar.finish_and_clear();
            println!("Wrote {} member(s) to {}.", args.rows, path.display());
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            match write_roster(&mut out, &mut generator, args.rows, progress) {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                Err(source) => {
                    return Err(CliError::Io {
                        path: Path::new("standard output").to_path_buf(),
                        source,
                    });
                }
                Ok(()) => {}
            }
            bar.finish_and_clear();
        }
    }
    Ok(())
}

/// A bar on standard error when it is a terminal; hidden otherwise, so logs and pipes stay
/// clean.
fn progress_bar(rows: u64) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {human_pos}/{human_len} rows, {per_sec}, {eta} left",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    indicatif::ProgressBar::new(rows).with_style(style)
}

/// Writes the header and `rows` members, calling `progress` with the rows written so far
/// every few thousand rows and at the end.
pub fn write_roster(
    out: &mut impl Write,
    generator: &mut Generator,
    rows: u64,
    mut progress: impl FnMut(u64),
) -> io::Result<()> {
    out.write_all(COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\n")?;
    let mut line = String::with_capacity(512);
    for index in 0..rows {
        line.clear();
        generator.row(index, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
        if index % 8192 == 8191 {
            progress(index + 1);
        }
    }
    progress(rows);
    out.flush()
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a few instructions per number and good enough
/// for test data; written out here so that the bytes of a seed's roster never change with a
/// dependency's version.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5741_4E51_4941_4F21)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n ≥ 1, below 2³²), by multiply and shift.
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into `weights`, each chosen in proportion to its weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// One rung of a ladder as a career reaches it.
struct Step {
    id: String,
    /// Months in the specialty (counting a higher degree's head start) before it can come.
    after_months: i32,
    /// How many of those who could reach it do.
    chance: f64,
    /// A corporate grade that needs an accredited degree.
    needs_accredited: bool,
    min_age: i32,
}

/// A framework as members climb it.
struct Ladder {
    id: String,
    kind: FrameworkKind,
    /// Before certificate numbers: the owner's abbreviation, or the region's code.
    prefix: String,
    /// A statutory registration: months of experience before it is open (with an
    /// accredited degree).
    gate_months: Option<i32>,
    steps: Vec<Step>,
}

impl Ladder {
    fn new(f: &Framework, data: &Dataset) -> Ladder {
        let prefix = f
            .owner
            .as_ref()
            .and_then(|o| data.societies.iter().find(|s| &s.id == o))
            .map(|s| member_prefix(&s.abbreviation))
            .unwrap_or_else(|| f.jurisdiction.code().to_string());
        let gate_months = (f.kind == FrameworkKind::Registration).then_some(match f.jurisdiction {
            // Member of an institution, then a year of local experience.
            Jurisdiction::Hk => 72,
            // Traineeship and admission exam after the degree.
            Jurisdiction::Mo => 36,
            _ => 60,
        });
        let steps = f
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| step(&level.id, i as i32))
            .collect();
        Ladder {
            id: f.id.clone(),
            kind: f.kind,
            prefix,
            gate_months,
            steps,
        }
    }
}

/// How a level is reached: the first rung of any ladder on joining; above it, by the usual
/// years (mainland titles: 助理工程师 after a year, 工程师 after five, 高级工程师 after ten;
/// membership grades: corporate membership after about five years with an accredited degree,
/// fellowship late and for few).
fn step(id: &str, position: i32) -> Step {
    let (years, chance, needs_accredited, min_age) = match (position, id) {
        (0, _) => (0.0, 1.0, false, 0),
        (_, "assistant-engineer") => (1.0, 0.97, false, 0),
        (_, "engineer") => (5.0, 0.88, false, 0),
        (_, "senior-engineer") => (10.0, 0.45, false, 0),
        (_, "professorate-senior-engineer") => (16.0, 0.12, false, 40),
        (_, "associate-member") => (3.0, 0.9, false, 23),
        (_, "member") => (5.0, 0.8, true, 25),
        (_, "ordinary-a") => (3.0, 0.85, false, 0),
        (_, "senior-member") => (10.0, 0.5, false, 0),
        (_, "senior") => (12.0, 0.4, false, 0),
        (_, "distinguished-member") => (15.0, 0.2, false, 40),
        (_, "fellow") => (16.0, 0.15, false, 35),
        (n, _) => (5.0 * n as f64, 0.7, false, 0),
    };
    Step {
        id: id.to_string(),
        after_months: (years * 12.0) as i32,
        chance,
        needs_accredited,
        min_age,
    }
}

/// A specialty with its employers and degree titles, per region.
struct SpecialtyTexts {
    id: String,
    /// Indexed by [`region_index`].
    employers: [Vec<String>; 3],
    /// Indexed by [`region_index`], then by [`DegreeKind`] as a number.
    degrees: [[Vec<String>; 4]; 3],
}

const REGIONS: [Region; 3] = [Region::Guangdong, Region::HongKong, Region::Macao];

fn region_index(region: Region) -> usize {
    match region {
        Region::Guangdong => 0,
        Region::HongKong => 1,
        Region::Macao => 2,
    }
}

impl SpecialtyTexts {
    fn new(s: &wanqiao_domain::Specialty) -> SpecialtyTexts {
        let (zh, en) = places::subjects(&s.id).unwrap_or((&[], &[]));
        let degrees = REGIONS.map(|region| {
            DegreeKind::ALL.map(|kind| {
                let (listed, own) = match region {
                    Region::Guangdong => (zh, &s.names.zh_hans),
                    _ => (en, &s.names.en),
                };
                let subjects: Vec<&str> = if listed.is_empty() {
                    vec![own.as_str()]
                } else {
                    listed.to_vec()
                };
                subjects
                    .iter()
                    .map(|subject| places::degree_title(region, kind, subject))
                    .collect()
            })
        });
        SpecialtyTexts {
            id: s.id.clone(),
            employers: REGIONS.map(|r| places::employers(&s.id, r)),
            degrees,
        }
    }
}

/// What members of one society look like.
struct Profile {
    prefix: String,
    region: Region,
    /// Indexes into [`Generator::specialties`].
    specialties: Vec<usize>,
    /// Indexes into [`Generator::ladders`], with their weights.
    frameworks: Vec<(usize, u32)>,
}

/// Member numbers are letters, digits and `-_/`: an abbreviation is kept to those.
fn member_prefix(abbreviation: &str) -> String {
    let kept: String = abbreviation
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect();
    if kept.is_empty() { "M".into() } else { kept }
}

fn region_of(j: Jurisdiction) -> Region {
    match j {
        Jurisdiction::Gd => Region::Guangdong,
        Jurisdiction::Mo => Region::Macao,
        // International bodies keep their records in English, as Hong Kong's do.
        Jurisdiction::Hk | Jurisdiction::Intl => Region::HongKong,
    }
}

/// Makes synthetic members, one row at a time, from a seed.
pub struct Generator {
    rng: Rng,
    ladders: Vec<Ladder>,
    specialties: Vec<SpecialtyTexts>,
    profiles: Vec<Profile>,
    /// The weight of each profile, when members of every society are mixed.
    profile_weights: Vec<u32>,
    surname_weights: Vec<u32>,
    /// Indexes into [`names::GIVEN`] for men and for women.
    given_male: Vec<usize>,
    given_female: Vec<usize>,
}

impl Generator {
    /// A generator for the members of `society` (any demo society when `None`).
    pub fn new(data: &Dataset, society: Option<&str>, seed: u64) -> Result<Generator, CliError> {
        let chosen: Vec<&wanqiao_domain::Society> = match society {
            Some(id) => vec![data.societies.iter().find(|s| s.id == id).ok_or_else(|| {
                let ids: Vec<&str> = data.societies.iter().map(|s| s.id.as_str()).collect();
                CliError::Usage(format!(
                    "there is no society `{id}` in the demo register; choose one of: {}",
                    ids.join(", ")
                ))
            })?],
            None => data.societies.iter().collect(),
        };
        let ladders: Vec<Ladder> = data
            .frameworks
            .iter()
            .map(|f| Ladder::new(f, data))
            .collect();
        let specialties: Vec<SpecialtyTexts> =
            data.specialties.iter().map(SpecialtyTexts::new).collect();
        let profiles: Vec<Profile> = chosen
            .iter()
            .map(|s| profile(s, data, &specialties))
            .collect();
        // Mixed rosters: about 55 % Guangdong, 30 % Hong Kong and 15 % Macao members.
        let share = |r: Region| match r {
            Region::Guangdong => 5500,
            Region::HongKong => 3000,
            Region::Macao => 1500,
        };
        let profile_weights = profiles
            .iter()
            .map(|p| {
                let peers = profiles.iter().filter(|q| q.region == p.region).count() as u32;
                (share(p.region) / peers).max(1)
            })
            .collect();
        let pool = |usage: Usage| {
            (0..names::GIVEN.len())
                .filter(|&i| {
                    names::GIVEN[i].usage == usage || names::GIVEN[i].usage == Usage::Either
                })
                .collect::<Vec<_>>()
        };
        Ok(Generator {
            rng: Rng::new(seed),
            ladders,
            specialties,
            profiles,
            profile_weights,
            surname_weights: names::SURNAMES.iter().map(|s| s.weight).collect(),
            given_male: pool(Usage::Male),
            given_female: pool(Usage::Female),
        })
    }

    /// Appends member number `index` (from 0) as one CSV line, without the line end.
    pub fn row(&mut self, index: u64, line: &mut String) {
        let rng = &mut self.rng;
        let profile = if self.profiles.len() == 1 {
            &self.profiles[0]
        } else {
            &self.profiles[rng.weighted(&self.profile_weights)]
        };
        let region = profile.region;

        // The person: sex (for the given name), age, name.
        let female = rng.chance(0.22);
        let age = 23 + rng.between(0, 25) + rng.between(0, 14);
        let surname = &names::SURNAMES[rng.weighted(&self.surname_weights)];
        let pool = if female {
            &self.given_female
        } else {
            &self.given_male
        };
        let one_character = rng.chance(match region {
            Region::Guangdong => 0.18,
            _ => 0.06,
        });
        let first = &names::GIVEN[*rng.pick(pool)];
        let mut second = &names::GIVEN[*rng.pick(pool)];
        if std::ptr::eq(first, second) {
            second = &names::GIVEN[*rng.pick(pool)];
        }
        let given: &[&GivenChar] = if one_character {
            &[first]
        } else {
            &[first, second]
        };
        let western_share = match region {
            Region::Guangdong => 0.0,
            Region::HongKong => 0.3,
            Region::Macao => 0.15,
        };
        let western = rng.chance(western_share).then(|| {
            *rng.pick(if female {
                names::WESTERN_FEMALE
            } else {
                names::WESTERN_MALE
            })
        });
        let portuguese = (region == Region::Macao && rng.chance(0.25)).then(|| {
            *rng.pick(if female {
                names::PORTUGUESE_FEMALE
            } else {
                names::PORTUGUESE_MALE
            })
        });

        // Education: the degree and when it was taken.
        let mut kind = DegreeKind::ALL[rng.weighted(&[12, 62, 22, 4])];
        let graduation_age = |kind: DegreeKind, rng: &mut Rng| match kind {
            DegreeKind::Diploma => rng.between(20, 21),
            DegreeKind::Bachelor => rng.between(22, 23),
            DegreeKind::Master => rng.between(24, 26),
            DegreeKind::Doctorate => rng.between(27, 30),
        };
        let mut graduated_at = graduation_age(kind, rng);
        if graduated_at > age - 1 {
            kind = DegreeKind::Bachelor;
            graduated_at = 22;
        }
        let graduation_year = AS_OF.0 - age + graduated_at;
        let accreditation = accreditation(rng, region, kind, graduation_year);
        let accredited = accreditation != "none";
        let institution = *rng.pick(places::institutions(region, kind));
        let no_education = rng.chance(0.02);

        // Experience in the specialty: from graduation, later for those who changed field.
        let specialty = &self.specialties[*rng.pick(&profile.specialties)];
        let mut started = days_from_civil(graduation_year, 7, 1) + rng.between(0, 300);
        if rng.chance(0.1) {
            started += rng.between(365, 8 * 365);
        }
        let started = started.min(AS_OF_DAY - 120);
        let months = (AS_OF_DAY - started) * 12 / 365;
        let head_start = match kind {
            DegreeKind::Diploma => -24,
            DegreeKind::Bachelor => 0,
            DegreeKind::Master => 24,
            DegreeKind::Doctorate => 48,
        };
        let effective = (months + head_start).max(0);

        // The qualification: a ladder this society's members hold, and how far up it.
        let open: Vec<(usize, u32)> = profile
            .frameworks
            .iter()
            .filter(|(l, _)| match self.ladders[*l].gate_months {
                Some(gate) => accredited && effective >= gate,
                None => true,
            })
            .copied()
            .collect();
        let choice = if open.is_empty() {
            &profile.frameworks
        } else {
            &open
        };
        let weights: Vec<u32> = choice.iter().map(|(_, w)| *w).collect();
        let ladder = &self.ladders[choice[rng.weighted(&weights)].0];
        let mut at = ladder.gate_months.unwrap_or(0) + rng.between(0, 6);
        let mut reached = 0;
        let mut delay = 0;
        for (i, step) in ladder.steps.iter().enumerate().skip(1) {
            delay += rng.between(0, 30);
            let needed = step.after_months + delay;
            if effective < needed
                || (step.needs_accredited && !accredited)
                || age < step.min_age
                || !rng.chance(step.chance)
            {
                break;
            }
            reached = i;
            at = needed;
        }
        let awarded =
            (started + (at - head_start).max(0) * 365 / 12 + rng.between(0, 45)).min(AS_OF_DAY - 1);
        let level = &ladder.steps[reached];

        // Standing, employer, CPD.
        let discipline = rng.chance(0.004);
        // A few members give no start date; the import needs one with an employer, so
        // those give neither.
        let no_start_date = rng.chance(0.03);
        let employer = (!no_start_date && !rng.chance(0.02)).then(|| {
            rng.pick(&specialty.employers[region_index(region)])
                .as_str()
        });
        let cpd_hours = match rng.weighted(&[2, 12, 80, 6]) {
            0 => None,
            1 => Some(rng.between(0, 59)),
            2 => Some(rng.between(60, 150)),
            _ => Some(rng.between(151, 300)),
        };
        let cpd_until = AS_OF_DAY - rng.between(0, 150);
        let degree = rng.pick(&specialty.degrees[region_index(region)][kind as usize]);

        // The line, column by column in the order of COLUMNS. No value holds a comma, a
        // quote or a line break (the tables are checked), so none needs quoting.
        let _ = write!(line, "{}-{:07},", profile.prefix, index + 1);
        push_han(line, surname, given, |c| c.hans, |s| s.hans);
        line.push(',');
        push_han(line, surname, given, |c| c.hant, |s| s.hant);
        line.push(',');
        match region {
            Region::Guangdong => {
                line.push_str(surname.pinyin);
                line.push(' ');
                for (i, c) in given.iter().enumerate() {
                    if i == 0 {
                        push_capitalised(line, c.pinyin);
                    } else {
                        line.push_str(c.pinyin);
                    }
                }
            }
            Region::HongKong | Region::Macao => {
                if let Some(w) = western {
                    line.push_str(w);
                    line.push(' ');
                }
                push_cantonese(line, region, surname, given);
            }
        }
        line.push(',');
        if let Some(p) = portuguese {
            line.push_str(p);
            line.push(' ');
            push_cantonese(line, region, surname, given);
        }
        line.push(',');
        line.push_str(&ladder.id);
        line.push(',');
        line.push_str(&level.id);
        line.push(',');
        line.push_str(&specialty.id);
        line.push(',');
        push_date(line, awarded);
        line.push(',');
        let award_year = civil_from_days(awarded).0;
        let _ = match ladder.kind {
            FrameworkKind::Title => {
                write!(line, "{}-ZC-{award_year}-{:07},", ladder.prefix, index + 1)
            }
            FrameworkKind::Registration => {
                write!(line, "{}-REG-{award_year}-{:07},", ladder.prefix, index + 1)
            }
            FrameworkKind::Membership => {
                let initials: String = level
                    .id
                    .split('-')
                    .filter_map(|w| w.chars().next())
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
                write!(line, "{}-{initials}-{:07},", ladder.prefix, index + 1)
            }
        };
        line.push_str(if discipline {
            "under-discipline"
        } else {
            "good"
        });
        line.push(',');
        if !no_start_date {
            push_date(line, started);
        }
        line.push(',');
        line.push_str(employer.unwrap_or_default());
        line.push(',');
        if let Some(hours) = cpd_hours {
            let _ = write!(line, "{hours},");
            push_date(line, cpd_until);
        } else {
            line.push(',');
        }
        line.push(',');
        if !no_education {
            let _ = write!(
                line,
                "{degree},{institution},{graduation_year},{accreditation}"
            );
        } else {
            line.push_str(",,,");
        }
    }
}

/// Under which accord a degree is accredited, as it plausibly was for its region and year:
/// mainland programmes under the Washington Accord from 2016 (China's membership), under the
/// national accreditation ("listed equivalent") for some before; Hong Kong degrees mostly
/// accredited, higher diplomas under the Dublin or Sydney Accord or not at all; Macao's
/// engineers, trained in many places, a mix.
fn accreditation(rng: &mut Rng, region: Region, kind: DegreeKind, year: i32) -> &'static str {
    const CODES: [&str; 5] = [
        "washington-accord",
        "sydney-accord",
        "dublin-accord",
        "listed-equivalent",
        "none",
    ];
    let weights: [u32; 5] = match (region, kind) {
        (Region::Guangdong, DegreeKind::Diploma) => [0, 0, 0, 0, 1],
        (Region::Guangdong, _) if year >= 2016 => [60, 0, 0, 15, 25],
        (Region::Guangdong, _) if year >= 2006 => [0, 0, 0, 50, 50],
        (Region::Guangdong, _) => [0, 0, 0, 30, 70],
        (Region::HongKong, DegreeKind::Diploma) => [0, 25, 40, 0, 35],
        (Region::HongKong, _) => [85, 0, 0, 5, 10],
        (Region::Macao, DegreeKind::Diploma) => [0, 20, 0, 0, 80],
        (Region::Macao, _) => [45, 0, 0, 25, 30],
    };
    CODES[rng.weighted(&weights)]
}

/// The Chinese name in one script: family name, then given name.
fn push_han(
    line: &mut String,
    surname: &Surname,
    given: &[&GivenChar],
    char_of: impl Fn(&GivenChar) -> &'static str,
    surname_of: impl Fn(&Surname) -> &'static str,
) {
    line.push_str(surname_of(surname));
    for c in given {
        line.push_str(char_of(c));
    }
}

/// "Chan Tai Man": family name first, one word per syllable, in Hong Kong's or Macao's
/// spelling.
fn push_cantonese(line: &mut String, region: Region, surname: &Surname, given: &[&GivenChar]) {
    let macao = region == Region::Macao;
    line.push_str(if macao { surname.mo } else { surname.hk });
    for c in given {
        line.push(' ');
        line.push_str(if macao { c.mo } else { c.hk });
    }
}

fn push_capitalised(line: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        line.push(c.to_ascii_uppercase());
        line.push_str(chars.as_str());
    }
}

/// A society's members: its region, the specialties of its agreements (else those its id
/// names, else all), and its ladders — Guangdong members mostly on the mainland title ladder
/// (职称), Hong Kong and Macao members on the society's membership grades, with the
/// region's statutory registration for experienced members.
fn profile(
    society: &wanqiao_domain::Society,
    data: &Dataset,
    specialties: &[SpecialtyTexts],
) -> Profile {
    let region = region_of(society.jurisdiction);
    let index_of = |id: &str| specialties.iter().position(|s| s.id == id);
    let mut chosen: Vec<usize> = Vec::new();
    for a in data
        .agreements
        .iter()
        .filter(|a| a.parties.contains(&society.id))
    {
        if let Some(i) = index_of(&a.specialty)
            && !chosen.contains(&i)
        {
            chosen.push(i);
        }
    }
    if chosen.is_empty() {
        chosen = (0..specialties.len())
            .filter(|&i| society.id.contains(specialties[i].id.as_str()))
            .collect();
    }
    if chosen.is_empty() {
        chosen = (0..specialties.len()).collect();
    }
    chosen.sort_unstable();

    let (title, own, registration) = match region {
        Region::Guangdong => (80, 20, 20),
        Region::HongKong => (80, 75, 25),
        Region::Macao => (80, 70, 30),
    };
    let mut frameworks = Vec::new();
    for (i, f) in data.frameworks.iter().enumerate() {
        let local = f.jurisdiction == society.jurisdiction;
        match f.kind {
            FrameworkKind::Membership if f.owner.as_deref() == Some(society.id.as_str()) => {
                frameworks.push((i, own));
            }
            FrameworkKind::Title if local => frameworks.push((i, title)),
            FrameworkKind::Registration if local => frameworks.push((i, registration)),
            _ => {}
        }
    }
    let has_open = |fs: &[(usize, u32)]| {
        fs.iter()
            .any(|(i, _)| data.frameworks[*i].kind != FrameworkKind::Registration)
    };
    if !has_open(&frameworks) {
        // A society without a ladder of its own: its members hold the region's other grades.
        frameworks.extend(
            data.frameworks
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.kind == FrameworkKind::Membership && f.jurisdiction == society.jurisdiction
                })
                .map(|(i, _)| (i, own)),
        );
    }
    if !has_open(&frameworks) {
        frameworks.extend(
            data.frameworks
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind != FrameworkKind::Registration)
                .map(|(i, _)| (i, 1)),
        );
    }
    Profile {
        prefix: member_prefix(&society.abbreviation),
        region,
        specialties: chosen,
        frameworks,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm): dates are counted as
/// plain integers while rows are made, and written out only at the end.
const fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number.
fn civil_from_days(z: i32) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i32::from(m <= 2), m, d)
}

fn push_date(line: &mut String, day: i32) {
    let (y, m, d) = civil_from_days(day);
    let _ = write!(line, "{y:04}-{m:02}-{d:02}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_through_civil_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        for day in (-30_000..30_000).step_by(37) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
            let date = jiff::civil::date(y as i16, m as i8, d as i8);
            assert_eq!(
                date.since(jiff::civil::date(1970, 1, 1))
                    .unwrap()
                    .get_days(),
                day
            );
        }
    }

    #[test]
    fn a_seed_gives_the_same_rows_and_another_seed_others() {
        let data = wanqiao_domain::demo::dataset();
        let rows = |seed| {
            let mut out = Vec::new();
            let mut g = Generator::new(&data, None, seed).unwrap();
            write_roster(&mut out, &mut g, 200, |_| {}).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(rows(7), rows(7));
        assert_ne!(rows(7), rows(8));
        let text = rows(7);
        for line in text.lines() {
            assert_eq!(line.split(',').count(), COLUMNS.len(), "{line}");
            assert!(!line.contains('"'), "{line}");
        }
    }

    #[test]
    fn an_unknown_society_is_refused_with_the_choices() {
        let data = wanqiao_domain::demo::dataset();
        let Err(e) = Generator::new(&data, Some("nowhere"), 1) else {
            panic!("accepted")
        };
        assert!(e.to_string().contains("hk-civil-infra"), "{e}");
    }
}
