//! `clouds.yaml`, with `secure.yaml` and `clouds-public.yaml` merged in.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::env::{apply_default_domain, restrict_to_auth_type};
use super::{service_of_key, truthy, CloudConfig};
use crate::auth::AuthOptions;
use crate::catalog::EndpointOpts;
use crate::error::{Error, InvalidInput};
use crate::secret::Secret;

/// The contents of the three files (the caller reads them).
#[derive(Debug, Clone, Copy, Default)]
pub struct CloudsFiles<'a> {
    /// `clouds.yaml`.
    pub clouds: &'a str,
    /// `secure.yaml`, merged over `clouds.yaml` (passwords kept apart).
    pub secure: Option<&'a str>,
    /// `clouds-public.yaml`: vendor profiles a cloud names with `profile:`.
    pub public: Option<&'a str>,
}

/// Where to look for `file` (`clouds.yaml`, `secure.yaml` or `clouds-public.yaml`), in
/// order: the explicit path (`OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE`), the current
/// directory, `$XDG_CONFIG_HOME/openstack` (or `~/.config/openstack`), then
/// `/etc/openstack`.
///
/// ```
/// use std::path::Path;
/// let paths = ferrocloud::config::search_paths("clouds.yaml", None, Path::new("/w"), Some(Path::new("/home/u")), None);
/// assert_eq!(paths[0], Path::new("/w/clouds.yaml"));
/// assert_eq!(paths[1], Path::new("/home/u/.config/openstack/clouds.yaml"));
/// assert_eq!(paths[2], Path::new("/etc/openstack/clouds.yaml"));
/// ```
pub fn search_paths(
    file: &str,
    explicit: Option<&Path>,
    cwd: &Path,
    home: Option<&Path>,
    xdg_config_home: Option<&Path>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = explicit {
        out.push(p.to_path_buf());
    }
    out.push(cwd.join(file));
    match (xdg_config_home, home) {
        (Some(x), _) => out.push(x.join("openstack").join(file)),
        (None, Some(h)) => out.push(h.join(".config/openstack").join(file)),
        (None, None) => {}
    }
    out.push(Path::new("/etc/openstack").join(file));
    out
}

fn yaml(what: &str, text: &str) -> Result<Value, Error> {
    let v: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(text).map_err(|e| Error::decode_msg(what, e.to_string()))?;
    serde_json::to_value(v).map_err(|e| Error::decode(what, e))
}

/// Deep merge: `over`'s keys replace `base`'s, maps merge recursively.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads cloud `name` from the files.
///
/// ```
/// use ferrocloud::config::{from_clouds_yaml, CloudsFiles};
/// let clouds = r#"
/// clouds:
///   dev:
///     profile: acme
///     auth:
///       username: demo
///       project_name: demo
///       user_domain_name: Default
///       project_domain_name: Default
///     region_name: RegionOne
///     compute_api_version: "2.79"
/// "#;
/// let secure = "clouds: {dev: {auth: {password: s3cret}}}";
/// let public = "public-clouds: {acme: {auth: {auth_url: 'https://ks.acme.test/v3'}, interface: internal}}";
/// let cfg = from_clouds_yaml(CloudsFiles { clouds, secure: Some(secure), public: Some(public) }, "dev").unwrap();
/// assert_eq!(cfg.auth.auth_url, "https://ks.acme.test/v3");
/// assert_eq!(cfg.auth.password.as_ref().unwrap().expose(), "s3cret");
/// assert_eq!(cfg.endpoint.interface, ferrocloud::Interface::Internal);
/// assert!(cfg.auth.validate().is_ok());
/// ```
pub fn from_clouds_yaml(files: CloudsFiles<'_>, name: &str) -> Result<CloudConfig, Error> {
    let mut all = yaml("clouds.yaml", files.clouds)?;
    if let Some(secure) = files.secure {
        merge(&mut all, yaml("secure.yaml", secure)?);
    }
    let clouds = all
        .get("clouds")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::decode_msg("clouds.yaml", "no top-level `clouds` map"))?;
    let mut cloud = clouds.get(name).cloned().ok_or_else(|| {
        let known: Vec<&str> = clouds.keys().map(String::as_str).collect();
        InvalidInput::field(
            "cloud",
            format!(
                "no cloud {name:?} in clouds.yaml (it has: {})",
                known.join(", ")
            ),
        )
    })?;
    let profile = text(cloud.get("profile")).or_else(|| text(cloud.get("cloud")));
    if let Some(profile) = profile {
        let public = files.public.ok_or_else(|| {
            InvalidInput::field(
                "profile",
                format!(
                    "cloud {name:?} names profile {profile:?}, but there is no clouds-public.yaml"
                ),
            )
        })?;
        let public = yaml("clouds-public.yaml", public)?;
        let mut base = public
            .get("public-clouds")
            .and_then(|p| p.get(&profile))
            .cloned()
            .ok_or_else(|| {
                InvalidInput::field(
                    "profile",
                    format!("no profile {profile:?} in clouds-public.yaml"),
                )
            })?;
        merge(&mut base, cloud);
        cloud = base;
    }
    to_config(&cloud)
}

fn to_config(cloud: &Value) -> Result<CloudConfig, Error> {
    let empty = Map::new();
    let auth = cloud
        .get("auth")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let a = |k: &str| text(auth.get(k));
    let system_scope = a("system_scope").is_some_and(|v| v.eq_ignore_ascii_case("all"));
    let mut opts = AuthOptions {
        auth_url: a("auth_url").ok_or(InvalidInput::MissingAuthUrl)?,
        username: a("username"),
        user_id: a("user_id"),
        user_domain_id: a("user_domain_id"),
        user_domain_name: a("user_domain_name"),
        password: a("password").map(Secret::new),
        passcode: a("passcode").map(Secret::new),
        token: a("token").map(Secret::new),
        application_credential_id: a("application_credential_id"),
        application_credential_name: a("application_credential_name"),
        application_credential_secret: a("application_credential_secret").map(Secret::new),
        project_id: a("project_id").or_else(|| a("tenant_id")),
        project_name: a("project_name").or_else(|| a("tenant_name")),
        project_domain_id: a("project_domain_id"),
        project_domain_name: a("project_domain_name"),
        domain_id: a("domain_id"),
        domain_name: a("domain_name"),
        system_scope,
        trust_id: a("trust_id"),
        explicit_unscoped: false,
        allow_reauth: true,
    };
    apply_default_domain(
        &mut opts,
        a("default_domain_id").or_else(|| a("default_domain")),
        a("default_domain_name"),
    );
    if opts.token.is_some()
        && opts.password.is_none()
        && opts.application_credential_secret.is_none()
    {
        opts.allow_reauth = false;
    }
    if let Some(t) = text(cloud.get("auth_type")) {
        restrict_to_auth_type(&mut opts, &t)?;
    }
    let mut endpoint = EndpointOpts {
        region: text(cloud.get("region_name")).or_else(|| {
            // `regions: [RegionOne, …]` or `[{name: RegionOne}, …]`: the first is the default.
            let first = cloud.get("regions")?.as_array()?.first()?;
            text(Some(first)).or_else(|| text(first.get("name")))
        }),
        ..EndpointOpts::default()
    };
    if let Some(i) = text(cloud.get("interface")).or_else(|| text(cloud.get("endpoint_type"))) {
        endpoint.interface = i.parse()?;
    }
    let obj = cloud.as_object().unwrap_or(&empty);
    let mut api_versions = Vec::new();
    let mut endpoint_overrides = Vec::new();
    for (k, v) in obj {
        if let Some(svc) = k.strip_suffix("_api_version") {
            if svc != "identity" {
                if let Some(v) = text(Some(v)) {
                    api_versions.push((service_of_key(svc), v));
                }
            }
        } else if let Some(svc) = k.strip_suffix("_endpoint_override") {
            if let Some(v) = text(Some(v)) {
                endpoint_overrides.push((service_of_key(svc), v));
            }
        }
    }
    api_versions.sort();
    endpoint_overrides.sort();
    let verify = cloud.get("verify");
    Ok(CloudConfig {
        auth: opts,
        endpoint,
        cacert: text(cloud.get("cacert")),
        cert: text(cloud.get("cert")),
        key: text(cloud.get("key")),
        insecure: cloud
            .get("insecure")
            .and_then(|v| text(Some(v)))
            .is_some_and(|v| truthy(&v))
            || matches!(verify, Some(Value::Bool(false)))
            || verify
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case("false")),
        api_versions,
        endpoint_overrides,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOUDS: &str = r#"
clouds:
  oscloud-admin:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      password: secret
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://ks/v3
      application_credential_id: abc
      application_credential_secret: xyz
    regions: [R1, R2]
    verify: false
    cacert: /ca.pem
    network_endpoint_override: http://neutron:9696
  system:
    auth:
      auth_url: https://ks/v3
      user_id: u1
      password: p
      system_scope: all
"#;

    fn load(name: &str) -> Result<CloudConfig, Error> {
        from_clouds_yaml(
            CloudsFiles {
                clouds: CLOUDS,
                ..Default::default()
            },
            name,
        )
    }

    #[test]
    fn reads_clouds() {
        let c = load("oscloud-admin").unwrap();
        assert_eq!(c.auth.username.as_deref(), Some("admin"));
        assert_eq!(c.endpoint.region.as_deref(), Some("RegionOne"));
        assert!(c.api_versions.is_empty());
        assert!(c.auth.validate().is_ok());
        let a = load("appcred").unwrap();
        assert!(a.insecure);
        assert_eq!(a.endpoint.region.as_deref(), Some("R1"));
        assert_eq!(
            a.endpoint_overrides,
            vec![("network".into(), "http://neutron:9696".into())]
        );
        assert!(a.auth.validate().is_ok());
        assert!(load("system").unwrap().auth.system_scope);
    }

    #[test]
    fn errors_are_clear() {
        let e = load("nope").unwrap_err().to_string();
        assert!(e.contains("oscloud-admin") && e.contains("appcred"), "{e}");
        let e = from_clouds_yaml(
            CloudsFiles {
                clouds: "clouds: [1",
                ..Default::default()
            },
            "x",
        )
        .unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
        let e = from_clouds_yaml(
            CloudsFiles {
                clouds: "other: {}",
                ..Default::default()
            },
            "x",
        )
        .unwrap_err();
        assert!(e.to_string().contains("clouds"));
        let e = from_clouds_yaml(
            CloudsFiles {
                clouds: "clouds: {x: {profile: p, auth: {}}}",
                ..Default::default()
            },
            "x",
        )
        .unwrap_err();
        assert!(e.to_string().contains("clouds-public.yaml"));
    }

    #[test]
    fn secure_merges_deeply() {
        let clouds =
            "clouds: {a: {auth: {auth_url: 'http://k/v3', username: u, user_domain_id: default}}}";
        let secure = "clouds: {a: {auth: {password: pw}}}";
        let c = from_clouds_yaml(
            CloudsFiles {
                clouds,
                secure: Some(secure),
                public: None,
            },
            "a",
        )
        .unwrap();
        assert_eq!(c.auth.username.as_deref(), Some("u"));
        assert_eq!(c.auth.password.unwrap().expose(), "pw");
    }
}
