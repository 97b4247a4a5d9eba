//! Block Storage v2 and v3 samples (volumes, snapshots, volume actions): every response
//! parses into its type, every request is reproduced as a JSON value by the builders,
//! with method and path checked against ENDPOINTS.tsv. Other Cinder resources are listed
//! as exceptions with their reason.

use std::collections::BTreeMap;

use ferrocloud::block_storage::actions::{self, *};
use ferrocloud::block_storage::snapshots::{self, CreateSnapshot, Snapshot, UpdateSnapshot};
use ferrocloud::block_storage::volumes::{
    self, CreateVolume, SchedulerHints, UpdateVolume, Volume,
};
use ferrocloud::block_storage::ApiVersion;
use ferrocloud::Metadata;
use ferrocloud::{Operation, Patch, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{md, s};

const PROJECT: &str = "0c2eba2c5af04d3f9e9d0d410b371fde";
const ID: &str = "5aa119a8-d25b-45a7-8d1b-88e127885635";

fn cinder(version: ApiVersion) -> ServiceEndpoint {
    ServiceEndpoint::new(
        ServiceType::BLOCK_STORAGE,
        &format!("http://cinder.example/{}/{PROJECT}", version.segment()),
    )
    .unwrap()
}

/// Builds `op` against the version's endpoint, compares with the request sample.
fn request<O: Operation>(cov: &mut Coverage, version: ApiVersion, file: &str, op: O) {
    samples::check_request(cov, &cinder(version), file, op)
}

/// Parses the response sample with `op`, checking the endpoint of `op` too (unless
/// `check_endpoint` is off). Returns the parsed output for spot checks.
fn response<O: Operation>(
    cov: &mut Coverage,
    version: ApiVersion,
    file: &str,
    op: O,
    check_endpoint: bool,
) -> O::Output {
    if check_endpoint {
        return samples::check_response(cov, &cinder(version), file, op);
    }
    let file = cov.check(file);
    op.parse(samples::response(file))
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"))
}

fn volume_complete(file: &str, v: &Volume) {
    assert!(!v.id.is_empty(), "{file}");
    assert!(
        v.extra.is_empty(),
        "{file}: unknown volume fields {:?}",
        v.extra.keys()
    );
    assert!(v.created_at.is_some(), "{file}: created_at");
}

fn snapshot_complete(file: &str, s: &Snapshot) {
    assert!(!s.id.is_empty(), "{file}");
    assert!(
        s.extra.is_empty(),
        "{file}: unknown snapshot fields {:?}",
        s.extra.keys()
    );
    assert!(s.volume_id.is_some(), "{file}: volume_id");
}

fn volume_responses(cov: &mut Coverage, v: ApiVersion, dir: &str, files: &[String]) {
    for f in files.iter().filter(|f| f.starts_with(dir)) {
        let name = f.rsplit('/').next().unwrap_or_default();
        let vols: Vec<Volume> = match name {
            "volume-create-response.json" => vec![response(
                cov,
                v,
                f,
                volumes::create(&CreateVolume {
                    size: Some(1),
                    ..Default::default()
                }),
                true,
            )],
            "volume-show-response.json" => vec![response(cov, v, f, volumes::get(ID), true)],
            "volume-update-response.json" => vec![response(
                cov,
                v,
                f,
                volumes::update(
                    ID,
                    &UpdateVolume {
                        name: Patch::Set("x".into()),
                        ..Default::default()
                    },
                ),
                true,
            )],
            "volumes-list-detailed-response.json" => {
                response(cov, v, f, volumes::list_detail(&Default::default()), true)
            }
            "volumes-list-response.json" => {
                let refs = response(cov, v, f, volumes::list(&Default::default()), true);
                assert!(
                    !refs.is_empty()
                        && refs
                            .iter()
                            .all(|r| r.extra.is_empty() && r.links.len() == 2),
                    "{f}"
                );
                continue;
            }
            _ => continue,
        };
        assert!(!vols.is_empty(), "{f}");
        for vol in &vols {
            volume_complete(f, vol);
        }
    }
}

fn snapshot_responses(cov: &mut Coverage, v: ApiVersion, dir: &str, files: &[String]) {
    let create = || {
        snapshots::create(&CreateSnapshot {
            volume_id: ID.into(),
            ..Default::default()
        })
    };
    for f in files.iter().filter(|f| f.starts_with(dir)) {
        let name = f.rsplit('/').next().unwrap_or_default();
        let snaps: Vec<Snapshot> = match name {
            // The v2 create response has no ENDPOINTS.tsv row.
            "snapshot-create-response.json" => vec![response(cov, v, f, create(), true)],
            "snapshot-show-response.json" => vec![response(cov, v, f, snapshots::get(ID), true)],
            "snapshot-update-response.json" => vec![response(
                cov,
                v,
                f,
                snapshots::update(
                    ID,
                    &UpdateSnapshot {
                        name: Patch::Set("x".into()),
                        ..Default::default()
                    },
                ),
                true,
            )],
            "snapshots-list-detailed-response.json" => {
                response(cov, v, f, snapshots::list_detail(&Default::default()), true)
            }
            "snapshots-list-response.json" => {
                response(cov, v, f, snapshots::list(&Default::default()), true)
            }
            _ => continue,
        };
        assert!(!snaps.is_empty(), "{f}");
        for snap in &snaps {
            snapshot_complete(f, snap);
        }
    }
}

/// Metadata samples of `kind` (`volume` / `snapshot`) under `prefix`.
fn metadata_samples(cov: &mut Coverage, v: ApiVersion, prefix: &str, kind: &str, files: &[String]) {
    type Item = ferrocloud::MetaItem;
    struct MetaOps {
        get: fn(&str) -> ferrocloud::Op<Metadata>,
        merge: fn(&str, &Metadata) -> ferrocloud::Op<Metadata>,
        replace: fn(&str, &Metadata) -> ferrocloud::Op<Metadata>,
        get_key: fn(&str, &str) -> ferrocloud::Op<Item>,
        set_key: fn(&str, &str, &str) -> ferrocloud::Op<Item>,
    }
    let ops = if kind == "volume" {
        MetaOps {
            get: |id| volumes::METADATA.get(id),
            merge: |id, m| volumes::METADATA.merge(id, m),
            replace: |id, m| volumes::METADATA.replace(id, m),
            get_key: |id, k| volumes::METADATA.get_key(id, k),
            set_key: |id, k, v| volumes::METADATA.set_key(id, k, v),
        }
    } else {
        MetaOps {
            get: |id| snapshots::METADATA.get(id),
            merge: |id, m| snapshots::METADATA.merge(id, m),
            replace: |id, m| snapshots::METADATA.replace(id, m),
            get_key: |id, k| snapshots::METADATA.get_key(id, k),
            set_key: |id, k, v| snapshots::METADATA.set_key(id, k, v),
        }
    };
    let MetaOps {
        get,
        merge,
        replace,
        get_key,
        set_key,
    } = ops;
    let file = |op: &str| format!("{prefix}{kind}-metadata-{op}.json");
    let all = |f: &str| {
        let m: BTreeMap<String, serde_json::Value> =
            serde_json::from_value(samples::json(f)["metadata"].clone()).unwrap();
        m.into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap().to_owned()))
            .collect::<Metadata>()
    };
    let one = |f: &str| {
        let m = samples::json(f)["meta"].as_object().unwrap().clone();
        let (k, v) = m.into_iter().next().unwrap();
        (k, v.as_str().unwrap().to_owned())
    };
    let present = |f: &String| files.contains(f);

    let f = file("create-request");
    if present(&f) {
        request(cov, v, &f, merge(ID, &all(&f)));
    }
    let f = file("update-request");
    if present(&f) {
        request(cov, v, &f, replace(ID, &all(&f)));
    }
    let f = file("update-key-request");
    if present(&f) {
        let (k, val) = one(&f);
        request(cov, v, &f, set_key(ID, &k, &val));
    }
    for (op, is_key) in [
        ("create-response", false),
        ("update-response", false),
        ("show-response", false),
        ("show-key-response", true),
        ("update-key-response", true),
    ] {
        let f = file(op);
        if !present(&f) {
            continue;
        }
        // ENDPOINTS.tsv spells the v3 snapshot show-key URL `/snapshot/…` (an api-ref typo).
        let check = !(kind == "snapshot" && op == "show-key-response");
        if is_key {
            let (k, val) = one(&f);
            let op = if op.starts_with("show") {
                get_key(ID, &k)
            } else {
                set_key(ID, &k, &val)
            };
            let item = response(cov, v, &f, op, check);
            assert_eq!((item.key, item.value), (k, val), "{f}");
        } else {
            let want = all(&f);
            let op = match op {
                "create-response" => merge(ID, &want),
                "update-response" => replace(ID, &want),
                _ => get(ID),
            };
            assert_eq!(response(cov, v, &f, op, check), want, "{f}");
        }
    }
}

fn connector() -> Connector {
    Connector {
        platform: s("x86_64"),
        host: s("node2"),
        do_local_attach: Some(false),
        ip: s("192.168.13.101"),
        os_type: s("linux2"),
        multipath: Some(false),
        initiator: s("iqn.1994-05.com.redhat:d16cbb5d31e5"),
        ..Default::default()
    }
}

/// The action request samples shared by v2 and v3 (same file names, same bodies).
fn action_requests(cov: &mut Coverage, v: ApiVersion, prefix: &str, files: &[String]) {
    let image_md = md(&[
        ("image_id", "521752a6-acf6-4b2d-bc7a-119f9148cd8c"),
        ("image_name", "image"),
        ("kernel_id", "155d900f-4e14-4e4c-a73d-069cbf4541e6"),
        ("ramdisk_id", "somedisk"),
    ]);
    let attach_id = "d8777f54-84cf-4809-a679-468ffed56cf1";
    let cases: Vec<(&str, http::Request<bytes::Bytes>)> = {
        let svc = cinder(v);
        let b = |op: ferrocloud::Op<()>| op.request(&svc).unwrap();
        vec![
            (
                "volume-attach-request.json",
                b(attach(
                    ID,
                    &Attach {
                        instance_uuid: s("95D9EF50-507D-11E5-B970-0800200C9A66"),
                        mountpoint: "/dev/vdc".into(),
                        ..Default::default()
                    },
                )),
            ),
            (
                "volume-begin-detaching-request.json",
                b(begin_detaching(ID)),
            ),
            (
                "volume-bootable-status-update-request.json",
                b(set_bootable(ID, true)),
            ),
            (
                "volume-detach-request.json",
                b(detach(
                    ID,
                    &Detach {
                        attachment_id: s(attach_id),
                    },
                )),
            ),
            ("volume-extend-request.json", b(extend(ID, 3))),
            (
                "volume-force-delete-request.json",
                b(actions::force_delete(ID)),
            ),
            (
                "volume-force-detach-request.json",
                b(force_detach(
                    ID,
                    &ForceDetach {
                        attachment_id: s(attach_id),
                        connector: Some(Connector {
                            initiator: s("iqn.2012-07.org.fake:01"),
                            ..Default::default()
                        }),
                    },
                )),
            ),
            (
                "volume-image-metadata-set-request.json",
                set_image_metadata(ID, &image_md).request(&svc).unwrap(),
            ),
            (
                "volume-image-metadata-unset-request.json",
                b(unset_image_metadata(ID, "ramdisk_id")),
            ),
            (
                "volume-initialize-connection-request.json",
                initialize_connection(ID, &connector())
                    .request(&svc)
                    .unwrap(),
            ),
            (
                "volume-terminate-connection-request.json",
                b(terminate_connection(ID, &connector())),
            ),
            (
                "volume-os-extend_volume_completion-request.json",
                b(extend_volume_completion(ID, false)),
            ),
            (
                "volume-os-migrate_volume-request.json",
                b(migrate(
                    ID,
                    &Migrate {
                        host: s("node1@lvm"),
                        ..Default::default()
                    },
                )),
            ),
            (
                "volume-os-migrate_volume_completion-request.json",
                migrate_volume_completion(ID, "2b955850-f177-45f7-9f49-ecb2c256d161", false)
                    .request(&svc)
                    .unwrap(),
            ),
            (
                "volume-os-reimage-request.json",
                b(reimage(ID, "71543ced-a8af-45b6-a5c4-a46282108a90", false)),
            ),
            (
                "volume-os-retype-request.json",
                b(retype(
                    ID,
                    &Retype {
                        new_type: "dedup-tier-replicaton".into(),
                        migration_policy: Some(MigrationPolicy::Never),
                    },
                )),
            ),
            (
                "volume-readonly-update-request.json",
                b(set_readonly(ID, true)),
            ),
            ("volume-reserve-request.json", b(reserve(ID))),
            ("volume-unreserve-request.json", b(unreserve(ID))),
            ("volume-roll-detaching-request.json", b(roll_detaching(ID))),
            (
                "volume-revert-to-snapshot-request.json",
                b(revert_to_snapshot(
                    ID,
                    "5aa119a8-d25b-45a7-8d1b-88e127885635",
                )),
            ),
            (
                "volume-status-reset-request.json",
                b(actions::reset_status(
                    ID,
                    &ResetStatus {
                        status: s("available"),
                        attach_status: s("detached"),
                        migration_status: s("migrating"),
                    },
                )),
            ),
            ("volume-unmanage-request.json", b(unmanage(ID))),
            (
                "image-metadata-show-request.json",
                show_image_metadata(ID).request(&svc).unwrap(),
            ),
            (
                "snapshot-force-delete-request.json",
                b(snapshots::force_delete(ID)),
            ),
            (
                "snapshot-status-reset-request.json",
                b(snapshots::reset_status(ID, "available")),
            ),
            (
                "snapshot-status-update-request.json",
                b(snapshots::update_status(ID, "creating", Some("80%"))),
            ),
        ]
    };
    for (name, req) in cases {
        let f = format!("{prefix}{name}");
        if files.contains(&f) {
            samples::assert_request(cov.check(&f), &req);
        }
    }
    for name in [
        "volume-image-metadata-update-response.json",
        "image-metadata-show-response.json",
    ] {
        let f = format!("{prefix}{name}");
        if files.contains(&f) {
            let want: BTreeMap<String, String> =
                serde_json::from_value(samples::json(&f)["metadata"].clone()).unwrap();
            let op = if name.starts_with("image") {
                show_image_metadata(ID)
            } else {
                set_image_metadata(ID, &Metadata::new())
            };
            assert_eq!(response(cov, v, &f, op, true), want, "{f}");
        }
    }
}

const OUT_OF_SCOPE: &[(&str, &str)] = &[
    (
        "cgsnapshots",
        "consistency group snapshots (deprecated; group snapshots replace them)",
    ),
    (
        "consistency-group",
        "consistency groups (deprecated; generic groups replace them)",
    ),
    ("quota", "quotas"),
];

/// Files another suite checks, by prefix, with that suite.
const ELSEWHERE: &[(&str, &str)] = &[
    ("availability-zone", "storage_quota_samples"),
    ("limits", "storage_quota_samples"),
    ("quotas", "storage_quota_samples"),
    ("user-quotas", "storage_quota_samples"),
    ("quota_sets", "storage_quota_samples"),
    ("encryption-type", "storage_types_samples"),
    ("volume-type", "storage_types_samples"),
    ("volume_type", "storage_types_samples"),
    ("volume-types", "storage_types_samples"),
    ("get-default-type", "storage_types_samples"),
    ("set-default-type", "storage_types_samples"),
    ("backup", "storage_backups_samples"),
    ("volume-transfer", "storage_more_samples"),
    ("volume_transfer", "storage_more_samples"),
    ("attachment", "storage_more_samples"),
    ("qos", "storage_more_samples"),
    ("quota-classes", "storage_more_samples"),
    ("quota_classes", "storage_more_samples"),
    ("messages", "storage_more_samples"),
    ("group", "storage_more_samples"),
    ("pools", "storage_ops_samples"),
    ("resource-filters", "storage_ops_samples"),
    ("services", "storage_ops_samples"),
    ("os-services", "storage_ops_samples"),
    ("snapshot-manage", "storage_ops_samples"),
    ("snapshot_manage_extensions", "storage_ops_samples"),
    ("volume-manage", "storage_ops_samples"),
    ("volume_manage_extensions", "storage_ops_samples"),
    ("versions", "storage_ops_samples"),
    ("version-show", "storage_ops_samples"),
    ("backend-capabilities", "storage_ops_samples"),
    ("extensions", "storage_ops_samples"),
    ("host-attach", "storage_ops_samples"),
    ("hosts", "storage_ops_samples"),
    ("worker-cleanup", "storage_ops_samples"),
    ("clusters", "storage_ops_samples"),
];

/// The reason a file outside volumes / snapshots / actions is not checked here.
fn out_of_scope(file: &str) -> Option<String> {
    let rest = file.splitn(3, '/').nth(2)?;
    if let Some((_, suite)) = ELSEWHERE.iter().find(|(p, _)| rest.starts_with(p)) {
        return Some(format!("checked in {suite}"));
    }
    OUT_OF_SCOPE
        .iter()
        .filter(|(p, _)| rest.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, what)| format!("out of scope: {what}"))
}

#[test]
fn block_storage_samples() {
    let mut cov = Coverage::new();
    let v3 = samples::files_under("block-storage/v3");
    let v2 = samples::files_under("block-storage/v2");
    assert!(v3.len() > 300 && v2.len() > 100, "the corpus is incomplete");

    // --- v3 requests ---
    let hints = SchedulerHints {
        same_host: vec![
            "a0cf03a5-d921-4877-bb5c-86d26cf818e1".into(),
            "8c19174f-4220-44f0-824a-cd1eeef10287".into(),
        ],
        ..Default::default()
    };
    let create = CreateVolume {
        size: Some(10),
        scheduler_hints: Some(hints),
        ..Default::default()
    };
    request(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volumes/volume-create-request.json",
        volumes::create(&create),
    );
    request(
        &mut cov,
        ApiVersion::V2,
        "block-storage/v2/volume-create-request.json",
        volumes::create_in(ApiVersion::V2, &create),
    );
    let upd = |d: &str| UpdateVolume {
        name: Patch::Set("vol-003".into()),
        description: Patch::Set(d.into()),
        metadata: Some(md(&[("name", "metadata0")])),
    };
    request(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volumes/volume-update-request.json",
        volumes::update(ID, &upd("This is yet, another volume.")),
    );
    let v2_update = samples::json("block-storage/v2/volume-update-request.json");
    let v2_upd = UpdateVolume {
        name: Patch::Set(v2_update["volume"]["name"].as_str().unwrap().into()),
        description: Patch::Set(v2_update["volume"]["description"].as_str().unwrap().into()),
        metadata: v2_update["volume"]
            .get("metadata")
            .map(|m| serde_json::from_value(m.clone()).unwrap()),
    };
    request(
        &mut cov,
        ApiVersion::V2,
        "block-storage/v2/volume-update-request.json",
        volumes::update_in(ApiVersion::V2, ID, &v2_upd),
    );
    request(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/snapshots/snapshot-create-request.json",
        snapshots::create(&CreateSnapshot {
            volume_id: ID.into(),
            force: true,
            name: s("snap-001"),
            description: s("Daily backup"),
            metadata: md(&[("key", "v3")]),
        }),
    );
    request(
        &mut cov,
        ApiVersion::V2,
        "block-storage/v2/snapshot-create-request.json",
        snapshots::create(&CreateSnapshot {
            volume_id: ID.into(),
            force: true,
            name: s("snap-001"),
            description: s("Daily backup"),
            ..Default::default()
        }),
    );
    for (v, f) in [
        (
            ApiVersion::V3,
            "block-storage/v3/snapshots/snapshot-update-request.json",
        ),
        (
            ApiVersion::V2,
            "block-storage/v2/snapshot-update-request.json",
        ),
    ] {
        let j = samples::json(f);
        request(
            &mut cov,
            v,
            f,
            snapshots::update(
                ID,
                &UpdateSnapshot {
                    name: Patch::Set(j["snapshot"]["name"].as_str().unwrap().into()),
                    description: Patch::Set(j["snapshot"]["description"].as_str().unwrap().into()),
                },
            ),
        );
    }
    let upload = UploadImage {
        image_name: "test".into(),
        force: false,
        disk_format: s("raw"),
        container_format: s("bare"),
        visibility: s("private"),
        protected: Some(false),
    };
    request(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volume_actions/volume-upload-to-image-request.json",
        upload_to_image(ID, &upload),
    );
    let up = response(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volume_actions/volume-upload-to-image-response.json",
        upload_to_image(ID, &upload),
        true,
    );
    assert_eq!(
        up.image_id.as_deref(),
        Some("de75b74e-7f0d-4b59-a263-bd87bfc313bd")
    );
    assert!(up.extra.is_empty(), "{:?}", up.extra);

    action_requests(&mut cov, ApiVersion::V3, "block-storage/v3/", &v3);
    action_requests(&mut cov, ApiVersion::V2, "block-storage/v2/", &v2);
    metadata_samples(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volumes/",
        "volume",
        &v3,
    );
    metadata_samples(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/snapshots/",
        "snapshot",
        &v3,
    );
    metadata_samples(&mut cov, ApiVersion::V2, "block-storage/v2/", "volume", &v2);
    metadata_samples(
        &mut cov,
        ApiVersion::V2,
        "block-storage/v2/",
        "snapshot",
        &v2,
    );

    // --- responses ---
    volume_responses(&mut cov, ApiVersion::V3, "block-storage/v3/volumes/", &v3);
    volume_responses(&mut cov, ApiVersion::V2, "block-storage/v2/", &v2);
    snapshot_responses(&mut cov, ApiVersion::V3, "block-storage/v3/snapshots/", &v3);
    snapshot_responses(&mut cov, ApiVersion::V2, "block-storage/v2/", &v2);
    let summary = response(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volumes/volumes-list-summary-response.json",
        volumes::summary(false),
        false,
    );
    assert_eq!((summary.total_size, summary.total_count), (4, 4));
    assert_eq!(summary.metadata["key1"], vec!["value1", "value2"]);

    // Microversion spot checks: fields appear in the version that added them.
    let v369 = response(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/volumes/v3.69/volume-show-response.json",
        volumes::get(ID),
        true,
    );
    assert_eq!(v369.consumes_quota, Some(true));
    assert_eq!(v369.bootable, Some(false));
    assert_eq!(v369.status, volumes::VolumeStatus::Creating);
    let s365 = response(
        &mut cov,
        ApiVersion::V3,
        "block-storage/v3/snapshots/v3.65/snapshot-show-response.json",
        snapshots::get(ID),
        true,
    );
    assert_eq!(s365.progress.as_deref(), Some("0%"));
    assert_eq!(s365.consumes_quota, Some(true));

    // --- exceptions ---
    let all: Vec<String> = v3.iter().chain(v2.iter()).cloned().collect();
    let mut checked_or_excepted = 0;
    for f in &all {
        if let Some(reason) = out_of_scope(f) {
            cov.except(f, &reason);
            checked_or_excepted += 1;
        }
    }
    assert!(checked_or_excepted > 0);
    cov.assert_complete("block-storage v2+v3", &all);
}

#[test]
fn linked_paging_of_volumes() {
    use ferrocloud::Paginated;
    let svc = cinder(ApiVersion::V3);
    let list = volumes::list_detail(&volumes::ListVolumes {
        common: ferrocloud::ListCommon {
            limit: Some(1),
            ..Default::default()
        },
        ..Default::default()
    });
    let req = list.first_request(&svc).unwrap();
    assert_eq!(
        req.uri(),
        &*format!("http://cinder.example/v3/{PROJECT}/volumes/detail?limit=1")
    );
    let body = format!(
        r#"{{"volumes": [{{"id": "a", "status": "available", "size": 1}}], "volumes_links": [{{"rel": "next", "href": "http://cinder.example/v3/{PROJECT}/volumes/detail?limit=1&marker=a"}}]}}"#
    );
    let page = list
        .parse_page(&svc, &req, http::Response::new(body.into()))
        .unwrap();
    assert_eq!(page.items[0].id, "a");
    assert!(page.next_url().unwrap().ends_with("marker=a"));
}

/// `value` without its `null` members (Cinder reads a `null` field as unset).
fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(m) => m
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, without_nulls(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other,
    }
}

/// Block Storage v1 has no samples in the corpus: these fixtures are the bodies of the
/// old v1 API reference ("Create volume", "Show volume information", "Update volume",
/// "Show snapshot information").
#[test]
fn block_storage_v1_fixtures() {
    let svc = cinder(ApiVersion::V1);
    let create = serde_json::json!({"volume": {
        "display_name": "vol-001",
        "display_description": "Another volume.",
        "size": 30,
        "volume_type": "289da7f8-6440-407c-9fb4-7db01ec49164",
        "metadata": {"contents": "junk"},
        "availability_zone": "us-east1"
    }});
    let op = volumes::create_in(
        ApiVersion::V1,
        &CreateVolume {
            name: s("vol-001"),
            description: s("Another volume."),
            size: Some(30),
            volume_type: s("289da7f8-6440-407c-9fb4-7db01ec49164"),
            metadata: md(&[("contents", "junk")]),
            availability_zone: s("us-east1"),
            ..Default::default()
        },
    );
    let req = op.request(&svc).unwrap();
    assert_eq!(
        (req.method().as_str(), req.uri().path()),
        ("POST", &*format!("/v1/{PROJECT}/volumes"))
    );
    let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(without_nulls(body), create);

    let update = serde_json::json!({"volume": {"display_name": "vol-003", "display_description": "This is yet, another volume."}});
    let req = volumes::update_in(
        ApiVersion::V1,
        ID,
        &UpdateVolume {
            name: Patch::Set("vol-003".into()),
            description: Patch::Set("This is yet, another volume.".into()),
            metadata: None,
        },
    )
    .request(&svc)
    .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
        update
    );

    let show = r#"{"volume": {
        "id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
        "display_name": "vol-001",
        "display_description": "Another volume.",
        "status": "available",
        "size": 30,
        "volume_type": "289da7f8-6440-407c-9fb4-7db01ec49164",
        "metadata": {"contents": "junk"},
        "availability_zone": "us-east1",
        "bootable": "false",
        "snapshot_id": null,
        "source_volid": null,
        "attachments": [{
            "id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
            "volume_id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
            "server_id": "d1c4788b-9435-42e2-9b81-29f3be1cd01f",
            "host_name": null,
            "device": "/dev/vdc"
        }],
        "created_at": "2012-02-14T20:53:07Z"
    }}"#;
    let vol = volumes::get(ID)
        .parse(http::Response::new(show.into()))
        .unwrap();
    assert_eq!(vol.name.as_deref(), Some("vol-001"));
    assert_eq!(vol.description.as_deref(), Some("Another volume."));
    assert_eq!(vol.bootable, Some(false));
    assert_eq!(vol.attachments[0].device.as_deref(), Some("/dev/vdc"));
    assert!(vol.extra.is_empty(), "{:?}", vol.extra);

    let create_snap = serde_json::json!({"snapshot": {
        "display_name": "snap-001",
        "display_description": "Daily backup",
        "volume_id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
        "force": true
    }});
    let req = snapshots::create_in(
        ApiVersion::V1,
        &CreateSnapshot {
            volume_id: "521752a6-acf6-4b2d-bc7a-119f9148cd8c".into(),
            force: true,
            name: s("snap-001"),
            description: s("Daily backup"),
            ..Default::default()
        },
    )
    .request(&svc)
    .unwrap();
    assert_eq!(req.uri().path(), format!("/v1/{PROJECT}/snapshots"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
        create_snap
    );

    let snap = r#"{"snapshot": {
        "id": "3fbbcccf-d058-4502-8844-6feeffdf4cb5",
        "display_name": "snap-001",
        "display_description": "Daily backup",
        "volume_id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
        "status": "available",
        "size": 30,
        "created_at": "2012-02-29T03:50:07Z"
    }}"#;
    let snap = snapshots::get(ID)
        .parse(http::Response::new(snap.into()))
        .unwrap();
    assert_eq!(snap.name.as_deref(), Some("snap-001"));
    assert_eq!(snap.description.as_deref(), Some("Daily backup"));
    assert!(snap.extra.is_empty(), "{:?}", snap.extra);
}
