//! Nova servers samples, in every microversion folder: servers, server actions (incl.
//! admin actions, lock, pause, suspend, shelve, rescue, migrate, evacuate, backup,
//! deferred delete, multiple create, preserve-ephemeral rebuild), consoles, metadata,
//! addresses and tags; every file of os-security-groups (the add/remove actions and the
//! deprecated group and rule proxy of `compute::security_groups`). Every response parses
//! into its type (servers with no unknown field left over), every request is rebuilt by
//! the builders and compared as a JSON value, with method and path checked against
//! ENDPOINTS.tsv. A `Coverage` record proves that no file of these folders was skipped;
//! exceptions carry their reason.

use ::base64::Engine as _;
use ferrocloud::compute::security_groups::{self as secgroups, CreateRule, CreateSecurityGroup};
use ferrocloud::compute::server_actions::{self as act, *};
use ferrocloud::compute::server_consoles::{self as consoles, Protocol, RemoteConsoleType};
use ferrocloud::compute::servers::{self, *};
use ferrocloud::{Operation, Patch, Secret, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};
use serde_json::{Map, Value};

const ID: &str = "0e44cc9c-e052-415d-afbf-469b0d384170";

/// Folders whose every file is in scope.
const DIRS: &[&str] = &[
    "servers",
    "servers-sort",
    "server-ips",
    "server-metadata",
    "os-server-tags",
    "os-console-output",
    "os-remote-consoles",
    "os-admin-actions",
    "os-admin-password",
    "os-create-backup",
    "os-evacuate",
    "os-lock-server",
    "os-migrate-server",
    "os-pause-server",
    "os-rescue",
    "os-shelve",
    "os-suspend-server",
    "os-preserve-ephemeral-rebuild",
    "os-multiple-create",
    "os-deferred-delete",
];

fn nova() -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova.example/v2.1").unwrap()
}

fn in_scope() -> Vec<String> {
    let mut files: Vec<String> = DIRS
        .iter()
        .flat_map(|d| samples::files_under(&format!("compute/{d}")))
        .collect();
    // Every file of os-security-groups: the server actions and the deprecated group
    // proxy (`compute::security_groups`, pinned to 2.35).
    files.extend(samples::files_under("compute/os-security-groups"));
    files.sort();
    files
}

/// Builds `op`, compares its body with the request sample and checks the endpoint.
fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &nova(), file, op)
}

/// Keys whose values Nova also accepts as strings (`"1"`, `"True"`); the samples use
/// strings, ferrocloud sends numbers and booleans.
const STRINGLY: &[&str] = &[
    "volume_size",
    "min_count",
    "max_count",
    "return_reservation_id",
    "onSharedStorage",
];

fn normalize(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let v = match (STRINGLY.contains(&k.as_str()), v) {
                        (true, Value::String(s)) => match s.as_str() {
                            "True" | "true" => Value::Bool(true),
                            "False" | "false" => Value::Bool(false),
                            n => Value::from(n.parse::<u64>().expect("numeric string")),
                        },
                        (_, v) => normalize(v),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(normalize).collect()),
        v => v,
    }
}

/// Like [`request`], with the sample's numeric and boolean strings read as values.
fn request_normalized<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    let req = op
        .request(&nova())
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let got: Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(got, normalize(samples::json(cov.check(file))), "{file}");
    samples::assert_endpoint(file, &req);
}

/// Parses the response sample with `op` (and checks `op`'s endpoint).
fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &nova(), file, op)
}

fn server_complete(file: &str, s: &Server) {
    assert!(!s.id.is_empty(), "{file}");
    assert!(
        s.extra.is_empty(),
        "{file}: unknown server fields {:?}",
        s.extra.keys()
    );
}

fn full_server(file: &str, s: &Server) {
    server_complete(file, s);
    if s.status == Some(ServerStatus::Unknown) {
        // A server of a down cell (2.69+): only what the API database knows.
        assert!(version_of(file) >= (2, 69), "{file}");
        return;
    }
    assert!(s.created.is_some() && s.status.is_some(), "{file}");
    assert!(s.flavor.is_some(), "{file}: flavor");
    let version = version_of(file);
    match s.flavor.as_ref().unwrap() {
        ServerFlavor::Ref { id, .. } => {
            assert!(version < (2, 47), "{file}: flavor ref at {version:?}");
            assert!(!id.is_empty(), "{file}");
        }
        ServerFlavor::Embedded(f) => {
            assert!(version >= (2, 47), "{file}: embedded flavor at {version:?}");
            assert!(!f.original_name.is_empty() && f.ram > 0, "{file}");
        }
    }
}

/// The microversion of a sample from its folder (`v2.47` → (2, 47); none → (2, 1)).
fn version_of(file: &str) -> (u32, u32) {
    file.split('/')
        .find_map(|seg| {
            let v = seg.strip_prefix('v')?;
            let (a, b) = v.split_once('.')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .unwrap_or((2, 1))
}

fn str_of(v: &Value) -> String {
    v.as_str().expect("string").to_owned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("array").iter().map(str_of).collect()
}

fn metadata(v: &Value) -> ferrocloud::Metadata {
    v.as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), str_of(v)))
        .collect()
}

fn decode64(v: &Value) -> Vec<u8> {
    ::base64::engine::general_purpose::STANDARD
        .decode(str_of(v))
        .expect("base64 user_data")
}

fn personality(v: &Value) -> Vec<Personality> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|p| Personality {
            path: str_of(&p["path"]),
            contents: str_of(&p["contents"]),
        })
        .collect()
}

fn num(v: &Value) -> u64 {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .expect("number")
}

/// What a user would write for the create sample: every key mapped to its typed field
/// (an unknown key fails the test, so nothing slips through `extra`).
fn create_of(sample: &Value) -> (CreateServer, bool) {
    let mut c = CreateServer::default();
    let mut reservation = false;
    for (k, v) in sample["server"].as_object().unwrap() {
        match k.as_str() {
            "name" => c.name = str_of(v),
            "imageRef" => c.image_ref = Some(str_of(v)),
            "flavorRef" => c.flavor_ref = str_of(v),
            "adminPass" => c.admin_pass = Some(Secret::new(str_of(v))),
            "accessIPv4" => c.access_ip_v4 = Some(str_of(v)),
            "accessIPv6" => c.access_ip_v6 = Some(str_of(v)),
            "availability_zone" => c.availability_zone = Some(str_of(v)),
            "OS-DCF:diskConfig" => c.disk_config = Some(v.as_str().unwrap().into()),
            "metadata" => c.metadata = metadata(v),
            "personality" => c.personality = personality(v),
            "security_groups" => {
                c.security_groups = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|g| str_of(&g["name"]))
                    .collect()
            }
            "user_data" => c.user_data = Some(decode64(v)),
            "networks" => {
                c.networks = Some(match v {
                    Value::String(s) if s == "auto" => Networks::Auto,
                    Value::String(s) if s == "none" => Networks::None,
                    Value::Array(l) => Networks::List(
                        l.iter()
                            .map(|n| NetworkSpec {
                                uuid: n.get("uuid").map(str_of),
                                port: n.get("port").map(str_of),
                                fixed_ip: n.get("fixed_ip").map(str_of),
                                tag: n.get("tag").map(str_of),
                            })
                            .collect(),
                    ),
                    other => panic!("networks {other}"),
                })
            }
            "block_device_mapping_v2" => {
                c.block_device_mapping_v2 = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| BlockDeviceMapping {
                        boot_index: b.get("boot_index").map(|i| i.as_i64().unwrap() as i32),
                        uuid: b.get("uuid").map(str_of),
                        source_type: b.get("source_type").map(str_of),
                        destination_type: b.get("destination_type").map(str_of),
                        volume_size: b.get("volume_size").map(num),
                        tag: b.get("tag").map(str_of),
                        volume_type: b.get("volume_type").map(str_of),
                        ..Default::default()
                    })
                    .collect()
            }
            "tags" => c.tags = strings(v),
            "trusted_image_certificates" => c.trusted_image_certificates = strings(v),
            "hostname" => c.hostname = Some(str_of(v)),
            "description" => c.description = Some(str_of(v)),
            "host" => c.host = Some(str_of(v)),
            "hypervisor_hostname" => c.hypervisor_hostname = Some(str_of(v)),
            "min_count" => c.min_count = Some(num(v) as u32),
            "max_count" => c.max_count = Some(num(v) as u32),
            "return_reservation_id" => reservation = true,
            other => panic!("create sample key {other} is not mapped"),
        }
    }
    for (key, which) in [
        ("OS-SCH-HNT:scheduler_hints", SchedulerHintsKey::Legacy),
        ("os:scheduler_hints", SchedulerHintsKey::Os),
    ] {
        if let Some(h) = sample.get(key) {
            c.scheduler_hints = hints_of(h);
            c.scheduler_hints_key = which;
        }
    }
    (c, reservation)
}

/// A sample's scheduler hints in the typed form (a server list may be one string).
fn hints_of(sample: &Value) -> SchedulerHints {
    let list = |v: &Value| match v {
        Value::String(s) => vec![s.clone()],
        other => serde_json::from_value(other.clone()).unwrap(),
    };
    let mut h = SchedulerHints::default();
    for (k, v) in sample.as_object().unwrap() {
        match k.as_str() {
            "group" => h.group = Some(str_of(v)),
            "same_host" => h.same_host = list(v),
            "different_host" => h.different_host = list(v),
            "different_cell" => h.different_cell = list(v),
            "target_cell" => h.target_cell = Some(str_of(v)),
            "build_near_host_ip" => h.build_near_host_ip = Some(str_of(v)),
            "cidr" => h.cidr = Some(str_of(v)),
            _ => {
                h.additional.insert(k.clone(), v.clone());
            }
        }
    }
    h
}

fn rebuild_of(sample: &Value) -> Rebuild {
    let mut r = Rebuild::default();
    for (k, v) in sample["rebuild"].as_object().unwrap() {
        match k.as_str() {
            "imageRef" => r.image_ref = str_of(v),
            "name" => r.name = Some(str_of(v)),
            "adminPass" => r.admin_pass = Some(Secret::new(str_of(v))),
            "metadata" => r.metadata = Some(metadata(v)),
            "accessIPv4" => r.access_ip_v4 = Some(str_of(v)),
            "accessIPv6" => r.access_ip_v6 = Some(str_of(v)),
            "OS-DCF:diskConfig" => r.disk_config = Some(v.as_str().unwrap().into()),
            "personality" => r.personality = personality(v),
            "preserve_ephemeral" => r.preserve_ephemeral = v.as_bool(),
            "description" => r.description = Patch::Set(str_of(v)),
            "key_name" => r.key_name = Patch::Set(str_of(v)),
            "user_data" => r.user_data = Patch::Set(decode64(v)),
            "trusted_image_certificates" => r.trusted_image_certificates = Patch::Set(strings(v)),
            "hostname" => r.hostname = Some(str_of(v)),
            other => panic!("rebuild sample key {other} is not mapped"),
        }
    }
    r
}

fn update_of(sample: &Value) -> UpdateServer {
    let mut u = UpdateServer::default();
    for (k, v) in sample["server"].as_object().unwrap() {
        match k.as_str() {
            "name" => u.name = Some(str_of(v)),
            "description" => u.description = Patch::Set(str_of(v)),
            "accessIPv4" => u.access_ip_v4 = Some(str_of(v)),
            "accessIPv6" => u.access_ip_v6 = Some(str_of(v)),
            "OS-DCF:diskConfig" => u.disk_config = Some(v.as_str().unwrap().into()),
            "hostname" => u.hostname = Some(str_of(v)),
            "pinned_availability_zone" => {
                u.pinned_availability_zone = match v {
                    Value::Null => Patch::Null,
                    v => Patch::Set(str_of(v)),
                }
            }
            other => panic!("update sample key {other} is not mapped"),
        }
    }
    u
}

/// Reads the action sample's single `{"<name>": body}` entry.
fn action_body(file: &str) -> (String, Value) {
    let v = samples::json(file);
    let m = v.as_object().unwrap();
    assert_eq!(m.len(), 1, "{file}");
    let (k, v) = m.iter().next().unwrap();
    (k.clone(), v.clone())
}

/// Every request and response sample of a server action, by the action it carries.
fn action_sample(cov: &mut Coverage, file: &str) -> bool {
    let (name, body) = action_body(file);
    let s = |k: &str| body.get(k).map(str_of);
    match name.as_str() {
        "reboot" => {
            let kind = match body["type"].as_str().unwrap() {
                "HARD" => RebootType::Hard,
                _ => RebootType::Soft,
            };
            request(cov, file, act::reboot(ID, kind));
        }
        "rebuild" => request(
            cov,
            file,
            act::rebuild(ID, &rebuild_of(&samples::json(file))),
        ),
        "resize" => request(
            cov,
            file,
            act::resize(
                ID,
                &str_of(&body["flavorRef"]),
                body.get("OS-DCF:diskConfig")
                    .map(|d| d.as_str().unwrap().into()),
            ),
        ),
        "confirmResize" => request(cov, file, act::confirm_resize(ID)),
        "revertResize" => request(cov, file, act::revert_resize(ID)),
        "os-start" => request(cov, file, act::start(ID)),
        "os-stop" => request(cov, file, act::stop(ID)),
        "pause" => request(cov, file, act::pause(ID)),
        "unpause" => request(cov, file, act::unpause(ID)),
        "suspend" => request(cov, file, act::suspend(ID)),
        "resume" => request(cov, file, act::resume(ID)),
        "lock" => request(cov, file, act::lock(ID, s("locked_reason").as_deref())),
        "unlock" => request(cov, file, act::unlock(ID)),
        "shelve" => request(cov, file, act::shelve(ID)),
        "shelveOffload" => request(cov, file, act::shelve_offload(ID)),
        "unshelve" => {
            let az = match body.get("availability_zone") {
                None => Patch::Keep,
                Some(Value::Null) => Patch::Null,
                Some(v) => Patch::Set(str_of(v)),
            };
            request(
                cov,
                file,
                act::unshelve(
                    ID,
                    &Unshelve {
                        availability_zone: az,
                        host: s("host"),
                    },
                ),
            )
        }
        "createImage" => request(
            cov,
            file,
            act::create_image(ID, &str_of(&body["name"]), &metadata(&body["metadata"])),
        ),
        "createBackup" => request(
            cov,
            file,
            act::create_backup(
                ID,
                &CreateBackup {
                    name: str_of(&body["name"]),
                    backup_type: str_of(&body["backup_type"]),
                    rotation: num(&body["rotation"]) as u32,
                    ..Default::default()
                },
            ),
        ),
        "rescue" => request(
            cov,
            file,
            act::rescue(
                ID,
                &Rescue {
                    admin_pass: s("adminPass").map(Secret::new),
                    rescue_image_ref: s("rescue_image_ref"),
                },
            ),
        ),
        "unrescue" => request(cov, file, act::unrescue(ID)),
        "changePassword" => request(
            cov,
            file,
            act::change_password(ID, &Secret::new(str_of(&body["adminPass"]))),
        ),
        "addSecurityGroup" => request(
            cov,
            file,
            act::add_security_group(ID, &str_of(&body["name"])),
        ),
        "removeSecurityGroup" => request(
            cov,
            file,
            act::remove_security_group(ID, &str_of(&body["name"])),
        ),
        "addFloatingIp" => request(
            cov,
            file,
            act::add_floating_ip(ID, &str_of(&body["address"]), s("fixed_address").as_deref()),
        ),
        "removeFloatingIp" => request(
            cov,
            file,
            act::remove_floating_ip(ID, &str_of(&body["address"])),
        ),
        "migrate" => request(cov, file, act::migrate(ID, s("host").as_deref())),
        "os-migrateLive" => request(
            cov,
            file,
            act::live_migrate(
                ID,
                &LiveMigrate {
                    host: s("host"),
                    block_migration: match &body["block_migration"] {
                        Value::Bool(b) => BlockMigration::Bool(*b),
                        _ => BlockMigration::Auto,
                    },
                    disk_over_commit: body.get("disk_over_commit").and_then(Value::as_bool),
                    force: body.get("force").and_then(Value::as_bool),
                },
            ),
        ),
        "evacuate" => request_normalized(
            cov,
            file,
            act::evacuate(
                ID,
                &Evacuate {
                    host: s("host"),
                    admin_pass: s("adminPass").map(Secret::new),
                    on_shared_storage: body.get("onSharedStorage").map(|v| v == "True"),
                    force: body.get("force").and_then(Value::as_bool),
                },
            ),
        ),
        "os-resetState" => {
            let state = match body["state"].as_str().unwrap() {
                "error" => ResetState::Error,
                _ => ResetState::Active,
            };
            request(cov, file, act::reset_state(ID, state))
        }
        "injectNetworkInfo" => request(cov, file, act::inject_network_info(ID)),
        "resetNetwork" => request(cov, file, act::reset_network(ID)),
        "trigger_crash_dump" => request(cov, file, act::trigger_crash_dump(ID)),
        "forceDelete" => request(cov, file, servers::force_delete(ID)),
        "restore" => request(cov, file, servers::restore(ID)),
        "os-getConsoleOutput" => request(
            cov,
            file,
            consoles::console_output(ID, body.get("length").map(|l| num(l) as u32)),
        ),
        "os-getVNCConsole" | "os-getSPICEConsole" | "os-getRDPConsole" | "os-getSerialConsole" => {
            request(
                cov,
                file,
                consoles::get_console(ID, body["type"].as_str().unwrap().into()),
            )
        }
        "remote_console" => request(
            cov,
            file,
            consoles::create_remote_console(
                ID,
                body["protocol"].as_str().unwrap().into(),
                body["type"].as_str().unwrap().into(),
            ),
        ),
        _ => return false,
    }
    true
}

fn check(cov: &mut Coverage, file: &str) {
    let name = file.rsplit('/').next().unwrap();
    let dir = file.split('/').nth(1).unwrap();
    let create = || create_of(&samples::json(file)).0;
    match (dir, name) {
        // --- server create / get / list / update / rebuild responses
        (_, n)
            if n.starts_with("server-create-req")
                || n == "multiple-create-no-resv-post-req.json" =>
        {
            request_normalized(cov, file, servers::create(&create()))
        }
        (_, "multiple-create-post-req.json") => {
            let (c, reservation) = create_of(&samples::json(file));
            assert!(reservation, "{file}");
            request_normalized(cov, file, servers::create_reservation(&c))
        }
        (_, "multiple-create-post-resp.json") => {
            let c = CreateServer {
                name: "x".into(),
                flavor_ref: "1".into(),
                ..Default::default()
            };
            let r = response(cov, file, servers::create_reservation(&c));
            assert!(r.starts_with("r-"), "{file}");
        }
        (_, "server-create-resp.json" | "multiple-create-no-resv-post-resp.json") => {
            let c = CreateServer {
                name: "x".into(),
                flavor_ref: "1".into(),
                ..Default::default()
            };
            let s = response(cov, file, servers::create(&c));
            server_complete(file, &s);
            assert!(!s.links.is_empty(), "{file}");
            assert!(s.admin_pass.is_some(), "{file}: adminPass");
            assert!(!format!("{s:?}").contains(s.admin_pass.as_ref().unwrap().expose()));
        }
        (
            _,
            "server-get-resp.json"
            | "server-get-down-cell-resp.json"
            | "server-get-resp-rescue.json"
            | "server-get-resp-unrescue.json"
            | "server-tags-show-details-resp.json",
        ) => {
            let s = response(cov, file, servers::get(ID));
            if name == "server-get-down-cell-resp.json" {
                server_complete(file, &s);
                assert_eq!(s.status, Some(ServerStatus::Unknown));
            } else {
                full_server(file, &s);
            }
            if name == "server-get-resp-rescue.json" {
                assert_eq!(s.status, Some(ServerStatus::Rescue), "{file}");
            }
        }
        (
            _,
            "servers-details-resp.json"
            | "servers-details-with-changes-before.json"
            | "servers-tags-details-resp.json",
        ) => {
            let l = response(cov, file, servers::list_detail(&Default::default()));
            assert!(!l.is_empty(), "{file}");
            for s in &l {
                full_server(file, s);
            }
        }
        (
            _,
            "servers-list-resp.json"
            | "servers-list-status-resp.json"
            | "servers-list-with-changes-before.json"
            | "server-sort-keys-list-resp.json",
        ) => {
            let l = response(cov, file, servers::list(&Default::default()));
            assert!(!l.is_empty(), "{file}");
            assert!(
                l.iter()
                    .all(|s| !s.id.is_empty() && s.links.len() == 2 && s.extra.is_empty()),
                "{file}"
            );
        }
        (_, "server-update-req.json" | "server-put-req.json") => request(
            cov,
            file,
            servers::update(ID, &update_of(&samples::json(file))),
        ),
        (_, "server-update-resp.json" | "server-put-resp.json") => {
            let s = response(
                cov,
                file,
                servers::update(
                    ID,
                    &UpdateServer {
                        name: Some("x".into()),
                        ..Default::default()
                    },
                ),
            );
            full_server(file, &s);
        }
        (
            _,
            "server-action-rebuild-resp.json"
            | "server-action-rebuild-preserve-ephemeral-resp.json",
        ) => {
            let s = response(
                cov,
                file,
                act::rebuild(
                    ID,
                    &Rebuild {
                        image_ref: "i".into(),
                        ..Default::default()
                    },
                ),
            );
            full_server(file, &s);
        }
        // --- other responses of actions
        (_, "server-action-create-image-resp.json") => {
            let id = response(cov, file, act::create_image(ID, "n", &Default::default()));
            assert!(!id.is_empty());
        }
        (_, "create-backup-resp.json") => {
            let id = response(cov, file, act::create_backup(ID, &Default::default()));
            assert!(!id.is_empty());
        }
        (_, "server-rescue.json") => {
            let p = response(cov, file, act::rescue(ID, &Default::default()));
            assert_eq!(p.admin_pass.unwrap().expose(), "MySecretPass");
        }
        (_, "server-evacuate-resp.json" | "server-evacuate-find-host-resp.json") => {
            let p = response(cov, file, act::evacuate(ID, &Default::default()));
            assert!(p.admin_pass.is_some(), "{file}");
        }
        (_, "console-output-post-resp.json") => {
            let out = response(cov, file, consoles::console_output(ID, None));
            assert!(out.contains("LAST LINE"));
        }
        ("os-remote-consoles", n) if n.ends_with("-resp.json") => {
            if n.starts_with("get-") {
                let kind: RemoteConsoleType = if n.contains("rdp") {
                    RemoteConsoleType::RdpHtml5
                } else if n.contains("serial") {
                    RemoteConsoleType::Serial
                } else if n.contains("spice") {
                    RemoteConsoleType::SpiceHtml5
                } else {
                    RemoteConsoleType::Novnc
                };
                let c = response(cov, file, consoles::get_console(ID, kind.clone()));
                assert_eq!(c.kind, kind, "{file}");
                assert!(c.url.contains("token") && c.extra.is_empty(), "{file}");
            } else {
                let c = response(
                    cov,
                    file,
                    consoles::create_remote_console(ID, Protocol::Vnc, RemoteConsoleType::Novnc),
                );
                assert!(!matches!(c.protocol, Protocol::Other(_)), "{file}");
                assert!(!matches!(c.kind, RemoteConsoleType::Other(_)), "{file}");
                assert!(c.url.contains("token") && c.extra.is_empty(), "{file}");
            }
        }
        // --- addresses, metadata, tags
        ("server-ips", "server-ips-resp.json") => {
            let a = response(cov, file, servers::addresses(ID));
            assert_eq!(a["private"][0].addr, "192.168.1.30");
        }
        ("server-ips", "server-ips-network-resp.json") => {
            let a = response(cov, file, servers::network_addresses(ID, "private"));
            assert_eq!(a[0].version, 4);
        }
        ("server-metadata", "server-metadata-all-req.json") => {
            let m = metadata(&samples::json(file)["metadata"]);
            // The same body serves POST (merge) and PUT (replace).
            request(cov, file, servers::METADATA.merge(ID, &m));
            request(cov, file, servers::METADATA.replace(ID, &m));
        }
        ("server-metadata", "server-metadata-all-resp.json") => {
            let m = response(cov, file, servers::METADATA.get(ID));
            assert_eq!(m["foo"], "Foo Value");
        }
        ("server-metadata", "server-metadata-req.json") => {
            request(cov, file, servers::METADATA.set_key(ID, "foo", "Bar Value"))
        }
        ("server-metadata", "server-metadata-resp.json") => {
            let m = response(cov, file, servers::METADATA.get_key(ID, "foo"));
            assert_eq!((m.key.as_str(), m.value.as_str()), ("foo", "Foo Value"));
        }
        ("os-server-tags", "server-tags-index-resp.json") => {
            assert_eq!(
                response(cov, file, servers::TAGS.list(ID)),
                ["tag1", "tag2"]
            );
        }
        ("os-server-tags", "server-tags-put-all-req.json") => request(
            cov,
            file,
            servers::TAGS.replace(ID, &["tag1".into(), "tag2".into()]),
        ),
        ("os-server-tags", "server-tags-put-all-resp.json") => {
            let t = response(cov, file, servers::TAGS.replace(ID, &["tag1".into()]));
            assert_eq!(t, ["tag1", "tag2"]);
        }
        // --- the security-group proxy (pinned to 2.35)
        ("os-security-groups", "security-group-post-req.json") => {
            let body = &samples::json(file)["security_group"];
            let g = CreateSecurityGroup::new(&str_of(&body["name"]), &str_of(&body["description"]));
            assert_eq!(body.as_object().unwrap().len(), 2, "{file}: untyped keys");
            // The same body serves create (POST) and update (PUT).
            request(cov, file, secgroups::create(&g));
            request(cov, file, secgroups::update(ID, &g));
        }
        ("os-security-groups", "security-group-rules-post-req.json") => {
            let mut r = CreateRule::default();
            for (k, v) in samples::json(file)["security_group_rule"]
                .as_object()
                .unwrap()
            {
                match k.as_str() {
                    "parent_group_id" => r.parent_group_id = str_of(v),
                    "ip_protocol" => r.ip_protocol = Some(str_of(v).as_str().into()),
                    "from_port" => r.from_port = Some(v.as_i64().unwrap() as i32),
                    "to_port" => r.to_port = Some(v.as_i64().unwrap() as i32),
                    "cidr" => r.cidr = Some(str_of(v)),
                    "group_id" => r.group_id = Some(str_of(v)),
                    other => panic!("{file}: untyped rule key {other}"),
                }
            }
            request(cov, file, secgroups::create_rule(&r));
        }
        ("os-security-groups", "security-group-rules-post-resp.json") => {
            let r = response(
                cov,
                file,
                secgroups::create_rule(&CreateRule::tcp("g", 22, 22, "10.0.0.0/24")),
            );
            assert_eq!(r.id, "baed7fb4-16b9-4b99-a2fd-02d0b1a4d9b2", "{file}");
            assert_eq!(r.parent_group_id, "d6f86d8c-06ef-4bef-8e7c-8bf8f9ba9b7a");
            assert_eq!(r.ip_protocol, Some(secgroups::IpProtocol::Tcp));
            assert_eq!((r.from_port, r.to_port), (Some(22), Some(22)));
            assert_eq!(r.ip_range.cidr.as_deref(), Some("10.0.0.0/24"));
            assert_eq!(r.group, Default::default());
            assert!(r.extra.is_empty(), "{file}: {:?}", r.extra);
        }
        (
            "os-security-groups",
            "security-groups-create-resp.json"
            | "security-groups-get-resp.json"
            | "security-groups-list-get-resp.json"
            | "server-security-groups-list-resp.json",
        ) => {
            let g = CreateSecurityGroup::new("default", "default");
            let groups = match name {
                "security-groups-create-resp.json" => {
                    // The answer of create (POST) and update (PUT).
                    let updated = response(cov, file, secgroups::update(ID, &g));
                    vec![response(cov, file, secgroups::create(&g)), updated]
                }
                "security-groups-get-resp.json" => vec![response(cov, file, secgroups::get(ID))],
                "security-groups-list-get-resp.json" => {
                    response(cov, file, secgroups::list(&Default::default()))
                }
                _ => response(cov, file, secgroups::list_by_server(ID)),
            };
            assert!(!groups.is_empty(), "{file}");
            for s in &groups {
                assert_eq!(s.id, "4e469db4-3b60-43c7-8dfa-2c60e2f27075", "{file}");
                assert_eq!(
                    (s.name.as_str(), s.description.as_deref()),
                    ("default", Some("default"))
                );
                assert_eq!(
                    s.tenant_id.as_deref(),
                    Some("6f70656e737461636b20342065766572")
                );
                assert!(
                    s.rules.is_empty() && s.extra.is_empty(),
                    "{file}: {:?}",
                    s.extra
                );
            }
        }
        // --- every other file is one action request
        _ => {
            if !action_sample(cov, file) {
                panic!("{file}: no check for this sample (add one or an exception)");
            }
        }
    }
}

#[test]
fn compute_servers_samples() {
    let files = in_scope();
    let mut cov = Coverage::new();
    let exceptions: &[(&str, &str)] = &[(
        "compute/servers/v2.71/server-groups-post-req.json",
        "server groups API (os-server-groups), used by Nova's test to set up the 2.71 sample; not a servers call",
    ), (
        "compute/servers/v2.71/server-groups-post-resp.json",
        "server groups API (os-server-groups), used by Nova's test to set up the 2.71 sample; not a servers call",
    )];
    for (f, why) in exceptions {
        cov.except(f, why);
    }
    for f in &files {
        if exceptions.iter().any(|(e, _)| e == f) {
            continue;
        }
        check(&mut cov, f);
    }
    cov.assert_complete("compute servers", &files);
    assert!(cov.checked() > 200, "{} checked", cov.checked());
}

#[test]
fn list_pages_follow_servers_links() {
    use ferrocloud::Paginated;
    let list = servers::list_detail(&ListServers {
        common: ferrocloud::ListCommon {
            limit: Some(1),
            ..Default::default()
        },
        ..Default::default()
    });
    let page = list
        .parse_page(
            &nova(),
            &list.first_request(&nova()).unwrap(),
            samples::response("compute/servers/v2.100/servers-details-resp.json"),
        )
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page
        .next_url()
        .unwrap()
        .ends_with("servers/detail?limit=1&marker=f5dc173b-6804-445a-a6d8-c705dad5b5eb"));
}

#[test]
fn sample_extras_stay_empty_on_unknown_fields() {
    // Upstream adds fields every release: they are kept, not an error.
    let mut v = samples::json("compute/servers/v2.100/server-get-resp.json");
    v["server"]["brand_new_field"] = Value::from(1);
    let s: Server = serde_json::from_value(v["server"].take()).unwrap();
    assert_eq!(s.extra.get("brand_new_field"), Some(&Value::from(1)));
    let _ = Map::<String, Value>::new();
}
