//! RDF literals from JSON-LD values (JSON-LD 1.1 §8.6 "Object to RDF Conversion").

use super::context::ActiveContext;
use super::iri::{is_absolute_iri, language_tag};
use crate::error::{Error, Result};
use crate::rdf::{
    RDF_JSON, RDF_LANG_STRING, Term, XSD_BOOLEAN, XSD_DOUBLE, XSD_INTEGER, XSD_STRING,
};
use serde_json::{Map, Value};

fn literal(value: String, datatype: &str, language: Option<String>) -> Term {
    Term::Literal {
        value,
        datatype: datatype.to_string(),
        language,
    }
}

/// An `@json` literal: the value's JCS form typed `rdf:JSON`.
pub fn json(value: &Value) -> Term {
    literal(crate::jcs::canonicalize(value), RDF_JSON, None)
}

/// A scalar with a datatype from type coercion or `@type`.
pub fn typed(value: &Value, datatype: &str) -> Result<Term> {
    let (lexical, _) = lexical(value)?;
    Ok(literal(lexical, datatype, None))
}

/// A scalar without coercion: strings (language-tagged if a language applies), numbers and
/// booleans with their XSD datatypes.
pub fn native(value: &Value, language: Option<&str>) -> Result<Term> {
    let (lexical, datatype) = lexical(value)?;
    Ok(match (value, language) {
        (Value::String(_), Some(l)) => literal(lexical, RDF_LANG_STRING, Some(l.to_string())),
        _ => literal(lexical, datatype, None),
    })
}

/// The lexical form and natural datatype of a JSON scalar, with JSON-LD's number rules:
/// integral values below 10^21 are `xsd:integer`, others `xsd:double` in canonical form.
fn lexical(value: &Value) -> Result<(String, &'static str)> {
    match value {
        Value::String(s) => Ok((s.clone(), XSD_STRING)),
        Value::Bool(b) => Ok((b.to_string(), XSD_BOOLEAN)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                return Ok((i.to_string(), XSD_INTEGER));
            }
            if let Some(u) = n.as_u64() {
                return Ok((u.to_string(), XSD_INTEGER));
            }
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 && f.abs() < 1e21 {
                Ok((format!("{f:.0}"), XSD_INTEGER))
            } else {
                Ok((canonical_double(f), XSD_DOUBLE))
            }
        }
        _ => Err(Error::Malformed(
            "a literal must be a string, number or boolean".into(),
        )),
    }
}

/// `xsd:double` canonical form as jsonld.js writes it: `toExponential(15)` with trailing
/// zeros of the mantissa removed (keeping one digit after the point) and no `+` in the exponent.
fn canonical_double(f: f64) -> String {
    let text = format!("{f:.15e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            let trimmed = fraction.trim_end_matches('0');
            format!("{whole}.{}", if trimmed.is_empty() { "0" } else { trimmed })
        }
        None => format!("{mantissa}.0"),
    };
    format!("{mantissa}E{exponent}")
}

/// A value object (`{"@value": …, "@type" | "@language": …}`); `None` when `@value` is null.
pub fn value_object(
    ctx: &ActiveContext,
    map: &Map<String, Value>,
    value_key: &str,
) -> Result<Option<Term>> {
    let mut datatype = None;
    let mut language = None;
    for (key, v) in map {
        match ctx.expand_iri(key, true).as_deref() {
            Some("@value") | Some("@index") | Some("@context") => {}
            Some("@type") => {
                let t = v
                    .as_str()
                    .ok_or_else(|| Error::Malformed("@type of a value must be a string".into()))?;
                let iri = ctx
                    .expand_iri(t, true)
                    .filter(|i| i == "@json" || is_absolute_iri(i))
                    .ok_or_else(|| Error::UndefinedTerm(t.to_string()))?;
                datatype = Some(iri);
            }
            Some("@language") => {
                let l = v
                    .as_str()
                    .ok_or_else(|| Error::Malformed("@language must be a string".into()))?;
                language = Some(language_tag(l)?);
            }
            Some("@direction") => return Err(Error::Unsupported("@direction".into())),
            _ => {
                return Err(Error::Malformed(format!(
                    "invalid key {key} in a value object"
                )));
            }
        }
    }
    let value = &map[value_key];
    match (datatype.as_deref(), language) {
        (Some("@json"), None) => Ok(Some(json(value))),
        _ if value.is_null() => Ok(None),
        (Some(t), None) => typed(value, t).map(Some),
        (None, Some(l)) if value.is_string() => native(value, Some(&l)).map(Some),
        (None, None) => native(value, None).map(Some),
        _ => Err(Error::Malformed("invalid value object".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_follow_the_jsonld_canonical_form() {
        assert_eq!(canonical_double(1.1), "1.1E0");
        assert_eq!(canonical_double(0.5), "5.0E-1");
        assert_eq!(canonical_double(1e21), "1.0E21");
        assert_eq!(canonical_double(-123.456), "-1.23456E2");
    }
}
