//! Snapshot names: the generated default and what each backend accepts.

use super::BackendKind;
use chrono::NaiveDateTime;

/// The longest Kubernetes object name (DNS-1123 label).
pub const KUBE_NAME_MAX: usize = 63;
/// The longest oVirt snapshot description.
pub const OVIRT_DESCRIPTION_MAX: usize = 4000;

/// The console's default name, `<vm>-snapshot-<yyyyMMdd-HHmmss>` at local time `at`, made a valid
/// DNS-1123 name (lowercase; other characters become `-`; the VM part shortened to fit 63).
pub fn default_snapshot_name(vm: &str, at: NaiveDateTime) -> String {
    let suffix = at.format("-snapshot-%Y%m%d-%H%M%S").to_string();
    with_suffix(BackendKind::Kubevirt, vm, &suffix)
}

/// The safety snapshot taken before a restore, `<vm>-before-restore-<yyyyMMdd-HHmm>` at local
/// time `at` (a DNS-1123 name on KubeVirt; oVirt's description takes any text).
pub fn safety_snapshot_name(backend: BackendKind, vm: &str, at: NaiveDateTime) -> String {
    let suffix = at.format("-before-restore-%Y%m%d-%H%M").to_string();
    match backend {
        BackendKind::Ovirt => format!("{vm}{suffix}"),
        BackendKind::Kubevirt => with_suffix(backend, vm, &suffix),
    }
}

/// Why `name` cannot name a snapshot on `backend`, or `Ok`.
pub fn validate_snapshot_name(backend: BackendKind, name: &str) -> Result<(), String> {
    match backend {
        BackendKind::Ovirt => {
            if name.trim().is_empty() {
                Err("Enter a name.".into())
            } else if name.chars().count() > OVIRT_DESCRIPTION_MAX {
                Err(format!("Use at most {OVIRT_DESCRIPTION_MAX} characters."))
            } else {
                Ok(())
            }
        }
        BackendKind::Kubevirt => {
            if name.is_empty() {
                return Err("Enter a name.".into());
            }
            if name.len() > KUBE_NAME_MAX {
                return Err(format!("Use at most {KUBE_NAME_MAX} characters."));
            }
            let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
            if !name.chars().all(allowed) {
                return Err("Use only lowercase letters, digits and '-'.".into());
            }
            if name.starts_with('-') || name.ends_with('-') {
                return Err("Start and end with a letter or a digit.".into());
            }
            Ok(())
        }
    }
}

/// The longest oVirt VM or template name the engine accepts.
pub const OVIRT_NAME_MAX: usize = 255;

/// `s` as a DNS-1123 label: lowercase, other characters as `-`, trimmed of `-`, at most `max`.
fn dns_label(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    out.truncate(max);
    out.trim_matches('-').to_string()
}

/// `base` with `suffix`, in the characters `backend` accepts for object names (KubeVirt: the
/// base shortened so the whole stays a DNS-1123 label).
fn with_suffix(backend: BackendKind, base: &str, suffix: &str) -> String {
    match backend {
        BackendKind::Ovirt => {
            let base: String = base
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .take(OVIRT_NAME_MAX - suffix.len())
                .collect();
            format!("{base}{suffix}")
        }
        BackendKind::Kubevirt => {
            let base = dns_label(base, KUBE_NAME_MAX - suffix.len());
            let base = if base.is_empty() { "vm" } else { base.as_str() };
            format!("{base}{suffix}")
        }
    }
}

/// The first of `name`, `name-2`, `name-3`, … that is not in `taken`.
pub fn unique_name(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}-{n}"))
        .find(|candidate| !taken.iter().any(|t| t == candidate))
        .expect("an unused suffix exists")
}

/// The name a VM made from a snapshot of `vm` gets: `<vm>-clone`, unique among `taken`.
pub fn clone_name(backend: BackendKind, vm: &str, taken: &[String]) -> String {
    unique_name(&with_suffix(backend, vm, "-clone"), taken)
}

/// The name a new VM a snapshot of `vm` is restored into gets: `<vm>-restored`, unique among
/// `taken`.
pub fn restored_name(backend: BackendKind, vm: &str, taken: &[String]) -> String {
    unique_name(&with_suffix(backend, vm, "-restored"), taken)
}

/// The name a template made from `snapshot` gets: `<snapshot>-template`.
pub fn template_name(backend: BackendKind, snapshot: &str, taken: &[String]) -> String {
    unique_name(&with_suffix(backend, snapshot, "-template"), taken)
}

/// Why `name` cannot name a new VM or template on `backend` (`taken` being the names in use),
/// or `Ok`.
pub fn validate_object_name(
    backend: BackendKind,
    name: &str,
    taken: &[String],
    what: &str,
) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("Enter a name.".into());
    }
    match backend {
        BackendKind::Ovirt => {
            if name.chars().count() > OVIRT_NAME_MAX {
                return Err(format!("Use at most {OVIRT_NAME_MAX} characters."));
            }
            if !name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                return Err("Use only letters, digits, '.', '_' and '-'.".into());
            }
        }
        BackendKind::Kubevirt => validate_snapshot_name(backend, name)?,
    }
    if taken.iter().any(|t| t == name) {
        return Err(format!("A {what} named {name} already exists."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 8, 8)
            .unwrap()
            .and_hms_opt(13, 51, 11)
            .unwrap()
    }

    #[test]
    fn the_default_name_is_the_consoles() {
        assert_eq!(
            default_snapshot_name("fedora-vm", at()),
            "fedora-vm-snapshot-20260808-135111"
        );
    }

    #[test]
    fn the_default_name_is_a_valid_kubernetes_name_whatever_the_vm_is_called() {
        for vm in [
            "Debbie",
            "web_frontend",
            "Ünïcode VM",
            "-x-",
            "",
            &"a".repeat(80),
        ] {
            let name = default_snapshot_name(vm, at());
            assert_eq!(
                validate_snapshot_name(BackendKind::Kubevirt, &name),
                Ok(()),
                "{vm} → {name}"
            );
            assert!(name.len() <= KUBE_NAME_MAX);
        }
        assert_eq!(
            default_snapshot_name("Web_Frontend", at()),
            "web-frontend-snapshot-20260808-135111"
        );
    }

    #[test]
    fn kubevirt_names_follow_dns_1123() {
        let k = BackendKind::Kubevirt;
        assert!(validate_snapshot_name(k, "snap-1").is_ok());
        assert!(validate_snapshot_name(k, "Snap-1")
            .unwrap_err()
            .contains("lowercase"));
        assert!(validate_snapshot_name(k, "snap_1").is_err());
        assert!(validate_snapshot_name(k, "-snap")
            .unwrap_err()
            .contains("Start and end"));
        assert!(validate_snapshot_name(k, &"a".repeat(64))
            .unwrap_err()
            .contains("63"));
        assert!(validate_snapshot_name(k, "").is_err());
    }

    #[test]
    fn ovirt_descriptions_take_any_script_up_to_4000_characters() {
        let o = BackendKind::Ovirt;
        assert!(validate_snapshot_name(o, "Avant la mise à jour — étape 2").is_ok());
        assert!(validate_snapshot_name(o, "قبل التحديث").is_ok());
        assert!(validate_snapshot_name(o, &"é".repeat(4000)).is_ok());
        assert!(validate_snapshot_name(o, &"é".repeat(4001)).is_err());
        assert!(validate_snapshot_name(o, "   ").is_err());
    }

    #[test]
    fn clone_and_template_names_are_prefilled_and_made_unique() {
        let taken = vec!["web-clone".to_string(), "web-clone-2".to_string()];
        assert_eq!(clone_name(BackendKind::Ovirt, "web", &[]), "web-clone");
        assert_eq!(clone_name(BackendKind::Ovirt, "web", &taken), "web-clone-3");
        assert_eq!(
            template_name(BackendKind::Ovirt, "before upgrade", &[]),
            "before_upgrade-template"
        );
        assert_eq!(
            template_name(BackendKind::Kubevirt, "Before Upgrade", &[]),
            "before-upgrade-template"
        );
        let long = "a".repeat(80);
        let k = clone_name(BackendKind::Kubevirt, &long, &[]);
        assert_eq!(validate_snapshot_name(BackendKind::Kubevirt, &k), Ok(()));
        for b in [BackendKind::Ovirt, BackendKind::Kubevirt] {
            let n = clone_name(b, "db primary (old)", &[]);
            assert_eq!(validate_object_name(b, &n, &[], "VM"), Ok(()), "{n}");
        }
    }

    #[test]
    fn new_vm_names_are_checked_against_the_backend_and_the_names_in_use() {
        let taken = vec!["web-clone".to_string()];
        let o = BackendKind::Ovirt;
        assert_eq!(
            validate_object_name(o, "web-clone", &taken, "VM"),
            Err("A VM named web-clone already exists.".into())
        );
        assert!(validate_object_name(o, "web clone", &[], "VM").is_err());
        assert!(validate_object_name(o, "  ", &[], "VM").is_err());
        assert!(validate_object_name(o, "Sérveur_1.b", &[], "VM").is_ok());
        let k = BackendKind::Kubevirt;
        assert!(validate_object_name(k, "Web", &[], "VM")
            .unwrap_err()
            .contains("lowercase"));
    }
}
