//! Shared helpers of ferrocloud's integration suites: the official API samples corpus
//! (`../shared/api-samples`) and the real local cloud (`../shared/tools/oscloud`).

pub mod cloud;
pub mod samples;
