//! Cinder's operator APIs: services (both sample folders), scheduler pools (v3 and v2),
//! resource filters, manageable volumes and snapshots (lists and manage requests, v3 and
//! v2), the version documents, backend capabilities, os-hosts (and attaching to a host),
//! clusters (3.7), worker cleanup (3.24) and the extension list: every sample parses into its type with no known field
//! left untyped, and every request sample is reproduced by the builders (JSON values, with
//! method and path checked against ENDPOINTS.tsv where it names them).

use ferrocloud::block_storage::actions::{self, Attach};
use ferrocloud::block_storage::clusters::{self, ListClusters};
use ferrocloud::block_storage::manageable::{
    self, ListManageable, ManageSnapshot, ManageVolume, Manageable, Route,
};
use ferrocloud::block_storage::resource_filters;
use ferrocloud::block_storage::scheduler_stats::{self, Capacity, ListPools};
use ferrocloud::block_storage::services::{
    self, Backend, FailoverHost, ListServices, LogLevel, LogTarget, ServiceState, ServiceStatus,
    SetLogLevel,
};
use ferrocloud::block_storage::workers::{self, Cleanup};
use ferrocloud::block_storage::{capabilities, hosts};
use ferrocloud::common::extensions;
use ferrocloud::version::{self, Microversion};
use ferrocloud::{Metadata, Operation};
use ferrocloud_tests::samples::{self, Coverage};
use serde_json::{Map, Value};

use super::storage_more_samples::{cinder, files};

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &cinder(file), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &cinder(file), file, op)
}

fn map(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

#[test]
fn storage_service_samples() {
    let files = files(&["services"], &["os-services"]);
    assert_eq!(files.len(), 26, "{files:#?}");
    let mut cov = Coverage::new();

    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        let body = || samples::json(f);
        match name {
            "services-list-response.json" => {
                let list = response(&mut cov, f, services::list(&ListServices::default()));
                assert!(list.len() >= 3, "{f}");
                for s in &list {
                    assert!(s.extra.is_empty(), "{f}: untyped {:?}", s.extra.keys());
                    assert!(!s.binary.is_empty() && !s.host.is_empty(), "{f}");
                    assert!(s.status.is_some() && s.state.is_some(), "{f}");
                }
                let volume = list.iter().find(|s| s.binary == "cinder-volume").unwrap();
                assert_eq!(volume.frozen, Some(false), "{f}");
                if f.contains("v3.49") {
                    assert_eq!(list[0].state, Some(ServiceState::Down));
                    assert_eq!(list[0].status, Some(ServiceStatus::Disabled));
                    assert_eq!(list[2].cluster.as_deref(), Some("cluster1"));
                    assert!(list[6].updated_at.is_none(), "{f}: null time");
                } else {
                    assert_eq!(volume.replication_status.as_deref(), Some("disabled"));
                    assert!(volume.updated_at.is_some(), "{f}");
                }
            }
            "services-enable-request.json"
            | "services-disable-request.json"
            | "service-enable-request.json"
            | "service-disable-request.json" => {
                let b = body();
                let (host, binary) = (b["host"].as_str().unwrap(), b["binary"].as_str().unwrap());
                let op = if name.contains("enable") {
                    services::enable(host, binary)
                } else {
                    services::disable(host, binary)
                };
                request(&mut cov, f, op);
            }
            "services-disable-log-request.json" | "service-disable-log-reason-request.json" => {
                let b = body();
                let op = services::disable_log_reason(
                    b["host"].as_str().unwrap(),
                    b["binary"].as_str().unwrap(),
                    b["disabled_reason"].as_str().unwrap(),
                );
                request(&mut cov, f, op);
            }
            "services-enable-response.json"
            | "services-disable-response.json"
            | "services-disable-log-response.json"
            | "service-enable-response.json"
            | "service-disable-response.json"
            | "service-disable-log-reason-response.json" => {
                let op = if name.contains("enable") {
                    services::enable("h", "b")
                } else if name.contains("log") {
                    services::disable_log_reason("h", "b", "r")
                } else {
                    services::disable("h", "b")
                };
                let c = response(&mut cov, f, op);
                assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                assert_eq!(c.binary, "cinder-volume", "{f}");
                let enabled = name.contains("enable");
                assert_eq!(c.disabled, Some(!enabled), "{f}");
                let want = if enabled {
                    ServiceStatus::Enabled
                } else {
                    ServiceStatus::Disabled
                };
                assert_eq!(c.status, Some(want), "{f}");
                assert_eq!(c.service.as_deref(), Some(""), "{f}");
                assert_eq!(c.disabled_reason.is_some(), name.contains("log"), "{f}");
            }
            "services-freeze-request.json"
            | "service-freeze-request.json"
            | "services-thaw-request.json"
            | "service-thaw-request.json" => {
                let backend = Backend::Host(body()["host"].as_str().unwrap().into());
                let op = if name.contains("freeze") {
                    services::freeze(&backend)
                } else {
                    services::thaw(&backend)
                };
                request(&mut cov, f, op);
            }
            "services-failover-host-request.json" | "service-failover-host-request.json" => {
                let b = body();
                let failover = FailoverHost {
                    backend: Backend::Host(b["host"].as_str().unwrap().into()),
                    backend_id: s(&b["backend_id"]),
                };
                // The api-ref sample spells the default target `"backend_id": null`; the
                // builder leaves it out, which Cinder reads the same (`body.get`).
                let req = services::failover_host(&failover)
                    .request(&cinder(f))
                    .unwrap();
                let mut want = map(&b);
                want.retain(|_, v| !v.is_null());
                let got: Value = serde_json::from_slice(req.body()).unwrap();
                assert_eq!(got, Value::Object(want), "{f}");
                samples::assert_endpoint(cov.check(f), &req);
            }
            "services-get-log-request.json" | "service-get-log-request.json" => {
                let b = body();
                let target = LogTarget {
                    binary: s(&b["binary"]),
                    server: s(&b["server"]),
                    prefix: s(&b["prefix"]),
                };
                request(&mut cov, f, services::get_log(&target));
            }
            "services-set-log-request.json" | "service-set-log-request.json" => {
                let b = body();
                let set = SetLogLevel {
                    target: LogTarget {
                        binary: s(&b["binary"]),
                        server: s(&b["server"]),
                        prefix: s(&b["prefix"]),
                    },
                    level: LogLevel::Error,
                };
                assert_eq!(b["level"], "ERROR");
                request(&mut cov, f, services::set_log(&set));
            }
            "services-get-log-response.json" | "service-get-log-response.json" => {
                let levels = response(&mut cov, f, services::get_log(&LogTarget::default()));
                assert!(levels.len() >= 3, "{f}");
                for l in &levels {
                    assert!(l.extra.is_empty(), "{f}: untyped {:?}", l.extra.keys());
                    assert!(!l.binary.is_empty() && !l.host.is_empty(), "{f}");
                }
                let volume = levels.iter().find(|l| l.binary == "cinder-volume").unwrap();
                assert_eq!(volume.levels["cinder.volume.api"], LogLevel::Debug, "{f}");
            }
            other => panic!("{f}: no case for {other}"),
        }
    }
    cov.assert_complete("block-storage services", &files);
    assert_eq!(cov.checked(), files.len());
}

#[test]
fn storage_pool_and_filter_samples() {
    let files = files(&["pools", "resource-filters"], &[]);
    assert_eq!(files.len(), 3, "{files:#?}");
    let mut cov = Coverage::new();
    for f in &files {
        if f.contains("resource-filters") {
            let all = response(&mut cov, f, resource_filters::list(None));
            let names: Vec<&str> = all.iter().map(|r| r.resource.as_str()).collect();
            assert_eq!(names, ["volume", "snapshot"], "{f}");
            assert!(all.iter().all(|r| r.extra.is_empty()), "{f}");
            assert!(all[0].filters.iter().any(|x| x == "bootable"), "{f}");
            continue;
        }
        let detail = ListPools {
            detail: true,
            ..Default::default()
        };
        let pools = response(&mut cov, f, scheduler_stats::list_pools(&detail));
        assert_eq!(pools.len(), 2, "{f}");
        for p in &pools {
            assert!(p.extra.is_empty(), "{f}: untyped {:?}", p.extra.keys());
            let c = p.capabilities.as_ref().unwrap();
            assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
            assert!(c.timestamp.is_some() && c.driver_version.is_some(), "{f}");
            assert_eq!(c.volume_backend_name.as_deref(), Some(p.name.as_str()));
        }
        let c = pools[1].capabilities.as_ref().unwrap();
        assert_eq!(c.total_capacity_gb, Some(Capacity::Gb(512.0)), "{f}");
        assert_eq!(c.free_capacity_gb, Some(Capacity::Gb(200.0)), "{f}");
        assert_eq!(c.qos_support, Some(true), "{f}");
        assert_eq!(c.storage_protocol.as_deref(), Some("iSER"), "{f}");
    }
    cov.assert_complete("block-storage pools and resource filters", &files);
    assert_eq!(cov.checked(), files.len());
}

fn manageable_ok(file: &str, m: &Manageable, detail: bool, snapshot: bool) {
    assert!(m.extra.is_empty(), "{file}: untyped {:?}", m.extra.keys());
    assert!(m.reference.contains_key("source-name"), "{file}");
    assert_eq!(m.size, Some(1), "{file}");
    assert_eq!(m.source_reference.is_some(), snapshot, "{file}");
    if detail {
        assert_eq!(m.reason_not_safe.is_some(), !m.safe_to_manage, "{file}");
        assert_eq!(m.cinder_id.is_some(), !m.safe_to_manage, "{file}");
    } else {
        assert!(
            m.reason_not_safe.is_none() && m.cinder_id.is_none(),
            "{file}"
        );
    }
}

#[test]
fn storage_manageable_samples() {
    let files = files(
        &["snapshot-manage", "volume-manage"],
        &["snapshot_manage_extensions", "volume_manage_extensions"],
    );
    assert_eq!(files.len(), 11, "{files:#?}");
    let mut cov = Coverage::new();
    let host = ListManageable {
        host: Some("h@b#p".into()),
        ..Default::default()
    };
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        let v2 = f.starts_with("block-storage/v2/");
        let route = if v2 {
            Route::OsManage
        } else {
            Route::Manageable
        };
        match name {
            "volume-manage-list-response.json"
            | "volume-manage-list-detail-response.json"
            | "snapshot-manage-list-response.json"
            | "snapshot-manage-list-detail-response.json" => {
                let detail = name.contains("detail");
                let snapshot = name.starts_with("snapshot");
                let op = match (snapshot, detail) {
                    (false, false) => manageable::list_volumes(&host),
                    (false, true) => manageable::list_volumes_detail(&host),
                    (true, false) => manageable::list_snapshots(&host),
                    (true, true) => manageable::list_snapshots_detail(&host),
                };
                let list = response(&mut cov, f, op);
                assert_eq!(list.len(), 2, "{f}");
                assert_eq!(list.iter().filter(|m| m.safe_to_manage).count(), 1, "{f}");
                list.iter()
                    .for_each(|m| manageable_ok(f, m, detail, snapshot));
            }
            "volume-manage-request.json" | "volume-manage-request-cluster.json" => {
                let b = &samples::json(f)["volume"];
                let metadata: Metadata = serde_json::from_value(b["metadata"].clone()).unwrap();
                let manage = ManageVolume {
                    host: s(&b["host"]),
                    cluster: s(&b["cluster"]),
                    reference: map(&b["ref"]),
                    name: s(&b["name"]),
                    description: s(&b["description"]),
                    availability_zone: s(&b["availability_zone"]),
                    volume_type: s(&b["volume_type"]),
                    bootable: b["bootable"].as_bool(),
                    metadata: Some(metadata),
                };
                request(&mut cov, f, manageable::manage_volume(route, &manage));
            }
            "volume-manage-response.json" => {
                let manage = ManageVolume {
                    host: Some("h".into()),
                    reference: map(&serde_json::json!({"source-name": "lv"})),
                    ..Default::default()
                };
                let v = response(&mut cov, f, manageable::manage_volume(route, &manage));
                assert_eq!(v.name.as_deref(), Some("New Volume"), "{f}");
                assert_eq!(v.metadata.len(), 2, "{f}");
                assert_eq!(v.bootable, Some(false), "{f}");
                assert_eq!(v.status.as_str(), "creating", "{f}");
            }
            "snapshot-manage-request.json" => {
                let b = &samples::json(f)["snapshot"];
                let manage = ManageSnapshot {
                    volume_id: b["volume_id"].as_str().unwrap().into(),
                    reference: map(&b["ref"]),
                    name: s(&b["name"]),
                    description: s(&b["description"]),
                    metadata: None,
                };
                request(&mut cov, f, manageable::manage_snapshot(route, &manage));
            }
            "snapshot-manage-response.json" => {
                let manage = ManageSnapshot {
                    volume_id: "v".into(),
                    reference: map(&serde_json::json!({"source-name": "s"})),
                    ..Default::default()
                };
                let op = manageable::manage_snapshot(route, &manage);
                let req = op.request(&cinder(f)).unwrap();
                samples::assert_endpoint(cov.check(f), &req);
                // The sample's `"updated_at": "null"` is a string (a documentation slip
                // no server sends); read it as the JSON null it stands for.
                let mut body = samples::json(f);
                assert_eq!(body["snapshot"]["updated_at"], "null");
                body["snapshot"]["updated_at"] = Value::Null;
                let resp = http::Response::new(serde_json::to_vec(&body).unwrap().into());
                let snap = op.parse(resp).unwrap();
                assert!(
                    snap.extra.is_empty(),
                    "{f}: untyped {:?}",
                    snap.extra.keys()
                );
                assert_eq!(snap.metadata.len(), 3, "{f}");
                assert_eq!(snap.status.as_str(), "creating", "{f}");
                assert!(
                    snap.created_at.is_some() && snap.updated_at.is_none(),
                    "{f}"
                );
            }
            other => panic!("{f}: no case for {other}"),
        }
    }
    cov.assert_complete("block-storage manageable volumes and snapshots", &files);
    assert_eq!(cov.checked(), files.len());
}

#[test]
fn storage_version_samples() {
    let files = files(&["versions", "version-show"], &["versions"]);
    assert_eq!(files.len(), 4, "{files:#?}");
    let mut cov = Coverage::new();
    let mv = |s: &str| s.parse::<Microversion>().unwrap();
    for f in &files {
        let v3 = f.starts_with("block-storage/v3/");
        if f.ends_with("version-show-response.json") {
            let v = response(&mut cov, f, version::discover());
            assert!(v.extra.contains_key("media-types"), "{f}");
            if v3 {
                assert_eq!((v.id.as_str(), v.is_current()), ("v3.0", true), "{f}");
                assert_eq!(v.max_microversion(), Some(mv("3.71")), "{f}");
                assert_eq!(v.choose(mv("3.60")).unwrap(), Some(mv("3.60")), "{f}");
            } else {
                assert_eq!(v.id, "v2.0", "{f}");
                assert_eq!(v.status.as_deref(), Some("DEPRECATED"), "{f}");
                assert_eq!(v.choose(mv("3.0")).unwrap(), None, "{f}: \"\" is none");
            }
            continue;
        }
        let all = response(&mut cov, f, version::discover_all());
        let ids: Vec<&str> = all.iter().map(|v| v.id.as_str()).collect();
        let current: Vec<&str> = all
            .iter()
            .filter(|v| v.is_current())
            .map(|v| v.id.as_str())
            .collect();
        assert_eq!(current, ["v3.0"], "{f}");
        assert_eq!(
            all.last().unwrap().min_microversion(),
            Some(mv("3.0")),
            "{f}"
        );
        if v3 {
            assert_eq!(ids, ["v3.0"], "{f}");
            assert_eq!(all[0].max_microversion(), Some(mv("3.71")), "{f}");
        } else {
            assert_eq!(ids, ["v2.0", "v3.0"], "{f}");
            // The api-ref's v2 document keeps a template placeholder for the highest
            // microversion: read, but not a microversion.
            assert_eq!(all[1].version.as_deref(), Some("{Current_Max_Version}"));
            assert_eq!(all[1].max_microversion(), None, "{f}");
        }
    }
    cov.assert_complete("block-storage versions", &files);
    assert_eq!(cov.checked(), files.len());
}

#[test]
fn storage_admin_samples() {
    let files = files(
        &[
            "backend-capabilities",
            "hosts",
            "host-attach",
            "worker-cleanup",
            "extensions",
        ],
        &["clusters", "extensions"],
    );
    assert_eq!(files.len(), 19, "{files:#?}");
    let mut cov = Coverage::new();
    const ID: &str = "2ef47aee-8844-490c-804d-2a8efe561c65";
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "backend-capabilities-response.json" => {
                let c = response(&mut cov, f, capabilities::get("node1@lvm"));
                assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                assert_eq!(c.volume_backend_name.as_deref(), Some("lvmdriver-1"));
                assert_eq!(c.properties.len(), 4, "{f}");
                let qos = &c.properties["qos"];
                assert_eq!(qos.kind.as_deref(), Some("boolean"), "{f}");
                assert!(qos.extra.is_empty() && qos.title.is_some(), "{f}");
            }
            "hosts-list-response.json" => {
                let list = response(&mut cov, f, hosts::list(None));
                assert_eq!(list.len(), 3, "{f}");
                for h in &list {
                    assert!(h.extra.is_empty(), "{f}: untyped {:?}", h.extra.keys());
                    assert!(h.last_update.is_some() && h.service.is_some(), "{f}");
                    assert_eq!(h.service_status.as_deref(), Some("available"));
                    assert_eq!(h.service_state.as_deref(), Some("enabled"));
                }
                assert_eq!(list[2].host_name, "node1@lvm");
            }
            "hosts-get-response.json" => {
                let r = response(&mut cov, f, hosts::get("node1@rbd-sas"));
                assert_eq!(r.len(), 2, "{f}");
                assert!(r.iter().all(|r| r.extra.is_empty()), "{f}");
                assert_eq!(r[0].project, "(total)");
                assert_eq!(
                    (r[1].volume_count, r[1].total_volume_gb, r[1].snapshot_count),
                    (8, 11, 1),
                    "{f}: numbers sent as strings"
                );
            }
            "host-attach-request.json" => {
                // Cinder's os-attach schema requires `mountpoint`, which the sample leaves
                // out: the builder refuses that body before any I/O; with a mountpoint
                // it is the sample plus that key.
                let b = samples::json(f);
                let mut attach = Attach {
                    host_name: s(&b["os-attach"]["host_name"]),
                    ..Default::default()
                };
                let err = actions::attach(ID, &attach)
                    .request(&cinder(f))
                    .unwrap_err();
                assert!(err.to_string().contains("mountpoint"), "{err}");
                attach.mountpoint = "/dev/vdb".into();
                let req = actions::attach(ID, &attach).request(&cinder(f)).unwrap();
                let mut got: Value = serde_json::from_slice(req.body()).unwrap();
                got["os-attach"]
                    .as_object_mut()
                    .unwrap()
                    .remove("mountpoint");
                assert_eq!(got, b, "{f}");
                cov.except(
                    f,
                    "incomplete: Cinder requires the mountpoint it leaves out",
                );
            }
            "worker-cleanup-request.json" => {
                let b = samples::json(f);
                let cleanup = Cleanup {
                    cluster_name: s(&b["cluster_name"]),
                    disabled: b["disabled"].as_bool(),
                    host: s(&b["host"]),
                    service_id: b["service_id"].as_u64(),
                    is_up: b["is_up"].as_bool(),
                    binary: s(&b["binary"]),
                    resource_id: s(&b["resource_id"]),
                    resource_type: s(&b["resource_type"]),
                };
                request(&mut cov, f, workers::cleanup(&cleanup));
            }
            "worker-cleanup-response.json" => {
                let r = response(&mut cov, f, workers::cleanup(&Cleanup::default()));
                assert!(r.extra.is_empty() && r.unavailable.is_empty(), "{f}");
                assert_eq!(r.cleaning.len(), 1, "{f}");
                let c = &r.cleaning[0];
                assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                assert_eq!((c.id, c.cluster_name.as_deref()), (Some(1), Some("test")));
            }
            "clusters-list-response.json" | "clusters-list-detailed-response.json" => {
                let detail = name.contains("detailed");
                let op = if detail {
                    clusters::list_detail(&ListClusters::default())
                } else {
                    clusters::list(&ListClusters::default())
                };
                let list = response(&mut cov, f, op);
                assert_eq!(list.len(), 2, "{f}");
                for c in &list {
                    assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                    assert_eq!(c.binary, "cinder-volume");
                    assert_eq!(c.state, Some(ServiceState::Down));
                    assert_eq!(c.num_hosts.is_some(), detail, "{f}");
                    assert_eq!(c.created_at.is_some(), detail, "{f}");
                }
                assert_eq!(list[1].status, Some(ServiceStatus::Disabled));
                if detail {
                    assert!(list[0].last_heartbeat.is_some(), "{f}");
                    assert!(list[1].last_heartbeat.is_none(), "{f}: \"\" is none");
                    assert_eq!(list[1].num_down_hosts, Some(1));
                }
            }
            "cluster-show-response.json" => {
                let c = response(&mut cov, f, clusters::get("cluster_name", None));
                assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                assert_eq!((c.name.as_str(), c.num_hosts), ("cluster_name", Some(0)));
                assert!(c.updated_at.is_some() && c.last_heartbeat.is_some());
            }
            "cluster-enable-request.json" | "cluster-disable-request.json" => {
                let b = samples::json(f);
                let (n, bin) = (b["name"].as_str().unwrap(), b["binary"].as_str().unwrap());
                let op = if name.contains("enable") {
                    clusters::enable(n, bin)
                } else {
                    clusters::disable(n, bin, b["disabled_reason"].as_str())
                };
                request(&mut cov, f, op);
            }
            "cluster-enable-response.json" | "cluster-disable-response.json" => {
                let enable = name.contains("enable");
                let op = if enable {
                    clusters::enable("n", "b")
                } else {
                    clusters::disable("n", "b", None)
                };
                let c = response(&mut cov, f, op);
                assert!(c.extra.is_empty(), "{f}: untyped {:?}", c.extra.keys());
                let want = if enable {
                    ServiceStatus::Enabled
                } else {
                    ServiceStatus::Disabled
                };
                assert_eq!(c.status, Some(want), "{f}");
                assert_eq!(c.disabled_reason.is_some(), !enable, "{f}");
            }
            "extensions-list-response.json" => {
                let list = response(&mut cov, f, extensions::list());
                assert!(list.len() > 10, "{f}");
                assert!(list.iter().any(|e| e.alias == "os-hosts"), "{f}");
                for e in &list {
                    assert!(e.extra.is_empty(), "{f}: untyped {:?}", e.extra.keys());
                    assert!(!e.name.is_empty() && e.updated.is_some(), "{f}");
                }
            }
            other => panic!("{f}: no case for {other}"),
        }
    }
    cov.assert_complete(
        "block-storage capabilities, hosts, clusters, workers, extensions",
        &files,
    );
    assert_eq!(
        cov.checked() + 2,
        files.len(),
        "only the host-attach samples excepted"
    );
}
