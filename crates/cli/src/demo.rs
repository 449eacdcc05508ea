//! The demo data set shipped with the platform, so a first start shows a living mechanism.
//! The files live in `data/demo/`; anything the founding record does not name is marked
//! `sample = true` there.

use crate::CliError;
use serde::Deserialize;
use wanqiao_domain::Grant;
use wanqiao_domain::LocalizedText;
use wanqiao_domain::dataset::Dataset;
use wanqiao_domain::engineer::{
    CpdRecord, EducationEntry, ExperienceEntry, IdKind, Qualification, QualificationStatus,
    Standing,
};
use wanqiao_store::engineers::Particulars;
use wanqiao_store::secret::hash_password;
use wanqiao_store::{Store, Write};

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
async fn load_engineers(w: &mut Write) -> Result<(), CliError> {
    let engineers = toml::from_str::<Engineers>(ENGINEERS)
        .expect("the bundled demo engineers are valid")
        .engineer;
    for e in engineers {
        let user = match &e.account {
            Some(email) => w.user_id_by_email(email).await?,
            None => None,
        };
        let particulars = Particulars {
            names: e.names,
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
        for q in &e.qualifications {
            let qid = w.add_qualification(&id, q).await?;
            if q.status != QualificationStatus::Claimed {
                w.set_qualification_status(&id, &qid, q.status).await?;
            }
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
pub async fn load(store: &Store) -> Result<(), CliError> {
    let mut w = store.write("demo", jiff::Timestamp::now()).await?;
    w.load_dataset(&dataset()).await?;
    let hash = hash_password(PASSWORD);
    for u in users() {
        w.create_user(&u.email, &u.display_name, Some(&hash), &u.grants)
            .await?;
    }
    load_engineers(&mut w).await?;
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
