//! The `wanqiao` command: help, agreements as files, and its refusals.

use crate::helpers::{TestDb, engines, wanqiao};
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::{Page, Store};

#[test]
fn help_explains_every_subcommand() {
    let (code, out, _) = wanqiao(&["--help"]);
    assert_eq!(code, 0);
    for command in ["serve", "migrate", "agreements", "demo"] {
        assert!(out.contains(command), "--help lacks {command}:\n{out}");
    }
    let (code, out, _) = wanqiao(&["serve", "--help"]);
    assert_eq!(code, 0);
    for option in [
        "--database-url",
        "--listen",
        "--no-demo",
        "WANQIAO_DATABASE_URL",
    ] {
        assert!(out.contains(option), "serve --help lacks {option}:\n{out}");
    }
    let (code, out, _) = wanqiao(&["agreements", "import", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--database-url"), "{out}");
}

#[test]
fn an_unknown_database_scheme_is_a_clear_error() {
    for args in [
        &[
            "migrate",
            "--database-url",
            "mysql://root:secret@localhost/wanqiao",
        ][..],
        &[
            "serve",
            "--database-url",
            "redis://localhost",
            "--listen",
            "127.0.0.1:0",
        ][..],
    ] {
        let (code, out, err) = wanqiao(args);
        assert_ne!(code, 0, "{args:?} must fail");
        assert!(err.contains("unsupported database URL"), "{err}");
        assert!(
            err.contains("sqlite://"),
            "the message says what works: {err}"
        );
        assert!(
            !err.contains("secret") && !out.contains("secret"),
            "no password echoed"
        );
    }
}

async fn demo_db(engine: crate::helpers::Engine) -> TestDb {
    let db = TestDb::new(engine).await;
    let (code, _, err) = wanqiao(&["demo", "--database-url", &db.url]);
    assert_eq!(code, 0, "[{engine}] demo load: {err}");
    db
}

async fn agreement_ids(url: &str) -> Vec<String> {
    let store = Store::connect(url).await.unwrap();
    let list = store
        .agreements(&AgreementFilter::default(), Page::ALL)
        .await
        .unwrap();
    store.close().await;
    let mut ids: Vec<String> = list.items.into_iter().map(|a| a.id).collect();
    ids.sort();
    ids
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "wanqiao-{name}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test]
async fn agreements_export_and_import_round_trip() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let dir = temp_dir("export");
        let (code, out, err) = wanqiao(&[
            "agreements",
            "export",
            dir.to_str().unwrap(),
            "--database-url",
            &db.url,
        ]);
        assert_eq!(code, 0, "[{engine}] {err}");
        assert!(out.contains("5 agreement"), "[{engine}] {out}");
        let file = dir.join("building-2020.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("id = \"building-2020\""), "[{engine}]");

        // A new agreement written from an exported one imports, and the export re-imports.
        let copy = text
            .replace("id = \"building-2020\"", "id = \"building-2026\"")
            .replace(
                "status = \"in-force\"\nspecialty",
                "status = \"draft\"\nspecialty",
            );
        let new_file = dir.join("building-2026.toml");
        std::fs::write(&new_file, copy).unwrap();
        let (code, out, err) = wanqiao(&[
            "agreements",
            "import",
            file.to_str().unwrap(),
            new_file.to_str().unwrap(),
            "--database-url",
            &db.url,
        ]);
        assert_eq!(code, 0, "[{engine}] {err}");
        assert!(out.contains("Imported 2"), "[{engine}] {out}");
        let ids = agreement_ids(&db.url).await;
        assert!(
            ids.contains(&"building-2026".to_string()),
            "[{engine}] {ids:?}"
        );
        assert_eq!(
            ids.len(),
            6,
            "[{engine}] the re-imported one replaced itself"
        );

        let store = Store::connect(&db.url).await.unwrap();
        let again = store.agreement("building-2020").await.unwrap().unwrap();
        store.close().await;
        assert_eq!(
            wanqiao_domain::agreement_file::to_toml(&again),
            text,
            "[{engine}] export → import → export is stable"
        );
        let _ = std::fs::remove_dir_all(dir);
        db.drop_db().await;
    }
}

const VALID: &str = r#"id = "quality-2026"
kind = "agreement"
status = "draft"
specialty = "quality"
parties = ["gdes", "hk-civil-infra"]
signed_on = 2026-11-01

[titles]
zh-Hans = "质量管理互认协议"
zh-Hant = "質量管理互認協議"
en = "Quality management agreement"

[[version]]
number = 1
status = "draft"

[[version.rule]]
from = { framework = "cn-title", min_level = "engineer" }
to = { society = "hk-civil-infra", level = "member" }
min_experience_years = 5
"#;

#[tokio::test]
async fn invalid_agreement_files_are_refused_with_file_line_and_field_and_nothing_is_imported() {
    for engine in engines() {
        let db = demo_db(engine).await;
        let before = agreement_ids(&db.url).await;
        let dir = temp_dir("bad");
        let good = dir.join("good.toml");
        std::fs::write(&good, VALID).unwrap();
        let cases: [(&str, String, &[&str]); 6] = [
            (
                "syntax.toml",
                VALID.replace("number = 1", "number = = 1"),
                &["syntax.toml:14"],
            ),
            (
                "unknown-society.toml",
                VALID.replace("society = \"hk-civil-infra\"", "society = \"hk-nowhere\""),
                &[
                    "unknown-society.toml:19",
                    "version[0].rule[0].to.society",
                    "hk-nowhere",
                ],
            ),
            (
                "unknown-specialty.toml",
                VALID.replace("specialty = \"quality\"", "specialty = \"alchemy\""),
                &["unknown-specialty.toml:4", "field `specialty`", "alchemy"],
            ),
            (
                "unknown-level.toml",
                VALID.replace("min_level = \"engineer\"", "min_level = \"wizard\""),
                &["unknown-level.toml:18", "min_level", "wizard"],
            ),
            (
                "unknown-party.toml",
                VALID.replace(
                    "[\"gdes\", \"hk-civil-infra\"]",
                    "[\"gdes\", \"hk-civil-infra\", \"mars-society\"]",
                ),
                &["unknown-party.toml:5", "parties[2]", "mars-society"],
            ),
            (
                "misspelt-key.toml",
                VALID.replace("min_experience_years", "min_experiance_years"),
                &["misspelt-key.toml:20", "min_experiance_years"],
            ),
        ];
        for (name, text, needles) in cases {
            let bad = dir.join(name);
            std::fs::write(&bad, text).unwrap();
            let (code, out, err) = wanqiao(&[
                "agreements",
                "import",
                good.to_str().unwrap(),
                bad.to_str().unwrap(),
                "--database-url",
                &db.url,
            ]);
            assert_ne!(code, 0, "[{engine}] {name} must be refused: {out}");
            for needle in needles {
                assert!(
                    err.contains(needle),
                    "[{engine}] {name}: `{needle}` not in\n{err}"
                );
            }
            assert!(err.contains("nothing was imported"), "[{engine}] {err}");
            assert_eq!(
                agreement_ids(&db.url).await,
                before,
                "[{engine}] {name}: nothing changed"
            );
        }
        let (code, _, err) = wanqiao(&[
            "agreements",
            "import",
            dir.join("missing.toml").to_str().unwrap(),
            "--database-url",
            &db.url,
        ]);
        assert_ne!(code, 0);
        assert!(err.contains("missing.toml"), "[{engine}] {err}");
        let _ = std::fs::remove_dir_all(dir);
        db.drop_db().await;
    }
}
