//! The error text of every service of the real local cloud: a real 404, 400 and 409 from
//! Keystone, Nova, Neutron, Cinder, Glance and Heat. Each error's `Display` must be one
//! clean line: no HTML tags (Glance's JSON faults hold `<br /><br />`), no raw newlines,
//! the service's own message and the request id.
//!
//! What a 409 needs (a flavor, a volume type, a security group, an image, a stack) is made
//! with a unique name and deleted before anything is asserted.

use std::time::Duration;

use ferrocloud::orchestration::stacks::{self, CreateStack};
use ferrocloud::orchestration::Template;
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
    if !id.starts_with("req-") || !shown.contains(&format!("(request id {id})")) {
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

    // ---- clean up, then assert ----
    let mut leftovers = Vec::new();
    for (svc, op) in &cleanup {
        if let Err(e) = svc.call(op).await {
            leftovers.push(e.to_string());
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
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert_eq!(cases.len(), 19, "every service, every status");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(leftovers.is_empty(), "cleanup failed: {leftovers:?}");
}

fn setup_failed(what: &'static str, e: Error) -> Case {
    Case {
        what,
        status: 409,
        says: format!("(setup failed: {e})"),
        got: Err(e),
    }
}
