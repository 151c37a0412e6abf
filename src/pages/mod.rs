//! One module per screen.

pub mod snapshots_tab;
pub mod vm_list;
pub mod vm_page;
