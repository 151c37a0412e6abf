//! Restore: what happens in one sentence, the VM and the snapshot named, and on oVirt "Restore
//! memory" (when the snapshot has memory) and a choice of disks.

use crate::components::modal::{use_send, Modal};
use crate::context::use_app;
use crate::model::request::{DiskChoice, RestoreRequest};
use crate::model::{format, BackendKind, Snapshot, Vm};
use leptos::prelude::*;

#[component]
pub fn RestoreModal(
    vm: Vm,
    snapshot: Snapshot,
    on_close: Callback<()>,
    /// The backend accepted the restore; it runs now.
    on_started: Callback<()>,
) -> impl IntoView {
    let ovirt = use_app().config.backend == BackendKind::Ovirt;
    let memory = RwSignal::new(snapshot.has_memory);
    let all_disks = RwSignal::new(true);
    let chosen = RwSignal::new(
        snapshot
            .disks
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
    );
    let (restore, error) = use_send(
        |backend, (vm, snapshot, request): (Vm, Snapshot, RestoreRequest)| async move {
            backend.restore(&vm, &snapshot, &request).await
        },
        on_started,
    );
    let valid = Signal::derive(move || all_disks.get() || !chosen.with(Vec::is_empty));
    let has_memory = snapshot.has_memory;
    let target = (vm.clone(), snapshot.clone());
    let on_submit = Callback::new(move |_| {
        let request = RestoreRequest {
            // Sent either way: the engine's default is to restore memory.
            restore_memory: has_memory && memory.get_untracked(),
            disks: if all_disks.get_untracked() {
                DiskChoice::All
            } else {
                DiskChoice::Only(chosen.get_untracked())
            },
        };
        restore.dispatch((target.0.clone(), target.1.clone(), request));
    });
    let taken = snapshot
        .created
        .map(|d| format!(" (taken {})", format::local_datetime(&d)))
        .unwrap_or_default();
    let disks = snapshot.disks.clone();
    let disk_choice = ovirt && disks.len() > 1;
    view! {
        <Modal title=format!("Restore {}?", vm.name) submit_label="Restore" valid pending=restore.pending() error
            on_submit on_close>
            <p class="vms-restore-what">
                "The VM "<strong>{vm.name.clone()}</strong>" returns to the state of snapshot "
                <strong>{snapshot.name.clone()}</strong>{taken}". What changed since is lost: take a snapshot first to keep it."
            </p>
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
                <fieldset class="pf-v6-c-form__group" aria-labelledby="vms-restore-disks-legend">
                    <legend class="pf-v6-c-form__label" id="vms-restore-disks-legend"><span class="pf-v6-c-form__label-text">"Disks"</span></legend>
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
                    {move || (!valid.get()).then(|| view! {
                        <p class="pf-v6-c-helper-text__item pf-m-error">"Choose at least one disk, or all of them."</p>
                    })}
                </fieldset>
            })}
        </Modal>
    }
}
