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

/// Where configuration comes from: the `OS_*` variables, the directories searched for
/// clouds.yaml, secure.yaml and clouds-public.yaml. Read once from the process; tests
/// build their own.
/// No `Debug`: the variables hold passwords.
#[derive(Clone, Default)]
struct Sources {
    /// `OS_*` variables.
    vars: Vec<(String, String)>,
    cwd: PathBuf,
    home: Option<PathBuf>,
    xdg: Option<PathBuf>,
    /// Search `/etc/openstack` too (off in tests, which must not see the machine's files).
    system: bool,
}

/// The three files a clouds.yaml configuration reads, each with the path it came from.
struct Files {
    clouds: (PathBuf, String),
    secure: Option<(PathBuf, String)>,
    public: Option<(PathBuf, String)>,
}

impl Sources {
    fn from_process() -> Self {
        Sources {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .filter(|(k, _)| k.starts_with("OS_"))
                .collect(),
            cwd: std::env::current_dir().unwrap_or_default(),
            home: env_path("HOME"),
            xdg: env_path("XDG_CONFIG_HOME"),
            system: true,
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The places searched for `file` when no variable names it.
    fn candidates(&self, file: &str) -> Vec<PathBuf> {
        let mut paths = config::search_paths(
            file,
            None,
            &self.cwd,
            self.home.as_deref(),
            self.xdg.as_deref(),
        );
        if !self.system {
            paths.retain(|p| !p.starts_with("/etc/openstack"));
        }
        paths
    }

    /// Finds and reads `file`: the path in `var` when it is set (a missing file is then an
    /// error), else the first of the search paths that exists. A file that exists but cannot
    /// be read is an error, never skipped.
    fn find(&self, file: &str, var: &str) -> Result<Option<(PathBuf, String)>, Error> {
        if let Some(explicit) = self.var(var) {
            let path = PathBuf::from(explicit);
            return match std::fs::metadata(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(config_error(format!(
                    "{var} names {}, which does not exist",
                    path.display()
                ))),
                _ => read_config(&path).map(|text| Some((path, text))),
            };
        }
        for path in self.candidates(file) {
            match std::fs::metadata(&path) {
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) => {}
                _ => return read_config(&path).map(|text| Some((path, text))),
            }
        }
        Ok(None)
    }

    fn files(&self) -> Result<Files, Error> {
        let clouds = self
            .find("clouds.yaml", "OS_CLIENT_CONFIG_FILE")?
            .ok_or_else(|| {
                config_error(format!(
                    "no clouds.yaml found (looked for {}); put it in one of those places or set OS_CLIENT_CONFIG_FILE to its path",
                    self.looked_in("clouds.yaml")
                ))
            })?;
        Ok(Files {
            clouds,
            secure: self.find("secure.yaml", "OS_CLIENT_SECURE_FILE")?,
            public: self.find("clouds-public.yaml", "OS_CLIENT_PUBLIC_FILE")?,
        })
    }

    fn looked_in(&self, file: &str) -> String {
        self.candidates(file)
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The configuration of clouds.yaml entry `name`. Errors in a file name its path.
    fn clouds_config(&self, name: &str) -> Result<CloudConfig, Error> {
        let files = self.files()?;
        let with_path = |mut e: Error| {
            if let Error::Decode(d) = &mut e {
                let path = match d.what.as_str() {
                    "clouds.yaml" => Some(&files.clouds.0),
                    "secure.yaml" => files.secure.as_ref().map(|f| &f.0),
                    "clouds-public.yaml" => files.public.as_ref().map(|f| &f.0),
                    _ => None,
                };
                if let Some(path) = path {
                    d.what = format!("{} ({})", d.what, path.display());
                }
            }
            e
        };
        config::from_clouds_yaml(
            CloudsFiles {
                clouds: &files.clouds.1,
                secure: files.secure.as_ref().map(|f| f.1.as_str()),
                public: files.public.as_ref().map(|f| f.1.as_str()),
            },
            name,
        )
        .map_err(with_path)
    }

    /// `OS_CLOUD` names a clouds.yaml entry; otherwise the `OS_*` variables say it all.
    /// With neither, the error names both ways in.
    fn config(&self) -> Result<CloudConfig, Error> {
        if let Some(name) = self.var("OS_CLOUD") {
            return self.clouds_config(name);
        }
        if self.var("OS_AUTH_URL").is_none() {
            let found = self
                .candidates("clouds.yaml")
                .into_iter()
                .find(|p| p.is_file())
                .map(|p| format!(" ({} exists: name one of its clouds)", p.display()))
                .unwrap_or_default();
            return Err(config_error(format!(
                "no cloud configuration: set OS_CLOUD to a cloud of clouds.yaml{found} \
                 (looked for in OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack/ and /etc/openstack/), \
                 or set OS_AUTH_URL with the other OS_* variables \
                 (OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, OS_USER_DOMAIN_NAME, …)"
            )));
        }
        Ok(config::from_env(self.vars.iter().cloned())?)
    }
}

fn config_error(message: String) -> Error {
    InvalidInput::Config(message).into()
}

/// Reads a configuration file: at most [`config::MAX_FILE_LEN`] bytes of UTF-8; anything
/// else is "cannot read FILE: why".
fn read_config(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let cannot = |why: String| config_error(format!("cannot read {}: {why}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cannot("it is a directory".into()));
    }
    let mut bytes = Vec::new();
    file.take(config::MAX_FILE_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() > config::MAX_FILE_LEN {
        return Err(cannot(format!(
            "it is larger than the limit of {} bytes (1 MiB)",
            config::MAX_FILE_LEN
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        cannot(format!(
            "it is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

impl Cloud {
    /// From `OS_*` variables; with `OS_CLOUD` set, from that clouds.yaml entry instead.
    ///
    /// With neither `OS_CLOUD` nor `OS_AUTH_URL` set, the error says how to configure
    /// a cloud either way ([`InvalidInput::Config`]).
    pub fn from_env() -> Result<Self, Error> {
        Self::from_config(&Sources::from_process().config()?)
    }

    /// From the clouds.yaml entry `name`, with secure.yaml and clouds-public.yaml merged,
    /// found in `OS_CLIENT_CONFIG_FILE` (`OS_CLIENT_SECURE_FILE`, `OS_CLIENT_PUBLIC_FILE`),
    /// `./`, `~/.config/openstack/` or `/etc/openstack/`.
    ///
    /// A variable that names a missing file, and a file that exists but cannot be read
    /// (not UTF-8, no permission, larger than [`config::MAX_FILE_LEN`]), are errors
    /// ([`InvalidInput::Config`]) that name the file; errors inside a file name its path.
    pub fn from_clouds_yaml(name: &str) -> Result<Self, Error> {
        Self::from_config(&Sources::from_process().clouds_config(name)?)
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

    /// A path helper for tests and tools: the clouds.yaml the search would use (`None`
    /// when `OS_CLIENT_CONFIG_FILE` names a missing file, as
    /// [`Cloud::from_clouds_yaml`] then fails).
    pub fn clouds_yaml_path() -> Option<PathBuf> {
        let sources = Sources::from_process();
        if let Some(explicit) = sources.var("OS_CLIENT_CONFIG_FILE") {
            let path = PathBuf::from(explicit);
            return path.is_file().then_some(path);
        }
        sources
            .candidates("clouds.yaml")
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
            ferrocloud::Op::get(ferrocloud::path!("servers")).decode_body();
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

    /// A scratch directory (removed on drop) standing for the cwd and the home of a run.
    struct Scratch(PathBuf);
    impl Scratch {
        fn new(what: &str) -> Self {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "ferro-native-{what}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(dir.join("home/.config/openstack")).unwrap();
            Scratch(dir)
        }
        fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
            let p = self.0.join(rel);
            std::fs::write(&p, bytes).unwrap();
            p
        }
        fn sources(&self, vars: &[(&str, String)]) -> Sources {
            Sources {
                vars: vars
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
                cwd: self.0.clone(),
                home: Some(self.0.join("home")),
                xdg: None,
                system: false,
            }
        }
    }
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const CLOUDS: &str = "clouds: {a: {auth: {auth_url: 'http://k/v3', username: u, user_domain_id: default, password: pw}}}";

    fn message(r: Result<CloudConfig, Error>) -> String {
        match r {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_clouds_yaml_that_exists_but_is_not_utf8_is_unreadable_not_missing() {
        let s = Scratch::new("utf8");
        let path = s.write("clouds.yaml", b"clouds: {a: {auth: {password: \xff\xfe}}}");
        let e = message(s.sources(&[]).clouds_config("a"));
        assert!(
            e.starts_with(&format!("cannot read {}: ", path.display())) && e.contains("UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn a_secure_yaml_that_cannot_be_read_is_an_error_not_skipped() {
        let s = Scratch::new("secure");
        s.write("clouds.yaml", CLOUDS.as_bytes());
        let secure = s.write("secure.yaml", b"clouds: {a: {auth: {password: \xc3}}}");
        let e = message(s.sources(&[]).clouds_config("a"));
        assert!(
            e.contains(&format!("cannot read {}", secure.display())),
            "{e}"
        );
        // A directory where the file should be.
        std::fs::remove_file(&secure).unwrap();
        std::fs::create_dir(&secure).unwrap();
        let e = message(s.sources(&[]).clouds_config("a"));
        assert!(
            e.contains(&format!("cannot read {}", secure.display())),
            "{e}"
        );
        std::fs::remove_dir(&secure).unwrap();
        // No permission (root reads anything, so only where the mode is enforced).
        let secure = s.write("secure.yaml", b"clouds: {a: {auth: {password: p2}}}");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&secure, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&secure).is_err() {
            let e = message(s.sources(&[]).clouds_config("a"));
            assert!(
                e.contains(&format!("cannot read {}: ", secure.display())),
                "{e}"
            );
        }
        std::fs::set_permissions(&secure, std::fs::Permissions::from_mode(0o600)).unwrap();
        // Readable again: it is used.
        let cfg = s.sources(&[]).clouds_config("a").unwrap();
        assert_eq!(cfg.auth.password.unwrap().expose(), "p2");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_without_reading_it_all() {
        let s = Scratch::new("big");
        let mut big = CLOUDS.as_bytes().to_vec();
        big.extend(std::iter::repeat_n(b'#', config::MAX_FILE_LEN));
        let path = s.write("clouds.yaml", &big);
        let e = message(s.sources(&[]).clouds_config("a"));
        assert!(
            e.contains(&format!("cannot read {}", path.display())) && e.contains("1 MiB"),
            "{e}"
        );
    }

    #[test]
    fn os_client_config_file_naming_a_missing_file_is_an_error_naming_it() {
        let s = Scratch::new("missing");
        // A ./clouds.yaml that must not be used instead.
        s.write("clouds.yaml", CLOUDS.as_bytes());
        let missing = s.0.join("nope/clouds.yaml");
        let vars = [("OS_CLIENT_CONFIG_FILE", missing.display().to_string())];
        let e = message(s.sources(&vars).clouds_config("a"));
        assert_eq!(
            e,
            format!(
                "OS_CLIENT_CONFIG_FILE names {}, which does not exist",
                missing.display()
            )
        );
        let e = message(
            s.sources(&[
                ("OS_CLOUD", "a".into()),
                ("OS_CLIENT_SECURE_FILE", missing.display().to_string()),
            ])
            .config(),
        );
        assert!(e.starts_with("OS_CLIENT_SECURE_FILE names"), "{e}");
        // Set and present: used.
        let other = s.write("other.yaml", CLOUDS.replace("pw", "other-pw").as_bytes());
        let cfg = s
            .sources(&[("OS_CLIENT_CONFIG_FILE", other.display().to_string())])
            .clouds_config("a")
            .unwrap();
        assert_eq!(cfg.auth.password.unwrap().expose(), "other-pw");
    }

    #[test]
    fn no_clouds_yaml_anywhere_lists_where_it_looked() {
        let s = Scratch::new("none");
        let e = message(s.sources(&[("OS_CLOUD", "a".into())]).config());
        assert!(e.contains("no clouds.yaml found"), "{e}");
        assert!(
            e.contains(&s.0.join("clouds.yaml").display().to_string()),
            "{e}"
        );
        assert!(e.contains("home/.config/openstack/clouds.yaml"), "{e}");
    }

    #[test]
    fn no_configuration_at_all_names_both_ways_in() {
        let s = Scratch::new("nothing");
        let e = message(s.sources(&[]).config());
        for needed in ["OS_CLOUD", "clouds.yaml", "OS_AUTH_URL", "OS_USERNAME"] {
            assert!(e.contains(needed), "{needed} missing from: {e}");
        }
        // With the variables, the environment is enough.
        let cfg = s
            .sources(&[
                ("OS_AUTH_URL", "http://k/v3".into()),
                ("OS_USERNAME", "u".into()),
                ("OS_PASSWORD", "p".into()),
                ("OS_USER_DOMAIN_ID", "default".into()),
            ])
            .config()
            .unwrap();
        assert_eq!(cfg.auth.auth_url, "http://k/v3");
    }

    #[test]
    fn errors_inside_a_file_name_its_path() {
        let s = Scratch::new("shape");
        s.write("clouds.yaml", CLOUDS.as_bytes());
        let secure = s.write("home/.config/openstack/secure.yaml", b"clouds: [a]");
        let e = message(s.sources(&[]).clouds_config("a"));
        assert!(
            e.contains(&format!("secure.yaml ({})", secure.display())),
            "{e}"
        );
        // An empty secure.yaml (made with `touch`) is fine.
        s.write("home/.config/openstack/secure.yaml", b"");
        assert!(s.sources(&[]).clouds_config("a").is_ok());
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
