//! Heat samples: every response parses, every request is reproduced as a JSON value, with
//! method and path checked against ENDPOINTS.tsv.

use ferrocloud::orchestration::resources::{self, ListResourceTypes, ListResources};
use ferrocloud::orchestration::stacks::{self, AdoptStack, CreateStack, UpdateStack};
use ferrocloud::orchestration::{build_info, events, templates, Template};
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};
use serde_json::{json, Value};

fn heat() -> ServiceEndpoint {
    ServiceEndpoint::new(
        ServiceType::ORCHESTRATION,
        "http://example.com:8004/v1/eb1c63a4",
    )
    .unwrap()
}

fn response<O: Operation>(cov: &mut Coverage, sample: &str, op: O) -> O::Output {
    samples::check_response(cov, &heat(), sample, op)
}

fn request<O: Operation>(cov: &mut Coverage, sample: &str, op: O) {
    samples::check_request(cov, &heat(), sample, op)
}

fn o(name: &str) -> String {
    format!("orchestration/{name}")
}

#[test]
fn orchestration_samples() {
    let mut cov = Coverage::new();
    let (n, id) = ("teststack", "3095aefc-09fb-4bc7-b1f0-f21a304e864c");

    // Create / preview: the template is an inline JSON object.
    let sample = samples::json(&o("stack-create-request.json"));
    let create = CreateStack {
        stack_name: "teststack".into(),
        template: Template::Inline(sample["template"].clone()),
        files: Some(Default::default()),
        parameters: [("flavor".to_owned(), json!("m1.heat"))].into(),
        disable_rollback: Some(true),
        timeout_mins: Some(60),
        ..Default::default()
    };
    request(
        &mut cov,
        &o("stack-create-request.json"),
        stacks::create(&create),
    );
    samples::assert_request(
        &o("stack-create-request.json"),
        &stacks::preview(&create).request(&heat()).unwrap(),
    );
    let created = response(
        &mut cov,
        &o("stack-create-response.json"),
        stacks::create(&create),
    );
    assert_eq!(created.id, id);
    assert_eq!(created.links[0].rel, Some(ferrocloud::LinkRel::Itself));
    let preview = response(
        &mut cov,
        &o("stack-preview-response.json"),
        stacks::preview(&create),
    );
    let res = preview.resources.expect("preview resources");
    assert!(res
        .iter()
        .any(|r| r.resource_type == "OS::Neutron::SecurityGroup"));

    // Adopt.
    let adopt = samples::json(&o("stack-adopt-request.json"));
    request(
        &mut cov,
        &o("stack-adopt-request.json"),
        stacks::adopt(&AdoptStack {
            stack_name: "new_stack".into(),
            adopt_stack_data: adopt["adopt_stack_data"].clone(),
            timeout_mins: Some(30),
            ..Default::default()
        }),
    );

    // Update (PUT and PATCH share the body), update preview.
    let sample = samples::json(&o("stack-update-request.json"));
    let update = UpdateStack {
        template: Some(Template::Inline(sample["template"].clone())),
        parameters: [("flavor".to_owned(), json!("m1.small"))].into(),
        ..Default::default()
    };
    request(
        &mut cov,
        &o("stack-update-request.json"),
        stacks::update(n, id, &update),
    );
    for req in [
        stacks::patch_update(n, id, &update)
            .request(&heat())
            .unwrap(),
        stacks::preview_update(n, id, &update, false)
            .request(&heat())
            .unwrap(),
        stacks::preview_update(n, id, &update, true)
            .request(&heat())
            .unwrap(),
    ] {
        samples::assert_request(&o("stack-update-request.json"), &req);
    }
    response(
        &mut cov,
        &o("stack-update-response.json"),
        stacks::update(n, id, &update),
    );
    response(
        &mut cov,
        &o("stack-update-response.json"),
        stacks::patch_update(n, id, &update),
    );
    let changes = response(
        &mut cov,
        &o("stack-update-preview-response.json"),
        stacks::preview_update(n, id, &update, false),
    );
    assert_eq!((changes.unchanged.len(), changes.updated.len()), (1, 1));
    // Heat itself wraps the changes in "resource_changes".
    let wrapped =
        json!({"resource_changes": samples::json(&o("stack-update-preview-response.json"))});
    let p = stacks::preview_update(n, id, &update, true)
        .parse(http::Response::new(wrapped.to_string().into()))
        .unwrap();
    assert_eq!(p, changes);

    // Actions.
    for (file, op) in [
        ("stack-action-suspend-request.json", stacks::suspend(n, id)),
        ("stack-action-resume-request.json", stacks::resume(n, id)),
        ("stack-action-check-request.json", stacks::check(n, id)),
        (
            "stack-action-cancel-update-request.json",
            stacks::cancel_update(n, id),
        ),
        (
            "stack-action-cancel-without-rollback-request.json",
            stacks::cancel_without_rollback(n, id),
        ),
    ] {
        request(&mut cov, &o(file), op);
    }

    // Reads.
    let s = response(
        &mut cov,
        &o("stack-show-response.json"),
        stacks::get_by(n, id),
    );
    assert_eq!(s.stack_status.as_deref(), Some("CREATE_COMPLETE"));
    assert_eq!(
        ferrocloud::HasStatus::status(&s),
        Some(stacks::StackStatus::CreateComplete)
    );
    let list = response(
        &mut cov,
        &o("stacks-list-response.json"),
        stacks::list(&Default::default()),
    );
    assert_eq!(list[0].stack_name, "simple_stack");
    // `GET /stacks/{name_or_id}` answers 302 with this body; the driver follows Location.
    let found = samples::json(cov.check(&o("stack-find-response.json")));
    assert_eq!(found["code"], "302 Found");
    samples::assert_endpoint(
        &o("stack-find-response.json"),
        &stacks::find("s1").request(&heat()).unwrap(),
    );
    let found = samples::json(cov.check(&o("stack-find-delete-response.json")));
    assert_eq!(found["title"], "Found");
    let abandoned = response(
        &mut cov,
        &o("stack-abandon-response.json"),
        stacks::abandon(n, id),
    );
    assert!(abandoned.resources.contains_key("server"));
    let exported = response(
        &mut cov,
        &o("stack-export-response.json"),
        stacks::export(n, id),
    );
    assert_eq!(exported.action.as_deref(), Some("SUSPEND"));
    let env = response(
        &mut cov,
        &o("stack-environment-show-response.json"),
        stacks::environment(n, id),
    );
    assert!(env.parameters.is_empty() && env.resource_registry.contains_key("resources"));
    let files = response(
        &mut cov,
        &o("stack-files-show-response.json"),
        stacks::files(n, id),
    );
    assert!(files.contains_key("file:///home/username/hello.sh"));
    let tpl = response(
        &mut cov,
        &o("template-show-response.json"),
        stacks::template(n, id),
    );
    assert_eq!(tpl["heat_template_version"], "2013-05-23");
    let outs = response(
        &mut cov,
        &o("stack-outputs-list-response.json"),
        stacks::outputs(n, id),
    );
    assert!(outs[0].output_value.is_none());
    let out = response(
        &mut cov,
        &o("stack-output-show-response.json"),
        stacks::output(n, id, "output_name"),
    );
    assert_eq!(out.output_value, Some(json!("output_value")));

    // Resources and types.
    let rs = response(
        &mut cov,
        &o("resources-list-response.json"),
        resources::list(
            n,
            id,
            &ListResources {
                nested_depth: Some(2),
                ..Default::default()
            },
        ),
    );
    assert_eq!(rs[0].resource_status.as_deref(), Some("CREATE_COMPLETE"));
    let r = response(
        &mut cov,
        &o("resource-show-response.json"),
        resources::get(n, id, "random_key_name"),
    );
    assert_eq!(r.attributes.unwrap()["value"], "I9S20uIp");
    let md = response(
        &mut cov,
        &o("resource-metadata-response.json"),
        resources::metadata(n, id, "r"),
    );
    assert_eq!(md["some_key"], "some_value");
    let types = response(
        &mut cov,
        &o("resource-types-list-response.json"),
        resources::list_types(&Default::default()),
    );
    assert_eq!(types[0].name(), "AWS::EC2::Instance");
    let described = response(
        &mut cov,
        &o("resource-types-list-advanced-response.json"),
        resources::list_types(&ListResourceTypes {
            with_description: true,
            ..Default::default()
        }),
    );
    assert!(matches!(
        described[0],
        resources::ResourceTypeEntry::Described { .. }
    ));
    let schema = response(
        &mut cov,
        &o("resource-schema-response.json"),
        resources::type_schema("OS::X::Y"),
    );
    assert!(schema.properties.contains_key("a_property"));
    for (file, kind) in [
        ("resource-type-template-response.json", None),
        ("resource-type-template-hot-response.json", Some("hot")),
    ] {
        let t: Value = response(
            &mut cov,
            &o(file),
            resources::type_template("OS::Nova::KeyPair", kind),
        );
        assert!(t.is_object());
    }

    // Events.
    let evs = response(
        &mut cov,
        &o("events-list-response.json"),
        events::list(n, id, &Default::default()),
    );
    assert_eq!(evs[0].resource_status.as_deref(), Some("CREATE_FAILED"));
    samples::assert_endpoint(
        &o("events-list-response.json"),
        &events::list_for_resource(n, id, "port", &Default::default())
            .request(&heat())
            .unwrap(),
    );
    let ev = response(
        &mut cov,
        &o("event-show-response.json"),
        events::get(n, id, "r", "e"),
    );
    assert!(ev.resource_properties.is_some());
    let found = samples::json(cov.check(&o("events-find-response.json")));
    assert_eq!(found["code"], "302 Found");
    samples::assert_endpoint(
        &o("events-find-response.json"),
        &events::find("s1", &Default::default())
            .request(&heat())
            .unwrap(),
    );

    // Templates.
    request(
        &mut cov,
        &o("template-validate-request.json"),
        templates::validate(&templates::ValidateTemplate {
            template: Template::Url(
                "/PATH_TO_HEAT_TEMPLATES/WordPress_Single_Instance.template".into(),
            ),
            ..Default::default()
        }),
    );
    let v = response(
        &mut cov,
        &o("template-validate-response.json"),
        templates::validate(&templates::ValidateTemplate {
            template: Template::text("x: y"),
            ..Default::default()
        }),
    );
    assert!(v.parameters.contains_key("key_name") && v.parameter_groups.len() == 1);
    let vs = response(
        &mut cov,
        &o("template-versions-response.json"),
        templates::versions(),
    );
    assert!(vs.iter().any(|v| v.kind == "hot"));
    let fs = response(
        &mut cov,
        &o("template-functions-list-response.json"),
        templates::functions("heat_template_version.2016-10-14"),
    );
    assert!(!fs.is_empty());

    // Snapshots.
    request(
        &mut cov,
        &o("stack-snapshot-request.json"),
        stacks::create_snapshot(n, id, Some("vol_snapshot")),
    );
    let snap = response(
        &mut cov,
        &o("stack-snapshot-response.json"),
        stacks::create_snapshot(n, id, None),
    );
    assert_eq!(
        ferrocloud::HasStatus::status(&snap),
        Some(stacks::Progress::InProgress)
    );
    let snaps = response(
        &mut cov,
        &o("stack-snapshots-list-response.json"),
        stacks::snapshots(n, id),
    );
    assert_eq!(snaps.len(), 1);
    let snap = response(
        &mut cov,
        &o("stack-snapshot-show-response.json"),
        stacks::snapshot(n, id, "7c4e"),
    );
    assert!(snap.data.is_some());
    response(
        &mut cov,
        &o("stack-snapshot-restore-response.json"),
        stacks::restore_snapshot(n, id, "7c4e"),
    );

    let info = response(&mut cov, &o("build-info-response.json"), build_info::get());
    assert_eq!(
        (
            info.api.revision.as_deref(),
            info.engine.revision.as_deref()
        ),
        (
            Some("{api_build_revision}"),
            Some("{engine_build_revision}")
        )
    );

    for (prefix, what) in [
        ("config-", "software configs"),
        ("deployment", "software deployments"),
        ("services-list", "heat-engine services (admin)"),
        ("versions-list", "version discovery"),
    ] {
        for file in samples::files_under("orchestration") {
            if file
                .trim_start_matches("orchestration/")
                .starts_with(prefix)
            {
                cov.except(&file, &format!("out of scope: {what}"));
            }
        }
    }
    cov.assert_complete("orchestration", &samples::files_under("orchestration"));
    assert!(cov.checked() >= 38, "{}", cov.checked());
}
