//! Heat against the real local cloud: create from an inline template, wait, list
//! resources, update, get by name (redirect), delete.

use std::time::Duration;

use ferrocloud::orchestration::resources::{self, ListResources};
use ferrocloud::orchestration::stacks::{self, CreateStack, UpdateStack};
use ferrocloud::orchestration::{events, templates, Template};
use ferrocloud::{Error, Wait};
use ferrocloud_tests::cloud;
use serde_json::json;

use crate::support;

const TEMPLATE: &str = "heat_template_version: 2018-08-31
parameters:
  length:
    type: number
    default: 8
resources:
  secret:
    type: OS::Heat::RandomString
    properties:
      length: {get_param: length}
  nothing:
    type: OS::Heat::None
outputs:
  value:
    value: {get_attr: [secret, value]}
";

fn wait() -> Wait {
    support::wait(180).every(Duration::from_secs(2))
}

#[tokio::test(flavor = "multi_thread")]
async fn stack_lifecycle() {
    let admin = cloud::admin();
    let heat = admin.orchestration();
    let name = cloud::unique("stack").replace('-', "_");

    let valid = heat
        .call(&templates::validate(&templates::ValidateTemplate {
            template: Template::text(TEMPLATE),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(valid.parameters.contains_key("length"));

    let created = heat
        .call(&stacks::create(&CreateStack {
            stack_name: name.clone(),
            template: Template::text(TEMPLATE),
            parameters: [("length".to_owned(), json!(12))].into(),
            tags: vec!["ferro".into()],
            timeout_mins: Some(5),
            ..Default::default()
        }))
        .await
        .unwrap();
    let result = flow(&heat, &name, &created.id).await;
    let deleted = heat.call(&stacks::delete(&name, &created.id)).await;
    // Heat keeps answering `GET stacks/{name}/{id}` (and the name) with DELETE_COMPLETE;
    // listings leave them out once Heat purges them.
    let done = heat
        .wait_for_status(
            &stacks::get_by(&name, &created.id),
            &["DELETE_COMPLETE"],
            &["DELETE_FAILED"],
            wait(),
        )
        .await;
    let listed = heat
        .collect_all(stacks::list(&stacks::ListStacks {
            name: vec![name.clone()],
            ..Default::default()
        }))
        .await;
    result.unwrap();
    deleted.unwrap();
    done.unwrap();
    // Heat drops the row from listings shortly after DELETE_COMPLETE.
    let listed = listed.unwrap();
    assert!(
        listed
            .iter()
            .all(|s| s.stack_status.as_deref() == Some("DELETE_COMPLETE")),
        "{listed:?}"
    );
}

async fn flow<T: ferrocloud::Transport>(
    heat: &ferrocloud::Service<T>,
    name: &str,
    id: &str,
) -> Result<(), Error> {
    let stack = heat
        .wait_for_status(
            &stacks::get_by(name, id),
            &["CREATE_COMPLETE"],
            &["CREATE_FAILED"],
            wait(),
        )
        .await?;
    assert_eq!(stack.stack_name, name);
    assert_eq!(stack.tags.as_deref(), Some(&["ferro".to_owned()][..]));

    let res = heat
        .call(&resources::list(
            name,
            id,
            &ListResources {
                nested_depth: Some(1),
                ..Default::default()
            },
        ))
        .await?;
    let mut types: Vec<&str> = res.iter().map(|r| r.resource_type.as_str()).collect();
    types.sort();
    assert_eq!(types, ["OS::Heat::None", "OS::Heat::RandomString"]);
    let secret = heat.call(&resources::get(name, id, "secret")).await?;
    assert_eq!(secret.resource_status.as_deref(), Some("CREATE_COMPLETE"));
    let out = heat.call(&stacks::output(name, id, "value")).await?;
    assert_eq!(
        out.output_value
            .as_ref()
            .and_then(|v| v.as_str())
            .map(str::len),
        Some(12)
    );
    let evs = heat
        .collect_all(events::list(name, id, &Default::default()))
        .await?;
    assert!(!evs.is_empty());
    let tpl = heat.call(&stacks::template(name, id)).await?;
    assert!(tpl["resources"]["nothing"].is_object());
    let env = heat.call(&stacks::environment(name, id)).await?;
    assert_eq!(env.parameters.get("length"), Some(&json!(12)));

    // Patch-update: keep the template, change a parameter.
    heat.call(&stacks::patch_update(
        name,
        id,
        &UpdateStack {
            parameters: [("length".to_owned(), json!(20))].into(),
            ..Default::default()
        },
    ))
    .await?;
    let stack = heat
        .wait_for_status(
            &stacks::get_by(name, id),
            &["UPDATE_COMPLETE"],
            &["UPDATE_FAILED"],
            wait(),
        )
        .await?;
    assert_eq!(stack.parameters.get("length"), Some(&json!("20")));

    // Full update (PUT): the template goes again.
    heat.call(&stacks::update(
        name,
        id,
        &UpdateStack {
            template: Some(Template::text(TEMPLATE)),
            parameters: [("length".to_owned(), json!(16))].into(),
            ..Default::default()
        },
    ))
    .await?;
    heat.wait_for_status(
        &stacks::get_by(name, id),
        &["UPDATE_COMPLETE"],
        &["UPDATE_FAILED"],
        wait(),
    )
    .await?;

    // By name alone: Heat answers 302 to /stacks/{name}/{id}, which the driver follows.
    let by_name = heat.call(&stacks::get(name)).await?;
    assert_eq!(by_name.id, id);
    let by_id = heat.call(&stacks::find(id)).await?;
    assert_eq!(by_id.stack_name, name);
    let listed = heat
        .collect_all(stacks::list(&stacks::ListStacks {
            name: vec![name.to_owned()],
            ..Default::default()
        }))
        .await?;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].stack_status.as_deref(), Some("UPDATE_COMPLETE"));
    Ok(())
}
