//! Rule engine benchmarks (DESIGN.md §10): evaluations per second on the demo agreements in
//! force with realistic synthetic engineers, and impact analysis of the building draft over
//! one million engineers held in memory.
//!
//! Run: `cargo bench -p wanqiao-domain --bench engine`. Criterion measures first; then the
//! figures are printed again in plain words, measured with a simple clock, so nobody needs
//! to read criterion's output to know whether the targets are met.

#[path = "../tests/engine_demo/mod.rs"]
mod engine_demo;

use criterion::{Criterion, Throughput};
use engine_demo::{agreement, dataset, today};
use std::hint::black_box;
use std::time::{Duration, Instant};
use wanqiao_domain::engine::{
    CompiledVersion, CpdEntry, Experience, Ladders, Population, Profile, RequirementSet,
    compile_in_force, impact, self_check,
};
use wanqiao_domain::engineer::QualificationStatus;
use wanqiao_domain::{Catalogue, Date, Facts, HeldQualification, evaluate};

/// Engineers generated for the evaluation benchmarks.
const ENGINEERS: usize = 10_000;
/// Engineers in the impact analysis.
const POPULATION: usize = 1_000_000;

/// SplitMix64: a deterministic stream, so every run measures the same engineers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n)) as u32
    }

    fn percent(&mut self, p: u32) -> bool {
        self.below(100) < p
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut x = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const SPECIALTIES: [&str; 4] = ["building", "civil", "computing-it", "measurement-control"];

/// The Hong Kong society's grades in each specialty, whose holders the agreements cover.
fn hk_grades(specialty: &str) -> &'static str {
    match specialty {
        "building" => "hk-building-em-grade",
        "civil" => "hk-civil-infra-grade",
        "computing-it" => "hk-info-systems-grade",
        _ => "hk-measurement-control-grade",
    }
}

/// One engineer of the Greater Bay Area: mostly mainland titles (engineers and senior
/// engineers the most), some Hong Kong and Macao registrations and society grades; up to 25
/// years in the specialty, two in three with an accredited degree, a few CPD courses over
/// the last six years, nearly all in good standing and attested.
fn engineer(
    rng: &mut Rng,
    specialty: &str,
    catalogue: &Catalogue,
    today: Date,
) -> (Facts, HeldQualification) {
    let framework = match rng.weighted(&[60, 10, 8, 12, 10]) {
        0 => "cn-title",
        1 => "hk-rpe",
        2 => "mo-registration",
        3 => hk_grades(specialty),
        _ => "gdes-grade",
    };
    let levels = &catalogue.frameworks[framework].levels;
    let level = if framework == "cn-title" {
        &levels[rng.weighted(&[10, 25, 35, 22, 8])]
    } else {
        &levels[rng.below(levels.len() as u32) as usize]
    };
    let mut experience = vec![Experience {
        specialty: specialty.to_string(),
        months: rng.below(300),
    }];
    if rng.percent(30) {
        experience.push(Experience {
            specialty: SPECIALTIES[rng.below(4) as usize].to_string(),
            months: rng.below(120),
        });
    }
    let cpd = (0..rng.below(10))
        .map(|_| CpdEntry {
            date: today
                .checked_sub(jiff::Span::new().days(i64::from(rng.below(6 * 365))))
                .unwrap(),
            hours: 5 + rng.below(36),
        })
        .collect();
    let facts = Facts {
        experience,
        accredited_education: rng.percent(65),
        cpd,
        good_standing: rng.percent(97),
    };
    let status = match rng.weighted(&[70, 22, 5, 3]) {
        0 => QualificationStatus::Attested,
        1 => QualificationStatus::Claimed,
        2 => QualificationStatus::Lapsed,
        _ => QualificationStatus::Refused,
    };
    let q = HeldQualification {
        framework: framework.to_string(),
        level: level.id.clone(),
        specialty: specialty.to_string(),
        status,
    };
    (facts, q)
}

/// One evaluation to time: an engineer's qualification at a target society that a rule of
/// the agreement in force in its specialty leads to.
struct Case {
    version: usize,
    target: usize,
    profile: Profile,
    facts: Facts,
    qualification: HeldQualification,
}

struct Evaluations {
    today: Date,
    versions: Vec<CompiledVersion>,
    engineers: Vec<(Facts, HeldQualification)>,
    cases: Vec<Case>,
    /// Rules considered over all cases: what one evaluation looks at.
    rules_considered: u64,
}

fn evaluations(catalogue: &Catalogue) -> Evaluations {
    let data = dataset();
    let versions = compile_in_force(&data.agreements, catalogue).unwrap();
    let mut rng = Rng(20_200_711);
    let engineers: Vec<_> = (0..ENGINEERS)
        .map(|_| {
            let specialty = SPECIALTIES[rng.below(4) as usize];
            engineer(&mut rng, specialty, catalogue, today())
        })
        .collect();
    let mut cases = Vec::new();
    let mut rules_considered = 0;
    for (facts, q) in &engineers {
        for (vi, v) in versions.iter().enumerate() {
            let profile = v.profile(facts, q, today());
            for ti in 0..v.targets().len() {
                if q.specialty == v.specialty() && v.reaches(ti, profile.framework) {
                    let verdict = v.verdict(ti, &profile, RequirementSet::NONE);
                    rules_considered += u64::from(verdict.considered);
                    cases.push(Case {
                        version: vi,
                        target: ti,
                        profile,
                        facts: facts.clone(),
                        qualification: q.clone(),
                    });
                }
            }
        }
    }
    Evaluations {
        today: today(),
        versions,
        engineers,
        cases,
        rules_considered,
    }
}

fn verdicts(e: &Evaluations) -> u32 {
    let mut granted = 0;
    for c in &e.cases {
        let v = &e.versions[c.version];
        granted +=
            black_box(v.verdict(c.target, black_box(&c.profile), RequirementSet::NONE)).level_rank;
    }
    granted
}

fn decisions(e: &Evaluations) -> usize {
    let mut reasons = 0;
    for c in &e.cases {
        let v = &e.versions[c.version];
        let target = &v.targets()[c.target].society;
        let d = evaluate(
            black_box(&c.facts),
            &c.qualification,
            v,
            target,
            e.today,
            RequirementSet::NONE,
        );
        reasons += d.reasons.len();
    }
    reasons
}

fn self_checks(e: &Evaluations) -> usize {
    e.engineers
        .iter()
        .map(|(f, q)| self_check(&e.versions, black_box(f), q, e.today).len())
        .sum()
}

/// A million engineers' building-engineering qualifications (nine in ten in the specialty),
/// and how long resolving their facts into profiles took.
fn population(catalogue: &Catalogue) -> (Population, Duration) {
    let ladders = Ladders::new(catalogue);
    let mut rng = Rng(20_270_701);
    let mut population = Population::new("building");
    population.reserve(POPULATION);
    let mut resolving = Duration::ZERO;
    let today = today();
    for i in 0..POPULATION {
        let specialty = if rng.percent(90) {
            "building"
        } else {
            SPECIALTIES[rng.below(4) as usize]
        };
        let (facts, q) = engineer(&mut rng, specialty, catalogue, today);
        let start = Instant::now();
        population.push(&ladders, format!("E{i:07}"), &facts, &q, today);
        resolving += start.elapsed();
    }
    (population, resolving)
}

fn criterion_benches(
    c: &mut Criterion,
    e: &Evaluations,
    v1: &CompiledVersion,
    v2: &CompiledVersion,
    population: &Population,
) {
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(e.cases.len() as u64));
    group.bench_function("verdict", |b| b.iter(|| verdicts(e)));
    group.bench_function("evaluate_with_trace", |b| b.iter(|| decisions(e)));
    group.throughput(Throughput::Elements(e.engineers.len() as u64));
    group.bench_function("self_check", |b| b.iter(|| self_checks(e)));
    group.finish();

    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    group.throughput(Throughput::Elements(population.len() as u64));
    group.bench_function("building_v2_vs_v1_1M", |b| {
        b.iter(|| impact(v2, Some(v1), black_box(population)).unwrap())
    });
    group.finish();
}

/// Runs `f` repeatedly for at least a second; the time of one run.
fn per_run<T>(mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_secs(1) || runs < 3 {
        black_box(f());
        runs += 1;
    }
    start.elapsed() / runs
}

fn millions_per_second(count: usize, per_run: Duration) -> f64 {
    count as f64 / per_run.as_secs_f64() / 1e6
}

fn print_figures(
    e: &Evaluations,
    v1: &CompiledVersion,
    v2: &CompiledVersion,
    population: &Population,
    resolving: Duration,
) {
    let n = e.cases.len();
    let rules_per_eval = e.rules_considered as f64 / n as f64;
    let fast = per_run(|| verdicts(e));
    let full = per_run(|| decisions(e));
    let checks = per_run(|| self_checks(e));
    let mut impacts: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            black_box(impact(v2, Some(v1), population).unwrap());
            start.elapsed()
        })
        .collect();
    impacts.sort();
    let report = impact(v2, Some(v1), population).unwrap();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    println!();
    println!("Rule engine, measured on one core unless said ({threads} cores here):");
    println!(
        "  {n} evaluations: {ENGINEERS} synthetic engineers × the target societies the \
         4 demo agreements in force lead them to ({rules_per_eval:.1} rules considered each)"
    );
    println!(
        "  fast verdicts (no trace):  {:.1} million evaluations per second ({:.0} ns each), \
         = {:.1} million rule evaluations per second",
        millions_per_second(n, fast),
        fast.as_nanos() as f64 / n as f64,
        millions_per_second(n, fast) * rules_per_eval,
    );
    println!(
        "  decisions with trace:      {:.2} million evaluations per second ({:.0} ns each, \
         from the engineer's facts, reasons and trace included)",
        millions_per_second(n, full),
        full.as_nanos() as f64 / n as f64,
    );
    println!(
        "  self-check:                {:.0} engineers per second (every agreement in force, \
         {:.1} decisions each)",
        ENGINEERS as f64 / checks.as_secs_f64(),
        self_checks(e) as f64 / ENGINEERS as f64,
    );
    println!(
        "  impact analysis:           {:.3} s for {} engineers (building-2020 v2 draft vs v1 in \
         force; median of 7, fastest {:.3} s; {} reached; all cores)",
        impacts[impacts.len() / 2].as_secs_f64(),
        population.len(),
        impacts[0].as_secs_f64(),
        report.reached,
    );
    println!(
        "  (building the 1,000,000 profiles from facts took {:.2} s, once, before the analysis)",
        resolving.as_secs_f64()
    );
    println!("  targets: ≥ 2 million evaluations per second per core; impact over 1 M < 1 s");
}

fn main() {
    let data = dataset();
    let catalogue = data.catalogue();
    let building = agreement(&data, "building-2020");
    let v1 = CompiledVersion::of_agreement(&building, 1, &catalogue).unwrap();
    let v2 = CompiledVersion::of_agreement(&building, 2, &catalogue).unwrap();
    let e = evaluations(&catalogue);
    let (population, resolving) = population(&catalogue);

    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &e, &v1, &v2, &population);
    c.final_summary();

    // `cargo test --benches` runs this once without `--bench`: no figures then.
    if std::env::args().any(|a| a == "--bench") {
        print_figures(&e, &v1, &v2, &population, resolving);
    }
}
