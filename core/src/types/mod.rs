//! Value types and sub-APIs every service shares: times, secrets, tri-state updates,
//! string enums, tags, metadata, JSON Patch bodies and the lenient readers for values
//! services send in more than one shape.

pub(crate) mod enums;
#[cfg(any(feature = "block-storage", feature = "compute", feature = "network"))]
pub(crate) mod flex;
pub mod json_patch;
#[cfg(any(feature = "block-storage", feature = "compute"))]
pub(crate) mod metadata;
pub(crate) mod patch;
pub(crate) mod secret;
pub(crate) mod tags;
pub(crate) mod timestamp;
