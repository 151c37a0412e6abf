//! The oVirt adapter writes the request bodies the API documents (`../shared/api-samples/ovirt/`
//! 22–26 and 29), in XML and in the JSON form.

mod common;

use common::sample;
use vm_snapshots::api::ovirt::write;
use vm_snapshots::config::Format;
use vm_snapshots::model::request::*;

/// A canonical form of an element: name, id, trimmed text, and children sorted (the engine reads
/// children by name, in any order), leaving out the elements `drop` names ("image_id") or names
/// under their parent ("disk/snapshot").
fn canon(node: roxmltree::Node, drop: &[&str]) -> String {
    let parent = node.tag_name().name();
    let mut kids: Vec<String> = node
        .children()
        .filter(|c| c.is_element())
        .filter(|c| {
            let name = c.tag_name().name();
            !drop.contains(&name) && !drop.contains(&format!("{parent}/{name}").as_str())
        })
        .map(|c| canon(c, drop))
        .collect();
    kids.sort();
    let text: String = node
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect::<String>()
        .trim()
        .to_string();
    format!(
        "{}[{}]({}){{{}}}",
        node.tag_name().name(),
        node.attribute("id").unwrap_or(""),
        text,
        kids.join(",")
    )
}

fn canon_str(xml: &str, drop: &[&str]) -> String {
    canon(
        roxmltree::Document::parse(xml).unwrap().root_element(),
        drop,
    )
}

/// The `n`th documented alternative of a `<samples>` file.
fn alternative(file: &str, n: usize) -> String {
    let text = sample(&format!("ovirt/{file}"));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    let node = if root.has_tag_name("samples") {
        root.children().filter(|c| c.is_element()).nth(n).unwrap()
    } else {
        root
    };
    text[node.range()].to_string()
}

fn snap(disks: DiskChoice, memory: bool) -> NewSnapshot {
    NewSnapshot {
        name: "My snapshot".into(),
        description: String::new(),
        disks,
        memory,
        failure_deadline: None,
    }
}

#[test]
fn create_snapshot_bodies_are_the_documented_ones() {
    let file = "22_POST_snapshots_create_requests_documented.xml";
    assert_eq!(
        canon_str(
            &write::create_snapshot(Format::Xml, &snap(DiskChoice::All, true)),
            &[]
        ),
        canon_str(&alternative(file, 0), &[])
    );
    // The documented subset form also names an image (optional, for backup tools): we send ids only.
    assert_eq!(
        canon_str(
            &write::create_snapshot(
                Format::Xml,
                &snap(DiskChoice::Only(vec!["123".into()]), true)
            ),
            &[]
        ),
        canon_str(&alternative(file, 1), &["image_id"])
    );
    assert_eq!(
        canon_str(
            &write::create_snapshot(Format::Xml, &snap(DiskChoice::All, false)),
            &[]
        ),
        canon_str(&alternative(file, 2), &[])
    );
    // A configuration-only snapshot: an empty disk_attachments.
    assert!(
        write::create_snapshot(Format::Xml, &snap(DiskChoice::Only(vec![]), false))
            .contains("<disk_attachments/>")
    );
}

#[test]
fn restore_bodies_are_the_documented_ones_with_restore_memory_always_explicit() {
    let file = "23_POST_snapshot_restore_requests_documented.xml";
    let all = write::restore(
        Format::Xml,
        &RestoreRequest {
            restore_memory: false,
            disks: DiskChoice::All,
            stop_running: false,
            new_vm: None,
        },
        &[],
    );
    assert!(
        all.contains("<restore_memory>false</restore_memory>"),
        "{all}"
    );
    assert_eq!(
        canon_str(&all, &["restore_memory"]),
        canon_str(&alternative(file, 0), &[])
    );

    let images = vec![
        ("111".to_string(), "222".to_string()),
        ("333".to_string(), "444".to_string()),
    ];
    let some = write::restore(
        Format::Xml,
        &RestoreRequest {
            restore_memory: true,
            disks: DiskChoice::Only(vec!["111".into()]),
            stop_running: false,
            new_vm: None,
        },
        &images,
    );
    assert!(some.contains("<restore_memory>true</restore_memory>"));
    assert_eq!(
        canon_str(&some, &["restore_memory"]),
        canon_str(&alternative(file, 1), &[])
    );
}

#[test]
fn a_custom_preview_names_the_configuration_and_each_disks_snapshot() {
    let request = PreviewRequest {
        snapshot_id: "456".into(),
        restore_memory: false,
        disks: vec![PreviewDisk {
            disk_id: "111".into(),
            snapshot_id: "789".into(),
            image_id: "222".into(),
        }],
    };
    let body = write::preview(Format::Xml, &request);
    // The v4 documented body: the disks with their images, and the configuration's snapshot…
    assert_eq!(
        canon_str(&body, &["restore_memory", "disk/snapshot"]),
        canon_str(
            &alternative("24_POST_vm_previewsnapshot_request_documented.xml", 0),
            &[]
        )
    );
    // …plus, per disk, the snapshot it comes from, and restore_memory: the feature page's custom
    // preview, whose placeholders stand where our values are.
    let placeholders = PreviewRequest {
        snapshot_id: "{snapshot_id}".into(),
        restore_memory: false,
        disks: vec![PreviewDisk {
            disk_id: "{disk_id}".into(),
            snapshot_id: "{snapshot_id}".into(),
            image_id: "`{image_id}`".into(),
        }],
    };
    assert_eq!(
        canon_str(
            &write::preview(Format::Xml, &placeholders),
            &["restore_memory"]
        ),
        canon_str(
            &alternative("25_POST_previewsnapshot_and_restore_feature_page_v3.xml", 2),
            &["restore_memory"]
        )
    );
    assert!(body.contains("<restore_memory>false</restore_memory>"));
}

#[test]
fn clone_and_template_bodies_are_the_documented_ones() {
    let file = "26_POST_clone_vm_and_template_from_snapshot_documented.xml";
    let vm = write::clone_vm(
        Format::Xml,
        "myvm",
        "",
        "266742a5-6a65-483c-816d-d2ce49746680",
        "c1",
    );
    // The documented body names the cluster by name; the adapter names the source VM's cluster by id.
    assert_eq!(
        canon_str(&vm, &["cluster", "description"]),
        canon_str(&alternative(file, 0), &["cluster"])
    );
    assert!(vm.contains("<cluster id=\"c1\"/>"));
    let template = write::template(
        Format::Xml,
        &NewTemplate {
            name: "mytemplate".into(),
            description: String::new(),
        },
        "123",
        "456",
    );
    assert_eq!(
        canon_str(&template, &["description"]),
        canon_str(&alternative(file, 2), &[])
    );
}

#[test]
fn commit_and_undo_send_an_empty_action() {
    assert_eq!(write::empty_action(Format::Xml), "<action/>");
    assert_eq!(write::empty_action(Format::Json), "{}");
}

#[test]
fn the_json_form_sends_booleans_as_strings_and_collections_keyed_by_item() {
    // ovirt-web-ui's JSON create body: {"description": ..., "persist_memorystate": "true"|"false"}.
    let v: serde_json::Value = serde_json::from_str(&write::create_snapshot(
        Format::Json,
        &snap(DiskChoice::Only(vec!["d1".into()]), false),
    ))
    .unwrap();
    assert_eq!(v["description"], "My snapshot");
    assert_eq!(v["persist_memorystate"], "false");
    assert_eq!(
        v["disk_attachments"]["disk_attachment"][0]["disk"]["id"],
        "d1"
    );
    let r: serde_json::Value = serde_json::from_str(&write::restore(
        Format::Json,
        &RestoreRequest {
            restore_memory: true,
            disks: DiskChoice::Only(vec!["d1".into()]),
            stop_running: false,
            new_vm: None,
        },
        &[("d1".into(), "i1".into())],
    ))
    .unwrap();
    assert_eq!(
        r,
        serde_json::json!({"restore_memory": "true", "disks": {"disk": [{"id": "d1", "image_id": "i1"}]}})
    );
}

#[test]
fn text_is_escaped() {
    let body = write::create_snapshot(
        Format::Xml,
        &NewSnapshot {
            name: "a<b & \"c\"".into(),
            ..snap(DiskChoice::All, true)
        },
    );
    assert_eq!(
        canon_str(&body, &[]),
        "snapshot[](){description[](a<b & \"c\"){}}"
    );
}
