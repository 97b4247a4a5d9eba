//! Against the REAL Nova of the local cloud: a private flavor with extra specs, tenant
//! access (seen from the demo project), description update and delete; keypairs
//! generated, imported, fetched by an admin for their owner, paged and deleted; a Glance
//! image seen and changed through Nova's image proxy; a security group with a rule through
//! Nova's deprecated security-group proxy (microversion 2.35). Everything is cleaned up, also
//! when an assertion fails midway.

use std::future::Future;

use ferrocloud::compute::flavors::{self, CreateFlavor, ListFlavors, UpdateFlavor, Visibility};
use ferrocloud::compute::images::{self as nova_images, ImageStatus, ListImages};
use ferrocloud::compute::keypairs::{self, CreateKeypair, KeypairType, ListKeypairs};
use ferrocloud::compute::security_groups::{
    self as secgroups, CreateRule, CreateSecurityGroup, IpProtocol, ListSecurityGroups,
};
use ferrocloud::compute::servers::{self as nova_servers, ListServers, ServerStatus};
use ferrocloud::image::images::{self as glance_images, CreateImage};
use ferrocloud::{Body, Error};
use ferrocloud_tests::cloud;

use crate::support::{guarded, md, poll, project_and_user, wait};

/// Asserts `err` is Nova's 404 and carries its own message.
fn assert_nova_404(err: &Error, needle: &str) {
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");
    let message = err
        .http()
        .map(|h| h.message().to_owned())
        .unwrap_or_default();
    assert!(
        message.contains(needle),
        "404 without Nova's message ({needle:?}): {message:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn private_flavor_with_extra_specs_access_and_description() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let nova = admin.compute().microversion("2.61");
    let name = cloud::unique("flavor");
    let flavor = nova
        .call(&flavors::create(&CreateFlavor {
            swap: Some(16),
            ephemeral: Some(1),
            is_public: Some(false),
            description: Some("ferrocloud test flavor".into()),
            ..CreateFlavor::new(&name, 96, 1, 1)
        }))
        .await
        .expect("create flavor");
    let id = flavor.id.clone();

    let body = async {
        assert_eq!(flavor.name, name);
        assert_eq!((flavor.ram, flavor.vcpus, flavor.disk), (96, 1, 1));
        assert_eq!((flavor.swap, flavor.ephemeral), (16, 1));
        assert!(!flavor.is_public);
        assert_eq!(
            flavor.description.as_deref(),
            Some("ferrocloud test flavor")
        );
        assert!(flavor.extra.is_empty(), "untyped: {:?}", flavor.extra);

        // Listing: private flavors show with is_public=false, not by default; the
        // filters apply; detail at 2.61 embeds the extra specs.
        let private = nova
            .collect_all(flavors::list_detail(&ListFlavors {
                is_public: Some(Visibility::Private),
                min_ram: Some(96),
                ..Default::default()
            }))
            .await
            .expect("list private");
        let mine = private
            .iter()
            .find(|f| f.id == id)
            .expect("private flavor listed");
        assert_eq!(mine.extra_specs.as_ref().map(|s| s.len()), Some(0));
        let public = nova
            .collect_all(flavors::list(&ListFlavors::default()))
            .await
            .expect("list public");
        assert!(
            public.iter().all(|f| f.id != id),
            "private flavor among public ones"
        );
        let too_big = nova
            .collect_all(flavors::list_detail(&ListFlavors {
                is_public: Some(Visibility::All),
                min_disk: Some(1_000_000),
                ..Default::default()
            }))
            .await
            .expect("list by minDisk");
        assert!(too_big.is_empty());

        // Paging over every flavor, one per page.
        let mut pages = std::pin::pin!(nova.pages(flavors::list(&ListFlavors {
            is_public: Some(Visibility::All),
            common: ferrocloud::ListCommon {
                limit: Some(1),
                sort: vec![("flavorid".into(), ferrocloud::SortDir::Asc)],
                ..Default::default()
            },
            ..Default::default()
        })));
        let (mut count, mut items) = (0, Vec::new());
        while let Some(page) = futures::StreamExt::next(&mut pages).await {
            let page = page.expect("flavor page");
            assert!(page.items.len() <= 1);
            count += 1;
            items.extend(page.items.into_iter().map(|f| f.id));
        }
        let all = nova
            .collect_all(flavors::list(&ListFlavors {
                is_public: Some(Visibility::All),
                ..Default::default()
            }))
            .await
            .expect("all flavors");
        assert!(all.len() >= 2, "the cloud's flavor and ours: {}", all.len());
        assert!(count >= 2, "{} flavors in {count} pages", items.len());
        let mut unique = items.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            items.len(),
            "a flavor on two pages: {items:?}"
        );
        assert!(items.contains(&id));

        // Extra specs.
        let specs = [
            ("hw:cpu_policy".to_string(), "shared".to_string()),
            ("hw:numa_nodes".to_string(), "1".to_string()),
        ]
        .into_iter()
        .collect();
        let set = nova
            .call(&flavors::create_extra_specs(&id, &specs))
            .await
            .expect("create extra specs");
        assert_eq!(set, specs);
        let one = nova
            .call(&flavors::update_extra_spec(&id, "hw:numa_nodes", "2"))
            .await
            .expect("update one spec");
        assert_eq!(
            (one.key.as_str(), one.value.as_str()),
            ("hw:numa_nodes", "2")
        );
        let got = nova
            .call(&flavors::extra_spec(&id, "hw:numa_nodes"))
            .await
            .expect("get one spec");
        assert_eq!(got.value, "2");
        nova.call(&flavors::delete_extra_spec(&id, "hw:cpu_policy"))
            .await
            .expect("delete one spec");
        let left = nova
            .call(&flavors::extra_specs(&id))
            .await
            .expect("list specs");
        assert_eq!(left.len(), 1);
        assert_eq!(left.get("hw:numa_nodes").map(String::as_str), Some("2"));
        let err = nova
            .call(&flavors::extra_spec(&id, "hw:cpu_policy"))
            .await
            .unwrap_err();
        assert_nova_404(&err, "hw:cpu_policy");
        let embedded = nova.call(&flavors::get(&id)).await.expect("get flavor");
        assert_eq!(embedded.extra_specs.as_ref(), Some(&left));

        // Access: the demo project cannot see the private flavor until it is added.
        let (demo_project, _) = project_and_user(&demo).await;
        let as_demo = demo.compute();
        let err = as_demo.call(&flavors::get(&id)).await.unwrap_err();
        assert_nova_404(&err, &id);
        let access = nova
            .call(&flavors::add_tenant_access(&id, &demo_project))
            .await
            .expect("add access");
        assert!(access
            .iter()
            .any(|a| a.flavor_id == id && a.tenant_id == demo_project));
        assert_eq!(
            nova.call(&flavors::access_list(&id))
                .await
                .expect("access list"),
            access
        );
        let seen = as_demo
            .call(&flavors::get(&id))
            .await
            .expect("demo sees the flavor");
        assert_eq!(seen.name, name);
        let access = nova
            .call(&flavors::remove_tenant_access(&id, &demo_project))
            .await
            .expect("remove access");
        assert!(access.iter().all(|a| a.tenant_id != demo_project));
        assert!(as_demo.call(&flavors::get(&id)).await.is_err());

        // Description update (2.55+).
        let updated = nova
            .call(&flavors::update(
                &id,
                &UpdateFlavor {
                    description: Some("changed".into()),
                },
            ))
            .await
            .expect("update description");
        assert_eq!(updated.description.as_deref(), Some("changed"));
        let cleared = nova
            .call(&flavors::update(&id, &UpdateFlavor { description: None }))
            .await
            .expect("clear description");
        assert_eq!(cleared.description, None);

        // Delete, then Nova's own 404.
        nova.call(&flavors::delete(&id))
            .await
            .expect("delete flavor");
        let err = nova.call(&flavors::get(&id)).await.unwrap_err();
        assert_nova_404(&err, &id);
    };
    guarded(body, async {
        let _ = nova.call(&flavors::delete(&id)).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn keypairs_generate_import_get_page_delete() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let (_, demo_user) = project_and_user(&demo).await;
    let nova = demo.compute().microversion("2.35");
    let generated_name = cloud::unique("key-gen");
    let imported_name = cloud::unique("key-imp");
    let names = [generated_name.clone(), imported_name.clone()];

    let body = async {
        let generated = nova
            .call(&keypairs::create(&CreateKeypair {
                kind: Some(KeypairType::Ssh),
                ..CreateKeypair::generate(&generated_name)
            }))
            .await
            .expect("generate keypair");
        let private = generated
            .private_key
            .as_ref()
            .expect("private key returned");
        assert!(private.expose().contains("PRIVATE KEY"));
        assert!(!format!("{generated:?}").contains("PRIVATE KEY"));
        assert_eq!(generated.kind, Some(KeypairType::Ssh));
        let public_key = generated.public_key.clone().expect("public key");

        let imported = nova
            .call(&keypairs::create(&CreateKeypair::import(
                &imported_name,
                &public_key,
            )))
            .await
            .expect("import keypair");
        assert!(imported.private_key.is_none());
        assert_eq!(imported.fingerprint, generated.fingerprint);
        assert_eq!(imported.user_id.as_deref(), Some(demo_user.as_str()));

        let got = nova
            .call(&keypairs::get(&imported_name, None))
            .await
            .expect("get keypair");
        assert_eq!(got.public_key.as_deref(), Some(public_key.as_str()));
        assert!(got.created_at.is_some());
        assert_eq!(got.deleted, Some(false));

        // An admin reads the demo user's keypair with user_id (2.10+).
        let by_admin = admin
            .compute()
            .microversion("2.10")
            .call(&keypairs::get(&generated_name, Some(&demo_user)))
            .await
            .expect("admin gets the demo user's keypair");
        assert_eq!(by_admin.fingerprint, generated.fingerprint);

        // One per page: the stream follows keypairs_links.
        let mut pages = std::pin::pin!(nova.pages(keypairs::list(&ListKeypairs {
            limit: Some(1),
            ..Default::default()
        })));
        let (mut count, mut listed) = (0, Vec::new());
        while let Some(page) = futures::StreamExt::next(&mut pages).await {
            let page = page.expect("keypair page");
            assert!(page.items.len() <= 1);
            count += 1;
            listed.extend(page.items.into_iter().map(|e| e.keypair.name));
        }
        assert!(count >= 2, "{count} pages");
        for n in &names {
            assert!(listed.contains(n), "{n} not listed in {listed:?}");
        }

        for n in &names {
            nova.call(&keypairs::delete(n, None))
                .await
                .expect("delete keypair");
        }
        let err = nova
            .call(&keypairs::get(&generated_name, None))
            .await
            .unwrap_err();
        assert_nova_404(&err, &generated_name);
    };
    guarded(body, async {
        for n in &names {
            let _ = nova.call(&keypairs::delete(n, None)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn glance_image_through_the_nova_proxy() {
    let admin = cloud::admin();
    let glance = admin.image();
    let nova = admin.compute();
    let name = cloud::unique("img");
    let img = glance
        .call(&glance_images::create(&CreateImage {
            name: Some(name.clone()),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            min_ram: Some(64),
            ..Default::default()
        }))
        .await
        .expect("create glance image");
    let id = img.id.clone();

    let body = async {
        glance
            .call(&glance_images::upload(&id).body(Body::raw(
                bytes::Bytes::from_static(b"ferrocloud compute proxy test image"),
                "application/octet-stream",
            )))
            .await
            .expect("upload");
        glance
            .wait_for_status(
                &glance_images::get(&id),
                &[glance_images::ImageStatus::Active],
                &[glance_images::ImageStatus::Killed],
                wait(120),
            )
            .await
            .expect("image active");

        let seen = nova
            .wait_for_status(
                &nova_images::get(&id),
                &[nova_images::ImageStatus::Active],
                &[nova_images::ImageStatus::Error],
                wait(120),
            )
            .await
            .expect("nova shows the image");
        assert_eq!(seen.name.as_deref(), Some(name.as_str()));
        assert_eq!(seen.status, Some(ImageStatus::Active));
        assert_eq!(seen.min_ram, Some(64));
        assert_eq!(seen.size, Some(35));
        assert!(seen
            .links
            .iter()
            .any(|l| l.rel == Some(ferrocloud::LinkRel::Alternate)));

        let listed = nova
            .collect_all(nova_images::list_detail(&ListImages {
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .expect("list detail by name");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, id);
        let summaries = nova
            .collect_all(nova_images::list(&ListImages {
                min_ram: Some(64),
                ..Default::default()
            }))
            .await
            .expect("list by minRam");
        assert!(summaries.iter().any(|i| i.id == id));

        // Metadata, all six calls.
        let merged = nova
            .call(
                &nova_images::METADATA
                    .merge(&id, &md(&[("purpose", "test"), ("os_distro", "cirros")])),
            )
            .await
            .expect("merge metadata");
        assert_eq!(merged.get("purpose").map(String::as_str), Some("test"));
        let one = nova
            .call(&nova_images::METADATA.set_key(&id, "purpose", "proxy"))
            .await
            .expect("set one key");
        assert_eq!(one.value, "proxy");
        let got = nova
            .call(&nova_images::METADATA.get_key(&id, "os_distro"))
            .await
            .expect("get one key");
        assert_eq!(got.value, "cirros");
        nova.call(&nova_images::METADATA.delete_key(&id, "os_distro"))
            .await
            .expect("delete one key");
        let all = nova
            .call(&nova_images::METADATA.get(&id))
            .await
            .expect("metadata");
        assert_eq!(all.get("purpose").map(String::as_str), Some("proxy"));
        assert!(!all.contains_key("os_distro"));
        let replaced = nova
            .call(&nova_images::METADATA.replace(&id, &md(&[("only", "this")])))
            .await
            .expect("replace metadata");
        assert_eq!(replaced.get("only").map(String::as_str), Some("this"));
        assert!(!replaced.contains_key("purpose"));
        let glance_view = glance
            .call(&glance_images::get(&id))
            .await
            .expect("glance get");
        assert_eq!(
            glance_view.properties.get("only").and_then(|v| v.as_str()),
            Some("this")
        );

        // Delete through Nova; Glance agrees it is gone, Nova answers its own 404.
        nova.call(&nova_images::delete(&id))
            .await
            .expect("delete via nova");
        let err = nova.call(&nova_images::get(&id)).await.unwrap_err();
        assert_nova_404(&err, "not found");
        let err = glance.call(&glance_images::get(&id)).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    };
    guarded(body, async {
        let _ = glance.call(&glance_images::delete(&id)).await;
    })
    .await;
}

/// Just enough of a server for this test (the servers module belongs to another suite):
/// created, waited for and deleted with plain JSON operations.
#[derive(Debug, serde::Deserialize)]
struct RawServer {
    id: String,
    #[serde(default)]
    status: String,
}

impl ferrocloud::HasStatus for RawServer {
    const KIND: &'static str = "server";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = ServerStatus;
    fn status(&self) -> Option<ServerStatus> {
        Some(ServerStatus::from(self.status.as_str()))
    }
}

fn raw_get(path: String) -> ferrocloud::Op<serde_json::Value> {
    ferrocloud::Op::get(Ok(path)).decode_body()
}

/// Waits until `list` (a detach in progress) no longer shows `gone`.
async fn wait_detached<F, Fut>(mut still_there: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    poll("detach did not finish", wait(120), || {
        let there = still_there();
        async move { (!there.await).then_some(()) }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn interfaces_and_volumes_attached_to_a_real_server() {
    use ferrocloud::block_storage::volumes::{self, CreateVolume};
    use ferrocloud::compute::attach_interfaces::{self, CreateInterface};
    use ferrocloud::compute::volume_attach::{
        self, CreateVolumeAttachment, ListVolumeAttachments, UpdateVolumeAttachment,
    };
    use ferrocloud::Op;
    use serde_json::{json, Value};

    let admin = cloud::admin();
    let glance = admin.image();
    let neutron = admin.network();
    let cinder = admin.block_storage();
    let nova = admin.compute().microversion("2.79");
    let name = cloud::unique("attach");

    // Everything created, for the cleanup.
    let image_id = std::sync::Mutex::new(None::<String>);
    let network_id = std::sync::Mutex::new(None::<String>);
    let server_id = std::sync::Mutex::new(None::<String>);
    let volume_id = std::sync::Mutex::new(None::<String>);

    let body = async {
        let img = glance
            .call(&glance_images::create(&CreateImage {
                name: Some(name.clone()),
                disk_format: Some("raw".into()),
                container_format: Some("bare".into()),
                ..Default::default()
            }))
            .await
            .expect("create image");
        *image_id.lock().unwrap() = Some(img.id.clone());
        glance
            .call(&glance_images::upload(&img.id).body(Body::raw(
                bytes::Bytes::from_static(b"tiny"),
                "application/octet-stream",
            )))
            .await
            .expect("upload");
        glance
            .wait_for_status(
                &glance_images::get(&img.id),
                &[glance_images::ImageStatus::Active],
                &[glance_images::ImageStatus::Killed],
                wait(120),
            )
            .await
            .expect("image active");

        let net: Value = neutron
            .call(
                &Op::post(Ok("networks".into()))
                    .json(&json!({"network": {"name": name}}))
                    .decode_body(),
            )
            .await
            .expect("create network");
        let net_id = net["network"]["id"]
            .as_str()
            .expect("network id")
            .to_owned();
        *network_id.lock().unwrap() = Some(net_id.clone());
        let subnet: Value = neutron
            .call(
                &Op::post(Ok("subnets".into()))
                    .json(&json!({"subnet": {
                        "network_id": net_id, "ip_version": 4, "cidr": "10.231.7.0/24", "name": name
                    }}))
                    .decode_body(),
            )
            .await
            .expect("create subnet");
        let subnet_id = subnet["subnet"]["id"]
            .as_str()
            .expect("subnet id")
            .to_owned();

        let flavor = nova
            .collect_all(flavors::list_detail(&ListFlavors::default()))
            .await
            .expect("flavors")
            .into_iter()
            .min_by_key(|f| f.ram)
            .expect("a public flavor");
        let server: RawServer = nova
            .call(
                &Op::post(Ok("servers".into()))
                    .json(&json!({"server": {
                        "name": name, "imageRef": img.id, "flavorRef": flavor.id, "networks": "none"
                    }}))
                    .decode_key("server"),
            )
            .await
            .expect("create server");
        *server_id.lock().unwrap() = Some(server.id.clone());
        let sid = server.id.clone();
        let get_server = Op::get(Ok(format!("servers/{sid}"))).decode_key::<RawServer>("server");
        nova.wait_for_status(
            &get_server,
            &[ServerStatus::Active],
            &[ServerStatus::Error],
            wait(120),
        )
        .await
        .expect("server ACTIVE");

        // Interfaces: by network with a fixed IP and a tag (2.70 shows tags).
        let nova70 = admin.compute().microversion("2.70");
        let by_net = nova70
            .call(&attach_interfaces::create(
                &sid,
                &CreateInterface::network(&net_id)
                    .fixed_ip("10.231.7.25")
                    .tag("data"),
            ))
            .await
            .expect("attach by network");
        assert_eq!(by_net.net_id.as_deref(), Some(net_id.as_str()));
        assert_eq!(by_net.tag.as_deref(), Some("data"));
        assert_eq!(by_net.fixed_ips[0].ip_address, "10.231.7.25");
        assert_eq!(
            by_net.fixed_ips[0].subnet_id.as_deref(),
            Some(subnet_id.as_str())
        );
        // By an existing port.
        let port: Value = neutron
            .call(
                &Op::post(Ok("ports".into()))
                    .json(&json!({"port": {"network_id": net_id, "name": name}}))
                    .decode_body(),
            )
            .await
            .expect("create port");
        let port_id = port["port"]["id"].as_str().expect("port id").to_owned();
        let by_port = nova70
            .call(&attach_interfaces::create(
                &sid,
                &CreateInterface::port(&port_id),
            ))
            .await
            .expect("attach by port");
        assert_eq!(by_port.port_id, port_id);
        let listed = nova70
            .call(&attach_interfaces::list(&sid))
            .await
            .expect("list interfaces");
        assert_eq!(listed.len(), 2, "{listed:?}");
        let shown = nova70
            .call(&attach_interfaces::get(&sid, &by_net.port_id))
            .await
            .expect("get interface");
        assert_eq!(shown.mac_addr, by_net.mac_addr);
        for p in [&by_net.port_id, &port_id] {
            nova70
                .call(&attach_interfaces::delete(&sid, p))
                .await
                .expect("detach interface");
        }
        wait_detached(|| async {
            !nova70
                .call(&attach_interfaces::list(&sid))
                .await
                .expect("list interfaces")
                .is_empty()
        })
        .await;
        let err = nova70
            .call(&attach_interfaces::get(&sid, &port_id))
            .await
            .unwrap_err();
        assert_nova_404(&err, "");

        // A volume: attach with delete_on_termination (2.79), read it back,
        // flip delete_on_termination (2.85), detach.
        let vol = cinder
            .call(&volumes::create(&CreateVolume {
                size: Some(1),
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .expect("create volume");
        *volume_id.lock().unwrap() = Some(vol.id.clone());
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(120),
            )
            .await
            .expect("volume available");
        let att = nova
            .call(&volume_attach::create(
                &sid,
                // No tag: with the fake virt driver Nova cannot detach a tagged volume
                // (its compute manager fails on the missing device metadata).
                &CreateVolumeAttachment {
                    device: Some("/dev/vdb".into()),
                    delete_on_termination: Some(false),
                    ..CreateVolumeAttachment::new(&vol.id)
                },
            ))
            .await
            .expect("attach volume");
        assert_eq!(att.volume_id, vol.id);
        assert_eq!(att.server_id.as_deref(), Some(sid.as_str()));
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::InUse],
                &[volumes::VolumeStatus::Error],
                wait(120),
            )
            .await
            .expect("volume in-use");
        let listed = nova
            .collect_all(volume_attach::list(
                &sid,
                &ListVolumeAttachments {
                    limit: Some(5),
                    offset: Some(0),
                },
            ))
            .await
            .expect("list attachments");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].tag, None);
        assert_eq!(listed[0].delete_on_termination, Some(false));
        // Nova pages over all block device mappings (the image root disk is the first,
        // though not listed): offset 2 skips the root disk and the volume.
        let skipped = nova
            .collect_all(volume_attach::list(
                &sid,
                &ListVolumeAttachments {
                    limit: None,
                    offset: Some(2),
                },
            ))
            .await
            .expect("list with offset");
        assert!(skipped.is_empty(), "{skipped:?} {listed:?}");

        // Swap: the body passes Nova's schema (a bad one answers 400), and recent Nova
        // accepts a swap only from Cinder while it migrates the volume: 409 with its reason.
        let err = nova
            .call(&volume_attach::update(
                &sid,
                &vol.id,
                &UpdateVolumeAttachment::swap(&vol.id),
            ))
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(409), "{err}");
        assert!(
            err.http()
                .is_some_and(|h| h.message().contains("not migrating")),
            "{err}"
        );
        let nova89 = admin.compute().microversion("2.89");
        nova89
            .call(&volume_attach::update(
                &sid,
                &vol.id,
                &UpdateVolumeAttachment::delete_on_termination(&vol.id, true),
            ))
            .await
            .expect("update delete_on_termination");
        let shown = nova89
            .call(&volume_attach::get(&sid, &vol.id))
            .await
            .expect("get attachment");
        assert_eq!(shown.delete_on_termination, Some(true));
        assert!(shown.id.is_none() && shown.attachment_id.is_some() && shown.bdm_uuid.is_some());

        nova.call(&volume_attach::delete(&sid, &vol.id))
            .await
            .expect("detach volume");
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(120),
            )
            .await
            .expect("volume available again");
        wait_detached(|| async { nova.call(&volume_attach::get(&sid, &vol.id)).await.is_ok() })
            .await;
        let err = nova
            .call(&volume_attach::get(&sid, &vol.id))
            .await
            .unwrap_err();
        assert_nova_404(&err, "");
    };
    guarded(body, async {
        let sid = server_id.lock().unwrap().clone();
        if let Some(sid) = sid {
            let _ = nova
                .call(&Op::<()>::delete(Ok(format!("servers/{sid}"))))
                .await;
            let get = Op::get(Ok(format!("servers/{sid}"))).decode_key::<RawServer>("server");
            let _ = nova.wait_for_deleted(&get, wait(120)).await;
        }
        let vid = volume_id.lock().unwrap().clone();
        if let Some(vid) = vid {
            let _ = cinder.call(&volumes::delete(&vid, true)).await;
        }
        let nid = network_id.lock().unwrap().clone();
        if let Some(nid) = nid {
            // Deleting the network also deletes its subnet and unbound ports.
            let ports: Value = neutron
                .call(&raw_get(format!("ports?network_id={nid}")))
                .await
                .unwrap_or_default();
            for p in ports["ports"].as_array().into_iter().flatten() {
                if let Some(pid) = p["id"].as_str() {
                    let _ = neutron
                        .call(&Op::<()>::delete(Ok(format!("ports/{pid}"))))
                        .await;
                }
            }
            let _ = neutron
                .call(&Op::<()>::delete(Ok(format!("networks/{nid}"))))
                .await;
        }
        let iid = image_id.lock().unwrap().clone();
        if let Some(iid) = iid {
            let _ = glance.call(&glance_images::delete(&iid)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn security_group_proxy_crud_with_a_rule() {
    let demo = cloud::demo();
    // The service handle's own microversion is newer than 2.35: each op pins 2.35 itself.
    let nova = demo.compute().microversion("2.90");
    let name = cloud::unique("secgroup");
    let group = nova
        .call(&secgroups::create(&CreateSecurityGroup::new(
            &name,
            "ferrocloud test group",
        )))
        .await
        .expect("create security group through Nova's proxy");
    let id = group.id.clone();

    let body = async {
        assert_eq!(group.name, name);
        assert_eq!(group.description.as_deref(), Some("ferrocloud test group"));
        let (project, _) = project_and_user(&demo).await;
        assert_eq!(group.tenant_id.as_deref(), Some(project.as_str()));
        assert!(group.extra.is_empty(), "untyped: {:?}", group.extra);

        let got = nova.call(&secgroups::get(&id)).await.expect("get");
        assert_eq!(
            (got.id.as_str(), got.name.as_str()),
            (id.as_str(), name.as_str())
        );

        let listed = nova
            .call(&secgroups::list(&ListSecurityGroups::default()))
            .await
            .expect("list");
        assert!(listed.iter().any(|g| g.id == id), "new group not listed");
        let one = nova
            .call(&secgroups::list(&ListSecurityGroups {
                limit: Some(1),
                ..Default::default()
            }))
            .await
            .expect("list limit=1");
        assert_eq!(one.len(), 1, "limit=1 honoured");

        let renamed = format!("{name}-renamed");
        let updated = nova
            .call(&secgroups::update(
                &id,
                &CreateSecurityGroup::new(&renamed, "changed by ferrocloud"),
            ))
            .await
            .expect("update");
        assert_eq!(updated.name, renamed);
        assert_eq!(
            updated.description.as_deref(),
            Some("changed by ferrocloud")
        );
        let got = nova
            .call(&secgroups::get(&id))
            .await
            .expect("get after update");
        assert_eq!(got.name, renamed);
        assert_eq!(got.description.as_deref(), Some("changed by ferrocloud"));

        let rule = nova
            .call(&secgroups::create_rule(&CreateRule::tcp(
                &id,
                22,
                22,
                "0.0.0.0/0",
            )))
            .await
            .expect("create tcp/22 rule");
        assert_eq!(rule.parent_group_id, id);
        assert_eq!(rule.ip_protocol, Some(IpProtocol::Tcp));
        assert_eq!((rule.from_port, rule.to_port), (Some(22), Some(22)));
        assert_eq!(rule.ip_range.cidr.as_deref(), Some("0.0.0.0/0"));
        let got = nova
            .call(&secgroups::get(&id))
            .await
            .expect("get with rule");
        let seen = got
            .rules
            .iter()
            .find(|r| r.id == rule.id)
            .unwrap_or_else(|| panic!("rule {} not in {:?}", rule.id, got.rules));
        assert_eq!((seen.from_port, seen.to_port), (Some(22), Some(22)));
        assert_eq!(seen.ip_range.cidr.as_deref(), Some("0.0.0.0/0"));

        nova.call(&secgroups::delete_rule(&rule.id))
            .await
            .expect("delete rule");
        let got = nova
            .call(&secgroups::get(&id))
            .await
            .expect("get after rule delete");
        assert!(
            got.rules.iter().all(|r| r.id != rule.id),
            "rule still there"
        );

        // A server's groups: of a demo server if the demo project has one; else (the
        // seeded servers may live in another project) of any server, as the admin.
        let servers = nova
            .collect_all(nova_servers::list_detail(&ListServers::default()))
            .await
            .expect("list servers");
        // An active server with an address (so a port, so at least one group); the
        // long-lived seeded `demo-*` ones first, not a server another suite is building.
        let pick = |all: &[nova_servers::Server]| {
            let usable = |s: &&nova_servers::Server| {
                s.status == Some(ServerStatus::Active)
                    && s.addresses.as_ref().is_some_and(|a| !a.is_empty())
            };
            all.iter()
                .filter(usable)
                .find(|s| s.name.as_deref().is_some_and(|n| n.starts_with("demo-")))
                .or_else(|| all.iter().find(usable))
                .map(|s| s.id.clone())
        };
        let admin = cloud::admin();
        let admin_nova = admin.compute().microversion("2.90");
        let (who, viewer, server_id) = match servers.first() {
            Some(_) => ("demo", &nova, pick(&servers)),
            None => {
                println!(
                    "no server in the demo project {project} (servers::list is empty): \
                     list_by_server checked as the admin on another project's server"
                );
                let all = admin_nova
                    .collect_all(nova_servers::list_detail(&ListServers {
                        all_tenants: true,
                        ..Default::default()
                    }))
                    .await
                    .expect("admin list servers");
                ("admin", &admin_nova, pick(&all))
            }
        };
        match server_id {
            // The suites run on a seeded cloud (scripts/test.sh seeds demo-web-1 and -2).
            None => panic!("no active server with an address: run demo-seed first"),
            Some(server_id) => {
                let of_server = viewer
                    .call(&secgroups::list_by_server(&server_id))
                    .await
                    .expect("list by server");
                let all = viewer
                    .call(&secgroups::list(&ListSecurityGroups {
                        all_tenants: who == "admin",
                        ..Default::default()
                    }))
                    .await
                    .expect("list");
                assert!(
                    !of_server.is_empty(),
                    "server {server_id} has a port, so at least the default group"
                );
                assert!(
                    of_server.iter().all(|g| all.iter().any(|a| a.id == g.id)),
                    "a group of server {server_id} is not listed"
                );
                assert!(of_server.iter().all(|g| g.id != id), "ours is on no server");
                println!(
                    "server {server_id} ({who}) has groups {:?}",
                    of_server.iter().map(|g| &g.name).collect::<Vec<_>>()
                );
            }
        }

        nova.call(&secgroups::delete(&id))
            .await
            .expect("delete group");
        let err = nova.call(&secgroups::get(&id)).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");
    };
    guarded(body, async {
        let _ = nova.call(&secgroups::delete(&id)).await;
    })
    .await;
}
