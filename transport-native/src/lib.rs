//! # ferrocloud-native
//!
//! ferrocloud for native programs, in one dependency: the native
//! [`Transport`] (hyper 1 with hyper-util's pooled client, rustls
//! (ring) and tokio), [`Cloud`], which reads the environment and `clouds.yaml`,
//! [`ServiceIo`] for streaming bodies as tokio I/O, and the whole `ferrocloud` core
//! re-exported: its services (`ferrocloud_native::compute::servers`, …) and root items
//! (`Wait`, `Error`, …) are reachable from here. [`prelude`] holds what nearly every
//! program uses.
//!
//! ```no_run
//! use ferrocloud_native::compute::servers::{self, ListServers};
//! use ferrocloud_native::prelude::*;
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), Error> {
//!     let cloud = Cloud::from_env()?; // or Cloud::from_clouds_yaml("oscloud-demo")?
//!     let mut list = std::pin::pin!(cloud.compute().list(servers::list(&ListServers::default())));
//!     while let Some(server) = list.try_next().await? {
//!         println!("{} {}", server.id, server.name.as_deref().unwrap_or(""));
//!     }
//!     Ok(())
//! }
//! ```

mod cloud;
mod io;
mod tls;
mod transport;

#[doc(no_inline)]
pub use ferrocloud::*;

pub use cloud::Cloud;
pub use io::{body_reader, read_body, DownloadReader, ServiceIo};
pub use transport::{HyperTransport, NativeOptions};

/// The items nearly every program uses: `use ferrocloud_native::prelude::*;`.
pub mod prelude {
    pub use crate::{Cloud, ServiceIo};
    pub use ferrocloud::{Error, Wait};
    pub use futures::{StreamExt as _, TryStreamExt as _};
}
