//! oVirt's two body formats seen through one interface, so that one set of mapping rules reads
//! both. XML: elements by name, `id`/`href` as attributes, collections as `<vms><vm/>…</vms>`.
//! JSON: the same names as object keys, collections as `{"vm": [...]}` (a missing key is an
//! empty collection), numbers and booleans often as strings, dates as epoch milliseconds.

pub use crate::api::json::Json;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};

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

impl Tree for &Json<'_> {
    fn text(self, name: &str) -> Option<String> {
        match self.get(name)? {
            Json::Text(s) => Some(s.to_string()),
            Json::Unsigned(n) => Some(n.to_string()),
            Json::Signed(n) => Some(n.to_string()),
            // Written as serde_json writes a number.
            Json::Float(n) => serde_json::Number::from_f64(*n).map(|n| n.to_string()),
            Json::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn child(self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| v.is_object())
    }

    fn items(self, item: &str) -> Vec<Self> {
        match self.get(item) {
            Some(Json::Array(list)) => list.iter().collect(),
            Some(v @ Json::Object(_)) => vec![v],
            _ => Vec::new(),
        }
    }

    fn id(self) -> Option<String> {
        self.text("id")
    }

    fn date(self, name: &str) -> Option<DateTime<FixedOffset>> {
        match self.get(name)? {
            Json::Text(s) => match s.trim().parse::<i64>() {
                Ok(ms) => millis(ms),
                Err(_) => DateTime::parse_from_rfc3339(s.trim()).ok(),
            },
            n => millis(n.as_i64()?),
        }
    }
}

fn millis(ms: i64) -> Option<DateTime<FixedOffset>> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|d| d.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_read_as_serde_json_reads_it() {
        let body = r#"{"name":"a\"b","n":"7","count":42,"neg":-3,"ratio":1.5,"on":true,"none":null,
            "vm":{"id":"v1"},"disks":{"disk":[{"id":"d1"},{"id":"d2"}]},"one":{"disk":{"id":"d3"}},
            "date":1700000000000,"again":1,"again":2}"#;
        let json = Json::parse(body).unwrap();
        let root = &json;
        assert_eq!(root.text("name").as_deref(), Some("a\"b"));
        assert_eq!(root.number("n"), Some(7));
        assert_eq!(root.text("count").as_deref(), Some("42"));
        assert_eq!(root.text("neg").as_deref(), Some("-3"));
        assert_eq!(root.text("ratio").as_deref(), Some("1.5"));
        assert_eq!(root.flag("on"), Some(true));
        assert_eq!(root.text("none"), None);
        assert_eq!(root.child("vm").and_then(|v| v.id()).as_deref(), Some("v1"));
        let ids = |items: Vec<&Json>| items.into_iter().filter_map(|d| d.id()).collect::<Vec<_>>();
        assert_eq!(ids(root.collection("disks", "disk")), ["d1", "d2"]);
        // One item alone is an object, not a list of one.
        assert_eq!(ids(root.collection("one", "disk")), ["d3"]);
        assert_eq!(
            root.date("date").map(|d| d.timestamp()),
            Some(1_700_000_000)
        );
        // A repeated key: the last one, as serde_json's map keeps it.
        assert_eq!(root.number("again"), Some(2));
    }

    #[test]
    fn bad_json_is_an_error_not_a_panic() {
        for body in ["", "{", "[1,", "{\"a\":}", &"[".repeat(10_000)] {
            assert!(Json::parse(body).is_err(), "{body:.20}");
        }
    }
}
