//! Agreements as TOML files, one agreement with its versions and rules per file.
//!
//! Societies exchange agreements as documents they can read and sign off; the file is the
//! reviewable artefact. An error always names the file, the line and the field, because the
//! person fixing it works in a text editor, not in the database.

use crate::Agreement;
use crate::catalogue::{Catalogue, FieldPath, Segment};
use std::fmt;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Something wrong in an agreement file, located for an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Reads one agreement and checks it against the register; every error found, or the agreement.
pub fn parse(file: &str, text: &str, catalogue: &Catalogue) -> Result<Agreement, Vec<FileError>> {
    let tree = DeTable::parse(text).map_err(|e| {
        vec![FileError {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            field: None,
            message: e.message().to_string(),
        }]
    })?;
    let agreement: Agreement = toml::from_str(text).map_err(|e| {
        let field = e
            .span()
            .map(|s| path_at(&tree, s.start))
            .filter(|p| !p.0.is_empty());
        vec![FileError {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            field: field.map(|p| p.to_string()),
            message: e.message().to_string(),
        }]
    })?;
    if let Err(message) = agreement.deadlines.check() {
        return Err(vec![FileError {
            file: file.to_string(),
            line: span_of(&tree, &FieldPath::default().key("deadlines"))
                .map(|s| line_of(text, s.start)),
            field: Some("deadlines".into()),
            message,
        }]);
    }
    if let Err(message) = crate::fees::check(&agreement.fees) {
        return Err(vec![FileError {
            file: file.to_string(),
            line: span_of(&tree, &FieldPath::default().key("fee")).map(|s| line_of(text, s.start)),
            field: Some("fee".into()),
            message,
        }]);
    }
    let problems = catalogue.check_agreement(&agreement);
    if problems.is_empty() {
        return Ok(agreement);
    }
    Err(problems
        .into_iter()
        .map(|p| FileError {
            file: file.to_string(),
            line: span_of(&tree, &p.field).map(|s| line_of(text, s.start)),
            field: Some(p.field.to_string()),
            message: p.message,
        })
        .collect())
}

/// Writes an agreement in the layout people write by hand: singular array names
/// (`[[version]]`, `[[version.rule]]`), inline `from`/`to` tables and bare dates, so an exported
/// file reads like the agreement it records. [`parse`] reads it back unchanged.
pub fn to_toml(a: &Agreement) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| out.push_str(&format!("{key} = {value}\n"));
    line("id", quote(&a.id));
    line("kind", quote(a.kind.code()));
    line("status", quote(a.status.code()));
    line("specialty", quote(&a.specialty));
    line("parties", list(a.parties.iter().map(String::as_str)));
    for (key, date) in [
        ("signed_on", a.signed_on),
        ("effective_from", a.effective_from),
        ("effective_until", a.effective_until),
    ] {
        if let Some(d) = date {
            line(key, d.to_string());
        }
    }
    line("sample", a.sample.to_string());
    texts(&mut out, "titles", &a.titles);
    if let Some(notes) = &a.notes {
        texts(&mut out, "notes", notes);
    }
    if !a.deadlines.is_default() {
        let d = &a.deadlines;
        out.push_str(&format!(
            "\n[deadlines]\nacknowledge = {}\nattest = {}\ndecide = {}\nanswer = {}\nappeal = {}\non_overdue = {}\n",
            d.acknowledge,
            d.attest,
            d.decide,
            d.answer,
            d.appeal,
            quote(d.on_overdue.code())
        ));
    }
    for f in &a.fees {
        out.push_str(&format!(
            "\n[[fee]]\nsociety = {}\nstep = {}\namount = {}\ncurrency = {}\n",
            quote(&f.society),
            quote(f.step.code()),
            f.amount,
            quote(f.currency.code())
        ));
    }
    for v in &a.versions {
        out.push_str(&format!(
            "\n[[version]]\nnumber = {}\nstatus = {}\n",
            v.number,
            quote(v.status.code())
        ));
        if let Some(d) = v.effective_from {
            out.push_str(&format!("effective_from = {d}\n"));
        }
        if let Some(notes) = &v.notes {
            out.push_str(&format!("notes = {}\n", quote(notes)));
        }
        for r in &v.rules {
            out.push_str(&format!(
                "\n[[version.rule]]\nfrom = {{ framework = {}, min_level = {} }}\nto = {{ society = {}, level = {} }}\nmin_experience_years = {}\neducation = {}\n",
                quote(&r.from.framework),
                quote(&r.from.min_level),
                quote(&r.to.society),
                quote(&r.to.level),
                r.min_experience_years,
                quote(r.education.code()),
            ));
            if let Some(cpd) = r.cpd {
                out.push_str(&format!(
                    "cpd = {{ hours = {}, within_years = {} }}\n",
                    cpd.hours, cpd.within_years
                ));
            }
            if !r.requires.is_empty() {
                let codes: Vec<String> = r.requires.iter().map(ToString::to_string).collect();
                out.push_str(&format!(
                    "requires = {}\n",
                    list(codes.iter().map(String::as_str))
                ));
            }
        }
    }
    out
}

/// A TOML basic string, escaped by the TOML library itself.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.map(quote).collect();
    format!("[{}]", quoted.join(", "))
}

fn texts(out: &mut String, table: &str, t: &crate::LocalizedText) {
    out.push_str(&format!("\n[{table}]\n"));
    for locale in crate::Locale::ALL {
        if locale == crate::Locale::Pt && t.pt.is_none() {
            continue;
        }
        out.push_str(&format!("{} = {}\n", locale.tag(), quote(t.get(locale))));
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The span of the deepest part of `path` present in the file: the key itself where the path
/// ends on a key, so the line shown is the one to edit.
fn span_of(tree: &Spanned<DeTable>, path: &FieldPath) -> Option<Range<usize>> {
    let mut best = Some(tree.span());
    let mut value: Option<&DeValue> = None;
    let mut table: Option<&DeTable> = Some(tree.get_ref());
    for seg in &path.0 {
        match (seg, table, value) {
            (Segment::Key(k), Some(t), _) => {
                // Files may name arrays in the singular (`[[version.rule]]`) or the plural.
                let plural = format!("{k}s");
                let (key, v) = t
                    .iter()
                    .find(|(key, _)| key.get_ref() == k || **key.get_ref() == *plural)?;
                best = Some(key.span());
                value = Some(v.get_ref());
            }
            (Segment::Index(i), _, Some(DeValue::Array(items))) => {
                let item = items.get(*i)?;
                best = Some(item.span());
                value = Some(item.get_ref());
            }
            _ => break,
        }
        table = match value {
            Some(DeValue::Table(t)) => Some(t),
            _ => None,
        };
    }
    best
}

/// The field that contains `offset`, for errors that only know where they are.
fn path_at(tree: &Spanned<DeTable>, offset: usize) -> FieldPath {
    let within = |r: Range<usize>| r.start <= offset && offset < r.end.max(r.start + 1);
    let mut path = FieldPath::default();
    let mut table: &DeTable = tree.get_ref();
    'walk: loop {
        for (key, value) in table.iter() {
            if !within(extent(key.span(), value)) {
                continue;
            }
            path = path.key(key.get_ref());
            match value.get_ref() {
                DeValue::Table(t) => {
                    table = t;
                    continue 'walk;
                }
                DeValue::Array(items) => {
                    let found = items
                        .iter()
                        .enumerate()
                        .find(|(_, item)| within(extent(item.span(), item)));
                    if let Some((i, item)) = found {
                        path = path.index(i);
                        if let DeValue::Table(t) = item.get_ref() {
                            table = t;
                            continue 'walk;
                        }
                    }
                }
                _ => {}
            }
            break 'walk;
        }
        break;
    }
    path
}

/// Where a value really reaches: the parser spans an array-of-tables item by its header
/// line only, so an item's extent runs to the end of its last child.
fn extent(start: Range<usize>, value: &Spanned<DeValue>) -> Range<usize> {
    let mut range = start.start.min(value.span().start)..start.end.max(value.span().end);
    let children: Vec<Range<usize>> = match value.get_ref() {
        DeValue::Table(t) => t.iter().map(|(k, v)| extent(k.span(), v)).collect(),
        DeValue::Array(items) => items.iter().map(|v| extent(v.span(), v)).collect(),
        _ => Vec::new(),
    };
    for child in children {
        range.end = range.end.max(child.end);
    }
    range
}
