//! What every view of the tab needs, whoever hosts it (the standalone shell or the embed entry):
//! the configuration, the backend, the query that keeps them, and whether the host is still there.

use crate::api::Backend;
use crate::config::{self, Config};
use crate::model::Vm;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The class of the layer above the page in the standalone app (see `components::layer`).
pub const STANDALONE_LAYER: &str = "vms-layer";
/// The same in an embedded tab: with the tab's scope, so its rules reach what the layer holds.
pub const EMBEDDED_LAYER: &str = "vms-layer vms-embed";

/// What every page needs: the configuration, the backend, and the query that keeps them.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    backend: StoredValue<Rc<dyn Backend>, LocalStorage>,
    /// The configuration keys of the page's URL query ("?backend=kubevirt"), carried by every link.
    pub carry: String,
    /// Counts changes made from anywhere (a VM started from a toast, a restore that ended): the
    /// pages' data read it, so they load again.
    changes: RwSignal<u64>,
    /// Standalone: this app has VM pages of its own to link to. Embedded: the host has them.
    pub standalone: bool,
    /// Cleared when the tab is taken down: long-running followers stop asking.
    alive: Arc<AtomicBool>,
}

impl AppContext {
    /// The context for `config`, with its backend (from `api::connect`); `carry` is the query
    /// links keep. It is no longer alive once the reactive owner it was made under is cleaned up.
    pub fn new(config: Config, backend: Rc<dyn Backend>, carry: String, standalone: bool) -> Self {
        let alive = Arc::new(AtomicBool::new(true));
        let flag = alive.clone();
        on_cleanup(move || flag.store(false, Ordering::Relaxed));
        AppContext {
            backend: StoredValue::new_local(backend),
            carry,
            config,
            changes: RwSignal::new(0),
            standalone,
            alive,
        }
    }

    /// The class of the layer modals are drawn in (see `components::layer`): the embedded tab's
    /// scope, so its rules reach the dialogs; nothing in the standalone app.
    pub fn layer_class(&self) -> &'static str {
        if self.standalone {
            STANDALONE_LAYER
        } else {
            EMBEDDED_LAYER
        }
    }

    /// Whether the tab is still shown: followers ask the backend only while it is.
    pub fn alive(&self) -> bool {
        self.alive.load(Ordering::Relaxed)
    }

    pub fn backend(&self) -> Rc<dyn Backend> {
        self.backend.get_value()
    }

    /// Says that something changed on the backend: every page's data loads again.
    pub fn changed(&self) {
        self.changes.update(|n| *n += 1);
    }

    /// Subscribes the calling resource or effect to [`AppContext::changed`].
    pub fn track_changes(&self) {
        self.changes.track();
    }

    /// Where "Edit VM" goes: the configured `edit_vm` link with `{id}`, `{name}` and `{namespace}`
    /// filled in, or else the VM's page here (none when embedded without `edit_vm`).
    pub fn edit_vm_href(&self, vm: &Vm) -> Option<String> {
        match &self.config.edit_vm {
            Some(template) => Some(config::fill_link(template, vm)),
            None => self.vm_href(vm),
        }
    }

    /// The VM's page in this app: only the standalone app has one.
    pub fn vm_href(&self, vm: &Vm) -> Option<String> {
        self.standalone
            .then(|| self.href(&format!("/vms/{}", config::encode(&vm.id))))
    }

    /// An in-app link that keeps the configuration query.
    pub fn href(&self, path: &str) -> String {
        format!("{path}{}", self.carry)
    }

    /// An in-app link with the configuration query and more query pairs.
    pub fn href_with(&self, path: &str, pairs: &[(&str, String)]) -> String {
        let extra: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", config::encode(v)))
            .collect();
        match (self.carry.is_empty(), extra.is_empty()) {
            (_, true) => self.href(path),
            (true, false) => format!("{path}?{}", extra.join("&")),
            (false, false) => format!("{path}{}&{}", self.carry, extra.join("&")),
        }
    }
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}
