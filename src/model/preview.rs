//! oVirt's custom preview: a grid with a row per snapshot (the Active VM first), one row's VM
//! configuration (and its memory) and each disk from at most one row. Pure rules, so the grid's
//! behaviour is tested natively; the view only draws it.

use super::request::{PreviewDisk, PreviewRequest};
use super::{Snapshot, SnapshotStatus};

/// What a VM's snapshot collection holds for previewing: the Active VM (its current disks), the
/// state kept while a preview runs ("Active VM before the preview"), and the user snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewSources {
    pub active: Snapshot,
    pub before_preview: Option<Snapshot>,
    pub snapshots: Vec<Snapshot>,
}

impl PreviewSources {
    /// The grid's rows: the Active VM first, then the snapshots newest first.
    pub fn rows(&self) -> Vec<Snapshot> {
        let mut snapshots = self.snapshots.clone();
        snapshots.sort_by_key(|s| std::cmp::Reverse(s.created));
        std::iter::once(self.active.clone())
            .chain(snapshots)
            .collect()
    }

    /// The snapshot being previewed, if any.
    pub fn in_preview(&self) -> Option<&Snapshot> {
        self.snapshots
            .iter()
            .find(|s| s.status == SnapshotStatus::InPreview)
    }

    /// While a preview runs: each disk of the previewed VM and the snapshot its image comes from
    /// (`None`: as it was), and the disks left out (they are deleted on commit).
    pub fn previewed(&self) -> Option<Previewed> {
        let config = self.in_preview()?.clone();
        let disks = self
            .active
            .disks
            .iter()
            .map(|d| {
                let from = d.image_id.as_ref().and_then(|image| {
                    self.snapshots
                        .iter()
                        .find(|s| {
                            s.disks
                                .iter()
                                .any(|x| x.id == d.id && x.image_id.as_ref() == Some(image))
                        })
                        .map(|s| s.name.clone())
                });
                (d.name.clone(), from)
            })
            .collect();
        let excluded = self
            .before_preview
            .as_ref()
            .map(|b| {
                b.disks
                    .iter()
                    .filter(|d| !self.active.disks.iter().any(|a| a.id == d.id))
                    .map(|d| d.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        Some(Previewed {
            config,
            disks,
            excluded,
        })
    }
}

/// What a running preview shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Previewed {
    /// The snapshot whose configuration (and memory) the VM has.
    pub config: Snapshot,
    /// (disk name, the snapshot its image comes from).
    pub disks: Vec<(String, Option<String>)>,
    /// Disks left out of the preview.
    pub excluded: Vec<String>,
}

/// The grid's selection: which row gives the configuration, and which row each disk comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Snapshot>,
    /// Index in `rows` of the configuration's row.
    pub config: usize,
    /// (disk id, disk name, row it comes from or `None` when left out), in the disks' order.
    pub disks: Vec<(String, String, Option<usize>)>,
}

/// One disk of the resulting VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultDisk {
    pub name: String,
    /// The row's name ("Active VM" keeps the current state); `None` when left out.
    pub from: Option<String>,
}

/// The VM the preview will give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub config_from: String,
    pub memory: bool,
    pub disks: Vec<ResultDisk>,
}

impl Grid {
    /// A grid on `rows` (the Active VM first) with the Active VM's row selected: the preview of
    /// the VM as it is, from which the user changes what they want.
    pub fn new(rows: Vec<Snapshot>) -> Self {
        let mut disks: Vec<(String, String, Option<usize>)> = Vec::new();
        for row in &rows {
            for d in &row.disks {
                if !disks.iter().any(|(id, _, _)| id == &d.id) {
                    disks.push((d.id.clone(), d.name.clone(), None));
                }
            }
        }
        let mut grid = Grid {
            rows,
            config: 0,
            disks,
        };
        grid.select_row(0);
        grid
    }

    /// Whether row `row` holds disk `disk`.
    pub fn has_disk(&self, row: usize, disk: &str) -> bool {
        self.rows
            .get(row)
            .is_some_and(|r| r.disks.iter().any(|d| d.id == disk))
    }

    /// Whether disk `disk` is taken from row `row`.
    pub fn is_checked(&self, row: usize, disk: &str) -> bool {
        self.disks
            .iter()
            .any(|(id, _, from)| id == disk && *from == Some(row))
    }

    /// The configuration (and memory) from row `row`.
    pub fn select_config(&mut self, row: usize) {
        if row < self.rows.len() {
            self.config = row;
        }
    }

    /// Checks or unchecks disk `disk` in row `row`. Checking takes it from that row (and so out
    /// of any other); unchecking leaves it out.
    pub fn toggle_disk(&mut self, row: usize, disk: &str) {
        if !self.has_disk(row, disk) {
            return;
        }
        if let Some(entry) = self.disks.iter_mut().find(|(id, _, _)| id == disk) {
            entry.2 = if entry.2 == Some(row) {
                None
            } else {
                Some(row)
            };
        }
    }

    /// The whole row: its configuration and every disk it holds.
    pub fn select_row(&mut self, row: usize) {
        if row >= self.rows.len() {
            return;
        }
        self.config = row;
        let held: Vec<String> = self.rows[row].disks.iter().map(|d| d.id.clone()).collect();
        for entry in &mut self.disks {
            if held.contains(&entry.0) {
                entry.2 = Some(row);
            }
        }
    }

    /// The VM the preview will give.
    pub fn outcome(&self) -> Outcome {
        let config = &self.rows[self.config];
        Outcome {
            config_from: config.name.clone(),
            memory: config.has_memory,
            disks: self
                .disks
                .iter()
                .map(|(_, name, from)| ResultDisk {
                    name: name.clone(),
                    from: from.map(|r| self.rows[r].name.clone()),
                })
                .collect(),
        }
    }

    /// The request: the configuration's snapshot, memory with it, each chosen disk with the
    /// image and snapshot it comes from (the Active VM's disks with their current image).
    pub fn request(&self) -> PreviewRequest {
        let config = &self.rows[self.config];
        PreviewRequest {
            snapshot_id: config.id.clone(),
            restore_memory: config.has_memory,
            disks: self
                .disks
                .iter()
                .filter_map(|(id, _, from)| {
                    let row = &self.rows[(*from)?];
                    let disk = row.disks.iter().find(|d| &d.id == id)?;
                    Some(PreviewDisk {
                        disk_id: id.clone(),
                        snapshot_id: row.id.clone(),
                        image_id: disk.image_id.clone().unwrap_or_default(),
                    })
                })
                .collect(),
        }
    }

    /// Why the preview cannot be sent, if it cannot: the Active VM's own configuration with
    /// every disk as it is would change nothing.
    pub fn problem(&self) -> Option<&'static str> {
        let nothing_changes =
            self.config == 0 && self.disks.iter().all(|(_, _, from)| *from == Some(0));
        nothing_changes.then_some(
            "This is the VM as it is: choose a snapshot's configuration or disks to preview.",
        )
    }
}
