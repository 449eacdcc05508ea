//! What a recognition certificate says, read in the reader's language from its JSON-LD
//! language maps, for the verification page.

use serde_json::Value;
use wanqiao_domain::Locale;

/// The certificate's content as a reader sees it.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub title: String,
    pub holder: String,
    pub recognition: String,
    pub issuer: String,
    pub valid_from: String,
    pub valid_until: String,
    pub description: String,
    pub conditions: String,
}

/// A string, or the entry of a `[{"@value", "@language"}]` list in `locale` (English, then
/// the first, when missing).
fn text(value: Option<&Value>, locale: Locale) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => {
            let find = |tag: &str| {
                items.iter().find_map(|i| {
                    (i.get("@language").and_then(Value::as_str) == Some(tag))
                        .then(|| i.get("@value").and_then(Value::as_str))
                        .flatten()
                })
            };
            find(locale.tag())
                .or_else(|| find("en"))
                .or_else(|| items.first().and_then(|i| i.get("@value")?.as_str()))
                .unwrap_or_default()
                .to_string()
        }
        Some(Value::Object(o)) => o
            .get("@value")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    }
}

pub fn content(vc: &Value, locale: Locale) -> Content {
    let subject = &vc["credentialSubject"];
    let achievement = &subject["achievement"];
    let issuer = match vc.get("issuer") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            let name = text(other.get("name"), locale);
            if name.is_empty() {
                text(other.get("id"), locale)
            } else {
                name
            }
        }
        None => String::new(),
    };
    Content {
        title: text(vc.get("name"), locale),
        holder: text(subject.get("name"), locale),
        recognition: text(achievement.get("name"), locale),
        issuer,
        valid_from: text(vc.get("validFrom"), locale),
        valid_until: text(vc.get("validUntil"), locale),
        description: text(achievement.get("description"), locale),
        conditions: text(achievement.pointer("/criteria/narrative"), locale),
    }
}
