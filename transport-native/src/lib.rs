//! # ferrocloud-native
//!
//! The native [`Transport`](ferrocloud::Transport) for ferrocloud: hyper 1 with
//! hyper-util's pooled client, rustls (ring) and tokio; plus [`Cloud`], which reads the
//! environment and `clouds.yaml`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ferrocloud::Error> {
//! use ferrocloud_native::Cloud;
//! let cloud = Cloud::from_env()?; // or Cloud::from_clouds_yaml("oscloud-demo")?
//! let token = cloud.token().await?;
//! for entry in &token.info.catalog.entries {
//!     println!("{}", entry.service_type);
//! }
//! # Ok(()) }
//! ```

mod cloud;
mod tls;
mod transport;

pub use cloud::Cloud;
pub use transport::{HyperTransport, NativeOptions};
