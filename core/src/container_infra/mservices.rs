//! Magnum services (admin): the conductors and whether they report in.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::mservices;
//! for s in client.container_infra().collect_all(mservices::list()).await? {
//!     println!("{} on {}: {}", s.binary, s.host, s.state);
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, List, Paging, Timestamp};

/// A Magnum service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MagnumService {
    /// Id.
    pub id: Option<u64>,
    /// Host it runs on.
    #[serde(default)]
    pub host: String,
    /// Binary (`magnum-conductor`).
    #[serde(default)]
    pub binary: String,
    /// `up` or `down`.
    #[serde(default)]
    pub state: String,
    /// Reports received.
    pub report_count: Option<u64>,
    /// Disabled by an operator.
    pub disabled: Option<bool>,
    /// Why.
    pub disabled_reason: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Last report.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v1/mservices` (admin; one page).
pub fn list() -> List<MagnumService> {
    List::new(path!("mservices"), "mservices", Paging::Single)
}
