//! Against the REAL Nova of the local cloud: a private flavor with extra specs, tenant
//! access (seen from the demo project), description update and delete; keypairs
//! generated, imported, fetched by an admin for their owner, paged and deleted; a Glance
//! image seen and changed through Nova's image proxy. Everything is cleaned up, also
//! when an assertion fails midway.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt;

use ferrocloud::compute::flavors::{self, CreateFlavor, ListFlavors, UpdateFlavor, Visibility};
use ferrocloud::compute::images::{self as nova_images, ImageStatus, ListImages};
use ferrocloud::compute::keypairs::{self, CreateKeypair, KeypairType, ListKeypairs};
use ferrocloud::image::images::{self as glance_images, CreateImage};
use ferrocloud::{Body, Error, Wait};
use ferrocloud_tests::cloud;

fn wait() -> Wait {
    Wait::timeout(Duration::from_secs(120)).every(Duration::from_millis(500))
}

/// Runs `body`, then `cleanup` whatever happened, then re-raises a failure of `body`.
async fn guarded<B, C>(body: B, cleanup: C)
where
    B: Future<Output = ()>,
    C: Future<Output = ()>,
{
    let outcome = AssertUnwindSafe(body).catch_unwind().await;
    cleanup.await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

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

async fn project_of(cloud: &ferrocloud_native::Cloud) -> (String, String) {
    let token = cloud.token().await.expect("token");
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
            limit: Some(1),
            sort_key: Some("flavorid".into()),
            sort_dir: Some("asc".into()),
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
        let (demo_project, _) = project_of(&demo).await;
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
    let (_, demo_user) = project_of(&demo).await;
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
            .call(&glance_images::upload(&id).body(Ok(Body::raw(
                bytes::Bytes::from_static(b"ferrocloud compute proxy test image"),
                "application/octet-stream",
            ))))
            .await
            .expect("upload");
        glance
            .wait_for_status(&glance_images::get(&id), &["active"], &["killed"], wait())
            .await
            .expect("image active");

        let seen = nova
            .wait_for_status(&nova_images::get(&id), &["ACTIVE"], &["ERROR"], wait())
            .await
            .expect("nova shows the image");
        assert_eq!(seen.name.as_deref(), Some(name.as_str()));
        assert_eq!(seen.status, ImageStatus::Active);
        assert_eq!(seen.min_ram, Some(64));
        assert_eq!(seen.size, Some(35));
        assert!(seen
            .links
            .iter()
            .any(|l| l.rel.as_deref() == Some("alternate")));

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
        let md = |pairs: &[(&str, &str)]| -> ferrocloud::metadata::Metadata {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let merged = nova
            .call(&nova_images::merge_metadata(
                &id,
                &md(&[("purpose", "test"), ("os_distro", "cirros")]),
            ))
            .await
            .expect("merge metadata");
        assert_eq!(merged.get("purpose").map(String::as_str), Some("test"));
        let one = nova
            .call(&nova_images::set_metadata_key(&id, "purpose", "proxy"))
            .await
            .expect("set one key");
        assert_eq!(one.value, "proxy");
        let got = nova
            .call(&nova_images::metadata_key(&id, "os_distro"))
            .await
            .expect("get one key");
        assert_eq!(got.value, "cirros");
        nova.call(&nova_images::delete_metadata_key(&id, "os_distro"))
            .await
            .expect("delete one key");
        let all = nova
            .call(&nova_images::metadata(&id))
            .await
            .expect("metadata");
        assert_eq!(all.get("purpose").map(String::as_str), Some("proxy"));
        assert!(!all.contains_key("os_distro"));
        let replaced = nova
            .call(&nova_images::replace_metadata(
                &id,
                &md(&[("only", "this")]),
            ))
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
