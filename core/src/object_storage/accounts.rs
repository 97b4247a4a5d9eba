//! The account (`/v1/AUTH_<project>`): usage, quota, metadata and temp URL keys.
//!
//! The account's container listing is [`containers::list`](super::containers::list).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::accounts::{self, UpdateAccount};
//! use ferrocloud::{Patch, Secret};
//! let swift = client.object_storage();
//! let account = swift.call(&accounts::get()).await?;
//! println!("{:?} objects, {:?} bytes", account.object_count, account.bytes_used);
//! swift
//!     .call(&accounts::update(&UpdateAccount {
//!         temp_url_key: Patch::Set(Secret::new("s3cr3t")),
//!         metadata: [("owner".to_string(), "team-ø".to_string())].into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use bytes::Bytes;
use http::header::HeaderMap;
use http::Response;

use super::{metadata_from_headers, num, plain, unix_time, Headers, Metadata};
use crate::{path, Op, Patch, Result, Secret, Timestamp};

/// Usage of one storage policy in an account (`X-Account-Storage-Policy-<name>-*`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PolicyUsage {
    /// `…-Container-Count`.
    pub container_count: Option<u64>,
    /// `…-Object-Count`.
    pub object_count: Option<u64>,
    /// `…-Bytes-Used`.
    pub bytes_used: Option<u64>,
}

/// An account, as its headers describe it (`HEAD /v1/AUTH_<project>`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// `X-Account-Container-Count`.
    pub container_count: Option<u64>,
    /// `X-Account-Object-Count` (updated asynchronously by the container updater).
    pub object_count: Option<u64>,
    /// `X-Account-Bytes-Used` (updated asynchronously).
    pub bytes_used: Option<u64>,
    /// `X-Account-Meta-Quota-Bytes` (account quotas middleware; set by a reseller admin).
    pub quota_bytes: Option<u64>,
    /// `X-Account-Meta-Temp-URL-Key`.
    pub temp_url_key: Option<Secret>,
    /// `X-Account-Meta-Temp-URL-Key-2` (the second key, for rotation).
    pub temp_url_key_2: Option<Secret>,
    /// `X-Timestamp`: when the account was created.
    pub created: Option<Timestamp>,
    /// Usage per storage policy, by policy name (lowercase).
    pub storage_policies: BTreeMap<String, PolicyUsage>,
    /// `X-Account-Meta-*` other than the temp URL keys and the quota, decoded.
    pub metadata: Metadata,
    /// `X-Account-Access-Control` (JSON account ACLs; owners only).
    pub access_control: Option<String>,
    /// Every header of the response, for anything not modelled above (not serialized).
    #[serde(skip)]
    pub headers: HeaderMap,
}

impl Account {
    /// Reads an account from its response headers.
    pub fn from_headers(h: &HeaderMap) -> Self {
        let mut metadata = metadata_from_headers(h, "x-account-meta-");
        let mut secret = |k: &str| metadata.remove(k).map(Secret::new);
        let temp_url_key = secret("temp-url-key");
        let temp_url_key_2 = secret("temp-url-key-2");
        metadata.remove("quota-bytes");
        // The keys stay out of `Debug` output.
        let mut headers = h.clone();
        for name in [
            "x-account-meta-temp-url-key",
            "x-account-meta-temp-url-key-2",
        ] {
            if let Some(v) = headers.get_mut(name) {
                v.set_sensitive(true);
            }
        }
        let mut storage_policies: BTreeMap<String, PolicyUsage> = BTreeMap::new();
        for (name, _) in h.iter() {
            let Some(rest) = name.as_str().strip_prefix("x-account-storage-policy-") else {
                continue;
            };
            for (suffix, field) in [
                ("-container-count", 0),
                ("-object-count", 1),
                ("-bytes-used", 2),
            ] {
                if let Some(policy) = rest.strip_suffix(suffix).filter(|p| !p.is_empty()) {
                    let usage = storage_policies.entry(policy.to_owned()).or_default();
                    let v = num(h, name.as_str());
                    match field {
                        0 => usage.container_count = v,
                        1 => usage.object_count = v,
                        _ => usage.bytes_used = v,
                    }
                }
            }
        }
        Account {
            container_count: num(h, "x-account-container-count"),
            object_count: num(h, "x-account-object-count"),
            bytes_used: num(h, "x-account-bytes-used"),
            quota_bytes: num(h, "x-account-meta-quota-bytes"),
            temp_url_key,
            temp_url_key_2,
            created: unix_time(h, "x-timestamp"),
            storage_policies,
            metadata,
            access_control: plain(h, "x-account-access-control"),
            headers,
        }
    }
}

fn read(resp: Response<Bytes>) -> Result<Account> {
    Ok(Account::from_headers(resp.headers()))
}

/// `HEAD /v1/AUTH_<project>`: usage, quota, metadata and temp URL keys.
pub fn get() -> Op<Account> {
    Op::head(path!("")).decode_with(read)
}

/// Changes to an account ([`update`]).
#[derive(Debug, Clone, Default)]
pub struct UpdateAccount {
    /// `X-Account-Meta-*` to set (other names are left as they are).
    pub metadata: Metadata,
    /// Names of metadata to remove (`X-Remove-Account-Meta-*`).
    pub remove_metadata: Vec<String>,
    /// `X-Account-Meta-Temp-URL-Key`: set, or remove with `Null`.
    pub temp_url_key: Patch<Secret>,
    /// `X-Account-Meta-Temp-URL-Key-2`: set, or remove with `Null`.
    pub temp_url_key_2: Patch<Secret>,
    /// `X-Account-Meta-Quota-Bytes` (only a reseller admin may change it).
    pub quota_bytes: Patch<u64>,
    /// `X-Account-Access-Control`: the account ACL as JSON
    /// (`{"read-only": [..], "read-write": [..], "admin": [..]}`).
    pub access_control: Patch<String>,
}

/// `POST /v1/AUTH_<project>`: sets or removes metadata, temp URL keys, the quota.
pub fn update(account: &UpdateAccount) -> Op<()> {
    Headers::new()
        .meta("x-account-meta-", &account.metadata)
        .remove_meta("account", &account.remove_metadata)
        .patch_text(
            "x-account-meta-temp-url-key",
            &super::secret_patch(&account.temp_url_key),
        )
        .patch_text(
            "x-account-meta-temp-url-key-2",
            &super::secret_patch(&account.temp_url_key_2),
        )
        .patch_num("x-account-meta-quota-bytes", &account.quota_bytes)
        .patch_text("x-account-access-control", &account.access_control)
        .apply(Op::post(path!("")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn reads_an_account_from_headers() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-account-container-count", "2"),
            ("x-account-object-count", "5"),
            ("x-account-bytes-used", "1024"),
            ("x-account-meta-quota-bytes", "99"),
            ("x-account-meta-temp-url-key", "k1"),
            ("x-account-meta-temp-url-key-2", "k2"),
            ("x-account-meta-owner", "team-%C3%B8"),
            ("x-account-storage-policy-policy-0-object-count", "5"),
            ("x-account-storage-policy-policy-0-bytes-used", "1024"),
            ("x-account-storage-policy-policy-0-container-count", "2"),
            ("x-timestamp", "1796544681.44757"),
        ] {
            h.insert(k, v.parse().unwrap());
        }
        let a = Account::from_headers(&h);
        assert_eq!(
            (
                a.container_count,
                a.object_count,
                a.bytes_used,
                a.quota_bytes
            ),
            (Some(2), Some(5), Some(1024), Some(99))
        );
        assert_eq!(a.temp_url_key.as_ref().map(Secret::expose), Some("k1"));
        assert_eq!(a.temp_url_key_2.as_ref().map(Secret::expose), Some("k2"));
        assert_eq!(a.metadata.len(), 1);
        assert_eq!(a.metadata["owner"], "team-ø");
        assert_eq!(
            a.storage_policies["policy-0"],
            PolicyUsage {
                container_count: Some(2),
                object_count: Some(5),
                bytes_used: Some(1024)
            }
        );
        assert!(a.created.is_some());
        assert!(
            !format!("{a:?}").contains("k1"),
            "temp URL keys are secrets"
        );
    }

    #[test]
    fn update_sends_headers_only() {
        let svc = ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p").unwrap();
        let op = update(&UpdateAccount {
            metadata: [("owner".to_string(), "ø".to_string())].into(),
            remove_metadata: vec!["old".into()],
            temp_url_key: Patch::Set(Secret::new("k")),
            temp_url_key_2: Patch::Null,
            quota_bytes: Patch::Set(10),
            ..Default::default()
        });
        let req = op.request(&svc).unwrap();
        assert_eq!(req.method(), http::Method::POST);
        assert_eq!(req.uri(), "http://h/v1/AUTH_p/");
        let h = req.headers();
        assert_eq!(h["x-account-meta-owner"], "%C3%B8");
        assert_eq!(h["x-remove-account-meta-old"], "x");
        assert_eq!(h["x-account-meta-temp-url-key"], "k");
        assert_eq!(h["x-remove-account-meta-temp-url-key-2"], "x");
        assert_eq!(h["x-account-meta-quota-bytes"], "10");
        assert!(req.body().is_empty());
    }
}
