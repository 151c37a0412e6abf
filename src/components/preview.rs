//! oVirt's custom preview: the grid (a row per snapshot, the Active VM first; a radio for the
//! VM configuration, a checkbox per disk per row; a double-click takes the whole row), the VM
//! it gives, and while a preview runs, the banner with Commit and Undo.

use crate::api::actions;
use crate::components::modal::{use_send, Modal};
use crate::components::states::ErrorState;
use crate::context::use_app;
use crate::model::preview::{Grid, PreviewSources, Previewed};
use crate::model::{format, Snapshot, Vm};
use leptos::prelude::*;
use std::sync::Arc;

/// "Preview…": the grid, starting from the row of `from`.
#[component]
pub fn PreviewModal(
    vm: Vm,
    from: Snapshot,
    on_close: Callback<()>,
    on_started: Callback<()>,
) -> impl IntoView {
    let source_backend = use_app().backend();
    let source_vm = vm.clone();
    let sources = LocalResource::new(move || {
        let (backend, vm) = (source_backend.clone(), source_vm.clone());
        async move { backend.preview_sources(&vm).await }
    });
    let grid = RwSignal::new(None::<Grid>);
    Effect::new(move |_| {
        if let Some(Ok(s)) = sources.get() {
            let mut g = Grid::new(s.rows());
            if let Some(i) = g.rows.iter().position(|r| r.id == from.id) {
                g.select_row(i);
            }
            grid.set(Some(g));
        }
    });
    let (preview, error) = use_send(
        |backend, (vm, grid): (Vm, Grid)| async move {
            actions(&backend).await?.preview(&vm, &grid.request()).await
        },
        on_started,
    );
    let valid =
        Signal::derive(move || grid.with(|g| g.as_ref().is_some_and(|g| g.problem().is_none())));
    let target = vm.clone();
    let on_submit = Callback::new(move |_| {
        if let Some(g) = grid.get_untracked() {
            preview.dispatch((target.clone(), g));
        }
    });
    let body = move || match sources.get() {
        None => {
            view! { <div class="pf-v6-c-skeleton" aria-busy="true">"Loading the snapshots…"</div> }
                .into_any()
        }
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| sources.refetch()) /> }
                .into_any()
        }
        Some(Ok(_)) => view! { <GridTable grid /> <Outcome grid /> }.into_any(),
    };
    view! {
        <Modal title=format!("Preview snapshots of {}", vm.name) submit_label="Preview" wide=true valid
            pending=preview.pending() error on_submit on_close>
            <p>"Choose the VM configuration from one row and each disk from any row; a disk may be left out. "
               "Double-click a row to take all of it. The VM runs the preview until you commit or undo it."</p>
            {body}
        </Modal>
    }
}

#[component]
fn GridTable(grid: RwSignal<Option<Grid>>) -> impl IntoView {
    // The table is drawn once the grid is there; the cells follow the selection on their own.
    let loaded = Memo::new(move |_| grid.with(|g| g.is_some()));
    move || {
        if !loaded.get() {
            return ().into_any();
        }
        let Some(g) = grid.get_untracked() else {
            return ().into_any();
        };
        let disks: Vec<(String, String)> = g
            .disks
            .iter()
            .map(|(id, name, _)| (id.clone(), name.clone()))
            .collect();
        let header = disks.clone();
        view! {
            <table class="pf-v6-c-table pf-m-compact vms-preview-grid" role="grid" aria-label="Preview from snapshots">
                <thead class="pf-v6-c-table__thead"><tr class="pf-v6-c-table__tr" role="row">
                    <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Snapshot"</th>
                    <th class="pf-v6-c-table__th" role="columnheader" scope="col">"VM configuration"</th>
                    <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Memory"</th>
                    {header.into_iter().map(|(_, name)| view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">{name}</th> }).collect_view()}
                </tr></thead>
                <tbody class="pf-v6-c-table__tbody" role="rowgroup">
                    {g.rows.iter().enumerate().map(|(i, row)| {
                        let name = row.name.clone();
                        let date = row.created.map(|d| format::local_datetime(&d)).unwrap_or_default();
                        let cells = disks.iter().map(|(disk, disk_name)| {
                            let present = g.has_disk(i, disk);
                            let disk = disk.clone();
                            let toggled = disk.clone();
                            let label = format!("{disk_name} from {name}");
                            view! {
                                <td class="pf-v6-c-table__td" role="cell" data-label=disk_name.clone()>
                                    {if present {
                                        view! {
                                            <input class="pf-v6-c-check__input" type="checkbox" aria-label=label
                                                prop:checked=move || grid.with(|g| g.as_ref().is_some_and(|g| g.is_checked(i, &disk)))
                                                on:change=move |_| grid.update(|g| if let Some(g) = g { g.toggle_disk(i, &toggled) }) />
                                        }.into_any()
                                    } else {
                                        view! { <span class="vms-note" title="Not in this snapshot">"—"</span> }.into_any()
                                    }}
                                </td>
                            }
                        }).collect_view();
                        let memory = if row.has_memory { "Included" } else { "—" };
                        view! {
                            <tr class="pf-v6-c-table__tr" role="row" data-preview-row=name.clone()
                                class:pf-m-selected=move || grid.with(|g| g.as_ref().is_some_and(|g| g.config == i))
                                on:dblclick=move |_| grid.update(|g| if let Some(g) = g { g.select_row(i) })>
                                <td class="pf-v6-c-table__td" role="cell" data-label="Snapshot">
                                    <strong>{name.clone()}</strong>" "<span class="vms-relative">{date}</span>
                                </td>
                                <td class="pf-v6-c-table__td" role="cell" data-label="VM configuration">
                                    <input class="pf-v6-c-radio__input" type="radio" name="vms-preview-config"
                                        aria-label=format!("VM configuration from {name}")
                                        prop:checked=move || grid.with(|g| g.as_ref().is_some_and(|g| g.config == i))
                                        on:change=move |_| grid.update(|g| if let Some(g) = g { g.select_config(i) }) />
                                </td>
                                <td class="pf-v6-c-table__td" role="cell" data-label="Memory">{memory}</td>
                                {cells}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// The VM the preview gives, below the grid.
#[component]
fn Outcome(grid: RwSignal<Option<Grid>>) -> impl IntoView {
    move || {
        grid.get().map(|g| {
            let o = g.outcome();
            let problem = g.problem();
            view! {
                <section class="vms-preview-outcome" aria-label="The previewed VM">
                    <h2 class="pf-v6-c-title pf-m-md">"The previewed VM"</h2>
                    <ul class="pf-v6-c-list">
                        <li>{format!("Configuration {}from {}", if o.memory { "and memory " } else { "" }, o.config_from)}</li>
                        {o.disks.into_iter().map(|d| view! {
                            <li>{match d.from {
                                Some(from) => format!("{}: from {from}", d.name),
                                None => format!("{}: left out (deleted if you commit the preview)", d.name),
                            }}</li>
                        }).collect_view()}
                    </ul>
                    {problem.map(|p| view! { <p class="pf-v6-c-helper-text__item pf-m-error">{p}</p> })}
                </section>
            }
        })
    }
}

/// What a running preview shows, in words.
fn describe(p: &Previewed) -> String {
    let disks: Vec<String> = p
        .disks
        .iter()
        .map(|(disk, from)| match from {
            Some(s) => format!("{disk} from {s}"),
            None => format!("{disk} as it was"),
        })
        .collect();
    let mut text = format!(
        "Configuration{} from {}.",
        if p.config.has_memory {
            " and memory"
        } else {
            ""
        },
        p.config.name
    );
    if !disks.is_empty() {
        text.push_str(&format!(" Disks: {}.", disks.join(", ")));
    }
    if !p.excluded.is_empty() {
        text.push_str(&format!(" Left out: {}.", p.excluded.join(", ")));
    }
    text
}

/// The banner while `vm` previews a snapshot: what, and Commit and Undo.
#[component]
pub fn PreviewBanner(vm: Vm, #[prop(into)] snapshots: Signal<Arc<Vec<Snapshot>>>) -> impl IntoView {
    let app = use_app();
    let backend = app.backend();
    let source_vm = vm.clone();
    let source_backend = backend.clone();
    let sources = LocalResource::new(move || {
        snapshots.track();
        let (backend, vm) = (source_backend.clone(), source_vm.clone());
        async move { backend.preview_sources(&vm).await }
    });
    let committing = RwSignal::new(false);
    let undo_backend = backend.clone();
    let undo = Action::new_local(move |vm: &Vm| {
        let (backend, vm) = (undo_backend.clone(), vm.clone());
        async move { actions(&backend).await?.undo_preview(&vm).await }
    });
    let changed = app.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = undo.value().get() {
            changed.changed();
        }
    });
    let previewed = Memo::new(move |_| {
        sources
            .get()
            .and_then(|r| r.ok())
            .and_then(|s| s.previewed())
    });
    let fallback = move || {
        snapshots.with(|list| {
            list.iter()
                .find(|s| s.status == crate::model::SnapshotStatus::InPreview)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    };
    let title = {
        let vm_name = vm.name.clone();
        move || {
            let name = previewed
                .get()
                .map(|p| p.config.name)
                .unwrap_or_else(fallback);
            format!("{vm_name} is previewing {name}")
        }
    };
    let undo_vm = vm.clone();
    let commit_vm = vm.clone();
    view! {
        <div class="pf-v6-c-alert pf-m-custom pf-m-inline vms-preview-banner" role="region" aria-label="Snapshot preview">
            <p class="pf-v6-c-alert__title">{title}</p>
            <div class="pf-v6-c-alert__description">
                <p>{move || previewed.get().map(|p| describe(&p))}</p>
                <p>"Commit to keep this state, or undo to return to the VM as it was before the preview. Other snapshot actions wait until then."</p>
                {move || undo.value().get().and_then(|r| r.err()).map(|e| view! {
                    <p class="pf-v6-c-helper-text__item pf-m-error" role="alert">{format!("Undo failed: {e}")}</p>
                })}
            </div>
            <div class="pf-v6-c-alert__action-group">
                <button class="pf-v6-c-button pf-m-primary" type="button" disabled=move || undo.pending().get()
                    on:click=move |_| committing.set(true)>"Commit…"</button>
                <button class="pf-v6-c-button pf-m-secondary" type="button" disabled=move || undo.pending().get()
                    on:click=move |_| { undo.dispatch(undo_vm.clone()); }>"Undo"</button>
            </div>
        </div>
        {move || committing.get().then(|| {
            let sources = sources.get().and_then(|r| r.ok());
            view! {
                <CommitModal vm=commit_vm.clone() sources
                    on_close=Callback::new(move |_| committing.set(false))
                    on_committed=Callback::new({
                        let app = app.clone();
                        move |_| { committing.set(false); app.changed(); }
                    }) />
            }
        })}
    }
}

/// Commit: what is lost (newer snapshots, the disks left out), then the commit.
#[component]
fn CommitModal(
    vm: Vm,
    sources: Option<PreviewSources>,
    on_close: Callback<()>,
    on_committed: Callback<()>,
) -> impl IntoView {
    let (commit, error) = use_send(
        |backend, vm: Vm| async move { actions(&backend).await?.commit_preview(&vm).await },
        on_committed,
    );
    let previewed = sources.as_ref().and_then(|s| s.previewed());
    let name = previewed
        .as_ref()
        .map(|p| p.config.name.clone())
        .unwrap_or_default();
    let newer: Vec<String> = match (&sources, &previewed) {
        (Some(s), Some(p)) => s
            .snapshots
            .iter()
            .filter(|x| x.created > p.config.created && x.id != p.config.id)
            .map(|x| x.name.clone())
            .collect(),
        _ => Vec::new(),
    };
    let excluded = previewed.map(|p| p.excluded).unwrap_or_default();
    let target = vm.clone();
    view! {
        <Modal title="Commit the preview?" submit_label="Commit" danger=true valid=true pending=commit.pending() error
            on_submit=Callback::new(move |_| { commit.dispatch(target.clone()); }) on_close>
            <p>{format!("{} keeps the previewed state of {name} for good.", vm.name)}</p>
            <div class="pf-v6-c-alert pf-m-warning pf-m-inline pf-m-plain vms-remark" role="status">
                <p class="pf-v6-c-alert__title">"What is lost"</p>
                <div class="pf-v6-c-alert__description">
                    <p>{if newer.is_empty() {
                        "No snapshot is newer than the previewed one.".to_string()
                    } else {
                        format!("The snapshots newer than {name} are erased: {}.", newer.join(", "))
                    }}</p>
                    <p>{if excluded.is_empty() {
                        "No disk was left out.".to_string()
                    } else {
                        format!("The disks left out of the preview are deleted: {}.", excluded.join(", "))
                    }}</p>
                </div>
            </div>
        </Modal>
    }
}
