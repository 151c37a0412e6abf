//! How long a browser may keep the built app's files, as a production server would say it.
//! Trunk names each built file by its content (`vm-snapshots-<16 hex digits>_bg.wasm`), so such a
//! file never changes: it is kept for a year without asking again, and a returning visit starts
//! from the browser's cache (and V8's compiled code for the wasm). Every other file of `dist/`
//! (`index.html`, `config.json`, the embed's stable names) is asked for again each time
//! (`no-cache`: a 304 when it has not changed), so a rebuild or an edited configuration is seen at
//! once.

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// Whether `path`'s last segment names a file by its content, as Trunk's `filehash` does.
pub fn content_named(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((base, hash)) => {
            !base.is_empty()
                && hash.len() == 16
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        None => false,
    }
}

/// The layer over the built app's files (the fallback service, so every answer it passes is a
/// file of `dist/` or its `index.html`).
pub async fn layer(request: Request, next: Next) -> Response {
    let immutable = content_named(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::content_named;

    #[test]
    fn only_trunks_content_named_files_are_kept() {
        assert!(content_named("/vm-snapshots-dcb5525080f8d56b_bg.wasm"));
        assert!(content_named("/vm-snapshots-dcb5525080f8d56b.js"));
        assert!(content_named("/patternfly-7babc4bec6d6ef1e.css"));
        assert!(content_named("/read-ahead-a36c663b5464af4e.js"));
        assert!(!content_named("/index.html"));
        assert!(!content_named("/config.json"));
        assert!(!content_named("/read-ahead.js"));
        assert!(!content_named("/embed/vm-snapshots-tab.js"));
        assert!(!content_named("/embed/vm-snapshots-tab-core_bg.wasm"));
        assert!(!content_named("/x-DCB5525080F8D56B.js"));
        assert!(!content_named("/-dcb5525080f8d56b.js"));
        assert!(!content_named("/vms/abc/snapshots"));
    }
}
