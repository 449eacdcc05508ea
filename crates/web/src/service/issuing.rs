//! Issuing recognition certificates: each host society's Ed25519 key (made on first use,
//! sealed under the master key), the certificate an approval issues in the approving
//! transaction, DID documents and signed status lists.

use crate::i18n::{Arg, I18n};
use crate::{ApiError, views};
use ed25519_dalek::SigningKey;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wanqiao_credentials::did::{did_web, did_web_document, did_web_method};
use wanqiao_credentials::jsonld::bundled::{CREDENTIALS_V2, OPEN_BADGES_V3};
use wanqiao_credentials::keys::MasterKey;
use wanqiao_credentials::multikey::{decode_public, encode_public};
use wanqiao_credentials::proof::{Cryptosuite, ProofOptions};
use wanqiao_credentials::status_list::{
    MIN_BITS, StatusEntry, StatusList, StatusListCredential, StatusPurpose, random_index,
};
use wanqiao_domain::engine::Decision;
use wanqiao_domain::{Locale, LocalizedText, Requirement};
use wanqiao_store::credentials::{NewCredential, Purpose};
use wanqiao_store::secret::new_id;
use wanqiao_store::{Store, StoreError, Write};

/// The address the platform is reached at when `--public-url` is not given.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// How long a certificate is valid: five years.
const VALIDITY: SignedDuration = SignedDuration::from_hours(24 * 1826);

/// What issuing needs besides the database: the master key that seals issuer keys, and the
/// public URL that names the issuers (did:web) and the status lists.
pub struct Issuing {
    master: MasterKey,
    public_url: String,
    /// The `did:web:…:societies:` prefix of this platform's societies.
    did_prefix: String,
    i18n: Arc<I18n>,
    cache: Mutex<Cache>,
    /// The proof certificates get: eddsa-rdfc-2022, which every verifier of the field
    /// checks, unless a deployment chooses the faster eddsa-jcs-2022.
    suite: Cryptosuite,
}

/// How long a signed status list is reused before it is rebuilt from the database. Changes
/// made by this process clear it at once; this bounds how stale a list can be after a
/// change made by another process over the same database.
const LIST_TTL: Duration = Duration::from_secs(1);

/// Signed documents kept between requests, so verifying does not re-read and re-sign them:
/// DID documents (keys are only ever added, and a method missing from a cached document
/// makes the caller read it afresh) and status lists (cleared on every status change).
#[derive(Default)]
struct Cache {
    did_documents: HashMap<String, Arc<Value>>,
    lists: HashMap<(String, StatusPurpose), (Instant, Arc<SignedList>)>,
    /// Counts status changes, so a list read before one is not cached after it.
    generation: u64,
}

/// A signed status list credential with its bits decoded.
#[derive(Debug)]
pub struct SignedList {
    pub credential: Value,
    pub bits: StatusList,
}

impl std::fmt::Debug for Issuing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuing")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

/// Why a certificate could not be issued or a list signed.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("certificate: {0}")]
    Credential(#[from] wanqiao_credentials::Error),
}

impl From<IssueError> for ApiError {
    fn from(e: IssueError) -> ApiError {
        match e {
            IssueError::Store(s) => ApiError::Store(s),
            // A key that does not open under the master key, or a certificate the bundled
            // contexts refuse: a defect of the platform, logged as a server error.
            IssueError::Credential(c) => ApiError::Store(StoreError::Corrupt(c.to_string())),
        }
    }
}

impl From<IssueError> for StoreError {
    fn from(e: IssueError) -> StoreError {
        match e {
            IssueError::Store(s) => s,
            IssueError::Credential(c) => StoreError::Corrupt(c.to_string()),
        }
    }
}

/// Fills `bytes` from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

fn random_u64() -> u64 {
    u64::from_le_bytes(random_bytes::<8>())
}

impl Issuing {
    /// Issuing under `master` for a platform reached at `public_url` (http or https; a port
    /// becomes `%3A` in the DIDs).
    pub fn new(master: MasterKey, public_url: &str) -> Result<Issuing, String> {
        let public_url = public_url.trim_end_matches('/').to_string();
        let probe = did_web(&public_url, "x").map_err(|e| e.to_string())?;
        let did_prefix = probe[..probe.len() - 1].to_string();
        Ok(Issuing {
            master,
            public_url,
            did_prefix,
            i18n: Arc::new(I18n::new()),
            cache: Mutex::new(Cache::default()),
            suite: Cryptosuite::EddsaRdfc2022,
        })
    }

    /// The same, signing certificates with `suite`.
    pub fn with_cryptosuite(mut self, suite: Cryptosuite) -> Issuing {
        self.suite = suite;
        self
    }

    /// A fresh random master key and the default public URL: for tests and embedding, where
    /// nothing issued needs to outlive the process.
    pub fn ephemeral() -> Issuing {
        Issuing::new(
            MasterKey::from_bytes(random_bytes::<32>()),
            DEFAULT_PUBLIC_URL,
        )
        .expect("the default public URL is valid")
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The did:web of a society of this platform.
    pub fn did(&self, society: &str) -> String {
        format!("{}{society}", self.did_prefix)
    }

    /// The society of a did:web of this platform.
    pub fn local_society<'a>(&self, did: &'a str) -> Option<&'a str> {
        did.strip_prefix(self.did_prefix.as_str())
            .filter(|s| !s.is_empty() && !s.contains(':'))
    }

    pub fn status_list_url(&self, society: &str, purpose: StatusPurpose) -> String {
        format!(
            "{}/status-lists/{society}/{}",
            self.public_url,
            purpose.as_str()
        )
    }

    /// The society and purpose of a status list URL of this platform.
    pub fn local_status_list<'a>(&self, url: &'a str) -> Option<(&'a str, StatusPurpose)> {
        let rest = url
            .strip_prefix(self.public_url.as_str())?
            .strip_prefix("/status-lists/")?;
        let (society, purpose) = rest.split_once('/')?;
        Some((society, StatusPurpose::parse(purpose).ok()?))
    }

    pub fn credential_url(&self, id: &str) -> String {
        format!("{}/credentials/{id}", self.public_url)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets `society`'s cached status lists: call after committing a status change.
    pub fn forget_lists(&self, society: &str) {
        let mut cache = self.cache();
        cache.generation += 1;
        cache.lists.retain(|(s, _), _| s != society);
    }

    /// Forgets `society`'s cached DID document: call after committing a new key.
    pub fn forget_did_document(&self, society: &str) {
        self.cache().did_documents.remove(society);
    }

    /// The id of a certificate of this platform, from its `id` URL.
    pub fn local_credential<'a>(&self, url: &'a str) -> Option<&'a str> {
        url.strip_prefix(self.public_url.as_str())?
            .strip_prefix("/credentials/")
    }
}

/// Seals a new key for `society`, making it the current one (the previous one, if any, is
/// retired but stays in the DID document). Returns the new key's Multikey.
pub async fn new_key(
    w: &mut Write,
    issuing: &Issuing,
    society: &str,
) -> Result<String, IssueError> {
    let key = SigningKey::from_bytes(&random_bytes::<32>());
    let public = encode_public(&key.verifying_key());
    let sealed = issuing.master.seal(&key, random_bytes::<24>());
    w.add_signing_key(society, &public, &sealed).await?;
    Ok(public)
}

/// The current key of `society`, made on first use, with its verification method id.
pub async fn current_key(
    w: &mut Write,
    issuing: &Issuing,
    society: &str,
) -> Result<(SigningKey, String), IssueError> {
    let keys = w.signing_keys(society).await?;
    let sealed = match keys.iter().find(|k| k.retired_at.is_none()) {
        Some(k) => k.sealed.clone(),
        None => {
            new_key(w, issuing, society).await?;
            w.signing_keys(society)
                .await?
                .into_iter()
                .find(|k| k.retired_at.is_none())
                .map(|k| k.sealed)
                .ok_or_else(|| StoreError::Corrupt("a new key was not stored".into()))?
        }
    };
    let key = issuing.master.open(&sealed)?;
    let method = did_web_method(&issuing.did(society), &key.verifying_key());
    Ok((key, method))
}

/// Rotates `society`'s key: a new current key; the old ones stay listed.
pub async fn rotate(
    store: &Store,
    issuing: &Issuing,
    society: &str,
    actor: &str,
    now: Timestamp,
) -> Result<String, IssueError> {
    if store.society(society).await?.is_none() {
        return Err(StoreError::NotFound(format!("society `{society}`")).into());
    }
    let mut w = store.write(actor, now).await?;
    let public = new_key(&mut w, issuing, society).await?;
    w.commit().await?;
    issuing.forget_did_document(society);
    Ok(public)
}

/// The DID document of a society of this platform, listing every key it ever had;
/// `None` for an unknown society.
pub async fn did_document(
    store: &Store,
    issuing: &Issuing,
    society: &str,
) -> Result<Option<Value>, IssueError> {
    // Served as the database has it (keys may have been made by another process), and
    // kept for verifications.
    let doc = read_did_document(store, issuing, society).await?;
    if let Some(doc) = &doc {
        issuing
            .cache()
            .did_documents
            .insert(society.to_string(), Arc::new(doc.clone()));
    }
    Ok(doc)
}

/// The DID document of `society`, from the cache unless it lacks one of `methods` (a key
/// made since, perhaps by another process).
pub async fn cached_did_document(
    store: &Store,
    issuing: &Issuing,
    society: &str,
    methods: &[&str],
) -> Result<Option<Arc<Value>>, IssueError> {
    if let Some(doc) = issuing.cache().did_documents.get(society).cloned() {
        let has = |m: &&str| {
            doc.get("verificationMethod")
                .and_then(Value::as_array)
                .is_some_and(|vms| {
                    vms.iter()
                        .any(|vm| vm.get("id").and_then(Value::as_str) == Some(m))
                })
        };
        if methods.iter().all(has) {
            return Ok(Some(doc));
        }
    }
    let Some(doc) = read_did_document(store, issuing, society).await? else {
        return Ok(None);
    };
    let doc = Arc::new(doc);
    issuing
        .cache()
        .did_documents
        .insert(society.to_string(), doc.clone());
    Ok(Some(doc))
}

async fn read_did_document(
    store: &Store,
    issuing: &Issuing,
    society: &str,
) -> Result<Option<Value>, IssueError> {
    if store.society(society).await?.is_none() {
        return Ok(None);
    }
    let keys = store
        .signing_keys(society)
        .await?
        .iter()
        .map(|k| decode_public(&k.public_key))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(did_web_document(&issuing.did(society), &keys)))
}

/// The signed status list credential of `society` for `purpose`, built from the stored
/// status bits; `None` for an unknown society.
pub async fn status_list(
    store: &Store,
    issuing: &Issuing,
    society: &str,
    purpose: StatusPurpose,
    now: Timestamp,
) -> Result<Option<Value>, IssueError> {
    // Served signed by the current key, even when another process made it.
    let current = store
        .signing_keys(society)
        .await?
        .into_iter()
        .find(|k| k.retired_at.is_none())
        .map(|k| k.public_key);
    let signed_by_current = |list: &SignedList| {
        current.as_deref().is_some_and(|key| {
            list.credential
                .pointer("/proof/verificationMethod")
                .and_then(Value::as_str)
                .is_some_and(|m| m.ends_with(&format!("#{key}")))
        })
    };
    if let Some(list) = signed_list(store, issuing, society, purpose, now).await?
        && signed_by_current(&list)
    {
        return Ok(Some(list.credential.clone()));
    }
    issuing.forget_lists(society);
    Ok(signed_list(store, issuing, society, purpose, now)
        .await?
        .map(|l| l.credential.clone()))
}

/// The signed status list of `society` for `purpose` with its bits, signed at most
/// [`LIST_TTL`] ago and after the last status change this process made.
pub async fn signed_list(
    store: &Store,
    issuing: &Issuing,
    society: &str,
    purpose: StatusPurpose,
    now: Timestamp,
) -> Result<Option<Arc<SignedList>>, IssueError> {
    let key = (society.to_string(), purpose);
    if let Some((at, list)) = issuing.cache().lists.get(&key)
        && at.elapsed() < LIST_TTL
    {
        return Ok(Some(list.clone()));
    }
    let started = Instant::now();
    let generation = issuing.cache().generation;
    let Some(list) = build_status_list(store, issuing, society, purpose, now).await? else {
        return Ok(None);
    };
    let list = Arc::new(list);
    let mut cache = issuing.cache();
    if cache.generation == generation {
        cache.lists.insert(key, (started, list.clone()));
    }
    Ok(Some(list))
}

fn stored_purpose(purpose: StatusPurpose) -> Purpose {
    match purpose {
        StatusPurpose::Revocation => Purpose::Revocation,
        StatusPurpose::Suspension => Purpose::Suspension,
    }
}

/// The status bits of `society` for `purpose` as stored now, unsigned; `None` for an
/// unknown society. Checking a credential of this platform needs no more, nor any write.
pub async fn status_bits(
    store: &Store,
    society: &str,
    purpose: StatusPurpose,
) -> Result<Option<StatusList>, IssueError> {
    if store.society(society).await?.is_none() {
        return Ok(None);
    }
    let mut bits = store.status_bits(society, stored_purpose(purpose)).await?;
    bits.extend(
        store
            .api_status_bits(society, stored_purpose(purpose))
            .await?,
    );
    let mut list = StatusList::new(MIN_BITS)?;
    for bit in bits {
        list.set(usize::try_from(bit).unwrap_or(usize::MAX), true)?;
    }
    Ok(Some(list))
}

async fn build_status_list(
    store: &Store,
    issuing: &Issuing,
    society: &str,
    purpose: StatusPurpose,
    now: Timestamp,
) -> Result<Option<SignedList>, IssueError> {
    let Some(list) = status_bits(store, society, purpose).await? else {
        return Ok(None);
    };
    let url = issuing.status_list_url(society, purpose);
    let did = issuing.did(society);
    let unsigned = StatusListCredential {
        id: &url,
        issuer: &did,
        purpose,
        list: &list,
        valid_from: now,
        valid_until: None,
    }
    .to_json();
    // The key is made on first use, like for a certificate.
    let mut w = store.write("system", now).await?;
    let (key, method) = current_key(&mut w, issuing, society).await?;
    w.commit().await?;
    let options = ProofOptions::assertion(Cryptosuite::EddsaRdfc2022, &method, now);
    Ok(Some(SignedList {
        credential: wanqiao_credentials::issue(&unsigned, &options, &key)?,
        bits: list,
    }))
}

/// `[{"@value", "@language"}, …]`: a JSON-LD language map in the three languages.
fn languages(text: &LocalizedText) -> Value {
    json!([
        { "@value": text.zh_hans, "@language": "zh-Hans" },
        { "@value": text.zh_hant, "@language": "zh-Hant" },
        { "@value": text.en, "@language": "en" },
    ])
}

/// A message in the three languages, with the same arguments chosen per language.
fn message(
    i18n: &I18n,
    id: &str,
    args: impl Fn(Locale) -> Vec<(&'static str, Arg)>,
) -> LocalizedText {
    let one = |l: Locale| i18n.tr(l).targs(id, &args(l));
    LocalizedText {
        zh_hans: one(Locale::ZhHans),
        zh_hant: one(Locale::ZhHant),
        en: one(Locale::En),
        pt: None,
    }
}

/// Issues the recognition certificate of an application that has just been approved, in
/// the approving transaction `w`, and names it on the application. Returns its id.
pub async fn issue_for_application(
    w: &mut Write,
    issuing: &Issuing,
    application: &str,
) -> Result<String, IssueError> {
    let f = w.certificate_facts(application).await?;
    let decision: Option<Decision> = f
        .evaluation
        .clone()
        .and_then(|e| serde_json::from_value(e).ok());
    let recognised = match decision.as_ref().and_then(|d| d.level.clone()) {
        Some(l) => w
            .level_names(&l.framework, &l.id)
            .await?
            .map(|names| (l.id, names)),
        None => None,
    };
    let (level_id, level_names) =
        recognised.unwrap_or_else(|| (f.level.clone(), f.level_names.clone()));
    let conditions: Vec<Requirement> = decision
        .as_ref()
        .map(|d| d.outstanding.clone())
        .unwrap_or_default();
    let i18n = &issuing.i18n;
    let pick = |t: &LocalizedText, l: Locale| Arg::from(t.get(l).to_string());
    let agreement_titles = f.agreement_titles.clone().unwrap_or_else(|| LocalizedText {
        zh_hans: String::new(),
        zh_hant: String::new(),
        en: String::new(),
        pt: None,
    });
    let home_names = f.home_names.clone().unwrap_or_else(|| LocalizedText {
        zh_hans: "—".into(),
        zh_hant: "—".into(),
        en: "—".into(),
        pt: None,
    });
    let version = f.agreement_version.unwrap_or(0);
    let title = message(i18n, "cert-title", |_| Vec::new());
    let achievement_name = message(i18n, "cert-achievement-name", |l| {
        vec![
            ("level", pick(&level_names, l)),
            ("specialty", pick(&f.specialty_names, l)),
        ]
    });
    let description = message(i18n, "cert-description", |l| {
        vec![
            ("host", pick(&f.host_names, l)),
            ("level", pick(&level_names, l)),
            ("specialty", pick(&f.specialty_names, l)),
            ("agreement", pick(&agreement_titles, l)),
            ("version", Arg::from(version.to_string())),
            (
                "source",
                Arg::from(format!(
                    "{} {}",
                    f.framework_names.get(l),
                    f.level_names.get(l)
                )),
            ),
            ("home", pick(&home_names, l)),
        ]
    });
    let criteria = if conditions.is_empty() {
        message(i18n, "cert-no-conditions", |_| Vec::new())
    } else {
        message(i18n, "cert-conditions", |l| {
            let tr = i18n.tr(l);
            let list: Vec<String> = conditions
                .iter()
                .map(|r| views::requirement(&tr, *r))
                .collect();
            vec![("list", Arg::from(list.join("; ")))]
        })
    };
    let holder = if f.holder.zh_hans.is_empty() || f.holder.zh_hans == f.holder.en {
        f.holder.en.clone()
    } else if f.holder.en.is_empty() {
        f.holder.zh_hans.clone()
    } else {
        format!("{} {}", f.holder.zh_hans, f.holder.en)
    };

    let id = new_id();
    let now = w.now();
    let society = f.host_society.clone();
    let did = issuing.did(&society);
    let mut entries = Vec::new();
    let mut indexes = Vec::new();
    for (purpose, stored) in [
        (StatusPurpose::Revocation, Purpose::Revocation),
        (StatusPurpose::Suspension, Purpose::Suspension),
    ] {
        let mut taken = w.taken_status_indexes(&society, stored).await?;
        taken.extend(w.api_taken_status_indexes(&society, stored).await?);
        let mut random = random_u64;
        let index = random_index(MIN_BITS, |i| taken.contains(&(i as u64)), &mut random)?;
        entries.push(
            StatusEntry {
                purpose,
                index,
                list_credential: issuing.status_list_url(&society, purpose),
            }
            .to_json(),
        );
        indexes.push(index as u64);
    }
    let agreement = f.agreement.clone().unwrap_or_default();
    let vc = json!({
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": issuing.credential_url(&id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": languages(&title),
        "issuer": {
            "id": did,
            "type": ["Profile"],
            "name": languages(&f.host_names),
            "url": format!("{}/societies/{society}", issuing.public_url),
        },
        "validFrom": fmt_time(now),
        "validUntil": fmt_time(now + VALIDITY),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": holder,
            "achievement": {
                "id": format!("{}/agreements/{agreement}/versions/{version}#{society}-{level_id}", issuing.public_url),
                "type": ["Achievement"],
                "achievementType": "License",
                "name": languages(&achievement_name),
                "description": languages(&description),
                "criteria": { "narrative": languages(&criteria) },
                "fieldOfStudy": f.specialty_names.en,
                "version": version.to_string(),
                "otherIdentifier": [
                    { "type": ["IdentifierEntry"], "identifier": agreement, "identifierType": "identifier" },
                    { "type": ["IdentifierEntry"], "identifier": f.specialty, "identifierType": "identifier" }
                ],
                "alignment": [{
                    "type": ["Alignment"],
                    "targetName": format!("{} {}", f.framework_names.en, f.level_names.en),
                    "targetFramework": f.framework_names.en,
                    "targetCode": format!("{}:{}", f.framework, f.level),
                    "targetUrl": format!("{}/societies/{}", issuing.public_url, f.home_society.clone().unwrap_or_default()),
                }]
            },
            "result": [
                { "type": ["Result"], "value": level_id, "status": "Completed" }
            ]
        },
        "credentialStatus": entries,
    });
    let (key, method) = current_key(w, issuing, &society).await?;
    let options = ProofOptions::assertion(issuing.suite, &method, now);
    let signed = wanqiao_credentials::issue(&vc, &options, &key)?;
    w.insert_credential(&NewCredential {
        id: &id,
        application_id: &f.application_id,
        society_id: &society,
        document: &signed,
        revocation_index: indexes[0],
        suspension_index: indexes[1],
    })
    .await?;
    Ok(id)
}

fn fmt_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
