//! The development backend writes the shapes of the real APIs: every element path and attribute
//! of its oVirt XML, and every key path of its KubeVirt JSON, appears in the real samples of
//! `../shared/api-samples/` (or, for KubeVirt, in a short list of fields the API's Go types
//! define that no sample shows). It shares no code with the app's parsers.

use devserver::doc::{render, render_collection, Format};
use devserver::{kubevirt, ovirt, seed};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn sample(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/api-samples")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Element paths ("snapshots/snapshot/vm/cpu/topology/cores") of an XML body, and its
/// attribute names. `<samples>` wrappers are skipped.
fn xml_paths(body: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let doc = roxmltree::Document::parse(body).expect("well-formed XML");
    let mut paths = BTreeSet::new();
    let mut attrs = BTreeSet::new();
    fn walk(
        n: roxmltree::Node,
        prefix: &str,
        paths: &mut BTreeSet<String>,
        attrs: &mut BTreeSet<String>,
    ) {
        for c in n.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            let path = if name == "samples" {
                prefix.to_string()
            } else if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}/{name}")
            };
            if name != "samples" {
                paths.insert(path.clone());
                for a in c.attributes() {
                    attrs.insert(a.name().to_string());
                }
            }
            walk(c, &path, paths, attrs);
        }
    }
    walk(doc.root(), "", &mut paths, &mut attrs);
    (paths, attrs)
}

fn union(files: &[&str]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|f| xml_paths(&sample(&format!("ovirt/{f}"))).0)
        .collect()
}

fn assert_subset(ours: &BTreeSet<String>, real: &BTreeSet<String>, what: &str) {
    let extra: Vec<&String> = ours.difference(real).collect();
    assert!(
        extra.is_empty(),
        "{what}: paths no real sample has: {extra:#?}"
    );
}

#[test]
fn ovirt_snapshot_lists_use_only_real_element_paths() {
    for vm in seed::ovirt() {
        let objs: Vec<_> = vm
            .snapshots
            .iter()
            .map(|s| ovirt::snapshot_obj(&vm, s, false, None))
            .collect();
        let (paths, attrs) = xml_paths(&render_collection(
            Format::Xml,
            "snapshots",
            "snapshot",
            &objs,
        ));
        let real = union(&[
            "01_GET_vm_snapshots_in_preview.xml",
            "04_GET_vm_snapshots_two_regular_with_memory.xml",
            "06_GET_vm_snapshots_four_unsorted.xml",
            "09_GET_vm_snapshots_active_plus_memory_snapshot.xml",
        ]);
        // A snapshot's <vm> holds what a <vm> holds (samples 12 and 13 give the running ones' fields).
        let real: BTreeSet<String> = real
            .iter()
            .cloned()
            .chain(
                union(&["13_GET_vm_up.xml"])
                    .iter()
                    .map(|p| format!("snapshots/snapshot/{p}")),
            )
            .collect();
        assert_subset(&paths, &real, &vm.name);
        assert!(
            attrs
                .iter()
                .all(|a| ["id", "href", "rel"].contains(&a.as_str())),
            "{attrs:?}"
        );
    }
}

#[test]
fn ovirt_vms_use_only_real_element_paths() {
    let objs: Vec<_> = seed::ovirt().iter().map(ovirt::vm_obj).collect();
    let (paths, _) = xml_paths(&render_collection(Format::Xml, "vms", "vm", &objs));
    // Sample 12 is one <vm> cut from a `GET /vms` answer, whose root is <vms>.
    let real: BTreeSet<String> = union(&[
        "12_GET_vms_excerpt_vm_down_while_previewing.xml",
        "13_GET_vm_up.xml",
    ])
    .into_iter()
    .map(|p| format!("vms/{p}"))
    .chain(["vms".to_string()])
    .collect();
    assert_subset(&paths, &real, "vms");
}

#[test]
fn ovirt_disks_use_only_real_element_paths() {
    let vm = &seed::ovirt()[0];
    let s = &vm.snapshots[0];
    let followed = ovirt::snapshot_obj(vm, s, true, None);
    let (paths, _) = xml_paths(&render(Format::Xml, "snapshot", &followed));
    let disk_paths: BTreeSet<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix("snapshot/"))
        .filter(|p| p.starts_with("disks"))
        .map(str::to_string)
        .collect();
    assert!(!disk_paths.is_empty());
    let real = union(&[
        "02_GET_snapshot_disks_of_in_preview_snapshot.xml",
        "05_GET_snapshot_disks_three_disks.xml",
        "10_GET_snapshot_disks_single.xml",
        "16_GET_disks_excerpt_memory_snapshot_volumes.xml",
    ]);
    assert_subset(&disk_paths, &real, "snapshot disks");
}

#[test]
fn ovirt_faults_have_the_documented_shape() {
    let body = String::from_utf8(futures_body(ovirt::fault(
        Format::Xml,
        axum::http::StatusCode::CONFLICT,
        "Operation Failed",
        "Cannot preview Snapshot. At least one of the VMs is not down.",
    )));
    let (paths, _) = xml_paths(&body.unwrap());
    assert_subset(&paths, &union(&["27_fault_documented.xml"]), "fault");
}

fn futures_body(resp: axum::response::Response) -> Vec<u8> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    })
}

/// Key paths of a JSON value; array items share their array's path.
fn json_paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                // Label and annotation keys are data, not schema.
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                if !(k == "labels" || k == "annotations" || k == "matchLabels") {
                    json_paths(child, &path, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| json_paths(i, prefix, out)),
        _ => {}
    }
}

fn json_union(files: &[&str], rebase: Option<(&str, &str)>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in files {
        let v: Value = serde_json::from_str(&sample(&format!("kubevirt/{f}"))).unwrap();
        let mut paths = BTreeSet::new();
        json_paths(&v, "", &mut paths);
        for p in paths {
            match rebase {
                Some((from, to)) => {
                    if let Some(rest) = p.strip_prefix(from) {
                        out.insert(format!("{to}{rest}"));
                    }
                }
                None => {
                    out.insert(p);
                }
            }
        }
    }
    out
}

#[test]
fn kubevirt_snapshots_use_only_real_fields() {
    let (_, snapshots) = seed::kubevirt();
    let mut ours = BTreeSet::new();
    for s in &snapshots {
        json_paths(&kubevirt::snapshot_json(s), "", &mut ours);
    }
    let real = json_union(
        &[
            "vmsnapshot.online-noguestagent.composite.json",
            "vmsnapshot.failed.composite.json",
            "vmsnapshot.succeeded.openshift-docs.verbatim.json",
            "vmsnapshot.minimal.user-guide.json",
        ],
        None,
    );
    assert_subset(&ours, &real, "VirtualMachineSnapshot");
}

#[test]
fn kubevirt_vms_use_only_real_fields_or_ones_the_api_types_define() {
    let (vms, _) = seed::kubevirt();
    let mut ours = BTreeSet::new();
    for vm in &vms {
        json_paths(&kubevirt::vm_json(vm), "", &mut ours);
    }
    let mut real = json_union(
        &[
            "vm-status.volumeSnapshotStatuses.json",
            "vm-status.volumeSnapshotStatuses.mixed.composite.json",
        ],
        None,
    );
    // The VM spec inside a VirtualMachineSnapshotContent is a real VM spec.
    real.extend(json_union(
        &["vmsnapshotcontent.composite.json"],
        Some(("spec.source.virtualMachine.", "")),
    ));
    // Fields of kubevirt.io/v1 VirtualMachine (Go types) that no sample shows.
    for p in [
        "metadata.creationTimestamp",
        "metadata.annotations",
        "spec.dataVolumeTemplates",
        "spec.dataVolumeTemplates.metadata",
        "spec.dataVolumeTemplates.metadata.name",
        "spec.dataVolumeTemplates.spec",
        "spec.dataVolumeTemplates.spec.sourceRef",
        "spec.dataVolumeTemplates.spec.sourceRef.kind",
        "spec.dataVolumeTemplates.spec.sourceRef.name",
        "spec.dataVolumeTemplates.spec.sourceRef.namespace",
        "spec.dataVolumeTemplates.spec.storage",
        "spec.dataVolumeTemplates.spec.storage.resources",
        "spec.dataVolumeTemplates.spec.storage.resources.requests",
        "spec.dataVolumeTemplates.spec.storage.resources.requests.storage",
        "spec.template.spec.domain.cpu.sockets",
        "spec.template.spec.domain.cpu.threads",
        "spec.template.spec.volumes.containerDisk",
        "spec.template.spec.volumes.containerDisk.image",
        "status.snapshotInProgress",
        "status.restoreInProgress",
    ] {
        real.insert(p.to_string());
    }
    assert_subset(&ours, &real, "VirtualMachine");
}

fn documented(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn ovirt_schedules_are_the_documented_resource() {
    use devserver::world::ScheduleApi;
    let example = documented("schedule.ovirt.xml");
    // The example is a valid request too.
    let spec = ovirt::schedule_spec(&example).unwrap();
    assert_eq!(
        (spec.keep, spec.rule.as_deref(), spec.time_zone.as_str()),
        (4, Some("0 2 * * 5"), "Europe/Prague")
    );
    let mut w = seed::world();
    w.schedules.clear(); // the seed has its own, under the same names
    let now = chrono::Utc::now();
    let s = w
        .create_schedule(
            ScheduleApi::Ovirt,
            "",
            "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35",
            spec,
            now,
        )
        .unwrap();
    let (ours, _) = xml_paths(&render(
        Format::Xml,
        "snapshot_schedule",
        &ovirt::schedule_obj(&s),
    ));
    let (theirs, _) = xml_paths(&example);
    assert_subset(&ours, &theirs, "snapshot_schedule");
}

#[test]
fn kubevirt_schedules_are_the_documented_resource() {
    use devserver::world::ScheduleApi;
    let example: Value = serde_json::from_str(&documented("schedule.kubevirt.json")).unwrap();
    let (vm, spec) = kubevirt::schedule_spec(&example).unwrap();
    let mut w = seed::world();
    w.schedules.clear(); // the seed has its own, under the same names
    let s = w
        .create_schedule(ScheduleApi::Kube, "default", &vm, spec, chrono::Utc::now())
        .unwrap();
    let mut ours = BTreeSet::new();
    json_paths(&kubevirt::schedule_json(&s), "", &mut ours);
    let mut theirs = BTreeSet::new();
    json_paths(&example, "", &mut theirs);
    theirs.insert("metadata.creationTimestamp".into());
    assert_subset(&ours, &theirs, "VirtualMachineSnapshotSchedule");
}
