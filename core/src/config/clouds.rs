//! `clouds.yaml`, with `secure.yaml` and `clouds-public.yaml` merged in.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::env::{apply_default_domain, restrict_to_auth_type};
use super::{service_of_key, truthy, CloudConfig};
use crate::auth::AuthOptions;
use crate::{EndpointOpts, Error, InvalidInput, Secret};

/// The contents of the three files (the caller reads them).
///
/// `Debug` shows only their sizes: any of them may hold passwords and secrets.
///
/// ```
/// let files = ferrocloud::config::CloudsFiles {
///     clouds: "clouds: {}",
///     secure: Some("clouds: {a: {auth: {password: hunter2}}}"),
///     public: None,
/// };
/// assert!(!format!("{files:?}").contains("hunter2"));
/// ```
#[derive(Clone, Copy, Default)]
pub struct CloudsFiles<'a> {
    /// `clouds.yaml`.
    pub clouds: &'a str,
    /// `secure.yaml`, merged over `clouds.yaml` (passwords kept apart).
    pub secure: Option<&'a str>,
    /// `clouds-public.yaml`: vendor profiles a cloud names with `profile:`.
    pub public: Option<&'a str>,
}

impl std::fmt::Debug for CloudsFiles<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Redacted(usize);
        impl std::fmt::Debug for Redacted {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "<redacted, {} bytes>", self.0)
            }
        }
        f.debug_struct("CloudsFiles")
            .field("clouds", &Redacted(self.clouds.len()))
            .field("secure", &self.secure.map(|s| Redacted(s.len())))
            .field("public", &self.public.map(|s| Redacted(s.len())))
            .finish()
    }
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

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) | Value::Number(_) | Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

fn shape(what: &str, message: String) -> Error {
    Error::decode_msg(what, message)
}

/// Reads a file and checks its shape: a map whose `top` key (when there) is a map of maps.
/// An empty or comment-only file reads as `None`.
fn document(what: &str, text: &str, top: &str) -> Result<Option<Map<String, Value>>, Error> {
    let doc = match super::yaml::parse(what, text)? {
        Value::Null => return Ok(None),
        Value::Object(m) => m,
        other => {
            return Err(shape(
                what,
                format!(
                    "the top level must be a map with a `{top}` key, not {}",
                    kind_of(&other)
                ),
            ))
        }
    };
    if let Some(entries) = doc.get(top) {
        let Some(entries) = entries.as_object() else {
            return Err(shape(
                what,
                format!(
                    "`{top}` must be a map of cloud names to settings, not {}",
                    kind_of(entries)
                ),
            ));
        };
        for (name, cloud) in entries {
            if !cloud.is_object() {
                return Err(shape(
                    what,
                    format!(
                        "cloud {:?} must be a map of settings, not {}",
                        crate::error::fault::inert(name, 100),
                        kind_of(cloud)
                    ),
                ));
            }
            if let Some(auth) = cloud.get("auth").filter(|a| !a.is_object() && !a.is_null()) {
                return Err(shape(
                    what,
                    format!(
                        "`auth` of cloud {:?} must be a map, not {}",
                        crate::error::fault::inert(name, 100),
                        kind_of(auth)
                    ),
                ));
            }
        }
    }
    Ok(Some(doc))
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

/// A setting's text, exactly as written (the YAML reader keeps every scalar as text).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Settings that are text: a list or a map there is an error naming the key, never a
/// silently missing credential.
const AUTH_TEXT_KEYS: &[&str] = &[
    "auth_url",
    "username",
    "user_id",
    "user_domain_id",
    "user_domain_name",
    "password",
    "passcode",
    "token",
    "application_credential_id",
    "application_credential_name",
    "application_credential_secret",
    "project_id",
    "tenant_id",
    "project_name",
    "tenant_name",
    "project_domain_id",
    "project_domain_name",
    "domain_id",
    "domain_name",
    "system_scope",
    "trust_id",
    "default_domain_id",
    "default_domain",
    "default_domain_name",
];
const CLOUD_TEXT_KEYS: &[&str] = &[
    "profile",
    "cloud",
    "auth_type",
    "region_name",
    "interface",
    "endpoint_type",
    "cacert",
    "cert",
    "key",
    "insecure",
    "verify",
];

fn check_text_settings(name: &str, cloud: &Value) -> Result<(), InvalidInput> {
    let bad = |key: String, v: &Value| {
        InvalidInput::field(
            "clouds.yaml",
            format!(
                "`{key}` of cloud {:?} must be text, not {} (clouds.yaml, secure.yaml or clouds-public.yaml)",
                crate::error::fault::inert(name, 100),
                kind_of(v)
            ),
        )
    };
    let structured = |v: &Value| v.is_array() || v.is_object();
    if let Some(auth) = cloud.get("auth").and_then(Value::as_object) {
        for key in AUTH_TEXT_KEYS {
            if let Some(v) = auth.get(*key).filter(|v| structured(v)) {
                return Err(bad(format!("auth.{key}"), v));
            }
        }
    }
    if let Some(obj) = cloud.as_object() {
        for (key, v) in obj {
            let text_key = CLOUD_TEXT_KEYS.contains(&key.as_str())
                || key.ends_with("_api_version")
                || key.ends_with("_endpoint_override");
            if text_key && structured(v) {
                return Err(bad(crate::error::fault::inert(key, 100), v));
            }
        }
    }
    Ok(())
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
    let Some(mut all) = document("clouds.yaml", files.clouds, "clouds")? else {
        return Err(shape(
            "clouds.yaml",
            "the file is empty: it needs a top-level `clouds` map".into(),
        ));
    };
    if !all.contains_key("clouds") {
        return Err(shape("clouds.yaml", "no top-level `clouds` map".into()));
    }
    // An empty or comment-only secure.yaml (made with `touch`) adds nothing.
    if let Some(secure) = files.secure {
        if let Some(secure) = document("secure.yaml", secure, "clouds")? {
            for (k, v) in secure {
                match all.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        all.insert(k, v);
                    }
                }
            }
        }
    }
    let clouds = all
        .get("clouds")
        .and_then(Value::as_object)
        .ok_or_else(|| shape("clouds.yaml", "no top-level `clouds` map".into()))?;
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
        let public = document("clouds-public.yaml", public, "public-clouds")?;
        let mut base = public
            .as_ref()
            .and_then(|p| p.get("public-clouds"))
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
    check_text_settings(name, &cloud)?;
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

    fn with(
        clouds: &str,
        secure: Option<&str>,
        public: Option<&str>,
    ) -> Result<CloudConfig, Error> {
        from_clouds_yaml(
            CloudsFiles {
                clouds,
                secure,
                public,
            },
            "a",
        )
    }

    const A: &str = "clouds: {a: {auth: {auth_url: 'http://k/v3', username: u, user_domain_id: default, password: pw}}}";

    #[test]
    fn debug_of_clouds_files_never_shows_their_contents() {
        let files = CloudsFiles {
            clouds: "clouds: {a: {auth: {password: clouds-pw}}}",
            secure: Some("clouds: {a: {auth: {password: s3cret, passcode: 123456, application_credential_secret: acs}}}"),
            public: Some("public-clouds: {p: {auth: {token: public-tok}}}"),
        };
        let shown = format!("{files:?} {files:#?}");
        for secret in [
            "clouds-pw",
            "s3cret",
            "123456",
            "acs",
            "public-tok",
            "password",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(
            shown.contains("CloudsFiles") && shown.contains("bytes"),
            "{shown}"
        );
    }

    #[test]
    fn an_empty_or_comment_only_secure_yaml_is_ignored() {
        for secure in ["", "\n", "# passwords go here later\n", "---\n"] {
            let c = with(A, Some(secure), None).unwrap();
            assert_eq!(c.auth.password.unwrap().expose(), "pw", "{secure:?}");
        }
        // An empty clouds-public.yaml has no profiles: say so.
        let e = with(
            "clouds: {a: {profile: p, auth: {username: u}}}",
            None,
            Some("# nothing"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no profile \"p\" in clouds-public.yaml"), "{e}");
        // An empty clouds.yaml is named as such.
        let e = with("# empty", None, None).unwrap_err().to_string();
        assert!(e.contains("clouds.yaml") && e.contains("empty"), "{e}");
    }

    #[test]
    fn a_secure_yaml_of_the_wrong_shape_is_blamed_on_secure_yaml() {
        for secure in [
            "- a\n- b",
            "just text",
            "clouds: [a, b]",
            "clouds: {a: [password, pw]}",
            "clouds: {a: {auth: pw}}",
        ] {
            let e = with(A, Some(secure), None).unwrap_err().to_string();
            assert!(e.contains("secure.yaml"), "{secure:?}: {e}");
            assert!(!e.contains("decode clouds.yaml"), "{secure:?}: {e}");
        }
        let e = with(
            "clouds: {a: {profile: p}}",
            None,
            Some("public-clouds: [p]"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("clouds-public.yaml"), "{e}");
        let e = with("clouds: {a: [1]}", None, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("clouds.yaml") && e.contains("cloud \"a\""),
            "{e}"
        );
    }

    #[test]
    fn settings_that_look_like_numbers_keep_their_exact_text() {
        for pw in [
            "1.10", "0x1F", "1e3", "0o17", "+12", ".inf", "-.inf", ".nan", "007", "1_000", "True",
            "~x", "12:30:00",
        ] {
            let clouds = format!(
                "clouds:\n  a:\n    auth:\n      auth_url: http://k/v3\n      username: {pw}\n      user_domain_id: {pw}\n      password: {pw}\n      project_name: {pw}\n      project_domain_id: {pw}\n    region_name: {pw}\n"
            );
            let c = with(&clouds, None, None).unwrap();
            assert_eq!(c.auth.password.as_ref().unwrap().expose(), pw);
            assert_eq!(c.auth.username.as_deref(), Some(pw));
            assert_eq!(c.auth.user_domain_id.as_deref(), Some(pw));
            assert_eq!(c.auth.project_name.as_deref(), Some(pw));
            assert_eq!(c.auth.project_domain_id.as_deref(), Some(pw));
            assert_eq!(c.endpoint.region.as_deref(), Some(pw));
            // From secure.yaml too.
            let secure = format!(
                "clouds: {{a: {{auth: {{password: {pw}, application_credential_secret: {pw}}}}}}}"
            );
            let c = with(A, Some(&secure), None).unwrap();
            assert_eq!(c.auth.password.as_ref().unwrap().expose(), pw);
            assert_eq!(
                c.auth
                    .application_credential_secret
                    .as_ref()
                    .unwrap()
                    .expose(),
                pw
            );
        }
        let c = with(
            "clouds: {a: {auth: {auth_url: 'http://k/v3', application_credential_id: 0012, application_credential_secret: 1e10}, compute_api_version: 2.10, auth_type: v3applicationcredential}}",
            None,
            None,
        )
        .unwrap();
        assert_eq!(c.auth.application_credential_id.as_deref(), Some("0012"));
        assert_eq!(c.api_versions, vec![("compute".into(), "2.10".into())]);
    }

    #[test]
    fn a_structured_value_for_a_text_setting_is_an_error_naming_the_key() {
        let e = with(A, Some("clouds: {a: {auth: {password: [p, w]}}}"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("auth.password") && e.contains("must be text"),
            "{e}"
        );
        assert!(!e.contains("\"p\""), "{e}");
        let e = with(
            "clouds: {a: {region_name: {x: 1}, auth: {auth_url: 'http://k'}}}",
            None,
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("region_name"), "{e}");
    }

    #[test]
    fn an_alias_bomb_clouds_yaml_is_refused_quickly() {
        let items = vec!["xxxxxxxx"; 100].join(",");
        let refs = vec!["*b"; 300_000].join(",");
        let bomb = format!("{A}\nbig: &b [{items}]\nrefs: [{refs}]\n");
        assert!(bomb.len() < crate::config::MAX_FILE_LEN);
        let t = std::time::Instant::now();
        let e = with(&bomb, None, None).unwrap_err().to_string();
        assert!(e.contains("anchors and aliases expand"), "{e}");
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        // The same in secure.yaml is named there.
        let e = with(A, Some(&bomb), None).unwrap_err().to_string();
        assert!(e.contains("secure.yaml") && e.contains("anchors"), "{e}");
    }

    #[test]
    fn deep_or_oversized_files_are_refused_with_clear_errors() {
        let deep = format!("clouds: {}", "[".repeat(78 * 1024));
        let t = std::time::Instant::now();
        let e = with(&deep, None, None).unwrap_err().to_string();
        assert!(e.contains("levels deep"), "{e}");
        assert!(
            t.elapsed() < std::time::Duration::from_millis(500),
            "{:?}",
            t.elapsed()
        );
        let big = format!("{A}\n# {}\n", "x".repeat(crate::config::MAX_FILE_LEN));
        let e = with(&big, None, None).unwrap_err().to_string();
        assert!(e.contains("clouds.yaml") && e.contains("1 MiB"), "{e}");
    }
}
