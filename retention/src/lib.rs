//! The retention rule of a snapshot schedule, in one place for the app (which says in words what
//! the next run deletes) and the scheduler (which deletes it).
//!
//! A schedule keeps the newest `keep` of the snapshots it made. A pinned one ("Keep forever")
//! is never pruned and does not count: the schedule keeps `keep` unpinned ones besides it. Each
//! schedule prunes only its own snapshots, so several schedules of one VM (hourly keep 24, daily
//! keep 7, monthly keep 12) prune side by side.

/// The snapshots to delete now, of `produced` (the schedule's own, oldest first) when it keeps
/// `keep` and `pinned` are kept forever: the oldest unpinned beyond the newest `keep` unpinned.
pub fn to_prune<'a>(produced: &'a [String], pinned: &[String], keep: usize) -> Vec<&'a str> {
    let unpinned: Vec<&'a str> = produced
        .iter()
        .filter(|id| !pinned.contains(id))
        .map(String::as_str)
        .collect();
    let over = unpinned.len().saturating_sub(keep);
    unpinned[..over].to_vec()
}

/// What the next run deletes once it has made its snapshot: the snapshots `to_prune` gives with
/// one more unpinned snapshot at the end.
pub fn next_run_deletes<'a>(
    produced: &'a [String],
    pinned: &[String],
    keep: usize,
) -> Vec<&'a str> {
    let unpinned = produced.iter().filter(|id| !pinned.contains(id)).count();
    let over = (unpinned + 1).saturating_sub(keep);
    produced
        .iter()
        .filter(|id| !pinned.contains(id))
        .take(over)
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_oldest_beyond_keep_go() {
        let made = ids(&["a", "b", "c", "d", "e"]);
        assert_eq!(to_prune(&made, &[], 3), ["a", "b"]);
        assert_eq!(to_prune(&made, &[], 5), Vec::<&str>::new());
        assert_eq!(to_prune(&made, &[], 9), Vec::<&str>::new());
        assert_eq!(to_prune(&made, &[], 0), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn a_pinned_snapshot_is_never_pruned_and_does_not_count() {
        let made = ids(&["a", "b", "c", "d"]);
        let pinned = ids(&["a"]);
        assert_eq!(to_prune(&made, &pinned, 2), ["b"]);
        let pinned = ids(&["a", "b", "c", "d"]);
        assert!(to_prune(&made, &pinned, 0).is_empty());
    }

    #[test]
    fn the_next_run_deletes_what_its_new_snapshot_pushes_out() {
        let made = ids(&["a", "b", "c", "d"]);
        assert_eq!(next_run_deletes(&made, &[], 4), ["a"]);
        assert_eq!(next_run_deletes(&made, &[], 5), Vec::<&str>::new());
        assert_eq!(next_run_deletes(&made, &ids(&["a"]), 3), ["b"]);
        assert_eq!(next_run_deletes(&made, &[], 2), ["a", "b", "c"]);
        assert!(next_run_deletes(&[], &[], 1).is_empty());
    }
}
