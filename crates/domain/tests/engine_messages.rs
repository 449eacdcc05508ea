//! The engine's Fluent messages (`crates/web/locales/engine/*.ftl`): the same ids in every
//! language, one for every outcome, reason and condition the engine can produce, and each
//! formats without error from exactly the variables the engine hands over.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::collections::BTreeSet;
use wanqiao_domain::engine::{Arg, Condition, ConditionCheck, GrantedLevel, Message};
use wanqiao_domain::{Decision, OutcomeKind, Reason, Requirement};

const LOCALES: [(&str, &str); 3] = [
    ("en", include_str!("../../web/locales/engine/en.ftl")),
    (
        "zh-Hans",
        include_str!("../../web/locales/engine/zh-Hans.ftl"),
    ),
    (
        "zh-Hant",
        include_str!("../../web/locales/engine/zh-Hant.ftl"),
    ),
];

fn bundle(tag: &str, text: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(text.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{tag}.ftl does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new(vec![tag.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).unwrap();
    bundle
}

/// Message ids defined in a file: lines starting `id =`.
fn ids(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.to_string()))
        .collect()
}

fn expected_ids() -> BTreeSet<String> {
    let outcomes = OutcomeKind::ALL.map(|k| format!("outcome-{}", k.code()));
    let reasons = Reason::CODES.map(|c| format!("reason-{c}"));
    let conditions = Condition::CODES.map(|c| format!("condition-{c}"));
    outcomes
        .into_iter()
        .chain(reasons)
        .chain(conditions)
        .collect()
}

fn s(text: &str) -> String {
    text.to_string()
}

fn reasons() -> Vec<Reason> {
    vec![
        Reason::QualificationRefused,
        Reason::QualificationLapsed,
        Reason::FrameworkNotCovered {
            framework: s("hk-rpe"),
            society: s("mo-construction"),
        },
        Reason::SpecialtyMismatch {
            required_specialty: s("building"),
            actual_specialty: s("civil"),
        },
        Reason::LevelBelowMinimum {
            framework: s("cn-title"),
            required_level: s("engineer"),
            actual_level: s("technician"),
        },
        Reason::ExperienceShort {
            required_years: 5,
            actual_years: 1,
        },
        Reason::EducationNotAccredited,
        Reason::CpdShort {
            required_hours: 90,
            actual_hours: 30,
            within_years: 3,
        },
        Reason::NotInGoodStanding,
        Reason::RequirementOutstanding {
            requirement: Requirement::AptitudeTest,
        },
        Reason::RequirementOutstanding {
            requirement: Requirement::AdaptationPeriod { months: 12 },
        },
        Reason::RequirementOutstanding {
            requirement: Requirement::ProfessionalInterview,
        },
        Reason::RequirementOutstanding {
            requirement: Requirement::LocalRegulationsBriefing,
        },
    ]
}

fn conditions() -> Vec<ConditionCheck> {
    let conditions = [
        Condition::Level {
            framework: s("cn-title"),
            expected: s("engineer"),
            actual: s("senior-engineer"),
        },
        Condition::Experience {
            expected: 5,
            actual: 1,
        },
        Condition::Education {
            expected: true,
            actual: false,
        },
        Condition::Cpd {
            expected: 90,
            actual: 120,
            within_years: 3,
        },
        Condition::GoodStanding {
            expected: true,
            actual: true,
        },
        Condition::Requirement {
            requirement: Requirement::AdaptationPeriod { months: 6 },
            met: false,
        },
        Condition::Requirement {
            requirement: Requirement::ProfessionalInterview,
            met: true,
        },
    ];
    conditions
        .into_iter()
        .flat_map(|condition| {
            [true, false].map(|passed| ConditionCheck {
                condition: condition.clone(),
                passed,
            })
        })
        .collect()
}

fn decisions() -> Vec<Decision> {
    OutcomeKind::ALL
        .into_iter()
        .map(|outcome| Decision {
            agreement: s("building-2020"),
            version: 1,
            society: s("hk-building-em"),
            outcome,
            level: (outcome != OutcomeKind::Ineligible).then(|| GrantedLevel {
                framework: s("hk-building-em-grade"),
                id: s("member"),
                rank: 3,
            }),
            rule: None,
            outstanding: Vec::new(),
            reasons: Vec::new(),
            trace: Vec::new(),
        })
        .collect()
}

fn fluent_args(message: &dyn Message) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, arg) in message.message_args() {
        let value: FluentValue<'static> = match arg {
            Arg::Number(n) => FluentValue::from(n),
            Arg::Code(code) => FluentValue::from(code),
            Arg::Level { level, .. } => FluentValue::from(level),
            Arg::Society(id) | Arg::Specialty(id) | Arg::Framework(id) => FluentValue::from(id),
        };
        args.set(name, value);
    }
    args
}

fn format(bundle: &FluentBundle<FluentResource>, message: &dyn Message) -> String {
    let id = message.message_id();
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .unwrap_or_else(|| panic!("no message `{id}`"));
    let mut errors = Vec::new();
    let args = fluent_args(message);
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    assert!(errors.is_empty(), "`{id}`: {errors:?}");
    text.into_owned()
}

#[test]
fn every_language_has_exactly_the_engine_messages() {
    let expected = expected_ids();
    for (tag, text) in LOCALES {
        bundle(tag, text);
        assert_eq!(ids(text), expected, "{tag}.ftl");
    }
}

#[test]
fn every_message_formats_from_the_engine_variables() {
    let mut messages: Vec<Box<dyn Message>> = Vec::new();
    messages.extend(
        reasons()
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Message>),
    );
    messages.extend(
        conditions()
            .into_iter()
            .map(|c| Box::new(c) as Box<dyn Message>),
    );
    messages.extend(
        decisions()
            .into_iter()
            .map(|d| Box::new(d) as Box<dyn Message>),
    );
    for (tag, text) in LOCALES {
        let bundle = bundle(tag, text);
        for m in &messages {
            let text = format(&bundle, m.as_ref());
            assert!(!text.contains('{'), "{tag} `{}`: {text}", m.message_id());
        }
    }
}

#[test]
fn english_reads_naturally() {
    let en = bundle("en", LOCALES[0].1);
    let short = Reason::ExperienceShort {
        required_years: 5,
        actual_years: 1,
    };
    assert_eq!(
        format(&en, &short),
        "1 year of experience in this specialty; the agreement asks for 5."
    );
    let adaptation = Reason::RequirementOutstanding {
        requirement: Requirement::AdaptationPeriod { months: 12 },
    };
    assert_eq!(
        format(&en, &adaptation),
        "Still to do: an adaptation period of 12 months."
    );
    let zh = bundle("zh-Hans", LOCALES[1].1);
    assert_eq!(format(&zh, &short), "本专业领域工作经验1年，协议要求5年。");
}
