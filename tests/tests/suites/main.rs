//! Every integration suite of ferrocloud in one test binary.
//!
//! One binary links hyper, tokio, rustls and the whole SDK once, instead of once per suite.
//! Each suite is a module beside this file (`<service>_samples`, `<service>_real`, `faults`,
//! `tls`, `tracing_secrets`, …); the set-up they share lives in [`support`]. Run one suite
//! with `cargo test -p ferrocloud-tests --test suites -- network_real::`.
//!
//! All tests share this process: a test that needs the process to itself (a global
//! `tracing` subscriber, peak-RSS measurements) re-runs itself in a child process with
//! [`support::own_process`]. Cargo's automatic test discovery stays on: a new top-level
//! `tests/tests/foo.rs` still builds and runs as a binary of its own, but belongs here.

mod support;

mod compute_aggregates_samples;
mod compute_hypervisors_samples;
mod compute_misc_real;
mod compute_misc_samples;
mod compute_quota_real;
mod compute_quota_samples;
mod compute_real;
mod compute_server_info_real;
mod compute_server_info_samples;
mod compute_servers_samples;
mod compute_services_samples;
mod compute_usage_samples;
mod container_infra_real;
mod container_infra_samples;
mod errors_real;
mod extensions_real;
mod faults;
mod find_real;
mod heat_paging_real;
mod identity_admin_samples;
mod identity_breadth_real;
mod identity_more_real;
mod identity_more_samples;
mod identity_real;
mod identity_samples;
mod identity_signed_real;
mod image_real;
mod image_samples;
mod image_stream_rss;
mod keystone_real;
mod load_balancer_mock;
mod load_balancer_real;
mod load_balancer_samples;
mod load_real;
mod native_io_real;
mod network_ext_real;
mod network_ext_samples;
mod network_real;
mod network_samples;
mod network_stadium_samples;
mod object_storage_real;
mod object_storage_rss;
mod orchestration_real;
mod orchestration_samples;
mod placement_real;
mod placement_samples;
mod smoke_real;
mod storage_backups_real;
mod storage_backups_samples;
mod storage_more_real;
mod storage_more_samples;
mod storage_ops_real;
mod storage_ops_samples;
mod storage_quota_real;
mod storage_quota_samples;
mod storage_real;
mod storage_samples;
mod storage_types_real;
mod storage_types_samples;
mod tls;
mod tracing_secrets;
mod versions_real;
mod versions_samples;
