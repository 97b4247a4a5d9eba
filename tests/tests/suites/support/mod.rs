//! The set-up the suites share, in one place: waiting and polling ([`wait`], [`poll`]),
//! cleanup that runs whatever happened ([`guarded`]), small builders ([`md`], [`s`],
//! [`native_client`], [`fast_retry`]), who a cloud's token is for ([`project_and_user`]),
//! this process's memory ([`status_kib`]), the fault-injecting server and log capture
//! ([`fault_server`]), generated and hashed image data ([`image_data`]), and running a test
//! in a process of its own ([`own_process`]).

pub mod fault_server;
pub mod image_data;

pub use fault_server::{token_body, Captured, FaultServer, Reply};

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::process::Command;
use std::time::Duration;

use ferrocloud::Metadata;
use ferrocloud::{AuthOptions, Client, ClientOptions, RetryPolicy, Wait};
use ferrocloud_native::{HyperTransport, NativeOptions};
use futures::FutureExt;

/// How long a real resource may take to reach a status: `secs` seconds, polled every
/// 500 ms.
pub fn wait(secs: u64) -> Wait {
    Wait::timeout(Duration::from_secs(secs)).every(Duration::from_millis(500))
}

/// Calls `f` every `wait.interval` until it yields a value, at most
/// `wait.timeout / wait.interval` times; then panics with `what`. For conditions that
/// are not a resource's status (those use `Service::wait_for_status`).
pub async fn poll<T, F, Fut>(what: &str, wait: Wait, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let tries = (wait.timeout.as_millis() / wait.interval.as_millis().max(1)).max(1);
    for _ in 0..tries {
        if let Some(v) = f().await {
            return v;
        }
        tokio::time::sleep(wait.interval).await;
    }
    panic!("{what} (waited {:?})", wait.timeout);
}

/// Runs `body`, then `cleanup` whatever happened (also when `body` panicked), then
/// re-raises a panic of `body`. Returns what `body` returned.
pub async fn guarded<T>(body: impl Future<Output = T>, cleanup: impl Future<Output = ()>) -> T {
    let outcome = AssertUnwindSafe(body).catch_unwind().await;
    cleanup.await;
    match outcome {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Runs `body`, catching a panic, so that the caller's clean-up runs before
/// [`unwind`] re-raises it (for clean-ups that need what `body` created).
pub async fn catching<T>(body: impl Future<Output = T>) -> std::thread::Result<T> {
    AssertUnwindSafe(body).catch_unwind().await
}

/// What [`catching`] caught: the value, or the panic raised again.
pub fn unwind<T>(outcome: std::thread::Result<T>) -> T {
    outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Metadata (server, volume, snapshot, image) from key/value pairs.
pub fn md(pairs: &[(&str, &str)]) -> Metadata {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `Some(v.to_owned())`, for optional string fields.
pub fn s(v: &str) -> Option<String> {
    Some(v.into())
}

/// A client over a native transport with `native` options and client `options`.
pub fn native_client(
    auth: &AuthOptions,
    native: NativeOptions,
    options: ClientOptions,
) -> Client<HyperTransport> {
    Client::with_options(
        HyperTransport::new(native).expect("native transport"),
        auth,
        options,
    )
    .expect("client")
}

/// The default retry bounds with millisecond waits (5 ms base delay), retrying
/// `statuses`.
pub fn fast_retry(statuses: &[u16]) -> RetryPolicy {
    RetryPolicy {
        statuses: statuses
            .iter()
            .map(|s| http::StatusCode::from_u16(*s).expect("status code"))
            .collect(),
        base_delay: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

/// The project and user ids of `client`'s (project-scoped) token.
pub async fn project_and_user<T: ferrocloud::Transport>(client: &Client<T>) -> (String, String) {
    let token = client.token().await.expect("token");
    let project = token
        .info
        .project
        .as_ref()
        .expect("project-scoped")
        .id
        .clone();
    let user = token.info.user.as_ref().expect("user").id.clone();
    (project, user)
}

/// A field of `/proc/self/status` in KiB: `VmHWM` (peak resident set), `VmRSS`.
pub fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Set in a child process started by [`own_process`]: the name of the one test it runs.
const CHILD: &str = "FERROCLOUD_OWN_PROCESS";

/// The full name libtest gives test `function` of module `module_path` (from
/// `module_path!()`, which starts with this binary's crate name).
pub fn test_name(module_path: &str, function: &str) -> String {
    let module = module_path.split_once("::").map_or("", |(_, m)| m);
    if module.is_empty() {
        function.to_owned()
    } else {
        format!("{module}::{function}")
    }
}

/// Runs test `name` in a child process of its own, for a test that needs the process to
/// itself: a global `tracing` subscriber, or `VmHWM`/`VmRSS` measurements that other tests
/// running in parallel threads would disturb.
///
/// In the parent it re-runs this test binary with `name --exact`, asserts that the child
/// ran exactly that test and that it passed, shows the child's output, and returns
/// `false`: the caller then returns. In the child it returns `true`: the caller runs the
/// test's body. Use it through [`own_process!`](crate::own_process).
pub fn own_process(name: &str) -> bool {
    if std::env::var_os(CHILD).is_some_and(|v| v == name) {
        return true;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(&exe)
        .args([name, "--exact", "--show-output", "--test-threads=1"])
        .env(CHILD, name)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!(
        "---- {name} in its own process (pid of this one: {}) ----",
        std::process::id()
    );
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "{name} failed in its own process ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(
        stdout.contains(&format!("test {name} ... ok")) && stdout.contains("1 passed"),
        "the child process did not run {name}:\n{stdout}"
    );
    false
}

/// `own_process!(function)` at the top of a test: runs the test in a child process of its
/// own (see [`own_process`](support::own_process)) and returns, unless this is that
/// child, where the body goes on.
#[macro_export]
macro_rules! own_process {
    ($test:ident) => {
        if !$crate::support::own_process(&$crate::support::test_name(
            module_path!(),
            stringify!($test),
        )) {
            return;
        }
    };
}

/// The minor version of a compute sample's microversion folder (`…/v2.53/x.json` → 53);
/// `1` for the base folder (microversion 2.1).
pub fn compute_minor(file: &str) -> u32 {
    file.split('/')
        .find_map(|seg| seg.strip_prefix("v2."))
        .map_or(1, |m| m.parse().unwrap())
}

/// A Nova service client at the microversion of compute sample `file`'s folder.
pub fn nova_for(file: &str) -> ferrocloud::ServiceEndpoint {
    ferrocloud::ServiceEndpoint::new(
        ferrocloud::ServiceType::COMPUTE,
        "http://openstack.example.com/v2.1",
    )
    .unwrap()
    .with_microversion(format!("2.{}", compute_minor(file)))
}

/// Fails with the names of the response fields that `file`'s types left untyped.
pub fn no_untyped(file: &str, extra: &serde_json::Map<String, serde_json::Value>) {
    assert!(
        extra.is_empty(),
        "{file}: fields left untyped: {:?}",
        extra.keys().collect::<Vec<_>>()
    );
}
