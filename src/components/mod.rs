//! Reusable Leptos views in PatternFly's markup. They take model values, never protocol data.

pub mod layout;
pub mod states;
pub mod status;
