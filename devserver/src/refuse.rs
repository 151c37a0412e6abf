//! `POST /_dev/refuse`: tells the development backend to refuse the next matching change, so the
//! app's failure paths (a modal that keeps its form and shows the backend's message) can be seen
//! and tested. The body is JSON:
//!
//! ```json
//! {"method": "POST", "path": "/restore", "status": 409, "message": "Storage is full.", "times": 1}
//! ```
//!
//! `path` is a part of the request path; `method` defaults to any change (not GET), `status` to
//! 409, `times` to 1. The refusal is written as that API writes one: an oVirt fault (XML or JSON,
//! by `Accept`) under `/ovirt-engine/api`, a Kubernetes `Status` elsewhere. `POST /_dev/reset`
//! forgets the rules.

use crate::{kubevirt, ovirt, AppState};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One refusal to make.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Rule {
    #[serde(default)]
    pub method: Option<String>,
    pub path: String,
    #[serde(default = "conflict")]
    pub status: u16,
    pub message: String,
    #[serde(default = "once")]
    pub times: u32,
}

fn conflict() -> u16 {
    409
}

fn once() -> u32 {
    1
}

impl Rule {
    fn matches(&self, method: &Method, path: &str) -> bool {
        let method_ok = match &self.method {
            Some(m) => m.eq_ignore_ascii_case(method.as_str()),
            None => method != Method::GET && method != Method::HEAD,
        };
        method_ok && self.times > 0 && path.contains(&self.path)
    }
}

/// Takes the first rule matching a request, counting it down.
pub fn take(rules: &mut Vec<Rule>, method: &Method, path: &str) -> Option<Rule> {
    let i = rules.iter().position(|r| r.matches(method, path))?;
    rules[i].times -= 1;
    let rule = rules[i].clone();
    if rules[i].times == 0 {
        rules.remove(i);
    }
    Some(rule)
}

/// `POST /_dev/refuse`.
pub async fn add(State(app): State<AppState>, text: String) -> Response {
    match serde_json::from_str::<Rule>(&text) {
        Ok(rule) => {
            app.refusals().push(rule);
            "refusing\n".into_response()
        }
        Err(e) => (
            StatusCode::BAD_REQUEST,
            format!("not a refusal rule: {e}\n"),
        )
            .into_response(),
    }
}

/// Answers a matching API request with its refusal; passes any other on.
pub async fn layer(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let api =
        path.starts_with(ovirt::BASE) || path.starts_with("/apis/") || path.starts_with("/api/");
    if !api {
        return next.run(req).await;
    }
    let Some(rule) = take(&mut app.refusals(), req.method(), &path) else {
        return next.run(req).await;
    };
    let status = StatusCode::from_u16(rule.status).unwrap_or(StatusCode::CONFLICT);
    if path.starts_with(ovirt::BASE) {
        ovirt::fault(
            ovirt::format_of(req.headers()),
            status,
            "Operation Failed",
            &rule.message,
        )
    } else {
        let reason = status
            .canonical_reason()
            .unwrap_or("Conflict")
            .replace(' ', "");
        kubevirt::status_error(status, &reason, &rule.message, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(method: Option<&str>, path: &str, times: u32) -> Rule {
        Rule {
            method: method.map(str::to_string),
            path: path.into(),
            status: 409,
            message: "no".into(),
            times,
        }
    }

    #[test]
    fn a_rule_refuses_its_changes_as_many_times_as_asked_and_never_a_read() {
        let mut rules = vec![rule(None, "/restore", 2)];
        assert!(take(&mut rules, &Method::GET, "/x/restore").is_none());
        assert!(take(&mut rules, &Method::POST, "/x/restore").is_some());
        assert!(take(&mut rules, &Method::POST, "/x/other").is_none());
        assert!(take(&mut rules, &Method::POST, "/x/restore").is_some());
        assert!(take(&mut rules, &Method::POST, "/x/restore").is_none());
        assert!(rules.is_empty());
        let mut rules = vec![rule(Some("DELETE"), "/snapshots/", 1)];
        assert!(take(&mut rules, &Method::POST, "/snapshots/a").is_none());
        assert!(take(&mut rules, &Method::DELETE, "/snapshots/a").is_some());
    }
}
