//! A whole register as a set of TOML files: how demo data ships and how a deployment can be
//! seeded. References across files are checked before anything is written anywhere.

use crate::agreement_file::{self, FileError};
use crate::catalogue::Catalogue;
use crate::{Activity, Agreement, Fellow, Framework, LocalizedText, Society, Specialty, slug};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub societies: Vec<Society>,
    pub specialties: Vec<Specialty>,
    pub frameworks: Vec<Framework>,
    pub agreements: Vec<Agreement>,
    pub fellows: Vec<Fellow>,
    pub activities: Vec<Activity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entries<T> {
    #[serde(
        alias = "society",
        alias = "specialty",
        alias = "framework",
        alias = "fellow",
        alias = "activity"
    )]
    entries: Vec<T>,
}

fn entries<T: DeserializeOwned>(file: &str, text: &str) -> Result<Vec<T>, Vec<FileError>> {
    toml::from_str::<Entries<T>>(text)
        .map(|e| e.entries)
        .map_err(|e| {
            vec![FileError {
                file: file.to_string(),
                line: e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
                field: None,
                message: e.message().to_string(),
            }]
        })
}

impl Dataset {
    /// Reads `societies.toml`, `specialties.toml`, `frameworks.toml`, `fellows.toml`,
    /// `activities.toml` and `agreements/*.toml` given as (name, text) pairs.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Dataset, Vec<FileError>> {
        let mut data = Dataset::default();
        let mut agreement_files = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in files {
            let base = name.rsplit('/').next().unwrap_or(name);
            let read = match base {
                "societies.toml" => entries(name, text).map(|v| data.societies = v),
                "specialties.toml" => entries(name, text).map(|v| data.specialties = v),
                "frameworks.toml" => entries(name, text).map(|v| data.frameworks = v),
                "fellows.toml" => entries(name, text).map(|v| data.fellows = v),
                "activities.toml" => entries(name, text).map(|v| data.activities = v),
                _ => {
                    agreement_files.push((name, text));
                    Ok(())
                }
            };
            errors.extend(read.err().into_iter().flatten());
        }
        data.frameworks.iter_mut().for_each(Framework::rank_levels);
        errors.extend(data.check_entries());
        let catalogue = data.catalogue();
        for (name, text) in agreement_files {
            match agreement_file::parse(name, text, &catalogue) {
                Ok(a) => data.agreements.push(a),
                Err(e) => errors.extend(e),
            }
        }
        let mut ids = BTreeSet::new();
        for a in &data.agreements {
            if !ids.insert(&a.id) {
                errors.push(problem(
                    "agreements",
                    format!("agreement `{}` is defined twice", a.id),
                ));
            }
        }
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(errors)
        }
    }

    pub fn catalogue(&self) -> Catalogue {
        Catalogue::new(
            self.societies.clone(),
            self.specialties.clone(),
            self.frameworks.clone(),
        )
    }

    fn check_entries(&self) -> Vec<FileError> {
        let mut errors = Vec::new();
        let mut unique = |file: &str, ids: Vec<&String>| {
            let mut seen = BTreeSet::new();
            for id in ids {
                if let Err(message) = slug::check(id) {
                    errors.push(problem(file, message));
                }
                if !seen.insert(id) {
                    errors.push(problem(file, format!("`{id}` is defined twice")));
                }
            }
        };
        unique(
            "societies.toml",
            self.societies.iter().map(|s| &s.id).collect(),
        );
        unique(
            "specialties.toml",
            self.specialties.iter().map(|s| &s.id).collect(),
        );
        unique(
            "frameworks.toml",
            self.frameworks.iter().map(|s| &s.id).collect(),
        );
        unique("fellows.toml", self.fellows.iter().map(|s| &s.id).collect());
        unique(
            "activities.toml",
            self.activities.iter().map(|s| &s.id).collect(),
        );
        errors.extend(self.check_texts());
        for f in &self.frameworks {
            if f.levels.is_empty() {
                errors.push(problem(
                    "frameworks.toml",
                    format!("`{}` has no levels", f.id),
                ));
            }
            let mut seen = BTreeSet::new();
            for level in &f.levels {
                if let Err(message) = slug::check(&level.id) {
                    errors.push(problem("frameworks.toml", format!("`{}`: {message}", f.id)));
                }
                if !seen.insert(&level.id) {
                    errors.push(problem(
                        "frameworks.toml",
                        format!("`{}` lists level `{}` twice", f.id, level.id),
                    ));
                }
            }
        }
        let societies: BTreeSet<&String> = self.societies.iter().map(|s| &s.id).collect();
        let mut known = |file: &str, owner: &str, id: &String| {
            if !societies.contains(id) {
                errors.push(problem(
                    file,
                    format!("`{owner}` names unknown society `{id}`"),
                ));
            }
        };
        for f in &self.frameworks {
            if let Some(owner) = &f.owner {
                known("frameworks.toml", &f.id, owner);
            }
        }
        for f in &self.fellows {
            known("fellows.toml", &f.id, &f.society);
        }
        for a in &self.activities {
            for s in &a.societies {
                known("activities.toml", &a.id, s);
            }
        }
        errors
    }
}

impl Dataset {
    /// Every name and text must exist in each page language.
    fn check_texts(&self) -> Vec<FileError> {
        let mut texts: Vec<(&str, &String, &str, &LocalizedText)> = Vec::new();
        for s in &self.societies {
            texts.push(("societies.toml", &s.id, "names", &s.names));
        }
        for s in &self.specialties {
            texts.push(("specialties.toml", &s.id, "names", &s.names));
        }
        for f in &self.frameworks {
            texts.push(("frameworks.toml", &f.id, "names", &f.names));
            for l in &f.levels {
                texts.push(("frameworks.toml", &l.id, "level names", &l.names));
            }
        }
        for f in &self.fellows {
            texts.push(("fellows.toml", &f.id, "names", &f.names));
            texts.push(("fellows.toml", &f.id, "citation", &f.citation));
        }
        for a in &self.activities {
            texts.push(("activities.toml", &a.id, "titles", &a.titles));
        }
        texts
            .into_iter()
            .filter_map(|(file, id, field, text)| {
                text.missing()
                    .map(|locale| problem(file, format!("`{id}`: {field} lack the {locale} text")))
            })
            .collect()
    }
}

fn problem(file: &str, message: String) -> FileError {
    FileError {
        file: file.to_string(),
        line: None,
        field: None,
        message,
    }
}
