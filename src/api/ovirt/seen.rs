//! The VMs as the adapter's last reads of each saw them, for a read that comes a moment after
//! another: a restore followed to its end (`pages::follow`) with the VM's page or the VM list
//! open, which poll the VM each second too, asked the engine for the same VM twice a second.

use crate::model::Vm;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// How long a VM read stays the VM now: a little more than the pages' one-second poll, so
/// that a follower asking each second finds the page's last read.
pub const SEEN_MS: i64 = 1_500;

/// Each VM as last read, with when that read was sent, and when the last change was answered.
#[derive(Default)]
pub struct Seen {
    vms: HashMap<String, (DateTime<Utc>, Vm)>,
    changed: Option<DateTime<Utc>>,
}

impl Seen {
    /// `vm` as a read sent at `sent` saw it.
    pub fn read(&mut self, sent: DateTime<Utc>, vm: &Vm) {
        self.vms.insert(vm.id.clone(), (sent, vm.clone()));
    }

    /// A change was answered at `at`: what was read before may be gone (a read sent before it
    /// and answered after is not the VM now either).
    pub fn changed(&mut self, at: DateTime<Utc>) {
        self.changed = Some(at);
        self.vms.clear();
    }

    /// The VM `id` as a read sent after the last change and less than [`SEEN_MS`] before `now`
    /// saw it, if there was one.
    pub fn fresh(&self, id: &str, now: DateTime<Utc>) -> Option<Vm> {
        let (sent, vm) = self.vms.get(id)?;
        let after_change = self.changed.is_none_or(|changed| *sent > changed);
        let recent = (now - *sent).num_milliseconds() < SEEN_MS;
        (after_change && recent).then(|| vm.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VmStatus;
    use chrono::TimeDelta;

    fn vm(id: &str, status: VmStatus) -> Vm {
        Vm::new(id, id, status)
    }

    #[test]
    fn a_read_a_moment_ago_is_the_vm_now() {
        let t0 = Utc::now();
        let mut seen = Seen::default();
        seen.read(t0, &vm("a", VmStatus::Restoring));
        let now = t0 + TimeDelta::milliseconds(1_000);
        assert_eq!(
            seen.fresh("a", now).map(|v| v.status),
            Some(VmStatus::Restoring)
        );
        assert!(seen.fresh("b", now).is_none());
        // Too old to stand for the VM now.
        assert!(seen
            .fresh("a", t0 + TimeDelta::milliseconds(SEEN_MS))
            .is_none());
    }

    #[test]
    fn nothing_read_before_a_change_stands_for_the_vm_after_it() {
        let t0 = Utc::now();
        let mut seen = Seen::default();
        // Read, then a restore is sent and answered: the read before it is let go.
        seen.read(t0, &vm("a", VmStatus::Stopped));
        seen.changed(t0 + TimeDelta::milliseconds(10));
        assert!(seen.fresh("a", t0 + TimeDelta::milliseconds(20)).is_none());
        // A read sent before the change's answer, and answered after it, is not used either.
        seen.read(t0 + TimeDelta::milliseconds(5), &vm("a", VmStatus::Stopped));
        assert!(seen.fresh("a", t0 + TimeDelta::milliseconds(30)).is_none());
        // One sent after it is.
        seen.read(
            t0 + TimeDelta::milliseconds(40),
            &vm("a", VmStatus::Restoring),
        );
        let now = t0 + TimeDelta::milliseconds(50);
        assert_eq!(
            seen.fresh("a", now).map(|v| v.status),
            Some(VmStatus::Restoring)
        );
    }
}
