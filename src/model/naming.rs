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
    let mut base: String = vm
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
    base.truncate(KUBE_NAME_MAX - suffix.len());
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "vm" } else { base };
    format!("{base}{suffix}")
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
}
