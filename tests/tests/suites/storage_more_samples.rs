//! Cinder volume transfers (both routes, each microversion folder, and v2), attachments
//! (3.27+), QoS specs and quota classes (v3 and v2), messages (3.3+), group types
//! (3.11+), groups and group snapshots: every sample
//! parses into its type with no known field left untyped, and every request sample is
//! reproduced by the builders (JSON values, with method and path checked against
//! ENDPOINTS.tsv).

use ferrocloud::block_storage::actions::Connector;
use ferrocloud::block_storage::attachments::{
    self, AttachMode, Attachment, AttachmentStatus, CreateAttachment, ListAttachments,
};
use ferrocloud::block_storage::group_types::{
    self, CreateGroupType, GroupSpecs, GroupType, ListGroupTypes, UpdateGroupType,
};
use ferrocloud::block_storage::groups::{
    self, CreateGroup, CreateGroupFromSource, CreateGroupSnapshot, Failover, Group, GroupSnapshot,
    GroupSnapshotStatus, GroupStatus, ListGroups, UpdateGroup,
};
use ferrocloud::block_storage::messages::{self, ListMessages, MessageLevel};
use ferrocloud::block_storage::qos_specs::{self, Consumer, CreateQosSpec, ListQosSpecs, QosSpec};
use ferrocloud::block_storage::quota_classes;
use ferrocloud::block_storage::quota_sets::{QuotaSet, UpdateQuotaSet};
use ferrocloud::block_storage::transfers::{self, CreateTransfer, ListTransfers, Route};
use ferrocloud::block_storage::ApiVersion;
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

const PROJECT: &str = "0c2eba2c5af04d3f9e9d0d410b371fde";
const ID: &str = "2ef47aee-8844-490c-804d-2a8efe561c65";

pub(crate) fn cinder(file: &str) -> ServiceEndpoint {
    let v = if file.starts_with("block-storage/v2/") {
        ApiVersion::V2
    } else {
        ApiVersion::V3
    };
    ServiceEndpoint::new(
        ServiceType::BLOCK_STORAGE,
        &format!("http://cinder.example/{}/{PROJECT}", v.segment()),
    )
    .unwrap()
}

/// The microversion folder of a sample (`v3.57` → 57), 0 outside one.
fn minor(file: &str) -> u32 {
    file.split('/')
        .find_map(|s| s.strip_prefix("v3."))
        .map_or(0, |m| m.parse().unwrap())
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &cinder(file), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &cinder(file), file, op)
}

/// The sample files of a v2 / v3 root whose name starts with one of `prefixes`, plus
/// every file under the v3 folders `dirs`.
pub(crate) fn files(prefixes: &[&str], dirs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for d in dirs {
        out.extend(samples::files_under(&format!("block-storage/v3/{d}")));
    }
    for v in ["v3", "v2"] {
        for f in samples::files_under(&format!("block-storage/{v}")) {
            let rest = f.splitn(3, '/').nth(2).unwrap();
            if !rest.contains('/') && prefixes.iter().any(|p| rest.starts_with(p)) {
                out.push(f);
            }
        }
    }
    out
}

fn transfer_ok(file: &str, t: &transfers::Transfer, create: bool) {
    assert!(t.extra.is_empty(), "{file}: untyped {:?}", t.extra.keys());
    assert!(!t.id.is_empty() && t.volume_id.is_some() && t.name.is_some());
    assert_eq!(t.links.len(), 2, "{file}");
    assert_eq!(
        t.auth_key.is_some(),
        create,
        "{file}: the key only on create"
    );
    let m = minor(file);
    if m >= 55 {
        assert_eq!(t.no_snapshots, Some(false), "{file}");
    }
    assert_eq!(t.accepted.is_some(), m >= 57, "{file}: accepted from 3.57");
    assert_eq!(t.source_project_id.is_some(), m >= 57, "{file}");
}

#[test]
fn storage_transfer_samples() {
    let files = files(
        &["volume-transfer"],
        &["volume_transfer", "volume_transfers"],
    );
    assert_eq!(files.len(), 22, "{files:#?}");
    let mut cov = Coverage::new();
    let all = ListTransfers::default();

    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        // The 3.55+ samples live in `volume_transfers/`; the rest document the old route
        // (whose ENDPOINTS.tsv rows for the v3 lists also name the new one).
        let route = if f.contains("/volume_transfers/") {
            Route::VolumeTransfers
        } else {
            Route::OsVolumeTransfer
        };
        match name {
            "volume-transfer-create-request.json" | "volume-transfers-create-request.json" => {
                let body = samples::json(f);
                let t = &body["transfer"];
                let req = CreateTransfer {
                    volume_id: t["volume_id"].as_str().unwrap().into(),
                    name: t["name"].as_str().map(str::to_owned),
                    no_snapshots: t["no_snapshots"].as_bool(),
                };
                request(&mut cov, f, transfers::create(route, &req));
            }
            "volume-transfer-create-response.json" | "volume-transfers-create-response.json" => {
                let req = CreateTransfer {
                    volume_id: "v".into(),
                    ..Default::default()
                };
                let t = response(&mut cov, f, transfers::create(route, &req));
                transfer_ok(f, &t, true);
                assert!(t.created_at.is_some(), "{f}");
            }
            "volume-transfer-show-response.json" | "volume-transfers-show-response.json" => {
                let t = response(&mut cov, f, transfers::get(route, ID));
                transfer_ok(f, &t, false);
                assert!(t.created_at.is_some(), "{f}");
            }
            "volume-transfer-accept-request.json" | "volume-transfers-accept-request.json" => {
                let key = samples::json(f)["accept"]["auth_key"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                request(&mut cov, f, transfers::accept(route, ID, &key));
            }
            "volume-transfer-accept-response.json" | "volume-transfers-accept-response.json" => {
                let t = response(&mut cov, f, transfers::accept(route, ID, "k"));
                transfer_ok(f, &t, false);
                assert!(t.created_at.is_none(), "{f}");
            }
            "volume-transfers-list-response.json" => {
                let l = response(&mut cov, f, transfers::list(route, &all));
                assert!(!l.is_empty(), "{f}");
                l.iter().for_each(|t| {
                    transfer_ok(f, t, false);
                    assert!(t.created_at.is_none(), "{f}");
                });
            }
            "volume-transfers-list-detailed-response.json" => {
                let l = response(&mut cov, f, transfers::list_detail(route, &all));
                assert!(!l.is_empty(), "{f}");
                l.iter().for_each(|t| {
                    transfer_ok(f, t, false);
                    assert!(t.created_at.is_some(), "{f}");
                });
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage transfers", &files);
    assert_eq!(cov.checked(), 22);
}

fn attachment_ok(file: &str, a: &Attachment, detail: bool) {
    assert!(a.extra.is_empty(), "{file}: untyped {:?}", a.extra.keys());
    assert!(!a.id.is_empty() && a.volume_id.is_some() && a.instance.is_some());
    assert_eq!(a.status, AttachmentStatus::Attaching, "{file}");
    assert_eq!(a.attach_mode.is_some(), detail, "{file}");
    assert_eq!(a.attached_at.is_some(), detail, "{file}");
    assert_eq!(a.connection_info.is_some(), detail, "{file}");
    if detail {
        assert_eq!(a.attach_mode, Some(AttachMode::ReadOnly), "{file}");
    }
}

fn connector(file: &str) -> Connector {
    let body = samples::json(file);
    let c: Connector = serde_json::from_value(body["attachment"]["connector"].clone()).unwrap();
    assert_eq!(c.host.as_deref(), Some("tempest-1"));
    assert_eq!(c.multipath, Some(false));
    c
}

#[test]
fn storage_attachment_samples() {
    let files = files(&["attachment"], &[]);
    assert_eq!(files.len(), 8, "{files:#?}");
    let mut cov = Coverage::new();
    let all = ListAttachments::default();
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "attachment-create-request.json" => {
                let body = samples::json(f);
                let a = &body["attachment"];
                let req = CreateAttachment {
                    volume_uuid: a["volume_uuid"].as_str().unwrap().into(),
                    instance_uuid: a["instance_uuid"].as_str().map(str::to_owned),
                    connector: Some(connector(f)),
                    mode: None,
                };
                request(&mut cov, f, attachments::create(&req));
            }
            "attachment-create-response.json" => {
                let req = CreateAttachment {
                    volume_uuid: "v".into(),
                    ..Default::default()
                };
                attachment_ok(f, &response(&mut cov, f, attachments::create(&req)), true);
            }
            "attachment-show-response.json" => {
                attachment_ok(f, &response(&mut cov, f, attachments::get(ID)), true);
            }
            "attachment-list-response.json" => {
                let l = response(&mut cov, f, attachments::list(&all));
                assert_eq!(l.len(), 1, "{f}");
                attachment_ok(f, &l[0], false);
            }
            "attachment-list-detailed-response.json" => {
                let l = response(&mut cov, f, attachments::list_detail(&all));
                assert_eq!(l.len(), 1, "{f}");
                attachment_ok(f, &l[0], true);
            }
            "attachment-update-request.json" => {
                request(&mut cov, f, attachments::update(ID, &connector(f)));
            }
            "attachment-update-response.json" => {
                let op = attachments::update(ID, &Connector::default());
                attachment_ok(f, &response(&mut cov, f, op), true);
            }
            "attachment-complete.json" => {
                request(&mut cov, f, attachments::complete(ID));
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage attachments", &files);
    assert_eq!(cov.checked(), 8);
}

fn qos_ok(file: &str, q: &QosSpec) {
    assert!(q.extra.is_empty(), "{file}: untyped {:?}", q.extra.keys());
    assert!(!q.id.is_empty() && !q.name.is_empty(), "{file}");
    assert_eq!(q.consumer, Some(Consumer::BackEnd), "{file}");
}

#[test]
fn storage_qos_samples() {
    let files = files(&["qos"], &["qos"]);
    assert_eq!(files.len(), 16, "{files:#?}");
    let mut cov = Coverage::new();
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        let v2 = f.contains("/v2/");
        match name {
            "qos-create-request.json" => {
                let body = samples::json(f);
                let mut specs: qos_specs::Specs =
                    serde_json::from_value(body["qos_specs"].clone()).unwrap();
                let name = specs.remove("name").unwrap();
                let req = CreateQosSpec {
                    name,
                    consumer: None,
                    specs,
                };
                request(&mut cov, f, qos_specs::create(&req));
            }
            "qos-create-response.json" | "qos-show-response.json" => {
                let q = if name.contains("create") {
                    let req = CreateQosSpec {
                        name: "n".into(),
                        ..Default::default()
                    };
                    response(&mut cov, f, qos_specs::create(&req))
                } else {
                    response(&mut cov, f, qos_specs::get(ID))
                };
                qos_ok(f, &q);
                assert_eq!(q.specs.len(), if v2 { 2 } else { 0 }, "{f}");
                if v2 {
                    assert_eq!(q.specs["availability"], "100");
                }
            }
            "qos-list-response.json" => {
                let l = response(&mut cov, f, qos_specs::list(&ListQosSpecs::default()));
                assert_eq!(l.len(), if v2 { 2 } else { 1 }, "{f}");
                l.iter().for_each(|q| qos_ok(f, q));
            }
            "qos-update-request.json" | "qos-update-response.json" => {
                let specs: qos_specs::Specs = [("delay".to_string(), "1".to_string())].into();
                let op = qos_specs::set_keys(ID, &specs);
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    assert_eq!(response(&mut cov, f, op), specs);
                }
            }
            "qos-unset-request.json" => {
                request(&mut cov, f, qos_specs::unset_keys(ID, &["key1"]));
            }
            "qos_show_response.json" => {
                let l = response(&mut cov, f, qos_specs::list_associations(ID));
                assert_eq!(l.len(), usize::from(v2), "{f}");
                for a in &l {
                    assert!(a.extra.is_empty(), "{f}");
                    assert_eq!(a.association_type, "volume_type");
                    assert!(!a.id.is_empty() && !a.name.is_empty());
                }
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage QoS specs", &files);
    assert_eq!(cov.checked(), 16);
}

fn class_ok(file: &str, q: &QuotaSet, show: bool) {
    assert_eq!(q.id.is_some(), show, "{file}: id only in show");
    assert_eq!(q.volumes, Some(10), "{file}");
    assert_eq!(q.gigabytes, Some(1000), "{file}");
    assert!(q.backups.is_some() && q.backup_gigabytes.is_some() && q.groups.is_some());
    assert_eq!(q.per_volume_gigabytes, Some(-1), "{file}");
    for k in q.extra.keys() {
        assert!(
            ["volumes_", "gigabytes_", "snapshots_"]
                .iter()
                .any(|p| k.starts_with(p)),
            "{file}: untyped {k}"
        );
    }
    assert_eq!(
        q.of_type("gigabytes", "__DEFAULT__").is_some(),
        file.contains("/quota_classes/")
    );
}

#[test]
fn storage_quota_class_samples() {
    let files = files(&["quota-classes"], &["quota_classes"]);
    assert_eq!(files.len(), 9, "{files:#?}");
    let mut cov = Coverage::new();
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "quota-classes-show-response.json" => {
                let q = response(&mut cov, f, quota_classes::get("test_class"));
                class_ok(f, &q, true);
            }
            "quota-classes-update-request.json" => {
                let mut change = UpdateQuotaSet::default();
                if f.contains("/quota_classes/") {
                    change.volumes = Some(10);
                    change.gigabytes = Some(1000);
                    change.snapshots = Some(10);
                } else {
                    change
                        .set_for_type("volumes", "lmv", 10)
                        .set_for_type("gigabytes", "lmv", 1000)
                        .set_for_type("snapshots", "lmv", 10);
                }
                request(&mut cov, f, quota_classes::update("test_class", &change));
            }
            "quota-classes-update-response.json" => {
                let change = UpdateQuotaSet {
                    volumes: Some(10),
                    ..Default::default()
                };
                let q = response(&mut cov, f, quota_classes::update("test_class", &change));
                class_ok(f, &q, false);
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage quota classes", &files);
    assert_eq!(cov.checked(), 9);
}

#[test]
fn storage_message_samples() {
    let files = files(&["messages"], &[]);
    assert_eq!(files.len(), 2, "{files:#?}");
    let mut cov = Coverage::new();
    for f in &files {
        let got = if f.ends_with("messages-list-response.json") {
            let l = response(&mut cov, f, messages::list(&ListMessages::default()));
            assert_eq!(l.len(), 2, "{f}");
            l
        } else {
            vec![response(&mut cov, f, messages::get(ID))]
        };
        for m in &got {
            assert!(m.extra.is_empty(), "{f}: untyped {:?}", m.extra.keys());
            assert_eq!(m.message_level, Some(MessageLevel::Error));
            assert_eq!(m.event_id, "VOLUME_000002");
            assert!(m.user_message.starts_with("No storage"), "{f}");
            assert_eq!(m.resource_type.as_deref(), Some("VOLUME"));
            assert!(m.resource_uuid.is_some() && m.request_id.is_some());
            assert!(m.created_at.is_some() && m.guaranteed_until.is_some());
            assert_eq!(m.links.len(), 2);
        }
    }
    cov.assert_complete("block-storage messages", &files);
    assert_eq!(cov.checked(), 2);
}

fn group_type_ok(file: &str, t: &GroupType) {
    assert!(t.extra.is_empty(), "{file}: untyped {:?}", t.extra.keys());
    assert!(!t.id.is_empty() && !t.name.is_empty() && t.description.is_some());
    assert_eq!(t.is_public, Some(true), "{file}");
    assert!(t.group_specs.is_some(), "{file}");
}

fn group_specs(file: &str) -> GroupSpecs {
    let body = samples::json(file);
    serde_json::from_value(body.get("group_specs").unwrap_or(&body).clone()).unwrap()
}

#[test]
fn storage_group_type_samples() {
    let files = files(&["group-type"], &[]);
    assert_eq!(files.len(), 11, "{files:#?}");
    let mut cov = Coverage::new();
    let two: GroupSpecs = [
        ("key1".to_string(), "value1".to_string()),
        ("key2".to_string(), "value2".to_string()),
    ]
    .into();
    let one: GroupSpecs = [("key1".to_string(), "value1".to_string())].into();
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "group-type-create-request.json" => {
                let body = samples::json(f);
                let t = &body["group_type"];
                let req = CreateGroupType {
                    name: t["name"].as_str().unwrap().into(),
                    description: t["description"].as_str().map(str::to_owned),
                    is_public: t["is_public"].as_bool(),
                    group_specs: serde_json::from_value(t["group_specs"].clone()).unwrap(),
                };
                request(&mut cov, f, group_types::create(&req));
            }
            "group-type-update-request.json" => {
                let req = UpdateGroupType {
                    name: Some("grp-type-001".into()),
                    description: Some("group type 0001".into()),
                    is_public: Some(true),
                };
                request(&mut cov, f, group_types::update(ID, &req));
            }
            "group-type-show-response.json" => {
                let t = response(&mut cov, f, group_types::get(ID));
                group_type_ok(f, &t);
                assert_eq!(t.group_specs.unwrap().len(), 1);
            }
            "group-type-default-response.json" => {
                let t = response(&mut cov, f, group_types::get_default());
                group_type_ok(f, &t);
                assert_eq!(t.group_specs, Some(GroupSpecs::new()));
            }
            "group-types-list-response.json" => {
                let l = response(&mut cov, f, group_types::list(&ListGroupTypes::default()));
                assert_eq!(l.len(), 2, "{f}");
                l.iter().for_each(|t| group_type_ok(f, t));
            }
            "group-type-specs-create-request.json" => {
                assert_eq!(group_specs(f), two);
                request(&mut cov, f, group_types::set_group_specs(ID, &two));
            }
            "group-type-specs-create-response.json" => {
                let got = response(&mut cov, f, group_types::set_group_specs(ID, &two));
                assert_eq!(got, two);
            }
            "group-type-specs-list-response.json" => {
                assert_eq!(
                    response(&mut cov, f, group_types::list_group_specs(ID)),
                    two
                );
            }
            "group-type-specs-show-response.json" => {
                let got = response(&mut cov, f, group_types::get_group_spec(ID, "key1"));
                assert_eq!(got, one);
            }
            "group-type-specs-update-request.json" => {
                assert_eq!(group_specs(f), one);
                let op = group_types::update_group_spec(ID, "key1", "value1");
                request(&mut cov, f, op);
            }
            "group-type-specs-update-response.json" => {
                let op = group_types::update_group_spec(ID, "key1", "value1");
                assert_eq!(response(&mut cov, f, op), one);
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage group types", &files);
    assert_eq!(cov.checked(), 11);
}

fn group_ok(file: &str, g: &Group, detail: bool) {
    assert!(g.extra.is_empty(), "{file}: untyped {:?}", g.extra.keys());
    assert!(!g.id.is_empty() && g.name.is_some(), "{file}");
    assert_eq!(g.status.is_some(), detail, "{file}");
    assert_eq!(g.group_type.is_some(), detail, "{file}");
    assert_eq!(g.created_at.is_some(), detail, "{file}");
    if detail {
        assert!(!matches!(g.status, Some(GroupStatus::Other(_))), "{file}");
        assert!(!g.volume_types.as_ref().unwrap().is_empty(), "{file}");
        assert_eq!(g.volumes.as_ref().map(Vec::len), Some(1), "{file}");
    }
}

fn group_snapshot_ok(file: &str, g: &GroupSnapshot, detail: bool) {
    assert!(g.extra.is_empty(), "{file}: untyped {:?}", g.extra.keys());
    assert!(!g.id.is_empty() && g.name.is_some(), "{file}");
    assert_eq!(g.status.is_some(), detail, "{file}");
    assert_eq!(g.group_id.is_some(), detail, "{file}");
    if detail {
        assert!(g.group_type_id.is_some() && g.created_at.is_some());
        assert!(!matches!(g.status, Some(GroupSnapshotStatus::Other(_))));
    }
}

#[test]
fn storage_group_samples() {
    let files: Vec<String> = files(&["group-", "groups-"], &[])
        .into_iter()
        .filter(|f| !f.contains("/group-type"))
        .collect();
    assert_eq!(files.len(), 21, "{files:#?}");
    let mut cov = Coverage::new();
    let all = ListGroups::default();
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "group-create-request.json" => {
                let body = samples::json(f);
                let g = &body["group"];
                let req = CreateGroup {
                    name: g["name"].as_str().map(str::to_owned),
                    description: g["description"].as_str().map(str::to_owned),
                    group_type: g["group_type"].as_str().unwrap().into(),
                    volume_types: serde_json::from_value(g["volume_types"].clone()).unwrap(),
                    availability_zone: g["availability_zone"].as_str().map(str::to_owned),
                };
                request(&mut cov, f, groups::create(&req));
            }
            "group-create-response.json" => {
                let req = CreateGroup {
                    group_type: "t".into(),
                    volume_types: vec!["v".into()],
                    ..Default::default()
                };
                group_ok(f, &response(&mut cov, f, groups::create(&req)), false);
            }
            "group-create-from-src-request.json" | "group-create-from-src-response.json" => {
                let req = CreateGroupFromSource {
                    name: Some("first_group".into()),
                    description: Some("first group".into()),
                    group_snapshot_id: Some("6f519a48-3183-46cf-a32f-41815f813986".into()),
                    source_group_id: None,
                };
                let op = groups::create_from_source(&req);
                if name.contains("request") {
                    request(&mut cov, f, op);
                } else {
                    group_ok(f, &response(&mut cov, f, op), false);
                }
            }
            "group-show-response.json" => {
                group_ok(f, &response(&mut cov, f, groups::get(ID)), true);
            }
            "groups-list-response.json" => {
                let l = response(&mut cov, f, groups::list(&all));
                assert_eq!(l.len(), 2, "{f}");
                l.iter().for_each(|g| group_ok(f, g, false));
            }
            "groups-list-detailed-response.json" => {
                let l = response(&mut cov, f, groups::list_detail(&all));
                assert_eq!(l.len(), 2, "{f}");
                l.iter().for_each(|g| group_ok(f, g, true));
            }
            "group-update-request.json" => {
                let req = UpdateGroup {
                    name: Some("my_group".into()),
                    description: Some("My group".into()),
                    add_volumes: vec!["volume-uuid-1".into(), "volume-uuid-2".into()],
                    remove_volumes: vec!["volume-uuid-8".into(), "volume-uuid-9".into()],
                };
                request(&mut cov, f, groups::update(ID, &req));
            }
            "group-delete-request.json" => request(&mut cov, f, groups::delete(ID, false)),
            "group-reset-status-request.json" => {
                request(
                    &mut cov,
                    f,
                    groups::reset_status(ID, &GroupStatus::Available),
                );
            }
            "group-replication-enable.json" => {
                request(&mut cov, f, groups::enable_replication(ID));
            }
            "group-replication-disable.json" => {
                request(&mut cov, f, groups::disable_replication(ID));
            }
            "group-replication-failover.json" => {
                let to = Failover {
                    allow_attached_volume: Some(true),
                    secondary_backend_id: Some("vendor-id-1".into()),
                };
                request(&mut cov, f, groups::failover_replication(ID, &to));
            }
            "group-replication-list-targets.json" => {
                request(&mut cov, f, groups::list_replication_targets(ID));
            }
            "group-replication-target.json" => {
                let t = response(&mut cov, f, groups::list_replication_targets(ID));
                assert_eq!(t["backend_id"], "vendor-id-1");
            }
            "group-snapshots-create-request.json" => {
                let req = CreateGroupSnapshot {
                    group_id: "6f519a48-3183-46cf-a32f-41815f814546".into(),
                    name: Some("first_group_snapshot".into()),
                    description: Some("first group snapshot".into()),
                };
                request(&mut cov, f, groups::create_snapshot(&req));
            }
            "group-snapshots-create-response.json" => {
                let req = CreateGroupSnapshot {
                    group_id: "g".into(),
                    ..Default::default()
                };
                let g = response(&mut cov, f, groups::create_snapshot(&req));
                group_snapshot_ok(f, &g, false);
                assert!(g.group_type_id.is_some());
            }
            "group-snapshots-show-response.json" => {
                let g = response(&mut cov, f, groups::get_snapshot(ID));
                group_snapshot_ok(f, &g, true);
            }
            "group-snapshots-list-response.json" => {
                let l = response(&mut cov, f, groups::list_snapshots(&all));
                assert_eq!(l.len(), 2, "{f}");
                l.iter().for_each(|g| group_snapshot_ok(f, g, false));
            }
            "group-snapshots-list-detailed-response.json" => {
                let l = response(&mut cov, f, groups::list_snapshots_detail(&all));
                assert_eq!(l.len(), 2, "{f}");
                l.iter().for_each(|g| group_snapshot_ok(f, g, true));
            }
            "group-snapshot-reset-status-request.json" => {
                let op = groups::reset_snapshot_status(ID, &GroupSnapshotStatus::Available);
                request(&mut cov, f, op);
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage groups", &files);
    assert_eq!(cov.checked(), 21);
}
