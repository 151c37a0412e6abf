//! The development backend behaves like the real systems: operations pass through their
//! intermediate states and end on time; the real refusals come with the real status codes.

use chrono::{Duration, Utc};
use devserver::ops::Timings;
use devserver::seed;
use devserver::world::World;

const WEB: &str = "ca7e8d64-0fc7-45de-b258-ae471ea31056"; // up, agent
const DB: &str = "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35"; // down
const LEGACY: &str = "a99773ed-28a3-4370-8240-df9e732bc3e1"; // down, in preview

/// The seed without its schedules, whose real-time runs would cross these simulated clocks.
fn world() -> World {
    let mut w = seed::world();
    w.schedules.clear();
    w
}

fn snapshot_named<'a>(
    w: &'a World,
    vm: &str,
    description: &str,
) -> &'a devserver::world::OvirtSnapshot {
    w.ovirt_vm(vm)
        .unwrap()
        .snapshots
        .iter()
        .find(|s| s.description == description)
        .unwrap()
}

#[test]
fn an_ovirt_snapshot_is_locked_with_the_vm_image_locked_then_ok() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let s = w
        .ovirt_create_snapshot(WEB, "before the upgrade", true, None, now, &t)
        .unwrap();
    assert_eq!(s.status, "locked");
    assert!(s.persist_memory);
    assert_eq!(s.disks.len(), 2);
    assert_eq!(w.ovirt_vm(WEB).unwrap().status, "image_locked");
    // A second one meanwhile is refused.
    let busy = w
        .ovirt_create_snapshot(WEB, "again", false, None, now, &t)
        .unwrap_err();
    assert_eq!(busy.status, 409);
    assert!(busy
        .detail
        .contains("performing an operation on a Snapshot"));
    w.advance(now + Duration::seconds(2), &t);
    assert_eq!(
        snapshot_named(&w, WEB, "before the upgrade").status,
        "locked"
    );
    w.advance(now + t.snapshot, &t);
    assert_eq!(snapshot_named(&w, WEB, "before the upgrade").status, "ok");
    assert_eq!(w.ovirt_vm(WEB).unwrap().status, "up");
}

#[test]
fn ovirt_snapshot_of_chosen_disks_and_refusals() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let data = w.ovirt_vm(DB).unwrap().disks[1].id.clone();
    let s = w
        .ovirt_create_snapshot(DB, "data only", true, Some(vec![data.clone()]), now, &t)
        .unwrap();
    assert_eq!(
        s.disks.iter().map(|(d, _)| d.clone()).collect::<Vec<_>>(),
        vec![data]
    );
    assert!(!s.persist_memory, "a stopped VM has no memory to save");
    // A shareable disk cannot be in a snapshot.
    let shared = w.ovirt_vm(DB).unwrap().disks[2].id.clone();
    w.advance(now + t.snapshot, &t);
    let e = w
        .ovirt_create_snapshot(
            DB,
            "shared",
            false,
            Some(vec![shared]),
            now + t.snapshot,
            &t,
        )
        .unwrap_err();
    assert_eq!(e.status, 409);
    // An empty description is the engine's "Incomplete parameters".
    let e = w
        .ovirt_create_snapshot(DB, " ", false, None, now + t.snapshot, &t)
        .unwrap_err();
    assert_eq!(
        (e.status, e.reason.as_str()),
        (400, "Incomplete parameters")
    );
    // A VM in preview takes no snapshot.
    let e = w
        .ovirt_create_snapshot(LEGACY, "x", false, None, now, &t)
        .unwrap_err();
    assert_eq!(
        e.detail,
        "Cannot create Snapshot. VM is previewing a Snapshot."
    );
}

#[test]
fn restoring_needs_the_vm_down_and_erases_newer_snapshots() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let on_running = snapshot_named(&w, WEB, "post-patch").id.clone();
    let e = w
        .ovirt_restore(WEB, &on_running, false, Vec::new(), now, &t)
        .unwrap_err();
    assert_eq!(
        (e.status, e.detail.as_str()),
        (
            409,
            "Cannot revert to Snapshot. At least one of the VMs is not down."
        )
    );

    let target = snapshot_named(&w, DB, "snap-2").id.clone();
    w.ovirt_restore(DB, &target, false, Vec::new(), now, &t)
        .unwrap();
    assert_eq!(w.ovirt_vm(DB).unwrap().status, "image_locked");
    w.advance(now + t.restore, &t);
    let names: Vec<&str> = w
        .ovirt_vm(DB)
        .unwrap()
        .snapshots
        .iter()
        .map(|s| s.description.as_str())
        .collect();
    // snap-10 (Nov 18) and "Édition finale" (Oct 12) were newer than snap-2 (Sep 2).
    assert!(
        names.contains(&"snap-2")
            && names.contains(&"Snap-1 baseline")
            && names.contains(&"Active VM")
    );
    assert!(
        !names.contains(&"snap-10") && !names.contains(&"Édition finale"),
        "{names:?}"
    );
    assert_eq!(w.ovirt_vm(DB).unwrap().status, "down");
}

#[test]
fn the_active_snapshot_is_never_acted_on() {
    let mut w = world();
    let t = Timings::default();
    let active = snapshot_named(&w, DB, "Active VM").id.clone();
    let e = w
        .ovirt_delete_snapshot(DB, &active, Utc::now(), &t)
        .unwrap_err();
    assert_eq!(e.status, 409);
    assert!(e.detail.contains("Active VM"));
}

#[test]
fn one_preview_at_a_time_then_undo_or_commit() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let install = snapshot_named(&w, LEGACY, "initial install").id.clone();
    let e = w
        .ovirt_preview(LEGACY, &install, None, now, &t)
        .unwrap_err();
    assert_eq!(
        e.detail,
        "Cannot preview Snapshot. VM is previewing a Snapshot."
    );
    w.ovirt_undo(LEGACY, &[]).unwrap();
    assert!(w
        .ovirt_vm(LEGACY)
        .unwrap()
        .snapshots
        .iter()
        .all(|s| s.kind.as_deref() != Some("preview")));
    assert!(w
        .ovirt_vm(LEGACY)
        .unwrap()
        .snapshots
        .iter()
        .all(|s| s.status == "ok"));

    // A custom preview: the configuration of "initial install", its disk too.
    let disk = w.ovirt_vm(LEGACY).unwrap().disks[0].id.clone();
    w.ovirt_preview(
        LEGACY,
        &install,
        Some(vec![(disk, install.clone())]),
        now,
        &t,
    )
    .unwrap();
    w.advance(now + t.restore, &t);
    assert_eq!(
        snapshot_named(&w, LEGACY, "initial install").status,
        "in_preview"
    );
    assert!(
        snapshot_named(&w, LEGACY, "Active VM before the preview")
            .kind
            .as_deref()
            == Some("preview")
    );
    w.ovirt_commit(LEGACY).unwrap();
    let names: Vec<&str> = w
        .ovirt_vm(LEGACY)
        .unwrap()
        .snapshots
        .iter()
        .map(|s| s.description.as_str())
        .collect();
    // "prova" was newer than "initial install": commit erased it, and the preview row.
    assert_eq!(names, ["Active VM", "initial install"]);
}

#[test]
fn a_custom_preview_mixes_snapshots_and_the_active_vm_and_commit_keeps_the_mix() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let vm = w.ovirt_vm(DB).unwrap().clone();
    let active = vm
        .snapshots
        .iter()
        .find(|s| s.kind.as_deref() == Some("active"))
        .unwrap()
        .id
        .clone();
    let (boot, data) = (vm.disks[0].clone(), vm.disks[1].clone());
    let snap2 = snapshot_named(&w, DB, "snap-2").clone();
    let boot_then = snap2
        .disks
        .iter()
        .find(|(d, _)| d == &boot.id)
        .unwrap()
        .1
        .clone();
    // The configuration of snap-2, its boot disk, the data disk as it is now; the rest left out.
    w.ovirt_preview(
        DB,
        &snap2.id,
        Some(vec![
            (boot.id.clone(), snap2.id.clone()),
            (data.id.clone(), active),
        ]),
        now,
        &t,
    )
    .unwrap();
    let previewed = w.ovirt_vm(DB).unwrap();
    assert_eq!(
        previewed.disks.len(),
        2,
        "the disk left out is not in the preview"
    );
    assert_eq!(previewed.disks[0].image_id, boot_then);
    assert_eq!(previewed.disks[1].image_id, data.image_id);
    // A disk from a snapshot that does not hold it is refused.
    let edition = snapshot_named(&w, DB, "Édition finale").id.clone();
    let mut other = world();
    let e = other
        .ovirt_preview(
            DB,
            &edition,
            Some(vec![(boot.id.clone(), edition.clone())]),
            now,
            &t,
        )
        .unwrap_err();
    assert!(e.detail.contains("is not part of snapshot"), "{}", e.detail);

    w.advance(now + t.restore, &t);
    w.ovirt_commit(DB).unwrap();
    let committed = w.ovirt_vm(DB).unwrap();
    assert_eq!(committed.disks[0].image_id, boot_then);
    assert_eq!(committed.disks[1].image_id, data.image_id);
    let names: Vec<&str> = committed
        .snapshots
        .iter()
        .map(|s| s.description.as_str())
        .collect();
    assert!(
        !names.contains(&"snap-10"),
        "newer snapshots are erased: {names:?}"
    );
    assert!(names.contains(&"Snap-1 baseline"));
}

#[test]
fn a_restore_of_some_disks_leaves_the_others_as_they_are() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let vm = w.ovirt_vm(DB).unwrap().clone();
    let (boot, data) = (vm.disks[0].clone(), vm.disks[1].clone());
    let snap2 = snapshot_named(&w, DB, "snap-2").clone();
    w.ovirt_restore(DB, &snap2.id, false, vec![boot.id.clone()], now, &t)
        .unwrap();
    w.advance(now + t.restore, &t);
    let after = w.ovirt_vm(DB).unwrap();
    let boot_then = &snap2.disks.iter().find(|(d, _)| d == &boot.id).unwrap().1;
    assert_eq!(&after.disks[0].image_id, boot_then);
    assert_eq!(after.disks[1].image_id, data.image_id);
    assert_eq!(after.status, "down");
}

#[test]
fn clones_need_a_unique_name_and_pass_through_image_locked() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let sid = snapshot_named(&w, WEB, "post-patch").id.clone();
    let e = w.ovirt_clone("db-primary", "", &sid, now, &t).unwrap_err();
    assert_eq!(e.status, 409);
    assert!(e.detail.contains("name is already in use"));
    let vm = w
        .ovirt_clone("web-frontend-clone", "copy", &sid, now, &t)
        .unwrap();
    assert_eq!(vm.status, "image_locked");
    w.advance(now + t.clone, &t);
    assert_eq!(w.ovirt_vm(&vm.id).unwrap().status, "down");
    let template = w
        .ovirt_template("web-template", "", WEB, &sid, now, &t)
        .unwrap();
    assert_eq!(template.status, "locked");
    w.advance(now + t.clone, &t);
    assert_eq!(w.ovirt_templates[0].status, "ok");
}

#[test]
fn a_kubevirt_snapshot_is_in_progress_then_succeeds_with_indications() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let s = w
        .kube_create_snapshot(
            "default",
            "fedora-web-snap-x",
            "fedora-web",
            Some("x".into()),
            now,
            &t,
        )
        .unwrap();
    assert_eq!(s.phase, "InProgress");
    assert_eq!(
        w.kube_snapshot_in_progress("default", "fedora-web")
            .as_deref(),
        Some("fedora-web-snap-x")
    );
    w.advance(now + t.snapshot, &t);
    let s = w
        .kube_snapshots
        .iter()
        .find(|s| s.name == "fedora-web-snap-x")
        .unwrap();
    assert_eq!((s.phase.as_str(), s.ready), ("Succeeded", true));
    let indications: Vec<&str> = s.indications.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(indications, ["Online", "GuestAgent"]);
    assert_eq!(s.included, ["rootdisk", "datadisk"]);
    assert_eq!(s.excluded, ["cloudinitdisk"]);
    assert_eq!(w.kube_snapshot_in_progress("default", "fedora-web"), None);
}

#[test]
fn kubevirt_refuses_as_the_api_server_does() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let e = w
        .kube_create_snapshot(
            "default",
            "fedora-web-snapshot-20261001-091500",
            "fedora-web",
            None,
            now,
            &t,
        )
        .unwrap_err();
    assert_eq!((e.status, e.reason.as_str()), (409, "AlreadyExists"));
    let e = w
        .kube_create_snapshot("default", "Bad_Name", "fedora-web", None, now, &t)
        .unwrap_err();
    assert_eq!((e.status, e.reason.as_str()), (422, "Invalid"));
    let e = w
        .kube_create_restore(
            "default",
            "r1",
            "fedora-web",
            "fedora-web-snapshot-20261001-091500",
            now,
            &t,
        )
        .unwrap_err();
    assert!(
        e.detail
            .ends_with("VirtualMachine \"fedora-web\" is not stopped"),
        "{}",
        e.detail
    );
    let e = w
        .kube_create_restore(
            "default",
            "r2",
            "rhel9-db",
            "rhel9-db-nightly-failed",
            now,
            &t,
        )
        .unwrap_err();
    assert!(e.detail.contains("is not ready"));
}

#[test]
fn a_kubevirt_restore_and_stopping_a_snapshot() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    w.kube_create_restore(
        "default",
        "restore-1",
        "rhel9-db",
        "rhel9-db-snap-2",
        now,
        &t,
    )
    .unwrap();
    assert_eq!(
        w.kube_restore_in_progress("default", "rhel9-db").as_deref(),
        Some("restore-1")
    );
    let e = w.kube_set_running("default", "rhel9-db", true).unwrap_err();
    assert_eq!(e.status, 409);
    w.advance(now + t.restore, &t);
    assert!(w.kube_restores[0].complete && w.kube_restores[0].restore_time.is_some());

    // Deleting a snapshot in progress stops it: it never completes.
    w.kube_create_snapshot("default", "stop-me", "win-noagent", None, now, &t)
        .unwrap();
    w.kube_delete_snapshot("default", "stop-me").unwrap();
    w.advance(now + t.snapshot, &t);
    assert!(w.kube_snapshots.iter().all(|s| s.name != "stop-me"));
}

#[test]
fn a_kubevirt_clone_passes_through_its_phases() {
    let mut w = world();
    let t = Timings {
        clone: Duration::seconds(3),
        ..Timings::default()
    };
    let now = Utc::now();
    let c = w
        .kube_create_clone(
            "default",
            "c1",
            "fedora-web-snapshot-20261001-091500",
            "fedora-copy",
            None,
            false,
            now,
            &t,
        )
        .unwrap();
    assert_eq!(c.phase, "SnapshotInProgress");
    let mut phases = vec![c.phase];
    for s in 1..=5 {
        w.advance(now + Duration::seconds(s), &t);
        let p = w.kube_clones[0].phase.clone();
        if phases.last() != Some(&p) {
            phases.push(p);
        }
    }
    assert_eq!(
        phases,
        [
            "SnapshotInProgress",
            "CreatingTargetVM",
            "RestoreInProgress",
            "Succeeded"
        ]
    );
    assert_eq!(
        w.kube_vm("default", "fedora-copy")
            .unwrap()
            .printable_status,
        "Stopped"
    );
}

#[test]
fn the_state_survives_a_restart_and_reset_starts_from_the_seed() {
    let dir = std::env::temp_dir().join(format!("devserver-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let state = devserver::AppState::new(world(), Timings::default(), Some(file.clone()));
    state
        .mutate(|w, now, t| w.kube_create_snapshot("default", "kept", "fedora-web", None, now, t))
        .unwrap();
    let reloaded = devserver::load_world(&file, false);
    assert!(reloaded.kube_snapshots.iter().any(|s| s.name == "kept"));
    let fresh = devserver::load_world(&file, true);
    assert!(fresh.kube_snapshots.iter().all(|s| s.name != "kept"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_archive_vms_have_two_thousand_snapshots() {
    let w = world();
    let ovirt = w.ovirt.iter().find(|v| v.name == "archive-vm").unwrap();
    assert_eq!(
        ovirt
            .snapshots
            .iter()
            .filter(|s| s.kind.as_deref() == Some("regular"))
            .count(),
        seed::MANY
    );
    assert_eq!(
        w.kube_snapshots
            .iter()
            .filter(|s| s.vm == "archive-vm")
            .count(),
        seed::MANY
    );
}

mod schedules {
    use super::*;
    use devserver::schedules::ScheduleSpec;
    use devserver::world::ScheduleApi;

    fn every_minute(name: &str, start: chrono::DateTime<Utc>, keep: u32) -> ScheduleSpec {
        ScheduleSpec {
            name: name.into(),
            description: String::new(),
            rule: Some("* * * * *".into()),
            time_zone: "UTC".into(),
            start,
            keep,
            paused: false,
            memory: false,
            disks: None,
            pinned: Vec::new(),
        }
    }

    #[test]
    fn a_pinned_snapshot_is_never_pruned_and_two_schedules_prune_their_own() {
        let mut w = world();
        let t = Timings::default();
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .to_utc();
        let mut spec = every_minute("often", start, 1);
        let often = w
            .create_schedule(
                ScheduleApi::Kube,
                "default",
                "rhel9-db",
                spec.clone(),
                start,
            )
            .unwrap();
        let mut other = every_minute("seldom", start + Duration::seconds(30), 1);
        other.rule = None;
        w.create_schedule(ScheduleApi::Kube, "default", "rhel9-db", other, start)
            .unwrap();
        w.advance(start + Duration::seconds(5), &t);
        let first = w
            .schedules_of(ScheduleApi::Kube, "default", Some("rhel9-db"))
            .into_iter()
            .find(|s| s.name == "often")
            .map(|s| s.produced.clone())
            .unwrap();
        assert_eq!(first.len(), 1, "{:?}", w.schedules);
        // Pinned through an update, as the app saves it.
        spec.pinned = first.clone();
        w.update_schedule(ScheduleApi::Kube, "default", &often.id, spec, start)
            .unwrap();
        w.advance(start + Duration::seconds(35), &t);
        for minute in 1..4 {
            w.advance(start + Duration::minutes(minute) + Duration::seconds(5), &t);
        }
        let names = |w: &devserver::world::World, prefix: &str| -> Vec<String> {
            let mut v: Vec<String> = w
                .kube_snapshots
                .iter()
                .filter(|x| x.name.starts_with(prefix))
                .map(|x| x.name.clone())
                .collect();
            v.sort();
            v
        };
        // The pinned first and the newest are kept; the seldom one's run is its own.
        assert_eq!(
            names(&w, "often-"),
            [first[0].clone(), "often-20261201-1003".to_string()]
        );
        assert_eq!(names(&w, "seldom-").len(), 1);
    }

    #[test]
    fn a_schedule_fires_on_time_names_its_snapshots_and_keeps_the_last_n() {
        let mut w = world();
        let t = Timings::default();
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .to_utc();
        let s = w
            .create_schedule(
                ScheduleApi::Kube,
                "default",
                "rhel9-db",
                every_minute("nightly", start, 2),
                start - Duration::hours(1),
            )
            .unwrap();
        assert_eq!(s.next_run, Some(start));
        // Nothing before its time.
        w.advance(start - Duration::seconds(1), &t);
        assert!(w
            .kube_snapshots
            .iter()
            .all(|x| !x.name.starts_with("nightly-")));
        for minute in 0..4 {
            w.advance(start + Duration::minutes(minute) + Duration::seconds(5), &t);
        }
        let mut ours: Vec<&str> = w
            .kube_snapshots
            .iter()
            .filter(|x| x.name.starts_with("nightly-"))
            .map(|x| x.name.as_str())
            .collect();
        ours.sort();
        assert_eq!(
            ours,
            ["nightly-20261201-1002", "nightly-20261201-1003"],
            "the two newest are kept"
        );
        let s = &w.schedules_of(ScheduleApi::Kube, "default", Some("rhel9-db"))[0];
        assert_eq!(s.next_run, Some(start + Duration::minutes(4)));
        assert_eq!(s.last_run, Some(start + Duration::minutes(3)));
    }

    #[test]
    fn an_ovirt_schedule_prunes_once_the_vm_is_free_and_a_paused_one_waits() {
        let mut w = world();
        let t = Timings::default();
        let start = Utc::now();
        let mut spec = every_minute("hourly backup", start, 1);
        spec.rule = Some("0 * * * *".into());
        let s = w
            .create_schedule(ScheduleApi::Ovirt, "", DB, spec.clone(), start)
            .unwrap();
        let first = s.next_run.unwrap();
        w.advance(first, &t);
        w.advance(first + t.snapshot, &t);
        let second = first + Duration::hours(1);
        w.advance(second, &t);
        w.advance(second + t.snapshot, &t);
        w.advance(second + t.snapshot * 2 + Duration::seconds(1), &t);
        let ours: Vec<String> = w
            .ovirt_vm(DB)
            .unwrap()
            .snapshots
            .iter()
            .filter(|x| x.description.starts_with("hourly-backup-"))
            .map(|x| x.description.clone())
            .collect();
        assert_eq!(ours.len(), 1, "{ours:?}");

        // Paused: no run while paused; the next run is still reported.
        spec.paused = true;
        let paused = w
            .update_schedule(ScheduleApi::Ovirt, "", &s.id, spec, second)
            .unwrap();
        w.advance(second + Duration::hours(3), &t);
        assert_eq!(
            w.ovirt_vm(DB)
                .unwrap()
                .snapshots
                .iter()
                .filter(|x| x.description.starts_with("hourly-backup-"))
                .count(),
            1
        );
        assert!(paused.next_run.is_some());
    }

    #[test]
    fn deleting_a_schedule_keeps_or_deletes_its_snapshots() {
        let t = Timings::default();
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .to_utc();
        for keep in [true, false] {
            let mut w = world();
            w.create_schedule(
                ScheduleApi::Kube,
                "default",
                "rhel9-db",
                every_minute("n", start, 5),
                start,
            )
            .unwrap();
            w.advance(start + Duration::seconds(1), &t);
            w.advance(start + Duration::seconds(10), &t);
            w.delete_schedule(
                ScheduleApi::Kube,
                "default",
                "n",
                keep,
                start + Duration::seconds(11),
                &t,
            )
            .unwrap();
            let left = w
                .kube_snapshots
                .iter()
                .filter(|x| x.name.starts_with("n-2026"))
                .count();
            assert_eq!(left, if keep { 1 } else { 0 }, "keep_snapshots = {keep}");
        }
    }

    #[test]
    fn bad_schedules_are_refused() {
        let mut w = world();
        let now = Utc::now();
        let mut bad = every_minute("x", now, 0);
        let e = w
            .create_schedule(ScheduleApi::Kube, "default", "rhel9-db", bad.clone(), now)
            .unwrap_err();
        assert!(e.detail.contains("from 1 to 100"));
        bad.keep = 3;
        bad.rule = Some("61 * * * *".into());
        assert_eq!(
            w.create_schedule(ScheduleApi::Kube, "default", "rhel9-db", bad.clone(), now)
                .unwrap_err()
                .status,
            422
        );
        bad.rule = None;
        bad.time_zone = "Mars/Olympus".into();
        assert!(w
            .create_schedule(ScheduleApi::Ovirt, "", DB, bad, now)
            .unwrap_err()
            .detail
            .contains("time zone"));
    }
}

#[test]
fn a_kubevirt_snapshot_past_its_failure_deadline_fails() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    w.kube_create_snapshot("default", "slow", "fedora-web", None, now, &t)
        .unwrap();
    w.kube_snapshot_deadline("default", "slow", "1s", 1, now);
    w.advance(now + Duration::seconds(1), &t);
    w.advance(now + t.snapshot, &t);
    let s = w.kube_snapshots.iter().find(|s| s.name == "slow").unwrap();
    assert_eq!((s.phase.as_str(), s.ready), ("Failed", false));
    assert!(s.deadline_exceeded);
    assert_eq!(s.deadline.as_deref(), Some("1s"));
    let body = devserver::kubevirt::snapshot_json(s);
    assert_eq!(body["spec"]["failureDeadline"], "1s");
    assert_eq!(body["status"]["conditions"][0]["type"], "Failure");
    assert_eq!(
        body["status"]["conditions"][0]["reason"],
        "snapshot deadline exceeded"
    );

    // 0 is no limit: the snapshot succeeds whenever it is done.
    w.kube_create_snapshot("default", "patient", "rhel9-db", None, now, &t)
        .unwrap();
    w.kube_snapshot_deadline("default", "patient", "0s", 0, now);
    w.advance(now + t.snapshot, &t);
    let s = w
        .kube_snapshots
        .iter()
        .find(|s| s.name == "patient")
        .unwrap();
    assert_eq!(s.phase, "Succeeded");
}

#[test]
fn kubernetes_durations_are_read_as_the_api_server_reads_them() {
    use devserver::kubevirt::go_duration_seconds as d;
    assert_eq!(d("5m"), Some(300));
    assert_eq!(d("5m0s"), Some(300));
    assert_eq!(d("1h30m"), Some(5400));
    assert_eq!(d("0s"), Some(0));
    assert_eq!(d("1500ms"), Some(1));
    assert_eq!(d(""), None);
    assert_eq!(d("5"), None);
    assert_eq!(d("m5"), None);
    assert_eq!(d("5 minutes"), None);
}

#[test]
fn a_running_kubevirt_vm_is_stopped_then_restored_with_stop_target() {
    use devserver::ops::RestorePolicy;
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let stop = RestorePolicy {
        readiness: Some("StopTarget".into()),
        volumes: None,
    };
    let r = w
        .kube_create_restore_with(
            "default",
            "r1",
            "fedora-web",
            "fedora-web-snapshot-20261001-091500",
            &stop,
            now,
            &t,
        )
        .unwrap();
    assert_eq!(r.readiness_policy.as_deref(), Some("StopTarget"));
    assert_eq!(
        w.kube_vm("default", "fedora-web").unwrap().printable_status,
        "Stopped"
    );
    w.advance(now + t.restore, &t);
    assert!(w.kube_restores[0].complete);
}

#[test]
fn a_kubevirt_restore_into_a_new_vm_makes_it_with_prefixed_volumes() {
    use devserver::ops::RestorePolicy;
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    let snapshot = "fedora-web-snapshot-20261001-091500";
    let e = w
        .kube_create_restore("default", "r0", "fedora-copy", snapshot, now, &t)
        .unwrap_err();
    assert!(e.detail.contains("PrefixTargetName"), "{}", e.detail);
    let prefix = RestorePolicy {
        readiness: None,
        volumes: Some("PrefixTargetName".into()),
    };
    w.kube_create_restore_with("default", "r1", "fedora-copy", snapshot, &prefix, now, &t)
        .unwrap();
    let made = w.kube_vm("default", "fedora-copy").unwrap();
    assert_eq!(made.printable_status, "Stopped");
    assert!(made.volumes.iter().any(|v| matches!(&v.source,
        devserver::world::VolumeSource::DataVolume { name, .. } if name == "fedora-copy-fedora-web-rootdisk")));
    // The source keeps running.
    assert_eq!(
        w.kube_vm("default", "fedora-web").unwrap().printable_status,
        "Running"
    );
}

#[test]
fn a_snapshot_holds_the_configuration_of_its_time_and_a_restore_brings_it_back() {
    let mut w = world();
    let t = Timings::default();
    let now = Utc::now();
    // KubeVirt: fedora-web's oldest snapshot holds 1 core, 2Gi and one interface.
    let fedora_uid = w.kube_vm("default", "fedora-web").unwrap().uid.clone();
    assert_eq!(w.kube_nics(&fedora_uid).len(), 2);
    let stop = devserver::ops::RestorePolicy {
        readiness: Some("StopTarget".into()),
        volumes: None,
    };
    w.kube_create_restore_with(
        "default",
        "r1",
        "fedora-web",
        "fedora-web-snapshot-20261001-091500",
        &stop,
        now,
        &t,
    )
    .unwrap();
    w.advance(now + t.restore, &t);
    let vm = w.kube_vm("default", "fedora-web").unwrap();
    assert_eq!((vm.cores, vm.memory.as_str()), (1, "2Gi"));
    assert_eq!(w.kube_nics(&fedora_uid).len(), 1);

    // A new snapshot holds the VM as it is now.
    let s = w
        .kube_create_snapshot("default", "now", "rhel9-db", None, now, &t)
        .unwrap();
    let held = w.held.get(&s.uid).unwrap();
    assert_eq!((held.cores, held.memory_bytes), (4, 16 << 30));

    // oVirt: db-primary at "Snap-1 baseline" had 4 CPUs, 8 GiB and one NIC.
    let db = "0d37ca3b-cdbc-4b78-b0b9-7cd71ddc7e35";
    w.ovirt_restore(
        db,
        "2c3d4e5f-6071-4829-8b3c-4d5e6f708192",
        false,
        Vec::new(),
        now,
        &t,
    )
    .unwrap();
    w.advance(now + t.restore, &t);
    let vm = w.ovirt_vm(db).unwrap();
    assert_eq!(
        (vm.sockets * vm.cores * vm.threads, vm.memory),
        (4, 8 << 30)
    );
    assert_eq!(w.ovirt_nics(db).len(), 1);
    // The newer snapshots are gone.
    assert!(vm.snapshots.iter().all(|s| s.description != "snap-10"));
}
