//! Properties of the rule engine over random rules, engineers and qualifications, on the
//! demo catalogue: it is deterministic; the fast verdict and the traced decision agree; it
//! is monotone (more experience, more CPD, a higher held level, accredited education or
//! good standing never give a lower standing); a rule never grants above its `to.level`;
//! every ineligible decision says why and every conditional one says what is outstanding;
//! impact analysis counts what evaluation decides, one engineer at a time.

mod engine_demo;

use engine_demo::{agreement, dataset, today};
use proptest::prelude::*;
use std::sync::LazyLock;
use wanqiao_domain::engine::{
    CompiledVersion, CpdEntry, Experience, Population, RequirementSet, Scope, Standing, Subject,
    impact,
};
use wanqiao_domain::engineer::QualificationStatus;
use wanqiao_domain::{
    Agreement, AgreementVersion, Catalogue, Cpd, Decision, Education, Facts, HeldQualification,
    OutcomeKind, RecognitionRule, Requirement, RuleSource, RuleTarget, VersionStatus, evaluate,
};

static DEMO: LazyLock<(Catalogue, Agreement)> = LazyLock::new(|| {
    let data = dataset();
    (data.catalogue(), agreement(&data, "building-2020"))
});

const TITLES: [&str; 5] = [
    "technician",
    "assistant-engineer",
    "engineer",
    "senior-engineer",
    "professorate-senior-engineer",
];
const TARGETS: [(&str, &[&str]); 2] = [
    (
        "hk-building-em",
        &["graduate", "associate-member", "member", "fellow"],
    ),
    ("mo-construction", &["ordinary-b", "ordinary-a", "senior"]),
];

fn requirement() -> impl Strategy<Value = Requirement> {
    prop_oneof![
        Just(Requirement::AptitudeTest),
        (1u32..=36).prop_map(|months| Requirement::AdaptationPeriod { months }),
        Just(Requirement::ProfessionalInterview),
        Just(Requirement::LocalRegulationsBriefing),
    ]
}

fn requirements() -> impl Strategy<Value = RequirementSet> {
    prop::collection::vec(requirement(), 0..3).prop_map(RequirementSet::from_iter)
}

/// Mostly rules from the mainland titles; now and then one from the Hong Kong register, so
/// that rules of other frameworks are seen and left alone.
fn rule() -> impl Strategy<Value = RecognitionRule> {
    let from = prop_oneof![
        9 => (0..TITLES.len()).prop_map(|i| ("cn-title", TITLES[i])),
        1 => Just(("hk-rpe", "registered")),
    ];
    let to = (0..TARGETS.len(), 0..4usize).prop_map(|(t, l)| {
        let (society, levels) = TARGETS[t];
        (society, levels[l % levels.len()])
    });
    let cpd = prop::option::of((1u32..150, 1u32..=5));
    (
        from,
        to,
        0u32..15,
        any::<bool>(),
        cpd,
        prop::collection::vec(requirement(), 0..3),
    )
        .prop_map(
            |(from, to, years, accredited, cpd, requires)| RecognitionRule {
                from: RuleSource {
                    framework: from.0.into(),
                    min_level: from.1.into(),
                },
                to: RuleTarget {
                    society: to.0.into(),
                    level: to.1.into(),
                },
                min_experience_years: years,
                education: if accredited {
                    Education::Accredited
                } else {
                    Education::Any
                },
                cpd: cpd.map(|(hours, within_years)| Cpd {
                    hours,
                    within_years,
                }),
                requires,
            },
        )
}

fn version(rules: Vec<RecognitionRule>) -> CompiledVersion {
    let (catalogue, building) = &*DEMO;
    let version = AgreementVersion {
        number: 9,
        status: VersionStatus::Draft,
        effective_from: None,
        notes: None,
        rules,
    };
    CompiledVersion::compile(Scope::of(building), &version, catalogue).unwrap()
}

fn facts() -> impl Strategy<Value = Facts> {
    let cpd = prop::collection::vec((0i64..4000, 0u32..80), 0..6);
    (0u32..240, 0u32..60, any::<bool>(), cpd, any::<bool>()).prop_map(
        |(months, elsewhere, accredited, cpd, good_standing)| Facts {
            experience: vec![
                Experience {
                    specialty: "building".into(),
                    months,
                },
                Experience {
                    specialty: "civil".into(),
                    months: elsewhere,
                },
            ],
            accredited_education: accredited,
            cpd: cpd
                .into_iter()
                .map(|(days_ago, hours)| CpdEntry {
                    date: today()
                        .checked_sub(jiff::Span::new().days(days_ago))
                        .unwrap(),
                    hours,
                })
                .collect(),
            good_standing,
        },
    )
}

fn status() -> impl Strategy<Value = QualificationStatus> {
    prop_oneof![
        4 => Just(QualificationStatus::Attested),
        4 => Just(QualificationStatus::Claimed),
        1 => Just(QualificationStatus::Refused),
        1 => Just(QualificationStatus::Lapsed),
    ]
}

fn qualification() -> impl Strategy<Value = HeldQualification> {
    let framework = prop_oneof![
        9 => (0..TITLES.len()).prop_map(|i| ("cn-title", TITLES[i])),
        1 => Just(("hk-rpe", "registered")),
    ];
    let specialty = prop_oneof![9 => Just("building"), 1 => Just("civil")];
    (framework, specialty, status()).prop_map(|(f, specialty, status)| HeldQualification {
        framework: f.0.into(),
        level: f.1.into(),
        specialty: specialty.into(),
        status,
    })
}

fn target() -> impl Strategy<Value = &'static str> {
    (0..TARGETS.len()).prop_map(|t| TARGETS[t].0)
}

/// A random case: a version, an engineer, a qualification, a target, requirements met.
fn case() -> impl Strategy<
    Value = (
        Vec<RecognitionRule>,
        Facts,
        HeldQualification,
        &'static str,
        RequirementSet,
    ),
> {
    (
        prop::collection::vec(rule(), 1..7),
        facts(),
        qualification(),
        target(),
        requirements(),
    )
}

fn decide(
    v: &CompiledVersion,
    f: &Facts,
    q: &HeldQualification,
    target: &str,
    met: RequirementSet,
) -> Decision {
    evaluate(f, q, v, target, today(), met)
}

/// Whether `better` stands at least as high as `base`, with both decisions shown if not.
fn not_lower(base: &Decision, better: &Decision) -> Result<(), TestCaseError> {
    prop_assert!(
        better.standing() >= base.standing(),
        "standing fell from {:?} to {:?}\nbefore: {base:#?}\nafter: {better:#?}",
        base.standing(),
        better.standing()
    );
    Ok(())
}

proptest! {
    #[test]
    fn deterministic_and_the_fast_verdict_agrees((rules, f, q, target, met) in case()) {
        let v = version(rules);
        let d = decide(&v, &f, &q, target, met);
        prop_assert_eq!(&d, &decide(&v, &f, &q, target, met));
        if let Some(t) = v.target_index(target) {
            let verdict = v.verdict(t, &v.profile(&f, &q, today()), met);
            prop_assert_eq!(verdict.kind, d.outcome);
            prop_assert_eq!(verdict.rule, d.rule);
            prop_assert_eq!(verdict.standing(), d.standing());
            prop_assert_eq!(verdict.outstanding.iter().collect::<Vec<_>>(), d.outstanding.clone());
        }
    }

    #[test]
    fn every_outcome_explains_itself((rules, f, q, target, met) in case()) {
        let d = decide(&version(rules), &f, &q, target, met);
        match d.outcome {
            OutcomeKind::Ineligible => {
                prop_assert!(!d.reasons.is_empty(), "{d:#?}");
                prop_assert!(d.level.is_none() && d.outstanding.is_empty());
            }
            OutcomeKind::Conditional => {
                prop_assert!(!d.outstanding.is_empty(), "{d:#?}");
                prop_assert_eq!(d.reasons.len(), d.outstanding.len());
                prop_assert!(d.reasons.iter().all(|r| r.code() == "requirement_outstanding"));
                prop_assert!(d.level.is_some());
            }
            OutcomeKind::Eligible => {
                prop_assert!(d.reasons.is_empty() && d.outstanding.is_empty());
                prop_assert!(d.level.is_some());
            }
        }
    }

    #[test]
    fn a_rule_never_grants_above_its_level((rules, f, q, target, met) in case()) {
        let v = version(rules.clone());
        let d = decide(&v, &f, &q, target, met);
        let Some(level) = &d.level else { return Ok(()) };
        let chosen = &rules[d.rule.unwrap() as usize];
        prop_assert_eq!(&chosen.to.society, target);
        prop_assert_eq!(&chosen.to.level, &level.id);
        let (catalogue, _) = &*DEMO;
        let ladder = &catalogue.frameworks[&level.framework];
        prop_assert_eq!(ladder.level(&level.id).unwrap().rank, level.rank);
        let chosen_trace = d.trace.iter().find(|t| t.chosen).unwrap();
        prop_assert!(chosen_trace.passed);
        for t in d.trace.iter().filter(|t| t.passed) {
            prop_assert!(t.to_rank <= level.rank, "a passing rule grants more: {d:#?}");
        }
    }

    #[test]
    fn monotone(
        (rules, f, q, target, met) in case(),
        months in 1u32..120,
        hours in 1u32..100,
        steps in 1usize..4,
    ) {
        let v = version(rules);
        let base = decide(&v, &f, &q, target, met);

        let mut more = f.clone();
        more.experience[0].months += months;
        not_lower(&base, &decide(&v, &more, &q, target, met))?;

        let mut more = f.clone();
        more.cpd.push(CpdEntry { date: today(), hours });
        not_lower(&base, &decide(&v, &more, &q, target, met))?;

        let mut more = f.clone();
        more.accredited_education = true;
        not_lower(&base, &decide(&v, &more, &q, target, met))?;

        let mut more = f.clone();
        more.good_standing = true;
        not_lower(&base, &decide(&v, &more, &q, target, met))?;

        if let Some(i) = TITLES.iter().position(|l| *l == q.level && q.framework == "cn-title") {
            let mut higher = q.clone();
            higher.level = TITLES[(i + steps).min(TITLES.len() - 1)].into();
            not_lower(&base, &decide(&v, &f, &higher, target, met))?;
        }
    }

    #[test]
    fn impact_counts_what_evaluation_decides(
        draft in prop::collection::vec(rule(), 1..6),
        in_force in prop::collection::vec(rule(), 1..6),
        engineers in prop::collection::vec((facts(), qualification()), 0..25),
    ) {
        let (catalogue, _) = &*DEMO;
        let (draft, in_force) = (version(draft), version(in_force));
        let subjects: Vec<Subject> = engineers
            .into_iter()
            .enumerate()
            .map(|(i, (facts, qualification))| Subject {
                engineer: format!("e{i}"),
                facts,
                qualification,
            })
            .collect();
        let population = Population::resolve(&subjects, "building", today(), catalogue);
        let report = impact(&draft, Some(&in_force), &population).unwrap();
        prop_assert_eq!(report.engineers, subjects.len() as u64);
        for t in &report.targets {
            let (mut reached, mut eligible, mut improved, mut worsened) = (0, 0, 0, 0);
            for s in &subjects {
                let reaches = |v: &CompiledVersion| {
                    v.target_index(&t.society).is_some_and(|i| {
                        v.reaches(i, v.held(&s.qualification).framework)
                    })
                };
                if !s.qualification.status.is_live()
                    || s.qualification.specialty != "building"
                    || !(reaches(&draft) || reaches(&in_force))
                {
                    continue;
                }
                reached += 1;
                let standing = |v: &CompiledVersion| {
                    let d = evaluate(&s.facts, &s.qualification, v, &t.society, today(), RequirementSet::NONE);
                    (d.outcome, d.standing())
                };
                let ((kind, after), (_, before)): ((OutcomeKind, Standing), _) =
                    (standing(&draft), standing(&in_force));
                eligible += u64::from(kind == OutcomeKind::Eligible);
                improved += u64::from(after > before);
                worsened += u64::from(after < before);
            }
            prop_assert_eq!(t.reached, reached, "{}", t.society);
            prop_assert_eq!(t.draft.eligible, eligible);
            prop_assert_eq!(t.improved.count, improved);
            prop_assert_eq!(t.worsened.count, worsened);
            prop_assert_eq!(t.improved.count + t.worsened.count + t.unchanged.count, reached);
            prop_assert!(t.improved.examples.len() as u64 == improved.min(5));
        }
    }
}

/// Enough engineers for the analysis to use every core: the tallies of the parts merge to
/// the same counts, and the examples kept are still the first in the population.
#[test]
fn impact_on_several_threads_merges_in_order() {
    let (catalogue, building) = &*DEMO;
    let v1 = CompiledVersion::of_agreement(building, 1, catalogue).unwrap();
    let v2 = CompiledVersion::of_agreement(building, 2, catalogue).unwrap();
    let ladders = wanqiao_domain::engine::Ladders::new(catalogue);
    let mut population = Population::new("building");
    let n = 200_000usize;
    for i in 0..n {
        let f = Facts {
            experience: vec![Experience {
                specialty: "building".into(),
                months: (i % 150) as u32,
            }],
            accredited_education: i % 3 != 0,
            cpd: vec![CpdEntry {
                date: engine_demo::day("2025-01-01"),
                hours: (i % 140) as u32,
            }],
            good_standing: i % 29 != 0,
        };
        let q = engine_demo::held("cn-title", TITLES[i % 5], "building");
        population.push(&ladders, format!("e{i}"), &f, &q, today());
    }
    let report = impact(&v2, Some(&v1), &population).unwrap();
    let none = RequirementSet::NONE;
    for t in &report.targets {
        let (d, f) = (v2.target_index(&t.society), v1.target_index(&t.society));
        let mut worsened = Vec::new();
        let mut count = 0u64;
        for (i, p) in population.profiles().iter().enumerate() {
            let after = d.map(|d| v2.verdict(d, p, none).standing());
            let before = f.map(|f| v1.verdict(f, p, none).standing());
            if after.unwrap_or(Standing::NONE) < before.unwrap_or(Standing::NONE) {
                count += 1;
                if worsened.len() < 5 {
                    worsened.push(population.engineer(i).to_string());
                }
            }
        }
        assert_eq!(t.worsened.count, count, "{}", t.society);
        assert_eq!(t.worsened.examples, worsened, "{}", t.society);
    }
}
