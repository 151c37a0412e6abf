//! Request bodies for the oVirt API, in XML or in the JSON form, from one element tree: the
//! shapes of the documented requests (`SnapshotsService.add`, `SnapshotService.restore`,
//! `VmService.previewSnapshot`, `VmsService.add` from a snapshot, `TemplatesService.add`).

use crate::config::Format;
use crate::model::request::{DiskChoice, NewSnapshot, NewTemplate, PreviewRequest, RestoreRequest};
use crate::model::schedule::Schedule;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// An element: `id` attribute, text, or children.
#[derive(Clone, Debug)]
pub enum El {
    Text(&'static str, String),
    Node(&'static str, Option<String>, Vec<El>),
    /// `<name><item/>…</name>`, JSON `"name": {"item": [...]}`.
    List(
        &'static str,
        &'static str,
        Vec<Vec<El>>,
        Vec<Option<String>>,
    ),
}

fn text(name: &'static str, v: impl Into<String>) -> El {
    El::Text(name, v.into())
}

fn flag(name: &'static str, v: bool) -> El {
    El::Text(name, v.to_string())
}

fn with_id(name: &'static str, id: &str) -> El {
    El::Node(name, Some(id.to_string()), Vec::new())
}

fn list(name: &'static str, item: &'static str, items: Vec<(Option<String>, Vec<El>)>) -> El {
    let (ids, bodies) = items.into_iter().unzip();
    El::List(name, item, bodies, ids)
}

/// Renders `root` with its children in `format`.
pub fn render(format: Format, root: &'static str, children: Vec<El>) -> String {
    match format {
        Format::Xml => {
            let mut out = String::new();
            xml(&mut out, &El::Node(root, None, children));
            out
        }
        Format::Json => Value::Object(json_map(&children)).to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml(out: &mut String, el: &El) {
    match el {
        El::Text(n, v) => out.push_str(&format!("<{n}>{}</{n}>", escape(v))),
        El::Node(n, id, children) => {
            out.push_str(&format!("<{n}"));
            if let Some(id) = id {
                out.push_str(&format!(" id=\"{}\"", escape(id)));
            }
            if children.is_empty() {
                out.push_str("/>");
            } else {
                out.push('>');
                children.iter().for_each(|c| xml(out, c));
                out.push_str(&format!("</{n}>"));
            }
        }
        El::List(n, item, bodies, ids) => {
            if bodies.is_empty() {
                out.push_str(&format!("<{n}/>"));
            } else {
                out.push_str(&format!("<{n}>"));
                for (body, id) in bodies.iter().zip(ids) {
                    xml(out, &El::Node(item, id.clone(), body.clone()));
                }
                out.push_str(&format!("</{n}>"));
            }
        }
    }
}

fn json_map(children: &[El]) -> Map<String, Value> {
    let mut map = Map::new();
    for c in children {
        match c {
            El::Text(n, v) => {
                map.insert(n.to_string(), Value::String(v.clone()));
            }
            El::Node(n, id, kids) => {
                let mut m = json_map(kids);
                if let Some(id) = id {
                    m.insert("id".into(), Value::String(id.clone()));
                }
                map.insert(n.to_string(), Value::Object(m));
            }
            El::List(n, item, bodies, ids) => {
                let items = bodies
                    .iter()
                    .zip(ids)
                    .map(|(b, id)| {
                        let mut m = json_map(b);
                        if let Some(id) = id {
                            m.insert("id".into(), Value::String(id.clone()));
                        }
                        Value::Object(m)
                    })
                    .collect();
                let mut inner = Map::new();
                inner.insert(item.to_string(), Value::Array(items));
                map.insert(n.to_string(), Value::Object(inner));
            }
        }
    }
    map
}

/// `<disk_attachments>` naming the disks `ids` (empty: none).
fn disk_attachments(ids: &[String]) -> El {
    list(
        "disk_attachments",
        "disk_attachment",
        ids.iter()
            .map(|id| (None, vec![with_id("disk", id)]))
            .collect(),
    )
}

/// `POST vms/{id}/snapshots`, in the documented forms: `persist_memorystate` is sent when false
/// (the engine's default is true); a disk subset goes as `disk_attachments` (empty:
/// configuration only).
pub fn create_snapshot(format: Format, s: &NewSnapshot) -> String {
    let mut children = vec![text("description", s.name.clone())];
    if !s.memory {
        children.push(flag("persist_memorystate", false));
    }
    if let DiskChoice::Only(ids) = &s.disks {
        children.push(disk_attachments(ids));
    }
    render(format, "snapshot", children)
}

/// `POST vms/{id}/snapshots/{sid}/restore`: `restore_memory` always explicit; a disk subset as
/// `disks` with each disk's image at the snapshot (`(disk id, image id)`).
pub fn restore(format: Format, r: &RestoreRequest, images: &[(String, String)]) -> String {
    let mut children = vec![flag("restore_memory", r.restore_memory)];
    if let DiskChoice::Only(ids) = &r.disks {
        children.push(list(
            "disks",
            "disk",
            images
                .iter()
                .filter(|(disk, _)| ids.contains(disk))
                .map(|(disk, image)| (Some(disk.clone()), vec![text("image_id", image.clone())]))
                .collect(),
        ));
    }
    render(format, "action", children)
}

/// `POST vms/{id}/previewsnapshot`: the configuration's snapshot, memory, and each disk with
/// the image and snapshot it comes from.
pub fn preview(format: Format, p: &PreviewRequest) -> String {
    let disks = p
        .disks
        .iter()
        .map(|d| {
            (
                Some(d.disk_id.clone()),
                vec![
                    text("image_id", d.image_id.clone()),
                    with_id("snapshot", &d.snapshot_id),
                ],
            )
        })
        .collect();
    render(
        format,
        "action",
        vec![
            list("disks", "disk", disks),
            with_id("snapshot", &p.snapshot_id),
            flag("restore_memory", p.restore_memory),
        ],
    )
}

/// `POST vms/{id}/commitsnapshot`, `undosnapshot`, `start`, `stop`: an empty action.
pub fn empty_action(format: Format) -> String {
    render(format, "action", Vec::new())
}

/// `POST vms` from a snapshot: the name, the snapshot, and the source VM's cluster.
pub fn clone_vm(
    format: Format,
    name: &str,
    description: &str,
    snapshot_id: &str,
    cluster_id: &str,
) -> String {
    render(
        format,
        "vm",
        vec![
            text("name", name),
            text("description", description),
            list(
                "snapshots",
                "snapshot",
                vec![(Some(snapshot_id.to_string()), Vec::new())],
            ),
            with_id("cluster", cluster_id),
        ],
    )
}

/// `POST templates` from a snapshot of VM `vm_id`.
pub fn template(format: Format, t: &NewTemplate, vm_id: &str, snapshot_id: &str) -> String {
    render(
        format,
        "template",
        vec![
            text("name", t.name.clone()),
            text("description", t.description.clone()),
            El::Node(
                "vm",
                Some(vm_id.to_string()),
                vec![list(
                    "snapshots",
                    "snapshot",
                    vec![(Some(snapshot_id.to_string()), Vec::new())],
                )],
            ),
        ],
    )
}

/// A date as each format writes it: RFC 3339 in XML, epoch milliseconds in JSON.
fn date(format: Format, name: &'static str, d: DateTime<Utc>) -> El {
    match format {
        Format::Xml => text(name, d.to_rfc3339_opts(SecondsFormat::Millis, true)),
        Format::Json => text(name, d.timestamp_millis().to_string()),
    }
}

/// `POST` / `PUT vms/{id}/snapshotschedules[/{sid}]`: the extension resource, in oVirt's style.
pub fn schedule(format: Format, s: &Schedule) -> String {
    let mut children = vec![
        text("name", s.name.clone()),
        text("description", s.description.clone()),
    ];
    if let Some(rule) = &s.rule {
        children.push(text("cron_expression", rule.clone()));
    }
    children.push(El::Node(
        "time_zone",
        None,
        vec![text("name", s.time_zone.clone())],
    ));
    children.push(date(format, "start_time", s.start));
    children.push(text("max_snapshots", s.keep.to_string()));
    children.push(flag("enabled", !s.paused));
    children.push(flag("persist_memorystate", s.memory));
    if let DiskChoice::Only(ids) = &s.disks {
        children.push(disk_attachments(ids));
    }
    if !s.pinned.is_empty() {
        children.push(list(
            "pinned_snapshots",
            "snapshot",
            s.pinned
                .iter()
                .map(|id| (Some(id.clone()), Vec::new()))
                .collect(),
        ));
    }
    render(format, "snapshot_schedule", children)
}
