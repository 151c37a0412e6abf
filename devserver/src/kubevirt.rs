//! The Kubernetes API with KubeVirt: `kubevirt.io/v1` VirtualMachines and
//! `snapshot.kubevirt.io/v1beta1` VirtualMachineSnapshots, JSON only.

use crate::ops::{quantity, Refusal, RestorePolicy};
use crate::schedules::ScheduleSpec;
use crate::watch::{self, Kind, ListQuery};
use crate::world::{
    DevSchedule, Held, KubeClone, KubeRestore, KubeSnapshot, KubeVm, KubeVolume, Nic, ScheduleApi,
    VolumeSource, World,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
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
            "/kubevirt.io/v1/namespaces/{ns}/virtualmachineinstances/{name}",
            get(get_vmi),
        )
        .route(
            "/subresources.kubevirt.io/v1/namespaces/{ns}/virtualmachines/{name}/{verb}",
            put(vm_verb),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshots",
            get(list_snapshots).post(create_snapshot),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshots/{name}",
            get(get_snapshot).delete(delete_snapshot),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinerestores",
            get(list_restores).post(create_restore),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinerestores/{name}",
            get(get_restore).delete(delete_restore),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshotcontents/{name}",
            get(get_content),
        )
        .route(
            "/snapshot.storage.k8s.io/v1/namespaces/{ns}/volumesnapshots",
            get(list_volume_snapshots),
        )
        .route(
            "/snapshot.storage.k8s.io/v1/namespaces/{ns}/volumesnapshots/{name}",
            get(get_volume_snapshot),
        )
        .route(
            "/clone.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachineclones",
            get(list_clones).post(create_clone),
        )
        .route(
            "/clone.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachineclones/{name}",
            get(get_clone),
        )
        .route(
            "/template.openshift.io/v1/namespaces/{ns}/templates",
            get(list_templates).post(create_template),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshotschedules",
            get(list_schedules).post(create_schedule),
        )
        .route(
            "/snapshot.kubevirt.io/v1beta1/namespaces/{ns}/virtualmachinesnapshotschedules/{name}",
            get(get_schedule)
                .put(update_schedule)
                .delete(delete_schedule),
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

/// A VM as the API shows it, with the operations under way in `world`.
pub fn vm_in(world: &World, vm: &KubeVm) -> Value {
    let mut v = vm_json(vm);
    set_nics(&mut v, &world.kube_nics(&vm.uid));
    if let Some(s) = world.kube_snapshot_in_progress(&vm.namespace, &vm.name) {
        v["status"]["snapshotInProgress"] = Value::String(s);
    }
    if let Some(r) = world.kube_restore_in_progress(&vm.namespace, &vm.name) {
        v["status"]["restoreInProgress"] = Value::String(r);
    }
    v
}

/// A VM object's interfaces and networks: `pod` is the pod network, any other a Multus one.
fn set_nics(v: &mut Value, nics: &[Nic]) {
    let interfaces: Vec<Value> = nics
        .iter()
        .map(|n| match n.network.as_str() {
            "pod" => json!({ "name": n.name, "masquerade": {} }),
            _ => json!({ "name": n.name, "bridge": {} }),
        })
        .collect();
    let networks: Vec<Value> = nics
        .iter()
        .map(|n| match n.network.as_str() {
            "pod" => json!({ "name": n.name, "pod": {} }),
            net => json!({ "name": n.name, "multus": { "networkName": net } }),
        })
        .collect();
    if let Some(spec) = v.pointer_mut("/spec/template/spec") {
        spec["domain"]["devices"]["interfaces"] = json!(interfaces);
        spec["networks"] = json!(networks);
    }
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
    let mut conditions = vec![
        json!({ "type": "Progressing", "status": if done { "False" } else { "True" }, "reason": progressing_reason, "lastProbeTime": null, "lastTransitionTime": ts(s.created) }),
        json!({ "type": "Ready", "status": if s.ready { "True" } else { "False" }, "reason": ready_reason, "lastProbeTime": null, "lastTransitionTime": ts(s.created) }),
    ];
    if s.deadline_exceeded {
        // As KubeVirt's snapshot controller marks a snapshot past its failureDeadline.
        conditions[0]["reason"] = json!("Operation failed");
        conditions.insert(0, json!({ "type": "Failure", "status": "True", "reason": "snapshot deadline exceeded", "lastProbeTime": null, "lastTransitionTime": ts(s.created) }));
    }
    let mut status = json!({
        "conditions": conditions,
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
            "failureDeadline": s.deadline.as_deref().unwrap_or("5m0s"),
        },
        "status": status,
    })
}

fn list(kind: &str, api_version: &str, items: Vec<Value>) -> Value {
    json!({ "apiVersion": api_version, "kind": kind, "metadata": { "resourceVersion": "1" }, "items": items })
}

async fn list_vms(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "kubevirt.io/v1",
        kind: "VirtualMachine",
    };
    fn render(world: &World, ns: &str) -> Vec<Value> {
        world
            .kube_vms
            .iter()
            .filter(|v| v.namespace == ns)
            .map(|v| vm_in(world, v))
            .collect()
    }
    watch::serve(app, format!("{ns}/virtualmachines"), &KIND, q, render, ns)
}

async fn get_vm(State(app): State<AppState>, Path((ns, name)): Path<(String, String)>) -> Response {
    let world = app.world();
    match world
        .kube_vms
        .iter()
        .find(|v| v.namespace == ns && v.name == name)
    {
        Some(vm) => json_ok(vm_in(&world, vm)),
        None => not_found("virtualmachines", "kubevirt.io", &name),
    }
}

async fn list_snapshots(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "snapshot.kubevirt.io/v1beta1",
        kind: "VirtualMachineSnapshot",
    };
    fn render(world: &World, ns: &str) -> Vec<Value> {
        world
            .kube_snapshots
            .iter()
            .filter(|s| s.namespace == ns)
            .map(snapshot_json)
            .collect()
    }
    watch::serve(
        app,
        format!("{ns}/virtualmachinesnapshots"),
        &KIND,
        q,
        render,
        ns,
    )
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

// ---- changes ----

fn refused(r: Refusal) -> Response {
    status_error(
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST),
        &r.reason,
        &r.detail,
        None,
    )
}

fn created(v: Value) -> Response {
    (
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        v.to_string(),
    )
        .into_response()
}

/// The posted object, or the 400 a malformed one gets.
fn object(text: &str) -> Result<Value, Refusal> {
    serde_json::from_str::<Value>(text).map_err(|e| Refusal {
        status: 400,
        reason: "BadRequest".into(),
        detail: format!("the object provided is unrecognized: {e}"),
    })
}

/// A Kubernetes duration (Go's `time.Duration` text: `5m`, `1h30m`, `90s`, `0s`, `500ms`) in
/// whole seconds, or `None` when it is not one.
pub fn go_duration_seconds(text: &str) -> Option<i64> {
    if text == "0" {
        return Some(0);
    }
    let mut rest = text;
    let mut millis: i64 = 0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        if digits == 0 {
            return None;
        }
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let per = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => return None,
        };
        millis = millis.checked_add(n.checked_mul(per)?)?;
        rest = &rest[unit_len..];
    }
    Some(millis / 1000)
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))
        .and_then(|v| v.as_str())
        .unwrap_or("")
}

async fn create_snapshot(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    text: String,
) -> Response {
    let v = match object(&text) {
        Ok(v) => v,
        Err(r) => return refused(r),
    };
    let name = str_at(&v, &["metadata", "name"]).to_string();
    let vm = str_at(&v, &["spec", "source", "name"]).to_string();
    let description = v["metadata"]["annotations"]["description"]
        .as_str()
        .map(str::to_string);
    let deadline = match v["spec"].get("failureDeadline") {
        None | Some(Value::Null) => None,
        Some(d) => match d.as_str().and_then(go_duration_seconds) {
            Some(seconds) => Some((d.as_str().unwrap_or_default().to_string(), seconds)),
            None => {
                return status_error(
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    &format!("VirtualMachineSnapshot in version \"v1beta1\" cannot be handled as a VirtualMachineSnapshot: spec.failureDeadline: time: invalid duration {d}"),
                    None,
                )
            }
        },
    };
    match app.mutate(|w, now, t| {
        let s = w.kube_create_snapshot(&ns, &name, &vm, description, now, t)?;
        if let Some((text, seconds)) = &deadline {
            w.kube_snapshot_deadline(&ns, &name, text, *seconds, now);
        }
        Ok(w.kube_snapshots
            .iter()
            .find(|x| x.namespace == ns && x.name == s.name)
            .cloned()
            .unwrap_or(s))
    }) {
        Ok(s) => created(snapshot_json(&s)),
        Err(r) => refused(r),
    }
}

async fn delete_snapshot(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    match app.mutate(|w, _, _| w.kube_delete_snapshot(&ns, &name)) {
        Ok(s) => json_ok(snapshot_json(&s)),
        Err(r) => refused(r),
    }
}

pub fn restore_json(r: &KubeRestore) -> Value {
    let reason = if r.complete {
        "Operation complete"
    } else {
        "Restoring"
    };
    let mut status = json!({
        "complete": r.complete,
        "conditions": [
            { "type": "Progressing", "status": if r.complete { "False" } else { "True" }, "reason": reason, "lastProbeTime": null, "lastTransitionTime": ts(r.created) },
            { "type": "Ready", "status": if r.complete { "True" } else { "False" }, "reason": reason, "lastProbeTime": null, "lastTransitionTime": ts(r.created) },
        ],
    });
    if let Some(t) = r.restore_time {
        status["restoreTime"] = Value::String(ts(t));
    }
    let mut spec = json!({
        "target": { "apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": r.vm },
        "virtualMachineSnapshotName": r.snapshot,
    });
    if let Some(p) = &r.readiness_policy {
        spec["targetReadinessPolicy"] = json!(p);
    }
    if let Some(p) = &r.volume_policy {
        spec["volumeRestorePolicy"] = json!(p);
    }
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineRestore",
        "metadata": {
            "name": r.name, "namespace": r.namespace, "uid": r.uid, "creationTimestamp": ts(r.created),
            "ownerReferences": [ { "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": r.vm, "uid": r.vm_uid, "controller": true, "blockOwnerDeletion": true } ],
        },
        "spec": spec,
        "status": status,
    })
}

async fn list_restores(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "snapshot.kubevirt.io/v1beta1",
        kind: "VirtualMachineRestore",
    };
    fn render(world: &World, ns: &str) -> Vec<Value> {
        world
            .kube_restores
            .iter()
            .filter(|r| r.namespace == ns)
            .map(restore_json)
            .collect()
    }
    watch::serve(
        app,
        format!("{ns}/virtualmachinerestores"),
        &KIND,
        q,
        render,
        ns,
    )
}

async fn get_restore(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    match app
        .world()
        .kube_restores
        .iter()
        .find(|r| r.namespace == ns && r.name == name)
    {
        Some(r) => json_ok(restore_json(r)),
        None => not_found("virtualmachinerestores", "snapshot.kubevirt.io", &name),
    }
}

async fn create_restore(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    text: String,
) -> Response {
    let v = match object(&text) {
        Ok(v) => v,
        Err(r) => return refused(r),
    };
    let name = str_at(&v, &["metadata", "name"]).to_string();
    let vm = str_at(&v, &["spec", "target", "name"]).to_string();
    let snapshot = str_at(&v, &["spec", "virtualMachineSnapshotName"]).to_string();
    let policy = RestorePolicy {
        readiness: v["spec"]["targetReadinessPolicy"]
            .as_str()
            .map(str::to_string),
        volumes: v["spec"]["volumeRestorePolicy"]
            .as_str()
            .map(str::to_string),
    };
    match app
        .mutate(|w, now, t| w.kube_create_restore_with(&ns, &name, &vm, &snapshot, &policy, now, t))
    {
        Ok(r) => created(restore_json(&r)),
        Err(r) => refused(r),
    }
}

async fn delete_restore(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    match app.mutate(|w, _, _| w.kube_delete_restore(&ns, &name)) {
        Ok(r) => json_ok(restore_json(&r)),
        Err(r) => refused(r),
    }
}

pub fn clone_json(c: &KubeClone) -> Value {
    let done = c.phase == "Succeeded";
    let ended = done || c.phase == "Failed";
    // A failed clone's conditions carry why, as the clone controller's do.
    let message = match (&c.failure, c.phase.as_str()) {
        (Some(why), "Failed") => why.clone(),
        _ => String::new(),
    };
    let mut status = json!({
        "creationTime": ts(c.created),
        "phase": c.phase,
        "conditions": [
            { "type": "Progressing", "status": if ended { "False" } else { "True" }, "lastProbeTime": null, "lastTransitionTime": ts(c.created), "reason": c.phase, "message": message },
            { "type": "Ready", "status": if done { "True" } else { "False" }, "lastProbeTime": null, "lastTransitionTime": ts(c.created), "reason": c.phase, "message": message },
        ],
    });
    if c.phase != "SnapshotInProgress" && c.phase != "Failed" {
        status["targetName"] = Value::String(c.target.clone());
    }
    json!({
        "apiVersion": "clone.kubevirt.io/v1beta1",
        "kind": "VirtualMachineClone",
        "metadata": { "name": c.name, "namespace": c.namespace, "uid": c.uid, "creationTimestamp": ts(c.created) },
        "spec": {
            "source": { "apiGroup": "snapshot.kubevirt.io", "kind": "VirtualMachineSnapshot", "name": c.snapshot },
            "target": { "apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": c.target },
        },
        "status": status,
    })
}

async fn list_clones(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "clone.kubevirt.io/v1beta1",
        kind: "VirtualMachineClone",
    };
    fn render(world: &World, ns: &str) -> Vec<Value> {
        world
            .kube_clones
            .iter()
            .filter(|c| c.namespace == ns)
            .map(clone_json)
            .collect()
    }
    watch::serve(
        app,
        format!("{ns}/virtualmachineclones"),
        &KIND,
        q,
        render,
        ns,
    )
}

async fn get_clone(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    match app
        .world()
        .kube_clones
        .iter()
        .find(|c| c.namespace == ns && c.name == name)
    {
        Some(c) => json_ok(clone_json(c)),
        None => not_found("virtualmachineclones", "clone.kubevirt.io", &name),
    }
}

async fn create_clone(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    text: String,
) -> Response {
    let v = match object(&text) {
        Ok(v) => v,
        Err(r) => return refused(r),
    };
    if str_at(&v, &["spec", "source", "kind"]) != "VirtualMachineSnapshot" {
        return status_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid",
            "the development backend clones from VirtualMachineSnapshots only",
            None,
        );
    }
    let name = str_at(&v, &["metadata", "name"]).to_string();
    let snapshot = str_at(&v, &["spec", "source", "name"]).to_string();
    let target = str_at(&v, &["spec", "target", "name"]).to_string();
    // Patches as JSON text: a description annotation and a run strategy are understood.
    let mut description = None;
    let mut start = false;
    for p in v["spec"]["patches"].as_array().into_iter().flatten() {
        let Some(patch) = p
            .as_str()
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
        else {
            continue;
        };
        match patch["path"].as_str() {
            Some("/metadata/annotations") => {
                description = patch["value"]["description"].as_str().map(str::to_string)
            }
            Some("/spec/runStrategy") => start = patch["value"] == "Always",
            _ => {}
        }
    }
    match app.mutate(|w, now, t| {
        w.kube_create_clone(&ns, &name, &snapshot, &target, description, start, now, t)
    }) {
        Ok(c) => created(clone_json(&c)),
        Err(r) => refused(r),
    }
}

async fn get_vmi(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    let world = app.world();
    match world
        .kube_vm(&ns, &name)
        .filter(|v| v.printable_status == "Running")
    {
        Some(vm) => {
            let mut conditions = vec![
                json!({ "type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": ts(vm.created) }),
            ];
            if vm.agent_connected {
                conditions.push(json!({ "type": "AgentConnected", "status": "True", "lastProbeTime": null, "lastTransitionTime": ts(vm.created) }));
            }
            // The instance runs the VM's template: its spec is the template's.
            let spec = vm_json(vm)["spec"]["template"]["spec"].take();
            json_ok(json!({
                "apiVersion": "kubevirt.io/v1",
                "kind": "VirtualMachineInstance",
                "metadata": {
                    "name": vm.name, "namespace": vm.namespace, "uid": vmi_uid(&vm.uid),
                    "creationTimestamp": ts(vm.created),
                    "labels": { "kubevirt.io/domain": vm.name },
                    "ownerReferences": [ { "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": vm.name, "uid": vm.uid, "controller": true, "blockOwnerDeletion": true } ],
                },
                "spec": spec,
                "status": { "phase": "Running", "conditions": conditions },
            }))
        }
        None => not_found("virtualmachineinstances", "kubevirt.io", &name),
    }
}

/// A running instance's uid: the VM's with its first group changed, so that it stays one per VM
/// and UUID-shaped.
fn vmi_uid(vm_uid: &str) -> String {
    match vm_uid.split_once('-') {
        Some((_, rest)) => format!("5e55a1ce-{rest}"),
        None => format!("5e55a1ce-{vm_uid}"),
    }
}

async fn vm_verb(
    State(app): State<AppState>,
    Path((ns, name, verb)): Path<(String, String, String)>,
) -> Response {
    let running = match verb.as_str() {
        "start" => true,
        "stop" => false,
        _ => {
            return status_error(
                StatusCode::NOT_FOUND,
                "NotFound",
                "the server could not find the requested resource",
                None,
            )
        }
    };
    match app.mutate(|w, _, _| w.kube_set_running(&ns, &name, running)) {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(r) => refused(r),
    }
}

async fn list_templates(State(app): State<AppState>, Path(ns): Path<String>) -> Response {
    let world = app.world();
    let items = world
        .kube_templates
        .iter()
        .filter(|t| t["metadata"]["namespace"] == ns.as_str())
        .cloned()
        .collect();
    json_ok(list("TemplateList", "template.openshift.io/v1", items))
}

async fn create_template(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    text: String,
) -> Response {
    let mut v = match object(&text) {
        Ok(v) => v,
        Err(r) => return refused(r),
    };
    let name = str_at(&v, &["metadata", "name"]).to_string();
    if v["kind"] != "Template" || name.is_empty() {
        return status_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid",
            "Template.template.openshift.io is invalid: metadata.name: Required value",
            None,
        );
    }
    let result = app.mutate(|w, now, _| {
        if w.kube_templates.iter().any(|t| {
            t["metadata"]["name"] == name.as_str() && t["metadata"]["namespace"] == ns.as_str()
        }) {
            return Err(Refusal {
                status: 409,
                reason: "AlreadyExists".into(),
                detail: format!("templates.template.openshift.io \"{name}\" already exists"),
            });
        }
        v["metadata"]["namespace"] = Value::String(ns.clone());
        v["metadata"]["creationTimestamp"] = Value::String(ts(now));
        w.kube_templates.push(v.clone());
        Ok(v)
    });
    match result {
        Ok(v) => created(v),
        Err(r) => refused(r),
    }
}

/// The `VirtualMachineSnapshotContent` of a ready snapshot: the VM it holds and a volume
/// snapshot per included DataVolume.
pub fn content_json(s: &KubeSnapshot, now: &KubeVm, held: Option<&Held>, nics: &[Nic]) -> Value {
    // The VM as the snapshot holds it: its CPUs, memory, volume sizes and interfaces then.
    let then = held.map(|h| KubeVm {
        cores: h.cores,
        memory: quantity(h.memory_bytes),
        volumes: now
            .volumes
            .iter()
            .map(
                |v| match (&v.source, h.disk_sizes.iter().find(|(n, _)| n == &v.name)) {
                    (VolumeSource::DataVolume { name, .. }, Some((_, size))) => KubeVolume {
                        source: VolumeSource::DataVolume {
                            name: name.clone(),
                            size: quantity(*size),
                        },
                        ..v.clone()
                    },
                    _ => v.clone(),
                },
            )
            .collect(),
        ..now.clone()
    });
    let vm = then.as_ref().unwrap_or(now);
    let backups: Vec<Value> = vm
        .volumes
        .iter()
        .filter(|v| s.included.contains(&v.name))
        .filter_map(|v| match &v.source {
            VolumeSource::DataVolume { name, size } => Some(json!({
                "volumeName": v.name,
                "persistentVolumeClaim": {
                    "metadata": { "name": name, "namespace": s.namespace },
                    "spec": { "accessModes": ["ReadWriteOnce"], "resources": { "requests": { "storage": size } }, "volumeMode": "Block" },
                },
                "volumeSnapshotName": format!("vmsnapshot-{}-volume-{}", s.uid, v.name),
            })),
            _ => None,
        })
        .collect();
    let mut source = vm_json(vm);
    set_nics(&mut source, held.map(|h| h.nics.as_slice()).unwrap_or(nics));
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshotContent",
        "metadata": { "name": format!("vmsnapshot-content-{}", s.uid), "namespace": s.namespace, "creationTimestamp": ts(s.created) },
        "spec": {
            "virtualMachineSnapshotName": s.name,
            "source": { "virtualMachine": { "metadata": source["metadata"], "spec": source["spec"], "status": {} } },
            "volumeBackups": backups,
        },
        "status": { "creationTime": ts(s.created), "readyToUse": s.ready },
    })
}

async fn get_content(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    let world = app.world();
    let found = world
        .kube_snapshots
        .iter()
        .filter(|s| s.namespace == ns && s.ready)
        .find(|s| format!("vmsnapshot-content-{}", s.uid) == name)
        .and_then(|s| {
            world
                .kube_vm(&ns, &s.vm)
                .map(|vm| content_json(s, vm, world.held.get(&s.uid), &world.kube_nics(&vm.uid)))
        });
    match found {
        Some(v) => json_ok(v),
        None => not_found(
            "virtualmachinesnapshotcontents",
            "snapshot.kubevirt.io",
            &name,
        ),
    }
}

/// The CSI VolumeSnapshots a finished snapshot made, one per included DataVolume volume, owned
/// by its content as KubeVirt's snapshot controller makes them. `restoreSize` is the volume's
/// size when the snapshot was taken.
pub fn volume_snapshots_json(s: &KubeSnapshot, now: &KubeVm, held: Option<&Held>) -> Vec<Value> {
    now.volumes
        .iter()
        .filter(|v| s.included.contains(&v.name))
        .filter_map(|v| {
            let VolumeSource::DataVolume { name, size } = &v.source else {
                return None;
            };
            let size = held
                .and_then(|h| h.disk_sizes.iter().find(|(n, _)| n == &v.name))
                .map(|(_, bytes)| quantity(*bytes))
                .unwrap_or_else(|| size.clone());
            Some(json!({
                "apiVersion": "snapshot.storage.k8s.io/v1",
                "kind": "VolumeSnapshot",
                "metadata": {
                    "name": format!("vmsnapshot-{}-volume-{}", s.uid, v.name),
                    "namespace": s.namespace,
                    "creationTimestamp": ts(s.created),
                    "ownerReferences": [ { "apiVersion": "snapshot.kubevirt.io/v1beta1", "kind": "VirtualMachineSnapshotContent", "name": format!("vmsnapshot-content-{}", s.uid), "uid": s.uid, "controller": true, "blockOwnerDeletion": true } ],
                },
                "spec": { "source": { "persistentVolumeClaimName": name }, "volumeSnapshotClassName": "csi-snapclass" },
                "status": { "readyToUse": true, "restoreSize": size, "creationTime": ts(s.created) },
            }))
        })
        .collect()
}

/// Every VolumeSnapshot of the namespace: those of its finished snapshots.
fn all_volume_snapshots(world: &World, ns: &str) -> Vec<Value> {
    world
        .kube_snapshots
        .iter()
        .filter(|s| s.namespace == ns && s.ready)
        .filter_map(|s| {
            let vm = world.kube_vm(ns, &s.vm)?;
            Some(volume_snapshots_json(s, vm, world.held.get(&s.uid)))
        })
        .flatten()
        .collect()
}

async fn get_volume_snapshot(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    let found = all_volume_snapshots(&app.world(), &ns)
        .into_iter()
        .find(|v| v["metadata"]["name"] == name.as_str());
    match found {
        Some(v) => json_ok(v),
        None => not_found("volumesnapshots", "snapshot.storage.k8s.io", &name),
    }
}

async fn list_volume_snapshots(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "snapshot.storage.k8s.io/v1",
        kind: "VolumeSnapshot",
    };
    watch::serve(
        app,
        format!("{ns}/volumesnapshots"),
        &KIND,
        q,
        all_volume_snapshots,
        ns,
    )
}

// ---- VirtualMachineSnapshotSchedule (the vm-snapshots extension, modelled on the KubeVirt sketch) ----

pub fn schedule_json(s: &DevSchedule) -> Value {
    let mut spec = json!({
        "vmSelector": { "matchLabels": { "kubevirt.io/vm": s.vm } },
        "disabled": s.paused,
        "startTime": ts(s.start),
        "timeZone": s.time_zone,
        "retention": { "maxCount": s.keep, "pinned": s.pinned },
        "snapshotTemplate": { "labels": { "snapshot.kubevirt.io/schedule": s.id } },
    });
    if let Some(rule) = &s.rule {
        spec["schedule"] = Value::String(rule.clone());
    }
    let mut status = json!({ "snapshots": s.produced });
    if let Some(t) = s.next_run {
        status["nextSnapshotTime"] = Value::String(ts(t));
    }
    if let Some(t) = s.last_run {
        status["lastSnapshotTime"] = Value::String(ts(t));
    }
    let mut metadata =
        json!({ "name": s.id, "namespace": s.namespace, "creationTimestamp": ts(s.created) });
    if !s.description.is_empty() {
        metadata["annotations"] = json!({ "description": s.description });
    }
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshotSchedule",
        "metadata": metadata,
        "spec": spec,
        "status": status,
    })
}

pub fn schedule_spec(v: &Value) -> Result<(String, ScheduleSpec), Refusal> {
    let invalid = |m: &str| Refusal {
        status: 422,
        reason: "Invalid".into(),
        detail: format!("VirtualMachineSnapshotSchedule.snapshot.kubevirt.io is invalid: {m}"),
    };
    let vm = str_at(v, &["spec", "vmSelector", "matchLabels", "kubevirt.io/vm"]).to_string();
    if vm.is_empty() {
        return Err(invalid(
            "spec.vmSelector.matchLabels[kubevirt.io/vm]: Required value",
        ));
    }
    let start = chrono::DateTime::parse_from_rfc3339(str_at(v, &["spec", "startTime"]))
        .map_err(|_| invalid("spec.startTime: Invalid value: an RFC 3339 time is required"))?
        .to_utc();
    let spec = ScheduleSpec {
        name: str_at(v, &["metadata", "name"]).to_string(),
        description: v["metadata"]["annotations"]["description"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        rule: v["spec"]["schedule"].as_str().map(str::to_string),
        time_zone: v["spec"]["timeZone"].as_str().unwrap_or("UTC").to_string(),
        start,
        keep: v["spec"]["retention"]["maxCount"].as_u64().unwrap_or(1) as u32,
        paused: v["spec"]["disabled"].as_bool().unwrap_or(false),
        memory: false,
        disks: None,
        pinned: v["spec"]["retention"]["pinned"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
    };
    Ok((vm, spec))
}

async fn list_schedules(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    static KIND: Kind = Kind {
        api_version: "snapshot.kubevirt.io/v1beta1",
        kind: "VirtualMachineSnapshotSchedule",
    };
    fn render(world: &World, ns: &str) -> Vec<Value> {
        world
            .schedules_of(ScheduleApi::Kube, ns, None)
            .into_iter()
            .map(schedule_json)
            .collect()
    }
    watch::serve(
        app,
        format!("{ns}/virtualmachinesnapshotschedules"),
        &KIND,
        q,
        render,
        ns,
    )
}

async fn get_schedule(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
) -> Response {
    let world = app.world();
    match world
        .schedules_of(ScheduleApi::Kube, &ns, None)
        .into_iter()
        .find(|s| s.id == name)
    {
        Some(s) => json_ok(schedule_json(s)),
        None => not_found(
            "virtualmachinesnapshotschedules",
            "snapshot.kubevirt.io",
            &name,
        ),
    }
}

async fn create_schedule(
    State(app): State<AppState>,
    Path(ns): Path<String>,
    text: String,
) -> Response {
    let (vm, spec) = match object(&text).and_then(|v| schedule_spec(&v)) {
        Ok(p) => p,
        Err(r) => return refused(r),
    };
    match app.mutate(|w, now, _| w.create_schedule(ScheduleApi::Kube, &ns, &vm, spec, now)) {
        Ok(s) => created(schedule_json(&s)),
        Err(r) => refused(r),
    }
}

async fn update_schedule(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
    text: String,
) -> Response {
    let (_, spec) = match object(&text).and_then(|v| schedule_spec(&v)) {
        Ok(p) => p,
        Err(r) => return refused(r),
    };
    match app.mutate(|w, now, _| w.update_schedule(ScheduleApi::Kube, &ns, &name, spec, now)) {
        Ok(s) => json_ok(schedule_json(&s)),
        Err(r) => refused(r),
    }
}

async fn delete_schedule(
    State(app): State<AppState>,
    Path((ns, name)): Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    // As with owned objects in Kubernetes: the schedule's snapshots go with it unless orphaned.
    let keep = query
        .get("propagationPolicy")
        .is_some_and(|p| p == "Orphan");
    match app.mutate(|w, now, t| w.delete_schedule(ScheduleApi::Kube, &ns, &name, keep, now, t)) {
        Ok(s) => json_ok(schedule_json(&s)),
        Err(r) => refused(r),
    }
}
