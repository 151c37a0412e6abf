//! Every response body in `../shared/api-samples/` is read by an adapter; the request bodies are
//! held to by `ovirt_requests.rs` and `kubevirt_requests.rs`. A new sample fails this test until
//! it is given its reader.

mod common;

use common::{sample, samples_dir, txt_body};
use vm_snapshots::api::http::Response;
use vm_snapshots::api::kubevirt::{self, map as kmap, types};
use vm_snapshots::api::ovirt::{self, map};
use vm_snapshots::config::Format;

/// How each sample is used.
enum Use {
    /// A response body, with the check that reads it.
    Response(fn(&str)),
    /// A request body (tested where requests are written).
    Request,
    /// Free text describing the samples.
    Readme,
}

fn snapshots(file: &str) {
    ovirt::parse_snapshots(Format::Xml, file, &sample(&format!("ovirt/{file}"))).unwrap();
}

fn disks(file: &str) {
    ovirt::parse_disks(Format::Xml, file, &sample(&format!("ovirt/{file}"))).unwrap();
}

fn response(status: u16, body: String) -> Response {
    Response {
        url: "t".into(),
        status,
        status_text: String::new(),
        content_type: String::new(),
        body,
    }
}

fn kube<T: kubevirt::types::Object>(file: &str) -> T {
    kubevirt::parse(file, &sample(&format!("kubevirt/{file}"))).unwrap()
}

fn how(dir: &str, file: &str) -> Use {
    match (dir, file) {
        (_, "README.md") => Use::Readme,
        ("ovirt", f) if f.contains("_GET_vm_snapshots_") => Use::Response(snapshots),
        ("ovirt", f) if f.contains("_GET_snapshot_disks_") || f.contains("_GET_disks_") => {
            Use::Response(disks)
        }
        ("ovirt", "12_GET_vms_excerpt_vm_down_while_previewing.xml")
        | ("ovirt", "13_GET_vm_up.xml") => Use::Response(|f| {
            ovirt::parse_vm(Format::Xml, f, &sample(&format!("ovirt/{f}"))).unwrap();
        }),
        ("ovirt", f) if f.contains("_GET_vm_diskattachments_") => Use::Response(|f| {
            ovirt::parse_disk_attachments(Format::Xml, f, &sample(&format!("ovirt/{f}"))).unwrap();
        }),
        ("ovirt", "19_POST_snapshot_restore_response_partial.xml") => Use::Response(|f| {
            // Truncated in the source: reading it must fail as a typed error, not a panic.
            let cut = sample(&format!("ovirt/{f}"));
            let cut = cut
                .split("not well-formed because it is cut):")
                .nth(1)
                .unwrap()
                .split("VERBATIM EXCERPT ENDS")
                .next()
                .unwrap();
            assert!(
                ovirt::action_error(Format::Xml, &response(200, cut.trim().to_string())).is_none()
            );
            assert!(ovirt::parse_snapshots(Format::Xml, f, cut.trim()).is_err());
        }),
        ("ovirt", "20_fault_json_ovirt-web-ui-issue-570.json.txt")
        | ("ovirt", "27_fault_documented.xml") => Use::Response(|f| {
            let body = if f.ends_with(".txt") {
                txt_body(&format!("ovirt/{f}"))
            } else {
                sample(&format!("ovirt/{f}"))
            };
            assert!(matches!(
                ovirt::error_from(&response(400, body)),
                vm_snapshots::api::ApiError::Backend { .. }
            ));
        }),
        ("ovirt", "21_real_fault_strings_from_issues.txt") => Use::Response(|_| {
            // Free-text fault strings: the bracketed details read as their messages.
            assert_eq!(map::fault_detail("[]"), None);
            assert!(map::fault_detail("[Cannot run VM. The VM is performing an operation on a Snapshot. Please wait for the operation to finish, and try again.]").unwrap().starts_with("Cannot run VM."));
        }),
        ("ovirt", "28_GET_job_documented.xml") => Use::Response(|f| {
            let text = sample(&format!("ovirt/{f}"));
            let doc = roxmltree::Document::parse(&text).unwrap();
            assert_eq!(
                map::job_status(doc.root_element()).as_deref(),
                Some("failed")
            );
        }),
        ("ovirt", "30_action_response_shapes_DERIVED.xml") => Use::Response(|f| {
            let text = sample(&format!("ovirt/{f}"));
            let doc = roxmltree::Document::parse(&text).unwrap();
            let shapes: Vec<String> = doc
                .root_element()
                .children()
                .filter(|n| n.is_element())
                .map(|n| text[n.range()].to_string())
                .collect();
            // A: complete; B: accepted, pending; C: failed inside a 409 action; D: a bare fault.
            assert!(ovirt::action_error(Format::Xml, &response(200, shapes[0].clone())).is_none());
            assert!(ovirt::action_error(Format::Xml, &response(202, shapes[1].clone())).is_none());
            let failed =
                ovirt::action_error(Format::Xml, &response(200, shapes[2].clone())).unwrap();
            assert!(failed
                .to_string()
                .contains("At least one of the VMs is not down"));
            assert!(ovirt::error_from(&response(409, shapes[3].clone()))
                .to_string()
                .contains("VM is previewing a Snapshot"));
        }),
        ("ovirt", f)
            if f.contains("_POST_") || f.contains("_requests_") || f.contains("request_bodies") =>
        {
            Use::Request
        }
        ("kubevirt", f) if f.starts_with("vmsnapshot.") && f.contains("request") => Use::Request,
        ("kubevirt", f) if f.starts_with("vmsnapshot.") => Use::Response(|f| {
            kmap::snapshot(&kube::<types::VirtualMachineSnapshot>(f));
        }),
        ("kubevirt", f) if f.starts_with("vm-status.") => Use::Response(|f| {
            kmap::vm(&kube::<types::VirtualMachine>(f));
        }),
        ("kubevirt", "vmsnapshotcontent.composite.json") => Use::Response(|f| {
            let content: serde_json::Value = kube(f);
            let t = vm_snapshots::model::request::NewTemplate {
                name: "t".into(),
                description: String::new(),
            };
            kubevirt::write::template("default", &t, &content).unwrap();
        }),
        ("kubevirt", f) if f.starts_with("vmrestore.") && f.contains("request") => Use::Request,
        ("kubevirt", f) if f.starts_with("vmrestore.") => Use::Response(|f| {
            let r: types::VirtualMachineRestore = kube(f);
            let snapshot = r.spec.virtual_machine_snapshot_name.clone();
            let last = kmap::last_restored(std::slice::from_ref(&r), &snapshot);
            if r.status.as_ref().and_then(|s| s.complete) == Some(true) {
                assert_eq!(last.unwrap().to_rfc3339(), "2020-09-30T14:46:28+00:00");
            } else {
                assert_eq!(last, None);
            }
        }),
        ("kubevirt", "vmclone.user-guide.json") => Use::Request,
        ("kubevirt", f) if f.starts_with("vmclone.") => Use::Response(|f| {
            let c: types::VirtualMachineClone = kube(f);
            assert_eq!(c.status.and_then(|s| s.phase).as_deref(), Some("Succeeded"));
        }),
        ("kubevirt", f) if f.starts_with("schedule.") => Use::Response(|f| {
            // Other projects' schedule kinds, and the sketch with a label selector of its own: they
            // are not this app's VirtualMachineSnapshotSchedule, and are ignored, not misread.
            let v: serde_json::Value = kube(f);
            assert!(kmap::schedule(&v).is_none(), "{f}");
        }),
        _ => panic!("{dir}/{file}: no reader says how this sample is used"),
    }
}

#[test]
fn every_response_sample_is_read() {
    let mut read = 0;
    for dir in ["ovirt", "kubevirt"] {
        let mut files: Vec<String> = std::fs::read_dir(samples_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        for file in files {
            match how(dir, &file) {
                Use::Response(check) => {
                    check(&file);
                    read += 1;
                }
                Use::Request | Use::Readme => {}
            }
        }
    }
    assert!(read >= 35, "only {read} response samples read");
}
