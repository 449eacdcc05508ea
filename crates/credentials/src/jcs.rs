//! JSON Canonicalization Scheme (RFC 8785), used by `eddsa-jcs-2022` and for `@json` literals.
//!
//! Written here rather than taken from a crate: it is forty lines over `serde_json::Value`,
//! writes into one reused buffer (the verify path is hot), and numbers are formatted by
//! `ryu-js`, which implements ECMAScript's `Number.prototype.toString` as RFC 8785 requires.

use serde_json::{Map, Value};

/// The canonical JSON text of a value.
pub fn canonicalize(value: &Value) -> String {
    let mut out = String::with_capacity(256);
    write_value(value, &mut out);
    out
}

/// Appends the canonical JSON text of a value to `out`.
pub fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(map, out),
    }
}

/// Members sorted by their names' UTF-16 code units, as RFC 8785 §3.2.3 requires.
fn write_object(map: &Map<String, Value>, out: &mut String) {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    out.push('{');
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(value, out);
    }
    out.push('}');
}

/// ECMAScript number serialisation: integers plainly, others in shortest round-trip form.
fn write_number(n: &serde_json::Number, out: &mut String) {
    if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() < (1 << 53)) {
        out.push_str(&i.to_string());
    } else if let Some(f) = n.as_f64() {
        let mut buffer = ryu_js::Buffer::new();
        out.push_str(buffer.format(f));
    }
}

/// JSON string escaping of RFC 8785 §3.2.2.2: only `"`, `\` and control characters.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(escaped);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_by_utf16_and_formats_numbers_like_ecmascript() {
        let v: Value = serde_json::from_str(
            r#"{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0,10,1e21],
                "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals":[null,true,false]}"#,
        )
        .unwrap();
        assert_eq!(
            canonicalize(&v),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27,0,10,1e+21],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
        let v = json!({"\u{20ac}": 1, "\r": 2, "\u{1F600}": 3, "\u{fb33}": 4, "1": 5});
        assert_eq!(
            canonicalize(&v),
            "{\"\\r\":2,\"1\":5,\"\u{20ac}\":1,\"\u{1F600}\":3,\"\u{fb33}\":4}"
        );
    }
}
