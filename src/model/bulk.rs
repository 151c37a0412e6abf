//! Work on many snapshots at once: which ones "older than N days" means, and each one's step.

use super::{Snapshot, SnapshotStatus};
use chrono::{DateTime, Duration, Utc};

/// Whether `s` can be deleted with others: not being taken, deleted or restored, and not the
/// one an oVirt VM previews.
pub fn deletable(s: &Snapshot) -> bool {
    !s.status.is_transient() && s.status != SnapshotStatus::InPreview
}

/// The snapshots taken more than `days` days before `now` that can be deleted, oldest first:
/// exactly what "Delete older than N days" deletes. One without a date is never included.
pub fn older_than(all: &[Snapshot], days: u32, now: DateTime<Utc>) -> Vec<Snapshot> {
    let before = now - Duration::days(i64::from(days));
    let mut out: Vec<Snapshot> = all
        .iter()
        .filter(|s| deletable(s) && s.created.is_some_and(|c| c.to_utc() < before))
        .cloned()
        .collect();
    out.sort_by_key(|s| s.created);
    out
}

/// Where one item of a bulk operation is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Waiting,
    Working,
    Done,
    Failed(String),
}

impl Step {
    /// The step in words, for the item's progress line.
    pub fn label(&self, working: &str, done: &str) -> String {
        match self {
            Step::Waiting => "Waiting".into(),
            Step::Working => working.into(),
            Step::Done => done.into(),
            Step::Failed(why) => format!("Failed: {why}"),
        }
    }
}

/// "N of M done, K failed" for a bulk operation's summary.
pub fn summary(steps: &[Step], done: &str) -> String {
    let ok = steps.iter().filter(|s| **s == Step::Done).count();
    let failed = steps
        .iter()
        .filter(|s| matches!(s, Step::Failed(_)))
        .count();
    match failed {
        0 => format!("{ok} of {} {done}.", steps.len()),
        n => format!("{ok} of {} {done}, {n} failed.", steps.len()),
    }
}

/// The name pattern of a bulk take: `{vm}` stands for each VM's name, `{date}` for the time
/// the take starts (`yyyyMMdd-HHmmss`, local), as the console's default name has them.
pub const DEFAULT_PATTERN: &str = "{vm}-snapshot-{date}";

/// `pattern` for the VM `vm` at local time `at`.
pub fn expand(pattern: &str, vm: &str, at: chrono::NaiveDateTime) -> String {
    pattern
        .replace("{vm}", vm)
        .replace("{date}", &at.format("%Y%m%d-%H%M%S").to_string())
}

/// Each VM's snapshot name from `pattern`, or why it cannot be one on `backend`. On KubeVirt,
/// where a name is an object's and must be unique, a pattern without `{vm}` is refused for more
/// than one VM.
pub fn names(
    backend: super::BackendKind,
    pattern: &str,
    vms: &[String],
    at: chrono::NaiveDateTime,
) -> Vec<Result<String, String>> {
    let shared = vms.len() > 1 && !pattern.contains("{vm}");
    vms.iter()
        .map(|vm| {
            if shared && backend == super::BackendKind::Kubevirt {
                return Err("Put {vm} in the pattern: each snapshot needs its own name.".into());
            }
            let name = expand(pattern, vm, at);
            super::naming::validate_snapshot_name(backend, &name).map(|_| name)
        })
        .collect()
}
