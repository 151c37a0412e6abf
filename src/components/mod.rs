//! Reusable Leptos views in PatternFly's markup. They take model values, never protocol data.

pub mod bulk_delete;
pub mod bulk_take;
pub mod config_summary;
pub mod delete_modals;
pub mod focus;
pub mod kebab;
pub mod layer;
pub mod layout;
pub mod modal;
pub mod new_from_snapshot;
pub mod on_demand;
pub mod pagination;
pub mod preview;
pub mod restore_modal;
pub mod snapshot_table;
pub mod states;
pub mod status;
pub mod tab_nav;
pub mod take_snapshot;
pub mod theme;
pub mod timeline;
pub mod toast;
