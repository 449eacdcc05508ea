//! Audited writes of the register: every write happens, appends exactly one audit event and
//! keeps the chain intact; every refusal leaves the register and the audit log as they were.
//!
//! Runs on SQLite always, and on PostgreSQL too when WANQIAO_TEST_POSTGRES_URL is set (then
//! it must be reachable: a run that asked for PostgreSQL never skips it silently).

use jiff::Timestamp;
use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use wanqiao_domain::dataset::Dataset;
use wanqiao_domain::{
    Agreement, AgreementKind, AgreementStatus, AgreementVersion, Catalogue, Date, Framework, Level,
    LocalizedText, RecognitionRule, RuleSource, RuleTarget, Society, Specialty, SpecialtyStatus,
    Step, VersionStatus,
};
use wanqiao_store::audit::ChainReport;
use wanqiao_store::{Page, Store, StoreError, Write};

fn postgres_base() -> Option<String> {
    std::env::var("WANQIAO_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "wanqiao_store_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh database holding the demo register, removed by [`TestDb::drop_db`].
struct TestDb {
    engine: &'static str,
    store: Store,
    file: Option<PathBuf>,
    pg_name: Option<String>,
}

impl TestDb {
    async fn sqlite() -> TestDb {
        let file = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let store = Store::connect(&format!("sqlite://{}", file.display()))
            .await
            .expect("open a SQLite file");
        TestDb::ready("SQLite", store, Some(file), None).await
    }

    async fn postgres(base: &str) -> TestDb {
        let name = unique_name();
        let mut admin = PgConnection::connect(base).await.unwrap_or_else(|e| {
            panic!(
                "WANQIAO_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached at {base}: {e}"
            )
        });
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create a test database");
        let (prefix, _) = base.rsplit_once('/').expect("the URL names a database");
        let store = Store::connect(&format!("{prefix}/{name}"))
            .await
            .expect("open the test database");
        TestDb::ready("PostgreSQL", store, None, Some(name)).await
    }

    async fn ready(
        engine: &'static str,
        store: Store,
        file: Option<PathBuf>,
        pg_name: Option<String>,
    ) -> TestDb {
        store.migrate().await.expect("migrate");
        let data =
            Dataset::from_files(wanqiao_domain::demo::FILES).expect("the demo data set loads");
        store.load_dataset(&data).await.expect("load the demo data");
        TestDb {
            engine,
            store,
            file,
            pg_name,
        }
    }

    async fn drop_db(self) {
        self.store.close().await;
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
        if let (Some(name), Some(base)) = (&self.pg_name, postgres_base())
            && let Ok(mut admin) = PgConnection::connect(&base).await
        {
            let _ = admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
        }
    }
}

/// One fresh demo database per engine this run covers.
async fn databases() -> Vec<TestDb> {
    let mut out = vec![TestDb::sqlite().await];
    if let Some(base) = postgres_base() {
        out.push(TestDb::postgres(&base).await);
    }
    out
}

/// Everything a refused write must leave as it was: the register as readers show it and
/// the audit log.
async fn snapshot(store: &Store) -> String {
    let societies = store
        .societies(&Default::default(), Page::ALL)
        .await
        .unwrap();
    let specialties = store.specialties(Page::ALL).await.unwrap();
    let frameworks = store.frameworks(Page::ALL).await.unwrap();
    let summaries = store
        .agreements(&Default::default(), Page::ALL)
        .await
        .unwrap();
    let mut agreements = Vec::new();
    for s in &summaries.items {
        agreements.push(store.agreement(&s.id).await.unwrap());
    }
    let audit = store
        .audit_events(&Default::default(), Page::ALL)
        .await
        .unwrap();
    format!(
        "{:?}\n{:?}\n{:?}\n{agreements:?}\n{:?}",
        societies.items, specialties.items, frameworks.items, audit.items
    )
}

/// Runs a write that must succeed, commits it, and checks that it appended exactly one
/// event, `action` on `subject`, and that the chain is intact. Gives the event's detail.
async fn done(
    db: &TestDb,
    action: &str,
    subject: &str,
    write: impl AsyncFnOnce(&mut Write) -> Result<(), StoreError>,
) -> Value {
    let store = &db.store;
    let before = store
        .audit_events(&Default::default(), Page::default())
        .await
        .unwrap()
        .total;
    let mut w = store.write("admin-1", Timestamp::now()).await.unwrap();
    write(&mut w)
        .await
        .unwrap_or_else(|e| panic!("[{}] {action} {subject}: {e}", db.engine));
    w.commit().await.unwrap();
    let events = store
        .audit_events(&Default::default(), Page::default())
        .await
        .unwrap();
    assert_eq!(
        events.total,
        before + 1,
        "[{}] {action}: one event",
        db.engine
    );
    let event = &events.items[0];
    assert_eq!(
        (
            event.action.as_str(),
            event.subject.as_str(),
            event.actor.as_str()
        ),
        (action, subject, "admin-1"),
        "[{}]",
        db.engine
    );
    assert_eq!(
        store.verify_audit(|_, _| {}).await.unwrap(),
        ChainReport::Intact { events: before + 1 },
        "[{}] {action}",
        db.engine
    );
    serde_json::from_str(&event.detail).unwrap()
}

/// Runs a write that must be refused and checks that it changed nothing.
async fn refused(
    db: &TestDb,
    write: impl AsyncFnOnce(&mut Write) -> Result<(), StoreError>,
) -> StoreError {
    let before = snapshot(&db.store).await;
    let mut w = db.store.write("admin-1", Timestamp::now()).await.unwrap();
    let err = match write(&mut w).await {
        Ok(()) => panic!("[{}] the write was not refused", db.engine),
        Err(e) => e,
    };
    drop(w);
    assert_eq!(
        snapshot(&db.store).await,
        before,
        "[{}] the refused write ({err}) changed something",
        db.engine
    );
    err
}

fn conflict(db: &TestDb, err: StoreError, needles: &[&str]) {
    match &err {
        StoreError::Conflict(message) => {
            for needle in needles {
                assert!(
                    message.contains(needle),
                    "[{}] `{needle}` not in: {message}",
                    db.engine
                );
            }
        }
        other => panic!("[{}] expected a conflict, got {other:?}", db.engine),
    }
}

fn not_found(db: &TestDb, err: StoreError, what: &str) {
    match &err {
        StoreError::NotFound(name) => assert_eq!(name, what, "[{}]", db.engine),
        other => panic!("[{}] expected {what} not found, got {other:?}", db.engine),
    }
}

fn text(en: &str) -> LocalizedText {
    LocalizedText {
        zh_hans: format!("{en}（简）"),
        zh_hant: format!("{en}（繁）"),
        en: en.to_string(),
        pt: None,
    }
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[tokio::test]
async fn societies_are_created_updated_and_retired() {
    for db in databases().await {
        societies(&db).await;
        db.drop_db().await;
    }
}

async fn societies(db: &TestDb) {
    let store = &db.store;
    let mut s = store.society("gd-quality-eng").await.unwrap().unwrap();
    s.id = "mo-sample-civil".into();
    s.names = text("Sample Civil Society of Macao");
    s.jurisdiction = wanqiao_domain::Jurisdiction::Mo;

    let detail = done(db, "society.create", "society:mo-sample-civil", async |w| {
        w.create_society(&s).await
    })
    .await;
    assert_eq!(detail["after"]["id"], "mo-sample-civil");
    assert_eq!(store.society(&s.id).await.unwrap().as_ref(), Some(&s));

    let err = refused(db, async |w| w.create_society(&s).await).await;
    conflict(db, err, &["`mo-sample-civil`", "already used by a society"]);

    let mut edited = s.clone();
    edited.abbreviation = "MSCS".into();
    edited.website = Some("https://example.org/mscs".into());
    edited.supervised_by = Some(text("Macao association"));
    let detail = done(db, "society.update", "society:mo-sample-civil", async |w| {
        w.update_society(&edited).await
    })
    .await;
    assert_eq!(detail["before"]["abbreviation"], s.abbreviation);
    assert_eq!(detail["after"]["abbreviation"], "MSCS");
    assert_eq!(store.society(&s.id).await.unwrap(), Some(edited.clone()));

    let mut nowhere = s.clone();
    nowhere.id = "nowhere".into();
    let err = refused(db, async |w| w.update_society(&nowhere).await).await;
    not_found(db, err, "society `nowhere`");
    let err = refused(db, async |w| w.retire_society("nowhere").await).await;
    not_found(db, err, "society `nowhere`");

    // A party to agreements in force (and to a letter of intent) stays.
    let err = refused(db, async |w| w.retire_society("hk-building-em").await).await;
    conflict(
        db,
        err,
        &["building-2020", "electrical-intent-2020", "not expired"],
    );

    let detail = done(db, "society.retire", "society:mo-sample-civil", async |w| {
        w.retire_society("mo-sample-civil").await
    })
    .await;
    assert!(detail["retired_at"].is_string());
    assert_eq!(store.society("mo-sample-civil").await.unwrap(), None);
    let listed = store
        .societies(&Default::default(), Page::ALL)
        .await
        .unwrap();
    assert!(listed.items.iter().all(|s| s.id != "mo-sample-civil"));
    assert_eq!(
        listed.total, 18,
        "the 18 demo societies, the retired one hidden"
    );

    let err = refused(db, async |w| w.update_society(&edited).await).await;
    not_found(db, err, "society `mo-sample-civil`");
    let err = refused(db, async |w| w.retire_society("mo-sample-civil").await).await;
    not_found(db, err, "society `mo-sample-civil`");
    let err = refused(db, async |w| w.create_society(&s).await).await;
    conflict(db, err, &["already used by a retired society"]);

    // Once its only agreement has expired, a signatory can be retired.
    let mc = store
        .agreement("measurement-control-2020")
        .await
        .unwrap()
        .unwrap();
    let expired = mc
        .apply(&Step::Expire {
            on: day("2026-06-30"),
        })
        .unwrap();
    done(
        db,
        "agreement.expire",
        "agreement:measurement-control-2020",
        async |w| w.save_agreement(&expired, "agreement.expire").await,
    )
    .await;
    done(db, "society.retire", "society:gd-precision-mc", async |w| {
        w.retire_society("gd-precision-mc").await
    })
    .await;
    assert_eq!(
        store.agreement(&mc.id).await.unwrap().unwrap().parties,
        mc.parties,
        "history keeps the retired party"
    );
}

#[tokio::test]
async fn specialties_are_created_updated_and_retired() {
    for db in databases().await {
        specialties(&db).await;
        db.drop_db().await;
    }
}

async fn specialties(db: &TestDb) {
    let store = &db.store;
    let s = Specialty {
        id: "geotechnical".into(),
        names: text("Geotechnical engineering"),
        batch: 2,
        status: SpecialtyStatus::Pilot,
        sample: true,
    };
    done(
        db,
        "specialty.create",
        "specialty:geotechnical",
        async |w| w.create_specialty(&s).await,
    )
    .await;
    assert_eq!(store.specialty(&s.id).await.unwrap().as_ref(), Some(&s));
    let err = refused(db, async |w| w.create_specialty(&s).await).await;
    conflict(db, err, &["`geotechnical`", "already used"]);

    let edited = Specialty {
        status: SpecialtyStatus::Active,
        batch: 3,
        ..s.clone()
    };
    let detail = done(
        db,
        "specialty.update",
        "specialty:geotechnical",
        async |w| w.update_specialty(&edited).await,
    )
    .await;
    assert_eq!(detail["before"]["status"], "pilot");
    assert_eq!(detail["after"]["status"], "active");
    assert_eq!(store.specialty(&s.id).await.unwrap(), Some(edited.clone()));

    // The database's own check (batches from 1) answers as a conflict, not a crash.
    let batch_zero = Specialty {
        batch: 0,
        ..s.clone()
    };
    let err = refused(db, async |w| w.update_specialty(&batch_zero).await).await;
    conflict(db, err, &["batches are numbered from 1"]);
    let mut new_batch_zero = batch_zero.clone();
    new_batch_zero.id = "mining".into();
    let err = refused(db, async |w| w.create_specialty(&new_batch_zero).await).await;
    conflict(db, err, &["batches are numbered from 1"]);

    let mut nowhere = s.clone();
    nowhere.id = "nowhere".into();
    let err = refused(db, async |w| w.update_specialty(&nowhere).await).await;
    not_found(db, err, "specialty `nowhere`");

    let err = refused(db, async |w| w.retire_specialty("building").await).await;
    conflict(db, err, &["agreement `building-2020`"]);
    let err = refused(db, async |w| w.retire_specialty("electrical").await).await;
    conflict(db, err, &["agreement `electrical-intent-2020`"]);

    done(db, "specialty.retire", "specialty:quality", async |w| {
        w.retire_specialty("quality").await
    })
    .await;
    assert_eq!(store.specialty("quality").await.unwrap(), None);
    let listed = store.specialties(Page::ALL).await.unwrap();
    assert!(listed.items.iter().all(|s| s.id != "quality"));
    let err = refused(db, async |w| w.retire_specialty("quality").await).await;
    not_found(db, err, "specialty `quality`");
    let mut quality = s.clone();
    quality.id = "quality".into();
    let err = refused(db, async |w| w.update_specialty(&quality).await).await;
    not_found(db, err, "specialty `quality`");
    let err = refused(db, async |w| w.create_specialty(&quality).await).await;
    conflict(db, err, &["already used by a retired specialty"]);
}

fn level(id: &str) -> Level {
    Level {
        id: id.into(),
        names: text(id),
        rank: 0,
    }
}

fn ranks(f: &Framework) -> Vec<(&str, u32)> {
    f.levels.iter().map(|l| (l.id.as_str(), l.rank)).collect()
}

#[tokio::test]
async fn frameworks_are_created_updated_and_retired() {
    for db in databases().await {
        frameworks(&db).await;
        db.drop_db().await;
    }
}

async fn frameworks(db: &TestDb) {
    let store = &db.store;
    let mut f = store
        .framework("gd-civil-structural-grade")
        .await
        .unwrap()
        .unwrap();
    f.id = "mo-quality-grade".into();
    f.owner = Some("mo-quality-standards".into());
    f.levels = vec![level("associate"), level("member"), level("fellow")];
    done(
        db,
        "framework.create",
        "framework:mo-quality-grade",
        async |w| w.create_framework(&f).await,
    )
    .await;
    let stored = store.framework(&f.id).await.unwrap().unwrap();
    assert_eq!(
        ranks(&stored),
        [("associate", 1), ("member", 2), ("fellow", 3)],
        "ranks follow the order given"
    );
    let err = refused(db, async |w| w.create_framework(&f).await).await;
    conflict(db, err, &["`mo-quality-grade`", "already used"]);

    let mut bad = f.clone();
    bad.id = "bad-grade".into();
    bad.owner = Some("nowhere".into());
    let err = refused(db, async |w| w.create_framework(&bad).await).await;
    conflict(db, err, &["owner `nowhere`"]);
    bad.owner = None;
    bad.levels.push(level("member"));
    let err = refused(db, async |w| w.create_framework(&bad).await).await;
    conflict(db, err, &["level `member` twice"]);
    bad.levels.clear();
    let err = refused(db, async |w| w.create_framework(&bad).await).await;
    conflict(db, err, &["no levels"]);

    // Levels are added, renamed, reordered and (when no rule names them) removed.
    let before = store
        .framework("gd-civil-structural-grade")
        .await
        .unwrap()
        .unwrap();
    let mut edited = before.clone();
    edited.names = text("Civil and structural grades");
    let mut member = edited.level("member").unwrap().clone();
    member.names = text("Full member");
    let senior = edited.level("senior-member").unwrap().clone();
    edited.levels = vec![level("student"), member, level("chartered"), senior];
    let detail = done(
        db,
        "framework.update",
        "framework:gd-civil-structural-grade",
        async |w| w.update_framework(&edited).await,
    )
    .await;
    assert_eq!(detail["before"]["levels"].as_array().unwrap().len(), 3);
    let stored = store
        .framework("gd-civil-structural-grade")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ranks(&stored),
        [
            ("student", 1),
            ("member", 2),
            ("chartered", 3),
            ("senior-member", 4)
        ]
    );
    assert_eq!(stored.names.en, "Civil and structural grades");
    assert_eq!(stored.level("member").unwrap().names.en, "Full member");

    // A level a rule grants in the owner society stays.
    let mut without_member = stored.clone();
    without_member.levels.retain(|l| l.id != "member");
    let err = refused(db, async |w| w.update_framework(&without_member).await).await;
    conflict(db, err, &["level `member`", "civil-2020"]);
    // So does every level, when the ladder would change hands.
    let mut moved = stored.clone();
    moved.owner = Some("gdes".into());
    let err = refused(db, async |w| w.update_framework(&moved).await).await;
    conflict(db, err, &["`senior-member`", "building-2020"]);
    // And a level a rule recognises from.
    let mut hk = store
        .framework("hk-civil-infra-grade")
        .await
        .unwrap()
        .unwrap();
    hk.levels.retain(|l| l.id != "associate-member");
    let err = refused(db, async |w| w.update_framework(&hk).await).await;
    conflict(db, err, &["level `associate-member`"]);
    let mut nowhere = f.clone();
    nowhere.id = "nowhere".into();
    let err = refused(db, async |w| w.update_framework(&nowhere).await).await;
    not_found(db, err, "framework `nowhere`");

    // Frameworks that agreements in force use stay.
    let err = refused(db, async |w| w.retire_framework("hk-rpe").await).await;
    conflict(db, err, &["building-2020", "civil-2020"]);
    let err = refused(db, async |w| {
        w.retire_framework("gd-civil-structural-grade").await
    })
    .await;
    conflict(db, err, &["building-2020"]);

    done(
        db,
        "framework.retire",
        "framework:mo-quality-grade",
        async |w| w.retire_framework("mo-quality-grade").await,
    )
    .await;
    assert_eq!(store.framework("mo-quality-grade").await.unwrap(), None);
    let listed = store.frameworks(Page::ALL).await.unwrap();
    assert!(listed.items.iter().all(|f| f.id != "mo-quality-grade"));
    let err = refused(db, async |w| w.retire_framework("mo-quality-grade").await).await;
    not_found(db, err, "framework `mo-quality-grade`");
    let err = refused(db, async |w| w.create_framework(&f).await).await;
    conflict(db, err, &["already used by a retired framework"]);
}

fn quality_agreement() -> Agreement {
    Agreement {
        id: "quality-2026".into(),
        kind: AgreementKind::Agreement,
        status: AgreementStatus::Draft,
        specialty: "quality".into(),
        parties: vec!["gdes".into(), "hk-building-em".into()],
        titles: text("Quality engineering agreement"),
        signed_on: None,
        effective_from: None,
        effective_until: None,
        sample: true,
        notes: Some(text("Under negotiation")),
        versions: vec![AgreementVersion {
            number: 1,
            status: VersionStatus::Draft,
            effective_from: None,
            notes: Some("first draft".into()),
            rules: vec![RecognitionRule {
                from: RuleSource {
                    framework: "cn-title".into(),
                    min_level: "senior-engineer".into(),
                },
                to: RuleTarget {
                    society: "hk-building-em".into(),
                    level: "member".into(),
                },
                min_experience_years: 8,
                education: wanqiao_domain::Education::Accredited,
                cpd: Some(wanqiao_domain::Cpd {
                    hours: 90,
                    within_years: 3,
                }),
                requires: vec!["professional-interview".parse().unwrap()],
            }],
        }],
        deadlines: Default::default(),
        fees: Vec::new(),
    }
}

#[tokio::test]
async fn agreements_are_created_and_saved_through_their_lifecycle() {
    for db in databases().await {
        agreements(&db).await;
        db.drop_db().await;
    }
}

async fn agreements(db: &TestDb) {
    let store = &db.store;
    let catalogue: Catalogue = store.catalogue().await.unwrap();
    let a = quality_agreement();
    assert_eq!(
        catalogue.check_agreement(&a),
        [],
        "the caller's check passes"
    );
    let detail = done(
        db,
        "agreement.create",
        "agreement:quality-2026",
        async |w| w.create_agreement(&a).await,
    )
    .await;
    assert_eq!(detail["after"]["id"], "quality-2026");
    assert_eq!(store.agreement(&a.id).await.unwrap().as_ref(), Some(&a));
    let err = refused(db, async |w| w.create_agreement(&a).await).await;
    conflict(db, err, &["`quality-2026`", "already used"]);

    // An agreement nobody checked: the database refuses it, and says so clearly.
    let mut unknown = quality_agreement();
    unknown.id = "unknown-party".into();
    unknown.parties.push("hk-nowhere".into());
    let err = refused(db, async |w| w.create_agreement(&unknown).await).await;
    conflict(
        db,
        err,
        &["`unknown-party`", "check it against the register"],
    );

    // Through its life, each step saved as its own event.
    let mut current = a.clone();
    let steps = [
        Step::SignIntent {
            signed_on: Some(day("2026-03-01")),
        },
        Step::BringIntoForce {
            version: 1,
            effective_from: day("2026-07-01"),
        },
        Step::DraftVersion {
            rules: None,
            notes: Some("second round".into()),
        },
        Step::PutVersionInForce {
            version: 2,
            effective_from: day("2027-07-01"),
        },
        Step::Suspend {},
        Step::Resume {},
        Step::Expire {
            on: day("2030-06-30"),
        },
    ];
    for step in &steps {
        let next = current.apply(step).unwrap();
        assert_eq!(catalogue.check_agreement(&next), [], "{}", step.code());
        let action = format!("agreement.{}", step.code());
        let detail = done(db, &action, "agreement:quality-2026", async |w| {
            w.save_agreement(&next, &action).await
        })
        .await;
        assert_eq!(detail["before"]["status"], current.status.code());
        assert_eq!(detail["after"]["status"], next.status.code());
        assert_eq!(store.agreement(&a.id).await.unwrap().as_ref(), Some(&next));
        current = next;
    }
    assert_eq!(
        current
            .versions
            .iter()
            .map(|v| (v.number, v.status))
            .collect::<Vec<_>>(),
        [(1, VersionStatus::Superseded), (2, VersionStatus::InForce)]
    );

    // An edit that drops a version, reorders parties and changes rules.
    let building = store.agreement("building-2020").await.unwrap().unwrap();
    let mut edited = building.clone();
    edited.versions.retain(|v| v.number == 1);
    edited.parties.reverse();
    edited.versions[0].rules.truncate(2);
    edited.versions[0].rules[0].min_experience_years = 6;
    edited.titles.en = "Building agreement (edited)".into();
    done(
        db,
        "agreement.update",
        "agreement:building-2020",
        async |w| w.save_agreement(&edited, "agreement.update").await,
    )
    .await;
    assert_eq!(
        store.agreement("building-2020").await.unwrap(),
        Some(edited.clone())
    );

    let mut missing = a.clone();
    missing.id = "nowhere".into();
    let err = refused(db, async |w| {
        w.save_agreement(&missing, "agreement.update").await
    })
    .await;
    not_found(db, err, "agreement `nowhere`");
    let mut twice = edited.clone();
    twice.parties.push(twice.parties[0].clone());
    let err = refused(db, async |w| {
        w.save_agreement(&twice, "agreement.update").await
    })
    .await;
    conflict(db, err, &["`building-2020`", "twice"]);
    let mut bad_level = edited.clone();
    bad_level.versions[0].rules[0].from.min_level = "grandmaster".into();
    let err = refused(db, async |w| {
        w.save_agreement(&bad_level, "agreement.update").await
    })
    .await;
    conflict(db, err, &["`building-2020`"]);
}

#[tokio::test]
async fn a_retired_society_is_refused_in_a_new_agreement_by_the_callers_check() {
    for db in databases().await {
        let mut s = db.store.society("gd-quality-eng").await.unwrap().unwrap();
        s.id = "gd-sample-retiring".into();
        done(
            &db,
            "society.create",
            "society:gd-sample-retiring",
            async |w| w.create_society(&s).await,
        )
        .await;
        done(
            &db,
            "society.retire",
            "society:gd-sample-retiring",
            async |w| w.retire_society(&s.id).await,
        )
        .await;
        let mut a = quality_agreement();
        a.parties.push(s.id.clone());
        let catalogue = db.store.catalogue().await.unwrap();
        let problems = catalogue.check_agreement(&a);
        assert_eq!(problems.len(), 1, "[{}] {problems:?}", db.engine);
        assert!(problems[0].message.contains("gd-sample-retiring"));
        db.drop_db().await;
    }
}

/// The snapshot helper itself: a committed write does show in it.
#[tokio::test]
async fn snapshots_see_writes() {
    for db in databases().await {
        let before = snapshot(&db.store).await;
        let mut s: Society = db.store.society("gdes").await.unwrap().unwrap();
        s.abbreviation = "GDES*".into();
        done(&db, "society.update", "society:gdes", async |w| {
            w.update_society(&s).await
        })
        .await;
        assert_ne!(snapshot(&db.store).await, before, "[{}]", db.engine);
        db.drop_db().await;
    }
}
