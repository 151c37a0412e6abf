//! Reading request bodies: oVirt XML or JSON, through one small interface. The development
//! backend's own reader (it shares nothing with the app).

use serde_json::Value;

/// A parsed request body.
pub enum Body {
    Xml(String),
    Json(Value),
}

impl Body {
    /// Parses `text` as JSON when it starts with `{`, else as XML. `None` when it is neither.
    pub fn parse(text: &str) -> Result<Body, String> {
        let t = text.trim_start();
        if t.starts_with('{') {
            serde_json::from_str(t)
                .map(Body::Json)
                .map_err(|e| e.to_string())
        } else if t.is_empty() {
            Ok(Body::Json(Value::Object(Default::default())))
        } else {
            roxmltree::Document::parse(t).map_err(|e| e.to_string())?;
            Ok(Body::Xml(t.to_string()))
        }
    }

    /// Runs `f` on the root element.
    pub fn with<R>(&self, f: impl FnOnce(Item) -> R) -> R {
        match self {
            Body::Xml(text) => {
                let doc = roxmltree::Document::parse(text).expect("checked in parse");
                f(Item::Xml(doc.root_element()))
            }
            Body::Json(v) => f(Item::Json(v)),
        }
    }
}

/// An element of a body.
#[derive(Clone, Copy)]
pub enum Item<'a, 'i> {
    Xml(roxmltree::Node<'a, 'i>),
    Json(&'a Value),
}

impl<'a, 'i> Item<'a, 'i> {
    pub fn child(self, name: &str) -> Option<Item<'a, 'i>> {
        match self {
            Item::Xml(n) => n
                .children()
                .find(|c| c.is_element() && c.has_tag_name(name))
                .map(Item::Xml),
            Item::Json(v) => v.get(name).map(Item::Json),
        }
    }

    pub fn text(self, name: &str) -> Option<String> {
        match self.child(name)? {
            Item::Xml(n) => Some(n.text().unwrap_or("").trim().to_string()),
            Item::Json(Value::String(s)) => Some(s.clone()),
            Item::Json(Value::Bool(b)) => Some(b.to_string()),
            Item::Json(Value::Number(n)) => Some(n.to_string()),
            Item::Json(_) => None,
        }
    }

    pub fn flag(self, name: &str) -> Option<bool> {
        match self
            .text(name)?
            .trim_matches(|c| c == '"' || c == '`')
            .trim()
        {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub fn id(self) -> Option<String> {
        match self {
            Item::Xml(n) => n.attribute("id").map(str::to_string),
            Item::Json(v) => v.get("id").and_then(|i| i.as_str()).map(str::to_string),
        }
    }

    /// The items of the collection `name` (`<disks><disk/></disks>`, `{"disks": {"disk": [...]}}`).
    pub fn items(self, name: &str, item: &str) -> Option<Vec<Item<'a, 'i>>> {
        match self.child(name)? {
            Item::Xml(n) => Some(
                n.children()
                    .filter(|c| c.is_element() && c.has_tag_name(item))
                    .map(Item::Xml)
                    .collect(),
            ),
            Item::Json(v) => Some(match v.get(item) {
                Some(Value::Array(list)) => list.iter().map(Item::Json).collect(),
                Some(one @ Value::Object(_)) => vec![Item::Json(one)],
                _ => Vec::new(),
            }),
        }
    }
}
