//! The plan the page's boot script (`public/read-ahead.js`) follows to ask for a page's first
//! reads before the wasm has loaded: for each backend, its default API base, the `Accept` of each
//! body format, and the paths each page reads first, made by the adapters themselves
//! ([`ovirt::first_paths`], [`kubevirt::first_paths`]) with `{vm}` and `{namespace}` in place of
//! the VM and the namespace. The script carries the plan between two marker lines; the test
//! below checks it is current, and writes it when run with `UPDATE_READ_AHEAD=1`.

#[cfg(test)]
mod tests {
    use crate::api::{kubevirt, ovirt, FirstReads};
    use crate::config::{default_api, Format, DEFAULT_NAMESPACE};
    use crate::model::BackendKind;
    use serde_json::json;

    const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/read-ahead.js");
    const BEGIN: &str = "// BEGIN PLAN";
    const END: &str = "  // END PLAN";

    fn plan() -> String {
        let vm = FirstReads::Tab("{vm}");
        let ns = "{namespace}";
        let plan = json!({
            "defaults": {
                "backend": "ovirt",
                "format": Format::Xml.key(),
                "namespace": DEFAULT_NAMESPACE,
            },
            "backends": {
                "ovirt": {
                    "api": default_api(BackendKind::Ovirt),
                    "accept": {
                        "xml": ovirt::accept(Format::Xml),
                        "json": ovirt::accept(Format::Json),
                    },
                    "vms": ovirt::first_paths(FirstReads::Vms),
                    "tab": ovirt::first_paths(vm),
                },
                "kubevirt": {
                    "api": default_api(BackendKind::Kubevirt),
                    "accept": { "xml": "application/json", "json": "application/json" },
                    "vms": kubevirt::first_paths(ns, FirstReads::Vms),
                    "tab": kubevirt::first_paths(ns, vm),
                },
            },
        });
        let text = serde_json::to_string_pretty(&plan).unwrap();
        format!("  const plan = {};\n", text.replace('\n', "\n  "))
    }

    #[test]
    fn read_ahead_plan_is_the_adapters_own() {
        let script = std::fs::read_to_string(SCRIPT).unwrap();
        let begin = script.find(BEGIN).expect("the BEGIN PLAN line");
        let start = begin + script[begin..].find('\n').unwrap() + 1;
        let end = script.find(END).expect("the END PLAN line");
        let want = plan();
        if script[start..end] != want {
            if std::env::var_os("UPDATE_READ_AHEAD").is_some() {
                let updated = format!("{}{}{}", &script[..start], want, &script[end..]);
                std::fs::write(SCRIPT, updated).unwrap();
            } else {
                panic!("public/read-ahead.js's plan is not the adapters' paths: run `UPDATE_READ_AHEAD=1 cargo test read_ahead_plan`\nwant:\n{want}");
            }
        }
    }

    #[test]
    fn the_plan_names_each_first_read_of_each_page() {
        let plan = plan();
        for path in [
            "/vms/{vm}/snapshots?follow=disks",
            "/vms/{vm}/diskattachments?follow=disk",
            "/apis/snapshot.kubevirt.io/v1beta1/namespaces/{namespace}/virtualmachinesnapshots",
            "/apis/kubevirt.io/v1/namespaces/{namespace}/virtualmachines",
        ] {
            assert!(plan.contains(path), "{path} in {plan}");
        }
    }
}
