//! The next prune in words, by the scheduler's own rule.

use vm_snapshots::model::schedule::next_prune_sentence;

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn name(id: &str) -> Option<String> {
    Some(format!("nightly-{id}"))
}

#[test]
fn the_sentence_names_what_the_next_run_deletes() {
    let made = ids(&["20261125", "20261126", "20261127", "20261128"]);
    assert_eq!(
        next_prune_sentence(4, &made, &[], name),
        "Keep the last 4: the next run deletes nightly-20261125."
    );
    assert_eq!(
        next_prune_sentence(5, &made, &[], name),
        "Keep the last 5: the next run deletes nothing (4 of 5 kept so far)."
    );
    assert_eq!(
        next_prune_sentence(2, &made, &[], name),
        "Keep the last 2: the next run deletes nightly-20261125, nightly-20261126, nightly-20261127."
    );
    assert_eq!(
        next_prune_sentence(3, &[], &[], name),
        "Keep the last 3: the next run deletes nothing."
    );
}

#[test]
fn pinned_snapshots_are_never_named_and_do_not_count() {
    let made = ids(&["a", "b", "c"]);
    assert_eq!(
        next_prune_sentence(2, &made, &ids(&["a"]), name),
        "Keep the last 2: the next run deletes nightly-b. The one kept forever does not count."
    );
    assert_eq!(
        next_prune_sentence(1, &made, &ids(&["a", "b", "c"]), name),
        "Keep the last 1: the next run deletes nothing. The 3 kept forever do not count."
    );
    // An unknown name shows as its id.
    assert_eq!(
        next_prune_sentence(1, &ids(&["x", "y"]), &[], |_| None),
        "Keep the last 1: the next run deletes x, y."
    );
}
