//! A few values of an object's JSON text, found without parsing the rest of it.
//!
//! The watches keep each object as the text it came as (`watch.rs`), and a reader parses the ones
//! it needs. Finding which ones, and under which name to keep them, should not cost a parse of
//! every object: a namespace's 2,000 snapshots are 2.4 MB of JSON, and the tab of a VM with three
//! of them needs only those three. These functions go over the keys of an object at one level,
//! skipping the values before the key they look for (strings whole, brackets counted), without
//! allocating. Anything unexpected gives `None`, and the caller then parses the object to be
//! sure. [`list_items`] splits a list the same way: the items it finds are checked only for
//! their strings and brackets, and each is parsed when a reader needs it (one that does not
//! parse is then a malformed answer, as a list that does not parse is).

/// Where the value of `key` starts in the object whose `{` is at `start` (blanks before it
/// allowed), going over the values of the keys before it.
pub fn value_at(text: &str, start: usize, key: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    blank(b, &mut i);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        blank(b, &mut i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let end = string_end(b, i)?;
        let found = &b[i + 1..end - 1];
        i = end;
        blank(b, &mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        blank(b, &mut i);
        if found == key.as_bytes() {
            return Some(i);
        }
        // Over the value, to the comma before the next key (the object's end: not there).
        i = value_end(b, i)?;
        blank(b, &mut i);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

/// The string at the end of `path` (keys, one object inside the other), when it is a string
/// with no escape in it; `None` when the path is not there or holds anything else.
pub fn string_at<'a>(text: &'a str, path: &[&str]) -> Option<&'a str> {
    let mut at = 0;
    for key in path {
        at = value_at(text, at, key)?;
    }
    let b = text.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let end = string_end(b, at)?;
    let value = text.get(at + 1..end - 1)?;
    (!value.contains('\\')).then_some(value)
}

/// A list body's `metadata.resourceVersion` and where each of its `items` stands, found by
/// going over the body's strings and brackets, without parsing it: a 2,000-snapshot list is
/// 2.4 MB, and its items are kept as parts of the one body (`watch::Text`), each parsed only
/// when a reader needs it. `None` for anything but a list whose items are all objects, whose
/// version is a string with no escape, and whose text ends where its object does (a body cut
/// short, say): the caller then parses the body to be sure.
pub fn list_items(text: &str) -> Option<(&str, Vec<std::ops::Range<usize>>)> {
    let version = string_at(text, &["metadata", "resourceVersion"])?;
    let b = text.as_bytes();
    let mut i = value_at(text, 0, "items")?;
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut items = Vec::new();
    blank(b, &mut i);
    if b.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            blank(b, &mut i);
            let end = object_end(b, i)?;
            items.push(i..end);
            i = end;
            blank(b, &mut i);
            match b.get(i)? {
                b',' => i += 1,
                b']' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    // The keys after `items`, then the list's `}` and nothing but blanks.
    loop {
        blank(b, &mut i);
        match b.get(i)? {
            b'}' => break,
            b',' => i += 1,
            _ => return None,
        }
        blank(b, &mut i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        i = string_end(b, i)?;
        blank(b, &mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        blank(b, &mut i);
        i = value_end(b, i)?;
    }
    i += 1;
    blank(b, &mut i);
    (i == b.len()).then_some((version, items))
}

/// The end of the object whose `{` is at `i`, after its `}`.
fn object_end(b: &[u8], i: usize) -> Option<usize> {
    (b.get(i) == Some(&b'{')).then(|| value_end(b, i))?
}

/// The end of the value starting at `i`: after its closing quote or bracket, or, for a number,
/// `true`, `false` or `null`, where it meets a comma, a bracket or a blank.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i = string_end(b, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return Some(i),
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            c if depth == 0 && c.is_ascii_whitespace() => return Some(i),
            _ => {}
        }
        i += 1;
    }
}

fn blank(b: &[u8], i: &mut usize) {
    while b.get(*i).is_some_and(u8::is_ascii_whitespace) {
        *i += 1;
    }
}

/// The end of the string starting at `i` (a quote), after its closing quote.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_found_wherever_its_key_stands() {
        let text = r#" { "kind" : "X\"}{[" , "n": [1, {"a": "]"}], "spec" : { "source": {"kind": "VirtualMachine", "name" : "vm-1"} } } "#;
        assert_eq!(string_at(text, &["spec", "source", "name"]), Some("vm-1"));
        // A string with an escape in it is not read here.
        assert_eq!(string_at(text, &["kind"]), None);
        // Only at the level asked: a key of the same name deeper down is not it.
        let text =
            r#"{"status":{"spec":{"source":{"name":"no"}}},"spec":{"source":{"name":"yes"}}}"#;
        assert_eq!(string_at(text, &["spec", "source", "name"]), Some("yes"));
    }

    #[test]
    fn anything_unexpected_is_none() {
        for text in [
            r#"{"spec":{"source":{"name":3}}}"#,
            r#"{"spec":{"source":{"name":"a\"b"}}}"#,
            r#"{"spec":{"source":{}}}"#,
            r#"{"spec":[]}"#,
            r#"{"spec":{"source":{"name":"#,
            r#"{"spec":{"source":{"name":"abc"#,
            r#"{"kind":"#,
            r#"{"spec"}"#,
            "[]",
            "",
            "\"spec\"",
        ] {
            assert_eq!(string_at(text, &["spec", "source", "name"]), None, "{text}");
        }
    }

    #[test]
    fn the_names_of_the_samples_are_those_their_parse_gives() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/api-samples/kubevirt"
        );
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the KubeVirt samples") {
            let path = entry.unwrap().path();
            let Ok(body) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&body) else {
                continue;
            };
            let objects = match value.get("items").and_then(|i| i.as_array()) {
                Some(items) => items.clone(),
                None => vec![value],
            };
            for object in objects {
                let text = object.to_string();
                for keys in [
                    ["metadata", "name"].as_slice(),
                    &["spec", "source", "name"],
                    &["spec", "target", "name"],
                ] {
                    let parsed = keys
                        .iter()
                        .try_fold(&object, |v, k| v.get(k))
                        .and_then(|v| v.as_str());
                    assert_eq!(
                        string_at(&text, keys),
                        parsed,
                        "{keys:?} in {}",
                        path.display()
                    );
                    seen += usize::from(parsed.is_some());
                }
            }
        }
        assert!(seen > 10, "too few names in the samples: {seen}");
    }
}
