//! Credential verification benchmarks (DESIGN.md §10): verifications per second of a
//! realistic recognition certificate (VC 2.0 + Open Badges 3.0, trilingual names, two status
//! entries, did:web issuer) for each cryptosuite, with raw Ed25519 verification measured in
//! the same run as the ceiling.
//!
//! Run: `cargo bench -p wanqiao-credentials --bench verify`. Criterion measures first; then
//! the figures are printed again in plain words, measured with a simple clock on one core.

use criterion::{Criterion, Throughput};
use ed25519_dalek::{Signer, SigningKey};
use serde_json::Value;
use std::hint::black_box;
use std::time::{Duration, Instant};
use wanqiao_credentials::did::{StaticResolver, did_web, did_web_document, did_web_method};
use wanqiao_credentials::proof::{Cryptosuite, ProofOptions};
use wanqiao_credentials::{VerifyOptions, issue, verify};

struct Setup {
    rdfc: Value,
    jcs: Value,
    resolver: StaticResolver,
    key: SigningKey,
    message: [u8; 64],
    now: jiff::Timestamp,
}

fn setup() -> Setup {
    let certificate: Value =
        serde_json::from_str(include_str!("../tests/data/recognition-certificate.json")).unwrap();
    let key = SigningKey::from_bytes(&[7; 32]);
    let did = did_web("https://wanqiao.example", "gdes").unwrap();
    let resolver = StaticResolver::default()
        .with(did_web_document(&did, &[key.verifying_key()]))
        .unwrap();
    let method = did_web_method(&did, &key.verifying_key());
    let created = "2026-03-01T00:00:00Z".parse().unwrap();
    let sign = |suite| {
        issue(
            &certificate,
            &ProofOptions::assertion(suite, &method, created),
            &key,
        )
        .unwrap()
    };
    Setup {
        rdfc: sign(Cryptosuite::EddsaRdfc2022),
        jcs: sign(Cryptosuite::EddsaJcs2022),
        resolver,
        message: [42; 64],
        key,
        now: "2026-11-29T00:00:00Z".parse().unwrap(),
    }
}

fn verify_once(s: &Setup, doc: &Value) {
    let options = VerifyOptions {
        now: s.now,
        resolver: &s.resolver,
    };
    assert!(verify(black_box(doc), &options).verified());
}

fn raw_once(s: &Setup, signature: &ed25519_dalek::Signature) {
    s.key
        .verifying_key()
        .verify_strict(black_box(&s.message), signature)
        .unwrap();
}

fn criterion_benches(c: &mut Criterion, s: &Setup) {
    let signature = s.key.sign(&s.message);
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function("raw-ed25519", |b| b.iter(|| raw_once(s, &signature)));
    group.bench_function("eddsa-jcs-2022", |b| b.iter(|| verify_once(s, &s.jcs)));
    group.bench_function("eddsa-rdfc-2022", |b| b.iter(|| verify_once(s, &s.rdfc)));
    group.finish();
}

/// Runs `f` repeatedly for about a second and returns operations per second.
fn rate(mut f: impl FnMut()) -> f64 {
    for _ in 0..200 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(1) {
        for _ in 0..100 {
            f();
        }
        n += 100;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn print_figures(s: &Setup) {
    let signature = s.key.sign(&s.message);
    let raw = rate(|| raw_once(s, &signature));
    let jcs = rate(|| verify_once(s, &s.jcs));
    let rdfc = rate(|| verify_once(s, &s.rdfc));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!();
    println!("Credential verification, one core ({threads} cores here), recognition certificate");
    println!("  (VC 2.0 + Open Badges 3.0, 3 languages, 2 status entries, did:web issuer):");
    println!("  raw Ed25519 verify:  {raw:>8.0} per second (the ceiling)");
    println!(
        "  eddsa-jcs-2022:      {jcs:>8.0} verifications per second ({:.0} % of raw Ed25519; target ≥ 50 %)",
        100.0 * jcs / raw
    );
    println!(
        "  eddsa-rdfc-2022:     {rdfc:>8.0} verifications per second ({:.1}× the ≈ 1,100/s of the reference JS; target ≥ 5,000/s)",
        rdfc / 1100.0
    );
    println!(
        "  (full verification: parse-free JSON in, shape, validity, proof, DID resolution, signature)"
    );
}

fn main() {
    let s = setup();
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &s);
    c.final_summary();
    // `cargo test --benches` runs this once without `--bench`: no figures then.
    if std::env::args().any(|a| a == "--bench") {
        print_figures(&s);
    }
}
