//! `/broken/{mode}/…`: a server that fails in one way, whatever the path, so the app's error
//! states can be seen and tested. Point the app at it with the `api` key, for example
//! `?backend=ovirt&api=/broken/malformed-xml/ovirt-engine/api`.
//!
//! Modes: `malformed-xml`, `malformed-json`, `fault-500` (an oVirt fault or a Kubernetes Status,
//! by path), `unauthorized`, `html` (a login page where XML or JSON was expected), `slow-N`
//! (answers correctly shaped but empty after N seconds), `cut` (a 200 whose connection drops
//! halfway through the body).

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route("/{mode}/{*rest}", any(broken))
}

async fn broken(Path((mode, rest)): Path<(String, String)>) -> Response {
    let kube = rest.starts_with("apis/");
    match mode.as_str() {
        "malformed-xml" => (
            [(header::CONTENT_TYPE, "application/xml")],
            "<?xml version=\"1.0\"?>\n<vms><vm id=\"1\"><name>half a VM</vm>",
        )
            .into_response(),
        "malformed-json" => ([(header::CONTENT_TYPE, "application/json")], "{\"vm\": [{\"id\": \"1\", \"name\": ").into_response(),
        "fault-500" if kube => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: etcdserver: request timed out","reason":"InternalError","code":500}"#,
        )
            .into_response(),
        "fault-500" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/xml")],
            "<?xml version=\"1.0\"?>\n<fault><reason>Operation Failed</reason><detail>[Internal Engine Error]</detail></fault>",
        )
            .into_response(),
        "unauthorized" if kube => (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#,
        )
            .into_response(),
        "unauthorized" => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"RESTAPI\"")],
            "",
        )
            .into_response(),
        "html" => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html><html><body><form>Sign in</form></body></html>",
        )
            .into_response(),
        m if m.starts_with("slow-") => {
            let secs: u64 = m.trim_start_matches("slow-").parse().unwrap_or(5).min(120);
            tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
            if kube {
                ([(header::CONTENT_TYPE, "application/json")], r#"{"kind":"List","items":[]}"#).into_response()
            } else {
                ([(header::CONTENT_TYPE, "application/xml")], "<vms/>").into_response()
            }
        }
        "cut" => {
            // The head and the body's first half go out; then the connection drops, as when a
            // proxy or the network gives up in the middle of a long list.
            let (content_type, half) = if kube {
                ("application/json", r#"{"kind":"List","items":[{"metadata":{"name":"#)
            } else {
                ("application/xml", "<?xml version=\"1.0\"?>\n<vms><vm id=\"1\"><name>")
            };
            // The drop comes a moment after the first half, so the head is surely out by then.
            let chunks = futures::stream::unfold(0, move |step| async move {
                match step {
                    0 => Some((Ok(Bytes::from_static(half.as_bytes())), 1)),
                    1 => {
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        Some((Err(std::io::Error::other("connection dropped")), 2))
                    }
                    _ => None,
                }
            });
            (
                [(header::CONTENT_TYPE, content_type)],
                Body::from_stream(chunks),
            )
                .into_response()
        }
        _ => (StatusCode::NOT_FOUND, "unknown failure mode\n").into_response(),
    }
}
