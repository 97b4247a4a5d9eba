//! Heat's build information (`GET /build_info`): the revisions its API and engine report
//! (the `[revision] heat_revision` option of each, `unknown` unless a deployer sets it).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(heat: ferrocloud::Service<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::orchestration::build_info;
//! let info = heat.call(&build_info::get()).await?;
//! println!("API {:?}, engine {:?}", info.api.revision, info.engine.revision);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::{path, Op};

/// What `GET /build_info` answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct BuildInfo {
    /// The API service's build.
    pub api: Build,
    /// The engine's build.
    pub engine: Build,
}

/// One service's build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Build {
    /// The revision it reports.
    pub revision: Option<String>,
}

/// `GET /build_info`.
pub fn get() -> Op<BuildInfo> {
    Op::get(path!("build_info")).decode_body()
}
