//! The read-only summary of the VM configuration a snapshot holds (CPU, memory, OS, disks,
//! NICs where the backend tells), shown by the Create VM and Create VM Template modals.

use crate::components::layout::term;
use crate::context::use_app;
use crate::model::{format, Snapshot, Vm};
use leptos::prelude::*;

#[component]
pub fn ConfigSummary(vm: Vm, snapshot: Snapshot) -> impl IntoView {
    let backend = use_app().backend();
    let disks = if snapshot.disks.is_empty() {
        "None: the snapshot keeps the configuration only".to_string()
    } else {
        snapshot
            .disks
            .iter()
            .map(|d| match d.size_bytes {
                Some(size) => format!("{} ({})", d.name, format::bytes(size)),
                None => d.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let config = LocalResource::new(move || {
        let (backend, vm, snapshot) = (backend.clone(), vm.clone(), snapshot.clone());
        async move { backend.snapshot_config(&vm, &snapshot).await }
    });
    let unknown = || "Not reported".to_string();
    view! {
        <section class="vms-config-summary" aria-label="Configuration in the snapshot">
            <h2 class="pf-v6-c-title pf-m-md">"Configuration in the snapshot"</h2>
            {move || match config.get() {
                None => view! { <div class="pf-v6-c-skeleton" aria-busy="true">"Loading the configuration…"</div> }.into_any(),
                Some(result) => {
                    let note = result.as_ref().err().map(|e| format!("The configuration could not be read: {e}"));
                    let c = result.unwrap_or_default();
                    view! {
                        <dl class="pf-v6-c-description-list pf-m-horizontal pf-m-compact">
                            {term("CPUs", c.cpus.map(|n| n.to_string()).unwrap_or_else(unknown))}
                            {term("Memory", c.memory_bytes.map(format::bytes).unwrap_or_else(unknown))}
                            {term("Operating system", c.os.clone().unwrap_or_else(unknown))}
                            {term("Disks", disks.clone())}
                            {term("Network interfaces", match &c.nics {
                                Some(n) if n.is_empty() => "None".to_string(),
                                Some(n) => n.join(", "),
                                None => unknown(),
                            })}
                        </dl>
                        {note.map(|n| view! { <p class="vms-note">{n}</p> })}
                    }.into_any()
                }
            }}
        </section>
    }
}
