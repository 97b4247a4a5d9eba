//! Cinder volume types against the real Cinder: a private type created with an extra
//! spec, listed by visibility and page by page, its extra specs changed key by key,
//! shared with the demo project (which then sees it) and unshared, renamed, encrypted
//! (create, read, one field, update, delete) and deleted — deleted even when an assertion
//! fails.

use ferrocloud::block_storage::volume_types::{
    self, ControlLocation, CreateVolumeType, ExtraSpecs, ListVolumeTypes, SetEncryption,
    UpdateVolumeType, Visibility,
};
use ferrocloud::ListCommon;
use ferrocloud_tests::cloud;

use crate::support::guarded;

fn specs(pairs: &[(&str, &str)]) -> ExtraSpecs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_volume_type_lifecycle() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let cinder = admin.block_storage();
    let demo_project = demo
        .token()
        .await
        .expect("demo token")
        .info
        .project
        .as_ref()
        .expect("demo is project-scoped")
        .id
        .clone();
    let name = cloud::unique("vtype");
    let created = cinder
        .call(&volume_types::create(&CreateVolumeType {
            name: name.clone(),
            description: Some("ferrocloud test".into()),
            is_public: Some(false),
            extra_specs: specs(&[("ferro:one", "1")]),
        }))
        .await
        .expect("create type");
    let id = created.id.clone();

    let body = async {
        assert_eq!(created.name, name);
        assert_eq!(created.is_public, Some(false));
        assert_eq!(created.extra_specs, Some(specs(&[("ferro:one", "1")])));
        assert!(created.extra.is_empty(), "{:?}", created.extra);

        // Visibility filter, and paging by links one type a page.
        let all = cinder
            .collect_all(volume_types::list(&ListVolumeTypes {
                visibility: Some(Visibility::All),
                common: ListCommon {
                    limit: Some(1),
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await?;
        assert!(all.iter().any(|t| t.id == id), "private type in All");
        assert!(all.len() >= 2, "more than one page walked: {}", all.len());
        let mut ids: Vec<_> = all.iter().map(|t| t.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "no type twice across pages");
        let public = cinder
            .collect_all(volume_types::list(&ListVolumeTypes {
                visibility: Some(Visibility::Public),
                ..Default::default()
            }))
            .await?;
        assert!(
            !public.iter().any(|t| t.id == id),
            "private type not public"
        );
        assert!(public.iter().all(|t| t.is_public == Some(true)));

        let default = cinder.call(&volume_types::get_default()).await?;
        assert!(!default.id.is_empty() && !default.name.is_empty());

        // Extra specs.
        let set = cinder
            .call(&volume_types::set_extra_specs(
                &id,
                &specs(&[("ferro:two", "2")]),
            ))
            .await?;
        assert_eq!(set, specs(&[("ferro:two", "2")]));
        let one = cinder
            .call(&volume_types::update_extra_spec(&id, "ferro:one", "uno"))
            .await?;
        assert_eq!(one, specs(&[("ferro:one", "uno")]));
        let got = cinder
            .call(&volume_types::get_extra_spec(&id, "ferro:one"))
            .await?;
        assert_eq!(got, specs(&[("ferro:one", "uno")]));
        cinder
            .call(&volume_types::delete_extra_spec(&id, "ferro:two"))
            .await?;
        let now = cinder.call(&volume_types::list_extra_specs(&id)).await?;
        assert_eq!(now, specs(&[("ferro:one", "uno")]));

        // Access: demo sees the private type only while it is shared.
        let demo_cinder = demo.block_storage();
        let hidden = demo_cinder.call(&volume_types::get(&id)).await;
        assert_eq!(
            hidden.err().and_then(|e| e.status()).map(|s| s.as_u16()),
            Some(404)
        );
        cinder
            .call(&volume_types::add_project_access(&id, &demo_project))
            .await?;
        let access = cinder.call(&volume_types::list_project_access(&id)).await?;
        assert_eq!(access.len(), 1);
        assert_eq!(
            (
                access[0].volume_type_id.as_str(),
                access[0].project_id.as_str()
            ),
            (id.as_str(), demo_project.as_str())
        );
        let seen = demo_cinder.call(&volume_types::get(&id)).await?;
        assert_eq!(seen.name, name);
        cinder
            .call(&volume_types::remove_project_access(&id, &demo_project))
            .await?;
        assert!(cinder
            .call(&volume_types::list_project_access(&id))
            .await?
            .is_empty());

        // Update.
        let renamed = format!("{name}-b");
        let updated = cinder
            .call(&volume_types::update(
                &id,
                &UpdateVolumeType {
                    name: Some(renamed.clone()),
                    description: Some("changed".into()),
                    ..Default::default()
                },
            ))
            .await?;
        assert_eq!(updated.name, renamed);
        let got = cinder.call(&volume_types::get(&id)).await?;
        assert_eq!(got.description.as_deref(), Some("changed"));

        // Encryption.
        let none = cinder.call(&volume_types::get_encryption(&id)).await?;
        assert!(none.encryption_id.is_none(), "{none:?}");
        let enc = cinder
            .call(&volume_types::create_encryption(
                &id,
                &SetEncryption {
                    provider: Some("luks".into()),
                    control_location: Some(ControlLocation::FrontEnd),
                    cipher: Some("aes-xts-plain64".into()),
                    key_size: Some(256),
                },
            ))
            .await?;
        let enc_id = enc.encryption_id.clone().expect("encryption id");
        assert_eq!(enc.volume_type_id.as_deref(), Some(id.as_str()));
        let shown = cinder.call(&volume_types::get_encryption(&id)).await?;
        assert_eq!(shown.key_size, Some(256));
        assert_eq!(shown.control_location, Some(ControlLocation::FrontEnd));
        assert!(shown.created_at.is_some(), "{shown:?}");
        let cipher = cinder
            .call(&volume_types::get_encryption_spec(&id, "cipher"))
            .await?;
        assert_eq!(
            cipher.get("cipher").and_then(|v| v.as_str()),
            Some("aes-xts-plain64")
        );
        let changed = cinder
            .call(&volume_types::update_encryption(
                &id,
                &enc_id,
                &SetEncryption {
                    key_size: Some(512),
                    ..Default::default()
                },
            ))
            .await?;
        assert_eq!(changed.key_size, Some(512));
        assert_eq!(
            cinder
                .call(&volume_types::get_encryption(&id))
                .await?
                .key_size,
            Some(512)
        );
        cinder
            .call(&volume_types::delete_encryption(&id, &enc_id))
            .await?;
        let gone = cinder.call(&volume_types::get_encryption(&id)).await?;
        assert!(gone.encryption_id.is_none(), "{gone:?}");
        Ok::<_, ferrocloud::Error>(())
    };
    // The type goes even when an assertion of the body panics.
    let deleted = std::sync::Mutex::new(None);
    let result = guarded(body, async {
        *deleted.lock().unwrap() = Some(cinder.call(&volume_types::delete(&id)).await);
    })
    .await;
    let after = cinder.call(&volume_types::get(&id)).await;
    result.expect("volume type lifecycle");
    let deleted = deleted.lock().unwrap().take().expect("cleanup ran");
    deleted.expect("delete type");
    assert_eq!(
        after.err().and_then(|e| e.status()).map(|s| s.as_u16()),
        Some(404)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_default_type_of_a_fresh_project() {
    use ferrocloud::block_storage::default_types;
    use ferrocloud::identity::v3::projects::{self, CreateProject};
    let admin = cloud::admin();
    let keystone = admin.identity();
    let cinder = admin.block_storage();
    let project = keystone
        .call(&projects::create(&CreateProject {
            name: cloud::unique("dtype"),
            domain_id: Some("default".into()),
            ..Default::default()
        }))
        .await
        .expect("project");
    let vtype = cinder
        .call(&volume_types::create(&CreateVolumeType {
            name: cloud::unique("dtype"),
            ..Default::default()
        }))
        .await;
    let body = async {
        let vtype = vtype.as_ref().expect("type");
        let none = cinder.call(&default_types::get(&project.id)).await;
        assert_eq!(
            none.err().and_then(|e| e.status()).map(|s| s.as_u16()),
            Some(404)
        );
        let set = cinder
            .call(&default_types::set(&project.id, &vtype.name))
            .await?;
        assert_eq!(
            (set.project_id.as_str(), set.volume_type_id.as_str()),
            (project.id.as_str(), vtype.id.as_str())
        );
        assert_eq!(cinder.call(&default_types::get(&project.id)).await?, set);
        let all = cinder.call(&default_types::list()).await?;
        assert!(all.contains(&set), "{all:?}");
        cinder.call(&default_types::delete(&project.id)).await?;
        let gone = cinder.call(&default_types::get(&project.id)).await;
        assert_eq!(
            gone.err().and_then(|e| e.status()).map(|s| s.as_u16()),
            Some(404)
        );
        Ok::<_, ferrocloud::Error>(())
    };
    let result = guarded(body, async {
        let _ = cinder.call(&default_types::delete(&project.id)).await;
        if let Ok(t) = &vtype {
            let _ = cinder.call(&volume_types::delete(&t.id)).await;
        }
        let _ = keystone.call(&projects::delete(&project.id)).await;
    })
    .await;
    result.expect("default types");
}
