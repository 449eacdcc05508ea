//! The one error type of the crate, with stable snake_case codes for APIs and translations.

/// Everything that can go wrong while building, signing or verifying credentials.
///
/// Each variant maps to one stable code (see [`Error::code`]) so the web layer and the CLI can
/// report a specific reason ("not verified: expired") and translate it without parsing text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input is not JSON, or not the JSON shape a credential or proof must have.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The document is larger than the accepted limit.
    #[error("document too large: {size} bytes, limit {limit}")]
    TooLarge { size: usize, limit: usize },
    /// The document nests deeper than the accepted limit.
    #[error("document nested deeper than {0} levels")]
    TooDeep(usize),
    /// An `@context` URL that is not bundled; nothing is fetched from the network.
    #[error("unknown context: {0}")]
    UnknownContext(String),
    /// A JSON-LD context is invalid (protected term redefinition, bad term definition, …).
    #[error("invalid context: {0}")]
    InvalidContext(String),
    /// A property or type that no context defines; it would silently vanish from the signature.
    #[error("undefined term: {0}")]
    UndefinedTerm(String),
    /// A JSON-LD feature this processor deliberately does not implement.
    #[error("unsupported JSON-LD feature: {0}")]
    Unsupported(String),
    /// RDF canonicalisation gave up: the graph needs too much work (a poison graph).
    #[error("canonicalisation work limit exceeded")]
    PoisonGraph,
    /// The proof names a cryptosuite (or proof type) this crate does not verify.
    #[error("unknown cryptosuite: {0}")]
    UnknownCryptosuite(String),
    /// The document carries no proof.
    #[error("no proof")]
    NoProof,
    /// The proof's purpose is not the expected one.
    #[error("wrong proof purpose: expected {expected}, found {found}")]
    WrongProofPurpose { expected: String, found: String },
    /// The verification method cannot be resolved to a usable key.
    #[error("unknown key: {0}")]
    UnknownKey(String),
    /// The verification method exists but is not authorised for the proof purpose.
    #[error("key not authorised for {purpose}: {key}")]
    KeyNotAuthorised { key: String, purpose: String },
    /// The Ed25519 signature does not match the canonical document and proof options.
    #[error("invalid signature")]
    InvalidSignature,
    /// A chained proof refers to a previous proof that is not present.
    #[error("missing previous proof: {0}")]
    MissingPreviousProof(String),
    /// The credential or proof is not valid yet (`validFrom` or `created` in the future).
    #[error("not yet valid until {0}")]
    NotYetValid(String),
    /// The credential or proof has expired (`validUntil` or `expires` in the past).
    #[error("expired at {0}")]
    Expired(String),
    /// Multibase, multikey or base encoding errors.
    #[error("bad encoding: {0}")]
    Encoding(String),
    /// A status list index outside the list, or a list shorter than the minimum.
    #[error("status list: {0}")]
    StatusList(String),
    /// A key could not be decrypted with the master key (wrong key or tampered ciphertext).
    #[error("key decryption failed")]
    KeyDecryption,
}

impl Error {
    /// The stable snake_case code of the error, for API responses and Fluent message ids.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Malformed(_) => "malformed",
            Error::TooLarge { .. } => "too_large",
            Error::TooDeep(_) => "too_deep",
            Error::UnknownContext(_) => "unknown_context",
            Error::InvalidContext(_) => "invalid_context",
            Error::UndefinedTerm(_) => "undefined_term",
            Error::Unsupported(_) => "unsupported_jsonld",
            Error::PoisonGraph => "poison_graph",
            Error::UnknownCryptosuite(_) => "unknown_cryptosuite",
            Error::NoProof => "no_proof",
            Error::WrongProofPurpose { .. } => "wrong_proof_purpose",
            Error::UnknownKey(_) => "unknown_key",
            Error::KeyNotAuthorised { .. } => "key_not_authorised",
            Error::InvalidSignature => "invalid_signature",
            Error::MissingPreviousProof(_) => "missing_previous_proof",
            Error::NotYetValid(_) => "not_yet_valid",
            Error::Expired(_) => "expired",
            Error::Encoding(_) => "bad_encoding",
            Error::StatusList(_) => "status_list",
            Error::KeyDecryption => "key_decryption",
        }
    }
}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
