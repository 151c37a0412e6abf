//! The one HTTP client: sends a request with the configured token and a time limit, and turns
//! transport failures into [`ApiError`]s. What a status code or body means is the adapters' job.

use super::ApiError;
use crate::config::Config;
use futures::future::{select, Either};
use gloo_net::http::{Method, RequestBuilder};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// How long a request may take before it is given up.
pub const TIMEOUT_SECONDS: u32 = 30;

/// How long an answer read ahead ([`Http::read_ahead`]) is taken for the read that wants it; a
/// later read asks again.
const AHEAD_MS: f64 = 5_000.0;

/// Where the page's boot script (`public/read-ahead.js`) keeps the answers it asked for before
/// the wasm loaded: `{ sent, answers: { "<accept> <url>": Promise<Response>, "config.json": … } }`.
const BOOT_GLOBAL: &str = "vmSnapshotsAhead";
/// The property of a boot answer that holds its body, read by the boot script (an ArrayBuffer).
const BOOT_BODY: &str = "vmSnapshotsBody";

/// How long an answer the boot script asked for is taken: the page's start, however slow.
const BOOT_MS: f64 = 30_000.0;

/// A GET sent ahead of the read that wants it.
struct Ahead {
    url: String,
    accept: &'static str,
    sent: f64,
    answer: wasm_bindgen_futures::JsFuture,
}

thread_local! {
    static AHEAD: RefCell<Vec<Ahead>> = const { RefCell::new(Vec::new()) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The key of a GET in the boot script's answers.
fn boot_key(accept: &str, url: &str) -> String {
    format!("{accept} {url}")
}

/// The backend the boot script found in the configuration and the query (its key), once it has
/// read them; `None` without a boot script, or when it found none.
pub async fn boot_backend() -> Option<String> {
    let found = boot_ahead()
        .and_then(|ahead| js_sys::Reflect::get(&ahead, &"backend".into()).ok())
        .and_then(|b| b.dyn_into::<js_sys::Promise>().ok())?;
    wasm_bindgen_futures::JsFuture::from(found)
        .await
        .ok()?
        .as_string()
}

/// The boot script's `window.vmSnapshotsAhead`, if the page has one.
fn boot_ahead() -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &BOOT_GLOBAL.into())
        .ok()
        .filter(|ahead| ahead.is_object())
}

/// The boot script's answers, while they are fresh.
fn boot_answers() -> Option<js_sys::Object> {
    let ahead = boot_ahead()?;
    let sent = js_sys::Reflect::get(&ahead, &"sent".into())
        .ok()?
        .as_f64()?;
    if now_ms() - sent > BOOT_MS {
        return None;
    }
    js_sys::Reflect::get(&ahead, &"answers".into())
        .ok()?
        .dyn_into::<js_sys::Object>()
        .ok()
}

/// The answer the page's boot script asked for under `key` ("<accept> <url>", or "config.json"),
/// taken once: `None` when it asked for none, or too long ago.
pub fn take_boot(key: &str) -> Option<wasm_bindgen_futures::JsFuture> {
    let answers = boot_answers()?;
    let key = wasm_bindgen::JsValue::from_str(key);
    let answer = js_sys::Reflect::get(&answers, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&answers, &key);
    Some(answer.into())
}

/// Waits until every read the boot script asked for has come (or failed), or `limit_ms` has
/// passed, whichever is first; at once when there is no boot script.
pub async fn boot_settled(limit_ms: i32) {
    let Some(settled) = boot_ahead()
        .and_then(|ahead| js_sys::Reflect::get(&ahead, &"settled".into()).ok())
        .and_then(|s| s.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let limit = gloo_timers::future::TimeoutFuture::new(limit_ms.max(0) as u32);
    let settled = wasm_bindgen_futures::JsFuture::from(settled);
    let _ = select(Box::pin(settled), limit).await;
}

/// An answer of any status, with its body read as text.
#[derive(Clone, Debug)]
pub struct Response {
    pub url: String,
    pub status: u16,
    pub status_text: String,
    pub content_type: String,
    pub body: String,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Fails unless the content type names `expected` ("xml", "json"). A missing content type passes.
    pub fn expect_content(&self, expected: &str) -> Result<(), ApiError> {
        if self.content_type.is_empty() || self.content_type.contains(expected) {
            Ok(())
        } else {
            Err(ApiError::malformed(
                &self.url,
                format!(
                    "expected {} but got \"{}\"",
                    expected.to_uppercase(),
                    self.content_type
                ),
            ))
        }
    }
}

/// A client for one API base URL.
#[derive(Clone, Debug)]
pub struct Http {
    base: String,
    token: Option<String>,
    csrf_cookie: Option<String>,
    accept: &'static str,
}

impl Http {
    /// A client for the configured API: its base path, bearer token and CSRF cookie.
    pub fn new(config: &Config, accept: &'static str) -> Self {
        Http {
            base: config.api.trim_end_matches('/').to_string(),
            token: config.token.clone(),
            csrf_cookie: config.csrf_cookie.clone(),
            accept,
        }
    }

    /// The full URL of a path below the base.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// What a GET of `path` reads, as a key: two clients with the same key get the same
    /// answers (the boot script's key for it, and the token).
    pub fn key(&self, path: &str) -> String {
        format!(
            "{} {}",
            self.token.as_deref().unwrap_or(""),
            boot_key(self.accept, &self.url(path))
        )
    }

    pub async fn get(&self, path: &str) -> Result<Response, ApiError> {
        self.send(Method::GET, path, None).await
    }

    /// Sends the GET of `path` now, before the view that reads it is built: the first
    /// [`Http::get`] of the same URL within [`AHEAD_MS`] takes its answer instead of asking (an
    /// answer nobody took is let go at the next read ahead). At the start of a page the reads go
    /// out 10–30 ms earlier on this machine: the time the views take to build before they ask.
    pub fn read_ahead(&self, path: &str) {
        // The boot script asked for it already (looked at first: a request costs its headers).
        if boot_answers().is_some_and(|answers| {
            js_sys::Reflect::has(&answers, &boot_key(self.accept, &self.url(path)).into())
                .unwrap_or(false)
        }) {
            return;
        }
        let Ok((url, request)) = self.request(Method::GET, path, None, None) else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let request: web_sys::Request = request.into();
        let answer = window.fetch_with_request(&request).into();
        AHEAD.with_borrow_mut(|ahead| {
            let now = now_ms();
            ahead.retain(|a| now - a.sent < AHEAD_MS);
            ahead.push(Ahead {
                url,
                accept: self.accept,
                sent: now,
                answer,
            });
        });
    }

    /// The answer read ahead for `url`, when there is one still fresh (taken once): the boot
    /// script's, or one of [`Http::read_ahead`]'s.
    fn take_ahead(&self, url: &str) -> Option<wasm_bindgen_futures::JsFuture> {
        if let Some(answer) = take_boot(&boot_key(self.accept, url)) {
            return Some(answer);
        }
        AHEAD.with_borrow_mut(|ahead| {
            let i = ahead
                .iter()
                .position(|a| a.url == url && a.accept == self.accept)?;
            let a = ahead.swap_remove(i);
            (now_ms() - a.sent < AHEAD_MS).then_some(a.answer)
        })
    }

    /// The request for `path`, with the token, and the CSRF header on a change.
    fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<(&'static str, String)>,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<(String, gloo_net::http::Request), ApiError> {
        let url = self.url(path);
        let mut builder = RequestBuilder::new(&url)
            .method(method.clone())
            .header("Accept", self.accept)
            .abort_signal(signal);
        if let Some(token) = &self.token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if method != Method::GET {
            if let Some(value) = self.csrf_cookie.as_deref().and_then(read_cookie) {
                builder = builder.header("X-CSRFToken", &value);
            }
        }
        let request = match body {
            Some((content_type, text)) => builder
                .header("Content-Type", content_type)
                .body(text)
                .map_err(|e| network(&url, e))?,
            None => builder.build().map_err(|e| network(&url, e))?,
        };
        Ok((url, request))
    }

    /// Opens a streamed GET (a Kubernetes watch), with no time limit: `signal` ends it. A
    /// successful answer is read chunk by chunk; any other is read whole.
    pub async fn stream(
        &self,
        path: &str,
        signal: &web_sys::AbortSignal,
    ) -> Result<Streamed, ApiError> {
        let (url, request) = self.request(Method::GET, path, None, Some(signal))?;
        let resp = request.send().await.map_err(|e| network(&url, e))?;
        if resp.ok() {
            if let Some(body) = resp.body() {
                let reader = web_sys::ReadableStreamDefaultReader::new(&body).map_err(|e| {
                    ApiError::Network {
                        url: url.clone(),
                        reason: format!("{e:?}"),
                    }
                })?;
                return Ok(Streamed::Open(Chunks { url, reader }));
            }
        }
        let body = body_text(&resp).await.map_err(|e| network(&url, e))?;
        Ok(Streamed::Whole(Response {
            url,
            status: resp.status(),
            status_text: resp.status_text(),
            content_type: resp.headers().get("content-type").unwrap_or_default(),
            body,
        }))
    }

    /// Sends a request; any HTTP status is an `Ok` answer, only transport failures are errors.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<(&'static str, String)>,
    ) -> Result<Response, ApiError> {
        let url = self.url(path);
        // A request is made only to be sent: a GET answered ahead needs none.
        let source = match (method == Method::GET)
            .then(|| self.take_ahead(&url))
            .flatten()
        {
            Some(answer) => Source::Ahead(answer),
            None => Source::Ask(self.request(method, path, body, None)?.1),
        };
        let answered_url = url.clone();
        let exchange = Box::pin(async move {
            let url = answered_url;
            let (resp, read) = match source {
                Source::Ahead(answer) => answer
                    .await
                    .map(|r| {
                        let read = read_body(&r);
                        let resp = r.unchecked_into::<web_sys::Response>();
                        (gloo_net::http::Response::from(resp), read)
                    })
                    .map_err(|e| ApiError::Network {
                        url: url.clone(),
                        reason: js_reason(&e),
                    })?,
                Source::Ask(request) => (request.send().await.map_err(|e| network(&url, e))?, None),
            };
            let body = match read {
                Some(bytes) => decode(bytes),
                None => body_text(&resp).await.map_err(|e| network(&url, e))?,
            };
            Ok::<_, ApiError>(Response {
                url: url.clone(),
                status: resp.status(),
                status_text: resp.status_text(),
                content_type: resp.headers().get("content-type").unwrap_or_default(),
                body,
            })
        });
        let timeout = gloo_timers::future::TimeoutFuture::new(TIMEOUT_SECONDS * 1000);
        match select(exchange, timeout).await {
            Either::Left((answer, _)) => answer,
            Either::Right(_) => Err(ApiError::Timeout {
                url,
                seconds: TIMEOUT_SECONDS,
            }),
        }
    }
}

/// A streamed answer: open, or (unsuccessful, or with no body) read whole.
pub enum Streamed {
    Open(Chunks),
    Whole(Response),
}

/// The body of a streamed answer, chunk by chunk.
pub struct Chunks {
    url: String,
    reader: web_sys::ReadableStreamDefaultReader,
}

impl Chunks {
    /// The next chunk; `None` at the end of the body; an error when the connection broke.
    pub async fn next(&self) -> Result<Option<Vec<u8>>, ApiError> {
        let broken = |e: wasm_bindgen::JsValue| ApiError::Network {
            url: self.url.clone(),
            reason: js_reason(&e),
        };
        let read = wasm_bindgen_futures::JsFuture::from(self.reader.read())
            .await
            .map_err(broken)?;
        let done = js_sys::Reflect::get(&read, &"done".into())
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            return Ok(None);
        }
        let value = js_sys::Reflect::get(&read, &"value".into()).map_err(broken)?;
        Ok(Some(js_sys::Uint8Array::new(&value).to_vec()))
    }
}

impl Drop for Chunks {
    fn drop(&mut self) {
        // Lets the browser close the connection: nobody reads the rest. A stream aborted
        // (a watch stopped) rejects the cancel with the abort's reason: that is no error, and
        // it is taken here, not left for the page to report as unhandled.
        let cancelled = wasm_bindgen_futures::JsFuture::from(self.reader.cancel());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = cancelled.await;
        });
    }
}

/// Where a [`Http::send`] gets its answer: one asked for ahead, or its own request.
enum Source {
    Ahead(wasm_bindgen_futures::JsFuture),
    Ask(gloo_net::http::Request),
}

/// The body the boot script already read of an answer (its `BOOT_BODY` property), if it did.
fn read_body(answer: &wasm_bindgen::JsValue) -> Option<Vec<u8>> {
    js_sys::Reflect::get(answer, &BOOT_BODY.into())
        .ok()?
        .dyn_into::<js_sys::ArrayBuffer>()
        .ok()
        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
}

/// An answer's body as text. It is read as bytes and decoded here, as `Response.text()` would
/// (invalid UTF-8 replaced, a byte-order mark dropped): a list of megabytes is then copied into
/// the wasm once, instead of being decoded into a JavaScript string and encoded back.
async fn body_text(resp: &gloo_net::http::Response) -> Result<String, gloo_net::Error> {
    Ok(decode(resp.binary().await?))
}

/// UTF-8 bytes as text, as the Fetch standard's `text()` decodes them.
pub fn decode(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// The value of the cookie `name` of this page, if set.
fn read_cookie(name: &str) -> Option<String> {
    let cookies = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()?;
    cookie_value(&cookies, name)
}

/// `name`'s value in a `document.cookie` string ("a=1; csrf-token=xyz").
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// What a rejected `fetch` or read says.
fn js_reason(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the connection broke".into())
}

fn network(url: &str, e: gloo_net::Error) -> ApiError {
    let reason = match e {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    };
    ApiError::Network {
        url: url.to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn bodies_decode_as_the_browser_decodes_text() {
        assert_eq!(
            decode(b"{\"kind\":\"List\"}".to_vec()),
            "{\"kind\":\"List\"}"
        );
        assert_eq!(decode("Édition é".as_bytes().to_vec()), "Édition é");
        // A byte-order mark is dropped; invalid bytes become U+FFFD.
        assert_eq!(decode(b"\xEF\xBB\xBF<vms/>".to_vec()), "<vms/>");
        assert_eq!(decode(b"a\xFFb".to_vec()), "a\u{FFFD}b");
    }
}
