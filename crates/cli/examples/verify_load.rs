//! Load driver for the public verify endpoint (DESIGN.md §10: ≥ 5,000 requests/s, p99 < 20 ms
//! over loopback on 2 cores).
//!
//! ```text
//! cargo run --release -p wanqiao --example verify_load [-- CONNECTIONS SECONDS MAX_REQUESTS]
//! ```
//!
//! Starts the real server in-process on 127.0.0.1:0 over a fresh SQLite database with the
//! demo data, takes the certificate of the approved demo application from
//! `GET /api/v1/credentials/{id}`, then posts it to `POST /api/v1/credentials/verify` from
//! CONNECTIONS keep-alive connections (default 32) for SECONDS (default 10) or MAX_REQUESTS
//! (default 200,000), whichever comes first, and prints requests per second and the latency
//! percentiles. Every answer must be 200 `"verified": true`. Only 127.0.0.1 is contacted.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wanqiao::server::Running;
use wanqiao_domain::workflow::State;
use wanqiao_store::applications::ApplicationFilter;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let mut arg = |default: u64| {
        args.next()
            .map(|a| a.parse().expect("arguments are whole numbers"))
            .unwrap_or(default)
    };
    let connections = arg(32);
    let seconds = arg(10);
    let max_requests = arg(200_000);

    let file = std::env::temp_dir().join(format!(
        "wanqiao-verify-load-{}.db",
        wanqiao_store::secret::new_id()
    ));
    let url = format!("sqlite://{}", file.display());
    let server = Running::start(&url, "127.0.0.1:0".parse().unwrap(), true)
        .await
        .expect("the server starts");
    let addr = server.addr;

    let filter = ApplicationFilter {
        state: Some(State::Approved),
        ..ApplicationFilter::default()
    };
    let mut certificate = None;
    for a in server
        .store
        .applications(&filter, wanqiao_store::Page::ALL)
        .await
        .expect("applications")
        .items
    {
        if let Some(id) = server.store.credential_of_application(&a.id).await.unwrap() {
            certificate = Some(id);
            break;
        }
    }
    let id = certificate.expect("the demo has an approved application with its certificate");
    let (status, vc) = request(addr, "GET", &format!("/api/v1/credentials/{id}"), "").await;
    assert_eq!(status, 200, "GET the certificate: {vc}");
    let body = format!(
        r#"{{"verifiableCredential":{vc},"options":{{"checks":["proof","credentialStatus"]}}}}"#
    );
    let (status, report) = request(addr, "POST", "/api/v1/credentials/verify", &body).await;
    assert_eq!(status, 200, "the demo certificate verifies: {report}");

    println!(
        "verify_load: POST /api/v1/credentials/verify with certificate {id} ({} bytes), {connections} connections, up to {seconds} s or {max_requests} requests, {} cores",
        body.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let raw = Arc::new(
        format!(
            "POST /api/v1/credentials/verify HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    );
    let issued = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let raw = raw.clone();
        let issued = issued.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.expect("connect");
            stream.set_nodelay(true).unwrap();
            let mut buffer = Vec::with_capacity(4096);
            let mut latencies = Vec::new();
            let mut failures = 0u64;
            while Instant::now() < deadline && issued.fetch_add(1, Ordering::Relaxed) < max_requests
            {
                let sent = Instant::now();
                stream.write_all(&raw).await.expect("send");
                let (status, body) = read_response(&mut stream, &mut buffer).await;
                latencies.push(sent.elapsed());
                if status != 200 || !body.contains("\"verified\":true") {
                    failures += 1;
                }
            }
            (latencies, failures)
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    for t in tasks {
        let (l, f) = t.await.expect("a connection's task");
        latencies.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let n = latencies.len();
    let at = |q: f64| latencies[((n as f64 * q) as usize).min(n - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{n} requests in {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {failures} not verified",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(latencies[n - 1]),
    );
    server.stop().await.expect("the server stops");
    let _ = std::fs::remove_file(&file);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    assert_eq!(failures, 0, "every answer must be verified");
}

/// One request on its own connection, for the set-up.
async fn request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(raw.as_bytes()).await.expect("send");
    let mut buffer = Vec::new();
    read_response(&mut stream, &mut buffer).await
}

/// Reads one HTTP/1.1 response with a Content-Length body; leaves any excess in `buffer`.
async fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> (u16, String) {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let status: u16 = head
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .expect("a status line");
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .expect("a Content-Length");
            while buffer.len() < end + 4 + length {
                let read = stream.read(&mut chunk).await.expect("read");
                assert!(read > 0, "the server closed the connection");
                buffer.extend_from_slice(&chunk[..read]);
            }
            let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).to_string();
            buffer.drain(..end + 4 + length);
            return (status, body);
        }
        let read = stream.read(&mut chunk).await.expect("read");
        assert!(read > 0, "the server closed the connection");
        buffer.extend_from_slice(&chunk[..read]);
    }
}
