//! The oVirt REST API v4 adapter (`…/ovirt-engine/api`), in XML or its JSON form.

mod actions;
pub mod map;
mod seen;
pub mod tree;
pub mod write;

use super::http::{Http, Response};
use super::{ApiError, Backend, FirstReads};
use crate::config::{Config, Format};
use crate::model::capabilities::Capabilities;
use crate::model::listing::with_fresher;
use crate::model::preview::PreviewSources;
use crate::model::request::{
    NewSnapshot, NewTemplate, NewVm, PreviewRequest, RestoreRequest, VmAccepted,
};
use crate::model::schedule::Schedule;
use crate::model::{BackendKind, Snapshot, SnapshotDisk, Vm, VmConfig, VmDisk, VmStatus};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use gloo_net::http::Method;
use std::cell::RefCell;
use std::collections::HashMap;
use tree::Tree;

/// Parses `$body` in `$format` and evaluates `$e` with `$root` bound to the root node, which is
/// a `roxmltree::Node` or a `&tree::Json`: the mapping rules are generic over [`Tree`].
macro_rules! with_root {
    ($format:expr, $url:expr, $body:expr, $expected:expr, |$root:ident| $e:expr) => {
        match $format {
            Format::Xml => {
                let doc = roxmltree::Document::parse($body)
                    .map_err(|e| ApiError::malformed($url, format!("malformed XML ({e})")))?;
                let $root = doc.root_element();
                if $root.tag_name().name() != $expected {
                    return Err(ApiError::malformed(
                        $url,
                        format!(
                            "expected <{}> but got <{}>",
                            $expected,
                            $root.tag_name().name()
                        ),
                    ));
                }
                $e
            }
            Format::Json => {
                let value = tree::Json::parse($body)
                    .map_err(|e| ApiError::malformed($url, format!("malformed JSON ({e})")))?;
                if !value.is_object() {
                    return Err(ApiError::malformed($url, "expected a JSON object"));
                }
                let $root = &value;
                $e
            }
        }
    };
}

/// `GET vms`.
pub fn parse_vms(format: Format, url: &str, body: &str) -> Result<Vec<Vm>, ApiError> {
    with_root!(format, url, body, "vms", |root| Ok(root
        .items("vm")
        .into_iter()
        .map(map::vm)
        .collect()))
}

/// `GET vms/{id}`.
pub fn parse_vm(format: Format, url: &str, body: &str) -> Result<Vm, ApiError> {
    with_root!(format, url, body, "vm", |root| {
        let vm = map::vm(root);
        if vm.id.is_empty() {
            return Err(ApiError::malformed(url, "the VM has no id"));
        }
        Ok(vm)
    })
}

/// `GET vms/{id}/diskattachments?follow=disk`.
pub fn parse_disk_attachments(
    format: Format,
    url: &str,
    body: &str,
) -> Result<Vec<VmDisk>, ApiError> {
    with_root!(format, url, body, "disk_attachments", |root| Ok(root
        .items("disk_attachment")
        .into_iter()
        .filter_map(map::attached_disk)
        .collect()))
}

/// `GET vms/{id}/nics?follow=vnic_profile` (or a snapshot's `nics`).
pub fn parse_nics(format: Format, url: &str, body: &str) -> Result<Vec<String>, ApiError> {
    with_root!(format, url, body, "nics", |root| Ok(root
        .items("nic")
        .into_iter()
        .filter_map(map::nic)
        .collect()))
}

/// `GET vms/{id}/snapshots/{sid}?follow=disks`.
pub fn parse_snapshot(format: Format, url: &str, body: &str) -> Result<Snapshot, ApiError> {
    with_root!(format, url, body, "snapshot", |root| {
        let snapshot = map::snapshot(root);
        if snapshot.id.is_empty() {
            return Err(ApiError::malformed(url, "the snapshot has no id"));
        }
        Ok(snapshot)
    })
}

/// `GET vms/{id}/snapshots[?follow=disks]`: the user snapshots only.
pub fn parse_snapshots(format: Format, url: &str, body: &str) -> Result<Vec<Snapshot>, ApiError> {
    with_root!(format, url, body, "snapshots", |root| Ok(
        map::user_snapshots(root)
    ))
}

/// `GET vms/{id}/snapshots?follow=disks` as a custom preview sees it: the Active VM (with `vm`'s
/// current disks, which the engine does not list with that row), the state kept while a preview
/// runs, and the user snapshots.
pub fn parse_preview_sources(
    format: Format,
    url: &str,
    body: &str,
    vm: &Vm,
) -> Result<PreviewSources, ApiError> {
    with_root!(format, url, body, "snapshots", |root| {
        let rows = root.items("snapshot");
        let of_kind = |kind: map::SnapshotKind| {
            rows.iter()
                .find(|n| map::snapshot_kind(**n) == kind)
                .map(|n| map::snapshot(*n))
        };
        let mut active = of_kind(map::SnapshotKind::Active)
            .ok_or_else(|| ApiError::malformed(url, "the VM has no Active VM snapshot"))?;
        active.name = "Active VM".into();
        active.disks = vm
            .disks
            .iter()
            .filter(|d| d.snapshottable)
            .map(|d| SnapshotDisk {
                id: d.id.clone(),
                name: d.name.clone(),
                size_bytes: d.size_bytes,
                image_id: d.image_id.clone(),
            })
            .collect();
        Ok(PreviewSources {
            active,
            before_preview: of_kind(map::SnapshotKind::Preview),
            snapshots: map::user_snapshots(root),
        })
    })
}

/// `GET vms/{id}/snapshots/{sid}/disks` (or any `<disks>` collection).
pub fn parse_disks(format: Format, url: &str, body: &str) -> Result<Vec<SnapshotDisk>, ApiError> {
    with_root!(format, url, body, "disks", |root| Ok(root
        .items("disk")
        .into_iter()
        .map(map::snapshot_disk)
        .collect()))
}

/// `GET vms/{id}/snapshotschedules`.
pub fn parse_schedules(format: Format, url: &str, body: &str) -> Result<Vec<Schedule>, ApiError> {
    with_root!(format, url, body, "snapshot_schedules", |root| Ok(root
        .items("snapshot_schedule")
        .into_iter()
        .filter_map(map::schedule)
        .collect()))
}

/// The cluster of a VM (`GET vms/{id}`).
pub fn parse_cluster_id(format: Format, url: &str, body: &str) -> Result<String, ApiError> {
    with_root!(format, url, body, "vm", |root| map::cluster_id(root)
        .ok_or_else(|| ApiError::malformed(url, "the VM names no cluster")))
}

/// The failure an `<action>` answer reports, if any: a fault inside a 200 is a failure too.
pub fn action_error(format: Format, resp: &Response) -> Option<ApiError> {
    let body = resp.body.trim_start();
    if body.is_empty() {
        return None;
    }
    let failure = match format {
        Format::Xml => roxmltree::Document::parse(body)
            .ok()
            .filter(|d| d.root_element().has_tag_name("action"))
            .and_then(|d| map::action_failure(d.root_element())),
        Format::Json => tree::Json::parse(body)
            .ok()
            .and_then(|v| map::action_failure(&v)),
    };
    failure.map(|(reason, detail)| ApiError::Backend {
        status: resp.status,
        reason,
        detail,
    })
}

/// The error an unsuccessful answer stands for: its fault's reason and detail where it has one.
pub fn error_from(resp: &Response) -> ApiError {
    if resp.status == 401 {
        return ApiError::Unauthorized;
    }
    let body = resp.body.trim_start();
    let fault = if body.starts_with('<') {
        roxmltree::Document::parse(body)
            .ok()
            .and_then(|doc| map::fault(doc.root_element()))
    } else if body.starts_with('{') {
        tree::Json::parse(body).ok().and_then(|v| map::fault(&v))
    } else {
        None
    };
    let (reason, detail) = fault.unwrap_or_else(|| {
        let reason = if resp.status_text.is_empty() {
            "Request failed".to_string()
        } else {
            resp.status_text.clone()
        };
        let snippet: String = body.chars().take(200).collect();
        let plain = !snippet.is_empty() && !snippet.starts_with('<');
        (reason, plain.then_some(snippet))
    });
    ApiError::Backend {
        status: resp.status,
        reason,
        detail,
    }
}

/// The oVirt adapter.
pub struct OvirtBackend {
    http: Http,
    format: Format,
    /// Each VM's snapshots as last read (whole, or patched by single reads), and when: a locked
    /// VM's operation is told from them, not from another whole list, while they are recent.
    recent: RefCell<HashMap<String, Recent>>,
    /// Each VM as last read, for [`Actions::vm_alone`](crate::api::Actions::vm_alone) a
    /// moment after a page's poll read it.
    seen: RefCell<seen::Seen>,
}

/// A VM's snapshots as last read, and when.
type Recent = (DateTime<Utc>, Vec<Snapshot>);

/// How long the snapshots last read stay good enough to tell a locked VM's operation.
const RECENT_SECONDS: i64 = 10;

impl OvirtBackend {
    pub fn new(config: &Config) -> Self {
        OvirtBackend {
            recent: RefCell::new(HashMap::new()),
            seen: RefCell::default(),
            http: Http::new(config, accept(config.format)),
            format: config.format,
        }
    }

    fn content_type(&self) -> &'static str {
        match self.format {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }

    /// Sends a change; an unsuccessful answer, or an action that reports a fault, is an error.
    async fn change(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        let resp = self
            .http
            .send(method, path, body.map(|b| (self.content_type(), b)))
            .await;
        // Whatever came of it, a VM read before may not be the VM now.
        self.seen.borrow_mut().changed(Utc::now());
        let resp = resp?;
        if !resp.is_success() {
            return Err(error_from(&resp));
        }
        if let Some(e) = action_error(self.format, &resp) {
            return Err(e);
        }
        Ok(resp)
    }

    async fn action(&self, vm: &Vm, action: &str, body: String) -> Result<(), ApiError> {
        self.change(
            Method::POST,
            &format!("/vms/{}/{action}", vm.id),
            Some(body),
        )
        .await
        .map(|_| ())
    }

    /// An `image_locked` VM becomes Snapshotting or Restoring, with what it works on.
    async fn with_operation(&self, mut vm: Vm) -> Vm {
        if vm.status != VmStatus::Locked {
            return vm;
        }
        // Recent snapshots that explain the lock (one is in progress) will do.
        let recent = self.recent.borrow().get(&vm.id).and_then(|(at, list)| {
            let fresh = (Utc::now() - *at).num_seconds() < RECENT_SECONDS;
            let explains = list.iter().any(|s| s.status.is_transient());
            (fresh && explains).then(|| list.clone())
        });
        let snapshots = match recent {
            Some(list) => Some(list),
            None => match self.fetch(&format!("/vms/{}/snapshots", vm.id)).await {
                Ok(resp) => parse_snapshots(self.format, &resp.url, &resp.body).ok(),
                Err(_) => None,
            },
        };
        if let Some(snapshots) = snapshots {
            vm.operation = map::operation_of(&snapshots);
            vm.status = match vm.operation.as_ref().map(|o| &o.kind) {
                Some(crate::model::OperationKind::Snapshot) => VmStatus::Snapshotting,
                Some(crate::model::OperationKind::Restore) => VmStatus::Restoring,
                None => VmStatus::Locked,
            };
        }
        vm
    }

    /// Puts snapshots just read one by one into the VM's recent list (if there is one).
    fn remember(&self, vm_id: &str, read: &[(String, Option<Snapshot>)]) {
        if let Some((at, list)) = self.recent.borrow_mut().get_mut(vm_id) {
            *list = with_fresher(std::mem::take(list), read);
            *at = Utc::now();
        }
    }

    /// GETs `path` and hands back the body of a successful answer in the expected format.
    async fn fetch(&self, path: &str) -> Result<Response, ApiError> {
        let resp = self.http.get(path).await?;
        if !resp.is_success() {
            return Err(error_from(&resp));
        }
        resp.expect_content(self.format.key())?;
        Ok(resp)
    }
}

#[async_trait(?Send)]
impl Backend for OvirtBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Ovirt
    }

    async fn list_vms(&self) -> Result<Vec<Vm>, ApiError> {
        let sent = Utc::now();
        let resp = self.fetch("/vms").await?;
        let vms = parse_vms(self.format, &resp.url, &resp.body)?;
        // Only locked VMs cost another request, to say what they are doing.
        let vms =
            futures::future::join_all(vms.into_iter().map(|vm| self.with_operation(vm))).await;
        // The VM list polls every VM each second while one is busy: a restore's follower
        // (`Actions::vm_alone`) takes its last read of the VM, as it takes the VM's page's.
        let mut seen = self.seen.borrow_mut();
        for vm in &vms {
            seen.read(sent, vm);
        }
        Ok(vms)
    }

    fn read_ahead(&self, page: FirstReads) {
        for path in first_paths(page) {
            self.http.read_ahead(&path);
        }
    }

    async fn get_vm(&self, id: &str) -> Result<Vm, ApiError> {
        let sent = Utc::now();
        let (vm_path, disks_path) = (vm_path(id), disks_path(id));
        let (vm, disks) = futures::join!(self.fetch(&vm_path), self.fetch(&disks_path));
        let (vm, disks) = (vm?, disks?);
        let mut parsed = parse_vm(self.format, &vm.url, &vm.body)?;
        parsed.disks = parse_disk_attachments(self.format, &disks.url, &disks.body)?;
        let vm = self.with_operation(parsed).await;
        self.seen.borrow_mut().read(sent, &vm);
        Ok(vm)
    }

    async fn list_snapshots(&self, vm_id: &str) -> Result<Vec<Snapshot>, ApiError> {
        let resp = self.fetch(&snapshots_path(vm_id)).await?;
        let list = parse_snapshots(self.format, &resp.url, &resp.body)?;
        self.recent
            .borrow_mut()
            .insert(vm_id.to_string(), (Utc::now(), list.clone()));
        Ok(list)
    }

    async fn get_snapshots(
        &self,
        vm_id: &str,
        ids: &[String],
    ) -> Result<Vec<(String, Option<Snapshot>)>, ApiError> {
        let asks = ids.iter().map(|id| async move {
            let path = format!("/vms/{vm_id}/snapshots/{id}?follow=disks");
            match self.fetch(&path).await {
                Ok(resp) => Ok((
                    id.clone(),
                    Some(parse_snapshot(self.format, &resp.url, &resp.body)?),
                )),
                Err(ApiError::Backend { status: 404, .. }) => Ok((id.clone(), None)),
                Err(e) => Err(e),
            }
        });
        let read: Vec<(String, Option<Snapshot>)> = futures::future::join_all(asks)
            .await
            .into_iter()
            .collect::<Result<_, _>>()?;
        self.remember(vm_id, &read);
        Ok(read)
    }

    fn polls_one_by_one(&self) -> bool {
        true
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::ovirt()
    }

    async fn snapshot_config(&self, vm: &Vm, snapshot: &Snapshot) -> Result<VmConfig, ApiError> {
        // The engine embeds the configuration in every snapshot of the list, but its NICs only
        // in the snapshot's own `nics`.
        let mut config = snapshot.config.clone().ok_or_else(|| {
            ApiError::Unsupported("The engine did not include the configuration.".into())
        })?;
        let path = format!(
            "/vms/{}/snapshots/{}/nics?follow=vnic_profile",
            vm.id, snapshot.id
        );
        if let Ok(resp) = self.fetch(&path).await {
            config.nics = parse_nics(self.format, &resp.url, &resp.body).ok();
        }
        Ok(config)
    }

    async fn vm_nics(&self, vm: &Vm) -> Result<Option<Vec<String>>, ApiError> {
        let resp = self
            .fetch(&format!("/vms/{}/nics?follow=vnic_profile", vm.id))
            .await?;
        parse_nics(self.format, &resp.url, &resp.body).map(Some)
    }

    async fn preview_sources(&self, vm: &Vm) -> Result<PreviewSources, ApiError> {
        let resp = self
            .fetch(&format!("/vms/{}/snapshots?follow=disks", vm.id))
            .await?;
        parse_preview_sources(self.format, &resp.url, &resp.body, vm)
    }

    async fn list_schedules(&self, vm_id: &str) -> Result<Vec<Schedule>, ApiError> {
        match self.fetch(&schedules_path(vm_id)).await {
            Ok(resp) => parse_schedules(self.format, &resp.url, &resp.body),
            Err(ApiError::Backend { status: 404, .. }) => {
                Err(super::no_schedules(BackendKind::Ovirt))
            }
            Err(e) => Err(e),
        }
    }

    fn into_any(self: std::rc::Rc<Self>) -> std::rc::Rc<dyn std::any::Any> {
        self
    }
}

/// The GETs `page` makes first, below the API base (what [`Backend::read_ahead`] sends, and what
/// the page's boot script sends before the wasm has loaded: `public/read-ahead.js`).
pub fn first_paths(page: FirstReads) -> Vec<String> {
    match page {
        FirstReads::Vms => vec!["/vms".to_string()],
        FirstReads::Tab(id) => vec![
            vm_path(id),
            disks_path(id),
            snapshots_path(id),
            schedules_path(id),
        ],
    }
}

/// The `Accept` of each body format.
pub fn accept(format: Format) -> &'static str {
    match format {
        Format::Xml => "application/xml",
        Format::Json => "application/json",
    }
}

/// A VM.
fn vm_path(vm_id: &str) -> String {
    format!("/vms/{vm_id}")
}

/// A VM's disks, with each disk's own attributes.
fn disks_path(vm_id: &str) -> String {
    format!("/vms/{vm_id}/diskattachments?follow=disk")
}

/// A VM's snapshots, with their disks (the whole list).
fn snapshots_path(vm_id: &str) -> String {
    format!("/vms/{vm_id}/snapshots?follow=disks")
}

/// A VM's snapshot schedules (the development backend's extension resource).
fn schedules_path(vm_id: &str) -> String {
    format!("/vms/{vm_id}/snapshotschedules")
}
