//! The real local cloud from `../shared/tools/oscloud/start.sh`.
//!
//! [`cloud`] returns a connected [`Cloud`]; when the cloud is not up it starts it
//! (idempotent), so every real-service test runs for real — none is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use ferrocloud::config::{self, CloudConfig, CloudsFiles};
use ferrocloud_native::Cloud;

/// Where the cloud lives: `$OSCLOUD_DIR` or `/tmp/oscloud`.
pub fn dir() -> PathBuf {
    std::env::var_os("OSCLOUD_DIR").map_or_else(|| PathBuf::from("/tmp/oscloud"), PathBuf::from)
}

fn start_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tools/oscloud/start.sh")
}

fn keystone_up() -> bool {
    std::net::TcpStream::connect_timeout(
        &"127.0.0.1:5000".parse().expect("addr"),
        std::time::Duration::from_secs(1),
    )
    .is_ok()
}

/// Makes sure the cloud runs (starting it when needed) and returns its clouds.yaml path.
pub fn ensure_started() -> PathBuf {
    static STARTED: OnceLock<PathBuf> = OnceLock::new();
    STARTED
        .get_or_init(|| {
            let yaml = dir().join("clouds.yaml");
            if !(yaml.is_file() && keystone_up()) {
                eprintln!("starting the local cloud with {}", start_script().display());
                let status = Command::new("bash")
                    .arg(start_script())
                    .arg("start")
                    .arg(dir())
                    .status()
                    .expect("run oscloud start.sh");
                assert!(
                    status.success(),
                    "oscloud start.sh failed: see {}/logs",
                    dir().display()
                );
            }
            assert!(yaml.is_file(), "no clouds.yaml at {}", yaml.display());
            make_room(&yaml);
            yaml
        })
        .clone()
}

/// Raises the Nova, Cinder and Neutron quotas of the two projects the suites work in (the
/// demo and the admin project; defaults: 10 servers, 20 vCPUs, 10 server groups, 10
/// volumes, 10 snapshots, 10 routers, 10 security groups, 100 rules, 10 RBAC policies) so
/// that the suites, which run at once in one process, never meet them; a volume still
/// being deleted counts too. Quota behaviour itself is tested on fresh projects
/// (`*_quota_real`). Once per process, as the admin.
fn make_room(yaml: &Path) {
    use ferrocloud::block_storage::quota_sets as volume_quotas;
    use ferrocloud::compute::quota_sets as server_quotas;
    use ferrocloud::network::quotas as network_quotas;
    let text = std::fs::read_to_string(yaml).expect("read clouds.yaml");
    let cloud_of = |name: &str| {
        let files = CloudsFiles {
            clouds: &text,
            ..Default::default()
        };
        Cloud::from_config(&config::from_clouds_yaml(files, name).expect("parse clouds.yaml"))
            .expect("build cloud")
    };
    let (demo, admin) = (cloud_of("oscloud-demo"), cloud_of("oscloud-admin"));
    // Its own thread and runtime: callers may be inside a runtime already.
    let outcome = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            for cloud in [&demo, &admin] {
                let token = cloud.client().token().await?;
                let project = token.info.project.as_ref().map(|p| p.id.clone());
                let project = project.expect("the suites' clouds are project-scoped");
                room_in(&admin, &project).await?;
            }
            Ok::<_, ferrocloud::Error>(())
        })
    })
    .join()
    .expect("quota set-up thread");
    if let Err(e) = outcome {
        panic!("raising the suites' project quotas failed: {e}");
    }

    async fn room_in(admin: &Cloud, project: &str) -> ferrocloud::Result<()> {
        admin
            .compute()
            .call(&server_quotas::update(
                project,
                None,
                &server_quotas::UpdateQuotaSet {
                    instances: Some(100),
                    cores: Some(200),
                    ram: Some(512_000),
                    server_groups: Some(100),
                    ..Default::default()
                },
            ))
            .await?;
        admin
            .block_storage()
            .call(&volume_quotas::update(
                project,
                &volume_quotas::UpdateQuotaSet {
                    volumes: Some(100),
                    snapshots: Some(100),
                    gigabytes: Some(1000),
                    backups: Some(100),
                    backup_gigabytes: Some(1000),
                    ..Default::default()
                },
            ))
            .await?;
        admin
            .network()
            .call(&network_quotas::update(
                project,
                &network_quotas::UpdateQuotas {
                    router: Some(100),
                    security_group: Some(100),
                    security_group_rule: Some(1000),
                    rbac_policy: Some(100),
                    floatingip: Some(100),
                    ..Default::default()
                },
            ))
            .await?;
        Ok(())
    }
}

/// The parsed configuration of clouds.yaml entry `name` (`oscloud-admin`, `oscloud-demo`).
pub fn config(name: &str) -> CloudConfig {
    let text = std::fs::read_to_string(ensure_started()).expect("read clouds.yaml");
    config::from_clouds_yaml(
        CloudsFiles {
            clouds: &text,
            ..Default::default()
        },
        name,
    )
    .expect("parse clouds.yaml")
}

/// A connected client for clouds.yaml entry `name`.
pub fn cloud(name: &str) -> Cloud {
    Cloud::from_config(&config(name)).expect("build cloud")
}

/// The admin cloud.
pub fn admin() -> Cloud {
    cloud("oscloud-admin")
}

/// The demo (member) cloud.
pub fn demo() -> Cloud {
    cloud("oscloud-demo")
}

/// A name no other run uses, nor another test of the same process (all suites share
/// one): `ferro-<what>-<pid>-<secs>-<nanos>-<n>`, `n` counting the calls in this process.
pub fn unique(what: &str) -> String {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() % 100_000)
        .unwrap_or_default();
    format!("ferro-{what}-{}-{secs}-{nanos}-{n}", std::process::id())
}

/// A transport wrapper that counts token requests (`POST …/auth/tokens`) and all requests.
#[derive(Clone)]
pub struct Counting<T> {
    inner: T,
    auths: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    total: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl<T> Counting<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> Self {
        Counting {
            inner,
            auths: Default::default(),
            total: Default::default(),
        }
    }

    /// Token requests so far.
    pub fn auths(&self) -> usize {
        self.auths.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Requests so far.
    pub fn total(&self) -> usize {
        self.total.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl<T: ferrocloud::Transport> ferrocloud::Transport for Counting<T> {
    fn send(
        &self,
        req: http::Request<bytes::Bytes>,
    ) -> impl std::future::Future<
        Output = Result<http::Response<bytes::Bytes>, ferrocloud::TransportError>,
    > {
        use std::sync::atomic::Ordering::SeqCst;
        if req.method() == http::Method::POST && req.uri().path().ends_with("/auth/tokens") {
            self.auths.fetch_add(1, SeqCst);
        }
        self.total.fetch_add(1, SeqCst);
        self.inner.send(req)
    }
    fn sleep(&self, d: std::time::Duration) -> impl std::future::Future<Output = ()> {
        self.inner.sleep(d)
    }
    fn now(&self) -> std::time::SystemTime {
        self.inner.now()
    }
}

/// A client for clouds.yaml entry `name` over a counting native transport, with `auth`
/// changed by `edit`.
pub fn counting(
    name: &str,
    edit: impl FnOnce(&mut ferrocloud::AuthOptions),
) -> (
    Counting<ferrocloud_native::HyperTransport>,
    ferrocloud::Client<Counting<ferrocloud_native::HyperTransport>>,
) {
    let mut cfg = config(name);
    edit(&mut cfg.auth);
    let transport = Counting::new(
        ferrocloud_native::HyperTransport::new(ferrocloud_native::NativeOptions::default())
            .expect("transport"),
    );
    let client =
        ferrocloud::Client::with_options(transport.clone(), &cfg.auth, cfg.client_options())
            .expect("client");
    (transport, client)
}
