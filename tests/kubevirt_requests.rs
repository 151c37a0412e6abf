//! The KubeVirt adapter writes the objects the console's KubeVirt plugin writes
//! (`../shared/api-samples/kubevirt/*plugin-generated*`).

mod common;

use common::sample;
use serde_json::Value;
use vm_snapshots::api::kubevirt::write;
use vm_snapshots::model::request::{DiskChoice, NewSnapshot, NewVm, RestoreRequest};
use vm_snapshots::model::{Vm, VmStatus};

fn fedora() -> Vm {
    Vm {
        namespace: Some("my-project".into()),
        uid: Some("<vm uid>".into()),
        guest_agent: Some(true),
        ..common::vm("fedora-vm", VmStatus::Running, Vec::new())
    }
}

fn json(file: &str) -> Value {
    serde_json::from_str(&sample(&format!("kubevirt/{file}"))).unwrap()
}

#[test]
fn a_snapshot_is_the_plugins_object() {
    let ours = write::snapshot(
        &fedora(),
        "my-project",
        &NewSnapshot {
            name: "fedora-vm-snapshot-20260808-135111".into(),
            description: "optional text from the Description textarea".into(),
            disks: DiskChoice::All,
            memory: false,
            failure_deadline: None,
        },
    );
    let mut theirs = json("vmsnapshot.plugin-generated-request.json");
    // The plugin sends failureDeadline only when the user fills it; we leave the cluster's default.
    theirs["spec"]
        .as_object_mut()
        .unwrap()
        .remove("failureDeadline");
    assert_eq!(ours, theirs);
}

#[test]
fn a_snapshot_without_description_has_no_annotation() {
    let ours = write::snapshot(
        &fedora(),
        "ns",
        &NewSnapshot {
            name: "s".into(),
            description: " ".into(),
            disks: DiskChoice::All,
            memory: false,
            failure_deadline: None,
        },
    );
    assert!(ours["metadata"].get("annotations").is_none());
}

#[test]
fn a_restore_is_the_plugins_object() {
    let ours = write::restore(
        &fedora(),
        "my-project",
        "fedora-vm-snapshot-20260808-135111",
        &in_place(false),
        1_786_196_400_000,
    );
    assert_eq!(ours, json("vmrestore.plugin-generated-request.json"));
}

fn in_place(stop_running: bool) -> RestoreRequest {
    RestoreRequest {
        restore_memory: false,
        disks: DiskChoice::All,
        stop_running,
        new_vm: None,
    }
}

#[test]
fn a_restore_of_a_running_vm_asks_the_cluster_to_stop_it() {
    let ours = write::restore(&fedora(), "ns", "s", &in_place(true), 1);
    assert_eq!(ours["spec"]["targetReadinessPolicy"], "StopTarget");
    assert_eq!(ours["spec"]["target"]["name"], "fedora-vm");
    assert_eq!(ours["spec"]["volumeRestorePolicy"], "InPlace");
}

#[test]
fn a_restore_into_a_new_vm_targets_it_and_prefixes_its_volumes() {
    let request = RestoreRequest {
        new_vm: Some("fedora-vm-copy".into()),
        // Stopping is never asked for a new VM: the running one is not touched.
        ..in_place(true)
    };
    let ours = write::restore(&fedora(), "ns", "s", &request, 1);
    assert_eq!(ours["spec"]["target"]["name"], "fedora-vm-copy");
    assert_eq!(ours["spec"]["target"]["kind"], "VirtualMachine");
    assert_eq!(ours["spec"]["volumeRestorePolicy"], "PrefixTargetName");
    assert!(ours["spec"].get("targetReadinessPolicy").is_none());
}

#[test]
fn a_failure_deadline_is_a_kubernetes_duration() {
    let with = |d| {
        write::snapshot(
            &fedora(),
            "ns",
            &NewSnapshot {
                name: "s".into(),
                description: String::new(),
                disks: DiskChoice::All,
                memory: false,
                failure_deadline: d,
            },
        )["spec"]
            .get("failureDeadline")
            .cloned()
    };
    assert_eq!(with(None), None);
    assert_eq!(with(Some(300)), Some("5m".into()));
    assert_eq!(with(Some(0)), Some("0s".into()));
    assert_eq!(with(Some(5400)), Some("1h30m".into()));
    assert_eq!(with(Some(90)), Some("1m30s".into()));
}

#[test]
fn a_clone_is_the_plugins_object_with_the_description_as_a_patch() {
    let ours = write::clone(
        "my-project",
        "fedora-vm-snapshot-20260808-135111",
        &NewVm {
            name: "fedora-vm-restored".into(),
            description: "This is a vm created from snapshot fedora-vm-snapshot-20260808-135111"
                .into(),
            start: false,
        },
        "x7k2qa",
    );
    let theirs = json("vmclone.from-snapshot.plugin-generated.json");
    assert_eq!(ours["metadata"]["name"], theirs["metadata"]["name"]);
    assert_eq!(ours["spec"]["source"], theirs["spec"]["source"]);
    assert_eq!(ours["spec"]["target"], theirs["spec"]["target"]);
    assert_eq!(
        ours["spec"]["volumeNamePolicy"],
        theirs["spec"]["volumeNamePolicy"]
    );
    // The same patch, whatever the key order of its JSON text.
    let patch = |v: &Value| -> Value {
        serde_json::from_str(v["spec"]["patches"][0].as_str().unwrap()).unwrap()
    };
    assert_eq!(patch(&ours), patch(&theirs));
}

#[test]
fn a_clone_that_starts_the_vm_patches_its_run_strategy() {
    let ours = write::clone(
        "ns",
        "s",
        &NewVm {
            name: "n".into(),
            description: String::new(),
            start: true,
        },
        "abc123",
    );
    let patches = ours["spec"]["patches"].as_array().unwrap();
    assert_eq!(patches.len(), 1);
    let p: Value = serde_json::from_str(patches[0].as_str().unwrap()).unwrap();
    assert_eq!(
        p,
        serde_json::json!({"op": "replace", "path": "/spec/runStrategy", "value": "Always"})
    );
}

#[test]
fn a_template_holds_the_snapshots_vm_with_disks_from_its_volume_snapshots() {
    let content = json("vmsnapshotcontent.composite.json");
    let t = write::template(
        "default",
        &vm_snapshots::model::request::NewTemplate {
            name: "my-vm-template".into(),
            description: "golden image".into(),
        },
        &content,
    )
    .unwrap();
    assert_eq!(t["apiVersion"], "template.openshift.io/v1");
    assert_eq!(t["kind"], "Template");
    assert_eq!(t["metadata"]["annotations"]["description"], "golden image");
    let vm = &t["objects"][0];
    assert_eq!(vm["kind"], "VirtualMachine");
    assert_eq!(vm["metadata"]["name"], "${NAME}");
    let dv = &vm["spec"]["dataVolumeTemplates"][0];
    assert_eq!(dv["metadata"]["name"], "${NAME}-datavolumedisk1");
    assert_eq!(
        dv["spec"]["source"]["snapshot"],
        serde_json::json!({"namespace": "default", "name": "vmsnapshot-28eedf08-5d6a-42c1-969c-2eda58e2a78d-volume-datavolumedisk1"})
    );
    assert_eq!(
        dv["spec"]["storage"]["resources"]["requests"]["storage"],
        "30Gi"
    );
    let volumes = vm["spec"]["template"]["spec"]["volumes"]
        .as_array()
        .unwrap();
    assert_eq!(
        volumes[0],
        serde_json::json!({"name": "datavolumedisk1", "dataVolume": {"name": "${NAME}-datavolumedisk1"}})
    );
    // The cloud-init volume is not a snapshot's: it stays as it was.
    assert!(volumes[1].get("cloudInitNoCloud").is_some());
    assert_eq!(t["parameters"][0]["name"], "NAME");
}
