//! Keystone v3 admin resources against the real local cloud: projects (tags), users
//! (password change), roles and role assignments, application credentials, and the
//! removed v2.0 API answering a typed 404.

use ferrocloud::identity::v2::tenants;
use ferrocloud::identity::v3::application_credentials::{
    self as appcreds, CreateApplicationCredential,
};
use ferrocloud::identity::v3::roles::{self, Actor, ListRoleAssignments, Target};
use ferrocloud::identity::v3::trusts::RoleRef;
use ferrocloud::identity::v3::{projects, users};
use ferrocloud::{path, AuthOptions, Error, Op, Patch, Secret};
use ferrocloud_native::{Cloud, NativeOptions};
use ferrocloud_tests::cloud;

const AUTH_URL: &str = "http://127.0.0.1:5000/v3";

/// Deletes what a test created, whatever happened in between.
#[derive(Default)]
struct Cleanup {
    projects: Vec<String>,
    users: Vec<String>,
    roles: Vec<String>,
}

impl Cleanup {
    async fn run(self, admin: &Cloud) {
        let ks = admin.identity();
        for id in self.roles {
            let _ = ks.call(&roles::delete(&id)).await;
        }
        for id in self.users {
            let _ = ks.call(&users::delete(&id)).await;
        }
        for id in self.projects {
            let _ = ks.call(&projects::delete(&id)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn project_user_role_assignment_crud() {
    let admin = cloud::admin();
    let mut cleanup = Cleanup::default();
    let result = crud_flow(&admin, &mut cleanup).await;
    cleanup.run(&admin).await;
    result.unwrap();
}

async fn crud_flow(admin: &Cloud, cleanup: &mut Cleanup) -> Result<(), Error> {
    let ks = admin.identity();

    // Project with tags.
    let pname = cloud::unique("proj");
    let project = ks
        .call(&projects::create(&projects::CreateProject {
            name: pname.clone(),
            domain_id: Some("default".into()),
            description: Some("ferrocloud test".into()),
            tags: vec!["ferro".into()],
            ..Default::default()
        }))
        .await?;
    cleanup.projects.push(project.id.clone());
    assert_eq!(project.tags, ["ferro"]);
    let updated = ks
        .call(&projects::update(
            &project.id,
            &projects::UpdateProject {
                description: Patch::Null,
                ..Default::default()
            },
        ))
        .await?;
    assert_eq!(updated.description.as_deref().unwrap_or(""), "");
    ks.call(&projects::TAGS.add(&project.id, "blue")).await?;
    ks.call(&projects::TAGS.check(&project.id, "blue")).await?;
    let missing = ks.call(&projects::TAGS.check(&project.id, "green")).await;
    assert!(missing.unwrap_err().is_not_found());
    let mut tags = ks.call(&projects::TAGS.list(&project.id)).await?;
    tags.sort();
    assert_eq!(tags, ["blue", "ferro"]);
    let replaced = ks
        .call(&projects::TAGS.replace(&project.id, &["red".into()]))
        .await?;
    assert_eq!(replaced, ["red"]);
    let by_tag = ks
        .collect_all(projects::list(&projects::ListProjects {
            tags: vec!["red".into()],
            name: Some(pname.clone()),
            ..Default::default()
        }))
        .await?;
    assert_eq!(
        by_tag.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        [project.id.as_str()]
    );
    ks.call(&projects::TAGS.clear(&project.id)).await?;
    assert!(ks.call(&projects::TAGS.list(&project.id)).await?.is_empty());
    // Paging with a limit walks every project (marker or links.next).
    let paged = ks
        .collect_all(projects::list(&projects::ListProjects {
            limit: Some(1),
            ..Default::default()
        }))
        .await?;
    assert!(
        paged.iter().any(|p| p.id == project.id),
        "paged list lacks the project"
    );

    // User.
    let uname = cloud::unique("user");
    let first_pw = "Ferro-first-pw-1";
    let user = ks
        .call(&users::create(&users::CreateUser {
            name: uname.clone(),
            domain_id: Some("default".into()),
            default_project_id: Some(project.id.clone()),
            password: Some(first_pw.into()),
            email: Some("ferro@example.com".into()),
            ..Default::default()
        }))
        .await?;
    cleanup.users.push(user.id.clone());
    assert_eq!(user.email.as_deref(), Some("ferro@example.com"));
    let user = ks
        .call(&users::update(
            &user.id,
            &users::UpdateUser {
                email: Patch::Set("other@example.com".into()),
                ..Default::default()
            },
        ))
        .await?;
    assert_eq!(user.email.as_deref(), Some("other@example.com"));
    let found = ks
        .collect_all(users::list(&users::ListUsers {
            name: Some(uname.clone()),
            ..Default::default()
        }))
        .await?;
    assert_eq!(found.len(), 1);

    // Role and assignment.
    let role = ks
        .call(&roles::create(&roles::CreateRole {
            name: cloud::unique("role"),
            description: Some("ferrocloud test role".into()),
            ..Default::default()
        }))
        .await?;
    cleanup.roles.push(role.id.clone());
    let member = ks
        .collect_all(roles::list(&roles::ListRoles {
            name: Some("member".into()),
            ..Default::default()
        }))
        .await?;
    let member = &member.first().expect("a member role").id;
    let on = Target::Project(project.id.clone());
    let who = Actor::User(user.id.clone());
    assert!(ks
        .call(&roles::check(&on, &who, &role.id))
        .await
        .unwrap_err()
        .is_not_found());
    ks.call(&roles::assign(&on, &who, &role.id)).await?;
    ks.call(&roles::assign(&on, &who, member)).await?;
    ks.call(&roles::check(&on, &who, &role.id)).await?;
    let granted = ks.collect_all(roles::list_granted(&on, &who)).await?;
    assert_eq!(granted.len(), 2);
    let assignments = ks
        .collect_all(roles::list_assignments(&ListRoleAssignments {
            user_id: Some(user.id.clone()),
            project_id: Some(project.id.clone()),
            include_names: true,
            effective: true,
            ..Default::default()
        }))
        .await?;
    let names: Vec<&str> = assignments
        .iter()
        .filter_map(|a| a.role.name.as_deref())
        .collect();
    assert!(names.contains(&role.name.as_str()), "{names:?}");
    assert!(assignments.iter().all(
        |a| a.scope.project.as_ref().and_then(|p| p.id.as_deref()) == Some(project.id.as_str())
    ));
    let theirs = ks.collect_all(users::list_projects(&user.id)).await?;
    assert!(theirs.iter().any(|p| p.id == project.id));
    assert!(ks
        .collect_all(users::list_groups(&user.id))
        .await?
        .is_empty());

    // The new user logs in, sees the project among its scopes, changes its password.
    let as_user = Cloud::new(
        &AuthOptions::password(AUTH_URL, &uname, "Default", first_pw).project_id(&project.id),
        NativeOptions::default(),
    )?;
    let scopes = as_user
        .identity()
        .collect_all(projects::available())
        .await?;
    assert!(scopes.iter().any(|p| p.id == project.id));
    as_user
        .identity()
        .call(&users::change_password(
            &user.id,
            &users::ChangePassword {
                original_password: first_pw.into(),
                password: "Ferro-second-pw-2".into(),
            },
        ))
        .await?;
    let old = Cloud::new(
        &AuthOptions::password(AUTH_URL, &uname, "Default", first_pw).project_id(&project.id),
        NativeOptions::default(),
    )?;
    assert_eq!(
        old.token().await.unwrap_err().status().map(|s| s.as_u16()),
        Some(401)
    );
    let new = Cloud::new(
        &AuthOptions::password(AUTH_URL, &uname, "Default", "Ferro-second-pw-2")
            .project_id(&project.id),
        NativeOptions::default(),
    )?;
    new.token().await?;

    // Implied roles: the test role implies a second one.
    let implied = ks
        .call(&roles::create(&roles::CreateRole {
            name: cloud::unique("implied"),
            ..Default::default()
        }))
        .await?;
    cleanup.roles.push(implied.id.clone());
    let rule = ks
        .call(&roles::create_implied(&role.id, &implied.id))
        .await?;
    assert_eq!(rule.implies.id.as_deref(), Some(implied.id.as_str()));
    ks.call(&roles::check_implied(&role.id, &implied.id))
        .await?;
    let listed = ks.call(&roles::list_implied(&role.id)).await?;
    assert_eq!(listed.implies.len(), 1);
    ks.call(&roles::delete_implied(&role.id, &implied.id))
        .await?;
    assert!(ks
        .call(&roles::check_implied(&role.id, &implied.id))
        .await
        .unwrap_err()
        .is_not_found());

    ks.call(&roles::revoke(&on, &who, &role.id)).await?;
    assert!(ks
        .call(&roles::check(&on, &who, &role.id))
        .await
        .unwrap_err()
        .is_not_found());
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn application_credential_authenticates() {
    let admin = cloud::admin();
    let token = admin.token().await.unwrap();
    let me = token
        .info
        .user
        .as_ref()
        .map(|u| u.id.clone())
        .expect("user id");
    let ks = admin.identity();
    let name = cloud::unique("appcred");
    let cred = ks
        .call(&appcreds::create(
            &me,
            &CreateApplicationCredential {
                name: name.clone(),
                description: Some("ferrocloud test".into()),
                roles: vec![RoleRef::name("member")],
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let result = async {
        let secret: Secret = cred.secret.clone().expect("secret on create");
        assert!(!format!("{cred:?}").contains(secret.expose()));
        let listed = ks
            .collect_all(appcreds::list(
                &me,
                &appcreds::ListApplicationCredentials {
                    name: Some(name.clone()),
                },
            ))
            .await?;
        assert_eq!(listed.len(), 1);
        assert!(listed[0].secret.is_none());
        let as_cred = Cloud::new(
            &AuthOptions::application_credential(AUTH_URL, &cred.id, secret),
            NativeOptions::default(),
        )?;
        let t = as_cred.token().await?;
        assert_eq!(
            t.info.project.as_ref().map(|p| p.id.as_str()),
            cred.project_id.as_deref()
        );
        let flavors: serde_json::Value = as_cred
            .compute()
            .call(&Op::get(path!("flavors")).decode_body())
            .await?;
        assert!(flavors["flavors"].is_array());
        Ok::<_, Error>(())
    }
    .await;
    let deleted = ks.call(&appcreds::delete(&me, &cred.id)).await;
    result.unwrap();
    deleted.unwrap();
    assert!(ks
        .call(&appcreds::get(&me, &cred.id))
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test(flavor = "multi_thread")]
async fn v2_tenants_is_a_typed_404() {
    let admin = cloud::admin();
    // The catalog's identity URL is versioned (/v3/), so point at the bare host to reach
    // /v2.0/tenants.
    let v2 = admin
        .identity()
        .endpoint_override("http://127.0.0.1:5000/")
        .version_suffix(Some("v2.0"));
    let err = v2
        .collect_all(tenants::list(&Default::default()))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    match &err {
        Error::Http(h) => assert!(h.url.contains("/v2.0/tenants"), "{}", h.url),
        other => panic!("not an Http error: {other:?}"),
    }
}

/// Every v2.0 admin call answers the same typed 404 (Keystone removed `/v2.0` in Queens;
/// the calls are proven on canned answers in the core's unit tests). Nothing is created.
#[tokio::test(flavor = "multi_thread")]
async fn v2_admin_calls_are_typed_404s() {
    use ferrocloud::identity::v2::{roles as roles2, users as users2};
    let admin = cloud::admin();
    let v2 = admin
        .identity()
        .endpoint_override("http://127.0.0.1:5000/")
        .version_suffix(Some("v2.0"));
    let name = cloud::unique("v2");
    let tenant = tenants::TenantOptions {
        name: Some(name.clone()),
        ..Default::default()
    };
    let user = users2::UserOptions {
        name: Some(name),
        ..Default::default()
    };
    let answers: Vec<(&str, Result<(), Error>)> = vec![
        (
            "tenants::create",
            v2.call(&tenants::create(&tenant)).await.map(drop),
        ),
        ("tenants::get", v2.call(&tenants::get("t")).await.map(drop)),
        (
            "tenants::update",
            v2.call(&tenants::update("t", &tenant)).await.map(drop),
        ),
        ("tenants::delete", v2.call(&tenants::delete("t")).await),
        (
            "users::list",
            v2.collect_all(users2::list()).await.map(drop),
        ),
        (
            "users::create",
            v2.call(&users2::create(&user)).await.map(drop),
        ),
        ("users::get", v2.call(&users2::get("u")).await.map(drop)),
        (
            "users::update",
            v2.call(&users2::update("u", &user)).await.map(drop),
        ),
        ("users::delete", v2.call(&users2::delete("u")).await),
        (
            "users::list_roles",
            v2.collect_all(users2::list_roles("t", "u")).await.map(drop),
        ),
        (
            "roles::list",
            v2.collect_all(roles2::list()).await.map(drop),
        ),
        (
            "roles::add_user",
            v2.call(&roles2::add_user("t", "u", "r")).await,
        ),
        (
            "roles::delete_user",
            v2.call(&roles2::delete_user("t", "u", "r")).await,
        ),
    ];
    for (what, answer) in answers {
        let err = answer.expect_err(what);
        assert!(err.is_not_found(), "{what}: {err}");
        match &err {
            Error::Http(h) => assert!(h.url.contains("/v2.0/"), "{what}: {}", h.url),
            other => panic!("{what}: not an Http error: {other:?}"),
        }
    }
}
