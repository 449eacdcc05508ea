//! Every user-facing string, in every language, from Fluent files.
//!
//! Pages ask a [`Tr`] for messages by id; the language is chosen once per request from
//! `?lang=`, the `lang` cookie, or the browser's `Accept-Language`, in that order.
//!
//! Simplified and Traditional Chinese and English are complete. Portuguese, for Macao,
//! covers the public pages; any message it lacks is taken from English, message by message.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use wanqiao_domain::{Date, Locale};

/// Languages the pages are offered in, default first.
pub const PAGE_LOCALES: [Locale; 4] = [Locale::ZhHans, Locale::ZhHant, Locale::En, Locale::Pt];

/// Where a message missing in Portuguese is taken from.
const FALLBACK: Locale = Locale::En;

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
            "\n",
            include_str!(concat!("../locales/dashboard/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/portal/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/search/", $tag, ".ftl")),
            "\n",
            include_str!(concat!("../locales/roster/", $tag, ".ftl")),
        )
    };
}

/// The complete languages: every message in each.
const SOURCES: [(Locale, &str); 3] = [
    (Locale::ZhHans, locale_files!("zh-Hans")),
    (Locale::ZhHant, locale_files!("zh-Hant")),
    (Locale::En, locale_files!("en")),
];

/// Portuguese: `locales/pt.ftl` and every `locales/*/pt.ftl`, gathered by `build.rs`, so a
/// folder that adds one needs no line here.
const PT_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/pt.ftl"));

/// Every language with its messages, complete ones first.
fn all_sources() -> impl Iterator<Item = (Locale, &'static str)> {
    SOURCES
        .iter()
        .copied()
        .chain(std::iter::once((Locale::Pt, PT_SOURCE)))
}

/// The parsed message bundles, built once at start-up.
pub struct I18n {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl I18n {
    /// Parses the bundled Fluent files; a syntax error there is a build defect, so it panics
    /// at start-up (and in the tests) rather than showing broken pages.
    pub fn new() -> I18n {
        let bundles = all_sources()
            .map(|(locale, source)| {
                let resource =
                    FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
                        panic!("locales/{locale}.ftl does not parse: {errors:?}")
                    });
                // Macao writes European Portuguese, whose plurals differ from Brazil's: zero
                // is plural ("0 entradas"), as the bare `pt` rules would not have it.
                let tag = match locale {
                    Locale::Pt => "pt-PT",
                    other => other.tag(),
                };
                let lang = tag
                    .parse()
                    .expect("locale tags are valid language identifiers");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // Isolation marks would show up inside attributes and tests; the page layout
                // keeps directions apart already.
                bundle.set_use_isolating(false);
                bundle.set_formatter(Some(match locale {
                    Locale::Pt => number_pt,
                    _ => number_comma,
                }));
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|e| panic!("locales/{locale}.ftl repeats a message: {e:?}"));
                (locale, bundle)
            })
            .collect();
        I18n { bundles }
    }

    /// A translator for one request.
    pub fn tr(&self, locale: Locale) -> Tr<'_> {
        let locale = if PAGE_LOCALES.contains(&locale) {
            locale
        } else {
            Locale::ZhHans
        };
        let bundle = |wanted: Locale| {
            self.bundles
                .iter()
                .find(|(l, _)| *l == wanted)
                .map(|(_, b)| b)
        };
        Tr {
            locale,
            bundle: bundle(locale)
                .or_else(|| self.bundles.first().map(|(_, b)| b))
                .expect("at least one bundle"),
            fallback: (locale == Locale::Pt).then(|| bundle(FALLBACK)).flatten(),
        }
    }

    /// Message ids of each complete language, for the completeness tests.
    pub fn message_ids(&self) -> Vec<(Locale, Vec<String>)> {
        SOURCES
            .iter()
            .map(|(locale, source)| (*locale, ids_in(source)))
            .collect()
    }

    /// Message ids of the Portuguese files, which cover the public pages only.
    pub fn portuguese_ids(&self) -> Vec<String> {
        ids_in(PT_SOURCE)
    }
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new()
    }
}

/// The message ids a Fluent source defines.
fn ids_in(source: &str) -> Vec<String> {
    let resource = FluentResource::try_new(source.to_string()).expect("parsed at start-up");
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Whole numbers with thousands separators, as English and Chinese write them: 1,234.
fn number_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
    whole(value).map(|n| group(n, ",", 4))
}

/// Whole numbers as Portuguese writes them: a space between thousands from five digits on.
fn number_pt<M>(value: &FluentValue, _: &M) -> Option<String> {
    whole(value).map(|n| group(n, "\u{a0}", 5))
}

/// The number, when it is whole and its message leaves the grouping to us; messages can opt
/// out with `NUMBER($n, useGrouping: "false")`.
fn whole(value: &FluentValue) -> Option<i64> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0
                && n.value.abs() < 1e15
                && n.options.use_grouping
                && n.options.minimum_fraction_digits.is_none() =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Some(n.value as i64)
        }
        _ => None,
    }
}

/// `n` with `separator` between groups of three digits, for numbers of at least
/// `from_digits` digits.
fn group(n: i64, separator: &str, from_digits: usize) -> String {
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    if digits.len() < from_digits {
        return format!("{sign}{digits}");
    }
    let mut out = String::from(sign);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}

/// Messages in one language.
pub struct Tr<'a> {
    pub locale: Locale,
    bundle: &'a FluentBundle<FluentResource>,
    /// Where messages missing in this language come from (English, for Portuguese).
    fallback: Option<&'a FluentBundle<FluentResource>>,
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
        let found = [Some(self.bundle), self.fallback]
            .into_iter()
            .flatten()
            .find_map(|b| Some((b, b.get_message(id)?.value()?)));
        let Some((bundle, pattern)) = found else {
            tracing::warn!(id, locale = %self.locale, "missing message");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, locale = %self.locale, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// The BCP 47 tag of the language, for `lang` attributes.
    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    /// A date as people write it in this language: 2020年7月11日, 11 July 2020, 11/07/2020.
    pub fn date(&self, date: &Date) -> String {
        match self.locale {
            Locale::ZhHans | Locale::ZhHant => {
                format!("{}年{}月{}日", date.year(), date.month(), date.day())
            }
            Locale::Pt => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
            Locale::En => {
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

    /// The date of an ISO 8601 date or timestamp (`2026-11-29`, `2026-11-29T10:08:45Z`) as
    /// [`Tr::date`] writes it; text that is no date is shown as it is, a missing one as a dash.
    pub fn date_of(&self, iso: &str) -> String {
        match iso.get(..10).and_then(|d| d.parse::<Date>().ok()) {
            Some(d) => self.date(&d),
            None if iso.trim().is_empty() => "—".into(),
            None => iso.to_string(),
        }
    }

    /// A timestamp to the minute, in the reader's way of writing dates: 2026年11月29日 10:08.
    /// Timestamps are kept in UTC, and the time is shown as kept.
    pub fn date_time(&self, iso: &str) -> String {
        let date = self.date_of(iso);
        match iso.get(11..16) {
            Some(time) if time.as_bytes().get(2) == Some(&b':') => format!("{date} {time}"),
            _ => date,
        }
    }

    /// A whole number with the thousands separated as this language does: 12,345 or 12 345.
    pub fn number(&self, n: impl Into<Whole>) -> String {
        let n = n.into().0;
        match self.locale {
            Locale::Pt => group(n, "\u{a0}", 5),
            _ => group(n, ",", 4),
        }
    }
}

/// A whole number to write with [`Tr::number`], from any integer type (or a reference to
/// one, as templates hold them); beyond `i64` it saturates.
pub struct Whole(i64);

macro_rules! whole_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Whole {
            fn from(n: $t) -> Whole {
                Whole(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Whole {
            fn from(n: &$t) -> Whole {
                Whole::from(*n)
            }
        }
        impl From<&&$t> for Whole {
            fn from(n: &&$t) -> Whole {
                Whole::from(**n)
            }
        }
    )*};
}

whole_from!(u32, u64, usize, i32, i64);

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

impl From<&usize> for Arg {
    fn from(n: &usize) -> Self {
        Arg(FluentValue::from(*n))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg(FluentValue::from(n))
    }
}

impl From<&i64> for Arg {
    fn from(n: &i64) -> Self {
        Arg(FluentValue::from(*n))
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
mod keys;

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
        assert_eq!(negotiate(None, None, Some("pt-MO")), Locale::Pt);
        assert_eq!(negotiate(Some("pt"), None, Some("en")), Locale::Pt);
        assert_eq!(negotiate(None, None, Some("fr, de")), Locale::ZhHans);
    }

    #[test]
    fn dates_per_locale() {
        let i18n = I18n::new();
        let d: Date = "2020-07-11".parse().unwrap();
        assert_eq!(i18n.tr(Locale::ZhHans).date(&d), "2020年7月11日");
        assert_eq!(i18n.tr(Locale::En).date(&d), "11 July 2020");
        assert_eq!(i18n.tr(Locale::Pt).date(&d), "11/07/2020");
        assert_eq!(
            i18n.tr(Locale::ZhHant).date_of("2026-11-29T10:08:45Z"),
            "2026年11月29日"
        );
        assert_eq!(
            i18n.tr(Locale::En).date_time("2026-11-29T10:08:45Z"),
            "29 November 2026 10:08"
        );
        assert_eq!(i18n.tr(Locale::En).date_of(""), "—");
    }

    #[test]
    fn numbers_per_locale() {
        let i18n = I18n::new();
        assert_eq!(i18n.tr(Locale::En).number(1234567u64), "1,234,567");
        assert_eq!(i18n.tr(Locale::ZhHans).number(999), "999");
        assert_eq!(i18n.tr(Locale::ZhHans).number(1000), "1,000");
        assert_eq!(i18n.tr(Locale::Pt).number(1000), "1000");
        assert_eq!(i18n.tr(Locale::Pt).number(12345), "12\u{a0}345");
        assert_eq!(i18n.tr(Locale::En).number(-1234), "-1,234");
        // Inside messages too.
        let count = i18n
            .tr(Locale::En)
            .t1("public-register-count", "count", 12345u64);
        assert!(count.contains("12,345"), "{count}");
        // European Portuguese plurals: zero is plural.
        let none = i18n
            .tr(Locale::Pt)
            .t1("public-register-count", "count", 0u64);
        assert_eq!(none, "0 entradas");
    }

    #[test]
    fn portuguese_falls_back_to_english_per_message() {
        let i18n = I18n::new();
        let pt = i18n.tr(Locale::Pt);
        assert_eq!(pt.lang(), "pt");
        let en = i18n.tr(Locale::En);
        let only_english = i18n.message_ids()[2]
            .1
            .iter()
            .find(|id| !i18n.portuguese_ids().contains(id))
            .cloned()
            .expect("signed-in pages have messages Portuguese leaves to English");
        assert_eq!(pt.t(&only_english), en.t(&only_english));
    }
}
