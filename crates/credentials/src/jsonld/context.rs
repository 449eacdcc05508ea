//! JSON-LD 1.1 context processing for the features the bundled contexts use: term
//! definitions, `@vocab`, `@language`, `@protected`, `@propagate`, compact IRIs, type coercion
//! and property- and type-scoped contexts. Processed contexts are cached, so a credential with
//! the usual `@context` costs hash lookups, not context processing.

use super::bundled;
use super::iri::{is_absolute_iri, is_keyword, looks_like_keyword};
use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

/// Contexts may include other contexts; this many levels are allowed.
const MAX_REMOTE_DEPTH: usize = 8;
/// Bound on the cache, so documents with ever-new inline contexts cannot grow it forever.
const MAX_CACHE_ENTRIES: usize = 4096;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A scoped context held by a term definition, with an identity for the cache.
#[derive(Debug)]
pub struct ScopedContext {
    id: u64,
    value: Value,
}

/// Which containers a term declares (`@set` changes nothing in RDF and is not kept).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Container {
    pub list: bool,
    pub graph: bool,
}

/// One term definition of an active context.
#[derive(Debug)]
pub struct TermDef {
    /// The IRI or keyword the term maps to; `None` when the term is explicitly mapped to null.
    pub iri: Option<String>,
    pub prefix: bool,
    pub protected: bool,
    /// `@id`, `@vocab`, `@json`, `@none` or a datatype IRI.
    pub type_mapping: Option<String>,
    pub container: Container,
    /// `Some(None)` when the term resets the language to none.
    pub language: Option<Option<String>>,
    pub context: Option<Arc<ScopedContext>>,
}

impl TermDef {
    /// Equality as JSON-LD's protected-term check needs it: everything but `protected`.
    fn same_as(&self, other: &TermDef) -> bool {
        self.iri == other.iri
            && self.prefix == other.prefix
            && self.type_mapping == other.type_mapping
            && self.container == other.container
            && self.language == other.language
            && match (&self.context, &other.context) {
                (None, None) => true,
                (Some(a), Some(b)) => a.value == b.value,
                _ => false,
            }
    }
}

/// An active context: the result of processing `@context` values.
#[derive(Debug, Default)]
pub struct ActiveContext {
    id: u64,
    pub terms: HashMap<String, Arc<TermDef>>,
    pub vocab: Option<String>,
    pub language: Option<String>,
    /// Set by type-scoped contexts, which do not apply to nested node objects.
    pub previous: Option<Arc<ActiveContext>>,
}

impl ActiveContext {
    /// The empty context every document starts from.
    pub fn initial() -> Arc<ActiveContext> {
        static INITIAL: OnceLock<Arc<ActiveContext>> = OnceLock::new();
        INITIAL
            .get_or_init(|| Arc::new(ActiveContext::default()))
            .clone()
    }

    fn derive(&self) -> ActiveContext {
        ActiveContext {
            id: next_id(),
            terms: self.terms.clone(),
            vocab: self.vocab.clone(),
            language: self.language.clone(),
            previous: self.previous.clone(),
        }
    }

    /// IRI expansion (JSON-LD 1.1 §5.2). `None` means the value is mapped to null or is a
    /// keyword-like string that must be ignored; relative results are returned as they are,
    /// and callers decide whether a relative IRI is acceptable.
    pub fn expand_iri(&self, value: &str, vocab: bool) -> Option<String> {
        if value.starts_with('@') {
            return is_keyword(value).then(|| value.to_string());
        }
        if vocab && let Some(def) = self.terms.get(value) {
            return def.iri.clone();
        }
        if let Some(colon) = value[1.min(value.len())..].find(':').map(|i| i + 1) {
            let (prefix, suffix) = (&value[..colon], &value[colon + 1..]);
            if prefix == "_" || suffix.starts_with("//") {
                return Some(value.to_string());
            }
            if let Some(def) = self.terms.get(prefix)
                && def.prefix
                && let Some(iri) = &def.iri
            {
                return Some(format!("{iri}{suffix}"));
            }
            if is_absolute_iri(value) {
                return Some(value.to_string());
            }
        }
        if vocab && let Some(v) = &self.vocab {
            return Some(format!("{v}{value}"));
        }
        Some(value.to_string())
    }
}

/// What a processed context is cached under, together with the context it was applied to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CacheKey {
    Url(String),
    Scoped(u64),
    Inline(String),
}

type Cache = RwLock<HashMap<(u64, CacheKey, bool, bool), Arc<ActiveContext>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Processes a document's embedded `@context` onto `active`.
pub fn process(active: &Arc<ActiveContext>, local: &Value) -> Result<Arc<ActiveContext>> {
    match local {
        Value::Array(items) => items
            .iter()
            .try_fold(active.clone(), |ctx, item| cached(&ctx, item, false, true)),
        _ => cached(active, local, false, true),
    }
}

/// Applies a property-scoped context (which may override protected terms and propagates).
pub fn process_property_scoped(
    active: &Arc<ActiveContext>,
    scoped: &Arc<ScopedContext>,
) -> Result<Arc<ActiveContext>> {
    cached_scoped(active, scoped, true, true)
}

/// Applies a type-scoped context (which does not propagate to nested nodes by default).
pub fn process_type_scoped(
    active: &Arc<ActiveContext>,
    scoped: &Arc<ScopedContext>,
) -> Result<Arc<ActiveContext>> {
    cached_scoped(active, scoped, false, false)
}

fn cached_scoped(
    active: &Arc<ActiveContext>,
    scoped: &Arc<ScopedContext>,
    override_protected: bool,
    propagate: bool,
) -> Result<Arc<ActiveContext>> {
    let key = (
        active.id,
        CacheKey::Scoped(scoped.id),
        override_protected,
        propagate,
    );
    lookup_or(key, || {
        uncached(active, &scoped.value, override_protected, propagate)
    })
}

fn cached(
    active: &Arc<ActiveContext>,
    local: &Value,
    override_protected: bool,
    propagate: bool,
) -> Result<Arc<ActiveContext>> {
    let key = match local {
        Value::String(url) => CacheKey::Url(url.clone()),
        other => CacheKey::Inline(crate::jcs::canonicalize(other)),
    };
    lookup_or((active.id, key, override_protected, propagate), || {
        uncached(active, local, override_protected, propagate)
    })
}

fn lookup_or(
    key: (u64, CacheKey, bool, bool),
    compute: impl FnOnce() -> Result<ActiveContext>,
) -> Result<Arc<ActiveContext>> {
    if let Some(hit) = cache().read().expect("context cache").get(&key) {
        return Ok(hit.clone());
    }
    let ctx = Arc::new(compute()?);
    let mut map = cache().write().expect("context cache");
    if map.len() >= MAX_CACHE_ENTRIES {
        map.clear();
    }
    map.insert(key, ctx.clone());
    Ok(ctx)
}

/// Context Processing (JSON-LD 1.1 §4.1) without the cache.
fn uncached(
    active: &Arc<ActiveContext>,
    local: &Value,
    override_protected: bool,
    mut propagate: bool,
) -> Result<ActiveContext> {
    if let Some(p) = local.get("@propagate") {
        propagate = p
            .as_bool()
            .ok_or_else(|| Error::InvalidContext("@propagate must be a boolean".into()))?;
    }
    let mut result = active.derive();
    if !propagate && result.previous.is_none() {
        result.previous = Some(active.clone());
    }
    let opts = Opts {
        override_protected,
        propagate,
        origin: active,
    };
    apply(&mut result, local, &opts, 0)?;
    Ok(result)
}

struct Opts<'a> {
    override_protected: bool,
    propagate: bool,
    origin: &'a Arc<ActiveContext>,
}

fn apply(result: &mut ActiveContext, local: &Value, opts: &Opts, depth: usize) -> Result<()> {
    if depth > MAX_REMOTE_DEPTH {
        return Err(Error::InvalidContext("context inclusion too deep".into()));
    }
    let items = match local {
        Value::Array(items) => items.as_slice(),
        other => std::slice::from_ref(other),
    };
    for item in items {
        match item {
            Value::Null => reset(result, opts)?,
            Value::String(url) => apply(result, bundled::context(url)?, opts, depth + 1)?,
            Value::Object(map) => apply_object(result, map, opts)?,
            _ => {
                return Err(Error::InvalidContext(
                    "a context must be an object or URL".into(),
                ));
            }
        }
    }
    Ok(())
}

fn reset(result: &mut ActiveContext, opts: &Opts) -> Result<()> {
    if !opts.override_protected && result.terms.values().any(|t| t.protected) {
        return Err(Error::InvalidContext(
            "invalid context nullification".into(),
        ));
    }
    *result = ActiveContext {
        id: next_id(),
        previous: (!opts.propagate).then(|| opts.origin.clone()),
        ..ActiveContext::default()
    };
    Ok(())
}

const CONTEXT_KEYWORDS: &[&str] = &[
    "@base",
    "@direction",
    "@import",
    "@language",
    "@propagate",
    "@protected",
    "@version",
    "@vocab",
];

fn apply_object(result: &mut ActiveContext, map: &Map<String, Value>, opts: &Opts) -> Result<()> {
    if let Some(v) = map.get("@version")
        && v.as_f64() != Some(1.1)
    {
        return Err(Error::InvalidContext("@version must be 1.1".into()));
    }
    for unsupported in ["@import", "@base"] {
        if map.contains_key(unsupported) {
            return Err(Error::Unsupported(format!("{unsupported} in a context")));
        }
    }
    if map.get("@direction").is_some_and(|d| !d.is_null()) {
        return Err(Error::Unsupported("@direction".into()));
    }
    if let Some(vocab) = map.get("@vocab") {
        result.vocab = match vocab {
            Value::Null => None,
            Value::String(v) => Some(
                result
                    .expand_iri(v, true)
                    .filter(|iri| is_absolute_iri(iri) || iri.starts_with("_:"))
                    .ok_or_else(|| Error::InvalidContext(format!("invalid @vocab {v}")))?,
            ),
            _ => return Err(Error::InvalidContext("@vocab must be a string".into())),
        };
    }
    if let Some(language) = map.get("@language") {
        result.language = parse_language(language)?;
    }
    let protected = match map.get("@protected") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(Error::InvalidContext("@protected must be a boolean".into())),
    };
    let mut builder = TermBuilder {
        local: map,
        defined: HashMap::new(),
        protected,
        override_protected: opts.override_protected,
    };
    for term in map.keys() {
        if !CONTEXT_KEYWORDS.contains(&term.as_str()) {
            builder.define(result, term)?;
        }
    }
    Ok(())
}

fn parse_language(value: &Value) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(l) => Ok(Some(super::iri::language_tag(l)?)),
        _ => Err(Error::InvalidContext("@language must be a string".into())),
    }
}

/// Creates term definitions from one local context object (JSON-LD 1.1 §4.2).
struct TermBuilder<'a> {
    local: &'a Map<String, Value>,
    defined: HashMap<&'a str, bool>,
    protected: bool,
    override_protected: bool,
}

const TERM_KEYS: &[&str] = &[
    "@id",
    "@type",
    "@container",
    "@context",
    "@language",
    "@protected",
    "@prefix",
];

impl<'a> TermBuilder<'a> {
    fn define(&mut self, result: &mut ActiveContext, term: &'a str) -> Result<()> {
        match self.defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(Error::InvalidContext(format!("cyclic term {term}"))),
            None => {}
        }
        if term.is_empty() {
            return Err(Error::InvalidContext("empty term".into()));
        }
        self.defined.insert(term, false);
        let value = &self.local[term];
        if term == "@type" {
            self.defined.insert(term, true);
            return Ok(());
        }
        if is_keyword(term) {
            return Err(Error::InvalidContext(format!(
                "keyword redefinition {term}"
            )));
        }
        if looks_like_keyword(term) {
            self.defined.insert(term, true);
            return Ok(());
        }
        let previous = result.terms.remove(term);
        let def = self.build(result, term, value)?;
        let def = match previous {
            Some(prev) if prev.protected && !self.override_protected => {
                if !prev.same_as(&def) {
                    return Err(Error::InvalidContext(format!(
                        "protected term redefinition: {term}"
                    )));
                }
                prev
            }
            _ => Arc::new(def),
        };
        result.terms.insert(term.to_string(), def);
        self.defined.insert(term, true);
        Ok(())
    }

    fn build(
        &mut self,
        result: &mut ActiveContext,
        term: &'a str,
        value: &Value,
    ) -> Result<TermDef> {
        let (map, simple) = match value {
            Value::Null => {
                return Ok(TermDef {
                    iri: None,
                    prefix: false,
                    protected: self.protected,
                    type_mapping: None,
                    container: Container::default(),
                    language: None,
                    context: None,
                });
            }
            Value::String(id) => {
                let mut m = Map::new();
                m.insert("@id".into(), Value::String(id.clone()));
                (m, true)
            }
            Value::Object(m) => (m.clone(), false),
            _ => {
                return Err(Error::InvalidContext(format!(
                    "invalid definition of {term}"
                )));
            }
        };
        if let Some(key) = map.keys().find(|k| !TERM_KEYS.contains(&k.as_str())) {
            return Err(Error::Unsupported(format!(
                "{key} in the definition of {term}"
            )));
        }
        let protected = match map.get("@protected") {
            None => self.protected,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(Error::InvalidContext("@protected must be a boolean".into())),
        };
        let type_mapping = match map.get("@type") {
            None => None,
            Some(Value::String(t)) => Some(self.type_mapping(result, t)?),
            Some(_) => return Err(Error::InvalidContext(format!("invalid @type of {term}"))),
        };
        let iri = self.iri_mapping(result, term, map.get("@id"))?;
        let mut prefix = simple
            && !term.contains(':')
            && !term.contains('/')
            && iri.as_deref().is_some_and(|i| {
                i.starts_with("_:") || i.ends_with([':', '/', '?', '#', '[', ']', '@'])
            });
        if let Some(p) = map.get("@prefix") {
            prefix = p
                .as_bool()
                .ok_or_else(|| Error::InvalidContext("@prefix must be a boolean".into()))?;
        }
        Ok(TermDef {
            iri,
            prefix,
            protected,
            type_mapping,
            container: container(map.get("@container"))?,
            language: map.get("@language").map(parse_language).transpose()?,
            context: map.get("@context").map(|c| {
                Arc::new(ScopedContext {
                    id: next_id(),
                    value: c.clone(),
                })
            }),
        })
    }

    fn type_mapping(&mut self, result: &mut ActiveContext, t: &str) -> Result<String> {
        let expanded = self.expand(result, t)?.unwrap_or_default();
        match expanded.as_str() {
            "@id" | "@vocab" | "@json" | "@none" => Ok(expanded),
            iri if is_absolute_iri(iri) => Ok(expanded),
            _ => Err(Error::InvalidContext(format!("invalid type mapping {t}"))),
        }
    }

    fn iri_mapping(
        &mut self,
        result: &mut ActiveContext,
        term: &'a str,
        id: Option<&Value>,
    ) -> Result<Option<String>> {
        match id {
            Some(Value::Null) => return Ok(None),
            Some(Value::String(id)) if id != term => {
                if looks_like_keyword(id) && !is_keyword(id) {
                    return Ok(None);
                }
                let iri = self.expand(result, id)?.unwrap_or_default();
                if is_keyword(&iri) || is_absolute_iri(&iri) || iri.starts_with("_:") {
                    return Ok(Some(iri));
                }
                return Err(Error::InvalidContext(format!(
                    "invalid IRI mapping of {term}"
                )));
            }
            Some(Value::String(_)) | None => {}
            Some(_) => return Err(Error::InvalidContext(format!("invalid @id of {term}"))),
        }
        if let Some(colon) = term[1.min(term.len())..].find(':').map(|i| i + 1) {
            let prefix = &term[..colon];
            if self.local.contains_key(prefix) {
                let prefix: &'a str = self.local.get_key_value(prefix).expect("present").0;
                self.define(result, prefix)?;
            }
            if let Some(def) = result.terms.get(&term[..colon])
                && let Some(iri) = &def.iri
            {
                return Ok(Some(format!("{iri}{}", &term[colon + 1..])));
            }
            return Ok(Some(term.to_string()));
        }
        if term.contains('/') {
            let iri = self.expand(result, term)?.unwrap_or_default();
            return if is_absolute_iri(&iri) {
                Ok(Some(iri))
            } else {
                Err(Error::InvalidContext(format!(
                    "invalid IRI mapping of {term}"
                )))
            };
        }
        match &result.vocab {
            Some(vocab) => Ok(Some(format!("{vocab}{term}"))),
            None => Err(Error::InvalidContext(format!("no IRI mapping for {term}"))),
        }
    }

    /// IRI expansion during context processing: terms of the local context used in the value
    /// (as a whole or as a prefix) are defined first.
    fn expand(&mut self, result: &mut ActiveContext, value: &str) -> Result<Option<String>> {
        for dependency in [Some(value), value.split_once(':').map(|(p, _)| p)]
            .into_iter()
            .flatten()
        {
            if let Some((key, _)) = self.local.get_key_value(dependency) {
                self.define(result, key)?;
            }
        }
        Ok(result.expand_iri(value, true))
    }
}

fn container(value: Option<&Value>) -> Result<Container> {
    let mut c = Container::default();
    let items = match value {
        None | Some(Value::Null) => return Ok(c),
        Some(Value::Array(items)) => items.as_slice(),
        Some(other) => std::slice::from_ref(other),
    };
    for item in items {
        match item.as_str() {
            Some("@set") => {}
            Some("@list") => c.list = true,
            Some("@graph") => c.graph = true,
            other => {
                return Err(Error::Unsupported(format!(
                    "@container {}",
                    other.unwrap_or("(not a string)")
                )));
            }
        }
    }
    Ok(c)
}
