//! The set-up the suites share: the fault-injecting server and log capture
//! ([`fault_server`]), generated and hashed image data ([`image_data`]), and running a test
//! in a process of its own ([`own_process`]).

pub mod fault_server;
pub mod image_data;

pub use fault_server::{token_body, Captured, FaultServer, Reply};

use std::process::Command;

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
