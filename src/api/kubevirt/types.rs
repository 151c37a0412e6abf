//! The parts of the Kubernetes and KubeVirt objects this app reads. Every field is optional
//! and unknown fields are ignored, so newer or older API servers parse alike; a field of another
//! kind than expected reads as absent.
//!
//! Each type is read from the body's [`Json`] tree by hand ([`Object::read`]): a serde-derived
//! deserializer per type was most of this adapter's code (109 of its 316 KB before).

use crate::api::json::Json;
use serde::de::Error as _;
use std::collections::BTreeMap;

/// A type read from a JSON object.
pub trait Object: Sized {
    /// Reads it from `json`; anything missing or of another kind reads as its default.
    fn read(json: &Json) -> Self;

    /// Parses its text: malformed JSON, or JSON that is not an object, is an error.
    fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let json = Json::parse(text)?;
        if json.is_object() {
            Ok(Self::read(&json))
        } else {
            Err(serde_json::Error::custom(
                "invalid type: expected an object",
            ))
        }
    }
}

/// What a missing member reads as.
static NULL: Json<'static> = Json::Null;

/// The member `key`, or null.
fn member<'j, 'a>(json: &'j Json<'a>, key: &str) -> &'j Json<'a> {
    json.get(key).unwrap_or(&NULL)
}

/// The string `key`, or the empty string.
fn text(json: &Json, key: &str) -> String {
    json.string(key).unwrap_or_default()
}

/// The object `key`, where there is one.
fn optional<T: Object>(json: &Json, key: &str) -> Option<T> {
    json.get(key).filter(|v| v.is_object()).map(T::read)
}

/// The array `key`'s items.
fn items<T: Object>(json: &Json, key: &str) -> Vec<T> {
    json.array(key).iter().map(T::read).collect()
}

/// The array `key`'s strings.
fn strings(json: &Json, key: &str) -> Vec<String> {
    json.array(key)
        .iter()
        .filter_map(|s| match s {
            Json::Text(s) => Some(s.to_string()),
            _ => None,
        })
        .collect()
}

/// An object's members as a map, those `value` reads. Inserted one by one: collecting into a
/// `BTreeMap` sorts first, a sort's code for each map type.
fn map<V>(json: &Json, value: impl Fn(&Json) -> Option<V>) -> BTreeMap<String, V> {
    let mut map = BTreeMap::new();
    for (k, v) in json.members() {
        if let Some(v) = value(v) {
            map.insert(k.to_string(), v);
        }
    }
    map
}

fn small(json: &Json, key: &str) -> Option<u32> {
    json.unsigned(key).and_then(|n| u32::try_from(n).ok())
}

impl Object for serde_json::Value {
    fn read(json: &Json) -> Self {
        json.to_value()
    }
}

#[derive(Clone, Debug, Default)]
pub struct List<T> {
    pub kind: Option<String>,
    pub items: Vec<T>,
}

#[derive(Clone, Debug, Default)]
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
#[derive(Clone, Debug, Default)]
pub struct Status {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub message: Option<String>,
    pub reason: Option<String>,
    pub code: Option<u16>,
}

#[derive(Clone, Debug, Default)]
pub struct Condition {
    pub type_: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}

// ---- kubevirt.io/v1 VirtualMachine ----

#[derive(Clone, Debug, Default)]
pub struct VirtualMachine {
    pub metadata: ObjectMeta,
    pub spec: VmSpec,
    pub status: VmStatus,
}

#[derive(Clone, Debug, Default)]
pub struct VmSpec {
    pub template: Option<VmiTemplate>,
    pub data_volume_templates: Vec<DataVolumeTemplate>,
}

#[derive(Clone, Debug, Default)]
pub struct VmiTemplate {
    pub spec: VmiSpec,
}

#[derive(Clone, Debug, Default)]
pub struct VmiSpec {
    pub domain: Domain,
    pub volumes: Vec<Volume>,
    pub networks: Vec<Network>,
}

/// A network the VM's interfaces attach to: the pod network or a Multus one.
#[derive(Clone, Debug, Default)]
pub struct Network {
    pub name: String,
    pub pod: Option<serde_json::Value>,
    pub multus: Option<Multus>,
}

#[derive(Clone, Debug, Default)]
pub struct Multus {
    pub network_name: String,
}

#[derive(Clone, Debug, Default)]
pub struct Devices {
    pub interfaces: Vec<NamedRef>,
}

#[derive(Clone, Debug, Default)]
pub struct Domain {
    pub cpu: Option<Cpu>,
    pub memory: Option<Memory>,
    pub resources: Option<Resources>,
    pub devices: Devices,
}

#[derive(Clone, Debug, Default)]
pub struct Cpu {
    pub cores: Option<u32>,
    pub sockets: Option<u32>,
    pub threads: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct Memory {
    pub guest: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Resources {
    pub requests: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, Default)]
pub struct Volume {
    pub name: String,
    pub data_volume: Option<NamedRef>,
    pub persistent_volume_claim: Option<ClaimRef>,
}

#[derive(Clone, Debug, Default)]
pub struct NamedRef {
    pub name: String,
}

#[derive(Clone, Debug, Default)]
pub struct ClaimRef {
    pub claim_name: String,
}

#[derive(Clone, Debug, Default)]
pub struct DataVolumeTemplate {
    pub metadata: ObjectMeta,
    pub spec: serde_json::Value,
}

#[derive(Clone, Debug, Default)]
pub struct VmStatus {
    pub printable_status: Option<String>,
    pub conditions: Vec<Condition>,
    pub volume_snapshot_statuses: Vec<VolumeSnapshotStatus>,
    pub snapshot_in_progress: Option<String>,
    pub restore_in_progress: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct VolumeSnapshotStatus {
    pub name: String,
    pub enabled: bool,
    pub reason: Option<String>,
}

// ---- snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshot ----

#[derive(Clone, Debug, Default)]
pub struct VirtualMachineSnapshot {
    pub metadata: ObjectMeta,
    pub spec: SnapshotSpec,
    pub status: Option<SnapshotStatus>,
}

#[derive(Clone, Debug, Default)]
pub struct SnapshotSpec {
    pub source: TypedRef,
}

#[derive(Clone, Debug, Default)]
pub struct TypedRef {
    pub api_group: Option<String>,
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default)]
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

#[derive(Clone, Debug, Default)]
pub struct SourceIndication {
    pub indication: String,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub struct SnapshotError {
    pub message: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct SnapshotVolumes {
    pub included_volumes: Vec<String>,
    pub excluded_volumes: Vec<String>,
}

// ---- snapshot.kubevirt.io/v1beta1 VirtualMachineRestore, clone.kubevirt.io/v1beta1 VirtualMachineClone ----

#[derive(Clone, Debug, Default)]
pub struct VirtualMachineRestore {
    pub metadata: ObjectMeta,
    pub spec: RestoreSpec,
    pub status: Option<RestoreStatus>,
}

#[derive(Clone, Debug, Default)]
pub struct RestoreSpec {
    pub target: TypedRef,
    pub virtual_machine_snapshot_name: String,
}

#[derive(Clone, Debug, Default)]
pub struct RestoreStatus {
    pub complete: Option<bool>,
    pub restore_time: Option<String>,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, Default)]
pub struct VirtualMachineClone {
    pub metadata: ObjectMeta,
    pub spec: CloneSpec,
    pub status: Option<CloneStatus>,
}

#[derive(Clone, Debug, Default)]
pub struct CloneSpec {
    pub source: TypedRef,
    pub target: TypedRef,
}

#[derive(Clone, Debug, Default)]
pub struct CloneStatus {
    pub phase: Option<String>,
    pub target_name: Option<String>,
    pub conditions: Vec<Condition>,
}

/// `kubevirt.io/v1` VirtualMachineInstance: only its conditions are read (`AgentConnected`).
#[derive(Clone, Debug, Default)]
pub struct VirtualMachineInstance {
    pub status: VmiStatus,
}

#[derive(Clone, Debug, Default)]
pub struct VmiStatus {
    pub conditions: Vec<Condition>,
}

// ---- snapshot.storage.k8s.io/v1 VolumeSnapshot (the CSI snapshot a KubeVirt snapshot makes per volume) ----

#[derive(Clone, Debug, Default)]
pub struct VolumeSnapshot {
    pub metadata: OwnedMeta,
    pub status: Option<VolumeSnapshotState>,
}

#[derive(Clone, Debug, Default)]
pub struct OwnedMeta {
    pub name: String,
    pub owner_references: Vec<OwnerReference>,
}

#[derive(Clone, Debug, Default)]
pub struct OwnerReference {
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default)]
pub struct VolumeSnapshotState {
    pub ready_to_use: Option<bool>,
    /// The smallest volume the snapshot restores into: a quantity such as `10Gi`.
    pub restore_size: Option<String>,
}

/// The part of a VirtualMachineSnapshotContent that names its VolumeSnapshots.
#[derive(Clone, Debug, Default)]
pub struct ContentBackups {
    pub spec: ContentBackupsSpec,
}

#[derive(Clone, Debug, Default)]
pub struct ContentBackupsSpec {
    pub volume_backups: Vec<VolumeBackupName>,
}

#[derive(Clone, Debug, Default)]
pub struct VolumeBackupName {
    pub volume_snapshot_name: Option<String>,
}

// ---- reading them ----

/// A list's items that are objects: anything else in it is left out, not read as an empty object.
impl<T: Object> Object for List<T> {
    fn read(json: &Json) -> Self {
        List {
            kind: json.string("kind"),
            items: json
                .array("items")
                .iter()
                .filter(|item| item.is_object())
                .map(T::read)
                .collect(),
        }
    }
}

impl Object for ObjectMeta {
    fn read(json: &Json) -> Self {
        ObjectMeta {
            name: text(json, "name"),
            namespace: json.string("namespace"),
            uid: json.string("uid"),
            creation_timestamp: json.string("creationTimestamp"),
            deletion_timestamp: json.string("deletionTimestamp"),
            resource_version: json.string("resourceVersion"),
            annotations: map(member(json, "annotations"), |v| match v {
                Json::Text(v) => Some(v.to_string()),
                _ => None,
            }),
        }
    }
}

impl Object for Status {
    fn read(json: &Json) -> Self {
        Status {
            kind: json.string("kind"),
            status: json.string("status"),
            message: json.string("message"),
            reason: json.string("reason"),
            code: json.unsigned("code").and_then(|n| u16::try_from(n).ok()),
        }
    }
}

impl Object for Condition {
    fn read(json: &Json) -> Self {
        Condition {
            type_: text(json, "type"),
            status: text(json, "status"),
            reason: json.string("reason"),
            message: json.string("message"),
        }
    }
}

impl Object for VirtualMachine {
    fn read(json: &Json) -> Self {
        VirtualMachine {
            metadata: ObjectMeta::read(member(json, "metadata")),
            spec: VmSpec::read(member(json, "spec")),
            status: VmStatus::read(member(json, "status")),
        }
    }
}

impl Object for VmSpec {
    fn read(json: &Json) -> Self {
        VmSpec {
            template: optional(json, "template"),
            data_volume_templates: items(json, "dataVolumeTemplates"),
        }
    }
}

impl Object for VmiTemplate {
    fn read(json: &Json) -> Self {
        VmiTemplate {
            spec: VmiSpec::read(member(json, "spec")),
        }
    }
}

impl Object for VmiSpec {
    fn read(json: &Json) -> Self {
        VmiSpec {
            domain: Domain::read(member(json, "domain")),
            volumes: items(json, "volumes"),
            networks: items(json, "networks"),
        }
    }
}

impl Object for Network {
    fn read(json: &Json) -> Self {
        Network {
            name: text(json, "name"),
            pod: json
                .get("pod")
                .filter(|v| !matches!(v, Json::Null))
                .map(Json::to_value),
            multus: optional(json, "multus"),
        }
    }
}

impl Object for Multus {
    fn read(json: &Json) -> Self {
        Multus {
            network_name: text(json, "networkName"),
        }
    }
}

impl Object for Devices {
    fn read(json: &Json) -> Self {
        Devices {
            interfaces: items(json, "interfaces"),
        }
    }
}

impl Object for Domain {
    fn read(json: &Json) -> Self {
        Domain {
            cpu: optional(json, "cpu"),
            memory: optional(json, "memory"),
            resources: optional(json, "resources"),
            devices: Devices::read(member(json, "devices")),
        }
    }
}

impl Object for Cpu {
    fn read(json: &Json) -> Self {
        Cpu {
            cores: small(json, "cores"),
            sockets: small(json, "sockets"),
            threads: small(json, "threads"),
        }
    }
}

impl Object for Memory {
    fn read(json: &Json) -> Self {
        Memory {
            guest: json.string("guest"),
        }
    }
}

impl Object for Resources {
    fn read(json: &Json) -> Self {
        Resources {
            requests: map(member(json, "requests"), |v| Some(v.to_value())),
        }
    }
}

impl Object for Volume {
    fn read(json: &Json) -> Self {
        Volume {
            name: text(json, "name"),
            data_volume: optional(json, "dataVolume"),
            persistent_volume_claim: optional(json, "persistentVolumeClaim"),
        }
    }
}

impl Object for NamedRef {
    fn read(json: &Json) -> Self {
        NamedRef {
            name: text(json, "name"),
        }
    }
}

impl Object for ClaimRef {
    fn read(json: &Json) -> Self {
        ClaimRef {
            claim_name: text(json, "claimName"),
        }
    }
}

impl Object for DataVolumeTemplate {
    fn read(json: &Json) -> Self {
        DataVolumeTemplate {
            metadata: ObjectMeta::read(member(json, "metadata")),
            spec: member(json, "spec").to_value(),
        }
    }
}

impl Object for VmStatus {
    fn read(json: &Json) -> Self {
        VmStatus {
            printable_status: json.string("printableStatus"),
            conditions: items(json, "conditions"),
            volume_snapshot_statuses: items(json, "volumeSnapshotStatuses"),
            snapshot_in_progress: json.string("snapshotInProgress"),
            restore_in_progress: json.string("restoreInProgress"),
        }
    }
}

impl Object for VolumeSnapshotStatus {
    fn read(json: &Json) -> Self {
        VolumeSnapshotStatus {
            name: text(json, "name"),
            enabled: json.bool("enabled").unwrap_or_default(),
            reason: json.string("reason"),
        }
    }
}

impl Object for VirtualMachineSnapshot {
    fn read(json: &Json) -> Self {
        VirtualMachineSnapshot {
            metadata: ObjectMeta::read(member(json, "metadata")),
            spec: SnapshotSpec {
                source: TypedRef::read(member(member(json, "spec"), "source")),
            },
            status: optional(json, "status"),
        }
    }
}

impl Object for TypedRef {
    fn read(json: &Json) -> Self {
        TypedRef {
            api_group: json.string("apiGroup"),
            kind: text(json, "kind"),
            name: text(json, "name"),
        }
    }
}

impl Object for SnapshotStatus {
    fn read(json: &Json) -> Self {
        SnapshotStatus {
            phase: json.string("phase"),
            ready_to_use: json.bool("readyToUse"),
            creation_time: json.string("creationTime"),
            indications: strings(json, "indications"),
            error: optional(json, "error"),
            snapshot_volumes: optional(json, "snapshotVolumes"),
            conditions: items(json, "conditions"),
            virtual_machine_snapshot_content_name: json.string("virtualMachineSnapshotContentName"),
            source_indications: items(json, "sourceIndications"),
        }
    }
}

impl Object for SourceIndication {
    fn read(json: &Json) -> Self {
        SourceIndication {
            indication: text(json, "indication"),
            message: text(json, "message"),
        }
    }
}

impl Object for SnapshotError {
    fn read(json: &Json) -> Self {
        SnapshotError {
            message: json.string("message"),
        }
    }
}

impl Object for SnapshotVolumes {
    fn read(json: &Json) -> Self {
        SnapshotVolumes {
            included_volumes: strings(json, "includedVolumes"),
            excluded_volumes: strings(json, "excludedVolumes"),
        }
    }
}

impl Object for VirtualMachineRestore {
    fn read(json: &Json) -> Self {
        let spec = member(json, "spec");
        VirtualMachineRestore {
            metadata: ObjectMeta::read(member(json, "metadata")),
            spec: RestoreSpec {
                target: TypedRef::read(member(spec, "target")),
                virtual_machine_snapshot_name: text(spec, "virtualMachineSnapshotName"),
            },
            status: optional(json, "status"),
        }
    }
}

impl Object for RestoreStatus {
    fn read(json: &Json) -> Self {
        RestoreStatus {
            complete: json.bool("complete"),
            restore_time: json.string("restoreTime"),
            conditions: items(json, "conditions"),
        }
    }
}

impl Object for VirtualMachineClone {
    fn read(json: &Json) -> Self {
        let spec = member(json, "spec");
        VirtualMachineClone {
            metadata: ObjectMeta::read(member(json, "metadata")),
            spec: CloneSpec {
                source: TypedRef::read(member(spec, "source")),
                target: TypedRef::read(member(spec, "target")),
            },
            status: optional(json, "status"),
        }
    }
}

impl Object for CloneStatus {
    fn read(json: &Json) -> Self {
        CloneStatus {
            phase: json.string("phase"),
            target_name: json.string("targetName"),
            conditions: items(json, "conditions"),
        }
    }
}

impl Object for VirtualMachineInstance {
    fn read(json: &Json) -> Self {
        VirtualMachineInstance {
            status: VmiStatus {
                conditions: items(member(json, "status"), "conditions"),
            },
        }
    }
}

impl Object for VolumeSnapshot {
    fn read(json: &Json) -> Self {
        let metadata = member(json, "metadata");
        VolumeSnapshot {
            metadata: OwnedMeta {
                name: text(metadata, "name"),
                owner_references: items(metadata, "ownerReferences"),
            },
            status: optional(json, "status"),
        }
    }
}

impl Object for OwnerReference {
    fn read(json: &Json) -> Self {
        OwnerReference {
            kind: text(json, "kind"),
            name: text(json, "name"),
        }
    }
}

impl Object for VolumeSnapshotState {
    fn read(json: &Json) -> Self {
        VolumeSnapshotState {
            ready_to_use: json.bool("readyToUse"),
            restore_size: json.string("restoreSize"),
        }
    }
}

impl Object for ContentBackups {
    fn read(json: &Json) -> Self {
        ContentBackups {
            spec: ContentBackupsSpec {
                volume_backups: items(member(json, "spec"), "volumeBackups"),
            },
        }
    }
}

impl Object for VolumeBackupName {
    fn read(json: &Json) -> Self {
        VolumeBackupName {
            volume_snapshot_name: json.string("volumeSnapshotName"),
        }
    }
}
