//! Languages of the platform and text kept in several of them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The languages Wanqiao speaks. Simplified Chinese comes first because it is the default
/// for the mainland majority of users; Portuguese is offered for Macao's public pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "pt")]
    Pt,
}

impl Locale {
    /// Every locale, default first.
    pub const ALL: [Locale; 4] = [Locale::ZhHans, Locale::ZhHant, Locale::En, Locale::Pt];

    /// The BCP 47 tag, as used in `lang` attributes, cookies and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
            Locale::Pt => "pt",
        }
    }

    /// Reads a tag leniently, the way browsers send them (`zh-CN`, `zh-TW`, `zh-HK`, `en-GB`…),
    /// so that a Hong Kong browser gets Traditional Chinese without choosing it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        let lang = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        match lang {
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.iter().any(|p| matches!(*p, "hans" | "cn" | "sg"));
                Some(if traditional && !simplified {
                    Locale::ZhHant
                } else {
                    Locale::ZhHans
                })
            }
            "en" => Some(Locale::En),
            "pt" => Some(Locale::Pt),
            _ => None,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A name or text kept in each language. Chinese in both scripts and English are required
/// because every page is offered in those three; Portuguese is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pt: Option<String>,
}

impl LocalizedText {
    /// The text in `locale`, falling back to English where a Portuguese text is missing.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhHans => &self.zh_hans,
            Locale::ZhHant => &self.zh_hant,
            Locale::En => &self.en,
            Locale::Pt => self.pt.as_deref().unwrap_or(&self.en),
        }
    }

    /// The first required language left empty, if any.
    pub fn missing(&self) -> Option<Locale> {
        [
            (Locale::ZhHans, &self.zh_hans),
            (Locale::ZhHant, &self.zh_hant),
            (Locale::En, &self.en),
        ]
        .into_iter()
        .find(|(_, text)| text.trim().is_empty())
        .map(|(locale, _)| locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_map_to_scripts() {
        assert_eq!(Locale::from_tag("zh-HK"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-Hant-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("pt-MO"), Some(Locale::Pt));
        assert_eq!(Locale::from_tag("fr"), None);
    }

    #[test]
    fn portuguese_falls_back_to_english() {
        let t = LocalizedText {
            zh_hans: "桥".into(),
            zh_hant: "橋".into(),
            en: "Bridge".into(),
            pt: None,
        };
        assert_eq!(t.get(Locale::Pt), "Bridge");
        assert_eq!(t.missing(), None);
    }
}
