//! `wanqiao import roster`: a society's members in, idempotently, visible like any engineer;
//! every kind of bad input refused or reported with nothing half-written; and a process
//! killed mid-import leaves whole batches that a re-run completes.

use crate::helpers::{As, Engine, Session, TestApp, TestDb, engines, wanqiao};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use wanqiao_store::roster::member_engineer_id;

const SOCIETY: &str = "hk-civil-infra";
const HEADER: &str = "member_number,name_zh_hans,name_zh_hant,name_en,framework,level,specialty,awarded_on,certificate_number,standing,experience_since,employer,cpd_hours,cpd_until,degree,institution,graduation_year,accreditation";

/// A valid row for member `n` of the society, in the order of [`HEADER`].
fn member(n: u64) -> String {
    format!(
        "T-{n:06},陈大文{n},陳大文{n},Chan Tai Man {n},hk-civil-infra-grade,member,civil,2015-07-01,C-{n},good,2012-01-01,ACME Engineering Ltd,60,2026-01-31,BEng Civil Engineering,The University of Hong Kong,2010,washington-accord"
    )
}

/// A fresh folder for one test's files.
fn temp_dir() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wanqiao-roster-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn csv(lines: &[String]) -> Vec<u8> {
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

/// Runs `wanqiao import roster` on `file` with extra arguments.
fn import(url: &str, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let file = file.to_str().unwrap();
    let mut args = vec![
        "import",
        "roster",
        "--database-url",
        url,
        "--society",
        SOCIETY,
    ];
    args.extend_from_slice(extra);
    args.push(file);
    wanqiao(&args)
}

async fn demo_db(engine: Engine) -> TestDb {
    let db = TestDb::new(engine).await;
    let (code, _, err) = wanqiao(&["demo", "--database-url", &db.url]);
    assert_eq!(code, 0, "[{engine}] demo load: {err}");
    db
}

/// One number from the database, read past the application.
async fn count(url: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    n
}

async fn members(url: &str) -> i64 {
    count(url, "SELECT COUNT(*) FROM society_members").await
}

async fn batches(url: &str) -> i64 {
    count(
        url,
        "SELECT COUNT(*) FROM audit_events WHERE action = 'roster.import_batch'",
    )
    .await
}

async fn engineers(url: &str) -> i64 {
    count(url, "SELECT COUNT(*) FROM engineers").await
}

/// Every table a roster writes, so "nothing written" can be checked whole.
async fn footprint(url: &str) -> [i64; 6] {
    [
        members(url).await,
        batches(url).await,
        engineers(url).await,
        count(url, "SELECT COUNT(*) FROM qualifications").await,
        count(url, "SELECT COUNT(*) FROM engineer_cpd").await,
        count(url, "SELECT COUNT(*) FROM engineer_education").await,
    ]
}

#[tokio::test]
async fn a_roster_imports_once_and_again_changes_nothing_and_shows_in_the_api() {
    for app in crate::helpers::apps(true).await {
        let url = app.db.url.clone();
        let dir = temp_dir();
        // The third member gives no experience, CPD or education.
        let plain = "T-000003,,,Ana Lee,hk-civil-infra-grade,member,civil,,,,,,,,,,,".to_string();
        let file = write(
            &dir,
            "roster.csv",
            &csv(&[HEADER.into(), member(1), member(2), plain.clone()]),
        );
        let before = engineers(&url).await;

        let (code, out, err) = import(&url, &file, &[]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        assert!(
            out.contains("3 imported (3 new, 0 updated, 0 unchanged), 0 rejected"),
            "{app}: {out}"
        );
        assert_eq!(members(&url).await, 3, "{app}");
        assert_eq!(engineers(&url).await, before + 3, "{app}");
        assert_eq!(batches(&url).await, 1, "{app}");
        let after_first = footprint(&url).await;

        let (code, out, err) = import(&url, &file, &[]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        assert!(
            out.contains("(0 new, 0 updated, 3 unchanged)"),
            "{app}: {out}"
        );
        let mut expected = after_first;
        expected[1] += 1;
        assert_eq!(
            footprint(&url).await,
            expected,
            "{app}: only the batch's audit event is new"
        );

        // A changed row updates its member, and what the roster no longer says is removed.
        let changed = member(1).replace(",60,2026-01-31,", ",,,");
        let file = write(
            &dir,
            "roster.csv",
            &csv(&[HEADER.into(), changed, member(2), plain]),
        );
        let (code, out, err) = import(&url, &file, &["--batch-size", "2"]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        assert!(
            out.contains("(0 new, 1 updated, 2 unchanged)"),
            "{app}: {out}"
        );
        assert!(out.contains("in 2 batch(es)"), "{app}: {out}");
        assert_eq!(batches(&url).await, 4, "{app}");

        let admin = app.login("admin@wanqiao.example").await;
        let id = member_engineer_id(SOCIETY, "T-000001");
        let profile = app
            .send(
                "GET",
                &format!("/api/v1/engineers/{id}"),
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(profile.status, 200, "{app}: {}", profile.body);
        let p = profile.json();
        let text = p.to_string();
        assert!(
            text.contains("陈大文1") && text.contains("陳大文1") && text.contains("Chan Tai Man 1"),
            "{app}: {p}"
        );
        assert!(
            text.contains("\"attested\"") && text.contains(SOCIETY),
            "{app}: {p}"
        );
        assert!(
            text.contains("The University of Hong Kong") && text.contains("ACME Engineering Ltd"),
            "{app}: {p}"
        );
        assert!(
            !text.contains("\"hours\""),
            "{app}: the CPD the roster dropped is gone: {p}"
        );

        let check = app
            .send(
                "GET",
                &format!("/api/v1/engineers/{id}/recognition-options"),
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(check.status, 200, "{app}: {}", check.body);
        let rows = check.json()["rows"].as_array().cloned().unwrap_or_default();
        assert!(
            !rows.is_empty(),
            "{app}: the self-check sees the imported qualification"
        );
        assert!(
            rows.iter().all(|r| r["unattested"] != true),
            "{app}: roster qualifications are attested by the society: {rows:?}"
        );

        let (code, out, _) = wanqiao(&["audit", "verify", "--database-url", &url]);
        assert_eq!(code, 0, "{app}: {out}");
        let _ = std::fs::remove_dir_all(&dir);
        app.stop().await;
    }
}

/// The English names the admin engineer search finds for `q` (URL-encoded).
async fn searched(app: &TestApp, admin: &Session, q: &str) -> Vec<String> {
    let reply = app
        .send(
            "GET",
            &format!("/api/v1/engineers?q={q}"),
            As::Browser(admin),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{app} `{q}`: {}", reply.body);
    reply.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["names"]["en"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn imported_members_are_searchable_and_a_rename_is_reindexed() {
    for app in crate::helpers::apps(true).await {
        let url = app.db.url.clone();
        let dir = temp_dir();
        let file = write(
            &dir,
            "roster.csv",
            &csv(&[HEADER.into(), member(1), member(2), member(3)]),
        );
        let (code, out, err) = import(&url, &file, &["--batch-size", "2"]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        let admin = app.login("admin@wanqiao.example").await;
        assert_eq!(
            searched(&app, &admin, "Chan%20Tai%20Man%203").await,
            ["Chan Tai Man 3"],
            "{app}"
        );
        assert_eq!(
            searched(&app, &admin, "T-000002").await,
            ["Chan Tai Man 2"],
            "{app}"
        );

        // A renamed member is found by the new name only, in every batch of the re-import.
        let renamed = member(3).replace("Chan Tai Man 3", "Wong Siu Ming");
        let file = write(
            &dir,
            "roster.csv",
            &csv(&[HEADER.into(), member(1), member(2), renamed]),
        );
        let (code, out, err) = import(&url, &file, &["--batch-size", "2"]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        assert!(
            out.contains("(0 new, 1 updated, 2 unchanged)"),
            "{app}: {out}"
        );
        assert_eq!(
            searched(&app, &admin, "Siu%20Ming").await,
            ["Wong Siu Ming"],
            "{app}"
        );
        assert!(
            searched(&app, &admin, "Chan%20Tai%20Man%203")
                .await
                .is_empty(),
            "{app}"
        );
        assert_eq!(
            searched(&app, &admin, "T-000003").await,
            ["Wong Siu Ming"],
            "{app}"
        );
        let _ = std::fs::remove_dir_all(&dir);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_bad_header_an_empty_file_or_an_unknown_society_imports_nothing() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let before = footprint(&db.url).await;
        let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
            (
                "wrong.csv",
                csv(&[
                    HEADER
                        .replace("employer", "company")
                        .replace("level", "grade"),
                    member(1),
                ]),
                &[
                    "unknown column(s): `grade`, `company`",
                    "missing required column(s): `level`",
                ],
            ),
            (
                "missing.csv",
                csv(&[HEADER.replace("member_number,", ""), member(1)]),
                &["missing required column(s): `member_number`"],
            ),
            (
                "no-header.csv",
                csv(&[member(1), member(2)]),
                &["unknown column(s): `T-000001`"],
            ),
            ("empty.csv", Vec::new(), &["the file is empty"]),
            (
                "blank.csv",
                b"\xEF\xBB\xBF\n\n".to_vec(),
                &["the file is empty"],
            ),
            (
                "header-only.csv",
                csv(&[HEADER.into()]),
                &["no member rows"],
            ),
        ];
        for (name, bytes, needles) in cases {
            let file = write(&dir, name, &bytes);
            let (code, out, err) = import(&db.url, &file, &[]);
            assert_eq!(code, 2, "[{engine}] {name}: {out}{err}");
            for needle in needles {
                assert!(
                    err.contains(needle),
                    "[{engine}] {name}: `{needle}` not in {err}"
                );
            }
            assert_eq!(
                footprint(&db.url).await,
                before,
                "[{engine}] {name}: nothing written"
            );
        }
        let file = write(&dir, "ok.csv", &csv(&[HEADER.into(), member(1)]));
        let file = file.to_str().unwrap();
        let (code, _, err) = wanqiao(&[
            "import",
            "roster",
            "--database-url",
            &db.url,
            "--society",
            "no-such-society",
            file,
        ]);
        assert_eq!(code, 2, "[{engine}] {err}");
        assert!(
            err.contains("there is no society `no-such-society`"),
            "[{engine}] {err}"
        );
        assert_eq!(footprint(&db.url).await, before, "[{engine}]");
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}

#[tokio::test]
async fn gbk_and_big5_files_are_converted_and_undecodable_ones_refused() {
    let simplified = [
        ("G-1", "陈大文", "陳大文", "Chan Tai Man"),
        ("G-2", "张伟", "張偉", "Zhang Wei"),
        ("G-3", "黄晓明", "黃曉明", "Huang Xiaoming"),
        ("G-4", "郑国华", "鄭國華", "Zheng Guohua"),
    ];
    let traditional = [
        ("B-1", "陳大文", "Chan Tai Man"),
        ("B-2", "張偉強", "Cheung Wai Keung"),
        ("B-3", "黃曉明", "Wong Hiu Ming"),
        ("B-4", "劉嘉玲", "Lau Ka Ling"),
    ];
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let row = |m: &str, hans: &str, hant: &str, en: &str| {
            format!("{m},{hans},{hant},{en},hk-civil-infra-grade,member,civil,2015-07-01,,,,,,,,,,")
        };
        let mut lines = vec![HEADER.to_string()];
        lines.extend(simplified.iter().map(|(m, s, t, e)| row(m, s, t, e)));
        let text = String::from_utf8(csv(&lines)).unwrap();
        let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
        assert!(!bad);
        let file = write(&dir, "gbk.csv", &gbk);
        let (code, out, err) = import(&db.url, &file, &[]);
        assert_eq!(code, 0, "[{engine}] GBK: {out}{err}");
        assert!(out.contains("(GB18030)"), "[{engine}] {out}");

        let mut lines = vec![HEADER.to_string()];
        lines.extend(traditional.iter().map(|(m, t, e)| row(m, "", t, e)));
        let text = String::from_utf8(csv(&lines)).unwrap();
        let (big5, _, bad) = encoding_rs::BIG5.encode(&text);
        assert!(!bad);
        let file = write(&dir, "big5.csv", &big5);
        let (code, out, err) = import(&db.url, &file, &[]);
        assert_eq!(code, 0, "[{engine}] Big5: {out}{err}");
        assert!(out.contains("Big5"), "[{engine}] {out}");

        let store = wanqiao_store::Store::connect(&db.url).await.unwrap();
        for (m, hans, hant, en) in simplified {
            let p = store
                .engineer(&member_engineer_id(SOCIETY, m))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (
                    p.names.zh_hans.as_str(),
                    p.names.zh_hant.as_str(),
                    p.names.en.as_str()
                ),
                (hans, hant, en),
                "[{engine}]"
            );
        }
        for (m, hant, en) in traditional {
            let p = store
                .engineer(&member_engineer_id(SOCIETY, m))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (p.names.zh_hant.as_str(), p.names.en.as_str()),
                (hant, en),
                "[{engine}]"
            );
        }
        store.close().await;

        // Latin-1 bytes are neither: refused, and nothing is written.
        let before = footprint(&db.url).await;
        let mut latin1 = format!("{HEADER}\n").into_bytes();
        latin1.extend_from_slice(
            b"L-1,,,Jo\xe3o Ara\xfajo,hk-civil-infra-grade,member,civil,,,,,,,,,,,\n",
        );
        let file = write(&dir, "latin1.csv", &latin1);
        let (code, out, err) = import(&db.url, &file, &[]);
        assert_eq!(code, 2, "[{engine}] {out}{err}");
        assert!(err.contains("save the file as UTF-8"), "[{engine}] {err}");
        assert_eq!(footprint(&db.url).await, before, "[{engine}]");
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}

#[tokio::test]
async fn bad_rows_are_skipped_and_reported_with_neutralised_cells() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let hostile = member(1).replace("Chan Tai Man 1", "=HYPERLINK(\"http://evil.example\")");
        let lines = vec![
            HEADER.to_string(),
            hostile,                                                         // 2: kept
            member(2).replacen("T-000002", "=1+1", 1),                       // 3
            member(3).replacen("T-000003", "+SUM(A1)", 1),                   // 4
            member(4).replacen("T-000004", "-2+3", 1),                       // 5
            member(5).replacen("T-000005", "@cmd", 1),                       // 6
            member(1).replace("陈大文1", "另一人"),                          // 7: duplicate of 2
            member(8).replace("Chan Tai Man 8", &"x".repeat(101)),           // 8
            member(9).replace("C-9", &"9".repeat(65)),                       // 9
            member(10).replace("2015-07-01", "2015-13-01"),                  // 10
            member(11).replace("hk-civil-infra-grade", "no-such-framework"), // 11
            member(12).replace(",member,", ",grand-master,"),                // 12
            member(13).replace(",civil,", ",alchemy,"),                      // 13
            member(14),                                                      // 14: kept
        ];
        let file = write(&dir, "mixed.csv", &csv(&lines));
        let report = dir.join("report.csv");
        let (code, out, err) = import(&db.url, &file, &["--report", report.to_str().unwrap()]);
        assert_eq!(code, 1, "[{engine}] {out}{err}");
        assert!(
            out.contains("2 imported") && out.contains("11 rejected"),
            "[{engine}] {out}"
        );
        assert!(err.contains("11 row(s) were rejected"), "[{engine}] {err}");
        assert_eq!(members(&db.url).await, 2, "[{engine}]");

        let mut reader = csv::Reader::from_path(&report).unwrap();
        assert_eq!(reader.headers().unwrap(), vec!["line", "column", "message"]);
        let rows: Vec<(u64, String, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].parse().unwrap(), r[1].to_string(), r[2].to_string())
            })
            .collect();
        for (line, column, needle) in [
            (3, "member_number", "`=` is not allowed"),
            (4, "member_number", "`+` is not allowed"),
            (5, "member_number", "is not allowed"),
            (6, "member_number", "`@` is not allowed"),
            (7, "member_number", "already on line 2"),
            (8, "name_en", "101 characters, at most 100"),
            (9, "certificate_number", "65 characters, at most 64"),
            (10, "awarded_on", "`2015-13-01` is not a date"),
            (11, "framework", "unknown framework `no-such-framework`"),
            (12, "level", "`grand-master` is not a level"),
            (13, "specialty", "unknown specialty `alchemy`"),
        ] {
            assert!(
                rows.iter()
                    .any(|(l, c, m)| *l == line && c == column && m.contains(needle)),
                "[{engine}] line {line} {column} `{needle}` not in {rows:?}"
            );
        }
        // Every cell of the report is safe to open in a spreadsheet.
        let raw = std::fs::read_to_string(&report).unwrap();
        let mut cells = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(raw.as_bytes());
        for record in cells.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "[{engine}] a formula cell in the report: {cell:?}"
                );
            }
        }
        // The hostile name is data: stored as given (exports neutralise it).
        let store = wanqiao_store::Store::connect(&db.url).await.unwrap();
        let p = store
            .engineer(&member_engineer_id(SOCIETY, "T-000001"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            p.names.en, "=HYPERLINK(\"http://evil.example\")",
            "[{engine}]"
        );
        assert_eq!(
            p.names.zh_hans, "陈大文1",
            "[{engine}]: the first of the duplicates is kept"
        );
        store.close().await;

        // Without --report, the first problems go to standard error.
        let (code, _, err) = import(&db.url, &file, &[]);
        assert_eq!(code, 1, "[{engine}]");
        assert!(
            err.contains("line 13, column specialty: unknown specialty `alchemy`"),
            "[{engine}] {err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}

#[tokio::test]
async fn a_dry_run_checks_everything_and_writes_nothing() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let before = footprint(&db.url).await;
        let good = write(
            &dir,
            "good.csv",
            &csv(&[HEADER.into(), member(1), member(2)]),
        );
        let (code, out, err) = import(&db.url, &good, &["--dry-run"]);
        assert_eq!(code, 0, "[{engine}] {out}{err}");
        assert!(
            out.contains("2 valid, 0 rejected; nothing was written (dry run)"),
            "[{engine}] {out}"
        );
        let bad = write(
            &dir,
            "bad.csv",
            &csv(&[
                HEADER.into(),
                member(1),
                member(1),
                member(3).replace(",civil,", ",alchemy,"),
            ]),
        );
        let (code, out, err) = import(&db.url, &bad, &["--dry-run"]);
        assert_eq!(code, 1, "[{engine}] {out}{err}");
        assert!(out.contains("1 valid, 2 rejected"), "[{engine}] {out}");
        assert_eq!(footprint(&db.url).await, before, "[{engine}]");
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}

/// A workbook with a notes sheet before the members' sheet; dates and numbers as Excel keeps
/// them (a date cell, numeric hours and years).
fn workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Exported from the membership system")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Members").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, name) in HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, name).unwrap();
    }
    for r in 1..=2u32 {
        let n = u64::from(r);
        for (c, cell) in member(n).split(',').enumerate() {
            let c = c as u16;
            match c {
                7 => {
                    sheet
                        .write_datetime_with_format(
                            r,
                            c,
                            ExcelDateTime::from_ymd(2015, 7, 1).unwrap(),
                            &date,
                        )
                        .unwrap();
                }
                12 | 16 => {
                    sheet
                        .write_number(r, c, cell.parse::<f64>().unwrap())
                        .unwrap();
                }
                _ => {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

#[tokio::test]
async fn an_xlsx_with_several_sheets_needs_the_sheet_named() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let file = dir.join("roster.xlsx");
        workbook(&file);
        let (code, out, err) = import(&db.url, &file, &[]);
        assert_eq!(code, 2, "[{engine}] {out}{err}");
        assert!(
            err.contains("several sheets (Notes, Members)") && err.contains("--sheet"),
            "[{engine}] {err}"
        );
        assert_eq!(members(&db.url).await, 0, "[{engine}]");
        let (code, _, err) = import(&db.url, &file, &["--sheet", "Summary"]);
        assert_eq!(code, 2, "[{engine}] {err}");
        assert!(err.contains("no sheet `Summary`"), "[{engine}] {err}");

        let (code, out, err) = import(&db.url, &file, &["--sheet", "Members"]);
        assert_eq!(code, 0, "[{engine}] {out}{err}");
        assert!(out.contains("2 imported (2 new"), "[{engine}] {out}");
        let store = wanqiao_store::Store::connect(&db.url).await.unwrap();
        let p = store
            .engineer(&member_engineer_id(SOCIETY, "T-000002"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p.names.zh_hant, "陳大文2", "[{engine}]");
        assert_eq!(
            p.qualifications[0].awarded_on.unwrap().to_string(),
            "2015-07-01",
            "[{engine}]"
        );
        assert_eq!(p.cpd[0].hours, 60, "[{engine}]");
        assert_eq!(p.education[0].year, 2010, "[{engine}]");
        store.close().await;
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}

/// Rows in the killed import: enough that it is certainly still running when the first
/// batches have committed (a debug build imports some ten thousand rows a second).
const KILL_ROWS: u64 = 100_000;
const KILL_BATCH: u64 = 1_000;

#[tokio::test]
async fn an_import_killed_mid_way_leaves_whole_batches_and_a_rerun_completes_it() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir();
        let path = dir.join("big.csv");
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            writeln!(out, "{HEADER}").unwrap();
            for n in 1..=KILL_ROWS {
                writeln!(out, "{}", member(n)).unwrap();
            }
        }
        let demo_engineers = engineers(&db.url).await;
        let batch = KILL_BATCH.to_string();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wanqiao"))
            .args([
                "import",
                "roster",
                "--database-url",
                &db.url,
                "--society",
                SOCIETY,
            ])
            .args(["--batch-size", &batch, path.to_str().unwrap()])
            .env_remove("WANQIAO_DATABASE_URL")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let seen = loop {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "[{engine}] no batch committed"
            );
            assert!(
                child.try_wait().unwrap().is_none(),
                "[{engine}] the import ended before it was killed"
            );
            let n = members(&db.url).await;
            if n > 0 {
                break n;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let kept = members(&db.url).await;
        assert!(
            kept >= seen && (kept as u64) < KILL_ROWS,
            "[{engine}] {kept} of {KILL_ROWS}"
        );
        assert_eq!(
            kept as u64 % KILL_BATCH,
            0,
            "[{engine}] only whole batches: {kept}"
        );
        assert_eq!(
            engineers(&db.url).await,
            demo_engineers + kept,
            "[{engine}]"
        );
        assert_eq!(
            batches(&db.url).await as u64,
            kept as u64 / KILL_BATCH,
            "[{engine}]"
        );
        let (code, out, _) = wanqiao(&["audit", "verify", "--database-url", &db.url]);
        assert_eq!(code, 0, "[{engine}] {out}");

        let (code, out, err) = import(&db.url, &path, &["--batch-size", &batch]);
        assert_eq!(code, 0, "[{engine}] {out}{err}");
        assert!(
            out.contains(&format!(
                "({} new, 0 updated, {kept} unchanged)",
                KILL_ROWS as i64 - kept
            )),
            "[{engine}] {out}"
        );
        assert_eq!(members(&db.url).await as u64, KILL_ROWS, "[{engine}]");
        assert_eq!(
            engineers(&db.url).await as u64,
            demo_engineers as u64 + KILL_ROWS,
            "[{engine}]"
        );
        assert_eq!(
            count(&db.url, "SELECT COUNT(*) FROM qualifications WHERE society_id = 'hk-civil-infra' AND id LIKE '%-q'").await as u64,
            KILL_ROWS,
            "[{engine}] no duplicates"
        );
        let (code, out, _) = wanqiao(&["audit", "verify", "--database-url", &db.url]);
        assert_eq!(code, 0, "[{engine}] {out}");
        let _ = std::fs::remove_dir_all(&dir);
        db.drop_db().await;
    }
}
