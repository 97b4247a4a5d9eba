//! (in progress)

/// Interfaces attached to a server.
pub mod attach_interfaces;
/// Flavors: sizes, extra specs and access of private flavors.
pub mod flavors;
/// The compute image proxy (`/images`) and image metadata.
pub mod images;
/// Keypairs.
pub mod keypairs;
/// Volumes attached to a server.
pub mod volume_attach;
