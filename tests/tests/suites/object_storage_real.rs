//! Against the REAL Swift of the local cloud, as the demo user: account and container
//! metadata, listings over several pages, non-ASCII metadata, streamed upload and
//! download, ranges and conditional downloads, copies, bulk delete and archive
//! extraction, static and dynamic large objects, the segmented upload helper, temp URLs
//! and form POST fetched with a plain HTTP client (no token), and plain-text errors.
//! Every test works in containers of its own and empties and deletes them at the end,
//! whatever happened.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use futures::TryStreamExt;
use http::{Method, StatusCode};

use ferrocloud::object_storage::accounts::{self, UpdateAccount};
use ferrocloud::object_storage::bulk::{self, ArchiveFormat};
use ferrocloud::object_storage::containers::{
    self, CreateContainer, ListContainers, UpdateContainer,
};
use ferrocloud::object_storage::large_objects::{self, SloSegment};
use ferrocloud::object_storage::objects::{
    self, ByteRange, CopyObject, DownloadObject, ListObjects, UpdateObject, UploadObject,
};
use ferrocloud::object_storage::segmented::{self, Progress, SegmentedUpload};
use ferrocloud::object_storage::temp_url::{self, Digest, FormPost, TempUrl};
use ferrocloud::object_storage::Metadata;
use ferrocloud::{byte_stream, Patch, Secret, Service, Transport, TransportError};
use ferrocloud_native::{HyperTransport, NativeOptions};
use ferrocloud_tests::cloud;

use crate::support::{guarded, image_data};

type Swift = Service<HyperTransport>;

fn swift() -> Swift {
    cloud::demo().object_storage()
}

fn md(pairs: &[(&str, &str)]) -> Metadata {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// Deletes every object of `container` (all pages), then the container. Errors are
/// ignored: this is clean-up.
async fn purge(swift: &Swift, container: &str) {
    let names: Vec<String> = swift
        .list(objects::list(container, &Default::default()))
        .map_ok(|o| o.name)
        .try_collect()
        .await
        .unwrap_or_default();
    for chunk in names.chunks(1000) {
        let _ = swift.call(&objects::bulk_delete(container, chunk)).await;
    }
    let _ = swift.call(&containers::delete(container)).await;
}

/// Runs `body` with `n` new containers, then purges them (and their `_segments`).
async fn with_containers<F, Fut>(n: usize, body: F)
where
    F: FnOnce(Swift, Vec<String>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let swift = swift();
    let names: Vec<String> = (0..n).map(|_| cloud::unique("os")).collect();
    for name in &names {
        swift
            .call(&containers::create(name, &CreateContainer::default()))
            .await
            .expect("create container");
    }
    let cleanup = async {
        for name in &names {
            purge(&swift, name).await;
            purge(&swift, &format!("{name}_segments")).await;
        }
    };
    guarded(body(swift.clone(), names.clone()), cleanup).await
}

fn chunks_of(data: &'static [u8], size: usize) -> ferrocloud::ByteStream {
    byte_stream(futures::stream::iter(
        data.chunks(size)
            .map(|c| Ok::<_, TransportError>(Bytes::from_static(c)))
            .collect::<Vec<_>>(),
    ))
}

/// A request sent with a plain HTTP client: no token, no SDK policy.
async fn plain(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Bytes,
) -> http::Response<Bytes> {
    let transport = HyperTransport::new(NativeOptions::default()).expect("transport");
    let mut req = http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    transport
        .send(req.body(body).expect("request"))
        .await
        .expect("plain request")
}

#[tokio::test(flavor = "multi_thread")]
async fn account_and_container_metadata() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        let key = format!("ferro-{}", c.rsplit('-').next().unwrap());
        // Account metadata: non-ASCII value, then removed.
        swift
            .call(&accounts::update(&UpdateAccount {
                metadata: md(&[(&key, "Ålesund ☃")]),
                ..Default::default()
            }))
            .await
            .expect("account update");
        let account = swift.call(&accounts::get()).await.expect("account");
        assert_eq!(
            account.metadata.get(&key).map(String::as_str),
            Some("Ålesund ☃")
        );
        assert!(account.container_count.unwrap_or(0) >= 1);
        assert!(
            account.storage_policies.contains_key("policy-0"),
            "{:?}",
            account.storage_policies
        );
        swift
            .call(&accounts::update(&UpdateAccount {
                remove_metadata: vec![key.clone()],
                ..Default::default()
            }))
            .await
            .expect("account remove metadata");
        let account = swift.call(&accounts::get()).await.expect("account");
        assert!(!account.metadata.contains_key(&key));

        // Container: metadata, ACL, quota at creation (a PUT on an existing container
        // updates it), then changed and removed.
        swift
            .call(&containers::create(
                c,
                &CreateContainer {
                    metadata: md(&[("team", "Dévops"), ("tier", "gold")]),
                    read_acl: Some(".r:*,.rlistings".into()),
                    quota_count: Some(100),
                    ..Default::default()
                },
            ))
            .await
            .expect("container put");
        let got = swift
            .call(&containers::get(c))
            .await
            .expect("container head");
        assert_eq!(got.metadata.get("team").map(String::as_str), Some("Dévops"));
        assert_eq!(got.read_acl.as_deref(), Some(".r:*,.rlistings"));
        assert_eq!(got.quota_count, Some(100));
        assert_eq!(got.storage_policy.as_deref(), Some("Policy-0"));
        assert_eq!(got.object_count, Some(0));
        swift
            .call(&containers::update(
                c,
                &UpdateContainer {
                    read_acl: Patch::Null,
                    quota_count: Patch::Null,
                    quota_bytes: Patch::Set(1 << 20),
                    remove_metadata: vec!["tier".into()],
                    metadata: md(&[("team", "ops")]),
                    ..Default::default()
                },
            ))
            .await
            .expect("container post");
        let got = swift
            .call(&containers::get(c))
            .await
            .expect("container head");
        assert_eq!(got.read_acl, None);
        assert_eq!(got.quota_count, None);
        assert_eq!(got.quota_bytes, Some(1 << 20));
        assert_eq!(got.metadata, md(&[("team", "ops")]));

        // The account listing finds it by prefix.
        let listed: Vec<_> = swift
            .collect_all(containers::list(&ListContainers {
                prefix: Some(c.clone()),
                ..Default::default()
            }))
            .await
            .expect("container list");
        assert_eq!(listed.len(), 1);
        assert_eq!(&listed[0].name, c);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listings_page_by_marker_with_pseudo_folders() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        let all = [
            "a.txt",
            "b/1.txt",
            "b/2.txt",
            "b/3/x.txt",
            "c.txt",
            "d/é.txt",
            "e.txt",
        ];
        for name in all {
            swift
                .call(&objects::create(
                    c,
                    name,
                    &UploadObject::default(),
                    name.to_owned(),
                ))
                .await
                .expect("create object");
        }
        // limit 2 over 7 objects: 4 pages, every name once, in order.
        let pages: Vec<_> = swift
            .pages(objects::list(
                c,
                &ListObjects {
                    limit: Some(2),
                    ..Default::default()
                },
            ))
            .try_collect()
            .await
            .expect("pages");
        assert_eq!(pages.len(), 4, "{pages:?}");
        let listed: Vec<String> = pages
            .into_iter()
            .flat_map(|p| p.items)
            .map(|o| o.name)
            .collect();
        assert_eq!(listed, all);

        // Pseudo-folders with a delimiter, still paged (limit 1: 5 pages + the last).
        let top: Vec<_> = swift
            .collect_all(objects::list(
                c,
                &ListObjects {
                    delimiter: Some('/'),
                    limit: Some(1),
                    ..Default::default()
                },
            ))
            .await
            .expect("delimited");
        let ids: Vec<String> = top
            .iter()
            .map(|o| o.subdir.clone().unwrap_or_else(|| o.name.clone()))
            .collect();
        assert_eq!(ids, ["a.txt", "b/", "c.txt", "d/", "e.txt"]);
        assert_eq!(top[0].bytes, 5);
        assert_eq!(
            top[0].hash.as_deref(),
            Some(format!("{:x}", md5::compute("a.txt")).as_str())
        );

        let in_b: Vec<_> = swift
            .collect_all(objects::list(
                c,
                &ListObjects {
                    prefix: Some("b/".into()),
                    delimiter: Some('/'),
                    ..Default::default()
                },
            ))
            .await
            .expect("prefix");
        let ids: Vec<_> = in_b
            .iter()
            .map(|o| o.subdir.clone().unwrap_or(o.name.clone()))
            .collect();
        assert_eq!(ids, ["b/1.txt", "b/2.txt", "b/3/"]);

        let reversed: Vec<String> = swift
            .list(objects::list(
                c,
                &ListObjects {
                    reverse: true,
                    limit: Some(3),
                    ..Default::default()
                },
            ))
            .map_ok(|o| o.name)
            .try_collect()
            .await
            .expect("reverse");
        let mut expected = all.to_vec();
        expected.reverse();
        assert_eq!(reversed, expected);

        let window: Vec<String> = swift
            .list(objects::list(
                c,
                &ListObjects {
                    marker: Some("a.txt".into()),
                    end_marker: Some("c.txt".into()),
                    ..Default::default()
                },
            ))
            .map_ok(|o| o.name)
            .try_collect()
            .await
            .expect("markers");
        assert_eq!(window, ["b/1.txt", "b/2.txt", "b/3/x.txt"]);

        let count = swift
            .call(&containers::get(c))
            .await
            .expect("head")
            .object_count;
        assert_eq!(count, Some(7));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn non_ascii_metadata_streams_and_updates() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        let name = "dossier/résumé 2024.txt";
        let meta = md(&[
            ("città", "Zürich ☃ 日本"),
            ("plain", "100% sure"),
            ("spaces", "  padded  "),
        ]);
        let up = swift
            .upload(
                &objects::upload(
                    c,
                    name,
                    &UploadObject {
                        content_type: Some("text/plain; charset=utf-8".into()),
                        metadata: meta.clone(),
                        content_disposition: Some("attachment".into()),
                        ..Default::default()
                    },
                ),
                chunks_of(b"streamed in five byte chunks", 5),
            )
            .await
            .expect("streamed upload");
        assert_eq!(
            up.etag.as_deref(),
            Some(format!("{:x}", md5::compute("streamed in five byte chunks")).as_str())
        );
        let info = swift.call(&objects::get(c, name)).await.expect("head");
        assert_eq!(info.metadata, meta);
        assert_eq!(info.content_length, Some(28));
        assert_eq!(
            info.content_type.as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(info.content_disposition.as_deref(), Some("attachment"));
        assert!(info.last_modified.is_some() && info.created.is_some());

        let body: Vec<Bytes> = swift
            .download(&objects::download(c, name, &Default::default()))
            .await
            .expect("download")
            .try_collect()
            .await
            .expect("stream");
        assert_eq!(body.concat(), b"streamed in five byte chunks");

        // POST replaces all metadata and sets an expiry; removing the expiry works.
        swift
            .call(&objects::update(
                c,
                name,
                &UpdateObject {
                    metadata: md(&[("nouveau", "ça")]),
                    content_type: Some("text/x-note".into()),
                    delete_at: Patch::Set(now() + 3600),
                    ..Default::default()
                },
            ))
            .await
            .expect("post");
        let info = swift.call(&objects::get(c, name)).await.expect("head");
        assert_eq!(info.metadata, md(&[("nouveau", "ça")]));
        assert_eq!(info.content_type.as_deref(), Some("text/x-note"));
        assert!(info.delete_at.is_some());
        swift
            .call(&objects::update(
                c,
                name,
                &UpdateObject {
                    delete_at: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .expect("post");
        assert!(swift
            .call(&objects::get(c, name))
            .await
            .expect("head")
            .delete_at
            .is_none());

        // X-Delete-After: gone once it passed (the object server checks it on read).
        swift
            .call(&objects::create(
                c,
                "short-lived",
                &UploadObject {
                    delete_after: Some(1),
                    ..Default::default()
                },
                "bye",
            ))
            .await
            .expect("short-lived");
        tokio::time::sleep(Duration::from_millis(2500)).await;
        let err = swift
            .call(&objects::get(c, "short-lived"))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ranges_conditions_and_refused_writes() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        let data = "0123456789abcdef";
        let etag = format!("{:x}", md5::compute(data));
        let up = swift
            .call(&objects::create(
                c,
                "r",
                &UploadObject {
                    etag: Some(etag.clone()),
                    ..Default::default()
                },
                data,
            ))
            .await
            .expect("upload with etag");
        assert_eq!(up.etag.as_deref(), Some(etag.as_str()));

        let get = |opts: DownloadObject| {
            let swift = swift.clone();
            let c = c.clone();
            async move { swift.call(&objects::download(&c, "r", &opts)).await }
        };
        let part = get(DownloadObject {
            range: vec![ByteRange::Span(2, 5)],
            ..Default::default()
        })
        .await
        .expect("range");
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(&part.body[..], b"2345");
        assert_eq!(part.content_range.as_deref(), Some("bytes 2-5/16"));
        let tail = get(DownloadObject {
            range: vec![ByteRange::Last(3)],
            ..Default::default()
        })
        .await
        .expect("suffix");
        assert_eq!(&tail.body[..], b"def");
        let from = get(DownloadObject {
            range: vec![ByteRange::From(14)],
            ..Default::default()
        })
        .await
        .expect("from");
        assert_eq!(&from.body[..], b"ef");
        let multi = get(DownloadObject {
            range: vec![ByteRange::Span(0, 0), ByteRange::Last(1)],
            ..Default::default()
        })
        .await
        .expect("multi");
        assert_eq!(multi.status, StatusCode::PARTIAL_CONTENT);
        assert!(multi
            .info
            .content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("multipart/byteranges")));

        // A range streamed through Service::download.
        let streamed: Vec<Bytes> = swift
            .download(&objects::download(
                c,
                "r",
                &DownloadObject {
                    range: vec![ByteRange::Span(10, 12)],
                    ..Default::default()
                },
            ))
            .await
            .expect("streamed range")
            .try_collect()
            .await
            .expect("stream");
        assert_eq!(streamed.concat(), b"abc");

        let matched = get(DownloadObject {
            if_match: Some(etag.clone()),
            ..Default::default()
        })
        .await
        .expect("if-match");
        assert_eq!(matched.status, StatusCode::OK);
        assert_eq!(&matched.body[..], data.as_bytes());
        let err = get(DownloadObject {
            if_match: Some("0".repeat(32)),
            ..Default::default()
        })
        .await
        .unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::PRECONDITION_FAILED), "{err}");
        let unchanged = get(DownloadObject {
            if_none_match: Some(etag.clone()),
            ..Default::default()
        })
        .await
        .expect("if-none-match");
        assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
        assert!(unchanged.body.is_empty());
        let later: ferrocloud::Timestamp =
            ferrocloud::Timestamp::from_system_time(SystemTime::now() + Duration::from_secs(3600));
        let earlier =
            ferrocloud::Timestamp::from_system_time(SystemTime::now() - Duration::from_secs(3600));
        let not_modified = get(DownloadObject {
            if_modified_since: Some(later),
            ..Default::default()
        })
        .await
        .expect("if-modified-since");
        assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
        let modified = get(DownloadObject {
            if_modified_since: Some(earlier),
            ..Default::default()
        })
        .await
        .expect("if-modified-since");
        assert_eq!(modified.status, StatusCode::OK);
        let err = get(DownloadObject {
            if_unmodified_since: Some(earlier),
            ..Default::default()
        })
        .await
        .unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::PRECONDITION_FAILED), "{err}");

        // Writes Swift refuses: a wrong ETag (422), overwriting with If-None-Match: * (412).
        let err = swift
            .call(&objects::create(
                c,
                "bad",
                &UploadObject {
                    etag: Some(etag.clone()),
                    ..Default::default()
                },
                "other data",
            ))
            .await
            .unwrap_err();
        assert_eq!(
            err.status(),
            Some(StatusCode::UNPROCESSABLE_ENTITY),
            "{err}"
        );
        let err = swift
            .call(&objects::create(
                c,
                "r",
                &UploadObject {
                    if_none_match_any: true,
                    ..Default::default()
                },
                "again",
            ))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::PRECONDITION_FAILED), "{err}");
        swift
            .call(&objects::create(
                c,
                "new",
                &UploadObject {
                    if_none_match_any: true,
                    ..Default::default()
                },
                "first",
            ))
            .await
            .expect("if-none-match on a new name");

        // Swift's errors are HTML/plain text: the message is still read.
        let err = swift.call(&objects::get(c, "missing")).await.unwrap_err();
        assert!(err.is_not_found());
        let err = swift
            .call(&objects::download(c, "missing", &Default::default()))
            .await
            .unwrap_err();
        assert!(err.is_not_found());
        let msg = err.http().expect("http error").message().to_owned();
        assert!(msg.contains("could not be found"), "{msg}");
        assert!(!msg.contains('<'), "tags stripped: {msg}");
        let err = swift.call(&containers::delete(c)).await.unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::CONFLICT), "{err}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn copies_bulk_delete_and_archive_extraction() {
    with_containers(2, |swift, names| async move {
        let (a, b) = (&names[0], &names[1]);
        swift
            .call(&objects::create(
                a,
                "src/ü.txt",
                &UploadObject {
                    metadata: md(&[("orig", "1")]),
                    content_type: Some("text/plain".into()),
                    ..Default::default()
                },
                "copy me",
            ))
            .await
            .expect("source");
        let copied = swift
            .call(&objects::copy(
                a,
                "src/ü.txt",
                b,
                "dst/ü (COPY).txt",
                &CopyObject {
                    metadata: md(&[("added", "é")]),
                    ..Default::default()
                },
            ))
            .await
            .expect("COPY");
        assert_eq!(
            copied.copied_from.as_deref(),
            Some(format!("{a}/src/ü.txt").as_str())
        );
        let info = swift
            .call(&objects::get(b, "dst/ü (COPY).txt"))
            .await
            .expect("head");
        assert_eq!(info.metadata, md(&[("orig", "1"), ("added", "é")]));
        assert_eq!(info.content_type.as_deref(), Some("text/plain"));

        swift
            .call(&objects::copy_from(
                a,
                "src/ü.txt",
                b,
                "put-copy",
                &CopyObject {
                    fresh_metadata: true,
                    metadata: md(&[("only", "this")]),
                    content_type: Some("text/x-copied".into()),
                    ..Default::default()
                },
            ))
            .await
            .expect("PUT X-Copy-From");
        let d = swift
            .call(&objects::download(b, "put-copy", &Default::default()))
            .await
            .expect("download copy");
        assert_eq!(&d.body[..], b"copy me");
        assert_eq!(d.info.metadata, md(&[("only", "this")]));
        assert_eq!(d.info.content_type.as_deref(), Some("text/x-copied"));

        // Archive extraction: a tar built here, streamed.
        let tar = tar(&[
            ("x/1.txt", b"one"),
            ("x/2.txt", b"two"),
            ("y.txt", b"three"),
        ]);
        let report = swift
            .upload(
                &bulk::extract_archive(Some(b), ArchiveFormat::Tar),
                byte_stream(futures::stream::iter([Ok::<_, TransportError>(
                    Bytes::from(tar),
                )])),
            )
            .await
            .expect("extract archive");
        assert!(report.is_success(), "{report:?}");
        assert_eq!(report.created, 3);
        let d = swift
            .call(&objects::download(b, "x/2.txt", &Default::default()))
            .await
            .expect("extracted");
        assert_eq!(&d.body[..], b"two");

        // Bulk delete: objects (one missing), then the containers themselves.
        let report = swift
            .call(&objects::bulk_delete(
                b,
                &[
                    "x/1.txt",
                    "x/2.txt",
                    "y.txt",
                    "dst/ü (COPY).txt",
                    "put-copy",
                    "never-there",
                ],
            ))
            .await
            .expect("bulk delete");
        assert!(report.is_success(), "{report:?}");
        assert_eq!((report.deleted, report.not_found), (5, 1));
        let left = swift
            .collect_all(objects::list(b, &Default::default()))
            .await
            .expect("list");
        assert!(left.is_empty(), "{left:?}");
        // `a` is not empty: its delete fails per item, `b` goes.
        let report = swift
            .call(&containers::bulk_delete(&[a.as_str(), b.as_str()]))
            .await
            .expect("bulk delete containers");
        assert!(!report.is_success());
        assert_eq!(report.deleted, 1);
        assert_eq!(report.errors.len(), 1, "{report:?}");
        assert!(report.errors[0].1.starts_with("409"), "{report:?}");
        let err = swift.call(&containers::get(b)).await.unwrap_err();
        assert!(err.is_not_found());
    })
    .await;
}

/// A ustar archive of `files`.
fn tar(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in files {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[108..115].copy_from_slice(b"0000000");
        h[116..123].copy_from_slice(b"0000000");
        h[124..135].copy_from_slice(format!("{:011o}", data.len()).as_bytes());
        h[136..147].copy_from_slice(format!("{:011o}", 1_700_000_000u64).as_bytes());
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn static_and_dynamic_large_objects() {
    with_containers(2, |swift, names| async move {
        let (c, segs) = (&names[0], &names[1]);
        let parts = ["first-", "second-", "third"];
        let mut manifest = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let seg = format!("big/{i:08}");
            let up = swift
                .call(&objects::create(
                    segs,
                    &seg,
                    &UploadObject::default(),
                    *part,
                ))
                .await
                .expect("segment");
            manifest.push(SloSegment::new(
                format!("{segs}/{seg}"),
                up.etag,
                Some(part.len() as u64),
            ));
        }
        let up = swift
            .call(&large_objects::put_manifest(
                c,
                "slo",
                &manifest,
                &UploadObject {
                    metadata: md(&[("kind", "slo")]),
                    ..Default::default()
                },
            ))
            .await
            .expect("manifest");
        assert!(up.etag.is_some());
        let info = swift.call(&objects::get(c, "slo")).await.expect("head");
        assert!(info.static_large_object);
        assert_eq!(info.content_length, Some(18));
        assert_eq!(info.metadata, md(&[("kind", "slo")]));
        let d = swift
            .call(&objects::download(c, "slo", &Default::default()))
            .await
            .expect("slo content");
        assert_eq!(&d.body[..], b"first-second-third");
        let d = swift
            .call(&objects::download(
                c,
                "slo",
                &DownloadObject {
                    range: vec![ByteRange::Span(4, 8)],
                    ..Default::default()
                },
            ))
            .await
            .expect("slo range across segments");
        assert_eq!(&d.body[..], b"t-sec");
        let stored = swift
            .call(&large_objects::get_manifest(c, "slo"))
            .await
            .expect("get manifest");
        assert_eq!(stored.len(), 3);
        assert_eq!(stored[1].name, format!("/{segs}/big/00000001"));
        assert_eq!(stored[1].bytes, 7);

        // Copying the manifest only gives a second SLO over the same segments.
        swift
            .call(&objects::copy(
                c,
                "slo",
                c,
                "slo-copy",
                &CopyObject {
                    manifest_only: true,
                    ..Default::default()
                },
            ))
            .await
            .expect("copy the manifest");
        let copy = swift
            .call(&large_objects::get_manifest(c, "slo-copy"))
            .await
            .expect("manifest of the copy");
        assert_eq!(copy.len(), 3);
        assert_eq!(
            swift
                .call(&containers::get(segs))
                .await
                .expect("segs")
                .object_count,
            Some(3)
        );
        let d = swift
            .call(&objects::download(c, "slo-copy", &Default::default()))
            .await
            .expect("copy content");
        assert_eq!(&d.body[..], b"first-second-third");
        swift
            .call(&objects::delete(c, "slo-copy"))
            .await
            .expect("delete the copy's manifest");

        // A symlink to the SLO: read through, or read as itself with symlink=get.
        swift
            .call(&objects::create(
                c,
                "link",
                &UploadObject {
                    symlink_target: Some(format!("{c}/slo")),
                    ..Default::default()
                },
                "",
            ))
            .await
            .expect("symlink");
        let through = swift
            .call(&objects::download(c, "link", &Default::default()))
            .await
            .expect("through the link");
        assert_eq!(&through.body[..], b"first-second-third");
        let itself = swift
            .call(&objects::download(
                c,
                "link",
                &DownloadObject {
                    symlink_get: true,
                    ..Default::default()
                },
            ))
            .await
            .expect("the link itself");
        assert!(itself.body.is_empty());
        assert_eq!(
            itself.info.symlink_target.as_deref(),
            Some(format!("{c}/slo").as_str())
        );
        swift
            .call(&objects::delete(c, "link"))
            .await
            .expect("delete link");

        // A wrong segment size is refused when the manifest is stored.
        let mut bad = manifest.clone();
        bad[0].size_bytes = Some(99);
        let err = swift
            .call(&large_objects::put_manifest(
                c,
                "bad",
                &bad,
                &UploadObject::default(),
            ))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST), "{err}");

        // DLO over the same segments: read as their concatenation; deleting it keeps them.
        swift
            .call(&large_objects::put_dlo(
                c,
                "dlo",
                segs,
                "big/",
                &UploadObject::default(),
            ))
            .await
            .expect("dlo");
        let info = swift.call(&objects::get(c, "dlo")).await.expect("head dlo");
        assert_eq!(
            info.object_manifest.as_deref(),
            Some(format!("{segs}/big/").as_str())
        );
        let d = swift
            .call(&objects::download(c, "dlo", &Default::default()))
            .await
            .expect("dlo content");
        assert_eq!(&d.body[..], b"first-second-third");
        swift
            .call(&objects::delete(c, "dlo"))
            .await
            .expect("delete dlo");
        assert_eq!(
            swift
                .call(&containers::get(segs))
                .await
                .expect("segs")
                .object_count,
            Some(3)
        );

        // Deleting the SLO with its segments empties the segment container.
        let report = swift
            .call(&large_objects::delete_with_segments(c, "slo"))
            .await
            .expect("delete slo");
        assert!(report.is_success(), "{report:?}");
        assert_eq!(report.deleted, 4);
        let left = swift
            .collect_all(objects::list(segs, &Default::default()))
            .await
            .expect("list");
        assert!(left.is_empty(), "{left:?}");
    })
    .await;
}

/// After a failed segmented upload of `name` into `c`: no segment under `prefix` in
/// `<c>_segments`, and no object.
async fn left_nothing(swift: &Swift, c: &str, name: &str, prefix: &str) {
    let left = swift
        .collect_all(objects::list(
            &format!("{c}_segments"),
            &ListObjects {
                prefix: Some(prefix.into()),
                ..Default::default()
            },
        ))
        .await
        .expect("segs");
    assert!(
        left.is_empty(),
        "segments of a failed upload were left: {left:?}"
    );
    assert!(swift
        .call(&objects::get(c, name))
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test(flavor = "multi_thread")]
async fn segmented_upload_of_a_stream_of_unknown_length() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        const MIB: usize = 1 << 20;
        let md5 = Arc::new(Mutex::new(md5::Context::new()));
        // 5 MiB + 1 byte in chunks of 300 KiB: chunks cross segment boundaries.
        let total = 5 * MIB + 1;
        let data = image_data::generated(total, 300 * 1024, md5.clone());
        let mut seen = Vec::new();
        let done = segmented::upload(
            &swift,
            c,
            "stream.bin",
            data,
            &SegmentedUpload {
                segment_size: MIB as u64,
                object: UploadObject {
                    content_type: Some("application/x-test".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            |p: Progress| seen.push(p),
        )
        .await
        .expect("segmented upload");
        let sent = image_data::hex(&md5);
        assert_eq!(done.bytes, total as u64);
        assert_eq!(done.segments.len(), 6);
        assert_eq!(done.segments[5].size_bytes, Some(1));
        assert_eq!(seen.len(), 6);
        assert_eq!(
            seen[0],
            Progress {
                bytes: MIB as u64,
                segments: 1
            }
        );
        assert_eq!(
            seen[5],
            Progress {
                bytes: total as u64,
                segments: 6
            }
        );
        let info = swift
            .call(&objects::get(c, "stream.bin"))
            .await
            .expect("head");
        assert!(info.static_large_object);
        assert_eq!(info.content_length, Some(total as u64));
        assert_eq!(info.content_type.as_deref(), Some("application/x-test"));
        let (len, got, _) = image_data::hash_stream(
            swift
                .download(&objects::download(c, "stream.bin", &Default::default()))
                .await
                .expect("download"),
        )
        .await
        .expect("stream");
        assert_eq!((len, got), (total as u64, sent));
        let segs = format!("{c}_segments");
        let listed = swift
            .collect_all(objects::list(&segs, &Default::default()))
            .await
            .expect("segs");
        assert_eq!(listed.len(), 6);

        // An empty stream gives a plain empty object.
        let empty = segmented::upload(
            &swift,
            c,
            "empty",
            byte_stream(futures::stream::empty()),
            &SegmentedUpload::default(),
            |_| panic!("no progress for an empty stream"),
        )
        .await
        .expect("empty");
        assert!(empty.segments.is_empty());
        let info = swift.call(&objects::get(c, "empty")).await.expect("head");
        assert_eq!(info.content_length, Some(0));
        assert!(!info.static_large_object);

        // A stream that fails midway: the stored segments are deleted again.
        let failing = byte_stream(futures::stream::iter([
            Ok(Bytes::from(vec![1u8; MIB + 10])),
            Err(TransportError::new(
                ferrocloud::TransportErrorKind::Io,
                "disk gone",
            )),
        ]));
        let err = segmented::upload(
            &swift,
            c,
            "broken",
            failing,
            &SegmentedUpload {
                segment_size: MIB as u64,
                segment_prefix: Some("broken/".into()),
                ..Default::default()
            },
            |_| {},
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("disk gone"), "{err}");
        left_nothing(&swift, c, "broken", "broken/").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn segmented_upload_of_ranges_of_a_known_size() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        const MIB: u64 = 1 << 20;
        // 2.5 MiB of a pattern that differs at every offset modulo 251.
        let data = Bytes::from(
            (0..5 * MIB / 2)
                .map(|i| (i % 251) as u8)
                .collect::<Vec<_>>(),
        );
        let ranges = Arc::new(Mutex::new(Vec::new()));
        let read = |r: std::ops::Range<u64>| {
            ranges.lock().unwrap().push(r.clone());
            let part = data.slice(r.start as usize..r.end as usize);
            // Two chunks per range, as a file read in pieces.
            let mid = part.len() / 2;
            byte_stream(futures::stream::iter([
                Ok::<_, TransportError>(part.slice(..mid)),
                Ok(part.slice(mid..)),
            ]))
        };
        let mut seen = Vec::new();
        let opts = SegmentedUpload {
            segment_size: MIB,
            object: UploadObject {
                content_type: Some("application/x-test".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let done = segmented::upload_sized(
            &swift,
            c,
            "sized.bin",
            data.len() as u64,
            read,
            &opts,
            |p: Progress| seen.push(p),
        )
        .await
        .expect("sized upload");
        assert_eq!(
            *ranges.lock().unwrap(),
            vec![0..MIB, MIB..2 * MIB, 2 * MIB..5 * MIB / 2]
        );
        assert_eq!(done.bytes, data.len() as u64);
        let sizes: Vec<_> = done.segments.iter().map(|s| s.size_bytes).collect();
        assert_eq!(sizes, vec![Some(MIB), Some(MIB), Some(MIB / 2)]);
        assert_eq!(
            seen.iter()
                .map(|p| (p.bytes, p.segments))
                .collect::<Vec<_>>(),
            vec![(MIB, 1), (2 * MIB, 2), (5 * MIB / 2, 3)]
        );
        let info = swift
            .call(&objects::get(c, "sized.bin"))
            .await
            .expect("head");
        assert!(info.static_large_object);
        assert_eq!(info.content_length, Some(data.len() as u64));
        assert_eq!(info.content_type.as_deref(), Some("application/x-test"));
        let got: Vec<Bytes> = swift
            .download(&objects::download(c, "sized.bin", &Default::default()))
            .await
            .expect("download")
            .try_collect()
            .await
            .expect("body");
        assert!(
            got.concat() == data[..],
            "the object differs from what was read"
        );

        // Too many segments for Swift: refused before any request (no segment container).
        let unused = format!("{c}-never");
        let err = segmented::upload_sized(
            &swift,
            c,
            "huge",
            1001 * MIB,
            |_| panic!("nothing is read"),
            &SegmentedUpload {
                segment_size: MIB,
                segment_container: Some(unused.clone()),
                ..Default::default()
            },
            |_| panic!("no progress"),
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("1000 segments"), "{err}");
        assert!(swift
            .call(&containers::get(&unused))
            .await
            .unwrap_err()
            .is_not_found());

        // A read that fails in the second segment: every segment started is deleted.
        let err = segmented::upload_sized(
            &swift,
            c,
            "broken-sized",
            3 * MIB,
            |r| {
                if r.start == 0 {
                    byte_stream(futures::stream::iter([Ok::<_, TransportError>(
                        Bytes::from(vec![7u8; MIB as usize]),
                    )]))
                } else {
                    byte_stream(futures::stream::iter([Err::<Bytes, _>(
                        TransportError::new(ferrocloud::TransportErrorKind::Io, "file gone"),
                    )]))
                }
            },
            &SegmentedUpload {
                segment_size: MIB,
                segment_prefix: Some("broken-sized/".into()),
                ..Default::default()
            },
            |_| {},
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("file gone"), "{err}");
        left_nothing(&swift, c, "broken-sized", "broken-sized/").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn temp_urls_and_form_post_work_without_a_token_until_they_expire() {
    with_containers(1, |swift, names| async move {
        let c = &names[0];
        let key = format!("key-{}", c);
        let before = swift.call(&accounts::get()).await.expect("account");
        swift
            .call(&accounts::update(&UpdateAccount {
                temp_url_key_2: Patch::Set(Secret::new(key.clone())),
                ..Default::default()
            }))
            .await
            .expect("set temp url key");
        let restore = before.temp_url_key_2.clone();
        let body = async {
            let account = swift.call(&accounts::get()).await.expect("account");
            assert_eq!(account.temp_url_key_2.as_ref().map(Secret::expose), Some(key.as_str()));
            swift
                .call(&objects::create(c, "docs/é.txt", &UploadObject::default(), "secret data"))
                .await
                .expect("object");
            let svc = swift.service_client().await.expect("service client");
            let no_token = |url: String| async move { plain(Method::GET, &url, &[], Bytes::new()).await };

            // A plain client with no token: refused without a signature.
            let direct = svc.url(&format!("{c}/docs%2F%C3%A9.txt"), &Default::default());
            assert_eq!(no_token(direct).await.status(), StatusCode::UNAUTHORIZED);

            for digest in [Digest::Sha1, Digest::Sha256, Digest::Sha512] {
                let url = temp_url::temp_url(
                    &svc,
                    c,
                    "docs/é.txt",
                    &key,
                    &TempUrl { expires: now() + 600, ..TempUrl::get(digest.clone()) },
                )
                .expect("temp url");
                let resp = no_token(url).await;
                assert_eq!(resp.status(), StatusCode::OK, "{digest}");
                assert_eq!(&resp.body()[..], b"secret data");
            }
            // Prefix-signed, IP-restricted (this host, then another), filename.
            let prefixed = TempUrl {
                expires: now() + 600,
                prefix: Some("docs/".into()),
                ip_range: Some("127.0.0.1".into()),
                filename: Some("report.txt".into()),
                ..TempUrl::get(Digest::Sha256)
            };
            let resp = no_token(temp_url::temp_url(&svc, c, "docs/é.txt", &key, &prefixed).unwrap()).await;
            assert_eq!(resp.status(), StatusCode::OK);
            assert!(resp.headers()["content-disposition"].to_str().unwrap().contains("report.txt"));
            let elsewhere = TempUrl { ip_range: Some("10.9.9.9".into()), ..prefixed.clone() };
            let resp = no_token(temp_url::temp_url(&svc, c, "docs/é.txt", &key, &elsewhere).unwrap()).await;
            assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
            // A wrong key, and a PUT with a GET signature, are refused.
            let wrong = temp_url::temp_url(&svc, c, "docs/é.txt", "not-the-key", &TempUrl {
                expires: now() + 600,
                ..TempUrl::get(Digest::Sha256)
            })
            .unwrap();
            assert_eq!(no_token(wrong).await.status(), StatusCode::UNAUTHORIZED);
            // A PUT temp URL uploads without a token.
            let put = temp_url::temp_url(&svc, c, "via-temp-url", &key, &TempUrl {
                method: Method::PUT,
                expires: now() + 600,
                ..TempUrl::get(Digest::Sha256)
            })
            .unwrap();
            let resp = plain(Method::PUT, &put, &[], Bytes::from_static(b"uploaded")).await;
            assert_eq!(resp.status(), StatusCode::CREATED);
            let resp = plain(Method::GET, &put, &[], Bytes::new()).await;
            assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "a PUT signature does not allow GET");

            // A container's own key signs for that container only.
            swift
                .call(&containers::update(c, &UpdateContainer {
                    temp_url_key: Patch::Set(Secret::new("container-key")),
                    ..Default::default()
                }))
                .await
                .expect("container key");
            let got = swift.call(&containers::get(c)).await.expect("head");
            assert_eq!(got.temp_url_key.as_ref().map(Secret::expose), Some("container-key"));
            let by_container = temp_url::temp_url(&svc, c, "docs/é.txt", "container-key", &TempUrl {
                expires: now() + 600,
                ..TempUrl::get(Digest::Sha512)
            })
            .unwrap();
            assert_eq!(no_token(by_container).await.status(), StatusCode::OK);

            // Expiry: valid now, refused once the time passed.
            let expires = now() + 2;
            let short = temp_url::temp_url(&svc, c, "docs/é.txt", &key, &TempUrl {
                expires,
                ..TempUrl::get(Digest::Sha256)
            })
            .unwrap();
            assert_eq!(no_token(short.clone()).await.status(), StatusCode::OK);
            while now() <= expires {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            assert_eq!(no_token(short).await.status(), StatusCode::UNAUTHORIZED);

            // Form POST: a multipart upload with the signed fields, no token.
            let form = temp_url::form_post(&svc, c, "uploads/", &key, &FormPost {
                redirect: String::new(),
                max_file_size: 1024,
                max_file_count: 2,
                expires: now() + 600,
                digest: Digest::Sha256,
            })
            .unwrap();
            let boundary = "ferroBOUNDARY42";
            let mut body = String::new();
            for (k, v) in &form.fields {
                body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
            }
            body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"hello.txt\"\r\nContent-Type: text/plain\r\n\r\nform data\r\n--{boundary}--\r\n"));
            let resp = plain(
                Method::POST,
                &form.url,
                &[("content-type", &format!("multipart/form-data; boundary={boundary}"))],
                Bytes::from(body),
            )
            .await;
            assert_eq!(resp.status(), StatusCode::CREATED, "{:?}", resp.body());
            let d = swift
                .call(&objects::download(c, "uploads/hello.txt", &Default::default()))
                .await
                .expect("form upload stored");
            assert_eq!(&d.body[..], b"form data");
        };
        let cleanup = async {
            let _ = swift
                .call(&accounts::update(&UpdateAccount {
                    temp_url_key_2: restore.map_or(Patch::Null, Patch::Set),
                    ..Default::default()
                }))
                .await;
        };
        guarded(body, cleanup).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn versioned_container_keeps_and_deletes_versions() {
    let swift = swift();
    let c = cloud::unique("osv");
    swift
        .call(&containers::create(
            &c,
            &CreateContainer {
                versions_enabled: Some(true),
                ..Default::default()
            },
        ))
        .await
        .expect("versioned container");
    let body = async {
        assert_eq!(
            swift
                .call(&containers::get(&c))
                .await
                .expect("head")
                .versions_enabled,
            Some(true)
        );
        let v1 = swift
            .call(&objects::create(
                &c,
                "doc",
                &UploadObject::default(),
                "version one",
            ))
            .await
            .expect("v1");
        let v2 = swift
            .call(&objects::create(
                &c,
                "doc",
                &UploadObject::default(),
                "version two",
            ))
            .await
            .expect("v2");
        let (id1, id2) = (v1.version_id.expect("v1 id"), v2.version_id.expect("v2 id"));
        assert_ne!(id1, id2);
        let versions = swift
            .collect_all(objects::list(
                &c,
                &ListObjects {
                    versions: true,
                    limit: Some(100),
                    ..Default::default()
                },
            ))
            .await
            .expect("versions");
        let ids: Vec<(Option<String>, Option<bool>)> = versions
            .iter()
            .map(|v| (v.version_id.clone(), v.is_latest))
            .collect();
        assert_eq!(
            ids,
            [
                (Some(id2.clone()), Some(true)),
                (Some(id1.clone()), Some(false))
            ]
        );
        let old = swift
            .call(&objects::download(
                &c,
                "doc",
                &DownloadObject {
                    version_id: Some(id1.clone()),
                    ..Default::default()
                },
            ))
            .await
            .expect("old version");
        assert_eq!(&old.body[..], b"version one");
        assert_eq!(old.info.version_id.as_deref(), Some(id1.as_str()));
        swift
            .call(&objects::delete_version(&c, "doc", &id1))
            .await
            .expect("delete v1");
        let left = swift
            .collect_all(objects::list(
                &c,
                &ListObjects {
                    versions: true,
                    ..Default::default()
                },
            ))
            .await
            .expect("versions");
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].version_id.as_deref(), Some(id2.as_str()));
    };
    let cleanup = async {
        let all = swift
            .collect_all(objects::list(
                &c,
                &ListObjects {
                    versions: true,
                    ..Default::default()
                },
            ))
            .await
            .unwrap_or_default();
        for v in all {
            if let Some(id) = &v.version_id {
                let _ = swift.call(&objects::delete_version(&c, &v.name, id)).await;
            }
        }
        let _ = swift.call(&containers::delete(&c)).await;
    };
    guarded(body, cleanup).await;
    assert!(
        swift
            .call(&containers::get(&c))
            .await
            .unwrap_err()
            .is_not_found(),
        "the versioned container was deleted"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_capabilities_from_the_proxy_root() {
    use ferrocloud::object_storage::info;
    let swift = swift();
    let account = swift.service_client().await.expect("endpoint");
    let root = swift
        .clone()
        .endpoint_override(info::endpoint(account.endpoint()).expect("root"))
        .version_suffix(None);
    let caps = root.call(&info::get()).await.expect("GET /info");
    assert!(caps["swift"]["version"].is_string(), "{caps:?}");
    assert_eq!(caps["swift"]["container_listing_limit"], 10000);
    let digests = caps["tempurl"]["allowed_digests"]
        .as_array()
        .expect("tempurl digests");
    assert!(digests.iter().any(|d| d == "sha256"), "{digests:?}");
    assert!(
        caps.contains_key("slo") && caps.contains_key("bulk_delete"),
        "{caps:?}"
    );
}
