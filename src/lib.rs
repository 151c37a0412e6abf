//! vm-snapshots: the Snapshots tab of a virtual-machine console for oVirt and KubeVirt.
//!
//! - [`model`]: plain data and pure rules;
//! - [`api`]: one adapter per backend behind the [`api::Backend`] trait;
//! - [`config`]: the run-time configuration;
//! - [`heap`]: room in the wasm's memory, made once at start;
//! - [`starting`]: the standalone page kept out of the layout until its first state is drawn;
//! - [`stopped`]: what the page shows if the app panics;
//! - [`components`] and [`pages`]: the Leptos views.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod context;
pub mod embed;
pub mod heap;
pub mod model;
pub mod pages;
pub mod starting;
pub mod stopped;
