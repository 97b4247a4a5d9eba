//! Keystone v3 groups against the real local cloud. Everything is created under unique
//! names and deleted again, also when an assertion fails; existing users and projects are
//! only read.

use std::sync::Mutex;

use ferrocloud::identity::v3::{groups, users};
use ferrocloud::Patch;
use ferrocloud_tests::cloud;

use crate::support::guarded;

/// Ids a test created, deleted by [`Created::delete_all`] in dependency order.
#[derive(Default)]
struct Created {
    users: Vec<String>,
    groups: Vec<String>,
}

impl Created {
    async fn delete_all(cell: &Mutex<Created>) {
        let admin = cloud::admin();
        let ks = admin.identity();
        let c = std::mem::take(&mut *cell.lock().unwrap());
        for id in &c.users {
            let _ = ks.call(&users::delete(id)).await;
        }
        for id in &c.groups {
            let _ = ks.call(&groups::delete(id)).await;
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
