//! `wanqiao demo roster`: synthetic rosters that are the same bytes for a seed, fit the demo
//! register (each society's ladders, specialties and region), and import with no row
//! rejected.

use crate::helpers::{TestApp, engines, wanqiao};
use std::collections::HashSet;
use wanqiao_domain::roster::{Header, Known, validate};
use wanqiao_domain::{FrameworkKind, Jurisdiction};

const HEADER: &str = "member_number,name_zh_hans,name_zh_hant,name_en,name_pt,framework,level,specialty,awarded_on,certificate_number,standing,experience_since,employer,cpd_hours,cpd_until,degree,institution,graduation_year,accreditation";

/// The roster the command writes to standard output.
fn generate(args: &[&str]) -> String {
    let mut all = vec!["demo", "roster"];
    all.extend_from_slice(args);
    let (code, out, err) = wanqiao(&all);
    assert_eq!(code, 0, "wanqiao {}: {err}", all.join(" "));
    out
}

fn temp_file(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("wanqiao-roster-demo-{}-{name}", std::process::id()))
}

#[test]
fn a_seed_always_writes_the_same_roster_and_another_seed_another() {
    let first = generate(&["--rows", "300", "--seed", "7"]);
    assert_eq!(first, generate(&["--rows", "300", "--seed", "7"]));
    assert_ne!(first, generate(&["--rows", "300", "--seed", "8"]));
    assert_eq!(first.lines().next(), Some(HEADER));
    assert_eq!(first.lines().count(), 301);
    // Rows do not depend on how many follow: a shorter roster is the longer one's start.
    assert!(first.starts_with(&generate(&["--rows", "40", "--seed", "7"])));

    // --out writes the same bytes to a file.
    let out = temp_file("seed7.csv");
    let (code, said, err) = wanqiao(&[
        "demo",
        "roster",
        "--rows",
        "300",
        "--seed",
        "7",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("300"), "{said}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    let _ = std::fs::remove_file(&out);
}

#[test]
fn an_unknown_society_is_refused_naming_the_societies() {
    let (code, _, err) = wanqiao(&[
        "demo",
        "roster",
        "--rows",
        "3",
        "--seed",
        "1",
        "--society",
        "nowhere",
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("nowhere") && err.contains("hk-building-em"),
        "{err}"
    );
}

/// The specialties and each framework's levels of the demo register.
fn known(data: &wanqiao_domain::dataset::Dataset) -> Known {
    Known {
        specialties: data.specialties.iter().map(|s| s.id.clone()).collect(),
        levels: data
            .frameworks
            .iter()
            .map(|f| {
                (
                    f.id.clone(),
                    f.levels.iter().map(|l| l.id.clone()).collect(),
                )
            })
            .collect(),
    }
}

#[test]
fn every_row_is_valid_against_the_register_and_fits_its_society() {
    let data = wanqiao_domain::demo::dataset();
    let known = known(&data);
    let today = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
        .to_datetime(jiff::Timestamp::now())
        .date();
    for society in [
        None,
        Some("gdes"),
        Some("gd-civil-structural"),
        Some("hk-civil-infra"),
        Some("hk-quality-mgmt"),
        Some("mo-construction"),
    ] {
        let mut args = vec!["--rows", "2000", "--seed", "11"];
        if let Some(s) = society {
            args.extend(["--society", s]);
        }
        let text = generate(&args);
        let mut lines = text.lines();
        let header_cells: Vec<&str> = lines.next().unwrap().split(',').collect();
        let header = Header::parse(&header_cells).unwrap();
        let mut members = HashSet::new();
        let (mut differ, mut portuguese, mut rows) = (0, 0, 0);
        for line in lines {
            rows += 1;
            // No value needs quoting, so a comma always separates cells.
            assert!(!line.contains('"'), "{society:?}: {line}");
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 19, "{society:?}: {line}");
            let row = validate(&header, &cells, &known, today)
                .unwrap_or_else(|e| panic!("{society:?}: {line}: {e:?}"));
            assert!(members.insert(row.member_number.clone()), "{line}");

            // The three scripts are there, and they are one name.
            let names = &row.names;
            assert!(
                !names.zh_hans.is_empty() && !names.zh_hant.is_empty() && !names.en.is_empty(),
                "{line}"
            );
            assert_eq!(
                names.zh_hans.chars().count(),
                names.zh_hant.chars().count(),
                "{line}"
            );
            assert!(
                names
                    .en
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' '),
                "{line}"
            );
            differ += usize::from(names.zh_hans != names.zh_hant);

            // The ladder belongs to the member's society or region.
            let framework = data
                .frameworks
                .iter()
                .find(|f| f.id == row.framework)
                .unwrap();
            let prefix = row.member_number.split('-').next().unwrap();
            let member_of = data
                .societies
                .iter()
                .find(|s| s.abbreviation == prefix)
                .unwrap_or_else(|| panic!("no society abbreviated {prefix}"));
            if let Some(s) = society {
                assert_eq!(member_of.id, s, "{line}");
            }
            let own_ladder = framework.owner.as_deref() == Some(member_of.id.as_str());
            assert!(
                own_ladder || framework.jurisdiction == member_of.jurisdiction,
                "{line}: {} is not a ladder of {}",
                framework.id,
                member_of.id
            );
            if member_of.jurisdiction == Jurisdiction::Gd && framework.kind == FrameworkKind::Title
            {
                assert_eq!(framework.id, "cn-title");
            }
            if row.names.pt.is_some() {
                portuguese += 1;
                assert_eq!(member_of.jurisdiction, Jurisdiction::Mo, "{line}");
            }

            // A career in order: graduation, then experience, then the level.
            if let (Some(education), Some((since, _))) = (&row.education, &row.experience) {
                assert!(i32::from(since.year()) >= education.year, "{line}");
                if let Some(awarded) = row.awarded_on {
                    assert!(awarded >= *since, "{line}");
                }
            }
            if let (Some((since, _)), Some(awarded)) = (&row.experience, row.awarded_on)
                && matches!(
                    row.level.as_str(),
                    "senior-engineer" | "professorate-senior-engineer"
                )
            {
                // Ten years for 高级工程师, less up to four for a doctorate's head start.
                let years = awarded.since(*since).unwrap().get_days() / 365;
                assert!(years >= 6, "{line}");
            }
            if let Some((hours, _)) = row.cpd {
                assert!(hours <= 1000, "{line}");
            }
        }
        assert_eq!(rows, 2000);
        assert!(
            differ > 200,
            "{society:?}: simplified and traditional names rarely differ"
        );
        if society == Some("mo-construction") {
            assert!(
                portuguese > 100,
                "few Portuguese names in Macao: {portuguese}"
            );
        }
    }
}

#[tokio::test]
async fn generated_rosters_import_with_no_rejected_row() {
    for engine in engines() {
        let app = TestApp::start(engine, true).await;
        for (society, seed) in [
            ("hk-building-em", "21"),
            ("gd-info-systems", "22"),
            ("mo-metrology", "23"),
        ] {
            let file = temp_file(&format!("{engine}-{society}.csv"));
            let path = file.to_str().unwrap();
            let (code, _, err) = wanqiao(&[
                "demo",
                "roster",
                "--rows",
                "1500",
                "--seed",
                seed,
                "--society",
                society,
                "--out",
                path,
            ]);
            assert_eq!(code, 0, "{err}");
            let (code, out, err) = wanqiao(&[
                "import",
                "roster",
                "--database-url",
                &app.db.url,
                "--society",
                society,
                path,
            ]);
            assert_eq!(code, 0, "{app} {society}: {out}{err}");
            assert!(
                out.contains("1500 imported") && out.contains(" 0 rejected"),
                "{app} {society}: {out}"
            );
            let _ = std::fs::remove_file(&file);
        }
        app.stop().await;
    }
}
