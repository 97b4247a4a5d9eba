//! Cinder backups against the real Cinder. The local cloud runs no `cinder-backup`
//! service, so nothing can be backed up: this proves the reads (list, detail, one page
//! with a count) answer in our types, that a missing backup is a 404 on get, export and
//! restore, and that a create is refused by the API without leaving a backup behind.

use ferrocloud::block_storage::backups::{self, CreateBackup, ListBackups, Restore};
use ferrocloud::block_storage::ListFilter;
use ferrocloud::ListCommon;
use ferrocloud_tests::cloud;

fn status(r: Result<impl std::fmt::Debug, ferrocloud::Error>) -> Option<u16> {
    r.err().and_then(|e| e.status()).map(|s| s.as_u16())
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_backups_read_and_refusals() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let listed = cinder
        .collect_all(backups::list(&ListBackups::default()))
        .await
        .expect("list");
    let detail = cinder
        .collect_all(backups::list_detail(&ListBackups {
            filter: ListFilter {
                all_tenants: true,
                ..Default::default()
            },
            common: ListCommon {
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        }))
        .await
        .expect("detail, paged by two");
    assert!(detail.iter().all(|b| b.extra.is_empty()), "{detail:?}");
    assert!(listed.len() <= detail.len());

    let missing = "00000000-0000-0000-0000-000000000000";
    assert_eq!(status(cinder.call(&backups::get(missing)).await), Some(404));
    assert_eq!(
        status(cinder.call(&backups::export_record(missing)).await),
        Some(404)
    );
    assert_eq!(
        status(
            cinder
                .call(&backups::restore(missing, &Restore::default()))
                .await
        ),
        Some(404)
    );
    // A backup of a volume that does not exist is refused before anything is made.
    let refused = cinder
        .call(&backups::create(&CreateBackup {
            volume_id: missing.into(),
            name: Some(cloud::unique("bk")),
            ..Default::default()
        }))
        .await;
    if let Ok(b) = &refused {
        let _ = cinder.call(&backups::force_delete(&b.id)).await;
    }
    assert!(
        matches!(status(refused), Some(400..=404)),
        "a backup of a missing volume is refused"
    );
}
