//! Block Storage quota classes (`/os-quota-class-sets/{class}`, admin): named sets of
//! limits. The `default` class holds the defaults every project without quotas of its
//! own gets; updating it changes them for the whole cloud. Updating a class that does not
//! exist creates it. The shapes are those of [`quota_sets`](super::quota_sets).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::{quota_classes, quota_sets::UpdateQuotaSet};
//! let cinder = client.block_storage();
//! let defaults = cinder.call(&quota_classes::get("default")).await?;
//! println!("projects get {:?} volumes", defaults.volumes);
//! let change = UpdateQuotaSet { volumes: Some(20), ..Default::default() };
//! cinder.call(&quota_classes::update("default", &change)).await?;
//! # Ok(()) }
//! ```

use super::quota_sets::{QuotaSet, UpdateQuotaSet};
use crate::{path, Op};

/// `GET /os-quota-class-sets/{class_name}`: its limits (`id` is the class name).
pub fn get(class_name: &str) -> Op<QuotaSet> {
    Op::get(path!("os-quota-class-sets/{}", class_name)).decode_key("quota_class_set")
}

/// `PUT /os-quota-class-sets/{class_name}`: only the limits given change (`-1`:
/// unlimited); answers the whole set, without `id`.
pub fn update(class_name: &str, quotas: &UpdateQuotaSet) -> Op<QuotaSet> {
    Op::put(path!("os-quota-class-sets/{}", class_name))
        .check(quotas.check())
        .json_under("quota_class_set", quotas)
        .decode_key("quota_class_set")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn path_and_checks() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let req = get("default").request(&svc).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/os-quota-class-sets/default");
        assert!(update("default", &UpdateQuotaSet::default())
            .request(&svc)
            .is_err());
        let bad = UpdateQuotaSet {
            volumes: Some(-2),
            ..Default::default()
        };
        assert!(update("default", &bad).request(&svc).is_err());
    }
}
