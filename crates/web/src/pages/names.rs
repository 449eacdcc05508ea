//! Names kept in several languages: shown in the reader's script first, the others beside
//! them, each marked with its language so it gets the right glyphs and pronunciation.

use wanqiao_domain::{Locale, LocalizedText};

/// A name in another language than the page's, for `<span lang="…">`.
pub struct OtherName {
    pub lang: &'static str,
    pub text: String,
}

/// The name in the reader's language: Traditional for zh-Hant readers, Portuguese falling
/// back to English, and English where the reader's own is left empty.
pub fn shown(names: &LocalizedText, locale: Locale) -> String {
    let own = names.get(locale).trim();
    if own.is_empty() {
        names.en.clone()
    } else {
        own.to_string()
    }
}

/// The name in the other languages it is kept in, each once, leaving out the one shown.
pub fn others(names: &LocalizedText, locale: Locale) -> Vec<OtherName> {
    let first = shown(names, locale);
    let mut seen = vec![first];
    let mut out = Vec::new();
    for l in Locale::ALL {
        let text = match l {
            Locale::Pt => names.pt.clone().unwrap_or_default(),
            _ => names.get(l).to_string(),
        };
        let text = text.trim().to_string();
        if text.is_empty() || seen.contains(&text) {
            continue;
        }
        seen.push(text.clone());
        out.push(OtherName {
            lang: l.tag(),
            text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_script_comes_first_and_each_other_once() {
        let names = LocalizedText {
            zh_hans: "陈大文".into(),
            zh_hant: "陳大文".into(),
            en: "Chan Tai Man".into(),
            pt: None,
        };
        assert_eq!(shown(&names, Locale::ZhHant), "陳大文");
        assert_eq!(shown(&names, Locale::Pt), "Chan Tai Man");
        let listed: Vec<(&str, String)> = others(&names, Locale::En)
            .into_iter()
            .map(|o| (o.lang, o.text))
            .collect();
        assert_eq!(
            listed,
            vec![("zh-Hans", "陈大文".into()), ("zh-Hant", "陳大文".into())]
        );
        let same = LocalizedText {
            zh_hans: "李明".into(),
            zh_hant: "李明".into(),
            en: "Li Ming".into(),
            pt: None,
        };
        assert_eq!(others(&same, Locale::ZhHans).len(), 1);
    }
}
