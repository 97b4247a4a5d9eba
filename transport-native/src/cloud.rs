//! [`Cloud`]: a [`Client`] over [`HyperTransport`], configured from the environment or
//! clouds.yaml.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use ferrocloud::config::{self, CloudConfig, CloudsFiles};
use ferrocloud::{AuthOptions, Client, Error, InvalidInput};

use crate::transport::{HyperTransport, NativeOptions};

/// A connected cloud: a [`Client`] over the native transport. Derefs to the client, so
/// every client method (`compute()`, `token()`, …) is available.
#[derive(Clone, Debug)]
pub struct Cloud {
    client: Client<HyperTransport>,
}

impl Deref for Cloud {
    type Target = Client<HyperTransport>;
    fn deref(&self) -> &Client<HyperTransport> {
        &self.client
    }
}

fn read(path: &str, what: &'static str) -> Result<Vec<u8>, Error> {
    std::fs::read(path)
        .map_err(|e| InvalidInput::field(what, format!("cannot read {path}: {e}")).into())
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

impl Cloud {
    /// From `OS_*` variables; with `OS_CLOUD` set, from that clouds.yaml entry instead.
    pub fn from_env() -> Result<Self, Error> {
        if let Some(name) = std::env::var("OS_CLOUD").ok().filter(|v| !v.is_empty()) {
            return Self::from_clouds_yaml(&name);
        }
        Self::from_config(&config::from_env(std::env::vars())?)
    }

    /// From the clouds.yaml entry `name`, with secure.yaml and clouds-public.yaml merged,
    /// found in `OS_CLIENT_CONFIG_FILE`, `./`, `~/.config/openstack/` or `/etc/openstack/`.
    pub fn from_clouds_yaml(name: &str) -> Result<Self, Error> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let home = env_path("HOME");
        let xdg = env_path("XDG_CONFIG_HOME");
        let find = |file: &str, var: &str| -> Option<String> {
            config::search_paths(
                file,
                env_path(var).as_deref(),
                &cwd,
                home.as_deref(),
                xdg.as_deref(),
            )
            .into_iter()
            .find(|p| p.is_file())
            .and_then(|p| std::fs::read_to_string(p).ok())
        };
        let clouds = find("clouds.yaml", "OS_CLIENT_CONFIG_FILE").ok_or_else(|| {
            InvalidInput::field(
                "clouds.yaml",
                "not found (set OS_CLIENT_CONFIG_FILE, or put it in ./ or ~/.config/openstack/)",
            )
        })?;
        let secure = find("secure.yaml", "OS_CLIENT_SECURE_FILE");
        let public = find("clouds-public.yaml", "OS_CLIENT_PUBLIC_FILE");
        let cfg = config::from_clouds_yaml(
            CloudsFiles {
                clouds: &clouds,
                secure: secure.as_deref(),
                public: public.as_deref(),
            },
            name,
        )?;
        Self::from_config(&cfg)
    }

    /// From a parsed configuration (reads the CA and client certificate files it names).
    pub fn from_config(cfg: &CloudConfig) -> Result<Self, Error> {
        let opts = NativeOptions {
            cacert_pem: cfg
                .cacert
                .as_deref()
                .map(|p| read(p, "cacert"))
                .transpose()?,
            client_cert_pem: cfg.cert.as_deref().map(|p| read(p, "cert")).transpose()?,
            client_key_pem: cfg.key.as_deref().map(|p| read(p, "key")).transpose()?,
            insecure: cfg.insecure,
            ..NativeOptions::default()
        };
        let transport = HyperTransport::new(opts)?;
        Ok(Cloud {
            client: Client::with_options(transport, &cfg.auth, cfg.client_options())?,
        })
    }

    /// From explicit options.
    pub fn new(auth: &AuthOptions, opts: NativeOptions) -> Result<Self, Error> {
        Ok(Cloud {
            client: Client::new(HyperTransport::new(opts)?, auth)?,
        })
    }

    /// The client.
    pub fn client(&self) -> &Client<HyperTransport> {
        &self.client
    }

    /// A path helper for tests and tools: the clouds.yaml the search would use.
    pub fn clouds_yaml_path() -> Option<PathBuf> {
        let cwd = std::env::current_dir().unwrap_or_default();
        config::search_paths(
            "clouds.yaml",
            env_path("OS_CLIENT_CONFIG_FILE").as_deref(),
            &cwd,
            env_path("HOME").as_deref(),
            env_path("XDG_CONFIG_HOME").as_deref(),
        )
        .into_iter()
        .find(|p| Path::new(p).is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The native client's futures are `Send`, so they run on a multi-threaded runtime.
    #[test]
    fn futures_are_send() {
        fn assert_send<T: Send>(_: &T) {}
        let auth = AuthOptions::password("http://127.0.0.1:1/v3", "u", "Default", "p");
        let cloud = Cloud::new(&auth, NativeOptions::default()).unwrap();
        let token = cloud.token();
        assert_send(&token);
        let op: ferrocloud::Op<serde_json::Value> =
            ferrocloud::Op::get(ferrocloud::path!("servers"));
        let compute = cloud.compute();
        let call = compute.call(&op);
        assert_send(&call);
        let list: ferrocloud::List<serde_json::Value> = ferrocloud::List::new(
            ferrocloud::path!("servers"),
            "servers",
            ferrocloud::Paging::Linked,
        );
        let stream = compute.list(list);
        assert_send(&stream);
        let all = compute.collect_all(ferrocloud::List::<serde_json::Value>::new(
            ferrocloud::path!("x"),
            "x",
            ferrocloud::Paging::Single,
        ));
        assert_send(&all);
        fn assert_sync<T: Sync + Send>(_: &T) {}
        assert_sync(&cloud);
    }

    #[tokio::test]
    async fn connection_refused_is_a_typed_transport_error() {
        let auth = AuthOptions::password("http://127.0.0.1:9/v3", "u", "Default", "p");
        let cloud = Cloud::new(&auth, NativeOptions::default()).unwrap();
        let err = cloud.token().await.unwrap_err();
        match err {
            Error::Transport(t) => {
                assert_eq!(t.kind, ferrocloud::TransportErrorKind::Connect, "{t}")
            }
            other => panic!("unexpected {other}"),
        }
    }
}
