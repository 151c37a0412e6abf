//! Taking a snapshot of many VMs at once, from the VM list: one name pattern (`{vm}`, `{date}`)
//! and one description for all, each VM's name shown (or why it cannot be one) before anything
//! is sent. The VM list then shows each VM's progress in its row.

use crate::components::modal::{Field, Modal};
use crate::context::use_app;
use crate::model::bulk::{names, DEFAULT_PATTERN};
use crate::model::Vm;
use leptos::prelude::*;

/// What the modal confirmed: each VM with its snapshot's name, and the one description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkTake {
    pub each: Vec<(Vm, String)>,
    pub description: String,
}

#[component]
pub fn BulkTakeModal(
    vms: Vec<Vm>,
    /// The chosen VMs left out because an operation runs on them.
    skipped: Vec<String>,
    on_close: Callback<()>,
    on_start: Callback<BulkTake>,
) -> impl IntoView {
    let backend = use_app().backend().kind();
    let pattern = RwSignal::new(DEFAULT_PATTERN.to_string());
    let description = RwSignal::new(String::new());
    let at = chrono::Local::now().naive_local();
    let vm_names: Vec<String> = vms.iter().map(|v| v.name.clone()).collect();
    let named = Memo::new(move |_| pattern.with(|p| names(backend, p, &vm_names, at)));
    let valid = Signal::derive(move || named.with(|n| n.iter().all(Result::is_ok)));
    let pattern_error = Signal::derive(move || {
        pattern
            .with(|p| p.trim().is_empty())
            .then(|| "Enter a name pattern.".to_string())
    });
    let count = vms.len();
    let chosen = vms.clone();
    let on_submit = Callback::new(move |_| {
        let each = named.with_untracked(|n| {
            chosen
                .iter()
                .cloned()
                .zip(n.iter().cloned())
                .filter_map(|(vm, name)| name.ok().map(|name| (vm, name)))
                .collect()
        });
        on_start.run(BulkTake {
            each,
            description: description.get_untracked().trim().to_string(),
        });
    });
    let submit_label = Signal::stored(match count {
        1 => "Take 1 snapshot".to_string(),
        n => format!("Take {n} snapshots"),
    });
    let items = move || {
        let named = named.get();
        vms.iter()
            .zip(named)
            .map(|(vm, name)| {
                let failed = name.is_err();
                let text = match name {
                    Ok(n) => n,
                    Err(why) => why,
                };
                view! {
                    <li class="vms-bulk-item" data-vm=vm.name.clone()>
                        <span class="vms-bulk-name">{vm.name.clone()}</span>
                        {" → "}
                        <span class="vms-bulk-step" class:pf-m-error=failed>{text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let memory_note = match backend {
        crate::model::BackendKind::Ovirt => {
            "Each snapshot takes all of its VM's disks, without memory. On oVirt the name is the \
             snapshot's description."
        }
        crate::model::BackendKind::Kubevirt => {
            "Each snapshot takes all of its VM's volumes that can be snapshotted."
        }
    };
    view! {
        <Modal title=format!("Take a snapshot of {count} VMs") submit_label valid pending=Signal::stored(false)
            error=Signal::stored(None) on_submit on_close>
            <Field label="Name pattern" id="vms-bulk-pattern" required=true error=pattern_error
                help="{vm} is each VM's name, {date} the time now (yyyyMMdd-HHmmss).".to_string()>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || !valid.get()>
                    <input id="vms-bulk-pattern" type="text" prop:value=move || pattern.get()
                        on:input=move |ev| pattern.set(event_target_value(&ev)) />
                </span>
            </Field>
            {(backend == crate::model::BackendKind::Kubevirt).then(|| view! {
                <Field label="Description" id="vms-bulk-description">
                    <span class="pf-v6-c-form-control pf-m-textarea">
                        <textarea id="vms-bulk-description" rows="2" prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    </span>
                </Field>
            })}
            <p class="vms-note">{memory_note}</p>
            <ul class="pf-v6-c-list vms-bulk-list" aria-label="Snapshots to take">{items}</ul>
            {(!skipped.is_empty()).then(|| view! {
                <p class="vms-note" data-skipped>
                    {format!("Left out, as an operation runs on them: {}.", skipped.join(", "))}
                </p>
            })}
        </Modal>
    }
}
