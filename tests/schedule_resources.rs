//! The schedule extension resources: the adapters read the documented examples of
//! `testdata/schedule.*` (shown in the README) and write requests in their shape.

mod common;

use vm_snapshots::api::kubevirt::{map as kmap, write as kwrite};
use vm_snapshots::api::ovirt::{self, write as owrite};
use vm_snapshots::config::Format;
use vm_snapshots::model::request::DiskChoice;
use vm_snapshots::model::{Vm, VmStatus};

fn example(file: &str) -> String {
    std::fs::read_to_string(format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn paths(xml: &str) -> std::collections::BTreeSet<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| {
            n.ancestors()
                .filter(|a| a.is_element())
                .map(|a| a.tag_name().name().to_string())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

#[test]
fn the_ovirt_example_reads_as_a_schedule_and_requests_use_its_elements() {
    let body = format!(
        "<snapshot_schedules>{}</snapshot_schedules>",
        example("schedule.ovirt.xml").split_once("-->").unwrap().1
    );
    let list = ovirt::parse_schedules(Format::Xml, "t", &body).unwrap();
    let s = &list[0];
    assert_eq!(s.name, "weekly backup");
    assert_eq!(s.rule.as_deref(), Some("0 2 * * 5"));
    assert_eq!(s.time_zone, "Europe/Prague");
    assert_eq!(s.start.to_rfc3339(), "2026-11-27T01:00:00+00:00");
    assert_eq!((s.keep, s.paused, s.memory), (4, false, false));
    assert_eq!(
        s.disks,
        DiskChoice::Only(vec!["7a1d2b63-9e2f-4d6c-8a4b-2c3d4e5f6072".into()])
    );
    assert_eq!(
        s.next_run.unwrap().to_rfc3339(),
        "2026-12-04T01:00:00+00:00"
    );
    assert_eq!(s.produced, ["d0c00000-0002-4002-8002-000000000002"]);
    assert_eq!(s.vm_id, "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35");

    let request = owrite::schedule(Format::Xml, s);
    let ours = paths(&request);
    let documented = paths(example("schedule.ovirt.xml").split_once("-->").unwrap().1);
    assert!(
        ours.is_subset(&documented),
        "{:?}",
        ours.difference(&documented).collect::<Vec<_>>()
    );
    assert!(request.contains("<start_time>2026-11-27T01:00:00.000Z</start_time>"));
    // In the JSON form, the date is epoch milliseconds.
    let json: serde_json::Value = serde_json::from_str(&owrite::schedule(Format::Json, s)).unwrap();
    assert_eq!(json["start_time"], "1795741200000");
    assert_eq!(json["time_zone"]["name"], "Europe/Prague");
}

#[test]
fn the_kubevirt_example_reads_as_a_schedule_and_requests_are_its_spec() {
    let v: serde_json::Value = serde_json::from_str(&example("schedule.kubevirt.json")).unwrap();
    let s = kmap::schedule(&v).unwrap();
    assert_eq!(
        (s.name.as_str(), s.vm_id.as_str()),
        ("weekly-backup", "rhel9-db")
    );
    assert_eq!(s.rule.as_deref(), Some("0 2 * * 5"));
    assert_eq!(s.keep, 4);
    assert_eq!(s.produced, ["weekly-backup-20261127-0200"]);
    let vm = Vm {
        namespace: Some("default".into()),
        ..common::vm("rhel9-db", VmStatus::Stopped, Vec::new())
    };
    let ours = kwrite::schedule("default", &vm, &s);
    for key in [
        "vmSelector",
        "disabled",
        "schedule",
        "startTime",
        "timeZone",
        "retention",
    ] {
        assert_eq!(ours["spec"][key], v["spec"][key], "{key}");
    }
    assert_eq!(ours["metadata"], v["metadata"]);
}
