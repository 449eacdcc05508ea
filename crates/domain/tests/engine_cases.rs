//! The rule engine on the demo agreements: one case per reason code, the choice of the
//! highest level, the trace, the self-check and an impact analysis, each with the answer
//! worked out by hand from `data/demo/agreements/*.toml`.

mod engine_demo;

use engine_demo::{agreement, catalogue, dataset, day, facts, held, today};
use wanqiao_domain::engine::{
    CompiledVersion, ConditionCheck, CpdEntry, Population, RequirementSet, Subject,
    compile_in_force, impact, self_check,
};
use wanqiao_domain::engineer::QualificationStatus;
use wanqiao_domain::{Decision, Facts, HeldQualification, OutcomeKind, Reason, Requirement};

/// The version in force of a demo agreement.
fn in_force(id: &str) -> CompiledVersion {
    let data = dataset();
    CompiledVersion::of_agreement(&agreement(&data, id), 1, &data.catalogue()).unwrap()
}

fn decide(id: &str, target: &str, f: &Facts, q: &HeldQualification) -> Decision {
    wanqiao_domain::evaluate(f, q, &in_force(id), target, today(), RequirementSet::NONE)
}

fn text(s: &str) -> String {
    s.to_string()
}

/// Towards the Macao construction society, building engineering has a single rule:
/// 工程师 or higher, 5 years, accredited degree, 60 hours of CPD in 3 years; an aptitude
/// test and a briefing on local regulations to follow. Each case breaks one condition.
#[test]
fn one_case_per_reason_code() {
    let ok = facts("building", 6, true, 80);
    let engineer = held("cn-title", "engineer", "building");
    let mut not_in_good_standing = ok.clone();
    not_in_good_standing.good_standing = false;
    let mut cpd_long_ago = ok.clone();
    cpd_long_ago.cpd = vec![
        CpdEntry {
            date: day("2025-01-10"),
            hours: 30,
        },
        CpdEntry {
            date: day("2021-05-01"),
            hours: 100,
        },
    ];
    let mut refused = engineer.clone();
    refused.status = QualificationStatus::Refused;
    let mut lapsed = engineer.clone();
    lapsed.status = QualificationStatus::Lapsed;
    let cases: Vec<(&str, Facts, HeldQualification, OutcomeKind, Vec<Reason>)> = vec![
        (
            "requirement_outstanding",
            ok.clone(),
            engineer.clone(),
            OutcomeKind::Conditional,
            vec![
                Reason::RequirementOutstanding {
                    requirement: Requirement::AptitudeTest,
                },
                Reason::RequirementOutstanding {
                    requirement: Requirement::LocalRegulationsBriefing,
                },
            ],
        ),
        (
            "level_below_minimum",
            ok.clone(),
            held("cn-title", "assistant-engineer", "building"),
            OutcomeKind::Ineligible,
            vec![Reason::LevelBelowMinimum {
                framework: text("cn-title"),
                required_level: text("engineer"),
                actual_level: text("assistant-engineer"),
            }],
        ),
        (
            "experience_short",
            facts("building", 4, true, 80),
            engineer.clone(),
            OutcomeKind::Ineligible,
            vec![Reason::ExperienceShort {
                required_years: 5,
                actual_years: 4,
            }],
        ),
        (
            "education_not_accredited",
            facts("building", 6, false, 80),
            engineer.clone(),
            OutcomeKind::Ineligible,
            vec![Reason::EducationNotAccredited],
        ),
        (
            "cpd_short",
            cpd_long_ago,
            engineer.clone(),
            OutcomeKind::Ineligible,
            vec![Reason::CpdShort {
                required_hours: 60,
                actual_hours: 30,
                within_years: 3,
            }],
        ),
        (
            "not_in_good_standing",
            not_in_good_standing,
            engineer.clone(),
            OutcomeKind::Ineligible,
            vec![Reason::NotInGoodStanding],
        ),
        (
            "framework_not_covered",
            ok.clone(),
            held("hk-rpe", "registered", "building"),
            OutcomeKind::Ineligible,
            vec![Reason::FrameworkNotCovered {
                framework: text("hk-rpe"),
                society: text("mo-construction"),
            }],
        ),
        (
            "specialty_mismatch",
            ok.clone(),
            held("cn-title", "engineer", "civil"),
            OutcomeKind::Ineligible,
            vec![Reason::SpecialtyMismatch {
                required_specialty: text("building"),
                actual_specialty: text("civil"),
            }],
        ),
        (
            "qualification_refused",
            ok.clone(),
            refused,
            OutcomeKind::Ineligible,
            vec![Reason::QualificationRefused],
        ),
        (
            "qualification_lapsed",
            ok.clone(),
            lapsed,
            OutcomeKind::Ineligible,
            vec![Reason::QualificationLapsed],
        ),
    ];
    let mut codes: Vec<&str> = Vec::new();
    for (code, f, q, outcome, reasons) in cases {
        let d = decide("building-2020", "mo-construction", &f, &q);
        assert_eq!(d.outcome, outcome, "{code}: {d:#?}");
        assert_eq!(d.reasons, reasons, "{code}");
        assert!(d.reasons.iter().all(|r| r.code() == code), "{code}");
        codes.push(code);
    }
    codes.sort();
    let mut all = Reason::CODES.to_vec();
    all.sort();
    assert_eq!(codes, all, "a case for every reason code");
}

#[test]
fn met_requirements_make_it_eligible() {
    let f = facts("building", 6, true, 80);
    let q = held("cn-title", "engineer", "building");
    let version = in_force("building-2020");
    let met: RequirementSet = [
        Requirement::AptitudeTest,
        Requirement::LocalRegulationsBriefing,
    ]
    .into_iter()
    .collect();
    let d = wanqiao_domain::evaluate(&f, &q, &version, "mo-construction", today(), met);
    assert_eq!(d.outcome, OutcomeKind::Eligible);
    assert!(d.reasons.is_empty() && d.outstanding.is_empty());
    let level = d.level.unwrap();
    assert_eq!(
        (level.framework.as_str(), level.id.as_str(), level.rank),
        ("mo-construction-grade", "ordinary-a", 2)
    );
}

#[test]
fn a_rule_without_requirements_is_eligible_outright() {
    // Computing: 助理工程师 with a year of experience → graduate member in Hong Kong.
    let f = facts("computing-it", 1, false, 0);
    let q = held("cn-title", "assistant-engineer", "computing-it");
    let d = decide("computing-it-2020", "hk-info-systems", &f, &q);
    assert_eq!(d.outcome, OutcomeKind::Eligible);
    assert_eq!(d.level.unwrap().id, "graduate");
    assert_eq!(d.rule, Some(0));
}

#[test]
fn the_highest_level_whose_conditions_pass_wins() {
    let q = held("cn-title", "senior-engineer", "building");
    // 12 years, accredited, 100 hours: associate member, member and fellow all pass.
    let d = decide(
        "building-2020",
        "hk-building-em",
        &facts("building", 12, true, 100),
        &q,
    );
    assert_eq!(d.outcome, OutcomeKind::Conditional);
    assert_eq!(d.level.as_ref().unwrap().id, "fellow");
    assert_eq!(d.level.as_ref().unwrap().rank, 4);
    assert_eq!(d.outstanding, [Requirement::ProfessionalInterview]);
    assert_eq!(d.trace.len(), 3);
    assert_eq!(
        d.trace.iter().map(|t| t.chosen).collect::<Vec<_>>(),
        [false, false, true]
    );

    // With 8 years the fellow rule fails on experience alone and member wins.
    let d = decide(
        "building-2020",
        "hk-building-em",
        &facts("building", 8, true, 100),
        &q,
    );
    assert_eq!(d.level.as_ref().unwrap().id, "member");
    let fellow = &d.trace[2];
    assert!(fellow.applies && !fellow.passed && !fellow.chosen);
    let failed: Vec<&ConditionCheck> = fellow.conditions.iter().filter(|c| !c.passed).collect();
    assert_eq!(
        failed.len(),
        2,
        "experience, and the interview not yet held"
    );
    assert_eq!(
        serde_json::to_value(failed[0]).unwrap(),
        serde_json::json!({"condition": "experience", "expected": 10, "actual": 8, "passed": false})
    );
}

#[test]
fn an_ineligible_decision_lists_every_failed_condition_once() {
    // 技术员 with nothing else: every rule towards the Hong Kong society fails on level,
    // experience, education and CPD.
    let f = Facts {
        good_standing: false,
        ..Facts::default()
    };
    let q = held("cn-title", "technician", "building");
    let d = decide("building-2020", "hk-building-em", &f, &q);
    assert_eq!(d.outcome, OutcomeKind::Ineligible);
    let codes: Vec<&str> = d.reasons.iter().map(Reason::code).collect();
    assert_eq!(
        codes,
        [
            "level_below_minimum",
            "experience_short",
            "cpd_short",
            "not_in_good_standing",
            "level_below_minimum",
            "experience_short",
            "education_not_accredited",
            "cpd_short",
            "level_below_minimum",
            "experience_short",
        ],
        "{:#?}",
        d.reasons
    );
    assert_eq!(
        serde_json::to_value(&d.reasons[1]).unwrap(),
        serde_json::json!({"code": "experience_short", "required_years": 3, "actual_years": 0})
    );
}

#[test]
fn decisions_read_back_as_written() {
    let d = decide(
        "building-2020",
        "hk-building-em",
        &facts("building", 8, true, 100),
        &held("cn-title", "engineer", "building"),
    );
    let json = serde_json::to_string(&d).unwrap();
    let back: Decision = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["outcome"], "conditional");
    assert_eq!(value["level"]["id"], "member");
    assert_eq!(
        value["reasons"][0],
        serde_json::json!({"code": "requirement_outstanding", "requirement": "professional-interview"})
    );
}

#[test]
fn self_check_answers_for_every_agreement_in_force() {
    let data = dataset();
    let versions = compile_in_force(&data.agreements, &data.catalogue()).unwrap();
    let agreements: Vec<&str> = versions.iter().map(|v| v.agreement()).collect();
    assert!(
        !agreements.contains(&"electrical-intent-2020"),
        "intent only"
    );
    assert_eq!(agreements.len(), 4);

    let f = facts("building", 6, true, 100);
    let rows = self_check(
        &versions,
        &f,
        &held("cn-title", "engineer", "building"),
        today(),
    );
    let summary: Vec<(&str, &str, OutcomeKind, Option<&str>)> = rows
        .iter()
        .map(|d| {
            (
                d.agreement.as_str(),
                d.society.as_str(),
                d.outcome,
                d.level.as_ref().map(|l| l.id.as_str()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "building-2020",
                "hk-building-em",
                OutcomeKind::Conditional,
                Some("member")
            ),
            (
                "building-2020",
                "hk-civil-infra",
                OutcomeKind::Conditional,
                Some("member")
            ),
            (
                "building-2020",
                "mo-construction",
                OutcomeKind::Conditional,
                Some("ordinary-a")
            ),
        ]
    );

    let mut lapsed = held("cn-title", "engineer", "building");
    lapsed.status = QualificationStatus::Lapsed;
    assert!(self_check(&versions, &f, &lapsed, today()).is_empty());
}

/// Building engineering, version 2 (draft) against version 1: Engineer-level rules ask 7
/// years and 120 hours of CPD instead of 5 and 90; a rule for 正高级工程师 is added.
#[test]
fn impact_of_the_building_draft() {
    let data = dataset();
    let catalogue = data.catalogue();
    let building = agreement(&data, "building-2020");
    let v1 = CompiledVersion::of_agreement(&building, 1, &catalogue).unwrap();
    let v2 = CompiledVersion::of_agreement(&building, 2, &catalogue).unwrap();
    let subject = |id: &str, f: Facts, level: &str| Subject {
        engineer: id.to_string(),
        facts: f,
        qualification: held("cn-title", level, "building"),
    };
    let subjects = [
        // Member now; too little experience and CPD under the draft: associate member.
        subject("a", facts("building", 6, true, 100), "engineer"),
        // Enough of everything under both.
        subject("b", facts("building", 9, true, 130), "engineer"),
        // Not covered: another framework.
        Subject {
            engineer: "c".into(),
            facts: facts("building", 9, true, 130),
            qualification: held("gdes-grade", "member", "building"),
        },
        // Another specialty: out of scope.
        subject("d", facts("civil", 9, true, 130), "engineer"),
    ];
    let mut other = subjects[3].clone();
    other.qualification.specialty = "civil".into();
    let population = Population::resolve(
        &[
            subjects[0].clone(),
            subjects[1].clone(),
            subjects[2].clone(),
            other,
        ],
        "building",
        today(),
        &catalogue,
    );
    let report = impact(&v2, Some(&v1), &population).unwrap();
    assert_eq!(report.engineers, 4);
    assert_eq!(report.reached, 2);
    let hk = &report.targets[0];
    assert_eq!(hk.society, "hk-building-em");
    assert_eq!(hk.reached, 2);
    assert_eq!(hk.worsened.count, 1);
    assert_eq!(hk.worsened.examples, ["a"]);
    assert_eq!(hk.unchanged.examples, ["b"]);
    assert_eq!(hk.draft.conditional, 2);
    let macao = report
        .targets
        .iter()
        .find(|t| t.society == "mo-construction")
        .unwrap();
    // Towards Macao the draft asks 7 years: "a" falls out.
    assert_eq!(
        (macao.draft.conditional, macao.draft.ineligible),
        (1, 1),
        "{macao:#?}"
    );
    assert_eq!(macao.worsened.examples, ["a"]);

    // Against nothing in force, every recognition is an improvement.
    let fresh = impact(&v2, None, &population).unwrap();
    assert_eq!(fresh.targets[0].improved.count, 2);

    // A population resolved for another specialty is refused.
    let civil = Population::resolve(&[], "civil", today(), &catalogue);
    assert!(impact(&v2, Some(&v1), &civil).is_err());
}

#[test]
fn every_demo_agreement_compiles() {
    let data = dataset();
    let catalogue = catalogue();
    for a in &data.agreements {
        for v in &a.versions {
            let compiled = CompiledVersion::of_agreement(a, v.number, &catalogue)
                .unwrap_or_else(|e| panic!("{} v{}: {e}", a.id, v.number));
            let rules: usize = compiled.targets().iter().map(|t| t.rules.len()).sum();
            assert_eq!(rules, v.rules.len());
        }
    }
}

/// The demo engineers (`data/demo/engineers.toml`) were chosen so that the self-check shows
/// every outcome; their profiles become facts through [`Facts::of_profile`].
#[test]
fn the_demo_engineers_show_every_outcome() {
    use serde::Deserialize;
    use wanqiao_domain::LocalizedText;
    use wanqiao_domain::engineer::{
        CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, Qualification, Standing,
    };

    /// An entry of the demo file, less the account and identity the command line handles.
    #[derive(Deserialize)]
    struct Entry {
        names: LocalizedText,
        standing: Standing,
        education: Vec<EducationEntry>,
        experience: Vec<ExperienceEntry>,
        cpd: Vec<CpdRecord>,
        qualifications: Vec<Qualification>,
    }
    #[derive(Deserialize)]
    struct File {
        engineer: Vec<Entry>,
    }

    let file: File = toml::from_str(wanqiao_domain::demo::ENGINEERS).unwrap();
    let data = dataset();
    let versions = compile_in_force(&data.agreements, &data.catalogue()).unwrap();
    let mut rows: Vec<(String, Decision)> = Vec::new();
    for e in file.engineer {
        let profile = EngineerProfile {
            id: e.names.en.clone(),
            user_id: None,
            names: e.names,
            identity: None,
            standing: e.standing,
            education: e.education,
            experience: e.experience,
            cpd: e.cpd,
            qualifications: e.qualifications,
        };
        let f = Facts::of_profile(&profile, today());
        for q in &profile.qualifications {
            for d in self_check(&versions, &f, &HeldQualification::from(q), today()) {
                rows.push((profile.id.clone(), d));
            }
        }
    }
    for kind in OutcomeKind::ALL {
        assert!(rows.iter().any(|(_, d)| d.outcome == kind), "no {kind:?}");
    }
    let row = |who: &str, society: &str| {
        rows.iter()
            .find(|(id, d)| id == who && d.society == society)
            .map(|(_, d)| d)
            .unwrap_or_else(|| panic!("no row for {who} at {society}"))
    };
    let chan = row("Chan Sample", "hk-info-systems");
    assert_eq!(chan.outcome, OutcomeKind::Eligible);
    assert_eq!(chan.level.as_ref().unwrap().id, "graduate");
    let chan = row("Chan Sample", "mo-informatics");
    assert_eq!(chan.reasons[0].code(), "level_below_minimum");
    let chan = row("Chan Sample", "hk-building-em");
    assert_eq!(
        (chan.outcome, chan.level.as_ref().unwrap().id.as_str()),
        (OutcomeKind::Conditional, "member")
    );
    let wong: Vec<&Decision> = rows
        .iter()
        .filter(|(id, _)| id == "Wong Sample")
        .map(|(_, d)| d)
        .collect();
    assert!(!wong.is_empty());
    for d in wong {
        assert_eq!(d.outcome, OutcomeKind::Ineligible);
        assert!(d.reasons.contains(&Reason::NotInGoodStanding));
    }
}
