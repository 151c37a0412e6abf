//! vm-snapshots: the Snapshots tab of a virtual-machine console for oVirt and KubeVirt.
//!
//! - [`model`]: plain data and pure rules;
//! - [`api`]: one adapter per backend behind the [`api::Backend`] trait;
//! - [`config`]: the run-time configuration;
//! - [`components`] and [`pages`]: the Leptos views.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod context;
pub mod embed;
pub mod model;
pub mod pages;
