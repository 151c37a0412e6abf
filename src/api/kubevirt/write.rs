//! Request objects for the Kubernetes API, shaped as the OpenShift console's KubeVirt plugin
//! writes them (`../shared/api-samples/kubevirt/*plugin-generated*`).

use crate::model::request::{NewSnapshot, NewTemplate, NewVm, RestoreRequest};
use crate::model::schedule::Schedule;
use crate::model::Vm;
use serde_json::{json, Value};

fn owner(vm: &Vm) -> Value {
    json!([{
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "name": vm.name,
        "uid": vm.uid.clone().unwrap_or_default(),
        "blockOwnerDeletion": false,
    }])
}

fn vm_ref(name: &str) -> Value {
    json!({ "apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": name })
}

/// A `VirtualMachineSnapshot` of `vm`; the description goes to the `description` annotation.
pub fn snapshot(vm: &Vm, namespace: &str, s: &NewSnapshot) -> Value {
    let mut metadata = json!({
        "name": s.name,
        "namespace": namespace,
        "ownerReferences": owner(vm),
    });
    if !s.description.trim().is_empty() {
        metadata["annotations"] = json!({ "description": s.description });
    }
    let mut spec = json!({ "source": vm_ref(&vm.name) });
    if let Some(seconds) = s.failure_deadline {
        spec["failureDeadline"] = json!(go_duration(seconds));
    }
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshot",
        "metadata": metadata,
        "spec": spec,
    })
}

/// `seconds` as a Kubernetes duration (Go's `time.Duration` text): `5m`, `90s`, `1h30m`, `0s`.
pub fn go_duration(seconds: u64) -> String {
    if seconds == 0 {
        return "0s".into();
    }
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// A `VirtualMachineRestore` of `vm` to `snapshot`, named `restore-<snapshot>-<millis>`: into
/// the VM itself (stopping it first when the user confirmed it: `targetReadinessPolicy:
/// StopTarget`), or into a new VM whose volumes are named after it (`PrefixTargetName`).
pub fn restore(
    vm: &Vm,
    namespace: &str,
    snapshot: &str,
    request: &RestoreRequest,
    now_millis: i64,
) -> Value {
    let (target, policy) = match &request.new_vm {
        Some(name) => (name.as_str(), "PrefixTargetName"),
        None => (vm.name.as_str(), "InPlace"),
    };
    let mut v = json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineRestore",
        "metadata": {
            "name": format!("restore-{snapshot}-{now_millis}"),
            "namespace": namespace,
            "ownerReferences": owner(vm),
        },
        "spec": {
            "target": vm_ref(target),
            "virtualMachineSnapshotName": snapshot,
            "volumeRestorePolicy": policy,
        },
    });
    if request.stop_running && request.new_vm.is_none() {
        v["spec"]["targetReadinessPolicy"] = json!("StopTarget");
    }
    v
}

/// A `VirtualMachineClone` making the VM `n.name` from `snapshot`; `suffix` makes the object's
/// name unique (`<target>-<suffix>-cr`). The description, and a start after creation, are JSON
/// patches applied to the new VM.
pub fn clone(namespace: &str, snapshot: &str, n: &NewVm, suffix: &str) -> Value {
    let mut patches = Vec::new();
    if !n.description.trim().is_empty() {
        patches.push(
            json!({ "op": "add", "path": "/metadata/annotations", "value": { "description": n.description } })
                .to_string(),
        );
    }
    if n.start {
        patches.push(
            json!({ "op": "replace", "path": "/spec/runStrategy", "value": "Always" }).to_string(),
        );
    }
    let mut spec = json!({
        "source": { "apiGroup": "snapshot.kubevirt.io", "kind": "VirtualMachineSnapshot", "name": snapshot },
        "target": vm_ref(&n.name),
        "volumeNamePolicy": "PrefixTargetName",
    });
    if !patches.is_empty() {
        spec["patches"] = json!(patches);
    }
    json!({
        "apiVersion": "clone.kubevirt.io/v1beta1",
        "kind": "VirtualMachineClone",
        "metadata": { "name": format!("{}-{suffix}-cr", n.name), "namespace": namespace },
        "spec": spec,
    })
}

/// An OpenShift `Template` whose VM is the one a snapshot holds, with each disk restored from the
/// snapshot's volume snapshots. `content` is the snapshot's `VirtualMachineSnapshotContent`; the
/// template takes one parameter, `NAME`.
pub fn template(namespace: &str, t: &NewTemplate, content: &Value) -> Result<Value, String> {
    let source = content
        .pointer("/spec/source/virtualMachine")
        .ok_or("the snapshot content holds no VM")?;
    let mut vm_spec = source
        .get("spec")
        .cloned()
        .ok_or("the snapshot's VM has no spec")?;
    let backups = content
        .pointer("/spec/volumeBackups")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut templates = Vec::new();
    for b in &backups {
        let volume = b["volumeName"]
            .as_str()
            .ok_or("a volume backup has no volumeName")?;
        let snapshot = b["volumeSnapshotName"]
            .as_str()
            .ok_or("a volume backup has no volumeSnapshotName")?;
        let dv = format!("${{NAME}}-{volume}");
        let mut storage = json!({});
        if let Some(size) = b.pointer("/persistentVolumeClaim/spec/resources/requests/storage") {
            storage = json!({ "resources": { "requests": { "storage": size } } });
        }
        templates.push(json!({
            "metadata": { "name": dv },
            "spec": { "source": { "snapshot": { "namespace": namespace, "name": snapshot } }, "storage": storage },
        }));
        // The VM's volume now comes from the new DataVolume.
        if let Some(volumes) = vm_spec
            .pointer_mut("/template/spec/volumes")
            .and_then(Value::as_array_mut)
        {
            for v in volumes.iter_mut().filter(|v| v["name"] == volume) {
                *v = json!({ "name": volume, "dataVolume": { "name": dv } });
            }
        }
    }
    let Value::Object(spec) = &mut vm_spec else {
        return Err("the snapshot's VM spec is not an object".into());
    };
    spec.insert("dataVolumeTemplates".into(), Value::Array(templates));
    spec.insert("runStrategy".into(), json!("Halted"));
    let mut metadata = json!({
        "name": t.name,
        "namespace": namespace,
        "labels": { "template.kubevirt.io/type": "vm" },
    });
    if !t.description.trim().is_empty() {
        metadata["annotations"] = json!({ "description": t.description });
    }
    Ok(json!({
        "apiVersion": "template.openshift.io/v1",
        "kind": "Template",
        "metadata": metadata,
        "objects": [{
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachine",
            "metadata": { "name": "${NAME}", "labels": { "kubevirt.io/vm": "${NAME}" } },
            "spec": vm_spec,
        }],
        "parameters": [{ "name": "NAME", "description": "Name of the new VM", "required": true }],
    }))
}

/// A `VirtualMachineSnapshotSchedule` for `vm` (the vm-snapshots extension resource).
pub fn schedule(namespace: &str, vm: &Vm, s: &Schedule) -> Value {
    let mut metadata = json!({ "name": s.name, "namespace": namespace });
    if !s.description.trim().is_empty() {
        metadata["annotations"] = json!({ "description": s.description });
    }
    let mut spec = json!({
        "vmSelector": { "matchLabels": { "kubevirt.io/vm": vm.name } },
        "disabled": s.paused,
        "startTime": s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "timeZone": s.time_zone,
        "retention": { "maxCount": s.keep, "pinned": s.pinned },
    });
    if let Some(rule) = &s.rule {
        spec["schedule"] = json!(rule);
    }
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshotSchedule",
        "metadata": metadata,
        "spec": spec,
    })
}
