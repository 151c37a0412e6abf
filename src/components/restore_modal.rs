//! Restore: what happens in one sentence, the VM and the snapshot named, the snapshot's
//! warnings, and per backend: on oVirt "Restore memory" (when the snapshot has memory) and a
//! choice of disks; on KubeVirt, restoring into this VM or into a new one, and for a running VM
//! the confirmation that it is stopped first.

use crate::components::modal::{use_send, Field, Modal};
use crate::components::new_from_snapshot::use_new_vm_name;
use crate::context::use_app;
use crate::model::indications::{explain_all, Weight};
use crate::model::naming::{restored_name, validate_object_name};
use crate::model::request::{DiskChoice, RestoreRequest};
use crate::model::{format, BackendKind, Snapshot, Vm};
use leptos::prelude::*;

#[component]
pub fn RestoreModal(
    vm: Vm,
    snapshot: Snapshot,
    on_close: Callback<()>,
    /// The backend accepted the restore; it runs now. With the new VM's name when the snapshot
    /// is restored into a new VM.
    on_started: Callback<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let kind = app.config.backend;
    let ovirt = kind == BackendKind::Ovirt;
    let kube = kind == BackendKind::Kubevirt;
    let memory = RwSignal::new(snapshot.has_memory);
    let all_disks = RwSignal::new(true);
    let chosen = RwSignal::new(
        snapshot
            .disks
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
    );
    // KubeVirt: into this VM, or into a new one.
    let into_new = RwSignal::new(false);
    let vm_name = vm.name.clone();
    let (new_name, edited, taken) =
        use_new_vm_name(kube, move |taken| restored_name(kind, &vm_name, taken));
    let running = kube && vm.status.is_running();
    let stop_confirmed = RwSignal::new(false);
    let name_error = Signal::derive(move || {
        into_new
            .get()
            .then(|| validate_object_name(kind, &new_name.get(), &taken.get(), "VM").err())
            .flatten()
    });
    let (restore, error) = use_send(
        |backend, (vm, snapshot, request): (Vm, Snapshot, RestoreRequest)| async move {
            backend
                .restore(&vm, &snapshot, &request)
                .await
                .map(|_| request.new_vm)
        },
        on_started,
    );
    let valid = Signal::derive(move || {
        let disks = all_disks.get() || !chosen.with(Vec::is_empty);
        let target = if into_new.get() {
            name_error.get().is_none()
        } else {
            !running || stop_confirmed.get()
        };
        disks && target
    });
    let has_memory = snapshot.has_memory;
    let target = (vm.clone(), snapshot.clone());
    let on_submit = Callback::new(move |_| {
        let new_vm = into_new
            .get_untracked()
            .then(|| new_name.get_untracked().trim().to_string());
        let request = RestoreRequest {
            // Sent either way: the engine's default is to restore memory.
            restore_memory: has_memory && memory.get_untracked(),
            disks: if all_disks.get_untracked() {
                DiskChoice::All
            } else {
                DiskChoice::Only(chosen.get_untracked())
            },
            stop_running: running && new_vm.is_none() && stop_confirmed.get_untracked(),
            new_vm,
        };
        restore.dispatch((target.0.clone(), target.1.clone(), request));
    });
    let taken_at = snapshot
        .created
        .map(|d| format!(" (taken {})", format::local_datetime(&d)))
        .unwrap_or_default();
    let disks = snapshot.disks.clone();
    let disk_choice = ovirt && disks.len() > 1;
    let warnings: Vec<_> = explain_all(&snapshot)
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| e.weight == Weight::Warning)
        .collect();
    let what = {
        let (vm_name, snap_name) = (vm.name.clone(), snapshot.name.clone());
        let taken_at = taken_at.clone();
        move || {
            if into_new.get() {
                view! {
                    <p class="vms-restore-what">
                        "A new VM is made from snapshot "<strong>{snap_name.clone()}</strong>{taken_at.clone()}
                        ", its volumes named after it. "<strong>{vm_name.clone()}</strong>" itself does not change."
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <p class="vms-restore-what">
                        "The VM "<strong>{vm_name.clone()}</strong>" returns to the state of snapshot "
                        <strong>{snap_name.clone()}</strong>{taken_at.clone()}". What changed since is lost: take a snapshot first to keep it."
                    </p>
                }
                .into_any()
            }
        }
    };
    let vm_label = vm.name.clone();
    view! {
        <Modal title=format!("Restore {}?", vm.name) submit_label="Restore" valid pending=restore.pending() error
            on_submit on_close>
            {what}
            {(!warnings.is_empty()).then(|| view! {
                <div class="pf-v6-c-alert pf-m-warning pf-m-inline pf-m-plain vms-remark" role="status" data-testid="restore-indications">
                    <p class="pf-v6-c-alert__title">"This snapshot may not hold what you expect"</p>
                    <div class="pf-v6-c-alert__description">
                        <ul class="pf-v6-c-list">
                            {warnings.into_iter().map(|e| view! { <li><strong>{e.label}</strong>": "{e.meaning}</li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            })}
            {kube.then(|| view! {
                <div class="pf-v6-c-form__group" role="radiogroup" aria-labelledby="vms-restore-target-legend">
                    <div class="pf-v6-c-form__group-label pf-m-no-padding-top">
                        <span class="pf-v6-c-form__label" id="vms-restore-target-legend"><span class="pf-v6-c-form__label-text">"Restore into"</span></span>
                    </div>
                    <div class="pf-v6-c-form__group-control pf-m-stack">
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-restore-this" name="vms-restore-target"
                            prop:checked=move || !into_new.get() on:change=move |_| into_new.set(false) />
                        <label class="pf-v6-c-radio__label" for="vms-restore-this">{format!("This VM ({vm_label})")}</label>
                    </div>
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-restore-new" name="vms-restore-target"
                            prop:checked=move || into_new.get() on:change=move |_| into_new.set(true) />
                        <label class="pf-v6-c-radio__label" for="vms-restore-new">"A new VM"</label>
                        <span class="pf-v6-c-radio__description">"The snapshot is restored into a VM of its own; the running VM is not touched."</span>
                    </div>
                    </div>
                </div>
            })}
            <Show when=move || into_new.get()>
                <Field label="New VM name" id="vms-restore-name" required=true error=name_error
                    help="Lowercase letters, digits and '-', up to 63 characters.".to_string()>
                    <span class="pf-v6-c-form-control" class:pf-m-error=move || name_error.get().is_some()>
                        <input id="vms-restore-name" type="text" required
                            aria-invalid=move || name_error.get().is_some().to_string()
                            prop:value=move || new_name.get()
                            on:input=move |ev| { edited.set(true); new_name.set(event_target_value(&ev)) } />
                    </span>
                </Field>
            </Show>
            {running.then(|| view! {
                <Show when=move || !into_new.get()>
                    <div class="pf-v6-c-alert pf-m-warning pf-m-inline vms-remark" role="status">
                        <p class="pf-v6-c-alert__title">"The VM is running"</p>
                        <div class="pf-v6-c-alert__description">
                            "Restoring it stops it first: its guest shuts down and whatever it has not written to disk is lost. It stays stopped after the restore."
                        </div>
                    </div>
                    <div class="pf-v6-c-form__group">
                        <div class="pf-v6-c-check">
                            <input class="pf-v6-c-check__input" type="checkbox" id="vms-restore-stop"
                                prop:checked=move || stop_confirmed.get()
                                on:change=move |ev| stop_confirmed.set(event_target_checked(&ev)) />
                            <label class="pf-v6-c-check__label" for="vms-restore-stop">"Stop the VM, then restore it"</label>
                        </div>
                    </div>
                </Show>
            })}
            {(ovirt && has_memory).then(|| view! {
                <div class="pf-v6-c-form__group">
                    <div class="pf-v6-c-check">
                        <input class="pf-v6-c-check__input" type="checkbox" id="vms-restore-memory"
                            prop:checked=move || memory.get() on:change=move |ev| memory.set(event_target_checked(&ev)) />
                        <label class="pf-v6-c-check__label" for="vms-restore-memory">"Restore memory"</label>
                        <span class="pf-v6-c-check__description">"The VM resumes where it was when the snapshot was taken; it is suspended until you start it."</span>
                    </div>
                </div>
            })}
            {disk_choice.then(|| view! {
                <div class="pf-v6-c-form__group" role="radiogroup" aria-labelledby="vms-restore-disks-legend">
                    <div class="pf-v6-c-form__group-label pf-m-no-padding-top">
                        <span class="pf-v6-c-form__label" id="vms-restore-disks-legend"><span class="pf-v6-c-form__label-text">"Disks"</span></span>
                    </div>
                    <div class="pf-v6-c-form__group-control pf-m-stack">
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-restore-all" name="vms-restore-disks"
                            prop:checked=move || all_disks.get() on:change=move |_| all_disks.set(true) />
                        <label class="pf-v6-c-radio__label" for="vms-restore-all">{format!("All disks ({})", disks.len())}</label>
                    </div>
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-restore-some" name="vms-restore-disks"
                            prop:checked=move || !all_disks.get() on:change=move |_| all_disks.set(false) />
                        <label class="pf-v6-c-radio__label" for="vms-restore-some">"Some disks"</label>
                        <span class="pf-v6-c-radio__description">"The disks left out keep their current state."</span>
                    </div>
                    <ul class="vms-disk-list" aria-label="Disks to restore">
                        {disks.iter().map(|d| {
                            let id = d.id.clone();
                            let toggled = d.id.clone();
                            let box_id = format!("vms-restore-disk-{}", d.id);
                            let label = match d.size_bytes {
                                Some(s) => format!("{} ({})", d.name, format::bytes(s)),
                                None => d.name.clone(),
                            };
                            view! {
                                <li class="pf-v6-c-check">
                                    <input class="pf-v6-c-check__input" type="checkbox" id=box_id.clone()
                                        disabled=move || all_disks.get()
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| { c.retain(|x| x != &toggled); if on { c.push(toggled.clone()) } });
                                        } />
                                    <label class="pf-v6-c-check__label" for=box_id>{label}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || (!all_disks.get() && chosen.with(Vec::is_empty)).then(|| view! {
                        <p class="pf-v6-c-helper-text__item pf-m-error">"Choose at least one disk, or all of them."</p>
                    })}
                    </div>
                </div>
            })}
        </Modal>
    }
}
