//! Every user-facing string, in every language, from Fluent files.
//!
//! Pages ask a [`Tr`] for messages by id; the language is chosen once per request from
//! `?lang=`, the `lang` cookie, or the browser's `Accept-Language`, in that order.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use wanqiao_domain::{Date, Locale};

/// Languages the pages are offered in, default first.
pub const PAGE_LOCALES: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

/// The message files of each language: the main file and one per area of the platform, so
/// each area's words are kept together. Every language has the same files.
macro_rules! locale_files {
    ($tag:literal) => {
        concat!(
            include_str!(concat!("../locales/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/admin/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/engine/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/recognition/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/workflow/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/evidence/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/credentials/", $tag, ".ftl")),
        )
    };
}

const SOURCES: [(Locale, &str); 3] = [
    (Locale::ZhHans, locale_files!("zh-Hans")),
    (Locale::ZhHant, locale_files!("zh-Hant")),
    (Locale::En, locale_files!("en")),
];

/// The parsed message bundles, built once at start-up.
pub struct I18n {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl I18n {
    /// Parses the bundled Fluent files; a syntax error there is a build defect, so it panics
    /// at start-up (and in the tests) rather than showing broken pages.
    pub fn new() -> I18n {
        let bundles = SOURCES
            .iter()
            .map(|(locale, source)| {
                let resource =
                    FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
                        panic!("locales/{locale}.ftl does not parse: {errors:?}")
                    });
                let lang = locale
                    .tag()
                    .parse()
                    .expect("locale tags are valid language identifiers");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // Isolation marks would show up inside attributes and tests; the page layout
                // keeps directions apart already.
                bundle.set_use_isolating(false);
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|e| panic!("locales/{locale}.ftl repeats a message: {e:?}"));
                (*locale, bundle)
            })
            .collect();
        I18n { bundles }
    }

    /// A translator for one request.
    pub fn tr(&self, locale: Locale) -> Tr<'_> {
        let bundle = self
            .bundles
            .iter()
            .find(|(l, _)| *l == locale)
            .or_else(|| self.bundles.first())
            .map(|(_, b)| b)
            .expect("at least one bundle");
        Tr {
            locale: if PAGE_LOCALES.contains(&locale) {
                locale
            } else {
                Locale::ZhHans
            },
            bundle,
        }
    }

    /// Message ids per locale, for the completeness tests.
    pub fn message_ids(&self) -> Vec<(Locale, Vec<String>)> {
        SOURCES
            .iter()
            .map(|(locale, source)| {
                let resource = FluentResource::try_new(source.to_string()).expect("parsed before");
                let ids = resource
                    .entries()
                    .filter_map(|e| match e {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                        _ => None,
                    })
                    .collect();
                (*locale, ids)
            })
            .collect()
    }
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new()
    }
}

/// Messages in one language.
pub struct Tr<'a> {
    pub locale: Locale,
    bundle: &'a FluentBundle<FluentResource>,
}

impl Tr<'_> {
    /// The message `id`; its id itself when missing, so a gap is visible but never fatal.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with one argument.
    pub fn t1(&self, id: &str, name: &str, value: impl Into<Arg>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value.into().0);
        self.format(id, Some(&args))
    }

    /// The message `id` with several arguments.
    pub fn targs(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(name.to_string(), value.0.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, locale = %self.locale, "missing message");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, locale = %self.locale, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// The BCP 47 tag of the language, for `lang` attributes.
    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    /// A date as people write it in this language: 2020年7月11日, 11 July 2020.
    pub fn date(&self, date: &Date) -> String {
        match self.locale {
            Locale::ZhHans | Locale::ZhHant => {
                format!("{}年{}月{}日", date.year(), date.month(), date.day())
            }
            _ => {
                let month = self.t(&format!("month-{}", date.month()));
                format!("{} {} {}", date.day(), month, date.year())
            }
        }
    }

    /// An optional date, or a dash.
    pub fn opt_date(&self, date: &Option<Date>) -> String {
        date.as_ref()
            .map(|d| self.date(d))
            .unwrap_or_else(|| "—".into())
    }
}

/// A message argument: text or a number.
#[derive(Clone)]
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg(FluentValue::String(Cow::Owned(s.to_string())))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg(FluentValue::String(Cow::Owned(s)))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg(FluentValue::from(n))
    }
}

impl From<&u32> for Arg {
    fn from(n: &u32) -> Self {
        Arg(FluentValue::from(*n))
    }
}

impl From<&&u32> for Arg {
    fn from(n: &&u32) -> Self {
        Arg(FluentValue::from(**n))
    }
}

impl From<&u64> for Arg {
    fn from(n: &u64) -> Self {
        Arg(FluentValue::from(*n))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg(FluentValue::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg(FluentValue::from(n))
    }
}

/// Picks the page language: an explicit choice, then a remembered one, then the browser's
/// preferences in order of their weight, then Simplified Chinese.
pub fn negotiate(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Locale {
    let supported = |tag: &str| Locale::from_tag(tag).filter(|l| PAGE_LOCALES.contains(l));
    if let Some(l) = query
        .and_then(supported)
        .or_else(|| cookie.and_then(supported))
    {
        return l;
    }
    let mut prefs: Vec<(f32, &str)> = accept
        .unwrap_or_default()
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            (!tag.is_empty()).then_some((q, tag))
        })
        .collect();
    prefs.sort_by(|a, b| b.0.total_cmp(&a.0));
    prefs
        .into_iter()
        .find_map(|(_, tag)| supported(tag))
        .unwrap_or(Locale::ZhHans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_locale_has_every_message() {
        let ids = I18n::new().message_ids();
        let all: BTreeSet<&String> = ids.iter().flat_map(|(_, v)| v).collect();
        for (locale, own) in &ids {
            let own: BTreeSet<&String> = own.iter().collect();
            let missing: Vec<_> = all.difference(&own).collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        }
    }

    #[test]
    fn negotiation_order() {
        assert_eq!(negotiate(Some("en"), Some("zh-Hant"), None), Locale::En);
        assert_eq!(negotiate(None, Some("zh-Hant"), Some("en")), Locale::ZhHant);
        assert_eq!(
            negotiate(None, None, Some("fr;q=0.9, zh-HK;q=0.8, en;q=0.5")),
            Locale::ZhHant
        );
        assert_eq!(negotiate(Some("xx"), None, None), Locale::ZhHans);
        assert_eq!(negotiate(None, None, Some("pt-MO")), Locale::ZhHans);
    }

    #[test]
    fn dates_per_locale() {
        let i18n = I18n::new();
        let d: Date = "2020-07-11".parse().unwrap();
        assert_eq!(i18n.tr(Locale::ZhHans).date(&d), "2020年7月11日");
        assert_eq!(i18n.tr(Locale::En).date(&d), "11 July 2020");
    }
}
