//! oVirt bodies as a neutral tree, rendered as XML or as oVirt's JSON form. This is the
//! development backend's own writer: it shares no code with the app's parsers.
//!
//! XML: `<vm id=".." href="..">` with children by name; only `id` and `href` are attributes.
//! JSON: the same names as keys; numbers and booleans as strings; dates as epoch milliseconds;
//! a collection is `{"item": [...]}`, and an empty one is `{}`.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde_json::{Map, Value};

/// A leaf value.
#[derive(Clone, Debug)]
pub enum Val {
    Str(String),
    Num(u64),
    Bool(bool),
    Date(DateTime<FixedOffset>),
}

/// A child of an object.
#[derive(Clone, Debug)]
pub enum Node {
    Leaf(&'static str, Val),
    Obj(&'static str, Obj),
    /// `<disks><disk/>…</disks>` / `"disks": {"disk": [...]}`.
    Coll(&'static str, &'static str, Vec<Obj>),
    /// `<link href=".." rel=".."/>…` / `"link": [{"href": .., "rel": ..}]`.
    Links(Vec<(String, String)>),
    /// `<actions><link …/></actions>` / `"actions": {"link": [...]}`.
    Actions(Vec<(String, String)>),
}

/// An object: optional `id`/`href` and its children in order.
#[derive(Clone, Debug, Default)]
pub struct Obj {
    pub id: Option<String>,
    pub href: Option<String>,
    pub nodes: Vec<Node>,
}

impl Obj {
    pub fn new() -> Self {
        Obj::default()
    }
    pub fn id(mut self, id: &str) -> Self {
        self.id = Some(id.to_string());
        self
    }
    pub fn href(mut self, href: String) -> Self {
        self.href = Some(href);
        self
    }
    pub fn str(mut self, name: &'static str, v: &str) -> Self {
        self.nodes.push(Node::Leaf(name, Val::Str(v.to_string())));
        self
    }
    pub fn num(mut self, name: &'static str, v: u64) -> Self {
        self.nodes.push(Node::Leaf(name, Val::Num(v)));
        self
    }
    pub fn bool(mut self, name: &'static str, v: bool) -> Self {
        self.nodes.push(Node::Leaf(name, Val::Bool(v)));
        self
    }
    pub fn date(mut self, name: &'static str, v: DateTime<FixedOffset>) -> Self {
        self.nodes.push(Node::Leaf(name, Val::Date(v)));
        self
    }
    pub fn obj(mut self, name: &'static str, v: Obj) -> Self {
        self.nodes.push(Node::Obj(name, v));
        self
    }
    pub fn coll(mut self, name: &'static str, item: &'static str, v: Vec<Obj>) -> Self {
        self.nodes.push(Node::Coll(name, item, v));
        self
    }
    pub fn links(mut self, v: Vec<(String, String)>) -> Self {
        self.nodes.push(Node::Links(v));
        self
    }
    pub fn actions(mut self, v: Vec<(String, String)>) -> Self {
        self.nodes.push(Node::Actions(v));
        self
    }
}

/// The two body formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }
}

/// A single resource (`GET vms/{id}`).
pub fn render(format: Format, name: &str, obj: &Obj) -> String {
    match format {
        Format::Xml => {
            let mut out =
                String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
            xml_obj(&mut out, name, obj, 0);
            out
        }
        Format::Json => pretty(&json_obj(obj)),
    }
}

/// A collection (`GET vms`).
pub fn render_collection(format: Format, name: &str, item: &str, objs: &[Obj]) -> String {
    match format {
        Format::Xml => {
            let mut out =
                String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
            if objs.is_empty() {
                out.push_str(&format!("<{name}/>\n"));
            } else {
                out.push_str(&format!("<{name}>\n"));
                for o in objs {
                    xml_obj(&mut out, item, o, 1);
                }
                out.push_str(&format!("</{name}>\n"));
            }
            out
        }
        Format::Json => pretty(&json_collection(item, objs)),
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into())
}

/// Escapes text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn text_of(v: &Val) -> String {
    match v {
        Val::Str(s) => s.clone(),
        Val::Num(n) => n.to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Date(d) => d.to_rfc3339_opts(SecondsFormat::Millis, false),
    }
}

fn xml_obj(out: &mut String, name: &str, obj: &Obj, depth: usize) {
    let pad = "    ".repeat(depth);
    out.push_str(&format!("{pad}<{name}"));
    if let Some(href) = &obj.href {
        out.push_str(&format!(" href=\"{}\"", escape(href)));
    }
    if let Some(id) = &obj.id {
        out.push_str(&format!(" id=\"{}\"", escape(id)));
    }
    if obj.nodes.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    let inner = "    ".repeat(depth + 1);
    for node in &obj.nodes {
        match node {
            Node::Leaf(n, v) => {
                out.push_str(&format!("{inner}<{n}>{}</{n}>\n", escape(&text_of(v))))
            }
            Node::Obj(n, o) => xml_obj(out, n, o, depth + 1),
            Node::Coll(n, item, objs) => {
                if objs.is_empty() {
                    out.push_str(&format!("{inner}<{n}/>\n"));
                } else {
                    out.push_str(&format!("{inner}<{n}>\n"));
                    for o in objs {
                        xml_obj(out, item, o, depth + 2);
                    }
                    out.push_str(&format!("{inner}</{n}>\n"));
                }
            }
            Node::Links(links) => {
                for (rel, href) in links {
                    out.push_str(&format!(
                        "{inner}<link href=\"{}\" rel=\"{}\"/>\n",
                        escape(href),
                        escape(rel)
                    ));
                }
            }
            Node::Actions(links) => {
                out.push_str(&format!("{inner}<actions>\n"));
                for (rel, href) in links {
                    out.push_str(&format!(
                        "{inner}    <link href=\"{}\" rel=\"{}\"/>\n",
                        escape(href),
                        escape(rel)
                    ));
                }
                out.push_str(&format!("{inner}</actions>\n"));
            }
        }
    }
    out.push_str(&format!("{pad}</{name}>\n"));
}

fn json_val(v: &Val) -> Value {
    match v {
        Val::Date(d) => Value::from(d.timestamp_millis()),
        other => Value::String(text_of(other)),
    }
}

fn link_list(links: &[(String, String)]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|(rel, href)| serde_json::json!({ "href": href, "rel": rel }))
            .collect(),
    )
}

fn json_obj(obj: &Obj) -> Value {
    let mut map = Map::new();
    for node in &obj.nodes {
        match node {
            Node::Leaf(n, v) => {
                map.insert(n.to_string(), json_val(v));
            }
            Node::Obj(n, o) => {
                map.insert(n.to_string(), json_obj(o));
            }
            Node::Coll(n, item, objs) => {
                map.insert(n.to_string(), json_collection(item, objs));
            }
            Node::Links(links) => {
                map.insert("link".into(), link_list(links));
            }
            Node::Actions(links) => {
                map.insert(
                    "actions".into(),
                    serde_json::json!({ "link": link_list(links) }),
                );
            }
        }
    }
    if let Some(href) = &obj.href {
        map.insert("href".into(), Value::String(href.clone()));
    }
    if let Some(id) = &obj.id {
        map.insert("id".into(), Value::String(id.clone()));
    }
    Value::Object(map)
}

fn json_collection(item: &str, objs: &[Obj]) -> Value {
    let mut map = Map::new();
    if !objs.is_empty() {
        map.insert(
            item.to_string(),
            Value::Array(objs.iter().map(json_obj).collect()),
        );
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_text_and_attributes() {
        let o = Obj::new().id("a\"b").str("description", "<b>&'x'</b>");
        let xml = render(Format::Xml, "snapshot", &o);
        assert!(xml.contains("id=\"a&quot;b\""));
        assert!(xml.contains("<description>&lt;b&gt;&amp;&apos;x&apos;&lt;/b&gt;</description>"));
    }

    #[test]
    fn json_writes_numbers_and_booleans_as_strings_and_dates_as_millis() {
        let d = DateTime::parse_from_rfc3339("2020-02-19T12:43:44.755+01:00").unwrap();
        let o = Obj::new()
            .num("memory", 1024)
            .bool("stateless", false)
            .date("date", d);
        let v: Value = serde_json::from_str(&render(Format::Json, "vm", &o)).unwrap();
        assert_eq!(v["memory"], "1024");
        assert_eq!(v["stateless"], "false");
        assert_eq!(v["date"], 1582112624755i64);
    }

    #[test]
    fn empty_collections_are_self_closing_or_empty_objects() {
        assert!(render_collection(Format::Xml, "disks", "disk", &[]).ends_with("<disks/>\n"));
        assert_eq!(render_collection(Format::Json, "disks", "disk", &[]), "{}");
    }
}
