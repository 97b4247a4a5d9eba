//! A server's encrypted admin password (`/servers/{id}/os-server-password`), as the guest
//! posted it to the metadata service: encrypted with the server's key pair, base64.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_password;
//! let nova = client.compute();
//! let server = "4bf3473b-d550-4b65-9409-292d44ab14a2";
//! let encrypted = nova.call(&server_password::get(server)).await?;
//! if !encrypted.expose().is_empty() {
//!     // decrypt with the key pair's private key, then:
//!     nova.call(&server_password::clear(server)).await?;
//! }
//! # Ok(()) }
//! ```

use crate::{path, Op, Secret};

/// `GET /servers/{server_id}/os-server-password`: the encrypted password (empty when the
/// guest has not set one). Redacted in `Debug`.
pub fn get(server_id: &str) -> Op<Secret> {
    Op::get(path!("servers/{}/os-server-password", server_id)).decode_key("password")
}

/// `DELETE /servers/{server_id}/os-server-password`: clears it (the guest keeps its
/// password; only Nova forgets it).
pub fn clear(server_id: &str) -> Op<()> {
    Op::delete(path!("servers/{}/os-server-password", server_id))
}
