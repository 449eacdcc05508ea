//! Benchmark of impact analysis over the engineers stored in a database (issue 8: "impact
//! analysis at 1 M stored engineers", target < 2 s).
//!
//! ```text
//! cargo run --release -p wanqiao --example impact_stored -- DATABASE_URL \
//!     [--agreement ID] [--runs N] [--fill N]
//! ```
//!
//! Against the database at DATABASE_URL (filled beforehand, e.g. by `wanqiao demo scale
//! --engineers 1000000 --applications 0`; `bench/impact.sh` does both), analyses the draft
//! version of agreement ID (default `building-2020`) against its version in force, as the
//! impact page does: the population read from the database by the store's streaming queries,
//! then the rule engine over it. It prints the engineers stored and read, and for each of N
//! runs (default 3) the seconds taken to read and to analyse and the engineers read per
//! second. When the agreement has no draft version, one is added (a copy of the version in
//! force), in that database only.
//!
//! `--fill N` first adds N synthetic engineers, every one holding a live qualification in the
//! agreement's specialty certified by one of its parties (the worst case: all of them are
//! read), with a quick bulk insert of its own rather than the roster importer. An empty
//! database gets the demo data first.

use jiff::{Timestamp, ToSpan};
use sqlx::{Any, AnyConnection, Connection, QueryBuilder};
use std::collections::BTreeSet;
use std::time::Instant;
use wanqiao_domain::engine::{CompiledVersion, Ladders, impact};
use wanqiao_domain::{Agreement, AgreementVersion, Catalogue, Date, VersionStatus};
use wanqiao_store::Store;

struct Options {
    url: String,
    agreement: String,
    runs: u32,
    fill: u64,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        url: String::new(),
        agreement: "building-2020".into(),
        runs: 3,
        fill: 0,
    };
    let usage = "usage: impact_stored DATABASE_URL [--agreement ID] [--runs N] [--fill N]";
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value; {usage}"))
        };
        match arg.as_str() {
            "--agreement" => options.agreement = value("--agreement"),
            "--runs" => options.runs = value("--runs").parse().expect("--runs N"),
            "--fill" => options.fill = value("--fill").parse().expect("--fill N"),
            url if !url.starts_with("--") && options.url.is_empty() => options.url = url.into(),
            other => panic!("unknown argument `{other}`; {usage}"),
        }
    }
    assert!(!options.url.is_empty(), "{usage}");
    options
}

/// Today in the Greater Bay Area, as the server counts it.
fn bay_today() -> Date {
    let bay = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
    bay.to_datetime(Timestamp::now()).date()
}

#[tokio::main]
async fn main() {
    let options = options();
    let url = &options.url;
    let redacted = wanqiao_store::redact_url(url);
    let store = Store::connect(url).await.expect("the database opens");
    // Brings the schema up to date, the impact indexes included, before anything is timed.
    store
        .migrate()
        .await
        .expect("the schema is brought up to date");
    if store.is_empty().await.expect("the register") {
        let cli = <wanqiao::Cli as clap::Parser>::parse_from([
            "wanqiao",
            "demo",
            "--database-url",
            url.as_str(),
        ]);
        wanqiao::run(cli).await.expect("the demo data loads");
    }
    let mut agreement = store
        .agreement(&options.agreement)
        .await
        .expect("the agreements")
        .unwrap_or_else(|| panic!("no agreement `{}` in {redacted}", options.agreement));
    let catalogue = store.catalogue().await.expect("the register");
    if options.fill > 0 {
        fill(url, &agreement, &catalogue, options.fill).await;
    }
    if !agreement
        .versions
        .iter()
        .any(|v| v.status == VersionStatus::Draft)
    {
        agreement = add_draft(&store, agreement).await;
    }

    let number = |status| {
        agreement
            .versions
            .iter()
            .find(|v| v.status == status)
            .map(|v| v.number)
    };
    let draft_number = number(VersionStatus::Draft).expect("a draft version");
    let draft = CompiledVersion::of_agreement(&agreement, draft_number, &catalogue)
        .expect("the draft compiles");
    let in_force_number = number(VersionStatus::InForce);
    let in_force = in_force_number.map(|n| {
        CompiledVersion::of_agreement(&agreement, n, &catalogue).expect("the version in force")
    });
    let ladders = Ladders::new(&catalogue);
    let stored = count(url, "SELECT COUNT(*) FROM engineers").await;
    println!(
        "impact_stored: {} v{draft_number} against {} over {redacted} ({} engineers stored), {} cores",
        agreement.id,
        in_force_number.map_or("nothing".into(), |n| format!("v{n}")),
        thousands(stored),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    let mut best = f64::MAX;
    for run in 1..=options.runs {
        let today = bay_today();
        let started = Instant::now();
        let population = store
            .impact_population(&agreement.specialty, &agreement.parties, &ladders, today)
            .await
            .expect("the population is read");
        let read = started.elapsed().as_secs_f64();
        let report = impact(&draft, in_force.as_ref(), &population).expect("the analysis");
        let total = started.elapsed().as_secs_f64();
        let mut engineers = 0u64;
        for i in 0..population.len() {
            engineers += u64::from(i == 0 || population.engineer(i) != population.engineer(i - 1));
        }
        best = best.min(total);
        println!(
            "run {run}: {} engineers read ({} qualifications, {} reached) in {total:.3} s (reading {read:.3} s, analysing {:.3} s): {} engineers/s",
            thousands(engineers),
            thousands(population.len() as u64),
            thousands(report.reached),
            total - read,
            thousands((engineers as f64 / total) as u64),
        );
    }
    println!("best: {best:.3} s");
    store.close().await;
}

async fn count(url: &str, sql: &'static str) -> u64 {
    let mut conn = AnyConnection::connect(url).await.expect("a connection");
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(&mut conn)
        .await
        .expect("a count");
    u64::try_from(n).unwrap_or(0)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Adds a draft version: the version in force (or the latest) copied, numbered next.
async fn add_draft(store: &Store, mut agreement: Agreement) -> Agreement {
    let base = agreement
        .versions
        .iter()
        .find(|v| v.status == VersionStatus::InForce)
        .or(agreement.versions.last())
        .expect("the agreement has a version")
        .clone();
    let next = agreement
        .versions
        .iter()
        .map(|v| v.number)
        .max()
        .unwrap_or(0)
        + 1;
    agreement.versions.push(AgreementVersion {
        number: next,
        status: VersionStatus::Draft,
        effective_from: None,
        notes: Some("Added by the impact_stored benchmark".into()),
        ..base
    });
    let mut w = store
        .write("impact_stored", Timestamp::now())
        .await
        .expect("a write");
    w.save_agreement(&agreement, "agreement.update")
        .await
        .expect("the draft is added");
    w.commit().await.expect("the draft is committed");
    println!("added draft version {next} to {}", agreement.id);
    agreement
}

/// A small generator (SplitMix64), seeded afresh each time so that a second fill adds
/// engineers rather than colliding with the first.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An id like the platform's: 32 hexadecimal digits, in no particular order.
    fn id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }

    /// A day up to `days` before `before`.
    fn day_before(&mut self, before: Date, days: u64) -> String {
        let back = i64::try_from(self.below(days)).unwrap_or(0);
        before.checked_sub(back.days()).unwrap().to_string()
    }
}

/// Engineers written per transaction, and rows per statement.
const FILL_BATCH: u64 = 10_000;
const ROWS_PER_STATEMENT: usize = 500;

/// Adds `n` engineers in the agreement's specialty, each with a qualification certified by
/// one of its parties on a ladder its rules name, one or two posts, some CPD and a degree.
async fn fill(url: &str, agreement: &Agreement, catalogue: &Catalogue, n: u64) {
    let mut conn = AnyConnection::connect(url).await.expect("a connection");
    // The rungs of the ladders the agreement's rules start from.
    let named: BTreeSet<&str> = agreement
        .versions
        .iter()
        .flat_map(|v| v.rules.iter().map(|r| r.from.framework.as_str()))
        .collect();
    let frameworks: Vec<(String, String)> = catalogue
        .frameworks
        .values()
        .filter(|f| named.contains(f.id.as_str()))
        .flat_map(|f| f.levels.iter().map(|l| (f.id.clone(), l.id.clone())))
        .collect();
    assert!(
        !frameworks.is_empty(),
        "the agreement's rules name no ladder"
    );
    let today = bay_today();
    let now = wanqiao_store::secret::new_id();
    let mut dice = Dice(u64::from_str_radix(&now[..15], 16).unwrap_or(1));
    let started = Instant::now();
    let mut done = 0;
    while done < n {
        let batch = FILL_BATCH.min(n - done);
        let mut engineers = Vec::new();
        let mut qualifications = Vec::new();
        let mut experience = Vec::new();
        let mut cpd = Vec::new();
        let mut education = Vec::new();
        for i in 0..batch {
            let id = dice.id();
            let standing = if dice.below(50) == 0 {
                "under-discipline"
            } else {
                "good"
            };
            engineers.push((id.clone(), format!("Engineer {}", done + i), standing));
            let (framework, level) = &frameworks[dice.below(frameworks.len() as u64) as usize];
            let society = &agreement.parties[dice.below(agreement.parties.len() as u64) as usize];
            let status = if dice.below(10) == 0 {
                "claimed"
            } else {
                "attested"
            };
            qualifications.push((
                dice.id(),
                id.clone(),
                framework.clone(),
                level.clone(),
                society.clone(),
                status,
            ));
            for _ in 0..1 + dice.below(2) {
                let started_on = dice.day_before(today, 30 * 365);
                let ended_on = (dice.below(2) == 0).then(|| dice.day_before(today, 5 * 365));
                experience.push((dice.id(), id.clone(), started_on, ended_on));
            }
            for _ in 0..dice.below(5) {
                let hours = 1 + i64::try_from(dice.below(60)).unwrap_or(0);
                cpd.push((
                    dice.id(),
                    id.clone(),
                    hours,
                    dice.day_before(today, 12 * 365),
                ));
            }
            let accreditation =
                ["washington-accord", "listed-equivalent", "none"][dice.below(3) as usize];
            education.push((dice.id(), id, accreditation));
        }
        let mut tx = conn.begin().await.expect("a transaction");
        let at = "2026-01-01T00:00:00.000Z";
        for rows in engineers.chunks(ROWS_PER_STATEMENT) {
            let mut q = QueryBuilder::<Any>::new(
                "INSERT INTO engineers (id, name_zh_hans, name_zh_hant, name_en, standing, created_at, updated_at) ",
            );
            q.push_values(rows, |mut b, (id, name, standing)| {
                b.push_bind(id)
                    .push_bind(name)
                    .push_bind(name)
                    .push_bind(name)
                    .push_bind(*standing)
                    .push_bind(at)
                    .push_bind(at);
            });
            q.build().execute(&mut *tx).await.expect("engineers");
        }
        for rows in qualifications.chunks(ROWS_PER_STATEMENT) {
            let mut q = QueryBuilder::<Any>::new(
                "INSERT INTO qualifications (id, engineer_id, framework_id, level_id, specialty_id, society_id, certificate_number, status) ",
            );
            q.push_values(
                rows,
                |mut b, (id, engineer, framework, level, society, status)| {
                    b.push_bind(id)
                        .push_bind(engineer)
                        .push_bind(framework)
                        .push_bind(level)
                        .push_bind(&agreement.specialty)
                        .push_bind(society)
                        .push_bind(id)
                        .push_bind(*status);
                },
            );
            q.build().execute(&mut *tx).await.expect("qualifications");
        }
        for rows in experience.chunks(ROWS_PER_STATEMENT) {
            let mut q = QueryBuilder::<Any>::new(
                "INSERT INTO engineer_experience (id, engineer_id, specialty_id, started_on, ended_on, employer) ",
            );
            q.push_values(rows, |mut b, (id, engineer, started_on, ended_on)| {
                b.push_bind(id)
                    .push_bind(engineer)
                    .push_bind(&agreement.specialty)
                    .push_bind(started_on)
                    .push_bind(ended_on)
                    .push_bind("An employer (benchmark)");
            });
            q.build().execute(&mut *tx).await.expect("experience");
        }
        for rows in cpd.chunks(ROWS_PER_STATEMENT) {
            let mut q = QueryBuilder::<Any>::new(
                "INSERT INTO engineer_cpd (id, engineer_id, hours, completed_on, activity) ",
            );
            q.push_values(rows, |mut b, (id, engineer, hours, on)| {
                b.push_bind(id)
                    .push_bind(engineer)
                    .push_bind(*hours)
                    .push_bind(on)
                    .push_bind("A course (benchmark)");
            });
            q.build().execute(&mut *tx).await.expect("CPD");
        }
        for rows in education.chunks(ROWS_PER_STATEMENT) {
            let mut q = QueryBuilder::<Any>::new(
                "INSERT INTO engineer_education (id, engineer_id, degree, institution, year, accreditation) ",
            );
            q.push_values(rows, |mut b, (id, engineer, accreditation)| {
                b.push_bind(id)
                    .push_bind(engineer)
                    .push_bind("BEng")
                    .push_bind("A university (benchmark)")
                    .push_bind(2010i64)
                    .push_bind(*accreditation);
            });
            q.build().execute(&mut *tx).await.expect("education");
        }
        tx.commit().await.expect("the batch commits");
        done += batch;
        eprint!("\rfilled {} of {} engineers", thousands(done), thousands(n));
    }
    eprintln!(" in {:.1} s", started.elapsed().as_secs_f64());
    conn.close().await.expect("the connection closes");
}
