//! RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024) with SHA-256: first-degree
//! hashes name the blank nodes with unique neighbourhoods (all of them in ordinary
//! credentials), and the N-degree algorithm names the rest, under a work limit so a "poison"
//! graph built to explode the permutation search is refused instead of hanging the verifier.

use crate::error::{Error, Result};
use crate::rdf::{Quad, Term, write_quad};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// Upper bound on N-degree hashing steps (calls and permutations) per dataset.
const WORK_LIMIT: usize = 10_000;

/// The canonical N-Quads of a dataset: relabelled `_:c14n0…`, sorted, one line per quad.
pub fn canonicalize(mut quads: Vec<Quad>) -> Result<String> {
    quads.sort_unstable();
    quads.dedup();
    let labels = Canonicalizer::new(&quads).run()?;
    let mut lines: Vec<String> = quads
        .iter()
        .map(|q| {
            let mut line = String::with_capacity(128);
            write_quad(q, &mut line, &mut |b, out| {
                out.push_str("_:");
                out.push_str(&labels[&b]);
            });
            line
        })
        .collect();
    lines.sort_unstable();
    Ok(lines.concat())
}

/// Issues identifiers in order (RDFC-1.0 §4.3).
#[derive(Clone)]
struct Issuer {
    prefix: &'static str,
    issued: HashMap<u32, String>,
    order: Vec<u32>,
}

impl Issuer {
    fn new(prefix: &'static str) -> Issuer {
        Issuer {
            prefix,
            issued: HashMap::new(),
            order: Vec::new(),
        }
    }

    fn issue(&mut self, blank: u32) -> String {
        if let Some(id) = self.issued.get(&blank) {
            return id.clone();
        }
        let id = format!("{}{}", self.prefix, self.order.len());
        self.issued.insert(blank, id.clone());
        self.order.push(blank);
        id
    }
}

struct Canonicalizer<'q> {
    quads: &'q [Quad],
    by_blank: HashMap<u32, Vec<usize>>,
    first_degree: HashMap<u32, String>,
    canonical: Issuer,
    work: usize,
}

fn hex_sha256(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(b & 15), 16).expect("nibble"));
    }
    out
}

fn blanks(quad: &Quad) -> impl Iterator<Item = u32> + '_ {
    [Some(&quad.subject), Some(&quad.object), quad.graph.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(Term::blank)
}

impl<'q> Canonicalizer<'q> {
    fn new(quads: &'q [Quad]) -> Self {
        let mut by_blank: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, quad) in quads.iter().enumerate() {
            for b in blanks(quad) {
                let list = by_blank.entry(b).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Canonicalizer {
            quads,
            by_blank,
            first_degree: HashMap::new(),
            canonical: Issuer::new("c14n"),
            work: 0,
        }
    }

    fn run(mut self) -> Result<HashMap<u32, String>> {
        let mut by_hash: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut nodes: Vec<u32> = self.by_blank.keys().copied().collect();
        nodes.sort_unstable();
        for b in nodes {
            let hash = self.hash_first_degree(b);
            self.first_degree.insert(b, hash.clone());
            by_hash.entry(hash).or_default().push(b);
        }
        let mut shared = Vec::new();
        for (_, list) in by_hash {
            if list.len() == 1 {
                self.canonical.issue(list[0]);
            } else {
                shared.push(list);
            }
        }
        for list in shared {
            let mut results = Vec::new();
            for b in list {
                if self.canonical.issued.contains_key(&b) {
                    continue;
                }
                let mut temporary = Issuer::new("b");
                temporary.issue(b);
                results.push(self.hash_n_degree(b, temporary)?);
            }
            results.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, issuer) in results {
                for b in issuer.order {
                    self.canonical.issue(b);
                }
            }
        }
        Ok(self.canonical.issued)
    }

    /// Hash First Degree Quads (§4.6).
    fn hash_first_degree(&self, reference: u32) -> String {
        let mut lines: Vec<String> = self.by_blank[&reference]
            .iter()
            .map(|&i| {
                let mut line = String::with_capacity(128);
                write_quad(&self.quads[i], &mut line, &mut |b, out| {
                    out.push_str(if b == reference { "_:a" } else { "_:z" });
                });
                line
            })
            .collect();
        lines.sort_unstable();
        hex_sha256(lines.concat().as_bytes())
    }

    /// Hash Related Blank Node (§4.7).
    fn hash_related(&self, related: u32, quad: &Quad, issuer: &Issuer, position: char) -> String {
        let mut input = String::new();
        input.push(position);
        if position != 'g' {
            input.push('<');
            input.push_str(&quad.predicate);
            input.push('>');
        }
        if let Some(id) = self
            .canonical
            .issued
            .get(&related)
            .or(issuer.issued.get(&related))
        {
            input.push_str("_:");
            input.push_str(id);
        } else {
            input.push_str(&self.first_degree[&related]);
        }
        hex_sha256(input.as_bytes())
    }

    fn spend(&mut self) -> Result<()> {
        self.work += 1;
        if self.work > WORK_LIMIT {
            return Err(Error::PoisonGraph);
        }
        Ok(())
    }

    /// Hash N-Degree Quads (§4.8).
    fn hash_n_degree(&mut self, identifier: u32, mut issuer: Issuer) -> Result<(String, Issuer)> {
        self.spend()?;
        let mut related_by_hash: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &i in &self.by_blank[&identifier] {
            let quad = &self.quads[i];
            let positions = [
                (quad.subject.blank(), 's'),
                (quad.object.blank(), 'o'),
                (quad.graph.as_ref().and_then(Term::blank), 'g'),
            ];
            for (related, position) in positions {
                if let Some(related) = related.filter(|&r| r != identifier) {
                    let hash = self.hash_related(related, quad, &issuer, position);
                    related_by_hash.entry(hash).or_default().push(related);
                }
            }
        }
        let mut data = String::new();
        for (hash, list) in related_by_hash {
            data.push_str(&hash);
            let (path, chosen) = self.choose_path(&list, &issuer)?;
            data.push_str(&path);
            issuer = chosen;
        }
        Ok((hex_sha256(data.as_bytes()), issuer))
    }

    /// The lexicographically least path over all permutations of the related blank nodes.
    fn choose_path(&mut self, list: &[u32], issuer: &Issuer) -> Result<(String, Issuer)> {
        let mut chosen: Option<(String, Issuer)> = None;
        for permutation in permutations(list) {
            self.spend()?;
            let mut copy = issuer.clone();
            let mut path = String::new();
            let mut recursion = Vec::new();
            let longer = |path: &str, chosen: &Option<(String, Issuer)>| {
                chosen
                    .as_ref()
                    .is_some_and(|(c, _)| path.len() >= c.len() && path > c.as_str())
            };
            let mut skipped = false;
            for related in permutation {
                if let Some(id) = self.canonical.issued.get(&related) {
                    path.push_str("_:");
                    path.push_str(id);
                } else {
                    if !copy.issued.contains_key(&related) {
                        recursion.push(related);
                    }
                    path.push_str("_:");
                    path.push_str(&copy.issue(related));
                }
                if longer(&path, &chosen) {
                    skipped = true;
                    break;
                }
            }
            if skipped {
                continue;
            }
            for related in recursion {
                let (hash, result_issuer) = self.hash_n_degree(related, copy.clone())?;
                path.push_str("_:");
                path.push_str(&copy.issue(related));
                path.push('<');
                path.push_str(&hash);
                path.push('>');
                copy = result_issuer;
                if longer(&path, &chosen) {
                    skipped = true;
                    break;
                }
            }
            if skipped {
                continue;
            }
            if chosen.as_ref().is_none_or(|(c, _)| path < *c) {
                chosen = Some((path, copy));
            }
        }
        chosen.ok_or(Error::PoisonGraph)
    }
}

/// All orderings of the list (Heap's algorithm); lists are short or the work limit stops us.
fn permutations(list: &[u32]) -> Vec<Vec<u32>> {
    if list.len() > 8 {
        return Vec::new();
    }
    let mut items = list.to_vec();
    let mut out = vec![items.clone()];
    let mut c = vec![0usize; items.len()];
    let mut i = 0;
    while i < items.len() {
        if c[i] < i {
            let j = if i % 2 == 0 { 0 } else { c[i] };
            items.swap(j, i);
            out.push(items.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: Term, p: &str, o: Term) -> Quad {
        Quad {
            subject: s,
            predicate: p.into(),
            object: o,
            graph: None,
        }
    }

    #[test]
    fn a_symmetric_cycle_is_named_by_the_n_degree_algorithm() {
        let p = "http://example.org/p";
        let quads = vec![
            q(Term::Blank(0), p, Term::Blank(1)),
            q(Term::Blank(1), p, Term::Blank(0)),
        ];
        assert_eq!(
            canonicalize(quads).unwrap(),
            "_:c14n0 <http://example.org/p> _:c14n1 .\n_:c14n1 <http://example.org/p> _:c14n0 .\n"
        );
    }

    #[test]
    fn a_poison_graph_is_refused() {
        // A large clique of indistinguishable blank nodes.
        let p = "http://example.org/p";
        let mut quads = Vec::new();
        for a in 0..12 {
            for b in 0..12 {
                if a != b {
                    quads.push(q(Term::Blank(a), p, Term::Blank(b)));
                }
            }
        }
        assert_eq!(canonicalize(quads), Err(Error::PoisonGraph));
    }
}
