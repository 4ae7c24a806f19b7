//! How changes from several copies meet in one record. Each top-level
//! field of a record is its own register: the write with the later stamp
//! wins it, whatever order the changes arrive in. Fields that are
//! append-only sets (a timeline, a checklist, readings) keep every element
//! either side wrote. A deletion hides the record until a field is written
//! after it; the hidden values are kept, so every copy agrees on what a
//! later write brings back.
//!
//! The state here is what the sync layer keeps beside each record (its
//! field stamps); the record a screen reads is `Held::value`. Applying the
//! same changes in any order, any number of times, gives the same state:
//! the property test below checks exactly that.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::clock::Stamp;

/// A field that only grows: elements are never dropped, and both sides'
/// elements are kept in the order of `order_by` (each element's field of
/// that name, "at" for timestamped entries), then by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppendOnly {
    pub field: &'static str,
    pub order_by: &'static str,
    /// Elements with an identity of their own (a checklist item, the day of
    /// a reading): each is a register by itself, the later change to it
    /// winning, and a removal travels too. `None`: a pure union (a timeline).
    pub key: Option<&'static str>,
}

/// What a write did to the elements of a keyed set, by element key: the
/// elements it added or changed, and those it removed. Elements it left
/// alone are not named, so they never overwrite a change made elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementEdit {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// An element's stamp in a keyed set, and whether that write removed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementStamp {
    pub stamp: Stamp,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// The key of an element of a keyed set, as text.
pub fn element_key(element: &Value, key: &str) -> String {
    element.get(key).map(canonical).unwrap_or_default()
}

/// What a write did to the keyed set `field` going from `before` to `after`.
pub fn element_edit(before: Option<&Value>, after: &Value, key: &str) -> ElementEdit {
    let keyed = |v: Option<&Value>| -> BTreeMap<String, Value> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|e| (element_key(e, key), e.clone()))
            .collect()
    };
    let (before, after) = (keyed(before), keyed(Some(after)));
    ElementEdit {
        changed: after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect(),
        removed: before.keys().filter(|k| !after.contains_key(*k)).cloned().collect(),
    }
}

/// What one change did to a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// The fields the write touched, with their new values.
    Set(Map<String, Value>),
    Delete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: Value,
    /// The stamp of the write that set it (for a set field, the latest that added to it).
    pub stamp: Stamp,
    /// For a keyed set, each element's own stamp (removed ones kept, so an
    /// older write arriving late does not bring them back).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elements: BTreeMap<String, ElementStamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Held {
    pub fields: BTreeMap<String, Field>,
    /// The latest deletion seen, if any.
    pub deleted: Option<Stamp>,
}

/// The top-level fields `after` changes compared with `before` (all of
/// them for a new record): what a local write puts in its change.
pub fn touched(before: Option<&Value>, after: &Value) -> Map<String, Value> {
    let Some(after) = after.as_object() else {
        return Map::new();
    };
    let before = before.and_then(Value::as_object);
    after
        .iter()
        .filter(|(name, value)| before.and_then(|b| b.get(*name)) != Some(*value))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// JSON text with every object's keys in order: two equal values always
/// read the same, whatever order their keys were written in.
fn canonical(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let ordered: BTreeMap<&String, Value> = map.iter().map(|(k, v)| (k, sorted(v))).collect();
                Value::Object(ordered.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// Both sides' elements, each once, in a fixed order.
fn union(ours: &Value, theirs: &Value, order_by: &str) -> Value {
    let elements = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut all: BTreeMap<(String, String), Value> = BTreeMap::new();
    for element in elements(ours).into_iter().chain(elements(theirs)) {
        let order = element.get(order_by).map(canonical).unwrap_or_default();
        all.insert((order, canonical(&element)), element);
    }
    Value::Array(all.into_values().collect())
}

/// A keyed set's field after a write stamped `stamp` that set it to
/// `incoming`, doing `edit` to its elements (`None`: every element given
/// counts as written, as when a whole record is shared).
fn merge_keyed(field: &mut Field, incoming: &Value, edit: Option<&ElementEdit>, stamp: Stamp, set: &AppendOnly) {
    let key = set.key.unwrap_or_default();
    let given: BTreeMap<String, &Value> = incoming
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (element_key(e, key), e))
        .collect();
    let mut current: BTreeMap<String, Value> = field
        .value
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (element_key(e, key), e.clone()))
        .collect();
    let changed: Vec<String> = match edit {
        Some(edit) => edit.changed.clone(),
        None => given.keys().cloned().collect(),
    };
    let later = |held: Option<&ElementStamp>| held.is_none_or(|h| h.stamp < stamp);
    for name in changed {
        let Some(element) = given.get(&name) else { continue };
        if later(field.elements.get(&name)) {
            current.insert(name.clone(), (*element).clone());
            field.elements.insert(name, ElementStamp { stamp, removed: false });
        }
    }
    for name in edit.map(|e| e.removed.clone()).unwrap_or_default() {
        if later(field.elements.get(&name)) {
            current.remove(&name);
            field.elements.insert(name, ElementStamp { stamp, removed: true });
        }
    }
    let mut ordered: Vec<(String, String, Value)> = current
        .into_iter()
        .map(|(name, e)| (e.get(set.order_by).map(canonical).unwrap_or_default(), name, e))
        .collect();
    ordered.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    field.value = Value::Array(ordered.into_iter().map(|(_, _, e)| e).collect());
    field.stamp = field.stamp.max(stamp);
}

impl Held {
    /// Takes in one change stamped `stamp`.
    pub fn apply(&mut self, edit: &Edit, stamp: Stamp, sets: &[AppendOnly]) {
        self.apply_with(edit, stamp, sets, &BTreeMap::new())
    }

    /// `apply`, with what the change did to the elements of keyed sets.
    pub fn apply_with(
        &mut self,
        edit: &Edit,
        stamp: Stamp,
        sets: &[AppendOnly],
        elements: &BTreeMap<String, ElementEdit>,
    ) {
        match edit {
            Edit::Delete => {
                self.deleted = Some(self.deleted.map_or(stamp, |d| d.max(stamp)));
            }
            Edit::Set(values) => {
                for (name, value) in values {
                    let set = sets.iter().find(|s| s.field == name);
                    if let Some(set) = set.filter(|s| s.key.is_some()) {
                        let field = self.fields.entry(name.clone()).or_insert_with(|| Field {
                            value: Value::Array(Vec::new()),
                            stamp,
                            elements: BTreeMap::new(),
                        });
                        merge_keyed(field, value, elements.get(name), stamp, set);
                        continue;
                    }
                    match (self.fields.get_mut(name), set) {
                        (Some(field), Some(set)) => {
                            field.value = union(&field.value, value, set.order_by);
                            field.stamp = field.stamp.max(stamp);
                        }
                        (Some(field), None) if field.stamp < stamp => {
                            field.value = value.clone();
                            field.stamp = stamp;
                        }
                        (Some(_), None) => {}
                        (None, set) => {
                            let value = match set {
                                Some(set) => union(&Value::Array(Vec::new()), value, set.order_by),
                                None => value.clone(),
                            };
                            self.fields.insert(
                                name.clone(),
                                Field {
                                    value,
                                    stamp,
                                    elements: BTreeMap::new(),
                                },
                            );
                        }
                    }
                }
            }
        }
    }

    /// The record as screens see it, or `None` while it stays deleted (or
    /// was never written).
    pub fn value(&self) -> Option<Value> {
        let newest = self.fields.values().map(|f| f.stamp).max()?;
        if self.deleted.is_some_and(|d| d > newest) {
            return None;
        }
        Some(Value::Object(
            self.fields.iter().map(|(k, f)| (k.clone(), f.value.clone())).collect(),
        ))
    }
}

#[cfg(test)]
mod tests;
