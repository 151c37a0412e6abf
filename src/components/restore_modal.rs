//! Restore: what happens in one sentence, the VM and the snapshot named, the snapshot's
//! warnings, what the restore changes (CPUs, memory, disks, NICs) and the newer snapshots it
//! erases (oVirt), a safety snapshot of the current state taken first (KubeVirt), and per
//! backend: on oVirt "Restore memory" (when the snapshot has memory) and a choice of disks; on
//! KubeVirt, restoring into this VM or into a new one, and for a running VM the confirmation
//! that it is stopped first.

use crate::api::{actions, snapshot_done, ApiError};
use crate::components::modal::{use_send, Field, Modal};
use crate::components::new_from_snapshot::use_new_vm_name;
use crate::context::use_app;
use crate::model::indications::{explain_all, Weight};
use crate::model::naming::{restored_name, safety_snapshot_name, validate_object_name};
use crate::model::request::{DiskChoice, NewSnapshot, RestoreRequest};
use crate::model::restore_plan::{changes, erased};
use crate::model::{format, BackendKind, Snapshot, Vm};
use leptos::prelude::*;

/// A restore the backend accepted: into a new VM (its name), or into the VM with the safety
/// snapshot taken first (its name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Started {
    pub new_vm: Option<String>,
    pub safety: Option<String>,
}

/// What the modal sends: the restore, and the safety snapshot to take and finish first.
#[derive(Clone)]
struct Send {
    vm: Vm,
    snapshot: Snapshot,
    request: RestoreRequest,
    safety: Option<NewSnapshot>,
}

#[component]
pub fn RestoreModal(
    vm: Vm,
    snapshot: Snapshot,
    /// All the VM's snapshots: those newer than `snapshot`, which an oVirt restore erases.
    all: Vec<Snapshot>,
    on_close: Callback<()>,
    /// The backend accepted the restore; it runs now.
    on_started: Callback<Started>,
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
    // KubeVirt: the current state is kept in a snapshot first (an oVirt restore would erase it).
    let safety_offered = kube;
    let safety_on = RwSignal::new(true);
    let safety_name = safety_snapshot_name(kind, &vm.name, chrono::Local::now().naive_local());
    let stage = RwSignal::new(None::<String>);
    // Closing the modal while the safety snapshot is taken calls the restore off.
    let closed = std::rc::Rc::new(std::cell::Cell::new(false));
    {
        let closed = send_wrapper::SendWrapper::new(closed.clone());
        on_cleanup(move || closed.set(true));
    }
    let closed_in_send = closed.clone();
    let (restore, error) = use_send(
        move |backend, send: Send| {
            let closed = closed_in_send.clone();
            async move {
                let safety = match &send.safety {
                    Some(s) => {
                        stage.set(Some(format!(
                            "Taking snapshot {} of the current state first…",
                            s.name
                        )));
                        let taken =
                            async { actions(&backend).await?.create_snapshot(&send.vm, s).await }
                                .await;
                        let taken = match taken {
                            Ok(t) => t,
                            Err(e) => {
                                stage.set(None);
                                return Err(e);
                            }
                        };
                        let done = snapshot_done(backend.as_ref(), &send.vm, taken, &s.name).await;
                        stage.set(None);
                        done.map_err(|why| {
                            ApiError::Halted(format!(
                                "The safety snapshot {} {}: nothing was restored.",
                                s.name,
                                why.describe()
                            ))
                        })?;
                        if closed.get() {
                            return Err(ApiError::Halted(format!(
                                "The restore was called off; snapshot {} was kept.",
                                s.name
                            )));
                        }
                        Some(s.name.clone())
                    }
                    None => None,
                };
                actions(&backend)
                    .await?
                    .restore(&send.vm, &send.snapshot, &send.request)
                    .await
                    .map(|_| Started {
                        new_vm: send.request.new_vm.clone(),
                        safety,
                    })
            }
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
    let safety_for_submit = safety_name.clone();
    let target_name = snapshot.name.clone();
    let on_submit = Callback::new(move |_| {
        let new_vm = into_new
            .get_untracked()
            .then(|| new_name.get_untracked().trim().to_string());
        let safety = (safety_offered && new_vm.is_none() && safety_on.get_untracked()).then(|| {
            NewSnapshot {
                name: safety_for_submit.clone(),
                description: format!("The state before restoring to {target_name}"),
                disks: DiskChoice::All,
                memory: false,
                failure_deadline: None,
            }
        });
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
        restore.dispatch(Send {
            vm: target.0.clone(),
            snapshot: target.1.clone(),
            request,
            safety,
        });
    });
    // What the restore changes: the configuration the snapshot holds against the VM now.
    let plan = {
        let backend = app.backend();
        let (vm, snapshot) = (vm.clone(), snapshot.clone());
        LocalResource::new(move || {
            let (backend, vm, snapshot) = (backend.clone(), vm.clone(), snapshot.clone());
            async move {
                let (held, nics) = futures::join!(
                    backend.snapshot_config(&vm, &snapshot),
                    backend.vm_nics(&vm)
                );
                let held = held?;
                let nics = nics.ok().flatten();
                Ok::<_, ApiError>(changes(kind, &vm, nics.as_deref(), &snapshot, &held))
            }
        })
    };
    let erased_names: Vec<String> = erased(kind, &snapshot, &all)
        .into_iter()
        .map(|s| s.name.clone())
        .collect();
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
                        <strong>{snap_name.clone()}</strong>{taken_at.clone()}". What changed since is lost."
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
            <Show when=move || !into_new.get()>
                <section class="vms-restore-changes" aria-labelledby="vms-restore-changes-title">
                    <h2 class="pf-v6-c-title pf-m-md" id="vms-restore-changes-title">"What the restore changes"</h2>
                    {move || match plan.get() {
                        None => view! { <div class="pf-v6-c-skeleton" aria-busy="true">"Comparing the snapshot with the VM…"</div> }.into_any(),
                        Some(Err(e)) => view! { <p class="vms-note">{format!("The snapshot's configuration could not be read, so the changes are not known: {e}")}</p> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => view! { <p>"Nothing in the configuration: CPUs, memory, disks and NICs are as in the snapshot. The disks' contents return to the snapshot's."</p> }.into_any(),
                        Some(Ok(list)) => view! {
                            <table class="pf-v6-c-table pf-m-compact pf-m-grid-md" role="grid" aria-label="What the restore changes">
                                <thead class="pf-v6-c-table__thead">
                                    <tr class="pf-v6-c-table__tr" role="row">
                                        <th class="pf-v6-c-table__th" role="columnheader" scope="col">"What"</th>
                                        <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Now"</th>
                                        <th class="pf-v6-c-table__th" role="columnheader" scope="col">"After the restore"</th>
                                    </tr>
                                </thead>
                                <tbody class="pf-v6-c-table__tbody">
                                    {list.into_iter().map(|c| view! {
                                        <tr class="pf-v6-c-table__tr" role="row">
                                            <td class="pf-v6-c-table__td" role="cell" data-label="What">{c.what}</td>
                                            <td class="pf-v6-c-table__td" role="cell" data-label="Now">{c.now}</td>
                                            <td class="pf-v6-c-table__td" role="cell" data-label="After the restore">{c.after}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }}
                </section>
            </Show>
            {(!erased_names.is_empty()).then(|| {
                let count = erased_names.len();
                let shown: Vec<String> = erased_names.iter().take(10).cloned().collect();
                let more = count.saturating_sub(shown.len());
                view! {
                    <div class="pf-v6-c-alert pf-m-danger pf-m-inline pf-m-plain vms-remark" role="status" data-testid="restore-erases">
                        <p class="pf-v6-c-alert__title">{format!("The restore erases {count} newer snapshot{}", if count == 1 { "" } else { "s" })}</p>
                        <div class="pf-v6-c-alert__description">
                            <ul class="pf-v6-c-list" aria-label="Snapshots the restore erases">
                                {shown.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                                {(more > 0).then(|| view! { <li>{format!("and {more} more")}</li> })}
                            </ul>
                        </div>
                    </div>
                }
            })}
            {ovirt.then(|| view! {
                <p class="vms-note">"oVirt erases every snapshot newer than the one restored, so a snapshot taken now would be erased too. To keep the current state, Preview… the snapshot instead (Undo returns to now), or Create VM from a newer snapshot first."</p>
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
            {safety_offered.then(|| view! {
                <Show when=move || !into_new.get()>
                    <div class="pf-v6-c-form__group">
                        <div class="pf-v6-c-check">
                            <input class="pf-v6-c-check__input" type="checkbox" id="vms-restore-safety"
                                prop:checked=move || safety_on.get()
                                on:change=move |ev| safety_on.set(event_target_checked(&ev)) />
                            <label class="pf-v6-c-check__label" for="vms-restore-safety">"Take a snapshot of the current state first"</label>
                            <span class="pf-v6-c-check__description">{format!("Snapshot {safety_name}, taken and finished before the restore starts.")}</span>
                        </div>
                    </div>
                </Show>
            })}
            {move || stage.get().map(|s| view! {
                <p class="vms-note" role="status" aria-live="polite">{s}</p>
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
