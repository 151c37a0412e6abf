//! The parts of the Kubernetes and KubeVirt objects this app reads. Every field is optional
//! and unknown fields are ignored, so newer or older API servers parse alike.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct List<T> {
    pub kind: Option<String>,
    pub items: Vec<T>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: String,
    pub namespace: Option<String>,
    pub uid: Option<String>,
    pub creation_timestamp: Option<String>,
    pub deletion_timestamp: Option<String>,
    /// The object's version: it changes with every change to the object.
    pub resource_version: Option<String>,
    pub annotations: BTreeMap<String, String>,
}

/// `metav1.Status`, the body of every Kubernetes error.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Status {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub message: Option<String>,
    pub reason: Option<String>,
    pub code: Option<u16>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}

// ---- kubevirt.io/v1 VirtualMachine ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VirtualMachine {
    pub metadata: ObjectMeta,
    pub spec: VmSpec,
    pub status: VmStatus,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VmSpec {
    pub template: Option<VmiTemplate>,
    pub data_volume_templates: Vec<DataVolumeTemplate>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VmiTemplate {
    pub spec: VmiSpec,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VmiSpec {
    pub domain: Domain,
    pub volumes: Vec<Volume>,
    pub networks: Vec<Network>,
}

/// A network the VM's interfaces attach to: the pod network or a Multus one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Network {
    pub name: String,
    pub pod: Option<serde_json::Value>,
    pub multus: Option<Multus>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Multus {
    pub network_name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Devices {
    pub interfaces: Vec<NamedRef>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Domain {
    pub cpu: Option<Cpu>,
    pub memory: Option<Memory>,
    pub resources: Option<Resources>,
    pub devices: Devices,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Cpu {
    pub cores: Option<u32>,
    pub sockets: Option<u32>,
    pub threads: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Memory {
    pub guest: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Resources {
    pub requests: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    pub data_volume: Option<NamedRef>,
    pub persistent_volume_claim: Option<ClaimRef>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NamedRef {
    pub name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClaimRef {
    pub claim_name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DataVolumeTemplate {
    pub metadata: ObjectMeta,
    pub spec: serde_json::Value,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VmStatus {
    pub printable_status: Option<String>,
    pub conditions: Vec<Condition>,
    pub volume_snapshot_statuses: Vec<VolumeSnapshotStatus>,
    pub snapshot_in_progress: Option<String>,
    pub restore_in_progress: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VolumeSnapshotStatus {
    pub name: String,
    pub enabled: bool,
    pub reason: Option<String>,
}

// ---- snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshot ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VirtualMachineSnapshot {
    pub metadata: ObjectMeta,
    pub spec: SnapshotSpec,
    pub status: Option<SnapshotStatus>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SnapshotSpec {
    pub source: TypedRef,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypedRef {
    pub api_group: Option<String>,
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SnapshotStatus {
    pub phase: Option<String>,
    pub ready_to_use: Option<bool>,
    pub creation_time: Option<String>,
    pub indications: Vec<String>,
    pub error: Option<SnapshotError>,
    pub snapshot_volumes: Option<SnapshotVolumes>,
    pub conditions: Vec<Condition>,
    pub virtual_machine_snapshot_content_name: Option<String>,
    pub source_indications: Vec<SourceIndication>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SourceIndication {
    pub indication: String,
    pub message: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SnapshotError {
    pub message: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SnapshotVolumes {
    pub included_volumes: Vec<String>,
    pub excluded_volumes: Vec<String>,
}

// ---- snapshot.kubevirt.io/v1beta1 VirtualMachineRestore, clone.kubevirt.io/v1beta1 VirtualMachineClone ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VirtualMachineRestore {
    pub metadata: ObjectMeta,
    pub spec: RestoreSpec,
    pub status: Option<RestoreStatus>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RestoreSpec {
    pub target: TypedRef,
    pub virtual_machine_snapshot_name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RestoreStatus {
    pub complete: Option<bool>,
    pub restore_time: Option<String>,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VirtualMachineClone {
    pub metadata: ObjectMeta,
    pub spec: CloneSpec,
    pub status: Option<CloneStatus>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CloneSpec {
    pub source: TypedRef,
    pub target: TypedRef,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CloneStatus {
    pub phase: Option<String>,
    pub target_name: Option<String>,
}

/// `kubevirt.io/v1` VirtualMachineInstance: only its conditions are read (`AgentConnected`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VirtualMachineInstance {
    pub status: VmiStatus,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VmiStatus {
    pub conditions: Vec<Condition>,
}

// ---- snapshot.storage.k8s.io/v1 VolumeSnapshot (the CSI snapshot a KubeVirt snapshot makes per volume) ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VolumeSnapshot {
    pub metadata: OwnedMeta,
    pub status: Option<VolumeSnapshotState>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OwnedMeta {
    pub name: String,
    pub owner_references: Vec<OwnerReference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OwnerReference {
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeSnapshotState {
    pub ready_to_use: Option<bool>,
    /// The smallest volume the snapshot restores into: a quantity such as `10Gi`.
    pub restore_size: Option<String>,
}

/// The part of a VirtualMachineSnapshotContent that names its VolumeSnapshots.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContentBackups {
    pub spec: ContentBackupsSpec,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContentBackupsSpec {
    pub volume_backups: Vec<VolumeBackupName>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeBackupName {
    pub volume_snapshot_name: Option<String>,
}
