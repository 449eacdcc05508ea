//! Words for the register's codes and sentences for its rules, in the reader's language.

use crate::Tr;
use wanqiao_domain::{
    AgreementKind, AgreementStatus, Catalogue, Education, FrameworkKind, Jurisdiction, Locale,
    LocalizedText, RecognitionRule, Requirement, SocietyRole, VersionStatus,
};

pub fn jurisdiction(tr: &Tr, j: Jurisdiction) -> String {
    tr.t(&format!("jurisdiction-{}", j.code()))
}

pub fn role(tr: &Tr, r: SocietyRole) -> String {
    tr.t(&format!("role-{}", r.code()))
}

pub fn agreement_status(tr: &Tr, s: AgreementStatus) -> String {
    tr.t(&format!("agreement-status-{}", s.code()))
}

pub fn agreement_kind(tr: &Tr, k: AgreementKind) -> String {
    tr.t(&format!("agreement-kind-{}", k.code()))
}

pub fn version_status(tr: &Tr, s: VersionStatus) -> String {
    tr.t(&format!("version-status-{}", s.code()))
}

pub fn framework_kind(tr: &Tr, k: FrameworkKind) -> String {
    tr.t(&format!("framework-kind-{}", k.code()))
}

pub fn requirement(tr: &Tr, r: Requirement) -> String {
    match r.months() {
        Some(months) => tr.t1(&format!("requirement-{}", r.code()), "months", months),
        None => tr.t(&format!("requirement-{}", r.code())),
    }
}

/// A name in the reader's language, with the register's id when the entry is unknown.
pub fn name<'a>(locale: Locale, text: Option<&'a LocalizedText>, id: &'a str) -> &'a str {
    text.map(|t| t.get(locale)).unwrap_or(id)
}

/// A rule read aloud: one sentence for what is recognised, one line per condition.
pub struct RuleView {
    pub sentence: String,
    pub conditions: Vec<String>,
}

pub fn rule(tr: &Tr, catalogue: &Catalogue, r: &RecognitionRule) -> RuleView {
    let locale = tr.locale;
    let framework = catalogue.frameworks.get(&r.from.framework);
    let from_level = framework
        .and_then(|f| f.level(&r.from.min_level))
        .map(|l| &l.names);
    let society = catalogue.societies.get(&r.to.society);
    let to_level = catalogue
        .frameworks
        .values()
        .filter(|f| f.owner.as_deref() == Some(r.to.society.as_str()))
        .find_map(|f| f.level(&r.to.level))
        .map(|l| &l.names);
    let sentence = tr.targs(
        "rule-sentence",
        &[
            (
                "framework",
                name(locale, framework.map(|f| &f.names), &r.from.framework).into(),
            ),
            (
                "from_level",
                name(locale, from_level, &r.from.min_level).into(),
            ),
            (
                "society",
                name(locale, society.map(|s| &s.names), &r.to.society).into(),
            ),
            ("to_level", name(locale, to_level, &r.to.level).into()),
        ],
    );
    let mut conditions = Vec::new();
    if r.min_experience_years > 0 {
        conditions.push(tr.t1("rule-experience", "years", r.min_experience_years));
    }
    if r.education == Education::Accredited {
        conditions.push(tr.t("rule-education-accredited"));
    }
    if let Some(cpd) = r.cpd {
        conditions.push(tr.targs(
            "rule-cpd",
            &[
                ("hours", cpd.hours.into()),
                ("years", cpd.within_years.into()),
            ],
        ));
    }
    for req in &r.requires {
        conditions.push(tr.t1("rule-requires", "requirement", requirement(tr, *req)));
    }
    if conditions.is_empty() {
        conditions.push(tr.t("rule-no-conditions"));
    }
    RuleView {
        sentence,
        conditions,
    }
}

/// An engine result (outcome, reason, condition) as a sentence in the reader's language, with
/// ids replaced by the names of the levels, societies, specialties and ladders they denote.
pub fn engine_message(
    tr: &Tr,
    catalogue: &Catalogue,
    m: &dyn wanqiao_domain::engine::Message,
) -> String {
    use wanqiao_domain::engine::Arg as E;
    let locale = tr.locale;
    let args: Vec<(&str, crate::i18n::Arg)> = m
        .message_args()
        .into_iter()
        .map(|(name, arg)| {
            let value: crate::i18n::Arg = match arg {
                E::Number(n) => n.into(),
                E::Code(c) => c.into(),
                E::Level { framework, level } => {
                    let names = catalogue
                        .frameworks
                        .get(&framework)
                        .and_then(|f| f.level(&level))
                        .map(|l| &l.names);
                    self::name(locale, names, &level).to_string().into()
                }
                E::Society(id) => {
                    self::name(locale, catalogue.societies.get(&id).map(|s| &s.names), &id)
                        .to_string()
                        .into()
                }
                E::Specialty(id) => self::name(
                    locale,
                    catalogue.specialties.get(&id).map(|s| &s.names),
                    &id,
                )
                .to_string()
                .into(),
                E::Framework(id) => {
                    self::name(locale, catalogue.frameworks.get(&id).map(|f| &f.names), &id)
                        .to_string()
                        .into()
                }
            };
            (name, value)
        })
        .collect();
    tr.targs(m.message_id(), &args)
}
