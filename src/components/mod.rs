//! Reusable Leptos views in PatternFly's markup. They take model values, never protocol data.

pub mod layout;
pub mod modal;
pub mod states;
pub mod status;
pub mod take_snapshot;
