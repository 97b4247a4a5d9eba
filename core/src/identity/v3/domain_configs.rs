//! Keystone v3 domain-specific configuration: per-domain overrides of the `[identity]`
//! and `[ldap]` options (e.g. an LDAP backend for one domain). Whole config, one group or
//! one option: get, create/replace, update, delete; and the defaults a domain starts from.
//! Keystone stores these whatever its settings, but reads them only with
//! `[identity] domain_specific_drivers_enabled` and `domain_configurations_from_database`.
//! Every answer keeps Keystone's shape: groups mapped to their options, or for one option
//! a map from the option's name to its value.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::domain_configs::{self, DomainConfig};
//! use serde_json::json;
//! let keystone = client.identity();
//! let mut config = DomainConfig::new();
//! config.insert("identity".into(), json!({"driver": "ldap"}).as_object().unwrap().clone());
//! config.insert("ldap".into(), json!({"url": "ldap://myldap.com:389/"}).as_object().unwrap().clone());
//! keystone.call(&domain_configs::create("161718", &config)).await?;
//! let url = keystone.call(&domain_configs::get_option("161718", "ldap", "url")).await?;
//! keystone
//!     .call(&domain_configs::update_option("161718", "ldap", "url", &json!("ldap://other/")))
//!     .await?;
//! keystone.call(&domain_configs::delete("161718")).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{path, InvalidInput, Op};

/// A domain configuration: group (`identity`, `ldap`) → option → value.
pub type DomainConfig = BTreeMap<String, Map<String, Value>>;

/// `{"config": {option: value}}`, the body of [`update_option`].
#[derive(Serialize)]
struct OneOption<'a> {
    config: BTreeMap<&'a str, &'a Value>,
}

fn not_empty(config: &DomainConfig) -> Result<(), InvalidInput> {
    InvalidInput::require(
        !config.is_empty() && config.values().all(|g| !g.is_empty()),
        "config",
        "give at least one group, each with at least one option",
    )
}

/// `GET /v3/domains/{domain_id}/config` (404 when the domain has none).
pub fn get(domain_id: &str) -> Op<DomainConfig> {
    Op::get(path!("domains/{}/config", domain_id)).decode_key("config")
}

/// `PUT /v3/domains/{domain_id}/config` (201 when new, 200 when it replaced one).
pub fn create(domain_id: &str, config: &DomainConfig) -> Op<DomainConfig> {
    Op::put(path!("domains/{}/config", domain_id))
        .check(not_empty(config))
        .json_under("config", config)
        .decode_key("config")
}

/// `PATCH /v3/domains/{domain_id}/config`: merges the given options; answers the whole
/// config.
pub fn update(domain_id: &str, config: &DomainConfig) -> Op<DomainConfig> {
    Op::patch(path!("domains/{}/config", domain_id))
        .check(not_empty(config))
        .json_under("config", config)
        .decode_key("config")
}

/// `DELETE /v3/domains/{domain_id}/config`.
pub fn delete(domain_id: &str) -> Op<()> {
    Op::delete(path!("domains/{}/config", domain_id))
}

/// `GET /v3/domains/{domain_id}/config/{group}`: a config holding only that group.
pub fn get_group(domain_id: &str, group: &str) -> Op<DomainConfig> {
    Op::get(path!("domains/{}/config/{}", domain_id, group)).decode_key("config")
}

/// `PATCH /v3/domains/{domain_id}/config/{group}`: merges `options` into the group;
/// answers the whole config.
pub fn update_group(
    domain_id: &str,
    group: &str,
    options: &Map<String, Value>,
) -> Op<DomainConfig> {
    let body = DomainConfig::from([(group.to_owned(), options.clone())]);
    Op::patch(path!("domains/{}/config/{}", domain_id, group))
        .check(not_empty(&body))
        .json_under("config", &body)
        .decode_key("config")
}

/// `DELETE /v3/domains/{domain_id}/config/{group}`.
pub fn delete_group(domain_id: &str, group: &str) -> Op<()> {
    Op::delete(path!("domains/{}/config/{}", domain_id, group))
}

/// `GET /v3/domains/{domain_id}/config/{group}/{option}`: `{option: value}`.
pub fn get_option(domain_id: &str, group: &str, option: &str) -> Op<Map<String, Value>> {
    Op::get(path!("domains/{}/config/{}/{}", domain_id, group, option)).decode_key("config")
}

/// `PATCH /v3/domains/{domain_id}/config/{group}/{option}`: sets one option; answers the
/// whole config.
pub fn update_option(
    domain_id: &str,
    group: &str,
    option: &str,
    value: &Value,
) -> Op<DomainConfig> {
    let body = OneOption {
        config: BTreeMap::from([(option, value)]),
    };
    Op::patch(path!("domains/{}/config/{}/{}", domain_id, group, option))
        .json(&body)
        .decode_key("config")
}

/// `DELETE /v3/domains/{domain_id}/config/{group}/{option}`.
pub fn delete_option(domain_id: &str, group: &str, option: &str) -> Op<()> {
    Op::delete(path!("domains/{}/config/{}/{}", domain_id, group, option))
}

/// `GET /v3/domains/config/default`: the options a domain config may override, with
/// Keystone's values.
pub fn default() -> Op<DomainConfig> {
    Op::get(path!("domains/config/default")).decode_key("config")
}

/// `GET /v3/domains/config/{group}/default`: a config holding only that group's defaults.
pub fn default_group(group: &str) -> Op<DomainConfig> {
    Op::get(path!("domains/config/{}/default", group)).decode_key("config")
}

/// `GET /v3/domains/config/{group}/{option}/default`: `{option: default value}`.
pub fn default_option(group: &str, option: &str) -> Op<Map<String, Value>> {
    Op::get(path!("domains/config/{}/{}/default", group, option)).decode_key("config")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};
    use serde_json::json;

    #[test]
    fn option_bodies_are_wrapped_and_empty_configs_refused() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let req = update_option("d", "ldap", "url", &json!("ldap://x"))
            .request(&ks)
            .unwrap();
        assert_eq!(req.body().as_ref(), br#"{"config":{"url":"ldap://x"}}"#);
        assert_eq!(req.uri().path(), "/v3/domains/d/config/ldap/url");
        assert!(create("d", &DomainConfig::new()).request(&ks).is_err());
        assert!(update_group("d", "ldap", &Map::new()).request(&ks).is_err());
    }
}
