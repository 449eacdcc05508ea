//! The engineers an impact analysis runs over, held as dense profiles.

use super::{Facts, HeldQualification, Ladders, Profile};
use crate::{Catalogue, Date};
use serde::{Deserialize, Serialize};

/// One qualification of one engineer, with the facts about them: what a roster row or a
/// profile page gives the engine. An engineer with two qualifications is two subjects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub engineer: String,
    pub facts: Facts,
    pub qualification: HeldQualification,
}

/// Engineers reduced to [`Profile`]s for one specialty and one day, side by side with their
/// ids: a profile is some 60 bytes, so a million are read straight through, which is what
/// makes an impact analysis over them take milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Population {
    specialty: String,
    engineers: Vec<String>,
    profiles: Vec<Profile>,
}

impl Population {
    /// An empty population for agreements in `specialty`.
    pub fn new(specialty: &str) -> Self {
        Population {
            specialty: specialty.to_string(),
            ..Population::default()
        }
    }

    /// Resolves `subjects` against `catalogue`, as of `today`.
    pub fn resolve(
        subjects: &[Subject],
        specialty: &str,
        today: Date,
        catalogue: &Catalogue,
    ) -> Self {
        let ladders = Ladders::new(catalogue);
        let mut population = Population::new(specialty);
        population.reserve(subjects.len());
        for s in subjects {
            population.push(
                &ladders,
                s.engineer.clone(),
                &s.facts,
                &s.qualification,
                today,
            );
        }
        population
    }

    /// Adds one engineer's qualification, so a roster can be streamed in without holding
    /// every row's facts at once.
    pub fn push(
        &mut self,
        ladders: &Ladders<'_>,
        engineer: String,
        facts: &Facts,
        qualification: &HeldQualification,
        today: Date,
    ) {
        let held = ladders.held(qualification);
        let profile = Profile::new(facts, qualification, held, &self.specialty, today);
        self.engineers.push(engineer);
        self.profiles.push(profile);
    }

    /// Room for `additional` more, so a roster of known size is read without regrowing.
    pub fn reserve(&mut self, additional: usize) {
        self.engineers.reserve(additional);
        self.profiles.reserve(additional);
    }

    /// The specialty the profiles were built for: only agreements in it can use them.
    pub fn specialty(&self) -> &str {
        &self.specialty
    }

    /// The profiles, in the order they were added.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The engineer whose qualification is `self.profiles()[i]`.
    pub fn engineer(&self, i: usize) -> &str {
        &self.engineers[i]
    }

    /// Qualifications held, which may be more than engineers.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// Whether there is nobody to analyse.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}
