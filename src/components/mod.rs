//! Reusable Leptos views in PatternFly's markup. They take model values, never protocol data.

pub mod kebab;
pub mod layout;
pub mod modal;
pub mod pagination;
pub mod snapshot_table;
pub mod states;
pub mod status;
pub mod take_snapshot;
pub mod toast;
