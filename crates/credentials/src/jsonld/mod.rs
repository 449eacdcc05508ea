//! A focused JSON-LD 1.1 processor: the context features the bundled contexts (VC 1.1 and
//! 2.0, Data Integrity, Multikey, DID, Bitstring Status List, Open Badges 3.0) use, and
//! conversion to RDF for RDFC-1.0. Anything else is refused with a specific error rather than
//! approximated, because what is not canonicalised is not signed.

pub mod bundled;
mod context;
mod iri;
mod literal;
mod to_rdf;

pub use to_rdf::{MAX_DEPTH, MAX_QUADS, to_rdf};
