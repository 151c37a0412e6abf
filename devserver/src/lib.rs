//! The development backend of vm-snapshots: serves the built app and behaves like the oVirt
//! REST API v4 (`/ovirt-engine/api`, XML and JSON) and the Kubernetes API with KubeVirt
//! (`/apis/...`), on loopback, so the app runs and is tested with no cluster.

pub mod doc;
pub mod kubevirt;
pub mod ovirt;
pub mod seed;
pub mod world;

use axum::Router;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_http::services::{ServeDir, ServeFile};
use world::World;

/// Shared server state.
#[derive(Clone)]
pub struct AppState {
    world: Arc<Mutex<World>>,
}

impl AppState {
    pub fn new(world: World) -> Self {
        AppState {
            world: Arc::new(Mutex::new(world)),
        }
    }

    /// The world, locked. A handler that panicked cannot leave it unusable.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The whole server: both APIs, then the built app from `dist` (any other path gets
/// `index.html`, so the app's own routes load on reload).
pub fn router(state: AppState, dist: &Path) -> Router {
    let app = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .nest(ovirt::BASE, ovirt::routes())
        .nest("/apis", kubevirt::routes())
        .fallback_service(app)
        .with_state(state)
}
