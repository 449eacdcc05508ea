//! The demo data set shipped with the platform, so a first start shows a living mechanism.
//! The files live in `data/demo/`; anything the founding record does not name is marked
//! `sample = true` there.

use crate::CliError;
use serde::Deserialize;
use wanqiao_domain::Grant;
use wanqiao_domain::LocalizedText;
use wanqiao_domain::Requirement;
use wanqiao_domain::alerts::AlertKind;
use wanqiao_domain::calendar::Calendar;
use wanqiao_domain::dataset::Dataset;
use wanqiao_domain::deadlines::{self, Calendars};
use wanqiao_domain::engine::{Facts, HeldQualification, compile_in_force, self_check};
use wanqiao_domain::engineer::EngineerProfile;
use wanqiao_domain::engineer::{
    CpdRecord, EducationEntry, ExperienceEntry, IdKind, Qualification, QualificationStatus,
    Standing,
};
use wanqiao_domain::workflow::{self, Action, Details, State};
use wanqiao_store::alerts::NewAlert;
use wanqiao_store::applications::{NewApplication, Transition};
use wanqiao_store::engineers::Particulars;
use wanqiao_store::secret::hash_password;
use wanqiao_store::{Store, Write};
use wanqiao_web::Issuing;

use wanqiao_domain::demo::{ENGINEERS, USERS};

/// The one password of every demo account, printed while demo data is in use.
pub const PASSWORD: &str = "wanqiao-demo-2026";

/// Recorded in the audit log when demo data is loaded; its presence means "demo mode".
pub const LOADED: &str = "demo.load";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoUser {
    pub email: String,
    pub display_name: String,
    pub grants: Vec<Grant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Users {
    user: Vec<DemoUser>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoIdentity {
    kind: IdKind,
    number: String,
}

/// A demo engineer profile, linked to a demo account when `account` is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEngineer {
    account: Option<String>,
    names: LocalizedText,
    standing: Standing,
    identity: Option<DemoIdentity>,
    #[serde(default)]
    education: Vec<EducationEntry>,
    #[serde(default)]
    experience: Vec<ExperienceEntry>,
    #[serde(default)]
    cpd: Vec<CpdRecord>,
    #[serde(default)]
    qualifications: Vec<Qualification>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Engineers {
    engineer: Vec<DemoEngineer>,
}

/// Writes the demo engineers with their records; qualifications keep their demo status.
/// Writes the demo engineers and answers their profiles as written, for the demo applications.
async fn load_engineers(w: &mut Write) -> Result<Vec<EngineerProfile>, CliError> {
    let engineers = toml::from_str::<Engineers>(ENGINEERS)
        .expect("the bundled demo engineers are valid")
        .engineer;
    let mut written = Vec::new();
    for e in engineers {
        let user = match &e.account {
            Some(email) => w.user_id_by_email(email).await?,
            None => None,
        };
        let particulars = Particulars {
            names: e.names.clone(),
            standing: e.standing,
            identity: e.identity.map(|i| (i.kind, i.number)),
        };
        let id = w.create_engineer(user.as_deref(), &particulars).await?;
        for x in &e.education {
            w.add_education(&id, x).await?;
        }
        for x in &e.experience {
            w.add_experience(&id, x).await?;
        }
        for x in &e.cpd {
            w.add_cpd(&id, x).await?;
        }
        let mut qualifications = Vec::new();
        for q in &e.qualifications {
            let qid = w.add_qualification(&id, q).await?;
            if q.status != QualificationStatus::Claimed {
                w.set_qualification_status(&id, &qid, q.status).await?;
            }
            qualifications.push(Qualification {
                id: qid,
                ..q.clone()
            });
        }
        written.push(EngineerProfile {
            id,
            user_id: user,
            names: e.names,
            identity: None,
            standing: e.standing,
            education: e.education,
            experience: e.experience,
            cpd: e.cpd,
            qualifications,
        });
    }
    Ok(written)
}

/// A demo application: whose, which qualification, where to, and the steps taken so far.
struct DemoApplication {
    engineer: &'static str,
    specialty: &'static str,
    host: &'static str,
    steps: &'static [(Action, &'static str)],
}

/// Applications in every state, so each queue has content on first start.
const APPLICATIONS: &[DemoApplication] = {
    use Action::*;
    const REVIEW: [(Action, &str); 3] = [
        (Submit, ""),
        (Attest, "Qualification checked against our register."),
        (StartReview, ""),
    ];
    const fn app(
        engineer: &'static str,
        specialty: &'static str,
        host: &'static str,
        steps: &'static [(Action, &'static str)],
    ) -> DemoApplication {
        DemoApplication {
            engineer,
            specialty,
            host,
            steps,
        }
    }
    &[
        app(
            "Chan Sample",
            "building",
            "hk-building-em",
            &[
                REVIEW[0],
                REVIEW[1],
                REVIEW[2],
                (Approve, "All conditions were met at interview."),
            ],
        ),
        app("Chan Sample", "building", "hk-building-em", &REVIEW),
        app("Chan Sample", "building", "hk-civil-infra", &[(Submit, "")]),
        app(
            "Chan Sample",
            "building",
            "mo-construction",
            &[
                REVIEW[0],
                REVIEW[1],
                REVIEW[2],
                (
                    ApproveWithConditions,
                    "Recognised once the aptitude test is passed.",
                ),
            ],
        ),
        app(
            "Chan Sample",
            "computing-it",
            "hk-info-systems",
            &[(Submit, "")],
        ),
        app(
            "Chan Sample",
            "computing-it",
            "mo-informatics",
            &[
                REVIEW[0],
                REVIEW[1],
                REVIEW[2],
                (Reject, "The agreement starts at 工程师."),
                (Appeal, "My title was upgraded; certificate to follow."),
            ],
        ),
        app(
            "Lee Sample",
            "building",
            "gd-civil-structural",
            &[
                (Submit, ""),
                (
                    RefuseAttestation,
                    "The registration number could not be matched.",
                ),
            ],
        ),
        app(
            "Lee Sample",
            "building",
            "gd-civil-structural",
            &[(Submit, ""), (Withdraw, "")],
        ),
        app("Lee Sample", "building", "gd-civil-structural", &[]),
        app(
            "Ng Sample",
            "civil",
            "hk-civil-infra",
            &[REVIEW[0], REVIEW[1]],
        ),
        app(
            "Ng Sample",
            "civil",
            "mo-construction",
            &[
                REVIEW[0],
                REVIEW[1],
                REVIEW[2],
                (
                    Reject,
                    "Five years of experience and an accredited degree are needed.",
                ),
            ],
        ),
        app(
            "Ng Sample",
            "civil",
            "mo-construction",
            &[
                REVIEW[0],
                REVIEW[1],
                REVIEW[2],
                (RequestInfo, "Please add the list of projects you led."),
            ],
        ),
    ]
};

/// How many days ago a demo application's steps were taken: 90 (about 60 working days) for
/// Chan's building applications waiting on attestation (by gd-building-services) and under
/// review (by hk-building-em), and Ng's civil one waiting on a decision, so the demo staff's
/// queues show overdue items on first start; 3 for the others.
fn demo_age_days(demo: &DemoApplication) -> i64 {
    let waiting = matches!(
        demo.steps.last(),
        Some((Action::Submit | Action::Attest | Action::StartReview, _))
    );
    match (demo.engineer, demo.specialty, demo.host) {
        ("Chan Sample", "building", "hk-civil-infra" | "hk-building-em")
        | ("Ng Sample", "civil", "hk-civil-infra")
            if waiting =>
        {
            90
        }
        _ => 3,
    }
}

/// The calendars a demo application's clocks count in, as the workflow chooses them.
fn demo_calendars(
    catalogue: &wanqiao_domain::Catalogue,
    home: Option<&str>,
    host: &str,
) -> Calendars<'static> {
    let of = |s: Option<&str>| {
        s.and_then(|s| catalogue.societies.get(s))
            .map(|s| Calendar::of(s.jurisdiction))
    };
    let host = of(Some(host)).unwrap_or_else(|| Calendar::of(wanqiao_domain::Jurisdiction::Intl));
    Calendars {
        home: of(home).unwrap_or(host),
        host,
    }
}

/// Reason codes a demo refusal cites.
fn demo_reasons(action: Action) -> Vec<String> {
    match action {
        Action::Reject => vec!["level_below_minimum".into(), "experience_short".into()],
        Action::RefuseAttestation => vec!["not_in_good_standing".into()],
        _ => Vec::new(),
    }
}

/// Creates the demo applications and walks each through its steps, freezing the agreement
/// version and evaluation at submission as the workflow does.
async fn load_applications(
    w: &mut Write,
    data: &Dataset,
    profiles: &[EngineerProfile],
    issuing: &Issuing,
) -> Result<(), CliError> {
    let catalogue = data.catalogue();
    let versions =
        compile_in_force(&data.agreements, &catalogue).expect("the demo agreements compile");
    let today = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
        .to_datetime(w.now())
        .date();
    for demo in APPLICATIONS {
        let profile = profiles
            .iter()
            .find(|p| p.names.en == demo.engineer)
            .expect("a demo engineer");
        let q = profile
            .qualifications
            .iter()
            .find(|q| q.specialty == demo.specialty)
            .expect("a demo qualification");
        let decision = self_check(
            &versions,
            &Facts::of_profile(profile, today),
            &HeldQualification::from(q),
            today,
        )
        .into_iter()
        .find(|d| d.society == demo.host)
        .expect("the demo application is reached by an agreement in force");
        let id = w
            .create_application(&NewApplication {
                engineer: &profile.id,
                qualification: &q.id,
                specialty: demo.specialty,
                home_society: q.society.as_deref(),
                host_society: demo.host,
            })
            .await?;
        let (mut state, mut outstanding, mut revision) = (State::Draft, Vec::new(), 0i64);
        // The clocks run from when the steps were taken: most a few days ago, some long
        // enough ago that they are overdue on first start.
        let acted_on = today
            .checked_sub(jiff::Span::new().days(demo_age_days(demo)))
            .expect("a demo day");
        let rules = data
            .agreements
            .iter()
            .find(|a| a.id == decision.agreement)
            .map(|a| a.deadlines)
            .unwrap_or_default();
        let cals = demo_calendars(&catalogue, q.society.as_deref(), demo.host);
        let mut clock = None;
        for (action, note) in demo.steps {
            let details = Details {
                reason_codes: demo_reasons(*action),
                conditions: vec![Requirement::AptitudeTest],
                ..Details::default()
            };
            let next = workflow::decide(state, &outstanding, *action, &details)
                .expect("the demo steps are valid");
            let frozen = (*action == Action::Submit).then(|| {
                (
                    decision.agreement.as_str(),
                    decision.version,
                    serde_json::to_value(&decision).expect("serialises"),
                )
            });
            w.transition_application(
                &id,
                &Transition {
                    action: *action,
                    from: state,
                    to: next.state,
                    revision,
                    outstanding: &next.outstanding,
                    note,
                    reason_codes: &details.reason_codes,
                    frozen,
                },
            )
            .await?;
            clock =
                deadlines::clock_after(clock.as_ref(), state, next.state, acted_on, &rules, cals);
            w.set_application_clock(&id, clock, (*action == Action::Submit).then_some(&rules))
                .await?;
            state = next.state;
            outstanding = next.outstanding;
            revision += 1;
        }
        // An approved demo application carries its certificate, issued as approval does.
        if state == State::Approved {
            wanqiao_web::issuing::issue_for_application(w, issuing, &id)
                .await
                .map_err(wanqiao_store::StoreError::from)?;
        }
        if demo.engineer == "Ng Sample"
            && demo.host == "mo-construction"
            && state == State::Rejected
        {
            // A discipline alert Macao raised about this engineer, shown to every society concerned.
            w.raise_alert(&NewAlert {
                engineer: &profile.id,
                society: "mo-construction",
                kind: AlertKind::Suspension,
                statement: "Sample: registration suspended for six months pending a review of site supervision records.",
            })
            .await?;
        }
    }
    Ok(())
}

/// The parsed and checked demo register.
pub fn dataset() -> Dataset {
    wanqiao_domain::demo::dataset()
}

/// The demo accounts.
pub fn users() -> Vec<DemoUser> {
    toml::from_str::<Users>(USERS)
        .expect("the bundled demo users are valid")
        .user
}

/// Loads the demo register and accounts into an empty database, in one transaction.
pub async fn load(store: &Store, issuing: &Issuing) -> Result<(), CliError> {
    let mut w = store.write("demo", jiff::Timestamp::now()).await?;
    w.load_dataset(&wanqiao_domain::demo::dataset()).await?;
    let hash = hash_password(PASSWORD);
    for u in users() {
        w.create_user(&u.email, &u.display_name, Some(&hash), &u.grants)
            .await?;
    }
    let data = dataset();
    let profiles = load_engineers(&mut w).await?;
    load_applications(&mut w, &data, &profiles, issuing).await?;
    w.audit(
        LOADED,
        "register",
        serde_json::json!({ "users": users().len() }),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// The demo sign-ins, to print while the demo data is in use.
pub fn logins() -> String {
    let mut out = format!("Demo accounts (password for all: {PASSWORD}):\n");
    for u in users() {
        let roles: Vec<String> = u
            .grants
            .iter()
            .map(|g| match &g.society {
                Some(s) => format!("{} of {s}", g.role),
                None => g.role.to_string(),
            })
            .collect();
        out.push_str(&format!("  {:<34} {}\n", u.email, roles.join(", ")));
    }
    out
}
