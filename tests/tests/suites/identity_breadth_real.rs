//! Keystone v3 groups, the catalog admin API (regions, services, endpoints,
//! `GET /v3/auth/catalog`), credentials and policies against the real local cloud.
//! Everything is created under unique names and deleted again, also when an assertion
//! fails; existing regions, services, endpoints, users and projects are only read.

use std::sync::Mutex;

use ferrocloud::identity::v3::credentials::{self, CreateCredential, CredentialType, Ec2Blob};
use ferrocloud::identity::v3::policies;
use ferrocloud::identity::v3::{endpoints, groups, regions, roles, services, users};
use ferrocloud::{Interface, Patch};
use ferrocloud_tests::cloud;

use crate::support::guarded;

/// Ids a test created, deleted by [`Created::delete_all`] in dependency order.
#[derive(Default)]
struct Created {
    users: Vec<String>,
    groups: Vec<String>,
    credentials: Vec<String>,
    policies: Vec<String>,
    endpoints: Vec<String>,
    services: Vec<String>,
    /// Children before parents.
    regions: Vec<String>,
}

impl Created {
    async fn delete_all(cell: &Mutex<Created>) {
        let admin = cloud::admin();
        let ks = admin.identity();
        let c = std::mem::take(&mut *cell.lock().unwrap());
        for id in &c.credentials {
            let _ = ks.call(&credentials::delete(id)).await;
        }
        for id in &c.policies {
            let _ = ks.call(&policies::delete(id)).await;
        }
        for id in &c.users {
            let _ = ks.call(&users::delete(id)).await;
        }
        for id in &c.groups {
            let _ = ks.call(&groups::delete(id)).await;
        }
        for id in &c.endpoints {
            let _ = ks.call(&endpoints::delete(id)).await;
        }
        for id in &c.services {
            let _ = ks.call(&services::delete(id)).await;
        }
        for id in c.regions.iter().rev() {
            let _ = ks.call(&regions::delete(id)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn group_crud_and_membership() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let name = cloud::unique("group");
        let group = ks
            .call(&groups::create(&groups::CreateGroup {
                name: name.clone(),
                domain_id: Some("default".into()),
                description: Some("ferrocloud test".into()),
            }))
            .await
            .unwrap();
        created.lock().unwrap().groups.push(group.id.clone());
        let user = ks
            .call(&users::create(&users::CreateUser {
                name: cloud::unique("member"),
                domain_id: Some("default".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().users.push(user.id.clone());

        // Filters: by name (exactly ours), by domain (ours among others).
        let named = ks
            .collect_all(groups::list(&groups::ListGroups {
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(named.iter().map(|g| &g.id).collect::<Vec<_>>(), [&group.id]);
        let in_default = ks
            .collect_all(groups::list(&groups::ListGroups {
                domain_id: Some("default".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(in_default.iter().any(|g| g.id == group.id));

        // Membership: not yet, add, check, list both ways, remove.
        let before = ks.call(&groups::check_user(&group.id, &user.id)).await;
        assert!(before.unwrap_err().is_not_found());
        ks.call(&groups::add_user(&group.id, &user.id))
            .await
            .unwrap();
        ks.call(&groups::check_user(&group.id, &user.id))
            .await
            .unwrap();
        let members = ks
            .collect_all(groups::list_users(&group.id, &Default::default()))
            .await
            .unwrap();
        assert_eq!(
            members.iter().map(|u| &u.id).collect::<Vec<_>>(),
            [&user.id]
        );
        let of_user = ks.collect_all(users::list_groups(&user.id)).await.unwrap();
        assert_eq!(
            of_user.iter().map(|g| &g.id).collect::<Vec<_>>(),
            [&group.id]
        );
        ks.call(&groups::remove_user(&group.id, &user.id))
            .await
            .unwrap();
        let after = ks.call(&groups::check_user(&group.id, &user.id)).await;
        assert!(after.unwrap_err().is_not_found());

        // Update: rename, clear the description.
        let renamed = format!("{name}-2");
        let updated = ks
            .call(&groups::update(
                &group.id,
                &groups::UpdateGroup {
                    name: Some(renamed.clone()),
                    description: Patch::Null,
                },
            ))
            .await
            .unwrap();
        assert_eq!(updated.name, renamed);
        assert_eq!(updated.description.as_deref().unwrap_or(""), "");
        let got = ks.call(&groups::get(&group.id)).await.unwrap();
        assert_eq!(
            (got.name, got.domain_id.as_deref()),
            (renamed, Some("default"))
        );

        // Delete.
        ks.call(&groups::delete(&group.id)).await.unwrap();
        created.lock().unwrap().groups.clear();
        let gone = ks.call(&groups::get(&group.id)).await;
        assert!(gone.unwrap_err().is_not_found());
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn regions_services_endpoints_and_the_catalog() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();

        // Regions: a parent with a child, the child found by its parent.
        let parent = ks
            .call(&regions::create(&regions::CreateRegion {
                id: Some(cloud::unique("region")),
                description: Some("ferrocloud test".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().regions.push(parent.id.clone());
        let child = ks
            .call(&regions::create(&regions::CreateRegion {
                parent_region_id: Some(parent.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().regions.push(child.id.clone());
        assert!(!child.id.is_empty(), "Keystone makes up an id");
        let children = ks
            .collect_all(regions::list(&regions::ListRegions {
                parent_region_id: Some(parent.id.clone()),
            }))
            .await
            .unwrap();
        assert_eq!(
            children.iter().map(|r| &r.id).collect::<Vec<_>>(),
            [&child.id]
        );
        let cleared = ks
            .call(&regions::update(
                &parent.id,
                &regions::UpdateRegion {
                    description: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(cleared.description.as_deref().unwrap_or(""), "");

        // Services: a type of our own, found by type, renamed.
        let service_type = cloud::unique("ferrotype");
        let service = ks
            .call(&services::create(&services::CreateService {
                service_type: service_type.clone(),
                name: Some(cloud::unique("svc")),
                description: Some("ferrocloud test".into()),
                enabled: None,
            }))
            .await
            .unwrap();
        created.lock().unwrap().services.push(service.id.clone());
        assert!(service.enabled);
        let by_type = ks
            .collect_all(services::list(&services::ListServices {
                service_type: Some(service_type.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            by_type.iter().map(|s| &s.id).collect::<Vec<_>>(),
            [&service.id]
        );
        let new_name = cloud::unique("svc");
        let renamed = ks
            .call(&services::update(
                &service.id,
                &services::UpdateService {
                    name: Patch::Set(new_name.clone()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(renamed.name.as_deref(), Some(new_name.as_str()));
        let by_name = ks
            .collect_all(services::list(&services::ListServices {
                name: Some(new_name.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(by_name.len(), 1);

        // Endpoints: one internal URL in the child region, found by each filter.
        let url = "http://127.0.0.1:9/ferrocloud".to_string();
        let ep = ks
            .call(&endpoints::create(&endpoints::CreateEndpoint {
                interface: Interface::Internal,
                region_id: Some(child.id.clone()),
                url: url.clone(),
                service_id: service.id.clone(),
                enabled: None,
            }))
            .await
            .unwrap();
        created.lock().unwrap().endpoints.push(ep.id.clone());
        assert_eq!(
            (ep.interface, ep.region_id.as_deref(), ep.enabled),
            (Interface::Internal, Some(child.id.as_str()), true)
        );
        let of_service = |interface| endpoints::ListEndpoints {
            service_id: Some(service.id.clone()),
            interface,
            ..Default::default()
        };
        let all = ks
            .collect_all(endpoints::list(&of_service(None)))
            .await
            .unwrap();
        let internal = ks
            .collect_all(endpoints::list(&of_service(Some(Interface::Internal))))
            .await
            .unwrap();
        let public = ks
            .collect_all(endpoints::list(&of_service(Some(Interface::Public))))
            .await
            .unwrap();
        let in_region = ks
            .collect_all(endpoints::list(&endpoints::ListEndpoints {
                region_id: Some(child.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!((all.len(), internal.len(), public.len()), (1, 1, 0));
        assert_eq!(
            in_region.iter().map(|e| &e.id).collect::<Vec<_>>(),
            [&ep.id]
        );

        // The token's catalog shows the new service with its endpoint.
        let catalog = ks.call(&services::catalog()).await.unwrap();
        let entry = catalog
            .entries
            .iter()
            .find(|e| e.id.as_deref() == Some(service.id.as_str()))
            .expect("new service in /v3/auth/catalog");
        assert_eq!(entry.service_type, service_type);
        assert_eq!(entry.endpoints.len(), 1);
        assert_eq!(entry.endpoints[0].url, url);
        assert!(catalog.entries.iter().any(|e| e.service_type == "identity"));

        // Move the endpoint to public and disable it.
        let moved = ks
            .call(&endpoints::update(
                &ep.id,
                &endpoints::UpdateEndpoint {
                    interface: Some(Interface::Public),
                    url: Some(format!("{url}/v2")),
                    enabled: Some(false),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        let got = ks.call(&endpoints::get(&ep.id)).await.unwrap();
        assert_eq!(moved, got);
        assert_eq!(
            (got.interface, got.url.as_str(), got.enabled),
            (Interface::Public, format!("{url}/v2").as_str(), false)
        );

        // The system scopes of the admin (system admin in this cloud).
        let system = ks.call(&roles::available_system()).await.unwrap();
        assert!(system.len() <= 1);

        // Tear down in order: endpoint, service, regions.
        ks.call(&endpoints::delete(&ep.id)).await.unwrap();
        ks.call(&services::delete(&service.id)).await.unwrap();
        // Keystone lets a parent go before its children (leaving them a dangling
        // parent_region_id), so delete the child first.
        ks.call(&regions::delete(&child.id)).await.unwrap();
        ks.call(&regions::delete(&parent.id)).await.unwrap();
        for id in [&parent.id, &child.id] {
            let gone = ks.call(&regions::get(id)).await;
            assert!(gone.unwrap_err().is_not_found(), "{id}");
        }
        let gone = ks.call(&services::get(&service.id)).await;
        assert!(gone.unwrap_err().is_not_found());
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ec2_credential_and_policy_crud() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let token = admin.token().await.unwrap();
        let project_id = token
            .info
            .project
            .as_ref()
            .expect("project-scoped")
            .id
            .clone();
        let user = ks
            .call(&users::create(&users::CreateUser {
                name: cloud::unique("ec2"),
                domain_id: Some("default".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().users.push(user.id.clone());

        // An EC2 credential: the blob comes back as stored and reads as keys again.
        let keys = Ec2Blob {
            access: cloud::unique("access"),
            secret: cloud::unique("secret").into(),
            trust_id: None,
        };
        let cred = ks
            .call(&credentials::create(&CreateCredential::ec2(
                &user.id,
                &project_id,
                &keys,
            )))
            .await
            .unwrap();
        created.lock().unwrap().credentials.push(cred.id.clone());
        assert_eq!(cred.ec2().as_ref(), Some(&keys));
        assert!(!format!("{cred:?}").contains(keys.secret.expose()));
        let got = ks.call(&credentials::get(&cred.id)).await.unwrap();
        assert_eq!(got.ec2().as_ref(), Some(&keys));
        let listed = ks
            .collect_all(credentials::list(&credentials::ListCredentials {
                user_id: Some(user.id.clone()),
                kind: Some(CredentialType::Ec2),
            }))
            .await
            .unwrap();
        assert_eq!(listed.iter().map(|c| &c.id).collect::<Vec<_>>(), [&cred.id]);
        let no_totp = ks
            .collect_all(credentials::list(&credentials::ListCredentials {
                user_id: Some(user.id.clone()),
                kind: Some(CredentialType::Totp),
            }))
            .await
            .unwrap();
        assert!(no_totp.is_empty());
        let new_secret = Ec2Blob {
            secret: cloud::unique("secret2").into(),
            ..keys.clone()
        };
        let updated = ks
            .call(&credentials::update(
                &cred.id,
                &credentials::UpdateCredential {
                    blob: Some(new_secret.to_blob()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(updated.ec2(), Some(new_secret));
        ks.call(&credentials::delete(&cred.id)).await.unwrap();
        created.lock().unwrap().credentials.clear();
        let gone = ks.call(&credentials::get(&cred.id)).await;
        assert!(gone.unwrap_err().is_not_found());

        // A policy under a MIME type of our own, found by type, its blob replaced.
        let kind = format!("application/x-{}", cloud::unique("ferro"));
        let policy = ks
            .call(&policies::create(&policies::CreatePolicy {
                blob: r#"{"ferro_rule": "role:member"}"#.into(),
                kind: kind.clone(),
            }))
            .await
            .unwrap();
        created.lock().unwrap().policies.push(policy.id.clone());
        assert_eq!(policy.blob, r#"{"ferro_rule": "role:member"}"#);
        let by_type = ks
            .collect_all(policies::list(&policies::ListPolicies {
                kind: Some(kind.clone()),
            }))
            .await
            .unwrap();
        assert_eq!(
            by_type.iter().map(|p| &p.id).collect::<Vec<_>>(),
            [&policy.id]
        );
        let updated = ks
            .call(&policies::update(
                &policy.id,
                &policies::UpdatePolicy {
                    blob: Some(r#"{"ferro_rule": "role:reader"}"#.into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        let got = ks.call(&policies::get(&policy.id)).await.unwrap();
        assert_eq!(updated, got);
        assert_eq!(got.kind, kind);
        assert_eq!(got.blob, r#"{"ferro_rule": "role:reader"}"#);
        ks.call(&policies::delete(&policy.id)).await.unwrap();
        created.lock().unwrap().policies.clear();
        let gone = ks.call(&policies::get(&policy.id)).await;
        assert!(gone.unwrap_err().is_not_found());
    };
    guarded(body, Created::delete_all(&created)).await;
}
