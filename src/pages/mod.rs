//! One module per screen.

pub mod details;
pub mod follow;
pub mod location;
pub mod refresh;
pub mod snapshots_tab;
pub mod tab_data;
pub mod tab_root;
pub mod vm_list;
pub mod vm_page;
