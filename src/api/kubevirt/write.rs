//! Request objects for the Kubernetes API, shaped as the OpenShift console's KubeVirt plugin
//! writes them (`../shared/api-samples/kubevirt/*plugin-generated*`).

use crate::model::request::{NewSnapshot, NewVm};
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
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshot",
        "metadata": metadata,
        "spec": { "source": vm_ref(&vm.name) },
    })
}

/// A `VirtualMachineRestore` of `vm` to `snapshot`, named `restore-<snapshot>-<millis>`.
pub fn restore(vm: &Vm, namespace: &str, snapshot: &str, now_millis: i64) -> Value {
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineRestore",
        "metadata": {
            "name": format!("restore-{snapshot}-{now_millis}"),
            "namespace": namespace,
            "ownerReferences": owner(vm),
        },
        "spec": {
            "target": vm_ref(&vm.name),
            "virtualMachineSnapshotName": snapshot,
            "volumeRestorePolicy": "InPlace",
        },
    })
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
