//! oVirt's custom preview: the grid's rules, and the rows read from the engine's answers.

mod common;

use vm_snapshots::api::kubevirt::map::snapshot_config;
use vm_snapshots::api::ovirt::parse_preview_sources;
use vm_snapshots::config::Format;
use vm_snapshots::model::preview::{Grid, PreviewSources, ResultDisk};
use vm_snapshots::model::{Snapshot, SnapshotDisk, SnapshotStatus, VmDisk, VmStatus};

fn disk(id: &str, image: &str) -> SnapshotDisk {
    SnapshotDisk {
        id: id.into(),
        name: format!("{id}-name"),
        size_bytes: None,
        image_id: Some(image.into()),
    }
}

fn row(id: &str, name: &str, memory: bool, disks: Vec<SnapshotDisk>) -> Snapshot {
    Snapshot {
        has_memory: memory,
        disks,
        ..Snapshot::new(id, name, SnapshotStatus::Ok)
    }
}

/// The Active VM with disks boot and data; "old" has both (and memory); "boot-only" has boot.
fn grid() -> Grid {
    Grid::new(vec![
        row(
            "active",
            "Active VM",
            false,
            vec![disk("boot", "b0"), disk("data", "d0")],
        ),
        row(
            "old",
            "old",
            true,
            vec![disk("boot", "b1"), disk("data", "d1")],
        ),
        row("boot-only", "boot-only", false, vec![disk("boot", "b2")]),
    ])
}

#[test]
fn the_grid_starts_from_the_vm_as_it_is_which_is_not_a_preview() {
    let g = grid();
    assert_eq!(g.config, 0);
    assert!(g.is_checked(0, "boot") && g.is_checked(0, "data"));
    assert!(g.problem().is_some());
}

#[test]
fn configuration_from_one_snapshot_and_a_disk_from_another() {
    let mut g = grid();
    g.select_config(1);
    g.toggle_disk(2, "boot");
    assert!(g.is_checked(2, "boot"));
    assert!(!g.is_checked(0, "boot"), "a disk comes from one row only");
    assert_eq!(g.problem(), None);
    let outcome = g.outcome();
    assert_eq!(outcome.config_from, "old");
    assert!(outcome.memory, "memory follows the configuration's row");
    assert_eq!(
        outcome.disks,
        vec![
            ResultDisk {
                name: "boot-name".into(),
                from: Some("boot-only".into())
            },
            ResultDisk {
                name: "data-name".into(),
                from: Some("Active VM".into())
            },
        ]
    );
    let request = g.request();
    assert_eq!(request.snapshot_id, "old");
    assert!(request.restore_memory);
    let sent: Vec<_> = request
        .disks
        .iter()
        .map(|d| {
            (
                d.disk_id.as_str(),
                d.snapshot_id.as_str(),
                d.image_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        sent,
        vec![("boot", "boot-only", "b2"), ("data", "active", "d0")]
    );
}

#[test]
fn a_disk_may_be_left_out_and_a_row_without_it_cannot_take_it() {
    let mut g = grid();
    g.toggle_disk(0, "data");
    assert_eq!(g.outcome().disks[1].from, None);
    assert!(g.request().disks.iter().all(|d| d.disk_id != "data"));
    g.toggle_disk(2, "data");
    assert_eq!(
        g.outcome().disks[1].from,
        None,
        "boot-only has no data disk"
    );
}

#[test]
fn a_double_click_takes_the_whole_row() {
    let mut g = grid();
    g.select_row(1);
    assert_eq!(g.config, 1);
    assert!(g.is_checked(1, "boot") && g.is_checked(1, "data"));
    // A row without a disk leaves that disk where it was.
    g.select_row(2);
    assert_eq!(g.config, 2);
    assert!(g.is_checked(2, "boot") && g.is_checked(1, "data"));
    assert!(!g.outcome().memory);
}

#[test]
fn the_engines_snapshot_list_gives_the_rows_and_the_running_preview() {
    let body = common::sample("ovirt/01_GET_vm_snapshots_in_preview.xml");
    let mut vm = common::vm("legacy", VmStatus::Stopped, Vec::new());
    vm.disks = vec![VmDisk {
        id: "disk-1".into(),
        name: "legacy_Disk1".into(),
        size_bytes: None,
        snapshottable: true,
        reason: None,
        image_id: Some("img-now".into()),
    }];
    let sources: PreviewSources =
        parse_preview_sources(Format::Xml, "snapshots", &body, &vm).expect("parses");
    assert_eq!(sources.active.name, "Active VM");
    assert_eq!(sources.active.disks.len(), 1);
    assert_eq!(sources.active.disks[0].image_id.as_deref(), Some("img-now"));
    assert!(sources.before_preview.is_some());
    assert_eq!(sources.in_preview().map(|s| s.name.as_str()), Some("prova"));
    assert_eq!(sources.rows()[0].name, "Active VM");
    let previewed = sources.previewed().expect("a preview runs");
    assert_eq!(previewed.config.name, "prova");
}

#[test]
fn a_list_without_the_active_vm_row_is_malformed() {
    let vm = common::vm("v", VmStatus::Stopped, Vec::new());
    let err = parse_preview_sources(Format::Xml, "snapshots", "<snapshots/>", &vm).unwrap_err();
    assert!(err.to_string().contains("Active VM"), "{err}");
}

#[test]
fn a_kubevirt_snapshot_content_gives_the_configuration_it_holds() {
    let body = common::sample("kubevirt/vmsnapshotcontent.composite.json");
    let content: serde_json::Value = serde_json::from_str(&body).unwrap();
    let config = snapshot_config(&content).expect("maps");
    assert_eq!(config.cpus, Some(1));
    assert_eq!(config.memory_bytes, Some(2 * 1024 * 1024 * 1024));
    assert_eq!(config.nics, Some(vec!["default (pod network)".to_string()]));
    assert!(snapshot_config(&serde_json::json!({"spec": {}})).is_err());
}
