//! What KubeVirt snapshots take: the `restoreSize` of the CSI VolumeSnapshots (not KubeVirt's)
//! of each snapshot's content, asked about once per content, since a finished snapshot's volumes
//! do not change.
//!
//! They are read after the first table is shown, so the code that reads them is a module of the
//! wasm of its own ([`reading`]), downloaded then: the first page does without it.

use super::{fetch, map, types, SNAPSHOT};
use crate::api::http::Http;
use futures::future::LocalBoxFuture;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Up to this many contents without a known size are sized one by one (their content, then its
/// VolumeSnapshots); more, by one list of the namespace's VolumeSnapshots.
const FEW: usize = 5;
/// The CSI snapshots.
pub const VOLUME_SNAPSHOT: &str = "/apis/snapshot.storage.k8s.io/v1";

/// The sizes known so far, by content name, and how to ask for the others.
pub struct Sizes {
    http: Http,
    namespace: String,
    /// `None`: the cluster does not tell it (no CSI snapshot API, or it refuses).
    known: RefCell<HashMap<String, Option<u64>>>,
    /// Whether a reading in the background is under way.
    reading: Cell<bool>,
}

impl Sizes {
    pub fn new(http: Http, namespace: String) -> Rc<Self> {
        Rc::new(Sizes {
            http,
            namespace,
            known: RefCell::default(),
            reading: Cell::new(false),
        })
    }

    /// Those of `contents` that were never asked about.
    pub fn unknown(&self, contents: &[&str]) -> Vec<String> {
        let known = self.known.borrow();
        contents
            .iter()
            .filter(|c| !known.contains_key(**c))
            .map(|c| c.to_string())
            .collect()
    }

    /// Each of `contents`' size, where it is known.
    pub fn of(&self, contents: &[&str]) -> HashMap<String, Option<u64>> {
        let known = self.known.borrow();
        contents
            .iter()
            .map(|c| (c.to_string(), known.get(*c).copied().flatten()))
            .collect()
    }

    /// Asks for the sizes of `unknown` and keeps them, with the module that reads them
    /// ([`reading`]), downloaded the first time. If it cannot be downloaded, they stay unknown
    /// (the table says no size), and the next read asks again.
    pub async fn read(self: &Rc<Self>, unknown: &[String]) {
        if let Ok(read) = reading(self.clone(), unknown.to_vec()).await {
            read.await;
        }
    }

    /// What [`Sizes::read`] does, in the module of the sizes: when they are few (a VM with a handful of
    /// snapshots, a snapshot that just finished), each one's content and the VolumeSnapshots it
    /// names, all at once; when they are many, one list of the namespace's VolumeSnapshots
    /// (1.4 MB for 2,000), and then every content it names is known.
    async fn read_here(&self, unknown: &[String]) {
        if unknown.len() > FEW {
            let listed: HashMap<String, u64> = fetch::<types::List<types::VolumeSnapshot>>(
                &self.http,
                &self.path(VOLUME_SNAPSHOT, "volumesnapshots"),
            )
            .await
            .map(|l| map::content_sizes(&l.items))
            .unwrap_or_default();
            let mut known = self.known.borrow_mut();
            for c in unknown {
                known.insert(c.clone(), listed.get(c).copied());
            }
            for (c, size) in listed {
                known.insert(c, Some(size));
            }
        } else {
            let sized = futures::future::join_all(unknown.iter().map(|c| self.of_content(c))).await;
            let mut known = self.known.borrow_mut();
            for (c, size) in unknown.iter().zip(sized) {
                known.insert(c.clone(), size);
            }
        }
    }

    /// [`Sizes::read`] in the background, then `then` (nothing when a reading is under way: its
    /// `then` reads again).
    pub fn read_then(self: &Rc<Self>, unknown: Vec<String>, then: impl FnOnce() + 'static) {
        if self.reading.replace(true) {
            return;
        }
        let this = self.clone();
        leptos::task::spawn_local(async move {
            // The snapshots just answered are drawn first: a list of 2,000 VolumeSnapshots
            // (1.4 MB) read and parsed before the next frame would hold the first table back.
            after_next_frame().await;
            this.read(&unknown).await;
            this.reading.set(false);
            then();
        });
    }

    /// One content's size: the `restoreSize` of each VolumeSnapshot it names, read all at once.
    async fn of_content(&self, content: &str) -> Option<u64> {
        let backups: types::ContentBackups = fetch(
            &self.http,
            &format!(
                "{}/{content}",
                self.path(SNAPSHOT, "virtualmachinesnapshotcontents")
            ),
        )
        .await
        .ok()?;
        let reads = backups
            .spec
            .volume_backups
            .iter()
            .filter_map(|b| b.volume_snapshot_name.as_deref())
            .map(|name| {
                let path = format!("{}/{name}", self.path(VOLUME_SNAPSHOT, "volumesnapshots"));
                async move { fetch::<types::VolumeSnapshot>(&self.http, &path).await.ok() }
            });
        let owned: Vec<types::VolumeSnapshot> = futures::future::join_all(reads)
            .await
            .into_iter()
            .flatten()
            .collect();
        map::content_sizes(&owned).get(content).copied()
    }

    fn path(&self, group: &str, resource: &str) -> String {
        format!("{group}/namespaces/{}/{resource}", self.namespace)
    }
}

/// The split point of the sizes' module: the reading of `unknown`, to be awaited. Natively, a
/// plain call.
#[leptos::wasm_split::wasm_split(sizes, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reading(
    sizes: Rc<Sizes>,
    unknown: Vec<String>,
) -> Result<LocalBoxFuture<'static, ()>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(async move { sizes.read_here(&unknown).await }))
}

/// Resolves once the browser has drawn its next frame (a task after the frame's callbacks).
async fn after_next_frame() {
    let (drawn, wait) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::request_animation_frame(move || {
        let _ = leptos::prelude::set_timeout_with_handle(
            move || {
                let _ = drawn.send(());
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = wait.await;
}
