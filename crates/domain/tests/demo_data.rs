//! The demo register in `data/demo/` loads, is coherent, and tells the seed's story: the
//! Engineers Society, 17 societies of which 11 signed, agreements in 4 pilot specialties and
//! a letter of intent for electrical engineering.

use std::collections::BTreeSet;
use wanqiao_domain::agreement_file::{self, FileError};
use wanqiao_domain::dataset::Dataset;
use wanqiao_domain::demo::FILES;
use wanqiao_domain::{AgreementKind, AgreementStatus, FrameworkKind, Jurisdiction, SocietyRole};

fn list(errors: &[FileError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn load() -> Dataset {
    match Dataset::from_files(FILES) {
        Ok(data) => data,
        Err(errors) => panic!(
            "the demo data set does not load ({} errors):\n{}",
            errors.len(),
            list(&errors)
        ),
    }
}

#[test]
fn demo_data_loads_and_tells_the_seed_story() {
    let data = load();

    // Societies: the coordinator, 11 signatories, 6 consulting; all three regions.
    assert_eq!(data.societies.len(), 18, "gdes + 17 societies");
    let with_role = |role: SocietyRole| -> BTreeSet<&str> {
        data.societies
            .iter()
            .filter(|s| s.role == role)
            .map(|s| s.id.as_str())
            .collect()
    };
    assert_eq!(
        with_role(SocietyRole::Coordinator),
        BTreeSet::from(["gdes"])
    );
    let signatories = with_role(SocietyRole::Signatory);
    assert_eq!(signatories.len(), 11);
    assert_eq!(with_role(SocietyRole::Consulting).len(), 6);
    let jurisdictions: BTreeSet<Jurisdiction> =
        data.societies.iter().map(|s| s.jurisdiction).collect();
    for j in [Jurisdiction::Gd, Jurisdiction::Hk, Jurisdiction::Mo] {
        assert!(jurisdictions.contains(&j), "no society in {j}");
    }
    let gdes = data.societies.iter().find(|s| s.id == "gdes").unwrap();
    assert!(!gdes.sample, "the Engineers Society is in the seed");
    assert_eq!(
        gdes.founded_on.map(|d| d.to_string()).as_deref(),
        Some("2020-07-11")
    );
    assert!(gdes.supervised_by.is_some());
    for s in data
        .societies
        .iter()
        .filter(|s| s.role != SocietyRole::Coordinator)
    {
        assert!(
            s.sample,
            "`{}` is not named by the seed: it must be a sample",
            s.id
        );
    }
    for s in &data.societies {
        assert_eq!(s.names.missing(), None, "`{}` lacks a name", s.id);
        if s.jurisdiction == Jurisdiction::Mo {
            assert!(
                s.names.pt.is_some(),
                "Macao society `{}` lacks a Portuguese name",
                s.id
            );
        }
    }

    // Specialties: the batch-1 pilots plus electrical engineering.
    assert!(data.specialties.len() >= 6);
    for id in [
        "building",
        "measurement-control",
        "computing-it",
        "civil",
        "quality",
        "electrical",
    ] {
        assert!(
            data.specialties.iter().any(|s| s.id == id),
            "no specialty `{id}`"
        );
    }
    assert_eq!(
        data.specialties.iter().filter(|s| s.batch == 1).count(),
        5,
        "the seed's first batch has 5 pilot specialties"
    );

    // Frameworks: every signatory keeps a membership ladder; ranks follow the file order.
    for id in &signatories {
        assert!(
            data.frameworks
                .iter()
                .any(|f| f.owner.as_deref() == Some(*id) && f.kind == FrameworkKind::Membership),
            "signatory `{id}` keeps no membership ladder"
        );
    }
    let title = data.frameworks.iter().find(|f| f.id == "cn-title").unwrap();
    let ranks: Vec<(&str, u32)> = title
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.rank))
        .collect();
    assert_eq!(
        ranks,
        [
            ("technician", 1),
            ("assistant-engineer", 2),
            ("engineer", 3),
            ("senior-engineer", 4),
            ("professorate-senior-engineer", 5)
        ]
    );

    // Agreements: 4 in force in 4 specialties, with the 11 signatories between them.
    let in_force: Vec<_> = data
        .agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Agreement && a.status == AgreementStatus::InForce)
        .collect();
    assert_eq!(in_force.len(), 4);
    let specialties: BTreeSet<&str> = in_force.iter().map(|a| a.specialty.as_str()).collect();
    assert_eq!(specialties.len(), 4, "one agreement per pilot specialty");
    for a in &in_force {
        let version = a
            .version_in_force()
            .unwrap_or_else(|| panic!("`{}` has no version in force", a.id));
        assert!(version.rules.len() >= 2, "`{}` has too few rules", a.id);
        assert!(
            a.parties.iter().any(|p| p == "gdes"),
            "`{}` without gdes",
            a.id
        );
        assert_eq!(
            a.signed_on.map(|d| d.to_string()).as_deref(),
            Some("2020-07-11")
        );
        // Recognition runs both ways: into Guangdong and out of it.
        let into_gd = version.rules.iter().any(|r| r.to.society.starts_with("gd"));
        let out_of_gd = version
            .rules
            .iter()
            .any(|r| !r.to.society.starts_with("gd"));
        assert!(
            into_gd && out_of_gd,
            "`{}` recognises in one direction only",
            a.id
        );
    }
    let parties: BTreeSet<&str> = in_force
        .iter()
        .flat_map(|a| a.parties.iter().map(String::as_str))
        .filter(|p| *p != "gdes")
        .collect();
    assert_eq!(
        parties, signatories,
        "the agreements' parties are the 11 signatories"
    );
    let building = data
        .agreements
        .iter()
        .find(|a| a.specialty == "building")
        .unwrap();
    assert!(
        building.versions.len() >= 2,
        "the building agreement keeps a draft version for impact analysis"
    );

    // The letter of intent for electrical engineering.
    let letters: Vec<_> = data
        .agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::LetterOfIntent)
        .collect();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].specialty, "electrical");
    assert_eq!(
        letters[0].version_in_force(),
        None,
        "a letter recognises nobody"
    );
    for p in &letters[0].parties {
        assert!(
            p == "gdes" || signatories.contains(p.as_str()),
            "`{p}` did not sign"
        );
    }

    // Honorary fellows and exchange activities.
    assert!(data.fellows.len() >= 4);
    for f in &data.fellows {
        assert_eq!(f.society, "gdes");
        assert!(f.sample, "fellow `{}` is not in the seed", f.id);
        assert_eq!(
            f.citation.missing(),
            None,
            "fellow `{}` lacks a citation",
            f.id
        );
    }
    assert!(data.activities.len() >= 6);
    let signing = data
        .activities
        .iter()
        .find(|a| a.kind == wanqiao_domain::ActivityKind::Signing)
        .expect("the signing ceremony");
    assert!(!signing.sample);
    assert_eq!(signing.held_on.to_string(), "2020-07-11");
    let signers: BTreeSet<&str> = signing.societies.iter().map(String::as_str).collect();
    let mut expected = signatories.clone();
    expected.insert("gdes");
    assert_eq!(signers, expected);
}

#[test]
fn every_demo_agreement_round_trips_through_its_file_format() {
    let data = load();
    let catalogue = data.catalogue();
    for a in &data.agreements {
        let text = agreement_file::to_toml(a);
        match agreement_file::parse("x.toml", &text, &catalogue) {
            Ok(back) => assert_eq!(&back, a, "`{}` changed on the way:\n{text}", a.id),
            Err(errors) => panic!(
                "`{}` written out does not read back:\n{}\n{text}",
                a.id,
                list(&errors)
            ),
        }
    }
}

const BROKEN_REFERENCE: &str = r#"id = "broken"
kind = "agreement"
status = "in-force"
specialty = "civil"
parties = ["gdes", "hk-civil-infra"]
titles = { "zh-Hans" = "示例", "zh-Hant" = "示例", en = "Sample" }

[[version]]
number = 1
status = "in-force"

[[version.rule]]
from = { framework = "cn-title", min_level = "engineer" }
to = { society = "hk-nowhere", level = "member" }
min_experience_years = 5
"#;

fn line_containing(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn an_unknown_society_is_reported_at_its_line_and_field() {
    let data = load();
    let errors = agreement_file::parse("broken.toml", BROKEN_REFERENCE, &data.catalogue())
        .expect_err("an unknown society must be refused");
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    let e = &errors[0];
    assert_eq!(e.file, "broken.toml");
    assert_eq!(
        e.line,
        Some(line_containing(BROKEN_REFERENCE, "hk-nowhere"))
    );
    assert_eq!(e.field.as_deref(), Some("version[0].rule[0].to.society"));
    assert!(e.message.contains("hk-nowhere"), "{e}");
    assert!(
        e.to_string()
            .starts_with("broken.toml:14: field `version[0].rule[0].to.society`"),
        "{e}"
    );
}

#[test]
fn a_toml_syntax_error_is_reported_with_its_line() {
    let data = load();
    let text = BROKEN_REFERENCE
        .replace("hk-nowhere", "hk-civil-infra")
        .replace("number = 1", "number = = 1");
    let errors = agreement_file::parse("syntax.toml", &text, &data.catalogue())
        .expect_err("a syntax error must be refused");
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert_eq!(errors[0].file, "syntax.toml");
    assert_eq!(
        errors[0].line,
        Some(line_containing(&text, "number = = 1")),
        "{}",
        errors[0]
    );

    // The same error, met while loading a whole data set, names the file it is in.
    let mut files = FILES.to_vec();
    files.push(("agreements/syntax.toml", &text));
    let errors = Dataset::from_files(files).expect_err("the broken file must be refused");
    assert!(
        errors
            .iter()
            .any(|e| e.file == "agreements/syntax.toml" && e.line.is_some()),
        "{}",
        list(&errors)
    );
}

#[test]
fn an_unknown_key_in_a_rule_is_reported_at_its_line() {
    let data = load();
    let text = BROKEN_REFERENCE
        .replace("hk-nowhere", "hk-civil-infra")
        .replace("min_experience_years", "min_experiance_years");
    let errors = agreement_file::parse("typo.toml", &text, &data.catalogue())
        .expect_err("an unknown key must be refused");
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert_eq!(
        errors[0].line,
        Some(line_containing(&text, "min_experiance_years")),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].message.contains("min_experiance_years"),
        "{}",
        errors[0]
    );
}

// toml's `DeTable` spans an array-of-tables item (`[[version]]`, `[[version.rule]]`) by its
// header only; a serde error inside a version or rule must still name its field.
#[test]
fn an_unknown_key_in_a_rule_is_reported_with_its_field() {
    let data = load();
    let text = BROKEN_REFERENCE
        .replace("hk-nowhere", "hk-civil-infra")
        .replace("min_experience_years", "min_experiance_years");
    let errors = agreement_file::parse("typo.toml", &text, &data.catalogue())
        .expect_err("an unknown key must be refused");
    assert_eq!(
        errors[0].field.as_deref(),
        Some("version[0].rule[0].min_experiance_years"),
        "{}",
        errors[0]
    );
}

/// The list above is the whole demo set: a file added to `data/demo/` must be added there too.
#[test]
fn every_file_in_data_demo_is_checked() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let mut on_disk = BTreeSet::new();
    for dir in [root.clone(), root.join("agreements")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // Demo accounts and engineers are loaded by the command line, not as part of the
            // register.
            let accounts = path
                .file_name()
                .is_some_and(|n| n == "users.toml" || n == "engineers.toml");
            if path.extension().is_some_and(|e| e == "toml") && !accounts {
                let name = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                on_disk.insert(name);
            }
        }
    }
    let listed: BTreeSet<String> = FILES.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(on_disk, listed);
}
