//! The one error type every backend call returns, with messages a user can act on.

/// What went wrong talking to a backend.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer: refused, dropped, blocked (CORS), offline.
    #[error("Cannot reach the API at {url}: {reason}. Check the address and the connection, then retry.")]
    Network { url: String, reason: String },
    /// No answer in time.
    #[error(
        "The API at {url} did not answer within {seconds} seconds. It may be overloaded; retry."
    )]
    Timeout { url: String, seconds: u32 },
    /// HTTP 401.
    #[error("Not authorized (HTTP 401): the access token is missing, wrong or expired. Set a valid token and retry.")]
    Unauthorized,
    /// The backend refused or failed, in its own words (an oVirt fault, a Kubernetes Status).
    #[error("{}", backend_message(*status, reason, detail.as_deref()))]
    Backend {
        status: u16,
        reason: String,
        detail: Option<String>,
    },
    /// The backend does not offer this at all (say, memory snapshots on KubeVirt).
    #[error("{0}")]
    Unsupported(String),
    /// A step of a longer operation did not end well, so the next was not taken (in words).
    #[error("{0}")]
    Halted(String),
    /// The answer was not what the API promises: malformed XML or JSON, a wrong content type.
    #[error("The API at {url} answered with something this app cannot read: {problem}.")]
    Malformed { url: String, problem: String },
    /// The part of the app that sends changes (`api::Actions`) could not be downloaded.
    #[error("The part of the app that sends changes is downloaded the first time one is sent, and the download failed. Check the connection, then retry.")]
    NotDownloaded,
}

fn backend_message(status: u16, reason: &str, detail: Option<&str>) -> String {
    match detail.map(str::trim) {
        // A body that only repeats the reason (a proxy's "Bad Gateway") adds nothing.
        Some(d) if !d.is_empty() && d != reason => format!("{reason}: {d} (HTTP {status})"),
        _ => format!("{reason} (HTTP {status})"),
    }
}

impl ApiError {
    pub fn malformed(url: &str, problem: impl Into<String>) -> Self {
        ApiError::Malformed {
            url: url.to_string(),
            problem: problem.into(),
        }
    }

    /// A short title for an error state.
    pub fn title(&self) -> &'static str {
        match self {
            ApiError::Network { .. } => "Cannot reach the API",
            ApiError::Timeout { .. } => "The API did not answer in time",
            ApiError::Unauthorized => "Not authorized",
            ApiError::Backend { status: 404, .. } => "Not found",
            ApiError::Backend { .. } => "The backend refused the request",
            ApiError::Unsupported(_) => "Not available on this backend",
            ApiError::Halted(_) => "Stopped before the end",
            ApiError::Malformed { .. } => "Unreadable answer from the API",
            ApiError::NotDownloaded => "Could not download this part of the app",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_errors_read_as_reason_detail_and_code() {
        let e = ApiError::Backend {
            status: 409,
            reason: "Operation Failed".into(),
            detail: Some("Cannot preview Snapshot. At least one of the VMs is not down.".into()),
        };
        assert_eq!(
            e.to_string(),
            "Operation Failed: Cannot preview Snapshot. At least one of the VMs is not down. (HTTP 409)"
        );
        let e = ApiError::Backend {
            status: 500,
            reason: "Internal Server Error".into(),
            detail: None,
        };
        assert_eq!(e.to_string(), "Internal Server Error (HTTP 500)");
        // A proxy's plain-text body that only repeats the reason is not said twice.
        let e = ApiError::Backend {
            status: 502,
            reason: "Bad Gateway".into(),
            detail: Some("Bad Gateway\n".into()),
        };
        assert_eq!(e.to_string(), "Bad Gateway (HTTP 502)");
    }
}
