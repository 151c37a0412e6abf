//! The Snapshots tab's one data hook: the VM's snapshots and schedules, and the list query (see
//! [`crate::components::tab_nav`]). Kept live by the backend's watches where it has them
//! (Kubernetes); otherwise (oVirt) by asking again: every second for what is in progress, and
//! every `refresh_seconds` otherwise, never while the page is hidden.

use crate::api::{ApiError, Live};
use crate::components::tab_nav::{use_tab_nav, TabView};
use crate::context::use_app;
use crate::model::listing::{with_fresher, ListQuery};
use crate::model::schedule::Schedule;
use crate::model::{Snapshot, Vm};
use crate::pages::refresh::{ask_again_after, failed_again, last_read, POLL};
use crate::pages::tab_root::use_current_vm;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct TabData {
    /// The last VM read (see [`CurrentVm::shown`](crate::pages::tab_root::CurrentVm)).
    pub vm: Memo<Option<Vm>>,
    /// Why the VM cannot be shown at all, when it cannot (gone, or never read).
    pub vm_failed: Memo<Option<ApiError>>,
    vm_resource: LocalResource<Result<Vm, ApiError>>,
    /// The last whole list.
    full: LocalResource<Result<Arc<Vec<Snapshot>>, ApiError>>,
    /// Snapshots read one by one since the whole list (oVirt, while they are in progress).
    fresher: RwSignal<Vec<(String, Option<Snapshot>)>>,
    one_by_one: bool,
    /// The VM's snapshots: the whole list with the fresher ones in it. A whole list that
    /// could not be read again leaves the one read before (see `snapshots_stale`). Shared, not
    /// copied: each view that reads it gets the same list (2,000 snapshots are not cloned and
    /// compared again by every memo that follows it).
    pub snapshots: Memo<Option<Result<Arc<Vec<Snapshot>>, ApiError>>>,
    /// Why the whole list could not be read again, while the one read before is shown.
    pub snapshots_stale: Memo<Option<ApiError>>,
    /// `Err(Unsupported)` when the backend has no schedules: scheduling is hidden, with the reason.
    pub schedules: LocalResource<Result<Vec<Schedule>, ApiError>>,
    pub query: Signal<ListQuery>,
}

impl TabData {
    /// A snapshot was just taken: followed by itself where the backend polls one by one and
    /// answered with it, or with the whole list again.
    pub fn taken(&self, made: Option<Snapshot>) {
        match made {
            Some(s) if self.one_by_one => {
                self.fresher.update(|f| f.push((s.id.clone(), Some(s))));
                self.vm_resource.refetch();
            }
            _ => self.refetch(),
        }
    }

    /// Reads the whole list again.
    pub fn refetch_snapshots(&self) {
        self.full.refetch();
    }

    pub fn refetch(&self) {
        self.full.refetch();
        self.schedules.refetch();
        self.vm_resource.refetch();
    }
}

/// Loads the tab's data and keeps it live.
pub fn use_tab_data() -> TabData {
    let app = use_app();
    let current = use_current_vm();
    let vm = current.shown;
    let vm_failed = Memo::new(move |_| current.failed());
    let backend = app.backend();
    let changes = app.clone();
    let full = LocalResource::new(move || {
        changes.track_changes();
        let backend = backend.clone();
        let id = current.id.get();
        async move { backend.list_snapshots(&id).await.map(Arc::new) }
    });
    // Snapshots read one by one since the last whole list (oVirt, while they are in
    // progress); `None`: gone.
    let fresher = RwSignal::new(Vec::<(String, Option<Snapshot>)>::new());
    // A new whole list is fresher than anything read before it (one that failed is not).
    Effect::new(move |_| {
        if full.with(|r| matches!(r, Some(Ok(_)))) {
            fresher.set(Vec::new());
        }
    });
    // The last whole list of this VM: a refresh that fails leaves it, and the tab says so.
    let listed = last_read(current.id, full);
    let snapshots = Memo::new(move |_| match listed.get() {
        Some(list) => Some(Ok(fresher.with(|f| {
            if f.is_empty() {
                list
            } else {
                Arc::new(with_fresher(Vec::clone(&list), f))
            }
        }))),
        None => full.with(|r| match r {
            Some(Err(e)) => Some(Err(e.clone())),
            _ => None,
        }),
    });
    let snapshots_stale = failed_again(listed, full);
    let backend = app.backend();
    let changes = app.clone();
    // By the VM's id, so asked for at once with the VM and the snapshots.
    let schedules = LocalResource::new(move || {
        changes.track_changes();
        let backend = backend.clone();
        let id = current.id.get();
        async move { backend.list_schedules(&id).await }
    });
    let query = use_tab_nav().query;

    // Live updates: while a snapshot or the VM is busy, ask again every second.
    let in_progress = Memo::new(move |_| {
        let busy_snapshot = snapshots
            .with(|r| matches!(r, Some(Ok(list)) if list.iter().any(|s| s.status.is_transient())));
        // Starting and stopping too, so a VM started from a toast is seen running.
        let busy_vm = vm.get().is_some_and(|v| v.is_changing());
        busy_snapshot || busy_vm
    });
    // Kubernetes: watches say what changed, and the lists are read again from what was
    // watched; nothing is polled.
    let backend = app.backend();
    let vm_resource = current.vm;
    let followed = [
        backend.follow(Live::Vms, Rc::new(move || vm_resource.refetch())),
        backend.follow(Live::Snapshots, Rc::new(move || full.refetch())),
        backend.follow(Live::Schedules, Rc::new(move || schedules.refetch())),
    ];
    let watched = followed.iter().all(Option::is_some);
    let followed = SendWrapper::new(followed);
    on_cleanup(move || drop(followed));

    let refresh = app.config.refresh_seconds;
    let one_by_one = backend.polls_one_by_one();
    // Each small ask's answer, even one that changes nothing, schedules the next.
    let small_answers = RwSignal::new(0u64);
    let was_busy = StoredValue::new(false);
    Effect::new(move |_| {
        // Re-run on every new answer, so each one schedules the next: asks never overlap, and a
        // new answer, or the tab taken down, cancels the pending one.
        snapshots.track();
        // Each whole list's answer too, even one equal to what is shown (the memo above does
        // not change then): otherwise the next refresh after it would never be set.
        full.track();
        current.vm.track();
        small_answers.track();
        let busy = in_progress.get();
        let settled = was_busy.get_value() && !busy;
        was_busy.set_value(busy);
        if watched {
            // Nothing to ask: the watches tell.
        } else if busy && one_by_one {
            // oVirt: only what is in progress, each by itself (the VM, and each snapshot that
            // is), not the whole list; the whole list once, when all has settled.
            let backend = backend.clone();
            ask_again_after(POLL, move || {
                current.vm.refetch();
                let ids: Vec<String> = snapshots.with_untracked(|s| {
                    s.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map(|l| {
                            l.iter()
                                .filter(|s| s.status.is_transient())
                                .map(|s| s.id.clone())
                                .collect()
                        })
                        .unwrap_or_default()
                });
                if ids.is_empty() {
                    return;
                }
                let backend = backend.clone();
                let vm_id = current.id.get_untracked();
                leptos::task::spawn_local(async move {
                    let answer = backend.get_snapshots(&vm_id, &ids).await;
                    // The tab may have gone while the answer was on its way.
                    if small_answers.try_update(|n| *n += 1).is_none() {
                        return;
                    }
                    match answer {
                        Ok(read) => fresher.update(|f| {
                            f.retain(|(id, _)| !read.iter().any(|(r, _)| r == id));
                            f.extend(read);
                        }),
                        // Something odd: the whole list says what it is.
                        Err(_) => full.refetch(),
                    }
                });
            });
        } else if busy {
            ask_again_after(POLL, move || {
                full.refetch();
                current.vm.refetch();
            });
        } else if settled && one_by_one {
            // Asked for after this run, not within it: a refetch made while the effect runs
            // was seen lost now and then (the whole list never read, and nothing asked again).
            // Not cancelled by the next run, as a timer would be; harmless once the tab is gone.
            leptos::task::spawn_local(async move { full.refetch() });
        } else if refresh > 0 {
            // Idle: the lists again now and then, for what others (or a schedule) changed.
            ask_again_after(Duration::from_secs(refresh.into()), move || {
                full.refetch();
                schedules.refetch();
                current.vm.refetch();
            });
        }
    });
    TabData {
        vm,
        vm_failed,
        vm_resource: current.vm,
        full,
        fresher,
        one_by_one,
        snapshots,
        snapshots_stale,
        schedules,
        query,
    }
}

/// Sets the list query (in the URL when standalone). `replace` for typing, so that back and
/// forward step through sorts and filters, not keystrokes.
pub fn use_set_query() -> impl Fn(ListQuery, bool) + Clone + 'static {
    let nav = use_tab_nav();
    move |q: ListQuery, replace: bool| nav.go(TabView::List, q, replace)
}
