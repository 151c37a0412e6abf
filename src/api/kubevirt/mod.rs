//! The Kubernetes + KubeVirt adapter: `kubevirt.io/v1` VMs and `snapshot.kubevirt.io/v1beta1`
//! snapshots, JSON only.

mod actions;
pub mod map;
pub mod peek;
pub mod sizes;
pub mod types;
pub mod watch;
pub mod write;

use super::http::{Http, Response};
use super::{ApiError, Backend, FirstReads, Following, Live};
use crate::config::Config;
use crate::model::capabilities::Capabilities;
use crate::model::preview::PreviewSources;
use crate::model::request::{
    DiskChoice, NewSnapshot, NewTemplate, NewVm, PreviewRequest, RestoreRequest, VmAccepted,
};
use crate::model::schedule::Schedule;
use crate::model::{BackendKind, OperationKind, Snapshot, Vm, VmConfig};
use async_trait::async_trait;
use gloo_net::http::Method;
use serde_json::Value;
use sizes::Sizes;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;
use types::{List, Object, VirtualMachine, VirtualMachineSnapshot};
use watch::Watched;

pub const KUBEVIRT: &str = "/apis/kubevirt.io/v1";
pub const SNAPSHOT: &str = "/apis/snapshot.kubevirt.io/v1beta1";
pub const CLONE: &str = "/apis/clone.kubevirt.io/v1beta1";
pub const SUBRESOURCES: &str = "/apis/subresources.kubevirt.io/v1";
pub const TEMPLATE: &str = "/apis/template.openshift.io/v1";

/// Every object: for [`KubevirtBackend::all`] when the caller needs them all.
fn any(_: &str) -> bool {
    true
}

/// Whether a snapshot's text may be one of the VM `vm`'s: its `spec.source.name` is `vm`, or
/// cannot be told without parsing it ([`map::belongs_to`] then decides).
pub fn may_be_taken_of(text: &str, vm: &str) -> bool {
    peek::string_at(text, &["spec", "source", "name"]).is_none_or(|name| name == vm)
}

/// Parses a JSON body into `T`, as a typed error when it cannot.
pub fn parse<T: Object>(url: &str, body: &str) -> Result<T, ApiError> {
    T::parse(body).map_err(|e| ApiError::malformed(url, format!("malformed JSON ({e})")))
}

/// The error an unsuccessful answer stands for: its `Status` message where it has one.
pub fn error_from(resp: &Response) -> ApiError {
    if resp.status == 401 {
        return ApiError::Unauthorized;
    }
    let status = types::Status::parse(&resp.body).ok();
    let reason = status
        .as_ref()
        .and_then(|s| s.reason.clone())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| {
            if resp.status_text.is_empty() {
                "Request failed".into()
            } else {
                resp.status_text.clone()
            }
        });
    let detail = status.and_then(|s| s.message).or_else(|| {
        let snippet: String = resp.body.trim().chars().take(200).collect();
        (!snippet.is_empty() && !snippet.starts_with('<')).then_some(snippet)
    });
    ApiError::Backend {
        status: resp.status,
        reason,
        detail,
    }
}

/// The resources (group, name) watched to follow `what`. The VM's instance is not watched: its
/// guest agent is read with the VM.
fn watched_for(what: Live) -> &'static [(&'static str, &'static str)] {
    match what {
        Live::Vms => &[(KUBEVIRT, "virtualmachines")],
        Live::Snapshots => &[
            (SNAPSHOT, "virtualmachinesnapshots"),
            (SNAPSHOT, "virtualmachinerestores"),
        ],
        Live::Schedules => &[(SNAPSHOT, "virtualmachinesnapshotschedules")],
        Live::NewVms => &[
            (KUBEVIRT, "virtualmachines"),
            (CLONE, "virtualmachineclones"),
        ],
    }
}

/// The GETs `page` makes first, below the API base: the lists its watches start with (what
/// [`Backend::read_ahead`] sends, and what the page's boot script sends before the wasm has
/// loaded: `public/read-ahead.js`).
pub fn first_paths(namespace: &str, page: FirstReads) -> Vec<String> {
    let followed: &[Live] = match page {
        FirstReads::Vms => &[Live::Vms],
        FirstReads::Tab(_) => &[Live::Vms, Live::Snapshots, Live::Schedules],
    };
    followed
        .iter()
        .flat_map(|what| watched_for(*what))
        .map(|(group, resource)| namespaced(group, namespace, resource))
        .collect()
}

/// A namespaced resource's path below the API base.
fn namespaced(group: &str, namespace: &str, resource: &str) -> String {
    format!("{group}/namespaces/{namespace}/{resource}")
}

thread_local! {
    /// Every watch on the page, by what it reads (client and path), for as long as an adapter
    /// holds it. The KubeVirt tabs of one page that read the same API share their watches: each
    /// watch holds one of the six HTTP/1.1 connections a browser opens to a host, so a page of
    /// two tabs watching apart (eight) would leave none for their other reads, which would then
    /// wait for ever.
    static WATCHES: RefCell<HashMap<String, std::rc::Weak<Watched>>> = RefCell::default();
}

/// Watched objects as parsed, by name: the text parsed (the watch's own) and the object.
type Parsed = HashMap<String, (watch::Text, Rc<dyn std::any::Any>), BuildHasherDefault<NameHasher>>;

/// FNV-1a, for the names of the objects kept as parsed: a namespace's 2,000 snapshots are put
/// in and looked up at each read, and the standard SipHash (made against keys chosen to collide,
/// which these, from the API server, are not) took about 4 ms of a first table in Chromium.
#[derive(Clone, Copy)]
struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The KubeVirt adapter.
pub struct KubevirtBackend {
    http: Http,
    namespace: String,
    /// The resources views follow, listed and watched (by resource name): the page's watches
    /// of them (see `WATCHES`).
    watched: RefCell<HashMap<&'static str, Rc<Watched>>>,
    /// What each watched object's text was parsed into, by resource and name (see `cached`).
    parsed: RefCell<HashMap<&'static str, Parsed>>,
    /// Each finished snapshot's size.
    sizes: Rc<Sizes>,
    /// Each running VM's instance as last read, by VM name, with the VM's resourceVersion then.
    instances: RefCell<HashMap<String, (String, Rc<types::VirtualMachineInstance>)>>,
}

impl KubevirtBackend {
    pub fn new(config: &Config) -> Self {
        let http = Http::new(config, "application/json");
        KubevirtBackend {
            sizes: Sizes::new(http.clone(), config.namespace.clone()),
            http,
            namespace: config.namespace.clone(),
            watched: RefCell::default(),
            parsed: RefCell::default(),
            instances: RefCell::default(),
        }
    }

    /// The watch of `resource` (in `group`), made on first use.
    fn watched(&self, group: &str, resource: &'static str) -> Rc<Watched> {
        self.watched
            .borrow_mut()
            .entry(resource)
            .or_insert_with(|| {
                let path = self.path(group, resource);
                let key = self.http.key(&path);
                WATCHES.with_borrow_mut(|all| {
                    all.retain(|_, w| w.strong_count() > 0);
                    if let Some(shared) = all.get(&key).and_then(std::rc::Weak::upgrade) {
                        return shared;
                    }
                    let watched = Watched::new(self.http.clone(), path);
                    all.insert(key, Rc::downgrade(&watched));
                    watched
                })
            })
            .clone()
    }

    /// `resource`'s watch, when a view follows it.
    fn followed(&self, resource: &'static str) -> Option<Rc<Watched>> {
        self.watched
            .borrow()
            .get(resource)
            .filter(|w| w.followed())
            .cloned()
    }

    /// Waits for the first list of `resource`'s watch, when one is under way.
    async fn listed(&self, resource: &'static str) {
        let watched = self.watched.borrow().get(resource).cloned();
        if let Some(w) = watched {
            w.listed().await;
        }
    }

    /// The running instance of the VM `vm`, asked for once for each version of the VM: a read
    /// of the same VM again (its watch's first list, a view reading again after another
    /// change) takes the instance read before. A VM started, stopped or changed is another
    /// version, and its instance is asked for again. `None` when it cannot be read: the VM is
    /// shown without what only its instance reports.
    async fn instance(&self, vm: &VirtualMachine) -> Option<Rc<types::VirtualMachineInstance>> {
        let name = &vm.metadata.name;
        let version = vm.metadata.resource_version.clone();
        let known = self.instances.borrow().get(name).cloned();
        if let (Some((seen, vmi)), Some(version)) = (known, &version) {
            if seen == *version {
                return Some(vmi);
            }
        }
        let path = format!("{}/{name}", self.path(KUBEVIRT, "virtualmachineinstances"));
        let vmi = Rc::new(
            self.fetch::<types::VirtualMachineInstance>(&path)
                .await
                .ok()?,
        );
        if let Some(version) = version {
            self.instances
                .borrow_mut()
                .insert(name.clone(), (version, vmi.clone()));
        }
        Some(vmi)
    }

    /// `resource`'s objects from its watch, when it is followed and current; `None`: ask.
    /// Each object is parsed once for as long as the watch keeps the same text of it, not at
    /// every read: a read after one watch event parses the one object that changed, not the
    /// namespace's 2,000 snapshots again. An object not parsed yet whose text `wanted` refuses
    /// is left out unparsed (and `wanted` looks at it again at the next read); one already
    /// parsed is given as it is, without asking `wanted` (the caller picks its own anyway).
    fn cached<T: Object + 'static>(
        &self,
        group: &str,
        resource: &'static str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Option<Result<Vec<Rc<T>>, ApiError>> {
        let watched = self.watched.borrow().get(resource).cloned()?;
        let read = watched.current(|items| {
            let mut parsed = self.parsed.borrow_mut();
            let parsed = parsed.entry(resource).or_default();
            parsed.retain(|name, _| items.contains_key(name));
            items
                .iter()
                .filter_map(|(name, text)| {
                    if let Some((seen, object)) = parsed.get(name) {
                        if seen.same(text) {
                            if let Ok(object) = object.clone().downcast::<T>() {
                                return Some(Ok(object));
                            }
                        }
                    }
                    if !wanted(text) {
                        return None;
                    }
                    Some(T::parse(text).map(|object| {
                        let object = Rc::new(object);
                        parsed.insert(name.clone(), (text.clone(), object.clone()));
                        object
                    }))
                })
                .collect::<Result<Vec<Rc<T>>, serde_json::Error>>()
        })?;
        Some(read.map_err(|e| {
            ApiError::malformed(
                &self.http.url(&self.path(group, resource)),
                format!("malformed JSON ({e})"),
            )
        }))
    }

    /// `resource`'s whole list: from its watch when current, or asked for. `wanted` tells, from
    /// an object's text, whether the caller may need it: those it refuses may be left out (see
    /// [`Self::cached`]), and others may be given, so the caller still picks its own.
    async fn all<T: Object + 'static>(
        &self,
        group: &str,
        resource: &'static str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<Rc<T>>, ApiError> {
        self.listed(resource).await;
        match self.cached(group, resource, wanted) {
            Some(items) => items,
            None => Ok(self
                .fetch::<List<T>>(&self.path(group, resource))
                .await?
                .items
                .into_iter()
                .map(Rc::new)
                .collect()),
        }
    }

    fn path(&self, group: &str, resource: &str) -> String {
        namespaced(group, &self.namespace, resource)
    }

    /// Sends a change; an unsuccessful answer is an error with its `Status` message.
    async fn change(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(), ApiError> {
        let resp = self
            .http
            .send(
                method,
                path,
                body.map(|b| ("application/json", b.to_string())),
            )
            .await?;
        if resp.is_success() {
            Ok(())
        } else {
            Err(error_from(&resp))
        }
    }

    /// The `VirtualMachineSnapshotContent` of a ready snapshot: its name and the object.
    async fn content(&self, snapshot: &Snapshot) -> Result<(String, Value), ApiError> {
        let raw: VirtualMachineSnapshot = self
            .fetch(&format!(
                "{}/{}",
                self.path(SNAPSHOT, "virtualmachinesnapshots"),
                snapshot.id
            ))
            .await?;
        let content_name = raw
            .status
            .and_then(|s| s.virtual_machine_snapshot_content_name)
            .ok_or_else(|| {
                ApiError::Unsupported("The snapshot is not ready: it has no content yet.".into())
            })?;
        let content: Value = self
            .fetch(&format!(
                "{}/{content_name}",
                self.path(SNAPSHOT, "virtualmachinesnapshotcontents")
            ))
            .await?;
        Ok((content_name, content))
    }

    async fn fetch<T: Object>(&self, path: &str) -> Result<T, ApiError> {
        fetch(&self.http, path).await
    }
}

/// GETs `path` and parses its JSON; an unsuccessful answer is an error with its `Status` message.
pub(crate) async fn fetch<T: Object>(http: &Http, path: &str) -> Result<T, ApiError> {
    let resp = http.get(path).await?;
    if !resp.is_success() {
        return Err(error_from(&resp));
    }
    resp.expect_content("json")?;
    parse(&resp.url, &resp.body)
}

#[async_trait(?Send)]
impl Backend for KubevirtBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Kubevirt
    }

    async fn list_vms(&self) -> Result<Vec<Vm>, ApiError> {
        let items: Vec<Rc<VirtualMachine>> = self.all(KUBEVIRT, "virtualmachines", &any).await?;
        Ok(items.iter().map(|vm| map::vm(vm)).collect())
    }

    async fn get_vm(&self, id: &str) -> Result<Vm, ApiError> {
        self.listed("virtualmachines").await;
        let watched = self.watched.borrow().get("virtualmachines").cloned();
        let cached = watched
            .and_then(|w| w.current(|vms| vms.get(id).map(|text| VirtualMachine::parse(text))));
        let raw: VirtualMachine = match cached.flatten() {
            Some(Ok(vm)) => vm,
            Some(Err(e)) => {
                return Err(ApiError::malformed(
                    &self
                        .http
                        .url(&format!("{}/{id}", self.path(KUBEVIRT, "virtualmachines"))),
                    format!("malformed JSON ({e})"),
                ))
            }
            // Not watched, or not there (a VM just made may not have come yet): ask.
            None => {
                self.fetch(&format!("{}/{id}", self.path(KUBEVIRT, "virtualmachines")))
                    .await?
            }
        };
        let mut vm = map::vm(&raw);
        // The guest agent is the running instance's condition; the VM may not mirror it.
        if vm.guest_agent.is_some() {
            if let Some(vmi) = self.instance(&raw).await {
                vm.guest_agent = Some(
                    vmi.status
                        .conditions
                        .iter()
                        .any(|c| c.type_ == "AgentConnected" && c.status == "True"),
                );
            }
        }
        Ok(vm)
    }

    async fn list_snapshots(&self, vm_id: &str) -> Result<Vec<Snapshot>, ApiError> {
        // The namespace's snapshots: only this VM's are parsed (a VM with 3 of 2,000 parsed
        // 2,000). Restores are few, and one may restore this VM's snapshot into another VM.
        let of_this_vm = |text: &str| may_be_taken_of(text, vm_id);
        let snapshots =
            self.all::<VirtualMachineSnapshot>(SNAPSHOT, "virtualmachinesnapshots", &of_this_vm);
        let restores =
            self.all::<types::VirtualMachineRestore>(SNAPSHOT, "virtualmachinerestores", &any);
        let (list, restores) = futures::join!(snapshots, restores);
        // "Last restored" is a nicety: a cluster that refuses to list restores still lists snapshots.
        let restores = restores.unwrap_or_default();
        let restores: Vec<types::VirtualMachineRestore> =
            restores.iter().map(|r| (**r).clone()).collect();
        let mine: Vec<Rc<VirtualMachineSnapshot>> = list?
            .into_iter()
            .filter(|s| map::belongs_to(s, vm_id))
            .collect();
        let contents: Vec<&str> = mine.iter().filter_map(|s| map::content_name(s)).collect();
        let unknown = self.sizes.unknown(&contents);
        if !unknown.is_empty() {
            match self.followed("virtualmachinesnapshots") {
                // The first read of a followed VM's snapshots: they are shown at once, and
                // sized after (2,000 snapshots: 1.4 MB and about 300 ms that the first table
                // would wait for; a few: two round trips). The followers then read again,
                // with the sizes. Meanwhile the table shows no size and no total: nothing it
                // says is wrong, only not said yet.
                Some(snapshots) if unknown.len() == contents.len() => {
                    self.sizes.read_then(unknown, move || snapshots.notify())
                }
                _ => self.sizes.read(&unknown).await,
            }
        }
        let sizes = self.sizes.of(&contents);
        Ok(mine
            .iter()
            .map(|s| {
                let mut snapshot = map::snapshot(s);
                snapshot.restores = map::restores_of(&restores, &snapshot.name);
                snapshot.last_restored = snapshot.restores.last().copied();
                snapshot.size_bytes =
                    map::content_name(s).and_then(|c| sizes.get(c).copied().flatten());
                snapshot
            })
            .collect())
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::kubevirt()
    }

    fn read_ahead(&self, page: FirstReads) {
        for path in first_paths(&self.namespace, page) {
            self.http.read_ahead(&path);
        }
    }

    fn follow(&self, what: Live, changed: Rc<dyn Fn()>) -> Option<Following> {
        let followed: Vec<(Rc<Watched>, u64)> = watched_for(what)
            .iter()
            .map(|(group, resource)| {
                let watched = self.watched(group, resource);
                let id = watched.follow(changed.clone());
                (watched, id)
            })
            .collect();
        Some(Following::new(move || {
            for (watched, id) in followed {
                watched.unfollow(id);
            }
        }))
    }

    async fn snapshot_config(&self, _vm: &Vm, snapshot: &Snapshot) -> Result<VmConfig, ApiError> {
        let (content_name, content) = self.content(snapshot).await?;
        map::snapshot_config(&content).map_err(|e| ApiError::malformed(&content_name, e))
    }

    async fn preview_sources(&self, _vm: &Vm) -> Result<PreviewSources, ApiError> {
        Err(ApiError::Unsupported(
            self.capabilities().preview.unwrap_err(),
        ))
    }

    async fn list_schedules(&self, vm_id: &str) -> Result<Vec<Schedule>, ApiError> {
        let list: Result<Vec<Rc<Value>>, ApiError> = self
            .all(SNAPSHOT, "virtualmachinesnapshotschedules", &any)
            .await;
        match list {
            Ok(list) => Ok(list
                .iter()
                .filter_map(|v| map::schedule(v))
                .filter(|s| s.vm_id == vm_id)
                .collect()),
            Err(ApiError::Backend { status: 404, .. }) => {
                Err(super::no_schedules(BackendKind::Kubevirt))
            }
            Err(e) => Err(e),
        }
    }

    fn into_any(self: Rc<Self>) -> Rc<dyn std::any::Any> {
        self
    }
}

/// Six lowercase letters and digits from the clock, for unique object names.
fn unique_suffix() -> String {
    let mut n = chrono::Utc::now().timestamp_micros().unsigned_abs();
    let digits = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..6)
        .map(|_| {
            let c = digits[(n % 36) as usize] as char;
            n /= 36;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_other_vms_snapshots_are_left_unparsed() {
        let of = |vm: &str| {
            format!(
                r#"{{"metadata":{{"name":"s"}},"spec":{{"source":{{"kind":"VirtualMachine","name":"{vm}"}}}}}}"#
            )
        };
        assert!(may_be_taken_of(&of("db"), "db"));
        assert!(!may_be_taken_of(&of("web"), "db"));
        // What cannot be told without parsing is parsed (belongs_to decides).
        assert!(may_be_taken_of(&of(r"d\u0062"), "db"));
        assert!(may_be_taken_of(r#"{"metadata":{"name":"s"}}"#, "db"));
        assert!(may_be_taken_of("not json", "db"));
    }
}
