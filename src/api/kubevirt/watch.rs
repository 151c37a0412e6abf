//! Kubernetes list, then watch: one resource's objects kept current for as long as a view
//! follows them.
//!
//! The list gives the objects and its `resourceVersion`; a watch from that version
//! (`watch=1&allowWatchBookmarks=true`) streams JSON lines, applied as they come: `ADDED` and
//! `MODIFIED` put an object, `DELETED` takes it out, and `BOOKMARK` only moves the version on.
//! A watch the API server ends (its `timeoutSeconds`) is opened again from the last version; a
//! `410 Gone` (an answer, or an `ERROR` event) means that version is too old, so the resource
//! is listed again; a broken connection is opened again after a backoff with jitter. When the
//! last follower goes, the watch is aborted.

use crate::api::http::{Http, Streamed};
use crate::api::json::Json;
use crate::api::ApiError;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// How long a watch is kept after its last follower went, for the next view (the VM list, then
/// a VM's tab) to go on with it instead of listing again.
const LINGER_MS: u32 = 5_000;
/// The longest a read waits for a list under way.
const WAIT_FOR_LIST_MS: u32 = 10_000;
/// How long a watch asks to stay open, in seconds, before jitter (the API server may end it
/// sooner).
const WATCH_SECONDS: f64 = 300.0;
/// The first wait after a failure, doubled on each one after, up to [`LONGEST_WAIT_MS`].
const FIRST_WAIT_MS: f64 = 500.0;
const LONGEST_WAIT_MS: f64 = 30_000.0;

#[derive(Default)]
struct State {
    /// The objects by name, as the JSON text they came as (read with the same parsers as a
    /// list's, so that the wasm has no second copy of them). A text is replaced whole when its
    /// object changes, so a reader can keep what it made of one for as long as it is the
    /// [`Text::same`] (see `KubevirtBackend::cached`).
    items: BTreeMap<String, Text>,
    /// The version to watch from; `None`: list first.
    version: Option<String>,
    /// Whether `items` is what the last list and the events since say.
    current: bool,
    /// Whether the last list failed: reads ask for themselves, without waiting for the next.
    list_failed: bool,
    followers: Vec<(u64, Rc<dyn Fn()>)>,
    next_follower: u64,
    /// Counts the watch loops: a loop that is not the newest stops.
    generation: u64,
    /// Whether the newest loop is running.
    running: bool,
    /// Reads waiting for the list under way.
    waiting: Vec<futures::channel::oneshot::Sender<()>>,
    abort: Option<web_sys::AbortController>,
}

/// One resource, listed and watched.
pub struct Watched {
    http: Http,
    path: String,
    state: RefCell<State>,
}

#[derive(Deserialize)]
struct ListMeta {
    #[serde(rename = "resourceVersion", default)]
    resource_version: String,
}

/// One watched object's JSON text: its part of the list body it came in, or the object of the
/// event that brought it. The items of a list share its body: a namespace's 2,000 snapshots are
/// not copied into 2,000 strings, and the body is let go once the last of them is replaced.
#[derive(Clone)]
pub struct Text {
    body: Rc<str>,
    at: std::ops::Range<usize>,
}

impl Text {
    /// An object's text on its own.
    pub fn whole(text: &str) -> Self {
        Text {
            at: 0..text.len(),
            body: Rc::from(text),
        }
    }

    /// Whether `other` is this very text, not only an equal one: a reader keeps what it made
    /// of a text for as long as it is the same.
    pub fn same(&self, other: &Text) -> bool {
        Rc::ptr_eq(&self.body, &other.body) && self.at == other.at
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.body[self.at.clone()]
    }
}

/// A list's `resourceVersion` and its items, each a part of the body.
pub fn split_list(body: Rc<str>) -> Result<(String, Vec<Text>), serde_json::Error> {
    let (version, at) = match super::peek::list_items(&body) {
        Some((version, at)) => (version.to_string(), at),
        // Anything unusual (an escape in the version, an item that is not an object, a body
        // cut short): the list is parsed, which says what is wrong with it.
        None => {
            let list: AnyList = serde_json::from_str(&body)?;
            let start = body.as_ptr() as usize;
            let at = list
                .items
                .iter()
                .map(|o| {
                    let from = o.get().as_ptr() as usize - start;
                    from..from + o.get().len()
                })
                .collect();
            (list.metadata.resource_version, at)
        }
    };
    let items = at
        .into_iter()
        .map(|at| Text {
            body: body.clone(),
            at,
        })
        .collect();
    Ok((version, items))
}

/// A list with its items as they stand in the body.
#[derive(Deserialize)]
struct AnyList<'a> {
    metadata: ListMeta,
    #[serde(default, borrow)]
    items: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Event<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow)]
    object: &'a RawValue,
}

/// What the watch needs of an object: its name and version; of a `Status`, its code and message.
#[derive(Default)]
struct Head {
    metadata: HeadMeta,
    code: Option<u64>,
    message: Option<String>,
}

#[derive(Default)]
struct HeadMeta {
    name: String,
    resource_version: Option<String>,
}

impl HeadMeta {
    fn read(metadata: &Json) -> HeadMeta {
        HeadMeta {
            name: metadata.string("name").unwrap_or_default(),
            resource_version: metadata.string("resourceVersion"),
        }
    }
}

/// What one event did to the objects.
#[derive(Debug, PartialEq)]
pub enum Applied {
    Changed,
    /// A bookmark, or nothing new.
    Unchanged,
    /// `ERROR` 410: the version is too old; list again.
    Expired,
    /// Any other `ERROR`, or a line that is not an event.
    Failed(String),
}

impl Watched {
    pub fn new(http: Http, path: String) -> Rc<Self> {
        Rc::new(Watched {
            http,
            path,
            state: RefCell::default(),
        })
    }

    /// Follows the resource: `changed` runs after each change. The first follower starts the
    /// list and the watch. Returns what [`Watched::unfollow`] takes.
    pub fn follow(self: &Rc<Self>, changed: Rc<dyn Fn()>) -> u64 {
        let (id, start) = {
            let mut s = self.state.borrow_mut();
            let id = s.next_follower;
            s.next_follower += 1;
            s.followers.push((id, changed));
            // A watch that lingers goes on; only a stopped one starts again.
            let start = !s.running;
            if start {
                s.generation += 1;
                s.running = true;
                s.list_failed = false;
            }
            (id, start.then_some(s.generation))
        };
        if let Some(generation) = start {
            let this = self.clone();
            leptos::task::spawn_local(async move { this.run(generation).await });
        }
        id
    }

    /// Stops following. [`LINGER_MS`] after the last follower went, if none came, the watch
    /// is aborted and what was watched is no longer taken as current.
    pub fn unfollow(self: &Rc<Self>, id: u64) {
        let generation = {
            let mut s = self.state.borrow_mut();
            s.followers.retain(|(f, _)| *f != id);
            if !s.followers.is_empty() {
                return;
            }
            s.generation
        };
        let this = self.clone();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(LINGER_MS).await;
            let mut s = this.state.borrow_mut();
            if s.followers.is_empty() && s.generation == generation {
                s.generation += 1;
                s.running = false;
                s.current = false;
                s.version = None;
                if let Some(abort) = s.abort.take() {
                    abort.abort();
                }
                drop(s);
                this.release_waiting();
            }
        });
    }

    /// The objects, when they are current (followed, listed, and watched since).
    pub fn current<R>(&self, read: impl FnOnce(&BTreeMap<String, Text>) -> R) -> Option<R> {
        let s = self.state.borrow();
        s.current.then(|| read(&s.items))
    }

    /// Waits for the list of a watch that is running but not current yet (just started, or
    /// listing again), so that a read made meanwhile is answered from it instead of listing
    /// too; at most [`WAIT_FOR_LIST_MS`], after which the read asks for itself.
    pub async fn listed(&self) {
        let wait = {
            let mut s = self.state.borrow_mut();
            if !s.running || s.current || s.list_failed {
                return;
            }
            let (tx, rx) = futures::channel::oneshot::channel();
            s.waiting.push(tx);
            rx
        };
        let limit = gloo_timers::future::TimeoutFuture::new(WAIT_FOR_LIST_MS);
        let _ = futures::future::select(wait, limit).await;
    }

    fn release_waiting(&self) {
        let waiting = std::mem::take(&mut self.state.borrow_mut().waiting);
        for w in waiting {
            let _ = w.send(());
        }
    }

    fn alive(&self, generation: u64) -> bool {
        self.state.borrow().generation == generation
    }

    /// Whether a view follows the resource.
    pub fn followed(&self) -> bool {
        !self.state.borrow().followers.is_empty()
    }

    /// Tells the followers to read again.
    pub fn notify(&self) {
        let followers: Vec<Rc<dyn Fn()>> = self
            .state
            .borrow()
            .followers
            .iter()
            .map(|(_, f)| f.clone())
            .collect();
        for f in followers {
            f();
        }
    }

    async fn run(self: Rc<Self>, generation: u64) {
        self.watch_until_stopped(generation).await;
        let mut s = self.state.borrow_mut();
        if s.generation == generation {
            s.running = false;
        }
        drop(s);
        self.release_waiting();
    }

    async fn watch_until_stopped(&self, generation: u64) {
        let mut failures = 0u32;
        let mut listed_before = false;
        while self.alive(generation) {
            let version = self.state.borrow().version.clone();
            let ok = match version {
                None => self.list(generation).await,
                Some(version) => self.watch(generation, &version).await,
            };
            if !self.alive(generation) {
                return;
            }
            match ok {
                Ok(()) => {
                    failures = 0;
                    listed_before |= self.state.borrow().version.is_some();
                }
                // Not there, or not allowed: no use trying again. Reads ask for themselves.
                Err(ApiError::Backend {
                    status: 403 | 404, ..
                }) if self.state.borrow().version.is_none() => return,
                Err(_) => {
                    failures += 1;
                    // Listing (again) failed: what was watched is not current any more, so
                    // reads ask for themselves meanwhile. Told once, the followers read and
                    // show what failed; they are told again when a list comes.
                    let unlisted = self.state.borrow().version.is_none();
                    if unlisted {
                        let mut s = self.state.borrow_mut();
                        s.current = false;
                        s.list_failed = true;
                        drop(s);
                        if failures == 1 && listed_before {
                            self.notify();
                        }
                    }
                    gloo_timers::future::sleep(backoff(failures, js_sys::Math::random())).await;
                }
            }
        }
    }

    /// Lists; the reads waiting for it go on either way (asking for themselves if it failed).
    async fn list(&self, generation: u64) -> Result<(), ApiError> {
        let listed = self.list_once(generation).await;
        self.release_waiting();
        listed
    }

    async fn list_once(&self, generation: u64) -> Result<(), ApiError> {
        let resp = self.http.get(&self.path).await?;
        if !resp.is_success() {
            return Err(super::error_from(&resp));
        }
        resp.expect_content("json")?;
        let (version, items) = split_list(Rc::from(resp.body))
            .map_err(|e| ApiError::malformed(&resp.url, format!("malformed JSON ({e})")))?;
        // A list that comes back after its watch was stopped is nobody's.
        if !self.alive(generation) {
            return Ok(());
        }
        {
            let mut s = self.state.borrow_mut();
            s.items = items.into_iter().map(|o| (name_of(&o), o)).collect();
            s.version = Some(version);
            s.current = true;
            s.list_failed = false;
        }
        self.notify();
        Ok(())
    }

    /// One watch, from `version` until it ends. `Ok` when the server ended it, or when it must
    /// be listed again (410); an error when the connection broke or was refused.
    async fn watch(&self, generation: u64, version: &str) -> Result<(), ApiError> {
        let abort = web_sys::AbortController::new().map_err(|e| ApiError::Network {
            url: self.path.clone(),
            reason: format!("{e:?}"),
        })?;
        let signal = abort.signal();
        self.state.borrow_mut().abort = Some(abort);
        // Spread over 1–1.5 × WATCH_SECONDS, so that many tabs do not all reconnect at once.
        let seconds = (WATCH_SECONDS * (1.0 + js_sys::Math::random() / 2.0)) as u32;
        let sep = if self.path.contains('?') { '&' } else { '?' };
        let path = format!(
            "{}{sep}watch=1&allowWatchBookmarks=true&resourceVersion={version}&timeoutSeconds={seconds}",
            self.path
        );
        let chunks = match self.http.stream(&path, &signal).await? {
            Streamed::Open(chunks) => chunks,
            Streamed::Whole(resp) if resp.status == 410 => {
                self.expire();
                return Ok(());
            }
            Streamed::Whole(resp) => return Err(super::error_from(&resp)),
        };
        let mut pending = Vec::new();
        while let Some(chunk) = chunks.next().await? {
            if !self.alive(generation) {
                return Ok(());
            }
            pending.extend_from_slice(&chunk);
            let mut changed = false;
            let mut outcome = None;
            while let Some(end) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=end).collect();
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let applied = {
                    let mut s = self.state.borrow_mut();
                    let State { items, version, .. } = &mut *s;
                    apply(items, version, &line)
                };
                match applied {
                    Applied::Changed => changed = true,
                    Applied::Unchanged => {}
                    other => {
                        outcome = Some(other);
                        break;
                    }
                }
            }
            if changed {
                self.notify();
            }
            match outcome {
                Some(Applied::Expired) => {
                    self.expire();
                    return Ok(());
                }
                Some(Applied::Failed(why)) => {
                    // What was streamed cannot be trusted any more: list again.
                    self.expire();
                    return Err(ApiError::malformed(&path, why));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The version is too old: list again (what was watched stays shown until then).
    fn expire(&self) {
        self.state.borrow_mut().version = None;
    }
}

/// Read from the object's tree: an event's object is one object, read once.
fn head(object: &str) -> Head {
    let Ok(json) = Json::parse(object) else {
        return Head::default();
    };
    Head {
        metadata: json.get("metadata").map(HeadMeta::read).unwrap_or_default(),
        code: json.unsigned("code"),
        message: json.string("message"),
    }
}

/// An object's `metadata.name`, read without going through the rest of the object: the API
/// server writes `metadata` after `apiVersion` and `kind`, before `spec` and `status` (most of a
/// 2,000-snapshot list, which [`head`] would go through again). `object` is JSON already read
/// once (an item of a list that parsed). A name with an escape in it is read by serde, from
/// the metadata on; anything unexpected falls back to [`head`].
fn name_of(object: &str) -> String {
    if let Some(name) = super::peek::string_at(object, &["metadata", "name"]) {
        return name.to_string();
    }
    super::peek::value_at(object, 0, "metadata")
        .and_then(|at| {
            let mut de = serde_json::Deserializer::from_str(&object[at..]);
            Json::deserialize(&mut de).ok().map(|m| HeadMeta::read(&m))
        })
        .map_or_else(|| head(object).metadata.name, |m| m.name)
}

/// Applies one watch event (a JSON line) to `items`, moving `version` on.
pub fn apply(
    items: &mut BTreeMap<String, Text>,
    version: &mut Option<String>,
    line: &[u8],
) -> Applied {
    let parsed = std::str::from_utf8(line)
        .map_err(|e| e.to_string())
        .and_then(|l| serde_json::from_str::<Event>(l).map_err(|e| e.to_string()));
    let event = match parsed {
        Ok(e) => e,
        Err(e) => return Applied::Failed(format!("a watch event is not JSON ({e})")),
    };
    let head = head(event.object.get());
    match event.kind.as_str() {
        "ADDED" | "MODIFIED" | "DELETED" => {
            let name = head.metadata.name;
            if name.is_empty() {
                return Applied::Failed(format!("a {} event names no object", event.kind));
            }
            if head.metadata.resource_version.is_some() {
                *version = head.metadata.resource_version;
            }
            if event.kind == "DELETED" {
                items.remove(&name);
            } else {
                items.insert(name, Text::whole(event.object.get()));
            }
            Applied::Changed
        }
        "BOOKMARK" => {
            if head.metadata.resource_version.is_some() {
                *version = head.metadata.resource_version;
            }
            Applied::Unchanged
        }
        "ERROR" if head.code == Some(410) => Applied::Expired,
        "ERROR" => Applied::Failed(head.message.unwrap_or_else(|| "the watch failed".into())),
        other => Applied::Failed(format!("unknown watch event type \"{other}\"")),
    }
}

/// The wait before trying again after `failures` failures in a row, with `random` (0–1) as
/// jitter: between half and all of 0.5 s × 2^(failures−1), at most 30 s.
pub fn backoff(failures: u32, random: f64) -> std::time::Duration {
    let full =
        (FIRST_WAIT_MS * 2f64.powi(failures.saturating_sub(1).min(16) as i32)).min(LONGEST_WAIT_MS);
    std::time::Duration::from_millis((full * (0.5 + random.clamp(0.0, 1.0) / 2.0)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde makes of a list: its version and its items' texts.
    fn parsed(body: &str) -> Option<(String, Vec<String>)> {
        let list: AnyList = serde_json::from_str(body).ok()?;
        let items = list.items.iter().map(|o| o.get().to_string()).collect();
        Some((list.metadata.resource_version, items))
    }

    fn split(body: &str) -> Option<(String, Vec<String>)> {
        let (version, items) = split_list(Rc::from(body)).ok()?;
        Some((version, items.iter().map(|t| t.to_string()).collect()))
    }

    /// Lists of the KubeVirt samples, as the API server writes them and otherwise.
    fn lists() -> Vec<String> {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/api-samples/kubevirt"
        );
        let mut objects: Vec<String> = std::fs::read_dir(dir)
            .expect("the KubeVirt samples")
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
            .filter(|body| {
                serde_json::from_str::<serde_json::Value>(body).is_ok_and(|v| v.is_object())
            })
            .collect();
        objects.sort();
        assert!(objects.len() > 10, "too few samples: {}", objects.len());
        let compact: Vec<String> = objects
            .iter()
            .map(|o| {
                serde_json::from_str::<serde_json::Value>(o)
                    .unwrap()
                    .to_string()
            })
            .collect();
        vec![
            // As the samples stand, with their own blanks.
            format!(
                r#"{{"apiVersion":"v1","items":[{}],"kind":"List","metadata":{{"resourceVersion":"812"}}}}"#,
                objects.join(",\n")
            ),
            // As the API server writes a list: metadata first, compact, a newline at the end.
            format!(
                "{{\"apiVersion\":\"snapshot.kubevirt.io/v1beta1\",\"kind\":\"VirtualMachineSnapshotList\",\"metadata\":{{\"continue\":\"\",\"resourceVersion\":\"4417\"}},\"items\":[{}]}}\n",
                compact.join(",")
            ),
            // Pretty, and empty.
            serde_json::to_string_pretty(&serde_json::json!({
                "metadata": {"resourceVersion": "9"},
                "items": compact.iter().map(|o| serde_json::from_str::<serde_json::Value>(o).unwrap()).collect::<Vec<_>>(),
            }))
            .unwrap(),
            r#"{"kind":"List","metadata":{"resourceVersion":"1"},"items":[]}"#.to_string(),
            r#" { "items" : [ ] , "metadata" : { "resourceVersion" : "2" } } "#.to_string(),
        ]
    }

    #[test]
    fn a_list_is_split_into_the_items_serde_reads() {
        for body in lists() {
            assert!(super::super::peek::list_items(&body).is_some(), "{body}");
            assert_eq!(split(&body), parsed(&body), "{body}");
        }
    }

    #[test]
    fn an_unusual_list_is_parsed_and_split_the_same() {
        for body in [
            // An escape in the version; an item that is not an object; no items at all.
            r#"{"metadata":{"resourceVersion":"1\u0032"},"items":[{"metadata":{"name":"a"}}]}"#,
            r#"{"metadata":{"resourceVersion":"1"},"items":[{"a":1}, 2, "x"]}"#,
            r#"{"metadata":{"resourceVersion":"1"},"items":null}"#,
            r#"{"metadata":{"resourceVersion":"1"}}"#,
            r#"{"metadata":{},"items":[]}"#,
        ] {
            assert_eq!(split(body), parsed(body), "{body}");
        }
    }

    #[test]
    fn a_list_cut_short_or_followed_by_anything_is_an_error() {
        for body in lists() {
            let end = body.trim_end().len();
            // Every place in the last 300 bytes, and 300 spread over the rest (each cut goes
            // over the whole body again).
            let spread = (0..end).step_by(end / 300 + 1);
            let cuts = spread.chain(end.saturating_sub(300)..end);
            for at in cuts.filter(|&at| body.is_char_boundary(at)) {
                assert!(split(&body[..at]).is_none(), "cut at {at} of {body}");
            }
            for tail in ["x", "}", "]", ",{}", " {}"] {
                let longer = format!("{}{tail}", body.trim_end());
                assert!(split(&longer).is_none(), "{longer}");
            }
        }
    }

    #[test]
    fn the_items_of_a_list_share_its_body_and_an_event_brings_its_own() {
        let (_, items) = split_list(Rc::from(lists()[1].as_str())).unwrap();
        assert!(items.len() > 10);
        assert!(Rc::ptr_eq(&items[0].body, &items[1].body));
        assert!(items[0].same(&items[0].clone()));
        assert!(!items[0].same(&items[1]));
        let own = Text::whole(&items[0]);
        assert_eq!(&*own, &*items[0]);
        assert!(
            !own.same(&items[0]),
            "an equal text from elsewhere is not the same"
        );
    }

    fn line(kind: &str, name: &str, rv: &str) -> Vec<u8> {
        serde_json::json!({ "type": kind, "object": { "metadata": { "name": name, "resourceVersion": rv } } })
            .to_string()
            .into_bytes()
    }

    #[test]
    fn a_name_is_read_from_the_metadata_wherever_it_stands() {
        let cases = [
            r#"{"apiVersion":"v1","kind":"X","metadata":{"name":"a","resourceVersion":"2"},"spec":{}}"#,
            r#" { "kind" : "X\"}{[" , "n": [1, {"a": "]"}], "metadata" : { "labels": {"name": "b"}, "name" : "a" } } "#,
            r#"{"spec":{"metadata":{"name":"b"}},"metadata":{"name":"a"}}"#,
            r#"{"metadata":{"name":"a"}}"#,
            r#"{"metadata":{"name":"\u0061"}}"#,
        ];
        for object in cases {
            assert_eq!(name_of(object), "a", "{object}");
            assert_eq!(name_of(object), head(object).metadata.name, "{object}");
        }
        // No metadata, or not an object: no name, as the whole reading says.
        for object in [
            r#"{"kind":"X"}"#,
            "[]",
            r#"{"kind":"#,
            "",
            r#"{"metadata":3}"#,
        ] {
            assert_eq!(name_of(object), "", "{object}");
        }
    }

    #[test]
    fn events_put_take_and_move_the_version() {
        let mut items = BTreeMap::new();
        let mut version = Some("1".to_string());
        assert_eq!(
            apply(&mut items, &mut version, &line("ADDED", "a", "2")),
            Applied::Changed
        );
        assert_eq!(
            apply(&mut items, &mut version, &line("ADDED", "b", "3")),
            Applied::Changed
        );
        assert_eq!(
            apply(&mut items, &mut version, &line("MODIFIED", "a", "4")),
            Applied::Changed
        );
        assert!(items["a"].contains(r#""resourceVersion":"4""#));
        assert_eq!(
            apply(&mut items, &mut version, &line("DELETED", "b", "5")),
            Applied::Changed
        );
        assert_eq!(items.keys().collect::<Vec<_>>(), ["a"]);
        let bookmark = br#"{"type":"BOOKMARK","object":{"kind":"VirtualMachine","metadata":{"resourceVersion":"9"}}}"#;
        assert_eq!(
            apply(&mut items, &mut version, bookmark),
            Applied::Unchanged
        );
        assert_eq!(version.as_deref(), Some("9"));
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn a_410_error_asks_for_a_new_list_and_bad_lines_fail() {
        let mut items = BTreeMap::new();
        let mut version = Some("1".to_string());
        let gone = br#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1 (5)"}}"#;
        assert_eq!(apply(&mut items, &mut version, gone), Applied::Expired);
        let other = br#"{"type":"ERROR","object":{"kind":"Status","code":500,"message":"boom"}}"#;
        assert_eq!(
            apply(&mut items, &mut version, other),
            Applied::Failed("boom".into())
        );
        assert!(matches!(
            apply(&mut items, &mut version, b"{\"type\":"),
            Applied::Failed(_)
        ));
        assert!(matches!(
            apply(&mut items, &mut version, &line("ADDED", "", "2")),
            Applied::Failed(_)
        ));
        assert!(matches!(
            apply(&mut items, &mut version, &line("RENAMED", "a", "2")),
            Applied::Failed(_)
        ));
        assert_eq!(version.as_deref(), Some("1"));
        assert!(items.is_empty());
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_30_seconds() {
        let ms = |f, r| backoff(f, r).as_millis();
        assert_eq!((ms(1, 0.0), ms(1, 1.0)), (250, 500));
        assert_eq!((ms(2, 0.0), ms(2, 1.0)), (500, 1000));
        assert_eq!(ms(4, 1.0), 4000);
        assert_eq!((ms(10, 0.0), ms(10, 1.0)), (15_000, 30_000));
        assert_eq!(ms(1000, 1.0), 30_000);
    }
}
