//! Heat's stack and event lists against the real Heat: stacks page by Heat's own `links`
//! (a page without a next link is the last: no request past it), events by marker.

use std::time::Duration;

use ferrocloud::orchestration::stacks::{self, CreateStack, ListStacks};
use ferrocloud::orchestration::{events, Template};
use ferrocloud::Wait;
use ferrocloud_tests::cloud;

const TEMPLATE: &str = "heat_template_version: 2018-08-31
resources:
  a:
    type: OS::Heat::None
  b:
    type: OS::Heat::None
";

#[tokio::test(flavor = "multi_thread")]
async fn stack_lists_stop_at_the_last_page_and_events_page_by_marker() {
    let (transport, client) = cloud::counting("oscloud-admin", |_| {});
    let heat = client.orchestration();
    let tag = cloud::unique("tag").replace('-', "_");
    let mut created = Vec::new();
    for i in 0..2 {
        let name = format!("{tag}_{i}");
        match heat
            .call(&stacks::create(&CreateStack {
                stack_name: name.clone(),
                template: Template::text(TEMPLATE),
                tags: vec![tag.clone()],
                timeout_mins: Some(5),
                ..Default::default()
            }))
            .await
        {
            Ok(s) => created.push((name, s.id)),
            Err(e) => {
                cleanup(&heat, &created).await;
                panic!("create: {e}");
            }
        }
    }
    let result = async {
        for (name, id) in &created {
            let wait = Wait::timeout(Duration::from_secs(180));
            heat.wait_for_status(
                &stacks::get_by(name, id),
                &[stacks::StackStatus::CreateComplete],
                &[stacks::StackStatus::CreateFailed],
                wait,
            )
            .await
            .map_err(|e| format!("wait: {e}"))?;
        }
        let by_tag = |limit| ListStacks {
            common: ferrocloud::ListCommon {
                tags: vec![tag.clone()],
                limit,
                ..Default::default()
            },
            ..Default::default()
        };
        // No limit: one page, one request (the old marker paging asked for a second).
        let before = transport.total();
        let all = heat
            .collect_all(stacks::list(&by_tag(None)))
            .await
            .map_err(|e| e.to_string())?;
        let requests = transport.total() - before;
        if all.len() != 2 || requests != 1 {
            return Err(format!("{} stacks in {requests} requests", all.len()));
        }
        // A page shorter than the limit carries no next link: one request.
        let before = transport.total();
        let all = heat
            .collect_all(stacks::list(&by_tag(Some(5))))
            .await
            .map_err(|e| e.to_string())?;
        let requests = transport.total() - before;
        if all.len() != 2 || requests != 1 {
            return Err(format!(
                "limit 5: {} stacks in {requests} requests",
                all.len()
            ));
        }
        // Full pages link the next one: limit 1 lists both, one per page.
        let pages: Vec<usize> = {
            use futures::TryStreamExt;
            heat.pages(stacks::list(&by_tag(Some(1))))
                .map_ok(|p| p.items.len())
                .try_collect()
                .await
                .map_err(|e| e.to_string())?
        };
        if pages.iter().sum::<usize>() != 2 || pages.iter().any(|&n| n > 1) {
            return Err(format!("limit 1 pages: {pages:?}"));
        }
        // Events by marker: the paged list equals the unpaged one.
        let (name, id) = &created[0];
        let whole = heat
            .collect_all(events::list(name, id, &Default::default()))
            .await
            .map_err(|e| e.to_string())?;
        let paged = heat
            .collect_all(events::list(
                name,
                id,
                &events::ListEvents {
                    common: ferrocloud::ListCommon {
                        limit: Some(1),
                        ..Default::default()
                    },
                    ..Default::default()
                },
            ))
            .await
            .map_err(|e| e.to_string())?;
        let ids = |v: &[events::Event]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        if whole.len() < 2 || ids(&whole) != ids(&paged) {
            return Err(format!("events: {:?} vs {:?}", ids(&whole), ids(&paged)));
        }
        Ok::<_, String>(())
    }
    .await;
    cleanup(&heat, &created).await;
    result.unwrap();
}

async fn cleanup<T: ferrocloud::Transport>(
    heat: &ferrocloud::Service<T>,
    created: &[(String, String)],
) {
    // Heat deletes in the background; nothing here depends on waiting for it.
    for (name, id) in created {
        let _ = heat.call(&stacks::delete(name, id)).await;
    }
}
