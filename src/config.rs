//! Run-time configuration: `config.json` beside `index.html`, each key overridable by the URL
//! query key of the same name (`backend`, `format`, `api`, `namespace`, `token`, `edit_vm`,
//! `csrf_cookie`, `refresh_seconds`). Embedded, the host's options take the place of both.
//!
//! [`Config::resolve`] is pure and tested natively; [`load`] reads the two sources in a browser.

use crate::api::json::Json;
use crate::model::BackendKind;

/// The keys a host page, `config.json` or the URL query may set.
pub const KEYS: [&str; 8] = [
    "backend",
    "format",
    "api",
    "namespace",
    "token",
    "edit_vm",
    "csrf_cookie",
    "refresh_seconds",
];

/// How often lists are read again while nothing is in progress, unless configured.
pub const DEFAULT_REFRESH_SECONDS: u32 = 30;

/// oVirt's body format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }
}

/// `config.json` as written: every key optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawConfig {
    pub backend: Option<String>,
    pub format: Option<String>,
    pub api: Option<String>,
    pub namespace: Option<String>,
    pub token: Option<String>,
    pub edit_vm: Option<String>,
    pub csrf_cookie: Option<String>,
    /// A number in config.json, or a string of digits: as written.
    pub refresh_seconds: Option<String>,
}

impl RawConfig {
    /// Reads `config.json`: an object whose keys are strings (or null), `refresh_seconds` a
    /// number too; other keys are ignored.
    pub fn parse(text: &str) -> Result<RawConfig, String> {
        let json = Json::parse(text).map_err(|e| e.to_string())?;
        if !json.is_object() {
            return Err("it is not a JSON object".into());
        }
        let text = |key: &str| match json.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Text(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(format!("\"{key}\" is not a string")),
        };
        let refresh_seconds = match json.get("refresh_seconds") {
            Some(Json::Unsigned(n)) => Some(n.to_string()),
            Some(Json::Signed(n)) => Some(n.to_string()),
            Some(Json::Float(_)) => {
                return Err("\"refresh_seconds\" is not a whole number of seconds".into())
            }
            _ => text("refresh_seconds")?,
        };
        Ok(RawConfig {
            backend: text("backend")?,
            format: text("format")?,
            api: text("api")?,
            namespace: text("namespace")?,
            token: text("token")?,
            edit_vm: text("edit_vm")?,
            csrf_cookie: text("csrf_cookie")?,
            refresh_seconds,
        })
    }
}

/// The configuration in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub backend: BackendKind,
    /// oVirt only.
    pub format: Format,
    /// Base URL of the API, without a trailing slash. oVirt: up to `/ovirt-engine/api`;
    /// Kubernetes: the API server root (empty means the page's own origin).
    pub api: String,
    /// KubeVirt only.
    pub namespace: String,
    pub token: Option<String>,
    /// Where a toast's "Edit VM" goes: a link with `{id}`, `{name}`, `{namespace}` in it (the
    /// host console's VM editor). Unset: the VM's page in this app.
    pub edit_vm: Option<String>,
    /// The cookie whose value is sent as `X-CSRFToken` with every change (not a GET): the
    /// OpenShift console's is `csrf-token`.
    pub csrf_cookie: Option<String>,
    /// How often, in seconds, the tab reads its lists again in the background while nothing is
    /// in progress and the page is shown; 0 never does.
    pub refresh_seconds: u32,
}

/// A configuration value that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("Unknown backend \"{0}\": use \"ovirt\" or \"kubevirt\".")]
    Backend(String),
    #[error("This build has no \"{0}\" backend: it was built for \"{1}\" alone (each console plugin has its console's backend only).")]
    NotBuiltIn(&'static str, &'static str),
    #[error("Unknown format \"{0}\": use \"xml\" or \"json\".")]
    Format(String),
    #[error(
        "refresh_seconds \"{0}\" is not a whole number of seconds (0 to 86400; 0 never refreshes)."
    )]
    RefreshSeconds(String),
    #[error("config.json cannot be used: {0}")]
    File(String),
}

/// The backends this build has adapters for, the default first. The standalone app and the
/// element for any page have both; each console plugin is built with its console's alone
/// (`scripts/build-embed`: the cargo features `ovirt` and `kubevirt`), and the other adapter is
/// then not in its wasm.
pub const BUILT_IN: &[BackendKind] = &[
    #[cfg(feature = "ovirt")]
    BackendKind::Ovirt,
    #[cfg(feature = "kubevirt")]
    BackendKind::Kubevirt,
];

#[cfg(not(any(feature = "ovirt", feature = "kubevirt")))]
compile_error!("build with the `ovirt` feature, the `kubevirt` feature, or both (the default)");

/// The API base each backend uses when none is configured: the development backend's, which
/// are also the real systems' paths when the app is served from the same origin.
pub fn default_api(backend: BackendKind) -> &'static str {
    match backend {
        BackendKind::Ovirt => "/ovirt-engine/api",
        BackendKind::Kubevirt => "",
    }
}

pub const DEFAULT_NAMESPACE: &str = "default";

impl Config {
    /// Merges `config.json` (`file`) with the URL query pairs (`query`): a non-empty query value wins.
    pub fn resolve(file: &RawConfig, query: &[(String, String)]) -> Result<Config, ConfigError> {
        let pick = |key: &str, from_file: &Option<String>| -> Option<String> {
            query
                .iter()
                .rev()
                .find(|(k, v)| k == key && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
                .or_else(|| from_file.as_ref().map(|v| v.trim().to_string()))
                .filter(|v| !v.is_empty())
        };
        let backend = match pick("backend", &file.backend) {
            None => BUILT_IN[0],
            Some(key) => BackendKind::from_key(&key).ok_or(ConfigError::Backend(key))?,
        };
        if !BUILT_IN.contains(&backend) {
            return Err(ConfigError::NotBuiltIn(backend.key(), BUILT_IN[0].key()));
        }
        let format = match pick("format", &file.format).as_deref() {
            None | Some("xml") => Format::Xml,
            Some("json") => Format::Json,
            Some(other) => return Err(ConfigError::Format(other.to_string())),
        };
        let api = pick("api", &file.api)
            .unwrap_or_else(|| default_api(backend).to_string())
            .trim_end_matches('/')
            .to_string();
        let namespace =
            pick("namespace", &file.namespace).unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
        let token = pick("token", &file.token);
        let edit_vm = pick("edit_vm", &file.edit_vm);
        let csrf_cookie = pick("csrf_cookie", &file.csrf_cookie);
        let refresh_seconds = match pick("refresh_seconds", &file.refresh_seconds) {
            None => DEFAULT_REFRESH_SECONDS,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 86_400)
                .ok_or(ConfigError::RefreshSeconds(v))?,
        };
        Ok(Config {
            backend,
            format,
            api,
            namespace,
            token,
            edit_vm,
            csrf_cookie,
            refresh_seconds,
        })
    }
}

/// An embedded tab's options (the configuration keys, `vm`, and their attribute spellings
/// `edit-vm` and `csrf-cookie`): its configuration and its VM, or what to write instead.
pub fn embed_options(options: &[(String, String)]) -> Result<(Config, String), String> {
    let pairs: Vec<(String, String)> = options
        .iter()
        .map(|(k, v)| (k.trim().replace('-', "_"), v.clone()))
        .collect();
    let config = Config::resolve(&RawConfig::default(), &pairs).map_err(|e| e.to_string())?;
    let vm = pairs
        .iter()
        .rev()
        .find(|(k, v)| k == "vm" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .ok_or_else(|| {
            "No VM to show: set the \"vm\" option (the oVirt VM id, or the KubeVirt VM name)."
                .to_string()
        })?;
    Ok((config, vm))
}

/// The configuration keys present in a URL query, as a query string ("?backend=kubevirt"), so
/// that links inside the app keep them and a reload of any page keeps the same backend.
pub fn carried_query(query: &[(String, String)]) -> String {
    let kept: Vec<String> = query
        .iter()
        .filter(|(k, v)| KEYS.contains(&k.as_str()) && !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters pass through).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `template` with `{id}`, `{name}` and `{namespace}` replaced by `vm`'s, percent-encoded.
pub fn fill_link(template: &str, vm: &crate::model::Vm) -> String {
    template
        .replace("{id}", &encode(&vm.id))
        .replace("{name}", &encode(&vm.name))
        .replace(
            "{namespace}",
            &encode(vm.namespace.as_deref().unwrap_or("")),
        )
}

/// Reads `config.json` (a missing file is an empty configuration) and the page's URL query.
pub async fn load() -> Result<(Config, Vec<(String, String)>), ConfigError> {
    let query = page_query();
    // Relative to the page's <base href>, so it is found below any route path.
    // The boot script's answer when it asked for it (it reads the configuration too, to send
    // the page's first reads before the wasm has loaded).
    let answer = match crate::api::http::take_boot("config.json") {
        Some(answer) => answer
            .await
            .map(|r| {
                gloo_net::http::Response::from(wasm_bindgen::JsCast::unchecked_into::<
                    web_sys::Response,
                >(r))
            })
            .map_err(|_| ()),
        None => gloo_net::http::Request::get("config.json")
            .send()
            .await
            .map_err(|_| ()),
    };
    let file = match answer {
        Ok(resp) if resp.ok() => {
            let text = resp.text().await.unwrap_or_default();
            RawConfig::parse(&text).map_err(ConfigError::File)?
        }
        _ => RawConfig::default(),
    };
    Ok((Config::resolve(&file, &query)?, query))
}

/// The page URL's query pairs, decoded.
pub fn page_query() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in js_sys::try_iter(&params)
        .ok()
        .flatten()
        .into_iter()
        .flatten()
    {
        let Ok(pair) = entry else { continue };
        let pair = js_sys::Array::from(&pair);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn refresh_seconds_default_to_30_and_take_a_number_or_digits() {
        assert_eq!(
            Config::resolve(&RawConfig::default(), &[])
                .unwrap()
                .refresh_seconds,
            30
        );
        let file = RawConfig::parse(r#"{"refresh_seconds": 5}"#).unwrap();
        assert_eq!(Config::resolve(&file, &[]).unwrap().refresh_seconds, 5);
        let digits = RawConfig::parse(r#"{"refresh_seconds": "7", "backend": null}"#).unwrap();
        assert_eq!(Config::resolve(&digits, &[]).unwrap().refresh_seconds, 7);
        let negative = RawConfig::parse(r#"{"refresh_seconds": -1}"#).unwrap();
        assert_eq!(
            Config::resolve(&negative, &[]),
            Err(ConfigError::RefreshSeconds("-1".into()))
        );
        assert!(RawConfig::parse(r#"{"refresh_seconds": 1.5}"#).is_err());
        let c = Config::resolve(&file, &q(&[("refresh_seconds", "0")])).unwrap();
        assert_eq!(c.refresh_seconds, 0);
        assert_eq!(
            Config::resolve(&file, &q(&[("refresh_seconds", "soon")])),
            Err(ConfigError::RefreshSeconds("soon".into()))
        );
    }

    #[test]
    fn embed_options_take_attribute_spellings_and_need_a_vm() {
        let (c, vm) = embed_options(&q(&[
            ("backend", "kubevirt"),
            ("api", "/api/kubernetes/"),
            ("namespace", "vms"),
            ("vm", "fedora-web"),
            ("csrf-cookie", "csrf-token"),
            (
                "edit-vm",
                "/k8s/ns/{namespace}/kubevirt.io~v1~VirtualMachine/{name}",
            ),
        ]))
        .unwrap();
        assert_eq!(vm, "fedora-web");
        assert_eq!(c.backend, BackendKind::Kubevirt);
        assert_eq!(c.api, "/api/kubernetes");
        assert_eq!(c.namespace, "vms");
        assert_eq!(c.csrf_cookie.as_deref(), Some("csrf-token"));
        assert!(c.edit_vm.unwrap().starts_with("/k8s/ns/"));
        assert!(embed_options(&q(&[("backend", "ovirt")]))
            .unwrap_err()
            .contains("\"vm\" option"));
        assert_eq!(
            embed_options(&q(&[("backend", "vmware"), ("vm", "x")])).unwrap_err(),
            "Unknown backend \"vmware\": use \"ovirt\" or \"kubevirt\"."
        );
    }

    #[test]
    fn shipped_defaults_talk_to_the_development_backend() {
        let c = Config::resolve(&RawConfig::default(), &[]).unwrap();
        assert_eq!(c.backend, BackendKind::Ovirt);
        assert_eq!(c.format, Format::Xml);
        assert_eq!(c.api, "/ovirt-engine/api");
        assert_eq!(c.namespace, "default");
        assert_eq!(c.token, None);
    }

    #[test]
    fn backend_in_the_query_alone_switches_backend_and_default_api() {
        let file = RawConfig {
            backend: Some("ovirt".into()),
            format: Some("xml".into()),
            ..Default::default()
        };
        let c = Config::resolve(&file, &q(&[("backend", "kubevirt")])).unwrap();
        assert_eq!(c.backend, BackendKind::Kubevirt);
        assert_eq!(c.api, "");
    }

    #[test]
    fn query_wins_over_file_and_empty_values_are_ignored() {
        let file = RawConfig {
            api: Some("https://engine.example.com/ovirt-engine/api/".into()),
            token: Some("from-file".into()),
            namespace: Some("prod".into()),
            ..Default::default()
        };
        let c = Config::resolve(
            &file,
            &q(&[("format", "json"), ("token", ""), ("namespace", "dev")]),
        )
        .unwrap();
        assert_eq!(c.format, Format::Json);
        assert_eq!(c.api, "https://engine.example.com/ovirt-engine/api");
        assert_eq!(c.token.as_deref(), Some("from-file"));
        assert_eq!(c.namespace, "dev");
    }

    #[test]
    fn unknown_values_are_errors_with_the_fix_in_the_message() {
        let e = Config::resolve(&RawConfig::default(), &q(&[("backend", "vmware")])).unwrap_err();
        assert!(e.to_string().contains("\"ovirt\" or \"kubevirt\""));
        let e = Config::resolve(&RawConfig::default(), &q(&[("format", "yaml")])).unwrap_err();
        assert_eq!(e, ConfigError::Format("yaml".into()));
    }

    #[test]
    fn a_config_file_that_is_not_an_object_of_strings_is_an_error() {
        assert!(RawConfig::parse("[]").is_err());
        assert!(RawConfig::parse("{").is_err());
        assert_eq!(
            RawConfig::parse(r#"{"backend": 5}"#),
            Err(r#""backend" is not a string"#.into())
        );
        let file = RawConfig::parse(r#"{"other": [1], "api": "x"}"#).unwrap();
        assert_eq!(file.api.as_deref(), Some("x"));
    }

    #[test]
    fn the_edit_vm_link_is_filled_in_for_the_vm() {
        let c = Config::resolve(
            &RawConfig::default(),
            &q(&[("edit_vm", "/k8s/ns/{namespace}/vms/{name}?id={id}")]),
        )
        .unwrap();
        let mut vm = crate::model::Vm::new("a b", "web", crate::model::VmStatus::Stopped);
        vm.namespace = Some("prod".into());
        assert_eq!(
            fill_link(c.edit_vm.as_deref().unwrap(), &vm),
            "/k8s/ns/prod/vms/web?id=a%20b"
        );
        vm.namespace = None;
        assert_eq!(fill_link("/x/{namespace}", &vm), "/x/");
        assert_eq!(
            Config::resolve(&RawConfig::default(), &[]).unwrap().edit_vm,
            None
        );
    }

    #[test]
    fn carried_query_keeps_only_configuration_keys() {
        let query = q(&[
            ("backend", "kubevirt"),
            ("sort", "date"),
            ("api", "http://x:1/a b"),
        ]);
        assert_eq!(
            carried_query(&query),
            "?backend=kubevirt&api=http%3A%2F%2Fx%3A1%2Fa%20b"
        );
        assert_eq!(carried_query(&q(&[("sort", "name")])), "");
    }
}
