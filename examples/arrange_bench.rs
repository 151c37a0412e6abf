//! Sort and filter times of the Snapshots table's rules, natively:
//! `cargo run --release --example arrange_bench -- [COUNT…]` (2,000 and 10,000 by default). The
//! browser figures (`scripts/bench`) add the wasm's slowness, the DOM and the paint to these.

use chrono::{DateTime, Duration};
use std::time::Instant;
use vm_snapshots::model::listing::{arrange, Dir, ListQuery, SortKey};
use vm_snapshots::model::{Snapshot, SnapshotStatus};

fn snapshots(count: usize) -> Vec<Snapshot> {
    let start = DateTime::parse_from_rfc3339("2020-01-01T02:00:00Z").unwrap();
    (0..count)
        .map(|i| Snapshot {
            description: format!("Nightly snapshot {i} of the archive"),
            created: Some(start + Duration::hours(i as i64 * 7 % 9973)),
            ..Snapshot::new(
                format!("id-{i}"),
                format!("archive-vm-nightly-{i:05}"),
                SnapshotStatus::Ok,
            )
        })
        .collect()
}

/// Milliseconds per `arrange` of `list` by `query`, the median of 9 runs.
fn time(list: &[Snapshot], query: &ListQuery) -> f64 {
    let mut runs: Vec<f64> = (0..9)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(arrange(list, &[], query));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[4]
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    for count in if counts.is_empty() {
        vec![2_000, 10_000]
    } else {
        counts
    } {
        let list = snapshots(count);
        let by = |sort, dir, q: &str| ListQuery {
            sort,
            dir,
            q: q.to_string(),
            ..ListQuery::default()
        };
        println!(
            "arrange {count:6} snapshots: by name {:6.2} ms | by date, newest first {:6.2} ms | filtered to one {:6.2} ms",
            time(&list, &by(SortKey::Name, Dir::Asc, "")),
            time(&list, &by(SortKey::Date, Dir::Desc, "")),
            time(&list, &by(SortKey::Name, Dir::Asc, &format!("NIGHTLY-{:05}", count - 1))),
        );
    }
}
