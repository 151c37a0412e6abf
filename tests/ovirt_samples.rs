//! The oVirt adapter reads the real engine bodies in `../shared/api-samples/ovirt/`.

mod common;

use common::{sample, txt_body};
use vm_snapshots::api::http::Response;
use vm_snapshots::api::ovirt::{self, map};
use vm_snapshots::api::ApiError;
use vm_snapshots::config::Format;
use vm_snapshots::model::{SnapshotStatus, VmStatus};

fn snapshots(file: &str) -> Vec<vm_snapshots::model::Snapshot> {
    ovirt::parse_snapshots(Format::Xml, file, &sample(&format!("ovirt/{file}")))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn names(list: &[vm_snapshots::model::Snapshot]) -> Vec<&str> {
    list.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn a_vm_in_preview_lists_only_the_previewed_user_snapshot() {
    let list = snapshots("01_GET_vm_snapshots_in_preview.xml");
    assert_eq!(names(&list), ["prova"]);
    assert_eq!(list[0].status, SnapshotStatus::InPreview);
    assert_eq!(list[0].id, "0a66f7f7-d99d-4e99-99ec-5410b8ed28cd");
}

#[test]
fn memory_snapshots_keep_their_offsets_and_memory_flag() {
    let list = snapshots("04_GET_vm_snapshots_two_regular_with_memory.xml");
    assert_eq!(names(&list), ["first", "second"]);
    assert!(list
        .iter()
        .all(|s| s.has_memory && s.status == SnapshotStatus::Ok));
    let first = list[0].created.unwrap();
    assert_eq!(first.offset().local_minus_utc(), 3600);
    assert_eq!(first.timestamp_millis(), 1_582_112_624_755);
}

#[test]
fn of_four_unsorted_rows_the_three_user_snapshots_are_listed_in_engine_order() {
    let list = snapshots("06_GET_vm_snapshots_four_unsorted.xml");
    assert_eq!(names(&list), ["snap1", "snap2", "snap4"]);
}

#[test]
fn a_snapshot_without_type_is_tolerated_and_not_shown() {
    let list = snapshots("07_GET_vm_snapshots_next_run_no_snapshot_type.xml");
    assert!(!names(&list).contains(&"Next Run configuration snapshot"));
}

#[test]
fn a_vm_without_user_snapshots_has_an_empty_list() {
    assert!(snapshots("08_GET_vm_snapshots_active_only.xml").is_empty());
}

#[test]
fn a_running_vms_memory_snapshot_is_read() {
    let list = snapshots("09_GET_vm_snapshots_active_plus_memory_snapshot.xml");
    assert_eq!(list.len(), 1);
    assert!(list[0].has_memory);
}

#[test]
fn delete_removes_the_snapshot_from_the_list() {
    let before = snapshots("17_GET_vm_snapshots_before_delete.xml");
    let after = snapshots("18_GET_vm_snapshots_after_delete.xml");
    assert_eq!(before.len(), after.len() + 1);
}

#[test]
fn snapshot_disks_carry_their_image_ids_and_sizes() {
    let body = sample("ovirt/05_GET_snapshot_disks_three_disks.xml");
    let disks = ovirt::parse_disks(Format::Xml, "05", &body).unwrap();
    assert_eq!(disks.len(), 3);
    assert_eq!(disks[0].name, "deb10_Disk1");
    assert_eq!(disks[0].size_bytes, Some(8_589_934_592));
    assert_eq!(
        disks[0].image_id.as_deref(),
        Some("9074ef9f-803f-4521-a7e3-163575122249")
    );
    for file in [
        "02_GET_snapshot_disks_of_in_preview_snapshot.xml",
        "03_GET_snapshot_disks_of_preview_type_snapshot.xml",
        "10_GET_snapshot_disks_single.xml",
        "16_GET_disks_excerpt_memory_snapshot_volumes.xml",
    ] {
        let disks =
            ovirt::parse_disks(Format::Xml, file, &sample(&format!("ovirt/{file}"))).unwrap();
        assert!(!disks.is_empty(), "{file}");
        assert!(disks.iter().all(|d| d.image_id.is_some()), "{file}");
    }
    let preview = ovirt::parse_disks(
        Format::Xml,
        "02",
        &sample("ovirt/02_GET_snapshot_disks_of_in_preview_snapshot.xml"),
    )
    .unwrap();
    let before = ovirt::parse_disks(
        Format::Xml,
        "03",
        &sample("ovirt/03_GET_snapshot_disks_of_preview_type_snapshot.xml"),
    )
    .unwrap();
    assert_eq!(preview[0].id, before[0].id);
    assert_ne!(preview[0].image_id, before[0].image_id);
}

#[test]
fn the_empty_collection_form_is_an_empty_list() {
    let disks = ovirt::parse_disks(
        Format::Xml,
        "11",
        &sample("ovirt/11_GET_snapshot_disks_empty.xml"),
    )
    .unwrap();
    assert!(disks.is_empty());
}

#[test]
fn a_stopped_vm_in_preview_reads_as_stopped() {
    let vm = ovirt::parse_vm(
        Format::Xml,
        "12",
        &sample("ovirt/12_GET_vms_excerpt_vm_down_while_previewing.xml"),
    )
    .unwrap();
    assert_eq!(vm.name, "vm_off");
    assert_eq!(vm.status, VmStatus::Stopped);
    assert_eq!(vm.guest_agent, None);
    assert_eq!(vm.memory_bytes, Some(1_073_741_824));
    assert_eq!(vm.os.as_deref(), Some("debian_7"));
}

#[test]
fn a_running_vm_with_an_agent_reads_as_running_with_agent() {
    let vm = ovirt::parse_vm(Format::Xml, "13", &sample("ovirt/13_GET_vm_up.xml")).unwrap();
    assert_eq!(vm.name, "vm_on");
    assert_eq!(vm.status, VmStatus::Running);
    assert_eq!(vm.guest_agent, Some(true));
    assert_eq!(vm.cpus, Some(2));
}

#[test]
fn disk_attachments_without_follow_give_disk_ids() {
    let disks = ovirt::parse_disk_attachments(
        Format::Xml,
        "14",
        &sample("ovirt/14_GET_vm_diskattachments_three_disks.xml"),
    )
    .unwrap();
    let ids: Vec<&str> = disks.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "36b02b75-fcbd-42c1-818f-82ec90d4780b",
            "d9ba0873-5d5e-464a-945d-132bccba49fd",
            "55e644df-ca85-4ff4-ab5f-33885e90a17d"
        ]
    );
    assert!(disks.iter().all(|d| d.snapshottable));
    let during_preview = ovirt::parse_disk_attachments(
        Format::Xml,
        "15",
        &sample("ovirt/15_GET_vm_diskattachments_vm_in_preview.xml"),
    )
    .unwrap();
    assert_eq!(during_preview.len(), 1);
}

fn failed(status: u16, body: String) -> ApiError {
    ovirt::error_from(&Response {
        url: "test".into(),
        status,
        status_text: String::new(),
        content_type: String::new(),
        body,
    })
}

#[test]
fn a_documented_xml_fault_shows_reason_and_detail() {
    let e = failed(400, sample("ovirt/27_fault_documented.xml"));
    assert_eq!(
        e,
        ApiError::Backend {
            status: 400,
            reason: "Incomplete parameters".into(),
            detail: Some("Vm [name] required for add".into())
        }
    );
}

#[test]
fn a_real_json_fault_shows_reason_and_unbracketed_detail() {
    let e = failed(
        400,
        txt_body("ovirt/20_fault_json_ovirt-web-ui-issue-570.json.txt"),
    );
    let ApiError::Backend { reason, detail, .. } = e else {
        panic!("not a backend error")
    };
    assert_eq!(reason, "Operation Failed");
    assert!(detail
        .unwrap()
        .starts_with("Can not add VM. The given name contains special characters."));
}

#[test]
fn a_fault_inside_an_action_is_found() {
    let body = sample("ovirt/30_action_response_shapes_DERIVED.xml");
    let doc = roxmltree::Document::parse(&body).unwrap();
    let failed_action = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("action"))
        .find(|n| n.children().any(|c| c.has_tag_name("fault")))
        .unwrap();
    let (reason, detail) = map::fault(failed_action).unwrap();
    assert_eq!(reason, "Operation Failed");
    assert_eq!(
        detail.as_deref(),
        Some("Cannot preview Snapshot. At least one of the VMs is not down.")
    );
}

#[test]
fn an_empty_bracketed_detail_says_nothing() {
    assert_eq!(map::fault_detail("[]"), None);
    assert_eq!(
        map::fault_detail(
            "[Cannot ${action} Storage. Storage Domain OVF data is currently being updated.]"
        )
        .as_deref(),
        Some("Cannot ${action} Storage. Storage Domain OVF data is currently being updated.")
    );
}

#[test]
fn a_truncated_body_is_a_typed_error_not_a_panic() {
    let body = sample("ovirt/19_POST_snapshot_restore_response_partial.xml");
    let cut = body
        .split("VERBATIM EXCERPT BEGINS (not well-formed because it is cut):")
        .nth(1)
        .unwrap();
    let cut = cut.split("VERBATIM EXCERPT ENDS").next().unwrap().trim();
    let e = ovirt::parse_snapshots(Format::Xml, "19", cut).unwrap_err();
    assert!(matches!(e, ApiError::Malformed { .. }), "{e:?}");
    assert!(e.to_string().contains("malformed XML"));
}

#[test]
fn a_wrong_root_element_is_a_typed_error() {
    let e = ovirt::parse_vms(Format::Xml, "u", "<html><body>login</body></html>").unwrap_err();
    assert!(
        e.to_string().contains("expected <vms> but got <html>"),
        "{e}"
    );
}

/// The JSON form: collections keyed by item name, numbers and booleans as strings, dates as
/// epoch milliseconds (the engine's JSON writer), unknown keys ignored.
#[test]
fn the_json_form_reads_like_the_xml_form() {
    let json = r#"{
      "snapshot": [
        { "id": "a1", "description": "Active VM", "date": 1582112868404, "snapshot_status": "ok",
          "snapshot_type": "active", "persist_memorystate": "false" },
        { "id": "f2", "href": "/ovirt-engine/api/vms/v/snapshots/f2", "description": "first",
          "date": 1582112624755, "snapshot_status": "locked", "snapshot_type": "regular",
          "persist_memorystate": "true", "unknown_future_field": {"x": "y"},
          "disks": { "disk": [ { "id": "d1", "alias": "disk1", "image_id": "i1", "provisioned_size": "8589934592" } ] } }
      ]
    }"#;
    let list = ovirt::parse_snapshots(Format::Json, "j", json).unwrap();
    assert_eq!(list.len(), 1);
    let s = &list[0];
    assert_eq!((s.id.as_str(), s.name.as_str()), ("f2", "first"));
    assert_eq!(s.status, SnapshotStatus::Locked);
    assert!(s.has_memory);
    assert_eq!(s.created.unwrap().timestamp_millis(), 1_582_112_624_755);
    assert_eq!(s.disks[0].size_bytes, Some(8_589_934_592));
    assert!(ovirt::parse_snapshots(Format::Json, "j", "{}")
        .unwrap()
        .is_empty());
    let vms = ovirt::parse_vms(Format::Json, "j", r#"{"vm": [{"id": "v", "name": "n", "status": "up",
        "memory": "1073741824", "cpu": {"topology": {"cores": "2", "sockets": "2", "threads": "1"}}}]}"#).unwrap();
    assert_eq!(vms[0].cpus, Some(4));
    assert_eq!(vms[0].memory_bytes, Some(1_073_741_824));
    assert_eq!(vms[0].guest_agent, Some(false));
}

#[test]
fn malformed_json_is_a_typed_error() {
    let e = ovirt::parse_vms(Format::Json, "u", "{\"vm\": [").unwrap_err();
    assert!(e.to_string().contains("malformed JSON"), "{e}");
    let e = ovirt::parse_vms(Format::Json, "u", "[1, 2]").unwrap_err();
    assert!(matches!(e, ApiError::Malformed { .. }));
}

#[test]
fn an_http_error_without_a_fault_still_reads() {
    let e = ovirt::error_from(&Response {
        url: "u".into(),
        status: 502,
        status_text: "Bad Gateway".into(),
        content_type: "text/html".into(),
        body: "<html><body>proxy error</body></html>".into(),
    });
    assert_eq!(
        e,
        ApiError::Backend {
            status: 502,
            reason: "Bad Gateway".into(),
            detail: None
        }
    );
    assert_eq!(failed(401, String::new()), ApiError::Unauthorized);
}

#[test]
fn a_locked_vm_says_what_it_is_doing_from_its_snapshots() {
    use vm_snapshots::model::OperationKind;
    let mut list = snapshots("06_GET_vm_snapshots_four_unsorted.xml");
    assert_eq!(map::operation_of(&list), None, "nothing locked");
    // The newest snapshot locked: it is being taken.
    let newest = list
        .iter()
        .enumerate()
        .max_by_key(|(_, s)| s.created)
        .unwrap()
        .0;
    list[newest].status = SnapshotStatus::Locked;
    let op = map::operation_of(&list).unwrap();
    assert_eq!(
        (op.kind, op.subject.as_deref()),
        (OperationKind::Snapshot, Some(list[newest].name.as_str()))
    );
    // An older one locked: the VM is being restored to it.
    list[newest].status = SnapshotStatus::Ok;
    let oldest = list
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.created)
        .unwrap()
        .0;
    list[oldest].status = SnapshotStatus::Locked;
    assert_eq!(
        map::operation_of(&list).unwrap().kind,
        OperationKind::Restore
    );
}

#[test]
fn a_snapshot_listed_with_its_disks_is_as_large_as_their_actual_sizes() {
    // `snapshots?follow=disks` embeds each snapshot's disks as `disks` answers them (sample 05).
    let list = sample("ovirt/04_GET_vm_snapshots_two_regular_with_memory.xml");
    let disks = sample("ovirt/05_GET_snapshot_disks_three_disks.xml");
    let disks = &disks[disks.find("<disks>").unwrap()..];
    let at = list.find("<description>first</description>").unwrap();
    let body = format!("{}{disks}{}", &list[..at], &list[at..]);
    let listed = ovirt::parse_snapshots(Format::Xml, "04+05", &body).unwrap();
    let first = listed.iter().find(|s| s.name == "first").unwrap();
    assert_eq!(first.disks.len(), 3);
    assert_eq!(first.size_bytes, Some(2_147_483_648));
    // Listed without its disks, a snapshot does not say its size.
    let second = listed.iter().find(|s| s.name != "first").unwrap();
    assert_eq!(second.size_bytes, None);
    assert_eq!(
        vm_snapshots::model::snapshot::total_size(&listed),
        Some((2_147_483_648, 1))
    );
}
