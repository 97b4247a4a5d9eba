//! Block Storage quota sets (`/os-quota-sets/{project_id}`): a project's quotas, with what
//! is used and reserved (`?usage=True`), the defaults, update and revert to the defaults.
//! Every number is `-1` when unlimited.
//!
//! Besides the totals, Cinder keeps `volumes`, `snapshots` and `gigabytes` quotas per
//! volume type, under keys such as `gigabytes_lvmdriver-1` (`gigabytes___DEFAULT__` for
//! the default type). They stay in `extra`; [`QuotaSet::of_type`],
//! [`QuotaSetUsage::of_type`] and [`UpdateQuotaSet::set_for_type`] read and write them.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::quota_sets::{self, UpdateQuotaSet};
//! let cinder = client.block_storage();
//! let project = "6f70656e737461636b20342065766572";
//! let usage = cinder.call(&quota_sets::usage(project)).await?;
//! if let Some(gb) = &usage.gigabytes {
//!     println!("{} GiB used, {} reserved, limit {}", gb.in_use, gb.reserved, gb.limit);
//! }
//! let mut change = UpdateQuotaSet { volumes: Some(20), ..Default::default() };
//! change.set_for_type("volumes", "__DEFAULT__", 5);
//! cinder.call(&quota_sets::update(project, &change)).await?;
//! cinder.call(&quota_sets::delete(project)).await?; // back to the defaults
//! # Ok(()) }
//! ```

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, Op};

/// Each quota of a set, as `T`: a limit ([`QuotaSet`]) or limit, use and reservations
/// ([`QuotaSetUsage`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotas<T> {
    /// The project (absent in update answers).
    pub id: Option<String>,
    /// Volumes.
    pub volumes: Option<T>,
    /// Snapshots.
    pub snapshots: Option<T>,
    /// GiB of volumes and snapshots.
    pub gigabytes: Option<T>,
    /// Backups.
    pub backups: Option<T>,
    /// GiB of backups.
    pub backup_gigabytes: Option<T>,
    /// Groups.
    pub groups: Option<T>,
    /// GiB of one volume.
    pub per_volume_gigabytes: Option<T>,
    /// The per-volume-type quotas (`volumes_<type>`, …) and any other.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A quota set: the limit of each resource.
pub type QuotaSet = Quotas<i64>;

/// A quota set with use: limit, use and reservations of each resource.
pub type QuotaSetUsage = Quotas<QuotaUsage>;

impl<T: DeserializeOwned> Quotas<T> {
    /// The `quota` (`volumes`, `snapshots` or `gigabytes`) of `volume_type`, when sent and
    /// well-formed.
    pub fn of_type(&self, quota: &str, volume_type: &str) -> Option<T> {
        self.extra
            .get(&format!("{quota}_{volume_type}"))
            .and_then(|v| T::deserialize(v).ok())
    }
}

/// One quota with its use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaUsage {
    /// Used.
    pub in_use: i64,
    /// The limit.
    pub limit: i64,
    /// Reserved.
    pub reserved: i64,
    /// Allocated to child projects (nested quotas of older Cinders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocated: Option<i64>,
}

/// The body of [`update`]: only the quotas given change (`-1`: unlimited).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateQuotaSet {
    /// Volumes.
    pub volumes: Option<i64>,
    /// Snapshots.
    pub snapshots: Option<i64>,
    /// GiB of volumes and snapshots.
    pub gigabytes: Option<i64>,
    /// Backups.
    pub backups: Option<i64>,
    /// GiB of backups.
    pub backup_gigabytes: Option<i64>,
    /// Groups.
    pub groups: Option<i64>,
    /// GiB of one volume.
    pub per_volume_gigabytes: Option<i64>,
    /// Per-volume-type quotas (see [`UpdateQuotaSet::set_for_type`]) and others, by name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl UpdateQuotaSet {
    /// Sets `quota` (`volumes`, `snapshots` or `gigabytes`) of `volume_type` to `limit`.
    pub fn set_for_type(&mut self, quota: &str, volume_type: &str, limit: i64) -> &mut Self {
        self.extra
            .insert(format!("{quota}_{volume_type}"), Value::from(limit));
        self
    }

    /// Limits are `-1` (unlimited) or more, and something must change.
    pub(crate) fn check(&self) -> Result<(), InvalidInput> {
        let named = [
            self.volumes,
            self.snapshots,
            self.gigabytes,
            self.backups,
            self.backup_gigabytes,
            self.groups,
            self.per_volume_gigabytes,
        ];
        let extra_ok = self
            .extra
            .values()
            .all(|v| v.as_i64().is_some_and(|n| n >= -1));
        InvalidInput::require(
            named.iter().flatten().all(|n| *n >= -1),
            "quota_set",
            "a limit is -1 (unlimited) or more",
        )
        .and(InvalidInput::require(
            extra_ok,
            "extra",
            "per-type and other quotas are integers of -1 or more",
        ))
        .and(InvalidInput::require(
            named.iter().any(Option::is_some) || !self.extra.is_empty(),
            "quota_set",
            "nothing to change",
        ))
    }
}

fn quota_path(project_id: &str) -> Result<String, InvalidInput> {
    path!("os-quota-sets/{}", project_id)
}

/// `GET /os-quota-sets/{project_id}`: a project's quotas.
pub fn get(project_id: &str) -> Op<QuotaSet> {
    Op::get(quota_path(project_id)).decode_key("quota_set")
}

/// `GET /os-quota-sets/{project_id}?usage=True`: limits with what is used and reserved.
pub fn usage(project_id: &str) -> Op<QuotaSetUsage> {
    Op::get(quota_path(project_id))
        .query(query!(usage: Some("True")))
        .decode_key("quota_set")
}

/// `GET /os-quota-sets/{project_id}/defaults`: the defaults a project starts with.
pub fn defaults(project_id: &str) -> Op<QuotaSet> {
    Op::get(path!("os-quota-sets/{}/defaults", project_id)).decode_key("quota_set")
}

/// `PUT /os-quota-sets/{project_id}` (admin): changes the quotas given.
pub fn update(project_id: &str, quotas: &UpdateQuotaSet) -> Op<QuotaSet> {
    Op::put(quota_path(project_id))
        .check(quotas.check())
        .json_under("quota_set", quotas)
        .decode_key("quota_set")
}

/// `DELETE /os-quota-sets/{project_id}` (admin): reverts to the defaults.
pub fn delete(project_id: &str) -> Op<()> {
    Op::delete(quota_path(project_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn per_type_keys_and_checks() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let mut u = UpdateQuotaSet::default();
        assert!(matches!(
            update("q", &u).request(&svc),
            Err(Error::InvalidInput(_))
        ));
        u.set_for_type("gigabytes", "fast", 7);
        let req = update("q", &u).request(&svc).unwrap();
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"quota_set": {"gigabytes_fast": 7}})
        );
        u.volumes = Some(-2);
        assert!(update("q", &u).request(&svc).is_err());

        let q: QuotaSet =
            serde_json::from_value(serde_json::json!({"volumes": 3, "volumes_fast": 2})).unwrap();
        assert_eq!(
            (q.volumes, q.of_type("volumes", "fast")),
            (Some(3), Some(2))
        );
    }
}
