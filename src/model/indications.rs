//! KubeVirt's snapshot indications (`status.indications`, `status.sourceIndications`) in words:
//! what each says of the snapshot, and which of them should worry whoever restores it.

/// How much an indication matters to someone who restores the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// A fact about how it was taken.
    Info,
    /// The snapshot may not hold what the user expects: shown as a warning.
    Warning,
}

/// An indication explained: its label, what it means, and its weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub label: String,
    pub meaning: String,
    pub weight: Weight,
}

/// `indication` explained; `message` is the backend's own words, where it gave them. An
/// indication this app does not know is shown as the backend wrote it, with its message.
pub fn explain(indication: &str, message: Option<&str>) -> Explained {
    let known: Option<(&str, &str, Weight)> = match indication {
        "Online" => Some((
            "Online",
            "The VM was running when the snapshot was taken.",
            Weight::Info,
        )),
        "GuestAgent" => Some((
            "Guest agent",
            "The guest agent froze the file systems while the snapshot was taken: it is consistent for the applications that flush to disk.",
            Weight::Info,
        )),
        "NoGuestAgent" => Some((
            "No guest agent",
            "No guest agent answered, so the file systems were not frozen: the snapshot is crash-consistent, like a power cut.",
            Weight::Info,
        )),
        "QuiesceFailed" => Some((
            "Freeze failed",
            "The guest agent could not freeze the file systems: the snapshot is only crash-consistent.",
            Weight::Warning,
        )),
        "QuiesceTimeout" => Some((
            "Freeze timed out",
            "The file systems were thawed before the snapshot was done, because freezing them took too long: data written meanwhile may be inconsistent.",
            Weight::Warning,
        )),
        "Paused" => Some((
            "Paused",
            "The VM was paused when the snapshot was taken: it holds the paused guest, and a restored VM starts from that state.",
            Weight::Warning,
        )),
        "PartialSnapshot" => Some((
            "Partial",
            "Some of the VM's volumes could not be snapshotted: a restore brings back only the volumes the snapshot holds.",
            Weight::Warning,
        )),
        _ => None,
    };
    match known {
        Some((label, meaning, weight)) => Explained {
            label: label.into(),
            meaning: match message.map(str::trim) {
                // The cluster's words, unless they say what the meaning already says.
                Some(m) if !m.is_empty() && !says(meaning, m) => {
                    format!("{meaning} The cluster says: {m}")
                }
                _ => meaning.into(),
            },
            weight,
        },
        None => Explained {
            label: indication.into(),
            meaning: message
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .unwrap_or("The cluster gave no explanation.")
                .into(),
            weight: Weight::Info,
        },
    }
}

/// Each of `snapshot`'s indications as written, with its explanation.
pub fn explain_all(snapshot: &crate::model::Snapshot) -> Vec<(String, Explained)> {
    snapshot
        .indications
        .iter()
        .map(|i| {
            let message = snapshot
                .indication_messages
                .iter()
                .find(|(k, _)| k == i)
                .map(|(_, m)| m.as_str());
            (i.clone(), explain(i, message))
        })
        .collect()
}

/// Whether `meaning` already says `message` (the same words, whatever the case and final stop).
fn says(meaning: &str, message: &str) -> bool {
    let plain = |s: &str| super::format::lowercase(s.trim_end_matches('.'));
    plain(meaning).contains(&plain(message))
}
