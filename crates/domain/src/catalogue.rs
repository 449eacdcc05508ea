//! What the register already knows, so that new entries can be checked against it.
//!
//! An agreement that names a society, specialty or level the register does not hold is
//! refused whole, naming the reference, before anything is written.

use crate::agreement::{AgreementKind, AgreementStatus, VersionStatus};
use crate::{Agreement, Framework, Society, Specialty, slug};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A location inside an entry, e.g. `version[0].rule[2].to.society`, so an error can be
/// traced back to a line of the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl FieldPath {
    pub fn key(&self, key: &str) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// Parses `a.b[2].c`.
    pub fn parse(text: &str) -> FieldPath {
        let mut path = FieldPath::default();
        for part in text.split('.') {
            let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
            path = path.key(key);
            for index in indexes.split('[') {
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    path = path.index(i);
                }
            }
        }
        path
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One thing wrong with an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: FieldPath,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field `{}`: {}", self.field, self.message)
    }
}

/// The societies, specialties and frameworks that entries may refer to.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub societies: BTreeMap<String, Society>,
    pub specialties: BTreeMap<String, Specialty>,
    pub frameworks: BTreeMap<String, Framework>,
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, field: FieldPath, message: impl Into<String>) {
        self.problems.push(Problem {
            field,
            message: message.into(),
        });
    }

    fn slug(&mut self, field: FieldPath, id: &str) {
        if let Err(message) = slug::check(id) {
            self.fail(field, message);
        }
    }
}

impl Catalogue {
    pub fn new(
        societies: impl IntoIterator<Item = Society>,
        specialties: impl IntoIterator<Item = Specialty>,
        frameworks: impl IntoIterator<Item = Framework>,
    ) -> Self {
        Catalogue {
            societies: societies.into_iter().map(|s| (s.id.clone(), s)).collect(),
            specialties: specialties.into_iter().map(|s| (s.id.clone(), s)).collect(),
            frameworks: frameworks.into_iter().map(|f| (f.id.clone(), f)).collect(),
        }
    }

    /// Whether `level` is a rung of a ladder kept by `society`.
    pub fn society_has_level(&self, society: &str, level: &str) -> bool {
        self.frameworks
            .values()
            .any(|f| f.owner.as_deref() == Some(society) && f.level(level).is_some())
    }

    /// Every problem with `agreement`, shape and references alike; empty when it is sound.
    pub fn check_agreement(&self, a: &Agreement) -> Vec<Problem> {
        let root = FieldPath::default();
        let mut c = Checker {
            problems: Vec::new(),
        };
        c.slug(root.key("id"), &a.id);
        if let Some(locale) = a.titles.missing() {
            c.fail(root.key("titles").key(locale.tag()), "the title is empty");
        }
        if !self.specialties.contains_key(&a.specialty) {
            c.fail(
                root.key("specialty"),
                format!("unknown specialty `{}`", a.specialty),
            );
        }
        self.check_parties(&mut c, a);
        self.check_lifecycle(&mut c, a);
        for (vi, version) in a.versions.iter().enumerate() {
            let vpath = root.key("version").index(vi);
            for (ri, rule) in version.rules.iter().enumerate() {
                self.check_rule(&mut c, &vpath.key("rule").index(ri), a, rule);
            }
        }
        c.problems
    }

    fn check_parties(&self, c: &mut Checker, a: &Agreement) {
        let path = FieldPath::default().key("parties");
        let mut seen = BTreeSet::new();
        for (i, party) in a.parties.iter().enumerate() {
            if !self.societies.contains_key(party) {
                c.fail(path.index(i), format!("unknown society `{party}`"));
            }
            if !seen.insert(party) {
                c.fail(path.index(i), format!("society `{party}` is listed twice"));
            }
        }
        if a.parties.len() < 2 {
            c.fail(path, "an agreement needs at least two parties");
        }
    }

    fn check_lifecycle(&self, c: &mut Checker, a: &Agreement) {
        let root = FieldPath::default();
        let mut numbers = BTreeSet::new();
        for (i, v) in a.versions.iter().enumerate() {
            if !numbers.insert(v.number) {
                c.fail(
                    root.key("version").index(i).key("number"),
                    format!("version {} appears twice", v.number),
                );
            }
        }
        let in_force = a
            .versions
            .iter()
            .filter(|v| v.status == VersionStatus::InForce)
            .count();
        if in_force > 1 {
            c.fail(root.key("version"), "only one version can be in force");
        }
        match (a.kind, a.status) {
            (AgreementKind::LetterOfIntent, AgreementStatus::InForce | AgreementStatus::Suspended) => c.fail(
                root.key("status"),
                "a letter of intent recognises nobody: its status is draft, intent or expired",
            ),
            (AgreementKind::Agreement, AgreementStatus::Intent) => c.fail(
                root.key("status"),
                "`intent` is the status of a letter of intent; an agreement is draft, in-force, suspended or expired",
            ),
            (_, AgreementStatus::InForce) if in_force == 0 => c.fail(
                root.key("version"),
                "an agreement in force needs a version with status `in-force`",
            ),
            _ => {}
        }
        if let (Some(from), Some(until)) = (a.effective_from, a.effective_until)
            && until < from
        {
            c.fail(
                root.key("effective_until"),
                format!("ends on {until}, before it takes effect on {from}"),
            );
        }
    }

    fn check_rule(
        &self,
        c: &mut Checker,
        path: &FieldPath,
        a: &Agreement,
        rule: &crate::RecognitionRule,
    ) {
        let from = path.key("from");
        match self.frameworks.get(&rule.from.framework) {
            None => c.fail(
                from.key("framework"),
                format!("unknown framework `{}`", rule.from.framework),
            ),
            Some(f) if f.level(&rule.from.min_level).is_none() => c.fail(
                from.key("min_level"),
                format!(
                    "unknown level `{}` in framework `{}`",
                    rule.from.min_level, f.id
                ),
            ),
            Some(_) => {}
        }
        let to = path.key("to");
        if !self.societies.contains_key(&rule.to.society) {
            c.fail(
                to.key("society"),
                format!("unknown society `{}`", rule.to.society),
            );
        } else if !a.parties.contains(&rule.to.society) {
            c.fail(
                to.key("society"),
                format!(
                    "society `{}` is not a party to this agreement",
                    rule.to.society
                ),
            );
        } else if !self.society_has_level(&rule.to.society, &rule.to.level) {
            c.fail(
                to.key("level"),
                format!(
                    "unknown level `{}`: no framework kept by `{}` has it",
                    rule.to.level, rule.to.society
                ),
            );
        }
        if let Some(cpd) = rule.cpd
            && (cpd.within_years == 0 || cpd.hours == 0)
        {
            c.fail(
                path.key("cpd"),
                "CPD needs hours and a window of at least one year",
            );
        }
    }
}
