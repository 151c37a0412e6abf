//! Kubernetes list and watch, as the API server does them: every object carries a
//! `metadata.resourceVersion`, a list carries the version it was read at, and a watch from a
//! version streams the changes since as JSON lines (`ADDED`, `MODIFIED`, `DELETED`, and
//! `BOOKMARK` when asked for), until its `timeoutSeconds` ends it.
//!
//! The world is not an object store, so changes are found by rendering a resource's objects
//! again and comparing them with the last rendering ([`Watches::sync`]). A watch from a version
//! older than the last compaction gets an `ERROR` event with a 410 `Status` ("too old resource
//! version"), as from a real API server. `/_dev/watches/compact` compacts, and
//! `/_dev/watches/drop` breaks every open watch's connection, for the stories.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often an open watch looks for changes.
const LOOK_EVERY: Duration = Duration::from_millis(200);
/// How often an open watch that asked for bookmarks gets one.
const BOOKMARK_EVERY: Duration = Duration::from_secs(5);
/// The longest a watch stays open (the API server's default request timeout is 30 min).
const LONGEST: u64 = 1800;
/// Events kept per resource; a watch from before the oldest kept gets 410.
const KEEP: usize = 20_000;

/// The query of a list or watch request.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    pub watch: Option<String>,
    pub resource_version: Option<String>,
    pub allow_watch_bookmarks: Option<String>,
    pub timeout_seconds: Option<u64>,
}

impl ListQuery {
    fn is_watch(&self) -> bool {
        matches!(self.watch.as_deref(), Some("1" | "true"))
    }
}

/// One kind of listed object: where it is listed, and what its list and bookmarks are called.
pub struct Kind {
    pub api_version: &'static str,
    pub kind: &'static str,
}

#[derive(Clone)]
struct Event {
    rv: u64,
    kind: &'static str,
    object: Value,
}

#[derive(Default)]
struct Tracked {
    /// The objects as last rendered (without a resourceVersion), with their versions.
    objects: BTreeMap<String, (u64, Value)>,
    events: VecDeque<Event>,
    /// The version before the oldest kept event.
    floor: u64,
}

#[derive(Default)]
struct Inner {
    /// The last version handed out (one counter for everything, like etcd's revision).
    rv: u64,
    /// Versions at or below this are compacted away.
    compacted: u64,
    /// Bumped to break every open watch.
    breaks: u64,
    resources: HashMap<String, Tracked>,
    /// The world's change count at each resource's last rendering.
    rendered_at: HashMap<String, u64>,
}

/// Every watched resource's versions and recent events.
#[derive(Default)]
pub struct Watches {
    inner: Mutex<Inner>,
}

/// Why a watch cannot start where it was asked to.
struct Expired {
    asked: u64,
    oldest: u64,
}

impl Watches {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Compares `objects` (rendered now) with the last rendering of `key` and records what
    /// changed. Returns the objects with their versions, and the version they were read at.
    /// The lock is held for the comparison alone: the objects are given their versions after,
    /// so that a small list asked for meanwhile (a VM's restores beside its 2,000 snapshots) is
    /// not kept waiting, as an API server would not keep it.
    pub fn sync(&self, key: &str, objects: Vec<Value>) -> (Vec<Value>, u64) {
        let mut versions = Vec::with_capacity(objects.len());
        let at = {
            let mut inner = self.lock();
            let inner = &mut *inner;
            let first = !inner.resources.contains_key(key);
            let tracked = inner.resources.entry(key.to_string()).or_default();
            let mut seen = std::collections::HashSet::new();
            for object in &objects {
                let name = object["metadata"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                let rv = match tracked.objects.get(&name) {
                    Some((rv, old)) if old == object => *rv,
                    known => {
                        inner.rv += 1;
                        let kind = if known.is_some() { "MODIFIED" } else { "ADDED" };
                        // What was there before the first rendering is not an event.
                        if !first {
                            tracked.events.push_back(Event {
                                rv: inner.rv,
                                kind,
                                object: stamped(object, inner.rv),
                            });
                        }
                        tracked
                            .objects
                            .insert(name.clone(), (inner.rv, object.clone()));
                        inner.rv
                    }
                };
                seen.insert(name);
                versions.push(rv);
            }
            let gone: Vec<String> = tracked
                .objects
                .keys()
                .filter(|n| !seen.contains(*n))
                .cloned()
                .collect();
            for name in gone {
                if let Some((_, object)) = tracked.objects.remove(&name) {
                    inner.rv += 1;
                    tracked.events.push_back(Event {
                        rv: inner.rv,
                        kind: "DELETED",
                        object: stamped(&object, inner.rv),
                    });
                }
            }
            if first {
                tracked.floor = inner.rv;
            }
            while tracked.events.len() > KEEP {
                if let Some(e) = tracked.events.pop_front() {
                    tracked.floor = e.rv;
                }
            }
            inner.rv
        };
        let out = objects
            .into_iter()
            .zip(versions)
            .map(|(mut object, rv)| {
                stamp(&mut object, rv);
                object
            })
            .collect();
        (out, at)
    }

    /// Whether `key` was rendered since the world's `changes`th change (nothing to compare).
    fn rendered_since(&self, key: &str, changes: u64) -> bool {
        self.lock().rendered_at.get(key) == Some(&changes)
    }

    fn rendered(&self, key: &str, changes: u64) {
        self.lock().rendered_at.insert(key.to_string(), changes);
    }

    /// The events of `key` after version `after`, and the version they bring the watch to.
    fn since(&self, key: &str, after: u64) -> Result<(Vec<Event>, u64), Expired> {
        let inner = self.lock();
        let floor = inner
            .resources
            .get(key)
            .map_or(0, |t| t.floor)
            .max(inner.compacted);
        if after < floor {
            return Err(Expired {
                asked: after,
                oldest: floor,
            });
        }
        let events = inner
            .resources
            .get(key)
            .map(|t| t.events.iter().filter(|e| e.rv > after).cloned().collect())
            .unwrap_or_default();
        Ok((events, inner.rv))
    }

    /// Forgets every event so far: a watch from any version handed out before gets 410.
    pub fn compact(&self) {
        let mut inner = self.lock();
        inner.rv += 1;
        inner.compacted = inner.rv;
        for t in inner.resources.values_mut() {
            t.events.clear();
        }
        inner.breaks += 1;
    }

    /// Breaks every open watch's connection.
    pub fn break_all(&self) {
        self.lock().breaks += 1;
    }

    fn breaks(&self) -> u64 {
        self.lock().breaks
    }
}

fn stamped(object: &Value, rv: u64) -> Value {
    let mut o = object.clone();
    stamp(&mut o, rv);
    o
}

fn stamp(object: &mut Value, rv: u64) {
    if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
    }
}

fn line(kind: &str, object: &Value) -> Bytes {
    let mut s = json!({ "type": kind, "object": object }).to_string();
    s.push('\n');
    Bytes::from(s)
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Answers a list or a watch of `key` (a resource in a namespace), whose objects `render`
/// draws from the world as it is now.
pub fn serve(
    app: AppState,
    key: String,
    kind: &'static Kind,
    query: ListQuery,
    render: fn(&crate::world::World, &str) -> Vec<Value>,
    ns: String,
) -> Response {
    let read = {
        let app = app.clone();
        let key = key.clone();
        let ns = ns.clone();
        move || {
            let world = app.world();
            let changes = app.changes();
            let objects = render(&world, &ns);
            drop(world);
            let synced = app.watches.sync(&key, objects);
            app.watches.rendered(&key, changes);
            synced
        }
    };
    // A watch looks again only when the world changed since the resource was last rendered.
    let look = {
        let app = app.clone();
        let key = key.clone();
        let read = read.clone();
        move || {
            drop(app.world());
            if !app.watches.rendered_since(&key, app.changes()) {
                read();
            }
        }
    };
    if !query.is_watch() {
        let (items, rv) = read();
        let list = json!({
            "apiVersion": kind.api_version,
            "kind": format!("{}List", kind.kind),
            "metadata": { "resourceVersion": rv.to_string() },
            "items": items,
        });
        return json_response(list.to_string());
    }
    let bookmarks = matches!(query.allow_watch_bookmarks.as_deref(), Some("1" | "true"));
    let timeout = Duration::from_secs(query.timeout_seconds.unwrap_or(LONGEST).min(LONGEST));
    let from = query
        .resource_version
        .as_deref()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v > 0);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(256);
    tokio::spawn(async move {
        let started = Instant::now();
        let breaks = app.watches.breaks();
        let mut last_bookmark = Instant::now();
        // No version: every object as ADDED first, then the changes.
        let mut at = match from {
            Some(v) => v,
            None => {
                let (items, rv) = read();
                for item in &items {
                    if tx.send(Ok(line("ADDED", item))).await.is_err() {
                        return;
                    }
                }
                rv
            }
        };
        loop {
            look();
            match app.watches.since(&key, at) {
                Err(e) => {
                    let status = json!({
                        "kind": "Status", "apiVersion": "v1", "metadata": {},
                        "status": "Failure", "reason": "Expired", "code": 410,
                        "message": format!("too old resource version: {} ({})", e.asked, e.oldest),
                    });
                    let _ = tx.send(Ok(line("ERROR", &status))).await;
                    return;
                }
                Ok((events, now)) => {
                    for e in events {
                        if tx.send(Ok(line(e.kind, &e.object))).await.is_err() {
                            return;
                        }
                    }
                    at = now;
                }
            }
            if app.watches.breaks() != breaks {
                // A broken connection: the stream ends without its last chunk.
                let _ = tx
                    .send(Err(std::io::Error::other("watch broken on purpose")))
                    .await;
                return;
            }
            if started.elapsed() >= timeout {
                return;
            }
            if bookmarks && last_bookmark.elapsed() >= BOOKMARK_EVERY {
                last_bookmark = Instant::now();
                let mark = json!({
                    "kind": kind.kind, "apiVersion": kind.api_version,
                    "metadata": { "resourceVersion": at.to_string() },
                });
                if tx.send(Ok(line("BOOKMARK", &mark))).await.is_err() {
                    return;
                }
            }
            tokio::time::sleep(LOOK_EVERY).await;
            if tx.is_closed() {
                return;
            }
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(stream),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(name: &str, value: u32) -> Value {
        json!({ "metadata": { "name": name }, "spec": { "value": value } })
    }

    #[test]
    fn changes_become_events_with_growing_versions() {
        let w = Watches::default();
        let (items, listed) = w.sync("ns/things", vec![obj("a", 1), obj("b", 1)]);
        assert_eq!(items[1]["metadata"]["resourceVersion"], listed.to_string());
        // Nothing changed: no event, the same version.
        assert_eq!(
            w.sync("ns/things", vec![obj("a", 1), obj("b", 1)]).1,
            listed
        );
        w.sync("ns/things", vec![obj("a", 2), obj("c", 1)]);
        let (events, now) = w.since("ns/things", listed).ok().unwrap();
        let kinds: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e.kind, e.object["metadata"]["name"].as_str().unwrap()))
            .collect();
        assert_eq!(kinds, [("MODIFIED", "a"), ("ADDED", "c"), ("DELETED", "b")]);
        assert!(events.windows(2).all(|p| p[0].rv < p[1].rv));
        assert_eq!(now, events.last().unwrap().rv);
        assert!(w.since("ns/things", now).ok().unwrap().0.is_empty());
    }

    #[test]
    fn a_version_from_before_a_compaction_is_expired() {
        let w = Watches::default();
        let (_, listed) = w.sync("ns/things", vec![obj("a", 1)]);
        w.compact();
        let e = w.since("ns/things", listed).err().unwrap();
        assert!(e.oldest > e.asked);
        let (_, again) = w.sync("ns/things", vec![obj("a", 1)]);
        assert!(w.since("ns/things", again).is_ok());
    }
}
