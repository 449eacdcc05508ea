//! The engineers an impact analysis runs over, read from the database straight into a
//! [`Population`] (DESIGN.md §3, issue 8 item 5).
//!
//! Loading whole profiles (names, education, experience, CPD and qualifications, several
//! queries per engineer) is far too slow for a million engineers, and so is reading the few
//! facts the engine needs one row at a time: through sqlx's `Any` driver a row costs one to
//! three microseconds whatever it holds, and a million engineers have millions of rows of
//! qualifications, experience, CPD and degrees. So the facts are read in chunks of engineers,
//! in engineer order, and each query packs its whole chunk into one text value
//! (`string_agg`, which both engines have) that is split here: five one-row queries per
//! chunk of up to [`CHUNK`] qualifications.
//!
//! Per chunk, the live qualifications in the specialty of the next engineers give the range
//! of engineer ids; the experience in the specialty, the CPD records some window can count,
//! the accredited degrees and the engineers not in good standing are then read for that
//! range, four queries at once on their own connections, together with the next chunk's
//! qualifications, in a task of their own while the chunk before is folded into the
//! population. Covering indexes in engineer order (migration 0015) let each query read one
//! index range and nothing else.
//!
//! Chunks are cut by comparing engineer ids byte by byte, so the queries compare and sort
//! them that way: SQLite's default collation already does, PostgreSQL is asked for its "C"
//! collation, which its covering indexes are built with. The chunks are not one snapshot: a
//! write landing during an analysis may be seen by some chunks and not others, which a
//! forecast of a draft's impact can tolerate.

use crate::codec::{self, code};
use crate::{Engine, Result, Store, StoreError};
use jiff::ToSpan;
use wanqiao_domain::engine::{
    CpdEntry, Experience, Facts, HeldQualification, Ladders, MAX_CPD_WINDOW_YEARS, Population,
};
use wanqiao_domain::engineer::{
    Accreditation, EngineerProfile, ExperienceEntry, QualificationStatus, Standing,
};
use wanqiao_domain::{Date, LocalizedText};

/// Qualifications read per chunk: large enough that a million engineers take some fifty
/// chunks, small enough that a chunk's packed text stays a few megabytes.
const CHUNK: usize = 20_000;

/// Separators of the packed values: control characters, which no id, code, date or number
/// the queries pack can hold.
const FIELD: &str = "\u{1f}";
const RECORD: &str = "\u{1e}";

/// One live qualification in the specialty, as packed.
struct Held<'t> {
    engineer: &'t str,
    id: &'t str,
    framework: &'t str,
    level: &'t str,
    status: &'t str,
    society: &'t str,
}

/// What the population is for: the fold's side of an analysis.
struct Scope<'s, 'c> {
    specialty: &'s str,
    parties: &'s [String],
    ladders: &'s Ladders<'c>,
    today: Date,
}

/// The reads of an analysis: owned, so that a chunk's reads run in a task of their own while
/// the chunk before is folded.
#[derive(Clone)]
struct Reads {
    store: Store,
    specialty: String,
    parties: Vec<String>,
    today: String,
    /// CPD records before this day (or after `today`) count in no window.
    cpd_since: String,
    accredited: Vec<&'static str>,
}

/// A chunk of qualifications as read, with the last engineer it holds whole.
struct Chunk {
    text: String,
    last: String,
}

/// The facts of one chunk's engineers, packed.
struct Packed {
    experience: Option<String>,
    cpd: Option<String>,
    accredited: Option<String>,
    not_in_good_standing: Option<String>,
}

/// Buffers reused from one engineer to the next, so the fold allocates little per engineer.
struct Scratch {
    /// Only its experience is filled: [`EngineerProfile::experience_months`] is the one
    /// definition of months of experience (overlapping posts counted once).
    profile: EngineerProfile,
    facts: Facts,
    held: HeldQualification,
}

impl Store {
    /// Every live (claimed or attested) qualification in `specialty` of the engineers holding
    /// one certified by a society among `parties`, with the facts about them as of `today`,
    /// in engineer order: the population an impact analysis of an agreement between
    /// `parties` in `specialty` runs over. Read in packed chunks and folded as they come, so
    /// a million engineers take seconds and little more memory than the population itself.
    pub async fn impact_population(
        &self,
        specialty: &str,
        parties: &[String],
        ladders: &Ladders<'_>,
        today: Date,
    ) -> Result<Population> {
        self.impact_population_in_chunks(specialty, parties, ladders, today, CHUNK)
            .await
    }

    /// The same, read `chunk` qualifications at a time (at least one): for tests of the
    /// chunks' edges and for tuning.
    pub async fn impact_population_in_chunks(
        &self,
        specialty: &str,
        parties: &[String],
        ladders: &Ladders<'_>,
        today: Date,
        chunk: usize,
    ) -> Result<Population> {
        let mut population = Population::new(specialty);
        if parties.is_empty() {
            return Ok(population);
        }
        let scope = Scope {
            specialty,
            parties,
            ladders,
            today,
        };
        let since = today
            .checked_sub(i64::from(MAX_CPD_WINDOW_YEARS).years())
            .unwrap_or(Date::MIN);
        let reads = Reads {
            store: self.clone(),
            specialty: specialty.to_string(),
            parties: parties.to_vec(),
            today: today.to_string(),
            cpd_since: since.to_string(),
            accredited: Accreditation::ALL
                .iter()
                .filter(|a| a.is_accredited())
                .map(|a| a.code())
                .collect(),
        };
        let mut scratch = Scratch::new(specialty);
        let mut after = String::new();
        let mut limit = i64::try_from(chunk.max(1)).unwrap_or(i64::MAX);
        let mut next = reads.qualifications_after(&after, limit).await?;
        // The chunk read last, folded while the next one is read.
        let mut ready: Option<(Chunk, Packed)> = None;
        while let Some(text) = next.take() {
            let held = parse_held(&text)?;
            let full = held.len() as i64 >= limit;
            // When the chunk is full, the last engineer's qualifications may go on in the
            // next one: they are all read again with it.
            let whole = if full {
                let last = held[held.len() - 1].engineer;
                held.iter().rev().find(|h| h.engineer != last)
            } else {
                held.last()
            };
            let Some(whole) = whole else {
                // One engineer fills a whole chunk: read more at once.
                limit = limit.saturating_mul(2);
                next = reads.qualifications_after(&after, limit).await?;
                continue;
            };
            let (first, last) = (held[0].engineer.to_string(), whole.engineer.to_string());
            drop(held);
            let job = tokio::spawn({
                let reads = reads.clone();
                let last = last.clone();
                async move {
                    let following = async {
                        if full {
                            reads.qualifications_after(&last, limit).await
                        } else {
                            Ok(None)
                        }
                    };
                    tokio::try_join!(reads.facts_of(&first, &last), following)
                }
            });
            if let Some((chunk, packed)) = ready.take() {
                fold(&scope, &chunk, &packed, &mut scratch, &mut population)?;
            }
            let (packed, following) = match job.await {
                Ok(read) => read?,
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            };
            last.clone_into(&mut after);
            ready = Some((Chunk { text, last }, packed));
            next = following;
        }
        if let Some((chunk, packed)) = ready {
            fold(&scope, &chunk, &packed, &mut scratch, &mut population)?;
        }
        Ok(population)
    }

    /// `column` compared and sorted byte by byte (see the module's comment), the order the
    /// covering indexes of migration 0015 keep.
    fn by_bytes(&self, column: &str) -> String {
        match self.engine() {
            Engine::Sqlite => column.to_string(),
            Engine::Postgres => format!("{column} COLLATE \"C\""),
        }
    }
}

impl Reads {
    /// Up to `limit` live qualifications in the specialty of engineers after `after`, packed.
    async fn qualifications_after(&self, after: &str, limit: i64) -> Result<Option<String>> {
        let store = &self.store;
        let (packed,): (Option<String>,) = sqlx::query_as(sql!(
            "SELECT string_agg(engineer_id || $5 || id || $5 || framework_id || $5 || level_id
                               || $5 || status || $5 || COALESCE(society_id, ''), $6)
             FROM (SELECT engineer_id, id, framework_id, level_id, status, society_id
                   FROM qualifications
                   WHERE specialty_id = $1 AND status IN ($2, $3) AND {} > $4
                   ORDER BY {}, {} LIMIT $7) chunk",
            store.by_bytes("engineer_id"),
            store.by_bytes("engineer_id"),
            store.by_bytes("id"),
        ))
        .bind(&self.specialty)
        .bind(QualificationStatus::Claimed.code())
        .bind(QualificationStatus::Attested.code())
        .bind(after)
        .bind(FIELD)
        .bind(RECORD)
        .bind(limit)
        .fetch_one(&store.pool)
        .await?;
        Ok(packed)
    }

    /// The facts of the population's engineers from `first` to `last`, four queries at once.
    async fn facts_of(&self, first: &str, last: &str) -> Result<Packed> {
        let experience = self.packed(
            "engineer_experience",
            "engineer_id || {f} || started_on || {f} || COALESCE(ended_on, '')",
            |_| "AND specialty_id = $3".to_string(),
            &[],
            (first, last),
        );
        let cpd_window = [self.cpd_since.as_str(), self.today.as_str()];
        let cpd = self.packed(
            "engineer_cpd",
            "engineer_id || {f} || completed_on || {f} || CAST(hours AS TEXT)",
            |x| format!("AND completed_on >= ${x} AND completed_on <= ${}", x + 1),
            &cpd_window,
            (first, last),
        );
        let accredited = self.packed(
            "engineer_education",
            "engineer_id",
            |x| {
                format!(
                    "AND accreditation IN ({})",
                    codec::placeholders(x, self.accredited.len())
                )
            },
            &self.accredited,
            (first, last),
        );
        // Few engineers are not in good standing, and the partial index of migration 0015
        // holds only them (its condition is this query's literal): its range is read whole.
        let store = &self.store;
        let id = store.by_bytes("id");
        let not_in_good_standing = async {
            let (packed,): (Option<String>,) = sqlx::query_as(sql!(
                "SELECT string_agg(id, $3) FROM engineers
                 WHERE standing <> 'good' AND {id} >= $1 AND {id} <= $2"
            ))
            .bind(first)
            .bind(last)
            .bind(RECORD)
            .fetch_one(&store.pool)
            .await?;
            Ok(packed)
        };
        let (experience, cpd, accredited, not_in_good_standing) =
            tokio::try_join!(experience, cpd, accredited, not_in_good_standing)?;
        Ok(Packed {
            experience,
            cpd,
            accredited,
            not_in_good_standing,
        })
    }

    /// `pack` (columns of `table` joined by `{f}`, the field separator) for each row of
    /// `table` of an engineer of the population from `first` to `last` meeting `extra`,
    /// packed into one value. The engineers are those the population takes (a live
    /// qualification in the specialty certified by a party), so a specialty held by few of
    /// the stored engineers reads few rows. `extra` is given the number of its first
    /// parameter; `extras` are its values.
    async fn packed(
        &self,
        table: &str,
        pack: &str,
        extra: impl Fn(usize) -> String,
        extras: &[&str],
        (first, last): (&str, &str),
    ) -> Result<Option<String>> {
        let store = &self.store;
        let e = store.by_bytes("engineer_id");
        let parties = self.parties.len();
        let field = 6 + parties;
        let sql = sql!(
            "SELECT string_agg({}, ${}) FROM {table}
             WHERE {e} >= $1 AND {e} <= $2
               AND {e} IN (SELECT {e} FROM qualifications
                           WHERE specialty_id = $3 AND status IN ($4, $5)
                             AND society_id IN ({}) AND {e} >= $1 AND {e} <= $2)
               {}",
            pack.replace("{f}", &format!("${field}")),
            field + 1,
            codec::placeholders(6, parties),
            extra(field + 2),
        );
        let mut q = sqlx::query_as::<_, (Option<String>,)>(sql)
            .bind(first)
            .bind(last)
            .bind(&self.specialty)
            .bind(QualificationStatus::Claimed.code())
            .bind(QualificationStatus::Attested.code());
        for party in &self.parties {
            q = q.bind(party);
        }
        q = q.bind(FIELD).bind(RECORD);
        for value in extras {
            q = q.bind(*value);
        }
        Ok(q.fetch_one(&store.pool).await?.0)
    }
}

/// The records of a packed value.
fn records(packed: &Option<String>) -> impl Iterator<Item = &str> {
    packed
        .as_deref()
        .unwrap_or_default()
        .split(RECORD)
        .filter(|r| !r.is_empty())
}

/// The `N` fields of a packed record.
fn fields<'t, const N: usize>(record: &'t str, table: &str) -> Result<[&'t str; N]> {
    let mut parts = record.split(FIELD);
    let mut out = [""; N];
    for slot in &mut out {
        *slot = parts.next().ok_or_else(|| {
            StoreError::Corrupt(format!(
                "{table}: a row of the impact analysis lacks a field"
            ))
        })?;
    }
    if parts.next().is_some() {
        return Err(StoreError::Corrupt(format!(
            "{table}: a row of the impact analysis holds a separator"
        )));
    }
    Ok(out)
}

/// A chunk's qualifications, sorted by engineer, then id.
fn parse_held(text: &str) -> Result<Vec<Held<'_>>> {
    let mut held = text
        .split(RECORD)
        .filter(|r| !r.is_empty())
        .map(|r| {
            let [engineer, id, framework, level, status, society] = fields(r, "qualifications")?;
            Ok(Held {
                engineer,
                id,
                framework,
                level,
                status,
                society,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    held.sort_unstable_by(|a, b| (a.engineer, a.id).cmp(&(b.engineer, b.id)));
    Ok(held)
}

/// A packed fact's records with their engineer, sorted by engineer.
fn by_engineer<'t, const N: usize>(
    packed: &'t Option<String>,
    table: &str,
) -> Result<Vec<[&'t str; N]>> {
    let mut rows = records(packed)
        .map(|r| fields::<N>(r, table))
        .collect::<Result<Vec<_>>>()?;
    rows.sort_by(|a, b| a[0].cmp(b[0]));
    Ok(rows)
}

/// Passes over the rows of `rows` (sorted by engineer, from `*at`) of engineers before
/// `engineer` and returns those of `engineer`.
fn rows_of<'r, const N: usize>(
    rows: &'r [[&str; N]],
    at: &mut usize,
    engineer: &str,
) -> &'r [[&'r str; N]] {
    while *at < rows.len() && rows[*at][0] < engineer {
        *at += 1;
    }
    let start = *at;
    while *at < rows.len() && rows[*at][0] == engineer {
        *at += 1;
    }
    &rows[start..*at]
}

impl Scratch {
    fn new(specialty: &str) -> Self {
        Scratch {
            profile: EngineerProfile {
                id: String::new(),
                user_id: None,
                names: LocalizedText::default(),
                identity: None,
                standing: Standing::Good,
                education: Vec::new(),
                experience: Vec::new(),
                cpd: Vec::new(),
                qualifications: Vec::new(),
            },
            facts: Facts {
                experience: vec![Experience {
                    specialty: specialty.to_string(),
                    months: 0,
                }],
                accredited_education: false,
                cpd: Vec::new(),
                good_standing: true,
            },
            held: HeldQualification {
                framework: String::new(),
                level: String::new(),
                specialty: specialty.to_string(),
                status: QualificationStatus::Claimed,
            },
        }
    }
}

/// Adds a chunk's qualifications to `population`: those of each engineer holding one
/// certified by a party, with the engineer's facts.
fn fold(
    scope: &Scope<'_, '_>,
    chunk: &Chunk,
    packed: &Packed,
    scratch: &mut Scratch,
    population: &mut Population,
) -> Result<()> {
    let experience = by_engineer::<3>(&packed.experience, "engineer_experience")?;
    let cpd = by_engineer::<3>(&packed.cpd, "engineer_cpd")?;
    let accredited = by_engineer::<1>(&packed.accredited, "engineer_education")?;
    let not_good = by_engineer::<1>(&packed.not_in_good_standing, "engineers")?;
    let (mut at_experience, mut at_cpd, mut at_accredited, mut at_not_good) = (0, 0, 0, 0);
    let mut held = parse_held(&chunk.text)?;
    held.retain(|h| h.engineer <= chunk.last.as_str());
    for group in held.chunk_by(|a, b| a.engineer == b.engineer) {
        let party = |h: &Held<'_>| scope.parties.iter().any(|p| p == h.society);
        if !group.iter().any(party) {
            continue;
        }
        let engineer = group[0].engineer;
        let entries = &mut scratch.profile.experience;
        entries.clear();
        for [_, started_on, ended_on] in rows_of(&experience, &mut at_experience, engineer) {
            entries.push(ExperienceEntry {
                id: String::new(),
                specialty: scope.specialty.to_string(),
                started_on: codec::read_day("engineer_experience.started_on", started_on)?,
                ended_on: codec::read_opt_day(
                    "engineer_experience.ended_on",
                    Some(*ended_on).filter(|d| !d.is_empty()),
                )?,
                employer: String::new(),
            });
        }
        let months = scratch
            .profile
            .experience_months(scope.specialty, scope.today);
        let facts = &mut scratch.facts;
        facts.cpd.clear();
        for [_, completed_on, hours] in rows_of(&cpd, &mut at_cpd, engineer) {
            let hours: i64 = hours.parse().map_err(|_| {
                StoreError::Corrupt(format!("engineer_cpd.hours: `{hours}` is not a number"))
            })?;
            facts.cpd.push(CpdEntry {
                date: codec::read_day("engineer_cpd.completed_on", completed_on)?,
                hours: u32::try_from(hours).unwrap_or_default(),
            });
        }
        facts.experience[0].months = months;
        facts.accredited_education = !rows_of(&accredited, &mut at_accredited, engineer).is_empty();
        facts.good_standing = rows_of(&not_good, &mut at_not_good, engineer).is_empty();
        for h in group {
            let held = &mut scratch.held;
            h.framework.clone_into(&mut held.framework);
            h.level.clone_into(&mut held.level);
            held.status = code(
                "qualifications.status",
                h.status,
                QualificationStatus::parse,
            )?;
            population.push(
                scope.ladders,
                engineer.to_string(),
                &scratch.facts,
                held,
                scope.today,
            );
        }
    }
    Ok(())
}
