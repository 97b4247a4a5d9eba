//! `OS_*` environment variables (keystoneauth's names).

use std::collections::HashMap;

use super::{service_of_key, truthy, CloudConfig};
use crate::auth::AuthOptions;
use crate::{EndpointOpts, InvalidInput, Secret};

/// Reads a [`CloudConfig`] from `OS_*` variables. Pass `std::env::vars()` (the native
/// transport does). `OS_CLOUD` is not handled here: the caller checks it first and reads
/// clouds.yaml instead.
///
/// User and project domains stay separate (`OS_USER_DOMAIN_*`, `OS_PROJECT_DOMAIN_*`);
/// `OS_DEFAULT_DOMAIN` / `OS_DEFAULT_DOMAIN_ID` / `OS_DEFAULT_DOMAIN_NAME` fill whichever
/// of them is missing, as keystoneauth does.
///
/// ```
/// let vars = [
///     ("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
///     ("OS_USERNAME", "demo"), ("OS_PASSWORD", "demopw"),
///     ("OS_USER_DOMAIN_NAME", "Default"), ("OS_PROJECT_NAME", "demo"),
///     ("OS_PROJECT_DOMAIN_ID", "default"), ("OS_REGION_NAME", "RegionOne"),
/// ];
/// let cfg = ferrocloud::config::from_env(vars.iter().map(|(k, v)| (k.to_string(), v.to_string()))).unwrap();
/// assert_eq!(cfg.auth.project_domain_id.as_deref(), Some("default"));
/// assert_eq!(cfg.endpoint.region.as_deref(), Some("RegionOne"));
/// assert!(cfg.auth.validate().is_ok());
/// ```
pub fn from_env(
    vars: impl IntoIterator<Item = (String, String)>,
) -> Result<CloudConfig, InvalidInput> {
    let vars: HashMap<String, String> = vars
        .into_iter()
        .filter(|(k, v)| k.starts_with("OS_") && !v.is_empty())
        .collect();
    let get = |k: &str| vars.get(k).cloned();
    let first = |ks: &[&str]| ks.iter().find_map(|k| get(k));
    let secret = |k: &str| get(k).map(Secret::new);

    let auth_url = get("OS_AUTH_URL").ok_or(InvalidInput::MissingAuthUrl)?;
    let default_domain_id = first(&["OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN"]);
    let default_domain_name = get("OS_DEFAULT_DOMAIN_NAME");
    let mut auth = AuthOptions {
        auth_url,
        username: get("OS_USERNAME"),
        user_id: get("OS_USER_ID"),
        user_domain_id: get("OS_USER_DOMAIN_ID"),
        user_domain_name: get("OS_USER_DOMAIN_NAME"),
        password: secret("OS_PASSWORD"),
        passcode: secret("OS_PASSCODE"),
        token: first(&["OS_TOKEN", "OS_AUTH_TOKEN"]).map(Secret::new),
        application_credential_id: get("OS_APPLICATION_CREDENTIAL_ID"),
        application_credential_name: get("OS_APPLICATION_CREDENTIAL_NAME"),
        application_credential_secret: secret("OS_APPLICATION_CREDENTIAL_SECRET"),
        project_id: first(&["OS_PROJECT_ID", "OS_TENANT_ID"]),
        project_name: first(&["OS_PROJECT_NAME", "OS_TENANT_NAME"]),
        project_domain_id: get("OS_PROJECT_DOMAIN_ID"),
        project_domain_name: get("OS_PROJECT_DOMAIN_NAME"),
        domain_id: get("OS_DOMAIN_ID"),
        domain_name: get("OS_DOMAIN_NAME"),
        system_scope: get("OS_SYSTEM_SCOPE").is_some_and(|v| v.eq_ignore_ascii_case("all")),
        trust_id: get("OS_TRUST_ID"),
        explicit_unscoped: false,
        allow_reauth: true,
    };
    apply_default_domain(&mut auth, default_domain_id, default_domain_name);
    if auth.token.is_some()
        && auth.password.is_none()
        && auth.application_credential_secret.is_none()
    {
        auth.allow_reauth = false;
    }
    if let Some(t) = get("OS_AUTH_TYPE") {
        restrict_to_auth_type(&mut auth, &t)?;
    }
    let mut endpoint = EndpointOpts {
        region: get("OS_REGION_NAME"),
        ..EndpointOpts::default()
    };
    if let Some(i) = first(&["OS_INTERFACE", "OS_ENDPOINT_TYPE"]) {
        endpoint.interface = i.parse()?;
    }
    let mut api_versions: Vec<(String, String)> = vars
        .iter()
        .filter_map(|(k, v)| {
            let svc = k.strip_prefix("OS_")?.strip_suffix("_API_VERSION")?;
            (svc != "IDENTITY").then(|| (service_of_key(&svc.to_ascii_lowercase()), v.clone()))
        })
        .collect();
    api_versions.sort();
    Ok(CloudConfig {
        auth,
        endpoint,
        cacert: get("OS_CACERT"),
        cert: get("OS_CERT"),
        key: get("OS_KEY"),
        insecure: get("OS_INSECURE").is_some_and(|v| truthy(&v)),
        api_versions,
        endpoint_overrides: Vec::new(),
    })
}

/// Fills missing user / project domains from the default domain (only for the parts that
/// are in use: a user name, a project name).
pub(crate) fn apply_default_domain(
    auth: &mut AuthOptions,
    id: Option<String>,
    name: Option<String>,
) {
    if id.is_none() && name.is_none() {
        return;
    }
    if auth.username.is_some() && auth.user_domain_id.is_none() && auth.user_domain_name.is_none() {
        auth.user_domain_id = id.clone();
        auth.user_domain_name = if id.is_none() { name.clone() } else { None };
    }
    if auth.project_name.is_some()
        && auth.project_domain_id.is_none()
        && auth.project_domain_name.is_none()
    {
        auth.project_domain_id = id.clone();
        auth.project_domain_name = if id.is_none() { name } else { None };
    }
}

/// Keeps only the credentials the named `auth_type` uses, so stray variables do not
/// change the method (e.g. `OS_TOKEN` left over in a shell that sets
/// `OS_AUTH_TYPE=password`).
pub(crate) fn restrict_to_auth_type(
    auth: &mut AuthOptions,
    auth_type: &str,
) -> Result<(), InvalidInput> {
    match auth_type.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "password" | "v3password" | "v2password" => {
            auth.token = None;
            auth.application_credential_id = None;
            auth.application_credential_name = None;
            auth.application_credential_secret = None;
            auth.passcode = None;
        }
        "token" | "v3token" | "v2token" => {
            auth.password = None;
            auth.passcode = None;
            auth.application_credential_id = None;
            auth.application_credential_name = None;
            auth.application_credential_secret = None;
            auth.username = None;
            auth.user_id = None;
            auth.user_domain_id = None;
            auth.user_domain_name = None;
            auth.allow_reauth = false;
        }
        "v3applicationcredential" | "applicationcredential" | "application_credential" | "v3_application_credential" => {
            auth.token = None;
            auth.password = None;
            auth.passcode = None;
            auth.project_id = None;
            auth.project_name = None;
            auth.project_domain_id = None;
            auth.project_domain_name = None;
        }
        "v3totp" | "totp" => {
            auth.token = None;
            auth.password = None;
            auth.application_credential_id = None;
            auth.application_credential_name = None;
        }
        "v3multifactor" | "multifactor" => {
            auth.token = None;
        }
        other => {
            return Err(InvalidInput::field(
                "auth_type",
                format!("{other:?} is not supported (password, token, v3applicationcredential, v3totp, v3multifactor)"),
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Interface;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_variable() {
        let cfg = from_env(vars(&[
            ("OS_AUTH_URL", "https://ks/v3"),
            ("OS_USER_ID", "u1"),
            ("OS_PASSWORD", "pw"),
            ("OS_PASSCODE", "123456"),
            ("OS_SYSTEM_SCOPE", "all"),
            ("OS_REGION_NAME", "R2"),
            ("OS_INTERFACE", "internal"),
            ("OS_CACERT", "/etc/ca.pem"),
            ("OS_CERT", "/c.pem"),
            ("OS_KEY", "/k.pem"),
            ("OS_INSECURE", "true"),
            ("OS_COMPUTE_API_VERSION", "2.79"),
            ("OS_VOLUME_API_VERSION", "3.67"),
            ("OS_IDENTITY_API_VERSION", "3"),
            ("HOME", "/root"),
        ]))
        .unwrap();
        assert_eq!(cfg.auth.user_id.as_deref(), Some("u1"));
        assert!(cfg.auth.system_scope);
        assert_eq!(cfg.endpoint.interface, Interface::Internal);
        assert_eq!(cfg.endpoint.region.as_deref(), Some("R2"));
        assert_eq!(cfg.cacert.as_deref(), Some("/etc/ca.pem"));
        assert!(cfg.insecure);
        assert_eq!(
            cfg.api_versions,
            vec![
                ("block-storage".into(), "3.67".into()),
                ("compute".into(), "2.79".into())
            ]
        );
        assert_eq!(cfg.client_options().microversions.len(), 2);
        assert!(cfg.auth.validate().is_ok());
    }

    #[test]
    fn app_credential_and_token_and_defaults() {
        let cfg = from_env(vars(&[
            ("OS_AUTH_URL", "https://ks/v3"),
            ("OS_APPLICATION_CREDENTIAL_ID", "ac"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s"),
            ("OS_PROJECT_NAME", "leftover"),
            ("OS_AUTH_TYPE", "v3applicationcredential"),
        ]))
        .unwrap();
        assert!(cfg.auth.validate().is_ok(), "{:?}", cfg.auth.validate());

        let cfg = from_env(vars(&[
            ("OS_AUTH_URL", "https://ks/v3"),
            ("OS_TOKEN", "t"),
            ("OS_DOMAIN_NAME", "Default"),
        ]))
        .unwrap();
        assert!(!cfg.auth.allow_reauth);
        assert!(cfg.auth.validate().is_ok());

        let cfg = from_env(vars(&[
            ("OS_AUTH_URL", "https://ks/v3"),
            ("OS_USERNAME", "u"),
            ("OS_PASSWORD", "p"),
            ("OS_TENANT_NAME", "t"),
            ("OS_DEFAULT_DOMAIN", "default"),
            ("OS_ENDPOINT_TYPE", "adminURL"),
        ]))
        .unwrap();
        assert_eq!(cfg.auth.user_domain_id.as_deref(), Some("default"));
        assert_eq!(cfg.auth.project_domain_id.as_deref(), Some("default"));
        assert_eq!(cfg.endpoint.interface, Interface::Admin);
        assert!(cfg.auth.validate().is_ok());
    }

    #[test]
    fn errors() {
        assert_eq!(
            from_env(vars(&[("OS_USERNAME", "u")])).unwrap_err(),
            InvalidInput::MissingAuthUrl
        );
        assert!(from_env(vars(&[
            ("OS_AUTH_URL", "http://k"),
            ("OS_INTERFACE", "private")
        ]))
        .is_err());
        assert!(from_env(vars(&[
            ("OS_AUTH_URL", "http://k"),
            ("OS_AUTH_TYPE", "saml")
        ]))
        .is_err());
    }
}
