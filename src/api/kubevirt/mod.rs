//! The Kubernetes + KubeVirt adapter: `kubevirt.io/v1` VMs and `snapshot.kubevirt.io/v1beta1`
//! snapshots, JSON only.

pub mod map;
pub mod types;
pub mod write;

use super::http::{Http, Response};
use super::{ApiError, Backend};
use crate::config::Config;
use crate::model::{BackendKind, Snapshot, Vm};
use async_trait::async_trait;
use serde::de::DeserializeOwned;
use types::{List, VirtualMachine, VirtualMachineSnapshot};

pub const KUBEVIRT: &str = "/apis/kubevirt.io/v1";
pub const SNAPSHOT: &str = "/apis/snapshot.kubevirt.io/v1beta1";

/// Parses a JSON body into `T`, as a typed error when it cannot.
pub fn parse<T: DeserializeOwned>(url: &str, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body)
        .map_err(|e| ApiError::malformed(url, format!("malformed JSON ({e})")))
}

/// The error an unsuccessful answer stands for: its `Status` message where it has one.
pub fn error_from(resp: &Response) -> ApiError {
    if resp.status == 401 {
        return ApiError::Unauthorized;
    }
    let status: Option<types::Status> = serde_json::from_str(&resp.body).ok();
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

/// The KubeVirt adapter.
pub struct KubevirtBackend {
    http: Http,
    namespace: String,
}

impl KubevirtBackend {
    pub fn new(config: &Config) -> Self {
        KubevirtBackend {
            http: Http::new(&config.api, config.token.clone(), "application/json"),
            namespace: config.namespace.clone(),
        }
    }

    fn path(&self, group: &str, resource: &str) -> String {
        format!("{group}/namespaces/{}/{resource}", self.namespace)
    }

    async fn fetch<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let resp = self.http.get(path).await?;
        if !resp.is_success() {
            return Err(error_from(&resp));
        }
        resp.expect_content("json")?;
        parse(&resp.url, &resp.body)
    }
}

#[async_trait(?Send)]
impl Backend for KubevirtBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Kubevirt
    }

    async fn list_vms(&self) -> Result<Vec<Vm>, ApiError> {
        let list: List<VirtualMachine> =
            self.fetch(&self.path(KUBEVIRT, "virtualmachines")).await?;
        Ok(list.items.iter().map(map::vm).collect())
    }

    async fn get_vm(&self, id: &str) -> Result<Vm, ApiError> {
        let vm: VirtualMachine = self
            .fetch(&format!("{}/{id}", self.path(KUBEVIRT, "virtualmachines")))
            .await?;
        Ok(map::vm(&vm))
    }

    async fn list_snapshots(&self, vm_id: &str) -> Result<Vec<Snapshot>, ApiError> {
        let list: List<VirtualMachineSnapshot> = self
            .fetch(&self.path(SNAPSHOT, "virtualmachinesnapshots"))
            .await?;
        Ok(list
            .items
            .iter()
            .filter(|s| map::belongs_to(s, vm_id))
            .map(map::snapshot)
            .collect())
    }
}
