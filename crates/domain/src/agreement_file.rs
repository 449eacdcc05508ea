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

/// Writes an agreement in the same format [`parse`] reads.
pub fn to_toml(agreement: &Agreement) -> String {
    toml::to_string_pretty(agreement).expect("an agreement always serialises to TOML")
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
