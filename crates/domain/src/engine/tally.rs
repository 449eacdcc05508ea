//! Counting verdicts for an impact analysis, one tally per thread, merged in order so the
//! examples kept are the first in the population whatever the number of threads.

use super::{OutcomeKind, Verdict};
use std::cmp::Ordering;

/// Examples kept per kind of change.
pub(crate) const EXAMPLES: usize = 5;

/// How a verdict under the draft compares with the one under the version in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Improved = 0,
    Worsened = 1,
    Unchanged = 2,
}

impl ChangeKind {
    pub fn between(in_force: &Verdict, draft: &Verdict) -> ChangeKind {
        match draft.standing().cmp(&in_force.standing()) {
            Ordering::Greater => ChangeKind::Improved,
            Ordering::Less => ChangeKind::Worsened,
            Ordering::Equal => ChangeKind::Unchanged,
        }
    }
}

/// Counts by outcome kind, indexed eligible, conditional, ineligible.
pub(crate) fn slot(kind: OutcomeKind) -> usize {
    match kind {
        OutcomeKind::Eligible => 0,
        OutcomeKind::Conditional => 1,
        OutcomeKind::Ineligible => 2,
    }
}

/// The counts for one target society over part of the population.
#[derive(Debug, Clone, Default)]
pub(crate) struct TargetTally {
    pub reached: u64,
    pub draft: [u64; 3],
    pub in_force: [u64; 3],
    pub changes: [u64; 3],
    /// Positions in the population.
    pub examples: [Vec<usize>; 3],
}

impl TargetTally {
    pub fn add(&mut self, i: usize, in_force: &Verdict, draft: &Verdict) {
        self.reached += 1;
        self.draft[slot(draft.kind)] += 1;
        self.in_force[slot(in_force.kind)] += 1;
        let change = ChangeKind::between(in_force, draft) as usize;
        self.changes[change] += 1;
        if self.examples[change].len() < EXAMPLES {
            self.examples[change].push(i);
        }
    }

    /// Adds `later`, which counted a later part of the population.
    pub fn merge(&mut self, later: TargetTally) {
        self.reached += later.reached;
        for k in 0..3 {
            self.draft[k] += later.draft[k];
            self.in_force[k] += later.in_force[k];
            self.changes[k] += later.changes[k];
            let room = EXAMPLES - self.examples[k].len();
            self.examples[k].extend(later.examples[k].iter().take(room));
        }
    }
}

/// One tally per target society, and the number of profiles any target reached.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub reached: u64,
    pub targets: Vec<TargetTally>,
}

impl Tally {
    pub fn new(targets: usize) -> Tally {
        Tally {
            reached: 0,
            targets: vec![TargetTally::default(); targets],
        }
    }

    pub fn merge(&mut self, later: Tally) {
        self.reached += later.reached;
        for (mine, theirs) in self.targets.iter_mut().zip(later.targets) {
            mine.merge(theirs);
        }
    }
}
