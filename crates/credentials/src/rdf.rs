//! RDF terms and quads, and their canonical N-Quads form (RDF 1.1 N-Quads as RDFC-1.0 uses it).

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// `rdf:first`, `rdf:rest` and `rdf:nil`, for `@list` values.
pub const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
pub const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
pub const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
/// `rdf:JSON`, the datatype of `@json` literals.
pub const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
pub const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";

/// An RDF term. Blank nodes are numbered per document; canonicalisation names them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    Iri(String),
    Blank(u32),
    Literal {
        value: String,
        datatype: String,
        language: Option<String>,
    },
}

impl Term {
    /// The blank node number, if the term is a blank node.
    pub fn blank(&self) -> Option<u32> {
        match self {
            Term::Blank(b) => Some(*b),
            _ => None,
        }
    }
}

/// A quad; `graph` is `None` in the default graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quad {
    pub subject: Term,
    pub predicate: String,
    pub object: Term,
    pub graph: Option<Term>,
}

/// Writes a quad as one N-Quads line, naming blank nodes with `label`.
pub fn write_quad(quad: &Quad, out: &mut String, label: &mut dyn FnMut(u32, &mut String)) {
    write_term(&quad.subject, out, label);
    out.push_str(" <");
    out.push_str(&quad.predicate);
    out.push_str("> ");
    write_term(&quad.object, out, label);
    if let Some(graph) = &quad.graph {
        out.push(' ');
        write_term(graph, out, label);
    }
    out.push_str(" .\n");
}

fn write_term(term: &Term, out: &mut String, label: &mut dyn FnMut(u32, &mut String)) {
    match term {
        Term::Iri(iri) => {
            out.push('<');
            out.push_str(iri);
            out.push('>');
        }
        Term::Blank(b) => label(*b, out),
        Term::Literal {
            value,
            datatype,
            language,
        } => {
            write_literal_text(value, out);
            if let Some(language) = language {
                out.push('@');
                out.push_str(language);
            } else if datatype != XSD_STRING {
                out.push_str("^^<");
                out.push_str(datatype);
                out.push('>');
            }
        }
    }
}

/// The quoted literal text with the canonical escapes of RDF 1.1 N-Quads: only `"`, `\\`,
/// line feed and carriage return are escaped (ECHAR must not be used for other characters),
/// exactly as rdf-canonize, the reference implementation, writes them.
fn write_literal_text(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_only_quote_backslash_and_line_breaks() {
        let quad = Quad {
            subject: Term::Iri("urn:s".into()),
            predicate: "urn:p".into(),
            object: Term::Literal {
                value: "a\"b\\c\nd\re\tf".into(),
                datatype: XSD_STRING.into(),
                language: None,
            },
            graph: None,
        };
        let mut line = String::new();
        write_quad(&quad, &mut line, &mut |_, _| {});
        assert_eq!(line, "<urn:s> <urn:p> \"a\\\"b\\\\c\\nd\\re\tf\" .\n");
    }
}
