//! oVirt's two body formats seen through one interface, so that one set of mapping rules reads
//! both. XML: elements by name, `id`/`href` as attributes, collections as `<vms><vm/>…</vms>`.
//! JSON: the same names as object keys, collections as `{"vm": [...]}` (a missing key is an
//! empty collection), numbers and booleans often as strings, dates as epoch milliseconds.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

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

/// A JSON body as the mapping rules read it: strings borrowed from the body where they hold no
/// escape, objects as their pairs in order (a few keys each, found by a scan), numbers as read.
/// Built with far less than `serde_json::Value` (no `String` per key, no map per object): the
/// 5 MB list of 2,000 snapshots is read about twice as fast.
#[derive(Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// Reads a body; errors are serde_json's (with their line and column).
    pub fn parse(body: &'a str) -> Result<Json<'a>, serde_json::Error> {
        serde_json::from_str(body)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The value of `key` in an object (the last one, where a key repeats).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match *self {
            Json::Unsigned(n) => i64::try_from(n).ok(),
            Json::Signed(n) => Some(n),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Unsigned(n))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Signed(n))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(n))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Owned(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut pairs = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            pairs.push((key, map.next_value()?));
        }
        Ok(Json::Object(pairs))
    }
}

/// An object's key, borrowed from the body where it holds no escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
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
