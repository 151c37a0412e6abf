//! Snapshot schedules in the development backend: creating, editing, pausing and deleting them,
//! and running them: at each due time a snapshot named after the schedule is taken, and beyond
//! `keep` the oldest of its snapshots are deleted.

use crate::ops::{Refusal, Timings};
use crate::scheduler::{next, Cron};
use crate::world::{DevSchedule, ScheduleApi, World};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What a schedule asks for, as sent by a client.
#[derive(Clone, Debug)]
pub struct ScheduleSpec {
    pub name: String,
    pub description: String,
    pub rule: Option<String>,
    pub time_zone: String,
    pub start: DateTime<Utc>,
    pub keep: u32,
    pub paused: bool,
    pub memory: bool,
    pub disks: Option<Vec<String>>,
    /// Its snapshots kept forever (never pruned).
    pub pinned: Vec<String>,
}

fn invalid(api: ScheduleApi, detail: String) -> Refusal {
    match api {
        ScheduleApi::Ovirt => Refusal {
            status: 400,
            reason: "Operation Failed".into(),
            detail,
        },
        ScheduleApi::Kube => Refusal {
            status: 422,
            reason: "Invalid".into(),
            detail,
        },
    }
}

fn check(api: ScheduleApi, spec: &ScheduleSpec) -> Result<(Option<Cron>, Tz), Refusal> {
    let tz: Tz = spec
        .time_zone
        .parse()
        .map_err(|_| invalid(api, format!("Unknown time zone \"{}\"", spec.time_zone)))?;
    let cron = match &spec.rule {
        Some(r) if !r.trim().is_empty() => Some(
            Cron::parse(r).map_err(|e| invalid(api, format!("Invalid schedule \"{r}\": {e}")))?,
        ),
        _ => None,
    };
    if !(1..=100).contains(&spec.keep) {
        return Err(invalid(
            api,
            format!(
                "The number of snapshots to keep must be from 1 to 100, not {}",
                spec.keep
            ),
        ));
    }
    if spec.name.trim().is_empty() {
        return Err(invalid(api, "A schedule needs a name".into()));
    }
    Ok((cron, tz))
}

fn next_of(s: &DevSchedule, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz: Tz = s.time_zone.parse().ok()?;
    let cron = s.rule.as_deref().and_then(|r| Cron::parse(r).ok());
    next(cron.as_ref(), tz, s.start, after)
}

impl World {
    pub fn schedules_of(
        &self,
        api: ScheduleApi,
        namespace: &str,
        vm: Option<&str>,
    ) -> Vec<&DevSchedule> {
        self.schedules
            .iter()
            .filter(|s| s.api == api && s.namespace == namespace && vm.is_none_or(|v| s.vm == v))
            .collect()
    }

    pub fn create_schedule(
        &mut self,
        api: ScheduleApi,
        namespace: &str,
        vm: &str,
        spec: ScheduleSpec,
        now: DateTime<Utc>,
    ) -> Result<DevSchedule, Refusal> {
        check(api, &spec)?;
        let exists = match api {
            ScheduleApi::Ovirt => self.ovirt_vm(vm).is_some(),
            ScheduleApi::Kube => self.kube_vm(namespace, vm).is_some(),
        };
        if !exists {
            return Err(invalid(api, format!("VM {vm} does not exist")));
        }
        if api == ScheduleApi::Kube
            && self
                .schedules
                .iter()
                .any(|s| s.api == api && s.namespace == namespace && s.id == spec.name)
        {
            return Err(Refusal {
                status: 409,
                reason: "AlreadyExists".into(),
                detail: format!(
                    "virtualmachinesnapshotschedules.snapshot.kubevirt.io \"{}\" already exists",
                    spec.name
                ),
            });
        }
        let id = match api {
            ScheduleApi::Ovirt => self.new_id(),
            ScheduleApi::Kube => spec.name.clone(),
        };
        let mut s = DevSchedule {
            api,
            id,
            namespace: namespace.into(),
            vm: vm.into(),
            name: spec.name,
            description: spec.description,
            rule: spec.rule.filter(|r| !r.trim().is_empty()),
            time_zone: spec.time_zone,
            start: spec.start,
            keep: spec.keep,
            paused: spec.paused,
            memory: spec.memory,
            disks: spec.disks,
            next_run: None,
            last_run: None,
            produced: Vec::new(),
            pinned: spec.pinned,
            created: now,
        };
        // A schedule whose start is now runs now.
        s.next_run = next_of(&s, now - chrono::Duration::seconds(1));
        self.schedules.push(s.clone());
        Ok(s)
    }

    /// The development backend's "run now" (`POST /_dev/schedules/run?name=`): the schedules of
    /// that name are due at once. Returns how many there are.
    pub fn run_schedule_now(&mut self, name: &str, now: DateTime<Utc>) -> usize {
        let mut n = 0;
        for s in self.schedules.iter_mut().filter(|s| s.name == name) {
            s.next_run = Some(now);
            n += 1;
        }
        n
    }

    pub fn update_schedule(
        &mut self,
        api: ScheduleApi,
        namespace: &str,
        id: &str,
        spec: ScheduleSpec,
        now: DateTime<Utc>,
    ) -> Result<DevSchedule, Refusal> {
        check(api, &spec)?;
        let s = self
            .schedules
            .iter_mut()
            .find(|s| s.api == api && s.namespace == namespace && s.id == id)
            .ok_or_else(|| not_found(api, id))?;
        s.name = spec.name;
        s.description = spec.description;
        s.rule = spec.rule.filter(|r| !r.trim().is_empty());
        s.time_zone = spec.time_zone;
        s.start = spec.start;
        s.keep = spec.keep;
        s.paused = spec.paused;
        s.memory = spec.memory;
        s.disks = spec.disks;
        // Only its own snapshots can be pinned.
        let produced = s.produced.clone();
        s.pinned = spec.pinned;
        s.pinned.retain(|id| produced.contains(id));
        s.next_run = next_of(s, now.max(s.last_run.unwrap_or(now)));
        Ok(s.clone())
    }

    /// Deletes a schedule; its snapshots go too unless `keep_snapshots`.
    pub fn delete_schedule(
        &mut self,
        api: ScheduleApi,
        namespace: &str,
        id: &str,
        keep_snapshots: bool,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<DevSchedule, Refusal> {
        let i = self
            .schedules
            .iter()
            .position(|s| s.api == api && s.namespace == namespace && s.id == id)
            .ok_or_else(|| not_found(api, id))?;
        let s = self.schedules.remove(i);
        if !keep_snapshots {
            for snapshot in &s.produced {
                // Snapshots that are busy or gone are left as they are.
                let _ = match api {
                    ScheduleApi::Ovirt => self.ovirt_delete_snapshot(&s.vm, snapshot, now, t),
                    ScheduleApi::Kube => self.kube_delete_snapshot(namespace, snapshot).map(|_| ()),
                };
            }
        }
        Ok(s)
    }

    /// Fires what is due and prunes. Returns whether anything changed.
    pub(crate) fn run_schedules(&mut self, now: DateTime<Utc>, t: &Timings) -> bool {
        let mut changed = false;
        for i in 0..self.schedules.len() {
            let s = self.schedules[i].clone();
            // Forget snapshots of the schedule that someone deleted.
            let alive: Vec<String> = s
                .produced
                .iter()
                .filter(|id| self.snapshot_exists(&s, id))
                .cloned()
                .collect();
            if alive.len() != s.produced.len() {
                self.schedules[i].pinned.retain(|id| alive.contains(id));
                self.schedules[i].produced = alive;
                changed = true;
            }
            if !s.paused {
                if let Some(due) = s.next_run.filter(|d| *d <= now) {
                    let local = due
                        .with_timezone(&s.time_zone.parse::<Tz>().unwrap_or(Tz::UTC))
                        .naive_local();
                    // Two runs in one minute (a "run now") get names of their own.
                    let base = snapshot_name(&s.name, local);
                    let taken = |n: &str| match s.api {
                        ScheduleApi::Ovirt => self
                            .ovirt_vm(&s.vm)
                            .is_some_and(|v| v.snapshots.iter().any(|x| x.description == n)),
                        ScheduleApi::Kube => self
                            .kube_snapshots
                            .iter()
                            .any(|x| x.namespace == s.namespace && x.name == n),
                    };
                    let name = std::iter::once(base.clone())
                        .chain((2..).map(|i| format!("{base}-{i}")))
                        .find(|n| !taken(n))
                        .unwrap_or(base);
                    let made = match s.api {
                        ScheduleApi::Ovirt => self
                            .ovirt_create_snapshot(&s.vm, &name, s.memory, s.disks.clone(), due, t)
                            .map(|x| x.id),
                        ScheduleApi::Kube => self
                            .kube_create_snapshot(
                                &s.namespace,
                                &name,
                                &s.vm,
                                Some(format!("Taken by schedule {}", s.name)),
                                due,
                                t,
                            )
                            .map(|x| x.name),
                    };
                    let sch = &mut self.schedules[i];
                    if let Ok(id) = made {
                        sch.produced.push(id);
                    }
                    // A run the VM could not take (busy, in preview) is skipped, as a missed run.
                    sch.last_run = Some(due);
                    sch.next_run = next_of(sch, due.max(now));
                    changed = true;
                }
            }
            // Beyond `keep`, the oldest unpinned go, as soon as the VM lets them (the rule is
            // the app's: the `retention` crate).
            let s = self.schedules[i].clone();
            let prune = retention::to_prune(&s.produced, &s.pinned, s.keep as usize);
            if let Some(oldest) = prune.first().map(|id| id.to_string()) {
                let deleted = match s.api {
                    ScheduleApi::Ovirt => self.ovirt_delete_snapshot(&s.vm, &oldest, now, t),
                    ScheduleApi::Kube => {
                        self.kube_delete_snapshot(&s.namespace, &oldest).map(|_| ())
                    }
                };
                if deleted.is_ok() {
                    self.schedules[i].produced.retain(|id| id != &oldest);
                    changed = true;
                }
            }
        }
        changed
    }

    fn snapshot_exists(&self, s: &DevSchedule, id: &str) -> bool {
        match s.api {
            ScheduleApi::Ovirt => self
                .ovirt_vm(&s.vm)
                .is_some_and(|v| v.snapshots.iter().any(|x| x.id == id)),
            ScheduleApi::Kube => self
                .kube_snapshots
                .iter()
                .any(|x| x.namespace == s.namespace && x.name == id),
        }
    }
}

/// The name of the snapshot a schedule takes at local time `at`: `<schedule>-<yyyyMMdd-HHmm>`,
/// the schedule's name lowercased, anything but ASCII letters and digits a `-` (runs of them one),
/// trimmed of `-`,
/// at most 48 characters ("schedule" when nothing is left).
pub fn snapshot_name(schedule: &str, at: chrono::NaiveDateTime) -> String {
    let mut part = String::new();
    for c in schedule.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if c != '-' || !part.ends_with('-') {
            part.push(c);
        }
    }
    let part = part.trim_matches('-');
    let part: String = part.chars().take(48).collect();
    let part = if part.is_empty() { "schedule" } else { &part };
    format!("{part}-{}", at.format("%Y%m%d-%H%M"))
}

fn not_found(api: ScheduleApi, id: &str) -> Refusal {
    match api {
        ScheduleApi::Ovirt => Refusal {
            status: 404,
            reason: "Operation Failed".into(),
            detail: format!("Entity not found: Snapshot schedule {id}"),
        },
        ScheduleApi::Kube => Refusal {
            status: 404,
            reason: "NotFound".into(),
            detail: format!(
                "virtualmachinesnapshotschedules.snapshot.kubevirt.io \"{id}\" not found"
            ),
        },
    }
}
