//! The error text of every service of the real local cloud: a real 404, 400 and 409 from
//! Keystone, Nova, Neutron, Cinder, Glance, Heat, Octavia, Placement, Magnum and Swift
//! (Swift also its 412). Each error's `Display` must be one clean line: no HTML
//! tags (Glance's JSON faults hold `<br /><br />`, Swift answers with small HTML pages), no
//! raw newlines, the service's own message and the request id (`req-…`; Swift's is its
//! transaction id `tx…`, sent as `X-Openstack-Request-Id` beside `X-Trans-Id`).
//!
//! What a 409 needs (a flavor, a volume type, a security group, an image, a stack, an
//! Octavia flavor and profile, a resource provider, a project with a Magnum quota, a
//! container with an object) is made with a unique name and deleted before anything is
//! asserted.

use std::time::Duration;

use ferrocloud::container_infra::{cluster_templates, clusters, quotas};
use ferrocloud::load_balancer::{flavor_profiles, flavors, loadbalancers};
use ferrocloud::object_storage::{containers, objects};
use ferrocloud::orchestration::stacks::{self, CreateStack};
use ferrocloud::orchestration::Template;
use ferrocloud::placement::inventories::{self, Inventories, Inventory};
use ferrocloud::placement::resource_providers::{self, CreateResourceProvider};
use ferrocloud::placement::MAX_MICROVERSION;
use ferrocloud::{path, query, Error, Op, Service, Transport, Wait};
use ferrocloud_tests::cloud;
use serde_json::{json, Value};

/// One provoked error and what its text must say.
struct Case {
    what: &'static str,
    status: u16,
    says: String,
    got: Result<Value, Error>,
}

async fn call<T: Transport>(svc: &Service<T>, op: Op<Value>) -> Result<Value, Error> {
    svc.call(&op).await
}

fn get(p: Result<String, ferrocloud::InvalidInput>) -> Op<Value> {
    Op::get(p).decode_body()
}

fn post(p: Result<String, ferrocloud::InvalidInput>, body: Value) -> Op<Value> {
    Op::post(p).json(&body).decode_body()
}

/// A typed operation's result, its success shown as text (only a failure is asserted on).
fn typed<T: std::fmt::Debug>(r: Result<T, Error>) -> Result<Value, Error> {
    r.map(|v| json!(format!("{v:?}")))
}

/// The request id a service sends: Swift's transaction id (`tx…`), everyone else's
/// `req-…`.
fn id_prefix(what: &str) -> &'static str {
    if what.starts_with("swift") {
        "tx"
    } else {
        "req-"
    }
}

/// `<` followed by a tag-like word: `<br`, `</p`, `<h1`, `<html`, `<!--`.
fn html_tag(s: &str) -> Option<&str> {
    s.match_indices('<').map(|(i, _)| &s[i..]).find(|rest| {
        let t = rest[1..].trim_start_matches('/');
        t.starts_with('!')
            || [
                "br", "p>", "p ", "h1", "h2", "html", "head", "body", "title", "div", "pre",
            ]
            .iter()
            .any(|tag| t.to_ascii_lowercase().starts_with(tag))
    })
}

fn check(case: &Case) -> Result<(), String> {
    let err = match &case.got {
        Ok(v) => {
            return Err(format!(
                "{}: expected {} but it succeeded: {v}",
                case.what, case.status
            ))
        }
        Err(e) => e,
    };
    let shown = err.to_string();
    let mut problems = Vec::new();
    if err.status().map(|s| s.as_u16()) != Some(case.status) {
        problems.push(format!(
            "status {:?}, expected {}",
            err.status(),
            case.status
        ));
    }
    if let Some(tag) = html_tag(&shown) {
        problems.push(format!("an HTML tag: {}", &tag[..tag.len().min(20)]));
    }
    if shown.contains(['\n', '\r']) || shown.chars().any(char::is_control) {
        problems.push("control characters (newlines)".into());
    }
    if shown.contains("  ") {
        problems.push("whitespace not collapsed".into());
    }
    if !shown.contains(&case.says) {
        problems.push(format!("not the service's message {:?}", case.says));
    }
    let id = err.request_id().unwrap_or_default();
    if !id.starts_with(id_prefix(case.what)) || !shown.contains(&format!("(request id {id})")) {
        problems.push(format!("no request id (got {id:?})"));
    }
    if shown.len() > 1500 {
        problems.push(format!("{} bytes long", shown.len()));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}\n    in {shown:?}",
            case.what,
            problems.join("; ")
        ))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_service_reports_its_404_400_and_409_as_one_clean_line_with_its_message_and_request_id(
) {
    let admin = cloud::admin();
    let keystone = admin.identity();
    let nova = admin.compute();
    let neutron = admin.network();
    let cinder = admin.block_storage();
    let glance = admin.image();
    let heat = admin.orchestration();
    let octavia = admin.load_balancer();
    let placement = admin.placement().microversion(MAX_MICROVERSION);
    let magnum = admin.container_infra();
    let swift = admin.object_storage();
    let missing = "ferro-missing-0000";
    let missing_uuid = "00000000-0000-4000-8000-00000000f00d";
    let mut cases = Vec::new();

    // ---- 404 ----
    cases.push(Case {
        what: "keystone 404",
        status: 404,
        says: format!("Could not find user: {missing}."),
        got: call(&keystone, get(path!("users/{}", missing))).await,
    });
    cases.push(Case {
        what: "nova 404",
        status: 404,
        says: format!("Instance {missing} could not be found."),
        got: call(&nova, get(path!("servers/{}", missing))).await,
    });
    cases.push(Case {
        what: "neutron 404",
        status: 404,
        says: format!("Network {missing} could not be found."),
        got: call(&neutron, get(path!("networks/{}", missing))).await,
    });
    cases.push(Case {
        what: "cinder 404",
        status: 404,
        says: format!("Volume {missing} could not be found."),
        got: call(&cinder, get(path!("volumes/{}", missing))).await,
    });
    // Glance's JSON: {"message": "No image found with ID …<br /><br />\n\n\n", …}
    cases.push(Case {
        what: "glance 404",
        status: 404,
        says: format!("No image found with ID {missing_uuid}"),
        got: call(&glance, get(path!("images/{}", missing_uuid))).await,
    });
    cases.push(Case {
        what: "heat 404",
        status: 404,
        says: format!("The Stack ({missing}) could not be found."),
        got: call(&heat, get(path!("stacks/{}", missing))).await,
    });
    cases.push(Case {
        what: "octavia 404",
        status: 404,
        says: format!("Load Balancer {missing} not found."),
        got: typed(octavia.call(&loadbalancers::get(missing)).await),
    });
    // Placement: "The resource could not be found.\n\n No resource provider with uuid … found  "
    cases.push(Case {
        what: "placement 404",
        status: 404,
        says: format!("No resource provider with uuid {missing_uuid} found"),
        got: typed(placement.call(&resource_providers::get(missing_uuid)).await),
    });
    cases.push(Case {
        what: "magnum 404",
        status: 404,
        says: format!("Cluster {missing} could not be found."),
        got: typed(magnum.call(&clusters::get(missing)).await),
    });
    // Swift: "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
    // (a GET: a HEAD's 404 has no body, so no message beyond the status).
    cases.push(Case {
        what: "swift 404 (container)",
        status: 404,
        says: "returned 404 Not Found: The resource could not be found. (request id tx".into(),
        got: typed(
            swift
                .call(&objects::download(missing, "obj", &Default::default()))
                .await,
        ),
    });

    // ---- 400 ----
    cases.push(Case {
        what: "keystone 400",
        status: 400,
        says: "Invalid input for field/attribute name.".into(),
        got: call(
            &keystone,
            post(path!("projects"), json!({"project": {"name": ""}})),
        )
        .await,
    });
    cases.push(Case {
        what: "nova 400",
        status: 400,
        says: "Invalid input for query parameters limit.".into(),
        got: call(
            &nova,
            get(path!("servers")).query(query!(limit: Some("abc"))),
        )
        .await,
    });
    cases.push(Case {
        what: "neutron 400",
        status: 400,
        says: "Invalid input for operation: 'abc' is not an integer.".into(),
        got: call(
            &neutron,
            post(path!("networks"), json!({"network": {"mtu": "abc"}})),
        )
        .await,
    });
    cases.push(Case {
        what: "cinder 400",
        status: 400,
        says: "limit param must be an integer".into(),
        got: call(
            &cinder,
            get(path!("volumes")).query(query!(limit: Some("abc"))),
        )
        .await,
    });
    // Glance: "limit param must be an integer<br /><br />\n\n\n"
    cases.push(Case {
        what: "glance 400 (query)",
        status: 400,
        says: "limit param must be an integer".into(),
        got: call(
            &glance,
            get(path!("images")).query(query!(limit: Some("abc"))),
        )
        .await,
    });
    // Glance: a schema error spread over many indented lines.
    cases.push(Case {
        what: "glance 400 (schema)",
        status: 400,
        says: "Provided object does not match schema 'image': 'nope' is not one of".into(),
        got: call(
            &glance,
            post(
                path!("images"),
                json!({"name": cloud::unique("bad-image"), "disk_format": "nope"}),
            ),
        )
        .await,
    });
    cases.push(Case {
        what: "heat 400",
        status: 400,
        says: "Only integer is acceptable by 'limit'.".into(),
        got: call(
            &heat,
            get(path!("stacks")).query(query!(limit: Some("abc"))),
        )
        .await,
    });
    // Octavia: a listener with a protocol it does not know (checked before the load
    // balancer is looked up, so nothing is made).
    cases.push(Case {
        what: "octavia 400",
        status: 400,
        says: "Invalid input for field/attribute protocol. Value: 'NOPE'. Value should be one of:".into(),
        got: call(
            &octavia,
            post(
                path!("lbaas/listeners"),
                json!({"listener": {"protocol": "NOPE", "protocol_port": 80, "loadbalancer_id": missing_uuid}}),
            ),
        )
        .await,
    });
    // Placement: a provider with an empty name.
    cases.push(Case {
        what: "placement 400",
        status: 400,
        says: "Object action create failed because: name is required".into(),
        got: typed(
            placement
                .call(&resource_providers::create(&CreateResourceProvider {
                    name: String::new(),
                    ..Default::default()
                }))
                .await,
        ),
    });
    // Magnum: a cluster template with an orchestration engine it does not know.
    cases.push(Case {
        what: "magnum 400",
        status: 400,
        says: "Invalid input for field/attribute coe. Value: 'nope'.".into(),
        got: typed(
            magnum
                .call(&cluster_templates::create(
                    &cluster_templates::CreateClusterTemplate {
                        name: Some(cloud::unique("err-template")),
                        coe: "nope".into(),
                        image_id: missing_uuid.into(),
                        ..Default::default()
                    },
                ))
                .await,
        ),
    });

    // ---- 409 ----
    // Keystone: a second project named `admin` in the default domain (nothing is made).
    cases.push(Case {
        what: "keystone 409",
        status: 409,
        says: "Conflict occurred attempting to store project".into(),
        got: call(
            &keystone,
            post(
                path!("projects"),
                json!({"project": {"name": "admin", "domain_id": "default"}}),
            ),
        )
        .await,
    });

    let mut cleanup: Vec<(Service<_>, Op<Value>)> = Vec::new();

    // Nova: a second flavor with the same name.
    let flavor = cloud::unique("err-flavor");
    let flavor_body = json!({"flavor": {"name": flavor, "ram": 64, "vcpus": 1, "disk": 0}});
    match call(&nova, post(path!("flavors"), flavor_body.clone())).await {
        Ok(made) => {
            let id = made["flavor"]["id"].as_str().unwrap_or_default().to_owned();
            cleanup.push((
                nova.clone(),
                Op::delete(path!("flavors/{}", id)).decode_body(),
            ));
            cases.push(Case {
                what: "nova 409",
                status: 409,
                says: format!("Flavor with name {flavor} already exists."),
                got: call(&nova, post(path!("flavors"), flavor_body)).await,
            });
        }
        Err(e) => cases.push(setup_failed("nova 409", e)),
    }

    // Cinder: a second volume type with the same name.
    let vtype = cloud::unique("err-type");
    let type_body = json!({"volume_type": {"name": vtype}});
    match call(&cinder, post(path!("types"), type_body.clone())).await {
        Ok(made) => {
            let id = made["volume_type"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            cleanup.push((
                cinder.clone(),
                Op::delete(path!("types/{}", id)).decode_body(),
            ));
            cases.push(Case {
                what: "cinder 409",
                status: 409,
                says: format!("Volume Type {vtype} already exists."),
                got: call(&cinder, post(path!("types"), type_body)).await,
            });
        }
        Err(e) => cases.push(setup_failed("cinder 409", e)),
    }

    // Neutron: the same rule twice in a new security group (deleted with the group).
    match call(
        &neutron,
        post(
            path!("security-groups"),
            json!({"security_group": {"name": cloud::unique("err-sg")}}),
        ),
    )
    .await
    {
        Ok(made) => {
            let id = made["security_group"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            cleanup.push((
                neutron.clone(),
                Op::delete(path!("security-groups/{}", id)).decode_body(),
            ));
            let rule = json!({"security_group_rule": {"security_group_id": id, "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22}});
            let first = call(&neutron, post(path!("security-group-rules"), rule.clone())).await;
            cases.push(match first {
                Ok(_) => Case {
                    what: "neutron 409",
                    status: 409,
                    says: "Security group rule already exists.".into(),
                    got: call(&neutron, post(path!("security-group-rules"), rule)).await,
                },
                Err(e) => setup_failed("neutron 409", e),
            });
        }
        Err(e) => cases.push(setup_failed("neutron 409", e)),
    }

    // Glance: a second image with the same id.
    let image_body = json!({"name": cloud::unique("err-image"), "disk_format": "raw", "container_format": "bare"});
    match call(&glance, post(path!("images"), image_body.clone())).await {
        Ok(made) => {
            let id = made["id"].as_str().unwrap_or_default().to_owned();
            cleanup.push((
                glance.clone(),
                Op::delete(path!("images/{}", id)).decode_body(),
            ));
            let mut again = image_body;
            again["id"] = json!(id);
            cases.push(Case {
                what: "glance 409",
                status: 409,
                says: format!("Image ID {id} already exists!"),
                got: call(&glance, post(path!("images"), again)).await,
            });
        }
        Err(e) => cases.push(setup_failed("glance 409", e)),
    }

    // Heat: a second stack with the same name (an empty template: nothing to build).
    let stack_name = cloud::unique("err-stack").replace('-', "_");
    let stack = CreateStack {
        stack_name: stack_name.clone(),
        template: Template::text("heat_template_version: 2018-08-31\nresources: {}\n"),
        ..Default::default()
    };
    let mut made_stack = None;
    match heat.call(&stacks::create(&stack)).await {
        Ok(made) => {
            made_stack = Some(made.id.clone());
            cases.push(Case {
                what: "heat 409",
                status: 409,
                says: format!("The Stack ({stack_name}) already exists."),
                got: heat
                    .call(&stacks::create(&stack))
                    .await
                    .map(|s| json!({"id": s.id})),
            });
        }
        Err(e) => cases.push(setup_failed("heat 409", e)),
    }

    // What a case shows besides its text (the kind of a Placement conflict).
    let mut kinds = Vec::new();

    // Octavia: a second flavor with the same name, then deleting the profile it uses.
    let profile = flavor_profiles::CreateFlavorProfile::new(
        &cloud::unique("err-lbprofile"),
        "amphora",
        &json!({}),
    );
    match octavia.call(&flavor_profiles::create(&profile)).await {
        Ok(made_profile) => {
            let flavor = flavors::CreateFlavor {
                name: cloud::unique("err-lbflavor"),
                flavor_profile_id: made_profile.id.clone(),
                ..Default::default()
            };
            match octavia.call(&flavors::create(&flavor)).await {
                Ok(made) => {
                    cleanup.push((
                        octavia.clone(),
                        Op::delete(path!("lbaas/flavors/{}", made.id)).decode_body(),
                    ));
                    cases.push(Case {
                        what: "octavia 409 (name)",
                        status: 409,
                        says: format!("A flavor of {} already exists.", flavor.name),
                        got: typed(octavia.call(&flavors::create(&flavor)).await),
                    });
                    cases.push(Case {
                        what: "octavia 409 (in use)",
                        status: 409,
                        says: format!(
                            "Flavor profile {} is in use and cannot be modified.",
                            made_profile.id
                        ),
                        got: typed(
                            octavia
                                .call(&flavor_profiles::delete(&made_profile.id))
                                .await,
                        ),
                    });
                }
                Err(e) => cases.push(setup_failed("octavia 409", e)),
            }
            cleanup.push((
                octavia.clone(),
                Op::delete(path!("lbaas/flavorprofiles/{}", made_profile.id)).decode_body(),
            ));
        }
        Err(e) => cases.push(setup_failed("octavia 409", e)),
    }

    // Placement: a second provider with the same name, then inventories written with a
    // generation the new provider (generation 0) never had.
    let rp_name = cloud::unique("err-rp");
    let rp = CreateResourceProvider {
        name: rp_name.clone(),
        ..Default::default()
    };
    match placement.call(&resource_providers::create(&rp)).await {
        Ok(made) => {
            cleanup.push((
                placement.clone(),
                Op::delete(path!("resource_providers/{}", made.uuid)).decode_body(),
            ));
            // `create` asks for 1.20, before Placement's error codes (1.23): ask for the
            // latest to get the code.
            let again = placement
                .call(&resource_providers::create(&rp).microversion(MAX_MICROVERSION))
                .await;
            if again.as_ref().is_err_and(Error::is_generation_conflict) {
                kinds.push((
                    "placement 409 (name): is_generation_conflict()",
                    "false",
                    Some("true".into()),
                ));
            }
            kinds.push((
                "placement 409 (name)",
                "placement.duplicate_name",
                kind_of(&again),
            ));
            cases.push(Case {
                what: "placement 409 (name)",
                status: 409,
                says: format!("Conflicting resource provider name: {rp_name} already exists."),
                got: typed(again),
            });
            let stale = placement
                .call(&inventories::put_all(
                    &made.uuid,
                    &Inventories {
                        inventories: [("VCPU".to_string(), Inventory::total(1))].into(),
                        resource_provider_generation: made.generation + 7,
                        ..Default::default()
                    },
                ))
                .await;
            kinds.push((
                "placement 409 (generation)",
                "placement.concurrent_update",
                kind_of(&stale),
            ));
            if !stale.as_ref().is_err_and(Error::is_generation_conflict) {
                kinds.push((
                    "placement 409 (generation): is_generation_conflict()",
                    "true",
                    Some("false".into()),
                ));
            }
            cases.push(Case {
                what: "placement 409 (generation)",
                status: 409,
                says: "There was a conflict when trying to complete your request. resource provider generation conflict".into(),
                got: typed(stale),
            });
        }
        Err(e) => cases.push(setup_failed("placement 409", e)),
    }

    // Magnum: a second quota for the same project and resource (the project is a new one,
    // so no other test's quota is touched).
    match call(
        &keystone,
        post(
            path!("projects"),
            json!({"project": {"name": cloud::unique("err-project"), "domain_id": "default"}}),
        ),
    )
    .await
    {
        Ok(made) => {
            let project = made["project"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let quota = quotas::SetQuota::clusters(&project, 7);
            match magnum.call(&quotas::create(&quota)).await {
                Ok(_) => {
                    cleanup.push((
                        magnum.clone(),
                        Op::delete(path!("quotas/{}/{}", project, "Cluster")).decode_body(),
                    ));
                    cases.push(Case {
                        what: "magnum 409",
                        status: 409,
                        says: format!(
                            "Quota for project {project} already exists for resource Cluster."
                        ),
                        got: typed(magnum.call(&quotas::create(&quota)).await),
                    });
                }
                Err(e) => cases.push(setup_failed("magnum 409", e)),
            }
            cleanup.push((
                keystone.clone(),
                Op::delete(path!("projects/{}", project)).decode_body(),
            ));
        }
        Err(e) => cases.push(setup_failed("magnum 409", e)),
    }

    // Swift: a container with one object. Its 400 (an expiry in the past), 412
    // (`If-None-Match: *` over the object) and 409 (deleting the container while it holds
    // the object). Swift's 411 (no length) is out of reach: the SDK's PUT without a
    // body is accepted (201).
    let bucket = cloud::unique("err-container");
    let mut made_bucket = false;
    let made_object = match swift
        .call(&containers::create(&bucket, &Default::default()))
        .await
    {
        Ok(()) => {
            made_bucket = true;
            swift
                .call(&objects::create(&bucket, "o", &Default::default(), "x"))
                .await
        }
        Err(e) => Err(e),
    };
    match made_object {
        Ok(_) => {
            cases.push(Case {
                what: "swift 404 (object)",
                status: 404,
                says: "returned 404 Not Found: The resource could not be found. (request id tx"
                    .into(),
                got: typed(
                    swift
                        .call(&objects::download(&bucket, "nope", &Default::default()))
                        .await,
                ),
            });
            cases.push(Case {
                what: "swift 400",
                status: 400,
                says: "returned 400 Bad Request: X-Delete-At in past (request id tx".into(),
                got: typed(
                    swift
                        .call(&objects::create(
                            &bucket,
                            "o-past",
                            &objects::UploadObject {
                                delete_at: Some(1),
                                ..Default::default()
                            },
                            "x",
                        ))
                        .await,
                ),
            });
            cases.push(Case {
                what: "swift 412",
                status: 412,
                says: "returned 412 Precondition Failed: A precondition for this request was not met. (request id tx".into(),
                got: typed(
                    swift
                        .call(&objects::create(
                            &bucket,
                            "o",
                            &objects::UploadObject {
                                if_none_match_any: true,
                                ..Default::default()
                            },
                            "y",
                        ))
                        .await,
                ),
            });
            cases.push(Case {
                what: "swift 409",
                status: 409,
                says: "returned 409 Conflict: There was a conflict when trying to complete your request. (request id tx".into(),
                got: typed(swift.call(&containers::delete(&bucket)).await),
            });
        }
        Err(e) => cases.push(setup_failed("swift 409", e)),
    }
    if made_bucket {
        // Those a case might have made by mistake too (a 404 here is no leftover).
        for name in ["o", "o-past"] {
            cleanup.push((
                swift.clone(),
                Op::delete(path!("{}/{}", bucket, name)).decode_body(),
            ));
        }
        cleanup.push((swift.clone(), Op::delete(path!("{}", bucket)).decode_body()));
    }

    // ---- clean up, then assert ----
    let mut leftovers = Vec::new();
    for (svc, op) in &cleanup {
        match svc.call(op).await {
            Err(e) if !e.is_not_found() => leftovers.push(e.to_string()),
            _ => {}
        }
    }
    if let Some(id) = &made_stack {
        let gone = async {
            heat.call(&stacks::delete(&stack_name, id)).await?;
            heat.wait_for_status(
                &stacks::get_by(&stack_name, id),
                &[stacks::StackStatus::DeleteComplete],
                &[stacks::StackStatus::DeleteFailed],
                Wait::timeout(Duration::from_secs(120)).every(Duration::from_secs(2)),
            )
            .await
        };
        if let Err(e) = gone.await {
            leftovers.push(e.to_string());
        }
    }

    for c in &cases {
        if let Err(e) = &c.got {
            eprintln!("{:>20}: {e}", c.what);
        }
    }
    let mut failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    for (what, want, got) in &kinds {
        if got.as_deref() != Some(*want) {
            failures.push(format!("{what}: kind {got:?}, expected {want:?}"));
        }
    }
    assert_eq!(cases.len(), 35, "every service, every status");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(leftovers.is_empty(), "cleanup failed: {leftovers:?}");
}

/// The fault kind of a failed call (Placement's error `code`).
fn kind_of<T>(r: &Result<T, Error>) -> Option<String> {
    r.as_ref().err()?.http()?.fault.kind.clone()
}

fn setup_failed(what: &'static str, e: Error) -> Case {
    Case {
        what,
        status: 409,
        says: format!("(setup failed: {e})"),
        got: Err(e),
    }
}
