//! Following a long operation to its end, wherever the user goes meanwhile, and saying how it
//! ended in a toast with the next step: a restore ("Start VM", "Edit VM"), a new VM ("Open VM").

use crate::api::pace::pause;
use crate::api::{actions, Live};
use crate::components::toast::{Toast, ToastAction, Toaster};
use crate::context::AppContext;
use crate::model::request::VmAccepted;
use crate::model::{Vm, VmStatus};
use std::rc::Rc;

/// How often to ask (never while the page is hidden: `api::pace`), and how many times at most
/// (10 minutes of asking).
const EVERY_MS: u32 = 1000;
const TRIES: u32 = 600;

/// Whether the VM is done with what was done to it.
fn settled(vm: &Vm) -> bool {
    !vm.status.is_busy() && vm.operation.is_none()
}

/// Follows the restore of `vm` to `snapshot` (just accepted) and toasts its end, naming the
/// safety snapshot taken before it, if one was.
pub fn restore(
    app: AppContext,
    toaster: Toaster,
    vm: Vm,
    snapshot: String,
    safety: Option<String>,
) {
    leptos::task::spawn_local(async move {
        let backend = app.backend();
        for _ in 0..TRIES {
            pause(EVERY_MS).await;
            if !app.alive() {
                return;
            }
            // The module that sent the restore (downloaded by then); the VM read alone.
            let Ok(acts) = actions(&backend).await else {
                continue;
            };
            let Ok(now) = acts.vm_alone(&vm.id).await else {
                continue;
            };
            if !settled(&now) {
                continue;
            }
            app.changed();
            let start = {
                let (app, now) = (app.clone(), now.clone());
                leptos::prelude::Callback::new(move |_| start_vm(app.clone(), toaster, now.clone()))
            };
            let kept = safety
                .as_ref()
                .map(|s| format!(" Its state before is kept in snapshot {s}."))
                .unwrap_or_default();
            let mut toast =
                Toast::success(format!("{} was restored to {snapshot}.{kept}", vm.name))
                    .about(restore_topic(&vm));
            if !now.status.is_running() {
                toast = toast.with(ToastAction::Button {
                    label: "Start VM".into(),
                    on: start,
                });
            }
            if let Some(href) = app.edit_vm_href(&now) {
                toast = toast.with(ToastAction::Link {
                    label: "Edit VM".into(),
                    href,
                });
            }
            toaster.push(toast);
            return;
        }
        toaster.push(Toast::info(format!(
            "{} is still being restored; its status shows when it is done.",
            vm.name
        )));
    });
}

/// What the toasts that tell the end of a restore of `vm` are about: the one who followed it
/// tells it, and the VM list, which sees it end too, does not tell it again.
pub fn restore_topic(vm: &Vm) -> String {
    format!("restore {}", vm.id)
}

/// Starts `vm` and says so, or why not.
pub fn start_vm(app: AppContext, toaster: Toaster, vm: Vm) {
    leptos::task::spawn_local(async move {
        let backend = app.backend();
        let started = async { actions(&backend).await?.start_vm(&vm).await };
        match started.await {
            Ok(()) => {
                toaster.push(Toast::info(format!("Starting {}.", vm.name)));
            }
            Err(e) => {
                toaster.push(Toast::danger(format!(
                    "{} could not be started: {e}",
                    vm.name
                )));
            }
        }
        app.changed();
    });
}

/// Where the backend has no watch of its VMs being made: how often, in tries, a creation not
/// yet done is asked whether it failed (every 5 s).
const FAILED_EVERY: u32 = 5;

/// Follows the creation of the VM `made` (progress shown in toast `progress`) until it is
/// ready, until the backend says it failed, or until the VM, once seen, is gone: oVirt takes a
/// VM whose copy failed away again. Each ask is for that VM alone (`Actions::find_vm`). Where
/// the backend watches ([`Live::NewVms`]: KubeVirt's VMs and clones), the asks are answered
/// from its watches, with no request, for as long as this follows. A VM to be started once
/// made is started here, and the toast says how that went.
pub fn new_vm(app: AppContext, toaster: Toaster, made: VmAccepted, progress: u64) {
    leptos::task::spawn_local(async move {
        let backend = app.backend();
        let name = made.name;
        // The asks below read what is watched: nothing to do on a change.
        let watched = backend.follow(Live::NewVms, Rc::new(|| {}));
        let failed_every = if watched.is_some() { 1 } else { FAILED_EVERY };
        let mut seen = false;
        for tried in 0..TRIES {
            if !app.alive() {
                return;
            }
            // The module that sent the change (downloaded by then; asked again should it not be).
            let Ok(acts) = actions(&backend).await else {
                pause(EVERY_MS).await;
                continue;
            };
            if tried % failed_every == failed_every - 1 {
                if let Some(why) = acts.creation_failed(&name).await {
                    app.changed();
                    toaster.replace(
                        progress,
                        Toast::danger(format!("VM {name} could not be created: {why}")),
                    );
                    return;
                }
            }
            match acts.find_vm(&name).await {
                // Made: not provisioning, copying or starting any more (KubeVirt shows a VM
                // being provisioned as starting).
                Ok(Some(vm)) if !vm.is_changing() => {
                    let mut toast = if made.start_when_made && vm.status == VmStatus::Stopped {
                        match acts.start_vm(&vm).await {
                            Ok(()) => {
                                Toast::success(format!("VM {name} was created and is starting."))
                            }
                            Err(e) => Toast::warning(format!(
                                "VM {name} was created, but could not be started: {e}"
                            )),
                        }
                    } else if vm.status.is_running() {
                        Toast::success(format!("VM {name} was created and is running."))
                    } else {
                        Toast::success(format!("VM {name} was created."))
                    };
                    app.changed();
                    if let Some(href) = app.vm_href(&vm).or_else(|| app.edit_vm_href(&vm)) {
                        toast = toast.with(ToastAction::Link {
                            label: "Open VM".into(),
                            href,
                        });
                    }
                    toaster.replace(progress, toast);
                    return;
                }
                Ok(Some(_)) => seen = true,
                Ok(None) if seen => {
                    app.changed();
                    toaster.replace(
                        progress,
                        Toast::danger(format!(
                            "VM {name} could not be created: the backend removed it before it was \
                             ready. Its events say why."
                        )),
                    );
                    return;
                }
                // Not made yet, or a read that failed for a moment: ask again.
                _ => {}
            }
            pause(EVERY_MS).await;
        }
        toaster.replace(
            progress,
            Toast::info(format!(
                "VM {name} is still being created; it shows in the VM list."
            )),
        );
    });
}
