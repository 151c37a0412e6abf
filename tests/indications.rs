//! KubeVirt's indications in words, and which of them are warnings.

use vm_snapshots::model::indications::{explain, Weight};

#[test]
fn the_worrying_indications_are_warnings() {
    for i in [
        "QuiesceTimeout",
        "Paused",
        "PartialSnapshot",
        "QuiesceFailed",
    ] {
        assert_eq!(explain(i, None).weight, Weight::Warning, "{i}");
    }
    for i in ["Online", "GuestAgent", "NoGuestAgent"] {
        assert_eq!(explain(i, None).weight, Weight::Info, "{i}");
    }
}

#[test]
fn every_known_indication_is_explained_and_the_clusters_words_are_kept() {
    let e = explain("Paused", Some("paused by virtctl pause for maintenance"));
    assert_eq!(e.label, "Paused");
    assert!(e.meaning.starts_with("The VM was paused"));
    assert!(e
        .meaning
        .ends_with("The cluster says: paused by virtctl pause for maintenance"));
    // Words the meaning already says are not said twice.
    let e = explain(
        "Online",
        Some("The VM was running when the snapshot was taken"),
    );
    assert_eq!(e.meaning, "The VM was running when the snapshot was taken.");
    let e = explain("PartialSnapshot", None);
    assert_eq!(e.label, "Partial");
    assert!(e.meaning.contains("only the volumes the snapshot holds"));
}

#[test]
fn an_unknown_indication_is_shown_as_written_with_its_message() {
    let e = explain("SomethingNew", Some("  a message  "));
    assert_eq!(
        (e.label.as_str(), e.meaning.as_str()),
        ("SomethingNew", "a message")
    );
    assert_eq!(e.weight, Weight::Info);
    let e = explain("SomethingNew", None);
    assert_eq!(e.meaning, "The cluster gave no explanation.");
}
