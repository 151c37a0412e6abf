//! The kebab's enablement rules, per backend.

mod common;

use vm_snapshots::model::rules::{allowed, Action};
use vm_snapshots::model::{
    BackendKind, Operation, OperationKind, Snapshot, SnapshotStatus, Vm, VmStatus,
};

fn vm(status: VmStatus) -> Vm {
    common::vm("v", status, vec![])
}

fn snap(id: &str, status: SnapshotStatus) -> Snapshot {
    Snapshot::new(id, id, status)
}

const O: BackendKind = BackendKind::Ovirt;
const K: BackendKind = BackendKind::Kubevirt;

#[test]
fn ovirt_restore_and_preview_need_the_vm_down() {
    let s = snap("a", SnapshotStatus::Ok);
    let all = [s.clone()];
    assert_eq!(
        allowed(O, &vm(VmStatus::Running), &s, &all, Action::Restore),
        Err("Stop the VM to restore.".into())
    );
    assert_eq!(
        allowed(O, &vm(VmStatus::Running), &s, &all, Action::Preview),
        Err("Stop the VM to preview.".into())
    );
    assert_eq!(
        allowed(O, &vm(VmStatus::Stopped), &s, &all, Action::Restore),
        Ok(())
    );
    // Clone, template and delete work on a running VM.
    for a in [Action::CreateVm, Action::CreateTemplate, Action::Delete] {
        assert_eq!(
            allowed(O, &vm(VmStatus::Running), &s, &all, a),
            Ok(()),
            "{a:?}"
        );
    }
}

#[test]
fn ovirt_nothing_acts_on_a_locked_snapshot_or_while_anything_is_locked_or_previewed() {
    let locked = snap("l", SnapshotStatus::Locked);
    let ok = snap("o", SnapshotStatus::Ok);
    let down = vm(VmStatus::Stopped);
    for a in Action::menu(O) {
        assert!(
            allowed(O, &down, &locked, &[locked.clone(), ok.clone()], *a)
                .unwrap_err()
                .contains("locked")
        );
        assert!(allowed(O, &down, &ok, &[locked.clone(), ok.clone()], *a)
            .unwrap_err()
            .contains("Wait"));
        assert!(
            allowed(O, &vm(VmStatus::Locked), &ok, std::slice::from_ref(&ok), *a)
                .unwrap_err()
                .contains("Wait")
        );
        let preview = snap("p", SnapshotStatus::InPreview);
        assert!(
            allowed(O, &down, &ok, &[ok.clone(), preview.clone()], *a)
                .unwrap_err()
                .contains("commit or undo"),
            "{a:?}: one preview at a time"
        );
    }
}

#[test]
fn ovirt_delete_needs_the_vm_down_up_or_paused() {
    let s = snap("a", SnapshotStatus::Ok);
    assert!(allowed(
        O,
        &vm(VmStatus::Suspended),
        &s,
        std::slice::from_ref(&s),
        Action::Delete
    )
    .unwrap_err()
    .contains("suspended"));
    assert_eq!(
        allowed(
            O,
            &vm(VmStatus::Paused),
            &s,
            std::slice::from_ref(&s),
            Action::Delete
        ),
        Ok(())
    );
}

#[test]
fn kubevirt_restore_needs_a_stopped_or_running_vm_and_a_succeeded_snapshot() {
    let ok = snap("a", SnapshotStatus::Ok);
    let running = snap("r", SnapshotStatus::InProgress);
    let failed = snap("f", SnapshotStatus::Failed(Some("deadline".into())));
    // A running VM is restored with StopTarget, once the modal's confirmation is checked.
    assert_eq!(
        allowed(K, &vm(VmStatus::Running), &ok, &[], Action::Restore),
        Ok(())
    );
    assert_eq!(
        allowed(K, &vm(VmStatus::Starting), &ok, &[], Action::Restore),
        Err("A VM can be restored while it is stopped or running, not starting.".into())
    );
    assert_eq!(
        allowed(K, &vm(VmStatus::Stopped), &ok, &[], Action::Restore),
        Ok(())
    );
    assert!(
        allowed(K, &vm(VmStatus::Stopped), &running, &[], Action::Restore)
            .unwrap_err()
            .contains("not ready")
    );
    assert!(
        allowed(K, &vm(VmStatus::Stopped), &failed, &[], Action::CreateVm)
            .unwrap_err()
            .contains("failed")
    );
    // A clone needs a snapshot ready to use, whatever the VM does.
    assert_eq!(
        allowed(K, &vm(VmStatus::Running), &ok, &[], Action::CreateVm),
        Ok(())
    );
}

#[test]
fn kubevirt_delete_is_always_allowed_and_there_is_no_preview() {
    let mut busy = vm(VmStatus::Snapshotting);
    busy.operation = Some(Operation {
        kind: OperationKind::Snapshot,
        subject: Some("r".into()),
        since: None,
    });
    let running = snap("r", SnapshotStatus::InProgress);
    assert_eq!(allowed(K, &busy, &running, &[], Action::Delete), Ok(()));
    assert!(allowed(
        K,
        &busy,
        &snap("a", SnapshotStatus::Ok),
        &[],
        Action::CreateVm
    )
    .unwrap_err()
    .contains("Wait"));
    assert!(!Action::menu(K).contains(&Action::Preview));
}
