//! Against the REAL Nova of the local cloud (fake virt driver), through the native
//! transport: a server's lifecycle with its actions, metadata, tags, an interface and a
//! volume attached and detached, and an image; a
//! multiple create paged with `limit=2` over at least three pages; Nova's own 404
//! message. Everything created (servers, flavors, images, networks, volumes) is deleted, also on failure.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::StreamExt;
use serde_json::{json, Value};

use ferrocloud::block_storage::volumes::{self, CreateVolume};
use ferrocloud::compute::attach_interfaces::{self, CreateInterface};
use ferrocloud::compute::server_actions::{self as act, RebootType};
use ferrocloud::compute::servers::{
    self, CreateServer, ListServers, NetworkSpec, Networks, ServerFlavor, ServerStatus,
    UpdateServer,
};
use ferrocloud::compute::volume_attach::{self, CreateVolumeAttachment};
use ferrocloud::compute::{flavors, server_consoles};
use ferrocloud::image::images::{self, CreateImage};
use ferrocloud::network::networks::{self, CreateNetwork};
use ferrocloud::network::subnets::{self, CreateSubnet};
use ferrocloud::{path, Body, Error, Op, Patch, Service, Wait};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;

use crate::support::{self, guarded, md, poll};

type Svc = Service<HyperTransport>;

fn wait() -> Wait {
    support::wait(180)
}

/// What a test created, deleted at the end whatever happened.
#[derive(Default)]
struct Created {
    servers: Mutex<Vec<String>>,
    flavors: Mutex<Vec<String>>,
    images: Mutex<Vec<String>>,
    networks: Mutex<Vec<String>>,
    volumes: Mutex<Vec<String>>,
}

impl Created {
    fn server(&self, id: &str) {
        self.servers.lock().unwrap().push(id.to_owned());
    }
    fn flavor(&self, id: &str) {
        self.flavors.lock().unwrap().push(id.to_owned());
    }
    fn image(&self, id: &str) {
        self.images.lock().unwrap().push(id.to_owned());
    }
    fn network(&self, id: &str) {
        self.networks.lock().unwrap().push(id.to_owned());
    }
    fn volume(&self, id: &str) {
        self.volumes.lock().unwrap().push(id.to_owned());
    }
    async fn cleanup(&self, nova: &Svc, glance: &Svc, neutron: &Svc, cinder: &Svc) {
        let ids = self.servers.lock().unwrap().clone();
        for id in &ids {
            let _ = nova.call(&act::unlock(id)).await;
            let _ = nova.call(&servers::delete(id)).await;
        }
        for id in &ids {
            let _ = nova.wait_for_deleted(&servers::get(id), wait()).await;
        }
        let flavors = self.flavors.lock().unwrap().clone();
        for id in flavors {
            let _ = nova.call(&Op::<()>::delete(path!("flavors/{}", id))).await;
        }
        let images = self.images.lock().unwrap().clone();
        for id in images {
            let _ = glance.call(&images::delete(&id)).await;
        }
        let networks = self.networks.lock().unwrap().clone();
        for id in networks {
            let _ = neutron.call(&networks::delete(&id)).await;
        }
        let vols = self.volumes.lock().unwrap().clone();
        for id in vols {
            let _ = cinder.call(&volumes::delete(&id, true)).await;
            let _ = cinder.wait_for_deleted(&volumes::get(&id), wait()).await;
        }
    }
}

struct Env {
    nova: Svc,
    glance: Svc,
    neutron: Svc,
    cinder: Svc,
    created: Arc<Created>,
    image: String,
    small: String,
    big: String,
}

/// Creates a tiny image and two flavors, runs `body`, then deletes everything.
async fn with_env<F, Fut>(what: &str, body: F)
where
    F: FnOnce(Arc<Env>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let admin = cloud::admin();
    let nova = admin.compute().microversion("2.90");
    let glance = admin.image();
    let neutron = admin.network();
    let cinder = admin.block_storage();
    let created = Arc::new(Created::default());
    let set_up_and_run = async {
        let name = cloud::unique(what);
        let img = glance
            .call(&images::create(&CreateImage {
                name: Some(name.clone()),
                disk_format: Some("raw".into()),
                container_format: Some("bare".into()),
                ..Default::default()
            }))
            .await
            .expect("create image");
        created.image(&img.id);
        glance
            .call(&images::upload(&img.id).body(Body::raw(
                Bytes::from(vec![0u8; 4096]),
                "application/octet-stream",
            )))
            .await
            .expect("upload image");
        glance
            .wait_for_status(
                &images::get(&img.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                wait(),
            )
            .await
            .expect("image active");
        let mut flavors = Vec::new();
        for (suffix, ram) in [("small", 128), ("big", 256)] {
            let f: Value = nova
                .call(
                    &Op::post(path!("flavors"))
                        .json(&json!({"flavor": {"name": format!("{name}-{suffix}"), "ram": ram, "vcpus": 1, "disk": 0}}))
                        .decode_key("flavor"),
                )
                .await
                .expect("create flavor");
            let id = f["id"].as_str().expect("flavor id").to_owned();
            created.flavor(&id);
            flavors.push(id);
        }
        let env = Arc::new(Env {
            nova: nova.clone(),
            glance: glance.clone(),
            neutron: neutron.clone(),
            cinder: cinder.clone(),
            created: created.clone(),
            image: img.id,
            small: flavors[0].clone(),
            big: flavors[1].clone(),
        });
        body(env).await
    };
    guarded(
        set_up_and_run,
        created.cleanup(&nova, &glance, &neutron, &cinder),
    )
    .await
}

async fn until(nova: &Svc, id: &str, status: servers::ServerStatus) -> servers::Server {
    nova.wait_for_status(
        &servers::get(id),
        std::slice::from_ref(&status),
        &[servers::ServerStatus::Error],
        wait(),
    )
    .await
    .unwrap_or_else(|e| panic!("server {id} to {status}: {e}"))
}

/// Waits until no task runs on the server (e.g. after a snapshot).
async fn idle(nova: &Svc, id: &str) {
    poll(&format!("server {id} stays busy"), wait(), || async {
        let s = nova.call(&servers::get(id)).await.expect("get server");
        s.task_state.is_none().then_some(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn server_lifecycle_actions_metadata_image() {
    with_env("srv", |env| async move {
        let nova = &env.nova;
        let name = cloud::unique("srv");
        let created = nova
            .call(&servers::create(&CreateServer {
                name: name.clone(),
                image_ref: Some(env.image.clone()),
                flavor_ref: env.small.clone(),
                networks: Some(Networks::None),
                metadata: md(&[("role", "web")]),
                user_data: Some(b"#!/bin/sh\necho ferrocloud\n".to_vec()),
                tags: vec!["ferro".into()],
                description: Some("lifecycle".into()),
                hostname: Some("ferro-host".into()),
                ..Default::default()
            }))
            .await
            .expect("create server");
        env.created.server(&created.id);
        assert!(created.admin_pass.is_some(), "create answers adminPass");

        let s = until(nova, &created.id, servers::ServerStatus::Active).await;
        assert_eq!(s.name.as_deref(), Some(name.as_str()));
        assert_eq!(s.status, Some(ServerStatus::Active));

        // Found by id and by exact name; Nova filters names by regex, and the pattern
        // `find` sends is exact: the name with `-` read as `.` matches nothing.
        let by_id = nova.find(servers::find(&created.id)).await.unwrap();
        let by_name = nova.find(servers::find(&name)).await.unwrap();
        assert_eq!(
            (by_id.id.as_str(), by_name.id.as_str()),
            (created.id.as_str(), created.id.as_str())
        );
        let dotted = name.replace('-', ".");
        let err = nova.find(servers::find(&dotted)).await.unwrap_err();
        assert!(
            matches!(&err, Error::Find(_)) && err.is_not_found(),
            "{err}"
        );
        let small = nova.call(&flavors::get(&env.small)).await.unwrap();
        let found = nova.find(flavors::find(&small.name)).await.unwrap();
        assert_eq!(found.id, env.small);
        assert_eq!(
            s.image.as_ref().map(|i| i.id.as_str()),
            Some(env.image.as_str())
        );
        let Some(ServerFlavor::Embedded(f)) = &s.flavor else {
            panic!("2.90 embeds the flavor: {:?}", s.flavor)
        };
        assert_eq!((f.ram, f.original_name.ends_with("-small")), (128, true));
        assert_eq!(s.metadata.as_ref().unwrap()["role"], "web");
        assert_eq!(s.tags.as_deref(), Some(&["ferro".to_string()][..]));
        assert_eq!(s.description.as_deref(), Some("lifecycle"));
        assert_eq!(s.hostname.as_deref(), Some("ferro-host"));
        assert!(s.user_data.is_some() && s.launched_at.is_some());
        assert_eq!(s.power_state, Some(1));
        assert!(
            s.extra.is_empty(),
            "unknown fields from real Nova: {:?}",
            s.extra.keys()
        );
        assert!(nova
            .call(&servers::addresses(&s.id))
            .await
            .unwrap()
            .is_empty());

        // reboot (soft and hard)
        nova.call(&act::reboot(&s.id, RebootType::Soft))
            .await
            .expect("reboot");
        until(nova, &s.id, servers::ServerStatus::Active).await;
        nova.call(&act::reboot(&s.id, RebootType::Hard))
            .await
            .expect("hard reboot");
        until(nova, &s.id, servers::ServerStatus::Active).await;

        // resize + confirm
        nova.call(&act::resize(&s.id, &env.big, None))
            .await
            .expect("resize");
        until(nova, &s.id, servers::ServerStatus::VerifyResize).await;
        nova.call(&act::confirm_resize(&s.id))
            .await
            .expect("confirm");
        let s = until(nova, &s.id, servers::ServerStatus::Active).await;
        assert_eq!(
            s.flavor
                .as_ref()
                .and_then(ServerFlavor::original_name)
                .map(|n| n.ends_with("-big")),
            Some(true)
        );
        // Nova keeps a migration record per resize: the admin list finds this one,
        // confirmed, by the server's id.
        let moved = nova
            .collect_all(ferrocloud::compute::migrations::list(
                &ferrocloud::compute::migrations::ListMigrations {
                    instance_uuid: Some(s.id.clone()),
                    ..Default::default()
                },
            ))
            .await
            .expect("migrations of the server");
        assert!(
            moved
                .iter()
                .any(|m| m.migration_type.as_deref() == Some("resize")
                    && m.instance_uuid.as_deref() == Some(s.id.as_str())
                    && m.status.as_deref() == Some("confirmed")),
            "{moved:?}"
        );

        // stop / start
        nova.call(&act::stop(&s.id)).await.expect("stop");
        let off = until(nova, &s.id, servers::ServerStatus::Shutoff).await;
        assert_eq!(off.power_state, Some(4));
        nova.call(&act::start(&s.id)).await.expect("start");
        until(nova, &s.id, servers::ServerStatus::Active).await;

        // pause / unpause, suspend / resume
        nova.call(&act::pause(&s.id)).await.expect("pause");
        until(nova, &s.id, servers::ServerStatus::Paused).await;
        nova.call(&act::unpause(&s.id)).await.expect("unpause");
        until(nova, &s.id, servers::ServerStatus::Active).await;
        nova.call(&act::suspend(&s.id)).await.expect("suspend");
        until(nova, &s.id, servers::ServerStatus::Suspended).await;
        nova.call(&act::resume(&s.id)).await.expect("resume");
        until(nova, &s.id, servers::ServerStatus::Active).await;

        // lock with a reason (2.73+), unlock
        let nova73 = nova.clone().microversion("2.73");
        nova73
            .call(&act::lock(&s.id, Some("ferro test")))
            .await
            .expect("lock");
        let locked = nova73.call(&servers::get(&s.id)).await.unwrap();
        assert_eq!(
            (locked.locked, locked.locked_reason.as_deref()),
            (Some(true), Some("ferro test"))
        );
        nova.call(&act::unlock(&s.id)).await.expect("unlock");
        assert_eq!(
            nova.call(&servers::get(&s.id)).await.unwrap().locked,
            Some(false)
        );

        // metadata: all and one item
        let all = nova
            .call(&servers::METADATA.merge(&s.id, &md(&[("tier", "1")])))
            .await
            .unwrap();
        assert_eq!(all, md(&[("role", "web"), ("tier", "1")]));
        let one = nova
            .call(&servers::METADATA.set_key(&s.id, "tier", "2"))
            .await
            .unwrap();
        assert_eq!((one.key.as_str(), one.value.as_str()), ("tier", "2"));
        assert_eq!(
            nova.call(&servers::METADATA.get_key(&s.id, "tier"))
                .await
                .unwrap()
                .value,
            "2"
        );
        nova.call(&servers::METADATA.delete_key(&s.id, "role"))
            .await
            .unwrap();
        assert_eq!(
            nova.call(&servers::METADATA.get(&s.id)).await.unwrap(),
            md(&[("tier", "2")])
        );
        let replaced = nova
            .call(&servers::METADATA.replace(&s.id, &md(&[("only", "me")])))
            .await
            .unwrap();
        assert_eq!(replaced, md(&[("only", "me")]));
        let err = nova
            .call(&servers::METADATA.get_key(&s.id, "role"))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err}");

        // tags
        nova.call(&servers::TAGS.add(&s.id, "blue")).await.unwrap();
        nova.call(&servers::TAGS.check(&s.id, "blue"))
            .await
            .unwrap();
        let mut tags = nova.call(&servers::TAGS.list(&s.id)).await.unwrap();
        tags.sort();
        assert_eq!(tags, ["blue", "ferro"]);
        let tags = nova
            .call(&servers::TAGS.replace(&s.id, &["green".into()]))
            .await
            .unwrap();
        assert_eq!(tags, ["green"]);
        nova.call(&servers::TAGS.remove(&s.id, "green"))
            .await
            .unwrap();
        assert!(nova
            .call(&servers::TAGS.check(&s.id, "green"))
            .await
            .unwrap_err()
            .is_not_found());

        // update, console output
        let s2 = nova
            .call(&servers::update(
                &s.id,
                &UpdateServer {
                    name: Some(format!("{name}-renamed")),
                    description: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(s2.name, Some(format!("{name}-renamed")));
        assert_eq!(s2.description, None);
        let out = nova
            .call(&server_consoles::console_output(&s.id, Some(5)))
            .await
            .unwrap();
        assert!(out.contains("FAKE CONSOLE OUTPUT"), "{out}");

        // attach / detach an interface (a fresh network and subnet)
        let neutron = &env.neutron;
        let net = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(format!("{name}-net")),
                ..Default::default()
            }))
            .await
            .expect("create network");
        env.created.network(&net.id);
        neutron
            .call(&subnets::create(&CreateSubnet {
                network_id: net.id.clone(),
                ip_version: 4,
                cidr: Some("10.231.7.0/24".into()),
                ..Default::default()
            }))
            .await
            .expect("create subnet");
        let iface = nova
            .call(&attach_interfaces::create(
                &s.id,
                &CreateInterface {
                    net_id: Some(net.id.clone()),
                    ..Default::default()
                },
            ))
            .await
            .expect("attach interface");
        assert_eq!(iface.net_id.as_deref(), Some(net.id.as_str()));
        let listed = nova.call(&attach_interfaces::list(&s.id)).await.unwrap();
        assert!(
            listed.iter().any(|i| i.port_id == iface.port_id),
            "{listed:?}"
        );
        let got = nova
            .call(&attach_interfaces::get(&s.id, &iface.port_id))
            .await
            .unwrap();
        assert_eq!(got.fixed_ips.len(), 1);
        let ip = got.fixed_ips[0].ip_address.clone();
        assert!(ip.starts_with("10.231.7."), "{ip}");
        let addrs = poll(
            "the server's addresses show the new network",
            wait(),
            || async {
                let a = nova.call(&servers::addresses(&s.id)).await.unwrap();
                a.get(&format!("{name}-net")).cloned()
            },
        )
        .await;
        assert_eq!(addrs[0].addr, ip);
        let per_net = nova
            .call(&servers::network_addresses(&s.id, &format!("{name}-net")))
            .await
            .unwrap();
        assert_eq!(per_net[0].addr, ip);
        nova.call(&attach_interfaces::delete(&s.id, &iface.port_id))
            .await
            .expect("detach interface");
        poll("the interface is detached", wait(), || async {
            let l = nova.call(&attach_interfaces::list(&s.id)).await.unwrap();
            l.is_empty().then_some(())
        })
        .await;

        // attach / detach a volume
        let cinder = &env.cinder;
        let vol = cinder
            .call(&volumes::create(&CreateVolume {
                size: Some(1),
                name: Some(format!("{name}-vol")),
                ..Default::default()
            }))
            .await
            .expect("create volume");
        env.created.volume(&vol.id);
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(),
            )
            .await
            .expect("volume available");
        let att = nova
            .call(&volume_attach::create(
                &s.id,
                &CreateVolumeAttachment::new(&vol.id),
            ))
            .await
            .expect("attach volume");
        assert_eq!(att.volume_id, vol.id);
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::InUse],
                &[volumes::VolumeStatus::Error],
                wait(),
            )
            .await
            .expect("volume in use");
        let got = nova
            .call(&volume_attach::get(&s.id, &vol.id))
            .await
            .unwrap();
        assert_eq!(got.server_id.as_deref(), Some(s.id.as_str()));
        let with_vol = nova.call(&servers::get(&s.id)).await.unwrap();
        assert!(with_vol
            .volumes_attached
            .unwrap_or_default()
            .iter()
            .any(|v| v.id == vol.id));
        nova.call(&volume_attach::delete(&s.id, &vol.id))
            .await
            .expect("detach volume");
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(),
            )
            .await
            .expect("volume detached");

        // create image: the id comes from the body at 2.45+ and from Location before
        let snap = nova
            .call(&act::create_image(
                &s.id,
                &format!("{name}-snap"),
                &md(&[("from", "ferro")]),
            ))
            .await
            .expect("create image");
        env.created.image(&snap);
        idle(nova, &s.id).await;
        let old_snap = nova
            .clone()
            .microversion("2.1")
            .call(&act::create_image(
                &s.id,
                &format!("{name}-snap-old"),
                &Default::default(),
            ))
            .await
            .expect("create image at 2.1");
        env.created.image(&old_snap);
        assert_ne!(snap, old_snap);
        for id in [&snap, &old_snap] {
            let img = env
                .glance
                .call(&images::get(id))
                .await
                .expect("snapshot in glance");
            assert!(img.name.unwrap().starts_with(&name));
        }
        idle(nova, &s.id).await;

        // delete → gone
        nova.call(&servers::delete(&s.id)).await.expect("delete");
        nova.wait_for_deleted(&servers::get(&s.id), wait())
            .await
            .expect("gone");
        let err = nova.call(&servers::get(&s.id)).await.unwrap_err();
        assert!(err.is_not_found(), "{err}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn more_actions_revert_rescue_shelve_password_security_groups() {
    with_env("act", |env| async move {
        let nova = &env.nova;
        let name = cloud::unique("act");
        // Booted on a network (security groups live on its port).
        let net = env
            .neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(format!("{name}-net")),
                ..Default::default()
            }))
            .await
            .expect("create network");
        env.created.network(&net.id);
        env.neutron
            .call(&subnets::create(&CreateSubnet {
                network_id: net.id.clone(),
                ip_version: 4,
                cidr: Some("10.231.8.0/24".into()),
                ..Default::default()
            }))
            .await
            .expect("create subnet");
        let created = nova
            .call(&servers::create(&CreateServer {
                name: name.clone(),
                image_ref: Some(env.image.clone()),
                flavor_ref: env.small.clone(),
                networks: Some(Networks::List(vec![NetworkSpec {
                    uuid: Some(net.id.clone()),
                    fixed_ip: Some("10.231.8.17".into()),
                    ..Default::default()
                }])),
                ..Default::default()
            }))
            .await
            .expect("create server");
        env.created.server(&created.id);
        let id = created.id.as_str();
        let s = until(nova, id, servers::ServerStatus::Active).await;
        let addrs = s.addresses.unwrap_or_default();
        assert_eq!(addrs[&format!("{name}-net")][0].addr, "10.231.8.17");

        // resize + revert: back on the small flavor
        nova.call(&act::resize(id, &env.big, None))
            .await
            .expect("resize");
        until(nova, id, servers::ServerStatus::VerifyResize).await;
        nova.call(&act::revert_resize(id)).await.expect("revert");
        let s = until(nova, id, servers::ServerStatus::Active).await;
        assert_eq!(
            s.flavor
                .as_ref()
                .and_then(ServerFlavor::original_name)
                .map(|n| n.ends_with("-small")),
            Some(true)
        );

        // rescue / unrescue (the password comes back as a Secret)
        let pass = nova
            .call(&act::rescue(
                id,
                &act::Rescue {
                    admin_pass: Some(ferrocloud::Secret::new("Rescue-pw-1")),
                    ..Default::default()
                },
            ))
            .await
            .expect("rescue");
        assert_eq!(
            pass.admin_pass.as_ref().map(|p| p.expose()),
            Some("Rescue-pw-1")
        );
        until(nova, id, servers::ServerStatus::Rescue).await;
        nova.call(&act::unrescue(id)).await.expect("unrescue");
        until(nova, id, servers::ServerStatus::Active).await;

        // change the admin password
        nova.call(&act::change_password(
            id,
            &ferrocloud::Secret::new("New-pw-2"),
        ))
        .await
        .expect("change password");
        until(nova, id, servers::ServerStatus::Active).await;

        // shelve, offload, unshelve
        nova.call(&act::shelve(id)).await.expect("shelve");
        nova.wait_for_status(
            &servers::get(id),
            &[
                servers::ServerStatus::Shelved,
                servers::ServerStatus::ShelvedOffloaded,
            ],
            &[servers::ServerStatus::Error],
            wait(),
        )
        .await
        .expect("shelved");
        // This cloud may offload right away (shelved_offload_time = 0): let it settle.
        idle(nova, id).await;
        let shelved = nova.call(&servers::get(id)).await.unwrap();
        if shelved.status == Some(ServerStatus::Shelved) {
            nova.call(&act::shelve_offload(id)).await.expect("offload");
            until(nova, id, servers::ServerStatus::ShelvedOffloaded).await;
        }
        assert_eq!(
            nova.call(&servers::get(id)).await.unwrap().status,
            Some(ServerStatus::ShelvedOffloaded)
        );
        nova.call(&act::unshelve(id, &Default::default()))
            .await
            .expect("unshelve");
        until(nova, id, servers::ServerStatus::Active).await;

        // security groups by name: the port starts in "default"
        let groups = |s: servers::Server| -> Vec<String> {
            s.security_groups
                .unwrap_or_default()
                .into_iter()
                .map(|g| g.name)
                .collect()
        };
        assert_eq!(
            groups(nova.call(&servers::get(id)).await.unwrap()),
            ["default"]
        );
        nova.call(&act::remove_security_group(id, "default"))
            .await
            .expect("remove security group");
        assert!(groups(nova.call(&servers::get(id)).await.unwrap()).is_empty());
        nova.call(&act::add_security_group(id, "default"))
            .await
            .expect("add security group");
        assert_eq!(
            groups(nova.call(&servers::get(id)).await.unwrap()),
            ["default"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn multiple_create_and_pagination_over_three_pages() {
    with_env("page", |env| async move {
        let nova = &env.nova;
        let prefix = cloud::unique("page");
        let reservation = nova
            .call(&servers::create_reservation(&CreateServer {
                name: prefix.clone(),
                image_ref: Some(env.image.clone()),
                flavor_ref: env.small.clone(),
                networks: Some(Networks::None),
                min_count: Some(5),
                max_count: Some(5),
                ..Default::default()
            }))
            .await
            .expect("multiple create");
        assert!(reservation.starts_with("r-"), "{reservation}");
        // Register them for cleanup before anything can fail.
        let by_resv = nova
            .collect_all(servers::list(&ListServers {
                reservation_id: Some(reservation.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        for s in &by_resv {
            env.created.server(&s.id);
        }
        assert_eq!(by_resv.len(), 5, "{by_resv:?}");
        let mut want: Vec<String> = by_resv.iter().map(|s| s.id.clone()).collect();
        want.sort();

        // While they build, Nova may link a page back to one already listed: that is a
        // typed "the list changed while paging" error, never a decode error. (Nova can
        // also skip a server that moves from its build requests to its cell between two
        // pages; no client can see that from the pages, so a listing here may be short,
        // never wrong. Once they are ACTIVE the listing is complete: asserted below.)
        let building = ListServers {
            name: Some(format!("^{prefix}")),
            common: ferrocloud::ListCommon {
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        };
        let (mut complete, mut short, mut changed) = (0, 0, 0);
        for _ in 0..6 {
            match nova.collect_all(servers::list_detail(&building)).await {
                Ok(all) => {
                    let mut ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
                    ids.sort();
                    ids.dedup();
                    assert!(ids.iter().all(|id| want.contains(id)), "{ids:?}");
                    if ids == want {
                        complete += 1;
                    } else {
                        short += 1;
                    }
                }
                Err(Error::Paging(p)) => {
                    assert!(
                        matches!(*p, ferrocloud::PagingError::ListChanged { .. }),
                        "{p}"
                    );
                    changed += 1;
                }
                Err(e) => panic!("listing while building: {e:?}"),
            }
        }
        println!(
            "while building: {complete} complete listings, {short} short, {changed} list-changed errors"
        );

        for s in &by_resv {
            until(nova, &s.id, servers::ServerStatus::Active).await;
        }

        let filter = ListServers {
            name: Some(format!("^{prefix}")),
            common: ferrocloud::ListCommon {
                limit: Some(2),
                sort: vec![("display_name".into(), ferrocloud::SortDir::Asc)],
                ..Default::default()
            },
            ..Default::default()
        };
        let pages: Vec<_> = nova
            .pages(servers::list_detail(&filter))
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()
            .expect("pages");
        let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
        assert!(pages.len() >= 3, "pages {sizes:?}");
        assert!(sizes.iter().all(|&n| n <= 2), "{sizes:?}");
        let names: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|s| s.name.clone().unwrap()))
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "sorted by name across pages");
        assert_eq!(names.len(), 5);
        let mut ids: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|s| s.id.clone()))
            .collect();
        ids.sort();
        assert_eq!(ids, want);
        // The summary list pages the same way.
        let refs = nova.collect_all(servers::list(&filter)).await.unwrap();
        assert_eq!(refs.len(), 5);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found_carries_novas_message() {
    let nova = cloud::admin().compute();
    let missing = "00000000-0000-4000-8000-00000000f00d";
    let err = nova.call(&servers::get(missing)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let http = err.http().expect("an HTTP error");
    assert_eq!(
        http.message(),
        format!("Instance {missing} could not be found.")
    );
    let err = nova
        .call(&act::reboot(missing, RebootType::Soft))
        .await
        .unwrap_err();
    assert!(
        err.is_not_found() && err.http().unwrap().message().contains(missing),
        "{err}"
    );
}
