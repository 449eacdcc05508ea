//! What every form shares: the fields as they were typed, the messages next to the fields
//! they concern, and the options of a select list. The templates show them with the macros
//! of `templates/macros/forms.html` (see `docs/design.md`).

use std::collections::{BTreeMap, HashMap};

/// A form as it was sent: every field as typed, so a refused form comes back as it was.
#[derive(Debug, Default, Clone)]
pub struct Fields(HashMap<String, String>);

impl Fields {
    pub fn new(pairs: Vec<(String, String)>) -> Fields {
        Fields(pairs.into_iter().collect())
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_string(), value.into());
    }

    /// The field as typed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The field without surrounding spaces.
    pub fn text(&self, name: &str) -> String {
        self.get(name).trim().to_string()
    }

    /// The field without surrounding spaces, or nothing when it is empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|t| !t.is_empty())
    }

    /// Whether a checkbox was ticked.
    pub fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    /// Whether `value` is the chosen option of the select `name`.
    pub fn is(&self, name: &str, value: &str) -> bool {
        self.get(name) == value
    }
}

/// Messages for the reader: next to the field they concern (by the field's `id`, which the
/// forms keep equal to its `name`), or at the top of the form when they concern no field.
#[derive(Debug, Default)]
pub struct Errors {
    fields: BTreeMap<String, Vec<String>>,
    pub top: Vec<String>,
}

impl Errors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.fields
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    pub fn add_top(&mut self, message: impl Into<String>) {
        self.top.push(message.into());
    }

    /// Every message about `field`.
    pub fn list(&self, field: &str) -> &[String] {
        self.fields.get(field).map_or(&[], Vec::as_slice)
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.top.is_empty()
    }

    /// Whether any message concerns a field of the main form (and so the summary says
    /// "correct the marked fields"); `confirm` belongs to the separate retire forms.
    pub fn on_fields(&self) -> bool {
        self.fields.keys().any(|k| k != "confirm")
    }

    /// The first message of each field, for the summary's links to the fields.
    pub fn by_field(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .filter_map(|(field, messages)| Some((field.as_str(), messages.first()?.as_str())))
            .collect()
    }
}

/// One option of a select list.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    /// The options `(value, label)`, the one `fields` holds for `name` selected.
    pub fn list(fields: &Fields, name: &str, options: Vec<(String, String)>) -> Vec<Choice> {
        options
            .into_iter()
            .map(|(value, label)| Choice {
                selected: fields.is(name, &value),
                value,
                label,
            })
            .collect()
    }

    /// The options `(value, label)`, the one equal to `chosen` selected.
    pub fn of(options: Vec<(String, String)>, chosen: &str) -> Vec<Choice> {
        options
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == chosen,
                value,
                label,
            })
            .collect()
    }
}
