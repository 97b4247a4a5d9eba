//! Against the REAL Glance of the local cloud: create, streamed 64 MiB upload and
//! download with checksums, deactivate/reactivate, tags, JSON Patch updates, members,
//! paging, glance-direct import, and a legacy import task from a local HTTP server.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use ferrocloud::image::images::{
    self, CreateImage, ImageStatus, ImageUpdate, ImportImage, ImportMethod, ListImages, Visibility,
};
use ferrocloud::image::members::{self, MemberStatus};
use ferrocloud::image::tasks::{self, CreateTask, ListTasks, TaskStatus};
use ferrocloud::{Service, Wait};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;

use crate::support::{self, guarded, image_data};

type Glance = Service<HyperTransport>;

const MIB: usize = 1 << 20;

fn wait() -> Wait {
    support::wait(120)
}

/// Images a test created, deleted at the end whatever happened.
#[derive(Default)]
struct Created(Mutex<Vec<String>>);

impl Created {
    fn add(&self, id: &str) {
        self.0.lock().unwrap().push(id.to_owned());
    }
}

async fn with_cleanup<F, Fut>(glance: &Glance, body: F)
where
    F: FnOnce(Glance, Arc<Created>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let created = Arc::new(Created::default());
    let cleanup = async {
        let ids = created.0.lock().unwrap().clone();
        for id in ids {
            let _ = glance.call(&images::reactivate(&id)).await;
            let _ = glance
                .call(&images::update(&id, &[ImageUpdate::Protected(false)]))
                .await;
            let _ = glance.call(&images::delete(&id)).await;
        }
    };
    guarded(body(glance.clone(), created.clone()), cleanup).await
}

async fn new_image(
    glance: &Glance,
    created: &Created,
    name: &str,
    tags: Vec<String>,
) -> images::Image {
    let img = glance
        .call(&images::create(&CreateImage {
            name: Some(name.into()),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            visibility: Some(Visibility::Private),
            tags,
            ..Default::default()
        }))
        .await
        .expect("create image");
    created.add(&img.id);
    img
}

#[tokio::test(flavor = "multi_thread")]
async fn streamed_data_states_tags_members() {
    let admin = cloud::admin();
    let glance = admin.image();
    with_cleanup(&glance, |glance, created| async move {
        let name = cloud::unique("img");
        let img = new_image(&glance, &created, &name, vec![]).await;
        assert_eq!(img.status, ImageStatus::Queued);
        assert_eq!(img.visibility, Some(Visibility::Private));

        // 64 MiB generated while it is sent, hashed on the way.
        let sent_md5 = Arc::new(Mutex::new(md5::Context::new()));
        glance
            .upload(
                &images::upload(&img.id),
                image_data::generated(64 * MIB, MIB, sent_md5.clone()),
            )
            .await
            .expect("streamed upload");
        let sent = image_data::hex(&sent_md5);
        let img = glance
            .wait_for_status(
                &images::get(&img.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(img.size, Some(64 * MIB as u64));
        assert_eq!(
            img.checksum.as_deref(),
            Some(sent.as_str()),
            "Glance's md5 of what was sent"
        );
        assert_eq!(img.os_hash_algo.as_deref(), Some("sha512"));

        // Download as a stream, hashed while it streams.
        let (len, got, largest) =
            image_data::hash_stream(glance.download(&images::download(&img.id)).await.unwrap())
                .await
                .unwrap();
        assert_eq!(len, 64 * MIB as u64);
        assert_eq!(
            Some(got.as_str()),
            img.checksum.as_deref(),
            "md5 of the downloaded stream"
        );
        assert!(
            largest < 64 * MIB,
            "the body came in chunks ({largest} bytes max)"
        );

        // Tags.
        glance
            .call(&images::TAGS.add(&img.id, "ferro-a"))
            .await
            .unwrap();
        glance
            .call(&images::TAGS.add(&img.id, "ferro b"))
            .await
            .unwrap();
        let mut tags = glance.call(&images::get(&img.id)).await.unwrap().tags;
        tags.sort();
        assert_eq!(tags, ["ferro b", "ferro-a"]);
        glance
            .call(&images::TAGS.remove(&img.id, "ferro-a"))
            .await
            .unwrap();
        assert_eq!(
            glance.call(&images::get(&img.id)).await.unwrap().tags,
            ["ferro b"]
        );

        // JSON Patch from typed changes.
        let img = glance
            .call(&images::update(
                &img.id,
                &[
                    ImageUpdate::Name(format!("{name}-renamed")),
                    ImageUpdate::AddProperty("os_distro".into(), Value::from("cirros")),
                    ImageUpdate::AddProperty("ferro_gone".into(), Value::from("x")),
                    ImageUpdate::MinRam(64),
                    ImageUpdate::Protected(true),
                ],
            ))
            .await
            .expect("patch");
        assert_eq!(
            img.name.as_deref(),
            Some(format!("{name}-renamed").as_str())
        );
        assert_eq!(img.properties["os_distro"], "cirros");
        assert_eq!((img.min_ram, img.protected), (Some(64), true));
        let err = glance.call(&images::delete(&img.id)).await.unwrap_err();
        assert!(err.is_forbidden(), "deleting a protected image: {err}");
        let img = glance
            .call(&images::update(
                &img.id,
                &[
                    ImageUpdate::RemoveProperty("ferro_gone".into()),
                    ImageUpdate::ReplaceProperty("os_distro".into(), Value::from("ubuntu")),
                    ImageUpdate::Protected(false),
                ],
            ))
            .await
            .unwrap();
        assert!(!img.properties.contains_key("ferro_gone"));
        assert_eq!(img.properties["os_distro"], "ubuntu");
        let err = glance
            .call(&images::update(
                &img.id,
                &[ImageUpdate::RemoveProperty("ferro_never_set".into())],
            ))
            .await
            .unwrap_err();
        assert!(err.status().is_some_and(|s| s.is_client_error()), "{err}");

        // Members: share with the demo project, which accepts.
        let demo = cloud::demo();
        let demo_project = demo.token().await.unwrap().info.project.clone().unwrap().id;
        glance
            .call(&images::update(
                &img.id,
                &[ImageUpdate::Visibility(Visibility::Shared)],
            ))
            .await
            .unwrap();
        let m = glance
            .call(&members::create(&img.id, &demo_project))
            .await
            .expect("add member");
        assert_eq!(
            (m.member_id.as_str(), &m.status),
            (demo_project.as_str(), &MemberStatus::Pending)
        );
        let m = demo
            .image()
            .call(&members::update(
                &img.id,
                &demo_project,
                MemberStatus::Accepted,
            ))
            .await
            .expect("accept");
        assert_eq!(m.status, MemberStatus::Accepted);
        assert_eq!(
            glance
                .call(&members::get(&img.id, &demo_project))
                .await
                .unwrap()
                .status,
            MemberStatus::Accepted
        );
        let all = glance.call(&members::list(&img.id)).await.unwrap();
        assert_eq!(all.len(), 1);
        let seen = demo
            .image()
            .collect_all(images::list(&ListImages {
                member_status: Some("accepted".into()),
                name: img.name.clone(),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(seen.len(), 1);
        // Deactivate: data is refused to non-admins (403; admins still may), then
        // reactivate.
        glance
            .call(&images::deactivate(&img.id))
            .await
            .expect("deactivate");
        assert_eq!(
            glance.call(&images::get(&img.id)).await.unwrap().status,
            ImageStatus::Deactivated
        );
        let err = match demo.image().download(&images::download(&img.id)).await {
            Ok(_) => panic!("a deactivated image's data was served to a member"),
            Err(e) => e,
        };
        assert!(err.is_forbidden(), "{err}");
        glance
            .call(&images::reactivate(&img.id))
            .await
            .expect("reactivate");
        assert_eq!(
            glance.call(&images::get(&img.id)).await.unwrap().status,
            ImageStatus::Active
        );
        let mut data = demo
            .image()
            .download(&images::download(&img.id))
            .await
            .expect("member download");
        let first = futures::TryStreamExt::try_next(&mut data)
            .await
            .unwrap()
            .unwrap();
        assert!(!first.is_empty());
        drop(data);

        glance
            .call(&members::delete(&img.id, &demo_project))
            .await
            .unwrap();
        assert!(glance
            .call(&members::get(&img.id, &demo_project))
            .await
            .unwrap_err()
            .is_not_found());

        glance.call(&images::delete(&img.id)).await.expect("delete");
        let err = glance.call(&images::get(&img.id)).await.unwrap_err();
        assert!(err.is_not_found(), "{err}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn paging_with_limit_two() {
    let admin = cloud::admin();
    let glance = admin.image();
    with_cleanup(&glance, |glance, created| async move {
        let tag = cloud::unique("page");
        let mut ids = Vec::new();
        for i in 0..3 {
            ids.push(
                new_image(&glance, &created, &format!("{tag}-{i}"), vec![tag.clone()])
                    .await
                    .id,
            );
        }
        ids.sort();
        let list = images::list(&ListImages {
            common: ferrocloud::ListCommon {
                tags: vec![tag.clone()],
                limit: Some(2),
                sort: vec![("name".into(), ferrocloud::SortDir::Asc)],
                ..Default::default()
            },
            ..Default::default()
        });
        let pages: Vec<_> =
            futures::TryStreamExt::try_collect::<Vec<_>>(glance.pages(list.clone()))
                .await
                .unwrap();
        assert_eq!(
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
            [2, 1]
        );
        let names: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|i| i.name.clone().unwrap()))
            .collect();
        assert_eq!(
            names,
            (0..3).map(|i| format!("{tag}-{i}")).collect::<Vec<_>>()
        );
        let mut all: Vec<String> = glance
            .collect_all(list)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        all.sort();
        assert_eq!(all, ids);
        // Filters that exclude: a status no image of this batch has.
        let none = glance
            .collect_all(images::list(&ListImages {
                status: Some(ImageStatus::Active),
                common: ferrocloud::ListCommon {
                    tags: vec![tag.clone()],
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(none.is_empty());
    })
    .await;
}

/// A one-file HTTP server on an allowed port of Glance's `[import_filtering_opts]`.
struct FileServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FileServer {
    fn start(body: Arc<Vec<u8>>) -> FileServer {
        let (listener, port) = [8765u16, 8080, 8000]
            .into_iter()
            .find_map(|p| TcpListener::bind(("127.0.0.1", p)).ok().map(|l| (l, p)))
            .expect("one of the ports Glance allows (8765, 8080, 8000) is free");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut conn) = conn else { continue };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let is_head = head.starts_with(b"HEAD");
                let _ = write!(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                if !is_head {
                    let _ = conn.write_all(&body);
                }
            }
        });
        FileServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/disk.raw", self.port)
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn import_task_and_interoperable_import() {
    let admin = cloud::admin();
    let glance = admin.image();
    let data: Arc<Vec<u8>> = Arc::new((0..MIB).map(|i| (i % 253) as u8).collect());
    let want_md5 = format!("{:x}", md5::compute(data.as_slice()));
    let server = FileServer::start(data.clone());
    let url = server.url();
    let admin_client = admin.client().clone();
    with_cleanup(&glance, |glance, created| async move {
        // Discovery.
        let info = glance.call(&images::import_info()).await.unwrap();
        assert!(
            info.import_methods
                .value
                .iter()
                .any(|m| m == "glance-direct"),
            "{:?}",
            info.import_methods.value
        );

        // Legacy import task, polled to a terminal status.
        let task = glance
            .call(&tasks::create(&CreateTask::import(
                &url, "raw", "raw", "bare",
            )))
            .await
            .expect("create task");
        assert_eq!(task.kind.as_deref(), Some("import"));
        let done = glance
            .wait_for_status(
                &tasks::get(&task.id),
                &[tasks::TaskStatus::Success, tasks::TaskStatus::Failure],
                &[],
                wait(),
            )
            .await
            .unwrap();
        let image_id = done
            .result
            .as_ref()
            .and_then(|r| r.get("image_id"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if let Some(id) = &image_id {
            created.add(id);
        }
        assert_eq!(
            done.status,
            TaskStatus::Success,
            "task message: {:?}",
            done.message
        );
        let imported = glance
            .wait_for_status(
                &images::get(image_id.as_deref().unwrap()),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(imported.checksum.as_deref(), Some(want_md5.as_str()));
        let listed = glance
            .collect_all(tasks::list(&ListTasks {
                kind: Some("import".into()),
                status: Some(TaskStatus::Success),
                common: ferrocloud::ListCommon {
                    limit: Some(2),
                    ..Default::default()
                },
            }))
            .await
            .unwrap();
        assert!(listed.iter().any(|t| t.id == task.id), "the task is listed");

        // glance-direct: stage streamed data, then import it.
        let img = new_image(&glance, &created, &cloud::unique("direct"), vec![]).await;
        let md5 = Arc::new(Mutex::new(md5::Context::new()));
        glance
            .upload(
                &images::stage(&img.id),
                image_data::generated(3 * MIB, 256 * 1024, md5.clone()),
            )
            .await
            .expect("stage");
        let staged = image_data::hex(&md5);
        assert_eq!(
            glance.call(&images::get(&img.id)).await.unwrap().status,
            ImageStatus::Uploading
        );
        glance
            .call(&images::import(
                &img.id,
                &ImportImage::new(ImportMethod::GlanceDirect),
            ))
            .await
            .expect("import");
        let img = glance
            .wait_for_status(
                &images::get(&img.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed, images::ImageStatus::Queued],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(img.checksum.as_deref(), Some(staged.as_str()));
        let itasks = glance.call(&images::image_tasks(&img.id)).await.unwrap();
        assert!(
            itasks
                .iter()
                .any(|t| t.kind.as_deref() == Some("api_image_import")),
            "{itasks:?}"
        );
        // The image turns active just before its import task records success.
        let id = img.id.clone();
        let task = admin_client
            .wait_for("the import task to succeed", wait(), || async {
                let tasks = glance.call(&images::image_tasks(&id)).await?;
                Ok(tasks.into_iter().find(|t| t.status == TaskStatus::Success))
            })
            .await
            .unwrap();
        assert!(
            task.request_id.is_some() && task.user_id.is_some(),
            "{task:?}"
        );

        // web-download from the same server.
        let web = new_image(&glance, &created, &cloud::unique("web"), vec![]).await;
        glance
            .call(&images::import(
                &web.id,
                &ImportImage::new(ImportMethod::WebDownload { uri: url.clone() }),
            ))
            .await
            .expect("web-download");
        let web = glance
            .wait_for_status(
                &images::get(&web.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(web.checksum.as_deref(), Some(want_md5.as_str()));
    })
    .await;
    drop(server);
}
