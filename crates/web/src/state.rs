use crate::I18n;
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use wanqiao_store::Store;

/// Where the current time comes from, so tests can move it.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// How sign-in behaves; defaults suit a public deployment.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// A session ends this long after sign-in, whatever the activity.
    pub session_lifetime: SignedDuration,
    /// A session ends after this long without a request.
    pub session_idle: SignedDuration,
    /// Failed sign-ins are counted over this window…
    pub failure_window: SignedDuration,
    /// …and past this many for one account, or…
    pub max_failures_per_account: u32,
    /// …this many from one client address, sign-in is refused until the window passes.
    pub max_failures_per_client: u32,
    /// Cookies are marked `Secure` when the platform is served over HTTPS.
    pub secure_cookies: bool,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            session_lifetime: SignedDuration::from_hours(12),
            session_idle: SignedDuration::from_mins(60),
            failure_window: SignedDuration::from_mins(15),
            max_failures_per_account: 5,
            max_failures_per_client: 20,
            secure_cookies: false,
        }
    }
}

impl AuthConfig {
    /// Settings for a platform reached at `public_url`.
    pub fn for_public_url(public_url: Option<&str>) -> AuthConfig {
        AuthConfig {
            secure_cookies: public_url.is_some_and(|u| u.starts_with("https://")),
            ..AuthConfig::default()
        }
    }
}

/// What every request needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub i18n: Arc<I18n>,
    pub auth: Arc<AuthConfig>,
    pub clock: Arc<dyn Clock>,
    /// Evidence storage and limits, referee links and notification delivery.
    pub evidence: Arc<crate::service::evidence::EvidenceConfig>,
    /// The master key of issuer keys, the public URL certificates name, and their randomness.
    pub issuing: Arc<crate::service::issuing::Issuing>,
    /// Test-only: answer every request with `X-Query-Count`, the SQL statements it ran, so
    /// tests can catch queries that grow with the rows a page lists. Never set by `serve`.
    pub query_count_header: bool,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState::with(store, AuthConfig::default(), Arc::new(SystemClock))
    }

    pub fn with(store: Store, auth: AuthConfig, clock: Arc<dyn Clock>) -> AppState {
        AppState {
            store,
            i18n: Arc::new(I18n::new()),
            auth: Arc::new(auth),
            clock,
            evidence: Arc::new(crate::service::evidence::EvidenceConfig::default()),
            issuing: Arc::new(crate::service::issuing::Issuing::ephemeral()),
            query_count_header: false,
        }
    }

    /// The same state, answering with the test-only `X-Query-Count` header.
    pub fn with_query_count_header(mut self) -> AppState {
        self.query_count_header = true;
        self
    }

    /// The same state, issuing certificates with `issuing` (its master key and public URL).
    pub fn with_issuing(mut self, issuing: crate::service::issuing::Issuing) -> AppState {
        self.issuing = Arc::new(issuing);
        self
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Today's date in the Greater Bay Area, which keeps UTC+8 all year round.
    pub fn today(&self) -> jiff::civil::Date {
        let bay = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
        bay.to_datetime(self.now()).date()
    }
}

#[cfg(test)]
mod tests {
    use super::AuthConfig;

    #[test]
    fn cookies_are_secure_behind_https() {
        assert!(AuthConfig::for_public_url(Some("https://wanqiao.example.org")).secure_cookies);
        assert!(!AuthConfig::for_public_url(Some("http://localhost:8080")).secure_cookies);
        assert!(!AuthConfig::for_public_url(None).secure_cookies);
    }
}
