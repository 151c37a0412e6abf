//! Host pages that embed the tab (`/_host/…`), and the Content-Security-Policy every HTML page
//! this server sends carries: the strict one both consoles are heading to.

use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The policy the standalone app and every host page run under.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:";

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
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
