//! Resources shared by several services: [`extensions`].

pub mod extensions;
