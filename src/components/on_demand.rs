//! The parts of the tab that most visits never show, downloaded the first time one is opened:
//! the dialogs and the timeline. The build (`scripts/build-wasm`) splits the wasm at
//! [`build`]: the code that only it reaches (these views, their generic instances, their
//! serialization) goes into a module of its own beside the main one, fetched when a part is
//! first opened, and kept. Until it has come, a dialog shows the page's busy backdrop; if it
//! cannot be fetched, a message and Retry, and the part is built when a retry succeeds.

use crate::components::bulk_delete::{BulkDeleteModal, Which};
use crate::components::bulk_take::{BulkTake, BulkTakeModal};
use crate::components::delete_modals::{DeleteScheduleModal, DeleteSnapshotModal};
use crate::components::layer::BusyBackdrop;
use crate::components::modal::Modal;
use crate::components::new_from_snapshot::{CreateTemplateModal, CreateVmModal};
use crate::components::preview::PreviewModal;
use crate::components::restore_modal::{RestoreModal, Started};
use crate::components::states::ErrorPanel;
use crate::components::take_snapshot::TakeSnapshotModal;
use crate::components::timeline::Timeline;
use crate::model::request::VmAccepted;
use crate::model::schedule::Schedule;
use crate::model::{Snapshot, Vm};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A part, with what its view takes.
#[derive(Clone)]
pub enum OnDemand {
    TakeSnapshot {
        vm: Vm,
        /// `Err(why)` when schedules cannot be made; `None` where the modal offers none.
        scheduling: Option<Result<(), String>>,
        /// The schedule being edited.
        editing: Option<Schedule>,
        snapshots: Vec<Snapshot>,
        on_close: Callback<()>,
        on_taken: Callback<Option<Snapshot>>,
    },
    DeleteSnapshot {
        vm: Vm,
        snapshot: Snapshot,
        on_close: Callback<()>,
        on_deleted: Callback<()>,
    },
    DeleteSchedule {
        vm: Vm,
        schedule: Schedule,
        on_close: Callback<()>,
        on_deleted: Callback<()>,
    },
    Restore {
        vm: Vm,
        snapshot: Snapshot,
        all: Vec<Snapshot>,
        on_close: Callback<()>,
        on_started: Callback<Started>,
    },
    CreateVm {
        vm: Vm,
        snapshot: Snapshot,
        on_close: Callback<()>,
        on_created: Callback<VmAccepted>,
    },
    CreateTemplate {
        vm: Vm,
        snapshot: Snapshot,
        on_close: Callback<()>,
        on_created: Callback<String>,
    },
    Preview {
        vm: Vm,
        from: Snapshot,
        on_close: Callback<()>,
        on_started: Callback<()>,
    },
    BulkDelete {
        vm: Vm,
        which: Which,
        all: Signal<Arc<Vec<Snapshot>>>,
        on_close: Callback<()>,
        on_done: Callback<()>,
    },
    BulkTake {
        vms: Vec<Vm>,
        skipped: Vec<String>,
        on_close: Callback<()>,
        on_start: Callback<BulkTake>,
    },
    Timeline {
        snapshots: Signal<Vec<Snapshot>>,
        schedules: Signal<Vec<Schedule>>,
        no_restores: Option<String>,
    },
}

impl OnDemand {
    /// How a dialog is closed; `None` for a part of the page (the timeline).
    fn on_close(&self) -> Option<Callback<()>> {
        match self {
            OnDemand::TakeSnapshot { on_close, .. }
            | OnDemand::DeleteSnapshot { on_close, .. }
            | OnDemand::DeleteSchedule { on_close, .. }
            | OnDemand::Restore { on_close, .. }
            | OnDemand::CreateVm { on_close, .. }
            | OnDemand::CreateTemplate { on_close, .. }
            | OnDemand::Preview { on_close, .. }
            | OnDemand::BulkDelete { on_close, .. }
            | OnDemand::BulkTake { on_close, .. } => Some(*on_close),
            OnDemand::Timeline { .. } => None,
        }
    }

    /// What the part is called in the message that it could not be downloaded.
    fn what(&self) -> &'static str {
        if self.on_close().is_some() {
            "This dialog"
        } else {
            "The timeline"
        }
    }

    /// The part's view. Only [`build`] calls it, so that the split leaves it out of the main
    /// module.
    fn view(self) -> AnyView {
        match self {
            OnDemand::TakeSnapshot {
                vm,
                scheduling,
                editing,
                snapshots,
                on_close,
                on_taken,
            } => match (scheduling, editing) {
                (Some(scheduling), _) => view! {
                    <TakeSnapshotModal vm scheduling snapshots on_close on_taken />
                }
                .into_any(),
                (None, Some(editing)) => view! {
                    <TakeSnapshotModal vm editing snapshots on_close on_taken />
                }
                .into_any(),
                (None, None) => {
                    view! { <TakeSnapshotModal vm snapshots on_close on_taken /> }.into_any()
                }
            },
            OnDemand::DeleteSnapshot {
                vm,
                snapshot,
                on_close,
                on_deleted,
            } => view! { <DeleteSnapshotModal vm snapshot on_close on_deleted /> }.into_any(),
            OnDemand::DeleteSchedule {
                vm,
                schedule,
                on_close,
                on_deleted,
            } => view! { <DeleteScheduleModal vm schedule on_close on_deleted /> }.into_any(),
            OnDemand::Restore {
                vm,
                snapshot,
                all,
                on_close,
                on_started,
            } => view! { <RestoreModal vm snapshot all on_close on_started /> }.into_any(),
            OnDemand::CreateVm {
                vm,
                snapshot,
                on_close,
                on_created,
            } => view! { <CreateVmModal vm snapshot on_close on_created /> }.into_any(),
            OnDemand::CreateTemplate {
                vm,
                snapshot,
                on_close,
                on_created,
            } => view! { <CreateTemplateModal vm snapshot on_close on_created /> }.into_any(),
            OnDemand::Preview {
                vm,
                from,
                on_close,
                on_started,
            } => view! { <PreviewModal vm from on_close on_started /> }.into_any(),
            OnDemand::BulkDelete {
                vm,
                which,
                all,
                on_close,
                on_done,
            } => view! { <BulkDeleteModal vm which all on_close on_done /> }.into_any(),
            OnDemand::BulkTake {
                vms,
                skipped,
                on_close,
                on_start,
            } => view! { <BulkTakeModal vms skipped on_close on_start /> }.into_any(),
            OnDemand::Timeline {
                snapshots,
                schedules,
                no_restores,
            } => view! { <Timeline snapshots schedules no_restores /> }.into_any(),
        }
    }
}

/// The split point: in the wasm, a call into the module of the parts, fetched first if it has
/// not come yet (`Err` if it cannot be). Natively, the view itself.
#[leptos::wasm_split::wasm_split(
    parts,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_parts),
    fallible
)]
fn build(part: OnDemand) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(part.view())
}

/// The module of the parts has come (it stays): a part opened then is built at once, with no
/// busy frame first.
static FETCHED: AtomicBool = AtomicBool::new(false);

/// The part's view, now that its module has come: the split function's future is ready at its
/// first poll then. `None` if it is not (it never is not, once `fetch_parts` has succeeded).
fn build_now(part: OnDemand) -> Option<AnyView> {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(build(part));
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(view)) => Some(view),
        Poll::Ready(Err(_)) | Poll::Pending => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Fetching,
    Ready,
    Failed,
}

/// Shows `part`: at once if its module has come, else once it has.
#[component]
pub fn OnDemandView(part: OnDemand) -> impl IntoView {
    let phase = RwSignal::new(if FETCHED.load(Ordering::Relaxed) {
        Phase::Ready
    } else {
        Phase::Fetching
    });
    let on_close = part.on_close();
    let fetch = move || {
        phase.set(Phase::Fetching);
        // A dialog sends changes: their module (`api::Actions`) is asked for meanwhile.
        if on_close.is_some() {
            spawn_local(crate::api::prefetch_actions());
        }
        spawn_local(async move {
            let fetched = fetch_parts().await.is_ok();
            FETCHED.fetch_or(fetched, Ordering::Relaxed);
            // The view may be gone (the dialog closed while it was fetched).
            phase.try_set(if fetched { Phase::Ready } else { Phase::Failed });
        });
    };
    if phase.get_untracked() == Phase::Fetching {
        fetch();
    }
    let what = part.what();
    let part = StoredValue::new_local(part);
    let retry = Callback::new(move |_| fetch());
    move || match phase.get() {
        Phase::Ready => {
            untrack(|| build_now(part.get_value())).unwrap_or_else(|| failed(what, on_close, retry))
        }
        Phase::Fetching if on_close.is_some() => view! { <BusyBackdrop /> }.into_any(),
        Phase::Fetching => view! {
            <div class="pf-v6-l-bullseye vms-fetching">
                <svg class="pf-v6-c-spinner pf-m-lg" role="progressbar" viewBox="0 0 100 100"
                    aria-label="Loading">
                    <circle class="pf-v6-c-spinner__path" cx="50" cy="50" r="45" fill="none" />
                </svg>
            </div>
        }
        .into_any(),
        Phase::Failed => failed(what, on_close, retry),
    }
}

/// That the part could not be downloaded, with Retry; for a dialog, in a dialog (the app's own,
/// with its focus and keys) that Cancel closes.
fn failed(what: &'static str, on_close: Option<Callback<()>>, on_retry: Callback<()>) -> AnyView {
    const TITLE: &str = "Could not download this part of the app";
    let sentence = format!(
        "{what} is downloaded the first time it is opened, and the download failed. Check the connection, then retry."
    );
    match on_close {
        Some(on_close) => view! {
            <Modal title=TITLE submit_label="Retry" valid=true pending=false error=Signal::stored(None)
                on_submit=on_retry on_close>
                <p>{sentence}</p>
            </Modal>
        }
        .into_any(),
        None => view! { <ErrorPanel title=TITLE message=sentence on_retry /> }.into_any(),
    }
}
