//! The oVirt REST API v4 adapter (`…/ovirt-engine/api`), in XML or its JSON form.

pub mod map;
pub mod tree;
pub mod write;

use super::http::{Http, Response};
use super::{ApiError, Backend};
use crate::config::{Config, Format};
use crate::model::{BackendKind, Snapshot, SnapshotDisk, Vm, VmDisk};
use async_trait::async_trait;
use tree::Tree;

/// Parses `$body` in `$format` and evaluates `$e` with `$root` bound to the root node, which is
/// a `roxmltree::Node` or a `&serde_json::Value`: the mapping rules are generic over [`Tree`].
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
                let value: serde_json::Value = serde_json::from_str($body)
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

/// `GET vms/{id}/snapshots[?follow=disks]`: the user snapshots only.
pub fn parse_snapshots(format: Format, url: &str, body: &str) -> Result<Vec<Snapshot>, ApiError> {
    with_root!(format, url, body, "snapshots", |root| Ok(
        map::user_snapshots(root)
    ))
}

/// `GET vms/{id}/snapshots/{sid}/disks` (or any `<disks>` collection).
pub fn parse_disks(format: Format, url: &str, body: &str) -> Result<Vec<SnapshotDisk>, ApiError> {
    with_root!(format, url, body, "disks", |root| Ok(root
        .items("disk")
        .into_iter()
        .map(map::snapshot_disk)
        .collect()))
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
        serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| map::fault(&v))
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
}

impl OvirtBackend {
    pub fn new(config: &Config) -> Self {
        let accept = match config.format {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        };
        OvirtBackend {
            http: Http::new(&config.api, config.token.clone(), accept),
            format: config.format,
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
        let resp = self.fetch("/vms").await?;
        parse_vms(self.format, &resp.url, &resp.body)
    }

    async fn get_vm(&self, id: &str) -> Result<Vm, ApiError> {
        let vm_path = format!("/vms/{id}");
        let disks_path = format!("/vms/{id}/diskattachments?follow=disk");
        let (vm, disks) = futures::join!(self.fetch(&vm_path), self.fetch(&disks_path));
        let (vm, disks) = (vm?, disks?);
        let mut parsed = parse_vm(self.format, &vm.url, &vm.body)?;
        parsed.disks = parse_disk_attachments(self.format, &disks.url, &disks.body)?;
        Ok(parsed)
    }

    async fn list_snapshots(&self, vm_id: &str) -> Result<Vec<Snapshot>, ApiError> {
        let resp = self
            .fetch(&format!("/vms/{vm_id}/snapshots?follow=disks"))
            .await?;
        parse_snapshots(self.format, &resp.url, &resp.body)
    }
}
