//! The Kubernetes API with KubeVirt: `kubevirt.io/v1` VirtualMachines and
//! `snapshot.kubevirt.io/v1beta1` VirtualMachineSnapshots, JSON only.

use crate::world::{KubeSnapshot, KubeVm, VolumeSource};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/kubevirt.io/v1/namespaces/{ns}/virtualmachines",
            get(list_vms),
        )
        .route(
            "/kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}",
            get(get_vm),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshots",
            get(list_snapshots),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshots/{name}",
            get(get_snapshot),
        )
        .fallback(|| async {
            status_error(
                StatusCode::NOT_FOUND,
                "NotFound",
                "the server could not find the requested resource",
                None,
            )
        })
}

fn ts(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn json_ok(v: Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response()
}

/// A `metav1.Status` failure, as every Kubernetes API error is.
pub fn status_error(
    code: StatusCode,
    reason: &str,
    message: &str,
    details: Option<Value>,
) -> Response {
    let mut body = json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code.as_u16(),
    });
    if let Some(d) = details {
        body["details"] = d;
    }
    (
        code,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn not_found(resource: &str, group: &str, name: &str) -> Response {
    status_error(
        StatusCode::NOT_FOUND,
        "NotFound",
        &format!("{resource}.{group} \"{name}\" not found"),
        Some(json!({ "name": name, "group": group, "kind": resource })),
    )
}

pub fn vm_json(vm: &KubeVm) -> Value {
    let running = vm.printable_status == "Running";
    let disks: Vec<Value> = vm
        .volumes
        .iter()
        .map(|v| json!({ "name": v.name, "disk": { "bus": "virtio" } }))
        .collect();
    let volumes: Vec<Value> = vm
        .volumes
        .iter()
        .map(|v| match &v.source {
            VolumeSource::DataVolume { name, .. } => {
                json!({ "name": v.name, "dataVolume": { "name": name } })
            }
            VolumeSource::ContainerDisk { image } => {
                json!({ "name": v.name, "containerDisk": { "image": image } })
            }
            VolumeSource::CloudInit => {
                json!({ "name": v.name, "cloudInitNoCloud": { "userData": "#cloud-config\n" } })
            }
        })
        .collect();
    let templates: Vec<Value> = vm
        .volumes
        .iter()
        .filter_map(|v| match &v.source {
            VolumeSource::DataVolume { name, size } => Some(json!({
                "metadata": { "name": name },
                "spec": {
                    "sourceRef": { "kind": "DataSource", "name": vm.os, "namespace": "openshift-virtualization-os-images" },
                    "storage": { "resources": { "requests": { "storage": size } } }
                }
            })),
            _ => None,
        })
        .collect();
    let mut conditions = vec![json!({
        "type": "Ready",
        "status": if running { "True" } else { "False" },
        "lastProbeTime": null,
        "lastTransitionTime": ts(vm.created),
    })];
    if running && vm.agent_connected {
        conditions.push(json!({
            "type": "AgentConnected",
            "status": "True",
            "lastProbeTime": ts(vm.created),
            "lastTransitionTime": null,
        }));
    }
    let snapshot_statuses: Vec<Value> = vm
        .volumes
        .iter()
        .map(|v| match &v.not_snapshottable {
            None => json!({ "name": v.name, "enabled": true }),
            Some(reason) => json!({ "name": v.name, "enabled": false, "reason": reason }),
        })
        .collect();
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {
            "name": vm.name,
            "namespace": vm.namespace,
            "uid": vm.uid,
            "creationTimestamp": ts(vm.created),
            "annotations": { "vm.kubevirt.io/os": vm.os },
            "labels": { "kubevirt.io/vm": vm.name },
        },
        "spec": {
            "runStrategy": if running { "Always" } else { "Halted" },
            "dataVolumeTemplates": templates,
            "template": {
                "metadata": { "labels": { "kubevirt.io/domain": vm.name } },
                "spec": {
                    "domain": {
                        "cpu": { "cores": vm.cores, "sockets": 1, "threads": 1 },
                        "memory": { "guest": vm.memory },
                        "devices": {
                            "disks": disks,
                            "interfaces": [ { "name": "default", "masquerade": {} } ]
                        }
                    },
                    "networks": [ { "name": "default", "pod": {} } ],
                    "volumes": volumes,
                }
            }
        },
        "status": {
            "printableStatus": vm.printable_status,
            "ready": running,
            "created": running,
            "conditions": conditions,
            "volumeSnapshotStatuses": snapshot_statuses,
        }
    })
}

pub fn snapshot_json(s: &KubeSnapshot) -> Value {
    let done = s.phase != "InProgress";
    let (progressing_reason, ready_reason) = match s.phase.as_str() {
        "Succeeded" => ("Operation complete", "Operation complete"),
        "Failed" => ("In error state", "Not ready"),
        _ => ("Source not locked", "Not ready"),
    };
    let mut annotations = serde_json::Map::new();
    if let Some(d) = &s.description {
        annotations.insert("description".into(), Value::String(d.clone()));
    }
    let mut status = json!({
        "conditions": [
            { "type": "Progressing", "status": if done { "False" } else { "True" }, "reason": progressing_reason, "lastProbeTime": null, "lastTransitionTime": ts(s.created) },
            { "type": "Ready", "status": if s.ready { "True" } else { "False" }, "reason": ready_reason, "lastProbeTime": null, "lastTransitionTime": ts(s.created) },
        ],
        "phase": s.phase,
        "readyToUse": s.ready,
        "sourceUID": s.vm_uid,
        "indications": s.indications.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>(),
        "sourceIndications": s.indications.iter().map(|(i, m)| json!({ "indication": i, "message": m })).collect::<Vec<_>>(),
        "virtualMachineSnapshotContentName": format!("vmsnapshot-content-{}", s.uid),
    });
    if s.ready {
        status["creationTime"] = Value::String(ts(s.created));
        status["snapshotVolumes"] =
            json!({ "includedVolumes": s.included, "excludedVolumes": s.excluded });
    }
    if let Some(message) = &s.error {
        status["error"] = json!({ "message": message, "time": ts(s.created) });
    }
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshot",
        "metadata": {
            "name": s.name,
            "namespace": s.namespace,
            "uid": s.uid,
            "creationTimestamp": ts(s.created),
            "annotations": annotations,
            "finalizers": [ "snapshot.kubevirt.io/vmsnapshot-protection" ],
            "ownerReferences": [ { "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": s.vm, "uid": s.vm_uid, "blockOwnerDeletion": false } ],
        },
        "spec": {
            "source": { "apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": s.vm },
            "failureDeadline": "5m",
        },
        "status": status,
    })
}

fn list(kind: &str, api_version: &str, items: Vec<Value>) -> Value {
    json!({ "apiVersion": api_version, "kind": kind, "metadata": { "resourceVersion": "1" }, "items": items })
}

async fn list_vms(State(app): State<AppState>, Path(ns): Path<String>) -> Response {
    let world = app.world();
    let items = world
        .kube_vms
        .iter()
        .filter(|v| v.namespace == ns)
        .map(vm_json)
        .collect();
    json_ok(list("VirtualMachineList", "kubevirt.io/v1", items))
}

async fn get_vm(State(app): State<AppState>, Path((ns, name)): Path<(String, String)>) -> Response {
    let world = app.world();
    match world
        .kube_vms
        .iter()
        .find(|v| v.namespace == ns && v.name == name)
    {
        Some(vm) => json_ok(vm_json(vm)),
        None => not_found("virtualmachines", "kubevirt.io", &name),
    }
}

async fn list_snapshots(State(app): State<AppState>, Path(ns): Path<String>) -> Response {
    let world = app.world();
    let items = world
        .kube_snapshots
        .iter()
        .filter(|s| s.namespace == ns)
        .map(snapshot_json)
        .collect();
    json_ok(list(
        "VirtualMachineSnapshotList",
        "snapshot.kubevirt.io/v1beta1",
        items,
    ))
}

async fn get_snapshot(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    let world = app.world();
    match world
        .kube_snapshots
        .iter()
        .find(|s| s.namespace == ns && s.name == name)
    {
        Some(s) => json_ok(snapshot_json(s)),
        None => not_found("virtualmachinesnapshots", "snapshot.kubevirt.io", &name),
    }
}
