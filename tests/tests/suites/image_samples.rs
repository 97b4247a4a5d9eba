//! Glance v2 samples (images, members, tags, tasks, import): every response parses into
//! its type, every request is reproduced as a JSON value, with method and path checked
//! against ENDPOINTS.tsv. Other Glance resources are listed as exceptions with reasons.

use ferrocloud::image::images::{self, CreateImage, Image, ImageUpdate, ImportImage, ImportMethod};
use ferrocloud::image::members::{self, MemberStatus};
use ferrocloud::image::tasks::{self, CreateTask, TaskStatus};
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

const IMAGE: &str = "1bea47ed-f6a9-463b-b423-14b9cca9ad27";
const MEMBER: &str = "8989447062e04a818baf9e073fd04fa7";

fn glance() -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::IMAGE, "http://glance.example:9292").unwrap()
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &glance(), file, op)
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &glance(), file, op)
}

fn image_complete(file: &str, i: &Image) {
    assert!(!i.id.is_empty(), "{file}");
    assert!(
        i.properties.is_empty(),
        "{file}: fields left as properties: {:?}",
        i.properties.keys()
    );
    assert!(
        i.created_at.is_some() && i.schema.is_some() && i.self_link.is_some(),
        "{file}"
    );
}

#[test]
fn image_samples() {
    let mut cov = Coverage::new();
    let files = samples::files_under("image");
    assert!(files.len() > 70, "the corpus is incomplete");

    // --- images ---
    request(
        &mut cov,
        "image/image-create-request.json",
        images::create(&CreateImage {
            id: Some("b2173dd3-7ad6-4362-baa6-a68bce3565cb".into()),
            name: Some("Ubuntu".into()),
            container_format: Some("bare".into()),
            disk_format: Some("raw".into()),
            ..Default::default()
        }),
    );
    let created = response(
        &mut cov,
        "image/image-create-response.json",
        images::create(&CreateImage::default()),
    );
    image_complete("create", &created);
    assert_eq!(created.status, images::ImageStatus::Queued);
    assert_eq!(created.size, None);
    let shown = response(
        &mut cov,
        "image/image-show-response.json",
        images::get(IMAGE),
    );
    image_complete("show", &shown);
    assert_eq!(shown.os_hash_algo.as_deref(), Some("sha512"));
    assert_eq!(shown.size, Some(13167616));
    request(
        &mut cov,
        "image/image-update-request.json",
        images::update(
            IMAGE,
            &[
                ImageUpdate::Name("Fedora 17".into()),
                ImageUpdate::Tags(vec!["fedora".into(), "beefy".into()]),
            ],
        ),
    );
    let updated = response(
        &mut cov,
        "image/image-update-response.json",
        images::update(IMAGE, &[ImageUpdate::Name("x".into())]),
    );
    image_complete("update", &updated);
    let list = response(
        &mut cov,
        "image/images-list-response.json",
        images::list(&Default::default()),
    );
    assert!(list.len() >= 2);
    for i in &list {
        image_complete("list", i);
    }
    // No ENDPOINTS.tsv row: the api-ref shows it under "deactivate" without a method.
    let deact = response(
        &mut cov,
        "image/image-details-deactivate-response.json",
        images::get(IMAGE),
    );
    assert_eq!(deact.status, images::ImageStatus::Deactivated);

    // --- import ---
    let info = response(
        &mut cov,
        "image/image-info-import-response.json",
        images::import_info(),
    );
    assert_eq!(
        info.import_methods.value,
        vec!["glance-direct", "web-download"]
    );
    let stores = || {
        Some(vec![
            "common".into(),
            "cheap".into(),
            "fast".into(),
            "reliable".into(),
        ])
    };
    request(
        &mut cov,
        "image/image-import-c-i-request.json",
        images::import(
            IMAGE,
            &ImportImage {
                method: ImportMethod::CopyImage,
                stores: stores(),
                all_stores: Some(false),
                all_stores_must_succeed: Some(false),
            },
        ),
    );
    request(
        &mut cov,
        "image/image-import-g-d-request.json",
        images::import(
            IMAGE,
            &ImportImage {
                method: ImportMethod::GlanceDirect,
                stores: stores(),
                all_stores: None,
                all_stores_must_succeed: Some(false),
            },
        ),
    );
    request(
        &mut cov,
        "image/image-import-gd-request.json",
        images::import(
            IMAGE,
            &ImportImage::new(ImportMethod::GlanceDownload {
                glance_image_id: "c4705b36-b281-40f6-a01d-bf98883ead8e".into(),
                glance_region: "REGION2".into(),
                glance_service_interface: Some("public".into()),
            }),
        ),
    );
    request(
        &mut cov,
        "image/image-import-w-d-request.json",
        images::import(
            IMAGE,
            &ImportImage {
                method: ImportMethod::WebDownload {
                    uri: "https://download.cirros-cloud.net/0.4.0/cirros-0.4.0-ppc64le-disk.img"
                        .into(),
                },
                stores: None,
                all_stores: Some(true),
                all_stores_must_succeed: Some(true),
            },
        ),
    );
    let itasks = response(
        &mut cov,
        "image/image-tasks-show-response.json",
        images::image_tasks(IMAGE),
    );
    assert_eq!(itasks.len(), 1);
    assert_eq!(itasks[0].status, TaskStatus::Processing);
    assert_eq!(
        itasks[0].request_id.as_deref(),
        Some("rrrrrrr-rrrr-rrrr-rrrr-rrrrrrrrrrrr")
    );
    assert!(itasks[0].extra.is_empty(), "{:?}", itasks[0].extra);

    // --- members ---
    request(
        &mut cov,
        "image/image-member-create-request.json",
        members::create(IMAGE, MEMBER),
    );
    request(
        &mut cov,
        "image/image-member-update-request.json",
        members::update(IMAGE, MEMBER, MemberStatus::Accepted),
    );
    let m = response(
        &mut cov,
        "image/image-member-create-response.json",
        members::create(IMAGE, MEMBER),
    );
    assert_eq!(
        (m.member_id.as_str(), &m.status),
        (MEMBER, &MemberStatus::Pending)
    );
    let m = response(
        &mut cov,
        "image/image-member-update-response.json",
        members::update(IMAGE, MEMBER, MemberStatus::Accepted),
    );
    assert_eq!(m.status, MemberStatus::Accepted);
    let m = response(
        &mut cov,
        "image/image-member-details-response.json",
        members::get(IMAGE, MEMBER),
    );
    assert!(m.extra.is_empty() && m.created_at.is_some());
    let ms = response(
        &mut cov,
        "image/image-members-list-response.json",
        members::list(IMAGE),
    );
    assert_eq!(ms.len(), 2);

    // --- tasks ---
    let t = samples::json("image/task-create-request.json");
    let input = &t["input"];
    request(
        &mut cov,
        "image/task-create-request.json",
        tasks::create(&CreateTask::import(
            input["import_from"].as_str().unwrap(),
            input["import_from_format"].as_str().unwrap(),
            input["image_properties"]["disk_format"].as_str().unwrap(),
            input["image_properties"]["container_format"]
                .as_str()
                .unwrap(),
        )),
    );
    let created = response(
        &mut cov,
        "image/task-create-response.json",
        tasks::create(&CreateTask::import("u", "raw", "raw", "bare")),
    );
    assert_eq!(created.status, TaskStatus::Pending);
    for (f, want) in [
        ("image/task-show-failure-response.json", TaskStatus::Failure),
        (
            "image/task-show-processing-response.json",
            TaskStatus::Processing,
        ),
        ("image/task-show-success-response.json", TaskStatus::Success),
    ] {
        let task = response(
            &mut cov,
            f,
            tasks::get("bb480de2-7077-4ea9-bbe9-be1891290d3e"),
        );
        assert_eq!(task.status, want, "{f}");
        assert!(task.extra.is_empty(), "{f}: {:?}", task.extra);
        assert!(
            task.kind.as_deref() == Some("import") && task.input.is_some(),
            "{f}"
        );
    }
    let all = response(
        &mut cov,
        "image/tasks-list-response.json",
        tasks::list(&Default::default()),
    );
    assert_eq!(all.len(), 2);

    // --- exceptions ---
    for f in &files {
        let name = f.trim_start_matches("image/");
        let reason = if name.starts_with("metadef-") {
            "out of scope: metadata definitions (metadefs)"
        } else if name.starts_with("schemas-") {
            "out of scope: JSON schemas"
        } else if name.starts_with("versions/") {
            "out of scope: version discovery"
        } else if name.starts_with("stores-") {
            "out of scope: multi-store discovery (info/stores)"
        } else if name.starts_with("usage-") {
            "out of scope: quota usage (info/usage)"
        } else if name.starts_with("cache-") {
            "out of scope: image cache"
        } else if name.contains("location") {
            "out of scope: image locations"
        } else {
            continue;
        };
        cov.except(f, reason);
    }
    cov.assert_complete("image", &files);
}

#[test]
fn glance_paging_follows_next() {
    use ferrocloud::Paginated;
    let svc = glance();
    let list = images::list(&images::ListImages {
        common: ferrocloud::ListCommon {
            limit: Some(2),
            ..Default::default()
        },
        ..Default::default()
    });
    let req = list.first_request(&svc).unwrap();
    assert_eq!(req.uri(), "http://glance.example:9292/v2/images?limit=2");
    let page = list
        .parse_page(&svc, &req, http::Response::new(
            r#"{"images": [{"id": "a"}, {"id": "b"}], "first": "/v2/images?limit=2", "next": "/v2/images?marker=b&limit=2", "schema": "/v2/schemas/images"}"#.into(),
        ))
        .unwrap();
    assert_eq!(
        page.next_url().as_deref(),
        Some("http://glance.example:9292/v2/images?marker=b&limit=2")
    );
    let tasks = tasks::list(&tasks::ListTasks {
        status: Some(TaskStatus::Success),
        common: ferrocloud::ListCommon {
            sort: vec![("created_at".into(), ferrocloud::SortDir::Asc)],
            ..Default::default()
        },
        ..Default::default()
    });
    assert_eq!(
        tasks.first_request(&svc).unwrap().uri(),
        "http://glance.example:9292/v2/tasks?status=success&sort_key=created_at&sort_dir=asc"
    );
}
