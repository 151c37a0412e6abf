//! The details views of a taken snapshot (`…/snapshots/<id>`) and of a schedule
//! (`…/schedules/<id>`), with a way back to the list that keeps its query.

use crate::components::layout::term;
use crate::components::snapshot_table::{DateCell, Indications};
use crate::components::states::{EmptyState, ErrorState};
use crate::components::status::{Label, SnapshotStatusLabel};
use crate::components::tab_nav::{TabLink, TabView};
use crate::model::indications::{explain_all, Weight};
use crate::model::schedule::rule_label;
use crate::model::{format, Snapshot};
use crate::pages::tab_data::use_tab_data;
use leptos::prelude::*;

/// "Back to snapshots", with the list's query.
#[component]
fn BackLink() -> impl IntoView {
    view! { <TabLink to=TabView::List class="vms-back">"← Back to snapshots"</TabLink> }
}

#[component]
pub fn SnapshotDetails(#[prop(into)] sid: Signal<String>) -> impl IntoView {
    let data = use_tab_data();
    let body = move || match data.snapshots.get() {
        None => view! { <div class="pf-v6-c-skeleton" aria-busy="true"></div> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| data.refetch_snapshots()) /> }
                .into_any()
        }
        Some(Ok(list)) => match list.iter().find(|s| s.id == sid.get()).cloned() {
            None => {
                view! { <EmptyState title="Snapshot not found" body="It may have been deleted." /> }
                    .into_any()
            }
            Some(s) => view! { <Details s /> }.into_any(),
        },
    };
    view! { <BackLink /> {body} }
}

/// Each indication with what it means, in words.
#[component]
fn IndicationList(snapshot: Snapshot) -> impl IntoView {
    let items = explain_all(&snapshot)
        .into_iter()
        .map(|(i, e)| {
            let warning = e.weight == Weight::Warning;
            view! {
                <div class="pf-v6-c-description-list__group" data-indication=i.clone()>
                    <dt class="pf-v6-c-description-list__term">
                        <span class="pf-v6-c-description-list__text">
                            {e.label}{warning.then_some(" (warning)")}
                        </span>
                    </dt>
                    <dd class="pf-v6-c-description-list__description">
                        <div class="pf-v6-c-description-list__text">{e.meaning}</div>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h3 class="pf-v6-c-title pf-m-lg vms-subtitle">"What the indications say"</h3>
        <dl class="pf-v6-c-description-list pf-m-horizontal" aria-label="Indications explained">{items}</dl>
    }
}

#[component]
fn Details(s: Snapshot) -> impl IntoView {
    let or_dash = |v: Option<String>| v.filter(|x| !x.is_empty()).unwrap_or_else(|| "—".into());
    let config = s.config.clone().unwrap_or_default();
    let has_config = s.config.is_some();
    view! {
        <h2 class="pf-v6-c-title pf-m-xl vms-subtitle">{s.name.clone()}</h2>
        <dl class="pf-v6-c-description-list pf-m-2-col-on-lg" aria-label="Snapshot details">
            {term("Description", or_dash(Some(s.description.clone())))}
            {term("Date", view! { <DateCell at=s.created.map(|d| d.to_utc()) /> })}
            {term("Status", view! { <SnapshotStatusLabel status=s.status.clone() /> })}
            {term("Memory", if s.has_memory { "Included" } else { "Not included" })}
            {term("Size", s.size_bytes.map(format::bytes).unwrap_or_else(|| "Not reported".into()))}
            {term("Indications", if s.indications.is_empty() { view! { <span>"None"</span> }.into_any() } else { view! { <span class="vms-labels"><Indications snapshot=s.clone() /></span> }.into_any() })}
            {term("Last restored", s.last_restored.map(|d| format::local_datetime(&d)).unwrap_or_else(|| "Never".into()))}
            {term("VM configuration", if has_config {
                format!("{} CPUs, {} memory, {}",
                    config.cpus.map(|c| c.to_string()).unwrap_or_else(|| "?".into()),
                    config.memory_bytes.map(format::bytes).unwrap_or_else(|| "?".into()),
                    config.os.clone().unwrap_or_else(|| "unknown OS".into()))
            } else {
                "Kept in the snapshot; the backend does not list it".to_string()
            })}
        </dl>
        {(!s.indications.is_empty()).then(|| view! { <IndicationList snapshot=s.clone() /> })}
        <h3 class="pf-v6-c-title pf-m-lg vms-subtitle">"Disks"</h3>
        {if s.disks.is_empty() {
            view! { <p>"No disks: the snapshot keeps only the VM configuration."</p> }.into_any()
        } else {
            let image_ids = s.disks.iter().any(|d| d.image_id.is_some());
            view! {
                <table class="pf-v6-c-table pf-m-compact" role="grid" aria-label="Disks in the snapshot">
                    <thead class="pf-v6-c-table__thead"><tr class="pf-v6-c-table__tr" role="row">
                        <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Disk"</th>
                        <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Size"</th>
                        {image_ids.then(|| view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Image ID"</th> })}
                    </tr></thead>
                    <tbody class="pf-v6-c-table__tbody" role="rowgroup">
                        {s.disks.iter().map(|d| view! {
                            <tr class="pf-v6-c-table__tr" role="row">
                                <td class="pf-v6-c-table__td" role="cell" data-label="Disk">{d.name.clone()}</td>
                                <td class="pf-v6-c-table__td" role="cell" data-label="Size">{d.size_bytes.map(format::bytes).unwrap_or_else(|| "—".into())}</td>
                                {image_ids.then(|| view! { <td class="pf-v6-c-table__td" role="cell" data-label="Image ID"><code>{d.image_id.clone().unwrap_or_default()}</code></td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

#[component]
pub fn ScheduleDetails(#[prop(into)] sid: Signal<String>) -> impl IntoView {
    let data = use_tab_data();
    let body = move || match data.schedules.get() {
        None => view! { <div class="pf-v6-c-skeleton" aria-busy="true"></div> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorState error on_retry=Callback::new(move |_| data.schedules.refetch()) /> }
                .into_any()
        }
        Some(Ok(list)) => match list.into_iter().find(|s| s.id == sid.get()) {
            None => {
                view! { <EmptyState title="Schedule not found" body="It may have been deleted." /> }
                    .into_any()
            }
            Some(s) => {
                let repeat = rule_label(s.rule.as_deref());
                let names: Vec<(String, String)> = data
                    .snapshots
                    .get()
                    .and_then(|r| r.ok())
                    .unwrap_or_default()
                    .iter()
                    .filter(|x| s.produced.contains(&x.id))
                    .map(|x| (x.id.clone(), x.name.clone()))
                    .collect();
                view! {
                    <h2 class="pf-v6-c-title pf-m-xl vms-subtitle">{s.name.clone()}</h2>
                    <dl class="pf-v6-c-description-list pf-m-2-col-on-lg" aria-label="Schedule details">
                        {term("Description", if s.description.is_empty() { "—".to_string() } else { s.description.clone() })}
                        {term("Repeat", view! { <Label text=repeat modifier="pf-m-blue" /> })}
                        {term("Rule", format!("{} ({})", s.rule.clone().unwrap_or_else(|| "once".into()), s.time_zone))}
                        {term("Status", if s.paused { "Paused" } else { "Active" })}
                        {term("First run", view! { <DateCell at=Some(s.start) /> })}
                        {term("Next run", view! { <DateCell at=s.next_run /> })}
                        {term("Kept instances", format!("The last {}", s.keep))}
                        {term("Memory", if s.memory { "Included" } else { "Not included" })}
                    </dl>
                    <h3 class="pf-v6-c-title pf-m-lg vms-subtitle">"Snapshots it made"</h3>
                    {if names.is_empty() {
                        view! { <p>"None yet."</p> }.into_any()
                    } else {
                        view! { <ul class="pf-v6-c-list">{names.into_iter().map(|(id, name)| {
                            view! { <li><TabLink to=TabView::Snapshot(id)>{name}</TabLink></li> }
                        }).collect_view()}</ul> }.into_any()
                    }}
                }
                .into_any()
            }
        },
    };
    view! { <BackLink /> {body} }
}
