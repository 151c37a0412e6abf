//! The seed: VMs of the kinds the design names, for each backend.

use crate::world::*;
use chrono::{DateTime, FixedOffset, Utc};

pub const NAMESPACE: &str = "default";
pub const CLUSTER: &str = "1930506d-e424-4a3e-8262-9c5d7bcd5125";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("seed dates are valid")
}

fn utc(s: &str) -> DateTime<Utc> {
    at(s).to_utc()
}

const GIB: u64 = 1024 * 1024 * 1024;

fn disk(id: &str, alias: &str, gib: u64, image_id: &str) -> OvirtDisk {
    OvirtDisk {
        id: id.into(),
        alias: alias.into(),
        provisioned_size: gib * GIB,
        actual_size: gib * GIB / 4,
        storage_type: "image".into(),
        shareable: false,
        bootable: false,
        interface: "virtio_scsi".into(),
        image_id: image_id.into(),
    }
}

fn active(id: &str, date: &str) -> OvirtSnapshot {
    OvirtSnapshot {
        id: id.into(),
        description: "Active VM".into(),
        date: at(date),
        status: "ok".into(),
        kind: Some("active".into()),
        persist_memory: false,
        disks: Vec::new(),
    }
}

fn regular(
    id: &str,
    description: &str,
    date: &str,
    memory: bool,
    disks: &[(&str, &str)],
) -> OvirtSnapshot {
    OvirtSnapshot {
        id: id.into(),
        description: description.into(),
        date: at(date),
        status: "ok".into(),
        kind: Some("regular".into()),
        persist_memory: memory,
        disks: disks
            .iter()
            .map(|(d, i)| (d.to_string(), i.to_string()))
            .collect(),
    }
}

pub fn ovirt() -> Vec<OvirtVm> {
    let mut web_boot = disk(
        "6f0c1a52-8d1e-4c5b-9f3a-1b2c3d4e5f60",
        "web-frontend_Disk1",
        20,
        "a1000000-0000-4000-8000-000000000001",
    );
    web_boot.bootable = true;
    let web_data = disk(
        "6f0c1a52-8d1e-4c5b-9f3a-1b2c3d4e5f61",
        "web-frontend_Disk2",
        50,
        "a1000000-0000-4000-8000-000000000002",
    );

    let mut db_boot = disk(
        "7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6071",
        "db-primary_Disk1",
        30,
        "b2000000-0000-4000-8000-000000000001",
    );
    db_boot.bootable = true;
    let db_data = disk(
        "7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6072",
        "db-primary_Disk2",
        200,
        "b2000000-0000-4000-8000-000000000002",
    );
    let mut db_lun = disk(
        "7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6073",
        "db-primary_shared_quorum",
        1,
        "b2000000-0000-4000-8000-000000000003",
    );
    db_lun.shareable = true;

    let legacy = disk(
        "d6fc6e5a-ad97-4062-b0f8-523841d31503",
        "legacy-app_Disk1",
        16,
        "c3000000-0000-4000-8000-000000000009",
    );

    vec![
        OvirtVm {
            id: "ca7e8d64-0fc7-45de-b258-ae471ea31056".into(),
            name: "web-frontend".into(),
            description: "Public web tier".into(),
            cluster: CLUSTER.into(),
            status: "up".into(),
            guest_agent: true,
            os: "rhel_9x64".into(),
            memory: 4 * GIB,
            sockets: 2,
            cores: 1,
            threads: 1,
            created: at("2026-03-02T10:00:00.000+01:00"),
            disks: vec![web_boot.clone(), web_data.clone()],
            snapshots: vec![
                regular(
                    "f244080d-0788-4714-bf8c-0d85567efda0",
                    "before-upgrade",
                    "2026-10-01T09:15:00.000+02:00",
                    true,
                    &[
                        (&web_boot.id, "a1000000-0000-4000-8000-0000000000a1"),
                        (&web_data.id, "a1000000-0000-4000-8000-0000000000a2"),
                    ],
                ),
                regular(
                    "129f9565-c090-44d6-8181-998e2f160c83",
                    "nightly 2026-11-20",
                    "2026-11-20T02:00:00.000+00:00",
                    false,
                    &[
                        (&web_boot.id, "a1000000-0000-4000-8000-0000000000b1"),
                        (&web_data.id, "a1000000-0000-4000-8000-0000000000b2"),
                    ],
                ),
                regular(
                    "3c5a7e91-2b4d-4f6a-8c1e-5d7f9b2a4c6e",
                    "post-patch",
                    "2026-11-05T16:40:00.000-05:00",
                    false,
                    &[(&web_boot.id, "a1000000-0000-4000-8000-0000000000c1")],
                ),
                active(
                    "2dc97444-22fa-47c9-972f-a947f6fa7b5d",
                    "2026-11-20T02:00:00.000+00:00",
                ),
            ],
        },
        OvirtVm {
            id: "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35".into(),
            name: "db-primary".into(),
            description: "PostgreSQL primary".into(),
            cluster: CLUSTER.into(),
            status: "down".into(),
            guest_agent: true,
            os: "rhel_8x64".into(),
            memory: 16 * GIB,
            sockets: 1,
            cores: 4,
            threads: 2,
            created: at("2025-07-14T08:30:00.000+02:00"),
            disks: vec![db_boot.clone(), db_data.clone(), db_lun],
            snapshots: vec![
                active(
                    "c1823dc1-f973-4721-8a56-6662b8b0969c",
                    "2026-11-18T07:26:49.832+02:00",
                ),
                regular(
                    "ea03ec4c-9ebd-4fac-a373-0206fd4e6db8",
                    "snap-10",
                    "2026-11-18T07:26:49.832+02:00",
                    false,
                    &[
                        (&db_boot.id, "b2000000-0000-4000-8000-0000000000a1"),
                        (&db_data.id, "b2000000-0000-4000-8000-0000000000a2"),
                    ],
                ),
                regular(
                    "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081",
                    "snap-2",
                    "2026-09-02T11:00:00.000+00:00",
                    false,
                    &[
                        (&db_boot.id, "b2000000-0000-4000-8000-0000000000b1"),
                        (&db_data.id, "b2000000-0000-4000-8000-0000000000b2"),
                    ],
                ),
                regular(
                    "2c3d4e5f-6071-4829-8b3c-4d5e6f708192",
                    "Snap-1 baseline",
                    "2026-06-30T23:30:00.000-07:00",
                    false,
                    &[
                        (&db_boot.id, "b2000000-0000-4000-8000-0000000000c1"),
                        (&db_data.id, "b2000000-0000-4000-8000-0000000000c2"),
                    ],
                ),
                regular(
                    "3d4e5f60-7182-4930-9c4d-5e6f708192a3",
                    "Édition finale",
                    "2026-10-12T12:00:00.000+09:00",
                    false,
                    &[(&db_data.id, "b2000000-0000-4000-8000-0000000000d2")],
                ),
            ],
        },
        OvirtVm {
            id: "a99773ed-28a3-4370-8240-df9e732bc3e1".into(),
            name: "legacy-app".into(),
            description: "Previewing a snapshot".into(),
            cluster: CLUSTER.into(),
            status: "down".into(),
            guest_agent: false,
            os: "debian_7".into(),
            memory: GIB,
            sockets: 1,
            cores: 1,
            threads: 1,
            created: at("2020-02-03T18:51:47.000+01:00"),
            disks: vec![legacy.clone()],
            snapshots: vec![
                active(
                    "85ea2da2-f7ae-4df9-bcbb-ca07d81a4712",
                    "2026-11-13T17:10:37.409+01:00",
                ),
                regular(
                    "9e8d7c6b-5a49-4382-8716-05f4e3d2c1b0",
                    "initial install",
                    "2026-01-10T09:00:00.000+01:00",
                    false,
                    &[(&legacy.id, "c3000000-0000-4000-8000-000000000001")],
                ),
                OvirtSnapshot {
                    status: "in_preview".into(),
                    ..regular(
                        "0a66f7f7-d99d-4e99-99ec-5410b8ed28cd",
                        "prova",
                        "2026-11-13T17:10:37.409+01:00",
                        false,
                        &[(&legacy.id, "c3000000-0000-4000-8000-000000000002")],
                    )
                },
                OvirtSnapshot {
                    kind: Some("preview".into()),
                    ..regular(
                        "4b5c6d7e-8f90-41a2-b3c4-d5e6f7a8b9c0",
                        "Active VM before the preview",
                        "2026-11-13T17:12:00.000+01:00",
                        false,
                        &[(&legacy.id, "c3000000-0000-4000-8000-000000000003")],
                    )
                },
            ],
        },
        OvirtVm {
            id: "8070fa6d-5b82-412c-9d41-a00017205c73".into(),
            name: "scratch-vm".into(),
            description: "Diskless, no guest agent".into(),
            cluster: CLUSTER.into(),
            status: "up".into(),
            guest_agent: false,
            os: "other_linux".into(),
            memory: 2 * GIB,
            sockets: 1,
            cores: 2,
            threads: 1,
            created: at("2026-11-01T12:00:00.000+00:00"),
            disks: Vec::new(),
            snapshots: vec![active(
                "e4a01e51-c7dc-4cfd-b1c3-b3cb0653333c",
                "2026-11-01T12:00:00.000+00:00",
            )],
        },
    ]
}

fn data_volume(name: &str, dv: &str, size: &str) -> KubeVolume {
    KubeVolume {
        name: name.into(),
        source: VolumeSource::DataVolume {
            name: dv.into(),
            size: size.into(),
        },
        not_snapshottable: None,
    }
}

fn cloud_init() -> KubeVolume {
    KubeVolume {
        name: "cloudinitdisk".into(),
        source: VolumeSource::CloudInit,
        not_snapshottable: Some(
            "Snapshot is not supported for this volumeSource type [cloudinitdisk]".into(),
        ),
    }
}

struct SnapSeed<'a> {
    name: &'a str,
    vm: &'a KubeVm,
    description: Option<&'a str>,
    created: &'a str,
    phase: &'a str,
    indications: &'a [(&'a str, &'a str)],
    error: Option<&'a str>,
}

fn kube_snapshot(s: SnapSeed, n: u32) -> KubeSnapshot {
    let ok = s.phase == "Succeeded";
    let (included, excluded) =
        s.vm.volumes
            .iter()
            .fold((vec![], vec![]), |(mut inc, mut exc), v| {
                if v.not_snapshottable.is_none() {
                    inc.push(v.name.clone())
                } else {
                    exc.push(v.name.clone())
                }
                (inc, exc)
            });
    KubeSnapshot {
        name: s.name.into(),
        namespace: NAMESPACE.into(),
        uid: format!("5e1f0000-0000-4000-8000-{n:012}"),
        vm: s.vm.name.clone(),
        vm_uid: s.vm.uid.clone(),
        description: s.description.map(str::to_string),
        created: utc(s.created),
        phase: s.phase.into(),
        ready: ok,
        indications: s
            .indications
            .iter()
            .map(|(i, m)| (i.to_string(), m.to_string()))
            .collect(),
        included: if ok { included } else { Vec::new() },
        excluded: if ok { excluded } else { Vec::new() },
        error: s.error.map(str::to_string),
        deadline: None,
        deadline_exceeded: false,
    }
}

pub fn kubevirt() -> (Vec<KubeVm>, Vec<KubeSnapshot>) {
    let vm = |name: &str,
              uid: &str,
              status: &str,
              agent: bool,
              cores: u64,
              memory: &str,
              os: &str,
              created: &str,
              volumes: Vec<KubeVolume>| KubeVm {
        name: name.into(),
        namespace: NAMESPACE.into(),
        uid: uid.into(),
        printable_status: status.into(),
        agent_connected: agent,
        cores,
        memory: memory.into(),
        os: os.into(),
        created: utc(created),
        volumes,
    };
    let fedora = vm(
        "fedora-web",
        "355897f3-73a0-4ec4-83d3-3c2df9486f4f",
        "Running",
        true,
        2,
        "4Gi",
        "fedora",
        "2026-08-08T13:40:00Z",
        vec![
            data_volume("rootdisk", "fedora-web-rootdisk", "30Gi"),
            data_volume("datadisk", "fedora-web-datadisk", "100Gi"),
            cloud_init(),
        ],
    );
    let rhel = vm(
        "rhel9-db",
        "4a6b8c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
        "Stopped",
        false,
        4,
        "16Gi",
        "rhel9",
        "2026-05-20T08:00:00Z",
        vec![
            data_volume("rootdisk", "rhel9-db-rootdisk", "40Gi"),
            data_volume("pgdata", "rhel9-db-pgdata", "250Gi"),
        ],
    );
    let windows = vm(
        "win-noagent",
        "6c8e0a2b-3d4f-4b5c-8d6e-7f8a9b0c1d2e",
        "Running",
        false,
        4,
        "8Gi",
        "windows2k22",
        "2026-09-15T10:00:00Z",
        vec![data_volume("rootdisk", "win-noagent-rootdisk", "80Gi")],
    );
    let empty = vm(
        "empty-vm",
        "7d9f1b3c-4e5a-4c6d-9e7f-8a9b0c1d2e3f",
        "Stopped",
        false,
        1,
        "1Gi",
        "cirros",
        "2026-11-02T09:00:00Z",
        vec![KubeVolume {
            name: "containerdisk".into(),
            source: VolumeSource::ContainerDisk {
                image: "quay.io/kubevirt/cirros-container-disk-demo".into(),
            },
            not_snapshottable: Some(
                "Snapshot is not supported for this volumeSource type [containerdisk]".into(),
            ),
        }],
    );
    let online = ("Online", "The VM was running when the snapshot was taken");
    let no_agent = (
        "NoGuestAgent",
        "No guest agent: the file systems were not frozen, so the snapshot is crash-consistent",
    );
    let with_agent = (
        "GuestAgent",
        "The guest agent froze the file systems during the snapshot",
    );
    let quiesce_timeout = (
        "QuiesceTimeout",
        "Freezing the file systems did not finish within the guest agent's timeout; they were thawed",
    );
    let paused = ("Paused", "The VM was paused when the snapshot was taken");
    let partial = (
        "PartialSnapshot",
        "Volume pgdata was not included: its storage class has no VolumeSnapshotClass",
    );
    let snapshots = vec![
        kube_snapshot(SnapSeed { name: "fedora-web-snapshot-20261001-091500", vm: &fedora, description: Some("before kernel upgrade"), created: "2026-10-01T07:15:02Z", phase: "Succeeded", indications: &[online, with_agent], error: None }, 1),
        kube_snapshot(SnapSeed { name: "fedora-web-snapshot-20261120-020000", vm: &fedora, description: None, created: "2026-11-20T02:00:03Z", phase: "Succeeded", indications: &[online, with_agent], error: None }, 2),
        kube_snapshot(SnapSeed { name: "fedora-web-snapshot-20261105-164000", vm: &fedora, description: Some("post-patch"), created: "2026-11-05T21:40:00Z", phase: "Succeeded", indications: &[online, with_agent, quiesce_timeout], error: None }, 3),
        kube_snapshot(SnapSeed { name: "rhel9-db-snap-10", vm: &rhel, description: Some("before schema migration"), created: "2026-11-18T05:26:49Z", phase: "Succeeded", indications: &[online, paused], error: None }, 4),
        kube_snapshot(SnapSeed { name: "rhel9-db-snap-2", vm: &rhel, description: None, created: "2026-09-02T11:00:00Z", phase: "Succeeded", indications: &[partial], error: None }, 5),
        kube_snapshot(SnapSeed { name: "rhel9-db-nightly-failed", vm: &rhel, description: Some("nightly"), created: "2026-11-19T02:00:00Z", phase: "Failed", indications: &[], error: Some("snapshot deadline exceeded: VolumeSnapshot rhel9-db-pgdata was not ready within 5m") }, 6),
        kube_snapshot(SnapSeed { name: "win-noagent-snapshot-20261110-120000", vm: &windows, description: Some("before updates"), created: "2026-11-10T12:00:04Z", phase: "Succeeded", indications: &[online, no_agent], error: None }, 7),
    ];
    (vec![fedora, rhel, windows, empty], snapshots)
}

/// Two VMs that changed since their oldest snapshot, as a Restore shows it: more CPUs and
/// memory, a grown disk, a NIC added.
fn held_then(world: &mut World) {
    use crate::world::{Held, Nic};
    let nic = |name: &str, network: &str| Nic {
        name: name.into(),
        network: network.into(),
    };
    // oVirt db-primary (now 1×4×2 CPUs, 16 GiB, Disk2 200 GiB, two NICs) at "Snap-1 baseline".
    let db = "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35";
    world.nics.insert(
        db.into(),
        vec![nic("nic1", "ovirtmgmt"), nic("nic2", "storage")],
    );
    world.held.insert(
        "2c3d4e5f-6071-4829-8b3c-4d5e6f708192".into(),
        Held {
            sockets: 1,
            cores: 2,
            threads: 2,
            memory_bytes: 8 * GIB,
            disk_sizes: vec![
                ("7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6071".into(), 30 * GIB),
                ("7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6072".into(), 100 * GIB),
            ],
            nics: vec![nic("nic1", "ovirtmgmt")],
        },
    );
    // KubeVirt fedora-web (now 2 cores, 4Gi, datadisk 100Gi, two interfaces) at its oldest.
    let fedora = "355897f3-73a0-4ec4-83d3-3c2df9486f4f";
    world.nics.insert(
        fedora.into(),
        vec![nic("default", "pod"), nic("storage", "storage-net")],
    );
    world.held.insert(
        "5e1f0000-0000-4000-8000-000000000001".into(),
        Held {
            sockets: 1,
            cores: 1,
            threads: 1,
            memory_bytes: 2 * GIB,
            disk_sizes: vec![("rootdisk".into(), 30 * GIB), ("datadisk".into(), 50 * GIB)],
            nics: vec![nic("default", "pod")],
        },
    );
}

/// The whole seeded world.
pub fn world() -> World {
    let (kube_vms, kube_snapshots) = kubevirt();
    let mut ovirt = ovirt();
    let many = ARCHIVE_SNAPSHOTS.load(std::sync::atomic::Ordering::Relaxed);
    ovirt.push(ovirt_archive(many));
    let (archive, archive_snapshots) = kube_archive(many);
    let mut kube_vms = kube_vms;
    kube_vms.push(archive);
    let mut kube_snapshots = kube_snapshots;
    kube_snapshots.extend(archive_snapshots);
    let mut world = World {
        ovirt,
        kube_vms,
        kube_snapshots,
        ..World::default()
    };
    held_then(&mut world);
    // A weekly backup of each backend's database VM, Fridays 02:00 in Prague, keeping 4.
    let weekly = |name: &str| crate::schedules::ScheduleSpec {
        name: name.into(),
        description: "Friday night, keep a month".into(),
        rule: Some("0 2 * * 5".into()),
        time_zone: "Europe/Prague".into(),
        start: utc("2026-11-06T01:00:00Z"),
        keep: 4,
        paused: false,
        memory: false,
        disks: None,
        pinned: Vec::new(),
    };
    let now = Utc::now();
    let ovirt_db = "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35";
    world
        .create_schedule(
            crate::world::ScheduleApi::Ovirt,
            "",
            ovirt_db,
            weekly("weekly backup"),
            now,
        )
        .expect("the seed schedule is valid");
    world
        .create_schedule(
            crate::world::ScheduleApi::Kube,
            NAMESPACE,
            "rhel9-db",
            weekly("weekly-backup"),
            now,
        )
        .expect("the seed schedule is valid");
    world
}

/// How many snapshots the archive VM of each backend has, unless `--archive-snapshots` says.
pub const MANY: usize = 2000;

/// How many snapshots the seed gives the archive VMs (`--archive-snapshots`, for the benchmark).
pub static ARCHIVE_SNAPSHOTS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(MANY);

/// The date of the `i`th of `n` archive snapshots: one every 6 hours back from 2026-11-20,
/// written in rotating offsets (the same instant can read differently in each).
fn archive_date(i: usize) -> DateTime<FixedOffset> {
    let utc = utc("2026-11-20T00:00:00Z") - chrono::Duration::hours(6 * i as i64);
    let offsets = [0, 3600, -5 * 3600, 9 * 3600 + 1800];
    utc.with_timezone(&FixedOffset::east_opt(offsets[i % offsets.len()]).expect("valid offset"))
}

/// A VM with `n` snapshots, for speed and paging.
pub fn ovirt_archive(n: usize) -> OvirtVm {
    let disk = disk(
        "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
        "archive-vm_Disk1",
        40,
        "e5000000-0000-4000-8000-000000000000",
    );
    let mut snapshots: Vec<OvirtSnapshot> = (0..n)
        .map(|i| OvirtSnapshot {
            id: format!("e5{i:06}-0000-4000-8000-{i:012}"),
            description: format!("archive-{}", i + 1),
            date: archive_date(i),
            status: "ok".into(),
            kind: Some("regular".into()),
            persist_memory: i % 10 == 0,
            disks: vec![(disk.id.clone(), format!("e5100000-0000-4000-8000-{i:012}"))],
        })
        .collect();
    snapshots.push(active(
        "e5ffffff-0000-4000-8000-ffffffffffff",
        "2026-11-20T00:00:00.000+00:00",
    ));
    OvirtVm {
        id: "b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e".into(),
        name: "archive-vm".into(),
        description: format!("{n} snapshots"),
        cluster: CLUSTER.into(),
        status: "down".into(),
        guest_agent: false,
        os: "rhel_9x64".into(),
        memory: 2 * GIB,
        sockets: 1,
        cores: 2,
        threads: 1,
        created: at("2025-01-01T00:00:00.000+00:00"),
        disks: vec![disk],
        snapshots,
    }
}

/// A KubeVirt VM with `n` snapshots.
pub fn kube_archive(n: usize) -> (KubeVm, Vec<KubeSnapshot>) {
    let vm = KubeVm {
        name: "archive-vm".into(),
        namespace: NAMESPACE.into(),
        uid: "8e0a2c4e-6f8a-4b0c-9d1e-2f3a4b5c6d7e".into(),
        printable_status: "Stopped".into(),
        agent_connected: false,
        cores: 2,
        memory: "2Gi".into(),
        os: "rhel9".into(),
        created: utc("2025-01-01T00:00:00Z"),
        volumes: vec![data_volume("rootdisk", "archive-vm-rootdisk", "40Gi")],
    };
    let snapshots = (0..n)
        .map(|i| {
            let created = archive_date(i).to_rfc3339();
            kube_snapshot(
                SnapSeed {
                    name: &format!("archive-vm-{}", i + 1),
                    vm: &vm,
                    description: None,
                    created: &created,
                    phase: "Succeeded",
                    indications: &[],
                    error: None,
                },
                1000 + i as u32,
            )
        })
        .collect();
    (vm, snapshots)
}
