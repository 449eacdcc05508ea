//! JSON-LD expansion straight to RDF quads (JSON-LD 1.1 Expansion + Deserialize JSON-LD to
//! RDF, fused): node objects become subjects, values become objects, `@graph` containers
//! become named graphs. Strict, like jsonld.js's "safe mode" the reference verifier uses: a
//! property or type no context defines is an error rather than silently dropped, because a
//! dropped property would not be covered by the signature.

use super::context::{self, ActiveContext, TermDef};
use super::iri::is_absolute_iri;
use super::literal;
use crate::error::{Error, Result};
use crate::rdf::{Quad, RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE, Term};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// JSON nesting deeper than this is refused (stack safety against hostile input).
pub const MAX_DEPTH: usize = 64;
/// Quads beyond this are refused (memory and canonicalisation cost against hostile input).
pub const MAX_QUADS: usize = 100_000;

/// Converts a JSON-LD document to RDF quads, with every context taken from the bundle.
pub fn to_rdf(document: &Value) -> Result<Vec<Quad>> {
    let mut emitter = Emitter::default();
    let ctx = ActiveContext::initial();
    match document {
        Value::Object(map) => emitter.top_level(&ctx, map)?,
        Value::Array(items) => {
            for item in items {
                let map = item
                    .as_object()
                    .ok_or_else(|| Error::Malformed("top-level item is not an object".into()))?;
                emitter.top_level(&ctx, map)?;
            }
        }
        _ => {
            return Err(Error::Malformed(
                "a JSON-LD document must be an object".into(),
            ));
        }
    }
    Ok(emitter.quads)
}

/// What a property value expands to.
enum Object {
    Term(Term),
    List(Vec<Term>),
}

#[derive(Default)]
struct Emitter {
    quads: Vec<Quad>,
    next_blank: u32,
    labels: HashMap<String, u32>,
}

impl Emitter {
    fn blank(&mut self) -> Term {
        self.next_blank += 1;
        Term::Blank(self.next_blank - 1)
    }

    fn emit(
        &mut self,
        subject: &Term,
        predicate: &str,
        object: Term,
        graph: &Option<Term>,
    ) -> Result<()> {
        if self.quads.len() >= MAX_QUADS {
            return Err(Error::TooLarge {
                size: self.quads.len(),
                limit: MAX_QUADS,
            });
        }
        self.quads.push(Quad {
            subject: subject.clone(),
            predicate: predicate.to_string(),
            object,
            graph: graph.clone(),
        });
        Ok(())
    }

    /// A node identifier: an absolute IRI, or a document blank node label given a fresh number.
    fn node_id(&mut self, expanded: Option<String>, raw: &str) -> Result<Term> {
        match expanded {
            Some(label) if label.starts_with("_:") => {
                let next = self.next_blank;
                let n = *self.labels.entry(label).or_insert(next);
                if n == next {
                    self.next_blank += 1;
                }
                Ok(Term::Blank(n))
            }
            Some(iri) if is_absolute_iri(&iri) => Ok(Term::Iri(iri)),
            _ => Err(Error::Malformed(format!(
                "relative or invalid IRI reference {raw:?}"
            ))),
        }
    }

    fn top_level(&mut self, ctx: &Arc<ActiveContext>, map: &Map<String, Value>) -> Result<()> {
        let ctx = match map.get("@context") {
            Some(local) => context::process(ctx, local)?,
            None => ctx.clone(),
        };
        let graph_only = map
            .keys()
            .all(|k| k == "@context" || ctx.expand_iri(k, true).as_deref() == Some("@graph"))
            && !map.is_empty();
        if graph_only {
            for (key, value) in map {
                if key != "@context" {
                    self.graph_content(&ctx, value, &None, 1)?;
                }
            }
            return Ok(());
        }
        self.node(ctx, map, &None, 1).map(|_| ())
    }

    /// The members of a `@graph`: node objects in the given graph.
    fn graph_content(
        &mut self,
        ctx: &Arc<ActiveContext>,
        value: &Value,
        graph: &Option<Term>,
        depth: usize,
    ) -> Result<()> {
        let items = match value {
            Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        for item in items {
            if let Value::Object(map) = item {
                let ctx = node_context(ctx, None, map)?;
                self.node(ctx, map, graph, depth + 1)?;
            }
        }
        Ok(())
    }

    /// Emits a node object's quads and returns its subject.
    fn node(
        &mut self,
        ctx: Arc<ActiveContext>,
        map: &Map<String, Value>,
        graph: &Option<Term>,
        depth: usize,
    ) -> Result<Term> {
        if depth > MAX_DEPTH {
            return Err(Error::TooDeep(MAX_DEPTH));
        }
        let type_scoped = ctx.clone();
        let mut type_keys: Vec<&String> = map
            .keys()
            .filter(|k| ctx.expand_iri(k, true).as_deref() == Some("@type"))
            .collect();
        type_keys.sort();
        let mut types: Vec<&str> = Vec::new();
        for key in &type_keys {
            let mut values = strings(&map[key.as_str()], "@type")?;
            values.sort_unstable();
            types.extend(values);
        }
        let mut ctx = ctx;
        for t in &types {
            if let Some(scoped) = type_scoped.terms.get(*t).and_then(|d| d.context.as_ref()) {
                ctx = context::process_type_scoped(&ctx, scoped)?;
            }
        }
        let mut subject = None;
        for (key, value) in map {
            if key != "@context" && ctx.expand_iri(key, true).as_deref() == Some("@id") {
                let raw = value
                    .as_str()
                    .ok_or_else(|| Error::Malformed("@id must be a string".into()))?;
                subject = Some(self.node_id(ctx.expand_iri(raw, false), raw)?);
            }
        }
        let subject = match subject {
            Some(s) => s,
            None => self.blank(),
        };
        for t in types {
            let iri = type_scoped
                .expand_iri(t, true)
                .filter(|i| is_absolute_iri(i) || i.starts_with("_:"))
                .ok_or_else(|| Error::UndefinedTerm(t.to_string()))?;
            let object = self.node_id(Some(iri), t)?;
            self.emit(&subject, RDF_TYPE, object, graph)?;
        }
        for (key, value) in map {
            if key == "@context" || type_keys.contains(&key) {
                continue;
            }
            self.property(&ctx, &subject, key, value, graph, depth)?;
        }
        Ok(subject)
    }

    fn property(
        &mut self,
        ctx: &Arc<ActiveContext>,
        subject: &Term,
        key: &str,
        value: &Value,
        graph: &Option<Term>,
        depth: usize,
    ) -> Result<()> {
        let expanded = ctx
            .expand_iri(key, true)
            .ok_or_else(|| Error::UndefinedTerm(key.to_string()))?;
        match expanded.as_str() {
            "@id" | "@index" => return Ok(()),
            "@graph" => return self.graph_content(ctx, value, &Some(subject.clone()), depth),
            k if k.starts_with('@') => {
                return Err(Error::Unsupported(format!("{k} in a node object")));
            }
            iri if !is_absolute_iri(iri) => return Err(Error::UndefinedTerm(key.to_string())),
            _ => {}
        }
        let def = ctx.terms.get(key).cloned();
        for object in self.values(ctx, def.as_deref(), key, value, graph, depth)? {
            let object = match object {
                Object::Term(t) => t,
                Object::List(items) => self.list(items, graph)?,
            };
            self.emit(subject, &expanded, object, graph)?;
        }
        Ok(())
    }

    /// Builds an RDF collection and returns its head.
    fn list(&mut self, items: Vec<Term>, graph: &Option<Term>) -> Result<Term> {
        let mut head = Term::Iri(RDF_NIL.to_string());
        for item in items.into_iter().rev() {
            let node = self.blank();
            self.emit(&node, RDF_FIRST, item, graph)?;
            self.emit(&node, RDF_REST, head, graph)?;
            head = node;
        }
        Ok(head)
    }

    /// Expands a property's value (one item or an array) to RDF objects.
    fn values(
        &mut self,
        ctx: &Arc<ActiveContext>,
        def: Option<&TermDef>,
        term: &str,
        value: &Value,
        graph: &Option<Term>,
        depth: usize,
    ) -> Result<Vec<Object>> {
        if def.and_then(|d| d.type_mapping.as_deref()) == Some("@json") {
            return Ok(vec![Object::Term(literal::json(value))]);
        }
        let items = match value {
            Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        let mut out = Vec::new();
        for item in items {
            if item.is_array() {
                return Err(Error::Unsupported("nested arrays".into()));
            }
            out.extend(self.item(ctx, def, term, item, graph, depth)?);
        }
        if def.is_some_and(|d| d.container.list) {
            return Ok(vec![Object::List(flatten(out)?)]);
        }
        Ok(out)
    }

    fn item(
        &mut self,
        ctx: &Arc<ActiveContext>,
        def: Option<&TermDef>,
        term: &str,
        item: &Value,
        graph: &Option<Term>,
        depth: usize,
    ) -> Result<Vec<Object>> {
        let Value::Object(map) = item else {
            return self.scalar(ctx, def, term, item);
        };
        let ctx = node_context(ctx, def, map)?;
        let keyword = |k: &str| {
            map.keys()
                .find(|key| ctx.expand_iri(key, true).as_deref() == Some(k))
        };
        if let Some(key) = keyword("@value") {
            return Ok(literal::value_object(&ctx, map, key)?
                .map(Object::Term)
                .into_iter()
                .collect());
        }
        if let Some(key) = keyword("@list") {
            let items = self.values(
                &ctx,
                def.filter(|d| !d.container.list),
                term,
                &map[key],
                graph,
                depth + 1,
            )?;
            return Ok(vec![Object::List(flatten(items)?)]);
        }
        if let Some(key) = keyword("@set") {
            return self.values(&ctx, def, term, &map[key], graph, depth + 1);
        }
        if def.is_some_and(|d| d.container.graph) && keyword("@graph").is_none() {
            let name = self.blank();
            self.node(ctx, map, &Some(name.clone()), depth + 1)?;
            return Ok(vec![Object::Term(name)]);
        }
        Ok(vec![Object::Term(self.node(ctx, map, graph, depth + 1)?)])
    }

    /// A string, number or boolean, with the term's type coercion and language.
    fn scalar(
        &mut self,
        ctx: &Arc<ActiveContext>,
        def: Option<&TermDef>,
        term: &str,
        value: &Value,
    ) -> Result<Vec<Object>> {
        if value.is_null() {
            return Ok(Vec::new());
        }
        let scoped;
        let (ctx, def) = match def.and_then(|d| d.context.as_ref()) {
            Some(local) => {
                scoped = context::process_property_scoped(ctx, local)?;
                let def = scoped.terms.get(term).map(|d| &**d).or(def);
                (&scoped, def)
            }
            None => (ctx, def),
        };
        let type_mapping = def.and_then(|d| d.type_mapping.as_deref());
        let object = match (type_mapping, value) {
            (Some(m @ ("@id" | "@vocab")), Value::String(s)) => {
                let iri = self.node_id(ctx.expand_iri(s, m == "@vocab"), s)?;
                if def.is_some_and(|d| d.container.graph) {
                    // A graph holding only a reference: an empty named graph.
                    return Ok(vec![Object::Term(self.blank())]);
                }
                iri
            }
            (Some(t), _) if !t.starts_with('@') => literal::typed(value, t)?,
            _ => {
                let language = match def.and_then(|d| d.language.as_ref()) {
                    Some(l) => l.as_deref(),
                    None => ctx.language.as_deref(),
                };
                literal::native(value, language)?
            }
        };
        Ok(vec![Object::Term(object)])
    }
}

/// The context a nested object is expanded in: type-scoped contexts are dropped for node
/// objects, then the property's scoped context and the object's own `@context` apply.
fn node_context(
    ctx: &Arc<ActiveContext>,
    def: Option<&TermDef>,
    map: &Map<String, Value>,
) -> Result<Arc<ActiveContext>> {
    let mut ctx = ctx.clone();
    let is_value = map
        .keys()
        .any(|k| ctx.expand_iri(k, true).as_deref() == Some("@value"));
    let only_id = map.len() == 1
        && map
            .keys()
            .all(|k| ctx.expand_iri(k, true).as_deref() == Some("@id"));
    if !is_value
        && !only_id
        && let Some(previous) = &ctx.previous
    {
        ctx = previous.clone();
    }
    if let Some(scoped) = def.and_then(|d| d.context.as_ref()) {
        ctx = context::process_property_scoped(&ctx, scoped)?;
    }
    if let Some(local) = map.get("@context") {
        ctx = context::process(&ctx, local)?;
    }
    Ok(ctx)
}

fn flatten(objects: Vec<Object>) -> Result<Vec<Term>> {
    objects
        .into_iter()
        .map(|o| match o {
            Object::Term(t) => Ok(t),
            Object::List(_) => Err(Error::Unsupported("lists of lists".into())),
        })
        .collect()
}

fn strings<'v>(value: &'v Value, what: &str) -> Result<Vec<&'v str>> {
    let bad = || Error::Malformed(format!("{what} must be a string or an array of strings"));
    match value {
        Value::String(s) => Ok(vec![s.as_str()]),
        Value::Array(items) => items.iter().map(|i| i.as_str().ok_or_else(bad)).collect(),
        _ => Err(bad()),
    }
}
