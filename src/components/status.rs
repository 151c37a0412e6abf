//! Status labels for VMs and snapshots (PatternFly `Label`, with a spinner while work runs).

use crate::model::{SnapshotStatus, VmStatus};
use leptos::prelude::*;

/// A PatternFly label; `modifier` is a `pf-m-…` colour or status class.
#[component]
pub fn Label(#[prop(into)] text: String, modifier: &'static str) -> impl IntoView {
    view! {
        <span class=format!("pf-v6-c-label pf-m-compact {modifier}")>
            <span class="pf-v6-c-label__content">
                <span class="pf-v6-c-label__text">{text}</span>
            </span>
        </span>
    }
}

/// PatternFly's inline spinner.
#[component]
pub fn Spinner(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <svg class="pf-v6-c-spinner pf-m-inline" role="progressbar" viewBox="0 0 100 100" aria-label=label>
            <circle class="pf-v6-c-spinner__path" cx="50" cy="50" r="45" fill="none" />
        </svg>
    }
}

fn vm_modifier(status: &VmStatus) -> &'static str {
    match status {
        VmStatus::Running => "pf-m-success",
        VmStatus::Stopped => "",
        VmStatus::Paused | VmStatus::Suspended => "pf-m-warning",
        VmStatus::Other(_) => "pf-m-outline",
        _ => "pf-m-info",
    }
}

#[component]
pub fn VmStatusLabel(status: VmStatus) -> impl IntoView {
    let busy = status.is_busy()
        || matches!(
            status,
            VmStatus::Starting | VmStatus::Stopping | VmStatus::Migrating
        );
    let text = status.label().to_string();
    view! {
        <span class="vms-status" data-status=text.clone()>
            {busy.then(|| view! { <Spinner label=format!("{text}…") /> })}
            <Label text=text.clone() modifier=vm_modifier(&status) />
        </span>
    }
}

fn snapshot_modifier(status: &SnapshotStatus) -> &'static str {
    match status {
        SnapshotStatus::Ok => "pf-m-success",
        SnapshotStatus::InProgress | SnapshotStatus::Locked => "pf-m-info",
        SnapshotStatus::InPreview => "pf-m-purple",
        SnapshotStatus::Failed(_) => "pf-m-danger",
        SnapshotStatus::Other(_) => "pf-m-outline",
    }
}

#[component]
pub fn SnapshotStatusLabel(status: SnapshotStatus) -> impl IntoView {
    let text = status.label().to_string();
    let error = match &status {
        SnapshotStatus::Failed(Some(message)) => Some(message.clone()),
        _ => None,
    };
    let title = error.clone();
    view! {
        <span class="vms-status" data-status=text.clone() title=title>
            {status.is_transient().then(|| view! { <Spinner label=format!("{text}…") /> })}
            <Label text=text.clone() modifier=snapshot_modifier(&status) />
            {error.map(|e| view! { <span class="pf-v6-screen-reader">{format!(": {e}")}</span> })}
        </span>
    }
}
