//! `wanqiao demo scale`: a large, realistic database for the benchmarks (`bench/pages.sh`).
//!
//! 1. The demo data, when the database is empty.
//! 2. N engineers: a synthetic roster per demo society (`wanqiao demo roster`'s generator),
//!    imported by the roster importer (`wanqiao import roster`'s library), so the engineers,
//!    their qualifications, member numbers and search indexes are exactly what real imports
//!    make.
//! 3. M applications from those engineers to the partner societies of the agreements in
//!    force, in every state, created over the past two years with their histories (every
//!    step a few days after the one before), so the dashboards' months and days per step
//!    have data and the queues have items, some overdue. They are written many rows per
//!    statement ([`wanqiao_store::scale`]), then the dashboards' aggregates are rebuilt.
//! 4. A certificate for every approved application, issued and signed by the ordinary
//!    issuing code, and the holders' consent to the public register for four in five.
//!
//! The same seed gives the same engineers and the same choices; running it again adds M more
//! applications (the roster import finds its members unchanged).

use crate::{CliError, DbArgs, demo, keys, open, roster_demo};
use clap::Args;
use jiff::{SignedDuration, Timestamp};
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::BufWriter;
use std::time::Instant;
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::scale::{Held, Step, SyntheticApplication};
use wanqiao_web::roster::{self, Options};

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// Engineers to import (spread evenly over the demo societies' rosters).
    #[arg(long)]
    pub engineers: u64,
    /// Applications to create from them.
    #[arg(long)]
    pub applications: u64,
    /// The seed: the same seed gives the same engineers and the same choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Applications written per transaction.
const APPLICATION_BATCH: usize = 2_000;
/// Certificates issued (and consents recorded) per transaction.
const CERTIFICATE_BATCH: usize = 250;

/// An agreement in force: its id, the version in force and its parties.
type InForce = (String, u32, Vec<String>);

pub async fn run(db: &DbArgs, args: &ScaleArgs) -> Result<(), CliError> {
    let public_url = std::env::var("WANQIAO_PUBLIC_URL").ok();
    let issuing = keys::issuing(db, true, public_url.as_deref())?;
    let store = open(&db.database_url).await?;
    let started = Instant::now();
    if store.is_empty().await? {
        demo::load(&store, &issuing).await?;
        println!("Loaded the demo data.");
    }
    let mut rng = Rng(args.seed ^ 0x5eed_5ca1e);

    // Engineers, through the roster generator and importer.
    let data = wanqiao_domain::demo::dataset();
    let societies: Vec<String> = data.societies.iter().map(|s| s.id.clone()).collect();
    let per = args.engineers / societies.len() as u64;
    let extra = args.engineers % societies.len() as u64;
    let clock = Instant::now();
    let mut imported = 0;
    for (i, society) in societies.iter().enumerate() {
        let rows = per + u64::from((i as u64) < extra);
        if rows == 0 {
            continue;
        }
        let path = std::env::temp_dir().join(format!(
            "wanqiao-scale-{}-{society}.csv",
            std::process::id()
        ));
        let io = |source| CliError::Io {
            path: path.clone(),
            source,
        };
        {
            let mut generator =
                roster_demo::Generator::new(&data, Some(society), args.seed + i as u64)?;
            let mut out = BufWriter::with_capacity(1 << 20, File::create(&path).map_err(io)?);
            roster_demo::write_roster(&mut out, &mut generator, rows, |_| {}).map_err(io)?;
            std::io::Write::flush(&mut out).map_err(io)?;
        }
        let options = Options {
            society: society.clone(),
            actor: "scale".to_string(),
            sheet: None,
            batch_size: roster::DEFAULT_BATCH_SIZE,
            dry_run: false,
            today: bay_today(),
        };
        let result = roster::import(&store, &path, &options, None::<std::io::Sink>, |_| {}).await;
        let _ = std::fs::remove_file(&path);
        let (summary, _) =
            result.map_err(|e| CliError::Usage(format!("importing {society}: {e}")))?;
        imported += summary.imported;
        eprintln!(
            "  {society}: {} members ({} rows/s)",
            summary.imported,
            summary.rows_per_second() as u64
        );
    }
    let engineer_seconds = clock.elapsed().as_secs_f64();
    println!(
        "Imported {imported} roster members in {engineer_seconds:.1} s; the register holds {} engineers.",
        store.engineer_count().await?
    );

    // Applications, in bulk.
    let clock = Instant::now();
    let agreements = store
        .agreements(&AgreementFilter::default(), Page::ALL)
        .await?
        .items;
    // Per specialty: the agreements in force, with their version and parties.
    let mut in_force: BTreeMap<String, Vec<InForce>> = BTreeMap::new();
    for a in agreements {
        if let Some(v) = a.version_in_force {
            in_force
                .entry(a.specialty.clone())
                .or_default()
                .push((a.id, v, a.parties));
        }
    }
    let specialties: Vec<String> = in_force.keys().cloned().collect();
    let wanted = usize::try_from(args.applications).unwrap_or(usize::MAX);
    let mut chosen: Vec<(Held, String, (String, u32))> = Vec::with_capacity(wanted);
    let mut seen: HashSet<String> = HashSet::new();
    let mut from = format!("{:016x}", rng.next());
    let mut wrapped = false;
    while chosen.len() < wanted {
        let batch = store
            .held_qualifications(&specialties, &from, 20_000)
            .await?;
        let last = batch.last().map(|h| h.qualification.clone());
        for held in batch {
            if chosen.len() >= wanted || !seen.insert(held.engineer.clone()) {
                continue;
            }
            let hosts: Vec<(&str, &InForce)> = in_force[&held.specialty]
                .iter()
                .flat_map(|a| {
                    a.2.iter()
                        .filter(|p| **p != held.society)
                        .map(move |p| (p.as_str(), a))
                })
                .collect();
            if hosts.is_empty() {
                continue;
            }
            let (host, agreement) = hosts[rng.below(hosts.len())];
            chosen.push((held, host.to_string(), (agreement.0.clone(), agreement.1)));
        }
        match last {
            Some(l) => from = format!("{l}\u{1}"),
            None if wrapped => break,
            None => {
                wrapped = true;
                from = String::new();
            }
        }
    }
    let now = Timestamp::now();
    let applications: Vec<SyntheticApplication> = chosen
        .into_iter()
        .map(|(held, host, agreement)| synthesize(&mut rng, now, held, host, agreement))
        .collect();
    for batch in applications.chunks(APPLICATION_BATCH) {
        let mut w = store.write("scale", now).await?;
        w.insert_synthetic_applications(batch).await?;
        w.commit().await?;
    }
    store.rebuild_reports("scale", now).await?;
    let mut by_state: BTreeMap<&str, u64> = BTreeMap::new();
    for a in &applications {
        *by_state.entry(a.state).or_default() += 1;
    }
    println!(
        "Created {} applications in {:.1} s: {}.",
        applications.len(),
        clock.elapsed().as_secs_f64(),
        by_state
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Certificates for the approvals, issued when they were approved, most listed.
    let clock = Instant::now();
    let mut approved: Vec<(&str, &str)> = applications
        .iter()
        .filter(|a| matches!(a.state, "approved" | "conditionally_approved"))
        .map(|a| {
            let at = a.steps.last().map(|s| s.at.as_str()).unwrap_or_default();
            (at, a.id.as_str())
        })
        .collect();
    approved.sort();
    let (mut issued, mut listed) = (0u64, 0u64);
    for batch in approved.chunks(CERTIFICATE_BATCH) {
        let at: Timestamp = batch[batch.len() - 1].0.parse().unwrap_or(now);
        let mut w = store.write("scale", at).await?;
        for (_, application) in batch {
            let id = wanqiao_web::issuing::issue_for_application(&mut w, &issuing, application)
                .await
                .map_err(|e| CliError::Usage(format!("issuing for {application}: {e}")))?;
            issued += 1;
            if rng.below(5) != 0 {
                w.set_public_register(&id, true).await?;
                listed += 1;
            }
        }
        w.commit().await?;
    }
    println!(
        "Issued {issued} certificates in {:.1} s; {listed} are on the public register.",
        clock.elapsed().as_secs_f64()
    );
    println!(
        "Done in {:.1} s: {}.",
        started.elapsed().as_secs_f64(),
        wanqiao_store::redact_url(&db.database_url)
    );
    store.close().await;
    Ok(())
}

/// Where an application stands and how it got there: (state, actions after creation).
const PATHS: [(&str, u32, &[&str]); 11] = [
    (
        "approved",
        40,
        &["submit", "attest", "start_review", "approve"],
    ),
    (
        "conditionally_approved",
        7,
        &[
            "submit",
            "attest",
            "start_review",
            "approve_with_conditions",
        ],
    ),
    (
        "rejected",
        9,
        &["submit", "attest", "start_review", "reject"],
    ),
    (
        "appealed",
        2,
        &["submit", "attest", "start_review", "reject", "appeal"],
    ),
    ("withdrawn", 4, &["submit", "withdraw"]),
    ("attestation_refused", 2, &["submit", "refuse_attestation"]),
    ("draft", 4, &[]),
    ("submitted", 8, &["submit"]),
    ("attested", 6, &["submit", "attest"]),
    ("under_review", 12, &["submit", "attest", "start_review"]),
    (
        "info_requested",
        6,
        &["submit", "attest", "start_review", "request_info"],
    ),
];

/// The state an action leads to.
fn after(action: &str) -> &'static str {
    match action {
        "submit" => "submitted",
        "attest" => "attested",
        "refuse_attestation" => "attestation_refused",
        "start_review" => "under_review",
        "request_info" => "info_requested",
        "approve" => "approved",
        "approve_with_conditions" => "conditionally_approved",
        "reject" => "rejected",
        "appeal" => "appealed",
        _ => "withdrawn",
    }
}

/// Days an action typically comes after the one before: (fewest, most).
fn days(action: &str) -> (i64, i64) {
    match action {
        "submit" => (0, 6),
        "attest" | "refuse_attestation" => (1, 18),
        "start_review" => (1, 12),
        "request_info" => (2, 20),
        "approve" | "approve_with_conditions" | "reject" => (5, 45),
        "appeal" => (3, 25),
        _ => (1, 30),
    }
}

fn synthesize(
    rng: &mut Rng,
    now: Timestamp,
    held: Held,
    host: String,
    agreement: (String, u32),
) -> SyntheticApplication {
    let weights: Vec<u32> = PATHS.iter().map(|p| p.1).collect();
    let (state, _, actions) = PATHS[rng.weighted(&weights)];
    let gaps: Vec<i64> = actions
        .iter()
        .map(|a| {
            let (lo, hi) = days(a);
            lo + rng.below(usize::try_from(hi - lo + 1).unwrap_or(1)) as i64
        })
        .collect();
    let span: i64 = gaps.iter().sum();
    let decided = matches!(
        state,
        "approved" | "conditionally_approved" | "rejected" | "withdrawn" | "attestation_refused"
    );
    // Decided applications spread over two years; those still open are recent.
    let room = if decided { 720 - span } else { 40 };
    let age = span + rng.below(usize::try_from(room.max(1)).unwrap_or(1)) as i64;
    let seconds = rng.below(86_400) as i64;
    let mut at = now - SignedDuration::from_hours(24 * age) - SignedDuration::from_secs(seconds);
    let mut steps = vec![Step {
        at: instant(at),
        actor: format!("scale:{}", held.engineer),
        action: "create",
        from: None,
        to: "draft",
    }];
    let mut from = "draft";
    for (action, gap) in actions.iter().zip(&gaps) {
        at = (at
            + SignedDuration::from_hours(24 * gap)
            + SignedDuration::from_mins(rng.below(600) as i64))
        .min(now);
        let to = after(action);
        let actor = match *action {
            "submit" | "withdraw" | "appeal" => format!("scale:{}", held.engineer),
            "attest" | "refuse_attestation" => format!("scale:attestor:{}", held.society),
            _ => format!("scale:reviewer:{host}"),
        };
        steps.push(Step {
            at: instant(at),
            actor,
            action,
            from: Some(from),
            to,
        });
        from = to;
    }
    let due = |step: &'static str, days: i64| {
        let day = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
            .to_datetime(at + SignedDuration::from_hours(24 * days))
            .date();
        Some((step, day.to_string()))
    };
    let deadline = match state {
        "submitted" => due("attest", 28),
        "attested" | "under_review" => due("decide", 42),
        "info_requested" => due("answer", 28),
        "appealed" => due("appeal", 56),
        _ => None,
    };
    SyntheticApplication {
        id: format!("{:016x}{:016x}", rng.next(), rng.next()),
        held,
        host_society: host,
        agreement: (state != "draft").then_some(agreement),
        state,
        deadline,
        steps,
    }
}

/// A stored instant: fixed-width RFC 3339 in UTC, as the store writes them.
fn instant(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn bay_today() -> wanqiao_domain::Date {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
        .to_datetime(Timestamp::now())
        .date()
}

/// SplitMix64: small, seeded, and good enough to pick synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// An index chosen with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut pick = self.next() % total.max(1);
        for (i, w) in weights.iter().enumerate() {
            if pick < u64::from(*w) {
                return i;
            }
            pick -= u64::from(*w);
        }
        weights.len() - 1
    }
}
