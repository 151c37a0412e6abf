//! oVirt's two body formats seen through one interface, so that one set of mapping rules reads
//! both. XML: elements by name, `id`/`href` as attributes, collections as `<vms><vm/>…</vms>`.
//! JSON: the same names as object keys, collections as `{"vm": [...]}` (a missing key is an
//! empty collection), numbers and booleans often as strings, dates as epoch milliseconds.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde_json::Value;

/// A node of an oVirt body, whatever the format.
pub trait Tree: Copy {
    /// The text of the child `name` (strings, numbers and booleans alike).
    fn text(self, name: &str) -> Option<String>;
    /// The child object `name`.
    fn child(self, name: &str) -> Option<Self>;
    /// The items of a collection node: XML children named `item`, JSON `node[item]` array.
    fn items(self, item: &str) -> Vec<Self>;
    /// The `id` attribute (XML) or field (JSON).
    fn id(self) -> Option<String>;
    /// The date in child `name`: RFC 3339 text (XML) or epoch milliseconds (JSON).
    fn date(self, name: &str) -> Option<DateTime<FixedOffset>>;

    /// Items of the collection child `collection` (`<disks><disk/></disks>`, `{"disks": {"disk": [...]}}`).
    fn collection(self, collection: &str, item: &str) -> Vec<Self> {
        self.child(collection)
            .map(|c| c.items(item))
            .unwrap_or_default()
    }

    fn flag(self, name: &str) -> Option<bool> {
        match self.text(name)?.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn number(self, name: &str) -> Option<u64> {
        self.text(name)?.trim().parse().ok()
    }
}

impl<'a, 'i> Tree for roxmltree::Node<'a, 'i> {
    fn text(self, name: &str) -> Option<String> {
        self.child(name).map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| roxmltree::Node::text(&d))
                .collect::<String>()
        })
    }

    fn child(self, name: &str) -> Option<Self> {
        self.children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
    }

    fn items(self, item: &str) -> Vec<Self> {
        self.children()
            .filter(|c| c.is_element() && c.tag_name().name() == item)
            .collect()
    }

    fn id(self) -> Option<String> {
        self.attribute("id").map(str::to_string)
    }

    fn date(self, name: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.text(name)?.trim()).ok()
    }
}

impl Tree for &Value {
    fn text(self, name: &str) -> Option<String> {
        match self.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn child(self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| v.is_object())
    }

    fn items(self, item: &str) -> Vec<Self> {
        match self.get(item) {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(v @ Value::Object(_)) => vec![v],
            _ => Vec::new(),
        }
    }

    fn id(self) -> Option<String> {
        self.text("id")
    }

    fn date(self, name: &str) -> Option<DateTime<FixedOffset>> {
        match self.get(name)? {
            Value::Number(n) => millis(n.as_i64()?),
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(ms) => millis(ms),
                Err(_) => DateTime::parse_from_rfc3339(s.trim()).ok(),
            },
            _ => None,
        }
    }
}

fn millis(ms: i64) -> Option<DateTime<FixedOffset>> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|d| d.fixed_offset())
}
