//! `serve --tls-cert --tls-key` answers over HTTPS directly.

use crate::helpers::{Engine, TestDb};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
#[cfg(unix)]
fn serve_speaks_https_with_a_certificate_and_key() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(Engine::Sqlite));
    let dir = std::env::temp_dir().join(format!("wanqiao-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl makes a test certificate");
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_wanqiao"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &db.url,
        ])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.starts_with("https://"))
                .map(str::to_string)
        })
        .expect("serve prints an https URL");
    let out = Command::new("curl")
        .args(["-sk", "--max-time", "10", &format!("{url}healthz")])
        .output()
        .expect("curl");
    let plain = Command::new("curl")
        .args([
            "-s",
            "--max-time",
            "10",
            &format!("{}healthz", url.replacen("https", "http", 1)),
        ])
        .output()
        .expect("curl");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    rt.block_on(db.drop_db());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok", "https answers");
    assert_ne!(
        String::from_utf8_lossy(&plain.stdout),
        "ok",
        "plain http does not"
    );
    assert!(status.success(), "stops gracefully: {status}");
}

#[test]
fn a_certificate_without_its_key_is_refused() {
    let (code, _, err) = crate::helpers::wanqiao(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        "/nonexistent.pem",
        "--database-url",
        "sqlite:///nonexistent-dir/never-created.db",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("--tls-key"), "{err}");
}
