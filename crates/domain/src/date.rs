//! Serde support for dates written either as strings (JSON, quoted TOML) or as TOML's own
//! date values, so that data stewards can write `signed_on = 2020-07-11` naturally.

use crate::Date;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    d.deserialize_any(DateVisitor)
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
        parse(s).map_err(E::custom)
    }

    // TOML hands its date values over as a one-entry map holding the text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let (_, text): (String, String) = map
            .next_entry()?
            .ok_or_else(|| de::Error::custom("expected a date"))?;
        parse(&text).map_err(de::Error::custom)
    }
}

/// Parses `YYYY-MM-DD`, with a message that shows the expected form.
pub fn parse(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|_| format!("`{s}` is not a date written YYYY-MM-DD"))
}

/// The same for optional dates.
pub mod option {
    use crate::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super")] Date);
        Option::<Wrap>::deserialize(d).map(|w| w.map(|Wrap(date)| date))
    }
}
