//! A server's instance actions, password and diagnostics against the real Nova (fake
//! driver): boot, read the 2.48 diagnostics, stop, read the two actions and the stop's
//! events, page the actions one at a time, read and clear the password; clean up always.

use ferrocloud::compute::instance_actions::{self, ListActions};
use ferrocloud::compute::server_groups::{self, CreateServerGroup, Policy};
use ferrocloud::compute::servers::{self, CreateServer, Networks};
use ferrocloud::compute::{server_actions, server_diagnostics, server_password};
use ferrocloud::image::images::{self, CreateImage};
use ferrocloud::Body;
use ferrocloud_tests::cloud;

use crate::support::{self, wait};

#[tokio::test(flavor = "multi_thread")]
async fn actions_password_and_diagnostics_of_a_server() {
    let admin = cloud::admin();
    let (glance, nova) = (admin.image(), admin.compute().microversion("2.84"));
    let image = glance
        .call(&images::create(&CreateImage {
            name: Some(cloud::unique("info-img")),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            ..Default::default()
        }))
        .await
        .expect("image");
    let mut server_id = None;
    let mut group_id: Option<String> = None;
    let outcome = support::catching(async {
        glance
            .call(&images::upload(&image.id).body(Body::raw(
                bytes::Bytes::from_static(b"ferrocloud server info test image"),
                "application/octet-stream",
            )))
            .await?;
        glance
            .wait_for_status(
                &images::get(&image.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                wait(120),
            )
            .await?;
        let flavors = nova
            .collect_all(ferrocloud::compute::flavors::list_detail(
                &Default::default(),
            ))
            .await?;
        let flavor = flavors.iter().min_by_key(|f| f.ram).expect("a flavor");
        let group = nova
            .call(&server_groups::create(&CreateServerGroup {
                name: cloud::unique("info-group"),
                policy: Policy::AntiAffinity,
                rules: None,
            }))
            .await?;
        group_id = Some(group.id.clone());
        let created = nova
            .call(&servers::create(&CreateServer {
                name: cloud::unique("info"),
                image_ref: Some(image.id.clone()),
                flavor_ref: flavor.id.clone(),
                networks: Some(Networks::None),
                scheduler_hints: servers::SchedulerHints {
                    group: Some(group.id.clone()),
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await?;
        server_id = Some(created.id.clone());
        let id = created.id;
        nova.wait_for_status(
            &servers::get(&id),
            &[servers::ServerStatus::Active],
            &[servers::ServerStatus::Error],
            wait(180),
        )
        .await?;
        // Booted into the group with the `group` scheduler hint.
        let group = nova.call(&server_groups::get(&group.id)).await?;
        assert_eq!(group.members, std::slice::from_ref(&id));
        // Diagnostics while it runs (Nova refuses them for a stopped server).
        let diag = nova.call(&server_diagnostics::get(&id)).await?;
        // The fake driver answers with canned values in the standard shape.
        assert_eq!(diag.state.as_deref(), Some("running"), "{diag:?}");
        assert!(diag.driver.is_some() && diag.num_cpus.is_some(), "{diag:?}");
        assert!(diag.extra.is_empty(), "{diag:?}");
        nova.call(&server_actions::stop(&id)).await?;
        nova.wait_for_status(
            &servers::get(&id),
            &[servers::ServerStatus::Shutoff],
            &[servers::ServerStatus::Error],
            wait(120),
        )
        .await?;

        let nova84 = &nova;
        let actions = nova84
            .collect_all(instance_actions::list(&id, &ListActions::default()))
            .await?;
        let names: Vec<&str> = actions.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(names, ["stop", "create"], "newest first");
        let stop = nova84
            .call(&instance_actions::get(&id, &actions[0].request_id))
            .await?;
        assert!(
            stop.events
                .iter()
                .any(|e| e.event == "compute_stop_instance"
                    && e.result.as_deref() == Some("Success")),
            "{:?}",
            stop.events
        );
        // One per page: two pages by Nova's own next links, and an empty last one.
        let paged = nova84
            .collect_all(instance_actions::list(
                &id,
                &ListActions {
                    limit: Some(1),
                    ..Default::default()
                },
            ))
            .await?;
        assert_eq!(paged.len(), 2);

        let password = nova.call(&server_password::get(&id)).await?;
        assert!(password.expose().is_empty(), "the fake guest set none");
        nova.call(&server_password::clear(&id)).await?;

        Ok::<_, ferrocloud::Error>(())
    })
    .await;
    if let Some(id) = &server_id {
        let _ = nova.call(&servers::delete(id)).await;
        let _ = nova.wait_for_deleted(&servers::get(id), wait(120)).await;
    }
    if let Some(g) = &group_id {
        let _ = nova.call(&server_groups::delete(g)).await;
    }
    let _ = glance.call(&images::delete(&image.id)).await;
    support::unwind(outcome).expect("server info");
}
