//! The development backend of vm-snapshots: serves the built app and behaves like the oVirt
//! REST API v4 (`/ovirt-engine/api`, XML and JSON) and the Kubernetes API with KubeVirt
//! (`/apis/...`), on loopback, so the app runs and is tested with no cluster.

pub mod body;
pub mod broken;
pub mod cache;
pub mod doc;
pub mod hosts;
pub mod kubevirt;
pub mod ops;
pub mod ovirt;
pub mod refuse;
pub mod scheduler;
pub mod schedules;
pub mod seed;
pub mod watch;
pub mod world;

use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Utc};
use ops::Timings;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_http::services::{ServeDir, ServeFile};
use world::World;

/// Shared server state: the world, how long operations take, and where the world is kept.
#[derive(Clone)]
pub struct AppState {
    world: Arc<Mutex<World>>,
    pub timings: Timings,
    state_file: Option<PathBuf>,
    /// The refusals asked for through `/_dev/refuse`.
    refusals: Arc<Mutex<Vec<refuse::Rule>>>,
    /// The SSO tokens the oVirt portal stand-in handed out (its engine API takes only these).
    sso_tokens: Arc<Mutex<std::collections::HashSet<String>>>,
    /// The Kubernetes resources' versions and recent events, for lists and watches.
    pub watches: Arc<watch::Watches>,
    /// Counts the changes to the world, so that a watch renders it again only when it changed.
    changes: Arc<std::sync::atomic::AtomicU64>,
}

impl AppState {
    pub fn new(world: World, timings: Timings, state_file: Option<PathBuf>) -> Self {
        AppState {
            world: Arc::new(Mutex::new(world)),
            timings,
            state_file,
            refusals: Arc::default(),
            sso_tokens: Arc::default(),
            watches: Arc::default(),
            changes: Arc::default(),
        }
    }

    /// The refusal rules still to apply.
    pub fn refusals(&self) -> MutexGuard<'_, Vec<refuse::Rule>> {
        self.refusals.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Remembers a token handed out by the oVirt portal stand-in.
    pub fn hand_out_token(&self, token: String) {
        self.sso_tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token);
    }

    /// Whether the oVirt portal stand-in handed out `token`.
    pub fn token_known(&self, token: &str) -> bool {
        self.sso_tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(token)
    }

    /// The world, locked and brought up to now. A handler that panicked cannot leave it unusable.
    pub fn world(&self) -> MutexGuard<'_, World> {
        let mut w = self.world.lock().unwrap_or_else(|p| p.into_inner());
        if w.advance(Utc::now(), &self.timings) {
            self.changed();
            self.save(&w);
        }
        w
    }

    /// How many changes the world has had.
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn changed(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Runs a change on the world (brought up to now) and keeps the result.
    pub fn mutate<R>(&self, f: impl FnOnce(&mut World, DateTime<Utc>, &Timings) -> R) -> R {
        let mut w = self.world();
        let r = f(&mut w, Utc::now(), &self.timings);
        self.changed();
        self.save(&w);
        r
    }

    /// Starts again from the seed.
    pub fn reset(&self) {
        self.mutate(|w, _, _| *w = seed::world());
        self.refusals().clear();
    }

    fn save(&self, w: &World) {
        let Some(path) = &self.state_file else { return };
        let result = serde_json::to_vec(w)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let tmp = path.with_extension("tmp");
                std::fs::write(&tmp, bytes)
                    .and_then(|_| std::fs::rename(&tmp, path))
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = result {
            eprintln!(
                "devserver: cannot save the state to {}: {e}",
                path.display()
            );
        }
    }
}

/// The world kept in `path`, or the seed when there is none (or `reset`, or it cannot be read).
pub fn load_world(path: &Path, reset: bool) -> World {
    if reset || !path.exists() {
        return seed::world();
    }
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "devserver: {} cannot be read ({e}); starting from the seed",
                path.display()
            );
            seed::world()
        }
    }
}

/// The whole server: both APIs, the failing-server prefix, the reset and refuse hooks (the
/// refusals answer before the APIs do), then the built app
/// from `dist` (any other path gets `index.html`, so the app's own routes load on reload).
pub fn router(state: AppState, dist: &Path) -> Router {
    let app: Router = Router::new()
        .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))))
        .layer(axum::middleware::from_fn(cache::layer));
    Router::new()
        .nest(ovirt::BASE, ovirt::routes())
        .nest("/apis", kubevirt::routes())
        .nest("/broken", broken::routes())
        .nest("/_host", hosts::routes(&checkout(dist), state.clone()))
        // The OpenShift console stand-in's plugin assets and Kubernetes proxy.
        .nest(
            "/api/plugins/vm-snapshots",
            hosts::console_plugin(&checkout(dist).join("plugins/openshift-console/dist")),
        )
        .nest(
            "/api/kubernetes",
            Router::new()
                .nest("/apis", kubevirt::routes())
                .layer(axum::middleware::from_fn(hosts::csrf_check)),
        )
        .route(
            "/_dev/reset",
            post(
                |axum::extract::State(s): axum::extract::State<AppState>| async move {
                    s.reset();
                    "reset\n"
                },
            ),
        )
        .route("/_dev/refuse", post(refuse::add))
        .route(
            "/_dev/schedules/run",
            post(
                |axum::extract::State(s): axum::extract::State<AppState>,
                 axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>| async move {
                    let name = q.get("name").cloned().unwrap_or_default();
                    match s.mutate(|w, now, _| w.run_schedule_now(&name, now)) {
                        0 => (axum::http::StatusCode::NOT_FOUND, format!("no schedule is named {name}\n")),
                        n => (axum::http::StatusCode::OK, format!("{n} schedule(s) named {name} run now\n")),
                    }
                },
            ),
        )
        .route(
            "/_dev/clones/fail",
            post(
                |axum::extract::State(s): axum::extract::State<AppState>,
                 axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>| async move {
                    let target = q.get("target").cloned().unwrap_or_default();
                    let message = q.get("message").cloned().unwrap_or_else(|| "the clone failed".into());
                    s.mutate(|w, _, _| w.failing_clones.insert(target.clone(), message));
                    format!("the next clone to {target} fails\n")
                },
            ),
        )
        .route(
            "/_dev/watches/compact",
            post(
                |axum::extract::State(s): axum::extract::State<AppState>| async move {
                    s.watches.compact();
                    "compacted: every open watch is broken, and one from an older resourceVersion gets 410\n"
                },
            ),
        )
        .route(
            "/_dev/watches/drop",
            post(
                |axum::extract::State(s): axum::extract::State<AppState>| async move {
                    s.watches.break_all();
                    "every open watch's connection is broken\n"
                },
            ),
        )
        .fallback_service(app)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refuse::layer,
        ))
        .layer(axum::middleware::map_response(hosts::with_csp))
        .with_state(state)
}

/// The checkout `dist` is in: the built plugins are in its `plugins/`.
fn checkout(dist: &Path) -> PathBuf {
    match dist.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Brings the world up to now every `period`, so that operations finish and are kept even while
/// nobody asks.
pub async fn tick(state: AppState, period: std::time::Duration) {
    let mut interval = tokio::time::interval(period);
    loop {
        interval.tick().await;
        drop(state.world());
    }
}
