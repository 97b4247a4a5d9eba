//! Keystone v3 admin samples (projects, users, domains, roles, role assignments,
//! application credentials, auth scopes, groups, regions, services, endpoints, the token's
//! catalog, credentials, policies): every response parses, every request is reproduced
//! as a JSON value, with method and path checked against ENDPOINTS.tsv.

use ferrocloud::identity::v3::application_credentials::{self as appcreds, AccessRule};
use ferrocloud::identity::v3::roles::{self, Actor, Target};
use ferrocloud::identity::v3::trusts::RoleRef;
use ferrocloud::identity::v3::{
    credentials, domains, endpoints, groups, policies, projects, regions, services, users,
};
use ferrocloud::{Interface, Operation, Patch, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};
use serde_json::json;

use crate::identity_more_samples;
use crate::support::s;

fn keystone() -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::IDENTITY, "http://example.com/identity/v3").unwrap()
}

/// Parses response `sample` with `op` and checks `op`'s method and path against it.
fn response<O: Operation>(cov: &mut Coverage, sample: &str, op: O) -> O::Output {
    samples::check_response(cov, &keystone(), sample, op)
}

/// Builds `op` and compares it with request `sample`.
fn request<O: Operation>(cov: &mut Coverage, sample: &str, op: O) {
    samples::check_request(cov, &keystone(), sample, op)
}

const DIR: &str = "identity/v3/admin/";

#[test]
fn identity_admin_samples() {
    let mut cov = Coverage::new();
    let f = |name: &str| format!("{DIR}{name}");

    // Projects.
    request(
        &mut cov,
        &f("project-create-request.json"),
        projects::create(&projects::CreateProject {
            name: "myNewProject".into(),
            description: s("My new project"),
            domain_id: s("default"),
            enabled: Some(true),
            is_domain: Some(false),
            options: Some(Default::default()),
            ..Default::default()
        }),
    );
    request(
        &mut cov,
        &f("project-create-domain-request.json"),
        projects::create(&projects::CreateProject {
            name: "myNewDomain".into(),
            description: s("My new domain"),
            enabled: Some(true),
            is_domain: Some(true),
            ..Default::default()
        }),
    );
    request(
        &mut cov,
        &f("project-update-request.json"),
        projects::update(
            "p1",
            &projects::UpdateProject {
                name: s("myUpdatedProject"),
                description: Patch::Set("My updated project".into()),
                ..Default::default()
            },
        ),
    );
    request(
        &mut cov,
        &f("project-enable-request.json"),
        projects::update(
            "p1",
            &projects::UpdateProject {
                enabled: Some(true),
                ..Default::default()
            },
        ),
    );
    request(
        &mut cov,
        &f("project-tags-update-request.json"),
        projects::TAGS.replace("p1", &["foo".into(), "bar".into()]),
    );
    let p = response(
        &mut cov,
        &f("project-create-response.json"),
        projects::create(&projects::CreateProject {
            name: "x".into(),
            ..Default::default()
        }),
    );
    assert!(!p.id.is_empty());
    let p = response(
        &mut cov,
        &f("project-show-response.json"),
        projects::get("p1"),
    );
    assert_eq!((p.name.as_str(), p.description.as_deref()), ("admin", None));
    let p = response(
        &mut cov,
        &f("project-update-response.json"),
        projects::update("p1", &Default::default()),
    );
    assert!(p.enabled);
    let with = projects::GetProject {
        parents_as_list: true,
        subtree_as_list: true,
        ..Default::default()
    };
    let p = response(
        &mut cov,
        &f("project-show-parents-response.json"),
        projects::get_with("263fd9", &with),
    );
    match p.parents {
        Some(projects::Hierarchy::List(l)) => assert_eq!(l[0].project.id, "183ab2"),
        other => panic!("parents: {other:?}"),
    }
    let p = response(
        &mut cov,
        &f("project-show-subtree-response.json"),
        projects::get_with("263fd9", &with),
    );
    assert!(matches!(p.subtree, Some(projects::Hierarchy::List(ref l)) if l.len() == 3));
    let all = response(
        &mut cov,
        &f("projects-list-response.json"),
        projects::list(&Default::default()),
    );
    assert_eq!(all.len(), 8);
    let tags = response(
        &mut cov,
        &f("project-tags-list-response.json"),
        projects::TAGS.list("p1"),
    );
    assert_eq!(tags, ["foo", "bar"]);
    cov.except(
        &f("project-tags-update-response.json"),
        "upstream doc error: the documented body is a project list; Keystone answers {\"tags\": [...]}, which replace_tags parses (checked on the real cloud)",
    );

    // Users.
    request(
        &mut cov,
        &f("user-create-request.json"),
        users::create(&users::CreateUser {
            name: "James Doe".into(),
            domain_id: s("1789d1"),
            default_project_id: s("263fd9"),
            enabled: Some(true),
            federated: vec![users::Federated {
                idp_id: "efbab5a6acad4d108fec6c63d9609d83".into(),
                protocols: vec![users::FederatedProtocol {
                    protocol_id: "mapped".into(),
                    unique_id: "test@example.com".into(),
                }],
            }],
            password: Some("secretsecret".into()),
            description: s("James Doe user"),
            email: s("jdoe@example.com"),
            options: Some(
                json!({"ignore_password_expiry": true})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        }),
    );
    request(
        &mut cov,
        &f("user-update-request.json"),
        users::update(
            "u1",
            &users::UpdateUser {
                default_project_id: Patch::Set("263fd9".into()),
                enabled: Some(true),
                options: Some(
                    json!({"ignore_lockout_failure_attempts": true})
                        .as_object()
                        .unwrap()
                        .clone(),
                ),
                ..Default::default()
            },
        ),
    );
    request(
        &mut cov,
        &f("user-password-update-request.json"),
        users::change_password(
            "u1",
            &users::ChangePassword {
                original_password: "secretsecret".into(),
                password: "new_secretsecret".into(),
            },
        ),
    );
    let named = users::CreateUser {
        name: "x".into(),
        ..Default::default()
    };
    for (name, op) in [
        ("user-create-response.json", users::create(&named)),
        ("user-show-response.json", users::get("u1")),
        (
            "user-update-response.json",
            users::update("u1", &Default::default()),
        ),
    ] {
        let u = response(&mut cov, &f(name), op);
        assert!(!u.id.is_empty() && !u.name.is_empty(), "{name}");
    }
    let u = response(&mut cov, &f("user-show-response.json"), users::get("u1"));
    assert!(u.password_expires_at.is_some());
    let list = response(
        &mut cov,
        &f("users-list-response.json"),
        users::list(&Default::default()),
    );
    assert!(!list.is_empty());
    let ps = response(
        &mut cov,
        &f("user-projects-list-response.json"),
        users::list_projects("u1"),
    );
    assert_eq!(ps.len(), 2);
    let gs = response(
        &mut cov,
        &f("user-groups-list-response.json"),
        users::list_groups("u1"),
    );
    assert!(gs[0].membership_expires_at.is_none() && gs[1].membership_expires_at.is_some());
    // The create request carries a password: it never shows in Debug.
    let create = users::CreateUser {
        name: "x".into(),
        password: Some("secretsecret".into()),
        ..Default::default()
    };
    assert!(!format!("{create:?}").contains("secretsecret"));

    // Domains.
    request(
        &mut cov,
        &f("domain-create-request.json"),
        domains::create(&domains::CreateDomain {
            name: "myDomain".into(),
            description: s("Domain description"),
            enabled: Some(true),
            ..Default::default()
        }),
    );
    request(
        &mut cov,
        &f("domain-update-request.json"),
        domains::update(
            "default",
            &domains::UpdateDomain {
                description: Patch::Set("Owns users and projects on Identity API v2.".into()),
                ..Default::default()
            },
        ),
    );
    let named = domains::CreateDomain {
        name: "x".into(),
        ..Default::default()
    };
    for (name, op) in [
        ("domain-create-response.json", domains::create(&named)),
        ("domain-show-response.json", domains::get("default")),
        (
            "domain-update-response.json",
            domains::update("default", &Default::default()),
        ),
    ] {
        let d = response(&mut cov, &f(name), op);
        assert!(!d.name.is_empty(), "{name}");
    }
    let ds = response(
        &mut cov,
        &f("domains-list-response.json"),
        domains::list(&Default::default()),
    );
    assert!(!ds.is_empty());
    let ds = response(
        &mut cov,
        &f("get-available-domain-scopes-response.json"),
        domains::available(),
    );
    assert_eq!(ds.len(), 2);
    let ps = response(
        &mut cov,
        &f("get-available-project-scopes-response.json"),
        projects::available(),
    );
    assert!(!ps.is_empty());
    let sys = response(
        &mut cov,
        &f("get-available-system-scopes-response.json"),
        roles::available_system(),
    );
    assert_eq!(sys[0].get("all"), Some(&json!(true)));

    // Roles.
    request(
        &mut cov,
        &f("role-create-request.json"),
        roles::create(&roles::CreateRole {
            name: "developer".into(),
            description: s("My new role"),
            ..Default::default()
        }),
    );
    request(
        &mut cov,
        &f("role-update-request.json"),
        roles::update(
            "r1",
            &roles::UpdateRole {
                name: s("Developer"),
                description: Patch::Set("My new role".into()),
                ..Default::default()
            },
        ),
    );
    let named = roles::CreateRole {
        name: "x".into(),
        ..Default::default()
    };
    for (name, op) in [
        ("role-create-response.json", roles::create(&named)),
        ("role-show-response.json", roles::get("r1")),
        (
            "role-update-response.json",
            roles::update("r1", &Default::default()),
        ),
    ] {
        let r = response(&mut cov, &f(name), op);
        assert!(!r.name.is_empty(), "{name}");
    }
    let rs = response(
        &mut cov,
        &f("roles-list-response.json"),
        roles::list(&Default::default()),
    );
    assert_eq!(rs.len(), 6);
    let user = Actor::User("313233".into());
    let group = Actor::Group("101112".into());
    for (name, on, who) in [
        (
            "project-user-roles-list-response.json",
            Target::Project("456789".into()),
            &user,
        ),
        (
            "project-group-roles-list-response.json",
            Target::Project("456789".into()),
            &group,
        ),
        (
            "domain-user-roles-list-response.json",
            Target::Domain("161718".into()),
            &user,
        ),
        (
            "domain-group-roles-list-response.json",
            Target::Domain("161718".into()),
            &group,
        ),
        (
            "list-system-roles-for-user-response.json",
            Target::System,
            &user,
        ),
        (
            "list-system-roles-for-group-response.json",
            Target::System,
            &group,
        ),
        (
            "user-roles-domain-list-response.json",
            Target::DomainSubtree("161718".into()),
            &user,
        ),
        (
            "group-roles-domain-list-response.json",
            Target::DomainSubtree("161718".into()),
            &group,
        ),
    ] {
        let rs = response(&mut cov, &f(name), roles::list_granted(&on, who));
        assert!(rs.iter().all(|r| !r.id.is_empty()), "{name}");
        assert!(!rs.is_empty(), "{name}");
    }

    // Role assignments.
    let filter = roles::ListRoleAssignments {
        user_id: s("313233"),
        project_id: s("456789"),
        effective: true,
        include_subtree: true,
        ..Default::default()
    };
    let ras = response(
        &mut cov,
        &f("role-assignments-list-response.json"),
        roles::list_assignments(&filter),
    );
    assert_eq!(
        ras[0].scope.domain.as_ref().and_then(|d| d.id.as_deref()),
        Some("161718")
    );
    assert_eq!(
        ras[1].group.as_ref().and_then(|g| g.id.as_deref()),
        Some("101112")
    );
    let ras = response(
        &mut cov,
        &f("role-assignments-effective-list-response.json"),
        roles::list_assignments(&filter),
    );
    assert!(ras.iter().all(|a| a.user.is_some()));
    let ras = response(
        &mut cov,
        &f("role-assignments-list-include-subtree-response.json"),
        roles::list_assignments(&filter),
    );
    assert_eq!(ras[0].scope.inherited_to.as_deref(), Some("projects"));

    // Application credentials and access rules.
    request(
        &mut cov,
        &f("application-credential-create-request.json"),
        appcreds::create(
            "fd786d",
            &appcreds::CreateApplicationCredential {
                name: "monitoring".into(),
                secret: Some("rEaqvJka48mpv".into()),
                description: s("Application credential for monitoring."),
                expires_at: Some("2018-02-27T18:30:59Z".parse().unwrap()),
                roles: vec![RoleRef::name("Reader")],
                access_rules: vec![AccessRule::new("monitoring", "GET", "/v2.0/metrics")],
                unrestricted: Some(false),
            },
        ),
    );
    let c = response(
        &mut cov,
        &f("application-credential-create-response.json"),
        appcreds::create(
            "fd786d",
            &appcreds::CreateApplicationCredential {
                name: "monitoring".into(),
                ..Default::default()
            },
        ),
    );
    assert_eq!(c.secret.as_ref().map(|s| s.expose()), Some("rEaqvJka48mpv"));
    assert!(!format!("{c:?}").contains("rEaqvJka48mpv"));
    assert_eq!(c.access_rules[0].path.as_deref(), Some("/v2.0/metrics"));
    let c = response(
        &mut cov,
        &f("application-credential-get-response.json"),
        appcreds::get("fd786d", "58d61f"),
    );
    assert!(c.secret.is_none() && c.expires_at.is_some());
    let cs = response(
        &mut cov,
        &f("application-credential-list-response.json"),
        appcreds::list("fd786d", &Default::default()),
    );
    assert!(!cs.is_empty());
    let rules = response(
        &mut cov,
        &f("access-rules-list-response.json"),
        appcreds::list_access_rules("u1"),
    );
    assert!(!rules.is_empty());
    let rule = response(
        &mut cov,
        &f("access-rule-get-response.json"),
        appcreds::get_access_rule("u1", "07d7"),
    );
    assert_eq!(rule.service.as_deref(), Some("monitoring"));

    // Implied roles.
    for (name, op) in [
        (
            "create-role-inferences-response.json",
            roles::create_implied("7cea", "97e2"),
        ),
        (
            "get-role-inferences-response.json",
            roles::get_implied("7cea", "97e2"),
        ),
    ] {
        let r = response(&mut cov, &f(name), op);
        assert!(
            r.prior_role.id.is_some() && r.implies.id.is_some(),
            "{name}"
        );
    }
    let r = response(
        &mut cov,
        &f("list-implied-roles-for-role-response.json"),
        roles::list_implied("42c7"),
    );
    assert_eq!(r.implies.len(), 2);
    let all = response(
        &mut cov,
        &f("role-inferences-response.json"),
        roles::list_inferences(),
    );
    assert_eq!(all.len(), 2);

    // Groups.
    request(
        &mut cov,
        &f("group-create-request.json"),
        groups::create(&groups::CreateGroup {
            name: "Contract developers".into(),
            domain_id: s("default"),
            description: s("Contract developers"),
        }),
    );
    request(
        &mut cov,
        &f("group-update-request.json"),
        groups::update(
            "c0d675",
            &groups::UpdateGroup {
                name: s("Contract developers 2016"),
                description: Patch::Set("Contract developers 2016".into()),
            },
        ),
    );
    let create_group = || {
        groups::create(&groups::CreateGroup {
            name: "x".into(),
            ..Default::default()
        })
    };
    for (name, op) in [
        ("group-create-response.json", create_group()),
        ("group-show-response.json", groups::get("c0d675")),
        (
            "group-update-response.json",
            groups::update(
                "c0d675",
                &groups::UpdateGroup {
                    name: s("y"),
                    ..Default::default()
                },
            ),
        ),
    ] {
        let g = response(&mut cov, &f(name), op);
        assert_eq!(g.id, "c0d675eac29945ad9dfd08aa1bb75751", "{name}");
        assert_eq!(g.domain_id.as_deref(), Some("default"), "{name}");
        assert!(g.name.starts_with("Contract developers"), "{name}");
        assert!(g.extra.contains_key("links"), "{name}");
    }
    let gs = response(
        &mut cov,
        &f("groups-list-response.json"),
        groups::list(&groups::ListGroups {
            domain_id: s("default"),
            ..Default::default()
        }),
    );
    assert_eq!(
        gs.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["nonadmins", "admins"]
    );

    // Regions.
    request(
        &mut cov,
        &f("region-create-request.json"),
        regions::create(&regions::CreateRegion {
            id: s("RegionOneSubRegion"),
            description: s("My subregion"),
            parent_region_id: s("RegionOne"),
        }),
    );
    request(
        &mut cov,
        &f("region-update-request.json"),
        regions::update(
            "RegionThree",
            &regions::UpdateRegion {
                description: Patch::Set("My subregion 3".into()),
                ..Default::default()
            },
        ),
    );
    let r = response(
        &mut cov,
        &f("region-create-response.json"),
        regions::create(&Default::default()),
    );
    assert_eq!(
        (r.id.as_str(), r.parent_region_id.as_deref()),
        ("RegionOneSubRegion", Some("RegionOne"))
    );
    for (name, op) in [
        ("region-show-response.json", regions::get("RegionThree")),
        (
            "region-update-response.json",
            regions::update("RegionThree", &Default::default()),
        ),
    ] {
        let r = response(&mut cov, &f(name), op);
        assert_eq!(r.id, "RegionThree", "{name}");
        assert_eq!(r.description.as_deref(), Some("My subregion 3"), "{name}");
    }
    let rs = response(
        &mut cov,
        &f("regions-list-response.json"),
        regions::list(&Default::default()),
    );
    assert_eq!(rs.len(), 1);
    assert_eq!(
        (
            rs[0].id.as_str(),
            rs[0].description.as_deref(),
            rs[0].parent_region_id.as_deref()
        ),
        ("RegionOne", Some(""), None)
    );

    // Services.
    request(
        &mut cov,
        &f("service-create-request.json"),
        services::create(&services::CreateService {
            service_type: "compute".into(),
            name: s("compute2"),
            description: s("Compute service 2"),
            enabled: None,
        }),
    );
    request(
        &mut cov,
        &f("service-update-request.json"),
        services::update(
            "5789da",
            &services::UpdateService {
                description: Patch::Set("Block Storage Service V2".into()),
                ..Default::default()
            },
        ),
    );
    let create_service = || {
        services::create(&services::CreateService {
            service_type: "compute".into(),
            ..Default::default()
        })
    };
    for (name, op, want) in [
        ("service-create-response.json", create_service(), "compute"),
        (
            "service-show-response.json",
            services::get("686766"),
            "identity",
        ),
        (
            "service-update-response.json",
            services::update("5789da", &Default::default()),
            "volumev2",
        ),
    ] {
        let svc = response(&mut cov, &f(name), op);
        assert_eq!(svc.service_type, want, "{name}");
        assert!(
            svc.enabled && svc.name.is_some() && svc.description.is_some(),
            "{name}"
        );
    }
    let all = response(
        &mut cov,
        &f("services-list-response.json"),
        services::list(&services::ListServices {
            service_type: s("compute"),
            ..Default::default()
        }),
    );
    assert_eq!(all.len(), 9);
    assert!(all.iter().all(|svc| svc.enabled && !svc.id.is_empty()));
    let catalog = response(
        &mut cov,
        &f("get-service-catalog-response.json"),
        services::catalog(),
    );
    assert_eq!(catalog.entries.len(), 1);
    assert_eq!(catalog.entries[0].service_type, "identity");
    assert_eq!(catalog.entries[0].endpoints.len(), 3);

    // Endpoints.
    request(
        &mut cov,
        &f("endpoint-create-request.json"),
        endpoints::create(&endpoints::CreateEndpoint {
            interface: Interface::Public,
            region_id: s("RegionOne"),
            url: "http://example.com/identity/v3/endpoints/828384".into(),
            service_id: "9242e05f0c23467bbd1cf1f7a6e5e596".into(),
            enabled: None,
        }),
    );
    request(
        &mut cov,
        &f("endpoint-update-request.json"),
        endpoints::update(
            "828384",
            &endpoints::UpdateEndpoint {
                interface: Some(Interface::Public),
                region_id: Patch::Set("north".into()),
                url: s("http://example.com/identity/v3/endpoints/828384"),
                service_id: s("345678"),
                enabled: None,
            },
        ),
    );
    let e = response(
        &mut cov,
        &f("endpoint-create-response.json"),
        endpoints::create(&endpoints::CreateEndpoint {
            url: "http://x".into(),
            service_id: "s".into(),
            ..Default::default()
        }),
    );
    assert_eq!(
        (e.interface, e.region_id.as_deref(), e.region.as_deref()),
        (Interface::Public, Some("RegionOne"), Some("RegionOne"))
    );
    let e = response(
        &mut cov,
        &f("endpoint-show-response.json"),
        endpoints::get("01c3d5"),
    );
    assert_eq!((e.interface, e.enabled), (Interface::Admin, true));
    let e = response(
        &mut cov,
        &f("endpoint-update-response.json"),
        endpoints::update("828384", &Default::default()),
    );
    assert_eq!(
        (
            e.interface,
            e.region_id.as_deref(),
            e.region.as_deref(),
            e.enabled
        ),
        (Interface::Internal, Some("north"), None, true)
    );
    let es = response(
        &mut cov,
        &f("endpoints-list-response.json"),
        endpoints::list(&endpoints::ListEndpoints {
            interface: Some(Interface::Internal),
            ..Default::default()
        }),
    );
    assert_eq!(es.len(), 27);
    assert!(es
        .iter()
        .all(|e| !e.url.is_empty() && !e.service_id.is_empty()));

    // Credentials.
    let keys = credentials::Ec2Blob {
        access: "181920".into(),
        secret: "secretKey".into(),
        trust_id: None,
    };
    request(
        &mut cov,
        &f("credential-create-request.json"),
        credentials::create(&credentials::CreateCredential::ec2(
            "bb5476fd12884539b41d5a88f838d773",
            "731fc6f265cd486d900f16e84c5cb594",
            &keys,
        )),
    );
    request(
        &mut cov,
        &f("credential-update-request.json"),
        credentials::update(
            "207e9b",
            &credentials::UpdateCredential {
                blob: Some(keys.to_blob()),
                project_id: s("731fc6f265cd486d900f16e84c5cb594"),
                kind: Some(credentials::CredentialType::Ec2),
                user_id: s("bb5476fd12884539b41d5a88f838d773"),
            },
        ),
    );
    let ec2_create = || {
        credentials::create(&credentials::CreateCredential::ec2(
            "u1",
            "p1",
            &credentials::Ec2Blob {
                access: "a".into(),
                secret: "s".into(),
                trust_id: None,
            },
        ))
    };
    for (name, op) in [
        ("credential-create-response.json", ec2_create()),
        ("credential-show-response.json", credentials::get("207e9b")),
        (
            "credential-update-response.json",
            credentials::update("207e9b", &Default::default()),
        ),
    ] {
        let c = response(&mut cov, &f(name), op);
        assert_eq!(c.kind, credentials::CredentialType::Ec2, "{name}");
        assert!(c.project_id.is_some(), "{name}");
        let ec2 = c.ec2().unwrap_or_else(|| panic!("{name}: EC2 blob"));
        assert!(!ec2.access.is_empty() && !ec2.secret.is_empty(), "{name}");
        assert!(ec2.trust_id.is_none(), "{name}");
        assert!(!format!("{c:?}").contains(ec2.secret.expose()), "{name}");
    }
    let cs = response(
        &mut cov,
        &f("credentials-list-response.json"),
        credentials::list(&credentials::ListCredentials {
            user_id: s("bb5476fd12884539b41d5a88f838d773"),
            kind: Some(credentials::CredentialType::Ec2),
        }),
    );
    assert_eq!(cs.len(), 10);
    assert!(cs.iter().all(|c| c.ec2().is_some()));

    // Policies: the blob is JSON text in some samples, a JSON object in others.
    request(
        &mut cov,
        &f("policy-create-request.json"),
        policies::create(&policies::CreatePolicy {
            blob: "{'foobar_user': 'role:compute-user'}".into(),
            kind: "application/json".into(),
        }),
    );
    cov.except(
        &f("policy-update-request.json"),
        "upstream doc error: the blob is a JSON object; Keystone's schema takes only a string (400 on the real cloud), so UpdatePolicy.blob is text",
    );
    let p = response(
        &mut cov,
        &f("policy-create-response.json"),
        policies::create(&policies::CreatePolicy {
            blob: "{}".into(),
            kind: "application/json".into(),
        }),
    );
    assert!(p.blob.is_string());
    for (name, op) in [
        ("policy-show-response.json", policies::get("717273")),
        (
            "policy-update-response.json",
            policies::update("717273", &Default::default()),
        ),
    ] {
        let p = response(&mut cov, &f(name), op);
        assert_eq!(
            (p.id.as_str(), p.kind.as_str()),
            ("717273", "application/json")
        );
        assert_eq!(p.blob["foobar_user"][0], "role:compute-user", "{name}");
    }
    let ps = response(
        &mut cov,
        &f("policies-list-response.json"),
        policies::list(&policies::ListPolicies {
            kind: s("application/json"),
        }),
    );
    assert_eq!(ps.len(), 2);

    // Out of scope for this issue (other Keystone resources).
    for (prefix, what) in [("identity-version", "version discovery")] {
        for file in samples::files_under("identity/v3/admin") {
            let name = file.trim_start_matches(DIR);
            if name.starts_with(prefix) {
                cov.except(&file, &format!("out of scope: {what}"));
            }
        }
    }

    let files: Vec<String> = samples::files_under("identity/v3/admin")
        .into_iter()
        .filter(|f| !f.contains("/auth-"))
        .filter(|f| {
            !identity_more_samples::OWNS
                .iter()
                .any(|p| f.starts_with(&format!("{DIR}{p}")))
        })
        .collect();
    cov.assert_complete("identity v3 admin", &files);
    assert!(cov.checked() >= 50, "{}", cov.checked());
}
