//! Keystone v3 unified limits, OS-EP-FILTER, OS-ENDPOINT-POLICY, domain configuration and
//! OS-FEDERATION against the real local cloud, as admin. Everything is created under
//! unique names (on a service, project or region of its own) and deleted again, also when
//! an assertion fails; nothing that exists already is changed.

use std::sync::Mutex;

use ferrocloud::identity::v3::domain_configs::{self, DomainConfig};
use ferrocloud::identity::v3::ec2_credentials;
use ferrocloud::identity::v3::endpoint_filter::{
    self as ep_filter, CreateEndpointGroup, EndpointGroupFilters, UpdateEndpointGroup,
};
use ferrocloud::identity::v3::endpoint_policy::{self, Target};
use ferrocloud::identity::v3::federation::{
    self as fed, CreateIdentityProvider, CreateServiceProvider, ListProviders, MappingRules,
    ProtocolOptions, UpdateIdentityProvider, UpdateServiceProvider,
};
use ferrocloud::identity::v3::limits::{self, CreateLimit, ListLimits, UpdateLimit};
use ferrocloud::identity::v3::oauth1;
use ferrocloud::identity::v3::registered_limits::{
    self, CreateRegisteredLimit, ListRegisteredLimits, UpdateRegisteredLimit,
};
use ferrocloud::identity::v3::{
    credentials, domains, endpoints, policies, projects, regions, roles, services, users,
};
use ferrocloud::{Interface, Patch};
use ferrocloud_tests::cloud;
use serde_json::json;

use crate::support::guarded;

/// Ids a test created, deleted by [`Created::delete_all`] in dependency order.
#[derive(Default)]
struct Created {
    consumers: Vec<String>,
    service_providers: Vec<String>,
    /// Their protocols go with them.
    identity_providers: Vec<String>,
    mappings: Vec<String>,
    limits: Vec<String>,
    registered_limits: Vec<String>,
    endpoint_groups: Vec<String>,
    /// Their EC2 credentials go with them.
    users: Vec<String>,
    projects: Vec<String>,
    policies: Vec<String>,
    endpoints: Vec<String>,
    services: Vec<String>,
    regions: Vec<String>,
    /// Disabled, then deleted (their configs go with them).
    domains: Vec<String>,
}

impl Created {
    async fn delete_all(cell: &Mutex<Created>) {
        let admin = cloud::admin();
        let ks = admin.identity();
        let c = std::mem::take(&mut *cell.lock().unwrap());
        for id in &c.consumers {
            let _ = ks.call(&oauth1::delete_consumer(id)).await;
        }
        for id in &c.service_providers {
            let _ = ks.call(&fed::delete_service_provider(id)).await;
        }
        for id in &c.identity_providers {
            let _ = ks.call(&fed::delete_identity_provider(id)).await;
        }
        for id in &c.mappings {
            let _ = ks.call(&fed::delete_mapping(id)).await;
        }
        for id in &c.limits {
            let _ = ks.call(&limits::delete(id)).await;
        }
        for id in &c.registered_limits {
            let _ = ks.call(&registered_limits::delete(id)).await;
        }
        for id in &c.endpoint_groups {
            let _ = ks.call(&ep_filter::delete_group(id)).await;
        }
        for id in &c.users {
            let _ = ks.call(&users::delete(id)).await;
        }
        for id in &c.projects {
            let _ = ks.call(&projects::delete(id)).await;
        }
        for id in &c.policies {
            let _ = ks.call(&policies::delete(id)).await;
        }
        for id in &c.endpoints {
            let _ = ks.call(&endpoints::delete(id)).await;
        }
        for id in &c.services {
            let _ = ks.call(&services::delete(id)).await;
        }
        for id in &c.regions {
            let _ = ks.call(&regions::delete(id)).await;
        }
        for id in &c.domains {
            let _ = ks.call(&domain_configs::delete(id)).await;
            let disable = domains::UpdateDomain {
                enabled: Some(false),
                ..Default::default()
            };
            let _ = ks.call(&domains::update(id, &disable)).await;
            let _ = ks.call(&domains::delete(id)).await;
        }
    }
}

/// A service of its own (type and name unique), so limits on it touch nobody else.
async fn own_service(created: &Mutex<Created>) -> String {
    let admin = cloud::admin();
    let svc = admin
        .identity()
        .call(&services::create(&services::CreateService {
            service_type: cloud::unique("ferro-type"),
            name: Some(cloud::unique("ferro-svc")),
            ..Default::default()
        }))
        .await
        .unwrap();
    created.lock().unwrap().services.push(svc.id.clone());
    svc.id
}

async fn own_project(created: &Mutex<Created>) -> String {
    let admin = cloud::admin();
    let project = admin
        .identity()
        .call(&projects::create(&projects::CreateProject {
            name: cloud::unique("limits"),
            domain_id: Some("default".into()),
            ..Default::default()
        }))
        .await
        .unwrap();
    created.lock().unwrap().projects.push(project.id.clone());
    project.id
}

#[tokio::test(flavor = "multi_thread")]
async fn registered_and_project_limits() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let model = ks.call(&limits::model()).await.unwrap();
        assert_eq!(model.name, limits::ModelName::Flat, "{model:?}");
        let svc = own_service(&created).await;
        let project = own_project(&created).await;

        // Two registered limits in one batch.
        let regs = ks
            .call(&registered_limits::create(&[
                CreateRegisteredLimit {
                    service_id: svc.clone(),
                    resource_name: "widgets".into(),
                    default_limit: 10,
                    description: Some("ferrocloud test".into()),
                    ..Default::default()
                },
                CreateRegisteredLimit {
                    service_id: svc.clone(),
                    resource_name: "gadgets".into(),
                    default_limit: -1,
                    ..Default::default()
                },
            ]))
            .await
            .unwrap();
        created
            .lock()
            .unwrap()
            .registered_limits
            .extend(regs.iter().map(|r| r.id.clone()));
        assert_eq!(regs.len(), 2);
        let widgets = regs.iter().find(|r| r.resource_name == "widgets").unwrap();
        assert_eq!(widgets.default_limit, 10);
        let mine = ks
            .collect_all(registered_limits::list(&ListRegisteredLimits {
                service_id: Some(svc.clone()),
                resource_name: Some("gadgets".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].default_limit, -1);
        let raised = ks
            .call(&registered_limits::update(
                &widgets.id,
                &UpdateRegisteredLimit {
                    default_limit: Some(12),
                    description: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!((raised.default_limit, raised.description), (12, None));
        assert_eq!(
            ks.call(&registered_limits::get(&widgets.id))
                .await
                .unwrap()
                .default_limit,
            12
        );

        // A project limit on the registered one; without a registered limit: 403.
        let unregistered = ks
            .call(&limits::create(&[CreateLimit {
                service_id: svc.clone(),
                project_id: Some(project.clone()),
                resource_name: "doohickeys".into(),
                resource_limit: 1,
                ..Default::default()
            }]))
            .await
            .unwrap_err();
        assert!(unregistered.is_forbidden(), "{unregistered}");
        let lims = ks
            .call(&limits::create(&[CreateLimit {
                service_id: svc.clone(),
                project_id: Some(project.clone()),
                resource_name: "widgets".into(),
                resource_limit: 3,
                description: Some("three".into()),
                ..Default::default()
            }]))
            .await
            .unwrap();
        created
            .lock()
            .unwrap()
            .limits
            .extend(lims.iter().map(|l| l.id.clone()));
        let lim = &lims[0];
        assert_eq!(
            (lim.project_id.as_deref(), lim.resource_limit),
            (Some(project.as_str()), 3)
        );
        let of_project = ks
            .collect_all(limits::list(&ListLimits {
                project_id: Some(project.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            of_project.iter().map(|l| &l.id).collect::<Vec<_>>(),
            [&lim.id]
        );
        let updated = ks
            .call(&limits::update(
                &lim.id,
                &UpdateLimit {
                    resource_limit: Some(4),
                    description: Patch::Set("four".into()),
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            (updated.resource_limit, updated.description.as_deref()),
            (4, Some("four"))
        );
        assert_eq!(
            ks.call(&limits::get(&lim.id)).await.unwrap().resource_limit,
            4
        );

        // A registered limit with a project limit on it cannot go first.
        let in_use = ks
            .call(&registered_limits::delete(&widgets.id))
            .await
            .unwrap_err();
        assert!(in_use.is_forbidden(), "{in_use}");
        ks.call(&limits::delete(&lim.id)).await.unwrap();
        let gone = ks.call(&limits::get(&lim.id)).await.unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
        for r in &regs {
            ks.call(&registered_limits::delete(&r.id)).await.unwrap();
        }
        let left = ks
            .collect_all(registered_limits::list(&ListRegisteredLimits {
                service_id: Some(svc.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(left.is_empty(), "{left:?}");
    };
    guarded(body, Created::delete_all(&created)).await;
}

/// An endpoint of its own service (`http://127.0.0.1:9/…`, never called).
async fn own_endpoint(created: &Mutex<Created>, svc: &str, region: Option<&str>) -> String {
    let admin = cloud::admin();
    let ep = admin
        .identity()
        .call(&endpoints::create(&endpoints::CreateEndpoint {
            interface: Interface::Internal,
            service_id: svc.into(),
            url: "http://127.0.0.1:9/ferrocloud".into(),
            region_id: region.map(Into::into),
            ..Default::default()
        }))
        .await
        .unwrap();
    created.lock().unwrap().endpoints.push(ep.id.clone());
    ep.id
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn endpoint_filter_projects_and_groups() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let svc = own_service(&created).await;
        let ep = own_endpoint(&created, &svc, None).await;
        let project = own_project(&created).await;

        // One endpoint tied to one project.
        let before = ks.call(&ep_filter::check_endpoint(&project, &ep)).await;
        assert!(before.unwrap_err().is_not_found());
        ks.call(&ep_filter::add_endpoint(&project, &ep))
            .await
            .unwrap();
        ks.call(&ep_filter::check_endpoint(&project, &ep))
            .await
            .unwrap();
        let seen = ks
            .collect_all(ep_filter::project_endpoints(&project))
            .await
            .unwrap();
        assert_eq!(ids(&seen, |e| &e.id), [ep.as_str()]);
        let tied = ks
            .collect_all(ep_filter::endpoint_projects(&ep))
            .await
            .unwrap();
        assert_eq!(ids(&tied, |p| &p.id), [project.as_str()]);
        ks.call(&ep_filter::remove_endpoint(&project, &ep))
            .await
            .unwrap();
        let after = ks.call(&ep_filter::check_endpoint(&project, &ep)).await;
        assert!(after.unwrap_err().is_not_found());

        // An endpoint group selecting the service's endpoints, tied to the project.
        let name = cloud::unique("epgroup");
        let group = ks
            .call(&ep_filter::create_group(&CreateEndpointGroup {
                name: name.clone(),
                description: Some("ferrocloud test".into()),
                filters: EndpointGroupFilters {
                    service_id: Some(svc.clone()),
                    ..Default::default()
                },
            }))
            .await
            .unwrap();
        created
            .lock()
            .unwrap()
            .endpoint_groups
            .push(group.id.clone());
        ks.call(&ep_filter::check_group(&group.id)).await.unwrap();
        let named = ks
            .collect_all(ep_filter::list_groups(&ep_filter::ListEndpointGroups {
                name: Some(name.clone()),
            }))
            .await
            .unwrap();
        assert_eq!(ids(&named, |g| &g.id), [group.id.as_str()]);
        assert_eq!(named[0].filters.service_id.as_deref(), Some(svc.as_str()));
        let updated = ks
            .call(&ep_filter::update_group(
                &group.id,
                &UpdateEndpointGroup {
                    description: Patch::Null,
                    filters: Some(EndpointGroupFilters {
                        service_id: Some(svc.clone()),
                        interface: Some(Interface::Internal),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(updated.description, None);
        assert_eq!(updated.filters.interface, Some(Interface::Internal));
        let selected = ks
            .collect_all(ep_filter::group_endpoints(&group.id))
            .await
            .unwrap();
        assert_eq!(ids(&selected, |e| &e.id), [ep.as_str()]);

        ks.call(&ep_filter::add_group_project(&group.id, &project))
            .await
            .unwrap();
        ks.call(&ep_filter::check_group_project(&group.id, &project))
            .await
            .unwrap();
        let p = ks
            .call(&ep_filter::get_group_project(&group.id, &project))
            .await
            .unwrap();
        assert_eq!(
            (p.endpoint_group_id, p.project_id),
            (group.id.clone(), project.clone())
        );
        let projects_of_group = ks
            .collect_all(ep_filter::group_projects(&group.id))
            .await
            .unwrap();
        assert_eq!(ids(&projects_of_group, |p| &p.id), [project.as_str()]);
        let groups_of_project = ks
            .collect_all(ep_filter::project_groups(&project))
            .await
            .unwrap();
        assert_eq!(ids(&groups_of_project, |g| &g.id), [group.id.as_str()]);
        let through_group = ks
            .collect_all(ep_filter::project_endpoints(&project))
            .await
            .unwrap();
        assert_eq!(ids(&through_group, |e| &e.id), [ep.as_str()]);
        ks.call(&ep_filter::remove_group_project(&group.id, &project))
            .await
            .unwrap();
        let untied = ks
            .call(&ep_filter::check_group_project(&group.id, &project))
            .await;
        assert!(untied.unwrap_err().is_not_found());
        ks.call(&ep_filter::delete_group(&group.id)).await.unwrap();
        let gone = ks.call(&ep_filter::check_group(&group.id)).await;
        assert!(gone.unwrap_err().is_not_found());
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn endpoint_policy_associations() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let region = ks
            .call(&regions::create(&regions::CreateRegion {
                id: Some(cloud::unique("ferro-region")),
                description: Some("ferrocloud test".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().regions.push(region.id.clone());
        let svc = own_service(&created).await;
        let ep = own_endpoint(&created, &svc, Some(&region.id)).await;
        let policy = ks
            .call(&policies::create(&policies::CreatePolicy {
                blob: r#"{"ferrocloud": "role:member"}"#.into(),
                kind: "application/json".into(),
            }))
            .await
            .unwrap();
        created.lock().unwrap().policies.push(policy.id.clone());

        let none = ks.call(&endpoint_policy::for_endpoint(&ep)).await;
        assert!(none.unwrap_err().is_not_found());
        let targets = [
            Target::Endpoint(ep.clone()),
            Target::Service(svc.clone()),
            Target::ServiceRegion {
                service_id: svc.clone(),
                region_id: region.id.clone(),
            },
        ];
        for target in &targets {
            let before = ks.call(&endpoint_policy::check(&policy.id, target)).await;
            assert!(before.unwrap_err().is_not_found(), "{target:?}");
            ks.call(&endpoint_policy::associate(&policy.id, target))
                .await
                .unwrap();
            ks.call(&endpoint_policy::check(&policy.id, target))
                .await
                .unwrap();
            let applies = ks
                .collect_all(endpoint_policy::endpoints(&policy.id))
                .await
                .unwrap();
            assert_eq!(ids(&applies, |e| &e.id), [ep.as_str()], "{target:?}");
            let effective = ks.call(&endpoint_policy::for_endpoint(&ep)).await.unwrap();
            assert_eq!(effective.id, policy.id, "{target:?}");
            ks.call(&endpoint_policy::dissociate(&policy.id, target))
                .await
                .unwrap();
            let after = ks.call(&endpoint_policy::check(&policy.id, target)).await;
            assert!(after.unwrap_err().is_not_found(), "{target:?}");
        }
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn domain_config_set_and_removed() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let domain = ks
            .call(&domains::create(&domains::CreateDomain {
                name: cloud::unique("cfgdomain"),
                description: Some("ferrocloud test".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().domains.push(domain.id.clone());
        let d = domain.id.as_str();
        let none = ks.call(&domain_configs::get(d)).await.unwrap_err();
        assert!(none.is_not_found(), "{none}");

        // Keystone stores a config whether or not it reads it: this cloud leaves
        // [identity] domain_specific_drivers_enabled off, so only the API is exercised.
        let mut config = DomainConfig::new();
        config.insert(
            "identity".into(),
            json!({"driver": "sql"}).as_object().unwrap().clone(),
        );
        config.insert(
            "ldap".into(),
            json!({"url": "ldap://ferrocloud.invalid", "user_tree_dn": "ou=Users,dc=ferro"})
                .as_object()
                .unwrap()
                .clone(),
        );
        let stored = ks.call(&domain_configs::create(d, &config)).await.unwrap();
        assert_eq!(stored, config);
        assert_eq!(ks.call(&domain_configs::get(d)).await.unwrap(), config);
        let ldap = ks
            .call(&domain_configs::get_group(d, "ldap"))
            .await
            .unwrap();
        assert_eq!(ldap.keys().collect::<Vec<_>>(), ["ldap"]);
        assert_eq!(ldap["ldap"], config["ldap"]);
        let url = ks
            .call(&domain_configs::get_option(d, "ldap", "url"))
            .await
            .unwrap();
        assert_eq!(url["url"], "ldap://ferrocloud.invalid");

        let after = ks
            .call(&domain_configs::update_option(
                d,
                "ldap",
                "url",
                &json!("ldap://other.invalid"),
            ))
            .await
            .unwrap();
        assert_eq!(after["ldap"]["url"], "ldap://other.invalid");
        assert_eq!(after["ldap"]["user_tree_dn"], "ou=Users,dc=ferro");
        let after = ks
            .call(&domain_configs::update_group(
                d,
                "ldap",
                json!({"user_tree_dn": "ou=People,dc=ferro"})
                    .as_object()
                    .unwrap(),
            ))
            .await
            .unwrap();
        assert_eq!(after["ldap"]["user_tree_dn"], "ou=People,dc=ferro");
        assert_eq!(after["ldap"]["url"], "ldap://other.invalid");
        let mut patch = DomainConfig::new();
        patch.insert(
            "identity".into(),
            json!({"driver": "ldap"}).as_object().unwrap().clone(),
        );
        let after = ks.call(&domain_configs::update(d, &patch)).await.unwrap();
        assert_eq!(after["identity"]["driver"], "ldap");
        // An option Keystone does not allow per domain: 403 InvalidDomainConfig.
        let bad = ks
            .call(&domain_configs::update_option(
                d,
                "ldap",
                "no_such_option",
                &json!("x"),
            ))
            .await
            .unwrap_err();
        assert!(bad.is_forbidden(), "{bad}");

        ks.call(&domain_configs::delete_option(d, "ldap", "url"))
            .await
            .unwrap();
        let left = ks
            .call(&domain_configs::get_group(d, "ldap"))
            .await
            .unwrap();
        assert!(!left["ldap"].contains_key("url"), "{left:?}");
        ks.call(&domain_configs::delete_group(d, "ldap"))
            .await
            .unwrap();
        let left = ks.call(&domain_configs::get(d)).await.unwrap();
        assert_eq!(left.keys().collect::<Vec<_>>(), ["identity"]);
        ks.call(&domain_configs::delete(d)).await.unwrap();
        let gone = ks.call(&domain_configs::get(d)).await.unwrap_err();
        assert!(gone.is_not_found(), "{gone}");

        // The defaults.
        let defaults = ks.call(&domain_configs::default()).await.unwrap();
        assert!(defaults["ldap"].contains_key("url"), "{defaults:?}");
        let ldap = ks
            .call(&domain_configs::default_group("ldap"))
            .await
            .unwrap();
        assert_eq!(ldap["ldap"], defaults["ldap"]);
        let url = ks
            .call(&domain_configs::default_option("ldap", "url"))
            .await
            .unwrap();
        assert_eq!(url["url"], defaults["ldap"]["url"]);
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ec2_credentials_lifecycle() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let project = own_project(&created).await;
        let user = ks
            .call(&users::create(&users::CreateUser {
                name: cloud::unique("ec2user"),
                domain_id: Some("default".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.lock().unwrap().users.push(user.id.clone());

        let cred = ks
            .call(&ec2_credentials::create(&user.id, &project))
            .await
            .unwrap();
        assert_eq!(cred.user_id.as_deref(), Some(user.id.as_str()));
        assert_eq!(cred.tenant_id.as_deref(), Some(project.as_str()));
        assert_eq!((cred.access.len(), cred.secret.expose().len()), (32, 32));
        let listed = ks
            .collect_all(ec2_credentials::list(&user.id))
            .await
            .unwrap();
        assert_eq!(ids(&listed, |c| &c.access), [cred.access.as_str()]);
        let got = ks
            .call(&ec2_credentials::get(&user.id, &cred.access))
            .await
            .unwrap();
        assert_eq!(got.secret, cred.secret);
        // The same keys as an `ec2` credential of the generic API.
        let generic = ks
            .collect_all(credentials::list(&credentials::ListCredentials {
                user_id: Some(user.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        let blobs: Vec<_> = generic.iter().filter_map(|c| c.ec2()).collect();
        assert_eq!(blobs.len(), 1, "{generic:?}");
        assert_eq!(
            (&blobs[0].access, &blobs[0].secret),
            (&cred.access, &cred.secret)
        );

        // EC2 token auth. This Keystone leaves ec2credential out of [auth] methods, so it
        // answers 503 saying so; with it on, this wrong signature (ferrocloud does not
        // sign) would be 401.
        let signed = ec2_credentials::Ec2Signed {
            access: cred.access.clone(),
            signature: ferrocloud::Secret::new("bm90IHRoZSBzaWduYXR1cmU="),
            host: "ec2.ferrocloud.invalid".into(),
            verb: "GET".into(),
            path: "/".into(),
            params: [
                ("Action".to_string(), "DescribeInstances".to_string()),
                ("SignatureMethod".to_string(), "HmacSHA256".to_string()),
                ("SignatureVersion".to_string(), "2".to_string()),
            ]
            .into(),
            ..Default::default()
        };
        let refused = ks.call(&ec2_credentials::token(&signed)).await.unwrap_err();
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(503), "{refused}");
        assert!(
            refused
                .to_string()
                .contains("ec2credential auth method is not enabled"),
            "{refused}"
        );

        ks.call(&ec2_credentials::delete(&user.id, &cred.access))
            .await
            .unwrap();
        let gone = ks
            .call(&ec2_credentials::get(&user.id, &cred.access))
            .await
            .unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
        let none = ks
            .collect_all(ec2_credentials::list(&user.id))
            .await
            .unwrap();
        assert!(none.is_empty());
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn federation_objects_crud() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let idp_id = cloud::unique("ferro-idp");
        let map_id = cloud::unique("ferro-map");
        let sp_id = cloud::unique("ferro-sp");

        // A mapping: a bad one is refused, a good one stored, then replaced.
        let bad = ks
            .call(&fed::create_mapping(
                &map_id,
                &MappingRules {
                    rules: vec![json!({"local": []})],
                    schema_version: None,
                },
            ))
            .await
            .unwrap_err();
        assert!(bad.is_bad_request(), "{bad}");
        let rules = MappingRules {
            rules: vec![json!({
                "local": [{"user": {"name": "{0}"}}],
                "remote": [{"type": "REMOTE_USER"}]
            })],
            schema_version: None,
        };
        let mapping = ks
            .call(&fed::create_mapping(&map_id, &rules))
            .await
            .unwrap();
        created.lock().unwrap().mappings.push(map_id.clone());
        assert_eq!(
            (mapping.id.as_str(), &mapping.rules),
            (map_id.as_str(), &rules.rules)
        );
        let replaced = MappingRules {
            rules: vec![json!({
                "local": [{"user": {"name": "{0}"}}],
                "remote": [{"type": "OIDC-preferred_username"}]
            })],
            schema_version: None,
        };
        let mapping = ks
            .call(&fed::update_mapping(&map_id, &replaced))
            .await
            .unwrap();
        assert_eq!(mapping.rules, replaced.rules);
        assert_eq!(
            ks.call(&fed::get_mapping(&map_id)).await.unwrap().rules,
            replaced.rules
        );
        let all = ks.collect_all(fed::list_mappings()).await.unwrap();
        assert!(all.iter().any(|m| m.id == map_id));

        // An identity provider with a protocol using the mapping.
        let remote = format!("https://{idp_id}.invalid/");
        let idp = ks
            .call(&fed::create_identity_provider(
                &idp_id,
                &CreateIdentityProvider {
                    description: Some("ferrocloud test".into()),
                    remote_ids: vec![remote.clone()],
                    enabled: Some(false),
                    authorization_ttl: Some(5),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        created
            .lock()
            .unwrap()
            .identity_providers
            .push(idp_id.clone());
        if let Some(d) = &idp.domain_id {
            // Keystone made a domain for its users; it goes at the end.
            created.lock().unwrap().domains.push(d.clone());
        }
        assert_eq!((idp.enabled, idp.authorization_ttl), (false, Some(5)));
        assert_eq!(idp.remote_ids, [remote.as_str()]);
        let found = ks
            .collect_all(fed::list_identity_providers(&ListProviders {
                id: Some(idp_id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(ids(&found, |i| &i.id), [idp_id.as_str()]);
        let idp = ks
            .call(&fed::update_identity_provider(
                &idp_id,
                &UpdateIdentityProvider {
                    enabled: Some(true),
                    description: Patch::Null,
                    authorization_ttl: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            (idp.enabled, idp.description, idp.authorization_ttl),
            (true, None, None)
        );
        assert!(
            ks.call(&fed::get_identity_provider(&idp_id))
                .await
                .unwrap()
                .enabled
        );

        let proto = ks
            .call(&fed::create_protocol(
                &idp_id,
                "openid",
                &ProtocolOptions {
                    mapping_id: map_id.clone(),
                    remote_id_attribute: Some("HTTP_OIDC_ISS".into()),
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            (proto.id.as_str(), proto.mapping_id.as_str()),
            ("openid", map_id.as_str())
        );
        let protos = ks.collect_all(fed::list_protocols(&idp_id)).await.unwrap();
        assert_eq!(ids(&protos, |p| &p.id), ["openid"]);
        let proto = ks
            .call(&fed::update_protocol(
                &idp_id,
                "openid",
                &ProtocolOptions {
                    mapping_id: map_id.clone(),
                    remote_id_attribute: Some("HTTP_X_ISSUER".into()),
                },
            ))
            .await
            .unwrap();
        assert_eq!(proto.mapping_id, map_id);
        // Keystone shows remote_id_attribute only in the list.
        let listed = ks.collect_all(fed::list_protocols(&idp_id)).await.unwrap();
        assert_eq!(
            listed[0].remote_id_attribute.as_deref(),
            Some("HTTP_X_ISSUER")
        );
        let got = ks
            .call(&fed::get_protocol(&idp_id, "openid"))
            .await
            .unwrap();
        assert_eq!(got.mapping_id, map_id);
        ks.call(&fed::delete_protocol(&idp_id, "openid"))
            .await
            .unwrap();
        let gone = ks
            .call(&fed::get_protocol(&idp_id, "openid"))
            .await
            .unwrap_err();
        assert!(gone.is_not_found(), "{gone}");

        // A service provider.
        let sp = ks
            .call(&fed::create_service_provider(
                &sp_id,
                &CreateServiceProvider {
                    auth_url: "https://sp.invalid/v3/OS-FEDERATION/identity_providers/x/protocols/saml2/auth".into(),
                    sp_url: "https://sp.invalid/Shibboleth.sso/SAML2/ECP".into(),
                    description: Some("ferrocloud test".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        created
            .lock()
            .unwrap()
            .service_providers
            .push(sp_id.clone());
        assert!(!sp.enabled);
        let sp = ks
            .call(&fed::update_service_provider(
                &sp_id,
                &UpdateServiceProvider {
                    enabled: Some(true),
                    relay_state_prefix: Patch::Set("ss:ferro:".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            (sp.enabled, sp.relay_state_prefix.as_deref()),
            (true, Some("ss:ferro:"))
        );
        let enabled = ks
            .collect_all(fed::list_service_providers(&ListProviders {
                enabled: Some(true),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(enabled.iter().any(|s| s.id == sp_id));
        assert_eq!(
            ks.call(&fed::get_service_provider(&sp_id))
                .await
                .unwrap()
                .id,
            sp_id
        );

        // Everything away, in order.
        ks.call(&fed::delete_service_provider(&sp_id))
            .await
            .unwrap();
        ks.call(&fed::delete_identity_provider(&idp_id))
            .await
            .unwrap();
        ks.call(&fed::delete_mapping(&map_id)).await.unwrap();
        for gone in [
            ks.call(&fed::get_service_provider(&sp_id))
                .await
                .map(|_| ()),
            ks.call(&fed::get_identity_provider(&idp_id))
                .await
                .map(|_| ()),
            ks.call(&fed::get_mapping(&map_id)).await.map(|_| ()),
        ] {
            assert!(gone.unwrap_err().is_not_found());
        }
    };
    guarded(body, Created::delete_all(&created)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oauth1_consumer_crud() {
    let created = Mutex::new(Created::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let description = cloud::unique("consumer");
        let consumer = ks
            .call(&oauth1::create_consumer(&oauth1::ConsumerOptions {
                description: Some(description.clone()),
            }))
            .await
            .unwrap();
        created.lock().unwrap().consumers.push(consumer.id.clone());
        assert!(consumer.secret.as_ref().is_some_and(|s| !s.is_empty()));
        let got = ks.call(&oauth1::get_consumer(&consumer.id)).await.unwrap();
        assert_eq!(
            (got.description.as_deref(), got.secret),
            (Some(description.as_str()), None)
        );
        let all = ks.collect_all(oauth1::list_consumers()).await.unwrap();
        assert!(all.iter().any(|c| c.id == consumer.id));
        let renamed = format!("{description}-2");
        let updated = ks
            .call(&oauth1::update_consumer(
                &consumer.id,
                &oauth1::ConsumerOptions {
                    description: Some(renamed.clone()),
                },
            ))
            .await
            .unwrap();
        assert_eq!(updated.description.as_deref(), Some(renamed.as_str()));

        // Without a signed request token there is nothing to authorize: 404.
        let role = ks
            .collect_all(roles::list(&roles::ListRoles {
                name: Some("member".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        let no_token = ks
            .call(&oauth1::authorize(
                "no-such-request-token",
                &[role[0].id.as_str()],
            ))
            .await
            .unwrap_err();
        assert!(no_token.is_not_found(), "{no_token}");
        // The admin user's access tokens: none made by this consumer.
        let me = ks
            .collect_all(users::list(&users::ListUsers {
                name: Some("admin".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        let tokens = ks
            .collect_all(oauth1::list_access_tokens(&me[0].id))
            .await
            .unwrap();
        assert!(tokens
            .iter()
            .all(|t| t.consumer_id.as_deref() != Some(consumer.id.as_str())));
        let none = ks
            .call(&oauth1::get_access_token(&me[0].id, "no-such-access-token"))
            .await
            .unwrap_err();
        assert!(none.is_not_found(), "{none}");

        ks.call(&oauth1::delete_consumer(&consumer.id))
            .await
            .unwrap();
        let gone = ks
            .call(&oauth1::get_consumer(&consumer.id))
            .await
            .unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
    };
    guarded(body, Created::delete_all(&created)).await;
}
