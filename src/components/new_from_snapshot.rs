//! Create VM and Create VM Template: what happens in one sentence, a name (prefilled, checked
//! in place), a description, and the configuration the snapshot holds. The two share their parts
//! and the one [`Modal`].

use crate::api::actions;
use crate::components::config_summary::ConfigSummary;
use crate::components::modal::{use_send, Field, Modal};
use crate::context::use_app;
use crate::model::naming::{clone_name, template_name, validate_object_name};
use crate::model::request::{NewTemplate, NewVm, VmAccepted};
use crate::model::{Snapshot, Vm};
use leptos::prelude::*;

/// The name and description fields; `error` is the name's validation message.
#[component]
fn NameAndDescription(
    name: RwSignal<String>,
    /// Set once the user types a name, so a late default does not overwrite it.
    edited: RwSignal<bool>,
    description: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    help: &'static str,
) -> impl IntoView {
    view! {
        <Field label="Name" id="vms-new-name" required=true error help=help.to_string()>
            <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                <input id="vms-new-name" type="text" required
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| { edited.set(true); name.set(event_target_value(&ev)) } />
            </span>
        </Field>
        <Field label="Description" id="vms-new-description">
            <span class="pf-v6-c-form-control pf-m-textarea">
                <textarea id="vms-new-description" rows="2"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </span>
        </Field>
    }
}

fn name_help(kind: crate::model::BackendKind) -> &'static str {
    match kind {
        crate::model::BackendKind::Ovirt => "Letters, digits, '.', '_' and '-'.",
        crate::model::BackendKind::Kubevirt => {
            "Lowercase letters, digits and '-', up to 63 characters."
        }
    }
}

/// A new VM's name: `default` among the names in use (listed once, when `offered`) until the
/// user types one. Returns the name, whether it was typed, and the names in use, so that a taken
/// name is caught before sending.
pub fn use_new_vm_name(
    offered: bool,
    default: impl Fn(&[String]) -> String + 'static,
) -> (RwSignal<String>, RwSignal<bool>, Memo<Vec<String>>) {
    let backend = use_app().backend();
    let name = RwSignal::new(default(&[]));
    let edited = RwSignal::new(false);
    let vms = LocalResource::new(move || {
        let backend = backend.clone();
        async move {
            if offered {
                backend.list_vms().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let taken = Memo::new(move |_| match vms.get() {
        Some(Ok(list)) => list.into_iter().map(|v| v.name).collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    Effect::new(move |_| {
        let taken = taken.get();
        if !edited.get_untracked() {
            name.set(default(&taken));
        }
    });
    (name, edited, taken)
}

/// Create VM: a clone of the VM as the snapshot holds it.
#[component]
pub fn CreateVmModal(
    vm: Vm,
    snapshot: Snapshot,
    on_close: Callback<()>,
    /// The backend accepted the new VM; it is being made now.
    on_created: Callback<VmAccepted>,
) -> impl IntoView {
    let backend = use_app().backend();
    let kind = backend.kind();
    let vm_name = vm.name.clone();
    let (name, edited, taken) =
        use_new_vm_name(true, move |taken| clone_name(kind, &vm_name, taken));
    let description = RwSignal::new(String::new());
    let start = RwSignal::new(false);
    let name_error =
        Signal::derive(move || validate_object_name(kind, &name.get(), &taken.get(), "VM").err());
    let (create, error) = use_send(
        |backend, (vm, snapshot, request): (Vm, Snapshot, NewVm)| async move {
            actions(&backend)
                .await?
                .create_vm(&vm, &snapshot, &request)
                .await
        },
        on_created,
    );
    let valid = Signal::derive(move || name_error.get().is_none());
    let target = (vm.clone(), snapshot.clone());
    let on_submit = Callback::new(move |_| {
        let request = NewVm {
            name: name.get_untracked().trim().to_string(),
            description: description.get_untracked(),
            start: start.get_untracked(),
        };
        create.dispatch((target.0.clone(), target.1.clone(), request));
    });
    let has_memory = snapshot.has_memory;
    view! {
        <Modal title=format!("Create VM from {}", snapshot.name) submit_label="Create VM" valid
            pending=create.pending() error on_submit on_close>
            <p>"A new VM is made with the configuration and disks of "<strong>{snapshot.name.clone()}</strong>
               " of "{vm.name.clone()}". "{vm.name.clone()}" itself does not change."</p>
            <NameAndDescription name edited description error=name_error help=name_help(kind) />
            <div class="pf-v6-c-form__group">
                <div class="pf-v6-c-check">
                    <input class="pf-v6-c-check__input" type="checkbox" id="vms-new-start"
                        prop:checked=move || start.get() on:change=move |ev| start.set(event_target_checked(&ev)) />
                    <label class="pf-v6-c-check__label" for="vms-new-start">"Start the VM after creation"</label>
                </div>
            </div>
            {has_memory.then(|| view! {
                <div class="pf-v6-c-alert pf-m-warning pf-m-inline pf-m-plain vms-remark" role="status">
                    <p class="pf-v6-c-alert__title">"The new VM does not get the snapshot's memory"</p>
                    <div class="pf-v6-c-alert__description">"The snapshot includes memory, but a VM made from it starts from its disks, as after a power cut."</div>
                </div>
            })}
            <ConfigSummary vm=vm.clone() snapshot=snapshot.clone() />
        </Modal>
    }
}

/// Create VM Template: a template from the VM as the snapshot holds it.
#[component]
pub fn CreateTemplateModal(
    vm: Vm,
    snapshot: Snapshot,
    on_close: Callback<()>,
    /// The backend made (or is making) the template: its name.
    on_created: Callback<String>,
) -> impl IntoView {
    let kind = use_app().config.backend;
    let name = RwSignal::new(template_name(kind, &snapshot.name, &[]));
    let edited = RwSignal::new(false);
    let description = RwSignal::new(String::new());
    // Template names in use are the backend's to check: its refusal shows here.
    let name_error =
        Signal::derive(move || validate_object_name(kind, &name.get(), &[], "template").err());
    let (create, error) = use_send(
        |backend, (vm, snapshot, request): (Vm, Snapshot, NewTemplate)| async move {
            actions(&backend)
                .await?
                .create_template(&vm, &snapshot, &request)
                .await
                .map(|_| request.name)
        },
        on_created,
    );
    let valid = Signal::derive(move || name_error.get().is_none());
    let target = (vm.clone(), snapshot.clone());
    let on_submit = Callback::new(move |_| {
        let request = NewTemplate {
            name: name.get_untracked().trim().to_string(),
            description: description.get_untracked(),
        };
        create.dispatch((target.0.clone(), target.1.clone(), request));
    });
    view! {
        <Modal title=format!("Create VM Template from {}", snapshot.name) submit_label="Create template" valid
            pending=create.pending() error on_submit on_close>
            <p>"A VM template is made with the configuration and disks of "<strong>{snapshot.name.clone()}</strong>
               " of "{vm.name.clone()}", to make new VMs from."</p>
            <NameAndDescription name edited description error=name_error help=name_help(kind) />
            <ConfigSummary vm=vm.clone() snapshot=snapshot.clone() />
        </Modal>
    }
}
