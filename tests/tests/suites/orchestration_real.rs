//! Heat against the real local cloud: create from an inline template, wait, list
//! resources, update, get by name (redirect), delete.

use std::time::Duration;

use ferrocloud::orchestration::resources::{self, ListResources};
use ferrocloud::orchestration::stacks::{self, CreateStack, UpdateStack};
use ferrocloud::orchestration::{build_info, events, templates, Template};
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
            &[stacks::StackStatus::DeleteComplete],
            &[stacks::StackStatus::DeleteFailed],
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
            &[stacks::StackStatus::CreateComplete],
            &[stacks::StackStatus::CreateFailed],
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
    // By the name alone: Heat redirects to the stack's address, the driver follows.
    let mut found: Vec<String> = heat
        .call(&resources::find(name))
        .await?
        .into_iter()
        .map(|r| r.resource_type)
        .collect();
    found.sort();
    assert_eq!(found, types);
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
            &[stacks::StackStatus::UpdateComplete],
            &[stacks::StackStatus::UpdateFailed],
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
        &[stacks::StackStatus::UpdateComplete],
        &[stacks::StackStatus::UpdateFailed],
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

/// Heat reads `tags`, `tags_any`, `not_tags` and `not_tags_any`, and ignores names it does
/// not know (so a misspelt filter returns every stack). Three stacks with different tags,
/// all with this run's tag: each filter must return exactly its subset.
#[tokio::test(flavor = "multi_thread")]
async fn each_stack_tag_filter_returns_exactly_the_stacks_it_names() {
    let admin = cloud::admin();
    let heat = admin.orchestration();
    let run = cloud::unique("tags");
    let tag = |t: &str| format!("{t}-{run}");
    let (a, b, c) = (tag("a"), tag("b"), tag("c"));
    let empty = "heat_template_version: 2018-08-31\nresources: {}\n";
    let wanted = [
        ("ab", vec![run.clone(), a.clone(), b.clone()]),
        ("a", vec![run.clone(), a.clone()]),
        ("c", vec![run.clone(), c.clone()]),
    ];
    let mut made: Vec<(String, String, &str)> = Vec::new();
    let mut create_errors = Vec::new();
    for (label, tags) in &wanted {
        let name = cloud::unique(&format!("tagged-{label}")).replace('-', "_");
        match heat
            .call(&stacks::create(&CreateStack {
                stack_name: name.clone(),
                template: Template::text(empty),
                tags: tags.clone(),
                ..Default::default()
            }))
            .await
        {
            Ok(s) => made.push((name, s.id, label)),
            Err(e) => create_errors.push(e.to_string()),
        }
    }

    // Each filter is combined with this run's tag, so other stacks never count.
    let filters: Vec<(&str, stacks::ListStacks, Vec<&str>)> = vec![
        (
            "tags (all of)",
            filter(&run, |f| f.common.tags.extend([a.clone(), b.clone()])),
            vec!["ab"],
        ),
        (
            "tags_any",
            filter(&run, |f| f.common.tags_any = vec![b.clone(), c.clone()]),
            vec!["ab", "c"],
        ),
        (
            "not_tags",
            filter(&run, |f| f.common.not_tags = vec![a.clone(), b.clone()]),
            vec!["a", "c"],
        ),
        (
            "not_tags_any",
            filter(&run, |f| f.common.not_tags_any = vec![a.clone()]),
            vec!["c"],
        ),
        (
            "not_tags_any (two)",
            filter(&run, |f| f.common.not_tags_any = vec![b.clone(), c.clone()]),
            vec!["a"],
        ),
        ("run tag only", filter(&run, |_| {}), vec!["a", "ab", "c"]),
    ];
    let mut results = Vec::new();
    for (what, f, expected) in &filters {
        let listed = heat.collect_all(stacks::list(f)).await;
        let got = listed.map(|stacks| {
            let mut labels: Vec<&str> = stacks
                .iter()
                .filter_map(|s| made.iter().find(|(_, id, _)| *id == s.id).map(|m| m.2))
                .collect();
            labels.sort();
            (labels, stacks.len())
        });
        results.push((*what, expected.clone(), got));
    }

    // Clean up before asserting.
    let mut leftovers = Vec::new();
    for (name, id, _) in &made {
        if let Err(e) = heat.call(&stacks::delete(name, id)).await {
            leftovers.push(e.to_string());
        }
    }
    for (name, id, _) in &made {
        let done = heat
            .wait_for_status(
                &stacks::get_by(name, id),
                &[stacks::StackStatus::DeleteComplete],
                &[stacks::StackStatus::DeleteFailed],
                wait(),
            )
            .await;
        if let Err(e) = done {
            leftovers.push(e.to_string());
        }
    }

    assert!(create_errors.is_empty(), "{create_errors:?}");
    for (what, expected, got) in results {
        let (labels, total) = got.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(labels, expected, "{what}");
        assert_eq!(total, expected.len(), "{what}: stacks of other runs listed");
    }
    assert!(leftovers.is_empty(), "cleanup: {leftovers:?}");
}

fn filter(run: &str, edit: impl FnOnce(&mut stacks::ListStacks)) -> stacks::ListStacks {
    let mut f = stacks::ListStacks {
        common: ferrocloud::ListCommon {
            tags: vec![run.to_owned()],
            ..Default::default()
        },
        ..Default::default()
    };
    edit(&mut f);
    f
}

/// Issue 22 item 7: every call with only the id the create answer holds. `get(id)` and
/// `locate(id)` follow Heat's 302 to `stacks/{name}/{id}`; the calls Heat only takes at
/// that address (an action, delete) use what `locate` found.
#[tokio::test(flavor = "multi_thread")]
async fn build_info_answers_for_the_api_and_the_engine() {
    let heat = cloud::demo().orchestration();
    let info = heat.call(&build_info::get()).await.expect("build_info");
    // The API answers for itself and asks the engine over RPC for its revision.
    for (what, build) in [("api", &info.api), ("engine", &info.engine)] {
        assert!(
            build.revision.as_deref().is_some_and(|r| !r.is_empty()),
            "{what} revision missing: {info:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn stack_calls_with_the_id_alone() {
    let demo = cloud::demo();
    let heat = demo.orchestration();
    let name = cloud::unique("byid").replace('-', "_");
    let created = heat
        .call(&stacks::create(&CreateStack {
            stack_name: name.clone(),
            template: Template::text(
                "heat_template_version: 2018-08-31\nresources:\n  r:\n    type: OS::Heat::None\noutputs:\n  o:\n    value: 42\n",
            ),
            ..Default::default()
        }))
        .await
        .unwrap();
    let id = created.id.clone();
    let result: Result<(), Error> = async {
        let stack = heat
            .wait_for_status(
                &stacks::get(&id),
                &[stacks::StackStatus::CreateComplete],
                &[stacks::StackStatus::CreateFailed],
                wait(),
            )
            .await?;
        assert_eq!(stack.outputs.len(), 1, "get resolves outputs: {stack:?}");
        let located = heat.call(&stacks::locate(&id)).await?;
        assert_eq!(
            (located.stack_name.as_str(), located.id.as_str()),
            (name.as_str(), id.as_str())
        );
        assert!(
            located.outputs.iter().all(|o| o.output_value.is_none()),
            "{located:?}"
        );
        heat.call(&stacks::suspend(&located.stack_name, &located.id))
            .await?;
        heat.wait_for_status(
            &stacks::get(&id),
            &[stacks::StackStatus::SuspendComplete],
            &[stacks::StackStatus::SuspendFailed],
            wait(),
        )
        .await?;
        let outputs = heat
            .call(&stacks::outputs(&located.stack_name, &located.id))
            .await?;
        assert_eq!(outputs.len(), 1, "{outputs:?}");
        heat.call(&stacks::delete(&located.stack_name, &located.id))
            .await?;
        heat.wait_for_status(
            &stacks::get(&id),
            &[stacks::StackStatus::DeleteComplete],
            &[stacks::StackStatus::DeleteFailed],
            wait(),
        )
        .await?;
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = heat.call(&stacks::delete(&name, &id)).await;
    }
    result.unwrap();
    let missing = heat
        .call(&stacks::locate("ffffffff-0000-4000-8000-000000000000"))
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing}");
}
