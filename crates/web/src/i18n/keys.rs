//! Every message is used, and Portuguese covers the public pages.
//!
//! A message is used when its id appears in quotes (`"site-name"`) in the web crate's code or
//! templates, or in the engine's message ids; when another message refers to it; or when it
//! belongs to one of the [`families`]: ids built at run time from a code, such as
//! `format!("application-state-{}", state.code())`. A family lists its codes, taken from the
//! domain's types where they are public, so every id of the family must name a real code and
//! every code must have its message: a blanket "ignore this prefix" would let dead messages
//! pile up.

use super::{I18n, PAGE_LOCALES};
use fluent_syntax::ast;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use wanqiao_domain::alerts::AlertKind;
use wanqiao_domain::engine::OutcomeKind;
use wanqiao_domain::engineer::{Accreditation, IdKind, QualificationStatus, Standing};
use wanqiao_domain::fees::FeeStep;
use wanqiao_domain::workflow::{Action, State};
use wanqiao_domain::{
    ActivityKind, AgreementKind, AgreementStatus, FrameworkKind, Jurisdiction, Requirement, Role,
    SocietyRole, SpecialtyStatus, VersionStatus,
};
use wanqiao_store::reports::{DECISION_STEP, STEP_STATES};

/// Ids built from codes: a prefix, the suffixes that follow the code, and the codes.
struct Family {
    prefix: &'static str,
    suffixes: &'static [&'static str],
    codes: Vec<String>,
}

fn family(prefix: &'static str, codes: impl IntoIterator<Item = impl ToString>) -> Family {
    Family {
        prefix,
        suffixes: &[""],
        codes: codes.into_iter().map(|c| c.to_string()).collect(),
    }
}

fn with_suffixes(
    prefix: &'static str,
    suffixes: &'static [&'static str],
    codes: impl IntoIterator<Item = impl ToString>,
) -> Family {
    Family {
        suffixes,
        ..family(prefix, codes)
    }
}

/// Codes of a type without a list of its values: each must parse, so a renamed code fails.
fn parsed<T>(codes: &[&'static str], parse: impl Fn(&str) -> Option<T>) -> Vec<&'static str> {
    for c in codes {
        assert!(parse(c).is_some(), "`{c}` is no longer a code");
    }
    codes.to_vec()
}

/// Every family of ids built at run time, with the place that builds it.
fn families() -> Vec<Family> {
    vec![
        // i18n.rs, English dates.
        family("month-", 1..=12),
        // pages/mod.rs, the language switcher.
        family("language-name-", PAGE_LOCALES.iter().map(|l| l.tag())),
        // views.rs
        family("jurisdiction-", Jurisdiction::ALL.iter().map(|j| j.code())),
        family("role-", SocietyRole::ALL.iter().map(|r| r.code())),
        family(
            "agreement-status-",
            AgreementStatus::ALL.iter().map(|s| s.code()),
        ),
        family(
            "agreement-kind-",
            parsed(&["agreement", "letter-of-intent"], AgreementKind::parse),
        ),
        family(
            "version-status-",
            parsed(&["draft", "in-force", "superseded"], VersionStatus::parse),
        ),
        family(
            "framework-kind-",
            parsed(
                &["title", "membership", "registration"],
                FrameworkKind::parse,
            ),
        ),
        family(
            "requirement-",
            parsed(
                &[
                    "aptitude-test",
                    "adaptation-period",
                    "professional-interview",
                    "local-regulations-briefing",
                ],
                |c| {
                    if c == "adaptation-period" {
                        "adaptation-period:12".parse::<Requirement>().ok()
                    } else {
                        c.parse::<Requirement>().ok()
                    }
                },
            ),
        ),
        // pages/recognition.rs
        family(
            "recognition-outcome-",
            OutcomeKind::ALL.iter().map(|o| o.code()),
        ),
        // pages/account.rs, pages/admin_users.rs
        family("role-name-", Role::ALL.iter().map(|r| r.code())),
        // pages/alerts.rs
        family("alert-kind-", AlertKind::ALL.iter().map(|k| k.code())),
        // pages/specialties.rs, pages/admin_register*.rs
        family(
            "specialty-status-",
            parsed(&["pilot", "active"], SpecialtyStatus::parse),
        ),
        // pages/people.rs
        family("activity-kind-", ActivityKind::ALL.iter().map(|k| k.code())),
        // pages/applications.rs
        family("application-state-", State::ALL.iter().map(|s| s.code())),
        // The history also names the application's creation, which is no action one takes.
        family(
            "application-action-",
            Action::ALL.iter().map(|a| a.code()).chain(["create"]),
        ),
        family("fees-step-", FeeStep::ALL.iter().map(|s| s.code())),
        // The reasons a refusal cites: the engine's reason codes (pages/applications.rs).
        family(
            "application-reason-",
            [
                "level_below_minimum",
                "experience_short",
                "education_not_accredited",
                "cpd_short",
                "not_in_good_standing",
                "requirement_outstanding",
            ],
        ),
        // A referee's answer as stored (service/referees.rs).
        family("application-referee-", ["pending", "confirmed", "declined"]),
        // pages/certificate.rs: `Live`, the status of a certificate today.
        family(
            "cert-status-",
            ["active", "suspended", "revoked", "expired"],
        ),
        // pages/referee.rs: what a referee's link page says after an answer.
        with_suffixes(
            "referee-",
            &["-title", "-body"],
            ["confirmed", "declined", "used", "expired", "unknown"],
        ),
        // pages/queues.rs: each queue's navigation entry names its title and lead.
        with_suffixes(
            "queue-",
            &["-title", "-lead", "-empty"],
            ["attestation", "review", "overdue"],
        ),
        // pages/admin_register_lifecycle.rs: the steps of an agreement's life.
        with_suffixes(
            "reg-step-",
            &["", "-lead", "-button"],
            [
                "sign_intent",
                "bring_into_force",
                "draft_version",
                "put_version_in_force",
                "suspend",
                "resume",
                "expire",
            ],
        ),
        // pages/admin_register_agreements.rs: the fields an agreement's file may not change
        // (service/agreement_drafts.rs, `Locked::field`; `version` has its own message).
        family("reg-locked-", ["id", "status", "kind"]),
        // pages/verify.rs: a verification finding by its code (the credentials crate's
        // `Error::code`, and service/credentials.rs's own).
        family(
            "verify-finding-",
            [
                "malformed",
                "too_large",
                "too_deep",
                "unknown_context",
                "invalid_context",
                "undefined_term",
                "unsupported_jsonld",
                "poison_graph",
                "unknown_cryptosuite",
                "no_proof",
                "wrong_proof_purpose",
                "unknown_key",
                "key_not_authorised",
                "invalid_signature",
                "missing_previous_proof",
                "not_yet_valid",
                "expired",
                "bad_encoding",
                "status_list",
                "key_decryption",
                "unknown_check",
                "unavailable",
                "no_status",
                "status_unavailable",
                "revoked",
                "suspended",
            ],
        ),
        // pages/profile.rs: an engineer's documents, degrees, standing and qualifications.
        family("profile-id-kind-", IdKind::ALL.iter().map(|k| k.code())),
        family(
            "profile-accreditation-",
            Accreditation::ALL.iter().map(|a| a.code()),
        ),
        family("profile-standing-", Standing::ALL.iter().map(|s| s.code())),
        family(
            "profile-qualification-",
            QualificationStatus::ALL.iter().map(|q| q.code()),
        ),
        // pages/certificate.rs: the changes of a certificate's status staff may make.
        with_suffixes(
            "cert-change-",
            &["", "-lead"],
            ["suspend", "reinstate", "revoke"],
        ),
        // pages/dashboard_figures.rs: months on the charts' axes, and the steps timed.
        family("dash-month-", 1..=12),
        family(
            "dash-step-",
            STEP_STATES.iter().map(|s| s.code()).chain([DECISION_STEP]),
        ),
        // service/notifications.rs: each notification's subject and body.
        with_suffixes(
            "notify-",
            &["-subject", "-body"],
            [
                "referee_request",
                "action_needed",
                "application_decided",
                "alert",
                "signup_existing",
            ],
        ),
    ]
}

/// The folders whose files may name message ids.
fn corpus_roots() -> Vec<PathBuf> {
    let web = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        web.join("src"),
        web.join("templates"),
        web.join("../domain/src/engine"),
    ]
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a readable folder").path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "rs" || e == "html" || e == "svg" || e == "txt")
        {
            out.push(path);
        }
    }
}

/// The text of every file that may name message ids; this file's own list of families and
/// `i18n.rs` itself (its tests quote ids) are left out so that they prove nothing.
fn corpus() -> String {
    let mut files = Vec::new();
    for root in corpus_roots() {
        files_under(&root, &mut files);
    }
    files
        .into_iter()
        .filter(|p| !p.ends_with("src/i18n.rs") && !p.ends_with("src/i18n/keys.rs"))
        .map(|p| std::fs::read_to_string(&p).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ids that other messages refer to (`{ other-id }`).
fn referenced(source: &str) -> BTreeSet<String> {
    fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::MessageReference { id, .. } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_refs(expression, out),
            _ => {}
        }
    }
    fn expression_refs(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expression_refs(expression, out);
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    let mut out = BTreeSet::new();
    for entry in &resource.body {
        let (value, attributes) = match entry {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        if let Some(v) = value {
            pattern(v, &mut out);
        }
        for a in attributes {
            pattern(&a.value, &mut out);
        }
    }
    out
}

/// Whether `id` is one of a family's: its prefix, one of its codes, one of its suffixes.
fn in_family(id: &str, families: &[Family]) -> bool {
    families.iter().any(|f| {
        id.strip_prefix(f.prefix).is_some_and(|rest| {
            f.suffixes.iter().any(|s| {
                rest.strip_suffix(s)
                    .is_some_and(|code| f.codes.iter().any(|c| c == code))
            })
        })
    })
}

fn all_ids(i18n: &I18n) -> BTreeSet<String> {
    i18n.message_ids()
        .into_iter()
        .flat_map(|(_, ids)| ids)
        .collect()
}

#[test]
fn every_message_is_used() {
    let i18n = I18n::new();
    let corpus = corpus();
    let families = families();
    let mut refs = BTreeSet::new();
    for (_, source) in super::all_sources() {
        refs.extend(referenced(source));
    }
    let unused: Vec<String> = all_ids(&i18n)
        .into_iter()
        .filter(|id| {
            !corpus.contains(&format!("\"{id}\""))
                && !refs.contains(id)
                && !in_family(id, &families)
        })
        .collect();
    assert!(
        unused.is_empty(),
        "{} messages are used nowhere; remove them, or, when their id is built from a code, \
         list the family in i18n/keys.rs: {unused:#?}",
        unused.len()
    );
}

#[test]
fn every_code_of_a_family_has_its_message() {
    let ids = all_ids(&I18n::new());
    let mut missing = Vec::new();
    for f in families() {
        for code in &f.codes {
            for suffix in f.suffixes {
                let id = format!("{}{code}{suffix}", f.prefix);
                if !ids.contains(&id) {
                    missing.push(id);
                }
            }
        }
    }
    assert!(missing.is_empty(), "messages missing: {missing:#?}");
}

/// The templates of the pages anyone can read without signing in (and what they include).
const PUBLIC_TEMPLATES: &[&str] = &[
    "base.html",
    "error.html",
    "home.html",
    "societies.html",
    "society.html",
    "specialties.html",
    "agreements.html",
    "agreement.html",
    "fellows.html",
    "activities.html",
    "what_if.html",
    "decisions.html",
    "sample.html",
    "verify.html",
    "certificate.html",
    "credential.html",
    "public_register.html",
    "login.html",
    "referee.html",
    "referee_done.html",
    "macros/forms.html",
    "macros/lists.html",
];

/// The code behind the public pages, for the ids it passes to them.
const PUBLIC_SOURCES: &[&str] = &[
    "pages/mod.rs",
    "pages/home.rs",
    "pages/societies.rs",
    "pages/specialties.rs",
    "pages/agreements.rs",
    "pages/people.rs",
    "pages/verify.rs",
    "pages/certificate.rs",
    "pages/credential.rs",
    "pages/public_register.rs",
    "pages/referee.rs",
    "pages/listing.rs",
    // The what-if page, with the self-check and impact pages beside it.
    "pages/recognition.rs",
    // Signing in, with the account page beside it.
    "pages/account.rs",
    "views.rs",
];

/// Families of ids the public pages build: every code's message must be in Portuguese.
const PUBLIC_FAMILIES: &[&str] = &[
    "month-",
    "language-name-",
    "jurisdiction-",
    "role-",
    "agreement-status-",
    "agreement-kind-",
    "version-status-",
    "framework-kind-",
    "requirement-",
    "recognition-outcome-",
    "specialty-status-",
    "activity-kind-",
    "cert-status-",
    "referee-",
    "verify-finding-",
];

/// Ids quoted in `text` that are message ids.
fn quoted_ids<'a>(text: &str, ids: &'a BTreeSet<String>) -> BTreeSet<&'a String> {
    ids.iter()
        .filter(|id| text.contains(&format!("\"{id}\"")))
        .collect()
}

#[test]
fn portuguese_covers_every_public_page() {
    let i18n = I18n::new();
    let ids = all_ids(&i18n);
    let portuguese: BTreeSet<String> = i18n.portuguese_ids().into_iter().collect();
    let web = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut needed: BTreeSet<String> = BTreeSet::new();
    for t in PUBLIC_TEMPLATES {
        needed.extend(
            quoted_ids(&read(web.join("templates").join(t)), &ids)
                .into_iter()
                .cloned(),
        );
    }
    for s in PUBLIC_SOURCES {
        needed.extend(
            quoted_ids(&read(web.join("src").join(s)), &ids)
                .into_iter()
                .cloned(),
        );
    }
    // The engine explains decisions on the what-if page: its messages and what they cite.
    let mut engine = Vec::new();
    files_under(&web.join("../domain/src/engine"), &mut engine);
    for f in engine {
        needed.extend(quoted_ids(&read(f), &ids).into_iter().cloned());
    }
    for f in families() {
        if PUBLIC_FAMILIES.contains(&f.prefix) {
            for code in &f.codes {
                for suffix in f.suffixes {
                    needed.insert(format!("{}{code}{suffix}", f.prefix));
                }
            }
        }
    }
    let missing: Vec<&String> = needed.difference(&portuguese).collect();
    assert!(
        missing.is_empty(),
        "{} messages of the public pages have no Portuguese (locales/pt.ftl): {missing:#?}",
        missing.len()
    );
}

#[test]
fn portuguese_has_no_message_the_others_lack() {
    let i18n = I18n::new();
    let ids = all_ids(&i18n);
    let stray: Vec<String> = i18n
        .portuguese_ids()
        .into_iter()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(stray.is_empty(), "only in Portuguese: {stray:?}");
    let portuguese: BTreeSet<String> = i18n.portuguese_ids().into_iter().collect();
    let dangling: Vec<String> = referenced(super::PT_SOURCE)
        .into_iter()
        .filter(|id| !portuguese.contains(id))
        .collect();
    assert!(
        dangling.is_empty(),
        "Portuguese messages refer to messages it lacks: {dangling:?}"
    );
}
