//! Page and search latency against a running server (DESIGN.md §10: a register search
//! p95 < 30 ms, any page < 50 ms, at 1 M engineers and 100 k applications). `bench/pages.sh`
//! makes the database and starts the server; this drives it.
//!
//! ```text
//! cargo run --release -p wanqiao --example page_load -- BASE_URL DATABASE_URL [REQUESTS]
//! ```
//!
//! Reads sample queries from the database itself (names of listed holders and of members,
//! member numbers, certificate ids), signs in as demo accounts, then requests each kind of
//! page REQUESTS times (default 200), one request at a time over one keep-alive connection,
//! after one unmeasured warm-up request, and prints p50, p95 and p99 per kind. Only BASE_URL
//! (a loopback address) is contacted.

use sqlx::{AnyConnection, Connection, Row};
use std::time::{Duration, Instant};

const PASSWORD: &str = "wanqiao-demo-2026";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: page_load BASE_URL DATABASE_URL [REQUESTS]";
    let base = args.next().expect(usage).trim_end_matches('/').to_string();
    let database = args.next().expect(usage);
    let requests: usize = args
        .next()
        .map(|n| n.parse().expect("REQUESTS is a whole number"))
        .unwrap_or(200);
    assert!(
        base.starts_with("http://127.") || base.starts_with("http://localhost"),
        "BASE_URL must be a loopback address"
    );

    let samples = Samples::read(&database).await;
    println!(
        "samples: {} listed holders, {} members, {} of hk-building-em",
        samples.listed.len(),
        samples.members.len(),
        samples.hk_members.len()
    );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .build()
        .expect("an HTTP client");
    let admin = login(&http, &base, "admin@wanqiao.example").await;
    let hk = login(&http, &base, "hk.admin@wanqiao.example").await;
    let reviewer = login(&http, &base, "gdes.reviewer@wanqiao.example").await;
    let agreement = first_agreement(&http, &base).await;

    let q = |s: &str| form_urlencoded(s);
    let listed = &samples.listed;
    let members = &samples.members;
    let pick = |n: usize, f: &dyn Fn(usize) -> Option<String>| -> Vec<String> {
        (0..n).filter_map(f).collect()
    };
    let n = requests;
    let kinds: Vec<(&str, Option<&str>, Vec<String>)> = vec![
        (
            "register search: 2 Chinese characters",
            None,
            pick(n, &|i| {
                let h = &listed[i % listed.len()];
                Some(format!(
                    "/register?q={}",
                    q(&h.zh.chars().take(2).collect::<String>())
                ))
            }),
        ),
        (
            "register search: 3 Chinese characters",
            None,
            pick(n, &|i| {
                let h = &listed[i % listed.len()];
                Some(format!(
                    "/register?q={}",
                    q(&h.zh.chars().take(3).collect::<String>())
                ))
            }),
        ),
        (
            "register search: English, part of a word",
            None,
            pick(n, &|i| {
                let h = &listed[i % listed.len()];
                Some(format!("/register?q={}", q(&partial_word(&h.en, i))))
            }),
        ),
        (
            "register search: certificate id",
            None,
            pick(n, &|i| {
                Some(format!(
                    "/register?q={}",
                    listed[i % listed.len()].credential
                ))
            }),
        ),
        (
            "register search: member number",
            None,
            pick(n, &|i| {
                let h = &listed[i % listed.len()];
                h.member.as_ref().map(|m| format!("/register?q={}", q(m)))
            }),
        ),
        (
            "register search API: 2 Chinese characters",
            None,
            pick(n, &|i| {
                let h = &listed[i % listed.len()];
                Some(format!(
                    "/api/v1/register?q={}",
                    q(&h.zh.chars().take(2).collect::<String>())
                ))
            }),
        ),
        ("register page", None, vec!["/register".to_string(); n]),
        (
            "admin search: surname (1 character)",
            Some(&admin),
            pick(n, &|i| {
                let m = &members[i % members.len()];
                Some(format!(
                    "/admin/engineers?q={}",
                    q(&m.zh.chars().take(1).collect::<String>())
                ))
            }),
        ),
        (
            "admin search: 2 Chinese characters",
            Some(&admin),
            pick(n, &|i| {
                let m = &members[i % members.len()];
                Some(format!(
                    "/admin/engineers?q={}",
                    q(&m.zh.chars().take(2).collect::<String>())
                ))
            }),
        ),
        (
            "admin search: 3 Chinese characters",
            Some(&admin),
            pick(n, &|i| {
                let m = &members[i % members.len()];
                Some(format!(
                    "/admin/engineers?q={}",
                    q(&m.zh.chars().take(3).collect::<String>())
                ))
            }),
        ),
        (
            "admin search: English, part of a word",
            Some(&admin),
            pick(n, &|i| {
                let m = &members[i % members.len()];
                Some(format!("/admin/engineers?q={}", q(&partial_word(&m.en, i))))
            }),
        ),
        (
            "admin search: member number",
            Some(&admin),
            pick(n, &|i| {
                Some(format!(
                    "/admin/engineers?q={}",
                    q(&members[i % members.len()].number)
                ))
            }),
        ),
        (
            "admin search: society staff, English",
            Some(&hk),
            pick(n, &|i| {
                let m = &samples.hk_members[i % samples.hk_members.len().max(1)];
                Some(format!("/admin/engineers?q={}", q(&partial_word(&m.en, i))))
            }),
        ),
        (
            "admin engineer list",
            Some(&admin),
            vec!["/admin/engineers".to_string(); n],
        ),
        (
            "applications list (society admin)",
            Some(&hk),
            vec!["/applications".to_string(); n],
        ),
        (
            "review queue (reviewer)",
            Some(&reviewer),
            vec!["/queues/review".to_string(); n],
        ),
        ("home page", None, vec!["/".to_string(); n]),
        ("agreements list", None, vec!["/agreements".to_string(); n]),
        (
            "agreement page",
            None,
            vec![format!("/agreements/{agreement}"); n],
        ),
        ("dashboard", None, vec!["/dashboard".to_string(); n]),
        (
            "society dashboard (society admin)",
            Some(&hk),
            vec!["/societies/hk-building-em/dashboard".to_string(); n],
        ),
    ];

    println!(
        "{:<44} {:>6} {:>9} {:>9} {:>9} {:>9}  other than 200",
        "page", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    for (name, cookie, paths) in kinds {
        if paths.is_empty() {
            println!("{name:<44} (no samples)");
            continue;
        }
        let get = |path: &str| {
            let mut r = http.get(format!("{base}{path}"));
            if let Some(c) = cookie {
                r = r.header("cookie", c);
            }
            r
        };
        let _ = get(&paths[0]).send().await.map(|r| r.bytes());
        let mut times = Vec::with_capacity(paths.len());
        let mut other = Vec::new();
        for path in &paths {
            let started = Instant::now();
            let reply = get(path).send().await.expect("the server answers");
            let status = reply.status().as_u16();
            let _ = reply.bytes().await.expect("the body arrives");
            times.push(started.elapsed());
            if status != 200 && other.len() < 3 {
                other.push(format!("{status} {path}"));
            }
        }
        times.sort();
        let at = |p: f64| {
            ms(times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1])
        };
        println!(
            "{name:<44} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1}  {}",
            times.len(),
            at(0.50),
            at(0.95),
            at(0.99),
            ms(*times.last().unwrap()),
            other.join("; ")
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Four or five letters of one word of an English name, lower-cased: "chan tai man" → "tai"…
fn partial_word(name: &str, i: usize) -> String {
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.len() >= 3).collect();
    let Some(word) = words.get(i % words.len().max(1)) else {
        return name.to_lowercase();
    };
    word.chars()
        .take(4 + i % 2)
        .collect::<String>()
        .to_lowercase()
}

fn form_urlencoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn login(http: &reqwest::Client, base: &str, email: &str) -> String {
    let reply = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(reply.status(), 200, "sign-in of {email}");
    reply
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string()
}

async fn first_agreement(http: &reqwest::Client, base: &str) -> String {
    let list: serde_json::Value = http
        .get(format!("{base}/api/v1/agreements?status=in-force"))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON");
    list["items"][0]["id"]
        .as_str()
        .expect("an agreement")
        .to_string()
}

struct Holder {
    zh: String,
    en: String,
    credential: String,
    member: Option<String>,
}

struct Member {
    zh: String,
    en: String,
    number: String,
}

struct Samples {
    listed: Vec<Holder>,
    members: Vec<Member>,
    hk_members: Vec<Member>,
}

impl Samples {
    async fn read(url: &str) -> Samples {
        sqlx::any::install_default_drivers();
        let mut db = AnyConnection::connect(url)
            .await
            .expect("the database opens");
        let listed = sqlx::query(
            "SELECT e.name_zh_hans, e.name_en, c.id,
                    (SELECT MIN(m.member_number) FROM society_members m WHERE m.engineer_id = e.id)
             FROM credentials c JOIN applications a ON a.id = c.application_id
                  JOIN engineers e ON e.id = a.engineer_id
             WHERE c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL
             ORDER BY c.id LIMIT 1000",
        )
        .fetch_all(&mut db)
        .await
        .expect("listed holders")
        .into_iter()
        .map(|r| Holder {
            zh: r.get(0),
            en: r.get(1),
            credential: r.get(2),
            member: r.get(3),
        })
        .collect();
        let members = |society: Option<&str>| {
            let sql = match society {
                Some(_) => {
                    "SELECT e.name_zh_hans, e.name_en, m.member_number FROM society_members m
                            JOIN engineers e ON e.id = m.engineer_id
                            WHERE m.society_id = $1 ORDER BY m.engineer_id LIMIT 1000"
                }
                None => {
                    "SELECT e.name_zh_hans, e.name_en, m.member_number FROM society_members m
                         JOIN engineers e ON e.id = m.engineer_id
                         WHERE m.engineer_id >= $1 ORDER BY m.engineer_id LIMIT 1000"
                }
            };
            sqlx::query(sql).bind(society.unwrap_or("8"))
        };
        let read = |rows: Vec<sqlx::any::AnyRow>| -> Vec<Member> {
            rows.into_iter()
                .map(|r| Member {
                    zh: r.get(0),
                    en: r.get(1),
                    number: r.get(2),
                })
                .collect()
        };
        let all = read(members(None).fetch_all(&mut db).await.expect("members"));
        let hk = read(
            members(Some("hk-building-em"))
                .fetch_all(&mut db)
                .await
                .expect("members"),
        );
        db.close().await.ok();
        Samples {
            listed,
            members: all,
            hk_members: hk,
        }
    }
}
