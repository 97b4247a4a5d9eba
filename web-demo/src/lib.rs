//! # ferrocloud web demo
//!
//! An OpenStack dashboard that runs in the browser: Rust compiled to wasm32, talking to
//! the cloud through [`ferrocloud`] over `ferrocloud-wasm`'s `fetch` transport. Plain
//! `web-sys`, no UI framework: pages are HTML strings built by [`ui`] from the typed
//! resources listed in [`api`], and one delegated listener per event type drives them.
//!
//! The pieces that do not touch the browser ([`ui`], [`api`]) build and are tested on
//! every target; the page itself (`app`) exists only on `wasm32`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport + 'static>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use futures::StreamExt;
//! use ferrocloud_web_demo::api::{Cloud, Kind};
//! let cloud = Cloud { client, region: None };
//! let mut pages = cloud.pages(Kind::Volumes);
//! if let Some(page) = pages.next().await {
//!     let (rows, more) = page?;
//!     println!("{}", ferrocloud_web_demo::ui::table("volumes", Kind::Volumes.columns(), &rows, &[], 0, more));
//! }
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod actions;
pub mod api;
pub mod lbs;
pub mod overview;
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod objects;
