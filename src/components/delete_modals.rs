//! Delete: a confirmation naming the snapshot; for a schedule, the choice to keep or delete the
//! snapshots it made.

use crate::api::actions;
use crate::components::modal::{use_send, Modal};
use crate::model::schedule::Schedule;
use crate::model::{Snapshot, Vm};
use leptos::prelude::*;

#[component]
pub fn DeleteSnapshotModal(
    vm: Vm,
    snapshot: Snapshot,
    on_close: Callback<()>,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let (delete, error) = use_send(
        |backend, (vm, s): (Vm, Snapshot)| async move {
            actions(&backend).await?.delete_snapshot(&vm, &s).await
        },
        on_deleted,
    );
    let name = snapshot.name.clone();
    let target = (vm.clone(), snapshot.clone());
    view! {
        <Modal title="Delete snapshot?" submit_label="Delete" danger=true valid=true pending=delete.pending() error
            on_submit=Callback::new(move |_| { delete.dispatch(target.clone()); })
            on_close>
            <p>"The snapshot "<strong>{name}</strong>" of "{vm.name.clone()}" will be deleted. This cannot be undone."</p>
        </Modal>
    }
}

#[component]
pub fn DeleteScheduleModal(
    vm: Vm,
    schedule: Schedule,
    on_close: Callback<()>,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let keep = RwSignal::new(true);
    let (delete, error) = use_send(
        |backend, (vm, s, keep): (Vm, Schedule, bool)| async move {
            actions(&backend)
                .await?
                .delete_schedule(&vm, &s, keep)
                .await
        },
        on_deleted,
    );
    let made = schedule.produced.len();
    let made_text = match made {
        0 => "It has made no snapshot yet.".to_string(),
        1 => "It has made 1 snapshot that is still kept.".to_string(),
        n => format!("It has made {n} snapshots that are still kept."),
    };
    let target = (vm.clone(), schedule.clone());
    view! {
        <Modal title="Delete schedule?" submit_label="Delete" danger=true valid=true pending=delete.pending() error
            on_submit=Callback::new(move |_| { delete.dispatch((target.0.clone(), target.1.clone(), keep.get_untracked())); })
            on_close>
            <p>"The schedule "<strong>{schedule.name.clone()}</strong>" of "{vm.name.clone()}" will be deleted: it takes no more snapshots. "{made_text}</p>
            {(made > 0).then(|| view! {
                <fieldset class="pf-v6-c-form__group" aria-labelledby="vms-schedule-snapshots-legend">
                    <legend class="pf-v6-c-form__label" id="vms-schedule-snapshots-legend"><span class="pf-v6-c-form__label-text">"The snapshots it made"</span></legend>
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-keep-snapshots" name="vms-schedule-snapshots"
                            prop:checked=move || keep.get() on:change=move |_| keep.set(true) />
                        <label class="pf-v6-c-radio__label" for="vms-keep-snapshots">"Keep them"</label>
                        <span class="pf-v6-c-radio__description">"They stay in the list as ordinary snapshots."</span>
                    </div>
                    <div class="pf-v6-c-radio">
                        <input class="pf-v6-c-radio__input" type="radio" id="vms-delete-snapshots" name="vms-schedule-snapshots"
                            prop:checked=move || !keep.get() on:change=move |_| keep.set(false) />
                        <label class="pf-v6-c-radio__label" for="vms-delete-snapshots">"Delete them too"</label>
                    </div>
                </fieldset>
            })}
        </Modal>
    }
}
