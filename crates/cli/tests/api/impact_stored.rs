//! Impact analysis over the stored engineers (issue 8, item 5): the population read by the
//! store's streaming queries is the one whole profiles give, engineer for engineer and fact
//! for fact, on the demo data and on a few hundred generated engineers whose records lie on
//! every edge the facts have (overlapping posts, open posts, CPD on window boundaries and
//! 29 February, refused and lapsed qualifications, societies outside the agreement), on every
//! database engine.

use crate::helpers::{As, TestApp, apps};
use jiff::{Timestamp, ToSpan};
use sqlx::Connection;
use wanqiao_domain::engine::{
    CompiledVersion, Facts, HeldQualification, Impact, Ladders, Population, Subject, impact,
};
use wanqiao_domain::engineer::{
    Accreditation, CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, IdKind,
    Qualification, QualificationStatus, Standing,
};
use wanqiao_domain::{Agreement, Catalogue, Date, LocalizedText, VersionStatus};
use wanqiao_store::engineers::Particulars;

/// A small deterministic generator (SplitMix64), so a failure replays exactly.
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

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A day within `days` either side of `around`.
    fn day_near(&mut self, around: Date, days: i64) -> Date {
        let offset = self.below(2 * days as u64 + 1) as i64 - days;
        around.checked_add(offset.days()).unwrap()
    }
}

/// Today in the Greater Bay Area, as the server counts it.
fn bay_today() -> Date {
    let bay = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
    bay.to_datetime(Timestamp::now()).date()
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// Adds `n` engineers with random records around the days the analyses are run on,
/// `todays`, many of them on the edges of those days' CPD windows.
async fn add_engineers(app: &TestApp, catalogue: &Catalogue, n: usize, seed: u64, todays: &[Date]) {
    let mut dice = Dice(seed);
    let specialties = ["building", "building", "building", "civil", "computing-it"];
    let societies = [
        Some("gdes"),
        Some("gd-civil-structural"),
        Some("gd-building-services"),
        Some("hk-civil-infra"),
        Some("hk-building-em"),
        Some("mo-construction"),
        Some("gd-info-systems"),
        Some("hk-info-systems"),
        None,
    ];
    let frameworks: Vec<_> = catalogue.frameworks.values().collect();
    let cn_title = catalogue
        .frameworks
        .get("cn-title")
        .expect("the demo ladder");
    let accreditations = Accreditation::ALL;
    let statuses = QualificationStatus::ALL;
    let mut w = app
        .server
        .store
        .write("impact-test", Timestamp::now())
        .await
        .unwrap();
    for i in 0..n {
        let particulars = Particulars {
            names: LocalizedText {
                zh_hans: format!("测试{i}"),
                zh_hant: format!("測試{i}"),
                en: format!("Test {i}"),
                pt: None,
            },
            standing: if dice.chance(10) {
                Standing::UnderDiscipline
            } else {
                Standing::Good
            },
            identity: dice
                .chance(50)
                .then(|| (IdKind::Passport, format!("T{seed}X{i:06}"))),
        };
        let id = w.create_engineer(None, &particulars).await.unwrap();
        for _ in 0..dice.below(3) {
            let entry = EducationEntry {
                id: String::new(),
                degree: "BEng".into(),
                institution: "A university (test)".into(),
                year: 1990 + dice.below(35) as i32,
                accreditation: *dice.pick(accreditations),
            };
            w.add_education(&id, &entry).await.unwrap();
        }
        for _ in 0..dice.below(4) {
            let around = *dice.pick(todays);
            let started_on = dice.day_near(around, 20 * 366);
            let ended_on = dice.chance(60).then(|| dice.day_near(started_on, 10 * 366));
            let entry = ExperienceEntry {
                id: String::new(),
                specialty: dice.pick(&specialties).to_string(),
                started_on,
                ended_on,
                employer: "An employer (test)".into(),
            };
            w.add_experience(&id, &entry).await.unwrap();
        }
        for _ in 0..dice.below(6) {
            // Half of them near a window's edge: the same day and month some years back.
            let around = *dice.pick(todays);
            let completed_on = if dice.chance(50) {
                let years = dice.below(13) as i64 - 1;
                let edge = around.checked_sub(years.years()).unwrap();
                dice.day_near(edge, 2)
            } else {
                dice.day_near(around, 12 * 366)
            };
            let record = CpdRecord {
                id: String::new(),
                hours: 1 + dice.below(80) as u32,
                completed_on,
                activity: "A course (test)".into(),
            };
            w.add_cpd(&id, &record).await.unwrap();
        }
        for _ in 0..1 + dice.below(3) {
            let framework = if dice.chance(60) {
                cn_title
            } else {
                *dice.pick(&frameworks)
            };
            let level = dice.pick(&framework.levels);
            let qualification = Qualification {
                id: String::new(),
                framework: framework.id.clone(),
                level: level.id.clone(),
                specialty: dice.pick(&specialties).to_string(),
                society: dice.pick(&societies).map(str::to_string),
                awarded_on: None,
                certificate_number: format!("T-{i}"),
                status: QualificationStatus::Claimed,
            };
            let q = w.add_qualification(&id, &qualification).await.unwrap();
            let status = *dice.pick(statuses);
            if status != QualificationStatus::Claimed {
                w.set_qualification_status(&id, &q, status).await.unwrap();
            }
        }
    }
    w.commit().await.unwrap();
}

/// Every engineer id, in the byte order the streaming queries read them in.
async fn engineer_ids(app: &TestApp) -> Vec<String> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db.url).await.unwrap();
    let mut ids: Vec<String> = sqlx::query_as::<_, (String,)>("SELECT id FROM engineers")
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .map(|(id,)| id)
        .collect();
    conn.close().await.unwrap();
    ids.sort();
    ids
}

/// Every stored profile, in the byte order of engineer ids the streaming queries read them in.
async fn profiles(app: &TestApp) -> Vec<EngineerProfile> {
    let mut out = Vec::new();
    for id in engineer_ids(app).await {
        out.push(app.server.store.engineer(&id).await.unwrap().unwrap());
    }
    out
}

/// The population as it was built before issue 8: every whole profile of an engineer with a
/// live qualification in the specialty certified by a party, its facts, then its live
/// qualifications in the specialty.
fn by_profiles(
    profiles: &[EngineerProfile],
    agreement: &Agreement,
    today: Date,
    catalogue: &Catalogue,
) -> Population {
    let specialty = &agreement.specialty;
    let mut subjects = Vec::new();
    for profile in profiles {
        let mut held: Vec<_> = profile
            .qualifications
            .iter()
            .filter(|q| &q.specialty == specialty && q.status.is_live())
            .collect();
        let party = |q: &&Qualification| {
            q.society
                .as_ref()
                .is_some_and(|s| agreement.parties.contains(s))
        };
        if !held.iter().any(party) {
            continue;
        }
        held.sort_by(|a, b| a.id.cmp(&b.id));
        let facts = Facts::of_profile(profile, today);
        for q in held {
            subjects.push(Subject {
                engineer: profile.id.clone(),
                facts: facts.clone(),
                qualification: HeldQualification::from(q),
            });
        }
    }
    Population::resolve(&subjects, specialty, today, catalogue)
}

/// The draft version of `agreement` against the one in force, over `population`.
fn analyse(agreement: &Agreement, catalogue: &Catalogue, population: &Population) -> Impact {
    let number = |status| {
        agreement
            .versions
            .iter()
            .find(|v| v.status == status)
            .map(|v| v.number)
    };
    let draft = number(VersionStatus::Draft).expect("a draft");
    let draft = CompiledVersion::of_agreement(agreement, draft, catalogue).unwrap();
    let in_force = number(VersionStatus::InForce)
        .map(|n| CompiledVersion::of_agreement(agreement, n, catalogue).unwrap());
    impact(&draft, in_force.as_ref(), population).unwrap()
}

/// Compares the two paths for `agreement` on `today`; the number of qualifications read.
async fn same_population(
    app: &TestApp,
    profiles: &[EngineerProfile],
    agreement: &Agreement,
    today: Date,
    catalogue: &Catalogue,
) -> usize {
    let expected = by_profiles(profiles, agreement, today, catalogue);
    let ladders = Ladders::new(catalogue);
    let stored = app
        .server
        .store
        .impact_population(&agreement.specialty, &agreement.parties, &ladders, today)
        .await
        .unwrap();
    let what = format!("{app} {} on {today}", agreement.id);
    assert_eq!(stored.specialty(), expected.specialty(), "{what}");
    assert_eq!(stored.len(), expected.len(), "{what}: qualifications read");
    for i in 0..expected.len() {
        assert_eq!(stored.engineer(i), expected.engineer(i), "{what}: #{i}");
        assert_eq!(
            stored.profiles()[i],
            expected.profiles()[i],
            "{what}: the facts of {}",
            expected.engineer(i)
        );
    }
    if agreement
        .versions
        .iter()
        .any(|v| v.status == VersionStatus::Draft)
    {
        assert_eq!(
            analyse(agreement, catalogue, &stored),
            analyse(agreement, catalogue, &expected),
            "{what}"
        );
    }
    expected.len()
}

#[tokio::test]
async fn stored_population_is_the_one_whole_profiles_give() {
    for app in apps(true).await {
        let store = &app.server.store;
        let catalogue = store.catalogue().await.unwrap();
        let mut agreements = Vec::new();
        let ids = [
            "building-2020",
            "civil-2020",
            "computing-it-2020",
            "electrical-intent-2020",
        ];
        for id in ids {
            if let Some(a) = store.agreement(id).await.unwrap() {
                agreements.push(a);
            }
        }
        assert!(
            agreements.iter().any(|a| a.id == "building-2020"),
            "{app}: the demo agreement with a draft"
        );
        let todays = [
            bay_today(),
            day("2028-02-29"),
            day("2027-02-28"),
            day("2026-03-01"),
        ];
        let demo = profiles(&app).await;
        for a in &agreements {
            let read = same_population(&app, &demo, a, todays[0], &catalogue).await;
            if a.id == "building-2020" {
                assert!(read >= 2, "{app}: the demo engineers in building");
            }
        }

        add_engineers(&app, &catalogue, 300, 20_260_510, &todays).await;
        let all = profiles(&app).await;
        let mut read = 0;
        for today in todays {
            for a in &agreements {
                read += same_population(&app, &all, a, today, &catalogue).await;
            }
        }
        assert!(
            read > 400,
            "{app}: the generated engineers were read ({read})"
        );

        // Chunks of every small size: an engineer's qualifications cut by a chunk's end, and
        // chunks too small for one engineer's.
        let building = agreements.iter().find(|a| a.id == "building-2020").unwrap();
        let expected = by_profiles(&all, building, todays[0], &catalogue);
        let ladders = Ladders::new(&catalogue);
        let ids = |p: &Population| {
            (0..p.len())
                .map(|i| p.engineer(i).to_string())
                .collect::<Vec<_>>()
        };
        for chunk in [1, 2, 3, 7, 64] {
            let stored = store
                .impact_population_in_chunks(
                    &building.specialty,
                    &building.parties,
                    &ladders,
                    todays[0],
                    chunk,
                )
                .await
                .unwrap();
            assert_eq!(ids(&stored), ids(&expected), "{app}: chunks of {chunk}");
            assert_eq!(
                stored.profiles(),
                expected.profiles(),
                "{app}: chunks of {chunk}"
            );
        }

        // The API answers from the stored population too.
        let admin = app.login("admin@wanqiao.example").await;
        let before = todays[0];
        let reply = app
            .send(
                "GET",
                "/api/v1/agreements/building-2020/versions/2/impact",
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        let answered: Impact = serde_json::from_str(&reply.body).unwrap();
        let after = bay_today();
        let mut matches = false;
        for today in [before, after] {
            let expected = by_profiles(&all, building, today, &catalogue);
            matches |= answered == analyse(building, &catalogue, &expected);
        }
        assert!(
            matches,
            "{app}: the API's analysis is the whole profiles' one"
        );
        app.stop().await;
    }
}
