//! Host pages that embed the tab (`/_host/…`), and the Content-Security-Policy every HTML page
//! this server sends carries: the strict one both consoles are heading to.

use crate::AppState;
use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy the standalone app and every host page run under.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:";

pub fn routes(checkout: &Path, state: AppState) -> Router<AppState> {
    let ovirt_plugin = checkout.join("plugins/ovirt/dist");
    Router::new()
        .route(
            "/plain/",
            get(|| async { html(include_str!("../hosts/plain.html")) }),
        )
        .route(
            "/plain/host.css",
            get(|| async {
                (
                    [(CONTENT_TYPE, "text/css")],
                    include_str!("../hosts/plain.css"),
                )
            }),
        )
        .route("/openshift/", get(openshift_page))
        .route("/ovirt/", get(ovirt_page))
        .route(
            "/ovirt/portal.js",
            get(|| async {
                (
                    [(CONTENT_TYPE, "text/javascript")],
                    include_str!("../hosts/ovirt/portal.js"),
                )
            }),
        )
        .nest_service(
            "/ovirt/ui-plugins/vm-snapshots.json",
            ServeFile::new(ovirt_plugin.join("vm-snapshots.json")),
        )
        .nest_service(
            "/ovirt/plugin/vm-snapshots",
            ServeDir::new(ovirt_plugin.join("vm-snapshots-resources")),
        )
        .nest(
            "/ovirt/engine/ovirt-engine/api",
            crate::ovirt::routes().layer(axum::middleware::from_fn_with_state(state, bearer_check)),
        )
}

/// The oVirt Administration Portal stand-in (`/_host/ovirt/`), with a new SSO token for
/// `ssoToken()`.
async fn ovirt_page(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    let token = fresh_token();
    state.hand_out_token(token.clone());
    let page = include_str!("../hosts/ovirt/index.html").replace("{{TOKEN}}", &token);
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// The stand-in engine's API takes only `Authorization: Bearer <a token handed out>`.
async fn bearer_check(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    match token {
        Some(t) if state.token_known(&t) => next.run(request).await,
        _ => (
            StatusCode::UNAUTHORIZED,
            [(CONTENT_TYPE, "application/xml")],
            "<fault><reason>Unauthorized</reason><detail>A valid SSO token is required</detail></fault>",
        )
            .into_response(),
    }
}

/// A token no one can guess from outside this run.
fn fresh_token() -> String {
    format!(
        "{:x}{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    )
}

fn html(body: &'static str) -> Response {
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Adds [`CSP`] to every HTML answer (the app's `index.html` and the host pages).
pub async fn with_csp(mut response: Response) -> Response {
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    response
}

/// The OpenShift console stand-in (`/_host/openshift/`), with the `csrf-token` cookie the
/// console sets: its script (`shell.js`, built into `dist/_host/openshift/`) loads the plugin.
async fn openshift_page() -> Response {
    let token = fresh_token();
    let mut page = html(include_str!("../hosts/openshift/index.html"));
    if let Ok(cookie) =
        HeaderValue::from_str(&format!("csrf-token={token}; Path=/; SameSite=Strict"))
    {
        page.headers_mut().insert(SET_COOKIE, cookie);
    }
    page
}

/// The console's plugin assets, as the console serves them at `/api/plugins/<name>/`: GET
/// only, each with its content type, and `nosniff`.
pub fn console_plugin(dir: &Path) -> Router<AppState> {
    Router::new()
        .fallback_service(ServeDir::new(dir))
        .layer(SetResponseHeaderLayer::overriding(
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(axum::middleware::from_fn(get_only))
}

async fn get_only(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        next.run(request).await
    } else {
        StatusCode::METHOD_NOT_ALLOWED.into_response()
    }
}

/// The console's Kubernetes proxy (`/api/kubernetes/…`): a change (anything but a GET) needs
/// `X-CSRFToken` equal to the `csrf-token` cookie, or it is refused with 403.
pub async fn csrf_check(request: Request, next: Next) -> Response {
    if request.method() == Method::GET {
        return next.run(request).await;
    }
    let cookie = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == "csrf-token")
        .map(|(_, v)| v.to_string());
    let header = request
        .headers()
        .get("x-csrftoken")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match (cookie, header) {
        (Some(c), Some(h)) if !c.is_empty() && c == h => next.run(request).await,
        _ => crate::kubevirt::status_error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "invalid CSRFToken",
            None,
        ),
    }
}
